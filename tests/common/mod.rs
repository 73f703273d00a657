//! Reading the vendored source list, `tests/data/awesome-mlsecops.md`, independently of the crate.
#![allow(dead_code)]

/// The source text.
pub fn source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/awesome-mlsecops.md"
    );
    std::fs::read_to_string(path).expect("tests/data/awesome-mlsecops.md is vendored")
}

/// A phase as the source lists it.
#[derive(Debug)]
pub struct SourcePhase {
    /// "Data", "Model" or "APP", from the section heading.
    pub layer: String,
    pub name: String,
    /// "Dynamic", "Static" or "Static & Dynamic".
    pub kind: String,
    pub description: String,
    pub risks: Vec<SourceRisk>,
}

/// A risk as the source lists it.
#[derive(Debug)]
pub struct SourceRisk {
    pub code: String,
    pub name: String,
    pub description: String,
}

/// Parses the "Concern of Security and Privacy in ... Layer" sections.
pub fn phases() -> Vec<SourcePhase> {
    let text = source();
    let mut layer: Option<String> = None;
    let mut phases: Vec<SourcePhase> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(heading) = trimmed.strip_prefix("## ") {
            layer = heading
                .strip_prefix("Concern of Security and Privacy in ")
                .and_then(|rest| rest.strip_suffix(" Layer"))
                .map(str::to_owned);
            continue;
        }
        let Some(layer) = &layer else { continue };
        if let Some(phase) = trimmed
            .strip_prefix("- **")
            .and_then(|rest| rest.strip_suffix(" Phase)**"))
        {
            let (name, kind) = phase.split_once(" (").expect("phase line has a kind");
            phases.push(SourcePhase {
                layer: layer.clone(),
                name: name.to_owned(),
                kind: kind.to_owned(),
                description: String::new(),
                risks: Vec::new(),
            });
        } else if let Some(description) = trimmed.strip_prefix("- **Description:**") {
            phases
                .last_mut()
                .expect("description under a phase")
                .description = description.trim().to_owned();
        } else if let Some(risk) = trimmed.strip_prefix("- **").filter(|r| r.ends_with(")**")) {
            let (name, rest) = risk.split_once(":**").expect("risk line has a name");
            let (description, code) = rest.rsplit_once("**(").expect("risk line has a code");
            phases
                .last_mut()
                .expect("risk under a phase")
                .risks
                .push(SourceRisk {
                    code: code.trim_end_matches(")**").to_owned(),
                    name: name.to_owned(),
                    description: description.trim().to_owned(),
                });
        }
    }
    phases
}
