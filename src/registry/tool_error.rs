//! The errors of tools and of the registry's lookups.

/// Why a tool's field is not valid. Returned by [`Tool`](crate::Tool)'s constructors, and inside
/// registry loading errors.
///
/// ```
/// use mlsecops_taxonomy::{RiskSet, Tool};
/// let err = Tool::new("Scanner", RiskSet::EMPTY)?.with_url("ftp://example.com").unwrap_err();
/// assert_eq!(err.to_string(), r#"the URL "ftp://example.com" is not an http:// or https:// URL"#);
/// # Ok::<(), mlsecops_taxonomy::ToolError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ToolError {
    /// The name is empty, or only whitespace and control characters.
    #[error("the name is empty")]
    EmptyName,
    /// The name has no letter or digit, so no id can be derived from it.
    #[error("the name {0:?} has no letter or digit")]
    NoLetters(String),
    /// A one-line field spans lines.
    #[error("the {field} spans more than one line")]
    MultiLine {
        /// `"name"`, `"description"` or `"note"`.
        field: &'static str,
    },
    /// The description is only whitespace.
    #[error("the description is blank")]
    BlankDescription,
    /// An amendment's note is only whitespace.
    #[error("the note is blank")]
    BlankNote,
    /// The id is not a slug.
    #[error(
        "the id {0:?} is not a slug: lowercase letters and digits, with single '-' between words"
    )]
    BadId(String),
    /// The URL is not http(s).
    #[error("the URL {0:?} is not an http:// or https:// URL")]
    BadUrl(String),
    /// A category is listed twice.
    #[error("the category {0} is listed twice")]
    DuplicateCategory(crate::registry::tool::Category),
    /// A package is listed twice.
    #[error("the package {0} is listed twice")]
    DuplicatePackage(String),
}

/// A tool name that no tool of the registry has, with the closest names it does have.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let err = Registry::builtin().get("garrak").unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown tool "garrak": did you mean Garak?"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tool {name:?}: {}", Suggestions(.suggestions))]
pub struct UnknownTool {
    /// The name as given.
    pub name: String,
    /// The closest names in the registry, closest first (at most three).
    pub suggestions: Vec<String>,
}

struct Suggestions<'a>(&'a [String]);

impl core::fmt::Display for Suggestions<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            [] => f.write_str("no tool in the registry has a similar name"),
            options => crate::suggest::did_you_mean(options).fmt(f),
        }
    }
}

/// A tool whose id or name, folded, is already that of a tool in the registry.
///
/// ```
/// use mlsecops_taxonomy::{Registry, RiskSet, Tool};
/// let mut reg = Registry::builtin().clone();
/// let err = reg.insert(Tool::new("GARAK", RiskSet::EMPTY)?).unwrap_err();
/// assert_eq!(err.to_string(), r#"tool "GARAK" (id "garak") is already in the registry as "Garak""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tool {name:?} (id {id:?}) is already in the registry as {existing:?}")]
pub struct DuplicateTool {
    /// The new tool's name.
    pub name: String,
    /// The new tool's id.
    pub id: String,
    /// The name of the tool already in the registry.
    pub existing: String,
}
