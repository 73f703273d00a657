//! Coverage of a set of tools from the built-in registry: by layer and phase, the open risks,
//! and the fewest tools that would close what can be closed.
//!
//! ```text
//! cargo run --example coverage -- Garak ModelScan
//! cargo run --example coverage            # the whole built-in registry
//! cargo run --example coverage -- --json --require model Garak ModelScan
//! ```
//!
//! With `--json` it prints the coverage report document (see `coverage.schema.json`), with a
//! verdict for each `--require SPEC` (`all`, a domain, a layer, a phase or a risk code).

use std::process::ExitCode;

use mlsecops_taxonomy::{Layer, Registry, Requirement};

fn main() -> ExitCode {
    let registry = Registry::builtin();
    let mut names: Vec<String> = Vec::new();
    let mut requirements: Vec<Requirement> = Vec::new();
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--require" => match args.next().map(|spec| spec.parse::<Requirement>()) {
                Some(Ok(req)) => requirements.push(req),
                Some(Err(e)) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
                None => {
                    eprintln!("error: --require needs a requirement, e.g. --require model");
                    return ExitCode::from(2);
                }
            },
            _ => names.push(arg),
        }
    }
    let coverage = if names.is_empty() {
        registry.coverage_all()
    } else {
        match registry.coverage(&names) {
            Ok(coverage) => coverage,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    };
    if json {
        let report = coverage.report(requirements);
        print!("{}", report.to_json());
        return if report.is_met() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    let tools: Vec<&str> = coverage.tools().map(|t| t.name()).collect();
    println!("Tools ({}): {}", tools.len(), tools.join(", "));
    println!(
        "Covered: {} of 34 risks ({:.0}%)\n",
        coverage.total().covered,
        coverage.ratio() * 100.0
    );
    for layer in Layer::ALL {
        println!(
            "{:<52} {:>5}",
            format!("{} layer", layer.name()),
            coverage.layer(layer).to_string()
        );
        for &phase in layer.phases() {
            println!(
                "  {:<50} {:>5}",
                phase.name(),
                coverage.phase(phase).to_string()
            );
        }
    }
    let open = coverage.uncovered();
    println!("\nOpen risks ({}):", open.len());
    if let Err(gap) = coverage.require(open) {
        for entry in gap.entries() {
            println!("  {entry}");
        }
    }
    let cover = registry.minimal_cover(open);
    let add: Vec<&str> = cover.tools().map(|t| t.name()).collect();
    println!(
        "\nFewest tools to add to close the {} open risks that some tool covers ({}): {}",
        cover.covered().len(),
        add.len(),
        if add.is_empty() {
            "none".to_owned()
        } else {
            add.join(", ")
        }
    );
    println!(
        "Risks no tool in the registry covers: {}",
        cover.uncoverable().len()
    );
    ExitCode::SUCCESS
}
