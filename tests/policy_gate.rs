//! A policy teams can make blocking: a gate that gates by default, acceptances with a reason and
//! an expiry, requirements by ATLAS and OWASP id.
#![cfg(all(feature = "build", feature = "sarif"))]

mod common;

use mlsecops_taxonomy::policy::{Level, Policy, Source};
use mlsecops_taxonomy::{Diagnostic, sarif};

fn verdict(text: &str) -> mlsecops_taxonomy::policy::Verdict {
    // A directory of its own for each call: the tests run in parallel.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    common::verdict_in(&common::fresh_dir("policy-gate", &format!("p{n}")), text)
}

fn lines(findings: &[Diagnostic]) -> Vec<String> {
    findings
        .iter()
        .map(|d| {
            d.to_string()
                .rsplit_once("mlsecops.toml:")
                .unwrap()
                .1
                .to_owned()
        })
        .collect()
}

#[test]
fn a_gate_gates_by_default() {
    let v = verdict("tools = [\"Garak\"]\nrequire = [\"R11-Security\"]\n");
    assert!(v.is_failed());
    assert_eq!(v.findings()[0].level(), Level::Error);
    let v = verdict("tools = [\"Garak\"]\nrequire = [\"R11-Security\"]\ndeny = false\n");
    assert!(!v.is_failed());
    assert_eq!(v.findings()[0].level(), Level::Warning);
}

#[test]
fn an_accepted_risk_passes_and_is_shown() {
    let v = verdict(
        "tools = [\"Garak\"]\nrequire = [\"R11-Security\", \"R17-Security\"]\n\n\
         [[accept]]\nrisk = \"R11-Security\"\nreason = \"models come from our own registry only\"\n\
         expires = 2999-06-30\n",
    );
    assert!(!v.is_failed(), "{:?}", v.findings());
    assert_eq!(
        lines(v.findings()),
        [
            "2:12: note: accepted: R11-Security Fake Model Attacks: would be covered by Model \
          Transparency, Bandit, KitOps, skops and 5 more (models come from our own registry only, \
          until 2999-06-30)"
        ]
    );
    let accepted = &v.findings()[0];
    assert_eq!(
        accepted.acceptance(),
        Some("models come from our own registry only")
    );
    assert_eq!(accepted.related_labels()[0].line(), Some(4));
    // SARIF: the result with its suppression.
    let log: serde_json::Value = serde_json::from_str(&sarif::Log::check(&v).to_json()).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "R11-Security");
    assert_eq!(
        result["suppressions"][0],
        serde_json::json!({"kind": "external", "status": "accepted",
            "justification": "models come from our own registry only"})
    );
}

#[test]
fn an_acceptance_is_any_requirement_form() {
    let v = verdict(
        "tools = [\"Garak\"]\nrequire = [\"model_storage\"]\n\n[[accept]]\nrisk = \"model_storage\"\n\
         reason = \"no model is stored: inference only\"\nexpires = 2999-01-01\n",
    );
    assert!(!v.is_failed(), "{:?}", v.findings());
    assert_eq!(v.findings().len(), 3);
    assert!(v.findings().iter().all(|f| f.acceptance().is_some()));
}

#[test]
fn an_expired_acceptance_reopens_the_risk_at_its_line() {
    let v = verdict(
        "tools = [\"Garak\"]\nrequire = [\"R11-Security\"]\n[[accept]]\nrisk = \"R11-Security\"\n\
         reason = \"until the scanner lands\"\nexpires = 2020-01-31\n",
    );
    assert!(v.is_failed());
    // One open risk, one error: the acceptance's own line is a warning that says why.
    assert_eq!(
        lines(v.findings()),
        [
            "3:1: warning: accept: the acceptance of R11-Security expired on 2020-01-31: the risk \
             is open again (cover it, or renew the acceptance with a new date)",
            "2:12: error: required risk not covered: R11-Security Fake Model Attacks: would be \
             covered by Model Transparency, Bandit, KitOps, skops and 5 more (its acceptance \
             expired on 2020-01-31)",
        ]
    );
    assert_eq!(v.open().to_string(), "R11-Security");
    assert_eq!(v.findings()[1].related_labels()[0].line(), Some(3));
}

