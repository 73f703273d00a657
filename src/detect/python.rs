//! Python projects: `requirements*.txt` (pip's format around PEP 508 requirements) and
//! `pyproject.toml` (PEP 621, PEP 735, Poetry).

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Note;
use super::detector::{Detected, Detector, FileFormat, Include, Source, Want, lower_name};
use super::{DetectError, Found};
use crate::registry::package::Ecosystem;

/// pip's options that take no part in naming packages; those marked `true` take a value.
const OPTIONS: [(&str, bool); 16] = [
    ("-i", true),
    ("--index-url", true),
    ("--extra-index-url", true),
    ("--no-index", false),
    ("-f", true),
    ("--find-links", true),
    ("--pre", false),
    ("--trusted-host", true),
    ("--prefer-binary", false),
    ("--require-hashes", false),
    ("--only-binary", true),
    ("--no-binary", true),
    ("--use-feature", true),
    ("--config-settings", true),
    ("-C", true),
    ("--hash", true),
];

/// A requirements file: what it declares, and the files it includes (`-r`, read as
/// declarations) or constrains with (`-c`, read and checked, declaring nothing), relative to it.
/// Every form pip accepts is read: editables and local paths (the project's own source, not a
/// package of a registry), wheel and sdist file names, quoted option values, URL includes (a
/// note: a remote file is not fetched). A line pip would reject is a located warning; the rest
/// of the file is read. A file `pip-compile` or `uv pip compile` wrote is a lockfile: a package
/// is direct only when its `# via` names the project's own inputs.
fn requirements(s: &Source<'_>) -> Result<Detected, DetectError> {
    let path = s.path();
    let compiled = is_compiled(s.text());
    // Read as they come, never all held at once: a file of millions of lines costs the notes
    // kept of it, not a string per line.
    let mut lines = logical_lines(s.text());
    let mut detected = Detected::default();
    while let Some((line, logical)) = lines.next() {
        let entry = strip_comment(&logical).trim();
        if entry.is_empty() {
            continue;
        }
        let before = detected.found.len();
        pip_line(path, line, entry, &mut detected);
        if compiled && split_option(entry).is_none() && detected.found.len() > before {
            let direct = via_names_own_input(&logical, lines.clone());
            for found in &mut detected.found[before..] {
                found.direct = direct;
            }
        }
    }
    Ok(detected)
}

/// One line of pip's requirements format, into `detected`: an option (`-r file` included
/// relative to the file at `path`, `-c file` read as constraints, `-e project`, an index
/// option), or a requirement with its own options after it (`--hash=...`). A line pip would
/// reject is a warning.
pub(super) fn pip_line(path: &Path, line: usize, entry: &str, detected: &mut Detected) {
    let Some((option, value)) = split_option(entry) else {
        let requirement = match option_start(entry) {
            Some(cut) => entry[..cut].trim(),
            None => entry,
        };
        read_requirement(requirement, line, detected);
        return;
    };
    match option {
        "-r" | "--requirement" | "-c" | "--constraint" => {
            let Some(value) = value.map(unquote) else {
                detected
                    .notes
                    .push(Note::warning(line, format!("{option} needs a file")));
                return;
            };
            if value.contains("://") {
                detected.notes.push(Note::info(
                    line,
                    format!("{option} {value}: a remote file, not read"),
                ));
                return;
            }
            let target = path.parent().unwrap_or(Path::new("")).join(value);
            let declares = matches!(option, "-r" | "--requirement");
            detected
                .includes
                .push(Include::file(line, target, &Requirements, declares));
        }
        "-e" | "--editable" => match value.map(unquote) {
            None => detected
                .notes
                .push(Note::warning(line, format!("{option} needs a project"))),
            Some(value) => read_requirement(value, line, detected),
        },
        _ => {
            if !OPTIONS.iter().any(|(o, _)| *o == option) {
                detected.notes.push(Note::warning(
                    line,
                    format!(
                        "unknown option {option} (not one of pip's requirements-file options): \
                         the line is left out"
                    ),
                ));
            }
        }
    }
}

/// One requirement as pip reads it, into `detected`: a package, the project's own source (a
/// self-reference), nothing (a URL that names no package, with a note) or a warning.
fn read_requirement(text: &str, line: usize, detected: &mut Detected) {
    if let Some(name) = egg(text) {
        detected.found.push(python(line, name));
    } else if is_url(text) {
        // A URL of an archive: the name is the file's, before its version.
        match archive_name(text) {
            Some(name) => detected.found.push(python(line, name)),
            None => detected.notes.push(Note::info(
                line,
                format!("{text:?}: a URL that names no package (no #egg=), left out"),
            )),
        }
    } else if let Some(name) = archive_name(text).filter(|_| !text.contains(['@', ' ', ';'])) {
        // A local wheel or source archive (`dist/pkg-1.0-py3-none-any.whl`): its package.
        detected.found.push(python(line, name));
    } else if is_local(text) {
        // The project itself or a local directory (`.`, `.[dev]`, `src/pkg`): its own source.
        let mut own = python(line, local_name(text));
        own.local = true;
        detected.found.push(own);
    } else {
        match requirement_name(text) {
            Ok(name) => detected.found.push(python(line, name)),
            Err(message) => detected.notes.push(Note::warning(
                line,
                format!("{message}: the line is left out"),
            )),
        }
    }
}

