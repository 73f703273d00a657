//! Lookup keys: names folded to the form they are compared in, and the hasher of the
//! registry's lookups.

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
}
