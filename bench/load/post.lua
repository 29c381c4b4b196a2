-- wrk script for bench/load/run.sh: POST a generic conversion webhook and count answers by status.
-- Each request's body differs (so does its event id, a hash of the body): distinct events, as real
-- senders would post. Env: RELAY_SECRET (X-Relay-Secret value), STATUS_OUT (file for the counts
-- and latency percentiles), THINK_MS (pause before each request of a connection; default 0 = a
-- sender that retries at once, the worst case).

local secret = os.getenv("RELAY_SECRET") or "bench-secret"
local threads = {}
local counter = 0
local think = tonumber(os.getenv("THINK_MS") or "0") or 0

if think > 0 then
  function delay()
    return think
  end
end

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}   -- global: done() reads it from each thread with thread:get
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Relay-Secret"] = secret
end

function request()
  counter = counter + 1
  -- "seq" is not a field the generic source reads; it only makes each body (and so its event id) unique
  local body = string.format(
    '{"output":"CONVERSION","client_id":"1674202831464027743","goals":"form_sent","updated_at":1748600000,"seq":"%d-%d"}',
    id, counter)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for code, n in pairs(s or {}) do
      total[code] = (total[code] or 0) + n
    end
  end
  local out = io.open(os.getenv("STATUS_OUT") or "/dev/stdout", "w")
  for code, n in pairs(total) do
    out:write(string.format("status %d %d\n", code, n))
  end
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    out:write(string.format("latency_p%s_ms %.1f\n", p, latency:percentile(p) / 1000))
  end
  out:write(string.format("latency_max_ms %.1f\n", latency.max / 1000))
  out:write(string.format("latency_mean_ms %.1f\n", latency.mean / 1000))
  out:write(string.format("requests %d\n", summary.requests))
  out:write(string.format("duration_s %.3f\n", summary.duration / 1e6))
  out:write(string.format("socket_errors connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  out:close()
end
