//! Contribution rules and their findings: what `list::lint` reports (feature `markdown`), and
//! the lint report document (its schema is exported with feature `schema` alone).

use std::fmt;

use crate::taxonomy::text::named_enum;

named_enum! {
    /// A contribution rule that [`lint`](crate::list::lint) checks.
    ///
    /// ```
    /// use mlsecops_taxonomy::list::Rule;
    /// assert_eq!(Rule::Duplicate.to_string(), "duplicate");
    /// assert_eq!(Rule::ALL.len(), 8);
    /// ```
    #[non_exhaustive]
    pub enum Rule(
        "rule",
        "A contribution rule: duplicate, one-line, link, risk-code, category, order, empty, or format (the document itself)."
    ) {
        /// The same tool listed twice (names compared ignoring case, spaces, `-` and `_`). A tool
        /// may be listed, written identically, under each of its categories.
        Duplicate = "duplicate", "Duplicate";
        /// A description on one line.
        OneLine = "one-line", "One line";
        /// An `http://` or `https://` link.
        Link = "link", "Link";
        /// Known risk codes, written canonically (`R17-Security`), each once.
        RiskCode = "risk-code", "Risk code";
        /// Every tool under a known category (a section of the Awesome AI Security list).
        Category = "category", "Category";
        /// Alphabetical order within a section (bulleted layout; the table layout keeps the
        /// source's order).
        Order = "order", "Order";
        /// No empty entries: a name, a link, a description, and risk codes for a tool.
        Empty = "empty", "Empty";
        /// The document itself: JSON syntax, fields and types of a registry file.
        Format = "format", "Format";
    }
}

impl Rule {
    /// What the rule asks, in one or two sentences.
    ///
    /// ```
    /// use mlsecops_taxonomy::list::Rule;
    /// assert_eq!(Rule::OneLine.description(), "A description on one line.");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            Rule::Duplicate => {
                "The same tool listed twice (names compared ignoring case, spaces, `-` and `_`). \
                 A tool may be listed, written identically, under each of its categories."
            }
            Rule::OneLine => "A description on one line.",
            Rule::Link => "An `http://` or `https://` link.",
            Rule::RiskCode => "Known risk codes, written canonically (`R17-Security`), each once.",
            Rule::Category => {
                "Every tool under a known category (a section of the Awesome AI Security list)."
            }
            Rule::Order => {
                "Alphabetical order within a section (bulleted layout; the table layout keeps \
                 the source's order)."
            }
            Rule::Empty => {
                "No empty entries: a name, a link, a description, and risk codes for a tool."
            }
            Rule::Format => {
                "The document itself: JSON syntax, fields and types of a registry file."
            }
        }
    }
}

/// The rule a registry file's problem breaks.
#[cfg(feature = "json")]
pub(crate) fn rule_of(problem: &crate::Problem) -> Rule {
    use crate::{ProblemKind, ToolError};
    let field = problem.field().unwrap_or("");
    match problem.kind() {
        ProblemKind::DuplicateTool { .. } => Rule::Duplicate,
        ProblemKind::Risk(_) | ProblemKind::DuplicateRisk(_) => Rule::RiskCode,
        ProblemKind::NotCanonical { .. } if field == "risks" => Rule::RiskCode,
        _ if field == "categories" => Rule::Category,
        ProblemKind::Tool(ToolError::BadUrl(_)) => Rule::Link,
        ProblemKind::Tool(ToolError::MultiLine { .. }) => Rule::OneLine,
        ProblemKind::Tool(
            ToolError::EmptyName | ToolError::NoLetters(_) | ToolError::BlankDescription,
        ) => Rule::Empty,
        _ => Rule::Format,
    }
}

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
