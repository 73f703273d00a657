//! Prints the taxonomy as a tree: layers, their phases with the phase kind, and each phase's
//! risks with code and name.
//!
//! ```text
//! cargo run --example tour
//! ```

use mlsecops_taxonomy::{Layer, Risk};

fn main() {
    for layer in Layer::ALL {
        println!("{} layer ({} risks)", layer.name(), layer.risks().len());
        let phases = layer.phases();
        for (i, phase) in phases.iter().enumerate() {
            let last_phase = i + 1 == phases.len();
            let (branch, indent) = if last_phase {
                ("└──", "    ")
            } else {
                ("├──", "│   ")
            };
            println!("{branch} {} [{}]", phase.name(), phase.kind().name());
            let risks: Vec<Risk> = phase.risks().iter().collect();
            for (j, risk) in risks.iter().enumerate() {
                let leaf = if j + 1 == risks.len() {
                    "└──"
                } else {
                    "├──"
                };
                println!("{indent}{leaf} {:<13} {}", risk.code(), risk.name());
            }
        }
    }
    println!(
        "{} layers, {} phases, {} risks",
        Layer::ALL.len(),
        Layer::ALL.iter().map(|l| l.phases().len()).sum::<usize>(),
        Risk::ALL.len()
    );
}
