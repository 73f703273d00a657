//! JSON Schemas (draft 2020-12) of the crate's documents, the taxonomy document itself, and
//! [`schemars::JsonSchema`] for the crate's types (feature `schema`).
//!
//! Five documents, each with a schema that names its `$id`, title, description and the
//! [`DATA_VERSION`]:
//!
//! | document | schema | produced by |
//! |---|---|---|
//! | taxonomy: layers, phases, risks with their crosswalk, frameworks and editions, built-in tools | [`taxonomy_schema`] | [`taxonomy_document`], [`taxonomy_json`] |
//! | registry file | [`registry_schema`] | [`Registry::to_json`](crate::Registry::to_json), read by [`Registry::from_json`](crate::Registry::from_json) |
//! | coverage report | [`coverage_schema`] | [`CoverageReport::to_json`](crate::CoverageReport::to_json) |
//! | verdict on a registry file | [`validation_schema`] | [`Validation::to_json`](crate::Validation::to_json) |
//! | findings of the contribution rules | [`lint_schema`] | `list::LintReport::to_json` (feature `markdown`) |
//!
//! Each document is a type that derives `Serialize` and `JsonSchema` together, so the document
//! and its schema cannot drift: the schema's descriptions are the fields' doc comments, and the
//! document is written with its fields in the order the schema lists them. [`files`] gives all
//! six files (`taxonomy.json` and the five schemas) as bytes, the same on every run, and
//! [`write_files`] writes them into a directory.
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
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde_json::{Value, json};

use crate::coverage::report::CoverageReport;
use crate::crosswalk::{Crosswalk, ExternalId, Framework, Link, OwaspId, Relation};
use crate::output::document::canonical_text;
use crate::registry::Registry;
use crate::registry::tool::Tool;
use crate::registry::tool::{Category, Provenance, ToolKind};
use crate::taxonomy::lifecycle::{Layer, Phase, PhaseKind};
use crate::taxonomy::requirement::Requirement;
use crate::taxonomy::risk::{Domain, Risk};
use crate::taxonomy::risk_set::RiskSet;

/// The version of the taxonomy data: the crate root's [`DATA_VERSION`](crate::DATA_VERSION).
pub const DATA_VERSION: &str = crate::DATA_VERSION;

