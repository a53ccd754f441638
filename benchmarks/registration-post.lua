-- POSTs unique caregivers (unique name per thread and counter)
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() + tid * 7919)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Y29uc3VsZW50LWFtc3RlcmRhbTpkZW1v"
local first = {"Anna","Bram","Cor","Dewi","Emma","Fatima","Gijs","Hanna","Ibrahim","Jan","Kim","Lotte","Mohamed","Noor","Olga","Piet","Rik","Sanne","Tom","Yara"}
local last = {"de Vries","Jansen","Bakker","Visser","Smit","Meijer","de Boer","Mulder","de Groot","Bos","Vos","Peters","Hendriks","van Leeuwen","Dekker","Brouwer","de Wit","Dijkstra","Smits","de Graaf"}
request = function()
  counter = counter + 1
  local f = first[math.random(#first)]
  local l = last[math.random(#last)]
  local y = 1940 + math.random(0, 75)
  local pc = tostring(1000 + math.random(0, 8999)) .. string.char(65 + math.random(0, 25)) .. string.char(65 + math.random(0, 25))
  local body = string.format('{"naam":{"voornaam":"%s","achternaam":"%s %d-%d"},"geboortedatum":"%d-0%d-1%d","adres":{"huisnummer":%d,"postcode":"%s"},"werkend":%s}',
    f, l, tid, counter, y, math.random(1, 9), math.random(0, 9), math.random(1, 300), pc, (math.random(0,1) == 1) and "true" or "false")
  return wrk.format(nil, "/api/v1/gemeenten/GM0363/mantelzorgers", nil, body)
end
