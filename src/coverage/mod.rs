//! Coverage queries: [`Coverage`] (what a set of tools covers and leaves open),
//! [`CoverageGap`] (a requirement not met) and [`MinimalCover`] (the fewest tools).

pub(crate) mod report;

pub use report::CoverageReport;

use crate::registry::Registry;
use crate::registry::tool::Tool;
use crate::taxonomy::lifecycle::{Layer, Phase};
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;

/// Covered and total risks of a layer, a phase or the whole taxonomy.
///
/// ```
/// use mlsecops_taxonomy::{Counts, Layer, Registry};
/// let cov = Registry::builtin().coverage(["Garak"])?;
/// assert_eq!(cov.layer(Layer::Model), Counts { covered: 3, total: 13 });
/// assert_eq!(cov.layer(Layer::Model).to_string(), "3/13");
/// # Ok::<(), mlsecops_taxonomy::UnknownTool>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(
        deny_unknown_fields,
        description = "Covered and total risks of a layer, a phase or the whole taxonomy."
    )
)]
pub struct Counts {
    /// Risks covered.
    pub covered: usize,
    /// Risks in all.
    pub total: usize,
}

impl Counts {
    /// Covered over total, from 0.0 to 1.0 (1.0 when there is nothing to cover).
    pub fn ratio(self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.covered as f64 / self.total as f64
        }
    }

    fn of(covered: RiskSet, scope: RiskSet) -> Counts {
        Counts {
            covered: (covered & scope).len(),
            total: scope.len(),
        }
    }
}

// Serialized as `{"covered": 3, "total": 13}`, as the coverage report writes its totals.

impl core::fmt::Display for Counts {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}/{}", self.covered, self.total)
    }
}

/// What a set of tools of a registry covers, from [`Registry::coverage`].
///
/// ```
/// use mlsecops_taxonomy::{Layer, Phase, Registry};
///
/// let cov = Registry::builtin().coverage(["Garak", "ModelScan"])?;
/// assert_eq!(cov.covered().len(), 5);
/// assert_eq!(cov.uncovered().len(), 29);
/// assert_eq!(cov.phase(Phase::DataStorage).to_string(), "2/4");
/// let garak_for_r9: Vec<&str> =
///     cov.tools_covering("R9-Security".parse()?).map(|t| t.name()).collect();
/// assert_eq!(garak_for_r9, ["Garak"]);
///
/// let gap = cov.require(Layer::Data).unwrap_err();
/// assert_eq!(gap.missing().len(), 9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Coverage<'r> {
    registry: &'r Registry,
    selected: Selection,
    covered: RiskSet,
}

/// The positions of the tools asked about, each once, in the order asked: up to
/// [`Selection::INLINE`] without allocating, the common case of a handful of named tools.
#[derive(Clone)]
pub(crate) struct Selection {
    len: usize,
    inline: [u32; Selection::INLINE],
    heap: Vec<u32>,
}

impl Selection {
    /// How many positions fit without allocating.
    const INLINE: usize = 8;

    pub(crate) const fn new() -> Selection {
        Selection {
            len: 0,
            inline: [0; Selection::INLINE],
            heap: Vec::new(),
        }
    }

    #[inline]
    pub(crate) fn as_slice(&self) -> &[u32] {
        if self.len <= Selection::INLINE {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }

    /// Adds a position not already there; returns whether it was added.
    #[inline]
    pub(crate) fn insert(&mut self, index: usize) -> bool {
        let index = u32::try_from(index).expect("a registry holds fewer than 2^32 tools");
        if self.as_slice().contains(&index) {
            return false;
        }
        if self.len < Selection::INLINE {
            self.inline[self.len] = index;
        } else {
            if self.len == Selection::INLINE {
                self.heap.extend_from_slice(&self.inline);
            }
            self.heap.push(index);
        }
        self.len += 1;
        true
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = usize> + Clone + '_ {
        self.as_slice().iter().map(|&i| i as usize)
    }
}

impl PartialEq for Selection {
    fn eq(&self, other: &Selection) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Selection {}

impl FromIterator<usize> for Selection {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Selection {
        let mut selection = Selection::new();
        for index in iter {
            selection.insert(index);
        }
        selection
    }
}

/// The tools by name and the covered set; the registry only by size (the built-in one alone
/// would print some 15,000 characters).
impl core::fmt::Debug for Coverage<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let tools: Vec<&str> = self.tools().map(Tool::name).collect();
        f.debug_struct("Coverage")
            .field("tools", &tools)
            .field("covered", &self.covered)
            .field("registry_len", &self.registry.len())
            .finish()
    }
}

