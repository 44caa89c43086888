//! Python's values as the interpreter holds them: numbers and strings by value, containers
//! and objects shared (`Rc`), as Python shares them by reference.

use super::code::Code;
use super::vm::Frame;
use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;
use smallvec::SmallVec;
use std::cell::{Cell, RefCell};
use std::hash::{Hash, Hasher};
use std::rc::{Rc, Weak};
use std::sync::Arc;

/// A dict (insertion-ordered, as Python's): also a set's storage, with `None` values.
pub type Dict = IndexMap<Key, Value, FxBuildHasher>;

/// A module's or an object's attributes.
pub type Attrs = IndexMap<Rc<str>, Value, FxBuildHasher>;

/// A variable shared between a function and the functions inside it.
pub type CellRef = Rc<RefCell<Option<Value>>>;

/// A value.
#[derive(Clone, Debug)]
pub enum Value {
    /// `None`
    None,
    /// `...`
    Ellipsis,
    /// `True`, `False`
    Bool(bool),
    /// A whole number (64 bits; beyond is an `OverflowError` here).
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(Rc<str>),
    /// A tuple.
    Tuple(Rc<[Value]>),
    /// A list.
    List(Rc<RefCell<Vec<Value>>>),
    /// A dict.
    Dict(Rc<RefCell<Dict>>),
    /// A set.
    Set(Rc<RefCell<Dict>>),
    /// `range(start, stop, step)`
    Range(Rc<[i64; 3]>),
    /// An iterator.
    Iter(Rc<RefCell<Iter>>),
    /// `a:b:c`
    Slice(Rc<[Value; 3]>),
    /// Compiled code (a constant of the code around it).
    Code(Rc<Code>),
    /// A function written in Python.
    Function(Rc<Function>),
    /// A built-in function or type.
    Builtin(Builtin),
    /// A method bound to its object.
    Method(Rc<(Value, Value)>),
    /// A built-in type's method bound to its object: `items.append`.
    BuiltinMethod(Rc<(Value, Rc<str>)>),
    /// A class.
    Class(Rc<Class>),
    /// An object of a class (exceptions too).
    Instance(Rc<Instance>),
    /// A module.
    Module(Rc<Module>),
    /// A coroutine object.
    Coro(Rc<Coro>),
    /// A generator: the frame of a `def` that yields (its state in a [`Coro`]).
    Gen(Rc<Coro>),
    /// `d.keys()`, `d.values()` or `d.items()`: a live view of a dict.
    DictView(Rc<(ViewKind, Rc<RefCell<Dict>>)>),
    /// An asynchronous generator: the frame of an `async def` that yields.
    AsyncGen(Rc<Coro>),
    /// What `async for` awaits for an asynchronous generator's next item.
    ANext(Rc<Coro>),
    /// A future or a task.
    Future(Rc<Future>),
    /// A callback scheduled on the loop, which can be cancelled.
    Handle(Rc<LoopHandle>),
    /// `super()`: the class to look after, and the object.
    Super(Rc<(Rc<Class>, Value)>),
}

/// A built-in function or type, implemented by the interpreter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    // Types, callable to convert.
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    Range,
    Object,
    Type,
    // Functions.
    Print,
    Len,
    Repr,
    Abs,
    Round,
    Min,
    Max,
    Sum,
    Sorted,
    Reversed,
    Enumerate,
    Zip,
    Map,
    Filter,
    Any,
    All,
    Isinstance,
    Issubclass,
    Hasattr,
    Getattr,
    Setattr,
    Iter,
    Next,
    Callable,
    Divmod,
    Pow,
    Chr,
    Ord,
    Id,
    Hash,
    Super,
    Format,
    // The course's simulated world.
    Fetch,
    Cpu,
    // time
    TimeSleep,
    PerfCounter,
    // The loop, futures and tasks (the rest of asyncio is Python, in the course's prelude).
    RunningLoop,
    CreateTask,
    CreateFuture,
    CurrentTask,
    AllTasks,
    AThrowExit,
    CallSoon,
    CallLater,
    LoopTime,
    Yield,
    RunMain,
    ToThread,
    TypingAny,
    IsCoro,
    IsFuture,
    Gather,
    Sleep,
    Register,
    Show,
}

