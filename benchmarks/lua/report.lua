-- Appended to every scenario by benchmarks/bench.py: prints wrk's summary as one JSON line (prefix WRKJSON).
-- Scenarios count their own requests per kind in the thread-global table `kinds` (read back through setup's threads).
local report_threads = {}
local scenario_setup = setup
function setup(thread)
  table.insert(report_threads, thread)
  if scenario_setup then scenario_setup(thread) end
end
function done(summary, latency, requests)
  local kinds = {}
  for _, t in ipairs(report_threads) do
    local k = t:get("kinds")
    if k then
      for name, n in pairs(k) do kinds[name] = (kinds[name] or 0) + n end
    end
  end
  local parts = {}
  for name, n in pairs(kinds) do table.insert(parts, string.format('"%s":%d', name, n)) end
  local e = summary.errors
  io.write(string.format('WRKJSON {"durationUs":%d,"requests":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d},"kinds":{%s}}\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    table.concat(parts, ",")))
end
