#!/usr/bin/env bash
# Proves the lean and the official provider bindings synthesize the same thing: builds the app with each
# (mvn package, no tests, no install), synthesizes every shipped environment with each, and compares every
# file of cdktf.out/stacks byte for byte (cdk.tf.json, kvstores-report.md, suprsend-values.yaml); also
# synthesizes twice with the lean jar, to tell non-determinism from a bindings difference.
# Usage: main/compare-bindings.sh        (exit 0: identical; 1: a difference, shown)
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
export KVSTORES_SERVER=off   # each synthesis in its own process
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for mode in official lean; do
  flag=()
  [[ "$mode" == official ]] && flag=(-Dkvstores.bindings=official)
  echo "compare-bindings: building with the $mode bindings"
  mvn -B -q clean package -DskipTests "${flag[@]}" >"$work/$mode.build.log" 2>&1 \
    || { tail -40 "$work/$mode.build.log"; echo "compare-bindings: build with the $mode bindings failed"; exit 1; }
  mkdir -p "$work/$mode"
  cp -r main/target/kvstores-app.jar main/target/lib "$work/$mode/"
  if [[ "$mode" == official ]]; then
    ls "$work/$mode/lib" | grep -q '^cdktf-provider-kubernetes-' || { echo "compare-bindings: official jars missing"; exit 1; }
  else
    ls "$work/$mode/lib" | grep -q '^lean-providers-' || { echo "compare-bindings: lean jar missing"; exit 1; }
    ! ls "$work/$mode/lib" | grep -q '^cdktf-provider-' || { echo "compare-bindings: official provider jar on the lean classpath"; exit 1; }
  fi
  mkdir -p "$work/out"
  CDKTF_OUTDIR="$work/out/$mode" java -jar "$work/$mode/kvstores-app.jar" >"$work/$mode.synth.log" 2>&1 \
    || { cat "$work/$mode.synth.log"; echo "compare-bindings: synthesis with the $mode bindings failed"; exit 1; }
done

# A second lean run first: a difference there is non-determinism, not the bindings.
CDKTF_OUTDIR="$work/out/lean-again" java -jar "$work/lean/kvstores-app.jar" >"$work/lean-again.synth.log" 2>&1 \
  || { cat "$work/lean-again.synth.log"; echo "compare-bindings: second synthesis failed"; exit 1; }
diff -r "$work/out/lean/stacks" "$work/out/lean-again/stacks" >/dev/null \
  || { echo "compare-bindings: two runs with the same (lean) jar differ: synthesis is not deterministic"; exit 1; }

stacks=$(ls "$work/out/lean/stacks")
[[ -n "$stacks" ]] || { echo "compare-bindings: nothing synthesized"; exit 1; }
if diff -r "$work/out/official/stacks" "$work/out/lean/stacks"; then
  for s in $stacks; do
    echo "  $s: cdk.tf.json $(sha256sum <"$work/out/lean/stacks/$s/cdk.tf.json" | cut -c1-16) identical (and every other file)"
  done
  echo "compare-bindings: lean and official bindings synthesize byte-identical output for $(echo "$stacks" | wc -w) environment(s)"
else
  echo "compare-bindings: the lean and official bindings synthesize different output"
  exit 1
fi
