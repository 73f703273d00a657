//! Python manifests: `pyproject.toml` (PEP 621, PEP 735, Poetry, PDM, uv, Hatch), `setup.cfg`
//! (an INI file, with `file:` includes), `setup.py` (Python tokens, never run) and Pipenv's
//! `Pipfile`, the first byte choosing the
//! file name so that every manifest detector of the family is reached.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&[&str]; 4] = [
    &["pyproject.toml"],
    &["setup.cfg", "requirements.txt"],
    &["setup.py"],
    &["Pipfile"],
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    common::scan(rest, NAMES[usize::from(pick) % NAMES.len()]);
});
