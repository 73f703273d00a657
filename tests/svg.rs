//! The coverage matrix SVG: one cell per risk in the right state, well-formed text.
#![cfg(feature = "svg")]

use mlsecops_taxonomy::{Registry, Risk};

#[test]
fn the_matrix_has_a_cell_per_risk_in_its_state() {
    let reg = Registry::builtin();
    let cov = reg.coverage(["Garak", "ModelScan"]).unwrap();
    let svg = cov.to_svg();
    let covered = svg.matches("class=\"risk covered\"").count();
    let open = svg.matches("class=\"risk open\"").count();
    let none = svg.matches("class=\"risk no-tool\"").count();
    assert_eq!((covered, open, none), (5, 12, 17));
    assert_eq!(covered, cov.covered().len());
    assert_eq!(none, 34 - reg.covered().len());
    // Every risk is labelled with its code, and named in its tooltip.
    for risk in Risk::ALL {
        assert!(svg.contains(&format!(">{}</text>", risk.code())), "{risk}");
        assert!(svg.contains(&format!("<title>{}: ", risk.code())), "{risk}");
    }
    assert!(svg.contains("Model layer: 3 of 13"));
}

#[test]
fn the_matrix_is_self_contained_and_escaped() {
    let svg = Registry::builtin().coverage_all().to_svg();
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
fn long_tool_lists_are_shortened_in_the_subtitle() {
    let reg = Registry::builtin();
    let names: Vec<&str> = reg.tools().take(30).map(|t| t.name()).collect();
    let svg = reg.coverage(&names).unwrap().to_svg();
    let subtitle = svg
        .lines()
        .find(|l| l.contains("risks covered by") && l.starts_with("<text"))
        .unwrap();
    assert!(subtitle.contains("DeepSec, AIF360"), "{subtitle}");
    assert!(subtitle.contains(" more</text>"), "{subtitle}");
    assert!(subtitle.len() < 300, "{subtitle}");
    let all = reg.coverage_all().to_svg();
    assert!(all.contains("17 of 34 risks covered by all 41 tools of the registry"));
}
