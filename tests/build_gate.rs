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
fn evaluate_reports_each_gap_with_the_tools_that_would_cover_it() {
    let dir = downstream(
        "eval",
        r#"[package.metadata.mlsecops]
tools = ["Garak", "ModelScan"]
require = ["R1-Security", "R6-Security", "R9-Security"]
deny = false"#,
    );
    let outcome = evaluate(&dir);
    assert!(!outcome.is_failed());
    // Each gap is located at the requirement that asks for the risk (line 12 of the manifest).
    // Places are named relative to the repository's root.
    let manifest = mlsecops_taxonomy::Root::enclosing(&dir)
        .unwrap()
        .relative(dir.join("Cargo.toml"));
    assert_eq!(
        outcome.directives()[1..],
        [
            format!(
                "cargo::warning=mlsecops: {manifest}:12:12: required risk not covered: R1-Security Data Poisoning Attacks: would be covered by NB Defense"
            ),
            format!(
                "cargo::warning=mlsecops: {manifest}:12:27: required risk not covered: R6-Security Incomplete Data Attacks: would be covered by Pandera, cleanlab, TensorFlow Data Validation, Soda Core and 5 more"
            ),
        ]
    );
    assert!(outcome.directives()[0].starts_with("cargo::rerun-if-changed="));
    assert_eq!(outcome.coverage().unwrap().covered().len(), 5);
}

/// Configuration errors fail the build whatever `deny` says, each with its position in
/// `Cargo.toml` and the closest valid value: a gate that a typo turns off would pass every
/// build.
#[test]
fn configuration_errors_fail_the_build_whatever_deny_says() {
    let cases = [
        (
            "tools = [\"Garrak\"]\nrequire = [\"model\"]",
            ":2:10: tools: unknown tool \"Garrak\": did you mean Garak?",
        ),
        (
            "tools = [\"Garak\"]\nrequire = [\"modle\"]",
            ":3:12: require: unknown requirement \"modle\": did you mean model? (a risk code, phase, layer, domain, all, or an ATLAS or OWASP id)",
        ),
        (
            "tools = [\"Garak\"]\nrequires = [\"model\"]",
            ":3:1: [package.metadata.mlsecops] has no key \"requires\": did you mean require?",
        ),
        (
            "tool = [\"Garak\"]",
            ":2:1: [package.metadata.mlsecops] has no key \"tool\": did you mean tools?",
        ),
        (
            "tools = \"Garak\"",
            ":2:9: tools is an array of strings, not a string",
        ),
        (
            "deny = \"yes\"",
            ":2:8: deny is true or false, not a string",
        ),
        (
            "tools = [\"Garak\"]\nrequire = [\"model\"]\nregistry = \"nope.json\"",
            ":4:12: registry: \"nope.json\" does not exist",
        ),
    ];
    for deny in [false, true] {
        for (i, (keys, expected)) in cases.iter().enumerate() {
            let metadata = format!("[package.metadata.mlsecops]\n{keys}\ndeny = {deny}");
            // `deny` given twice is its own error; the two cases about deny stand alone.
            let metadata = if keys.starts_with("deny") || keys.contains("tools = \"") {
                format!("[package.metadata.mlsecops]\n{keys}")
            } else {
                metadata
            };
            let dir = downstream(&format!("bad{i}-{deny}"), &metadata);
            let outcome = evaluate(&dir);
            assert!(
                outcome.is_failed(),
                "{metadata}\n{:?}",
                outcome.directives()
            );
            assert!(outcome.coverage().is_none(), "{metadata}");
            let errors: Vec<&String> = outcome
                .directives()
                .iter()
                .filter(|d| d.starts_with("cargo::error=mlsecops: "))
                .collect();
            let manifest = dir.join("Cargo.toml");
            // The cases count lines from the section's header, line 1.
            let (line, rest) = expected[1..].split_once(':').unwrap();
            let line = section_line(&manifest) + line.parse::<usize>().unwrap() - 1;
            let shown = mlsecops_taxonomy::Root::enclosing(&dir)
                .unwrap()
                .relative(&manifest);
            let expected = format!("{shown}:{line}:{rest}");
            assert!(
                errors
                    .iter()
                    .any(|e| e.starts_with(&format!("cargo::error=mlsecops: {expected}"))),
                "{metadata}\n{expected}\n{errors:#?}"
            );
            assert!(errors.iter().all(|e| !e.contains('\n')));
        }
    }
}

/// The line of `[package.metadata.mlsecops]` in a manifest, from 1.
fn section_line(manifest: &Path) -> usize {
    let text = std::fs::read_to_string(manifest).unwrap();
    1 + text
        .lines()
        .position(|l| l == "[package.metadata.mlsecops]")
        .unwrap()
}

