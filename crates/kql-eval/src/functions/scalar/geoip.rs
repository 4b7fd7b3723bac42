//! `geo_info_from_ip_address(ip)` (q/geo-info-from-ip-address-function.md) over a
//! geolocation table the user supplies ([`GeoIpTable`], `Engine::set_geoip`, `kql run
//! --geoip PATH`). The service uses MaxMind GeoLite2 data, which cannot ship here.
//!
//! The table has the columns `network` (CIDR string, IPv4 or IPv6: `20.53.0.0/16`,
//! `2a03:2880::/32`; a bare address is a single-address network), `country`, `state`,
//! `city` (strings) and `latitude`, `longitude` (reals); other columns are ignored. An
//! address maps to the row of the most specific (longest-prefix) network that contains
//! it, and the result is the documented bag
//! `{"country", "state", "city", "latitude", "longitude"}`.
//!
//! Our choice for addresses the table does not cover, text that is not an IP address,
//! and empty (null) input: the result is a null `dynamic`, not an error.
//!
//! Without a table, rows whose address is empty give null (so a query runs over empty
//! tables); any other address is an error naming `--geoip`.

use super::super::{arg, ArgType, EvalContext, ReturnType, ScalarFunction, Signature};
use crate::dynamic::Dynamic;
use crate::error::{EvalError, EvalErrorKind};
use crate::expr::ColumnarValue;
use crate::ip_ranges::{parse_network, Family, RangeIndex};
use crate::table::{Column, StringColumn, Table};
use crate::types::DataType;
use crate::value::Value;
use indexmap::IndexMap;

/// The function's name.
pub const GEO_INFO: &str = "geo_info_from_ip_address";

/// The columns a geolocation table needs.
const COLUMNS: [&str; 6] = [
    "network",
    "country",
    "state",
    "city",
    "latitude",
    "longitude",
];

/// What is wrong with a geolocation table (rows are numbered from 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GeoIpError {
    /// Required columns are absent.
    #[error("the geolocation table has no column(s) {missing} (it needs network, country, state, city, latitude, longitude)")]
    MissingColumns {
        /// The missing names, comma-separated.
        missing: String,
    },
    /// A column has a type that cannot hold its values.
    #[error("geolocation column '{column}' must be {expected}, but it is {found}")]
    ColumnType {
        /// The column.
        column: String,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        found: DataType,
    },
    /// A `network` cell that is not CIDR notation.
    #[error("row {row}: network '{value}' is not an IPv4 or IPv6 network such as 192.0.2.0/24 or 2001:db8::/32")]
    InvalidNetwork {
        /// The row.
        row: usize,
        /// The cell.
        value: String,
    },
    /// A `latitude` / `longitude` cell that is not a number.
    #[error("row {row}: {column} '{value}' is not a number")]
    InvalidNumber {
        /// The row.
        row: usize,
        /// The column.
        column: &'static str,
        /// The cell.
        value: String,
    },
    /// Two rows give the same network.
    #[error("row {row}: network '{value}' is the same network as row {first_row}")]
    DuplicateNetwork {
        /// The later row.
        row: usize,
        /// Its cell.
        value: String,
        /// The first row with that network.
        first_row: usize,
    },
}

/// A geolocation table indexed for longest-prefix lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoIpTable {
    index: RangeIndex,
    /// The result bag of each table row.
    info: Vec<Dynamic>,
}

