//! [`Amendment`]: risks and packages a team adds to a tool already in the registry, with the
//! user's provenance, and what each tool keeps of the amendments made to it.

use std::borrow::Cow;

use crate::registry::Registry;
use crate::registry::package::Package;
use crate::registry::tool::{Provenance, Tool};
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;
use crate::{ToolError, UnknownTool};

/// Risks and packages added to a tool already in a registry: how a team corrects the source's
/// mapping for the tools it knows better (the source gives Garak no jailbreak risk, say). The
/// facts an amendment adds are the user's ([`Provenance::User`]), and every place that explains
/// a tool's risks says which come from an amendment.
///
/// In a registry file, amendments are the top-level `"amend"` array:
/// `{"tool": "Garak", "risks": ["R8-Security"], "note": "..."}`.
///
/// ```
/// use mlsecops_taxonomy::{Amendment, Provenance, Registry};
///
/// let mut ours = Registry::builtin().clone();
/// ours.amend(
///     Amendment::new("garak", "R8-Security".parse()?)
///         .with_note("our red-team runs garak's jailbreak probes on every release")?,
/// )?;
/// let garak = ours.get("Garak")?;
/// assert!(garak.risks().contains("R8-Security".parse()?));
/// assert_eq!(garak.risk_provenance("R8-Security".parse()?), Some(Provenance::User));
/// assert_eq!(garak.risk_provenance("R9-Security".parse()?), Some(Provenance::Source));
/// assert_eq!(garak.amended_risks().to_string(), "R8-Security");
///
/// // An unknown tool is an error that names the closest ones.
/// let err = ours.amend(Amendment::new("garack", "R8-Security".parse()?)).unwrap_err();
/// assert!(err.to_string().contains("Garak"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Amendment {
    tool: Cow<'static, str>,
    risks: RiskSet,
    packages: Vec<Package>,
    note: Option<String>,
}

impl Amendment {
    /// An amendment adding `risks` to the tool named `tool` (its name or id, as
    /// [`Registry::get`] looks it up).
    pub fn new(tool: impl Into<String>, risks: RiskSet) -> Amendment {
        Amendment {
            tool: Cow::Owned(tool.into()),
            risks,
            packages: Vec::new(),
            note: None,
        }
    }

    /// Also adds these packages, by which detection finds the tool.
    ///
    /// # Errors
    /// A package is listed twice (names compared as the ecosystem compares them).
    pub fn with_packages(
        mut self,
        packages: impl IntoIterator<Item = Package>,
    ) -> Result<Amendment, ToolError> {
        let mut list: Vec<Package> = Vec::new();
        for package in packages {
            if list.iter().any(|p| p.same(&package)) {
                return Err(ToolError::DuplicatePackage(package.to_string()));
            }
            list.push(package);
        }
        self.packages = list;
        Ok(self)
    }

    /// Says why, in one line: shown wherever the amended risks are explained.
    ///
    /// # Errors
    /// The note spans more than one line or is blank.
    pub fn with_note(mut self, note: impl Into<String>) -> Result<Amendment, ToolError> {
        self.note = Some(check_note(note.into())?);
        Ok(self)
    }

    /// The tool amended: its id once the amendment is in a registry, the name or id given
    /// before.
    pub fn tool(&self) -> &str {
        &self.tool
    }

    /// The risks the amendment says the tool covers.
    pub fn risks(&self) -> RiskSet {
        self.risks
    }

    /// The packages the amendment adds.
    pub fn packages(&self) -> &[Package] {
        &self.packages
    }

    /// Why, when the amendment says.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Where the amendment's facts come from: always the user.
    pub fn provenance(&self) -> Provenance {
        Provenance::User
    }

    /// The amendment without its target checked, for the loader.
    #[cfg(feature = "json")]
    pub(crate) fn checked(
        tool: String,
        risks: RiskSet,
        packages: Vec<Package>,
        note: Option<String>,
    ) -> Amendment {
        Amendment {
            tool: Cow::Owned(tool),
            risks,
            packages,
            note,
        }
    }
}

/// A note on one line that is not blank.
pub(crate) fn check_note(note: String) -> Result<String, ToolError> {
    if note.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return Err(ToolError::MultiLine { field: "note" });
    }
    if note.trim().is_empty() {
        return Err(ToolError::BlankNote);
    }
    Ok(note)
}

/// What a tool keeps of the amendments made to it: the amendments, in order, the risks they
/// added (beyond the tool's own) and how many of its packages are its own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Amended {
    pub(crate) list: Vec<Amendment>,
    pub(crate) risks: RiskSet,
    pub(crate) own_packages: usize,
}

