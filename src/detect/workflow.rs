//! What CI and container files install: GitHub Actions workflows (`.github/workflows/*.yml`) and
//! composite actions (`.github/actions/**/action.yml`) through their `run:` steps, GitLab CI
//! (`.gitlab-ci.yml`) through its jobs' scripts, and Dockerfiles through their `RUN` lines.

use std::path::Path;

use yaml_rust2::parser::{Event, Parser};

use super::detector::{Detected, Detector, FileFormat, Include, Source, Want};
use super::yaml::{self, Node};
use super::{DetectError, Found, Note};
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

/// The most bytes the aliases of a YAML file may add to its tree once expanded, beyond four times
/// the file's own size, counted as each scalar's bytes plus [`YAML_NODE_BYTES`] a node: 32 MiB.
/// An alias of a big scalar, or aliases of aliases, are refused by what they would cost, not
/// only by how many nodes; the file's own nodes are bounded by its size and [`MAX_YAML_NODES`].
pub const MAX_YAML_EXPANDED_BYTES: usize = 32 << 20;

/// What one node of the tree costs beyond its text, in the count of
/// [`MAX_YAML_EXPANDED_BYTES`]: 96 bytes.
pub const YAML_NODE_BYTES: usize = 96;

/// Checks the bounds of a YAML text in one pass over its events, counting each alias as the
/// size of what it stands for (nodes and bytes), without building anything; the anchors that
/// some alias names are returned, so that only those are kept when the tree is built.
pub(super) fn within_bounds(
    s: &Source<'_>,
) -> Result<std::collections::HashSet<usize>, DetectError> {
    let path = s.path();
    let mut parser = Parser::new_from_str(s.text());
    let budget = MAX_YAML_EXPANDED_BYTES.saturating_add(s.text().len().saturating_mul(4));
    // Nodes of the tree, and bytes: of everything, and of what aliases add (the text's own
    // nodes are bounded by the text and `MAX_YAML_NODES`; what aliases add, by the budget).
    let (mut nodes, mut bytes, mut added) = (0usize, 0usize, 0usize);
    // What each anchor stands for: nodes and bytes.
    let mut sizes: std::collections::HashMap<usize, (usize, usize)> =
        std::collections::HashMap::new();
    let mut aliased = std::collections::HashSet::new();
    // Open collections: anchor, and the counts when they opened.
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            DetectError::new(
                path,
                Some(line_at(s, e.marker().index())),
                format!("not valid YAML: {}", e.info()),
            )
        })?;
        match event {
            Event::StreamEnd => return Ok(aliased),
            Event::Scalar(value, _, anchor, _) => {
                let cost = value.len().saturating_add(YAML_NODE_BYTES);
                nodes = nodes.saturating_add(1);
                bytes = bytes.saturating_add(cost);
                if anchor > 0 {
                    sizes.insert(anchor, (1, cost));
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                nodes = nodes.saturating_add(1);
                bytes = bytes.saturating_add(YAML_NODE_BYTES);
                open.push((anchor, nodes - 1, bytes - YAML_NODE_BYTES));
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
                if let Some((anchor, n, b)) = open.pop() {
                    if anchor > 0 {
                        sizes.insert(anchor, (nodes - n, bytes - b));
                    }
                }
            }
            Event::Alias(anchor) => {
                let (n, b) = sizes.get(&anchor).copied().unwrap_or((1, YAML_NODE_BYTES));
                // The first alias of an anchor also costs the copy of it kept to expand it.
                let copies = if aliased.insert(anchor) { 2 } else { 1 };
                nodes = nodes.saturating_add(n.saturating_mul(copies));
                bytes = bytes.saturating_add(b.saturating_mul(copies));
                added = added.saturating_add(b.saturating_mul(copies));
            }
            _ => {}
        }
        if nodes > MAX_YAML_NODES {
            return Err(DetectError::new(
                path,
                Some(line_at(s, mark.index())),
                format!(
                    "the aliases here expand to more than {MAX_YAML_NODES} nodes (an alias bomb?): \
                     not read"
                ),
            ));
        }
        if added > budget {
            return Err(DetectError::new(
                path,
                Some(line_at(s, mark.index())),
                format!(
                    "the aliases here expand to more than {budget} bytes (an alias bomb?): not \
                     read"
                ),
            ));
        }
    }
}

