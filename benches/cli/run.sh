#!/usr/bin/env bash
# The whole `mlsecops coverage Garak ModelScan` process against a no-op process (/bin/true) and
# against the same query as a Python script over the exported taxonomy.json; prints the ratio to
# /bin/true (the aim: at most 2x). Needs hyperfine (`cargo install hyperfine --locked`).
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
hyperfine -N --warmup 50 --runs 1000 --export-json "$work/times.json" \
    "$bin coverage Garak ModelScan" \
    "/bin/true" \
    "$py benches/cli/coverage.py $work/taxonomy.json Garak ModelScan"
"$py" - "$work/times.json" <<'PY'
import json, sys
r = {x["command"].split()[0].rsplit("/", 1)[-1]: x for x in json.load(open(sys.argv[1]))["results"]}
ours, noop = r["mlsecops"], r["true"]
ratio = ours["median"] / noop["median"]
print(f"mlsecops coverage Garak ModelScan: median {ours['median'] * 1e3:.2f} ms, "
      f"/bin/true {noop['median'] * 1e3:.2f} ms: {ratio:.2f}x (aim at most 2x: {'met' if ratio <= 2 else 'NOT MET'})")
PY
