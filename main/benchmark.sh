#!/usr/bin/env bash
# Synthesis benchmark (not a test). Reports min/median/max over several runs of whole-process wall time and
# peak memory (resident memory of the JVM and its jsii node child summed, sampled every 20 ms), and the median
# CPU time of the process tree (perf stat task-clock: less disturbed than wall time on a busy machine), for:
#   - all shipped environments, warm (jsii package cache filled) and cold (empty jsii package cache);
#   - the TypeScript anchor: a node cdktf app with per-resource imports generated from our output
#     (main/bench/generate-anchor.js finds each class by its Terraform type), whose cdk.tf.json is checked to be
#     the same; Java and anchor runs alternate (A/B, so load from other processes hits both alike) for all
#     environments, for one environment per platform (the *-prod files) and for 90 stacks (10 copies of each
#     environment, main/bench/copy-environments.sh); the headline is the Java/anchor ratio;
#   - where the time of one Java run goes (main/bench/split.js: JVM counters, the jsii kernel's timeline and a
#     class-load log);
#   - each environment alone, warm;
#   - the first-build time of the cdktf bindings, as recorded by bindings/build-bindings.sh and
#     bindings/lean/lean-bindings.sh (lean provider bindings, the default).
# Usage: main/benchmark.sh [runs] [--quick]      (build first: mvn -B install -DskipTests)
#   --quick: only the Java / anchor pairs, the split and the synthesis server (no relay, plain java -jar, cold
#            cache, single environments)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5 quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *[!0-9]* | '') echo "usage: main/benchmark.sh [runs] [--quick]" >&2; exit 2 ;;
    *) runs="$arg" ;;
  esac
done
jar=main/target/kvstores-app.jar
[[ -f "$jar" ]] || { echo "build first: mvn -B install -DskipTests"; exit 1; }
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export KVSTORES_SERVER=off   # every measured run in its own process, except in the synthesis-server section
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# tree_kib <pid>: resident memory (KiB) of the process and all its descendants.
tree_kib() {
  ps -eo pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; mem[$1] = $3 }
    END { for (p in mem) { q = p; while (q != "" && q != 0 && q != root) q = parent[q]; if (q == root) s += mem[p] } print s + 0 }'
}

# CPU time through perf stat (task-clock counts the whole process tree) when the machine allows it.
perf_ok=0
perf stat -e task-clock -x, -o "$work/perf-check" -- true 2>/dev/null && perf_ok=1

# run_measured <outfile> <prepare-fn> <command...>: runs the command twice (prepare before each), writes
# "<wall s> <peak KiB of the tree> <CPU s or ->": wall and CPU time from a run that nothing else watches (under
# perf stat, which counts without sampling), peak memory from a second run sampled every 20 ms. One run did both
# until 2026-12-06: the sampler (a ps and an awk every 20 ms, about a third of a core) then competed with the
# measured processes, and more with the app's two (JVM and jsii kernel, which hand requests to each other and
# each wait for a core) than with the anchor's one.
run_measured() {
  local result="$1" prepare="$2"; shift 2
  local start end peak=0 pid cpu=-
  rm -f "$work/cpu"
  "$prepare"
  start=$(date +%s.%N)
  if (( perf_ok )); then
    # the measured commands are shell functions (exported below): bash runs them under perf
    perf stat -e task-clock -x, -o "$work/cpu" -- bash -c '"$@"' measured "$@" >"$work/stdout" 2>"$work/stderr" \
      || { cat "$work/stderr"; echo "benchmark: command failed: $*"; exit 1; }
  else
    "$@" >"$work/stdout" 2>"$work/stderr" || { cat "$work/stderr"; echo "benchmark: command failed: $*"; exit 1; }
  fi
  end=$(date +%s.%N)
  [[ -s "$work/cpu" ]] && cpu=$(awk -F, '$3 ~ /task-clock/ { printf "%.2f", $1 / 1000 }' "$work/cpu")
  "$prepare"
  "$@" >"$work/stdout" 2>"$work/stderr" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    local rss
    rss=$(tree_kib "$pid")
    (( rss > peak )) && peak=$rss
    sleep 0.02
  done
  wait "$pid" || { cat "$work/stderr"; echo "benchmark: command failed: $*"; exit 1; }
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') $peak $cpu" >"$result"
}

