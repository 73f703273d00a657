//! One coverage policy for the build script and CI (feature `build`): which tools a project uses
//! (named, or detected from its files), which registry, which risks they must cover, and whether
//! a gap fails. [`build::check`] reads it from `Cargo.toml`; `mlsecops
//! check` finds it in `mlsecops.toml`, `pyproject.toml` (`[tool.mlsecops]`, the Python
//! convention) or `Cargo.toml` (`[package.metadata.mlsecops]`), the first found, and gives the
//! same verdict.
//!
//! A policy is read in two steps: its sections as TOML gives them, each value with its span,
//! then validated into a policy that can be checked (every error at once, each located); the
//! valid policy is then evaluated into a [`Verdict`], whose findings are
//! [`Diagnostic`]s.
//!
//! ```toml
//! # mlsecops.toml
//! tools = ["Garak"]                  # named tools
//! detect = true                      # and the tools the project's files show (or a list of paths)
//! registry = "mlsecops-registry.json"   # optional, extends the built-in registry
//! require = ["model", "R1-Security"] # layers, phases, risk codes, domains, "all"
//! deny = true                        # the default: a gap fails (exit 1, or the build)
//!
//! [[accept]]                         # a person's acceptance of a required risk left open
//! risk = "R12-Security"
//! reason = "artifacts are built and signed in our own pipeline"
//! expires = 2027-06-30
//! ```
//!
//! ```
//! use mlsecops_taxonomy::policy::{Level, Policy};
//!
//! let dir = std::env::temp_dir().join("mlsecops-policy-doc");
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("mlsecops.toml"), "tools = [\"Garak\"]\nrequire = [\"R17-Security\", \"R11-Security\"]\ndeny = true\n")?;
//! let verdict = Policy::discover(&dir)?.evaluate();
//! assert!(verdict.is_failed());
//! let finding = &verdict.findings()[0];
//! assert_eq!(finding.level(), Level::Error);
//! assert_eq!(finding.line(), Some(2));
//! assert_eq!(finding.code(), "R11-Security");
//! assert!(finding.message().starts_with("required risk not covered: R11-Security"));
//! assert!(finding.to_string().contains("mlsecops.toml:2:28: error: required risk not covered"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod build;
mod raw;
mod valid;
mod verdict;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::lines::LineIndex;
use crate::{Diagnostic, Label, Location, Root};
use raw::Section;

pub use crate::diag::Level;
pub use verdict::Verdict;

/// The keys of a policy, for "did you mean".
const KEYS: [&str; 7] = [
    "tools", "detect", "registry", "require", "basis", "deny", "accept",
];

/// Where a policy was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// `mlsecops.toml`: the whole file.
    MlsecopsToml,
    /// `pyproject.toml`: `[tool.mlsecops]`.
    Pyproject,
    /// `Cargo.toml`: `[package.metadata.mlsecops]`.
    CargoToml,
}

impl Source {
    /// The file name.
    pub const fn file_name(self) -> &'static str {
        match self {
            Source::MlsecopsToml => "mlsecops.toml",
            Source::Pyproject => "pyproject.toml",
            Source::CargoToml => "Cargo.toml",
        }
    }

    /// The section, as people write it.
    pub const fn section(self) -> &'static str {
        match self {
            Source::MlsecopsToml => "mlsecops.toml",
            Source::Pyproject => "[tool.mlsecops]",
            Source::CargoToml => "[package.metadata.mlsecops]",
        }
    }
}

/// A policy that cannot be read: a [`Diagnostic`] of code `policy` at the file (and the
/// position when there is one).
///
/// ```
/// use mlsecops_taxonomy::policy::Policy;
/// let dir = std::env::temp_dir().join("mlsecops-policy-error-doc");
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("mlsecops.toml"), "tols = [\"Garak\"]\n")?;
/// let err = Policy::discover(&dir).unwrap_err();
/// assert_eq!(err.position(), Some((1, 1)));
/// assert_eq!(err.message(), r#"mlsecops.toml has no key "tols": did you mean tools?"#);
/// assert_eq!(err.diagnostic().code(), "policy");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    file: PathBuf,
    /// At least one.
    diagnostics: Vec<Diagnostic>,
}

