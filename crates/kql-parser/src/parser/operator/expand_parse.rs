//! `mv-expand`, `mv-apply`, `parse`, `parse-where`, `parse-kv`, `project-reorder`,
//! `project-keep`, `serialize`, `sample`, `getschema`, `render`, `make-series`, `evaluate`,
//! `top-nested`, `top-hitters`, `sample-distinct`.
//!
//! `render` and `evaluate` forms beyond the modelled grammar (legacy render properties,
//! plugin hints, named plugin arguments, output schemas) fall back to
//! [`OperatorKind::Unsupported`] with their text, as before.

use crate::ast::{
    BagExpansion, Evaluate, ExpandItem, Expr, ExprKind, MakeSeries, MvApply, MvExpand,
    OperatorKind, OutputSchema, Parse, ParseKind, ParseKv, ParsePart, Render, RenderProperty,
    ReorderItem, ReorderOrder, SampleDistinct, SeriesAggregate, SeriesRange, TopHitters,
    TopNestedClause,
};
use crate::lexer::{Punct, TokenKind};
use crate::parser::{literal, PResult, Parser};

impl Parser<'_> {
    /// True at `name =` (an option such as `kind=bag`).
    fn at_option(&self, word: &str) -> bool {
        self.at_word(word) && self.peek_at(1).kind == TokenKind::Punct(Punct::Assign)
    }

    /// True where an operator ends: `|`, `;`, `)`, `}` or the end.
    fn at_operator_end(&self) -> bool {
        matches!(
            self.peek().kind,
            TokenKind::Eof
                | TokenKind::Punct(Punct::Pipe | Punct::Semi | Punct::RParen | Punct::RBrace)
        )
    }

    /// mv_expand := ('mv-expand' | 'mvexpand') expand_body
    pub(super) fn mv_expand_op(&mut self) -> PResult<OperatorKind> {
        let word = self.bump();
        let legacy = self.text(word) == "mvexpand";
        Ok(OperatorKind::MvExpand(self.expand_body(legacy)?))
    }

    /// mv_apply := ('mv-apply' | 'mvapply') expand_body 'on' '(' operator ('|' operator)* ')'
    pub(super) fn mv_apply_op(&mut self) -> PResult<OperatorKind> {
        let word = self.bump();
        let legacy = self.text(word) == "mvapply";
        let expand = self.expand_body(legacy)?;
        self.expect_word("on")?;
        self.expect_punct(Punct::LParen)?;
        let subquery = self.nested(|p| {
            let mut ops = Vec::new();
            loop {
                ops.push(p.operator()?);
                if p.eat_punct(Punct::Pipe).is_none() {
                    return Ok(ops);
                }
            }
        })?;
        self.expect_punct(Punct::RParen)?;
        Ok(OperatorKind::MvApply(Box::new(MvApply {
            expand,
            subquery,
        })))
    }

    /// expand_body := ( ('kind' | 'bagexpansion') '=' ('bag' | 'array')
    ///                | 'with_itemindex' '=' name )*
    ///                expand_item (',' expand_item)* [ 'limit' expr ]
    fn expand_body(&mut self, legacy: bool) -> PResult<MvExpand> {
        let mut kind = None;
        let mut with_itemindex = None;
        loop {
            if self.at_option("kind") || self.at_option("bagexpansion") {
                self.bump();
                self.bump();
                kind = Some(if self.eat_word("bag").is_some() {
                    BagExpansion::Bag
                } else {
                    self.expect_word("array")?;
                    BagExpansion::Array
                });
            } else if self.at_option("with_itemindex") {
                self.bump();
                self.bump();
                with_itemindex = Some(self.name()?);
            } else {
                break;
            }
        }
        let mut items = Vec::new();
        loop {
            items.push(self.expand_item()?);
            if self.eat_punct(Punct::Comma).is_none() {
                break;
            }
        }
        let limit = match self.eat_word("limit") {
            Some(_) => Some(self.expr()?),
            None => None,
        };
        Ok(MvExpand {
            legacy,
            kind,
            with_itemindex,
            items,
            limit,
        })
    }

    /// expand_item := [ name '=' ] expr [ 'to' 'typeof' '(' type ')' ]
    fn expand_item(&mut self) -> PResult<ExpandItem> {
        let mut name = None;
        if let Some(n) = self.name_len_at(0) {
            if self.peek_at(n).kind == TokenKind::Punct(Punct::Assign) {
                name = Some(self.name()?);
                self.bump();
            }
        }
        let expr = self.expr()?;
        let to_type = match self.eat_word("to") {
            Some(_) => {
                self.expect_word("typeof")?;
                self.expect_punct(Punct::LParen)?;
                let ty = self.type_name()?;
                self.expect_punct(Punct::RParen)?;
                Some(ty)
            }
            None => None,
        };
        Ok(ExpandItem {
            name,
            expr,
            to_type,
        })
    }

    /// parse := ('parse' | 'parse-where') ( 'kind' '=' kind | 'flags' '=' word )*
    ///          expr 'with' ( '*' | string+ | name [':' type] )+
    pub(super) fn parse_op(&mut self) -> PResult<OperatorKind> {
        let word = self.bump();
        let drop_unmatched = self.text(word) == "parse-where";
        let mut kind = None;
        let mut flags = None;
        loop {
            if self.at_option("kind") {
                self.bump();
                self.bump();
                kind = Some(if self.eat_word("simple").is_some() {
                    ParseKind::Simple
                } else if self.eat_word("regex").is_some() {
                    ParseKind::Regex
                } else {
                    self.expect_word("relaxed")?;
                    ParseKind::Relaxed
                });
            } else if self.at_option("flags") {
                self.bump();
                self.bump();
                let tok = self.peek();
                if tok.kind != TokenKind::Word {
                    return Err(
                        self.unexpected_wanting(crate::error::Expected::Kind("regex flags"))
                    );
                }
                self.bump();
                flags = Some(self.text(tok).to_string());
            } else {
                break;
            }
        }
        let expr = self.expr()?;
        self.expect_word("with")?;
        let mut pattern = Vec::new();
        loop {
            if self.eat_punct(Punct::Star).is_some() {
                pattern.push(ParsePart::Star);
            } else if self.peek().kind == TokenKind::String {
                let mut text = String::new();
                while self.peek().kind == TokenKind::String {
                    let tok = self.bump();
                    text.push_str(&literal::string_value(self.src, tok)?);
                }
                pattern.push(ParsePart::Text(text));
            } else if self.name_len_at(0).is_some() {
                let name = self.name()?;
                let ty = match self.eat_punct(Punct::Colon) {
                    Some(_) => Some(self.type_name()?),
                    None => None,
                };
                pattern.push(ParsePart::Column { name, ty });
            } else if pattern.is_empty() {
                return Err(self.unexpected_wanting(crate::error::Expected::Kind(
                    "a parse pattern ('*', a string or a column)",
                )));
            } else {
                break;
            }
        }
        Ok(OperatorKind::Parse(Parse {
            drop_unmatched,
            kind,
            flags,
            expr,
            pattern,
        }))
    }

    /// parse_kv := 'parse-kv' expr 'as' '(' column_decls ')'
    ///             [ 'with' '(' name '=' expr (',' name '=' expr)* ')' ]
    pub(super) fn parse_kv_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let expr = self.expr()?;
        self.expect_word("as")?;
        self.expect_punct(Punct::LParen)?;
        let keys = self.column_decls()?;
        self.expect_punct(Punct::RParen)?;
        let mut options = Vec::new();
        if self.eat_word("with").is_some() {
            self.expect_punct(Punct::LParen)?;
            loop {
                let name = self.name()?;
                self.expect_punct(Punct::Assign)?;
                options.push((name, self.expr()?));
                if self.eat_punct(Punct::Comma).is_none() {
                    break;
                }
            }
            self.expect_punct(Punct::RParen)?;
        }
        Ok(OperatorKind::ParseKv(ParseKv {
            expr,
            keys,
            options,
        }))
    }

    /// project_reorder := 'project-reorder' wildcard_name [order] (',' wildcard_name [order])*
    /// order := 'asc' | 'desc' | 'granny-asc' | 'granny-desc'
    pub(super) fn project_reorder_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let mut items = Vec::new();
        loop {
            let pattern = self.wildcard_name()?;
            let order = if self.eat_word("asc").is_some() {
                Some(ReorderOrder::Asc)
            } else if self.eat_word("desc").is_some() {
                Some(ReorderOrder::Desc)
            } else if self.at_word("granny")
                && self.peek_at(1).kind == TokenKind::Punct(Punct::Minus)
            {
                self.bump();
                self.bump();
                if self.eat_word("asc").is_some() {
                    Some(ReorderOrder::GrannyAsc)
                } else {
                    self.expect_word("desc")?;
                    Some(ReorderOrder::GrannyDesc)
                }
            } else {
                None
            };
            items.push(ReorderItem { pattern, order });
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::ProjectReorder(items));
            }
        }
    }

    /// project_keep := 'project-keep' wildcard_name (',' wildcard_name)*
    pub(super) fn project_keep_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            names.push(self.wildcard_name()?);
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::ProjectKeep(names));
            }
        }
    }

    /// serialize := 'serialize' [ named_expr (',' named_expr)* ]
    pub(super) fn serialize_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        if self.at_operator_end() {
            return Ok(OperatorKind::Serialize(Vec::new()));
        }
        Ok(OperatorKind::Serialize(self.named_exprs()?))
    }

    /// sample := 'sample' expr
    pub(super) fn sample_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Sample(self.expr()?))
    }

    /// getschema := 'getschema'
    pub(super) fn getschema_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::GetSchema)
    }

    /// Runs `f`; when it fails or stops before the operator's end, goes back and keeps the
    /// operator's text as [`OperatorKind::Unsupported`].
    fn or_unsupported(
        &mut self,
        f: fn(&mut Self) -> PResult<OperatorKind>,
    ) -> PResult<OperatorKind> {
        let start = self.pos;
        let depth = self.depth;
        match f(self) {
            Ok(kind) if self.at_operator_end() => Ok(kind),
            _ => {
                self.pos = start;
                self.depth = depth;
                self.unsupported_op()
            }
        }
    }

    /// render := 'render' name [ 'with' '(' property (',' property)* ')' ]
    /// property := name '=' expr (',' expr)*   (a value list ends before the next `name =`)
    pub(super) fn render_op(&mut self) -> PResult<OperatorKind> {
        self.or_unsupported(|p| {
            p.bump();
            let visualization = p.name()?;
            let mut properties = None;
            if p.eat_word("with").is_some() {
                p.expect_punct(Punct::LParen)?;
                let mut props: Vec<RenderProperty> = Vec::new();
                loop {
                    let name = p.name()?;
                    p.expect_punct(Punct::Assign)?;
                    let mut values = vec![p.expr()?];
                    let mut more = false;
                    while p.eat_punct(Punct::Comma).is_some() {
                        let named = p
                            .name_len_at(0)
                            .is_some_and(|n| p.peek_at(n).kind == TokenKind::Punct(Punct::Assign));
                        if named {
                            more = true;
                            break;
                        }
                        values.push(p.expr()?);
                    }
                    props.push(RenderProperty { name, values });
                    if !more {
                        break;
                    }
                }
                p.expect_punct(Punct::RParen)?;
                properties = Some(props);
            }
            Ok(OperatorKind::Render(Render {
                visualization,
                properties,
            }))
        })
    }

    /// evaluate := 'evaluate' name '(' [ plugin_arg (',' plugin_arg)* ] ')' [ ':' output_schema ]
    /// output_schema := '(' ( '*' [ ',' column_decls ] | column_decls ) ')'   (q/bag-unpack-plugin.md)
    pub(super) fn evaluate_op(&mut self) -> PResult<OperatorKind> {
        self.or_unsupported(|p| {
            p.bump();
            let plugin = p.name()?;
            p.expect_punct(Punct::LParen)?;
            let mut args = Vec::new();
            if p.eat_punct(Punct::RParen).is_none() {
                loop {
                    args.push(p.plugin_arg()?);
                    if p.eat_punct(Punct::Comma).is_none() {
                        break;
                    }
                }
                p.expect_punct(Punct::RParen)?;
            }
            let output_schema = if p.eat_punct(Punct::Colon).is_some() {
                p.expect_punct(Punct::LParen)?;
                let wildcard = p.eat_punct(Punct::Star).is_some();
                let columns = if !wildcard || p.eat_punct(Punct::Comma).is_some() {
                    p.column_decls()?
                } else {
                    Vec::new()
                };
                p.expect_punct(Punct::RParen)?;
                Some(OutputSchema { wildcard, columns })
            } else {
                None
            };
            Ok(OperatorKind::Evaluate(Evaluate {
                plugin,
                args,
                output_schema,
            }))
        })
    }

    /// make_series := 'make-series' [ 'kind' '=' 'nonempty' ] series_agg (',' series_agg)*
    ///                'on' axis ( 'in' 'range' '(' expr ',' expr ',' expr ')'
    ///                          | [ 'from' expr ] [ 'to' expr ] 'step' expr )
    ///                [ 'by' named_expr (',' named_expr)* ]
    /// series_agg := named_expr [ 'default' '=' expr ]
    pub(super) fn make_series_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let mut nonempty = false;
        if self.at_option("kind") {
            self.bump();
            self.bump();
            self.expect_word("nonempty")?;
            nonempty = true;
        }
        let mut aggregates = Vec::new();
        loop {
            let item = self.named_expr()?;
            let default = if self.at_option("default") {
                self.bump();
                self.bump();
                Some(self.expr()?)
            } else {
                None
            };
            aggregates.push(SeriesAggregate { item, default });
            if self.eat_punct(Punct::Comma).is_none() {
                break;
            }
        }
        self.expect_word("on")?;
        let axis = match self.name_len_at(0) {
            Some(n)
                if ["in", "from", "to", "step"]
                    .iter()
                    .any(|w| self.is_word(self.peek_at(n), w)) =>
            {
                let id = self.name()?;
                Expr {
                    span: id.span,
                    kind: ExprKind::Name(id),
                }
            }
            _ => self.expr()?,
        };
        let range = if self.eat_word("in").is_some() {
            self.expect_word("range")?;
            self.expect_punct(Punct::LParen)?;
            let start = self.expr()?;
            self.expect_punct(Punct::Comma)?;
            let stop = self.expr()?;
            self.expect_punct(Punct::Comma)?;
            let step = self.expr()?;
            self.expect_punct(Punct::RParen)?;
            SeriesRange::InRange { start, stop, step }
        } else {
            let from = match self.eat_word("from") {
                Some(_) => Some(self.expr()?),
                None => None,
            };
            let to = match self.eat_word("to") {
                Some(_) => Some(self.expr()?),
                None => None,
            };
            self.expect_word("step")?;
            let step = self.expr()?;
            SeriesRange::FromTo { from, to, step }
        };
        let by = match self.eat_word("by") {
            Some(_) => self.named_exprs()?,
            None => Vec::new(),
        };
        Ok(OperatorKind::MakeSeries(Box::new(MakeSeries {
            nonempty,
            aggregates,
            axis,
            range,
            by,
        })))
    }

    /// top_nested := top_nested_clause (',' top_nested_clause)*
    /// top_nested_clause := 'top-nested' [expr] 'of' named_expr
    ///                      ['with' 'others' '=' expr] 'by' named_expr ['asc' | 'desc']
    pub(super) fn top_nested_op(&mut self) -> PResult<OperatorKind> {
        let mut clauses = Vec::new();
        loop {
            self.expect_word("top-nested")?;
            let count = if self.at_word("of") {
                None
            } else {
                Some(self.expr()?)
            };
            self.expect_word("of")?;
            let of = self.named_expr()?;
            let others = match self.eat_word("with") {
                Some(_) => {
                    self.expect_word("others")?;
                    self.expect_punct(Punct::Assign)?;
                    Some(self.expr()?)
                }
                None => None,
            };
            self.expect_word("by")?;
            let by = self.named_expr()?;
            let order = self.sort_order();
            clauses.push(TopNestedClause {
                count,
                of,
                others,
                by,
                order,
            });
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::TopNested(clauses));
            }
        }
    }

    /// top_hitters := 'top-hitters' expr 'of' named_expr [ 'by' named_expr ]
    /// (q/top-hitters-operator.md)
    pub(super) fn top_hitters_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let count = self.expr()?;
        self.expect_word("of")?;
        let of = self.named_expr()?;
        let by = match self.eat_word("by") {
            Some(_) => Some(self.named_expr()?),
            None => None,
        };
        Ok(OperatorKind::TopHitters(Box::new(TopHitters {
            count,
            of,
            by,
        })))
    }

    /// sample_distinct := 'sample-distinct' expr 'of' named_expr
    /// (q/sample-distinct-operator.md)
    pub(super) fn sample_distinct_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let count = self.expr()?;
        self.expect_word("of")?;
        let of = self.named_expr()?;
        Ok(OperatorKind::SampleDistinct(Box::new(SampleDistinct {
            count,
            of,
        })))
    }
}
