//! Registry loading on arbitrary bytes: no panic; a loaded registry saves and loads back equal,
//! and every problem of a rejected document has a location.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlsecops_taxonomy::Registry;

fuzz_target!(|data: &[u8]| {
    match Registry::from_reader(data) {
        Ok(registry) => {
            let text = registry.to_json();
            let again = Registry::from_json(&text).expect("a saved registry loads");
            assert_eq!(again, registry);
            assert_eq!(again.to_json(), text);
        }
        Err(e) => {
            assert!(!e.problems().is_empty());
            assert!(e.problems().iter().all(|p| p.location().is_some()), "{e}");
        }
    }
});
