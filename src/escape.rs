//! Text a repository wrote, made safe for every stream it can reach.
//!
//! Everything a scanned repository contains may be hostile: a file name, a package name, a line
//! quoted from a manifest, an acceptance's `reason`. Shown raw, such text can start a workflow
//! command (the GitHub Actions runner reads every line of a step's output, split at CR, LF and
//! CRLF, and runs a line that starts with `::` after its leading white space, or that holds
//! `##[` anywhere), move a terminal's cursor or rewrite its title (ESC and C1 sequences), reorder
//! what a reviewer reads (bidirectional controls), or forge a job summary (Markdown and HTML).
//!
//! - [`text`] is the one escape of repository text for a line-oriented stream (the text form of
//!   diagnostics, tables, standard error): controls and bidirectional marks become visible
//!   escapes (`\r`, `\n`, `\t`, `\u{1b}`), and `##[` becomes `#\u{23}[`. Every
//!   [`Diagnostic`](crate::Diagnostic)'s text form goes through it.
//! - [`markdown`] and [`markdown_code`] make repository text inert in GitHub-flavoured Markdown:
//!   no raw HTML, no links or images, no emphasis, safe in a table cell.
//! - [`json`] makes a JSON document safe to print to a CI log without changing what it means:
//!   the characters [`text`] escapes become `\uXXXX` escapes inside the strings.
//! - [`lines`] is the last guard of a whole output: a line that would still start a workflow
//!   command is neutralised, and so is any control character left.
//!
//! ```
//! use mlsecops_taxonomy::escape;
//! assert_eq!(escape::text("req.txt\n::add-mask::x"), "req.txt\\n::add-mask::x");
//! assert_eq!(escape::text("\u{1b}]0;title\u{7}"), "\\u{1b}]0;title\\u{7}");
//! assert_eq!(escape::text("a ##[set-output name=x]1"), "a #\\u{23}[set-output name=x]1");
//! assert_eq!(escape::markdown("<img src=x onerror=alert(1)>"),
//!            "\\<img src=x onerror=alert(1)\\>");
//! assert_eq!(escape::lines("ok\n  ::warning::forged\n", false), "ok\n  \\u{3a}:warning::forged\n");
//! ```

use std::borrow::Cow;

/// Whether `c` is shown as an escape: the C0 controls, DEL, the C1 controls, the bidirectional
/// marks, embeddings, overrides and isolates, the line and paragraph separators and the byte
/// order mark.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c => {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// Repository text for a line-oriented stream: each character [`is_unsafe_char`] says is unsafe
/// becomes a visible escape (`\t`, `\r`, `\n`, else `\u{hex}`), and `##[` (a legacy workflow
/// command anywhere in a line) becomes `#\u{23}[`. Text without any is returned as is.
///
/// ```
/// use mlsecops_taxonomy::escape;
/// assert_eq!(escape::text("garak"), "garak");
/// assert_eq!(escape::text("a\r\nb\u{202e}"), "a\\r\\nb\\u{202e}");
/// ```
pub fn text(text: &str) -> Cow<'_, str> {
    rewrite(text, is_unsafe_char, "#\\u{23}[", push_escaped)
}

