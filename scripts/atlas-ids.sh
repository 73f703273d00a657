#!/usr/bin/env bash
# Writes src/crosswalk/atlas/ids.rs, the ATLAS table, from the vendored extract
# tests/data/atlas-5.6.0-ids.tsv (kind, id, name), one row per id, sorted by id in byte order:
#
#     bash scripts/atlas-ids.sh > src/crosswalk/atlas/ids.rs && cargo test --test crosswalk
#
# `cargo test --test crosswalk` checks the table against the extract, so a table edited by hand
# that drifts from it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
tsv=tests/data/atlas-5.6.0-ids.tsv
rows=$(grep -v '^#' "$tsv" | tail -n +2 | LC_ALL=C sort -t "$(printf '\t')" -k2,2)
count=$(printf '%s\n' "$rows" | wc -l | tr -d ' ')
cat <<HEADER
//! MITRE ATLAS v5.6.0 identifiers and names, one row per tactic, technique, sub-technique and
//! mitigation, sorted by id (byte order) for binary search.
//!
//! Extracted from \`dist/ATLAS.yaml\` of the mitre-atlas/atlas-data repository (release v5.6.1, data
//! version 5.6.0). MITRE ATLAS is licensed under the Apache License 2.0, Copyright 2021-2025 MITRE.
//! Generated from the vendored extract \`tests/data/atlas-5.6.0-ids.tsv\`, which
//! \`cargo test --test crosswalk\` compares it with:
//!
//! \`\`\`sh
//! bash scripts/atlas-ids.sh > src/crosswalk/atlas/ids.rs
//! \`\`\`

use super::AtlasKind::{self, Mitigation, Subtechnique, Tactic, Technique};

/// (id, name, kind), sorted by id.
#[rustfmt::skip]
pub(super) static ATLAS: [(&str, &str, AtlasKind); $count] = [
HEADER
printf '%s\n' "$rows" | awk -F '\t' '{
    kind = toupper(substr($1, 1, 1)) substr($1, 2)
    printf "    (\"%s\", \"%s\", %s),\n", $2, $3, kind
}'
echo "];"
