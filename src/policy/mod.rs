//! One coverage policy for the build script and CI (feature `build`): which tools a project uses
//! (named, or detected from its files), which registry, which risks they must cover, and whether
//! a gap fails. [`build::check`](crate::policy::build::check) reads it from `Cargo.toml`; `mlsecops
//! check` finds it in `mlsecops.toml`, `pyproject.toml` (`[tool.mlsecops]`, the Python
//! convention) or `Cargo.toml` (`[package.metadata.mlsecops]`), the first found, and gives the
//! same verdict.
//!
//! ```toml
//! # mlsecops.toml
//! tools = ["Garak"]                  # named tools
//! detect = true                      # and the tools the project's files show (or a list of paths)
//! registry = "security-tools.json"   # optional, extends the built-in registry
//! require = ["model", "R1-Security"] # layers, phases, risk codes, domains, "all"
//! deny = true                        # a gap fails (exit 1, or the build)
//! ```
//!
//! ```
//! use mlsecops_taxonomy::policy::{Level, Policy};
//!
//! let dir = std::env::temp_dir().join("mlsecops-policy-doc");
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("mlsecops.toml"), "tools = [\"Garak\"]\nrequire = [\"R17-Security\", \"R11-Security\"]\ndeny = true\n")?;
//! let verdict = Policy::discover(&dir)?.evaluate();
//! assert!(verdict.is_failed());
//! let finding = &verdict.findings()[0];
//! assert_eq!(finding.level(), Level::Error);
//! assert_eq!(finding.line(), Some(2));
//! assert!(finding.message().starts_with("required risk not covered: R11-Security"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod build;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::coverage::Coverage;
use crate::registry::Registry;
use crate::taxonomy::requirement::Requirement;
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;

/// The keys of a policy, for "did you mean".
const KEYS: [&str; 5] = ["tools", "detect", "registry", "require", "deny"];

/// Where a policy was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// `mlsecops.toml`: the whole file.
    MlsecopsToml,
    /// `pyproject.toml`: `[tool.mlsecops]`.
    Pyproject,
    /// `Cargo.toml`: `[package.metadata.mlsecops]`.
    CargoToml,
}

impl Source {
    /// The file name.
    pub const fn file_name(self) -> &'static str {
        match self {
            Source::MlsecopsToml => "mlsecops.toml",
            Source::Pyproject => "pyproject.toml",
            Source::CargoToml => "Cargo.toml",
        }
    }

    /// The section, as people write it.
    pub const fn section(self) -> &'static str {
        match self {
            Source::MlsecopsToml => "mlsecops.toml",
            Source::Pyproject => "[tool.mlsecops]",
            Source::CargoToml => "[package.metadata.mlsecops]",
        }
    }
}

/// A policy that cannot be read: the file, the position when there is one, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    file: PathBuf,
    at: Option<(usize, usize)>,
    message: String,
}

impl PolicyError {
    /// The file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Line and column, from 1, when the problem has a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.at
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// `mlsecops.toml:3:11: ...`.
impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        located(f, &self.file, self.at, &self.message)
    }
}

/// `file:line:column: message`, or `file: message` without a position.
fn located(
    f: &mut fmt::Formatter<'_>,
    file: &Path,
    at: Option<(usize, usize)>,
    message: &str,
) -> fmt::Result {
    match at {
        Some((line, column)) => write!(f, "{}:{line}:{column}: {message}", file.display()),
        None => write!(f, "{}: {message}", file.display()),
    }
}

impl std::error::Error for PolicyError {}

/// The policy's keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    #[serde(default)]
    tools: Vec<Spanned<String>>,
    detect: Option<Spanned<toml::Value>>,
    registry: Option<Spanned<PathBuf>>,
    #[serde(default)]
    require: Vec<Spanned<String>>,
    #[serde(default)]
    deny: bool,
}

#[derive(Deserialize)]
struct CargoManifest {
    package: Option<CargoPackage>,
}

#[derive(Deserialize)]
struct CargoPackage {
    metadata: Option<CargoMetadata>,
}

#[derive(Deserialize)]
struct CargoMetadata {
    mlsecops: Option<Spanned<Section>>,
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyTool>,
}

