#!/usr/bin/env bash
# Synthesis benchmark (not a test): wall time and peak memory of `java -jar main/target/kvstores-app.jar`,
# over several runs, for all shipped environments and for each environment alone.
# Usage: main/benchmark.sh [runs]   (build first: mvn -B install -DskipTests)
# Peak memory is GNU time's maximum resident set size: the largest single process of the run (the JVM or
# its jsii node child), not their sum.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
jar=main/target/kvstores-app.jar
[[ -f "$jar" ]] || { echo "build first: mvn -B install -DskipTests"; exit 1; }
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() { # label, app args...
  local label="$1"; shift
  local walls=() mems=()
  for ((i = 0; i < runs; i++)); do
    CDKTF_OUTDIR="$out/cdktf.out" /usr/bin/time -f '%e %M' -o "$out/time" java -jar "$jar" "$@" >/dev/null 2>"$out/err" \
      || { cat "$out/err"; exit 1; }
    read -r wall kib <"$out/time"
    walls+=("$wall"); mems+=("$((kib / 1024))")
  done
  printf '%-28s wall s min/median/max %s   peak MiB min/median/max %s\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f/%.2f/%.2f", a[1], a[int((NR+1)/2)], a[NR]}')" \
    "$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d/%d/%d", a[1], a[int((NR+1)/2)], a[NR]}')"
}

echo "kvstores synthesis benchmark: $runs runs each, $(nproc) cores, $(java -version 2>&1 | head -1)"
measure "all environments" 
for file in stacks/environments/*.yaml; do
  name=$(basename "$file" .yaml)
  measure "$name" --only "$name"
done
