//! `mlsecops lint`: a Markdown list or a registry file checked against the contribution rules;
//! exit 1 if any finding.

use std::fmt::Write as _;
use std::path::PathBuf;

use mlsecops_taxonomy::list::{self, DocumentKind, LintReport};
use mlsecops_taxonomy::sarif;

use crate::args::{FindingsFormat, Format};
use crate::error::{Outcome, Result};
use crate::output::{annotations, findings_outcome, read_text, text_lines};
use crate::table::{Listing, plural};

#[derive(clap::Args)]
pub struct Args {
    /// The Markdown list or registry file.
    file: PathBuf,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    format: FindingsFormat,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let file = &args.file;
    let text = read_text(file)?;
    // The name says what the file is; the content only when the name says nothing.
    let kind = DocumentKind::from_path(file).unwrap_or_else(|| DocumentKind::sniff(&text));
    let report = LintReport::new(file.display().to_string(), list::lint_as(&text, kind));
    let findings = report.findings();
    let diagnostics = report.diagnostics();
    let lines = text_lines(&diagnostics);
    match args.format {
        FindingsFormat::Sarif => out.push_str(&sarif::Log::lint(&report).to_json()),
        FindingsFormat::Github => annotations(&diagnostics, out),
        FindingsFormat::Json => out.push_str(&report.to_json()),
        FindingsFormat::Table => {
            for line in &lines {
                let _ = writeln!(out, "{line}");
            }
            if findings.is_empty() {
                let _ = writeln!(out, "{}: no findings", file.display());
            }
        }
        FindingsFormat::Markdown => {
            let mut listing = Listing::new(&["LINE", "TOOL", "RULE", "FINDING"]);
            for f in findings {
                listing.row(vec![
                    f.line.to_string(),
                    f.tool.clone().unwrap_or_default(),
                    f.rule.to_string(),
                    f.message.clone(),
                ]);
            }
            listing.markdown(out);
        }
    }
    let summary = format!(
        "{}: {}",
        file.display(),
        plural(findings.len(), "finding", "findings")
    );
    let listing = args.format.listing().or(Some(Format::Markdown));
    Ok(findings_outcome(listing, summary, &lines))
}
