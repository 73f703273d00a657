//! The built-in tools' packages against the vendored table `tests/data/tool-packages.tsv`, and
//! the traps its header lists.

use mlsecops_taxonomy::{Ecosystem, Package, Registry, ToolKind};

struct Row {
    tool: String,
    purls: Vec<String>,
    confidence: String,
}

fn table() -> Vec<Row> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tool-packages.tsv"
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            Row {
                tool: cells[0].to_owned(),
                purls: cells[1].split_whitespace().map(str::to_owned).collect(),
                confidence: cells[2].to_owned(),
            }
        })
        .collect()
}

#[test]
fn every_tool_has_the_packages_of_the_table() {
    let rows = table();
    let tools: Vec<_> = Registry::builtin()
        .tools()
        .filter(|t| t.kind() == ToolKind::Tool)
        .collect();
    assert_eq!(rows.len(), tools.len());
    let mut counts = std::collections::BTreeMap::new();
    for (row, tool) in rows.iter().zip(&tools) {
        // The table names a few tools longer ("FastGradientMethod (part of CleverHans)") or
        // shorter ("Raze to the Ground") than the source's table does.
        assert!(
            row.tool.starts_with(tool.name()) || tool.name().starts_with(&row.tool),
            "{} / {}",
            row.tool,
            tool.name()
        );
        let packages: Vec<String> = tool.packages().iter().map(ToString::to_string).collect();
        assert_eq!(packages, row.purls, "{}", row.tool);
        assert_eq!(
            row.confidence == "NONE",
            tool.packages().is_empty(),
            "{}",
            row.tool
        );
        *counts.entry(row.confidence.as_str()).or_insert(0) += 1;
        for purl in &row.purls {
            let package: Package = purl.parse().unwrap();
            let found: Vec<&str> = Registry::builtin()
                .tools_for_package(package.ecosystem(), package.name())
                .map(|t| t.name())
                .collect();
            assert_eq!(found, [tool.name()], "{purl}");
        }
    }
    assert_eq!(
        counts.into_iter().collect::<Vec<_>>(),
        [("LIKELY", 1), ("NONE", 8), ("VERIFIED", 27)]
    );
    // The vendors have no packages.
    assert!(
        Registry::builtin()
            .tools()
            .filter(|t| t.kind() == ToolKind::Vendor)
            .all(|t| t.packages().is_empty())
    );
}

#[test]
fn names_compare_as_their_ecosystem_compares_them() {
    let reg = Registry::builtin();
    let find = |ecosystem, name| -> Vec<&str> {
        reg.tools_for_package(ecosystem, name)
            .map(|t| t.name())
            .collect()
    };
    for written in ["nemoguardrails", "NeMoGuardrails", "NEMOGUARDRAILS"] {
        assert_eq!(
            find(Ecosystem::PyPi, written),
            ["NeMo-Guardrails"],
            "{written}"
        );
    }
    for written in ["agentic_security", "Agentic.Security", "agentic-security"] {
        assert_eq!(
            find(Ecosystem::PyPi, written),
            ["Agentic Security"],
            "{written}"
        );
    }
    assert_eq!(find(Ecosystem::Cargo, "safetensors"), ["Safetensors"]);
    assert!(find(Ecosystem::Cargo, "Safetensors").is_empty());
    assert!(find(Ecosystem::Npm, "safetensors").is_empty());
}

#[test]
fn the_traps_of_the_table_map_to_no_tool() {
    let reg = Registry::builtin();
    // Unrelated packages with a tool's name, and names users write that PyPI does not have.
    for name in [
        "art",
        "knockoff",
        "watchtower",
        "aishield",
        "raze",
        "deepsece",
        "nemo-guardrails",
        "ps-fuzz",
        "mindgard-cli",
        "model-transparency",
    ] {
        let found: Vec<&str> = reg
            .tools_for_package(Ecosystem::PyPi, name)
            .map(|t| t.name())
            .collect();
        assert!(found.is_empty(), "{name}: {found:?}");
    }
}
