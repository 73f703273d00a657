//! Loading a registry file: one pass over the text with [`Reader`], every problem created with
//! its position where the reader stands.

use std::borrow::Cow;
use std::str::FromStr;

use serde::de::{Deserialize, Deserializer, IgnoredAny};
use serde_json::Value;

use super::Registry;
use super::error::{Problem, ProblemKind, RegistryError, RegistryFileError};
use crate::ToolError;
use crate::diag::json::{Kind, Reader, SyntaxError};
use crate::diag::lines::{LineIndex, Location, location_of};
use crate::registry::mapping::{Basis, Mapping, Role, Status, Upstream};
use crate::registry::package::Package;
use crate::registry::tool::{
    Category, Provenance, Tool, ToolKind, check_description, check_id, check_name, check_url, slug,
};
use crate::suggest::closest;
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;

/// The fields a tool may have in a registry file.
pub(crate) const TOOL_FIELDS: [&str; 12] = [
    "name",
    "id",
    "url",
    "description",
    "risks",
    "kind",
    "categories",
    "packages",
    "provenance",
    "role",
    "upstream",
    "mappings",
];
/// The fields of a tool's `upstream` object.
const UPSTREAM_FIELDS: [&str; 5] = ["repository", "commit", "date", "licence", "status"];
/// The fields of each of a tool's `mappings`.
const MAPPING_FIELDS: [&str; 8] = [
    "risk",
    "basis",
    "quote",
    "repository",
    "commit",
    "path",
    "line",
    "rationale",
];
/// The longest quote a mapping may hold, in characters.
const MAX_QUOTE_CHARS: usize = 200;
/// The fields of a registry document.
const DOCUMENT_FIELDS: [&str; 3] = ["tools", "amend", "$schema"];
/// The fields of an amendment.
pub(crate) const AMEND_FIELDS: [&str; 4] = ["tool", "risks", "packages", "note"];
/// The most amendments a registry document may have, as for tools.
const MAX_AMENDMENTS: usize = Registry::MAX_TOOLS;
/// The fields of a tool's `provenance` object.
const PROVENANCE_FIELDS: [&str; 2] = ["facts", "categories"];
/// What a registry document is, for messages.
const A_DOCUMENT: &str = "a registry document {\"tools\": [...]}";

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
    /// (required) and `id`, `url`, `description`, `kind`, `categories`, `provenance` (optional);
    /// `tools` may be absent (no tools, as in a document that only amends); and, optionally,
    /// `"amend": [...]`, each an [`Amendment`](crate::Amendment) of one of the
    /// document's tools: `{"tool": NAME_OR_ID, "risks": [...], "packages": [...], "note": "..."}`
    /// (`tool` and one of `risks` or `packages` required). To amend the built-in tools, extend
    /// the built-in registry: [`builtin_with_file`](Registry::builtin_with_file),
    /// [`with_json`](Registry::with_json).
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
    /// Every problem of the document, each naming the tool (position and name), the field, the
    /// value, and its line and column: not JSON (as serde_json describes it), unknown or
    /// duplicated field, missing `name` or `risks`, wrong type, unknown risk code (with the
    /// closest), a code listed twice, empty name, multi-line description, URL that is not
    /// http(s), unknown kind or category, duplicate tool; a document larger than
    /// [`MAX_DOCUMENT_BYTES`](Registry::MAX_DOCUMENT_BYTES) or with more than
    /// [`MAX_TOOLS`](Registry::MAX_TOOLS) tools. A leading byte-order mark is skipped.
    pub fn from_json(text: &str) -> Result<Registry, RegistryError> {
        load(text, None).map(|loaded| loaded.registry)
    }

    /// This registry extended by a registry document: its tools added after these, then its
    /// amendments applied (to a tool of the document or of this registry).
    ///
    /// ```
    /// use mlsecops_taxonomy::{Provenance, Registry};
    /// let ours = Registry::builtin().with_json(r#"{"tools": [], "amend": [
    ///     {"tool": "Garak", "risks": ["R8-Security"], "note": "we run its jailbreak probes"}
    /// ]}"#)?;
    /// let garak = ours.get("garak")?;
    /// assert_eq!(garak.risk_provenance("R8-Security".parse()?), Some(Provenance::User));
    /// assert_eq!(garak.amendments()[0].note(), Some("we run its jailbreak probes"));
    ///
    /// // A tool already here is refused where the document names it, pointing to "amend".
    /// let err = Registry::builtin().with_json(r#"{"tools": [{"name": "Garak", "risks": ["R8-Security"]}]}"#)
    ///     .unwrap_err();
    /// assert!(err.to_string().contains(r#"use "amend""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The problems of [`from_json`](Registry::from_json), a tool whose id or name is that of a
    /// tool here, an amendment of a tool neither here nor in the document.
    pub fn with_json(&self, text: &str) -> Result<Registry, RegistryError> {
        let loaded = load(text, Some(Base::Extend(self)))?;
        let mut registry = self.clone();
        registry.tools.reserve(loaded.registry.len());
        for tool in loaded.registry.tools {
            let keys = super::Keys::of(&tool);
            registry.push(tool, &keys);
        }
        for amendment in loaded.base_amendments {
            registry
                .amend(amendment)
                .expect("the loader resolved every amendment's tool");
        }
        Ok(registry)
    }

    /// Reads a registry document from a reader; see [`from_json`](Registry::from_json).
    ///
    /// # Errors
    /// The reader fails, the bytes are not UTF-8, or the document has problems.
    pub fn from_reader(reader: impl std::io::Read) -> Result<Registry, RegistryError> {
        Registry::from_json(&read_text(reader)?)
    }

    /// Reads a registry file; see [`from_json`](Registry::from_json) for the format.
    ///
    /// # Errors
    /// The file cannot be read or is not a valid registry document.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Registry, RegistryFileError> {
        let path = path.as_ref();
        Registry::from_json(&read_file(path)?).map_err(|error| RegistryFileError::Invalid {
            path: path.to_owned(),
            error,
        })
    }

    /// The built-in registry extended by the tools of a registry file, in that order: what the
    /// build gate's `registry = "..."` and the command's `--registry FILE` use.
    ///
    /// ```no_run
    /// use mlsecops_taxonomy::Registry;
    /// let ours = Registry::builtin_with_file("security-tools.json")?;
    /// assert!(ours.len() >= Registry::builtin().len());
    /// # Ok::<(), mlsecops_taxonomy::RegistryFileError>(())
    /// ```
    ///
    /// # Errors
    /// The file cannot be read, is not a valid registry document, has a tool whose id or name
    /// is that of a built-in tool (amend it instead), or amends a tool that is in neither.
    pub fn builtin_with_file(
        path: impl AsRef<std::path::Path>,
    ) -> Result<Registry, RegistryFileError> {
        let path = path.as_ref();
        let text = read_file(path)?;
        Registry::builtin()
            .with_json(&text)
            .map_err(|error| RegistryFileError::Invalid {
                path: path.to_owned(),
                error,
            })
    }
}