impl Tool {
    /// The amendments made to the tool, in the order they were made; empty for a tool as its
    /// source gives it.
    pub fn amendments(&self) -> &[Amendment] {
        self.amended.as_ref().map_or(&[], |a| &a.list)
    }

    /// The risks the tool covers only because an amendment says so.
    pub fn amended_risks(&self) -> RiskSet {
        self.amended.as_ref().map_or(RiskSet::EMPTY, |a| a.risks)
    }

    /// Where the tool's coverage of `risk` comes from: the user for a risk only an amendment
    /// adds, the tool's [`provenance`](Tool::provenance) for its own; `None` for a risk it does
    /// not cover.
    pub fn risk_provenance(&self, risk: Risk) -> Option<Provenance> {
        if self.amended_risks().contains(risk) {
            Some(Provenance::User)
        } else if self.risks.contains(risk) {
            Some(self.provenance)
        } else {
            None
        }
    }

    /// The amendments that add `risk`, in order: where an explanation of the risk's coverage
    /// finds its notes. Empty when the tool covers it by itself.
    pub fn amendments_of(&self, risk: Risk) -> impl Iterator<Item = &Amendment> {
        let added = self.amended_risks().contains(risk);
        self.amendments()
            .iter()
            .filter(move |a| added && a.risks.contains(risk))
    }

    /// The tool's name as an explanation of its coverage of `risk` names it: the name alone for
    /// a risk it covers by itself, with "(by amendment: NOTE)" for one an amendment adds.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Amendment, Registry};
    /// let mut ours = Registry::builtin().clone();
    /// ours.amend(Amendment::new("Garak", "R8-Security".parse()?).with_note("we run its jailbreak probes")?)?;
    /// let garak = ours.get("garak")?;
    /// assert_eq!(garak.name_covering("R8-Security".parse()?), "Garak (by amendment: we run its jailbreak probes)");
    /// assert_eq!(garak.name_covering("R9-Security".parse()?), "Garak");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name_covering(&self, risk: Risk) -> String {
        if !self.amended_risks().contains(risk) {
            return self.name.to_string();
        }
        let notes: Vec<&str> = self
            .amendments_of(risk)
            .filter_map(Amendment::note)
            .collect();
        if notes.is_empty() {
            format!("{} (by amendment)", self.name)
        } else {
            format!("{} (by amendment: {})", self.name, notes.join("; "))
        }
    }

    /// The risks as the tool itself gives them, before any amendment.
    #[cfg(feature = "json")]
    pub(crate) fn own_risks(&self) -> RiskSet {
        self.risks - self.amended_risks()
    }

    /// The packages as the tool itself gives them, before any amendment.
    #[cfg(feature = "json")]
    pub(crate) fn own_packages(&self) -> &[Package] {
        match &self.amended {
            Some(a) => &self.packages[..a.own_packages],
            None => &self.packages,
        }
    }

    /// Applies an amendment: its risks and the packages the tool does not have yet are added.
    fn apply(&mut self, mut amendment: Amendment) {
        amendment.tool = self.id.clone();
        let own_packages = self.packages.len();
        let amended = self.amended.get_or_insert_with(|| {
            Box::new(Amended {
                list: Vec::new(),
                risks: RiskSet::EMPTY,
                own_packages,
            })
        });
        amended.risks |= amendment.risks - self.risks;
        self.risks |= amendment.risks;
        for package in &amendment.packages {
            if !self.packages.iter().any(|p| p.same(package)) {
                self.packages.to_mut().push(package.clone());
            }
        }
        amended.list.push(amendment);
    }
}

impl Registry {
    /// Adds an amendment's risks and packages to the tool it names (by name or id). A risk or
    /// package the tool already has is kept as it is: the amendment is recorded all the same.
    /// [`replace`](Registry::replace) of an amended tool drops its amendments with it.
    ///
    /// # Errors
    /// No tool of the registry has that name or id; the error names the closest.
    pub fn amend(&mut self, amendment: Amendment) -> Result<(), UnknownTool> {
        let index = self
            .position(amendment.tool())
            .ok_or_else(|| self.unknown(amendment.tool()))?;
        self.tools[index].apply(amendment);
        self.risks[index] = self.tools[index].risks;
        Ok(())
    }

    /// Every amendment of the registry's tools, in tool order.
    pub fn amendments(&self) -> impl Iterator<Item = &Amendment> {
        self.tools.iter().flat_map(Tool::amendments)
    }
}
