//! [`Tool`]: a security tool or vendor, the risks it covers, and where each fact comes from.

use std::borrow::Cow;

use crate::ToolError;
use crate::registry::key::fold;
use crate::registry::mapping::{Basis, Mapping, Role, Upstream};
use crate::registry::package::{Ecosystem, Package};
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;
use crate::taxonomy::text::named_enum;

named_enum! {
    /// Whether an entry is a tool (the source's "Security Tools & Resources" table) or a company
    /// (its "Industry" table), which the source lists without risk codes.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Registry, ToolKind};
    /// let vendors = Registry::builtin().tools().filter(|t| t.kind() == ToolKind::Vendor).count();
    /// assert_eq!(vendors, 5);
    /// assert_eq!("vendor".parse::<ToolKind>()?, ToolKind::Vendor);
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    #[derive(Default)]
    #[non_exhaustive]
    pub enum ToolKind("tool kind", "A tool or library, or a vendor (a company selling security products).") {
        /// A tool or library: `"tool"`.
        #[default]
        Tool = "tool", "Tool";
        /// A company selling security products: `"vendor"`.
        Vendor = "vendor", "Vendor";
    }
}

named_enum! {
    /// A section of the Awesome AI Security list that a tool belongs to.
    ///
    /// The text form is the section's slug (`"llm-security"`); parsing also takes the section's title.
    ///
    /// ```
    /// use mlsecops_taxonomy::Category;
    /// let c: Category = "LLM & GenAI Security".parse()?;
    /// assert_eq!(c, Category::LlmSecurity);
    /// assert_eq!(c.to_string(), "llm-security");
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    #[non_exhaustive]
    pub enum Category("category", "A section of the Awesome AI Security list.") {
        /// "Adversarial Machine Learning": `adversarial-ml`.
        AdversarialMl = "adversarial-ml", "Adversarial Machine Learning";
        /// "LLM & GenAI Security": `llm-security`.
        LlmSecurity = "llm-security", "LLM & GenAI Security";
        /// "Privacy, Safety & Governance": `privacy-safety-governance`.
        PrivacySafetyGovernance = "privacy-safety-governance", "Privacy, Safety & Governance";
        /// "Supply Chain & MLOps Security": `supply-chain-mlops`.
        SupplyChainMlops = "supply-chain-mlops", "Supply Chain & MLOps Security";
        /// "Infrastructure & Runtime Security": `infrastructure-runtime`.
        InfrastructureRuntime = "infrastructure-runtime", "Infrastructure & Runtime Security";
        /// "Datasets & Benchmarks": `datasets-benchmarks`.
        DatasetsBenchmarks = "datasets-benchmarks", "Datasets & Benchmarks";
    }
}

named_enum! {
    /// Where a fact about a tool comes from.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Provenance, Registry};
    /// let garak = Registry::builtin().get("garak")?;
    /// assert_eq!(garak.provenance(), Provenance::Source);
    /// assert_eq!(garak.categories_provenance(), Provenance::Curated);
    /// # Ok::<(), mlsecops_taxonomy::UnknownTool>(())
    /// ```
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Provenance("provenance", "Where a fact comes from: the source list, this crate's curators, or the user.") {
        /// Transcribed from the source list: `"source"`.
        Source = "source", "Source";
        /// Assigned by this crate's curators, not in either source list: `"curated"`.
        Curated = "curated", "Curated";
        /// Given by the user, e.g. in a registry file: `"user"`.
        #[default]
        User = "user", "User";
    }
}

