//! SARIF 2.1.0 output of `check`, `coverage`, `lint` and `validate`: every log validates
//! against the SARIF 2.1.0 schema (vendored from Microsoft's sarif-sdk as
//! `tests/data/sarif-2.1.0.schema.json`), the rules carry the source's names and descriptions,
//! each gap of `check` is at its requirement's line, and fingerprints survive moved lines.
//!
//! Every log is also written to `target/tmp/sarif/`, where `tests/interop/run` validates it
//! with Microsoft's SARIF Multitool.
#![cfg(feature = "cli")]

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_mlsecops");

/// Runs `mlsecops ARGS --format sarif`, checks the exit status, validates the log against the
/// schema, saves it as `target/tmp/sarif/NAME.sarif`, and returns it.
fn sarif(name: &str, args: &[&str], status: i32) -> Value {
    let out = Command::new(BIN)
        .args(args)
        .args(["--format", "sarif"])
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(status),
        "mlsecops {args:?}\n{stdout}\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let log: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let errors: Vec<String> = validator()
        .iter_errors(&log)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.sarif")), &stdout).unwrap();
    log
}

/// The SARIF 2.1.0 schema's validator.
fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/sarif-2.1.0.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

fn rules(log: &Value) -> &Vec<Value> {
    log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
}

/// `(uri, line, column)` of a result.
fn place(result: &Value) -> (String, u64, u64) {
    let at = &result["locations"][0]["physicalLocation"];
    (
        at["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
        at["region"]["startLine"].as_u64().unwrap(),
        at["region"]["startColumn"].as_u64().unwrap(),
    )
}

fn fingerprint(result: &Value) -> &str {
    result["partialFingerprints"]["mlsecops/v1"]
        .as_str()
        .unwrap()
}

/// The line, from 1, of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    1 + text.lines().position(|l| l.contains(needle)).unwrap() as u64
}

#[test]
fn risk_rules_carry_the_source() {
    let log = sarif(
        "coverage-model",
        &["coverage", "Garak", "--require", "model"],
        1,
    );
    assert_eq!(log["version"], "2.1.0");
    let rules = rules(&log);
    let source: Vec<common::SourceRisk> =
        common::phases().into_iter().flat_map(|p| p.risks).collect();
    assert_eq!(rules.len(), 34);
    for risk in &source {
        let rule = rules
            .iter()
            .find(|r| r["id"] == risk.code.as_str())
            .unwrap_or_else(|| panic!("no rule {}", risk.code));
        assert_eq!(rule["shortDescription"]["text"], format!("{}.", risk.name));
        assert_eq!(rule["fullDescription"]["text"], risk.description.as_str());
        let name = rule["name"].as_str().unwrap();
        assert!(
            name.chars().next().unwrap().is_ascii_uppercase()
                && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{name}"
        );
        let help = rule["helpUri"].as_str().unwrap();
        assert!(
            help.starts_with("https://docs.rs/mlsecops-taxonomy/")
                && help.ends_with(&format!("#variant.{name}")),
            "{help}"
        );
        assert!(
            rule["help"]["text"]
                .as_str()
                .unwrap()
                .contains(&risk.description)
        );
        assert!(rule["properties"]["layer"].is_string());
        assert!(rule.get("security-severity").is_none());
        assert!(rule["properties"].get("security-severity").is_none());
    }
    // One result per required risk left open, in taxonomy order, without a location.
    let ids: Vec<&str> = results(&log)
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    let (text, _) = {
        let out = Command::new(BIN)
            .args(["coverage", "Garak", "--require", "model"])
            .output()
            .unwrap();
        (String::from_utf8(out.stdout).unwrap(), ())
    };
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().split_once(' '))
        .map(|(code, _)| code)
        .filter(|code| code.starts_with('R') && code.contains('-'))
        .collect();
    assert_eq!(ids.len(), 10, "{ids:?}");
    for id in &ids {
        assert!(listed.contains(id), "{id} not in\n{text}");
    }
    for r in results(&log) {
        assert!(r.get("locations").is_none());
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(r["message"]["text"].as_str().unwrap().ends_with('.'));
    }
    // A met requirement: no result, exit 0.
    let log = sarif(
        "coverage-met",
        &["coverage", "Garak", "--require", "R17-Security"],
        0,
    );
    assert!(results(&log).is_empty());
}

#[test]
fn check_places_each_gap_at_its_requirement() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ml-project");
    let policy = std::fs::read_to_string(format!("{sample}/pyproject.toml")).unwrap();
    let model_line = line_of(&policy, "\"model\",");
    let privacy_line = line_of(&policy, "\"R2-Privacy\",");
    assert_ne!(model_line, privacy_line);
    // The root given, so that the paths are the repository's wherever the crate is unpacked.
    let root = env!("CARGO_MANIFEST_DIR");
    let log = sarif("check-sample", &["check", "--root", root, sample], 1);
    let results = results(&log);
    assert!(!results.is_empty());
    let library = mlsecops_taxonomy::policy::Policy::discover(sample)
        .unwrap()
        .evaluate();
    let expected: Vec<String> = library
        .findings()
        .iter()
        .map(|f| f.risk().unwrap().code().to_owned())
        .collect();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, expected);
    for r in results {
        let (uri, line, column) = place(r);
        assert!(uri.ends_with("examples/ml-project/pyproject.toml"), "{uri}");
        let want = if r["ruleId"] == "R2-Privacy" {
            privacy_line
        } else {
            model_line
        };
        assert_eq!(line, want, "{r}");
        assert_eq!(column, 5);
        assert_eq!(r["level"], "error");
    }
    assert!(ids.contains(&"R2-Privacy"));
    let readme = common::docs();
    assert!(
        readme.contains(&format!(
            "`\"R2-Privacy\"` on line {privacy_line} of the sample's"
        )),
        "the README cites the line of R2-Privacy's requirement"
    );
}