impl GeoIpTable {
    /// Checks and indexes `table` (see the module docs for its columns).
    pub fn from_table(table: &Table) -> Result<GeoIpTable, GeoIpError> {
        let missing: Vec<&str> = COLUMNS
            .iter()
            .copied()
            .filter(|c| table.column(c).is_none())
            .collect();
        let cols: Vec<&Column> = COLUMNS
            .iter()
            .filter_map(|c| table.column(c).map(|c| c.as_ref()))
            .collect();
        let [network, country, state, city, lat, lon] = cols.as_slice() else {
            return Err(GeoIpError::MissingColumns {
                missing: missing.join(", "),
            });
        };
        let network = string_column(network, "network")?;
        let (country, state, city) = (
            string_column(country, "country")?,
            string_column(state, "state")?,
            string_column(city, "city")?,
        );
        let mut entries = Vec::with_capacity(table.num_rows());
        let mut info = Vec::with_capacity(table.num_rows());
        for row in 0..table.num_rows() {
            let text = network.get(row);
            let net =
                parse_network(text, Family::Any).ok_or_else(|| GeoIpError::InvalidNetwork {
                    row: row + 1,
                    value: text.to_string(),
                })?;
            entries.push((net, row));
            let mut bag = IndexMap::new();
            for (key, col) in [("country", country), ("state", state), ("city", city)] {
                bag.insert(key.to_string(), Dynamic::String(col.get(row).to_string()));
            }
            for (key, col) in [("latitude", lat), ("longitude", lon)] {
                let v = number(col, key, row)?.map_or(Dynamic::Null, Dynamic::Real);
                bag.insert(key.to_string(), v);
            }
            info.push(Dynamic::Bag(bag));
        }
        let index = RangeIndex::new(entries);
        if let Some((_, rows)) = index
            .duplicates()
            .min_by_key(|(_, rows)| rows.get(1).copied())
        {
            let (first, second) = (rows.first().copied(), rows.get(1).copied());
            if let (Some(first), Some(second)) = (first, second) {
                return Err(GeoIpError::DuplicateNetwork {
                    row: second + 1,
                    value: network.get(second).to_string(),
                    first_row: first + 1,
                });
            }
        }
        Ok(GeoIpTable { index, info })
    }

    /// The networks in the table.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when the table has no networks.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The bag for `ip` (an IPv4 or IPv6 address), or null when no network contains it or
    /// it is not an address.
    pub fn lookup(&self, ip: &str) -> Dynamic {
        parse_network(ip, Family::Any)
            .and_then(|net| self.index.lookup(net.base))
            .and_then(|(_, rows)| rows.first())
            .and_then(|&row| self.info.get(row))
            .cloned()
            .unwrap_or_default()
    }
}

fn string_column<'a>(c: &'a Column, name: &str) -> Result<&'a StringColumn, GeoIpError> {
    match c {
        Column::String(s) => Ok(s),
        other => Err(GeoIpError::ColumnType {
            column: name.to_string(),
            expected: "string",
            found: other.data_type(),
        }),
    }
}

/// A latitude or longitude cell: reals and integers as they are, strings parsed (empty
/// is null).
fn number(c: &Column, name: &'static str, row: usize) -> Result<Option<f64>, GeoIpError> {
    Ok(match c {
        Column::Real(v) => v.get(row).copied().flatten(),
        Column::Long(v) => v.get(row).copied().flatten().map(|x| x as f64),
        Column::Int(v) => v.get(row).copied().flatten().map(f64::from),
        Column::String(s) => {
            let text = s.get(row).trim();
            if text.is_empty() {
                None
            } else {
                Some(text.parse::<f64>().map_err(|_| GeoIpError::InvalidNumber {
                    row: row + 1,
                    column: name,
                    value: text.to_string(),
                })?)
            }
        }
        other => {
            return Err(GeoIpError::ColumnType {
                column: name.to_string(),
                expected: "real",
                found: other.data_type(),
            })
        }
    })
}

/// The error for an address looked up without a table.
fn no_table() -> EvalError {
    EvalError::new(EvalErrorKind::NoGeoIpTable)
}

/// `geo_info_from_ip_address` over `ip` (a string scalar or column) with `table`.
pub(crate) fn geo_info(
    table: Option<&GeoIpTable>,
    ip: &ColumnarValue,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let one = |s: &str| -> Result<Dynamic, EvalError> {
        match table {
            _ if s.is_empty() => Ok(Dynamic::Null),
            Some(t) => Ok(t.lookup(s)),
            None => Err(no_table()),
        }
    };
    let col = match ip {
        ColumnarValue::Scalar(Value::String(s)) => {
            return Ok(ColumnarValue::Scalar(Value::Dynamic(one(s)?)))
        }
        ColumnarValue::Scalar(_) => {
            return Ok(ColumnarValue::Scalar(Value::Dynamic(Dynamic::Null)))
        }
        ColumnarValue::Column(c) => c,
    };
    let out: Vec<Dynamic> = match col.as_ref() {
        Column::String(StringColumn::Plain(s)) => s.iter().map(one).collect::<Result<_, _>>()?,
        Column::String(StringColumn::Dict { codes, values }) => {
            // Each distinct address once; an unused value must not raise the no-table error.
            let mut per_value: Vec<Option<Dynamic>> = vec![None; values.len()];
            let mut out = Vec::with_capacity(codes.len());
            for &code in codes {
                let i = code as usize;
                let cached = per_value.get(i).cloned().flatten();
                let d = match cached {
                    Some(d) => d,
                    None => {
                        let d = one(values.get(i))?;
                        if let Some(slot) = per_value.get_mut(i) {
                            *slot = Some(d.clone());
                        }
                        d
                    }
                };
                out.push(d);
            }
            out
        }
        _ => vec![Dynamic::Null; rows],
    };
    Ok(ColumnarValue::from(Column::Dynamic(out)))
}

