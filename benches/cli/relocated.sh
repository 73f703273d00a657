#!/usr/bin/env bash
# How much of the `mlsecops` binary the loader must write at every start, by crate: the bytes of
# `.data.rel.ro` (data holding pointers, relocated when a position-independent executable is
# loaded, one page fault per 4 KiB page touched) that each crate brings, from the linker's map.
#
#   bash benches/cli/relocated.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The same build as `cargo build --release --features cli`, in a directory of its own so that the
# map flag does not invalidate target/release.
cargo rustc --release --locked --features cli --bin mlsecops --quiet --target-dir target/relocated \
    -- -C link-arg=-Wl,-Map="$work/map"
python3 - "$work/map" <<'PY'
import collections, re, sys
sizes = collections.Counter()
section = None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    # lld's map: VMA LMA Size Align, then an output section, or an input section indented under it.
    parts = line.split(None, 4)
    if len(parts) < 5 or not re.fullmatch(r"[0-9a-f]+", parts[0]):
        continue
    what = parts[4].rstrip("\n")
    if what.startswith("."):
        section = what.strip()
        continue
    what = what.strip()
    if section != ".data.rel.ro" or ":(" not in what:
        continue
    obj = what.split(":(")[0]
    m = re.search(r"lib([A-Za-z0-9_]+?)-[0-9a-f]+\.rlib", obj) or re.search(r"([A-Za-z0-9_]+)-[0-9a-f]{16}\.", obj)
    sizes[m.group(1) if m else obj.rsplit("/", 1)[-1]] += int(parts[2], 16)
total = sum(sizes.values())
print(f".data.rel.ro: {total / 1024:.0f} KiB ({total / 4096:.0f} pages)")
for name, size in sizes.most_common(12):
    print(f"{size / 1024:8.1f} KiB  {100 * size / total:4.1f}%  {name}")
PY
