//! Registry files: round trips and every kind of rejection, with exact messages.
#![cfg(feature = "json")]

use mlsecops_taxonomy::{Registry, RiskSet, Tool};

/// The error's text without the positions, which `locate`'s tests check; every problem of
/// these documents has one, and the text starts each with it.
fn err(text: &str) -> String {
    let e = Registry::from_json(text).unwrap_err();
    let mut shown = e.to_string();
    for p in e.problems() {
        let at = p.location().expect("every problem has a position");
        let prefix = format!("{at}: ");
        assert!(shown.contains(&prefix), "{shown}");
        shown = shown.replacen(&prefix, "", 1);
    }
    shown
}

#[test]
fn the_builtin_registry_round_trips() {
    let text = Registry::builtin().to_json();
    let loaded = Registry::from_json(&text).unwrap();
    assert_eq!(&loaded, Registry::builtin());
    assert_eq!(
        loaded.to_json(),
        text,
        "saving a loaded canonical document gives the same text"
    );
    assert!(text.contains(
        r#""provenance": {
        "facts": "source",
        "categories": "curated"
      }"#
    ));
}

#[test]
fn minimal_documents_get_defaults() {
    let reg =
        Registry::from_json(r#"{"tools": [{"name": "In-house Scanner", "risks": []}]}"#).unwrap();
    let tool = reg.get("in-house-scanner").unwrap();
    assert_eq!(tool.id(), "in-house-scanner");
    assert_eq!(tool.kind().to_string(), "tool");
    assert_eq!((tool.url(), tool.description()), (None, None));
    assert_eq!(
        reg.to_json(),
        r#"{
  "tools": [
    {
      "name": "In-house Scanner",
      "id": "in-house-scanner",
      "risks": [],
      "kind": "tool",
      "provenance": {
        "facts": "user",
        "categories": "user"
      }
    }
  ]
}
"#
    );
    assert_eq!(Registry::from_json(r#"{"tools": []}"#).unwrap().len(), 0);
}

#[test]
fn users_add_tools_to_a_clone_of_the_builtin_registry() {
    let ours = Registry::from_json(
        r#"{"tools": [{"name": "Log Sanitizer", "risks": ["R9-Privacy"], "categories": ["privacy-safety-governance"]}]}"#,
    )
    .unwrap();
    let mut reg = Registry::builtin().clone();
    let before = reg.len();
    reg.merge(ours).unwrap();
    assert_eq!(reg.len(), before + 1);
    let cov = reg.coverage(["log sanitizer"]).unwrap();
    assert_eq!(cov.covered(), "R9-Privacy".parse::<RiskSet>().unwrap());
}

#[test]
fn rejections_name_the_tool_the_field_and_the_value() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"tools": [{"name": "A", "risks": ["R17-Secrity"]}]}"#,
            r#"tool 0 ("A"), field "risks": "R17-Secrity": unknown domain "Secrity", did you mean Security?"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": ["R1-Security", "R1-Security"]}]}"#,
            r#"tool 0 ("A"), field "risks": R1-Security is listed twice"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": ["r1 security"]}]}"#,
            r#"tool 0 ("A"), field "risks": "r1 security" must be written "R1-Security""#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "kind": "Vendor"}]}"#,
            r#"tool 0 ("A"), field "kind": "Vendor" must be written "vendor""#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "categories": ["LLM & GenAI Security"]}]}"#,
            r#"tool 0 ("A"), field "categories": "LLM & GenAI Security" must be written "llm-security""#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "provenance": {"facts": "USER"}}]}"#,
            r#"tool 0 ("A"), field "provenance.facts": "USER" must be written "user""#,
        ),
        (
            r#"{"$schema": 1, "tools": []}"#,
            r#"field "$schema": expected a string, found the number 1"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": []}, {"name": "a", "risks": []}]}"#,
            r#"tool 1 ("a"): duplicate tool: same id as tool 0 ("A") after normalisation"#,
        ),
        (
            r#"{"tools": [{"name": "  ", "risks": []}]}"#,
            r#"tool 0 ("  "), field "name": the name is empty"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "description": "one\ntwo"}]}"#,
            r#"tool 0 ("A"), field "description": the description spans more than one line"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "url": "ftp://x.org"}]}"#,
            r#"tool 0 ("A"), field "url": the URL "ftp://x.org" is not an http:// or https:// URL"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "rsks": []}]}"#,
            r#"tool 0 ("A"), field "rsks": unknown field, did you mean "risks"?"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": "R1-Security"}]}"#,
            r#"tool 0 ("A"), field "risks": expected an array, found the string "R1-Security""#,
        ),
        (
            r#"{"tools": [{"name": 7, "risks": []}]}"#,
            r#"tool 0, field "name": expected a string, found the number 7"#,
        ),
        (
            r#"{"tools": [{"name": "A"}]}"#,
            r#"tool 0 ("A"), field "risks": the field is required"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "name": "B"}]}"#,
            r#"tool 0 ("A"), field "name": the field is given twice"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "kind": "company"}]}"#,
            r#"tool 0 ("A"), field "kind": unknown tool kind "company": expected one of tool, vendor"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "categories": ["llm-securty"]}]}"#,
            r#"tool 0 ("A"), field "categories": unknown category "llm-securty": did you mean llm-security?"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "url": null}]}"#,
            r#"tool 0 ("A"), field "url": expected a string, found null"#,
        ),
        (
            r#"{"tools": [{"name": "A", "risks": [], "provenance": {"fact": "source"}}]}"#,
            r#"tool 0 ("A"), field "provenance.fact": unknown field, did you mean "facts"?"#,
        ),
        (
            r#"{"tools": [3]}"#,
            "tool 0: expected a tool object, found the number 3",
        ),
        (
            r#"{"tols": []}"#,
            "field \"tols\": unknown field, did you mean \"tools\"?",
        ),
        (
            r#"{"tools": {}}"#,
            r#"field "tools": expected an array of tools, found an object"#,
        ),
        (r#"{"tools": [}"#, "expected value"),
        (
            r#"[]"#,
            "expected a registry document {\"tools\": [...]}, found an array",
        ),
        (
            "",
            "the document is empty: expected a registry document {\"tools\": [...]}",
        ),
        (
            "nope",
            "not JSON: expected a registry document {\"tools\": [...]}, found \"nope\"",
        ),
        (
            "nul",
            "not JSON: expected a registry document {\"tools\": [...]}, found \"nul\"",
        ),
        (
            "null",
            "expected a registry document {\"tools\": [...]}, found null",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&err(text), expected, "{text}");
    }
}

