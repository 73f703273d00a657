//! Coverage queries and the minimal cover, the latter checked against brute force.

mod common;

use common::Rng;
use mlsecops_taxonomy::{Counts, Domain, Layer, Phase, Registry, Risk, RiskSet, Tool};

#[test]
fn the_whole_source_registry_covers_17_of_34() {
    let cov = Registry::source().coverage_all();
    assert_eq!(
        cov.total(),
        Counts {
            covered: 17,
            total: 34
        }
    );
    assert_eq!(cov.ratio(), 0.5);
    assert_eq!(
        cov.covered().to_string(),
        "R1-Security, R2-Security, R3-Security, R4-Security, R5-Security, R7-Security, \
         R9-Security, R10-Security, R11-Security, R16-Security, R17-Security, R20-Security, \
         R1-Privacy, R2-Privacy, R5-Privacy, R6-Privacy, R8-Privacy"
    );
    assert_eq!(
        Layer::ALL.map(|l| cov.layer(l).to_string()),
        ["8/11", "7/13", "2/10"]
    );
    assert_eq!(
        Phase::ALL.map(|p| cov.phase(p).to_string()),
        [
            "3/3", "3/4", "2/4", "3/4", "1/3", "3/6", "1/3", "1/3", "0/4"
        ]
    );
    assert_eq!(cov.counts(Domain::Privacy).to_string(), "5/11");
}

#[test]
fn coverage_of_named_tools() {
    let reg = Registry::source();
    let cov = reg.coverage(["Garak", "ModelScan", "garak"]).unwrap();
    let names: Vec<&str> = cov.tools().map(|t| t.name()).collect();
    assert_eq!(
        names,
        ["Garak", "ModelScan"],
        "each tool once, in the order asked"
    );
    assert_eq!(
        cov.covered(),
        "R5-Security, R7-Security, R9-Security, R10-Security, R17-Security"
            .parse()
            .unwrap()
    );
    assert_eq!(cov.uncovered(), !cov.covered());
    assert_eq!(
        cov.layer(Layer::Model),
        Counts {
            covered: 3,
            total: 13
        }
    );
    let r9: Risk = "R9-Security".parse().unwrap();
    assert_eq!(cov.tools_covering(r9).count(), 1);
    assert!(
        cov.require(
            RiskSet::from(Phase::ModelTraining) - RiskSet::from(Domain::Privacy) - r9.into()
        )
        .is_err()
    );
    assert!(
        cov.require("R9-Security, R10-Security".parse::<RiskSet>().unwrap())
            .is_ok()
    );
    let empty = reg.coverage(Vec::<String>::new()).unwrap();
    assert!(empty.covered().is_empty());
    assert_eq!(empty.ratio(), 0.0);
}

#[test]
fn gaps_name_the_tools_that_would_cover_and_say_when_none_exists() {
    let reg = Registry::source();
    let cov = reg.coverage(["Garak", "ModelScan"]).unwrap();
    let gap = cov.require(Layer::Data).unwrap_err();
    assert_eq!(
        gap.to_string(),
        "9 required risks are not covered:
  R1-Security Data Poisoning Attacks: would be covered by NB Defense
  R2-Security Data Fetching Attacks: would be covered by TF-encrypted, OpenDP
  R3-Security Malicious Injection during Preprocessing: would be covered by NB Defense
  R4-Security Annotation Errors: would be covered by AIF360, Fairness Indicators, Audit AI
  R6-Security Incomplete Data Attacks: no tool in the registry covers it
  R1-Privacy Unauthorized PII Collection: would be covered by TensorFlow Privacy, Privacy Meter, TF-encrypted, AnonLLM and 1 more
  R2-Privacy PII Leakage: would be covered by TensorFlow Privacy, Privacy Meter
  R3-Privacy Unsecured Data Transfer Exposure: no tool in the registry covers it
  R4-Privacy Sensitive Data Exposure: no tool in the registry covers it"
    );
    assert_eq!(
        gap.uncoverable().to_string(),
        "R6-Security, R3-Privacy, R4-Privacy"
    );
    // Research code is not proposed: LangBiTe (R4-Security) is apart, and named only where no
    // tool a project can adopt covers the risk.
    let r4 = &gap.entries()[3];
    assert_eq!(r4.others()[0].name(), "LangBiTe");
    let r5 = reg
        .coverage(["Garak"])
        .unwrap()
        .require("R5-Security".parse::<Risk>().unwrap())
        .unwrap_err();
    assert_eq!(
        r5.to_string(),
        "1 required risk is not covered:\n  R5-Security Fake Data Attacks: would be covered by ModelScan, Safetensors"
    );
    assert_eq!(r5.entries()[0].others()[0].name(), "Knockoffnets");
    // A risk only a benchmark covers: said so, with the role.
    let mut ours = Registry::new();
    ours.insert(
        Tool::new("Quant Bench", "R18-Security".parse().unwrap())
            .unwrap()
            .with_role(mlsecops_taxonomy::Role::Benchmark),
    )
    .unwrap();
    let gap = ours
        .coverage(Vec::<&str>::new())
        .unwrap()
        .require("R18-Security".parse::<Risk>().unwrap())
        .unwrap_err();
    assert_eq!(
        gap.entries()[0].to_string(),
        "R18-Security Quantization Attacks: no tool a project can adopt covers it; only Quant Bench (benchmark)"
    );
    assert!(!gap.entries()[0].is_uncoverable());
    let one = cov
        .require("R6-Security".parse::<Risk>().unwrap())
        .unwrap_err();
    assert_eq!(
        one.to_string(),
        "1 required risk is not covered:\n  R6-Security Incomplete Data Attacks: no tool in the registry covers it"
    );
}

