//! The coverage matrix as a picture: a self-contained SVG.

use std::fmt::Write as _;

use crate::coverage::Coverage;
use crate::coverage::report::CoverageReport;
use crate::taxonomy::lifecycle::{Layer, Phase};
use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;

const COLUMN: u32 = 132;
const GAP: u32 = 8;
const MARGIN: u32 = 20;
const CELL: u32 = 50;
const CELL_GAP: u32 = 6;
const TITLE_H: u32 = 56;
const LAYER_H: u32 = 30;
const PHASE_H: u32 = 76;
const LEGEND_H: u32 = 64;

/// The state of one risk in the matrix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Covered,
    Open,
    NoTool,
}

impl State {
    const ALL: [State; 3] = [State::Covered, State::Open, State::NoTool];

    // Okabe and Ito's colour-blind safe blue, orange and vermillion, light for the fill and
    // full for the border; each state also has its own mark, so colour is never the only sign.
    fn fill(self) -> &'static str {
        match self {
            State::Covered => "#cce3f2",
            State::Open => "#fbe5b6",
            State::NoTool => "#f7cdb4",
        }
    }

    fn stroke(self) -> &'static str {
        match self {
            State::Covered => "#0072b2",
            State::Open => "#b07800",
            State::NoTool => "#d55e00",
        }
    }

    /// The mark drawn before the code: a check, a dash, a cross.
    fn mark(self) -> &'static str {
        match self {
            State::Covered => "\u{2713}",
            State::Open => "\u{2013}",
            State::NoTool => "\u{2717}",
        }
    }

    /// The cell's class, for tools that read the image.
    fn class(self) -> &'static str {
        match self {
            State::Covered => "covered",
            State::Open => "open",
            State::NoTool => "no-tool",
        }
    }

    fn label(self) -> &'static str {
        match self {
            State::Covered => "covered",
            State::Open => "open",
            State::NoTool => "open, no tool in the registry covers it",
        }
    }
}

impl Coverage<'_> {
    /// The coverage matrix as a self-contained SVG image: one column per phase, grouped by
    /// layer, one cell per risk with its code and its name (wrapped), and its state told by a
    /// mark and a colour (colour-blind safe): covered (a check, blue), open (a dash, orange) or
    /// open with no tool of the registry covering it (a cross, vermillion); layer and phase
    /// totals in the headers, a legend with the counts and every tool by name. No scripts, no
    /// external fonts or images, so it renders in browsers and as a README image.
    ///
    /// ```
    /// use mlsecops_taxonomy::Registry;
    /// let svg = Registry::builtin().coverage(["Garak", "ModelScan"])?.to_svg();
    /// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    /// assert_eq!(svg.matches("<rect class=\"risk").count(), 34);
    /// assert!(svg.contains("5 of 34 risks covered"));
    /// # Ok::<(), mlsecops_taxonomy::UnknownTool>(())
    /// ```
    pub fn to_svg(&self) -> String {
        draw(self, None)
    }
}

impl CoverageReport<'_> {
    /// The coverage matrix of [`Coverage::to_svg`], with the requirements shown: risks no
    /// requirement asks for are faded and dashed (class `not-required`), and each required risk
    /// left open is drawn with a thick border and a cross (class `fail`), the cells that fail
    /// the gate. The legend counts both, and the subtitle names the requirements.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Registry, Requirement};
    /// let cov = Registry::builtin().coverage(["Garak", "ModelScan"])?;
    /// let svg = cov.report(["model".parse::<Requirement>()?]).to_svg();
    /// assert_eq!(svg.matches("not-required").count(), 21);  // the 21 risks outside the model layer
    /// assert_eq!(svg.matches(" fail\"").count(), 10);       // the model layer's 10 open risks
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_svg(&self) -> String {
        let required = self
            .checks()
            .fold(RiskSet::EMPTY, |set, (req, _)| set | req.risks());
        let names: Vec<String> = self.checks().map(|(req, _)| req.to_string()).collect();
        let requirements = (!names.is_empty()).then(|| (required, names.join(", ")));
        draw(self.coverage(), requirements)
    }
}

/// How the requirements mark a risk's cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// No requirements were given: every cell is drawn alike.
    Unstated,
    /// A requirement asks for the risk.
    Required,
    /// Requirements were given, none asks for the risk.
    NotRequired,
}