/// The text of a reader, at most [`Registry::MAX_DOCUMENT_BYTES`], as UTF-8.
fn read_text(reader: impl std::io::Read) -> Result<String, RegistryError> {
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
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let Location { line, column } = location_of(e.as_bytes(), at);
        RegistryError::at(
            ProblemKind::Syntax {
                message: format!("invalid UTF-8 at byte {at}"),
                line,
                column,
            },
            line,
            column,
        )
    })
}

/// The text of a registry file; a file that cannot be read is a `Read` error naming it.
fn read_file(path: &std::path::Path) -> Result<String, RegistryFileError> {
    let file = crate::diag::root::open_regular(path).map_err(|source| RegistryFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    read_text(std::io::BufReader::new(file)).map_err(|error| match error.problems() {
        [
            Problem {
                kind: ProblemKind::Io(_),
                ..
            },
        ] => RegistryFileError::Read {
            path: path.to_owned(),
            source: std::io::Error::other(error.to_string()),
        },
        _ => RegistryFileError::Invalid {
            path: path.to_owned(),
            error,
        },
    })
}

/// The registry a document is read on top of.
#[derive(Clone, Copy)]
pub(crate) enum Base<'r> {
    /// The document extends it: a tool already in it is refused, an amendment may name its
    /// tools.
    Extend(&'r Registry),
    /// The document is checked alone, but its amendments may name this registry's tools (what
    /// validation and lint do: a registry file is used on top of the built-in registry).
    Amend(&'r Registry),
}

impl<'r> Base<'r> {
    fn registry(self) -> &'r Registry {
        match self {
            Base::Extend(r) | Base::Amend(r) => r,
        }
    }
}

/// A loaded registry and where its parts are in the text, for checks made on top of the
/// loader's (the list rules of `lint`).
pub(crate) struct Loaded {
    /// The document's tools, with the amendments of them applied.
    pub(crate) registry: Registry,
    /// The amendments of tools of the base registry, resolved, in order.
    pub(crate) base_amendments: Vec<crate::Amendment>,
    /// The offset of the `tools` array.
    #[cfg_attr(not(feature = "markdown"), allow(dead_code))]
    pub(crate) tools_at: usize,
    /// For each tool, in order: the offset of its object and of each field's value.
    #[cfg_attr(not(feature = "markdown"), allow(dead_code))]
    pub(crate) tool_at: Vec<ToolAt>,
}

pub(crate) struct ToolAt {
    pub(crate) object: usize,
    /// The offset of each field's value, in the order of [`TOOL_FIELDS`]; [`ABSENT`] for a
    /// field the tool does not have.
    values: [usize; TOOL_FIELDS.len()],
}

/// A field a tool does not have, in [`ToolAt`].
const ABSENT: usize = usize::MAX;

impl ToolAt {
    #[cfg_attr(not(feature = "markdown"), allow(dead_code))]
    /// The offset of a field's value, or of the tool's object when the field is absent.
    pub(crate) fn field(&self, name: &str) -> usize {
        TOOL_FIELDS
            .iter()
            .position(|f| *f == name)
            .map(|i| self.values[i])
            .filter(|&at| at != ABSENT)
            .unwrap_or(self.object)
    }
}

/// Loads a registry document; see [`Registry::from_json`]. With a base, amendments may name its
/// tools; [`Base::Extend`] also refuses the document's tools that are already in it.
pub(crate) fn load(text: &str, base: Option<Base<'_>>) -> Result<Loaded, RegistryError> {
    if text.len() > Registry::MAX_DOCUMENT_BYTES {
        return Err(RegistryError::one(ProblemKind::TooLarge {
            limit: Registry::MAX_DOCUMENT_BYTES,
        }));
    }
    // A byte-order mark, as some editors write, is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(error) = not_a_document(text) {
        return Err(error);
    }
    let mut loader = Loader {
        reader: Reader::new(text),
        problems: Vec::new(),
        tools: Vec::new(),
        tools_at: 0,
        amendments: Vec::new(),
    };
    if let Err(SyntaxError { at }) = loader.document() {
        return Err(judge(text, at));
    }
    let Loader {
        mut problems,
        tools,
        tools_at,
        amendments,
        ..
    } = loader;
    let mut registry = Registry::with_capacity(tools.len());
    let mut tool_at = Vec::with_capacity(tools.len());
    for (index, (tool, at)) in tools.into_iter().enumerate() {
        let Some(tool) = tool else { continue };
        let keys = super::Keys::of(&tool);
        let extended = match base {
            Some(Base::Extend(b)) => b.clash(&keys, None).map(|i| b.at(i)),
            _ => None,
        };
        let claimed = match base {
            Some(Base::Extend(_)) => tool
                .mappings()
                .iter()
                .position(|m| m.basis() != Basis::User),
            _ => None,
        };
        if let Some(claimed) = claimed {
            // A file extending the built-in registry is the team's word: it cannot pass its
            // mappings off as the source's or the curated layer's, which a policy may count
            // when it does not count the user's.
            let basis = tool.mappings()[claimed].basis();
            problems.push(Pending {
                at: at.object,
                problem: Problem {
                    index: Some(index),
                    name: Some(tool.name().to_owned()),
                    field: Some(format!("mappings[{claimed}].basis")),
                    kind: ProblemKind::Invalid {
                        reason: format!(
                            "{:?} is the built-in registry's: a registry file's mappings are \"user\"",
                            basis.as_str()
                        ),
                    },
                    location: None,
                },
            });
        } else if let Some(existing) = extended {
            problems.push(Pending {
                at: at.object,
                problem: Problem {
                    index: Some(index),
                    name: Some(tool.name().to_owned()),
                    field: None,
                    kind: ProblemKind::ExistingTool {
                        name: existing.name().to_owned(),
                    },
                    location: None,
                },
            });
        } else if let Some(existing) = registry.clash(&keys, None) {
            problems.push(Pending {
                at: at.object,
                problem: Problem {
                    index: Some(index),
                    name: Some(tool.name().to_owned()),
                    field: None,
                    kind: ProblemKind::DuplicateTool {
                        index: existing,
                        name: registry.at(existing).name().to_owned(),
                    },
                    location: None,
                },
            });
        } else {
            registry.push(tool, &keys);
            tool_at.push(at);
        }
    }
    // Each amendment names a tool of the document or, failing that, of the base.
    let mut base_amendments = Vec::new();
    for RawAmendment {
        index,
        tool_at,
        amendment,
    } in amendments
    {
        let Some(amendment) = amendment else { continue };
        let name = amendment.tool();
        if registry.position(name).is_some() {
            registry
                .amend(amendment)
                .expect("the tool was just found in the registry");
        } else if base.is_some_and(|b| b.registry().position(name).is_some()) {
            base_amendments.push(amendment);
        } else {
            let unknown = match base {
                Some(b) if registry.unknown(name).suggestions.is_empty() => {
                    b.registry().unknown(name)
                }
                _ => registry.unknown(name),
            };
            problems.push(Pending {
                at: tool_at,
                problem: Problem {
                    index: None,
                    name: None,
                    field: Some(format!("amend[{index}].tool")),
                    kind: ProblemKind::UnknownTool(unknown),
                    location: None,
                },
            });
        }
    }
    if problems.is_empty() {
        return Ok(Loaded {
            registry,
            base_amendments,
            tools_at,
            tool_at,
        });
    }
    // Document order: by position (the problems of one tool are found field by field).
    problems.sort_by_key(|p| p.at);
    let lines = LineIndex::new(text.as_bytes());
    Err(RegistryError {
        problems: problems
            .into_iter()
            .map(|Pending { at, mut problem }| {
                problem.location = Some(lines.location(text.as_bytes(), at));
                problem
            })
            .collect(),
    })
}

