//! Helpers of the JSON documents the crate writes (feature `json`).

use serde_json::Value;

/// A JSON value as the crate writes documents: keys sorted at every level (whatever serde_json
/// features are enabled, so the bytes are the same in every build), two-space indentation, a
/// final newline.
pub(crate) fn canonical_text(mut value: Value) -> String {
    value.sort_all_objects();
    let mut text = serde_json::to_string_pretty(&value)
        .expect("a JSON value serializes: its map keys are strings");
    text.push('\n');
    text
}
