//! The crate's error types. Each names the offending input and, where one is close, the valid
//! value that was probably meant.

use crate::risk::{Domain, Risk};
use core::fmt;

/// Why a string is not a risk code. Returned by `Risk`'s `FromStr` and `TryFrom<&str>`.
///
/// ```
/// use mlsecops_taxonomy::{ParseRiskError, Risk};
///
/// let err = "R17-Secrity".parse::<Risk>().unwrap_err();
/// assert_eq!(err.to_string(), r#""R17-Secrity": unknown domain "Secrity", did you mean Security?"#);
/// assert!(matches!(err, ParseRiskError::UnknownDomain { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseRiskError {
    /// The input was empty or only whitespace.
    #[error("empty risk code: expected a code such as R17-Security")]
    Empty,
    /// The input does not start with `R` and a number.
    #[error(
        "{input:?} is not a risk code: expected R, a number and a domain, such as R17-Security"
    )]
    NotACode {
        /// The input as given.
        input: String,
    },
    /// `R` and a number, but no domain after them.
    #[error("{input:?} has no domain: expected R{number}-Security or R{number}-Privacy")]
    MissingDomain {
        /// The input as given.
        input: String,
        /// The number, without leading zeros.
        number: String,
    },
    /// More than one code, written without the commas that separate the codes of a list
    /// (`"R1-Security R2-Security"`).
    #[error(
        "{input:?} is more than one risk code: separate codes with commas, as in R1-Security, R2-Security"
    )]
    SeveralCodes {
        /// The input as given.
        input: String,
    },
    /// The domain is neither Security nor Privacy.
    #[error("{input:?}: unknown domain {domain:?}, {}", crate::suggest::did_you_mean(&[.suggestion.name()]))]
    UnknownDomain {
        /// The input as given.
        input: String,
        /// The domain part of the input.
        domain: String,
        /// The closest domain.
        suggestion: Domain,
    },
    /// The number is outside the domain's range (R1 to R23 for Security, R1 to R11 for Privacy).
    #[error("{input:?}: {name} risks are R1 to R{max}", name = .domain.name(), max = .domain.count())]
    OutOfRange {
        /// The input as given.
        input: String,
        /// The number, without leading zeros.
        number: String,
        /// The domain.
        domain: Domain,
    },
}

/// Why a string is not a comma-separated list of risk codes. Returned by `RiskSet`'s `FromStr`.
///
/// ```
/// use mlsecops_taxonomy::RiskSet;
///
/// let err = "R1-Security, R99-Privacy".parse::<RiskSet>().unwrap_err();
/// assert_eq!(err.to_string(), r#"item 2 of the list: "R99-Privacy": Privacy risks are R1 to R11"#);
/// ```
///
/// The cause of an [`Item`](ParseRiskSetError::Item) error is part of its message, so
/// `source()` is `None`: a chain printer shows it once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseRiskSetError {
    /// An item is not a risk code.
    #[error("item {position} of the list: {error}")]
    Item {
        /// The item's position in the list, from 1.
        position: usize,
        /// Why it is not a risk code.
        error: ParseRiskError,
    },
    /// An item is empty, as in `"R1-Security,,R2-Security"`.
    #[error("item {position} of the list is empty")]
    EmptyItem {
        /// The item's position in the list, from 1.
        position: usize,
    },
    /// A risk is listed twice.
    #[error("item {position} of the list repeats {risk}")]
    Duplicate {
        /// The position of the repeated item, from 1.
        position: usize,
        /// The repeated risk.
        risk: Risk,
    },
}

/// Why a string names no [`Layer`](crate::Layer), [`Phase`](crate::Phase),
/// [`PhaseKind`](crate::PhaseKind) or [`Domain`].
///
/// ```
/// use mlsecops_taxonomy::Phase;
///
/// let err = "model_deploy".parse::<Phase>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown phase "model_deploy": did you mean model_deployment?"#);
/// assert_eq!(err.suggestion(), Some("model_deployment"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseNameError {
    what: &'static str,
    input: String,
    suggestion: Option<&'static str>,
    expected: Vec<&'static str>,
}

impl ParseNameError {
    pub(crate) fn new(
        what: &'static str,
        input: &str,
        suggestion: Option<&'static str>,
        expected: Vec<&'static str>,
    ) -> Self {
        Self {
            what,
            input: input.to_owned(),
            suggestion,
            expected,
        }
    }

