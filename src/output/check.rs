//! The verdict document: what `mlsecops check --format json` prints (its schema,
//! `check.schema.json`, is part of feature `schema` alone), and its Markdown summary for a job's
//! step summary or a pull request's comment.

use std::fmt::Write as _;

use crate::taxonomy::risk_set::RiskSet;

/// A policy's verdict as a document: whether the gate passed, the required risks covered,
/// accepted and open, the tools, and every finding with its place.
///
/// With feature `build`, [`Verdict::report`](crate::policy::Verdict::report) makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(
        deny_unknown_fields,
        description = "The verdict on a project's coverage policy: passed or not, the required risks covered, accepted and open, the tools, and every finding with its place."
    )
)]
pub struct CheckReport {
    /// The version of the taxonomy data.
    pub data_version: String,
    /// The policy's file, relative to the repository's root.
    pub policy: String,
    /// Whether the gate passed.
    pub passed: bool,
    /// Whether the policy itself could not be checked (then nothing else is known).
    pub configuration_error: bool,
    /// The risks the policy requires covered.
    pub required: RiskSet,
    /// Required risks the tools cover.
    pub covered: RiskSet,
    /// Required risks left open that a person accepted.
    pub accepted: RiskSet,
    /// Required risks left open and not accepted.
    pub open: RiskSet,
    /// The tools the policy names or the project's files show, in registry order.
    pub tools: Vec<String>,
    /// Why each tool counts: where the policy names it, or the dependency that shows it, in
    /// the order of `tools`.
    pub evidence: Vec<CheckEvidence>,
    /// The bases of tools' mappings the policy counts (its `basis`; all four by default).
    pub bases: Vec<crate::Basis>,
    /// Each covered required risk with each tool covering it and the evidence of that mapping,
    /// in risk order, then tool order.
    pub covered_by: Vec<CheckCoverage>,
    /// Every finding, in the order of the verdict.
    pub findings: Vec<CheckFinding>,
}

/// Where a tool of a verdict comes from: the policy's `tools` entry, or a dependency detection
/// found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct CheckEvidence {
    /// The tool's name, as in `tools`.
    pub tool: String,
    /// The file, relative to the repository's root.
    pub file: String,
    /// The line, from 1.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub line: usize,
    /// What is there: `named in the policy`, or the package (`pkg:pypi/garak`) and whether the
    /// project declares it (`direct`) or pulls it in (`transitive`).
    pub what: String,
}

/// A covered required risk, one tool covering it, and on what evidence: the source's row, the
/// tool's own words (stated), this crate's reading of them (judged), or the user's word.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct CheckCoverage {
    /// The risk's code.
    pub risk: String,
    /// The tool's name, as in `tools`.
    pub tool: String,
    /// The strongest basis of the mapping that counts: `source`, `stated`, `judged` or `user`.
    pub basis: crate::Basis,
    /// The words quoted: the source row's description or the tool's own; none for the user's
    /// word.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    pub quote: Option<String>,
    /// Where the quote is: `OWNER/NAME@COMMIT7:PATH:LINE`.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    pub source: Option<String>,
    /// A link to the quoted line at the commit read.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    pub url: Option<String>,
    /// Why the quote means the risk (for a judged mapping, the reading), or the amendment's
    /// note.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    pub rationale: Option<String>,
}

impl CheckCoverage {
    /// The tool and where its evidence is, short, for a line of a terminal: `Garak (the
    /// source's table, line 32)`, `Trivy (stated: aquasecurity/trivy@dc3c56e:docs/x.md:7)`,
    /// `Ours (user)`. `mlsecops show TOOL` prints the quotes.
    pub fn short(&self) -> String {
        match (self.basis, &self.source) {
            (crate::Basis::Source, Some(source)) => {
                let line = source.rsplit(':').next().unwrap_or_default();
                format!("{} (the source's table, line {line})", self.tool)
            }
            (basis, Some(source)) => format!("{} ({basis}: {source})", self.tool),
            (basis, None) => format!("{} ({basis})", self.tool),
        }
    }

    /// One line for a terminal or a log: `Trivy (stated: "…" at aquasecurity/trivy@dc3c56e:docs/x.md:7)`.
    pub fn summary(&self) -> String {
        match (&self.quote, &self.source) {
            (Some(quote), Some(source)) => {
                format!("{} ({}: {quote:?} at {source})", self.tool, self.basis)
            }
            _ => match &self.rationale {
                Some(note) => format!("{} ({}: {note})", self.tool, self.basis),
                None => format!("{} ({})", self.tool, self.basis),
            },
        }
    }
}

/// One finding of a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct CheckFinding {
    /// `error`, `warning` or `note`.
    pub level: String,
    /// A risk code, `policy`, `detect` or `lint/<rule>`.
    pub code: String,
    /// What was found.
    pub message: String,
    /// The file, relative to the repository's root.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    pub file: Option<String>,
    /// The line, from 1.
    #[cfg_attr(feature = "schema", schemars(required, range(min = 1), extend("type" = ["integer", "null"])))]
    pub line: Option<usize>,
    /// The column, from 1, in characters.
    #[cfg_attr(feature = "schema", schemars(required, range(min = 1), extend("type" = ["integer", "null"])))]
    pub column: Option<usize>,
    /// Why a person accepted it, for an accepted risk.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    pub accepted: Option<String>,
}

