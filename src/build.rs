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
//! deny = false                        # true: fail the build on a gap
//! ```
//!
//! and its `build.rs`:
//!
//! ```no_run
//! mlsecops_taxonomy::build::check();
//! ```
//!
//! Each uncovered required risk becomes a `cargo::warning=` line naming the risk and the tools
//! that would close it (or saying that no tool covers it); with `deny = true` each becomes a
//! `cargo::error=` line, which fails the build (Cargo 1.84 and later). A malformed section, an
//! unknown tool or a bad registry file is reported the same way, never as a panic.

use std::path::{Path, PathBuf};

use crate::coverage::Coverage;
use crate::registry::Registry;
use crate::requirement::Requirement;
use crate::risk_set::RiskSet;

/// What [`evaluate`] found: the Cargo directives to print and, when the configuration could be
/// read, the coverage.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `cargo::...` lines, in the order to print them.
    pub directives: Vec<String>,
    /// The coverage of the configured tools, when the configuration was valid.
    pub coverage: Option<Coverage<'static>>,
    /// Whether the outcome fails the build (some `cargo::error=` line).
    pub failed: bool,
}

/// Reads the `Cargo.toml` of the crate being built (from `CARGO_MANIFEST_DIR`), prints the
/// outcome's Cargo directives and returns the coverage (`None` when the configuration is
/// invalid or absent, which is reported too).
pub fn check() -> Option<Coverage<'static>> {
    let dir =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let outcome = evaluate(&dir);
    for line in &outcome.directives {
        println!("{line}");
    }
    outcome.coverage
}

/// The configuration of `[package.metadata.mlsecops]`.
struct Config {
    tools: Vec<String>,
    registry: Option<PathBuf>,
    require: RiskSet,
    deny: bool,
}

/// Evaluates the `[package.metadata.mlsecops]` section of `manifest_dir/Cargo.toml` without
/// printing anything.
pub fn evaluate(manifest_dir: &Path) -> Outcome {
    let manifest = manifest_dir.join("Cargo.toml");
    let mut directives = vec![format!("cargo::rerun-if-changed={}", manifest.display())];
    let config = match read_config(&manifest) {
        Ok(config) => config,
        Err((deny, message)) => {
            let failed = fail(&mut directives, deny, message);
            return Outcome {
                directives,
                coverage: None,
                failed,
            };
        }
    };
    let registry: &'static Registry = match &config.registry {
        None => Registry::builtin(),
        Some(path) => {
            let path = manifest_dir.join(path);
            directives.push(format!("cargo::rerun-if-changed={}", path.display()));
            match load_registry(&path) {
                // A build script runs once per build: keeping the registry alive for the
                // returned coverage costs nothing worth reclaiming.
                Ok(registry) => Box::leak(Box::new(registry)),
                Err(message) => {
                    let failed = fail(&mut directives, config.deny, message);
                    return Outcome {
                        directives,
                        coverage: None,
                        failed,
                    };
                }
            }
        }
    };
    let coverage = match registry.coverage(&config.tools) {
        Ok(coverage) => coverage,
        Err(e) => {
            let failed = fail(
                &mut directives,
                config.deny,
                format!("[package.metadata.mlsecops] tools: {e}"),
            );
            return Outcome {
                directives,
                coverage: None,
                failed,
            };
        }
    };
    let mut failed = false;
    if let Err(gap) = coverage.require(config.require) {
        for entry in gap.entries() {
            let closers = if entry.closers.is_empty() {
                "no tool in the registry covers it".to_owned()
            } else {
                format!("would be closed by {}", entry.closers.join(", "))
            };
            let message = format!(
                "{} {} is not covered by the configured tools; {closers}",
                entry.risk.code(),
                entry.risk.name()
            );
            failed |= fail(&mut directives, config.deny, message);
        }
    }
    Outcome {
        directives,
        coverage: Some(coverage),
        failed,
    }
}

/// Adds a warning (or with `deny`, an error) line; returns whether it fails the build.
fn fail(directives: &mut Vec<String>, deny: bool, message: String) -> bool {
    let level = if deny { "error" } else { "warning" };
    directives.push(format!("cargo::{level}=mlsecops: {}", one_line(&message)));
    deny
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

fn load_registry(path: &Path) -> Result<Registry, String> {
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot open registry {}: {e}", path.display()))?;
    let extra = Registry::from_reader(std::io::BufReader::new(file))
        .map_err(|e| format!("registry {}: {e}", path.display()))?;
    let mut registry = Registry::builtin().clone();
    registry
        .merge(extra)
        .map_err(|e| format!("registry {}: {e}", path.display()))?;
    Ok(registry)
}

/// Reads the section; on error, whether `deny` was set (true when it could not be read) and why.
fn read_config(manifest: &Path) -> Result<Config, (bool, String)> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| (true, format!("cannot read {}: {e}", manifest.display())))?;
    let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        (
            true,
            format!("{} is not valid TOML: {e}", manifest.display()),
        )
    })?;
    let section = doc
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("mlsecops"))
        .ok_or_else(|| {
            (
                false,
                format!(
                    "{} has no [package.metadata.mlsecops] section",
                    manifest.display()
                ),
            )
        })?;
    let here = "[package.metadata.mlsecops]";
    let table = section
        .as_table()
        .ok_or_else(|| (true, format!("{here} is not a table")))?;
    let deny = match table.get("deny") {
        None => false,
        Some(toml::Value::Boolean(b)) => *b,
        Some(other) => {
            return Err((
                true,
                format!(
                    "{here} deny: expected true or false, found a {}",
                    other.type_str()
                ),
            ));
        }
    };
    let strings = |key: &str| -> Result<Vec<String>, (bool, String)> {
        match table.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str().map(str::to_owned).ok_or_else(|| {
                        (
                            deny,
                            format!("{here} {key}: expected strings, found a {}", v.type_str()),
                        )
                    })
                })
                .collect(),
            Some(other) => Err((
                deny,
                format!(
                    "{here} {key}: expected an array of strings, found a {}",
                    other.type_str()
                ),
            )),
        }
    };
    for key in table.keys() {
        if !["tools", "registry", "require", "deny"].contains(&key.as_str()) {
            let hint = crate::suggest::closest(key, ["tools", "registry", "require", "deny"])
                .map(|s| format!(", did you mean {s}?"))
                .unwrap_or_default();
            return Err((deny, format!("{here} has an unknown key {key:?}{hint}")));
        }
    }
    let tools = strings("tools")?;
    let mut require = RiskSet::EMPTY;
    for spec in strings("require")? {
        let requirement: Requirement = spec
            .parse()
            .map_err(|e| (deny, format!("{here} require: {e}")))?;
        require |= requirement.risks();
    }
    let registry = match table.get("registry") {
        None => None,
        Some(toml::Value::String(s)) => Some(PathBuf::from(s)),
        Some(other) => {
            return Err((
                deny,
                format!(
                    "{here} registry: expected a path string, found a {}",
                    other.type_str()
                ),
            ));
        }
    };
    Ok(Config {
        tools,
        registry,
        require,
        deny,
    })
}
