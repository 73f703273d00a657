//! The schemas and documents of feature `schema`: snapshots, validation of everything the crate
//! emits, agreement between the loader and the schema on the corpus, and the data against the
//! source text.
#![cfg(feature = "schema")]

mod common;

use std::path::{Path, PathBuf};

use mlsecops_taxonomy::schema::{self, DATA_VERSION, FILE_NAMES};
use mlsecops_taxonomy::{
    Category, Domain, Layer, Phase, PhaseKind, Provenance, Registry, Requirement, Risk, RiskSet,
    Tool, ToolKind,
};
use serde_json::{Value, json};

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn validator(schema: &schemars::Schema) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema.as_value()).expect("the schema compiles")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn snapshots_match_the_committed_files() {
    for (name, text) in schema::files() {
        let path = manifest("tests/snapshots").join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} differs from what the crate generates; if the change is intended, refresh \
             with `cargo run --example export -- tests/snapshots`",
            path.display()
        );
    }
}

#[test]
fn export_writes_the_same_bytes_every_time() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-twice/nested");
    let _ = std::fs::remove_dir_all(&dir);
    let first = schema::write_files(&dir).unwrap();
    let names: Vec<&str> = first
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names, FILE_NAMES);
    let read = || -> Vec<Vec<u8>> { first.iter().map(|p| std::fs::read(p).unwrap()).collect() };
    let once = read();
    schema::write_files(&dir).unwrap();
    assert_eq!(read(), once);
    for ((name, text), path) in schema::files().into_iter().zip(&first) {
        assert_eq!(path.file_name().unwrap().to_str(), Some(name));
        assert_eq!(std::fs::read_to_string(path).unwrap(), text);
    }
}

#[test]
fn write_files_names_the_path_it_cannot_create() {
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-blocker");
    std::fs::write(&file, "not a directory").unwrap();
    let err = schema::write_files(file.join("inside")).unwrap_err();
    assert!(err.to_string().contains("export-blocker"), "{err}");
}

#[test]
fn every_schema_has_id_title_description_and_data_version() {
    for (schema, file) in [
        (schema::taxonomy_schema(), "taxonomy.schema.json"),
        (schema::registry_schema(), "registry.schema.json"),
        (schema::coverage_schema(), "coverage.schema.json"),
        (schema::validation_schema(), "validation.schema.json"),
        (schema::lint_schema(), "lint.schema.json"),
    ] {
        let s = schema.as_value();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(
            s["$id"],
            format!("urn:mlsecops-taxonomy:{DATA_VERSION}:{file}")
        );
        assert!(s["title"].as_str().unwrap().starts_with("MLSecOps "));
        let description = s["description"].as_str().unwrap();
        assert!(description.ends_with(&format!("Data version {DATA_VERSION}.")));
        assert_eq!(DATA_VERSION, env!("CARGO_PKG_VERSION"));
        // Checked against the 2020-12 meta-schema.
        assert!(jsonschema::meta::is_valid(s), "{file}");
    }
}

