//! The build-script gate, through `evaluate` and through a real downstream crate built with Cargo.
#![cfg(feature = "build")]

use std::path::{Path, PathBuf};
use std::process::Command;

use mlsecops_taxonomy::build::evaluate;

/// A downstream crate in a fresh directory, with this metadata section.
fn downstream(name: &str, metadata: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("downstream")
        .join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        r#"[package]
name = "downstream-{name}"
version = "0.1.0"
edition = "2021"
publish = false

[build-dependencies]
mlsecops-taxonomy = {{ path = {root:?}, default-features = false, features = ["build"] }}

{metadata}

[workspace]
"#,
        root = env!("CARGO_MANIFEST_DIR"),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/downstream/build.rs"),
        dir.join("build.rs"),
    )
    .unwrap();
    // Build against the same dependency versions as this crate.
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    dir
}

#[test]
fn evaluate_reports_each_gap_with_closers() {
    let dir = downstream(
        "eval",
        r#"[package.metadata.mlsecops]
tools = ["Garak", "ModelScan"]
require = ["R1-Security", "R6-Security", "R9-Security"]"#,
    );
    let outcome = evaluate(&dir);
    assert!(!outcome.failed);
    assert_eq!(
        outcome.directives[1..],
        [
            "cargo::warning=mlsecops: R1-Security Data Poisoning Attacks is not covered by the configured tools; would be closed by NB Defense",
            "cargo::warning=mlsecops: R6-Security Incomplete Data Attacks is not covered by the configured tools; no tool in the registry covers it",
        ]
    );
    assert!(outcome.directives[0].starts_with("cargo::rerun-if-changed="));
    assert_eq!(outcome.coverage.unwrap().covered().len(), 5);
}

#[test]
fn evaluate_reports_bad_configuration_without_panicking() {
    let cases = [
        (
            r#"[package.metadata.mlsecops]
tools = ["Garrak"]"#,
            "cargo::warning=mlsecops: [package.metadata.mlsecops] tools: unknown tool \"Garrak\": did you mean Garak?",
        ),
        (
            r#"[package.metadata.mlsecops]
tools = ["Garak"]
require = ["modle"]
deny = true"#,
            "cargo::error=mlsecops: [package.metadata.mlsecops] require: unknown requirement \"modle\": did you mean model? (a risk code, phase, layer, domain or all)",
        ),
        (
            r#"[package.metadata.mlsecops]
tools = "Garak""#,
            "cargo::warning=mlsecops: [package.metadata.mlsecops] tools: expected an array of strings, found a string",
        ),
        (
            r#"[package.metadata.mlsecops]
deny = "yes""#,
            "cargo::error=mlsecops: [package.metadata.mlsecops] deny: expected true or false, found a string",
        ),
        (
            r#"[package.metadata.mlsecops]
tool = ["Garak"]"#,
            "cargo::warning=mlsecops: [package.metadata.mlsecops] has an unknown key \"tool\", did you mean tools?",
        ),
        (
            r#"[package.metadata.mlsecops]
registry = "missing.json""#,
            "cargo::warning=mlsecops: cannot open registry",
        ),
    ];
    for (i, (metadata, expected)) in cases.iter().enumerate() {
        let dir = downstream(&format!("bad{i}"), metadata);
        let outcome = evaluate(&dir);
        assert!(outcome.coverage.is_none(), "{metadata}");
        let last = outcome.directives.last().unwrap();
        assert!(last.starts_with(expected), "{metadata}\n{last}");
        assert!(!last.contains('\n'));
    }
}

#[test]
fn a_registry_file_extends_the_builtin_registry() {
    let dir = downstream(
        "registry",
        r#"[package.metadata.mlsecops]
tools = ["Garak", "Image Scanner"]
registry = "security-tools.json"
require = ["R14-Security"]
deny = true"#,
    );
    std::fs::write(
        dir.join("security-tools.json"),
        r#"{"tools": [{"name": "Image Scanner", "risks": ["R14-Security"]}]}"#,
    )
    .unwrap();
    let outcome = evaluate(&dir);
    assert!(!outcome.failed, "{:?}", outcome.directives);
    assert_eq!(
        outcome.directives.len(),
        2,
        "two rerun-if-changed lines only"
    );
    assert!(outcome.directives[1].ends_with("security-tools.json"));
}

fn cargo_build(dir: &Path) -> (bool, String) {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("downstream-target");
    let out = Command::new(env!("CARGO"))
        .arg("build")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_real_downstream_build_warns_and_fails_on_deny() {
    let metadata = |deny: bool| {
        format!(
            r#"[package.metadata.mlsecops]
tools = ["Garak", "ModelScan"]
require = ["model_storage"]
deny = {deny}"#
        )
    };
    let lenient = downstream("lenient", &metadata(false));
    let (ok, stderr) = cargo_build(&lenient);
    assert!(ok, "deny = false builds:\n{stderr}");
    assert!(
        stderr.contains("mlsecops: R11-Security Fake Model Attacks is not covered by the configured tools; would be closed by Model Transparency"),
        "{stderr}"
    );
    assert!(stderr.contains("R12-Security Incomplete Model Artifacts is not covered by the configured tools; no tool in the registry covers it"));
    assert!(stderr.contains("warning"));

    let strict = downstream("strict", &metadata(true));
    let (ok, stderr) = cargo_build(&strict);
    assert!(!ok, "deny = true fails the build:\n{stderr}");
    assert!(stderr.contains("error"), "{stderr}");
    assert!(
        stderr.contains("R13-Security Model Tampering is not covered"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let covered = downstream(
        "covered",
        r#"[package.metadata.mlsecops]
tools = ["Model Transparency"]
require = ["R11-Security"]
deny = true"#,
    );
    let (ok, stderr) = cargo_build(&covered);
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("mlsecops"), "{stderr}");
}
