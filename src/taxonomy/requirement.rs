//! [`Requirement`]: what a project requires covered, written as a risk code, a phase, a layer,
//! a domain, `all`, or an ATLAS or OWASP id (every risk the crosswalk links to it).

use crate::ParseRequirementError;
use crate::crosswalk::ExternalId;
use crate::suggest::closest;
use crate::taxonomy::lifecycle::{Layer, Phase};
use crate::taxonomy::risk::{Domain, Risk};
use crate::taxonomy::risk_set::RiskSet;

/// A coverage requirement as people write it in configuration and on command lines.
///
/// ```
/// use mlsecops_taxonomy::{Layer, Requirement, RiskSet};
///
/// let r: Requirement = "model".parse()?;
/// assert_eq!(r, Requirement::Layer(Layer::Model));
/// assert_eq!(RiskSet::from(r).len(), 13);
/// assert_eq!("R1-Security".parse::<Requirement>()?.to_string(), "R1-Security");
/// assert_eq!("data_storage".parse::<Requirement>()?.risks().len(), 4);
/// // An ATLAS or OWASP id: every risk the crosswalk links to it.
/// let id: Requirement = "LLM01:2025".parse()?;
/// assert_eq!(id.risks().to_string(), "R8-Security, R17-Security");
/// assert!("AML.T0000".parse::<Requirement>().unwrap_err().to_string().contains("would check nothing"));
/// # Ok::<(), mlsecops_taxonomy::ParseRequirementError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Requirement {
    /// Every risk: `all`.
    All,
    /// Every risk of a domain: `security`, `privacy`.
    Domain(Domain),
    /// Every risk of a layer: `data`, `model`, `application`.
    Layer(Layer),
    /// Every risk of a phase: `data_storage`, ...
    Phase(Phase),
    /// One risk: `R1-Security`, ...
    Risk(Risk),
    /// Every risk the crosswalk links to an ATLAS or OWASP id (`AML.T0051`, `LLM01:2025`,
    /// `ML02:2023`, `ASI01:2026`), primary and supporting; one no risk links to is refused.
    Framework(ExternalId),
}

impl Requirement {
    /// The risks the requirement asks for.
    pub fn risks(self) -> RiskSet {
        match self {
            Requirement::All => RiskSet::ALL,
            Requirement::Domain(d) => d.risks(),
            Requirement::Layer(l) => l.risks(),
            Requirement::Phase(p) => p.risks(),
            Requirement::Risk(r) => r.into(),
            Requirement::Framework(id) => id.risks(),
        }
    }
}

impl From<Requirement> for RiskSet {
    fn from(r: Requirement) -> RiskSet {
        r.risks()
    }
}

impl core::fmt::Display for Requirement {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Requirement::All => f.write_str("all"),
            Requirement::Domain(d) => d.fmt(f),
            Requirement::Layer(l) => l.fmt(f),
            Requirement::Phase(p) => p.fmt(f),
            Requirement::Risk(r) => r.fmt(f),
            Requirement::Framework(id) => id.fmt(f),
        }
    }
}

impl core::str::FromStr for Requirement {
    type Err = ParseRequirementError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let trimmed = input.trim();
        if trimmed.eq_ignore_ascii_case("all") {
            return Ok(Requirement::All);
        }
        if let Ok(layer) = trimmed.parse() {
            return Ok(Requirement::Layer(layer));
        }
        if let Ok(phase) = trimmed.parse() {
            return Ok(Requirement::Phase(phase));
        }
        if let Ok(domain) = trimmed.parse() {
            return Ok(Requirement::Domain(domain));
        }
        // An ATLAS or OWASP id (`AML.T0051`, `LLM01:2025`, `ml02`, `ASI01`).
        let upper = trimmed.to_ascii_uppercase();
        let looks_like_id = upper.starts_with("AML.")
            || ["LLM", "ML", "ASI"].iter().any(|p| {
                upper
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            });
        if looks_like_id {
            let id: ExternalId = trimmed.parse().map_err(ParseRequirementError::Id)?;
            if id.risks().is_empty() {
                return Err(ParseRequirementError::Unlinked {
                    id: id.to_string(),
                    title: id.title(),
                });
            }
            return Ok(Requirement::Framework(id));
        }
        let looks_like_code = trimmed
            .strip_prefix(['R', 'r'])
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        match trimmed.parse::<Risk>() {
            Ok(risk) => Ok(Requirement::Risk(risk)),
            Err(e) if looks_like_code => Err(ParseRequirementError::Risk(e)),
            Err(_) => {
                let names = ["all"]
                    .into_iter()
                    .chain(Layer::ALL.iter().map(|l| l.as_str()))
                    .chain(Phase::ALL.iter().map(|p| p.as_str()))
                    .chain(Domain::ALL.iter().map(|d| d.as_str()));
                Err(ParseRequirementError::Unknown {
                    input: input.to_owned(),
                    suggestion: closest(input, names),
                })
            }
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Requirement {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Requirement {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(crate::taxonomy::text::FromStrVisitor::<Requirement>::new())
    }
}
