//! The syntax of `#{…}`: splitting a field value into literal text and
//! expressions, and parsing one expression into an [`Expr`] tree. Nesting
//! is capped at [`MAX_DEPTH`] so that evaluation never overflows the stack.

use super::functions;
use super::lexer::{lex, scan_string, Tok, Token};
use super::ExprError;

/// The deepest expression tree (and parenthesis nesting) accepted.
pub const MAX_DEPTH: usize = 64;

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

impl BinOp {
    pub fn symbol(self) -> char {
        match self {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
            BinOp::Pow => '^',
        }
    }
}

/// What an expression node is.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Str(String),
    Int(i64),
    Double(f64),
    /// A name or dotted path: `myParam`, `*myPassword`, `@id`,
    /// `input.directoryPath`, `node.@scheduledStartTime`.
    Path(Vec<String>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A function call; the method form `x.f(a)` is stored as `f(x, a)`.
    Call(String, Vec<Expr>),
}

/// A parsed expression with the byte offset (in the template text) of the
/// token it starts at, or of its operator for binary expressions.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub position: usize,
    depth: usize,
}

impl Expr {
    /// The height of the tree (a literal is 1); never above [`MAX_DEPTH`].
    pub fn depth(&self) -> usize {
        self.depth
    }

    fn new(kind: ExprKind, position: usize) -> Result<Expr, ExprError> {
        let depth = 1 + match &kind {
            ExprKind::Neg(e) => e.depth,
            ExprKind::Binary(_, a, b) => a.depth.max(b.depth),
            ExprKind::Call(_, args) => args.iter().map(|a| a.depth).max().unwrap_or(0),
            _ => 0,
        };
        if depth > MAX_DEPTH {
            return Err(too_deep(position));
        }
        Ok(Expr {
            kind,
            position,
            depth,
        })
    }
}

fn too_deep(position: usize) -> ExprError {
    ExprError::new(
        position,
        format!("expression is nested too deeply (more than {MAX_DEPTH} levels)"),
    )
}

/// A piece of a template: literal text or one `#{…}` expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    /// Literal text starting at byte `position`.
    Text { text: String, position: usize },
    /// `#{…}` at byte `position`; `source` is the text between the braces.
    Expr {
        expr: Expr,
        source: String,
        position: usize,
    },
}

/// Find the `}` closing the expression whose body starts at `from`,
/// skipping quoted strings. Returns its byte offset.
fn closing_brace(text: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(c) = text[i..].chars().next() {
        match c {
            '}' => return Some(i),
            '\'' | '"' => i = scan_string(text, i)?.1,
            _ => i += c.len_utf8(),
        }
    }
    None
}

/// Split `text` into literal and expression segments, parsing each expression.
pub(crate) fn parse_segments(text: &str) -> Result<Vec<Segment>, ExprError> {
    let mut segments = Vec::new();
    let mut literal_start = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find("#{") {
        let open = search + found;
        let body = open + 2;
        let close = closing_brace(text, body)
            .ok_or_else(|| ExprError::new(open, "'#{' has no closing '}'"))?;
        if literal_start < open {
            segments.push(Segment::Text {
                text: text[literal_start..open].to_string(),
                position: literal_start,
            });
        }
        let source = &text[body..close];
        segments.push(Segment::Expr {
            expr: parse_expr_at(source, body, open)?,
            source: source.to_string(),
            position: open,
        });
        literal_start = close + 1;
        search = close + 1;
    }
    if literal_start < text.len() {
        segments.push(Segment::Text {
            text: text[literal_start..].to_string(),
            position: literal_start,
        });
    }
    Ok(segments)
}

/// Parse the body of one `#{…}` (`source`, found at byte `base` of the
/// template; `open` is where its `#{` starts, for an empty body's error).
pub(crate) fn parse_expr_at(source: &str, base: usize, open: usize) -> Result<Expr, ExprError> {
    let tokens = lex(source, base)?;
    if tokens.is_empty() {
        return Err(ExprError::new(open, "empty expression"));
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        end: base + source.len(),
        nesting: 0,
    };
    let expr = parser.additive()?;
    if let Some(t) = parser.peek() {
        return Err(ExprError::new(
            t.pos,
            format!("unexpected {}", t.tok.describe()),
        ));
    }
    Ok(expr)
}

