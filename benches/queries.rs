//! Each query against a naive baseline in the same run, with criterion (statistics, saved
//! baselines to compare commits): `cargo bench --bench queries`. The guarded ratios are
//! `benches/ratios.rs`'s.
#![allow(missing_docs)]

mod common;

use std::collections::HashMap;
use std::hint::black_box;

use common::{FIVE, generated_registry, naive_coverage, naive_registry};
use criterion::{Criterion, criterion_group, criterion_main};
use mlsecops_taxonomy::{Registry, Risk, RiskSet};

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
