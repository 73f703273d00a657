//! Amendments: a registry file's `"amend"` adds risks and packages to a tool already in the
//! registry, with the user's provenance, shown wherever the tool's risks are explained.
#![cfg(feature = "json")]

mod common;

use mlsecops_taxonomy::{Amendment, Provenance, Registry, Risk};

const AMEND_GARAK: &str = r#"{
  "tools": [],
  "amend": [
    {"tool": "Garak", "risks": ["R8-Security"], "note": "we run its jailbreak probes"}
  ]
}
"#;

fn risk(code: &str) -> Risk {
    code.parse().unwrap()
}

#[test]
fn an_amendment_adds_risks_with_the_users_provenance() {
    let ours = Registry::builtin().with_json(AMEND_GARAK).unwrap();
    let garak = ours.get("garak").unwrap();
    // The source gives Garak R9, R10 and R17-Security (tests/data/awesome-mlsecops.md).
    assert_eq!(
        garak.risks().to_string(),
        "R8-Security, R9-Security, R10-Security, R17-Security"
    );
    assert_eq!(garak.amended_risks().to_string(), "R8-Security");
    assert_eq!(
        garak.risk_provenance(risk("R8-Security")),
        Some(Provenance::User)
    );
    assert_eq!(
        garak.risk_provenance(risk("R9-Security")),
        Some(Provenance::Source)
    );
    assert_eq!(garak.risk_provenance(risk("R1-Security")), None);
    assert_eq!(
        garak.amendments()[0].note(),
        Some("we run its jailbreak probes")
    );
    // Coverage queries see the amended risk.
    let cov = ours.coverage(["Garak"]).unwrap();
    assert!(cov.covered().contains(risk("R8-Security")));
    // Garak first (registry order), then the curated tools that cover R8-Security.
    assert_eq!(
        ours.tools_covering(risk("R8-Security"))
            .next()
            .map(|t| t.name()),
        Some("Garak")
    );
    assert!(
        !Registry::source()
            .tools_covering(risk("R8-Security"))
            .any(|t| t.name() == "Garak")
    );
    // The built-in registry is unchanged.
    assert!(
        !Registry::builtin()
            .get("garak")
            .unwrap()
            .risks()
            .contains(risk("R8-Security"))
    );
}

#[test]
fn a_risk_the_tool_has_stays_its_own() {
    let mut ours = Registry::builtin().clone();
    ours.amend(Amendment::new(
        "garak",
        "R8-Security, R9-Security".parse().unwrap(),
    ))
    .unwrap();
    let garak = ours.get("garak").unwrap();
    assert_eq!(garak.amended_risks().to_string(), "R8-Security");
    assert_eq!(
        garak.risk_provenance(risk("R9-Security")),
        Some(Provenance::Source)
    );
    assert_eq!(garak.amendments_of(risk("R9-Security")).count(), 0);
    assert_eq!(garak.amendments_of(risk("R8-Security")).count(), 1);
}

#[test]
fn packages_are_added_once() {
    let mut ours = Registry::builtin().clone();
    let amendment = Amendment::new("Garak", "R8-Security".parse().unwrap())
        .with_packages([
            "pkg:pypi/garak".parse().unwrap(),
            "pkg:github/leondz/garak".parse().unwrap(),
        ])
        .unwrap();
    ours.amend(amendment).unwrap();
    let packages: Vec<String> = ours
        .get("garak")
        .unwrap()
        .packages()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(packages, ["pkg:pypi/garak", "pkg:github/leondz/garak"]);
}

