//! The editions of the OWASP Top 10 for LLM Applications: counterparts against
//! `tests/data/owasp-llm-editions.tsv`, and the crosswalk's links carried from 2025 to 2023 and
//! 2026 against that file and `tests/data/crosswalk.tsv`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use mlsecops_taxonomy::{ExternalId, Framework, OwaspId, Relation, Risk, Strength};

use common::tsv_rows as rows;

/// The editions file as `(from, to) -> relation`.
fn steps() -> BTreeMap<(String, String), String> {
    rows("owasp-llm-editions.tsv")
        .into_iter()
        .map(|r| ((r[0].clone(), r[1].clone()), r[2].clone()))
        .collect()
}

fn llm_ids(edition: &str) -> Vec<OwaspId> {
    OwaspId::all(Framework::llm(edition).unwrap()).collect()
}

/// The file's counterpart of `id` one edition on (`forward`) or back.
fn step(id: &str, forward: bool) -> Option<(String, String)> {
    steps().into_iter().find_map(|((from, to), relation)| {
        if forward && from == id {
            Some((to, relation))
        } else if !forward && to == id {
            Some((from, relation))
        } else {
            None
        }
    })
}

fn weaker(a: &str, b: &str) -> String {
    let rank = |r: &str| {
        ["same", "successor", "judged"]
            .iter()
            .position(|x| *x == r)
            .unwrap()
    };
    if rank(a) >= rank(b) { a } else { b }.to_owned()
}

#[test]
fn every_counterpart_equals_the_editions_file() {
    let file = steps();
    assert_eq!(file.len(), 17);
    for ((from, to), relation) in &file {
        let from_id: OwaspId = from.parse().unwrap();
        let to_id: OwaspId = to.parse().unwrap();
        let forward = from_id.counterpart(to_id.framework()).unwrap();
        assert_eq!(forward.id(), to_id);
        assert_eq!(forward.relation().to_string(), *relation);
        let evidence = rows("owasp-llm-editions.tsv")
            .into_iter()
            .find(|r| r[0] == *from && r[1] == *to)
            .unwrap()[3]
            .clone();
        assert_eq!(forward.evidence(), [evidence.as_str()]);
        // And back.
        let back = to_id.counterpart(from_id.framework()).unwrap();
        assert_eq!((back.id(), back.relation()), (from_id, forward.relation()));
    }
    // An entry without a row has no counterpart: never a guess.
    for (a, b) in [("2023", "2025"), ("2025", "2026")] {
        for id in llm_ids(a) {
            let has_row = file.keys().any(|(from, _)| *from == id.to_string());
            assert_eq!(
                id.counterpart(Framework::llm(b).unwrap()).is_some(),
                has_row,
                "{id}"
            );
        }
        for id in llm_ids(b) {
            let has_row = file.keys().any(|(_, to)| *to == id.to_string());
            assert_eq!(
                id.counterpart(Framework::llm(a).unwrap()).is_some(),
                has_row,
                "{id}"
            );
        }
    }
    // Judged counterparts keep their provenance: curated.
    for id in llm_ids("2023") {
        if let Some(c) = id.counterpart(Framework::OwaspLlm2025) {
            let judged = file[&(id.to_string(), c.id().to_string())] == "judged";
            assert_eq!(c.relation() == Relation::Judged, judged);
            assert_eq!(
                c.relation().provenance() == mlsecops_taxonomy::Provenance::Curated,
                judged
            );
        }
    }
}

