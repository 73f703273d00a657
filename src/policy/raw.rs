//! Step one of reading a policy: its sections as TOML gives them, every value with its span.
//! Nothing here is checked beyond TOML's types; [`super::valid`] does the rest.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

/// The policy's keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Section {
    #[serde(default)]
    pub(super) tools: Vec<Spanned<String>>,
    pub(super) detect: Option<Spanned<toml::Value>>,
    pub(super) registry: Option<Spanned<PathBuf>>,
    #[serde(default)]
    pub(super) require: Vec<Spanned<String>>,
    /// A gap fails unless `deny = false`: a gate gates by default.
    #[serde(default = "yes")]
    pub(super) deny: bool,
    /// Required risks a person accepted, each with a reason and, preferably, an expiry.
    #[serde(default)]
    pub(super) accept: Vec<Spanned<Acceptance>>,
}

fn yes() -> bool {
    true
}

/// One `[[accept]]` entry as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Acceptance {
    pub(super) risk: Spanned<String>,
    pub(super) reason: Option<Spanned<String>>,
    pub(super) expires: Option<Spanned<toml::value::Datetime>>,
}

#[derive(Deserialize)]
pub(super) struct CargoManifest {
    pub(super) package: Option<CargoPackage>,
}

#[derive(Deserialize)]
pub(super) struct CargoPackage {
    pub(super) metadata: Option<CargoMetadata>,
}

#[derive(Deserialize)]
pub(super) struct CargoMetadata {
    pub(super) mlsecops: Option<Spanned<Section>>,
}

#[derive(Deserialize)]
pub(super) struct Pyproject {
    pub(super) tool: Option<PyTool>,
}

#[derive(Deserialize)]
pub(super) struct PyTool {
    pub(super) mlsecops: Option<Spanned<Section>>,
}
