//! The build-script gate (feature `build`): reads `[package.metadata.mlsecops]` from the
//! building crate's `Cargo.toml` and reports every required risk its tools leave open.
//!
//! In the downstream crate's `Cargo.toml`:
//!
//! ```toml
//! [build-dependencies]
//! mlsecops-taxonomy = { version = "0.1", default-features = false, features = ["build"] }
//!
//! [package.metadata.mlsecops]
//! tools = ["Garak", "ModelScan"]
//! registry = "security-tools.json"   # optional, extends the built-in registry
//! require = ["model", "R1-Security", "data_storage"]   # layers, phases, risk codes, domains, "all"
//! deny = false                        # true: a coverage gap fails the build
//! ```
//!
//! and its `build.rs`:
//!
//! ```no_run
//! mlsecops_taxonomy::build::check();
//! ```
//!
//! Each uncovered required risk becomes a `cargo::warning=` line naming the risk and the tools
//! that would cover it (or saying that no tool covers it); with `deny = true` each becomes a
//! `cargo::error=` line, which fails the build (Cargo 1.84 and later).
//!
//! A configuration that cannot be checked always fails the build, whatever `deny` says: a
//! missing section, an unknown key, a value of the wrong type, an unknown tool, a bad
//! requirement, a missing or invalid registry file. Each is a `cargo::error=` line with the
//! file, line and column, and the closest valid value where there is one
//! (`Cargo.toml:9:10: unknown tool "Garrak": did you mean Garak?`). A gate that stopped
//! gating because of a typo would pass every build; this one never does.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::coverage::Coverage;
use crate::registry::Registry;
use crate::requirement::Requirement;
use crate::risk_set::RiskSet;

/// The section's keys, for "did you mean".
const KEYS: [&str; 4] = ["tools", "registry", "require", "deny"];
/// Where the configuration lives, as people write it.
const SECTION: &str = "[package.metadata.mlsecops]";

/// What [`evaluate`] found: the Cargo directives to print, whether they fail the build, and,
/// when the configuration could be read, the coverage of the configured tools.
///
/// ```no_run
/// // build.rs
/// let outcome = mlsecops_taxonomy::build::check();
/// if let Some(coverage) = outcome.coverage() {
///     println!("cargo::rustc-env=MLSECOPS_COVERED={}", coverage.covered().len());
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Outcome {
    directives: Vec<String>,
    failed: bool,
    checked: Option<Checked>,
}

/// The registry and the positions of the configured tools in it.
#[derive(Debug, Clone)]
struct Checked {
    registry: Option<Registry>,
    selected: Vec<usize>,
}

impl Outcome {
    /// The `cargo::...` lines, in the order to print them: `rerun-if-changed` for the manifest
    /// (and the registry file), then one `warning` or `error` per finding.
    pub fn directives(&self) -> &[String] {
        &self.directives
    }

    /// Whether the outcome fails the build (some `cargo::error=` line): a configuration error,
    /// or a coverage gap with `deny = true`.
    pub fn is_failed(&self) -> bool {
        self.failed
    }

    /// The coverage of the configured tools; `None` when the configuration could not be read.
    pub fn coverage(&self) -> Option<Coverage<'_>> {
        let checked = self.checked.as_ref()?;
        let registry = checked.registry.as_ref().unwrap_or(Registry::builtin());
        Some(Coverage::new(registry, checked.selected.clone()))
    }

    fn error(&mut self, message: &str) {
        self.push("error", message);
        self.failed = true;
    }

    fn push(&mut self, level: &str, message: &str) {
        self.directives
            .push(format!("cargo::{level}=mlsecops: {}", one_line(message)));
    }
}

/// Reads the `Cargo.toml` of the crate being built (from `CARGO_MANIFEST_DIR`), prints the
/// outcome's Cargo directives and returns the outcome.
pub fn check() -> Outcome {
    let dir =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let outcome = evaluate(&dir);
    for line in &outcome.directives {
        println!("{line}");
    }
    outcome
}

/// `Cargo.toml`, down to the section; everything else in the manifest is Cargo's business.
#[derive(Deserialize)]
struct Manifest {
    package: Option<Package>,
}

#[derive(Deserialize)]
struct Package {
    metadata: Option<Metadata>,
}

#[derive(Deserialize)]
struct Metadata {
    mlsecops: Option<Spanned<Section>>,
}

/// `[package.metadata.mlsecops]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    #[serde(default)]
    tools: Vec<Spanned<String>>,
    registry: Option<Spanned<PathBuf>>,
    #[serde(default)]
    require: Vec<Spanned<String>>,
    #[serde(default)]
    deny: bool,
}