/// A security tool (or vendor) and the risks it covers.
///
/// The built-in tools come from [`Registry::builtin`](crate::Registry::builtin); your own are made
/// with [`Tool::new`] and the `with_*` methods, which check each field as a registry file is checked.
///
/// ```
/// use mlsecops_taxonomy::{Category, Provenance, Registry, RiskSet, Tool, ToolKind};
///
/// let garak = Registry::builtin().get("GARAK")?;
/// assert_eq!((garak.name(), garak.id()), ("Garak", "garak"));
/// assert_eq!(garak.risks().to_string(), "R9-Security, R10-Security, R17-Security");
/// assert_eq!(garak.categories(), &[Category::LlmSecurity]);
///
/// let ours = Tool::new("In-house Scanner", "R14-Security, R16-Security".parse()?)?
///     .with_url("https://scanner.example.com")?
///     .with_description("Scans our container images.")?;
/// assert_eq!(ours.id(), "in-house-scanner");
/// assert_eq!((ours.kind(), ours.provenance()), (ToolKind::Tool, Provenance::User));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tool {
    pub(crate) name: Cow<'static, str>,
    pub(crate) id: Cow<'static, str>,
    pub(crate) url: Option<Cow<'static, str>>,
    pub(crate) description: Option<Cow<'static, str>>,
    pub(crate) risks: RiskSet,
    pub(crate) kind: ToolKind,
    pub(crate) categories: Cow<'static, [Category]>,
    pub(crate) packages: Cow<'static, [Package]>,
    pub(crate) provenance: Provenance,
    pub(crate) categories_provenance: Provenance,
    /// The amendments made to the tool, if any (boxed: most tools have none).
    pub(crate) amended: Option<Box<crate::registry::amend::Amended>>,
    /// What the tool is to a project, when known.
    pub(crate) role: Option<Role>,
    /// Where a curated tool's facts were read.
    pub(crate) upstream: Option<Upstream>,
    /// Each risk's mappings with their evidence (the source's rows, the curated layer's quotes).
    pub(crate) mappings: Cow<'static, [Mapping]>,
}

impl Tool {
    /// A tool with this name, covering these risks; its id is derived from the name
    /// (see [`slug`]), its kind is [`ToolKind::Tool`] and its facts come from the user.
    ///
    /// # Errors
    /// The name is empty once whitespace and control characters are taken away, or spans lines.
    pub fn new(name: impl Into<String>, risks: RiskSet) -> Result<Tool, ToolError> {
        let name = check_name(name.into())?;
        let id = slug(&name);
        Ok(Tool {
            name: Cow::Owned(name),
            id: Cow::Owned(id),
            url: None,
            description: None,
            risks,
            kind: ToolKind::Tool,
            categories: Cow::Borrowed(&[]),
            packages: Cow::Borrowed(&[]),
            provenance: Provenance::User,
            categories_provenance: Provenance::User,
            amended: None,
            role: None,
            upstream: None,
            mappings: Cow::Borrowed(&[]),
        })
    }

    /// Sets the id, which must be a slug: lowercase letters, digits and single `-` between them.
    ///
    /// # Errors
    /// The id is not a slug.
    pub fn with_id(mut self, id: impl Into<String>) -> Result<Tool, ToolError> {
        self.id = Cow::Owned(check_id(id.into())?);
        Ok(self)
    }

    /// Sets the home page, which must be an `http://` or `https://` URL.
    ///
    /// # Errors
    /// The URL is not http(s), or contains whitespace.
    pub fn with_url(mut self, url: impl Into<String>) -> Result<Tool, ToolError> {
        self.url = Some(Cow::Owned(check_url(url.into())?));
        Ok(self)
    }

    /// Sets the one-line description.
    ///
    /// # Errors
    /// The description spans more than one line or is blank.
    pub fn with_description(mut self, description: impl Into<String>) -> Result<Tool, ToolError> {
        self.description = Some(Cow::Owned(check_description(description.into())?));
        Ok(self)
    }

    /// Sets the kind (a tool or a vendor).
    #[must_use]
    pub fn with_kind(mut self, kind: ToolKind) -> Tool {
        self.kind = kind;
        self
    }

    /// Sets the categories, in the order given.
    ///
    /// # Errors
    /// A category is listed twice.
    pub fn with_categories(
        mut self,
        categories: impl IntoIterator<Item = Category>,
    ) -> Result<Tool, ToolError> {
        let mut list: Vec<Category> = Vec::new();
        for category in categories {
            if list.contains(&category) {
                return Err(ToolError::DuplicateCategory(category));
            }
            list.push(category);
        }
        self.categories = Cow::Owned(list);
        Ok(self)
    }

    /// Sets the packages by which a project depends on the tool, in the order given.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Package, RiskSet, Tool};
    /// let tool = Tool::new("Scanner", RiskSet::EMPTY)?
    ///     .with_packages(["pkg:pypi/our-scanner".parse::<Package>()?])?;
    /// assert_eq!(tool.packages()[0].name(), "our-scanner");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// A package is listed twice (names compared as the ecosystem compares them).
    pub fn with_packages(
        mut self,
        packages: impl IntoIterator<Item = Package>,
    ) -> Result<Tool, ToolError> {
        let mut list: Vec<Package> = Vec::new();
        for package in packages {
            if list.iter().any(|p| p.same(&package)) {
                return Err(ToolError::DuplicatePackage(package.to_string()));
            }
            list.push(package);
        }
        self.packages = Cow::Owned(list);
        Ok(self)
    }

