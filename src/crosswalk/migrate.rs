//! Moving the OWASP LLM ids of a text to another edition: [`Migrate`].

use core::fmt;

use super::{Counterpart, Framework, OwaspId, Relation};

/// Rewrites every edition-qualified OWASP LLM id of a text (`LLM10:2025`) to its counterpart in
/// one edition, as one simultaneous mapping (each id is read from the original text once, so
/// `LLM01:2025 → LLM01:2026` never meets a `LLM03:2026` written by another replacement), and
/// reports, with line and column, each id it leaves alone.
///
/// Left alone: an id without its edition (unless [`from`](Migrate::from) says which), an id of
/// an edition the crate does not have, an id with no counterpart in the target edition, and,
/// unless [`include_judged`](Migrate::include_judged), an id whose counterpart is only this
/// project's reading. The prefix is read in any case (`llm10:2025`). garak's tags (`owasp:llm01`, in the 2023 numbering) are ids without an
/// edition, read only with `from(Framework::OwaspLlm2023)`; a replaced id is written with its
/// edition (`LLM01:2026`).
///
/// ```
/// use mlsecops_taxonomy::{Framework, crosswalk::Migrate};
/// let text = "garak: owasp:llm06\nreport: LLM10:2025, LLM08:2023 and LLM03:2023\n";
/// let m = Migrate::to(Framework::OwaspLlm2026).from(Framework::OwaspLlm2023).run(text);
/// assert_eq!(m.text(), "garak: LLM02:2026\nreport: LLM06:2026, LLM03:2026 and LLM03:2023\n");
/// // LLM03:2023 (Training Data Poisoning) reaches 2026 only through a judged counterpart.
/// assert_eq!(m.left().len(), 1);
/// assert_eq!((m.left()[0].line(), m.left()[0].column()), (2, 36));
/// assert_eq!(m.left()[0].to_string(), "2:36: LLM03:2023 left alone: its counterpart \
///     LLM05:2026 Data and Model Poisoning is judged (this project's reading, not OWASP's); \
///     --include-judged applies it");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrate {
    to: Framework,
    from: Option<Framework>,
    include_judged: bool,
}

/// The migrated text and what was left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    text: String,
    replaced: usize,
    left: Vec<LeftAlone>,
}

/// An id [`Migrate`] left as it was, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftAlone {
    line: usize,
    column: usize,
    found: String,
    reason: LeftReason,
}

/// Why an id was left alone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LeftReason {
    /// No edition, and none was given: the id in each edition.
    NoEdition(Vec<OwaspId>),
    /// garak's tag form, in the 2023 numbering, read only with `--from 2023`.
    GarakTag,
    /// An edition the crate does not have (`LLM03:2024`).
    UnknownEdition,
    /// No item with that number (`LLM11:2025`).
    UnknownItem,
    /// The id has no counterpart in the target edition.
    NoCounterpart(OwaspId),
    /// The counterpart is judged, and judged counterparts were not asked for.
    Judged(OwaspId, Counterpart),
}

impl Migrate {
    /// Moves ids to the `to` edition of the OWASP Top 10 for LLM Applications.
    ///
    /// # Panics
    /// When `to` is not an LLM edition ([`Framework::LLM_EDITIONS`]).
    pub fn to(to: Framework) -> Migrate {
        assert!(to.is_llm(), "{to} is not an edition of the OWASP LLM list");
        Migrate {
            to,
            from: None,
            include_judged: false,
        }
    }

    /// Reads ids without an edition (`LLM06`, garak's `owasp:llm06` with 2023) as ids of
    /// `from`.
    ///
    /// # Panics
    /// When `from` is not an LLM edition.
    #[must_use]
    pub fn from(mut self, from: Framework) -> Migrate {
        assert!(
            from.is_llm(),
            "{from} is not an edition of the OWASP LLM list"
        );
        self.from = Some(from);
        self
    }

    /// Also applies judged counterparts (this project's reading, not OWASP's).
    #[must_use]
    pub fn include_judged(mut self, yes: bool) -> Migrate {
        self.include_judged = yes;
        self
    }