#[test]
fn fingerprints_are_stable_and_ignore_moved_lines() {
    let dir = common::fresh_dir("sarif", "fingerprints");
    let policy = "tools = [\"Garak\"]\nrequire = [\"model\", \"R1-Privacy\"]\ndeny = true\n";
    common::write_file(&dir, "mlsecops.toml", policy);
    let path = dir.to_str().unwrap();
    let first = sarif("check-fingerprints", &["check", path], 1);
    let again = sarif("check-fingerprints-again", &["check", path], 1);
    assert_eq!(first, again);
    let prints: Vec<&str> = results(&first).iter().map(fingerprint).collect();
    let mut unique = prints.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), prints.len(), "{prints:?}");
    // Three lines above the requirement: every line moves, no fingerprint does.
    common::write_file(&dir, "mlsecops.toml", &format!("# a\n# b\n# c\n{policy}"));
    let moved = sarif("check-fingerprints-moved", &["check", path], 1);
    let moved_prints: Vec<&str> = results(&moved).iter().map(fingerprint).collect();
    assert_eq!(moved_prints, prints);
    assert_eq!(
        place(&results(&first)[0]).1 + 3,
        place(&results(&moved)[0]).1
    );
    // Another risk left open is another alert.
    common::write_file(&dir, "mlsecops.toml", &policy.replace("Garak", "ModelScan"));
    let other = sarif("check-fingerprints-other", &["check", path], 1);
    let r17 = |log: &Value| {
        results(log)
            .iter()
            .find(|r| r["ruleId"] == "R17-Security")
            .map(|r| fingerprint(r).to_owned())
    };
    assert_eq!(r17(&first), None);
    assert!(r17(&other).is_some());
}

#[test]
fn check_levels_and_policy_errors() {
    let dir = common::fresh_dir("sarif", "levels");
    let path = dir.to_str().unwrap();
    // With deny = false, gaps are warnings and the gate passes.
    common::write_file(
        &dir,
        "mlsecops.toml",
        "tools = [\"Garak\"]\nrequire = [\"data\"]\ndeny = false\n",
    );
    let log = sarif("check-warnings", &["check", path], 0);
    assert!(!results(&log).is_empty());
    assert!(results(&log).iter().all(|r| r["level"] == "warning"));
    // A policy with an unknown tool: a `policy` result at the tool's line and column, exit 2.
    common::write_file(
        &dir,
        "mlsecops.toml",
        "require = [\"all\"]\ntools = [\"Garak\", \"Garrak\"]\n",
    );
    let log = sarif("check-policy-error", &["check", path], 2);
    let results = results(&log);
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0]["ruleId"], "policy");
    assert_eq!(place(&results[0]).1, 2);
    assert_eq!(place(&results[0]).2, 19);
    assert!(
        results[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("Garak"),
        "{results:?}"
    );
    let index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules(&log)[index]["id"], "policy");
    assert_eq!(rules(&log).len(), 35);
    // A suggestion is a question, and a sentence already: no period after its mark.
    common::write_file(&dir, "mlsecops.toml", "requires = [\"all\"]\n");
    let log = sarif("check-suggestion", &["check", path], 2);
    assert_eq!(
        log["runs"][0]["results"][0]["message"]["text"],
        "mlsecops.toml has no key \"requires\": did you mean require?"
    );
}

#[test]
fn lint_and_validate_findings_are_at_their_line_and_column() {
    let list = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/awesome-mlsecops.md"
    );
    let log = sarif("lint-source", &["lint", list], 1);
    let found = results(&log);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["ruleId"], "lint/duplicate");
    let (uri, line, column) = place(&found[0]);
    assert!(uri.starts_with("file:///") && uri.ends_with("tests/data/awesome-mlsecops.md"));
    assert_eq!((line, column), (54, 1));
    let ids: Vec<&str> = rules(&log)
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "lint/duplicate",
            "lint/one-line",
            "lint/link",
            "lint/risk-code",
            "lint/category",
            "lint/order",
            "lint/empty",
            "lint/format"
        ]
    );

    // Every rejected registry file of the corpus: as many results as problems, each placed.
    let reject = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/registry/reject");
    let mut files: Vec<_> = std::fs::read_dir(&reject)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() > 10);
    for file in files {
        let name = file.file_stem().unwrap().to_str().unwrap().to_owned();
        let validation = mlsecops_taxonomy::Validation::of_file(&file).unwrap();
        let log = sarif(
            &format!("validate-{name}"),
            &["validate", file.to_str().unwrap()],
            1,
        );
        let results = results(&log);
        assert_eq!(results.len(), validation.problems().len(), "{name}");
        for (r, p) in results.iter().zip(validation.problems()) {
            if let Some(at) = p.location() {
                let (_, line, column) = place(r);
                assert_eq!(
                    (line as usize, column as usize),
                    (at.line, at.column),
                    "{name}"
                );
            }
            assert!(r["ruleId"].as_str().unwrap().starts_with("lint/"));
        }
    }
    // A valid registry file: an empty run, exit 0.
    let accept = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/registry/accept");
    let file = std::fs::read_dir(&accept)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let log = sarif("validate-valid", &["validate", file.to_str().unwrap()], 0);
    assert!(results(&log).is_empty());
}

#[test]
fn the_schema_check_can_fail() {
    let mut log = sarif(
        "coverage-data",
        &["coverage", "Garak", "--require", "data"],
        1,
    );
    let validator = validator();
    assert!(validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&log));
}
