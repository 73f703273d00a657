//! The built-in tools' packages against the vendored table `tests/data/tool-packages.tsv`, and
//! the traps its header lists.

use mlsecops_taxonomy::{Ecosystem, Package, Registry, ToolKind};

mod common;

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
    let tools: Vec<_> = Registry::source()
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
            let found: Vec<&str> = Registry::source()
                .tools_for_package(package.ecosystem().unwrap(), package.name())
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
        Registry::source()
            .tools()
            .filter(|t| t.kind() == ToolKind::Vendor)
            .all(|t| t.packages().is_empty())
    );
}

#[test]
fn names_compare_as_their_ecosystem_compares_them() {
    let reg = Registry::source();
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
    let reg = Registry::source();
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

#[test]
fn a_registry_may_list_a_package_of_any_purl_type() {
    // The types are those of the package-url specification, vendored in tests/data.
    let vendored: Vec<String> = common::tsv_rows("purl-types.tsv")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(vendored, mlsecops_taxonomy::PURL_TYPES.to_vec());
    // GitHub repositories are an ecosystem detection reads (`uses:` of workflows).
    let p: mlsecops_taxonomy::Package = "pkg:github/aquasecurity/trivy-action".parse().unwrap();
    assert_eq!(
        (p.purl_type(), p.name(), p.ecosystem()),
        (
            "github",
            "aquasecurity/trivy-action",
            Some(mlsecops_taxonomy::Ecosystem::GitHub)
        )
    );
    for (text, ty, name) in [
        (
            "pkg:maven/org.apache.commons/commons-text",
            "maven",
            "org.apache.commons/commons-text",
        ),
        (
            "pkg:githubactions/aquasecurity/trivy-action",
            "githubactions",
            "aquasecurity/trivy-action",
        ),
        (
            "pkg:huggingface/microsoft/deberta-v3-base",
            "huggingface",
            "microsoft/deberta-v3-base",
        ),
    ] {
        let p: mlsecops_taxonomy::Package = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((p.purl_type(), p.name(), p.ecosystem()), (ty, name, None));
        assert_eq!(p.to_string(), text);
    }
    // Not a type of the specification, a version, an empty segment: refused, with the closest.
    for (text, wanted) in [
        ("pkg:pypy/garak", "did you mean pypi?"),
        ("pkg:mavn/a/b", "did you mean maven?"),
        ("pkg:github/a/b@v1", "starts a version"),
        ("pkg:github/a//b", "not a GitHub repository"),
        ("pkg:huggingface/a//b", "empty segment"),
    ] {
        let err = text.parse::<mlsecops_taxonomy::Package>().unwrap_err();
        assert!(err.to_string().contains(wanted), "{text}: {err}");
    }
    // In a registry file, such a package is kept.
    #[cfg(feature = "json")]
    {
        let reg = mlsecops_taxonomy::Registry::from_json(
        r#"{"tools": [{"name": "Our Action", "risks": ["R14-Security"], "packages": ["pkg:github/org/scan-action"]}]}"#,
    )
    .unwrap();
        let tool = reg.get("Our Action").unwrap();
        assert_eq!(tool.packages()[0].to_string(), "pkg:github/org/scan-action");
        assert!(reg.to_json().contains("pkg:github/org/scan-action"));
    }
}
