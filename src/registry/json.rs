//! Registry files (feature `json`): `{"tools": [...]}`, loaded with every problem reported and
//! saved in a canonical form.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde_json::Value;

use super::Registry;
use super::locate::Location;
use crate::error::{ParseNameError, ParseRiskError, ToolError};
use crate::risk::Risk;
use crate::risk_set::RiskSet;
use crate::suggest::closest;
use crate::tool::{
    Category, Provenance, Tool, ToolKind, check_description, check_id, check_name, check_url, slug,
};

/// The fields a tool may have in a registry file.
const TOOL_FIELDS: [&str; 8] = [
    "name",
    "id",
    "url",
    "description",
    "risks",
    "kind",
    "categories",
    "provenance",
];
/// The fields of a registry document.
const DOCUMENT_FIELDS: [&str; 2] = ["tools", "$schema"];
/// The fields of a tool's `provenance` object.
const PROVENANCE_FIELDS: [&str; 2] = ["facts", "categories"];

/// One thing wrong with a registry document: where (tool and field) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The tool's position in the `tools` array, from 0, when the problem is in a tool.
    pub index: Option<usize>,
    /// The tool's name, when the problem is in a tool that has a readable name.
    pub name: Option<String>,
    /// The field, when the problem is in one (`"risks"`, `"provenance.facts"`).
    pub field: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
    /// Where in the document: the key of an unknown or repeated field, the value (or the array
    /// item) that is wrong, the tool for a duplicate tool, the object missing a field. `None`
    /// only when the input could not be read.
    pub location: Option<Location>,
}

/// What is wrong, in a [`Problem`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not JSON, or not UTF-8, or could not be read.
    #[error("{message} at line {line} column {column}")]
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
    /// A risk code listed twice.
    #[error("{0} is listed twice")]
    DuplicateRisk(Risk),
    /// A name of a kind, category or provenance that does not exist.
    #[error("{0}")]
    Name(ParseNameError),
    /// A field value the tool rules reject (empty name, multi-line description, URL, id).
    #[error("{0}")]
    Tool(ToolError),
    /// The document is larger than [`Registry::MAX_DOCUMENT_BYTES`].
    #[error("the document is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The document has more tools than [`Registry::MAX_TOOLS`]; the first ones are checked.
    #[error("more than the limit of {limit} tools")]
    TooManyTools {
        /// The limit.
        limit: usize,
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
            Some(s) => write!(f, ", did you mean {s:?}?"),
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
///     r#"tool 0 ("Scanner"), field "risks": R24-Security: Security risks are R1 to R23"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RegistryError {
    problems: Vec<Problem>,
}