#[derive(Deserialize)]
struct PyTool {
    mlsecops: Option<Spanned<Section>>,
}

/// A coverage policy, read from its file (see the module's documentation).
pub struct Policy {
    file: PathBuf,
    dir: PathBuf,
    text: String,
    source: Source,
    span: std::ops::Range<usize>,
    section: Section,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("file", &self.file)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Policy {
    /// The policy of the project in `dir`: `mlsecops.toml`, else `[tool.mlsecops]` of
    /// `pyproject.toml`, else `[package.metadata.mlsecops]` of `Cargo.toml`, the first found.
    ///
    /// # Errors
    /// No file holds a policy; the policy's file is not valid TOML, or its section has an
    /// unknown key (with the closest) or a value of the wrong type.
    pub fn discover(dir: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let dir = dir.as_ref();
        for source in [Source::MlsecopsToml, Source::Pyproject, Source::CargoToml] {
            let file = dir.join(source.file_name());
            if !file.is_file() {
                continue;
            }
            if let Some(policy) = Policy::read(&file, source)? {
                return Ok(policy);
            }
        }
        Err(PolicyError {
            file: dir.to_owned(),
            at: None,
            message: "no policy found: add mlsecops.toml, [tool.mlsecops] to pyproject.toml or \
                      [package.metadata.mlsecops] to Cargo.toml, with the tools you use and the \
                      risks they must cover (tools = [\"Garak\"], require = [\"model\"])"
                .to_owned(),
        })
    }

    /// The policy in `[package.metadata.mlsecops]` of `manifest_dir/Cargo.toml`, as the build
    /// gate reads it.
    ///
    /// # Errors
    /// As [`discover`](Policy::discover); a manifest without the section is an error.
    pub fn from_cargo_manifest(manifest_dir: impl AsRef<Path>) -> Result<Policy, PolicyError> {
        let file = manifest_dir.as_ref().join("Cargo.toml");
        Policy::read(&file, Source::CargoToml)?.ok_or_else(|| PolicyError {
            at: None,
            message: "no [package.metadata.mlsecops] section: add one with the tools you \
                      use and the risks they must cover (tools = [\"Garak\"], require = \
                      [\"model\"])"
                .to_owned(),
            file,
        })
    }

    /// Reads `file` as `source`; `Ok(None)` when the file holds no policy section.
    fn read(file: &Path, source: Source) -> Result<Option<Policy>, PolicyError> {
        let text = std::fs::read_to_string(file).map_err(|e| PolicyError {
            file: file.to_owned(),
            at: None,
            message: format!("cannot read: {e}"),
        })?;
        let section = match source {
            Source::MlsecopsToml => toml::from_str::<Spanned<Section>>(&text).map(Some),
            Source::Pyproject => {
                toml::from_str::<Pyproject>(&text).map(|p| p.tool.and_then(|t| t.mlsecops))
            }
            Source::CargoToml => toml::from_str::<CargoManifest>(&text)
                .map(|m| m.package.and_then(|p| p.metadata).and_then(|m| m.mlsecops)),
        }
        .map_err(|e| PolicyError {
            file: file.to_owned(),
            at: e.span().map(|s| position(&text, s.start)),
            message: describe_toml_error(&e, &text, source),
        })?;
        let Some(section) = section else {
            return Ok(None);
        };
        let span = section.span();
        Ok(Some(Policy {
            file: file.to_owned(),
            dir: file.parent().unwrap_or(Path::new("")).to_owned(),
            text,
            source,
            span,
            section: section.into_inner(),
        }))
    }

    /// The file the policy was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Where the policy was found.
    pub fn source(&self) -> Source {
        self.source
    }

    /// Whether a coverage gap fails (`deny = true`).
    pub fn denies(&self) -> bool {
        self.section.deny
    }

    /// Every file the verdict depends on: the policy's file and its registry file.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut out = vec![self.file.clone()];
        out.extend(
            self.section
                .registry
                .as_ref()
                .map(|r| self.dir.join(r.get_ref())),
        );
        out
    }

