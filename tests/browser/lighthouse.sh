#!/usr/bin/env bash
# Lighthouse (mobile preset) on the home page, an article and search, against a Release build of the site.
# Run by hand, not in CI: it takes minutes and its scores vary from run to run. Record results in docs/lighthouse.md.
#
#   tests/browser/lighthouse.sh                 # builds and starts the site on 127.0.0.1:$PORT (default 5111)
#   tests/browser/lighthouse.sh http://host:80  # measures a site that is already running
#
# Reports (HTML and JSON) go to artifacts/lighthouse/; a summary table is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

lighthouse_version=13.5.0
tools=tests/browser/.lighthouse            # gitignored
out=artifacts/lighthouse
port="${PORT:-5111}"
base="${1:-}"
export CHROME_PATH="${CHROME_PATH:-$(command -v chromium || echo /usr/bin/chromium)}"

if [ ! -x "$tools/node_modules/.bin/lighthouse" ] || [ "$("$tools/node_modules/.bin/lighthouse" --version)" != "$lighthouse_version" ]; then
    echo "Installing lighthouse $lighthouse_version into $tools..."
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "lighthouse@$lighthouse_version" >/dev/null
fi

site_pid=""
data=""
cleanup() {
    if [ -n "$site_pid" ]; then kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true; fi
    if [ -n "$data" ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

if [ -z "$base" ]; then
    base="http://127.0.0.1:$port"
    data="$(mktemp -d)"
    echo "Building and starting the site on $base..."
    dotnet build src/GastroRef.Web -c Release -nologo -v quiet >/dev/null
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" \
        ConnectionStrings__GastroRef="Data Source=$data/lighthouse.db" \
        dotnet src/GastroRef.Web/bin/Release/net10.0/GastroRef.Web.dll --contentRoot "$PWD/src/GastroRef.Web" >"$data/site.log" 2>&1 &
    site_pid=$!
    for _ in $(seq 1 120); do
        curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
        sleep 0.5
    done
    curl -fsS -o /dev/null "$base/healthz" || { echo "the site did not start:"; cat "$data/site.log"; exit 1; }
    # Warm up: the first requests after start pay for JIT compilation.
    for path in / /anatomy/gastrocnemius "/search?q=calf"; do curl -s -o /dev/null "$base$path"; done
fi

mkdir -p "$out"
pages=("home /" "article /anatomy/gastrocnemius")
# Search lives at /search once it exists; a 404 there would only measure the not-found page.
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/search?q=calf")" = 200 ]; then
    pages+=("search /search?q=calf")
else
    echo "Note: $base/search does not answer 200 yet; measuring home and article only."
fi

summary=()
for entry in "${pages[@]}"; do
    name="${entry%% *}"
    path="${entry#* }"
    echo "Lighthouse: $name ($base$path)"
    "$tools/node_modules/.bin/lighthouse" "$base$path" \
        --quiet --output=json --output=html --output-path="$out/$name" \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
    summary+=("$(node -e '
        const r = require(process.argv[1]);
        const c = r.categories, a = r.audits;
        const score = (k) => Math.round(c[k].score * 100);
        console.log([process.argv[2], score("performance"), score("accessibility"), score("best-practices"), score("seo"),
            a["first-contentful-paint"].displayValue, a["largest-contentful-paint"].displayValue,
            a["total-blocking-time"].displayValue, a["cumulative-layout-shift"].displayValue].join(" | "));
    ' "$PWD/$out/$name.report.json" "$name")")
done

echo
echo "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for line in "${summary[@]}"; do echo "| $line |"; done
echo
echo "Reports: $out/"