/// The matrix; with requirements, the risks they ask for and how they are written.
fn draw(coverage: &Coverage<'_>, requirements: Option<(RiskSet, String)>) -> String {
    let covered = coverage.covered();
    let coverable = coverage.registry().covered();
    let state = |risk: Risk| {
        if covered.contains(risk) {
            State::Covered
        } else if coverable.contains(risk) {
            State::Open
        } else {
            State::NoTool
        }
    };
    let required = requirements.as_ref().map(|(set, _)| *set);
    let need = |risk: Risk| match required {
        None => Need::Unstated,
        Some(set) if set.contains(risk) => Need::Required,
        Some(_) => Need::NotRequired,
    };
    let rows = Phase::ALL
        .iter()
        .map(|p| p.risks().len() as u32)
        .max()
        .unwrap_or(0);
    let columns = Phase::ALL.len() as u32;
    let layers = Layer::ALL.len() as u32;
    let width = 2 * MARGIN + columns * COLUMN + (columns - 1) * GAP + (layers - 1) * GAP;
    let grid_top = MARGIN + TITLE_H + LAYER_H + PHASE_H;
    let legend_rows = if required.is_some() { 2 } else { 1 };
    let tools: Vec<&str> = coverage.tools().map(|t| t.name()).collect();
    let height = grid_top
        + rows * (CELL + CELL_GAP)
        + LEGEND_H
        + (legend_rows - 1) * 26
        + 18 * tool_lines(&tools).len() as u32
        + 4;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"title\" \
         font-family=\"Helvetica, Arial, sans-serif\">"
    );
    let total = coverage.total();
    let mut heading = if tools.is_empty() {
        format!(
            "{} of {} risks covered: no tools",
            total.covered, total.total
        )
    } else {
        format!(
            "{} of {} risks covered by {}",
            total.covered,
            total.total,
            tool_names(&tools, coverage.registry().len())
        )
    };
    if let Some((set, written)) = &requirements {
        let failing = (*set - covered).len();
        let verdict = match failing {
            0 => "met".to_owned(),
            1 => "NOT MET, 1 required risk open".to_owned(),
            n => format!("NOT MET, {n} required risks open"),
        };
        let _ = write!(heading, "; required: {written}: {verdict}");
    }
    let _ = writeln!(
        out,
        "<title id=\"title\">MLSecOps coverage: {}</title>",
        xml(&heading)
    );
    let _ = writeln!(
        out,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"20\" font-weight=\"bold\" fill=\"#212121\">MLSecOps risk coverage</text>",
        MARGIN + 18
    );
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"13\" fill=\"#424242\">{}</text>",
        MARGIN + 40,
        xml(&heading)
    );

    let mut x = MARGIN;
    for layer in Layer::ALL {
        let phases = layer.phases();
        let n = phases.len() as u32;
        let span = n * COLUMN + (n - 1) * GAP;
        let counts = coverage.layer(layer);
        let top = MARGIN + TITLE_H;
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{top}\" width=\"{span}\" height=\"{}\" rx=\"4\" fill=\"#37474f\"/>",
            LAYER_H - 6
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#ffffff\" text-anchor=\"middle\">{} layer: {} of {}</text>",
            x + span / 2,
            top + 16,
            xml(layer.name()),
            counts.covered,
            counts.total
        );
        for &phase in phases {
            column(&mut out, x, phase, coverage, &|risk| {
                (state(risk), need(risk))
            });
            x += COLUMN + GAP;
        }
        x += GAP;
    }

    let legend_y = grid_top + rows * (CELL + CELL_GAP) + 14;
    let mut lx = MARGIN;
    for s in State::ALL {
        let count = Risk::ALL.iter().filter(|&&r| state(r) == s).count();
        lx = swatch(
            &mut out,
            lx,
            legend_y,
            s,
            "",
            &format!("{} ({count})", s.label()),
        );
    }
    let mut note_y = legend_y + 40;
    if let Some(set) = required {
        let y = legend_y + 26;
        let failing = (set - covered).len();
        let outside = (!set).len();
        let lx = swatch(
            &mut out,
            MARGIN,
            y,
            State::Open,
            &format!(" stroke=\"{FAIL}\" stroke-width=\"3\""),
            &format!("required and open: fails the gate, thick border ({failing})"),
        );
        swatch(
            &mut out,
            lx,
            y,
            State::Covered,
            &format!(" opacity=\"{FADED}\" stroke-dasharray=\"3 2\""),
            &format!("not required: faded, dashed ({outside})"),
        );
        note_y += 26;
    }
    for (i, line) in tool_lines(&tools).iter().enumerate() {
        let _ = writeln!(
            out,
            "<text class=\"tools\" x=\"{MARGIN}\" y=\"{}\" font-size=\"12\" fill=\"#212121\">{}</text>",
            note_y + 18 * i as u32,
            xml(line)
        );
    }
    note_y += 18 * tool_lines(&tools).len() as u32 + 4;
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{note_y}\" font-size=\"11\" fill=\"#616161\">Risk codes and names of the Awesome-MLSecOps taxonomy; hover a cell for its state.</text>"
    );
    out.push_str("</svg>\n");
    out
}

/// The border colour of a required risk left open: near black, apart from every fill.
const FAIL: &str = "#1a1a1a";
/// The width, in characters, of a risk's name under its code.
const NAME_WIDTH: usize = 22;
/// The width, in characters, of a line of the tools' legend.
const TOOLS_WIDTH: usize = 175;
/// The opacity of a risk no requirement asks for.
const FADED: &str = "0.35";