/// The names of the files [`files`] returns, in order.
pub const FILE_NAMES: [&str; 8] = [
    "taxonomy.json",
    "taxonomy.schema.json",
    "registry.schema.json",
    "coverage.schema.json",
    "validation.schema.json",
    "lint.schema.json",
    "detect.schema.json",
    "check.schema.json",
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
pub(crate) fn titled_values(
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

fn schema(value: Value) -> Schema {
    Schema::try_from(value).expect("every schema of this module is written as a JSON object")
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

impl_schema!(Requirement, "Requirement", |g| schema(json!({
    "description": "A coverage requirement: all, a domain, a layer, a phase, a risk code, or an ATLAS or OWASP id (every risk the crosswalk links to it).",
    "oneOf": [
        { "const": "all", "title": "All", "description": "Every risk." },
        g.subschema_for::<Domain>(),
        g.subschema_for::<Layer>(),
        g.subschema_for::<Phase>(),
        g.subschema_for::<Risk>(),
        g.subschema_for::<ExternalId>(),
    ],
})));

impl_schema!(crate::Package, "Package", |_g| schema(json!({
    "description": "A package URL without version: pkg:pypi/NAME (a PEP 508 name), pkg:cargo/NAME (a crate name) or pkg:npm/NAME (an npm name, a scope written %40scope/) or pkg:github/OWNER/REPO (a GitHub repository, as workflows' uses: name actions), which detection reads; or pkg:TYPE/NAMESPACE/NAME of another type of the package-url specification (pkg:maven/GROUP/ARTIFACT), which a registry may list and detection does not read (pkg:githubactions/OWNER/REPO is read as pkg:github/OWNER/REPO).",
    "type": "string",
    "pattern": format!(
        r"^pkg:(pypi/[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?|cargo/[A-Za-z][A-Za-z0-9_-]{{0,63}}|npm/(%40[a-z0-9._~-]+/)?[a-z0-9-~][a-z0-9._~-]*|({})/[^@?#/\u0000-\u0020]+(/[^@?#/\u0000-\u0020]+)*)$",
        crate::registry::package::PURL_TYPES
            .iter()
            .filter(|t| !["pypi", "npm", "cargo"].contains(t))
            .copied()
            .collect::<Vec<_>>()
            .join("|")
    ),
})));

impl_schema!(ExternalId, "ExternalId", |_g| schema(json!({
    "description": "An identifier in a crosswalk framework: an ATLAS id (AML.T0024.002), an item of \
                    the OWASP Top 10 for LLM Applications with its edition, 2023, 2025 or 2026 \
                    (LLM01:2025), an OWASP ML Top 10 2023 item (ML05:2023), or an item of the \
                    OWASP Top 10 for Agentic Applications 2026 (ASI01:2026).",
    "type": "string",
    "pattern": r"^(AML\.(TA[0-9]{4}|M[0-9]{4}|T[0-9]{4}(\.[0-9]{3})?)|LLM(0[1-9]|10):(2023|2025|2026)|ML(0[1-9]|10):2023|ASI(0[1-9]|10):2026)$",
})));

impl_schema!(crate::crosswalk::OwaspId, "OwaspId", |_g| schema(json!({
    "description": "An item of the OWASP Top 10 for LLM Applications with its edition, 2023, 2025 \
                    or 2026 (LLM06:2026), of the OWASP ML Top 10 2023 (ML05:2023), or of the OWASP \
                    Top 10 for Agentic Applications 2026 (ASI01:2026).",
    "type": "string",
    "pattern": r"^(LLM(0[1-9]|10):(2023|2025|2026)|ML(0[1-9]|10):2023|ASI(0[1-9]|10):2026)$",
})));

impl_schema!(Crosswalk, "Crosswalk", |g| schema(json!({
    "description": "A risk's links to ATLAS and OWASP, or \"no_mapping\" when it has none (looked at, none defensible).",
    "oneOf": [
        { "const": "no_mapping", "title": "NoMapping", "description": "No defensible link exists." },
        { "type": "array", "minItems": 1, "items": g.subschema_for::<Link>() },
    ],
})));

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
        "packages": {
            "description": "The packages by which a project depends on the tool, as package URLs without version (pkg:pypi/garak, pkg:cargo/safetensors, pkg:npm/%40scope/name).",
            "type": "array",
            "items": g.subschema_for::<crate::Package>(),
            "uniqueItems": true,
        },
        "provenance": g.subschema_for::<ToolProvenance>(),
        "role": g.subschema_for::<crate::Role>(),
        "upstream": g.subschema_for::<crate::Upstream>(),
        "mappings": {
            "description": "Each mapping of a risk the tool lists with its evidence: the source's rows, the curated layer's quotes (a registry file extending the built-in registry may only give \"user\" ones).",
            "type": "array",
            "items": g.subschema_for::<crate::Mapping>(),
        },
    },
})));

impl_schema!(crate::Upstream, "Upstream", |g| schema(json!({
    "description": "Where a curated tool's facts were read: its repository, the commit read, that commit's date, the licence and whether it was maintained then.",
    "type": "object",
    "additionalProperties": false,
    "required": ["repository", "commit", "status"],
    "properties": {
        "repository": { "description": "The GitHub repository, OWNER/NAME.", "type": "string", "pattern": description_pattern() },
        "commit": { "description": "The commit read.", "type": "string", "pattern": description_pattern() },
        "date": { "description": "The commit's date, YYYY-MM-DD.", "type": "string", "pattern": description_pattern() },
        "licence": { "description": "The licence's SPDX id.", "type": "string", "pattern": description_pattern() },
        "status": g.subschema_for::<crate::Status>(),
    },
})));

