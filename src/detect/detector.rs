//! The one interface of every reader of a project's files: a [`Detector`] says which paths it
//! wants (by name, or by a cheap look at the content) and reads a [`Source`] (path, text and
//! line index) into what it declares and the files it includes. [`DETECTORS`] lists them all;
//! the module documentation's table, the "not a file kind" message and the book's format table
//! are made from that list.

use std::path::{Path, PathBuf};

use super::{DetectError, Found, Note};
use crate::diag::lines::LineIndex;
use crate::registry::package::Ecosystem;

/// A file as a detector reads it: its path, its text and the index of its lines, built once.
pub(crate) struct Source<'t> {
    path: &'t Path,
    text: &'t str,
    lines: LineIndex,
    named: bool,
}

impl<'t> Source<'t> {
    pub(crate) fn new(path: &'t Path, text: &'t str, named: bool) -> Source<'t> {
        Source {
            path,
            text,
            lines: LineIndex::new(text.as_bytes()),
            named,
        }
    }

    pub(crate) fn path(&self) -> &'t Path {
        self.path
    }

    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// The line, from 1, of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    /// Whether the file was named (given on the command line or included), rather than met in
    /// a walked directory.
    pub(crate) fn is_named(&self) -> bool {
        self.named
    }
}

/// How much of a path a detector wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// Not this detector's.
    No,
    /// The name says it is.
    Name,
    /// The name allows it; the content decides (`Detector::detect` returns `None` when not).
    Content,
}

/// A file a detector's file brings in: a requirements file's `-r` and `-c`, a Cargo
/// workspace's members. Every included file is opened by the scan, through one function.
pub(crate) struct Include {
    /// The line of the including file that names it.
    pub(crate) line: usize,
    pub(crate) target: Target,
    pub(crate) detector: &'static dyn Detector,
    /// Whether what it declares counts (`false` for a constraints file).
    pub(crate) declares: bool,
    /// What it is, for the message when it is not there: "the included file",
    /// "workspace member \"crates/a\"".
    pub(crate) what: String,
    /// When the file is not there: `None`, an error; `Some(note)`, that note (at `line`), and
    /// the scan goes on (a `Pipfile.lock` without its `Pipfile`, a CI file's `-r` of a file the
    /// job makes).
    pub(crate) if_missing: Option<String>,
}

/// What an include names.
pub(crate) enum Target {
    /// One file.
    File(PathBuf),
    /// The file of this name in every directory a glob pattern matches below a directory, as
    /// Cargo matches a workspace's `members` (`crates/*`, `crates/*-cli`, `libs/**`): `*`, `?`
    /// and `[...]` within a name, `**` for any number of directories.
    Glob(PathBuf, String, &'static str),
}

impl Include {
    /// A file included at `line`, read by `detector`.
    pub(crate) fn file(
        line: usize,
        target: PathBuf,
        detector: &'static dyn Detector,
        declares: bool,
    ) -> Include {
        Include {
            line,
            what: format!("the included file {}", target.display()),
            target: Target::File(target),
            detector,
            declares,
            if_missing: None,
        }
    }

    /// The same include, noted rather than refused when the file is not there.
    pub(crate) fn or_note(mut self, note: impl Into<String>) -> Include {
        self.if_missing = Some(note.into());
        self
    }
}

/// What a detector read in one file.
#[derive(Default)]
pub(crate) struct Detected {
    pub(crate) found: Vec<Found>,
    pub(crate) includes: Vec<Include>,
    /// The packages the file defines (its own name): references to them are the project.
    pub(crate) defines: Vec<(Ecosystem, String)>,
    /// What the reader noted and went on past.
    pub(crate) notes: Notes,
}

/// What a reader noted in one file: the first [`MAX_NOTES_PER_FILE`](super::MAX_NOTES_PER_FILE),
/// and how many more there were (so that a file of millions of rejected lines costs memory for
/// a hundred notes, not for millions).
#[derive(Default)]
pub(crate) struct Notes {
    pub(crate) kept: Vec<Note>,
    pub(crate) more: usize,
    pub(crate) more_warnings: bool,
}

impl Notes {
    pub(crate) fn push(&mut self, note: Note) {
        if self.kept.len() < super::MAX_NOTES_PER_FILE {
            self.kept.push(note);
        } else {
            self.more += 1;
            self.more_warnings |= note.level == crate::Level::Warning;
        }
    }
}

impl From<Vec<Found>> for Detected {
    fn from(found: Vec<Found>) -> Detected {
        Detected {
            found,
            ..Detected::default()
        }
    }
}

/// One row of the table of formats detection reads: the files, and what is read in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFormat {
    /// The detector's name, which is also its fixtures folder (`tests/fixtures/detect/<name>/`).
    pub detector: &'static str,
    /// The files it reads, in Markdown (`` `pyproject.toml` ``).
    pub files: &'static str,
    /// What it reads in them, and which dependencies are direct.
    pub reads: &'static str,
}