    /// Sets the role: what the tool is to a project.
    ///
    /// ```
    /// use mlsecops_taxonomy::{RiskSet, Role, Tool};
    /// let tool = Tool::new("Scanner", RiskSet::EMPTY)?.with_role(Role::CiScanner);
    /// assert_eq!(tool.role(), Some(Role::CiScanner));
    /// # Ok::<(), mlsecops_taxonomy::ToolError>(())
    /// ```
    #[must_use]
    pub fn with_role(mut self, role: Role) -> Tool {
        self.role = Some(role);
        self
    }

    /// Sets where the tool's facts (name, URL, description, risks, kind) and its categories come from.
    #[must_use]
    pub fn with_provenance(mut self, facts: Provenance, categories: Provenance) -> Tool {
        self.provenance = facts;
        self.categories_provenance = categories;
        self
    }

    /// The name, as the source (or the user) writes it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stable id, a slug such as `"adversarial-robustness-toolkit"`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The home page, if known.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The one-line description, if known.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The risks the tool covers.
    pub fn risks(&self) -> RiskSet {
        self.risks
    }

    /// A tool or a vendor.
    pub fn kind(&self) -> ToolKind {
        self.kind
    }

    /// The sections of the Awesome AI Security list the tool belongs to (none for vendors).
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Where the name, URL, description, risks and kind come from.
    pub fn provenance(&self) -> Provenance {
        self.provenance
    }

    /// The packages by which a project depends on the tool (`pkg:pypi/garak`); empty for a
    /// tool that has none, which can only be named by hand.
    pub fn packages(&self) -> &[Package] {
        &self.packages
    }

    /// Whether the tool is the package `name` of `ecosystem`, names compared as the ecosystem
    /// compares them.
    pub fn has_package(&self, ecosystem: Ecosystem, name: &str) -> bool {
        self.packages.iter().any(|p| p.matches(ecosystem, name))
    }

    /// Where the categories come from.
    pub fn categories_provenance(&self) -> Provenance {
        self.categories_provenance
    }

    /// What the tool is to a project (a CI scanner, a runtime library...), when known: every
    /// built-in tool has one, vendors aside.
    pub fn role(&self) -> Option<Role> {
        self.role
    }

    /// Whether a project can adopt the tool as a control: its role is adoptable (a tool without a
    /// role, one of the user's, is taken to be).
    pub fn is_adoptable(&self) -> bool {
        self.kind == ToolKind::Tool && self.role.is_none_or(Role::is_adoptable)
    }

    /// Whether the tool is not known to be unmaintained: a curated tool whose repository showed
    /// work in the year before the review, or any tool without that fact.
    pub fn is_maintained(&self) -> bool {
        self.upstream
            .as_ref()
            .is_none_or(|u| u.status == crate::registry::mapping::Status::Maintained)
    }

    /// Where a curated tool's facts were read: repository, commit, date, licence, status.
    pub fn upstream(&self) -> Option<&Upstream> {
        self.upstream.as_ref()
    }

    /// Every mapping of the tool with its evidence: the source's rows, the curated layer's quotes.
    /// A tool of the user's has none: its risks are the user's word.
    pub fn mappings(&self) -> &[Mapping] {
        &self.mappings
    }

    /// The mappings of one risk, in order: a risk can be both in the source's row and stated by
    /// the tool.
    pub fn mappings_of(&self, risk: Risk) -> impl Iterator<Item = &Mapping> {
        self.mappings.iter().filter(move |m| m.risk == risk)
    }

