//! SARIF 2.1.0 logs of the gate's findings, for GitHub code scanning and every other SARIF
//! reader: [`Log::check`] (a policy's verdict), [`Log::coverage`] (the gaps of a coverage
//! report), [`Log::lint`] (contribution rules) and [`Log::validation`] (a registry file).
//!
//! Each risk code is a rule (`id` the code, `name` its Rust variant, the source's name and
//! description, a `helpUri` to its documentation, its domain, layer and phase as properties,
//! its ATLAS and OWASP links in the help text); each finding is a result, located at its
//! file, line and column when it has one, with a stable `partialFingerprints` entry
//! (`mlsecops/v1`) computed from what the finding is about, never from its line, so that code
//! scanning keeps tracking an alert when the lines above it move.
//!
//! No rule carries a `security-severity`: the source ranks no risk above another, and a score
//! invented here would be a fact without a source. Results carry the level the gate gives them
//! (`error` when the policy denies gaps, `warning` otherwise).
//!
//! ```
//! use mlsecops_taxonomy::{Registry, Requirement, sarif};
//!
//! let coverage = Registry::builtin().coverage(["Garak"])?;
//! let report = coverage.report(["R17-Security".parse::<Requirement>()?, "R10-Security".parse()?]);
//! let log = sarif::Log::coverage(&report);
//! let results = log.runs()[0].results();
//! assert_eq!(results.len(), 0); // Garak covers both
//!
//! let report = coverage.report(["model".parse::<Requirement>()?]);
//! let log = sarif::Log::coverage(&report);
//! let run = &log.runs()[0];
//! assert_eq!(run.rules().len(), 34);
//! let first = &run.results()[0];
//! assert_eq!(first.rule_id(), "R8-Security");
//! assert_eq!(first.level(), sarif::Level::Error);
//! let doc: serde_json::Value = serde_json::from_str(&log.to_json())?;
//! assert_eq!(doc["version"], "2.1.0");
//! assert_eq!(doc["runs"][0]["tool"]["driver"]["rules"][16]["id"], "R17-Security");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::{CoverageReport, Diagnostic, Label, Registry, Risk, RiskSet};

/// The schema every log names: the OASIS SARIF 2.1.0 schema (with its errata).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of the results' `partialFingerprints` entry.
pub const FINGERPRINT_KEY: &str = "mlsecops/v1";

/// The `tool.driver.name` of every log.
pub const TOOL_NAME: &str = "mlsecops";

/// Where the crate's documentation is, for `informationUri` and the rules' `helpUri`.
const DOCS: &str = concat!(
    "https://docs.rs/mlsecops-taxonomy/",
    env!("CARGO_PKG_VERSION"),
    "/mlsecops_taxonomy/"
);

/// A SARIF log: the schema, the version and one run.
///
/// ```
/// use mlsecops_taxonomy::{Validation, sarif};
/// let log = sarif::Log::validation(&Validation::of_text("tools.json", r#"{"tools": 3}"#));
/// let result = &log.runs()[0].results()[0];
/// assert_eq!(result.rule_id(), "lint/format");
/// assert_eq!(result.location(), Some(("tools.json", Some((1, 11)))));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

