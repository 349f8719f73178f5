//! What the importer says about a file: diagnostics with a JSON path (and
//! line:column for JSON syntax errors), and the error that stops an import.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The file cannot be loaded as it is.
    Error,
    /// Loaded, but something is changed, dropped or would be refused later.
    Warning,
}

/// A place in the source text (1-based line and column, as serde_json counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One message about the imported document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub level: Level,
    /// JSON path of the value concerned, e.g. `objects[3].schedule`; empty
    /// for the whole document.
    pub path: String,
    /// Line and column in the text (JSON syntax errors only).
    pub position: Option<Position>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{level}")?;
        if let Some(p) = self.position {
            write!(f, " at {p}")?;
        }
        if !self.path.is_empty() {
            write!(f, " in {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why nothing was imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The text is not JSON; the diagnostic has the line and column.
    Syntax(Diagnostic),
    /// The JSON is not a definition in either shape. Holds every error found
    /// (and the warnings, so nothing is lost when the user fixes the errors).
    Invalid(Vec<Diagnostic>),
}

impl ImportError {
    /// All diagnostics, errors first.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            ImportError::Syntax(d) => std::slice::from_ref(d),
            ImportError::Invalid(ds) => ds,
        }
    }
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics()
            .iter()
            .filter(|d| d.level == Level::Error)
    }
    pub(super) fn from_json(e: &serde_json::Error, text: &str) -> Self {
        // serde_json's Display appends " at line L column C"; keep the bare message.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) if e.line() > 0 => message[..i].to_string(),
            _ => message,
        };
        ImportError::Syntax(Diagnostic {
            level: Level::Error,
            path: String::new(),
            position: Some(offending_character(text, e.line(), e.column())),
            message: format!("invalid JSON: {message}"),
        })
    }
}

/// Where the character serde_json stopped at is, 1-based, counting
/// characters (serde_json counts bytes, and a newline it stopped at is
/// column 0 of the next line: here it is the end of the line it ends).
fn offending_character(text: &str, line: usize, column: usize) -> Position {
    let line_text = |n: usize| {
        text.split('\n')
            .nth(n.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r')
    };
    if column == 0 && line > 1 {
        let previous = line_text(line - 1);
        return Position {
            line: line - 1,
            column: previous.chars().count() + 1,
        };
    }
    let this = line_text(line);
    let mut end = column.saturating_sub(1).min(this.len());
    while !this.is_char_boundary(end) {
        end -= 1;
    }
    Position {
        line: line.max(1),
        column: this[..end].chars().count() + 1,
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for d in self.errors() {
            if !first {
                writeln!(f)?;
            }
            first = false;
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// A JSON path under construction, e.g. `objects[3].schedule`: a chain of
/// borrowed segments on the stack, turned into text only for a diagnostic.
#[derive(Clone, Copy, Debug)]
pub(super) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

static ROOT: Path<'static> = Path::Root;

impl<'a> Path<'a> {
    /// A top-level key.
    pub fn root(key: &'a str) -> Path<'a> {
        Path::Key(&ROOT, key)
    }
    pub fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path::Key(self, key)
    }
    pub fn index(&self, i: usize) -> Path<'_> {
        Path::Index(self, i)
    }
    pub fn render(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
    fn write(&self, s: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.write(s);
                push_key(s, key);
            }
            Path::Index(parent, i) => {
                parent.write(s);
                push_index(s, *i);
            }
        }
    }
}

/// Append `.key` (or `["odd key"]` when the key is not a plain word).
pub(super) fn push_key(s: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| !matches!(c, '.' | '[' | ']' | '"' | '\\') && !c.is_whitespace());
    if plain {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(key);
    } else {
        s.push('[');
        s.push_str(&serde_json::Value::String(key.to_string()).to_string());
        s.push(']');
    }
}

/// Append `[i]`.
pub(super) fn push_index(s: &mut String, i: usize) {
    s.push('[');
    s.push_str(&i.to_string());
    s.push(']');
}

/// Collects what the reader notices: diagnostics, and the CLI keys written
/// as one-element lists (see `Layout::one_item_lists`).
#[derive(Debug, Default)]
pub(super) struct Sink {
    pub diagnostics: Vec<Diagnostic>,
    pub one_item_lists: std::collections::BTreeSet<(super::Part, String, String)>,
}

impl Sink {
    pub fn error(&mut self, path: &Path, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(path.render(), message));
    }
    pub fn warn(&mut self, path: &Path, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(path.render(), message));
    }
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_document() {
        let objects = Path::root("objects");
        let third = objects.index(3);
        assert_eq!(third.key("schedule").render(), "objects[3].schedule");
        assert_eq!(
            Path::root("objects").index(0).key("*password").render(),
            "objects[0].*password"
        );
        assert_eq!(Path::root("values").key("a.b").render(), "values[\"a.b\"]");
        assert_eq!(Path::root("x").key("").render(), "x[\"\"]");
        assert_eq!(Path::Root.index(2).render(), "[2]");
    }

    #[test]
    fn syntax_error_keeps_line_and_column() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": 1,\n}").unwrap_err();
        let ImportError::Syntax(d) = ImportError::from_json(&e, "{\n  \"a\": 1,\n}") else {
            panic!("not a syntax error");
        };
        assert_eq!(d.position, Some(Position { line: 3, column: 1 }));
        assert!(!d.message.contains(" at line "), "{}", d.message);
        assert_eq!(d.to_string(), format!("error at 3:1: {}", d.message));
    }

    #[test]
    fn positions_count_characters_and_a_newline_ends_its_line() {
        // A raw newline inside a string: serde_json says line 2 column 0.
        let text = "{\"a\": \"x\ny\"}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!((e.line(), e.column()), (2, 0));
        assert_eq!(
            offending_character(text, 2, 0),
            Position { line: 1, column: 9 }
        );
        // Multi-byte characters before the offending one count once.
        let text = "{\"é€\": 1,}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let p = offending_character(text, e.line(), e.column());
        assert_eq!(
            p,
            Position {
                line: 1,
                column: 10
            }
        );
        assert_eq!(text.chars().nth(p.column - 1), Some('}'));
        // CRLF lines: the newline is after the line's text, not its \r.
        assert_eq!(
            offending_character("ab\r\ncd", 2, 0),
            Position { line: 1, column: 3 }
        );
    }
}
