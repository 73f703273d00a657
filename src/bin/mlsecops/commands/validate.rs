//! `mlsecops validate`: a registry file checked, every problem with its line and column; exit
//! 1 if any.

use std::fmt::Write as _;
use std::path::PathBuf;

use mlsecops_taxonomy::{Validation, sarif};

use crate::args::{FindingsFormat, Format};
use crate::error::{Error, Outcome, Result};
use crate::output::{annotations, findings_outcome, text_lines};
use crate::table::{Listing, plural};

#[derive(clap::Args)]
pub struct Args {
    /// The registry file (JSON).
    file: PathBuf,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    format: FindingsFormat,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let file = &args.file;
    let validation = Validation::of_file(file).map_err(Error::from)?;
    let diagnostics = validation.diagnostics();
    let lines = text_lines(&diagnostics);
    let summary = format!(
        "{} is not a valid registry file: {}",
        file.display(),
        plural(diagnostics.len(), "problem", "problems")
    );
    let listing = args.format.listing();
    match args.format {
        FindingsFormat::Sarif => out.push_str(&sarif::Log::validation(&validation).to_json()),
        FindingsFormat::Github => annotations(&diagnostics, out),
        FindingsFormat::Json => out.push_str(&validation.to_json()),
        _ if validation.is_valid() => {
            let _ = writeln!(
                out,
                "{}: valid, {}",
                file.display(),
                plural(validation.tools(), "tool", "tools")
            );
        }
        FindingsFormat::Table => {
            for line in &lines {
                let _ = writeln!(out, "{line}");
            }
        }
        FindingsFormat::Markdown => {
            let mut listing = Listing::new(&["LINE", "COLUMN", "PROBLEM"]);
            for p in validation.problems() {
                let (line, column) = p.location().map_or((0, 0), |l| (l.line, l.column));
                listing.row(vec![line.to_string(), column.to_string(), p.to_string()]);
            }
            listing.markdown(out);
        }
    }
    Ok(findings_outcome(
        listing.or(Some(Format::Markdown)),
        summary,
        &lines,
    ))
}