/// A problem and the byte offset it is about, before offsets become lines and columns.
struct Pending {
    at: usize,
    problem: Problem,
}

/// A problem of one field of a tool, before the tool's name is known.
struct FieldProblem {
    at: usize,
    field: Cow<'static, str>,
    kind: ProblemKind,
}

struct Loader<'t> {
    reader: Reader<'t>,
    problems: Vec<Pending>,
    /// Each tool read (`None` when it has problems) with its positions.
    tools: Vec<(Option<Tool>, ToolAt)>,
    tools_at: usize,
    /// Each amendment read, its tool not yet looked up.
    amendments: Vec<RawAmendment>,
}

/// An amendment as read: `None` when its own fields have problems; the offset of its `tool`.
struct RawAmendment {
    index: usize,
    tool_at: usize,
    amendment: Option<crate::Amendment>,
}

type Read<T> = Result<T, SyntaxError>;

/// A string value as read: the text, or what was found instead, with the value's offset.
type Text<'t> = (usize, Result<Cow<'t, str>, String>);

impl<'t> Loader<'t> {
    fn document_problem(&mut self, at: usize, field: &str, kind: ProblemKind) {
        self.problems.push(Pending {
            at,
            problem: Problem {
                index: None,
                name: None,
                field: Some(field.to_owned()),
                kind,
                location: None,
            },
        });
    }

    fn document(&mut self) -> Read<()> {
        let (root, kind) = self.reader.peek()?;
        if kind != Kind::Object {
            let found = self.reader.skip()?;
            self.reader.end()?;
            self.problems.push(Pending {
                at: root,
                problem: Problem {
                    index: None,
                    name: None,
                    field: None,
                    kind: wrong(A_DOCUMENT, found),
                    location: None,
                },
            });
            return Ok(());
        }
        self.reader.begin_object();
        let (mut tools_seen, mut schema_seen, mut amend_seen) = (false, false, false);
        let mut first = true;
        while let Some((key, key_at)) = self.reader.next_key(&mut first)? {
            match key.as_ref() {
                "tools" if !tools_seen => {
                    tools_seen = true;
                    self.tools()?;
                }
                "amend" if !amend_seen => {
                    amend_seen = true;
                    self.amendments()?;
                }
                "$schema" if !schema_seen => {
                    // Editors follow `$schema` to the registry schema; any string is accepted,
                    // as the schema itself accepts any string there.
                    schema_seen = true;
                    let (at, value) = self.text()?;
                    if let Err(found) = value {
                        self.document_problem(at, "$schema", wrong("a string", found));
                    }
                }
                "tools" | "$schema" | "amend" => {
                    self.reader.skip()?;
                    self.document_problem(key_at, &key, ProblemKind::DuplicateField);
                }
                other => {
                    self.reader.skip()?;
                    let kind = ProblemKind::UnknownField {
                        suggestion: closest(other, DOCUMENT_FIELDS),
                    };
                    self.document_problem(key_at, other, kind);
                }
            }
        }
        // `tools` may be absent: a document that only amends tools already in the registry
        // (`{"amend": [...]}`) adds none.
        self.reader.end()
    }

    fn tools(&mut self) -> Read<()> {
        self.tools_at = self.reader.peek()?.0;
        let too_many = ProblemKind::TooManyTools {
            limit: Registry::MAX_TOOLS,
        };
        self.array("tools", "an array of tools", too_many, |loader| {
            if loader.tools.len() == Registry::MAX_TOOLS {
                return Ok(false);
            }
            let tool = loader.tool()?;
            loader.tools.push(tool);
            Ok(true)
        })
    }

    /// The `amend` array.
    fn amendments(&mut self) -> Read<()> {
        let too_many = ProblemKind::TooManyAmendments {
            limit: MAX_AMENDMENTS,
        };
        self.array("amend", "an array of amendments", too_many, |loader| {
            if loader.amendments.len() == MAX_AMENDMENTS {
                return Ok(false);
            }
            let amendment = loader.amendment()?;
            loader.amendments.push(amendment);
            Ok(true)
        })
    }

    /// A top-level array, each item read by `item` until it says the limit is reached (`false`):
    /// then `too_many` is reported and the rest skipped.
    fn array(
        &mut self,
        field: &str,
        expected: &'static str,
        too_many: ProblemKind,
        mut item: impl FnMut(&mut Self) -> Read<bool>,
    ) -> Read<()> {
        let (at, kind) = self.reader.peek()?;
        if kind != Kind::Array {
            let found = self.reader.skip()?;
            self.document_problem(at, field, wrong(expected, found));
            return Ok(());
        }
        self.reader.begin_array();
        let mut first = true;
        while self.reader.next_item(&mut first)? {
            if !item(self)? {
                self.document_problem(at, field, too_many);
                self.reader.skip()?;
                while self.reader.next_item(&mut first)? {
                    self.reader.skip()?;
                }
                return Ok(());
            }
        }
        Ok(())
    }

