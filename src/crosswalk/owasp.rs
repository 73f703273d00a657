//! OWASP Top 10 items: [`OwaspId`], with the titles of each list.

use core::fmt;
use core::str::FromStr;

use super::Framework;
use crate::error::ParseIdError;

/// The titles of the two OWASP lists, item 1 first.
const OWASP_LLM_2025: [&str; 10] = [
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
const OWASP_ML_2023: [&str; 10] = [
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

/// An item of an OWASP Top 10 list, with its edition: `LLM01:2025`, `ML05:2023`.
///
/// The edition suffix is optional on input (each list has one edition here), and an id with
/// another edition is an error: `LLM03` is Training Data Poisoning in 2023 and Supply Chain in 2025.
///
/// ```
/// use mlsecops_taxonomy::{Framework, OwaspId};
/// let id: OwaspId = "llm03".parse()?;
/// assert_eq!((id.to_string(), id.title()), ("LLM03:2025".to_owned(), "Supply Chain"));
/// assert_eq!(id.framework(), Framework::OwaspLlm2025);
/// assert_eq!("ML05:2023".parse::<OwaspId>()?.title(), "Model Theft");
/// assert_eq!("LLM03:2023".parse::<OwaspId>().unwrap_err().to_string(),
///     r#""LLM03:2023" is from the 2023 edition; this crate has the 2025 edition of the OWASP Top 10 for LLM Applications, whose ids mean other risks"#);
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
            Framework::OwaspLlm2025 | Framework::OwaspMl2023 if number >= 1 && number <= 10 => {
                Some(OwaspId { framework, number })
            }
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
            _ => OWASP_LLM_2025[i],
        }
    }

    const fn prefix(framework: Framework) -> &'static str {
        match framework {
            Framework::OwaspMl2023 => "ML",
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
        let (framework, rest) = if let Some(rest) = upper.strip_prefix("LLM") {
            (Framework::OwaspLlm2025, rest)
        } else if let Some(rest) = upper.strip_prefix("ML") {
            (Framework::OwaspMl2023, rest)
        } else {
            return Err(not_an_id());
        };
        let (number, edition) = rest.split_once(':').unwrap_or((rest, ""));
        if number.is_empty() || number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_an_id());
        }
        if !edition.is_empty() && edition != framework.edition() {
            if edition.len() != 4 || !edition.bytes().all(|b| b.is_ascii_digit()) {
                return Err(not_an_id());
            }
            return Err(ParseIdError::WrongEdition {
                input: input.to_owned(),
                framework,
            });
        }
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