    /// Migrates `text`.
    pub fn run(self, text: &str) -> Migration {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut left = Vec::new();
        let mut replaced = 0;
        let (mut line, mut line_start) = (1, 0);
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\n' {
                line += 1;
                line_start = i + 1;
                i += 1;
                continue;
            }
            let boundary = i == 0 || !is_word(bytes[i - 1]);
            let Some((len, found)) = boundary.then(|| scan(&bytes[i..])).flatten() else {
                i += 1;
                continue;
            };
            let column = 1 + text[line_start..i].chars().count();
            let mut leave = |reason| {
                left.push(LeftAlone {
                    line,
                    column,
                    found: text[i..i + len].to_owned(),
                    reason,
                })
            };
            let id = match found {
                Found::Garak(_) if self.from != Some(Framework::OwaspLlm2023) => {
                    leave(LeftReason::GarakTag);
                    None
                }
                Found::Garak(n) | Found::Bare(n) => match self.from {
                    Some(from) => OwaspId::new(from, n).or_else(|| {
                        leave(LeftReason::UnknownItem);
                        None
                    }),
                    None => {
                        let meanings: Vec<OwaspId> = Framework::LLM_EDITIONS
                            .into_iter()
                            .filter_map(|f| OwaspId::new(f, n))
                            .collect();
                        leave(if meanings.is_empty() {
                            LeftReason::UnknownItem
                        } else {
                            LeftReason::NoEdition(meanings)
                        });
                        None
                    }
                },
                Found::Qualified(n, edition) => match Framework::llm(edition) {
                    None => {
                        leave(LeftReason::UnknownEdition);
                        None
                    }
                    Some(f) => OwaspId::new(f, n).or_else(|| {
                        leave(LeftReason::UnknownItem);
                        None
                    }),
                },
            };
            let target = id.and_then(|id| {
                if id.framework() == self.to {
                    return Some(id);
                }
                match id.counterpart(self.to) {
                    None => {
                        leave(LeftReason::NoCounterpart(id));
                        None
                    }
                    Some(c) if c.relation() == Relation::Judged && !self.include_judged => {
                        leave(LeftReason::Judged(id, c));
                        None
                    }
                    Some(c) => Some(c.id()),
                }
            });
            if let Some(target) = target {
                let written = target.to_string();
                if written != text[i..i + len] {
                    out.push_str(&text[copied..i]);
                    out.push_str(&written);
                    copied = i + len;
                    replaced += 1;
                }
            }
            i += len;
        }
        out.push_str(&text[copied..]);
        Migration {
            text: out,
            replaced,
            left,
        }
    }
}

/// What an id looks like in the text.
enum Found<'a> {
    /// `LLM06:2025`.
    Qualified(u8, &'a str),
    /// `LLM06`.
    Bare(u8),
    /// garak's `owasp:llm06`.
    Garak(u8),
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// An id at the start of `rest`: its length and form; `None` when there is none (or when it
/// runs on into a longer word).
fn scan(rest: &[u8]) -> Option<(usize, Found<'_>)> {
    let digits = |at: usize, n: usize| {
        rest.get(at..at + n)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
    };
    let ends = |at: usize| rest.get(at).is_none_or(|&b| !is_word(b));
    let number = |d: &[u8]| (d[0] - b'0') * 10 + (d[1] - b'0');
    if rest.len() >= 11 && rest[..9].eq_ignore_ascii_case(b"owasp:llm") {
        let d = digits(9, 2)?;
        return (rest.get(11).is_none_or(|&b| !is_word(b))).then(|| (11, Found::Garak(number(d))));
    }
    if !rest
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"LLM"))
    {
        return None;
    }
    let d = digits(3, 2)?;
    if rest.get(5) == Some(&b':') {
        if let Some(edition) = digits(6, 4) {
            // `LLM01:20255` is no id; `LLM01:2025` is.
            if rest.get(10).is_some_and(|&b| is_word(b)) {
                return None;
            }
            let edition = core::str::from_utf8(edition).ok()?;
            return Some((10, Found::Qualified(number(d), edition)));
        }
        // `LLM06: Excessive Agency`: the colon is punctuation.
        return Some((5, Found::Bare(number(d))));
    }
    ends(5).then(|| (5, Found::Bare(number(d))))
}

impl Migration {
    /// The text with every id that could move moved.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many ids were rewritten.
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// The ids left alone, in the order of the text.
    pub fn left(&self) -> &[LeftAlone] {
        &self.left
    }
}

impl LeftAlone {
    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column, from 1, in characters.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The id as the text writes it.
    pub fn found(&self) -> &str {
        &self.found
    }

    /// Why it was left alone.
    pub fn reason(&self) -> &LeftReason {
        &self.reason
    }
}

/// `2:43: LLM03:2023 left alone: ...`.
impl fmt::Display for LeftAlone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} left alone: {}",
            self.line, self.column, self.found, self.reason
        )
    }
}

impl fmt::Display for LeftReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LeftReason::NoEdition(meanings) => {
                f.write_str("it names no edition (")?;
                for (i, id) in meanings.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{id} {}", id.title())?;
                }
                f.write_str("); --from EDITION says which")
            }
            LeftReason::GarakTag => {
                f.write_str("a garak tag, in the 2023 numbering; --from 2023 reads it")
            }
            LeftReason::UnknownEdition => f.write_str("the editions are 2023, 2025 and 2026"),
            LeftReason::UnknownItem => f.write_str("the items are 01 to 10"),
            LeftReason::NoCounterpart(id) => {
                write!(f, "{id} {} has no counterpart in that edition", id.title())
            }
            LeftReason::Judged(_, c) => write!(
                f,
                "its counterpart {} {} is judged (this project's reading, not OWASP's); \
                 --include-judged applies it",
                c.id(),
                c.id().title()
            ),
        }
    }
}
