-- Appreciation applications over HTTP, each registering a new caregiver and care relation in the same call
-- (POST /waarderingsaanvragen with "mantelzorger" + "zorgrelatie"): registration checks, the rules evaluated,
-- the tenant-year lock, the grant and the audit entries, per request. Needs the modules registration and
-- appreciation enabled for GM0363 and a 'waardering.regels' policy for this year (benchmarks/README.md).
-- wrk -t2 -c8 -d60s --latency -s benchmarks/appreciation-apply.lua http://localhost:8181
local counter = 0
local run = os.time()   -- a new run registers new people (the same name, birth date and postcode is a duplicate)
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y29uc3VsZW50LWFtc3RlcmRhbTpkZW1v"
request = function()
  counter = counter + 1
  local body = string.format('{"jaar":%d,"aanvrager":"consulent",'
    .. '"mantelzorger":{"naam":{"voornaam":"Bench","achternaam":"Aanvraag %d-%d-%d"},"geboortedatum":"1970-03-0%d",'
    .. '"adres":{"huisnummer":%d,"postcode":"1012AB"},"woontInGemeente":true},'
    .. '"zorgrelatie":{"zorgvrager":{"naam":"Zorgvrager %d-%d","woontInGemeente":true},"relatie":"ouder",'
    .. '"zorgSinds":"2023-01-01","urenPerWeek":%d,"soortenZorg":["begeleiding"]}}',
    tonumber(os.date("%Y")), run, tid, counter, 1 + counter % 9, 1 + counter % 300, tid, counter, 4 + counter % 20)
  return wrk.format(nil, "/api/v1/gemeenten/GM0363/waarderingsaanvragen", nil, body)
end
local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
