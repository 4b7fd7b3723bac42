//! `parse-kv` (q/parse-kv-operator.md): extracts listed keys from `key=value` text.

use super::{invalid, ExtPlan};
use crate::bind::plan::{BoundExpr, Plan, PlanKind};
use crate::bind::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::table::Field;
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::ParseKv;
use kql_parser::Span;

/// How pairs are found in the text.
#[derive(Debug, Clone)]
pub enum KvMode {
    /// `pair_delimiter` / `kv_delimiter` given.
    Delimited {
        /// Between pairs.
        pair: String,
        /// Between a key and its value.
        kv: String,
        /// Quote characters around values (and keys).
        quotes: Vec<char>,
        /// Escape character inside quotes.
        escape: Option<char>,
        /// `greedy=true`: an unquoted value runs to the next pair delimiter.
        greedy: bool,
    },
    /// `regex=`: each match gives a key (group 1) and a value (group 2).
    Regex(regex::Regex),
    /// Only quotes/escape (or nothing): any run of non-alphanumeric characters separates.
    Loose {
        /// Quote characters.
        quotes: Vec<char>,
        /// Escape character.
        escape: Option<char>,
    },
}

/// A bound `parse-kv`.
#[derive(Debug, Clone)]
pub struct ParseKvPlan {
    /// Input.
    pub input: Box<Plan>,
    /// The text (string).
    pub expr: BoundExpr,
    /// The extracted keys and their types.
    pub keys: Vec<(String, DataType)>,
    /// Per output field: `Ok(i)` input column `i`, `Err(k)` key `k`.
    pub outputs: Vec<Result<usize, usize>>,
    /// How pairs are found.
    pub mode: KvMode,
}

impl Binder<'_> {
    fn kv_string(&mut self, e: &kql_parser::ast::Expr, what: &str) -> Result<String, BindError> {
        match self.constant(e, what)? {
            Value::String(s) => Ok(s),
            other => Err(BindError::new(
                BindErrorKind::WrongType {
                    what: what.into(),
                    expected: "a string constant".into(),
                    found: other.data_type(),
                },
                e.span,
            )),
        }
    }

    pub(super) fn bind_parse_kv(
        &mut self,
        input: Plan,
        p: &ParseKv,
        span: Span,
    ) -> Result<Plan, BindError> {
        let expr = self.bind_scalar(&p.expr, &input.schema)?;
        let expr = self.convert(expr, DataType::String)?;
        let (mut pair, mut kv, mut regex, mut escape, mut greedy) = (None, None, None, None, false);
        let mut quotes: Vec<char> = Vec::new();
        for (name, value) in &p.options {
            match name.name.as_str() {
                "pair_delimiter" => pair = Some(self.kv_string(value, "pair_delimiter")?),
                "kv_delimiter" => kv = Some(self.kv_string(value, "kv_delimiter")?),
                "quote" => quotes = self.kv_string(value, "quote")?.chars().collect(),
                "escape" => escape = self.kv_string(value, "escape")?.chars().next(),
                "regex" => {
                    let text = self.kv_string(value, "regex")?;
                    let re = crate::regex_compat::compile(&text)
                        .map_err(|e| invalid(format!("invalid parse-kv regex: {e}"), value.span))?;
                    if re.captures_len() != 3 {
                        return Err(invalid(
                            "the parse-kv regex needs exactly two capture groups (key, value)",
                            value.span,
                        ));
                    }
                    regex = Some(re);
                }
                "greedy" => {
                    greedy = matches!(self.constant(value, "greedy")?, Value::Bool(Some(true)))
                }
                other => {
                    return Err(invalid(
                        format!("unknown parse-kv option '{other}'"),
                        name.span,
                    ))
                }
            }
        }
        let mode = match (regex, pair, kv) {
            (Some(re), _, _) => KvMode::Regex(re),
            (None, Some(pair), Some(kv)) if !pair.is_empty() && !kv.is_empty() => {
                KvMode::Delimited {
                    pair,
                    kv,
                    quotes,
                    escape,
                    greedy,
                }
            }
            (None, None, None) => KvMode::Loose { quotes, escape },
            _ => {
                return Err(invalid(
                    "parse-kv needs both pair_delimiter and kv_delimiter (non-empty), or regex",
                    span,
                ))
            }
        };
        let mut schema = input.schema.clone();
        let mut outputs: Vec<Result<usize, usize>> = (0..schema.len()).map(Ok).collect();
        let mut keys = Vec::new();
        for (k, c) in p.keys.iter().enumerate() {
            let ty = DataType::from(c.ty);
            keys.push((c.name.name.clone(), ty));
            match schema.iter().position(|f| f.name == c.name.name) {
                Some(i) if outputs[i].is_ok() => {
                    schema[i].data_type = ty;
                    outputs[i] = Err(k);
                }
                Some(_) => {
                    return Err(BindError::new(
                        BindErrorKind::DuplicateColumn {
                            name: c.name.name.clone(),
                        },
                        c.name.span,
                    ))
                }
                None => {
                    schema.push(Field::new(c.name.name.clone(), ty));
                    outputs.push(Err(k));
                }
            }
        }
        Ok(Plan {
            kind: PlanKind::Ext(ExtPlan::ParseKv(Box::new(ParseKvPlan {
                input: Box::new(input),
                expr,
                keys,
                outputs,
                mode,
            }))),
            schema,
            span,
        })
    }
}
