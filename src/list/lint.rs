//! Checking a list or a registry file against the contribution rules.

use std::collections::HashMap;

use super::parse::{self, Entry};
use super::render::order_key;
use super::{Finding, Layout, Rule, UNCATEGORIZED};
use crate::error::ToolError;
use crate::registry::{Location, Problem, ProblemKind, Registry, locate};
use crate::suggest::fold;
use crate::tool::{Category, ToolKind};

/// Checks a document against the contribution rules a program can check (see [`Rule`]) and
/// returns every finding, in document order; an empty vector means the document passes.
///
/// The document is a registry file when it starts with `{` (after white space and a byte-order
/// mark), and a Markdown list of either [`Layout`] otherwise. A document over
/// [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES) gets one [`Rule::Format`] finding naming the limit.
///
/// - Markdown: each entry (table row or `- [Name](url) - description` line) must have a name,
///   an http(s) link, a one-line description, known canonical risk codes (tools), and no
///   other entry of the same tool, except an identical listing under another category; in the
///   bulleted layout each tool must be under a category section, in alphabetical order.
/// - Registry file: every problem [`Registry::from_json`] reports, with its rule, then for a
///   readable file the rules a registry allows but a list does not: a link, a description,
///   risk codes and a category for each tool.
///
/// ```
/// use mlsecops_taxonomy::list::{self, Rule};
/// let text = "## Adversarial Machine Learning\n\n\
///     - [Zeta](https://zeta.example.com) - Fuzzes models `R9-Security`\n\
///     - [Alpha](http://alpha.example.com) - Attacks\n  on two lines `R9-Secu`\n";
/// let rules: Vec<Rule> = list::lint(text).iter().map(|f| f.rule).collect();
/// assert_eq!(rules, [Rule::OneLine, Rule::RiskCode, Rule::Order]);
/// ```
pub fn lint(text: &str) -> Vec<Finding> {
    if let Some(finding) = super::too_large(text) {
        return vec![finding];
    }
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let mut findings = if body.starts_with('{') {
        lint_json(text)
    } else {
        lint_markdown(text)
    };
    findings.sort();
    findings
}

fn lint_markdown(text: &str) -> Vec<Finding> {
    let document = parse::parse(text);
    let entries = &document.entries;
    let mut findings = Vec::new();
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
    let mut found: Vec<(Problem, Rule, String)> = match Registry::from_json(text) {
        Err(e) => e
            .problems()
            .iter()
            .map(|p| {
                let message = match &p.field {
                    Some(field) => format!("field {field:?}: {}", p.kind),
                    None => p.kind.to_string(),
                };
                (p.clone(), rule_of(p), message)
            })
            .collect(),
        Ok(registry) => registry_gaps(&registry),
    };
    let mut problems: Vec<Problem> = found.iter().map(|f| f.0.clone()).collect();
    locate::locate(text, &mut problems);
    found
        .drain(..)
        .zip(problems)
        .map(|((_, rule, message), p)| {
            let at = p.location.unwrap_or(Location { line: 1, column: 1 });
            Finding {
                line: at.line,
                column: at.column,
                tool: p.name,
                rule,
                message,
            }
        })
        .collect()
}

/// What a loadable registry lacks to be a list: links, descriptions, codes, categories.
fn registry_gaps(registry: &Registry) -> Vec<(Problem, Rule, String)> {
    let mut out = Vec::new();
    for (index, tool) in registry.tools().enumerate() {
        let mut gap = |field: &str, rule: Rule, message: &str| {
            let problem = Problem {
                index: Some(index),
                name: Some(tool.name().to_owned()),
                field: Some(field.to_owned()),
                kind: ProblemKind::MissingField,
                location: None,
            };
            out.push((problem, rule, message.to_owned()));
        };
        if tool.url().is_none() {
            gap("url", Rule::Empty, "the tool has no link");
        }
        if tool.description().is_none() {
            gap("description", Rule::Empty, "the tool has no description");
        }
        if tool.kind() == ToolKind::Tool && tool.risks().is_empty() {
            gap("risks", Rule::Empty, "the tool lists no risk codes");
        }
        if tool.kind() == ToolKind::Tool && tool.categories().is_empty() {
            gap("categories", Rule::Category, "the tool has no category");
        }
    }
    out
}

fn rule_of(problem: &Problem) -> Rule {
    let field = problem.field.as_deref().unwrap_or("");
    match &problem.kind {
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
