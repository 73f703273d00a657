//! `mlsecops tools`: the tools of the registry, optionally those covering a risk, of a category
//! or of a kind.

use mlsecops_taxonomy::{Category, Registry, Risk, ToolKind};

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
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let covering = match &args.covering {
        Some(code) => Some(code.parse::<Risk>().map_err(Error::from)?),
        None => None,
    };
    let chosen = args.registry.load()?.filter(|t| {
        covering.is_none_or(|r| t.risks().contains(r))
            && args.category.is_none_or(|c| t.categories().contains(&c))
            && args.kind.is_none_or(|k| t.kind() == k)
    });
    print(&chosen, args.format, out);
    Ok(Outcome::Success)
}

fn print(chosen: &Registry, format: Format, out: &mut String) {
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
            tool_codes(tool),
            if categories.is_empty() {
                "-".to_owned()
            } else {
                categories.join(", ")
            },
        ]);
    }
    listing.print(format, out);
}
