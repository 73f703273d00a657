//! Crosswalks from the risk codes to MITRE ATLAS v5.6.0, the OWASP Top 10 for LLM Applications
//! (2025 edition) and the OWASP Machine Learning Security Top 10 (2023 edition): edition-pinned
//! identifiers with their titles, and links that say how sure they are.
//!
//! A link is [`Strength::Primary`] when the risk and the external item name the same attack (or
//! OWASP itself cites the ATLAS id for it), [`Strength::Supporting`] when they are related and
//! one covers part of the other. A risk with no defensible link has [`Crosswalk::NoMapping`]:
//! a value of its own, never an empty list that could mean "not looked at".
//!
//! ```
//! use mlsecops_taxonomy::{Crosswalk, Framework, Risk, Strength};
//!
//! let links = "R5-Privacy".parse::<Risk>()?.crosswalk();
//! let shown: Vec<String> = links
//!     .iter()
//!     .map(|l| format!("{} {} ({})", l.target(), l.target().title(), l.strength()))
//!     .collect();
//! assert_eq!(shown, [
//!     "AML.T0024.000 Infer Training Data Membership (primary)",
//!     "AML.T0024.001 Invert AI Model (primary)",
//!     "LLM02:2025 Sensitive Information Disclosure (primary)",
//!     "ML03:2023 Model Inversion Attack (primary)",
//!     "ML04:2023 Membership Inference Attack (primary)",
//! ]);
//! assert_eq!(links.framework(Framework::OwaspLlm2025).len(), 1);
//!
//! let r12: Risk = "R12-Security".parse()?;
//! assert_eq!(r12.crosswalk(), Crosswalk::NoMapping);
//! assert_eq!(r12.crosswalk().to_string(), "no mapping");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod atlas;
mod links;

use core::fmt;
use core::str::FromStr;

use crate::coverage::Coverage;
use crate::error::ParseIdError;
use crate::risk::{Domain, Risk};
use crate::risk_set::RiskSet;
use crate::suggest::closest;
use crate::text::impl_named_text;

use atlas::ATLAS;
use links::LINKS;

/// An external framework the crosswalk links to, pinned to one version or edition.
///
/// ```
/// use mlsecops_taxonomy::Framework;
/// assert_eq!(Framework::Atlas.edition(), "5.6.0");
/// assert_eq!(Framework::OwaspLlm2025.to_string(), "owasp-llm-2025");
/// assert_eq!("owasp-ml".parse::<Framework>()?, Framework::OwaspMl2023);
/// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Framework {
    /// MITRE ATLAS, data version 5.6.0: `atlas`.
    Atlas,
    /// OWASP Top 10 for LLM Applications, 2025 edition: `owasp-llm-2025`.
    OwaspLlm2025,
    /// OWASP Machine Learning Security Top 10, 2023 edition: `owasp-ml-2023`.
    OwaspMl2023,
}

impl Framework {
    /// Every framework.
    pub const ALL: [Framework; 3] = [
        Framework::Atlas,
        Framework::OwaspLlm2025,
        Framework::OwaspMl2023,
    ];

    /// The text form: `"atlas"`, `"owasp-llm-2025"`, `"owasp-ml-2023"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Framework::Atlas => "atlas",
            Framework::OwaspLlm2025 => "owasp-llm-2025",
            Framework::OwaspMl2023 => "owasp-ml-2023",
        }
    }

    /// The framework's name, without its edition.
    pub const fn name(self) -> &'static str {
        match self {
            Framework::Atlas => "MITRE ATLAS",
            Framework::OwaspLlm2025 => "OWASP Top 10 for LLM Applications",
            Framework::OwaspMl2023 => "OWASP Machine Learning Security Top 10",
        }
    }

    /// The version (ATLAS) or edition (OWASP) the crate's ids and titles are from.
    pub const fn edition(self) -> &'static str {
        match self {
            Framework::Atlas => "5.6.0",
            Framework::OwaspLlm2025 => "2025",
            Framework::OwaspMl2023 => "2023",
        }
    }
}

