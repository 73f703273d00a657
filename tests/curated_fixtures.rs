//! Detection finds the curated tools from their real declarations: for each family of
//! `tests/data/curated/`, the files of `tests/fixtures/curated/<family>/project/` (copied from public
//! repositories that declare the tools, `SOURCES.md`) give exactly the declarations of
//! `expected.tsv`, each at its line, each the tool that file names.
#![cfg(feature = "detect")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mlsecops_taxonomy::{Provenance, Registry, detect};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/curated")
}

/// `(file, line, tool)` rows of a family's `expected.tsv`.
fn expected(family: &Path) -> BTreeSet<(String, usize, String)> {
    let text = std::fs::read_to_string(family.join("expected.tsv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("file\tline\ttool"));
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 3, "{}: {l}", family.display());
            (
                cells[0].to_owned(),
                cells[1].parse().unwrap(),
                cells[2].to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_family_is_found_from_real_declarations() {
    let registry = Registry::builtin();
    // The curated tools, by name (NeMo Guardrails is also a row of the source's table).
    let curated: BTreeSet<&str> = registry
        .tools()
        .filter(|t| t.provenance() == Provenance::Curated || t.upstream().is_some())
        .map(|t| t.name())
        .collect();
    let mut families: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    families.sort();
    assert_eq!(families.len(), 8, "one folder per family");
    let mut named: BTreeSet<String> = BTreeSet::new();
    for family in &families {
        let project = family.join("project");
        let inventory = detect::scan([&project]).unwrap();
        let mut found = BTreeSet::new();
        for tool in inventory.tools(registry, false) {
            if !curated.contains(tool.tool().name()) {
                continue;
            }
            for e in tool.evidence() {
                let file = e.file().strip_prefix(&project).unwrap_or(e.file());
                found.insert((
                    file.to_string_lossy().into_owned(),
                    e.line(),
                    tool.tool().id().to_owned(),
                ));
            }
        }
        // Tools by id: the data names NeMo Guardrails as its docs do, the source's row
        // "NeMo-Guardrails".
        let want: BTreeSet<(String, usize, String)> = expected(family)
            .into_iter()
            .map(|(f, l, name)| (f, l, registry.get(&name).unwrap().id().to_owned()))
            .collect();
        let missing: Vec<_> = want.difference(&found).collect();
        let extra: Vec<_> = found.difference(&want).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: not found {missing:#?}\nnot expected {extra:#?}",
            family.display()
        );
        named.extend(want.into_iter().map(|(_, _, t)| t));
    }
    // Most curated tools are in a fixture; README.md says why the others are not.
    assert!(named.len() >= 58, "{} tools: {named:?}", named.len());
}
