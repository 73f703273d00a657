//! The taxonomy's parse errors. Each names the offending input and, where one is close, the
//! valid value that was probably meant.

use crate::taxonomy::risk::{Domain, Risk};

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

/// Why a string is not a [`Requirement`](crate::Requirement).
///
/// ```
/// use mlsecops_taxonomy::Requirement;
/// let err = "modle".parse::<Requirement>().unwrap_err();
/// assert_eq!(err.to_string(),
///     r#"unknown requirement "modle": did you mean model? (a risk code, phase, layer, domain, all, or an ATLAS or OWASP id)"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseRequirementError {
    /// It looks like a risk code but is not one.
    #[error(transparent)]
    Risk(ParseRiskError),
    /// It looks like an ATLAS or OWASP id but is not one.
    #[error(transparent)]
    Id(crate::crosswalk::ParseIdError),
    /// An ATLAS or OWASP id no risk of the taxonomy links to: it would check nothing.
    #[error("{id} ({title}): no risk of the taxonomy links to it, so it would check nothing")]
    Unlinked {
        /// The id, in its text form.
        id: String,
        /// Its title.
        title: &'static str,
    },
    /// It names no layer, phase, domain or risk.
    #[error("unknown requirement {input:?}: {}(a risk code, phase, layer, domain, all, or an ATLAS or OWASP id)", .suggestion.map(|s| format!("{} ", crate::suggest::did_you_mean(&[s]))).unwrap_or_default())]
    Unknown {
        /// The input as given.
        input: String,
        /// The closest layer, phase or domain name.
        suggestion: Option<&'static str>,
    },
}
