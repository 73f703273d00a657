//! How the entries of the OWASP Top 10 for LLM Applications carry over between its editions
//! (2023 v1.1, 2025, 2026): [`Relation`], [`Counterpart`] and [`OwaspId::counterpart`].

use core::fmt;

use super::{Framework, OwaspId};
use crate::taxonomy::text::named_enum;

named_enum! {
    /// Why an entry of one edition is the counterpart of an entry of another.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Provenance, Relation};
    /// assert_eq!(Relation::Judged.provenance(), Provenance::Curated);
    /// assert!(Relation::Same.is_stated_by_owasp());
    /// ```
    #[non_exhaustive]
    pub enum Relation(
        "relation",
        "Why an entry of one edition of the OWASP Top 10 for LLM Applications is the counterpart of an entry of another: same (identical title), successor (an OWASP text says so) or judged (this project's reading, provenance curated); or, for a link carried to the OWASP Top 10 for Agentic Applications, mapped (OWASP's LLM Top 10 2026 maps the entry to it in its Appendix 1).",
        describe = Relation::description
    ) {
        /// The later edition has an entry with the identical title: `same`.
        Same = "same", "Same";
        /// An OWASP text says the later entry takes over the earlier one: `successor`.
        Successor = "successor", "Successor";
        /// This project's reading, not an OWASP statement (provenance curated): `judged`.
        Judged = "judged", "Judged";
        /// Not a counterpart but a mapping OWASP states between two lists: the LLM Top 10 2026's
        /// Appendix 1 maps the LLM entry to the agentic one (`ASI01:2026`): `mapped`.
        Mapped = "mapped", "Mapped";
    }
}

impl Relation {
    /// What the relation means, for people and schemas.
    pub fn description(self) -> String {
        match self {
            Relation::Same => "The later edition has an entry with the identical title.",
            Relation::Successor => "An OWASP text says the later entry takes over the earlier one.",
            Relation::Judged => {
                "This project's reading, not an OWASP statement (provenance curated)."
            }
            Relation::Mapped => {
                "OWASP's LLM Top 10 2026 maps the LLM entry to the agentic entry (its Appendix 1)."
            }
        }
        .to_owned()
    }

    /// Whether OWASP's own titles or texts establish the relation (`same`, `successor`).
    pub const fn is_stated_by_owasp(self) -> bool {
        !matches!(self, Relation::Judged)
    }

    /// Where the relation comes from: [`Provenance::Curated`](crate::Provenance::Curated) for
    /// a judged one, [`Provenance::Source`](crate::Provenance::Source) (OWASP's editions, the
    /// source of these ids) otherwise.
    pub const fn provenance(self) -> crate::Provenance {
        match self {
            Relation::Judged => crate::Provenance::Curated,
            _ => crate::Provenance::Source,
        }
    }

    /// The weaker of two relations, for a counterpart reached through two steps.
    const fn weaker(self, other: Relation) -> Relation {
        if (self as u8) >= (other as u8) {
            self
        } else {
            other
        }
    }
}

/// One row of `tests/data/owasp-llm-editions.tsv`: an entry, its counterpart in the next
/// edition, the relation and the evidence.
struct Row {
    from: OwaspId,
    to: OwaspId,
    relation: Relation,
    evidence: &'static str,
}

const fn id(text: &str, framework: Framework) -> OwaspId {
    let b = text.as_bytes();
    assert!(b.len() == 5 && b[0] == b'L' && b[1] == b'L' && b[2] == b'M');
    match OwaspId::new(framework, (b[3] - b'0') * 10 + (b[4] - b'0')) {
        Some(id) => id,
        None => panic!("OWASP items are 01 to 10"),
    }
}

const fn row(from: &str, to: &str, relation: Relation, evidence: &'static str, step: u8) -> Row {
    let (a, b) = match step {
        0 => (Framework::OwaspLlm2023, Framework::OwaspLlm2025),
        _ => (Framework::OwaspLlm2025, Framework::OwaspLlm2026),
    };
    Row {
        from: id(from, a),
        to: id(to, b),
        relation,
        evidence,
    }
}

use Relation::{Judged, Same, Successor};

