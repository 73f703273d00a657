//! Step three: a valid policy evaluated into a [`Verdict`].

use super::Policy;
use super::valid::Valid;
use crate::coverage::Coverage;
use crate::registry::Registry;
use crate::{Diagnostic, Level, RiskSet};

/// The verdict on a policy: its findings, as diagnostics, and whether the gate fails.
///
/// Codes: `policy` for an error of the policy itself, the risk code for a required risk left
/// open, `lint/<rule>` for a problem of the registry file the policy names (located in that
/// file), `detect` for a file detection could not read (located in that file).
#[derive(Debug, Clone)]
pub struct Verdict {
    findings: Vec<Diagnostic>,
    failed: bool,
    configuration_error: bool,
    checked: Option<(Option<Registry>, Vec<usize>)>,
    required: RiskSet,
}

impl Verdict {
    pub(super) fn configuration_errors(findings: Vec<Diagnostic>) -> Verdict {
        Verdict {
            findings,
            failed: true,
            configuration_error: true,
            checked: None,
            required: RiskSet::EMPTY,
        }
    }

    /// Every finding, configuration errors first, then gaps.
    pub fn findings(&self) -> &[Diagnostic] {
        &self.findings
    }

    /// Whether the gate fails: a configuration error, or a gap with `deny = true`.
    pub fn is_failed(&self) -> bool {
        self.failed
    }

    /// Whether the policy itself is wrong (bad input), rather than its tools falling short.
    pub fn is_configuration_error(&self) -> bool {
        self.configuration_error
    }

    /// The risks the policy requires covered (empty when its configuration could not be read).
    pub fn required(&self) -> RiskSet {
        self.required
    }

    /// The coverage of the policy's tools; `None` when the configuration could not be read.
    pub fn coverage(&self) -> Option<Coverage<'_>> {
        let (registry, selected) = self.checked.as_ref()?;
        let registry = registry.as_ref().unwrap_or(Registry::builtin());
        Some(Coverage::new(registry, selected.iter().copied().collect()))
    }
}

pub(super) fn evaluate(policy: &Policy, valid: Valid) -> Verdict {
    let section = &policy.section;
    let mut findings = Vec::new();
    if section.require.is_empty() {
        findings.push(
            super::valid::policy_error(
                policy.label(policy.span.clone()),
                format!(
                    "{} has no require: the gate checks nothing (add require = [\"model\"], a \
                     layer, phase, domain, risk code or \"all\")",
                    policy.source.section()
                ),
            )
            .with_level(Level::Warning),
        );
    }
    let Valid {
        requirements,
        registry,
        selected,
        warnings,
    } = valid;
    findings.extend(warnings);
    let required = requirements.iter().fold(RiskSet::EMPTY, |a, (r, _)| a | *r);
    let lookup = registry.as_ref().unwrap_or(Registry::builtin());
    let coverage = Coverage::new(lookup, selected.iter().copied().collect());
    let mut failed = false;
    if let Err(gap) = coverage.require(required) {
        let level = if section.deny {
            Level::Error
        } else {
            Level::Warning
        };
        for entry in gap.entries() {
            // Located at the first requirement that asks for the risk.
            let span = requirements
                .iter()
                .find(|(r, _)| r.contains(entry.risk()))
                .map(|(_, span)| span.clone())
                .expect("every required risk comes from a requirement");
            findings.push(
                Diagnostic::new(
                    level,
                    entry.risk().code(),
                    format!("required risk not covered: {entry}"),
                )
                .at(policy.label(span)),
            );
        }
        failed = section.deny;
    }
    Verdict {
        findings,
        failed,
        configuration_error: false,
        checked: Some((registry, selected)),
        required,
    }
}
