//! Which tools a project uses, from the files it really has (feature `detect`): its manifests,
//! lockfiles and SBOMs, read into an [`Inventory`] of dependencies, each with its file, line and
//! whether the project declares it (direct) or only pulls it in (transitive).
//!
//! The formats, one detector each (the table is made from the detectors' own descriptions; a
//! test keeps it so):
//!
//! | file | read |
//! |---|---|
//! | GitHub Actions workflows (`.github/workflows/*.yml`) | what `run:` steps install: `pip install` (also `pip3`, `sudo pip`), `python -m pip install` (also `py -m pip`), `uv pip install`, `uv add`, `uv tool install`, `uvx`, `pipx run`, `pipx install`, `poetry add`, `pdm add`, `conda`/`mamba install` (names matched as PyPI names), `cargo install`, `cargo add`; a requirements file given with `-r` is read with it, relative to the repository root (one that is not there is noted: the job may make it); shell variables, paths and URLs name no package. Each step's `uses: OWNER/REPO[/PATH]@REF` (and a job's reusable workflow) is the GitHub repository `pkg:github/OWNER/REPO`, direct; local actions and `docker://` images name none |
//! | composite actions (`.github/actions/*/action.yml`) | what the `runs.steps` install and the actions they use, as for workflows |
//! | GitLab CI (`.gitlab-ci.yml`) | what the `before_script`, `script` and `after_script` of every job (and of `default`) install, as for workflows (`-r` files relative to the repository root) |
//! | Dockerfiles (`Dockerfile`, `Containerfile`, `*.Dockerfile`, `Dockerfile.*`) | what `RUN` installs, as for workflows: shell form with `\` continuations and `&&` chains, exec form, here-documents; each package at its line; `-r` files relative to the Dockerfile's directory (the usual build context) |
//! | conda environments (`environment.yml`, `environment.yaml`) | `dependencies`: each conda package by its name, matched against PyPI names (conda-forge names most Python packages as PyPI does; a channel prefix `conda-forge::` is dropped), and the `pip:` section read as a requirements file (`-r` relative to the environment file); all direct |
//! | pre-commit configurations (`.pre-commit-config.yaml`) | each hook `repo:` on GitHub as `pkg:github/OWNER/REPO` (`local` and `meta` name none), and each hook's `additional_dependencies`: PEP 508 requirements for Python hooks and hooks whose language the file does not say, npm packages for `language: node`, crates for `language: rust`; all direct |
//! | `requirements*.txt`, `*requirements.txt`, `requirements/*.txt`, and their `.in` forms (`requirements.in`, `requirements/dev.in`: pip-tools' and uv's inputs) | requirements as pip reads them (PEP 508, `name @ url`, VCS lines by their `#egg=` name, wheel and sdist file names, options, `--hash`, continuations); `-r` includes relative to the including file, `-c` constraint files (read, never declaring); editables and local paths (`-e .[dev]`, `src/pkg`) are the project's own source; a remote include is noted, not fetched; a line pip would reject is a warning. A file `pip-compile` or `uv pip compile` wrote is a lockfile: a package is direct only when its `# via` names the project's own inputs (`-r requirements.in`, `pyproject.toml`) |
//! | `pyproject.toml` | PEP 621 `dependencies` and `optional-dependencies`, PEP 735 `dependency-groups`, Poetry's dependency tables and groups, `[tool.pdm.dev-dependencies]` (an editable path is the project's own source), `[tool.uv] dev-dependencies`, `[tool.hatch.envs.*]` `dependencies` and `extra-dependencies`: all direct |
//! | `setup.cfg` | `[options]` `install_requires` and `[options.extras_require]`, all direct, as setuptools reads them (one requirement a line, or a one-line value split at `;`); `file:` values are requirements files, read relative to it |
//! | `setup.py` (never run) | in a file that imports setuptools (or distutils), `install_requires` and `extras_require` where they are literals: a list of strings, a dict of such lists, or a module-level name bound to one; all direct; a computed value is a note |
//! | `uv.lock` | every locked package; what the project's own package (source `editable` or `virtual`) depends on, in any group or extra, is direct, the rest transitive; a package from a local `directory` or `path` is the project's own source |
//! | `poetry.lock` | every locked package, as transitive (the lock does not say which the project declares; its `pyproject.toml` does) |
//! | `pdm.lock` | every locked package, as transitive (a package's `groups` say which of the project's groups need it, not which it chose; its `pyproject.toml` does); a package from a local `path` is the project's own source |
//! | `Pipfile` | Pipenv's package categories (`[packages]`, `[dev-packages]` and any other table but `source`, `requires`, `scripts` and `pipenv`), by their keys, all direct; a package from a local `path` is the project's own source |
//! | `Pipfile.lock` | every package of every category (`default`, `develop`, ...), as transitive; the `Pipfile` beside it is read with it and says which are direct (without one, a note); a package from a local `path` is the project's own source |
//! | `pylock.toml`, `pylock.*.toml` (PEP 751) | every `[[packages]]` entry by its `name`, as transitive (the format does not say which the project chose; its `pyproject.toml` or requirements do); a package from a local `directory` is the project's own source; wheel and sdist file names are not packages |
//! | `Cargo.toml` | `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their `[target.*]` forms and `[workspace.dependencies]`; a workspace's members (`members = ["crates/*"]`) are read too |
//! | `Cargo.lock` | every crate from a registry or repository; what the workspace's own packages depend on is direct, the rest transitive |
//! | `package.json` | `dependencies`, `devDependencies`, `optionalDependencies`, `peerDependencies` |
//! | CycloneDX JSON (`bom.json`, `*.cdx.json`, or any `.json` whose `bomFormat` is CycloneDX) | components and nested components by `purl`; with a root component and a dependency graph, the root's dependencies are direct and the rest transitive; without them, as `cyclonedx-py requirements` writes, every component is direct |
//! | SPDX 2.3 JSON (`*.spdx.json`, or any `.json` with `spdxVersion`) | packages' `externalRefs` of type `purl`; packages the described package `DEPENDS_ON` or `CONTAINS` (or that are `DEPENDENCY_OF` or `CONTAINED_BY` it) are direct, the rest transitive |
//! | SPDX 3.0 JSON-LD (`*.spdx3.json`, `*.spdx.json`, or any `.json` whose `@context` is SPDX 3's) | package elements (`software_Package`, `ai_AIPackage`, `dataset_DatasetPackage`) by `software_packageUrl` or a `packageUrl` external identifier; the root elements are the project; what a root `dependsOn`, `contains`, `usesTool`, links or has as an optional or provided dependency is direct, the rest transitive |
//! | CycloneDX XML (`bom.xml`, `*.cdx.xml`, or any `.xml` whose root is a CycloneDX `bom`), schema 1.0 to 1.6 | as CycloneDX JSON: components and nested components by `purl`; with a root component and a dependency graph, the root's dependencies are direct and the rest transitive, otherwise every component is direct; a DTD is refused |
//!
//! A directory is walked, skipping `.git`, `node_modules`, `target`, virtual environments
//! (any directory with a `pyvenv.cfg`, and `.venv`, `venv`, `__pycache__`, `.tox`, `.nox`), and
//! never following a symbolic link; files of other kinds in it are not manifests and are left
//! alone, and a file of a known kind that cannot be read is a located warning
//! ([`Inventory::warnings`]) after which the walk goes on. A file named explicitly must be of a
//! known kind and readable. References of the tree to itself are apart
//! ([`Inventory::self_references`]). Nothing outside the [`Root`] is read.
//!
//! ```
//! use mlsecops_taxonomy::{Registry, detect};
//!
//! let dir = std::env::temp_dir().join("mlsecops-detect-doc");
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("requirements.txt"), "numpy>=1.26\ngarak[all]==0.17 ; python_version >= '3.10'\n")?;
//! let inventory = detect::scan([&dir])?;
//! let found = inventory.tools(Registry::builtin(), false);
//! assert_eq!(found[0].tool().name(), "Garak");
//! assert_eq!(found[0].evidence()[0].line(), 2);
//! assert_eq!(found[0].evidence()[0].package(), "garak");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod conda;
mod detector;
mod ignore;
mod json;
mod pep508;
mod precommit;
mod python;
mod rust;
mod setup_py;
mod tree;
mod walk;
mod workflow;
mod xml;
mod yaml;

