//! Compiled code: the instructions of one function (or module, class body, lambda or
//! comprehension), close to CPython's bytecode so that a coroutine can stop at any `await`
//! and go on later, and an exception can unwind through blocks and frames.

use super::ast::{BinOp, CmpOp, UnaryOp};
use super::value::Value;
use std::rc::Rc;

/// One instruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// A statement starts (the line is in [`Code::lines`]): the run records the line.
    Line,
    /// Pushes a constant.
    Const(u32),
    /// Pushes a local variable.
    LoadLocal(u32),
    /// Pops into a local variable.
    StoreLocal(u32),
    /// Forgets a local variable (an `except ... as name` at its handler's end).
    ClearLocal(u32),
    /// `del name` of a local: `UnboundLocalError` when it is not bound.
    DeleteLocal(u32),
    /// `del name` of a cell.
    DeleteCell(u32),
    /// `del name` at the module level.
    DeleteGlobal(u32),
    /// `del name` in a class body.
    DeleteName(u32),
    /// `del TOS.name`
    DeleteAttr(u32),
    /// `del TOS1[TOS]`
    DeleteIndex,
    /// Pushes a variable shared with an inner function (a cell).
    LoadCell(u32),
    /// Pops into a cell.
    StoreCell(u32),
    /// Pushes a module-level variable or a built-in.
    LoadGlobal(u32),
    /// Pops into a module-level variable.
    StoreGlobal(u32),
    /// Pushes a name in a class body (its namespace, then the module's).
    LoadName(u32),
    /// Pops into a class body's namespace.
    StoreName(u32),
    /// Replaces the top with one of its attributes.
    LoadAttr(u32),
    /// `TOS.name = TOS1`
    StoreAttr(u32),
    /// `TOS1[TOS]`
    LoadIndex,
    /// `TOS1[TOS] = TOS2`
    StoreIndex,
    /// A unary operator on the top.
    Unary(UnaryOp),
    /// A binary operator on the top two.
    Binary(BinOp),
    /// An augmented assignment's operator (`+=` extends a list in place).
    InPlace(BinOp),
    /// A comparison of the top two.
    Compare(CmpOp),
    /// Goes to an instruction.
    Jump(u32),
    /// Pops; goes if false.
    JumpIfFalse(u32),
    /// Pops; goes if true.
    JumpIfTrue(u32),
    /// Goes if false, keeping the top; else pops it (`and`).
    JumpIfFalseOrPop(u32),
    /// Goes if true, keeping the top; else pops it (`or`).
    JumpIfTrueOrPop(u32),
    /// Drops the top.
    Pop,
    /// Drops a `for` loop's iterator as `break` or `return` leaves the loop early: a generator
    /// that nothing else holds is closed then, as CPython's reference count closes it.
    PopIter,
    /// Copies the top.
    Dup,
    /// Copies the top two.
    Dup2,
    /// Swaps the top two.
    Rot2,
    /// Moves the top under the next two.
    Rot3,
    /// Makes a tuple of the top n.
    BuildTuple(u32),
    /// Makes a list of the top n.
    BuildList(u32),
    /// Makes a set of the top n.
    BuildSet(u32),
    /// Makes a dict of the top 2n (key, value, key, value ...).
    BuildDict(u32),
    /// Makes a slice of the top three.
    BuildSlice,
    /// Joins the top n strings (an f-string).
    BuildString(u32),
    /// Appends the top to the list n below it (a comprehension).
    ListAppend(u32),
    /// Adds the top to the set n below it.
    SetAdd(u32),
    /// Sets key TOS1 to TOS in the dict n below them.
    DictSet(u32),
    /// Extends the list n below with the top's items (`[*a, *b]`).
    ListExtend(u32),
    /// Updates the dict n below with the top (`{**a}`).
    DictUpdate(u32),
    /// Turns the list on top into a tuple.
    ListToTuple,
    /// Formats the top for an f-string: a conversion, and a spec on top when `true`.
    Format(Option<char>, bool),
    /// Unpacks the top into n values, the first on top.
    Unpack(u32),
    /// Unpacks with a starred target: (before, after).
    UnpackStar(u32, u32),
    /// Replaces the top with an iterator over it.
    GetIter,
    /// Pushes the iterator's next item, or pops it and goes to the loop's end.
    ForIter(u32),
    /// `yield from`: pushes the iterator's next item, or pops it, pushes what the generator
    /// returned and goes on at the target.
    YieldFromNext(u32),
    /// `case [a, *b]`: replaces the top with a tuple of its n parts (the starred one, at the
    /// index given unless `u32::MAX`, a list), or `None` when it is not such a sequence.
    MatchSequence(u32, u32),
    /// `case {k: v, **rest}`: the subject and n keys on the stack; pushes a tuple of their
    /// values (and a dict of the other items when flagged), or `None`.
    MatchMapping(u32, bool),
    /// `case C(a, b=p)`: the subject and the class; pushes a tuple of the n positional parts
    /// (by `__match_args__`) and the attributes named by the tuple constant, or `None`.
    MatchClass(u32, u32),
    /// Replaces the top with its asynchronous iterator (`async for`).
    GetAIter,
    /// Pushes the awaitable that gives the asynchronous iterator's (on top) next item.
    GetANext,
    /// Calls with n positional arguments.
    Call(u32),
    /// Calls with n arguments, the last ones named by the tuple constant.
    CallKw(u32, u32),
    /// Calls with a tuple of arguments and a dict of keyword arguments (`f(*a, **k)`).
    CallEx,
    /// Makes a function from a code constant: with a tuple of defaults and a dict of
    /// keyword-only defaults on the stack when flagged.
    MakeFunction {
        /// The code constant.
        code: u32,
        /// A tuple of defaults is on the stack.
        defaults: bool,
        /// A dict of keyword-only defaults is on the stack.
        kw_defaults: bool,
    },
    /// Makes a class: its name constant; the body's function and a tuple of bases are on
    /// the stack.
    MakeClass(u32),
    /// Pushes the class a method belongs to and its first argument (`super()`).
    SuperArgs,
    /// Returns the top.
    Return,
    /// Awaits the top: a coroutine runs inside this task; a future not done suspends it.
    Await,
    /// Gives the top to whoever resumed the generator; what it is resumed with is pushed.
    Yield,
    /// Starts a protected block: an exception goes to the handler with the exception on the
    /// stack.
    SetupExcept(u32),
    /// Ends the innermost protected block.
    PopBlock,
    /// Leaves an exception handler.
    PopExcept,
    /// `raise` (0: again, 1: TOS, 2: TOS1 from TOS).
    Raise(u8),
    /// Raises the exception on top again (no handler matched, or after `finally`).
    Reraise,
    /// Does the exception TOS1 match the type(s) TOS? Pops the type, pushes a bool.
    ExcMatch,
    /// Pushes a module.
    Import(u32),
    /// Pushes an attribute of the module on top, keeping the module.
    ImportFrom(u32),
    /// Enters a context manager: pops it, pushes its exit method then what its enter
    /// returns (an awaitable for `async with`).
    WithEnter(bool),
    /// Calls the exit method on top with no exception; pushes what it returns.
    WithExit,
    /// Calls the exit method TOS1 with the exception TOS; pushes what it returns, keeping
    /// the exception below.
    WithExitExc,
    /// Pops the exit's answer: when true, the exception below is swallowed (popped with the
    /// exit method); when false, it is raised again.
    WithCheck,
}