    /// One amendment object, read field by field and then checked.
    fn amendment(&mut self) -> Read<RawAmendment> {
        let index = self.amendments.len();
        let (object, kind) = self.reader.peek()?;
        let mut raw = RawAmendment {
            index,
            tool_at: object,
            amendment: None,
        };
        let mut problems: Vec<FieldProblem> = Vec::new();
        if kind != Kind::Object {
            let found = self.reader.skip()?;
            problems.push(FieldProblem {
                at: object,
                field: Cow::Borrowed(""),
                kind: wrong("an amendment object", found),
            });
        } else {
            self.reader.begin_object();
            let mut values: [Values<'t>; 4] = [None, None, None, None];
            let mut first = true;
            while let Some((key, key_at)) = self.reader.next_key(&mut first)? {
                let field = AMEND_FIELDS.iter().position(|f| *f == key);
                let repeated = field.is_some_and(|i| values[i].is_some());
                let Some(field) = field.filter(|_| !repeated) else {
                    self.reader.skip()?;
                    problems.push(key_problem(key, key_at, repeated, &AMEND_FIELDS));
                    continue;
                };
                values[field] = Some(match AMEND_FIELDS[field] {
                    "risks" | "packages" => self.texts()?,
                    // One string, kept as a list of one for the checks below.
                    _ => {
                        let (at, text) = self.text()?;
                        (at, text.map(|t| vec![(at, Ok(t))]))
                    }
                });
            }
            let [tool, risks, packages, note] = values;
            if let Some((at, _)) = &tool {
                raw.tool_at = *at;
            }
            raw.amendment = check_amendment(object, tool, risks, packages, note, &mut problems);
        }
        if !problems.is_empty() {
            raw.amendment = None;
        }
        self.problems.extend(problems.into_iter().map(|p| Pending {
            at: p.at,
            problem: Problem {
                index: None,
                name: None,
                field: Some(if p.field.is_empty() {
                    format!("amend[{index}]")
                } else {
                    format!("amend[{index}].{}", p.field)
                }),
                kind: p.kind,
                location: None,
            },
        }));
        Ok(raw)
    }

    /// A string value, or what was found instead.
    fn text(&mut self) -> Read<Text<'t>> {
        let (at, kind) = self.reader.peek()?;
        if kind == Kind::String {
            Ok((at, Ok(self.reader.string()?)))
        } else {
            Ok((at, Err(self.reader.skip()?)))
        }
    }

    /// An array of strings: each item with its offset, or what was found instead of the array.
    fn texts(&mut self) -> Read<(usize, Result<Vec<Text<'t>>, String>)> {
        let (at, kind) = self.reader.peek()?;
        if kind != Kind::Array {
            return Ok((at, Err(self.reader.skip()?)));
        }
        self.reader.begin_array();
        let mut items = Vec::new();
        let mut first = true;
        while self.reader.next_item(&mut first)? {
            items.push(self.text()?);
        }
        Ok((at, Ok(items)))
    }

    /// One tool object, read field by field and then checked.
    fn tool(&mut self) -> Read<(Option<Tool>, ToolAt)> {
        let index = self.tools.len();
        let (object, kind) = self.reader.peek()?;
        let mut at = ToolAt {
            object,
            values: [ABSENT; TOOL_FIELDS.len()],
        };
        if kind != Kind::Object {
            let found = self.reader.skip()?;
            self.problems.push(Pending {
                at: object,
                problem: Problem {
                    index: Some(index),
                    name: None,
                    field: None,
                    kind: wrong("a tool object", found),
                    location: None,
                },
            });
            return Ok((None, at));
        }
        self.reader.begin_object();
        let mut raw = RawTool::default();
        let mut problems: Vec<FieldProblem> = Vec::new();
        let mut first = true;
        while let Some((key, key_at)) = self.reader.next_key(&mut first)? {
            let index = TOOL_FIELDS.iter().position(|f| *f == key);
            let repeated = index.is_some_and(|i| at.values[i] != ABSENT);
            let Some(index) = index.filter(|_| !repeated) else {
                self.reader.skip()?;
                problems.push(key_problem(key, key_at, repeated, &TOOL_FIELDS));
                continue;
            };
            let (value_at, _) = self.reader.peek()?;
            at.values[index] = value_at;
            match TOOL_FIELDS[index] {
                "name" => raw.name = Some(self.text()?),
                "id" => raw.id = Some(self.text()?),
                "url" => raw.url = Some(self.text()?),
                "description" => raw.description = Some(self.text()?),
                "kind" => raw.kind = Some(self.text()?),
                "risks" => raw.risks = Some(self.texts()?),
                "categories" => raw.categories = Some(self.texts()?),
                "packages" => raw.packages = Some(self.texts()?),
                "role" => raw.role = Some(self.text()?),
                "upstream" => {
                    raw.upstream = Some(self.record("upstream", &UPSTREAM_FIELDS, &mut problems)?)
                }
                "mappings" => {
                    raw.mappings = Some(self.records("mappings", &MAPPING_FIELDS, &mut problems)?)
                }
                _ => raw.provenance = Some(self.provenance(&mut problems)?),
            }
        }
        let tool = check_tool(raw, object, &mut problems);
        let name = tool.1;
        let failed = !problems.is_empty();
        self.problems.extend(problems.into_iter().map(|p| Pending {
            at: p.at,
            problem: Problem {
                index: Some(index),
                name: name.clone(),
                field: Some(p.field.into_owned()),
                kind: p.kind,
                location: None,
            },
        }));
        Ok((tool.0.filter(|_| !failed), at))
    }

