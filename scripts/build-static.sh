#!/usr/bin/env bash
# Builds the `mlsecops` command as a static position-independent executable (static-pie) for this
# Linux host, or for the Linux target named, and prints its path:
#
#     bash scripts/build-static.sh                             # target/<host triple>/release/mlsecops
#     bash scripts/build-static.sh x86_64-unknown-linux-musl   # target/<that triple>/release/mlsecops
#
# The release workflow (.github/workflows/release.yml) builds the binaries it attaches to a release
# with it, for x86_64-unknown-linux-musl and aarch64-unknown-linux-musl, each on a runner of its
# architecture (`rustup target add <triple>` first; the crate and its dependencies are pure Rust, so
# Rust's own copy of musl is all the link needs).
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
target="${1:-$(rustc -vV | sed -n 's/^host: //p')}"
case "$target" in
    *-linux-gnu*) ;;
    *-linux-musl*) ;; # static already; the flag is the default there
    *)
        echo "build-static.sh: $target has no static C runtime to link; use 'cargo build --release --features cli'" >&2
        exit 2
        ;;
esac
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
    cargo build --release --locked --features cli --target "$target" --quiet
bin="${CARGO_TARGET_DIR:-target}/$target/release/mlsecops"
# Static means no program interpreter (the dynamic loader) in the program headers.
if readelf -lW "$bin" | grep -q 'Requesting program interpreter'; then
    echo "build-static.sh: $bin asks for a dynamic loader; it is not static" >&2
    exit 1
fi
echo "$bin"
