//! The crosswalk against the vendored reference files: `tests/data/crosswalk.tsv`,
//! `tests/data/atlas-5.6.0-ids.tsv` and `tests/data/owasp-ids.tsv`. The links carried to the
//! other editions of the OWASP LLM list are `tests/editions.rs`'s.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use mlsecops_taxonomy::{
    AtlasId, AtlasKind, Crosswalk, ExternalId, Framework, OwaspId, ParseIdError, Registry, Risk,
    RiskSet, Strength,
};

use common::tsv_rows as rows;

/// The crosswalk file's links as (risk, framework, id as written, strength, note).
fn tsv_links() -> Vec<(String, String, String, String, String)> {
    rows("crosswalk.tsv")
        .into_iter()
        .map(|r| {
            (
                r[0].clone(),
                r[1].clone(),
                r[2].clone(),
                r[3].clone(),
                r[4].clone(),
            )
        })
        .collect()
}

/// The crosswalk file's framework names and ids, in the crate's canonical id form.
fn canonical(framework: &str, id: &str) -> String {
    match framework {
        "atlas" => id.to_owned(),
        "owasp-llm" => format!("{id}:2025"),
        "owasp-ml" => format!("{id}:2023"),
        other => panic!("unknown framework {other}"),
    }
}

#[test]
fn every_link_equals_the_crosswalk_file() {
    let expected: BTreeSet<(String, String, String, String)> = tsv_links()
        .into_iter()
        .map(|(risk, fw, id, strength, note)| (risk, canonical(&fw, &id), strength, note))
        .collect();
    let stated = || {
        mlsecops_taxonomy::crosswalk::links()
            .iter()
            .filter(|l| l.via().is_none())
    };
    let ours: BTreeSet<(String, String, String, String)> = stated()
        .map(|l| {
            (
                l.risk().to_string(),
                l.target().to_string(),
                l.strength().to_string(),
                l.note().to_owned(),
            )
        })
        .collect();
    assert_eq!(tsv_links().len(), 54);
    assert_eq!(stated().count(), 54);
    assert_eq!(ours, expected);
    // Per risk, through Risk::crosswalk.
    let mapped: BTreeSet<String> = tsv_links().into_iter().map(|l| l.0).collect();
    assert_eq!(mapped.len(), 19);
    for risk in Risk::ALL {
        let cw = risk.crosswalk();
        let from_file = expected.iter().filter(|l| l.0 == risk.code()).count();
        assert_eq!(
            cw.iter().filter(|l| l.via().is_none()).count(),
            from_file,
            "{risk}"
        );
        if mapped.contains(risk.code()) {
            assert!(matches!(cw, Crosswalk::Mapped(_)));
            assert!(cw.iter().all(|l| l.risk() == risk));
        } else {
            assert_eq!(cw, Crosswalk::NoMapping, "{risk}");
            assert_eq!(cw.to_string(), "no mapping");
        }
    }
}

#[test]
fn every_atlas_id_and_name_equals_the_atlas_extract() {
    let extract = rows("atlas-5.6.0-ids.tsv");
    assert_eq!(extract.len(), 221);
    assert_eq!(AtlasId::COUNT, 221);
    let file: BTreeMap<String, (String, String)> = extract
        .iter()
        .map(|r| (r[1].clone(), (r[0].clone(), r[2].clone())))
        .collect();
    let ours: BTreeMap<String, (String, String)> = AtlasId::all()
        .map(|id| {
            (
                id.to_string(),
                (id.kind().to_string(), id.title().to_owned()),
            )
        })
        .collect();
    assert_eq!(ours, file);
    for row in &extract {
        let id: AtlasId = row[1].parse().unwrap();
        assert_eq!(id.title(), row[2]);
        assert_eq!(row[1].to_lowercase().parse::<AtlasId>().unwrap(), id);
        assert_eq!(
            format!(" {} ", row[1]).parse::<ExternalId>().unwrap(),
            ExternalId::Atlas(id)
        );
        if id.kind() == AtlasKind::Subtechnique {
            assert_eq!(id.parent().unwrap().to_string(), row[1][..9]);
        } else {
            assert_eq!(id.parent(), None);
        }
    }
    // The crosswalk's ATLAS targets carry the extract's names.
    for (_, fw, id, _, _) in tsv_links() {
        if fw == "atlas" {
            assert_eq!(AtlasId::lookup(&id).unwrap().title(), file[&id].1);
        }
    }
}

