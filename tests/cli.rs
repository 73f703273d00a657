//! The `mlsecops` binary, run as a process: every subcommand, format and exit status.
#![cfg(feature = "cli")]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use mlsecops_taxonomy::{Registry, schema};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_mlsecops");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("the binary runs")
}

/// Runs the command and checks its exit status; returns standard output and error.
fn expect(args: &[&str], status: i32) -> (String, String) {
    let out = run(args);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(status),
        "mlsecops {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("stack backtrace"),
        "{stderr}"
    );
    (stdout, stderr)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mlsecops-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn data(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Validates `value` against `schema`, or against `$defs/<def>` of it, and panics with the
/// errors.
fn assert_valid(schema: &Value, def: Option<&str>, value: &Value) {
    let schema = match def {
        None => schema.clone(),
        Some(def) => json!({
            "$schema": schema["$schema"],
            "$defs": schema["$defs"],
            "$ref": format!("#/$defs/{def}"),
        }),
    };
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn json_out(args: &[&str], status: i32) -> Value {
    let (stdout, _) = expect(args, status);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn coverage_is_a_gate() {
    let (out, _) = expect(&["coverage", "Garak", "ModelScan"], 0);
    assert!(out.starts_with("Tools (2): Garak, ModelScan\nCovered: 5 of 34 risks (15%)\n"));
    assert!(out.contains("Model layer                                   3/13"));
    let (out, _) = expect(&["coverage", "Garak", "ModelScan", "--require", "model"], 1);
    assert!(out.contains("requirement model: NOT MET, 10 required risks are not covered:"));
    assert!(out.contains(
        "R7-Privacy Unauthorized Model Extraction: would be covered by Prowler, CrypTen"
    ));
    let (out, _) = expect(&["coverage", "garak", "--require", "R17-Security"], 0);
    assert!(out.contains("requirement R17-Security: met"));
    // Without tools: the whole registry.
    let (out, _) = expect(&["coverage"], 0);
    // The source's table covers 17 risks; with the curated layer, every risk has a tool.
    assert!(out.contains("Covered: 34 of 34 risks (100%)"));
}

#[test]
fn coverage_fails_a_shell_pipeline() {
    let script = format!(
        "set -o pipefail; '{BIN}' coverage Garak --require model --format json | cat > /dev/null"
    );
    let status = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let script = format!("'{BIN}' coverage Garak --require R17-Security && echo gate-passed");
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("gate-passed\n"));
}

#[test]
fn coverage_formats() {
    let report = json_out(
        &[
            "coverage",
            "Garak",
            "ModelScan",
            "--require",
            "model",
            "--format",
            "json",
        ],
        1,
    );
    assert_valid(&schema::coverage_schema().to_value(), None, &report);
    assert_eq!(report["met"], false);
    assert_eq!(report["total"]["covered"], 5);

    let (md, _) = expect(&["coverage", "Garak", "--format", "markdown"], 0);
    assert!(
        md.contains(
            "| LAYER / PHASE | COVERED | OPEN |\n|---|---|---|\n| Data layer | 0/11 |  |\n"
        )
    );

    let (svg, _) = expect(&["coverage", "Garak", "ModelScan", "--format", "svg"], 0);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(svg.matches("class=\"risk covered\"").count(), 5);
    // The README's image is this output for the whole built-in registry.
    let (svg, _) = expect(&["coverage", "--format", "svg"], 0);
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/coverage-builtin.svg"
    ))
    .unwrap();
    assert_eq!(
        svg, committed,
        "refresh with: cargo run --features cli -- coverage --format svg > examples/coverage-builtin.svg"
    );
}

