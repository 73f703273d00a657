//! The files git ignores, from the `.gitignore` files of a work tree: a scan reads none of them
//! (a CI step writes credentials, `.env` files and tokens into the work tree, and a checkout's
//! `.gitignore` usually names them). Only the `.gitignore` files inside the root are read:
//! never `.git/info/exclude` nor a global excludes file, which lie outside what a scan may read.
//!
//! The patterns are git's (`gitignore(5)`): blank lines and `#` comments; `!` negates; a trailing
//! `/` matches directories only; a pattern with a `/` before its end is anchored to its file's
//! directory, one without matches a name at any depth; `*` and `?` never match `/`, `[...]`
//! classes (with `!` or `^`), `\` escapes; `**/`, `/**/` and `/**` span directories. The last
//! pattern that matches decides, deeper files over shallower ones, and a file in an ignored
//! directory is ignored (git does not look inside it).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// The most patterns read from one `.gitignore` (the rest are noted and left out): 10,000.
pub const MAX_GITIGNORE_PATTERNS: usize = 10_000;

/// The longest pattern read, in bytes (a longer one is left out): 1,024.
const MAX_PATTERN_BYTES: usize = 1024;

/// The largest `.gitignore` read: 1 MiB.
const MAX_GITIGNORE_BYTES: u64 = 1 << 20;

/// The most steps all the matching of one scan may take: 500,000,000 (a real tree takes a few
/// million). Past it the scan stops with an error, so that hostile patterns cannot make it slow.
pub const MAX_IGNORE_STEPS: u64 = 500_000_000;

/// One pattern of a `.gitignore`.
#[derive(Debug)]
struct Pattern {
    /// The pattern's bytes, without `!`, the leading `/` and the trailing `/`.
    glob: Vec<u8>,
    negated: bool,
    dir_only: bool,
    /// Matched against the path relative to the `.gitignore`'s directory (else the name).
    anchored: bool,
    line: usize,
}

/// The patterns of one directory's `.gitignore`, with what was left out of it.
#[derive(Debug, Default)]
struct Patterns {
    patterns: Vec<Pattern>,
    notes: Vec<(usize, String)>,
}

/// Why a path is ignored: the `.gitignore` (relative to the root) and the pattern's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Ignored {
    pub(super) file: String,
    pub(super) line: usize,
}

impl Ignored {
    pub(super) fn reason(&self) -> String {
        format!(
            "is ignored by git ({}:{}), not read: a CI step may have written it",
            self.file, self.line
        )
    }
}

/// The `.gitignore` files of a work tree, read as they are needed.
pub(super) struct Ignores {
    root: PathBuf,
    active: bool,
    cache: RefCell<HashMap<PathBuf, Rc<Patterns>>>,
    steps: Cell<u64>,
}

impl Ignores {
    /// The ignores of the work tree at `root` (none when `root` holds no `.git`).
    pub(super) fn new(root: &Path) -> Ignores {
        Ignores {
            root: root.to_owned(),
            active: root.join(".git").exists(),
            cache: RefCell::new(HashMap::new()),
            steps: Cell::new(0),
        }
    }

    /// Whether the path (resolved, inside the root) is ignored, and by which pattern, judging
    /// the directories below `base` (where the scan started: a directory named or walked is
    /// read even when git ignores it, as a file named is) and the path itself.
    ///
    /// # Errors
    /// The matching took more than [`MAX_IGNORE_STEPS`].
    pub(super) fn check(
        &self,
        path: &Path,
        is_dir: bool,
        base: &Path,
    ) -> Result<Option<Ignored>, String> {
        if !self.active {
            return Ok(None);
        }
        let Ok(inside) = path.strip_prefix(&self.root) else {
            return Ok(None);
        };
        let skip = std::fs::canonicalize(base)
            .ok()
            .filter(|b| path.starts_with(b))
            .and_then(|b| {
                b.strip_prefix(&self.root)
                    .ok()
                    .map(|r| r.components().count())
            })
            .unwrap_or(0);
        let parts: Vec<&[u8]> = inside
            .components()
            .filter_map(|c| match c {
                Component::Normal(p) => Some(p.as_encoded_bytes()),
                _ => None,
            })
            .collect();
        // Each ancestor directory, then the path itself: the first one ignored decides.
        for end in (skip + 1).max(1)..=parts.len() {
            let dir = end < parts.len() || is_dir;
            if let Some(ignored) = self.decide(&parts[..end], dir)? {
                return Ok(Some(ignored));
            }
        }
        Ok(None)
    }

