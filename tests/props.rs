//! Property tests: parsers never panic and print back canonically, registry loading survives
//! arbitrary and mutated documents, save then load is the identity, `RiskSet` algebra matches a
//! `BTreeSet`, and `minimal_cover` is never worse than greedy.
//!
//! 256 cases per property by default; `PROPTEST_CASES=100000 cargo test --release --test props`
//! for a long run.
#![cfg(feature = "json")]

use std::collections::BTreeSet;
use std::fmt::{Debug, Display};
use std::str::FromStr;

use mlsecops_taxonomy::{
    AtlasId, AtlasKind, Category, Domain, ExternalId, Framework, Layer, OwaspId, Phase, PhaseKind,
    Provenance, Registry, Requirement, Risk, RiskSet, Strength, Tool, ToolKind,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Value};

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Text near the crate's spellings: codes, names, separators, case, digits and look-alikes.
fn near_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "R",
        "r",
        "1",
        "7",
        "17",
        "23",
        "24",
        "0",
        "011",
        "-",
        "_",
        " ",
        "\t",
        ",",
        ":",
        "Security",
        "security",
        "Privacy",
        "PRIVACY",
        "Secrity",
        "model",
        "data",
        "application",
        "app",
        "Model Deployment",
        "model_deployment",
        "&",
        "and",
        "static",
        "dynamic",
        "llm-security",
        "vendor",
        "tool",
        "curated",
        "AML.T0051",
        "AML.T0010.004",
        "LLM01:2025",
        "ML01:2023",
        ".",
        "\u{0430}",
        "\u{FF32}",
        "\u{200B}",
        "é",
        "\n",
        "all",
    ]);
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![near_text(), any::<String>()]
}

