//! The findings of the contribution rules: what `list::lint` reports (feature `markdown`), and
//! the lint report document (its schema is exported with feature `schema` alone).

use std::fmt;

pub use crate::registry::rules::Rule;

/// One breach of a rule: where (line and column, from 1), which tool, which rule, and what.
///
/// ```
/// use mlsecops_taxonomy::list::{self, Rule};
/// let text = std::fs::read_to_string("tests/data/awesome-mlsecops.md")?;
/// let findings = list::lint(&text);
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].rule, Rule::Duplicate);
/// assert_eq!(findings[0].tool.as_deref(), Some("AIShield Watchtower"));
/// assert_eq!(findings[0].line, 54);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(
        deny_unknown_fields,
        description = "One breach of a rule: where, which tool, which rule, and what."
    )
)]
pub struct Finding {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub column: usize,
    /// The tool the finding is about, when it has a name.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    pub tool: Option<String>,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {} column {}: {}: ",
            self.line, self.column, self.rule
        )?;
        if let Some(tool) = &self.tool {
            write!(f, "{tool:?}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// The findings of a file: what `mlsecops lint --format json` prints.
///
/// ```
/// use mlsecops_taxonomy::list::{self, LintReport};
/// let report = LintReport::new("empty.md", list::lint(""));
/// assert!(!report.is_clean());
/// let doc: serde_json::Value = serde_json::from_str(&report.to_json())?;
/// assert_eq!(doc["file"], "empty.md");
/// assert_eq!(doc["findings"][0]["rule"], "empty");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(
        rename = "LintReport",
        deny_unknown_fields,
        description = "The findings of the contribution rules in one file."
    )
)]
pub struct LintReport {
    /// The file, as it was named.
    file: String,
    /// Each finding, in the order of the file.
    findings: Vec<Finding>,
}

impl LintReport {
    /// The findings of `file`.
    pub fn new(file: impl Into<String>, findings: Vec<Finding>) -> LintReport {
        LintReport {
            file: file.into(),
            findings,
        }
    }

    /// The file, as it was named.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Each finding, in the order of the file.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Each finding as a diagnostic of the file (code `lint/<rule>`, message
    /// `[rule] "tool": what`), in the order of the file.
    pub fn diagnostics(&self) -> Vec<crate::Diagnostic> {
        self.findings
            .iter()
            .map(|f| {
                let location = crate::Location {
                    line: f.line,
                    column: f.column,
                };
                let subject: String = f.message.chars().filter(|c| !c.is_ascii_digit()).collect();
                let tool = f
                    .tool
                    .as_deref()
                    .map(|t| format!(" {t:?}:"))
                    .unwrap_or_default();
                let message = format!("[{}]{tool} {}", f.rule, f.message);
                crate::Diagnostic::new(crate::Level::Error, f.rule.code(), message)
                    .at(crate::Label::new(self.file.clone()).at(location))
                    .about([f.tool.clone().unwrap_or_default(), subject])
            })
            .collect()
    }

    /// Whether there is no finding.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    /// The report as a JSON document: `{"file", "findings"}`, two-space indentation, final
    /// newline.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        crate::output::document::text(self)
    }
}
