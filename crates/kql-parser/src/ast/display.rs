//! The canonical KQL printer (`Display`). Parsing the printed text gives back an equal tree
//! (spans aside). Statements are joined by `;\n`, pipelines print one operator per line,
//! and expressions get parentheses only where precedence needs them.
//!
//! The alternate flag (`{:#}`) parenthesizes every nested operator expression, which makes
//! precedence visible: `a + b * c` prints as `a + (b * c)`.

use super::*;
use crate::lexer::{is_identifier, words};
use crate::literal::{
    format_datetime_ticks, format_guid, format_real, format_timespan_ticks, quote_string,
};
use crate::prec::Prec;
use std::fmt::{self, Display, Formatter};

type R = fmt::Result;

mod ops_print;

impl BinaryOp {
    /// The operator's text: `==`, `and`, `!contains_cs`, `matches regex`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::EqCi => "=~",
            BinaryOp::NotEqCi => "!~",
            BinaryOp::Str(op) => op.as_str(),
            BinaryOp::MatchesRegex => "matches regex",
        }
    }
}

impl StringOp {
    /// The operator's text without allocating, e.g. `!has_cs`.
    pub fn as_str(self) -> &'static str {
        use StringOpKind as K;
        const TABLE: [[&str; 4]; 6] = [
            ["has", "has_cs", "!has", "!has_cs"],
            ["hasprefix", "hasprefix_cs", "!hasprefix", "!hasprefix_cs"],
            ["hassuffix", "hassuffix_cs", "!hassuffix", "!hassuffix_cs"],
            ["contains", "contains_cs", "!contains", "!contains_cs"],
            [
                "startswith",
                "startswith_cs",
                "!startswith",
                "!startswith_cs",
            ],
            ["endswith", "endswith_cs", "!endswith", "!endswith_cs"],
        ];
        let row = match self.kind {
            K::Has => 0,
            K::HasPrefix => 1,
            K::HasSuffix => 2,
            K::Contains => 3,
            K::StartsWith => 4,
            K::EndsWith => 5,
        };
        TABLE[row][usize::from(self.case_sensitive) + 2 * usize::from(self.negated)]
    }
}

/// The printer: a formatter plus the "parenthesize everything" flag.
struct Printer<'a, 'b> {
    f: &'a mut Formatter<'b>,
    full: bool,
}

fn with_printer(f: &mut Formatter<'_>, body: impl FnOnce(&mut Printer<'_, '_>) -> R) -> R {
    let full = f.alternate();
    body(&mut Printer { f, full })
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.statements(&self.statements, ";\n"))
    }
}

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.statement(self))
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.expr_or_pipeline(self))
    }
}

impl Display for TabularExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.tabular(self))
    }
}

impl Display for Operator {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.operator(self))
    }
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.literal(self))
    }
}

impl Display for DynamicLiteral {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.dynamic(self))
    }
}

impl Display for Ident {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        with_printer(f, |p| p.name(&self.name))
    }
}

impl Printer<'_, '_> {
    fn s(&mut self, text: &str) -> R {
        self.f.write_str(text)
    }

