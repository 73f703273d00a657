//! Why a text is not an identifier of a framework.

use core::fmt;

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
///     r#""T0024" is not an ATLAS or OWASP id (expected e.g. AML.T0024, LLM01:2025, ML01:2023, ASI01:2026)"#);
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
    /// An LLM id without its edition. Where the editions differ on it (`LLM06`), the message
    /// says what it is in each; where every edition's entry of the id is the same one, as
    /// `tests/data/owasp-llm-editions.tsv` says (`LLM01`, Prompt Injection in 2023, 2025 and
    /// 2026), it says that they agree. Either way the id is refused: an id is written with its
    /// edition, so that a later edition cannot change what a policy or a text means by it.
    ///
    /// ```
    /// use mlsecops_taxonomy::OwaspId;
    /// assert_eq!("LLM01".parse::<OwaspId>().unwrap_err().to_string(),
    ///     "\"LLM01\" names no edition; the editions agree on it (LLM01:2023, LLM01:2025 and \
    ///      LLM01:2026 are the same entry, Prompt Injection), but an id keeps its edition so that a \
    ///      later one cannot change what it means: write LLM01:2026 (or LLM01:2023, LLM01:2025)");
    /// ```
    #[error("{}", NoEditionText(.input, .meanings))]
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
            Some(_) => "LLM01:2025, ML01:2023, ASI01:2026",
            None => "AML.T0024, LLM01:2025, ML01:2023, ASI01:2026",
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

/// Why an LLM id without its edition is refused: the editions differ on it, or they agree.
struct NoEditionText<'a>(&'a str, &'a [crate::crosswalk::OwaspId]);

impl fmt::Display for NoEditionText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (input, meanings) = (self.0, self.1);
        let (Some((last, earlier)), true) = (meanings.split_last(), agree(meanings)) else {
            return write!(
                f,
                "{input:?} names no edition, and the editions differ on it: {} (write one of them)",
                Meanings(meanings)
            );
        };
        write!(f, "{input:?} names no edition; the editions agree on it (")?;
        for (i, id) in earlier.iter().enumerate() {
            f.write_str(if i == 0 { "" } else { ", " })?;
            write!(f, "{id}")?;
        }
        write!(
            f,
            " and {last} are the same entry, {}), but an id keeps its edition so that a later \
             one cannot change what it means: write {last} (or ",
            last.title()
        )?;
        for (i, id) in earlier.iter().enumerate() {
            f.write_str(if i == 0 { "" } else { ", " })?;
            write!(f, "{id}")?;
        }
        f.write_str(")")
    }
}

/// Whether the ids, one per edition, oldest first, are one entry: each the `same` counterpart
/// of the one before, as the editions' table (`tests/data/owasp-llm-editions.tsv`) says.
fn agree(meanings: &[crate::crosswalk::OwaspId]) -> bool {
    meanings.len() > 1
        && meanings.windows(2).all(|pair| {
            pair[0]
                .counterpart(pair[1].framework())
                .is_some_and(|c| c.id() == pair[1] && c.relation() == crate::Relation::Same)
        })
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
