//! [`Root`]: the directory nothing is read outside of.

use std::fmt;
use std::path::{Path, PathBuf};

/// The directory a scan or a policy reads nothing outside of: the top of the enclosing git work
/// tree (the nearest ancestor holding `.git`), else the directory given. Every file a repository
/// names (a requirements file's `-r` and `-c`, a workspace's members, a policy's `detect`
/// paths and `registry` file) is resolved, symbolic links and `..` included, and must stay
/// inside it; a path that leaves it is refused without being opened, so its content can never
/// reach a message.
///
/// ```
/// use mlsecops_taxonomy::Root;
/// let dir = std::env::temp_dir().join("mlsecops-root-doc/repo/sub");
/// std::fs::create_dir_all(&dir)?;
/// std::fs::create_dir_all(dir.parent().unwrap().join(".git"))?;
/// let root = Root::enclosing(&dir)?;
/// assert!(root.dir().ends_with("mlsecops-root-doc/repo"));
/// assert!(root.confine(dir.join("../../outside.txt")).is_err());
/// assert!(root.confine(&dir).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Root {
    dir: PathBuf,
}

/// A path refused because it leaves the root, lies in `.git`, is ignored by git or cannot be
/// resolved: the path as it was named, and why. It never holds anything read from the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    path: PathBuf,
    reason: String,
    outside: bool,
    kept_out: bool,
}

impl Refused {
    #[cfg_attr(not(feature = "detect"), allow(dead_code))]
    pub(crate) fn outside(path: &Path, root: &Path) -> Refused {
        Refused {
            path: path.to_owned(),
            reason: format!(
                "is outside the repository root {}, not read",
                root.display()
            ),
            outside: true,
            kept_out: false,
        }
    }

    /// A path inside the root that is never read: in `.git`, or ignored by git.
    #[cfg_attr(not(feature = "detect"), allow(dead_code))]
    pub(crate) fn kept_out(path: &Path, reason: String) -> Refused {
        Refused {
            path: path.to_owned(),
            reason,
            outside: false,
            kept_out: true,
        }
    }

    #[cfg_attr(not(feature = "detect"), allow(dead_code))]
    pub(crate) fn missing(path: &Path) -> Refused {
        Refused {
            path: path.to_owned(),
            reason: "does not exist".to_owned(),
            outside: false,
            kept_out: false,
        }
    }

    /// The path as it was named.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why it was refused: `is outside the repository root /repo, not read`, `does not exist`.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Whether it leaves the root (rather than naming nothing inside it).
    pub fn is_outside(&self) -> bool {
        self.outside
    }

    /// Whether it is inside the root but kept out of every scan: a path in `.git` (which holds
    /// the job's credentials after a checkout), or a file git ignores (where CI steps write
    /// credentials and `.env` files).
    pub fn is_kept_out(&self) -> bool {
        self.kept_out
    }
}

/// `"../secret.txt" is outside the repository root /repo, not read`.
impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}", self.path.display().to_string(), self.reason)
    }
}

impl std::error::Error for Refused {}

