//! CycloneDX XML (`bom.xml`, `*.cdx.xml`, or any `.xml` whose root is a CycloneDX `bom`),
//! schema versions 1.0 to 1.6, read with `roxmltree`: no DTD (a document with one is refused,
//! so no entity is ever expanded) and a bounded number of nodes.

use std::collections::HashSet;
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use super::detector::{Detected, Detector, FileFormat, Source, Want, lower_name};
use super::{DetectError, Found};

/// The most XML nodes a document may have: 4,000,000 (the largest CycloneDX example, over a
/// thousand components in 2 MB, has about 100,000).
pub const MAX_XML_NODES: u32 = 4_000_000;

/// The namespace of every CycloneDX schema version, before its number.
const NAMESPACE: &str = "http://cyclonedx.org/schema/bom/";

/// The child elements of `node` named `name` (in the document's namespace).
fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

/// Every component with a `purl`, nested ones included, as the JSON reader reads them: with a
/// root component (`metadata/component`) and a dependency graph naming it, the root's
/// dependencies are direct and the rest transitive; without them, every component is direct.
/// `None` when the document is XML but not a CycloneDX BOM.
fn cyclonedx_xml(s: &Source<'_>) -> Result<Option<Vec<Found>>, DetectError> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(s.text(), options).map_err(|e| {
        let row = usize::try_from(e.pos().row).unwrap_or(usize::MAX);
        let last = s.line(s.text().len());
        DetectError::new(
            s.path(),
            Some(row.clamp(1, last)),
            format!("not valid XML (or a DTD, which is not read): {e}"),
        )
    })?;
    let root = doc.root_element();
    let is_bom = root.tag_name().name() == "bom"
        && root
            .tag_name()
            .namespace()
            .is_some_and(|n| n.starts_with(NAMESPACE));
    if !is_bom {
        return Ok(None);
    }
    let root_ref = child(root, "metadata")
        .and_then(|m| child(m, "component"))
        .and_then(|c| c.attribute("bom-ref"));
    let direct: Option<HashSet<&str>> = root_ref.and_then(|root_ref| {
        let graph = child(root, "dependencies")?;
        let of_root =
            children(graph, "dependency").find(|d| d.attribute("ref") == Some(root_ref))?;
        Some(
            children(of_root, "dependency")
                .filter_map(|d| d.attribute("ref"))
                .collect(),
        )
    });
    let mut pending: Vec<Node<'_, '_>> = child(root, "components")
        .map(|c| children(c, "component").collect())
        .unwrap_or_default();
    pending.reverse();
    let mut found = Vec::new();
    while let Some(component) = pending.pop() {
        if let Some(nested) = child(component, "components") {
            let mut inner: Vec<Node<'_, '_>> = children(nested, "component").collect();
            inner.reverse();
            pending.extend(inner);
        }
        let Some(purl) = child(component, "purl") else {
            continue;
        };
        let text = purl.text().unwrap_or("").trim();
        let is_direct = match (&direct, component.attribute("bom-ref")) {
            (None, _) => true,
            (Some(direct), Some(r)) => direct.contains(r),
            (Some(_), None) => false,
        };
        let at = purl
            .first_child()
            .map_or(purl.range().start, |t| t.range().start);
        super::json::push_purl(s, text, at, is_direct, &mut found)?;
    }
    found.sort_by_key(|f| f.line);
    Ok(Some(found))
}

/// CycloneDX XML SBOMs.
pub(crate) struct CycloneDxXml;

impl Detector for CycloneDxXml {
    fn name(&self) -> &'static str {
        "cyclonedx-xml"
    }

    fn formats(&self) -> &'static [FileFormat] {
        &[FileFormat {
            detector: "cyclonedx-xml",
            files: "CycloneDX XML (`bom.xml`, `*.cdx.xml`, or any `.xml` whose root is a \
                    CycloneDX `bom`), schema 1.0 to 1.6",
            reads: "as CycloneDX JSON: components and nested components by `purl`; with a root \
                    component and a dependency graph, the root's dependencies are direct and the \
                    rest transitive, otherwise every component is direct; a DTD is refused",
        }]
    }

    fn short(&self) -> &'static str {
        "a CycloneDX XML SBOM"
    }

    fn wants(&self, path: &Path) -> Want {
        match lower_name(path) {
            Some(n) if n == "bom.xml" || n.ends_with(".cdx.xml") => Want::Name,
            Some(n) if n.ends_with(".xml") => Want::Content,
            _ => Want::No,
        }
    }

    fn detect(&self, source: &Source<'_>) -> Result<Option<Detected>, DetectError> {
        // A `.xml` file met in a directory is read only when it says it is a CycloneDX BOM.
        let walked = !source.is_named() && self.wants(source.path()) == Want::Content;
        if walked && !source.text().contains(NAMESPACE) {
            return Ok(None);
        }
        Ok(cyclonedx_xml(source)?.map(Detected::from))
    }

    fn not_this_format(&self) -> &'static str {
        "an XML file that is not a CycloneDX BOM (its root is not a bom element of a CycloneDX \
         namespace)"
    }
}
