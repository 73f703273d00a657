//! A pull reader of JSON text that knows the byte offset of every key and value it reads.
//!
//! The registry loader walks a document once with it: each problem is created where the reader
//! stands, so its position comes by construction. The reader accepts exactly the JSON that
//! serde_json accepts (RFC 8259: no trailing commas, no comments, no control characters in
//! strings, valid escapes, no lone surrogates); on the first syntax error it stops, and the
//! loader asks serde_json for its message and position, so that broken JSON is described as
//! serde_json describes it. Values the loader does not want are skipped without recursion, so a
//! deeply nested value costs no stack.

use std::borrow::Cow;

/// The reader stopped at a syntax error, at this byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) at: usize,
}

type Result<T> = std::result::Result<T, SyntaxError>;

/// The JSON type of the next value, from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

pub(crate) struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Reader<'t> {
    pub(crate) fn new(text: &'t str) -> Reader<'t> {
        Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    fn error<T>(&self) -> Result<T> {
        Err(SyntaxError { at: self.at })
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The offset of the next value (after white space) and its kind.
    pub(crate) fn peek(&mut self) -> Result<(usize, Kind)> {
        self.space();
        let kind = match self.bytes.get(self.at) {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            Some(b'"') => Kind::String,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'n') => Kind::Null,
            _ => return self.error(),
        };
        Ok((self.at, kind))
    }

    /// Consumes the `{` of an object (the caller has peeked it).
    pub(crate) fn begin_object(&mut self) {
        debug_assert_eq!(self.bytes.get(self.at), Some(&b'{'));
        self.at += 1;
    }

    /// The next key of the object and its offset, or `None` at its end; `first` tells whether a
    /// comma must come first, and is cleared.
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<(Cow<'t, str>, usize)>> {
        self.space();
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(None);
        }
        if !std::mem::replace(first, false) {
            self.expect(b',')?;
            self.space();
        }
        if self.bytes.get(self.at) != Some(&b'"') {
            return self.error();
        }
        let at = self.at;
        let key = self.string()?;
        self.space();
        self.expect(b':')?;
        Ok(Some((key, at)))
    }

    /// Consumes the `[` of an array (the caller has peeked it).
    pub(crate) fn begin_array(&mut self) {
        debug_assert_eq!(self.bytes.get(self.at), Some(&b'['));
        self.at += 1;
    }

    /// Whether the array has another item (then the reader stands before it).
    pub(crate) fn next_item(&mut self, first: &mut bool) -> Result<bool> {
        self.space();
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(false);
        }
        if !std::mem::replace(first, false) {
            self.expect(b',')?;
        }
        Ok(true)
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            self.error()
        }
    }

    /// Reads a string (the reader stands on its `"`), borrowed when it has no escape.
    pub(crate) fn string(&mut self) -> Result<Cow<'t, str>> {
        self.at += 1;
        let start = self.at;
        self.at = special(self.bytes, self.at);
        match self.bytes.get(self.at) {
            Some(b'"') => {
                let s = &self.text[start..self.at];
                self.at += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            _ => return self.error(),
        }
        let mut out = String::with_capacity(self.at - start + 16);
        out.push_str(&self.text[start..self.at]);
        loop {
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                Some(0x00..=0x1f) | None => return self.error(),
                Some(_) => {
                    // Copy the run up to the next quote, escape or control character.
                    let run = self.at;
                    self.at = special(self.bytes, self.at);
                    out.push_str(&self.text[run..self.at]);
                }
            }
        }
    }

    /// The character of an escape, the reader standing after its `\`.
    fn escape(&mut self) -> Result<char> {
        let c = match self.bytes.get(self.at) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                            return self.error();
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return self.error();
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return self.error(),
                    _ => first,
                };
                return char::from_u32(code).map_or_else(|| self.error(), Ok);
            }
            _ => return self.error(),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = match self.bytes.get(self.at) {
                Some(&b) => (b as char).to_digit(16),
                None => None,
            };
            let Some(digit) = digit else {
                return self.error();
            };
            value = value * 16 + digit;
            self.at += 1;
        }
        Ok(value)
    }

    /// Skips a number, checking its grammar; returns its text.
    pub(crate) fn number(&mut self) -> Result<&'t str> {
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.error(),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                return self.error();
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                return self.error();
            }
            self.digits();
        }
        Ok(&self.text[start..self.at])
    }

    fn digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<()> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(())
        } else {
            self.error()
        }
    }

    /// Skips the next value of any depth, checking its syntax without recursion, and describes
    /// it for error messages: `the number 7`, `the string "x"`, `an array`, ...
    pub(crate) fn skip(&mut self) -> Result<String> {
        let (_, kind) = self.peek()?;
        let found = match kind {
            Kind::String => {
                let s = self.string()?;
                return Ok(if s.chars().count() <= 40 {
                    format!("the string {s:?}")
                } else {
                    "a string".to_owned()
                });
            }
            Kind::Number => return Ok(format!("the number {}", self.number()?)),
            Kind::Bool => {
                let value = self.bytes[self.at] == b't';
                self.literal(if value { b"true" } else { b"false" })?;
                return Ok(format!("the boolean {value}"));
            }
            Kind::Null => {
                self.literal(b"null")?;
                return Ok("null".to_owned());
            }
            Kind::Object => "an object",
            Kind::Array => "an array",
        };
        self.skip_container()?;
        Ok(found.to_owned())
    }

    /// Skips an object or array, keeping the open containers on a heap stack.
    fn skip_container(&mut self) -> Result<()> {
        // Each open container: its closing byte and whether it is still empty.
        let mut stack: Vec<(u8, bool)> = Vec::new();
        loop {
            // Stands at the start of a value.
            let (_, kind) = self.peek()?;
            match kind {
                Kind::Object => {
                    self.at += 1;
                    stack.push((b'}', true));
                }
                Kind::Array => {
                    self.at += 1;
                    stack.push((b']', true));
                }
                Kind::String => {
                    self.string()?;
                }
                Kind::Number => {
                    self.number()?;
                }
                Kind::Bool => {
                    let word: &[u8] = if self.bytes[self.at] == b't' {
                        b"true"
                    } else {
                        b"false"
                    };
                    self.literal(word)?;
                }
                Kind::Null => self.literal(b"null")?,
            }
            // Close what ends here, then move to the next value.
            loop {
                let Some(&mut (close, ref mut empty)) = stack.last_mut() else {
                    return Ok(());
                };
                self.space();
                let next = self.bytes.get(self.at).copied();
                if next == Some(close) {
                    self.at += 1;
                    stack.pop();
                    continue;
                }
                if !std::mem::replace(empty, false) {
                    self.expect(b',')?;
                    self.space();
                }
                if close == b'}' {
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return self.error();
                    }
                    self.string()?;
                    self.space();
                    self.expect(b':')?;
                }
                break;
            }
        }
    }

    /// Checks that only white space is left.
    pub(crate) fn end(&mut self) -> Result<()> {
        self.space();
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            self.error()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the reader accepts the text as one JSON value, as serde_json does.
    fn accepts(text: &str) -> bool {
        let mut r = Reader::new(text);
        r.skip().and_then(|_| r.end()).is_ok()
    }

    #[test]
    fn accepts_what_serde_json_accepts() {
        let cases = [
            "{}",
            "[]",
            " [1, -0, 0.5, 1e3, -2E-7, 1.5e+2] ",
            r#"{"a": [true, false, null]}"#,
            r#""\u00e9\ud83d\ude00\n\t\"\\\/""#,
            "{\"a\":{\"b\":[[[]]]}}",
            "[1,]",
            "{,}",
            "[01]",
            "[1.]",
            "[.5]",
            "[1e]",
            "[-]",
            "[+1]",
            "[tru]",
            "[nul]",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\u{1}b\"",
            "{\"a\" 1}",
            "{1: 2}",
            "[1 2]",
            "[1] x",
            "",
            "{\"a\":}",
            "[\"\\u12\"]",
            "{\"a\":1,}",
        ];
        for text in cases {
            let serde = serde_json::from_str::<serde_json::Value>(text).is_ok();
            assert_eq!(accepts(text), serde, "{text:?}");
        }
    }

    #[test]
    fn strings_decode_as_serde_json_decodes_them() {
        for text in [
            r#""plain""#,
            r#""a\"b\\c\/d\be\ff\ng\rh\ti""#,
            r#""\u00e9\ud83d\ude00""#,
        ] {
            let mut r = Reader::new(text);
            let ours = r.string().unwrap();
            assert_eq!(ours, serde_json::from_str::<String>(text).unwrap());
        }
    }

    #[test]
    fn skipping_deep_nesting_needs_no_stack() {
        let depth = 1_000_000;
        let text = format!("{}1{}", "[{\"a\":".repeat(depth), "}]".repeat(depth));
        assert!(accepts(&text));
        assert!(!accepts(&text[..text.len() - 1]));
    }

    #[test]
    fn describes_what_it_skips() {
        let found = |text: &str| Reader::new(text).skip().unwrap();
        assert_eq!(found("7"), "the number 7");
        assert_eq!(found("\"x\""), "the string \"x\"");
        assert_eq!(found(&format!("\"{}\"", "y".repeat(41))), "a string");
        assert_eq!(found("true"), "the boolean true");
        assert_eq!(found("null"), "null");
        assert_eq!(found("[1]"), "an array");
        assert_eq!(found("{}"), "an object");
    }
}

