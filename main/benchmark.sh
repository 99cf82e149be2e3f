#!/usr/bin/env bash
# Synthesis benchmark (not a test). Reports min/median/max over several runs of whole-process wall time and
# peak memory (resident memory of the JVM and its jsii node child summed, sampled every 20 ms) for:
#   - all shipped environments, warm (jsii package cache filled) and cold (empty jsii package cache);
#   - one environment per platform (the *-prod files), warm, and the TypeScript anchor for the same stacks:
#     a node cdktf app with per-resource imports generated from them (main/bench/generate-anchor.js), whose
#     cdk.tf.json is checked to be the same; the headline is the Java/anchor ratio;
#   - each environment alone, warm;
#   - the first-build time of the cdktf bindings, as recorded by bindings/build-bindings.sh and
#     bindings/lean/lean-bindings.sh (lean provider bindings, the default).
# Usage: main/benchmark.sh [runs]      (build first: mvn -B install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
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

# run_measured <outfile> <command...>: runs the command, writes "<wall seconds> <peak KiB of the tree>".
run_measured() {
  local result="$1"; shift
  local start end peak=0 pid
  start=$(date +%s.%N)
  "$@" >"$work/stdout" 2>"$work/stderr" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    local rss
    rss=$(tree_kib "$pid")
    (( rss > peak )) && peak=$rss
    sleep 0.02
  done
  wait "$pid" || { cat "$work/stderr"; echo "benchmark: command failed: $*"; exit 1; }
  end=$(date +%s.%N)
  echo "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }') $peak" >"$result"
}

# measure <label> <prepare-fn> <command...>: prints min/median/max; sets LAST_WALL / LAST_MEM (medians).
measure() {
  local label="$1" prepare="$2"; shift 2
  local walls=() mems=()
  for ((i = 0; i < runs; i++)); do
    "$prepare"
    run_measured "$work/result" "$@"
    read -r wall kib <"$work/result"
    walls+=("$wall"); mems+=("$((kib / 1024))")
  done
  local w m
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f / %.2f / %.2f", a[1], a[int((NR+1)/2)], a[NR]}')
  m=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d / %d / %d", a[1], a[int((NR+1)/2)], a[NR]}')
  LAST_WALL=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  LAST_MEM=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '| %-44s | %-22s | %-22s |\n' "$label" "$w" "$m"
}

warm() { rm -rf "$work/out"; }
cold() { rm -rf "$work/out" "$work/jsii-cache"; }
app() { CDKTF_OUTDIR="$work/out" main/kvstores "$@"; }
plain_app() { CDKTF_OUTDIR="$work/out" java -jar "$jar" "$@"; }
relay_app() { KVSTORES_JSII_RELAY=1 app "$@"; }
app_cold() { JSII_RUNTIME_PACKAGE_CACHE_ROOT="$work/jsii-cache" app "$@"; }

per_platform=()
for file in stacks/environments/*-prod.yaml; do per_platform+=("$(basename "$file" .yaml)"); done
only=$(IFS=,; echo "${per_platform[*]}")

echo "kvstores synthesis benchmark: $runs runs each, $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version)"
echo
echo "| what | wall s (min / median / max) | peak MiB (min / median / max) |"
echo "|---|---|---|"
app >/dev/null 2>&1 || true   # fill the jsii package cache once
measure "Java: all environments, warm" warm app
all_wall=$LAST_WALL; all_mem=$LAST_MEM
# Where the time goes, from one more run with main/bench/kernel-timeline.js preloaded into the jsii kernel.
start=$(date +%s.%N)
NODE_OPTIONS="--require $PWD/main/bench/kernel-timeline.js" KVSTORES_KERNEL_TIMELINE="$work/timeline.json" app \
  >/dev/null 2>&1
end=$(date +%s.%N)
split=$(node -e '
  const t = require(process.argv[1]), total = process.argv[2] * 1000;
  const kinds = Object.entries(t.busyByKind).sort((a, b) => b[1].ms - a[1].ms)
    .map(([k, b]) => `${k} ${(b.ms / 1000).toFixed(2)} s (${b.count})`).join(", ");
  const rest = total - t.kernelBusyMs - t.waitingForJvmMs;
  console.log(`of ${(total / 1000).toFixed(2)} s: jsii kernel busy ${(t.kernelBusyMs / 1000).toFixed(2)} s [${kinds}]; ` +
    `JVM working between requests ${(t.waitingForJvmMs / 1000).toFixed(2)} s; JVM start, environment files and ` +
    `kernel start before the first request, and exit, ${(rest / 1000).toFixed(2)} s`);' "$work/timeline.json" \
  "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')")
measure "Java: all environments, jsii relay (KVSTORES_JSII_RELAY=1)" warm relay_app
measure "Java: all environments, plain java -jar (no CDS, C2)" warm plain_app
measure "Java: all environments, cold jsii cache" cold app_cold
measure "Java: one env per platform ($only), warm" warm app --only "$only"
java_wall=$LAST_WALL; java_mem=$LAST_MEM

# The TypeScript anchor: the same stacks from a node cdktf app with per-resource imports, its output checked.
anchor=main/target/bench-anchor
if [[ ! -d "$anchor/node_modules/cdktf" ]]; then
  mkdir -p "$anchor" && cp main/bench/package.json "$anchor/"
  (cd "$anchor" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
fi
# measure_anchor <label> <app file> [--only list]: generates the anchor from our output, measures it, compares.
measure_anchor() {
  local label="$1" app_file="$2"; shift 2
  rm -rf "$work/out" "$work/reference" && app "$@" >/dev/null 2>&1
  mkdir -p "$work/reference" && cp -r "$work/out/stacks" "$work/reference/"
  node main/bench/generate-anchor.js "$anchor/$app_file" "$work"/reference/stacks/*/cdk.tf.json >/dev/null
  anchor_run() { (cd "$anchor" && CDKTF_OUTDIR="$work/out" node "$app_file"); }
  measure "$label" warm anchor_run
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
measure_anchor "TypeScript anchor: the same $((${#per_platform[@]})) stacks" app-per-platform.js --only "$only"
anchor_wall=$LAST_WALL; anchor_mem=$LAST_MEM
measure_anchor "TypeScript anchor: all environments" app-all.js
anchor_all_wall=$LAST_WALL; anchor_all_mem=$LAST_MEM

