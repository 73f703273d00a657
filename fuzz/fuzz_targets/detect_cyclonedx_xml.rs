//! CycloneDX XML SBOMs (`roxmltree`: no DTD, nodes bounded); the first byte chooses the file
//! name (a plain `.xml` is read by its content).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&str; 3] = ["bom.xml", "image.cdx.xml", "data.xml"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    common::scan(rest, &[NAMES[usize::from(pick) % NAMES.len()]]);
});
