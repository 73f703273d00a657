//! What is wrong with a registry document or file: [`Problem`], [`ProblemKind`],
//! [`RegistryError`] and [`RegistryFileError`].

use std::fmt;

use serde::ser::Serializer;

use crate::diag::lines::Location;
use crate::taxonomy::risk::Risk;
use crate::{ParseNameError, ParseRiskError, ToolError};

/// One thing wrong with a registry document: where (tool, field, line and column) and what.
///
/// ```
/// use mlsecops_taxonomy::{ProblemKind, Registry};
/// let err = Registry::from_json(r#"{"tools": [{"name": "A", "risks": [], "nme": "B"}]}"#).unwrap_err();
/// let p = &err.problems()[0];
/// assert_eq!((p.tool_index(), p.tool_name(), p.field()), (Some(0), Some("A"), Some("nme")));
/// assert!(matches!(p.kind(), ProblemKind::UnknownField { suggestion: Some("name") }));
/// assert_eq!(p.location().map(|at| (at.line, at.column)), Some((1, 39)));
/// assert_eq!(p.to_string(), r#"tool 0 ("A"), field "nme": unknown field, did you mean "name"?"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    pub(crate) index: Option<usize>,
    pub(crate) name: Option<String>,
    pub(crate) field: Option<String>,
    pub(crate) kind: ProblemKind,
    pub(crate) location: Option<Location>,
}

impl Problem {
    /// The tool's position in the `tools` array, from 0, when the problem is in a tool.
    pub fn tool_index(&self) -> Option<usize> {
        self.index
    }

    /// The tool's name, when the problem is in a tool that has a readable name.
    pub fn tool_name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The field, when the problem is in one (`"risks"`, `"provenance.facts"`).
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// What is wrong.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }

    /// Where in the document: the key of an unknown or repeated field, the value (or the array
    /// item) that is wrong, the tool for a duplicate tool, the object missing a field. `None`
    /// only when the input could not be read.
    pub fn location(&self) -> Option<Location> {
        self.location
    }
}

/// What is wrong, in a [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is empty, not JSON, or not UTF-8. The message is the JSON parser's, except for
    /// an empty document and a text that does not start like JSON, which say so in plain words.
    #[error("{message}")]
    Syntax {
        /// What the JSON parser said.
        message: String,
        /// Line, from 1 (0 when unknown).
        line: usize,
        /// Column, from 1 (0 when unknown).
        column: usize,
    },
    /// The input could not be read.
    #[error("cannot read the registry: {0}")]
    Io(String),
    /// A field the format does not have.
    #[error("unknown field{}", Suggest(.suggestion))]
    UnknownField {
        /// The closest field the format has.
        suggestion: Option<&'static str>,
    },
    /// A field given twice in one object.
    #[error("the field is given twice")]
    DuplicateField,
    /// A required field is missing.
    #[error("the field is required")]
    MissingField,
    /// A value of the wrong JSON type.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the format wants.
        expected: &'static str,
        /// What the document has, with the value when it is short.
        found: String,
    },
    /// A risk code that is not one of the 34.
    #[error("{0}")]
    Risk(ParseRiskError),
    /// A risk code, kind, category or provenance that names a known value but not in the
    /// canonical form registry files use (`"r17 security"` for `"R17-Security"`).
    #[error("{found:?} must be written {canonical:?}")]
    NotCanonical {
        /// The text in the document.
        found: String,
        /// The canonical form of the value it names.
        canonical: &'static str,
    },
    /// A package URL that is not valid.
    #[error("{0}")]
    Package(crate::registry::package::ParsePackageError),
    /// A risk code listed twice.
    #[error("{0} is listed twice")]
    DuplicateRisk(Risk),
    /// A name of a kind, category or provenance that does not exist.
    #[error("{0}")]
    Name(ParseNameError),
    /// A field value the tool rules reject (empty name, multi-line description, URL, id).
    #[error("{0}")]
    Tool(ToolError),
    /// A value the format does not allow, with the reason (a mapping of a risk the tool does not
    /// list, a line number that is not a positive integer).
    #[error("{reason}")]
    Invalid {
        /// What is wrong, and what is allowed.
        reason: String,
    },
    /// The document is larger than [`Registry::MAX_DOCUMENT_BYTES`](crate::Registry::MAX_DOCUMENT_BYTES).
    #[error("the document is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The document has more tools than [`Registry::MAX_TOOLS`](crate::Registry::MAX_TOOLS); the first ones are checked.
    #[error("more than the limit of {limit} tools")]
    TooManyTools {
        /// The limit.
        limit: usize,
    },
    /// The document has more amendments than [`Registry::MAX_TOOLS`](crate::Registry::MAX_TOOLS); the first ones are checked.
    #[error("more than the limit of {limit} amendments")]
    TooManyAmendments {
        /// The limit.
        limit: usize,
    },
    /// An amendment of a tool that is neither in the document nor in the registry it extends.
    #[error("{0}")]
    UnknownTool(crate::UnknownTool),
    /// An amendment that adds neither risks nor packages.
    #[error("an amendment adds risks or packages: give a non-empty \"risks\" or \"packages\"")]
    EmptyAmendment,
    /// A tool of a document that extends a registry (the built-in one) where a tool with its
    /// id or name already is.
    #[error(
        "already in the registry this file extends, as {name:?}: to add risks or packages to it, use \"amend\""
    )]
    ExistingTool {
        /// The name of the tool already in the registry.
        name: String,
    },
    /// A tool whose id or name, folded, is that of an earlier tool.
    #[error("duplicate tool: same id as tool {index} ({name:?}) after normalisation")]
    DuplicateTool {
        /// The earlier tool's position.
        index: usize,
        /// The earlier tool's name.
        name: String,
    },
}

