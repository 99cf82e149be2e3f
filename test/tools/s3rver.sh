#!/usr/bin/env bash
# Prints the path of the s3rver entry script (a local S3 emulator, npm s3rver 3.7.1) for the backup tests
# (dev.kvstores.e2e.realserver.WorkerStateBackupRealServerTest), installing it if needed:
#   (npm-tool.sh: the cached copy in $HOME/.cache/kvstores, else npm install)
# The tests run it with node. Usage: bash test/tools/s3rver.sh [PATH_FILE]  -- PATH_FILE also receives the path.
# Messages go to stderr, prefixed [s3rver]; stdout is only the path.
set -euo pipefail
exec bash "$(dirname "$0")/npm-tool.sh" s3rver 3.7.1 bin/s3rver.js "${1:-}"