/// Where a requirement's own options begin (`--hash=...`, `--config-settings=...`, `-C x`):
/// white space, then `-` and a letter or another `-`.
fn option_start(entry: &str) -> Option<usize> {
    let bytes = entry.as_bytes();
    (1..bytes.len().saturating_sub(1))
        .find(|&i| {
            bytes[i] == b'-'
                && bytes[i - 1].is_ascii_whitespace()
                && (bytes[i + 1].is_ascii_alphabetic() || bytes[i + 1] == b'-')
        })
        .map(|i| i - 1)
}

/// The text of an option's value without the quotes pip removes.
fn unquote(value: &str) -> &str {
    let value = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// A local project named by its path: the path as written, without extras.
fn local_name(text: &str) -> String {
    text.split('[').next().unwrap_or(text).trim().to_owned()
}

/// Whether `pip-compile` or `uv pip compile` wrote the file (its header says so).
fn is_compiled(text: &str) -> bool {
    text.lines()
        .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
        .any(|l| l.contains("pip-compile") || l.contains("uv pip compile"))
}

/// Whether a compiled requirement's `# via` (on its line, or the comment lines after it) names
/// the project's own inputs: a requirements file (`-r requirements.in`), `pyproject.toml`,
/// `setup.py` or `setup.cfg` (also as `name (pyproject.toml)`). A package with no `# via` at
/// all was written by hand: direct.
fn via_names_own_input<'t>(
    line: &str,
    after: impl Iterator<Item = (usize, std::borrow::Cow<'t, str>)>,
) -> bool {
    let mut via: Vec<String> = Vec::new();
    let mut found_via = false;
    if let Some((_, comment)) = line.split_once(" # via") {
        found_via = true;
        via.extend(comment.split(',').map(|v| v.trim().to_owned()));
    }
    for (_, next) in after {
        let t = next.trim();
        let Some(comment) = t.strip_prefix('#') else {
            break;
        };
        let c = comment.trim();
        if let Some(rest) = c.strip_prefix("via") {
            found_via = true;
            let rest = rest.trim();
            if !rest.is_empty() {
                via.push(rest.to_owned());
            }
        } else if found_via && !c.is_empty() {
            via.push(c.to_owned());
        } else {
            break;
        }
    }
    if !found_via {
        return true;
    }
    via.iter().any(|v| {
        v.starts_with("-r ")
            || ["pyproject.toml", "setup.py", "setup.cfg"]
                .iter()
                .any(|f| v == f || v.ends_with(&format!("({f})")))
    })
}

fn python(line: usize, package: String) -> Found {
    Found {
        line,
        ecosystem: Ecosystem::PyPi,
        package,
        direct: true,
        local: false,
    }
}

/// Lines joined where one ends with `\`, each with the number of its first line.
fn logical_lines(text: &str) -> LogicalLines<'_> {
    LogicalLines {
        lines: text.lines().enumerate(),
    }
}

/// The logical lines of a text, each with the line it starts on: borrowed, unless a
/// continuation joins it to the next.
#[derive(Clone)]
struct LogicalLines<'t> {
    lines: std::iter::Enumerate<std::str::Lines<'t>>,
}

impl<'t> Iterator for LogicalLines<'t> {
    type Item = (usize, std::borrow::Cow<'t, str>);

    fn next(&mut self) -> Option<Self::Item> {
        let (i, raw) = self.lines.next()?;
        let Some(head) = raw.strip_suffix('\\') else {
            return Some((i + 1, std::borrow::Cow::Borrowed(raw)));
        };
        let mut joined = head.to_owned();
        for (_, raw) in self.lines.by_ref() {
            match raw.strip_suffix('\\') {
                Some(head) => joined.push_str(head),
                None => {
                    joined.push_str(raw);
                    break;
                }
            }
        }
        Some((i + 1, std::borrow::Cow::Owned(joined)))
    }
}

/// The line without a comment: `#` at its start or after white space.
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// `-r file`, `-rfile`, `--requirement=file`, `--pre`: the option and its value.
fn split_option(entry: &str) -> Option<(&str, Option<&str>)> {
    if !entry.starts_with('-') {
        return None;
    }
    if let Some(long) = entry.strip_prefix("--") {
        let end = long
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(long.len());
        let option = &entry[..end + 2];
        let rest = long[end..].trim_start_matches('=').trim();
        return Some((option, (!rest.is_empty()).then_some(rest)));
    }
    let option = entry.get(..2)?;
    let rest = entry[2..].trim_start_matches('=').trim();
    Some((option, (!rest.is_empty()).then_some(rest)))
}

/// The `#egg=NAME` of a VCS or URL requirement.
fn egg(text: &str) -> Option<String> {
    let fragment = text.split_once('#')?.1;
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix("egg="))
        .map(|name| {
            name.split(['[', '=', '<', '>', '!', '~', ' '])
                .next()
                .unwrap_or(name)
                .to_owned()
        })
        .filter(|name| !name.is_empty())
}

