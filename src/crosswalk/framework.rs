//! The frameworks of the crosswalk ([`Framework`]), an id in any of them ([`ExternalId`]), and
//! how sure a link is ([`Strength`]).

use core::fmt;
use core::str::FromStr;

use super::{AtlasId, Link, OwaspId};
use crate::ParseIdError;
use crate::taxonomy::risk_set::RiskSet;
use crate::taxonomy::text::named_enum;

named_enum! {
    /// An external framework the crosswalk links to, pinned to one version or edition.
    ///
    /// The OWASP Top 10 for LLM Applications is here in its three editions in use: the same id
    /// may mean another risk in each (`LLM06` is Sensitive Information Disclosure in 2023,
    /// Excessive Agency in 2025, Unbounded Consumption in 2026), so `owasp-llm` alone names none.
    ///
    /// ```
    /// use mlsecops_taxonomy::Framework;
    /// assert_eq!(Framework::Atlas.edition(), "5.6.0");
    /// assert_eq!(Framework::OwaspLlm2026.to_string(), "owasp-llm-2026");
    /// assert_eq!("owasp-ml".parse::<Framework>()?, Framework::OwaspMl2023);
    /// assert_eq!(Framework::llm("2023"), Some(Framework::OwaspLlm2023));
    /// assert!("owasp-llm".parse::<Framework>().is_err());
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    #[non_exhaustive]
    pub enum Framework(
        "framework",
        "A framework the crosswalk links to, pinned to one version or edition.",
        describe = Framework::schema_description
    ) {
        /// MITRE ATLAS, data version 5.6.0: `atlas`.
        Atlas = "atlas", "MITRE ATLAS", ["MITRE ATLAS 5.6.0", "mitre-atlas"];
        /// OWASP Top 10 for LLM Applications, 2023 edition (v1.1): `owasp-llm-2023`.
        OwaspLlm2023 = "owasp-llm-2023", "OWASP Top 10 for LLM Applications", ["OWASP LLM Top 10 2023", "owasp-llm-v1.1"];
        /// OWASP Top 10 for LLM Applications, 2025 edition: `owasp-llm-2025`.
        OwaspLlm2025 = "owasp-llm-2025", "OWASP Top 10 for LLM Applications", ["OWASP LLM Top 10 2025"];
        /// OWASP Top 10 for LLM Applications, 2026 edition (the final entries): `owasp-llm-2026`.
        OwaspLlm2026 = "owasp-llm-2026", "OWASP Top 10 for LLM Applications", ["OWASP LLM Top 10 2026"];
        /// OWASP Machine Learning Security Top 10, 2023 edition: `owasp-ml-2023`.
        OwaspMl2023 = "owasp-ml-2023", "OWASP Machine Learning Security Top 10", ["owasp-ml", "OWASP ML Top 10 2023"];
        /// OWASP Top 10 for Agentic Applications, 2026 edition (ASI01 to ASI10):
        /// `owasp-agentic-2026`. The crosswalk links to it only through the LLM 2026 entries,
        /// along the mappings OWASP's LLM Top 10 2026 states (its Appendix 1).
        OwaspAgentic2026 = "owasp-agentic-2026", "OWASP Top 10 for Agentic Applications", ["owasp-agentic", "OWASP Agentic Top 10 2026"];
    }
}

impl Framework {
    /// `MITRE ATLAS 5.6.0`: the description of the framework's value in the schemas.
    #[cfg(feature = "schema")]
    fn schema_description(self) -> String {
        format!("{} {}", self.name(), self.edition())
    }

    /// The version (ATLAS) or edition (OWASP) the crate's ids and titles are from.
    pub const fn edition(self) -> &'static str {
        match self {
            Framework::Atlas => "5.6.0",
            Framework::OwaspLlm2023 | Framework::OwaspMl2023 => "2023",
            Framework::OwaspLlm2025 => "2025",
            Framework::OwaspLlm2026 | Framework::OwaspAgentic2026 => "2026",
        }
    }

    /// The editions of the OWASP Top 10 for LLM Applications, oldest first.
    pub const LLM_EDITIONS: [Framework; 3] = [
        Framework::OwaspLlm2023,
        Framework::OwaspLlm2025,
        Framework::OwaspLlm2026,
    ];

    /// The edition of the OWASP Top 10 for LLM Applications named by its year (`"2025"`).
    pub fn llm(edition: &str) -> Option<Framework> {
        Framework::LLM_EDITIONS
            .into_iter()
            .find(|f| f.edition() == edition.trim())
    }

    /// Whether this is an edition of the OWASP Top 10 for LLM Applications.
    pub const fn is_llm(self) -> bool {
        matches!(
            self,
            Framework::OwaspLlm2023 | Framework::OwaspLlm2025 | Framework::OwaspLlm2026
        )
    }
}

named_enum! {
    /// How sure a link is.
    ///
    /// ```
    /// use mlsecops_taxonomy::Strength;
    /// assert!(Strength::Supporting.follows(Strength::Primary));
    /// assert!(!Strength::Primary.follows(Strength::Supporting));
    /// ```
    #[non_exhaustive]
    pub enum Strength("strength", "How sure a crosswalk link is.", describe = Strength::schema_description) {
        /// The two name the same attack, or OWASP itself cites the ATLAS id for it: `primary`.
        Primary = "primary", "Primary";
        /// Related: one covers part of the other: `supporting`.
        Supporting = "supporting", "Supporting";
    }
}

impl Strength {
    /// What the strength means, in the schemas.
    #[cfg(feature = "schema")]
    fn schema_description(self) -> String {
        match self {
            Strength::Primary => "The risk and the external item name the same attack, or OWASP cites the ATLAS id for it.",
            Strength::Supporting => "Related: one covers part of the other.",
        }
        .to_owned()
    }

    /// Whether a query that follows links down to `self` follows a link of strength `link`:
    /// `Primary` follows primary links only, `Supporting` follows both.
    pub const fn follows(self, link: Strength) -> bool {
        link as u8 <= self as u8
    }
}

/// An identifier in one of the [`Framework`]s: what a crosswalk link points to.
///
/// Parsing recognises the framework from the form: `AML.…` for ATLAS, `LLM…`, `ML…` and `ASI…`
/// for the OWASP lists.
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
        super::links().iter().filter(move |l| l.target() == self)
    }

    /// The risks linked to this id, at any strength.
    pub fn risks(self) -> RiskSet {
        self.links().map(|l| l.risk()).collect()
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
