//! Saving a registry: [`Registry::to_json`], the canonical form of a registry file, and
//! `Serialize` for [`Registry`] and [`Tool`] in that form.

use serde::ser::{SerializeMap, SerializeStruct, Serializer};

use super::Registry;
use crate::registry::tool::Tool;

impl Registry {
    /// Writes the registry as a registry document in canonical form: two-space indentation,
    /// tools in registry order, every field present except an absent URL or description and
    /// empty categories, risks in canonical order; each tool as it declares itself, and then,
    /// when any tool is amended, the `amend` array (in tool order). Loading it gives an equal registry, and
    /// saving that gives the same text.
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let text = Registry::builtin().to_json();
    /// assert_eq!(&Registry::from_json(&text)?, Registry::builtin());
    /// # Ok::<(), mlsecops_taxonomy::RegistryError>(())
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_vec_pretty(&ToolsDoc(self))
            .expect("a registry serializes: only strings, arrays and string-keyed maps");
        out.push(b'\n');
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }
}

struct ToolsDoc<'a>(&'a Registry);

impl serde::Serialize for ToolsDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let amended = self.0.amendments().next().is_some();
        let mut map = serializer.serialize_map(Some(1 + usize::from(amended)))?;
        map.serialize_entry("tools", &ToolList(self.0))?;
        if amended {
            map.serialize_entry("amend", &AmendList(self.0))?;
        }
        map.end()
    }
}

struct ToolList<'a>(&'a Registry);

impl serde::Serialize for ToolList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.tools().map(ToolOut))
    }
}

struct ToolOut<'a>(&'a Tool);

struct AmendList<'a>(&'a Registry);

impl serde::Serialize for AmendList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.amendments())
    }
}

/// An amendment as a registry file writes it: `{"tool", "risks", "packages", "note"}`, the
/// tool by id, empty `packages` and an absent note left out.
impl serde::Serialize for crate::Amendment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Amendment", 4)?;
        s.serialize_field("tool", self.tool())?;
        s.serialize_field("risks", &self.risks())?;
        if !self.packages().is_empty() {
            s.serialize_field("packages", self.packages())?;
        }
        if let Some(note) = self.note() {
            s.serialize_field("note", note)?;
        }
        s.end()
    }
}

/// A registry as a registry file: `{"tools": [...]}`, in the canonical form of
/// [`Registry::to_json`].
impl serde::Serialize for Registry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ToolsDoc(self).serialize(serializer)
    }
}

/// A tool as a registry file writes it: `{"name", "id", "url", "description", "risks", "kind",
/// "categories", "packages", "provenance", "role", "upstream", "mappings"}`, with its own risks and packages: an amended
/// tool's amendments are in its registry's `amend` array, not here.
impl serde::Serialize for Tool {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ToolOut(self).serialize(serializer)
    }
}
impl serde::Serialize for ToolOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut s = serializer.serialize_struct("Tool", 9)?;
        s.serialize_field("name", t.name())?;
        s.serialize_field("id", t.id())?;
        if let Some(url) = t.url() {
            s.serialize_field("url", url)?;
        }
        if let Some(description) = t.description() {
            s.serialize_field("description", description)?;
        }
        s.serialize_field("risks", &t.own_risks())?;
        s.serialize_field("kind", &t.kind())?;
        if !t.categories().is_empty() {
            s.serialize_field("categories", t.categories())?;
        }
        if !t.own_packages().is_empty() {
            s.serialize_field("packages", t.own_packages())?;
        }
        s.serialize_field("provenance", &ProvenanceOut(t))?;
        if let Some(role) = t.role() {
            s.serialize_field("role", &role)?;
        }
        if let Some(upstream) = t.upstream() {
            s.serialize_field("upstream", upstream)?;
        }
        if !t.mappings().is_empty() {
            s.serialize_field("mappings", t.mappings())?;
        }
        s.end()
    }
}

/// Where a curated tool was read, as a registry file writes it: `{"repository", "commit",
/// "date", "licence", "status"}`, an absent date or licence left out.
impl serde::Serialize for crate::Upstream {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Upstream", 5)?;
        s.serialize_field("repository", self.repository())?;
        s.serialize_field("commit", self.commit())?;
        if let Some(date) = self.date() {
            s.serialize_field("date", date)?;
        }
        if let Some(licence) = self.licence() {
            s.serialize_field("licence", licence)?;
        }
        s.serialize_field("status", &self.status())?;
        s.end()
    }
}

/// A mapping with its evidence: `{"risk", "basis", "quote", "repository", "commit", "path",
/// "line", "rationale"}`.
impl serde::Serialize for crate::Mapping {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Mapping", 8)?;
        s.serialize_field("risk", self.risk().code())?;
        s.serialize_field("basis", &self.basis())?;
        s.serialize_field("quote", self.quote())?;
        s.serialize_field("repository", self.repository())?;
        s.serialize_field("commit", self.commit())?;
        s.serialize_field("path", self.path())?;
        s.serialize_field("line", &self.line())?;
        s.serialize_field("rationale", self.rationale())?;
        s.end()
    }
}

struct ProvenanceOut<'a>(&'a Tool);

impl serde::Serialize for ProvenanceOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Provenance", 2)?;
        s.serialize_field("facts", &self.0.provenance())?;
        s.serialize_field("categories", &self.0.categories_provenance())?;
        s.end()
    }
}
