//! Rust projects: `Cargo.toml`'s dependency tables.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::detector::{Detected, Detector, FileFormat, Include, Source, Target, Want, lower_name};
use super::python::by_name;
use super::python::{parse_toml, table};
use super::{DetectError, Found};
use crate::registry::package::Ecosystem;

const TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// The members of a workspace's `Cargo.toml` (`members = ["crates/*", "cli"]`), each an
/// include of its `Cargo.toml`; a glob (`crates/*`, `crates/*-cli`, `libs/**`) stands for every
/// directory it matches that has one, as Cargo matches them.
fn workspace_members(s: &Source<'_>) -> Result<Vec<Include>, DetectError> {
    let path = s.path();
    let doc = parse_toml(s)?;
    let Some(members) = table(doc.get_ref(), "workspace").and_then(|w| w.get("members")) else {
        return Ok(Vec::new());
    };
    let DeValue::Array(patterns) = members.get_ref() else {
        return Err(DetectError::new(
            path,
            Some(s.line(members.span().start)),
            "workspace.members must be an array of paths",
        ));
    };
    let root = path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for pattern in patterns.iter() {
        let line = s.line(pattern.span().start);
        let DeValue::String(pattern) = pattern.get_ref() else {
            return Err(DetectError::new(
                path,
                Some(line),
                "workspace.members must be an array of paths",
            ));
        };
        let target = if pattern.contains(['*', '?', '[']) {
            // The literal words first, as a directory that is confined to the root like any
            // path; the glob below it.
            let words: Vec<&str> = pattern.split('/').collect();
            let literal = words
                .iter()
                .take_while(|w| !w.contains(['*', '?', '[']))
                .count();
            let dir = words[..literal]
                .iter()
                .fold(root.to_owned(), |d, w| d.join(w));
            Target::Glob(dir, words[literal..].join("/"), "Cargo.toml")
        } else {
            Target::File(root.join(pattern.as_ref()).join("Cargo.toml"))
        };
        out.push(Include {
            line,
            target,
            detector: &CargoToml,
            declares: true,
            what: format!("workspace member {pattern:?}"),
            if_missing: None,
        });
    }
    Ok(out)
}

/// The crates a `Cargo.toml` depends on: `[dependencies]`, `[dev-dependencies]`,
/// `[build-dependencies]`, their `[target.'cfg(..)'.*]` forms and `[workspace.dependencies]`. A
/// renamed dependency (`alias = { package = "real" }`) counts by its real name.
pub(super) fn cargo_toml(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let path = s.path();
    let doc = parse_toml(s)?;
    let root = doc.get_ref();
    let mut tables: Vec<&DeTable<'_>> = TABLES.iter().filter_map(|t| table(root, t)).collect();
    if let Some(targets) = table(root, "target") {
        for (_, target) in targets {
            if let DeValue::Table(target) = target.get_ref() {
                tables.extend(TABLES.iter().filter_map(|t| table(target, t)));
            }
        }
    }
    tables.extend(table(root, "workspace").and_then(|w| table(w, "dependencies")));
    let mut found = Vec::new();
    for deps in tables {
        for (key, value) in deps {
            // A path dependency is the project's own source, not a crate of a registry.
            let local =
                matches!(value.get_ref(), DeValue::Table(spec) if spec.contains_key("path"));
            let (name, at) = match value.get_ref() {
                DeValue::Table(spec) => match spec.get("package") {
                    Some(package) => match package.get_ref() {
                        DeValue::String(real) => (real.to_string(), package.span().start),
                        _ => {
                            return Err(DetectError::new(
                                path,
                                Some(s.line(package.span().start)),
                                format!(
                                    "the package of dependency {:?} must be a string",
                                    key.get_ref()
                                ),
                            ));
                        }
                    },
                    None => (key.get_ref().to_string(), key.span().start),
                },
                _ => (key.get_ref().to_string(), key.span().start),
            };
            found.push(Found {
                line: s.line(at),
                ecosystem: Ecosystem::Cargo,
                package: name,
                direct: true,
                local,
            });
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

/// `Cargo.lock`: every locked crate from a registry or repository; the crates the workspace's
/// own packages (those without a `source`) depend on are direct.
pub(super) fn cargo_lock(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let doc = parse_toml(s)?;
    let packages = super::python::lock_packages(s, doc.get_ref())?;
    let is_local = |p: &DeTable<'_>| !p.contains_key("source");
    // A set: a root that depends on every package must not make the lock quadratic.
    let mut direct: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (_, _, package) in packages.iter().filter(|(_, _, p)| is_local(p)) {
        if let Some(DeValue::Array(deps)) = package.get("dependencies").map(|d| d.get_ref()) {
            for dep in deps.iter() {
                if let DeValue::String(dep) = dep.get_ref() {
                    // "name" or "name version" or "name version (source)".
                    direct.insert(dep.split(' ').next().unwrap_or(dep).to_owned());
                }
            }
        }
    }
    Ok(packages
        .into_iter()
        .filter(|(_, _, p)| !is_local(p))
        .map(|(line, name, _)| {
            let is_direct = direct.contains(&name);
            Found {
                line,
                ecosystem: Ecosystem::Cargo,
                package: name,
                direct: is_direct,
                local: false,
            }
        })
        .collect())
}

/// `Cargo.toml`: its dependency tables, and its workspace's members.
pub(crate) struct CargoToml;

impl Detector for CargoToml {
    fn name(&self) -> &'static str {
        "cargo-toml"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "cargo-toml",
            files: "`Cargo.toml`",
            reads: "`[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their \
                    `[target.*]` forms and `[workspace.dependencies]`; a workspace's members \
                    (`members = [\"crates/*\"]`) are read too",
        }]
    }

    fn short(&self) -> &'static str {
        "Cargo.toml"
    }

    fn wants(&self, path: &Path) -> Want {
        if lower_name(path).is_some_and(|n| n == "cargo.toml") {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        let doc = parse_toml(source)?;
        let defines = table(doc.get_ref(), "package")
            .and_then(|p| p.get("name"))
            .and_then(|n| match n.get_ref() {
                DeValue::String(name) => Some((Ecosystem::Cargo, name.to_string())),
                _ => None,
            })
            .into_iter()
            .collect();
        Ok(Some(Detected {
            found: cargo_toml(source)?,
            includes: workspace_members(source)?,
            defines,
            ..Detected::default()
        }))
    }
}

by_name!(
    CargoLock,
    "cargo-lock",
    "Cargo.lock",
    "every crate from a registry or repository; what the workspace's own packages depend on is \
     direct, the rest transitive",
    cargo_lock
);
