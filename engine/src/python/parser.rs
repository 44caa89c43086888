//! Reads tokens into a syntax tree, with Python's grammar and precedence (the order of
//! `python.gram` in CPython, from `lambda` down to an atom).

use super::ast::*;
use super::error::{Construct, Pos, Problem, SyntaxError};
use super::lexer::{tokenize, tokens_and_open_bracket, unescape, Tok, Token};

type Parsed<T> = Result<T, SyntaxError>;

/// Words that cannot name a variable.
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The longest program read, in characters.
pub const MAX_CHARS: usize = 20_000;

/// Reads a whole module (a learner's program, at most [`MAX_CHARS`] long).
pub fn parse_module(text: &str) -> Parsed<Vec<Stmt>> {
    if text.chars().count() > MAX_CHARS {
        return Err(SyntaxError {
            pos: Pos { line: 1, col: 1 },
            problem: Problem::TooLong(MAX_CHARS),
        });
    }
    parse_any_length(text)
}

/// Reads a module of any length (the course's own asyncio).
pub(crate) fn parse_any_length(text: &str) -> Parsed<Vec<Stmt>> {
    let (tokens, open) = tokens_and_open_bracket(text, Pos { line: 1, col: 1 })?;
    parse_tokens(tokens, open)
}

/// Reads a module from its tokens ([`tokens_and_open_bracket`] of its text).
pub(crate) fn parse_tokens(tokens: Vec<Token>, open: Option<SyntaxError>) -> Parsed<Vec<Stmt>> {
    let mut p = Parser { tokens, i: 0, depth: 0 };
    let mut body = vec![];
    let read = (|| {
        while p.peek() != &Tok::End {
            if p.peek() == &Tok::Indent {
                return p.fail(Problem::UnexpectedIndent);
            }
            p.statement(&mut body)?;
        }
        Ok(())
    })();
    // As CPython's parser: a bracket left open is the mistake when the parser ran into the
    // end of the text, or when it could only say "invalid syntax" on a later line.
    match (read, open) {
        (Err(_), Some(open)) if p.peek() == &Tok::End => Err(open),
        (Err(e), Some(open)) if is_generic(&e.problem) && e.pos.line > open.pos.line => Err(open),
        (Err(e), _) => Err(e),
        (Ok(()), Some(open)) => Err(open),
        (Ok(()), None) => Ok(body),
    }
}

/// A mistake CPython only calls "invalid syntax" (a missing closing bracket is one).
fn is_generic(p: &Problem) -> bool {
    matches!(p, Problem::Invalid | Problem::Expected("')'" | "']'" | "'}'"))
}

/// Expressions nest at most this deep, as CPython's parser has a limit too.
const MAX_NESTING: u32 = 50;

struct Parser {
    tokens: Vec<Token>,
    i: usize,
    depth: u32,
}

