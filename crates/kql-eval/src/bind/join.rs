//! `join` (q/join-operator.md), `lookup` (q/lookup-operator.md), `as` (q/as-operator.md)
//! and `invoke` (q/invoke-operator.md).

use crate::bind::naming::unique_name;
use crate::bind::plan::{Plan, PlanKind};
use crate::bind::scope::Binding;
use crate::bind::{Binder, Bound};
use crate::error::{BindError, BindErrorKind};
use crate::table::Field;
use crate::types::DataType;
use kql_parser::ast::{Expr, ExprKind, Ident, Join, JoinCondition, JoinKind};
use kql_parser::Span;

/// A bound `join` or `lookup`.
#[derive(Debug, Clone)]
pub struct JoinPlan {
    /// The left input (the piped table).
    pub left: Plan,
    /// The right input.
    pub right: Plan,
    /// The join kind (`lookup` binds as `LeftOuter` or `Inner`).
    pub kind: JoinKind,
    /// Key columns of the left input, pairwise with `right_keys`.
    pub left_keys: Vec<usize>,
    /// Key columns of the right input.
    pub right_keys: Vec<usize>,
    /// The right columns in the output, in order (after the left ones), for kinds that
    /// output both sides. `lookup` leaves out the right keys.
    pub right_out: Vec<usize>,
}

impl JoinPlan {
    /// True when the output has the left columns (everything but `rightsemi`/`rightanti`).
    pub fn outputs_left(&self) -> bool {
        !matches!(self.kind, JoinKind::RightSemi | JoinKind::RightAnti)
    }

    /// True when the output has right columns after the left ones.
    pub fn outputs_both(&self) -> bool {
        !matches!(
            self.kind,
            JoinKind::LeftSemi | JoinKind::LeftAnti | JoinKind::RightSemi | JoinKind::RightAnti
        )
    }
}

fn column_index(schema: &[Field], id: &Ident, side: &str) -> Result<usize, BindError> {
    schema
        .iter()
        .position(|f| f.name == id.name)
        .ok_or_else(|| {
            BindError::new(
                BindErrorKind::UnknownColumn {
                    name: format!("{side}{}", id.name),
                },
                id.span,
            )
        })
}

impl Binder<'_> {
    /// `L | join kind=K (R) on ...` / `L | lookup kind=K (R) on ...`.
    pub(crate) fn bind_join(
        &mut self,
        left: Plan,
        j: &Join,
        lookup: bool,
        span: Span,
    ) -> Result<Plan, BindError> {
        let right = self.bind_tabular(&j.right)?;
        let default = if lookup {
            JoinKind::LeftOuter
        } else {
            JoinKind::InnerUnique
        };
        let kind = j.kind.unwrap_or(default);
        let mut left_keys = Vec::new();
        let mut right_keys = Vec::new();
        for c in &j.on {
            let (l, r) = match c {
                JoinCondition::Column(id) => (id, id),
                JoinCondition::Equal { left, right } => (left, right),
            };
            let li = column_index(&left.schema, l, "$left.")?;
            let ri = column_index(&right.schema, r, "$right.")?;
            let (lt, rt) = (left.schema[li].data_type, right.schema[ri].data_type);
            let integer = |t: DataType| matches!(t, DataType::Int | DataType::Long);
            let compatible = lt == rt || (integer(lt) && integer(rt));
            if !compatible {
                return Err(BindError::new(
                    BindErrorKind::TypeMismatch {
                        op: format!("{} join key", if lookup { "lookup" } else { "join" }),
                        left: lt,
                        right: rt,
                    },
                    r.span,
                ));
            }
            left_keys.push(li);
            right_keys.push(ri);
        }
        let right_out: Vec<usize> = (0..right.schema.len())
            .filter(|i| !lookup || !right_keys.contains(i))
            .collect();
        let plan = JoinPlan {
            left,
            right,
            kind,
            left_keys,
            right_keys,
            right_out,
        };
        let schema = join_schema(&plan);
        Ok(Plan {
            kind: PlanKind::Join(Box::new(plan)),
            schema,
            span,
        })
    }

    /// `T | as Name`: binds `Name` to `T` for the rest of the query; rows pass through.
    pub(crate) fn bind_as(&mut self, input: Plan, name: &Ident) -> Result<Plan, BindError> {
        self.scope
            .push(name.name.clone(), Binding::Tabular(input.clone()));
        Ok(input)
    }

    /// The let or `as` name bound to exactly this plan (the piped input of `union`), so
    /// `T | as T1 | union withsource=S ...` reports `T1` (q/as-operator.md).
    pub(crate) fn plan_name(&self, p: &Plan) -> Option<String> {
        let names: Vec<&str> = self.scope.tabular_names().collect();
        names
            .into_iter()
            .rev()
            .find(|n| {
                matches!(self.scope.get(n), Some(Binding::Tabular(b))
                    if b.span == p.span && b.schema == p.schema)
            })
            .map(str::to_string)
    }

    /// `T | invoke f(a, b)`: calls the let function `f` with `T` as its first argument.
    pub(crate) fn bind_invoke(
        &mut self,
        input: Plan,
        call: &Expr,
        span: Span,
    ) -> Result<Plan, BindError> {
        let (func, args): (&Ident, &[Expr]) = match &call.kind {
            ExprKind::Call { func, args } => (func, args),
            ExprKind::Name(id) => (id, &[]),
            _ => {
                return Err(BindError::new(
                    BindErrorKind::Unsupported {
                        what: "invoke of something other than a function call".into(),
                    },
                    call.span,
                ))
            }
        };
        let Some(Binding::Function(f)) = self.scope.get(&func.name).cloned() else {
            if let Some(what) = service_function(&func.name) {
                return Err(BindError::new(
                    BindErrorKind::Unsupported { what },
                    func.span,
                ));
            }
            return Err(BindError::new(
                BindErrorKind::UnknownFunction {
                    name: func.name.clone(),
                },
                func.span,
            ));
        };
        // The input travels as a hidden let name that no query can spell.
        const INPUT: &str = "$invoke input";
        let saved = self.scope.clone();
        self.scope.push(INPUT.to_string(), Binding::Tabular(input));
        let mut all_args = Vec::with_capacity(args.len() + 1);
        all_args.push(Expr {
            kind: ExprKind::Name(Ident::new(INPUT, call.span)),
            span: call.span,
        });
        all_args.extend(args.iter().cloned());
        let result = self.call_user_function(&f, &all_args, span, &[]);
        self.scope = saved;
        match result? {
            Bound::Tabular(p) => Ok(p),
            Bound::Scalar(_) => Err(BindError::new(
                BindErrorKind::ExpectedTabular {
                    name: func.name.clone(),
                },
                call.span,
            )),
        }
    }
}

