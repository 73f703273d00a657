//! A risk's links: [`Link`] and [`Crosswalk`], and the constructors of the links table, checked
//! at compile time.

use core::fmt;
use std::sync::OnceLock;

use super::links::LINKS;
use super::{AtlasId, ExternalId, Framework, OwaspId, Relation, Strength};
use crate::taxonomy::risk::Risk;

/// A link from a risk to an external id, with its strength and a note saying why.
///
/// ```
/// use mlsecops_taxonomy::{Risk, Strength};
/// let r14: Risk = "R14-Security".parse()?;
/// let link = r14.crosswalk().links()[0];
/// assert_eq!(link.risk(), r14);
/// assert_eq!((link.target().to_string(), link.strength()), ("AML.T0010.004".to_owned(), Strength::Supporting));
/// assert_eq!(link.note(), "Container Registry as a supply chain vector");
/// # Ok::<(), mlsecops_taxonomy::ParseRiskError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    risk: Risk,
    target: ExternalId,
    strength: Strength,
    note: &'static str,
    via: Option<(OwaspId, Relation)>,
}

impl Link {
    /// The risk.
    pub const fn risk(&self) -> Risk {
        self.risk
    }

    /// The external id.
    pub const fn target(&self) -> ExternalId {
        self.target
    }

    /// How sure the link is.
    pub const fn strength(&self) -> Strength {
        self.strength
    }

    /// Why the link holds, in a few words; a carried link says where from, and whether through
    /// a judged counterpart.
    pub const fn note(&self) -> &'static str {
        self.note
    }

    /// For a link to the 2023 or 2026 edition of the OWASP Top 10 for LLM Applications, the
    /// 2025 entry it was carried from and the counterpart's relation; for a link to the OWASP
    /// Top 10 for Agentic Applications, the LLM 2026 entry it was carried from and
    /// [`Relation::Mapped`]; `None` for the links the crosswalk states.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Framework, Relation, Risk, Strength};
    /// let r10: Risk = "R10-Security".parse()?;
    /// let old = r10.crosswalk().framework(Framework::OwaspLlm2023).links()[0];
    /// assert_eq!(old.target().to_string(), "LLM03:2023");
    /// assert_eq!(old.strength(), Strength::Primary);
    /// let (from, relation) = old.via().unwrap();
    /// assert_eq!((from.to_string(), relation), ("LLM04:2025".to_owned(), Relation::Judged));
    /// assert!(old.note().contains("judged counterpart"));
    /// # Ok::<(), mlsecops_taxonomy::ParseRiskError>(())
    /// ```
    pub const fn via(&self) -> Option<(OwaspId, Relation)> {
        self.via
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} -> {} {} ({})",
            self.risk,
            self.target,
            self.target.title(),
            self.strength
        )
    }
}

