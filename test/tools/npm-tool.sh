#!/usr/bin/env bash
# Finds or installs one pinned npm package for the tests and prints the path of one of its files (the entry the
# tests run with node). Shared by s3rver.sh, azurite.sh and asl-validator.sh, which name the package:
#   1. $HOME/.cache/kvstores/<package>-<version>/node_modules/<package>/<entry> if present;
#   2. else `npm install <package>@<version>` into a temporary directory, moved into that cache directory whole.
# Usage: bash test/tools/npm-tool.sh PACKAGE VERSION ENTRY [PATH_FILE]  -- PATH_FILE also receives the path.
# Messages go to stderr, prefixed [PACKAGE]; stdout is only the path. Exit 1 when it cannot install (no npm, no
# registry, the package layout changed): the tests then fail on CI with this message.
set -euo pipefail

PACKAGE="${1:?package}"
VERSION="${2:?version}"
RELATIVE="${3:?entry inside the package}"
PATH_FILE="${4:-}"
CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/${PACKAGE}-${VERSION}"
ENTRY="$CACHE_DIR/node_modules/$PACKAGE/$RELATIVE"
START=$(date +%s)

log() { echo "[$PACKAGE] $*" >&2; }
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
  done_with "using cached $PACKAGE $VERSION"
  exit 0
fi
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js/npm ($PACKAGE $VERSION is an npm package)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvstores-$PACKAGE.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "$PACKAGE $VERSION not found; npm install $PACKAGE@$VERSION"
( cd "$WORK" && npm install --no-audit --no-fund --silent "$PACKAGE@$VERSION" >npm.out 2>npm.err ) \
  || die "npm install $PACKAGE@$VERSION failed: $(cat "$WORK/npm.err" 2>/dev/null)"
[ -f "$WORK/node_modules/$PACKAGE/$RELATIVE" ] || die "$PACKAGE@$VERSION has no $RELATIVE: the package layout changed"
mkdir -p "$(dirname "$CACHE_DIR")"
rm -rf "$CACHE_DIR.tmp.$$"
mv "$WORK" "$CACHE_DIR.tmp.$$"
rm -rf "$CACHE_DIR"
mv -f "$CACHE_DIR.tmp.$$" "$CACHE_DIR"
trap - EXIT
done_with "installed $PACKAGE $VERSION"
