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
    /// Why each selected tool counts (see `Valid::evidence`).
    evidence: Vec<(usize, crate::Label)>,
    required: RiskSet,
    /// The bases of mappings that counted.
    bases: Vec<crate::Basis>,
    /// The required risks left open: neither covered nor accepted (an expired acceptance
    /// accepts nothing).
    open: RiskSet,
}

impl Verdict {
    pub(super) fn configuration_errors(findings: Vec<Diagnostic>) -> Verdict {
        Verdict {
            findings,
            failed: true,
            configuration_error: true,
            checked: None,
            evidence: Vec::new(),
            required: RiskSet::EMPTY,
            bases: Vec::new(),
            open: RiskSet::EMPTY,
        }
    }

    pub(super) fn renamed(mut self, name: impl Fn(&str) -> String) -> Verdict {
        self.findings = self
            .findings
            .into_iter()
            .map(|d| d.renamed(&name))
            .collect();
        for (_, label) in &mut self.evidence {
            let file = name(label.file());
            *label = label.clone().renamed(file);
        }
        self
    }

    /// The verdict as a document ([`CheckReport`](crate::CheckReport)): `mlsecops check --format
    /// json` and `--format markdown`. `policy` names the policy's file.
    pub fn report(&self, policy: &str) -> crate::CheckReport {
        let accepted: RiskSet = self
            .findings
            .iter()
            .filter(|f| f.acceptance().is_some())
            .filter_map(Diagnostic::risk)
            .collect();
        let coverage = self.coverage();
        let covered = coverage.as_ref().map_or(RiskSet::EMPTY, |c| c.covered()) & self.required;
        crate::CheckReport {
            data_version: crate::DATA_VERSION.to_owned(),
            policy: policy.to_owned(),
            passed: !self.failed,
            configuration_error: self.configuration_error,
            required: self.required,
            covered,
            accepted,
            open: self.open,
            tools: coverage
                .as_ref()
                .map(|c| c.tools().map(|t| t.name().to_owned()).collect())
                .unwrap_or_default(),
            evidence: self.evidence(),
            bases: self.bases.clone(),
            covered_by: self.covered_by(),
            findings: self
                .findings
                .iter()
                .map(|f| crate::CheckFinding {
                    level: f.level().as_str().to_owned(),
                    code: f.code().to_owned(),
                    message: f.message().to_owned(),
                    file: f.file().map(str::to_owned),
                    line: f.line(),
                    column: f.column(),
                    accepted: f.acceptance().map(str::to_owned),
                })
                .collect(),
        }
    }

    /// The bases of tools' mappings that counted: the policy's `basis`, every basis by default;
    /// none for a policy that could not be checked.
    pub fn bases(&self) -> &[crate::Basis] {
        &self.bases
    }

    /// Each covered required risk, each selected tool covering it, and the evidence of its
    /// strongest mapping that counts, in risk order, then tool order.
    pub fn covered_by(&self) -> Vec<crate::CheckCoverage> {
        let Some(coverage) = self.coverage() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for risk in self.required & coverage.covered() {
            for tool in coverage.tools().filter(|t| t.risks().contains(risk)) {
                let Some(basis) = tool
                    .risk_bases(risk)
                    .into_iter()
                    .find(|b| self.bases.contains(b))
                else {
                    continue;
                };
                let mapping = tool.mappings_of(risk).find(|m| m.basis() == basis);
                let note = tool
                    .amendments_of(risk)
                    .filter_map(crate::Amendment::note)
                    .collect::<Vec<_>>()
                    .join("; ");
                out.push(crate::CheckCoverage {
                    risk: risk.code().to_owned(),
                    tool: tool.name().to_owned(),
                    basis,
                    quote: mapping.map(|m| m.quote().to_owned()),
                    source: mapping.map(crate::Mapping::citation),
                    url: mapping.map(crate::Mapping::url),
                    rationale: match mapping {
                        Some(m) => Some(m.rationale().to_owned()),
                        None => (!note.is_empty()).then_some(note),
                    },
                });
            }
        }
        out
    }

