//! `mlsecops import`: a Markdown list (the source's tables or the Awesome AI Security layout)
//! read into a registry file.

use std::path::PathBuf;

use mlsecops_taxonomy::list::{self, LintReport};
use mlsecops_taxonomy::{Diagnostic, Level};

use crate::error::{Error, Outcome, Result};
use crate::output::{emit, read_text};

#[derive(clap::Args)]
pub struct Args {
    /// The Markdown list.
    file: PathBuf,
    /// Write the registry file here instead of printing it.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let file = &args.file;
    let text = read_text(file)?;
    let diagnostics = |findings: &[list::Finding]| -> Vec<Diagnostic> {
        LintReport::new(file.display().to_string(), findings.to_vec()).diagnostics()
    };
    let imported = list::import(&text).map_err(|e| {
        if e.findings().is_empty() {
            Error::msg(format!("{}: {e}", file.display()))
        } else {
            Error::diagnostics(
                Some(format!("{} cannot be imported:", file.display())),
                diagnostics(e.findings()),
            )
        }
    })?;
    for note in diagnostics(&imported.merged) {
        crate::warn(&format!("mlsecops: {}", note.with_level(Level::Note)));
    }
    emit(&imported.registry.to_json(), args.out.as_deref(), out)?;
    crate::warn(&format!(
        "mlsecops: {} read from {} ({} layout)",
        crate::table::plural(imported.registry.len(), "tool", "tools"),
        file.display(),
        imported.layout
    ));
    Ok(Outcome::Success)
}
