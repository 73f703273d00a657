//! pre-commit configurations (`.pre-commit-config.yaml`): the repositories hooks come from, and
//! the packages hooks install into their environments (`additional_dependencies`).

use std::path::Path;

use super::detector::{Detected, Detector, FileFormat, Source, Want, lower_name};
use super::yaml::{self, Node};
use super::{DetectError, Found, Note};
use crate::registry::package::Ecosystem;

/// The `OWNER/REPO` of a repository URL on GitHub (`https://github.com/OWNER/REPO`, with or
/// without `.git`, or `git@github.com:OWNER/REPO.git`).
pub(super) fn github_repository(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = ["https://", "http://", "git://", "ssh://git@"]
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme))
        .and_then(|r| {
            r.strip_prefix("github.com/")
                .or_else(|| r.strip_prefix("www.github.com/"))
        })
        .or_else(|| url.strip_prefix("git@github.com:"))?;
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let (owner, repo) = rest.split_once('/')?;
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
    };
    (word(owner) && word(repo)).then(|| format!("{owner}/{repo}"))
}

fn found(line: usize, ecosystem: Ecosystem, package: String) -> Found {
    Found {
        line,
        ecosystem,
        package,
        direct: true,
        local: false,
    }
}

/// A package of `additional_dependencies`, read as the hook's language names them: PEP 508
/// requirements for Python (and for a hook whose language the configuration does not say,
/// since most are), `name@version` for node, `cli:name:version` or `name:version` for Rust.
fn additional(language: Option<&str>, text: &str, line: usize, detected: &mut Detected) {
    let text = text.trim();
    match language {
        None | Some("python" | "python_venv") => match super::python::requirement_name(text) {
            Ok(name) => detected.found.push(found(line, Ecosystem::PyPi, name)),
            Err(message) => detected.notes.push(Note::info(
                line,
                format!(
                    "additional_dependencies: {message}: left out (a hook of another language \
                     names its packages otherwise)"
                ),
            )),
        },
        Some("node") => {
            let (scope, bare) = match text.strip_prefix('@') {
                Some(rest) => ("@", rest),
                None => ("", text),
            };
            let name = bare.split('@').next().unwrap_or(bare);
            if name.is_empty() {
                detected.notes.push(Note::warning(
                    line,
                    format!("additional_dependencies: {text:?} is not an npm package: left out"),
                ));
            } else {
                detected
                    .found
                    .push(found(line, Ecosystem::Npm, format!("{scope}{name}")));
            }
        }
        Some("rust") => {
            let bare = text.strip_prefix("cli:").unwrap_or(text);
            let name = bare.split(':').next().unwrap_or(bare);
            detected
                .found
                .push(found(line, Ecosystem::Cargo, name.to_owned()));
        }
        Some(other) => detected.notes.push(Note::info(
            line,
            format!("additional_dependencies of a {other} hook: not read"),
        )),
    }
}

/// What a pre-commit configuration declares: each hook repository on GitHub
/// (`pkg:github/OWNER/REPO`) and each of the hooks' `additional_dependencies`, all direct.
fn precommit(s: &Source<'_>) -> Result<Detected, DetectError> {
    let docs = yaml::documents(s)?;
    let mut detected = Detected::default();
    let Some(repos) = docs.first().and_then(|d| d.get("repos")) else {
        return Ok(detected);
    };
    let Node::Seq(repos) = repos else {
        return Err(DetectError::new(
            s.path(),
            None,
            "repos must be a list of repositories",
        ));
    };
    for repo in repos {
        match repo.get("repo").and_then(Node::scalar) {
            Some(("local" | "meta", _)) => {}
            Some((url, line)) => match github_repository(url) {
                Some(repository) => {
                    detected
                        .found
                        .push(found(line, Ecosystem::GitHub, repository));
                }
                None => detected.notes.push(Note::info(
                    line,
                    format!("repo: {url}: not a GitHub repository, not read as a package"),
                )),
            },
            None => {}
        }
        for hook in repo.get("hooks").map(Node::items).unwrap_or(&[]) {
            let language = hook.get("language").and_then(Node::scalar).map(|(l, _)| l);
            let dependencies = hook.get("additional_dependencies");
            for dependency in dependencies.map(Node::items).unwrap_or(&[]) {
                if let Some((text, line)) = dependency.scalar() {
                    additional(language, text, line, &mut detected);
                }
            }
        }
    }
    Ok(detected)
}

/// `.pre-commit-config.yaml` and `.pre-commit-config.yml`.
pub(crate) struct PreCommit;

impl Detector for PreCommit {
    fn name(&self) -> &'static str {
        "pre-commit"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "pre-commit",
            files: "pre-commit configurations (`.pre-commit-config.yaml`)",
            reads: "each hook `repo:` on GitHub as `pkg:github/OWNER/REPO` (`local` and `meta` \
                    name none), and each hook's `additional_dependencies`: PEP 508 requirements \
                    for Python hooks and hooks whose language the file does not say, npm \
                    packages for `language: node`, crates for `language: rust`; all direct",
        }]
    }

    fn short(&self) -> &'static str {
        ".pre-commit-config.yaml"
    }

    fn wants(&self, path: &Path) -> Want {
        match lower_name(path).as_deref() {
            Some(".pre-commit-config.yaml" | ".pre-commit-config.yml") => Want::Name,
            _ => Want::No,
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        precommit(source).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::github_repository;

    #[test]
    fn hook_repositories_on_github() {
        for (url, repository) in [
            (
                "https://github.com/astral-sh/ruff-pre-commit",
                "astral-sh/ruff-pre-commit",
            ),
            ("https://github.com/PyCQA/flake8.git", "PyCQA/flake8"),
            (
                "https://github.com/pre-commit/mirrors-mypy/",
                "pre-commit/mirrors-mypy",
            ),
            (
                "git@github.com:gitguardian/ggshield.git",
                "gitguardian/ggshield",
            ),
        ] {
            assert_eq!(github_repository(url).as_deref(), Some(repository), "{url}");
        }
        for other in [
            "https://gitlab.com/a/b",
            "local",
            "https://github.com/a",
            "https://github.com/a/b/c",
        ] {
            assert_eq!(github_repository(other), None, "{other}");
        }
    }
}
