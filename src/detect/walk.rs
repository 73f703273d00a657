//! Walking a directory for manifests: sorted, without following symbolic links, skipping the
//! directories that hold other projects' files or build output.

use std::path::{Path, PathBuf};

use super::DetectError;

/// Directories never entered.
const SKIPPED: [&str; 8] = [
    ".git",
    "node_modules",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".nox",
];

/// The regular files under `dir`, sorted by path.
pub(super) fn files(dir: &Path) -> Result<Vec<PathBuf>, DetectError> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| DetectError::new(&dir, None, format!("cannot read the directory: {e}")))?;
        for entry in entries {
            let entry = entry.map_err(|e| {
                DetectError::new(&dir, None, format!("cannot read the directory: {e}"))
            })?;
            let path = entry.path();
            // `file_type` does not follow symbolic links: a link is neither a file nor a
            // directory here, so it is never followed.
            let kind = entry
                .file_type()
                .map_err(|e| DetectError::new(&path, None, format!("cannot read: {e}")))?;
            if kind.is_dir() {
                let name = entry.file_name();
                let skipped = name.to_str().is_some_and(|n| SKIPPED.contains(&n))
                    || path.join("pyvenv.cfg").exists();
                if !skipped {
                    pending.push(path);
                }
            } else if kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