    /// Checks the policy: its configuration (each error located), then the coverage of its
    /// tools against its requirements (each gap located at the requirement that asks for it).
    pub fn evaluate(&self) -> Verdict {
        let mut verdict = Verdict {
            findings: Vec::new(),
            failed: false,
            configuration_error: false,
            checked: None,
            required: RiskSet::EMPTY,
        };
        let at = |span: std::ops::Range<usize>| Some(position(&self.text, span.start));
        let section = &self.section;
        // Each requirement with the risks it asks for.
        let mut requirements: Vec<(RiskSet, std::ops::Range<usize>)> = Vec::new();
        for spec in &section.require {
            match spec.get_ref().parse::<Requirement>() {
                Ok(r) => requirements.push((r.risks(), spec.span())),
                Err(e) => verdict.error(&self.file, at(spec.span()), format!("require: {e}")),
            }
        }
        let registry = match &section.registry {
            None => None,
            Some(path) => match Registry::builtin_with_file(self.dir.join(path.get_ref())) {
                Ok(registry) => Some(registry),
                Err(e) => {
                    for line in e.lines() {
                        verdict.error(&self.file, at(path.span()), format!("registry: {line}"));
                    }
                    return verdict;
                }
            },
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
                    verdict.error(&self.file, at(name.span()), format!("tools: {e}"));
                }
            }
        }
        if let Some(detect) = &section.detect {
            self.detect(detect, lookup, &mut selected, &mut verdict);
        }
        if verdict.failed {
            return verdict;
        }
        if section.require.is_empty() {
            verdict.findings.push(PolicyFinding {
                level: Level::Warning,
                file: self.file.clone(),
                at: at(self.span.clone()),
                message: format!(
                    "{} has no require: the gate checks nothing (add require = [\"model\"], a \
                     layer, phase, domain, risk code or \"all\")",
                    self.source.section()
                ),
                risk: None,
            });
        }
        let required = requirements.iter().fold(RiskSet::EMPTY, |a, (r, _)| a | *r);
        verdict.required = required;
        let coverage = Coverage::new(lookup, selected.iter().copied().collect());
        if let Err(gap) = coverage.require(required) {
            let level = if section.deny {
                Level::Error
            } else {
                Level::Warning
            };
            for entry in gap.entries() {
                // Located at the first requirement that asks for the risk.
                let span = requirements
                    .iter()
                    .find(|(r, _)| r.contains(entry.risk()))
                    .map(|(_, span)| span.clone());
                verdict.findings.push(PolicyFinding {
                    level,
                    file: self.file.clone(),
                    at: span.and_then(at),
                    message: format!("required risk not covered: {entry}"),
                    risk: Some(entry.risk()),
                });
            }
            verdict.failed |= section.deny;
        }
        verdict.checked = Some((registry, selected));
        verdict
    }

    /// The paths `detect` names: the policy's directory for `true`, none for `false`, the
    /// listed paths (relative to the policy's file) for an array of strings.
    fn detect_paths(&self, detect: &Spanned<toml::Value>) -> Result<Vec<PathBuf>, String> {
        match detect.get_ref() {
            toml::Value::Boolean(true) => Ok(vec![self.dir.clone()]),
            toml::Value::Boolean(false) => Ok(Vec::new()),
            toml::Value::Array(items) => items
                .iter()
                .map(|item| match item {
                    toml::Value::String(path) => Ok(self.dir.join(path)),
                    other => Err(format!(
                        "detect: a path is a string, not {}",
                        other.type_str()
                    )),
                })
                .collect(),
            other => Err(format!(
                "detect: true, false or an array of paths, not {}",
                other.type_str()
            )),
        }
    }

    #[cfg(feature = "detect")]
    fn detect(
        &self,
        detect: &Spanned<toml::Value>,
        registry: &Registry,
        selected: &mut Vec<usize>,
        verdict: &mut Verdict,
    ) {
        let at = Some(position(&self.text, detect.span().start));
        let paths = match self.detect_paths(detect) {
            Ok(paths) if paths.is_empty() => return,
            Ok(paths) => paths,
            Err(message) => {
                verdict.error(&self.file, at, message);
                return;
            }
        };
        match crate::detect::scan(&paths) {
            Ok(inventory) => {
                for found in inventory.tools(registry, false) {
                    if let Some(i) = registry.position(found.tool().id()) {
                        if !selected.contains(&i) {
                            selected.push(i);
                        }
                    }
                }
            }
            Err(e) => verdict.error(&self.file, at, format!("detect: {e}")),
        }
    }

    #[cfg(not(feature = "detect"))]
    fn detect(
        &self,
        detect: &Spanned<toml::Value>,
        _: &Registry,
        _: &mut Vec<usize>,
        verdict: &mut Verdict,
    ) {
        let at = Some(position(&self.text, detect.span().start));
        match self.detect_paths(detect) {
            Ok(paths) if paths.is_empty() => {}
            Ok(_) => verdict.error(
                &self.file,
                at,
                "detect needs the crate's `detect` feature (features = [\"build\", \"detect\"])"
                    .to_owned(),
            ),
            Err(message) => verdict.error(&self.file, at, message),
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// It fails the gate.
    Error,
    /// It is reported; the gate passes.
    Warning,
}

/// One finding of a policy's evaluation, located in the policy's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyFinding {
    level: Level,
    file: PathBuf,
    at: Option<(usize, usize)>,
    message: String,
    risk: Option<Risk>,
}