/// A URL written where a requirement goes (`https://...`, `git+https://...`).
fn is_url(text: &str) -> bool {
    ["http://", "https://", "git+", "hg+", "svn+", "bzr+", "git@"]
        .iter()
        .any(|scheme| text.starts_with(scheme))
}

/// A path to a local project: `.`, `.[dev]`, `./dir`, `../dir`, `/abs`, `file:...`, or a
/// relative path with a `/` (`src/mypkg`, `libs/core`), which no PEP 508 name has; Hatch's
/// context formatting (`{root:uri}`) is a local reference too.
fn is_local(text: &str) -> bool {
    let path = text.split('[').next().unwrap_or(text).trim();
    path == "."
        || path == ".."
        || path.starts_with("./")
        || path.starts_with("../")
        || path.starts_with('/')
        || path.starts_with("file:")
        || text.contains("{root")
        || (path.contains('/') && !path.contains(' ') && !path.contains('@') && !path.contains(';'))
}

/// The name of a wheel or source archive a URL or path points to
/// (`garak-0.9-py3-none-any.whl`, `dist/SomePackage-1.0.tar.gz`).
fn archive_name(url: &str) -> Option<String> {
    let url = url.split(['#', '?']).next().unwrap_or(url);
    let file = url.rsplit('/').next()?;
    let stem = file
        .strip_suffix(".whl")
        .or_else(|| file.strip_suffix(".tar.gz"))
        .or_else(|| file.strip_suffix(".zip"))?;
    let name = stem.split('-').next()?;
    (!name.is_empty()).then(|| name.to_owned())
}

/// Checks a PEP 508 requirement and returns its name as written.
pub(super) fn requirement_name(text: &str) -> Result<String, String> {
    super::pep508::parse(text)
        .map(|requirement| requirement.name.to_owned())
        .map_err(|e| format!("not a PEP 508 requirement: {e} ({text:?})"))
}