/// Options of the install commands that take a value (the value is not a package).
const VALUED: [&str; 49] = [
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
    "--channel",
    "-n",
    "--name",
    "--prefix",
    "--progress-bar",
    "--cache-dir",
    "--src",
    "--upgrade-strategy",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--root-user-action",
    "--report",
    "--log",
    "--timeout",
    "--retries",
    "--proxy",
    "--trusted-host",
    "--cert",
    "--client-cert",
    "--exists-action",
    "--config-settings",
    "-C",
    "--global-option",
    "--no-binary",
    "--only-binary",
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
/// `cargo install`; each is direct. A requirements file given with `-r` is read with it (see
/// [`requirements_file`]); shell variables, paths and URLs name no package. Each `uses:` is a
/// GitHub repository (see [`uses`]).
pub(super) fn workflow(s: &Source<'_>) -> Result<Detected, DetectError> {
    let (mut detected, docs) = yaml_scripts(s, |doc, scripts| {
        let Some(Node::Map(jobs)) = doc.get("jobs") else {
            return;
        };
        for (_, job) in jobs {
            steps(job.get("steps"), scripts);
        }
    })?;
    for doc in &docs {
        let Some(Node::Map(jobs)) = doc.get("jobs") else {
            continue;
        };
        for (_, job) in jobs {
            // A job that calls a reusable workflow (`uses: OWNER/REPO/.github/workflows/x.yml@ref`).
            uses(job, &mut detected);
            for step in job.get("steps").map(Node::items).unwrap_or(&[]) {
                uses(step, &mut detected);
            }
        }
    }
    detected.found.sort_by_key(|f| f.line);
    Ok(detected)
}

/// The repository of a step's or job's `uses:` (`OWNER/REPO[/PATH]@REF`) as a GitHub
/// dependency, direct; a local action (`./path`), a container (`docker://...`) and an expression
/// name none. A `uses:` of another shape is a warning.
fn uses(node: &Node, detected: &mut Detected) {
    let Some((value, line)) = node.get("uses").and_then(Node::scalar) else {
        return;
    };
    let value = value.trim();
    if value.starts_with("./") || value.starts_with("docker://") || value.contains("${{") {
        return;
    }
    let repository = value.split('@').next().unwrap_or(value);
    let mut parts = repository.split('/');
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
    };
    match (parts.next(), parts.next()) {
        (Some(owner), Some(repo)) if word(owner) && word(repo) && value.contains('@') => {
            detected.found.push(Found {
                line,
                ecosystem: Ecosystem::GitHub,
                package: format!("{owner}/{repo}"),
                direct: true,
                local: false,
            });
        }
        _ => detected.notes.push(Note::warning(
            line,
            format!(
                "uses: {value:?} is not OWNER/REPO[/PATH]@REF, ./PATH or docker://IMAGE: left out"
            ),
        )),
    }
}

/// The `run:` of each step of a list of steps, with its line.
fn steps(steps: Option<&Node>, scripts: &mut Vec<(usize, String)>) {
    for step in steps.map(Node::items).unwrap_or(&[]) {
        if let Some((run, line)) = step.get("run").and_then(Node::scalar) {
            scripts.push((line, run.to_owned()));
        }
    }
}

/// The scripts `collect` finds in each document of a YAML file (bounded, see
/// [`MAX_YAML_NODES`]), and the packages they install, each at its line; with the documents,
/// read once, for what else the caller reads in them.
fn yaml_scripts(
    s: &Source<'_>,
    collect: impl Fn(&Node, &mut Vec<(usize, String)>),
) -> Result<(Detected, Vec<Node>), DetectError> {
    let docs = yaml::documents(s)?;
    let mut scripts = Vec::new();
    for doc in &docs {
        collect(doc, &mut scripts);
    }
    // Each script is looked for from its own line (a word of the file before it, such as a
    // job named like the package, is not it), in the order of the file.
    let mut scripts: Vec<(usize, String)> = scripts
        .into_iter()
        .map(|(line, script)| (line.saturating_sub(1), script))
        .collect();
    scripts.sort_by_key(|(from, _)| *from);
    Ok((found_in(s, command_base(s.path()), &scripts), docs))
}