impl RegistryError {
    fn one(kind: ProblemKind) -> RegistryError {
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
    fn at(kind: ProblemKind, line: usize, column: usize) -> RegistryError {
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
        match self.problems.as_slice() {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems in the registry:", many.len())?;
                for p in many {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl Registry {
    /// The largest registry document [`from_json`](Registry::from_json) and
    /// [`from_reader`](Registry::from_reader) read: 64 MiB (a registry of [`MAX_TOOLS`]
    /// tools with long descriptions fits).
    ///
    /// [`MAX_TOOLS`]: Registry::MAX_TOOLS
    pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

    /// The most tools a registry document may have: 100,000.
    pub const MAX_TOOLS: usize = 100_000;

    /// Reads a registry document: `{"tools": [...]}`, each tool an object with `name` and `risks`
    /// (required) and `id`, `url`, `description`, `kind`, `categories`, `provenance` (optional).
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let reg = Registry::from_json(r#"{"tools": [
    ///     {"name": "Image Scanner", "risks": ["R14-Security"], "url": "https://scanner.example.com"}
    /// ]}"#)?;
    /// assert_eq!(reg.get("image-scanner")?.risks().to_string(), "R14-Security");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// Every problem of the document, each naming the tool (position and name), the field and
    /// the value: not JSON, unknown or duplicated field, missing `name` or `risks`, wrong type,
    /// unknown risk code (with the closest), a code listed twice, empty name, multi-line
    /// description, URL that is not http(s), unknown kind or category, duplicate tool; a
    /// document larger than [`MAX_DOCUMENT_BYTES`](Registry::MAX_DOCUMENT_BYTES) or with more
    /// than [`MAX_TOOLS`](Registry::MAX_TOOLS) tools. A leading byte-order mark is skipped.
    pub fn from_json(text: &str) -> Result<Registry, RegistryError> {
        if text.len() > Registry::MAX_DOCUMENT_BYTES {
            return Err(RegistryError::one(ProblemKind::TooLarge {
                limit: Registry::MAX_DOCUMENT_BYTES,
            }));
        }
        // A byte-order mark, as some editors write, is not part of the document.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut problems = Vec::new();
        let mut de = serde_json::Deserializer::from_str(text);
        let tools = match (Document {
            problems: &mut problems,
        })
        .deserialize(&mut de)
        {
            Ok(tools) => tools,
            Err(e) => return Err(syntax(e)),
        };
        if let Err(e) = de.end() {
            return Err(syntax(e));
        }
        let mut registry = Registry::new();
        for (index, tool) in tools.into_iter().enumerate() {
            let Some(tool) = tool else { continue };
            if let Some(existing) = registry.clash(&tool, None) {
                problems.push(Problem {
                    index: Some(index),
                    name: Some(tool.name().to_owned()),
                    field: None,
                    kind: ProblemKind::DuplicateTool {
                        index: existing,
                        name: registry.at(existing).name().to_owned(),
                    },
                    location: None,
                });
            } else {
                registry.push(tool);
            }
        }
        if problems.is_empty() {
            Ok(registry)
        } else {
            super::locate::locate(text, &mut problems);
            // Document order: by position (problems of one tool are found field by field).
            problems.sort_by_key(|p| p.location);
            Err(RegistryError { problems })
        }
    }

    /// Reads a registry document from a reader; see [`from_json`](Registry::from_json).
    ///
    /// # Errors
    /// The reader fails, the bytes are not UTF-8, or the document has problems.
    pub fn from_reader(reader: impl std::io::Read) -> Result<Registry, RegistryError> {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        let limit = Registry::MAX_DOCUMENT_BYTES;
        reader
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| RegistryError::one(ProblemKind::Io(e.to_string())))?;
        if bytes.len() > limit {
            return Err(RegistryError::one(ProblemKind::TooLarge { limit }));
        }
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let (line, column) = position(&bytes[..e.valid_up_to()]);
            RegistryError::at(
                ProblemKind::Syntax {
                    message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                    line,
                    column,
                },
                line,
                column,
            )
        })?;
        Registry::from_json(text)
    }

    /// Writes the registry as a registry document in canonical form: two-space indentation,
    /// tools in registry order, every field present except an absent URL or description and
    /// empty categories, risks in canonical order. Loading it gives an equal registry, and
    /// saving that gives the same text.
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let text = Registry::builtin().to_json();
    /// assert_eq!(&Registry::from_json(&text)?, Registry::builtin());
    /// # Ok::<(), mlsecops_taxonomy::RegistryError>(())
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::pretty(&mut out);
        // Serializing strings and arrays into a Vec cannot fail.
        if ser
            .serialize_newtype_struct("Registry", &ToolsDoc(self))
            .is_ok()
        {
            out.push(b'\n');
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

fn syntax(e: serde_json::Error) -> RegistryError {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    RegistryError::at(
        ProblemKind::Syntax {
            message,
            line: e.line(),
            column: e.column(),
        },
        e.line(),
        e.column(),
    )
}

/// Line and column (from 1) just after `bytes`.
fn position(bytes: &[u8]) -> (usize, usize) {
    let line = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
    let start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    (
        line,
        1 + String::from_utf8_lossy(&bytes[start..]).chars().count(),
    )
}

struct ToolsDoc<'a>(&'a Registry);

impl serde::Serialize for ToolsDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("tools", &ToolList(self.0))?;
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

/// The version of the taxonomy data (the crate's version), written into the documents.
pub(crate) const DATA_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A JSON value as the crate writes documents: keys sorted at every level (whatever serde_json
/// features are enabled, so the bytes are the same in every build), two-space indentation, a
/// final newline.
pub(crate) fn canonical_text(mut value: Value) -> String {
    value.sort_all_objects();
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// A tool as a registry file writes it, as a JSON value.
#[cfg(feature = "schema")]
pub(crate) fn tool_value(tool: &Tool) -> Value {
    serde_json::to_value(ToolOut(tool)).unwrap_or(Value::Null)
}

impl serde::Serialize for ToolOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut s = serializer.serialize_struct("Tool", 8)?;
        s.serialize_field("name", t.name())?;
        s.serialize_field("id", t.id())?;
        if let Some(url) = t.url() {
            s.serialize_field("url", url)?;
        }
        if let Some(description) = t.description() {
            s.serialize_field("description", description)?;
        }
        s.serialize_field("risks", &t.risks())?;
        s.serialize_field("kind", &t.kind())?;
        if !t.categories().is_empty() {
            s.serialize_field("categories", t.categories())?;
        }
        s.serialize_field("provenance", &ProvenanceOut(t))?;
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

/// The top-level object; yields each tool (or `None` where it had problems).
struct Document<'p> {
    problems: &'p mut Vec<Problem>,
}

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = Vec<Option<Tool>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = Vec<Option<Tool>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a registry document, an object with a \"tools\" array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut tools: Option<Vec<Option<Tool>>> = None;
        let mut schema_seen = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "tools" {
                if tools.is_some() {
                    map.next_value::<IgnoredAny>()?;
                    self.problems
                        .push(field_problem("tools", ProblemKind::DuplicateField));
                    continue;
                }
                tools = Some(map.next_value_seed(ToolsSeed {
                    problems: &mut *self.problems,
                })?);
            } else if key == "$schema" {
                // Editors follow `$schema` to the registry schema; any string is accepted, as
                // the schema itself accepts any string there.
                let value = map.next_value::<Loose<String>>()?;
                if std::mem::replace(&mut schema_seen, true) {
                    self.problems
                        .push(field_problem("$schema", ProblemKind::DuplicateField));
                } else if let Loose::Wrong(found) = value {
                    self.problems
                        .push(field_problem("$schema", wrong("a string", found)));
                }
            } else {
                map.next_value::<IgnoredAny>()?;
                self.problems.push(field_problem(
                    &key,
                    ProblemKind::UnknownField {
                        suggestion: closest(&key, DOCUMENT_FIELDS),
                    },
                ));
            }
        }
        match tools {
            Some(tools) => Ok(tools),
            None => {
                self.problems
                    .push(field_problem("tools", ProblemKind::MissingField));
                Ok(Vec::new())
            }
        }
    }
}

/// The `tools` value: an array of tools, each read as soon as it is parsed.
struct ToolsSeed<'p> {
    problems: &'p mut Vec<Problem>,
}

impl<'de> DeserializeSeed<'de> for ToolsSeed<'_> {
    type Value = Vec<Option<Tool>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ToolsSeed<'_> {
    type Value = Vec<Option<Tool>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of tools")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut tools = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while tools.len() < Registry::MAX_TOOLS {
            match seq.next_element_seed(ToolSeed {
                index: tools.len(),
                problems: &mut *self.problems,
            })? {
                Some(tool) => tools.push(tool),
                None => return Ok(tools),
            }
        }
        if seq.next_element::<IgnoredAny>()?.is_some() {
            self.problems.push(field_problem(
                "tools",
                ProblemKind::TooManyTools {
                    limit: Registry::MAX_TOOLS,
                },
            ));
            while seq.next_element::<IgnoredAny>()?.is_some() {}
        }
        Ok(tools)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let found = Loose::<String>::skip_map(map)?;
        self.problems
            .push(field_problem("tools", wrong("an array of tools", found)));
        Ok(Vec::new())
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        self.other(describe(&Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        self.other(describe(&Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        self.other(describe(&Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        self.other(describe(&Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        self.other(describe(&Value::from(v)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        self.other(describe(&Value::Null))
    }
}

impl ToolsSeed<'_> {
    fn other<E>(self, found: String) -> Result<Vec<Option<Tool>>, E> {
        self.problems
            .push(field_problem("tools", wrong("an array of tools", found)));
        Ok(Vec::new())
    }
}

fn wrong(expected: &'static str, found: String) -> ProblemKind {
    ProblemKind::WrongType { expected, found }
}

/// A value read as `T` when it has the right JSON type, or described when it does not, so one
/// wrong value is reported without stopping the reading of the document.
enum Loose<T> {
    Right(T),
    Wrong(String),
}

impl<T> Loose<T> {
    fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<String, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok("an object".to_owned())
    }

    fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<String, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok("an array".to_owned())
    }
}

/// Implements the visits of the JSON types a `Loose` value does not want, as `Wrong`.
macro_rules! loose_wrong_scalars {
    () => {
        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Loose::Wrong(describe(&Value::Bool(v))))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Loose::Wrong(describe(&Value::from(v))))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Loose::Wrong(describe(&Value::from(v))))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Loose::Wrong(describe(&Value::from(v))))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Loose::Wrong(describe(&Value::Null)))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Ok(Loose::Wrong(Loose::<()>::skip_map(map)?))
        }
    };
}

