//! Crosswalks from the risk codes to MITRE ATLAS v5.6.0, the OWASP Top 10 for LLM Applications
//! (editions 2023, 2025 and 2026), the OWASP Machine Learning Security Top 10 (2023 edition) and
//! the OWASP Top 10 for Agentic Applications (2026 edition):
//! edition-pinned identifiers with their titles, and links that say how sure they are.
//!
//! The crosswalk states its links to the 2025 edition of the LLM list; [`links`] carries each
//! to the 2023 and 2026 editions through the editions' counterparts ([`OwaspId::counterpart`],
//! [`Relation`]), keeping its strength, and a link carried through a judged counterpart says so
//! ([`Link::via`], its note). Each link to an LLM 2026 entry is carried on to the OWASP Top 10
//! for Agentic Applications 2026 along the mappings OWASP's LLM Top 10 2026 states in its
//! Appendix 1 ([`OwaspId::agentic`], [`Relation::Mapped`]); the crosswalk states no link to the
//! agentic list itself.
//!
//! A link is [`Strength::Primary`] when the risk and the external item name the same attack (or
//! OWASP itself cites the ATLAS id for it), [`Strength::Supporting`] when they are related and
//! one covers part of the other. A risk with no defensible link has [`Crosswalk::NoMapping`]:
//! a value of its own, never an empty list that could mean "not looked at".
//!
//! ```
//! use mlsecops_taxonomy::{Crosswalk, Framework, Risk, Strength};
//!
//! let links = "R5-Privacy".parse::<Risk>()?.crosswalk();
//! let shown: Vec<String> = links
//!     .iter()
//!     .map(|l| format!("{} {} ({})", l.target(), l.target().title(), l.strength()))
//!     .collect();
//! assert_eq!(shown, [
//!     "AML.T0024.000 Infer Training Data Membership (primary)",
//!     "AML.T0024.001 Invert AI Model (primary)",
//!     "LLM06:2023 Sensitive Information Disclosure (primary)",
//!     "LLM02:2025 Sensitive Information Disclosure (primary)",
//!     "LLM02:2026 Sensitive Information Disclosure (primary)",
//!     "ML03:2023 Model Inversion Attack (primary)",
//!     "ML04:2023 Membership Inference Attack (primary)",
//!     "ASI06:2026 Memory & Context Poisoning (primary)",
//! ]);
//! assert_eq!(links.framework(Framework::OwaspLlm2025).len(), 1);
//!
//! let r12: Risk = "R12-Security".parse()?;
//! assert_eq!(r12.crosswalk(), Crosswalk::NoMapping);
//! assert_eq!(r12.crosswalk().to_string(), "no mapping");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod agentic;
mod atlas;
mod coverage;
mod editions;
mod error;
mod framework;
mod link;
pub(crate) mod links;
mod migrate;
mod owasp;

pub use atlas::{AtlasId, AtlasKind};
pub use coverage::FrameworkCoverage;
pub use editions::{Counterpart, Relation};
pub use error::ParseIdError;
pub use framework::{ExternalId, Framework, Strength};
pub use link::{Crosswalk, Link, links};
pub use migrate::{LeftAlone, LeftReason, Migrate, Migration};
pub use owasp::OwaspId;

/// serde through the text form, as for every type of the crate.
macro_rules! serde_via_text {
    ($($ty:ty),*) => {$(
        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(crate::taxonomy::text::FromStrVisitor::<$ty>::new())
            }
        }
    )*};
}
serde_via_text!(AtlasId, OwaspId, ExternalId);
