//! CycloneDX, SPDX 2 and SPDX 3 (JSON-LD) SBOMs, `package.json` and `Pipfile.lock`; the first
//! byte chooses the file name (a plain `.json` is read by its content).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&str; 6] = [
    "bom.json",
    "image.spdx.json",
    "sbom.spdx3.json",
    "data.json",
    "package.json",
    "Pipfile.lock",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    common::scan(rest, &[NAMES[usize::from(pick) % NAMES.len()]]);
});
