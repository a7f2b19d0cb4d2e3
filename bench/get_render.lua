-- wrk script for bench/load.sh: GET /v1/renders/:id with the project key, cycling over the render ids that the
-- renders phase wrote. Each thread (one connection each) stops after its share of requests and appends a line to
-- the marker file; load.sh then interrupts wrk, which prints its report and the RESULT lines below.
-- Environment: PLATEN_KEY, BENCH_IDS_FILE, BENCH_PER_THREAD, BENCH_MARKER_FILE.

local ids = {}
local next_index = 1
local limit = 0
local answered = 0
local marker = nil

function init(args)
  for line in io.lines(os.getenv("BENCH_IDS_FILE")) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no render ids in " .. os.getenv("BENCH_IDS_FILE")) end
  limit = tonumber(os.getenv("BENCH_PER_THREAD"))
  marker = os.getenv("BENCH_MARKER_FILE")
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("PLATEN_KEY")
  -- start each thread at a different id (every thread has its own Lua state and table addresses)
  math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "0", 16) + os.time())
  next_index = math.random(#ids)
end

function request()
  local id = ids[next_index]
  next_index = next_index % #ids + 1
  return wrk.format("GET", "/v1/renders/" .. id)
end

function response(status, headers, body)
  answered = answered + 1
  if answered == limit then
    local f = io.open(marker, "a")
    f:write("done\n")
    f:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write("RESULT get_tool wrk\n")
  io.write(string.format("RESULT get_requests %d\n", summary.requests))
  io.write(string.format("RESULT get_errors %d\n", e.status + e.connect + e.read + e.write + e.timeout))
  io.write(string.format("RESULT get_p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("RESULT get_p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("RESULT get_mean_ms %.2f\n", latency.mean / 1000))
  io.write(string.format("RESULT get_per_s %.0f\n", summary.requests / seconds))
end