/// An expired acceptance used to count twice on standard error ("2 required risks not
/// covered") while the JSON listed one open risk and the Markdown "1 open": every format now
/// counts the open risks, an expired acceptance's risk once.
#[cfg(feature = "cli")]
#[test]
fn every_format_counts_the_open_risks_once() {
    let dir = common::fresh_dir("policy-gate", "expired-count");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tools = [\"Garak\"]\nrequire = [\"R11-Security\", \"R17-Security\"]\n\
         [[accept]]\nrisk = \"R11-Security\"\nreason = \"until the scanner lands\"\n\
         expires = 2020-01-31\n",
    )
    .unwrap();
    let run = |format: &str| {
        let (out, err, code) = common::mlsecops(&dir, &["check", ".", "--format", format]);
        assert_eq!(code, 1, "{format}: {out}{err}");
        assert!(
            err.ends_with("mlsecops.toml: 1 required risk not covered (deny = true)\n"),
            "{format}: {err}"
        );
        out
    };
    let text = run("table");
    assert_eq!(text.matches(": error: ").count(), 1, "{text}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["open"], serde_json::json!(["R11-Security"]));
    assert_eq!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["level"] == "error")
            .count(),
        1
    );
    let markdown = run("markdown");
    assert!(
        markdown.contains("`mlsecops.toml`: 2 required risks, 1 covered, 0 accepted, 1 open."),
        "{markdown}"
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let errors: Vec<&serde_json::Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["level"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{sarif}");
    assert_eq!(errors[0]["ruleId"], "R11-Security");
    let annotations = run("github");
    assert_eq!(annotations.matches("::error ").count(), 1, "{annotations}");
    assert_eq!(
        annotations.matches("::warning ").count(),
        1,
        "{annotations}"
    );
    // One required risk, open: the Markdown summary says it in the singular.
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tools = [\"Garak\"]\nrequire = [\"R11-Security\"]\n",
    )
    .unwrap();
    let markdown = run("markdown");
    assert!(
        markdown.contains("`mlsecops.toml`: 1 required risk, 0 covered, 0 accepted, 1 open."),
        "{markdown}"
    );
}

/// A gate that requires no risk would pass while checking nothing: bad input (exit 2), located
/// at `require` or, without one, at the policy, saying what to add. It used to pass with a
/// warning.
#[cfg(feature = "cli")]
#[test]
fn a_policy_that_requires_nothing_is_bad_input() {
    let dir = common::fresh_dir("policy-gate", "requires-nothing");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    for (file, text, at) in [
        (
            "mlsecops.toml",
            "tools = [\"Garak\"]\n",
            "mlsecops.toml:1:1: error: mlsecops.toml has no require",
        ),
        (
            "mlsecops.toml",
            "detect = true\n",
            "mlsecops.toml:1:1: error: mlsecops.toml has no require",
        ),
        (
            "mlsecops.toml",
            "tools = [\"Garak\"]\n\nrequire = []\n",
            "mlsecops.toml:3:1: error: require is empty",
        ),
        (
            "pyproject.toml",
            "[project]\nname = \"svc\"\n\n[tool.mlsecops]\ntools = [\"Garak\"]\n",
            "pyproject.toml:4:1: error: [tool.mlsecops] has no require",
        ),
    ] {
        let _ = std::fs::remove_file(dir.join("mlsecops.toml"));
        let _ = std::fs::remove_file(dir.join("pyproject.toml"));
        std::fs::write(dir.join(file), text).unwrap();
        let (out, err, code) = common::mlsecops(&dir, &["check", "."]);
        assert_eq!(code, 2, "{text}: {out}{err}");
        assert!(
            err.starts_with(&format!("mlsecops: {at}: the gate would check nothing")),
            "{err}"
        );
        assert!(err.contains("require = [\"R17-Security\"]"), "{err}");
        assert!(err.contains("require = [\"model\"] (a layer"), "{err}");
        assert!(err.contains("`mlsecops init --print`"), "{err}");
        // Every format says it, none passes.
        let (sarif, _, code) = common::mlsecops(&dir, &["check", ".", "--format", "sarif"]);
        assert_eq!(code, 2);
        assert!(sarif.contains("\"executionSuccessful\": false"), "{sarif}");
        let (json, _, code) = common::mlsecops(&dir, &["check", ".", "--format", "json"]);
        assert_eq!(code, 2);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (&doc["passed"], &doc["configuration_error"]),
            (&false.into(), &true.into())
        );
    }
}

