#!/usr/bin/env bash
# Restores, builds and runs every GastroRef test, installing what the tests need on a fresh Debian machine.
# Ends with one line: "N passed, N failed".
set -uo pipefail
here="${BASH_SOURCE[0]%/*}"; [ "$here" = "${BASH_SOURCE[0]}" ] && here=.
cd "$here/.." || exit 1

# Fails (non-zero, with "0 passed, 1 failed") naming what is missing, so a missing tool never looks like a pass.
fail() {
    echo "tests/run.sh: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

# These two the script cannot install for you.
missing=()
command -v dotnet >/dev/null 2>&1 || missing+=("the .NET 10 SDK (dotnet)")
command -v python3 >/dev/null 2>&1 || missing+=("python3")
if ((${#missing[@]})); then
    printf -v list '%s, ' "${missing[@]}"
    fail "missing prerequisites: ${list%, }. Install them and run again."
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
{ command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; } || need_apt+=(npm)
if ((${#need_apt[@]})); then
    echo "Installing ${need_apt[*]} from Debian..."
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null \
        || fail "missing prerequisites: ${need_apt[*]}, and installing them with apt-get failed. Install them and run again."
    for tool in chromium node npm; do
        command -v "$tool" >/dev/null 2>&1 || fail "missing prerequisite: $tool is still not on PATH after installing ${need_apt[*]}."
    done
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

# axe-core for the accessibility tests, pinned by package-lock.json; reinstalled only when missing or the lock changed.
browser_tools=tests/GastroRef.Web.Tests/Browser
if [ ! -f "$browser_tools/node_modules/axe-core/axe.min.js" ] || [ "$browser_tools/package-lock.json" -nt "$browser_tools/node_modules/.package-lock.json" ]; then
    echo "Installing the browser tests' npm packages..."
    (cd "$browser_tools" && npm ci --no-audit --no-fund --loglevel=error) \
        || fail "npm ci failed in $browser_tools"
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet build GastroRef.sln -c Release -nologo -v quiet || fail "the build failed"

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
if [ -z "${passed:-}" ] || [ "$((passed + failed))" -eq 0 ]; then
    fail "no test results were found in $results (dotnet test exited $status)"
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