use detector::{Detector, Include, Source, Target};

pub use crate::diag::{Refused, Root};
pub use detector::{FileFormat, detector_for, detectors, formats};
pub use walk::{MAX_WALK_DEPTH, MAX_WALK_FILES};
pub use workflow::{MAX_YAML_DEPTH, MAX_YAML_EXPANDED_BYTES, MAX_YAML_NODES, YAML_NODE_BYTES};
pub use xml::MAX_XML_NODES;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::output::detection::{DetectedToolEntry, DetectionReport, EvidenceEntry, WarningEntry};
use crate::registry::Registry;
use crate::registry::package::Ecosystem;
use crate::registry::tool::Tool;

/// The largest file read, in bytes: 16 MiB (SBOMs of large projects run to a few MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The most warnings and notes kept of one file: 100; the rest are counted, in one more note.
pub const MAX_NOTES_PER_FILE: usize = 100;

/// The most warnings and notes kept of one scan: 1,000; the rest are counted, in one more
/// warning of the scan.
pub const MAX_NOTES_PER_SCAN: usize = 1_000;

/// The longest quote of a file's text in a message, in characters: 120. A longer one ends with
/// `…` and its length; a run that looks like a credential (24 or more letters and digits of
/// both cases, with a digit) is never quoted.
pub const MAX_QUOTE_CHARS: usize = 120;

