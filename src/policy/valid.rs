//! Step two of reading a policy: its raw section validated into a policy that can be checked.
//! Every error is collected, each a diagnostic at its own place: a requirement or tool of the
//! policy at its line; a problem of the registry file the policy names at the registry file's
//! line, with the policy's `registry` key as a related place; a file detection could not read
//! at that file's line, with the policy's `detect` key as a related place.

use std::ops::Range;
use std::path::PathBuf;

use toml::Spanned;

use super::Policy;
use super::raw::Detect;
use crate::registry::Registry;
use crate::taxonomy::requirement::Requirement;
use crate::{Diagnostic, Label, Level, RegistryFileError, RiskSet, Root};

/// A policy whose every value was checked: its requirements with their spans, the registry it
/// extends the built-in one with, and the positions of the tools it selects in that registry.
pub(super) struct Valid {
    pub(super) requirements: Vec<(RiskSet, Range<usize>)>,
    pub(super) registry: Option<Registry>,
    pub(super) selected: Vec<usize>,
    /// Why each selected tool counts: its position and a place (the policy's `tools` entry, or
    /// a dependency detection found), in the order found.
    pub(super) evidence: Vec<(usize, Label)>,
    /// What detection noted and went on past, and what requirements by framework id mean:
    /// reported, never failing.
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) acceptances: Vec<Accepted>,
    /// The bases of mappings that count: every basis unless the policy says `basis`.
    pub(super) bases: Vec<crate::Basis>,
}

/// An acceptance with a reason: the risks it names, until when (year, month, day), where.
pub(super) struct Accepted {
    pub(super) risks: RiskSet,
    pub(super) reason: String,
    pub(super) expires: Option<(u16, u8, u8)>,
    pub(super) span: Range<usize>,
}

/// The risks a requirement names, and whether it was an ATLAS or OWASP id expanded through the
/// crosswalk: a risk code, phase, layer, domain or `all`, or an id (`AML.T0051`, `LLM01:2025`,
/// `ML02:2023`) meaning every risk crosswalked to it, primary and supporting.
fn risks_of(text: &str) -> Result<(RiskSet, bool), String> {
    let requirement: Requirement = text.parse().map_err(|e| format!("{e}"))?;
    Ok((
        requirement.risks(),
        matches!(requirement, Requirement::Framework(_)),
    ))
}

/// A diagnostic of the policy itself (code `policy`) at a label.
pub(super) fn policy_error(at: Label, message: String) -> Diagnostic {
    let subject: String = message.chars().filter(|c| !c.is_ascii_digit()).collect();
    Diagnostic::new(Level::Error, "policy", message)
        .at(at)
        .about([subject])
}

