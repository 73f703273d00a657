//! Positions in a text: [`Location`] (line and column) and [`LineIndex`], the one place in the
//! crate where a byte offset becomes a line and a column.

use std::fmt;

/// A position in a document: line and column, both from 1, the column counted in
/// characters (Unicode code points).
///
/// ```
/// use mlsecops_taxonomy::Location;
/// let at = Location { line: 2, column: 33 };
/// assert_eq!(at.to_string(), "line 2 column 33");
/// # #[cfg(feature = "json")] {
/// use mlsecops_taxonomy::Registry;
/// let text = "{\"tools\": [\n  {\"name\": \"Scanner\", \"risks\": [\"R24-Security\"]}\n]}";
/// let err = Registry::from_json(text).unwrap_err();
/// assert_eq!(err.problems()[0].location(), Some(at));
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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

/// The byte offsets where the lines of one text start, built once per text: an offset's line
/// is a binary search, its column a count of the characters before it on its line. Every
/// reader of the crate (registry files, policies, manifests, Markdown lists) locates what it
/// reports through one of these, so a file of any size costs one pass to index.
#[cfg(feature = "json")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// For a text that is not all ASCII: the characters before each block of [`BLOCK`] bytes,
    /// so that a column costs at most a block's count however long its line (a policy of
    /// 100,000 requirements on one line stays linear). Empty for ASCII, where a column is a
    /// subtraction.
    chars_before: Vec<usize>,
}

/// The bytes of one block of [`LineIndex::chars_before`].
#[cfg(feature = "json")]
const BLOCK: usize = 64;

#[cfg(feature = "json")]
impl LineIndex {
    /// The index of `text` (bytes, so that a text that is not UTF-8 can be located too).
    pub(crate) fn new(text: &[u8]) -> LineIndex {
        let mut starts = Vec::with_capacity(1 + text.len() / 32);
        starts.push(0);
        starts.extend(
            text.iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let chars_before = if text.is_ascii() {
            Vec::new()
        } else {
            let mut count = 0;
            let mut before: Vec<usize> = text
                .chunks(BLOCK)
                .map(|block| {
                    let here = count;
                    count += block.iter().filter(|&&b| (b & 0xc0) != 0x80).count();
                    here
                })
                .collect();
            // The end, for an offset at the end of a text of whole blocks.
            before.push(count);
            before
        };
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// The characters (bytes that do not continue a UTF-8 sequence) before `offset`.
    fn chars_to(&self, text: &[u8], offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        self.chars_before.get(block).copied().unwrap_or(0)
            + text[block * BLOCK..offset]
                .iter()
                .filter(|&&b| (b & 0xc0) != 0x80)
                .count()
    }

    /// The line, from 1, of a byte offset (an offset past the end is on the last line).
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// The line and column, from 1, of a byte offset into `text`, the text the index was built
    /// from. The column counts characters: bytes that do not continue a UTF-8 sequence.
    pub(crate) fn location(&self, text: &[u8], offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let column = 1 + self.chars_to(text, offset) - self.chars_to(text, start);
        Location { line, column }
    }
}

/// The line and column of one offset, for a text located once (an error path): one pass.
#[cfg(feature = "json")]
#[cfg_attr(not(feature = "markdown"), allow(dead_code))]
pub(crate) fn location_of(text: &[u8], offset: usize) -> Location {
    LineIndex::new(text).location(text, offset)
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_of_any_text() {
        for text in [
            "ab".repeat(100),
            "çé".repeat(100),
            format!("{}\n{}", "é".repeat(64), "x".repeat(70)),
        ] {
            let index = LineIndex::new(text.as_bytes());
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let column = 1 + text[line_start..offset].chars().count();
                assert_eq!(
                    index.location(text.as_bytes(), offset).column,
                    column,
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn offsets_become_lines_and_columns_in_characters() {
        let text = "ab\nçd\n\nx";
        let index = LineIndex::new(text.as_bytes());
        let at = |o| {
            let l = index.location(text.as_bytes(), o);
            (l.line, l.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(2), (1, 3));
        assert_eq!(at(3), (2, 1));
        // "ç" is two bytes, one character.
        assert_eq!(at(5), (2, 2));
        assert_eq!(at(7), (3, 1));
        assert_eq!(at(8), (4, 1));
        assert_eq!(at(9), (4, 2));
        assert_eq!(at(100), (4, 2));
        assert_eq!(index.line(6), 2);
        assert_eq!(index.line(7), 3);
    }
}