impl_named_text!(
    Framework,
    "framework",
    aliases = |value| {
        match value {
            Framework::Atlas => &["MITRE ATLAS 5.6.0", "mitre-atlas"],
            Framework::OwaspLlm2025 => &["owasp-llm", "OWASP LLM Top 10 2025"],
            Framework::OwaspMl2023 => &["owasp-ml", "OWASP ML Top 10 2023"],
        }
    }
);

/// What an ATLAS identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AtlasKind {
    /// `AML.TA0002`: a tactic.
    Tactic,
    /// `AML.T0024`: a technique.
    Technique,
    /// `AML.T0024.000`: a sub-technique.
    Subtechnique,
    /// `AML.M0000`: a mitigation.
    Mitigation,
}

impl AtlasKind {
    /// Every kind.
    pub const ALL: [AtlasKind; 4] = [
        AtlasKind::Tactic,
        AtlasKind::Technique,
        AtlasKind::Subtechnique,
        AtlasKind::Mitigation,
    ];

    /// The text form: `"tactic"`, `"technique"`, `"subtechnique"`, `"mitigation"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            AtlasKind::Tactic => "tactic",
            AtlasKind::Technique => "technique",
            AtlasKind::Subtechnique => "subtechnique",
            AtlasKind::Mitigation => "mitigation",
        }
    }

    /// The name: `"Tactic"`, ...
    pub const fn name(self) -> &'static str {
        match self {
            AtlasKind::Tactic => "Tactic",
            AtlasKind::Technique => "Technique",
            AtlasKind::Subtechnique => "Sub-technique",
            AtlasKind::Mitigation => "Mitigation",
        }
    }
}

impl_named_text!(AtlasKind, "ATLAS kind");

/// How sure a link is.
///
/// ```
/// use mlsecops_taxonomy::Strength;
/// assert!(Strength::Supporting.follows(Strength::Primary));
/// assert!(!Strength::Primary.follows(Strength::Supporting));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Strength {
    /// The two name the same attack, or OWASP itself cites the ATLAS id for it: `primary`.
    Primary,
    /// Related: one covers part of the other: `supporting`.
    Supporting,
}

impl Strength {
    /// Both strengths, strongest first.
    pub const ALL: [Strength; 2] = [Strength::Primary, Strength::Supporting];

    /// The text form: `"primary"` or `"supporting"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Strength::Primary => "primary",
            Strength::Supporting => "supporting",
        }
    }

    /// The name: `"Primary"` or `"Supporting"`.
    pub const fn name(self) -> &'static str {
        match self {
            Strength::Primary => "Primary",
            Strength::Supporting => "Supporting",
        }
    }

    /// Whether a query that follows links down to `self` follows a link of strength `link`:
    /// `Primary` follows primary links only, `Supporting` follows both.
    pub const fn follows(self, link: Strength) -> bool {
        link as u8 <= self as u8
    }
}

impl_named_text!(Strength, "strength");

/// A MITRE ATLAS v5.6.0 identifier (tactic, technique, sub-technique or mitigation) with its name.
///
/// Parsing ignores case and surrounding spaces and tells an input that is not an ATLAS id apart
/// from a well-formed one that ATLAS 5.6.0 does not have.
///
/// ```
/// use mlsecops_taxonomy::{AtlasId, AtlasKind};
/// let id: AtlasId = "aml.t0024.002".parse()?;
/// assert_eq!(id.to_string(), "AML.T0024.002");
/// assert_eq!((id.title(), id.kind()), ("Extract AI Model", AtlasKind::Subtechnique));
/// assert_eq!(id.parent().map(|p| p.title()), Some("Exfiltration via AI Inference API"));
/// let unknown = "AML.T0024.009".parse::<AtlasId>().unwrap_err();
/// assert_eq!(unknown.to_string(), "\"AML.T0024.009\" is an ATLAS id this crate has no title for \
///     (ATLAS 5.6.0 has no such id); did you mean AML.T0024?");
/// assert_eq!("T0024".parse::<AtlasId>().unwrap_err().to_string(), "\"T0024\" is not an ATLAS id \
///     (expected e.g. AML.T0024, AML.T0024.002, AML.TA0002, AML.M0000)");
/// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AtlasId(u16);