#[test]
fn risks_and_show() {
    let (out, _) = expect(&["risks"], 0);
    assert_eq!(out.lines().count(), 2 + 34);
    let (out, _) = expect(&["risks", "--layer", "model", "--domain", "privacy"], 0);
    let codes: Vec<&str> = out
        .lines()
        .skip(2)
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(codes, ["R5-Privacy", "R6-Privacy", "R7-Privacy"]);
    let (out, _) = expect(
        &["risks", "--phase", "data_storage", "--format", "markdown"],
        0,
    );
    assert!(out.starts_with(
        "| CODE | NAME | PHASE | LAYER | TOOLS |\n|---|---|---|---|---|\n| R5-Security |"
    ));
    let taxonomy = schema::taxonomy_schema().to_value();
    let risks = json_out(&["risks", "--layer", "application", "--format", "json"], 0);
    assert_eq!(risks.as_array().unwrap().len(), 10);
    for risk in risks.as_array().unwrap() {
        assert_valid(&taxonomy, Some("RiskEntry"), risk);
    }

    let (out, _) = expect(&["show", "r17 security"], 0);
    for needle in [
        "R17-Security",
        "API Abuse & Injection",
        "Real-time attacks on the deployment endpoint, exploiting weaknesses in API security.",
        "Model Deployment & Containerization (Static & Dynamic)",
        "AIShield Watchtower, Garak, Agentic Security, AI Goat",
        "LLM01:2025 Prompt Injection (supporting)",
    ] {
        assert!(out.contains(needle), "{needle}\n{out}");
    }
    let (out, _) = expect(&["show", "R14-Security", "--format", "markdown"], 0);
    assert!(out.starts_with("## R14-Security Container Image Vulnerabilities\n"));
    assert!(
        out.contains("- Tools: ggshield, Kubescape, Trivy, Grype, "),
        "{out}"
    );
    let shown = json_out(&["show", "R9-Security", "--format", "json"], 0);
    assert_valid(&taxonomy, Some("RiskEntry"), &shown["risk"]);
    let registry = schema::registry_schema().to_value();
    for tool in shown["tools"].as_array().unwrap() {
        assert_valid(&registry, Some("Tool"), tool);
    }
    // The source's table lists R9-Security for 12 tools; the curated layer adds its own.
    let rows = common::source()
        .lines()
        .filter(|l| l.starts_with("| [") && l.contains("R9-Security"))
        .count();
    assert_eq!(rows, 12);
    let sourced = shown["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["provenance"]["facts"] == "source")
        .count();
    assert_eq!(sourced, rows);
    let r9: mlsecops_taxonomy::Risk = "R9-Security".parse().unwrap();
    assert_eq!(
        shown["tools"].as_array().unwrap().len(),
        Registry::builtin().tools_covering(r9).count()
    );
}

#[test]
fn tools_listing() {
    let (out, _) = expect(&["tools"], 0);
    assert_eq!(out.lines().count(), 2 + Registry::builtin().len());
    let (out, _) = expect(&["tools", "--provenance", "source"], 0);
    assert_eq!(out.lines().count(), 2 + 41);
    let (out, _) = expect(&["tools", "--covering", "R11-Security"], 0);
    assert_eq!(
        out.lines().nth(2).unwrap().split("  ").next(),
        Some("Model Transparency")
    );
    let r11: mlsecops_taxonomy::Risk = "R11-Security".parse().unwrap();
    assert_eq!(
        out.lines().count(),
        2 + Registry::builtin().tools_covering(r11).count()
    );
    // Roles and bases filter: AI Goat is a playground; Trivy states R14-Security.
    let (out, _) = expect(&["tools", "--role", "playground"], 0);
    assert!(out.lines().nth(2).unwrap().starts_with("AI Goat "), "{out}");
    assert_eq!(out.lines().count(), 3);
    let (out, _) = expect(
        &["tools", "--covering", "R14-Security", "--basis", "stated"],
        0,
    );
    assert!(out.lines().any(|l| l.starts_with("Trivy ")), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("Hadolint ")), "{out}");
    let (out, _) = expect(&["tools", "--adoptable", "--covering", "R17-Security"], 0);
    assert!(!out.contains("AI Goat"), "{out}");
    let (out, _) = expect(&["tools", "--kind", "vendor", "--format", "markdown"], 0);
    assert_eq!(out.lines().count(), 2 + 5);
    let doc = json_out(
        &["tools", "--category", "llm-security", "--format", "json"],
        0,
    );
    assert_valid(&schema::registry_schema().to_value(), None, &doc);
    assert_eq!(
        doc["tools"].as_array().unwrap().len(),
        Registry::builtin()
            .tools()
            .filter(|t| t
                .categories()
                .contains(&mlsecops_taxonomy::Category::LlmSecurity))
            .count()
    );
    let reg = Registry::from_json(&doc.to_string()).unwrap();
    assert!(reg.get("garak").is_ok());
}

#[test]
fn cover_finds_the_fewest_tools() {
    let (out, _) = expect(&["cover"], 0);
    // R18-Security: only research code (see tests/data/curated/REVIEW.md).
    assert!(
        out.starts_with("10 tools cover 33 of the 34 required risks (proven minimal)\n"),
        "{out}"
    );
    assert!(
        out.contains("No tool a project can adopt covers: R18-Security\n"),
        "{out}"
    );
    let (out, _) = expect(&["cover", "--any-role"], 0);
    assert!(out.contains(" cover 34 of the 34 required risks"), "{out}");
    let (out, _) = expect(
        &[
            "cover",
            "--require",
            "R11-Security",
            "--require",
            "R17-Security",
        ],
        0,
    );
    assert!(out.starts_with("2 tools cover 2 of the 2 required risks (proven minimal)\n"));
    // One tool, one risk: the sentence agrees with its numbers.
    let (out, _) = expect(&["cover", "--require", "R11-Security"], 0);
    assert!(
        out.starts_with("1 tool covers 1 of the 1 required risk (proven minimal)\n"),
        "{out}"
    );
    // No set of tools meets it: the report says so, and the check fails, saying why.
    let report = json_out(
        &["cover", "--require", "R18-Security", "--format", "json"],
        1,
    );
    assert_valid(&schema::coverage_schema().to_value(), None, &report);
    assert_eq!(report["met"], false);
    let (md, err) = expect(
        &["cover", "--require", "R18-Security", "--format", "markdown"],
        1,
    );
    assert!(md.contains("| TOOL | ID | COVERS |"));
    assert_eq!(
        err,
        "mlsecops: check failed: no tool a project can adopt covers R18-Security \
         (required by --require R18-Security)\n"
    );
    // A PyPI project may prefer PyPI tools.
    let (out, _) = expect(
        &["cover", "--require", "R14-Security", "--prefer", "pypi"],
        0,
    );
    assert!(out.contains("ggshield") || out.contains("Checkov"), "{out}");
}

#[test]
fn schema_and_export() {
    let (out, _) = expect(&["schema", "registry"], 0);
    let expected = schema::to_canonical_json(&schema::registry_schema().to_value());
    assert_eq!(out, expected);
    let (out, _) = expect(&["export"], 0);
    assert_eq!(out, schema::taxonomy_json());
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc, schema::taxonomy_document());

    let dir = temp_dir("schema");
    let (out, _) = expect(&["schema", "--out", dir.to_str().unwrap()], 0);
    // Every schema, and not the document.
    assert_eq!(out.lines().count(), schema::FILE_NAMES.len() - 1);
    assert!(!out.contains("taxonomy.json"), "{out}");
    let dir = temp_dir("export");
    expect(&["export", "--out", dir.to_str().unwrap()], 0);
    for (name, text) in schema::files() {
        assert_eq!(
            std::fs::read_to_string(dir.join(name)).unwrap(),
            text,
            "{name}"
        );
    }
}

