//! PEP 508 requirements (`name[extras] (specifiers) ; marker`, `name @ URL ; marker`), read as
//! Python's `packaging` (the reference reader, 26.4) reads a `packaging.requirements.Requirement`:
//! what it accepts is accepted, what it refuses is refused (`tests/interop/python/pep508.py`
//! compares the two on every requirement of the test corpora and on generated lines).
//!
//! Made for text from repositories that may be hostile: one pass over the line, so time in
//! proportion to its length; no recursion (a marker's parentheses are a stack of at most
//! [`MAX_NESTING`] positions, `packaging`'s own bound); no slicing inside a character and no
//! `unwrap` on what the text holds, so no panic. An error names what was wrong and its column (1-based, in
//! characters), with the closest valid text where there is one (`>==`: did you mean >=?).
//!
//! One rule is the crate's own: the URL of a direct reference must have a scheme pip installs
//! from (`https`, `git+https`, `file`, ...; `packaging` takes any text without spaces), read
//! as written (`${VAR}` is not replaced by the environment's value).

/// How deep a marker's parentheses may nest: `packaging`'s bound (CPython's parser's).
pub(crate) const MAX_NESTING: usize = 200;

/// The schemes of a direct reference's URL: those pip installs from (as pep508_rs listed them).
const SCHEMES: [&str; 25] = [
    "http",
    "https",
    "file",
    "git+git",
    "git+http",
    "git+https",
    "git+ssh",
    "git+file",
    "hg+file",
    "hg+http",
    "hg+https",
    "hg+ssh",
    "hg+static-http",
    "svn+ssh",
    "svn+http",
    "svn+https",
    "svn+svn",
    "svn+file",
    "bzr+http",
    "bzr+https",
    "bzr+ssh",
    "bzr+sftp",
    "bzr+ftp",
    "bzr+lp",
    "bzr+file",
];

/// The marker variables `packaging` knows, with its legacy aliases (`os.name`,
/// `python_implementation`, ...); `extras` before `extra`, the longer first.
const VARIABLES: [&str; 20] = [
    "python_version",
    "python_full_version",
    "os_name",
    "os.name",
    "sys_platform",
    "sys.platform",
    "platform_release",
    "platform_system",
    "platform_version",
    "platform.version",
    "platform_machine",
    "platform.machine",
    "platform_python_implementation",
    "platform.python_implementation",
    "python_implementation",
    "implementation_name",
    "implementation_version",
    "extras",
    "extra",
    "dependency_groups",
];

/// The version operators, in the order a hint prefers them.
const OPERATORS: [&str; 8] = ["==", "!=", ">=", "<=", "~=", "===", "<", ">"];

/// What detection uses of a requirement.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Requirement<'a> {
    /// The name as written.
    pub(crate) name: &'a str,
    /// The URL of a direct reference (`name @ URL`), as written.
    pub(crate) url: Option<&'a str>,
}

/// Reads one requirement; the error says what was wrong and at which column.
pub(crate) fn parse(text: &str) -> Result<Requirement<'_>, String> {
    let mut reader = Reader { s: text, pos: 0 };
    reader.requirement().map_err(|fail| fail.describe(text))
}

/// Why a line was refused, where.
#[derive(Debug)]
struct Fail {
    pos: usize,
    message: String,
    hint: Option<String>,
}

