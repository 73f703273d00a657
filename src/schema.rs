//! JSON Schemas (draft 2020-12) of the crate's documents, the taxonomy document itself, and
//! [`schemars::JsonSchema`] for the crate's types (feature `schema`).
//!
//! Three documents, each with a schema that names its `$id`, title, description and the
//! [`DATA_VERSION`]:
//!
//! | document | schema | produced by |
//! |---|---|---|
//! | taxonomy: layers, phases, risks with their crosswalk, frameworks and editions, built-in tools | [`taxonomy_schema`] | [`taxonomy_document`] |
//! | registry file | [`registry_schema`] | [`Registry::to_json`](crate::Registry::to_json), read by [`Registry::from_json`](crate::Registry::from_json) |
//! | coverage report | [`coverage_schema`] | [`CoverageReport::to_json`](crate::CoverageReport::to_json) |
//!
//! [`files`] gives all four files (`taxonomy.json` and the three schemas) as bytes, the same on
//! every run, and [`write_files`] writes them into a directory.
//!
//! Closed sets (risk codes, phases, layers, categories) are `oneOf` lists of `const` values, each
//! with a `title` (the Rust variant name, `DataPoisoning`) and a `description` (the source's name
//! and description), because that is the form code generators keep:
//! `datamodel-code-generator` turns it into a Python `Enum` with one docstring per member, and
//! `json-schema-to-typescript` into one documented literal type per value, where a plain `enum`
//! keeps neither names nor descriptions in TypeScript.
//!
//! ```
//! use mlsecops_taxonomy::schema;
//!
//! let schema = schema::registry_schema();
//! assert_eq!(schema.get("$schema").and_then(|v| v.as_str()),
//!     Some("https://json-schema.org/draft/2020-12/schema"));
//! let risk = &schema.get("$defs").unwrap()["Risk"]["oneOf"][0];
//! assert_eq!(risk["const"], "R1-Security");
//! assert_eq!(risk["title"], "DataPoisoning");
//!
//! let doc = schema::taxonomy_document();
//! assert_eq!(doc["risks"].as_array().map(Vec::len), Some(34));
//! ```
//!
//! # What the registry schema cannot say
//! JSON Schema has no way to compare one array item with another, so two rules of
//! [`Registry::from_json`](crate::Registry::from_json) are the loader's alone: two tools whose
//! ids are the same after normalisation (`"Garak"` and `"garak"`) are rejected by the loader,
//! while the schema only rejects two identical tool objects (`uniqueItems`); and a name must
//! contain a letter or digit, which the schema checks exactly for ASCII and approximates for
//! other scripts (any non-space character from U+00AA on counts, so `"★"` passes the schema
//! and fails the loader). Ids follow the same approximation. Every other rule is the same on
//! both sides; `tests/corpus/registry` holds documents that show it.

use std::borrow::Cow;
use std::fmt::Debug;
use std::io;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use crate::coverage::{Counts, Coverage, CoverageGap, GapEntry, MinimalCover};
use crate::crosswalk::{Crosswalk, ExternalId, Framework, Link, Strength};
use crate::document::canonical_text;
use crate::lifecycle::{Layer, Phase, PhaseKind};
use crate::registry::Problem;
use crate::registry::Registry;
use crate::registry::save::tool_value;
use crate::report::CoverageReport;
use crate::requirement::Requirement;
use crate::risk::{Domain, Risk};
use crate::risk_set::RiskSet;
use crate::tool::Tool;
use crate::tool::{Category, Provenance, ToolKind};

/// The version of the taxonomy data: the crate root's [`DATA_VERSION`](crate::DATA_VERSION).
pub const DATA_VERSION: &str = crate::DATA_VERSION;

/// The names of the files [`files`] returns, in order.
pub const FILE_NAMES: [&str; 4] = [
    "taxonomy.json",
    "taxonomy.schema.json",
    "registry.schema.json",
    "coverage.schema.json",
];

// The patterns of the registry's string fields. Each is the loader's rule written for every
// regular-expression dialect JSON Schema validators use (ECMA-262, Python `re`, Rust `regex`):
// explicit code-point ranges instead of `\s` or `\p{..}`, whose meaning differs between them.
// White space and control characters as Rust's `char::is_whitespace`/`is_control` define them.
const SPACE_OR_CONTROL: &str =
    r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
