//! One model for everything the crate reports: a [`Diagnostic`] has a [`Level`], a code (the
//! risk code, `policy`, `lint/<rule>`, `detect`), a message, the place it is about
//! (a [`Label`]: a file, and a line and column when there is one), related places in other
//! files, and help. Registry validation, the contribution rules, a policy's configuration, the
//! detection of a project's tools and the verdict on its coverage all produce diagnostics; the
//! text form, GitHub annotations, SARIF and JSON are renderings of them.

#[cfg(feature = "json")]
pub(crate) mod json;
pub(crate) mod lines;
pub(crate) mod root;

use std::borrow::Cow;
use std::fmt;

use crate::taxonomy::risk::Risk;
pub use lines::Location;
pub use root::{Refused, Root, read_regular};

/// `1 risk`, `2 risks`, `0 risks`: a count with its noun, singular for one. Every sentence
/// the crate builds around a number goes through it.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum Level {
    /// It fails the gate (or the input is bad).
    Error,
    /// It is reported; by itself it fails nothing.
    Warning,
    /// For information.
    Note,
}

impl Level {
    /// `error`, `warning` or `note`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place a diagnostic points at: a file (as given, `/`-separated when relative), a line and
/// column when there is one, and what the place is, for a related place.
///
/// ```
/// use mlsecops_taxonomy::{Label, Location};
/// let l = Label::new("pyproject.toml").at(Location { line: 3, column: 1 });
/// assert_eq!(l.to_string(), "pyproject.toml:3:1");
/// assert_eq!(Label::new("bom.json").to_string(), "bom.json");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Label {
    file: String,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    location: Option<Location>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    message: Option<String>,
}

impl Label {
    /// A whole file.
    pub fn new(file: impl Into<String>) -> Label {
        Label {
            file: file.into(),
            location: None,
            message: None,
        }
    }

    /// A file's path as a label: as given, with `/` between its parts and no leading `./`.
    pub fn of_path(path: &std::path::Path) -> Label {
        let shown = path.display().to_string().replace('\\', "/");
        Label::new(
            shown
                .strip_prefix("./")
                .map_or(shown.clone(), str::to_owned),
        )
    }

    /// The label in another file name (the same place, as the repository names the file).
    #[must_use]
    #[cfg_attr(not(feature = "build"), allow(dead_code))]
    pub(crate) fn renamed(mut self, file: String) -> Label {
        self.file = file;
        self
    }

    /// At a line and column.
    #[must_use]
    pub fn at(mut self, location: Location) -> Label {
        self.location = Some(location);
        self
    }

    /// At a line and column when there is one.
    #[must_use]
    pub fn at_opt(mut self, location: Option<Location>) -> Label {
        self.location = location;
        self
    }

    /// With what the place is ("named here").
    #[must_use]
    pub fn saying(mut self, message: impl Into<String>) -> Label {
        self.message = Some(message.into());
        self
    }

    /// The file.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Line and column, when the place has them.
    pub fn location(&self) -> Option<Location> {
        self.location
    }

    /// The line, from 1.
    pub fn line(&self) -> Option<usize> {
        self.location.map(|l| l.line)
    }

    /// What the place is, for a related place.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

/// `file:line:column`, or `file` without a position; the file as [`escape::path`](crate::escape::path)
/// shows it (control characters escaped, never the start of a workflow command).
impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(Location { line, column }) => {
                write!(f, "{}:{line}:{column}", crate::escape::path(&self.file))
            }
            None => f.write_str(&crate::escape::path(&self.file)),
        }
    }
}

