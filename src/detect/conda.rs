//! conda environment files (`environment.yml`, `environment.yaml`): the conda packages of
//! `dependencies`, matched by their names against PyPI's (conda-forge names most Python
//! packages as PyPI does), and the `pip:` section, read as a requirements file.

use std::path::Path;

use super::detector::{Detected, Detector, FileFormat, Source, Want, lower_name};
use super::yaml::{self, Node};
use super::{DetectError, Found, Note};
use crate::registry::package::Ecosystem;

/// The name of a conda match specification: `numpy`, `numpy=1.26`, `numpy >=1.26`,
/// `conda-forge::numpy=1.26=py311*`, `numpy[version='>=1.26']`.
fn spec_name(spec: &str) -> Option<&str> {
    let spec = spec.trim();
    let spec = spec.rsplit_once("::").map_or(spec, |(_, name)| name);
    // A channel written as a path (`conda-forge/linux-64::numpy`) is gone with the `::`.
    let end = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(spec.len());
    // As written: `garak.` is no name (the one rule of names says so), never `garak`.
    let name = &spec[..end];
    (!name.is_empty()).then_some(name)
}

/// What an environment file declares: each conda package (as a PyPI name) and each line of its
/// `pip:` section, all direct; `None` when the YAML is not an environment (no `dependencies`).
fn environment(s: &Source<'_>) -> Result<Option<Detected>, DetectError> {
    let docs = yaml::documents(s)?;
    let Some(dependencies) = docs.first().and_then(|d| d.get("dependencies")) else {
        return Ok(None);
    };
    let mut detected = Detected::default();
    let Node::Seq(items) = dependencies else {
        return Err(DetectError::new(
            s.path(),
            None,
            "dependencies must be a list of packages",
        ));
    };
    for item in items {
        match item {
            Node::Scalar(spec, line) => match spec_name(spec) {
                Some(name) => detected.found.push(Found {
                    line: *line,
                    ecosystem: Ecosystem::PyPi,
                    package: name.to_owned(),
                    direct: true,
                    local: false,
                }),
                None => detected.notes.push(Note::warning(
                    *line,
                    format!("{spec:?} is not a conda package specification: left out"),
                )),
            },
            Node::Map(_) => match item.get("pip") {
                Some(Node::Seq(lines)) => {
                    for entry in lines {
                        if let Some((text, line)) = entry.scalar() {
                            super::python::pip_line(s.path(), line, text.trim(), &mut detected);
                        }
                    }
                }
                _ => {
                    let line = first_line(item);
                    detected.notes.push(Note::warning(
                        line,
                        "a mapping in dependencies other than pip: [...]: left out",
                    ));
                }
            },
            Node::Seq(_) => {
                detected.notes.push(Note::warning(
                    first_line(item),
                    "a list inside dependencies: left out",
                ));
            }
        }
    }
    Ok(Some(detected))
}

/// The line of a node's first scalar (1 when it has none).
fn first_line(node: &Node) -> usize {
    match node {
        Node::Scalar(_, line) => *line,
        Node::Seq(items) => items.first().map_or(1, first_line),
        Node::Map(entries) => entries.first().map_or(1, |(k, _)| first_line(k)),
    }
}

/// `environment.yml` and `environment.yaml`.
pub(crate) struct CondaEnvironment;

impl Detector for CondaEnvironment {
    fn name(&self) -> &'static str {
        "conda"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "conda",
            files: "conda environments (`environment.yml`, `environment.yaml`)",
            reads: "`dependencies`: each conda package by its name, matched against PyPI names \
                    (conda-forge names most Python packages as PyPI does; a channel prefix \
                    `conda-forge::` is dropped), and the `pip:` section read as a requirements \
                    file (`-r` relative to the environment file); all direct",
        }]
    }

    fn short(&self) -> &'static str {
        "environment.yml"
    }

    fn wants(&self, path: &Path) -> Want {
        match lower_name(path).as_deref() {
            Some("environment.yml" | "environment.yaml") => Want::Content,
            _ => Want::No,
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        environment(source)
    }

    fn not_this_format(&self) -> &'static str {
        "not a conda environment file (it has no dependencies)"
    }
}

#[cfg(test)]
mod tests {
    use super::spec_name;

    #[test]
    fn conda_match_specifications_name_their_package() {
        for (spec, name) in [
            ("numpy", "numpy"),
            ("numpy=1.26", "numpy"),
            ("numpy >=1.26", "numpy"),
            ("conda-forge::numpy=1.26=py311*", "numpy"),
            ("conda-forge/linux-64::nemo-guardrails", "nemo-guardrails"),
            ("numpy[version='>=1.26']", "numpy"),
            ("python=3.11.*", "python"),
        ] {
            assert_eq!(spec_name(spec), Some(name), "{spec}");
        }
        assert_eq!(spec_name(">=1"), None);
        assert_eq!(spec_name(""), None);
    }
}
