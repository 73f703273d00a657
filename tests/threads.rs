//! Thread safety: every public type is `Send + Sync` (checked at compile time), and the built-in
//! registry is initialised once however many threads ask for it at the same moment.

use std::sync::{Arc, Barrier};

use mlsecops_taxonomy::*;

const fn send_sync<T: Send + Sync>() {}

// Compile-time: this file does not build if one of them is not `Send + Sync`.
const _: () = {
    send_sync::<Risk>();
    send_sync::<SecurityRisk>();
    send_sync::<PrivacyRisk>();
    send_sync::<Domain>();
    send_sync::<Layer>();
    send_sync::<Phase>();
    send_sync::<PhaseKind>();
    send_sync::<RiskSet>();
    send_sync::<RiskSetIter>();
    send_sync::<Requirement>();
    send_sync::<Tool>();
    send_sync::<ToolKind>();
    send_sync::<Category>();
    send_sync::<Provenance>();
    send_sync::<Registry>();
    send_sync::<Coverage<'static>>();
    send_sync::<CoverageGap>();
    send_sync::<GapEntry>();
    send_sync::<Counts>();
    send_sync::<MinimalCover<'static>>();
    send_sync::<CoverageReport<'static>>();
    send_sync::<Framework>();
    send_sync::<AtlasId>();
    send_sync::<AtlasKind>();
    send_sync::<OwaspId>();
    send_sync::<ExternalId>();
    send_sync::<Link>();
    send_sync::<Crosswalk>();
    send_sync::<Strength>();
    send_sync::<FrameworkCoverage>();
    send_sync::<ParseRiskError>();
    send_sync::<ParseRiskSetError>();
    send_sync::<ParseNameError>();
    send_sync::<ParseRequirementError>();
    send_sync::<ParseIdError>();
    send_sync::<ToolError>();
    send_sync::<UnknownTool>();
    send_sync::<DuplicateTool>();
};

#[cfg(feature = "json")]
const _: () = {
    send_sync::<RegistryError>();
    send_sync::<Problem>();
    send_sync::<ProblemKind>();
    send_sync::<Location>();
};

#[cfg(feature = "markdown")]
const _: () = {
    send_sync::<list::Finding>();
    send_sync::<list::ListError>();
    send_sync::<list::Imported>();
    send_sync::<list::Layout>();
    send_sync::<list::Rule>();
};

#[test]
fn the_builtin_registry_from_many_threads_at_once() {
    let threads = 32;
    let start = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                let reg = Registry::builtin();
                let names = ["Garak", "ModelScan", "NB Defense"];
                let cov = reg.coverage(&names[..1 + i % 3]).unwrap();
                (
                    reg as *const Registry as usize,
                    reg.len(),
                    cov.covered().bits(),
                    reg.minimal_cover(RiskSet::ALL).tools().len(),
                )
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let first = Registry::builtin() as *const Registry as usize;
    for (i, &(address, len, covered, cover)) in results.iter().enumerate() {
        assert_eq!(address, first, "one registry for every thread");
        // 41 source entries and 83 curated tools, NeMo Guardrails in both.
        assert_eq!((len, cover), (123, 10));
        let expected = Registry::builtin()
            .coverage(&["Garak", "ModelScan", "NB Defense"][..1 + i % 3])
            .unwrap()
            .covered()
            .bits();
        assert_eq!(covered, expected);
    }
}

#[test]
fn a_registry_is_shared_between_threads() {
    let mut reg = Registry::builtin().clone();
    reg.insert(Tool::new("Image Scanner", "R14-Security".parse().unwrap()).unwrap())
        .unwrap();
    let reg = Arc::new(reg);
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let reg = Arc::clone(&reg);
            std::thread::spawn(move || reg.coverage(["image scanner"]).unwrap().covered().len())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 1);
    }
}
