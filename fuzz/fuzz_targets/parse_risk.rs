//! Every text parser of the crate on arbitrary text: no panic, and what parses displays back
//! to a form that parses to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlsecops_taxonomy::{
    AtlasId, AtlasKind, Category, Domain, ExternalId, Framework, Layer, OwaspId, Phase, PhaseKind,
    Provenance, Requirement, Risk, Strength, ToolKind,
};

fn check<T>(text: &str)
where
    T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug,
{
    if let Ok(value) = text.parse::<T>() {
        let shown = value.to_string();
        let again = shown.parse::<T>().ok();
        assert_eq!(again.as_ref(), Some(&value), "{text:?} -> {shown:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check::<Risk>(text);
    check::<Layer>(text);
    check::<Phase>(text);
    check::<PhaseKind>(text);
    check::<Domain>(text);
    check::<Category>(text);
    check::<ToolKind>(text);
    check::<Provenance>(text);
    check::<Requirement>(text);
    check::<AtlasId>(text);
    check::<OwaspId>(text);
    check::<ExternalId>(text);
    check::<Framework>(text);
    check::<AtlasKind>(text);
    check::<Strength>(text);
});