// A character that makes a name or id non-empty: an ASCII letter or digit, `&` (read as "and"),
// or any character from U+00AA on that is not white space.
const WORD_CHAR: &str = r"0-9A-Za-z&\u00aa-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\uffff";
const ID_CHAR: &str = r"0-9a-z\u00aa-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\uffff";

fn name_pattern() -> String {
    format!(r"^[^\n\r]*[{WORD_CHAR}][^\n\r]*$")
}

fn id_pattern() -> String {
    format!(r"^[{ID_CHAR}]+(-[{ID_CHAR}]+)*$")
}

fn url_pattern() -> String {
    format!(r"^https?://[^{SPACE_OR_CONTROL}]+$")
}

fn description_pattern() -> String {
    let line = r"[^\n\r\u2028\u2029]*";
    format!(r"^{line}[^{SPACE_OR_CONTROL}]{line}$")
}

/// The Rust name of a unit variant (its derived `Debug` form), used as the `title` of its value.
fn ident(value: impl Debug) -> String {
    format!("{value:?}")
}

/// A closed set of strings, each with a title and a description that code generators keep.
fn titled_values(
    description: &str,
    values: impl Iterator<Item = (&'static str, String, String)>,
) -> Schema {
    let one_of: Vec<Value> = values
        .map(|(value, title, description)| {
            json!({ "const": value, "title": title, "description": description })
        })
        .collect();
    schema(json!({ "description": description, "oneOf": one_of }))
}

/// A closed set of short strings without descriptions of their own.
fn plain_values(description: &str, values: impl Iterator<Item = &'static str>) -> Schema {
    schema(json!({
        "description": description,
        "type": "string",
        "enum": values.collect::<Vec<_>>(),
    }))
}

fn schema(value: Value) -> Schema {
    // Every caller passes an object literal, which always converts.
    Schema::try_from(value).unwrap_or_default()
}

/// Implements `JsonSchema` with a fixed name and a schema from `$body`.
macro_rules! impl_schema {
    ($ty:ty, $name:literal, |$g:ident| $body:expr) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn schema_id() -> Cow<'static, str> {
                Cow::Borrowed(concat!("mlsecops_taxonomy::", $name))
            }
            fn json_schema($g: &mut SchemaGenerator) -> Schema {
                $body
            }
        }
    };
}

impl_schema!(Risk, "Risk", |_g| titled_values(
    "A risk code of the MLSecOps taxonomy: R1-Security to R23-Security, R1-Privacy to R11-Privacy.",
    Risk::ALL.into_iter().map(|r| {
        let title = match r {
            Risk::Security(s) => ident(s),
            Risk::Privacy(p) => ident(p),
        };
        (
            r.code(),
            title,
            format!("{}: {}", r.name(), r.description()),
        )
    }),
));

impl_schema!(RiskSet, "RiskSet", |g| schema(json!({
    "description": "A set of risk codes, each at most once; written in canonical order.",
    "type": "array",
    "items": g.subschema_for::<Risk>(),
    "uniqueItems": true,
})));

impl_schema!(Layer, "Layer", |_g| titled_values(
    "A layer of an ML system.",
    Layer::ALL.into_iter().map(|l| {
        let phases: Vec<&str> = l.phases().iter().map(|p| p.name()).collect();
        (
            l.as_str(),
            ident(l),
            format!("{} layer: {}.", l.name(), phases.join(", ")),
        )
    }),
));

impl_schema!(Phase, "Phase", |_g| titled_values(
    "A phase of the MLSecOps lifecycle.",
    Phase::ALL.into_iter().map(|p| {
        (
            p.as_str(),
            ident(p),
            format!(
                "{} ({}, {} layer): {}",
                p.name(),
                p.kind().name(),
                p.layer().name(),
                p.description()
            ),
        )
    }),
));

impl_schema!(PhaseKind, "PhaseKind", |_g| plain_values(
    "Whether a phase handles artifacts at rest (static), in motion (dynamic) or both.",
    PhaseKind::ALL.into_iter().map(PhaseKind::as_str),
));

