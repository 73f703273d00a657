//! `mlsecops migrate`: the OWASP LLM ids of a text rewritten to another edition, all at once;
//! the text on standard output, each id left alone on standard error with its line and column.

use std::io;
use std::path::{Path, PathBuf};

use mlsecops_taxonomy::Framework;
use mlsecops_taxonomy::crosswalk::Migrate;

use crate::args::llm_edition;
use crate::error::{Error, Outcome, Result};
use crate::output::read_text;
use crate::table::plural;

#[derive(clap::Args)]
pub struct Args {
    /// The text file, or - for standard input.
    file: PathBuf,
    /// The edition to move to: 2023, 2025 or 2026.
    #[arg(long, value_name = "EDITION", value_parser = llm_edition)]
    to: Framework,
    /// The edition of ids written without one (LLM06, and with 2023 garak's owasp:llm06).
    #[arg(long, value_name = "EDITION", value_parser = llm_edition)]
    from: Option<Framework>,
    /// Also apply judged counterparts (this project's reading, not OWASP's).
    #[arg(long)]
    include_judged: bool,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let (name, text) = if args.file == Path::new("-") {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)
            .map_err(|e| Error::msg(format!("cannot read standard input: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::msg(format!(
                "standard input: not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        ("<stdin>".to_owned(), text)
    } else {
        (args.file.display().to_string(), read_text(&args.file)?)
    };
    let mut migrate = Migrate::to(args.to).include_judged(args.include_judged);
    if let Some(from) = args.from {
        migrate = migrate.from(from);
    }
    let m = migrate.run(&text);
    crate::output::verbatim();
    out.push_str(m.text());
    for left in m.left() {
        crate::warn(&format!(
            "{}:{left}",
            mlsecops_taxonomy::escape::path(&name)
        ));
    }
    Ok(match m.left().len() {
        0 => Outcome::Success,
        n => Outcome::CheckFailed(format!(
            "{name}: {} left alone, {} moved to {}",
            plural(n, "id", "ids"),
            m.replaced(),
            args.to.edition()
        )),
    })
}
