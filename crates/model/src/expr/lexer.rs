//! Tokens of the text inside `#{…}`: names (`myX`, `@runtime`), string
//! literals in single or double quotes, integer and double numbers, and the
//! operators `+ - * / ^ ( ) , .`. Positions are byte offsets in the whole
//! template text.

use super::ExprError;

/// One token kind.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A name: `myParam`, `input`, `@scheduledStartTime`, `format`.
    Ident(String),
    Str(String),
    Int(i64),
    Double(f64),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
    Dot,
}

/// A token with its byte span in the template text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub pos: usize,
    pub end: usize,
}

impl Tok {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("'{s}'"),
            Tok::Str(_) => "a string".to_string(),
            Tok::Int(n) => format!("'{n}'"),
            Tok::Double(d) => format!("'{d}'"),
            Tok::Plus => "'+'".to_string(),
            Tok::Minus => "'-'".to_string(),
            Tok::Star => "'*'".to_string(),
            Tok::Slash => "'/'".to_string(),
            Tok::Caret => "'^'".to_string(),
            Tok::LParen => "'('".to_string(),
            Tok::RParen => "')'".to_string(),
            Tok::Comma => "','".to_string(),
            Tok::Dot => "'.'".to_string(),
        }
    }
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Skip a quoted string starting at `start` (the quote). Returns the
/// unescaped content and the offset just past the closing quote, or `None`
/// if the string is not closed. A backslash escapes the quote character or
/// another backslash; any other backslash is kept as written.
pub(crate) fn scan_string(src: &str, start: usize) -> Option<(String, usize)> {
    let quote = src[start..].chars().next()?;
    let mut out = String::new();
    let mut chars = src[start + quote.len_utf8()..].char_indices();
    let base = start + quote.len_utf8();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return Some((out, base + i + c.len_utf8()));
        }
        if c == '\\' {
            let rest = &src[base + i + 1..];
            match rest.chars().next() {
                Some(n) if n == quote || n == '\\' => {
                    out.push(n);
                    chars.next();
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    None
}

/// Split `src` (the text between `#{` and `}`) into tokens; `base` is the
/// byte offset of `src` in the template.
pub(crate) fn lex(src: &str, base: usize) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = src[i..].chars().next() {
        let start = i;
        let single = |tok| Token {
            tok,
            pos: base + start,
            end: base + start + 1,
        };
        match c {
            _ if c.is_whitespace() => {
                i += c.len_utf8();
            }
            '+' | '-' | '*' | '/' | '^' | '(' | ')' | ',' | '.' => {
                let tok = match c {
                    '+' => Tok::Plus,
                    '-' => Tok::Minus,
                    '*' => Tok::Star,
                    '/' => Tok::Slash,
                    '^' => Tok::Caret,
                    '(' => Tok::LParen,
                    ')' => Tok::RParen,
                    ',' => Tok::Comma,
                    _ => Tok::Dot,
                };
                tokens.push(single(tok));
                i += 1;
            }
            '\'' | '"' => {
                let (text, end) = scan_string(src, i)
                    .ok_or_else(|| ExprError::new(base + start, "unterminated string literal"))?;
                tokens.push(Token {
                    tok: Tok::Str(text),
                    pos: base + start,
                    end: base + end,
                });
                i = end;
            }
            '0'..='9' => {
                let (tok, end) = lex_number(src, i, base)?;
                tokens.push(Token {
                    tok,
                    pos: base + start,
                    end: base + end,
                });
                i = end;
            }
            '@' | '_' | 'a'..='z' | 'A'..='Z' => {
                let first = if c == '@' {
                    match src[i + 1..].chars().next() {
                        Some(n) if is_name_start(n) => i + 1,
                        _ => {
                            return Err(ExprError::new(
                                base + start,
                                "'@' must be followed by a field name",
                            ))
                        }
                    }
                } else {
                    i
                };
                let end = src[first..]
                    .char_indices()
                    .find(|&(_, ch)| !is_name_char(ch))
                    .map_or(src.len(), |(k, _)| first + k);
                tokens.push(Token {
                    tok: Tok::Ident(src[i..end].to_string()),
                    pos: base + start,
                    end: base + end,
                });
                i = end;
            }
            _ => {
                return Err(ExprError::new(
                    base + start,
                    format!("unexpected character '{c}'"),
                ))
            }
        }
    }
    Ok(tokens)
}

/// An integer (`42`) or a double (`1.5`).
fn lex_number(src: &str, start: usize, base: usize) -> Result<(Tok, usize), ExprError> {
    let digits_end = |from: usize| {
        src[from..]
            .find(|ch: char| !ch.is_ascii_digit())
            .map_or(src.len(), |k| from + k)
    };
    let int_end = digits_end(start);
    let bytes = src.as_bytes();
    let is_double =
        bytes.get(int_end) == Some(&b'.') && bytes.get(int_end + 1).is_some_and(u8::is_ascii_digit);
    if is_double {
        let end = digits_end(int_end + 1);
        let value: f64 = src[start..end]
            .parse()
            .map_err(|_| ExprError::new(base + start, "malformed number"))?;
        return Ok((Tok::Double(value), end));
    }
    let value: i64 = src[start..int_end]
        .parse()
        .map_err(|_| ExprError::new(base + start, "integer literal out of range"))?;
    Ok((Tok::Int(value), int_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        lex(src, 0).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn names_numbers_and_operators() {
        assert_eq!(
            kinds("@scheduledStartTime.format('YYYY') + 1.5*2"),
            vec![
                Tok::Ident("@scheduledStartTime".into()),
                Tok::Dot,
                Tok::Ident("format".into()),
                Tok::LParen,
                Tok::Str("YYYY".into()),
                Tok::RParen,
                Tok::Plus,
                Tok::Double(1.5),
                Tok::Star,
                Tok::Int(2),
            ]
        );
    }

    #[test]
    fn strings_in_both_quotes_with_escapes() {
        assert_eq!(
            kinds(r#""hel" 'lo'"#),
            vec![Tok::Str("hel".into()), Tok::Str("lo".into())]
        );
        assert_eq!(kinds(r"'it\'s'"), vec![Tok::Str("it's".into())]);
        assert_eq!(kinds(r"'a\b'"), vec![Tok::Str(r"a\b".into())]);
        assert_eq!(kinds("'{}'"), vec![Tok::Str("{}".into())]);
    }

    #[test]
    fn positions_are_offsets_in_the_template() {
        let toks = lex(" x + 'y'", 10).unwrap();
        assert_eq!(toks[0].pos, 11);
        assert_eq!(toks[2].pos, 15);
        assert_eq!(toks[2].end, 18);
    }

    #[test]
    fn errors_carry_positions() {
        assert_eq!(lex("1 + 'abc", 2).unwrap_err().position, 6);
        assert_eq!(lex("a # b", 0).unwrap_err().position, 2);
        assert_eq!(lex("@ x", 0).unwrap_err().position, 0);
        assert_eq!(
            lex("99999999999999999999", 0).unwrap_err().message,
            "integer literal out of range"
        );
    }

    #[test]
    fn a_dot_after_an_integer_is_member_access() {
        assert_eq!(kinds("2."), vec![Tok::Int(2), Tok::Dot]);
    }
}