impl_schema!(crate::Mapping, "Mapping", |g| schema(json!({
    "description": "Why a tool is said to cover one risk: the words quoted (at most 200 characters), where they were read, the basis and one sentence of rationale.",
    "type": "object",
    "additionalProperties": false,
    "required": ["risk", "basis", "quote", "repository", "commit", "path", "line", "rationale"],
    "properties": {
        "risk": g.subschema_for::<crate::Risk>(),
        "basis": g.subschema_for::<crate::Basis>(),
        "quote": { "description": "The words quoted, verbatim, on one line.", "type": "string", "maxLength": 200, "pattern": description_pattern() },
        "repository": { "description": "The repository quoted, OWNER/NAME.", "type": "string", "pattern": description_pattern() },
        "commit": { "description": "The commit read.", "type": "string", "pattern": description_pattern() },
        "path": { "description": "The file quoted.", "type": "string", "pattern": description_pattern() },
        "line": { "description": "The line of the quote, from 1.", "type": "integer", "minimum": 1, "maximum": 4294967295u64 },
        "rationale": { "description": "Why the quote means the risk.", "type": "string", "pattern": description_pattern() },
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
    "properties": {
        "$schema": {
            "description": "The schema the document follows, for editors; any string.",
            "type": "string",
        },
        "tools": {
            "description": "The tools, each once; absent, none (a document that only amends).",
            "type": "array",
            "items": g.subschema_for::<Tool>(),
            "uniqueItems": true,
        },
        "amend": {
            "description": "Risks and packages added to tools already in the registry (built-in, or of this document), with the user's provenance.",
            "type": "array",
            "items": g.subschema_for::<crate::Amendment>(),
        },
    },
})));

impl_schema!(crate::Amendment, "Amendment", |g| schema(json!({
    "description": "Risks and packages added to a tool already in the registry: the user's correction of the source's mapping.",
    "type": "object",
    "additionalProperties": false,
    "required": ["tool"],
    "anyOf": [
        { "required": ["risks"], "properties": { "risks": { "type": "array", "minItems": 1 } } },
        { "required": ["packages"], "properties": { "packages": { "type": "array", "minItems": 1 } } },
    ],
    "properties": {
        "tool": {
            "description": "The name or id of the tool amended, as the registry looks it up (ignoring case, spaces, '-' and '_').",
            "type": "string",
            "pattern": name_pattern(),
        },
        "risks": g.subschema_for::<RiskSet>(),
        "packages": {
            "description": "Packages by which a project depends on the tool, as package URLs without version.",
            "type": "array",
            "items": g.subschema_for::<crate::Package>(),
            "uniqueItems": true,
        },
        "note": {
            "description": "Why, in one line: shown wherever the amended risks are explained.",
            "type": "string",
            "pattern": description_pattern(),
        },
    },
})));

/// The `data_version` field of every document: this crate's data version and no other.
pub(crate) fn data_version(_: &mut SchemaGenerator) -> Schema {
    schema(json!({
        "description": "The version of the taxonomy data the document was made from.",
        "type": "string",
        "const": DATA_VERSION,
    }))
}

/// Removes the `format` schemars gives Rust integers (`uint`, `uint8`): they are not formats
/// of JSON Schema, and strict validators (Ajv) reject a schema that uses them. The `minimum`
/// stays.
fn drop_integer_format(schema: &mut Schema) {
    if let Some(o) = schema.as_object_mut() {
        let integer = o.get("type").and_then(Value::as_str) == Some("integer")
            || o.get("type")
                .is_some_and(|t| t.as_array().is_some_and(|a| a.contains(&json!("integer"))));
        if integer {
            o.remove("format");
        }
    }
}

/// A root schema for `T` with its `$id`, title, description and data version.
fn root<T: JsonSchema>(file: &str, title: &str, description: &str) -> Schema {
    let settings =
        SchemaSettings::draft2020_12().with_transform(RecursiveTransform(drop_integer_format));
    let mut s = SchemaGenerator::new(settings).into_root_schema_for::<T>();
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
    root::<Taxonomy>(
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
/// // `tools` is optional: a file may only amend.
/// assert_eq!(s.get("required"), None);
/// assert!(s.get("properties").unwrap().get("tools").is_some());
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

/// The schema of the verdict on a registry file, as
/// [`Validation::to_json`](crate::Validation::to_json) (and `mlsecops validate --format json`)
/// writes it.
///
/// ```
/// let s = mlsecops_taxonomy::schema::validation_schema();
/// assert!(s.get("$defs").unwrap().get("Problem").is_some());
/// ```
pub fn validation_schema() -> Schema {
    root::<crate::Validation>(
        "validation.schema.json",
        "MLSecOps Registry Validation",
        "Whether a registry file is valid, and every problem with its position.",
    )
}

/// The schema of the findings of the contribution rules in a file, as `list::LintReport`
/// (and `mlsecops lint --format json`) writes them.
///
/// ```
/// let s = mlsecops_taxonomy::schema::lint_schema();
/// assert!(s.get("$defs").unwrap().get("Rule").is_some());
/// ```
pub fn lint_schema() -> Schema {
    root::<crate::output::lint_report::LintReport>(
        "lint.schema.json",
        "MLSecOps Lint Report",
        "The findings of the contribution rules in a registry file or a Markdown list, each \
         with its line, column, tool and rule.",
    )
}

/// The schema of the detection report, as
/// [`DetectionReport::to_json`](crate::DetectionReport::to_json) (and
/// `mlsecops detect --format json`) writes it.
///
/// ```
/// let s = mlsecops_taxonomy::schema::detect_schema();
/// assert!(s.get("$defs").unwrap().get("Evidence").is_some());
/// ```
pub fn detect_schema() -> Schema {
    root::<crate::DetectionReport>(
        "detect.schema.json",
        "MLSecOps Detection Report",
        "The tools a project uses, from its manifests, lockfiles and SBOMs, each with the file, \
         line and package that show it.",
    )
}

/// The schema of the verdict document, `check.schema.json`: `mlsecops check --format json`.
///
/// ```
/// let s = mlsecops_taxonomy::schema::check_schema();
/// assert!(s.get("$defs").unwrap().get("CheckFinding").is_some());
/// ```
pub fn check_schema() -> Schema {
    root::<crate::CheckReport>(
        "check.schema.json",
        "MLSecOps Check Verdict",
        "The verdict on a project's coverage policy: passed or not, the required risks covered, \
         accepted and open, the tools, and every finding with its file, line and column.",
    )
}

/// A risk's entry of the taxonomy document (`$defs/RiskEntry` of its schema): code, domain,
/// number, name, description, phase, layer and crosswalk.
///
/// ```
/// use mlsecops_taxonomy::{Risk, schema};
/// let entry = schema::risk_entry("R17-Security".parse::<Risk>()?);
/// assert_eq!(entry["name"], "API Abuse & Injection");
/// assert_eq!(entry, schema::taxonomy_document()["risks"][16]);
/// # Ok::<(), mlsecops_taxonomy::ParseRiskError>(())
/// ```
pub fn risk_entry(risk: Risk) -> Value {
    crate::output::document::value(&RiskEntry::new(risk))
}

/// The entries of `risks` (see [`risk_entry`]) as a JSON document: an array in canonical order.
pub fn risks_json(risks: RiskSet) -> String {
    let entries: Vec<RiskEntry> = risks.iter().map(RiskEntry::new).collect();
    crate::output::document::text(&entries)
}

/// A risk's entry and the tools of `registry` that cover it, as a JSON document
/// `{"risk": ..., "tools": [...]}` (the tools as a registry file writes them).
///
/// ```
/// use mlsecops_taxonomy::{Registry, Risk, schema};
/// let text = schema::risk_json("R9-Security".parse::<Risk>()?, Registry::builtin());
/// let doc: serde_json::Value = serde_json::from_str(&text)?;
/// assert_eq!(doc["risk"]["code"], "R9-Security");
/// assert!(doc["tools"].as_array().unwrap().iter().any(|t| t["name"] == "Garak"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn risk_json(risk: Risk, registry: &Registry) -> String {
    #[derive(Serialize)]
    struct Shown<'a> {
        risk: RiskEntry,
        tools: Vec<&'a Tool>,
        /// The amendments that make a tool cover the risk (each tool above is as it declares
        /// itself); absent when none.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        amendments: Vec<&'a crate::Amendment>,
    }
    crate::output::document::text(&Shown {
        risk: RiskEntry::new(risk),
        tools: registry.tools_covering(risk).collect(),
        amendments: registry
            .tools_covering(risk)
            .flat_map(|t| t.amendments_of(risk))
            .collect(),
    })
}

/// An external id as `mlsecops show LLM06:2026 --format json` prints it: its framework,
/// edition and title, the crosswalk's links to it (risk, strength, note, and for a carried link
/// where from) and, for an LLM id, its counterparts in the other editions.
///
/// ```
/// use mlsecops_taxonomy::{ExternalId, schema};
/// let id: ExternalId = "LLM06:2026".parse()?;
/// let doc: serde_json::Value = serde_json::from_str(&schema::external_id_json(id))?;
/// assert_eq!(doc["title"], "Unbounded Consumption");
/// assert_eq!(doc["links"][0]["risk"], "R22-Security");
/// assert_eq!(doc["counterparts"][0]["id"], "LLM04:2023");
/// assert_eq!(doc["counterparts"][0]["relation"], "successor");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn external_id_json(id: ExternalId) -> String {
    #[derive(Serialize)]
    struct Shown {
        id: ExternalId,
        framework: Framework,
        edition: &'static str,
        title: &'static str,
        links: Vec<LinkedRisk>,
        counterparts: Vec<CounterpartShown>,
        /// For an ATLAS id, what a release after 5.6.0 changed about it.
        #[serde(skip_serializing_if = "Option::is_none")]
        later_change: Option<&'static str>,
    }
    #[derive(Serialize)]
    struct LinkedRisk {
        risk: Risk,
        name: &'static str,
        #[serde(flatten)]
        link: &'static Link,
    }
    #[derive(Serialize)]
    struct CounterpartShown {
        id: OwaspId,
        title: &'static str,
        relation: Relation,
        provenance: crate::Provenance,
        evidence: Vec<&'static str>,
    }
    let counterparts = match id {
        ExternalId::Owasp(o) => o
            .counterparts()
            .into_iter()
            .map(|c| CounterpartShown {
                id: c.id(),
                title: c.id().title(),
                relation: c.relation(),
                provenance: c.relation().provenance(),
                evidence: c.evidence().to_vec(),
            })
            .collect(),
        ExternalId::Atlas(_) => Vec::new(),
    };
    crate::output::document::text(&Shown {
        id,
        framework: id.framework(),
        edition: id.framework().edition(),
        title: id.title(),
        links: id
            .links()
            .map(|link| LinkedRisk {
                risk: link.risk(),
                name: link.risk().name(),
                link,
            })
            .collect(),
        counterparts,
        later_change: match id {
            ExternalId::Atlas(a) => a.later_change(),
            ExternalId::Owasp(_) => None,
        },
    })
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
/// assert_eq!(doc["tools"].as_array().map(Vec::len), Some(123)); // the source's 41, the curated layer's 83, one in both
/// assert_eq!(doc["risks"][11]["crosswalk"], "no_mapping");
/// assert_eq!(doc["risks"][27]["crosswalk"][0]["id"], "AML.T0024.000");
/// assert_eq!(doc["frameworks"][2]["edition"], "2025");
/// assert_eq!(doc["frameworks"][3]["items"][5]["title"], "Unbounded Consumption");
/// assert_eq!(doc["counterparts"][0]["from"], "LLM01:2023");
/// ```
pub fn taxonomy_document() -> Value {
    crate::output::document::value(&Taxonomy::new())
}

/// [`taxonomy_document`] as text, as `taxonomy.json` holds it: the fields in the order of its
/// schema, two-space indentation, a final newline.
pub fn taxonomy_json() -> String {
    crate::output::document::text(&Taxonomy::new())
}

/// The MLSecOps risk taxonomy.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Taxonomy {
    /// The version of the taxonomy data the document was made from.
    #[schemars(schema_with = "data_version")]
    data_version: &'static str,
    /// The frameworks of the crosswalk, with the editions its ids and titles are from.
    frameworks: Vec<FrameworkEntry>,
    /// How the entries of the OWASP Top 10 for LLM Applications carry over from one edition to
    /// the next (2023 to 2025, 2025 to 2026); an entry without a row has no counterpart.
    counterparts: Vec<CounterpartEntry>,
    /// The three layers.
    layers: Vec<LayerEntry>,
    /// The nine phases.
    phases: Vec<PhaseEntry>,
    /// The 34 risks.
    risks: Vec<RiskEntry>,
    /// The built-in registry's tools, as a registry file writes them.
    tools: Vec<&'static Tool>,
}