impl CheckReport {
    /// The document as JSON: fields in the order of the schema, two-space indentation, final
    /// newline.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        crate::output::document::text(self)
    }

    /// A Markdown summary for `$GITHUB_STEP_SUMMARY` or a pull request's comment: the verdict,
    /// each required risk open, accepted or covered, the tools, and the other findings.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Basis, CheckReport, RiskSet};
    /// let report = CheckReport {
    ///     data_version: "0.1.0".into(),
    ///     policy: "mlsecops.toml".into(),
    ///     passed: true,
    ///     configuration_error: false,
    ///     required: "R17-Security".parse()?,
    ///     covered: "R17-Security".parse()?,
    ///     accepted: RiskSet::EMPTY,
    ///     open: RiskSet::EMPTY,
    ///     tools: vec!["Garak".into()],
    ///     evidence: Vec::new(),
    ///     bases: Basis::ALL.to_vec(),
    ///     covered_by: Vec::new(),
    ///     findings: Vec::new(),
    /// };
    /// assert!(report.to_markdown().starts_with("## MLSecOps check: passed\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let verdict = if self.configuration_error {
            "the policy cannot be checked"
        } else if self.passed {
            "passed"
        } else {
            "FAILED"
        };
        let _ = writeln!(out, "## MLSecOps check: {verdict}\n");
        // Repository text (file names, messages quoting a manifest, acceptances' reasons) is
        // inert: escaped for Markdown and HTML, file names in code spans.
        let cell = |s: &str| crate::escape::markdown(s);
        let code = |s: &str| crate::escape::markdown_code(s);
        if self.configuration_error {
            let _ = writeln!(out, "{} cannot be checked:\n", code(&self.policy));
            for f in &self.findings {
                let _ = writeln!(out, "- {}{}", place(f), cell(&f.message));
            }
            return out;
        }
        let _ = writeln!(
            out,
            "{}: {}, {} covered, {} accepted, {} open.\n",
            code(&self.policy),
            crate::diag::count(self.required.len(), "required risk", "required risks"),
            self.covered.len(),
            self.accepted.len(),
            self.open.len()
        );
        if self.bases.len() < crate::Basis::ALL.len() {
            let bases: Vec<&str> = self.bases.iter().map(|b| b.as_str()).collect();
            let _ = writeln!(
                out,
                "Mappings counted: {} (the policy's `basis`).\n",
                bases.join(", ")
            );
        }
        if !self.required.is_empty() {
            out.push_str("| risk | status | detail |\n|---|---|---|\n");
            for risk in self.required {
                let finding = self.findings.iter().find(|f| f.code == risk.code());
                let (status, detail) = if self.open.contains(risk) {
                    (
                        "open",
                        finding.map(|f| format!("{}{}", place(f), cell(&f.message))),
                    )
                } else if self.accepted.contains(risk) {
                    (
                        "accepted",
                        finding.map(|f| format!("{}{}", place(f), cell(&f.message))),
                    )
                } else {
                    let by: Vec<String> = self
                        .covered_by
                        .iter()
                        .filter(|c| c.risk == risk.code())
                        .map(coverage_cell)
                        .collect();
                    ("covered", (!by.is_empty()).then(|| by.join("<br>")))
                };
                let _ = writeln!(
                    out,
                    "| {} {} | {status} | {} |",
                    risk.code(),
                    cell(risk.name()),
                    detail.unwrap_or_default()
                );
            }
            out.push('\n');
        }
        if self.tools.is_empty() {
            out.push_str("Tools: none.\n");
        } else {
            let _ = writeln!(out, "Tools ({}), and what shows each:\n", self.tools.len());
            out.push_str("| tool | evidence |\n|---|---|\n");
            for tool in &self.tools {
                // The first places, then how many more: a summary stays short.
                let all: Vec<&CheckEvidence> =
                    self.evidence.iter().filter(|e| &e.tool == tool).collect();
                let mut places: Vec<String> = all
                    .iter()
                    .take(3)
                    .map(|e| {
                        format!(
                            "{} {}",
                            code(&format!("{}:{}", e.file, e.line)),
                            cell(&e.what)
                        )
                    })
                    .collect();
                if all.len() > 3 {
                    places.push(format!("and {} more", all.len() - 3));
                }
                let _ = writeln!(out, "| {} | {} |", cell(tool), places.join("<br>"));
            }
        }
        let others: Vec<&CheckFinding> = self
            .findings
            .iter()
            .filter(|f| f.code.parse::<crate::Risk>().is_err())
            .collect();
        if !others.is_empty() {
            out.push('\n');
            for f in others {
                let _ = writeln!(
                    out,
                    "- {}: {}{}",
                    cell(&f.level),
                    place(f),
                    cell(&f.message)
                );
            }
        }
        out
    }
}

/// A covered risk's tool and evidence in a table cell: `Trivy, stated: “quote” ([source](url))`,
/// every part escaped.
fn coverage_cell(c: &CheckCoverage) -> String {
    let cell = crate::escape::markdown;
    let mut out = format!("{}, {}", cell(&c.tool), c.basis);
    if let Some(quote) = &c.quote {
        let _ = write!(out, ": “{}”", cell(quote));
    }
    match (&c.source, &c.url) {
        // A link only for the built-in evidence: a registry file's text links nowhere.
        (Some(source), Some(url))
            if c.basis != crate::Basis::User && url.starts_with("https://github.com/") =>
        {
            let _ = write!(
                out,
                " ([{}]({}))",
                cell(source),
                url.replace(['(', ')', ' '], "")
            );
        }
        (Some(source), _) => {
            let _ = write!(out, " ({})", cell(source));
        }
        _ => {}
    }
    out
}

/// `` `file:line:column` ``, then a space, when the finding has a place.
fn place(f: &CheckFinding) -> String {
    match (&f.file, f.line, f.column) {
        (Some(file), Some(line), Some(column)) => format!(
            "{} ",
            crate::escape::markdown_code(&format!("{file}:{line}:{column}"))
        ),
        (Some(file), _, _) => format!("{} ", crate::escape::markdown_code(file)),
        _ => String::new(),
    }
}