/// Compares two byte strings in byte order, in a `const` context.
const fn cmp_bytes(a: &[u8], b: &[u8]) -> core::cmp::Ordering {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] {
                core::cmp::Ordering::Less
            } else {
                core::cmp::Ordering::Greater
            };
        }
        i += 1;
    }
    if a.len() == b.len() {
        core::cmp::Ordering::Equal
    } else if a.len() < b.len() {
        core::cmp::Ordering::Less
    } else {
        core::cmp::Ordering::Greater
    }
}

// The table must be sorted for the binary search.
const _: () = {
    let mut i = 1;
    while i < ATLAS.len() {
        assert!(matches!(
            cmp_bytes(ATLAS[i - 1].0.as_bytes(), ATLAS[i].0.as_bytes()),
            core::cmp::Ordering::Less
        ));
        i += 1;
    }
};

impl AtlasId {
    /// How many ids the table has (every ATLAS 5.6.0 tactic, technique, sub-technique and
    /// mitigation).
    pub const COUNT: usize = ATLAS.len();

    /// Looks up a canonical id (`"AML.T0024"`) by binary search.
    pub const fn lookup(id: &str) -> Option<AtlasId> {
        let (mut lo, mut hi) = (0, ATLAS.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match cmp_bytes(ATLAS[mid].0.as_bytes(), id.as_bytes()) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return Some(AtlasId(mid as u16)),
            }
        }
        None
    }

    /// Every id, in byte order of the canonical form (mitigations, techniques, tactics).
    pub fn all() -> impl ExactSizeIterator<Item = AtlasId> + Clone {
        (0..ATLAS.len() as u16).map(AtlasId)
    }

    /// The canonical form, e.g. `"AML.T0024.002"`.
    pub const fn as_str(self) -> &'static str {
        ATLAS[self.0 as usize].0
    }

    /// The name ATLAS 5.6.0 gives it.
    pub const fn title(self) -> &'static str {
        ATLAS[self.0 as usize].1
    }

    /// Tactic, technique, sub-technique or mitigation.
    pub const fn kind(self) -> AtlasKind {
        ATLAS[self.0 as usize].2
    }

    /// The technique a sub-technique belongs to.
    pub fn parent(self) -> Option<AtlasId> {
        match self.kind() {
            AtlasKind::Subtechnique => self.as_str().get(..9).and_then(AtlasId::lookup),
            _ => None,
        }
    }
}

impl fmt::Debug for AtlasId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AtlasId({})", self.as_str())
    }
}

impl fmt::Display for AtlasId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether `s` has the shape of an ATLAS id: `AML.` then `TA`, `T` or `M`, four digits, and for
/// a technique an optional `.` and three digits.
fn atlas_shaped(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("AML.") else {
        return false;
    };
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    if let Some(n) = rest.strip_prefix("TA").or_else(|| rest.strip_prefix('M')) {
        return digits(n, 4);
    }
    match rest
        .strip_prefix('T')
        .map(|t| t.split_once('.').unwrap_or((t, "")))
    {
        Some((n, "")) => digits(n, 4),
        Some((n, sub)) => digits(n, 4) && digits(sub, 3),
        None => false,
    }
}

impl FromStr for AtlasId {
    type Err = ParseIdError;

    fn from_str(input: &str) -> Result<AtlasId, ParseIdError> {
        let upper = input.trim().to_ascii_uppercase();
        if let Some(id) = AtlasId::lookup(&upper) {
            return Ok(id);
        }
        if atlas_shaped(&upper) {
            let suggestion = closest(&upper, AtlasId::all().map(AtlasId::as_str));
            Err(ParseIdError::UnknownAtlas {
                input: input.to_owned(),
                suggestion,
            })
        } else {
            Err(ParseIdError::NotAnId {
                input: input.to_owned(),
                expected: Some(Framework::Atlas),
            })
        }
    }
}

/// The titles of the two OWASP lists, item 1 first.
const OWASP_LLM_2025: [&str; 10] = [
    "Prompt Injection",
    "Sensitive Information Disclosure",
    "Supply Chain",
    "Data and Model Poisoning",
    "Improper Output Handling",
    "Excessive Agency",
    "System Prompt Leakage",
    "Vector and Embedding Weaknesses",
    "Misinformation",
    "Unbounded Consumption",
];
const OWASP_ML_2023: [&str; 10] = [
    "Input Manipulation Attack",
    "Data Poisoning Attack",
    "Model Inversion Attack",
    "Membership Inference Attack",
    "Model Theft",
    "AI Supply Chain Attacks",
    "Transfer Learning Attack",
    "Model Skewing",
    "Output Integrity Attack",
    "Model Poisoning",
];