/// An iterator's state.
#[derive(Debug)]
pub enum Iter {
    /// Over a snapshot of items (tuples, dict keys, comprehension results).
    Items(Rc<[Value]>, usize),
    /// Over a list as it changes, as Python's list iterator.
    List(Rc<RefCell<Vec<Value>>>, usize),
    /// Over a range.
    Range(i64, i64, i64),
    /// `enumerate`: a counter and an iterator.
    Enumerate(i64, Value),
    /// `zip`: iterators.
    Zip(Vec<Value>),
    /// Characters of a string.
    Chars(Rc<str>, usize),
}

/// Which view of a dict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// `keys()`
    Keys,
    /// `values()`
    Values,
    /// `items()`: `(key, value)` pairs.
    Items,
}

/// A dict key: a hashable value, compared as Python compares (`1 == 1.0 == True`).
#[derive(Clone, Debug)]
pub struct Key(pub Value);

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state);
    }
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    match v {
        Value::None => 0u8.hash(state),
        Value::Ellipsis => 1u8.hash(state),
        Value::Bool(b) => i64::from(*b).hash(state),
        Value::Int(n) => n.hash(state),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.0e18 {
                (*f as i64).hash(state)
            } else {
                f.to_bits().hash(state)
            }
        }
        Value::Str(s) => s.hash(state),
        Value::Tuple(items) => items.iter().for_each(|i| hash_value(i, state)),
        other => other.identity().hash(state),
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        simple_eq(&self.0, &other.0).unwrap_or_else(|| self.0.identity() == other.0.identity())
    }
}

impl Eq for Key {}

/// `==` for values whose equality needs no Python code; `None` for objects.
pub fn simple_eq(a: &Value, b: &Value) -> Option<bool> {
    Some(match (a, b) {
        (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len()
                && x.iter().zip(y.iter()).all(|(p, q)| simple_eq(p, q).unwrap_or(false))
        }
        _ => match (a.as_number(), b.as_number()) {
            (Some(x), Some(y)) => x == y,
            (Some(_), None) | (None, Some(_)) => false,
            (None, None) => return None,
        },
    })
}

/// A number, as an exact int or a float.
#[derive(Clone, Copy, Debug)]
pub enum Number {
    /// An int or a bool.
    Int(i64),
    /// A float.
    Float(f64),
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (a, b) => a.as_f64() == b.as_f64(),
        }
    }
}

impl Number {
    /// As a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(n) => n as f64,
            Number::Float(f) => f,
        }
    }
}

