#!/usr/bin/env bash
# Makes the lean provider bindings (dev.kvstores.lean:lean-providers) in target/classes.
#
# 1. Scans the Java sources of every module (main and test) for imports of
#    com.hashicorp.cdktf.providers.<provider>.<submodule>. and lists the used submodules per provider
#    (plus each provider's `provider` submodule) in target/lean-bindings/used-submodules.txt.
# 2. Cache key = that list + the package versions + this script and trim-provider.js. A jar for the key in
#    <local-repo>/dev/kvstores/lean/.cache/ -> unpacked into target/classes (once per machine per key).
# 3. Otherwise, per provider: trim-provider.js writes a trimmed npm package @kvstores/lean-provider-<p>
#    (only the used submodules and the types they reference; Java package dev.kvstores.lean.<p>), then
#    jsii-pacmak --code-only generates its Java code, strip-assembly.js drops the docs from the assembly in the
#    package tarball the kernel loads; one javac compiles all of it; the result is cached.
# Each step prints what it does and how long it took.
#
# Usage: lean-bindings.sh <local-repo> <project-dir> <target-dir> <classpath> <jsii-pacmak-version>
#                         <constructs-version> <cdktf-version> <javaSegment:npmPackage:version>...
set -euo pipefail

local_repo="$1"; project_dir="$2"; target="$3"; classpath="$4"; pacmak_version="$5"
constructs_version="$6"; cdktf_version="$7"; shift 7
here="$(cd "$(dirname "$0")" && pwd)"
work="$target/lean-bindings"
classes="$target/classes"
mkdir -p "$work" "$classes"

