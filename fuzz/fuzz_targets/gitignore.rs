//! A `.gitignore` a repository wrote, then a scan of a small work tree beside it: no panic, no
//! hang (matching is bounded in steps), and only files of the tree are read, never one in
//! `.git`.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mlsecops_taxonomy::detect;

/// A work tree with manifests at several depths, written once; each input replaces its
/// `.gitignore`.
fn tree() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("mlsecops-fuzz-gitignore-{}", std::process::id()));
        for file in [
            "requirements.txt",
            "requirements-dev.txt",
            "sub/requirements.txt",
            "sub/deep/requirements.in",
            "build/requirements.txt",
            ".venv-x/requirements.txt",
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "garak\n-r .env\n").unwrap();
        }
        std::fs::write(dir.join(".env"), "TOKEN=x\n").unwrap();
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::write(dir.join(".git/requirements.txt"), "garak\n").unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = tree();
    // The root's `.gitignore`, and after a 0xFF byte the one of `sub/`.
    let mut parts = data.splitn(2, |&b| b == 0xff);
    std::fs::write(dir.join(".gitignore"), parts.next().unwrap_or_default()).unwrap();
    std::fs::write(dir.join("sub/.gitignore"), parts.next().unwrap_or_default()).unwrap();
    match detect::scan([dir]) {
        Ok(inventory) => {
            for file in inventory.files() {
                assert!(file.starts_with(dir), "{file:?}");
                assert!(!file.components().any(|c| c.as_os_str() == ".git"), "{file:?}");
            }
        }
        Err(e) => assert!(!e.message().is_empty()),
    }
});