impl Value {
    /// A tuple of these values.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(items.into())
    }

    /// A string value.
    pub fn str(s: &str) -> Value {
        Value::Str(s.into())
    }

    /// A new list.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// An int, a bool or a float.
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Value::Bool(b) => Some(Number::Int(i64::from(*b))),
            Value::Int(n) => Some(Number::Int(*n)),
            Value::Float(f) => Some(Number::Float(*f)),
            _ => None,
        }
    }

    /// An int or a bool, as Python accepts for an index.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Bool(b) => Some(i64::from(*b)),
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// Two constants of a code object are the same (so they are stored once).
    pub fn same_constant(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::None, Value::None) => true,
            _ => false,
        }
    }

    /// Identity, as `is` and `id()` see it.
    pub fn identity(&self) -> usize {
        fn ptr<T: ?Sized>(rc: &Rc<T>) -> usize {
            Rc::as_ptr(rc) as *const () as usize
        }
        match self {
            Value::None => 1,
            Value::Ellipsis => 2,
            Value::Bool(b) => 3 + usize::from(*b),
            Value::Int(n) => *n as usize,
            Value::Float(f) => f.to_bits() as usize,
            Value::Str(s) => ptr(s),
            Value::Tuple(t) => ptr(t),
            Value::List(l) => ptr(l),
            Value::Dict(d) | Value::Set(d) => ptr(d),
            Value::Range(r) => ptr(r),
            Value::Iter(i) => ptr(i),
            Value::Slice(s) => ptr(s),
            Value::Code(c) => ptr(c),
            Value::Function(f) => ptr(f),
            Value::Builtin(b) => *b as usize + 16,
            Value::Method(m) => ptr(m),
            Value::BuiltinMethod(m) => ptr(m),
            Value::Class(c) => ptr(c),
            Value::Instance(i) => ptr(i),
            Value::Module(m) => ptr(m),
            Value::Coro(c) | Value::Gen(c) | Value::AsyncGen(c) | Value::ANext(c) => ptr(c),
            Value::DictView(v) => ptr(v),
            Value::Future(f) => ptr(f),
            Value::Handle(h) => ptr(h),
            Value::Super(s) => ptr(s),
        }
    }

    /// `a is b`
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (a, b) => {
                std::mem::discriminant(a) == std::mem::discriminant(b)
                    && a.identity() == b.identity()
            }
        }
    }

    /// Can it be a dict key?
    pub fn hashable(&self) -> bool {
        match self {
            Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Slice(_)
            | Value::DictView(_) => false,
            Value::Tuple(items) => items.iter().all(Value::hashable),
            _ => true,
        }
    }

    /// Its type's name, as Python's messages write it.
    pub fn type_name(&self) -> Rc<str> {
        let name = match self {
            Value::None => "NoneType",
            Value::Ellipsis => "ellipsis",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Tuple(_) => "tuple",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::Range(_) => "range",
            Value::Iter(_) => "iterator",
            Value::Slice(_) => "slice",
            Value::Code(_) => "code",
            Value::Function(_) => "function",
            Value::Builtin(b) if b.is_type() => "type",
            Value::Builtin(_) | Value::BuiltinMethod(_) => "builtin_function_or_method",
            Value::Method(_) => "method",
            Value::Class(_) => "type",
            Value::Instance(i) => return i.class.name.clone(),
            Value::Module(_) => "module",
            Value::Coro(_) => "coroutine",
            Value::Gen(_) => "generator",
            Value::DictView(v) => match v.0 {
                ViewKind::Keys => "dict_keys",
                ViewKind::Values => "dict_values",
                ViewKind::Items => "dict_items",
            },
            Value::AsyncGen(_) => "async_generator",
            Value::ANext(_) => "async_generator_asend",
            Value::Future(f) => {
                if f.task.is_some() {
                    "Task"
                } else {
                    "Future"
                }
            }
            Value::Handle(h) => {
                if h.when.is_some() {
                    "TimerHandle"
                } else {
                    "Handle"
                }
            }
            Value::Super(_) => "super",
        };
        name.into()
    }
}

impl Builtin {
    /// Types, which `isinstance` and `type()` know.
    pub fn is_type(self) -> bool {
        matches!(
            self,
            Builtin::Bool
                | Builtin::Int
                | Builtin::Float
                | Builtin::Str
                | Builtin::List
                | Builtin::Tuple
                | Builtin::Dict
                | Builtin::Set
                | Builtin::Range
                | Builtin::Object
                | Builtin::Type
        )
    }
}

/// A function written in Python.
#[derive(Debug)]
pub struct Function {
    /// Its code.
    pub code: Rc<Code>,
    /// Its module's variables.
    pub globals: Rc<Module>,
    /// Defaults of its last positional parameters.
    pub defaults: Vec<Value>,
    /// Defaults of its keyword-only parameters.
    pub kw_defaults: Vec<(Rc<str>, Value)>,
    /// The cells it takes from the function around it.
    pub closure: Vec<CellRef>,
    /// The class it is a method of, for `super()`.
    pub owner: RefCell<Weak<Class>>,
    /// Attributes set on it (`__wrapped__`, a name copied by `functools.wraps`).
    pub attrs: RefCell<Attrs>,
}