/// Every link of the crosswalk, grouped by risk in canonical order, then by framework: the
/// links the crosswalk states (to ATLAS, the 2025 edition of the OWASP Top 10 for LLM
/// Applications and the ML Top 10), and those carried from the 2025 edition to the 2023 and
/// 2026 editions through the editions' counterparts ([`Link::via`]), with their strength.
pub fn links() -> &'static [Link] {
    static NOTES: OnceLock<Vec<String>> = OnceLock::new();
    static AGENTIC_NOTES: OnceLock<Vec<String>> = OnceLock::new();
    static ALL: OnceLock<Vec<Link>> = OnceLock::new();
    ALL.get_or_init(|| {
        let carried = || {
            LINKS.iter().flat_map(|link| {
                let ExternalId::Owasp(from) = link.target else {
                    return Vec::new();
                };
                [Framework::OwaspLlm2023, Framework::OwaspLlm2026]
                    .into_iter()
                    .filter_map(|edition| from.counterpart(edition))
                    .map(|c| (link, from, c))
                    .collect()
            })
        };
        let notes = NOTES.get_or_init(|| {
            carried()
                .map(|(link, from, c)| match c.relation() {
                    Relation::Judged => format!(
                        "{}; carried from {from} through a judged counterpart (this project's \
                         reading, not OWASP's)",
                        link.note
                    ),
                    relation => format!("{}; carried from {from} ({relation})", link.note),
                })
                .collect()
        });
        let mut all: Vec<Link> = LINKS.to_vec();
        for ((link, from, c), note) in carried().zip(notes) {
            all.push(Link {
                risk: link.risk,
                target: ExternalId::Owasp(c.id()),
                strength: link.strength,
                note,
                via: Some((from, c.relation())),
            });
        }
        // On to the agentic list, from every link to an LLM 2026 entry (stated or carried),
        // along the mappings the LLM 2026 list's appendix states.
        let llm2026: Vec<(Risk, OwaspId, Strength)> = all
            .iter()
            .filter_map(|l| match l.target {
                ExternalId::Owasp(o) if o.framework() == Framework::OwaspLlm2026 => {
                    Some((l.risk, o, l.strength))
                }
                _ => None,
            })
            .collect();
        let agentic = || {
            llm2026.iter().flat_map(|&(risk, from, strength)| {
                from.agentic()
                    .map(move |(to, note)| (risk, from, strength, to, note))
            })
        };
        let agentic_notes = AGENTIC_NOTES.get_or_init(|| {
            agentic()
                .map(|(_, from, _, _, note)| {
                    format!(
                        "{note}; carried from {from} (mapped: {})",
                        super::agentic::APPENDIX_SOURCE
                    )
                })
                .collect()
        });
        let carried_on: Vec<Link> = agentic()
            .zip(agentic_notes)
            .map(|((risk, from, strength, to, _), note)| Link {
                risk,
                target: ExternalId::Owasp(to),
                strength,
                note,
                via: Some((from, Relation::Mapped)),
            })
            .collect();
        all.extend(carried_on);
        all.sort_by_key(|l| (l.risk, l.target.framework()));
        all
    })
}

/// A risk's links, or the fact that it has none: what [`Risk::crosswalk`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Crosswalk {
    /// The links, at least one, grouped by framework.
    Mapped(&'static [Link]),
    /// No defensible link exists: the risk was looked at and has none.
    NoMapping,
}

impl Crosswalk {
    fn of(links: &'static [Link]) -> Crosswalk {
        if links.is_empty() {
            Crosswalk::NoMapping
        } else {
            Crosswalk::Mapped(links)
        }
    }

    /// The links (empty for `NoMapping`).
    pub const fn links(self) -> &'static [Link] {
        match self {
            Crosswalk::Mapped(links) => links,
            Crosswalk::NoMapping => &[],
        }
    }

    /// Iterates over the links.
    pub fn iter(self) -> core::slice::Iter<'static, Link> {
        self.links().iter()
    }

    /// How many links.
    pub const fn len(self) -> usize {
        self.links().len()
    }

    /// Whether there is no link (`NoMapping`, or a `Mapped` built by hand from no links).
    pub const fn is_empty(self) -> bool {
        self.links().is_empty()
    }

    /// The links to one framework; `NoMapping` when there are none to it.
    pub fn framework(self, framework: Framework) -> Crosswalk {
        let links = self.links();
        let start = links.partition_point(|l| l.target.framework() < framework);
        let end = links.partition_point(|l| l.target.framework() <= framework);
        Crosswalk::of(&links[start..end])
    }

    /// The links a query following links down to `strength` uses (see [`Strength::follows`]).
    pub fn at_least(self, strength: Strength) -> impl Iterator<Item = &'static Link> {
        self.iter().filter(move |l| strength.follows(l.strength))
    }
}

impl IntoIterator for Crosswalk {
    type Item = &'static Link;
    type IntoIter = core::slice::Iter<'static, Link>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Display for Crosswalk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Crosswalk::NoMapping => f.write_str("no mapping"),
            Crosswalk::Mapped(links) => {
                for (i, l) in links.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{} ({})", l.target, l.strength)?;
                }
                Ok(())
            }
        }
    }
}

/// A link as the taxonomy document writes it in a risk's `crosswalk`:
/// `{"framework", "id", "title", "strength", "note"}` (the risk is the entry it sits in).
#[cfg(feature = "serde")]
impl serde::Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = LinkDoc {
            framework: self.target.framework(),
            id: self.target,
            title: self.target.title(),
            strength: self.strength,
            note: self.note,
            carried_from: self.via.map(|(id, relation)| CarriedDoc {
                id,
                relation,
                provenance: relation.provenance(),
            }),
        };
        serde::Serialize::serialize(&doc, serializer)
    }
}

