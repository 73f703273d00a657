//! `setup.py`, never executed: the `install_requires` and `extras_require` it gives as literals.
//! The file is read as Python tokens (names, strings, brackets, comments); a keyword or a
//! module-level variable `install_requires` bound to a list of string literals (or to a name
//! bound to one), and `extras_require` bound to a dict literal whose values are such lists (or
//! names of them), are read; anything computed (a call, a comprehension, `+`) is a note, since
//! only running the file could say what it gives.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::detector::{Detected, Detector, FileFormat, Source, Want, lower_name};
use super::{DetectError, Found, Note};
use crate::registry::package::Ecosystem;

/// A Python token, with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Str(String),
    Punct(char),
    /// A number, an operator of more than one character, anything else.
    Other,
}

/// The tokens of a Python source, comments dropped; the error is the offset of a string that is
/// not terminated.
fn tokens(text: &str) -> Result<Vec<(usize, Token)>, usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if b.is_ascii_whitespace() || b == b'\\' {
            i += 1;
        } else if b == b'"' || b == b'\'' {
            let start = i;
            let triple = bytes.get(i..i + 3) == Some(&[b, b, b][..]);
            let close: &[u8] = if triple {
                &bytes[i..i + 3]
            } else {
                &bytes[i..=i]
            };
            i += close.len();
            let body = i;
            loop {
                if i >= bytes.len() {
                    return Err(start);
                }
                if bytes[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if !triple && bytes[i] == b'\n' {
                    return Err(start);
                }
                if bytes[i..].starts_with(close) {
                    break;
                }
                i += 1;
            }
            let value = text.get(body..i).ok_or(start)?.to_owned();
            i += close.len();
            out.push((start, Token::Str(value)));
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            // A string prefix (`r"..."`, `u'...'`): the string follows, read as the next token.
            let word = &text[start..i];
            let prefix = word.len() <= 2 && word.bytes().all(|c| b"rRbBuU".contains(&c));
            if !(prefix && matches!(bytes.get(i), Some(b'"' | b'\''))) {
                out.push((start, Token::Name(word.to_owned())));
            }
        } else if matches!(
            b,
            b'[' | b']' | b'{' | b'}' | b'(' | b')' | b',' | b':' | b'='
        ) {
            // `==`, `+=` and the like are not an assignment.
            if b == b'=' && bytes.get(i + 1) == Some(&b'=') {
                out.push((i, Token::Other));
                i += 2;
                continue;
            }
            out.push((i, Token::Punct(char::from(b))));
            i += 1;
        } else {
            let start = i;
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            out.push((start, Token::Other));
        }
    }
    Ok(out)
}

