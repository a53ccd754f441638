#!/usr/bin/env bash
# Mantelkring benchmarks, on demand (not part of `mvn verify` or .ci/run); see benchmarks/README.md.
#   benchmarks/run.sh [all|api|registration|respite|startup] [--port 38181] [--duration 20] [--connections 8] ...
#   benchmarks/run.sh soak [minutes]          (default 30)
#   benchmarks/run.sh report                  (regenerate docs/performance.md from benchmarks/results.json)
# Needs a built distribution (mvn -B -ntp -o clean package -DskipTests, or clean verify), wrk, python3 and a JDK
# (jcmd). Writes benchmarks/results.json and docs/performance.md; works in benchmarks/target/.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 benchmarks/bench.py "$@"
