//! What can be wrong with a program before it runs. The English words are CPython's own
//! where CPython has words for it; the course translates each kind for the learner.

use thiserror::Error;

/// A place in the program: line and column, both from 1, as CPython counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1.
    pub col: u32,
}

/// A program that cannot run: where, and why.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("line {}: {problem}", pos.line)]
pub struct SyntaxError {
    /// Where CPython reports it.
    pub pos: Pos,
    /// What is wrong.
    pub problem: Problem,
}

/// Python that the visualiser does not run (yet): CPython would, so the learner is told it
/// is the tool's limit, not their mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum Construct {
    /// `1j`
    #[error("complex numbers")]
    Complex,
    /// `b'...'`
    #[error("bytes")]
    Bytes,
    /// `except*`
    #[error("except*")]
    ExceptStar,
    /// An import of a module other than asyncio, time and random.
    #[error("this module")]
    Module,
    /// `with` (not `async with`) on anything but a lock.
    #[error("with")]
    With,
}

/// What is wrong with a program.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum Problem {
    /// A bracket is opened and never closed.
    #[error("'{0}' was never closed")]
    NeverClosed(char),
    /// A closing bracket with nothing open.
    #[error("unmatched '{0}'")]
    Unmatched(char),
    /// A closing bracket of the wrong kind.
    #[error("closing parenthesis '{close}' does not match opening parenthesis '{open}'{}", line.map(|l| format!(" on line {l}")).unwrap_or_default())]
    Mismatched {
        /// The bracket that is open.
        open: char,
        /// The bracket that closes it.
        close: char,
        /// The line it was opened on, when another.
        line: Option<u32>,
    },
    /// A string not closed before its line ends.
    #[error("unterminated string literal (detected at line {detected})")]
    Unterminated {
        /// The line where the lexer noticed.
        detected: u32,
    },
    /// A `'''` string never closed.
    #[error("unterminated triple-quoted string literal (detected at line {detected})")]
    UnterminatedTriple {
        /// The line where the lexer noticed.
        detected: u32,
    },
    /// A line indented less than its block and more than the block around it.
    #[error("unindent does not match any outer indentation level")]
    Unindent,
    /// A line indented for no block.
    #[error("unexpected indent")]
    UnexpectedIndent,
    /// A block with nothing indented in it.
    #[error("expected an indented block after {what} on line {line}")]
    ExpectedBlock {
        /// `'if' statement`, `function definition`.
        what: String,
        /// The line of the statement that opens the block.
        line: u32,
    },
    /// Something is expected here: `':'`, `an expression`.
    #[error("expected {0}")]
    Expected(&'static str),
    /// Text that is not Python.
    #[error("invalid syntax")]
    Invalid,
    /// A character Python does not know.
    #[error("invalid character '{0}'")]
    BadCharacter(char),
    /// A number written wrongly.
    #[error("invalid decimal literal")]
    BadNumber,
    /// `012`
    #[error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")]
    LeadingZeros,
    /// A whole number beyond 64 bits.
    #[error("integer literal too large for the visualiser")]
    IntTooBig,
    /// A backslash escape that cannot be read.
    #[error("(unicode error) malformed \\N character escape")]
    BadEscape,
    /// A backslash that does not end its line.
    #[error("unexpected character after line continuation character")]
    StrayBackslash,
    /// `f'{}'`
    #[error("f-string: empty expression not allowed")]
    EmptyFExpression,
    /// `f'}'`
    #[error("f-string: single '}}' is not allowed")]
    SingleBrace,
    /// `await` in a plain `def`.
    #[error("'await' outside async function")]
    AwaitOutsideAsync,
    /// `return` at the module level.
    #[error("'return' outside function")]
    ReturnOutsideFunction,
    /// `break` outside a loop.
    #[error("'break' outside loop")]
    BreakOutsideLoop,
    /// `continue` outside a loop.
    #[error("'continue' not properly in loop")]
    ContinueOutsideLoop,
    /// `async with` in a plain `def`.
    #[error("'async with' outside async function")]
    AsyncWithOutsideAsync,
    /// `f() = 1`
    #[error("cannot assign to {0}")]
    CannotAssign(&'static str),
    /// `del f()`
    #[error("cannot delete {0}")]
    CannotDelete(&'static str),
    /// `a[0] := 1`
    #[error("cannot use assignment expressions with {0}")]
    CannotNamedAssign(&'static str),
    /// `yield` at the module level or in a class body.
    #[error("'yield' outside function")]
    YieldOutsideFunction,
    /// `async for` in a plain `def`.
    #[error("'async for' outside async function")]
    AsyncForOutsideAsync,
    /// `return value` in an `async def` that yields.
    #[error("'return' with value in async generator")]
    ReturnInAsyncGenerator,
    /// `yield from` in an `async def`.
    #[error("'yield from' inside async function")]
    YieldFromInAsync,
    /// `def f(a=1, b)`
    #[error("non-default argument follows default argument")]
    DefaultOrder,
    /// `f(a=1, 2)`
    #[error("positional argument follows keyword argument")]
    PositionalAfterKeyword,
    /// `global x` after `x` is used.
    #[error("name '{0}' is used prior to global declaration")]
    GlobalAfterUse(String),
    /// `nonlocal x` with no `x` around.
    #[error("no binding for nonlocal '{0}' found")]
    NoNonlocal(String),
    /// Expressions nested deeper than the visualiser reads.
    #[error("too many nested parentheses")]
    TooDeep,
    /// A program longer than the visualiser reads.
    #[error("the program is longer than {0} characters")]
    TooLong(usize),
    /// Python the visualiser does not run.
    #[error("the visualiser does not run {0}")]
    Unsupported(Construct),
}
