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
//! registry = "mlsecops-registry.json"   # optional, extends the built-in registry
//! require = ["model", "R1-Security", "data_storage"]   # layers, phases, risk codes, domains, "all"
//! deny = true                         # the default: a coverage gap fails the build
//! ```
//!
//! and its `build.rs`:
//!
//! ```no_run
//! mlsecops_taxonomy::build::check();
//! ```
//!
//! Each uncovered required risk becomes a `cargo::error=` line naming the risk and the tools
//! that would cover it (or saying that no tool covers it), which fails the build (Cargo 1.84 and
//! later); with `deny = false` each is a `cargo::warning=` line.
//!
//! A configuration that cannot be checked always fails the build, whatever `deny` says: a
//! missing section, an unknown key, a value of the wrong type, an unknown tool, a bad
//! requirement, no requirement at all (no `require`, or `require = []`: a gate that checks
//! nothing), a missing or invalid registry file. Each is a `cargo::error=` line with the
//! file, line and column, and the closest valid value where there is one
//! (`Cargo.toml:9:10: unknown tool "Garrak": did you mean Garak?`). A gate that stopped
//! gating because of a typo would pass every build; this one never does.

use std::path::{Path, PathBuf};

use crate::coverage::Coverage;
use crate::policy::{Level, Policy, Verdict};

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
    verdict: Option<Verdict>,
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
        self.verdict.as_ref()?.coverage()
    }

    /// The policy's verdict, as `mlsecops check` gives it; `None` when the policy could not
    /// be read.
    pub fn verdict(&self) -> Option<&Verdict> {
        self.verdict.as_ref()
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

/// Evaluates the `[package.metadata.mlsecops]` section of `manifest_dir/Cargo.toml` without
/// printing anything: the same [`Policy::evaluate`] as `mlsecops check`, as Cargo directives.
pub fn evaluate(manifest_dir: &Path) -> Outcome {
    let manifest = manifest_dir.join("Cargo.toml");
    let mut outcome = Outcome {
        directives: vec![format!("cargo::rerun-if-changed={}", manifest.display())],
        failed: false,
        verdict: None,
    };
    let policy = match Policy::from_cargo_manifest(manifest_dir) {
        Ok(policy) => policy,
        Err(e) => {
            for d in e.diagnostics() {
                outcome.push("error", &directive_text(d));
            }
            outcome.failed = true;
            return outcome;
        }
    };
    for input in policy.inputs().iter().skip(1) {
        outcome
            .directives
            .push(format!("cargo::rerun-if-changed={}", input.display()));
    }
    let verdict = policy.evaluate();
    for finding in verdict.findings() {
        let level = match finding.level() {
            Level::Error => "error",
            _ => "warning",
        };
        outcome.push(level, &directive_text(finding));
    }
    outcome.failed = verdict.is_failed();
    if !verdict.is_configuration_error() {
        outcome.verdict = Some(verdict);
    }
    outcome
}

/// A diagnostic as Cargo shows it after `error:` or `warning:`: its place, its message, and
/// its related places (`Cargo.toml:9:10: unknown tool "Garrak": did you mean Garak?`).
fn directive_text(d: &crate::Diagnostic) -> String {
    let mut text = match d.primary() {
        Some(label) => format!("{label}: {}", d.message()),
        None => d.message().to_owned(),
    };
    for label in d.related_labels() {
        text.push_str(&format!(
            " ({label}: {})",
            label.message().unwrap_or("related")
        ));
    }
    text
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