/// `pyproject.toml`: PEP 621 dependencies and optional dependencies, PEP 735 dependency groups,
/// Poetry's dependency tables.
pub(super) fn pyproject(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let path = s.path();
    let doc = parse_toml(s)?;
    let root = doc.get_ref();
    let mut found = Vec::new();
    let at = |offset: usize| s.line(offset);
    let wrong = |offset: usize, what: &str| {
        DetectError::new(
            path,
            Some(at(offset)),
            format!("{what} must be an array of strings"),
        )
    };
    let mut requirement = |value: &Spanned<DeValue<'_>>, what: &str| -> Result<(), DetectError> {
        let DeValue::String(s) = value.get_ref() else {
            return Err(wrong(value.span().start, what));
        };
        let line = at(value.span().start);
        // PDM's editable entries (`-e file:///${PROJECT_ROOT}/pkg#egg=pkg`, `-e ./pkg`): a
        // named VCS or URL source is that package, a path the project's own source.
        if let Some(editable) = s.strip_prefix("-e").filter(|e| e.starts_with([' ', '\t'])) {
            let editable = editable.trim();
            match egg(editable).filter(|_| is_url(editable)) {
                Some(name) => found.push(python(line, name)),
                None => {
                    let mut own = python(line, local_name(editable));
                    own.local = true;
                    found.push(own);
                }
            }
            return Ok(());
        }
        if s.contains("{root") {
            // Hatch's context formatting (`pkg @ {root:uri}/../pkg`): a local project.
            let mut own = python(line, local_name(s.split('@').next().unwrap_or(s)));
            own.local = true;
            found.push(own);
            return Ok(());
        }
        let name = requirement_name(s)
            .map_err(|m| DetectError::new(path, Some(line), format!("{what}: {m}")))?;
        found.push(python(line, name));
        Ok(())
    };
    if let Some(project) = table(root, "project") {
        if let Some(deps) = project.get("dependencies") {
            for item in
                array(deps).ok_or_else(|| wrong(deps.span().start, "project.dependencies"))?
            {
                requirement(item, "project.dependencies")?;
            }
        }
        if let Some(optional) = project.get("optional-dependencies") {
            for (what, items) in arrays_of(s, optional, "project.optional-dependencies")? {
                for item in items {
                    requirement(item, &what)?;
                }
            }
        }
    }
    if let Some(groups) = table(root, "dependency-groups") {
        for (group, deps) in groups {
            let what = format!("dependency-groups.{}", group.get_ref());
            for item in array(deps).ok_or_else(|| wrong(deps.span().start, &what))? {
                // `{include-group = "..."}` names a group read on its own.
                if !matches!(item.get_ref(), DeValue::Table(_)) {
                    requirement(item, &what)?;
                }
            }
        }
    }
    let tool = table(root, "tool");
    // PDM's development groups: `[tool.pdm.dev-dependencies]`, a table of arrays.
    if let Some(dev) = tool
        .and_then(|t| table(t, "pdm"))
        .and_then(|p| p.get("dev-dependencies"))
    {
        for (what, items) in arrays_of(s, dev, "tool.pdm.dev-dependencies")? {
            for item in items {
                requirement(item, &what)?;
            }
        }
    }
    // uv's `[tool.uv] dev-dependencies`, an array (before PEP 735 groups).
    if let Some(dev) = tool
        .and_then(|t| table(t, "uv"))
        .and_then(|u| u.get("dev-dependencies"))
    {
        for item in array(dev).ok_or_else(|| wrong(dev.span().start, "tool.uv.dev-dependencies"))? {
            requirement(item, "tool.uv.dev-dependencies")?;
        }
    }
    // Hatch's environments: `[tool.hatch.envs.NAME]` `dependencies` and `extra-dependencies`.
    if let Some(envs) = tool
        .and_then(|t| table(t, "hatch"))
        .and_then(|h| table(h, "envs"))
    {
        for (env, spec) in envs {
            let DeValue::Table(spec) = spec.get_ref() else {
                continue;
            };
            for key in ["dependencies", "extra-dependencies"] {
                if let Some(deps) = spec.get(key) {
                    let what = format!("tool.hatch.envs.{}.{key}", env.get_ref());
                    for item in array(deps).ok_or_else(|| wrong(deps.span().start, &what))? {
                        requirement(item, &what)?;
                    }
                }
            }
        }
    }
    if let Some(poetry) = table(root, "tool").and_then(|t| table(t, "poetry")) {
        let mut tables: Vec<&DeTable<'_>> = Vec::new();
        tables.extend(table(poetry, "dependencies"));
        tables.extend(table(poetry, "dev-dependencies"));
        if let Some(groups) = table(poetry, "group") {
            for (_, group) in groups {
                if let DeValue::Table(group) = group.get_ref() {
                    tables.extend(table(group, "dependencies"));
                }
            }
        }
        for deps in tables {
            for (name, spec) in deps {
                if name.get_ref() != "python" {
                    let mut dependency = python(at(name.span().start), name.get_ref().to_string());
                    // `{ path = "..." }` is the project's own source.
                    dependency.local =
                        matches!(spec.get_ref(), DeValue::Table(t) if t.contains_key("path"));
                    found.push(dependency);
                }
            }
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

/// The items of a TOML array.
type Items<'a, 't> = &'a [Spanned<DeValue<'t>>];

/// The arrays of a table of arrays (`[project.optional-dependencies]`), each with its name
/// (`project.optional-dependencies.dev`); anything else is an error at its line.
fn arrays_of<'a, 't>(
    s: &Source<'_>,
    value: &'a Spanned<DeValue<'t>>,
    what: &str,
) -> Result<Vec<(String, Items<'a, 't>)>, DetectError> {
    let wrong = |offset: usize, what: &str, must: &str| {
        DetectError::new(
            s.path(),
            Some(s.line(offset)),
            format!("{what} must be {must}"),
        )
    };
    let DeValue::Table(groups) = value.get_ref() else {
        return Err(wrong(value.span().start, what, "a table of arrays"));
    };
    groups
        .iter()
        .map(|(group, deps)| {
            let what = format!("{what}.{}", group.get_ref());
            match array(deps) {
                Some(items) => Ok((what, items)),
                None => Err(wrong(deps.span().start, &what, "an array of strings")),
            }
        })
        .collect()
}

/// A TOML document with positions; a syntax error names its line.
pub(super) fn parse_toml<'t>(s: &Source<'t>) -> Result<Spanned<DeTable<'t>>, DetectError> {
    let (path, text) = (s.path(), s.text());
    DeTable::parse(text).map_err(|e| {
        let line = e.span().map(|span| s.line(span.start));
        let message = e.message().lines().next().unwrap_or("").trim().to_owned();
        DetectError::new(path, line, format!("not valid TOML: {message}"))
    })
}

/// The table at `key`, if it is one.
pub(super) fn table<'a, 't>(t: &'a DeTable<'t>, key: &str) -> Option<&'a DeTable<'t>> {
    match t.get(key)?.get_ref() {
        DeValue::Table(inner) => Some(inner),
        _ => None,
    }
}

