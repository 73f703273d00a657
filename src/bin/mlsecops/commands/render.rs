//! `mlsecops render`: the registry written as a Markdown awesome list (Awesome AI Security
//! layout).

use std::path::PathBuf;

use mlsecops_taxonomy::list;

use crate::args::RegistryArgs;
use crate::error::{Outcome, Result};
use crate::output::emit;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    registry: RegistryArgs,
    /// The list's title.
    #[arg(long, default_value = list::DEFAULT_TITLE)]
    title: String,
    /// Write the list here instead of printing it.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    emit(
        &list::render(&*args.registry.load()?, &args.title),
        args.out.as_deref(),
        out,
    )?;
    Ok(Outcome::Success)
}
