//! `mlsecops export`: the taxonomy document (taxonomy.json), or it and the schemas written to a
//! directory.

use std::path::PathBuf;

use mlsecops_taxonomy::schema;

use crate::error::{Error, Outcome, Result};
use crate::output::list_paths;

#[derive(clap::Args)]
pub struct Args {
    /// Write taxonomy.json and the three schemas to this directory instead.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    match args.out {
        Some(dir) => {
            let written = schema::write_files(&dir).map_err(Error::from)?;
            list_paths(&written, out);
        }
        None => out.push_str(&schema::taxonomy_json()),
    }
    Ok(Outcome::Success)
}
