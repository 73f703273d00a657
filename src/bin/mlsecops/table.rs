//! Rows with a header, printed as aligned columns or a Markdown table, and the small text
//! helpers the listings share.

use std::fmt::Write as _;

use mlsecops_taxonomy::{RiskSet, Tool};

use crate::args::Format;

/// Rows with a header, printed as aligned columns or a Markdown table.
pub struct Listing {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Listing {
    pub fn new(header: &[&'static str]) -> Listing {
        Listing {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    /// A row; each cell may hold repository text (a file name, a package), escaped when printed.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn print(&self, format: Format, out: &mut String) {
        match format {
            Format::Markdown => self.markdown(out),
            _ => self.table(out),
        }
    }

    pub fn table(&self, out: &mut String) {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| mlsecops_taxonomy::escape::text(c).into_owned())
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
            let mut text = String::new();
            for (i, cell) in cells.enumerate() {
                if i > 0 {
                    text.push_str("  ");
                }
                text.push_str(cell);
                let pad = widths[i].saturating_sub(cell.chars().count());
                text.extend(std::iter::repeat_n(' ', pad));
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&mut self.header.iter().copied(), out);
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        line(&mut rule.iter().map(String::as_str), out);
        for row in &rows {
            line(&mut row.iter().map(String::as_str), out);
        }
    }

    pub fn markdown(&self, out: &mut String) {
        let cell = |s: &str| mlsecops_taxonomy::escape::markdown(s);
        let _ = writeln!(out, "| {} |", self.header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(self.header.len()));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
}

/// Tool names joined, `-` for none.
pub fn names<'a>(tools: impl IntoIterator<Item = &'a Tool>) -> String {
    let names: Vec<&str> = tools.into_iter().map(Tool::name).collect();
    if names.is_empty() {
        "-".to_owned()
    } else {
        names.join(", ")
    }
}

/// The tools covering `risk`, each named with its amendment where one adds the risk; `-` for
/// none.
pub fn covering<'a>(
    tools: impl IntoIterator<Item = &'a Tool>,
    risk: mlsecops_taxonomy::Risk,
) -> String {
    let names: Vec<String> = tools.into_iter().map(|t| t.name_covering(risk)).collect();
    if names.is_empty() {
        "-".to_owned()
    } else {
        names.join(", ")
    }
}

/// A tool's risk codes, those an amendment adds marked "(amended)"; `-` for none.
pub fn tool_codes(tool: &Tool) -> String {
    let amended = tool.amended_risks();
    if amended.is_empty() {
        return codes(tool.risks());
    }
    let codes: Vec<String> = tool
        .risks()
        .iter()
        .map(|r| {
            if amended.contains(r) {
                format!("{} (amended)", r.code())
            } else {
                r.code().to_owned()
            }
        })
        .collect();
    codes.join(", ")
}

/// Risk codes joined, `-` for none.
pub fn codes(set: RiskSet) -> String {
    if set.is_empty() {
        "-".to_owned()
    } else {
        set.to_string()
    }
}

/// The longest tool name the table prints in full; longer ones end with "…".
pub const NAME_WIDTH: usize = 32;

pub fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(width - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

/// `1 tool`, `2 tools`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