    fn list<T>(&mut self, items: &[T], sep: &str, mut each: impl FnMut(&mut Self, &T) -> R) -> R {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.s(sep)?;
            }
            each(self, item)?;
        }
        Ok(())
    }

    fn statements(&mut self, statements: &[Statement], sep: &str) -> R {
        self.list(statements, sep, |p, s| p.statement(s))
    }

    fn statement(&mut self, statement: &Statement) -> R {
        match &statement.kind {
            StatementKind::Let(l) => {
                self.s("let ")?;
                self.name(&l.name.name)?;
                self.s(" = ")?;
                match &l.value {
                    LetValue::Expr(e) => self.expr_or_pipeline(e),
                    LetValue::Function(def) => self.function_def(def),
                    LetValue::View(def) => {
                        self.s("view ")?;
                        self.function_def(def)
                    }
                }
            }
            StatementKind::Expr(e) => self.expr_or_pipeline(e),
            StatementKind::DeclareQueryParameters(params) => {
                self.s("declare query_parameters(")?;
                self.list(params, ", ", |p, param| p.param(param))?;
                self.s(")")
            }
            StatementKind::Set { name, value } => {
                self.s("set ")?;
                self.name(&name.name)?;
                match value {
                    Some(v) => {
                        self.s(" = ")?;
                        self.expr(v, Prec::Lowest)
                    }
                    None => Ok(()),
                }
            }
        }
    }

    fn function_def(&mut self, def: &FunctionDef) -> R {
        self.s("(")?;
        self.list(&def.params, ", ", |p, param| p.param(param))?;
        self.s(") { ")?;
        self.statements(&def.body, "; ")?;
        self.s(" }")
    }

    fn param(&mut self, param: &Param) -> R {
        self.name(&param.name.name)?;
        self.s(":")?;
        match &param.ty {
            ParamType::Scalar(ty) => self.s(ty.as_str())?,
            ParamType::Tabular(None) => self.s("(*)")?,
            ParamType::Tabular(Some(columns)) => {
                self.s("(")?;
                self.column_decls(columns)?;
                self.s(")")?;
            }
        }
        if let Some(default) = &param.default {
            self.s(" = ")?;
            self.expr(default, Prec::Lowest)?;
        }
        Ok(())
    }

    fn column_decls(&mut self, columns: &[ColumnDecl]) -> R {
        self.list(columns, ", ", |p, c| {
            p.name(&c.name.name)?;
            p.s(":")?;
            p.s(c.ty.as_str())
        })
    }

    /// A name, quoted as `['name']` when it is not a plain identifier or is a keyword.
    fn name(&mut self, name: &str) -> R {
        if is_identifier(name) && !words::needs_quotes_as_name(name) {
            self.s(name)
        } else {
            self.quoted_name(name)
        }
    }

    fn quoted_name(&mut self, name: &str) -> R {
        let plain = !name.chars().any(|c| {
            matches!(c, '\'' | '\\') || c.is_control() || c == '\u{2028}' || c == '\u{2029}'
        });
        if plain {
            write!(self.f, "['{name}']")
        } else {
            write!(self.f, "[{}]", quote_string(name))
        }
    }

    /// A name that may hold `*` wildcards (`project-away`, union legs): `Col*`, `*Id`.
    fn wildcard_name(&mut self, name: &str) -> R {
        let wild = name.contains('*')
            && name
                .split('*')
                .all(|part| part.is_empty() || is_identifier(part));
        if wild {
            self.s(name)
        } else {
            self.name(name)
        }
    }

    /// A function name: quoted only when the parser would read it as something else.
    fn func_name(&mut self, name: &str) -> R {
        let special = words::is_reserved_in_expr(name)
            || words::bool_word(name).is_some()
            || words::typed_literal_keyword(name).is_some()
            || matches!(name, "dynamic" | "typeof");
        if is_identifier(name) && !special {
            self.s(name)
        } else {
            self.quoted_name(name)
        }
    }

    /// An expression where a pipeline is also allowed: tabular expressions print bare.
    fn expr_or_pipeline(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::Tabular(t) => self.tabular(t),
            _ => self.expr(e, Prec::Lowest),
        }
    }

    /// Comma-separated items in `( )` that may be pipelines: bare when alone.
    fn pipeline_items(&mut self, items: &[Expr]) -> R {
        if let [only] = items {
            return self.expr_or_pipeline(only);
        }
        self.list(items, ", ", |p, e| p.expr(e, Prec::Lowest))
    }

    fn tabular(&mut self, t: &TabularExpr) -> R {
        self.source(&t.source)?;
        for op in &t.operators {
            self.s("\n| ")?;
            self.operator(op)?;
        }
        Ok(())
    }

    fn source(&mut self, source: &Source) -> R {
        match &source.kind {
            SourceKind::Expr(e) => self.expr(e, Prec::Lowest),
            SourceKind::Datatable(d) => {
                self.s("datatable(")?;
                self.column_decls(&d.columns)?;
                self.s(")[")?;
                self.list(&d.values, ", ", |p, v| p.expr(v, Prec::Lowest))?;
                self.s("]")
            }
            SourceKind::Print(items) => {
                self.s("print ")?;
                self.named_exprs(items)
            }
            SourceKind::Range(r) => {
                self.s("range ")?;
                self.name(&r.column.name)?;
                self.s(" from ")?;
                self.expr(&r.from, Prec::Lowest)?;
                self.s(" to ")?;
                self.expr(&r.to, Prec::Lowest)?;
                self.s(" step ")?;
                self.expr(&r.step, Prec::Lowest)
            }
            SourceKind::Union(u) => self.union(u),
            SourceKind::Externaldata(x) => self.externaldata(x),
            SourceKind::Search(x) => self.search(x),
        }
    }

    fn union(&mut self, u: &Union) -> R {
        self.s("union ")?;
        match u.kind {
            Some(UnionKind::Inner) => self.s("kind=inner ")?,
            Some(UnionKind::Outer) => self.s("kind=outer ")?,
            None => {}
        }
        if let Some(col) = &u.with_source {
            self.s("withsource=")?;
            self.name(&col.name)?;
            self.s(" ")?;
        }
        if let Some(fuzzy) = u.is_fuzzy {
            self.s(if fuzzy {
                "isfuzzy=true "
            } else {
                "isfuzzy=false "
            })?;
        }
        self.list(&u.legs, ", ", |p, leg| match &leg.kind {
            ExprKind::Name(id) => p.wildcard_name(&id.name),
            _ => p.expr(leg, Prec::Lowest),
        })
    }

    fn named_exprs(&mut self, items: &[NamedExpr]) -> R {
        self.list(items, ", ", |p, item| p.named_expr(item))
    }

    fn named_expr(&mut self, item: &NamedExpr) -> R {
        match item.names.as_slice() {
            [] => {}
            [one] => {
                self.name(&one.name)?;
                self.s(" = ")?;
            }
            many => {
                self.s("(")?;
                self.list(many, ", ", |p, n| p.name(&n.name))?;
                self.s(") = ")?;
            }
        }
        self.expr(&item.expr, Prec::Lowest)
    }

    fn operator(&mut self, op: &Operator) -> R {
        match &op.kind {
            OperatorKind::Where(e) => {
                self.s("where ")?;
                self.expr(e, Prec::Lowest)
            }
            OperatorKind::Project(items) => {
                self.s("project ")?;
                self.named_exprs(items)
            }
            OperatorKind::Extend(items) => {
                self.s("extend ")?;
                self.named_exprs(items)
            }
            OperatorKind::ProjectAway(names) => {
                self.s("project-away ")?;
                self.list(names, ", ", |p, n| p.wildcard_name(&n.name))
            }
            OperatorKind::ProjectRename(renames) => {
                self.s("project-rename ")?;
                self.list(renames, ", ", |p, r| {
                    p.name(&r.new.name)?;
                    p.s(" = ")?;
                    p.name(&r.old.name)
                })
            }
            OperatorKind::Summarize(s) => self.summarize(s),
            OperatorKind::Take(e) => {
                self.s("take ")?;
                self.expr(e, Prec::Lowest)
            }
            OperatorKind::Sort(keys) => {
                self.s("sort by ")?;
                self.list(keys, ", ", |p, k| p.sort_key(k))
            }
            OperatorKind::Top(top) => {
                self.s("top ")?;
                self.expr(&top.count, Prec::Lowest)?;
                self.s(" by ")?;
                self.sort_key(&top.key)
            }
            OperatorKind::Distinct(columns) => {
                self.s("distinct ")?;
                self.named_exprs(columns)
            }
            OperatorKind::Count => self.s("count"),
            OperatorKind::Union(u) => self.union(u),
            OperatorKind::Join(j) => self.join("join", j),
            OperatorKind::Lookup(j) => self.join("lookup", j),
            OperatorKind::As { hints, name } => self.as_op(hints, name),
            OperatorKind::Invoke(call) => {
                self.s("invoke ")?;
                self.expr(call, Prec::Lowest)
            }
            OperatorKind::Search(x) => self.search(x),
            OperatorKind::MvExpand(x) => self.ext(x),
            OperatorKind::MvApply(x) => self.ext(x),
            OperatorKind::Parse(x) => self.ext(x),
            OperatorKind::ParseKv(x) => self.ext(x),
            OperatorKind::Render(x) => self.ext(x),
            OperatorKind::MakeSeries(x) => self.ext(x),
            OperatorKind::Evaluate(x) => self.ext(x),
            OperatorKind::ProjectReorder(items) => {
                self.ext(&Fmt(|f| super::expand_parse::fmt_reorder(f, items)))
            }
            OperatorKind::ProjectKeep(names) => {
                self.ext(&Fmt(|f| super::expand_parse::fmt_keep(f, names)))
            }
            OperatorKind::Serialize(items) => {
                self.ext(&Fmt(|f| super::expand_parse::fmt_serialize(f, items)))
            }
            OperatorKind::Sample(n) => {
                self.s("sample ")?;
                self.expr(n, Prec::Lowest)
            }
            OperatorKind::GetSchema => self.s("getschema"),
            OperatorKind::TopNested(clauses) => {
                self.ext(&Fmt(|f| super::expand_parse::fmt_top_nested(f, clauses)))
            }
            OperatorKind::TopHitters(x) => self.ext(x.as_ref()),
            OperatorKind::SampleDistinct(x) => self.ext(x.as_ref()),
            OperatorKind::Unsupported { text, .. } => self.s(text),
        }
    }

    /// A node that prints itself (expand_parse.rs), keeping the alternate flag.
    fn ext(&mut self, x: &dyn Display) -> R {
        if self.full {
            write!(self.f, "{x:#}")
        } else {
            write!(self.f, "{x}")
        }
    }

    fn summarize(&mut self, s: &Summarize) -> R {
        self.s("summarize")?;
        if !s.aggregates.is_empty() {
            self.s(" ")?;
            self.named_exprs(&s.aggregates)?;
        }
        if !s.by.is_empty() {
            self.s(" by ")?;
            self.named_exprs(&s.by)?;
        }
        Ok(())
    }

    fn sort_key(&mut self, key: &SortKey) -> R {
        self.expr(&key.expr, Prec::Lowest)?;
        match key.order {
            Some(SortOrder::Asc) => self.s(" asc")?,
            Some(SortOrder::Desc) => self.s(" desc")?,
            None => {}
        }
        match key.nulls {
            Some(NullsOrder::First) => self.s(" nulls first"),
            Some(NullsOrder::Last) => self.s(" nulls last"),
            None => Ok(()),
        }
    }
}

