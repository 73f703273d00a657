//! Markdown lists: import of the source list, render in the Awesome AI Security layout, lint.
#![cfg(feature = "markdown")]

mod common;

use mlsecops_taxonomy::list::{self, Layout, Rule};
use mlsecops_taxonomy::{Category, Registry, RiskSet, Tool, ToolKind};

/// The facts of a tool a list carries, to compare registries read from lists.
fn facts(
    tool: &Tool,
) -> (
    String,
    String,
    Option<String>,
    Option<String>,
    RiskSet,
    ToolKind,
) {
    (
        tool.name().to_owned(),
        tool.id().to_owned(),
        tool.url().map(str::to_owned),
        tool.description().map(str::to_owned),
        tool.risks(),
        tool.kind(),
    )
}

fn rules(text: &str) -> Vec<(usize, Rule)> {
    list::lint(text).iter().map(|f| (f.line, f.rule)).collect()
}

#[test]
fn importing_the_source_list_gives_the_builtin_registry() {
    let imported = list::import(&common::source()).unwrap();
    assert_eq!(imported.layout, Layout::Table);
    let ours: Vec<_> = imported.registry.tools().map(facts).collect();
    let builtin: Vec<_> = Registry::source().tools().map(facts).collect();
    assert_eq!(ours, builtin);
    // The list has no categories: the built-in ones are curated.
    assert!(imported.registry.tools().all(|t| t.categories().is_empty()));
    // The second AIShield Watchtower row is merged, and said so.
    let merged: Vec<String> = imported.merged.iter().map(ToString::to_string).collect();
    assert_eq!(
        merged,
        [
            "line 54 column 1: duplicate: \"AIShield Watchtower\": merged into the entry of line 30, \
             adding R17-Security; not kept: its description \"Open-source tool from AIShield for \
             studying AI models and scanning for vulnerabilities\""
        ]
    );
}

#[test]
fn linting_the_source_list_reports_the_duplicated_watchtower() {
    let findings = list::lint(&common::source());
    let shown: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 54 column 1: duplicate: \"AIShield Watchtower\": \"AIShield Watchtower\" is \
             already listed at line 30, with another description, other risk codes"
        ]
    );
    // The line is the source's second Watchtower row.
    let line = common::source().lines().nth(53).unwrap().to_owned();
    assert!(line.starts_with("| [AIShield Watchtower]"), "{line}");
}

#[test]
fn the_rendered_builtin_registry_passes_lint_and_imports_back() {
    let text = list::render(Registry::source(), list::DEFAULT_TITLE);
    assert_eq!(list::lint(&text), []);
    let imported = list::import(&text).unwrap();
    assert_eq!(imported.layout, Layout::Awesome);
    assert_eq!(imported.merged, []);
    let mut back: Vec<_> = imported
        .registry
        .tools()
        .map(|t| (facts(t), t.categories().to_vec()))
        .collect();
    let mut builtin: Vec<_> = Registry::source()
        .tools()
        .map(|t| (facts(t), t.categories().to_vec()))
        .collect();
    back.sort();
    builtin.sort();
    assert_eq!(back, builtin);
}

#[test]
fn the_rendered_list_has_the_awesome_ai_security_layout() {
    let text = list::render(Registry::source(), list::DEFAULT_TITLE);
    // Its sections are sections of the Awesome AI Security list, in that list's order.
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/awesome-ai-security.md"
    ))
    .unwrap();
    let seed_sections: Vec<&str> = seed.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    let ours: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    let categories: Vec<&str> = ours
        .iter()
        .copied()
        .filter(|s| !["Contents", "Industry"].contains(s))
        .collect();
    let in_seed: Vec<&str> = seed_sections
        .iter()
        .copied()
        .filter(|s| categories.contains(s))
        .collect();
    assert_eq!(categories, in_seed);
    assert_eq!(categories.len(), 5); // no built-in tool is in "Infrastructure & Runtime Security"
    // Its contents list links to the sections with GitHub's anchors, as the seed's does.
    assert!(seed.contains("- [LLM & GenAI Security](#llm--genai-security)"));
    assert!(text.contains("- [LLM & GenAI Security](#llm--genai-security)"));
    // One line per tool, alphabetical within each section; two tools are in two sections.
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("- [") && l.contains("](http"))
        .collect();
    assert_eq!(lines.len(), 41 + 2);
    assert!(text.contains(
        "- [Garak](https://github.com/leondz/garak) - LLM vulnerability scanner that detects \
         security flaws in large language models, focusing on prompt injection and adversarial \
         vulnerabilities. `R9-Security` `R10-Security` `R17-Security`\n"
    ));
    let industry = text.split("## Industry").nth(1).unwrap();
    let vendors: Vec<&str> = industry
        .lines()
        .filter_map(|l| l.strip_prefix("- ["))
        .map(|l| l.split(']').next().unwrap())
        .collect();
    assert_eq!(
        vendors,
        [
            "CalypsoAI",
            "HiddenLayer",
            "Lakera",
            "ProtectAI",
            "Robust Intelligence"
        ]
    );
}