#[test]
fn every_problem_is_reported() {
    let e = Registry::from_json(
        r#"{"tools": [{"name": "A", "risks": ["R99-Security"]}, {"risks": []}, {"name": "B", "risks": [], "url": "x"}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.problems().len(), 3);
    assert_eq!(
        e.to_string(),
        r#"3 problems in the registry:
  line 1 column 36: tool 0 ("A"), field "risks": "R99-Security": Security risks are R1 to R23
  line 1 column 54: tool 1, field "name": the field is required
  line 1 column 103: tool 2 ("B"), field "url": the URL "x" is not an http:// or https:// URL"#
    );
}

#[test]
fn readers_and_bytes() {
    let reg = Registry::from_reader(&br#"{"tools": [{"name": "A", "risks": []}]}"#[..]).unwrap();
    assert_eq!(reg.len(), 1);
    let e = Registry::from_reader(&b"{\"tools\": [\xff]}"[..]).unwrap_err();
    assert_eq!(e.to_string(), "line 1 column 12: invalid UTF-8 at byte 11");
}

#[test]
fn a_tool_built_in_rust_saves_and_loads() {
    let mut reg = Registry::new();
    reg.insert(
        Tool::new("Scanner", "R14-Security".parse().unwrap())
            .unwrap()
            .with_url("https://example.com")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(Registry::from_json(&reg.to_json()).unwrap(), reg);
}

/// Each problem points at the key it is about, or at the value (the array item) that is wrong;
/// the columns below were counted by hand in the document.
#[test]
fn problems_have_a_line_and_column() {
    let text = r#"{"tools": [
  {"name": "A", "risks": ["R1-Security"]},
  {"name": "B", "risks": ["R1-Security", "R2-Security", "R1-Security"], "nme": 1},
  {"name": "C", "name": "D", "risks": ["r1 security"]},
  {"risks": [], "provenance": {"facts": "sorce"}},
  {"name": "a", "risks": [], "categories": ["llm-security", "llm"]},
  {"name": "E", "risks": [3], "url": "ftp://x"}
], "extra": 1}"#;
    let err = Registry::from_json(text).unwrap_err();
    let found: Vec<(String, usize, usize)> = err
        .problems()
        .iter()
        .map(|p| {
            let at = p.location().expect("every problem has a location");
            (p.field().unwrap_or_default().to_owned(), at.line, at.column)
        })
        .collect();
    // In document order.
    let expected = [
        ("risks", 3, 57),
        ("nme", 3, 73),
        ("name", 4, 17),
        ("risks", 4, 40),
        ("name", 5, 3),
        ("provenance.facts", 5, 41),
        ("categories", 6, 61),
        ("risks", 7, 27),
        ("url", 7, 38),
        ("extra", 8, 4),
    ];
    let expected: Vec<(String, usize, usize)> = expected
        .iter()
        .map(|&(f, l, c)| (f.to_owned(), l, c))
        .collect();
    assert_eq!(found, expected);

    // Syntax errors and invalid UTF-8 carry the parser's position.
    let err = Registry::from_json("{\"tools\": [\n  {\"name\": }\n]}").unwrap_err();
    let at = err.problems()[0].location().unwrap();
    assert_eq!((at.line, at.column), (2, 12));
    let err = Registry::from_reader(&b"{\"tools\": [\n\"\xff\"]}"[..]).unwrap_err();
    assert_eq!(
        err.problems()[0].location().unwrap().to_string(),
        "line 2 column 2"
    );
}

/// Every bad item of a `risks` or `categories` array is reported, each at its own position:
/// not only the first.
#[test]
fn every_bad_item_of_an_array_is_reported_at_its_place() {
    let text = r#"{"tools": [{"name": "A", "risks": ["R24-Security", "r14-security", "R14-Security", "R14-Security", 7],
 "categories": ["llm-securty", "llm-security", "llm-security"]}]}"#;
    let err = Registry::from_json(text).unwrap_err();
    let shown: Vec<String> = err
        .problems()
        .iter()
        .map(|p| {
            let at = p.location().unwrap();
            format!("{}:{} {}", at.line, at.column, p.kind())
        })
        .collect();
    assert_eq!(
        shown,
        [
            r#"1:36 "R24-Security": Security risks are R1 to R23"#,
            r#"1:52 "r14-security" must be written "R14-Security""#,
            "1:84 R14-Security is listed twice",
            "1:100 expected a risk code string, found the number 7",
            r#"2:17 unknown category "llm-securty": did you mean llm-security?"#,
            "2:48 the category llm-security is listed twice",
        ]
    );
}

