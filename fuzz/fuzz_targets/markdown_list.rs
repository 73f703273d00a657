//! Markdown lists on arbitrary text: import and lint never panic; an imported list renders to a
//! list that imports to the same tools.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlsecops_taxonomy::list;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = list::lint(text);
    if let Ok(imported) = list::import(text) {
        let rendered = list::render(&imported.registry, "Fuzz");
        let again = list::import(&rendered).expect("a rendered list imports");
        assert_eq!(again.registry.len(), imported.registry.len(), "{rendered}");
    }
});