    /// A flat object of strings and numbers with the fields `fields` (`field` names it in
    /// messages); `None`, with the problem, when the value is not an object. Unknown and repeated
    /// fields are problems.
    fn record(
        &mut self,
        field: &str,
        fields: &'static [&'static str],
        problems: &mut Vec<FieldProblem>,
    ) -> Read<Option<Record<'t>>> {
        let (at, kind) = self.reader.peek()?;
        if kind != Kind::Object {
            let found = self.reader.skip()?;
            problems.push(FieldProblem {
                at,
                field: Cow::Owned(field.to_owned()),
                kind: wrong("an object", found),
            });
            return Ok(None);
        }
        self.reader.begin_object();
        let mut record = Record {
            at,
            field: field.to_owned(),
            values: Vec::new(),
        };
        let mut first = true;
        while let Some((key, key_at)) = self.reader.next_key(&mut first)? {
            let known = fields.iter().copied().find(|f| *f == key);
            let repeated = known.is_some_and(|f| record.get(f).is_some());
            let Some(known) = known.filter(|_| !repeated) else {
                self.reader.skip()?;
                let mut problem = key_problem(key, key_at, repeated, fields);
                problem.field = Cow::Owned(format!("{field}.{}", problem.field));
                problems.push(problem);
                continue;
            };
            let (value_at, kind) = self.reader.peek()?;
            let value = match kind {
                Kind::String => Scalar::Text(self.reader.string()?),
                Kind::Number => Scalar::Number(self.reader.number()?),
                _ => Scalar::Wrong(self.reader.skip()?),
            };
            record.values.push((value_at, known, value));
        }
        Ok(Some(record))
    }

    /// An array of flat objects (see [`record`](Loader::record)); `None`, with the problem, when
    /// the value is not an array.
    fn records(
        &mut self,
        field: &str,
        fields: &'static [&'static str],
        problems: &mut Vec<FieldProblem>,
    ) -> Read<Option<Vec<Record<'t>>>> {
        let (at, kind) = self.reader.peek()?;
        if kind != Kind::Array {
            let found = self.reader.skip()?;
            problems.push(FieldProblem {
                at,
                field: Cow::Owned(field.to_owned()),
                kind: wrong("an array of objects", found),
            });
            return Ok(None);
        }
        self.reader.begin_array();
        let mut out = Vec::new();
        let mut first = true;
        while self.reader.next_item(&mut first)? {
            let name = format!("{field}[{}]", out.len());
            if let Some(record) = self.record(&name, fields, problems)? {
                out.push(record);
            }
        }
        Ok(Some(out))
    }

    /// A tool's `provenance` object; its problems go to `problems`.
    fn provenance(&mut self, problems: &mut Vec<FieldProblem>) -> Read<(Provenance, Provenance)> {
        let mut out = (Provenance::User, Provenance::User);
        let (at, kind) = self.reader.peek()?;
        if kind != Kind::Object {
            let found = self.reader.skip()?;
            problems.push(FieldProblem {
                at,
                field: Cow::Borrowed("provenance"),
                kind: wrong("an object", found),
            });
            return Ok(out);
        }
        self.reader.begin_object();
        let mut seen: Vec<&str> = Vec::new();
        let mut first = true;
        while let Some((key, key_at)) = self.reader.next_key(&mut first)? {
            let field = Cow::Owned(format!("provenance.{key}"));
            let known = PROVENANCE_FIELDS.iter().copied().find(|f| *f == key);
            let kind = match known {
                Some(f) if seen.contains(&f) => Some(ProblemKind::DuplicateField),
                Some(_) => None,
                None => Some(ProblemKind::UnknownField {
                    suggestion: closest(&key, PROVENANCE_FIELDS),
                }),
            };
            if let Some(kind) = kind {
                self.reader.skip()?;
                problems.push(FieldProblem {
                    at: key_at,
                    field,
                    kind,
                });
                continue;
            }
            let known = known.expect("an unknown field is reported above");
            seen.push(known);
            let (value_at, value) = self.text()?;
            let read = value
                .map_err(|found| wrong("a string", found))
                .and_then(|s| canonical(&s, ProblemKind::Name, Provenance::as_str));
            match read {
                Ok(p) if known == "facts" => out.0 = p,
                Ok(p) => out.1 = p,
                Err(kind) => problems.push(FieldProblem {
                    at: value_at,
                    field,
                    kind,
                }),
            }
        }
        Ok(out)
    }
}

