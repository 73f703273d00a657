//! CI, container and YAML configuration files: GitHub Actions workflows and composite actions
//! (`run:` and `uses:`), GitLab CI, conda environments and pre-commit configurations (YAML:
//! aliases, anchors, nesting bounded), and Dockerfiles (continuations, exec form,
//! here-documents); a second text after a 0xFF byte is the requirements file they install.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format; the rest is the file.
    let Some((&pick, rest)) = data.split_first() else { return };
    let name = match pick % 6 {
        0 => ".github/workflows/ci.yml",
        1 => ".github/actions/setup/action.yml",
        2 => ".gitlab-ci.yml",
        3 => "environment.yml",
        4 => ".pre-commit-config.yaml",
        _ => "Dockerfile",
    };
    common::scan(rest, &[name, "requirements.txt"]);
});