#[test]
fn minimal_cover_of_the_source_registry() {
    let reg = Registry::source();
    let cover = reg.minimal_cover(RiskSet::ALL);
    let names: Vec<&str> = cover.tools().map(|t| t.name()).collect();
    assert_eq!(
        names,
        [
            "AIF360",
            "AIShield Watchtower",
            "ModelScan",
            "NB Defense",
            "TensorFlow Privacy",
            "TF-encrypted",
            "Pyrit",
            "NeMo-Guardrails",
            "Model Transparency"
        ]
    );
    assert!(cover.is_proven_minimal());
    assert_eq!(cover.covered(), reg.covered());
    assert_eq!(cover.uncoverable(), !reg.covered());
    let union: RiskSet = cover.tools().fold(RiskSet::EMPTY, |s, t| s | t.risks());
    assert!(cover.covered().is_subset(union));
    let none = reg.minimal_cover(RiskSet::EMPTY);
    assert_eq!(none.tools().len(), 0);
}

#[test]
fn coverage_and_covers_print_short() {
    let reg = Registry::source();
    let cov = reg.coverage(["Garak", "ModelScan"]).unwrap();
    assert_eq!(cov.to_string(), "5 of 34 risks covered by Garak, ModelScan");
    assert_eq!(
        reg.coverage(Vec::<&str>::new()).unwrap().to_string(),
        "0 of 34 risks covered: no tools"
    );
    assert_eq!(
        reg.coverage(["Garak"]).unwrap().to_string(),
        "3 of 34 risks covered by Garak"
    );
    // Debug names the tools and the covered set, not the registry's 41 tools.
    let debug = format!("{cov:?}");
    assert_eq!(
        debug,
        "Coverage { tools: [\"Garak\", \"ModelScan\"], covered: {\"R5-Security\", \"R7-Security\", \
         \"R9-Security\", \"R10-Security\", \"R17-Security\"}, registry_len: 41 }"
    );
    let one = reg.minimal_cover("R11-Security".parse::<RiskSet>().unwrap());
    assert_eq!(
        one.to_string(),
        "1 tool covers 1 of the 1 required risk: Model Transparency"
    );
    assert_eq!(
        format!("{one:?}"),
        "MinimalCover { tools: [\"Model Transparency\"], required: {\"R11-Security\"}, \
         uncoverable: {}, proven_minimal: true }"
    );
    let none = reg.minimal_cover(RiskSet::EMPTY);
    assert_eq!(none.to_string(), "0 tools cover 0 of the 0 required risks");
    assert_eq!(
        reg.minimal_cover("R12-Security".parse::<RiskSet>().unwrap())
            .to_string(),
        "0 tools cover 0 of the 1 required risk; no tool covers R12-Security"
    );
}

#[test]
fn each_domain_is_exactly_its_risks() {
    use mlsecops_taxonomy::Domain;
    for domain in Domain::ALL {
        let expected: RiskSet = Risk::ALL
            .into_iter()
            .filter(|r| r.domain() == domain)
            .collect();
        assert_eq!(domain.risks(), expected, "{domain}");
        assert_eq!(domain.risks().len(), usize::from(domain.count()));
    }
    assert_eq!(
        Domain::Security.risks() | Domain::Privacy.risks(),
        RiskSet::ALL
    );
    assert!((Domain::Security.risks() & Domain::Privacy.risks()).is_empty());
}

/// A small set over the first `width` risks.
fn small_set(rng: &mut Rng, width: usize) -> RiskSet {
    let k = 1 + rng.next() % 4;
    (0..k)
        .map(|_| Risk::ALL[(rng.next() % width as u64) as usize])
        .collect()
}

