#!/usr/bin/env bash
# Makes the cdktf Java bindings that the Maven repository cannot serve.
#
# For each "artifactId:version:npmPackage" argument, in order:
#   1. already in the local Maven repository      -> nothing to do
#   2. resolvable from the configured repositories -> Maven downloads it
#   3. otherwise: jsii-pacmak generates the Java code from the npm package of the same version
#      (code only), javac compiles it (no javadoc), and the jar is installed under its official
#      coordinates com.hashicorp:<artifactId>:<version>.
# Each step prints what it does and how long it took. Runs once per machine: later builds hit case 1.
#
# Usage: build-bindings.sh <local-repo> <work-dir> <jsii-pacmak-version> <constructs-version> <spec>...
#   (an argument may hold several space-separated specs; "-" stands for none)
set -euo pipefail

local_repo="$1"; work_dir="$2"; pacmak_version="$3"; constructs_version="$4"; shift 4
# A spec argument may hold several space-separated specs; "-" stands for none.
specs=()
for arg in "$@"; do for spec in $arg; do [[ "$spec" == "-" ]] || specs+=("$spec"); done; done
set -- "${specs[@]}"
group_path="com/hashicorp"
mkdir -p "$work_dir"
rm -f "$work_dir/run.timings"
cd "$work_dir" # Maven must not pick up a project pom.xml from the caller's directory
mvn_cmd=(mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$local_repo")

log() { printf '[bindings] %s\n' "$*"; printf '[bindings] %s\n' "$*" >>"$work_dir/run.timings"; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f s", e - s }'; }

installed() { # artifactId version
  [[ -f "$local_repo/$group_path/$1/$2/$1-$2.jar" && -f "$local_repo/$group_path/$1/$2/$1-$2.pom" ]]
}

missing=()
for spec in "$@"; do
  IFS=: read -r artifact version npm_package <<<"$spec"
  if installed "$artifact" "$version"; then
    log "com.hashicorp:$artifact:$version is in the local repository"
    continue
  fi
  started=$(now)
  if "${mvn_cmd[@]}" dependency:get -Dtransitive=false -Dartifact="com.hashicorp:$artifact:$version" >/dev/null 2>&1; then
    log "com.hashicorp:$artifact:$version resolved from the Maven repository ($(since "$started"))"
    continue
  fi
  log "com.hashicorp:$artifact:$version is not served by the Maven repository; will generate it from npm $npm_package@$version"
  missing+=("$spec")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

command -v node >/dev/null || { log "ERROR: node (Node.js 20+) is required to generate the bindings; install it and re-run"; exit 1; }
command -v npm >/dev/null || { log "ERROR: npm is required to generate the bindings; install it and re-run"; exit 1; }

total_started=$(now)
npm_dir="$work_dir/npm"
mkdir -p "$npm_dir"
npm_specs=("jsii-pacmak@$pacmak_version" "constructs@$constructs_version")
for spec in "$@"; do
  IFS=: read -r artifact version npm_package <<<"$spec"
  npm_specs+=("$npm_package@$version")
done
started=$(now)
log "npm install ${npm_specs[*]}"
[[ -f "$npm_dir/package.json" ]] || echo '{"name":"kvstores-bindings-work","private":true}' >"$npm_dir/package.json"
(cd "$npm_dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error "${npm_specs[@]}" >/dev/null)
log "npm install took $(since "$started")"

for spec in "${missing[@]}"; do
  IFS=: read -r artifact version npm_package <<<"$spec"
  out="$work_dir/$artifact"
  rm -rf "$out"
  mkdir -p "$out"

  started=$(now)
  (cd "$npm_dir" && NODE_OPTIONS=--max-old-space-size=8192 npx --no-install jsii-pacmak --target java --code-only \
      --outdir "$out/gen" "node_modules/$npm_package" >"$out/pacmak.log" 2>&1) \
    || { cat "$out/pacmak.log"; log "ERROR: jsii-pacmak failed for $npm_package@$version"; exit 1; }
  src="$out/gen/java"
  files=$(find "$src/src/main/java" -name '*.java' | tee "$out/sources.txt" | wc -l)
  log "$artifact: jsii-pacmak generated $files Java files in $(since "$started")"

  started=$(now)
  "${mvn_cmd[@]}" -f "$src/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >"$out/classpath.log" 2>&1 \
    || { cat "$out/classpath.log"; log "ERROR: could not resolve the dependencies of $artifact (see $src/pom.xml)"; exit 1; }
  mkdir -p "$out/classes"
  javac -J-Xmx8g -J-XX:+UseParallelGC --release 8 -nowarn -Xlint:none -proc:none -encoding UTF-8 \
      -cp "$(cat "$out/classpath.txt")" -d "$out/classes" "@$out/sources.txt" 2>"$out/javac.log" \
    || { tail -50 "$out/javac.log"; log "ERROR: javac failed for $artifact"; exit 1; }
  log "$artifact: javac compiled $files files in $(since "$started")"

  started=$(now)
  jar --create --file "$out/$artifact-$version.jar" -C "$out/classes" . -C "$src/src/main/resources" .
  "${mvn_cmd[@]}" install:install-file -Dfile="$out/$artifact-$version.jar" -DpomFile="$src/pom.xml" >"$out/install.log" 2>&1 \
    || { cat "$out/install.log"; log "ERROR: could not install $artifact into $local_repo"; exit 1; }
  find "$local_repo/$group_path/$artifact/$version" -name '*.lastUpdated' -delete 2>/dev/null || true
  log "$artifact: installed com.hashicorp:$artifact:$version in $(since "$started")"
  rm -rf "$out/classes" "$out/gen"
done
log "generated ${#missing[@]} binding(s) in $(since "$total_started") (once per machine)"
# Kept for main/benchmark.sh, which reports the first-build time of the bindings.
grep -h '^\[bindings\]' "$work_dir"/*.timings 2>/dev/null >"$local_repo/$group_path/.kvstores-bindings-first-build.txt" || true
