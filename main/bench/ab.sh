#!/usr/bin/env bash
# A/B timing of builds of the app (not a test; used for the per-idea tables of
# docs/performance-and-synthesis-server.md). Runs each build in turn, <runs> rounds, so that a change of the
# machine's speed hits all of them alike, and prints each one's wall times and the medians of wall and CPU time
# (user + system of the process tree, /usr/bin/time). No sampling, no preload: the runs are as the user's.
# Usage: main/bench/ab.sh <runs> <all|copies> <label>=<launcher> ...
#   <launcher>: a build's main/kvstores (e.g. a second worktree's), or "anchor" for the TypeScript anchor that
#   main/benchmark.sh generated (main/target/bench-anchor); "copies" synthesizes the 90 stacks of
#   main/bench/copy-environments.sh 10 (made here once, in $TMPDIR).
# Build each launcher's tree first (mvn -B -q -o -pl main -am package -DskipTests) and run this from the project
# root: every build reads this tree's environment files.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:?usage: main/bench/ab.sh <runs> <all|copies> <label>=<launcher> ...} set=${2:?usage} ; shift 2
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 KVSTORES_SERVER=off
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
args=()
if [[ $set == copies ]]; then
  main/bench/copy-environments.sh 10 "$work/copies" >/dev/null
  args=(--environments "$work/copies")
fi
anchor=main/target/bench-anchor app_file=app-all.js
[[ $set == copies ]] && app_file=app-copies.js
declare -A walls cpus
for ((i = 0; i < runs; i++)); do
  for spec in "$@"; do
    label=${spec%%=*} launcher=${spec#*=}
    rm -rf "$work/out"
    if [[ $launcher == anchor ]]; then
      [[ -f $anchor/$app_file ]] || { echo "ab: no $anchor/$app_file; run main/benchmark.sh once first" >&2; exit 2; }
      (cd "$anchor" && CDKTF_OUTDIR="$work/out" /usr/bin/time -f "%e %U %S" -o "$work/time" node "$app_file" >/dev/null)
    else
      CDKTF_OUTDIR="$work/out" /usr/bin/time -f "%e %U %S" -o "$work/time" "$launcher" "${args[@]}" >/dev/null 2>"$work/err" \
        || { cat "$work/err" >&2; echo "ab: $label failed" >&2; exit 1; }
    fi
    read -r wall user sys <"$work/time"
    walls[$label]+="$wall "; cpus[$label]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for spec in "$@"; do
  label=${spec%%=*}
  printf '%-12s wall %s| median %s s, CPU median %s s\n' "$label" "${walls[$label]}" \
    "$(median <<<"${walls[$label]}")" "$(median <<<"${cpus[$label]}")"
done
