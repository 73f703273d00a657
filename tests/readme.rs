//! The README is the crate's page on crates.io and its documentation's front page on docs.rs
//! (`src/lib.rs` includes it), where a relative link such as `docs/src/install.md` leads nowhere:
//! every link and image of it is an absolute address or an anchor, and a link into the repository
//! (`repository` in Cargo.toml) names a file or folder that exists.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Every link and image address of the README, and the addresses of its raw HTML
/// (`href="..."`, `src="..."`).
fn addresses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for event in Parser::new_ext(text, Options::all()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.push(dest_url.into_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for attribute in ["href=\"", "src=\""] {
                    for (at, _) in html.match_indices(attribute) {
                        let rest = &html[at + attribute.len()..];
                        out.push(rest[..rest.find('"').unwrap_or(rest.len())].to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `address` starts with a URL scheme (`https:`, `mailto:`).
fn has_scheme(address: &str) -> bool {
    address.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// The addresses of `text` that are neither absolute nor an anchor.
fn relative(text: &str) -> Vec<String> {
    addresses(text)
        .into_iter()
        .filter(|a| !a.starts_with('#') && !has_scheme(a))
        .collect()
}

#[test]
fn the_readme_links_only_absolute_addresses_and_anchors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\nreadme = \"README.md\"\n"),
        "the README is the crate's readme"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let relative = relative(&readme);
    assert!(
        relative.is_empty(),
        "README.md: relative links break on crates.io and docs.rs; link {}/blob/main/PATH: \
         {relative:?}",
        env!("CARGO_PKG_REPOSITORY")
    );
    let repository = format!("{}/", env!("CARGO_PKG_REPOSITORY"));
    let mut into_repository = 0;
    for address in addresses(&readme) {
        let Some(rest) = address.strip_prefix(&repository) else {
            continue;
        };
        let Some(path) = rest
            .strip_prefix("blob/main/")
            .or_else(|| rest.strip_prefix("tree/main/"))
        else {
            continue;
        };
        let path = path.split('#').next().unwrap();
        assert!(
            root.join(path).exists(),
            "README.md links {address}: no {path}"
        );
        into_repository += 1;
    }
    assert!(
        into_repository >= 5,
        "{into_repository} links into the repository"
    );
}

#[test]
fn relative_links_are_told_from_absolute_ones() {
    let text = "[a](docs/src/a.md) [b](#features) [c](https://example.com/c) \
                ![d](img/d.png) [e][e] <a href=\"x.md\">x</a> <mailto:me@example.com>\n\n\
                [e]: ../e.md\n";
    assert_eq!(
        relative(text),
        ["docs/src/a.md", "img/d.png", "../e.md", "x.md"]
    );
}
