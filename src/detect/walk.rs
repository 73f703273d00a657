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

/// The most entries a walk looks at (files and directories): 200,000. A tree with more is not
/// scanned whole; the error says so and how to narrow the scan.
pub const MAX_WALK_FILES: usize = 200_000;

/// The deepest directory a walk enters, counted from the directory walked: 64.
pub const MAX_WALK_DEPTH: usize = 64;

/// The regular files under `dir`, sorted by path.
pub(super) fn files(dir: &Path) -> Result<Vec<PathBuf>, DetectError> {
    let mut out = Vec::new();
    let mut seen = 0usize;
    let top = dir;
    let mut pending = vec![(dir.to_owned(), 0usize)];
    while let Some((dir, depth)) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| DetectError::new(&dir, None, format!("cannot read the directory: {e}")))?;
        for entry in entries {
            let entry = entry.map_err(|e| {
                DetectError::new(&dir, None, format!("cannot read the directory: {e}"))
            })?;
            let path = entry.path();
            seen += 1;
            if seen > MAX_WALK_FILES {
                return Err(DetectError::new(
                    top,
                    None,
                    format!(
                        "the directory holds more than {MAX_WALK_FILES} entries: the scan stopped \
                         there, incomplete; name the directories or files that hold the \
                         project's manifests instead"
                    ),
                ));
            }
            // `file_type` does not follow symbolic links: a link is neither a file nor a
            // directory here, so it is never followed.
            let kind = entry
                .file_type()
                .map_err(|e| DetectError::new(&path, None, format!("cannot read: {e}")))?;
            if kind.is_dir() {
                let name = entry.file_name();
                let skipped = name.to_str().is_some_and(|n| SKIPPED.contains(&n))
                    || path.join("pyvenv.cfg").exists();
                if skipped {
                    continue;
                }
                if depth + 1 > MAX_WALK_DEPTH {
                    return Err(DetectError::new(
                        &path,
                        None,
                        format!(
                            "directories nest deeper than {MAX_WALK_DEPTH} levels below {}: the \
                             scan stopped there, incomplete; name the directories that hold the \
                             project's manifests instead",
                            top.display()
                        ),
                    ));
                }
                pending.push((path, depth + 1));
            } else if kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