/// A framework of the crosswalk and its edition.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct FrameworkEntry {
    id: Framework,
    /// The framework's name.
    name: &'static str,
    /// The version (ATLAS) or edition (OWASP) of the ids and titles.
    edition: &'static str,
    /// An OWASP list's items in this edition, 01 first (empty for ATLAS, whose ids are in the
    /// links).
    items: Vec<ItemEntry>,
}

/// An item of an OWASP list in one edition.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ItemEntry {
    id: OwaspId,
    /// Its title in the edition.
    title: &'static str,
}

/// An entry of the OWASP Top 10 for LLM Applications and its counterpart in the next edition.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CounterpartEntry {
    from: OwaspId,
    to: OwaspId,
    relation: Relation,
    /// `curated` for a judged counterpart (this project's reading), `source` when OWASP's own
    /// titles or texts establish it.
    provenance: crate::Provenance,
    /// What establishes it.
    evidence: &'static str,
}

/// A layer of an ML system.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct LayerEntry {
    id: Layer,
    /// The layer's name.
    name: &'static str,
    /// Its phases, in order.
    phases: &'static [Phase],
    /// The risks of its phases.
    risks: RiskSet,
}

/// A phase of the MLSecOps lifecycle.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct PhaseEntry {
    id: Phase,
    /// The phase's name.
    name: &'static str,
    kind: PhaseKind,
    layer: Layer,
    /// What happens in the phase, as the source describes it.
    description: &'static str,
    /// The risks of the phase.
    risks: RiskSet,
}

