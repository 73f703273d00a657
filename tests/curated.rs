//! The evidence of the curated layer (`tests/data/curated/<family>/`): for each tool, what
//! identifies it (read from its own packaging at a commit), and for each (tool, risk) pair a quote
//! of the tool's own words with repository, commit, path and line, and a relation, `stated` or
//! `judged`. These tests keep the data well formed and true to the sources vendored beside it:
//! risk codes the taxonomy has, OWASP and ATLAS ids the crosswalk links to the risk they are said
//! to state, quotes short enough to be quotes.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mlsecops_taxonomy::Risk;

const TOOL_COLUMNS: [&str; 18] = [
    "name",
    "family",
    "role",
    "repository",
    "commit",
    "commit_date",
    "status",
    "licence",
    "pypi",
    "npm",
    "crates",
    "console_scripts",
    "imports",
    "actions",
    "precommit_hooks",
    "images",
    "use",
    "packaging_evidence",
];
const MAPPING_COLUMNS: [&str; 9] = [
    "tool",
    "risk",
    "relation",
    "quote",
    "repository",
    "commit",
    "path",
    "line",
    "basis",
];

fn families() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/curated");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// The rows of a TSV file with its header, each as a map from column to value.
fn rows(file: &Path, columns: &[&str]) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(header, columns, "{}", file.display());
    lines
        .enumerate()
        .map(|(i, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cells.len(),
                columns.len(),
                "{}:{}: {line}",
                file.display(),
                i + 2
            );
            columns
                .iter()
                .zip(cells)
                .map(|(c, v)| ((*c).to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn is_commit(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The crosswalk vendored in `tests/data`: (risk, id) pairs, ids without their edition.
fn crosswalk() -> BTreeSet<(String, String)> {
    common::tsv_rows("crosswalk.tsv")
        .into_iter()
        .filter(|r| r.len() >= 3 && r[0] != "risk")
        .map(|r| (r[0].clone(), r[2].clone()))
        .collect()
}

#[test]
fn every_tool_is_identified_from_its_own_repository() {
    let mut names = BTreeSet::new();
    for family in families() {
        for t in rows(&family.join("tools.tsv"), &TOOL_COLUMNS) {
            let what = format!("{}: {}", family.display(), t["name"]);
            assert!(names.insert(t["name"].clone()), "{what}: named twice");
            assert_eq!(
                t["family"],
                family.file_name().unwrap().to_str().unwrap(),
                "{what}"
            );
            assert!(
                [
                    "ci-scanner",
                    "runtime-library",
                    "hosted-service",
                    "benchmark",
                    "playground"
                ]
                .contains(&t["role"].as_str()),
                "{what}: role {}",
                t["role"]
            );
            assert!(
                ["maintained", "unmaintained", "archived"].contains(&t["status"].as_str()),
                "{what}: status {}",
                t["status"]
            );
            assert!(t["repository"].split('/').count() == 2, "{what}");
            assert!(is_commit(&t["commit"]), "{what}: commit {}", t["commit"]);
            assert!(!t["licence"].is_empty(), "{what}");
            assert!(!t["packaging_evidence"].is_empty(), "{what}");
        }
    }
    assert!(names.len() >= 80, "{} tools", names.len());
}

#[test]
fn every_mapping_quotes_the_tool_and_says_how_it_reaches_the_risk() {
    let links = crosswalk();
    let mut covered: BTreeSet<Risk> = BTreeSet::new();
    for family in families() {
        let tools: BTreeSet<String> = rows(&family.join("tools.tsv"), &TOOL_COLUMNS)
            .into_iter()
            .map(|t| t["name"].clone())
            .collect();
        let mut pairs = BTreeSet::new();
        for m in rows(&family.join("mappings.tsv"), &MAPPING_COLUMNS) {
            let what = format!("{}: {} {}", family.display(), m["tool"], m["risk"]);
            assert!(tools.contains(&m["tool"]), "{what}: not in tools.tsv");
            let risk: Risk = m["risk"].parse().unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(risk.code(), m["risk"], "{what}: not the canonical code");
            assert!(pairs.insert((m["tool"].clone(), risk)), "{what}: twice");
            covered.insert(risk);
            let quote = &m["quote"];
            assert!(
                !quote.trim().is_empty() && quote.chars().count() <= 200,
                "{what}: a quote of {} characters",
                quote.chars().count()
            );
            assert!(is_commit(&m["commit"]), "{what}: commit {}", m["commit"]);
            assert!(m["line"].parse::<usize>().is_ok_and(|l| l > 0), "{what}");
            assert!(!m["path"].is_empty() && !m["basis"].is_empty(), "{what}");
            match m["relation"].as_str() {
                // A stated row that names an OWASP or ATLAS id: the crosswalk links the id to
                // the risk.
                "stated" => {
                    for id in ids(&m["basis"]) {
                        assert!(
                            links.contains(&(m["risk"].clone(), id.clone())),
                            "{what}: the crosswalk does not link {id} to it"
                        );
                    }
                }
                "judged" => assert!(m["basis"].ends_with('.'), "{what}: one sentence of why"),
                other => panic!("{what}: relation {other}"),
            }
        }
    }
    // Every risk is reached by some curated tool's own words (R18-Security only by research
    // code that implements the attack: see REVIEW.md).
    let missing: Vec<Risk> = Risk::ALL
        .into_iter()
        .filter(|r| !covered.contains(r))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

/// The OWASP and ATLAS ids a basis names (`OWASP LLM01:2025`, `ATLAS AML.T0043`), as the
/// crosswalk writes them: `LLM01`, `AML.T0043`.
fn ids(basis: &str) -> Vec<String> {
    basis
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '/'))
        .filter_map(|w| {
            let w = w.trim_end_matches(['.', ':']);
            let id = w.split(':').next().unwrap_or(w);
            let digits = |rest: &str| rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit());
            let atlas = id.starts_with("AML.T") || id.starts_with("AML.M");
            let owasp = ["LLM", "ML", "ASI"]
                .iter()
                .any(|p| id.strip_prefix(p).is_some_and(digits));
            (atlas || owasp).then(|| id.to_owned())
        })
        .collect()
}
