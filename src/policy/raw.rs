//! Step one of reading a policy: its section as TOML gives it, every value with its span, each
//! key checked for its type. Every problem is collected, with its span, so that a policy with a
//! misspelt key and a value of the wrong type shows both at once.

use std::ops::Range;
use std::path::PathBuf;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{KEYS, Source};

/// The policy's keys, each value with its span.
pub(super) struct Section {
    pub(super) tools: Vec<Spanned<String>>,
    pub(super) detect: Option<Spanned<Detect>>,
    pub(super) registry: Option<Spanned<PathBuf>>,
    pub(super) require: Vec<Spanned<String>>,
    /// The bases of a tool's mappings that count (`basis = ["source", "stated"]`); all when
    /// absent.
    pub(super) basis: Option<Spanned<Vec<Spanned<String>>>>,
    /// Where the `require` key is written, when it is.
    pub(super) require_key: Option<Range<usize>>,
    /// A gap fails unless `deny = false`: a gate gates by default.
    pub(super) deny: bool,
    /// Required risks a person accepted, each with a reason and, preferably, an expiry.
    pub(super) accept: Vec<Spanned<Acceptance>>,
}

/// `detect = true`, `false` or a list of paths.
pub(super) enum Detect {
    Walk(bool),
    Paths(Vec<String>),
}

/// One `[[accept]]` entry as written.
pub(super) struct Acceptance {
    pub(super) risk: Spanned<String>,
    pub(super) reason: Option<Spanned<String>>,
    pub(super) expires: Option<Spanned<toml::value::Datetime>>,
}

/// A problem of step one: where (a span of the text, when there is one) and what.
pub(super) type Problem = (Option<Range<usize>>, String);

/// The policy section of `text` read as `source`: `Ok(None)` when the text has none; otherwise
/// the section and its span, or every problem found.
pub(super) fn read(
    text: &str,
    source: Source,
) -> Result<Option<(Section, Range<usize>)>, Vec<Problem>> {
    let doc = DeTable::parse(text).map_err(|e| {
        let message = e
            .message()
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        vec![(e.span(), message)]
    })?;
    let root = doc.get_ref();
    let section = match source {
        Source::MlsecopsToml => {
            if let Some(tool) = root.get("tool") {
                if let DeValue::Table(t) = tool.get_ref() {
                    if t.contains_key("mlsecops") {
                        return Err(vec![(
                            Some(tool.span()),
                            "mlsecops.toml is the policy itself: write its keys at the top of \
                             the file, without [tool.mlsecops]"
                                .to_owned(),
                        )]);
                    }
                }
            }
            return section(root, source).map(|s| Some((s, doc.span())));
        }
        Source::Pyproject => {
            if let Some(misplaced) = root.get("mlsecops") {
                return Err(vec![(
                    Some(misplaced.span()),
                    "pyproject.toml has [mlsecops]: a tool's settings go under [tool], so the \
                     policy is [tool.mlsecops]"
                        .to_owned(),
                )]);
            }
            table(root, "tool").and_then(|t| t.get("mlsecops"))
        }
        Source::CargoToml => table(root, "package")
            .and_then(|p| table(p, "metadata"))
            .and_then(|m| m.get("mlsecops")),
    };
    let Some(value) = section else {
        return Ok(None);
    };
    match value.get_ref() {
        DeValue::Table(t) => section_of(t, source).map(|s| Some((s, value.span()))),
        other => Err(vec![(
            Some(value.span()),
            format!("{} is a table, not {}", source.section(), kind(other)),
        )]),
    }
}

fn section(root: &DeTable<'_>, source: Source) -> Result<Section, Vec<Problem>> {
    section_of(root, source)
}

fn table<'a, 't>(t: &'a DeTable<'t>, key: &str) -> Option<&'a DeTable<'t>> {
    match t.get(key)?.get_ref() {
        DeValue::Table(inner) => Some(inner),
        _ => None,
    }
}

/// What a TOML value is, for messages.
fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn string(
    value: &Spanned<DeValue<'_>>,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Option<Spanned<String>> {
    match value.get_ref() {
        DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
        other => {
            problems.push((
                Some(value.span()),
                format!("{what} is a string, not {}", kind(other)),
            ));
            None
        }
    }
}

fn strings(
    value: &Spanned<DeValue<'_>>,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<String>> {
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| string(item, &format!("each of {what}"), problems))
            .collect(),
        other => {
            problems.push((
                Some(value.span()),
                format!("{what} is an array of strings, not {}", kind(other)),
            ));
            Vec::new()
        }
    }
}