/// What the scripts install, each package and requirements file at the first place at or after
/// the previous one (and after the line index each script starts from) where the file has it as
/// a word, so the lines follow the file even where YAML folded a script or a Dockerfile
/// continued a line; one the text does not spell out (an escape in a quoted YAML string) takes
/// the previous one's line. The words are indexed once, so the time is linear in the file and
/// the packages. A requirements file is read relative to `base` (the directory the commands run
/// in); one that is not there is noted (the job may make it).
fn found_in(s: &Source<'_>, base: &Path, scripts: &[(usize, String)]) -> Detected {
    let text = s.text();
    let words = word_index(text);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset).max(1) - 1;
    let mut cursor = 0;
    let mut detected = Detected::default();
    for (from, script) in scripts {
        cursor = cursor.max(line_starts.get(*from).copied().unwrap_or(text.len()));
        for installed in installs(script) {
            let word = match &installed {
                Installed::Package(_, package) => package.as_str(),
                Installed::Requirements(file) => file.as_str(),
            };
            let next = words.get(word).and_then(|at| {
                let i = at.partition_point(|&o| o < cursor);
                at.get(i).copied()
            });
            let line = 1 + match next {
                Some(offset) => {
                    cursor = offset + word.len();
                    line_of(offset)
                }
                None => line_of(cursor.min(text.len().saturating_sub(1))),
            };
            match installed {
                Installed::Package(ecosystem, package) => detected.found.push(Found {
                    line,
                    ecosystem,
                    package,
                    direct: true,
                    local: false,
                }),
                Installed::Requirements(file) => {
                    requirements_file(base, line, &file, &mut detected)
                }
            }
        }
    }
    detected
}

/// A requirements file a command installs (`pip install -r FILE`): read relative to `base`
/// when it is a relative path without shell variables; noted otherwise, or when it is not there.
fn requirements_file(base: &Path, line: usize, file: &str, detected: &mut Detected) {
    let file = file.trim_matches(['"', '\'']);
    let variable = file.contains(['$', '`', '*', '?', '~']) || file.contains("${{");
    if variable || file.starts_with('/') || file.contains("://") || file.is_empty() {
        detected.notes.push(Note::info(
            line,
            format!("-r {file}: not a path in the repository, not read"),
        ));
        return;
    }
    detected.includes.push(
        Include::file(line, base.join(file), &super::python::Requirements, true).or_note(format!(
            "-r {file}: no such file in the repository (the job may make it), not read"
        )),
    );
}

/// The directory a repository's CI commands run in: the one holding `.github` for a workflow
/// or composite action, the file's own directory otherwise (`.gitlab-ci.yml` at the root, a
/// Dockerfile's build context).
fn command_base(path: &Path) -> &Path {
    path.ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == ".github"))
        .and_then(Path::parent)
        .unwrap_or_else(|| path.parent().unwrap_or(Path::new("")))
}

/// Every word of a text, as a command line splits it (runs of letters, digits, `-`, `_`, `.`,
/// `/` and `$`, without a trailing `.`), with the offsets where it stands, in order.
fn word_index(text: &str) -> std::collections::HashMap<&str, Vec<usize>> {
    let part = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'$');
    let bytes = text.as_bytes();
    let mut words: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    let mut i = 0;
    while i < bytes.len() {
        if !part(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && part(bytes[i]) {
            i += 1;
        }
        let word = text[start..i].trim_end_matches('.');
        if !word.is_empty() {
            words.entry(word).or_default().push(start);
        }
    }
    words
}

/// Whether the file is a composite action's metadata under `.github/actions/`.
fn is_composite_action(path: &Path) -> bool {
    let named = path
        .file_name()
        .is_some_and(|n| n == "action.yml" || n == "action.yaml");
    let components: Vec<_> = path.components().map(|c| c.as_os_str()).collect();
    let under = components
        .windows(2)
        .any(|w| w[0] == ".github" && w[1] == "actions");
    named && under
}

/// The `run:` steps of a composite action (`runs.steps`).
fn composite_action(s: &Source<'_>) -> Result<Detected, DetectError> {
    let (mut detected, docs) = yaml_scripts(s, |doc, scripts| {
        steps(doc.get("runs").and_then(|r| r.get("steps")), scripts);
    })?;
    for doc in &docs {
        let steps = doc.get("runs").and_then(|r| r.get("steps"));
        for step in steps.map(Node::items).unwrap_or(&[]) {
            uses(step, &mut detected);
        }
    }
    detected.found.sort_by_key(|f| f.line);
    Ok(detected)
}

/// The keys of `.gitlab-ci.yml` that are not jobs.
const GITLAB_KEYWORDS: [&str; 11] = [
    "default",
    "include",
    "stages",
    "variables",
    "workflow",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
    "spec",
];

