//! The constructors of the curated tables (`curated.rs`, generated from `tests/data/curated`):
//! everything is checked at compile time, and nothing is parsed at run time.

use std::borrow::Cow;

use crate::registry::mapping::{Basis, Mapping, Role, Status, Upstream};
use crate::registry::package::{Ecosystem, Package};
use crate::registry::tool::{Category, Provenance, Tool, ToolKind};
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;

/// A PyPI package.
pub(super) const fn pypi(name: &'static str) -> Package {
    Package::known(Ecosystem::PyPi, name)
}

/// An npm package.
pub(super) const fn npm(name: &'static str) -> Package {
    Package::known(Ecosystem::Npm, name)
}

/// A crates.io package (for a curated tool published as a crate; none is yet).
#[allow(dead_code)]
pub(super) const fn cargo(name: &'static str) -> Package {
    Package::known(Ecosystem::Cargo, name)
}

/// A GitHub repository a project uses as an action or a pre-commit hook (`OWNER/REPO`).
pub(super) const fn github(name: &'static str) -> Package {
    Package::known(Ecosystem::GitHub, name)
}

/// The risk of a canonical code; a code the crate does not know fails the build.
const fn risk(code: &str) -> Risk {
    match Risk::from_code(code) {
        Some(risk) => risk,
        None => panic!("not a canonical risk code"),
    }
}

/// One mapping with its evidence.
#[allow(clippy::too_many_arguments)]
pub(super) const fn map(
    code: &str,
    basis: Basis,
    quote: &'static str,
    repository: &'static str,
    commit: &'static str,
    path: &'static str,
    line: u32,
    rationale: &'static str,
) -> Mapping {
    Mapping {
        risk: risk(code),
        basis,
        quote: Cow::Borrowed(quote),
        repository: Cow::Borrowed(repository),
        commit: Cow::Borrowed(commit),
        path: Cow::Borrowed(path),
        line,
        rationale: Cow::Borrowed(rationale),
    }
}

/// Where a curated tool was read.
pub(super) const fn upstream(
    repository: &'static str,
    commit: &'static str,
    date: Option<&'static str>,
    licence: &'static str,
    status: Status,
) -> Upstream {
    Upstream {
        repository: Cow::Borrowed(repository),
        commit: Cow::Borrowed(commit),
        date: match date {
            Some(d) => Some(Cow::Borrowed(d)),
            None => None,
        },
        licence: Some(Cow::Borrowed(licence)),
        status,
    }
}

/// The risks of a list of mappings.
pub(super) const fn risks_of(mappings: &[Mapping]) -> RiskSet {
    let mut set = RiskSet::EMPTY;
    let mut i = 0;
    while i < mappings.len() {
        set = set.with(mappings[i].risk);
        i += 1;
    }
    set
}

/// A curated tool: its risks are those of its mappings (its id is the slug of its name, its URL
/// its repository's and its description a sentence of its own, as the tests check).
#[allow(clippy::too_many_arguments)]
pub(super) const fn curated(
    name: &'static str,
    id: &'static str,
    url: &'static str,
    description: &'static str,
    role: Role,
    categories: &'static [Category],
    upstream: Upstream,
    packages: &'static [Package],
    mappings: &'static [Mapping],
) -> Tool {
    Tool {
        name: Cow::Borrowed(name),
        id: Cow::Borrowed(id),
        url: Some(Cow::Borrowed(url)),
        description: Some(Cow::Borrowed(description)),
        risks: risks_of(mappings),
        kind: ToolKind::Tool,
        categories: Cow::Borrowed(categories),
        packages: Cow::Borrowed(packages),
        provenance: Provenance::Curated,
        categories_provenance: Provenance::Curated,
        amended: None,
        role: Some(role),
        upstream: Some(upstream),
        mappings: Cow::Borrowed(mappings),
    }
}
