-- Vary the path over a list (one per line in $WRK_PATHS) and print the figures as JSON.
local paths = {}
local file = os.getenv("WRK_PATHS")
if file then
  for line in io.lines(file) do
    if #line > 0 then paths[#paths + 1] = line end
  end
end
local cookie = os.getenv("WRK_COOKIE")
local counter = 0

request = function()
  local headers = {}
  if cookie then headers["Cookie"] = cookie end
  local path = wrk.path
  if #paths > 0 then
    counter = counter + 1
    path = paths[(counter % #paths) + 1]
  end
  return wrk.format("GET", path, headers)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.timeout,
    summary.errors.status))
end
