//! Python's tokens: names, numbers, strings, operators, and the `NEWLINE`, `INDENT` and
//! `DEDENT` that make its blocks, with CPython's rules for brackets, continuation lines,
//! blank lines and comments. A mistake is reported where CPython reports it.

use super::error::{Construct, Pos, Problem, SyntaxError};

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A name or a keyword.
    Name(String),
    /// A whole number.
    Int(i64),
    /// A number with a decimal point or an exponent.
    Float(f64),
    /// A string literal's value.
    Str(String),
    /// An f-string: its text between the quotes, as written, and where that text starts.
    FStr {
        /// The text between the quotes.
        raw: String,
        /// Where the text starts (after the quote).
        start: Pos,
        /// An `rf` string: backslashes stay as they are.
        is_raw: bool,
    },
    /// An operator or a bracket.
    Op(&'static str),
    /// The end of a logical line.
    Newline,
    /// A block starts.
    Indent,
    /// A block ends.
    Dedent,
    /// The end of the text.
    End,
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it starts.
    pub pos: Pos,
}

/// Longest first, so that `**=` is read before `**` and `*`.
const OPERATORS: [&str; 48] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=", "!",
];

fn fail<T>(pos: Pos, problem: Problem) -> Result<T, SyntaxError> {
    Err(SyntaxError { pos, problem })
}

/// Splits `text` into tokens; `first` is the position of its first character (an f-string's
/// expression is read where it stands in the program).
pub fn tokenize(text: &str, first: Pos) -> Result<Vec<Token>, SyntaxError> {
    match tokens_and_open_bracket(text, first)? {
        (_, Some(open)) => Err(open),
        (tokens, None) => Ok(tokens),
    }
}