fn array<'a, 't>(value: &'a Spanned<DeValue<'t>>) -> Option<&'a [Spanned<DeValue<'t>>]> {
    match value.get_ref() {
        DeValue::Array(items) => Some(items),
        _ => None,
    }
}

/// `uv.lock`: every locked package; those the project itself (the package whose source is the
/// project directory, `editable` or `virtual`) depends on, in any group or extra, are direct.
pub(super) fn uv_lock(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let doc = parse_toml(s)?;
    let packages = lock_packages(s, doc.get_ref())?;
    // A set: a project that depends on every package must not make the lock quadratic.
    let mut direct: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (_, _, package) in &packages {
        if !is_project(package) {
            continue;
        }
        let mut lists: Vec<&Spanned<DeValue<'_>>> =
            package.get("dependencies").into_iter().collect();
        for groups in ["optional-dependencies", "dev-dependencies"] {
            if let Some(DeValue::Table(groups)) = package.get(groups).map(Spanned::get_ref) {
                lists.extend(groups.values());
            }
        }
        for list in lists {
            for dependency in array(list).unwrap_or(&[]) {
                if let DeValue::Table(d) = dependency.get_ref() {
                    if let Some(DeValue::String(name)) = d.get("name").map(Spanned::get_ref) {
                        direct.insert(normalize_pypi(name));
                    }
                }
            }
        }
    }
    Ok(packages
        .into_iter()
        .filter(|(_, _, package)| !is_project(package))
        .map(|(line, name, package)| {
            let is_direct = direct.contains(&normalize_pypi(&name));
            // A package from a local directory or file (`source = { directory = "../pkg" }`) is
            // the project's own source, not a package of a registry.
            let local = matches!(
                package.get("source").map(Spanned::get_ref),
                Some(DeValue::Table(s)) if s.contains_key("directory") || s.contains_key("path")
            );
            Found {
                line,
                ecosystem: Ecosystem::PyPi,
                package: name,
                direct: is_direct,
                local,
            }
        })
        .collect())
}

/// Whether a `uv.lock` package is the project itself: its source is the project's directory,
/// `editable` or `virtual`.
fn is_project(package: &DeTable<'_>) -> bool {
    matches!(
        package.get("source").map(Spanned::get_ref),
        Some(DeValue::Table(s)) if s.contains_key("editable") || s.contains_key("virtual")
    )
}

/// `poetry.lock`: every locked package, as transitive: the lock does not say which ones the
/// project declares (its `pyproject.toml` does, and is read on its own).
pub(super) fn poetry_lock(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let doc = parse_toml(s)?;
    locked(s, doc.get_ref(), "package", |_| false)
}

/// The `[[KEY]]` entries of a lockfile that does not say which packages the project chose, all
/// transitive; `local` says which are the project's own source.
fn locked(
    s: &Source<'_>,
    root: &DeTable<'_>,
    key: &str,
    local: impl Fn(&DeTable<'_>) -> bool,
) -> Result<Vec<Found>, DetectError> {
    Ok(packages_at(s, root, key)?
        .into_iter()
        .map(|(line, name, package)| Found {
            line,
            ecosystem: Ecosystem::PyPi,
            package: name,
            direct: false,
            local: local(package),
        })
        .collect())
}

/// `pdm.lock`: every locked package, as transitive. A package's `groups` name the project's
/// groups that need it, directly or not, so they do not say which the project chose (its
/// `pyproject.toml` does, and is read on its own).
/// A package from a local `path` (or a `file:` URL) is the project's own source.
fn pdm_lock(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let doc = parse_toml(s)?;
    locked(s, doc.get_ref(), "package", |package| {
        package.contains_key("path")
            || matches!(
                package.get("url").map(Spanned::get_ref),
                Some(DeValue::String(url)) if url.starts_with("file:")
            )
    })
}

/// PEP 751's `pylock.toml`: every `[[packages]]` entry by its `name`, as transitive (the format
/// does not say which packages the project chose); a package from a local `directory` is the
/// project's own source. Wheel and sdist file names inside an entry are not packages.
fn pylock(s: &Source<'_>) -> Result<Option<Detected>, DetectError> {
    let doc = parse_toml(s)?;
    let root = doc.get_ref();
    if !root.contains_key("lock-version") {
        return Err(DetectError::new(
            s.path(),
            None,
            "not a PEP 751 lock file: it has no lock-version",
        ));
    }
    let found = locked(s, root, "packages", |package| {
        package.contains_key("directory")
    })?;
    Ok(Some(Detected::from(found)))
}

/// Whether a file name is PEP 751's: `pylock.toml` or `pylock.NAME.toml` (NAME without a dot).
fn is_pylock(name: &str) -> bool {
    name == "pylock.toml"
        || name
            .strip_prefix("pylock.")
            .and_then(|n| n.strip_suffix(".toml"))
            .is_some_and(|n| !n.is_empty() && !n.contains('.'))
}

/// PEP 751 lock files.
pub(crate) struct Pylock;

impl Detector for Pylock {
    fn name(&self) -> &'static str {
        "pylock"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "pylock",
            files: "`pylock.toml`, `pylock.*.toml` (PEP 751)",
            reads: "every `[[packages]]` entry by its `name`, as transitive (the format does not \
                    say which the project chose; its `pyproject.toml` or requirements do); a \
                    package from a local `directory` is the project's own source; wheel and \
                    sdist file names are not packages",
        }]
    }

    fn short(&self) -> &'static str {
        "pylock.toml"
    }

    fn wants(&self, path: &Path) -> Want {
        if lower_name(path).is_some_and(|n| is_pylock(&n)) {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        pylock(source)
    }

    fn not_this_format(&self) -> &'static str {
        "not a PEP 751 lock file"
    }
}

