//! Reading the entries of a Markdown list, in either layout, with their positions.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Finding, INDUSTRY, Layout, Rule, field_problems};
use crate::diag::lines::LineIndex;
use crate::registry::key::fold;
use crate::registry::tool::{Category, Tool, ToolKind};
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;

/// One tool or vendor of a list, as written.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) layout: Layout,
    /// The `##` section the entry is under ("" before the first one).
    pub(crate) section: String,
    /// The nearest heading of any level, for the order rule.
    pub(crate) group: String,
    pub(crate) kind: ToolKind,
    pub(crate) category: Option<Category>,
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) description: String,
    /// The risk codes as written, in order.
    pub(crate) codes: Vec<String>,
}

impl Entry {
    pub(crate) fn finding(&self, rule: Rule, message: String) -> Finding {
        Finding {
            line: self.line,
            column: self.column,
            tool: (!self.name.trim().is_empty()).then(|| self.name.clone()),
            rule,
            message,
        }
    }

    /// The problems that keep the entry from being a tool: its fields and its risk codes.
    pub(crate) fn problems(&self) -> Vec<(Rule, String)> {
        let mut out = field_problems(&self.name, &self.url, &self.description);
        let mut seen = RiskSet::EMPTY;
        for code in &self.codes {
            match code.parse::<Risk>() {
                Err(e) => out.push((Rule::RiskCode, e.to_string())),
                Ok(risk) if risk.code() != code => out.push((
                    Rule::RiskCode,
                    format!("{code:?} must be written {:?}", risk.code()),
                )),
                Ok(risk) if !seen.insert(risk) => {
                    out.push((Rule::RiskCode, format!("{risk} is listed twice")));
                }
                Ok(_) => {}
            }
        }
        out
    }

    /// The known risk codes of the entry.
    pub(crate) fn risks(&self) -> RiskSet {
        self.codes
            .iter()
            .filter_map(|c| c.parse::<Risk>().ok())
            .collect()
    }
}

/// The entries of a document and its layout.
pub(crate) struct Document {
    pub(crate) layout: Layout,
    pub(crate) entries: Vec<Entry>,
}

impl Document {
    /// The line of the first entry of a tool.
    pub(crate) fn first_line(&self, tool: &Tool) -> usize {
        let name = fold(tool.name());
        self.entries
            .iter()
            .find(|e| fold(&e.name) == name)
            .map_or(0, |e| e.line)
    }
}

/// Inline content: text, code spans and links, in order.
#[derive(Debug, Default)]
struct Inline {
    pieces: Vec<Piece>,
    link: Option<(String, String)>,
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Code(String),
    Link { url: String, text: String },
}

impl Inline {
    fn text(&mut self, s: &str) {
        if let Some((_, text)) = &mut self.link {
            text.push_str(s);
        } else if let Some(Piece::Text(t)) = self.pieces.last_mut() {
            t.push_str(s);
        } else {
            self.pieces.push(Piece::Text(s.to_owned()));
        }
    }

    fn code(&mut self, s: &str) {
        if let Some((_, text)) = &mut self.link {
            text.push_str(s);
        } else {
            self.pieces.push(Piece::Code(s.to_owned()));
        }
    }

    fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(s) => self.text(s),
            Event::Code(s) => self.code(s),
            Event::SoftBreak | Event::HardBreak => self.text("\n"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, text)) = self.link.take() {
                    self.pieces.push(Piece::Link { url, text });
                }
            }
            _ => {}
        }
    }

    /// All of it as text, code spans in backticks, links as their text.
    fn plain(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Code(c) => {
                    out.push('`');
                    out.push_str(c);
                    out.push('`');
                }
                Piece::Link { text, .. } => out.push_str(text),
            }
        }
        out
    }

    /// The first link: its text and URL.
    fn first_link(&self) -> Option<(&str, &str)> {
        self.pieces.iter().find_map(|p| match p {
            Piece::Link { url, text } => Some((text.as_str(), url.as_str())),
            _ => None,
        })
    }
}

/// A table being read.
struct Table {
    /// What its rows are: tools (with the index of the risk column), vendors, or neither.
    rows: Option<(ToolKind, Option<usize>)>,
    in_head: bool,
    header: Vec<String>,
    cells: Vec<Inline>,
    row_start: usize,
}

/// A list item being read; `open` until a nested list starts.
struct Item {
    start: usize,
    inline: Inline,
    open: bool,
}