/// Writes a legend entry at `x`: a swatch of the state with its mark (and `look`, extra
/// attributes of the swatch), then `text`; returns where the next entry goes.
fn swatch(out: &mut String, x: u32, y: u32, state: State, look: &str, text: &str) -> u32 {
    let stroke = if look.contains("stroke=") {
        look.to_owned()
    } else {
        format!(" stroke=\"{}\"{look}", state.stroke())
    };
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"18\" height=\"18\" rx=\"3\" fill=\"{}\"{stroke}/>\
         <text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\" fill=\"#212121\" text-anchor=\"middle\">{}</text>",
        state.fill(),
        x + 9,
        y + 14,
        state.mark()
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#212121\">{}</text>",
        x + 24,
        y + 14,
        xml(text)
    );
    x + 24 + 7 * text.chars().count() as u32 + 28
}

/// Every tool, named in full: `Tools (2): Garak, ModelScan`, wrapped into lines.
fn tool_lines(tools: &[&str]) -> Vec<String> {
    let text = match tools.len() {
        0 => "Tools: none".to_owned(),
        n => format!("Tools ({n}): {}", tools.join(", ")),
    };
    wrap(&text, TOOLS_WIDTH)
}

fn column(
    out: &mut String,
    x: u32,
    phase: Phase,
    coverage: &Coverage<'_>,
    state: &dyn Fn(Risk) -> (State, Need),
) {
    let top = MARGIN + TITLE_H + LAYER_H;
    let counts = coverage.phase(phase);
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{top}\" width=\"{COLUMN}\" height=\"{}\" rx=\"4\" fill=\"#eceff1\"/>",
        PHASE_H - 8
    );
    let lines = wrap(phase.name(), 19);
    let mut y = top + 14;
    for line in &lines {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{y}\" font-size=\"11\" font-weight=\"bold\" fill=\"#263238\" text-anchor=\"middle\">{}</text>",
            x + COLUMN / 2,
            xml(line)
        );
        y += 13;
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#455a64\" text-anchor=\"middle\">{} · {} of {}</text>",
        x + COLUMN / 2,
        top + PHASE_H - 14,
        xml(phase.kind().name()),
        counts.covered,
        counts.total
    );
    let mut y = top + PHASE_H;
    for risk in phase.risks() {
        let (s, need) = state(risk);
        let fails = need == Need::Required && s != State::Covered;
        let (class, look, label) = match need {
            Need::Unstated => ("", String::new(), ""),
            Need::NotRequired => (
                " not-required",
                format!(" opacity=\"{FADED}\" stroke-dasharray=\"4 3\""),
                ", not required",
            ),
            Need::Required if fails => (
                " fail",
                format!(" stroke=\"{FAIL}\" stroke-width=\"4\""),
                ", required: fails the gate",
            ),
            Need::Required => ("", String::new(), ", required"),
        };
        let stroke = if look.contains("stroke=") {
            look
        } else {
            format!(" stroke=\"{}\"{look}", s.stroke())
        };
        let text_look = if need == Need::NotRequired {
            format!(" opacity=\"{FADED}\"")
        } else {
            String::new()
        };
        let weight = if fails { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            out,
            "<g><title>{}: {} ({}{label})</title><rect class=\"risk {}{class}\" x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{CELL}\" rx=\"4\" fill=\"{}\"{stroke}/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\" fill=\"#212121\" text-anchor=\"middle\"{text_look}>{} {}</text>",
            risk.code(),
            xml(risk.name()),
            s.label(),
            s.class(),
            x + 4,
            COLUMN - 8,
            s.fill(),
            x + COLUMN / 2,
            y + 17,
            s.mark(),
            risk.code()
        );
        // The risk's name under its code, on up to two lines.
        for (i, line) in wrap(risk.name(), NAME_WIDTH).iter().enumerate() {
            let _ = write!(
                out,
                "<text class=\"name\" x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#212121\" text-anchor=\"middle\"{weight}{text_look}>{}</text>",
                x + COLUMN / 2,
                y + 31 + 12 * i as u32,
                xml(line)
            );
        }
        out.push_str("</g>\n");
        y += CELL + CELL_GAP;
    }
}

/// The tools in the subtitle: their names when there are up to three, otherwise how many
/// (the legend names them all).
fn tool_names(tools: &[&str], registry_len: usize) -> String {
    match tools.len() {
        0 => "no tool".to_owned(),
        n if n == registry_len && n > 3 => format!("all {n} tools of the registry"),
        1..=3 => tools.join(", "),
        n => format!("{n} tools"),
    }
}

/// Splits a text into lines of at most `width` characters, at spaces (a longer word alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// Escapes text for XML.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