impl_schema!(Domain, "Domain", |_g| plain_values(
    "The domain of a risk: security or privacy.",
    Domain::ALL.into_iter().map(Domain::as_str),
));

impl_schema!(Category, "Category", |_g| titled_values(
    "A section of the Awesome AI Security list.",
    Category::ALL
        .into_iter()
        .map(|c| (c.as_str(), ident(c), c.name().to_owned())),
));

impl_schema!(ToolKind, "ToolKind", |_g| plain_values(
    "A tool or library, or a vendor (a company selling security products).",
    ToolKind::ALL.into_iter().map(ToolKind::as_str),
));

impl_schema!(Provenance, "Provenance", |_g| plain_values(
    "Where a fact comes from: the source list, this crate's curators, or the user.",
    Provenance::ALL.into_iter().map(Provenance::as_str),
));

impl_schema!(Requirement, "Requirement", |g| schema(json!({
    "description": "A coverage requirement: all, a domain, a layer, a phase or a risk code.",
    "oneOf": [
        { "const": "all", "title": "All", "description": "Every risk." },
        g.subschema_for::<Domain>(),
        g.subschema_for::<Layer>(),
        g.subschema_for::<Phase>(),
        g.subschema_for::<Risk>(),
    ],
})));

impl_schema!(Framework, "Framework", |_g| titled_values(
    "A framework the crosswalk links to, pinned to one version or edition.",
    Framework::ALL.into_iter().map(|f| {
        (
            f.as_str(),
            ident(f),
            format!("{} {}", f.name(), f.edition()),
        )
    }),
));

impl_schema!(Strength, "Strength", |_g| {
    titled_values(
    "How sure a crosswalk link is.",
    [
        (
            Strength::Primary,
            "The risk and the external item name the same attack, or OWASP cites the ATLAS id for it.",
        ),
        (
            Strength::Supporting,
            "Related: one covers part of the other.",
        ),
    ]
    .into_iter()
    .map(|(s, d)| (s.as_str(), ident(s), d.to_owned())),
)
});

impl_schema!(ExternalId, "ExternalId", |_g| schema(json!({
    "description": "An identifier in a crosswalk framework: an ATLAS id (AML.T0024.002), an OWASP LLM \
                    Top 10 2025 item (LLM01:2025) or an OWASP ML Top 10 2023 item (ML05:2023).",
    "type": "string",
    "pattern": r"^(AML\.(TA[0-9]{4}|M[0-9]{4}|T[0-9]{4}(\.[0-9]{3})?)|LLM(0[1-9]|10):2025|ML(0[1-9]|10):2023)$",
})));

impl_schema!(Link, "LinkEntry", |g| object(
    &["framework", "id", "title", "strength", "note"],
    json!({
        "framework": g.subschema_for::<Framework>(),
        "id": g.subschema_for::<ExternalId>(),
        "title": { "description": "The id's title in the framework's version or edition.", "type": "string" },
        "strength": g.subschema_for::<Strength>(),
        "note": { "description": "Why the link holds.", "type": "string" },
    }),
));

impl_schema!(Crosswalk, "Crosswalk", |g| schema(json!({
    "description": "A risk's links to ATLAS and OWASP, or \"no_mapping\" when it has none (looked at, none defensible).",
    "oneOf": [
        { "const": "no_mapping", "title": "NoMapping", "description": "No defensible link exists." },
        { "type": "array", "minItems": 1, "items": g.subschema_for::<Link>() },
    ],
})));

/// A framework and its edition in the taxonomy document.
struct FrameworkEntry;
impl_schema!(FrameworkEntry, "FrameworkEntry", |g| object(
    &["id", "name", "edition"],
    json!({
        "id": g.subschema_for::<Framework>(),
        "name": { "type": "string" },
        "edition": { "description": "The version (ATLAS) or edition (OWASP) of the ids and titles.", "type": "string" },
    }),
));

