#!/usr/bin/env bash
# Load test on loopback: 128 connections for 60 s mixing article pages, browse and home, searches and
# 404s against the published site, counting every status; p50/p99 latency; resident memory sampled
# throughout. A second phase runs the same load while content files change (hot reseed through the file
# watcher) and checks that no response mixes two versions of the page being edited.
#
#   tests/perf/load.sh                 # both phases
#   tests/perf/load.sh steady|edit     # one phase
#
# Environment: DURATION seconds per phase (60), CONNECTIONS total (128), SITE_PORT (5103), WORK (new /tmp folder).
# Exit status 0 only when every phase passes: no socket error, no unexpected status, no 5xx, no mixed page,
# memory not growing after warm-up.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PHASES="${1:-both}"
DURATION="${DURATION:-60}"
CONNECTIONS="${CONNECTIONS:-128}"
SITE_PORT="${SITE_PORT:-5103}"
WORK="${WORK:-$(mktemp -d /tmp/gastroref-load.XXXXXX)}"
BASE="http://127.0.0.1:$SITE_PORT"
SAMPLE=2
trap cleanup EXIT

probe() {
    cat <<EOF
---
title: Load probe Marker $1
type: muscle
summary: Marker $1 is the version of this page.
key_facts:
  origin: "Marker $1 origin"
relations:
  innervated_by: [tibial-nerve]
sources: ["One.", "Two."]
---

Written again and again by the load test while it reads it.

## Origin

Marker $1 arises somewhere.
EOF
}

# Editors save by writing a temporary file and renaming it over the old one.
write_atomically() { cat >"$1.tmp" && mv -f "$1.tmp" "$1"; }

ensure_tools
publish_site "$WORK/site"
rm -rf "$WORK/content" && cp -r "$REPO/content" "$WORK/content"
probe 0 | write_atomically "$WORK/content/muscles/load-probe.md"
start_site "$WORK/site" "$SITE_PORT" "$WORK/content" "$WORK/store.db" "$WORK/site.log" \
    GastroRef__WatchContent=true "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning"
SITE="$SITE_PID"

# What the groups request.
curl -sf "$BASE/api/structures" | python3 -c 'import json, sys; [print(s["url"]) for s in json.load(sys.stdin) if s["slug"] != "load-probe"]' >"$WORK/articles.paths"
printf '%s\n' / /anatomy "/anatomy?type=muscle" "/anatomy?type=nerve" "/anatomy?region=popliteal-fossa" \
    "/compare?a=gastrocnemius&b=soleus" "/compare?a=tibial-nerve&b=sural-nerve" >"$WORK/browse.paths"
while read -r path; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")" = 200 ] || die "browse path $path does not answer 200"
done <"$WORK/browse.paths"
for i in $(seq 1 40); do echo "/anatomy/no-such-structure-$i"; echo "/no/such/page/$i"; done >"$WORK/missing.paths"
: >"$WORK/search.paths"
while read -r endpoint; do
    for term in "${SEARCH_TERMS[@]}"; do echo "$endpoint$(urlencode "$term")"; done >>"$WORK/search.paths"
done < <(available_search_paths "$BASE")
# The probe read as a cache hit and, with a query string, rendered afresh from the store.
{ echo /anatomy/load-probe; for i in $(seq 1 30); do echo "/anatomy/load-probe?fresh=$i"; done; } >"$WORK/probe.paths"

log "$(wc -l <"$WORK/articles.paths") articles; search endpoints: $(cut -d'?' -f1 "$WORK/search.paths" | sort -u | tr '\n' ' ')"
[ -s "$WORK/search.paths" ] || log "this build has no search endpoint (/api/search, /search, /api/suggest): the search group is left out"

# One wrk per group; the connections are shared out over the groups. Groups that expect 200 let wrk count
# non-2xx/3xx itself; the 404 and probe groups hand every response to Lua to check its status or body.
run_group() {
    local name="$1" expected="$2" connections="$3" paths="$4" mode="${5:-}" check=0 threads=1
    if [ "$expected" != 200 ] || [ -n "$mode" ]; then check=1; fi
    if ((connections >= 64)); then threads=2; fi
    # shellcheck disable=SC2086
    CHECK_RESPONSES="$check" wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 10s -s "$PERF_DIR/paths.lua" "$BASE" -- "$name" "$expected" "$paths" $mode \
        | grep '^RESULT ' | sed 's/^RESULT //' >"$WORK/group-$name.json"
}

