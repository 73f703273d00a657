//! `RiskSet` parsing on arbitrary text: no panic; a parsed set displays back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlsecops_taxonomy::RiskSet;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(set) = text.parse::<RiskSet>() {
        let shown = set.to_string();
        assert_eq!(shown.parse::<RiskSet>().ok(), Some(set), "{text:?} -> {shown:?}");
        assert_eq!(set.iter().count(), set.len());
    }
});