/// The scripts of a GitLab CI file: `before_script`, `script` and `after_script` of every job
/// (hidden `.template` jobs too, which others extend), of `default`, and at the top level.
fn gitlab_ci(s: &Source<'_>) -> Result<Detected, DetectError> {
    fn add(value: Option<&Node>, scripts: &mut Vec<(usize, String)>) {
        match value {
            Some(Node::Scalar(text, line)) => scripts.push((*line, text.clone())),
            // A list of lines, or of lists (YAML anchors of script blocks nest one level).
            Some(Node::Seq(items)) => items.iter().for_each(|item| add(Some(item), scripts)),
            _ => {}
        }
    }
    let (detected, _) = yaml_scripts(s, |doc, scripts| {
        let Node::Map(top) = doc else { return };
        for (key, value) in top {
            let Some((key, _)) = key.scalar() else {
                continue;
            };
            let keys = ["before_script", "script", "after_script"];
            if keys.contains(&key) {
                add(Some(value), scripts);
            } else if key == "default" || !GITLAB_KEYWORDS.contains(&key) {
                for k in keys {
                    add(value.get(k), scripts);
                }
            }
        }
    })?;
    Ok(detected)
}

/// Whether the file is a Dockerfile: `Dockerfile`, `Containerfile`, `*.Dockerfile`,
/// `Dockerfile.*`.
fn is_dockerfile(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    matches!(name, "Dockerfile" | "Containerfile" | "dockerfile")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
        || name.ends_with(".Containerfile")
        || (name.starts_with("Dockerfile.") && !name.ends_with(".dockerignore"))
}

/// The most bytes of one Dockerfile instruction once its continuation lines are joined: 1 MiB
/// (the file itself is bounded by the scan).
const MAX_INSTRUCTION: usize = 1 << 20;

/// What a Dockerfile's `RUN` instructions install: shell form (with `\` continuations and `&&`
/// chains), exec form (`RUN ["pip", "install", "garak"]`) and here-documents (`RUN <<EOF`).
fn dockerfile(s: &Source<'_>) -> Result<Detected, DetectError> {
    let text = s.text();
    let lines: Vec<&str> = text.lines().collect();
    let mut scripts = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let mut instruction = String::new();
        // An instruction continues while its line ends with `\` (comment lines inside it are
        // skipped, as Docker does).
        loop {
            let line = lines[i];
            i += 1;
            if !instruction.is_empty() && line.trim_start().starts_with('#') {
                if i >= lines.len() {
                    break;
                }
                continue;
            }
            match line.trim_end().strip_suffix('\\') {
                Some(head) if i < lines.len() => {
                    instruction.push_str(head);
                    instruction.push(' ');
                }
                _ => {
                    instruction.push_str(line);
                    break;
                }
            }
            if instruction.len() > MAX_INSTRUCTION {
                return Err(DetectError::new(
                    s.path(),
                    Some(start + 1),
                    format!("an instruction longer than {MAX_INSTRUCTION} bytes"),
                ));
            }
        }
        let trimmed = instruction.trim_start();
        let Some(head) = trimmed.get(..4) else {
            continue;
        };
        if !head.eq_ignore_ascii_case("run ") && !head.eq_ignore_ascii_case("run\t") {
            continue;
        }
        // Options of RUN (`--mount=...`, `--network=...`) come before the command.
        let mut command = trimmed[4..].trim_start();
        while command.starts_with("--") {
            command = command
                .split_once(char::is_whitespace)
                .map_or("", |(_, rest)| rest)
                .trim_start();
        }
        let script = if let Some(marker) = command.strip_prefix("<<") {
            // A here-document: its lines, up to the line that is the marker.
            let marker: String = marker
                .trim_start_matches('-')
                .trim_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let mut body = String::new();
            while i < lines.len() && lines[i].trim() != marker {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            i += 1;
            body
        } else if command.starts_with('[') {
            // The exec form, a JSON array of words.
            serde_json::from_str::<Vec<String>>(command)
                .map(|words| words.join(" "))
                .unwrap_or_default()
        } else {
            command.to_owned()
        };
        scripts.push((start, script));
    }
    Ok(found_in(s, command_base(s.path()), &scripts))
}

/// What a shell script installs: a package, or a requirements file (`pip install -r FILE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Installed {
    Package(Ecosystem, String),
    /// A requirements file, as written.
    Requirements(String),
}

