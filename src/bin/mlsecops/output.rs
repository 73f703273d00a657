//! Reading and writing files, and the renderings of diagnostics the findings formats share.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use mlsecops_taxonomy::{Annotation, Diagnostic};

use crate::args::Format;
use crate::error::{Error, Outcome, Result};

/// The largest file a command reads by name: 64 MiB.
const MAX_READ_BYTES: u64 = 64 << 20;

/// A regular file as UTF-8 text (a FIFO or device is refused before it is read).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = mlsecops_taxonomy::read_regular(path, MAX_READ_BYTES)
        .map_err(|e| Error::msg(format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::msg(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Writes `text` to a file, or to standard output.
pub fn emit(text: &str, target: Option<&Path>, out: &mut String) -> Result<()> {
    match target {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Error::msg(format!("cannot write {}: {e}", path.display()))),
        None => {
            out.push_str(text);
            Ok(())
        }
    }
}

/// The paths written, one per line.
pub fn list_paths(paths: &[PathBuf], out: &mut String) {
    for path in paths {
        let _ = writeln!(
            out,
            "{}",
            mlsecops_taxonomy::escape::path(&path.display().to_string())
        );
    }
}

/// Whether standard output holds the command's own workflow annotations (the `github` format):
/// the one case where the last guard of the output lets a line start with `::`.
static ANNOTATIONS: AtomicBool = AtomicBool::new(false);

/// Whether standard output is a document given to the command, rewritten (`migrate`): written
/// byte for byte, as it was given.
static VERBATIM: AtomicBool = AtomicBool::new(false);

/// Standard output is the user's own document, written as given.
pub fn verbatim() {
    VERBATIM.store(true, Ordering::Relaxed);
}

/// Whether standard output is written as given.
pub fn is_verbatim() -> bool {
    VERBATIM.load(Ordering::Relaxed)
}

/// Whether [`annotations`] wrote to standard output.
pub fn wrote_annotations() -> bool {
    ANNOTATIONS.load(Ordering::Relaxed)
}

/// Each diagnostic as a GitHub Actions workflow annotation, one per line.
pub fn annotations(diagnostics: &[Diagnostic], out: &mut String) {
    ANNOTATIONS.store(true, Ordering::Relaxed);
    for d in diagnostics {
        let _ = writeln!(out, "{}", Annotation::from(d));
    }
}

/// The text form of each diagnostic, one per line (related places and help indented below).
pub fn text_lines(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(Diagnostic::to_text).collect()
}

/// The outcome of `validate` or `lint`: success with no finding; otherwise a failed check whose
/// reason, with the table format, is a count (the findings are on standard output already),
/// and otherwise the findings themselves, so that the log says why whatever standard output
/// was redirected to.
pub fn findings_outcome(format: Option<Format>, summary: String, lines: &[String]) -> Outcome {
    if lines.is_empty() {
        Outcome::Success
    } else if format == Some(Format::Table) {
        Outcome::CheckFailed(summary)
    } else {
        Outcome::CheckFailed(format!("{summary}\n{}", lines.join("\n")))
    }
}