impl_schema!(Tool, "Tool", |g| schema(json!({
    "description": "A security tool or vendor and the risks it covers.",
    "type": "object",
    "additionalProperties": false,
    "required": ["name", "risks"],
    "properties": {
        "name": {
            "description": "The tool's name, on one line, with at least one letter or digit.",
            "type": "string",
            "pattern": name_pattern(),
        },
        "id": {
            "description": "Lowercase words joined by '-'; by default the name's slug.",
            "type": "string",
            "pattern": id_pattern(),
        },
        "url": {
            "description": "An http:// or https:// address, without spaces.",
            "type": "string",
            "pattern": url_pattern(),
        },
        "description": {
            "description": "One line of text that is not blank.",
            "type": "string",
            "pattern": description_pattern(),
        },
        "risks": g.subschema_for::<RiskSet>(),
        "kind": g.subschema_for::<ToolKind>(),
        "categories": {
            "description": "The sections of the Awesome AI Security list the tool belongs to.",
            "type": "array",
            "items": g.subschema_for::<Category>(),
            "uniqueItems": true,
        },
        "provenance": g.subschema_for::<ToolProvenance>(),
    },
})));

/// The `provenance` object of a tool.
struct ToolProvenance;

impl_schema!(ToolProvenance, "ToolProvenance", |g| schema(json!({
    "description": "Where the tool's facts and its categories come from (both \"user\" when absent).",
    "type": "object",
    "additionalProperties": false,
    "properties": {
        "facts": g.subschema_for::<Provenance>(),
        "categories": g.subschema_for::<Provenance>(),
    },
})));

impl_schema!(Registry, "Registry", |g| schema(json!({
    "type": "object",
    "additionalProperties": false,
    "required": ["tools"],
    "properties": {
        "$schema": {
            "description": "The schema the document follows, for editors; any string.",
            "type": "string",
        },
        "tools": {
            "description": "The tools, each once.",
            "type": "array",
            "items": g.subschema_for::<Tool>(),
            "uniqueItems": true,
        },
    },
})));

fn data_version() -> Value {
    json!({
        "description": "The version of the taxonomy data the document was made from.",
        "type": "string",
        "const": DATA_VERSION,
    })
}

/// A set of risk codes: a plain reference, so that code generators make one type of it.
fn codes(g: &mut SchemaGenerator) -> Value {
    g.subschema_for::<RiskSet>().to_value()
}

fn object(required: &[&str], properties: Value) -> Schema {
    schema(json!({
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    }))
}

struct LayerEntry;
impl_schema!(LayerEntry, "LayerEntry", |g| object(
    &["id", "name", "phases", "risks"],
    json!({
        "id": g.subschema_for::<Layer>(),
        "name": { "type": "string" },
        "phases": { "type": "array", "items": g.subschema_for::<Phase>() },
        "risks": codes(g),
    }),
));

struct PhaseEntry;
impl_schema!(PhaseEntry, "PhaseEntry", |g| object(
    &["id", "name", "kind", "layer", "description", "risks"],
    json!({
        "id": g.subschema_for::<Phase>(),
        "name": { "type": "string" },
        "kind": g.subschema_for::<PhaseKind>(),
        "layer": g.subschema_for::<Layer>(),
        "description": { "type": "string" },
        "risks": codes(g),
    }),
));

struct RiskEntry;
impl_schema!(RiskEntry, "RiskEntry", |g| object(
    &[
        "code",
        "domain",
        "number",
        "name",
        "description",
        "phase",
        "layer",
        "crosswalk",
    ],
    json!({
        "crosswalk": g.subschema_for::<Crosswalk>(),
        "code": g.subschema_for::<Risk>(),
        "domain": g.subschema_for::<Domain>(),
        "number": { "type": "integer", "minimum": 1 },
        "name": { "type": "string" },
        "description": { "type": "string" },
        "phase": g.subschema_for::<Phase>(),
        "layer": g.subschema_for::<Layer>(),
    }),
));

struct TaxonomyDocument;
impl_schema!(TaxonomyDocument, "Taxonomy", |g| object(
    &[
        "data_version",
        "frameworks",
        "layers",
        "phases",
        "risks",
        "tools"
    ],
    json!({
        "data_version": data_version(),
        "frameworks": {
            "description": "The frameworks of the crosswalk, with the editions its ids and titles are from.",
            "type": "array",
            "items": g.subschema_for::<FrameworkEntry>(),
        },
        "layers": { "type": "array", "items": g.subschema_for::<LayerEntry>() },
        "phases": { "type": "array", "items": g.subschema_for::<PhaseEntry>() },
        "risks": { "type": "array", "items": g.subschema_for::<RiskEntry>() },
        "tools": {
            "description": "The built-in registry's tools, as a registry file writes them.",
            "type": "array",
            "items": g.subschema_for::<Tool>(),
        },
    }),
));

