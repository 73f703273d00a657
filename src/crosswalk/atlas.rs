//! MITRE ATLAS ids: [`AtlasId`] and [`AtlasKind`]; the table of ids and names is in `ids`.

mod ids;
mod tactics;

use core::fmt;
use core::str::FromStr;

use super::Framework;
use crate::ParseIdError;
use crate::suggest::closest;
use crate::taxonomy::text::named_enum;

use ids::ATLAS;

named_enum! {
    /// What an ATLAS identifier names.
    #[non_exhaustive]
    pub enum AtlasKind("ATLAS kind", "What an ATLAS identifier names.") {
        /// `AML.TA0002`: a tactic.
        Tactic = "tactic", "Tactic";
        /// `AML.T0024`: a technique.
        Technique = "technique", "Technique";
        /// `AML.T0024.000`: a sub-technique.
        Subtechnique = "subtechnique", "Sub-technique";
        /// `AML.M0000`: a mitigation.
        Mitigation = "mitigation", "Mitigation";
    }
}

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

    /// The tactics a technique serves (a sub-technique, its technique's), in the order the
    /// ATLAS Navigator shows them; none for a tactic or a mitigation.
    ///
    /// ```
    /// use mlsecops_taxonomy::AtlasId;
    /// let evade: AtlasId = "AML.T0015".parse()?;
    /// let tactics: Vec<&str> = evade.tactics().map(|t| t.title()).collect();
    /// assert_eq!(tactics, ["Initial Access", "Defense Evasion", "Impact"]);
    /// let poison: AtlasId = "AML.T0018.000".parse()?;
    /// assert_eq!(poison.tactics().count(), 2);
    /// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
    /// ```
    pub fn tactics(self) -> impl ExactSizeIterator<Item = AtlasId> + Clone {
        let technique = self.parent().unwrap_or(self);
        let names: &'static [&'static str] = tactics::TACTICS
            .binary_search_by(|(id, _)| id.cmp(&technique.as_str()))
            .map_or(&[], |i| tactics::TACTICS[i].1);
        names.iter().map(|name| {
            let (id, _) = tactics::SHORT_NAMES
                .iter()
                .find(|(_, n)| n == name)
                .expect("every short name of the table is a tactic's");
            AtlasId::lookup(id).expect("every tactic of the table is an ATLAS id")
        })
    }

    /// A tactic's short name, as ATLAS Navigator layers name it in `tactic`
    /// (`"defense-evasion"`); `None` for the other kinds.
    ///
    /// ```
    /// use mlsecops_taxonomy::AtlasId;
    /// assert_eq!("AML.TA0007".parse::<AtlasId>()?.short_name(), Some("defense-evasion"));
    /// assert_eq!("AML.T0015".parse::<AtlasId>()?.short_name(), None);
    /// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
    /// ```
    pub fn short_name(self) -> Option<&'static str> {
        tactics::SHORT_NAMES
            .iter()
            .find(|(id, _)| *id == self.as_str())
            .map(|(_, name)| *name)
    }
}

/// What ATLAS releases after 5.6.0 changed about an id, as `tests/data/atlas-releases.tsv`
/// records it from MITRE's release notes (`cargo test --test crosswalk` compares). 5.6.0 is
/// content release 2026.04; no later data file is read here, so the ids that replace these are
/// not carried.
static LATER: [(&str, &str); 5] = [
    (
        "AML.T0019",
        "ATLAS content release 2026.07 (2026-07-31) made AML.T0019 Publish Poisoned Datasets, AML.T0058 Publish Poisoned Models and AML.T0104 Publish Poisoned AI Agent Tool one technique, \"Publish Poisoned AI Artifacts\" (Datasets / Models / AI Agent Tools); the new ids are not carried here",
    ),
    (
        "AML.T0058",
        "ATLAS content release 2026.07 (2026-07-31) made AML.T0019 Publish Poisoned Datasets, AML.T0058 Publish Poisoned Models and AML.T0104 Publish Poisoned AI Agent Tool one technique, \"Publish Poisoned AI Artifacts\" (Datasets / Models / AI Agent Tools); the new ids are not carried here",
    ),
    (
        "AML.T0104",
        "ATLAS content release 2026.07 (2026-07-31) made AML.T0019 Publish Poisoned Datasets, AML.T0058 Publish Poisoned Models and AML.T0104 Publish Poisoned AI Agent Tool one technique, \"Publish Poisoned AI Artifacts\" (Datasets / Models / AI Agent Tools); the new ids are not carried here",
    ),
    (
        "AML.T0020",
        "ATLAS content release 2026.07 (2026-07-31) renamed it \"Training Data Poisoning\" (was Poison Training Data)",
    ),
    (
        "AML.TA0001",
        "ATLAS content release 2026.08 renamed it \"AI Attack Adaptation\" (was AI Attack Staging)",
    ),
];

impl AtlasId {
    /// What a release of ATLAS after 5.6.0 (content release 2026.04) changed about this id:
    /// replaced or renamed; `None` when the release notes read here name no change.
    ///
    /// ```
    /// use mlsecops_taxonomy::AtlasId;
    /// let t0019: AtlasId = "AML.T0019".parse()?;
    /// assert!(t0019.later_change().unwrap().contains("Publish Poisoned AI Artifacts"));
    /// assert_eq!("AML.T0051".parse::<AtlasId>()?.later_change(), None);
    /// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
    /// ```
    pub fn later_change(self) -> Option<&'static str> {
        LATER
            .iter()
            .find(|(id, _)| *id == self.as_str())
            .map(|(_, change)| *change)
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
