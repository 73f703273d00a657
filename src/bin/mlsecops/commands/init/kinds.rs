//! What kind of project a scan shows, from its dependencies, and the risks `init` requires of
//! each kind: the tables `kinds.tsv` (marker packages of each kind) and `risks.tsv` (the risks of
//! each kind, with why), read as data so that the book and the tests read the same ones.

use std::path::PathBuf;

use mlsecops_taxonomy::{Package, Risk, RiskSet, Root, detect};

/// The kinds and their markers (`kinds.tsv`).
const KINDS: &str = include_str!("kinds.tsv");
/// The risks of each kind, and of a project of no known kind (`risks.tsv`).
const RISKS: &str = include_str!("risks.tsv");
/// The kind of `risks.tsv` a project of no known kind is required.
pub const DEFAULT: &str = "default";

/// One kind of project.
pub struct Kind {
    pub name: String,
    /// As the written policy says it: "an application calling an LLM".
    pub what: String,
    /// Whether the kind also needs a Dockerfile or Containerfile among the files read.
    container: bool,
    markers: Vec<Package>,
}

/// A kind the scan shows, with what shows it: the marker, where, and the container file.
pub struct Found<'k> {
    pub kind: &'k Kind,
    /// The marker's ecosystem: the project's, whose tools init proposes first.
    pub ecosystem: mlsecops_taxonomy::Ecosystem,
    package: String,
    file: PathBuf,
    line: usize,
    container: Option<PathBuf>,
}

impl Found<'_> {
    /// `openai (requirements.txt:1)`, `fastapi (requirements.txt:2) and Dockerfile`, files named
    /// from the repository's root.
    pub fn evidence(&self, root: &Root) -> String {
        let mut out = format!(
            "{} ({}:{})",
            self.package,
            root.relative(&self.file),
            self.line
        );
        if let Some(file) = &self.container {
            out.push_str(&format!(" and {}", root.relative(file)));
        }
        out
    }
}

/// The two tables, read.
pub struct Tables {
    pub kinds: Vec<Kind>,
    /// `(kind, risk, why)`, in the file's order.
    pub risks: Vec<(String, Risk, String)>,
}

/// The data rows of a table: not blank, not a comment, not the header.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

impl Tables {
    /// Both tables; an error names the table, line and problem (the tests read them too, so a
    /// mistake fails them before any release).
    pub fn read() -> Result<Tables, String> {
        let mut kinds = Vec::new();
        for (line, cells) in rows(KINDS) {
            let [name, what, container, markers] = cells[..] else {
                return Err(format!("kinds.tsv:{line}: expected 4 cells"));
            };
            let markers = markers
                .split_whitespace()
                .map(|m| m.parse::<Package>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("kinds.tsv:{line}: {e}"))?;
            kinds.push(Kind {
                name: name.to_owned(),
                what: what.to_owned(),
                container: container == "yes",
                markers,
            });
        }
        let mut risks = Vec::new();
        for (line, cells) in rows(RISKS) {
            let [kind, risk, why] = cells[..] else {
                return Err(format!("risks.tsv:{line}: expected 3 cells"));
            };
            if kind != DEFAULT && !kinds.iter().any(|k| k.name == kind) {
                return Err(format!("risks.tsv:{line}: no kind {kind:?} in kinds.tsv"));
            }
            let risk: Risk = risk.parse().map_err(|e| format!("risks.tsv:{line}: {e}"))?;
            risks.push((kind.to_owned(), risk, why.to_owned()));
        }
        if let Some(k) = kinds
            .iter()
            .map(|k| k.name.as_str())
            .chain([DEFAULT])
            .find(|k| !risks.iter().any(|(kind, _, _)| kind == k))
        {
            return Err(format!("risks.tsv: the kind {k:?} requires no risk"));
        }
        Ok(Tables { kinds, risks })
    }

    /// The kinds the scan shows, in the table's order: a kind whose marker is a direct
    /// dependency (and, for a kind that needs one, with a Dockerfile or Containerfile read).
    pub fn found(&self, inventory: &detect::Inventory) -> Vec<Found<'_>> {
        let container: Option<&PathBuf> = inventory
            .files()
            .iter()
            .find(|f| detect::detector_for(f) == Some("dockerfile"));
        let mut out = Vec::new();
        for kind in &self.kinds {
            let marker = inventory.dependencies().iter().find(|d| {
                d.is_direct()
                    && kind
                        .markers
                        .iter()
                        .any(|m| m.matches(d.ecosystem(), d.package()))
            });
            let Some(marker) = marker else { continue };
            if kind.container && container.is_none() {
                continue;
            }
            out.push(Found {
                kind,
                ecosystem: marker.ecosystem(),
                package: marker.package().to_owned(),
                file: marker.file().to_owned(),
                line: marker.line(),
                container: container.filter(|_| kind.container).cloned(),
            });
        }
        out
    }

    /// The risks of the kinds (of `default` when none), each with the why of the first kind
    /// that requires it, in the taxonomy's order.
    pub fn risks_of(&self, kinds: &[&str]) -> Vec<(Risk, &str)> {
        let kinds: Vec<&str> = if kinds.is_empty() {
            vec![DEFAULT]
        } else {
            kinds.to_vec()
        };
        let set: RiskSet = self
            .risks
            .iter()
            .filter(|(k, _, _)| kinds.contains(&k.as_str()))
            .map(|(_, r, _)| *r)
            .collect();
        set.iter()
            .map(|risk| {
                let why = kinds
                    .iter()
                    .find_map(|k| {
                        self.risks
                            .iter()
                            .find(|(kind, r, _)| kind == k && *r == risk)
                    })
                    .map_or("", |(_, _, why)| why.as_str());
                (risk, why)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Tables;

    #[test]
    fn the_tables_read_and_every_kind_requires_some_risk() {
        let tables = Tables::read().unwrap();
        let names: Vec<&str> = tables.kinds.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["llm-application", "training", "model-serving"]);
        assert!(tables.kinds.iter().all(|k| !k.markers.is_empty()));
        assert_eq!(tables.risks_of(&[]).len(), 4);
    }
}