impl PolicyFinding {
    /// Error or warning.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The policy's file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The line, from 1, of what the finding is about (a requirement, a tool, a key).
    pub fn line(&self) -> Option<usize> {
        self.at.map(|a| a.0)
    }

    /// The column, from 1.
    pub fn column(&self) -> Option<usize> {
        self.at.map(|a| a.1)
    }

    /// What was found.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The required risk left open, for a gap; `None` for a finding about the policy itself.
    pub fn risk(&self) -> Option<Risk> {
        self.risk
    }
}

/// `mlsecops.toml:2:11: required risk not covered: ...`.
impl fmt::Display for PolicyFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        located(f, &self.file, self.at, &self.message)
    }
}

/// The verdict on a policy: its findings and whether the gate fails.
#[derive(Debug, Clone)]
pub struct Verdict {
    findings: Vec<PolicyFinding>,
    failed: bool,
    configuration_error: bool,
    checked: Option<(Option<Registry>, Vec<usize>)>,
    required: RiskSet,
}

impl Verdict {
    fn error(&mut self, file: &Path, at: Option<(usize, usize)>, message: String) {
        self.findings.push(PolicyFinding {
            level: Level::Error,
            file: file.to_owned(),
            at,
            message,
            risk: None,
        });
        self.failed = true;
        self.configuration_error = true;
    }

    /// Every finding, configuration errors first, then gaps.
    pub fn findings(&self) -> &[PolicyFinding] {
        &self.findings
    }

    /// Whether the gate fails: a configuration error, or a gap with `deny = true`.
    pub fn is_failed(&self) -> bool {
        self.failed
    }

    /// Whether the policy itself is wrong (bad input), rather than its tools falling short.
    pub fn is_configuration_error(&self) -> bool {
        self.configuration_error
    }

    /// The risks the policy requires covered (empty when its configuration could not be read).
    pub fn required(&self) -> RiskSet {
        self.required
    }

    /// The coverage of the policy's tools; `None` when the configuration could not be read.
    pub fn coverage(&self) -> Option<Coverage<'_>> {
        let (registry, selected) = self.checked.as_ref()?;
        let registry = registry.as_ref().unwrap_or(Registry::builtin());
        Some(Coverage::new(registry, selected.iter().copied().collect()))
    }
}

/// Line and column, from 1, of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = 1 + before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[start..].chars().count())
}

/// The TOML parser's message, on one line, with "did you mean" for an unknown key.
fn describe_toml_error(e: &toml::de::Error, text: &str, source: Source) -> String {
    let message = e
        .message()
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    if !message.starts_with("unknown field") {
        return message;
    }
    let key = e
        .span()
        .and_then(|span| text.get(span))
        .map(|k| k.trim_matches(['"', '\'']))
        .unwrap_or_default();
    let section = source.section();
    match crate::suggest::closest(key, KEYS) {
        Some(s) => format!(
            "{section} has no key {key:?}: {}",
            crate::suggest::did_you_mean(&[s])
        ),
        None => format!(
            "{section} has no key {key:?}: the keys are {}",
            KEYS.join(", ")
        ),
    }
}