    /// Why each tool counts, in the order of the tools: where the policy names it, or the
    /// dependency detection found.
    fn evidence(&self) -> Vec<crate::CheckEvidence> {
        let Some(coverage) = self.coverage() else {
            return Vec::new();
        };
        let registry = coverage.registry();
        let mut out = Vec::new();
        for tool in coverage.tools() {
            let index = registry.position(tool.id());
            for (_, label) in self.evidence.iter().filter(|(i, _)| Some(*i) == index) {
                out.push(crate::CheckEvidence {
                    tool: tool.name().to_owned(),
                    file: label.file().to_owned(),
                    line: label.line().unwrap_or(1),
                    what: label.message().unwrap_or_default().to_owned(),
                });
            }
        }
        out
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

    /// The required risks left open: neither covered by the policy's tools nor accepted (a
    /// risk whose acceptance expired is open). One count for every output: the text summary,
    /// `open` of the JSON document, the Markdown summary, and the error (or, without `deny`,
    /// warning) results of SARIF and the annotations, one per open risk.
    pub fn open(&self) -> RiskSet {
        self.open
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
    for other in &policy.shadowed {
        findings.push(
            Diagnostic::new(
                Level::Warning,
                "policy",
                format!(
                    "another policy, not read: {} is the policy (mlsecops.toml, then \
                     [tool.mlsecops] in pyproject.toml, then [package.metadata.mlsecops] in \
                     Cargo.toml); merge the two or remove one",
                    policy.source.section()
                ),
            )
            .at(other.clone())
            .about(["shadowed"]),
        );
    }
    let Valid {
        requirements,
        registry,
        selected,
        evidence,
        warnings,
        acceptances,
        bases,
    } = valid;
    findings.extend(warnings);
    let required = requirements.iter().fold(RiskSet::EMPTY, |a, (r, _)| a | *r);
    let lookup = registry.as_ref().unwrap_or(Registry::builtin());
    let coverage = Coverage::new(lookup, selected.iter().copied().collect());
    let level = if section.deny {
        Level::Error
    } else {
        Level::Warning
    };
    let today = today();
    let mut used = vec![false; acceptances.len()];
    let mut failed = false;
    let mut open = RiskSet::EMPTY;
    if let Err(gap) = coverage.require(required) {
        for entry in gap.entries() {
            let risk = entry.risk();
            // Located at the first requirement that asks for the risk.
            let span = requirements
                .iter()
                .find(|(r, _)| r.contains(risk))
                .map(|(_, span)| span.clone())
                .expect("every required risk comes from a requirement");
            let acceptance = acceptances
                .iter()
                .enumerate()
                .find(|(_, a)| a.risks.contains(risk));
            let mut expired_on = None;
            if let Some((i, a)) = acceptance {
                used[i] = true;
                let here = policy.label(a.span.clone()).saying("accepted here");
                if a.expires.is_none_or(|e| e >= today) {
                    let until = a
                        .expires
                        .map_or_else(|| "no expiry".to_owned(), |e| format!("until {}", date(e)));
                    findings.push(
                        Diagnostic::new(
                            Level::Note,
                            risk.code(),
                            format!("accepted: {entry} ({}, {until})", a.reason),
                        )
                        .at(policy.label(span))
                        .related(here)
                        .accepted(a.reason.clone()),
                    );
                    continue;
                }
                // The open risk is the one finding that fails (an error with deny); the
                // acceptance itself is a warning at its own line, so that every format counts
                // one open risk once.
                let expired = date(a.expires.expect("an expired acceptance has a date"));
                findings.push(
                    Diagnostic::new(
                        Level::Warning,
                        "policy",
                        format!(
                            "accept: the acceptance of {} expired on {expired}: the risk is \
                             open again (cover it, or renew the acceptance with a new date)",
                            risk.code()
                        ),
                    )
                    .at(policy.label(a.span.clone()))
                    .about([format!("expired {}", risk.code())]),
                );
                expired_on = Some((expired, here.saying("accepted here, expired")));
            }
            let finding = match expired_on {
                None => Diagnostic::new(
                    level,
                    risk.code(),
                    format!("required risk not covered: {entry}"),
                )
                .at(policy.label(span)),
                Some((expired, here)) => Diagnostic::new(
                    level,
                    risk.code(),
                    format!(
                        "required risk not covered: {entry} (its acceptance expired on {expired})"
                    ),
                )
                .at(policy.label(span))
                .related(here),
            };
            findings.push(finding);
            open.insert(risk);
            failed |= section.deny;
        }
    }
    for (a, used) in acceptances.iter().zip(&used) {
        if !used {
            findings.push(
                Diagnostic::new(
                    Level::Warning,
                    "policy",
                    format!(
                        "accept: {} is no required risk left open: the acceptance is unused \
                         (remove it)",
                        a.risks
                    ),
                )
                .at(policy.label(a.span.clone()))
                .about([format!("unused {}", a.risks)]),
            );
        } else if a.expires.is_none() {
            findings.push(
                Diagnostic::new(
                    Level::Warning,
                    "policy",
                    format!(
                        "accept: the acceptance of {} never expires (add expires = YYYY-MM-DD, \
                         when it is to be looked at again)",
                        a.risks
                    ),
                )
                .at(policy.label(a.span.clone()))
                .about([format!("no expiry {}", a.risks)]),
            );
        }
    }
    Verdict {
        findings,
        failed,
        configuration_error: false,
        checked: Some((registry, selected)),
        evidence,
        required,
        bases,
        open,
    }
}

/// `2027-06-30`.
fn date((y, m, d): (u16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today's date, UTC, from the system clock.
fn today() -> (u16, u8, u8) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The civil date of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        u16::try_from(y).unwrap_or(0),
        u8::try_from(m).unwrap_or(1),
        u8::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::{civil, date, today};

    #[test]
    fn days_become_civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(59), (1970, 3, 1));
        assert_eq!(civil(10_957), (2000, 1, 1));
        assert_eq!(civil(11_017), (2000, 3, 1));
        assert_eq!(civil(20_790), (2026, 12, 3));
        assert_eq!(civil(20_665), (2026, 7, 31));
        // February, and the leap day that ends a 400-year era.
        assert_eq!(civil(31), (1970, 2, 1));
        assert_eq!(civil(11_016), (2000, 2, 29));
        assert_eq!(civil(-1), (1969, 12, 31));
    }

    #[test]
    fn today_is_the_systems_date() {
        // Against date(1), UTC; read twice around the call in case midnight passes.
        let system = || {
            let out = std::process::Command::new("date")
                .args(["-u", "+%Y-%m-%d"])
                .output()
                .expect("date(1) runs");
            String::from_utf8(out.stdout).unwrap().trim().to_owned()
        };
        let before = system();
        let ours = date(today());
        let after = system();
        assert!(
            ours == before || ours == after,
            "{ours} vs {before}/{after}"
        );
    }
}