    /// Whether `parts` (a path from the root) is ignored by the `.gitignore` files of the
    /// directories above it, the deepest first.
    fn decide(&self, parts: &[&[u8]], is_dir: bool) -> Result<Option<Ignored>, String> {
        for depth in (0..parts.len()).rev() {
            let dir: PathBuf = parts[..depth]
                .iter()
                .map(|p| std::ffi::OsStr::new(std::str::from_utf8(p).unwrap_or("\u{fffd}")))
                .collect();
            let patterns = self.patterns(&dir);
            let relative = parts[depth..].join(&b'/');
            let name = parts[parts.len() - 1];
            for p in patterns.patterns.iter().rev() {
                if p.dir_only && !is_dir {
                    continue;
                }
                let subject: &[u8] = if p.anchored { &relative } else { name };
                if self.matches(&p.glob, subject)? {
                    if p.negated {
                        return Ok(None);
                    }
                    let file = dir.join(".gitignore").display().to_string();
                    return Ok(Some(Ignored {
                        file: file.replace('\\', "/"),
                        line: p.line,
                    }));
                }
            }
        }
        Ok(None)
    }

    fn patterns(&self, dir: &Path) -> Rc<Patterns> {
        if let Some(p) = self.cache.borrow().get(dir) {
            return Rc::clone(p);
        }
        let file = self.root.join(dir).join(".gitignore");
        let patterns = Rc::new(
            match crate::diag::read_regular(&file, MAX_GITIGNORE_BYTES) {
                Ok(bytes) => parse(&bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Patterns::default(),
                Err(e) => Patterns {
                    patterns: Vec::new(),
                    notes: vec![(1, format!("cannot read .gitignore: {e}"))],
                },
            },
        );
        self.cache
            .borrow_mut()
            .insert(dir.to_owned(), Rc::clone(&patterns));
        patterns
    }

    fn matches(&self, glob: &[u8], subject: &[u8]) -> Result<bool, String> {
        let mut steps = 0u64;
        let matched = wildmatch(glob, subject, &mut steps);
        let total = self.steps.get().saturating_add(steps);
        self.steps.set(total);
        if total > MAX_IGNORE_STEPS {
            return Err(format!(
                "matching the .gitignore patterns took more than {MAX_IGNORE_STEPS} steps: the \
                 scan stopped there, incomplete; name the files to read instead"
            ));
        }
        Ok(matched)
    }
}

/// The patterns of a `.gitignore`'s bytes.
fn parse(bytes: &[u8]) -> Patterns {
    let mut out = Patterns::default();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = i + 1;
        let mut p = raw.strip_suffix(b"\r").unwrap_or(raw);
        if p.is_empty() || p[0] == b'#' {
            continue;
        }
        // Trailing spaces are dropped unless escaped.
        while p.len() >= 2 && p.ends_with(b" ") && p[p.len() - 2] != b'\\' {
            p = &p[..p.len() - 1];
        }
        if p == b" " {
            continue;
        }
        if out.patterns.len() >= MAX_GITIGNORE_PATTERNS {
            out.notes.push((
                line,
                format!(
                    "more than {MAX_GITIGNORE_PATTERNS} patterns: the rest are left out, so the \
                     files they name may be read"
                ),
            ));
            break;
        }
        if p.len() > MAX_PATTERN_BYTES {
            out.notes.push((
                line,
                format!(
                    "a pattern longer than {MAX_PATTERN_BYTES} bytes: left out, so the files it \
                     names may be read"
                ),
            ));
            continue;
        }
        let negated = p[0] == b'!';
        // `!` negates; `\!` and `\#` start a pattern with the character itself.
        if negated || p.starts_with(b"\\!") || p.starts_with(b"\\#") {
            p = &p[1..];
        }
        let dir_only = p.len() > 1 && p.ends_with(b"/");
        if dir_only {
            p = &p[..p.len() - 1];
        }
        let anchored = p.contains(&b'/');
        let p = p.strip_prefix(b"/").unwrap_or(p);
        if p.is_empty() {
            continue;
        }
        out.patterns.push(Pattern {
            glob: p.to_vec(),
            negated,
            dir_only,
            anchored,
            line,
        });
    }
    out
}