#[test]
fn validate_reports_lines_and_columns() {
    let dir = temp_dir("validate");
    let good = dir.join("good.json");
    std::fs::write(&good, Registry::builtin().to_json()).unwrap();
    let (out, _) = expect(&["validate", good.to_str().unwrap()], 0);
    assert!(
        out.ends_with(&format!(": valid, {} tools\n", Registry::builtin().len())),
        "{out}"
    );
    let one = dir.join("one.json");
    std::fs::write(&one, r#"{"tools": [{"name": "A", "risks": []}]}"#).unwrap();
    let (out, _) = expect(&["validate", one.to_str().unwrap()], 0);
    assert!(out.ends_with(": valid, 1 tool\n"), "{out}");

    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\"tools\": [\n  {\"name\": \"Scanner\", \"risks\": [\"R24-Security\"]},\n  {\"nme\": \"X\", \"risks\": []}\n]}\n",
    )
    .unwrap();
    let path = bad.to_str().unwrap();
    let (out, _) = expect(&["validate", path], 1);
    assert_eq!(
        out,
        format!(
            "{path}:2:33: error: tool 0 (\"Scanner\"), field \"risks\": \"R24-Security\": Security risks are R1 to R23\n\
             {path}:3:3: error: tool 1, field \"name\": the field is required\n\
             {path}:3:4: error: tool 1, field \"nme\": unknown field, did you mean \"name\"?\n"
        )
    );
    let report = json_out(&["validate", path, "--format", "json"], 1);
    assert_valid(&schema::validation_schema().to_value(), None, &report);
    assert_eq!(report["valid"], false);
    assert_eq!(report["problems"][0]["line"], 2);
    assert_eq!(report["problems"][0]["column"], 33);
    let (md, _) = expect(&["validate", path, "--format", "markdown"], 1);
    assert!(md.contains("| 2 | 33 | tool 0 (\"Scanner\")"));

    // Not JSON; not there.
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"tools\": [\n  {\"name\": }\n]}").unwrap();
    let (out, err) = expect(&["validate", broken.to_str().unwrap()], 1);
    assert!(
        out.ends_with("broken.json:2:12: error: expected value\n"),
        "{out}"
    );
    assert!(
        err.ends_with("broken.json is not a valid registry file: 1 problem\n"),
        "{err}"
    );
    let (_, err) = expect(&["validate", dir.join("missing.json").to_str().unwrap()], 2);
    assert!(err.starts_with("mlsecops: error: cannot read "), "{err}");
}

#[test]
fn import_render_lint() {
    let dir = temp_dir("list");
    let source = data("awesome-mlsecops.md");
    let (json, err) = expect(&["import", &source], 0);
    assert!(
        err.contains("awesome-mlsecops.md:54:1: note: [duplicate] \"AIShield Watchtower\": merged"),
        "{err}"
    );
    let imported = Registry::from_json(&json).unwrap();
    let facts = |r: &Registry| -> Vec<String> {
        r.tools()
            .map(|t| {
                format!(
                    "{} {:?} {:?} {} {}",
                    t.name(),
                    t.url(),
                    t.description(),
                    t.risks(),
                    t.kind()
                )
            })
            .collect()
    };
    assert_eq!(facts(&imported), facts(Registry::source()));

    let list = dir.join("list.md");
    expect(&["render", "--out", list.to_str().unwrap()], 0);
    let (out, _) = expect(&["lint", list.to_str().unwrap()], 0);
    assert!(out.ends_with("list.md: no findings\n"));
    let (rendered, _) = expect(&["render", "--title", "Our tools"], 0);
    assert!(rendered.starts_with("# Our tools\n"));

    let (out, _) = expect(&["lint", &source], 1);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("awesome-mlsecops.md:54:1: error: [duplicate] \"AIShield Watchtower\""));
    let found = json_out(&["lint", &source, "--format", "json"], 1);
    assert_valid(&schema::lint_schema().to_value(), None, &found);
    assert_eq!(found["findings"][0]["rule"], "duplicate");
    assert_eq!(found["findings"][0]["line"], 54);
    let (md, _) = expect(&["lint", &source, "--format", "markdown"], 1);
    assert!(md.contains("| 54 | AIShield Watchtower | duplicate |"));

    // Import of the rendered list, and lint of a registry file.
    let reg = dir.join("reg.json");
    expect(
        &[
            "import",
            list.to_str().unwrap(),
            "--out",
            reg.to_str().unwrap(),
        ],
        0,
    );
    expect(&["lint", reg.to_str().unwrap()], 0);
    let bad_list = dir.join("bad.md");
    std::fs::write(
        &bad_list,
        "## Adversarial Machine Learning\n\n- [A](ftp://a) - A `R9-Security`\n",
    )
    .unwrap();
    let (_, err) = expect(&["import", bad_list.to_str().unwrap()], 2);
    assert!(
        err.contains("bad.md:3:1: error: [link] \"A\": the URL \"ftp://a\""),
        "{err}"
    );
    // One tool read: said in the singular.
    let one = dir.join("one.md");
    std::fs::write(
        &one,
        "## Adversarial Machine Learning\n\n- [A](https://a.example) - A `R9-Security`\n",
    )
    .unwrap();
    let (_, err) = expect(&["import", one.to_str().unwrap()], 0);
    assert!(err.contains("mlsecops: 1 tool read from "), "{err}");
}

