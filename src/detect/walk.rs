//! Walking a directory for manifests: sorted, without following symbolic links, skipping the
//! directories that hold other projects' files or build output.

use std::path::{Path, PathBuf};

use super::DetectError;
use super::ignore::{Ignored, Ignores};

/// What a walk found: the regular files to read, and the files it did not open, each with why
/// (ignored by git; not a regular file).
#[derive(Default)]
pub(super) struct Walked {
    pub(super) files: Vec<PathBuf>,
    pub(super) ignored: Vec<(PathBuf, Ignored)>,
    pub(super) special: Vec<PathBuf>,
}

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

/// The regular files under `dir`, sorted by path; a directory git ignores is not entered, a
/// file git ignores is not read, and neither is a FIFO, socket or device (they are told apart).
pub(super) fn files(dir: &Path, ignores: &Ignores) -> Result<Walked, DetectError> {
    let mut out = Walked::default();
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
                    || crate::diag::root::is_git_dir(&name)
                    || path.join("pyvenv.cfg").exists();
                if skipped || ignored(ignores, &path, true, top)?.is_some() {
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
                match ignored(ignores, &path, false, top)? {
                    Some(why) => out.ignored.push((path, why)),
                    None => out.files.push(path),
                }
            } else if !kind.is_symlink() {
                out.special.push(path);
            }
        }
    }
    out.files.sort();
    out.ignored.sort_by(|a, b| a.0.cmp(&b.0));
    out.special.sort();
    Ok(out)
}

/// Whether git ignores `path`, found in a walk (whose path is resolved from the walked one).
fn ignored(
    ignores: &Ignores,
    path: &Path,
    is_dir: bool,
    top: &Path,
) -> Result<Option<Ignored>, DetectError> {
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    ignores
        .check(&resolved, is_dir, top)
        .map_err(|e| DetectError::new(path, None, e))
}
