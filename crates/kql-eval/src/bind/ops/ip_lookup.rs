//! `T | evaluate ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupKey [, ExtraKey1 ...]
//! [, return_unmatched])` (q/ipv4-lookup-plugin.md) and `ipv6_lookup(...)`
//! (q/ipv6-lookup-plugin.md): a join of each input row with the lookup row whose IP range
//! (CIDR or single address) contains the row's key. The executor is `exec/ip_lookup.rs`;
//! ranges are matched with [`crate::ip_ranges`], the code `geo_info_from_ip_address` uses.
//!
//! - Output columns: the input's, then the lookup table's without the extra keys (as
//!   `lookup` does); a lookup name that clashes with an input name gets a `1`, `2`, ...
//!   suffix, as the official analyzer names them. (The ipv6 page's example table lists the
//!   lookup columns first; the ipv4 page, the analyzer and `lookup` put the input first.)
//! - Without `return_unmatched` (or with `false`) only matched rows are kept; with `true`
//!   unmatched rows are kept with null lookup columns.
//! - When several lookup networks contain an address, the most specific one matches; when
//!   several lookup rows give that same network, each gives an output row (join-like).
//! - The source key may itself be in IP-prefix notation: its network's first address is
//!   looked up. Keys that are not addresses match nothing. `ipv6_lookup` also accepts
//!   IPv4 text, as IPv4-mapped IPv6.
//! - Extra keys match on equal values (null never matches); their types must agree.

use super::{invalid, ExtPlan};
use crate::bind::plan::{Plan, PlanKind};
use crate::bind::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::ip_ranges::Family;
use crate::table::Field;
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::{Expr, ExprKind, NamedExpr};
use kql_parser::Span;

/// A bound `ipv4_lookup` / `ipv6_lookup`.
#[derive(Debug, Clone)]
pub struct IpLookupPlan {
    /// The piped input.
    pub input: Plan,
    /// The lookup table.
    pub lookup: Plan,
    /// `Family::V4` for `ipv4_lookup`, `Family::Any` for `ipv6_lookup`.
    pub family: Family,
    /// The input's address column (string).
    pub source_key: usize,
    /// The lookup table's range column (string).
    pub lookup_key: usize,
    /// Extra equality keys: (input column, lookup column).
    pub extra_keys: Vec<(usize, usize)>,
    /// Keep unmatched input rows (with null lookup columns).
    pub return_unmatched: bool,
    /// The lookup columns in the output, after the input ones.
    pub lookup_out: Vec<usize>,
}

impl IpLookupPlan {
    /// The plugin's name.
    pub fn plugin(&self) -> &'static str {
        plugin_name(self.family)
    }
}

fn plugin_name(family: Family) -> &'static str {
    match family {
        Family::V4 => "ipv4_lookup",
        Family::Any => "ipv6_lookup",
    }
}

impl Binder<'_> {
    /// Binds `evaluate ipv4_lookup(...)` (`Family::V4`) or `ipv6_lookup(...)`.
    pub(super) fn bind_ip_lookup(
        &mut self,
        input: Plan,
        args: &[NamedExpr],
        family: Family,
        span: Span,
    ) -> Result<Plan, BindError> {
        let plugin = plugin_name(family);
        let mut positional: Vec<&Expr> = Vec::new();
        let mut unmatched: Option<&Expr> = None;
        for a in args {
            match a.names.as_slice() {
                [] => positional.push(&a.expr),
                [n] if n.name == "return_unmatched" && unmatched.is_none() => {
                    unmatched = Some(&a.expr)
                }
                [n] => {
                    return Err(invalid(
                        format!("{plugin} has no parameter '{}' here", n.name),
                        n.span,
                    ))
                }
                _ => return Err(invalid(format!("{plugin} arguments take one name"), a.span)),
            }
        }
        // A last positional argument that is not a column name is return_unmatched.
        if unmatched.is_none()
            && positional.len() > 3
            && positional
                .last()
                .is_some_and(|e| !matches!(e.kind, ExprKind::Name(_)))
        {
            unmatched = positional.pop();
        }
        let [table, source, key, extra @ ..] = positional.as_slice() else {
            return Err(invalid(
                format!("{plugin} needs the lookup table, the source column and the lookup column"),
                span,
            ));
        };
        let lookup = self.bind_tabular(table)?;
        let source_key = self.ip_key(source, &input.schema, plugin)?;
        let lookup_key = self.ip_key(key, &lookup.schema, plugin)?;
        let mut extra_keys = Vec::with_capacity(extra.len());
        for e in extra {
            extra_keys.push(self.extra_key(e, &input.schema, &lookup.schema, plugin)?);
        }
        let return_unmatched = match unmatched {
            None => false,
            Some(e) => match self.constant(e, "return_unmatched")? {
                Value::Bool(Some(b)) => b,
                _ => return Err(invalid("return_unmatched must be true or false", e.span)),
            },
        };
        let lookup_out: Vec<usize> = (0..lookup.schema.len())
            .filter(|i| extra_keys.iter().all(|(_, r)| r != i))
            .collect();
        let schema = output_schema(&input.schema, &lookup.schema, &lookup_out);
        let plan = IpLookupPlan {
            input,
            lookup,
            family,
            source_key,
            lookup_key,
            extra_keys,
            return_unmatched,
            lookup_out,
        };
        Ok(Plan {
            kind: PlanKind::Ext(ExtPlan::IpLookup(Box::new(plan))),
            schema,
            span,
        })
    }

    /// An address column (a string column named by `e`).
    fn ip_key(&self, e: &Expr, schema: &[Field], plugin: &str) -> Result<usize, BindError> {
        let ExprKind::Name(id) = &e.kind else {
            return Err(invalid(
                format!("{plugin} keys must be column names"),
                e.span,
            ));
        };
        let Some((i, f)) = schema.iter().enumerate().find(|(_, f)| f.name == id.name) else {
            return Err(self.unknown_column(id, schema));
        };
        if f.data_type != DataType::String {
            return Err(BindError::new(
                BindErrorKind::WrongType {
                    what: format!("{plugin} key '{}'", id.name),
                    expected: "string".into(),
                    found: f.data_type,
                },
                e.span,
            ));
        }
        Ok(i)
    }

    /// An extra key: a column of both the input and the lookup table, of one type.
    fn extra_key(
        &self,
        e: &Expr,
        input: &[Field],
        lookup: &[Field],
        plugin: &str,
    ) -> Result<(usize, usize), BindError> {
        let ExprKind::Name(id) = &e.kind else {
            return Err(invalid(
                format!("{plugin} extra keys must be column names"),
                e.span,
            ));
        };
        let find = |schema: &[Field]| schema.iter().position(|f| f.name == id.name);
        let li = find(input).ok_or_else(|| self.unknown_column(id, input))?;
        let ri = find(lookup).ok_or_else(|| self.unknown_column(id, lookup))?;
        let (lt, rt) = (input[li].data_type, lookup[ri].data_type);
        if lt != rt {
            return Err(BindError::new(
                BindErrorKind::TypeMismatch {
                    op: format!("{plugin} extra key '{}'", id.name),
                    left: lt,
                    right: rt,
                },
                e.span,
            ));
        }
        Ok((li, ri))
    }
}