/// Whether `glob` matches all of `text`, as git's wildmatch with `WM_PATHNAME`: `*` and `?`
/// never match `/`, `**` between slashes (or at an end) matches any number of directories.
/// Each `*` is retried from the last place it could stand, so the cost is bounded by the
/// product of the lengths, counted in `steps`.
pub(super) fn wildmatch(glob: &[u8], text: &[u8], steps: &mut u64) -> bool {
    // Backtracking points: for `*` (within a segment) and for `**` (across segments).
    let (mut g, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    let mut globstar: Option<(usize, usize)> = None;
    loop {
        *steps += 1;
        if g < glob.len() {
            match glob[g] {
                b'*' => {
                    let double = glob.get(g + 1) == Some(&b'*');
                    if double {
                        let start = g == 0 || glob[g - 1] == b'/';
                        let mut after = g + 2;
                        while glob.get(after) == Some(&b'*') {
                            after += 1;
                        }
                        let end = after == glob.len() || glob[after] == b'/';
                        if start && end {
                            // `**/` also matches no directory at all: skip its slash.
                            let next = if after < glob.len() { after + 1 } else { after };
                            if after == glob.len() {
                                return true;
                            }
                            globstar = Some((next, t));
                            star = None;
                            g = next;
                            continue;
                        }
                    }
                    let mut after = g + 1;
                    while glob.get(after) == Some(&b'*') {
                        after += 1;
                    }
                    star = Some((after, t));
                    g = after;
                    continue;
                }
                b'?' if t < text.len() && text[t] != b'/' => {
                    g += 1;
                    t += 1;
                    continue;
                }
                b'[' if t < text.len() && text[t] != b'/' => {
                    if let Some((matched, next)) = class(glob, g, text[t]) {
                        if matched {
                            g = next;
                            t += 1;
                            continue;
                        }
                    } else if text[t] == b'[' {
                        g += 1;
                        t += 1;
                        continue;
                    }
                }
                b'\\' if g + 1 < glob.len() && t < text.len() && glob[g + 1] == text[t] => {
                    g += 2;
                    t += 1;
                    continue;
                }
                c if c != b'*'
                    && c != b'?'
                    && c != b'['
                    && c != b'\\'
                    && t < text.len()
                    && text[t] == c =>
                {
                    g += 1;
                    t += 1;
                    continue;
                }
                _ => {}
            }
        } else if t == text.len() {
            return true;
        }
        // A mismatch: let the last `*` take one more byte (never a `/`), else the last `**`
        // one more directory.
        if let Some((sg, st)) = star {
            if st < text.len() && text[st] != b'/' {
                star = Some((sg, st + 1));
                g = sg;
                t = st + 1;
                continue;
            }
        }
        if let Some((sg, st)) = globstar {
            if let Some(slash) = text[st..].iter().position(|&b| b == b'/') {
                let next = st + slash + 1;
                globstar = Some((sg, next));
                star = None;
                g = sg;
                t = next;
                continue;
            }
        }
        return false;
    }
}

/// Whether the class at `glob[g]` (`[...]`) matches `c`, and where the glob goes on; `None`
/// when the class is not closed (then `[` is a plain character).
fn class(glob: &[u8], g: usize, c: u8) -> Option<(bool, usize)> {
    let mut i = g + 1;
    let negated = matches!(glob.get(i), Some(b'!' | b'^'));
    if negated {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < glob.len() {
        let mut lo = glob[i];
        if lo == b']' && !first {
            return Some((matched != negated, i + 1));
        }
        first = false;
        if lo == b'\\' && i + 1 < glob.len() {
            i += 1;
            lo = glob[i];
        }
        if glob.get(i + 1) == Some(&b'-') && i + 2 < glob.len() && glob[i + 2] != b']' {
            let hi = glob[i + 2];
            if lo <= c && c <= hi {
                matched = true;
            }
            i += 3;
        } else {
            if lo == c {
                matched = true;
            }
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(glob: &str, text: &str) -> bool {
        wildmatch(glob.as_bytes(), text.as_bytes(), &mut 0)
    }

    #[test]
    fn git_wildmatch_cases() {
        assert!(m("*.env", ".env"));
        assert!(m("*.env", "prod.env"));
        assert!(!m("*.env", "a/prod.env"));
        assert!(m("a/*/c", "a/b/c"));
        assert!(!m("a/*/c", "a/b/x/c"));
        assert!(m("a/**/c", "a/c"));
        assert!(m("a/**/c", "a/b/x/c"));
        assert!(m("**/c", "c"));
        assert!(m("**/c", "a/b/c"));
        assert!(m("a/**", "a/b/c"));
        assert!(m("creds-??.json", "creds-01.json"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[!a-c]x", "bx"));
        assert!(m("\\*x", "*x"));
        assert!(!m("\\*x", "ax"));
        assert!(m("foo*bar*baz", "fooXbarYbarZbaz"));
        assert!(!m("*a", "bbb"));
    }

    #[test]
    fn hostile_patterns_cost_a_bounded_number_of_steps() {
        let glob = "*a".repeat(100) + "b";
        let text = "a".repeat(1000);
        let mut steps = 0;
        assert!(!wildmatch(glob.as_bytes(), text.as_bytes(), &mut steps));
        // At most the product of the lengths.
        assert!(
            steps <= (glob.len() * text.len() + text.len()) as u64 * 2,
            "{steps}"
        );
    }

    /// Paths that exercise a pattern: its words with each wildcard filled in, at the top and
    /// below a directory, and the same as a directory.
    fn samples(pattern: &str) -> Vec<String> {
        let p = pattern.trim_start_matches('!').trim_end_matches('/');
        let p = p.strip_prefix('/').unwrap_or(p);
        let mut filled = String::new();
        let mut chars = p.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' if chars.peek() == Some(&'*') => {
                    chars.next();
                    filled.push_str("a/b");
                }
                '*' => filled.push('x'),
                '?' => filled.push('q'),
                '[' => {
                    let mut first = None;
                    for c in chars.by_ref() {
                        if c == ']' {
                            break;
                        }
                        if first.is_none() && c != '!' && c != '^' {
                            first = Some(c);
                        }
                    }
                    filled.push(first.unwrap_or('z'));
                }
                '\\' => {
                    if let Some(c) = chars.next() {
                        filled.push(c);
                    }
                }
                c => filled.push(c),
            }
        }
        let filled = filled.trim_matches('/').replace("//", "/");
        if filled.is_empty() {
            return Vec::new();
        }
        vec![
            filled.clone(),
            format!("sub/{filled}"),
            format!("{filled}/inner.txt"),
            format!("sub/{filled}/inner.txt"),
        ]
    }

    /// The crate ignores what git ignores, on real `.gitignore` files (github/gitignore's,
    /// `tests/data/gitignore/SOURCE.md`): every path a pattern of theirs names, asked of
    /// `git check-ignore` in a fresh repository.
    #[test]
    fn real_gitignore_files_ignore_what_git_ignores() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gitignore");
        for name in ["Python.gitignore", "Node.gitignore", "Rust.gitignore"] {
            let text = std::fs::read_to_string(data.join(name)).unwrap();
            let dir = std::env::temp_dir()
                .join(format!("mlsecops-gitignore-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let init = std::process::Command::new("git")
                .args(["init", "-q"])
                .current_dir(&dir)
                .status()
                .expect("git runs");
            assert!(init.success());
            std::fs::write(dir.join(".gitignore"), &text).unwrap();
            let root = std::fs::canonicalize(&dir).unwrap();
            let mut paths: Vec<String> = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .flat_map(samples)
                .chain(
                    ["requirements.txt", "src/app.py", ".env.example", "a.txt"].map(String::from),
                )
                .collect();
            paths.sort();
            paths.dedup();
            // Each path as a file (a directory's files are judged by its own path).
            let output = std::process::Command::new("git")
                .args(["check-ignore", "--no-index", "--stdin"])
                .current_dir(&dir)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .and_then(|mut child| {
                    use std::io::Write as _;
                    child
                        .stdin
                        .take()
                        .unwrap()
                        .write_all(paths.join("\n").as_bytes())?;
                    child.wait_with_output()
                })
                .expect("git check-ignore runs");
            let by_git: std::collections::BTreeSet<String> = String::from_utf8(output.stdout)
                .unwrap()
                .lines()
                .map(String::from)
                .collect();
            let ignores = Ignores::new(&root);
            let mut differ = Vec::new();
            for path in &paths {
                let ours = ignores
                    .check(&root.join(path), false, &root)
                    .unwrap()
                    .is_some();
                if ours != by_git.contains(path) {
                    differ.push(format!(
                        "{path}: git {}, crate {ours}",
                        by_git.contains(path)
                    ));
                }
            }
            assert!(paths.len() > 20, "{name}: {} paths", paths.len());
            assert!(differ.is_empty(), "{name}: {differ:#?}");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }

    #[test]
    fn parsing_follows_gitignore() {
        let p = parse(b"# c\n\n.env\n!keep.env\nbuild/\n/top\n\\#hash\nsub/x \n");
        let globs: Vec<(&[u8], bool, bool, bool)> = p
            .patterns
            .iter()
            .map(|p| (&p.glob[..], p.negated, p.dir_only, p.anchored))
            .collect();
        assert_eq!(
            globs,
            vec![
                (&b".env"[..], false, false, false),
                (&b"keep.env"[..], true, false, false),
                (&b"build"[..], false, true, false),
                (&b"top"[..], false, false, true),
                (&b"#hash"[..], false, false, false),
                (&b"sub/x"[..], false, false, true),
            ]
        );
    }
}
