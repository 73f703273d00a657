//! Checking a list or a registry file against the contribution rules.

use std::collections::HashMap;

use super::parse::{self, Entry};
use super::render::order_key;
use super::{Finding, Layout, Rule, UNCATEGORIZED};
use crate::diag::lines::{LineIndex, Location};
use crate::registry::key::fold;
use crate::registry::load::{Base, Loaded, load};
use crate::registry::tool::{Category, ToolKind};

/// What kind of document [`lint_as`] checks: a registry file or a Markdown list.
///
/// ```
/// use mlsecops_taxonomy::list::DocumentKind;
/// use std::path::Path;
/// assert_eq!(DocumentKind::from_path(Path::new("tools.json")), Some(DocumentKind::Registry));
/// assert_eq!(DocumentKind::from_path(Path::new("README.md")), Some(DocumentKind::List));
/// assert_eq!(DocumentKind::from_path(Path::new("LIST")), None);
/// assert_eq!(DocumentKind::sniff(" {\"tools\": []}"), DocumentKind::Registry);
/// assert_eq!(DocumentKind::sniff("# Awesome"), DocumentKind::List);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A registry file (JSON).
    Registry,
    /// A Markdown list, of either [`Layout`].
    List,
}

impl DocumentKind {
    /// The kind a file name says: `.json` is a registry file, `.md` and `.markdown` a list (in
    /// any case); `None` when the extension says nothing.
    pub fn from_path(path: &std::path::Path) -> Option<DocumentKind> {
        let extension = path.extension()?.to_str()?;
        if extension.eq_ignore_ascii_case("json") {
            Some(DocumentKind::Registry)
        } else if extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown")
        {
            Some(DocumentKind::List)
        } else {
            None
        }
    }

    /// The kind the content says: a registry file when it starts with `{` (after white space
    /// and a byte-order mark), a list otherwise.
    pub fn sniff(text: &str) -> DocumentKind {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') {
            DocumentKind::Registry
        } else {
            DocumentKind::List
        }
    }
}

/// Checks a document against the contribution rules a program can check (see [`Rule`]) and
/// returns every finding, in document order; an empty vector means the document passes.
///
/// The kind of document is told by its content ([`DocumentKind::sniff`]); with a file name at
/// hand, prefer [`lint_as`] with [`DocumentKind::from_path`], so that an empty or broken
/// `.json` file is checked as the registry file it claims to be.
///
/// A document over [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES) gets one [`Rule::Format`]
/// finding naming the limit.
///
/// - Markdown: each entry (table row or `- [Name](url) - description` line) must have a name,
///   an http(s) link, a one-line description, known canonical risk codes (tools), and no
///   other entry of the same tool, except an identical listing under another category; in the
///   bulleted layout each tool must be under a category section, in alphabetical order. A list
///   with no entry at all is a [`Rule::Empty`] finding: there is nothing to pass.
/// - Registry file: every problem [`Registry::from_json`](crate::Registry::from_json) reports, with its rule (an empty
///   document or one that is not JSON is a [`Rule::Format`] finding), then for a readable file
///   the rules a registry allows but a list does not: a link, a description, risk codes and a
///   category for each tool, and at least one tool.
///
/// ```
/// use mlsecops_taxonomy::list::{self, Rule};
/// let text = "## Adversarial Machine Learning\n\n\
///     - [Zeta](https://zeta.example.com) - Fuzzes models `R9-Security`\n\
///     - [Alpha](http://alpha.example.com) - Attacks\n  on two lines `R9-Secu`\n";
/// let rules: Vec<Rule> = list::lint(text).iter().map(|f| f.rule).collect();
/// assert_eq!(rules, [Rule::OneLine, Rule::RiskCode, Rule::Order]);
/// assert_eq!(list::lint("")[0].rule, Rule::Empty);
/// ```
pub fn lint(text: &str) -> Vec<Finding> {
    lint_as(text, DocumentKind::sniff(text))
}

/// Checks a document as the given kind; see [`lint`] for the rules.
///
/// ```
/// use mlsecops_taxonomy::list::{self, DocumentKind, Rule};
/// let findings = list::lint_as("not json", DocumentKind::Registry);
/// assert_eq!(findings[0].rule, Rule::Format);
/// assert_eq!(findings[0].message,
///     r#"not JSON: expected a registry document {"tools": [...]}, found "not""#);
/// ```
pub fn lint_as(text: &str, kind: DocumentKind) -> Vec<Finding> {
    if let Some(finding) = super::too_large(text) {
        return vec![finding];
    }
    let mut findings = match kind {
        DocumentKind::Registry => lint_json(text),
        DocumentKind::List => lint_markdown(text),
    };
    findings.sort();
    findings
}