#[test]
fn packages_are_read_checked_and_written() {
    let text = r#"{"tools": [{"name": "Scanner", "risks": [], "packages": ["pkg:pypi/our_scanner", "pkg:cargo/scanner"]}]}"#;
    let reg = Registry::from_json(text).unwrap();
    let tool = reg.get("Scanner").unwrap();
    let packages: Vec<String> = tool.packages().iter().map(ToString::to_string).collect();
    assert_eq!(packages, ["pkg:pypi/our_scanner", "pkg:cargo/scanner"]);
    assert!(tool.has_package(mlsecops_taxonomy::Ecosystem::PyPi, "Our-Scanner"));
    // Saved in canonical form and read back equal.
    let saved = reg.to_json();
    assert!(
        saved.contains("\"packages\": [\n        \"pkg:pypi/our_scanner\""),
        "{saved}"
    );
    assert_eq!(Registry::from_json(&saved).unwrap(), reg);

    let bad = r#"{"tools": [{"name": "Scanner", "risks": [], "packages": ["pypi/x", "pkg:pypi/a_b", "pkg:pypi/A-B", 3]}]}"#;
    let problems: Vec<String> = Registry::from_json(bad)
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| format!("{}: {p}", p.location().unwrap()))
        .collect();
    assert_eq!(
        problems,
        [
            r#"line 1 column 58: tool 0 ("Scanner"), field "packages": "pypi/x" is not a package URL: it starts with "pkg:" (as in pkg:pypi/garak)"#,
            r#"line 1 column 84: tool 0 ("Scanner"), field "packages": the package pkg:pypi/A-B is listed twice"#,
            r#"line 1 column 100: tool 0 ("Scanner"), field "packages": expected a package URL string, found the number 3"#,
        ]
    );
}

