//! Cryptographic digests of a value's text (UTF-8), as lower-case hex: `hash_sha256`,
//! `hash_sha1`, `hash_md5` (q/hash-sha256-function.md, q/hash-sha1-function.md,
//! q/hash-md5-function.md). Null inputs give `""`.

use super::convert::write_text;
use super::datetime_format::format_datetime_with;
use super::def;
use super::kernel::{any, arg, str1, Src};
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;
use std::fmt::Write;

/// A digest function over the value's text.
macro_rules! digest_fn {
    ($name:literal, $f:expr) => {
        def(
            $name,
            sig![a("source", ArgType::Any)],
            ReturnType::Fixed(DataType::String),
            |args, ctx| {
                let f: fn(&[u8]) -> Vec<u8> = $f;
                let v = any(arg(args, 0)?);
                let mut text = String::new();
                Ok(str1(ctx, &v, |out, x| {
                    if x.is_null() {
                        return;
                    }
                    text.clear();
                    match x {
                        // datetimes hash as their round-trip text with 7 fraction digits
                        // (q/hash-md5-function.md: hash_md5(datetime(2020-01-01)))
                        Src::DateTime(Some(t)) => {
                            format_datetime_with(&mut text, t, "yyyy-MM-ddTHH:mm:ss.fffffffZ")
                        }
                        other => write_text(&mut text, other),
                    }
                    for b in f(text.as_bytes()) {
                        let _ = write!(out, "{b:02x}");
                    }
                }))
            },
        )
    };
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![
        digest_fn!("hash_sha256", sha256),
        digest_fn!("hash_sha1", sha1),
        digest_fn!("hash_md5", md5),
    ]
}

/// The message padded to a multiple of 64 bytes with its bit length (big- or
/// little-endian) in the last 8 bytes, as MD4-family hashes need.
fn pad(data: &[u8], big_endian: bool) -> Vec<u8> {
    let mut m = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    m.push(0x80);
    while m.len() % 64 != 56 {
        m.push(0);
    }
    m.extend(if big_endian {
        bits.to_be_bytes()
    } else {
        bits.to_le_bytes()
    });
    m
}

fn words_be(chunk: &[u8]) -> [u32; 16] {
    let mut w = [0u32; 16];
    for (k, c) in chunk.chunks_exact(4).enumerate().take(16) {
        w[k] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
    w
}

const K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 (FIPS 180-4).
pub(crate) fn sha256(data: &[u8]) -> Vec<u8> {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    for chunk in pad(data, true).chunks_exact(64) {
        let mut w = [0u32; 64];
        w[..16].copy_from_slice(&words_be(chunk));
        for t in 16..64 {
            let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
            let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for t in 0..64 {
            let [a, b, c, d, e, f, g, hh] = v;
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K256[t])
                .wrapping_add(w[t]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|x| x.to_be_bytes()).collect()
}

/// SHA-1 (FIPS 180-4).
pub(crate) fn sha1(data: &[u8]) -> Vec<u8> {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    for chunk in pad(data, true).chunks_exact(64) {
        let mut w = [0u32; 80];
        w[..16].copy_from_slice(&words_be(chunk));
        for t in 16..80 {
            w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (t, wt) in w.iter().enumerate() {
            let (f, k) = match t {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let tmp = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wt);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = tmp;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|x| x.to_be_bytes()).collect()
}

const MD5_S: [u32; 64] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
    14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15,
    21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

/// MD5 (RFC 1321).
pub(crate) fn md5(data: &[u8]) -> Vec<u8> {
    let k: Vec<u32> = (0..64)
        .map(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for chunk in pad(data, false).chunks_exact(64) {
        let mut m = [0u32; 16];
        for (j, c) in chunk.chunks_exact(4).enumerate().take(16) {
            m[j] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        let [mut a, mut b, mut c, mut d] = h;
        for (i, shift) in MD5_S.iter().enumerate() {
            let (f, g) = match i {
                0..=15 => ((b & c) | (!b & d), i),
                16..=31 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                32..=47 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f
                .wrapping_add(a)
                .wrapping_add(k.get(i).copied().unwrap_or(0))
                .wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f.rotate_left(*shift));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|x| x.to_le_bytes()).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn known_digests() {
        // q/hash-sha256-function.md: hash_sha256("World")
        assert_eq!(
            scalar("hash_sha256", vec![s("World")]),
            sv("78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524")
        );
        assert_eq!(
            scalar("hash_sha256", vec![s("")]),
            sv("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        );
        // q/hash-md5-function.md: hash_md5("World")
        assert_eq!(
            scalar("hash_md5", vec![s("World")]),
            sv("f5a7924e621e84c9280a9a27e1bcb7f6")
        );
        assert_eq!(
            scalar("hash_md5", vec![s("")]),
            sv("d41d8cd98f00b204e9800998ecf8427e")
        );
        // q/hash-sha1-function.md: hash_sha1("World")
        assert_eq!(
            scalar("hash_sha1", vec![s("World")]),
            sv("70c07ec18ef89c5309bbb0937f3a6342411e1fdd")
        );
        let long = "a".repeat(1000);
        assert_eq!(
            scalar("hash_sha1", vec![s(&long)]),
            sv("291e9a6c66994949b57ba5e650361e98fc36b1ba")
        );
        assert_eq!(
            column("hash_md5", vec![lcol(&[Some(1), None])]),
            vec![sv("c4ca4238a0b923820dcc509a6f75849b"), sv("")]
        );
    }
}