/// Output columns: left, then right (clashing right names get `1`, `2`, ... suffixes);
/// one side only for the semi and anti kinds.
fn join_schema(p: &JoinPlan) -> Vec<Field> {
    if !p.outputs_left() {
        return p.right.schema.clone();
    }
    let mut schema = p.left.schema.clone();
    if !p.outputs_both() {
        return schema;
    }
    // A right name that clashes with a left one gets the first suffix that neither side
    // uses (right `Timestamp` next to right `Timestamp1` becomes `Timestamp2`), as the
    // official analyzer names them.
    let right: Vec<&Field> = p
        .right_out
        .iter()
        .filter_map(|&i| p.right.schema.get(i))
        .collect();
    append_right_columns(&mut schema, &right);
    schema
}

/// Appends `right` to `schema` (the left side's columns), renaming a right column whose
/// name the left side has to the first `name1`, `name2`, ... that neither side uses: the
/// naming of `join`, `lookup` and the IP lookup plugins.
pub(crate) fn append_right_columns(schema: &mut Vec<Field>, right: &[&Field]) {
    let left_names: Vec<String> = schema.iter().map(|f| f.name.clone()).collect();
    let mut taken = left_names.clone();
    taken.extend(right.iter().map(|f| f.name.clone()));
    for f in right {
        let name = if left_names.contains(&f.name) {
            let name = unique_name(&f.name, &taken);
            taken.push(name.clone());
            name
        } else {
            f.name.clone()
        };
        schema.push(Field::new(name, f.data_type));
    }
}

/// Functions that `invoke` reaches in Microsoft Defender's advanced hunting whose data
/// lives in the service (a corpus of real rules calls `invoke FileProfile()` in 47
/// queries): named as unsupported rather than unknown.
fn service_function(name: &str) -> Option<String> {
    match name {
        "FileProfile" => Some(format!(
            "'{name}()' (a Microsoft Defender enrichment function whose data lives in the service)"
        )),
        _ => None,
    }
}

/// The name a pipeline ends by binding with `| as Name`, if any: `union withsource=`
/// reports it as the leg's name (q/as-operator.md).
pub(crate) fn as_name(e: &Expr) -> Option<String> {
    let ExprKind::Tabular(t) = &e.kind else {
        return None;
    };
    match &t.operators.last()?.kind {
        kql_parser::ast::OperatorKind::As { name, .. } => Some(name.name.clone()),
        _ => None,
    }
}
