//! ATLAS Navigator layers: the tactics table against the layer MITRE publishes with every
//! technique, each layer's structure against MITRE's published layers
//! (`tests/data/atlas-layers/`), and its scores against the vendored crosswalk
//! (`tests/data/crosswalk.tsv`) and the source's tool table.
#![cfg(feature = "cli")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use mlsecops_taxonomy::AtlasId;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_mlsecops");

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn published(name: &str) -> Value {
    serde_json::from_str(&data(&format!("atlas-layers/{name}"))).unwrap()
}

/// `(kind, id, name)` rows of the vendored ATLAS extract.
fn atlas_rows() -> Vec<(String, String, String)> {
    common::tsv_rows("atlas-5.6.0-ids.tsv")
        .into_iter()
        .map(|f| (f[0].clone(), f[1].clone(), f[2].clone()))
        .collect()
}

/// `(risk, id, strength)` of the vendored crosswalk's ATLAS links.
fn atlas_links() -> Vec<(String, String, String)> {
    common::tsv_rows("crosswalk.tsv")
        .into_iter()
        .filter(|f| f[1] == "atlas")
        .map(|f| (f[0].clone(), f[2].clone(), f[3].clone()))
        .collect()
}

fn layer(args: &[&str], status: i32) -> Value {
    let out = Command::new(BIN)
        .args(args)
        .args(["--format", "navigator"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(status),
        "{args:?}\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn entries(layer: &Value) -> &Vec<Value> {
    layer["techniques"].as_array().unwrap()
}

#[test]
fn tactics_are_those_mitre_publishes() {
    let frequency = published("atlas_case_study_frequency.json");
    let mut of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for t in entries(&frequency) {
        if let Some(tactic) = t["tactic"].as_str() {
            of.entry(t["techniqueID"].as_str().unwrap().to_owned())
                .or_default()
                .push(tactic.to_owned());
        }
    }
    let rows = atlas_rows();
    let techniques: Vec<&str> = rows
        .iter()
        .filter(|(k, ..)| k == "technique")
        .map(|(_, id, _)| id.as_str())
        .collect();
    assert_eq!(techniques.len(), 101);
    for id in &techniques {
        let tactics: Vec<&str> = id
            .parse::<AtlasId>()
            .unwrap()
            .tactics()
            .map(|t| t.short_name().unwrap())
            .collect();
        assert_eq!(tactics, of[*id], "{id}");
    }
    // A sub-technique serves its technique's tactics.
    for (_, id, _) in rows.iter().filter(|(k, ..)| k == "subtechnique") {
        let sub: AtlasId = id.parse().unwrap();
        assert_eq!(
            sub.tactics().collect::<Vec<_>>(),
            sub.parent().unwrap().tactics().collect::<Vec<_>>()
        );
    }
    // Every tactic's short name is the one the published layer uses for it.
    let used: BTreeSet<&str> = of.values().flatten().map(String::as_str).collect();
    for (_, id, name) in rows.iter().filter(|(k, ..)| k == "tactic") {
        let short = id.parse::<AtlasId>().unwrap().short_name().unwrap();
        assert_eq!(short, name.to_lowercase().replace(' ', "-"));
        assert!(used.contains(short), "{short}");
    }
    assert_eq!("AML.M0000".parse::<AtlasId>().unwrap().tactics().len(), 0);
}

#[test]
fn the_layer_is_shaped_like_the_published_ones() {
    let ours = layer(&["coverage", "Garak", "ModelScan"], 0);
    let case_study = published("AML.CS0000.json");
    let frequency = published("atlas_case_study_frequency.json");
    for reference in [&case_study, &frequency] {
        assert_eq!(ours["versions"], reference["versions"]);
        assert_eq!(ours["domain"], reference["domain"]);
        let version = |l: &Value| {
            l["metadata"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["name"] == "atlas_data_version")
                .map(|m| m["value"].clone())
        };
        assert_eq!(version(&ours), version(reference));
    }
    // Top-level keys: those the published layers use.
    let keys = |l: &Value| -> BTreeSet<String> { l.as_object().unwrap().keys().cloned().collect() };
    let allowed: BTreeSet<String> = keys(&case_study)
        .union(&keys(&frequency))
        .cloned()
        .collect();
    assert!(keys(&ours).is_subset(&allowed), "{:?}", keys(&ours));
    for item in ours["legendItems"].as_array().unwrap() {
        assert_eq!(keys(item), keys(&case_study["legendItems"][0]));
    }
    assert_eq!(keys(&ours["gradient"]), keys(&frequency["gradient"]));
    // Entries: the published keys, plus the Navigator's `comment`; a top-level technique once
    // per tactic with `tactic` and `showSubtechniques`, a sub-technique without them, as MITRE
    // writes them.
    let mut entry_keys: BTreeSet<String> = BTreeSet::new();
    for reference in [&case_study, &frequency] {
        for t in entries(reference) {
            entry_keys.extend(keys(t));
        }
    }
    entry_keys.insert("comment".to_owned());
    let frequency_pairs: BTreeSet<(String, String)> = entries(&frequency)
        .iter()
        .filter_map(|t| {
            Some((
                t["techniqueID"].as_str()?.to_owned(),
                t["tactic"].as_str()?.to_owned(),
            ))
        })
        .collect();
    let ids: BTreeSet<String> = atlas_rows().into_iter().map(|(_, id, _)| id).collect();
    let mut seen: BTreeSet<(String, Option<String>)> = BTreeSet::new();
    for t in entries(&ours) {
        assert!(keys(t).is_subset(&entry_keys), "{t}");
        let id = t["techniqueID"].as_str().unwrap();
        assert!(ids.contains(id), "{id} is not an ATLAS 5.6.0 id");
        let sub = id.len() > 9;
        assert_eq!(t.get("tactic").is_some(), !sub, "{t}");
        assert_eq!(t.get("showSubtechniques").is_some(), !sub, "{t}");
        if let Some(tactic) = t["tactic"].as_str() {
            assert!(
                frequency_pairs.contains(&(id.to_owned(), tactic.to_owned())),
                "{id} under {tactic}"
            );
        }
        assert!(
            seen.insert((id.to_owned(), t["tactic"].as_str().map(str::to_owned))),
            "{id} twice"
        );
    }
    // Each sub-technique shown has its parent shown, under every tactic, unfolded.
    for t in entries(&ours) {
        let id = t["techniqueID"].as_str().unwrap();
        if id.len() > 9 {
            let parent = &id[..9];
            let under: Vec<&Value> = entries(&ours)
                .iter()
                .filter(|p| p["techniqueID"] == parent)
                .collect();
            let want = frequency_pairs.iter().filter(|(p, _)| p == parent).count();
            assert_eq!(under.len(), want, "{parent}");
            assert!(under.iter().all(|p| p["showSubtechniques"] == true));
        }
    }
}

#[test]
fn garak_and_modelscan_score_exactly_their_risks_techniques() {
    // The risks the source's table gives Garak and ModelScan.
    let rows = common::table("Security Tools & Resources");
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for row in rows
        .iter()
        .filter(|r| r.name == "Garak" || r.name == "ModelScan")
    {
        covered.extend(row.codes.iter().cloned());
    }
    assert_eq!(covered.len(), 5, "{covered:?}");
    // Their techniques in the vendored crosswalk, with the best strength.
    let links = atlas_links();
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for (risk, id, strength) in &links {
        if covered.contains(risk) {
            let score = if strength == "primary" { 2 } else { 1 };
            let best = want.entry(id.clone()).or_insert(score);
            *best = (*best).max(score);
        }
    }
    let gaps: BTreeSet<String> = links
        .iter()
        .filter(|(_, id, _)| !want.contains_key(id))
        .map(|(_, id, _)| id.clone())
        .collect();
    let ours = layer(&["coverage", "Garak", "ModelScan"], 0);
    let mut scored: BTreeMap<String, u64> = BTreeMap::new();
    let mut shown_gaps: BTreeSet<String> = BTreeSet::new();
    for t in entries(&ours) {
        let id = t["techniqueID"].as_str().unwrap().to_owned();
        match t["score"].as_u64() {
            Some(score) => {
                assert_eq!(*scored.entry(id.clone()).or_insert(score), score);
                let color = if score == 2 { "#2166AC" } else { "#92C5DE" };
                assert_eq!(t["color"], color, "{t}");
            }
            None if t["color"] == "#F4A261" => {
                assert!(t["comment"].as_str().unwrap().starts_with("Gap"), "{t}");
                shown_gaps.insert(id);
            }
            None => assert!(
                t.get("color").is_none() && t.get("comment").is_none(),
                "{t}"
            ),
        }
    }
    assert_eq!(scored, want.into_iter().collect());
    assert_eq!(shown_gaps, gaps);
    // The description and legend say what the scores mean.
    let description = ours["description"].as_str().unwrap();
    assert!(description.contains("Score 2") && description.contains("Score 1"));
    assert!(
        description.contains("5 of 34 risks covered"),
        "{description}"
    );
    let legend: Vec<&str> = ours["legendItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["label"].as_str().unwrap())
        .collect();
    assert_eq!(legend.len(), 3);
    assert!(legend[0].contains("score 2") && legend[1].contains("score 1"));
}

#[test]
fn requirements_decide_the_gaps() {
    // With a requirement only its open risks make gaps: R13-Security's techniques, not R1's.
    let ours = layer(&["coverage", "Garak", "--require", "R13-Security"], 1);
    let gaps: BTreeSet<&str> = entries(&ours)
        .iter()
        .filter(|t| t["color"] == "#F4A261")
        .map(|t| t["techniqueID"].as_str().unwrap())
        .collect();
    let want: BTreeSet<String> = atlas_links()
        .into_iter()
        .filter(|(risk, ..)| risk == "R13-Security")
        .map(|(_, id, _)| id)
        .collect();
    // AML.T0018 is also linked from R10-Security, which Garak covers: scored, not a gap.
    let want: BTreeSet<&str> = want
        .iter()
        .map(String::as_str)
        .filter(|id| *id != "AML.T0018")
        .collect();
    assert_eq!(gaps, want);

    // check: the policy's tools and requirements.
    let dir = common::fresh_dir("navigator", "check");
    common::write_file(
        &dir,
        "mlsecops.toml",
        "tools = [\"Garak\"]\nrequire = [\"R13-Security\"]\ndeny = true\n",
    );
    let checked = layer(&["check", dir.to_str().unwrap()], 1);
    assert_eq!(checked["techniques"], ours["techniques"]);
    // A policy that cannot be checked prints no layer and exits 2.
    common::write_file(
        &dir,
        "mlsecops.toml",
        "tools = [\"Garrak\"]\nrequire = [\"all\"]\n",
    );
    let out = Command::new(BIN)
        .args(["check", dir.to_str().unwrap(), "--format", "navigator"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean Garak"));
}
