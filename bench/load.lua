-- wrk script for bench/run.py: one endpoint per run, chosen by the first argument after "--".
--   wrk ... -s bench/load.lua http://127.0.0.1:PORT -- trivial   (also: read, write: the floors of trivial.py)
--   wrk ... -s bench/load.lua http://127.0.0.1:PORT -- plan  SESSIONS_FILE DATE,DATE,...
--   wrk ... -s bench/load.lua http://127.0.0.1:PORT -- diary SESSIONS_FILE TODAY
-- SESSIONS_FILE: one signed-in patient a line, "Cookie header<TAB>CSRF token". Every request picks
-- a random patient (and for plan a random date from the list); every diary entry gets a new UUID.
-- done() prints one line "BENCH_JSON {...}" with the figures in microseconds.

local threads = {}
local expected = { trivial = 200, read = 200, write = 201, plan = 200, diary = 201 }

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  mode, sessions, dates, unexpected, sample = args[1], {}, {}, 0, ""
  math.randomseed(os.time() * 100 + id)
  if args[2] then
    for line in io.lines(args[2]) do
      local cookie, csrf = line:match("^(.-)\t(.*)$")
      sessions[#sessions + 1] = { cookie = cookie, csrf = csrf }
    end
    for day in string.gmatch(args[3], "[^,]+") do dates[#dates + 1] = day end
  end
end

local function uuid4()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x", r(0, 65535), r(0, 65535), r(0, 65535),
    r(0, 4095), r(32768, 49151), r(0, 65535), r(0, 65535), r(0, 65535))
end

function request()
  if mode == "trivial" then
    return wrk.format("GET", "/ping")
  elseif mode == "read" then
    return wrk.format("GET", "/floor/read")
  elseif mode == "write" then
    return wrk.format("POST", "/floor/write")
  end
  local s = sessions[math.random(#sessions)]
  if mode == "plan" then
    return wrk.format("GET", "/api/v1/patients/me/plan?date=" .. dates[math.random(#dates)], { Cookie = s.cookie })
  end
  local body = string.format('{"client_id":"%s","date":"%s","minutes":%d,"rpe":%d,"pain":%d}',
    uuid4(), dates[1], math.random(15, 40), math.random(10, 15), math.random(0, 6))
  return wrk.format("POST", "/api/v1/patients/me/diary",
    { Cookie = s.cookie, ["X-CSRF-Token"] = s.csrf, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= expected[mode] then
    unexpected = unexpected + 1
    if sample == "" then sample = (status .. " " .. string.sub(body, 1, 200)):gsub('[%c"\\]', " ") end
  end
end

function done(summary, latency, requests)
  local unexpected_total, first = 0, ""
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + thread:get("unexpected")
    if first == "" then first = thread:get("sample") end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"mean_us":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"unexpected":%d,"sample":"%s"}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout,
    unexpected_total, first))
end
