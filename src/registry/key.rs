//! Lookup keys: names folded to the form they are compared in, and the hasher of the
//! registry's lookups.

/// Folds a name to the form used for comparisons: lowercase letters and digits only, with `&`
/// read as "and", so "Model Deployment & Containerization", "model_deployment_and_containerization"
/// and "MODEL-DEPLOYMENT-AND-CONTAINERIZATION" all fold the same way.
pub(crate) fn fold(name: &str) -> String {
    if name.is_ascii() {
        // One table lookup per byte; `&` is the only byte that folds to more than one.
        let mut out = String::with_capacity(name.len() + 2);
        for &byte in name.as_bytes() {
            match FOLD[byte as usize] {
                0 => {}
                GENERAL => out.push_str("and"),
                folded => out.push(char::from(folded)),
            }
        }
        return out;
    }
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

/// What [`fold_ascii`] does with each byte: the byte it keeps (a lowercase letter or a digit),
/// 0 to drop it, [`GENERAL`] when the name needs [`fold`] (`&`, non-ASCII).
const FOLD: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_digit() || byte.is_ascii_lowercase() {
            byte
        } else if byte.is_ascii_uppercase() {
            byte.to_ascii_lowercase()
        } else if byte == b'&' || !byte.is_ascii() {
            GENERAL
        } else {
            0
        };
        b += 1;
    }
    table
};
const GENERAL: u8 = 0xff;

/// [`fold`] without allocating, for ASCII names of up to 64 bytes: the folded bytes are written
/// into `buf` (one table lookup per byte, no branch); `None` when the name needs the general
/// path.
#[inline]
pub(crate) fn fold_ascii<'b>(name: &str, buf: &'b mut [u8; 64]) -> Option<&'b [u8]> {
    let bytes = name.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    // Every byte is written at `len`, which moves on only for kept bytes; `len` stays below 64
    // while a byte is written, since at most 64 are read.
    let (mut len, mut general) = (0, false);
    for &byte in bytes {
        let folded = FOLD[byte as usize];
        buf[len & 63] = folded;
        len += usize::from(folded != 0);
        general |= folded == GENERAL;
    }
    if general {
        return None;
    }
    Some(&buf[..len])
}

const K: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of a folded key: words multiplied and rotated (as rustc's FxHash), then one more
/// multiplication and a fold of the high half into the low, which picks the slot.
#[inline]
pub(crate) fn hash_folded(folded: &[u8]) -> u64 {
    let n = folded.len();
    // The first and the last eight bytes (overlapping for keys under 16 bytes), and every word
    // between for longer keys: two multiplications for most names.
    let (first, last) = if n >= 8 {
        (word(folded), word(&folded[n - 8..]))
    } else {
        let w = folded
            .iter()
            .enumerate()
            .fold(0, |w, (k, &b)| w | u64::from(b) << (8 * k));
        (w, 0)
    };
    let mut h = first.wrapping_mul(K) ^ last.rotate_left(29) ^ (n as u64);
    let mut i = 8;
    while i + 8 < n {
        h = (h.rotate_left(5) ^ word(&folded[i..])).wrapping_mul(K);
        i += 8;
    }
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 32)
}

/// Eight bytes as a little-endian word: one load.
#[inline]
fn word(bytes: &[u8]) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(w)
}

/// Whether two short byte strings are equal, eight bytes at a time (no call to `memcmp`).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let n = a.len();
    if n < 8 {
        return a.iter().zip(b).all(|(p, q)| p == q);
    }
    let mut i = 0;
    while i + 8 <= n {
        if word(&a[i..]) != word(&b[i..]) {
            return false;
        }
        i += 8;
    }
    // The last eight bytes, overlapping.
    i == n || word(&a[n - 8..]) == word(&b[n - 8..])
}

/// The registry's lookup table: every folded id and name to its tool's position, in one open
/// addressing table (linear probing, at most half full) of hashes, so that a lookup is one hash
/// of the folded name, one or two slots read and one comparison of bytes.
#[derive(Clone, Default)]
pub(crate) struct KeyTable {
    /// Every key's bytes, one after the other.
    bytes: Vec<u8>,
    /// Each key: where its bytes start and end in `bytes`, and the position it points at.
    entries: Vec<(u32, u32, usize)>,
    /// `(hash, entry + 1)`, 0 for an empty slot; a power of two long.
    slots: Vec<(u64, u32)>,
}

/// How many keys, not the table itself (a registry's `Debug` shows its tools).
impl std::fmt::Debug for KeyTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyTable")
            .field("keys", &self.entries.len())
            .finish()
    }
}

impl KeyTable {
    /// A table with room for `keys` keys of `bytes` bytes in all, so that filling it allocates
    /// once per part instead of growing.
    pub(crate) fn with_capacity(keys: usize, bytes: usize) -> KeyTable {
        KeyTable {
            bytes: Vec::with_capacity(bytes),
            entries: Vec::with_capacity(keys),
            slots: vec![(0, 0); Self::slots_for(keys)],
        }
    }

    /// How many slots `keys` keys take: a power of two, at most half full.
    fn slots_for(keys: usize) -> usize {
        (2 * keys).next_power_of_two().max(8)
    }

    /// The position a folded key points at.
    #[inline]
    pub(crate) fn get(&self, folded: &[u8]) -> Option<usize> {
        self.entry(folded).map(|e| self.entries[e].2)
    }