#[test]
fn every_owasp_id_and_title_equals_the_owasp_file() {
    let file = rows("owasp-ids.tsv");
    assert_eq!(file.len(), 40);
    let mut seen = 0;
    for row in &file {
        let framework = match (row[0].as_str(), row[1].as_str()) {
            ("owasp-llm", "2023") => Framework::OwaspLlm2023,
            ("owasp-llm", "2025") => Framework::OwaspLlm2025,
            ("owasp-llm", "2026") => Framework::OwaspLlm2026,
            ("owasp-ml", "2023") => Framework::OwaspMl2023,
            other => panic!("unexpected {other:?}"),
        };
        let with_edition = format!("{}:{}", row[2], row[1]);
        let id: OwaspId = with_edition.parse().unwrap();
        assert_eq!(id.to_string(), with_edition);
        assert_eq!(id.title(), row[3]);
        assert_eq!(id.framework(), framework);
        assert_eq!(framework.edition(), row[1]);
        assert_eq!(
            ExternalId::Owasp(id)
                .to_string()
                .parse::<ExternalId>()
                .unwrap(),
            ExternalId::Owasp(id)
        );
        if framework.is_llm() {
            // Without its edition an LLM id is refused: the error says what it is in each
            // edition, or that the editions agree (tests/editions.rs).
            let err = row[2].parse::<OwaspId>().unwrap_err();
            assert!(matches!(err, ParseIdError::NoEdition { .. }), "{err}");
            let message = err.to_string();
            let agree = message.contains("the editions agree");
            for (edition, title) in file
                .iter()
                .filter(|r| r[0] == "owasp-llm" && r[2] == row[2])
                .map(|r| (&r[1], &r[3]))
            {
                let shown = if agree {
                    format!("{}:{edition}", row[2])
                } else {
                    format!("{}:{edition} {title}", row[2])
                };
                assert!(message.contains(&shown), "{message}");
                assert!(message.contains(title.as_str()), "{message}");
            }
        } else {
            // The ML list has one edition: the suffix is optional.
            assert_eq!(row[2].parse::<OwaspId>().unwrap(), id);
        }
        seen += 1;
    }
    // The agentic list's ids and titles are `tests/agentic.rs`'s (their own file).
    let ours = Framework::ALL
        .into_iter()
        .filter(|&f| f != Framework::OwaspAgentic2026)
        .flat_map(OwaspId::all)
        .count();
    assert_eq!((seen, ours), (40, 40));
}

#[test]
fn r5_privacy_lists_its_links_with_titles_and_strengths() {
    let links: Vec<(String, &str, Strength)> = "R5-Privacy"
        .parse::<Risk>()
        .unwrap()
        .crosswalk()
        .iter()
        .map(|l| (l.target().to_string(), l.target().title(), l.strength()))
        .collect();
    assert_eq!(
        links,
        [
            (
                "AML.T0024.000".to_owned(),
                "Infer Training Data Membership",
                Strength::Primary
            ),
            (
                "AML.T0024.001".to_owned(),
                "Invert AI Model",
                Strength::Primary
            ),
            (
                "LLM06:2023".to_owned(),
                "Sensitive Information Disclosure",
                Strength::Primary
            ),
            (
                "LLM02:2025".to_owned(),
                "Sensitive Information Disclosure",
                Strength::Primary
            ),
            (
                "LLM02:2026".to_owned(),
                "Sensitive Information Disclosure",
                Strength::Primary
            ),
            (
                "ML03:2023".to_owned(),
                "Model Inversion Attack",
                Strength::Primary
            ),
            (
                "ML04:2023".to_owned(),
                "Membership Inference Attack",
                Strength::Primary
            ),
            // Carried from LLM02:2026, which OWASP's appendix maps to ASI06.
            (
                "ASI06:2026".to_owned(),
                "Memory & Context Poisoning",
                Strength::Primary
            ),
        ]
    );
}

#[test]
fn reverse_lookup_equals_the_file() {
    let mut by_target: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (risk, fw, id, _, _) in tsv_links() {
        by_target
            .entry(canonical(&fw, &id))
            .or_default()
            .insert(risk);
    }
    for (target, risks) in &by_target {
        let id: ExternalId = target.parse().unwrap();
        let ours: BTreeSet<String> = id.risks().iter().map(|r| r.to_string()).collect();
        assert_eq!(&ours, risks, "{target}");
    }
    // An id nobody links to has no risks; a sub-technique's links are not its technique's.
    assert_eq!(
        "AML.T0000".parse::<ExternalId>().unwrap().risks(),
        RiskSet::EMPTY
    );
    assert_eq!(
        "LLM07:2023".parse::<ExternalId>().unwrap().risks(),
        RiskSet::EMPTY
    );
}

