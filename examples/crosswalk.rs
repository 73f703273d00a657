//! The crosswalk as a Markdown table: each risk with its links to MITRE ATLAS 5.6.0, the OWASP
//! Top 10 for LLM Applications 2025 and 2026 (carried through the editions' counterparts; the
//! 2023 edition is in the JSON and `mlsecops show`), the OWASP ML Security Top 10 2023 and the
//! OWASP Top 10 for Agentic Applications 2026 (carried from the LLM 2026 entries along OWASP's
//! mappings), or "no mapping".
//!
//! ```text
//! cargo run --example crosswalk
//! ```

use mlsecops_taxonomy::{Crosswalk, Framework, Risk};

fn main() {
    println!(
        "| risk | MITRE ATLAS 5.6.0 | OWASP LLM Top 10 2025 | OWASP LLM Top 10 2026 | OWASP ML Top 10 2023 | OWASP Agentic Top 10 2026 |"
    );
    println!("|---|---|---|---|---|---|");
    let mut unmapped = Vec::new();
    for risk in Risk::ALL {
        let crosswalk = risk.crosswalk();
        if crosswalk == Crosswalk::NoMapping {
            unmapped.push(risk.code());
            continue;
        }
        let cells: Vec<String> = Framework::ALL
            .into_iter()
            .filter(|&f| f != Framework::OwaspLlm2023)
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
                        let judged = match l.via() {
                            Some((_, relation)) if !relation.is_stated_by_owasp() => " (judged)",
                            _ => "",
                        };
                        format!("{mark}{}{mark} {}{judged}", l.target(), l.target().title())
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
