//! The source registry ([`Registry::source`]) checked against the source's tables, and the registry's lookups.

mod common;

use mlsecops_taxonomy::{Provenance, Registry, Risk, RiskSet, Tool, ToolKind, slug};

#[test]
fn the_tools_table_has_37_rows_and_36_tools() {
    let rows = common::table("Security Tools & Resources");
    assert_eq!(rows.len(), 37);
    let mut names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 36);
    let reg = Registry::source();
    assert_eq!(
        reg.tools().filter(|t| t.kind() == ToolKind::Tool).count(),
        36
    );
    assert_eq!(reg.len(), 41);
}

#[test]
fn every_row_of_the_tools_table_is_in_the_registry() {
    let reg = Registry::source();
    let rows = common::table("Security Tools & Resources");
    for row in &rows {
        let tool = reg
            .get(&row.name)
            .unwrap_or_else(|e| panic!("line {}: {e}", row.line));
        assert_eq!(tool.name(), row.name);
        assert_eq!(tool.kind(), ToolKind::Tool);
        assert_eq!(tool.url(), Some(row.url.as_str()), "url of {}", row.name);
        for code in &row.codes {
            let risk: Risk = code
                .parse()
                .unwrap_or_else(|e| panic!("line {}: {e}", row.line));
            assert_eq!(risk.code(), code, "codes are canonical in the source");
            assert!(tool.risks().contains(risk), "{} covers {code}", row.name);
        }
        // The tool covers exactly the codes of its rows.
        let all: RiskSet = rows
            .iter()
            .filter(|r| r.name == row.name)
            .flat_map(|r| r.codes.iter().map(|c| c.parse::<Risk>().unwrap()))
            .collect();
        assert_eq!(tool.risks(), all, "risks of {}", row.name);
        // The description is the first row's.
        let first = rows.iter().find(|r| r.name == row.name).unwrap();
        assert_eq!(
            tool.description(),
            Some(first.description.as_str()),
            "description of {}",
            row.name
        );
        assert_eq!(tool.provenance(), Provenance::Source);
    }
    // Registry order is the source's order of first appearance.
    let mut order: Vec<&str> = Vec::new();
    for row in &rows {
        if !order.contains(&row.name.as_str()) {
            order.push(&row.name);
        }
    }
    let ours: Vec<&str> = reg.tools().take(36).map(|t| t.name()).collect();
    assert_eq!(ours, order);
}

#[test]
fn aishield_watchtower_is_two_rows_and_one_tool() {
    let rows = common::table("Security Tools & Resources");
    let watchtower: Vec<_> = rows
        .iter()
        .filter(|r| r.name == "AIShield Watchtower")
        .collect();
    assert_eq!(watchtower.len(), 2);
    assert_eq!(watchtower[0].codes, ["R16-Security"]);
    assert_eq!(watchtower[1].codes, ["R17-Security"]);
    let reg = Registry::source();
    assert_eq!(
        reg.tools()
            .filter(|t| t.name() == "AIShield Watchtower")
            .count(),
        1
    );
    let tool = reg.get("aishield-watchtower").unwrap();
    assert_eq!(tool.risks().to_string(), "R16-Security, R17-Security");
}

#[test]
fn odd_looking_codes_are_kept_as_written() {
    let reg = Registry::source();
    assert_eq!(
        reg.get("ModelScan").unwrap().risks().to_string(),
        "R5-Security, R7-Security"
    );
    assert_eq!(
        reg.get("TF-encrypted").unwrap().risks().to_string(),
        "R2-Security, R1-Privacy"
    );
}

#[test]
fn the_industry_table_gives_five_vendors_covering_nothing() {
    let reg = Registry::source();
    let rows = common::table("Industry");
    assert_eq!(rows.len(), 5);
    let vendors: Vec<&Tool> = reg
        .tools()
        .filter(|t| t.kind() == ToolKind::Vendor)
        .collect();
    assert_eq!(vendors.len(), 5);
    for (row, tool) in rows.iter().zip(vendors) {
        assert_eq!(tool.name(), row.name);
        assert_eq!(tool.url(), Some(row.url.as_str()));
        assert_eq!(tool.description(), Some(row.description.as_str()));
        assert!(tool.risks().is_empty());
        assert!(tool.categories().is_empty());
    }
}

#[test]
fn categories_match_the_curated_file() {
    let reg = Registry::source();
    let curated = common::categories();
    assert_eq!(curated.len(), 36);
    for (name, slugs) in curated {
        let tool = reg.get(&name).unwrap();
        let ours: Vec<String> = tool.categories().iter().map(|c| c.to_string()).collect();
        assert_eq!(ours, slugs, "categories of {name}");
        assert_eq!(tool.categories_provenance(), Provenance::Curated);
    }
}

#[test]
fn ids_are_slugs_of_names_and_unique() {
    let reg = Registry::source();
    let mut ids: Vec<&str> = reg.tools().map(|t| t.id()).collect();
    for tool in reg.tools() {
        assert_eq!(tool.id(), slug(tool.name()));
    }
    assert_eq!(
        reg.get("Adversarial Robustness Toolkit").unwrap().id(),
        "adversarial-robustness-toolkit"
    );
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), reg.len());
}

