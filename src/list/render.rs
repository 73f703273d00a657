//! Writing a registry as a Markdown awesome list.

use std::fmt::Write as _;

use super::{INDUSTRY, UNCATEGORIZED, section_of};
use crate::registry::Registry;
use crate::registry::tool::{Category, Tool, ToolKind};

/// The title [`render`] is usually given.
pub const DEFAULT_TITLE: &str = "Awesome MLSecOps Tools";

/// Writes a registry as a Markdown list in the layout of the Awesome AI Security list: a
/// contents list, one `##` section per [`Category`] in the list's order (then `Uncategorized`
/// for tools with none, then `Industry` for vendors), and in each section one line per tool,
/// alphabetical (ignoring case):
///
/// ```text
/// - [Name](https://example.com) - Description as in the registry `R9-Security` `R10-Security`
/// ```
///
/// A tool with several categories is listed, identically, in each. Markdown characters of names
/// and descriptions are escaped, so [`import`](super::import) of the output gives back every
/// tool's name, link, description, risks, kind and categories; and [`lint`](super::lint)
/// finds nothing in it when every tool has a link, a description, risk codes and a category.
///
/// ```
/// use mlsecops_taxonomy::{Registry, RiskSet, Tool, list};
/// let mut reg = Registry::new();
/// reg.insert(Tool::new("Scanner *2*", "R14-Security".parse()?)?
///     .with_url("https://scanner.example.com")?
///     .with_description("Scans `pickle` files")?)?;
/// let text = list::render(&reg, "Our tools");
/// assert!(text.starts_with("# Our tools\n"));
/// assert!(text.contains(
///     "- [Scanner \\*2\\*](https://scanner.example.com) - Scans \\`pickle\\` files `R14-Security`\n"));
/// let back = list::import(&text)?.registry;
/// assert_eq!(back.get("scanner-2")?.description(), Some("Scans `pickle` files"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render(registry: &Registry, title: &str) -> String {
    let mut sections: Vec<(&'static str, Vec<&Tool>)> = Vec::new();
    let mut add = |section: &'static str, tool| match sections.iter_mut().find(|s| s.0 == section) {
        Some((_, tools)) => tools.push(tool),
        None => sections.push((section, vec![tool])),
    };
    for tool in registry.tools() {
        if tool.kind() == ToolKind::Vendor || tool.categories().is_empty() {
            add(section_of(tool.kind(), None), tool);
        } else {
            for &category in tool.categories() {
                add(section_of(tool.kind(), Some(category)), tool);
            }
        }
    }
    let rank = |section: &str| {
        Category::ALL
            .iter()
            .position(|c| c.name() == section)
            .unwrap_or(match section {
                UNCATEGORIZED => Category::ALL.len(),
                _ => Category::ALL.len() + 1,
            })
    };
    sections.sort_by_key(|s| rank(s.0));
    for (_, tools) in &mut sections {
        tools.sort_by_key(|t| order_key(t.name()));
    }

    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(title.trim()));
    out.push_str(
        "Tools for securing machine-learning systems, each followed by the MLSecOps risks it \
         covers (`R1-Security` to `R23-Security`, `R1-Privacy` to `R11-Privacy`).\n\n",
    );
    out.push_str("## Contents\n\n");
    for (section, _) in &sections {
        let _ = writeln!(out, "- [{}](#{})", escape(section), anchor(section));
    }
    for (section, tools) in &sections {
        let _ = writeln!(out, "\n---\n\n## {section}\n");
        if *section == INDUSTRY {
            out.push_str("> Companies offering security for AI systems.\n\n");
        }
        for tool in tools {
            line(&mut out, tool);
        }
    }
    out
}

fn line(out: &mut String, tool: &Tool) {
    let _ = write!(
        out,
        "- [{}]({})",
        escape(tool.name()),
        escape_url(tool.url().unwrap_or_default())
    );
    if let Some(description) = tool.description() {
        let _ = write!(out, " - {}", escape(description));
    }
    for risk in tool.risks() {
        let _ = write!(out, " `{risk}`");
    }
    out.push('\n');
}

/// The key a section is sorted by: the name in lower case.
pub(crate) fn order_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as `-`.
fn anchor(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Escapes the characters that would start Markdown markup in text.
fn escape(text: &str) -> String {
    escape_set(text, &['\\', '`', '*', '_', '[', ']', '<', '>', '~', '|'])
}

/// Escapes the characters that would end or change a link destination.
fn escape_url(url: &str) -> String {
    escape_set(url, &['\\', '(', ')', '<', '>'])
}

fn escape_set(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `&` starts an entity only when a name or `#` follows.
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '#');
        if special.contains(&c) || entity {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