/// [`tokenize`], but a bracket left open at the end comes back beside the tokens: CPython's
/// parser meets a mistake before the end first and reports that one instead.
pub fn tokens_and_open_bracket(
    text: &str,
    first: Pos,
) -> Result<(Vec<Token>, Option<SyntaxError>), SyntaxError> {
    Lexer { chars: text.chars().collect(), i: 0, line: first.line, col: first.col, out: vec![] }
        .run(first.col > 1)
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: u32,
    col: u32,
    out: Vec<Token>,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> char {
        self.chars.get(self.i + ahead).copied().unwrap_or('\0')
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    fn bump(&mut self) -> char {
        let c = self.peek(0);
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        c
    }

    fn push(&mut self, tok: Tok, pos: Pos) {
        self.out.push(Token { tok, pos });
    }

    /// `inline`: an expression inside an f-string, which has no lines or blocks of its own.
    fn run(mut self, inline: bool) -> Result<(Vec<Token>, Option<SyntaxError>), SyntaxError> {
        let mut indents: Vec<u32> = vec![0];
        let mut brackets: Vec<(char, Pos)> = vec![];
        let mut line_start = !inline;
        while self.i < self.chars.len() {
            if line_start && brackets.is_empty() {
                line_start = false;
                let mut width = 0;
                while matches!(self.peek(0), ' ' | '\t' | '\x0c') {
                    width = if self.bump() == '\t' { (width / 8 + 1) * 8 } else { width + 1 };
                }
                // Blank lines and lines with only a comment make no tokens.
                if matches!(self.peek(0), '\n' | '#' | '\r') || self.i >= self.chars.len() {
                    self.skip_comment();
                    if self.peek(0) == '\r' {
                        self.bump();
                    }
                    if self.peek(0) == '\n' {
                        self.bump();
                    }
                    line_start = true;
                    continue;
                }
                let here = self.pos();
                if width > *indents.last().unwrap_or(&0) {
                    indents.push(width);
                    self.push(Tok::Indent, here);
                } else {
                    while width < *indents.last().unwrap_or(&0) {
                        indents.pop();
                        self.push(Tok::Dedent, here);
                    }
                    if width != *indents.last().unwrap_or(&0) {
                        return fail(here, Problem::Unindent);
                    }
                }
            }
            let c = self.peek(0);
            let pos = self.pos();
            match c {
                ' ' | '\t' | '\x0c' | '\r' => {
                    self.bump();
                }
                '#' => self.skip_comment(),
                '\n' => {
                    self.bump();
                    if brackets.is_empty() && !inline {
                        self.end_line(pos);
                        line_start = true;
                    }
                }
                '\\' if matches!(self.peek(1), '\n' | '\r') => {
                    self.bump();
                    if self.peek(0) == '\r' {
                        self.bump();
                    }
                    self.bump();
                }
                '\\' => return fail(pos, Problem::StrayBackslash),
                c if c.is_ascii_digit() || (c == '.' && self.peek(1).is_ascii_digit()) => {
                    let tok = self.number()?;
                    self.push(tok, pos);
                }
                c if c == '_' || c.is_alphabetic() => {
                    let mut word = String::new();
                    while self.peek(0) == '_' || self.peek(0).is_alphanumeric() {
                        word.push(self.bump());
                    }
                    if matches!(self.peek(0), '\'' | '"') && is_prefix(&word) {
                        let tok = self.string(&word.to_ascii_lowercase(), pos)?;
                        self.push(tok, pos);
                    } else {
                        self.push(Tok::Name(word), pos);
                    }
                }
                '\'' | '"' => {
                    let tok = self.string("", pos)?;
                    self.push(tok, pos);
                }
                _ => {
                    // Operators are ASCII: the first byte rules out most at once.
                    let Some(op) = OPERATORS.iter().find(|op| {
                        let bytes = op.as_bytes();
                        char::from(bytes[0]) == c
                            && bytes[1..]
                                .iter()
                                .enumerate()
                                .all(|(k, &b)| self.peek(k + 1) == char::from(b))
                    }) else {
                        return fail(pos, Problem::BadCharacter(c));
                    };
                    if *op == "!" && !inline {
                        return fail(pos, Problem::BadCharacter('!'));
                    }
                    for _ in 0..op.len() {
                        self.bump();
                    }
                    match *op {
                        "(" | "[" | "{" => brackets.push((op.chars().next().unwrap_or('('), pos)),
                        ")" | "]" | "}" => {
                            let close = op.chars().next().unwrap_or(')');
                            match brackets.pop() {
                                None => return fail(pos, Problem::Unmatched(close)),
                                Some((open, at)) if matching(open) != close => {
                                    let problem = if at.line == pos.line {
                                        Problem::Mismatched { open, close, line: None }
                                    } else {
                                        Problem::Mismatched { open, close, line: Some(at.line) }
                                    };
                                    return fail(pos, problem);
                                }
                                Some(_) => {}
                            }
                        }
                        _ => {}
                    }
                    self.push(Tok::Op(op), pos);
                }
            }
        }
        let open = brackets
            .last()
            .map(|(open, at)| SyntaxError { pos: *at, problem: Problem::NeverClosed(*open) });
        let end = self.pos();
        if !inline {
            if !matches!(self.out.last().map(|t| &t.tok), None | Some(Tok::Newline)) {
                self.end_line(end);
            }
            while indents.len() > 1 {
                indents.pop();
                self.push(Tok::Dedent, end);
            }
        }
        self.push(Tok::End, end);
        Ok((self.out, open))
    }

    fn end_line(&mut self, pos: Pos) {
        if !matches!(self.out.last().map(|t| &t.tok), None | Some(Tok::Newline)) {
            self.push(Tok::Newline, pos);
        }
    }

    fn skip_comment(&mut self) {
        if self.peek(0) == '#' {
            while self.i < self.chars.len() && self.peek(0) != '\n' {
                self.bump();
            }
        }
    }

    fn number(&mut self) -> Result<Tok, SyntaxError> {
        let pos = self.pos();
        let mut text = String::new();
        if self.peek(0) == '0' && matches!(self.peek(1), 'x' | 'X' | 'o' | 'O' | 'b' | 'B') {
            self.bump();
            let radix = match self.bump().to_ascii_lowercase() {
                'x' => 16,
                'o' => 8,
                _ => 2,
            };
            while self.peek(0) == '_' || self.peek(0).is_ascii_alphanumeric() {
                let c = self.bump();
                if c != '_' {
                    text.push(c);
                }
            }
            return i64::from_str_radix(&text, radix)
                .map(Tok::Int)
                .or_else(|_| fail(pos, Problem::BadNumber));
        }
        let mut float = false;
        loop {
            let c = self.peek(0);
            if c.is_ascii_digit() {
                text.push(self.bump());
            } else if c == '_' && self.peek(1).is_ascii_digit() {
                self.bump();
            } else if c == '.' && !float && !text.contains('e') {
                float = true;
                text.push(self.bump());
            } else if matches!(c, 'e' | 'E')
                && !text.contains('e')
                && (self.peek(1).is_ascii_digit()
                    || (matches!(self.peek(1), '+' | '-') && self.peek(2).is_ascii_digit()))
            {
                float = true;
                self.bump();
                text.push('e');
                if matches!(self.peek(0), '+' | '-') {
                    text.push(self.bump());
                }
            } else {
                break;
            }
        }
        if matches!(self.peek(0), 'j' | 'J') {
            return fail(pos, Problem::Unsupported(Construct::Complex));
        }
        if self.peek(0).is_alphabetic() || self.peek(0) == '_' {
            return fail(pos, Problem::BadNumber);
        }
        if float {
            return text.parse().map(Tok::Float).or_else(|_| fail(pos, Problem::BadNumber));
        }
        if text.len() > 1 && text.starts_with('0') && text.bytes().any(|b| b != b'0') {
            return fail(pos, Problem::LeadingZeros);
        }
        match text.parse() {
            Ok(n) => Ok(Tok::Int(n)),
            Err(_) => fail(pos, Problem::IntTooBig),
        }
    }

    fn string(&mut self, prefix: &str, pos: Pos) -> Result<Tok, SyntaxError> {
        if prefix.contains('b') {
            return fail(pos, Problem::Unsupported(Construct::Bytes));
        }
        let is_raw = prefix.contains('r');
        let quote = self.bump();
        let triple = self.peek(0) == quote && self.peek(1) == quote;
        if triple {
            self.bump();
            self.bump();
        }
        let start = self.pos();
        let mut raw = String::new();
        loop {
            if self.i >= self.chars.len() || (!triple && self.peek(0) == '\n') {
                let detected = self.line;
                let problem = if triple {
                    Problem::UnterminatedTriple { detected }
                } else {
                    Problem::Unterminated { detected }
                };
                return fail(pos, problem);
            }
            let c = self.peek(0);
            if c == quote && (!triple || (self.peek(1) == quote && self.peek(2) == quote)) {
                for _ in 0..if triple { 3 } else { 1 } {
                    self.bump();
                }
                break;
            }
            if c == '\\' {
                raw.push(self.bump());
                if self.i < self.chars.len() {
                    raw.push(self.bump());
                }
                continue;
            }
            raw.push(self.bump());
        }
        if prefix.contains('f') {
            return Ok(Tok::FStr { raw, start, is_raw });
        }
        if is_raw {
            return Ok(Tok::Str(raw));
        }
        unescape(&raw).map(Tok::Str).ok_or(SyntaxError { pos, problem: Problem::BadEscape })
    }
}

fn is_prefix(word: &str) -> bool {
    matches!(word.to_ascii_lowercase().as_str(), "r" | "u" | "f" | "b" | "rf" | "fr" | "br" | "rb")
}

fn matching(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Reads a string's backslash escapes as Python does; an unknown escape stays as written.
pub fn unescape(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = (0..n).filter_map(|_| chars.next()).collect();
                let code = u32::from_str_radix(&hex, 16).ok()?;
                out.push(char::from_u32(code)?);
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokenize(text, Pos { line: 1, col: 1 }).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn problem(text: &str) -> (u32, Problem) {
        let e = tokenize(text, Pos { line: 1, col: 1 }).unwrap_err();
        (e.pos.line, e.problem)
    }

    #[test]
    fn blocks_are_made_of_indents_and_dedents() {
        use Tok::*;
        let got = toks("if x:\n    y = 1\n\n    # note\nz\n");
        let name = |s: &str| Name(s.into());
        assert_eq!(
            got,
            vec![
                name("if"),
                name("x"),
                Op(":"),
                Newline,
                Indent,
                name("y"),
                Op("="),
                Int(1),
                Newline,
                Dedent,
                name("z"),
                Newline,
                End
            ]
        );
    }

    #[test]
    fn brackets_join_lines_and_numbers_read_as_python_reads_them() {
        use Tok::*;
        assert_eq!(
            toks("f(1,\n  2.5e1, 1_000, 0x1f, .5)"),
            vec![
                Name("f".into()),
                Op("("),
                Int(1),
                Op(","),
                Float(25.0),
                Op(","),
                Int(1000),
                Op(","),
                Int(31),
                Op(","),
                Float(0.5),
                Op(")"),
                Newline,
                End
            ]
        );
    }

    #[test]
    fn strings_in_every_quote_form() {
        assert_eq!(toks(r#"'a\tb'"#)[0], Tok::Str("a\tb".into()));
        assert_eq!(toks(r#""it's""#)[0], Tok::Str("it's".into()));
        assert_eq!(toks("'''one\ntwo'''")[0], Tok::Str("one\ntwo".into()));
        assert_eq!(toks(r#"r'\d'"#)[0], Tok::Str("\\d".into()));
        assert!(matches!(&toks("f'{x!r:>6}'")[0], Tok::FStr { raw, .. } if raw == "{x!r:>6}"));
    }

    #[test]
    fn mistakes_are_placed_where_cpython_places_them() {
        assert_eq!(problem("x = (1,\n2\n\ny = 3\n"), (1, Problem::NeverClosed('(')));
        assert_eq!(problem("x = 1)\n"), (1, Problem::Unmatched(')')));
        assert_eq!(problem("s = 'abc\n"), (1, Problem::Unterminated { detected: 1 }));
        assert_eq!(problem("if x:\n    y\n  z\n"), (3, Problem::Unindent));
        assert_eq!(problem("x = 012\n"), (1, Problem::LeadingZeros));
    }
}
