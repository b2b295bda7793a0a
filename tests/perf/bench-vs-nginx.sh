#!/usr/bin/env bash
# HTTP benchmark: the rendered gastrocnemius article served by the site and the identical bytes served
# by nginx from a file, measured with wrk in the same run — alternating, several rounds, median — then
# search throughput and the site's resident memory. Prints a Markdown report (also saved in $WORK).
#
#   tests/perf/bench-vs-nginx.sh
#
# Environment: ROUNDS (5), DURATION seconds per wrk run (10), CONNECTIONS (64), THREADS (2),
# SITE_PORT (5103; the site with request logging on uses SITE_PORT+2, the Kestrel floor SITE_PORT+4, the site
# with request code on the thread pool SITE_PORT+6), NGINX_PORT (5104, and NGINX_PORT+2),
# WORK (a new folder under /tmp). Everything listens on 127.0.0.1 only.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
SITE_PORT="${SITE_PORT:-5103}"
NGINX_PORT="${NGINX_PORT:-5104}"
LOGGED_SITE_PORT=$((SITE_PORT + 2))
LOGGED_NGINX_PORT=$((NGINX_PORT + 2))
WORK="${WORK:-$(mktemp -d /tmp/gastroref-bench.XXXXXX)}"
ARTICLE=/anatomy/gastrocnemius
mkdir -p "$WORK/results"
# mktemp makes the folder private; nginx's workers run as another user when started as root and must read the page.
chmod 755 "$WORK"
trap cleanup EXIT

ensure_tools
publish_site "$WORK/site"
log "publishing the Kestrel floor (tests/perf/kestrel-floor)"
dotnet publish "$PERF_DIR/kestrel-floor" -c Release -o "$WORK/floor" -nologo -v quiet >"$WORK/publish-floor.log" 2>&1 \
    || { cat "$WORK/publish-floor.log" >&2; die "publishing the Kestrel floor failed"; }
FLOOR_PORT=$((SITE_PORT + 4))

# Two sites over the same content: one with the per-request log line off (as nginx's access_log below),
# one with the shipped logging configuration (a line per request on stdout, here into a file).
start_site "$WORK/site" "$SITE_PORT" "$REPO/content" "$WORK/store.db" "$WORK/site.log" \
    GastroRef__WatchContent=false "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning"
SITE="$SITE_PID"
start_site "$WORK/site" "$LOGGED_SITE_PORT" "$REPO/content" "$WORK/store-logged.db" "$WORK/site-logged.log" GastroRef__WatchContent=false
LOGGED_SITE="$SITE_PID"
# And one with request code on the thread pool, as Kestrel schedules it by default (GastroRef:InlineScheduling off).
POOLED_PORT=$((SITE_PORT + 6))
start_site "$WORK/site" "$POOLED_PORT" "$REPO/content" "$WORK/store-pooled.db" "$WORK/site-pooled.log" \
    GastroRef__WatchContent=false GastroRef__InlineScheduling=false "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning"
POOLED_SITE="$SITE_PID"
RSS_STARTED="$(rss_mib "$SITE")"

# The exact bytes the site serves, as files for nginx: plain, and gzip for gzip_static.
for variant in www:$SITE_PORT www-logged:$LOGGED_SITE_PORT; do
    root="$WORK/${variant%%:*}"; port="${variant##*:}"
    mkdir -p "$root/anatomy"
    curl -sf "http://127.0.0.1:$port$ARTICLE" -o "$root$ARTICLE"
    curl -sf -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$ARTICLE" -o "$root$ARTICLE.gz"
    gzip -t "$root$ARTICLE.gz" || die "the site did not answer gzip"
done

# nginx sends the same security and caching headers as the site.
headers="$(curl -s -D - -o /dev/null "http://127.0.0.1:$SITE_PORT$ARTICLE" | tr -d '\r' \
    | grep -iE '^(content-security-policy|x-content-type-options|x-frame-options|referrer-policy|permissions-policy|cross-origin-opener-policy|cache-control):' \
    | sed -E 's/^([^:]+): (.*)$/            add_header \1 "\2" always;/')"