/// `--registry` applies where a registry is read; elsewhere it is an error, never ignored: `check`
/// with `--registry-only` used to pass on the built-in registry where the named one has no such
/// tool (a false green).
#[test]
fn registry_options_are_never_ignored() {
    let dir = temp_dir("registry-ignored");
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tools = [\"Garak\"]\nrequire = [\"R17-Security\"]\ndeny = true\n",
    )
    .unwrap();
    let only = dir.join("only.json");
    std::fs::write(
        &only,
        r#"{"tools": [{"name": "Image Scanner", "risks": ["R14-Security"]}]}"#,
    )
    .unwrap();
    let (project, only) = (dir.to_str().unwrap(), only.to_str().unwrap());
    expect(&["check", project], 0);
    let (_, err) = expect(
        &["check", project, "--registry", only, "--registry-only"],
        2,
    );
    assert!(
        err.contains("check reads the registry its policy names"),
        "{err}"
    );
    let (_, err) = expect(&["--registry", only, "check", project], 2);
    assert!(err.contains("after the subcommand"), "{err}");
    for args in [
        &["export", "--registry", only][..],
        &["schema", "--registry", only],
        &["lint", only, "--registry", only],
    ] {
        let (_, err) = expect(args, 2);
        assert!(err.contains("unexpected argument '--registry'"), "{err}");
    }
    // Where a registry is read, the option is taken.
    let (_, err) = expect(
        &["coverage", "Garak", "--registry", only, "--registry-only"],
        2,
    );
    assert!(err.contains("unknown tool \"Garak\""), "{err}");
}

#[test]
fn a_registry_file_extends_the_builtin_one() {
    let dir = temp_dir("registry");
    let file = dir.join("ours.json");
    std::fs::write(
        &file,
        r#"{"tools": [{"name": "Image Scanner", "risks": ["R14-Security"], "url": "https://scanner.example.com"}]}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (out, _) = expect(
        &[
            "coverage",
            "--registry",
            path,
            "Garak",
            "image-scanner",
            "--require",
            "R14-Security",
        ],
        0,
    );
    assert!(out.starts_with("Tools (2): Garak, Image Scanner\n"));
    let (out, _) = expect(&["tools", "--registry", path, "--registry-only"], 0);
    assert_eq!(out.lines().count(), 3);
    let (out, _) = expect(&["render", "--registry", path, "--registry-only"], 0);
    assert!(out.contains(
        "## Uncategorized\n\n- [Image Scanner](https://scanner.example.com) `R14-Security`\n"
    ));

    std::fs::write(
        &file,
        "{\"tools\": [\n {\"name\": \"Garak\", \"risks\": [\"R9-Security\"]}\n]}",
    )
    .unwrap();
    let (_, err) = expect(&["coverage", "--registry", path], 2);
    assert!(
        err.contains(&format!(
            "{path}:2:2: tool 0 (\"Garak\"): already in the registry this file extends, as \"Garak\": \
             to add risks or packages to it, use \"amend\""
        )),
        "{err}"
    );
    std::fs::write(
        &file,
        "{\"tools\": [\n {\"name\": \"X\", \"risks\": [\"R9-Securty\"]}\n]}",
    )
    .unwrap();
    let (_, err) = expect(&["tools", "--registry", path], 2);
    assert!(
        err.contains(&format!("{path}:2:26: tool 0 (\"X\"), field \"risks\": \"R9-Securty\": unknown domain \"Securty\", did you mean Security?")),
        "{err}"
    );
}