log() { printf '[lean-bindings] %s\n' "$*"; printf '[lean-bindings] %s\n' "$*" >>"$work/run.timings"; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f s", e - s }'; }
rm -f "$work/run.timings"
all_started=$(now)

# 1. Used submodules, per provider.
used="$work/used-submodules.txt"
find "$project_dir" -path '*/src/*' -name '*.java' -not -path '*/target/*' -not -path '*/node_modules/*' -print0 \
  | xargs -0 grep -ohE 'com\.hashicorp\.cdktf\.providers\.[a-z_0-9]+\.[a-z_0-9]+\.' 2>/dev/null \
  | sed -E 's/^com\.hashicorp\.cdktf\.providers\.//; s/\.$//' | sort -u >"$work/imports.txt" || true
: >"$used"
for spec in "$@"; do
  IFS=: read -r segment npm_package version <<<"$spec"
  subs=$( (echo provider; awk -F. -v p="$segment" '$1 == p { print $2 }' "$work/imports.txt") | sort -u | paste -sd, -)
  echo "$segment $npm_package $version $subs" >>"$used"
done
log "used submodules (from the imports of */src/**/*.java), written to $used:"
while read -r segment npm_package version subs; do log "  $segment: ${subs//,/ }"; done <"$used"

key=$( (cat "$used"; echo "$pacmak_version $constructs_version $cdktf_version"; cat "$0" "$here/trim-provider.js" "$here/strip-assembly.js") \
  | sha256sum | cut -c1-16)
cache_dir="$local_repo/dev/kvstores/lean/.cache"
cached="$cache_dir/lean-providers-$key.jar"

if [[ -d "$classes/dev/kvstores/lean" && -f "$work/classes.key" && "$(cat "$work/classes.key")" == "$key" ]]; then
  log "lean bindings $key are up to date in $classes"
  exit 0
fi
rm -rf "$classes/dev/kvstores/lean" "$work/classes.key"
if [[ -f "$cached" ]]; then
  started=$(now)
  (cd "$classes" && jar -xf "$cached")
  rm -rf "$classes/META-INF"
  echo "$key" >"$work/classes.key"
  log "lean bindings $key unpacked from $cached in $(since "$started")"
  exit 0
fi

command -v node >/dev/null || { log "ERROR: node (Node.js 20+) is required to generate the bindings; install it and re-run"; exit 1; }
command -v npm >/dev/null || { log "ERROR: npm is required to generate the bindings; install it and re-run"; exit 1; }
log "lean bindings $key are not in $cache_dir; generating them"

# 2. The official npm packages (the sources of the trimmed ones).
npm_dir="$work/npm"
mkdir -p "$npm_dir"
npm_specs=("jsii-pacmak@$pacmak_version" "constructs@$constructs_version" "cdktf@$cdktf_version")
for spec in "$@"; do
  IFS=: read -r segment npm_package version <<<"$spec"
  npm_specs+=("$npm_package@$version")
done
started=$(now)
[[ -f "$npm_dir/package.json" ]] || echo '{"name":"kvstores-lean-bindings-work","private":true}' >"$npm_dir/package.json"
(cd "$npm_dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "${npm_specs[@]}" >/dev/null)
log "npm install ${npm_specs[*]} took $(since "$started")"

# 3. Trim and generate, per provider.
gen="$work/gen"
rm -rf "$gen"
mkdir -p "$gen"
: >"$work/sources.txt"
for spec in "$@"; do
  IFS=: read -r segment npm_package version <<<"$spec"
  subs=$(awk -v p="$segment" '$1 == p { print $4 }' "$used")
  short=${npm_package#@cdktf/provider-}
  lean_name="@kvstores/lean-provider-$short"
  started=$(now)
  summary=$(cd "$npm_dir" && node "$here/trim-provider.js" "node_modules/$npm_package" "node_modules/$lean_name" \
      "$lean_name" "dev.kvstores.lean.$segment" "dev.kvstores.lean" "lean-provider-$short" "$subs") \
    || { log "ERROR: could not trim $npm_package@$version"; exit 1; }
  log "$summary; trimmed in $(since "$started")"
  started=$(now)
  (cd "$npm_dir" && NODE_OPTIONS=--max-old-space-size=4096 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 \
      npx --no-install jsii-pacmak --target java --code-only --outdir "$gen/$short" "node_modules/$lean_name" \
      >"$gen/$short.pacmak.log" 2>&1) \
    || { cat "$gen/$short.pacmak.log"; log "ERROR: jsii-pacmak failed for $lean_name"; exit 1; }
  files=$(find "$gen/$short/java/src/main/java" -name '*.java' | tee -a "$work/sources.txt" | wc -l)
  log "$lean_name: jsii-pacmak generated $files Java files in $(since "$started")"
  # The kernel parses the assembly in the package tarball at every synthesis: without docs it parses less
  # than half (main/benchmark.sh: about 15 MB less memory). The Java code above keeps its Javadoc.
  while IFS= read -r -d '' tarball; do
    stripped=$(node "$here/strip-assembly.js" "$tarball") || { log "ERROR: could not strip $tarball"; exit 1; }
    log "$stripped"
  done < <(find "$gen/$short/java/src/main/resources" -name '*.jsii.tgz' -print0)
done

started=$(now)
files=$(wc -l <"$work/sources.txt")
stage="$work/classes"
rm -rf "$stage"
mkdir -p "$stage"
javac -J-Xmx2g -J-XX:+UseParallelGC --release 8 -nowarn -Xlint:none -proc:none -encoding UTF-8 \
    -cp "$classpath" -d "$stage" "@$work/sources.txt" 2>"$work/javac.log" \
  || { tail -50 "$work/javac.log"; log "ERROR: javac failed for the lean bindings"; exit 1; }
for d in "$gen"/*/java/src/main/resources; do cp -r "$d/." "$stage/"; done
log "javac compiled $files files in $(since "$started")"

mkdir -p "$cache_dir"
jar --create --file "$cached.tmp" -C "$stage" . && mv "$cached.tmp" "$cached"
cp -r "$stage/." "$classes/"
echo "$key" >"$work/classes.key"
rm -rf "$stage" "$gen"
log "lean bindings $key generated in $(since "$all_started") and cached in $cached (once per machine)"
# Kept for main/benchmark.sh, which reports the first-build time of the bindings.
cp "$work/run.timings" "$cache_dir/.first-build.txt"
