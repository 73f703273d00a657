//! The policy reader, text to verdict, in each of its three places: no panic; a policy error
//! is located inside the text; a verdict's findings are located in the policy or in a file of
//! its own, and a configuration error fails.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mlsecops_taxonomy::policy::{Policy, Source};

/// An empty repository the policy's paths are relative to.
fn repository() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("mlsecops-fuzz-policy-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let source = [Source::MlsecopsToml, Source::Pyproject, Source::CargoToml][usize::from(pick) % 3];
    let file = repository().join(source.file_name());
    let lines = text.split('\n').count();
    match Policy::from_text(&file, source, text.to_owned()) {
        Err(e) => {
            if let Some((line, _)) = e.position() {
                assert!(line >= 1 && line <= lines, "{e}");
            }
        }
        Ok(None) => {}
        Ok(Some(policy)) => {
            let verdict = policy.evaluate();
            if verdict.is_configuration_error() {
                assert!(verdict.is_failed());
            }
            for finding in verdict.findings() {
                assert!(finding.file().is_some(), "{finding}");
            }
        }
    }
});