#[test]
fn unused_and_endless_acceptances_warn() {
    let v = verdict(
        "tools = [\"Garak\"]\nrequire = [\"R11-Security\", \"R17-Security\"]\n\
         [[accept]]\nrisk = \"R17-Security\"\nreason = \"covered anyway\"\nexpires = 2999-01-01\n\
         [[accept]]\nrisk = \"R11-Security\"\nreason = \"accepted for good\"\n",
    );
    assert!(!v.is_failed());
    let text = lines(v.findings());
    assert_eq!(text.len(), 3, "{text:#?}");
    assert!(
        text[1].starts_with("3:1: warning: accept: R17-Security is no required risk left open"),
        "{text:#?}"
    );
    assert!(
        text[2].starts_with("7:1: warning: accept: the acceptance of R11-Security never expires"),
        "{text:#?}"
    );
}

#[test]
fn an_acceptance_needs_a_reason_and_a_date() {
    for (accept, line, wanted) in [
        ("risk = \"R11-Security\"", 3, "an acceptance needs a reason"),
        (
            "risk = \"R11-Security\"\nreason = \"  \"",
            5,
            "an acceptance needs a reason",
        ),
        (
            "risk = \"R11-Secrity\"\nreason = \"x\"",
            4,
            "did you mean Security?",
        ),
        (
            "risk = \"R11-Security\"\nreason = \"x\"\nexpires = 12:00:00",
            6,
            "expires is a date",
        ),
    ] {
        let v = verdict(&format!(
            "require = [\"R11-Security\"]\n\n[[accept]]\n{accept}\n"
        ));
        assert!(v.is_configuration_error(), "{accept}");
        let f = &v.findings()[0];
        assert!(f.message().contains(wanted), "{accept}: {f}");
        assert_eq!(f.line(), Some(line), "{accept}: {f}");
    }
}

#[test]
fn requirements_by_atlas_and_owasp_id() {
    // AML.T0051 (LLM Prompt Injection) and LLM01:2025: the risks the crosswalk links to them.
    let v = verdict("tools = [\"Garak\"]\nrequire = [\"LLM01:2025\", \"AML.T0051\"]\n");
    let notes: Vec<&Diagnostic> = v
        .findings()
        .iter()
        .filter(|f| f.level() == Level::Note)
        .collect();
    assert_eq!(notes.len(), 2, "{:?}", v.findings());
    assert!(
        notes[0]
            .message()
            .starts_with("require: LLM01:2025 means R8-Security, R17-Security"),
        "{}",
        notes[0]
    );
    // Garak covers R17-Security; no tool covers R8-Security (jailbreaks), which LLM01 also links.
    let open: Vec<&str> = v
        .findings()
        .iter()
        .filter(|f| f.level() == Level::Error)
        .map(|f| f.code())
        .collect();
    assert_eq!(open, ["R8-Security"]);
    // An id no risk links to checks nothing: an error.
    let v = verdict("require = [\"AML.T0000\"]\n");
    assert!(v.is_configuration_error());
    assert!(
        v.findings()[0]
            .message()
            .contains("no risk of the taxonomy links to it"),
        "{}",
        v.findings()[0]
    );
    // An edition-less LLM id is refused, as `show` refuses it: where the editions agree
    // (LLM01 is Prompt Injection in each), the message says so and which ids to write.
    let v = verdict("require = [\"LLM01\"]\n");
    assert!(v.is_configuration_error());
    let m = v.findings()[0].message();
    assert!(
        m.contains("the editions agree on it") && m.contains("write LLM01:2026"),
        "{m}"
    );
    let v = verdict("require = [\"LLM06\"]\n");
    assert!(v.is_configuration_error());
    let m = v.findings()[0].message();
    assert!(m.contains("the editions differ on it"), "{m}");
}

#[cfg(feature = "cli")]
#[test]
fn every_outcome_writes_every_format() {
    let dir = common::fresh_dir("policy-gate", "outcomes");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlsecops"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        (
            String::from_utf8(out.stdout).unwrap(),
            out.status.code().unwrap(),
        )
    };
    for (policy, what) in [
        (Some("tols = [\"Garak\"]\n"), "an unknown key"),
        (Some("deny = \"yes\"\n"), "a wrong type"),
        (Some("require = [\n"), "a TOML syntax error"),
        (None, "no policy"),
    ] {
        let _ = std::fs::remove_file(dir.join("mlsecops.toml"));
        if let Some(text) = policy {
            std::fs::write(dir.join("mlsecops.toml"), text).unwrap();
        }
        let (sarif, code) = run(&["check", ".", "--format", "sarif"]);
        assert_eq!(code, 2, "{what}");
        let log: serde_json::Value =
            serde_json::from_str(&sarif).unwrap_or_else(|e| panic!("{what}: {e}: {sarif}"));
        assert_eq!(
            log["runs"][0]["invocations"][0]["executionSuccessful"], false,
            "{what}"
        );
        assert_eq!(log["runs"][0]["results"][0]["ruleId"], "policy", "{what}");
        let (annotations, code) = run(&["check", ".", "--format", "github"]);
        assert_eq!(code, 2, "{what}");
        assert!(annotations.starts_with("::error "), "{what}: {annotations}");
        if policy.is_some() {
            // Paths relative to the repository's root, with `/` and no `./`.
            assert!(
                annotations.contains("file=mlsecops.toml,"),
                "{what}: {annotations}"
            );
            let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"];
            assert_eq!(uri, "mlsecops.toml", "{what}");
        }
    }
}

