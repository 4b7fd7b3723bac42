//! Binding `a and b and c ...` / `a or b or c ...` chains without recursing per term.
//!
//! The parser builds a left-deep tree for a chain (`((a or b) or c) or d`), so a query with
//! a 20,000-term `or` would need 20,000 levels of [`Binder::bind_scalar`]: past
//! [`super::MAX_BIND_DEPTH`], and past the stack. Walking the left spine with a loop gives
//! the operands in order; they bind one level deeper than the chain and become one
//! [`BoundExprKind::AndAll`] / [`BoundExprKind::OrAny`] node.

use super::plan::{BoundExpr, BoundExprKind};
use super::Binder;
use crate::error::BindError;
use crate::table::Field;
use crate::types::DataType;
use kql_parser::ast::{BinaryOp, Expr, ExprKind};

/// The operands of the chain of `op` rooted at `e`, left to right: the left spine's
/// right-hand sides and its leftmost leaf. Operands that are themselves other operators
/// (an `and` inside an `or` chain) are left whole.
pub(super) fn chain_operands(op: BinaryOp, e: &Expr) -> Vec<&Expr> {
    let mut rights = Vec::new();
    let mut cur = e;
    while let ExprKind::Binary { op: o, lhs, rhs } = &cur.kind {
        if *o != op {
            break;
        }
        rights.push(&**rhs);
        cur = lhs;
    }
    rights.push(cur);
    rights.reverse();
    rights
}

impl Binder<'_> {
    /// Binds the chain of `op` (`And` or `Or`) rooted at `e` as one n-ary node.
    pub(super) fn bind_logical_chain(
        &mut self,
        op: BinaryOp,
        e: &Expr,
        row: &[Field],
    ) -> Result<BoundExpr, BindError> {
        let op_text = if op == BinaryOp::And { "and" } else { "or" };
        let operands = chain_operands(op, e);
        let mut bound = Vec::with_capacity(operands.len());
        for x in operands {
            let b = self.bind_scalar(x, row)?;
            bound.push(self.bool_operand(b, op_text)?);
        }
        let kind = if op == BinaryOp::And {
            BoundExprKind::AndAll(bound)
        } else {
            BoundExprKind::OrAny(bound)
        };
        Ok(BoundExpr {
            kind,
            ty: DataType::Bool,
            span: e.span,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::chain_operands;
    use kql_parser::ast::BinaryOp;
    use kql_parser::parse_expr;

    #[test]
    fn operands_come_out_left_to_right() {
        let e = parse_expr("a or b and c or d or (e or f)").unwrap_or_else(|e| panic!("{e}"));
        let ops: Vec<String> = chain_operands(BinaryOp::Or, &e)
            .iter()
            .map(|x| x.to_string())
            .collect();
        assert_eq!(ops, ["a", "b and c", "d", "e or f"]);
    }

    /// A flattened chain (`a or b or c`, left-nested) gives what the right-nested binary
    /// operators (`a or (b or c)`) give, nulls included, over constants and a column.
    #[test]
    fn chains_agree_with_nested_binary_operators() {
        use crate::{DataType, Engine, Field, Table, Value};
        let mut engine = Engine::new();
        let rows: Vec<Vec<Value>> = [Some(true), Some(false), None]
            .iter()
            .map(|b| vec![Value::Bool(*b)])
            .collect();
        engine.add_table(
            "T",
            Table::from_rows(vec![Field::new("b", DataType::Bool)], &rows),
        );
        let operands = ["b", "true", "false", "bool(null)"];
        for op in ["and", "or"] {
            for x in operands {
                for y in operands {
                    for z in operands {
                        let flat = format!("T | project v = {x} {op} {y} {op} {z} {op} b");
                        let nested = format!("T | project v = {x} {op} ({y} {op} ({z} {op} b))");
                        let a = engine.run(&flat).unwrap();
                        let b = engine.run(&nested).unwrap();
                        for i in 0..3 {
                            assert_eq!(a[0].row(i), b[0].row(i), "{flat} vs {nested}");
                        }
                    }
                }
            }
        }
    }
}