/// `message` with each of its quotes (`"…"`, as `{:?}` writes them) bounded to
/// [`MAX_QUOTE_CHARS`] and credential-like runs in them left out.
pub(crate) fn bounded_quotes(message: &str) -> std::borrow::Cow<'_, str> {
    if !message.contains('"') {
        return std::borrow::Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(4096));
    let mut rest = message;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        // The closing quote: the first `"` not escaped by a backslash.
        let mut end = None;
        let mut escaped = false;
        for (i, c) in inside.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let (quote, after) = match end {
            Some(i) => (&inside[..i], &inside[i..]),
            None => (inside, ""),
        };
        out.push_str(&shorten_quote(quote));
        rest = after;
        if let Some(close) = rest.strip_prefix('"') {
            out.push('"');
            rest = close;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// One quote, bounded and without credential-like runs.
fn shorten_quote(quote: &str) -> String {
    let count = quote.chars().count();
    let mut kept: String = if count > MAX_QUOTE_CHARS {
        let mut s: String = quote.chars().take(MAX_QUOTE_CHARS).collect();
        // Never end inside an escape (`\u{1b}`, `\n`).
        if let Some(b) = s.rfind('\\').filter(|&b| s.len() - b < 10) {
            s.truncate(b);
        }
        s
    } else {
        quote.to_owned()
    };
    kept = redact(&kept);
    if count > MAX_QUOTE_CHARS {
        kept.push_str(&format!("…({count} characters)"));
    }
    kept
}

/// Runs that look like credentials (24 or more characters of `A-Z a-z 0-9 _ - + / =`, with an
/// upper-case letter, a lower-case letter and a digit) replaced by how long they were.
fn redact(text: &str) -> String {
    let token = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '/' | '=');
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let secret = run.len() >= 24
            && run.chars().any(|c| c.is_ascii_uppercase())
            && run.chars().any(|c| c.is_ascii_lowercase())
            && run.chars().any(|c| c.is_ascii_digit());
        if secret {
            out.push_str(&format!("<{} characters not shown>", run.len()));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if token(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// One dependency as a file declares or locks it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Dependency {
    file: PathBuf,
    line: usize,
    ecosystem: Ecosystem,
    package: String,
    direct: bool,
    local: bool,
}

impl Dependency {
    /// The file, as it was reached (the path given, joined with the path within a directory).
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The ecosystem of the package.
    pub fn ecosystem(&self) -> Ecosystem {
        self.ecosystem
    }

    /// The package's name as the file writes it.
    pub fn package(&self) -> &str {
        &self.package
    }

    /// Whether the project declares it (a manifest, an SBOM's direct dependency) rather than
    /// pulling it in through another package.
    pub fn is_direct(&self) -> bool {
        self.direct
    }
}

/// What a file could not give: the file, the line when there is one, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectError {
    file: PathBuf,
    line: Option<usize>,
    message: String,
}

impl DetectError {
    pub(crate) fn new(file: &Path, line: Option<usize>, message: impl Into<String>) -> DetectError {
        let message = message.into();
        DetectError {
            file: file.to_owned(),
            line,
            message: bounded_quotes(&message).into_owned(),
        }
    }

    /// The file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The line, from 1, when the problem has one.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// `requirements.txt:7: ...`.
impl fmt::Display for DetectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for DetectError {}

impl DetectError {
    /// The error as a diagnostic of code `detect`, at the file and line (column 1: the readers
    /// locate lines).
    pub fn diagnostic(&self) -> crate::Diagnostic {
        let at = self.line.map(|line| crate::Location { line, column: 1 });
        crate::Diagnostic::new(crate::Level::Error, "detect", self.message.clone())
            .at(crate::Label::of_path(&self.file).at_opt(at))
            .about([self
                .message
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect::<String>()])
    }
}

/// The dependencies of a set of files, from [`scan`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inventory {
    files: Vec<PathBuf>,
    /// The files read, for the test of a file reached twice (a file list would make a walk of
    /// many manifests quadratic).
    seen: std::collections::HashSet<PathBuf>,
    dependencies: Vec<Dependency>,
    /// What the scanned tree itself defines: its packages, and path dependencies into it.
    self_references: Vec<Dependency>,
    /// Package names the scanned tree defines (`[project] name`, `[package] name`, ...),
    /// normalised, by ecosystem.
    defined: std::collections::HashSet<(Ecosystem, String)>,
    warnings: Vec<crate::Diagnostic>,
    /// The notes past [`MAX_NOTES_PER_SCAN`], counted, and whether one was a warning.
    more_notes: usize,
    more_warnings: bool,
}

/// A tool of a registry that a project uses, with the dependencies that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedTool<'r> {
    tool: &'r Tool,
    evidence: Vec<Dependency>,
}

impl<'r> DetectedTool<'r> {
    /// The tool.
    pub fn tool(&self) -> &'r Tool {
        self.tool
    }

    /// The dependencies that show it, in the order of the files read.
    pub fn evidence(&self) -> &[Dependency] {
        &self.evidence
    }

    /// Whether some dependency that shows it is direct.
    pub fn is_direct(&self) -> bool {
        self.evidence.iter().any(Dependency::is_direct)
    }
}

impl Inventory {
    /// The files read, in the order read (a directory's files sorted by path).
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Every dependency found, in the order of the files and their lines; the project's
    /// references to itself are apart ([`self_references`](Inventory::self_references)).
    pub fn dependencies(&self) -> &[Dependency] {
        &self.dependencies
    }

    /// The references of the scanned tree to itself, which are the project, not tools it uses:
    /// a package the tree defines (its `[project]` or Poetry name, a Cargo `[package]` name, a
    /// `package.json` name) named as a dependency (a self-extra, `safetensors[numpy]` in
    /// safetensors' own `pyproject.toml`), and path dependencies (`path = "..."`, `file:`).
    pub fn self_references(&self) -> &[Dependency] {
        &self.self_references
    }

