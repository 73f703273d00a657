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
                let subject = without_places(&f.message);
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

/// A finding's message without the places it names (`line 30`, `column 5`, `lines 3 and 9`):
/// what its SARIF fingerprint hashes, so that a finding keeps its fingerprint when lines move,
/// while other numbers (`R1-Security` and `R11-Security`) still tell findings apart.
fn without_places(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = ["line ", "lines ", "column "]
        .iter()
        .filter_map(|w| rest.find(w).map(|i| i + w.len()))
        .min()
    {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        // The number (and more numbers joined by " and " or ", "), then on.
        loop {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                break;
            }
            out.push('#');
            rest = &rest[digits..];
            match [" and ", ", "].iter().find(|j| {
                rest.strip_prefix(**j)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            }) {
                Some(j) => {
                    out.push_str(j);
                    rest = &rest[j.len()..];
                }
                None => break,
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::without_places;

    #[test]
    fn places_are_left_out_and_risk_numbers_kept() {
        assert_eq!(
            without_places("merged into the entry of line 30, adding R17-Security"),
            "merged into the entry of line #, adding R17-Security"
        );
        assert_eq!(
            without_places("lines 3 and 9, column 12"),
            "lines # and #, column #"
        );
        // R1 and R11 were one fingerprint when every digit was dropped.
        assert_ne!(
            without_places("\"R1-Security\" is listed twice"),
            without_places("\"R11-Security\" is listed twice")
        );
    }
}