impl<'de> serde::Deserialize<'de> for Loose<String> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose<String>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Loose::Right(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Loose::Right(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Ok(Loose::Wrong(Loose::<()>::skip_seq(seq)?))
            }
            loose_wrong_scalars!();
        }
        d.deserialize_any(V)
    }
}

/// An array of strings, each kept as a `Loose` string.
impl<'de> serde::Deserialize<'de> for Loose<Vec<Loose<String>>> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose<Vec<Loose<String>>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Loose::Wrong(describe(&Value::from(v))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4));
                while let Some(item) = seq.next_element::<Loose<String>>()? {
                    items.push(item);
                }
                Ok(Loose::Right(items))
            }
            loose_wrong_scalars!();
        }
        d.deserialize_any(V)
    }
}

/// One tool object, read field by field as it is parsed.
struct ToolSeed<'p> {
    index: usize,
    problems: &'p mut Vec<Problem>,
}

impl<'de> DeserializeSeed<'de> for ToolSeed<'_> {
    type Value = Option<Tool>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// The fields of a tool as read, before they are checked.
#[derive(Default)]
struct RawTool {
    name: Option<Loose<String>>,
    id: Option<Loose<String>>,
    url: Option<Loose<String>>,
    description: Option<Loose<String>>,
    risks: Option<Loose<Vec<Loose<String>>>>,
    kind: Option<Loose<String>>,
    categories: Option<Loose<Vec<Loose<String>>>>,
    provenance: Option<Value>,
    /// Fields given twice and unknown fields, in document order.
    extra: Vec<(String, ProblemKind)>,
}

