//! `mlsecops`: the MLSecOps risk taxonomy, tool registry and coverage gate on the command line.
//!
//! Exit status: 0 when the command succeeds (and every requirement holds), 1 when a check
//! fails (an unmet `--require`, problems found by `validate` or `lint`), 2 on bad input
//! (unknown tool or code, unreadable or invalid file, bad arguments).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mlsecops_taxonomy::crosswalk::Migrate;
use mlsecops_taxonomy::list::{self, DocumentKind, Finding, LintReport};
use mlsecops_taxonomy::policy::{Level, Policy};
use mlsecops_taxonomy::{Annotation, AnnotationLevel, navigator, sarif};
use mlsecops_taxonomy::{
    Category, Coverage, DetectionReport, Domain, ExternalId, Framework, Layer, Link, Phase,
    Problem, Registry, Requirement, Risk, RiskSet, Tool, ToolKind, Validation, detect, schema,
};

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

// The registry a subcommand reads: the built-in one, extended or replaced by a file. Only the
// subcommands that read a registry take these options, so that none is ever ignored. (A doc
// comment here would become the about text of every subcommand that flattens it.)
#[derive(Args)]
struct RegistryArgs {
    /// A registry file (JSON) whose tools extend the built-in registry.
    #[arg(long, value_name = "FILE", help_heading = "Registry options")]
    registry: Option<PathBuf>,
    /// Use the tools of --registry alone, without the built-in ones.
    #[arg(long, requires = "registry", help_heading = "Registry options")]
    registry_only: bool,
}

// The registry options where they do not apply (before the subcommand, or on `check`): hidden,
// and taken only to say why they are refused instead of clap's bare "unexpected argument".
#[derive(Args)]
struct MisplacedRegistry {
    #[arg(long = "registry", hide = true, value_name = "FILE")]
    misplaced_registry: Option<PathBuf>,
    #[arg(long = "registry-only", hide = true)]
    misplaced_registry_only: bool,
}

impl MisplacedRegistry {
    fn given(&self) -> bool {
        self.misplaced_registry.is_some() || self.misplaced_registry_only
    }
}

impl RegistryArgs {
    /// The built-in registry, extended (or replaced) by the registry file.
    fn load(&self) -> Result<Cow<'static, Registry>> {
        let loaded = match &self.registry {
            None => return Ok(Cow::Borrowed(Registry::builtin())),
            Some(path) if self.registry_only => Registry::from_file(path),
            Some(path) => Registry::builtin_with_file(path),
        };
        loaded.map(Cow::Owned).map_err(|e| e.lines().join("\n"))
    }
}

