//! The source lists as documents (feature `markdown`): read a Markdown awesome list into a
//! [`Registry`], write a registry back as one, and check a list or a registry file against the
//! contribution rules a program can check.
//!
//! Two layouts are read, and told apart by their content:
//! - [`Layout::Table`], the Awesome-MLSecOps layout: a table `| [Name](url) | description | codes |`
//!   whose header has a `Risk` column, and a two-column `Industry` table of vendors;
//! - [`Layout::Awesome`], the Awesome AI Security layout that [`render`] writes: one `##` section
//!   per [`Category`] (and `## Industry` for vendors), one line per tool
//!   `- [Name](url) - description` followed by its risk codes as code spans.
//!
//! Markdown is parsed with `pulldown-cmark` (CommonMark with tables), so escapes, entities and
//! link forms are read as a Markdown renderer reads them.
//!
//! ```
//! use mlsecops_taxonomy::{Registry, list};
//!
//! let markdown = list::render(Registry::source(), list::DEFAULT_TITLE);
//! assert!(markdown.contains("- [Garak](https://github.com/leondz/garak) - LLM vulnerability"));
//! assert!(list::lint(&markdown).is_empty());
//!
//! let imported = list::import(&markdown)?;
//! assert_eq!(imported.layout, list::Layout::Awesome);
//! assert_eq!(imported.registry.len(), Registry::source().len());
//! # Ok::<(), list::ListError>(())
//! ```

mod lint;
mod parse;
mod render;

use std::fmt;

use crate::taxonomy::text::named_enum;

use crate::registry::Registry;
use crate::registry::tool::{
    Category, Provenance, Tool, ToolKind, check_description, check_name, check_url,
};

pub use crate::output::lint_report::{Finding, LintReport, Rule};
pub use lint::{DocumentKind, lint, lint_as};
pub use render::{DEFAULT_TITLE, render};

named_enum! {
    /// The layout of a Markdown list.
    ///
    /// ```
    /// use mlsecops_taxonomy::list::{self, Layout};
    /// let table = "| Tool | Description | Risk |\n|---|---|---|\n| [Garak](https://garak.ai) | Scanner | R17-Security |\n";
    /// assert_eq!(list::import(table)?.layout, Layout::Table);
    /// # Ok::<(), list::ListError>(())
    /// ```
    pub enum Layout("layout", "The layout of a Markdown list.") {
        /// Tables, as in the Awesome-MLSecOps list.
        Table = "table", "Table";
        /// Bulleted sections, as in the Awesome AI Security list and the output of [`render`].
        Awesome = "awesome", "Awesome";
    }
}

/// Why a Markdown list could not be imported: every entry that cannot become a tool.
///
/// ```
/// use mlsecops_taxonomy::list;
/// let table = "| Tool | Description | Risk |\n|---|---|---|\n| [Scanner](ftp://scanner) | Scans | R24-Security |\n";
/// let err = list::import(table).unwrap_err();
/// assert_eq!(err.to_string(), "2 problems in the list:\n  \
///     line 3 column 1: link: \"Scanner\": the URL \"ftp://scanner\" is not an http:// or https:// URL\n  \
///     line 3 column 1: risk-code: \"Scanner\": \"R24-Security\": Security risks are R1 to R23");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ListError {
    findings: Vec<Finding>,
}

impl ListError {
    /// Every problem, in document order (at least one).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.findings.as_slice() {
            [] => f.write_str("the list has no tools"),
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems in the list:", many.len())?;
                for finding in many {
                    write!(f, "\n  {finding}")?;
                }
                Ok(())
            }
        }
    }
}

/// A registry read from a Markdown list.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The tools, in the order of their first entry. Facts and categories have
    /// [`Provenance::User`]: they come from the document given.
    pub registry: Registry,
    /// The layout the document was read as.
    pub layout: Layout,
    /// Entries merged into an earlier entry of the same tool (the second listing of a tool
    /// adds its risk codes and categories; its link and description, when they differ, are
    /// not kept, and the finding says so).
    pub merged: Vec<Finding>,
}

