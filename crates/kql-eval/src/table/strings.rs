//! String column storage: one contiguous byte buffer with offsets, or dictionary-encoded
//! (codes into a table of distinct values) when a column has few distinct values.

use std::collections::HashMap;
use std::sync::Arc;

/// Strings in one contiguous buffer: value `i` is `bytes[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StringArray {
    offsets: Vec<usize>,
    bytes: String,
}

impl StringArray {
    /// An empty array with room for `rows` values and `bytes` bytes.
    pub fn with_capacity(rows: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        StringArray {
            offsets,
            bytes: String::with_capacity(bytes),
        }
    }

    /// Appends a value.
    pub fn push(&mut self, s: &str) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.bytes.push_str(s);
        self.offsets.push(self.bytes.len());
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i` (`""` when out of range).
    pub fn get(&self, i: usize) -> &str {
        let next = i.checked_add(1).and_then(|j| self.offsets.get(j));
        match (self.offsets.get(i), next) {
            (Some(&a), Some(&b)) => self.bytes.get(a..b).unwrap_or(""),
            _ => "",
        }
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Total bytes held.
    pub fn byte_len(&self) -> usize {
        self.bytes.len()
    }
}

impl<'a> FromIterator<&'a str> for StringArray {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut a = StringArray::with_capacity(0, 0);
        for s in iter {
            a.push(s);
        }
        a
    }
}

/// A string column: plain or dictionary-encoded. Strings are never null.
#[derive(Debug, Clone, PartialEq)]
pub enum StringColumn {
    /// Values stored one after another.
    Plain(StringArray),
    /// `codes[i]` indexes `values`, which holds each distinct value once.
    Dict {
        /// One code per row.
        codes: Vec<u32>,
        /// The distinct values (shared between columns gathered from the same source).
        values: Arc<StringArray>,
    },
}

impl Default for StringColumn {
    fn default() -> Self {
        StringColumn::Plain(StringArray::default())
    }
}

impl StringColumn {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            StringColumn::Plain(a) => a.len(),
            StringColumn::Dict { codes, .. } => codes.len(),
        }
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`'s value.
    pub fn get(&self, i: usize) -> &str {
        match self {
            StringColumn::Plain(a) => a.get(i),
            StringColumn::Dict { codes, values } => {
                codes.get(i).map(|&c| values.get(c as usize)).unwrap_or("")
            }
        }
    }

    /// The values in row order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// The rows at `indices`, in that order. Dictionary columns keep their dictionary.
    pub fn take(&self, indices: &[usize]) -> StringColumn {
        match self {
            StringColumn::Plain(a) => {
                let mut out = StringArray::with_capacity(indices.len(), 0);
                for &i in indices {
                    out.push(a.get(i));
                }
                StringColumn::Plain(out)
            }
            StringColumn::Dict { codes, values } => {
                if indices.iter().all(|&i| i < codes.len()) {
                    return StringColumn::Dict {
                        codes: indices.iter().map(|&i| codes[i]).collect(),
                        values: Arc::clone(values),
                    };
                }
                // Rows past the end are empty strings: a code for "" after the values.
                let mut with_empty = values.as_ref().clone();
                let empty = u32::try_from(with_empty.len()).unwrap_or(u32::MAX);
                with_empty.push("");
                StringColumn::Dict {
                    codes: indices
                        .iter()
                        .map(|&i| codes.get(i).copied().unwrap_or(empty))
                        .collect(),
                    values: Arc::new(with_empty),
                }
            }
        }
    }

    /// A column of `n` copies of `s`.
    pub fn repeat(s: &str, n: usize) -> StringColumn {
        let mut values = StringArray::with_capacity(1, s.len());
        values.push(s);
        StringColumn::Dict {
            codes: vec![0; n],
            values: Arc::new(values),
        }
    }

    /// Builds a column from values, dictionary-encoding it when at most half the rows are
    /// distinct.
    pub fn from_strs<'a>(values: impl IntoIterator<Item = &'a str>) -> StringColumn {
        let mut b = StringColumnBuilder::default();
        for s in values {
            b.push(s);
        }
        b.finish()
    }
}

/// Builds a [`StringColumn`], dictionary-encoding while the number of distinct values stays
/// small and falling back to plain storage otherwise.
#[derive(Debug, Default)]
pub struct StringColumnBuilder {
    codes: Vec<u32>,
    distinct: StringArray,
    lookup: HashMap<Box<str>, u32>,
    plain: Option<StringArray>,
}

/// Above this many distinct values a builder stops dictionary-encoding.
const MAX_DICT_VALUES: usize = 1 << 16;

impl StringColumnBuilder {
    /// Appends a value.
    pub fn push(&mut self, s: &str) {
        if let Some(p) = &mut self.plain {
            p.push(s);
            return;
        }
        if let Some(&c) = self.lookup.get(s) {
            self.codes.push(c);
            return;
        }
        if self.distinct.len() >= MAX_DICT_VALUES {
            let mut p = StringArray::with_capacity(self.codes.len() * 2, 0);
            for &c in &self.codes {
                p.push(self.distinct.get(c as usize));
            }
            p.push(s);
            self.plain = Some(p);
            self.codes = Vec::new();
            self.lookup = HashMap::new();
            return;
        }
        let c = self.distinct.len() as u32;
        self.distinct.push(s);
        self.lookup.insert(s.into(), c);
        self.codes.push(c);
    }

    /// Number of values pushed.
    pub fn len(&self) -> usize {
        match &self.plain {
            Some(p) => p.len(),
            None => self.codes.len(),
        }
    }

    /// True when nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The finished column: dictionary-encoded if at most half the rows are distinct.
    pub fn finish(self) -> StringColumn {
        if let Some(p) = self.plain {
            return StringColumn::Plain(p);
        }
        if self.distinct.len() * 2 <= self.codes.len() {
            StringColumn::Dict {
                codes: self.codes,
                values: Arc::new(self.distinct),
            }
        } else {
            let mut p = StringArray::with_capacity(self.codes.len(), 0);
            for &c in &self.codes {
                p.push(self.distinct.get(c as usize));
            }
            StringColumn::Plain(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_when_few_distinct() {
        let c = StringColumn::from_strs(["a", "b", "a", "a"]);
        assert!(matches!(c, StringColumn::Dict { .. }));
        assert_eq!(c.iter().collect::<Vec<_>>(), ["a", "b", "a", "a"]);
        let t = c.take(&[3, 1]);
        assert_eq!(t.iter().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn plain_when_mostly_distinct() {
        let c = StringColumn::from_strs(["a", "b", "c"]);
        assert!(matches!(c, StringColumn::Plain(_)));
        assert_eq!(c.get(2), "c");
        assert_eq!(c.get(9), "");
    }

    #[test]
    fn out_of_range_rows_are_empty_strings() {
        // `Column::take` documents nulls (empty strings) for indices past the end.
        let dict = StringColumn::from_strs(["a", "b", "a", "a"]);
        let t = dict.take(&[1, 7, usize::MAX]);
        assert_eq!(t.iter().collect::<Vec<_>>(), ["b", "", ""]);
        let plain = StringColumn::from_strs(["a", "b", "c"]);
        assert_eq!(plain.get(usize::MAX), "");
        let t = plain.take(&[2, usize::MAX]);
        assert_eq!(t.iter().collect::<Vec<_>>(), ["c", ""]);
    }
}