#[test]
fn a_missing_section_or_manifest_or_requirement_fails() {
    let dir = downstream("nosection", "");
    let outcome = evaluate(&dir);
    assert!(outcome.is_failed());
    assert!(
        outcome.directives()[1].contains("Cargo.toml: no [package.metadata.mlsecops] section"),
        "{:?}",
        outcome.directives()
    );
    let outcome = evaluate(&dir.join("nowhere"));
    assert!(outcome.is_failed());
    assert!(outcome.directives()[1].starts_with("cargo::error=mlsecops: "));
    assert!(outcome.directives()[1].contains("Cargo.toml: cannot read: "));

    let dir = downstream(
        "norequire",
        "[package.metadata.mlsecops]\ntools = [\"Garak\"]\ndeny = true",
    );
    // A gate that requires nothing would pass every build: it fails, as bad input does.
    let outcome = evaluate(&dir);
    assert!(outcome.is_failed());
    assert!(outcome.coverage().is_none());
    let line = section_line(&dir.join("Cargo.toml"));
    assert!(
        outcome.directives()[1].starts_with("cargo::error=mlsecops: ")
            && outcome.directives()[1].contains(&format!(
                "Cargo.toml:{line}:1: [package.metadata.mlsecops] has no require: the gate would \
                 check nothing and pass every build; add the risks the project must cover, e.g. \
                 require = [\"R17-Security\"]"
            )),
        "{:?}",
        outcome.directives()
    );
    // `require = []` alike, at its key.
    let dir = downstream(
        "emptyrequire",
        "[package.metadata.mlsecops]\ntools = [\"Garak\"]\nrequire = []",
    );
    let outcome = evaluate(&dir);
    assert!(outcome.is_failed());
    let line = section_line(&dir.join("Cargo.toml")) + 2;
    assert!(
        outcome.directives()[1].contains(&format!("Cargo.toml:{line}:1: require is empty")),
        "{:?}",
        outcome.directives()
    );
}

#[test]
fn an_invalid_registry_file_is_reported_line_by_line() {
    let dir = downstream(
        "badregistry",
        "[package.metadata.mlsecops]\ntools = [\"Garak\"]\nregistry = \"ours.json\"\nrequire = [\"all\"]",
    );
    std::fs::write(
        dir.join("ours.json"),
        "{\"tools\": [\n  {\"name\": \"A\", \"risks\": [\"R24-Security\"]},\n  {\"nme\": \"B\", \"risks\": []}\n]}",
    )
    .unwrap();
    let outcome = evaluate(&dir);
    assert!(outcome.is_failed());
    let errors = &outcome.directives()[2..];
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let line = section_line(&dir.join("Cargo.toml")) + 2;
    // Each problem in the registry file at its own line, with the policy's key beside it.
    assert!(
        errors[0].contains("ours.json:2:27: tool 0 (\"A\"), field \"risks\": \"R24-Security\": Security risks are R1 to R23 ("),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].ends_with(&format!(
            "Cargo.toml:{line}:12: the registry file this policy names)"
        )),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("ours.json:3:"), "{}", errors[1]);
    assert!(errors[2].contains("ours.json:3:"), "{}", errors[2]);

    // A tool of the file with the name of a built-in tool: at its place, pointing to "amend".
    std::fs::write(
        dir.join("ours.json"),
        "{\"tools\": [{\"name\": \"Garak\", \"risks\": []}]}",
    )
    .unwrap();
    let outcome = evaluate(&dir);
    assert!(outcome.is_failed());
    assert!(
        outcome.directives()[2].contains(
            "ours.json:1:12: tool 0 (\"Garak\"): already in the registry this file extends, \
             as \"Garak\": to add risks or packages to it, use \"amend\""
        ),
        "{:?}",
        outcome.directives()
    );
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
    assert!(!outcome.is_failed(), "{:?}", outcome.directives());
    assert_eq!(
        outcome.directives().len(),
        2,
        "two rerun-if-changed lines only"
    );
    assert!(outcome.directives()[1].ends_with("security-tools.json"));
    assert!(
        outcome
            .coverage()
            .unwrap()
            .covered()
            .contains("R14-Security".parse().unwrap())
    );
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
        stderr.contains(":12:12: required risk not covered: R11-Security Fake Model Attacks: would be covered by Model Transparency"),
        "{stderr}"
    );
    assert!(stderr.contains("required risk not covered: R12-Security Incomplete Model Artifacts: would be covered by ModelAudit"));
    assert!(stderr.contains("warning"));

    let strict = downstream("strict", &metadata(true));
    let (ok, stderr) = cargo_build(&strict);
    assert!(!ok, "deny = true fails the build:\n{stderr}");
    assert!(stderr.contains("error"), "{stderr}");
    assert!(
        stderr.contains("required risk not covered: R13-Security Model Tampering"),
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
    // No message of the gate's ("mlsecops: ..."); the paths cargo prints may name the crate.
    assert!(!stderr.contains("mlsecops: "), "{stderr}");

    // A typo with deny = false: the build fails, it does not stop gating.
    let typo = downstream(
        "typo",
        r#"[package.metadata.mlsecops]
tools = ["Garrak"]
require = ["model"]
deny = false"#,
    );
    let (ok, stderr) = cargo_build(&typo);
    assert!(!ok, "a configuration error fails the build:\n{stderr}");
    assert!(
        stderr.contains("unknown tool \"Garrak\": did you mean Garak?"),
        "{stderr}"
    );
}