    /// What the scan noted and went on past: a walked file that could not be read or parsed,
    /// a line pip would reject, an include of a remote file (not fetched). Each is located;
    /// none adds a tool, so a warning can only make a gate stricter.
    pub fn warnings(&self) -> &[crate::Diagnostic] {
        &self.warnings
    }

    /// Both inventories: the files and dependencies of `self`, then those of `other` not read
    /// already.
    #[must_use]
    pub fn merge(mut self, other: Inventory) -> Inventory {
        for file in other.files {
            if self.seen.insert(file.clone()) {
                self.files.push(file);
            }
        }
        self.dependencies.extend(other.dependencies);
        self.self_references.extend(other.self_references);
        self.defined.extend(other.defined);
        self.warnings.extend(other.warnings);
        self.more_notes += other.more_notes;
        self.more_warnings |= other.more_warnings;
        self
    }

    /// Moves the references to packages the tree defines to the self-references; the last step
    /// of a scan, once every file's definitions are known.
    fn finish(mut self) -> Inventory {
        if self.more_notes > 0 {
            let level = if self.more_warnings {
                crate::Level::Warning
            } else {
                crate::Level::Note
            };
            self.warnings.push(crate::Diagnostic::new(
                level,
                "detect",
                format!(
                    "{} of the scan {} not shown (the first {MAX_NOTES_PER_SCAN} are)",
                    crate::diag::count(self.more_notes, "more note", "more notes"),
                    if self.more_notes == 1 { "is" } else { "are" }
                ),
            ));
            self.more_notes = 0;
        }
        let defined = &self.defined;
        let (own, others): (Vec<Dependency>, Vec<Dependency>) =
            std::mem::take(&mut self.dependencies)
                .into_iter()
                .partition(|d| {
                    d.local
                        || defined.contains(&(
                            d.ecosystem,
                            crate::registry::package::normalize(d.ecosystem, &d.package)
                                .into_owned(),
                        ))
                });
        self.dependencies = others;
        self.self_references.extend(own);
        self
    }

    /// The tools of `registry` the dependencies are packages of, in registry order, each with its
    /// evidence. A tool seen only as a transitive dependency counts when `transitive` is true;
    /// otherwise only direct dependencies are evidence.
    pub fn tools<'r>(&self, registry: &'r Registry, transitive: bool) -> Vec<DetectedTool<'r>> {
        // One lookup per dependency (its name normalised once), evidence gathered by tool.
        let mut evidence: Vec<Vec<Dependency>> = vec![Vec::new(); registry.len()];
        for d in self.dependencies.iter().filter(|d| transitive || d.direct) {
            for tool in registry.tools_for_package(d.ecosystem, &d.package) {
                if let Some(i) = registry.position(tool.id()) {
                    evidence[i].push(d.clone());
                }
            }
        }
        registry
            .tools()
            .zip(evidence)
            .filter(|(_, evidence)| !evidence.is_empty())
            .map(|(tool, evidence)| DetectedTool { tool, evidence })
            .collect()
    }

    /// The tools of `registry` seen only as transitive dependencies: what `tools(registry,
    /// false)` leaves out.
    pub fn transitive_only<'r>(&self, registry: &'r Registry) -> Vec<DetectedTool<'r>> {
        let direct: Vec<&str> = self
            .tools(registry, false)
            .iter()
            .map(|t| t.tool().id())
            .collect();
        self.tools(registry, true)
            .into_iter()
            .filter(|t| !direct.contains(&t.tool().id()))
            .collect()
    }

    /// The report of what the files show: the tools of `registry` (counting transitive
    /// dependencies when `transitive`), the tools seen only transitively otherwise, and the
    /// files read.
    pub fn report(&self, registry: &Registry, transitive: bool) -> DetectionReport {
        let evidence = |d: &Dependency| EvidenceEntry {
            file: d.file.display().to_string(),
            line: d.line,
            ecosystem: d.ecosystem,
            package: d.package.clone(),
            direct: d.direct,
        };
        let entry = |t: &DetectedTool<'_>| DetectedToolEntry {
            name: t.tool.name().to_owned(),
            id: t.tool.id().to_owned(),
            evidence: t.evidence.iter().map(evidence).collect(),
        };
        DetectionReport {
            tools: self.tools(registry, transitive).iter().map(entry).collect(),
            transitive: if transitive {
                Vec::new()
            } else {
                self.transitive_only(registry).iter().map(entry).collect()
            },
            files: self.files.iter().map(|f| f.display().to_string()).collect(),
            self_references: self.self_references.iter().map(evidence).collect(),
            warnings: self
                .warnings
                .iter()
                .map(|w| WarningEntry {
                    file: w.file().unwrap_or_default().to_owned(),
                    line: w.line(),
                    message: w.message().to_owned(),
                })
                .collect(),
        }
    }

    fn add(&mut self, file: &Path, found: Vec<Found>) {
        // A file reached twice (given twice, or included by two requirements files) counts once.
        if !self.seen.insert(file.to_owned()) {
            return;
        }
        self.files.push(file.to_owned());
        self.dependencies
            .extend(found.into_iter().map(|f| Dependency {
                file: file.to_owned(),
                line: f.line,
                ecosystem: f.ecosystem,
                package: f.package,
                direct: f.direct,
                local: f.local,
            }));
    }

    /// A note of `file` at `line` (a warning, or a note for what was left alone on purpose),
    /// its quotes bounded; past [`MAX_NOTES_PER_SCAN`], counted.
    fn note(&mut self, file: &Path, note: Note) {
        if self.warnings.len() >= MAX_NOTES_PER_SCAN {
            self.more_notes += 1;
            self.more_warnings |= note.level == crate::Level::Warning;
            return;
        }
        let at = note.line.map(|line| crate::Location { line, column: 1 });
        self.warnings.push(
            crate::Diagnostic::new(note.level, "detect", bounded_quotes(&note.message))
                .at(crate::Label::of_path(file).at_opt(at)),
        );
    }
}