/// setuptools' `setup.cfg`: `[options]` `install_requires` and every key of
/// `[options.extras_require]`, all direct, read as setuptools reads them (an INI file as
/// Python's `configparser` reads it: keys ignoring case, values continued on indented lines,
/// `#` and `;` comment lines; a value over several lines is one requirement a line, a value on
/// one line is split at `;`). `file:` values name requirements files, read relative to it. A
/// requirement setuptools would reject is a located warning; the rest is read.
fn setup_cfg(s: &Source<'_>) -> Result<Detected, DetectError> {
    let mut detected = Detected::default();
    let mut section = String::new();
    // The key being read and the lines of its value.
    let mut current: Option<(String, Vec<(usize, String)>)> = None;
    let flush =
        |section: &str, key: Option<(String, Vec<(usize, String)>)>, detected: &mut Detected| {
            let Some((key, values)) = key else {
                return;
            };
            if section == "metadata" && key == "name" {
                if let Some((_, name)) = values.first() {
                    detected.defines.push((Ecosystem::PyPi, name.clone()));
                }
                return;
            }
            let wanted = (section == "options" && key == "install_requires")
                || section == "options.extras_require";
            if !wanted {
                return;
            }
            let what = if section == "options" {
                "install_requires".to_owned()
            } else {
                format!("extras_require {key}")
            };
            let single = values.len() == 1;
            for (line, value) in values {
                if let Some(files) = value.strip_prefix("file:") {
                    for file in files.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                        let target = s.path().parent().unwrap_or(Path::new("")).join(file);
                        detected
                            .includes
                            .push(Include::file(line, target, &Requirements, true));
                    }
                    continue;
                }
                let parts: Vec<&str> = if single {
                    value.split(';').collect()
                } else {
                    vec![value.as_str()]
                };
                for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
                    match requirement_name(part) {
                        Ok(name) => detected.found.push(python(line, name)),
                        Err(message) => detected
                            .notes
                            .push(Note::warning(line, format!("{what}: {message}: left out"))),
                    }
                }
            }
        };
    for (index, raw) in s.text().lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if indented {
            if let Some((_, values)) = &mut current {
                values.push((line, trimmed.to_owned()));
                continue;
            }
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            flush(&section, current.take(), &mut detected);
            section = name.trim().to_ascii_lowercase();
            continue;
        }
        let Some(cut) = trimmed.find(['=', ':']) else {
            detected.notes.push(Note::warning(
                line,
                "not a key = value line of an INI file: left out",
            ));
            continue;
        };
        flush(&section, current.take(), &mut detected);
        let key = trimmed[..cut].trim().to_ascii_lowercase();
        let value = trimmed[cut + 1..].trim();
        let values = if value.is_empty() {
            Vec::new()
        } else {
            vec![(line, value.to_owned())]
        };
        current = Some((key, values));
    }
    flush(&section, current.take(), &mut detected);
    Ok(detected)
}

by_name!(
    SetupCfg,
    "setup-cfg",
    "setup.cfg",
    "`[options]` `install_requires` and `[options.extras_require]`, all direct, as setuptools \
     reads them (one requirement a line, or a one-line value split at `;`); `file:` values are \
     requirements files, read relative to it",
    setup_cfg
);

/// The tables of a `Pipfile` that are not package categories.
const PIPFILE_OTHER: [&str; 4] = ["source", "requires", "scripts", "pipenv"];

