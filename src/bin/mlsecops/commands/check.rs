//! `mlsecops check`: a project checked against its policy (mlsecops.toml, `[tool.mlsecops]` in
//! pyproject.toml or `[package.metadata.mlsecops]` in Cargo.toml, the first found), as
//! `build::check()` does: exit 1 when a required risk is not covered and the policy denies gaps.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;
use mlsecops_taxonomy::policy::Policy;
use mlsecops_taxonomy::{
    CheckCoverage, CheckFinding, CheckReport, Registry, RiskSet, navigator, sarif,
};

use crate::args::{MisplacedRegistry, RootArgs};
use crate::error::{Error, Outcome, Result};
use crate::output::{annotations, text_lines};

#[derive(clap::Args)]
pub struct Args {
    /// The project's directory.
    #[arg(default_value = ".")]
    dir: PathBuf,
    #[command(flatten)]
    misplaced: MisplacedRegistry,
    #[command(flatten)]
    root: RootArgs,
    /// How to print the verdict.
    #[arg(long, value_enum, default_value_t)]
    format: CheckFormat,
}

/// How `check` prints its verdict.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// One line per finding, `file:line:column: level: message`, then the verdict.
    #[default]
    Table,
    /// GitHub Actions workflow annotations, shown on the pull request's diff.
    Github,
    /// A SARIF 2.1.0 log, for code scanning (github/codeql-action/upload-sarif).
    Sarif,
    /// An ATLAS Navigator layer of the policy's coverage, gaps from the required risks.
    Navigator,
    /// The verdict document (check.schema.json).
    Json,
    /// A Markdown summary, for $GITHUB_STEP_SUMMARY or a pull request's comment.
    Markdown,
}

/// Why `check` takes no registry option.
const NOT_FOR_CHECK: &str = "check reads the registry its policy names (registry = \"FILE\" in \
    mlsecops.toml, [tool.mlsecops] or [package.metadata.mlsecops]), as the build script does; \
    --registry and --registry-only do not apply to it";

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    if args.misplaced.given() {
        return Err(Error::msg(NOT_FOR_CHECK));
    }
    let mut policy = match Policy::discover(&args.dir) {
        Ok(policy) => policy,
        Err(e) => {
            // Every outcome in every format: a policy that cannot be read still writes its log
            // and its annotation, so a workflow never uploads an empty file.
            let error = e.diagnostics().to_vec();
            match args.format {
                CheckFormat::Sarif => out.push_str(
                    &sarif::Log::from_diagnostics(Registry::builtin(), &error)
                        .unsuccessful()
                        .to_json(),
                ),
                CheckFormat::Github => annotations(&error, out),
                CheckFormat::Json | CheckFormat::Markdown => {
                    let report = unreadable(&args.dir, &e);
                    if args.format == CheckFormat::Json {
                        out.push_str(&report.to_json());
                    } else {
                        out.push_str(&report.to_markdown());
                    }
                }
                _ => {}
            }
            return Err(Error::from(e));
        }
    };
    if let Some(root) = args.root.root()? {
        policy = policy.with_root(root);
    }
    let verdict = policy.evaluate();
    let findings = verdict.findings();
    let lines = text_lines(findings);
    match args.format {
        CheckFormat::Sarif => {
            let log = sarif::Log::check(&verdict);
            let log = if verdict.is_configuration_error() {
                log.unsuccessful()
            } else {
                log
            };
            out.push_str(&log.to_json());
        }
        CheckFormat::Navigator => {
            if let Some(layer) = navigator::Layer::check(&verdict) {
                out.push_str(&layer.to_json());
            }
        }
        CheckFormat::Github => annotations(findings, out),
        CheckFormat::Json | CheckFormat::Markdown => {
            let shown = policy.root().map_or_else(
                |_| policy.file().display().to_string(),
                |r| r.relative(policy.file()),
            );
            let report = verdict.report(&shown);
            if args.format == CheckFormat::Json {
                out.push_str(&report.to_json());
            } else {
                out.push_str(&report.to_markdown());
            }
        }
        CheckFormat::Table if !verdict.is_configuration_error() => {
            for line in &lines {
                let _ = writeln!(out, "{line}");
            }
            // Each covered risk, by which tools, on what evidence (`show TOOL` quotes it).
            let covered = verdict.covered_by();
            let mut i = 0;
            while i < covered.len() {
                let risk = &covered[i].risk;
                let by: Vec<String> = covered[i..]
                    .iter()
                    .take_while(|c| &c.risk == risk)
                    .map(CheckCoverage::short)
                    .collect();
                i += by.len();
                let _ = writeln!(
                    out,
                    "{risk} covered by {}",
                    mlsecops_taxonomy::escape::text(&by.join("; "))
                );
            }
            let bases = verdict.bases();
            if bases.len() < mlsecops_taxonomy::Basis::ALL.len() {
                let names: Vec<&str> = bases.iter().map(|b| b.as_str()).collect();
                let _ = writeln!(out, "counted: {} mappings (basis)", names.join(", "));
            }
            let coverage = verdict
                .coverage()
                .expect("a policy without configuration errors has a coverage");
            let _ = writeln!(
                out,
                "{}: {} ({})",
                policy.file().display(),
                if verdict.is_failed() {
                    "FAILED"
                } else {
                    "passed"
                },
                coverage
            );
        }
        CheckFormat::Table => {}
    }
    if verdict.is_configuration_error() {
        let heading = (args.format != CheckFormat::Table)
            .then(|| format!("{}: the policy cannot be checked", policy.file().display()));
        return Err(Error::diagnostics(heading, findings.to_vec()));
    }
    Ok(if verdict.is_failed() {
        // The open risks, as every format counts them (an expired acceptance's risk once).
        let open = verdict.open().len();
        Outcome::CheckFailed(format!(
            "{}: {open} required risk{} not covered (deny = true)",
            policy.file().display(),
            if open == 1 { "" } else { "s" },
        ))
    } else {
        Outcome::Success
    })
}

/// The verdict document of a policy that could not be read.
fn unreadable(dir: &std::path::Path, e: &mlsecops_taxonomy::policy::PolicyError) -> CheckReport {
    CheckReport {
        data_version: mlsecops_taxonomy::DATA_VERSION.to_owned(),
        policy: e
            .diagnostic()
            .file()
            .map_or_else(|| dir.display().to_string(), str::to_owned),
        passed: false,
        configuration_error: true,
        required: RiskSet::EMPTY,
        covered: RiskSet::EMPTY,
        accepted: RiskSet::EMPTY,
        open: RiskSet::EMPTY,
        tools: Vec::new(),
        evidence: Vec::new(),
        bases: Vec::new(),
        covered_by: Vec::new(),
        findings: e
            .diagnostics()
            .iter()
            .map(|d| CheckFinding {
                level: d.level().as_str().to_owned(),
                code: d.code().to_owned(),
                message: d.message().to_owned(),
                file: d.file().map(str::to_owned),
                line: d.line(),
                column: d.column(),
                accepted: None,
            })
            .collect(),
    }
}
