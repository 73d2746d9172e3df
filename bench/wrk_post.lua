-- wrk script for the bench/ scenarios: POSTs the file named by BENCH_BODY to the URL's path, with
-- extra headers from BENCH_HEADERS ("name: value;name: value"), and prints one summary line
--   BENCH {"requests":N,"duration_us":...,"rps":...,"p50_us":...,"p99_us":...,"errors":...}
-- that the scripts parse. Errors count connect/read/write failures, timeouts and non-2xx/3xx.

local function read_file(path)
  local f = assert(io.open(path, "rb"), "cannot open BENCH_BODY " .. tostring(path))
  local data = f:read("*a")
  f:close()
  return data
end

wrk.method = "POST"
wrk.body = read_file(os.getenv("BENCH_BODY"))
wrk.headers["Content-Type"] = "application/json"

local extra = os.getenv("BENCH_HEADERS") or ""
for pair in string.gmatch(extra, "[^;]+") do
  local name, value = string.match(pair, "^%s*([^:]-)%s*:%s*(.-)%s*$")
  if name and name ~= "" then wrk.headers[name] = value end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"bytes":%d,"errors":%d,"status_errors":%d}\n',
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.bytes, errors, e.status))
end