mkdir -p "$WORK/nginx-temp"
cat >"$WORK/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    open_file_cache max=64 inactive=60s;
    server_tokens off;
    types { }
    default_type text/html;
    charset utf-8;
    gzip_static on;
    gzip_vary on;
    client_body_temp_path $WORK/nginx-temp; proxy_temp_path $WORK/nginx-temp; fastcgi_temp_path $WORK/nginx-temp;
    uwsgi_temp_path $WORK/nginx-temp; scgi_temp_path $WORK/nginx-temp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        location / {
$headers
        }
    }
    server {
        listen 127.0.0.1:$LOGGED_NGINX_PORT;
        root $WORK/www-logged;
        access_log $WORK/nginx-access.log;
        location / {
$headers
        }
    }
}
EOF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' &
PIDS+=("$!")
wait_for_url "http://127.0.0.1:$NGINX_PORT$ARTICLE" || die "nginx did not start (see $WORK/nginx-error.log)"
# The floor: the same bytes and headers from memory, answered by ASP.NET Core's first middleware.
curl -s -D "$WORK/floor-headers.raw" -o /dev/null "http://127.0.0.1:$SITE_PORT$ARTICLE"
tr -d '\r' <"$WORK/floor-headers.raw" | grep -viE '^(HTTP/|date|content-length|transfer-encoding|connection|keep-alive):' >"$WORK/floor-headers"
curl -s -H 'Accept-Encoding: gzip' -D "$WORK/floor-gzip-headers.raw" -o /dev/null "http://127.0.0.1:$SITE_PORT$ARTICLE"
tr -d '\r' <"$WORK/floor-gzip-headers.raw" | grep -viE '^(HTTP/|date|content-length|transfer-encoding|connection|keep-alive):' >"$WORK/floor-gzip-headers"
(cd "$WORK/floor" && exec env ASPNETCORE_URLS="http://127.0.0.1:$FLOOR_PORT" DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet KestrelFloor.dll "$WORK/www$ARTICLE" "$WORK/floor-headers" "$ARTICLE" "$WORK/www$ARTICLE.gz" "$WORK/floor-gzip-headers" >"$WORK/floor.log" 2>&1) &
FLOOR="$!"
PIDS+=("$FLOOR")
wait_for_url "http://127.0.0.1:$FLOOR_PORT$ARTICLE" || die "the Kestrel floor did not start (see $WORK/floor.log)"
NGINX_PIDS="$(cat "$WORK/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')"

# Same bytes, checked: plain and gzip, from both.
for pair in "$SITE_PORT:$NGINX_PORT" "$LOGGED_SITE_PORT:$LOGGED_NGINX_PORT"; do
    for encoding in identity gzip; do
        curl -s -H "Accept-Encoding: $encoding" "http://127.0.0.1:${pair%%:*}$ARTICLE" -o "$WORK/check-site"
        curl -s -H "Accept-Encoding: $encoding" "http://127.0.0.1:${pair##*:}$ARTICLE" -o "$WORK/check-nginx"
        cmp -s "$WORK/check-site" "$WORK/check-nginx" || die "site and nginx bytes differ ($encoding, ports $pair)"
    done
done
curl -s "http://127.0.0.1:$FLOOR_PORT$ARTICLE" -o "$WORK/check-floor"
cmp -s "$WORK/www$ARTICLE" "$WORK/check-floor" || die "site and Kestrel floor bytes differ"
curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$FLOOR_PORT$ARTICLE" -o "$WORK/check-floor"
cmp -s "$WORK/www$ARTICLE.gz" "$WORK/check-floor" || die "site and Kestrel floor gzip bytes differ"
log "same bytes from both: $(stat -c %s "$WORK/www$ARTICLE") plain, $(stat -c %s "$WORK/www$ARTICLE.gz") gzip"

echo "$ARTICLE" >"$WORK/article.paths"

# CPU time (user + system, in clock ticks) used so far by processes and their children's threads.
cpu_ticks() { local total=0 pid; for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done; echo "$total"; }

# run <label> <port> <pids> <paths file> [wrk -H ...]: one wrk run, its RESULT line (with the CPU time the
# server's processes used during it) appended to results/<label>.jsonl. A single path is requested as plain
# wrk would (no Lua per request or per response, on both sides).
run() {
    local label="$1" port="$2" pids="$3" paths="$4"; shift 4
    local rotate=1 url="http://127.0.0.1:$port" before after result
    if [ "$(wc -l <"$paths")" = 1 ]; then rotate=0; url="$url$(cat "$paths")"; fi
    # shellcheck disable=SC2086
    before="$(cpu_ticks $pids)"
    result="$(ROTATE_PATHS="$rotate" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$@" -s "$PERF_DIR/paths.lua" "$url" -- "$label" 200 "$paths" | grep '^RESULT ' | sed 's/^RESULT //')"
    # shellcheck disable=SC2086
    after="$(cpu_ticks $pids)"
    echo "${result%\}}, \"cpu_seconds\": $(python3 -c "print(($after - $before) / $(getconf CLK_TCK))")}" >>"$WORK/results/$label.jsonl"
}

