//! `externaldata` (q/externaldata-operator.md).

use super::{PResult, Parser};
use crate::ast::{ColumnDecl, Externaldata};
use crate::lexer::Punct;

impl Parser<'_> {
    /// externaldata := 'externaldata' '(' column_decl (',' column_decl)* [','] ')'
    ///                 '[' expr (',' expr)* [','] ']'
    ///                 [ 'with' '(' name '=' option_value (',' name '=' option_value)* ')' ]
    pub(super) fn externaldata(&mut self) -> PResult<Externaldata> {
        self.expect_word("externaldata")?;
        self.expect_punct(Punct::LParen)?;
        let mut columns = Vec::new();
        while self.eat_punct(Punct::RParen).is_none() {
            let name = self.name()?;
            self.expect_punct(Punct::Colon)?;
            let ty = self.type_name()?;
            columns.push(ColumnDecl { name, ty });
            if self.eat_punct(Punct::Comma).is_none() {
                self.expect_punct(Punct::RParen)?;
                break;
            }
        }
        self.expect_punct(Punct::LBracket)?;
        let mut urls = Vec::new();
        while self.eat_punct(Punct::RBracket).is_none() {
            urls.push(self.expr()?);
            if self.eat_punct(Punct::Comma).is_none() {
                self.expect_punct(Punct::RBracket)?;
                break;
            }
        }
        let mut properties = Vec::new();
        if self.eat_word("with").is_some() {
            self.expect_punct(Punct::LParen)?;
            while !self.at_punct(Punct::RParen) {
                let name = self.name()?;
                self.expect_punct(Punct::Assign)?;
                properties.push((name, self.option_value()?));
                if self.eat_punct(Punct::Comma).is_none() {
                    break;
                }
            }
            self.expect_punct(Punct::RParen)?;
        }
        Ok(Externaldata {
            columns,
            urls,
            properties,
        })
    }
}
