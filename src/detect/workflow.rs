//! GitHub Actions workflows (`.github/workflows/*.yml`): the packages their `run:` steps install.

use std::path::Path;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::{Yaml, YamlLoader};

use super::detector::{Detected, Detector, FileFormat, Source, Want};
use super::{DetectError, Found};
use crate::registry::package::Ecosystem;

/// The most nodes a YAML file may stand for once its aliases are expanded: 1,000,000 (a
/// workflow of a few thousand lines has tens of thousands). An alias bomb (anchors whose
/// aliases nest, "billion laughs") is refused before anything is expanded.
pub const MAX_YAML_NODES: usize = 1_000_000;

/// The deepest nesting of YAML collections: 64, as for JSON.
pub const MAX_YAML_DEPTH: usize = 64;

/// The line, as every reader of the crate counts lines (after each `\n`), of the YAML parser's
/// position, which it gives in characters (its own line count also breaks at a lone `\r`).
fn line_at(s: &Source<'_>, chars: usize) -> usize {
    let offset = s
        .text()
        .char_indices()
        .nth(chars)
        .map_or(s.text().len(), |(i, _)| i);
    s.line(offset)
}

/// Checks the bounds of a YAML text in one pass over its events, counting each alias as the
/// size of what it stands for, without building anything.
fn within_bounds(s: &Source<'_>) -> Result<(), DetectError> {
    let path = s.path();
    let mut parser = Parser::new_from_str(s.text());
    let mut total: usize = 0;
    let mut sizes: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            DetectError::new(
                path,
                Some(line_at(s, e.marker().index())),
                format!("not valid YAML: {}", e.info()),
            )
        })?;
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Scalar(_, _, anchor, _) => {
                total = total.saturating_add(1);
                if anchor > 0 {
                    sizes.insert(anchor, 1);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                total = total.saturating_add(1);
                open.push((anchor, total - 1));
                if open.len() > MAX_YAML_DEPTH {
                    return Err(DetectError::new(
                        path,
                        Some(line_at(s, mark.index())),
                        format!(
                            "nested more than {MAX_YAML_DEPTH} levels deep, which no workflow is"
                        ),
                    ));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = open.pop() {
                    if anchor > 0 {
                        sizes.insert(anchor, total - start);
                    }
                }
            }
            Event::Alias(anchor) => {
                total = total.saturating_add(sizes.get(&anchor).copied().unwrap_or(1));
            }
            _ => {}
        }
        if total > MAX_YAML_NODES {
            return Err(DetectError::new(
                path,
                Some(line_at(s, mark.index())),
                format!(
                    "the aliases here expand to more than {MAX_YAML_NODES} nodes (an alias bomb?): \
                     not read"
                ),
            ));
        }
    }
}

/// Options of the install commands that take a value (the value is not a package).
const VALUED: [&str; 22] = [
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--python",
    "-p",
    "--group",
    "--optional",
    "--version",
    "--git",
    "--branch",
    "--tag",
    "--rev",
    "--root",
    "--path",
];

/// Whether the file is a workflow: a `.yml` or `.yaml` file in `.github/workflows`.
fn is_workflow(path: &Path) -> bool {
    let yaml = path.extension().is_some_and(|e| e == "yml" || e == "yaml");
    let dir = path.parent();
    let in_workflows = dir
        .and_then(Path::file_name)
        .is_some_and(|d| d == "workflows")
        && dir
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .is_some_and(|d| d == ".github");
    yaml && in_workflows
}

/// The packages a workflow's `run:` steps install with `pip install`, `python -m pip install`,
/// `uv pip install`, `uv add`, `uvx`, `pipx run`, `pipx install`, `poetry add` or
/// `cargo install`; each is direct. Requirements files given with `-r` are read on their own
/// when the project's directory is scanned; shell variables, paths and URLs name no package.
pub(super) fn workflow(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let (path, text) = (s.path(), s.text());
    within_bounds(s)?;
    let docs = YamlLoader::load_from_str(text).map_err(|e| {
        DetectError::new(
            path,
            Some(line_at(s, e.marker().index())),
            format!("not valid YAML: {}", e.info()),
        )
    })?;
    let mut scripts = Vec::new();
    for doc in &docs {
        let Yaml::Hash(jobs) = &doc["jobs"] else {
            continue;
        };
        for (_, job) in jobs {
            if let Yaml::Array(steps) = &job["steps"] {
                for step in steps {
                    if let Yaml::String(run) = &step["run"] {
                        scripts.push(run.clone());
                    }
                }
            }
        }
    }
    // Each package is found on the first line at or after the previous one that holds it, so
    // the lines follow the file even where YAML folded the script.
    let lines: Vec<&str> = text.lines().collect();
    let mut cursor = 0;
    let mut found = Vec::new();
    for script in scripts {
        for (ecosystem, package) in installs(&script) {
            let line = (cursor..lines.len())
                .find(|&i| lines[i].contains(package.as_str()))
                .or_else(|| lines.iter().position(|l| l.contains(package.as_str())))
                .unwrap_or(cursor);
            cursor = line;
            found.push(Found {
                line: line + 1,
                ecosystem,
                package,
                direct: true,
                local: false,
            });
        }
    }
    Ok(found)
}