impl Root {
    /// Exactly `dir` (`--root DIR`).
    ///
    /// # Errors
    /// `dir` is not a directory that can be resolved.
    pub fn new(dir: impl AsRef<Path>) -> std::io::Result<Root> {
        let dir = std::fs::canonicalize(dir.as_ref())?;
        if !dir.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                format!("{} is not a directory", dir.display()),
            ));
        }
        Ok(Root { dir })
    }

    /// The root of `path` (a directory, or a file whose directory counts): the nearest ancestor
    /// holding `.git`, else that directory.
    ///
    /// # Errors
    /// `path` cannot be resolved.
    pub fn enclosing(path: impl AsRef<Path>) -> std::io::Result<Root> {
        let path = std::fs::canonicalize(path.as_ref())?;
        let dir = if path.is_dir() {
            path
        } else {
            path.parent().map_or(path.clone(), Path::to_owned)
        };
        let top = dir
            .ancestors()
            .find(|a| a.join(".git").exists())
            .unwrap_or(&dir)
            .to_owned();
        Ok(Root { dir: top })
    }

    /// The root directory, resolved.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `path` as the repository names it: relative to the root, with `/` between its parts and
    /// no `./` (as GitHub places annotations and code scanning results); a path outside the root
    /// as given.
    ///
    /// ```
    /// use mlsecops_taxonomy::Root;
    /// let dir = std::env::temp_dir().join("mlsecops-relative-doc");
    /// std::fs::create_dir_all(dir.join("sub"))?;
    /// std::fs::write(dir.join("sub/pyproject.toml"), "")?;
    /// let root = Root::new(&dir)?;
    /// assert_eq!(root.relative(dir.join("sub/./pyproject.toml")), "sub/pyproject.toml");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn relative(&self, path: impl AsRef<Path>) -> String {
        let path = path.as_ref();
        let resolved = std::fs::canonicalize(path).ok();
        match resolved
            .as_deref()
            .and_then(|r| r.strip_prefix(&self.dir).ok())
        {
            Some(inside) if !inside.as_os_str().is_empty() => {
                inside.display().to_string().replace('\\', "/")
            }
            _ => {
                let shown = path.display().to_string().replace('\\', "/");
                shown
                    .strip_prefix("./")
                    .map_or(shown.clone(), str::to_owned)
            }
        }
    }

    /// `path` resolved (symbolic links followed, `..` applied), when it stays inside the root.
    ///
    /// # Errors
    /// [`Refused`]: the path leaves the root, or cannot be resolved (it does not exist, or a
    /// symbolic link loops).
    pub fn confine(&self, path: impl AsRef<Path>) -> Result<PathBuf, Refused> {
        let path = path.as_ref();
        let outside = || Refused::outside(path, &self.dir);
        match std::fs::canonicalize(path) {
            Ok(resolved) if resolved.starts_with(&self.dir) => {
                let inside = resolved.strip_prefix(&self.dir).unwrap_or(&resolved);
                if inside.components().any(|c| is_git_dir(c.as_os_str())) {
                    return Err(Refused::kept_out(
                        path,
                        "is inside .git, which holds the repository's credentials: never read"
                            .to_owned(),
                    ));
                }
                Ok(resolved)
            }
            Ok(_) => Err(outside()),
            // A path that resolves to nothing is judged by its words, so that whether a file
            // outside the root exists is never told.
            Err(e) if lexically_inside(path, &self.dir) => Err(Refused {
                path: path.to_owned(),
                reason: match e.kind() {
                    std::io::ErrorKind::NotFound => "does not exist".to_owned(),
                    _ => format!("cannot be resolved: {e}"),
                },
                outside: false,
                kept_out: false,
            }),
            Err(_) => Err(outside()),
        }
    }
}

/// Whether a path component names a `.git` directory or file, in any case (a case-insensitive
/// file system opens `.GIT/config` as `.git/config`).
pub(crate) fn is_git_dir(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.eq_ignore_ascii_case(".git"))
}

/// The bytes of the regular file at `path`, at most `limit` of them: a FIFO, socket or device
/// is refused before it is read (a FIFO would block the run, a device never end), and the limit
/// holds on what is read, not only on what the file's metadata says.
///
/// ```
/// let dir = std::env::temp_dir().join("mlsecops-read-regular-doc");
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("a.txt"), "garak\n")?;
/// assert_eq!(mlsecops_taxonomy::read_regular(&dir.join("a.txt"), 100)?, b"garak\n");
/// let err = mlsecops_taxonomy::read_regular(&dir.join("a.txt"), 3).unwrap_err();
/// assert_eq!(err.to_string(), "larger than the limit of 3 bytes");
/// assert!(mlsecops_taxonomy::read_regular(&dir, 100).is_err());
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// The path is not a regular file (its kind is named), is larger than `limit`, or cannot be read.
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than the limit of {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// The regular file at `path`, opened; a FIFO, socket or device is refused before it is opened.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let kind = |meta: &std::fs::Metadata| -> Option<&'static str> {
        let t = meta.file_type();
        if t.is_file() {
            return None;
        }
        if t.is_dir() {
            return Some("a directory");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if t.is_fifo() {
                return Some("a FIFO");
            }
            if t.is_socket() {
                return Some("a socket");
            }
            if t.is_char_device() || t.is_block_device() {
                return Some("a device");
            }
        }
        Some("not a regular file")
    };
    let refuse = |what: &str| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not a regular file ({what}): not read"),
        )
    };
    if let Some(what) = kind(&std::fs::metadata(path)?) {
        return Err(refuse(what));
    }
    let file = std::fs::File::open(path)?;
    // The file opened is the one checked (it may have been replaced since).
    if let Some(what) = kind(&file.metadata()?) {
        return Err(refuse(what));
    }
    Ok(file)
}

/// Whether `path`, made absolute and with `.` and `..` applied to its words, is inside `dir`.
fn lexically_inside(path: &Path, dir: &Path) -> bool {
    use std::path::Component;
    let absolute = match std::env::current_dir() {
        Ok(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_owned(),
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // The working directory may itself be reached through a link: compare resolved prefixes.
    let resolved_prefix = out
        .ancestors()
        .find_map(|a| std::fs::canonicalize(a).ok().map(|c| (a.to_owned(), c)));
    match resolved_prefix {
        Some((a, c)) => c
            .join(out.strip_prefix(&a).unwrap_or(Path::new("")))
            .starts_with(dir),
        None => out.starts_with(dir),
    }
}