struct Suggest<'a>(&'a Option<&'static str>);

impl fmt::Display for Suggest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(s) => write!(f, ", {}", crate::suggest::did_you_mean_quoted(&[s])),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(index) = self.index {
            write!(f, "tool {index}")?;
            if let Some(name) = &self.name {
                write!(f, " ({name:?})")?;
            }
            wrote = true;
        }
        if let Some(field) = &self.field {
            if wrote {
                f.write_str(", ")?;
            }
            write!(f, "field {field:?}")?;
            wrote = true;
        }
        if wrote {
            f.write_str(": ")?;
        }
        write!(f, "{}", self.kind)
    }
}

/// Why a registry document was rejected: every problem found, in document order.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let err = Registry::from_json(r#"{"tools": [{"name": "Scanner", "risks": ["R24-Security"]}]}"#)
///     .unwrap_err();
/// assert_eq!(err.to_string(),
///     r#"line 1 column 42: tool 0 ("Scanner"), field "risks": "R24-Security": Security risks are R1 to R23"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RegistryError {
    pub(crate) problems: Vec<Problem>,
}

impl RegistryError {
    pub(crate) fn one(kind: ProblemKind) -> RegistryError {
        RegistryError {
            problems: vec![Problem {
                index: None,
                name: None,
                field: None,
                kind,
                location: None,
            }],
        }
    }

    /// A problem of the whole text at a known position (not JSON, not UTF-8).
    pub(crate) fn at(kind: ProblemKind, line: usize, column: usize) -> RegistryError {
        let mut error = RegistryError::one(kind);
        if line > 0 {
            // serde_json gives column 0 at the very start of a line (an empty document).
            let column = column.max(1);
            error.problems[0].location = Some(Location { line, column });
        }
        error
    }

    /// Every problem found, in document order (at least one).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let located = |f: &mut fmt::Formatter<'_>, p: &Problem| match p.location {
            Some(at) => write!(f, "{at}: {p}"),
            None => write!(f, "{p}"),
        };
        match self.problems.as_slice() {
            [one] => located(f, one),
            many => {
                write!(f, "{} problems in the registry:", many.len())?;
                for p in many {
                    f.write_str("\n  ")?;
                    located(f, p)?;
                }
                Ok(())
            }
        }
    }
}

/// Why a registry file could not be used: it could not be read, it has problems, or one of its
/// tools is already in the registry it extends. From [`Registry::from_file`](crate::Registry::from_file) and
/// [`Registry::builtin_with_file`](crate::Registry::builtin_with_file).
///
/// ```
/// use mlsecops_taxonomy::{Registry, RegistryFileError};
/// let err = Registry::builtin_with_file("no/such/file.json").unwrap_err();
/// assert!(matches!(err, RegistryFileError::Read { .. }));
/// assert!(err.to_string().starts_with("cannot read no/such/file.json: "));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryFileError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a valid registry document.
    #[error("{} is not a valid registry file:\n{}", path.display(), located_lines(path, error).join("\n"))]
    Invalid {
        /// The file.
        path: std::path::PathBuf,
        /// Every problem, with its position in the file.
        error: RegistryError,
    },
}

impl RegistryFileError {
    /// One line per problem, each starting with the file and, when known, line and column, as
    /// compilers write them: `tools.json:2:33: tool 0 ("Scanner"), field "risks": ...`.
    pub fn lines(&self) -> Vec<String> {
        match self {
            RegistryFileError::Invalid { path, error } => located_lines(path, error),
            other => vec![other.to_string()],
        }
    }
}

fn located_lines(path: &std::path::Path, error: &RegistryError) -> Vec<String> {
    error
        .problems()
        .iter()
        .map(|p| match p.location {
            Some(at) => format!("{}:{}:{}: {p}", path.display(), at.line, at.column),
            None => format!("{}: {p}", path.display()),
        })
        .collect()
}

/// `{"line", "column", "tool", "name", "field", "message"}`, each `null` when unknown: one
/// problem of the `validate` document.
impl serde::Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = ProblemDoc {
            line: self.location.map(|l| l.line),
            column: self.location.map(|l| l.column),
            tool: self.index,
            name: self.name.as_deref(),
            field: self.field.as_deref(),
            message: self.kind.to_string(),
        };
        serde::Serialize::serialize(&doc, serializer)
    }
}

/// A problem of a registry file.
#[derive(serde::Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Problem", deny_unknown_fields)
)]
struct ProblemDoc<'a> {
    /// Line, from 1; null when the input could not be read.
    #[cfg_attr(feature = "schema", schemars(required, range(min = 1), extend("type" = ["integer", "null"])))]
    line: Option<usize>,
    /// Column, from 1, in characters; null when the input could not be read.
    #[cfg_attr(feature = "schema", schemars(required, range(min = 1), extend("type" = ["integer", "null"])))]
    column: Option<usize>,
    /// The tool's position in the tools array, from 0; null when the problem is not in a tool.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["integer", "null"])))]
    tool: Option<usize>,
    /// The tool's name, when it has a readable one.
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    name: Option<&'a str>,
    /// The field, such as "risks" or "provenance.facts".
    #[cfg_attr(feature = "schema", schemars(required, extend("type" = ["string", "null"])))]
    field: Option<&'a str>,
    /// What is wrong.
    message: String,
}

#[cfg(feature = "schema")]
crate::output::document::schema_as!(Problem => ProblemDoc<'static>);
