//! Helpers shared by the test suites: reading the vendored source list,
//! `tests/data/awesome-mlsecops.md`, independently of the crate, and a small deterministic
//! random generator.
#![allow(dead_code)]

/// An empty directory `group/name` under the target's temporary directory.
pub fn fresh_dir(group: &str, name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` to `dir/name`, creating the directories between; returns the path.
pub fn write_file(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// The data rows of a vendored TSV file of `tests/data` (comments, blank lines and the header
/// skipped), split on tabs.
pub fn tsv_rows(file: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// Runs `bin` with `args`, writing `input` to its standard input; returns its output.
pub fn run_with_stdin(bin: &str, args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("a piped standard input")
        .write_all(input)
        .expect("the input is written");
    child.wait_with_output().expect("the binary ends")
}

/// SplitMix64: a small deterministic generator, so failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The source text.
pub fn source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/awesome-mlsecops.md"
    );
    std::fs::read_to_string(path).expect("tests/data/awesome-mlsecops.md is vendored")
}

/// A phase as the source lists it.
#[derive(Debug)]
pub struct SourcePhase {
    /// "Data", "Model" or "APP", from the section heading.
    pub layer: String,
    pub name: String,
    /// "Dynamic", "Static" or "Static & Dynamic".
    pub kind: String,
    pub description: String,
    pub risks: Vec<SourceRisk>,
}

/// A risk as the source lists it.
#[derive(Debug)]
pub struct SourceRisk {
    pub code: String,
    pub name: String,
    pub description: String,
}

/// Parses the "Concern of Security and Privacy in ... Layer" sections.
pub fn phases() -> Vec<SourcePhase> {
    let text = source();
    let mut layer: Option<String> = None;
    let mut phases: Vec<SourcePhase> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(heading) = trimmed.strip_prefix("## ") {
            layer = heading
                .strip_prefix("Concern of Security and Privacy in ")
                .and_then(|rest| rest.strip_suffix(" Layer"))
                .map(str::to_owned);
            continue;
        }
        let Some(layer) = &layer else { continue };
        if let Some(phase) = trimmed
            .strip_prefix("- **")
            .and_then(|rest| rest.strip_suffix(" Phase)**"))
        {
            let (name, kind) = phase.split_once(" (").expect("phase line has a kind");
            phases.push(SourcePhase {
                layer: layer.clone(),
                name: name.to_owned(),
                kind: kind.to_owned(),
                description: String::new(),
                risks: Vec::new(),
            });
        } else if let Some(description) = trimmed.strip_prefix("- **Description:**") {
            phases
                .last_mut()
                .expect("description under a phase")
                .description = description.trim().to_owned();
        } else if let Some(risk) = trimmed.strip_prefix("- **").filter(|r| r.ends_with(")**")) {
            let (name, rest) = risk.split_once(":**").expect("risk line has a name");
            let (description, code) = rest.rsplit_once("**(").expect("risk line has a code");
            phases
                .last_mut()
                .expect("risk under a phase")
                .risks
                .push(SourceRisk {
                    code: code.trim_end_matches(")**").to_owned(),
                    name: name.to_owned(),
                    description: description.trim().to_owned(),
                });
        }
    }
    phases
}

/// A row of one of the source's tables: `| [Name](url) | description | codes |`.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub line: usize,
    pub name: String,
    pub url: String,
    pub description: String,
    /// The codes as written, split on commas; empty for the "Industry" table.
    pub codes: Vec<String>,
}

/// The rows of the table under the `## {section}` heading.
pub fn table(section: &str) -> Vec<SourceRow> {
    let text = source();
    let mut inside = false;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(heading) = line.strip_prefix("## ") {
            inside = heading.trim() == section;
            continue;
        }
        if !inside || !line.starts_with("| [") {
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        let link = cells[0].trim_start_matches('[');
        let (name, rest) = link.split_once("](").expect("a link in the first cell");
        rows.push(SourceRow {
            line: i + 1,
            name: name.to_owned(),
            url: rest.trim_end_matches(')').to_owned(),
            description: cells[1].trim_end_matches('|').trim().to_owned(),
            codes: cells
                .get(2)
                .map(|c| {
                    c.trim_end_matches('|')
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    rows
}

/// `tests/data/tool-categories.tsv`: tool name and its category slugs.
pub fn categories() -> Vec<(String, Vec<String>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tool-categories.tsv"
    );
    std::fs::read_to_string(path)
        .expect("tests/data/tool-categories.tsv is vendored")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("tool\t") && !l.is_empty())
        .map(|l| {
            let (tool, cats) = l.split_once('\t').expect("two columns");
            (
                tool.to_owned(),
                cats.split(',').map(str::to_owned).collect(),
            )
        })
        .collect()
}

/// README.md and every page of the book (`docs/src/`), sorted.
pub fn doc_pages() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    let mut pending = vec![root.join("docs/src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages.insert(0, root.join("README.md"));
    pages
}

/// The documentation a reader sees: README.md and every page of the book, one text, so that a
/// test of what the docs show holds wherever the text lives.
pub fn docs() -> String {
    doc_pages()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs the command (built with feature `cli`) in `dir`: its standard output, standard error
/// and exit status.
pub fn mlsecops(dir: &std::path::Path, args: &[&str]) -> (String, String, i32) {
    let Some(bin) = option_env!("CARGO_BIN_EXE_mlsecops") else {
        panic!("the command is built with feature cli");
    };
    let out = std::process::Command::new(bin)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

/// The verdict of the policy `text`, read as `mlsecops.toml` in `dir` (a repository's root).
#[cfg(feature = "build")]
pub fn verdict_in(dir: &std::path::Path, text: &str) -> mlsecops_taxonomy::policy::Verdict {
    use mlsecops_taxonomy::policy::{Policy, Source};
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    Policy::from_text(
        dir.join("mlsecops.toml"),
        Source::MlsecopsToml,
        text.to_owned(),
    )
    .unwrap()
    .unwrap()
    .evaluate()
}