/// What one shell script installs, in order.
pub(super) fn installs(script: &str) -> Vec<Installed> {
    let joined = script.replace("\\\n", " ");
    let mut out = Vec::new();
    for command in joined.split(['\n', ';', '|', '&']) {
        let words: Vec<String> = command
            .split_whitespace()
            .map(|w| w.trim_matches(['"', '\'']).to_owned())
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let words = command_words(&words);
        // Where the packages start, how many (all, or the first positional only), ecosystem.
        let (rest, first_only, ecosystem) = match words {
            [pip, "install", rest @ ..] if is_pip(pip) => (rest, false, Ecosystem::PyPi),
            [python, "-m", "pip", "install", rest @ ..] if is_python(python) => {
                (rest, false, Ecosystem::PyPi)
            }
            ["uv", "pip", "install", rest @ ..]
            | ["uv", "add", rest @ ..]
            | ["uv", "tool", "install", rest @ ..] => (rest, false, Ecosystem::PyPi),
            ["poetry", "add", rest @ ..]
            | ["pdm", "add", rest @ ..]
            | ["pipx", "install", rest @ ..] => (rest, false, Ecosystem::PyPi),
            // conda and mamba packages, matched by name against PyPI's (conda-forge names most
            // Python packages as PyPI does).
            [conda, "install", rest @ ..] if is_conda(conda) => (rest, false, Ecosystem::PyPi),
            ["uvx", rest @ ..] | ["uv", "tool", "run", rest @ ..] | ["pipx", "run", rest @ ..] => {
                // `--from PKG` or `--spec PKG` names the package; otherwise the command is.
                if let Some(i) = rest.iter().position(|w| *w == "--from" || *w == "--spec") {
                    if let Some(package) = rest.get(i + 1).and_then(|w| name(w)) {
                        out.push(Installed::Package(Ecosystem::PyPi, package));
                    }
                    continue;
                }
                (rest, true, Ecosystem::PyPi)
            }
            ["cargo", "install" | "add", rest @ ..] => (rest, false, Ecosystem::Cargo),
            _ => continue,
        };
        let mut skip_value = false;
        let mut requirements = false;
        for word in rest {
            if skip_value {
                skip_value = false;
                if requirements {
                    requirements = false;
                    out.push(Installed::Requirements((*word).to_owned()));
                }
                continue;
            }
            if ecosystem == Ecosystem::PyPi {
                // `-r FILE`, `-rFILE`, `--requirement FILE`, `--requirement=FILE`.
                let attached = word
                    .strip_prefix("--requirement=")
                    .or_else(|| word.strip_prefix("-r").filter(|f| !f.is_empty()));
                if let Some(file) = attached {
                    out.push(Installed::Requirements(
                        file.trim_start_matches('=').to_owned(),
                    ));
                    continue;
                }
                if *word == "-r" || *word == "--requirement" {
                    skip_value = true;
                    requirements = true;
                    continue;
                }
            }
            if word.starts_with('-') {
                skip_value = VALUED.contains(word) && !word.contains('=');
                if *word == "-e" || *word == "--editable" {
                    skip_value = true;
                }
                continue;
            }
            if let Some(package) = name(word) {
                out.push(Installed::Package(ecosystem, package));
            }
            if first_only {
                break;
            }
        }
    }
    out
}

/// The words of a command after what runs it: `sudo` (and its options), `env`, and variable
/// assignments (`PIP_NO_CACHE_DIR=1 pip install ...`).
fn command_words<'a, 'w>(mut words: &'a [&'w str]) -> &'a [&'w str] {
    loop {
        match words {
            ["sudo" | "env", rest @ ..] => {
                words = rest;
                while let [flag, rest @ ..] = words {
                    if !flag.starts_with('-') {
                        break;
                    }
                    words = rest;
                }
            }
            [assignment, rest @ ..]
                if assignment.contains('=')
                    && assignment.split('=').next().is_some_and(|v| {
                        !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    }) =>
            {
                words = rest;
            }
            _ => return words,
        }
    }
}

