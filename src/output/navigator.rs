//! Coverage seen in MITRE ATLAS terms: an ATLAS Navigator layer ([`Layer`]) of the techniques
//! the crosswalk links to the risks a set of tools covers, and of those it links only to risks
//! left open.
//!
//! The layer follows the layers MITRE publishes for ATLAS 5.6.0 (domain `atlas-atlas`,
//! `versions` layer 4.3 and navigator 4.6.4, `metadata` with `atlas_data_version`, a top-level
//! technique once per tactic with `tactic` and `showSubtechniques`, sub-techniques by id,
//! `legendItems`). Open it in the ATLAS Navigator (<https://mitre-atlas.github.io/atlas-navigator/>)
//! with "Open Existing Layer", then "Upload from local".
//!
//! - **Score 2** (dark blue): a covered risk names the same attack (a primary link).
//! - **Score 1** (light blue): a covered risk is related to it (only supporting links).
//! - **Gap** (orange, no score): only risks the tools leave open link to it (with requirements,
//!   only required risks count: the others are not asked for).
//! - Every other technique has neither score nor colour; a parent technique listed only to show
//!   a sub-technique has neither either.
//!
//! Each scored or gap technique's `comment` names the risks that link to it and how.
//!
//! ```
//! use mlsecops_taxonomy::{Registry, RiskSet, navigator::Layer};
//!
//! let coverage = Registry::builtin().coverage(["Garak", "ModelScan"])?;
//! let layer = Layer::of(&coverage, RiskSet::ALL);
//! let scored: Vec<String> = layer
//!     .techniques()
//!     .filter(|t| t.score().is_some())
//!     .map(|t| t.technique().to_string())
//!     .collect();
//! assert!(scored.contains(&"AML.T0051".to_owned())); // LLM Prompt Injection, from R17-Security
//! let doc: serde_json::Value = serde_json::from_str(&layer.to_json())?;
//! assert_eq!(doc["domain"], "atlas-atlas");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;

use crate::crosswalk::{AtlasId, AtlasKind, ExternalId, Strength};
use crate::{Coverage, Risk, RiskSet};

/// The ATLAS data version of the crosswalk's ids, in every layer's metadata.
pub const ATLAS_DATA_VERSION: &str = "5.6.0";

/// The colour of a technique a covered risk names (score 2).
pub const PRIMARY_COLOR: &str = "#2166AC";
/// The colour of a technique a covered risk is related to (score 1).
pub const SUPPORTING_COLOR: &str = "#92C5DE";
/// The colour of a technique only open risks link to.
pub const GAP_COLOR: &str = "#F4A261";

