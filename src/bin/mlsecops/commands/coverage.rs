//! `mlsecops coverage`: the coverage of a set of tools (all the registry's when none is named);
//! exit 1 when a `--require` does not hold.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::ValueEnum;
use mlsecops_taxonomy::{Coverage, Layer, Requirement, navigator, sarif};

use super::detect::{detected, project_registry};
use crate::args::{Format, RegistryArgs, RootArgs, choice, requirement_names};
use crate::error::{Error, Outcome, Result};
use crate::output::annotations;
use crate::table::{Listing, codes, names};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    registry: RegistryArgs,
    /// Tool names or ids.
    tools: Vec<String>,
    /// Also the tools a project's files show (see `detect`); repeatable.
    #[arg(long, value_name = "PATH")]
    detect: Vec<PathBuf>,
    /// With --detect, count tools seen only as transitive dependencies.
    #[arg(long, requires = "detect")]
    transitive: bool,
    #[command(flatten)]
    root: RootArgs,
    /// A requirement: all, a domain, a layer, a phase, a risk code such as R17-Security, or an
    /// ATLAS or OWASP id such as LLM01:2025 (every risk the crosswalk links to it).
    /// Repeatable.
    #[arg(long, value_name = "SPEC", value_parser = choice::<Requirement>(requirement_names()))]
    require: Vec<Requirement>,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t)]
    format: CoverageFormat,
}

/// How a coverage report is printed.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum CoverageFormat {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// The coverage report document (coverage.schema.json).
    Json,
    /// A Markdown table.
    Markdown,
    /// The coverage matrix as an SVG image.
    Svg,
    /// GitHub Actions workflow annotations: one `::error` per required risk left open.
    Github,
    /// A SARIF 2.1.0 log: one result per required risk left open (without a location).
    Sarif,
    /// An ATLAS Navigator layer: the techniques linked from covered risks scored, those linked
    /// only from open (required) risks shown as gaps.
    Navigator,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let Args {
        registry,
        mut tools,
        detect,
        transitive,
        root,
        require,
        format,
    } = args;
    // With --detect, the project's policy says which registry its tools are looked up in.
    let registry = if detect.is_empty() {
        registry.load()?
    } else {
        project_registry(&registry, &root, &detect)?
    };
    if !detect.is_empty() {
        tools.extend(detected(&registry, &root, &detect, transitive)?);
    }
    let coverage = if tools.is_empty() && detect.is_empty() {
        registry.coverage_all()
    } else {
        registry.coverage(&tools).map_err(Error::from)?
    };
    Ok(report(coverage, require, format, out))
}

fn report(
    coverage: Coverage<'_>,
    require: Vec<Requirement>,
    format: CoverageFormat,
    out: &mut String,
) -> Outcome {
    let report = coverage.report(require);
    let outcome = if report.is_met() {
        Outcome::Success
    } else {
        let unmet: Vec<String> = report
            .checks()
            .filter_map(|(requirement, gap)| {
                gap.map(|gap| format!("requirement {requirement}: {gap}"))
            })
            .collect();
        Outcome::CheckFailed(unmet.join("\n"))
    };
    let format = match format {
        CoverageFormat::Svg => {
            out.push_str(&report.to_svg());
            return outcome;
        }
        CoverageFormat::Github => {
            // The tools were named on the command line: no file to point at.
            annotations(&report.diagnostics(), out);
            return outcome;
        }
        CoverageFormat::Json => {
            out.push_str(&report.to_json());
            return outcome;
        }
        CoverageFormat::Sarif => {
            out.push_str(&sarif::Log::coverage(&report).to_json());
            return outcome;
        }
        CoverageFormat::Navigator => {
            out.push_str(&navigator::Layer::report(&report).to_json());
            return outcome;
        }
        CoverageFormat::Table => Format::Table,
        CoverageFormat::Markdown => Format::Markdown,
    };
    let coverage = report.coverage();
    let total = coverage.total();
    // Markdown: a heading and list items, which render as lines rather than one paragraph.
    let item = if format == Format::Markdown { "- " } else { "" };
    // Tool names may come from a registry file, the repository's text: inert in Markdown.
    let shown = |text: String| {
        if format == Format::Markdown {
            mlsecops_taxonomy::escape::markdown(&text)
        } else {
            text
        }
    };
    if format == Format::Markdown {
        out.push_str("## MLSecOps coverage\n\n");
    }
    let _ = writeln!(
        out,
        "{item}Tools ({}): {}\n{item}Covered: {} of {} risks ({:.0}%)\n",
        coverage.tools().len(),
        shown(names(coverage.tools())),
        total.covered,
        total.total,
        total.ratio() * 100.0
    );
    // What the tools asked about cover only by amendment, with why.
    let mut amended = false;
    for tool in coverage.tools() {
        for risk in tool.amended_risks() {
            let _ = writeln!(
                out,
                "{item}Amended: {} covers {risk}",
                shown(tool.name_covering(risk))
            );
            amended = true;
        }
    }
    if amended {
        out.push('\n');
    }
    let mut listing = Listing::new(&["LAYER / PHASE", "COVERED", "OPEN"]);
    for layer in Layer::ALL {
        let open = coverage.uncovered() & layer.risks();
        listing.row(vec![
            format!("{} layer", layer.name()),
            coverage.layer(layer).to_string(),
            String::new(),
        ]);
        for &phase in layer.phases() {
            let open_here = open & phase.risks();
            listing.row(vec![
                format!("  {}", phase.name()),
                coverage.phase(phase).to_string(),
                codes(open_here),
            ]);
        }
    }
    listing.print(format, out);
    if report.checks().len() > 0 {
        out.push('\n');
        for (requirement, gap) in report.checks() {
            match gap {
                None => {
                    let _ = writeln!(out, "{item}requirement {requirement}: met");
                }
                Some(gap) if format == Format::Markdown => {
                    let n = gap.entries().len();
                    let _ = writeln!(
                        out,
                        "- requirement {requirement}: NOT MET, {n} required risk{} not covered:",
                        if n == 1 { " is" } else { "s are" }
                    );
                    for entry in gap.entries() {
                        let _ = writeln!(out, "  - {}", shown(entry.to_string()));
                    }
                }
                Some(gap) => {
                    let _ = writeln!(out, "requirement {requirement}: NOT MET, {gap}");
                }
            }
        }
    }
    outcome
}
