//! What the benches share: the queries' inputs and their naive baselines.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use mlsecops_taxonomy::{Registry, Risk};

pub const FIVE: [&str; 5] = [
    "Garak",
    "ModelScan",
    "NB Defense",
    "TensorFlow Privacy",
    "Model Transparency",
];

/// The baseline registry: tool name to a set of code strings.
pub fn naive_registry() -> HashMap<String, HashSet<String>> {
    Registry::builtin()
        .tools()
        .map(|t| {
            (
                t.name().to_owned(),
                t.risks().iter().map(|r| r.code().to_owned()).collect(),
            )
        })
        .collect()
}

pub fn naive_coverage(
    reg: &HashMap<String, HashSet<String>>,
    names: &[&str],
) -> (HashSet<String>, Vec<String>) {
    let mut covered = HashSet::new();
    for name in names {
        covered.extend(reg[*name].iter().cloned());
    }
    let uncovered = Risk::ALL
        .iter()
        .map(|r| r.code().to_owned())
        .filter(|c| !covered.contains(c))
        .collect();
    (covered, uncovered)
}

/// A registry document of `n` tools with one to four risks each.
pub fn generated_registry(n: usize) -> String {
    let mut tools = Vec::with_capacity(n);
    let mut seed: u64 = 0x1234_5678;
    for i in 0..n {
        let mut codes: Vec<&str> = Vec::new();
        for _ in 0..1 + i % 4 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let code = Risk::ALL[(seed >> 33) as usize % 34].code();
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        tools.push(format!(
            r#"{{"name": "Tool {i}", "url": "https://example.com/tool-{i}", "description": "Generated tool number {i}.", "risks": [{}], "categories": ["llm-security"]}}"#,
            codes.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
        ));
    }
    format!("{{\"tools\": [\n{}\n]}}\n", tools.join(",\n"))
}
