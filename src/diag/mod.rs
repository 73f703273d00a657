//! Positions in the texts the crate reads: [`Location`](crate::Location), the line index of a
//! source, and the pull JSON reader that registry files and JSON manifests share.

#[cfg(feature = "json")]
pub(crate) mod json;
#[cfg(feature = "json")]
pub(crate) mod lines;
