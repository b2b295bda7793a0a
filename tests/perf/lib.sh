# Shared by bench-vs-nginx.sh and load.sh: tools, publishing the site, starting and stopping it.
# shellcheck shell=bash

PERF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$PERF_DIR/../.." && pwd)"
PIDS=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# nginx and wrk from Debian, if missing.
ensure_tools() {
    local missing=()
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    if ((${#missing[@]})); then
        log "installing ${missing[*]} from Debian"
        local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
            || die "could not install ${missing[*]}"
    fi
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
}

# dotnet publish -c Release, the way the site is deployed (precompressed, immutable fingerprinted assets).
publish_site() {
    local out="$1"
    log "publishing the site (Release) to $out"
    dotnet publish "$REPO/src/GastroRef.Web" -c Release -o "$out" -nologo -v quiet >"$WORK/publish.log" 2>&1 \
        || { cat "$WORK/publish.log" >&2; die "publish failed"; }
}

# start_site <publish dir> <port> <content dir> <store file> <log file> [extra NAME=value ...]
# Sets SITE_PID. Production settings; the per-client search budget is lifted because every request
# of a benchmark comes from the one address 127.0.0.1.
start_site() {
    local dir="$1" port="$2" content="$3" store="$4" logfile="$5"; shift 5
    (cd "$dir" && exec env \
        ASPNETCORE_ENVIRONMENT=Production \
        ASPNETCORE_URLS="http://127.0.0.1:$port" \
        GastroRef__ContentPath="$content" \
        ConnectionStrings__GastroRef="Data Source=$store" \
        GastroRef__RateLimits__Search__Burst=100000000 \
        GastroRef__RateLimits__Search__PerSecond=100000000 \
        "$@" \
        dotnet GastroRef.Web.dll >"$logfile" 2>&1) &
    SITE_PID=$!
    PIDS+=("$SITE_PID")
    wait_healthy "http://127.0.0.1:$port" || { tail -20 "$logfile" >&2; die "the site on port $port did not become healthy"; }
}

wait_healthy() {
    local base="$1"
    for _ in $(seq 1 120); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/healthz")" = 200 ] && return 0
        sleep 0.5
    done
    return 1
}

wait_for_url() {
    for _ in $(seq 1 50); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
    return 1
}

# Resident memory of a process in MiB.
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
peak_rss_mib() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}

# The search endpoints this build has (they answer 200 to a plain query), one per line.
available_search_paths() {
    local base="$1" path
    for path in "/api/search?q=" "/search?q=" "/api/suggest?q="; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$base${path}soleus")" = 200 ] && echo "$path"
    done
}

# Search terms a reader would type: names, regions, functions, a typo, a Latin name.
SEARCH_TERMS=(soleus gastrocnemius "tibial nerve" achilles calf "popliteal fossa" "plantar flexion" sural knee heel
    "triceps surae" fibula "tennis leg" plantaris "musculus soleus" gastrocnemus rupture tendon vein artery)

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