/// The input columns, then the chosen lookup columns (renamed where they clash).
fn output_schema(input: &[Field], lookup: &[Field], lookup_out: &[usize]) -> Vec<Field> {
    let mut schema = input.to_vec();
    let right: Vec<&Field> = lookup_out.iter().filter_map(|&i| lookup.get(i)).collect();
    crate::bind::join::append_right_columns(&mut schema, &right);
    schema
}

#[cfg(test)]
mod tests {
    use crate::{Engine, Error};

    fn columns(q: &str) -> Result<Vec<String>, Error> {
        let schemas = Engine::new().check(q)?;
        Ok(schemas[0]
            .iter()
            .map(|f| format!("{}:{}", f.name, f.data_type))
            .collect())
    }

    const LOOKUP: &str =
        "let L = datatable(network:string, ip:string, k:long)['10.0.0.0/8', 'x', 1];\n";

    #[test]
    fn output_columns_follow_the_analyzer() {
        let q = format!("{LOOKUP}datatable(ip:string, k:long)['10.1.1.1', 1] | evaluate ipv4_lookup(L, ip, network)");
        assert_eq!(
            columns(&q).unwrap(),
            [
                "ip:string",
                "k:long",
                "network:string",
                "ip1:string",
                "k1:long"
            ]
        );
        let q = format!("{LOOKUP}datatable(ip:string, k:long)['10.1.1.1', 1] | evaluate ipv6_lookup(L, ip, network, k, true)");
        assert_eq!(
            columns(&q).unwrap(),
            ["ip:string", "k:long", "network:string", "ip1:string"]
        );
    }

    #[test]
    fn bad_arguments_are_bind_errors() {
        let base = format!(
            "{LOOKUP}datatable(ip:string, k:long, s:string)['10.1.1.1', 1, 'a'] | evaluate "
        );
        for (call, needle) in [
            ("ipv4_lookup(L, ip)", "needs the lookup table"),
            (
                "ipv4_lookup(L, nope, network)",
                "unknown column or name 'nope'",
            ),
            ("ipv4_lookup(L, ip, nope)", "unknown column or name 'nope'"),
            ("ipv4_lookup(L, k, network)", "must be string"),
            ("ipv4_lookup(Nope, ip, network)", "unknown table 'Nope'"),
            (
                "ipv4_lookup(L, ip, network, s)",
                "unknown column or name 's'",
            ),
            (
                "ipv4_lookup(L, ip, network, return_unmatched = 'yes')",
                "true or false",
            ),
            (
                "ipv4_lookup(L, ip, network, other = true)",
                "no parameter 'other'",
            ),
        ] {
            let err = columns(&format!("{base}{call}")).unwrap_err();
            assert!(err.to_string().contains(needle), "{call}: {err}");
        }
        let q = String::from("let L = datatable(network:string, k:string)['10.0.0.0/8', '1'];\ndatatable(ip:string, k:long)['10.1.1.1', 1] | evaluate ipv4_lookup(L, ip, network, k)");
        let err = columns(&q).unwrap_err();
        assert!(err.to_string().contains("extra key 'k'"), "{err}");
    }
}
