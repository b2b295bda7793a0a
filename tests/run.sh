#!/usr/bin/env bash
# Restores, builds and runs every GastroRef test, installing what the tests need on a fresh Debian machine.
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if ((${#need_apt[@]})); then
    echo "Installing ${need_apt[*]} from Debian..."
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null \
        || { echo "could not install ${need_apt[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

# axe-core for the accessibility tests, pinned by package-lock.json; reinstalled only when missing or the lock changed.
browser_tools=tests/GastroRef.Web.Tests/Browser
if [ ! -f "$browser_tools/node_modules/axe-core/axe.min.js" ] || [ "$browser_tools/package-lock.json" -nt "$browser_tools/node_modules/.package-lock.json" ]; then
    echo "Installing the browser tests' npm packages..."
    (cd "$browser_tools" && npm ci --no-audit --no-fund --loglevel=error) \
        || { echo "npm ci failed in $browser_tools"; echo "0 passed, 1 failed"; exit 1; }
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

if ! dotnet build GastroRef.sln -c Release -nologo -v quiet; then
    echo "build failed"
    echo "0 passed, 1 failed"
    exit 1
fi

dotnet test GastroRef.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results"
status=$?

# Count from the TRX files so the total covers every test project.
read -r passed failed < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
print(passed, failed)
PY
)
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
