//! `hash` (xxhash64) and `new_guid`.

use super::convert::write_text;
use super::def;
use super::kernel::{all_scalar, any, arg, finish, i64s, OGuid, OLong, Prim, Src, View};
use super::math::random_unit;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![
        def(
            "hash",
            sig![a("source", ArgType::Any), opt("mod", ArgType::Long)],
            ReturnType::Fixed(DataType::Long),
            hash,
        ),
        ScalarFunction {
            volatile: true,
            ..def(
                "new_guid",
                sig![],
                ReturnType::Fixed(DataType::Guid),
                new_guid,
            )
        },
    ]
}

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const P3: u64 = 0x1656_67B1_9E37_79F9;
const P4: u64 = 0x85EB_CA77_C2B2_AE63;
const P5: u64 = 0x27D4_EB2F_1656_67C5;

fn round(acc: u64, lane: u64) -> u64 {
    acc.wrapping_add(lane.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

fn merge(h: u64, v: u64) -> u64 {
    (h ^ round(0, v)).wrapping_mul(P1).wrapping_add(P4)
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut x = [0u8; 8];
    if let Some(s) = b.get(i..i + 8) {
        x.copy_from_slice(s);
    }
    u64::from_le_bytes(x)
}

fn u32_at(b: &[u8], i: usize) -> u64 {
    let mut x = [0u8; 4];
    if let Some(s) = b.get(i..i + 4) {
        x.copy_from_slice(s);
    }
    u64::from(u32::from_le_bytes(x))
}

/// XXH64 with seed 0.
pub(crate) fn xxhash64(b: &[u8]) -> u64 {
    let len = b.len();
    let mut i = 0;
    let mut h = if len >= 32 {
        let mut v = [P1.wrapping_add(P2), P2, 0, 0u64.wrapping_sub(P1)];
        while i + 32 <= len {
            for (k, acc) in v.iter_mut().enumerate() {
                *acc = round(*acc, u64_at(b, i + 8 * k));
            }
            i += 32;
        }
        let mut h = v[0]
            .rotate_left(1)
            .wrapping_add(v[1].rotate_left(7))
            .wrapping_add(v[2].rotate_left(12))
            .wrapping_add(v[3].rotate_left(18));
        for x in v {
            h = merge(h, x);
        }
        h
    } else {
        P5
    };
    h = h.wrapping_add(len as u64);
    while i + 8 <= len {
        h ^= round(0, u64_at(b, i));
        h = h.rotate_left(27).wrapping_mul(P1).wrapping_add(P4);
        i += 8;
    }
    if i + 4 <= len {
        h ^= u32_at(b, i).wrapping_mul(P1);
        h = h.rotate_left(23).wrapping_mul(P2).wrapping_add(P3);
        i += 4;
    }
    for &byte in b.get(i..).unwrap_or(&[]) {
        h ^= u64::from(byte).wrapping_mul(P5);
        h = h.rotate_left(11).wrapping_mul(P1);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

/// The bytes a value hashes as: strings as UTF-8, integers/ticks as 8 little-endian bytes,
/// reals as their bits, everything else as its text.
fn hash_value(v: Src<'_>, buf: &mut String) -> Option<u64> {
    let h = match v {
        Src::Str(s) => xxhash64(s.as_bytes()),
        Src::Int(x) => xxhash64(&i64::from(x?).to_le_bytes()),
        Src::Long(x) | Src::DateTime(x) | Src::TimeSpan(x) => xxhash64(&x?.to_le_bytes()),
        Src::Real(x) => xxhash64(&x?.to_bits().to_le_bytes()),
        Src::Bool(x) => xxhash64(&[u8::from(x?)]),
        other => {
            if other.is_null() {
                return None;
            }
            buf.clear();
            write_text(buf, other);
            xxhash64(buf.as_bytes())
        }
    };
    Some(h)
}

/// `hash(source[, mod])`: xxhash64, reduced into `[0, mod-1]` when `mod` is given
/// (q/hash-function.md: `hash("World")` is 1846988464401551951, `hash("World", 100)` is
/// 51).
fn hash(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let v = any(arg(args, 0)?);
    let m = match args.get(1) {
        Some(m) => i64s(m)?,
        None => Prim::Scalar(None),
    };
    let has_mod = args.len() > 1;
    let scalar = all_scalar(args);
    let rows = if scalar { 1 } else { ctx.rows };
    let mut buf = String::new();
    let xs: Vec<Option<i64>> = (0..rows)
        .map(|i| {
            let h = hash_value(v.at(i), &mut buf)?;
            if !has_mod {
                return Some(h as i64);
            }
            let m = m.at(i).filter(|m| *m > 0)?;
            Some((h % m as u64) as i64)
        })
        .collect();
    Ok(finish::<OLong>(xs, scalar))
}

/// `new_guid()`: a random (version 4) guid, one per row.
fn new_guid(_: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let one = || {
        let hi = (random_unit() * (1u64 << 53) as f64) as u128;
        let mid = (random_unit() * (1u64 << 53) as f64) as u128;
        let lo = (random_unit() * (1u64 << 22) as f64) as u128;
        let g = (hi << 75) | (mid << 22) | lo;
        // version 4, RFC 4122 variant
        Some((g & !(0xF << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62))
    };
    let rows = ctx.rows.max(1);
    Ok(finish::<OGuid>(
        (0..rows).map(|_| one()).collect(),
        rows == 1,
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use super::xxhash64;
    use crate::value::Value;

    #[test]
    fn xxhash64_reference_vectors() {
        // XXH64 reference values (seed 0)
        assert_eq!(xxhash64(b""), 0xEF46_DB37_51D8_E999);
        assert_eq!(xxhash64(b"a"), 0xD24E_C4F1_A98C_6E5B);
    }

    #[test]
    fn hash_doc_examples() {
        // q/hash-function.md examples
        assert_eq!(
            scalar("hash", vec![s("World")]),
            lv(Some(1846988464401551951))
        );
        assert_eq!(scalar("hash", vec![s("World"), l(100)]), lv(Some(51)));
        assert_eq!(scalar("hash", vec![lnull()]), lv(None));
        let t = super::super::convert::parse_datetime_text("2015-01-01").unwrap();
        assert_eq!(scalar("hash", vec![dt(t)]), lv(Some(1380966698541616202)));
        let col = column("hash", vec![scol(&["World", "x"]), l(100)]);
        assert_eq!(col[0], lv(Some(51)));
        assert!(matches!(col[1], Value::Long(Some(x)) if (0..100).contains(&x)));
    }

    #[test]
    fn new_guid_differs() {
        let a = scalar("new_guid", vec![]);
        let b = scalar("new_guid", vec![]);
        assert!(matches!(a, Value::Guid(Some(_))));
        assert_ne!(a, b);
    }
}
