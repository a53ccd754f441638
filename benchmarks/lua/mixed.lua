-- The soak mix (register.lua is prepended by bench.py): per request, by weight, a caregiver search (GET), a caregiver
-- read (GET, ids in IDS), a registration (POST) or a respite search (GET). DELAY_MS is the think time per connection.
local mix = {{"search", 35}, {"read", 30}, {"post", 10}, {"respite", 25}}
local names = {"anna", "bram", "jans", "de vr", "mulder", "fati", "leeuw", "sanne", "dijk", "noor"}
local words = {"zorg", "dag", "logeer", "dement", "ontm", "tuin", "muziek", "wand", "koken", "rust"}
local total = 0
for _, m in ipairs(mix) do total = total + m[2] end
request = function()
  local r = math.random(total)
  local kind
  for _, m in ipairs(mix) do
    if r <= m[2] then kind = m[1] break end
    r = r - m[2]
  end
  kinds[kind] = (kinds[kind] or 0) + 1
  local h = {["Authorization"] = AUTH}
  if kind == "post" then
    return registration()
  elseif kind == "search" then
    return wrk.format("GET", "/api/v1/gemeenten/GM0363/mantelzorgers?naam=" .. names[math.random(#names)]:gsub(" ", "%%20"), h)
  elseif kind == "read" then
    return wrk.format("GET", "/api/v1/gemeenten/GM0363/mantelzorgers/" .. IDS[math.random(#IDS)], h)
  else
    local q = "/api/v1/gemeenten/GM0363/respijtaanbod?zoekterm=" .. words[math.random(#words)] .. "&lat=52.2&lon=5.0"
    if math.random(2) == 1 then q = q .. "&maxAfstandKm=25" end
    return wrk.format("GET", q, h)
  end
end
delay = function()
  return DELAY_MS
end