/// A dependency as a reader finds it in one file.
pub(crate) struct Found {
    pub(crate) line: usize,
    pub(crate) ecosystem: Ecosystem,
    pub(crate) package: String,
    pub(crate) direct: bool,
    /// A path dependency: the project's own source, not a package of a registry.
    pub(crate) local: bool,
}

/// What a reader noted in a file and went on past.
pub(crate) struct Note {
    pub(crate) line: Option<usize>,
    pub(crate) level: crate::Level,
    pub(crate) message: String,
}

impl Note {
    pub(crate) fn warning(line: usize, message: impl Into<String>) -> Note {
        Note {
            line: Some(line),
            level: crate::Level::Warning,
            message: message.into(),
        }
    }

    pub(crate) fn info(line: usize, message: impl Into<String>) -> Note {
        Note {
            line: Some(line),
            level: crate::Level::Note,
            message: message.into(),
        }
    }
}

/// Reads the files and directories at `paths` into an [`Inventory`]: a directory is walked (see
/// the module's documentation), a file is read by the detector its name (or content) calls for.
/// Each path is confined to its own [`Root`] (the enclosing git work tree, else its directory):
/// nothing a file includes is read outside it. [`scan_in`] confines every path to one root.
///
/// # Errors
/// A path that cannot be read, a file given by name whose kind is not known, a file larger than
/// [`MAX_FILE_BYTES`], a file that is not UTF-8 text, a malformed manifest, an include cycle,
/// an include or workspace member outside the root, a bound reached ([`MAX_INCLUDE_DEPTH`],
/// [`MAX_WALK_FILES`], [`MAX_WALK_DEPTH`]): the first one met, with its file and line.
pub fn scan<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Result<Inventory, DetectError> {
    let mut inventory = Inventory::default();
    for path in paths {
        let path = path.as_ref();
        let root = Root::enclosing(path)
            .map_err(|e| DetectError::new(path, None, format!("cannot read: {e}")))?;
        inventory = scan_into(&root, [path], inventory)?;
    }
    Ok(finished(inventory))
}

/// As [`scan`], every path (and all that the files include) confined to `root`: a path outside
/// it is an error that names it, and nothing is read from it.
///
/// ```
/// use mlsecops_taxonomy::{Root, detect};
/// let dir = std::env::temp_dir().join("mlsecops-scan-in-doc");
/// std::fs::create_dir_all(dir.join("repo"))?;
/// std::fs::write(dir.join("secret.txt"), "token\n")?;
/// std::fs::write(dir.join("repo/requirements.txt"), "-r ../secret.txt\n")?;
/// let root = Root::new(dir.join("repo"))?;
/// // Named, the file is an error; walked, a warning after which the walk goes on.
/// let err = detect::scan_in(&root, [dir.join("repo/requirements.txt")]).unwrap_err();
/// assert_eq!(err.line(), Some(1));
/// assert!(err.message().contains("is outside the repository root"));
/// assert!(!err.to_string().contains("token"));
/// let inventory = detect::scan_in(&root, [dir.join("repo")])?;
/// assert!(inventory.warnings()[0].message().contains("is outside the repository root"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`scan`].
pub fn scan_in<P: AsRef<Path>>(
    root: &Root,
    paths: impl IntoIterator<Item = P>,
) -> Result<Inventory, DetectError> {
    scan_into(root, paths, Inventory::default()).map(finished)
}

