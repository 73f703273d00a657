//! Rust projects: `Cargo.toml`'s dependency tables.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::python::{parse_toml, table};
use super::{DetectError, Found, line_of};
use crate::registry::package::Ecosystem;

const TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// The member directories of a workspace's `Cargo.toml` (`members = ["crates/*", "cli"]`), each
/// with a `Cargo.toml`; a `*` stands for every subdirectory.
pub(super) fn workspace_members(
    path: &Path,
    text: &str,
) -> Result<Vec<std::path::PathBuf>, DetectError> {
    let doc = parse_toml(path, text)?;
    let Some(members) = table(doc.get_ref(), "workspace").and_then(|w| w.get("members")) else {
        return Ok(Vec::new());
    };
    let DeValue::Array(patterns) = members.get_ref() else {
        return Err(DetectError::new(
            path,
            Some(line_of(text, members.span().start)),
            "workspace.members must be an array of paths",
        ));
    };
    let root = path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for pattern in patterns.iter() {
        let DeValue::String(pattern) = pattern.get_ref() else {
            return Err(DetectError::new(
                path,
                Some(line_of(text, pattern.span().start)),
                "workspace.members must be an array of paths",
            ));
        };
        match pattern.strip_suffix("/*") {
            Some(parent) => {
                let dir = root.join(parent);
                let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
                    .map_err(|e| {
                        DetectError::new(
                            path,
                            None,
                            format!(
                                "workspace member {pattern:?}: cannot read {}: {e}",
                                dir.display()
                            ),
                        )
                    })?
                    .filter_map(Result::ok)
                    .map(|e| e.path().join("Cargo.toml"))
                    .filter(|p| p.is_file())
                    .collect();
                found.sort();
                out.extend(found);
            }
            None => {
                let manifest = root.join(pattern.as_ref()).join("Cargo.toml");
                if !manifest.is_file() {
                    return Err(DetectError::new(
                        path,
                        None,
                        format!("workspace member {pattern:?} has no Cargo.toml"),
                    ));
                }
                out.push(manifest);
            }
        }
    }
    Ok(out)
}

/// The crates a `Cargo.toml` depends on: `[dependencies]`, `[dev-dependencies]`,
/// `[build-dependencies]`, their `[target.'cfg(..)'.*]` forms and `[workspace.dependencies]`. A
/// renamed dependency (`alias = { package = "real" }`) counts by its real name.
pub(super) fn cargo_toml(path: &Path, text: &str) -> Result<Vec<Found>, DetectError> {
    let doc = parse_toml(path, text)?;
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
            let (name, at) = match value.get_ref() {
                DeValue::Table(spec) => match spec.get("package") {
                    Some(package) => match package.get_ref() {
                        DeValue::String(real) => (real.to_string(), package.span().start),
                        _ => {
                            return Err(DetectError::new(
                                path,
                                Some(line_of(text, package.span().start)),
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
                line: line_of(text, at),
                ecosystem: Ecosystem::Cargo,
                package: name,
                direct: true,
            });
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

/// `Cargo.lock`: every locked crate from a registry or repository; the crates the workspace's
/// own packages (those without a `source`) depend on are direct.
pub(super) fn cargo_lock(path: &Path, text: &str) -> Result<Vec<Found>, DetectError> {
    let doc = parse_toml(path, text)?;
    let packages = super::python::lock_packages(path, text, doc.get_ref())?;
    let is_local = |p: &DeTable<'_>| !p.contains_key("source");
    let mut direct: Vec<String> = Vec::new();
    for (_, _, package) in packages.iter().filter(|(_, _, p)| is_local(p)) {
        if let Some(DeValue::Array(deps)) = package.get("dependencies").map(|d| d.get_ref()) {
            for dep in deps.iter() {
                if let DeValue::String(dep) = dep.get_ref() {
                    // "name" or "name version" or "name version (source)".
                    direct.push(dep.split(' ').next().unwrap_or(dep).to_owned());
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
            }
        })
        .collect())
}