/// `mlsecops check` and `build::check()` read one policy and give one verdict: the same
/// findings at the same positions, and the same pass or fail.
#[cfg(feature = "cli")]
#[test]
fn check_and_the_build_gate_agree() {
    for (name, deny) in [("agree-lenient", false), ("agree-strict", true)] {
        let dir = downstream(
            name,
            &format!(
                "[package.metadata.mlsecops]\ntools = [\"Garak\", \"ModelScan\"]\nrequire = [\"R9-Security\", \"model_storage\"]\ndeny = {deny}"
            ),
        );
        let outcome = evaluate(&dir);
        let from_gate: Vec<String> = outcome.directives()[1..]
            .iter()
            .map(|d| {
                d.replacen("cargo::warning=mlsecops: ", "", 1).replacen(
                    "cargo::error=mlsecops: ",
                    "",
                    1,
                )
            })
            .collect();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlsecops"))
            .args(["check", dir.to_str().unwrap()])
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let level = if deny { "error: " } else { "warning: " };
        let from_check: Vec<String> = stdout
            .lines()
            .filter(|l| l.contains(level))
            .map(|l| l.replacen(level, "", 1))
            .collect();
        assert_eq!(from_check, from_gate, "{stdout}");
        assert_eq!(from_gate.len(), 3);
        assert_eq!(out.status.code(), Some(if deny { 1 } else { 0 }));
        assert_eq!(outcome.is_failed(), deny);
    }
    // A policy the gate rejects is bad input for check.
    let dir = downstream(
        "agree-bad",
        "[package.metadata.mlsecops]\ntools = [\"Garrak\"]\nrequire = [\"model\"]",
    );
    assert!(evaluate(&dir).is_failed());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlsecops"))
        .args(["check", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("did you mean Garak?")
    );
}

#[test]
fn policies_are_found_in_order_and_read_the_same_everywhere() {
    use mlsecops_taxonomy::policy::{Policy, Source};
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("policy-discovery");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // No policy anywhere.
    let e = Policy::discover(&dir).unwrap_err();
    assert!(e.message().starts_with("no policy found"), "{e}");
    // A pyproject.toml without [tool.mlsecops] is passed over; with it, it is the policy.
    std::fs::write(dir.join("pyproject.toml"), "[project]\nname = \"x\"\n").unwrap();
    assert!(Policy::discover(&dir).is_err());
    std::fs::write(
        dir.join("pyproject.toml"),
        "[project]\nname = \"x\"\n\n[tool.mlsecops]\ntools = [\"Garak\"]\nrequire = [\"R9-Security\"]\n",
    )
    .unwrap();
    let policy = Policy::discover(&dir).unwrap();
    assert_eq!(policy.source(), Source::Pyproject);
    assert!(!policy.evaluate().is_failed());
    // mlsecops.toml comes first; an unknown key is an error with its position and the closest.
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tools = [\"Garak\"]\nrequires = [\"model\"]\n",
    )
    .unwrap();
    let e = Policy::discover(&dir).unwrap_err();
    assert_eq!(e.position(), Some((2, 1)));
    assert!(
        e.message()
            .contains("has no key \"requires\": did you mean require?"),
        "{e}"
    );
    // detect: the tools a project's files show count as the policy's tools.
    #[cfg(feature = "detect")]
    {
        let requirements = dir.join("requirements.txt");
        std::fs::write(&requirements, "garak\nnemoguardrails\n").unwrap();
        std::fs::write(
            dir.join("mlsecops.toml"),
            format!(
                "detect = [{requirements:?}]\nrequire = [\"R10-Security\", \"R2-Privacy\"]\ndeny = true\n"
            ),
        )
        .unwrap();
        let verdict = Policy::discover(&dir).unwrap().evaluate();
        let names: Vec<&str> = verdict
            .coverage()
            .unwrap()
            .tools()
            .map(|t| t.name())
            .collect();
        assert!(
            names.contains(&"Garak") && names.contains(&"NeMo-Guardrails"),
            "{names:?}"
        );
        let messages: Vec<String> = verdict.findings().iter().map(ToString::to_string).collect();
        // The pyproject.toml beside it holds a policy too: named, not read.
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("pyproject.toml:")
                && messages[0].contains("another policy, not read"),
            "{messages:?}"
        );
        assert!(
            messages[1]
                .contains("mlsecops.toml:2:28: error: required risk not covered: R2-Privacy"),
            "{messages:?}"
        );
        assert!(verdict.is_failed());
        // A value of the wrong type is found when the policy is read, with every other problem.
        std::fs::write(
            dir.join("mlsecops.toml"),
            "detect = \"yes\"\nrequire = [\"all\"]\nrequires = 1\n",
        )
        .unwrap();
        let err = Policy::discover(&dir).unwrap_err();
        let messages: Vec<&str> = err.diagnostics().iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "detect is true, false or an array of paths, not a string",
                "mlsecops.toml has no key \"requires\": did you mean require?",
            ]
        );
    }
}
