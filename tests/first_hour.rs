//! The first hour of a team with an LLM application, as the curated-registry issue tells it: a
//! project declaring Presidio, LLM Guard, Opacus, picklescan, Fickling, Guardrails AI, Trivy's and
//! Checkov's actions, Gitleaks and Bandit the way their users do. `detect` finds every one, and
//! `check` explains each covered risk with its evidence in every format.
#![cfg(feature = "cli")]

mod common;

/// The project: an optional extra as the team wrote it, a workflow with the actions, a
/// pre-commit configuration with the hooks.
fn project(name: &str) -> std::path::PathBuf {
    // A directory for each test: they run in parallel.
    let dir = common::fresh_dir("first-hour", name);
    common::write_file(
        &dir,
        "pyproject.toml",
        r#"[project]
name = "support-bot"
version = "0.3.0"
dependencies = [
    "streamlit>=1.39",
    "openai>=1.50",
    "llm-guard==0.3.15",
    "guardrails-ai>=0.5",
]

[project.optional-dependencies]
pii = ["presidio-analyzer>=2.2", "presidio-anonymizer>=2.2"]
train = ["opacus>=1.5"]
models = ["picklescan>=0.0.18", "fickling>=0.1"]

[tool.mlsecops]
detect = true
require = ["R17-Security", "R2-Privacy", "R14-Security", "R15-Security", "R21-Security", "R20-Security"]
"#,
    );
    common::write_file(
        &dir,
        ".github/workflows/security.yml",
        "name: security\non: [pull_request]\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      \
         - uses: actions/checkout@v4\n      - uses: aquasecurity/trivy-action@0.28.0\n        with:\n          \
         scan-type: fs\n      - uses: bridgecrewio/checkov-action@v12\n      - uses: gitleaks/gitleaks-action@v2\n",
    );
    common::write_file(
        &dir,
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/PyCQA/bandit\n    rev: 1.7.10\n    hooks:\n      - id: bandit\n",
    );
    dir
}

#[test]
fn detect_finds_every_tool_the_team_declares() {
    let dir = project("detect");
    let (out, err, code) = common::mlsecops(&dir, &["detect", ".", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut found: Vec<&str> = doc["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "Bandit",
            "Checkov",
            "Fickling",
            "Gitleaks",
            "Guardrails AI",
            "LLM Guard",
            "Opacus",
            "Presidio",
            "Trivy",
            "picklescan"
        ]
    );
}

#[test]
fn check_explains_each_covered_risk_with_its_evidence() {
    let dir = project("check");
    let (out, err, code) = common::mlsecops(&dir, &["check", "."]);
    assert_eq!(code, 0, "{out}{err}");
    // One line per covered risk, each tool with its basis and where its words are.
    let line = out
        .lines()
        .find(|l| l.starts_with("R14-Security covered by "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("Trivy (stated: aquasecurity/trivy@dc3c56e:"),
        "{line}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("R2-Privacy covered by Presidio (judged: microsoft/presidio@")),
        "{out}"
    );
    // JSON: the bases counted and, per covered risk, the quote and a link at the commit read.
    let (json, _, _) = common::mlsecops(&dir, &["check", ".", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["bases"],
        serde_json::json!(["source", "stated", "judged", "user"])
    );
    let trivy = doc["covered_by"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["tool"] == "Trivy" && c["risk"] == "R14-Security")
        .unwrap();
    assert_eq!(trivy["basis"], "stated");
    assert!(
        trivy["quote"]
            .as_str()
            .unwrap()
            .contains("container images")
    );
    assert!(trivy["url"].as_str().unwrap().starts_with(
        "https://github.com/aquasecurity/trivy/blob/dc3c56eed58ab21c7e08d26757c517bc946a86c5/"
    ));
    // Markdown: the covered row says by which tool, on what words, with the link.
    let (md, _, _) = common::mlsecops(&dir, &["check", ".", "--format", "markdown"]);
    let row = md
        .lines()
        .find(|l| l.starts_with("| R14-Security "))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        row.contains("| covered | ") && row.contains("Trivy, stated: “"),
        "{row}"
    );
    assert!(
        row.contains("(https://github.com/aquasecurity/trivy/blob/"),
        "{row}"
    );
    // SARIF: the rule's help says who covers it here.
    let (sarif, _, _) = common::mlsecops(&dir, &["check", ".", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let rule = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R14-Security")
        .unwrap();
    let help = rule["help"]["markdown"].as_str().unwrap();
    assert!(
        help.contains("Covered here by:\n\n- Trivy, stated: “"),
        "{help}"
    );
    // `show` prints the quotes.
    let (shown, _, code) = common::mlsecops(&dir, &["show", "presidio"]);
    assert_eq!(code, 0);
    assert!(
        shown.contains(" runtime-library (a project can adopt it)\n"),
        "{shown}"
    );
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with("R2-Privacy ") && l.ends_with(" PII Leakage (judged)")),
        "{shown}"
    );
    assert!(shown.contains("judged: \""), "{shown}");
}

#[test]
fn a_policy_counting_only_the_sources_rows_leaves_them_open() {
    let dir = project("source-only");
    let text = std::fs::read_to_string(dir.join("pyproject.toml")).unwrap();
    std::fs::write(
        dir.join("pyproject.toml"),
        text.replace("detect = true\n", "detect = true\nbasis = [\"source\"]\n"),
    )
    .unwrap();
    let (out, err, code) = common::mlsecops(&dir, &["check", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("counted: source mappings (basis)"), "{out}");
    assert!(
        out.contains("error: required risk not covered: R14-Security"),
        "{out}"
    );
}
