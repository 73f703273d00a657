//! [`RiskSet`]: a `Copy` set of risks, the currency of every query.

use crate::ParseRiskSetError;
use crate::taxonomy::lifecycle::{Layer, Phase};
use crate::taxonomy::risk::{Domain, Risk};

/// A set of risks, stored as a 34-bit bitset: `Copy`, const-constructible, and iterated in
/// canonical order (Security R1..R23, then Privacy R1..R11).
///
/// Layers, phases, domains and single risks all convert into a set, so queries take
/// `impl Into<RiskSet>`. The text form is a comma-separated list of codes; serde writes an array
/// of codes.
///
/// ```
/// use mlsecops_taxonomy::{Domain, Layer, Phase, Risk, RiskSet};
///
/// let r1: Risk = "R1-Security".parse()?;
/// let data = RiskSet::from(Layer::Data);
/// assert_eq!(data.len(), 11);
/// assert!(data.contains(r1));
///
/// let open = data - RiskSet::from(r1);
/// assert_eq!(open.len(), 10);
/// assert_eq!(open & RiskSet::from(Phase::DataCollection), "R2-Security, R1-Privacy".parse()?);
/// assert_eq!(!RiskSet::from(Domain::Security), RiskSet::from(Domain::Privacy));
/// assert_eq!((RiskSet::ALL.len(), RiskSet::EMPTY.len()), (34, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RiskSet(u64);

impl RiskSet {
    /// The set with no risk.
    pub const EMPTY: RiskSet = RiskSet(0);

    /// The set of all 34 risks.
    pub const ALL: RiskSet = RiskSet((1 << Risk::COUNT) - 1);

    /// The set whose bit `i` is set when `Risk::ALL[i]` is in it; bits past the 34 risks are dropped.
    pub const fn from_bits_truncate(bits: u64) -> RiskSet {
        RiskSet(bits & Self::ALL.0)
    }

    /// The bits of the set: bit `i` stands for `Risk::ALL[i]`.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The set holding one risk.
    pub const fn single(risk: Risk) -> RiskSet {
        RiskSet(1 << risk.index())
    }

    /// Whether `risk` is in the set.
    pub const fn contains(self, risk: Risk) -> bool {
        self.0 & (1 << risk.index()) != 0
    }

    /// The set with `risk` added (the const form of [`insert`](RiskSet::insert)).
    #[must_use]
    pub const fn with(self, risk: Risk) -> RiskSet {
        RiskSet(self.0 | 1 << risk.index())
    }

    /// Adds `risk`; returns whether it was new.
    pub fn insert(&mut self, risk: Risk) -> bool {
        let new = !self.contains(risk);
        *self = self.with(risk);
        new
    }

    /// Removes `risk`; returns whether it was there.
    pub fn remove(&mut self, risk: Risk) -> bool {
        let had = self.contains(risk);
        self.0 &= !(1 << risk.index());
        had
    }

    /// How many risks the set holds.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set holds no risk.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The risks in either set (also `a | b`).
    #[must_use]
    pub const fn union(self, other: RiskSet) -> RiskSet {
        RiskSet(self.0 | other.0)
    }

    /// The risks in both sets (also `a & b`).
    #[must_use]
    pub const fn intersection(self, other: RiskSet) -> RiskSet {
        RiskSet(self.0 & other.0)
    }

    /// The risks of `self` that are not in `other` (also `a - b`).
    #[must_use]
    pub const fn difference(self, other: RiskSet) -> RiskSet {
        RiskSet(self.0 & !other.0)
    }

    /// The risks of the taxonomy not in the set (also `!a`).
    #[must_use]
    pub const fn complement(self) -> RiskSet {
        RiskSet(!self.0 & Self::ALL.0)
    }

    /// Whether every risk of `self` is in `other`.
    pub const fn is_subset(self, other: RiskSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// Whether the two sets share no risk.
    pub const fn is_disjoint(self, other: RiskSet) -> bool {
        self.0 & other.0 == 0
    }

    /// The risks in canonical order.
    pub fn iter(self) -> Iter {
        Iter(self.0)
    }
}

/// Iterator over the risks of a [`RiskSet`] in canonical order, from [`RiskSet::iter`].
#[derive(Debug, Clone)]
pub struct Iter(u64);

impl Iterator for Iter {
    type Item = Risk;