/// A link of a risk to an item of a framework.
#[cfg(feature = "serde")]
#[derive(serde::Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "LinkEntry", deny_unknown_fields)
)]
struct LinkDoc {
    framework: Framework,
    id: ExternalId,
    /// The id's title in the framework's version or edition.
    title: &'static str,
    strength: Strength,
    /// Why the link holds.
    note: &'static str,
    /// For a link carried to another edition of the OWASP Top 10 for LLM Applications: the
    /// 2025 entry it was carried from; for a link to the agentic list, the LLM 2026 entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    carried_from: Option<CarriedDoc>,
}

/// The entry a link was carried from, and the counterpart's relation.
#[cfg(feature = "serde")]
#[derive(serde::Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "CarriedFrom", deny_unknown_fields)
)]
struct CarriedDoc {
    /// The entry the link was carried from: the 2025 entry the crosswalk links to, or for a link
    /// to the agentic list the LLM 2026 entry that OWASP's appendix maps.
    id: OwaspId,
    relation: Relation,
    /// `curated` for a judged counterpart (this project's reading), `source` when OWASP's own
    /// titles, texts or mappings establish it.
    provenance: crate::Provenance,
}

#[cfg(feature = "schema")]
crate::output::document::schema_as!(Link => LinkDoc);

/// As the taxonomy document writes a risk's `crosswalk`: `"no_mapping"`, or the links.
///
/// ```
/// use mlsecops_taxonomy::Risk;
/// let r12: Risk = "R12-Security".parse()?;
/// assert_eq!(serde_json::to_string(&r12.crosswalk())?, r#""no_mapping""#);
/// let r16: Risk = "R16-Security".parse()?;
/// assert!(serde_json::to_string(&r16.crosswalk())?.starts_with(r#"[{"framework":"atlas","id":"AML.T0105""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "serde")]
impl serde::Serialize for Crosswalk {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Crosswalk::NoMapping => serializer.serialize_str("no_mapping"),
            Crosswalk::Mapped(links) => serializer.collect_seq(links.iter()),
        }
    }
}

impl Risk {
    /// The risk's links to ATLAS and the OWASP lists, or [`Crosswalk::NoMapping`].
    pub fn crosswalk(self) -> Crosswalk {
        let all = links();
        let start = all.partition_point(|l| l.risk < self);
        let end = all.partition_point(|l| l.risk <= self);
        Crosswalk::of(&all[start..end])
    }
}

// --- the tables' constructors, checked at compile time ---

/// A canonical risk code, read at compile time with [`Risk::from_code`]: a misspelled code
/// fails the build.
const fn risk(code: &str) -> Risk {
    match Risk::from_code(code) {
        Some(r) => r,
        None => panic!("not a canonical risk code"),
    }
}

pub(super) const fn atlas(id: &str) -> ExternalId {
    match AtlasId::lookup(id) {
        Some(a) => ExternalId::Atlas(a),
        None => panic!("not an ATLAS 5.6.0 id"),
    }
}

const fn owasp(framework: Framework, id: &str, prefix: usize) -> ExternalId {
    let b = id.as_bytes();
    assert!(b.len() == prefix + 2, "two digits after the prefix");
    let n = (b[prefix] - b'0') * 10 + (b[prefix + 1] - b'0');
    match OwaspId::new(framework, n) {
        Some(o) => ExternalId::Owasp(o),
        None => panic!("OWASP items are 01 to 10"),
    }
}

pub(super) const fn llm(id: &str) -> ExternalId {
    owasp(Framework::OwaspLlm2025, id, 3)
}

pub(super) const fn ml(id: &str) -> ExternalId {
    owasp(Framework::OwaspMl2023, id, 2)
}

pub(super) const fn link(
    code: &str,
    target: ExternalId,
    strength: Strength,
    note: &'static str,
) -> Link {
    Link {
        risk: risk(code),
        target,
        strength,
        note,
        via: None,
    }
}

// The links must be grouped by risk, then framework, for `Risk::crosswalk` and
// `Crosswalk::framework` to slice them.
const _: () = {
    let mut i = 1;
    while i < LINKS.len() {
        let (a, b) = (&LINKS[i - 1], &LINKS[i]);
        let (ra, rb) = (a.risk.index(), b.risk.index());
        assert!(ra < rb || (ra == rb && a.target.framework() as u8 <= b.target.framework() as u8));
        i += 1;
    }
};
