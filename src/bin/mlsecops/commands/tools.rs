//! `mlsecops tools`: the tools of the registry, optionally those covering a risk, of a category,
//! kind, role or provenance, or mapped on a basis.

use mlsecops_taxonomy::{Basis, Category, Provenance, Registry, Risk, Role, ToolKind};

use crate::args::{Format, RegistryArgs, choice};
use crate::error::{Error, Outcome, Result};
use crate::table::{Listing, NAME_WIDTH, shorten, tool_codes};

#[derive(clap::Args)]
pub struct Args {
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
    /// Only the tools of this role (what a tool is to a project).
    #[arg(long, value_parser = choice::<Role>(Role::ALL.map(Role::as_str)))]
    role: Option<Role>,
    /// Only the tools a project can adopt as a control (CI scanners, runtime libraries, hosted
    /// services): no benchmark, playground or research code.
    #[arg(long)]
    adoptable: bool,
    /// Only the tools whose facts come from here: the source's table, the curated layer, or
    /// the user's registry file.
    #[arg(long, value_parser = choice::<Provenance>(Provenance::ALL.map(Provenance::as_str)))]
    provenance: Option<Provenance>,
    /// Only the tools with a mapping on this basis (with --covering, a mapping of that risk);
    /// the RISKS column then lists only those risks.
    #[arg(long, value_parser = choice::<Basis>(Basis::ALL.map(Basis::as_str)))]
    basis: Option<Basis>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let covering = match &args.covering {
        Some(code) => Some(code.parse::<Risk>().map_err(Error::from)?),
        None => None,
    };
    let loaded = args.registry.load()?;
    let counted = args.basis.map(|b| loaded.counting(&[b]));
    let registry = counted.as_ref().unwrap_or(&loaded);
    let chosen = registry.filter(|t| {
        covering.is_none_or(|r| t.risks().contains(r))
            && (args.basis.is_none() || !t.risks().is_empty())
            && args.category.is_none_or(|c| t.categories().contains(&c))
            && args.kind.is_none_or(|k| t.kind() == k)
            && args.role.is_none_or(|r| t.role() == Some(r))
            && (!args.adoptable || t.is_adoptable())
            && args.provenance.is_none_or(|p| t.provenance() == p)
    });
    print(&chosen, args.format, out);
    Ok(Outcome::Success)
}

/// The widest RISKS and CATEGORIES cells of a terminal table (`--format json` or `markdown` has
/// them whole).
const RISKS_WIDTH: usize = 48;
const CATEGORIES_WIDTH: usize = 24;

fn print(chosen: &Registry, format: Format, out: &mut String) {
    if format == Format::Json {
        out.push_str(&chosen.to_json());
        return;
    }
    let mut listing = Listing::new(&["NAME", "ID", "ROLE", "FROM", "RISKS", "CATEGORIES"]);
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
            match (tool.kind(), tool.role()) {
                (ToolKind::Vendor, _) => "vendor".to_owned(),
                (_, Some(role)) => role.as_str().to_owned(),
                (_, None) => "-".to_owned(),
            },
            tool.provenance().as_str().to_owned(),
            match format {
                Format::Table => shorten(&tool_codes(tool), RISKS_WIDTH),
                _ => tool_codes(tool),
            },
            match (categories.is_empty(), format) {
                (true, _) => "-".to_owned(),
                (false, Format::Table) => shorten(&categories.join(", "), CATEGORIES_WIDTH),
                (false, _) => categories.join(", "),
            },
        ]);
    }
    listing.print(format, out);
}