/// `FromStr` returns `Ok` or `Err` (a panic fails the test); an `Ok` value displays as its
/// canonical form, which parses back to it.
fn round_trip<T>(text: &str, canonical: impl Fn(&T) -> String) -> Result<(), TestCaseError>
where
    T: FromStr + Display + PartialEq + Debug,
{
    if let Ok(value) = text.parse::<T>() {
        let shown = value.to_string();
        prop_assert_eq!(&shown, &canonical(&value));
        prop_assert_eq!(shown.parse::<T>().ok(), Some(value));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_parser_accepts_or_rejects_any_text(text in any_text()) {
        round_trip::<Risk>(&text, |v| v.code().to_owned())?;
        round_trip::<Layer>(&text, |v| v.as_str().to_owned())?;
        round_trip::<Phase>(&text, |v| v.as_str().to_owned())?;
        round_trip::<PhaseKind>(&text, |v| v.as_str().to_owned())?;
        round_trip::<Domain>(&text, |v| v.as_str().to_owned())?;
        round_trip::<Category>(&text, |v| v.as_str().to_owned())?;
        round_trip::<ToolKind>(&text, |v| v.as_str().to_owned())?;
        round_trip::<Provenance>(&text, |v| v.as_str().to_owned())?;
        round_trip::<AtlasId>(&text, |v| v.as_str().to_owned())?;
        round_trip::<OwaspId>(&text, |v| v.to_string())?;
        round_trip::<ExternalId>(&text, |v| v.to_string())?;
        round_trip::<Framework>(&text, |v| v.as_str().to_owned())?;
        round_trip::<AtlasKind>(&text, |v| v.as_str().to_owned())?;
        round_trip::<Strength>(&text, |v| v.as_str().to_owned())?;
        round_trip::<Requirement>(&text, |v| v.to_string())?;
        round_trip::<RiskSet>(&text, |v| {
            v.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
        })?;
        // Errors say what was wrong.
        if let Err(e) = text.parse::<Risk>() {
            prop_assert!(!e.to_string().is_empty());
        }
    }
}

/// Any JSON value, up to a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        let keys = prop_oneof![
            prop::sample::select(vec![
                "tools",
                "name",
                "risks",
                "id",
                "url",
                "description",
                "kind",
                "categories",
                "provenance",
                "facts",
                "$schema",
            ])
            .prop_map(str::to_owned),
            any_text(),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A loaded registry saves and loads back equal; a rejected document has clear problems.
fn check_load(text: &str) -> Result<(), TestCaseError> {
    match Registry::from_json(text) {
        Ok(registry) => {
            let saved = registry.to_json();
            let again = Registry::from_json(&saved);
            prop_assert!(again.is_ok(), "{saved}");
            prop_assert_eq!(again.unwrap(), registry);
        }
        Err(e) => {
            prop_assert!(!e.problems().is_empty());
            for p in e.problems() {
                prop_assert!(p.location().is_some(), "{}", p);
                prop_assert!(!p.to_string().is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_json_is_loaded_or_rejected(value in json_value()) {
        check_load(&value.to_string())?;
        check_load(&serde_json::json!({"tools": [value]}).to_string())?;
    }
}

/// A tool made of arbitrary (valid) fields.
fn tool() -> impl Strategy<Value = Tool> {
    let name = prop_oneof![
        "[A-Za-z][A-Za-z0-9 ._&-]{0,20}",
        "[\u{00C0}-\u{024F}\u{0400}-\u{04FF}][\u{00C0}-\u{04FF} ]{0,8}",
    ];
    (
        name,
        any::<u64>(),
        proptest::option::of("https://[a-z]{1,10}\\.example\\.com/[a-z_()]{0,8}"),
        proptest::option::of("[^\n\r\u{2028}\u{2029}]{0,40}[a-z]"),
        any::<bool>(),
        prop::sample::subsequence(Category::ALL.to_vec(), 0..3),
        prop::sample::select(Provenance::ALL.to_vec()),
    )
        .prop_filter_map(
            "name without a letter or digit",
            |(name, bits, url, description, vendor, categories, provenance)| {
                let mut tool = Tool::new(name, RiskSet::from_bits_truncate(bits)).ok()?;
                if let Some(url) = url {
                    tool = tool.with_url(url).ok()?;
                }
                if let Some(description) = description {
                    tool = tool.with_description(description).ok()?;
                }
                let kind = if vendor {
                    ToolKind::Vendor
                } else {
                    ToolKind::Tool
                };
                Some(
                    tool.with_kind(kind)
                        .with_categories(categories)
                        .ok()?
                        .with_provenance(provenance, provenance),
                )
            },
        )
}

fn registry() -> impl Strategy<Value = Registry> {
    prop::collection::vec(tool(), 0..12).prop_map(|tools| {
        let mut registry = Registry::new();
        for tool in tools {
            let _ = registry.insert(tool);
        }
        registry
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn save_then_load_is_the_identity(registry in registry()) {
        let text = registry.to_json();
        let loaded = Registry::from_json(&text);
        prop_assert!(loaded.is_ok(), "{text}");
        let loaded = loaded.unwrap();
        prop_assert_eq!(&loaded, &registry);
        prop_assert_eq!(loaded.to_json(), text);
    }
}

/// One change to a valid registry document.
#[derive(Debug, Clone)]
enum Mutation {
    Drop(String),
    Duplicate(String),
    Retype(String, Value),
    Code(String),
    LookAlike(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // The fields of a registry file's tool, written out on purpose rather than taken from the
    // loader: a field the loader forgot would otherwise vanish from the test as well.
    let field = prop::sample::select(vec![
        "name",
        "id",
        "url",
        "description",
        "risks",
        "kind",
        "categories",
        "packages",
        "provenance",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        field.clone().prop_map(Mutation::Drop),
        field.clone().prop_map(Mutation::Duplicate),
        (field, json_value()).prop_map(|(f, v)| Mutation::Retype(f, v)),
        near_text().prop_map(Mutation::Code),
        any::<usize>().prop_map(Mutation::LookAlike),
    ]
}

/// Characters that look like Latin letters, and invisible ones.
const LOOK_ALIKES: [char; 6] = [
    '\u{0430}', '\u{0435}', '\u{043E}', '\u{FF21}', '\u{200B}', '\u{00A0}',
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_registries_are_loaded_or_rejected(
        registry in registry(),
        target in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut doc: Value = serde_json::from_str(&registry.to_json()).unwrap();
        let tools = doc["tools"].as_array_mut().unwrap();
        if tools.is_empty() {
            tools.push(serde_json::json!({"name": "Seed", "risks": ["R1-Security"]}));
        }
        let i = target.index(tools.len());
        let mut duplicated = Vec::new();
        for m in &mutations {
            let tool = tools[i].as_object_mut().unwrap();
            match m {
                Mutation::Drop(f) => {
                    tool.remove(f);
                }
                Mutation::Duplicate(f) => duplicated.push(f.clone()),
                Mutation::Retype(f, v) => {
                    tool.insert(f.clone(), v.clone());
                }
                Mutation::Code(code) => {
                    let risks = tool.entry("risks").or_insert_with(|| Value::Array(Vec::new()));
                    if let Some(list) = risks.as_array_mut() {
                        list.push(Value::String(code.clone()));
                    }
                }
                Mutation::LookAlike(at) => {
                    if let Some(Value::String(name)) = tool.get_mut("name") {
                        let chars: Vec<char> = name.chars().collect();
                        let pos = at % (chars.len() + 1);
                        let c = LOOK_ALIKES[at % LOOK_ALIKES.len()];
                        *name = chars[..pos].iter().chain([c].iter()).chain(chars[pos..].iter()).collect();
                    }
                }
            }
        }
        let mut text = serde_json::to_string_pretty(&doc).unwrap();
        // Duplicated keys cannot be made in a `Value`: write them into the text.
        for f in duplicated {
            let needle = format!("\"{f}\": ");
            if let Some(at) = text.find(&needle) {
                text.insert_str(at, &format!("\"{f}\": null, "));
            }
        }
        check_load(&text)?;
        if let Err(e) = Registry::from_json(&text) {
            // Problems in a tool name the tool.
            for p in e.problems() {
                prop_assert!(p.tool_index().is_some() || p.field().is_some() || matches!(p.kind(), mlsecops_taxonomy::ProblemKind::Syntax { .. }), "{}", p);
            }
        }
    }
}

fn model(bits: u64) -> BTreeSet<Risk> {
    Risk::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| bits >> i & 1 == 1)
        .map(|(_, r)| r)
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn risk_set_algebra_matches_a_btreeset(a in any::<u64>(), b in any::<u64>()) {
        let (sa, sb) = (RiskSet::from_bits_truncate(a), RiskSet::from_bits_truncate(b));
        let (ma, mb): (BTreeSet<Risk>, BTreeSet<Risk>) = (sa.iter().collect(), sb.iter().collect());
        prop_assert_eq!(&ma, &model(a));
        let all: BTreeSet<Risk> = Risk::ALL.into_iter().collect();
        let of = |s: RiskSet| s.iter().collect::<BTreeSet<Risk>>();
        prop_assert_eq!(of(sa | sb), ma.union(&mb).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(of(sa & sb), ma.intersection(&mb).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(of(sa - sb), ma.difference(&mb).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(of(!sa), all.difference(&ma).copied().collect::<BTreeSet<_>>());
        prop_assert_eq!(sa.len(), ma.len());
        prop_assert_eq!(sa.is_subset(sb), ma.is_subset(&mb));
        prop_assert_eq!(sa.is_disjoint(sb), ma.is_disjoint(&mb));
        let iterated: Vec<Risk> = sa.iter().collect();
        let ordered: Vec<Risk> = Risk::ALL.into_iter().filter(|r| ma.contains(r)).collect();
        prop_assert_eq!(iterated, ordered);
        prop_assert_eq!(sa.to_string().parse::<RiskSet>().unwrap_or(RiskSet::EMPTY), sa);
    }
}

/// Greedy set cover: repeatedly the tool covering most of what is left.
fn greedy(masks: &[u64], target: u64) -> usize {
    let mut left = target;
    let mut n = 0;
    while left != 0 {
        let best = masks
            .iter()
            .map(|m| (m & left).count_ones())
            .max()
            .unwrap_or(0);
        if best == 0 {
            break;
        }
        let m = masks
            .iter()
            .find(|m| (*m & left).count_ones() == best)
            .unwrap();
        left &= !m;
        n += 1;
    }
    n
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn minimal_cover_is_never_worse_than_greedy(
        masks in prop::collection::vec(any::<u64>().prop_map(|b| b & b.rotate_left(17) & b.rotate_left(31)), 0..40),
        required in any::<u64>(),
    ) {
        let mut registry = Registry::new();
        for (i, &m) in masks.iter().enumerate() {
            registry.insert(Tool::new(format!("tool {i}"), RiskSet::from_bits_truncate(m)).unwrap()).unwrap();
        }
        let required = RiskSet::from_bits_truncate(required);
        let cover = registry.minimal_cover(required);
        let coverable = required & registry.covered();
        let union = cover.tools().fold(RiskSet::EMPTY, |acc, t| acc | t.risks());
        prop_assert!(coverable.is_subset(union));
        prop_assert_eq!(cover.covered(), coverable);
        prop_assert_eq!(cover.uncoverable(), required - coverable);
        let bits: Vec<u64> = registry.tools().map(|t| t.risks().bits()).collect();
        prop_assert!(cover.tools().len() <= greedy(&bits, coverable.bits()));
    }
}
