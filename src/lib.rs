//! The MLSecOps risk taxonomy as typed, queryable data.
//!
//! The source is the Awesome-MLSecOps list:
//! three [`Layer`]s of an ML system, nine [`Phase`]s (each [`PhaseKind::Static`],
//! [`PhaseKind::Dynamic`] or both), and 34 [`Risk`]s, `R1-Security` to `R23-Security` and
//! `R1-Privacy` to `R11-Privacy`, each with the name, description and phase the source gives it.
//! Queries speak in [`RiskSet`]s, a `Copy` bitset with set algebra. The [`crosswalk`] links each
//! risk to MITRE ATLAS 5.6.0 and the OWASP LLM 2025 and ML 2023 lists ([`Risk::crosswalk`]).
//!
//! # A tour
//!
//! ```
//! use mlsecops_taxonomy::{Domain, Layer, Phase, PhaseKind, Risk, RiskSet, SecurityRisk};
//!
//! // Risk codes parse from the forms people type and print canonically.
//! let r: Risk = "r17 security".parse()?;
//! assert_eq!(r, Risk::Security(SecurityRisk::ApiAbuseAndInjection));
//! assert_eq!(r.to_string(), "R17-Security");
//! assert_eq!((r.number(), r.domain()), (17, Domain::Security));
//! assert_eq!(r.name(), "API Abuse & Injection");
//! assert_eq!(r.description(),
//!     "Real-time attacks on the deployment endpoint, exploiting weaknesses in API security.");
//!
//! // Every risk sits in one phase, every phase in one layer.
//! assert_eq!((r.phase(), r.layer()), (Phase::ModelDeployment, Layer::Model));
//! assert_eq!(Phase::ModelDeployment.kind(), PhaseKind::StaticAndDynamic);
//! assert_eq!(Phase::ModelDeployment.name(), "Model Deployment & Containerization");
//!
//! // Enumerate in canonical order: Security R1..R23, then Privacy R1..R11.
//! assert_eq!(Risk::ALL.len(), 34);
//! assert_eq!(Risk::ALL[23].code(), "R1-Privacy");
//! for layer in Layer::ALL {
//!     for phase in layer.phases() {
//!         assert_eq!(phase.layer(), layer);
//!     }
//! }
//!
//! // Sets of risks: from layers, phases, domains and risks, with |, &, - and !.
//! let model_privacy = RiskSet::from(Layer::Model) & RiskSet::from(Domain::Privacy);
//! assert_eq!(model_privacy.to_string(), "R5-Privacy, R6-Privacy, R7-Privacy");
//! let open = RiskSet::from(Layer::Model) - "R9-Security, R10-Security".parse::<RiskSet>()?;
//! assert_eq!(open.len(), 11);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the taxonomy's types through their text
//!   form: risks as their code (`"R17-Security"`), sets as arrays of codes, the other enums as
//!   snake_case (`"model_deployment"`); `Serialize` for [`Counts`], [`GapEntry`],
//!   [`CoverageGap`], [`MinimalCover`], [`Link`] and [`Crosswalk`], as the documents write them.
//! - `json` (default): registry files, [`Registry::from_json`], [`Registry::from_reader`],
//!   [`Registry::from_file`], [`Registry::builtin_with_file`] and [`Registry::to_json`] (adds
//!   serde_json); `Serialize` for [`Coverage`] and [`CoverageReport`] (the coverage report),
//!   [`Registry`] and [`Tool`] (a registry file and its tools) and [`Problem`]; `Deserialize`
//!   for [`Registry`] and [`Tool`] through the loader's checks.
//! - `schema` (default): [`schema`], the JSON Schemas (draft 2020-12) of the taxonomy,
//!   registry and coverage documents, the taxonomy document itself, and `schemars::JsonSchema`
//!   for the crate's types (adds schemars, enables `json`).
//! - `build`: [`build::check`], the build-script gate reading `[package.metadata.mlsecops]`
//!   (adds toml and serde's derive, enables `json`).
//! - `markdown`: [`list`], import, render and lint of Markdown awesome lists (adds
//!   pulldown-cmark, enables `json`).
//! - `detect`: [`detect`], which tools a project uses, from its manifests, lockfiles, SBOMs and
//!   GitHub Actions workflows (adds toml, pep508_rs, url, packageurl and yaml-rust2, enables `json`).
//! - `svg`: `Coverage::to_svg` and `CoverageReport::to_svg`, the coverage matrix as SVG (no
//!   dependency).
//! - `sarif`: [`sarif`], SARIF 2.1.0 logs of the findings of a policy's check, a coverage
//!   report, the contribution rules and a registry file's validation, for code scanning (no
//!   dependency; enables `json`).
//! - `navigator`: [`navigator`], coverage as an ATLAS Navigator layer (no dependency; enables
//!   `json`).
//! - `cli`: the `mlsecops` command (adds clap, enables `schema`, `markdown`, `svg`, `sarif`,
//!   `navigator`, `detect` and `build`); declared with
//!   `required-features`, so the library alone never builds it.
//!
//! Without default features the crate needs only strum, thiserror and indexmap, and still
//! answers every taxonomy, registry and coverage question.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod coverage;
pub mod crosswalk;
#[cfg(feature = "detect")]
#[cfg_attr(docsrs, doc(cfg(feature = "detect")))]
pub mod detect;
mod diag;
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

/// The README's Rust examples, compiled and run as doctests so that the README never shows code
/// that fails.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}

pub use coverage::{Counts, Coverage, CoverageGap, CoverageReport, GapEntry, MinimalCover};
pub use crosswalk::{
    AtlasId, AtlasKind, Counterpart, Crosswalk, ExternalId, Framework, FrameworkCoverage, Link,
    OwaspId, ParseIdError, Relation, Strength,
};
pub use diag::{Diagnostic, Label, Level, Location};
pub use output::annotation::Annotation;
#[cfg(any(feature = "detect", feature = "schema"))]
pub use output::detection::{DetectedToolEntry, DetectionReport, EvidenceEntry};
pub use registry::Registry;
pub use registry::package::{Ecosystem, Package, ParsePackageError};
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