impl Function {
    /// Its `__name__` or `__qualname__` (`which`): as set on it (by `functools.wraps`), else
    /// its code's name.
    pub fn name(&self, which: &str) -> Rc<str> {
        match self.attrs.borrow().get(which) {
            Some(Value::Str(n)) => n.clone(),
            _ => self.code.name.clone(),
        }
    }
}

/// A class.
#[derive(Debug)]
pub struct Class {
    /// Its name.
    pub name: Rc<str>,
    /// Its module's name (`builtins`, `__main__`, `asyncio.queues`).
    pub module: Rc<str>,
    /// Its bases.
    pub bases: Vec<Rc<Class>>,
    /// Its attributes and methods.
    pub attrs: RefCell<Attrs>,
    /// A built-in exception class.
    pub builtin: bool,
}

impl Class {
    /// The classes searched for an attribute, in order (depth first, left to right).
    pub fn mro(self: &Rc<Class>) -> Vec<Rc<Class>> {
        let mut out: Vec<Rc<Class>> = vec![self.clone()];
        for b in &self.bases {
            for c in b.mro() {
                if !out.iter().any(|o| Rc::ptr_eq(o, &c)) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// Looks an attribute up along the classes.
    pub fn lookup(self: &Rc<Class>, name: &str) -> Option<Value> {
        if let Some(v) = self.attrs.borrow().get(name) {
            return Some(v.clone());
        }
        self.bases.iter().find_map(|b| b.lookup(name))
    }

    /// Is it this class or one of its subclasses?
    pub fn is_subclass(self: &Rc<Class>, of: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, of) || self.bases.iter().any(|b| b.is_subclass(of))
    }
}

/// An object of a class.
#[derive(Debug)]
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// Its attributes.
    pub attrs: RefCell<Attrs>,
    /// For an exception: where it went through, innermost last (function, line).
    pub traceback: RefCell<Vec<(Rc<str>, u32)>>,
}

/// A module.
#[derive(Debug)]
pub struct Module {
    /// Its name.
    pub name: Rc<str>,
    /// Its variables.
    pub attrs: RefCell<Attrs>,
}

/// Where a coroutine is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoroState {
    /// Made, never started.
    Created,
    /// Running or suspended inside a task; a generator suspended at a `yield`.
    Started,
    /// A generator running now.
    Running,
    /// Returned or raised.
    Closed,
}

/// A coroutine object: the frame of an `async def` call, not started yet.
#[derive(Debug)]
pub struct Coro {
    /// Its function's name.
    pub name: Rc<str>,
    /// Its frame, until it starts (then the task that runs it holds the frame).
    pub frame: RefCell<Option<Box<Frame>>>,
    /// Where it is.
    pub state: Cell<CoroState>,
    /// The line where it was made (for "never awaited").
    pub line: u32,
    /// A coroutine of the interpreter's own: `asyncio.sleep` and `fetch`.
    pub native: Option<Timed>,
    /// An asynchronous generator's `aclose()` has asked: `GeneratorExit` goes in at its
    /// next resumption.
    pub throw_exit: Cell<bool>,
}

/// `asyncio.sleep(delay, result)` or `fetch(url, seconds)`: a coroutine that waits on a timer
/// and returns `result`, as CPython's `sleep` does (a zero delay yields once).
#[derive(Debug)]
pub struct Timed {
    /// The delay, in seconds.
    pub delay: f64,
    /// What it returns.
    pub result: Value,
    /// A network wait rather than a timer.
    pub io: bool,
    /// `sleep(1)` or `fetch('a')`.
    pub label: Arc<str>,
}

/// A future's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutState {
    /// Not done.
    Pending,
    /// Cancelled.
    Cancelled,
    /// Has a result or an exception.
    Finished,
}