/// Evaluates the `[package.metadata.mlsecops]` section of `manifest_dir/Cargo.toml` without
/// printing anything.
pub fn evaluate(manifest_dir: &Path) -> Outcome {
    let manifest = manifest_dir.join("Cargo.toml");
    let mut outcome = Outcome {
        directives: vec![format!("cargo::rerun-if-changed={}", manifest.display())],
        failed: false,
        checked: None,
    };
    let text = match std::fs::read_to_string(&manifest) {
        Ok(text) => text,
        Err(e) => {
            outcome.error(&format!("cannot read {}: {e}", manifest.display()));
            return outcome;
        }
    };
    let at = |span: std::ops::Range<usize>| Position::of(&manifest, &text, span.start);
    let section = match toml::from_str::<Manifest>(&text) {
        Ok(doc) => doc
            .package
            .and_then(|p| p.metadata)
            .and_then(|m| m.mlsecops),
        Err(e) => {
            let message = describe_toml_error(&e, &text);
            match e.span() {
                Some(span) => outcome.error(&format!("{}: {message}", at(span))),
                None => outcome.error(&format!("{}: {message}", manifest.display())),
            }
            return outcome;
        }
    };
    let Some(section) = section else {
        outcome.error(&format!(
            "{} has no {SECTION} section: add one with the tools you use and the risks they \
             must cover (tools = [\"Garak\"], require = [\"model\"])",
            manifest.display()
        ));
        return outcome;
    };
    let span = section.span();
    let section = section.into_inner();

    let mut require = RiskSet::EMPTY;
    for spec in &section.require {
        match spec.get_ref().parse::<Requirement>() {
            Ok(requirement) => require |= requirement.risks(),
            Err(e) => outcome.error(&format!("{}: require: {e}", at(spec.span()))),
        }
    }
    let registry = match &section.registry {
        None => None,
        Some(path) => {
            let file = manifest_dir.join(path.get_ref());
            outcome
                .directives
                .push(format!("cargo::rerun-if-changed={}", file.display()));
            match Registry::builtin_with_file(&file) {
                Ok(registry) => Some(registry),
                Err(e) => {
                    let lines = e.lines();
                    let first = lines.first().map_or("", String::as_str);
                    outcome.error(&format!("{}: registry: {first}", at(path.span())));
                    for line in lines.iter().skip(1) {
                        outcome.error(line);
                    }
                    return outcome;
                }
            }
        }
    };
    let lookup = registry.as_ref().unwrap_or(Registry::builtin());
    let mut selected = Vec::new();
    for name in &section.tools {
        match lookup.position(name.get_ref()) {
            Some(i) if !selected.contains(&i) => selected.push(i),
            Some(_) => {}
            None => {
                let e = lookup
                    .get(name.get_ref())
                    .expect_err("the position lookup failed");
                outcome.error(&format!("{}: tools: {e}", at(name.span())));
            }
        }
    }
    if outcome.failed {
        return outcome;
    }
    if section.require.is_empty() {
        outcome.push(
            "warning",
            &format!(
                "{}: {SECTION} has no require: the gate checks nothing (add require = \
                 [\"model\"], a layer, phase, domain, risk code or \"all\")",
                at(span)
            ),
        );
    }
    let coverage = Coverage::new(lookup, selected.clone());
    if let Err(gap) = coverage.require(require) {
        let level = if section.deny { "error" } else { "warning" };
        for entry in gap.entries() {
            outcome.push(level, &format!("required risk not covered: {entry}"));
        }
        outcome.failed |= section.deny;
    }
    outcome.checked = Some(Checked { registry, selected });
    outcome
}

/// `file:line:column`, from 1, of a byte offset in a text.
struct Position<'a> {
    file: &'a Path,
    line: usize,
    column: usize,
}

impl<'a> Position<'a> {
    fn of(file: &'a Path, text: &str, offset: usize) -> Position<'a> {
        let before = &text[..offset.min(text.len())];
        let line = 1 + before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            file,
            line,
            column: 1 + before[start..].chars().count(),
        }
    }
}

impl std::fmt::Display for Position<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// The TOML parser's message, on one line, with "did you mean" for an unknown key of the
/// section.
fn describe_toml_error(e: &toml::de::Error, text: &str) -> String {
    let message = one_line(e.message());
    if !message.starts_with("unknown field") {
        return message;
    }
    let key = e
        .span()
        .and_then(|span| text.get(span))
        .map(|k| k.trim_matches(['"', '\'']))
        .unwrap_or_default();
    match crate::suggest::closest(key, KEYS) {
        Some(s) => format!(
            "{SECTION} has no key {key:?}: {}",
            crate::suggest::did_you_mean(&[s])
        ),
        None => format!(
            "{SECTION} has no key {key:?}: the keys are {}",
            KEYS.join(", ")
        ),
    }
}

/// Cargo directives are one line each.
fn one_line(message: &str) -> String {
    message
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}
