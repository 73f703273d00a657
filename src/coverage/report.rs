//! [`CoverageReport`]: a [`Coverage`] checked against requirements, as one value that prints,
//! serializes and decides a CI gate.

use crate::coverage::{Coverage, CoverageGap};
use crate::taxonomy::requirement::Requirement;
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;
use crate::{Diagnostic, Level};

/// A [`Coverage`] with the verdict on each requirement: what a coverage gate reports.
///
/// With feature `json` it serializes (and [`to_json`](CoverageReport::to_json) writes) the
/// coverage report document that [`schema::coverage_schema`](crate::output::schema::coverage_schema)
/// describes: tools asked, covered and uncovered risks, counts per layer and phase, the tools
/// covering each risk, and each requirement with its gaps.
///
/// ```
/// use mlsecops_taxonomy::{Registry, Requirement};
///
/// let cov = Registry::builtin().coverage(["Garak", "ModelScan"])?;
/// let report = cov.report(["R9-Security".parse::<Requirement>()?, "data".parse()?]);
/// assert!(!report.is_met());
/// let verdicts: Vec<(String, bool)> =
///     report.checks().map(|(req, gap)| (req.to_string(), gap.is_none())).collect();
/// assert_eq!(verdicts, [("R9-Security".to_owned(), true), ("data".to_owned(), false)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageReport<'r> {
    coverage: Coverage<'r>,
    checks: Vec<(Requirement, Option<CoverageGap>)>,
}

impl<'r> Coverage<'r> {
    /// Checks the coverage against each requirement, in the order given.
    pub fn report(
        &self,
        requirements: impl IntoIterator<Item = Requirement>,
    ) -> CoverageReport<'r> {
        let checks = requirements
            .into_iter()
            .map(|req| (req, self.require(req).err()))
            .collect();
        CoverageReport {
            coverage: self.clone(),
            checks,
        }
    }
}

impl<'r> CoverageReport<'r> {
    /// The coverage the report is about.
    pub fn coverage(&self) -> &Coverage<'r> {
        &self.coverage
    }

    /// Each requirement with its gap (`None` when it is met), in the order given.
    pub fn checks(&self) -> impl ExactSizeIterator<Item = (Requirement, Option<&CoverageGap>)> {
        self.checks.iter().map(|(req, gap)| (*req, gap.as_ref()))
    }

    /// Whether every requirement is met (true when there are none).
    pub fn is_met(&self) -> bool {
        self.checks.iter().all(|(_, gap)| gap.is_none())
    }

    /// The risks the requirements ask for; every risk when there is no requirement (then every
    /// open risk counts).
    ///
    /// ```
    /// use mlsecops_taxonomy::{Registry, Requirement, RiskSet};
    /// let coverage = Registry::builtin().coverage(["Garak"])?;
    /// assert_eq!(coverage.report([]).required(), RiskSet::ALL);
    /// let report = coverage.report(["R9-Security".parse::<Requirement>()?]);
    /// assert_eq!(report.required().to_string(), "R9-Security");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn required(&self) -> RiskSet {
        if self.checks.is_empty() {
            RiskSet::ALL
        } else {
            self.checks
                .iter()
                .fold(RiskSet::EMPTY, |a, (r, _)| a | r.risks())
        }
    }

    /// One error per required risk left open, in taxonomy order, without a place (the tools
    /// were named, not read from a file): the requirements that ask for it and the tools that
    /// would close it.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Registry, Requirement};
    /// let coverage = Registry::source().coverage(["Garak"])?;
    /// let report = coverage.report(["R11-Security".parse::<Requirement>()?]);
    /// let d = &report.diagnostics()[0];
    /// assert_eq!(d.code(), "R11-Security");
    /// assert_eq!(d.to_string(), "error: Required by R11-Security and not covered by Garak: \
    ///     R11-Security Fake Model Attacks: would be covered by Model Transparency.");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut missing: Vec<(Risk, Vec<String>, String)> = Vec::new();
        for (requirement, gap) in self.checks() {
            for entry in gap.into_iter().flat_map(|g| g.entries()) {
                match missing.iter_mut().find(|(r, ..)| *r == entry.risk()) {
                    Some((_, requirements, _)) => requirements.push(requirement.to_string()),
                    None => missing.push((
                        entry.risk(),
                        vec![requirement.to_string()],
                        entry.to_string(),
                    )),
                }
            }
        }
        missing.sort_by_key(|(risk, ..)| *risk);
        let tools: Vec<&str> = self.coverage.tools().map(|t| t.name()).collect();
        missing
            .into_iter()
            .map(|(risk, requirements, entry)| {
                let message = format!(
                    "Required by {} and not covered by {}: {entry}.",
                    requirements.join(", "),
                    if tools.is_empty() {
                        "any tool".to_owned()
                    } else {
                        tools.join(", ")
                    }
                );
                Diagnostic::new(Level::Error, risk.code(), message).about(["coverage"])
            })
            .collect()
    }
}

