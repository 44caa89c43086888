//! Reads the small asyncio language: a strict subset of Python with `import asyncio`,
//! `async def`, `await`, `asyncio.run/sleep/create_task/gather`, `print` with f-strings of
//! simple names, assignments, `for` over `range` or a list, the simulated I/O call
//! `fetch(url, seconds)`, the CPU-bound call `cpu(seconds)` and the blocking `time.sleep`.
//! Every mistake comes back as a [`ParseError`] with its line and column and a plain
//! explanation; no text makes the parser panic.

use std::fmt;

/// Where something is in the program: line and column, both from 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    /// The line.
    pub line: u32,
    /// The column (in characters).
    pub col: u32,
}

/// A message for the learner in the course's two languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// In Russian.
    pub ru: String,
    /// In English.
    pub en: String,
}

impl Text {
    /// A message in Russian and English.
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        Text { ru: ru.into(), en: en.into() }
    }
}

/// A mistake in the program, with where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Where.
    pub pos: Pos,
    /// What is wrong, in plain words.
    pub message: Text,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.pos.line, self.pos.col, self.message.en)
    }
}

/// The longest program accepted, in characters.
pub const MAX_PROGRAM_CHARS: usize = 20_000;

/// A built-in the language knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `asyncio.sleep(seconds)`
    Sleep,
    /// `asyncio.create_task(coroutine)`
    CreateTask,
    /// `asyncio.gather(*awaitables)`
    Gather,
    /// `asyncio.run(coroutine)`, only at the top level.
    Run,
    /// `print(*values)`
    Print,
    /// `time.sleep(seconds)`: blocks the whole thread.
    TimeSleep,
    /// `fetch(url, seconds)`: simulated network I/O, awaitable.
    Fetch,
    /// `cpu(seconds)`: computing that holds the CPU.
    Cpu,
    /// `range(stop)` or `range(start, stop)`
    Range,
    /// `len(list)`
    Len,
    /// `str(value)`
    Str,
}

impl Builtin {
    fn find(module: Option<&str>, name: &str) -> Option<Builtin> {
        Some(match (module, name) {
            (Some("asyncio"), "sleep") => Builtin::Sleep,
            (Some("asyncio"), "create_task") => Builtin::CreateTask,
            (Some("asyncio"), "gather") => Builtin::Gather,
            (Some("asyncio"), "run") => Builtin::Run,
            (Some("time"), "sleep") => Builtin::TimeSleep,
            (None, "print") => Builtin::Print,
            (None, "fetch") => Builtin::Fetch,
            (None, "cpu") => Builtin::Cpu,
            (None, "range") => Builtin::Range,
            (None, "len") => Builtin::Len,
            (None, "str") => Builtin::Str,
            _ => return None,
        })
    }

    /// How the learner writes it.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Sleep => "asyncio.sleep",
            Builtin::CreateTask => "asyncio.create_task",
            Builtin::Gather => "asyncio.gather",
            Builtin::Run => "asyncio.run",
            Builtin::Print => "print",
            Builtin::TimeSleep => "time.sleep",
            Builtin::Fetch => "fetch",
            Builtin::Cpu => "cpu",
            Builtin::Range => "range",
            Builtin::Len => "len",
            Builtin::Str => "str",
        }
    }
}

/// What is called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callee {
    /// One of the program's `async def` functions, by index.
    Func(usize),
    /// A built-in.
    Builtin(Builtin),
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
}

/// A piece of an f-string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FPart {
    /// Text as written.
    Text(String),
    /// `{name}`
    Name(String, Pos),
}

/// An expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// `None`
    None,
    /// `True` or `False`
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a decimal point, in thousandths (`0.5` is 500).
    Milli(i64),
    /// A string.
    Str(String),
    /// An f-string.
    FStr(Vec<FPart>),
    /// A variable.
    Name(String, Pos),
    /// A call.
    Call {
        /// What is called.
        callee: Callee,
        /// Its arguments; `*list` ones are spread.
        args: Vec<(bool, Expr)>,
        /// Where the call is.
        pos: Pos,
    },
    /// `left op right`
    Binary(Op, Box<Expr>, Box<Expr>, Pos),
    /// `-x`
    Neg(Box<Expr>, Pos),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `[elt for name in iter]` (also a generator `(...)` in a call).
    Comp {
        /// The element.
        elt: Box<Expr>,
        /// The loop variable.
        var: String,
        /// What it runs over.
        iter: Box<Expr>,
    },
}

