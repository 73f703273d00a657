#!/usr/bin/env bash
# `mlsecops detect` over a generated tree of 10,000 manifests (requirements, pyproject, package.json,
# lockfiles): wall time and peak resident memory, best of 5.
#   bash benches/detect/run.sh [FILES]
set -euo pipefail
cd "$(dirname "$0")/../.."
files="${1:-10000}"
cargo build --release --features cli --quiet
bin=target/release/mlsecops
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/detect/generate.py "$work/tree" "$files"
# The tree as the command reads it.
"$bin" detect "$work/tree" | tail -n 3
best=""
for run in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" detect "$work/tree" --format json > /dev/null
    read -r seconds kib < "$work/time"
    echo "run $run: ${seconds} s, peak RSS ${kib} KiB"
    if [ -z "$best" ] || awk "BEGIN { exit !($seconds < $best) }"; then best=$seconds; best_kib=$kib; fi
done
echo "best of 5: ${best} s, peak RSS ${best_kib} KiB, ${files} files"