fn counts(g: &mut SchemaGenerator, key: &str, id: Value) -> Schema {
    let mut required = vec!["covered", "total", "uncovered"];
    let mut properties = json!({
        "covered": { "description": "Risks covered.", "type": "integer", "minimum": 0 },
        "total": { "description": "Risks in all.", "type": "integer", "minimum": 0 },
        "uncovered": codes(g),
    });
    if let Some(p) = properties.as_object_mut() {
        p.insert(key.to_owned(), id);
        required.insert(0, key);
    }
    object(&required, properties)
}

struct LayerCoverage;
impl_schema!(LayerCoverage, "LayerCoverage", |g| {
    let id = g.subschema_for::<Layer>().to_value();
    counts(g, "layer", id)
});

struct PhaseCoverage;
impl_schema!(PhaseCoverage, "PhaseCoverage", |g| {
    let id = g.subschema_for::<Phase>().to_value();
    counts(g, "phase", id)
});

fn tool_names(what: &str) -> Value {
    json!({ "description": what, "type": "array", "items": { "type": "string" } })
}

struct RiskCoverage;
impl_schema!(RiskCoverage, "RiskCoverage", |g| object(
    &["risk", "covered", "tools", "available"],
    json!({
        "risk": g.subschema_for::<Risk>(),
        "covered": { "type": "boolean" },
        "tools": tool_names("The tools asked about that cover the risk."),
        "available": tool_names("Every tool of the registry that covers the risk; empty when none does."),
    }),
));

impl_schema!(GapEntry, "Gap", |g| object(
    &["risk", "tools"],
    json!({
        "risk": g.subschema_for::<Risk>(),
        "tools": tool_names("The registry's tools that would cover the risk (any one of them closes the gap); empty when none does."),
    }),
));

struct RequirementCheck;
impl_schema!(RequirementCheck, "RequirementCheck", |g| object(
    &["requirement", "met", "missing", "gaps"],
    json!({
        "requirement": g.subschema_for::<Requirement>(),
        "met": { "type": "boolean" },
        "missing": codes(g),
        "gaps": { "type": "array", "items": g.subschema_for::<GapEntry>() },
    }),
));

impl_schema!(CoverageReport<'_>, "CoverageReport", |g| object(
    &[
        "data_version",
        "tools",
        "covered",
        "uncovered",
        "total",
        "layers",
        "phases",
        "risks",
        "requirements",
        "met",
    ],
    json!({
        "data_version": data_version(),
        "tools": tool_names("The names of the tools asked about, in the order asked."),
        "covered": codes(g),
        "uncovered": codes(g),
        "total": g.subschema_for::<Counts>(),
        "layers": { "type": "array", "items": g.subschema_for::<LayerCoverage>() },
        "phases": { "type": "array", "items": g.subschema_for::<PhaseCoverage>() },
        "risks": { "type": "array", "items": g.subschema_for::<RiskCoverage>() },
        "requirements": { "type": "array", "items": g.subschema_for::<RequirementCheck>() },
        "met": { "description": "Whether every requirement is met.", "type": "boolean" },
    }),
));

impl_schema!(Counts, "Counts", |_g| object(
    &["covered", "total"],
    json!({
        "covered": { "description": "Risks covered.", "type": "integer", "minimum": 0 },
        "total": { "description": "Risks in all.", "type": "integer", "minimum": 0 },
    }),
));

impl_schema!(Coverage<'_>, "CoverageReport", |g| {
    CoverageReport::json_schema(g)
});

impl_schema!(CoverageGap, "CoverageGap", |g| object(
    &["missing", "gaps"],
    json!({
        "missing": codes(g),
        "gaps": { "type": "array", "items": g.subschema_for::<GapEntry>() },
    }),
));

