//! PEP 508 requirements, the crate's own reader: the input as a requirements file, and as one
//! `pyproject.toml` dependency string. No panic, no stack overflow (a marker's parentheses are
//! not a recursion), located errors, lines in range; a requirement read from `pyproject.toml` is
//! named by the name it begins with, a refused one says at which column. Seeds: fuzz/seeds/pep508
//! (deep nesting among them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlsecops_taxonomy::detect;

#[path = "common.rs"]
mod common;

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    common::scan(data, &["requirements.txt"]);
    let text = String::from_utf8_lossy(data);
    let toml = format!("[project]\ndependencies = [\n{}\n]\n", toml_string(&text));
    match detect::scan_memory("pyproject.toml", &[("pyproject.toml", &toml)]) {
        Ok(inventory) => {
            for d in inventory.dependencies() {
                assert_eq!(d.line(), 3, "{d:?}");
                if !text.trim_start().starts_with("-e") && !text.contains("{root") {
                    assert!(text.trim_start().starts_with(d.package()), "{d:?} from {text:?}");
                }
            }
        }
        Err(e) => {
            assert_eq!(e.line(), Some(3), "{e}");
            if e.message().contains("not a PEP 508 requirement") {
                assert!(e.message().contains(", at column "), "{e}");
            }
        }
    }
});
