//! The crosswalk as a Markdown table: each risk with its links to MITRE ATLAS 5.6.0, the OWASP
//! Top 10 for LLM Applications 2025 and the OWASP ML Security Top 10 2023, or "no mapping".
//!
//! ```text
//! cargo run --example crosswalk
//! ```

use mlsecops_taxonomy::{Crosswalk, Framework, Risk};

fn main() {
    println!("| risk | MITRE ATLAS 5.6.0 | OWASP LLM Top 10 2025 | OWASP ML Top 10 2023 |");
    println!("|---|---|---|---|");
    let mut unmapped = Vec::new();
    for risk in Risk::ALL {
        let crosswalk = risk.crosswalk();
        if crosswalk == Crosswalk::NoMapping {
            unmapped.push(risk.code());
            continue;
        }
        let cells: Vec<String> = Framework::ALL
            .into_iter()
            .map(|f| {
                let links: Vec<String> = crosswalk
                    .framework(f)
                    .iter()
                    .map(|l| {
                        let mark = if l.strength() == mlsecops_taxonomy::Strength::Primary {
                            "**"
                        } else {
                            ""
                        };
                        format!("{mark}{}{mark} {}", l.target(), l.target().title())
                    })
                    .collect();
                links.join("<br>")
            })
            .collect();
        println!(
            "| {} {} | {} |",
            risk.code(),
            risk.name(),
            cells.join(" | ")
        );
    }
    println!("\nNo mapping ({}): {}", unmapped.len(), unmapped.join(", "));
}