fn section_of(t: &DeTable<'_>, source: Source) -> Result<Section, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut section = Section {
        tools: Vec::new(),
        detect: None,
        registry: None,
        require: Vec::new(),
        basis: None,
        require_key: None,
        deny: true,
        accept: Vec::new(),
    };
    for (key, value) in t {
        match key.get_ref().as_ref() {
            "tools" => section.tools = strings(value, "tools", &mut problems),
            "require" => {
                section.require_key = Some(key.span());
                section.require = strings(value, "require", &mut problems);
            }
            "basis" => {
                section.basis = Some(Spanned::new(
                    value.span(),
                    strings(value, "basis", &mut problems),
                ));
            }
            "registry" => {
                section.registry = string(value, "registry", &mut problems)
                    .map(|s| Spanned::new(s.span(), PathBuf::from(s.into_inner())));
            }
            "deny" => match value.get_ref() {
                DeValue::Boolean(b) => section.deny = *b,
                other => problems.push((
                    Some(value.span()),
                    format!("deny is true or false, not {}", kind(other)),
                )),
            },
            "detect" => match value.get_ref() {
                DeValue::Boolean(b) => {
                    section.detect = Some(Spanned::new(value.span(), Detect::Walk(*b)))
                }
                DeValue::Array(_) => {
                    let paths = strings(value, "detect", &mut problems)
                        .into_iter()
                        .map(Spanned::into_inner)
                        .collect();
                    section.detect = Some(Spanned::new(value.span(), Detect::Paths(paths)));
                }
                other => problems.push((
                    Some(value.span()),
                    format!(
                        "detect is true, false or an array of paths, not {}",
                        kind(other)
                    ),
                )),
            },
            "accept" => match value.get_ref() {
                DeValue::Array(entries) => {
                    for entry in entries {
                        if let Some(a) = acceptance(entry, &mut problems) {
                            section.accept.push(Spanned::new(entry.span(), a));
                        }
                    }
                }
                other => problems.push((
                    Some(value.span()),
                    format!(
                        "accept is an array of tables ([[accept]]), not {}",
                        kind(other)
                    ),
                )),
            },
            unknown => {
                let section_name = source.section();
                let message = match crate::suggest::closest(unknown, KEYS) {
                    Some(s) => format!(
                        "{section_name} has no key {unknown:?}: {}",
                        crate::suggest::did_you_mean(&[s])
                    ),
                    None => format!(
                        "{section_name} has no key {unknown:?}: the keys are {}",
                        KEYS.join(", ")
                    ),
                };
                problems.push((Some(key.span()), message));
            }
        }
    }
    if problems.is_empty() {
        Ok(section)
    } else {
        // In the order of the text, whatever the order of the table's keys.
        problems.sort_by_key(|(span, _)| span.as_ref().map_or(0, |s| s.start));
        Err(problems)
    }
}

/// One `[[accept]]` table: `risk`, `reason`, `expires`.
fn acceptance(entry: &Spanned<DeValue<'_>>, problems: &mut Vec<Problem>) -> Option<Acceptance> {
    let DeValue::Table(t) = entry.get_ref() else {
        problems.push((
            Some(entry.span()),
            format!(
                "each acceptance is a table ([[accept]]), not {}",
                kind(entry.get_ref())
            ),
        ));
        return None;
    };
    let before = problems.len();
    let mut risk = None;
    let mut reason = None;
    let mut expires = None;
    for (key, value) in t {
        match key.get_ref().as_ref() {
            "risk" => risk = string(value, "accept: risk", problems),
            "reason" => reason = string(value, "accept: reason", problems),
            "expires" => match value.get_ref() {
                DeValue::Datetime(d) => expires = Some(Spanned::new(value.span(), *d)),
                other => problems.push((
                    Some(value.span()),
                    format!(
                        "accept: expires is a date (expires = 2027-06-30), not {}",
                        kind(other)
                    ),
                )),
            },
            unknown => {
                let keys = ["risk", "reason", "expires"];
                let message = match crate::suggest::closest(unknown, keys) {
                    Some(s) => format!(
                        "accept has no key {unknown:?}: {}",
                        crate::suggest::did_you_mean(&[s])
                    ),
                    None => {
                        format!("accept has no key {unknown:?}: the keys are risk, reason, expires")
                    }
                };
                problems.push((Some(key.span()), message));
            }
        }
    }
    let Some(risk) = risk else {
        if problems.len() == before {
            problems.push((
                Some(entry.span()),
                "accept: an acceptance names the risk it accepts (risk = \"R12-Security\")"
                    .to_owned(),
            ));
        }
        return None;
    };
    (problems.len() == before).then_some(Acceptance {
        risk,
        reason,
        expires,
    })
}