/// The counterparts, 2023 to 2025 (step 0) then 2025 to 2026 (step 1), as
/// `tests/data/owasp-llm-editions.tsv` lists them (`cargo test --test editions` compares).
#[rustfmt::skip]
static ROWS: [Row; 17] = [
    row("LLM01", "LLM01", Same, "Prompt Injection in both", 0),
    row("LLM06", "LLM02", Same, "Sensitive Information Disclosure in both", 0),
    row("LLM08", "LLM06", Same, "Excessive Agency in both", 0),
    row("LLM04", "LLM10", Successor, "2025 preface (LLM00_Preface.md, What's New): \"Unbounded Consumption expands on what was previously Denial of Service\"", 0),
    row("LLM05", "LLM03", Judged, "Supply Chain Vulnerabilities -> Supply Chain: same subject, shortened title", 0),
    row("LLM02", "LLM05", Judged, "Insecure Output Handling -> Improper Output Handling: same subject, reworded title", 0),
    row("LLM03", "LLM04", Judged, "Training Data Poisoning -> Data and Model Poisoning: the 2025 entry widens training-data poisoning to models", 0),
    row("LLM01", "LLM01", Same, "Prompt Injection in both", 1),
    row("LLM02", "LLM02", Same, "Sensitive Information Disclosure in both", 1),
    row("LLM03", "LLM04", Same, "Supply Chain in both", 1),
    row("LLM04", "LLM05", Same, "Data and Model Poisoning in both", 1),
    row("LLM05", "LLM10", Same, "Improper Output Handling in both", 1),
    row("LLM06", "LLM03", Same, "Excessive Agency in both", 1),
    row("LLM08", "LLM09", Same, "Vector and Embedding Weaknesses in both", 1),
    row("LLM09", "LLM07", Same, "Misinformation in both", 1),
    row("LLM10", "LLM06", Same, "Unbounded Consumption in both", 1),
    row("LLM07", "LLM08", Judged, "System Prompt Leakage -> Hidden Context Exposure: LLM08:2026 covers system prompt leakage (its example 3) and widens it to all hidden context", 1),
];

/// The entry of another edition that carries over an entry, with why and on what evidence.
///
/// ```
/// use mlsecops_taxonomy::{Framework, OwaspId, Relation};
/// let old: OwaspId = "LLM08:2023".parse()?;
/// let now = old.counterpart(Framework::OwaspLlm2026).expect("Excessive Agency carries over");
/// assert_eq!(now.id().to_string(), "LLM03:2026");
/// assert_eq!(now.relation(), Relation::Same);
/// assert_eq!(now.to_string(), "LLM03:2026 Excessive Agency (same)");
/// // No row, no counterpart: never a guess.
/// assert!("LLM07:2023".parse::<OwaspId>()?.counterpart(Framework::OwaspLlm2025).is_none());
/// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Counterpart {
    id: OwaspId,
    relation: Relation,
    evidence: Vec<&'static str>,
}

impl Counterpart {
    /// The entry in the other edition.
    pub fn id(&self) -> OwaspId {
        self.id
    }

    /// Why it is the counterpart: through two editions, the weaker of the two steps.
    pub fn relation(&self) -> Relation {
        self.relation
    }

    /// The evidence of each step, in the order of the editions crossed.
    pub fn evidence(&self) -> &[&'static str] {
        &self.evidence
    }
}

/// `LLM03:2026 Excessive Agency (same)`.
impl fmt::Display for Counterpart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.id, self.id.title(), self.relation)
    }
}

impl OwaspId {
    /// The entry of the `to` edition that carries this one over, in either direction (2026
    /// back to 2023 goes through 2025); `None` when the editions' table has no row for a step
    /// ("no counterpart"), when either is not an LLM edition, or when `to` is this id's own.
    pub fn counterpart(self, to: Framework) -> Option<Counterpart> {
        if !self.framework().is_llm() || !to.is_llm() || to == self.framework() {
            return None;
        }
        let step = |id: OwaspId, forward: bool| {
            ROWS.iter()
                .find(|r| if forward { r.from == id } else { r.to == id })
                .map(|r| (if forward { r.to } else { r.from }, r.relation, r.evidence))
        };
        let forward = to > self.framework();
        let mut at = self;
        let mut relation = Relation::Same;
        let mut evidence = Vec::new();
        while at.framework() != to {
            let (next, r, e) = step(at, forward)?;
            at = next;
            relation = relation.weaker(r);
            evidence.push(e);
        }
        Some(Counterpart {
            id: at,
            relation,
            evidence,
        })
    }

    /// The counterparts of an LLM id in the other editions, oldest edition first; editions
    /// without one are absent.
    pub fn counterparts(self) -> Vec<Counterpart> {
        Framework::LLM_EDITIONS
            .into_iter()
            .filter_map(|f| self.counterpart(f))
            .collect()
    }
}