/// One run of the tool: the tool with its rules, and the results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    tool: Tool,
    /// Whether the run could do its work: `false` when the input could not be checked (exit 2),
    /// with the reasons as notifications.
    invocations: Vec<Invocation>,
    /// Columns count Unicode code points, as every position of this crate does.
    column_kind: &'static str,
    results: Vec<Result>,
    /// How many results so far have each fingerprint base: the occurrence of the next one in
    /// constant time, so that a run of many findings takes linear time.
    #[serde(skip)]
    occurrences: std::collections::HashMap<u64, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Notification {
    level: Level,
    message: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    full_name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

/// A rule (SARIF's `reportingDescriptor`): a risk code, a contribution rule, or the policy's
/// own well-formedness.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help_uri: String,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

impl ReportingDescriptor {
    /// The rule's id: a risk code (`R17-Security`), a contribution rule (`lint/duplicate`),
    /// or `policy`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The rule's name, a Pascal-case identifier (`ApiAbuseAndInjection`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The one-line description.
    pub fn short_description(&self) -> &str {
        &self.short_description.text
    }

    /// The page that documents the rule.
    pub fn help_uri(&self) -> &str {
        &self.help_uri
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Text {
    text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Configuration {
    level: Level,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    layer: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<&'static str>,
}

/// How serious a result is: the crate's [`Level`](crate::Level), which SARIF names `error`,
/// `warning` and `note`.
pub use crate::Level;

/// One finding (SARIF's `result`): its rule, level, message, location and fingerprint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Result {
    rule_id: String,
    rule_index: usize,
    level: Level,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    /// A person's acceptance of what the result reports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// The fingerprint's hash before the occurrence is counted.
    #[serde(skip)]
    base: u64,
}

impl Result {
    /// The rule's id.
    pub fn rule_id(&self) -> &str {
        &self.rule_id
    }

    /// Error or warning.
    pub fn level(&self) -> Level {
        self.level
    }

    /// What was found, as one or more sentences.
    pub fn message(&self) -> &str {
        &self.message.text
    }

    /// The file's URI and the line and column (from 1), when the finding has a place.
    pub fn location(&self) -> Option<(&str, Option<(usize, usize)>)> {
        let at = &self.locations.first()?.physical_location;
        Some((
            &at.artifact_location.uri,
            at.region.as_ref().map(|r| (r.start_line, r.start_column)),
        ))
    }

    /// Whether a person accepted what it reports (SARIF's suppression, status `accepted`).
    pub fn is_suppressed(&self) -> bool {
        !self.suppressions.is_empty()
    }

    /// The `mlsecops/v1` fingerprint: the same finding has the same one in every run.
    pub fn fingerprint(&self) -> &str {
        &self.partial_fingerprints[FINGERPRINT_KEY]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

/// SARIF's `suppression`: accepted outside the tool, by the policy's `[[accept]]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

/// A place related to a result, in its own file (SARIF's `relatedLocations` entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    #[serde(flatten)]
    location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

impl Log {
    /// The one constructor: a log of `diagnostics` under `rules`, one result per diagnostic.
    fn of_diagnostics(rules: Vec<ReportingDescriptor>, diagnostics: &[Diagnostic]) -> Log {
        let mut run = Run::new(rules);
        for d in diagnostics {
            run.push(d);
        }
        Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![run],
        }
    }

    /// A log of any diagnostics of this crate: the 34 risk codes as rules (their help naming
    /// the tools of `registry`), and the rules of the other codes the diagnostics use
    /// (`policy`, `detect`, the contribution rules).
    ///
    /// ```
    /// use mlsecops_taxonomy::{Diagnostic, Label, Level, Location, Registry, sarif};
    /// let d = Diagnostic::new(Level::Warning, "R8-Security", "required risk not covered")
    ///     .at(Label::new("mlsecops.toml").at(Location { line: 2, column: 12 }));
    /// let log = sarif::Log::from_diagnostics(Registry::builtin(), &[d]);
    /// let result = &log.runs()[0].results()[0];
    /// assert_eq!(result.rule_id(), "R8-Security");
    /// assert_eq!(result.level(), sarif::Level::Warning);
    /// assert_eq!(result.location(), Some(("mlsecops.toml", Some((2, 12)))));
    /// ```
    pub fn from_diagnostics(registry: &Registry, diagnostics: &[Diagnostic]) -> Log {
        let mut rules = risk_rules(registry);
        let uses = |prefix: &str| diagnostics.iter().any(|d| d.code().starts_with(prefix));
        if uses("policy") {
            rules.push(policy_rule());
        }
        if uses("detect") {
            rules.push(detect_rule());
        }
        if uses("lint/") {
            rules.extend(lint_rules());
        }
        Log::of_diagnostics(rules, diagnostics)
    }

    /// The log of a run that could not do its work (the input could not be checked: exit 2):
    /// `executionSuccessful: false`, each error also a tool execution notification, so that a
    /// reader of the log never takes it for a clean pass.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Diagnostic, Label, Level, Registry, sarif};
    /// let error = Diagnostic::new(Level::Error, "policy", "mlsecops.toml has no key \"tols\"")
    ///     .at(Label::new("mlsecops.toml"));
    /// let log = sarif::Log::from_diagnostics(Registry::builtin(), &[error]).unsuccessful();
    /// let doc: serde_json::Value = serde_json::from_str(&log.to_json())?;
    /// assert_eq!(doc["runs"][0]["invocations"][0]["executionSuccessful"], false);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn unsuccessful(mut self) -> Log {
        for run in &mut self.runs {
            let notifications = run
                .results
                .iter()
                .filter(|r| r.level == Level::Error)
                .map(|r| Notification {
                    level: Level::Error,
                    message: r.message.clone(),
                })
                .collect();
            run.invocations = vec![Invocation {
                execution_successful: false,
                tool_execution_notifications: notifications,
            }];
        }
        self
    }

    /// The runs (one).
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The log as JSON, two-space indentation, final newline.
    pub fn to_json(&self) -> String {
        crate::output::document::text(self)
    }

    /// The gaps of a coverage report, one result per required risk left open (with the
    /// requirements that ask for it and the tools that would close it), without a location:
    /// the tools were named, not read from a file. Rules: the 34 risk codes.
    pub fn coverage(report: &CoverageReport<'_>) -> Log {
        let rules = risk_rules(report.coverage().registry());
        Log::of_diagnostics(rules, &report.diagnostics())
    }

    /// A registry file's problems, one result per problem at its line and column, under the
    /// contribution rule it breaks (`format` for the document's syntax, fields and types).
    pub fn validation(validation: &crate::Validation) -> Log {
        Log::of_diagnostics(lint_rules(), &validation.diagnostics())
    }

    /// The findings of the contribution rules in one file, each at its line and column.
    #[cfg(feature = "markdown")]
    #[cfg_attr(docsrs, doc(cfg(feature = "markdown")))]
    pub fn lint(report: &crate::list::LintReport) -> Log {
        Log::of_diagnostics(lint_rules(), &report.diagnostics())
    }

    /// A policy's verdict: each required risk left open at the line of the requirement that
    /// asks for it (`error` when the policy denies gaps, `warning` otherwise), each error of
    /// the policy itself under the `policy` rule, each problem of the registry file it names
    /// or of a file detection read in that file. Rules: the 34 risk codes, `policy`, and those
    /// of the other codes used.
    #[cfg(feature = "build")]
    #[cfg_attr(docsrs, doc(cfg(feature = "build")))]
    pub fn check(verdict: &crate::policy::Verdict) -> Log {
        let registry = verdict
            .coverage()
            .map_or(Registry::builtin(), |c| c.registry());
        let covered: Vec<Covered> = verdict.covered_by().iter().map(Covered::of).collect();
        let mut rules = risk_rules_covered(registry, &covered);
        rules.push(policy_rule());
        let uses = |prefix: &str| {
            verdict
                .findings()
                .iter()
                .any(|d| d.code().starts_with(prefix))
        };
        if uses("detect") {
            rules.push(detect_rule());
        }
        if uses("lint/") {
            rules.extend(lint_rules());
        }
        Log::of_diagnostics(rules, verdict.findings())
    }
}

impl Run {
    fn new(rules: Vec<ReportingDescriptor>) -> Run {
        Run {
            tool: Tool {
                driver: Driver {
                    name: TOOL_NAME,
                    full_name: concat!("mlsecops ", env!("CARGO_PKG_VERSION")),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: "https://docs.rs/mlsecops-taxonomy",
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: true,
                tool_execution_notifications: Vec::new(),
            }],
            column_kind: "unicodeCodePoints",
            results: Vec::new(),
            occurrences: std::collections::HashMap::new(),
        }
    }

    /// The rules the results refer to by id and index.
    pub fn rules(&self) -> &[ReportingDescriptor] {
        &self.tool.driver.rules
    }

    /// The results, in the order of the findings.
    pub fn results(&self) -> &[Result] {
        &self.results
    }

    /// Adds the result of a diagnostic, under the rule of its code (which must be one of the
    /// run's rules). Its fingerprint hashes the rule, the file, what the diagnostic is about
    /// (never its line) and how many results before it had the same hash.
    fn push(&mut self, d: &Diagnostic) {
        let rule_id = d.code();
        let rule_index = self
            .rules()
            .iter()
            .position(|r| r.id == rule_id)
            .expect("every result's rule is among the run's rules");
        let file = d.file().map(uri);
        // FNV-1a over the parts, each ended by 0xff: a fixed, documented function, so that the
        // fingerprint of a finding never changes between versions of this crate.
        let mut base: u64 = 0xcbf2_9ce4_8422_2325;
        let parts = [rule_id, file.as_deref().unwrap_or("")];
        let subject = d.subject().iter().map(String::as_str);
        for part in parts.into_iter().chain(subject) {
            for &b in part.as_bytes().iter().chain(&[0xff]) {
                base = (base ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        // Findings about the same thing are told apart by their order.
        let seen = self.occurrences.entry(base).or_insert(0);
        let occurrence = *seen;
        *seen += 1;
        let mut fingerprints = BTreeMap::new();
        fingerprints.insert(FINGERPRINT_KEY, format!("{base:016x}:{occurrence}"));
        let locations = d.primary().map(location).into_iter().collect();
        let related_locations = d
            .related_labels()
            .iter()
            .enumerate()
            .map(|(i, label)| RelatedLocation {
                id: i,
                location: location(label),
                message: label.message().map(|m| Text { text: sentence(m) }),
            })
            .collect();
        self.results.push(Result {
            rule_id: rule_id.to_owned(),
            rule_index,
            level: d.level(),
            message: Text {
                text: sentence(d.message()),
            },
            locations,
            related_locations,
            suppressions: d
                .acceptance()
                .map(|reason| Suppression {
                    kind: "external",
                    status: "accepted",
                    justification: reason.to_owned(),
                })
                .into_iter()
                .collect(),
            partial_fingerprints: fingerprints,
            base,
        });
    }
}

/// A label as a SARIF location.
fn location(label: &Label) -> Location {
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(label.file()),
            },
            region: label.location().map(|at| Region {
                start_line: at.line,
                start_column: at.column,
            }),
        },
    }
}

/// The 34 risk codes as rules, in taxonomy order.
fn risk_rules(registry: &Registry) -> Vec<ReportingDescriptor> {
    risk_rules_covered(registry, &[])
}

/// A covered risk of a verdict as a rule's help says it: its code, then one tool with its
/// evidence, as text and as Markdown.
struct Covered {
    risk: String,
    text: String,
    markdown: String,
}

impl Covered {
    #[cfg(feature = "build")]
    fn of(c: &crate::CheckCoverage) -> Covered {
        let mut markdown = format!("{}, {}", crate::escape::markdown(&c.tool), c.basis);
        if let Some(quote) = &c.quote {
            let _ = write!(markdown, ": “{}”", crate::escape::markdown(quote));
        }
        // A link only for the built-in evidence: a registry file's text links nowhere.
        match (&c.source, &c.url) {
            (Some(source), Some(url)) if c.basis != crate::Basis::User => {
                let _ = write!(
                    markdown,
                    " ([{}]({}))",
                    crate::escape::markdown(source),
                    url.replace(['(', ')', ' '], "")
                );
            }
            (Some(source), _) => {
                let _ = write!(markdown, " ({})", crate::escape::markdown(source));
            }
            _ => {}
        }
        Covered {
            risk: c.risk.clone(),
            text: c.summary(),
            markdown,
        }
    }
}

/// The 34 risk codes as rules, each covered one's help saying by which tool, on what evidence.
fn risk_rules_covered(registry: &Registry, covered: &[Covered]) -> Vec<ReportingDescriptor> {
    RiskSet::ALL
        .iter()
        .map(|risk| risk_rule(risk, registry, covered))
        .collect()
}

fn risk_rule(risk: Risk, registry: &Registry, covered: &[Covered]) -> ReportingDescriptor {
    let variant = match risk {
        Risk::Security(r) => format!("{r:?}"),
        Risk::Privacy(r) => format!("{r:?}"),
    };
    let page = match risk {
        Risk::Security(_) => "enum.SecurityRisk.html",
        Risk::Privacy(_) => "enum.PrivacyRisk.html",
    };
    let phase = risk.phase();
    let mut text = format!(
        "{} ({}): {} Listed under {} ({} layer).",
        risk.name(),
        risk.code(),
        risk.description(),
        phase.name(),
        risk.layer().name()
    );
    let mut markdown = format!(
        "**{}** (`{}`): {}\n\nListed under {} ({} layer).",
        risk.name(),
        risk.code(),
        risk.description(),
        phase.name(),
        risk.layer().name()
    );
    let links: Vec<String> = risk
        .crosswalk()
        .iter()
        .map(|l| format!("{} {} ({})", l.target(), l.target().title(), l.strength()))
        .collect();
    if !links.is_empty() {
        let _ = write!(text, " Crosswalk: {}.", links.join("; "));
        markdown.push_str("\n\nCrosswalk:\n");
        for link in &links {
            let _ = write!(markdown, "\n- {link}");
        }
    }
    let here: Vec<&Covered> = covered.iter().filter(|c| c.risk == risk.code()).collect();
    if !here.is_empty() {
        let _ = write!(
            text,
            " Covered here by: {}.",
            here.iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        );
        markdown.push_str("\n\nCovered here by:\n");
        for c in &here {
            let _ = write!(markdown, "\n- {}", c.markdown);
        }
    }
    // Each tool with the strongest basis of its mapping: the source's row, the tool's own
    // words (stated), this crate's reading (judged), or the user's word.
    let tools: Vec<String> = registry
        .tools_covering(risk)
        .map(|t| match t.risk_basis(risk) {
            Some(basis) if !t.amended_risks().contains(risk) => format!("{} ({basis})", t.name()),
            _ => t.name_covering(risk),
        })
        .collect();
    if tools.is_empty() {
        text.push_str(" No tool of the registry covers it.");
        markdown.push_str("\n\nNo tool of the registry covers it.");
    } else {
        let _ = write!(text, " Tools that cover it: {}.", tools.join(", "));
        let _ = write!(markdown, "\n\nTools that cover it: {}.", tools.join(", "));
    }
    let mut tags = vec!["security", "mlsecops"];
    if !tags.contains(&risk.domain().as_str()) {
        tags.push(risk.domain().as_str());
    }
    ReportingDescriptor {
        id: risk.code().to_owned(),
        name: variant.clone(),
        short_description: Text {
            text: format!("{}.", risk.name()),
        },
        full_description: Text {
            text: risk.description().to_owned(),
        },
        help_uri: format!("{DOCS}{page}#variant.{variant}"),
        help: Help { text, markdown },
        default_configuration: Configuration {
            level: Level::Error,
        },
        properties: RuleProperties {
            tags,
            domain: Some(risk.domain().as_str()),
            layer: Some(risk.layer().as_str()),
            phase: Some(phase.as_str()),
        },
    }
}

/// The contribution rules as rules.
fn lint_rules() -> Vec<ReportingDescriptor> {
    crate::registry::rules::Rule::ALL
        .iter()
        .map(|&rule| {
            let variant = format!("{rule:?}");
            ReportingDescriptor::plain(
                rule.code(),
                &variant,
                format!("{}.", rule.name()),
                rule.description(),
                format!("{DOCS}list/enum.Rule.html#variant.{variant}"),
                "contribution-rules",
            )
        })
        .collect()
}

/// The rule of files detection could not read.
fn detect_rule() -> ReportingDescriptor {
    ReportingDescriptor::plain(
        "detect".to_owned(),
        "ReadableManifest",
        "The project's files can be read.".to_owned(),
        "Every manifest, lockfile, SBOM and workflow that detection reads is readable text of \
         its format, within the size limit.",
        format!("{DOCS}detect/index.html"),
        "detection",
    )
}

/// The rule of a policy's own errors.
fn policy_rule() -> ReportingDescriptor {
    ReportingDescriptor::plain(
        "policy".to_owned(),
        "ReadablePolicy",
        "The policy can be checked.".to_owned(),
        "The policy (mlsecops.toml, [tool.mlsecops] in pyproject.toml or \
         [package.metadata.mlsecops] in Cargo.toml) can be checked: its keys are known, its \
         requirements, tools and registry file exist, and it requires something.",
        format!("{DOCS}policy/index.html"),
        "configuration",
    )
}

impl ReportingDescriptor {
    /// A rule that is not a risk: its description is its help, its level `error`.
    fn plain(
        id: String,
        name: &str,
        short: String,
        description: &str,
        help_uri: String,
        tag: &'static str,
    ) -> ReportingDescriptor {
        ReportingDescriptor {
            id,
            name: name.to_owned(),
            short_description: Text { text: short },
            full_description: Text {
                text: description.to_owned(),
            },
            help_uri,
            help: Help {
                text: description.to_owned(),
                markdown: description.to_owned(),
            },
            default_configuration: Configuration {
                level: Level::Error,
            },
            properties: RuleProperties {
                tags: vec!["mlsecops", tag],
                domain: None,
                layer: None,
                phase: None,
            },
        }
    }
}

/// A message as a sentence: ending with a period, unless it already ends as a sentence does
/// (a question such as `did you mean require?`, or an exclamation).
fn sentence(message: &str) -> String {
    let message = message.trim_end();
    if message.ends_with(['.', '?', '!']) {
        message.to_owned()
    } else {
        format!("{message}.")
    }
}

/// A file's path as a URI reference: relative paths stay relative (with `/`), absolute ones
/// become `file://` URIs; characters outside RFC 3986's unreserved set and `/` are
/// percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let (prefix, rest) = if path.starts_with('/') {
        ("file://", path.as_str())
    } else if path.as_bytes().get(1) == Some(&b':') {
        ("file:///", path.as_str())
    } else {
        ("", path.strip_prefix("./").unwrap_or(&path))
    };
    let mut out = String::from(prefix);
    for (i, byte) in rest.bytes().enumerate() {
        let drive = prefix == "file:///" && i == 1;
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) || drive {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_or_file_uris_and_percent_encoded() {
        assert_eq!(uri("./pyproject.toml"), "pyproject.toml");
        assert_eq!(
            uri("examples/ml project/pyproject.toml"),
            "examples/ml%20project/pyproject.toml"
        );
        assert_eq!(
            uri("/srv/repo/mlsecops.toml"),
            "file:///srv/repo/mlsecops.toml"
        );
        assert_eq!(uri("C:\\repo\\a#b.json"), "file:///C:/repo/a%23b.json");
        assert_eq!(uri("données.md"), "donn%C3%A9es.md");
    }

    #[test]
    fn sentences_end_with_a_period() {
        assert_eq!(sentence("not JSON"), "not JSON.");
        assert_eq!(sentence("done. "), "done.");
        // A suggestion is a question: never `require?.`.
        assert_eq!(
            sentence("has no key \"requires\": did you mean require?"),
            "has no key \"requires\": did you mean require?"
        );
        assert_eq!(sentence("stop!"), "stop!");
    }
}