/// Reads a Markdown list (either [`Layout`]) into a registry: one tool per entry, vendors as
/// [`ToolKind::Vendor`]; in the bulleted layout a tool's categories are the sections it is
/// listed under. Entries of the same tool (same name, ignoring case, spaces, `-` and `_`) are
/// merged and reported in [`Imported::merged`].
///
/// On the Awesome-MLSecOps list this gives the tools of [`Registry::builtin`] (whose
/// categories are curated, not in the list).
///
/// ```
/// use mlsecops_taxonomy::{Registry, list};
/// let text = std::fs::read_to_string("tests/data/awesome-mlsecops.md")?;
/// let imported = list::import(&text)?;
/// assert_eq!(imported.registry.len(), 41);
/// assert_eq!(imported.registry.get("AIShield Watchtower")?.risks().to_string(),
///     "R16-Security, R17-Security");
/// assert_eq!(imported.merged.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`ListError`] with every entry that cannot become a tool, each with its line: an empty name,
/// a link that is not http(s), a description on several lines or missing, an unknown or
/// repeated risk code; or no entries at all; or a document over [`MAX_INPUT_BYTES`].
pub fn import(markdown: &str) -> Result<Imported, ListError> {
    if let Some(finding) = too_large(markdown) {
        return Err(ListError {
            findings: vec![finding],
        });
    }
    let document = parse::parse(markdown);
    let mut findings = Vec::new();
    let mut registry = Registry::new();
    let mut merged = Vec::new();
    for entry in &document.entries {
        let Some(tool) = entry_tool(entry, &mut findings) else {
            continue;
        };
        match registry.position(tool.name()) {
            Some(index) => {
                let earlier = registry.at(index).clone();
                let mut note = Vec::new();
                if earlier.url() != tool.url() {
                    note.push(format!("its link {:?}", tool.url().unwrap_or_default()));
                }
                if earlier.description() != tool.description() {
                    note.push(format!(
                        "its description {:?}",
                        tool.description().unwrap_or_default()
                    ));
                }
                let added = tool.risks() - earlier.risks();
                let mut categories = earlier.categories().to_vec();
                for &c in tool.categories() {
                    if !categories.contains(&c) {
                        categories.push(c);
                    }
                }
                let message = if note.is_empty() {
                    format!(
                        "merged into the entry of line {}{}",
                        document.first_line(&earlier),
                        adds(added)
                    )
                } else {
                    format!(
                        "merged into the entry of line {}{}; not kept: {}",
                        document.first_line(&earlier),
                        adds(added),
                        note.join(", ")
                    )
                };
                if !added.is_empty() || !note.is_empty() {
                    merged.push(entry.finding(Rule::Duplicate, message));
                }
                let mut combined = earlier;
                combined.risks |= tool.risks();
                combined.categories = std::borrow::Cow::Owned(categories);
                // Same id as the tool it replaces, so replacing cannot clash.
                let _ = registry.replace(combined);
            }
            None => {
                // Names are checked above, so the only clash left is by id, as for two names
                // that differ but make the same id; those stay two findings.
                if let Err(e) = registry.insert(tool) {
                    findings.push(entry.finding(Rule::Duplicate, e.to_string()));
                }
            }
        }
    }
    if findings.is_empty() && !registry.is_empty() {
        Ok(Imported {
            registry,
            layout: document.layout,
            merged,
        })
    } else {
        Err(ListError { findings })
    }
}

fn adds(added: crate::RiskSet) -> String {
    if added.is_empty() {
        String::new()
    } else {
        format!(", adding {added}")
    }
}

/// The tool an entry describes, or its problems as findings.
fn entry_tool(entry: &parse::Entry, findings: &mut Vec<Finding>) -> Option<Tool> {
    let before = findings.len();
    for (rule, message) in entry.problems() {
        findings.push(entry.finding(rule, message));
    }
    if findings.len() > before {
        return None;
    }
    let tool = Tool::new(entry.name.clone(), entry.risks())
        .and_then(|t| t.with_url(entry.url.clone()))
        .and_then(|t| t.with_description(entry.description.clone()));
    match tool {
        Ok(mut tool) => {
            tool.categories = std::borrow::Cow::Owned(entry.category.into_iter().collect());
            Some(
                tool.with_kind(entry.kind)
                    .with_provenance(Provenance::User, Provenance::User),
            )
        }
        Err(e) => {
            findings.push(entry.finding(Rule::Empty, e.to_string()));
            None
        }
    }
}

/// The checks one entry must pass to become a tool: the tool rules of registry files.
fn field_problems(name: &str, url: &str, description: &str) -> Vec<(Rule, String)> {
    let mut out = Vec::new();
    if let Err(e) = check_name(name.to_owned()) {
        out.push((Rule::Empty, e.to_string()));
    }
    if url.is_empty() {
        out.push((Rule::Empty, "the entry has no link".to_owned()));
    } else if let Err(e) = check_url(url.to_owned()) {
        out.push((Rule::Link, e.to_string()));
    }
    if description.trim().is_empty() {
        out.push((Rule::Empty, "the entry has no description".to_owned()));
    } else if let Err(e) = check_description(description.to_owned()) {
        out.push((Rule::OneLine, e.to_string()));
    }
    out
}

/// The section title of a category, of vendors, and of tools with no category.
pub(crate) fn section_of(kind: ToolKind, category: Option<Category>) -> &'static str {
    match (kind, category) {
        (ToolKind::Vendor, _) => INDUSTRY,
        (_, Some(c)) => c.name(),
        (_, None) => UNCATEGORIZED,
    }
}

/// The largest document [`import`] and [`lint`] read: 64 MiB, as for registry files.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// The finding for a document over [`MAX_INPUT_BYTES`].
pub(crate) fn too_large(text: &str) -> Option<Finding> {
    (text.len() > MAX_INPUT_BYTES).then(|| Finding {
        line: 1,
        column: 1,
        tool: None,
        rule: Rule::Format,
        message: format!("the document is larger than the limit of {MAX_INPUT_BYTES} bytes"),
    })
}

/// The section of vendors, as the Awesome-MLSecOps list names it.
pub(crate) const INDUSTRY: &str = "Industry";
/// The section [`render`] writes tools with no category under (and [`lint`] reports).
pub(crate) const UNCATEGORIZED: &str = "Uncategorized";