/// Pipenv's `Pipfile`: every package category (`[packages]`, `[dev-packages]` and any other
/// table but `source`, `requires`, `scripts` and `pipenv`), by its keys, all direct; a package
/// from a local `path` (or a `file` URL) is the project's own source.
fn pipfile(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let doc = parse_toml(s)?;
    let mut found = Vec::new();
    for (category, packages) in doc.get_ref() {
        if PIPFILE_OTHER.contains(&category.get_ref().as_ref()) {
            continue;
        }
        let DeValue::Table(packages) = packages.get_ref() else {
            return Err(DetectError::new(
                s.path(),
                Some(s.line(packages.span().start)),
                format!(
                    "{} must be a table of packages (or one of {})",
                    category.get_ref(),
                    PIPFILE_OTHER.join(", ")
                ),
            ));
        };
        for (name, spec) in packages {
            let local = matches!(
                spec.get_ref(),
                DeValue::Table(t) if t.contains_key("path")
                    || matches!(t.get("file").map(Spanned::get_ref),
                        Some(DeValue::String(f)) if f.starts_with("file:"))
            );
            let mut dependency = python(s.line(name.span().start), name.get_ref().to_string());
            dependency.local = local;
            found.push(dependency);
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

fn normalize_pypi(name: &str) -> String {
    crate::registry::package::normalize(Ecosystem::PyPi, name).into_owned()
}

/// The `[[package]]` entries of a lockfile: the line of each `name`, the name, the table.
pub(super) fn lock_packages<'a, 't>(
    s: &Source<'_>,
    root: &'a DeTable<'t>,
) -> Result<Vec<(usize, String, &'a DeTable<'t>)>, DetectError> {
    packages_at(s, root, "package")
}

/// The `[[KEY]]` entries of a lockfile (`package` in most, `packages` in PEP 751's): the line
/// of each `name`, the name, the table.
fn packages_at<'a, 't>(
    s: &Source<'_>,
    root: &'a DeTable<'t>,
    key: &str,
) -> Result<Vec<(usize, String, &'a DeTable<'t>)>, DetectError> {
    let path = s.path();
    let Some(packages) = root.get(key) else {
        return Ok(Vec::new());
    };
    let items = array(packages).ok_or_else(|| {
        DetectError::new(
            path,
            Some(s.line(packages.span().start)),
            format!("{key} must be an array of tables"),
        )
    })?;
    let mut out = Vec::new();
    for item in items {
        let DeValue::Table(package) = item.get_ref() else {
            return Err(DetectError::new(
                path,
                Some(s.line(item.span().start)),
                format!("a [[{key}]] entry must be a table"),
            ));
        };
        match package.get("name") {
            Some(name) => match name.get_ref() {
                DeValue::String(n) => out.push((s.line(name.span().start), n.to_string(), package)),
                _ => {
                    return Err(DetectError::new(
                        path,
                        Some(s.line(name.span().start)),
                        "a package's name must be a string",
                    ));
                }
            },
            None => {
                return Err(DetectError::new(
                    path,
                    Some(s.line(item.span().start)),
                    format!("a [[{key}]] entry has no name"),
                ));
            }
        }
    }
    Ok(out)
}

/// `requirements*.txt`, `*requirements.txt`, `requirements/*.txt`, and the same with `.in`.
pub(crate) struct Requirements;

impl Detector for Requirements {
    fn name(&self) -> &'static str {
        "requirements"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "requirements",
            files: "`requirements*.txt`, `*requirements.txt`, `requirements/*.txt`, and their \
                    `.in` forms (`requirements.in`, `requirements/dev.in`: pip-tools' and uv's \
                    inputs)",
            reads: "requirements as pip reads them (PEP 508, `name @ url`, VCS lines by their \
                    `#egg=` name, wheel and sdist file names, options, `--hash`, continuations); \
                    `-r` includes relative to the including file, `-c` constraint files (read, \
                    never declaring); editables and local paths (`-e .[dev]`, `src/pkg`) are the \
                    project's own source; a remote include is noted, not fetched; a line pip would \
                    reject is a warning. A file `pip-compile` or `uv pip compile` wrote is a \
                    lockfile: a package is direct only when its `# via` names the project's own \
                    inputs (`-r requirements.in`, `pyproject.toml`)",
        }]
    }

    fn short(&self) -> &'static str {
        "requirements*.txt, requirements*.in"
    }

    fn wants(&self, path: &Path) -> Want {
        let Some(name) = lower_name(path) else {
            return Want::No;
        };
        // pip-tools' and uv's inputs (`requirements.in`, `requirements/dev.in`) are
        // requirements files too.
        let Some(stem) = name
            .strip_suffix(".txt")
            .or_else(|| name.strip_suffix(".in"))
        else {
            return Want::No;
        };
        let requirements = stem.starts_with("requirements")
            || stem.ends_with("requirements")
            || in_requirements_dir(path);
        if requirements { Want::Name } else { Want::No }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        requirements(source).map(Some)
    }
}

/// Whether the file is in a directory named `requirements` (`requirements/base.txt`).
fn in_requirements_dir(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d.eq_ignore_ascii_case("requirements"))
}

