//! `mlsecops schema`: a JSON Schema (taxonomy by default), or the schemas written to a
//! directory.

use std::path::PathBuf;

use clap::ValueEnum;
use mlsecops_taxonomy::schema;

use crate::error::{Error, Outcome, Result};
use crate::output::list_paths;

#[derive(clap::Args)]
pub struct Args {
    /// Which schema (taxonomy when printing; every schema when writing with --out).
    #[arg(value_enum)]
    name: Option<SchemaName>,
    /// Write the schema (or, with no name, every schema) to this directory instead.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum SchemaName {
    #[default]
    Taxonomy,
    Registry,
    Coverage,
    Validation,
    Lint,
    Detect,
    Check,
}

impl SchemaName {
    fn schema(self) -> schemars::Schema {
        match self {
            SchemaName::Taxonomy => schema::taxonomy_schema(),
            SchemaName::Registry => schema::registry_schema(),
            SchemaName::Coverage => schema::coverage_schema(),
            SchemaName::Validation => schema::validation_schema(),
            SchemaName::Lint => schema::lint_schema(),
            SchemaName::Detect => schema::detect_schema(),
            SchemaName::Check => schema::check_schema(),
        }
    }

    fn file(self) -> &'static str {
        match self {
            SchemaName::Taxonomy => "taxonomy.schema.json",
            SchemaName::Registry => "registry.schema.json",
            SchemaName::Coverage => "coverage.schema.json",
            SchemaName::Validation => "validation.schema.json",
            SchemaName::Lint => "lint.schema.json",
            SchemaName::Detect => "detect.schema.json",
            SchemaName::Check => "check.schema.json",
        }
    }
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    match args.out {
        Some(dir) => {
            let only = args.name.map(SchemaName::file);
            let written = schema::write_files_where(&dir, |f| {
                only.map_or(f.ends_with(".schema.json"), |o| f == o)
            })
            .map_err(Error::from)?;
            list_paths(&written, out);
        }
        None => {
            let schema = args.name.unwrap_or_default().schema();
            out.push_str(&schema::to_canonical_json(schema.as_value()));
        }
    }
    Ok(Outcome::Success)
}