pub(super) fn validate(policy: &Policy) -> Result<Valid, Vec<Diagnostic>> {
    let section = &policy.section;
    let mut errors = Vec::new();
    let root = policy.root().map_err(|e| {
        vec![policy_error(
            Label::of_path(&policy.file),
            format!("the policy's directory cannot be resolved: {e}"),
        )]
    })?;
    let mut requirements = Vec::new();
    let mut notes = Vec::new();
    for spec in &section.require {
        match risks_of(spec.get_ref()) {
            Ok((risks, expanded)) => {
                if expanded {
                    notes.push(
                        Diagnostic::new(
                            Level::Note,
                            "policy",
                            format!(
                                "require: {} means {risks}: the risks the crosswalk links to it",
                                spec.get_ref().trim()
                            ),
                        )
                        .at(policy.label(spec.span())),
                    );
                }
                requirements.push((risks, spec.span()));
            }
            Err(message) => errors.push(policy_error(
                policy.label(spec.span()),
                format!("require: {message}"),
            )),
        }
    }
    if section.require.is_empty() {
        // A gate that requires nothing passes every build: bad input, never a green.
        let (at, what) = match &section.require_key {
            Some(key) => (policy.label(key.clone()), "require is empty".to_owned()),
            None => (
                policy.label(policy.span.clone()),
                format!("{} has no require", policy.source.section()),
            ),
        };
        errors.push(policy_error(
            at,
            format!(
                "{what}: the gate would check nothing and pass every build; add the risks the \
                 project must cover, e.g. require = [\"R17-Security\"] (a risk code) or require = \
                 [\"model\"] (a layer; also a phase, a domain, an ATLAS or OWASP id, or \"all\"); \
                 `mlsecops init --print` proposes requirements from the project's dependencies"
            ),
        ));
    }
    let mut acceptances = Vec::new();
    for entry in &section.accept {
        let a = entry.get_ref();
        let risks = match risks_of(a.risk.get_ref()) {
            Ok((risks, _)) => risks,
            Err(message) => {
                errors.push(policy_error(
                    policy.label(a.risk.span()),
                    format!("accept: {message}"),
                ));
                continue;
            }
        };
        let reason = a
            .reason
            .as_ref()
            .map(|r| r.get_ref().trim().to_owned())
            .filter(|r| !r.is_empty());
        let Some(reason) = reason else {
            let at = a.reason.as_ref().map_or(entry.span(), Spanned::span);
            errors.push(policy_error(
                policy.label(at),
                "accept: an acceptance needs a reason (reason = \"why the risk is accepted\"): \
                 accepting a risk is a person's decision, and the reason is what reviewers read"
                    .to_owned(),
            ));
            continue;
        };
        let expires = match &a.expires {
            None => None,
            Some(date) => match date.get_ref().date {
                Some(d) => Some((d.year, d.month, d.day)),
                None => {
                    errors.push(policy_error(
                        policy.label(date.span()),
                        "accept: expires is a date (expires = 2027-06-30)".to_owned(),
                    ));
                    continue;
                }
            },
        };
        acceptances.push(Accepted {
            risks,
            reason,
            expires,
            span: entry.span(),
        });
    }
    let registry = match registry(policy, &root, &mut notes) {
        Ok(registry) => registry,
        Err(problems) => {
            // The tools cannot be looked up in a registry that could not be read.
            errors.extend(problems);
            return Err(errors);
        }
    };
    let bases = match &section.basis {
        None => crate::Basis::ALL.to_vec(),
        Some(list) => {
            let mut bases = Vec::new();
            for item in list.get_ref() {
                match item.get_ref().parse::<crate::Basis>() {
                    Ok(b) if b.as_str() == item.get_ref() => {
                        if !bases.contains(&b) {
                            bases.push(b);
                        }
                    }
                    Ok(b) => errors.push(policy_error(
                        policy.label(item.span()),
                        format!("basis: {:?} is written {:?}", item.get_ref(), b.as_str()),
                    )),
                    Err(e) => errors.push(policy_error(
                        policy.label(item.span()),
                        format!("basis: {e}"),
                    )),
                }
            }
            if list.get_ref().is_empty() {
                errors.push(policy_error(
                    policy.label(list.span()),
                    "basis: an empty list counts no tool's mapping: list the bases that count \
                     (basis = [\"source\", \"stated\", \"judged\", \"user\"]) or remove the key"
                        .to_owned(),
                ));
            }
            bases
        }
    };
    let registry = if bases.len() < crate::Basis::ALL.len() {
        Some(
            registry
                .as_ref()
                .unwrap_or(Registry::builtin())
                .counting(&bases),
        )
    } else {
        registry
    };
    let lookup = registry.as_ref().unwrap_or(Registry::builtin());
    let mut selected = Vec::new();
    let mut evidence = Vec::new();
    let mut warnings = Vec::new();
    for name in &section.tools {
        match lookup.position(name.get_ref()) {
            Some(i) => {
                if !selected.contains(&i) {
                    selected.push(i);
                }
                evidence.push((i, policy.label(name.span()).saying("named in the policy")));
            }
            None => {
                let e = lookup
                    .get(name.get_ref())
                    .expect_err("the position lookup failed");
                errors.push(policy_error(
                    policy.label(name.span()),
                    format!("tools: {e}"),
                ));
            }
        }
    }
    if let Some(detect) = &section.detect {
        detect_tools(
            policy,
            &root,
            detect,
            lookup,
            (&mut selected, &mut evidence),
            &mut errors,
            &mut warnings,
        );
    }
    if errors.is_empty() {
        notes.extend(warnings);
        Ok(Valid {
            requirements,
            registry,
            selected,
            evidence,
            warnings: notes,
            acceptances,
            bases,
        })
    } else {
        Err(errors)
    }
}

/// The registry the policy names, read: the built-in registry extended by its file (`None` when
/// it names none); a package of a type detection does not read is a note. A file that leaves
/// the root is refused before it is opened.
pub(super) fn registry(
    policy: &Policy,
    root: &Root,
    notes: &mut Vec<Diagnostic>,
) -> Result<Option<Registry>, Vec<Diagnostic>> {
    let Some(path) = &policy.section.registry else {
        return Ok(None);
    };
    let file = policy.dir.join(path.get_ref());
    if let Err(refused) = root.confine(&file) {
        // Refused before it is opened: nothing of the file can reach a message.
        let shown = path.get_ref().display().to_string();
        return Err(vec![policy_error(
            policy.label(path.span()),
            format!("registry: {shown:?} {}", refused.reason()),
        )]);
    }
    match Registry::builtin_with_file(&file) {
        Ok(registry) => {
            // A package of a type detection does not read is kept, and said so.
            for tool in registry.tools() {
                // (`pkg:githubactions/...` is read as a GitHub repository.)
                let unread = |p: &&crate::Package| {
                    p.ecosystem().is_none() && p.purl_type() != "githubactions"
                };
                for package in tool.packages().iter().filter(unread) {
                    notes.push(
                        Diagnostic::new(
                            Level::Note,
                            "policy",
                            format!(
                                "registry: {} lists {package}: detection does not read \
                                 {} packages, so this one is never detected",
                                tool.name(),
                                package.purl_type()
                            ),
                        )
                        .at(policy.label(path.span())),
                    );
                }
            }
            Ok(Some(registry))
        }
        Err(e) => Err(registry_errors(policy, path, &e)),
    }
}

