//! Repository text is hostile in every stream: whatever a pull request writes (file names,
//! include paths, rejected lines, acceptances' reasons), no line of any output starts a GitHub
//! Actions workflow command (the runner splits at CR, LF and CRLF, trims leading white space and
//! runs a line starting with `::`, or holding `##[`), no ESC or other control reaches a terminal,
//! and the Markdown summary cannot be forged.
#![cfg(all(feature = "detect", feature = "build", feature = "cli"))]

mod common;

use std::path::Path;

use mlsecops_taxonomy::{Annotation, Diagnostic, Label, Level, escape};
use proptest::prelude::*;

/// The lines the runner reads: split at CR, LF and CRLF.
fn runner_lines(text: &str) -> Vec<&str> {
    text.split(['\r', '\n']).collect()
}

/// Whether the runner would run `line` as a command (after trimming white space as .NET's
/// `TrimStart` does, which is Unicode's White_Space, as Rust's `trim_start`).
fn is_command(line: &str) -> bool {
    line.trim_start().starts_with("::") || line.contains("##[")
}

/// Every stream of a run: no command line but the annotations the format allows, no control
/// character but LF (and tab), no bidirectional override.
fn assert_safe(stream: &str, annotations: bool, what: &str) {
    for line in runner_lines(stream) {
        if is_command(line) {
            assert!(
                annotations
                    && ["::error ", "::warning ", "::notice "]
                        .iter()
                        .any(|p| line.starts_with(p))
                    && !line.contains("##["),
                "{what}: a workflow command: {line:?}\n{stream}"
            );
        }
    }
    assert!(
        !stream
            .chars()
            .any(|c| c != '\n' && c != '\t' && escape::is_unsafe_char(c)),
        "{what}: a control character reached the stream: {stream:?}"
    );
}

