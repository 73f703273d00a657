//! The crate's tables checked against the source text vendored in `tests/data/`.

mod common;

use mlsecops_taxonomy::{Layer, Phase, Risk};

#[test]
fn the_source_lists_three_layers_nine_phases_and_34_risks() {
    let phases = common::phases();
    assert_eq!(phases.len(), 9);
    assert_eq!(phases.iter().map(|p| p.risks.len()).sum::<usize>(), 34);
    let mut layers: Vec<&str> = phases.iter().map(|p| p.layer.as_str()).collect();
    layers.dedup();
    assert_eq!(layers, ["Data", "Model", "APP"]);
}

#[test]
fn every_phase_matches_the_source_in_order() {
    let phases = common::phases();
    assert_eq!(phases.len(), Phase::ALL.len());
    for (phase, source) in Phase::ALL.iter().zip(&phases) {
        assert_eq!(phase.name(), source.name, "name of {phase}");
        assert_eq!(phase.kind().name(), source.kind, "kind of {phase}");
        assert_eq!(
            phase.description(),
            source.description,
            "description of {phase}"
        );
        let layer: Layer = source
            .layer
            .parse()
            .expect("the source's layer names parse");
        assert_eq!(phase.layer(), layer, "layer of {phase}");
        let listed: Vec<&str> = source.risks.iter().map(|r| r.code.as_str()).collect();
        let mut ours: Vec<&str> = phase.risks().iter().map(Risk::code).collect();
        ours.sort_by_key(|code| listed.iter().position(|l| l == code));
        assert_eq!(ours, listed, "risks of {phase}");
    }
}

#[test]
fn every_risk_matches_the_source_verbatim() {
    let phases = common::phases();
    let mut seen = 0;
    for source_phase in &phases {
        for source in &source_phase.risks {
            let risk: Risk = source.code.parse().expect("the source's codes parse");
            assert_eq!(risk.code(), source.code);
            assert_eq!(risk.name(), source.name, "name of {risk}");
            assert_eq!(
                risk.description(),
                source.description,
                "description of {risk}"
            );
            assert_eq!(risk.phase().name(), source_phase.name, "phase of {risk}");
            seen += 1;
        }
    }
    assert_eq!(seen, Risk::ALL.len());
}

#[test]
fn every_risk_of_the_crate_is_in_the_source_once() {
    let phases = common::phases();
    let codes: Vec<&str> = phases
        .iter()
        .flat_map(|p| p.risks.iter().map(|r| r.code.as_str()))
        .collect();
    for risk in Risk::ALL {
        assert_eq!(
            codes.iter().filter(|&&c| c == risk.code()).count(),
            1,
            "{risk} appears once in the source"
        );
    }
}
