//! The sample project, `examples/ml-project`, as the README shows it: what detection reads there,
//! the coverage of what it finds, and the README's `mlsecops detect` output.
//!
//! Not in the published package: the sample's `inference/Cargo.toml` is in a folder Cargo never
//! packages (a folder holding a `Cargo.toml` is another package), so the sample there lacks a file.
//! The other tests read only the sample's files that are published.
#![cfg(feature = "cli")]

mod common;

use std::path::Path;
use std::process::Command;

use mlsecops_taxonomy::detect::{self, Inventory};
use mlsecops_taxonomy::{Registry, schema};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_mlsecops");

/// Runs the command and checks its exit status; returns standard output and error.
fn expect(args: &[&str], status: i32) -> (String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(status),
        "mlsecops {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (stdout, stderr)
}

fn json_out(args: &[&str], status: i32) -> Value {
    let (stdout, _) = expect(args, status);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Validates `value` against `schema` and panics with the errors.
fn assert_valid(schema: &Value, value: &Value) {
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// `(tool, file name, line, package, direct)` for each piece of evidence.
fn evidence(inventory: &Inventory) -> Vec<(String, String, usize, String, bool)> {
    let mut out = Vec::new();
    for tool in inventory.tools(Registry::builtin(), false) {
        for e in tool.evidence() {
            out.push((
                tool.tool().name().to_owned(),
                e.file().file_name().unwrap().to_string_lossy().into_owned(),
                e.line(),
                e.package().to_owned(),
                e.is_direct(),
            ));
        }
    }
    out
}

fn row(
    tool: &str,
    file: &str,
    line: usize,
    package: &str,
    direct: bool,
) -> (String, String, usize, String, bool) {
    (tool.into(), file.into(), line, package.into(), direct)
}

#[test]
fn the_sample_project() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ml-project");
    let inventory = detect::scan([&sample]).unwrap();
    assert_eq!(
        evidence(&inventory),
        [
            row(
                "Adversarial Robustness Toolkit",
                "base.txt",
                2,
                "adversarial-robustness-toolbox",
                true
            ),
            row("Garak", "scan.yml", 13, "garak", true),
            row("Garak", "requirements.txt", 6, "garak", true),
            row("ModelScan", "scan.yml", 10, "modelscan", true),
            row("ModelScan", "image.cdx.json", 9, "modelscan", true),
            row("ModelScan", "requirements.txt", 7, "modelscan", true),
            row("NB Defense", "requirements.txt", 9, "nbdefense", true),
            row(
                "Agentic Security",
                "pyproject.toml",
                6,
                "agentic_security",
                true
            ),
            row("Pyrit", "pyproject.toml", 14, "pyrit", true),
            row("Safetensors", "Cargo.toml", 7, "safetensors", true),
            row("Safetensors", "base.txt", 3, "safetensors", true),
            row("NeMo-Guardrails", "base.txt", 1, "NeMoGuardrails", true),
            row(
                "PS-fuzz",
                "pyproject.toml",
                11,
                "prompt-security-fuzzer",
                true
            ),
        ]
    );
    let files: Vec<String> = inventory
        .files()
        .iter()
        .map(|f| f.strip_prefix(&sample).unwrap().display().to_string())
        .collect();
    assert_eq!(
        files,
        [
            ".github/workflows/scan.yml",
            "image.cdx.json",
            "inference/Cargo.toml",
            "package.json",
            "pyproject.toml",
            "requirements/base.txt",
            "requirements.txt",
            "constraints.txt",
        ]
    );
    // The constraints file pins `art` (an ASCII-art library) and numpy: neither counts.
    assert!(
        inventory
            .dependencies()
            .iter()
            .all(|d| d.package() != "art")
    );
}

#[test]
fn detect_and_coverage_from_the_sample() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ml-project");
    let report = json_out(&["detect", sample, "--format", "json"], 0);
    assert_valid(&schema::detect_schema().to_value(), &report);
    let names: Vec<&str> = report["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Adversarial Robustness Toolkit",
            "Garak",
            "ModelScan",
            "NB Defense",
            "Agentic Security",
            "Pyrit",
            "Safetensors",
            "NeMo-Guardrails",
            "PS-fuzz",
        ]
    );
    assert_eq!(report["files"].as_array().unwrap().len(), 8);
    let (table, _) = expect(&["detect", sample], 0);
    assert!(table.contains("requirements.txt:6"), "{table}");
    assert!(table.ends_with("\n8 files read.\n"), "{table}");

    // Coverage of the detected tools, plus a named one.
    let cov = json_out(
        &[
            "coverage",
            "--detect",
            sample,
            "ModelScan",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(cov["tools"].as_array().unwrap().len(), 9);
    let (_, err) = expect(
        &["coverage", "--detect", sample, "--require", "R11-Security"],
        1,
    );
    assert!(err.contains("R11-Security"), "{err}");
    let (out, _) = expect(&["cover", "--detect", sample, "--require", "model"], 0);
    assert!(out.starts_with("The project's tools ("), "{out}");
    assert!(
        out.contains("4 tools cover 8 of the 8 required risks"),
        "{out}"
    );
}

#[test]
fn the_readme_shows_what_detect_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = common::docs();
    let start = readme
        .find("$ mlsecops detect examples/ml-project\n")
        .expect("the README shows detect on the sample");
    let block = &readme[start..];
    let block = &block[block.find('\n').unwrap() + 1..];
    let shown = &block[..block.find("```").unwrap()];
    let out = Command::new(BIN)
        .args(["detect", "examples/ml-project"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shown);
}