/// A future, or a task (a future that runs a coroutine).
#[derive(Debug)]
pub struct Future {
    /// Its number, in order of creation.
    pub id: usize,
    /// Its state.
    pub state: Cell<FutState>,
    /// Its result.
    pub result: RefCell<Value>,
    /// Its exception.
    pub exception: RefCell<Option<Value>>,
    /// Called with the future when it is done.
    pub callbacks: RefCell<SmallVec<[Callback; 1]>>,
    /// `cancel(msg)`
    pub cancel_message: RefCell<Option<Value>>,
    /// Its exception was never looked at.
    pub log_traceback: Cell<bool>,
    /// What the view calls it: `sleep(1)`, `fetch('a')`, `gather`.
    pub label: RefCell<Arc<str>>,
    /// A task's own state.
    pub task: Option<TaskState>,
    /// A gather's children: cancelling the gather cancels them.
    pub children: RefCell<Vec<Rc<Future>>>,
    /// A gather was cancelled through its children.
    pub cancel_requested: Cell<bool>,
    /// A gather's count of its children.
    pub gather: RefCell<Option<Gathering>>,
    /// A sleep's timer: cancelling the sleep takes it off the timer list.
    pub timer: RefCell<Option<Rc<LoopHandle>>>,
}

/// What a gather counts.
#[derive(Debug)]
pub struct Gathering {
    /// How many different children it has.
    pub nfuts: usize,
    /// How many are done.
    pub nfinished: usize,
    /// Exceptions are results rather than raised.
    pub return_exceptions: bool,
}

/// What a task has beyond a future.
#[derive(Debug)]
pub struct TaskState {
    /// Its number among tasks (0 is the main task).
    pub index: usize,
    /// Its name: `Task-1`.
    pub name: RefCell<Arc<str>>,
    /// The coroutine it runs.
    pub coro: Rc<Coro>,
    /// Its frames while suspended, outermost first.
    pub stack: RefCell<Vec<Box<Frame>>>,
    /// The future it waits for.
    pub waiter: RefCell<Option<Rc<Future>>>,
    /// `cancel()` was called while it was not waiting.
    pub must_cancel: Cell<bool>,
    /// What a zero-delay sleep gives back when the task resumes.
    pub yielded: RefCell<Option<Value>>,
    /// How many times `cancel()` was called.
    pub cancels: Cell<u32>,
}

/// A callback on the loop's ready queue or timer list.
#[derive(Debug)]
pub struct LoopHandle {
    /// What it calls.
    pub callback: Callback,
    /// With what (taken when it runs).
    pub args: RefCell<Args>,
    /// What the view calls it.
    pub kind: crate::event_loop::run::Handle,
    /// `handle.cancel()` was called.
    pub cancelled: Cell<bool>,
    /// A timer whose deadline came: it has left the timer list.
    pub fired: Cell<bool>,
    /// A timer's deadline, in seconds of the loop's clock.
    pub when: Option<f64>,
    /// Its number, to keep timers with one deadline in the order they were set.
    pub seq: u64,
}

/// A handle's arguments: the loop's own callbacks take one at most, kept without a
/// separate allocation.
pub type Args = SmallVec<[Value; 1]>;

/// What a handle of the loop, or a future's done callback, calls.
#[derive(Clone, Debug)]
pub enum Callback {
    /// A callable of the program's or of the prelude's.
    Call(Value),
    /// One of the loop's own steps for a future or a task (`Task.__step`, `__wakeup`...),
    /// which no Python object stands for.
    Own(Rc<Future>, Own),
}

/// The loop's own callbacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Own {
    /// A task takes its next step.
    Step,
    /// A task takes its next step with an exception thrown in (its argument).
    Throw,
    /// A task wakes up: the future it awaited (its argument) is done.
    Wakeup,
    /// A sleep's or fetch's timer is due: the future gets its result (the argument).
    TimerDone,
    /// A worker thread (numbered by the argument) takes its next step.
    Thread,
    /// A child (the argument) of a gather is done.
    Gathered,
    /// The main task is done: the loop stops after this turn.
    Stop,
}

