#!/usr/bin/env bash
# Benchmark aid (main/benchmark.sh): writes <copies> copies of every shipped environment file into <out dir>
# (<name>-c01.yaml ...), for the "many stacks" rows. Each copy changes what README.md "Copying an environment
# file" says a copy must change, by suffixing -cNN: the kube context, the connection Secret's and the stores'
# names, the state backend's bucket / key / prefix and the backup buckets (storage accounts get cNN, no dash:
# 3-24 lowercase letters and digits). The loader refuses copies that claim the same real thing, so a copy that
# missed a field fails the benchmark instead of measuring less work.
#
# Usage: main/bench/copy-environments.sh <copies> <out dir>
set -euo pipefail
copies="$1"; out="$2"
cd "$(dirname "$0")/../.."
mkdir -p "$out"
for file in stacks/environments/*.yaml; do
  name=$(basename "$file" .yaml)
  for ((i = 1; i <= copies; i++)); do
    c=$(printf 'c%02d' "$i")
    sed -E "s/^(\s*configContext:\s*)([^ #]+)/\1\2-$c/; s/^(  name:\s*)([^ #]+)/\1\2-$c/;
            s/^(\s*account:\s*)([^ #]+)/\1\2$c/; s/^(\s*bucket:\s*)([^ #]+)/\1\2-$c/;
            s/^(\s*(key|prefix):\s*)([^ #]+)/\1\3-$c/" "$file" >"$out/$name-$c.yaml"
  done
done
