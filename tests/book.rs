//! The book and the README show what the command prints: every `$ mlsecops ...` line of a
//! ```` ```console ```` block is run from the repository's root and its output (standard output,
//! then standard error) compared with the lines below it. Every subcommand has its page, and
//! every page is in the book's summary.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every page of the book.
fn pages() -> Vec<PathBuf> {
    common::doc_pages()
}

/// `(page, command line, expected output)` of every console block.
fn examples() -> Vec<(PathBuf, String, String)> {
    let mut out = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let mut block: Option<Vec<&str>> = None;
        for line in text.lines() {
            match &mut block {
                None if line == "```console" => block = Some(Vec::new()),
                None => {}
                Some(lines) if line == "```" => {
                    let mut current: Option<(String, Vec<&str>)> = None;
                    for l in lines.drain(..) {
                        if let Some(command) = l.strip_prefix("$ ") {
                            if let Some((c, o)) = current.take() {
                                out.push((page.clone(), c, o.join("\n")));
                            }
                            current = Some((command.to_owned(), Vec::new()));
                        } else if let Some((_, o)) = &mut current {
                            o.push(l);
                        }
                    }
                    if let Some((c, o)) = current.take() {
                        out.push((page.clone(), c, o.join("\n")));
                    }
                    block = None;
                }
                Some(lines) => lines.push(line),
            }
        }
        assert!(
            block.is_none(),
            "{}: a console block is not closed",
            page.display()
        );
    }
    out
}

/// What a console line prints: standard output, then standard error, final newlines taken away.
fn run(page: &Path, command: &str) -> String {
    // `printf 'text' | mlsecops ...` gives the text on standard input.
    let (input, line) = match command.strip_prefix("printf '") {
        Some(rest) => {
            let (text, line) = rest.split_once("' | ").expect("printf '...' | mlsecops");
            (Some(text.replace("\\n", "\n")), line)
        }
        None => (None, command),
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(words[0], "mlsecops", "{}: {command}", page.display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_mlsecops"))
        .args(&words[1..])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(input.unwrap_or_default().as_bytes())
            .unwrap();
    }
    let output = child.wait_with_output().unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    printed.trim_end_matches('\n').to_owned()
}

/// Rewrites every console block of `page` with what its commands print now: for
/// `MLSECOPS_BLESS=1 cargo test --test book`, after a change of output, to review with `git diff`.
fn bless(page: &Path) {
    let text = std::fs::read_to_string(page).unwrap();
    let mut out = String::new();
    let mut in_block = false;
    let mut skipping = false;
    for line in text.lines() {
        if !in_block {
            in_block = line == "```console";
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if line == "```" {
            in_block = false;
            skipping = false;
            out.push_str(line);
            out.push('\n');
        } else if let Some(command) = line.strip_prefix("$ ") {
            out.push_str(line);
            out.push('\n');
            let printed = run(page, command);
            if !printed.is_empty() {
                out.push_str(&printed);
                out.push('\n');
            }
            skipping = true;
        } else if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    std::fs::write(page, out).unwrap();
}

#[test]
fn every_console_example_prints_what_the_page_shows() {
    if std::env::var_os("MLSECOPS_BLESS").is_some() {
        pages().iter().for_each(|p| bless(p));
    }
    let examples = examples();
    assert!(examples.len() >= 20, "{} examples", examples.len());
    for (page, command, expected) in examples {
        assert_eq!(
            run(&page, &command),
            expected,
            "{}: `{command}` prints otherwise (MLSECOPS_BLESS=1 rewrites the pages)",
            page.display()
        );
    }
}

#[test]
fn every_subcommand_has_its_page_and_every_page_is_in_the_summary() {
    let help = Command::new(env!("CARGO_BIN_EXE_mlsecops"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert_eq!(commands.len(), 15, "{commands:?}");
    let summary = std::fs::read_to_string(root().join("docs/src/SUMMARY.md")).unwrap();
    for command in &commands {
        let page = root().join(format!("docs/src/commands/{command}.md"));
        let text = std::fs::read_to_string(&page)
            .unwrap_or_else(|_| panic!("no page for `mlsecops {command}`"));
        assert!(
            text.contains(&format!("$ mlsecops {command} -h\n")),
            "{command}: the page shows no help"
        );
    }
    for page in pages()
        .iter()
        .filter(|p| p.starts_with(root().join("docs/src")))
    {
        let name = page
            .strip_prefix(root().join("docs/src"))
            .unwrap()
            .display()
            .to_string()
            .replace('\\', "/");
        if name != "SUMMARY.md" {
            assert!(
                summary.contains(&format!("]({name})")),
                "{name} is not in SUMMARY.md"
            );
        }
    }
}
