#!/usr/bin/env bash
# Search at HTTP speed: /api/search over a rotating mix of real queries (tests/perf/search-queries.txt) and the
# cached gastrocnemius article, measured with wrk in the same run, alternating, several rounds. The mix runs twice:
# as students send it (a query asked before is answered from the page cache) and with every request made new (an
# extra "fresh" parameter, so every search runs the engine, and its answer is not kept: it was asked once). Prints a Markdown report: requests per second of each,
# their ratio to the article per round and the median of the rounds.
#
#   tests/perf/search-mix.sh
#
# Environment: ROUNDS (3), DURATION seconds per wrk run (10), CONNECTIONS (64), THREADS (2), SITE_PORT (5103),
# WORK (a new folder under /tmp), SITE_DIR (an already published site, to skip publishing).
# The site is published in Release and runs with Production settings, the per-client search limit lifted and
# the per-request log line off. Target: search at 0.25x the article's requests per second or more.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
SITE_PORT="${SITE_PORT:-5103}"
WORK="${WORK:-$(mktemp -d /tmp/gastroref-search.XXXXXX)}"
ARTICLE=/anatomy/gastrocnemius
mkdir -p "$WORK/results"
trap cleanup EXIT

ensure_tools
if [ -z "${SITE_DIR:-}" ]; then
    SITE_DIR="$WORK/site"
    publish_site "$SITE_DIR"
fi

start_site "$SITE_DIR" "$SITE_PORT" "$REPO/content" "$WORK/store.db" "$WORK/site.log" \
    GastroRef__WatchContent=false "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning"
SITE="$SITE_PID"

echo "$ARTICLE" >"$WORK/article.paths"
grep -v '^#' "$PERF_DIR/search-queries.txt" | grep -v '^$' | while read -r query; do
    echo "/api/search?q=$(urlencode "$query")"
done >"$WORK/search.paths"
QUERIES="$(wc -l <"$WORK/search.paths")"
while read -r path; do
    status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SITE_PORT$path")"
    [ "$status" = 200 ] || die "$path answered $status"
done <"$WORK/search.paths"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# run <label> <paths file> [unique]: one wrk run; appends its RESULT line (with the server's CPU seconds) to
# results/<label>.jsonl. With "unique", every request is one the site has not answered before.
run() {
    local label="$1" paths="$2" unique="${3:-}" rotate=1 url="http://127.0.0.1:$SITE_PORT" before after result
    if [ "$(wc -l <"$paths")" = 1 ]; then rotate=0; url="$url$(cat "$paths")"; fi
    before="$(cpu_ticks "$SITE")"
    result="$(UNIQUE_QUERY="$([ "$unique" = unique ] && echo 1 || echo 0)" ROTATE_PATHS="$rotate" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$PERF_DIR/paths.lua" "$url" -- "$label" 200 "$paths" \
        | grep '^RESULT ' | sed 's/^RESULT //')"
    after="$(cpu_ticks "$SITE")"
    echo "${result%\}}, \"cpu_seconds\": $(python3 -c "print(($after - $before) / $(getconf CLK_TCK))")}" >>"$WORK/results/$label.jsonl"
}

log "warming up (JIT, caches)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$SITE_PORT$ARTICLE" >/dev/null
ROTATE_PATHS=1 wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$PERF_DIR/paths.lua" "http://127.0.0.1:$SITE_PORT" -- warmup 200 "$WORK/search.paths" >/dev/null
# Answers asked twice are kept, so the repeated mix alone leaves the engine's code barely run: warm it up as well.
UNIQUE_QUERY=1 ROTATE_PATHS=1 wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$PERF_DIR/paths.lua" "http://127.0.0.1:$SITE_PORT" -- warmup 200 "$WORK/search.paths" >/dev/null

for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    if ((round % 2)); then
        run article "$WORK/article.paths"; run search "$WORK/search.paths"; run new "$WORK/search.paths" unique
    else
        run new "$WORK/search.paths" unique; run search "$WORK/search.paths"; run article "$WORK/article.paths"
    fi
done

python3 - "$WORK/results" "$QUERIES" "$CONNECTIONS" "$DURATION" <<'PY' | tee "$WORK/report.md"
import json, statistics, sys
folder, queries, connections, duration = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def load(name):
    return [json.loads(line) for line in open(f"{folder}/{name}.jsonl")]
article = load("article")
def rate(r): return r["requests"] / (r["duration_us"] / 1e6)
def errors(r): return sum(r["errors"].values()) + r["statuses"].get("other", 0)
def cpu_us(r): return r["cpu_seconds"] / r["requests"] * 1e6
print(f"wrk: {connections} connections, {duration} s per run, {len(article)} rounds alternating; {queries} queries rotating.\n")
print("| round | article req/s | mix | search req/s | search ÷ article | search p50 / p99 ms | CPU µs per search | errors |")
print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
labels = {"search": "as sent (repeats cached)", "new": "every request new"}
medians = {}
for name, label in labels.items():
    search = load(name)
    ratios = [rate(s) / rate(a) for a, s in zip(article, search)]
    for i, (a, s) in enumerate(zip(article, search), 1):
        q = s["quantiles_us"]
        print(f"| {i} | {rate(a):,.0f} | {label} | {rate(s):,.0f} | {ratios[i-1]:.2f}× | {q[499]/1000:.2f} / {q[989]/1000:.2f} | {cpu_us(s):.0f} | {errors(a) + errors(s)} |")
    medians[name] = statistics.median(ratios)
    print(f"| **median** | **{statistics.median(map(rate, article)):,.0f}** | {label} | **{statistics.median(map(rate, search)):,.0f}** | "
          f"**{medians[name]:.2f}×** | | {statistics.median(map(cpu_us, search)):.0f} | |")
for name, label in labels.items():
    print(f"\nTarget: search ≥ 0.25× the cached article in the same run, {label}: {'met' if medians[name] >= 0.25 else 'NOT met'} ({medians[name]:.2f}×).")
PY