#[cfg(all(feature = "cli", feature = "schema"))]
#[test]
fn the_verdict_as_a_document_and_a_summary() {
    let dir = common::fresh_dir("policy-gate", "document");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tools = [\"Garak\"]\nrequire = [\"R11-Security\", \"R12-Security\", \"R17-Security\"]\n\
         detect = true\n\
         [[accept]]\nrisk = \"R12-Security\"\nreason = \"signed in our pipeline\"\nexpires = 2999-01-01\n",
    )
    .unwrap();
    std::fs::write(dir.join("requirements.txt"), "numpy\ngarak==0.9.0.16\n").unwrap();
    let run = |format: &str| {
        let (out, _, code) = common::mlsecops(&dir, &["check", ".", "--format", format]);
        (out, code)
    };
    let (json, code) = run("json");
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let schema = mlsecops_taxonomy::schema::check_schema();
    let validator = jsonschema::draft202012::new(schema.as_value()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["policy"], "mlsecops.toml");
    assert_eq!(doc["open"], serde_json::json!(["R11-Security"]));
    assert_eq!(doc["accepted"], serde_json::json!(["R12-Security"]));
    assert_eq!(doc["covered"], serde_json::json!(["R17-Security"]));
    // What shows each tool: the policy names Garak, and requirements.txt depends on it.
    assert_eq!(
        doc["evidence"],
        serde_json::json!([
            {"tool": "Garak", "file": "mlsecops.toml", "line": 1, "what": "named in the policy"},
            {"tool": "Garak", "file": "requirements.txt", "line": 2, "what": "pkg:pypi/garak (direct)"},
        ])
    );
    let (markdown, code) = run("markdown");
    assert_eq!(code, 1);
    assert!(
        markdown.starts_with("## MLSecOps check: FAILED\n"),
        "{markdown}"
    );
    assert!(markdown.contains("| R11-Security Fake Model Attacks | open | `mlsecops.toml:2:12` required risk not covered"), "{markdown}");
    assert!(
        markdown.contains("| R12-Security Incomplete Model Artifacts | accepted |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| R17-Security API Abuse & Injection | covered |"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "| Garak | `mlsecops.toml:1` named in the policy<br>`requirements.txt:2` pkg:pypi/garak (direct) |"
        ),
        "{markdown}"
    );
    // A policy that cannot be read: both documents still written.
    std::fs::write(dir.join("mlsecops.toml"), "tols = 1\n").unwrap();
    let (json, code) = run("json");
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(validator.iter_errors(&doc).next().is_none());
    assert_eq!(doc["configuration_error"], true);
    let (markdown, _) = run("markdown");
    assert!(
        markdown.starts_with("## MLSecOps check: the policy cannot be checked"),
        "{markdown}"
    );
}