/// A summary: `5 of 34 risks covered by Garak, ModelScan`; without tools, `0 of 34 risks
/// covered: no tools`.
impl core::fmt::Display for Coverage<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let total = self.total();
        write!(f, "{} of {} risks covered", total.covered, total.total)?;
        if self.selected.is_empty() {
            return f.write_str(": no tools");
        }
        f.write_str(" by ")?;
        for (i, tool) in self.tools().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(tool.name())?;
        }
        Ok(())
    }
}

impl<'r> Coverage<'r> {
    /// The coverage of `selected`, whose risks together are `covered`.
    #[inline]
    pub(crate) fn with(
        registry: &'r Registry,
        selected: Selection,
        covered: RiskSet,
    ) -> Coverage<'r> {
        Coverage {
            registry,
            selected,
            covered,
        }
    }

    pub(crate) fn new(registry: &'r Registry, selected: Selection) -> Coverage<'r> {
        let covered = selected
            .iter()
            .filter_map(|i| registry.tool_at(i))
            .fold(RiskSet::EMPTY, |set, t| set | t.risks());
        Coverage {
            registry,
            selected,
            covered,
        }
    }

    /// The registry the tools come from.
    pub fn registry(&self) -> &'r Registry {
        self.registry
    }

    /// The tools asked about, in the order asked, each once.
    pub fn tools(&self) -> impl ExactSizeIterator<Item = &'r Tool> + Clone + '_ {
        let registry = self.registry;
        self.selected.iter().map(move |i| registry.at(i))
    }

    /// The risks at least one of the tools covers.
    pub fn covered(&self) -> RiskSet {
        self.covered
    }

    /// The risks none of the tools covers.
    pub fn uncovered(&self) -> RiskSet {
        !self.covered
    }

    /// The share of the 34 risks covered, from 0.0 to 1.0.
    pub fn ratio(&self) -> f64 {
        self.total().ratio()
    }

    /// Covered and total risks over the whole taxonomy.
    pub fn total(&self) -> Counts {
        Counts::of(self.covered, RiskSet::ALL)
    }

    /// Covered and total risks of a layer.
    pub fn layer(&self, layer: Layer) -> Counts {
        Counts::of(self.covered, layer.risks())
    }

    /// Covered and total risks of a phase.
    pub fn phase(&self, phase: Phase) -> Counts {
        Counts::of(self.covered, phase.risks())
    }

    /// Covered and total risks of any set of risks.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Domain, Registry};
    /// let cov = Registry::builtin().coverage(["Garak"])?;
    /// assert_eq!(cov.counts(Domain::Privacy).to_string(), "0/11");
    /// # Ok::<(), mlsecops_taxonomy::UnknownTool>(())
    /// ```
    pub fn counts(&self, scope: impl Into<RiskSet>) -> Counts {
        Counts::of(self.covered, scope.into())
    }

    /// The tools asked about that cover `risk`, in the order asked.
    pub fn tools_covering(&self, risk: Risk) -> impl Iterator<Item = &'r Tool> + Clone + '_ {
        self.tools().filter(move |t| t.risks().contains(risk))
    }

    /// `Ok` when every risk of `required` is covered; otherwise the gap: each missing risk with
    /// the registry's tools that would cover it.
    ///
    /// # Errors
    /// Some required risk is not covered.
    pub fn require(&self, required: impl Into<RiskSet>) -> Result<(), CoverageGap> {
        let missing = required.into() - self.covered;
        if missing.is_empty() {
            return Ok(());
        }
        Err(CoverageGap {
            missing: missing
                .iter()
                .map(|risk| GapEntry::of(self.registry, risk))
                .collect(),
        })
    }
}