/// A detector of one file name, read by one function.
macro_rules! by_name {
    ($detector:ident, $name:literal, $file:literal, $reads:literal, $read:path) => {
        pub(crate) struct $detector;

        impl Detector for $detector {
            fn name(&self) -> &'static str {
                $name
            }

            fn formats(&self) -> &'static [FileFormat] {
                &[FileFormat {
                    detector: $name,
                    files: concat!("`", $file, "`"),
                    reads: $reads,
                }]
            }

            fn short(&self) -> &'static str {
                $file
            }

            fn wants(&self, path: &Path) -> Want {
                if lower_name(path).is_some_and(|n| n.eq_ignore_ascii_case($file)) {
                    Want::Name
                } else {
                    Want::No
                }
            }

            fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
                $read(source).map(|read| Some(Detected::from(read)))
            }
        }
    };
}
pub(super) use by_name;

/// `pyproject.toml`: what it depends on, and the project it defines.
pub(crate) struct Pyproject;

impl Detector for Pyproject {
    fn name(&self) -> &'static str {
        "pyproject"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "pyproject",
            files: "`pyproject.toml`",
            reads: "PEP 621 `dependencies` and `optional-dependencies`, PEP 735 \
                    `dependency-groups`, Poetry's dependency tables and groups, \
                    `[tool.pdm.dev-dependencies]` (an editable path is the project's own \
                    source), `[tool.uv] dev-dependencies`, `[tool.hatch.envs.*]` \
                    `dependencies` and `extra-dependencies`: all direct",
        }]
    }

    fn short(&self) -> &'static str {
        "pyproject.toml"
    }

    fn wants(&self, path: &Path) -> Want {
        if lower_name(path).is_some_and(|n| n == "pyproject.toml") {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        let found = pyproject(source)?;
        let doc = parse_toml(source)?;
        let root = doc.get_ref();
        let mut defines = Vec::new();
        for name in [
            table(root, "project").and_then(|p| p.get("name")),
            table(root, "tool")
                .and_then(|t| table(t, "poetry"))
                .and_then(|p| p.get("name")),
        ]
        .into_iter()
        .flatten()
        {
            if let DeValue::String(name) = name.get_ref() {
                defines.push((Ecosystem::PyPi, name.to_string()));
            }
        }
        Ok(Some(Detected {
            found,
            defines,
            ..Detected::default()
        }))
    }
}
by_name!(
    UvLock,
    "uv-lock",
    "uv.lock",
    "every locked package; what the project's own package (source `editable` or `virtual`) \
     depends on, in any group or extra, is direct, the rest transitive; a package from a local \
     `directory` or `path` is the project's own source",
    uv_lock
);
by_name!(
    PoetryLock,
    "poetry-lock",
    "poetry.lock",
    "every locked package, as transitive (the lock does not say which the project declares; \
     its `pyproject.toml` does)",
    poetry_lock
);
by_name!(
    Pipfile,
    "pipfile",
    "Pipfile",
    "Pipenv's package categories (`[packages]`, `[dev-packages]` and any other table but \
     `source`, `requires`, `scripts` and `pipenv`), by their keys, all direct; a package from a \
     local `path` is the project's own source",
    pipfile
);
by_name!(
    PdmLock,
    "pdm-lock",
    "pdm.lock",
    "every locked package, as transitive (a package's `groups` say which of the project's \
     groups need it, not which it chose; its `pyproject.toml` does); a package from a local \
     `path` is the project's own source",
    pdm_lock
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_comments() {
        assert_eq!(split_option("-r base.txt"), Some(("-r", Some("base.txt"))));
        assert_eq!(split_option("-rbase.txt"), Some(("-r", Some("base.txt"))));
        assert_eq!(
            split_option("--requirement=base.txt"),
            Some(("--requirement", Some("base.txt")))
        );
        assert_eq!(split_option("--pre"), Some(("--pre", None)));
        assert_eq!(split_option("garak"), None);
        assert_eq!(strip_comment("garak # the scanner"), "garak ");
        assert_eq!(
            strip_comment("git+https://x/y.git#egg=z"),
            "git+https://x/y.git#egg=z"
        );
        assert_eq!(
            egg("git+https://github.com/protectai/nbdefense#egg=nbdefense"),
            Some("nbdefense".to_owned())
        );
        assert_eq!(
            archive_name("https://x/garak-0.9-py3-none-any.whl"),
            Some("garak".to_owned())
        );
        assert_eq!(
            requirement_name("Garak[all]>=0.9; python_version>'3.9'"),
            Ok("Garak".to_owned())
        );
        assert!(requirement_name("garak >== 1").is_err());
    }

    #[test]
    fn continuations_keep_the_first_line() {
        let lines: Vec<(usize, String)> = logical_lines("a \\\n  >=1\nb\n")
            .map(|(l, t)| (l, t.into_owned()))
            .collect();
        assert_eq!(lines, [(1, "a   >=1".to_owned()), (3, "b".to_owned())]);
    }
}