/// The smallest covers by brute force: size, and the first in registry order.
fn brute_force(reg: &Registry, target: RiskSet) -> (usize, Vec<usize>) {
    let n = reg.len();
    let masks: Vec<RiskSet> = reg.tools().map(|t| t.risks() & target).collect();
    let mut best: Option<(usize, Vec<usize>)> = None;
    for subset in 0u32..(1 << n) {
        let union = (0..n)
            .filter(|i| subset & (1 << i) != 0)
            .fold(RiskSet::EMPTY, |s, i| s | masks[i]);
        if union != target {
            continue;
        }
        let chosen: Vec<usize> = (0..n).filter(|i| subset & (1 << i) != 0).collect();
        let better = match &best {
            None => true,
            Some((size, first)) => {
                chosen.len() < *size || (chosen.len() == *size && chosen < *first)
            }
        };
        if better {
            best = Some((chosen.len(), chosen));
        }
    }
    best.unwrap_or((0, Vec::new()))
}

#[test]
fn minimal_cover_matches_brute_force_on_random_registries() {
    let mut rng = Rng(42);
    for case in 0..400 {
        let n = 1 + (rng.next() % 12) as usize;
        let width = 4 + (rng.next() % 10) as usize;
        let mut reg = Registry::new();
        for i in 0..n {
            reg.insert(Tool::new(format!("tool {i}"), small_set(&mut rng, width)).unwrap())
                .unwrap();
        }
        let required: RiskSet =
            small_set(&mut rng, width) | small_set(&mut rng, width) | small_set(&mut rng, width);
        let cover = reg.minimal_cover(required);
        let target = required & reg.covered();
        let (size, first) = brute_force(&reg, target);
        let ours: Vec<usize> = cover
            .tools()
            .map(|t| reg.position(t.id()).unwrap())
            .collect();
        assert_eq!(ours.len(), size, "case {case}: size");
        assert_eq!(ours, first, "case {case}: ties go to registry order");
        assert!(cover.is_proven_minimal());
        assert_eq!(cover.uncoverable(), required - reg.covered());
    }
}

#[test]
fn accessors_give_what_was_asked_and_found() {
    let reg = Registry::source();
    let cov = reg.coverage(["Garak"]).unwrap();
    assert!(std::ptr::eq(cov.registry(), reg));

    let gap = cov
        .require("R11-Security, R12-Security".parse::<RiskSet>().unwrap())
        .unwrap_err();
    let tools: Vec<Vec<&str>> = gap
        .entries()
        .iter()
        .map(|e| e.tools().iter().map(|t| t.name()).collect())
        .collect();
    assert_eq!(tools, [vec!["Model Transparency"], vec![]]);

    let required: RiskSet = "R11-Security, R12-Security, R9-Security".parse().unwrap();
    let cover = reg.minimal_cover(required);
    assert_eq!(cover.required(), required);
    assert_eq!(cover.uncoverable().to_string(), "R12-Security");
}

/// Two coverages are equal when they are of the same tools in the same order; two tools that
/// cover the same risks (Foolbox and Giskard: R9-Security and R10-Security in the source's
/// table) still make different coverages.
#[test]
fn coverages_are_equal_when_their_tools_are() {
    let reg = Registry::source();
    let foolbox = reg.coverage(["Foolbox"]).unwrap();
    let giskard = reg.coverage(["Giskard"]).unwrap();
    assert_eq!(foolbox.covered(), giskard.covered());
    assert_ne!(foolbox, giskard);
    assert_eq!(foolbox, reg.coverage(["foolbox", "Foolbox"]).unwrap());
    assert_eq!(
        reg.coverage(["Garak", "ModelScan"]).unwrap(),
        reg.coverage(["Garak", "ModelScan"]).unwrap()
    );
}

/// More tools than are kept inline (eight): each once, in the order asked, and all their risks.
#[test]
fn coverage_of_many_named_tools() {
    let reg = Registry::source();
    let names: Vec<&str> = reg.tools().map(Tool::name).take(12).collect();
    for n in 1..=names.len() {
        // Every name once, then the first again: the repeat adds nothing.
        let mut asked = names[..n].to_vec();
        asked.push(names[0]);
        let cov = reg.coverage(&asked).unwrap();
        let got: Vec<&str> = cov.tools().map(Tool::name).collect();
        assert_eq!(got, names[..n], "{n} tools");
        let union = names[..n].iter().fold(RiskSet::EMPTY, |set, name| {
            set | reg.get(name).unwrap().risks()
        });
        assert_eq!(cov.covered(), union, "{n} tools");
        assert_eq!(cov, reg.coverage(&names[..n]).unwrap(), "{n} tools");
    }
}
