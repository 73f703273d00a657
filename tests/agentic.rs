//! The OWASP Top 10 for Agentic Applications 2026 in the crosswalk, against
//! `tests/data/owasp-agentic-2026.tsv` (ids, titles and the LLM 2026 to ASI mappings of OWASP's
//! LLM Top 10 2026, Appendix 1); and ATLAS's currency, against `tests/data/atlas-releases.tsv`.

mod common;

use std::collections::BTreeSet;

use mlsecops_taxonomy::{AtlasId, ExternalId, Framework, OwaspId, Relation, Risk};

use common::tsv_rows as rows;

/// The appendix's mappings as (LLM 2026 id, ASI id, note).
fn mappings() -> Vec<(String, String, String)> {
    rows("owasp-agentic-2026.tsv")
        .into_iter()
        .filter(|r| r[0] == "link")
        .map(|r| (r[1].clone(), format!("{}:2026", r[2]), r[3].clone()))
        .collect()
}

#[test]
fn every_asi_id_and_title_equals_the_file() {
    let items: Vec<(String, String)> = rows("owasp-agentic-2026.tsv")
        .into_iter()
        .filter(|r| r[0] == "item")
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    assert_eq!(items.len(), 10);
    let ours: Vec<(String, String)> = OwaspId::all(Framework::OwaspAgentic2026)
        .map(|id| (id.to_string(), id.title().to_owned()))
        .collect();
    let file: Vec<(String, String)> = items
        .iter()
        .map(|(id, title)| (format!("{id}:2026"), title.clone()))
        .collect();
    assert_eq!(ours, file);
    for (id, title) in &items {
        // Without the edition, an ASI id means 2026: one edition exists.
        let parsed: OwaspId = id.parse().unwrap();
        assert_eq!(
            (parsed.framework(), parsed.title()),
            (Framework::OwaspAgentic2026, title.as_str())
        );
        assert_eq!(id.to_ascii_lowercase().parse::<OwaspId>().unwrap(), parsed);
        let external: ExternalId = format!("{id}:2026").parse().unwrap();
        assert_eq!(external, ExternalId::Owasp(parsed));
    }
    assert_eq!(
        "ASI01:2025".parse::<OwaspId>().unwrap_err().to_string(),
        "\"ASI01:2025\": the OWASP Top 10 for Agentic Applications is here in the 2026 edition"
    );
    assert_eq!(
        "ASI11".parse::<OwaspId>().unwrap_err().to_string(),
        "\"ASI11\": the OWASP Top 10 for Agentic Applications has items 01 to 10"
    );
    assert_eq!(
        Framework::OwaspAgentic2026.to_string(),
        "owasp-agentic-2026"
    );
    assert_eq!(Framework::OwaspAgentic2026.edition(), "2026");
    assert!(!Framework::OwaspAgentic2026.is_llm());
}

#[test]
fn the_appendix_mappings_equal_the_file() {
    let file = mappings();
    assert_eq!(file.len(), 31);
    let ours: Vec<(String, String, String)> = OwaspId::all(Framework::OwaspLlm2026)
        .flat_map(|llm| {
            llm.agentic()
                .map(move |(asi, note)| (llm.to_string(), asi.to_string(), note.to_owned()))
        })
        .collect();
    assert_eq!(ours, file);
}

/// Every link to the agentic list is carried: from one of the risk's links to an LLM 2026 entry,
/// along a mapping the appendix states, with that link's strength; and every such path gives a
/// link. A link the appendix does not state fails here.
#[test]
fn every_asi_link_is_carried_along_a_stated_mapping() {
    let stated: BTreeSet<(String, String)> = mappings()
        .into_iter()
        .map(|(llm, asi, _)| (llm, asi))
        .collect();
    let mut expected = BTreeSet::new();
    let mut found = BTreeSet::new();
    for risk in Risk::ALL {
        let crosswalk = risk.crosswalk();
        let llm2026: Vec<_> = crosswalk
            .framework(Framework::OwaspLlm2026)
            .iter()
            .copied()
            .collect();
        for link in &llm2026 {
            for (llm, asi) in stated
                .iter()
                .filter(|(llm, _)| *llm == link.target().to_string())
            {
                expected.insert((risk, llm.clone(), asi.clone(), link.strength()));
            }
        }
        for link in crosswalk.framework(Framework::OwaspAgentic2026).iter() {
            let (from, relation) = link.via().expect("every ASI link is carried");
            assert_eq!(relation, Relation::Mapped, "{link}");
            assert_eq!(from.framework(), Framework::OwaspLlm2026, "{link}");
            assert!(
                stated.contains(&(from.to_string(), link.target().to_string())),
                "{link}: the appendix does not map {from} there"
            );
            // The strength is the risk's link to that LLM 2026 entry.
            let through = llm2026
                .iter()
                .find(|l| l.target() == ExternalId::Owasp(from))
                .unwrap_or_else(|| panic!("{link}: {risk} has no link to {from}"));
            assert_eq!(link.strength(), through.strength(), "{link}");
            let note = &mappings()
                .into_iter()
                .find(|(llm, asi, _)| *llm == from.to_string() && *asi == link.target().to_string())
                .unwrap()
                .2;
            assert_eq!(
                link.note(),
                format!(
                    "{note}; carried from {from} (mapped: OWASP Top 10 for LLM Applications 2026, Appendix 1)"
                )
            );
            found.insert((
                risk,
                from.to_string(),
                link.target().to_string(),
                link.strength(),
            ));
        }
    }
    assert_eq!(found, expected);
    assert!(!found.is_empty());
}

