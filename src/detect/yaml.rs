//! YAML read into a tree that keeps the line of each scalar, for every YAML reader (workflows,
//! composite actions, GitLab CI, conda environments, pre-commit configurations). The text is first
//! checked against the bounds of every YAML reader ([`super::workflow::MAX_YAML_NODES`] and
//! [`super::workflow::MAX_YAML_EXPANDED_BYTES`] once aliases are expanded,
//! [`super::workflow::MAX_YAML_DEPTH`]), so an alias is expanded only within them.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};

use super::DetectError;
use super::detector::Source;

/// A YAML value; a scalar keeps its line.
#[derive(Debug, Clone)]
pub(super) enum Node {
    Scalar(String, usize),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The value at a key of a mapping whose key is that scalar.
    pub(super) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(k, Node::Scalar(s, _) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The items of a sequence (none for anything else).
    pub(super) fn items(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    /// The text and line of a scalar.
    pub(super) fn scalar(&self) -> Option<(&str, usize)> {
        match self {
            Node::Scalar(s, line) => Some((s, *line)),
            _ => None,
        }
    }
}

/// Turns the parser's positions (in characters, increasing as events come) into lines as every
/// reader of the crate counts them, in one pass over the text.
struct Lines<'s, 't> {
    source: &'s Source<'t>,
    chars: usize,
    byte: usize,
}

impl Lines<'_, '_> {
    fn line(&mut self, chars: usize) -> usize {
        let text = self.source.text();
        if chars < self.chars {
            // Never met (positions come in order); correct all the same.
            self.chars = 0;
            self.byte = 0;
        }
        let mut rest = text[self.byte..].chars();
        while self.chars < chars {
            match rest.next() {
                Some(c) => {
                    self.byte += c.len_utf8();
                    self.chars += 1;
                }
                None => break,
            }
        }
        self.source.line(self.byte)
    }
}

/// Every document of a YAML file, bounded as every YAML reader is.
pub(super) fn documents(s: &Source<'_>) -> Result<Vec<Node>, DetectError> {
    let aliased = super::workflow::within_bounds(s)?;
    let mut parser = Parser::new_from_str(s.text());
    let mut lines = Lines {
        source: s,
        chars: 0,
        byte: 0,
    };
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    // Open collections: a sequence's items, or a mapping's entries and a key waiting for its
    // value; each with its anchor.
    enum Open {
        Seq(Vec<Node>, usize),
        Map(Vec<(Node, Node)>, Option<Node>, usize),
    }
    let mut open: Vec<Open> = Vec::new();
    let mut docs = Vec::new();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let line = lines.line(e.marker().index());
            DetectError::new(
                s.path(),
                Some(line),
                format!("not valid YAML: {}", e.info()),
            )
        })?;
        let done = match event {
            Event::StreamEnd => break,
            Event::Scalar(value, _, anchor, _) => {
                let node = Node::Scalar(value, lines.line(mark.index()));
                if aliased.contains(&anchor) {
                    anchors.insert(anchor, node.clone());
                }
                Some(node)
            }
            Event::Alias(anchor) => Some(
                anchors
                    .get(&anchor)
                    .cloned()
                    .unwrap_or_else(|| Node::Scalar(String::new(), lines.line(mark.index()))),
            ),
            Event::SequenceStart(anchor, _) => {
                open.push(Open::Seq(Vec::new(), anchor));
                None
            }
            Event::MappingStart(anchor, _) => {
                open.push(Open::Map(Vec::new(), None, anchor));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                // Only an anchor some alias names is kept (a copy of it, to expand the alias):
                // anchors without aliases cost nothing more, however deep they nest.
                Some(Open::Seq(items, anchor)) => {
                    let node = Node::Seq(items);
                    if aliased.contains(&anchor) {
                        anchors.insert(anchor, node.clone());
                    }
                    Some(node)
                }
                Some(Open::Map(entries, _, anchor)) => {
                    let node = Node::Map(entries);
                    if aliased.contains(&anchor) {
                        anchors.insert(anchor, node.clone());
                    }
                    Some(node)
                }
                None => None,
            },
            _ => None,
        };
        let Some(node) = done else {
            continue;
        };
        match open.last_mut() {
            None => docs.push(node),
            Some(Open::Seq(items, _)) => items.push(node),
            Some(Open::Map(entries, key, _)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    Ok(docs)
}
