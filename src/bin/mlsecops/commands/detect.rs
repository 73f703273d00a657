//! `mlsecops detect`: the tools a project uses, from its manifests, lockfiles and SBOMs, with
//! the file and line of each.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mlsecops_taxonomy::policy::{Policy, PolicyError};
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
    /// Read each file named as this kind, whatever its name.
    #[arg(
        long = "as",
        value_name = "DETECTOR",
        value_parser = clap::builder::PossibleValuesParser::new(detect::detectors())
    )]
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
    let registry = project_registry(&args.registry, &args.root, &paths)?;
    let report = inventory.report(&registry, args.transitive);
    print(&report, args.transitive, args.format, out);
    Ok(Outcome::Success)
}

/// The registry a scan of `paths` looks tools up in: the file of `--registry` when one is given;
/// else the registry the project's policy names (the policy found as `check` finds it, in the
/// first path's directory), said on standard error; else the built-in one.
pub fn project_registry(
    registry: &RegistryArgs,
    root: &RootArgs,
    paths: &[PathBuf],
) -> Result<Cow<'static, Registry>> {
    if registry.given() {
        return registry.load();
    }
    let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let dir = if first.is_dir() {
        first
    } else {
        match first.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    };
    let cannot = |e: PolicyError| {
        Error::diagnostics(
            Some(
                "the project's policy, whose registry detection looks tools up in, cannot be read \
                 (fix it, or give --registry FILE):"
                    .to_owned(),
            ),
            e.diagnostics().to_vec(),
        )
    };
    let Some(mut policy) = Policy::find(dir).map_err(cannot)? else {
        return Ok(Cow::Borrowed(Registry::builtin()));
    };
    if let Some(root) = root.root()? {
        policy = policy.with_root(root);
    }
    match policy.registry().map_err(cannot)? {
        None => Ok(Cow::Borrowed(Registry::builtin())),
        Some(ours) => {
            let shown = |p: &Path| {
                policy
                    .root()
                    .map_or_else(|_| p.display().to_string(), |r| r.relative(p))
            };
            let file = policy.registry_file().unwrap_or_default();
            crate::warn(&format!(
                "mlsecops: registry: the built-in tools and those of {}, which {} names",
                shown(&file),
                shown(policy.file())
            ));
            Ok(Cow::Owned(ours))
        }
    }
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