# The synthesis server (main/kvstores --serve): later runs hand their work to one warm JVM and jsii kernel.
server_socket="$work/server.sock"
env -u KVSTORES_SERVER KVSTORES_SERVER_SOCKET="$server_socket" main/kvstores --serve \
  >"$work/server.log" 2>&1 &
server_pid=$!
for ((i = 0; i < 600; i++)); do grep -q "server ready" "$work/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q "server ready" "$work/server.log" || { cat "$work/server.log"; echo "benchmark: server did not start"; exit 1; }
served_app() { env -u KVSTORES_SERVER KVSTORES_SERVER_SOCKET="$server_socket" CDKTF_OUTDIR="$work/out" main/kvstores "$@"; }
served_count() { grep -c -- "-> exit 0" "$work/server.log" || true; }
served_before=$(served_count)
measure "Java, synthesis server: all environments" warm served_app
served_wall=$LAST_WALL
measure "Java, synthesis server: one env per platform" warm served_app --only "$only"
served_platform_wall=$LAST_WALL
if (( $(served_count) - served_before != 2 * runs )); then
  cat "$work/server.log"; echo "benchmark: the synthesis server did not take every measured run"; exit 1
fi
# The server's memory just before its default restart (the jsii kernel grows by about 2 MB per run).
for ((i = 0; i < 40 && $(served_count) < 24; i++)); do served_app >/dev/null 2>&1; done
server_kib=$(tree_kib "$server_pid")
served_runs=$(served_count)
grep -q -- "-> exit [^0]" "$work/server.log" && { cat "$work/server.log"; echo "benchmark: a served run failed"; exit 1; }
env -u KVSTORES_SERVER KVSTORES_SERVER_SOCKET="$server_socket" main/kvstores --stop-server >/dev/null
wait "$server_pid"

for file in stacks/environments/*.yaml; do
  name=$(basename "$file" .yaml)
  measure "Java: $name alone, warm" warm app --only "$name"
done
echo
awk -v jw="$all_wall" -v aw="$anchor_all_wall" -v jm="$all_mem" -v am="$anchor_all_mem" \
  'BEGIN { printf "Java / TypeScript anchor, all environments (medians): wall %.1fx, peak memory %.1fx\n", jw / aw, jm / am }'
awk -v jw="$java_wall" -v aw="$anchor_wall" -v jm="$java_mem" -v am="$anchor_mem" \
  'BEGIN { printf "Java / TypeScript anchor, one env per platform (medians): wall %.1fx, peak memory %.1fx\n", jw / aw, jm / am }'
awk -v jw="$served_wall" -v aw="$anchor_all_wall" -v pw="$served_platform_wall" -v ap="$anchor_wall" \
  -v mem="$((server_kib / 1024))" -v am="$anchor_all_mem" -v runs="$served_runs" \
  'BEGIN { printf "Synthesis server / TypeScript anchor (medians): all environments wall %.1fx, one env per platform wall %.1fx; the server (JVM and kernel) holds %d MiB (%.1fx the all-environments anchor) after %d runs, its most before it restarts itself\n", jw / aw, pw / ap, mem, mem / am, runs }'
echo "(anchor outputs verified identical to the Java ones, \"//\" metadata aside)"
echo
echo "Where the time goes, Java, all environments (one run, main/bench/kernel-timeline.js): $split"

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