struct Parser {
    tokens: Vec<Token>,
    next: usize,
    /// Offset just past the expression, for "unexpected end" errors.
    end: usize,
    nesting: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn peek_tok(&self) -> Option<&Tok> {
        self.peek().map(|t| &t.tok)
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.next).cloned();
        if t.is_some() {
            self.next += 1;
        }
        t
    }

    fn expect(&mut self, want: &Tok, what: &str) -> Result<Token, ExprError> {
        match self.bump() {
            Some(t) if &t.tok == want => Ok(t),
            Some(t) => Err(ExprError::new(
                t.pos,
                format!("expected {what}, found {}", t.tok.describe()),
            )),
            None => Err(ExprError::new(self.end, format!("expected {what}"))),
        }
    }

    /// `a + b`, `a - b` (left-associative).
    fn additive(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.multiplicative()?;
        loop {
            let op = match self.peek_tok() {
                Some(Tok::Plus) => BinOp::Add,
                Some(Tok::Minus) => BinOp::Sub,
                _ => return Ok(left),
            };
            let pos = self.bump().map_or(self.end, |t| t.pos);
            let right = self.multiplicative()?;
            left = Expr::new(ExprKind::Binary(op, Box::new(left), Box::new(right)), pos)?;
        }
    }

    /// `a * b`, `a / b` (left-associative).
    fn multiplicative(&mut self) -> Result<Expr, ExprError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek_tok() {
                Some(Tok::Star) => BinOp::Mul,
                Some(Tok::Slash) => BinOp::Div,
                _ => return Ok(left),
            };
            let pos = self.bump().map_or(self.end, |t| t.pos);
            let right = self.unary()?;
            left = Expr::new(ExprKind::Binary(op, Box::new(left), Box::new(right)), pos)?;
        }
    }

    /// `-a`; every recursion of the parser passes through here, so this is
    /// where nesting is counted.
    fn unary(&mut self) -> Result<Expr, ExprError> {
        self.nesting += 1;
        let pos = self.peek().map_or(self.end, |t| t.pos);
        if self.nesting > MAX_DEPTH {
            return Err(too_deep(pos));
        }
        let result = if self.peek_tok() == Some(&Tok::Minus) {
            self.bump();
            let inner = self.unary()?;
            Expr::new(ExprKind::Neg(Box::new(inner)), pos)
        } else {
            self.power()
        };
        self.nesting -= 1;
        result
    }

    /// `a ^ b` (right-associative, binds tighter than unary minus on its left).
    fn power(&mut self) -> Result<Expr, ExprError> {
        let base = self.postfix()?;
        if self.peek_tok() != Some(&Tok::Caret) {
            return Ok(base);
        }
        let pos = self.bump().map_or(self.end, |t| t.pos);
        let exponent = self.unary()?;
        Expr::new(
            ExprKind::Binary(BinOp::Pow, Box::new(base), Box::new(exponent)),
            pos,
        )
    }

    /// A primary followed by `.field` (extending a path) or `.method(args)`.
    fn postfix(&mut self) -> Result<Expr, ExprError> {
        let mut expr = self.primary()?;
        while self.peek_tok() == Some(&Tok::Dot) {
            let dot = self.bump().map_or(self.end, |t| t.pos);
            let name = match self.bump() {
                Some(Token {
                    tok: Tok::Ident(name),
                    pos,
                    ..
                }) => (name, pos),
                Some(t) => {
                    return Err(ExprError::new(
                        t.pos,
                        format!(
                            "expected a field or function name after '.', found {}",
                            t.tok.describe()
                        ),
                    ))
                }
                None => {
                    return Err(ExprError::new(
                        self.end,
                        "expected a field or function name after '.'",
                    ))
                }
            };
            if self.peek_tok() == Some(&Tok::LParen) {
                let mut args = vec![expr];
                args.extend(self.arguments()?);
                expr = self.call(name.0, name.1, args)?;
            } else if let ExprKind::Path(path) = &mut expr.kind {
                path.push(name.0);
            } else {
                return Err(ExprError::new(
                    dot,
                    format!("'.{}' can only follow a field reference", name.0),
                ));
            }
        }
        Ok(expr)
    }

    /// `( args )`, after the function name.
    fn arguments(&mut self) -> Result<Vec<Expr>, ExprError> {
        self.expect(&Tok::LParen, "'('")?;
        let mut args = Vec::new();
        if self.peek_tok() == Some(&Tok::RParen) {
            self.bump();
            return Ok(args);
        }
        loop {
            args.push(self.additive()?);
            match self.bump() {
                Some(Token {
                    tok: Tok::Comma, ..
                }) => {}
                Some(Token {
                    tok: Tok::RParen, ..
                }) => return Ok(args),
                Some(t) => {
                    return Err(ExprError::new(
                        t.pos,
                        format!("expected ',' or ')', found {}", t.tok.describe()),
                    ))
                }
                None => return Err(ExprError::new(self.end, "expected ')'")),
            }
        }
    }

    /// Check the function exists and takes this many arguments.
    fn call(&self, name: String, pos: usize, args: Vec<Expr>) -> Result<Expr, ExprError> {
        let arity = functions::arity(&name)
            .ok_or_else(|| ExprError::new(pos, format!("unknown function '{name}'")))?;
        if args.len() != arity {
            let plural = if arity == 1 { "" } else { "s" };
            return Err(ExprError::new(
                pos,
                format!("{name} takes {arity} argument{plural}, got {}", args.len()),
            ));
        }
        Expr::new(ExprKind::Call(name, args), pos)
    }

    fn primary(&mut self) -> Result<Expr, ExprError> {
        let Some(t) = self.bump() else {
            return Err(ExprError::new(self.end, "unexpected end of expression"));
        };
        match t.tok {
            Tok::Int(n) => Expr::new(ExprKind::Int(n), t.pos),
            Tok::Double(d) => Expr::new(ExprKind::Double(d), t.pos),
            Tok::Str(s) => Expr::new(ExprKind::Str(s), t.pos),
            Tok::Ident(name) => {
                if self.peek_tok() == Some(&Tok::LParen) && !name.starts_with('@') {
                    let args = self.arguments()?;
                    self.call(name, t.pos, args)
                } else {
                    Expr::new(ExprKind::Path(vec![name]), t.pos)
                }
            }
            // `*myParam`: an encrypted parameter or field name.
            Tok::Star => match self.peek() {
                Some(Token {
                    tok: Tok::Ident(name),
                    pos,
                    ..
                }) if *pos == t.end && !name.starts_with('@') => {
                    let name = format!("*{name}");
                    self.bump();
                    Expr::new(ExprKind::Path(vec![name]), t.pos)
                }
                _ => Err(ExprError::new(t.pos, "unexpected '*'")),
            },
            Tok::LParen => {
                let inner = self.additive()?;
                self.expect(&Tok::RParen, "')'")?;
                Ok(inner)
            }
            other => Err(ExprError::new(
                t.pos,
                format!("unexpected {}", other.describe()),
            )),
        }
    }
}
