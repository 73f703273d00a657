//! The detection report document: which tools a project uses and the evidence for each, as
//! `mlsecops detect --format json` prints it (its schema, `detect.schema.json`, is part of
//! feature `schema` alone).

use crate::registry::package::Ecosystem;

/// The tools a project's files show, with their evidence, and the files read.
///
/// With feature `detect`, [`Inventory::report`](crate::detect::Inventory::report) makes one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(
        deny_unknown_fields,
        description = "The tools a project's manifests, lockfiles and SBOMs show, each with its evidence, and the files read."
    )
)]
pub struct DetectionReport {
    /// The tools the project uses, in registry order.
    pub tools: Vec<DetectedToolEntry>,
    /// Tools seen only as transitive dependencies, which do not count unless asked for.
    pub transitive: Vec<DetectedToolEntry>,
    /// Every file read, in the order read.
    pub files: Vec<String>,
    /// The scanned tree's references to itself (a package it defines, a path dependency): the
    /// project, not tools it uses; listed so that nothing is dropped silently.
    pub self_references: Vec<EvidenceEntry>,
    /// What the scan noted and went on past (a walked file it could not read, a line pip would
    /// reject, a remote include not fetched), each with its place.
    pub warnings: Vec<WarningEntry>,
}

/// Something the scan noted and went on past.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "DetectionWarning", deny_unknown_fields)
)]
pub struct WarningEntry {
    /// The file.
    pub file: String,
    /// The line, from 1, when the warning has one.
    #[cfg_attr(feature = "schema", schemars(required, range(min = 1), extend("type" = ["integer", "null"])))]
    pub line: Option<usize>,
    /// What was noted.
    pub message: String,
}

/// A tool and the dependencies that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "DetectedTool", deny_unknown_fields)
)]
pub struct DetectedToolEntry {
    /// The tool's name.
    pub name: String,
    /// The tool's id.
    pub id: String,
    /// The dependencies that show it, in the order of the files read.
    pub evidence: Vec<EvidenceEntry>,
}

/// One dependency: where it is and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Evidence", deny_unknown_fields)
)]
pub struct EvidenceEntry {
    /// The file.
    pub file: String,
    /// The line, from 1.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub line: usize,
    /// The package's ecosystem.
    pub ecosystem: Ecosystem,
    /// The package as the file writes it.
    pub package: String,
    /// Whether the project declares it, rather than pulling it in through another package.
    pub direct: bool,
}

#[cfg(feature = "json")]
impl DetectionReport {
    /// The report as a JSON document: fields in the order of the schema, two-space indentation,
    /// final newline.
    pub fn to_json(&self) -> String {
        crate::output::document::text(self)
    }
}
