//! What a set of tools reaches of each framework: [`FrameworkCoverage`].

use super::{ExternalId, Framework, OwaspId, Strength};
use crate::coverage::Coverage;
use crate::taxonomy::risk_set::RiskSet;

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
        for link in super::links()
            .iter()
            .filter(|l| l.target().framework() == framework && strength.follows(l.strength()))
        {
            let covered = if self.covered().contains(link.risk()) {
                RiskSet::from(link.risk())
            } else {
                RiskSet::EMPTY
            };
            match items.iter_mut().find(|(id, _, _)| *id == link.target()) {
                Some((_, risks, cov)) => {
                    *risks |= RiskSet::from(link.risk());
                    *cov |= covered;
                }
                None => items.push((link.target(), link.risk().into(), covered)),
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
