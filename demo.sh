#!/usr/bin/env bash
# The main job on embedded defaults: a synthetic week through the real capture path, both DAGs for every day on
# the embedded durable host with the local DuckDB engine, and the report. No cloud account, no network.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Cli -c Release --nologo -v quiet
exec dotnet Cli/bin/Release/net10.0/TrendingTv.Cli.dll demo "$@"
