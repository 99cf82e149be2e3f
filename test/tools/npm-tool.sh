#!/usr/bin/env bash
# Finds or installs pinned npm packages for the tests, cached in $HOME/.cache/kvstores (one directory per set of
# packages; else `npm install` into a temporary directory, moved into that cache directory whole). Two forms:
#   npm-tool.sh PACKAGE VERSION ENTRY [PATH_FILE]
#       one package (s3rver.sh, azurite.sh, asl-validator.sh); prints the path of ENTRY inside it (the file the tests
#       run with node); cache directory <PACKAGE>-<VERSION>.
#   npm-tool.sh --set NAME PATH_FILE SPEC...
#       several packages, SPEC as npm takes it (`pkg@1.2.3`, `alias@npm:pkg@1.2.3`; k8s-schemas.sh); prints the cache
#       directory (it holds node_modules/); cache directory <NAME>-<hash of the specs>, so a changed pin installs anew.
# PATH_FILE (may be empty) also receives the printed path. Messages go to stderr, prefixed [PACKAGE] or [NAME]; stdout
# is only the path. Exit 1 when it cannot install (no npm, no registry, the package layout changed): the tests then
# fail on CI with this message.
set -euo pipefail

START=$(date +%s)
if [ "${1:-}" = --set ]; then
  LABEL="${2:?name}"
  PATH_FILE="${3-}"
  shift 3
  [ $# -gt 0 ] || { echo "[$LABEL] ERROR: no package specs" >&2; exit 1; }
  SPECS=("$@")
  CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/${LABEL}-$(printf '%s\n' "${SPECS[@]}" | sha256sum | cut -c1-12)"
  PRINTED="$CACHE_DIR"
  CHECKS=()
  for spec in "${SPECS[@]}"; do # the installed name: the alias, or the package without its version
    name="${spec%%@npm:*}"
    [ "$name" != "$spec" ] || name="${spec%@*}"
    CHECKS+=("node_modules/$name/package.json")
  done
else
  PACKAGE="${1:?package}"
  VERSION="${2:?version}"
  RELATIVE="${3:?entry inside the package}"
  PATH_FILE="${4:-}"
  LABEL="$PACKAGE"
  SPECS=("$PACKAGE@$VERSION")
  CACHE_DIR="${HOME:?HOME is not set}/.cache/kvstores/${PACKAGE}-${VERSION}"
  PRINTED="$CACHE_DIR/node_modules/$PACKAGE/$RELATIVE"
  CHECKS=("node_modules/$PACKAGE/$RELATIVE")
fi

log() { echo "[$LABEL] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ -n "$PATH_FILE" ]; then rm -f "$PATH_FILE"; fi

done_with() {
  if [ -n "$PATH_FILE" ]; then
    mkdir -p "$(dirname "$PATH_FILE")"
    printf '%s' "$PRINTED" > "$PATH_FILE"
  fi
  log "$1: $PRINTED ($(( $(date +%s) - START )) s)"
  printf '%s\n' "$PRINTED"
}

complete_in() {
  local check
  for check in "${CHECKS[@]}"; do [ -f "$1/$check" ] || return 1; done
}

if complete_in "$CACHE_DIR"; then
  done_with "using cached ${SPECS[*]}"
  exit 0
fi
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js/npm (${SPECS[*]} are npm packages)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvstores-$LABEL.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log "not found; npm install ${SPECS[*]}"
( cd "$WORK" && npm install --no-audit --no-fund --silent --engine-strict=false "${SPECS[@]}" >npm.out 2>npm.err ) \
  || die "npm install ${SPECS[*]} failed: $(cat "$WORK/npm.err" 2>/dev/null)"
complete_in "$WORK" || die "the install of ${SPECS[*]} lacks one of ${CHECKS[*]}: the package layout changed"
mkdir -p "$(dirname "$CACHE_DIR")"
rm -rf "$CACHE_DIR.tmp.$$"
mv "$WORK" "$CACHE_DIR.tmp.$$"
rm -rf "$CACHE_DIR"
mv -f "$CACHE_DIR.tmp.$$" "$CACHE_DIR"
trap - EXIT
done_with "installed ${SPECS[*]}"
