//! JSON manifests and SBOMs: `package.json`, CycloneDX and SPDX, read into a tree that keeps
//! each value's position.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::detector::{Detected, Detector, FileFormat, Include, Source, Want, lower_name};
use super::{DetectError, Found};
use crate::diag::json::{Kind, Reader, SyntaxError};
use crate::registry::package::Ecosystem;

/// How deep a manifest may nest: far beyond any real one.
const MAX_DEPTH: usize = 64;

/// A JSON value with the byte offset where it starts.
enum Node<'t> {
    Object(Vec<(Cow<'t, str>, usize, Node<'t>)>),
    Array(Vec<Node<'t>>),
    String(Cow<'t, str>, usize),
    Other,
}

impl<'t> Node<'t> {
    fn get(&self, key: &str) -> Option<&Node<'t>> {
        match self {
            Node::Object(entries) => entries.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v),
            _ => None,
        }
    }

    fn str(&self) -> Option<(&str, usize)> {
        match self {
            Node::String(s, at) => Some((s, *at)),
            _ => None,
        }
    }

    fn items(&self) -> &[Node<'t>] {
        match self {
            Node::Array(items) => items,
            _ => &[],
        }
    }
}

/// Parses `text`: serde_json judges the syntax (its message and line), then the reader builds
/// the tree.
fn parse<'t>(s: &Source<'t>) -> Result<Node<'t>, DetectError> {
    let (path, text) = (s.path(), s.text());
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let line = (e.line() > 0).then_some(e.line());
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        return Err(DetectError::new(
            path,
            line,
            format!("not valid JSON: {message}"),
        ));
    }
    let mut reader = Reader::new(text);
    node(&mut reader, 0).map_err(|e| match e {
        Err(SyntaxError { at }) => DetectError::new(path, Some(s.line(at)), "not valid JSON"),
        Ok(at) => DetectError::new(
            path,
            Some(s.line(at)),
            format!("nested more than {MAX_DEPTH} levels deep, which no manifest is"),
        ),
    })
}

/// A value; the error is a syntax error, or (`Ok`) the offset of a value nested too deep.
fn node<'t>(r: &mut Reader<'t>, depth: usize) -> Result<Node<'t>, Result<usize, SyntaxError>> {
    let (at, kind) = r.peek().map_err(Err)?;
    if depth > MAX_DEPTH {
        return Err(Ok(at));
    }
    Ok(match kind {
        Kind::Object => {
            r.begin_object();
            let mut first = true;
            let mut entries = Vec::new();
            while let Some((key, key_at)) = r.next_key(&mut first).map_err(Err)? {
                let value = node(r, depth + 1)?;
                entries.push((key, key_at, value));
            }
            Node::Object(entries)
        }
        Kind::Array => {
            r.begin_array();
            let mut first = true;
            let mut items = Vec::new();
            while r.next_item(&mut first).map_err(Err)? {
                items.push(node(r, depth + 1)?);
            }
            Node::Array(items)
        }
        Kind::String => Node::String(r.string().map_err(Err)?, at),
        _ => {
            r.skip().map_err(Err)?;
            Node::Other
        }
    })
}

const NPM_TABLES: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

