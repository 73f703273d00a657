//! [`Registry`]: the tools a project can use and the risks each covers: the built-in table
//! transcribed from the source, your own tools, lookups by name, and coverage queries.

pub(crate) mod amend;
mod builtin;
mod curated;
mod curation;
#[cfg(feature = "json")]
mod error;
pub(crate) mod key;
#[cfg(feature = "json")]
pub(crate) mod load;
pub(crate) mod mapping;
pub(crate) mod package;
#[cfg_attr(not(any(feature = "markdown", feature = "sarif")), allow(dead_code))]
pub(crate) mod rules;
#[cfg(feature = "json")]
pub(crate) mod save;
pub(crate) mod tool;
pub(crate) mod tool_error;
#[cfg(feature = "json")]
mod validation;

use std::sync::OnceLock;

use crate::coverage::{Coverage, MinimalCover, Selection};
use crate::registry::key::{KeyTable, fold, fold_ascii};
use crate::registry::package::Ecosystem;
use crate::registry::tool::Tool;
use crate::suggest::ranked;
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;
use crate::{DuplicateTool, UnknownTool};

#[cfg(feature = "json")]
pub use error::{Problem, ProblemKind, RegistryError, RegistryFileError};
#[cfg(feature = "json")]
pub use validation::Validation;

/// A set of tools, in order, each with a unique id, looked up by name or id ignoring case,
/// spaces, `-` and `_`.
///
/// [`Registry::builtin`] is the source's table; a team adds its own tools to a clone of it with
/// [`insert`](Registry::insert) or [`merge`](Registry::merge) (or from a JSON file with the
/// `json` feature).
///
/// ```
/// use mlsecops_taxonomy::{Layer, Registry, Risk, RiskSet, Tool};
///
/// let reg: &Registry = Registry::source();
/// assert_eq!(reg.len(), 41); // 36 tools and 5 vendors
/// assert_eq!(reg.get("model-transparency")?.name(), "Model Transparency");
///
/// let r11: Risk = "R11-Security".parse()?;
/// let names: Vec<&str> = reg.tools_covering(r11).map(|t| t.name()).collect();
/// assert_eq!(names, ["Model Transparency"]);
///
/// let mut ours = reg.clone();
/// ours.insert(Tool::new("Image Scanner", "R14-Security".parse()?)?)?;
/// let cov = ours.coverage(["Garak", "image scanner"])?;
/// assert!(cov.covered().contains("R14-Security".parse()?));
/// assert!(cov.require(Layer::Data).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// The tools in registry order, keyed by their folded id.
    tools: Vec<Tool>,
    /// Every tool's folded id and folded name, pointing at the tool's index.
    keys: KeyTable,
    /// Each tool's risks, in the tools' order: what a coverage query reads, densely.
    risks: Vec<RiskSet>,
}

/// A tool's folded id and folded name: what the registry looks it up by, computed once and,
/// for ASCII names of up to 64 bytes, without allocating.
pub(crate) struct Keys {
    id: FoldedKey,
    name: FoldedKey,
}

/// A folded key on the stack, or on the heap when [`fold_ascii`] cannot fold it.
enum FoldedKey {
    Inline([u8; 64], usize),
    Heap(String),
}

impl FoldedKey {
    fn of(text: &str) -> FoldedKey {
        let mut buf = [0; 64];
        match fold_ascii(text, &mut buf).map(<[u8]>::len) {
            Some(len) => FoldedKey::Inline(buf, len),
            None => FoldedKey::Heap(fold(text)),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            FoldedKey::Inline(buf, len) => &buf[..*len],
            FoldedKey::Heap(text) => text.as_bytes(),
        }
    }
}

impl Keys {
    pub(crate) fn of(tool: &Tool) -> Keys {
        Keys {
            id: FoldedKey::of(tool.id()),
            name: FoldedKey::of(tool.name()),
        }
    }
}

impl PartialEq for Registry {
    fn eq(&self, other: &Self) -> bool {
        self.tools.len() == other.tools.len() && self.tools().eq(other.tools())
    }
}

