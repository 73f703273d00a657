//! `mlsecops show`: one risk (name, description, phase, layer, the tools covering it, its
//! crosswalk), or an ATLAS or OWASP id (title, edition, the risks linked to it, its
//! counterparts in the other editions of the OWASP LLM list).

use std::fmt::Write as _;

use mlsecops_taxonomy::{ExternalId, Framework, Link, Registry, Risk, Tool, schema};

use crate::args::{Format, RegistryArgs};
use crate::error::{Error, Outcome, Result};
use crate::table::{Listing, covering};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    registry: RegistryArgs,
    /// A risk code (R17-Security), an ATLAS or OWASP id with its edition (AML.T0051,
    /// LLM06:2026, ML05:2023, ASI01:2026), or a tool's name or id (trivy): its role, where its
    /// facts were read, and the evidence of each risk it covers.
    code: String,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(args: Args, out: &mut String) -> Result<Outcome> {
    let Args {
        registry,
        code,
        format,
    } = args;
    match code.parse::<Risk>() {
        Ok(risk) => show(&*registry.load()?, risk, format, out),
        Err(risk_error) => {
            let upper = code.trim().to_ascii_uppercase();
            let external = ["AML.", "LLM", "ML", "ASI"]
                .iter()
                .any(|p| upper.starts_with(p));
            if external && let Ok(id) = code.parse::<ExternalId>() {
                show_external(id, format, out);
                return Ok(Outcome::Success);
            }
            let registry = registry.load()?;
            match registry.get(&code) {
                Ok(tool) => show_tool(tool, format, out),
                Err(_) if external => {
                    let id: ExternalId = code.parse().map_err(Error::from)?;
                    show_external(id, format, out);
                }
                Err(tool_error) => {
                    let looks_like_code = upper.starts_with('R')
                        && upper[1..].starts_with(|c: char| c.is_ascii_digit());
                    return Err(if looks_like_code {
                        Error::from(risk_error)
                    } else {
                        Error::msg(format!(
                            "{code:?} is neither a risk code, an ATLAS or OWASP id, nor a tool: {tool_error}"
                        ))
                    });
                }
            }
        }
    }
    Ok(Outcome::Success)
}

fn show(registry: &Registry, risk: Risk, format: Format, out: &mut String) {
    let tools: Vec<&Tool> = registry.tools_covering(risk).collect();
    let links = risk.crosswalk().links();
    match format {
        Format::Json => out.push_str(&schema::risk_json(risk, registry)),
        Format::Table => {
            let mut listing = Listing::new(&["FIELD", "VALUE"]);
            listing.row(vec!["code".into(), risk.code().into()]);
            listing.row(vec!["name".into(), risk.name().into()]);
            listing.row(vec!["description".into(), risk.description().into()]);
            listing.row(vec![
                "phase".into(),
                format!("{} ({})", risk.phase().name(), risk.phase().kind().name()),
            ]);
            listing.row(vec!["layer".into(), risk.layer().name().into()]);
            listing.row(vec!["tools".into(), covering(tools.iter().copied(), risk)]);
            if links.is_empty() {
                listing.row(vec!["crosswalk".into(), "no mapping".into()]);
            }
            for link in links {
                listing.row(vec![
                    link.target().framework().as_str().into(),
                    format!("{} {}", link.target(), link_text(link)),
                ]);
            }
            listing.table(out);
        }
        Format::Markdown => {
            let _ = writeln!(out, "## {} {}\n", risk.code(), risk.name());
            let _ = writeln!(out, "{}\n", risk.description());
            let _ = writeln!(
                out,
                "- Phase: {} ({})\n- Layer: {}\n- Tools: {}",
                risk.phase().name(),
                risk.phase().kind().name(),
                risk.layer().name(),
                covering(tools.iter().copied(), risk)
            );
            if links.is_empty() {
                let _ = writeln!(out, "- Crosswalk: no mapping");
            }
            for link in links {
                let _ = writeln!(
                    out,
                    "- {}: `{}` {}",
                    link.target().framework().name(),
                    link.target(),
                    link_text(link)
                );
            }
        }
    }
}

