//! Each query against a naive baseline in the same run:
//! `cargo bench --bench queries`.
#![allow(missing_docs)]

use std::collections::{HashMap, HashSet};
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mlsecops_taxonomy::{Registry, Risk, RiskSet};

const FIVE: [&str; 5] = [
    "Garak",
    "ModelScan",
    "NB Defense",
    "TensorFlow Privacy",
    "Model Transparency",
];

/// The baseline registry: tool name to a set of code strings.
fn naive_registry() -> HashMap<String, HashSet<String>> {
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

fn naive_coverage(
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

fn coverage(c: &mut Criterion) {
    let reg = Registry::builtin();
    let naive = naive_registry();
    let mut g = c.benchmark_group("coverage of 5 tools");
    g.bench_function("RiskSet registry", |b| {
        b.iter(|| {
            let cov = reg.coverage(black_box(FIVE)).unwrap();
            black_box((cov.covered(), cov.uncovered()))
        })
    });
    g.bench_function("baseline HashSet<String> per tool", |b| {
        b.iter(|| black_box(naive_coverage(&naive, black_box(&FIVE))))
    });
    g.finish();
}

fn parse(c: &mut Criterion) {
    let table: HashMap<String, Risk> = Risk::ALL
        .iter()
        .map(|r| (r.code().to_owned(), *r))
        .collect();
    let mut g = c.benchmark_group("parse a code");
    g.bench_function("Risk::from_str", |b| {
        b.iter(|| black_box("R17-Security").parse::<Risk>().unwrap())
    });
    g.bench_function("baseline HashMap<String, Risk>", |b| {
        b.iter(|| *table.get(black_box("R17-Security")).unwrap())
    });
    g.finish();
}

fn minimal_cover(c: &mut Criterion) {
    let reg = Registry::builtin();
    let mut g = c.benchmark_group("minimal cover");
    g.bench_function("minimal_cover(RiskSet::ALL), built-in registry", |b| {
        b.iter(|| {
            black_box(reg.minimal_cover(black_box(RiskSet::ALL)))
                .tools()
                .len()
        })
    });
    g.finish();
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

fn load(c: &mut Criterion) {
    let text = generated_registry(10_000);
    let mut g = c.benchmark_group("load 10,000 tools");
    g.sample_size(20);
    g.bench_function("Registry::from_json", |b| {
        b.iter(|| Registry::from_json(black_box(&text)).unwrap().len())
    });
    g.bench_function("baseline serde_json::Value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, coverage, parse, minimal_cover, load);
criterion_main!(benches);