/// A risk of the taxonomy.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RiskEntry {
    code: Risk,
    domain: Domain,
    /// The risk's number in its domain.
    #[schemars(range(min = 1))]
    number: u8,
    /// The risk's name, as the source gives it.
    name: &'static str,
    /// The risk's description, as the source gives it.
    description: &'static str,
    phase: Phase,
    layer: Layer,
    crosswalk: Crosswalk,
}

impl RiskEntry {
    fn new(code: Risk) -> RiskEntry {
        RiskEntry {
            code,
            domain: code.domain(),
            number: code.number(),
            name: code.name(),
            description: code.description(),
            phase: code.phase(),
            layer: code.layer(),
            crosswalk: code.crosswalk(),
        }
    }
}

impl Taxonomy {
    fn new() -> Taxonomy {
        Taxonomy {
            data_version: DATA_VERSION,
            frameworks: Framework::ALL
                .into_iter()
                .map(|id| FrameworkEntry {
                    id,
                    name: id.name(),
                    edition: id.edition(),
                    items: OwaspId::all(id)
                        .map(|id| ItemEntry {
                            id,
                            title: id.title(),
                        })
                        .collect(),
                })
                .collect(),
            counterparts: Framework::LLM_EDITIONS
                .windows(2)
                .flat_map(|pair| {
                    OwaspId::all(pair[0]).filter_map(move |from| {
                        let to = from.counterpart(pair[1])?;
                        Some(CounterpartEntry {
                            from,
                            to: to.id(),
                            relation: to.relation(),
                            provenance: to.relation().provenance(),
                            evidence: to.evidence()[0],
                        })
                    })
                })
                .collect(),
            layers: Layer::ALL
                .into_iter()
                .map(|id| LayerEntry {
                    id,
                    name: id.name(),
                    phases: id.phases(),
                    risks: id.risks(),
                })
                .collect(),
            phases: Phase::ALL
                .into_iter()
                .map(|id| PhaseEntry {
                    id,
                    name: id.name(),
                    kind: id.kind(),
                    layer: id.layer(),
                    description: id.description(),
                    risks: id.risks(),
                })
                .collect(),
            risks: Risk::ALL.into_iter().map(RiskEntry::new).collect(),
            tools: Registry::builtin().tools().collect(),
        }
    }
}