# stats <values...>: "min / median / max"; median <values...>
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.2f / %.2f / %.2f", a[1], a[int((NR+1)/2)], a[NR]}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure <label> <prepare-fn> <command...>: prints min/median/max; sets LAST_WALL / LAST_MEM / LAST_CPU (medians).
measure() {
  local label="$1" prepare="$2"; shift 2
  local walls=() mems=() cpus=()
  for ((i = 0; i < runs; i++)); do
    run_measured "$work/result" "$prepare" "$@"
    read -r wall kib cpu <"$work/result"
    walls+=("$wall"); mems+=("$((kib / 1024))"); cpus+=("$cpu")
  done
  row "$label" walls mems cpus
}

# measure_ab <label A> <command A> <label B> <command B>: alternates A and B runs (prepare: warm); prints both rows.
measure_ab() {
  local label_a="$1" cmd_a="$2" label_b="$3" cmd_b="$4"
  local wa=() ma=() ca=() wb=() mb=() cb=()
  for ((i = 0; i < runs; i++)); do
    run_measured "$work/result" warm "$cmd_a"; read -r wall kib cpu <"$work/result"
    wa+=("$wall"); ma+=("$((kib / 1024))"); ca+=("$cpu")
    run_measured "$work/result" warm "$cmd_b"; read -r wall kib cpu <"$work/result"
    wb+=("$wall"); mb+=("$((kib / 1024))"); cb+=("$cpu")
  done
  row "$label_a" wa ma ca
  A_WALL=$LAST_WALL; A_MEM=$LAST_MEM; A_CPU=$LAST_CPU
  row "$label_b" wb mb cb
  B_WALL=$LAST_WALL; B_MEM=$LAST_MEM; B_CPU=$LAST_CPU
}

# row <label> <walls array name> <mems array name> <cpus array name>
row() {
  local -n _w="$2" _m="$3" _c="$4"
  LAST_WALL=$(median "${_w[@]}"); LAST_MEM=$(median "${_m[@]}"); LAST_CPU=$(median "${_c[@]}")
  local m
  m=$(printf '%s\n' "${_m[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d / %d / %d", a[1], a[int((NR+1)/2)], a[NR]}')
  printf '| %-52s | %-22s | %-18s | %-6s |\n' "$1" "$(stats "${_w[@]}")" "$m" "$LAST_CPU"
}

warm() { rm -rf "$work/out"; }
cold() { rm -rf "$work/out" "$work/jsii-cache"; }
app() { CDKTF_OUTDIR="$work/out" main/kvstores "$@"; }
plain_app() { CDKTF_OUTDIR="$work/out" java -jar "$jar" "$@"; }
relay_app() { KVSTORES_JSII_RELAY=1 app "$@"; }
app_cold() { JSII_RUNTIME_PACKAGE_CACHE_ROOT="$work/jsii-cache" app "$@"; }
export work jar
export -f app plain_app relay_app app_cold

per_platform=()
for file in stacks/environments/*-prod.yaml; do per_platform+=("$(basename "$file" .yaml)"); done
only=$(IFS=,; echo "${per_platform[*]}")

echo "kvstores synthesis benchmark: $runs runs each, $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version)"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)'), $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | wall s (min / median / max) | peak MiB (min / median / max) | CPU s |"
echo "|---|---|---|---|"
app >/dev/null 2>&1 || true   # fill the jsii package cache once

# The TypeScript anchor: the same stacks from a node cdktf app with per-resource imports, its output checked.
anchor=main/target/bench-anchor
if [[ ! -d "$anchor/node_modules/cdktf" ]]; then
  mkdir -p "$anchor" && cp main/bench/package.json "$anchor/"
  (cd "$anchor" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
fi
# make_anchor <app file> [--only list]: generates the anchor from our output, runs it once, compares the JSON.
make_anchor() {
  local app_file="$1"; shift
  rm -rf "$work/out" "$work/reference" && app "$@" >/dev/null 2>&1
  mkdir -p "$work/reference" && cp -r "$work/out/stacks" "$work/reference/"
  node main/bench/generate-anchor.js "$anchor/$app_file" "$work"/reference/stacks/*/cdk.tf.json >/dev/null
  rm -rf "$work/out" && (cd "$anchor" && CDKTF_OUTDIR="$work/out" node "$app_file" >/dev/null)
  node -e '
    const fs = require("fs"), [ref, out] = process.argv.slice(1);
    const strip = (o) => Array.isArray(o) ? o.map(strip) : (o && typeof o === "object")
      ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== "//").map(([k, v]) => [k, strip(v)])) : o;
    for (const s of fs.readdirSync(ref + "/stacks")) {
      const a = JSON.stringify(strip(JSON.parse(fs.readFileSync(`${ref}/stacks/${s}/cdk.tf.json`))));
      const b = JSON.stringify(strip(JSON.parse(fs.readFileSync(`${out}/stacks/${s}/cdk.tf.json`))));
      if (a !== b) { console.error(`anchor output differs for ${s}`); process.exit(1); }
    }' "$work/reference" "$work/out"
}
make_anchor app-all.js
make_anchor app-per-platform.js --only "$only"
java_all() { app; }
java_platform() { app --only "$only"; }
anchor_all() { (cd "$anchor" && CDKTF_OUTDIR="$work/out" node app-all.js); }
anchor_platform() { (cd "$anchor" && CDKTF_OUTDIR="$work/out" node app-per-platform.js); }
export anchor only
export -f java_all java_platform anchor_all anchor_platform
measure_ab "Java: all environments, warm" java_all "TypeScript anchor: all environments" anchor_all
all_wall=$A_WALL; all_mem=$A_MEM; all_cpu=$A_CPU; anchor_all_wall=$B_WALL; anchor_all_mem=$B_MEM; anchor_all_cpu=$B_CPU
measure_ab "Java: one env per platform ($only)" java_platform \
  "TypeScript anchor: the same ${#per_platform[@]} stacks" anchor_platform