impl<'de> Visitor<'de> for ToolSeed<'_> {
    type Value = Option<Tool>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a tool object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        fn put<T>(
            slot: &mut Option<T>,
            value: T,
            key: &str,
            extra: &mut Vec<(String, ProblemKind)>,
        ) {
            if slot.is_some() {
                extra.push((key.to_owned(), ProblemKind::DuplicateField));
            } else {
                *slot = Some(value);
            }
        }
        let mut raw = RawTool::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let extra = &mut raw.extra;
            match key.as_ref() {
                "name" => put(&mut raw.name, map.next_value()?, &key, extra),
                "id" => put(&mut raw.id, map.next_value()?, &key, extra),
                "url" => put(&mut raw.url, map.next_value()?, &key, extra),
                "description" => put(&mut raw.description, map.next_value()?, &key, extra),
                "risks" => put(&mut raw.risks, map.next_value()?, &key, extra),
                "kind" => put(&mut raw.kind, map.next_value()?, &key, extra),
                "categories" => put(&mut raw.categories, map.next_value()?, &key, extra),
                "provenance" => put(&mut raw.provenance, map.next_value()?, &key, extra),
                other => {
                    map.next_value::<IgnoredAny>()?;
                    extra.push((
                        other.to_owned(),
                        ProblemKind::UnknownField {
                            suggestion: closest(other, TOOL_FIELDS),
                        },
                    ));
                }
            }
        }
        Ok(read_tool(self.index, raw, self.problems))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let found = Loose::<()>::skip_seq(seq)?;
        Ok(self.not_a_tool(found))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.not_a_tool(describe(&Value::Bool(v))))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.not_a_tool(describe(&Value::from(v))))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.not_a_tool(describe(&Value::from(v))))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.not_a_tool(describe(&Value::from(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.not_a_tool(describe(&Value::from(v))))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(self.not_a_tool(describe(&Value::Null)))
    }
}

