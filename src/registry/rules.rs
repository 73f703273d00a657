//! The contribution rules: what a tool entry of a registry file or an awesome list must be.
//! [`list::lint`](crate::list) checks them in lists, registry validation in registry files.

use crate::taxonomy::text::named_enum;

named_enum! {
    /// A contribution rule that `list::lint` and registry validation check.
    ///
    /// ```
    /// # #[cfg(feature = "markdown")] {
    /// use mlsecops_taxonomy::list::Rule;
    /// assert_eq!(Rule::Duplicate.to_string(), "duplicate");
    /// assert_eq!(Rule::ALL.len(), 8);
    /// # }
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
    /// # #[cfg(feature = "markdown")] {
    /// use mlsecops_taxonomy::list::Rule;
    /// assert_eq!(Rule::OneLine.description(), "A description on one line.");
    /// # }
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
        ProblemKind::DuplicateTool { .. } | ProblemKind::ExistingTool { .. } => Rule::Duplicate,
        ProblemKind::Risk(_) | ProblemKind::DuplicateRisk(_) => Rule::RiskCode,
        ProblemKind::NotCanonical { .. } if field == "risks" => Rule::RiskCode,
        _ if field == "categories" => Rule::Category,
        ProblemKind::Tool(ToolError::BadUrl(_)) => Rule::Link,
        ProblemKind::Tool(ToolError::MultiLine { .. }) => Rule::OneLine,
        ProblemKind::Tool(
            ToolError::EmptyName
            | ToolError::NoLetters(_)
            | ToolError::BlankDescription
            | ToolError::BlankNote,
        ) => Rule::Empty,
        _ => Rule::Format,
    }
}

impl Rule {
    /// The rule's diagnostic code: `lint/duplicate`.
    ///
    /// ```
    /// # #[cfg(feature = "markdown")] {
    /// use mlsecops_taxonomy::list::Rule;
    /// assert_eq!(Rule::OneLine.code(), "lint/one-line");
    /// # }
    /// ```
    pub fn code(self) -> String {
        format!("lint/{}", self.as_str())
    }
}

#[cfg(feature = "json")]
impl crate::Problem {
    /// The problem as a diagnostic of `file`: at its line and column, under the contribution
    /// rule it breaks (`lint/format` for the document's syntax, fields and types).
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let err = Registry::from_json(r#"{"tools": [{"name": "A", "risks": ["R1-Secrity"]}]}"#)
    ///     .unwrap_err();
    /// let d = err.problems()[0].diagnostic("tools.json");
    /// assert_eq!(d.code(), "lint/risk-code");
    /// assert!(d.to_string().starts_with("tools.json:1:36: error: tool 0 (\"A\"), field \"risks\""));
    /// ```
    pub fn diagnostic(&self, file: &str) -> crate::Diagnostic {
        let subject = [
            self.tool_name().unwrap_or("").to_owned(),
            self.field().unwrap_or("").to_owned(),
            self.kind()
                .to_string()
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect(),
        ];
        crate::Diagnostic::new(crate::Level::Error, rule_of(self).code(), self.to_string())
            .at(crate::Label::new(file).at_opt(self.location()))
            .about(subject)
    }
}
