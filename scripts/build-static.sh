#!/usr/bin/env bash
# Builds the `mlsecops` command as a static position-independent executable (static-pie) for this
# Linux host and prints its path:
#
#     bash scripts/build-static.sh        # target/<host triple>/release/mlsecops
#
# The C runtime is linked in (`-C target-feature=+crt-static`), so the binary needs no dynamic
# loader and no shared library: it does not depend on the C library of the image it runs in, and
# it starts faster, since nothing is loaded and bound at start (`bash benches/cli/run.sh` measures
# both builds). It stays position-independent, so address-space layout randomisation still
# applies to it.
#
# The flag goes through RUSTFLAGS with an explicit --target, as Rust documents it, so that it
# applies to the target's code and not to build scripts and proc macros (which run on the host
# and must stay dynamic).
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
case "$host" in
    *-linux-gnu*) ;;
    *-linux-musl*) ;; # static already; the flag is the default there
    *)
        echo "build-static.sh: $host has no static C runtime to link; use 'cargo build --release --features cli'" >&2
        exit 2
        ;;
esac
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
    cargo build --release --locked --features cli --target "$host" --quiet
bin="target/$host/release/mlsecops"
# Static means no program interpreter (the dynamic loader) in the program headers.
if readelf -lW "$bin" | grep -q 'Requesting program interpreter'; then
    echo "build-static.sh: $bin asks for a dynamic loader; it is not static" >&2
    exit 1
fi
echo "$bin"