/// A list of string literals at `tokens[at]` (an opening `[`): its strings with their offsets
/// and the index after its `]`; `None` when it holds anything else.
fn literal_list(tokens: &[(usize, Token)], at: usize) -> Option<(Vec<(usize, String)>, usize)> {
    if tokens.get(at)?.1 != Token::Punct('[') {
        return None;
    }
    let mut items = Vec::new();
    let mut i = at + 1;
    loop {
        match &tokens.get(i)?.1 {
            Token::Punct(']') => return Some((items, i + 1)),
            Token::Str(s) => {
                // Adjacent literals concatenate, as Python reads them.
                let mut value = s.clone();
                let offset = tokens[i].0;
                while let Some((_, Token::Str(more))) = tokens.get(i + 1) {
                    value.push_str(more);
                    i += 1;
                }
                items.push((offset, value));
                i += 1;
                match &tokens.get(i)?.1 {
                    Token::Punct(',') => i += 1,
                    Token::Punct(']') => {}
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
}

/// What a value at `tokens[at]` is: a literal list, or a name bound to one.
enum Value {
    List(usize),
    Name(String),
    Computed,
}

fn value_at(tokens: &[(usize, Token)], at: usize) -> Value {
    match tokens.get(at).map(|t| &t.1) {
        Some(Token::Punct('[')) if literal_list(tokens, at).is_some() => Value::List(at),
        Some(Token::Name(name)) => match tokens.get(at + 1).map(|t| &t.1) {
            Some(Token::Punct(',' | ')' | '}')) | None => Value::Name(name.clone()),
            _ => Value::Computed,
        },
        _ => Value::Computed,
    }
}

/// The index of the `,` or closing bracket that ends the value starting at `tokens[at]`.
fn skip_value(tokens: &[(usize, Token)], at: usize) -> usize {
    let mut depth = 0usize;
    let mut i = at;
    while let Some((_, token)) = tokens.get(i) {
        match token {
            Token::Punct('[' | '{' | '(') => depth += 1,
            Token::Punct(']' | '}' | ')') if depth == 0 => return i,
            Token::Punct(']' | '}' | ')') => depth -= 1,
            Token::Punct(',') if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

fn setup_py(s: &Source<'_>) -> Result<Detected, DetectError> {
    let mut detected = Detected::default();
    // A module named `setup.py` inside a package (`src/pkg/models/setup.py`) is no setup script:
    // one imports setuptools (or distutils).
    let imports = [
        "from setuptools",
        "import setuptools",
        "from distutils",
        "import distutils",
    ];
    if !imports.iter().any(|i| s.text().contains(i)) {
        return Ok(detected);
    }
    let tokens = tokens(s.text()).map_err(|at| {
        DetectError::new(
            s.path(),
            Some(s.line(at)),
            "not Python source that can be read: a string is not terminated",
        )
    })?;
    // Module-level names bound to literal lists (`install_requires = [...]`), by where the list
    // starts.
    let mut lists: HashMap<String, usize> = HashMap::new();
    // Module-level names bound to a dict literal (`extras = {'dev': [...]}`), by where it starts:
    // an `extras_require=extras` reads its literal entries (entries added later by subscript,
    // `extras['all'] = ...`, are computed and not read).
    let mut dicts: HashMap<String, usize> = HashMap::new();
    // What `install_requires` and `extras_require` are bound to, with the offset of the key.
    let mut wanted: Vec<(usize, String, Value)> = Vec::new();
    // How many brackets are open before each token: a name followed by `=` at depth 0 is a
    // module-level binding, inside a call's parentheses a keyword argument.
    let mut depth = 0usize;
    let depths: Vec<usize> = tokens
        .iter()
        .map(|(_, t)| {
            let here = depth;
            match t {
                Token::Punct('(' | '[' | '{') => depth += 1,
                Token::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            here
        })
        .collect();
    for i in 0..tokens.len() {
        let (Token::Name(name), Some((_, Token::Punct('=')))) = (&tokens[i].1, tokens.get(i + 1))
        else {
            continue;
        };
        if depths[i] == 0 {
            // A name bound again to something else is no longer the literal.
            if matches!(tokens[i + 2..].first(), Some((_, Token::Punct('['))))
                && literal_list(&tokens, i + 2).is_some()
            {
                lists.insert(name.clone(), i + 2);
            } else {
                lists.remove(name);
            }
            if matches!(tokens[i + 2..].first(), Some((_, Token::Punct('{')))) {
                dicts.insert(name.clone(), i + 2);
            } else {
                dicts.remove(name);
            }
        }
        match name.as_str() {
            "install_requires" => {
                wanted.push((
                    tokens[i].0,
                    "install_requires".to_owned(),
                    value_at(&tokens, i + 2),
                ));
            }
            "extras_require" => {
                let mut at = i + 2;
                if tokens.get(at).map(|t| &t.1) != Some(&Token::Punct('{')) {
                    match value_at(&tokens, at) {
                        Value::Name(bound) if dicts.contains_key(&bound) => at = dicts[&bound],
                        Value::Name(_) | Value::Computed => {
                            wanted.push((
                                tokens[i].0,
                                "extras_require".to_owned(),
                                Value::Computed,
                            ));
                            continue;
                        }
                        Value::List(_) => continue,
                    }
                }
                // `{'key': [...] or NAME, ...}`
                let mut j = at + 1;
                loop {
                    match tokens.get(j).map(|t| &t.1) {
                        Some(Token::Punct('}')) | None => break,
                        Some(Token::Str(key))
                            if tokens.get(j + 1).map(|t| &t.1) == Some(&Token::Punct(':')) =>
                        {
                            let what = format!("extras_require {key:?}");
                            let value = value_at(&tokens, j + 2);
                            let next = skip_value(&tokens, j + 2);
                            wanted.push((tokens[j].0, what, value));
                            j = next;
                            if tokens.get(j).map(|t| &t.1) == Some(&Token::Punct(',')) {
                                j += 1;
                            }
                        }
                        _ => {
                            wanted.push((
                                tokens[j].0,
                                "extras_require".to_owned(),
                                Value::Computed,
                            ));
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Each literal list is read once, however many names reach it.
    let mut read: HashSet<usize> = HashSet::new();
    for (offset, what, value) in wanted {
        let list = match value {
            Value::List(at) => Some(at),
            Value::Name(name) => lists.get(&name).copied(),
            Value::Computed => None,
        };
        let Some(at) = list else {
            detected.notes.push(Note::info(
                s.line(offset),
                format!("{what} is computed, not a literal list: not read (setup.py is never run)"),
            ));
            continue;
        };
        if !read.insert(at) {
            continue;
        }
        let Some((items, _)) = literal_list(&tokens, at) else {
            continue;
        };
        for (offset, requirement) in items {
            let line = s.line(offset);
            match super::python::requirement_name(&requirement) {
                Ok(package) => detected.found.push(Found {
                    line,
                    ecosystem: Ecosystem::PyPi,
                    package,
                    direct: true,
                    local: false,
                }),
                Err(message) => detected
                    .notes
                    .push(Note::warning(line, format!("{what}: {message}: left out"))),
            }
        }
    }
    detected.found.sort_by_key(|f| f.line);
    Ok(detected)
}

/// `setup.py`.
pub(crate) struct SetupPy;

impl Detector for SetupPy {
    fn name(&self) -> &'static str {
        "setup-py"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "setup-py",
            files: "`setup.py` (never run)",
            reads: "in a file that imports setuptools (or distutils), `install_requires` and \
                    `extras_require` where they are literals: a list of strings, a dict of such \
                    lists, or a module-level name bound to one; all direct; a computed value is a \
                    note",
        }]
    }

    fn short(&self) -> &'static str {
        "setup.py"
    }

    fn wants(&self, path: &Path) -> Want {
        if lower_name(path).is_some_and(|n| n == "setup.py") {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        setup_py(source).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::{Token, literal_list, tokens};

    #[test]
    fn python_tokens_as_setup_py_writes_them() {
        let text = "\"\"\"doc \"string\" \"\"\"\nreqs = [r'garak', \"model\" \"scan\",  # comment\n] # end\nif a == b: pass\n";
        let t = tokens(text).unwrap();
        assert_eq!(t[0].1, Token::Str("doc \"string\" ".to_owned()));
        assert_eq!(t[1].1, Token::Name("reqs".to_owned()));
        assert_eq!(t[2].1, Token::Punct('='));
        let (items, _) = literal_list(&t, 3).unwrap();
        let values: Vec<&str> = items.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, ["garak", "modelscan"]);
        // `==` is not an assignment.
        assert!(!t.iter().skip(8).any(|(_, t)| *t == Token::Punct('=')));
        assert_eq!(tokens("x = 'open\n"), Err(4));
    }
}