fn lint_markdown(text: &str) -> Vec<Finding> {
    let document = parse::parse(text);
    let entries = &document.entries;
    let mut findings = Vec::new();
    if entries.is_empty() {
        findings.push(Finding {
            line: 1,
            column: 1,
            tool: None,
            rule: Rule::Empty,
            message: "the list has no tools: expected a table with a Risk column, or \
                      `- [Name](url) - description` lines under category sections"
                .to_owned(),
        });
    }
    let mut first: HashMap<String, &Entry> = HashMap::new();
    let mut last_in_group: HashMap<&str, &Entry> = HashMap::new();
    for entry in entries {
        for (rule, message) in entry.problems() {
            findings.push(entry.finding(rule, message));
        }
        if entry.kind == ToolKind::Tool && entry.codes.is_empty() {
            findings.push(entry.finding(Rule::Empty, "the tool lists no risk codes".to_owned()));
        }
        if entry.layout == Layout::Awesome
            && entry.kind == ToolKind::Tool
            && entry.category.is_none()
        {
            let message = if entry.section == UNCATEGORIZED {
                "the tool has no category".to_owned()
            } else {
                format!(
                    "section {:?} is not a category; the categories are {}",
                    entry.section,
                    Category::ALL.map(Category::name).join(", ")
                )
            };
            findings.push(entry.finding(Rule::Category, message));
        }
        let key = fold(&entry.name);
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(earlier) if !cross_listing(earlier, entry) => {
                let message = format!(
                    "{:?} is already listed at line {}{}",
                    earlier.name,
                    earlier.line,
                    differences(earlier, entry)
                );
                findings.push(entry.finding(Rule::Duplicate, message));
            }
            Some(_) => {}
            None => {
                first.insert(key, entry);
            }
        }
        if entry.layout == Layout::Awesome {
            if let Some(previous) = last_in_group.get(entry.group.as_str()) {
                if order_key(&previous.name) > order_key(&entry.name) {
                    let message = format!(
                        "not in alphabetical order: {:?} comes before {:?} (line {})",
                        entry.name, previous.name, previous.line
                    );
                    findings.push(entry.finding(Rule::Order, message));
                }
            }
            last_in_group.insert(&entry.group, entry);
        }
    }
    findings
}

/// The same tool listed, identically, under another category.
fn cross_listing(earlier: &Entry, entry: &Entry) -> bool {
    earlier.layout == Layout::Awesome
        && entry.layout == Layout::Awesome
        && earlier.section != entry.section
        && earlier.category.is_some()
        && entry.category.is_some()
        && earlier.name == entry.name
        && earlier.url == entry.url
        && earlier.description == entry.description
        && earlier.codes == entry.codes
}

fn differences(earlier: &Entry, entry: &Entry) -> String {
    let mut parts = Vec::new();
    if earlier.url != entry.url {
        parts.push("another link");
    }
    if earlier.description != entry.description {
        parts.push("another description");
    }
    if earlier.codes != entry.codes {
        parts.push("other risk codes");
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(", with {}", parts.join(", "))
    }
}

fn lint_json(text: &str) -> Vec<Finding> {
    match load(text, Some(Base::Amend(crate::Registry::builtin()))) {
        Err(e) => e
            .problems()
            .iter()
            .map(|p| {
                let at = p.location().unwrap_or(Location { line: 1, column: 1 });
                let message = match p.field() {
                    Some(field) => format!("field {field:?}: {}", p.kind()),
                    None => p.kind().to_string(),
                };
                Finding {
                    line: at.line,
                    column: at.column,
                    tool: p.tool_name().map(str::to_owned),
                    rule: crate::registry::rules::rule_of(p),
                    message,
                }
            })
            .collect(),
        Ok(loaded) => registry_gaps(text, &loaded),
    }
}

/// What a loadable registry lacks to be a list: links, descriptions, codes, categories, and
/// tools at all.
fn registry_gaps(text: &str, loaded: &Loaded) -> Vec<Finding> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text.as_bytes());
    let mut out = Vec::new();
    let mut gap = |at: usize, tool: Option<&str>, rule: Rule, message: &str| {
        let at = lines.location(text.as_bytes(), at);
        out.push(Finding {
            line: at.line,
            column: at.column,
            tool: tool.map(str::to_owned),
            rule,
            message: message.to_owned(),
        });
    };
    if loaded.registry.is_empty() {
        gap(
            loaded.tools_at,
            None,
            Rule::Empty,
            "the registry has no tools",
        );
    }
    for (tool, at) in loaded.registry.tools().zip(&loaded.tool_at) {
        let name = Some(tool.name());
        if tool.url().is_none() {
            gap(at.field("url"), name, Rule::Empty, "the tool has no link");
        }
        if tool.description().is_none() {
            gap(
                at.field("description"),
                name,
                Rule::Empty,
                "the tool has no description",
            );
        }
        if tool.kind() == ToolKind::Tool && tool.risks().is_empty() {
            gap(
                at.field("risks"),
                name,
                Rule::Empty,
                "the tool lists no risk codes",
            );
        }
        if tool.kind() == ToolKind::Tool && tool.categories().is_empty() {
            gap(
                at.field("categories"),
                name,
                Rule::Category,
                "the tool has no category",
            );
        }
    }
    out
}
