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

/// The source's table rows: (tool, description, risk codes, line of the row in the source).
fn source_rows() -> Vec<(String, String, Vec<String>, usize)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/awesome-mlsecops.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("| Tool | Description | Risk |") {
            in_table = true;
            continue;
        }
        if in_table && !line.starts_with('|') {
            break;
        }
        if !in_table || line.starts_with("|--") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let name = cells[0]
            .strip_prefix('[')
            .and_then(|c| c.split_once("]("))
            .map(|(n, _)| n.to_owned())
            .unwrap_or_else(|| panic!("line {}: {line}", i + 1));
        let codes = cells[2].split(',').map(|c| c.trim().to_owned()).collect();
        out.push((name, cells[1].to_owned(), codes, i + 1));
    }
    out
}

/// The source list's repository and commit (`docs/src/data.md`, `../shared/reference/source.md`).
const SOURCE_REPOSITORY: &str = "Remarkably-Mind-Blowing-Lab/Awesome-MLSecOps";
const SOURCE_COMMIT: &str = "da23e9e68f32f4bb882c0c947bb66f4a733404cc";

/// Splits a list cell of `tools.tsv` (`;` between items).
fn items(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The GitHub repositories (`OWNER/REPO`) a tool's actions and pre-commit hooks come from, in
/// order, once each (compared ignoring case, as GitHub does).
fn github_packages(actions: &str, hooks: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |repo: String| {
        if !out.iter().any(|r| r.eq_ignore_ascii_case(&repo)) {
            out.push(repo);
        }
    };
    for action in items(actions) {
        let mut parts = action.split('/');
        let (owner, repo) = (parts.next().unwrap(), parts.next().expect(&action));
        push(format!("{owner}/{repo}"));
    }
    for hook in items(hooks) {
        if let Some(rest) = hook.split("github.com/").nth(1) {
            let repo = rest.split('#').next().unwrap().trim_end_matches(".git");
            push(repo.to_owned());
        }
    }
    out
}

fn rust_role(role: &str) -> &'static str {
    match role {
        "ci-scanner" => "Role::CiScanner",
        "runtime-library" => "Role::RuntimeLibrary",
        "hosted-service" => "Role::HostedService",
        "benchmark" => "Role::Benchmark",
        "playground" => "Role::Playground",
        "research" => "Role::Research",
        other => panic!("role {other}"),
    }
}

fn rust_category(category: &str) -> &'static str {
    match category {
        "adversarial-ml" => "Category::AdversarialMl",
        "llm-security" => "Category::LlmSecurity",
        "privacy-safety-governance" => "Category::PrivacySafetyGovernance",
        "supply-chain-mlops" => "Category::SupplyChainMlops",
        "infrastructure-runtime" => "Category::InfrastructureRuntime",
        "datasets-benchmarks" => "Category::DatasetsBenchmarks",
        other => panic!("category {other}"),
    }
}

/// One mapping as Rust: `map(RISK, Basis::B, QUOTE, REPOSITORY, COMMIT, PATH, LINE, RATIONALE)`.
#[allow(clippy::too_many_arguments)]
fn rust_mapping(
    risk: &str,
    basis: &str,
    quote: &str,
    repository: &str,
    commit: &str,
    path: &str,
    line: &str,
    rationale: &str,
) -> String {
    let basis = match basis {
        "source" => "Source",
        "stated" => "Stated",
        "judged" => "Judged",
        other => panic!("basis {other}"),
    };
    format!(
        "        map({risk:?}, Basis::{basis}, {quote:?}, {repository:?}, {commit:?}, {path:?}, {line}, {rationale:?}),\n"
    )
}