#[test]
fn bad_input_exits_2_with_the_closest_names() {
    let (_, err) = expect(&["coverage", "Garrak"], 2);
    assert_eq!(
        err,
        "mlsecops: error: unknown tool \"Garrak\": did you mean Garak?\n"
    );
    let (_, err) = expect(&["show", "R17-Secrity"], 2);
    assert!(
        err.contains("unknown domain \"Secrity\", did you mean Security?"),
        "{err}"
    );
    let (_, err) = expect(&["tools", "--covering", "R99-Privacy"], 2);
    assert!(err.contains("Privacy risks are R1 to R11"), "{err}");
    let (_, err) = expect(&["risks", "--layer", "modle"], 2);
    assert!(err.contains("did you mean model?"), "{err}");
    let (_, err) = expect(&["coverage", "--require", "modle"], 2);
    assert!(err.contains("modle"), "{err}");
    let (_, err) = expect(&["risks", "--format", "svg"], 2);
    assert!(err.contains("invalid value 'svg'"), "{err}");
    let (_, err) = expect(&["frobnicate"], 2);
    assert!(err.contains("unrecognized subcommand"), "{err}");
    // Not UTF-8.
    let dir = temp_dir("bad");
    let file = dir.join("latin1.md");
    std::fs::write(&file, b"# Caf\xe9\n").unwrap();
    let (_, err) = expect(&["lint", file.to_str().unwrap()], 2);
    assert!(err.contains("not UTF-8"), "{err}");
    let (out, _) = expect(&["--help"], 0);
    for sub in [
        "risks", "show", "tools", "coverage", "cover", "schema", "export", "validate", "import",
        "render", "lint",
    ] {
        assert!(out.contains(&format!("  {sub} ")), "{sub}");
    }
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let script = format!("'{BIN}' risks | head -1");
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("CODE ") && stdout.lines().count() == 1,
        "{stdout}"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_readme_shows_the_commands_as_they_print() {
    let readme = common::docs();
    let (out, _) = expect(&["coverage", "Garak", "ModelScan"], 0);
    assert!(
        readme.contains(&format!("```text\n{out}```")),
        "README's quick start differs from:\n{out}"
    );
    let (_, err) = expect(&["coverage", "Garrak"], 2);
    assert!(readme.contains(&format!("$ mlsecops coverage Garrak\n{err}")));
    let source = data("awesome-mlsecops.md");
    let (out, _) = expect(&["lint", &source], 1);
    let out = out.replace(&source, "tests/data/awesome-mlsecops.md");
    assert!(readme.contains(&format!(
        "$ mlsecops lint tests/data/awesome-mlsecops.md\n{out}"
    )));
    // The validate example is the one validate_reports_lines_and_columns runs.
    let dir = temp_dir("readme");
    let file = dir.join("ours.json");
    std::fs::write(
        &file,
        "{\"tools\": [\n  {\"name\": \"Scanner\", \"risks\": [\"R24-Security\"]},\n  {\"nme\": \"X\", \"risks\": []}\n]}\n",
    )
    .unwrap();
    let (out, _) = expect(&["validate", file.to_str().unwrap()], 1);
    let out = out.replace(file.to_str().unwrap(), "ours.json");
    assert!(
        readme.contains(&format!("$ mlsecops validate ours.json\n{out}```")),
        "{out}"
    );
}

/// Every path that used to say "pass" by mistake, or fail without saying why.
#[test]
fn no_false_greens() {
    let dir = temp_dir("false-greens");
    let file = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    // lint: the extension decides, and nothing to check is a finding, not a pass.
    let cases = [
        (
            file("empty.json", ""),
            "1:1: error: [format] the document is empty: expected a registry document",
        ),
        (
            file("ws.json", "  \n "),
            "2:2: error: [format] the document is empty",
        ),
        (
            file("nj.json", "not json"),
            "1:1: error: [format] not JSON: expected a registry document {\"tools\": [...]}, found \"not\"",
        ),
        (
            file(
                "list.json",
                "# A list\n\n- [A](https://a.example) - Tool `R1-Security`\n",
            ),
            "1:1: error: [format] not JSON",
        ),
        (
            file("empty.md", ""),
            "1:1: error: [empty] the list has no tools",
        ),
        (
            file("prose.markdown", "# Title\n\nJust prose.\n"),
            "1:1: error: [empty] the list has no tools",
        ),
        (
            file("NOTES", "{\"tools\": []}"),
            "1:11: error: [empty] the registry has no tools",
        ),
    ];
    for (path, expected) in &cases {
        let (out, err) = expect(&["lint", path], 1);
        assert!(out.starts_with(&format!("{path}:{expected}")), "{out}");
        assert!(err.starts_with("mlsecops: check failed: "), "{err}");
        // Whatever the format, standard error says why.
        let (_, err) = expect(&["lint", path, "--format", "json"], 1);
        assert!(err.contains(&format!("{path}:{expected}")), "{err}");
    }
    // validate: plain words for an empty file and for text that is not JSON, one position.
    let (out, _) = expect(&["validate", &cases[0].0], 1);
    assert!(
        out.ends_with(
            ":1:1: error: the document is empty: expected a registry document {\"tools\": [...]}\n"
        ),
        "{out}"
    );
    let (out, _) = expect(&["validate", &cases[2].0], 1);
    assert!(
        out.ends_with(
            ":1:1: error: not JSON: expected a registry document {\"tools\": [...]}, found \"not\"\n"
        ),
        "{out}"
    );

    // A failed gate says why on standard error, whatever --format.
    for format in ["table", "json", "markdown", "svg"] {
        let (_, err) = expect(
            &[
                "coverage",
                "Garak",
                "--require",
                "model",
                "--format",
                format,
            ],
            1,
        );
        assert!(
            err.starts_with(
                "mlsecops: check failed: requirement model: 10 required risks are not covered:\n"
            ),
            "{format}: {err}"
        );
        assert!(
            err.contains("R11-Security Fake Model Attacks: would be covered by Model Transparency, Bandit, KitOps, skops and 5 more"),
            "{err}"
        );
    }

    // The SVG shows the requirements.
    let (plain, _) = expect(&["coverage", "Garak", "--format", "svg"], 0);
    let (required, _) = expect(
        &["coverage", "Garak", "--require", "model", "--format", "svg"],
        1,
    );
    assert_ne!(plain, required);
    assert!(!plain.contains("not-required") && !plain.contains(" fail\""));
    assert_eq!(required.matches("class=\"risk ").count(), 34);
    assert_eq!(required.matches(" not-required\"").count(), 21);
    assert_eq!(required.matches(" fail\"").count(), 10);
    assert!(required.contains("required: model: NOT MET, 10 required risks open"));
}

/// A write error on standard output is bad output (exit 2, said on standard error); a closed
/// pipe stays a quiet exit.
#[test]
fn write_errors_are_reported_and_closed_pipes_are_quiet() {
    use std::process::Stdio;
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let out = Command::new(BIN)
            .arg("export")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("mlsecops: error: cannot write to standard output: "),
            "{err}"
        );
    }
    // More than a pipe holds, so the write meets the closed end.
    let mut child = Command::new(BIN)
        .arg("export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
    // A file that cannot be written.
    let (_, err) = expect(
        &[
            "import",
            &data("awesome-mlsecops.md"),
            "--out",
            "/nonexistent/dir/x.json",
        ],
        2,
    );
    assert!(
        err.contains("cannot write /nonexistent/dir/x.json"),
        "{err}"
    );
}

