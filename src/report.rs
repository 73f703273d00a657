//! [`CoverageReport`]: a [`Coverage`] checked against requirements, as one value that prints,
//! serializes and decides a CI gate.

use crate::coverage::{Coverage, CoverageGap};
use crate::requirement::Requirement;

/// A [`Coverage`] with the verdict on each requirement: what a coverage gate reports.
///
/// With feature `json` it serializes (and [`to_json`](CoverageReport::to_json) writes) the
/// coverage report document that [`schema::coverage_schema`](crate::schema::coverage_schema)
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
}

#[cfg(feature = "json")]
mod json {
    use serde_json::{Value, json};

    use super::CoverageReport;
    use crate::coverage::Counts;
    use crate::lifecycle::{Layer, Phase};
    use crate::risk::Risk;
    use crate::risk_set::RiskSet;

    fn counts(key: &str, id: Value, counts: Counts, uncovered: RiskSet) -> Value {
        json!({
            key: id,
            "covered": counts.covered,
            "total": counts.total,
            "uncovered": uncovered,
        })
    }

    impl CoverageReport<'_> {
        /// The report as a JSON value (see the type's documentation for its fields).
        pub fn to_value(&self) -> Value {
            let cov = &self.coverage;
            let uncovered = cov.uncovered();
            let names = |tools: &mut dyn Iterator<Item = &crate::Tool>| -> Vec<String> {
                tools.map(|t| t.name().to_owned()).collect()
            };
            let layers: Vec<Value> = Layer::ALL
                .into_iter()
                .map(|l| counts("layer", json!(l), cov.layer(l), uncovered & l.risks()))
                .collect();
            let phases: Vec<Value> = Phase::ALL
                .into_iter()
                .map(|p| counts("phase", json!(p), cov.phase(p), uncovered & p.risks()))
                .collect();
            let risks: Vec<Value> = Risk::ALL
                .into_iter()
                .map(|r| {
                    json!({
                        "risk": r,
                        "covered": cov.covered().contains(r),
                        "tools": names(&mut cov.tools_covering(r)),
                        "available": names(&mut cov.registry().tools_covering(r)),
                    })
                })
                .collect();
            let requirements: Vec<Value> = self
                .checks()
                .map(|(req, gap)| {
                    let entries: Vec<Value> = gap
                        .map(|g| g.entries())
                        .unwrap_or_default()
                        .iter()
                        .map(|e| json!(e))
                        .collect();
                    json!({
                        "requirement": req,
                        "met": gap.is_none(),
                        "missing": gap.map(|g| g.missing()).unwrap_or_default(),
                        "gaps": entries,
                    })
                })
                .collect();
            json!({
                "data_version": crate::DATA_VERSION,
                "tools": names(&mut cov.tools()),
                "covered": cov.covered(),
                "uncovered": uncovered,
                "total": cov.total(),
                "layers": layers,
                "phases": phases,
                "risks": risks,
                "requirements": requirements,
                "met": self.is_met(),
            })
        }

        /// The report as a JSON document: keys sorted, two-space indentation, final newline.
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
            crate::document::canonical_text(self.to_value())
        }
    }

    impl serde::Serialize for CoverageReport<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.to_value().serialize(serializer)
        }
    }

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