#[test]
fn each_rule_has_its_finding() {
    let head = "## Adversarial Machine Learning\n\n";
    // Order, within a section.
    let text = format!(
        "{head}- [Beta](https://b.example.com) - B `R9-Security`\n- [Alpha](https://a.example.com) - A `R9-Security`\n"
    );
    assert_eq!(rules(&text), [(4, Rule::Order)]);
    // Link, empty description, unknown and non-canonical and repeated codes, no codes.
    let text = format!(
        "{head}- [A](ftp://a) - A `R9-Security`\n- [B](https://b.example.com) `R9-Security`\n\
         - [C](https://c.example.com) - C `R99-Security` `r9 security`\n\
         - [D](https://d.example.com) - D `R9-Security` `R9-Security`\n- [E](https://e.example.com) - E\n"
    );
    assert_eq!(
        rules(&text),
        [
            (3, Rule::Link),
            (4, Rule::Empty),
            (5, Rule::RiskCode),
            (5, Rule::RiskCode),
            (6, Rule::RiskCode),
            (7, Rule::Empty)
        ]
    );
    // One line.
    let text = format!("{head}- [A](https://a.example.com) - first\n  second `R9-Security`\n");
    assert_eq!(rules(&text), [(3, Rule::OneLine)]);
    // Category: an unknown section, and the Uncategorized one.
    let text = "## Tools\n\n- [A](https://a.example.com) - A `R9-Security`\n\n## Uncategorized\n\n- [B](https://b.example.com) - B `R9-Security`\n";
    assert_eq!(rules(text), [(3, Rule::Category), (7, Rule::Category)]);
    // Duplicate: same name after normalisation in one section; a listing under a second
    // category is fine only when identical.
    let text = format!(
        "{head}- [Model Scan](https://a.example.com) - A `R9-Security`\n- [model-scan](https://a.example.com) - A `R9-Security`\n\n\
         ## LLM & GenAI Security\n\n- [Model Scan](https://a.example.com) - A `R9-Security`\n- [Model Scan](https://a.example.com) - other `R9-Security`\n"
    );
    assert_eq!(rules(&text), [(4, Rule::Duplicate), (9, Rule::Duplicate)]);
    // Empty entries in a table: no link, no description.
    let text = "| Tool | Description | Risk |\n|---|---|---|\n| Plain | text | R1-Security |\n| [Linked](https://l.example.com) | | R1-Security |\n";
    assert_eq!(rules(text), [(3, Rule::Empty), (4, Rule::Empty)]);
    // Prose items, anchors and code spans are not entries: a list of only those has no tools,
    // which is a finding, not a pass.
    let text = format!(
        "{head}- Evasion attacks.\n- [Contents](#contents)\n- *TODO:* `- [Tool](https://x.example.com) - y.`\n"
    );
    assert_eq!(rules(&text), [(1, Rule::Empty)]);
}

#[test]
fn lint_reads_registry_files_with_lines() {
    let json = "{\"tools\": [\n  {\"name\": \"A\", \"risks\": [\"R9-Security\"], \"url\": \"ftp://a\"},\n  {\"name\": \"a\", \"risks\": [\"R99-Security\"]}\n]}\n";
    let shown: Vec<String> = list::lint(json).iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "line 2 column 50: link: \"A\": field \"url\": the URL \"ftp://a\" is not an http:// or https:// URL",
            "line 3 column 27: risk-code: \"a\": field \"risks\": \"R99-Security\": Security risks are R1 to R23",
        ]
    );
    // A registry that loads but is not a list: no link, description, codes or category.
    let json = "{\"tools\": [{\"name\": \"A\", \"risks\": []}]}";
    let found: Vec<Rule> = list::lint(json).iter().map(|f| f.rule).collect();
    assert_eq!(
        found,
        [Rule::Category, Rule::Empty, Rule::Empty, Rule::Empty]
    );
    // The built-in registry file passes.
    assert_eq!(list::lint(&Registry::builtin().to_json()), []);
    // Not JSON: a format finding at the parser's position.
    let found = list::lint("{\"tools\": [}");
    assert_eq!(
        (found[0].rule, found[0].line, found[0].column),
        (Rule::Format, 1, 12)
    );
}

#[test]
fn import_reports_every_bad_entry_and_refuses_empty_lists() {
    let text = "## Adversarial Machine Learning\n\n- [A](ftp://a) - A `R9-Security`\n- [B](https://b.example.com) - B `R24-Security`\n";
    let err = list::import(text).unwrap_err();
    let lines: Vec<(usize, Rule)> = err.findings().iter().map(|f| (f.line, f.rule)).collect();
    assert_eq!(lines, [(3, Rule::Link), (4, Rule::RiskCode)]);
    let err = list::import("# Nothing here\n\nSome prose.\n").unwrap_err();
    assert_eq!(err.to_string(), "the list has no tools");
}

#[test]
fn markdown_characters_survive_a_round_trip() {
    let mut reg = Registry::new();
    let names = [
        "A_b*c*",
        "[x] <y>",
        "pipe | and `tick`",
        "Tom & Jerry &amp;",
    ];
    for (i, name) in names.iter().enumerate() {
        let tool = Tool::new(*name, "R1-Security".parse().unwrap())
            .unwrap()
            .with_url(format!("https://example.com/a_(b){i}&amp;"))
            .unwrap()
            .with_description(format!("{name} \\ *not emphasis* - `R2-Security`"))
            .unwrap()
            .with_categories([Category::AdversarialMl])
            .unwrap();
        reg.insert(tool).unwrap();
    }
    let text = list::render(&reg, "Odd names");
    assert_eq!(list::lint(&text), []);
    let back = list::import(&text).unwrap().registry;
    for tool in reg.tools() {
        let other = back.get(tool.id()).unwrap();
        assert_eq!(facts(other), facts(tool));
    }
}