    /// Every basis on which the tool is said to cover `risk`, strongest first (source, stated,
    /// judged, user); empty for a risk it does not cover.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Basis, Registry};
    /// let nemo = Registry::builtin().get("NeMo Guardrails")?;
    /// // The source's row lists R6-Privacy; the tool's own docs state R17-Security.
    /// assert_eq!(nemo.risk_bases("R6-Privacy".parse()?)[0], Basis::Source);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn risk_bases(&self, risk: Risk) -> Vec<Basis> {
        let mut out: Vec<Basis> = Vec::new();
        if !self.risks.contains(risk) {
            return out;
        }
        if self.amended_risks().contains(risk) {
            out.push(Basis::User);
            return out;
        }
        for m in self.mappings_of(risk) {
            if !out.contains(&m.basis) {
                out.push(m.basis);
            }
        }
        if out.is_empty() {
            out.push(match self.provenance {
                Provenance::Source => Basis::Source,
                Provenance::Curated => Basis::Judged,
                Provenance::User => Basis::User,
            });
        }
        out.sort();
        out
    }

    /// The strongest basis on which the tool is said to cover `risk` (see
    /// [`risk_bases`](Tool::risk_bases)); `None` for a risk it does not cover.
    pub fn risk_basis(&self, risk: Risk) -> Option<Basis> {
        self.risk_bases(risk).first().copied()
    }

    /// The risks the tool covers on one of `bases`: what a policy that counts only those bases
    /// credits it with.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Basis, Registry};
    /// let trivy = Registry::builtin().get("trivy")?;
    /// assert!(trivy.risks_on(&[Basis::Source]).is_empty());
    /// assert!(trivy.risks_on(&[Basis::Stated]).contains("R14-Security".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn risks_on(&self, bases: &[Basis]) -> RiskSet {
        self.risks
            .iter()
            .filter(|&r| self.risk_bases(r).iter().any(|b| bases.contains(b)))
            .collect()
    }

    /// Adds a curated entry of the same tool: its mappings (and their risks), the packages this
    /// tool lacks, its upstream, and its role where the source's row gave none.
    pub(crate) fn add_curated(&mut self, curated: &Tool) {
        self.risks |= curated.risks;
        self.mappings
            .to_mut()
            .extend(curated.mappings.iter().cloned());
        for package in curated.packages() {
            if !self.packages.iter().any(|p| p.same(package)) {
                self.packages.to_mut().push(package.clone());
            }
        }
        self.upstream.clone_from(&curated.upstream);
        self.role = self.role.or(curated.role);
    }

    /// The key under which registries look the tool up and detect duplicates: its id, folded.
    pub(crate) fn key(&self) -> String {
        fold(&self.id)
    }
}

impl core::fmt::Display for Tool {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.name)
    }
}

/// The id derived from a name: lowercase letters and digits, each run of other characters
/// replaced by one `-`, `&` read as "and".
///
/// ```
/// use mlsecops_taxonomy::slug;
/// assert_eq!(slug("Adversarial Robustness Toolkit"), "adversarial-robustness-toolkit");
/// assert_eq!(slug("TF-encrypted"), "tf-encrypted");
/// assert_eq!(slug("Raze to the Ground: Query-Efficient"), "raze-to-the-ground-query-efficient");
/// assert_eq!(slug("Bias & Jailbreak"), "bias-and-jailbreak");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // A `-` is due before the next character written, once something has been written.
    let mut gap = false;
    let mut put = |c: char, gap: &mut bool| {
        if *gap && !out.is_empty() {
            out.push('-');
        }
        *gap = false;
        out.push(c);
    };
    for c in name.chars() {
        if c == '&' {
            gap = true;
            "and".chars().for_each(|a| put(a, &mut gap));
            gap = true;
        } else if c.is_ascii_alphanumeric() {
            put(c.to_ascii_lowercase(), &mut gap);
        } else if c.is_alphanumeric() {
            // Lowercasing may give characters that are not letters (U+0130 gives `i` and a
            // combining dot): only those an id may hold are kept.
            c.to_lowercase()
                .filter(|&l| id_char(l))
                .for_each(|l| put(l, &mut gap));
        } else {
            gap = true;
        }
    }
    out
}

/// A character an id may hold: a letter or digit that is its own lowercase form.
fn id_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    let mut lower = c.to_lowercase();
    c.is_alphanumeric() && lower.next() == Some(c) && lower.next().is_none()
}

pub(crate) fn check_name(name: String) -> Result<String, ToolError> {
    if name.chars().all(|c| c.is_whitespace() || c.is_control()) {
        return Err(ToolError::EmptyName);
    }
    if name.contains(['\n', '\r']) {
        return Err(ToolError::MultiLine { field: "name" });
    }
    // The name must give a non-empty id.
    if slug(&name).is_empty() {
        return Err(ToolError::NoLetters(name));
    }
    Ok(name)
}

pub(crate) fn check_id(id: String) -> Result<String, ToolError> {
    let ok = !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c == '-' || id_char(c));
    if ok {
        Ok(id)
    } else {
        Err(ToolError::BadId(id))
    }
}

pub(crate) fn check_url(url: String) -> Result<String, ToolError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(url)
        }
        _ => Err(ToolError::BadUrl(url)),
    }
}

pub(crate) fn check_description(description: String) -> Result<String, ToolError> {
    if description.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return Err(ToolError::MultiLine {
            field: "description",
        });
    }
    if description.trim().is_empty() {
        return Err(ToolError::BlankDescription);
    }
    Ok(description)
}