/// The curated layer as the Rust source of `src/registry/curated.rs`.
fn render_curated() -> String {
    let mut out = String::from(
        "//! The curated layer and the roles and evidence of the source's rows, generated from\n\
         //! `tests/data/curated/` and `tests/data/awesome-mlsecops.md` by\n\
         //! `MLSECOPS_BLESS=1 cargo test --test curated`: edit the data, not this file. The test\n\
         //! `the_tables_are_the_data` keeps them equal.\n\n\
         IMPORTS\n\
         use crate::registry::mapping::{Basis, Mapping, Role, Status};\n\
         use crate::registry::package::Package;\n\
         use crate::registry::tool::{Category, Tool};\n\n",
    );
    // The source's rows: a role and one mapping per risk of the row.
    let roles: BTreeMap<String, BTreeMap<String, String>> = rows(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/curated/source-roles.tsv"),
        &["tool", "role", "relation", "quote", "line", "basis"],
    )
    .into_iter()
    .map(|r| (r["tool"].clone(), r))
    .collect();
    let mut by_tool: Vec<(String, Vec<String>)> = Vec::new();
    for (name, description, codes, line) in source_rows() {
        let mut text = String::new();
        for code in &codes {
            text.push_str(&rust_mapping(
                code,
                "source",
                &description,
                SOURCE_REPOSITORY,
                SOURCE_COMMIT,
                "README.md",
                &line.to_string(),
                &format!("The source's table lists {code} for {name}."),
            ));
        }
        match by_tool.iter_mut().find(|(n, _)| *n == name) {
            Some((_, maps)) => maps.push(text),
            None => by_tool.push((name, vec![text])),
        }
    }
    out.push_str(&format!(
        "/// The source's tools: name, role (judged from the row's description, with its reason),\n\
         /// and one mapping per risk of each row.\n\
         #[rustfmt::skip]\n\
         pub(crate) static SOURCE_ROWS: [(&str, Role, &str, &[Mapping]); {}] = [\n",
        by_tool.len()
    ));
    for (name, maps) in &by_tool {
        let role = roles.get(name).unwrap_or_else(|| panic!("{name}: no role"));
        out.push_str(&format!(
            "    ({name:?}, {}, {:?}, {{ const M: &[Mapping] = &[\n{}    ]; M }}),\n",
            rust_role(&role["role"]),
            role["basis"],
            maps.concat()
        ));
    }
    out.push_str("];\n\n");

    // The curated tools, family by family.
    let categories: BTreeMap<String, String> = rows(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/curated/categories.tsv"),
        &["tool", "categories"],
    )
    .into_iter()
    .map(|r| (r["tool"].clone(), r["categories"].clone()))
    .collect();
    let descriptions: BTreeMap<String, String> = rows(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/curated/descriptions.tsv"),
        &[
            "tool",
            "description",
            "repository",
            "commit",
            "path",
            "line",
        ],
    )
    .into_iter()
    .map(|r| (r["tool"].clone(), r["description"].clone()))
    .collect();
    let mut tools = String::new();
    let mut count = 0;
    for family in families() {
        let mappings = rows(&family.join("mappings.tsv"), &MAPPING_COLUMNS);
        for t in rows(&family.join("tools.tsv"), &TOOL_COLUMNS) {
            count += 1;
            let name = &t["name"];
            let mut packages: Vec<String> = Vec::new();
            for (column, f) in [("pypi", "pypi"), ("npm", "npm"), ("crates", "cargo")] {
                packages.extend(items(&t[column]).iter().map(|p| format!("{f}({p:?})")));
            }
            packages.extend(
                github_packages(&t["actions"], &t["precommit_hooks"])
                    .iter()
                    .map(|p| format!("github({p:?})")),
            );
            let cats: Vec<&str> = categories[name]
                .split(',')
                .map(|c| rust_category(c.trim()))
                .collect();
            let date = match t["commit_date"].as_str() {
                "unknown" => "None".to_owned(),
                d => format!("Some({d:?})"),
            };
            let status = match t["status"].as_str() {
                "maintained" => "Status::Maintained",
                "unmaintained" => "Status::Unmaintained",
                "archived" => "Status::Archived",
                other => panic!("{name}: status {other}"),
            };
            let maps: String = mappings
                .iter()
                .filter(|m| &m["tool"] == name)
                .map(|m| {
                    rust_mapping(
                        &m["risk"],
                        &m["relation"],
                        &m["quote"],
                        &m["repository"],
                        &m["commit"],
                        &m["path"],
                        &m["line"],
                        &m["basis"],
                    )
                })
                .collect();
            tools.push_str(&format!(
                "    curated({name:?}, {:?}, {:?},\n        {:?},\n        {}, &[{}],\n        upstream({:?}, {:?}, {date}, {:?}, {status}),\n        {{ const P: &[Package] = &[{}]; P }},\n        {{ const M: &[Mapping] = &[\n{maps}        ]; M }}),\n",
                mlsecops_taxonomy::slug(name),
                format!("https://github.com/{}", t["repository"]),
                descriptions
                    .get(name)
                    .unwrap_or_else(|| panic!("{name}: no description")),
                rust_role(&t["role"]),
                cats.join(", "),
                t["repository"],
                t["commit"],
                t["licence"],
                packages.join(", "),
            ));
        }
    }
    out.push_str(&format!(
        "/// The curated tools, family by family, in the order of their data.\n\
         #[rustfmt::skip]\n\
         pub(crate) static CURATED: [Tool; {count}] = [\n{tools}];\n"
    ));
    let used: Vec<&str> = [
        "cargo", "curated", "github", "map", "npm", "pypi", "upstream",
    ]
    .into_iter()
    .filter(|f| out.contains(&format!("{f}(")))
    .collect();
    out.replacen(
        "IMPORTS",
        &format!("use super::curation::{{{}}};", used.join(", ")),
        1,
    )
}

