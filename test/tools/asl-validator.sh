#!/usr/bin/env bash
# Prints the path of the asl-validator command-line entry (npm asl-validator 4.0.0, a validator of Amazon States
# Language definitions, JSONPath and JSONata) for the Step Functions tests
# (dev.kvstores.e2e.backup.AwsWorkerStateExportDefinitionTest), installing it if needed:
#   (npm-tool.sh: the cached copy in $HOME/.cache/kvstores, else npm install)
# The tests run it with node. Usage: bash test/tools/asl-validator.sh [PATH_FILE]  -- PATH_FILE also receives the
# path. Messages go to stderr, prefixed [asl-validator]; stdout is only the path.
set -euo pipefail
exec bash "$(dirname "$0")/npm-tool.sh" asl-validator 4.0.0 dist/bin/asl-validator.js "${1:-}"
