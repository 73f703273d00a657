//! `mlsecops detect`: the tools a project uses, from its manifests, lockfiles and SBOMs, with
//! the file and line of each.

use std::fmt::Write as _;
use std::path::PathBuf;

use mlsecops_taxonomy::{DetectionReport, Registry, detect};

use crate::args::{Format, RegistryArgs, RootArgs};
use crate::error::{Error, Outcome, Result};
use crate::table::{Listing, plural};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    registry: RegistryArgs,
    /// Files and directories (a directory is walked); the current directory by default.
    paths: Vec<PathBuf>,
    /// Count tools seen only as transitive dependencies (in a lockfile or an SBOM's graph).
    #[arg(long)]
    transitive: bool,
    /// Read each file named as this kind, whatever its name (requirements, pyproject, uv-lock,
    /// poetry-lock, cargo-toml, cargo-lock, package-json, sbom, workflow).
    #[arg(long = "as", value_name = "DETECTOR")]
    as_kind: Option<String>,
    #[command(flatten)]
    root: RootArgs,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let mut paths = args.paths;
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let inventory = match &args.as_kind {
        Some(kind) => {
            let mut all = detect::Inventory::default();
            for path in &paths {
                all = all.merge(detect::scan_as(kind, path).map_err(Error::from)?);
            }
            all
        }
        None => scan(&args.root, &paths)?,
    };
    warn(&inventory);
    let report = inventory.report(&*args.registry.load()?, args.transitive);
    print(&report, args.transitive, args.format, out);
    Ok(Outcome::Success)
}

/// What the scan noted and went on past, on standard error, one diagnostic a line.
fn warn(inventory: &detect::Inventory) {
    for w in inventory.warnings() {
        crate::warn(&format!("mlsecops: {}", w.to_text()));
    }
}

/// The scan of `paths`, confined to `--root` when it is given (else each path to its own root).
fn scan(root: &RootArgs, paths: &[PathBuf]) -> Result<detect::Inventory> {
    match root.root()? {
        Some(root) => detect::scan_in(&root, paths),
        None => detect::scan(paths),
    }
    .map_err(Error::from)
}

/// The ids of the tools the files at `paths` show (for `coverage --detect` and `cover
/// --detect`).
pub fn detected(
    registry: &Registry,
    root: &RootArgs,
    paths: &[PathBuf],
    transitive: bool,
) -> Result<Vec<String>> {
    let inventory = scan(root, paths)?;
    warn(&inventory);
    Ok(inventory
        .tools(registry, transitive)
        .iter()
        .map(|t| t.tool().id().to_owned())
        .collect())
}

fn print(report: &DetectionReport, transitive: bool, format: Format, out: &mut String) {
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
