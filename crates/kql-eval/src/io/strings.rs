//! A string column builder for the loaders: dictionary-encodes while the number of distinct
//! values stays small, remembers the previous value (log columns repeat a lot), hashes with
//! a fast seeded hash, and can append another builder (for files parsed in parallel parts).

use crate::table::{StringArray, StringColumn};
use indexmap::{Equivalent, IndexSet};
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

/// Above this many distinct values a builder stops dictionary-encoding. Also bounds the
/// cost of hash collisions on hostile input.
const MAX_DICT_VALUES: usize = 1 << 16;

/// An FxHash-style hasher with a per-process random seed.
#[derive(Clone, Copy)]
pub(crate) struct FastHash {
    seed: u64,
}

impl Default for FastHash {
    fn default() -> Self {
        use std::sync::OnceLock;
        static SEED: OnceLock<u64> = OnceLock::new();
        let seed = *SEED.get_or_init(|| {
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish()
        });
        FastHash { seed }
    }
}

impl BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(self.seed)
    }
}

/// The hasher of [`FastHash`]: folded 128-bit multiplies over 16-byte steps (as in
/// foldhash), seeded per process.
pub(crate) struct FastHasher(u64);

const K1: u64 = 0x243f_6a88_85a3_08d3;
const K2: u64 = 0x1319_8a2e_0370_7344;

#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

#[inline]
fn word(b: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(w)
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut s = self.0;
        let mut chunks = bytes.chunks_exact(16);
        for c in &mut chunks {
            s = fold_mul(word(&c[..8]) ^ s, word(&c[8..]) ^ K1);
        }
        let rest = chunks.remainder();
        let (lo, hi) = if rest.len() > 8 {
            (word(rest), word(&rest[rest.len() - 8..]))
        } else {
            (word(rest), 0)
        };
        self.0 = fold_mul(lo ^ s ^ K2, hi ^ K1 ^ (bytes.len() as u64));
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = fold_mul(self.0 ^ u64::from(i), K2);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = fold_mul(self.0 ^ i as u64, K2);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Byte equality that compares 8-byte words inline (cheaper than a `memcmp` call for the
/// short strings that dominate log data, and quick to reject unequal values).
#[inline]
pub(crate) fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        if word(x) != word(y) {
            return false;
        }
    }
    let n = a.len();
    word(&a[n - 8..]) == word(&b[n - 8..])
}

/// A dictionary key: compared with [`bytes_eq`].
#[derive(Debug)]
struct Key(Box<str>);

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.hash(h);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        bytes_eq(self.0.as_bytes(), other.0.as_bytes())
    }
}

impl Eq for Key {}

/// A borrowed lookup for a [`Key`] (hashes like it).
struct Probe<'a>(&'a str);

impl Hash for Probe<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.hash(h);
    }
}

impl Equivalent<Key> for Probe<'_> {
    fn equivalent(&self, k: &Key) -> bool {
        bytes_eq(self.0.as_bytes(), k.0.as_bytes())
    }
}

/// Builds a [`StringColumn`].
#[derive(Debug, Default)]
pub(crate) struct StrBuilder {
    codes: Vec<u32>,
    distinct: StringArray,
    lookup: IndexSet<Key, FastHash>,
    plain: Option<StringArray>,
    last: Option<u32>,
}

impl std::fmt::Debug for FastHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FastHash")
    }
}

impl StrBuilder {
    /// Appends a value.
    #[inline]
    pub fn push(&mut self, s: &str) {
        if let Some(p) = &mut self.plain {
            p.push(s);
            return;
        }
        if let Some(c) = self.last {
            if bytes_eq(self.distinct.get(c as usize).as_bytes(), s.as_bytes()) {
                self.codes.push(c);
                return;
            }
        }
        match self.code_of(s) {
            Some(c) => {
                self.codes.push(c);
                self.last = Some(c);
            }
            None => {
                let mut p = self.take_plain();
                p.push(s);
                self.plain = Some(p);
            }
        }
    }

    /// `n` empty strings.
    pub fn push_empty(&mut self, n: usize) {
        for _ in 0..n {
            self.push("");
        }
    }

    /// The code of `s`, adding it to the dictionary; `None` when the dictionary is full.
    fn code_of(&mut self, s: &str) -> Option<u32> {
        if let Some(c) = self.lookup.get_index_of(&Probe(s)) {
            return Some(c as u32);
        }
        if self.distinct.len() >= MAX_DICT_VALUES {
            return None;
        }
        let c = self.distinct.len() as u32;
        self.distinct.push(s);
        self.lookup.insert(Key(s.into()));
        Some(c)
    }

