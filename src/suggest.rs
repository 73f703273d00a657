//! Closest-name suggestions for error messages ("did you mean").

use std::fmt;

use crate::registry::key::fold;

/// The one wording of a suggestion: `did you mean A?`, `did you mean A, B or C?`; nothing
/// when there is no option. See [`did_you_mean`] and `did_you_mean_quoted`.
pub(crate) struct DidYouMean<'a, T> {
    options: &'a [T],
    quoted: bool,
}

/// `did you mean A?`, `did you mean A, B or C?`, each option as its `Display` writes it.
pub(crate) fn did_you_mean<T: fmt::Display>(options: &[T]) -> DidYouMean<'_, T> {
    DidYouMean {
        options,
        quoted: false,
    }
}

#[cfg(feature = "json")]
/// As [`did_you_mean`], each option in quotes (`did you mean "name"?`), for field names.
pub(crate) fn did_you_mean_quoted<T: fmt::Display>(options: &[T]) -> DidYouMean<'_, T> {
    DidYouMean {
        options,
        quoted: true,
    }
}

impl<T: fmt::Display> fmt::Display for DidYouMean<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((last, init)) = self.options.split_last() else {
            return Ok(());
        };
        let option = |f: &mut fmt::Formatter<'_>, o: &T| {
            if self.quoted {
                write!(f, "{:?}", o.to_string())
            } else {
                write!(f, "{o}")
            }
        };
        f.write_str("did you mean ")?;
        for (i, o) in init.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            option(f, o)?;
        }
        if !init.is_empty() {
            f.write_str(" or ")?;
        }
        option(f, last)?;
        f.write_str("?")
    }
}

/// Edit distance between two strings, counted in chars: insertions, deletions, substitutions
/// and swaps of two neighbours each count one (optimal string alignment).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut prev2 = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut row = vec![0; width];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            row[j] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

/// The candidate closest to `input`, if one is close enough to be a plausible typo or
/// abbreviation (see [`ranked`]).
pub(crate) fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    ranked(input, candidates, 1).into_iter().next()
}

/// Up to `n` candidates close enough to `input` to be a plausible typo or abbreviation (within
/// a third of the input's length in edits, one starting with the other, or the candidate
/// containing an input of three or more letters), closest first; ties
/// keep the candidates' order, so answers are deterministic.
pub(crate) fn ranked<'a, I>(input: &str, candidates: I, n: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = fold(input);
    if folded.is_empty() {
        return Vec::new();
    }
    let length = folded.chars().count();
    let limit = (length / 3).max(1);
    let mut scored: Vec<(usize, usize, &'a str)> = Vec::new();
    for (order, candidate) in candidates.into_iter().enumerate() {
        let c = fold(candidate);
        if c.is_empty() {
            continue;
        }
        let d = if c.starts_with(&folded) || folded.starts_with(&c) {
            0
        } else if folded.len() >= 3 && c.contains(&folded) {
            1
        } else if length.abs_diff(c.chars().count()) > limit {
            // At least that many edits: not close, and no need to count them (a long input
            // would cost its length times the candidate's).
            continue;
        } else {
            distance(&folded, &c)
        };
        if d <= limit && !scored.iter().any(|&(_, _, s)| s == candidate) {
            scored.push((d, order, candidate));
        }
    }
    scored.sort_unstable();
    scored.into_iter().take(n).map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wording_for_every_suggestion() {
        assert_eq!(did_you_mean::<&str>(&[]).to_string(), "");
        assert_eq!(did_you_mean(&["Garak"]).to_string(), "did you mean Garak?");
        assert_eq!(
            did_you_mean(&["A", "B", "C"]).to_string(),
            "did you mean A, B or C?"
        );
        #[cfg(feature = "json")]
        assert_eq!(
            did_you_mean_quoted(&["name"]).to_string(),
            r#"did you mean "name"?"#
        );
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
        assert_eq!(distance("modle", "model"), 1);
    }

    #[test]
    fn closest_needs_a_plausible_candidate() {
        let names = ["security", "privacy"];
        assert_eq!(closest("secrity", names), Some("security"));
        assert_eq!(closest("priv", names), Some("privacy"));
        assert_eq!(closest("zzzzzzzz", names), None);
        assert_eq!(closest("", names), None);
    }
}
