#!/usr/bin/env bash
# `mlsecops detect` and `mlsecops check` over a generated tree of 10,000 manifests (requirements,
# pyproject, package.json, lockfiles), and `check` on the sample project: wall time and peak
# resident memory, best of 5 each.
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
# A policy at the tree's root: what detection finds, and one required risk.
printf 'detect = true\nrequire = ["R17-Security"]\n' > "$work/tree/mlsecops.toml"
# best LABEL COMMAND...: the best of 5 runs of a command (any exit code), with its peak memory.
best() {
    local label=$1 best="" best_kib=""
    shift
    for run in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2>&1 || true
        read -r seconds kib < <(tail -n 1 "$work/time")
        if [ -z "$best" ] || awk "BEGIN { exit !($seconds < $best) }"; then best=$seconds; best_kib=$kib; fi
    done
    echo "$label: best of 5: ${best} s, peak RSS ${best_kib} KiB"
}
best "detect, ${files} files" "$bin" detect "$work/tree" --format json
best "check, ${files} files" "$bin" check "$work/tree" --format json
best "check, examples/ml-project" "$bin" check examples/ml-project --format json
