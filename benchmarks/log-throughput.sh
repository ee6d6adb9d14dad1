#!/usr/bin/env bash
# Log capture cost: a child writing 2,000,000 lines, straight into a file vs under xy, side by side.
# Needs the built core (./mvnw -B package -DskipTests) and perl. Usage: benchmarks/log-throughput.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
classes="$root/xy-core/target/classes"
[ -d "$classes" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
exec java -cp "$classes" "$root/benchmarks/LogThroughputBenchmark.java" "${1:-5}"
