//! `mlsecops cover`: the fewest tools of the registry covering the required risks (all when
//! none), or the fewest to add to those a project's files show.

use std::fmt::Write as _;
use std::path::PathBuf;

use mlsecops_taxonomy::{Ecosystem, Registry, Requirement, RiskSet, Tool};

use super::detect::{detected, project_registry};
use crate::args::{Format, RegistryArgs, RootArgs, choice, requirement_names};
use crate::error::{Outcome, Result};
use crate::table::{Listing, codes, plural};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    registry: RegistryArgs,
    /// A requirement: all, a domain, a layer, a phase, a risk code such as R17-Security, or an
    /// ATLAS or OWASP id such as LLM01:2025 (every risk the crosswalk links to it).
    /// Repeatable.
    #[arg(long, value_name = "SPEC", value_parser = choice::<Requirement>(requirement_names()))]
    require: Vec<Requirement>,
    /// The fewest tools to add to those a project's files show (see `detect`); repeatable.
    #[arg(long, value_name = "PATH")]
    detect: Vec<PathBuf>,
    /// With --detect, count tools seen only as transitive dependencies.
    #[arg(long, requires = "detect")]
    transitive: bool,
    /// Also count tools a project cannot adopt as a control: benchmarks, playgrounds and
    /// research code.
    #[arg(long)]
    any_role: bool,
    /// Prefer tools of this ecosystem (pypi, npm, cargo, github for actions and hooks) among
    /// covers of the same size; repeatable, first preferred.
    #[arg(long, value_name = "ECOSYSTEM", value_parser = choice::<Ecosystem>(Ecosystem::ALL.map(Ecosystem::as_str)))]
    prefer: Vec<Ecosystem>,
    #[command(flatten)]
    root: RootArgs,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    // With --detect, the project's policy says which registry its tools are looked up in.
    let registry = if args.detect.is_empty() {
        args.registry.load()?
    } else {
        project_registry(&args.registry, &args.root, &args.detect)?
    };
    let used = if args.detect.is_empty() {
        None
    } else {
        Some(detected(
            &registry,
            &args.root,
            &args.detect,
            args.transitive,
        )?)
    };
    let choice = Choice {
        any_role: args.any_role,
        prefer: args.prefer,
    };
    Ok(cover(
        &registry,
        args.require,
        used,
        &choice,
        args.format,
        out,
    ))
}

/// Which tools a cover may take, and which it prefers.
struct Choice {
    any_role: bool,
    prefer: Vec<Ecosystem>,
}

impl Choice {
    /// A tool's rank: left out (`None`) unless adoptable or any role is asked for; then the
    /// first preferred ecosystem it has a package of, then maintained before unmaintained.
    fn rank(&self, tool: &Tool) -> Option<u32> {
        if !self.any_role && !tool.is_adoptable() {
            return None;
        }
        let ecosystem = self
            .prefer
            .iter()
            .position(|e| tool.packages().iter().any(|p| p.ecosystem() == Some(*e)))
            .unwrap_or(self.prefer.len());
        let ecosystem = u32::try_from(ecosystem).unwrap_or(u32::MAX / 4);
        Some(ecosystem * 3 + maintenance(tool))
    }
}

/// 0 for a tool known to be maintained, 1 for one not known either way, 2 for one known not to be.
fn maintenance(tool: &Tool) -> u32 {
    match tool.upstream().map(|u| u.status()) {
        Some(mlsecops_taxonomy::Status::Maintained) => 0,
        None => 1,
        Some(_) => 2,
    }
}

fn cover(
    registry: &Registry,
    require: Vec<Requirement>,
    used: Option<Vec<String>>,
    choice: &Choice,
    format: Format,
    out: &mut String,
) -> Outcome {
    let asked = !require.is_empty();
    let mut required = if require.is_empty() {
        RiskSet::ALL
    } else {
        require
            .iter()
            .map(|r| r.risks())
            .fold(RiskSet::EMPTY, |a, b| a | b)
    };
    if let Some(used) = &used {
        let covered = registry
            .coverage(used)
            .map(|c| c.covered())
            .unwrap_or(RiskSet::EMPTY);
        if format != Format::Json {
            let _ = writeln!(
                out,
                "The project's tools ({}) cover {} of the {}; the fewest to add:",
                if used.is_empty() {
                    "none found".to_owned()
                } else {
                    used.join(", ")
                },
                (covered & required).len(),
                plural(required.len(), "required risk", "required risks")
            );
        }
        required = required.difference(covered);
    }
    let found = registry.minimal_cover_by(required, |t| choice.rank(t));
    // Risks only tools of other roles cover: say so, and how to count them.
    let elsewhere = if choice.any_role {
        RiskSet::EMPTY
    } else {
        found.uncoverable() & registry.covered()
    };
    let nowhere = if choice.any_role {
        "no tool in the registry covers"
    } else {
        "no tool a project can adopt covers"
    };
    let outcome = if asked && !found.uncoverable().is_empty() {
        Outcome::CheckFailed(format!(
            "{nowhere} {} (required by --require {})",
            found.uncoverable(),
            require
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", --require ")
        ))
    } else {
        Outcome::Success
    };
    if format == Format::Json {
        out.push_str(&found.coverage().report(require).to_json());
        return outcome;
    }
    let chosen = found.tools().len();
    let _ = writeln!(
        out,
        "{} {} {} of the {}{}",
        plural(chosen, "tool", "tools"),
        if chosen == 1 { "covers" } else { "cover" },
        found.covered().len(),
        plural(required.len(), "required risk", "required risks"),
        if found.is_proven_minimal() {
            " (proven minimal)"
        } else {
            " (not proven minimal)"
        }
    );
    if !found.uncoverable().is_empty() {
        let _ = writeln!(
            out,
            "{}{}: {}",
            &nowhere[..1].to_uppercase(),
            &nowhere[1..],
            found.uncoverable()
        );
    }
    if !elsewhere.is_empty() {
        let others: Vec<&str> = registry
            .tools()
            .filter(|t| !(t.risks() & elsewhere).is_empty())
            .map(Tool::name)
            .collect();
        let _ = writeln!(
            out,
            "{elsewhere} only by benchmarks, playgrounds or research code ({}): --any-role counts them",
            others.join(", ")
        );
    }
    out.push('\n');
    let mut listing = Listing::new(&["TOOL", "ID", "COVERS"]);
    for tool in found.tools() {
        listing.row(vec![
            tool.name().to_owned(),
            tool.id().to_owned(),
            codes(tool.risks() & required),
        ]);
    }
    listing.print(format, out);
    outcome
}
