//! What the crate writes: GitHub annotations, SARIF logs, ATLAS Navigator layers, the SVG
//! matrix, JSON documents and their schemas.

pub(crate) mod annotation;
#[cfg(any(feature = "build", feature = "schema"))]
pub(crate) mod check;
#[cfg(any(feature = "detect", feature = "schema"))]
pub(crate) mod detection;
#[cfg(feature = "json")]
pub(crate) mod document;
#[cfg(any(feature = "markdown", feature = "schema", feature = "sarif"))]
#[cfg_attr(not(feature = "markdown"), allow(dead_code))]
pub(crate) mod lint_report;
#[cfg(feature = "navigator")]
#[cfg_attr(docsrs, doc(cfg(feature = "navigator")))]
pub mod navigator;
#[cfg(feature = "sarif")]
#[cfg_attr(docsrs, doc(cfg(feature = "sarif")))]
pub mod sarif;
#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub mod schema;
#[cfg(feature = "svg")]
pub(crate) mod svg;