/// The details a user meets first: table widths, contradictory options, help, Markdown.
#[test]
fn the_command_reads_well() {
    // The longest name (107 characters) no longer widens the table to 305 columns.
    let (out, _) = expect(&["tools"], 0);
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 180, "{widest}");
    assert!(
        out.contains("Raze to the Ground: Query-Effic…  raze-to-the-ground-query-effici…"),
        "{out}"
    );
    let (json, _) = expect(&["tools", "--format", "json"], 0);
    assert!(json.contains("Raze to the Ground: Query-Efficient"));

    // A phase outside the layer: an error, not an empty table.
    let (_, err) = expect(
        &["risks", "--layer", "data", "--phase", "model_training"],
        2,
    );
    assert!(
        err.contains("--phase model_training is in the model layer, not in --layer data"),
        "{err}"
    );
    let (out, _) = expect(
        &["risks", "--layer", "model", "--phase", "model_training"],
        0,
    );
    assert_eq!(out.lines().count(), 2 + 4);

    // One schema written when one is named; all of them when none is.
    let dir = temp_dir("one-schema");
    let (out, _) = expect(&["schema", "coverage", "--out", dir.to_str().unwrap()], 0);
    assert_eq!(out.lines().count(), 1);
    let written: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, ["coverage.schema.json"]);

    // show: "no mapping", and notes that add to the title only.
    let (out, _) = expect(&["show", "R12-Security"], 0);
    assert!(out.contains("crosswalk    no mapping"), "{out}");
    let (out, _) = expect(&["show", "R5-Privacy"], 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("atlas ")
                && l.ends_with(" AML.T0024.001 Invert AI Model (primary)")),
        "{out}"
    );
    assert!(
        out.contains("LLM02:2025 Sensitive Information Disclosure (primary): which cites both\n"),
        "{out}"
    );
    let (md, _) = expect(&["show", "R12-Security", "--format", "markdown"], 0);
    assert!(md.contains("\n- Crosswalk: no mapping\n"), "{md}");

    // --help lists the values of the closed options, and the registry options apart.
    let (help, _) = expect(&["risks", "--help"], 0);
    assert!(
        help.contains("[possible values: data, model, application]"),
        "{help}"
    );
    assert!(
        help.contains("data_collection, data_preprocessing"),
        "{help}"
    );
    assert!(help.contains("- markdown: A Markdown table"), "{help}");
    assert!(
        help.contains("Registry options:\n      --registry <FILE>"),
        "{help}"
    );
    let (help, _) = expect(&["coverage", "--help"], 0);
    assert!(
        help.contains("all, security, privacy, data, model"),
        "{help}"
    );
    // The listed values stay lenient: names in any case still parse.
    expect(
        &["risks", "--phase", "Model Deployment & Containerization"],
        0,
    );

    // Markdown is Markdown: a heading, list items (not lines run into one paragraph), a table
    // after a blank line, and a nested list for the gaps.
    let (md, _) = expect(
        &[
            "coverage",
            "Garak",
            "--require",
            "R11-Security",
            "--format",
            "markdown",
        ],
        1,
    );
    assert!(md.starts_with("## MLSecOps coverage\n\n- Tools (1): Garak\n- Covered: 3 of 34 risks (9%)\n\n| LAYER / PHASE | COVERED | OPEN |\n|---|---|---|\n"), "{md}");
    assert!(md.ends_with("\n\n- requirement R11-Security: NOT MET, 1 required risk is not covered:\n  - R11-Security Fake Model Attacks: would be covered by Model Transparency, Bandit, KitOps, skops and 5 more\n"), "{md}");
}