/// The parameters a function takes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signature {
    /// Plain parameters, in order.
    pub positional: Vec<Rc<str>>,
    /// `*args`
    pub star: bool,
    /// Keyword-only parameters.
    pub keyword_only: Vec<Rc<str>>,
    /// `**kwargs`
    pub star_star: bool,
}

/// What kind of code it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// A module's top level.
    Module,
    /// A function, a lambda or a comprehension.
    Function,
    /// A class body.
    Class,
}

/// One compiled function.
#[derive(Debug)]
pub struct Code {
    /// Its name: `main`, `<module>`, `<lambda>`, `<listcomp>`.
    pub name: Rc<str>,
    /// What kind.
    pub kind: CodeKind,
    /// `async def` (or a comprehension with `await`).
    pub is_async: bool,
    /// It yields: a call makes a generator (an async generator when `is_async`).
    pub generator: bool,
    /// Its parameters (the first locals).
    pub signature: Signature,
    /// Its instructions.
    pub ops: Vec<Op>,
    /// The line of each instruction.
    pub lines: Vec<u32>,
    /// Its constants.
    pub consts: Vec<Value>,
    /// Names of globals and attributes.
    pub names: Vec<Rc<str>>,
    /// Its local variables' names, by slot.
    pub locals: Vec<Rc<str>>,
    /// Its cells' names: its own shared variables, then those it takes from outside.
    pub cells: Vec<Rc<str>>,
    /// How many of the cells are its own.
    pub own_cells: usize,
    /// For each parameter that is a cell: its slot and its cell.
    pub param_cells: Vec<(u32, u32)>,
    /// Where it takes its outer cells from: indexes into the defining frame's cells.
    pub closure_from: Vec<u32>,
    /// The line of `def`.
    pub first_line: u32,
    /// Code of the course's own asyncio (its lines are not the learner's).
    pub library: bool,
}
