//! OWASP Top 10 items: [`OwaspId`], with the titles of each list.

use core::fmt;
use core::str::FromStr;

use super::Framework;
use crate::ParseIdError;

// The titles of the OWASP lists, item 1 first, as `tests/data/owasp-ids.tsv` gives them (which
// `cargo test --test crosswalk` compares them with).
static OWASP_LLM_2023: [&str; 10] = [
    "Prompt Injection",
    "Insecure Output Handling",
    "Training Data Poisoning",
    "Model Denial of Service",
    "Supply Chain Vulnerabilities",
    "Sensitive Information Disclosure",
    "Insecure Plugin Design",
    "Excessive Agency",
    "Overreliance",
    "Model Theft",
];
static OWASP_LLM_2025: [&str; 10] = [
    "Prompt Injection",
    "Sensitive Information Disclosure",
    "Supply Chain",
    "Data and Model Poisoning",
    "Improper Output Handling",
    "Excessive Agency",
    "System Prompt Leakage",
    "Vector and Embedding Weaknesses",
    "Misinformation",
    "Unbounded Consumption",
];
static OWASP_LLM_2026: [&str; 10] = [
    "Prompt Injection",
    "Sensitive Information Disclosure",
    "Excessive Agency",
    "Supply Chain",
    "Data and Model Poisoning",
    "Unbounded Consumption",
    "Misinformation",
    "Hidden Context Exposure",
    "Vector and Embedding Weaknesses",
    "Improper Output Handling",
];
static OWASP_ML_2023: [&str; 10] = [
    "Input Manipulation Attack",
    "Data Poisoning Attack",
    "Model Inversion Attack",
    "Membership Inference Attack",
    "Model Theft",
    "AI Supply Chain Attacks",
    "Transfer Learning Attack",
    "Model Skewing",
    "Output Integrity Attack",
    "Model Poisoning",
];

static OWASP_AGENTIC_2026: [&str; 10] = [
    "Agent Goal Hijack",
    "Tool Misuse & Exploitation",
    "Identity & Privilege Abuse",
    "Agentic Supply Chain Vulnerabilities",
    "Unexpected Code Execution (RCE)",
    "Memory & Context Poisoning",
    "Insecure Inter-Agent Communication",
    "Cascading Failures",
    "Human-Agent Trust Exploitation",
    "Rogue Agents",
];

/// An item of an OWASP Top 10 list, with its edition: `LLM01:2025`, `LLM06:2026`, `ML05:2023`,
/// `ASI01:2026`.
///
/// An LLM id needs its edition (`LLM06` is Sensitive Information Disclosure in 2023, Excessive
/// Agency in 2025 and Unbounded Consumption in 2026): without one, parsing fails and says what
/// the id is in each edition, or, for an id every edition gives the same entry (`LLM01`), that
/// the editions agree (see [`ParseIdError::NoEdition`]). An ML or ASI id may omit it (the ML list and the agentic list
/// have one edition here: `ML05` means 2023, `ASI01` 2026).
/// [`OwaspId::counterpart`] moves an LLM id to another edition.
///
/// ```
/// use mlsecops_taxonomy::{Framework, OwaspId};
/// let id: OwaspId = "llm03:2025".parse()?;
/// assert_eq!((id.to_string(), id.title()), ("LLM03:2025".to_owned(), "Supply Chain"));
/// assert_eq!(id.framework(), Framework::OwaspLlm2025);
/// assert_eq!("LLM03:2026".parse::<OwaspId>()?.title(), "Excessive Agency");
/// assert_eq!("ML05".parse::<OwaspId>()?.title(), "Model Theft");
/// assert_eq!("ASI01".parse::<OwaspId>()?.to_string(), "ASI01:2026");
/// assert_eq!("asi04:2026".parse::<OwaspId>()?.title(), "Agentic Supply Chain Vulnerabilities");
/// assert_eq!("LLM06".parse::<OwaspId>().unwrap_err().to_string(),
///     "\"LLM06\" names no edition, and the editions differ on it: \
///      LLM06:2023 Sensitive Information Disclosure, LLM06:2025 Excessive Agency, \
///      LLM06:2026 Unbounded Consumption (write one of them)");
/// assert_eq!("LLM03:2024".parse::<OwaspId>().unwrap_err().to_string(),
///     "\"LLM03:2024\": the OWASP Top 10 for LLM Applications is here in the editions 2023, 2025 and 2026");
/// # Ok::<(), mlsecops_taxonomy::ParseIdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OwaspId {
    framework: Framework,
    number: u8,
}