/// `show` of a tool: what it is, where its facts were read, and each risk with its evidence.
fn show_tool(tool: &Tool, format: Format, out: &mut String) {
    if format == Format::Json {
        let mut text = serde_json::to_string_pretty(tool).expect("a tool serializes");
        text.push('\n');
        out.push_str(&text);
        return;
    }
    let mut rows: Vec<(String, String)> = vec![
        ("name".into(), tool.name().into()),
        ("id".into(), tool.id().into()),
        ("kind".into(), tool.kind().as_str().into()),
    ];
    if let Some(role) = tool.role() {
        let adopt = if role.is_adoptable() {
            "a project can adopt it"
        } else {
            "not a control a project adopts"
        };
        rows.push(("role".into(), format!("{role} ({adopt})")));
    }
    if let Some(url) = tool.url() {
        rows.push(("url".into(), url.into()));
    }
    if let Some(description) = tool.description() {
        rows.push(("description".into(), description.into()));
    }
    rows.push(("provenance".into(), tool.provenance().as_str().into()));
    if let Some(u) = tool.upstream() {
        let mut read = format!("{}@{}", u.repository(), u.commit());
        if let Some(date) = u.date() {
            let _ = write!(read, " ({date})");
        }
        rows.push(("read at".into(), read));
        rows.push(("status".into(), u.status().as_str().into()));
        if let Some(licence) = u.licence() {
            rows.push(("licence".into(), licence.into()));
        }
    }
    if !tool.packages().is_empty() {
        let packages: Vec<String> = tool.packages().iter().map(ToString::to_string).collect();
        rows.push(("packages".into(), packages.join(", ")));
    }
    for risk in tool.risks() {
        let bases: Vec<&str> = tool.risk_bases(risk).iter().map(|b| b.as_str()).collect();
        rows.push((
            risk.code().into(),
            format!("{} ({})", risk.name(), bases.join(", ")),
        ));
        for m in tool.mappings_of(risk) {
            rows.push((
                String::new(),
                format!("{}: {:?} at {}", m.basis(), m.quote(), m.citation()),
            ));
            rows.push((String::new(), format!("why: {}", m.rationale())));
        }
        for a in tool.amendments_of(risk) {
            rows.push((
                String::new(),
                format!(
                    "user: by amendment{}",
                    a.note().map(|n| format!(": {n}")).unwrap_or_default()
                ),
            ));
        }
    }
    match format {
        Format::Markdown => {
            let _ = writeln!(
                out,
                "## {}\n",
                mlsecops_taxonomy::escape::markdown(tool.name())
            );
            for (field, value) in rows {
                let value = mlsecops_taxonomy::escape::markdown(&value);
                if field.is_empty() {
                    let _ = writeln!(out, "  - {value}");
                } else {
                    let _ = writeln!(out, "- {field}: {value}");
                }
            }
        }
        _ => {
            let mut listing = Listing::new(&["FIELD", "VALUE"]);
            for (field, value) in rows {
                listing.row(vec![field, value]);
            }
            listing.table(out);
        }
    }
}

/// `show` of an ATLAS or OWASP id: title, edition, the risks linked to it, its counterparts.
fn show_external(id: ExternalId, format: Format, out: &mut String) {
    let links: Vec<&Link> = id.links().collect();
    let counterparts = match id {
        ExternalId::Owasp(o) => o.counterparts(),
        ExternalId::Atlas(_) => Vec::new(),
    };
    let framework = id.framework();
    let later = match id {
        ExternalId::Atlas(a) => a.later_change(),
        ExternalId::Owasp(_) => None,
    };
    let linked = |link: &Link| {
        format!(
            "{} {} ({}): {}",
            link.risk(),
            link.risk().name(),
            link.strength(),
            link.note()
        )
    };
    let counterpart = |c: &mlsecops_taxonomy::Counterpart| {
        let whose = if c.relation().is_stated_by_owasp() {
            "stated by OWASP"
        } else {
            "judged: this project's reading, provenance curated"
        };
        format!("{c}, {whose}: {}", c.evidence().join("; then "))
    };
    let none_other = framework.is_llm().then(|| {
        Framework::LLM_EDITIONS
            .into_iter()
            .filter(|&f| f != framework && !counterparts.iter().any(|c| c.id().framework() == f))
            .map(|f| format!("{}: no counterpart", f.edition()))
            .collect::<Vec<_>>()
    });
    match format {
        Format::Json => out.push_str(&schema::external_id_json(id)),
        Format::Table => {
            let mut listing = Listing::new(&["FIELD", "VALUE"]);
            listing.row(vec!["id".into(), id.to_string()]);
            listing.row(vec!["title".into(), id.title().into()]);
            listing.row(vec![
                "framework".into(),
                format!("{} {}", framework.name(), framework.edition()),
            ]);
            if let Some(change) = later {
                listing.row(vec!["since 5.6.0".into(), change.into()]);
            }
            if links.is_empty() {
                listing.row(vec!["risks".into(), "no risk links to it".into()]);
            }
            for link in &links {
                listing.row(vec!["risk".into(), linked(link)]);
            }
            for c in &counterparts {
                listing.row(vec![
                    format!("{} edition", c.id().framework().edition()),
                    counterpart(c),
                ]);
            }
            for line in none_other.iter().flatten() {
                let (edition, text) = line.split_once(": ").expect("edition: text");
                listing.row(vec![format!("{edition} edition"), text.into()]);
            }
            listing.table(out);
        }
        Format::Markdown => {
            let _ = writeln!(
                out,
                "## {id} {}
",
                id.title()
            );
            let _ = writeln!(
                out,
                "- Framework: {} {}",
                framework.name(),
                framework.edition()
            );
            if let Some(change) = later {
                let _ = writeln!(out, "- Since 5.6.0: {change}");
            }
            if links.is_empty() {
                let _ = writeln!(out, "- Risks: no risk links to it");
            }
            for link in &links {
                let _ = writeln!(out, "- Risk: {}", linked(link));
            }
            for c in &counterparts {
                let _ = writeln!(
                    out,
                    "- {} edition: {}",
                    c.id().framework().edition(),
                    counterpart(c)
                );
            }
            for line in none_other.iter().flatten() {
                let _ = writeln!(out, "- {line}");
            }
        }
    }
}

/// A link after its id: `Infer Training Data Membership (primary)`, with its note when the note
/// says more than the title.
fn link_text(link: &Link) -> String {
    let title = link.target().title();
    let mut text = format!("{title} ({})", link.strength());
    let note = link.note();
    let extra = note
        .strip_prefix(title)
        .map_or(note, |rest| rest.trim_start_matches([',', ':', ';', ' ']));
    if !extra.is_empty() {
        let _ = write!(text, ": {extra}");
    }
    text
}
