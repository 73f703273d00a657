//! Closest-name suggestions for error messages.

/// Folds a name to the form used for comparisons: lowercase letters and digits only, with `&`
/// read as "and", so "Model Deployment & Containerization", "model_deployment_and_containerization"
/// and "MODEL-DEPLOYMENT-AND-CONTAINERIZATION" all fold the same way.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c == '&' {
            out.push_str("and");
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`fold`] without allocating, for ASCII names of up to 64 bytes: the folded form is written
/// into `buf`; `None` when the name needs the general path.
pub(crate) fn fold_ascii<'b>(name: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut len = 0;
    for &byte in name.as_bytes() {
        if !byte.is_ascii() || byte == b'&' {
            return None;
        }
        if byte.is_ascii_alphanumeric() {
            *buf.get_mut(len)? = byte.to_ascii_lowercase();
            len += 1;
        }
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// FNV-1a: a fast hasher for the short folded keys of registry lookups.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
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
    fn folds_separators_case_and_ampersand() {
        assert_eq!(
            fold("Model Deployment & Containerization"),
            "modeldeploymentandcontainerization"
        );
        assert_eq!(fold(" model_deployment "), "modeldeployment");
    }

    #[test]
    fn fold_ascii_agrees_with_fold() {
        let mut buf = [0; 64];
        for name in [
            "Model Transparency",
            "model_transparency",
            " GARAK ",
            "TF-encrypted",
            "",
        ] {
            assert_eq!(
                fold_ascii(name, &mut buf).map(str::to_owned),
                Some(fold(name))
            );
        }
        assert_eq!(fold_ascii("A & B", &mut buf), None);
        assert_eq!(fold_ascii("Sécurité", &mut buf), None);
        assert_eq!(fold_ascii(&"x".repeat(65), &mut buf), None);
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