/// The binding level of an expression's outermost form.
fn prec_of(e: &Expr) -> Prec {
    match &e.kind {
        ExprKind::Binary { op, .. } => Prec::of(*op),
        ExprKind::InList { .. } | ExprKind::Between { .. } => Prec::Equality,
        ExprKind::Unary { .. } => Prec::Unary,
        ExprKind::NamedArg { .. } => Prec::Lowest,
        ExprKind::Member { .. } | ExprKind::Index { .. } | ExprKind::Call { .. } => Prec::Postfix,
        _ => Prec::Primary,
    }
}

fn is_operator_form(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Binary { .. }
            | ExprKind::InList { .. }
            | ExprKind::Between { .. }
            | ExprKind::Unary { .. }
    )
}

/// A numeric literal before `.name` could merge with the dot (`5.e5`): parenthesize it.
fn is_numeric_literal(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Literal(
            Literal::Long(Some(_)) | Literal::Real(Some(_)) | Literal::TimeSpan(Some(_))
        )
    )
}

impl Printer<'_, '_> {
    /// Prints `e` where only forms binding at least as tightly as `min` may appear bare.
    fn expr(&mut self, e: &Expr, min: Prec) -> R {
        let paren = prec_of(e) < min || (self.full && min > Prec::Lowest && is_operator_form(e));
        if paren {
            self.s("(")?;
        }
        self.expr_body(e)?;
        if paren {
            self.s(")")?;
        }
        Ok(())
    }

