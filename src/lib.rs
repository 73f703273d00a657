#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod coverage;
pub mod crosswalk;
#[cfg(feature = "detect")]
#[cfg_attr(docsrs, doc(cfg(feature = "detect")))]
pub mod detect;
mod diag;
pub mod escape;
#[cfg(feature = "markdown")]
#[cfg_attr(docsrs, doc(cfg(feature = "markdown")))]
pub mod list;
mod output;
#[cfg(feature = "build")]
#[cfg_attr(docsrs, doc(cfg(feature = "build")))]
pub mod policy;
mod registry;
mod suggest;
mod taxonomy;

#[cfg(feature = "navigator")]
#[doc(inline)]
pub use output::navigator;
#[cfg(feature = "sarif")]
#[doc(inline)]
pub use output::sarif;
#[cfg(feature = "schema")]
#[doc(inline)]
pub use output::schema;
#[cfg(feature = "build")]
#[cfg_attr(docsrs, doc(cfg(feature = "build")))]
#[doc(inline)]
pub use policy::build;

/// The version of the taxonomy data this crate carries (the crate's version): it is in every
/// schema's `$id` and in the `data_version` field of the taxonomy and coverage documents.
pub const DATA_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The book's Rust examples, compiled and run as doctests so that the book never shows code
/// that fails (the README's run as the crate's own documentation).
#[cfg(doctest)]
mod book {
    #[doc = include_str!("../docs/src/library.md")]
    mod library {}
    #[doc = include_str!("../docs/src/crosswalks.md")]
    mod crosswalks {}
}

pub use coverage::{Counts, Coverage, CoverageGap, CoverageReport, GapEntry, MinimalCover};
pub use crosswalk::{
    AtlasId, AtlasKind, Counterpart, Crosswalk, ExternalId, Framework, FrameworkCoverage, Link,
    OwaspId, ParseIdError, Relation, Strength,
};
pub use diag::{Diagnostic, Label, Level, Location, Refused, Root, read_regular};
pub use output::annotation::Annotation;
#[cfg(any(feature = "build", feature = "schema"))]
pub use output::check::{CheckCoverage, CheckEvidence, CheckFinding, CheckReport};
#[cfg(any(feature = "detect", feature = "schema"))]
pub use output::detection::{DetectedToolEntry, DetectionReport, EvidenceEntry, WarningEntry};
pub use registry::Registry;
pub use registry::amend::Amendment;
pub use registry::mapping::{Basis, Mapping, Role, Status, Upstream};
pub use registry::package::{Ecosystem, PURL_TYPES, Package, ParsePackageError};
pub use registry::tool::{Category, Provenance, Tool, ToolKind, slug};
pub use registry::tool_error::{DuplicateTool, ToolError, UnknownTool};
#[cfg(feature = "json")]
pub use registry::{Problem, ProblemKind, RegistryError, RegistryFileError, Validation};
pub use taxonomy::error::{
    ParseNameError, ParseRequirementError, ParseRiskError, ParseRiskSetError,
};
pub use taxonomy::lifecycle::{Layer, Phase, PhaseKind};
pub use taxonomy::requirement::Requirement;
pub use taxonomy::risk::{Domain, PrivacyRisk, Risk, SecurityRisk};
pub use taxonomy::risk_set::{Iter as RiskSetIter, RiskSet};