#[test]
fn the_tables_are_the_data() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/registry/curated.rs");
    let want = render_curated();
    if std::env::var_os("MLSECOPS_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "src/registry/curated.rs is not the data of tests/data/curated: run \
         `MLSECOPS_BLESS=1 cargo test --test curated` and review the difference"
    );
}

mod in_the_registry {
    use mlsecops_taxonomy::{Basis, Provenance, Registry, Risk, RiskSet, Role, ToolKind};

    #[test]
    fn the_sources_rows_are_unchanged_and_each_risk_cites_its_row() {
        let source_text = super::common::source();
        let lines: Vec<&str> = source_text.lines().collect();
        let builtin = Registry::builtin();
        for tool in Registry::source().tools() {
            let ours = builtin.get(tool.id()).unwrap();
            assert_eq!(ours.provenance(), Provenance::Source, "{}", tool.name());
            assert_eq!(ours.name(), tool.name());
            assert_eq!(ours.description(), tool.description());
            // Every risk of the row is still there, on the source's basis, citing its row.
            for risk in tool.risks() {
                assert_eq!(
                    ours.risk_basis(risk),
                    Some(Basis::Source),
                    "{} {risk}",
                    tool.name()
                );
                let row = ours
                    .mappings_of(risk)
                    .find(|m| m.basis() == Basis::Source)
                    .unwrap();
                let line = lines[row.line() as usize - 1];
                assert!(
                    line.contains(&format!("[{}]", tool.name())) && line.contains(risk.code()),
                    "{} {risk}: line {} is {line}",
                    tool.name(),
                    row.line()
                );
                assert_eq!(
                    (row.repository(), row.path()),
                    ("Remarkably-Mind-Blowing-Lab/Awesome-MLSecOps", "README.md")
                );
            }
            if tool.kind() == ToolKind::Tool {
                assert!(tool.role().is_some(), "{}: no role", tool.name());
            }
        }
        // NeMo Guardrails is in both: the source's row, then the curated mappings.
        let nemo = builtin.get("NeMo Guardrails").unwrap();
        assert_eq!(nemo.id(), "nemo-guardrails");
        assert_eq!(
            Registry::source()
                .get("nemo-guardrails")
                .unwrap()
                .risks()
                .to_string(),
            "R10-Security, R6-Privacy"
        );
        assert!(nemo.risks().contains("R17-Security".parse().unwrap()));
        assert_eq!(
            nemo.risk_bases("R6-Privacy".parse().unwrap())[0],
            Basis::Source
        );
    }

