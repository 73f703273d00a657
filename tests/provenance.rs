//! Where every test input comes from. Each file under a fixture's `project/`
//! (`tests/fixtures/<kind>/<fixture>/project/`) is named in the fixture's `SOURCES.md`, by an entry
//! that says it is hand-made, or gives the repository, a commit (40 hex digits) and the licence, or,
//! for text quoted from an issue, the issue's address and the terms it is posted under. The files
//! beside a `tests/data/*/SOURCE.md` are named there with their repository, commit and licence.
//!
//! Not in the published package, as the fixtures are not (`Cargo.toml`'s `include`).

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Licences as the entries name them (SPDX identifiers, and public domain).
const LICENCES: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "CC0-1.0",
    "MPL-2.0",
    "LGPL-3.0",
    "GPL-2.0",
    "GPL-3.0",
    "public domain",
];

/// Every file under `dir`, as a path relative to it with `/` between its parts, sorted.
fn files(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let relative = path.strip_prefix(base).unwrap();
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The directories directly inside `dir`, sorted.
fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// The entries of a `SOURCES.md`: each list item (`- ...`) with its indented continuation lines.
fn entries(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        if let Some(item) = line.strip_prefix("- ") {
            out.push(item.to_owned());
            open = true;
        } else if open && line.starts_with("  ") {
            let last = out.last_mut().unwrap();
            last.push(' ');
            last.push_str(line.trim_start());
        } else {
            open = false;
        }
    }
    out
}

/// The code spans (`` `...` ``) of `text`, in order.
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The files an entry names: the code spans before its first `` `: ``.
fn named(entry: &str) -> Vec<&str> {
    let head = entry.find("`: ").map_or("", |end| &entry[..=end]);
    code_spans(head)
}

/// Whether `word` is in `text` between characters that cannot continue it.
fn has_word(text: &str, word: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(part) && !after.is_some_and(part)
    })
}

/// Whether `text` holds a commit: a run of exactly 40 hexadecimal digits.
fn has_commit(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.len() == 40 && w.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Whether `text` links a GitHub repository (`https://github.com/OWNER/NAME`, nothing after).
fn has_repository(text: &str) -> bool {
    text.split("](https://github.com/").skip(1).any(|rest| {
        let target = &rest[..rest.find(')').unwrap_or(rest.len())];
        let parts: Vec<&str> = target.split('/').collect();
        parts.len() == 2 && parts.iter().all(|p| !p.is_empty())
    })
}

/// Whether `text` links a GitHub issue (`https://github.com/OWNER/NAME/issues/N`).
fn has_issue(text: &str) -> bool {
    text.split("https://github.com/").skip(1).any(|rest| {
        let target = &rest[..rest.find([')', ' ']).unwrap_or(rest.len())];
        let parts: Vec<&str> = target.split('/').collect();
        parts.len() == 4
            && parts[2] == "issues"
            && !parts[3].is_empty()
            && parts[3].chars().all(|c| c.is_ascii_digit())
    })
}

/// What an entry lacks to say where its files come from, if anything.
fn lacks(entry: &str) -> Option<&'static str> {
    if entry.contains("hand-made") {
        return None;
    }
    if has_issue(entry) {
        return (!entry.contains("Terms of Service"))
            .then_some("the terms the issue's text is posted under");
    }
    if !has_repository(entry) {
        return Some("\"hand-made\", a repository link or an issue link");
    }
    if !has_commit(entry) {
        return Some("a commit (40 hexadecimal digits)");
    }
    if !LICENCES.iter().any(|l| has_word(entry, l)) {
        return Some("a licence");
    }
    None
}

#[test]
fn every_fixture_file_is_named_with_its_source() {
    let mut fixtures = Vec::new();
    for kind in ["detect", "curated"] {
        fixtures.extend(subdirectories(&root().join("tests/fixtures").join(kind)));
    }
    assert!(fixtures.len() >= 30, "{} fixtures", fixtures.len());
    let mut problems: Vec<String> = Vec::new();
    for fixture in &fixtures {
        let name = fixture.strip_prefix(root()).unwrap().display().to_string();
        let Ok(text) = std::fs::read_to_string(fixture.join("SOURCES.md")) else {
            problems.push(format!("{name}: no SOURCES.md"));
            continue;
        };
        let entries = entries(&text);
        let present = files(&fixture.join("project"));
        assert!(!present.is_empty(), "{name}: project/ holds no file");
        let mut seen: Vec<&str> = Vec::new();
        for entry in &entries {
            let names = named(entry);
            if names.is_empty() {
                problems.push(format!("{name}: an entry names no file: {entry}"));
                continue;
            }
            for file in &names {
                if !present.iter().any(|p| p == file) {
                    problems.push(format!(
                        "{name}: SOURCES.md names `{file}`, not in project/"
                    ));
                }
            }
            seen.extend(&names);
            if let Some(what) = lacks(entry) {
                problems.push(format!("{name}: {} lacks {what}", names.join(", ")));
            }
        }
        for file in &present {
            if !seen.contains(&file.as_str()) {
                problems.push(format!("{name}: project/{file} is not in SOURCES.md"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_data_file_with_a_source_note_is_named_in_it() {
    let mut notes = 0;
    for dir in subdirectories(&root().join("tests/data")) {
        let Ok(text) = std::fs::read_to_string(dir.join("SOURCE.md")) else {
            continue;
        };
        notes += 1;
        let spans = code_spans(&text);
        for file in files(&dir) {
            if file != "SOURCE.md" {
                assert!(
                    spans.contains(&file.as_str()),
                    "{}: {file} is not named in SOURCE.md",
                    dir.display()
                );
            }
        }
        assert!(has_repository(&text), "{}: no repository", dir.display());
        assert!(has_commit(&text), "{}: no commit", dir.display());
        assert!(
            LICENCES.iter().any(|l| has_word(&text, l)),
            "{}: no licence",
            dir.display()
        );
    }
    assert!(notes >= 1);
}

#[test]
fn the_checks_tell_a_complete_entry_from_an_incomplete_one() {
    let full = "`a.txt`: [o/n](https://github.com/o/n), MIT, `a.txt` (commit \
                0123456789abcdef0123456789abcdef01234567): why";
    assert_eq!(named(full), ["a.txt"]);
    assert_eq!(lacks(full), None);
    assert_eq!(
        lacks("`a`: hand-made for this crate (MIT OR Apache-2.0)"),
        None
    );
    assert!(lacks("`a`: [o/n](https://github.com/o/n), MIT, `a`").is_some());
    assert!(lacks("`a`: [o/n](https://github.com/o/n), `a` (commit 0123456789abcdef0123456789abcdef01234567)").is_some());
    assert!(lacks("`a`: the same repository and commit").is_some());
    assert!(lacks("`a`: quoted in [o/n issue 1](https://github.com/o/n/issues/1)").is_some());
    assert_eq!(
        lacks(
            "`a`: quoted in [o/n issue 1](https://github.com/o/n/issues/1), under GitHub's Terms of Service"
        ),
        None
    );
    assert!(!has_word("Copyright MITRE", "MIT"));
    assert!(has_word("Apache-2.0 (LICENSE.txt)", "Apache-2.0"));
    assert_eq!(
        entries("intro\n\n- `a`: one\n  two\n- `b`: three\nafter\n  not"),
        ["`a`: one two", "`b`: three"]
    );
}