fn scan_into<P: AsRef<Path>>(
    root: &Root,
    paths: impl IntoIterator<Item = P>,
    inventory: Inventory,
) -> Result<Inventory, DetectError> {
    let disk = tree::Disk::new(root);
    let mut scan = Scan {
        tree: &disk,
        inventory,
        stack: Vec::new(),
        base: PathBuf::new(),
    };
    for path in paths {
        let path = path.as_ref();
        if let Err(refused) = root.confine(path) {
            return Err(DetectError::new(path, None, refused.to_string()));
        }
        let meta = std::fs::metadata(path)
            .map_err(|e| DetectError::new(path, None, format!("cannot read: {e}")))?;
        if !meta.is_dir() && !meta.is_file() {
            // A FIFO would block the run, a device never end: refused before it is opened.
            return Err(DetectError::new(
                path,
                None,
                "not a regular file (a FIFO, socket or device): not read",
            ));
        }
        scan.base = if meta.is_dir() {
            path.to_owned()
        } else {
            path.parent().map_or_else(PathBuf::new, Path::to_owned)
        };
        if meta.is_dir() {
            let walked = walk::files(path, &disk.ignores)?;
            // What the walk left alone on purpose is said, for the files a detector would read.
            for (file, why) in &walked.ignored {
                if detector::select(file).is_some() {
                    scan.inventory.note(
                        file,
                        Note {
                            line: None,
                            level: crate::Level::Note,
                            message: why.reason(),
                        },
                    );
                }
            }
            for file in &walked.special {
                if detector::select(file).is_some() {
                    scan.inventory.note(
                        file,
                        Note {
                            line: None,
                            level: crate::Level::Warning,
                            message: "not a regular file (a FIFO, socket or device): not read"
                                .to_owned(),
                        },
                    );
                }
            }
            for file in walked.files {
                if let Some((detector, _)) = detector::select(&file) {
                    // One unreadable walked file never hides the others: it is a warning, and
                    // fewer tools can only make a gate stricter.
                    if let Err(e) = scan.read(&file, detector, false, true) {
                        scan.stack.clear();
                        scan.inventory.note(
                            e.file(),
                            Note {
                                line: e.line(),
                                level: crate::Level::Warning,
                                message: format!("{}; the scan went on", e.message()),
                            },
                        );
                    }
                }
            }
        } else {
            let (detector, _) = detector::select(path)
                .ok_or_else(|| DetectError::new(path, None, detector::not_a_file_kind()))?;
            scan.read(path, detector, true, true)?;
        }
    }
    Ok(scan.inventory)
}

/// The inventory of a whole scan, self-references apart.
fn finished(inventory: Inventory) -> Inventory {
    inventory.finish()
}

/// Reads `file` from a tree held in memory (`files`: relative paths and their texts), as
/// [`scan`] reads it from disk: the same detectors, includes resolved in `files` (a path that
/// leaves the tree is refused), the same bounds. For fuzzing and tests, where a disk is slow.
///
/// ```
/// use mlsecops_taxonomy::detect;
/// let files = [
///     ("requirements.txt", "-r requirements/base.txt\ngarak\n"),
///     ("requirements/base.txt", "modelscan\n"),
/// ];
/// let inventory = detect::scan_memory("requirements.txt", &files)?;
/// assert_eq!(inventory.dependencies().len(), 2);
/// let err = detect::scan_memory("requirements.txt", &[("requirements.txt", "-r ../x.txt\n")])
///     .unwrap_err();
/// assert!(err.message().contains("outside"));
/// # Ok::<(), detect::DetectError>(())
/// ```
///
/// # Errors
/// As [`scan`].
pub fn scan_memory(file: &str, files: &[(&str, &str)]) -> Result<Inventory, DetectError> {
    let tree = tree::Memory::new(files);
    let mut scan = Scan {
        tree: &tree,
        inventory: Inventory::default(),
        stack: Vec::new(),
        base: PathBuf::new(),
    };
    let path = Path::new(file);
    let (detector, _) = detector::select(path)
        .ok_or_else(|| DetectError::new(path, None, detector::not_a_file_kind()))?;
    scan.read(path, detector, true, true)?;
    Ok(finished(scan.inventory))
}

/// Reads one file with the detector named `detector` (a name of [`detector_for`]: `requirements`,
/// `pyproject`, `uv-lock`, ...), whatever the file's name: `constraints.txt`, `webui.pip` or
/// `reqs.txt` as requirements. The file is confined to its own root, as with [`scan`].
///
/// ```
/// use mlsecops_taxonomy::detect;
/// let dir = std::env::temp_dir().join("mlsecops-scan-as-doc");
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("webui.pip"), "garak\n")?;
/// let inventory = detect::scan_as("requirements", dir.join("webui.pip"))?;
/// assert_eq!(inventory.dependencies()[0].package(), "garak");
/// assert!(detect::scan_as("pip", dir.join("webui.pip")).unwrap_err().message().contains("requirements"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// No detector has that name (the message lists them), and as [`scan`].
pub fn scan_as(detector: &str, file: impl AsRef<Path>) -> Result<Inventory, DetectError> {
    let file = file.as_ref();
    let names: Vec<&str> = detector::DETECTORS.iter().map(|d| d.name()).collect();
    let Some(chosen) = detector::DETECTORS.iter().find(|d| d.name() == detector) else {
        let closest = crate::suggest::closest(detector, names.iter().copied());
        return Err(DetectError::new(
            file,
            None,
            match closest {
                Some(c) => format!(
                    "no detector {detector:?}: did you mean {c}? (the detectors are {})",
                    names.join(", ")
                ),
                None => format!(
                    "no detector {detector:?}: the detectors are {}",
                    names.join(", ")
                ),
            },
        ));
    };
    let root = Root::enclosing(file)
        .map_err(|e| DetectError::new(file, None, format!("cannot read: {e}")))?;
    let mut scan = Scan {
        tree: &tree::Disk::new(&root),
        inventory: Inventory::default(),
        stack: Vec::new(),
        base: file.parent().map_or_else(PathBuf::new, Path::to_owned),
    };
    scan.read(file, *chosen, true, true)?;
    Ok(finished(scan.inventory))
}

/// The deepest chain of includes followed (a requirements file including one that includes
/// another, ...): 32.
pub const MAX_INCLUDE_DEPTH: usize = 32;