/// One instruction of a function's body, after compiling its statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Instr {
    /// Evaluates and discards (a call, usually).
    Eval(Expr),
    /// `name = value`
    Assign(String, Expr),
    /// `await value`, keeping the result in `name` if any.
    Await(Option<String>, Expr),
    /// `return value` (`return await value` is an `Await` then this with `Name`).
    Return(Option<Expr>),
    /// Starts a `for`: evaluates the iterable and pushes it.
    ForStart(Expr),
    /// Takes the loop's next item into `name`, or pops the loop and jumps to `exit`.
    ForNext {
        /// The loop variable.
        var: String,
        /// Where the loop ends.
        exit: usize,
    },
    /// Goes to an instruction.
    Jump(usize),
    /// `pass`
    Pass,
}

/// One `async def`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Func {
    /// Its name.
    pub name: String,
    /// Its parameters.
    pub params: Vec<String>,
    /// Its body, compiled.
    pub code: Vec<Instr>,
    /// The line of each instruction.
    pub lines: Vec<u32>,
    /// Where `async def` is.
    pub pos: Pos,
}

/// A whole program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// Its `async def` functions.
    pub funcs: Vec<Func>,
    /// What `asyncio.run(...)` runs: a call of one of them.
    pub main: Expr,
    /// Where `asyncio.run` is.
    pub run_pos: Pos,
    /// The program's text, line by line (for the view).
    pub source: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(String),
    Int(i64),
    Milli(i64),
    Str(String),
    FStr(Vec<FPart>),
    Punct(&'static str),
    Newline,
    Indent,
    Dedent,
    End,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    pos: Pos,
}

fn err<T>(pos: Pos, ru: impl Into<String>, en: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError { pos, message: Text::new(ru, en) })
}

const PUNCT: [&str; 17] =
    ["//", "**", "(", ")", "[", "]", ",", ":", ".", "=", "+", "-", "*", "/", "%", "{", "}"];

/// Splits the program into tokens, with Python's indentation rules.
fn tokenize(text: &str) -> Result<Vec<Token>, ParseError> {
    let mut out = Vec::new();
    let mut indents = vec![0usize];
    let mut depth = 0usize; // open brackets: newlines inside them do not count
    for (n, raw) in text.lines().enumerate() {
        let line = n as u32 + 1;
        let chars: Vec<char> = raw.chars().collect();
        let mut i = 0;
        if depth == 0 {
            let indent = chars.iter().take_while(|c| **c == ' ' || **c == '\t').count();
            let rest = &chars[indent..];
            if rest.is_empty() || rest[0] == '#' {
                continue;
            }
            if chars[..indent].contains(&'\t') {
                return err(
                    Pos { line, col: 1 },
                    "делайте отступы пробелами, а не табуляцией",
                    "indent with spaces, not tabs",
                );
            }
            let current = *indents.last().unwrap_or(&0);
            if indent > current {
                indents.push(indent);
                out.push(Token { tok: Tok::Indent, pos: Pos { line, col: 1 } });
            } else {
                while indent < *indents.last().unwrap_or(&0) {
                    indents.pop();
                    out.push(Token { tok: Tok::Dedent, pos: Pos { line, col: 1 } });
                }
                if indent != *indents.last().unwrap_or(&0) {
                    return err(
                        Pos { line, col: indent as u32 + 1 },
                        "этот отступ не совпадает ни с одним внешним блоком",
                        "this indentation matches no outer block",
                    );
                }
            }
            i = indent;
        }
        while i < chars.len() {
            let c = chars[i];
            let pos = Pos { line, col: i as u32 + 1 };
            if c == ' ' || c == '\t' {
                i += 1;
            } else if c == '#' {
                break;
            } else if c.is_ascii_digit() {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().filter(|c| **c != '_').collect();
                out.push(Token { tok: number(&word, pos)?, pos });
            } else if c.is_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let quote = chars.get(i).copied();
                if matches!(quote, Some('"' | '\'')) && matches!(word.as_str(), "f" | "F") {
                    let (text, next) = string(&chars, i, pos)?;
                    i = next;
                    out.push(Token { tok: Tok::FStr(fstring(&text, pos)?), pos });
                } else if matches!(quote, Some('"' | '\'')) {
                    return err(
                        pos,
                        format!("префикс строки «{word}» не поддерживается: пишите обычные строки или f-строки"), format!("string prefix «{word}» is not supported; use plain or f-strings")
                    );
                } else {
                    out.push(Token { tok: Tok::Name(word), pos });
                }
            } else if c == '"' || c == '\'' {
                let (text, next) = string(&chars, i, pos)?;
                i = next;
                out.push(Token { tok: Tok::Str(text), pos });
            } else if let Some(p) =
                PUNCT.iter().find(|p| chars[i..].starts_with(&p.chars().collect::<Vec<_>>()))
            {
                match *p {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += p.chars().count();
                out.push(Token { tok: Tok::Punct(p), pos });
            } else {
                return err(
                    pos,
                    format!("«{c}» не входит в этот язык"),
                    format!("«{c}» is not part of this language"),
                );
            }
        }
        if depth == 0 && !matches!(out.last().map(|t| &t.tok), Some(Tok::Newline) | None) {
            out.push(Token { tok: Tok::Newline, pos: Pos { line, col: chars.len() as u32 + 1 } });
        }
    }
    let end = Pos { line: text.lines().count() as u32 + 1, col: 1 };
    if depth > 0 {
        return err(end, "скобка так и не закрыта", "a bracket is never closed");
    }
    for _ in 1..indents.len() {
        out.push(Token { tok: Tok::Dedent, pos: end });
    }
    out.push(Token { tok: Tok::End, pos: end });
    Ok(out)
}