/// Reads every entry of a Markdown list.
pub(crate) fn parse(text: &str) -> Document {
    let lines = LineIndex::new(text.as_bytes());
    let mut entries = Vec::new();
    let mut section = String::new();
    let mut group = String::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut table: Option<Table> = None;
    let mut cell: Option<Inline> = None;
    let mut items: Vec<Item> = Vec::new();
    let position = |offset: usize| {
        let at = lines.location(text.as_bytes(), offset);
        (at.line, at.column)
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((*level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title)) = heading.take() {
                    if level <= HeadingLevel::H2 {
                        section = title.trim().to_owned();
                    }
                    group = title.trim().to_owned();
                }
            }
            Event::Text(s) | Event::Code(s) if heading.is_some() => {
                if let Some((_, title)) = &mut heading {
                    title.push_str(s);
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    rows: None,
                    in_head: false,
                    header: Vec::new(),
                    cells: Vec::new(),
                    row_start: range.start,
                });
            }
            Event::End(TagEnd::Table) => table = None,
            Event::Start(Tag::TableHead) => {
                if let Some(t) = &mut table {
                    t.in_head = true;
                    t.cells.clear();
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = &mut table {
                    t.in_head = false;
                    t.header = t
                        .cells
                        .drain(..)
                        .map(|c| c.plain().trim().to_owned())
                        .collect();
                    t.rows = table_rows(&t.header, &section);
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = &mut table {
                    t.cells.clear();
                    t.row_start = range.start;
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(Inline::default()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(t), Some(c)) = (&mut table, cell.take()) {
                    t.cells.push(c);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = &mut table {
                    if let (false, Some((kind, risk_column))) = (t.in_head, t.rows) {
                        let (line, column) = position(t.row_start);
                        entries.push(row_entry(
                            t,
                            kind,
                            risk_column,
                            [&section, &group],
                            line,
                            column,
                        ));
                    }
                }
            }
            Event::Start(Tag::Item) => items.push(Item {
                start: range.start,
                inline: Inline::default(),
                open: true,
            }),
            Event::Start(Tag::List(_)) => {
                if let Some(item) = items.last_mut() {
                    item.open = false;
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some(item) = items.pop() {
                    let (line, column) = position(item.start);
                    if let Some(entry) = item_entry(&item.inline, [&section, &group], line, column)
                    {
                        entries.push(entry);
                    }
                }
            }
            other => {
                if let Some(c) = &mut cell {
                    c.event(other);
                } else if let Some(item) = items.last_mut().filter(|i| i.open) {
                    item.inline.event(other);
                }
            }
        }
    }
    let layout = if entries.iter().any(|e| e.layout == Layout::Table) {
        Layout::Table
    } else {
        Layout::Awesome
    };
    Document { layout, entries }
}

/// What the rows of a table with this header are: tools when a column is headed `Risk` (or
/// `Risks`), vendors in a two-column table under `Industry` or headed `Company` or `Vendor`.
fn table_rows(header: &[String], section: &str) -> Option<(ToolKind, Option<usize>)> {
    let folded: Vec<String> = header.iter().map(|h| fold(h)).collect();
    if let Some(i) = folded.iter().position(|h| h == "risk" || h == "risks") {
        return Some((ToolKind::Tool, Some(i)));
    }
    let vendors = section.eq_ignore_ascii_case(INDUSTRY)
        || folded
            .first()
            .is_some_and(|h| h == "company" || h == "vendor");
    vendors.then_some((ToolKind::Vendor, None))
}

fn row_entry(
    table: &Table,
    kind: ToolKind,
    risk_column: Option<usize>,
    [section, group]: [&str; 2],
    line: usize,
    column: usize,
) -> Entry {
    let first = table.cells.first();
    let (name, url) = match first.and_then(Inline::first_link) {
        Some((name, url)) => (name.trim().to_owned(), url.to_owned()),
        None => (
            first
                .map(|c| c.plain().trim().to_owned())
                .unwrap_or_default(),
            String::new(),
        ),
    };
    let description = table
        .cells
        .get(1)
        .map(|c| c.plain().trim().to_owned())
        .unwrap_or_default();
    let codes = risk_column
        .and_then(|i| table.cells.get(i))
        .map(|c| {
            c.plain()
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Entry {
        line,
        column,
        layout: Layout::Table,
        section: section.to_owned(),
        group: group.to_owned(),
        kind,
        category: None,
        name,
        url,
        description,
        codes,
    }
}

/// A list item that starts with a link to a page (not an anchor of the document) is an entry:
/// `[Name](url) - description` and then its risk codes as code spans.
fn item_entry(
    inline: &Inline,
    [section, group]: [&str; 2],
    line: usize,
    column: usize,
) -> Option<Entry> {
    let mut pieces = inline.pieces.iter().skip_while(|p| match p {
        Piece::Text(t) => t.trim().is_empty(),
        _ => false,
    });
    let Some(Piece::Link { url, text }) = pieces.next() else {
        return None;
    };
    if url.starts_with('#') {
        return None;
    }
    let rest: Vec<&Piece> = pieces.collect();
    // Trailing code spans that look like risk codes are the entry's codes.
    let mut end = rest.len();
    let mut codes = Vec::new();
    while end > 0 {
        match rest[end - 1] {
            Piece::Text(t) if t.trim().is_empty() => end -= 1,
            Piece::Code(c) if looks_like_code(c) => {
                codes.push(c.trim().to_owned());
                end -= 1;
            }
            _ => break,
        }
    }
    codes.reverse();
    let body = Inline {
        pieces: rest[..end].iter().map(|&p| p.clone()).collect(),
        link: None,
    };
    let plain = body.plain();
    let plain = plain.trim();
    let description = plain
        .strip_prefix(['-', '\u{2013}', '\u{2014}'])
        .unwrap_or(plain)
        .trim();
    let (kind, category) = if section.eq_ignore_ascii_case(INDUSTRY) {
        (ToolKind::Vendor, None)
    } else {
        (ToolKind::Tool, section.parse::<Category>().ok())
    };
    Some(Entry {
        line,
        column,
        layout: Layout::Awesome,
        section: section.to_owned(),
        group: group.to_owned(),
        kind,
        category,
        name: text.trim().to_owned(),
        url: url.clone(),
        description: description.to_owned(),
        codes,
    })
}

/// `R`, a digit: a risk code, possibly a wrong one (a code span such as `pickle` is not).
fn looks_like_code(text: &str) -> bool {
    let mut chars = text.trim().chars();
    matches!(chars.next(), Some('R' | 'r')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}