/// The packages one shell script installs, in order.
fn installs(script: &str) -> Vec<(Ecosystem, String)> {
    let joined = script.replace("\\\n", " ");
    let mut out = Vec::new();
    for command in joined.split(['\n', ';', '|', '&']) {
        let words: Vec<String> = command
            .split_whitespace()
            .map(|w| w.trim_matches(['"', '\'']).to_owned())
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        // Where the packages start, how many (all, or the first positional only), ecosystem.
        let (rest, first_only, ecosystem) = match words.as_slice() {
            ["pip" | "pip3", "install", rest @ ..] => (rest, false, Ecosystem::PyPi),
            ["python" | "python3", "-m", "pip", "install", rest @ ..] => {
                (rest, false, Ecosystem::PyPi)
            }
            ["uv", "pip", "install", rest @ ..] | ["uv", "add", rest @ ..] => {
                (rest, false, Ecosystem::PyPi)
            }
            ["poetry", "add", rest @ ..] | ["pipx", "install", rest @ ..] => {
                (rest, false, Ecosystem::PyPi)
            }
            ["uvx", rest @ ..] | ["uv", "tool", "run", rest @ ..] | ["pipx", "run", rest @ ..] => {
                // `--from PKG` or `--spec PKG` names the package; otherwise the command is.
                if let Some(i) = rest.iter().position(|w| *w == "--from" || *w == "--spec") {
                    if let Some(package) = rest.get(i + 1).and_then(|w| name(w)) {
                        out.push((Ecosystem::PyPi, package));
                    }
                    continue;
                }
                (rest, true, Ecosystem::PyPi)
            }
            ["cargo", "install", rest @ ..] => (rest, false, Ecosystem::Cargo),
            _ => continue,
        };
        let mut skip_value = false;
        for word in rest {
            if skip_value {
                skip_value = false;
                continue;
            }
            if word.starts_with('-') {
                skip_value = VALUED.contains(word) && !word.contains('=');
                if *word == "-e" || *word == "--editable" {
                    skip_value = true;
                }
                continue;
            }
            if let Some(package) = name(word) {
                out.push((ecosystem, package));
            }
            if first_only {
                break;
            }
        }
    }
    out
}

/// The package a word of an install command names (`garak[all]>=0.9` names `garak`); none for a
/// shell variable, a path, a URL or a file.
fn name(word: &str) -> Option<String> {
    if word.starts_with(['$', '.', '/', '~']) || word.contains("://") || word.contains('/') {
        return None;
    }
    let end = word
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(word.len());
    let name = word[..end].trim_end_matches('.');
    let starts_well = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    (starts_well && !name.ends_with(".txt") && !name.ends_with(".whl")).then(|| name.to_owned())
}

/// GitHub Actions workflows' `run:` steps.
pub(crate) struct Workflow;

impl Detector for Workflow {
    fn name(&self) -> &'static str {
        "workflow"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "workflow",
            files: "GitHub Actions workflows (`.github/workflows/*.yml`)",
            reads: "what `run:` steps install: `pip install`, `python -m pip install`, `uv pip \
                    install`, `uv add`, `uvx`, `pipx run`, `pipx install`, `poetry add`, `cargo \
                    install` (requirements files given with `-r` are read on their own; shell \
                    variables, paths and URLs name no package)",
        }]
    }

    fn short(&self) -> &'static str {
        "a GitHub Actions workflow"
    }

    fn wants(&self, path: &Path) -> Want {
        if is_workflow(path) {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        workflow(source).map(|found| Some(Detected::from(found)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_commands() {
        let found = installs(
            "python -m pip install --upgrade pip\n\
             pip install -r requirements.txt 'garak[all]>=0.17' \"modelscan==0.8\" $EXTRA ./local\n\
             uv pip install --system nemoguardrails && uvx --from prompt-security-fuzzer prompt-security-fuzzer -h\n\
             pipx run pyrit --help; uv add --dev agentic_security\n\
             cargo install --locked safetensors --version 0.8\n\
             echo pip install not-a-command",
        );
        let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "pip",
                "garak",
                "modelscan",
                "nemoguardrails",
                "prompt-security-fuzzer",
                "pyrit",
                "agentic_security",
                "safetensors",
            ]
        );
        assert_eq!(found[7].0, Ecosystem::Cargo);
    }
}