/// A JSON value as the crate writes schema files: keys sorted at every level (whatever serde_json
/// features are enabled), two-space indentation, a final newline.
pub fn to_canonical_json(value: &Value) -> String {
    canonical_text(value.clone())
}

/// The files of the export, named as in [`FILE_NAMES`]: `taxonomy.json` and the schemas of
/// the taxonomy, registry, coverage, validation and lint documents. The document is written
/// with its fields in the order of its schema, the schemas with their keys sorted.
///
/// ```
/// let files = mlsecops_taxonomy::schema::files();
/// assert!(files[0].1.ends_with("}\n"));
/// assert_eq!(files.map(|(name, _)| name), mlsecops_taxonomy::schema::FILE_NAMES);
/// ```
pub fn files() -> [(&'static str, String); 8] {
    let [a, b, c, d, e, f, g, h] = FILE_NAMES;
    let schema = |s: Schema| canonical_text(s.to_value());
    [
        (a, taxonomy_json()),
        (b, schema(taxonomy_schema())),
        (c, schema(registry_schema())),
        (d, schema(coverage_schema())),
        (e, schema(validation_schema())),
        (f, schema(lint_schema())),
        (g, schema(detect_schema())),
        (h, schema(check_schema())),
    ]
}

/// Writes [`files`] into `dir`, creating it (and its parents) when missing; returns the paths
/// written.
///
/// # Errors
/// The directory cannot be created or a file cannot be written; the error names the path.
pub fn write_files(dir: impl AsRef<Path>) -> io::Result<Vec<PathBuf>> {
    write_files_where(dir, |_| true)
}

/// Writes the files of [`files`] whose name `wanted` accepts into `dir` (see [`write_files`]);
/// returns the paths written.
///
/// ```
/// use mlsecops_taxonomy::schema;
/// let dir = std::env::temp_dir().join("mlsecops-doc-schemas");
/// let written = schema::write_files_where(&dir, |name| name.ends_with(".schema.json"))?;
/// assert_eq!(written.len(), schema::FILE_NAMES.len() - 1);
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// The directory cannot be created or a file cannot be written; the error names the path.
pub fn write_files_where(
    dir: impl AsRef<Path>,
    mut wanted: impl FnMut(&str) -> bool,
) -> io::Result<Vec<PathBuf>> {
    let dir = dir.as_ref();
    let named = |e: io::Error, verb: &str, path: &Path| {
        io::Error::new(e.kind(), format!("cannot {verb} {}: {e}", path.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| named(e, "create", dir))?;
    let mut written = Vec::new();
    for (name, text) in files() {
        if !wanted(name) {
            continue;
        }
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| named(e, "write", &path))?;
        written.push(path);
    }
    Ok(written)
}