#[test]
fn lookups_ignore_case_spaces_dashes_and_underscores() {
    let reg = Registry::source();
    for name in ["garak", "GARAK", " Garak "] {
        assert_eq!(reg.get(name).unwrap().name(), "Garak");
    }
    for name in [
        "model-transparency",
        "Model Transparency",
        "model_transparency",
        "MODELTRANSPARENCY",
    ] {
        assert_eq!(reg.get(name).unwrap().name(), "Model Transparency");
    }
    assert_eq!(reg.position("Garak"), Some(7));
}

#[test]
fn unknown_names_suggest_the_closest() {
    let reg = Registry::source();
    let msg = |s: &str| reg.get(s).unwrap_err().to_string();
    assert_eq!(
        msg("garrak"),
        r#"unknown tool "garrak": did you mean Garak?"#
    );
    assert_eq!(
        msg("modelscn"),
        r#"unknown tool "modelscn": did you mean ModelScan?"#
    );
    assert_eq!(
        msg("privacy"),
        r#"unknown tool "privacy": did you mean Privacy Meter or TensorFlow Privacy?"#
    );
    assert_eq!(
        msg("zzzzzzzzzz"),
        r#"unknown tool "zzzzzzzzzz": no tool in the registry has a similar name"#
    );
    assert_eq!(
        msg(""),
        r#"unknown tool "": no tool in the registry has a similar name"#
    );
    let err = reg.coverage(["Garak", "Foolbx"]).unwrap_err();
    assert_eq!(err.suggestions, ["Foolbox"]);
}

#[test]
fn tools_covering_a_risk_in_registry_order() {
    let reg = Registry::source();
    let r17: Risk = "R17-Security".parse().unwrap();
    let names: Vec<&str> = reg.tools_covering(r17).map(|t| t.name()).collect();
    assert_eq!(
        names,
        [
            "AIShield Watchtower",
            "Garak",
            "Agentic Security",
            "AI Goat"
        ]
    );
    let rows = common::table("Security Tools & Resources");
    for risk in Risk::ALL {
        let mut expected: Vec<&str> = rows
            .iter()
            .filter(|r| r.codes.iter().any(|c| c == risk.code()))
            .map(|r| r.name.as_str())
            .collect();
        expected.dedup();
        expected.sort_by_key(|name| reg.position(name));
        let ours: Vec<&str> = reg.tools_covering(risk).map(|t| t.name()).collect();
        assert_eq!(ours, expected, "tools covering {risk}");
    }
}

#[test]
fn insert_replace_and_merge() {
    let mut reg = Registry::source().clone();
    let scanner = Tool::new("Image Scanner", "R14-Security".parse().unwrap()).unwrap();
    reg.insert(scanner.clone()).unwrap();
    assert_eq!(reg.len(), 42);
    let err = reg.insert(scanner.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"tool "Image Scanner" (id "image-scanner") is already in the registry as "Image Scanner""#
    );
    // A look-alike that normalises to an existing id is a duplicate too.
    let lookalike = Tool::new("image_scanner", RiskSet::EMPTY).unwrap();
    assert!(reg.insert(lookalike).is_err());
    // A name that folds to another tool's id clashes even with a different id.
    let sneaky = Tool::new("garak", RiskSet::EMPTY)
        .unwrap()
        .with_id("not-garak")
        .unwrap();
    assert!(reg.insert(sneaky).is_err());

    let wider = Tool::new(
        "Image Scanner",
        "R14-Security, R15-Security".parse().unwrap(),
    )
    .unwrap();
    let old = reg.replace(wider).unwrap().expect("replaced");
    assert_eq!(old, scanner);
    assert_eq!(reg.len(), 42);
    assert_eq!(reg.get("image scanner").unwrap().risks().len(), 2);
    assert_eq!(reg.position("image scanner"), Some(41), "replaced in place");

    let mut other = Registry::new();
    other
        .insert(Tool::new("Log Sanitizer", "R9-Privacy".parse().unwrap()).unwrap())
        .unwrap();
    other
        .insert(Tool::new("Garak", RiskSet::EMPTY).unwrap())
        .unwrap();
    let before = reg.clone();
    assert!(reg.merge(other.clone()).is_err());
    assert_eq!(reg, before, "a failed merge changes nothing");
    reg.merge_replacing(other).unwrap();
    assert_eq!(reg.len(), 43);
    assert!(
        reg.get("garak").unwrap().risks().is_empty(),
        "Garak replaced"
    );
    assert_eq!(reg.position("garak"), Some(7));
}

