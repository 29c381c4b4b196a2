-- wrk script for bench/queue/run.sh: Tilda form webhooks, each with its own tranid and ClientId (distinct rows).
-- Env: RELAY_SECRET. Each wrk thread numbers its own requests, so no two requests of a run are the same event.

wrk.method = "POST"
wrk.headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["X-Relay-Secret"] = os.getenv("RELAY_SECRET") or "bench-secret",
}

local made = 0
local n = 0

function setup(thread)
  made = made + 1
  thread:set("tid", made)
end

function request()
  n = n + 1
  local id = string.format("%d%010d", tid, n)
  return wrk.format(nil, nil, nil, "Name=Bench&formid=form1&tranid=" .. id
    .. "&COOKIES=_ym_uid%3D1674202" .. id .. "%3B+_ym_d%3D1674202831")
end
