//! `parse` and `parse-where` (q/parse-operator.md, q/parse-where-operator.md): the pattern
//! becomes one regular expression, built once per operator.
//!
//! The pattern is anchored at the start of the text. `*` is `.*?`; a string column is
//! `(.*?)`, or `(.*)` when it ends the pattern (it takes the rest). In `simple` mode the
//! delimiters are literal text and `long`/`int`/`real` columns only match numbers, so a
//! row whose text does not fit gets nulls in every parsed column; `relaxed` lets typed
//! columns match anything and nulls only the ones that fail to convert; in `regex` mode the
//! delimiters are regular expressions and `flags=` become inline flags.

use super::{invalid, ExtPlan};
use crate::bind::plan::{BoundExpr, Plan, PlanKind};
use crate::bind::Binder;
use crate::error::BindError;
use crate::table::Field;
use crate::types::DataType;
use kql_parser::ast::{Parse, ParseKind, ParsePart};
use kql_parser::Span;

/// How strictly a row must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseMode {
    /// All delimiters found and all typed columns convert, or every column is null.
    Strict,
    /// Delimiters must be found; typed columns that fail to convert are null.
    Relaxed,
}

/// A bound `parse`.
#[derive(Debug, Clone)]
pub struct ParsePlan {
    /// Input.
    pub input: Box<Plan>,
    /// The parsed text (string).
    pub expr: BoundExpr,
    /// The pattern as a regex: the group named [`group_name`]`(k)` is parsed column `k`.
    pub regex: regex::Regex,
    /// The type of each parsed column.
    pub types: Vec<DataType>,
    /// Per output field: `Ok(i)` for input column `i`, `Err(k)` for parsed column `k`.
    pub outputs: Vec<Result<usize, usize>>,
    /// Strict or relaxed.
    pub mode: ParseMode,
    /// `parse-where`: drop rows that do not match.
    pub drop_unmatched: bool,
}

fn typed_pattern(ty: DataType, last: bool) -> &'static str {
    match ty {
        DataType::Int | DataType::Long => r"-?\d+",
        DataType::Real | DataType::Decimal => r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?",
        _ if last => ".*",
        _ => ".*?",
    }
}

/// The name of the capture group of parsed column `k` (named, so that groups inside
/// regex delimiters do not shift the numbering).
pub fn group_name(k: usize) -> String {
    format!("kqlcol{k}")
}

/// The regex text for a pattern.
fn pattern_regex(p: &Parse, span: Span) -> Result<String, BindError> {
    let kind = p.kind.unwrap_or(ParseKind::Simple);
    let mut re = String::new();
    match (&p.flags, kind) {
        (Some(flags), ParseKind::Regex) => {
            if !flags.chars().all(|c| "imsUx".contains(c)) {
                return Err(invalid(
                    format!("unknown regex flags '{flags}' (allowed: i, m, s, U, x)"),
                    span,
                ));
            }
            re.push_str(&format!("(?{flags})"));
        }
        (Some(_), _) => return Err(invalid("flags= needs kind=regex", span)),
        (None, ParseKind::Regex) => {}
        (None, _) => re.push_str("(?s)"),
    }
    re.push_str(r"\A");
    let n = p.pattern.len();
    let mut after_string_column = false;
    let mut column = 0;
    for (i, part) in p.pattern.iter().enumerate() {
        let last = i + 1 == n;
        match part {
            ParsePart::Star => {
                if after_string_column {
                    return Err(invalid(
                        "'*' cannot follow a string column in a parse pattern (ambiguous)",
                        span,
                    ));
                }
                re.push_str(".*?");
                after_string_column = false;
            }
            ParsePart::Text(t) => {
                if kind == ParseKind::Regex {
                    re.push_str("(?:");
                    re.push_str(t);
                    re.push(')');
                } else {
                    re.push_str(&regex::escape(t));
                }
                after_string_column = false;
            }
            ParsePart::Column { ty, .. } => {
                let ty = ty.map_or(DataType::String, DataType::from);
                // Relaxed: try the typed form first, else take anything (which then
                // fails to convert and becomes null).
                let any = if last { ".*" } else { ".*?" };
                let typed = typed_pattern(ty, last);
                let body = if kind != ParseKind::Relaxed || typed == any {
                    typed.to_string()
                } else {
                    format!("{typed}|{any}")
                };
                re.push_str(&format!("(?P<{}>{body})", group_name(column)));
                column += 1;
                after_string_column = ty == DataType::String;
            }
        }
    }
    Ok(re)
}

impl Binder<'_> {
    pub(super) fn bind_parse(
        &mut self,
        input: Plan,
        p: &Parse,
        span: Span,
    ) -> Result<Plan, BindError> {
        let expr = self.bind_scalar(&p.expr, &input.schema)?;
        let expr = self.convert(expr, DataType::String)?;
        let text = pattern_regex(p, span)?;
        let regex = crate::regex_compat::compile(&text)
            .map_err(|e| invalid(format!("invalid parse pattern: {e}"), span))?;
        let mut schema = input.schema.clone();
        let mut outputs: Vec<Result<usize, usize>> = (0..schema.len()).map(Ok).collect();
        let mut types = Vec::new();
        let mut extracted: Vec<&str> = Vec::new();
        for part in &p.pattern {
            let ParsePart::Column { name, ty } = part else {
                continue;
            };
            let ty = ty.map_or(DataType::String, DataType::from);
            let k = types.len();
            types.push(ty);
            if extracted.contains(&name.name.as_str()) {
                return Err(BindError::new(
                    crate::error::BindErrorKind::DuplicateColumn {
                        name: name.name.clone(),
                    },
                    name.span,
                ));
            }
            extracted.push(&name.name);
            // A name the input already has is a new column with a numbered name
            // (`Issuer` -> `Issuer1`), the input column kept: the official analyzer's
            // result schema for `parse` into an existing name.
            let taken: Vec<String> = schema.iter().map(|f| f.name.clone()).collect();
            let out_name = super::super::naming::unique_name(&name.name, &taken);
            schema.push(Field::new(out_name, ty));
            outputs.push(Err(k));
        }
        let mode = if p.kind == Some(ParseKind::Relaxed) {
            ParseMode::Relaxed
        } else {
            ParseMode::Strict
        };
        Ok(Plan {
            kind: PlanKind::Ext(ExtPlan::Parse(Box::new(ParsePlan {
                input: Box::new(input),
                expr,
                regex,
                types,
                outputs,
                mode,
                drop_unmatched: p.drop_unmatched,
            }))),
            schema,
            span,
        })
    }
}