    /// What was being parsed: `"layer"`, `"phase"`, `"phase kind"` or `"domain"`.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The input as given.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The closest valid value, in its snake_case form, when one is close enough.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }

    /// Every valid value, in its snake_case form.
    pub fn expected(&self) -> &[&'static str] {
        &self.expected
    }
}

impl core::fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "unknown {} {:?}: ", self.what, self.input)?;
        match self.suggestion {
            Some(s) => crate::suggest::did_you_mean(&[s]).fmt(f),
            None => write!(f, "expected one of {}", self.expected.join(", ")),
        }
    }
}

/// Why a tool's field is not valid. Returned by [`Tool`](crate::Tool)'s constructors, and inside
/// registry loading errors.
///
/// ```
/// use mlsecops_taxonomy::{RiskSet, Tool};
/// let err = Tool::new("Scanner", RiskSet::EMPTY)?.with_url("ftp://example.com").unwrap_err();
/// assert_eq!(err.to_string(), r#"the URL "ftp://example.com" is not an http:// or https:// URL"#);
/// # Ok::<(), mlsecops_taxonomy::ToolError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ToolError {
    /// The name is empty, or only whitespace and control characters.
    #[error("the name is empty")]
    EmptyName,
    /// The name has no letter or digit, so no id can be derived from it.
    #[error("the name {0:?} has no letter or digit")]
    NoLetters(String),
    /// A one-line field spans lines.
    #[error("the {field} spans more than one line")]
    MultiLine {
        /// `"name"` or `"description"`.
        field: &'static str,
    },
    /// The description is only whitespace.
    #[error("the description is blank")]
    BlankDescription,
    /// The id is not a slug.
    #[error(
        "the id {0:?} is not a slug: lowercase letters and digits, with single '-' between words"
    )]
    BadId(String),
    /// The URL is not http(s).
    #[error("the URL {0:?} is not an http:// or https:// URL")]
    BadUrl(String),
    /// A category is listed twice.
    #[error("the category {0} is listed twice")]
    DuplicateCategory(crate::tool::Category),
    /// A package is listed twice.
    #[error("the package {0} is listed twice")]
    DuplicatePackage(String),
}

/// A tool name that no tool of the registry has, with the closest names it does have.
///
/// ```
/// use mlsecops_taxonomy::Registry;
/// let err = Registry::builtin().get("garrak").unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown tool "garrak": did you mean Garak?"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tool {name:?}: {}", Suggestions(.suggestions))]
pub struct UnknownTool {
    /// The name as given.
    pub name: String,
    /// The closest names in the registry, closest first (at most three).
    pub suggestions: Vec<String>,
}

struct Suggestions<'a>(&'a [String]);

impl core::fmt::Display for Suggestions<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.0 {
            [] => f.write_str("no tool in the registry has a similar name"),
            options => crate::suggest::did_you_mean(options).fmt(f),
        }
    }
}

/// A tool whose id or name, folded, is already that of a tool in the registry.
///
/// ```
/// use mlsecops_taxonomy::{Registry, RiskSet, Tool};
/// let mut reg = Registry::builtin().clone();
/// let err = reg.insert(Tool::new("GARAK", RiskSet::EMPTY)?).unwrap_err();
/// assert_eq!(err.to_string(), r#"tool "GARAK" (id "garak") is already in the registry as "Garak""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tool {name:?} (id {id:?}) is already in the registry as {existing:?}")]
pub struct DuplicateTool {
    /// The new tool's name.
    pub name: String,
    /// The new tool's id.
    pub id: String,
    /// The name of the tool already in the registry.
    pub existing: String,
}

/// Why a string is not a [`Requirement`](crate::Requirement).
///
/// ```
/// use mlsecops_taxonomy::Requirement;
/// let err = "modle".parse::<Requirement>().unwrap_err();
/// assert_eq!(err.to_string(),
///     r#"unknown requirement "modle": did you mean model? (a risk code, phase, layer, domain or all)"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseRequirementError {
    /// It looks like a risk code but is not one.
    #[error(transparent)]
    Risk(ParseRiskError),
    /// It names no layer, phase, domain or risk.
    #[error("unknown requirement {input:?}: {}(a risk code, phase, layer, domain or all)", .suggestion.map(|s| format!("{} ", crate::suggest::did_you_mean(&[s]))).unwrap_or_default())]
    Unknown {
        /// The input as given.
        input: String,
        /// The closest layer, phase or domain name.
        suggestion: Option<&'static str>,
    },
}

