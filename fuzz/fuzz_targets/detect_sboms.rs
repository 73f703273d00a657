//! CycloneDX and SPDX JSON SBOMs and `package.json`; the first byte chooses the file name (a
//! plain `.json` is read by its content).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&str; 4] = ["bom.json", "image.spdx.json", "data.json", "package.json"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    common::scan(rest, &[NAMES[usize::from(pick) % NAMES.len()]]);
});
