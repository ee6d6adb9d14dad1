#!/usr/bin/env bash
# KDL parse speed on a generated 1 MB document. Needs the built core: ./mvnw -B package -DskipTests
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
classes="$root/xy-core/target/classes"
[ -d "$classes" ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
exec java -cp "$classes" "$root/benchmarks/KdlParseBenchmark.java"