/// `package.json`: the keys of its dependency tables.
pub(super) fn package_json(s: &Source<'_>) -> Result<Vec<Found>, DetectError> {
    let path = s.path();
    let root = parse(s)?;
    if !matches!(root, Node::Object(_)) {
        return Err(DetectError::new(
            path,
            Some(1),
            "a package.json is a JSON object",
        ));
    }
    let mut found = Vec::new();
    for table in NPM_TABLES {
        match root.get(table) {
            None => {}
            Some(Node::Object(entries)) => {
                for (name, at, value) in entries {
                    // `file:`, `link:`, `workspace:`: the project's own packages.
                    let local = value.str().is_some_and(|(v, _)| {
                        ["file:", "link:", "workspace:", "portal:"]
                            .iter()
                            .any(|p| v.starts_with(p))
                    });
                    found.push(Found {
                        line: s.line(*at),
                        ecosystem: Ecosystem::Npm,
                        package: name.to_string(),
                        direct: true,
                        local,
                    });
                }
            }
            Some(_) => {
                return Err(DetectError::new(
                    path,
                    None,
                    format!("{table} must be an object of package names"),
                ));
            }
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

/// Pipenv's `Pipfile.lock`: every package of every category (`default`, `develop` and any
/// other but `_meta`), as transitive; the `Pipfile` beside it, read with it, says which the
/// project chose. A package from a local `path` (or a `file:` URL) is the project's own source.
fn pipfile_lock(s: &Source<'_>) -> Result<Detected, DetectError> {
    let path = s.path();
    let root = parse(s)?;
    let Node::Object(categories) = &root else {
        return Err(DetectError::new(
            path,
            Some(1),
            "a Pipfile.lock is a JSON object",
        ));
    };
    let mut found = Vec::new();
    for (category, at, packages) in categories {
        if category == "_meta" {
            continue;
        }
        let Node::Object(packages) = packages else {
            return Err(DetectError::new(
                path,
                Some(s.line(*at)),
                format!("{category} must be an object of package names"),
            ));
        };
        for (name, at, spec) in packages {
            let local = spec.get("path").is_some()
                || spec
                    .get("file")
                    .and_then(Node::str)
                    .is_some_and(|(f, _)| f.starts_with("file:"));
            found.push(Found {
                line: s.line(*at),
                ecosystem: Ecosystem::PyPi,
                package: name.to_string(),
                direct: false,
                local,
            });
        }
    }
    found.sort_by_key(|f| f.line);
    let pipfile = path.with_file_name("Pipfile");
    let includes = vec![
        Include::file(1, pipfile, &super::python::Pipfile, true)
            .or_note("no Pipfile beside it: every locked package is read as transitive"),
    ];
    Ok(Detected {
        found,
        includes,
        ..Detected::default()
    })
}

super::python::by_name!(
    PipfileLock,
    "pipfile-lock",
    "Pipfile.lock",
    "every package of every category (`default`, `develop`, ...), as transitive; the `Pipfile` \
     beside it is read with it and says which are direct (without one, a note); a package from a \
     local `path` is the project's own source",
    pipfile_lock
);

/// A CycloneDX or SPDX document: `Ok(None)` when the JSON is neither (and `lenient`, for a
/// `.json` file met in a walked directory, also when it is not JSON at all).
pub(super) fn sbom(s: &Source<'_>, lenient: bool) -> Result<Option<Vec<Found>>, DetectError> {
    let text = s.text();
    // A `.json` file met in a directory is only an SBOM if it says so: cheap checks first.
    if lenient
        && !(text.contains("\"bomFormat\"")
            || text.contains("\"spdxVersion\"")
            || text.contains("spdx.org/rdf/3"))
    {
        return Ok(None);
    }
    let root = parse(s)?;
    if root.get("bomFormat").and_then(Node::str).map(|s| s.0) == Some("CycloneDX") {
        return cyclonedx(s, &root).map(Some);
    }
    if root.get("spdxVersion").is_some() {
        return spdx(s, &root).map(Some);
    }
    let context = root.get("@context");
    let spdx3 = |c: &Node<'_>| c.str().is_some_and(|(c, _)| c.contains("spdx.org/rdf/3"));
    if context.is_some_and(|c| spdx3(c) || c.items().iter().any(spdx3)) {
        return spdx3_graph(s, &root).map(Some);
    }
    Ok(None)
}

/// The SPDX 3 relationship types by which a root element depends on what it points to.
const SPDX3_DIRECT: [&str; 7] = [
    "dependsOn",
    "contains",
    "hasOptionalDependency",
    "hasProvidedDependency",
    "hasStaticLink",
    "hasDynamicLink",
    "usesTool",
];

/// SPDX 3.0 JSON-LD: every package element (`software_Package`, and the AI and dataset
/// profiles' `ai_AIPackage` and `dataset_DatasetPackage`) by its `software_packageUrl` or its
/// `packageUrl` external identifier. The document's (and its SBOMs') `rootElement`s are the
/// project itself; what a root `dependsOn`, `contains`, `usesTool` or links (see
/// [`SPDX3_DIRECT`]) is direct, the rest transitive; without a root, every package is direct.
fn spdx3_graph(s: &Source<'_>, root: &Node<'_>) -> Result<Vec<Found>, DetectError> {
    let graph: Vec<&Node<'_>> = match root.get("@graph") {
        Some(Node::Array(items)) => items.iter().collect(),
        _ => vec![root],
    };
    fn text<'a>(n: &'a Node<'_>, k: &str) -> Option<&'a str> {
        n.get(k).and_then(Node::str).map(|s| s.0)
    }
    fn kind<'a>(n: &'a Node<'_>) -> Option<&'a str> {
        text(n, "type").or_else(|| text(n, "@type"))
    }
    fn id<'a>(n: &'a Node<'_>) -> Option<&'a str> {
        text(n, "spdxId").or_else(|| text(n, "@id"))
    }
    fn strings(n: Option<&Node<'_>>) -> Vec<String> {
        match n {
            Some(Node::String(v, _)) => vec![v.to_string()],
            Some(Node::Array(items)) => items
                .iter()
                .filter_map(|i| i.str().map(|v| v.0.to_owned()))
                .collect(),
            _ => Vec::new(),
        }
    }
    // The roots: the documents' and SBOMs' root elements, followed through nested SBOMs.
    let collections: HashMap<String, &Node<'_>> = graph
        .iter()
        .filter(|n| {
            matches!(
                kind(n),
                Some("SpdxDocument" | "software_Sbom" | "Bom" | "Bundle" | "ai_AIBom")
            )
        })
        .filter_map(|n| Some((id(n)?.to_owned(), *n)))
        .collect();
    let mut roots: HashSet<String> = HashSet::new();
    let mut pending: Vec<String> = collections
        .values()
        .filter(|n| kind(n) == Some("SpdxDocument"))
        .flat_map(|n| strings(n.get("rootElement")))
        .collect();
    if pending.is_empty() {
        pending = collections
            .values()
            .flat_map(|n| strings(n.get("rootElement")))
            .collect();
    }
    while let Some(element) = pending.pop() {
        if !roots.insert(element.clone()) {
            continue;
        }
        if let Some(collection) = collections.get(&element) {
            pending.extend(strings(collection.get("rootElement")));
        }
    }
    let relationships = graph.iter().filter(|n| {
        matches!(
            kind(n),
            Some("Relationship" | "LifecycleScopedRelationship")
        )
    });
    let mut direct: HashSet<String> = HashSet::new();
    for r in relationships {
        let (Some(from), Some(relation)) = (text(r, "from"), text(r, "relationshipType")) else {
            continue;
        };
        if roots.contains(from) && SPDX3_DIRECT.contains(&relation) {
            direct.extend(strings(r.get("to")));
        }
    }
    let mut found = Vec::new();
    for element in &graph {
        let is_package = kind(element).is_some_and(|k| k.ends_with("Package"));
        let Some(element_id) = id(element).filter(|_| is_package) else {
            continue;
        };
        if roots.contains(element_id) {
            continue;
        }
        let mut purls: Vec<(&str, usize)> = element
            .get("software_packageUrl")
            .and_then(Node::str)
            .into_iter()
            .collect();
        for identifier in element
            .get("externalIdentifier")
            .map(Node::items)
            .unwrap_or(&[])
        {
            if text(identifier, "externalIdentifierType") == Some("packageUrl") {
                purls.extend(identifier.get("identifier").and_then(Node::str));
            }
        }
        let is_direct = roots.is_empty() || direct.contains(element_id);
        // One package URL per package: the property, or the first identifier.
        if let Some((purl, at)) = purls.first().copied() {
            push_purl(s, purl, at, is_direct, &mut found)?;
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

/// The package a package URL at offset `at` names, when its ecosystem is one detection reads.
pub(super) fn push_purl(
    s: &Source<'_>,
    purl: &str,
    at: usize,
    direct: bool,
    found: &mut Vec<Found>,
) -> Result<(), DetectError> {
    if let Some((ecosystem, package)) = purl_package(s, purl, at)? {
        found.push(Found {
            line: s.line(at),
            ecosystem,
            package,
            direct,
            local: false,
        });
    }
    Ok(())
}

/// A package URL as SBOMs write it (with version and qualifiers): its ecosystem and name, when
/// the ecosystem is one this crate knows.
fn purl_package(
    s: &Source<'_>,
    purl: &str,
    at: usize,
) -> Result<Option<(Ecosystem, String)>, DetectError> {
    let path = s.path();
    let parsed = packageurl::PackageUrl::from_str(purl).map_err(|e| {
        DetectError::new(
            path,
            Some(s.line(at)),
            format!("not a package URL: {purl:?}: {e}"),
        )
    })?;
    let ecosystem = match parsed.ty() {
        "pypi" => Ecosystem::PyPi,
        "npm" => Ecosystem::Npm,
        "cargo" => Ecosystem::Cargo,
        "github" | "githubactions" => Ecosystem::GitHub,
        _ => return Ok(None),
    };
    let name = match (ecosystem, parsed.namespace()) {
        (Ecosystem::Npm | Ecosystem::GitHub, Some(namespace)) => {
            format!("{namespace}/{}", parsed.name())
        }
        // A GitHub package URL without a namespace names no repository.
        (Ecosystem::GitHub, None) => return Ok(None),
        _ => parsed.name().to_owned(),
    };
    // The package URL library lowercases a PyPI name as Unicode does (`garaK` with a KELVIN
    // SIGN becomes `garak`): the name as written is what the one rule of names judges.
    if let Some(written) = written_name(purl).filter(|n| !n.is_ascii()) {
        return Ok(Some((ecosystem, written)));
    }
    Ok(Some((ecosystem, name)))
}

/// The name of a package URL as written, percent-decoded: the last path segment before the
/// version, qualifiers and subpath.
fn written_name(purl: &str) -> Option<String> {
    let path = purl.split(['?', '#']).next()?;
    let last = path.rsplit('/').next()?;
    let name = last.split('@').next()?;
    let bytes = name.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

use std::str::FromStr as _;

/// CycloneDX: every component with a `purl`, nested ones included. With a root component
/// (`metadata.component`) and a dependency graph naming it, the root's direct dependencies are
/// direct and the rest transitive; otherwise every component is direct.
fn cyclonedx(s: &Source<'_>, root: &Node<'_>) -> Result<Vec<Found>, DetectError> {
    let mut components: Vec<(&Node<'_>, Option<&str>)> = Vec::new();
    let mut pending: Vec<&Node<'_>> = root
        .get("components")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .collect();
    while let Some(component) = pending.pop() {
        let reference = component.get("bom-ref").and_then(Node::str).map(|s| s.0);
        components.push((component, reference));
        pending.extend(component.get("components").map(Node::items).unwrap_or(&[]));
    }
    let root_ref = root
        .get("metadata")
        .and_then(|m| m.get("component"))
        .and_then(|c| c.get("bom-ref"))
        .and_then(Node::str)
        .map(|s| s.0);
    let direct: Option<HashSet<&str>> = root_ref.and_then(|root_ref| {
        root.get("dependencies")?
            .items()
            .iter()
            .find(|d| d.get("ref").and_then(Node::str).map(|s| s.0) == Some(root_ref))
            .map(|d| {
                d.get("dependsOn")
                    .map(Node::items)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|n| n.str().map(|s| s.0))
                    .collect()
            })
    });
    let mut found = Vec::new();
    for (component, reference) in components {
        let Some((purl, at)) = component.get("purl").and_then(Node::str) else {
            continue;
        };
        if let Some((ecosystem, package)) = purl_package(s, purl, at)? {
            let is_direct = match (&direct, reference) {
                (None, _) => true,
                (Some(direct), Some(r)) => direct.contains(r),
                (Some(_), None) => false,
            };
            found.push(Found {
                line: s.line(at),
                ecosystem,
                package,
                direct: is_direct,
                local: false,
            });
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

/// SPDX 2.3: packages' `externalRefs` of type `purl`. A package the document describes
/// (`documentDescribes`, or a `DESCRIBES` relationship) is the project itself; what it
/// `DEPENDS_ON` (or what has a `DEPENDENCY_OF` to it) is direct; without such a root, every
/// package is direct.
fn spdx(s: &Source<'_>, root: &Node<'_>) -> Result<Vec<Found>, DetectError> {
    let mut described: HashSet<&str> = root
        .get("documentDescribes")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(|n| n.str().map(|s| s.0))
        .collect();
    let relationships = root.get("relationships").map(Node::items).unwrap_or(&[]);
    let field = |r: &'_ Node<'_>, k: &str| r.get(k).and_then(Node::str).map(|s| s.0.to_owned());
    for r in relationships {
        if field(r, "relationshipType").as_deref() == Some("DESCRIBES") {
            if let Some(Node::String(s, _)) = r.get("relatedSpdxElement") {
                described.insert(s);
            }
        }
    }
    let mut direct: HashSet<String> = HashSet::new();
    for r in relationships {
        let (Some(kind), Some(a), Some(b)) = (
            field(r, "relationshipType"),
            field(r, "spdxElementId"),
            field(r, "relatedSpdxElement"),
        ) else {
            continue;
        };
        match kind.as_str() {
            "DEPENDS_ON" | "CONTAINS" if described.contains(a.as_str()) => {
                direct.insert(b);
            }
            "DEPENDENCY_OF" | "CONTAINED_BY" if described.contains(b.as_str()) => {
                direct.insert(a);
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for package in root.get("packages").map(Node::items).unwrap_or(&[]) {
        let id = package.get("SPDXID").and_then(Node::str).map(|s| s.0);
        if id.is_some_and(|id| described.contains(id)) {
            continue;
        }
        let is_direct = described.is_empty() || id.is_some_and(|id| direct.contains(id));
        for reference in package.get("externalRefs").map(Node::items).unwrap_or(&[]) {
            if reference
                .get("referenceType")
                .and_then(Node::str)
                .map(|s| s.0)
                != Some("purl")
            {
                continue;
            }
            let Some((purl, at)) = reference.get("referenceLocator").and_then(Node::str) else {
                continue;
            };
            push_purl(s, purl, at, is_direct, &mut found)?;
        }
    }
    found.sort_by_key(|f| f.line);
    Ok(found)
}

/// `package.json`: its dependency tables, and the package it defines.
pub(crate) struct PackageJson;

impl Detector for PackageJson {
    fn name(&self) -> &'static str {
        "package-json"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "package-json",
            files: "`package.json`",
            reads: "`dependencies`, `devDependencies`, `optionalDependencies`, `peerDependencies`",
        }]
    }

    fn short(&self) -> &'static str {
        "package.json"
    }

    fn wants(&self, path: &Path) -> Want {
        if lower_name(path).is_some_and(|n| n == "package.json") {
            Want::Name
        } else {
            Want::No
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        let found = package_json(source)?;
        let root = parse(source)?;
        let defines = root
            .get("name")
            .and_then(Node::str)
            .map(|(name, _)| (crate::registry::package::Ecosystem::Npm, name.to_owned()))
            .into_iter()
            .collect();
        Ok(Some(Detected {
            found,
            defines,
            ..Detected::default()
        }))
    }
}

/// CycloneDX and SPDX 2 JSON SBOMs, told apart by their content.
pub(crate) struct Sbom;

impl Detector for Sbom {
    fn name(&self) -> &'static str {
        "sbom"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[
            FileFormat {
                detector: "cyclonedx",
                files: "CycloneDX JSON (`bom.json`, `*.cdx.json`, or any `.json` whose \
                        `bomFormat` is CycloneDX)",
                reads: "components and nested components by `purl`; with a root component and \
                        a dependency graph, the root's dependencies are direct and the rest \
                        transitive; without them, as `cyclonedx-py requirements` writes, every \
                        component is direct",
            },
            FileFormat {
                detector: "spdx",
                files: "SPDX 2.3 JSON (`*.spdx.json`, or any `.json` with `spdxVersion`)",
                reads: "packages' `externalRefs` of type `purl`; packages the described \
                        package `DEPENDS_ON` or `CONTAINS` (or that are `DEPENDENCY_OF` or \
                        `CONTAINED_BY` it) are direct, the rest transitive",
            },
            FileFormat {
                detector: "spdx3",
                files: "SPDX 3.0 JSON-LD (`*.spdx3.json`, `*.spdx.json`, or any `.json` whose \
                        `@context` is SPDX 3's)",
                reads: "package elements (`software_Package`, `ai_AIPackage`, \
                        `dataset_DatasetPackage`) by `software_packageUrl` or a `packageUrl` \
                        external identifier; the root elements are the project; what a root \
                        `dependsOn`, `contains`, `usesTool`, links or has as an optional or \
                        provided dependency is direct, the rest transitive",
            },
        ]
    }

    fn short(&self) -> &'static str {
        "a CycloneDX, SPDX 2 or SPDX 3 JSON SBOM"
    }

    fn wants(&self, path: &Path) -> Want {
        match lower_name(path) {
            Some(n)
                if n == "bom.json"
                    || n.ends_with(".cdx.json")
                    || n.ends_with(".spdx.json")
                    || n.ends_with(".spdx3.json") =>
            {
                Want::Name
            }
            Some(n) if n.ends_with(".json") => Want::Content,
            _ => Want::No,
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        // A `.json` file met in a directory is only read when it says it is an SBOM.
        let lenient = !source.is_named() && self.wants(source.path()) == Want::Content;
        Ok(sbom(source, lenient)?.map(Detected::from))
    }

    fn not_this_format(&self) -> &'static str {
        "a JSON file that is neither a CycloneDX SBOM (bomFormat) nor an SPDX document \
         (spdxVersion, or SPDX 3's @context)"
    }
}