#[test]
fn a_registry_file_carries_roles_and_mappings_and_says_where_each_is_wrong() {
    let doc = r#"{"tools": [{"name": "Our Scanner", "risks": ["R14-Security"], "role": "ci-scanner",
  "mappings": [{"risk": "R14-Security", "basis": "user", "quote": "scans our images",
    "repository": "ours/scanner", "commit": "v1.2", "path": "README.md", "line": 3,
    "rationale": "it scans container images"}]}]}"#;
    let reg = Registry::from_json(doc).unwrap();
    let tool = reg.get("our-scanner").unwrap();
    assert_eq!(tool.role(), Some(mlsecops_taxonomy::Role::CiScanner));
    assert_eq!(
        tool.mappings()[0].citation(),
        "ours/scanner@v1.2:README.md:3"
    );
    // Extending the built-in registry: the team's own mappings are "user".
    assert!(Registry::builtin().with_json(doc).is_ok());
    let claimed = doc.replace(r#""basis": "user""#, r#""basis": "stated""#);
    let err = Registry::builtin()
        .with_json(&claimed)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(r#"field "mappings[0].basis""#)
            && err.contains(
                r#""stated" is the built-in registry's: a registry file's mappings are "user""#
            ),
        "{err}"
    );
    // A mapping of a risk the tool does not list; a line that is not a line; a field missing;
    // an unknown field with the closest; a role that does not exist.
    let bad = doc
        .replace(
            r#""risk": "R14-Security", "basis""#,
            r#""risk": "R15-Security", "basis""#,
        )
        .replace(r#""line": 3"#, r#""line": 0"#)
        .replace(r#""path": "README.md", "#, r#""pth": "README.md", "#)
        .replace(r#""role": "ci-scanner""#, r#""role": "scanner""#);
    let err = Registry::from_json(&bad).unwrap_err().to_string();
    for needle in [
        r#"field "role""#,
        r#"field "mappings[0].risk": R15-Security is not among the tool's risks (R14-Security)"#,
        r#"field "mappings[0].line": expected a line number from 1, found the number 0"#,
        r#"field "mappings[0].pth": unknown field, did you mean "path"?"#,
        r#"field "mappings[0].path": the field is required"#,
    ] {
        assert!(err.contains(needle), "{needle}\n{err}");
    }
    // A quote longer than 200 characters.
    let long = doc.replace("scans our images", &"x".repeat(201));
    let err = Registry::from_json(&long).unwrap_err().to_string();
    assert!(
        err.contains("a quote of 201 characters: a quote is at most 200"),
        "{err}"
    );
}