#[test]
fn framework_filters_and_coverage_follow_the_file() {
    // The frameworks the file states links to (the other LLM editions are carried).
    let stated = [
        Framework::Atlas,
        Framework::OwaspLlm2025,
        Framework::OwaspMl2023,
    ];
    for risk in Risk::ALL {
        for framework in stated {
            let cw = risk.crosswalk().framework(framework);
            assert!(cw.iter().all(|l| l.target().framework() == framework));
            let file = tsv_links()
                .into_iter()
                .filter(|l| {
                    l.0 == risk.code()
                        && canonical(&l.1, &l.2)
                            .parse::<ExternalId>()
                            .unwrap()
                            .framework()
                            == framework
                })
                .count();
            assert_eq!(cw.len(), file);
            assert_eq!(cw == Crosswalk::NoMapping, file == 0);
        }
    }
    // Coverage per framework, computed independently from the file.
    let reg = Registry::builtin();
    let names: Vec<&str> = reg.tools().map(|t| t.name()).collect();
    for chosen in names.chunks(4) {
        let cov = reg.coverage(chosen.iter().copied()).unwrap();
        for framework in stated {
            for strength in Strength::ALL {
                let expected: BTreeSet<String> = tsv_links()
                    .into_iter()
                    .filter(|l| strength == Strength::Supporting || l.3 == "primary")
                    .filter(|l| cov.covered().contains(l.0.parse().unwrap()))
                    .map(|l| canonical(&l.1, &l.2))
                    .filter(|id| id.parse::<ExternalId>().unwrap().framework() == framework)
                    .collect();
                let fc = cov.framework_at(framework, strength);
                let ours: BTreeSet<String> = fc.covered().map(|id| id.to_string()).collect();
                assert_eq!(ours, expected, "{chosen:?} {framework} {strength}");
            }
        }
    }
    // OWASP LLM items no risk reaches with a primary link.
    let all = reg.coverage_all();
    let unmapped: Vec<String> = all
        .framework(Framework::OwaspLlm2025)
        .unmapped()
        .iter()
        .map(|id| id.to_string())
        .collect();
    assert_eq!(
        unmapped,
        [
            "LLM01:2025",
            "LLM05:2025",
            "LLM06:2025",
            "LLM07:2025",
            "LLM08:2025",
            "LLM09:2025"
        ]
    );
}

#[test]
fn parse_errors_say_what_is_wrong() {
    let err = |s: &str| s.parse::<ExternalId>().unwrap_err();
    assert!(matches!(
        err("AML.T9999"),
        ParseIdError::UnknownAtlas { .. }
    ));
    assert!(matches!(err("AML.X0001"), ParseIdError::NotAnId { .. }));
    assert!(matches!(
        err("LLM03:2024"),
        ParseIdError::WrongEdition { .. }
    ));
    assert!(matches!(err("LLM03"), ParseIdError::NoEdition { .. }));
    assert!(matches!(err("ML11"), ParseIdError::UnknownOwasp { .. }));
    assert_eq!(
        err("ML03:2021").to_string(),
        r#""ML03:2021": the OWASP Machine Learning Security Top 10 is here in the 2023 edition"#
    );
    assert_eq!(
        err("").to_string(),
        r#""" is not an ATLAS or OWASP id (expected e.g. AML.T0024, LLM01:2025, ML01:2023, ASI01:2026)"#
    );
    for bad in [
        "LLM",
        "LLM1:25",
        "ML-1",
        "LLM001",
        "A01:2021",
        "AML.T0024.0001",
        "AML.TA02",
    ] {
        assert!(matches!(err(bad), ParseIdError::NotAnId { .. }), "{bad}");
    }
    assert_eq!(
        "llm1:2026".parse::<ExternalId>().unwrap().to_string(),
        "LLM01:2026"
    );
    // "owasp-llm" names no edition.
    assert!("owasp-llm".parse::<Framework>().is_err());
    assert_eq!(
        "supporting".parse::<Strength>().unwrap(),
        Strength::Supporting
    );
}

#[cfg(feature = "serde")]
#[test]
fn ids_serialize_as_their_text_form() {
    let id: ExternalId = "AML.T0024.002".parse().unwrap();
    assert_eq!(serde_json::to_string(&id).unwrap(), r#""AML.T0024.002""#);
    let back: ExternalId = serde_json::from_str(r#""llm02:2025""#).unwrap();
    assert_eq!(back.to_string(), "LLM02:2025");
    assert!(serde_json::from_str::<ExternalId>(r#""LLM02""#).is_err());
    assert!(serde_json::from_str::<ExternalId>(r#""LLM02:2024""#).is_err());
}

#[test]
fn the_readme_table_shows_every_link() {
    // The crosswalk table is the book's crosswalk page's (other pages show risks in tables too).
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/crosswalks.md"),
    )
    .unwrap();
    for risk in Risk::ALL {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {} {} |", risk.code(), risk.name())));
        match risk.crosswalk() {
            Crosswalk::NoMapping => assert!(row.is_none(), "{risk} has no links"),
            Crosswalk::Mapped(links) => {
                let row = row.unwrap_or_else(|| panic!("README has no row for {risk}"));
                // Every edition but the 2023 one (in the JSON and `show`).
                let shown: Vec<_> = links
                    .iter()
                    .filter(|l| l.target().framework() != Framework::OwaspLlm2023)
                    .collect();
                assert_eq!(
                    row.matches(':').count() + row.matches("AML.").count(),
                    shown.len(),
                    "{row}"
                );
                for l in shown {
                    let mark = if l.strength() == Strength::Primary {
                        "**"
                    } else {
                        ""
                    };
                    let cell = format!("{mark}{}{mark} {}", l.target(), l.target().title());
                    assert!(row.contains(&cell), "{row} lacks {cell}");
                }
            }
        }
    }
    let unmapped: Vec<&str> = Risk::ALL
        .into_iter()
        .filter(|r| r.crosswalk() == Crosswalk::NoMapping)
        .map(|r| r.code())
        .collect();
    let line = format!("No mapping ({}): {}", unmapped.len(), unmapped.join(", "));
    assert!(readme.contains(&line), "README lacks {line:?}");
}