fn expr(pos: Pos, kind: ExprKind) -> Expr {
    Expr { pos, kind }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.i.min(self.tokens.len() - 1)].tok
    }

    fn peek_at(&self, ahead: usize) -> &Tok {
        &self.tokens[(self.i + ahead).min(self.tokens.len() - 1)].tok
    }

    fn pos(&self) -> Pos {
        self.tokens[self.i.min(self.tokens.len() - 1)].pos
    }

    fn bump(&mut self) -> Token {
        let t = self.tokens[self.i.min(self.tokens.len() - 1)].clone();
        if self.i < self.tokens.len() - 1 {
            self.i += 1;
        }
        t
    }

    fn fail<T>(&self, problem: Problem) -> Parsed<T> {
        Err(SyntaxError { pos: self.pos(), problem })
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Name(w) if w == word)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let yes = self.is_op(op);
        if yes {
            self.bump();
        }
        yes
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let yes = self.is_word(word);
        if yes {
            self.bump();
        }
        yes
    }

    fn expect_op(&mut self, op: &'static str, what: &'static str) -> Parsed<()> {
        if self.eat_op(op) {
            Ok(())
        } else if matches!(self.peek(), Tok::Newline | Tok::End) && op != ":" {
            self.fail(Problem::Invalid)
        } else {
            self.fail(Problem::Expected(what))
        }
    }

    fn identifier(&mut self) -> Parsed<String> {
        match self.peek().clone() {
            Tok::Name(w) if !KEYWORDS.contains(&w.as_str()) => {
                self.bump();
                Ok(w)
            }
            _ => self.fail(Problem::Invalid),
        }
    }

    // --- statements ------------------------------------------------------------------------

    fn statement(&mut self, out: &mut Vec<Stmt>) -> Parsed<()> {
        if self.is_op("@") {
            return self.decorated(out);
        }
        let pos = self.pos();
        let word = match self.peek() {
            Tok::Name(w) => w.clone(),
            _ => String::new(),
        };
        let kind = match word.as_str() {
            "if" => {
                self.bump();
                self.if_rest(pos, "'if' statement")?
            }
            "while" => {
                self.bump();
                let test = self.named_test()?;
                let body = self.block("'while' statement", pos)?;
                let orelse = self.else_block()?;
                StmtKind::While(test, body, orelse)
            }
            "for" => {
                self.bump();
                self.for_rest(pos, false)?
            }
            "try" => {
                self.bump();
                self.try_rest(pos)?
            }
            "with" => {
                self.bump();
                self.with_rest(pos, false)?
            }
            "def" => {
                self.bump();
                self.def_rest(pos, false)?
            }
            "class" => {
                self.bump();
                self.class_rest(pos)?
            }
            "async" => {
                self.bump();
                if self.eat_word("def") {
                    self.def_rest(pos, true)?
                } else if self.eat_word("with") {
                    self.with_rest(pos, true)?
                } else if self.eat_word("for") {
                    self.for_rest(pos, true)?
                } else {
                    return self.fail(Problem::Invalid);
                }
            }
            "match" if self.at_match_statement() => {
                self.bump();
                self.match_rest(pos)?
            }
            _ => return self.simple_statements(out),
        };
        out.push(Stmt { pos, kind });
        Ok(())
    }

    fn if_rest(&mut self, pos: Pos, what: &str) -> Parsed<StmtKind> {
        let test = self.named_test()?;
        let body = self.block(what, pos)?;
        let orelse = if self.is_word("elif") {
            let at = self.pos();
            self.bump();
            vec![Stmt { pos: at, kind: self.if_rest(at, "'elif' statement")? }]
        } else {
            self.else_block()?
        };
        Ok(StmtKind::If(test, body, orelse))
    }

    fn else_block(&mut self) -> Parsed<Vec<Stmt>> {
        if self.is_word("else") {
            let at = self.pos();
            self.bump();
            self.block("'else' statement", at)
        } else {
            Ok(vec![])
        }
    }

    /// `match` is a soft keyword: a statement when its line, at bracket depth 0, ends in `:`
    /// (`match(x)` and `match = 1` are a call and an assignment).
    fn at_match_statement(&self) -> bool {
        if matches!(self.peek_at(1), Tok::Op("=" | "." | ":" | ",") | Tok::Newline | Tok::End) {
            return false;
        }
        let mut depth = 0i32;
        let mut last = None;
        for ahead in 1.. {
            match self.peek_at(ahead) {
                Tok::Newline | Tok::End => return depth == 0 && last == Some(":"),
                Tok::Op(o @ ("(" | "[" | "{")) => {
                    depth += 1;
                    last = Some(*o);
                }
                Tok::Op(o @ (")" | "]" | "}")) => {
                    depth -= 1;
                    last = Some(*o);
                }
                Tok::Op(o) => last = Some(*o),
                _ => last = None,
            }
            if ahead > 10_000 {
                break;
            }
        }
        false
    }

    /// `match subject:` then its `case` clauses, each `case pattern [if guard]: block`.
    fn match_rest(&mut self, pos: Pos) -> Parsed<StmtKind> {
        let subject = self.star_expressions()?;
        self.expect_op(":", "':'")?;
        if self.peek() != &Tok::Newline {
            return self.fail(Problem::Invalid);
        }
        self.bump();
        if self.peek() != &Tok::Indent {
            return self
                .fail(Problem::ExpectedBlock { what: "'match' statement".into(), line: pos.line });
        }
        self.bump();
        let mut cases = vec![];
        while !matches!(self.peek(), Tok::Dedent | Tok::End) {
            let at = self.pos();
            if !self.eat_word("case") {
                return self.fail(Problem::Invalid);
            }
            let pattern = self.case_patterns()?;
            let guard = if self.eat_word("if") { Some(self.named_test()?) } else { None };
            let body = self.block("'case' statement", at)?;
            cases.push((pattern, guard, body));
        }
        self.bump();
        if cases.is_empty() {
            return self.fail(Problem::Invalid);
        }
        Ok(StmtKind::Match(subject, cases))
    }

    /// A case's patterns: one, or several with commas (an open sequence).
    fn case_patterns(&mut self) -> Parsed<Pattern> {
        let first = self.maybe_star_pattern()?;
        if !self.is_op(",") {
            return match first {
                Pattern::Star(_) => self.fail(Problem::Invalid),
                p => Ok(p),
            };
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(":") || self.is_word("if") {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(Pattern::Sequence(items))
    }

    fn maybe_star_pattern(&mut self) -> Parsed<Pattern> {
        if self.eat_op("*") {
            let name = self.identifier()?;
            return Ok(Pattern::Star((name != "_").then_some(name)));
        }
        self.pattern()
    }

    /// `or_pattern ['as' name]`
    fn pattern(&mut self) -> Parsed<Pattern> {
        let mut options = vec![self.closed_pattern()?];
        while self.eat_op("|") {
            options.push(self.closed_pattern()?);
        }
        let p = if options.len() == 1 { options.remove(0) } else { Pattern::Or(options) };
        if self.eat_word("as") {
            let name = self.identifier()?;
            return Ok(Pattern::As(Box::new(p), name));
        }
        Ok(p)
    }

    fn closed_pattern(&mut self) -> Parsed<Pattern> {
        let pos = self.pos();
        match self.peek().clone() {
            Tok::Op("(") | Tok::Op("[") => {
                let close = if self.is_op("(") { ")" } else { "]" };
                self.bump();
                let mut items = vec![];
                let mut tuple = close == "]";
                while !self.is_op(close) {
                    items.push(self.maybe_star_pattern()?);
                    if !self.eat_op(",") {
                        break;
                    }
                    tuple = true;
                }
                self.expect_op(if close == ")" { ")" } else { "]" }, "a closing bracket")?;
                if !tuple && items.len() == 1 && !matches!(items[0], Pattern::Star(_)) {
                    return Ok(items.remove(0));
                }
                Ok(Pattern::Sequence(items))
            }
            Tok::Op("{") => {
                self.bump();
                let mut items = vec![];
                let mut rest = None;
                while !self.is_op("}") {
                    if self.eat_op("**") {
                        rest = Some(self.identifier()?);
                    } else {
                        let key = self.literal_or_value()?;
                        self.expect_op(":", "':'")?;
                        items.push((key, self.pattern()?));
                    }
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("}", "'}'")?;
                Ok(Pattern::Mapping(items, rest))
            }
            Tok::Name(w) if w == "_" && !matches!(self.peek_at(1), Tok::Op("." | "(")) => {
                self.bump();
                Ok(Pattern::Wildcard)
            }
            Tok::Name(w) if matches!(w.as_str(), "None" | "True" | "False") => {
                let e = self.atom()?;
                Ok(Pattern::Singleton(e))
            }
            Tok::Name(w) if !KEYWORDS.contains(&w.as_str()) => {
                if !matches!(self.peek_at(1), Tok::Op("." | "(")) {
                    self.bump();
                    return Ok(Pattern::Capture(w));
                }
                let mut target = expr(pos, ExprKind::Name(self.identifier()?));
                while self.eat_op(".") {
                    let at = self.pos();
                    target = expr(at, ExprKind::Attr(Box::new(target), self.identifier()?));
                }
                if !self.eat_op("(") {
                    return Ok(Pattern::Value(target));
                }
                let (mut positional, mut keywords) = (vec![], vec![]);
                while !self.is_op(")") {
                    if matches!(self.peek(), Tok::Name(_))
                        && matches!(self.peek_at(1), Tok::Op("="))
                    {
                        let name = self.identifier()?;
                        self.bump();
                        keywords.push((name, self.pattern()?));
                    } else if keywords.is_empty() {
                        positional.push(self.pattern()?);
                    } else {
                        return self.fail(Problem::PositionalAfterKeyword);
                    }
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op(")", "')'")?;
                Ok(Pattern::Class(target, positional, keywords))
            }
            _ => Ok(Pattern::Value(self.literal_or_value()?)),
        }
    }

    /// A literal in a pattern: a number (signed), a string, or a dotted name.
    fn literal_or_value(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        match self.peek().clone() {
            Tok::Op("-") => {
                self.bump();
                let n = self.atom()?;
                if !matches!(n.kind, ExprKind::Int(_) | ExprKind::Float(_)) {
                    return self.fail(Problem::Invalid);
                }
                Ok(expr(pos, ExprKind::Unary(UnaryOp::Neg, Box::new(n))))
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Str(_) => self.atom(),
            Tok::Name(w) if matches!(w.as_str(), "None" | "True" | "False") => self.atom(),
            Tok::Name(_) => {
                let mut target = expr(pos, ExprKind::Name(self.identifier()?));
                while self.eat_op(".") {
                    let at = self.pos();
                    target = expr(at, ExprKind::Attr(Box::new(target), self.identifier()?));
                }
                Ok(target)
            }
            _ => self.fail(Problem::Invalid),
        }
    }

    /// `@decorator` lines and the `def` or `class` they decorate.
    fn decorated(&mut self, out: &mut Vec<Stmt>) -> Parsed<()> {
        let mut decorators = vec![];
        while self.eat_op("@") {
            decorators.push(self.named_test()?);
            if !matches!(self.peek(), Tok::Newline) {
                return self.fail(Problem::Invalid);
            }
            self.bump();
        }
        let pos = self.pos();
        let mut kind = if self.eat_word("def") {
            self.def_rest(pos, false)?
        } else if self.is_word("async") && matches!(self.peek_at(1), Tok::Name(w) if w == "def") {
            self.bump();
            self.bump();
            self.def_rest(pos, true)?
        } else if self.eat_word("class") {
            self.class_rest(pos)?
        } else {
            return self.fail(Problem::Invalid);
        };
        match &mut kind {
            StmtKind::Def(def) => def.decorators = decorators,
            StmtKind::Class(.., d) => *d = decorators,
            _ => {}
        }
        out.push(Stmt { pos, kind });
        Ok(())
    }

    fn class_rest(&mut self, pos: Pos) -> Parsed<StmtKind> {
        let name = self.identifier()?;
        let mut bases = vec![];
        if self.eat_op("(") {
            while !self.is_op(")") {
                bases.push(self.test()?);
                if !self.eat_op(",") {
                    break;
                }
            }
            self.expect_op(")", "')'")?;
        }
        let body = self.block("class definition", pos)?;
        Ok(StmtKind::Class(name, bases, body, vec![]))
    }

    fn for_rest(&mut self, pos: Pos, is_async: bool) -> Parsed<StmtKind> {
        let target = self.target_list()?;
        if !self.eat_word("in") {
            return self.fail(Problem::Expected("'in'"));
        }
        let iter = self.star_expressions()?;
        let body = self.block("'for' statement", pos)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For(target, iter, body, orelse, is_async))
    }

    fn try_rest(&mut self, pos: Pos) -> Parsed<StmtKind> {
        let body = self.block("'try' statement", pos)?;
        let mut handlers = vec![];
        while self.is_word("except") {
            let at = self.pos();
            self.bump();
            if self.is_op("*") {
                return self.fail(Problem::Unsupported(Construct::ExceptStar));
            }
            let mut typ = None;
            let mut name = None;
            if !self.is_op(":") {
                typ = Some(self.test_or_tuple()?);
                if self.eat_word("as") {
                    name = Some(self.identifier()?);
                }
            }
            let body = self.block("'except' statement", at)?;
            handlers.push(Handler { pos: at, typ, name, body });
        }
        let orelse = if handlers.is_empty() { vec![] } else { self.else_block()? };
        let finally = if self.is_word("finally") {
            let at = self.pos();
            self.bump();
            self.block("'finally' statement", at)?
        } else {
            vec![]
        };
        if handlers.is_empty() && finally.is_empty() {
            return self.fail(Problem::Expected("'except' or 'finally' block"));
        }
        Ok(StmtKind::Try { body, handlers, orelse, finally })
    }

    fn with_rest(&mut self, pos: Pos, is_async: bool) -> Parsed<StmtKind> {
        let mut items = vec![];
        let parens = self.is_op("(") && self.with_items_in_parens();
        if parens {
            self.bump();
        }
        loop {
            let ctx = self.test()?;
            let target = if self.eat_word("as") { Some(self.target()?) } else { None };
            items.push((ctx, target));
            if !self.eat_op(",") || (parens && self.is_op(")")) {
                break;
            }
        }
        if parens {
            self.expect_op(")", "')'")?;
        }
        let body = self.block("'with' statement", pos)?;
        Ok(StmtKind::With(items, body, is_async))
    }

    /// `with (a as b, c):` rather than `with (a):` — the brackets hold `as` or a comma.
    fn with_items_in_parens(&self) -> bool {
        let mut depth = 0;
        for t in &self.tokens[self.i..] {
            match &t.tok {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => {
                    depth -= 1;
                    if depth == 0 {
                        return false;
                    }
                }
                Tok::Name(w) if w == "as" && depth == 1 => return true,
                Tok::Op(",") if depth == 1 => return true,
                Tok::Newline | Tok::End => return false,
                _ => {}
            }
        }
        false
    }

    fn def_rest(&mut self, pos: Pos, is_async: bool) -> Parsed<StmtKind> {
        let name = self.identifier()?;
        self.expect_op("(", "'('")?;
        let params = self.params(")", true)?;
        self.expect_op(")", "')'")?;
        if self.eat_op("->") {
            self.test()?;
        }
        let body = self.block("function definition", pos)?;
        Ok(StmtKind::Def(Box::new(FunctionDef {
            name,
            params,
            body,
            is_async,
            decorators: vec![],
        })))
    }

    /// Parameters up to `close`; `annotated` for `def` (a lambda's cannot be annotated).
    fn params(&mut self, close: &str, annotated: bool) -> Parsed<Params> {
        let mut params = Params::default();
        let mut keyword_only = false;
        let mut seen_default = false;
        while !self.is_op(close) {
            if self.eat_op("**") {
                params.star_star = Some(self.param_name(annotated)?);
            } else if self.eat_op("*") {
                keyword_only = true;
                if !self.is_op(",") {
                    params.star = Some(self.param_name(annotated)?);
                }
            } else if self.eat_op("/") {
                // Positional-only marker: every parameter before it is positional anyway here.
            } else {
                let at = self.pos();
                let name = self.param_name(annotated)?;
                let default = if self.eat_op("=") { Some(self.test()?) } else { None };
                if keyword_only {
                    params.keyword_only.push((name, default));
                } else {
                    if default.is_none() && seen_default {
                        return Err(SyntaxError { pos: at, problem: Problem::DefaultOrder });
                    }
                    seen_default |= default.is_some();
                    params.positional.push((name, default));
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(params)
    }

    fn param_name(&mut self, annotated: bool) -> Parsed<String> {
        let name = self.identifier()?;
        if annotated && self.eat_op(":") {
            self.test()?;
        }
        Ok(name)
    }

    /// `: NEWLINE INDENT statements DEDENT`, or simple statements on the same line.
    fn block(&mut self, what: &str, opener: Pos) -> Parsed<Vec<Stmt>> {
        self.expect_op(":", "':'")?;
        let mut body = vec![];
        if self.peek() != &Tok::Newline {
            self.simple_statements(&mut body)?;
            return Ok(body);
        }
        self.bump();
        if self.peek() != &Tok::Indent {
            return self.fail(Problem::ExpectedBlock { what: what.into(), line: opener.line });
        }
        self.bump();
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.fail(Problem::TooDeep);
        }
        while !matches!(self.peek(), Tok::Dedent | Tok::End) {
            if self.peek() == &Tok::Indent {
                return self.fail(Problem::UnexpectedIndent);
            }
            self.statement(&mut body)?;
        }
        self.bump();
        self.depth -= 1;
        Ok(body)
    }

    fn simple_statements(&mut self, out: &mut Vec<Stmt>) -> Parsed<()> {
        loop {
            let pos = self.pos();
            let kind = self.simple_statement()?;
            out.push(Stmt { pos, kind });
            if !self.eat_op(";") || matches!(self.peek(), Tok::Newline) {
                break;
            }
        }
        match self.peek() {
            Tok::Newline => {
                self.bump();
                Ok(())
            }
            Tok::End => Ok(()),
            _ => self.fail(Problem::Invalid),
        }
    }

    fn names(&mut self) -> Parsed<Vec<String>> {
        let mut names = vec![self.identifier()?];
        while self.eat_op(",") {
            names.push(self.identifier()?);
        }
        Ok(names)
    }

    fn dotted(&mut self) -> Parsed<String> {
        let mut name = self.identifier()?;
        while self.eat_op(".") {
            name.push('.');
            name.push_str(&self.identifier()?);
        }
        Ok(name)
    }

    fn simple_statement(&mut self) -> Parsed<StmtKind> {
        let word = match self.peek() {
            Tok::Name(w) => w.clone(),
            _ => String::new(),
        };
        let ends = |p: &Parser| matches!(p.peek(), Tok::Newline | Tok::End | Tok::Op(";"));
        Ok(match word.as_str() {
            "pass" => {
                self.bump();
                StmtKind::Pass
            }
            "break" => {
                self.bump();
                StmtKind::Break
            }
            "continue" => {
                self.bump();
                StmtKind::Continue
            }
            "return" => {
                self.bump();
                StmtKind::Return(if ends(self) { None } else { Some(self.star_expressions()?) })
            }
            "raise" => {
                self.bump();
                if ends(self) {
                    StmtKind::Raise(None, None)
                } else {
                    let exc = self.test()?;
                    let cause = if self.eat_word("from") { Some(self.test()?) } else { None };
                    StmtKind::Raise(Some(exc), cause)
                }
            }
            "global" => {
                self.bump();
                StmtKind::Global(self.names()?)
            }
            "nonlocal" => {
                self.bump();
                StmtKind::Nonlocal(self.names()?)
            }
            "assert" => {
                self.bump();
                let test = self.test()?;
                let msg = if self.eat_op(",") { Some(self.test()?) } else { None };
                StmtKind::Assert(test, msg)
            }
            "del" => {
                self.bump();
                let targets = match self.star_expressions()? {
                    Expr { kind: ExprKind::Tuple(items), .. } => items,
                    one => vec![one],
                };
                targets.iter().try_for_each(check_deletable)?;
                StmtKind::Del(targets)
            }
            "import" => {
                self.bump();
                let mut names = vec![];
                loop {
                    let module = self.dotted()?;
                    let alias = if self.eat_word("as") { Some(self.identifier()?) } else { None };
                    names.push((module, alias));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            "from" => {
                self.bump();
                let module = self.dotted()?;
                if !self.eat_word("import") {
                    return self.fail(Problem::Expected("'import'"));
                }
                let parens = self.eat_op("(");
                let mut names = vec![];
                loop {
                    if self.eat_op("*") {
                        names.push(("*".to_owned(), None));
                    } else {
                        let name = self.identifier()?;
                        let alias =
                            if self.eat_word("as") { Some(self.identifier()?) } else { None };
                        names.push((name, alias));
                    }
                    if !self.eat_op(",") || (parens && self.is_op(")")) {
                        break;
                    }
                }
                if parens {
                    self.expect_op(")", "')'")?;
                }
                StmtKind::ImportFrom(module, names)
            }
            _ => self.expression_statement()?,
        })
    }

    /// What may stand right of `=`: a yield or expressions.
    fn value_or_yield(&mut self) -> Parsed<Expr> {
        if self.is_word("yield") {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// `yield`, `yield a, b` or `yield from it`.
    fn yield_expr(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        self.bump();
        if self.eat_word("from") {
            return Ok(expr(pos, ExprKind::YieldFrom(Box::new(self.test()?))));
        }
        let value =
            if self.at_expression_end() { None } else { Some(Box::new(self.star_expressions()?)) };
        Ok(expr(pos, ExprKind::Yield(value)))
    }

    fn expression_statement(&mut self) -> Parsed<StmtKind> {
        let first = self.value_or_yield()?;
        if self.is_op(":") && !matches!(first.kind, ExprKind::Tuple(_)) {
            self.bump();
            check_target(&first)?;
            self.test()?;
            let value = if self.eat_op("=") { Some(self.star_expressions()?) } else { None };
            return Ok(StmtKind::AnnAssign(first, value));
        }
        if let Tok::Op(op) = self.peek() {
            if let Some(bin) = augmented(op) {
                self.bump();
                if !matches!(
                    first.kind,
                    ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Subscript(..)
                ) {
                    return Err(SyntaxError {
                        pos: first.pos,
                        problem: Problem::CannotAssign(what_it_is(&first)),
                    });
                }
                let value = self.value_or_yield()?;
                return Ok(StmtKind::AugAssign(first, bin, value));
            }
        }
        if !self.is_op("=") {
            return Ok(StmtKind::Expr(first));
        }
        let mut targets = vec![first];
        let mut value;
        loop {
            self.bump();
            value = self.value_or_yield()?;
            if !self.is_op("=") {
                break;
            }
            targets.push(value);
        }
        for t in &targets {
            check_target(t)?;
        }
        Ok(StmtKind::Assign(targets, value))
    }

    // --- expressions -----------------------------------------------------------------------

    /// `a, *b` as a `for` target.
    fn target_list(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let mut items = vec![self.target()?];
        let mut tuple = false;
        while self.eat_op(",") {
            tuple = true;
            if self.is_word("in") || self.is_op("=") {
                break;
            }
            items.push(self.target()?);
        }
        let t = if tuple { expr(pos, ExprKind::Tuple(items)) } else { items.remove(0) };
        check_target(&t)?;
        Ok(t)
    }

    fn target(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        if self.eat_op("*") {
            return Ok(expr(pos, ExprKind::Starred(Box::new(self.bitor()?))));
        }
        self.bitor()
    }

    /// `a, b` where a tuple needs no brackets (right of `=`, `return`, `for ... in`).
    fn star_expressions(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let first = self.star_or_test()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_expression_end() {
                break;
            }
            items.push(self.star_or_test()?);
        }
        Ok(expr(pos, ExprKind::Tuple(items)))
    }

    fn at_expression_end(&self) -> bool {
        match self.peek() {
            Tok::Newline | Tok::End => true,
            Tok::Op(o) => matches!(*o, "=" | ")" | "]" | "}" | ":" | ";") || augmented(o).is_some(),
            _ => false,
        }
    }

    fn star_or_test(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        if self.eat_op("*") {
            return Ok(expr(pos, ExprKind::Starred(Box::new(self.bitor()?))));
        }
        self.named_test()
    }

    fn named_test(&mut self) -> Parsed<Expr> {
        let e = self.test()?;
        if self.is_op(":=") {
            let ExprKind::Name(name) = e.kind else {
                return Err(SyntaxError {
                    pos: e.pos,
                    problem: Problem::CannotNamedAssign(what_it_is(&e)),
                });
            };
            self.bump();
            let value = self.test()?;
            return Ok(expr(e.pos, ExprKind::Named(name, Box::new(value))));
        }
        Ok(e)
    }

    /// `a, b` in an `except` clause's types.
    fn test_or_tuple(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let first = self.test()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            items.push(self.test()?);
        }
        Ok(expr(pos, ExprKind::Tuple(items)))
    }

    fn test(&mut self) -> Parsed<Expr> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.fail(Problem::TooDeep);
        }
        let result = self.test_inner();
        self.depth -= 1;
        result
    }

    fn test_inner(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        if self.eat_word("lambda") {
            let params = self.params(":", false)?;
            self.expect_op(":", "':'")?;
            let body = self.test()?;
            return Ok(expr(pos, ExprKind::Lambda(Box::new(params), Box::new(body))));
        }
        let body = self.or_test()?;
        if !self.is_word("if") {
            return Ok(body);
        }
        self.bump();
        let test = self.or_test()?;
        if !self.eat_word("else") {
            return self.fail(Problem::Expected("'else' after 'if' expression"));
        }
        let orelse = self.test()?;
        Ok(expr(
            pos,
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
        ))
    }

    fn or_test(&mut self) -> Parsed<Expr> {
        self.bool_chain("or", Self::and_test, false)
    }

    fn and_test(&mut self) -> Parsed<Expr> {
        self.bool_chain("and", Self::not_test, true)
    }

    fn bool_chain(
        &mut self,
        word: &str,
        next: fn(&mut Self) -> Parsed<Expr>,
        is_and: bool,
    ) -> Parsed<Expr> {
        let pos = self.pos();
        let first = next(self)?;
        if !self.is_word(word) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_word(word) {
            items.push(next(self)?);
        }
        Ok(expr(pos, ExprKind::BoolOp(is_and, items)))
    }

    fn not_test(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        if self.eat_word("not") {
            let inner = self.not_test()?;
            return Ok(expr(pos, ExprKind::Unary(UnaryOp::Not, Box::new(inner))));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let first = self.bitor()?;
        let mut rest = vec![];
        loop {
            let op = match self.peek() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::Ne,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::Le,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::Ge,
                Tok::Name(w) if w == "in" => CmpOp::In,
                Tok::Name(w) if w == "is" => {
                    if matches!(self.peek_at(1), Tok::Name(n) if n == "not") {
                        self.bump();
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Name(w)
                    if w == "not" && matches!(self.peek_at(1), Tok::Name(n) if n == "in") =>
                {
                    self.bump();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.bump();
            rest.push((op, self.bitor()?));
        }
        if rest.is_empty() {
            Ok(first)
        } else {
            Ok(expr(pos, ExprKind::Compare(Box::new(first), rest)))
        }
    }

    fn binary_level(
        &mut self,
        ops: &[(&str, BinOp)],
        next: fn(&mut Self) -> Parsed<Expr>,
    ) -> Parsed<Expr> {
        let pos = self.pos();
        let mut left = next(self)?;
        'outer: loop {
            for (sym, op) in ops {
                if self.is_op(sym) {
                    self.bump();
                    let right = next(self)?;
                    left = expr(pos, ExprKind::Binary(*op, Box::new(left), Box::new(right)));
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }

    fn bitor(&mut self) -> Parsed<Expr> {
        self.binary_level(&[("|", BinOp::BitOr)], Self::bitxor)
    }

    fn bitxor(&mut self) -> Parsed<Expr> {
        self.binary_level(&[("^", BinOp::BitXor)], Self::bitand)
    }

    fn bitand(&mut self) -> Parsed<Expr> {
        self.binary_level(&[("&", BinOp::BitAnd)], Self::shift)
    }

    fn shift(&mut self) -> Parsed<Expr> {
        self.binary_level(&[("<<", BinOp::LShift), (">>", BinOp::RShift)], Self::arith)
    }

    fn arith(&mut self) -> Parsed<Expr> {
        self.binary_level(&[("+", BinOp::Add), ("-", BinOp::Sub)], Self::term)
    }

    fn term(&mut self) -> Parsed<Expr> {
        self.binary_level(
            &[
                ("*", BinOp::Mul),
                ("/", BinOp::Div),
                ("//", BinOp::FloorDiv),
                ("%", BinOp::Mod),
                ("@", BinOp::MatMul),
            ],
            Self::factor,
        )
    }

    fn factor(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.bump();
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return self.fail(Problem::TooDeep);
        }
        let inner = self.factor();
        self.depth -= 1;
        Ok(expr(pos, ExprKind::Unary(op, Box::new(inner?))))
    }

    fn power(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let base = if self.eat_word("await") {
            expr(pos, ExprKind::Await(Box::new(self.primary()?)))
        } else {
            self.primary()?
        };
        if self.eat_op("**") {
            let exp = self.factor()?;
            return Ok(expr(pos, ExprKind::Binary(BinOp::Pow, Box::new(base), Box::new(exp))));
        }
        Ok(base)
    }

    fn primary(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let mut e = self.atom()?;
        loop {
            if self.eat_op(".") {
                let name = self.identifier()?;
                e = expr(pos, ExprKind::Attr(Box::new(e), name));
            } else if self.eat_op("(") {
                let args = self.call_args()?;
                self.expect_op(")", "')'")?;
                e = expr(pos, ExprKind::Call(Box::new(e), args));
            } else if self.eat_op("[") {
                let index = self.subscript()?;
                self.expect_op("]", "']'")?;
                e = expr(pos, ExprKind::Subscript(Box::new(e), Box::new(index)));
            } else {
                return Ok(e);
            }
        }
    }

    fn call_args(&mut self) -> Parsed<Vec<Arg>> {
        let mut args = vec![];
        let mut keywords = false;
        while !self.is_op(")") {
            let at = self.pos();
            if self.eat_op("**") {
                args.push(Arg::StarStar(self.test()?));
                keywords = true;
            } else if self.eat_op("*") {
                args.push(Arg::Star(self.test()?));
            } else if matches!(self.peek(), Tok::Name(_)) && matches!(self.peek_at(1), Tok::Op("="))
            {
                let name = self.identifier()?;
                self.bump();
                args.push(Arg::Kw(name, self.test()?));
                keywords = true;
            } else {
                let value = self.named_test()?;
                if self.at_comp_for() {
                    let gen = self.comprehension(at, CompKind::Generator, value, None)?;
                    args.push(Arg::Pos(gen));
                } else {
                    if keywords {
                        return Err(SyntaxError {
                            pos: at,
                            problem: Problem::PositionalAfterKeyword,
                        });
                    }
                    args.push(Arg::Pos(value));
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(args)
    }

    fn subscript(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let first = self.slice_item()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op("]") {
                break;
            }
            items.push(self.slice_item()?);
        }
        Ok(expr(pos, ExprKind::Tuple(items)))
    }

    fn slice_item(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let part = |p: &mut Self| -> Parsed<Option<Box<Expr>>> {
            if p.is_op(":") || p.is_op("]") || p.is_op(",") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.test()?)))
            }
        };
        let lower = part(self)?;
        if !self.eat_op(":") {
            return lower.map(|b| *b).map_or_else(|| self.fail(Problem::Invalid), Ok);
        }
        let upper = part(self)?;
        let step = if self.eat_op(":") { part(self)? } else { None };
        Ok(expr(pos, ExprKind::Slice(lower, upper, step)))
    }

    fn atom(&mut self) -> Parsed<Expr> {
        let token = self.bump();
        let pos = token.pos;
        Ok(match token.tok {
            Tok::Int(n) => expr(pos, ExprKind::Int(n)),
            Tok::Float(f) => expr(pos, ExprKind::Float(f)),
            Tok::Str(_) | Tok::FStr { .. } => {
                self.i -= 1;
                self.strings()?
            }
            Tok::Op("...") => expr(pos, ExprKind::Ellipsis),
            Tok::Op("(") => self.paren(pos)?,
            Tok::Op("[") => {
                if self.eat_op("]") {
                    return Ok(expr(pos, ExprKind::List(vec![])));
                }
                let first = self.star_or_test()?;
                if self.at_comp_for() {
                    let e = self.comprehension(pos, CompKind::List, first, None)?;
                    self.expect_op("]", "']'")?;
                    return Ok(e);
                }
                let items = self.rest_of_items(first, "]")?;
                expr(pos, ExprKind::List(items))
            }
            Tok::Op("{") => self.braces(pos)?,
            Tok::Name(w) => match w.as_str() {
                "None" => expr(pos, ExprKind::None),
                "True" => expr(pos, ExprKind::Bool(true)),
                "False" => expr(pos, ExprKind::Bool(false)),
                w if KEYWORDS.contains(&w) => {
                    return Err(SyntaxError { pos, problem: Problem::Invalid })
                }
                _ => expr(pos, ExprKind::Name(w)),
            },
            Tok::Indent => return Err(SyntaxError { pos, problem: Problem::UnexpectedIndent }),
            _ => return Err(SyntaxError { pos, problem: Problem::Invalid }),
        })
    }

    fn rest_of_items(&mut self, first: Expr, close: &'static str) -> Parsed<Vec<Expr>> {
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(close) {
                break;
            }
            items.push(self.star_or_test()?);
        }
        self.expect_op(close, if close == "]" { "']'" } else { "')'" })?;
        Ok(items)
    }

    fn paren(&mut self, pos: Pos) -> Parsed<Expr> {
        if self.eat_op(")") {
            return Ok(expr(pos, ExprKind::Tuple(vec![])));
        }
        if self.is_word("yield") {
            let e = self.yield_expr()?;
            self.expect_op(")", "')'")?;
            return Ok(e);
        }
        let first = self.star_or_test()?;
        if self.at_comp_for() {
            let e = self.comprehension(pos, CompKind::Generator, first, None)?;
            self.expect_op(")", "')'")?;
            return Ok(e);
        }
        if self.eat_op(")") {
            return Ok(first);
        }
        if !self.is_op(",") {
            return self.fail(Problem::Invalid);
        }
        let items = self.rest_of_items(first, ")")?;
        Ok(expr(pos, ExprKind::Tuple(items)))
    }

    fn braces(&mut self, pos: Pos) -> Parsed<Expr> {
        if self.eat_op("}") {
            return Ok(expr(pos, ExprKind::Dict(vec![])));
        }
        if self.eat_op("**") {
            let spread = self.bitor()?;
            return self.dict_rest(pos, None, spread);
        }
        let first = self.star_or_test()?;
        if self.eat_op(":") {
            let value = self.test()?;
            if self.at_comp_for() {
                let e = self.comprehension(pos, CompKind::Dict, first, Some(value))?;
                self.expect_op("}", "'}'")?;
                return Ok(e);
            }
            return self.dict_rest(pos, Some(first), value);
        }
        if self.at_comp_for() {
            let e = self.comprehension(pos, CompKind::Set, first, None)?;
            self.expect_op("}", "'}'")?;
            return Ok(e);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op("}") {
                break;
            }
            items.push(self.star_or_test()?);
        }
        self.expect_op("}", "'}'")?;
        Ok(expr(pos, ExprKind::Set(items)))
    }

    fn dict_rest(&mut self, pos: Pos, key: Option<Expr>, value: Expr) -> Parsed<Expr> {
        let mut items = vec![(key, value)];
        while self.eat_op(",") {
            if self.is_op("}") {
                break;
            }
            if self.eat_op("**") {
                items.push((None, self.bitor()?));
            } else {
                let k = self.test()?;
                self.expect_op(":", "':'")?;
                items.push((Some(k), self.test()?));
            }
        }
        self.expect_op("}", "'}'")?;
        Ok(expr(pos, ExprKind::Dict(items)))
    }

    /// `for` or `async for` of a comprehension comes next.
    fn at_comp_for(&self) -> bool {
        self.is_word("for")
            || self.is_word("async") && matches!(self.peek_at(1), Tok::Name(w) if w == "for")
    }

    fn comprehension(
        &mut self,
        pos: Pos,
        kind: CompKind,
        elt: Expr,
        value: Option<Expr>,
    ) -> Parsed<Expr> {
        let mut fors = vec![];
        while self.at_comp_for() {
            let is_async = self.eat_word("async");
            self.bump();
            let target = self.target_list()?;
            if !self.eat_word("in") {
                return self.fail(Problem::Expected("'in'"));
            }
            let iter = self.or_test()?;
            let mut ifs = vec![];
            while self.eat_word("if") {
                ifs.push(self.or_test()?);
            }
            fors.push(CompFor { target, iter, ifs, is_async });
        }
        Ok(expr(pos, ExprKind::Comp { kind, elt: Box::new(elt), value: value.map(Box::new), fors }))
    }

    /// Adjacent string literals, joined as Python joins them.
    fn strings(&mut self) -> Parsed<Expr> {
        let pos = self.pos();
        let mut parts: Vec<FPart> = vec![];
        let mut formatted = false;
        loop {
            match self.peek().clone() {
                Tok::Str(s) => {
                    self.bump();
                    push_text(&mut parts, &s);
                }
                Tok::FStr { raw, start, is_raw } => {
                    self.bump();
                    formatted = true;
                    for part in fstring(&raw, start, is_raw)? {
                        match part {
                            FPart::Text(t) => push_text(&mut parts, &t),
                            value => parts.push(value),
                        }
                    }
                }
                _ => break,
            }
        }
        if !formatted {
            let text = match parts.pop() {
                Some(FPart::Text(t)) => t,
                _ => String::new(),
            };
            return Ok(expr(pos, ExprKind::Str(text)));
        }
        Ok(expr(pos, ExprKind::FStr(parts)))
    }
}

fn push_text(parts: &mut Vec<FPart>, text: &str) {
    if let Some(FPart::Text(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(FPart::Text(text.to_owned()));
    }
}

fn augmented(op: &str) -> Option<BinOp> {
    Some(match op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mul,
        "/=" => BinOp::Div,
        "//=" => BinOp::FloorDiv,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        "@=" => BinOp::MatMul,
        "<<=" => BinOp::LShift,
        ">>=" => BinOp::RShift,
        "&=" => BinOp::BitAnd,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        _ => return None,
    })
}

/// What CPython calls an expression that cannot be assigned to.
fn what_it_is(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call(..) => "function call",
        ExprKind::Await(_) => "await expression",
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bool(_) => "literal",
        ExprKind::None => "None",
        ExprKind::FStr(_) => "f-string expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::Lambda(..) => "lambda",
        ExprKind::Comp { .. } => "comprehension",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Attr(..) => "attribute",
        ExprKind::Subscript(..) => "subscript",
        _ => "expression",
    }
}

/// `del` takes names, attributes, items and brackets of them.
fn check_deletable(e: &Expr) -> Parsed<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Subscript(..) => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().try_for_each(check_deletable)
        }
        _ => Err(SyntaxError { pos: e.pos, problem: Problem::CannotDelete(what_it_is(e)) }),
    }
}

fn check_target(e: &Expr) -> Parsed<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Subscript(..) => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(check_target),
        ExprKind::Starred(inner) => check_target(inner),
        _ => Err(SyntaxError { pos: e.pos, problem: Problem::CannotAssign(what_it_is(e)) }),
    }
}

/// Reads an f-string's text: literal parts, and `{expression!conversion:spec}` parts whose
/// expressions are read at their own place in the program.
fn fstring(raw: &str, start: Pos, is_raw: bool) -> Parsed<Vec<FPart>> {
    let chars: Vec<char> = raw.chars().collect();
    let mut positions = Vec::with_capacity(chars.len() + 1);
    let mut at = start;
    for &c in &chars {
        positions.push(at);
        if c == '\n' {
            at = Pos { line: at.line + 1, col: 1 };
        } else {
            at.col += 1;
        }
    }
    positions.push(at);
    fparts(&chars, &positions, 0, chars.len(), is_raw)
}

fn fparts(chars: &[char], at: &[Pos], from: usize, to: usize, is_raw: bool) -> Parsed<Vec<FPart>> {
    let mut parts = vec![];
    let mut text = String::new();
    let mut i = from;
    let flush = |text: &mut String, parts: &mut Vec<FPart>| -> Parsed<()> {
        if !text.is_empty() {
            let value = if is_raw {
                std::mem::take(text)
            } else {
                let t = unescape(text)
                    .ok_or(SyntaxError { pos: at[from], problem: Problem::BadEscape })?;
                text.clear();
                t
            };
            push_text(parts, &value);
        }
        Ok(())
    };
    while i < to {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') && i + 1 < to {
            text.push('{');
            i += 2;
            continue;
        }
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') && i + 1 < to {
                text.push('}');
                i += 2;
                continue;
            }
            return Err(SyntaxError { pos: at[i], problem: Problem::SingleBrace });
        }
        if c != '{' {
            text.push(c);
            i += 1;
            continue;
        }
        flush(&mut text, &mut parts)?;
        // Find the expression's end: a `!`, `:` or `}` outside brackets and strings.
        let open = i;
        let mut depth = 0;
        let mut quote: Option<char> = None;
        let mut j = i + 1;
        while j < to {
            let d = chars[j];
            if let Some(q) = quote {
                if d == q {
                    quote = None;
                }
            } else {
                match d {
                    '\'' | '"' => quote = Some(d),
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' if depth > 0 => depth -= 1,
                    '}' if depth > 0 => depth -= 1,
                    '}' | ':' if depth == 0 => break,
                    '!' if depth == 0 && chars.get(j + 1) != Some(&'=') => break,
                    _ => {}
                }
            }
            j += 1;
        }
        if j >= to {
            return Err(SyntaxError { pos: at[open], problem: Problem::Expected("'}'") });
        }
        let mut source: String = chars[open + 1..j].iter().collect();
        // `{x=}` prints the text and the repr.
        let trimmed = source.trim_end();
        let debug = trimmed.ends_with('=')
            && !["==", "!=", "<=", ">="].iter().any(|op| trimmed.ends_with(op));
        if debug {
            let shown: String = chars[open + 1..j].iter().collect();
            push_text(&mut parts, &shown);
            let cut = source.trim_end().len() - 1;
            source.truncate(cut);
        }
        if source.trim().is_empty() {
            return Err(SyntaxError { pos: at[open], problem: Problem::EmptyFExpression });
        }
        let tokens = tokenize(&source, at[open + 1])?;
        let mut p = Parser { tokens, i: 0, depth: 0 };
        let value = p.star_expressions()?;
        if p.peek() != &Tok::End {
            return p.fail(Problem::Invalid);
        }
        let mut conv = None;
        if chars[j] == '!' {
            conv = chars.get(j + 1).copied().filter(|c| matches!(c, 'r' | 's' | 'a'));
            if conv.is_none() {
                return Err(SyntaxError { pos: at[j], problem: Problem::Invalid });
            }
            j += 2;
        }
        let mut spec = vec![];
        if j < to && chars[j] == ':' {
            let spec_start = j + 1;
            let mut depth = 0;
            j += 1;
            while j < to && !(chars[j] == '}' && depth == 0) {
                match chars[j] {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            spec = fparts(chars, at, spec_start, j, is_raw)?;
        }
        if j >= to || chars[j] != '}' {
            return Err(SyntaxError { pos: at[open], problem: Problem::Expected("'}'") });
        }
        if debug && conv.is_none() && spec.is_empty() {
            conv = Some('r');
        }
        parts.push(FPart::Value { expr: Box::new(value), conv, spec });
        i = j + 1;
    }
    flush(&mut text, &mut parts)?;
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> StmtKind {
        parse_module(text).unwrap().remove(0).kind
    }

    fn problem(text: &str) -> (u32, Problem) {
        let e = parse_module(text).unwrap_err();
        (e.pos.line, e.problem)
    }

    #[test]
    fn precedence_is_pythons() {
        let StmtKind::Expr(e) = one("-2 ** 2 + 3 * 4 < 5 and not x or y\n") else { panic!() };
        let ExprKind::BoolOp(false, items) = e.kind else { panic!("or on top") };
        let ExprKind::BoolOp(true, ref parts) = items[0].kind else { panic!("and below") };
        let ExprKind::Compare(ref left, _) = parts[0].kind else { panic!("then a comparison") };
        let ExprKind::Binary(BinOp::Add, ref neg, _) = left.kind else { panic!("then +") };
        assert!(matches!(neg.kind, ExprKind::Unary(UnaryOp::Neg, _)), "-(2 ** 2)");
    }

    #[test]
    fn the_books_function_headers_read() {
        let StmtKind::Def(def) =
            one("async def add_one(number: int, *, by: int = 1) -> int:\n    return number + by\n")
        else {
            panic!()
        };
        assert!(def.is_async);
        assert_eq!(def.params.names(), vec!["number", "by"]);
        assert_eq!(def.params.keyword_only.len(), 1);
    }

    #[test]
    fn fstrings_hold_expressions_conversions_and_specs() {
        let StmtKind::Expr(e) = one("f'{name!r:>6} took {round(t, 1)}s {x=}'\n") else { panic!() };
        let ExprKind::FStr(parts) = e.kind else { panic!() };
        assert_eq!(parts.len(), 5);
        assert!(matches!(&parts[0], FPart::Value { conv: Some('r'), spec, .. } if spec.len() == 1));
        assert_eq!(parts[3], FPart::Text("s x=".into()));
        assert!(matches!(&parts[4], FPart::Value { conv: Some('r'), .. }));
    }

    #[test]
    fn unpacking_comprehensions_and_slices() {
        assert!(matches!(one("a, *b = xs[1:-1]\n"), StmtKind::Assign(..)));
        assert!(matches!(one("d = {k: v for k, v in items if v}\n"), StmtKind::Assign(..)));
        assert!(matches!(one("total += sum(x * x for x in range(10))\n"), StmtKind::AugAssign(..)));
    }

    #[test]
    fn mistakes_are_placed_where_cpython_places_them() {
        let src = "import asyncio\n\nasync def main(:\n    pass\n\nasyncio.run(main())\n";
        assert_eq!(problem(src).0, 3);
        assert_eq!(
            problem("def f():\nreturn 1\n"),
            (2, Problem::ExpectedBlock { what: "function definition".into(), line: 1 })
        );
        assert_eq!(problem("x = 1\n    y = 2\n"), (2, Problem::UnexpectedIndent));
        assert_eq!(problem("f() = 1\n"), (1, Problem::CannotAssign("function call")));
        assert_eq!(problem("def f(a=1, b):\n    pass\n"), (1, Problem::DefaultOrder));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("x = {}1{}\n", "(".repeat(5000), ")".repeat(5000));
        assert!(parse_module(&deep).is_err());
        let minus = format!("x = {}1\n", "-".repeat(5000));
        assert!(parse_module(&minus).is_err());
        let mut ifs = String::new();
        for level in 0..80 {
            ifs.push_str(&format!("{}if x:\n", "    ".repeat(level)));
        }
        ifs.push_str(&format!("{}pass\n", "    ".repeat(80)));
        assert_eq!(problem(&ifs).1, Problem::TooDeep);
    }
}
