-- GET of fixed paths in turn (one per request); PATHS and AUTH are set by bench.py above this text.
kinds = {}
local i = 0
request = function()
  i = i + 1
  kinds.get = (kinds.get or 0) + 1
  local headers = {}
  if AUTH then headers["Authorization"] = AUTH end
  return wrk.format("GET", PATHS[(i % #PATHS) + 1], headers)
end