/// A risk a requirement needs and the tools asked about do not cover, with the registry's tools
/// that would cover it.
///
/// Its `Display` is the one wording the crate uses for a gap, in [`CoverageGap`], the build gate
/// and the command: the risk, then either the tools that would cover it or the fact that none
/// does.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let cov = Registry::source().coverage(["Garak"])?;
/// let gap = cov.require("R11-Security".parse::<mlsecops_taxonomy::Risk>()?).unwrap_err();
/// let entry = &gap.entries()[0];
/// assert_eq!(entry.tools()[0].id(), "model-transparency");
/// assert_eq!(entry.to_string(),
///     "R11-Security Fake Model Attacks: would be covered by Model Transparency");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(
        rename = "Gap",
        deny_unknown_fields,
        description = "A required risk that is not covered, and the tools that would cover it."
    )
)]
pub struct GapEntry {
    /// The risk.
    risk: Risk,
    /// The registry's tools a project can adopt that would cover the risk, by name (any one of them closes the gap), maintained tools first; empty when none does.
    #[cfg_attr(feature = "serde", serde(serialize_with = "names"))]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    tools: Vec<Tool>,
    /// The registry's other tools covering the risk (benchmarks, playgrounds, research code), by name: they would count, but protect nothing by themselves.
    #[cfg_attr(feature = "serde", serde(serialize_with = "names"))]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    others: Vec<Tool>,
}

/// The most tools a gap's text names before "and N more".
const GAP_NAMES: usize = 4;

impl GapEntry {
    /// The gap of `risk` in `registry`: the tools covering it that a project can adopt,
    /// maintained ones first (then in registry order), and the others apart.
    pub(crate) fn of(registry: &Registry, risk: Risk) -> GapEntry {
        let (mut tools, others): (Vec<Tool>, Vec<Tool>) = registry
            .tools_covering(risk)
            .cloned()
            .partition(Tool::is_adoptable);
        // A stable sort: registry order among equals.
        tools.sort_by_key(|t| !t.is_maintained());
        GapEntry {
            risk,
            tools,
            others,
        }
    }

    /// The registry's tools covering the risk that a project cannot adopt as a control
    /// (benchmarks, playgrounds, research code), in registry order.
    pub fn others(&self) -> &[Tool] {
        &self.others
    }

    /// The uncovered risk.
    pub fn risk(&self) -> Risk {
        self.risk
    }

    /// The registry's tools that cover the risk and that a project can adopt (see
    /// [`Tool::is_adoptable`]), maintained ones first, then in registry order: adding any one of
    /// them closes this gap. Empty when no such tool covers it.
    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    /// Whether no tool of the registry covers the risk, adoptable or not.
    pub fn is_uncoverable(&self) -> bool {
        self.tools.is_empty() && self.others.is_empty()
    }
}

impl core::fmt::Display for GapEntry {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} {}: ", self.risk.code(), self.risk.name())?;
        let list = |f: &mut core::fmt::Formatter<'_>, tools: &[Tool]| {
            for (i, tool) in tools.iter().take(GAP_NAMES).enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(tool.name())?;
                if let Some(role) = tool.role().filter(|r| !r.is_adoptable()) {
                    write!(f, " ({})", role.name().to_lowercase())?;
                }
            }
            if tools.len() > GAP_NAMES {
                write!(f, " and {} more", tools.len() - GAP_NAMES)?;
            }
            Ok(())
        };
        match (self.tools.as_slice(), self.others.as_slice()) {
            ([], []) => f.write_str("no tool in the registry covers it"),
            ([], others) => {
                f.write_str("no tool a project can adopt covers it; only ")?;
                list(f, others)
            }
            (tools, _) => {
                f.write_str("would be covered by ")?;
                list(f, tools)
            }
        }
    }
}

