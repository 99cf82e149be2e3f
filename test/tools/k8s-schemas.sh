#!/usr/bin/env bash
# Finds or installs the Kubernetes API and CRD schemas the schema tests validate against (npm, pinned), and prints
# the directory that holds their node_modules:
#   k8s-1.25    kubernetes-models 4.1.0  (the API schemas of Kubernetes 1.25, the oldest line we support)
#   k8s-newest  kubernetes-models 5.1.0  (the newest line the package ships)
#   @kubernetes-models/cert-manager 6.0.0, @kubernetes-models/prometheus-operator 6.0.0  (the CRDs' schemas)
# Cached in $HOME/.cache/kvstores/k8s-schemas-<hash of this list>; else `npm install` into a temporary directory,
# moved there whole. test/tools/k8s-validate.mjs validates objects with them (dev.kvstores.e2e.schema tests).
# Usage: bash test/tools/k8s-schemas.sh [PATH_FILE]  -- PATH_FILE also receives the directory. Messages go to
# stderr, prefixed [k8s-schemas]; stdout is only the directory. Exit 1 when it cannot install (no npm, no registry):
# the tests then fail on CI with this message.
set -euo pipefail

PATH_FILE="${1:-}"
PACKAGE_JSON='{
  "name": "kvstores-k8s-schemas",
  "private": true,
  "dependencies": {
    "k8s-1.25": "npm:kubernetes-models@4.1.0",
    "k8s-newest": "npm:kubernetes-models@5.1.0",
    "@kubernetes-models/cert-manager": "6.0.0",
    "@kubernetes-models/prometheus-operator": "6.0.0"
  }
}'
HASH=$(printf '%s' "$PACKAGE_JSON" | sha256sum | cut -c1-12)
CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/k8s-schemas-$HASH"
MARKER="$CACHE_DIR/node_modules/@kubernetes-models/prometheus-operator/package.json"
START=$(date +%s)

log() { echo "[k8s-schemas] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ -n "$PATH_FILE" ]; then rm -f "$PATH_FILE"; fi
done_with() {
  if [ -n "$PATH_FILE" ]; then
    mkdir -p "$(dirname "$PATH_FILE")"
    printf '%s' "$CACHE_DIR" > "$PATH_FILE"
  fi
  log "$1: $CACHE_DIR ($(( $(date +%s) - START )) s)"
  printf '%s\n' "$CACHE_DIR"
}

if [ -f "$MARKER" ] && [ -f "$CACHE_DIR/node_modules/k8s-1.25/package.json" ] \
    && [ -f "$CACHE_DIR/node_modules/k8s-newest/package.json" ]; then
  done_with "using cached schemas"
  exit 0
fi
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js/npm (the schemas are npm packages)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvstores-k8s-schemas.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
printf '%s\n' "$PACKAGE_JSON" > "$WORK/package.json"
log "not found; npm install kubernetes-models 4.1.0 and 5.1.0, @kubernetes-models/cert-manager and prometheus-operator 6.0.0"
( cd "$WORK" && npm install --no-audit --no-fund --silent --engine-strict=false >npm.out 2>npm.err ) \
  || die "npm install failed: $(cat "$WORK/npm.err" 2>/dev/null)"
[ -f "$WORK/node_modules/@kubernetes-models/prometheus-operator/package.json" ] \
  || die "the install has no @kubernetes-models/prometheus-operator: the package layout changed"
mkdir -p "$(dirname "$CACHE_DIR")"
rm -rf "$CACHE_DIR.tmp.$$"
mv "$WORK" "$CACHE_DIR.tmp.$$"
rm -rf "$CACHE_DIR"
mv -f "$CACHE_DIR.tmp.$$" "$CACHE_DIR"
trap - EXIT
done_with "installed schemas"
