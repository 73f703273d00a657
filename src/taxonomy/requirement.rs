//! [`Requirement`]: what a project requires covered, written as a risk code, a phase, a layer,
//! a domain or `all`.

use crate::ParseRequirementError;
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