/// Tools written by name.
#[cfg(feature = "serde")]
fn names<S, T>(tools: &[T], serializer: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    T: core::borrow::Borrow<Tool>,
{
    serializer.collect_seq(tools.iter().map(|t| t.borrow().name()))
}

/// The required risks a set of tools leaves open, from [`Coverage::require`].
///
/// Its `Display` lists each missing risk with its name and either the tools that would cover
/// it or the fact that no tool in the registry covers it (see [`GapEntry`]).
///
/// ```
/// use mlsecops_taxonomy::{Registry, RiskSet};
///
/// let cov = Registry::source().coverage(["Garak"])?;
/// let gap = cov.require("R11-Security, R12-Security".parse::<RiskSet>()?).unwrap_err();
/// assert_eq!(gap.to_string(), "\
/// 2 required risks are not covered:
///   R11-Security Fake Model Attacks: would be covered by Model Transparency
///   R12-Security Incomplete Model Artifacts: no tool in the registry covers it");
/// assert_eq!(gap.uncoverable().to_string(), "R12-Security");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CoverageGap {
    missing: Vec<GapEntry>,
}

impl CoverageGap {
    /// Each missing risk, in canonical order, with the tools that would cover it.
    pub fn entries(&self) -> &[GapEntry] {
        &self.missing
    }

    /// The missing risks.
    pub fn missing(&self) -> RiskSet {
        self.missing.iter().map(|e| e.risk).collect()
    }

    /// The missing risks that no tool of the registry covers.
    pub fn uncoverable(&self) -> RiskSet {
        self.missing
            .iter()
            .filter(|e| e.is_uncoverable())
            .map(|e| e.risk)
            .collect()
    }
}

/// `{"missing": [...], "gaps": [...]}`, as a requirement of the coverage report writes a gap.
#[cfg(feature = "serde")]
#[derive(serde::Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "CoverageGap", deny_unknown_fields)
)]
struct CoverageGapDoc<'a> {
    /// The required risks that are not covered.
    missing: RiskSet,
    /// Each of them with the tools that would cover it.
    gaps: &'a [GapEntry],
}

#[cfg(feature = "serde")]
impl serde::Serialize for CoverageGap {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = CoverageGapDoc {
            missing: self.missing(),
            gaps: &self.missing,
        };
        serde::Serialize::serialize(&doc, serializer)
    }
}

#[cfg(feature = "schema")]
crate::output::document::schema_as!(CoverageGap => CoverageGapDoc<'static>);

impl core::fmt::Display for CoverageGap {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let n = self.missing.len();
        write!(
            f,
            "{n} required risk{} not covered:",
            if n == 1 { " is" } else { "s are" }
        )?;
        for entry in &self.missing {
            write!(f, "\n  {entry}")?;
        }
        Ok(())
    }
}

/// A smallest set of tools covering the required risks that can be covered, from
/// [`Registry::minimal_cover`].
///
/// The search is exact: tools covering nothing required, and tools whose required risks an
/// earlier tool already covers, are set aside; then a branch-and-bound search, starting from the
/// greedy answer, branches on the risk with the fewest candidate tools. Among covers of the
/// smallest size it returns the one whose tool positions, sorted, come first in registry order.
///
/// The work is bounded: after [`MinimalCover::WORK_LIMIT`] units of work it stops and returns
/// the best cover found so far (never larger than the greedy one) with
/// [`is_proven_minimal`](MinimalCover::is_proven_minimal) false, so a registry of thousands of
/// tools with small overlapping risk sets answers in bounded time instead of hanging.
///
/// ```
/// use mlsecops_taxonomy::{Layer, Registry};
/// let cover = Registry::source().minimal_cover(Layer::Data);
/// let names: Vec<&str> = cover.tools().map(|t| t.name()).collect();
/// assert_eq!(names, ["AIF360", "ModelScan", "NB Defense", "TensorFlow Privacy", "TF-encrypted"]);
/// assert_eq!(cover.uncoverable().to_string(), "R6-Security, R3-Privacy, R4-Privacy");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct MinimalCover<'r> {
    registry: &'r Registry,
    chosen: Vec<usize>,
    required: RiskSet,
    uncoverable: RiskSet,
    proven_minimal: bool,
}

