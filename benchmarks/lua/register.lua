-- POSTs unique caregivers (registration) as consulent-amsterdam; RUN (a per-run tag) is set by bench.py, so names
-- never repeat across runs on the same database.
kinds = {}
local counter = 0
local nthreads = 0
tid = 0 -- set per thread by setup
function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
end
function init(args)
  math.randomseed(os.time() + tid * 7919)
end
local first = {"Anna","Bram","Cor","Dewi","Emma","Fatima","Gijs","Hanna","Ibrahim","Jan","Kim","Lotte","Mohamed","Noor","Olga","Piet","Rik","Sanne","Tom","Yara"}
local last = {"de Vries","Jansen","Bakker","Visser","Smit","Meijer","de Boer","Mulder","de Groot","Bos","Vos","Peters","Hendriks","van Leeuwen","Dekker","Brouwer","de Wit","Dijkstra","Smits","de Graaf"}
function registration()
  counter = counter + 1
  local f = first[math.random(#first)]
  local l = last[math.random(#last)]
  local pc = tostring(1000 + math.random(0, 8999)) .. string.char(65 + math.random(0, 25)) .. string.char(65 + math.random(0, 25))
  local body = string.format('{"naam":{"voornaam":"%s","achternaam":"%s %s%d-%d"},"geboortedatum":"%d-0%d-1%d","adres":{"huisnummer":%d,"postcode":"%s"},"werkend":%s}',
    f, l, RUN, tid, counter, 1940 + math.random(0, 75), math.random(1, 9), math.random(0, 9), math.random(1, 300), pc,
    (math.random(0, 1) == 1) and "true" or "false")
  return wrk.format("POST", "/api/v1/gemeenten/GM0363/mantelzorgers",
    {["Content-Type"] = "application/json", ["Authorization"] = AUTH}, body)
end
request = function()
  kinds.post = (kinds.post or 0) + 1
  return registration()
end