/// One finding of any of the crate's checks: registry validation, the contribution rules, a
/// policy's configuration, detection and the verdict on coverage. The text form, GitHub
/// annotations, SARIF and JSON are renderings of it.
///
/// ```
/// use mlsecops_taxonomy::{Diagnostic, Label, Level, Location};
///
/// let d = Diagnostic::new(Level::Error, "R11-Security", "required risk not covered")
///     .at(Label::new("mlsecops.toml").at(Location { line: 2, column: 11 }))
///     .with_help("add a tool that covers it, or accept the risk");
/// assert_eq!(d.to_string(), "mlsecops.toml:2:11: error: required risk not covered");
/// assert_eq!(d.risk().map(|r| r.code()), Some("R11-Security"));
/// assert_eq!(d.help(), Some("add a tool that covers it, or accept the risk"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Diagnostic {
    level: Level,
    code: Cow<'static, str>,
    message: String,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    primary: Option<Label>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    related: Vec<Label>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    help: Option<String>,
    /// What the diagnostic is about, never its line: the parts of its SARIF fingerprint.
    #[cfg_attr(feature = "serde", serde(skip))]
    subject: Vec<String>,
    /// Why a person accepted what it reports (a required risk left open), when one did.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    accepted: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of the run, without a place.
    pub fn new(
        level: Level,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            level,
            code: code.into(),
            message: message.into(),
            primary: None,
            related: Vec::new(),
            help: None,
            subject: Vec::new(),
            accepted: None,
        }
    }

    /// At a place.
    #[must_use]
    pub fn at(mut self, label: Label) -> Diagnostic {
        self.primary = Some(label);
        self
    }

    /// With a related place, usually in another file (the policy key that named a registry
    /// file, say).
    #[must_use]
    pub fn related(mut self, label: Label) -> Diagnostic {
        self.related.push(label);
        self
    }

    /// With help: what to do about it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// With what it is about, for fingerprints that survive moved lines.
    #[must_use]
    pub(crate) fn about<S: Into<String>>(mut self, parts: impl IntoIterator<Item = S>) -> Self {
        self.subject = parts.into_iter().map(Into::into).collect();
        self
    }

    /// Accepted by a person, for `reason`: shown in every output (SARIF: a suppression).
    #[must_use]
    pub fn accepted(mut self, reason: impl Into<String>) -> Diagnostic {
        self.accepted = Some(reason.into());
        self
    }

    /// Why a person accepted what it reports, when one did.
    pub fn acceptance(&self) -> Option<&str> {
        self.accepted.as_deref()
    }

    /// Every label's file named again by `name` (paths relative to a repository's root).
    #[must_use]
    #[cfg_attr(not(feature = "build"), allow(dead_code))]
    pub(crate) fn renamed(mut self, name: impl Fn(&str) -> String) -> Diagnostic {
        self.primary = self.primary.map(|l| {
            let file = name(&l.file);
            l.renamed(file)
        });
        self.related = self
            .related
            .into_iter()
            .map(|l| {
                let file = name(&l.file);
                l.renamed(file)
            })
            .collect();
        self
    }

    /// With another level.
    #[must_use]
    pub fn with_level(mut self, level: Level) -> Diagnostic {
        self.level = level;
        self
    }

    /// Error, warning or note.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The code: a risk code, `policy`, `lint/<rule>`, `registry` or `detect`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The risk the diagnostic is about, when its code is a risk code.
    pub fn risk(&self) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.code() == self.code)
    }

    /// What was found.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The place it is about.
    pub fn primary(&self) -> Option<&Label> {
        self.primary.as_ref()
    }

    /// The primary place's file.
    pub fn file(&self) -> Option<&str> {
        self.primary.as_ref().map(Label::file)
    }

    /// The primary place's line, from 1.
    pub fn line(&self) -> Option<usize> {
        self.primary.as_ref().and_then(Label::line)
    }

    /// The primary place's column, from 1.
    pub fn column(&self) -> Option<usize> {
        self.location().map(|l| l.column)
    }

    /// The primary place's line and column.
    pub fn location(&self) -> Option<Location> {
        self.primary.as_ref().and_then(Label::location)
    }

    /// Related places.
    pub fn related_labels(&self) -> &[Label] {
        &self.related
    }

    /// What to do about it.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    #[cfg_attr(not(feature = "sarif"), allow(dead_code))]
    pub(crate) fn subject(&self) -> &[String] {
        &self.subject
    }

    /// The text form and every related place on a line of its own, indented:
    /// `registry.json:3:7: error: …` then `  mlsecops.toml:4:12: named here`.
    pub fn to_text(&self) -> String {
        let mut out = self.to_string();
        for label in &self.related {
            out.push_str("\n  ");
            out.push_str(&label.to_string());
            if let Some(m) = &label.message {
                out.push_str(": ");
                out.push_str(&crate::escape::text(m));
            }
        }
        if let Some(help) = &self.help {
            out.push_str("\n  help: ");
            out.push_str(&crate::escape::text(help));
        }
        out
    }
}

/// `file:line:column: level: message` (the one text form of every diagnostic), or
/// `level: message` without a place. Repository text in it is escaped
/// ([`escape::text`](crate::escape::text)): the text form is always one line, safe for a
/// terminal and a CI log.
///
/// ```
/// use mlsecops_taxonomy::{Diagnostic, Label, Level};
/// let d = Diagnostic::new(Level::Warning, "detect", "bad line \"x\n::add-mask::y\"")
///     .at(Label::new("::error::requirements.txt"));
/// assert_eq!(d.to_string(),
///     "./::error::requirements.txt: warning: bad line \"x\\n::add-mask::y\"");
/// ```
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(label) = &self.primary {
            write!(f, "{label}: ")?;
        }
        write!(f, "{}: {}", self.level, crate::escape::text(&self.message))
    }
}

#[cfg(test)]
mod count_tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "tool", "tools"), "1 tool");
        assert_eq!(count(0, "tool", "tools"), "0 tools");
        assert_eq!(
            count(2, "required risk", "required risks"),
            "2 required risks"
        );
    }
}
