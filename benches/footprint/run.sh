#!/usr/bin/env bash
# Clean build time of a minimal crate using mlsecops-taxonomy with no default features, against
# one using only strum, thiserror and indexmap (the crate's own dependencies). Each is built
# from scratch RUNS times (default 5) into a fresh target directory; medians and their ratio.
# Incremental compilation is off, as it is for a dependency from crates.io (a path dependency
# would otherwise be built incrementally, which costs more on a clean build).
#   bash benches/footprint/run.sh
set -euo pipefail
cd "$(dirname "$0")"
runs=${RUNS:-5}
for crate in with-crate baseline; do
    (cd "$crate" && cargo fetch --quiet)
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A result
for crate in with-crate baseline; do
    times=()
    for _ in $(seq "$runs"); do
        dir=$(mktemp -d)
        start=$(date +%s.%N)
        (cd "$crate" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$dir" cargo build --quiet --offline)
        end=$(date +%s.%N)
        rm -rf "$dir"
        times+=("$(echo "$end - $start" | bc)")
    done
    result[$crate]=$(printf '%s\n' "${times[@]}" | median)
    echo "$crate: ${times[*]} (median ${result[$crate]} s)"
done
echo "ratio: $(echo "scale=2; ${result[with-crate]} / ${result[baseline]}" | bc)"
