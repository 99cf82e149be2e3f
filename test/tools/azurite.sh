#!/usr/bin/env bash
# Prints the path of the azurite Blob service entry script (the Azure Storage emulator, npm azurite 3.35.0, the
# newest release that runs on Node.js 20: 3.36 needs Node 21, 3.37 Node 22) for the Azure Blob backup test
# (dev.kvstores.e2e.backup: KvrocksLogicalBackupRealServerTest, ManagedRedisExportBlobTest), installing it if needed:
#   1. $HOME/.cache/kvstores/azurite-3.35.0/node_modules/azurite/dist/src/blob/main.js if present;
#   2. else `npm install azurite@3.35.0` into that directory (about 190 MB, one or two minutes).
# The tests run it with node. Usage: bash test/tools/azurite.sh [PATH_FILE]  -- PATH_FILE also receives the path.
# Messages go to stderr, prefixed [azurite]; stdout is only the path. Exit 1 when it cannot install (no npm, no
# registry): the test then fails on CI with this script's message and skips elsewhere.
set -euo pipefail

VERSION=3.35.0
CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/azurite-${VERSION}"
ENTRY="$CACHE_DIR/node_modules/azurite/dist/src/blob/main.js"
PATH_FILE="${1:-}"
START=$(date +%s)

log() { echo "[azurite] $*" >&2; }
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
  done_with "using cached azurite $VERSION"
  exit 0
fi
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js/npm (azurite $VERSION is an npm package)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvstores-azurite.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "azurite $VERSION not found; npm install azurite@$VERSION (one or two minutes)"
( cd "$WORK" && npm install --no-audit --no-fund --silent "azurite@$VERSION" >npm.out 2>npm.err ) \
  || die "npm install azurite@$VERSION failed: $(cat "$WORK/npm.err" 2>/dev/null)"
[ -f "$WORK/node_modules/azurite/dist/src/blob/main.js" ] \
  || die "azurite@$VERSION has no dist/src/blob/main.js: the package layout changed"
mkdir -p "$(dirname "$CACHE_DIR")"
rm -rf "$CACHE_DIR.tmp.$$"
mv "$WORK" "$CACHE_DIR.tmp.$$"
rm -rf "$CACHE_DIR"
mv -f "$CACHE_DIR.tmp.$$" "$CACHE_DIR"
trap - EXIT
done_with "installed azurite $VERSION"
