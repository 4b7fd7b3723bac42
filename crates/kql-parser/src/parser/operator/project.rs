//! `project`, `extend`, `project-away`, `project-rename`.

use crate::ast::{OperatorKind, Rename};
use crate::lexer::Punct;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// project := 'project' named_expr (',' named_expr)*
    pub(super) fn project_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Project(self.named_exprs()?))
    }

    /// extend := 'extend' named_expr (',' named_expr)*
    pub(super) fn extend_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Extend(self.named_exprs()?))
    }

    /// project_away := 'project-away' wildcard_name (',' wildcard_name)*
    pub(super) fn project_away_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            names.push(self.wildcard_name()?);
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::ProjectAway(names));
            }
        }
    }

    /// project_rename := 'project-rename' name '=' name (',' name '=' name)*
    pub(super) fn project_rename_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let mut renames = Vec::new();
        loop {
            let new = self.name()?;
            self.expect_punct(Punct::Assign)?;
            let old = self.name()?;
            renames.push(Rename { new, old });
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::ProjectRename(renames));
            }
        }
    }
}
