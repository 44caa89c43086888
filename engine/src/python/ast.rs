//! The syntax tree of the Python the visualiser runs, close to CPython's `ast` module.

use super::error::Pos;

/// An expression and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Where it starts.
    pub pos: Pos,
    /// What it is.
    pub kind: ExprKind,
}

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `not x`
    Not,
    /// `~x`
    Invert,
}

/// A binary operator (also the augmented assignments' operators).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
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
    /// `**`
    Pow,
    /// `@`
    MatMul,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
}

impl BinOp {
    /// How Python writes it, for its error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::MatMul => "@",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `is`
    Is,
    /// `is not`
    IsNot,
}

impl CmpOp {
    /// How Python writes it, for its error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

/// A piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    /// Text as it is printed.
    Text(String),
    /// `{expr!conv:spec}`, or `{expr=}`.
    Value {
        /// The expression.
        expr: Box<Expr>,
        /// `!r`, `!s` or `!a`.
        conv: Option<char>,
        /// The format spec, itself an f-string.
        spec: Vec<FPart>,
    },
}

/// An argument of a call.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// `x`
    Pos(Expr),
    /// `*xs`
    Star(Expr),
    /// `name=x`
    Kw(String, Expr),
    /// `**kw`
    StarStar(Expr),
}

/// `for target in iter if cond` in a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct CompFor {
    /// The loop's target.
    pub target: Expr,
    /// What it runs over.
    pub iter: Expr,
    /// Its conditions.
    pub ifs: Vec<Expr>,
    /// `async for`
    pub is_async: bool,
}

/// Which comprehension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    /// `[x for ...]`
    List,
    /// `{x for ...}`
    Set,
    /// `{k: v for ...}`
    Dict,
    /// `(x for ...)`
    Generator,
}

/// What an expression is.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `None`
    None,
    /// `True`, `False`
    Bool(bool),
    /// `42`
    Int(i64),
    /// `0.5`
    Float(f64),
    /// `'text'`
    Str(String),
    /// `...`
    Ellipsis,
    /// `f'...'`
    FStr(Vec<FPart>),
    /// A variable.
    Name(String),
    /// `-x`, `not x`
    Unary(UnaryOp, Box<Expr>),
    /// `a + b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a and b and c` (`true`: `and`)
    BoolOp(bool, Vec<Expr>),
    /// `a < b <= c`
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `a if test else b`
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// When true.
        body: Box<Expr>,
        /// When false.
        orelse: Box<Expr>,
    },
    /// `lambda x: x + 1`
    Lambda(Box<Params>, Box<Expr>),
    /// `await x`
    Await(Box<Expr>),
    /// `yield` or `yield value`: makes its function a generator.
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`
    YieldFrom(Box<Expr>),
    /// `name := value`
    Named(String, Box<Expr>),
    /// `f(x, y=1)`
    Call(Box<Expr>, Vec<Arg>),
    /// `x.name`
    Attr(Box<Expr>, String),
    /// `x[i]`
    Subscript(Box<Expr>, Box<Expr>),
    /// `a:b:c` inside a subscript.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `(a, b)`
    Tuple(Vec<Expr>),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `{a, b}`
    Set(Vec<Expr>),
    /// `{k: v, **other}`: a `None` key spreads a dict.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*x` in a list, a tuple or a target.
    Starred(Box<Expr>),
    /// A comprehension; `value` is a dict comprehension's value.
    Comp {
        /// Which one.
        kind: CompKind,
        /// The element (a dict comprehension's key).
        elt: Box<Expr>,
        /// A dict comprehension's value.
        value: Option<Box<Expr>>,
        /// Its `for` and `if` clauses.
        fors: Vec<CompFor>,
    },
}

/// A function's parameters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// Plain ones, with their defaults.
    pub positional: Vec<(String, Option<Expr>)>,
    /// `*args`
    pub star: Option<String>,
    /// After `*` or `*args`, with their defaults.
    pub keyword_only: Vec<(String, Option<Expr>)>,
    /// `**kwargs`
    pub star_star: Option<String>,
}