/// The position of the first byte at or after `from` that ends a run of a JSON string's plain
/// characters (`"`, `\\` or a control character), or the end: eight bytes at a time, with the
/// zero-byte test of "Bit Twiddling Hacks" (the lowest flagged byte is always a true one).
fn special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(n * ONES) & !v & HIGH;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut w = [0; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        let found = below(w ^ (u64::from(b'"') * ONES), 1)
            | below(w ^ (u64::from(b'\\') * ONES), 1)
            | below(w, 0x20);
        if found != 0 {
            return at + found.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

#[cfg(test)]
mod special_tests {
    use super::special;

    #[test]
    fn special_finds_the_first_quote_escape_or_control_byte() {
        let naive = |b: &[u8], from: usize| {
            (from..b.len())
                .find(|&i| b[i] == b'"' || b[i] == b'\\' || b[i] < 0x20)
                .unwrap_or(b.len())
        };
        let mut seed: u64 = 7;
        let alphabet: &[u8] = b"ab \"\\\x01\x1f\x20\x7f\x80\xc3\xa9\xff!#";
        for len in 0..40 {
            for _ in 0..200 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        // Mostly plain letters, so that runs are long.
                        let r = (seed >> 33) as usize;
                        if r % 4 == 0 {
                            alphabet[r / 4 % alphabet.len()]
                        } else {
                            b'x'
                        }
                    })
                    .collect();
                for from in 0..=len {
                    assert_eq!(
                        special(&bytes, from),
                        naive(&bytes, from),
                        "{bytes:?} {from}"
                    );
                }
            }
        }
    }
}