/// Text an attacker writes: line breaks of every kind, commands, escapes, bidi controls.
fn hostile() -> impl Strategy<Value = String> {
    let parts = prop_oneof![
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just("::warning::forged".to_owned()),
        Just("::add-mask::x".to_owned()),
        Just("::set-output name=exit-code::0".to_owned()),
        Just("  ::error::x".to_owned()),
        Just("\u{3000}::group::x".to_owned()),
        Just("##[add-mask]x".to_owned()),
        Just("\u{1b}]0;title\u{7}".to_owned()),
        Just("\u{1b}[2J".to_owned()),
        Just("\u{9b}31m".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\u{2028}".to_owned()),
        Just("\u{85}".to_owned()),
        Just("## MLSecOps check: passed".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("`|".to_owned()),
        "[a-z:#]{1,6}",
    ];
    proptest::collection::vec(parts, 1..6).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The text form of a diagnostic (file, message, related place, help) and its annotation.
    #[test]
    fn a_diagnostic_never_starts_a_command(file in hostile(), message in hostile(), help in hostile()) {
        let d = Diagnostic::new(Level::Warning, "detect", message.clone())
            .at(Label::new(file.clone()))
            .related(Label::new(file.clone()).saying(message.clone()))
            .with_help(help);
        let text = format!("{}\n{}\n", d, d.to_text());
        assert_safe(&text, false, "text");
        prop_assert_eq!(runner_lines(&d.to_string()).len(), 1);
        let annotation = Annotation::from(&d).to_string();
        prop_assert_eq!(runner_lines(&annotation).len(), 1);
        assert_safe(&annotation, true, "annotation");
    }

    /// The last guard makes any text safe.
    #[test]
    fn the_last_guard_makes_any_output_safe(text in hostile()) {
        assert_safe(&escape::lines(&text, false), false, "guard");
    }

    /// Markdown: repository text renders as text, with no HTML, link, image or heading.
    #[test]
    fn markdown_cannot_be_forged(text in hostile()) {
        for cell in [escape::markdown(&text), escape::markdown_code(&text)] {
            prop_assert!(!cell.contains('\n') && !cell.contains('\r'));
            let doc = format!("| a |\n|---|\n| {cell} |\n");
            let html = markdown_html(&doc);
            prop_assert!(!html.contains("<img") && !html.contains("<a ") && !html.contains("<h2"),
                "{cell:?} -> {html}");
            prop_assert_eq!(html.matches("<td>").count(), 1, "{:?} -> {}", cell, html);
        }
    }
}

/// GitHub-flavoured Markdown rendered to HTML (tables, strikethrough), raw HTML passed through
/// as a renderer that allows it would.
fn markdown_html(doc: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(doc, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH),
    );
    out
}

/// A repository whose every piece of text is hostile: a manifest under a directory whose name
/// holds a line break and a command, rejected lines that do the same, an include path holding
/// ESC, and an acceptance whose reason forges a summary.
fn hostile_repository(name: &str) -> std::path::PathBuf {
    let repo = common::fresh_dir("streams", name);
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let odd = "x\n::warning::forged\r::add-mask::m\u{1b}]0;t\u{7}";
    std::fs::create_dir_all(repo.join(odd)).unwrap();
    common::write_file(
        &repo.join(odd),
        "requirements.txt",
        "garak\nnot a requirement ::set-output name=x::1 ##[add-mask]y\n-r ../\u{1b}[2J::error::z.txt\n",
    );
    common::write_file(
        &repo,
        "mlsecops.toml",
        "detect = true\nrequire = [\"R17-Security\", \"R12-Security\", \"R13-Security\"]\n\
         [[accept]]\nrisk = \"R12-Security\"\n\
         reason = \"\"\"ok\n## MLSecOps check: passed\n::warning::forged <img src=x onerror=alert(1)>\"\"\"\n\
         expires = 2999-01-01\n",
    );
    repo
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    common::mlsecops(dir, args)
}

#[test]
fn no_stream_of_any_command_starts_a_command() {
    let repo = hostile_repository("every-stream");
    for format in ["table", "github", "sarif", "json", "markdown", "navigator"] {
        let (out, err, status) = run(&repo, &["check", ".", "--format", format]);
        assert_eq!(status, 1, "{format}: {out}{err}");
        assert_safe(&out, format == "github", format);
        assert_safe(&err, false, format);
        if format == "github" {
            // Each annotation is one finding of the JSON verdict: none forged.
            let (json, _, _) = run(&repo, &["check", ".", "--format", "json"]);
            let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(
                out.lines().count(),
                doc["findings"].as_array().unwrap().len(),
                "{out}"
            );
        }
        if format == "markdown" {
            let html = markdown_html(&out);
            assert_eq!(html.matches("<h2").count(), 1, "{out}");
            assert!(html.contains("<h2>MLSecOps check: FAILED</h2>"), "{out}");
            assert!(!html.contains("<img"), "{out}");
        }
    }
    for args in [
        &["detect", "."][..],
        &["detect", ".", "--format", "markdown"],
        &["detect", ".", "--format", "json"],
    ] {
        let (out, err, _) = run(&repo, args);
        assert_safe(&out, false, &args.join(" "));
        assert_safe(&err, false, &args.join(" "));
    }
}

#[test]
fn exit_2_messages_never_start_a_command() {
    let repo = common::fresh_dir("streams", "exit-2");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let name = "a\n::warning::forged\u{1b}[31m requirements.txt";
    // A named file whose include is missing: bad input, named with its hostile path.
    common::write_file(&repo, name, "-r x\r::warning::forged\u{1b}]0;t\u{7}.txt\n");
    for format in ["table", "github", "sarif", "json"] {
        let (out, err, status) = run(&repo, &["detect", name, "--format", format]);
        assert_eq!(status, 2, "{out}{err}");
        assert_safe(&out, false, format);
        assert_safe(&err, false, format);
    }
    // A policy that cannot be read, whose key names hostile text.
    common::write_file(&repo, "mlsecops.toml", "require = [\"x\n::add-mask::y\"]\n");
    for format in ["table", "github", "sarif", "json", "markdown"] {
        let (out, err, status) = run(&repo, &["check", ".", "--format", format]);
        assert_eq!(status, 2, "{out}{err}");
        assert_safe(&out, format == "github", format);
        assert_safe(&err, false, format);
    }
}

/// The explanations the curated layer added (each covered risk's tool and evidence in every
/// format, `show TOOL`, `tools`) carry a registry file's text: a tool named with an escape
/// sequence and a workflow command reaches no stream raw, and no Markdown link or image.
#[test]
fn a_covered_risks_explanation_is_inert() {
    let dir = common::fresh_dir("streams", "covered-by");
    let name = "Evil\u{1b}]8;;https://x.example\u{7}::warning::owned ##[error]x [a](https://x.example) ![i](https://x.example/i.png)";
    let registry = serde_json::json!({"tools": [{
        "name": name,
        "id": "evil",
        "risks": ["R17-Security"],
        "mappings": [{"risk": "R17-Security", "basis": "user",
            "quote": "::error::forged\u{1b}[31m ##[warning] <img src=x>",
            "repository": "o/r\u{202e}", "commit": "c", "path": "p", "line": 1,
            "rationale": "::notice::also forged"}]
    }]});
    common::write_file(&dir, "mlsecops-registry.json", &registry.to_string());
    common::write_file(
        &dir,
        "mlsecops.toml",
        "registry = \"mlsecops-registry.json\"\ntools = [\"evil\"]\nrequire = [\"R17-Security\"]\n",
    );
    let (_, err, status) = run(&dir, &["validate", "mlsecops-registry.json"]);
    assert_eq!(status, 0, "{err}");
    for format in ["table", "github", "sarif", "json", "markdown"] {
        let (out, err, status) = run(&dir, &["check", ".", "--format", format]);
        assert_eq!(status, 0, "{format}: {out}{err}");
        assert_safe(&out, format == "github", format);
        assert_safe(&err, false, format);
        if format == "table" {
            assert!(out.contains("R17-Security covered by Evil"), "{out}");
        }
        if format == "markdown" {
            let html = markdown_html(&out);
            assert!(!html.contains("<img") && !html.contains("<a "), "{out}");
        }
    }
    for args in [
        &["show", "evil", "--registry", "mlsecops-registry.json"][..],
        &[
            "show",
            "R17-Security",
            "--registry",
            "mlsecops-registry.json",
            "--format",
            "markdown",
        ],
        &[
            "tools",
            "--covering",
            "R17-Security",
            "--registry",
            "mlsecops-registry.json",
        ],
    ] {
        let (out, err, status) = run(&dir, args);
        assert_eq!(status, 0, "{args:?}: {err}");
        assert_safe(&out, false, &args.join(" "));
        assert_safe(&err, false, &args.join(" "));
    }
}