java_wall=$A_WALL; java_mem=$A_MEM; java_cpu=$A_CPU; anchor_wall=$B_WALL; anchor_mem=$B_MEM; anchor_cpu=$B_CPU
main/bench/copy-environments.sh 10 "$work/copies"
copies=$(ls "$work/copies" | wc -l)
make_anchor app-copies.js --environments "$work/copies"
java_copies() { app --environments "$work/copies"; }
anchor_copies() { (cd "$anchor" && CDKTF_OUTDIR="$work/out" node app-copies.js); }
export -f java_copies anchor_copies
measure_ab "Java: $copies stacks (10 copies of each environment)" java_copies \
  "TypeScript anchor: the same $copies stacks" anchor_copies
copies_wall=$A_WALL; copies_mem=$A_MEM; copies_cpu=$A_CPU
anchor_copies_wall=$B_WALL; anchor_copies_mem=$B_MEM; anchor_copies_cpu=$B_CPU

# Where the time goes: one more run with the JVM's counters saved at exit and main/bench/kernel-timeline.js
# preloaded into the jsii kernel, and one with the JVM's class-load log (not timed: logging slows it).
start=$(date +%s.%N)
JAVA_TOOL_OPTIONS="-XX:+UsePerfData -XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=$work/jvm.hsperf" \
  NODE_OPTIONS="--require $PWD/main/bench/kernel-timeline.js" KVSTORES_KERNEL_TIMELINE="$work/timeline.json" app \
  >/dev/null 2>&1
end=$(date +%s.%N)
jstat -J-Djstat.showUnsupported=true -snap "file://$work/jvm.hsperf" >"$work/jvm.counters"
JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$work/classes.log" app >/dev/null 2>&1
split=$(node main/bench/split.js "$start" "$end" "$work/jvm.counters" "$work/timeline.json" "$work/classes.log")

if (( ! quick )); then
measure "Java: all environments, jsii relay (KVSTORES_JSII_RELAY=1)" warm relay_app
measure "Java: all environments, plain java -jar (no CDS, C2)" warm plain_app
measure "Java: all environments, cold jsii cache" cold app_cold
fi

# The synthesis server (main/kvstores --serve): later runs hand their work to one warm JVM and jsii kernel.
server_socket="$work/server.sock"
env -u KVSTORES_SERVER KVSTORES_SERVER_SOCKET="$server_socket" main/kvstores --serve \
  >"$work/server.log" 2>&1 &
server_pid=$!
for ((i = 0; i < 600; i++)); do grep -q "server ready" "$work/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q "server ready" "$work/server.log" || { cat "$work/server.log"; echo "benchmark: server did not start"; exit 1; }
served_app() { env -u KVSTORES_SERVER KVSTORES_SERVER_SOCKET="$server_socket" CDKTF_OUTDIR="$work/out" main/kvstores "$@"; }
export server_socket
export -f served_app
served_count() { grep -c -- "-> exit 0" "$work/server.log" || true; }
served_before=$(served_count)
measure "Java, synthesis server: all environments" warm served_app
served_wall=$LAST_WALL
measure "Java, synthesis server: one env per platform" warm served_app --only "$only"
served_platform_wall=$LAST_WALL
if (( $(served_count) - served_before != 4 * runs )); then # each measured run twice: timed, then sampled
  cat "$work/server.log"; echo "benchmark: the synthesis server did not take every measured run"; exit 1