impl_schema!(MinimalCover<'_>, "MinimalCover", |g| object(
    &[
        "tools",
        "required",
        "covered",
        "uncoverable",
        "proven_minimal"
    ],
    json!({
        "tools": tool_names("The chosen tools, in registry order."),
        "required": codes(g),
        "covered": codes(g),
        "uncoverable": codes(g),
        "proven_minimal": { "description": "Whether no smaller set of tools exists (false when the search ran out of work).", "type": "boolean" },
    }),
));

impl_schema!(Problem, "Problem", |_g| object(
    &["line", "column", "tool", "name", "field", "message"],
    json!({
        "line": { "description": "Line, from 1; null when the input could not be read.", "type": ["integer", "null"], "minimum": 1 },
        "column": { "description": "Column, from 1, in characters; null when the input could not be read.", "type": ["integer", "null"], "minimum": 1 },
        "tool": { "description": "The tool's position in the tools array, from 0.", "type": ["integer", "null"], "minimum": 0 },
        "name": { "description": "The tool's name, when it has a readable one.", "type": ["string", "null"] },
        "field": { "description": "The field, such as \"risks\" or \"provenance.facts\".", "type": ["string", "null"] },
        "message": { "description": "What is wrong.", "type": "string" },
    }),
));

/// A root schema for `T` with its `$id`, title, description and data version.
fn root<T: JsonSchema>(file: &str, title: &str, description: &str) -> Schema {
    let mut s = SchemaGenerator::new(SchemaSettings::draft2020_12()).into_root_schema_for::<T>();
    let o = s.ensure_object();
    o.insert(
        "$id".into(),
        format!("urn:mlsecops-taxonomy:{DATA_VERSION}:{file}").into(),
    );
    o.insert("title".into(), title.into());
    o.insert(
        "description".into(),
        format!("{description} Data version {DATA_VERSION}.").into(),
    );
    o.insert(
        "$comment".into(),
        format!("mlsecops-taxonomy data version {DATA_VERSION}").into(),
    );
    s
}

/// The schema of [`taxonomy_document`]: layers, phases, risks and the built-in tools.
///
/// ```
/// let s = mlsecops_taxonomy::schema::taxonomy_schema();
/// assert_eq!(s.get("title").and_then(|t| t.as_str()), Some("MLSecOps Taxonomy"));
/// ```
pub fn taxonomy_schema() -> Schema {
    root::<TaxonomyDocument>(
        "taxonomy.schema.json",
        "MLSecOps Taxonomy",
        "The MLSecOps risk taxonomy: three layers, nine phases, 34 risks with the name, \
         description and phase the Awesome-MLSecOps list gives them, and the built-in tools.",
    )
}

/// The schema of registry files, as [`Registry::from_json`] reads them and
/// [`Registry::to_json`] writes them.
///
/// ```
/// let s = mlsecops_taxonomy::schema::registry_schema();
/// assert_eq!(s.get("required"), Some(&serde_json::json!(["tools"])));
/// ```
pub fn registry_schema() -> Schema {
    root::<Registry>(
        "registry.schema.json",
        "MLSecOps Registry",
        "A registry of security tools and the MLSecOps risks each covers, as \
         mlsecops-taxonomy reads it with Registry::from_json.",
    )
}

/// The schema of coverage reports, as
/// [`CoverageReport::to_json`](crate::CoverageReport::to_json) writes them.
///
/// ```
/// let s = mlsecops_taxonomy::schema::coverage_schema();
/// assert!(s.get("$defs").unwrap().get("RequirementCheck").is_some());
/// ```
pub fn coverage_schema() -> Schema {
    root::<CoverageReport<'static>>(
        "coverage.schema.json",
        "MLSecOps Coverage Report",
        "What a set of tools covers of the MLSecOps risks and leaves open, by layer, phase and \
         risk, and whether each requirement holds.",
    )
}

