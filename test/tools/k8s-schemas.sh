#!/usr/bin/env bash
# Finds or installs the Kubernetes API and CRD schemas the schema tests validate against (npm, pinned), and prints
# the directory that holds their node_modules:
#   k8s-1.25    kubernetes-models 4.1.0  (the API schemas of Kubernetes 1.25, the oldest line we support)
#   k8s-newest  kubernetes-models 5.1.0  (the newest line the package ships)
#   @kubernetes-models/cert-manager 6.0.0, @kubernetes-models/prometheus-operator 6.0.0  (the CRDs' schemas)
# (npm-tool.sh --set: cached in $HOME/.cache/kvstores/k8s-schemas-<hash of this list>, else npm install.)
# test/tools/k8s-validate.mjs validates objects with them (dev.kvstores.e2e.helm.KubernetesSchemaTest).
# Usage: bash test/tools/k8s-schemas.sh [PATH_FILE]  -- PATH_FILE also receives the directory. Messages go to
# stderr, prefixed [k8s-schemas]; stdout is only the directory. Exit 1 when it cannot install (no npm, no registry):
# the tests then fail on CI with this message.
set -euo pipefail
exec bash "$(dirname "$0")/npm-tool.sh" --set k8s-schemas "${1:-}" \
  k8s-1.25@npm:kubernetes-models@4.1.0 \
  k8s-newest@npm:kubernetes-models@5.1.0 \
  @kubernetes-models/cert-manager@6.0.0 \
  @kubernetes-models/prometheus-operator@6.0.0
