//! What a command ends with: success, a failed check with why, or bad input as an [`Error`]
//! that keeps its source.

use std::fmt;

use mlsecops_taxonomy::Diagnostic;

/// Success, or a failed check with why it failed (bad input is an [`Error`]).
pub enum Outcome {
    Success,
    /// The reason, printed on standard error whatever the output format, so that a CI log
    /// always says why the gate failed.
    CheckFailed(String),
}

/// Bad input: a message (located diagnostics one per line) and the error it came from.
#[derive(Debug)]
pub struct Error {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// Bad input said in words.
    pub fn msg(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            source: None,
        }
    }

    /// An error of the library, kept as the source; its text is the message.
    pub fn from<E: std::error::Error + Send + Sync + 'static>(source: E) -> Error {
        Error {
            message: source.to_string(),
            source: Some(Box::new(source)),
        }
    }

    /// An error of the library, kept as the source, said in other words.
    pub fn context<E: std::error::Error + Send + Sync + 'static>(
        message: impl Into<String>,
        source: E,
    ) -> Error {
        Error {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    /// Located diagnostics, one per line (with their related places), after a heading when
    /// there is one.
    pub fn diagnostics(heading: Option<String>, diagnostics: Vec<Diagnostic>) -> Error {
        let lines: Vec<String> = diagnostics.iter().map(Diagnostic::to_text).collect();
        let message = match heading {
            Some(h) => format!("{h}\n{}", lines.join("\n")),
            None => lines.join("\n"),
        };
        Error {
            message,
            source: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

pub type Result<T> = std::result::Result<T, Error>;