impl ToolSeed<'_> {
    fn not_a_tool(self, found: String) -> Option<Tool> {
        self.problems.push(Problem {
            index: Some(self.index),
            name: None,
            field: None,
            kind: wrong("a tool object", found),
            location: None,
        });
        None
    }
}

fn field_problem(field: &str, kind: ProblemKind) -> Problem {
    Problem {
        index: None,
        name: None,
        field: Some(field.to_owned()),
        kind,
        location: None,
    }
}

fn wrong_type(expected: &'static str, found: &Value) -> ProblemKind {
    ProblemKind::WrongType {
        expected,
        found: describe(found),
    }
}

/// A short description of a value for error messages, with the value when it is short.
fn describe(found: &Value) -> String {
    match found {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the string {s:?}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Checks one tool's fields, recording its problems; `None` when it has any.
fn read_tool(index: usize, raw: RawTool, problems: &mut Vec<Problem>) -> Option<Tool> {
    let before = problems.len();
    let name_present = raw.name.is_some();
    let risks_present = raw.risks.is_some();
    let display_name = match &raw.name {
        Some(Loose::Right(name)) => Some(name.clone()),
        _ => None,
    };
    let mut report = |field: &str, kind: ProblemKind| {
        problems.push(Problem {
            index: Some(index),
            name: display_name.clone(),
            field: Some(field.to_owned()),
            kind,
            location: None,
        });
    };
    for (field, kind) in raw.extra {
        report(&field, kind);
    }
    let name = checked(raw.name, "name", check_name, &mut report);
    let id = checked(raw.id, "id", check_id, &mut report);
    let url = checked(raw.url, "url", check_url, &mut report);
    let description = checked(
        raw.description,
        "description",
        check_description,
        &mut report,
    );
    let risks = match raw.risks {
        None => None,
        Some(value) => match read_risks(value) {
            Ok(set) => Some(set),
            Err(k) => {
                report("risks", k);
                None
            }
        },
    };
    let kind = match raw.kind {
        None => ToolKind::Tool,
        Some(Loose::Right(s)) => {
            canonical(s, ProblemKind::Name, ToolKind::as_str).unwrap_or_else(|k| {
                report("kind", k);
                ToolKind::Tool
            })
        }
        Some(Loose::Wrong(found)) => {
            report("kind", wrong("a string", found));
            ToolKind::Tool
        }
    };
    let categories = match raw.categories.map(read_categories) {
        None => Vec::new(),
        Some(Ok(list)) => list,
        Some(Err(k)) => {
            report("categories", k);
            Vec::new()
        }
    };
    let provenance = match raw.provenance.map(read_provenance) {
        None => (Provenance::User, Provenance::User),
        Some(Ok(p)) => p,
        Some(Err((field, k))) => {
            report(&field, k);
            (Provenance::User, Provenance::User)
        }
    };
    if !name_present {
        report("name", ProblemKind::MissingField);
    }
    if !risks_present {
        report("risks", ProblemKind::MissingField);
    }
    if problems.len() > before {
        return None;
    }
    let name = name?;
    let id = id.unwrap_or_else(|| slug(&name));
    Some(Tool {
        name: Cow::Owned(name),
        id: Cow::Owned(id),
        url: url.map(Cow::Owned),
        description: description.map(Cow::Owned),
        risks: risks?,
        kind,
        categories: Cow::Owned(categories),
        provenance: provenance.0,
        categories_provenance: provenance.1,
    })
}

/// A string field, checked; problems go to `report`.
fn checked(
    value: Option<Loose<String>>,
    field: &str,
    check: fn(String) -> Result<String, ToolError>,
    report: &mut impl FnMut(&str, ProblemKind),
) -> Option<String> {
    match value? {
        Loose::Right(s) => check(s)
            .map_err(|e| report(field, ProblemKind::Tool(e)))
            .ok(),
        Loose::Wrong(found) => {
            report(field, wrong("a string", found));
            None
        }
    }
}

/// The strings of an array field, or the first wrong value.
fn strings(
    value: Loose<Vec<Loose<String>>>,
    expected: &'static str,
) -> Result<Vec<String>, ProblemKind> {
    match value {
        Loose::Right(items) => items
            .into_iter()
            .map(|item| match item {
                Loose::Right(s) => Ok(s),
                Loose::Wrong(found) => Err(wrong(expected, found)),
            })
            .collect(),
        Loose::Wrong(found) => Err(wrong("an array", found)),
    }
}

fn read_risks(value: Loose<Vec<Loose<String>>>) -> Result<RiskSet, ProblemKind> {
    let mut set = RiskSet::EMPTY;
    for code in strings(value, "a risk code string")? {
        let risk: Risk = canonical(code, ProblemKind::Risk, Risk::code)?;
        if !set.insert(risk) {
            return Err(ProblemKind::DuplicateRisk(risk));
        }
    }
    Ok(set)
}

/// Parses `text` and requires the canonical form: registry files are read the same way by every
/// JSON Schema validator, so a code or name is accepted only as the schema spells it.
fn canonical<T: FromStr + Copy>(
    text: String,
    not_known: fn(T::Err) -> ProblemKind,
    canonical: fn(T) -> &'static str,
) -> Result<T, ProblemKind> {
    let value: T = text.parse().map_err(not_known)?;
    match canonical(value) {
        c if c == text => Ok(value),
        c => Err(ProblemKind::NotCanonical {
            found: text,
            canonical: c,
        }),
    }
}

fn read_categories(value: Loose<Vec<Loose<String>>>) -> Result<Vec<Category>, ProblemKind> {
    let mut list = Vec::new();
    for name in strings(value, "a category string")? {
        let category: Category = canonical(name, ProblemKind::Name, Category::as_str)?;
        if list.contains(&category) {
            return Err(ProblemKind::Tool(ToolError::DuplicateCategory(category)));
        }
        list.push(category);
    }
    Ok(list)
}

fn string(value: Value) -> Result<String, ProblemKind> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(wrong_type("a string", &other)),
    }
}

fn read_provenance(value: Value) -> Result<(Provenance, Provenance), (String, ProblemKind)> {
    let Value::Object(fields) = value else {
        return Err(("provenance".into(), wrong_type("an object", &value)));
    };
    let mut out = (Provenance::User, Provenance::User);
    for (key, value) in fields {
        let field = format!("provenance.{key}");
        let slot = match key.as_str() {
            "facts" => &mut out.0,
            "categories" => &mut out.1,
            other => {
                return Err((
                    field,
                    ProblemKind::UnknownField {
                        suggestion: closest(other, PROVENANCE_FIELDS),
                    },
                ));
            }
        };
        *slot = string(value)
            .and_then(|s| canonical(s, ProblemKind::Name, Provenance::as_str))
            .map_err(|k| (field, k))?;
    }
    Ok(out)
}