/// Why a text is not an ATLAS or OWASP identifier of the crosswalk's editions.
///
/// "Not an id at all" and "an id of the right shape that this crate has no title for" are
/// different variants, and an OWASP id of another edition says so.
///
/// ```
/// use mlsecops_taxonomy::{ExternalId, ParseIdError};
/// let err = "T0024".parse::<ExternalId>().unwrap_err();
/// assert!(matches!(err, ParseIdError::NotAnId { .. }));
/// assert_eq!(err.to_string(),
///     r#""T0024" is not an ATLAS or OWASP id (expected e.g. AML.T0024, LLM01:2025, ML01:2023)"#);
/// assert_eq!("LLM11".parse::<ExternalId>().unwrap_err().to_string(),
///     r#""LLM11": the OWASP Top 10 for LLM Applications has items 01 to 10"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseIdError {
    /// The text has the shape of no identifier the crate knows.
    #[error("{input:?} is not {} (expected e.g. {})", NotAn(*.expected), Example(*.expected))]
    NotAnId {
        /// The input as given.
        input: String,
        /// The framework that was asked for, when one was.
        expected: Option<crate::crosswalk::Framework>,
    },
    /// An ATLAS-shaped id that ATLAS 5.6.0 does not have.
    #[error("{input:?} is an ATLAS id this crate has no title for (ATLAS 5.6.0 has no such id){}", DidYouMean(*.suggestion))]
    UnknownAtlas {
        /// The input as given.
        input: String,
        /// The closest ATLAS 5.6.0 id, when one is close.
        suggestion: Option<&'static str>,
    },
    /// An OWASP id with an item number the list does not have.
    #[error("{input:?}: the {} has items 01 to 10", .framework.name())]
    UnknownOwasp {
        /// The input as given.
        input: String,
        /// The list.
        framework: crate::crosswalk::Framework,
    },
    /// An OWASP id of an edition the crate does not have.
    #[error("{input:?}: the {} is here in {}", .framework.name(), Editions(*.framework))]
    WrongEdition {
        /// The input as given.
        input: String,
        /// The list (one of its editions).
        framework: crate::crosswalk::Framework,
    },
    /// An LLM id without its edition: it means another risk in each.
    #[error("{input:?} names no edition, and the id means another risk in each: {} (write one of them)", Meanings(.meanings))]
    NoEdition {
        /// The input as given.
        input: String,
        /// The id in each edition.
        meanings: Vec<crate::crosswalk::OwaspId>,
    },
}

struct NotAn(Option<crate::crosswalk::Framework>);

impl fmt::Display for NotAn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::crosswalk::Framework;
        f.write_str(match self.0 {
            Some(Framework::Atlas) => "an ATLAS id",
            Some(_) => "an OWASP id",
            None => "an ATLAS or OWASP id",
        })
    }
}

struct Example(Option<crate::crosswalk::Framework>);

impl fmt::Display for Example {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::crosswalk::Framework;
        f.write_str(match self.0 {
            Some(Framework::Atlas) => "AML.T0024, AML.T0024.002, AML.TA0002, AML.M0000",
            Some(_) => "LLM01:2025, ML01:2023",
            None => "AML.T0024, LLM01:2025, ML01:2023",
        })
    }
}

struct DidYouMean(Option<&'static str>);

impl fmt::Display for DidYouMean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(s) => write!(f, "; {}", crate::suggest::did_you_mean(&[s])),
            None => Ok(()),
        }
    }
}

/// "the editions 2023, 2025 and 2026" or "the 2023 edition".
struct Editions(crate::crosswalk::Framework);

impl fmt::Display for Editions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::crosswalk::Framework;
        if self.0.is_llm() {
            let [a, b, c] = Framework::LLM_EDITIONS.map(Framework::edition);
            write!(f, "the editions {a}, {b} and {c}")
        } else {
            write!(f, "the {} edition", self.0.edition())
        }
    }
}

/// `LLM06:2023 Sensitive Information Disclosure, LLM06:2025 Excessive Agency, ...`.
struct Meanings<'a>(&'a [crate::crosswalk::OwaspId]);

impl fmt::Display for Meanings<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{id} {}", id.title())?;
        }
        Ok(())
    }
}