impl Params {
    /// Every name it binds, in order.
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.positional.iter().map(|(n, _)| n.as_str()).collect();
        out.extend(self.star.as_deref());
        out.extend(self.keyword_only.iter().map(|(n, _)| n.as_str()));
        out.extend(self.star_star.as_deref());
        out
    }
}

/// `except Type as name:`
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// Where `except` is.
    pub pos: Pos,
    /// What it catches (all when none).
    pub typ: Option<Expr>,
    /// `as name`
    pub name: Option<String>,
    /// Its body.
    pub body: Vec<Stmt>,
}

/// A statement and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// Where it starts.
    pub pos: Pos,
    /// What it is.
    pub kind: StmtKind,
}

/// A function definition.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// Its name.
    pub name: String,
    /// Its parameters.
    pub params: Params,
    /// Its body.
    pub body: Vec<Stmt>,
    /// `async def`
    pub is_async: bool,
    /// `@decorator` lines above it, outermost first.
    pub decorators: Vec<Expr>,
}

/// A `case` pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    /// `_`
    Wildcard,
    /// `name`: binds the subject.
    Capture(String),
    /// A literal or a dotted name, compared with `==`.
    Value(Expr),
    /// `None`, `True`, `False`: compared with `is`.
    Singleton(Expr),
    /// `[a, *rest]` or `(a, b)`: a sequence (not a string) with a starred name at most once.
    Sequence(Vec<Pattern>),
    /// `*rest` (`None` for `*_`), inside a sequence.
    Star(Option<String>),
    /// `{"key": pattern, **rest}`
    Mapping(Vec<(Expr, Pattern)>, Option<String>),
    /// `Point(x, y=0)`: the class, positional patterns, keyword patterns.
    Class(Expr, Vec<Pattern>, Vec<(String, Pattern)>),
    /// `a | b`
    Or(Vec<Pattern>),
    /// `pattern as name`
    As(Box<Pattern>, String),
}

/// What a statement is.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression on its own.
    Expr(Expr),
    /// `a = b = value`
    Assign(Vec<Expr>, Expr),
    /// `a += value`
    AugAssign(Expr, BinOp, Expr),
    /// `a: int = value` (the annotation is dropped, as at run time).
    AnnAssign(Expr, Option<Expr>),
    /// `pass`
    Pass,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `return value`
    Return(Option<Expr>),
    /// `raise exc from cause`
    Raise(Option<Expr>, Option<Expr>),
    /// `global a, b`
    Global(Vec<String>),
    /// `nonlocal a, b`
    Nonlocal(Vec<String>),
    /// `assert test, message`
    Assert(Expr, Option<Expr>),
    /// `import a as b, c`
    Import(Vec<(String, Option<String>)>),
    /// `from module import a as b`
    ImportFrom(String, Vec<(String, Option<String>)>),
    /// `if`, with its `elif`s nested in `orelse`.
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `while test: ... else: ...`
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for target in iter: ... else: ...`
    /// `for` (`async for` when flagged).
    For(Expr, Expr, Vec<Stmt>, Vec<Stmt>, bool),
    /// `del a, b[0], c.d`
    Del(Vec<Expr>),
    /// `try`
    Try {
        /// Its body.
        body: Vec<Stmt>,
        /// Its `except` clauses.
        handlers: Vec<Handler>,
        /// `else:`
        orelse: Vec<Stmt>,
        /// `finally:`
        finally: Vec<Stmt>,
    },
    /// `with a as b, c:` (`async with` when `true`).
    With(Vec<(Expr, Option<Expr>)>, Vec<Stmt>, bool),
    /// `def` or `async def`.
    Def(Box<FunctionDef>),
    /// `class Name(Base): ...`
    /// `match subject:` and its `case` clauses: pattern, guard, body.
    Match(Expr, Vec<(Pattern, Option<Expr>, Vec<Stmt>)>),
    /// A class: its name, bases, body and decorators.
    Class(String, Vec<Expr>, Vec<Stmt>, Vec<Expr>),
}