/// The `oneOf` or `enum` values of a definition, as (value, title, description).
fn values(schema: &Value, def: &str) -> Vec<(String, String, String)> {
    let d = &schema["$defs"][def];
    if let Some(list) = d["oneOf"].as_array() {
        return list
            .iter()
            .map(|v| {
                let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
                (s("const"), s("title"), s("description"))
            })
            .collect();
    }
    d["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v.as_str().unwrap().to_owned(), String::new(), String::new()))
        .collect()
}

#[test]
fn closed_sets_in_the_schema_are_the_text_forms_of_every_variant() {
    let tax = schema::taxonomy_schema().to_value();
    let risks = values(&tax, "Risk");
    assert_eq!(risks.len(), 34);
    for ((code, title, description), risk) in risks.iter().zip(Risk::ALL) {
        assert_eq!(code, &risk.to_string());
        assert_eq!(code.parse::<Risk>().unwrap(), risk);
        assert_eq!(
            description,
            &format!("{}: {}", risk.name(), risk.description())
        );
        let variant = format!("{risk:?}");
        assert!(
            variant.ends_with(&format!("({title})")),
            "{variant} {title}"
        );
    }
    assert_eq!(risks[16].1, "ApiAbuseAndInjection");
    assert_eq!(risks[27].1, "DataMemorization");

    let texts = |def: &str| -> Vec<String> { values(&tax, def).into_iter().map(|v| v.0).collect() };
    assert_eq!(texts("Layer"), Layer::ALL.map(|l| l.to_string()).to_vec());
    assert_eq!(texts("Phase"), Phase::ALL.map(|p| p.to_string()).to_vec());
    assert_eq!(
        texts("PhaseKind"),
        PhaseKind::ALL.map(|k| k.to_string()).to_vec()
    );
    assert_eq!(texts("Domain"), Domain::ALL.map(|d| d.to_string()).to_vec());
    assert_eq!(
        texts("Category"),
        Category::ALL.map(|c| c.to_string()).to_vec()
    );
    assert_eq!(
        texts("ToolKind"),
        ToolKind::ALL.map(|k| k.to_string()).to_vec()
    );
    assert_eq!(
        texts("Provenance"),
        Provenance::ALL.map(|p| p.to_string()).to_vec()
    );
    let phases = values(&tax, "Phase");
    assert_eq!(phases[5].1, "ModelDeployment");
    assert!(
        phases[5]
            .2
            .starts_with("Model Deployment & Containerization (Static & Dynamic, Model layer): ")
    );
    // Each text form parses back and serializes as the schema spells it.
    for (text, _, _) in values(&tax, "Phase") {
        let p: Phase = text.parse().unwrap();
        assert_eq!(serde_json::to_value(p).unwrap(), json!(text));
    }
}

#[test]
fn the_crates_types_can_be_embedded_in_user_schemas() {
    let s = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Vec<Requirement>>();
    let v = validator(&s);
    assert!(v.is_valid(&json!([
        "all",
        "security",
        "model",
        "data_storage",
        "R17-Security"
    ])));
    assert!(!v.is_valid(&json!(["R24-Security"])));
    assert!(!v.is_valid(&json!(["everything"])));
    let reqs: Vec<Requirement> = serde_json::from_value(json!([
        "all",
        "privacy",
        "model",
        "data_storage",
        "R1-Privacy"
    ]))
    .unwrap();
    assert_eq!(
        serde_json::to_value(&reqs).unwrap(),
        json!(["all", "privacy", "model", "data_storage", "R1-Privacy"])
    );
    assert!(v.is_valid(&serde_json::to_value(&reqs).unwrap()));

    let set = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<RiskSet>();
    let v = validator(&set);
    let all = serde_json::to_value(RiskSet::ALL).unwrap();
    assert!(v.is_valid(&all));
    assert!(!v.is_valid(&json!(["R1-Security", "R1-Security"])));
}

#[test]
fn the_taxonomy_document_validates_and_matches_the_source() {
    let doc = schema::taxonomy_document();
    let v = validator(&schema::taxonomy_schema());
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
    assert_eq!(doc["data_version"], DATA_VERSION);

    // Risks and phases against the source text, not against the crate's tables.
    let source = common::phases();
    let layer_of = |heading: &str| match heading {
        "Data" => "data",
        "Model" => "model",
        _ => "application",
    };
    let mut risk_rows = doc["risks"].as_array().unwrap().iter();
    let mut seen = 0;
    for (phase, entry) in source.iter().zip(doc["phases"].as_array().unwrap()) {
        assert_eq!(entry["name"], phase.name.as_str());
        assert_eq!(entry["description"], phase.description.as_str());
        assert_eq!(entry["layer"], layer_of(&phase.layer));
        let kind = match phase.kind.as_str() {
            "Static" => "static",
            "Dynamic" => "dynamic",
            _ => "static_and_dynamic",
        };
        assert_eq!(entry["kind"], kind);
        let codes: Vec<&str> = phase.risks.iter().map(|r| r.code.as_str()).collect();
        let mut listed: Vec<&str> = entry["risks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let mut sorted_codes = codes.clone();
        sorted_codes.sort();
        listed.sort();
        assert_eq!(listed, sorted_codes, "{}", phase.name);
        seen += phase.risks.len();
    }
    assert_eq!(seen, 34);
    // Every risk entry equals the source's line for its code.
    let by_code: std::collections::HashMap<&str, (&common::SourceRisk, &common::SourcePhase)> =
        source
            .iter()
            .flat_map(|p| p.risks.iter().map(move |r| (r.code.as_str(), (r, p))))
            .collect();
    for row in risk_rows.by_ref() {
        let code = row["code"].as_str().unwrap();
        let (risk, phase) = by_code[code];
        assert_eq!(row["name"], risk.name.as_str());
        assert_eq!(row["description"], risk.description.as_str());
        let phase_entry = doc["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == phase.name.as_str())
            .unwrap();
        assert_eq!(row["phase"], phase_entry["id"]);
        assert_eq!(row["layer"], layer_of(&phase.layer));
        let (number, domain) = code[1..].split_once('-').unwrap();
        assert_eq!(row["number"], number.parse::<u64>().unwrap());
        assert_eq!(row["domain"], domain.to_lowercase());
    }
    let per_domain = |d: &str| {
        doc["risks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["domain"] == d)
            .count()
    };
    assert_eq!((per_domain("security"), per_domain("privacy")), (23, 11));
    assert_eq!(doc["layers"].as_array().unwrap().len(), 3);

    // The tools are the built-in registry, as a registry file writes them.
    let tools = json!({ "tools": doc["tools"] });
    let reloaded = Registry::from_json(&tools.to_string()).unwrap();
    assert_eq!(&reloaded, Registry::builtin());
}

#[test]
fn registry_files_the_crate_writes_validate() {
    let v = validator(&schema::registry_schema());
    let builtin: Value = serde_json::from_str(&Registry::builtin().to_json()).unwrap();
    assert_eq!(errors(&v, &builtin), Vec::<String>::new());

    // Random registries built through the Rust API.
    let mut rng = common::Rng(0x9e37_79b9_7f4a_7c15);
    let mut next = move || rng.next();
    for round in 0..200 {
        let mut reg = Registry::new();
        for i in 0..(next() % 12) {
            let risks: RiskSet = Risk::ALL.into_iter().filter(|_| next() % 5 == 0).collect();
            let names = ["Scanner", "Modèle", "R&D Probe", "Guard 9", "日本語 ツール"];
            let name = format!("{} {round} {i}", names[(next() % 5) as usize]);
            let mut tool = Tool::new(name, risks).unwrap();
            if next() % 2 == 0 {
                tool = tool
                    .with_url(format!("https://example.com/{i}?q={round}"))
                    .unwrap();
            }
            if next() % 2 == 0 {
                tool = tool.with_description("Finds things, in one line.").unwrap();
            }
            if next() % 3 == 0 {
                tool = tool.with_kind(ToolKind::Vendor);
            }
            let cats: Vec<Category> = Category::ALL
                .into_iter()
                .filter(|_| next() % 3 == 0)
                .collect();
            tool = tool.with_categories(cats).unwrap();
            tool =
                tool.with_provenance(Provenance::ALL[(next() % 3) as usize], Provenance::Curated);
            reg.insert(tool).unwrap();
        }
        let text = reg.to_json();
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{text}");
        assert_eq!(Registry::from_json(&text).unwrap(), reg);
    }
}

#[test]
fn coverage_reports_validate() {
    let v = validator(&schema::coverage_schema());
    let reg = Registry::builtin();
    let names: Vec<&str> = reg.tools().map(|t| t.name()).collect();
    let requirements: Vec<Requirement> = [
        "all",
        "security",
        "privacy",
        "data",
        "model",
        "application",
        "data_storage",
        "R17-Security",
        "R12-Security",
    ]
    .iter()
    .map(|r| r.parse().unwrap())
    .collect();
    for start in 0..names.len() {
        for len in [0, 1, 2, 5] {
            let chosen: Vec<&str> = names
                .iter()
                .cycle()
                .skip(start)
                .take(len)
                .copied()
                .collect();
            let mut unique = chosen.clone();
            unique.dedup();
            let cov = reg.coverage(unique.iter().copied()).unwrap();
            let reqs = requirements.iter().copied().skip(start % 9).take(3);
            let report = cov.report(reqs);
            let doc: Value = serde_json::from_str(&report.to_json()).unwrap();
            assert_eq!(errors(&v, &doc), Vec::<String>::new());
            assert_eq!(doc["met"], report.is_met());
        }
    }
    // One report in detail.
    let report = reg
        .coverage(["Garak", "ModelScan"])
        .unwrap()
        .report(["model".parse().unwrap(), "R9-Security".parse().unwrap()]);
    let doc: Value = serde_json::to_value(&report).unwrap();
    assert_eq!(doc["tools"], json!(["Garak", "ModelScan"]));
    assert_eq!(doc["total"], json!({ "covered": 5, "total": 34 }));
    assert_eq!(doc["met"], false);
    assert_eq!(
        doc["requirements"][1],
        json!({ "requirement": "R9-Security", "met": true, "missing": [], "gaps": [] })
    );
    let model = &doc["layers"][1];
    assert_eq!(
        (model["covered"].as_u64(), model["total"].as_u64()),
        (Some(3), Some(13))
    );
    let r12 = &doc["risks"][11];
    assert_eq!(
        r12,
        &json!({ "risk": "R12-Security", "covered": false, "tools": [], "available": ["ModelAudit"], "amended": [] })
    );
    let gap12 = doc["requirements"][0]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["risk"] == "R12-Security")
        .unwrap();
    assert_eq!(gap12["tools"], json!(["ModelAudit"]));
}

/// The corpus's documents in one directory, with their text.
fn corpus(dir: &str) -> Vec<(String, String)> {
    let path = manifest("tests/corpus/registry").join(dir);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn loader_and_schema_agree_on_the_corpus() {
    let v = validator(&schema::registry_schema());
    let accept = corpus("accept");
    let reject = corpus("reject");
    assert!(
        accept.len() >= 10 && reject.len() >= 20,
        "{} {}",
        accept.len(),
        reject.len()
    );
    for (name, text) in &accept {
        let doc: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            errors(&v, &doc),
            Vec::<String>::new(),
            "schema rejects accept/{name}"
        );
        if let Err(e) = Registry::from_json(text) {
            panic!("loader rejects accept/{name}: {e}");
        }
    }
    for (name, text) in &reject {
        let doc: Value = serde_json::from_str(text).unwrap();
        assert!(!v.is_valid(&doc), "schema accepts reject/{name}");
        assert!(
            Registry::from_json(text).is_err(),
            "loader accepts reject/{name}"
        );
    }
    // The rules JSON Schema cannot state: the schema accepts, the loader rejects.
    let loader_only = corpus("loader-only");
    assert_eq!(loader_only.len(), 6);
    for (name, text) in &loader_only {
        let doc: Value = serde_json::from_str(text).unwrap();
        assert!(v.is_valid(&doc), "schema rejects loader-only/{name}");
        assert!(
            Registry::from_json(text).is_err(),
            "loader accepts loader-only/{name}"
        );
    }
}

#[test]
fn the_loader_explains_each_rejection_in_the_corpus() {
    let expected = [
        ("blank-description.json", "the description is blank"),
        (
            "capitalised-kind.json",
            r#""Vendor" must be written "vendor""#,
        ),
        (
            "lowercase-risk-code.json",
            r#""r17-security" must be written "R17-Security""#,
        ),
        (
            "leading-zero-risk-code.json",
            r#""R017-Security" must be written "R17-Security""#,
        ),
        ("identical-tools.json", "duplicate tool"),
        (
            "unknown-top-field.json",
            r#"field "version": unknown field"#,
        ),
        (
            "amend-without-tool.json",
            r#"field "amend[0].tool": the field is required"#,
        ),
        (
            "amend-adds-nothing.json",
            r#"field "amend[0].risks": an amendment adds risks or packages"#,
        ),
        (
            "amend-unknown-field.json",
            r#"field "amend[0].reason": unknown field"#,
        ),
        (
            "amend-not-array.json",
            r#"field "amend": expected an array of amendments, found an object"#,
        ),
        (
            "amend-multi-line-note.json",
            r#"field "amend[0].note": the note spans more than one line"#,
        ),
    ];
    let reject = corpus("reject");
    for (file, fragment) in expected {
        let text = &reject.iter().find(|(n, _)| n == file).unwrap().1;
        let err = Registry::from_json(text).unwrap_err().to_string();
        assert!(err.contains(fragment), "{file}: {err}");
    }
}

#[test]
fn the_readme_shows_the_interop_examples_that_are_run() {
    let readme = common::docs();
    for file in [
        "tests/interop/python/readme_example.py",
        "tests/interop/js/readme_example.ts",
    ] {
        let text = std::fs::read_to_string(manifest(file)).unwrap();
        assert!(
            readme.contains(&text),
            "README.md does not show {file} as it is"
        );
    }
}

#[test]
fn the_taxonomy_document_carries_the_crosswalk_of_the_vendored_file() {
    let doc = schema::taxonomy_document();
    let path = manifest("tests/data/crosswalk.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut expected: Vec<(String, String, String, String)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let id = match f[1] {
                "owasp-llm" => format!("{}:2025", f[2]),
                "owasp-ml" => format!("{}:2023", f[2]),
                _ => f[2].to_owned(),
            };
            (f[0].to_owned(), id, f[3].to_owned(), f[4].to_owned())
        })
        .collect();
    let mut ours = Vec::new();
    let mut unmapped = 0;
    for risk in doc["risks"].as_array().unwrap() {
        match &risk["crosswalk"] {
            Value::String(s) => {
                assert_eq!(s, "no_mapping");
                unmapped += 1;
            }
            Value::Array(links) => {
                // The links the crosswalk states (carried links are tests/editions.rs's).
                for l in links.iter().filter(|l| l.get("carried_from").is_none()) {
                    let s = |k: &str| l[k].as_str().unwrap().to_owned();
                    ours.push((
                        risk["code"].as_str().unwrap().to_owned(),
                        s("id"),
                        s("strength"),
                        s("note"),
                    ));
                    let id: mlsecops_taxonomy::ExternalId = s("id").parse().unwrap();
                    assert_eq!(s("title"), id.title());
                    assert_eq!(s("framework"), id.framework().to_string());
                }
            }
            other => panic!("{other}"),
        }
    }
    expected.sort();
    ours.sort();
    assert_eq!(ours, expected);
    assert_eq!(unmapped, 34 - 19);
    let editions: Vec<(&str, &str)> = doc["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f["edition"].as_str().unwrap()))
        .collect();
    assert_eq!(
        editions,
        [
            ("atlas", "5.6.0"),
            ("owasp-llm-2023", "2023"),
            ("owasp-llm-2025", "2025"),
            ("owasp-llm-2026", "2026"),
            ("owasp-ml-2023", "2023"),
            ("owasp-agentic-2026", "2026"),
        ]
    );
}
