//! The coverage matrix SVG: one cell per risk in the right state, well-formed text.
#![cfg(feature = "svg")]

use mlsecops_taxonomy::{Registry, Risk};

#[test]
fn the_matrix_has_a_cell_per_risk_in_its_state() {
    let reg = Registry::source();
    let cov = reg.coverage(["Garak", "ModelScan"]).unwrap();
    let svg = cov.to_svg();
    let covered = svg.matches("class=\"risk covered\"").count();
    let open = svg.matches("class=\"risk open\"").count();
    let none = svg.matches("class=\"risk no-tool\"").count();
    assert_eq!((covered, open, none), (5, 12, 17));
    assert_eq!(covered, cov.covered().len());
    assert_eq!(none, 34 - reg.covered().len());
    // Every risk is labelled with its state's mark and its code, named in its cell (the name's
    // words, in order, on at most two lines) and in its tooltip.
    for risk in Risk::ALL {
        let mark = if cov.covered().contains(risk) {
            '\u{2713}'
        } else if reg.covered().contains(risk) {
            '\u{2013}'
        } else {
            '\u{2717}'
        };
        let cell = svg
            .lines()
            .find(|l| l.contains(&format!("<title>{}: ", risk.code())))
            .unwrap_or_else(|| panic!("no cell for {risk}"));
        assert!(
            cell.contains(&format!(">{mark} {}</text>", risk.code())),
            "{cell}"
        );
        let lines: Vec<&str> = cell
            .split("<text class=\"name\"")
            .skip(1)
            .map(|t| t.split('>').nth(1).unwrap().trim_end_matches("</text"))
            .collect();
        assert!((1..=2).contains(&lines.len()), "{cell}");
        assert_eq!(lines.join(" "), risk.name().replace('&', "&amp;"), "{cell}");
    }
    // The three states differ in fill and in border colour.
    let fills: std::collections::BTreeSet<&str> = ["covered", "open", "no-tool"]
        .iter()
        .map(|state| {
            let at = svg.find(&format!("class=\"risk {state}")).unwrap();
            let fill = &svg[at..][svg[at..].find("fill=\"").unwrap() + 6..];
            &fill[..7]
        })
        .collect();
    assert_eq!(fills.len(), 3, "{fills:?}");
    assert!(svg.contains("Model layer: 3 of 13"));
}

#[test]
fn the_matrix_is_self_contained_and_escaped() {
    let svg = Registry::source().coverage_all().to_svg();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    for forbidden in ["<script", "href=", "url(", "@import", "<image"] {
        assert!(!svg.contains(forbidden), "{forbidden}");
    }
    // Every `&` starts an entity (phase kinds such as "Static & Dynamic" are escaped).
    for (i, _) in svg.match_indices('&') {
        let rest = &svg[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "{}",
            &rest[..rest.len().min(20)]
        );
    }
    assert!(svg.contains("Static &amp; Dynamic"));
    // Tags balance.
    assert_eq!(svg.matches("<g>").count(), svg.matches("</g>").count());
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
}

#[test]
fn every_tool_is_named_in_the_legend() {
    let reg = Registry::source();
    let names: Vec<&str> = reg.tools().take(30).map(|t| t.name()).collect();
    let svg = reg.coverage(&names).unwrap().to_svg();
    let subtitle = svg
        .lines()
        .find(|l| l.contains("risks covered by") && l.starts_with("<text"))
        .unwrap();
    assert!(
        subtitle.contains("covered by 30 tools</text>"),
        "{subtitle}"
    );
    let legend: Vec<&str> = svg
        .lines()
        .filter(|l| l.starts_with("<text class=\"tools\""))
        .map(|l| l.split('>').nth(1).unwrap().trim_end_matches("</text"))
        .collect();
    assert!(legend.len() > 1, "{legend:?}");
    let text = legend.join(" ").replace("&amp;", "&");
    assert_eq!(text, format!("Tools (30): {}", names.join(", ")));
    assert!(!svg.contains(" more"), "no tool is left out");
    let all = reg.coverage_all().to_svg();
    assert!(all.contains("17 of 34 risks covered by all 41 tools of the registry"));
    let two = reg.coverage(["Garak", "ModelScan"]).unwrap().to_svg();
    assert!(two.contains(">Tools (2): Garak, ModelScan</text>"));
}