#[test]
fn discovery_says_what_it_found() {
    let dir = common::fresh_dir("policy-gate", "discovery");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    // Two policies: the documented order decides, and the other is named.
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tools = [\"Garak\"]\nrequire = [\"R17-Security\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("pyproject.toml"),
        "[project]\nname = \"x\"\n\n[tool.mlsecops]\nrequire = [\"all\"]\n",
    )
    .unwrap();
    let verdict = Policy::discover(&dir).unwrap().evaluate();
    assert!(!verdict.is_failed(), "{:?}", verdict.findings());
    let w = &verdict.findings()[0];
    assert_eq!(w.level(), Level::Warning);
    assert_eq!(w.file(), Some("pyproject.toml"));
    assert_eq!(w.line(), Some(4));
    assert!(w.message().starts_with("another policy, not read"), "{w}");
    // [mlsecops] in pyproject.toml, [tool.mlsecops] in mlsecops.toml: said plainly.
    std::fs::remove_file(dir.join("mlsecops.toml")).unwrap();
    std::fs::write(
        dir.join("pyproject.toml"),
        "[mlsecops]\nrequire = [\"all\"]\n",
    )
    .unwrap();
    let err = Policy::discover(&dir).unwrap_err();
    assert!(
        err.message().contains("the policy is [tool.mlsecops]"),
        "{err}"
    );
    std::fs::remove_file(dir.join("pyproject.toml")).unwrap();
    std::fs::write(
        dir.join("mlsecops.toml"),
        "[tool.mlsecops]\nrequire = [\"all\"]\n",
    )
    .unwrap();
    let err = Policy::discover(&dir).unwrap_err();
    assert!(
        err.message().contains("mlsecops.toml is the policy itself"),
        "{err}"
    );
    // A policy file given for the directory is read; a missing directory says so.
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tools = [\"Garak\"]\nrequire = [\"R17-Security\"]\n",
    )
    .unwrap();
    assert!(
        !Policy::discover(dir.join("mlsecops.toml"))
            .unwrap()
            .evaluate()
            .is_failed()
    );
    let err = Policy::discover(dir.join("nope")).unwrap_err();
    assert!(err.message().contains("does not exist"), "{err}");
    // Every key error at once.
    std::fs::write(
        dir.join("mlsecops.toml"),
        "tols = [\"Garak\"]\ndeny = \"yes\"\nrequire = 1\n",
    )
    .unwrap();
    let err = Policy::discover(&dir).unwrap_err();
    let lines: Vec<Option<usize>> = err.diagnostics().iter().map(|d| d.line()).collect();
    assert_eq!(lines, [Some(1), Some(2), Some(3)], "{err}");
}

#[cfg(feature = "cli")]
#[test]
fn init_writes_a_policy_that_holds_today_and_lists_what_is_open() {
    let dir = common::fresh_dir("policy-gate", "init");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join("requirements.txt"), "garak==0.17.1\nmodelscan\n").unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mlsecops"))
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        (
            String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
            out.status.code().unwrap(),
        )
    };
    // `--print` shows the policy and writes nothing.
    let (printed, code) = run(&["init", ".", "--print"]);
    assert_eq!(code, 0, "{printed}");
    assert!(!dir.join("mlsecops.toml").exists());
    let (out, code) = run(&["init", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Garak, ModelScan"), "{out}");
    let text = std::fs::read_to_string(dir.join("mlsecops.toml")).unwrap();
    assert_eq!(printed, text);
    assert!(
        text.contains("detect = true\n") && text.contains("deny = true\n"),
        "{text}"
    );
    // No acceptance is written: that is a person's decision.
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("[[accept]]")),
        "{text}"
    );
    assert!(
        text.contains("#   R11-Security Fake Model Attacks\n"),
        "{text}"
    );
    // It holds today: check passes on it.
    let (out, code) = run(&["check", "."]);
    assert_eq!(code, 0, "{out}");
    // Never over a policy; printed beside one, as a proposal to compare it with.
    let (out, code) = run(&["init", "."]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("already holds a policy"), "{out}");
    let (out, code) = run(&["init", ".", "--print"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&printed)
            && out.ends_with("already holds a policy (mlsecops.toml): the policy printed is a proposal, nothing is written\n"),
        "{out}"
    );
    // Into pyproject.toml: appended, the file's own text kept.
    std::fs::remove_file(dir.join("mlsecops.toml")).unwrap();
    let pyproject = "[project]\nname = \"svc\"  # the service\n";
    std::fs::write(dir.join("pyproject.toml"), pyproject).unwrap();
    let (out, code) = run(&["init", ".", "--pyproject"]);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(dir.join("pyproject.toml")).unwrap();
    assert!(text.starts_with(pyproject), "{text}");
    assert!(
        text.contains("\n[tool.mlsecops]\n# Written by `mlsecops init`"),
        "{text}"
    );
    let (out, code) = run(&["check", "."]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_registry_package_detection_does_not_read_is_noted() {
    let dir = common::fresh_dir("policy-gate", "other-purl");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join("tools.json"),
        r#"{"tools": [{"name": "Our Scanner", "risks": ["R14-Security"], "packages": ["pkg:maven/org.example/scanner", "pkg:githubactions/org/scan-action", "pkg:github/org/scan"]}]}"#,
    )
    .unwrap();
    let text =
        "registry = \"tools.json\"\ntools = [\"Our Scanner\"]\nrequire = [\"R14-Security\"]\n";
    let v = Policy::from_text(
        dir.join("mlsecops.toml"),
        Source::MlsecopsToml,
        text.to_owned(),
    )
    .unwrap()
    .unwrap()
    .evaluate();
    assert!(!v.is_failed(), "{:?}", v.findings());
    // Only the type detection does not read is noted; GitHub repositories (also written
    // `pkg:githubactions/`) are read from workflows.
    assert_eq!(v.findings().len(), 1, "{:?}", v.findings());
    let note = &v.findings()[0];
    assert_eq!(note.level(), Level::Note);
    assert!(
        note.message()
            .contains("pkg:maven/org.example/scanner: detection does not read maven packages"),
        "{note}"
    );
}

