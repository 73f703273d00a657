//! What a scan reads: the disk inside a [`Root`], or files held in memory. Every file a scan
//! opens, named, walked or included, goes through [`Tree::resolve`] and [`Tree::read`].

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::ignore::Ignores;
use super::{DetectError, read_text};
use crate::diag::{Refused, Root};

pub(super) trait Tree {
    /// The directory nothing may leave.
    fn root(&self) -> &Path;
    /// The path resolved, when it stays inside the root.
    fn resolve(&self, path: &Path) -> Result<PathBuf, Refused>;
    /// The file's text, within the size limit, UTF-8 and not binary.
    fn read(&self, path: &Path) -> Result<String, DetectError>;
    /// The directories directly below `dir`, sorted (a `.git` directory left out).
    fn subdirs(&self, dir: &Path) -> Result<Vec<PathBuf>, String>;
    /// Whether `path` is a file of the tree.
    fn is_file(&self, path: &Path) -> bool;
    /// Why the file is never read when a file includes it (git ignores it below `base`, where
    /// the scan started), if it is not.
    fn ignored(&self, _path: &Path, _base: &Path) -> Result<Option<String>, DetectError> {
        Ok(None)
    }
}

/// The disk, confined to a root, without the files git ignores.
pub(super) struct Disk<'r> {
    pub(super) root: &'r Root,
    pub(super) ignores: Ignores,
}

impl<'r> Disk<'r> {
    pub(super) fn new(root: &'r Root) -> Disk<'r> {
        Disk {
            root,
            ignores: Ignores::new(root.dir()),
        }
    }
}

impl Tree for Disk<'_> {
    fn root(&self) -> &Path {
        self.root.dir()
    }

    fn resolve(&self, path: &Path) -> Result<PathBuf, Refused> {
        self.root.confine(path)
    }

    fn ignored(&self, path: &Path, base: &Path) -> Result<Option<String>, DetectError> {
        let Ok(resolved) = self.root.confine(path) else {
            return Ok(None);
        };
        let is_dir = resolved.is_dir();
        self.ignores
            .check(&resolved, is_dir, base)
            .map(|found| found.map(|why| why.reason()))
            .map_err(|e| DetectError::new(path, None, e))
    }

    fn read(&self, path: &Path) -> Result<String, DetectError> {
        read_text(path)
    }

    fn subdirs(&self, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let entries = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            // Not a symbolic link: a workspace glob never leaves the tree through one.
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case(".git"))
            })
            .collect();
        found.sort();
        Ok(found)
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// Files held in memory, by path relative to the tree's top.
pub(super) struct Memory {
    files: HashMap<PathBuf, String>,
}

impl Memory {
    pub(super) fn new(files: &[(&str, &str)]) -> Memory {
        Memory {
            files: files
                .iter()
                .filter_map(|(p, t)| Some((normal(Path::new(p))?, (*t).to_owned())))
                .collect(),
        }
    }
}

/// The path with `.` and `..` applied to its words; `None` when it leaves the top (or is
/// absolute).
fn normal(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

impl Tree for Memory {
    fn root(&self) -> &Path {
        Path::new(".")
    }

    fn resolve(&self, path: &Path) -> Result<PathBuf, Refused> {
        match normal(path) {
            None => Err(Refused::outside(path, self.root())),
            Some(p)
                if self.files.contains_key(&p) || self.files.keys().any(|k| k.starts_with(&p)) =>
            {
                Ok(p)
            }
            Some(_) => Err(Refused::missing(path)),
        }
    }

    fn read(&self, path: &Path) -> Result<String, DetectError> {
        let key = normal(path).unwrap_or_default();
        let text = self
            .files
            .get(&key)
            .ok_or_else(|| DetectError::new(path, None, "cannot read: not a file"))?;
        if text.len() as u64 > super::MAX_FILE_BYTES {
            return Err(DetectError::new(
                path,
                None,
                "the file is larger than the limit",
            ));
        }
        if text.contains('\0') {
            return Err(DetectError::new(
                path,
                None,
                "a binary file, not a text manifest",
            ));
        }
        Ok(text.clone())
    }

    fn subdirs(&self, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let dir = normal(dir).ok_or("outside the tree")?;
        let mut found: Vec<PathBuf> = self
            .files
            .keys()
            .flat_map(|k| k.ancestors().skip(1))
            .filter(|a| a.parent().is_some_and(|p| p == dir))
            .filter(|a| {
                !a.file_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case(".git"))
            })
            .map(Path::to_owned)
            .collect();
        found.sort();
        found.dedup();
        Ok(found)
    }

    fn is_file(&self, path: &Path) -> bool {
        normal(path).is_some_and(|p| self.files.contains_key(&p))
    }
}
