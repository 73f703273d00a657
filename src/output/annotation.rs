//! GitHub Actions workflow annotations: `::error file=…,line=…,title=…::message` lines, which a
//! pull request shows on the line of its diff they name.

use core::fmt;

use crate::{Diagnostic, Level};

/// One workflow command that annotates a file, a line or the run, escaped as the workflow
/// command rules require (`%`, carriage return and line feed in the message; also `:` and `,`
/// in the properties).
///
/// ```
/// use mlsecops_taxonomy::{Annotation, Level};
/// let a = Annotation::new(Level::Error, "R11-Security: not covered, 100%\nadd a tool")
///     .at("mlsecops.toml", 3, Some(11))
///     .titled("MLSecOps: required risk not covered");
/// assert_eq!(a.to_string(), "::error file=mlsecops.toml,line=3,col=11,\
///     title=MLSecOps%3A required risk not covered::R11-Security: not covered, 100%25%0Aadd a tool");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    level: Level,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    title: Option<String>,
    message: String,
}

impl Annotation {
    /// An annotation of the run, with its message.
    pub fn new(level: Level, message: impl Into<String>) -> Annotation {
        Annotation {
            level,
            file: None,
            line: None,
            column: None,
            title: None,
            message: message.into(),
        }
    }

    /// Placed at a file's line (and column), from 1.
    #[must_use]
    pub fn at(mut self, file: impl Into<String>, line: usize, column: Option<usize>) -> Annotation {
        self.file = Some(file.into());
        self.line = Some(line);
        self.column = column;
        self
    }

    /// Placed on a file, without a line.
    #[must_use]
    pub fn on_file(mut self, file: impl Into<String>) -> Annotation {
        self.file = Some(file.into());
        self
    }

    /// With a title.
    #[must_use]
    pub fn titled(mut self, title: impl Into<String>) -> Annotation {
        self.title = Some(title.into());
        self
    }
}

/// A diagnostic as an annotation: its level (a note is a `notice`), its primary place, a title
/// from its code, and its message followed by its related places.
///
/// ```
/// use mlsecops_taxonomy::{Annotation, Diagnostic, Label, Level, Location};
/// let d = Diagnostic::new(Level::Error, "R11-Security", "required risk not covered")
///     .at(Label::new("mlsecops.toml").at(Location { line: 3, column: 11 }));
/// assert_eq!(Annotation::from(&d).to_string(), "::error file=mlsecops.toml,line=3,col=11,\
///     title=MLSecOps%3A required risk not covered::required risk not covered");
/// ```
impl From<&Diagnostic> for Annotation {
    fn from(d: &Diagnostic) -> Annotation {
        // A diagnostic is one line: repository text in it is escaped as in its text form.
        let mut message = crate::escape::text(d.message()).into_owned();
        for label in d.related_labels() {
            message.push_str(&format!(
                " ({}: {label})",
                crate::escape::text(label.message().unwrap_or("related"))
            ));
        }
        let code = d.code();
        let title = if d.risk().is_some() && d.acceptance().is_some() {
            "MLSecOps: required risk accepted".to_owned()
        } else if d.risk().is_some() {
            "MLSecOps: required risk not covered".to_owned()
        } else if let Some(rule) = code.strip_prefix("lint/") {
            format!("MLSecOps lint: {rule}")
        } else if code == "detect" {
            "MLSecOps: detection".to_owned()
        } else {
            "MLSecOps: policy".to_owned()
        };
        let a = Annotation::new(d.level(), message).titled(title);
        let file = |label: &crate::Label| crate::escape::text(label.file()).into_owned();
        match d.primary() {
            Some(label) => match label.location() {
                Some(at) => a.at(file(label), at.line, Some(at.column)),
                None => a.on_file(file(label)),
            },
            None => a,
        }
    }
}

/// The message's escapes: `%`, carriage return, line feed.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's escapes: those of the message, and `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl fmt::Display for Annotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
            _ => "notice",
        };
        write!(f, "::{level}")?;
        let mut properties = Vec::new();
        if let Some(file) = &self.file {
            properties.push(format!(
                "file={}",
                escape_property(&crate::escape::text(file))
            ));
        }
        if let Some(line) = self.line {
            properties.push(format!("line={line}"));
        }
        if let Some(column) = self.column {
            properties.push(format!("col={column}"));
        }
        if let Some(title) = &self.title {
            properties.push(format!(
                "title={}",
                escape_property(&crate::escape::text(title))
            ));
        }
        if !properties.is_empty() {
            write!(f, " {}", properties.join(","))?;
        }
        // ESC and the other controls but CR and LF (which the workflow command escapes carry)
        // never reach the log raw.
        let message: String = self
            .message
            .split('\n')
            .map(|l| {
                l.split('\r')
                    .map(crate::escape::text)
                    .collect::<Vec<_>>()
                    .join("\r")
            })
            .collect::<Vec<_>>()
            .join("\n");
        write!(f, "::{}", escape_data(&message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accepted_risk_is_titled_so() {
        let d = Diagnostic::new(Level::Note, "R12-Security", "accepted: R12-Security")
            .accepted("signed in our pipeline");
        assert_eq!(
            Annotation::from(&d).to_string(),
            "::notice title=MLSecOps%3A required risk accepted::accepted: R12-Security"
        );
        let open = Diagnostic::new(Level::Error, "R12-Security", "not covered");
        assert!(
            Annotation::from(&open)
                .to_string()
                .contains("title=MLSecOps%3A required risk not covered")
        );
    }

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        let a = Annotation::new(Level::Warning, "a%b\r\nc: d, e")
            .on_file("dir,x/a:b.json")
            .titled("t");
        assert_eq!(
            a.to_string(),
            "::warning file=dir%2Cx/a%3Ab.json,title=t::a%25b%0D%0Ac: d, e"
        );
        assert_eq!(
            Annotation::new(Level::Note, "done").to_string(),
            "::notice::done"
        );
    }
}