/// A scan under way: the tree it reads (the disk inside a root, or files in memory), what was
/// found, and the chain of includes being read.
struct Scan<'t> {
    tree: &'t dyn tree::Tree,
    inventory: Inventory,
    stack: Vec<PathBuf>,
    /// The directory the scan of the current path started from: git's ignores are judged
    /// below it.
    base: PathBuf,
}

impl Scan<'_> {
    /// Reads one file with its detector, then every file it includes: the one place where a
    /// detected file is opened.
    fn read(
        &mut self,
        path: &Path,
        detector: &'static dyn Detector,
        named: bool,
        declares: bool,
    ) -> Result<(), DetectError> {
        let key = self
            .tree
            .resolve(path)
            .map_err(|refused| DetectError::new(path, None, refused.to_string()))?;
        if let Some(start) = self.stack.iter().position(|p| *p == key) {
            let cycle: Vec<String> = self.stack[start..]
                .iter()
                .chain([&key])
                .map(|p| p.display().to_string())
                .collect();
            return Err(DetectError::new(
                path,
                None,
                format!("an include cycle: {}", cycle.join(" -> ")),
            ));
        }
        // A file reached twice (given twice, or included by two files) counts once.
        if self.inventory.seen.contains(path) {
            return Ok(());
        }
        let text = self.tree.read(path)?;
        let source = Source::new(path, &text, named);
        let detected = match detector.detect(&source)? {
            Some(detected) => detected,
            None if named => {
                return Err(DetectError::new(path, None, detector.not_this_format()));
            }
            None => return Ok(()),
        };
        // A dependency needs a name (`name = ""` in a lockfile, `"" = "1"` in a table): one
        // without is noted and left out, never counted as a package.
        let (found, nameless): (Vec<Found>, Vec<Found>) = detected
            .found
            .into_iter()
            .partition(|f| !f.package.trim().is_empty());
        for f in nameless {
            self.inventory.note(
                path,
                Note::warning(f.line, "a dependency with an empty name: left out"),
            );
        }
        // One rule for every reader: a name counts only when its ecosystem accepts it (for
        // PyPI, as pip reads names: ASCII letters and digits, with `.`, `-`, `_` inside), so
        // that `garaK` (KELVIN SIGN), `garak_` or `.garak` is never credited as Garak.
        let (found, invalid): (Vec<Found>, Vec<Found>) = found.into_iter().partition(|f| {
            f.local
                || match f.ecosystem {
                    Ecosystem::Npm => f.package.is_ascii(),
                    other => crate::registry::package::check_name(other, &f.package).is_ok(),
                }
        });
        for f in invalid {
            let why = crate::registry::package::check_name(f.ecosystem, &f.package)
                .err()
                .unwrap_or_else(|| format!("{:?} is not ASCII", f.package));
            self.inventory.note(
                path,
                Note::warning(f.line, format!("{why}: not a package name, left out")),
            );
        }
        let found = if declares { found } else { Vec::new() };
        self.inventory.add(path, found);
        for (ecosystem, name) in detected.defines {
            let name = crate::registry::package::normalize(ecosystem, &name).into_owned();
            self.inventory.defined.insert((ecosystem, name));
        }
        let more = (detected.notes.more, detected.notes.more_warnings);
        for note in detected.notes.kept {
            self.inventory.note(path, note);
        }
        if more.0 > 0 {
            self.inventory.note(
                path,
                Note {
                    line: None,
                    level: if more.1 {
                        crate::Level::Warning
                    } else {
                        crate::Level::Note
                    },
                    message: format!(
                        "{} of this file {} not shown (the first {MAX_NOTES_PER_FILE} are)",
                        crate::diag::count(more.0, "more note", "more notes"),
                        if more.0 == 1 { "is" } else { "are" }
                    ),
                },
            );
        }
        if !detected.includes.is_empty() && self.stack.len() >= MAX_INCLUDE_DEPTH {
            return Err(DetectError::new(
                path,
                Some(detected.includes[0].line),
                format!(
                    "includes nest deeper than {MAX_INCLUDE_DEPTH} files: name the files to read \
                     on the command line (or in the policy's detect) instead"
                ),
            ));
        }
        self.stack.push(key);
        for include in detected.includes {
            // A file in `.git` or one git ignores is never read: a note at the line that named
            // it, and the including file still counts.
            if let Target::File(file) = &include.target {
                let kept_out = match self.tree.resolve(file) {
                    Err(refused) if refused.is_kept_out() => Some(refused.reason().to_owned()),
                    Err(_) => None,
                    Ok(_) => self.tree.ignored(file, &self.base)?,
                };
                if let Some(reason) = kept_out {
                    self.inventory.note(
                        path,
                        Note::info(include.line, format!("{} {reason}", include.what)),
                    );
                    continue;
                }
            }
            if let (Some(note), Target::File(file)) = (&include.if_missing, &include.target) {
                if self
                    .tree
                    .resolve(file)
                    .is_err_and(|refused| !refused.is_outside())
                {
                    self.inventory
                        .note(path, Note::info(include.line, note.clone()));
                    continue;
                }
            }
            for target in self.targets(path, &include)? {
                if let Some(reason) = self.tree.ignored(&target, &self.base)? {
                    self.inventory.note(
                        path,
                        Note::info(
                            include.line,
                            format!(
                                "{} {reason}",
                                crate::escape::text(&target.display().to_string())
                            ),
                        ),
                    );
                    continue;
                }
                self.read(
                    &target,
                    include.detector,
                    true,
                    declares && include.declares,
                )?;
            }
        }
        self.stack.pop();
        Ok(())
    }

    /// The files an include names, each one there and inside the root.
    fn targets(&self, from: &Path, include: &Include) -> Result<Vec<PathBuf>, DetectError> {
        let at = Some(include.line);
        let refuse = |refused: Refused| {
            let message = if refused.is_outside() {
                format!(
                    "{} is outside the repository root {}, not read",
                    include.what,
                    self.tree.root().display()
                )
            } else if include.what.starts_with("the included file") {
                format!("{} does not exist", include.what)
            } else {
                format!("{}: {refused}", include.what)
            };
            DetectError::new(from, at, message)
        };
        match &include.target {
            Target::File(file) => match self.tree.resolve(file) {
                Ok(_) => Ok(vec![file.clone()]),
                Err(refused)
                    if !refused.is_outside() && !include.what.starts_with("the included file") =>
                {
                    Err(DetectError::new(
                        from,
                        at,
                        format!("{} has no {}", include.what, file_name(file)),
                    ))
                }
                Err(refused) => Err(refuse(refused)),
            },
            Target::Glob(dir, pattern, name) => {
                // A directory outside the root is refused; one that is not there matches
                // nothing, as a glob of Cargo's.
                match self.tree.resolve(dir) {
                    Ok(_) => {}
                    Err(refused) if refused.is_outside() || refused.is_kept_out() => {
                        return Err(refuse(refused));
                    }
                    Err(_) => return Ok(Vec::new()),
                }
                let dirs = glob_dirs(self.tree, dir, pattern)
                    .map_err(|e| DetectError::new(from, at, format!("{}: {e}", include.what)))?;
                let mut found = Vec::new();
                for d in dirs {
                    let file = d.join(name);
                    if self.tree.is_file(&file) {
                        self.tree.resolve(&file).map_err(refuse)?;
                        found.push(file);
                    }
                }
                Ok(found)
            }
        }
    }
}