/// An item of an OWASP Top 10 list, with its edition: `LLM01:2025`, `ML05:2023`.
///
/// The edition suffix is optional on input (each list has one edition here), and an id with
/// another edition is an error: `LLM03` is Training Data Poisoning in 2023 and Supply Chain in 2025.
///
/// ```
/// use mlsecops_taxonomy::{Framework, OwaspId};
/// let id: OwaspId = "llm03".parse()?;
/// assert_eq!((id.to_string(), id.title()), ("LLM03:2025".to_owned(), "Supply Chain"));
/// assert_eq!(id.framework(), Framework::OwaspLlm2025);
/// assert_eq!("ML05:2023".parse::<OwaspId>()?.title(), "Model Theft");
/// assert_eq!("LLM03:2023".parse::<OwaspId>().unwrap_err().to_string(),
///     r#""LLM03:2023" is from the 2023 edition; this crate has the 2025 edition of the OWASP Top 10 for LLM Applications, whose ids mean other risks"#);
/// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OwaspId {
    framework: Framework,
    number: u8,
}

impl OwaspId {
    /// The item `number` (1 to 10) of an OWASP framework; `None` for ATLAS or a number out of range.
    pub const fn new(framework: Framework, number: u8) -> Option<OwaspId> {
        match framework {
            Framework::OwaspLlm2025 | Framework::OwaspMl2023 if number >= 1 && number <= 10 => {
                Some(OwaspId { framework, number })
            }
            _ => None,
        }
    }

    /// Every item of an OWASP framework, 1 to 10 (none for ATLAS).
    pub fn all(framework: Framework) -> impl Iterator<Item = OwaspId> {
        (1..=10).filter_map(move |n| OwaspId::new(framework, n))
    }

    /// The list and edition.
    pub const fn framework(self) -> Framework {
        self.framework
    }

    /// The item's number, 1 to 10.
    pub const fn number(self) -> u8 {
        self.number
    }

    /// The item's title in its edition.
    pub const fn title(self) -> &'static str {
        let i = self.number as usize - 1;
        match self.framework {
            Framework::OwaspMl2023 => OWASP_ML_2023[i],
            _ => OWASP_LLM_2025[i],
        }
    }

    const fn prefix(framework: Framework) -> &'static str {
        match framework {
            Framework::OwaspMl2023 => "ML",
            _ => "LLM",
        }
    }
}

impl fmt::Display for OwaspId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{:02}:{}",
            OwaspId::prefix(self.framework),
            self.number,
            self.framework.edition()
        )
    }
}

impl FromStr for OwaspId {
    type Err = ParseIdError;

    fn from_str(input: &str) -> Result<OwaspId, ParseIdError> {
        let upper = input.trim().to_ascii_uppercase();
        let not_an_id = || ParseIdError::NotAnId {
            input: input.to_owned(),
            expected: None,
        };
        let (framework, rest) = if let Some(rest) = upper.strip_prefix("LLM") {
            (Framework::OwaspLlm2025, rest)
        } else if let Some(rest) = upper.strip_prefix("ML") {
            (Framework::OwaspMl2023, rest)
        } else {
            return Err(not_an_id());
        };
        let (number, edition) = rest.split_once(':').unwrap_or((rest, ""));
        if number.is_empty() || number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_an_id());
        }
        if !edition.is_empty() && edition != framework.edition() {
            if edition.len() != 4 || !edition.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_an_id());
            }
            return Err(ParseIdError::WrongEdition {
                input: input.to_owned(),
                framework,
            });
        }
        number
            .parse()
            .ok()
            .and_then(|n| OwaspId::new(framework, n))
            .ok_or_else(|| ParseIdError::UnknownOwasp {
                input: input.to_owned(),
                framework,
            })
    }
}