/// `detect`, `coverage --detect` and `cover --detect` look tools up in the registry the project's
/// policy names, as `check` does; they used to read the built-in one only, so a tool of the
/// team's registry was found by `check` and not by them.
#[test]
fn detection_looks_tools_up_in_the_registry_the_policy_names() {
    let dir = temp_dir("policy-registry");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join("tools.json"),
        r#"{"tools": [{"name": "Our Scanner", "risks": ["R14-Security"], "packages": ["pkg:pypi/our-scanner"]}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("mlsecops.toml"),
        "registry = \"tools.json\"\ndetect = true\nrequire = [\"R14-Security\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("requirements.txt"), "our-scanner==1.0\n").unwrap();
    let said = "mlsecops: registry: the built-in tools and those of tools.json, which mlsecops.toml \
                names\n";
    let (out, err, code) = common::mlsecops(&dir, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    let (out, err, code) = common::mlsecops(&dir, &["detect"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Our Scanner  our-scanner"), "{out}");
    assert_eq!(err, said);
    let (out, err, code) = common::mlsecops(
        &dir,
        &["coverage", "--detect", ".", "--require", "R14-Security"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("Tools (1): Our Scanner\n"), "{out}");
    assert_eq!(err, said);
    let (out, err, code) = common::mlsecops(
        &dir,
        &["cover", "--detect", ".", "--require", "R14-Security"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("The project's tools (our-scanner) cover 1 of the 1 required risk"),
        "{out}"
    );
    // From elsewhere, the project's directory or one of its files: the same policy.
    let path = dir.to_str().unwrap();
    let (out, err) = expect(&["detect", path, "--format", "json"], 0);
    assert!(out.contains("\"Our Scanner\""), "{out}");
    assert_eq!(err, said);
    let file = dir.join("requirements.txt");
    let (out, _) = expect(&["detect", file.to_str().unwrap()], 0);
    assert!(out.contains("Our Scanner"), "{out}");
    // --registry given: that file, and nothing said.
    let (out, err, code) = common::mlsecops(
        &dir,
        &["detect", "--registry-only", "--registry", "tools.json"],
    );
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.contains("Our Scanner"), "{out}");
    // A policy without `registry`: the built-in registry, and nothing said.
    std::fs::write(
        dir.join("mlsecops.toml"),
        "detect = true\nrequire = [\"R14-Security\"]\n",
    )
    .unwrap();
    let (out, err, code) = common::mlsecops(&dir, &["detect"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.starts_with("No tool of the registry found."), "{out}");
    // A registry file that cannot be read is bad input, never a silent fall back.
    std::fs::write(
        dir.join("mlsecops.toml"),
        "registry = \"nope.json\"\nrequire = [\"R14-Security\"]\n",
    )
    .unwrap();
    let (out, err, code) = common::mlsecops(&dir, &["coverage", "--detect", "."]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("mlsecops.toml:1:12: error: registry: \"nope.json\" does not exist"),
        "{err}"
    );
}

#[test]
fn detect_an_sbom_and_bad_input() {
    // Transitive-only tools are listed apart, and counted with --transitive.
    let sbom = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ml-project/image.cdx.json"
    );
    let (out, _) = expect(&["detect", sbom], 0);
    assert!(
        out.contains("Seen only as transitive dependencies"),
        "{out}"
    );
    let report = json_out(&["detect", sbom, "--transitive", "--format", "json"], 0);
    assert_eq!(report["tools"].as_array().unwrap().len(), 2);
    assert_eq!(report["transitive"], json!([]));

    // Bad input: exit 2, naming the file.
    let d = temp_dir("detect-bad");
    let bad = d.join("requirements.txt");
    std::fs::write(&bad, "numpy >== 1\n").unwrap();
    // A line pip would reject is a located warning; the rest is read.
    let (_, err) = expect(&["detect", bad.to_str().unwrap()], 0);
    assert!(
        err.contains("requirements.txt:1:1: warning: not a PEP 508 requirement"),
        "{err}"
    );
    let (_, err) = expect(&["coverage", "--detect", bad.to_str().unwrap()], 0);
    assert!(err.contains("requirements.txt:1:1: warning:"), "{err}");
}

/// A requirement's URL is read as written: `${VAR}` is not replaced from the environment, so what
/// is detected does not depend on it and no variable's value (a token in CI) reaches the output.
#[test]
fn detection_reads_no_environment_variable() {
    let d = temp_dir("detect-env");
    let file = d.join("requirements.txt");
    let detect = |text: &str, value: &str| {
        std::fs::write(&file, text).unwrap();
        let out = Command::new(BIN)
            .args(["detect", file.to_str().unwrap()])
            .env("MLSECOPS_TEST_SECRET", value)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        (out.status.code(), stdout, stderr)
    };
    let (status, _, stderr) = detect(
        "garak @ https://example.com/${MLSECOPS_TEST_SECRET}/garak-0.9.whl\n\
         modelscan @ ${MLSECOPS_TEST_SECRET}/modelscan-0.8.whl\n",
        "hunter2",
    );
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.contains("requirements.txt:2:1: warning: not a PEP 508 requirement"),
        "{stderr}"
    );
    assert!(stderr.contains("${MLSECOPS_TEST_SECRET}"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");

    // With a scheme the line is a URL, whatever the variable holds.
    for value in ["hunter2", "not a url"] {
        let (status, stdout, stderr) = detect(
            "garak @ https://example.com/${MLSECOPS_TEST_SECRET}/garak-0.9.whl\n",
            value,
        );
        assert_eq!(status, Some(0), "{stderr}");
        assert!(stdout.contains("Garak"), "{stdout}");
    }
}

#[test]
fn github_annotations_point_at_the_lines() {
    let d = temp_dir("github");
    let bad = d.join("bad.json");
    std::fs::write(
        &bad,
        "{\"tools\": [\n  {\"name\": \"Scanner\", \"risks\": [\"R24-Security\"]}\n]}\n",
    )
    .unwrap();
    let path = bad.to_str().unwrap();
    let (out, err) = expect(&["validate", path, "--format", "github"], 1);
    let file = path.replace(':', "%3A").replace(',', "%2C");
    assert_eq!(
        out,
        format!(
            "::error file={file},line=2,col=33,title=MLSecOps lint%3A risk-code::tool 0 (\"Scanner\"), field \"risks\": \"R24-Security\": Security risks are R1 to R23\n"
        )
    );
    assert!(err.starts_with("mlsecops: check failed: "), "{err}");

    let policy = d.join("mlsecops.toml");
    std::fs::write(
        &policy,
        "tools = [\"Garak\"]\nrequire = [\"R9-Security\", \"R11-Security\"]\ndeny = false\n",
    )
    .unwrap();
    let (out, _) = expect(&["check", d.to_str().unwrap(), "--format", "github"], 0);
    // Annotations name files relative to the repository's root, as workflow commands place them.
    let file = mlsecops_taxonomy::Root::enclosing(&d)
        .unwrap()
        .relative(&policy)
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        out,
        format!(
            "::warning file={file},line=2,col=27,title=MLSecOps%3A required risk not covered::required risk not covered: R11-Security Fake Model Attacks: would be covered by Model Transparency, Bandit, KitOps, skops and 5 more\n"
        )
    );
    std::fs::write(
        &policy,
        "tools = [\"Garak\"]\nrequire = [\"R11-Security\"]\ndeny = true\n",
    )
    .unwrap();
    let (out, _) = expect(&["check", d.to_str().unwrap(), "--format", "github"], 1);
    assert!(
        out.starts_with(&format!("::error file={file},line=2,col=12,")),
        "{out}"
    );

    let (out, _) = expect(
        &[
            "coverage",
            "Garak",
            "--require",
            "R11-Security",
            "--format",
            "github",
        ],
        1,
    );
    assert_eq!(
        out,
        "::error title=MLSecOps%3A required risk not covered::Required by R11-Security and not covered by Garak: R11-Security Fake Model Attacks: would be covered by Model Transparency, Bandit, KitOps, skops and 5 more.\n"
    );
    let (out, _) = expect(
        &[
            "coverage",
            "Garak",
            "--require",
            "R9-Security",
            "--format",
            "github",
        ],
        0,
    );
    assert_eq!(out, "");
    let source = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/awesome-mlsecops.md"
    );
    let (out, _) = expect(&["lint", source, "--format", "github"], 1);
    assert!(
        out.contains(",line=54,col=1,title=MLSecOps lint%3A duplicate::"),
        "{out}"
    );
}

#[test]
fn show_takes_an_external_id() {
    let (out, _) = expect(&["show", "LLM06:2026"], 0);
    assert!(out.contains("Unbounded Consumption"), "{out}");
    assert!(
        out.contains("OWASP Top 10 for LLM Applications 2026"),
        "{out}"
    );
    assert!(
        out.contains("R22-Security Runtime Exploitation (primary)"),
        "{out}"
    );
    assert!(
        out.contains("LLM10:2025 Unbounded Consumption (same)"),
        "{out}"
    );
    assert!(
        out.contains("LLM04:2023 Model Denial of Service (successor)"),
        "{out}"
    );
    // A judged counterpart says so; an entry with none says so.
    let (out, _) = expect(&["show", "LLM03:2023"], 0);
    assert!(
        out.contains("(judged), judged: this project's reading, provenance curated"),
        "{out}"
    );
    let (out, _) = expect(&["show", "LLM07:2023"], 0);
    assert!(out.contains("no counterpart"), "{out}");
    let doc = json_out(&["show", "LLM06:2026", "--format", "json"], 0);
    assert_eq!(doc["edition"], "2026");
    assert_eq!(doc["counterparts"][1]["id"], "LLM10:2025");
    let (out, _) = expect(&["show", "AML.T0051", "--format", "markdown"], 0);
    assert!(
        out.starts_with("## AML.T0051 LLM Prompt Injection\n"),
        "{out}"
    );
    // Without an edition: what the id is in each, exit 2.
    let (_, err) = expect(&["show", "LLM06"], 2);
    assert!(
        err.contains("LLM06:2023 Sensitive Information Disclosure"),
        "{err}"
    );
    let (_, err) = expect(&["show", "R17"], 2);
    assert!(err.contains("R17-Security"), "{err}");
}

#[test]
fn migrate_reports_bad_input() {
    let dir = temp_dir("migrate");
    let (_, err) = expect(&["migrate", "--to", "2026", "missing.txt"], 2);
    assert!(err.contains("cannot read missing.txt"), "{err}");
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, b"LLM01:2025 \xff").unwrap();
    let (_, err) = expect(&["migrate", "--to", "2026", binary.to_str().unwrap()], 2);
    assert!(err.contains("not UTF-8"), "{err}");
    let (_, err) = expect(&["migrate", "--to", "2024", binary.to_str().unwrap()], 2);
    assert!(err.contains("2023, 2025 or 2026"), "{err}");
    let text = dir.join("report.md");
    std::fs::write(&text, "LLM10:2025\n").unwrap();
    let (out, err) = expect(
        &["migrate", "--to", "owasp-llm-2026", text.to_str().unwrap()],
        0,
    );
    assert_eq!((out.as_str(), err.as_str()), ("LLM06:2026\n", ""));
}

#[test]
fn the_readme_migrate_example_is_what_migrate_prints() {
    let readme = common::docs();
    let start = readme
        .find(
            "$ printf 'LLM10:2025, LLM08:2023 and LLM03:2023\\n' | mlsecops migrate --to 2026 -\n",
        )
        .expect("the README shows the migrate example");
    let block = &readme[start..];
    let block = &block[block.find('\n').unwrap() + 1..block.find("```").unwrap()];
    let out = common::run_with_stdin(
        BIN,
        &["migrate", "--to", "2026", "-"],
        b"LLM10:2025, LLM08:2023 and LLM03:2023\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let shown = format!(
        "{}{}",
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap()
    );
    assert_eq!(shown, block);
}

#[test]
fn coverage_and_cover_take_atlas_and_owasp_ids_as_requirements() {
    let (out, err) = expect(&["coverage", "Garak", "--require", "LLM01:2025"], 1);
    assert!(out.contains("requirement LLM01:2025: NOT MET"), "{out}");
    assert!(out.contains("R8-Security"), "{out}{err}");
    let (out, _) = expect(&["coverage", "Garak", "--require", "ASI01"], 1);
    assert!(out.contains("requirement ASI01:2026: NOT MET"), "{out}");
    let (_, err) = expect(&["coverage", "Garak", "--require", "AML.T0000"], 2);
    assert!(err.contains("would check nothing"), "{err}");
    expect(&["cover", "--require", "AML.T0051"], 0);
}

/// A located error says its level once: `mlsecops: DIR: error: …`, never `error: … error:`.
#[test]
fn a_located_error_says_its_level_once() {
    let dir = std::env::temp_dir().join(format!("mlsecops-level-once-{}", std::process::id()));
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let (_, err) = expect(&["check", dir.to_str().unwrap()], 2);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.starts_with("mlsecops: "), "{err}");
    assert!(err.contains(": error: no policy found"), "{err}");
    // An error without a place keeps its level.
    let (_, err) = expect(&["show", "R99-Security"], 2);
    assert!(err.starts_with("mlsecops: error: "), "{err}");
}
