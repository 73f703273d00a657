//! Positions in a text: [`Location`] (line and column) and `Lines`, which turns byte offsets
//! into locations.

use std::fmt;

/// A position in a document: line and column, both from 1, the column counted in
/// characters.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let text = "{\"tools\": [\n  {\"name\": \"Scanner\", \"risks\": [\"R24-Security\"]}\n]}";
/// let err = Registry::from_json(text).unwrap_err();
/// let at = err.problems()[0].location().unwrap();
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