/// `pip`, `pip3`, `pip3.11`.
fn is_pip(word: &str) -> bool {
    word.strip_prefix("pip")
        .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// `python`, `python3`, `python3.11`, `py` (the Windows launcher), with an optional `-3.11`.
fn is_python(word: &str) -> bool {
    word == "py"
        || word
            .strip_prefix("python")
            .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

/// `conda`, `mamba`, `micromamba`.
fn is_conda(word: &str) -> bool {
    matches!(word, "conda" | "mamba" | "micromamba")
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
    // As written: `garak.` is no name pip accepts (the one rule of names says so), never
    // `garak`.
    let name = &word[..end];
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
            reads: INSTALLS,
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
        workflow(source).map(Some)
    }
}

/// What the install commands of every CI format are, for the format table.
const INSTALLS: &str = "what `run:` steps install: `pip install` (also `pip3`, `sudo pip`), `python -m pip \
                        install` (also `py -m pip`), `uv pip install`, `uv add`, `uv tool install`, `uvx`, \
                        `pipx run`, `pipx install`, `poetry add`, `pdm add`, `conda`/`mamba install` (names \
                        matched as PyPI names), `cargo install`, `cargo add`; a requirements file given with \
                        `-r` is read with it, relative to the repository root (one that is not there is \
                        noted: the job may make it); shell variables, paths and URLs name no package. \
                        Each step's `uses: OWNER/REPO[/PATH]@REF` (and a job's reusable workflow) is the \
                        GitHub repository `pkg:github/OWNER/REPO`, direct; local actions and `docker://` \
                        images name none";

/// Composite actions' `run:` steps.
pub(crate) struct CompositeAction;

impl Detector for CompositeAction {
    fn name(&self) -> &'static str {
        "composite-action"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "composite-action",
            files: "composite actions (`.github/actions/*/action.yml`)",
            reads: "what the `runs.steps` install and the actions they use, as for workflows",
        }]
    }

    fn short(&self) -> &'static str {
        "a composite action (.github/actions/*/action.yml)"
    }

    fn wants(&self, path: &Path) -> Want {
        if is_composite_action(path) {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        composite_action(source).map(Some)
    }
}

/// GitLab CI's job scripts.
pub(crate) struct GitlabCi;

impl Detector for GitlabCi {
    fn name(&self) -> &'static str {
        "gitlab-ci"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "gitlab-ci",
            files: "GitLab CI (`.gitlab-ci.yml`)",
            reads: "what the `before_script`, `script` and `after_script` of every job (and of \
                    `default`) install, as for workflows (`-r` files relative to the repository \
                    root)",
        }]
    }

    fn short(&self) -> &'static str {
        ".gitlab-ci.yml"
    }

    fn wants(&self, path: &Path) -> Want {
        if path.file_name().is_some_and(|n| n == ".gitlab-ci.yml") {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        gitlab_ci(source).map(Some)
    }
}

/// Dockerfiles' `RUN` lines.
pub(crate) struct Dockerfile;

impl Detector for Dockerfile {
    fn name(&self) -> &'static str {
        "dockerfile"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "dockerfile",
            files: "Dockerfiles (`Dockerfile`, `Containerfile`, `*.Dockerfile`, `Dockerfile.*`)",
            reads: "what `RUN` installs, as for workflows: shell form with `\\` continuations and \
                    `&&` chains, exec form, here-documents; each package at its line; `-r` files \
                    relative to the Dockerfile's directory (the usual build context)",
        }]
    }

    fn short(&self) -> &'static str {
        "a Dockerfile"
    }

    fn wants(&self, path: &Path) -> Want {
        if is_dockerfile(path) {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        dockerfile(source).map(Some)
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
        let names: Vec<&str> = found
            .iter()
            .filter_map(|i| match i {
                Installed::Package(_, n) => Some(n.as_str()),
                Installed::Requirements(_) => None,
            })
            .collect();
        assert_eq!(
            installs("sudo -H pip3.11 install garak; py -m pip install pyrit\n\
                      PIP_NO_CACHE_DIR=1 python3.12 -m pip install --progress-bar off modelscan\n\
                      uv tool install llm-guard && pdm add nemoguardrails && cargo add safetensors\n\
                      mamba install -c conda-forge -y agentic_security")
                .iter()
                .map(|i| match i {
                    Installed::Package(_, n) | Installed::Requirements(n) => n.as_str(),
                })
                .collect::<Vec<_>>(),
            ["garak", "pyrit", "modelscan", "llm-guard", "nemoguardrails", "safetensors", "agentic_security"]
        );
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
        assert_eq!(
            found.last(),
            Some(&Installed::Package(
                Ecosystem::Cargo,
                "safetensors".to_owned()
            ))
        );
        assert_eq!(
            found[1],
            Installed::Requirements("requirements.txt".to_owned())
        );
        // A quoted path with a space is split as the shell would not: its first word is taken
        // as the file, the rest (a `.txt` word) names no package.
        assert_eq!(
            installs("pip install -rci/a.txt --requirement=b.txt -r 'c d.txt' garak"),
            [
                Installed::Requirements("ci/a.txt".to_owned()),
                Installed::Requirements("b.txt".to_owned()),
                Installed::Requirements("c".to_owned()),
                Installed::Package(Ecosystem::PyPi, "garak".to_owned()),
            ]
        );
    }
}
