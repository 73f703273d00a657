//! The guarded ratios, each query against its baseline in the same process, in alternating
//! rounds so that a change in the machine's load touches both sides alike:
//!
//! ```text
//! cargo bench --bench ratios
//! ```
//!
//! Each ratio runs in a process of its own (the heap a query leaves behind changes the next
//! one's allocations); each round times a batch of the query and a batch of its baseline, the
//! order alternating; the printed ratio is the median over the rounds (with the lowest and
//! highest), and the aim it is held to. The command exits 1 when a ratio misses its aim, so a
//! regression is visible in the output and the status. `cargo bench --bench ratios -- load`
//! runs one.
#![allow(missing_docs)]

mod common;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{FIVE, generated_registry, naive_coverage, naive_registry};
use mlsecops_taxonomy::{Registry, Risk};

/// Rounds per ratio (odd, for a median).
const ROUNDS: usize = 31;

/// The time of `batch` runs of `f`.
fn time(batch: usize, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        f();
    }
    start.elapsed()
}

/// The median, lowest and highest of `ours / baseline` over alternating rounds.
fn ratio(batch: usize, mut ours: impl FnMut(), mut baseline: impl FnMut()) -> (f64, f64, f64) {
    // Warm both up.
    time(batch, &mut ours);
    time(batch, &mut baseline);
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            // Alternate which goes first.
            let (a, b) = if round % 2 == 0 {
                let a = time(batch, &mut ours);
                (a, time(batch, &mut baseline))
            } else {
                let b = time(batch, &mut baseline);
                (time(batch, &mut ours), b)
            };
            a.as_secs_f64() / b.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    (ratios[ROUNDS / 2], ratios[0], ratios[ROUNDS - 1])
}

/// Prints one line and returns whether the aim holds: `ours / baseline` at most `aim`.
fn report(what: &str, (median, low, high): (f64, f64, f64), aim: f64) -> bool {
    let met = median <= aim;
    println!(
        "{what}: {median:.3}x the baseline's time ({:.1}x faster; {low:.3}x to {high:.3}x over \
         {ROUNDS} rounds), aim at most {aim:.3}x: {}",
        1.0 / median,
        if met { "met" } else { "NOT MET" }
    );
    met
}

/// The ratios, by name.
const NAMES: [&str; 3] = ["coverage", "parse", "load"];

fn main() {
    // `cargo bench` passes `--bench`; anything else names one ratio.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let Some(filter) = filter else {
        // Each ratio in a fresh process.
        let me = std::env::current_exe().expect("the bench's own path");
        let mut all_met = true;
        for name in NAMES {
            let status = std::process::Command::new(&me)
                .arg(name)
                .status()
                .expect("the bench runs itself");
            all_met &= status.success();
        }
        std::process::exit(if all_met { 0 } else { 1 });
    };
    let wanted = |name: &str| name.contains(filter.as_str());
    let mut all_met = true;

    if wanted("coverage") {
        let reg = Registry::builtin();
        let naive = naive_registry();
        let r = ratio(
            20_000,
            || {
                let cov = reg.coverage(black_box(FIVE)).unwrap();
                black_box((cov.covered(), cov.uncovered()));
            },
            || {
                black_box(naive_coverage(&naive, black_box(&FIVE)));
            },
        );
        all_met &= report(
            "coverage of 5 named tools vs HashSet<String> per tool",
            r,
            1.0 / 20.0,
        );
    }

    if wanted("parse") {
        let table: HashMap<String, Risk> = Risk::ALL
            .iter()
            .map(|r| (r.code().to_owned(), *r))
            .collect();
        let r = ratio(
            200_000,
            || {
                black_box(black_box("R17-Security").parse::<Risk>().unwrap());
            },
            || {
                black_box(*table.get(black_box("R17-Security")).unwrap());
            },
        );
        all_met &= report(
            "parse \"R17-Security\" vs HashMap<String, Risk> lookup",
            r,
            1.0 / 3.0,
        );
    }

    if wanted("load") {
        let text = generated_registry(10_000);
        let r = ratio(
            3,
            || {
                black_box(Registry::from_json(black_box(&text)).unwrap().len());
            },
            || {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap());
            },
        );
        all_met &= report(
            "load a 10,000-tool registry file vs serde_json::Value",
            r,
            0.8,
        );
    }

    if !all_met {
        std::process::exit(1);
    }
}