#[test]
fn tools_reject_bad_fields() {
    let none = RiskSet::EMPTY;
    let msg = |e: mlsecops_taxonomy::ToolError| e.to_string();
    assert_eq!(
        msg(Tool::new("  \t", none).unwrap_err()),
        "the name is empty"
    );
    assert_eq!(
        msg(Tool::new("\u{0}\u{1}", none).unwrap_err()),
        "the name is empty"
    );
    assert_eq!(
        msg(Tool::new("a\nb", none).unwrap_err()),
        "the name spans more than one line"
    );
    assert_eq!(
        msg(Tool::new("!!!", none).unwrap_err()),
        r#"the name "!!!" has no letter or digit"#
    );
    let t = Tool::new("T", none).unwrap();
    assert_eq!(
        msg(t.clone().with_description("one\ntwo").unwrap_err()),
        "the description spans more than one line"
    );
    assert_eq!(
        msg(t.clone().with_url("javascript:alert(1)").unwrap_err()),
        r#"the URL "javascript:alert(1)" is not an http:// or https:// URL"#
    );
    assert_eq!(
        msg(t.clone().with_id("Not A Slug").unwrap_err()),
        r#"the id "Not A Slug" is not a slug: lowercase letters and digits, with single '-' between words"#
    );
    assert!(t.with_url("http://example.com/x").is_ok());
}

/// Found by the property tests: a name whose letters have no lowercase form (U+03D2) or whose
/// lowercase form is not a letter (U+0130 lowercases to `i` and a combining dot) gave an id the
/// loader then rejected, so a saved registry did not load.
#[test]
fn ids_derived_from_any_name_are_valid_ids() {
    assert_eq!(slug("\u{0400}\u{03D2}"), "\u{0450}\u{03D2}");
    assert_eq!(slug("\u{0130}stanbul Scan"), "istanbul-scan");
    assert_eq!(slug("A&B"), "a-and-b");
    assert_eq!(slug("& co"), "and-co");
    let mut reg = Registry::new();
    for name in ["\u{0400}\u{03D2}", "\u{0130}stanbul Scan", "\u{01C5}ungla"] {
        let tool = Tool::new(name, RiskSet::EMPTY).unwrap();
        assert_eq!(
            tool.clone().with_id(tool.id().to_owned()).unwrap(),
            tool,
            "{name}"
        );
        reg.insert(tool).unwrap();
    }
    #[cfg(feature = "json")]
    assert_eq!(Registry::from_json(&reg.to_json()).unwrap(), reg);
    // A name whose only letters lowercase to nothing an id may hold has no id.
    // A name is accepted exactly when it gives a non-empty id.
    for name in ["\u{0345}", "\u{0307}", "\u{2160}", "\u{00B2}"] {
        match Tool::new(name, RiskSet::EMPTY) {
            Ok(tool) => assert!(!tool.id().is_empty(), "{name:?}"),
            Err(_) => assert!(slug(name).is_empty(), "{name:?}"),
        }
    }
}

#[test]
fn registries_are_equal_when_their_tools_are() {
    let builtin = Registry::source();
    assert_eq!(builtin, &builtin.clone());
    assert_ne!(builtin, &Registry::new());
    let without_garak = builtin.filter(|t| t.name() != "Garak");
    assert_ne!(builtin, &without_garak);
    assert_eq!(without_garak.len(), builtin.len() - 1);
    let garak_only = builtin.filter(|t| t.name() == "Garak");
    let names: Vec<&str> = garak_only.tools().map(|t| t.name()).collect();
    assert_eq!(names, ["Garak"]);
}

#[test]
fn a_tool_is_found_by_its_name_and_its_id_after_insert_and_replace() {
    use mlsecops_taxonomy::{RiskSet, Tool};
    let mut reg = Registry::new();
    assert!(reg.is_empty());
    let tool = Tool::new("Model Scanner", RiskSet::EMPTY)
        .unwrap()
        .with_id("scanner-x")
        .unwrap();
    reg.insert(tool).unwrap();
    assert!(!reg.is_empty());
    assert_eq!(reg.get("model scanner").unwrap().id(), "scanner-x");
    assert_eq!(reg.get("SCANNER_X").unwrap().name(), "Model Scanner");
    // Replaced under the same id with a new name: the new name finds it, the old one no longer.
    let renamed = Tool::new("Model Checker", RiskSet::EMPTY)
        .unwrap()
        .with_id("scanner-x")
        .unwrap();
    assert!(reg.replace(renamed).unwrap().is_some());
    assert_eq!(reg.get("Model Checker").unwrap().id(), "scanner-x");
    assert!(reg.get("Model Scanner").is_err());
    assert_eq!(reg.len(), 1);
    assert!(!Registry::source().is_empty());
}

#[test]
fn unknown_names_suggest_at_most_three() {
    use mlsecops_taxonomy::{RiskSet, Tool};
    let mut reg = Registry::new();
    for name in ["Scan A", "Scan B", "Scan C", "Scan D", "Scan E"] {
        reg.insert(Tool::new(name, RiskSet::EMPTY).unwrap())
            .unwrap();
    }
    let err = reg.get("Scan").unwrap_err().to_string();
    assert_eq!(
        err,
        r#"unknown tool "Scan": did you mean Scan A, Scan B or Scan C?"#
    );
}