impl core::fmt::Debug for MinimalCover<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let tools: Vec<&str> = self.tools().map(Tool::name).collect();
        f.debug_struct("MinimalCover")
            .field("tools", &tools)
            .field("required", &self.required)
            .field("uncoverable", &self.uncoverable)
            .field("proven_minimal", &self.proven_minimal)
            .finish()
    }
}

/// `2 tools cover 3 of the 4 required risks: A, B; no tool covers R6-Security`, with
/// `(not proven minimal)` after the counts when the search ran out of work.
///
/// ```
/// use mlsecops_taxonomy::{Layer, Registry};
/// let cover = Registry::source().minimal_cover(Layer::Data);
/// assert_eq!(cover.to_string(), "5 tools cover 8 of the 11 required risks: AIF360, ModelScan, \
///     NB Defense, TensorFlow Privacy, TF-encrypted; no tool covers R6-Security, R3-Privacy, R4-Privacy");
/// ```
impl core::fmt::Display for MinimalCover<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let n = self.chosen.len();
        write!(
            f,
            "{} {} {} of the {}",
            crate::diag::count(n, "tool", "tools"),
            if n == 1 { "covers" } else { "cover" },
            self.covered().len(),
            crate::diag::count(self.required.len(), "required risk", "required risks")
        )?;
        if !self.proven_minimal {
            f.write_str(" (not proven minimal)")?;
        }
        for (i, tool) in self.tools().enumerate() {
            f.write_str(if i == 0 { ": " } else { ", " })?;
            f.write_str(tool.name())?;
        }
        if !self.uncoverable.is_empty() {
            write!(f, "; no tool covers {}", self.uncoverable)?;
        }
        Ok(())
    }
}

/// `{"tools": [...], "required": [...], "covered": [...], "uncoverable": [...],
/// "proven_minimal": true}`: the chosen tools by name and the risk sets as arrays of codes.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let cover = Registry::source().minimal_cover("R11-Security, R12-Security".parse::<mlsecops_taxonomy::RiskSet>()?);
/// assert_eq!(serde_json::to_value(&cover)?, serde_json::json!({
///     "tools": ["Model Transparency"], "required": ["R11-Security", "R12-Security"],
///     "covered": ["R11-Security"], "uncoverable": ["R12-Security"], "proven_minimal": true}));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "serde")]
impl serde::Serialize for MinimalCover<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = MinimalCoverDoc {
            tools: self.tools().collect(),
            required: self.required,
            covered: self.covered(),
            uncoverable: self.uncoverable,
            proven_minimal: self.proven_minimal,
        };
        serde::Serialize::serialize(&doc, serializer)
    }
}

/// A smallest set of tools that covers the required risks.
#[cfg(feature = "serde")]
#[derive(serde::Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "MinimalCover", deny_unknown_fields)
)]
struct MinimalCoverDoc<'a> {
    /// The chosen tools by name, in registry order.
    #[serde(serialize_with = "names")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    tools: Vec<&'a Tool>,
    /// The risks asked for.
    required: RiskSet,
    /// The required risks the chosen tools cover.
    covered: RiskSet,
    /// The required risks no tool of the registry covers.
    uncoverable: RiskSet,
    /// Whether no smaller set of tools exists (false when the search ran out of work).
    proven_minimal: bool,
}

#[cfg(feature = "schema")]
crate::output::document::schema_as!(MinimalCover<'_> => MinimalCoverDoc<'static>);

impl<'r> MinimalCover<'r> {
    /// The most work [`Registry::minimal_cover`] does before it settles for the best cover found
    /// so far (then [`is_proven_minimal`](MinimalCover::is_proven_minimal) is false), in units
    /// of one candidate tool looked at once: some 40 ms on a 2-core machine (tests/hostile.rs
    /// builds registries that reach it).
    pub const WORK_LIMIT: u64 = 20_000_000;