fi
# The server's memory just before its default restart (the jsii kernel grows by about 2 MB per run).
for ((i = 0; i < 40 && $(served_count) < 24; i++)); do served_app >/dev/null 2>&1; done
server_kib=$(tree_kib "$server_pid")
served_runs=$(served_count)
grep -q -- "-> exit [^0]" "$work/server.log" && { cat "$work/server.log"; echo "benchmark: a served run failed"; exit 1; }
env -u KVSTORES_SERVER KVSTORES_SERVER_SOCKET="$server_socket" main/kvstores --stop-server >/dev/null
wait "$server_pid"

(( quick )) || for file in stacks/environments/*.yaml; do
  name=$(basename "$file" .yaml)
  measure "Java: $name alone, warm" warm app --only "$name"
done
echo
awk -v jw="$all_wall" -v aw="$anchor_all_wall" -v jm="$all_mem" -v am="$anchor_all_mem" -v jc="$all_cpu" -v ac="$anchor_all_cpu" \
  'BEGIN { printf "Java / TypeScript anchor, all environments (medians, alternating runs): wall %.1fx, peak memory %.1fx, CPU %s\n", jw / aw, jm / am, (jc == "-" ? "-" : sprintf("%.1fx", jc / ac)) }'
awk -v jw="$java_wall" -v aw="$anchor_wall" -v jm="$java_mem" -v am="$anchor_mem" -v jc="$java_cpu" -v ac="$anchor_cpu" \
  'BEGIN { printf "Java / TypeScript anchor, one env per platform (medians, alternating runs): wall %.1fx, peak memory %.1fx, CPU %s\n", jw / aw, jm / am, (jc == "-" ? "-" : sprintf("%.1fx", jc / ac)) }'
awk -v jw="$copies_wall" -v aw="$anchor_copies_wall" -v jm="$copies_mem" -v am="$anchor_copies_mem" -v jc="$copies_cpu" -v ac="$anchor_copies_cpu" -v n="$copies" \
  'BEGIN { printf "Java / TypeScript anchor, %d stacks (medians, alternating runs): wall %.1fx, peak memory %.1fx, CPU %s\n", n, jw / aw, jm / am, (jc == "-" ? "-" : sprintf("%.1fx", jc / ac)) }'
awk -v jw="$served_wall" -v aw="$anchor_all_wall" -v pw="$served_platform_wall" -v ap="$anchor_wall" \
  -v mem="$((server_kib / 1024))" -v am="$anchor_all_mem" -v runs="$served_runs" -v sw="$all_wall" \
  'BEGIN { printf "Synthesis server / TypeScript anchor (medians): all environments wall %.1fx, one env per platform wall %.1fx; the server saves %.0f%% of a single run of all environments; it (JVM and kernel) holds %d MiB (%.1fx the all-environments anchor) after %d runs, its most before it restarts itself\n", jw / aw, pw / ap, 100 * (1 - jw / sw), mem, mem / am, runs }'
echo "(anchor outputs verified identical to the Java ones, \"//\" metadata aside)"
echo
echo "Where the time goes, Java, all environments (one run; main/bench/split.js):"
echo
echo "| phase | s | share |"
echo "|---|---|---|"
echo "$split"

if unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r\n ' | grep -q 'lib/lean-providers-'; then bindings=lean; else bindings=official; fi
echo
echo "Provider bindings of this jar: $bindings (main/target/lib)"
first_build="$HOME/.m2/repository/com/hashicorp/.kvstores-bindings-first-build.txt"
if [[ -f "$first_build" ]]; then
  echo
  echo "First build of the official cdktf bindings on this machine (bindings/build-bindings.sh):"
  grep -E "generated|javac|npm install took" "$first_build" | sed 's/^/  /'
fi
lean_first_build="$HOME/.m2/repository/dev/kvstores/lean/.cache/.first-build.txt"
if [[ -f "$lean_first_build" ]]; then
  echo
  echo "Last generation of the lean provider bindings on this machine (bindings/lean/lean-bindings.sh):"
  grep -E "generated|javac|npm install|trimmed" "$lean_first_build" | sed 's/^/  /'
fi