    fn next(&mut self) -> Option<Risk> {
        if self.0 == 0 {
            return None;
        }
        let index = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Risk::from_index(index)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.0.count_ones() as usize;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Iter {
    fn next_back(&mut self) -> Option<Risk> {
        if self.0 == 0 {
            return None;
        }
        let index = 63 - self.0.leading_zeros() as usize;
        self.0 &= !(1 << index);
        Risk::from_index(index)
    }
}

impl ExactSizeIterator for Iter {}
impl core::iter::FusedIterator for Iter {}

impl IntoIterator for RiskSet {
    type Item = Risk;
    type IntoIter = Iter;

    fn into_iter(self) -> Iter {
        self.iter()
    }
}

impl From<Risk> for RiskSet {
    fn from(risk: Risk) -> Self {
        RiskSet::single(risk)
    }
}

impl From<Phase> for RiskSet {
    fn from(phase: Phase) -> Self {
        phase.risks()
    }
}

impl From<Layer> for RiskSet {
    fn from(layer: Layer) -> Self {
        layer.risks()
    }
}

impl From<Domain> for RiskSet {
    fn from(domain: Domain) -> Self {
        domain.risks()
    }
}

impl FromIterator<Risk> for RiskSet {
    fn from_iter<I: IntoIterator<Item = Risk>>(iter: I) -> Self {
        let mut set = RiskSet::EMPTY;
        set.extend(iter);
        set
    }
}

impl Extend<Risk> for RiskSet {
    fn extend<I: IntoIterator<Item = Risk>>(&mut self, iter: I) {
        for risk in iter {
            *self = self.with(risk);
        }
    }
}

impl core::ops::BitOr for RiskSet {
    type Output = RiskSet;
    fn bitor(self, rhs: RiskSet) -> RiskSet {
        self.union(rhs)
    }
}

impl core::ops::BitOrAssign for RiskSet {
    fn bitor_assign(&mut self, rhs: RiskSet) {
        *self = self.union(rhs);
    }
}

impl core::ops::BitAnd for RiskSet {
    type Output = RiskSet;
    fn bitand(self, rhs: RiskSet) -> RiskSet {
        self.intersection(rhs)
    }
}

impl core::ops::BitAndAssign for RiskSet {
    fn bitand_assign(&mut self, rhs: RiskSet) {
        *self = self.intersection(rhs);
    }
}

impl core::ops::Sub for RiskSet {
    type Output = RiskSet;
    fn sub(self, rhs: RiskSet) -> RiskSet {
        self.difference(rhs)
    }
}

impl core::ops::SubAssign for RiskSet {
    fn sub_assign(&mut self, rhs: RiskSet) {
        *self = self.difference(rhs);
    }
}

impl core::ops::Not for RiskSet {
    type Output = RiskSet;
    fn not(self) -> RiskSet {
        self.complement()
    }
}

/// Sets order by their risks in canonical order, compared as sequences: `{R1} < {R1, R2} < {R2}`.
impl PartialOrd for RiskSet {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RiskSet {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.iter().cmp(other.iter())
    }
}

impl core::fmt::Debug for RiskSet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_set().entries(self.iter().map(Risk::code)).finish()
    }
}

/// Writes the codes in canonical order, separated by `", "`; the empty set writes nothing.
impl core::fmt::Display for RiskSet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, risk) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(risk.code())?;
        }
        Ok(())
    }
}

/// Reads a comma-separated list of risk codes, each in any form [`Risk`]'s `FromStr` takes.
/// Blank input is the empty set; an empty item or a code listed twice is an error.
impl core::str::FromStr for RiskSet {
    type Err = ParseRiskSetError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let mut set = RiskSet::EMPTY;
        if input.trim().is_empty() {
            return Ok(set);
        }
        for (i, item) in input.split(',').enumerate() {
            let position = i + 1;
            if item.trim().is_empty() {
                return Err(ParseRiskSetError::EmptyItem { position });
            }
            let risk = item
                .trim()
                .parse::<Risk>()
                .map_err(|error| ParseRiskSetError::Item { position, error })?;
            if !set.insert(risk) {
                return Err(ParseRiskSetError::Duplicate { position, risk });
            }
        }
        Ok(set)
    }
}

impl TryFrom<&str> for RiskSet {
    type Error = ParseRiskSetError;

    fn try_from(input: &str) -> Result<Self, Self::Error> {
        input.parse()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for RiskSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for RiskSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Codes;

        impl<'de> serde::de::Visitor<'de> for Codes {
            type Value = RiskSet;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an array of distinct risk codes such as \"R17-Security\"")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RiskSet, A::Error> {
                let mut set = RiskSet::EMPTY;
                while let Some(risk) = seq.next_element::<Risk>()? {
                    if !set.insert(risk) {
                        return Err(serde::de::Error::custom(format_args!(
                            "duplicate risk code {risk}"
                        )));
                    }
                }
                Ok(set)
            }
        }

        deserializer.deserialize_seq(Codes)
    }
}