    fn expr_body(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::Literal(l) => self.literal(l),
            ExprKind::Name(id) => self.name(&id.name),
            ExprKind::Star => self.s("*"),
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs),
            ExprKind::Unary { op, operand } => {
                self.s(op.as_str())?;
                self.expr(operand, Prec::Postfix)
            }
            ExprKind::InList { op, lhs, list } => {
                self.expr(lhs, Prec::Relational)?;
                write!(self.f, " {} (", op.as_str())?;
                self.pipeline_items(list)?;
                self.s(")")
            }
            ExprKind::Between {
                negated,
                lhs,
                low,
                high,
            } => {
                self.expr(lhs, Prec::Relational)?;
                self.s(if *negated {
                    " !between ("
                } else {
                    " between ("
                })?;
                self.expr(low, Prec::Lowest)?;
                self.s(" .. ")?;
                self.expr(high, Prec::Lowest)?;
                self.s(")")
            }
            ExprKind::Call { func, args } if ops_print::is_cluster_database(func, args) => {
                self.cluster_database(args)
            }
            ExprKind::Call { func, args } => {
                self.func_name(&func.name)?;
                self.s("(")?;
                self.pipeline_items(args)?;
                self.s(")")
            }
            ExprKind::Member { target, name } => {
                self.postfix_target(target)?;
                self.s(".")?;
                if is_identifier(&name.name) {
                    self.s(&name.name)
                } else {
                    self.quoted_name(&name.name)
                }
            }
            ExprKind::Index { target, index } => {
                self.postfix_target(target)?;
                self.s("[")?;
                self.expr(index, Prec::Lowest)?;
                self.s("]")
            }
            ExprKind::NamedArg { name, value } => {
                if is_identifier(&name.name) {
                    self.s(&name.name)?;
                } else {
                    self.quoted_name(&name.name)?;
                }
                self.s(" = ")?;
                self.expr(value, Prec::Lowest)
            }
            ExprKind::TypeOf(ty) => write!(self.f, "typeof({ty})"),
            ExprKind::Tabular(t) => {
                self.s("(")?;
                self.tabular(t)?;
                self.s(")")
            }
        }
    }

    fn postfix_target(&mut self, target: &Expr) -> R {
        if is_numeric_literal(target) {
            self.s("(")?;
            self.expr_body(target)?;
            return self.s(")");
        }
        self.expr(target, Prec::Postfix)
    }

    /// `lhs op rhs`. A left-deep chain of one left-associative level (`a or b or c ...`)
    /// prints in a loop, so long chains do not recurse once per term.
    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr) -> R {
        let prec = Prec::of(op);
        if !prec.left_assoc() {
            self.expr(lhs, prec.tighter())?;
            write!(self.f, " {} ", op.as_str())?;
            return self.expr(rhs, prec.tighter());
        }
        let mut tail = vec![(op, rhs)];
        let mut first = lhs;
        while let ExprKind::Binary { op, lhs, rhs } = &first.kind {
            if Prec::of(*op) != prec || self.full {
                break;
            }
            tail.push((*op, rhs));
            first = lhs;
        }
        self.expr(first, prec)?;
        for (op, rhs) in tail.iter().rev() {
            write!(self.f, " {} ", op.as_str())?;
            self.expr(rhs, prec.tighter())?;
        }
        Ok(())
    }

    fn literal(&mut self, literal: &Literal) -> R {
        match literal {
            Literal::Bool(Some(b)) => self.s(if *b { "true" } else { "false" }),
            Literal::Int(Some(v)) => write!(self.f, "int({v})"),
            Literal::Long(Some(v)) if *v < 0 => write!(self.f, "long({v})"),
            Literal::Long(Some(v)) => write!(self.f, "{v}"),
            Literal::Real(Some(v)) if v.is_finite() && v.is_sign_positive() => {
                self.s(&format_real(*v))
            }
            Literal::Real(Some(v)) => write!(self.f, "real({})", format_real(*v)),
            Literal::Decimal(Some(text)) => write!(self.f, "decimal({text})"),
            Literal::String(s) => self.s(&quote_string(s)),
            Literal::DateTime(Some(t)) => write!(self.f, "datetime({})", format_datetime_ticks(*t)),
            Literal::TimeSpan(Some(t)) => self.timespan(*t),
            Literal::Guid(Some(g)) => write!(self.f, "guid({})", format_guid(*g)),
            Literal::Dynamic(d) => {
                self.s("dynamic(")?;
                self.dynamic(d)?;
                self.s(")")
            }
            Literal::Bool(None) => self.s("bool(null)"),
            Literal::Int(None) => self.s("int(null)"),
            Literal::Long(None) => self.s("long(null)"),
            Literal::Real(None) => self.s("real(null)"),
            Literal::Decimal(None) => self.s("decimal(null)"),
            Literal::DateTime(None) => self.s("datetime(null)"),
            Literal::TimeSpan(None) => self.s("timespan(null)"),
            Literal::Guid(None) => self.s("guid(null)"),
        }
    }

    /// `1d`, `90m`, `100ms`, `3tick` (largest exact unit); negative as `timespan(-...)`.
    fn timespan(&mut self, ticks: i64) -> R {
        if ticks < 0 {
            return write!(self.f, "timespan({})", format_timespan_ticks(ticks));
        }
        const UNITS: [(i64, &str); 6] = [
            (words::TICKS_PER_DAY, "d"),
            (3600 * words::TICKS_PER_SECOND, "h"),
            (60 * words::TICKS_PER_SECOND, "m"),
            (words::TICKS_PER_SECOND, "s"),
            (10_000, "ms"),
            (10, "microsecond"),
        ];
        let (size, unit) = UNITS
            .iter()
            .copied()
            .find(|(size, _)| ticks % size == 0)
            .unwrap_or((1, "tick"));
        write!(self.f, "{}{unit}", ticks / size)
    }

    fn dynamic(&mut self, d: &DynamicLiteral) -> R {
        match d {
            DynamicLiteral::Null => self.s("null"),
            DynamicLiteral::Bool(b) => self.s(if *b { "true" } else { "false" }),
            DynamicLiteral::Int(v) => write!(self.f, "int({v})"),
            DynamicLiteral::Long(v) => write!(self.f, "{v}"),
            DynamicLiteral::Real(v) if v.is_finite() => self.s(&format_real(*v)),
            DynamicLiteral::Real(v) => write!(self.f, "real({})", format_real(*v)),
            DynamicLiteral::String(s) => self.s(&quote_string(s)),
            DynamicLiteral::DateTime(t) => {
                write!(self.f, "datetime({})", format_datetime_ticks(*t))
            }
            DynamicLiteral::TimeSpan(t) => self.timespan(*t),
            DynamicLiteral::Guid(g) => write!(self.f, "guid({})", format_guid(*g)),
            DynamicLiteral::Array(items) => {
                self.s("[")?;
                self.list(items, ", ", |p, v| p.dynamic(v))?;
                self.s("]")
            }
            DynamicLiteral::Bag(entries) => {
                self.s("{")?;
                self.list(entries, ", ", |p, (k, v)| {
                    p.s(&quote_string(k))?;
                    p.s(": ")?;
                    p.dynamic(v)
                })?;
                self.s("}")
            }
        }
    }
}

/// Adapts a formatting closure to `Display`.
struct Fmt<F: Fn(&mut Formatter<'_>) -> R>(F);

impl<F: Fn(&mut Formatter<'_>) -> R> Display for Fmt<F> {
    fn fmt(&self, f: &mut Formatter<'_>) -> R {
        (self.0)(f)
    }
}