    fn key(&self, entry: usize) -> &[u8] {
        let (start, end, _) = self.entries[entry];
        &self.bytes[start as usize..end as usize]
    }

    /// The entry holding a folded key.
    #[inline]
    fn entry(&self, folded: &[u8]) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let hash = hash_folded(folded);
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let (h, entry) = self.slots[at];
            if entry == 0 {
                return None;
            }
            let entry = entry as usize - 1;
            if h == hash && same_bytes(self.key(entry), folded) {
                return Some(entry);
            }
            at = (at + 1) & mask;
        }
    }

    /// Points a folded key at `value` (replacing what it pointed at).
    pub(crate) fn insert(&mut self, folded: &[u8], value: usize) {
        if let Some(entry) = self.entry(folded) {
            self.entries[entry].2 = value;
            return;
        }
        let start = u32::try_from(self.bytes.len()).expect("keys under 4 GiB");
        self.bytes.extend_from_slice(folded);
        let end = u32::try_from(self.bytes.len()).expect("keys under 4 GiB");
        self.entries.push((start, end, value));
        if 2 * self.entries.len() > self.slots.len() {
            self.rebuild();
        } else {
            self.place(self.entries.len() - 1);
        }
    }

    /// Forgets a folded key.
    pub(crate) fn remove(&mut self, folded: &[u8]) {
        let old = std::mem::take(self);
        for entry in 0..old.entries.len() {
            let key = old.key(entry);
            if key != folded {
                self.insert(key, old.entries[entry].2);
            }
        }
        self.rebuild();
    }

    fn rebuild(&mut self) {
        self.slots = vec![(0, 0); Self::slots_for(self.entries.len())];
        for entry in 0..self.entries.len() {
            self.place(entry);
        }
    }

    fn place(&mut self, entry: usize) {
        let hash = hash_folded(self.key(entry));
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while self.slots[at].1 != 0 {
            at = (at + 1) & mask;
        }
        let entry = u32::try_from(entry + 1).expect("fewer than 2^32 keys");
        self.slots[at] = (hash, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_table_finds_what_it_holds_and_nothing_else() {
        let names = [
            "garak",
            "modelscan",
            "nbdefense",
            "tensorflowprivacy",
            "a",
            "",
            "abcdefgh",
            "abcdefgha",
        ];
        let hashes: std::collections::BTreeSet<u64> =
            names.iter().map(|n| hash_folded(n.as_bytes())).collect();
        assert_eq!(hashes.len(), names.len());
        let mut table = KeyTable::default();
        assert_eq!(table.get(b"garak"), None);
        for (i, n) in names.iter().enumerate() {
            table.insert(n.as_bytes(), i);
        }
        for (i, n) in names.iter().enumerate() {
            assert_eq!(table.get(n.as_bytes()), Some(i), "{n}");
        }
        for other in ["garakk", "garaj", "abcdefghb", "b", "abcdefgh\0"] {
            assert_eq!(table.get(other.as_bytes()), None, "{other}");
        }
        // Many keys: the table grows and still finds each.
        for i in 0..1000 {
            table.insert(format!("tool{i}").as_bytes(), 100 + i);
        }
        for i in 0..1000 {
            assert_eq!(table.get(format!("tool{i}").as_bytes()), Some(100 + i));
        }
        table.insert(b"garak", 7);
        assert_eq!(table.get(b"garak"), Some(7));
        table.remove(b"garak");
        assert_eq!(table.get(b"garak"), None);
        assert_eq!(table.get(b"modelscan"), Some(1));
        // Trailing zero bytes are not lost to the padding: the length is hashed.
        assert_ne!(hash_folded(b"ab"), hash_folded(b"ab\0"));
        // Every byte of every length counts, in the hash and in the comparison.
        for len in 0..40 {
            let key: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_bytes(&key, &key.clone()));
            for at in 0..len {
                let mut other = key.clone();
                other[at] = b'0';
                assert_ne!(hash_folded(&key), hash_folded(&other), "{len} {at}");
                assert!(!same_bytes(&key, &other), "{len} {at}");
            }
        }
        assert!(same_bytes(b"abcdefghij", b"abcdefghij"));
        assert!(!same_bytes(b"abcdefghij", b"abcdefghik"));
        assert!(!same_bytes(b"abcdefghij", b"bbcdefghij"));
        assert!(!same_bytes(b"abc", b"abcd"));
    }

    #[test]
    fn folds_separators_case_and_ampersand() {
        assert_eq!(
            fold("Model Deployment & Containerization"),
            "modeldeploymentandcontainerization"
        );
        assert_eq!(fold(" model_deployment "), "modeldeployment");
        // The general path (non-ASCII) reads `&` the same way, and lowercases beyond ASCII.
        assert_eq!(fold("Sécurité & Données"), "sécuritéanddonnées");
        assert_eq!(fold("ÉTAT-ML"), "étatml");
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
                fold_ascii(name, &mut buf).map(<[u8]>::to_vec),
                Some(fold(name).into_bytes())
            );
        }
        assert_eq!(fold_ascii("A & B", &mut buf), None);
        assert_eq!(fold_ascii("Sécurité", &mut buf), None);
        assert_eq!(fold_ascii(&"x".repeat(65), &mut buf), None);
        assert_eq!(fold_ascii(&"x".repeat(64), &mut buf), Some(&[b'x'; 64][..]));
    }
}
