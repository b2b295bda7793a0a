-- wrk script: requests a rotating list of paths and prints one machine-readable RESULT line with the
-- status counts and the latency distribution.
--   [CHECK_RESPONSES=1] wrk ... -s paths.lua http://127.0.0.1:PORT -- NAME EXPECTED_STATUS PATHS_FILE [probe]
-- Without CHECK_RESPONSES wrk never hands bodies to Lua (as fast as plain wrk) and only tells 2xx/3xx
-- from the rest. With it, every status is counted, and with "probe" every body must show one version
-- of the load-probe page: the marker in its title, summary, key fact and section must be the same number.
-- With ROTATE_PATHS=0 the request is the URL given to wrk, prepared once (no Lua per request).
-- With UNIQUE_QUERY=1 every request gets its own "&fresh=…" parameter, so no response cache can answer it.
local check_responses = os.getenv("CHECK_RESPONSES") == "1"
local rotate_paths = os.getenv("ROTATE_PATHS") ~= "0"
local unique_query = os.getenv("UNIQUE_QUERY") == "1"

local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_number", #threads)
end

function init(args)
    name = args[1]
    expected = tonumber(args[2])
    probe = args[4] == "probe"
    paths = {}
    for line in io.lines(args[3]) do
        if #line > 0 then
            table.insert(paths, line)
        end
    end
    counts = {}
    checked = 0
    mixed = 0
    versions = {}
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
    position = math.random(#paths)
end

local sent = 0

local function next_request()
    position = position % #paths + 1
    if unique_query then
        sent = sent + 1
        return wrk.format("GET", paths[position] .. "&fresh=" .. os.time() .. "-" .. (thread_number or 0) .. "-" .. sent)
    end
    return wrk.format("GET", paths[position])
end

local function markers(body)
    return {
        body:match("<h1[^>]*>%s*Load probe Marker (%d+)"),
        body:match('class="article%-summary">Marker (%d+)'),
        body:match("Marker (%d+) origin"),
        body:match("Marker (%d+) arises"),
    }
end

local function check(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
    if probe and status == 200 then
        checked = checked + 1
        local found = markers(body)
        local first = found[1]
        local same = first ~= nil
        for i = 2, #found do
            if found[i] ~= first then
                same = false
            end
        end
        if same then
            versions[first] = true
        else
            mixed = mixed + 1
        end
    end
end

-- wrk decides once, from its main Lua state, whether to hand responses to Lua at all.
if check_responses then
    response = check
end
if rotate_paths then
    request = next_request
end

-- done() runs in wrk's main Lua state, where init() never ran: everything comes from the threads.
function done(summary, latency, requests)
    local statuses, total_checked, total_mixed, seen = {}, 0, 0, {}
    local name, expected = threads[1]:get("name"), threads[1]:get("expected")
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("counts")) do
            statuses[status] = (statuses[status] or 0) + n
        end
        total_checked = total_checked + thread:get("checked")
        total_mixed = total_mixed + thread:get("mixed")
        for version in pairs(thread:get("versions")) do
            seen[version] = true
        end
    end
    local parts = {}
    if check_responses then
        for status, n in pairs(statuses) do
            table.insert(parts, string.format('"%d": %d', status, n))
        end
    else
        -- wrk itself counts responses outside 2xx/3xx.
        table.insert(parts, string.format('"2xx/3xx": %d, "other": %d', summary.requests - summary.errors.status, summary.errors.status))
    end
    local versions_seen = 0
    for _ in pairs(seen) do
        versions_seen = versions_seen + 1
    end
    local quantiles = {}
    for permille = 1, 999 do
        table.insert(quantiles, string.format("%d", latency:percentile(permille / 10)))
    end
    local e = summary.errors
    io.write(string.format(
        'RESULT {"name": "%s", "expected": %d, "requests": %d, "duration_us": %d, "bytes": %d, ' ..
        '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, "statuses": {%s}, ' ..
        '"probe_checked": %d, "probe_mixed": %d, "probe_versions": %d, "quantiles_us": [%s]}\n',
        name, expected, summary.requests, summary.duration, summary.bytes,
        e.connect, e.read, e.write, e.timeout, table.concat(parts, ", "),
        total_checked, total_mixed, versions_seen, table.concat(quantiles, ", ")))
end
