//! What several subcommands share on the command line: the registry options, the format
//! choices, and the value parser of the crate's lenient text forms.

use std::borrow::Cow;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use mlsecops_taxonomy::{Domain, Framework, Layer, Phase, Registry};

use crate::error::{Error, Result};

// The registry a subcommand reads: the built-in one, extended or replaced by a file. Only the
// subcommands that read a registry take these options, so that none is ever ignored. (A doc
// comment here would become the about text of every subcommand that flattens it.)
#[derive(Args)]
pub struct RegistryArgs {
    /// A registry file (JSON) whose tools extend the built-in registry.
    #[arg(long, value_name = "FILE", help_heading = "Registry options")]
    registry: Option<PathBuf>,
    /// Use the tools of --registry alone, without the built-in ones.
    #[arg(long, requires = "registry", help_heading = "Registry options")]
    registry_only: bool,
}

impl RegistryArgs {
    /// Whether a registry file was given on the command line.
    pub fn given(&self) -> bool {
        self.registry.is_some()
    }

    /// The built-in registry, extended (or replaced) by the registry file.
    pub fn load(&self) -> Result<Cow<'static, Registry>> {
        let loaded = match &self.registry {
            None => return Ok(Cow::Borrowed(Registry::builtin())),
            Some(path) if self.registry_only => Registry::from_file(path),
            Some(path) => Registry::builtin_with_file(path),
        };
        // One line per problem, each with the file, line and column.
        loaded
            .map(Cow::Owned)
            .map_err(|e| Error::context(e.lines().join("\n"), e))
    }
}

// The directory nothing is read outside of. (No doc comment: it would become the about text.)
#[derive(Args)]
pub struct RootArgs {
    /// Read nothing outside DIR: includes, workspace members, a policy's detect paths and
    /// registry file must stay inside it [default: the enclosing git work tree, else the
    /// directory given].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

impl RootArgs {
    /// The root given with `--root`, resolved.
    pub fn root(&self) -> Result<Option<mlsecops_taxonomy::Root>> {
        self.root
            .as_ref()
            .map(|dir| {
                mlsecops_taxonomy::Root::new(dir)
                    .map_err(|e| Error::context(format!("--root {}: {e}", dir.display()), e))
            })
            .transpose()
    }
}

// The registry options where they do not apply (before the subcommand, or on `check`): hidden,
// and taken only to say why they are refused instead of clap's bare "unexpected argument".
#[derive(Args)]
pub struct MisplacedRegistry {
    #[arg(long = "registry", hide = true, value_name = "FILE")]
    misplaced_registry: Option<PathBuf>,
    #[arg(long = "registry-only", hide = true)]
    misplaced_registry_only: bool,
}

impl MisplacedRegistry {
    pub fn given(&self) -> bool {
        self.misplaced_registry.is_some() || self.misplaced_registry_only
    }
}

/// How a listing or report is printed.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// JSON (the crate's schemas describe the documents).
    Json,
    /// A Markdown table.
    Markdown,
}

/// How findings (of validate, lint) are printed.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormat {
    /// One line per finding, `file:line:column: level: message`.
    #[default]
    Table,
    /// The command's document (validation.schema.json, lint.schema.json).
    Json,
    /// A Markdown table.
    Markdown,
    /// GitHub Actions workflow annotations, shown on the pull request's diff.
    Github,
    /// A SARIF 2.1.0 log, for code scanning (github/codeql-action/upload-sarif).
    Sarif,
}

impl FindingsFormat {
    /// The listing format for the table, JSON and Markdown forms.
    pub fn listing(self) -> Option<Format> {
        match self {
            FindingsFormat::Table => Some(Format::Table),
            FindingsFormat::Json => Some(Format::Json),
            FindingsFormat::Markdown => Some(Format::Markdown),
            FindingsFormat::Github | FindingsFormat::Sarif => None,
        }
    }
}

/// A value parser that reads the crate's lenient text forms (`FromStr`, with its "did you
/// mean" errors) and lists the canonical values in `--help`.
#[derive(Clone)]
pub struct Choice<T> {
    values: Vec<&'static str>,
    parse: fn(&str) -> std::result::Result<T, String>,
}

pub fn choice<T>(values: impl IntoIterator<Item = &'static str>) -> Choice<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    Choice {
        values: values.into_iter().collect(),
        parse: |text| text.parse::<T>().map_err(|e| e.to_string()),
    }
}

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Choice<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<T, clap::Error> {
        // A plain function parser gives clap's own "invalid value" error layout.
        let parse = self.parse;
        clap::builder::TypedValueParser::parse_ref(&parse, cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.values
                .iter()
                .map(|v| clap::builder::PossibleValue::new(*v)),
        ))
    }
}

/// The words a requirement can be (risk codes aside): all, domains, layers, phases.
pub fn requirement_names() -> Vec<&'static str> {
    ["all"]
        .into_iter()
        .chain(Domain::ALL.map(Domain::as_str))
        .chain(Layer::ALL.map(Layer::as_str))
        .chain(Phase::ALL.map(Phase::as_str))
        .collect()
}

/// An edition of the OWASP LLM list: `2023`, `2025`, `2026` (or `owasp-llm-2026`).
pub fn llm_edition(text: &str) -> std::result::Result<Framework, String> {
    Framework::llm(text.trim_start_matches("owasp-llm-")).ok_or_else(|| {
        format!("{text:?} is not an edition of the OWASP LLM list (2023, 2025 or 2026)")
    })
}