#[test]
fn the_required_risks_are_those_the_requirements_name() {
    let v = verdict("tools = [\"Garak\"]\nrequire = [\"R9-Security\", \"data-storage\"]\n");
    assert_eq!(
        v.required().to_string(),
        "R5-Security, R6-Security, R7-Security, R9-Security, R4-Privacy"
    );
    // A policy that cannot be checked requires nothing it could be judged by.
    let v = verdict("tools = [\"Garak\"]\nrequire = [\"R24-Security\"]\n");
    assert!(v.is_configuration_error());
    assert!(v.required().is_empty());
}

#[test]
fn a_policy_errors_fingerprint_ignores_the_numbers_in_its_message() {
    // The same mistake with another number is the same result for code scanning.
    let dir = common::fresh_dir("policy-gate", "fingerprints");
    let print = |code: &str| {
        let v = common::verdict_in(
            &dir,
            &format!("tools = [\"Garak\"]\nrequire = [\"{code}\"]\n"),
        );
        assert!(v.is_configuration_error());
        let log: serde_json::Value =
            serde_json::from_str(&sarif::Log::check(&v).to_json()).unwrap();
        log["runs"][0]["results"][0]["partialFingerprints"].clone()
    };
    assert_eq!(print("R24-Security"), print("R25-Security"));
    assert_ne!(print("R24-Security"), print("R24-Securty"));
}

