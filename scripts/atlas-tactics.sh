#!/usr/bin/env bash
# Writes src/crosswalk/atlas/tactics.rs, the tactics of each ATLAS technique, from the layer MITRE
# publishes with every technique (tests/data/atlas-layers/atlas_case_study_frequency.json: one
# entry per technique and tactic) and the tactic ids of tests/data/atlas-5.6.0-ids.tsv:
#
#     bash scripts/atlas-tactics.sh > src/crosswalk/atlas/tactics.rs && cargo test --test navigator
#
# `cargo test --test navigator` checks the table against both files.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import json

rows = [l.rstrip("\n").split("\t") for l in open("tests/data/atlas-5.6.0-ids.tsv") if not l.startswith("#")][1:]
# The Navigator names a tactic by its short name: the name in lower case, words joined by "-".
tactics = {name.lower().replace(" ", "-"): tid for kind, tid, name in rows if kind == "tactic"}
layer = json.load(open("tests/data/atlas-layers/atlas_case_study_frequency.json"))
of = {}
for t in layer["techniques"]:
    if "tactic" in t:
        of.setdefault(t["techniqueID"], []).append(t["tactic"])
techniques = [tid for kind, tid, _ in rows if kind == "technique"]
assert sorted(of) == sorted(techniques), "the layer lists every technique"
order = sorted(tactics.items(), key=lambda kv: kv[1].encode())
print("""//! The tactics of each MITRE ATLAS v5.6.0 technique, as the ATLAS Navigator names them.
//!
//! Generated from the layer MITRE publishes with every technique,
//! `tests/data/atlas-layers/atlas_case_study_frequency.json` (mitre-atlas/atlas-navigator-data,
//! release "ATLAS 5.6.0 and ATT&CK 19.0"; Apache License 2.0, Copyright 2021-2022 MITRE), and the
//! tactic ids of `tests/data/atlas-5.6.0-ids.tsv`, which `cargo test --test navigator` compares
//! it with:
//!
//! ```sh
//! bash scripts/atlas-tactics.sh > src/crosswalk/atlas/tactics.rs
//! ```
""")
print("/// (tactic id, the Navigator's short name), sorted by id.")
print("#[rustfmt::skip]")
print(f"pub(super) static SHORT_NAMES: [(&str, &str); {len(order)}] = [")
for name, tid in order:
    print(f'    ("{tid}", "{name}"),')
print("];")
print()
print("/// (technique id, its tactics' short names in the Navigator's order), sorted by id.")
print("#[rustfmt::skip]")
print(f"pub(super) static TACTICS: [(&str, &[&str]); {len(of)}] = [")
for tid in sorted(of, key=lambda s: s.encode()):
    names = ", ".join(f'"{n}"' for n in of[tid])
    print(f'    ("{tid}", &[{names}]),')
print("];")
PY
