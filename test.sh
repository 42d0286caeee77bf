#!/usr/bin/env bash
# Runs every test of TrendingTv: installs the local test services (npm ci: s3rver, azurite, playwright-core) and
# Chromium if missing, then dotnet test on the solution. The tests start what they need on loopback and stop it.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund --loglevel=error
# The served report is checked in a real headless browser: Debian's Chromium (nothing is started globally).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: /usr/bin/chromium is missing; install it (apt-get install -y chromium) for the served-report test." >&2
  fi
fi
dotnet build TrendingTv.sln -c Release --nologo -v quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test TrendingTv.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One plain closing line for CI: "N passed, N failed, N skipped".
awk '/(Passed|Failed)!/ {
        for (i = 1; i <= NF; i++) {
          if ($i == "Failed:") f += $(i+1) + 0;
          if ($i == "Passed:") p += $(i+1) + 0;
          if ($i == "Skipped:") s += $(i+1) + 0;
        }
      }
      END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
