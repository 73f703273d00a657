//! What every detection target checks of a scan served from memory: no panic; an error names a
//! file and, with a line, one the file has; every dependency's line is one of its file's.

use mlsecops_taxonomy::detect;

/// Splits the input into up to `names.len()` texts at each 0xFF byte (never in UTF-8 text) and
/// scans the first name with the rest served from memory.
pub fn scan(data: &[u8], names: &[&str]) {
    let parts: Vec<String> = data
        .split(|&b| b == 0xff)
        .take(names.len())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let files: Vec<(&str, &str)> = names.iter().copied().zip(parts.iter().map(String::as_str)).collect();
    let lines = |file: &std::path::Path| {
        files
            .iter()
            .find(|(n, _)| std::path::Path::new(n) == file)
            .map(|(_, t)| t.split('\n').count())
    };
    match detect::scan_memory(names[0], &files) {
        Ok(inventory) => {
            for d in inventory.dependencies() {
                let max = lines(d.file()).unwrap_or(usize::MAX);
                assert!(d.line() >= 1 && d.line() <= max, "{d:?} in a file of {max} lines");
                assert!(!d.package().is_empty(), "{d:?}");
            }
        }
        Err(e) => {
            assert!(!e.message().is_empty());
            if let (Some(line), Some(max)) = (e.line(), lines(e.file())) {
                assert!(line >= 1 && line <= max + 1, "{e}: line {line} of {max}");
            }
        }
    }
}