impl Eq for Registry {}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// An empty registry with room for `tools` tools, so that adding that many allocates once
    /// instead of growing.
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let mut registry = Registry::with_capacity(2);
    /// for name in ["Garak", "ModelScan"] {
    ///     registry.insert(Registry::builtin().get(name)?.clone())?;
    /// }
    /// assert_eq!(registry.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_capacity(tools: usize) -> Registry {
        Registry {
            tools: Vec::with_capacity(tools),
            // An id and a name per tool, of some 16 bytes each once folded.
            keys: KeyTable::with_capacity(2 * tools, 32 * tools),
            risks: Vec::with_capacity(tools),
        }
    }

    /// The built-in registry: the source's tables (see [`source`](Registry::source)) and, after
    /// them, the curated layer: tools ML teams use, chosen by evidence of use, each risk mapped
    /// with the tool's own words, repository, commit, path and line, as stated or judged
    /// ([`Tool::mappings`]). A curated tool that is also a source row (NeMo Guardrails) is one
    /// tool: the source's row unchanged, the curated mappings, packages and role added. Built once
    /// from const tables, without parsing.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Provenance, Registry};
    /// let reg = Registry::builtin();
    /// assert!(reg.len() > 120);
    /// let curated = reg.tools().filter(|t| t.provenance() == Provenance::Curated).count();
    /// assert!(curated >= 80);
    /// // Every risk has a tool.
    /// assert_eq!(reg.covered().len(), 34);
    /// ```
    pub fn builtin() -> &'static Registry {
        static BUILTIN: OnceLock<Registry> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut registry = Registry::source().clone();
            registry.tools.reserve(curated::CURATED.len());
            for tool in &curated::CURATED {
                match registry.position(tool.id()) {
                    Some(index) => {
                        registry.tools[index].add_curated(tool);
                        registry.risks[index] = registry.tools[index].risks;
                    }
                    None => {
                        if let Err(err) = registry.insert(tool.clone()) {
                            unreachable!("the curated table has a duplicate: {err}");
                        }
                    }
                }
            }
            registry
        })
    }

    /// The source's tables alone: 36 tools from "Security Tools & Resources" (whose 37 rows
    /// name "AIShield Watchtower" twice) and 5 vendors from "Industry", in the source's order,
    /// each risk with its row as evidence and each tool with a role.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Basis, Registry};
    /// let source = Registry::source();
    /// assert_eq!(source.len(), 41); // 36 tools and 5 vendors
    /// let garak = source.get("garak")?;
    /// let row = garak.mappings_of("R17-Security".parse()?).next().unwrap();
    /// assert_eq!((row.basis(), row.path(), row.line()), (Basis::Source, "README.md", 32));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn source() -> &'static Registry {
        static SOURCE: OnceLock<Registry> = OnceLock::new();
        SOURCE.get_or_init(|| {
            let mut registry = Registry::with_capacity(builtin::TOOLS.len());
            for tool in &builtin::TOOLS {
                let mut tool = tool.clone();
                if let Some((_, role, _, mappings)) =
                    curated::SOURCE_ROWS.iter().find(|row| row.0 == tool.name())
                {
                    tool.role = Some(*role);
                    tool.mappings = std::borrow::Cow::Borrowed(mappings);
                }
                if let Err(err) = registry.insert(tool) {
                    unreachable!("the built-in table has a duplicate: {err}");
                }
            }
            registry
        })
    }

    /// How many tools the registry holds.
    pub fn len(&self) -> usize {
        self.tools.len()
    }

    /// Whether the registry holds no tool.
    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
    }

    /// The tools in registry order.
    pub fn tools(&self) -> impl ExactSizeIterator<Item = &Tool> + DoubleEndedIterator + Clone {
        self.tools.iter()
    }

    /// The tool at this position in registry order.
    pub fn tool_at(&self, index: usize) -> Option<&Tool> {
        self.tools.get(index)
    }

    /// The tool at a position known to be valid (an index this registry handed out).
    #[inline]
    pub(crate) fn at(&self, index: usize) -> &Tool {
        &self.tools[index]
    }

    /// The position of a tool, by name or id, ignoring case, spaces, `-` and `_`.
    #[inline]
    pub fn position(&self, name_or_id: &str) -> Option<usize> {
        let mut buf = [0; 64];
        match fold_ascii(name_or_id, &mut buf) {
            Some(key) => self.keys.get(key),
            None => self.keys.get(fold(name_or_id).as_bytes()),
        }
    }

    /// The tool with this name or id, ignoring case, spaces, `-` and `_`: `"garak"`, `"GARAK"`,
    /// `"model-transparency"` and `"Model Transparency"` all find their tool.
    ///
    /// # Errors
    /// No tool has that name or id; the error suggests the closest names.
    pub fn get(&self, name_or_id: &str) -> Result<&Tool, UnknownTool> {
        match self.position(name_or_id) {
            Some(i) => Ok(&self.tools[i]),
            None => Err(self.unknown(name_or_id)),
        }
    }

    pub(crate) fn unknown(&self, name: &str) -> UnknownTool {
        let candidates = self.tools().flat_map(|t| [t.name(), t.id()]);
        let mut suggestions: Vec<String> = Vec::new();
        for candidate in ranked(name, candidates, 6) {
            let Some(i) = self.position(candidate) else {
                continue;
            };
            let name = self.tools[i].name().to_owned();
            if !suggestions.contains(&name) && suggestions.len() < 3 {
                suggestions.push(name);
            }
        }
        UnknownTool {
            name: name.to_owned(),
            suggestions,
        }
    }

    /// The tools that cover `risk`, in registry order.
    pub fn tools_covering(&self, risk: Risk) -> impl Iterator<Item = &Tool> + Clone {
        self.tools().filter(move |t| t.risks().contains(risk))
    }

    /// A registry of the tools for which `keep` is true, in the same order.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Category, Registry};
    /// let llm = Registry::builtin().filter(|t| t.categories().contains(&Category::LlmSecurity));
    /// assert!(llm.get("Garak").is_ok());
    /// assert!(llm.get("ModelScan").is_err());
    /// ```
    pub fn filter(&self, mut keep: impl FnMut(&Tool) -> bool) -> Registry {
        let mut kept = Registry::new();
        for tool in self.tools().filter(|t| keep(t)) {
            // The tools of one registry never clash with each other.
            kept.push(tool.clone(), &Keys::of(tool));
        }
        kept
    }

    /// The tools that are the package `name` of `ecosystem` (names compared as the ecosystem
    /// compares them), in registry order.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Ecosystem, Registry};
    /// let found: Vec<&str> = Registry::builtin()
    ///     .tools_for_package(Ecosystem::PyPi, "NeMoGuardrails")
    ///     .map(|t| t.name())
    ///     .collect();
    /// assert_eq!(found, ["NeMo-Guardrails"]);
    /// // PyPI's `art` is an ASCII-art library, not the Adversarial Robustness Toolbox.
    /// assert_eq!(Registry::builtin().tools_for_package(Ecosystem::PyPi, "art").count(), 0);
    /// ```
    pub fn tools_for_package<'a>(
        &'a self,
        ecosystem: Ecosystem,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Tool> + 'a {
        let wanted = crate::registry::package::normalize(ecosystem, name);
        self.tools().filter(move |t| {
            t.packages().iter().any(|p| match p.ecosystem() {
                Some(e) => e == ecosystem && p.normalized_name() == wanted,
                // `pkg:githubactions/OWNER/REPO` is a GitHub repository too.
                None => p.matches(ecosystem, name),
            })
        })
    }

    /// Every risk some tool of the registry covers.
    pub fn covered(&self) -> RiskSet {
        self.tools().fold(RiskSet::EMPTY, |set, t| set | t.risks())
    }

    /// Adds a tool at the end.
    ///
    /// # Errors
    /// Its id or name, folded, is already the id or name of a tool of the registry.
    pub fn insert(&mut self, tool: Tool) -> Result<(), DuplicateTool> {
        let keys = Keys::of(&tool);
        if let Some(existing) = self.clash(&keys, None) {
            return Err(DuplicateTool {
                name: tool.name().to_owned(),
                id: tool.id().to_owned(),
                existing: self.tools[existing].name().to_owned(),
            });
        }
        self.push(tool, &keys);
        Ok(())
    }

    /// Adds a tool, or replaces the tool with the same id in place; returns the replaced tool.
    ///
    /// # Errors
    /// The tool's name, folded, is the name or id of a different tool of the registry.
    pub fn replace(&mut self, tool: Tool) -> Result<Option<Tool>, DuplicateTool> {
        let keys = Keys::of(&tool);
        // The tool whose folded id this is (a folded key is one tool's, id or name).
        let same = self
            .keys
            .get(keys.id.as_bytes())
            .filter(|&i| self.tools[i].key().as_bytes() == keys.id.as_bytes());
        if let Some(existing) = self.clash(&keys, same) {
            return Err(DuplicateTool {
                name: tool.name().to_owned(),
                id: tool.id().to_owned(),
                existing: self.tools[existing].name().to_owned(),
            });
        }
        match same {
            Some(i) => {
                let old_name = fold(self.tools[i].name());
                if old_name.as_bytes() != keys.id.as_bytes() {
                    self.keys.remove(old_name.as_bytes());
                }
                self.keys.insert(keys.name.as_bytes(), i);
                self.risks[i] = tool.risks();
                Ok(Some(std::mem::replace(&mut self.tools[i], tool)))
            }
            None => {
                self.push(tool, &keys);
                Ok(None)
            }
        }
    }

    /// Adds every tool of `other`, in its order. Nothing is added if any of them is already here.
    ///
    /// # Errors
    /// A tool of `other` has the id or name of a tool of this registry.
    pub fn merge(&mut self, other: Registry) -> Result<(), DuplicateTool> {
        let mut merged = self.clone();
        for tool in other.tools {
            merged.insert(tool)?;
        }
        *self = merged;
        Ok(())
    }

    /// Adds every tool of `other`; a tool with the id of one already here replaces it in place.
    ///
    /// # Errors
    /// A tool of `other` has the name of a different tool of this registry; nothing is changed.
    pub fn merge_replacing(&mut self, other: Registry) -> Result<(), DuplicateTool> {
        let mut merged = self.clone();
        for tool in other.tools {
            merged.replace(tool)?;
        }
        *self = merged;
        Ok(())
    }

    /// The position of a tool whose folded id or name equals one of `keys`, other than
    /// `except`.
    pub(crate) fn clash(&self, keys: &Keys, except: Option<usize>) -> Option<usize> {
        [&keys.id, &keys.name]
            .into_iter()
            .filter_map(|k| self.keys.get(k.as_bytes()))
            .find(|&i| Some(i) != except)
    }

    /// Adds a tool whose keys clash with none here.
    pub(crate) fn push(&mut self, tool: Tool, keys: &Keys) {
        let index = self.tools.len();
        self.keys.insert(keys.id.as_bytes(), index);
        self.keys.insert(keys.name.as_bytes(), index);
        self.risks.push(tool.risks());
        self.tools.push(tool);
    }

    /// What the named tools cover, together.
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let cov = Registry::builtin().coverage(["Garak", "ModelScan"])?;
    /// assert_eq!(cov.covered().to_string(),
    ///     "R5-Security, R7-Security, R9-Security, R10-Security, R17-Security");
    /// # Ok::<(), mlsecops_taxonomy::UnknownTool>(())
    /// ```
    ///
    /// # Errors
    /// A name is not in the registry; the error suggests the closest names.
    pub fn coverage<I, S>(&self, names: I) -> Result<Coverage<'_>, UnknownTool>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut selected = Selection::new();
        let mut covered = RiskSet::EMPTY;
        for name in names {
            let name = name.as_ref();
            let index = self.position(name).ok_or_else(|| self.unknown(name))?;
            if selected.insert(index) {
                covered |= self.risks[index];
            }
        }
        Ok(Coverage::with(self, selected, covered))
    }

    /// What every tool of the registry covers, together.
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let cov = Registry::source().coverage_all();
    /// assert_eq!((cov.covered().len(), cov.uncovered().len()), (17, 17));
    /// ```
    pub fn coverage_all(&self) -> Coverage<'_> {
        Coverage::new(self, (0..self.len()).collect())
    }

    /// The registry as a policy that counts only `bases` sees it: each tool covers only the
    /// risks it is mapped to on one of them (see [`Tool::risks_on`]).
    ///
    /// ```
    /// use mlsecops_taxonomy::{Basis, Registry};
    /// let source_only = Registry::builtin().counting(&[Basis::Source]);
    /// assert!(source_only.get("trivy")?.risks().is_empty());
    /// assert_eq!(source_only.covered(), Registry::source().covered());
    /// # Ok::<(), mlsecops_taxonomy::UnknownTool>(())
    /// ```
    pub fn counting(&self, bases: &[crate::Basis]) -> Registry {
        let mut out = self.clone();
        for (tool, risks) in out.tools.iter_mut().zip(out.risks.iter_mut()) {
            let counted = tool.risks_on(bases);
            if let Some(amended) = &mut tool.amended {
                amended.risks &= counted;
            }
            tool.risks = counted;
            *risks = counted;
        }
        out
    }

    /// A smallest set of tools a project can adopt ([`Tool::is_adoptable`]: no benchmark,
    /// playground or research code) covering every risk of `required` that such a tool covers,
    /// and the required risks none covers; among covers of the same size, tools known to be
    /// maintained first, then those not known either way, then registry order. See [`MinimalCover`] for how it is found and its bounds.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Registry, RiskSet};
    /// let cover = Registry::builtin().minimal_cover(RiskSet::ALL);
    /// assert!(cover.tools().all(|t| t.is_adoptable()));
    /// // R18-Security (quantization attacks) has only research code.
    /// assert_eq!(cover.uncoverable().to_string(), "R18-Security");
    /// assert!(cover.is_proven_minimal());
    /// ```
    pub fn minimal_cover(&self, required: impl Into<RiskSet>) -> MinimalCover<'_> {
        self.minimal_cover_by(required, |t| {
            t.is_adoptable()
                .then(|| match t.upstream().map(crate::Upstream::status) {
                    Some(crate::Status::Maintained) => 0,
                    None => 1,
                    Some(_) => 2,
                })
        })
    }

    /// A smallest set of tools covering `required` among those `rank` ranks (`None` leaves a
    /// tool out); among covers of the same size, lower ranks first, then registry order. Use it
    /// to prefer a project's ecosystem, or to let benchmarks and research code count.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Ecosystem, Registry, RiskSet};
    /// let reg = Registry::builtin();
    /// // Any role: R18-Security is covered by research code.
    /// let any = reg.minimal_cover_by(RiskSet::ALL, |_| Some(0));
    /// assert!(any.uncoverable().is_empty());
    /// // A PyPI project: tools with a PyPI package first.
    /// let pypi = reg.minimal_cover_by("R14-Security".parse::<RiskSet>()?, |t| {
    ///     t.is_adoptable().then_some(u32::from(!t.packages().iter().any(|p| p.ecosystem() == Some(Ecosystem::PyPi))))
    /// });
    /// assert!(pypi.tools().all(|t| t.packages().iter().any(|p| p.ecosystem() == Some(Ecosystem::PyPi))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn minimal_cover_by(
        &self,
        required: impl Into<RiskSet>,
        rank: impl Fn(&Tool) -> Option<u32>,
    ) -> MinimalCover<'_> {
        MinimalCover::find(self, required.into(), rank)
    }
}
