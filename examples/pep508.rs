//! Reads PEP 508 requirements as detection reads a `pyproject.toml`'s dependencies, for the
//! differential test against Python's `packaging` (`tests/interop/python/pep508.py`): one JSON
//! string a line on stdin, one line out for each, `ok NAME` or `err MESSAGE`.
//!
//! ```text
//! printf '"garak>=0.9"\n"garak >== 1"\n' | cargo run --example pep508 --features detect
//! ```

use std::io::{BufRead, Write};

use mlsecops_taxonomy::detect;

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

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin is UTF-8 text");
        let text: String = serde_json::from_str(&line).expect("each line is a JSON string");
        let toml = format!("[project]\ndependencies = [{}]\n", toml_string(&text));
        let answer = match detect::scan_memory("pyproject.toml", &[("pyproject.toml", &toml)]) {
            Ok(inventory) => match inventory.dependencies() {
                [one] => format!("ok {}", one.package()),
                other => format!("err {} dependencies", other.len()),
            },
            Err(e) => format!("err {}", e.message().replace('\n', " ")),
        };
        writeln!(out, "{answer}").expect("stdout is writable");
    }
}