/// The whole taxonomy as one JSON document, for programs in any language: the crosswalk's
/// frameworks with their editions, layers, phases, risks (code, domain, number, name,
/// description, phase, layer, and crosswalk: its links or `"no_mapping"`) and the built-in tools.
///
/// ```
/// let doc = mlsecops_taxonomy::schema::taxonomy_document();
/// assert_eq!(doc["risks"][16]["code"], "R17-Security");
/// assert_eq!(doc["risks"][16]["name"], "API Abuse & Injection");
/// assert_eq!(doc["phases"][5]["kind"], "static_and_dynamic");
/// assert_eq!(doc["tools"].as_array().map(Vec::len), Some(41));
/// assert_eq!(doc["risks"][11]["crosswalk"], "no_mapping");
/// assert_eq!(doc["risks"][27]["crosswalk"][0]["id"], "AML.T0024.000");
/// assert_eq!(doc["frameworks"][1]["edition"], "2025");
/// ```
pub fn taxonomy_document() -> Value {
    let layers: Vec<Value> = Layer::ALL
        .into_iter()
        .map(|l| {
            json!({
                "id": l,
                "name": l.name(),
                "phases": l.phases(),
                "risks": l.risks(),
            })
        })
        .collect();
    let phases: Vec<Value> = Phase::ALL
        .into_iter()
        .map(|p| {
            json!({
                "id": p,
                "name": p.name(),
                "kind": p.kind(),
                "layer": p.layer(),
                "description": p.description(),
                "risks": p.risks(),
            })
        })
        .collect();
    let risks: Vec<Value> = Risk::ALL
        .into_iter()
        .map(|r| {
            json!({
                "code": r,
                "domain": r.domain(),
                "number": r.number(),
                "name": r.name(),
                "description": r.description(),
                "phase": r.phase(),
                "layer": r.layer(),
                "crosswalk": crosswalk_value(r.crosswalk()),
            })
        })
        .collect();
    let tools: Vec<Value> = Registry::builtin().tools().map(tool_value).collect();
    let frameworks: Vec<Value> = Framework::ALL
        .into_iter()
        .map(|f| json!({ "id": f, "name": f.name(), "edition": f.edition() }))
        .collect();
    json!({
        "data_version": DATA_VERSION,
        "frameworks": frameworks,
        "layers": layers,
        "phases": phases,
        "risks": risks,
        "tools": tools,
    })
}

fn crosswalk_value(crosswalk: Crosswalk) -> Value {
    match crosswalk {
        Crosswalk::NoMapping => json!("no_mapping"),
        Crosswalk::Mapped(links) => links
            .iter()
            .map(|l| {
                json!({
                    "framework": l.target().framework(),
                    "id": l.target(),
                    "title": l.target().title(),
                    "strength": l.strength(),
                    "note": l.note(),
                })
            })
            .collect(),
    }
}

/// A JSON value as the crate writes files: keys sorted at every level (whatever serde_json
/// features are enabled), two-space indentation, a final newline.
pub fn to_canonical_json(value: &Value) -> String {
    canonical_text(value.clone())
}

/// The four files of the export, named as in [`FILE_NAMES`]: `taxonomy.json` and the schemas
/// of the taxonomy, registry and coverage documents, each in canonical form.
///
/// ```
/// let files = mlsecops_taxonomy::schema::files();
/// assert!(files[0].1.ends_with("}\n"));
/// assert_eq!(files.map(|(name, _)| name), mlsecops_taxonomy::schema::FILE_NAMES);
/// ```
pub fn files() -> [(&'static str, String); 4] {
    let [a, b, c, d] = FILE_NAMES;
    [
        (a, to_canonical_json(&taxonomy_document())),
        (b, to_canonical_json(taxonomy_schema().as_value())),
        (c, to_canonical_json(registry_schema().as_value())),
        (d, to_canonical_json(coverage_schema().as_value())),
    ]
}

/// Writes [`files`] into `dir`, creating it (and its parents) when missing; returns the paths
/// written.
///
/// # Errors
/// The directory cannot be created or a file cannot be written; the error names the path.
pub fn write_files(dir: impl AsRef<Path>) -> io::Result<Vec<PathBuf>> {
    let dir = dir.as_ref();
    let named =
        |e: io::Error, path: &Path| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    std::fs::create_dir_all(dir).map_err(|e| named(e, dir))?;
    let mut written = Vec::new();
    for (name, text) in files() {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| named(e, &path))?;
        written.push(path);
    }
    Ok(written)
}