impl PolicyError {
    fn new(file: &Path, at: Option<Location>, message: impl Into<String>) -> PolicyError {
        PolicyError {
            file: file.to_owned(),
            diagnostics: vec![
                Diagnostic::new(Level::Error, "policy", message)
                    .at(Label::of_path(file).at_opt(at)),
            ],
        }
    }

    /// The file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Line and column, from 1, when the problem has a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.diagnostics[0].location().map(|l| (l.line, l.column))
    }

    /// What is wrong (the first problem).
    pub fn message(&self) -> &str {
        self.diagnostics[0].message()
    }

    /// Every problem, each a diagnostic of code `policy`: all the key and type errors of the
    /// section at once.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The error with its file named relative to the root of `dir`.
    fn relative_to(mut self, dir: &Path) -> PolicyError {
        if let Ok(root) = Root::enclosing(dir) {
            self.diagnostics = std::mem::take(&mut self.diagnostics)
                .into_iter()
                .map(|d| d.renamed(|f| root.relative(f)))
                .collect();
        }
        self
    }

    /// The (first) problem as a diagnostic.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostics[0]
    }
}

/// `mlsecops.toml:3:11: error: ...`, one line per problem.
impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            d.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}

/// A coverage policy, read from its file (see the module's documentation).
pub struct Policy {
    file: PathBuf,
    dir: PathBuf,
    text: String,
    lines: LineIndex,
    source: Source,
    span: std::ops::Range<usize>,
    section: Section,
    root: Option<Root>,
    /// Other policies beside this one, which it shadows: each is a warning of the verdict.
    shadowed: Vec<Label>,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("file", &self.file)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Policy {
    /// The policy of the project in `dir`: `mlsecops.toml`, else `[tool.mlsecops]` of
    /// `pyproject.toml`, else `[package.metadata.mlsecops]` of `Cargo.toml`, the first found.
    ///
    /// # Errors
    /// No file holds a policy; the policy's file is not valid TOML, or its section has an
    /// unknown key (with the closest) or a value of the wrong type.
    pub fn discover(dir: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let dir = dir.as_ref();
        Policy::find_in(dir)
            .and_then(|found| {
                found.ok_or_else(|| {
                    PolicyError::new(
                        dir,
                        None,
                        "no policy found: add mlsecops.toml (or [tool.mlsecops] to pyproject.toml, \
                         [package.metadata.mlsecops] to Cargo.toml) with the tools you use and the \
                         risks they must cover, for example `detect = true` and `require = \
                         [\"R17-Security\"]` (Garak covers it); `mlsecops init` proposes one, \
                         `mlsecops cover --require model` names the tools a requirement needs, and \
                         [[accept]] with a reason accepts a risk no tool covers",
                    )
                })
            })
            .map_err(|e| e.relative_to(dir))
    }

    /// The policy of the project in `dir`, found as [`discover`](Policy::discover) finds it;
    /// `Ok(None)` when no file there holds one (what `mlsecops detect` needs to know: which
    /// registry to look tools up in).
    ///
    /// # Errors
    /// As [`discover`](Policy::discover), except that no policy is `Ok(None)`.
    pub fn find(dir: impl AsRef<Path>) -> Result<Option<Policy>, PolicyError> {
        let dir = dir.as_ref();
        Policy::find_in(dir).map_err(|e| e.relative_to(dir))
    }

    fn find_in(dir: &Path) -> Result<Option<Policy>, PolicyError> {
        if !dir.exists() {
            return Err(PolicyError::new(
                dir,
                None,
                "the project's directory does not exist",
            ));
        }
        if dir.is_file() {
            // A policy file given where the directory goes: read it as what its name says.
            let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let source = [Source::MlsecopsToml, Source::Pyproject, Source::CargoToml]
                .into_iter()
                .find(|s| s.file_name() == name);
            return match source {
                Some(source) => Policy::read(dir, source)?.map(Some).ok_or_else(|| {
                    PolicyError::new(
                        dir,
                        None,
                        format!("{name} has no policy section ({})", source.section()),
                    )
                }),
                None => Err(PolicyError::new(
                    dir,
                    None,
                    "a file, not the project's directory (or its mlsecops.toml, pyproject.toml or \
                     Cargo.toml)",
                )),
            };
        }
        let mut found: Option<Policy> = None;
        for source in [Source::MlsecopsToml, Source::Pyproject, Source::CargoToml] {
            let file = dir.join(source.file_name());
            // Something of the name that is not a regular file (a FIFO, a device) is read, so
            // that it is refused by name instead of passed over.
            if !file.exists() || file.is_dir() {
                continue;
            }
            match (&mut found, Policy::read(&file, source)) {
                (None, Ok(Some(policy))) => found = Some(policy),
                (None, Err(e)) => return Err(e),
                (None, Ok(None)) => {}
                // The first policy wins; another one beside it is named, never silently read.
                (Some(first), Ok(Some(other))) => {
                    first.shadowed.push(other.label(other.span.clone()))
                }
                (Some(_), _) => {}
            }
        }
        Ok(found)
    }

    /// The policy in `[package.metadata.mlsecops]` of `manifest_dir/Cargo.toml`, as the build
    /// gate reads it.
    ///
    /// # Errors
    /// As [`discover`](Policy::discover); a manifest without the section is an error.
    pub fn from_cargo_manifest(manifest_dir: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let dir = manifest_dir.as_ref();
        let file = dir.join("Cargo.toml");
        Policy::read(&file, Source::CargoToml)
            .map_err(|e| e.relative_to(dir))?
            .ok_or_else(|| {
                PolicyError::new(
                    &file,
                    None,
                    "no [package.metadata.mlsecops] section: add one with the tools you use and \
                 the risks they must cover, for example tools = [\"Garak\"] and require = \
                 [\"R17-Security\"] (Garak covers it)",
                )
                .relative_to(dir)
            })
    }

    /// Step one: reads `file` as `source`, its section as TOML gives it; `Ok(None)` when the
    /// file holds no policy section.
    fn read(file: &Path, source: Source) -> Result<Option<Policy>, PolicyError> {
        // A policy is a few lines; 16 MiB bounds what a hostile one costs.
        let bytes = crate::diag::read_regular(file, 16 << 20)
            .map_err(|e| PolicyError::new(file, None, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            PolicyError::new(
                file,
                None,
                format!(
                    "cannot read: not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Policy::from_text(file, source, text)
    }

    /// The policy in `text`, as if read from `file` (whose directory the policy's paths are
    /// relative to) as `source`; `Ok(None)` when the text holds no policy section.
    ///
    /// ```
    /// use mlsecops_taxonomy::policy::{Policy, Source};
    /// let text = "[tool.mlsecops]\ntools = [\"Garak\"]\nrequire = [\"R17-Security\"]\n";
    /// let policy = Policy::from_text("pyproject.toml", Source::Pyproject, text.to_owned())?
    ///     .expect("a policy section");
    /// assert!(!policy.evaluate().is_failed());
    /// # Ok::<(), mlsecops_taxonomy::policy::PolicyError>(())
    /// ```
    ///
    /// # Errors
    /// The text is not valid TOML, or its section has an unknown key or a value of the wrong
    /// type.
    pub fn from_text(
        file: impl AsRef<Path>,
        source: Source,
        text: String,
    ) -> Result<Option<Policy>, PolicyError> {
        let file = file.as_ref();
        let lines = LineIndex::new(text.as_bytes());
        let section = raw::read(&text, source).map_err(|problems| PolicyError {
            file: file.to_owned(),
            diagnostics: problems
                .into_iter()
                .map(|(span, message)| {
                    let at = span.map(|s| lines.location(text.as_bytes(), s.start));
                    Diagnostic::new(Level::Error, "policy", message)
                        .at(Label::of_path(file).at_opt(at))
                })
                .collect(),
        })?;
        let Some((section, span)) = section else {
            return Ok(None);
        };
        Ok(Some(Policy {
            file: file.to_owned(),
            dir: file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_owned(),
            text,
            lines,
            source,
            span,
            section,
            root: None,
            shadowed: Vec::new(),
        }))
    }

    /// The policy with `root` as the directory nothing it names may leave (`--root DIR`); by
    /// default the root is the git work tree that holds the policy's file, else its directory.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Root, policy::Policy};
    /// let dir = std::env::temp_dir().join("mlsecops-policy-root-doc");
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("mlsecops.toml"), "registry = \"/etc/passwd\"\nrequire = [\"all\"]\n")?;
    /// let verdict = Policy::discover(&dir)?.with_root(Root::new(&dir)?).evaluate();
    /// let finding = &verdict.findings()[0];
    /// assert_eq!(finding.line(), Some(1));
    /// assert!(finding.message().contains("is outside the repository root"));
    /// assert!(!finding.message().contains("root:x"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_root(mut self, root: Root) -> Policy {
        self.root = Some(root);
        self
    }

    /// The root nothing the policy names may leave.
    ///
    /// # Errors
    /// The policy's directory cannot be resolved.
    pub fn root(&self) -> std::io::Result<Root> {
        match &self.root {
            Some(root) => Ok(root.clone()),
            None => Root::enclosing(&self.dir),
        }
    }

    /// The file the policy was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Where the policy was found.
    pub fn source(&self) -> Source {
        self.source
    }

    /// Whether a coverage gap fails (`deny`, true unless the policy says `deny = false`).
    pub fn denies(&self) -> bool {
        self.section.deny
    }

    /// The registry file the policy names (`registry = "FILE"`), relative to the policy's
    /// directory; `None` when it names none.
    pub fn registry_file(&self) -> Option<PathBuf> {
        self.section
            .registry
            .as_ref()
            .map(|r| self.dir.join(r.get_ref()))
    }

    /// The registry the policy looks its tools up in, read as [`evaluate`](Policy::evaluate)
    /// reads it: the built-in registry extended by the file the policy names (which must stay
    /// inside the policy's root), `Ok(None)` when it names none (the built-in one). What
    /// `mlsecops detect` and `coverage --detect` use, so that a tool the policy's registry
    /// defines is found by them as by `check`.
    ///
    /// ```
    /// use mlsecops_taxonomy::policy::Policy;
    /// let dir = std::env::temp_dir().join("mlsecops-policy-registry-doc");
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("tools.json"), r#"{"tools": [{"name": "Our Scanner", "risks": ["R14-Security"]}]}"#)?;
    /// std::fs::write(dir.join("mlsecops.toml"), "registry = \"tools.json\"\nrequire = [\"R14-Security\"]\n")?;
    /// let registry = Policy::discover(&dir)?.registry()?.expect("the policy names one");
    /// assert!(registry.get("Our Scanner").is_ok());
    /// assert!(registry.get("Garak").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The file leaves the root, cannot be read, or is not a valid registry file: each problem
    /// a diagnostic in that file, with the policy's `registry` key as a related place.
    pub fn registry(&self) -> Result<Option<crate::Registry>, PolicyError> {
        let errors = |diagnostics: Vec<Diagnostic>| {
            let diagnostics = match self.root() {
                Ok(root) => diagnostics
                    .into_iter()
                    .map(|d| d.renamed(|f| root.relative(f)))
                    .collect(),
                Err(_) => diagnostics,
            };
            PolicyError {
                file: self.file.clone(),
                diagnostics,
            }
        };
        let root = self.root().map_err(|e| {
            errors(vec![valid::policy_error(
                Label::of_path(&self.file),
                format!("the policy's directory cannot be resolved: {e}"),
            )])
        })?;
        valid::registry(self, &root, &mut Vec::new()).map_err(errors)
    }

    /// Every file the verdict depends on: the policy's file and its registry file.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut out = vec![self.file.clone()];
        out.extend(
            self.section
                .registry
                .as_ref()
                .map(|r| self.dir.join(r.get_ref())),
        );
        out
    }

    /// Checks the policy: step two validates its configuration (every error, each located),
    /// step three the coverage of its tools against its requirements (each gap located at the
    /// requirement that asks for it).
    pub fn evaluate(&self) -> Verdict {
        let verdict = match valid::validate(self) {
            Ok(valid) => verdict::evaluate(self, valid),
            Err(errors) => Verdict::configuration_errors(errors),
        };
        // Every place as the repository names it: relative to its root, with `/`.
        match self.root() {
            Ok(root) => verdict.renamed(|f| root.relative(f)),
            Err(_) => verdict,
        }
    }

    /// The label of a span of the policy's text.
    fn label(&self, span: std::ops::Range<usize>) -> Label {
        Label::of_path(&self.file).at(self.lines.location(self.text.as_bytes(), span.start))
    }
}
