//! `mlsecops risks`: the risks, optionally of one layer, phase or domain.

use mlsecops_taxonomy::{Domain, Layer, Phase, Registry, RiskSet, schema};

use crate::args::{Format, RegistryArgs, choice};
use crate::error::{Error, Outcome, Result};
use crate::table::Listing;

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    if let (Some(layer), Some(phase)) = (args.layer, args.phase) {
        if phase.layer() != layer {
            return Err(Error::msg(format!(
                "--phase {phase} is in the {} layer, not in --layer {layer}: no risk is in both \
                 (give one of them, or --layer {})",
                phase.layer(),
                phase.layer()
            )));
        }
    }
    let mut set = RiskSet::ALL;
    if let Some(layer) = args.layer {
        set &= RiskSet::from(layer);
    }
    if let Some(phase) = args.phase {
        set &= RiskSet::from(phase);
    }
    if let Some(domain) = args.domain {
        set &= RiskSet::from(domain);
    }
    print(&*args.registry.load()?, set, args.format, out);
    Ok(Outcome::Success)
}

fn print(registry: &Registry, set: RiskSet, format: Format, out: &mut String) {
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