/// The registry's implementation, for a call that was not bound with the engine's table
/// (the binder resolves calls to [`crate::bind::plan::BoundExprKind::GeoInfo`]): the
/// no-table behaviour.
fn geo_info_without_table(
    args: &[ColumnarValue],
    ctx: &EvalContext,
) -> Result<ColumnarValue, EvalError> {
    match args.first() {
        Some(ip) => geo_info(None, ip, ctx.rows),
        None => Err(EvalError::internal(
            "geo_info_from_ip_address without its argument",
        )),
    }
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    const IP: &[super::super::Arg] = &[arg("ip", ArgType::String)];
    vec![ScalarFunction {
        name: GEO_INFO,
        aliases: &[],
        signature: Signature::new(IP),
        returns: ReturnType::Fixed(DataType::Dynamic),
        eval: geo_info_without_table,
        volatile: false,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Field;

    fn table(rows: &[[&str; 6]]) -> Table {
        let fields: Vec<Field> = COLUMNS
            .iter()
            .map(|c| {
                let ty = if c.ends_with("itude") {
                    DataType::Real
                } else {
                    DataType::String
                };
                Field::new(*c, ty)
            })
            .collect();
        let rows: Vec<Vec<Value>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .zip(&fields)
                    .map(|(cell, f)| match f.data_type {
                        DataType::Real => Value::Real(cell.parse().ok()),
                        _ => Value::String(cell.to_string()),
                    })
                    .collect()
            })
            .collect();
        Table::from_rows(fields, &rows)
    }

    fn sample() -> GeoIpTable {
        GeoIpTable::from_table(&table(&[
            [
                "192.0.2.0/24",
                "Atlantis",
                "North",
                "Poseidonia",
                "10.5",
                "-20.25",
            ],
            [
                "192.0.2.128/25",
                "Atlantis",
                "South",
                "Coralton",
                "11",
                "-21",
            ],
            ["2001:db8::/32", "Lemuria", "", "Mu", "", ""],
            ["198.51.100.7", "Avalon", "West", "Glass", "51.1", "-2.7"],
        ]))
        .unwrap()
    }

    fn city(t: &GeoIpTable, ip: &str) -> Option<String> {
        match t.lookup(ip) {
            Dynamic::Bag(b) => b.get("city").map(Dynamic::to_kql_string),
            _ => None,
        }
    }

    #[test]
    fn looks_up_the_most_specific_network() {
        let t = sample();
        assert_eq!(t.len(), 4);
        assert_eq!(city(&t, "192.0.2.1").as_deref(), Some("Poseidonia"));
        assert_eq!(city(&t, "192.0.2.200").as_deref(), Some("Coralton"));
        assert_eq!(city(&t, "2001:db8:1::9").as_deref(), Some("Mu"));
        assert_eq!(city(&t, "198.51.100.7").as_deref(), Some("Glass"));
        assert_eq!(city(&t, "198.51.100.8"), None);
        assert_eq!(t.lookup("not an ip"), Dynamic::Null);
        let Dynamic::Bag(b) = t.lookup("192.0.2.1") else {
            panic!("no bag")
        };
        let keys: Vec<&str> = b.keys().map(String::as_str).collect();
        assert_eq!(keys, ["country", "state", "city", "latitude", "longitude"]);
        assert_eq!(b.get("latitude"), Some(&Dynamic::Real(10.5)));
        let Dynamic::Bag(b) = t.lookup("2001:db8::1") else {
            panic!("no bag")
        };
        assert_eq!(b.get("longitude"), Some(&Dynamic::Null));
    }

    #[test]
    fn bad_tables_are_clear_errors() {
        let err =
            GeoIpTable::from_table(&table(&[["192.0.2.0/33", "A", "", "", "1", "1"]])).unwrap_err();
        assert!(
            err.to_string().contains("row 1: network '192.0.2.0/33'"),
            "{err}"
        );
        let err = GeoIpTable::from_table(&table(&[
            ["192.0.2.0/24", "A", "", "", "1", "1"],
            ["10.0.0.0/8", "B", "", "", "1", "1"],
            ["192.0.2.9/24", "C", "", "", "1", "1"],
        ]))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 3: network '192.0.2.9/24' is the same network as row 1"
        );
        let t = Table::from_rows(vec![Field::new("network", DataType::String)], &[]);
        let err = GeoIpTable::from_table(&t).unwrap_err();
        assert!(
            err.to_string()
                .contains("no column(s) country, state, city, latitude, longitude"),
            "{err}"
        );
        let mut fields: Vec<Field> = COLUMNS
            .iter()
            .map(|c| Field::new(*c, DataType::String))
            .collect();
        fields[1] = Field::new("country", DataType::Long);
        let err = GeoIpTable::from_table(&Table::from_rows(fields, &[])).unwrap_err();
        assert!(
            err.to_string().contains("'country' must be string"),
            "{err}"
        );
    }

    #[test]
    fn nulls_and_unknown_addresses_give_null() {
        let t = sample();
        let col = ColumnarValue::from(Column::String(StringColumn::from_strs([
            "192.0.2.5",
            "",
            "203.0.113.1",
            "bogus",
        ])));
        let out = geo_info(Some(&t), &col, 4).unwrap().into_column(4);
        assert!(matches!(out.get(0), Value::Dynamic(Dynamic::Bag(_))));
        for i in 1..4 {
            assert_eq!(out.get(i), Value::Dynamic(Dynamic::Null), "row {i}");
        }
    }

    #[test]
    fn queries_read_the_engines_table() {
        let mut engine = crate::Engine::new();
        let q = "datatable(ip:string)['192.0.2.200', '10.0.0.1', ''] \
                 | extend c = tostring(geo_info_from_ip_address(ip).city)";
        let err = engine.run(q).unwrap_err();
        assert_eq!(err.code(), "KQL3007");
        assert!(err.span().is_some());
        let empty = "datatable(ip:string)[] | extend g = geo_info_from_ip_address(ip)";
        assert_eq!(engine.run(empty).unwrap()[0].num_rows(), 0);
        let blank = engine
            .run("print g = geo_info_from_ip_address('')")
            .unwrap();
        assert_eq!(blank[0].row(0), vec![Value::Dynamic(Dynamic::Null)]);
        let bad = table(&[["nope", "", "", "", "", ""]]);
        assert!(engine.set_geoip(&bad).is_err());
        assert!(engine.geoip().is_none());
        engine
            .set_geoip(&table(&[
                ["192.0.2.0/24", "A", "", "Low", "1", "2"],
                ["192.0.2.128/25", "A", "", "High", "1", "2"],
            ]))
            .unwrap();
        let out = engine.run(q).unwrap();
        let cities: Vec<Value> = (0..3).map(|r| out[0].row(r)[1].clone()).collect();
        let s = |x: &str| Value::String(x.to_string());
        assert_eq!(cities, vec![s("High"), s(""), s("")]);
        // A constant address is folded while binding, with the table.
        let folded = engine
            .run("print c = tostring(geo_info_from_ip_address('192.0.2.1').city)")
            .unwrap();
        assert_eq!(folded[0].row(0), vec![s("Low")]);
    }

    #[test]
    fn without_a_table_only_empty_input_runs() {
        let empty = ColumnarValue::from(Column::String(StringColumn::from_strs([])));
        assert!(geo_info(None, &empty, 0).is_ok());
        let blanks = ColumnarValue::from(Column::String(StringColumn::from_strs(["", ""])));
        assert!(geo_info(None, &blanks, 2).is_ok());
        let blank = ColumnarValue::Scalar(Value::String(String::new()));
        assert!(geo_info(None, &blank, 1).is_ok());
        let ip = ColumnarValue::Scalar(Value::String("192.0.2.1".into()));
        let err = geo_info(None, &ip, 1).unwrap_err();
        assert!(err.to_string().contains("--geoip"), "{err}");
        let ctx = EvalContext { now: 0, rows: 1 };
        assert!(geo_info_without_table(&[ip], &ctx).is_err());
    }
}