    #[test]
    fn every_curated_tool_says_what_it_is_and_where_it_was_read() {
        let curated: Vec<_> = Registry::builtin()
            .tools()
            .filter(|t| t.provenance() == Provenance::Curated)
            .collect();
        assert_eq!(curated.len(), 82); // 83, NeMo Guardrails being a source row
        for t in curated {
            let upstream = t.upstream().unwrap();
            assert_eq!(
                t.url(),
                Some(format!("https://github.com/{}", upstream.repository()).as_str())
            );
            assert_eq!(t.id(), mlsecops_taxonomy::slug(t.name()));
            assert!(
                t.role().is_some() && t.description().is_some(),
                "{}",
                t.name()
            );
            assert!(!t.mappings().is_empty());
            for m in t.mappings() {
                assert!(matches!(m.basis(), Basis::Stated | Basis::Judged));
                assert!(m.url().starts_with("https://github.com/"));
                assert_eq!(m.commit().len(), 40);
            }
            // Its risks are exactly those of its mappings.
            let mapped: RiskSet = t.mappings().iter().map(|m| m.risk()).collect();
            assert_eq!(t.risks(), mapped, "{}", t.name());
        }
    }

    #[test]
    fn every_risk_but_quantization_attacks_has_a_tool_a_project_can_adopt() {
        let reg = Registry::builtin();
        let adoptable: RiskSet = reg
            .tools()
            .filter(|t| t.is_adoptable())
            .fold(RiskSet::EMPTY, |a, t| a | t.risks());
        let left: Vec<Risk> = (!adoptable).iter().collect();
        // R18-Security only by research code that implements the attack (REVIEW.md, the book's
        // curated page).
        assert_eq!(left, ["R18-Security".parse::<Risk>().unwrap()]);
        assert_eq!(reg.covered(), RiskSet::ALL);
        let r18 = reg.tools_covering(left[0]).next().unwrap();
        assert_eq!(r18.role(), Some(Role::Benchmark));
        // The source's table alone covered 17.
        assert_eq!(Registry::source().covered().len(), 17);
    }

    #[test]
    fn what_the_first_hour_asked_for_is_found() {
        // The tools the team of the issue used or considered, by the names they wrote.
        let reg = Registry::builtin();
        for (name, risk) in [
            ("Presidio", "R2-Privacy"),
            ("LLM Guard", "R17-Security"),
            ("Opacus", "R5-Privacy"),
            ("picklescan", "R13-Security"),
            ("Rebuff", "R17-Security"),
            ("guardrails-ai", "R17-Security"),
            ("fickling", "R2-Security"),
            ("Trivy", "R14-Security"),
            ("Checkov", "R15-Security"),
            ("gitleaks", "R21-Security"),
            ("Bandit", "R20-Security"),
            ("Semgrep", "R20-Security"),
            ("Evidently", "R23-Security"),
            ("Alibi Detect", "R23-Security"),
        ] {
            let tool = reg.get(name).unwrap_or_else(|e| panic!("{e}"));
            let risk: Risk = risk.parse().unwrap();
            assert!(
                tool.risks().contains(risk),
                "{name}: {} does not have {risk}",
                tool.risks()
            );
            assert!(tool.mappings_of(risk).next().is_some());
        }
        // AI Goat, a CTF, is never proposed.
        let r17: Risk = "R17-Security".parse().unwrap();
        let gap = reg
            .coverage(["Garak"])
            .unwrap()
            .require("R22-Security".parse::<Risk>().unwrap());
        assert!(gap.is_err());
        let cover = reg.minimal_cover(RiskSet::from(r17));
        assert!(cover.tools().all(|t| t.name() != "AI Goat"));
    }
}
