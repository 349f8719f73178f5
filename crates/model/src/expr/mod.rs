//! `#{…}` expressions: parsing, evaluation and the function library
//! (reference §6). Errors are values with a position, never panics.
//!
//! - [`parse_template`] splits a field value into literal text and parsed
//!   expressions; [`Template::referenced_names`] lists the names it uses.
//! - [`evaluate`] computes one expression against a [`Scope`];
//!   [`interpolate`] substitutes every `#{…}` of a text.
//! - [`DefinitionScope`] resolves names against a [`Definition`](crate::Definition):
//!   fields with inheritance, references, runtime fields and parameters.

mod eval;
mod functions;
mod joda;
mod lexer;
mod parser;
mod scope;
mod value;

use chrono::NaiveDateTime;

pub use eval::evaluate;
pub use functions::names as function_names;
pub use parser::{BinOp, Expr, ExprKind, Segment, MAX_DEPTH};
pub use scope::DefinitionScope;
pub use value::{format_double, MAX_LIST_LEN};

/// A value an expression produces or a scope supplies.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Double(f64),
    DateTime(NaiveDateTime),
    List(Vec<Value>),
}

/// An evaluation error with its byte offset in the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub position: usize,
    pub message: String,
}

impl ExprError {
    pub fn new(position: usize, message: impl Into<String>) -> Self {
        ExprError {
            position,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ExprError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at offset {})", self.message, self.position)
    }
}

impl std::error::Error for ExprError {}

/// What names resolve to: fields of the current object (with inheritance),
/// runtime fields (`@scheduledStartTime`), references followed by a dotted
/// path (`input.directoryPath`, `node.@id`) and parameters (`myX`, `*myX`).
pub trait Scope {
    fn lookup(&self, path: &[&str]) -> Option<Value>;

    /// Like [`lookup`](Scope::lookup), but a scope that evaluates further
    /// expressions (a field whose value is itself `#{…}`) can report why
    /// that failed. The evaluator calls this one.
    fn try_lookup(&self, path: &[&str]) -> Result<Option<Value>, String> {
        Ok(self.lookup(path))
    }
}

/// A name or dotted path an expression uses, with its byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRef {
    pub path: Vec<String>,
    pub position: usize,
}

impl NameRef {
    /// The first segment (`input` of `input.directoryPath`, `*myX`).
    pub fn head(&self) -> &str {
        self.path.first().map_or("", String::as_str)
    }
}

/// A field value split into literal text and parsed expressions.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub segments: Vec<Segment>,
}

impl Template {
    /// Every name and path the expressions use, in order of appearance
    /// (function names are not included).
    pub fn referenced_names(&self) -> Vec<NameRef> {
        fn walk(e: &Expr, out: &mut Vec<NameRef>) {
            match &e.kind {
                ExprKind::Path(path) => out.push(NameRef {
                    path: path.clone(),
                    position: e.position,
                }),
                ExprKind::Neg(inner) => walk(inner, out),
                ExprKind::Binary(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                ExprKind::Call(_, args) => args.iter().for_each(|a| walk(a, out)),
                ExprKind::Str(_) | ExprKind::Int(_) | ExprKind::Double(_) => {}
            }
        }
        let mut out = Vec::new();
        for expr in self.expressions() {
            walk(expr, &mut out);
        }
        out
    }

    /// The parsed expressions, in order.
    pub fn expressions(&self) -> impl Iterator<Item = &Expr> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Expr { expr, .. } => Some(expr),
            Segment::Text { .. } => None,
        })
    }

    /// Substitute every expression's value into the text.
    pub fn render(&self, scope: &dyn Scope) -> Result<String, ExprError> {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text { text, .. } => out.push_str(text),
                Segment::Expr { expr, .. } => out.push_str(&evaluate(expr, scope)?.to_string()),
            }
        }
        Ok(out)
    }

    /// The template's value: the expression's own value when the text is a
    /// single `#{…}` and nothing else (so a DateTime stays a DateTime),
    /// otherwise the rendered string.
    pub fn value(&self, scope: &dyn Scope) -> Result<Value, ExprError> {
        match self.segments.as_slice() {
            [Segment::Expr { expr, .. }] => evaluate(expr, scope),
            _ => self.render(scope).map(Value::Str),
        }
    }
}

/// Parse every `#{…}` of `text`. Text outside is literal; a `#{` without
/// its `}` is an error at the `#{`; braces inside string literals do not
/// close an expression.
pub fn parse_template(text: &str) -> Result<Template, ExprError> {
    Ok(Template {
        segments: parser::parse_segments(text)?,
    })
}

/// Parse one bare expression (the text between `#{` and `}`); positions are
/// offsets in `source`.
pub fn parse_expr(source: &str) -> Result<Expr, ExprError> {
    parser::parse_expr_at(source, 0, 0)
}

/// Whether `text` contains an expression (`#{`).
pub fn has_expression(text: &str) -> bool {
    text.contains("#{")
}

/// Replace every `#{…}` in `text` with its value.
pub fn interpolate(text: &str, scope: &dyn Scope) -> Result<String, ExprError> {
    if !has_expression(text) {
        return Ok(text.to_string());
    }
    parse_template(text)?.render(scope)
}

/// Evaluate a field value: a lone `#{…}` keeps its value's type, any other
/// text is interpolated into a string.
pub fn evaluate_text(text: &str, scope: &dyn Scope) -> Result<Value, ExprError> {
    if !has_expression(text) {
        return Ok(Value::Str(text.to_string()));
    }
    parse_template(text)?.value(scope)
}

#[cfg(test)]
mod tests;