#[test]
fn asi_ids_are_requirements_and_show_their_risks() {
    let asi04: ExternalId = "ASI04:2026".parse().unwrap();
    // LLM04:2026 and LLM05:2026 map to ASI04 (as do LLM09:2026); the risks linked to those.
    let through: BTreeSet<Risk> = ["LLM04:2026", "LLM05:2026", "LLM09:2026"]
        .iter()
        .flat_map(|id| id.parse::<ExternalId>().unwrap().risks())
        .collect();
    let ours: BTreeSet<Risk> = asi04.risks().iter().collect();
    assert_eq!(ours, through);
    assert!(!ours.is_empty());
}

#[cfg(feature = "cli")]
#[test]
fn show_prints_an_asi_entry_and_atlas_changes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (out, _, code) = common::mlsecops(dir, &["show", "ASI01:2026"]);
    assert_eq!(code, 0);
    assert!(out.contains("title      Agent Goal Hijack\n"), "{out}");
    assert!(
        out.contains("framework  OWASP Top 10 for Agentic Applications 2026\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "carried from LLM01:2026 (mapped: OWASP Top 10 for LLM Applications 2026, Appendix 1)"
        ),
        "{out}"
    );
    let (out, _, code) = common::mlsecops(dir, &["show", "asi01"]);
    assert_eq!(code, 0, "{out}");
    for id in ["AML.T0019", "AML.T0058", "AML.T0104", "AML.T0020"] {
        let (out, _, code) = common::mlsecops(dir, &["show", id]);
        assert_eq!(code, 0);
        assert!(
            out.contains("since 5.6.0  ATLAS content release 2026.07 (2026-07-31)"),
            "{id}: {out}"
        );
    }
}

#[test]
fn atlas_changes_equal_the_release_notes_file() {
    let file = rows("atlas-releases.tsv");
    let facts: Vec<&str> = file.iter().map(|r| r[2].as_str()).collect();
    // 2026.07: the three publish techniques become one; T0020 renamed; 2026.08: TA0001 renamed.
    let merged = facts
        .iter()
        .find(|f| f.contains("Publish Poisoned AI Artifacts"))
        .unwrap();
    for id in ["AML.T0019", "AML.T0058", "AML.T0104"] {
        let atlas: AtlasId = id.parse().unwrap();
        let change = atlas.later_change().unwrap();
        assert!(change.contains("Publish Poisoned AI Artifacts"), "{change}");
        assert!(
            change.contains(&format!("{id} {}", atlas.title())),
            "{change}"
        );
        assert!(
            merged.contains(&format!("{id} {}", atlas.title())),
            "{merged}"
        );
        assert!(change.contains("the new ids are not carried here"));
        let row = file.iter().find(|r| r[2] == **merged).unwrap();
        assert!(
            change.contains(&format!("content release {} ({})", row[0], row[1])),
            "{change}"
        );
    }
    let renamed = file
        .iter()
        .find(|r| r[2].starts_with("AML.T0020 renamed"))
        .unwrap();
    let t0020: AtlasId = "AML.T0020".parse().unwrap();
    assert!(renamed[2].contains(t0020.title()));
    assert!(
        t0020
            .later_change()
            .unwrap()
            .contains("renamed it \"Training Data Poisoning\" (was Poison Training Data)")
    );
    assert!(renamed[2].contains("\"Training Data Poisoning\" (was Poison Training Data)"));
    let ta0001 = file
        .iter()
        .find(|r| r[2].starts_with("tactic AML.TA0001"))
        .unwrap();
    let change = "AML.TA0001"
        .parse::<AtlasId>()
        .unwrap()
        .later_change()
        .unwrap();
    assert!(ta0001[2].contains("\"AI Attack Adaptation\" (was AI Attack Staging)"));
    assert!(change.contains(&format!(
        "content release {} renamed it \"AI Attack Adaptation\" (was AI Attack Staging)",
        ta0001[0]
    )));
    // 5.6.0 is content release 2026.04.
    assert!(
        file.iter()
            .any(|r| r[0] == "2026.04" && r[2].contains("5.6.0"))
    );
    assert_eq!(Framework::Atlas.edition(), "5.6.0");
    // No other id has a change recorded.
    let changed = AtlasId::all()
        .filter(|a| a.later_change().is_some())
        .count();
    assert_eq!(changed, 5);
}

#[cfg(feature = "build")]
#[test]
fn a_policy_requires_by_asi_id() {
    let dir = common::fresh_dir("agentic", "policy");
    let verdict = |text: &str| common::verdict_in(&dir, text);
    // ASI01 (without its edition: 2026) is reached from LLM01:2026, to which R8 and R17 link.
    let v = verdict("tools = [\"Garak\"]\nrequire = [\"ASI01\"]\n");
    let asi01: ExternalId = "ASI01:2026".parse().unwrap();
    assert_eq!(v.required(), asi01.risks());
    assert_eq!(v.required().to_string(), "R8-Security, R17-Security");
    assert!(v.is_failed(), "Garak does not cover R8-Security");
    let open: Vec<&str> = v
        .findings()
        .iter()
        .filter_map(|f| f.risk())
        .map(|r| r.code())
        .collect();
    assert_eq!(open, ["R8-Security"]);
    // An ASI id of another edition is an error at its place.
    let v = verdict("tools = [\"Garak\"]\nrequire = [\"ASI01:2025\"]\n");
    assert!(v.is_configuration_error());
}