impl OwaspId {
    /// The item `number` (1 to 10) of an OWASP framework; `None` for ATLAS or a number out of range.
    pub const fn new(framework: Framework, number: u8) -> Option<OwaspId> {
        match framework {
            Framework::Atlas => None,
            _ if number >= 1 && number <= 10 => Some(OwaspId { framework, number }),
            _ => None,
        }
    }

    /// Every item of an OWASP framework, 1 to 10 (none for ATLAS).
    pub fn all(framework: Framework) -> impl Iterator<Item = OwaspId> {
        (1..=10).filter_map(move |n| OwaspId::new(framework, n))
    }

    /// The list and edition.
    pub const fn framework(self) -> Framework {
        self.framework
    }

    /// The item's number, 1 to 10.
    pub const fn number(self) -> u8 {
        self.number
    }

    /// The item's title in its edition.
    pub const fn title(self) -> &'static str {
        let i = self.number as usize - 1;
        match self.framework {
            Framework::OwaspMl2023 => OWASP_ML_2023[i],
            Framework::OwaspLlm2023 => OWASP_LLM_2023[i],
            Framework::OwaspLlm2026 => OWASP_LLM_2026[i],
            Framework::OwaspAgentic2026 => OWASP_AGENTIC_2026[i],
            _ => OWASP_LLM_2025[i],
        }
    }

    const fn prefix(framework: Framework) -> &'static str {
        match framework {
            Framework::OwaspMl2023 => "ML",
            Framework::OwaspAgentic2026 => "ASI",
            _ => "LLM",
        }
    }
}

impl fmt::Display for OwaspId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{:02}:{}",
            OwaspId::prefix(self.framework),
            self.number,
            self.framework.edition()
        )
    }
}

impl FromStr for OwaspId {
    type Err = ParseIdError;

    fn from_str(input: &str) -> Result<OwaspId, ParseIdError> {
        let upper = input.trim().to_ascii_uppercase();
        let not_an_id = || ParseIdError::NotAnId {
            input: input.to_owned(),
            expected: None,
        };
        // The list by its prefix: LLM (three editions), ML or ASI (one edition each).
        let (llm, single, rest) = if let Some(rest) = upper.strip_prefix("LLM") {
            (true, Framework::OwaspLlm2025, rest)
        } else if let Some(rest) = upper.strip_prefix("ML") {
            (false, Framework::OwaspMl2023, rest)
        } else if let Some(rest) = upper.strip_prefix("ASI") {
            (false, Framework::OwaspAgentic2026, rest)
        } else {
            return Err(not_an_id());
        };
        let (number, edition) = rest.split_once(':').unwrap_or((rest, ""));
        if number.is_empty() || number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_an_id());
        }
        if !edition.is_empty()
            && (edition.len() != 4 || !edition.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(not_an_id());
        }
        let framework = match (llm, edition) {
            (false, edition) if edition.is_empty() || edition == single.edition() => single,
            (true, "") => {
                let n: u8 = number.parse().map_err(|_| not_an_id())?;
                let meanings: Vec<OwaspId> = Framework::LLM_EDITIONS
                    .into_iter()
                    .filter_map(|f| OwaspId::new(f, n))
                    .collect();
                if meanings.is_empty() {
                    return Err(ParseIdError::UnknownOwasp {
                        input: input.to_owned(),
                        framework: Framework::OwaspLlm2025,
                    });
                }
                return Err(ParseIdError::NoEdition {
                    input: input.to_owned(),
                    meanings,
                });
            }
            (true, edition) => {
                Framework::llm(edition).ok_or_else(|| ParseIdError::WrongEdition {
                    input: input.to_owned(),
                    framework: Framework::OwaspLlm2025,
                })?
            }
            (false, _) => {
                return Err(ParseIdError::WrongEdition {
                    input: input.to_owned(),
                    framework: single,
                });
            }
        };
        number
            .parse()
            .ok()
            .and_then(|n| OwaspId::new(framework, n))
            .ok_or_else(|| ParseIdError::UnknownOwasp {
                input: input.to_owned(),
                framework,
            })
    }
}
