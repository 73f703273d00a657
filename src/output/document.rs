//! Helpers of the JSON documents the crate writes (feature `json`).
//!
//! Each document is a private type that derives `Serialize` (and, with feature `schema`,
//! `JsonSchema`), so the document and its schema come from one declaration: the fields in the
//! order they are written, their doc comments as the schema's descriptions. Documents are
//! written in that order; schemas, which are JSON values, with their keys sorted.

use serde::Serialize;
use serde_json::Value;

/// A document as the crate writes it: its fields in declaration order, two-space indentation,
/// a final newline, and the characters a terminal or a CI log would act on escaped
/// ([`escape::json`](crate::escape::json)). The documents hold no maps with run-time keys, so the bytes are the same
/// in every build.
pub(crate) fn text<T: Serialize + ?Sized>(document: &T) -> String {
    let mut out = serde_json::to_vec_pretty(document)
        .expect("a document serializes: only strings, numbers, arrays and structs");
    out.push(b'\n');
    let text = String::from_utf8(out).expect("serde_json writes UTF-8");
    // Safe to print to a terminal or a CI log, meaning the same.
    match crate::escape::json(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(safe) => safe,
    }
}

/// A document as a JSON value.
pub(crate) fn value<T: Serialize + ?Sized>(document: &T) -> Value {
    serde_json::to_value(document)
        .expect("a document serializes: only strings, numbers, arrays and structs")
}

/// A JSON value with keys sorted at every level (whatever serde_json features are enabled, so
/// the bytes are the same in every build), two-space indentation, a final newline: the form of
/// the schema files.
#[cfg(feature = "schema")]
pub(crate) fn canonical_text(mut value: Value) -> String {
    value.sort_all_objects();
    text(&value)
}

/// Implements `JsonSchema` for a public type as the schema of the private document type it
/// serializes through.
#[cfg(feature = "schema")]
macro_rules! schema_as {
    ($ty:ty => $doc:ty) => {
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                <$doc as schemars::JsonSchema>::schema_name()
            }
            fn schema_id() -> std::borrow::Cow<'static, str> {
                <$doc as schemars::JsonSchema>::schema_id()
            }
            fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <$doc as schemars::JsonSchema>::json_schema(g)
            }
        }
    };
}
#[cfg(feature = "schema")]
pub(crate) use schema_as;