    /// The values so far as a plain array; clears the dictionary.
    fn take_plain(&mut self) -> StringArray {
        let mut p = StringArray::with_capacity(self.codes.len() * 2, self.distinct.byte_len());
        for &c in &self.codes {
            p.push(self.distinct.get(c as usize));
        }
        self.codes = Vec::new();
        self.distinct = StringArray::default();
        self.lookup = IndexSet::default();
        self.last = None;
        p
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        match &self.plain {
            Some(p) => p.len(),
            None => self.codes.len(),
        }
    }

    /// Value `i`.
    pub fn get(&self, i: usize) -> &str {
        match &self.plain {
            Some(p) => p.get(i),
            None => self
                .codes
                .get(i)
                .map_or("", |&c| self.distinct.get(c as usize)),
        }
    }

    /// Appends all values of `other`.
    pub fn append(&mut self, other: StrBuilder) {
        if self.plain.is_none() && other.plain.is_none() {
            let mut map = Vec::with_capacity(other.distinct.len());
            for s in other.distinct.iter() {
                match self.code_of(s) {
                    Some(c) => map.push(c),
                    None => break,
                }
            }
            if map.len() == other.distinct.len() {
                self.codes.extend(
                    other
                        .codes
                        .iter()
                        .map(|&c| map.get(c as usize).copied().unwrap_or(0)),
                );
                self.last = None;
                return;
            }
        }
        if self.plain.is_none() {
            let p = self.take_plain();
            self.plain = Some(p);
        }
        if let Some(p) = &mut self.plain {
            for i in 0..other.len() {
                p.push(other.get(i));
            }
        }
    }

    /// The finished column: dictionary-encoded when at most half the rows are distinct.
    pub fn finish(mut self) -> StringColumn {
        if let Some(p) = self.plain {
            return StringColumn::Plain(p);
        }
        if self.distinct.len() * 2 <= self.codes.len() {
            StringColumn::Dict {
                codes: self.codes,
                values: Arc::new(self.distinct),
            }
        } else {
            StringColumn::Plain(self.take_plain())
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn equality_and_hash() {
        use std::hash::BuildHasher;
        for (a, b) in [
            ("", ""),
            ("abc", "abc"),
            ("abcdefghij", "abcdefghij"),
            ("x".repeat(40).as_str(), "x".repeat(40).as_str()),
        ] {
            assert!(bytes_eq(a.as_bytes(), b.as_bytes()));
            let h = FastHash::default();
            assert_eq!(h.hash_one(a), h.hash_one(b));
        }
        for (a, b) in [
            ("abc", "abd"),
            ("abcdefghij", "abcdefghik"),
            ("abcdefghij", "bbcdefghij"),
            ("a", "ab"),
        ] {
            assert!(!bytes_eq(a.as_bytes(), b.as_bytes()));
            let h = FastHash::default();
            assert_ne!(h.hash_one(a), h.hash_one(b));
        }
    }

    #[test]
    fn dict_and_append() {
        let mut a = StrBuilder::default();
        for s in ["x", "y", "x", "x"] {
            a.push(s);
        }
        let mut b = StrBuilder::default();
        for s in ["z", "x", "z", "z"] {
            b.push(s);
        }
        a.append(b);
        let c = a.finish();
        assert!(matches!(c, StringColumn::Dict { .. }));
        assert_eq!(
            c.iter().collect::<Vec<_>>(),
            ["x", "y", "x", "x", "z", "x", "z", "z"]
        );
    }

    #[test]
    fn plain_when_distinct() {
        let mut a = StrBuilder::default();
        for s in ["a", "b", "c"] {
            a.push(s);
        }
        let mut b = StrBuilder::default();
        b.push("d");
        a.append(b);
        let c = a.finish();
        assert!(matches!(c, StringColumn::Plain(_)));
        assert_eq!(c.iter().collect::<Vec<_>>(), ["a", "b", "c", "d"]);
    }

    #[test]
    fn overflowing_dictionary_goes_plain() {
        let mut a = StrBuilder::default();
        for i in 0..(MAX_DICT_VALUES + 10) {
            a.push(&i.to_string());
        }
        assert_eq!(a.len(), MAX_DICT_VALUES + 10);
        assert_eq!(
            a.get(MAX_DICT_VALUES + 5),
            (MAX_DICT_VALUES + 5).to_string()
        );
        let c = a.finish();
        assert_eq!(c.get(3), "3");
    }
}