/// Each subcommand's arguments are built only when it runs (`defer`): a run pays for its own
/// command line, not for all of them.
#[derive(Subcommand)]
#[command(defer = true)]
enum Command {
    /// List the risks, optionally of one layer, phase or domain.
    Risks {
        #[command(flatten)]
        registry: RegistryArgs,
        /// Only the risks of this layer.
        #[arg(long, value_parser = choice::<Layer>(Layer::ALL.map(Layer::as_str)))]
        layer: Option<Layer>,
        /// Only the risks of this phase (its id, or its name in any case).
        #[arg(long, value_parser = choice::<Phase>(Phase::ALL.map(Phase::as_str)))]
        phase: Option<Phase>,
        /// Only the risks of this domain.
        #[arg(long, value_parser = choice::<Domain>(Domain::ALL.map(Domain::as_str)))]
        domain: Option<Domain>,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show one risk (name, description, phase, layer, the tools covering it, its crosswalk), or
    /// an ATLAS or OWASP id (title, edition, the risks linked to it, its counterparts in the
    /// other editions of the OWASP LLM list).
    Show {
        #[command(flatten)]
        registry: RegistryArgs,
        /// A risk code (R17-Security), or an ATLAS or OWASP id with its edition (AML.T0051,
        /// LLM06:2026, ML05:2023).
        code: String,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the tools of the registry.
    Tools {
        #[command(flatten)]
        registry: RegistryArgs,
        /// Only the tools covering this risk.
        #[arg(long, value_name = "CODE")]
        covering: Option<String>,
        /// Only the tools of this category.
        #[arg(long, value_parser = choice::<Category>(Category::ALL.map(Category::as_str)))]
        category: Option<Category>,
        /// Only tools or only vendors.
        #[arg(long, value_parser = choice::<ToolKind>(ToolKind::ALL.map(ToolKind::as_str)))]
        kind: Option<ToolKind>,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Coverage of a set of tools (all the registry's when none is named); exit 1 when a
    /// --require does not hold.
    Coverage {
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
        /// A requirement: all, a domain, a layer, a phase, or a risk code such as R17-Security.
        /// Repeatable.
        #[arg(long, value_name = "SPEC", value_parser = choice::<Requirement>(requirement_names()))]
        require: Vec<Requirement>,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t)]
        format: CoverageFormat,
    },
    /// The fewest tools of the registry covering the required risks (all when none).
    Cover {
        #[command(flatten)]
        registry: RegistryArgs,
        /// A requirement: all, a domain, a layer, a phase, or a risk code such as R17-Security.
        /// Repeatable.
        #[arg(long, value_name = "SPEC", value_parser = choice::<Requirement>(requirement_names()))]
        require: Vec<Requirement>,
        /// The fewest tools to add to those a project's files show (see `detect`); repeatable.
        #[arg(long, value_name = "PATH")]
        detect: Vec<PathBuf>,
        /// With --detect, count tools seen only as transitive dependencies.
        #[arg(long, requires = "detect")]
        transitive: bool,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Rewrite the OWASP LLM ids of a text to another edition (LLM10:2025 -> LLM06:2026), all
    /// at once; the text goes to standard output, each id left alone to standard error with its
    /// line and column. Exit 1 when an id was left alone.
    Migrate {
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
    },
    /// Print a JSON Schema (taxonomy by default), or write schemas to a directory.
    Schema {
        /// Which schema (taxonomy when printing; every schema when writing with --out).
        #[arg(value_enum)]
        name: Option<SchemaName>,
        /// Write the schema (or, with no name, every schema) to this directory instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print the taxonomy document (taxonomy.json), or write it with the schemas to a directory.
    Export {
        /// Write taxonomy.json and the three schemas to this directory instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Check a registry file; every problem with its line and column. Exit 1 if any.
    Validate {
        /// The registry file (JSON).
        file: PathBuf,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t)]
        format: FindingsFormat,
    },
    /// Read a Markdown list (the source's tables or the Awesome AI Security layout) into a
    /// registry file.
    Import {
        /// The Markdown list.
        file: PathBuf,
        /// Write the registry file here instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write the registry as a Markdown awesome list (Awesome AI Security layout).
    Render {
        #[command(flatten)]
        registry: RegistryArgs,
        /// The list's title.
        #[arg(long, default_value = list::DEFAULT_TITLE)]
        title: String,
        /// Write the list here instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check a Markdown list or a registry file against the contribution rules. Exit 1 if any
    /// finding.
    Lint {
        /// The Markdown list or registry file.
        file: PathBuf,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t)]
        format: FindingsFormat,
    },
    /// Check a project against its policy (mlsecops.toml, [tool.mlsecops] in pyproject.toml or
    /// [package.metadata.mlsecops] in Cargo.toml, the first found), as build::check() does:
    /// exit 1 when a required risk is not covered and the policy denies gaps.
    Check {
        /// The project's directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        misplaced: MisplacedRegistry,
        /// How to print the verdict.
        #[arg(long, value_enum, default_value_t)]
        format: CheckFormat,
    },
    /// The tools a project uses, from its manifests, lockfiles and SBOMs, with the file and line
    /// of each.
    Detect {
        #[command(flatten)]
        registry: RegistryArgs,
        /// Files and directories (a directory is walked); the current directory by default.
        paths: Vec<PathBuf>,
        /// Count tools seen only as transitive dependencies (in a lockfile or an SBOM's graph).
        #[arg(long)]
        transitive: bool,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// How a listing or report is printed.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// JSON (the crate's schemas describe the documents).
    Json,
    /// A Markdown table.
    Markdown,
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

/// How `check` prints its verdict.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// One line per finding, `file:line:column: level: message`, then the verdict.
    #[default]
    Table,
    /// GitHub Actions workflow annotations, shown on the pull request's diff.
    Github,
    /// A SARIF 2.1.0 log, for code scanning (github/codeql-action/upload-sarif).
    Sarif,
    /// An ATLAS Navigator layer of the policy's coverage, gaps from the required risks.
    Navigator,
}

/// How findings (of validate, lint) are printed.
#[derive(Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
enum FindingsFormat {
    /// One line per finding, `file:line:column: ...`.
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
    fn listing(self) -> Option<Format> {
        match self {
            FindingsFormat::Table => Some(Format::Table),
            FindingsFormat::Json => Some(Format::Json),
            FindingsFormat::Markdown => Some(Format::Markdown),
            FindingsFormat::Github | FindingsFormat::Sarif => None,
        }
    }
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
        }
    }
}

/// What a command ends with: success, or a failed check with why it failed (bad input is the
/// `Err` of [`Result`]).
enum Outcome {
    Success,
    /// The reason, printed on standard error whatever the output format, so that a CI log
    /// always says why the gate failed.
    CheckFailed(String),
}

type Result<T> = std::result::Result<T, String>;

/// A value parser that reads the crate's lenient text forms (`FromStr`, with its "did you
/// mean" errors) and lists the canonical values in `--help`.
#[derive(Clone)]
struct Choice<T> {
    values: Vec<&'static str>,
    parse: fn(&str) -> std::result::Result<T, String>,
}

fn choice<T>(values: impl IntoIterator<Item = &'static str>) -> Choice<T>
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
fn requirement_names() -> Vec<&'static str> {
    ["all"]
        .into_iter()
        .chain(Domain::ALL.map(Domain::as_str))
        .chain(Layer::ALL.map(Layer::as_str))
        .chain(Phase::ALL.map(Phase::as_str))
        .collect()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = String::new();
    let result = run(cli, &mut out);
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
            eprintln!("mlsecops: check failed: {why}");
            ExitCode::from(1)
        }
        Err(message) => {
            eprintln!("mlsecops: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Why `check` takes no registry option.
const NOT_FOR_CHECK: &str = "check reads the registry its policy names (registry = \"FILE\" in \
    mlsecops.toml, [tool.mlsecops] or [package.metadata.mlsecops]), as the build script does; \
    --registry and --registry-only do not apply to it";

/// Why the registry options are refused before the subcommand.
const AFTER_THE_SUBCOMMAND: &str = "--registry and --registry-only go after the subcommand that \
    reads a registry (risks, show, tools, coverage, cover, detect, render): \
    mlsecops coverage --registry FILE ...";

fn run(cli: Cli, out: &mut String) -> Result<Outcome> {
    if cli.misplaced.given() {
        return Err(AFTER_THE_SUBCOMMAND.into());
    }
    match cli.command {
        Command::Risks {
            registry,
            layer,
            phase,
            domain,
            format,
        } => {
            if let (Some(layer), Some(phase)) = (layer, phase) {
                if phase.layer() != layer {
                    return Err(format!(
                        "--phase {phase} is in the {} layer, not in --layer {layer}: no risk is in \
                         both (give one of them, or --layer {})",
                        phase.layer(),
                        phase.layer()
                    ));
                }
            }
            let mut set = RiskSet::ALL;
            if let Some(layer) = layer {
                set &= RiskSet::from(layer);
            }
            if let Some(phase) = phase {
                set &= RiskSet::from(phase);
            }
            if let Some(domain) = domain {
                set &= RiskSet::from(domain);
            }
            risks(&*registry.load()?, set, format, out);
        }
        Command::Show {
            registry,
            code,
            format,
        } => match code.parse::<Risk>() {
            Ok(risk) => show(&*registry.load()?, risk, format, out),
            Err(risk_error) => {
                let upper = code.trim().to_ascii_uppercase();
                if !["AML.", "LLM", "ML"].iter().any(|p| upper.starts_with(p)) {
                    return Err(risk_error.to_string());
                }
                let id: ExternalId = code.parse().map_err(|e| format!("{e}"))?;
                show_external(id, format, out);
            }
        },
        Command::Tools {
            registry,
            covering,
            category,
            kind,
            format,
        } => {
            let covering = match covering {
                Some(code) => Some(code.parse::<Risk>().map_err(|e| format!("{e}"))?),
                None => None,
            };
            let chosen = registry.load()?.filter(|t| {
                covering.is_none_or(|r| t.risks().contains(r))
                    && category.is_none_or(|c| t.categories().contains(&c))
                    && kind.is_none_or(|k| t.kind() == k)
            });
            tools(&chosen, format, out);
        }
        Command::Coverage {
            registry,
            mut tools,
            detect,
            transitive,
            require,
            format,
        } => {
            let registry = registry.load()?;
            if !detect.is_empty() {
                tools.extend(detected(&registry, &detect, transitive)?);
            }
            let coverage = if tools.is_empty() && detect.is_empty() {
                registry.coverage_all()
            } else {
                registry.coverage(&tools).map_err(|e| e.to_string())?
            };
            return Ok(coverage_report(coverage, require, format, out));
        }
        Command::Cover {
            registry,
            require,
            detect,
            transitive,
            format,
        } => {
            let registry = registry.load()?;
            let used = if detect.is_empty() {
                None
            } else {
                Some(detected(&registry, &detect, transitive)?)
            };
            return Ok(cover(&registry, require, used, format, out));
        }
        Command::Check {
            dir,
            format,
            misplaced,
        } => {
            if misplaced.given() {
                return Err(NOT_FOR_CHECK.into());
            }
            return check(&dir, format, out);
        }
        Command::Migrate {
            file,
            to,
            from,
            include_judged,
        } => return migrate(&file, to, from, include_judged, out),
        Command::Detect {
            registry,
            mut paths,
            transitive,
            format,
        } => {
            if paths.is_empty() {
                paths.push(PathBuf::from("."));
            }
            let inventory = detect::scan(&paths).map_err(|e| e.to_string())?;
            let report = inventory.report(&*registry.load()?, transitive);
            print_detection(&report, transitive, format, out);
        }
        Command::Schema { name, out: dir } => match dir {
            Some(dir) => {
                let only = name.map(SchemaName::file);
                let written = schema::write_files_where(&dir, |f| {
                    only.map_or(f.ends_with(".schema.json"), |o| f == o)
                })
                .map_err(|e| e.to_string())?;
                list_paths(&written, out);
            }
            None => {
                let schema = name.unwrap_or_default().schema();
                out.push_str(&schema::to_canonical_json(schema.as_value()));
            }
        },
        Command::Export { out: dir } => match dir {
            Some(dir) => {
                let written = schema::write_files(&dir).map_err(|e| e.to_string())?;
                list_paths(&written, out);
            }
            None => out.push_str(&schema::taxonomy_json()),
        },
        Command::Validate { file, format } => return validate(&file, format, out),
        Command::Import { file, out: target } => {
            let text = read_text(&file)?;
            let imported = list::import(&text).map_err(|e| {
                let lines: Vec<String> = e.findings().iter().map(|f| located(&file, f)).collect();
                if lines.is_empty() {
                    format!("{}: {e}", file.display())
                } else {
                    format!(
                        "{} cannot be imported:\n{}",
                        file.display(),
                        lines.join("\n")
                    )
                }
            })?;
            for note in &imported.merged {
                eprintln!("mlsecops: note: {}", located(&file, note));
            }
            emit(&imported.registry.to_json(), target.as_deref(), out)?;
            eprintln!(
                "mlsecops: {} tools read from {} ({} layout)",
                imported.registry.len(),
                file.display(),
                imported.layout
            );
        }
        Command::Render {
            registry,
            title,
            out: target,
        } => {
            emit(
                &list::render(&*registry.load()?, &title),
                target.as_deref(),
                out,
            )?;
        }
        Command::Lint { file, format } => return lint(&file, format, out),
    }
    Ok(Outcome::Success)
}

/// An edition of the OWASP LLM list: `2023`, `2025`, `2026` (or `owasp-llm-2026`).
fn llm_edition(text: &str) -> std::result::Result<Framework, String> {
    Framework::llm(text.trim_start_matches("owasp-llm-")).ok_or_else(|| {
        format!("{text:?} is not an edition of the OWASP LLM list (2023, 2025 or 2026)")
    })
}

/// `migrate`: the text on standard output, what was left alone on standard error.
fn migrate(
    file: &Path,
    to: Framework,
    from: Option<Framework>,
    include_judged: bool,
    out: &mut String,
) -> Result<Outcome> {
    let (name, text) = if file == Path::new("-") {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "standard input: not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })?;
        ("<stdin>".to_owned(), text)
    } else {
        (file.display().to_string(), read_text(file)?)
    };
    let mut migrate = Migrate::to(to).include_judged(include_judged);
    if let Some(from) = from {
        migrate = migrate.from(from);
    }
    let m = migrate.run(&text);
    out.push_str(m.text());
    for left in m.left() {
        eprintln!("{name}:{left}");
    }
    Ok(match m.left().len() {
        0 => Outcome::Success,
        n => Outcome::CheckFailed(format!(
            "{name}: {} left alone, {} moved to {}",
            plural(n, "id", "ids"),
            m.replaced(),
            to.edition()
        )),
    })
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes `text` to a file, or to standard output.
fn emit(text: &str, target: Option<&Path>, out: &mut String) -> Result<()> {
    match target {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            out.push_str(text);
            Ok(())
        }
    }
}

/// The paths written, one per line.
fn list_paths(paths: &[PathBuf], out: &mut String) {
    for path in paths {
        let _ = writeln!(out, "{}", path.display());
    }
}

fn located(file: &Path, finding: &Finding) -> String {
    let tool = finding
        .tool
        .as_deref()
        .map(|t| format!(" {t:?}:"))
        .unwrap_or_default();
    format!(
        "{}:{}:{}: [{}]{tool} {}",
        file.display(),
        finding.line,
        finding.column,
        finding.rule,
        finding.message
    )
}

/// Rows with a header, printed as aligned columns or a Markdown table.
struct Listing {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Listing {
    fn new(header: &[&'static str]) -> Listing {
        Listing {
            header: header.to_vec(),
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn print(&self, format: Format, out: &mut String) {
        match format {
            Format::Markdown => self.markdown(out),
            _ => self.table(out),
        }
    }

    fn table(&self, out: &mut String) {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
            let mut text = String::new();
            for (i, cell) in cells.enumerate() {
                if i > 0 {
                    text.push_str("  ");
                }
                text.push_str(cell);
                let pad = widths[i].saturating_sub(cell.chars().count());
                text.extend(std::iter::repeat_n(' ', pad));
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&mut self.header.iter().copied(), out);
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        line(&mut rule.iter().map(String::as_str), out);
        for row in &self.rows {
            line(&mut row.iter().map(String::as_str), out);
        }
    }

    fn markdown(&self, out: &mut String) {
        let cell = |s: &str| s.replace('|', "\\|");
        let _ = writeln!(out, "| {} |", self.header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(self.header.len()));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
}

fn names<'a>(tools: impl IntoIterator<Item = &'a Tool>) -> String {
    let names: Vec<&str> = tools.into_iter().map(Tool::name).collect();
    if names.is_empty() {
        "-".to_owned()
    } else {
        names.join(", ")
    }
}

fn codes(set: RiskSet) -> String {
    if set.is_empty() {
        "-".to_owned()
    } else {
        set.to_string()
    }
}

fn risks(registry: &Registry, set: RiskSet, format: Format, out: &mut String) {
    if format == Format::Json {
        out.push_str(&schema::risks_json(set));
        return;
    }
    let mut listing = Listing::new(&["CODE", "NAME", "PHASE", "LAYER", "TOOLS"]);
    for risk in set {
        listing.row(vec![
            risk.code().to_owned(),
            risk.name().to_owned(),
            risk.phase().name().to_owned(),
            risk.layer().name().to_owned(),
            registry.tools_covering(risk).count().to_string(),
        ]);
    }
    listing.print(format, out);
}

fn show(registry: &Registry, risk: Risk, format: Format, out: &mut String) {
    let tools: Vec<&Tool> = registry.tools_covering(risk).collect();
    let links = risk.crosswalk().links();
    match format {
        Format::Json => out.push_str(&schema::risk_json(risk, registry)),
        Format::Table => {
            let mut listing = Listing::new(&["FIELD", "VALUE"]);
            listing.row(vec!["code".into(), risk.code().into()]);
            listing.row(vec!["name".into(), risk.name().into()]);
            listing.row(vec!["description".into(), risk.description().into()]);
            listing.row(vec![
                "phase".into(),
                format!("{} ({})", risk.phase().name(), risk.phase().kind().name()),
            ]);
            listing.row(vec!["layer".into(), risk.layer().name().into()]);
            listing.row(vec!["tools".into(), names(tools.iter().copied())]);
            if links.is_empty() {
                listing.row(vec!["crosswalk".into(), "no mapping".into()]);
            }
            for link in links {
                listing.row(vec![
                    link.target().framework().as_str().into(),
                    format!("{} {}", link.target(), link_text(link)),
                ]);
            }
            listing.table(out);
        }
        Format::Markdown => {
            let _ = writeln!(out, "## {} {}\n", risk.code(), risk.name());
            let _ = writeln!(out, "{}\n", risk.description());
            let _ = writeln!(
                out,
                "- Phase: {} ({})\n- Layer: {}\n- Tools: {}",
                risk.phase().name(),
                risk.phase().kind().name(),
                risk.layer().name(),
                names(tools.iter().copied())
            );
            if links.is_empty() {
                let _ = writeln!(out, "- Crosswalk: no mapping");
            }
            for link in links {
                let _ = writeln!(
                    out,
                    "- {}: `{}` {}",
                    link.target().framework().name(),
                    link.target(),
                    link_text(link)
                );
            }
        }
    }
}

/// `show` of an ATLAS or OWASP id: title, edition, the risks linked to it, its counterparts.
fn show_external(id: ExternalId, format: Format, out: &mut String) {
    let links: Vec<&Link> = id.links().collect();
    let counterparts = match id {
        ExternalId::Owasp(o) => o.counterparts(),
        ExternalId::Atlas(_) => Vec::new(),
    };
    let framework = id.framework();
    let linked = |link: &Link| {
        format!(
            "{} {} ({}): {}",
            link.risk(),
            link.risk().name(),
            link.strength(),
            link.note()
        )
    };
    let counterpart = |c: &mlsecops_taxonomy::Counterpart| {
        let whose = if c.relation().is_stated_by_owasp() {
            "stated by OWASP"
        } else {
            "judged: this project's reading, provenance curated"
        };
        format!("{c}, {whose}: {}", c.evidence().join("; then "))
    };
    let none_other = framework.is_llm().then(|| {
        Framework::LLM_EDITIONS
            .into_iter()
            .filter(|&f| f != framework && !counterparts.iter().any(|c| c.id().framework() == f))
            .map(|f| format!("{}: no counterpart", f.edition()))
            .collect::<Vec<_>>()
    });
    match format {
        Format::Json => out.push_str(&schema::external_id_json(id)),
        Format::Table => {
            let mut listing = Listing::new(&["FIELD", "VALUE"]);
            listing.row(vec!["id".into(), id.to_string()]);
            listing.row(vec!["title".into(), id.title().into()]);
            listing.row(vec![
                "framework".into(),
                format!("{} {}", framework.name(), framework.edition()),
            ]);
            if links.is_empty() {
                listing.row(vec!["risks".into(), "no risk links to it".into()]);
            }
            for link in &links {
                listing.row(vec!["risk".into(), linked(link)]);
            }
            for c in &counterparts {
                listing.row(vec![
                    format!("{} edition", c.id().framework().edition()),
                    counterpart(c),
                ]);
            }
            for line in none_other.iter().flatten() {
                let (edition, text) = line.split_once(": ").expect("edition: text");
                listing.row(vec![format!("{edition} edition"), text.into()]);
            }
            listing.table(out);
        }
        Format::Markdown => {
            let _ = writeln!(
                out,
                "## {id} {}
",
                id.title()
            );
            let _ = writeln!(
                out,
                "- Framework: {} {}",
                framework.name(),
                framework.edition()
            );
            if links.is_empty() {
                let _ = writeln!(out, "- Risks: no risk links to it");
            }
            for link in &links {
                let _ = writeln!(out, "- Risk: {}", linked(link));
            }
            for c in &counterparts {
                let _ = writeln!(
                    out,
                    "- {} edition: {}",
                    c.id().framework().edition(),
                    counterpart(c)
                );
            }
            for line in none_other.iter().flatten() {
                let _ = writeln!(out, "- {line}");
            }
        }
    }
}

/// A link after its id: `Infer Training Data Membership (primary)`, with its note when the note
/// says more than the title.
fn link_text(link: &Link) -> String {
    let title = link.target().title();
    let mut text = format!("{title} ({})", link.strength());
    let note = link.note();
    let extra = note
        .strip_prefix(title)
        .map_or(note, |rest| rest.trim_start_matches([',', ':', ';', ' ']));
    if !extra.is_empty() {
        let _ = write!(text, ": {extra}");
    }
    text
}

/// The longest tool name the table prints in full; longer ones end with "…".
const NAME_WIDTH: usize = 32;

fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(width - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

fn tools(chosen: &Registry, format: Format, out: &mut String) {
    if format == Format::Json {
        out.push_str(&chosen.to_json());
        return;
    }
    let mut listing = Listing::new(&["NAME", "ID", "KIND", "RISKS", "CATEGORIES"]);
    for tool in chosen.tools() {
        let categories: Vec<&str> = tool.categories().iter().map(|c| c.as_str()).collect();
        let name = match format {
            Format::Table => shorten(tool.name(), NAME_WIDTH),
            _ => tool.name().to_owned(),
        };
        let id = match format {
            Format::Table => shorten(tool.id(), NAME_WIDTH),
            _ => tool.id().to_owned(),
        };
        listing.row(vec![
            name,
            id,
            tool.kind().as_str().to_owned(),
            codes(tool.risks()),
            if categories.is_empty() {
                "-".to_owned()
            } else {
                categories.join(", ")
            },
        ]);
    }
    listing.print(format, out);
}

fn coverage_report(
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
            for (requirement, gap) in report.checks() {
                for entry in gap.map(|g| g.entries()).unwrap_or_default() {
                    let a = Annotation::new(
                        AnnotationLevel::Error,
                        format!("requirement {requirement}: {entry}"),
                    )
                    .titled("MLSecOps: required risk not covered");
                    let _ = writeln!(out, "{a}");
                }
            }
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
            // Without requirements every open risk counts; with them, only the required ones.
            let required = if report.checks().len() == 0 {
                RiskSet::ALL
            } else {
                report
                    .checks()
                    .fold(RiskSet::EMPTY, |a, (r, _)| a | r.risks())
            };
            out.push_str(&navigator::Layer::of(report.coverage(), required).to_json());
            return outcome;
        }
        CoverageFormat::Table => Format::Table,
        CoverageFormat::Markdown => Format::Markdown,
    };
    let coverage = report.coverage();
    let total = coverage.total();
    // Markdown: a heading and list items, which render as lines rather than one paragraph.
    let item = if format == Format::Markdown { "- " } else { "" };
    if format == Format::Markdown {
        out.push_str("## MLSecOps coverage\n\n");
    }
    let _ = writeln!(
        out,
        "{item}Tools ({}): {}\n{item}Covered: {} of {} risks ({:.0}%)\n",
        coverage.tools().len(),
        names(coverage.tools()),
        total.covered,
        total.total,
        total.ratio() * 100.0
    );
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
                        let _ = writeln!(out, "  - {entry}");
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

/// `check`: the policy's findings, one per line, then the verdict.
fn check(dir: &Path, format: CheckFormat, out: &mut String) -> Result<Outcome> {
    let policy = Policy::discover(dir).map_err(|e| e.to_string())?;
    let verdict = policy.evaluate();
    if format != CheckFormat::Table {
        if format == CheckFormat::Sarif {
            out.push_str(&sarif::Log::check(&verdict).to_json());
        } else if format == CheckFormat::Navigator {
            if let Some(layer) = navigator::Layer::check(&verdict) {
                out.push_str(&layer.to_json());
            }
        } else {
            for f in verdict.findings() {
                let level = match f.level() {
                    Level::Error => AnnotationLevel::Error,
                    Level::Warning => AnnotationLevel::Warning,
                };
                let title = if f.risk().is_some() {
                    "MLSecOps: required risk not covered"
                } else {
                    "MLSecOps: policy"
                };
                let a = Annotation::new(level, f.message()).titled(title);
                let a = match f.line() {
                    Some(line) => a.at(f.file().display().to_string(), line, f.column()),
                    None => a.on_file(f.file().display().to_string()),
                };
                let _ = writeln!(out, "{a}");
            }
        }
        if verdict.is_configuration_error() {
            let errors: Vec<String> = verdict.findings().iter().map(|f| f.to_string()).collect();
            return Err(format!(
                "{}: the policy cannot be checked\n{}",
                policy.file().display(),
                errors.join("\n")
            ));
        }
        return Ok(if verdict.is_failed() {
            Outcome::CheckFailed(format!(
                "{}: {} required risks not covered (deny = true)",
                policy.file().display(),
                verdict.findings().len()
            ))
        } else {
            Outcome::Success
        });
    }
    let lines: Vec<String> = verdict
        .findings()
        .iter()
        .map(|f| {
            let level = match f.level() {
                Level::Error => "error",
                Level::Warning => "warning",
            };
            match (f.line(), f.column()) {
                (Some(line), Some(column)) => format!(
                    "{}:{line}:{column}: {level}: {}",
                    f.file().display(),
                    f.message()
                ),
                _ => format!("{}: {level}: {}", f.file().display(), f.message()),
            }
        })
        .collect();
    if verdict.is_configuration_error() {
        return Err(lines.join("\n"));
    }
    for line in &lines {
        let _ = writeln!(out, "{line}");
    }
    let coverage = verdict
        .coverage()
        .expect("a policy without configuration errors has a coverage");
    let _ = writeln!(
        out,
        "{}: {} ({})",
        policy.file().display(),
        if verdict.is_failed() {
            "FAILED"
        } else {
            "passed"
        },
        coverage
    );
    Ok(if verdict.is_failed() {
        Outcome::CheckFailed(format!(
            "{}: {} required risks not covered (deny = true)",
            policy.file().display(),
            lines.len()
        ))
    } else {
        Outcome::Success
    })
}

/// The ids of the tools the files at `paths` show.
fn detected(registry: &Registry, paths: &[PathBuf], transitive: bool) -> Result<Vec<String>> {
    let inventory = detect::scan(paths).map_err(|e| e.to_string())?;
    Ok(inventory
        .tools(registry, transitive)
        .iter()
        .map(|t| t.tool().id().to_owned())
        .collect())
}

fn print_detection(report: &DetectionReport, transitive: bool, format: Format, out: &mut String) {
    if format == Format::Json {
        out.push_str(&report.to_json());
        return;
    }
    let rows = |tools: &[mlsecops_taxonomy::DetectedToolEntry], listing: &mut Listing| {
        for tool in tools {
            for (i, e) in tool.evidence.iter().enumerate() {
                let (name, id) = if i == 0 {
                    (tool.name.clone(), tool.id.clone())
                } else {
                    (String::new(), String::new())
                };
                let how = if e.direct { "direct" } else { "transitive" };
                listing.row(vec![
                    name,
                    id,
                    format!("{}:{}", e.file, e.line),
                    format!("{} {} ({how})", e.ecosystem, e.package),
                ]);
            }
        }
    };
    if format == Format::Markdown {
        out.push_str("## Tools the project uses\n\n");
    }
    let mut listing = Listing::new(&["TOOL", "ID", "WHERE", "PACKAGE"]);
    rows(&report.tools, &mut listing);
    if report.tools.is_empty() {
        let _ = writeln!(out, "No tool of the registry found.");
    } else {
        listing.print(format, out);
    }
    if !report.transitive.is_empty() {
        let _ = writeln!(
            out,
            "\nSeen only as transitive dependencies (not counted{}):",
            if transitive {
                ""
            } else {
                "; --transitive counts them"
            }
        );
        let mut listing = Listing::new(&["TOOL", "ID", "WHERE", "PACKAGE"]);
        rows(&report.transitive, &mut listing);
        listing.print(format, out);
    }
    let _ = writeln!(
        out,
        "\n{} read.",
        plural(report.files.len(), "file", "files")
    );
}

fn cover(
    registry: &Registry,
    require: Vec<Requirement>,
    used: Option<Vec<String>>,
    format: Format,
    out: &mut String,
) -> Outcome {
    let asked = !require.is_empty();
    let mut required = if require.is_empty() {
        RiskSet::ALL
    } else {
        require
            .iter()
            .map(|r| r.risks())
            .fold(RiskSet::EMPTY, |a, b| a | b)
    };
    if let Some(used) = &used {
        let covered = registry
            .coverage(used)
            .map(|c| c.covered())
            .unwrap_or(RiskSet::EMPTY);
        if format != Format::Json {
            let _ = writeln!(
                out,
                "The project's tools ({}) cover {} of the {} required risks; the fewest to add:",
                if used.is_empty() {
                    "none found".to_owned()
                } else {
                    used.join(", ")
                },
                (covered & required).len(),
                required.len()
            );
        }
        required = required.difference(covered);
    }
    let found = registry.minimal_cover(required);
    let outcome = if asked && !found.uncoverable().is_empty() {
        Outcome::CheckFailed(format!(
            "no tool in the registry covers {} (required by --require {})",
            found.uncoverable(),
            require
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", --require ")
        ))
    } else {
        Outcome::Success
    };
    if format == Format::Json {
        out.push_str(&found.coverage().report(require).to_json());
        return outcome;
    }
    let _ = writeln!(
        out,
        "{} tools cover {} of the {} required risks{}",
        found.tools().len(),
        found.covered().len(),
        required.len(),
        if found.is_proven_minimal() {
            " (proven minimal)"
        } else {
            " (not proven minimal)"
        }
    );
    if !found.uncoverable().is_empty() {
        let _ = writeln!(
            out,
            "No tool in the registry covers: {}",
            found.uncoverable()
        );
    }
    out.push('\n');
    let mut listing = Listing::new(&["TOOL", "ID", "COVERS"]);
    for tool in found.tools() {
        listing.row(vec![
            tool.name().to_owned(),
            tool.id().to_owned(),
            codes(tool.risks() & required),
        ]);
    }
    listing.print(format, out);
    outcome
}

fn validate(file: &Path, format: FindingsFormat, out: &mut String) -> Result<Outcome> {
    let validation = Validation::of_file(file).map_err(|e| e.to_string())?;
    let problems = validation.problems();
    let Some(format) = format.listing() else {
        if format == FindingsFormat::Sarif {
            out.push_str(&sarif::Log::validation(&validation).to_json());
        }
        for p in problems.iter().filter(|_| format == FindingsFormat::Github) {
            let a = Annotation::new(AnnotationLevel::Error, p.to_string())
                .titled("MLSecOps: invalid registry file");
            let a = match p.location() {
                Some(at) => a.at(file.display().to_string(), at.line, Some(at.column)),
                None => a.on_file(file.display().to_string()),
            };
            let _ = writeln!(out, "{a}");
        }
        let lines: Vec<String> = problems.iter().map(|p| problem_line(file, p)).collect();
        let summary = format!(
            "{} is not a valid registry file: {}",
            file.display(),
            plural(problems.len(), "problem", "problems")
        );
        return Ok(verdict(Format::Markdown, summary, &lines));
    };
    match format {
        Format::Json => out.push_str(&validation.to_json()),
        _ if validation.is_valid() => {
            let _ = writeln!(
                out,
                "{}: valid, {}",
                file.display(),
                plural(validation.tools(), "tool", "tools")
            );
        }
        Format::Table => {
            for p in problems {
                let _ = writeln!(out, "{}", problem_line(file, p));
            }
        }
        Format::Markdown => {
            let mut listing = Listing::new(&["LINE", "COLUMN", "PROBLEM"]);
            for p in problems {
                let (line, column) = p.location().map_or((0, 0), |l| (l.line, l.column));
                listing.row(vec![line.to_string(), column.to_string(), p.to_string()]);
            }
            listing.markdown(out);
        }
    }
    let lines: Vec<String> = problems.iter().map(|p| problem_line(file, p)).collect();
    let summary = format!(
        "{} is not a valid registry file: {}",
        file.display(),
        plural(problems.len(), "problem", "problems")
    );
    Ok(verdict(format, summary, &lines))
}

/// The outcome of `validate` or `lint`: success with no finding; otherwise a failed check whose
/// reason, with the table format, is a count (the findings are on standard output already),
/// and otherwise the findings themselves, so that the log says why whatever standard output
/// was redirected to.
fn verdict(format: Format, summary: String, lines: &[String]) -> Outcome {
    if lines.is_empty() {
        Outcome::Success
    } else if format == Format::Table {
        Outcome::CheckFailed(summary)
    } else {
        Outcome::CheckFailed(format!("{summary}\n{}", lines.join("\n")))
    }
}

/// `1 tool`, `2 tools`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A registry problem as `file:line:column: problem`.
fn problem_line(file: &Path, p: &Problem) -> String {
    match p.location() {
        Some(at) => format!("{}:{}:{}: {p}", file.display(), at.line, at.column),
        None => format!("{}: {p}", file.display()),
    }
}

fn lint(file: &Path, format: FindingsFormat, out: &mut String) -> Result<Outcome> {
    let text = read_text(file)?;
    // The name says what the file is; the content only when the name says nothing.
    let kind = DocumentKind::from_path(file).unwrap_or_else(|| DocumentKind::sniff(&text));
    let report = LintReport::new(file.display().to_string(), list::lint_as(&text, kind));
    let findings = report.findings();
    let Some(format) = format.listing() else {
        if format == FindingsFormat::Sarif {
            out.push_str(&sarif::Log::lint(&report).to_json());
        }
        for f in findings.iter().filter(|_| format == FindingsFormat::Github) {
            let a = Annotation::new(AnnotationLevel::Error, f.message.clone())
                .at(file.display().to_string(), f.line, Some(f.column))
                .titled(format!("MLSecOps lint: {}", f.rule));
            let _ = writeln!(out, "{a}");
        }
        let lines: Vec<String> = findings.iter().map(|f| located(file, f)).collect();
        let summary = format!(
            "{}: {}",
            file.display(),
            plural(findings.len(), "finding", "findings")
        );
        return Ok(verdict(Format::Markdown, summary, &lines));
    };
    match format {
        Format::Json => out.push_str(&report.to_json()),
        Format::Table => {
            for f in findings {
                let _ = writeln!(out, "{}", located(file, f));
            }
            if findings.is_empty() {
                let _ = writeln!(out, "{}: no findings", file.display());
            }
        }
        Format::Markdown => {
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
    let lines: Vec<String> = findings.iter().map(|f| located(file, f)).collect();
    let summary = format!(
        "{}: {}",
        file.display(),
        plural(findings.len(), "finding", "findings")
    );
    Ok(verdict(format, summary, &lines))
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
