//! Where a problem of a registry document is: line and column of the key or value it is about.
//!
//! The loader reads a document in one pass and names problems by tool and field; when a
//! document has problems, this module walks the (already syntactically valid) text once more
//! and turns each tool and field into a position.

use std::fmt;

use super::json::{Problem, ProblemKind};
use crate::risk::Risk;
use crate::tool::Category;

/// A position in a registry document: line and column, both from 1, the column counted in
/// characters.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let text = "{\"tools\": [\n  {\"name\": \"Scanner\", \"risks\": [\"R24-Security\"]}\n]}";
/// let err = Registry::from_json(text).unwrap_err();
/// let at = err.problems()[0].location.unwrap();
/// assert_eq!((at.line, at.column), (2, 33));
/// assert_eq!(at.to_string(), "line 2 column 33");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} column {}", self.line, self.column)
    }
}

/// How deep the walk builds nodes; problems are never deeper than a tool's `provenance` object.
const MAX_DEPTH: usize = 16;

/// A JSON value of the document with the byte offset where it starts.
enum Node {
    Object(Vec<Member>),
    Array(Vec<(usize, Node)>),
    String(String),
    Other,
}

struct Member {
    key: String,
    key_at: usize,
    value_at: usize,
    value: Node,
}

/// Fills in the location of every problem that has none, from the document's text.
pub(crate) fn locate(text: &str, problems: &mut [Problem]) {
    let mut walker = Walker {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    walker.space();
    let start = walker.at;
    let Some(root) = walker.value(0) else { return };
    let lines = Lines::new(text);
    for problem in problems.iter_mut() {
        if problem.location.is_none() {
            let offset = find(&root, start, problem);
            problem.location = Some(lines.location(offset));
        }
    }
}

/// The byte offset a problem points at: the key for a key problem (unknown or repeated
/// field), the value (or the item of an array that is wrong) for a value problem, the tool for
/// a problem of a whole tool, the object for a missing field.
fn find(root: &Node, root_at: usize, problem: &Problem) -> usize {
    let mut scope = (root_at, root);
    if let Some(index) = problem.index {
        if let Some(tools) = member(root, "tools", 0) {
            if let Node::Array(items) = &tools.value {
                if let Some((at, tool)) = items.get(index) {
                    scope = (*at, tool);
                }
            }
        }
    }
    let Some(field) = &problem.field else {
        return scope.0;
    };
    let mut parts = field.split('.').peekable();
    while let Some(part) = parts.next() {
        let nth = match problem.kind {
            ProblemKind::DuplicateField if parts.peek().is_none() => 1,
            _ => 0,
        };
        let Some(m) = member(scope.1, part, nth) else {
            return scope.0;
        };
        if parts.peek().is_some() {
            scope = (m.value_at, &m.value);
            continue;
        }
        return match &problem.kind {
            ProblemKind::UnknownField { .. } | ProblemKind::DuplicateField => m.key_at,
            _ => item(part, &m.value).unwrap_or(m.value_at),
        };
    }
    scope.0
}

/// The `nth` member named `key` of an object.
fn member<'n>(node: &'n Node, key: &str, nth: usize) -> Option<&'n Member> {
    match node {
        Node::Object(members) => members.iter().filter(|m| m.key == key).nth(nth),
        _ => None,
    }
}

/// For a problem with one item of a `risks` or `categories` array, that item's offset: the
/// loader stops at the first item that is not a string, not canonical, or repeated.
fn item(field: &str, value: &Node) -> Option<usize> {
    let Node::Array(items) = value else {
        return None;
    };
    let mut seen = Vec::new();
    items.iter().find_map(|(at, node)| {
        let good = match node {
            Node::String(s) if !seen.contains(s) => {
                seen.push(s.clone());
                match field {
                    "risks" => s.parse::<Risk>().is_ok_and(|r| r.code() == s),
                    "categories" => s.parse::<Category>().is_ok_and(|c| c.as_str() == s),
                    _ => true,
                }
            }
            _ => false,
        };
        (!good).then_some(*at)
    })
}

struct Walker<'t> {
    bytes: &'t [u8],
    text: &'t str,
    at: usize,
}

impl Walker<'_> {
    fn space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let hit = self.bytes.get(self.at) == Some(&byte);
        if hit {
            self.at += 1;
        }
        hit
    }

    /// The value at the current offset (after white space). The loader has parsed the text
    /// already, so it is valid JSON; but values it skipped may be nested arbitrarily deep, so
    /// below [`MAX_DEPTH`] they are skipped without recursion.
    fn value(&mut self, depth: usize) -> Option<Node> {
        self.space();
        if depth > MAX_DEPTH {
            return self.skip();
        }
        match self.bytes.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(Node::Object(members));
                }
                loop {
                    self.space();
                    let key_at = self.at;
                    let Node::String(key) = self.string()? else {
                        return None;
                    };
                    if !self.eat(b':') {
                        return None;
                    }
                    self.space();
                    let value_at = self.at;
                    let value = self.value(depth + 1)?;
                    members.push(Member {
                        key,
                        key_at,
                        value_at,
                        value,
                    });
                    if self.eat(b'}') {
                        return Some(Node::Object(members));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Node::Array(items));
                }
                loop {
                    self.space();
                    let at = self.at;
                    items.push((at, self.value(depth + 1)?));
                    if self.eat(b']') {
                        return Some(Node::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'"' => self.string(),
            _ => {
                while self.bytes.get(self.at).is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.at += 1;
                }
                Some(Node::Other)
            }
        }
    }

    /// Skips one value of any depth, counting brackets outside strings.
    fn skip(&mut self) -> Option<Node> {
        let mut open = 0usize;
        loop {
            match self.bytes.get(self.at)? {
                b'"' => {
                    self.string_end()?;
                    if open == 0 {
                        return Some(Node::Other);
                    }
                    continue;
                }
                b'[' | b'{' => open += 1,
                b']' | b'}' if open == 0 => return Some(Node::Other),
                b']' | b'}' => {
                    open -= 1;
                    if open == 0 {
                        self.at += 1;
                        return Some(Node::Other);
                    }
                }
                b',' if open == 0 => return Some(Node::Other),
                _ => {}
            }
            self.at += 1;
        }
    }

    fn string(&mut self) -> Option<Node> {
        let start = self.at;
        self.string_end()?;
        let raw = self.text.get(start..self.at)?;
        serde_json::from_str(raw).ok().map(Node::String)
    }

    /// Moves past the string at the current offset.
    fn string_end(&mut self) -> Option<()> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        loop {
            match self.bytes.get(self.at)? {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        Some(())
    }
}

/// Byte offsets of line starts, to turn an offset into a line and a column.
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Lines<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    pub(crate) fn location(&self, offset: usize) -> Location {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = 1 + self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        Location { line, column }
    }
}