#[test]
fn a_bad_registry_file_is_reported_in_that_file() {
    let dir = common::fresh_dir("policy-gate", "registry");
    common::write_file(
        &dir,
        "ours.json",
        "{\"tools\": [\n  {\"name\": \"Scanner\", \"risks\": [\"R24-Security\"]}\n]}",
    );
    let v = common::verdict_in(
        &dir,
        "tools = [\"Garak\"]\nrequire = [\"R9-Security\"]\nregistry = \"ours.json\"\n",
    );
    assert!(v.is_configuration_error());
    let found: Vec<String> = v
        .findings()
        .iter()
        .map(|d| {
            format!(
                "{}:{}: {}",
                d.file().unwrap().rsplit('/').next().unwrap(),
                d.line().unwrap(),
                d.message()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "ours.json:2: tool 0 (\"Scanner\"), field \"risks\": \"R24-Security\": Security risks are R1 to R23"
        ]
    );
    assert_eq!(v.findings()[0].related_labels()[0].line(), Some(3));
}

#[test]
fn a_policy_says_which_bases_of_mapping_count() {
    let policy = |basis: &str| {
        format!(
            "tools = [\"Trivy\", \"Hadolint\"]\nrequire = [\"R14-Security\", \"R15-Security\"]\n{basis}"
        )
    };
    // By default every basis counts, and the verdict says so.
    let all = verdict(&policy(""));
    assert!(!all.is_failed(), "{:?}", all.findings());
    assert_eq!(all.bases(), mlsecops_taxonomy::Basis::ALL);
    // The source's table has neither tool: both risks open.
    let source = verdict(&policy("basis = [\"source\"]\n"));
    assert!(source.is_failed());
    assert_eq!(
        source
            .findings()
            .iter()
            .filter_map(|f| f.risk())
            .map(|r| r.code())
            .collect::<Vec<_>>(),
        ["R14-Security", "R15-Security"]
    );
    // Trivy's own docs state both (tests/data/curated/infra/mappings.tsv).
    let stated = verdict(&policy("basis = [\"stated\"]\n"));
    assert!(!stated.is_failed(), "{:?}", stated.findings());
    let by = stated.covered_by();
    assert!(
        by.iter()
            .all(|c| c.tool == "Trivy" && c.basis == mlsecops_taxonomy::Basis::Stated),
        "{by:?}"
    );
    assert_eq!(by.len(), 2);
    assert!(by[0].quote.as_deref().unwrap().contains("container images"));
    assert!(
        by[0]
            .source
            .as_deref()
            .unwrap()
            .starts_with("aquasecurity/trivy@dc3c56e:")
    );
    let report = stated.report("mlsecops.toml");
    assert_eq!(report.bases, [mlsecops_taxonomy::Basis::Stated]);
    assert!(report.to_markdown().contains("Mappings counted: stated"));
    // Only Hadolint's judged mappings: both covered by Hadolint alone.
    let judged = verdict(&policy("basis = [\"judged\"]\n"));
    assert!(judged.covered_by().iter().all(|c| c.tool == "Hadolint"));
    // Bad values: located, with the closest.
    let bad = verdict(&policy("basis = [\"stat\", \"Judged\"]\n"));
    assert!(bad.is_configuration_error());
    let shown = lines(bad.findings());
    assert!(shown[0].starts_with("3:10: error: basis: "), "{shown:?}");
    assert!(shown[0].contains("stated"), "{shown:?}");
    assert!(
        shown[1].contains(r#""Judged" is written "judged""#),
        "{shown:?}"
    );
    let empty = verdict(&policy("basis = []\n"));
    assert!(empty.is_configuration_error());
    assert!(lines(empty.findings())[0].contains("an empty list counts no tool's mapping"));
}

/// The rows of one of `init`'s tables (`src/bin/mlsecops/commands/init/*.tsv`), header skipped.
#[cfg(feature = "cli")]
fn init_table(name: &str) -> Vec<Vec<String>> {
    let path = format!(
        "{}/src/bin/mlsecops/commands/init/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// `init` never writes an empty `require`: with no tool found, it requires the risks of what the
/// project is (by the marker packages of `kinds.tsv`), or a small default set, with why and the
/// tools that would cover them as comments; `check` on it fails until tools cover them.
#[cfg(feature = "cli")]
#[test]
fn init_without_tools_requires_what_the_project_is() {
    let kinds = init_table("kinds.tsv");
    let risks = init_table("risks.tsv");
    let required = |kind: &str| -> Vec<String> {
        risks
            .iter()
            .filter(|r| r[0] == kind)
            .map(|r| r[1].clone())
            .collect()
    };
    let dir = common::fresh_dir("policy-gate", "init-kinds");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let print = |files: &[(&str, &str)]| {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::remove_file(path).unwrap();
            }
        }
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let (out, err, code) = common::mlsecops(&dir, &["init", ".", "--print"]);
        assert_eq!(code, 0, "{files:?}: {out}{err}");
        out
    };
    // Every marker of every kind gives its kind; a container kind needs its Dockerfile.
    for kind in &kinds {
        let (what, container) = (&kind[1], kind[2] == "yes");
        for marker in kind[3].split_whitespace() {
            let package: mlsecops_taxonomy::Package = marker.parse().unwrap();
            let name = package.name();
            let manifest = match package.ecosystem().unwrap() {
                mlsecops_taxonomy::Ecosystem::PyPi => ("requirements.txt", format!("{name}\n")),
                mlsecops_taxonomy::Ecosystem::Npm => (
                    "package.json",
                    format!("{{\"name\": \"app\", \"dependencies\": {{\"{name}\": \"1\"}}}}"),
                ),
                mlsecops_taxonomy::Ecosystem::Cargo => (
                    "Cargo.toml",
                    format!("[package]\nname = \"app\"\n\n[dependencies]\n{name} = \"1\"\n"),
                ),
                other => panic!("{marker}: no manifest for {other:?}"),
            };
            let mut files = vec![(manifest.0, manifest.1.as_str())];
            if container {
                let without = print(&files);
                assert!(
                    !without.contains(&format!("#   {what}: ")),
                    "{marker}: {without}"
                );
                files.push(("Dockerfile", "FROM python:3.12\n"));
            }
            let out = print(&files);
            assert!(
                out.contains(&format!("#   {what}: {name} (")),
                "{marker}: {out}"
            );
            let codes: Vec<String> = required(&kind[0])
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect();
            for code in codes {
                let line = out.lines().find(|l| l.starts_with("require = [")).unwrap();
                assert!(line.contains(&code), "{marker}: {code} in {line}");
            }
        }
    }
    // No known kind: the default set, never `require = []`.
    let out = print(&[("requirements.txt", "numpy\n")]);
    let defaults: Vec<String> = required("default")
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    assert!(
        out.contains(&format!("\nrequire = [{}]\n", defaults.join(", "))),
        "{out}"
    );
    assert!(
        out.contains("so the policy requires a small default set"),
        "{out}"
    );
    let out = print(&[]);
    assert!(
        out.contains(&format!("\nrequire = [{}]\n", defaults.join(", "))),
        "{out}"
    );
    // Two kinds: the union, each risk with why, and the tools that would cover them.
    let out = print(&[("requirements.txt", "openai\ntorch\n")]);
    assert!(
        out.contains("#   an application calling an LLM: openai (requirements.txt:1)\n"),
        "{out}"
    );
    assert!(
        out.contains("#   a training project: torch (requirements.txt:2)\n"),
        "{out}"
    );
    assert!(
        out.contains("#   R8-Security Bias & Jailbreak Risks: jailbreak prompts are adversarial"),
        "{out}"
    );
    // The fewest tools a project can adopt, PyPI ones and actions first: every risk of the two
    // kinds has one.
    assert!(
        out.contains("#   promptfoo: R8-Security, R17-Security, R5-Privacy, R6-Privacy\n"),
        "{out}"
    );
    assert!(
        !out.contains("# No tool of the registry covers the others;"),
        "{out}"
    );
    assert!(!out.contains("require = []"), "{out}");
    // Written, the policy fails `check` with the risks open (exit 1), not as bad input.
    std::fs::write(dir.join("requirements.txt"), "openai\n").unwrap();
    let (out, err, code) = common::mlsecops(&dir, &["init", "."]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("a policy requiring the 6 risks an application calling an LLM faces"),
        "{out}"
    );
    let (out, err, code) = common::mlsecops(&dir, &["check", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("6 required risks not covered"), "{err}");
    // Once a tool covers some, init requires what it covers and names what the kind still faces.
    std::fs::remove_file(dir.join("mlsecops.toml")).unwrap();
    std::fs::write(dir.join("requirements.txt"), "openai\ngarak\n").unwrap();
    let out = print(&[("requirements.txt", "openai\ngarak\n")]);
    assert!(out.contains("# Covered today by Garak"), "{out}");
    assert!(
        out.contains(
            "# The dependencies show an application calling an LLM; such a project also faces"
        ),
        "{out}"
    );
    assert!(
        out.contains("#   R21-Security Insecure API Integration: "),
        "{out}"
    );
}

/// The book's page of `init` shows its tables as `kinds.tsv` and `risks.tsv` hold them.
#[cfg(feature = "cli")]
#[test]
fn the_init_page_shows_the_kinds_and_their_risks() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/src/commands/init.md"
    ))
    .unwrap();
    let mut kinds =
        String::from("| kind | shown by (direct dependencies) | requires |\n|---|---|---|\n");
    let risks = init_table("risks.tsv");
    let codes = |kind: &str| {
        risks
            .iter()
            .filter(|r| r[0] == kind)
            .map(|r| format!("`{}`", r[1]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for kind in init_table("kinds.tsv") {
        let mut by_ecosystem: Vec<(String, Vec<String>)> = Vec::new();
        for marker in kind[3].split_whitespace() {
            let p: mlsecops_taxonomy::Package = marker.parse().unwrap();
            let e = p.ecosystem().unwrap().name().to_owned();
            match by_ecosystem.iter_mut().find(|(x, _)| *x == e) {
                Some((_, names)) => names.push(format!("`{}`", p.name())),
                None => by_ecosystem.push((e, vec![format!("`{}`", p.name())])),
            }
        }
        let shown: Vec<String> = by_ecosystem
            .iter()
            .map(|(e, names)| format!("{e}: {}", names.join(", ")))
            .collect();
        let container = if kind[2] == "yes" {
            ", with a Dockerfile or Containerfile"
        } else {
            ""
        };
        kinds.push_str(&format!(
            "| {} | {}{container} | {} |\n",
            kind[1],
            shown.join("; "),
            codes(&kind[0])
        ));
    }
    kinds.push_str(&format!(
        "| none of these (the default) | - | {} |\n",
        codes("default")
    ));
    assert!(
        page.contains(&kinds),
        "the page's table, as the files give it:\n{kinds}"
    );
    let mut why =
        String::from("| kind | risk | why (the written policy's comment) |\n|---|---|---|\n");
    for r in &risks {
        why.push_str(&format!("| {} | `{}` | {} |\n", r[0], r[1], r[2]));
    }
    assert!(
        page.contains(&why),
        "the page's table, as the files give it:\n{why}"
    );
}