sample_memory() {
    local start now
    start="$(date +%s%N)"
    while kill -0 "$SITE" 2>/dev/null; do
        now="$(date +%s%N)"
        printf '%d.%d %s\n' $(((now - start) / 1000000000)) $(((now - start) / 100000000 % 10)) "$(rss_mib "$SITE")"
        sleep "$SAMPLE"
    done
}

run_phase() {
    local phase="$1" edits=0 groups=() connections=() probe_connections=0 search_connections=0
    ((CONNECTIONS >= 16)) || die "CONNECTIONS must be at least 16"
    if [ "$phase" = edit ]; then probe_connections=$((CONNECTIONS / 16)); fi
    if [ -s "$WORK/search.paths" ]; then search_connections=$((CONNECTIONS / 4)); fi
    local browse=$((CONNECTIONS / 8)) missing=$((CONNECTIONS / 8))
    local articles=$((CONNECTIONS - browse - missing - search_connections - probe_connections))

    log "$phase: $DURATION s at $CONNECTIONS connections"
    sample_memory >"$WORK/memory-$phase.txt" &
    local sampler=$!
    run_group articles 200 "$articles" "$WORK/articles.paths" & groups+=($!); connections+=("$articles")
    run_group browse 200 "$browse" "$WORK/browse.paths" & groups+=($!); connections+=("$browse")
    run_group missing 404 "$missing" "$WORK/missing.paths" & groups+=($!); connections+=("$missing")
    if ((search_connections)); then run_group search 200 "$search_connections" "$WORK/search.paths" & groups+=($!); connections+=("$search_connections"); fi
    if ((probe_connections)); then run_group probe 200 "$probe_connections" "$WORK/probe.paths" probe & groups+=($!); connections+=("$probe_connections"); fi

    if [ "$phase" = edit ]; then
        # Every second a new version of the probe page; every five, a real article changes too.
        local soleus="$WORK/content/muscles/soleus.md" original
        original="$(cat "$WORK/content/muscles/soleus.md")"
        local deadline=$((SECONDS + DURATION - 2))
        while ((SECONDS < deadline)); do
            edits=$((edits + 1))
            probe "$edits" | write_atomically "$WORK/content/muscles/load-probe.md"
            if ((edits % 5 == 0)); then
                if ((edits % 10 == 0)); then printf '%s\n' "$original"; else printf '%s\n\nA sentence added under load (%s).\n' "$original" "$edits"; fi \
                    | write_atomically "$soleus"
            fi
            sleep 1
        done
    fi

    wait "${groups[@]}"
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    cat "$WORK"/group-*.json >"$WORK/results-$phase.jsonl"
    rm -f "$WORK"/group-*.json
    python3 "$PERF_DIR/report.py" load "$WORK/results-$phase.jsonl" --memory "$WORK/memory-$phase.txt" \
        --connections "${connections[*]}" --phase "$phase" --edits "$edits" --sample "$SAMPLE" --settle $((DURATION / 4 < 15 ? DURATION / 4 : 15)) \
        | tee "$WORK/report-$phase.md"
}

log "warming up"
wrk -t2 -c32 -d10s -s "$PERF_DIR/paths.lua" "$BASE" -- warmup 200 "$WORK/articles.paths" >/dev/null

status=0
case "$PHASES" in
    steady) run_phase steady || status=1 ;;
    edit) run_phase edit || status=1 ;;
    both) run_phase steady || status=1; run_phase edit || status=1 ;;
    *) die "unknown phase '$PHASES' (steady, edit or both)" ;;
esac
log "site log: $WORK/site.log; reports: $WORK/report-*.md"
log "$(grep -cE '\[(ERR|FTL)\]' "$WORK/site.log" || true) error lines in the site log"
exit "$status"