/// An ATLAS Navigator layer of a coverage; see the [module](self) for what it shows.
///
/// ```
/// use mlsecops_taxonomy::{Registry, RiskSet, navigator::Layer};
/// // Garak covers R17-Security, whose links to ATLAS are supporting: score 1.
/// let coverage = Registry::builtin().coverage(["Garak"])?;
/// let layer = Layer::of(&coverage, "R17-Security".parse::<RiskSet>()?);
/// let injection = layer
///     .techniques()
///     .find(|t| t.technique().as_str() == "AML.T0051")
///     .unwrap();
/// assert_eq!(injection.score(), Some(1));
/// assert!(injection.comment().unwrap().starts_with("Covered: R17-Security"));
/// // Only the required risk counts: R13-Security's techniques are not gaps here.
/// assert!(layer.techniques().all(|t| !t.is_gap()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Layer {
    versions: Versions,
    domain: &'static str,
    metadata: Vec<Metadata>,
    name: String,
    description: String,
    techniques: Vec<Technique>,
    gradient: Gradient,
    legend_items: Vec<LegendItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Versions {
    layer: &'static str,
    navigator: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Metadata {
    name: &'static str,
    value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Gradient {
    colors: [&'static str; 2],
    min_value: u8,
    max_value: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct LegendItem {
    label: &'static str,
    color: &'static str,
}

/// One entry of a layer: a technique (a top-level one under one of its tactics), with its score,
/// colour and comment when it has them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Technique {
    #[serde(rename = "techniqueID", serialize_with = "as_str")]
    technique: AtlasId,
    #[serde(skip_serializing_if = "Option::is_none")]
    tactic: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    show_subtechniques: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

fn as_str<S: serde::Serializer>(id: &AtlasId, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(id.as_str())
}

impl Technique {
    /// The technique or sub-technique.
    pub fn technique(&self) -> AtlasId {
        self.technique
    }

    /// The tactic's short name, for a top-level technique (listed once per tactic).
    pub fn tactic(&self) -> Option<&'static str> {
        self.tactic
    }

    /// 2 through a primary link from a covered risk, 1 through supporting links only; `None`
    /// for a gap and for a parent listed only to show its sub-techniques.
    pub fn score(&self) -> Option<u8> {
        self.score
    }

    /// Whether only open (required) risks link to it.
    pub fn is_gap(&self) -> bool {
        self.color == Some(GAP_COLOR)
    }

    /// The risks that link to it, and how.
    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }
}

/// What the crosswalk says of one technique: the best link from a covered risk, and the
/// risks on each side.
#[derive(Default)]
struct Reach {
    best: Option<Strength>,
    covered: Vec<(Risk, Strength)>,
    open: Vec<(Risk, Strength)>,
}

impl Layer {
    /// The layer of `coverage`: techniques linked from its covered risks are scored; those
    /// linked only from risks of `required` it leaves open are gaps (pass `RiskSet::ALL` when
    /// every risk counts).
    pub fn of(coverage: &Coverage<'_>, required: impl Into<RiskSet>) -> Layer {
        let required = required.into();
        let covered = coverage.covered();
        let mut reach: Vec<(AtlasId, Reach)> = Vec::new();
        for link in crate::crosswalk::links() {
            let ExternalId::Atlas(id) = link.target() else {
                continue;
            };
            if !matches!(id.kind(), AtlasKind::Technique | AtlasKind::Subtechnique) {
                continue;
            }
            let risk = link.risk();
            let is_covered = covered.contains(risk);
            if !is_covered && !required.contains(risk) {
                continue;
            }
            let i = match reach.iter().position(|(x, _)| *x == id) {
                Some(i) => i,
                None => {
                    reach.push((id, Reach::default()));
                    reach.len() - 1
                }
            };
            let r = &mut reach[i].1;
            if is_covered {
                r.covered.push((risk, link.strength()));
                r.best = Some(match (r.best, link.strength()) {
                    (Some(Strength::Primary), _) | (_, Strength::Primary) => Strength::Primary,
                    _ => Strength::Supporting,
                });
            } else {
                r.open.push((risk, link.strength()));
            }
        }
        reach.sort_by_key(|(id, _)| *id);

        let mut techniques = Vec::new();
        // Parents shown only for their sub-techniques, in the order they are first needed.
        let mut parents: Vec<AtlasId> = Vec::new();
        for (id, r) in &reach {
            let (score, color) = match r.best {
                Some(Strength::Primary) => (Some(2), PRIMARY_COLOR),
                Some(_) => (Some(1), SUPPORTING_COLOR),
                None => (None, GAP_COLOR),
            };
            let comment = Some(comment(r));
            match id.parent() {
                Some(parent) => {
                    techniques.push(Technique {
                        technique: *id,
                        tactic: None,
                        show_subtechniques: None,
                        score,
                        color: Some(color),
                        comment,
                    });
                    if !parents.contains(&parent) {
                        parents.push(parent);
                    }
                }
                None => {
                    let has_shown_sub = reach.iter().any(|(x, _)| x.parent() == Some(*id));
                    for tactic in id.tactics() {
                        techniques.push(Technique {
                            technique: *id,
                            tactic: tactic.short_name(),
                            show_subtechniques: Some(has_shown_sub),
                            score,
                            color: Some(color),
                            comment: comment.clone(),
                        });
                    }
                }
            }
        }
        for parent in parents {
            if reach.iter().any(|(x, _)| *x == parent) {
                continue;
            }
            for tactic in parent.tactics() {
                techniques.push(Technique {
                    technique: parent,
                    tactic: tactic.short_name(),
                    show_subtechniques: Some(true),
                    score: None,
                    color: None,
                    comment: None,
                });
            }
        }

        let tools: Vec<&str> = coverage.tools().map(|t| t.name()).collect();
        let tools_text = if tools.is_empty() {
            "no tools".to_owned()
        } else {
            tools.join(", ")
        };
        let scored = reach.iter().filter(|(_, r)| r.best.is_some()).count();
        let gaps = reach.len() - scored;
        let scope = if required == RiskSet::ALL {
            "risks".to_owned()
        } else {
            format!("required risks ({required})")
        };
        Layer {
            versions: Versions {
                layer: "4.3",
                navigator: "4.6.4",
            },
            domain: "atlas-atlas",
            metadata: vec![
                Metadata {
                    name: "atlas_data_version",
                    value: ATLAS_DATA_VERSION.to_owned(),
                },
                Metadata {
                    name: "tools",
                    value: tools_text.clone(),
                },
                Metadata {
                    name: "mlsecops_taxonomy_version",
                    value: crate::DATA_VERSION.to_owned(),
                },
            ],
            name: format!("MLSecOps coverage: {tools_text}"),
            description: format!(
                "The ATLAS techniques the MLSecOps risk crosswalk links to the risks {tools_text} \
                 cover{}. Score 2 (dark blue): a covered risk names the same attack (primary \
                 link). Score 1 (light blue): a covered risk is related to it (supporting links \
                 only). Orange, no score: a gap, linked only from {scope} these tools leave open. \
                 Techniques without a score or a colour are outside the crosswalk. {} \
                 scored, {}; {} of 34 risks covered.",
                if tools.is_empty() { " (none)" } else { "" },
                crate::diag::count(scored, "technique", "techniques"),
                crate::diag::count(gaps, "gap", "gaps"),
                covered.len()
            ),
            techniques,
            gradient: Gradient {
                colors: [SUPPORTING_COLOR, PRIMARY_COLOR],
                min_value: 1,
                max_value: 2,
            },
            legend_items: vec![
                LegendItem {
                    label: "Covered: a covered risk names this attack (score 2)",
                    color: PRIMARY_COLOR,
                },
                LegendItem {
                    label: "Partly covered: a covered risk is related (score 1)",
                    color: SUPPORTING_COLOR,
                },
                LegendItem {
                    label: "Gap: linked only from risks left open (no score)",
                    color: GAP_COLOR,
                },
            ],
        }
    }

    /// A policy's verdict in ATLAS terms: its tools' coverage, gaps from the risks it requires.
    /// `None` when the policy's configuration could not be read.
    ///
    /// The layer of a coverage report is `Layer::of(report.coverage(), report.required())`:
    /// see [`Layer::report`].
    #[cfg(feature = "build")]
    #[cfg_attr(docsrs, doc(cfg(feature = "build")))]
    pub fn check(verdict: &crate::policy::Verdict) -> Option<Layer> {
        Some(Layer::of(&verdict.coverage()?, verdict.required()))
    }

    /// The layer of a coverage report: gaps from the risks its requirements ask for, or from
    /// every open risk when it has none.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Registry, navigator};
    /// let report = Registry::builtin().coverage(["Garak"])?.report([]);
    /// let layer = navigator::Layer::report(&report);
    /// assert!(layer.techniques().any(|t| t.is_gap()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report(report: &crate::CoverageReport<'_>) -> Layer {
        Layer::of(report.coverage(), report.required())
    }

    /// Every entry, scored techniques, gaps and parents shown for their sub-techniques.
    pub fn techniques(&self) -> impl ExactSizeIterator<Item = &Technique> {
        self.techniques.iter()
    }

    /// The layer's name (`MLSecOps coverage: Garak, ModelScan`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the layer shows and what its scores mean.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The layer as JSON, two-space indentation, final newline: the file to open in the ATLAS
    /// Navigator.
    pub fn to_json(&self) -> String {
        crate::output::document::text(self)
    }
}

/// `covered: R9-Security Adversarial Attacks (primary); open: R8-Security ... (supporting)`.
fn comment(r: &Reach) -> String {
    let list = |links: &[(Risk, Strength)]| {
        links
            .iter()
            .map(|(risk, strength)| format!("{} {} ({strength})", risk.code(), risk.name()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (r.covered.is_empty(), r.open.is_empty()) {
        (false, true) => format!("Covered: {}.", list(&r.covered)),
        (true, false) => format!("Gap, left open: {}.", list(&r.open)),
        _ => format!(
            "Covered: {}. Left open: {}.",
            list(&r.covered),
            list(&r.open)
        ),
    }
}