#[test]
fn saving_and_loading_gives_the_same_registry() {
    let ours = Registry::builtin().with_json(AMEND_GARAK).unwrap();
    let text = ours.to_json();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Each tool as it declares itself; the amendment in `amend`, by the tool's id.
    let garak = doc["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "garak")
        .unwrap();
    assert_eq!(
        garak["risks"],
        serde_json::json!(["R9-Security", "R10-Security", "R17-Security"])
    );
    assert_eq!(
        doc["amend"],
        serde_json::json!([{"tool": "garak", "risks": ["R8-Security"], "note": "we run its jailbreak probes"}])
    );
    let again = Registry::from_json(&text).unwrap();
    assert_eq!(again, ours);
    assert_eq!(again.to_json(), text);
    // The built-in registry alone writes no `amend`.
    assert!(!Registry::builtin().to_json().contains("\"amend\""));
}

#[test]
fn bad_amendments_are_located_with_the_closest_tool() {
    let text = "{\"tools\": [],\n \"amend\": [\n  {\"tool\": \"Garack\", \"risks\": [\"R8-Security\"]},\n  {\"tool\": \"Garak\"}\n ]}";
    let err = Registry::builtin().with_json(text).unwrap_err();
    let lines: Vec<String> = err
        .problems()
        .iter()
        .map(|p| {
            let at = p.location().unwrap();
            format!("{}:{}: {p}", at.line, at.column)
        })
        .collect();
    assert_eq!(
        lines,
        [
            r#"3:12: field "amend[0].tool": unknown tool "Garack": did you mean Garak?"#,
            r#"4:3: field "amend[1]": an amendment adds risks or packages: give a non-empty "risks" or "packages""#,
        ]
    );
    // Alone, a document cannot amend a built-in tool.
    let err = Registry::from_json(AMEND_GARAK).unwrap_err();
    assert!(
        err.to_string()
            .contains(r#"field "amend[0].tool": unknown tool "Garak""#),
        "{err}"
    );
    // A tool already in the registry is refused where the file names it, pointing to "amend".
    let err = Registry::builtin()
        .with_json("{\"tools\": [\n {\"name\": \"garak\", \"risks\": [\"R8-Security\"]}]}")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2 column 2: tool 0 (\"garak\"): already in the registry this file extends, as \
         \"Garak\": to add risks or packages to it, use \"amend\""
    );
}

#[test]
fn a_document_may_only_amend() {
    // No `tools` at all: amending alone is a registry file of its own (it used to be refused
    // with "field tools: the field is required").
    let only = r#"{"amend": [{"tool": "Garak", "risks": ["R8-Security"]}]}"#;
    let ours = Registry::builtin().with_json(only).unwrap();
    assert_eq!(ours.len(), Registry::builtin().len());
    assert!(
        ours.get("garak")
            .unwrap()
            .risks()
            .contains(risk("R8-Security"))
    );
    let v = mlsecops_taxonomy::Validation::of_text("ours.json", only);
    assert!(v.is_valid(), "{:?}", v.problems());
    // Absent, `tools` is no tools; a misspelt one is still refused.
    assert!(Registry::from_json("{}").unwrap().is_empty());
    let err = Registry::from_json(r#"{"tols": []}"#).unwrap_err();
    assert!(err.to_string().contains("did you mean \"tools\"?"), "{err}");
}

#[test]
fn validation_allows_amendments_of_builtin_tools() {
    let v = mlsecops_taxonomy::Validation::of_text("ours.json", AMEND_GARAK);
    assert!(v.is_valid(), "{:?}", v.problems());
    let v = mlsecops_taxonomy::Validation::of_text(
        "ours.json",
        r#"{"tools": [], "amend": [{"tool": "Garrak", "risks": ["R8-Security"]}]}"#,
    );
    assert_eq!(
        v.problems()[0].to_string(),
        r#"field "amend[0].tool": unknown tool "Garrak": did you mean Garak?"#
    );
}

#[cfg(feature = "cli")]
#[test]
fn every_explanation_of_a_tools_risks_names_the_amendment() {
    let dir = common::fresh_dir("amend", "cli");
    common::write_file(&dir, "ours.json", AMEND_GARAK);
    let run = |args: &[&str]| common::mlsecops(&dir, args);
    let by = "Garak (by amendment: we run its jailbreak probes)";

    let (out, _, code) = run(&["show", "R8-Security", "--registry", "ours.json"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("tools ") && l.contains(&format!(" {by},"))),
        "{out}"
    );
    let (out, _, _) = run(&[
        "show",
        "R8-Security",
        "--registry",
        "ours.json",
        "--format",
        "json",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["amendments"][0]["note"], "we run its jailbreak probes");

    let (out, _, _) = run(&[
        "tools",
        "--registry",
        "ours.json",
        "--covering",
        "R8-Security",
        "--format",
        "markdown",
    ]);
    assert!(
        out.contains("R8-Security (amended), R9-Security, R10-Security, R17-Security"),
        "{out}"
    );

    let (out, _, _) = run(&["coverage", "Garak", "--registry", "ours.json"]);
    assert!(
        out.contains(&format!("Amended: {by} covers R8-Security\n")),
        "{out}"
    );
    let coverage = |format: &str| {
        run(&[
            "coverage",
            "Garak",
            "--registry",
            "ours.json",
            "--format",
            format,
        ])
        .0
    };
    let out = coverage("json");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc["risks"][7]["amended"],
        serde_json::json!([{"tool": "Garak", "notes": ["we run its jailbreak probes"]}])
    );
    assert_eq!(doc["risks"][8]["amended"], serde_json::json!([]));

    let out = coverage("sarif");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rule = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R8-Security")
        .unwrap();
    assert!(
        rule["help"]["text"].as_str().unwrap().contains(&format!(
            "Tools that cover it: {by}, NeMo-Guardrails (stated), "
        )),
        "{rule}"
    );

    // `--registry-only` has no built-in Garak to amend.
    let (_, err, code) = run(&["tools", "--registry", "ours.json", "--registry-only"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("ours.json:4:14: field \"amend[0].tool\": unknown tool \"Garak\""),
        "{err}"
    );
}

#[cfg(all(feature = "cli", feature = "build"))]
#[test]
fn a_policy_passes_on_an_amended_mapping() {
    let dir = common::fresh_dir("amend", "policy");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    common::write_file(&dir, "ours.json", AMEND_GARAK);
    common::write_file(
        &dir,
        "mlsecops.toml",
        "tools = [\"Garak\"]\nrequire = [\"R8-Security\"]\nregistry = \"ours.json\"\n",
    );
    let (out, err, code) = common::mlsecops(&dir, &["check", "."]);
    assert_eq!(code, 0, "{out}{err}");
    // The same file without its empty `tools`: amending alone is enough.
    common::write_file(
        &dir,
        "ours.json",
        "{\"amend\": [{\"tool\": \"Garak\", \"risks\": [\"R8-Security\"]}]}",
    );
    let (out, err, code) = common::mlsecops(&dir, &["check", "."]);
    assert_eq!(code, 0, "{out}{err}");
    // Without the amendment, the source's mapping leaves R8-Security open.
    common::write_file(&dir, "ours.json", "{\"tools\": []}");
    let (out, _, code) = common::mlsecops(&dir, &["check", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("R8-Security"), "{out}");
}
