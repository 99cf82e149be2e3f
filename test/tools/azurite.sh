#!/usr/bin/env bash
# Prints the path of the azurite Blob service entry script (the Azure Storage emulator, npm azurite 3.35.0, the
# newest release that runs on Node.js 20: 3.36 needs Node 21, 3.37 Node 22) for the Azure Blob backup test
# (dev.kvstores.e2e.backup: KvrocksLogicalBackupRealServerTest, ManagedRedisExportBlobTest), installing it if needed:
#   (npm-tool.sh: the cached copy in $HOME/.cache/kvstores, else npm install)
# The tests run it with node. Usage: bash test/tools/azurite.sh [PATH_FILE]  -- PATH_FILE also receives the path.
# Messages go to stderr, prefixed [azurite]; stdout is only the path. Exit 1 when it cannot install (no npm, no
# registry): the test then fails on CI with this script's message and skips elsewhere.
set -euo pipefail
exec bash "$(dirname "$0")/npm-tool.sh" azurite 3.35.0 dist/src/blob/main.js "${1:-}"