/// `text` with each character `bad` names pushed by `push`, and `##[` replaced by `legacy`;
/// borrowed when there is none.
fn rewrite<'t>(
    text: &'t str,
    bad: impl Fn(char) -> bool,
    legacy: &str,
    push: impl Fn(&mut String, char),
) -> Cow<'t, str> {
    if !text.contains("##[") && !text.chars().any(&bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("##[") {
            out.push_str(legacy);
            rest = after;
            continue;
        }
        if bad(c) {
            push(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// A path a repository named, for the start of a line: as [`text`], and with `./` before a
/// path that starts with `:` or white space, so that the line cannot read as a workflow
/// command.
///
/// ```
/// use mlsecops_taxonomy::escape;
/// assert_eq!(escape::path("::warning::requirements.txt"), "./::warning::requirements.txt");
/// assert_eq!(escape::path("src/requirements.txt"), "src/requirements.txt");
/// ```
pub fn path(path: &str) -> Cow<'_, str> {
    let escaped = text(path);
    if escaped.starts_with(|c: char| c == ':' || c.is_whitespace()) {
        Cow::Owned(format!("./{escaped}"))
    } else {
        escaped
    }
}

/// Repository text as inert GitHub-flavoured Markdown, for prose and table cells: escaped as
/// [`text`], then each character that gives Markdown a meaning inside a line is escaped with a
/// backslash (`` \ ` * _ [ ] < > | ~ & @ ``, the `:` of `://` and the `.` of `www.`), so that
/// no HTML, entity, link, image, emphasis, code span or table cell can start in it, nor a bare
/// `https://`, `www.` or e-mail autolink. Put it in the middle of a line (a table cell, after a
/// list marker): `#`, `-`, `=` and digits keep their meaning at a line's start.
///
/// ```
/// use mlsecops_taxonomy::escape;
/// assert_eq!(escape::markdown("[x](https://e.example)"), "\\[x\\](https\\://e.example)");
/// assert_eq!(escape::markdown("a | b, www.x.org, a@b.org"), "a \\| b, www\\.x.org, a\\@b.org");
/// ```
pub fn markdown(raw: &str) -> String {
    let safe = text(raw);
    let mut out = String::with_capacity(safe.len() + 8);
    for (i, c) in safe.char_indices() {
        let special = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '@' => true,
            // An entity (`&lt;`, `&#60;`) needs a letter, digit or `#` after the `&`.
            '&' => safe[i + 1..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '#'),
            ':' => safe[i..].starts_with("://"),
            '.' => safe[..i]
                .get(i.saturating_sub(3)..)
                .is_some_and(|w| w.eq_ignore_ascii_case("www")),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Repository text as a Markdown code span, safe in a table cell: escaped as [`text`], fenced
/// with one backtick more than its longest run of backticks (padded with a space when it
/// starts or ends with one), `|` escaped for GitHub's tables. Nothing in a code span is HTML or
/// a link.
///
/// ```
/// use mlsecops_taxonomy::escape;
/// assert_eq!(escape::markdown_code("requirements.txt"), "`requirements.txt`");
/// assert_eq!(escape::markdown_code("a`b|c"), "``a`b\\|c``");
/// assert_eq!(escape::markdown_code("`x"), "`` `x ``");
/// ```
pub fn markdown_code(raw: &str) -> String {
    let safe = text(raw).replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in safe.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if safe.starts_with('`') || safe.ends_with('`') || safe.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{safe}{pad}{fence}")
}

/// A JSON document (as serde_json writes it: C0 controls in strings already escaped) safe to
/// print to a terminal or a CI log, meaning the same: every character [`is_unsafe_char`] names
/// that JSON leaves raw (DEL, C1 controls, bidirectional marks, separators) and the `#` of `##[`
/// become `\uXXXX` escapes. Such characters can only be
/// inside strings in a JSON document, where the escape stands for the same character.
///
/// ```
/// use mlsecops_taxonomy::escape;
/// assert_eq!(escape::json("{\"a\": \"##[x\u{85}\"}"), "{\"a\": \"#\\u0023[x\\u0085\"}");
/// ```
pub fn json(document: &str) -> Cow<'_, str> {
    // A C0 control in a JSON document is the white space between its tokens (strings escape
    // theirs): left alone.
    rewrite(
        document,
        |c| c >= '\u{7f}' && is_unsafe_char(c),
        "#\\u0023[",
        |out, c| {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        },
    )
}

/// Whether a line is a GitHub Actions annotation the crate writes: `::error`, `::warning` or
/// `::notice`, then its properties or `::`.
fn is_annotation(line: &str) -> bool {
    ["::error", "::warning", "::notice"].iter().any(|c| {
        line.strip_prefix(c)
            .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with("::"))
    })
}

/// The last guard of a whole output (standard output or standard error): the line breaks are
/// the `\n` the output was written with and tabs are left alone; any other control character
/// left in it becomes an escape as in [`text`], `##[` becomes `#\u{23}[`, and a line that would still start a workflow
/// command (`::` after white space) has its first `:` escaped as `\u{3a}`, unless
/// `annotations` allows the crate's own annotation lines (`::error …`, `::warning …`,
/// `::notice …`: the `github` format). Output that needs none of this is returned as is.
///
/// ```
/// use mlsecops_taxonomy::escape;
/// let annotation = "::error file=a,line=1::x\n";
/// assert_eq!(escape::lines(annotation, true), annotation);
/// assert_eq!(escape::lines("::add-mask::x\n", true), "\\u{3a}:add-mask::x\n");
/// assert_eq!(escape::lines("a\rb\n", false), "a\\rb\n");
/// ```
pub fn lines(output: &str, annotations: bool) -> Cow<'_, str> {
    let command = |line: &str| {
        let start = line.trim_start();
        start.starts_with("::") && !(annotations && is_annotation(line))
    };
    let unsafe_line = |line: &str| {
        command(line)
            || line.contains("##[")
            || line.chars().any(|c| c != '\t' && is_unsafe_char(c))
    };
    if !output.split('\n').any(unsafe_line) {
        return Cow::Borrowed(output);
    }
    let mut out = String::with_capacity(output.len() + 16);
    for (i, line) in output.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let escaped = line.split('\t').map(text).collect::<Vec<_>>().join("\t");
        if command(&escaped) {
            let lead = escaped.len() - escaped.trim_start().len();
            out.push_str(&escaped[..lead]);
            out.push_str("\\u{3a}");
            out.push_str(&escaped[lead + 1..]);
        } else {
            out.push_str(&escaped);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unsafe_character_is_escaped() {
        for c in ('\u{0}'..='\u{10ffff}').filter(|c| is_unsafe_char(*c)) {
            let s = c.to_string();
            let e = text(&s);
            assert!(e.chars().all(|c| !is_unsafe_char(c)), "{c:?} -> {e:?}");
            assert!(e.starts_with('\\'), "{c:?}");
        }
        assert_eq!(text("é✓ ok"), "é✓ ok");
    }

    #[test]
    fn legacy_commands_are_broken_everywhere() {
        assert_eq!(text("x##[error]y"), "x#\\u{23}[error]y");
        assert_eq!(text("###[a"), "##\\u{23}[a");
        assert_eq!(json("\"###[\""), "\"##\\u0023[\"");
        assert!(!lines("a ##[add-mask]b\n", false).contains("##["));
    }

    #[test]
    fn a_line_starting_a_command_after_white_space_is_neutralised() {
        for line in [
            "::set-output name=x::1",
            "   ::add-mask::x",
            "\u{3000}::group::x",
            "\t::warning::x",
        ] {
            let out = lines(line, true);
            assert!(!out.trim_start().starts_with("::"), "{line:?} -> {out:?}");
        }
        // Annotations only where they are allowed.
        assert_eq!(lines("::warning file=a::b", true), "::warning file=a::b");
        assert_eq!(
            lines("::warning file=a::b", false),
            "\\u{3a}:warning file=a::b"
        );
    }

    #[test]
    fn paths_never_start_a_command() {
        assert_eq!(path(" ::x"), "./ ::x");
        assert_eq!(path("\u{2003}::x"), "./\u{2003}::x");
        assert_eq!(path("\n::x"), "\\n::x");
    }
}