    /// A smallest cover among the tools `rank` gives a rank (`None`: left out), preferring
    /// lower ranks, then registry order, among covers of the same size.
    pub(crate) fn find(
        registry: &'r Registry,
        required: RiskSet,
        rank: impl Fn(&Tool) -> Option<u32>,
    ) -> MinimalCover<'r> {
        let mut order: Vec<(u32, usize)> = registry
            .tools()
            .enumerate()
            .filter_map(|(i, t)| rank(t).map(|r| (r, i)))
            .collect();
        order.sort_unstable();
        let candidates: RiskSet = order
            .iter()
            .map(|&(_, i)| registry.at(i).risks())
            .fold(RiskSet::EMPTY, |a, b| a | b);
        let coverable = required & candidates;
        let masks: Vec<u64> = order
            .iter()
            .map(|&(_, i)| (registry.at(i).risks() & coverable).bits())
            .collect();
        let (chosen, proven_minimal) = search(&masks, coverable.bits(), Self::WORK_LIMIT);
        let mut chosen: Vec<usize> = chosen.into_iter().map(|k| order[k].1).collect();
        chosen.sort_unstable();
        MinimalCover {
            registry,
            chosen,
            required,
            uncoverable: required - coverable,
            proven_minimal,
        }
    }

    /// The chosen tools, in registry order.
    pub fn tools(&self) -> impl ExactSizeIterator<Item = &'r Tool> + Clone + '_ {
        let registry = self.registry;
        self.chosen.iter().map(move |&i| registry.at(i))
    }

    /// The coverage of the chosen tools, to report or check like any other.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Layer, Registry};
    /// let cover = Registry::builtin().minimal_cover(Layer::Model);
    /// let coverage = cover.coverage();
    /// assert_eq!(coverage.tools().len(), cover.tools().len());
    /// assert_eq!(coverage.covered() & Layer::Model.risks(), cover.covered());
    /// ```
    pub fn coverage(&self) -> Coverage<'r> {
        Coverage::new(self.registry, self.chosen.iter().copied().collect())
    }

    /// The risks that were required.
    pub fn required(&self) -> RiskSet {
        self.required
    }

    /// The required risks the chosen tools cover: every required risk some tool covers.
    pub fn covered(&self) -> RiskSet {
        self.required - self.uncoverable
    }

    /// The required risks no tool of the registry covers.
    pub fn uncoverable(&self) -> RiskSet {
        self.uncoverable
    }

    /// Whether the search proved that no smaller set of tools exists (false only when it hit
    /// [`MinimalCover::WORK_LIMIT`]).
    pub fn is_proven_minimal(&self) -> bool {
        self.proven_minimal
    }
}

/// Above this many distinct tools, the dominated ones are not removed before the search (the
/// check is quadratic); the search's work limit still bounds the whole.
const DOMINANCE_LIMIT: usize = 8192;

/// Finds a smallest set of masks whose union is `target`; every bit of `target` is in some mask.
/// Returns the chosen indices, sorted, and whether the answer is proven minimal.
fn search(masks: &[u64], target: u64, limit: u64) -> (Vec<usize>, bool) {
    if target == 0 {
        return (Vec::new(), true);
    }
    // One tool per distinct set of required risks (the earliest), then, when there are few
    // enough for the quadratic check, only tools no earlier tool contains.
    let mut seen = std::collections::HashSet::new();
    let mut candidates: Vec<usize> = (0..masks.len())
        .filter(|&j| masks[j] != 0 && seen.insert(masks[j]))
        .collect();
    if candidates.len() <= DOMINANCE_LIMIT {
        let kept = candidates.clone();
        candidates.retain(|&j| {
            !kept
                .iter()
                .take_while(|&&i| i < j)
                .any(|&i| masks[j] & !masks[i] == 0)
        });
    }
    let greedy = greedy(masks, &candidates, target);
    let mut search = Search {
        masks,
        candidates: &candidates,
        steps: 0,
        limit,
    };
    // The smallest size: lower it one at a time from the greedy size until no cover is found.
    let mut best = greedy;
    while best.len() > 1 {
        match search.cover(target, best.len() - 1, 0) {
            Found::Yes(found) => best = found,
            Found::No => break,
            Found::OutOfWork => return (sorted(best), false),
        }
    }
    // The first cover of that size in registry order: fix the positions one by one.
    let size = best.len();
    let mut prefix: Vec<usize> = Vec::new();
    let mut left = target;
    while prefix.len() < size {
        let after = prefix.last().map_or(0, |&p| p + 1);
        let mut fixed = false;
        for &c in candidates.iter().filter(|&&c| c >= after) {
            if masks[c] & left == 0 {
                continue;
            }
            let rest = left & !masks[c];
            match search.cover(rest, size - prefix.len() - 1, c + 1) {
                Found::Yes(_) => {
                    prefix.push(c);
                    left = rest;
                    fixed = true;
                    break;
                }
                Found::No => {}
                Found::OutOfWork => return (sorted(best), true),
            }
        }
        if !fixed {
            break;
        }
    }
    if prefix.len() == size && left == 0 {
        (prefix, true)
    } else {
        (sorted(best), true)
    }
}

