//! `mlsecops`: the MLSecOps risk taxonomy, tool registry and coverage gate on the command line.
//!
//! Exit status: 0 when the command succeeds (and every requirement holds), 1 when a check
//! fails (an unmet `--require`, problems found by `validate` or `lint`), 2 on bad input
//! (unknown tool or code, unreadable or invalid file, bad arguments).
//!
//! This file parses the command line, dispatches to `commands/<subcommand>.rs`, writes the
//! output and sets the exit status.

mod args;
mod commands;
mod error;
mod output;
mod table;

use std::io::{self, Write as _};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mlsecops_taxonomy::escape;

use args::MisplacedRegistry;
use commands::*;
use error::{Error, Outcome, Result};

#[derive(Parser)]
#[command(
    name = "mlsecops",
    version,
    about = "The MLSecOps risk taxonomy, its tools and coverage gates",
    long_about = "The MLSecOps risk taxonomy (R1-Security..R23-Security, R1-Privacy..R11-Privacy), \
                  the tools that cover each risk, and coverage gates for CI.\n\n\
                  Exit status: 0 success, 1 a check failed (unmet requirement, problems found), \
                  2 bad input."
)]
struct Cli {
    #[command(flatten)]
    misplaced: MisplacedRegistry,
    #[command(subcommand)]
    command: Command,
}

/// Each subcommand's arguments are built only when it runs (`defer`): a run pays for its own
/// command line, not for all of them.
#[derive(Subcommand)]
#[command(defer = true)]
enum Command {
    /// List the risks, optionally of one layer, phase or domain.
    Risks(risks::Args),
    /// Show one risk (name, description, phase, layer, the tools covering it, its crosswalk), or
    /// an ATLAS or OWASP id (title, edition, the risks linked to it, its counterparts in the
    /// other editions of the OWASP LLM list).
    Show(show::Args),
    /// List the tools of the registry.
    Tools(tools::Args),
    /// Coverage of a set of tools (all the registry's when none is named); exit 1 when a
    /// --require does not hold.
    Coverage(coverage::Args),
    /// The fewest tools of the registry covering the required risks (all when none).
    Cover(cover::Args),
    /// Rewrite the OWASP LLM ids of a text to another edition (LLM10:2025 -> LLM06:2026), all
    /// at once; the text goes to standard output, each id left alone to standard error with its
    /// line and column. Exit 1 when an id was left alone.
    Migrate(migrate::Args),
    /// Print a JSON Schema (taxonomy by default), or write schemas to a directory.
    Schema(schema::Args),
    /// Print the taxonomy document (taxonomy.json), or write it with the schemas to a directory.
    Export(export::Args),
    /// Check a registry file; every problem with its line and column. Exit 1 if any.
    Validate(validate::Args),
    /// Read a Markdown list (the source's tables or the Awesome AI Security layout) into a
    /// registry file.
    Import(import::Args),
    /// Write the registry as a Markdown awesome list (Awesome AI Security layout).
    Render(render::Args),
    /// Check a Markdown list or a registry file against the contribution rules. Exit 1 if any
    /// finding.
    Lint(lint::Args),
    /// Check a project against its policy (mlsecops.toml, [tool.mlsecops] in pyproject.toml or
    /// [package.metadata.mlsecops] in Cargo.toml, the first found), as build::check() does:
    /// exit 1 when a required risk is not covered and the policy denies gaps.
    Check(check::Args),
    /// The tools a project uses, from its manifests, lockfiles and SBOMs, with the file and line
    /// of each.
    Detect(detect::Args),
    /// Write a starter policy (mlsecops.toml, or [tool.mlsecops] appended to pyproject.toml) that
    /// requires what the project's tools cover today or, with no tool found, the risks of what
    /// the project is (from its dependencies), with why and the tools to cover them as comments.
    Init(init::Args),
}

/// Why the registry options are refused before the subcommand.
const AFTER_THE_SUBCOMMAND: &str = "--registry and --registry-only go after the subcommand that \
    reads a registry (risks, show, tools, coverage, cover, detect, render): \
    mlsecops coverage --registry FILE ...";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = String::new();
    let result = run(cli, &mut out);
    // The last guard of both streams: whatever a repository wrote that reached them, no line
    // starts a workflow command and no control character reaches the terminal raw.
    let out = if output::is_verbatim() {
        std::borrow::Cow::Borrowed(out.as_str())
    } else {
        escape::lines(&out, output::wrote_annotations())
    };
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`mlsecops risks | head -1`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("mlsecops: error: cannot write to standard output: {e}");
            return ExitCode::from(2);
        }
        Ok(()) => {}
    }
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::CheckFailed(why)) => {
            warn(&format!("mlsecops: check failed: {why}"));
            ExitCode::from(1)
        }
        Err(error) => {
            // A located diagnostic says its level itself: never `error: … error:`.
            let text = error.to_string();
            let first = text.lines().next().unwrap_or_default();
            if first.starts_with("error: ") || first.contains(": error: ") {
                warn(&format!("mlsecops: {text}"));
            } else {
                warn(&format!("mlsecops: error: {text}"));
            }
            ExitCode::from(2)
        }
    }
}

/// A message on standard error, through the last guard of the streams (see `main`).
pub fn warn(message: &str) {
    eprintln!("{}", escape::lines(message, false));
}

fn run(cli: Cli, out: &mut String) -> Result<Outcome> {
    if cli.misplaced.given() {
        return Err(Error::msg(AFTER_THE_SUBCOMMAND));
    }
    match cli.command {
        Command::Risks(args) => risks::run(args, out),
        Command::Show(args) => show::run(args, out),
        Command::Tools(args) => tools::run(args, out),
        Command::Coverage(args) => coverage::run(args, out),
        Command::Cover(args) => cover::run(args, out),
        Command::Migrate(args) => migrate::run(args, out),
        Command::Schema(args) => schema::run(args, out),
        Command::Export(args) => export::run(args, out),
        Command::Validate(args) => validate::run(args, out),
        Command::Import(args) => import::run(args, out),
        Command::Render(args) => render::run(args, out),
        Command::Lint(args) => lint::run(args, out),
        Command::Check(args) => check::run(args, out),
        Command::Detect(args) => detect::run(args, out),
        Command::Init(args) => init::run(args, out),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Every subcommand's arguments are checked here, since `defer` builds each only when it runs.
    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_deferred_subcommand_still_has_its_arguments() {
        let mut cli = Cli::command();
        cli.build();
        let coverage = cli.find_subcommand("coverage").expect("coverage");
        assert!(coverage.get_arguments().any(|a| a.get_id() == "require"));
    }
}