/// An LLM id without its edition is refused either way; the message says whether the editions
/// agree on it, and which ids they agree on comes from the editions file alone: an id whose
/// entry is `same` from 2023 to 2025 and from 2025 to 2026 under one number.
#[test]
fn an_id_without_its_edition_says_whether_the_editions_agree() {
    let file = steps();
    let same_number = |from: &str, to: &str| {
        file.get(&(from.to_owned(), to.to_owned()))
            .is_some_and(|r| r == "same")
    };
    let agreed: Vec<String> = (1..=10)
        .map(|n| format!("LLM{n:02}"))
        .filter(|id| {
            same_number(&format!("{id}:2023"), &format!("{id}:2025"))
                && same_number(&format!("{id}:2025"), &format!("{id}:2026"))
        })
        .collect();
    // Prompt Injection is LLM01 in all three editions, and no other entry keeps its number.
    assert_eq!(agreed, ["LLM01"]);
    for n in 1..=10 {
        let id = format!("LLM{n:02}");
        let message = id.parse::<OwaspId>().unwrap_err().to_string();
        if agreed.contains(&id) {
            assert_eq!(
                message,
                format!(
                    "\"{id}\" names no edition; the editions agree on it ({id}:2023, {id}:2025 and \
                     {id}:2026 are the same entry, Prompt Injection), but an id keeps its edition \
                     so that a later one cannot change what it means: write {id}:2026 (or \
                     {id}:2023, {id}:2025)"
                )
            );
        } else {
            // LLM02 is one entry in 2025 and 2026, another in 2023: the editions differ.
            assert!(
                message.starts_with(&format!(
                    "\"{id}\" names no edition, and the editions differ on it: {id}:2023 "
                )),
                "{message}"
            );
            assert!(message.ends_with("(write one of them)"), "{message}");
        }
    }
    // Also as a requirement of `coverage` or a policy: refused, never read as one edition.
    assert!("LLM01".parse::<ExternalId>().is_err());
    assert!("LLM01:2025".parse::<ExternalId>().is_ok());
}

#[test]
fn two_editions_apart_goes_through_2025() {
    for id in llm_ids("2023") {
        let want = step(&id.to_string(), true)
            .and_then(|(mid, r1)| step(&mid, true).map(|(end, r2)| (end, weaker(&r1, &r2))));
        let ours = id
            .counterpart(Framework::OwaspLlm2026)
            .map(|c| (c.id().to_string(), c.relation().to_string()));
        assert_eq!(ours, want, "{id}");
    }
    for id in llm_ids("2026") {
        let want = step(&id.to_string(), false)
            .and_then(|(mid, r1)| step(&mid, false).map(|(end, r2)| (end, weaker(&r1, &r2))));
        let ours = id
            .counterpart(Framework::OwaspLlm2023)
            .map(|c| (c.id().to_string(), c.relation().to_string()));
        assert_eq!(ours, want, "{id}");
    }
    // The examples.
    let to_2026 = |s: &str| {
        s.parse::<OwaspId>()
            .unwrap()
            .counterpart(Framework::OwaspLlm2026)
            .unwrap()
            .id()
            .to_string()
    };
    assert_eq!(to_2026("LLM10:2025"), "LLM06:2026");
    assert_eq!(to_2026("LLM08:2023"), "LLM03:2026");
    // Within one edition, or for the ML list, there is none.
    let id: OwaspId = "LLM01:2025".parse().unwrap();
    assert!(id.counterpart(Framework::OwaspLlm2025).is_none());
    assert!(id.counterpart(Framework::OwaspMl2023).is_none());
}