/// An identifier in one of the [`Framework`]s: what a crosswalk link points to.
///
/// Parsing recognises the framework from the form: `AML.…` for ATLAS, `LLM…` and `ML…` for the
/// OWASP lists.
///
/// ```
/// use mlsecops_taxonomy::{ExternalId, Framework, RiskSet};
/// let id: ExternalId = "LLM10:2025".parse()?;
/// assert_eq!((id.framework(), id.title()), (Framework::OwaspLlm2025, "Unbounded Consumption"));
/// assert_eq!(id.risks().to_string(), "R22-Security, R7-Privacy");
/// let atlas: ExternalId = "AML.T0018".parse()?;
/// assert_eq!(atlas.risks().to_string(), "R10-Security, R13-Security");
/// assert_eq!("AML.T0000".parse::<ExternalId>()?.risks(), RiskSet::EMPTY);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExternalId {
    /// A MITRE ATLAS id.
    Atlas(AtlasId),
    /// An item of an OWASP Top 10 list.
    Owasp(OwaspId),
}

impl ExternalId {
    /// The framework the id belongs to.
    pub const fn framework(self) -> Framework {
        match self {
            ExternalId::Atlas(_) => Framework::Atlas,
            ExternalId::Owasp(o) => o.framework(),
        }
    }

    /// The id's title in its framework's version or edition.
    pub const fn title(self) -> &'static str {
        match self {
            ExternalId::Atlas(a) => a.title(),
            ExternalId::Owasp(o) => o.title(),
        }
    }

    /// Every crosswalk link to exactly this id (links to a sub-technique are not links to its
    /// technique), in canonical risk order.
    pub fn links(self) -> impl Iterator<Item = &'static Link> {
        LINKS.iter().filter(move |l| l.target == self)
    }

    /// The risks linked to this id, at any strength.
    pub fn risks(self) -> RiskSet {
        self.links().map(|l| l.risk).collect()
    }
}

impl fmt::Display for ExternalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExternalId::Atlas(a) => a.fmt(f),
            ExternalId::Owasp(o) => o.fmt(f),
        }
    }
}

impl FromStr for ExternalId {
    type Err = ParseIdError;

    fn from_str(input: &str) -> Result<ExternalId, ParseIdError> {
        let head = input.trim().get(..4).map(str::to_ascii_uppercase);
        match head.as_deref() {
            Some("AML.") => input.parse().map(ExternalId::Atlas),
            _ => input.parse().map(ExternalId::Owasp).map_err(|e| match e {
                ParseIdError::NotAnId { input, .. } => ParseIdError::NotAnId {
                    input,
                    expected: None,
                },
                other => other,
            }),
        }
    }
}

impl From<AtlasId> for ExternalId {
    fn from(id: AtlasId) -> ExternalId {
        ExternalId::Atlas(id)
    }
}

impl From<OwaspId> for ExternalId {
    fn from(id: OwaspId) -> ExternalId {
        ExternalId::Owasp(id)
    }
}

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

    /// Why the link holds, in a few words.
    pub const fn note(&self) -> &'static str {
        self.note
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

/// Every link of the crosswalk (54), grouped by risk in canonical order, then by framework.
pub fn links() -> &'static [Link] {
    &LINKS
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
}

#[cfg(feature = "schema")]
crate::document::schema_as!(Link => LinkDoc);

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
        let start = LINKS.partition_point(|l| l.risk < self);
        let end = LINKS.partition_point(|l| l.risk <= self);
        Crosswalk::of(&LINKS[start..end])
    }
}

/// What a set of tools reaches of one framework through the crosswalk, from
/// [`Coverage::framework`].
///
/// ```
/// use mlsecops_taxonomy::{Framework, Registry, Strength};
/// let cov = Registry::builtin().coverage(["Garak", "ModelScan"])?;
/// let llm = cov.framework(Framework::OwaspLlm2025);
/// let covered: Vec<String> = llm.covered().map(|id| id.to_string()).collect();
/// assert_eq!(covered, ["LLM04:2025"]);
/// let with_supporting = cov.framework_at(Framework::OwaspLlm2025, Strength::Supporting);
/// assert_eq!(with_supporting.covered().count(), 2);
/// # Ok::<(), mlsecops_taxonomy::UnknownTool>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkCoverage {
    framework: Framework,
    strength: Strength,
    items: Vec<(ExternalId, RiskSet, RiskSet)>,
}