fn sorted(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

/// The classic greedy cover: repeatedly take the tool covering the most still-open risks
/// (the earliest on ties).
fn greedy(masks: &[u64], candidates: &[usize], target: u64) -> Vec<usize> {
    let mut left = target;
    let mut chosen = Vec::new();
    while left != 0 {
        let Some(&best) = candidates
            .iter()
            .max_by_key(|&&c| ((masks[c] & left).count_ones(), std::cmp::Reverse(c)))
        else {
            break;
        };
        if masks[best] & left == 0 {
            break;
        }
        chosen.push(best);
        left &= !masks[best];
    }
    chosen
}

enum Found {
    Yes(Vec<usize>),
    No,
    OutOfWork,
}

struct Search<'a> {
    masks: &'a [u64],
    candidates: &'a [usize],
    steps: u64,
    limit: u64,
}

impl Search<'_> {
    /// A cover of `left` with at most `budget` tools at positions `from` or later.
    fn cover(&mut self, left: u64, budget: usize, from: usize) -> Found {
        let mut chosen = Vec::new();
        match self.dfs(left, budget, from, &mut chosen) {
            Some(true) => Found::Yes(chosen),
            Some(false) => Found::No,
            None => Found::OutOfWork,
        }
    }

    /// `Some(true)` when found (in `chosen`), `Some(false)` when there is none, `None` when the
    /// work limit was hit.
    fn dfs(
        &mut self,
        left: u64,
        budget: usize,
        from: usize,
        chosen: &mut Vec<usize>,
    ) -> Option<bool> {
        if left == 0 {
            return Some(true);
        }
        if budget == 0 {
            return Some(false);
        }
        // One unit of work per candidate tool looked at: once for the bound, once per open
        // risk for the pivot.
        self.steps += self.candidates.len() as u64 * (1 + u64::from(left.count_ones()));
        if self.steps > self.limit {
            return None;
        }
        let usable = || self.candidates.iter().copied().filter(move |&c| c >= from);
        // Bound: even the largest remaining tool cannot cover what is left with this budget.
        let widest = usable()
            .map(|c| (self.masks[c] & left).count_ones())
            .max()
            .unwrap_or(0);
        if widest == 0 || (widest as usize) * budget < left.count_ones() as usize {
            return Some(false);
        }
        // Branch on the open risk with the fewest tools able to cover it.
        let mut pivot = 0u64;
        let mut fewest = usize::MAX;
        let mut bits = left;
        while bits != 0 {
            let bit = bits & bits.wrapping_neg();
            bits &= bits - 1;
            let n = usable().filter(|&c| self.masks[c] & bit != 0).count();
            if n < fewest {
                fewest = n;
                pivot = bit;
            }
        }
        if fewest == 0 {
            return Some(false);
        }
        let options: Vec<usize> = usable().filter(|&c| self.masks[c] & pivot != 0).collect();
        for c in options {
            chosen.push(c);
            match self.dfs(left & !self.masks[c], budget - 1, from, chosen)? {
                true => return Some(true),
                false => {
                    chosen.pop();
                }
            }
        }
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::search;

    /// Every pair of 8 risks: 28 tools, none containing another; 4 cover all 8.
    fn pairs() -> Vec<u64> {
        (0..8)
            .flat_map(|i| (i + 1..8).map(move |j| (1u64 << i) | (1u64 << j)))
            .collect()
    }

    /// The least work limit under which `search` proves its answer minimal.
    fn work(masks: &[u64], target: u64) -> u64 {
        let (mut lo, mut hi) = (0u64, 1 << 20);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if search(masks, target, mid).1 {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }

    /// The least work limit under which `search` answers `expected`, the first smallest cover in
    /// registry order: the work of proving the size and of fixing the positions.
    fn work_to_answer(masks: &[u64], target: u64, expected: &[usize]) -> u64 {
        (0..1 << 20)
            .find(|&limit| search(masks, target, limit).0 == expected)
            .expect("the search answers within 2^20 units")
    }

    #[test]
    fn the_bound_prunes_before_branching() {
        // Pairs of 8 risks: no three cover 8, which the bound sees at the root without
        // branching: 28 candidates * (1 + 8 open risks) = 252.
        assert_eq!(work(&pairs(), 0xff), 252);
    }

    #[test]
    fn fixing_the_first_cover_in_registry_order_does_the_work_it_should() {
        // Greedy takes the widest tool, 2, then 1: [1, 2]. The first cover of size 2 in
        // registry order is [0, 1], which fixing the positions one by one finds.
        // Work: proving one tool is too few, 3 * (1 + 4) = 15; then, with tool 0 fixed, one
        // look below it for the rest, 3 * (1 + 2) = 9. With less, the search still answers a
        // smallest cover ([1, 2]), but not the first.
        let masks = [0b0011, 0b1100, 0b0111];
        assert_eq!(search(&masks, 0b1111, u64::MAX), (vec![0, 1], true));
        assert_eq!(work_to_answer(&masks, 0b1111, &[0, 1]), 24);
        assert_eq!(search(&masks, 0b1111, 23), (vec![1, 2], true));
    }

    /// The work of two small searches, counted by hand: it changes only when the search does
    /// more or less work, so a change that makes it slower (a lost pruning rule) or miscounts
    /// its work fails here even when the answer stays right.
    #[test]
    fn the_search_does_the_work_it_should() {
        // Two tools suffice and greedy finds them; of the eight tools, the one covering
        // nothing, the repeat of tool 2 and tools 5 and 6 (inside tools 2 and 1) are set
        // aside, leaving 4 candidates. Proving that one tool cannot cover 6 risks is one look
        // at each candidate for the bound and one per open risk: 4 * (1 + 6) = 28.
        let masks = [
            0, 0b00_1111, 0b01_0011, 0b10_1100, 0b01_0011, 0b01_0000, 0b00_0001, 0b11_0000,
        ];
        assert_eq!(work(&masks, 0b11_1111), 28);
        assert_eq!(search(&masks, 0b11_1111, 28), (vec![1, 7], true));

        // Greedy takes 0b00_1111 first and needs three tools; two suffice. Size 2: 3 * 7 at
        // the root, which branches on risk 4 (one tool), then 3 * 4 below, which branches on
        // risk 5 and finds the cover; size 1: 3 * 7 to see it is too small. 21 + 12 + 21 = 54.
        let masks = [0b00_1111, 0b01_0011, 0b10_1100];
        assert_eq!(work(&masks, 0b11_1111), 54);
        assert_eq!(search(&masks, 0b11_1111, 54), (vec![1, 2], true));
    }

    fn union(masks: &[u64], chosen: &[usize]) -> u64 {
        chosen.iter().fold(0, |acc, &c| acc | masks[c])
    }

    #[test]
    fn the_work_limit_stops_the_search_with_a_cover() {
        let masks = pairs();
        let (chosen, proven) = search(&masks, 0xff, 1);
        assert!(!proven, "a limit of one unit cannot prove anything");
        assert_eq!(union(&masks, &chosen), 0xff);
        assert_eq!(chosen.len(), 4, "the greedy answer");

        let (chosen, proven) = search(&masks, 0xff, u64::MAX);
        assert!(proven);
        assert_eq!(chosen, [0, 13, 22, 27], "the first cover in registry order");
        assert_eq!(union(&masks, &chosen), 0xff);
    }
}
