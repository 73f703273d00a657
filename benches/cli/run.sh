#!/usr/bin/env bash
# The whole `mlsecops coverage Garak ModelScan` process against a no-op process (/bin/true), for
# the two builds of the command: the dynamically linked one (`cargo build --release`, what
# `cargo install` makes) and the static one (`scripts/build-static.sh`). Prints each build's
# ratio to /bin/true (the aim: at most 2x), and once the same query as a Python script over the
# exported taxonomy.json. Needs hyperfine (`cargo install hyperfine --locked`).
#
#   bash benches/cli/run.sh [ROUNDS]     # 41 rounds unless told
#
# The machine is shared and its speed drifts, so the commands are timed in rounds: each round runs
# all three 30 times (hyperfine -N, no shell), in an order that alternates between rounds, and
# gives each build's median over /bin/true's median; the ratio printed is the median of the
# rounds' ratios, with the lowest and highest. Exits 1 when the static build misses the aim.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-41}
cargo build --release --locked --features cli --quiet
dynamic=target/release/mlsecops
static=$(bash scripts/build-static.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$dynamic" export > "$work/taxonomy.json"
# The interpreter itself, not a version-manager shim in front of it.
py=$(python3 -c 'import sys; print(sys.executable)')
# All three print the same counts.
counts() { grep -o '[0-9]\+/[0-9]\+'; }
diff <("$dynamic" coverage Garak ModelScan | counts) \
     <("$py" benches/cli/coverage.py "$work/taxonomy.json" Garak ModelScan | counts)
diff <("$dynamic" coverage Garak ModelScan) <("$static" coverage Garak ModelScan)

commands=("$dynamic coverage Garak ModelScan" "$static coverage Garak ModelScan" "/bin/true")
for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then order=(0 1 2); else order=(2 1 0); fi
    hyperfine -N --style none --warmup 5 --runs 30 --export-json "$work/round-$round.json" \
        "${commands[${order[0]}]}" "${commands[${order[1]}]}" "${commands[${order[2]}]}" >/dev/null 2>"$work/hyperfine.err" \
        || { cat "$work/hyperfine.err" >&2; exit 2; }
done
hyperfine -N --style none --warmup 5 --runs 100 --export-json "$work/python.json" \
    "$py benches/cli/coverage.py $work/taxonomy.json Garak ModelScan" >/dev/null

"$py" - "$work" "$rounds" "$dynamic" "$static" <<'PY'
import json, statistics, sys
work, rounds, dynamic, static = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ratios = {dynamic: [], static: []}
medians = {dynamic: [], static: [], "/bin/true": []}
for r in range(1, rounds + 1):
    by = {x["command"].split()[0]: x["median"] for x in json.load(open(f"{work}/round-{r}.json"))["results"]}
    for b in medians:
        medians[b].append(by[b])
    for b in ratios:
        ratios[b].append(by[b] / by["/bin/true"])
noop = statistics.median(medians["/bin/true"])
python = json.load(open(f"{work}/python.json"))["results"][0]["median"]
missed = False
for b, label in ((dynamic, "dynamic (cargo build --release)"), (static, "static (scripts/build-static.sh)")):
    rs = ratios[b]
    ratio = statistics.median(rs)
    met = ratio <= 2
    if b == static:
        missed = not met
    print(f"mlsecops coverage Garak ModelScan, {label}: median {statistics.median(medians[b]) * 1e3:.2f} ms, "
          f"{ratio:.2f}x /bin/true ({min(rs):.2f}x to {max(rs):.2f}x over {rounds} rounds; "
          f"aim at most 2x: {'met' if met else 'NOT MET'})")
print(f"/bin/true: median {noop * 1e3:.2f} ms; the Python script: {python * 1e3:.1f} ms "
      f"({python / statistics.median(medians[dynamic]):.0f}x the dynamic build)")
sys.exit(1 if missed else 0)
PY