impl Fail {
    fn new(pos: usize, message: impl Into<String>) -> Self {
        Self {
            pos,
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    fn describe(self, text: &str) -> String {
        let mut out = format!("{}, at column {}", self.message, column(text, self.pos));
        if let Some(hint) = self.hint {
            out.push_str(&format!("; did you mean {hint}?"));
        }
        out
    }
}

/// The 1-based column, in characters, of a byte offset.
fn column(text: &str, pos: usize) -> usize {
    text.char_indices().take_while(|(i, _)| *i < pos).count() + 1
}

/// The character at a byte offset, if one starts there.
fn char_at(s: &str, pos: usize) -> Option<char> {
    s.get(pos..).and_then(|rest| rest.chars().next())
}

/// White space as Python's `str.isspace` and `re`'s `\s` see it.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A character of a word as `re`'s `\w` and `\b` see it.
fn py_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// The end of a run of ASCII digits from `i`.
fn digits(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// The end of a run of ASCII letters and digits from `i`.
fn alnums(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// Past one separator of a version's parts (`-`, `_`, `.`), if there is one at `i`.
fn sep(b: &[u8], i: usize) -> usize {
    if matches!(b.get(i), Some(b'-' | b'_' | b'.')) {
        i + 1
    } else {
        i
    }
}

/// The end of the first of `words` (any case) at `i`.
fn keyword(b: &[u8], i: usize, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|w| {
        b.get(i..i + w.len())
            .filter(|got| got.eq_ignore_ascii_case(w.as_bytes()))
            .map(|_| i + w.len())
    })
}

/// Past Python white space from `i`.
fn skip_py_space(s: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(s, i).filter(|c| py_space(*c)) {
        i += c.len_utf8();
    }
    i
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    /// `==`, `!=`: a wildcard (`1.*`) or a local version (`+cpu`).
    Equal,
    /// `~=`: at least two parts in the release.
    Compatible,
    /// `<`, `<=`, `>`, `>=`.
    Ordered,
}

/// The end of the version specifier at `pos` (`packaging`'s specifier expression, matched
/// there), if one is.
fn spec_at(s: &str, pos: usize) -> Option<usize> {
    let rest = s.get(pos..)?;
    let b = s.as_bytes();
    if rest.starts_with("===") {
        // Arbitrary equality: any text up to white space, `;` or `)`.
        let start = skip_py_space(s, pos + 3);
        let mut i = start;
        while let Some(c) = char_at(s, i).filter(|c| !py_space(*c) && !matches!(c, ';' | ')')) {
            i += c.len_utf8();
        }
        return (i > start).then_some(i);
    }
    let (len, kind) = if rest.starts_with("==") || rest.starts_with("!=") {
        (2, Kind::Equal)
    } else if rest.starts_with("~=") {
        (2, Kind::Compatible)
    } else if rest.starts_with("<=") || rest.starts_with(">=") {
        (2, Kind::Ordered)
    } else if rest.starts_with('<') || rest.starts_with('>') {
        (1, Kind::Ordered)
    } else {
        return None;
    };
    let mut i = skip_py_space(s, pos + len);
    if matches!(b.get(i), Some(b'v' | b'V')) {
        i += 1;
    }
    // Epoch.
    let d = digits(b, i);
    if d > i && b.get(d) == Some(&b'!') {
        i = d + 1;
    }
    // Release.
    let d = digits(b, i);
    if d == i {
        return None;
    }
    i = d;
    let mut parts = 1;
    while b.get(i) == Some(&b'.') && digits(b, i + 1) > i + 1 {
        i = digits(b, i + 1);
        parts += 1;
    }
    if kind == Kind::Compatible && parts < 2 {
        return None;
    }
    if kind == Kind::Equal && b.get(i) == Some(&b'.') && b.get(i + 1) == Some(&b'*') {
        return Some(i + 2);
    }
    // Pre-release.
    if let Some(k) = keyword(
        b,
        sep(b, i),
        &["alpha", "beta", "preview", "pre", "a", "b", "c", "rc"],
    ) {
        i = digits(b, sep(b, k));
    }
    // Post-release.
    if b.get(i) == Some(&b'-') && digits(b, i + 1) > i + 1 {
        i = digits(b, i + 1);
    } else if let Some(k) = keyword(b, sep(b, i), &["post", "rev", "r"]) {
        i = digits(b, sep(b, k));
    }
    // Development release.
    if let Some(k) = keyword(b, sep(b, i), &["dev"]) {
        i = digits(b, sep(b, k));
    }
    // Local version.
    if kind == Kind::Equal && b.get(i) == Some(&b'+') && alnums(b, i + 1) > i + 1 {
        i = alnums(b, i + 1);
        while matches!(b.get(i), Some(b'-' | b'_' | b'.')) && alnums(b, i + 1) > i + 1 {
            i = alnums(b, i + 1);
        }
    }
    Some(i)
}

/// Whether `item` is one version specifier and nothing else.
fn whole_spec(item: &str) -> bool {
    spec_at(item, 0).is_some_and(|end| item.get(end..).is_some_and(|r| r.chars().all(py_space)))
}

/// Whether `list` is a specifier set as `packaging`'s `SpecifierSet` reads one: items between
/// commas, empty ones skipped; with `commas`, no empty item but a last one after a comma.
fn specifier_set(list: &str, commas: bool) -> bool {
    let mut items = 0;
    let mut pieces = 0;
    for piece in list.split(',') {
        pieces += 1;
        let item = piece.trim_matches(py_space);
        if item.is_empty() {
            continue;
        }
        if !whole_spec(item) {
            return false;
        }
        items += 1;
    }
    !commas
        || items == pieces
        || (items > 0 && items + 1 == pieces && list.trim_end_matches([' ', '\t']).ends_with(','))
}

/// The valid operator closest to what is written at `pos` (`>==`, `=>`, `=`), if it is not one.
fn operator_hint(s: &str, pos: usize) -> Option<String> {
    let run: String = s
        .get(pos..)?
        .chars()
        .take_while(|c| matches!(c, '<' | '>' | '=' | '!' | '~'))
        .take(8)
        .collect();
    if run.is_empty() || OPERATORS.contains(&run.as_str()) {
        return None;
    }
    let swapped = match run.as_str() {
        "=>" => Some(">="),
        "=<" => Some("<="),
        "=!" | "<>" => Some("!="),
        "=~" => Some("~="),
        _ => None,
    };
    swapped
        .or_else(|| {
            OPERATORS
                .iter()
                .filter(|op| run.starts_with(**op))
                .max_by_key(|op| op.len())
                .copied()
        })
        .or_else(|| closest(&run, &OPERATORS, 1))
        .map(str::to_owned)
}

/// The candidate closest to `word` (by edits), if within `most` edits.
fn closest<'c>(word: &str, candidates: &[&'c str], most: usize) -> Option<&'c str> {
    let word: Vec<char> = word.chars().collect();
    candidates
        .iter()
        .map(|c| (distance(&word, c), *c))
        .filter(|(d, _)| *d <= most)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein's distance (both are short: at most 40 characters are compared).
fn distance(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Checks the text of a quoted string as Python's `ast.literal_eval` reads it (`packaging`
/// does, for a string with a `\` or a character that does not print): no NUL, no line break
/// but one a `\` continues, and valid escapes. Returns the offset and reason of a fault.
fn check_string(inner: &str) -> Result<(), (usize, &'static str)> {
    let b = inner.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            0 => return Err((i, "a quoted string holds a NUL character")),
            b'\n' | b'\r' => return Err((i, "a quoted string holds a line break")),
            b'\\' => {
                let hex = |from: usize, n: usize| {
                    b.get(from..from + n)
                        .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                        .map(|h| (from + n, h))
                };
                i = match b.get(i + 1) {
                    None => return Err((i, "a quoted string ends with a lone backslash")),
                    Some(0) => return Err((i + 1, "a quoted string holds a NUL character")),
                    Some(b'\r') if b.get(i + 2) == Some(&b'\n') => i + 3,
                    Some(b'x') => {
                        hex(i + 2, 2)
                            .ok_or((i, "\\x needs two hexadecimal digits"))?
                            .0
                    }
                    Some(b'u') => {
                        hex(i + 2, 4)
                            .ok_or((i, "\\u needs four hexadecimal digits"))?
                            .0
                    }
                    Some(b'U') => {
                        let (end, h) =
                            hex(i + 2, 8).ok_or((i, "\\U needs eight hexadecimal digits"))?;
                        let value = h
                            .iter()
                            .try_fold(0u32, |v, d| {
                                char::from(*d)
                                    .to_digit(16)
                                    .map(|d| v.saturating_mul(16) + d)
                            })
                            .unwrap_or(u32::MAX);
                        if value > 0x10_FFFF {
                            return Err((i, "\\U names no Unicode character"));
                        }
                        end
                    }
                    Some(b'N') => {
                        // A character by its name (`\N{BULLET}`): the name's form is checked,
                        // not that Unicode has it.
                        let name = b.get(i + 2..).unwrap_or_default();
                        let len = name
                            .strip_prefix(b"{")
                            .map(|n| {
                                n.iter()
                                    .take_while(|c| {
                                        c.is_ascii_alphanumeric() || matches!(c, b' ' | b'-')
                                    })
                                    .count()
                            })
                            .filter(|len| *len > 0 && name.get(len + 1) == Some(&b'}'));
                        i + 4 + len.ok_or((i, "\\N needs a character's name in braces"))?
                    }
                    // `\\`, a quote, `\n`, an octal escape, `\` and a line break (continued) or
                    // any other character (kept as written).
                    Some(_) => {
                        let next = char_at(inner, i + 1).map_or(1, char::len_utf8);
                        i + 1 + next
                    }
                };
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Whether a scheme pip installs from starts the URL, followed by a host (any text for `file:`).
fn installable_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if !SCHEMES.contains(&scheme) {
        return false;
    }
    if scheme == "file" {
        return !rest.is_empty();
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default()
    };
    !host.is_empty()
}

/// A reader of one requirement.
struct Reader<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn byte(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or_default()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.byte() == Some(b);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Past spaces and tabs (the only white space between a requirement's parts); whether
    /// there were any.
    fn ws(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.byte(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Whether `word` is at the cursor, not followed by a character of a word.
    fn word_at(&self, word: &str) -> bool {
        self.rest().starts_with(word)
            && !char_at(self.s, self.pos + word.len()).is_some_and(py_word)
    }

    /// A name or an extra: an ASCII letter or digit, then letters, digits, `.`, `-` and `_`,
    /// ending with a letter, a digit or `_`.
    fn identifier(&mut self, what: &str) -> Result<Option<&'a str>, Fail> {
        let b = self.s.as_bytes();
        if !b.get(self.pos).is_some_and(u8::is_ascii_alphanumeric) {
            return Ok(None);
        }
        let start = self.pos;
        let mut end = start;
        while b
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
        {
            end += 1;
        }
        if let Some(c) = char_at(self.s, end).filter(|c| py_word(*c)) {
            return Err(Fail::new(
                end,
                format!(
                    "{c:?} cannot be part of {what} (ASCII letters, digits, '.', '-' and '_' can)"
                ),
            ));
        }
        let token = self.s.get(start..end).unwrap_or_default();
        if token.ends_with(['.', '-']) {
            return Err(Fail::new(
                end - 1,
                format!("{what} {token:?} must end with a letter, a digit or '_'"),
            ));
        }
        self.pos = end;
        Ok(Some(token))
    }

    fn requirement(&mut self) -> Result<Requirement<'a>, Fail> {
        self.ws();
        let Some(name) = self.identifier("the name")? else {
            let message = match char_at(self.s, self.pos) {
                None => "expected a package name, found nothing".to_owned(),
                Some(c) => format!(
                    "expected a package name (starting with an ASCII letter or digit), found {c:?}"
                ),
            };
            return Err(Fail::new(self.pos, message));
        };
        self.ws();
        if self.byte() == Some(b'[') {
            self.extras()?;
            self.ws();
        }
        if self.eat(b'@') {
            self.ws();
            let start = self.pos;
            while let Some(c) = char_at(self.s, self.pos).filter(|c| !py_space(*c)) {
                self.pos += c.len_utf8();
            }
            if self.pos == start {
                return Err(Fail::new(self.pos, "expected a URL after '@'"));
            }
            let url = self.s.get(start..self.pos).unwrap_or_default();
            if !self.at_end() {
                if !self.ws() {
                    return Err(Fail::new(
                        self.pos,
                        "expected a space or a tab after the URL, then ';' and a marker",
                    ));
                }
                if !self.at_end() {
                    if !self.eat(b';') {
                        return Err(Fail::new(
                            self.pos,
                            "expected ';' (and a marker) or the end after the URL",
                        ));
                    }
                    self.marker()?;
                    self.end()?;
                }
            }
            if !installable_url(url) {
                return Err(Fail::new(
                    start,
                    "not a URL with a scheme pip installs from (https://, git+https://, \
                     file:, ...)",
                ));
            }
            return Ok(Requirement {
                name,
                url: Some(url),
            });
        }
        let read = self.specifier()?;
        if !self.at_end() {
            if !self.eat(b';') {
                return Err(self.after_specifier(read));
            }
            self.marker()?;
            self.end()?;
        }
        Ok(Requirement { name, url: None })
    }

    /// Why what follows the name (or its specifiers) is not `;` or the end.
    fn after_specifier(&self, read: bool) -> Fail {
        let rest = self.rest();
        if spec_at(self.s, self.pos).is_some() {
            return Fail::new(self.pos, "expected ',' between version specifiers");
        }
        if let Some(hint) = operator_hint(self.s, self.pos) {
            let run: String = rest
                .chars()
                .take_while(|c| matches!(c, '<' | '>' | '=' | '!' | '~'))
                .take(8)
                .collect();
            return Fail::new(self.pos, format!("{run:?} is not a version operator"))
                .hint(Some(hint));
        }
        if let Some(op) = OPERATORS
            .iter()
            .filter(|op| rest.starts_with(**op))
            .max_by_key(|op| op.len())
        {
            let example = if *op == "~=" {
                "~=1.4".to_owned()
            } else {
                format!("{op}1.0")
            };
            return Fail::new(
                self.pos,
                format!("expected a version after {op} (as in {example})"),
            );
        }
        if read {
            Fail::new(
                self.pos,
                "expected ',' and a version specifier, ';' or the end after the version specifier",
            )
        } else {
            Fail::new(
                self.pos,
                "expected a version specifier or ';' after the name",
            )
        }
    }

    /// `[extra, ...]`, the cursor on `[`.
    fn extras(&mut self) -> Result<(), Fail> {
        let open = self.pos;
        self.pos += 1;
        self.ws();
        if self.identifier("an extra")?.is_some() {
            loop {
                self.ws();
                if self.byte().is_some_and(|c| c.is_ascii_alphanumeric()) {
                    return Err(Fail::new(self.pos, "expected ',' between extras"));
                }
                if !self.eat(b',') {
                    break;
                }
                self.ws();
                if self.identifier("an extra")?.is_none() {
                    return Err(Fail::new(self.pos, "expected an extra's name after ','"));
                }
            }
        }
        self.ws();
        if !self.eat(b']') {
            return Err(Fail::new(
                self.pos,
                format!(
                    "expected ']' to close the extras opened at column {}",
                    column(self.s, open)
                ),
            ));
        }
        Ok(())
    }

    /// Version specifiers, bare (`>=1,<2`) or in parentheses (`(>=1)`); whether any was read.
    fn specifier(&mut self) -> Result<bool, Fail> {
        if self.byte() != Some(b'(') {
            return self.version_many();
        }
        let open = self.pos;
        self.pos += 1;
        self.ws();
        let read = self.version_many()?;
        if !self.eat(b')') {
            let fail = self.after_specifier(read);
            let message = format!(
                "expected ')' to close the version specifiers opened at column {}",
                column(self.s, open)
            );
            return Err(match fail.hint {
                Some(_) => fail,
                None => Fail::new(self.pos, message),
            });
        }
        self.ws();
        Ok(read)
    }

    /// Specifiers separated by commas, read as `packaging` reads them: the printable ASCII up to
    /// `;`, `)` or the end as one set if it is one, else one specifier after another.
    fn version_many(&mut self) -> Result<bool, Fail> {
        if self.at_end() {
            return Ok(false);
        }
        let b = self.s.as_bytes();
        let mut end = self.pos;
        while b
            .get(end)
            .is_some_and(|&c| c == b'\t' || ((0x20..=0x7e).contains(&c) && c != b')' && c != b';'))
        {
            end += 1;
        }
        if end > self.pos
            && matches!(b.get(end), None | Some(b';' | b')'))
            && specifier_set(self.s.get(self.pos..end).unwrap_or_default(), true)
        {
            self.pos = end;
            return Ok(true);
        }
        let mut read = false;
        while let Some(end) = spec_at(self.s, self.pos) {
            let start = self.pos;
            let token = self.s.get(start..end).unwrap_or_default();
            // An arbitrary version takes commas in (`===a,b`): `packaging` splits them after.
            if token.starts_with("===") && !specifier_set(token, false) {
                return Err(Fail::new(
                    start,
                    format!("{token:?} is not a list of version specifiers"),
                ));
            }
            self.pos = end;
            read = true;
            if self.rest().starts_with(".*") {
                let message = if token.starts_with("==") || token.starts_with("!=") {
                    ".* cannot follow a pre-release, post-release, development or local version"
                } else {
                    ".* can only follow == or !="
                };
                return Err(Fail::new(end, message));
            }
            if self.rest().starts_with('+') {
                return Err(Fail::new(
                    end,
                    "a local version (+label) can only follow == or !=",
                ));
            }
            self.ws();
            if !self.eat(b',') {
                break;
            }
            self.ws();
        }
        Ok(read)
    }

    /// The end of the requirement, after its marker.
    fn end(&self) -> Result<(), Fail> {
        if self.at_end() {
            return Ok(());
        }
        Err(
            Fail::new(self.pos, "expected 'and', 'or' or the end after the marker")
                .hint(self.and_or_hint()),
        )
    }

    /// `and` or `or` when the word here is one of them in another case (`AND`): the hint of a
    /// marker's error.
    fn and_or_hint(&self) -> Option<String> {
        let word: String = self
            .rest()
            .chars()
            .take_while(|c| py_word(*c))
            .take(8)
            .collect();
        ["and", "or"]
            .into_iter()
            .find(|w| word.eq_ignore_ascii_case(w))
            .map(str::to_owned)
    }

    /// A marker: comparisons joined by `and` and `or`, in parentheses at most
    /// [`MAX_NESTING`] deep; the open parentheses are a stack, not a recursion.
    fn marker(&mut self) -> Result<(), Fail> {
        let mut open: Vec<usize> = Vec::new();
        'atom: loop {
            self.ws();
            if self.byte() == Some(b'(') {
                if open.len() >= MAX_NESTING {
                    return Err(Fail::new(
                        self.pos,
                        format!("a marker nests at most {MAX_NESTING} parentheses deep"),
                    ));
                }
                open.push(self.pos);
                self.pos += 1;
                continue;
            }
            self.comparison()?;
            self.ws();
            loop {
                if self.word_at("and") {
                    self.pos += 3;
                    continue 'atom;
                }
                if self.word_at("or") {
                    self.pos += 2;
                    continue 'atom;
                }
                let Some(&at) = open.last() else {
                    return Ok(());
                };
                if !self.eat(b')') {
                    let hint = self.and_or_hint();
                    return Err(Fail::new(
                        self.pos,
                        format!(
                            "expected 'and', 'or' or ')' to close the '(' at column {}",
                            column(self.s, at)
                        ),
                    )
                    .hint(hint));
                }
                open.pop();
                self.ws();
            }
        }
    }

    /// `variable op value`: two operands (variables or quoted strings) and an operator.
    fn comparison(&mut self) -> Result<(), Fail> {
        self.operand()?;
        self.ws();
        self.marker_op()?;
        self.ws();
        self.operand()
    }

    fn operand(&mut self) -> Result<(), Fail> {
        if let Some(quote) = self.byte().filter(|q| matches!(q, b'\'' | b'"')) {
            let start = self.pos;
            let inner = self.s.get(start + 1..).unwrap_or_default();
            let Some(len) = inner.find(char::from(quote)) else {
                return Err(Fail::new(start, "a quoted string is not closed"));
            };
            let inner = inner.get(..len).unwrap_or_default();
            check_string(inner).map_err(|(at, why)| Fail::new(start + 1 + at, why))?;
            self.pos = start + len + 2;
            return Ok(());
        }
        if let Some(var) = VARIABLES.iter().find(|v| self.word_at(v)) {
            self.pos += var.len();
            return Ok(());
        }
        let word: String = self
            .rest()
            .chars()
            .take_while(|c| py_word(*c) || *c == '.')
            .take(40)
            .collect();
        let message = if word.is_empty() {
            "expected a marker variable (python_version, sys_platform, extra, ...) or a quoted \
             string"
                .to_owned()
        } else {
            format!("{word:?} is not a marker variable (python_version, sys_platform, extra, ...)")
        };
        let hint = (!word.is_empty())
            .then(|| closest(&word, &VARIABLES, 3))
            .flatten()
            .map(str::to_owned);
        Err(Fail::new(self.pos, message).hint(hint))
    }

    fn marker_op(&mut self) -> Result<(), Fail> {
        if self.word_at("in") {
            self.pos += 2;
            return Ok(());
        }
        if self.word_at("not") {
            self.pos += 3;
            if !self.ws() {
                return Err(Fail::new(self.pos, "expected a space after 'not'"));
            }
            if !self.word_at("in") {
                return Err(Fail::new(self.pos, "expected 'in' after 'not'"));
            }
            self.pos += 2;
            return Ok(());
        }
        for op in ["===", "==", "~=", "!=", "<=", ">=", "<", ">"] {
            if self.rest().starts_with(op) {
                self.pos += op.len();
                return Ok(());
            }
        }
        Err(Fail::new(
            self.pos,
            "expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in)",
        )
        .hint(operator_hint(self.s, self.pos)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> Result<&str, String> {
        parse(text).map(|r| r.name)
    }

    #[track_caller]
    fn refused(text: &str, want: &str) {
        match parse(text) {
            Ok(r) => panic!("{text:?} was read: {r:?}"),
            Err(e) => assert!(e.contains(want), "{text:?}: {e}"),
        }
    }

    #[test]
    fn names_and_extras() {
        assert_eq!(name("garak"), Ok("garak"));
        assert_eq!(name("  Garak.Core_x-1\t"), Ok("Garak.Core_x-1"));
        // `packaging` ends a name at a word boundary: `_` ends one, `.` and `-` do not.
        assert_eq!(name("a_"), Ok("a_"));
        refused("a-", "must end with a letter, a digit or '_', at column 2");
        refused("a.", "must end with");
        refused("_a", "expected a package name");
        refused("", "found nothing");
        refused("garak_\u{e9}", "'é' cannot be part of the name");
        assert_eq!(name("garak[all]"), Ok("garak"));
        assert_eq!(name("garak [ all , dev ] >=1"), Ok("garak"));
        assert_eq!(name("garak[]"), Ok("garak"));
        refused("garak[all-]", "an extra \"all-\" must end with");
        refused("garak[all,]", "expected an extra's name after ','");
        refused("garak[a b]", "expected ',' between extras, at column 9");
        refused(
            "garak[a",
            "expected ']' to close the extras opened at column 6",
        );
    }

    #[test]
    fn version_specifiers() {
        for ok in [
            "a>=1",
            "a >= 1.0, < 2",
            "a (>=1)",
            "a(>=1,<2)",
            "a ()",
            "a ==1.*",
            "a !=1.2.*",
            "a ==1.0+cpu.1",
            "a ===anything,>=1",
            "a ===é",
            "a ~=1.4.5rc1.post2.dev3",
            "a >=1,",
            "a ==v1!2.0-1",
            "a ==\u{a0}1.0",
            "a >=1.0a",
            "a <=1.0.POST",
        ] {
            assert!(parse(ok).is_ok(), "{ok:?}: {:?}", parse(ok));
        }
        refused(
            "garak >== 1",
            "\">==\" is not a version operator, at column 7; did you mean >=?",
        );
        refused("a => 1", "did you mean >=?");
        refused("a = 1", "did you mean ==?");
        refused(
            "a 1.0",
            "expected a version specifier or ';' after the name, at column 3",
        );
        refused("a >=", "expected a version after >=");
        refused("a ~=1", "expected a version after ~=");
        refused("a >=1.*", ".* can only follow == or !=");
        refused("a ==1.0a1.*", ".* cannot follow");
        refused("a >=1+local", "a local version");
        refused("a >=1,,<2", "after the version specifier");
        refused(
            "a (>=1",
            "expected ')' to close the version specifiers opened at column 3",
        );
        refused("a ===a,b", "is not a list of version specifiers");
    }

    #[test]
    fn urls() {
        let r = parse("pkg @ https://example.com/pkg.whl ; python_version >= '3.9'").unwrap();
        assert_eq!(r.url, Some("https://example.com/pkg.whl"));
        assert!(parse("pkg@git+https://github.com/o/r.git@v1").is_ok());
        assert!(parse("pkg @ file:///${PROJECT_ROOT}/pkg").is_ok());
        assert!(parse("pkg[x] @ https://h/p ").is_ok());
        // Without a space, `;` is part of the URL (as for `packaging`).
        assert!(parse("pkg @ https://h/p;python_version>'3'").is_ok());
        refused(
            "pkg @ https://h/p; python_version>'3'",
            "expected ';' (and a marker) or the end after the URL",
        );
        refused("pkg @ ", "expected a URL after '@', at column 7");
        refused("pkg @ ${URL}", "not a URL with a scheme pip installs from");
        refused("pkg @ ftp://h/p", "not a URL with a scheme");
        refused("pkg @ https:///p", "not a URL with a scheme");
    }

    #[test]
    fn markers() {
        for ok in [
            "a; python_version >= '3.9'",
            "a ;python_version>='3.9'and(os_name=='nt'or sys_platform=='linux')",
            "a; extra == 'dev'",
            "a; 'dev' in extras",
            "a; 'x' not  in dependency_groups",
            "a; os.name == 'posix' and platform.python_implementation == 'CPython'",
            "a; python_implementation == 'CPython'",
            "a; python_version === '3.9' or python_version ~= '3.9'",
            "a; ( ( python_version > '3' ) )",
            "a; os_name == \"it's\"",
            "a; os_name == 'caf\u{e9}'",
            "a; os_name == '\\x41\\u0041\\U00000041\\N{BULLET}\\d'",
        ] {
            assert!(parse(ok).is_ok(), "{ok:?}: {:?}", parse(ok));
        }
        refused(
            "a; python_versoin >= '3'",
            "\"python_versoin\" is not a marker variable (python_version, sys_platform, extra, \
             ...), at column 4; did you mean python_version?",
        );
        refused("a; python_version => '3'", "did you mean >=?");
        refused(
            "a; python_version >= '3' AND os_name == 'nt'",
            "did you mean and?",
        );
        refused(
            "a; (python_version >= '3'",
            "')' to close the '(' at column 4",
        );
        refused(
            "a; python_version >= '3",
            "a quoted string is not closed, at column 22",
        );
        refused(
            "a; python_version >= '\\x4'",
            "\\x needs two hexadecimal digits",
        );
        refused("a; python_version >= '3\\'", "a lone backslash");
        refused(
            "a; python_version >= '\\U00110000'",
            "names no Unicode character",
        );
        refused("a; os_name == 'a\u{0}'", "NUL");
        refused("a; 'x' notin extras", "expected a marker operator");
        refused("a; 'x' not extras", "expected 'in' after 'not'");
        refused("a;", "expected a marker variable");
        refused("a; extras_x == '1'", "is not a marker variable");
    }

    #[test]
    fn nesting_is_bounded_without_recursion() {
        let deep = |n: usize| format!("a; {}python_version > '3'{}", "(".repeat(n), ")".repeat(n));
        assert!(parse(&deep(MAX_NESTING)).is_ok());
        refused(
            &deep(MAX_NESTING + 1),
            "at most 200 parentheses deep, at column 204",
        );
        refused(&deep(20_000), "at most 200 parentheses deep");
        refused("a; (", "expected a marker variable");
    }

    #[test]
    fn columns_count_characters() {
        refused("a; os_name == '\u{e9}' xor", "at column 19");
        assert_eq!(column("\u{e9}\u{e9}x", 4), 3);
        // Never a slice inside a character, whatever follows what.
        for text in [
            "\u{e9}",
            "a\u{e9}",
            "a[\u{e9}]",
            "a (\u{e9}",
            "a; \u{e9}",
            "a ==\u{e9}",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
    }
}