fn number(word: &str, pos: Pos) -> Result<Tok, ParseError> {
    let bad = || {
        err(
            pos,
            format!("«{word}» — не число, которое понимает этот язык"),
            format!("«{word}» is not a number this language reads"),
        )
    };
    match word.split_once('.') {
        None => word.parse().map(Tok::Int).or_else(|_| bad()),
        Some((whole, frac)) => {
            if frac.len() > 3 || !frac.chars().all(|c| c.is_ascii_digit()) {
                return err(
                    pos,
                    "не больше трёх знаков после точки (миллисекунды)",
                    "use at most three decimals (milliseconds)",
                );
            }
            let whole: i64 = match whole {
                "" => 0,
                digits => match digits.parse() {
                    Ok(n) => n,
                    Err(_) => return bad(),
                },
            };
            let frac: i64 = format!("{frac:0<3}").parse().unwrap_or(0);
            whole
                .checked_mul(1000)
                .and_then(|w| w.checked_add(frac))
                .map(Tok::Milli)
                .map_or_else(bad, Ok)
        }
    }
}

/// Reads a string literal starting at `chars[start]` (the quote); returns it and the index
/// after it.
fn string(chars: &[char], start: usize, pos: Pos) -> Result<(String, usize), ParseError> {
    let quote = chars[start];
    let mut out = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            c if c == quote => return Ok((out, i + 1)),
            '\\' => {
                let escaped = match chars.get(i + 1) {
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some(c @ ('\\' | '\'' | '"')) => *c,
                    _ => {
                        return err(
                            Pos { col: i as u32 + 1, ..pos },
                            "такая escape-последовательность не поддерживается",
                            "this escape is not supported",
                        )
                    }
                };
                out.push(escaped);
                i += 2;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    err(
        pos,
        "строка не закрыта (на той же строке)",
        "this string is never closed (on the same line)",
    )
}

fn fstring(text: &str, pos: Pos) -> Result<Vec<FPart>, ParseError> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with("{{") || rest[open..].starts_with("}}") {
            parts.push(FPart::Text(format!("{}{}", &rest[..open], &rest[open..open + 1])));
            rest = &rest[open + 2..];
            continue;
        }
        if rest[open..].starts_with('}') {
            return err(
                pos,
                "одиночную «}» в f-строке нужно удвоить: «}}»",
                "a single «}» in an f-string must be doubled: «}}»",
            );
        }
        parts.push(FPart::Text(rest[..open].to_owned()));
        let Some(close) = rest[open..].find('}') else {
            return err(pos, "«{» в f-строке так и не закрыта", "an f-string «{» is never closed");
        };
        let name = rest[open + 1..open + close].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return err(pos, format!("в f-строках здесь можно только простые имена, как {{name}}, а не {{{name}}}"), format!("in f-strings only simple names are supported here, like {{name}}; not {{{name}}}"));
        }
        parts.push(FPart::Name(name.to_owned(), pos));
        rest = &rest[open + close + 1..];
    }
    parts.push(FPart::Text(rest.to_owned()));
    parts.retain(|p| !matches!(p, FPart::Text(t) if t.is_empty()));
    Ok(parts)
}

// ---------------------------------------------------------------------------------------------
// Statements

/// A parsed statement, before compiling.
enum Stmt {
    Expr(Expr, Pos),
    Assign(String, Expr, Pos),
    Await(Option<String>, Expr, Pos),
    Return(Option<Expr>, bool, Pos),
    For(String, Expr, Vec<Stmt>, Pos),
    Pass(Pos),
}