#[cfg(feature = "json")]
mod json {
    use serde::Serialize;
    use serde_json::Value;

    use super::CoverageReport;
    use crate::coverage::{Counts, GapEntry};
    use crate::registry::tool::Tool;
    use crate::taxonomy::lifecycle::{Layer, Phase};
    use crate::taxonomy::requirement::Requirement;
    use crate::taxonomy::risk::Risk;
    use crate::taxonomy::risk_set::RiskSet;

    /// Tool names.
    fn names<'a>(tools: impl Iterator<Item = &'a Tool>) -> Vec<&'a str> {
        tools.map(Tool::name).collect()
    }

    /// What a set of tools covers of the MLSecOps risks and leaves open, by layer, phase and
    /// risk, and whether each requirement holds.
    #[derive(Serialize)]
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(rename = "CoverageReport", deny_unknown_fields)
    )]
    struct CoverageDoc<'a> {
        /// The version of the taxonomy data the document was made from.
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::output::schema::data_version")
        )]
        data_version: &'static str,
        /// The names of the tools asked about, in the order asked.
        tools: Vec<&'a str>,
        /// The risks the tools cover.
        covered: RiskSet,
        /// The risks the tools leave open.
        uncovered: RiskSet,
        /// Covered and total risks of the whole taxonomy.
        total: Counts,
        /// Each layer, in order.
        layers: Vec<LayerCoverage>,
        /// Each phase, in order.
        phases: Vec<PhaseCoverage>,
        /// Each risk, in canonical order.
        risks: Vec<RiskCoverage<'a>>,
        /// Each requirement, in the order given.
        requirements: Vec<RequirementCheck<'a>>,
        /// Whether every requirement is met.
        met: bool,
    }

    /// What the tools cover of one layer.
    #[derive(Serialize)]
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(deny_unknown_fields)
    )]
    struct LayerCoverage {
        layer: Layer,
        /// Risks of the layer covered.
        covered: usize,
        /// Risks of the layer.
        total: usize,
        /// Risks of the layer left open.
        uncovered: RiskSet,
    }

    /// What the tools cover of one phase.
    #[derive(Serialize)]
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(deny_unknown_fields)
    )]
    struct PhaseCoverage {
        phase: Phase,
        /// Risks of the phase covered.
        covered: usize,
        /// Risks of the phase.
        total: usize,
        /// Risks of the phase left open.
        uncovered: RiskSet,
    }

    /// Whether one risk is covered, and by which tools.
    #[derive(Serialize)]
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(deny_unknown_fields)
    )]
    struct RiskCoverage<'a> {
        risk: Risk,
        /// Whether a tool asked about covers the risk.
        covered: bool,
        /// The tools asked about that cover the risk.
        tools: Vec<&'a str>,
        /// Every tool of the registry that covers the risk; empty when none does.
        available: Vec<&'a str>,
        /// The tools of `available` that cover the risk only because an amendment of a
        /// registry file says so (the user's provenance), with the amendments' notes.
        amended: Vec<AmendedBy<'a>>,
    }

    /// A tool that covers a risk by amendment.
    #[derive(Serialize)]
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(deny_unknown_fields)
    )]
    struct AmendedBy<'a> {
        /// The tool's name.
        tool: &'a str,
        /// The notes of the amendments that add the risk, in order.
        notes: Vec<&'a str>,
    }

    /// One requirement and its verdict.
    #[derive(Serialize)]
    #[cfg_attr(
        feature = "schema",
        derive(schemars::JsonSchema),
        schemars(deny_unknown_fields)
    )]
    struct RequirementCheck<'a> {
        requirement: Requirement,
        /// Whether the tools cover every risk the requirement names.
        met: bool,
        /// The required risks left open.
        missing: RiskSet,
        /// Each of them with the tools that would cover it.
        gaps: &'a [GapEntry],
    }

    impl<'a> CoverageDoc<'a> {
        fn of(report: &'a CoverageReport<'_>) -> CoverageDoc<'a> {
            let cov = &report.coverage;
            let uncovered = cov.uncovered();
            let count = |c: Counts| (c.covered, c.total);
            CoverageDoc {
                data_version: crate::DATA_VERSION,
                tools: names(cov.tools()),
                covered: cov.covered(),
                uncovered,
                total: cov.total(),
                layers: Layer::ALL
                    .into_iter()
                    .map(|layer| {
                        let (covered, total) = count(cov.layer(layer));
                        let uncovered = uncovered & layer.risks();
                        LayerCoverage {
                            layer,
                            covered,
                            total,
                            uncovered,
                        }
                    })
                    .collect(),
                phases: Phase::ALL
                    .into_iter()
                    .map(|phase| {
                        let (covered, total) = count(cov.phase(phase));
                        let uncovered = uncovered & phase.risks();
                        PhaseCoverage {
                            phase,
                            covered,
                            total,
                            uncovered,
                        }
                    })
                    .collect(),
                risks: Risk::ALL
                    .into_iter()
                    .map(|risk| RiskCoverage {
                        risk,
                        covered: cov.covered().contains(risk),
                        tools: names(cov.tools_covering(risk)),
                        available: names(cov.registry().tools_covering(risk)),
                        amended: cov
                            .registry()
                            .tools_covering(risk)
                            .filter(|t| t.amended_risks().contains(risk))
                            .map(|t| AmendedBy {
                                tool: t.name(),
                                notes: t
                                    .amendments_of(risk)
                                    .filter_map(crate::Amendment::note)
                                    .collect(),
                            })
                            .collect(),
                    })
                    .collect(),
                requirements: report
                    .checks
                    .iter()
                    .map(|(requirement, gap)| RequirementCheck {
                        requirement: *requirement,
                        met: gap.is_none(),
                        missing: gap.as_ref().map(|g| g.missing()).unwrap_or_default(),
                        gaps: gap.as_ref().map(|g| g.entries()).unwrap_or_default(),
                    })
                    .collect(),
                met: report.is_met(),
            }
        }
    }

    impl CoverageReport<'_> {
        /// The report as a JSON value (see the type's documentation for its fields).
        pub fn to_value(&self) -> Value {
            crate::output::document::value(&CoverageDoc::of(self))
        }

        /// The report as a JSON document: fields in the order of the schema, two-space
        /// indentation, final newline.
        ///
        /// ```
        /// use mlsecops_taxonomy::Registry;
        /// let report = Registry::builtin().coverage(["Garak"])?.report([]);
        /// let doc: serde_json::Value = serde_json::from_str(&report.to_json())?;
        /// assert_eq!(doc["covered"], serde_json::json!(["R9-Security", "R10-Security", "R17-Security"]));
        /// assert_eq!(doc["met"], true);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn to_json(&self) -> String {
            crate::output::document::text(&CoverageDoc::of(self))
        }
    }

    impl Serialize for CoverageReport<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            CoverageDoc::of(self).serialize(serializer)
        }
    }

    #[cfg(feature = "schema")]
    crate::output::document::schema_as!(CoverageReport<'_> => CoverageDoc<'static>);
    #[cfg(feature = "schema")]
    crate::output::document::schema_as!(crate::coverage::Coverage<'_> => CoverageDoc<'static>);

    /// The coverage report document with no requirements (see [`CoverageReport`]).
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let cov = Registry::builtin().coverage(["Garak"])?;
    /// let doc = serde_json::to_value(&cov)?;
    /// assert_eq!(doc["tools"], serde_json::json!(["Garak"]));
    /// assert_eq!(doc["requirements"], serde_json::json!([]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    impl serde::Serialize for crate::coverage::Coverage<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.report([]).serialize(serializer)
        }
    }
}