#[test]
fn links_are_carried_to_every_edition_with_their_strength() {
    // The file's links to the 2025 edition, carried through the editions file.
    let mut want: BTreeSet<(String, String, String, String)> = BTreeSet::new();
    for r in rows("crosswalk.tsv")
        .into_iter()
        .filter(|r| r[1] == "owasp-llm")
    {
        let from = format!("{}:2025", r[2]);
        // Forward to 2026.
        if let Some((to, relation)) = step(&from, true) {
            want.insert((r[0].clone(), to, r[3].clone(), relation));
        }
        // Back to 2023.
        if let Some((to, relation)) = step(&from, false) {
            want.insert((r[0].clone(), to, r[3].clone(), relation));
        }
    }
    let ours: BTreeSet<(String, String, String, String)> = mlsecops_taxonomy::crosswalk::links()
        .iter()
        .filter_map(|l| {
            let (from, relation) = l.via()?;
            // Links carried on to the agentic list are `tests/agentic.rs`'s.
            if relation == Relation::Mapped {
                return None;
            }
            assert_eq!(from.framework(), Framework::OwaspLlm2025);
            assert!(
                l.note().contains(&format!("carried from {from}")),
                "{}",
                l.note()
            );
            assert_eq!(
                l.note().contains("judged counterpart"),
                relation == Relation::Judged,
                "{}",
                l.note()
            );
            Some((
                l.risk().to_string(),
                l.target().to_string(),
                l.strength().to_string(),
                relation.to_string(),
            ))
        })
        .collect();
    assert!(!want.is_empty());
    assert_eq!(ours, want);
    // R17-Security links to LLM01 in all three editions.
    let r17: Risk = "R17-Security".parse().unwrap();
    for edition in Framework::LLM_EDITIONS {
        let targets: Vec<String> = r17
            .crosswalk()
            .framework(edition)
            .iter()
            .map(|l| l.target().to_string())
            .collect();
        assert_eq!(targets, [format!("LLM01:{}", edition.edition())]);
    }
    // The reverse lookup works in every edition: LLM06:2026 is LLM10:2025.
    let a: ExternalId = "LLM06:2026".parse().unwrap();
    let b: ExternalId = "LLM10:2025".parse().unwrap();
    assert_eq!(a.risks(), b.risks());
    // A carried link keeps its strength: R10-Security's primary link to LLM04:2025 is a primary
    // link to LLM03:2023 through a judged counterpart.
    let r10: Risk = "R10-Security".parse().unwrap();
    let old = r10.crosswalk().framework(Framework::OwaspLlm2023).links()[0];
    assert_eq!(old.strength(), Strength::Primary);
    assert_eq!(old.via().unwrap().1, Relation::Judged);
}

#[cfg(feature = "serde")]
#[test]
fn carried_links_say_so_in_json() {
    let r10: Risk = "R10-Security".parse().unwrap();
    let json = serde_json::to_value(r10.crosswalk()).unwrap();
    let old = json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "LLM03:2023")
        .unwrap();
    assert_eq!(old["carried_from"]["id"], "LLM04:2025");
    assert_eq!(old["carried_from"]["relation"], "judged");
    assert_eq!(old["carried_from"]["provenance"], "curated");
    let new = json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "LLM05:2026")
        .unwrap();
    assert_eq!(new["carried_from"]["relation"], "same");
    assert_eq!(new["carried_from"]["provenance"], "source");
    let stated = json
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "LLM04:2025")
        .unwrap();
    assert!(stated.get("carried_from").is_none());
}