struct Parser {
    toks: Vec<Token>,
    at: usize,
    /// The program's functions' names, known before their bodies are read.
    funcs: Vec<String>,
    /// Modules imported so far.
    imports: Vec<String>,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.at.min(self.toks.len() - 1)].tok
    }

    fn pos(&self) -> Pos {
        self.toks[self.at.min(self.toks.len() - 1)].pos
    }

    fn next(&mut self) -> Token {
        let t = self.toks[self.at.min(self.toks.len() - 1)].clone();
        self.at += 1;
        t
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::Punct(q) if *q == p)
    }

    fn is_name(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Name(w) if w == word)
    }

    /// Takes the punctuation `p`, or says that it was expected `what` (Russian, English).
    fn expect(&mut self, p: &str, what: [&str; 2]) -> Result<(), ParseError> {
        if self.is_punct(p) {
            self.at += 1;
            Ok(())
        } else {
            err(
                self.pos(),
                format!("ожидалось «{p}» {}", what[0]),
                format!("expected «{p}» {}", what[1]),
            )
        }
    }

    /// Takes a name, or says that `what` (Russian, English) was expected.
    fn name(&mut self, what: [&str; 2]) -> Result<String, ParseError> {
        match self.next() {
            Token { tok: Tok::Name(n), .. } if !KEYWORDS.contains(&n.as_str()) => Ok(n),
            t => err(t.pos, format!("ожидалось {}", what[0]), format!("expected {}", what[1])),
        }
    }

    fn end_of_statement(&mut self) -> Result<(), ParseError> {
        match self.peek() {
            Tok::Newline => {
                self.at += 1;
                Ok(())
            }
            Tok::End | Tok::Dedent => Ok(()),
            _ => {
                err(self.pos(), "здесь ожидался конец строки", "expected the end of the line here")
            }
        }
    }

    fn block(&mut self) -> Result<Vec<Stmt>, ParseError> {
        self.expect(":", ["в конце строки", "at the end of the line"])?;
        if !matches!(self.peek(), Tok::Newline) {
            return err(
                self.pos(),
                "начните блок с новой строки с отступом",
                "start the block on a new, indented line",
            );
        }
        self.at += 1;
        if !matches!(self.peek(), Tok::Indent) {
            return err(
                self.pos(),
                "здесь ожидался блок с отступом",
                "expected an indented block here",
            );
        }
        self.at += 1;
        let mut body = Vec::new();
        while !matches!(self.peek(), Tok::Dedent | Tok::End) {
            body.push(self.statement()?);
        }
        if matches!(self.peek(), Tok::Dedent) {
            self.at += 1;
        }
        Ok(body)
    }

    fn statement(&mut self) -> Result<Stmt, ParseError> {
        let pos = self.pos();
        if self.is_name("async") || self.is_name("def") {
            return err(
                pos,
                "функции определяются только на верхнем уровне",
                "define functions at the top level only",
            );
        }
        if self.is_name("pass") {
            self.at += 1;
            self.end_of_statement()?;
            return Ok(Stmt::Pass(pos));
        }
        if self.is_name("return") {
            self.at += 1;
            if matches!(self.peek(), Tok::Newline | Tok::End | Tok::Dedent) {
                self.end_of_statement()?;
                return Ok(Stmt::Return(None, false, pos));
            }
            let awaited = self.is_name("await");
            if awaited {
                self.at += 1;
            }
            let value = self.expr()?;
            self.end_of_statement()?;
            return Ok(Stmt::Return(Some(value), awaited, pos));
        }
        if self.is_name("for") {
            let (var, iter) = self.loop_head()?;
            let body = self.block()?;
            return Ok(Stmt::For(var, iter, body, pos));
        }
        if let Some(
            word @ ("while" | "if" | "try" | "with" | "class" | "import" | "from" | "lambda"
            | "yield"),
        ) = match self.peek() {
            Tok::Name(w) => Some(w.as_str()),
            _ => None,
        } {
            let word = word.to_owned();
            return err(
                pos,
                format!(
                    "«{word}» не входит в этот маленький язык (см. список того, что он понимает)"
                ),
                format!(
                    "«{word}» is not part of this small language (see the list of what it reads)"
                ),
            );
        }
        if self.is_name("await") {
            self.at += 1;
            let value = self.expr()?;
            self.end_of_statement()?;
            return Ok(Stmt::Await(None, value, pos));
        }
        // `name = value` or an expression.
        if let (Tok::Name(n), Some(Tok::Punct("="))) =
            (self.peek().clone(), self.toks.get(self.at + 1).map(|t| &t.tok))
        {
            if KEYWORDS.contains(&n.as_str()) {
                return err(
                    pos,
                    format!("«{n}» — ключевое слово, ему нельзя присвоить значение"),
                    format!("«{n}» is a keyword and cannot be assigned"),
                );
            }
            self.at += 2;
            if self.is_name("await") {
                self.at += 1;
                let value = self.expr()?;
                self.end_of_statement()?;
                return Ok(Stmt::Await(Some(n), value, pos));
            }
            let value = self.expr()?;
            self.end_of_statement()?;
            return Ok(Stmt::Assign(n, value, pos));
        }
        let value = self.expr()?;
        if self.is_punct("=") {
            return err(
                self.pos(),
                "присваивать здесь можно только простому имени",
                "only a plain name can be assigned to here",
            );
        }
        self.end_of_statement()?;
        Ok(Stmt::Expr(value, pos))
    }

    // Expressions, by precedence: sum, term, unary, postfix (calls), atom.

    /// A left-associative chain of `next`s joined by one precedence level's operators.
    fn chain(
        &mut self,
        ops: &[(&str, Op)],
        next: fn(&mut Self) -> Result<Expr, ParseError>,
    ) -> Result<Expr, ParseError> {
        let mut left = next(self)?;
        loop {
            let pos = self.pos();
            let Some(&(_, op)) = ops.iter().find(|(p, _)| self.is_punct(p)) else {
                return Ok(left);
            };
            self.at += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(next(self)?), pos);
        }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.chain(&[("+", Op::Add), ("-", Op::Sub)], Self::term)
    }

    fn term(&mut self) -> Result<Expr, ParseError> {
        let ops = [("*", Op::Mul), ("/", Op::Div), ("//", Op::FloorDiv), ("%", Op::Mod)];
        self.chain(&ops, Self::unary)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        if self.is_punct("-") {
            self.at += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?), pos));
        }
        if self.is_name("await") {
            return err(
                pos,
                "здесь «await» может только начинать строку: «await x», «y = await x» или \
                 «return await x»; сначала напишите «y = await x» отдельной строкой",
                "here «await» can only start a line: «await x», «y = await x» or «return await x»; \
                 write «y = await x» on a line of its own first",
            );
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        let t = self.next();
        let pos = t.pos;
        match t.tok {
            Tok::Int(n) => Ok(Expr::Int(n)),
            Tok::Milli(n) => Ok(Expr::Milli(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::FStr(parts) => Ok(Expr::FStr(parts)),
            Tok::Punct("(") => {
                let inner = self.expr()?;
                if self.is_name("for") {
                    let comp = self.comprehension(inner)?;
                    self.expect(")", ["чтобы закрыть генератор", "to close the generator"])?;
                    return Ok(comp);
                }
                self.expect(")", ["чтобы закрыть скобку", "to close the bracket"])?;
                Ok(inner)
            }
            Tok::Punct("[") => {
                let mut items = Vec::new();
                if self.is_punct("]") {
                    self.at += 1;
                    return Ok(Expr::List(items));
                }
                let first = self.expr()?;
                if self.is_name("for") {
                    let comp = self.comprehension(first)?;
                    self.expect("]", ["чтобы закрыть список", "to close the list"])?;
                    return Ok(comp);
                }
                items.push(first);
                while self.is_punct(",") {
                    self.at += 1;
                    if self.is_punct("]") {
                        break;
                    }
                    items.push(self.expr()?);
                }
                self.expect("]", ["чтобы закрыть список", "to close the list"])?;
                Ok(Expr::List(items))
            }
            Tok::Name(n) => match n.as_str() {
                "None" => Ok(Expr::None),
                "True" => Ok(Expr::Bool(true)),
                "False" => Ok(Expr::Bool(false)),
                _ => self.name_or_call(n, pos),
            },
            Tok::Newline | Tok::End | Tok::Dedent | Tok::Indent => {
                err(pos, "строка обрывается слишком рано", "the line ends too early")
            }
            Tok::Punct(p) => err(
                pos,
                format!("с «{p}» не может начинаться значение"),
                format!("«{p}» cannot start a value"),
            ),
        }
    }

    /// `for NAME in VALUE`, from the `for`: the loop variable and what it runs over.
    fn loop_head(&mut self) -> Result<(String, Expr), ParseError> {
        self.at += 1; // for
        let var = self.name(["имя переменной цикла после «for»", "a loop variable after «for»"])?;
        if !self.is_name("in") {
            return err(
                self.pos(),
                "после переменной цикла ожидалось «in»",
                "expected «in» after the loop variable",
            );
        }
        self.at += 1;
        Ok((var, self.expr()?))
    }

    fn comprehension(&mut self, elt: Expr) -> Result<Expr, ParseError> {
        let (var, iter) = self.loop_head()?;
        Ok(Expr::Comp { elt: Box::new(elt), var, iter: Box::new(iter) })
    }

    fn name_or_call(&mut self, first: String, pos: Pos) -> Result<Expr, ParseError> {
        if KEYWORDS.contains(&first.as_str()) {
            return err(
                pos,
                format!("«{first}» здесь использовать нельзя"),
                format!("«{first}» cannot be used here"),
            );
        }
        let mut module = None;
        let mut name = first;
        if self.is_punct(".") {
            self.at += 1;
            let attr = self.name(["имя после «.»", "a name after «.»"])?;
            if !matches!(name.as_str(), "asyncio" | "time") {
                return err(
                    pos,
                    format!("«{name}.{attr}»: атрибуты здесь есть только у asyncio.… и time.…"),
                    format!("«{name}.{attr}»: only asyncio.… and time.… have attributes here"),
                );
            }
            if !self.imports.contains(&name) {
                return err(
                    pos,
                    format!("«{name}» используется до «import {name}»"),
                    format!("«{name}» is used before «import {name}»"),
                );
            }
            module = Some(name);
            name = attr;
        }
        if !self.is_punct("(") {
            if let Some(m) = module {
                return err(
                    pos,
                    format!("«{m}.{name}» здесь нужно вызвать"),
                    format!("«{m}.{name}» must be called here"),
                );
            }
            return Ok(Expr::Name(name, pos));
        }
        self.at += 1;
        let callee = if let Some(b) = Builtin::find(module.as_deref(), &name) {
            Callee::Builtin(b)
        } else if let Some(i) =
            self.funcs.iter().position(|f| *f == name).filter(|_| module.is_none())
        {
            Callee::Func(i)
        } else if let Some(m) = module {
            return err(
                pos,
                format!("«{m}.{name}» этот язык не знает"),
                format!("«{m}.{name}» is not something this language knows"),
            );
        } else {
            return err(
                pos,
                format!("«{name}» не определена: вызывайте свои функции async def или встроенные"),
                format!(
                    "«{name}» is not defined: call one of your async def functions or a built-in"
                ),
            );
        };
        let mut args = Vec::new();
        while !self.is_punct(")") {
            let star = self.is_punct("*");
            if star {
                self.at += 1;
            }
            if let (Tok::Name(_), Some(Tok::Punct("="))) =
                (self.peek(), self.toks.get(self.at + 1).map(|t| &t.tok))
            {
                return err(
                    self.pos(),
                    "именованные аргументы здесь не поддерживаются: передавайте значения по порядку",
                    "keyword arguments are not supported here; pass values in order",
                );
            }
            let value = self.expr()?;
            let value =
                if self.is_name("for") && !star { self.comprehension(value)? } else { value };
            args.push((star, value));
            if !self.is_punct(",") {
                break;
            }
            self.at += 1;
        }
        self.expect(")", ["чтобы закрыть вызов", "to close the call"])?;
        Ok(Expr::Call { callee, args, pos })
    }
}

const KEYWORDS: [&str; 22] = [
    "async", "await", "def", "return", "for", "in", "pass", "import", "None", "True", "False",
    "while", "if", "else", "try", "with", "class", "from", "lambda", "yield", "and", "or",
];

/// Reads a program.
pub fn parse(text: &str) -> Result<Program, ParseError> {
    if text.chars().count() > MAX_PROGRAM_CHARS {
        return err(
            Pos { line: 1, col: 1 },
            format!("программа длиннее {MAX_PROGRAM_CHARS} символов"),
            format!("the program is longer than {MAX_PROGRAM_CHARS} characters"),
        );
    }
    let toks = tokenize(text)?;
    // The functions' names first, so a function may call one defined below it.
    let mut funcs: Vec<String> = Vec::new();
    for w in toks.windows(3) {
        if let (Tok::Name(a), Tok::Name(d), Tok::Name(name)) = (&w[0].tok, &w[1].tok, &w[2].tok) {
            if a == "async" && d == "def" {
                funcs.push(name.clone());
            }
        }
    }
    let mut p = Parser { toks, at: 0, funcs, imports: Vec::new() };
    let mut defs = Vec::new();
    let mut main = None;
    while !matches!(p.peek(), Tok::End) {
        let pos = p.pos();
        if matches!(p.peek(), Tok::Indent) {
            return err(pos, "неожиданный отступ", "unexpected indentation");
        }
        if p.is_name("import") {
            p.at += 1;
            let module = p.name(["имя модуля", "a module name"])?;
            if !matches!(module.as_str(), "asyncio" | "time") {
                return err(pos, format!("здесь доступны только «import asyncio» и «import time», а не «{module}»"), format!("only «import asyncio» and «import time» are available here, not «{module}»"));
            }
            p.end_of_statement()?;
            p.imports.push(module);
        } else if p.is_name("async") {
            p.at += 1;
            if !p.is_name("def") {
                return err(
                    p.pos(),
                    "после «async» ожидалось «def»",
                    "expected «def» after «async»",
                );
            }
            p.at += 1;
            let name = p.name(["имя функции", "the function's name"])?;
            if defs.iter().any(|f: &Func| f.name == name) {
                return err(
                    pos,
                    format!("«{name}» определена дважды"),
                    format!("«{name}» is defined twice"),
                );
            }
            p.expect("(", ["после имени функции", "after the function's name"])?;
            let mut params = Vec::new();
            while !p.is_punct(")") {
                params.push(p.name(["имя параметра", "a parameter name"])?);
                if !p.is_punct(",") {
                    break;
                }
                p.at += 1;
            }
            p.expect(")", ["чтобы закрыть список параметров", "to close the parameters"])?;
            let body = p.block()?;
            let mut f = Func { name, params, code: Vec::new(), lines: Vec::new(), pos };
            compile(&body, &mut f);
            defs.push(f);
        } else if p.is_name("def") {
            return err(
                pos,
                "здесь поддерживаются только функции «async def»; для вычислений вызывайте cpu(секунды)",
                "only «async def» functions are supported here; for computing, call cpu(seconds)",
            );
        } else if p.is_name("await") {
            return err(pos, "«await» вне асинхронной функции: в Python это SyntaxError; await пишут внутри «async def»", "«await» outside an async function: in Python this is a SyntaxError; await inside «async def»");
        } else {
            let expr = p.expr()?;
            p.end_of_statement()?;
            match expr {
                Expr::Call { callee: Callee::Builtin(Builtin::Run), mut args, .. }
                    if main.is_none() =>
                {
                    if args.len() != 1 || args[0].0 {
                        return err(
                            pos,
                            "asyncio.run принимает одну сопрограмму: asyncio.run(main())",
                            "asyncio.run takes one coroutine: asyncio.run(main())",
                        );
                    }
                    let (_, arg) = args.remove(0);
                    if !matches!(arg, Expr::Call { callee: Callee::Func(_), .. }) {
                        return err(pos, "asyncio.run нужен вызов функции async def, например asyncio.run(main())", "asyncio.run needs a call of an async def function, like asyncio.run(main())");
                    }
                    main = Some((arg, pos));
                }
                Expr::Call { callee: Callee::Builtin(Builtin::Run), .. } => {
                    return err(
                        pos,
                        "asyncio.run вызывается один раз, в конце",
                        "asyncio.run is called once, at the end",
                    );
                }
                _ => {
                    return err(pos, "на верхнем уровне этот язык понимает import, async def и asyncio.run(main())", "at the top level this language reads imports, async def and asyncio.run(main())");
                }
            }
        }
    }
    let Some((main, run_pos)) = main else {
        return err(
            p.pos(),
            "программа не вызывает asyncio.run(main()): ничего не запустится",
            "the program never calls asyncio.run(main()): nothing would run",
        );
    };
    if let Some(name) = p.funcs.iter().find(|n| !defs.iter().any(|f| f.name == **n)) {
        return err(run_pos, format!("«{name}» не определена"), format!("«{name}» is not defined"));
    }
    let source = text.lines().map(str::to_owned).collect();
    Ok(Program { funcs: defs, main, run_pos, source })
}

/// Compiles statements into instructions.
fn compile(body: &[Stmt], f: &mut Func) {
    for stmt in body {
        let (instr, line) = match stmt {
            Stmt::Pass(pos) => (Instr::Pass, pos.line),
            Stmt::Expr(e, pos) => (Instr::Eval(e.clone()), pos.line),
            Stmt::Assign(n, e, pos) => (Instr::Assign(n.clone(), e.clone()), pos.line),
            Stmt::Await(n, e, pos) => (Instr::Await(n.clone(), e.clone()), pos.line),
            Stmt::Return(e, false, pos) => (Instr::Return(e.clone()), pos.line),
            Stmt::Return(e, true, pos) => {
                // `return await x`: await into a hidden name, then return it.
                let hidden = "__awaited".to_owned();
                f.code.push(Instr::Await(Some(hidden.clone()), e.clone().unwrap_or(Expr::None)));
                f.lines.push(pos.line);
                (Instr::Return(Some(Expr::Name(hidden, *pos))), pos.line)
            }
            Stmt::For(var, iter, inner, pos) => {
                f.code.push(Instr::ForStart(iter.clone()));
                f.lines.push(pos.line);
                let next = f.code.len();
                f.code.push(Instr::ForNext { var: var.clone(), exit: 0 });
                f.lines.push(pos.line);
                compile(inner, f);
                f.code.push(Instr::Jump(next));
                f.lines.push(pos.line);
                let exit = f.code.len();
                f.code[next] = Instr::ForNext { var: var.clone(), exit };
                continue;
            }
        };
        f.code.push(instr);
        f.lines.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELLO: &str = "\
import asyncio


async def greet(name, seconds):
    await asyncio.sleep(seconds)
    print(f\"hello {name}\")


async def main():
    task = asyncio.create_task(greet(\"a\", 1))
    await asyncio.gather(greet(\"b\", 0.5), task)
    for i in range(2):
        print(i)

asyncio.run(main())
";

    #[test]
    fn a_program_reads_into_functions_and_the_run_call() {
        let p = parse(HELLO).unwrap();
        assert_eq!(p.funcs.len(), 2);
        assert_eq!(p.funcs[0].params, ["name", "seconds"]);
        assert!(matches!(p.main, Expr::Call { callee: Callee::Func(1), .. }));
        let main = &p.funcs[1];
        assert!(matches!(main.code[0], Instr::Assign(ref n, _) if n == "task"));
        assert!(matches!(main.code[2], Instr::ForStart(_)));
        assert_eq!(main.lines, [10, 11, 12, 12, 13, 12]);
        assert!(matches!(
            p.funcs[0].code[1],
            Instr::Eval(Expr::Call { callee: Callee::Builtin(Builtin::Print), .. })
        ));
    }

    #[test]
    fn numbers_with_decimals_are_thousandths() {
        assert_eq!(number("0.5", Pos::default()), Ok(Tok::Milli(500)));
        assert_eq!(number("2.25", Pos::default()), Ok(Tok::Milli(2250)));
        assert!(number("1.2345", Pos::default()).is_err());
        assert!(number("99999999999999999999", Pos::default()).is_err());
    }

    fn error(text: &str) -> (u32, u32, String) {
        let e = parse(text).unwrap_err();
        (e.pos.line, e.pos.col, e.message.en)
    }

    #[test]
    fn mistakes_have_a_line_a_column_and_a_plain_explanation() {
        let (line, col, m) =
            error("import asyncio\nasync def main():\n    await nothing()\nasyncio.run(main())\n");
        assert_eq!((line, col), (3, 11));
        assert!(m.contains("«nothing» is not defined"), "{m}");
        let ru =
            parse("import asyncio\nasync def main():\n    await nothing()\nasyncio.run(main())\n");
        assert!(ru.unwrap_err().message.ru.starts_with("«nothing» не определена"));
        let (line, _, m) = error("import asyncio\nawait asyncio.sleep(1)\n");
        assert_eq!(line, 2);
        assert!(m.contains("outside an async function"), "{m}");
        let (_, _, m) = error("import asyncio\nasync def main():\n    print(await asyncio.sleep(1))\nasyncio.run(main())\n");
        assert!(m.contains("can only start a line"), "{m}");
        let (line, _, m) = error("import asyncio\nasync def main():\npass\nasyncio.run(main())\n");
        assert_eq!(line, 3);
        assert!(m.contains("indented block"), "{m}");
        assert!(error("async def main():\n    pass\n").2.contains("never calls asyncio.run"));
        assert!(error("import os\n").2.contains("only «import asyncio»"));
        assert!(error("import asyncio\nasync def main():\n    x = \"open\nasyncio.run(main())\n")
            .2
            .contains("never closed"));
        assert!(error("import asyncio\nasync def main():\n    while True:\n        pass\nasyncio.run(main())\n").2.contains("«while»"));
        assert!(error("async def main():\n    await asyncio.sleep(1)\nasyncio.run(main())\n")
            .2
            .contains("before «import asyncio»"));
    }

    #[test]
    fn no_text_makes_the_parser_panic() {
        for text in [
            "",
            "(",
            ")",
            "\"",
            "f\"{",
            "f\"}\"",
            "\t",
            "async",
            "async def",
            "x = ",
            "1.",
            "..",
            "é",
            "[",
            "asyncio.run(",
            "\u{0}",
        ] {
            let _ = parse(text);
        }
    }
}
