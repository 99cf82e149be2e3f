#!/usr/bin/env bash
# Prints the path of the asl-validator command-line entry (npm asl-validator 4.0.0, a validator of Amazon States
# Language definitions, JSONPath and JSONata) for the Step Functions tests
# (dev.kvstores.e2e.backup.AwsWorkerStateExportDefinitionTest), installing it if needed:
#   1. $HOME/.cache/kvstores/asl-validator-4.0.0/node_modules/asl-validator/dist/bin/asl-validator.js if present;
#   2. else `npm install asl-validator@4.0.0` into that directory (a few MB, a few seconds).
# The tests run it with node. Usage: bash test/tools/asl-validator.sh [PATH_FILE]  -- PATH_FILE also receives the
# path. Messages go to stderr, prefixed [asl-validator]; stdout is only the path.
set -euo pipefail

VERSION=4.0.0
CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/asl-validator-${VERSION}"
PATH_FILE="${1:-}"
START=$(date +%s)

log() { echo "[asl-validator] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ -n "$PATH_FILE" ]; then rm -f "$PATH_FILE"; fi

# The package's "bin" entry, read from its package.json (the layout is the package's, not ours).
entry_of() {
  local dir="$1/node_modules/asl-validator"
  [ -f "$dir/package.json" ] || return 1
  local bin
  bin=$(node -e 'const p=require(process.argv[1]); const b=typeof p.bin==="string"?p.bin:p.bin["asl-validator"]; process.stdout.write(b||"")' "$dir/package.json") || return 1
  [ -n "$bin" ] && [ -f "$dir/$bin" ] || return 1
  printf '%s' "$dir/$bin"
}

done_with() {
  if [ -n "$PATH_FILE" ]; then
    mkdir -p "$(dirname "$PATH_FILE")"
    printf '%s' "$ENTRY" > "$PATH_FILE"
  fi
  log "$1: $ENTRY ($(( $(date +%s) - START )) s)"
  printf '%s\n' "$ENTRY"
}

command -v node >/dev/null 2>&1 || die "node not found: install Node.js/npm (asl-validator $VERSION is an npm package)"
if ENTRY=$(entry_of "$CACHE_DIR"); then
  done_with "using cached asl-validator $VERSION"
  exit 0
fi
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js/npm (asl-validator $VERSION is an npm package)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvstores-asl-validator.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "asl-validator $VERSION not found; npm install asl-validator@$VERSION"
( cd "$WORK" && npm install --no-audit --no-fund --silent "asl-validator@$VERSION" >npm.out 2>npm.err ) \
  || die "npm install asl-validator@$VERSION failed: $(cat "$WORK/npm.err" 2>/dev/null)"
entry_of "$WORK" >/dev/null || die "asl-validator@$VERSION has no command-line entry in its package.json: the package layout changed"
mkdir -p "$(dirname "$CACHE_DIR")"
rm -rf "$CACHE_DIR.tmp.$$"
mv "$WORK" "$CACHE_DIR.tmp.$$"
rm -rf "$CACHE_DIR"
mv -f "$CACHE_DIR.tmp.$$" "$CACHE_DIR"
trap - EXIT
ENTRY=$(entry_of "$CACHE_DIR") || die "asl-validator $VERSION moved but its entry is missing"
done_with "installed asl-validator $VERSION"