/// A reader of one format.
pub(crate) trait Detector: Sync {
    /// Its name (`requirements`, `cargo-toml`, `sbom`).
    fn name(&self) -> &'static str;

    /// Its rows of the format table (one, or one per format it tells apart by content).
    fn formats(&self) -> &'static [FileFormat];

    /// The files it reads, short, for the "not a file kind" message.
    fn short(&self) -> &'static str;

    /// Whether it wants a path.
    fn wants(&self, path: &Path) -> Want;

    /// What the file declares and includes; `None` when the content says the file is not of
    /// this format (for a path wanted by [`Want::Content`]).
    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError>;

    /// The error for a file given by name whose content is not of this format.
    fn not_this_format(&self) -> &'static str {
        "not a file of this format"
    }
}

/// Every detector, in the order they are asked: the first that wants a path reads it.
pub(crate) static DETECTORS: &[&dyn Detector] = &[
    &super::workflow::Workflow,
    &super::workflow::CompositeAction,
    &super::workflow::GitlabCi,
    &super::workflow::Dockerfile,
    &super::conda::CondaEnvironment,
    &super::precommit::PreCommit,
    &super::python::Requirements,
    &super::python::Pyproject,
    &super::python::SetupCfg,
    &super::setup_py::SetupPy,
    &super::python::UvLock,
    &super::python::PoetryLock,
    &super::python::PdmLock,
    &super::python::Pipfile,
    &super::json::PipfileLock,
    &super::python::Pylock,
    &super::rust::CargoToml,
    &super::rust::CargoLock,
    &super::json::PackageJson,
    &super::json::Sbom,
    &super::xml::CycloneDxXml,
];

/// The detector of a path, and how it wants it.
pub(crate) fn select(path: &Path) -> Option<(&'static dyn Detector, Want)> {
    DETECTORS.iter().find_map(|d| match d.wants(path) {
        Want::No => None,
        want => Some((*d, want)),
    })
}

/// The lower-case file name of a path, if it has one.
pub(crate) fn lower_name(path: &Path) -> Option<String> {
    Some(path.file_name()?.to_str()?.to_ascii_lowercase())
}

/// The name of every detector, in the order they are asked: the values `scan_as` and the
/// command's `--as` take.
///
/// ```
/// use mlsecops_taxonomy::detect;
/// let names: Vec<&str> = detect::detectors().collect();
/// assert_eq!(names.first(), Some(&"workflow"));
/// assert!(names.contains(&"requirements") && names.contains(&"sbom"));
/// ```
pub fn detectors() -> impl ExactSizeIterator<Item = &'static str> + Clone {
    DETECTORS.iter().map(|d| d.name())
}

/// Every format detection reads, one row each, in the order of the detectors.
///
/// ```
/// use mlsecops_taxonomy::detect;
/// let rows: Vec<&str> = detect::formats().map(|f| f.detector).collect();
/// assert!(rows.contains(&"requirements") && rows.contains(&"cyclonedx"));
/// ```
pub fn formats() -> impl Iterator<Item = &'static FileFormat> {
    DETECTORS.iter().flat_map(|d| d.formats())
}

/// The name of the detector that reads a file at `path`, chosen by the file's name (`sbom` for
/// any `.json` file, whose content then decides), or `None` when no detector reads it.
///
/// ```
/// use mlsecops_taxonomy::detect;
/// assert_eq!(detect::detector_for("requirements/dev.txt"), Some("requirements"));
/// assert_eq!(detect::detector_for(".github/workflows/ci.yml"), Some("workflow"));
/// assert_eq!(detect::detector_for("notes.txt"), None);
/// ```
pub fn detector_for(path: impl AsRef<Path>) -> Option<&'static str> {
    select(path.as_ref()).map(|(d, _)| d.name())
}

/// The message for a file given by name that no detector wants.
pub(crate) fn not_a_file_kind() -> String {
    let kinds: Vec<&str> = DETECTORS.iter().map(|d| d.short()).collect();
    format!("not a file kind this command reads ({})", kinds.join(", "))
}