impl FrameworkCoverage {
    /// The framework.
    pub fn framework(&self) -> Framework {
        self.framework
    }

    /// The weakest links followed.
    pub fn strength(&self) -> Strength {
        self.strength
    }

    /// Every id the crosswalk links to at that strength, with the risks linked to it and those
    /// of them the tools cover, in id order.
    pub fn items(&self) -> impl ExactSizeIterator<Item = (ExternalId, RiskSet, RiskSet)> + '_ {
        self.items.iter().copied()
    }

    /// The ids at least one covered risk links to.
    pub fn covered(&self) -> impl Iterator<Item = ExternalId> + '_ {
        self.items
            .iter()
            .filter(|(_, _, covered)| !covered.is_empty())
            .map(|(id, _, _)| *id)
    }

    /// The ids some risk links to but no covered risk does.
    pub fn uncovered(&self) -> impl Iterator<Item = ExternalId> + '_ {
        self.items
            .iter()
            .filter(|(_, _, covered)| covered.is_empty())
            .map(|(id, _, _)| *id)
    }

    /// For the OWASP lists, the items no risk links to at that strength (for ATLAS, empty: the
    /// crate does not list the ATLAS ids outside the crosswalk here).
    pub fn unmapped(&self) -> Vec<ExternalId> {
        OwaspId::all(self.framework)
            .map(ExternalId::Owasp)
            .filter(|id| !self.items.iter().any(|(x, _, _)| x == id))
            .collect()
    }
}

impl Coverage<'_> {
    /// What the tools reach of `framework` through primary links.
    pub fn framework(&self, framework: Framework) -> FrameworkCoverage {
        self.framework_at(framework, Strength::Primary)
    }

    /// What the tools reach of `framework` through links down to `strength`.
    pub fn framework_at(&self, framework: Framework, strength: Strength) -> FrameworkCoverage {
        let mut items: Vec<(ExternalId, RiskSet, RiskSet)> = Vec::new();
        for link in LINKS
            .iter()
            .filter(|l| l.target.framework() == framework && strength.follows(l.strength))
        {
            let covered = if self.covered().contains(link.risk) {
                RiskSet::from(link.risk)
            } else {
                RiskSet::EMPTY
            };
            match items.iter_mut().find(|(id, _, _)| *id == link.target) {
                Some((_, risks, cov)) => {
                    *risks |= RiskSet::from(link.risk);
                    *cov |= covered;
                }
                None => items.push((link.target, link.risk.into(), covered)),
            }
        }
        items.sort_by_key(|(id, _, _)| *id);
        FrameworkCoverage {
            framework,
            strength,
            items,
        }
    }
}

// --- the tables' constructors, checked at compile time ---

/// A canonical risk code, read at compile time.
const fn risk(code: &str) -> Risk {
    let b = code.as_bytes();
    assert!(b[0] == b'R', "a risk code starts with R");
    let mut i = 1;
    let mut number = 0u8;
    while b[i].is_ascii_digit() {
        number = number * 10 + (b[i] - b'0');
        i += 1;
    }
    assert!(b[i] == b'-', "a risk code has '-' before its domain");
    let domain = if b.len() - i - 1 == 8 && b[i + 1] == b'S' {
        Domain::Security
    } else {
        assert!(
            b.len() - i - 1 == 7 && b[i + 1] == b'P',
            "Security or Privacy"
        );
        Domain::Privacy
    };
    match Risk::new(domain, number) {
        Some(r) => r,
        None => panic!("risk number out of range"),
    }
}

const fn atlas(id: &str) -> ExternalId {
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

const fn llm(id: &str) -> ExternalId {
    owasp(Framework::OwaspLlm2025, id, 3)
}

const fn ml(id: &str) -> ExternalId {
    owasp(Framework::OwaspMl2023, id, 2)
}

const fn link(code: &str, target: ExternalId, strength: Strength, note: &'static str) -> Link {
    Link {
        risk: risk(code),
        target,
        strength,
        note,
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

/// serde through the text form, as for every type of the crate.
macro_rules! serde_via_text {
    ($($ty:ty),*) => {$(
        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(crate::text::FromStrVisitor::<$ty>::new())
            }
        }
    )*};
}
serde_via_text!(AtlasId, OwaspId, ExternalId);
