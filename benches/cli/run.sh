#!/usr/bin/env bash
# The whole `mlsecops coverage Garak ModelScan` process against the same query as a Python
# script over the exported taxonomy.json. Needs hyperfine (falls back to /usr/bin/time).
#   bash benches/cli/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --features cli --quiet
bin=target/release/mlsecops
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" export > "$work/taxonomy.json"
# The interpreter itself, not a version-manager shim in front of it.
py=$(python3 -c 'import sys; print(sys.executable)')
# Both print the same counts.
diff <("$bin" coverage Garak ModelScan | grep -o '[0-9]\+/[0-9]\+') \
     <("$py" benches/cli/coverage.py "$work/taxonomy.json" Garak ModelScan | grep -o '[0-9]\+/[0-9]\+')
if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 20 --runs 200 \
        "$bin coverage Garak ModelScan" \
        "$py benches/cli/coverage.py $work/taxonomy.json Garak ModelScan"
else
    for cmd in "$bin coverage Garak ModelScan" "$py benches/cli/coverage.py $work/taxonomy.json Garak ModelScan"; do
        /usr/bin/time -f "%e s, %M KiB max RSS: $cmd" bash -c "for i in \$(seq 100); do $cmd > /dev/null; done"
    done
fi
