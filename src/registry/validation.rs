//! [`Validation`]: the verdict on a registry file, as `mlsecops validate` reports it.

use std::path::Path;

use super::{Problem, Registry};

/// The verdict on a registry file: how many tools it holds when it is valid, and otherwise
/// every problem with its position. With feature `schema` its document has a schema of its own
/// (`validation.schema.json`).
///
/// ```
/// use mlsecops_taxonomy::Validation;
/// let v = Validation::of_text("tools.json", r#"{"tools": [{"name": "Scanner", "risks": ["R24-Security"]}]}"#);
/// assert!(!v.is_valid());
/// assert_eq!(v.problems()[0].to_string(),
///     r#"tool 0 ("Scanner"), field "risks": "R24-Security": Security risks are R1 to R23"#);
/// let doc: serde_json::Value = serde_json::from_str(&v.to_json())?;
/// assert_eq!(doc["valid"], false);
/// assert_eq!(doc["problems"][0]["line"], 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation {
    file: String,
    tools: usize,
    problems: Vec<Problem>,
}

impl Validation {
    /// Validates the text of a registry file; `file` names it in the report.
    pub fn of_text(file: impl Into<String>, text: &str) -> Validation {
        Validation::of(file.into(), alone(text))
    }

    /// Reads and validates a registry file (bytes that are not UTF-8 are a problem of the file).
    ///
    /// # Errors
    /// The file cannot be read; the error names it.
    pub fn of_file(path: impl AsRef<Path>) -> std::io::Result<Validation> {
        let path = path.as_ref();
        let bytes = crate::diag::read_regular(path, super::Registry::MAX_DOCUMENT_BYTES as u64)
            .map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
            })?;
        let loaded = match String::from_utf8(bytes) {
            Ok(text) => alone(&text),
            Err(e) => Registry::from_reader(e.as_bytes()),
        };
        Ok(Validation::of(path.display().to_string(), loaded))
    }

    fn of(file: String, loaded: Result<Registry, super::RegistryError>) -> Validation {
        match loaded {
            Ok(registry) => Validation {
                file,
                tools: registry.len(),
                problems: Vec::new(),
            },
            Err(e) => Validation {
                file,
                tools: 0,
                problems: e.problems().to_vec(),
            },
        }
    }

    /// The file, as it was named.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Whether the file is a valid registry file.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// The number of tools of a valid file (0 for an invalid one).
    pub fn tools(&self) -> usize {
        self.tools
    }

    /// Every problem as a diagnostic of the file, in document order.
    pub fn diagnostics(&self) -> Vec<crate::Diagnostic> {
        self.problems
            .iter()
            .map(|p| p.diagnostic(&self.file))
            .collect()
    }

    /// Every problem, each with its position when it has one.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The verdict as a JSON document: `{"file", "valid", "tools", "problems"}`.
    pub fn to_json(&self) -> String {
        crate::output::document::text(self)
    }
}

/// The verdict on a registry file.
#[derive(serde::Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Validation", deny_unknown_fields)
)]
struct ValidationDoc<'a> {
    /// The file, as it was named.
    file: &'a str,
    /// Whether the file is a valid registry file.
    valid: bool,
    /// The number of tools of a valid file; 0 for an invalid one.
    tools: usize,
    /// Every problem, each with its position when it has one.
    problems: &'a [Problem],
}

impl serde::Serialize for Validation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = ValidationDoc {
            file: &self.file,
            valid: self.is_valid(),
            tools: self.tools,
            problems: &self.problems,
        };
        serde::Serialize::serialize(&doc, serializer)
    }
}

#[cfg(feature = "schema")]
crate::output::document::schema_as!(Validation => ValidationDoc<'static>);

/// A registry file checked on its own, its amendments allowed to name built-in tools: as
/// `--registry FILE` and a policy's `registry` read it.
fn alone(text: &str) -> Result<Registry, super::RegistryError> {
    let base = super::load::Base::Amend(Registry::builtin());
    super::load::load(text, Some(base)).map(|loaded| loaded.registry)
}