#[cfg(feature = "schema")]
#[test]
fn the_taxonomy_document_carries_the_editions_and_counterparts() {
    let doc = mlsecops_taxonomy::schema::taxonomy_document();
    let ours: BTreeSet<(String, String, String, String)> = doc["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_owned();
            (s("from"), s("to"), s("relation"), s("evidence"))
        })
        .collect();
    let file: BTreeSet<(String, String, String, String)> = rows("owasp-llm-editions.tsv")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()))
        .collect();
    assert_eq!(ours, file);
    for c in doc["counterparts"].as_array().unwrap() {
        let curated = c["relation"] == "judged";
        assert_eq!(c["provenance"] == "curated", curated, "{c}");
    }
    // Every edition's items, with the titles of owasp-ids.tsv.
    let items: BTreeSet<(String, String)> = doc["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["items"].as_array().unwrap().iter())
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_owned(),
                i["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // And the agentic list's, with those of owasp-agentic-2026.tsv.
    let file: BTreeSet<(String, String)> = rows("owasp-ids.tsv")
        .into_iter()
        .map(|r| (format!("{}:{}", r[2], r[1]), r[3].clone()))
        .chain(
            rows("owasp-agentic-2026.tsv")
                .into_iter()
                .filter(|r| r[0] == "item")
                .map(|r| (format!("{}:2026", r[1]), r[2].clone())),
        )
        .collect();
    assert_eq!(items, file);
}

/// What `migrate --to 2026` must write for `id`, from the editions file alone: the id in 2026,
/// or `None` when it has no counterpart there (or only a judged one, unless `judged`).
#[cfg(feature = "cli")]
fn expected_2026(id: &str, judged: bool) -> Option<String> {
    let mut at = id.to_owned();
    let mut relation = "same".to_owned();
    while !at.ends_with(":2026") {
        let (next, r) = step(&at, true)?;
        relation = weaker(&relation, &r);
        at = next;
    }
    (judged || relation != "judged").then_some(at)
}

#[cfg(feature = "cli")]
#[test]
fn migrate_moves_every_id_of_2023_and_2025_at_once() {
    let ids: Vec<String> = llm_ids("2023")
        .into_iter()
        .chain(llm_ids("2025"))
        .map(|id| id.to_string())
        .collect();
    assert_eq!(ids.len(), 20);
    // One id per line, inside prose and punctuation, so replacements cannot bleed.
    let text: String = ids.iter().map(|id| format!("- see ({id}).\n")).collect();
    for judged in [false, true] {
        let mut args = vec!["migrate", "--to", "2026", "-"];
        if judged {
            args.push("--include-judged");
        }
        let out = common::run_with_stdin(env!("CARGO_BIN_EXE_mlsecops"), &args, text.as_bytes());
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        let mut left = 0;
        for (line, (id, written)) in ids.iter().zip(stdout.lines()).enumerate() {
            match expected_2026(id, judged) {
                Some(to) => assert_eq!(written, format!("- see ({to})."), "{id}"),
                None => {
                    assert_eq!(written, format!("- see ({id})."), "{id} is left alone");
                    assert!(
                        stderr.contains(&format!("<stdin>:{}:8: {id} left alone", line + 1)),
                        "{id}: {stderr}"
                    );
                    left += 1;
                }
            }
        }
        assert_eq!(stdout.lines().count(), 20);
        assert_eq!(
            out.status.code(),
            Some(if left > 0 { 1 } else { 0 }),
            "{stderr}"
        );
        // 2025 -> 2026 alone is a permutation of nine items plus one judged: a search and
        // replace in sequence would have chained LLM03 -> LLM04 -> LLM05.
        assert!(stdout.contains("- see (LLM04:2026).\n- see (LLM05:2026)."));
        if !judged {
            assert!(left >= 4, "{stderr}");
        }
    }
}

#[test]
fn migrate_reads_garak_tags_only_as_2023() {
    use mlsecops_taxonomy::crosswalk::{LeftReason, Migrate};
    let text = "tags: [\"owasp:llm01\", \"owasp:llm06\"]";
    let m = Migrate::to(Framework::OwaspLlm2025).run(text);
    assert_eq!(m.text(), text);
    assert!(m.left().iter().all(|l| *l.reason() == LeftReason::GarakTag));
    let m = Migrate::to(Framework::OwaspLlm2025)
        .from(Framework::OwaspLlm2023)
        .run(text);
    assert_eq!(m.text(), "tags: [\"LLM01:2025\", \"LLM02:2025\"]");
    assert!(m.left().is_empty());
    // Not ids: inside words, other prefixes, three digits.
    let text = "XLLM01:2025 LLM012 LLM01:20255 owasp:llm011 LLM01_2025";
    let m = Migrate::to(Framework::OwaspLlm2026).run(text);
    assert_eq!((m.text(), m.left().len()), (text, 0));
    // A bare id before a colon is still an id without an edition.
    let m = Migrate::to(Framework::OwaspLlm2026).run("LLM06: Excessive Agency");
    assert!(matches!(m.left()[0].reason(), LeftReason::NoEdition(_)));
    // Any case in, the canonical form out.
    let m = Migrate::to(Framework::OwaspLlm2026).run("llm10:2025");
    assert_eq!(m.text(), "LLM06:2026");
    // Ids already in the target edition stay as they are, unreported.
    let m = Migrate::to(Framework::OwaspLlm2026).run("LLM03:2026");
    assert_eq!(
        (m.text(), m.left().len(), m.replaced()),
        ("LLM03:2026", 0, 0)
    );
}
