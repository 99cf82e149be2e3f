#!/usr/bin/env bash
# Prints the path of the s3rver entry script (a local S3 emulator, npm s3rver 3.7.1) for the backup tests
# (dev.kvstores.e2e.realserver.WorkerStateBackupRealServerTest), installing it if needed:
#   1. $HOME/.cache/kvstores/s3rver-3.7.1/node_modules/s3rver/bin/s3rver.js if present;
#   2. else `npm install s3rver@3.7.1` into that directory (about 10 MB, a few seconds).
# The tests run it with node. Usage: bash test/tools/s3rver.sh [PATH_FILE]  -- PATH_FILE also receives the path.
# Messages go to stderr, prefixed [s3rver]; stdout is only the path.
set -euo pipefail

VERSION=3.7.1
CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/s3rver-${VERSION}"
ENTRY="$CACHE_DIR/node_modules/s3rver/bin/s3rver.js"
PATH_FILE="${1:-}"
START=$(date +%s)

log() { echo "[s3rver] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ -n "$PATH_FILE" ]; then rm -f "$PATH_FILE"; fi

done_with() {
  if [ -n "$PATH_FILE" ]; then
    mkdir -p "$(dirname "$PATH_FILE")"
    printf '%s' "$ENTRY" > "$PATH_FILE"
  fi
  log "$1: $ENTRY ($(( $(date +%s) - START )) s)"
  printf '%s\n' "$ENTRY"
}

if [ -f "$ENTRY" ]; then
  done_with "using cached s3rver $VERSION"
  exit 0
fi
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js/npm (s3rver $VERSION is an npm package)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvstores-s3rver.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "s3rver $VERSION not found; npm install s3rver@$VERSION"
( cd "$WORK" && npm install --no-audit --no-fund --silent "s3rver@$VERSION" >npm.out 2>npm.err ) \
  || die "npm install s3rver@$VERSION failed: $(cat "$WORK/npm.err" 2>/dev/null)"
[ -f "$WORK/node_modules/s3rver/bin/s3rver.js" ] || die "s3rver@$VERSION has no bin/s3rver.js: the package layout changed"
mkdir -p "$(dirname "$CACHE_DIR")"
rm -rf "$CACHE_DIR.tmp.$$"
mv "$WORK" "$CACHE_DIR.tmp.$$"
rm -rf "$CACHE_DIR"
mv -f "$CACHE_DIR.tmp.$$" "$CACHE_DIR"
trap - EXIT
done_with "installed s3rver $VERSION"
