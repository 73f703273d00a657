//! Every lockfile (`uv.lock`, `poetry.lock`, `pdm.lock`, PEP 751's `pylock.toml`,
//! `Pipfile.lock` with the `Pipfile` beside it, `Cargo.lock`) and `Cargo.toml` with a workspace
//! member served from memory; the first byte chooses the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&[&str]; 7] = [
    &["uv.lock"],
    &["poetry.lock"],
    &["pdm.lock"],
    &["pylock.toml"],
    &["Pipfile.lock", "Pipfile"],
    &["Cargo.lock"],
    &["Cargo.toml", "crates/a/Cargo.toml", "member/Cargo.toml"],
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    common::scan(rest, NAMES[usize::from(pick) % NAMES.len()]);
});
