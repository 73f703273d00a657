//! CI and container files: GitHub Actions workflows and composite actions, GitLab CI (YAML:
//! aliases, anchors, nesting bounded) and Dockerfiles (continuations, exec form, here-documents).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format; the rest is the file.
    let Some((&pick, rest)) = data.split_first() else { return };
    let name = match pick % 4 {
        0 => ".github/workflows/ci.yml",
        1 => ".github/actions/setup/action.yml",
        2 => ".gitlab-ci.yml",
        _ => "Dockerfile",
    };
    common::scan(rest, &[name]);
});