/// The fields of a tool as read, before they are checked.
#[derive(Default)]
struct RawTool<'t> {
    name: Option<Text<'t>>,
    id: Option<Text<'t>>,
    url: Option<Text<'t>>,
    description: Option<Text<'t>>,
    kind: Option<Text<'t>>,
    risks: Option<(usize, Result<Vec<Text<'t>>, String>)>,
    categories: Option<(usize, Result<Vec<Text<'t>>, String>)>,
    packages: Option<(usize, Result<Vec<Text<'t>>, String>)>,
    provenance: Option<(Provenance, Provenance)>,
    role: Option<Text<'t>>,
    upstream: Option<Option<Record<'t>>>,
    mappings: Option<Option<Vec<Record<'t>>>>,
}

/// A value of a flat object (`upstream`, a mapping): a string, a number's text, or what was
/// found instead.
enum Scalar<'t> {
    Text(Cow<'t, str>),
    Number(&'t str),
    Wrong(String),
}

/// A flat object as read: its offset, its name for messages (`mappings[2]`) and each field's
/// offset and value, in the order of the object.
struct Record<'t> {
    at: usize,
    field: String,
    values: Vec<(usize, &'static str, Scalar<'t>)>,
}

impl<'t> Record<'t> {
    fn get(&self, field: &str) -> Option<&(usize, &'static str, Scalar<'t>)> {
        self.values.iter().find(|(_, f, _)| *f == field)
    }
}

/// Checks a tool's fields; returns the tool (when its own fields are valid: `problems` may hold
/// problems found while reading) and its name for messages.
fn check_tool(
    raw: RawTool<'_>,
    object: usize,
    problems: &mut Vec<FieldProblem>,
) -> (Option<Tool>, Option<String>) {
    let display_name = match &raw.name {
        Some((_, Ok(name))) => Some(name.to_string()),
        _ => None,
    };
    let mut report = |at: usize, field: &'static str, kind: ProblemKind| {
        problems.push(FieldProblem {
            at,
            field: Cow::Borrowed(field),
            kind,
        });
    };
    if raw.name.is_none() {
        report(object, "name", ProblemKind::MissingField);
    }
    if raw.risks.is_none() {
        report(object, "risks", ProblemKind::MissingField);
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
    let risks = raw
        .risks
        .and_then(|value| items(value, "risks", "a risk code string", &mut report, add_risk));
    let categories = raw.categories.map_or(Some(Vec::new()), |value| {
        items(
            value,
            "categories",
            "a category string",
            &mut report,
            |name, list: &mut Vec<Category>| {
                let category: Category = canonical(name, ProblemKind::Name, Category::as_str)?;
                if list.contains(&category) {
                    return Err(ProblemKind::Tool(ToolError::DuplicateCategory(category)));
                }
                list.push(category);
                Ok(())
            },
        )
    });
    let packages = raw.packages.map_or(Some(Vec::new()), |value| {
        items(
            value,
            "packages",
            "a package URL string",
            &mut report,
            add_package,
        )
    });
    let kind = match raw.kind {
        None => Some(ToolKind::Tool),
        Some((at, value)) => {
            let read = value
                .map_err(|found| wrong("a string", found))
                .and_then(|s| canonical(&s, ProblemKind::Name, ToolKind::as_str));
            read.map_err(|k| report(at, "kind", k)).ok()
        }
    };
    let (Ok(Some(name)), Some(risks), Some(categories), Some(packages), Some(kind)) =
        (name, risks, categories, packages, kind)
    else {
        return (None, display_name);
    };
    let (Ok(id), Ok(url), Ok(description)) = (id, url, description) else {
        return (None, display_name);
    };
    let role = match &raw.role {
        None => Some(None),
        Some((at, value)) => {
            let read = value
                .as_ref()
                .map_err(|found| wrong("a string", found.clone()))
                .and_then(|s| canonical(s, ProblemKind::Name, Role::as_str));
            read.map_err(|k| report(*at, "role", k)).ok().map(Some)
        }
    };
    let upstream = match raw.upstream {
        None => Some(None),
        Some(None) => None,
        Some(Some(record)) => upstream_of(&record, problems).map(Some),
    };
    let mappings = match raw.mappings {
        None => Some(Vec::new()),
        Some(None) => None,
        Some(Some(records)) => mappings_of(&records, risks, problems),
    };
    let (Some(role), Some(upstream), Some(mappings)) = (role, upstream, mappings) else {
        return (None, display_name);
    };
    let provenance = raw
        .provenance
        .unwrap_or((Provenance::User, Provenance::User));
    let id = id.unwrap_or_else(|| slug(&name));
    let tool = Tool {
        name: Cow::Owned(name),
        id: Cow::Owned(id),
        url: url.map(Cow::Owned),
        description: description.map(Cow::Owned),
        risks,
        kind,
        categories: Cow::Owned(categories),
        packages: Cow::Owned(packages),
        provenance: provenance.0,
        categories_provenance: provenance.1,
        amended: None,
        role,
        upstream,
        mappings: Cow::Owned(mappings),
    };
    (Some(tool), display_name)
}

/// A one-line, non-blank string field of a record; its problem (missing, wrong type, blank,
/// several lines) goes to `problems`.
fn record_text(
    record: &Record<'_>,
    field: &'static str,
    required: bool,
    problems: &mut Vec<FieldProblem>,
) -> Option<Option<String>> {
    let name = |f: &str| Cow::Owned(format!("{}.{f}", record.field));
    let Some((at, _, value)) = record.get(field) else {
        if required {
            problems.push(FieldProblem {
                at: record.at,
                field: name(field),
                kind: ProblemKind::MissingField,
            });
            return None;
        }
        return Some(None);
    };
    let reason = match value {
        Scalar::Text(text) if text.trim().is_empty() => "the value is blank".to_owned(),
        Scalar::Text(text) if text.contains(['\n', '\r', '\u{2028}', '\u{2029}']) => {
            "the value spans more than one line".to_owned()
        }
        Scalar::Text(text) => return Some(Some(text.to_string())),
        Scalar::Number(n) => {
            problems.push(FieldProblem {
                at: *at,
                field: name(field),
                kind: wrong("a string", format!("the number {n}")),
            });
            return None;
        }
        Scalar::Wrong(found) => {
            problems.push(FieldProblem {
                at: *at,
                field: name(field),
                kind: wrong("a string", found.clone()),
            });
            return None;
        }
    };
    problems.push(FieldProblem {
        at: *at,
        field: name(field),
        kind: ProblemKind::Invalid { reason },
    });
    None
}

/// A canonical named value (a risk code, basis, status) of a record.
fn record_named<T: FromStr + Copy>(
    record: &Record<'_>,
    field: &'static str,
    not_known: fn(T::Err) -> ProblemKind,
    as_str: fn(T) -> &'static str,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    let text = record_text(record, field, true, problems)??;
    let at = record.get(field).map_or(record.at, |v| v.0);
    canonical(&text, not_known, as_str)
        .map_err(|kind| {
            problems.push(FieldProblem {
                at,
                field: Cow::Owned(format!("{}.{field}", record.field)),
                kind,
            });
        })
        .ok()
}

/// A tool's `upstream` object.
fn upstream_of(record: &Record<'_>, problems: &mut Vec<FieldProblem>) -> Option<Upstream> {
    let repository = record_text(record, "repository", true, problems);
    let commit = record_text(record, "commit", true, problems);
    let date = record_text(record, "date", false, problems);
    let licence = record_text(record, "licence", false, problems);
    let status = record_named(
        record,
        "status",
        ProblemKind::Name,
        Status::as_str,
        problems,
    );
    Some(Upstream {
        repository: Cow::Owned(repository??),
        commit: Cow::Owned(commit??),
        date: date?.map(Cow::Owned),
        licence: licence?.map(Cow::Owned),
        status: status?,
    })
}

/// A tool's `mappings`: each of a risk the tool lists, with a quote of at most
/// [`MAX_QUOTE_CHARS`] characters and a line from 1.
fn mappings_of(
    records: &[Record<'_>],
    risks: RiskSet,
    problems: &mut Vec<FieldProblem>,
) -> Option<Vec<Mapping>> {
    let mut out = Vec::with_capacity(records.len());
    let mut failed = false;
    for record in records {
        let before = problems.len();
        let risk = record_named(record, "risk", ProblemKind::Risk, Risk::code, problems);
        let basis = record_named(record, "basis", ProblemKind::Name, Basis::as_str, problems);
        let quote = record_text(record, "quote", true, problems);
        let repository = record_text(record, "repository", true, problems);
        let commit = record_text(record, "commit", true, problems);
        let path = record_text(record, "path", true, problems);
        let rationale = record_text(record, "rationale", true, problems);
        let line = match record.get("line") {
            None => {
                problems.push(FieldProblem {
                    at: record.at,
                    field: Cow::Owned(format!("{}.line", record.field)),
                    kind: ProblemKind::MissingField,
                });
                None
            }
            Some((at, _, value)) => {
                let line = match value {
                    Scalar::Number(n) => n.parse::<u32>().ok().filter(|&l| l > 0),
                    _ => None,
                };
                if line.is_none() {
                    let found = match value {
                        Scalar::Number(n) => format!("the number {n}"),
                        Scalar::Text(_) => "a string".to_owned(),
                        Scalar::Wrong(found) => found.clone(),
                    };
                    problems.push(FieldProblem {
                        at: *at,
                        field: Cow::Owned(format!("{}.line", record.field)),
                        kind: wrong("a line number from 1", found),
                    });
                }
                line
            }
        };
        if let (Some(risk), Some((at, _, _))) = (risk, record.get("risk")) {
            if !risks.contains(risk) {
                problems.push(FieldProblem {
                    at: *at,
                    field: Cow::Owned(format!("{}.risk", record.field)),
                    kind: ProblemKind::Invalid {
                        reason: format!(
                            "{risk} is not among the tool's risks ({}): a mapping explains a risk the tool lists",
                            if risks.is_empty() { "none".to_owned() } else { risks.to_string() }
                        ),
                    },
                });
            }
        }
        if let Some(Some(quote)) = &quote {
            if quote.chars().count() > MAX_QUOTE_CHARS {
                problems.push(FieldProblem {
                    at: record.get("quote").map_or(record.at, |v| v.0),
                    field: Cow::Owned(format!("{}.quote", record.field)),
                    kind: ProblemKind::Invalid {
                        reason: format!(
                            "a quote of {} characters: a quote is at most {MAX_QUOTE_CHARS}",
                            quote.chars().count()
                        ),
                    },
                });
            }
        }
        if problems.len() > before {
            failed = true;
            continue;
        }
        let (
            Some(risk),
            Some(basis),
            Some(Some(quote)),
            Some(Some(repository)),
            Some(Some(commit)),
            Some(Some(path)),
            Some(line),
            Some(Some(rationale)),
        ) = (
            risk, basis, quote, repository, commit, path, line, rationale,
        )
        else {
            failed = true;
            continue;
        };
        out.push(Mapping {
            risk,
            basis,
            quote: Cow::Owned(quote),
            repository: Cow::Owned(repository),
            commit: Cow::Owned(commit),
            path: Cow::Owned(path),
            line,
            rationale: Cow::Owned(rationale),
        });
    }
    (!failed).then_some(out)
}

/// The problem of a key an object may not have: given twice, or unknown (with the closest of
/// `fields`).
fn key_problem(
    key: Cow<'_, str>,
    at: usize,
    repeated: bool,
    fields: &[&'static str],
) -> FieldProblem {
    let kind = if repeated {
        ProblemKind::DuplicateField
    } else {
        ProblemKind::UnknownField {
            suggestion: closest(&key, fields.iter().copied()),
        }
    };
    FieldProblem {
        at,
        field: Cow::Owned(key.into_owned()),
        kind,
    }
}

/// A risk code of a `risks` array, canonical and not yet in `set`.
fn add_risk(code: &str, set: &mut RiskSet) -> Result<(), ProblemKind> {
    let risk: Risk = canonical(code, ProblemKind::Risk, Risk::code)?;
    if set.insert(risk) {
        Ok(())
    } else {
        Err(ProblemKind::DuplicateRisk(risk))
    }
}

/// A package URL of a `packages` array, not yet in `list`.
fn add_package(text: &str, list: &mut Vec<Package>) -> Result<(), ProblemKind> {
    let package: Package = text.parse().map_err(ProblemKind::Package)?;
    if list.iter().any(|p| p.same(&package)) {
        return Err(ProblemKind::Tool(ToolError::DuplicatePackage(
            package.to_string(),
        )));
    }
    list.push(package);
    Ok(())
}

/// The value of one field of an amendment: an array, or one string as an array of one.
type Values<'t> = Option<(usize, Result<Vec<Text<'t>>, String>)>;

/// A field read as one string (see [`Loader::amendment`]).
fn one(value: Values<'_>) -> Option<Text<'_>> {
    value.map(|(at, v)| match v {
        Ok(mut list) => list.pop().unwrap_or((at, Err(String::new()))),
        Err(found) => (at, Err(found)),
    })
}

/// Checks an amendment's fields: `tool` is required, and it adds risks or packages.
fn check_amendment<'t>(
    object: usize,
    tool: Values<'t>,
    risks: Values<'t>,
    packages: Values<'t>,
    note: Values<'t>,
    problems: &mut Vec<FieldProblem>,
) -> Option<crate::Amendment> {
    let mut report = |at: usize, field: &'static str, kind: ProblemKind| {
        problems.push(FieldProblem {
            at,
            field: Cow::Borrowed(field),
            kind,
        });
    };
    let tool = match one(tool) {
        None => {
            report(object, "tool", ProblemKind::MissingField);
            None
        }
        Some((_, Ok(name))) if !name.trim().is_empty() => Some(name.into_owned()),
        Some((at, Ok(_))) => {
            report(at, "tool", ProblemKind::Tool(ToolError::EmptyName));
            None
        }
        Some((at, Err(found))) => {
            report(at, "tool", wrong("a tool name or id", found));
            None
        }
    };
    let note = match one(note) {
        None => Ok(None),
        Some((at, Ok(text))) => crate::registry::amend::check_note(text.into_owned())
            .map(Some)
            .map_err(|e| report(at, "note", ProblemKind::Tool(e))),
        Some((at, Err(found))) => {
            report(at, "note", wrong("a string", found));
            Err(())
        }
    };
    let given = risks.is_some() || packages.is_some();
    let risks = risks.map_or(Some(RiskSet::EMPTY), |value| {
        items(value, "risks", "a risk code string", &mut report, add_risk)
    });
    let packages = packages.map_or(Some(Vec::new()), |value| {
        items(
            value,
            "packages",
            "a package URL string",
            &mut report,
            add_package,
        )
    });
    let (Some(tool), Ok(note), Some(risks), Some(packages)) = (tool, note, risks, packages) else {
        return None;
    };
    if risks.is_empty() && packages.is_empty() {
        let field = if given { "risks" } else { "" };
        report(object, field, ProblemKind::EmptyAmendment);
        return None;
    }
    Some(crate::Amendment::checked(tool, risks, packages, note))
}

/// A string field, checked: `Ok(None)` when absent, `Err` when reported.
fn checked(
    value: Option<Text<'_>>,
    field: &'static str,
    check: fn(String) -> Result<String, ToolError>,
    report: &mut impl FnMut(usize, &'static str, ProblemKind),
) -> Result<Option<String>, ()> {
    let Some((at, value)) = value else {
        return Ok(None);
    };
    let kind = match value {
        Ok(s) => match check(s.into_owned()) {
            Ok(s) => return Ok(Some(s)),
            Err(e) => ProblemKind::Tool(e),
        },
        Err(found) => wrong("a string", found),
    };
    report(at, field, kind);
    Err(())
}

/// The items of a `risks` or `categories` array, each added to `T` by `add`; every item that is
/// not a string, not known, not canonical, or repeated is reported at its place.
fn items<T: Default>(
    (at, value): (usize, Result<Vec<Text<'_>>, String>),
    field: &'static str,
    expected: &'static str,
    report: &mut impl FnMut(usize, &'static str, ProblemKind),
    mut add: impl FnMut(&str, &mut T) -> Result<(), ProblemKind>,
) -> Option<T> {
    let items = match value {
        Ok(items) => items,
        Err(found) => {
            report(at, field, wrong("an array", found));
            return None;
        }
    };
    let mut out = T::default();
    let mut good = true;
    for (at, item) in items {
        let result = match item {
            Ok(text) => add(&text, &mut out),
            Err(found) => Err(wrong(expected, found)),
        };
        if let Err(kind) = result {
            report(at, field, kind);
            good = false;
        }
    }
    good.then_some(out)
}

/// Parses `text` and requires the canonical form: registry files are read the same way by every
/// JSON Schema validator, so a code or name is accepted only as the schema spells it.
fn canonical<T: FromStr + Copy>(
    text: &str,
    not_known: fn(T::Err) -> ProblemKind,
    canonical: fn(T) -> &'static str,
) -> Result<T, ProblemKind> {
    let value: T = text.parse().map_err(not_known)?;
    match canonical(value) {
        c if c == text => Ok(value),
        c => Err(ProblemKind::NotCanonical {
            found: text.to_owned(),
            canonical: c,
        }),
    }
}

fn wrong(expected: &'static str, found: String) -> ProblemKind {
    ProblemKind::WrongType { expected, found }
}

/// The plain-words error for an empty document and one that does not start like JSON, where
/// the parser would say "EOF while parsing a value" or "expected ident".
fn not_a_document(text: &str) -> Option<RegistryError> {
    let body = text.trim_start();
    let Some(first) = body.chars().next() else {
        let Location { line, column } = location_of(text.as_bytes(), text.len());
        return Some(RegistryError::at(
            ProblemKind::Syntax {
                message: format!("the document is empty: expected {A_DOCUMENT}"),
                line,
                column,
            },
            line,
            column,
        ));
    };
    let literal = ["true", "false", "null"]
        .iter()
        .any(|w| body.starts_with(w));
    if literal || matches!(first, '{' | '[' | '"' | '-' | '0'..='9') {
        return None;
    }
    let word: String = body
        .split(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .chars()
        .take(20)
        .collect();
    let Location { line, column } = location_of(text.as_bytes(), text.len() - body.len());
    Some(RegistryError::at(
        ProblemKind::Syntax {
            message: format!("not JSON: expected {A_DOCUMENT}, found {word:?}"),
            line,
            column,
        },
        line,
        column,
    ))
}

/// The error for text that is not JSON: serde_json's message and position. The reader stopped
/// at `at`; serde_json, which accepts the same JSON, says why.
fn judge(text: &str, at: usize) -> RegistryError {
    let error = serde_json::from_str::<IgnoredAny>(text)
        .err()
        .or_else(|| serde_json::from_str::<Value>(text).err());
    match error {
        Some(e) => {
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(cut) => message[..cut].to_owned(),
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
        // The two parsers disagree: say where the reader stopped.
        None => {
            let Location { line, column } = location_of(text.as_bytes(), at);
            RegistryError::at(
                ProblemKind::Syntax {
                    message: "invalid JSON".to_owned(),
                    line,
                    column,
                },
                line,
                column,
            )
        }
    }
}

/// Reads a registry document through [`Registry::from_json`]'s checks: every problem is in the
/// error, each naming the tool, the field and the value (an unknown risk code with the closest
/// one). The positions are those of the deserializer around the value, not inside it.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let reg: Registry = serde_json::from_str(r#"{"tools": [{"name": "A", "risks": ["R1-Security"]}]}"#)?;
/// assert_eq!(reg.len(), 1);
/// let err = serde_json::from_str::<Registry>(r#"{"tools": [{"name": "A", "risks": ["R1-Secrity"]}]}"#)
///     .unwrap_err();
/// assert!(err.to_string().starts_with(r#"tool 0 ("A"), field "risks": "R1-Secrity": unknown domain"#));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Registry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Registry::from_json(&value.to_string()).map_err(|e| serde::de::Error::custom(unlocated(&e)))
    }
}

/// Reads one tool as a registry file writes it, with the checks of [`Registry::from_json`].
///
/// ```
/// use mlsecops_taxonomy::Tool;
/// let tool: Tool = serde_json::from_str(r#"{"name": "Image Scanner", "risks": ["R14-Security"]}"#)?;
/// assert_eq!(tool.id(), "image-scanner");
/// assert_eq!(serde_json::from_str::<Tool>(&serde_json::to_string(&tool)?)?, tool);
/// let err = serde_json::from_str::<Tool>(r#"{"name": "A", "risks": [], "url": "ftp://a"}"#).unwrap_err();
/// assert!(err.to_string().starts_with(r#"field "url": the URL "ftp://a" is not an http:// or https:// URL"#));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Tool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let document = serde_json::json!({ "tools": [value] });
        match Registry::from_json(&document.to_string()) {
            Ok(registry) => registry
                .tools
                .into_iter()
                .next()
                .ok_or_else(|| serde::de::Error::custom("expected a tool")),
            Err(mut e) => {
                for p in &mut e.problems {
                    p.index = None;
                    p.name = None;
                }
                Err(serde::de::Error::custom(unlocated(&e)))
            }
        }
    }
}

/// The problems without their positions, which are those of a re-written text.
fn unlocated(error: &RegistryError) -> String {
    let problems: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
    problems.join("; ")
}
