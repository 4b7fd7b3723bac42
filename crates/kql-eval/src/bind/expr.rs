//! Binding scalar expressions: names to columns or lets, operators to typed kernels,
//! calls to registry functions with coerced arguments; constants folded.

use super::coerce::{arith_types, compare_type};
use super::plan::{ArithOp, BoundExpr, BoundExprKind, CmpOp};
use super::scope::{Binding, Closure};
use super::{suggest, Binder, Bound};
use crate::error::{BindError, BindErrorKind};
use crate::expr::{evaluate_constant, literal_value};
use crate::functions::ArgType;
use crate::table::Field;
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::{BinaryOp, Expr, ExprKind, ListOp, StatementKind, UnaryOp};
use kql_parser::Span;
use std::rc::Rc;

fn err(kind: BindErrorKind, span: Span) -> BindError {
    BindError::new(kind, span)
}

fn boxed(e: BoundExpr) -> Box<BoundExpr> {
    Box::new(e)
}

impl Binder<'_> {
    /// Binds a scalar expression over a row of `row` fields.
    pub(crate) fn bind_scalar(&mut self, e: &Expr, row: &[Field]) -> Result<BoundExpr, BindError> {
        self.enter(e.span)?;
        let r = self.bind_scalar_inner(e, row).map(|b| self.fold(b));
        self.depth -= 1;
        r
    }

    /// Replaces a constant expression by its value (when it evaluates without error).
    fn fold(&self, b: BoundExpr) -> BoundExpr {
        if matches!(b.kind, BoundExprKind::Literal(_)) || !b.is_constant() {
            return b;
        }
        match evaluate_constant(&b, self.now) {
            Ok(v) if v.data_type() == b.ty => BoundExpr::literal(v, b.span),
            _ => b,
        }
    }

    fn bind_scalar_inner(&mut self, e: &Expr, row: &[Field]) -> Result<BoundExpr, BindError> {
        let span = e.span;
        match &e.kind {
            ExprKind::Literal(l) => {
                let v = literal_value(l)
                    .map_err(|m| err(BindErrorKind::InvalidValue { message: m }, span))?;
                Ok(BoundExpr::literal(v, span))
            }
            ExprKind::Name(id) => self.bind_name(&id.name, span, row),
            ExprKind::Star => Err(err(
                BindErrorKind::InvalidValue {
                    message: "'*' is not valid here".into(),
                },
                span,
            )),
            ExprKind::TypeOf(t) => Ok(BoundExpr::literal(
                Value::String(t.as_str().to_string()),
                span,
            )),
            ExprKind::Tabular(_) => Err(err(BindErrorKind::ExpectedScalar, span)),
            ExprKind::NamedArg { name, .. } => Err(err(
                BindErrorKind::InvalidValue {
                    message: format!(
                        "'{} = ...' is a named argument, valid only in a function call's arguments",
                        name.name
                    ),
                },
                span,
            )),
            ExprKind::Unary { op, operand } => {
                let x = self.bind_scalar(operand, row)?;
                match op {
                    UnaryOp::Plus => Ok(x),
                    UnaryOp::Neg => {
                        let x = if x.ty == DataType::Dynamic {
                            self.convert(x, DataType::Real)?
                        } else {
                            x
                        };
                        if !(x.ty.is_numeric() || x.ty == DataType::TimeSpan) {
                            return Err(err(
                                BindErrorKind::WrongType {
                                    what: "the operand of '-'".into(),
                                    expected: "a number or timespan".into(),
                                    found: x.ty,
                                },
                                span,
                            ));
                        }
                        let ty = if x.ty == DataType::Int {
                            DataType::Long
                        } else {
                            x.ty
                        };
                        let x = self.convert(x, ty)?;
                        Ok(BoundExpr {
                            kind: BoundExprKind::Neg(boxed(x)),
                            ty,
                            span,
                        })
                    }
                }
            }
            ExprKind::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                lhs,
                ..
            } if matches!(&lhs.kind, ExprKind::Binary { op: o, .. } if o == op) => {
                self.bind_logical_chain(*op, e, row)
            }
            ExprKind::Binary {
                op: BinaryOp::Str(s),
                lhs,
                rhs,
            } if matches!(lhs.kind, ExprKind::Star) => {
                let any = super::search::any_column(row, *s, rhs, span);
                self.bind_scalar(&any, row)
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let l = self.bind_scalar(lhs, row)?;
                let r = self.bind_scalar(rhs, row)?;
                self.bind_binary(*op, l, r, span)
            }
            ExprKind::InList { op, lhs, list } => self.bind_in_list(*op, lhs, list, span, row),
            ExprKind::Between {
                negated,
                lhs,
                low,
                high,
            } => {
                let x = self.bind_scalar(lhs, row)?;
                let lo = self.bind_scalar(low, row)?;
                let mut hi = self.bind_scalar(high, row)?;
                if lo.ty == DataType::DateTime && hi.ty == DataType::TimeSpan {
                    let hs = hi.span;
                    hi = self.bind_binary(BinaryOp::Add, lo.clone(), hi, hs)?;
                }
                let t1 = self.compare_type_or_err("between", &x, &lo, span)?;
                let t = self.compare_type_or_err("between", &x, &hi, span)?;
                let t = if t1 == DataType::Real {
                    DataType::Real
                } else {
                    t
                };
                Ok(BoundExpr {
                    kind: BoundExprKind::Between {
                        negated: *negated,
                        lhs: boxed(self.convert(x, t)?),
                        low: boxed(self.convert(lo, t)?),
                        high: boxed(self.convert(hi, t)?),
                    },
                    ty: DataType::Bool,
                    span,
                })
            }
            ExprKind::Call { func, args } => self.bind_call(&func.name, func.span, args, span, row),
            ExprKind::Member { target, name } => {
                let t = self.bind_dynamic_target(target, row)?;
                Ok(BoundExpr {
                    kind: BoundExprKind::Member {
                        target: boxed(t),
                        key: name.name.clone(),
                    },
                    ty: DataType::Dynamic,
                    span,
                })
            }
            ExprKind::Index { target, index } => {
                let t = self.bind_dynamic_target(target, row)?;
                let i = self.bind_scalar(index, row)?;
                let i = match i.ty {
                    DataType::String | DataType::Long => i,
                    DataType::Int => self.convert(i, DataType::Long)?,
                    DataType::Dynamic => self.convert(i, DataType::String)?,
                    other => {
                        return Err(err(
                            BindErrorKind::WrongType {
                                what: "an index".into(),
                                expected: "a long or string".into(),
                                found: other,
                            },
                            index.span,
                        ))
                    }
                };
                Ok(BoundExpr {
                    kind: BoundExprKind::Index {
                        target: boxed(t),
                        index: boxed(i),
                    },
                    ty: DataType::Dynamic,
                    span,
                })
            }
        }
    }

    fn bind_dynamic_target(
        &mut self,
        target: &Expr,
        row: &[Field],
    ) -> Result<BoundExpr, BindError> {
        let t = self.bind_scalar(target, row)?;
        // A string holding JSON is accessed like the dynamic value it encodes (Kusto's
        // analyzer accepts `StringColumn.key`).
        let t = if t.ty == DataType::String {
            self.convert(t, DataType::Dynamic)?
        } else {
            t
        };
        if t.ty != DataType::Dynamic {
            return Err(err(
                BindErrorKind::WrongType {
                    what: "the target of member access or indexing".into(),
                    expected: "dynamic".into(),
                    found: t.ty,
                },
                target.span,
            ));
        }
        Ok(t)
    }

    fn bind_name(&mut self, name: &str, span: Span, row: &[Field]) -> Result<BoundExpr, BindError> {
        if let Some(i) = row.iter().position(|f| f.name == name) {
            return Ok(BoundExpr {
                kind: BoundExprKind::Column(i),
                ty: row[i].data_type,
                span,
            });
        }
        match self.scope.get(name).cloned() {
            Some(Binding::Scalar(s)) => Ok(BoundExpr { span, ..s }),
            Some(Binding::Tabular(_)) => Err(err(BindErrorKind::ExpectedScalar, span)),
            Some(Binding::Function(f)) => match self.call_user_function(&f, &[], span, row)? {
                Bound::Scalar(s) => Ok(s),
                Bound::Tabular(_) => Err(err(BindErrorKind::ExpectedScalar, span)),
            },
            None => {
                if self.engine.table(name).is_some() {
                    return Err(err(BindErrorKind::ExpectedScalar, span));
                }
                let candidates: Vec<&str> = row
                    .iter()
                    .map(|f| f.name.as_str())
                    .chain(self.scope.scalar_names())
                    .collect();
                let e = err(
                    BindErrorKind::UnknownColumn {
                        name: name.to_string(),
                    },
                    span,
                );
                Err(match suggest::did_you_mean(name, candidates) {
                    Some(h) => e.with_hint(h),
                    None if self.data_columns_unknown => e.with_hint(
                        "bag_unpack and pivot make their columns from the rows they read, and \
                         they read none here: run the query over sample data",
                    ),
                    None => e,
                })
            }
        }
    }

    fn compare_type_or_err(
        &self,
        op: &str,
        l: &BoundExpr,
        r: &BoundExpr,
        span: Span,
    ) -> Result<DataType, BindError> {
        compare_type(l.ty, r.ty).ok_or_else(|| {
            err(
                BindErrorKind::TypeMismatch {
                    op: op.to_string(),
                    left: l.ty,
                    right: r.ty,
                },
                span,
            )
        })
    }

    pub(crate) fn bind_binary(
        &mut self,
        op: BinaryOp,
        l: BoundExpr,
        r: BoundExpr,
        span: Span,
    ) -> Result<BoundExpr, BindError> {
        let op_text = binary_op_text(op);
        let mismatch = |l: &BoundExpr, r: &BoundExpr| {
            err(
                BindErrorKind::TypeMismatch {
                    op: op_text.clone(),
                    left: l.ty,
                    right: r.ty,
                },
                span,
            )
        };
        let (kind, ty) = match op {
            BinaryOp::And | BinaryOp::Or => {
                let l = self.bool_operand(l, &op_text)?;
                let r = self.bool_operand(r, &op_text)?;
                let k = if op == BinaryOp::And {
                    BoundExprKind::And(boxed(l), boxed(r))
                } else {
                    BoundExprKind::Or(boxed(l), boxed(r))
                };
                (k, DataType::Bool)
            }
            BinaryOp::Eq
            | BinaryOp::NotEq
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => {
                let t = compare_type(l.ty, r.ty).ok_or_else(|| mismatch(&l, &r))?;
                let cmp = match op {
                    BinaryOp::Eq => CmpOp::Eq,
                    BinaryOp::NotEq => CmpOp::NotEq,
                    BinaryOp::Lt => CmpOp::Lt,
                    BinaryOp::Le => CmpOp::Le,
                    BinaryOp::Gt => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                let k = BoundExprKind::Compare {
                    op: cmp,
                    lhs: boxed(self.convert(l, t)?),
                    rhs: boxed(self.convert(r, t)?),
                };
                (k, DataType::Bool)
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => {
                let aop = match op {
                    BinaryOp::Add => ArithOp::Add,
                    BinaryOp::Sub => ArithOp::Sub,
                    BinaryOp::Mul => ArithOp::Mul,
                    BinaryOp::Div => ArithOp::Div,
                    _ => ArithOp::Mod,
                };
                let (lt, rt, res) = arith_types(aop, l.ty, r.ty).ok_or_else(|| mismatch(&l, &r))?;
                let k = BoundExprKind::Arith {
                    op: aop,
                    lhs: boxed(self.convert(l, lt)?),
                    rhs: boxed(self.convert(r, rt)?),
                };
                (k, res)
            }
            BinaryOp::EqCi | BinaryOp::NotEqCi => {
                let k = BoundExprKind::EqualsCi {
                    negated: op == BinaryOp::NotEqCi,
                    lhs: boxed(self.string_operand(l, &op_text)?),
                    rhs: boxed(self.string_operand(r, &op_text)?),
                };
                (k, DataType::Bool)
            }
            BinaryOp::Str(sop) => {
                let k = BoundExprKind::StringOp {
                    op: sop,
                    lhs: boxed(self.string_operand(l, &op_text)?),
                    rhs: boxed(self.string_operand(r, &op_text)?),
                };
                (k, DataType::Bool)
            }
            BinaryOp::MatchesRegex => {
                let l = self.string_operand(l, &op_text)?;
                let r = self.string_operand(r, &op_text)?;
                if let BoundExprKind::Literal(Value::String(p)) = &r.kind {
                    if let Err(e) = crate::regex_compat::compile(p) {
                        return Err(err(
                            BindErrorKind::InvalidValue {
                                message: format!("invalid regular expression: {e}"),
                            },
                            r.span,
                        ));
                    }
                }
                (
                    BoundExprKind::MatchesRegex {
                        lhs: boxed(l),
                        rhs: boxed(r),
                    },
                    DataType::Bool,
                )
            }
        };
        Ok(self.fold(BoundExpr { kind, ty, span }))
    }

    pub(super) fn bool_operand(&mut self, e: BoundExpr, op: &str) -> Result<BoundExpr, BindError> {
        match e.ty {
            DataType::Bool => Ok(e),
            DataType::Dynamic => self.convert(e, DataType::Bool),
            other => Err(err(
                BindErrorKind::WrongType {
                    what: format!("an operand of '{op}'"),
                    expected: "bool".into(),
                    found: other,
                },
                e.span,
            )),
        }
    }

    /// String operators accept any scalar and compare its text form.
    fn string_operand(&mut self, e: BoundExpr, _op: &str) -> Result<BoundExpr, BindError> {
        self.convert(e, DataType::String)
    }

    fn bind_in_list(
        &mut self,
        op: ListOp,
        lhs: &Expr,
        list: &[Expr],
        span: Span,
        row: &[Field],
    ) -> Result<BoundExpr, BindError> {
        let x = self.bind_scalar(lhs, row)?;
        let string_op = !matches!(op, ListOp::In | ListOp::NotIn);
        let x = if string_op || x.ty == DataType::Dynamic {
            self.convert(x, DataType::String)?
        } else if x.ty == DataType::Int {
            self.convert(x, DataType::Long)?
        } else {
            x
        };
        let mut bound = Vec::with_capacity(list.len());
        for item in list {
            let b = match self.bind_value(item, row)? {
                Bound::Scalar(s) => s,
                Bound::Tabular(plan) => self.tabular_list_item(plan, item.span)?,
            };
            bound.push(b);
        }
        // One type for the tested value and the (non-dynamic) elements: strings for the
        // case-insensitive and term operators; otherwise as for `==` (`RemotePort in
        // ("22", "80")` compares as text, like Kusto's analyzer allows).
        let mut target = x.ty;
        if !string_op {
            for b in bound.iter().filter(|b| b.ty != DataType::Dynamic) {
                target = compare_type(target, b.ty).ok_or_else(|| {
                    err(
                        BindErrorKind::TypeMismatch {
                            op: op.as_str().to_string(),
                            left: x.ty,
                            right: b.ty,
                        },
                        b.span,
                    )
                })?;
            }
        }
        let x = self.convert(x, target)?;
        let mut items = Vec::with_capacity(bound.len());
        for b in bound {
            items.push(if b.ty == DataType::Dynamic {
                b
            } else {
                self.convert(b, target)?
            });
        }
        Ok(BoundExpr {
            kind: BoundExprKind::InList {
                op,
                lhs: boxed(x),
                list: items,
            },
            ty: DataType::Bool,
            span,
        })
    }

    /// Converts `e` to type `to` (no-op when it already has it), through the registry's
    /// conversion function (`tostring`, `tolong`, ...). Constants convert at bind time.
    pub(crate) fn convert(&mut self, e: BoundExpr, to: DataType) -> Result<BoundExpr, BindError> {
        if e.ty == to {
            return Ok(e);
        }
        let name = match to {
            DataType::Bool => "tobool",
            DataType::Int => "toint",
            DataType::Long => "tolong",
            DataType::Real => "toreal",
            DataType::Decimal => "todecimal",
            DataType::String => "tostring",
            DataType::DateTime => "todatetime",
            DataType::TimeSpan => "totimespan",
            DataType::Guid => "toguid",
            DataType::Dynamic => "todynamic",
        };
        let Some(func) = self.engine.functions().scalar(name).cloned() else {
            return Err(err(
                BindErrorKind::Unsupported {
                    what: format!("converting {} to {to} ('{name}' is not available)", e.ty),
                },
                e.span,
            ));
        };
        let span = e.span;
        Ok(self.fold(BoundExpr {
            kind: BoundExprKind::Call {
                func,
                args: vec![e],
            },
            ty: to,
            span,
        }))
    }

    fn bind_call(
        &mut self,
        name: &str,
        name_span: Span,
        args: &[Expr],
        span: Span,
        row: &[Field],
    ) -> Result<BoundExpr, BindError> {
        let tuple_ok = std::mem::take(&mut self.tuple_ok);
        if let Some(Binding::Function(f)) = self.scope.get(name).cloned() {
            return match self.call_user_function(&f, args, span, row)? {
                Bound::Scalar(s) => Ok(s),
                Bound::Tabular(_) => Err(err(BindErrorKind::ExpectedScalar, span)),
            };
        }
        if name == "toscalar" {
            return self.bind_toscalar(args, span);
        }
        if name == "pack_all" {
            return self.bind_pack_all(args, span, row);
        }
        if name == "column_ifexists" {
            return self.bind_column_ifexists(args, span, row);
        }
        if name == "materialize" {
            return Err(err(
                BindErrorKind::Unsupported {
                    what: format!("function '{name}'"),
                },
                name_span,
            ));
        }
        let Some(func) = self.engine.functions().scalar(name).cloned() else {
            if self.engine.functions().aggregate(name).is_some() {
                return Err(err(
                    BindErrorKind::Aggregate {
                        message: format!(
                            "aggregate function '{name}' can only be used in summarize"
                        ),
                    },
                    name_span,
                ));
            }
            let e = err(
                BindErrorKind::UnknownFunction {
                    name: name.to_string(),
                },
                name_span,
            );
            let names = self.engine.functions().names();
            return Err(match suggest::did_you_mean(name, names) {
                Some(h) => e.with_hint(h),
                None => e,
            });
        };
        if !tuple_ok && self.engine.functions().tuple_columns(name).is_some() {
            return Err(err(
                BindErrorKind::InvalidValue {
                    message: format!(
                        "'{name}' returns several columns: use it directly in extend, \
                         project or print, not inside another expression"
                    ),
                },
                name_span,
            ));
        }
        if !self.window_ok && super::ops::is_window_function(name) {
            return Err(super::ops::window_error(name, name_span));
        }
        let sig = func.signature;
        let params: Vec<&str> = sig.args.iter().map(|a| a.name).collect();
        let args = super::named_args::in_order(args, &params, name, span)?;
        let args: &[Expr] = &args;
        if args.len() < sig.min_args() || args.len() > sig.max_args {
            return Err(err(
                BindErrorKind::ArgumentCount {
                    func: name.to_string(),
                    expected: sig.describe_count(),
                    found: args.len(),
                },
                span,
            ));
        }
        let mut bound = Vec::with_capacity(args.len());
        for (i, a) in args.iter().enumerate() {
            let b = self.bind_scalar(a, row)?;
            let ty = sig.arg_at(i).map_or(ArgType::Any, |x| x.ty);
            bound.push(self.coerce_arg(b, ty, name, i + 1)?);
        }
        let types: Vec<DataType> = bound.iter().map(|b| b.ty).collect();
        let constants: Vec<Option<Value>> = bound
            .iter()
            .map(|b| match &b.kind {
                BoundExprKind::Literal(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        let ty = func.returns.resolve(&types, &constants);
        if func.name == crate::functions::scalar::geoip::GEO_INFO && bound.len() == 1 {
            // The engine's geolocation table travels with the call.
            if let Some(ip) = bound.pop() {
                return Ok(BoundExpr {
                    kind: BoundExprKind::GeoInfo {
                        table: self.engine.geoip().cloned(),
                        ip: Box::new(ip),
                    },
                    ty,
                    span,
                });
            }
        }
        Ok(BoundExpr {
            kind: BoundExprKind::Call { func, args: bound },
            ty,
            span,
        })
    }

    /// Checks an argument against its declared type, converting where the rules allow.
    pub(crate) fn coerce_arg(
        &mut self,
        b: BoundExpr,
        ty: ArgType,
        func: &str,
        position: usize,
    ) -> Result<BoundExpr, BindError> {
        use DataType as D;
        let bad = |b: &BoundExpr| {
            err(
                BindErrorKind::ArgumentType {
                    func: func.to_string(),
                    position,
                    expected: ty.describe(),
                    found: b.ty,
                },
                b.span,
            )
        };
        let target = match ty {
            ArgType::Any | ArgType::Scalar => return Ok(b),
            ArgType::Type => {
                return match &b.kind {
                    BoundExprKind::Literal(Value::String(_)) => Ok(b),
                    _ => Err(bad(&b)),
                }
            }
            ArgType::Exact(t) => {
                let ok = b.ty == t
                    || b.ty == D::Dynamic
                    || (b.ty == D::Int && matches!(t, D::Long | D::Real | D::Decimal))
                    || (b.ty == D::Long && matches!(t, D::Real | D::Decimal));
                if !ok {
                    return Err(bad(&b));
                }
                t
            }
            ArgType::String => match b.ty {
                D::String | D::Dynamic => D::String,
                _ => return Err(bad(&b)),
            },
            ArgType::Long => match b.ty {
                D::Int | D::Long | D::Dynamic => D::Long,
                _ => return Err(bad(&b)),
            },
            ArgType::Real => match b.ty {
                t if t.is_numeric() || t == D::Dynamic => D::Real,
                _ => return Err(bad(&b)),
            },
            ArgType::Numeric => match b.ty {
                t if t.is_numeric() => return Ok(b),
                D::Dynamic => D::Real,
                _ => return Err(bad(&b)),
            },
            ArgType::Bool => match b.ty {
                D::Bool | D::Dynamic => D::Bool,
                _ => return Err(bad(&b)),
            },
            ArgType::DateTime => match b.ty {
                D::DateTime | D::Dynamic => D::DateTime,
                _ => return Err(bad(&b)),
            },
            ArgType::TimeSpan => match b.ty {
                D::TimeSpan | D::Dynamic => D::TimeSpan,
                _ => return Err(bad(&b)),
            },
            ArgType::Dynamic => D::Dynamic,
            ArgType::OneOf(ts) => {
                if ts.contains(&b.ty) {
                    return Ok(b);
                }
                if b.ty == D::Int && ts.contains(&D::Long) {
                    D::Long
                } else {
                    return Err(bad(&b));
                }
            }
        };
        self.convert(b, target)
    }

    /// Binds a call of a user-defined function: arguments in the caller's context,
    /// parameters bound in a scope on top of the definition's scope.
    pub(crate) fn call_user_function(
        &mut self,
        f: &Rc<Closure>,
        args: &[Expr],
        span: Span,
        row: &[Field],
    ) -> Result<Bound, BindError> {
        self.enter(span)?;
        let r = self.call_user_function_inner(f, args, span, row);
        self.depth -= 1;
        r
    }

    fn call_user_function_inner(
        &mut self,
        f: &Rc<Closure>,
        args: &[Expr],
        span: Span,
        row: &[Field],
    ) -> Result<Bound, BindError> {
        let params = &f.def.params;
        let names: Vec<&str> = params.iter().map(|p| p.name.name.as_str()).collect();
        let slots = super::named_args::place(args, &names, "this function")?;
        let required = params.iter().filter(|p| p.default.is_none()).count();
        if args.len() < required || slots.len() > params.len() {
            let expected = if required == params.len() {
                required.to_string()
            } else {
                format!("{required} to {}", params.len())
            };
            return Err(err(
                BindErrorKind::ArgumentCount {
                    func: "this function".into(),
                    expected,
                    found: args.len(),
                },
                span,
            ));
        }
        let mut bound_args = Vec::with_capacity(params.len());
        for a in &slots {
            bound_args.push(match a {
                Some(a) => Some(self.bind_value(a, row)?),
                None => None,
            });
        }
        let saved = std::mem::replace(&mut self.scope, f.scope.clone());
        let result = (|| {
            for (i, p) in params.iter().enumerate() {
                let value = match bound_args.get_mut(i).and_then(Option::take) {
                    Some(b) => b,
                    None => match &p.default {
                        Some(d) => self.bind_value(d, &[])?,
                        None => {
                            return Err(err(
                                BindErrorKind::InvalidValue {
                                    message: "missing argument".into(),
                                },
                                span,
                            ))
                        }
                    },
                };
                let binding = match value {
                    Bound::Scalar(s) => Binding::Scalar(match &p.ty {
                        kql_parser::ast::ParamType::Scalar(t) => {
                            let t = DataType::from(*t);
                            // A long passed for an int parameter converts (the official
                            // analyzer accepts `f(100)` for `(n: int)`).
                            let s = if t == DataType::Int && s.ty == DataType::Long {
                                self.convert(s, DataType::Int)?
                            } else {
                                s
                            };
                            self.coerce_arg(s, ArgType::Exact(t), &p.name.name, i + 1)?
                        }
                        kql_parser::ast::ParamType::Tabular(_) => {
                            return Err(err(
                                BindErrorKind::ExpectedTabular {
                                    name: p.name.name.clone(),
                                },
                                span,
                            ))
                        }
                    }),
                    Bound::Tabular(t) => Binding::Tabular(t),
                };
                self.scope.push(p.name.name.clone(), binding);
            }
            let mut result = None;
            for stmt in &f.def.body {
                match &stmt.kind {
                    StatementKind::Let(_)
                    | StatementKind::Set { .. }
                    | StatementKind::DeclareQueryParameters(_) => {
                        self.bind_statement(stmt)?;
                    }
                    StatementKind::Expr(e) => result = Some(self.bind_value(e, &[])?),
                }
            }
            result.ok_or_else(|| {
                err(
                    BindErrorKind::InvalidValue {
                        message: "the function body has no result expression".into(),
                    },
                    f.def.span,
                )
            })
        })();
        self.scope = saved;
        result
    }
}

impl Binder<'_> {
    /// `pack_all([ignore_null_empty])`: a bag of every column of the row
    /// (q/pack-all-function.md), as a call with the flag and a name/value pair per column.
    fn bind_pack_all(
        &mut self,
        args: &[Expr],
        span: Span,
        row: &[Field],
    ) -> Result<BoundExpr, BindError> {
        if args.len() > 1 {
            return Err(err(
                BindErrorKind::ArgumentCount {
                    func: "pack_all".into(),
                    expected: "0 to 1".into(),
                    found: args.len(),
                },
                span,
            ));
        }
        let flag = match args.first() {
            Some(a) => {
                let b = self.bind_scalar(a, row)?;
                self.coerce_arg(b, ArgType::Bool, "pack_all", 1)?
            }
            None => BoundExpr::literal(Value::Bool(Some(false)), span),
        };
        let Some(func) = self.engine.functions().scalar("pack_all").cloned() else {
            return Err(err(
                BindErrorKind::UnknownFunction {
                    name: "pack_all".into(),
                },
                span,
            ));
        };
        let mut call_args = vec![flag];
        for (i, f) in row.iter().enumerate() {
            call_args.push(BoundExpr::literal(Value::String(f.name.clone()), span));
            call_args.push(BoundExpr {
                kind: BoundExprKind::Column(i),
                ty: f.data_type,
                span,
            });
        }
        Ok(BoundExpr {
            kind: BoundExprKind::Call {
                func,
                args: call_args,
            },
            ty: DataType::Dynamic,
            span,
        })
    }

    /// `column_ifexists(name, default)`: the column when the row has it, else the default
    /// (q/column-ifexists-function.md).
    fn bind_column_ifexists(
        &mut self,
        args: &[Expr],
        span: Span,
        row: &[Field],
    ) -> Result<BoundExpr, BindError> {
        let [name, default] = args else {
            return Err(err(
                BindErrorKind::ArgumentCount {
                    func: "column_ifexists".into(),
                    expected: "2".into(),
                    found: args.len(),
                },
                span,
            ));
        };
        // A literal, or any constant string: a let value or a function parameter.
        let what = "the column name of column_ifexists";
        let column = match &name.kind {
            ExprKind::Literal(kql_parser::ast::Literal::String(column)) => column.clone(),
            _ => match self.constant(name, what)? {
                crate::value::Value::String(column) => column,
                _ => {
                    return Err(err(
                        BindErrorKind::NotConstant { what: what.into() },
                        name.span,
                    ))
                }
            },
        };
        match row.iter().position(|f| f.name == column) {
            Some(i) => Ok(BoundExpr {
                kind: BoundExprKind::Column(i),
                ty: row[i].data_type,
                span,
            }),
            None => self.bind_scalar(default, row),
        }
    }
}

/// The operator's text for messages.
pub(crate) fn binary_op_text(op: BinaryOp) -> String {
    match op {
        BinaryOp::Or => "or".into(),
        BinaryOp::And => "and".into(),
        BinaryOp::Eq => "==".into(),
        BinaryOp::NotEq => "!=".into(),
        BinaryOp::Lt => "<".into(),
        BinaryOp::Le => "<=".into(),
        BinaryOp::Gt => ">".into(),
        BinaryOp::Ge => ">=".into(),
        BinaryOp::Add => "+".into(),
        BinaryOp::Sub => "-".into(),
        BinaryOp::Mul => "*".into(),
        BinaryOp::Div => "/".into(),
        BinaryOp::Mod => "%".into(),
        BinaryOp::EqCi => "=~".into(),
        BinaryOp::NotEqCi => "!~".into(),
        BinaryOp::Str(s) => s.text(),
        BinaryOp::MatchesRegex => "matches regex".into(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod column_ifexists_tests {
    use crate::output::format_golden;
    use crate::Engine;

    #[test]
    fn column_name_from_a_function_parameter() {
        // q/column-ifexists-function.md: the name is a constant string; a function's
        // parameter is one once the function is called (q/functions/user-defined-functions.md)
        let q = "let Pick = (T:(*), col:string) { T | project v = column_ifexists(col, -1) };
            let D = datatable(a:long)[7];
            Pick(D, 'a'); Pick(D, 'zz')";
        let out = Engine::new().run(q).unwrap();
        assert_eq!(format_golden(&out[0]), "v:long\n7\n");
        assert_eq!(format_golden(&out[1]), "v:long\n-1\n");
    }
}