/// The problems of the registry file the policy names, each in that file, with the policy's
/// key as a related place.
fn registry_errors(
    policy: &Policy,
    key: &Spanned<PathBuf>,
    error: &RegistryFileError,
) -> Vec<Diagnostic> {
    let named = policy
        .label(key.span())
        .saying("the registry file this policy names");
    match error {
        RegistryFileError::Invalid { path, error } => {
            let file = Label::of_path(path);
            error
                .problems()
                .iter()
                .map(|p| p.diagnostic(file.file()).related(named.clone()))
                .collect()
        }
        other => vec![policy_error(
            policy.label(key.span()),
            format!("registry: {other}"),
        )],
    }
}

/// The paths `detect` names: the policy's directory for `true`, none for `false`, the listed
/// paths (relative to the policy's file) for an array of strings.
fn detect_paths(policy: &Policy, detect: &Spanned<Detect>) -> Result<Vec<PathBuf>, String> {
    Ok(match detect.get_ref() {
        Detect::Walk(true) => vec![policy.dir.clone()],
        Detect::Walk(false) => Vec::new(),
        Detect::Paths(paths) => paths.iter().map(|p| policy.dir.join(p)).collect(),
    })
}

#[cfg(feature = "detect")]
fn detect_tools(
    policy: &Policy,
    root: &Root,
    detect: &Spanned<Detect>,
    registry: &Registry,
    (selected, evidence): (&mut Vec<usize>, &mut Vec<(usize, Label)>),
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let paths = match detect_paths(policy, detect) {
        Ok(paths) if paths.is_empty() => return,
        Ok(paths) => paths,
        Err(message) => {
            errors.push(policy_error(policy.label(detect.span()), message));
            return;
        }
    };
    for path in &paths {
        if let Err(refused) = root.confine(path) {
            errors.push(policy_error(
                policy.label(detect.span()),
                format!(
                    "detect: {:?} {}",
                    path.display().to_string(),
                    refused.reason()
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return;
    }
    match crate::detect::scan_in(root, &paths) {
        Ok(inventory) => {
            warnings.extend(inventory.warnings().iter().map(|w| {
                w.clone().related(
                    policy
                        .label(detect.span())
                        .saying("detection this policy asks for"),
                )
            }));
            for found in inventory.tools(registry, false) {
                if let Some(i) = registry.position(found.tool().id()) {
                    if !selected.contains(&i) {
                        selected.push(i);
                    }
                    for dep in found.evidence() {
                        let how = if dep.is_direct() {
                            "direct"
                        } else {
                            "transitive"
                        };
                        let package = crate::Package::new(dep.ecosystem(), dep.package())
                            .map_or_else(
                                |_| format!("{} package {:?}", dep.ecosystem(), dep.package()),
                                |p| p.to_string(),
                            );
                        let what = format!("{package} ({how})");
                        let at = crate::Location {
                            line: dep.line(),
                            column: 1,
                        };
                        evidence.push((i, Label::of_path(dep.file()).at(at).saying(what)));
                    }
                }
            }
        }
        Err(e) => errors.push(
            e.diagnostic().related(
                policy
                    .label(detect.span())
                    .saying("detection this policy asks for"),
            ),
        ),
    }
}

#[cfg(not(feature = "detect"))]
fn detect_tools(
    policy: &Policy,
    _: &Root,
    detect: &Spanned<Detect>,
    _: &Registry,
    _: (&mut Vec<usize>, &mut Vec<(usize, Label)>),
    errors: &mut Vec<Diagnostic>,
    _: &mut Vec<Diagnostic>,
) {
    match detect_paths(policy, detect) {
        Ok(paths) if paths.is_empty() => {}
        Ok(_) => errors.push(policy_error(
            policy.label(detect.span()),
            "detect needs the crate's `detect` feature (features = [\"build\", \"detect\"])"
                .to_owned(),
        )),
        Err(message) => errors.push(policy_error(policy.label(detect.span()), message)),
    }
}