/// Python's `repr` of a float: the shortest text that reads back the same, in positional
/// notation from 1e-4 up to 1e16 and in scientific notation outside.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..16).contains(&exp) {
        return format!("{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let text = format!("{f}");
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

/// A string as Python's `repr` writes it.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// A format spec, as `format()` and f-strings read it: `[[fill]align][sign][#][0][width][,][.precision][type]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// The fill character.
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=`.
    pub align: Option<char>,
    /// `+`, `-` or space.
    pub sign: Option<char>,
    /// `0` before the width.
    pub zero: bool,
    /// The minimum width.
    pub width: usize,
    /// `,` or `_` between thousands.
    pub grouping: Option<char>,
    /// Digits after the point (or the longest a string is cut to).
    pub precision: Option<usize>,
    /// `d`, `f`, `e`, `g`, `%`, `s`, `x`, `o`, `b`, `n`.
    pub kind: Option<char>,
}

impl Spec {
    /// Reads a spec; `None` when it is not one Python accepts.
    pub fn parse(text: &str) -> Option<Spec> {
        let c: Vec<char> = text.chars().collect();
        let mut s = Spec::default();
        let mut i = 0;
        let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
        if c.len() >= 2 && is_align(c[1]) {
            s.fill = Some(c[0]);
            s.align = Some(c[1]);
            i = 2;
        } else if !c.is_empty() && is_align(c[0]) {
            s.align = Some(c[0]);
            i = 1;
        }
        if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
            s.sign = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == '#' {
            i += 1;
        }
        if i < c.len() && c[i] == '0' {
            s.zero = true;
            i += 1;
        }
        let start = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i > start {
            s.width = c[start..i].iter().collect::<String>().parse().ok()?;
        }
        if i < c.len() && matches!(c[i], ',' | '_') {
            s.grouping = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            let start = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return None;
            }
            s.precision = Some(c[start..i].iter().collect::<String>().parse().ok()?);
        }
        if i < c.len() {
            s.kind = Some(c[i]);
            i += 1;
        }
        (i == c.len()).then_some(s)
    }

    /// Pads `body` (with its sign apart, for `=` and zero padding) to the width.
    pub fn pad(&self, sign: &str, body: &str, numeric: bool) -> String {
        let len = sign.chars().count() + body.chars().count();
        if len >= self.width {
            return format!("{sign}{body}");
        }
        let gap = self.width - len;
        let (fill, align) = if self.zero && self.align.is_none() {
            ('0', '=')
        } else {
            (self.fill.unwrap_or(' '), self.align.unwrap_or(if numeric { '>' } else { '<' }))
        };
        let pad = |n: usize| fill.to_string().repeat(n);
        match align {
            '<' => format!("{sign}{body}{}", pad(gap)),
            '^' => format!("{}{sign}{body}{}", pad(gap / 2), pad(gap - gap / 2)),
            '=' => format!("{sign}{}{body}", pad(gap)),
            _ => format!("{}{sign}{body}", pad(gap)),
        }
    }
}

/// Puts `sep` between thousands of a run of digits.
pub fn group_digits(digits: &str, sep: char) -> String {
    let (int, rest) = match digits.find(|c: char| !c.is_ascii_digit()) {
        Some(k) => digits.split_at(k),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out + rest
}

/// Formats a number by a spec, as `format(x, spec)` does; `None` when the spec does not fit
/// the number (`format(1.5, 'd')`).
pub fn format_number(n: Number, spec: &Spec) -> Option<String> {
    let kind = spec.kind;
    let negative = match n {
        Number::Int(i) => i < 0,
        Number::Float(f) => f.is_sign_negative() && f != 0.0 || (f == 0.0 && f.is_sign_negative()),
    };
    let body = match (kind, n) {
        (None | Some('d') | Some('n'), Number::Int(i)) => i.unsigned_abs().to_string(),
        (Some('d'), Number::Float(_)) => return None,
        (Some('x'), Number::Int(i)) => format!("{:x}", i.unsigned_abs()),
        (Some('X'), Number::Int(i)) => format!("{:X}", i.unsigned_abs()),
        (Some('o'), Number::Int(i)) => format!("{:o}", i.unsigned_abs()),
        (Some('b'), Number::Int(i)) => format!("{:b}", i.unsigned_abs()),
        (Some('c' | 's'), _) => return None,
        (Some('f' | 'F'), n) => format!("{:.*}", spec.precision.unwrap_or(6), n.as_f64().abs()),
        (Some('%'), n) => format!("{:.*}%", spec.precision.unwrap_or(6), n.as_f64().abs() * 100.0),
        (Some('e' | 'E'), n) => {
            let t = sci(n.as_f64().abs(), spec.precision.unwrap_or(6));
            if kind == Some('E') {
                t.to_uppercase()
            } else {
                t
            }
        }
        (Some('g' | 'G'), n) => general(n.as_f64().abs(), spec.precision.unwrap_or(6), false),
        (None, Number::Float(f)) => match spec.precision {
            Some(p) => general(f.abs(), p.max(1), true),
            None => float_repr(f.abs()),
        },
        _ => return None,
    };
    let body = match spec.grouping {
        Some(sep) => group_digits(&body, sep),
        None => body,
    };
    let sign = match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    Some(spec.pad(sign, &body, true))
}

/// `format(x, '.3e')`: Python writes at least two exponent digits.
fn sci(f: f64, precision: usize) -> String {
    let t = format!("{f:.precision$e}");
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `format(x, 'g')`: significant digits, positional or scientific by the exponent, trailing
/// zeros dropped (`repr_like`: a spec with a precision and no type keeps one `.0`).
fn general(f: f64, precision: usize, repr_like: bool) -> String {
    let p = precision.max(1);
    if f == 0.0 {
        return if repr_like { "0.0".into() } else { "0".into() };
    }
    let t = format!("{:.*e}", p - 1, f);
    let exp: i32 = t.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
    let trim = |s: String| -> String {
        if s.contains('.') {
            let s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
            s
        } else {
            s
        }
    };
    if exp < -4 || exp >= p as i32 {
        let (m, _) = t.split_once('e').unwrap_or((&t, ""));
        let m = trim(m.to_owned());
        format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let digits = (p as i32 - 1 - exp).max(0) as usize;
        let s = trim(format!("{f:.digits$}"));
        if repr_like && !s.contains('.') {
            format!("{s}.0")
        } else {
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_python_prints_them() {
        let cases = [
            (0.1, "0.1"),
            (2.0, "2.0"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (123456789.125, "123456789.125"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-3.5, "-3.5"),
            (1e-4, "0.0001"),
        ];
        for (f, text) in cases {
            assert_eq!(float_repr(f), text, "{f}");
        }
    }

    #[test]
    fn format_specs_as_pythons() {
        let f = |n: Number, spec: &str| format_number(n, &Spec::parse(spec).unwrap()).unwrap();
        assert_eq!(f(Number::Float(2.0 / 3.0), ".2f"), "0.67");
        assert_eq!(f(Number::Float(2.675), ".2f"), "2.67");
        assert_eq!(f(Number::Int(1234567), ","), "1,234,567");
        assert_eq!(f(Number::Int(42), "05d"), "00042");
        assert_eq!(f(Number::Int(-42), ">6"), "   -42");
        assert_eq!(f(Number::Float(0.25), ".0%"), "25%");
        assert_eq!(f(Number::Float(1234.5), "10.1f"), "    1234.5");
        assert_eq!(f(Number::Float(0.000012345), ".3g"), "1.23e-05");
        assert_eq!(f(Number::Float(1.0), ".3"), "1.0");
        assert_eq!(f(Number::Float(12345.678), ".3e"), "1.235e+04");
        assert_eq!(f(Number::Float(2.5), ".0f"), "2");
        assert_eq!(Spec::parse("*^9").unwrap().pad("", "ab", false), "***ab****");
    }
}