/// The most directories a workspace member's glob looks at: 10,000.
pub const MAX_GLOB_DIRS: usize = 10_000;

/// The directories below `dir` that `pattern` matches, sorted, as Cargo's `glob` matches a
/// workspace member: the literal words first, then each word with `*`, `?` or `[...]` matched
/// against the names of one level, and `**` against any number of levels. At most
/// [`MAX_GLOB_DIRS`] directories are looked at.
fn glob_dirs(tree: &dyn tree::Tree, dir: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let words: Vec<&str> = pattern
        .split('/')
        .filter(|w| !w.is_empty() && *w != ".")
        .collect();
    let is_glob = |w: &str| w.contains(['*', '?', '[']);
    let literal = words.iter().take_while(|w| !is_glob(w)).count();
    let start = words[..literal]
        .iter()
        .fold(dir.to_owned(), |d, w| d.join(w));
    let rest = &words[literal..];
    if rest.is_empty() {
        return Ok(vec![start]);
    }
    let deep = rest.contains(&"**");
    let glob = rest.join("/");
    let mut steps = 0u64;
    let mut seen = 0usize;
    let mut out = Vec::new();
    // (directory, its path below `start`, its depth)
    let mut frontier: Vec<(PathBuf, String, usize)> = vec![(start, String::new(), 0)];
    while let Some((here, rel, depth)) = frontier.pop() {
        if !deep && depth == rest.len() {
            out.push(here);
            continue;
        }
        let subdirs = match tree.subdirs(&here) {
            Ok(s) => s,
            // A literal part of the pattern that is not there matches nothing, as in Cargo.
            Err(_) if depth == 0 => return Ok(Vec::new()),
            Err(e) => return Err(format!("cannot read {}: {e}", here.display())),
        };
        for sub in subdirs {
            seen += 1;
            if seen > MAX_GLOB_DIRS {
                return Err(format!(
                    "the pattern {pattern:?} looks at more than {MAX_GLOB_DIRS} directories"
                ));
            }
            let name = sub
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rel = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if deep {
                if ignore::wildmatch(glob.as_bytes(), rel.as_bytes(), &mut steps) {
                    out.push(sub.clone());
                }
                frontier.push((sub, rel, depth + 1));
            } else if ignore::wildmatch(rest[depth].as_bytes(), name.as_bytes(), &mut steps) {
                frontier.push((sub, rel, depth + 1));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Reads a regular file as UTF-8 text within the size limit.
pub(crate) fn read_text(path: &Path) -> Result<String, DetectError> {
    let bytes = crate::diag::read_regular(path, MAX_FILE_BYTES).map_err(|e| {
        DetectError::new(
            path,
            None,
            match e.kind() {
                std::io::ErrorKind::InvalidData => format!("the file is {e}"),
                std::io::ErrorKind::InvalidInput => e.to_string(),
                _ => format!("cannot read: {e}"),
            },
        )
    })?;
    if bytes.contains(&0) {
        return Err(DetectError::new(
            path,
            None,
            "a binary file, not a text manifest",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        DetectError::new(
            path,
            None,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}
