#!/usr/bin/env bash
# What the build-script gate costs a user's clean build: crates whose build scripts use
# serde + serde_json + toml (the baseline), the gate (`features = ["build"]`, `build::check()`),
# the gate with detection (`features = ["build", "detect"]`, `detect = true`) and the same in a
# build that pins `idna_adapter = "=1.0.0"` (no Unicode domain names, so no ICU4X), each built
# from scratch into a fresh target directory, in ROUNDS alternating rounds (default 3; the
# order rotates each round so that the machine's drift touches all alike). Prints each crate's
# times, the medians and the ratios to the baseline. Incremental compilation is off, as for a
# dependency from crates.io.
#   bash benches/build-cost/run.sh
set -euo pipefail
cd "$(dirname "$0")"
rounds=${ROUNDS:-3}
crates=(baseline gate gate-detect gate-detect-ascii)
for crate in "${crates[@]}"; do
    (cd "$crate" && cargo fetch --quiet)
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A times
for round in $(seq "$rounds"); do
    for i in "${!crates[@]}"; do
        crate=${crates[$(( (i + round) % ${#crates[@]} ))]}
        dir=$(mktemp -d)
        start=$(date +%s.%N)
        (cd "$crate" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$dir" cargo build --quiet --offline)
        end=$(date +%s.%N)
        rm -rf "$dir"
        times[$crate]+="$(echo "$end - $start" | bc) "
    done
done
declare -A med
for crate in "${crates[@]}"; do
    med[$crate]=$(printf '%s\n' ${times[$crate]} | median)
    echo "$crate: ${times[$crate]}(median ${med[$crate]} s)"
done
for crate in gate gate-detect gate-detect-ascii; do
    echo "$crate / baseline: $(echo "scale=2; ${med[$crate]} / ${med[baseline]}" | bc)x"
done