log "warming up (JIT, caches)"
for port in "$SITE_PORT" "$NGINX_PORT" "$LOGGED_SITE_PORT" "$LOGGED_NGINX_PORT" "$FLOOR_PORT" "$POOLED_PORT"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:$port$ARTICLE" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port$ARTICLE" >/dev/null
done

# Alternating order each round, so neither side always runs on a warmer or cooler machine.
compare() {
    local name="$1" site_port="$2" site_pids="$3" nginx_port="$4" rounds="$5"; shift 5
    for round in $(seq 1 "$rounds"); do
        log "$name: round $round of $rounds"
        if ((round % 2)); then
            run "$name-site" "$site_port" "$site_pids" "$WORK/article.paths" "$@"
            run "$name-nginx" "$nginx_port" "$NGINX_PIDS" "$WORK/article.paths" "$@"
        else
            run "$name-nginx" "$nginx_port" "$NGINX_PIDS" "$WORK/article.paths" "$@"
            run "$name-site" "$site_port" "$site_pids" "$WORK/article.paths" "$@"
        fi
    done
}
compare article-plain "$SITE_PORT" "$SITE" "$NGINX_PORT" "$ROUNDS"
compare article-pooled "$POOLED_PORT" "$POOLED_SITE" "$NGINX_PORT" "$(((ROUNDS + 1) / 2))"
compare article-floor "$FLOOR_PORT" "$FLOOR" "$NGINX_PORT" "$(((ROUNDS + 1) / 2))"
compare article-gzip "$SITE_PORT" "$SITE" "$NGINX_PORT" "$ROUNDS" -H 'Accept-Encoding: gzip'
compare article-floor-gzip "$FLOOR_PORT" "$FLOOR" "$NGINX_PORT" "$(((ROUNDS + 1) / 2))" -H 'Accept-Encoding: gzip'
compare article-logged "$LOGGED_SITE_PORT" "$LOGGED_SITE" "$LOGGED_NGINX_PORT" "$(((ROUNDS + 1) / 2))"

# Search: every search endpoint this build has, with a rotating set of terms.
: >"$WORK/search.paths"
while read -r endpoint; do
    for term in "${SEARCH_TERMS[@]}"; do echo "$endpoint$(urlencode "$term")"; done >>"$WORK/search.paths"
done < <(available_search_paths "http://127.0.0.1:$SITE_PORT")
if [ -s "$WORK/search.paths" ]; then
    log "search: $(cut -d'?' -f1 "$WORK/search.paths" | sort -u | tr '\n' ' ')"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$PERF_DIR/paths.lua" "http://127.0.0.1:$SITE_PORT" -- warmup 200 "$WORK/search.paths" >/dev/null
    for round in $(seq 1 "$ROUNDS"); do
        log "search: round $round of $ROUNDS"
        run search "$SITE_PORT" "$SITE" "$WORK/search.paths"
    done
else
    log "search: this build has no search endpoint (/api/search, /search, /api/suggest); skipped"
fi

RSS_AFTER="$(rss_mib "$SITE")"
RSS_PEAK="$(peak_rss_mib "$SITE")"

python3 "$PERF_DIR/report.py" bench "$WORK/results" \
    --rounds "$ROUNDS" --duration "$DURATION" --connections "$CONNECTIONS" --threads "$THREADS" \
    --bytes "$(stat -c %s "$WORK/www$ARTICLE")" --gzip-bytes "$(stat -c %s "$WORK/www$ARTICLE.gz")" \
    --rss-started "$RSS_STARTED" --rss-after "$RSS_AFTER" --rss-peak "$RSS_PEAK" \
    --nginx "$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')" --dotnet "$(dotnet --version)" \
    --search-paths "$(cut -d'?' -f1 "$WORK/search.paths" | sort -u | tr '\n' ' ')" | tee "$WORK/report.md"
log "report saved to $WORK/report.md"
