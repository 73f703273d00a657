//! CI YAML: GitHub Actions workflows (aliases, anchors, nesting bounded).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::scan(data, &[".github/workflows/ci.yml"]);
});
