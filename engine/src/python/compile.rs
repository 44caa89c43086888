//! Compiles a syntax tree into [`Code`]: Python's scopes (local, enclosing, global; class
//! bodies; comprehensions as functions of their own), and the blocks that `break`,
//! `continue`, `return` and exceptions leave, with `finally` run on every way out.

use super::ast::*;
use super::code::{Code, CodeKind, Op, Signature};
use super::error::{Construct, Pos, Problem, SyntaxError};
use super::value::Value;
use std::collections::HashSet;
use std::rc::Rc;

type Compiled<T> = Result<T, SyntaxError>;

/// The modules a program may import.
pub const MODULES: [&str; 6] = ["asyncio", "time", "typing", "__future__", "functools", "util"];

/// Compiles a module; `library` marks the course's own asyncio.
pub fn compile_module(body: &[Stmt], library: bool) -> Compiled<Rc<Code>> {
    let mut c = Compiler { units: vec![], library };
    let analysis = Analysis::default();
    c.units.push(Unit::new("<module>".into(), CodeKind::Module, false, analysis, 1));
    c.body(body)?;
    c.push_const(Value::None, 0);
    c.emit(Op::Return, 0);
    Ok(c.finish())
}

// --- scopes ----------------------------------------------------------------------------------

/// What a function's body binds and uses, to tell its locals, cells and free variables.
#[derive(Clone, Debug, Default)]
struct Analysis {
    /// Names bound here, in order of first binding (parameters first).
    bound: Vec<String>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
    /// Names read here.
    uses: HashSet<String>,
    /// Names inner functions take from outside themselves.
    children_free: HashSet<String>,
    has_await: bool,
    /// A `yield` makes the function a generator.
    has_yield: bool,
}

impl Analysis {
    fn of_function(params: &[&str], body: &[Stmt]) -> Analysis {
        let mut a = Analysis::default();
        for p in params {
            a.bind(p);
        }
        for s in body {
            a.stmt(s);
        }
        a
    }

    fn of_class(body: &[Stmt]) -> Analysis {
        Analysis::of_function(&[], body)
    }

    fn bind(&mut self, name: &str) {
        if !self.bound.iter().any(|b| b == name) {
            self.bound.push(name.to_owned());
        }
    }

    fn is_local(&self, name: &str) -> bool {
        !self.globals.contains(name)
            && !self.nonlocals.contains(name)
            && self.bound.iter().any(|b| b == name)
    }

    /// Names this scope needs from the scopes around it.
    fn free(&self) -> HashSet<String> {
        self.uses
            .iter()
            .chain(&self.children_free)
            .chain(&self.nonlocals)
            .filter(|n| !self.is_local(n) && !self.globals.contains(*n))
            .cloned()
            .collect()
    }

    /// Its own variables that inner functions share.
    fn cells(&self) -> Vec<String> {
        self.bound
            .iter()
            .filter(|n| self.is_local(n) && self.children_free.contains(*n))
            .cloned()
            .collect()
    }

    fn target(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| self.target(i))
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(e),
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        body.iter().for_each(|s| self.stmt(s));
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign(targets, value) => {
                targets.iter().for_each(|t| self.target(t));
                self.expr(value);
            }
            StmtKind::AugAssign(t, _, v) => {
                self.target(t);
                self.expr(t);
                self.expr(v);
            }
            StmtKind::AnnAssign(t, v) => {
                if let Some(v) = v {
                    self.target(t);
                    self.expr(v);
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Return(v) => v.iter().for_each(|v| self.expr(v)),
            StmtKind::Raise(a, b) => a.iter().chain(b).for_each(|e| self.expr(e)),
            StmtKind::Global(names) => self.globals.extend(names.iter().cloned()),
            StmtKind::Nonlocal(names) => self.nonlocals.extend(names.iter().cloned()),
            StmtKind::Assert(t, m) => {
                self.expr(t);
                m.iter().for_each(|m| self.expr(m));
            }
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    let first = module.split('.').next().unwrap_or(module);
                    self.bind(alias.as_deref().unwrap_or(first));
                }
            }
            StmtKind::ImportFrom(_, names) => {
                for (name, alias) in names {
                    self.bind(alias.as_deref().unwrap_or(name));
                }
            }
            StmtKind::If(t, a, b) | StmtKind::While(t, a, b) => {
                self.expr(t);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::For(t, i, a, b, is_async) => {
                self.has_await |= *is_async;
                self.target(t);
                self.expr(i);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::Try { body, handlers, orelse, finally } => {
                self.stmts(body);
                for h in handlers {
                    h.typ.iter().for_each(|t| self.expr(t));
                    if let Some(n) = &h.name {
                        self.bind(n);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finally);
            }
            StmtKind::With(items, body, _) => {
                for (ctx, target) in items {
                    self.expr(ctx);
                    if let Some(t) = target {
                        self.target(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Del(targets) => targets.iter().for_each(|t| self.target(t)),
            StmtKind::Match(subject, cases) => {
                self.expr(subject);
                for (pattern, guard, body) in cases {
                    self.pattern(pattern);
                    guard.iter().for_each(|g| self.expr(g));
                    self.stmts(body);
                }
            }
            StmtKind::Def(def) => {
                def.decorators.iter().for_each(|d| self.expr(d));
                self.bind(&def.name);
                self.params_defaults(&def.params);
                let inner = Analysis::of_function(&def.params.names(), &def.body);
                self.children_free.extend(inner.free());
            }
            StmtKind::Class(name, bases, body, decorators) => {
                decorators.iter().for_each(|d| self.expr(d));
                self.bind(name);
                bases.iter().for_each(|b| self.expr(b));
                let inner = Analysis::of_class(body);
                // A class body's own names are not visible inside its methods.
                self.children_free.extend(inner.children_free.iter().cloned());
                self.uses.extend(inner.uses.iter().filter(|n| !inner.bound.contains(n)).cloned());
            }
        }
    }

    /// The names a pattern binds and the values it reads.
    fn pattern(&mut self, p: &Pattern) {
        match p {
            Pattern::Wildcard | Pattern::Star(None) => {}
            Pattern::Capture(n) | Pattern::Star(Some(n)) => self.bind(n),
            Pattern::Value(e) | Pattern::Singleton(e) => self.expr(e),
            Pattern::Sequence(items) | Pattern::Or(items) => {
                items.iter().for_each(|i| self.pattern(i))
            }
            Pattern::Mapping(items, rest) => {
                for (k, v) in items {
                    self.expr(k);
                    self.pattern(v);
                }
                rest.iter().for_each(|n| self.bind(n));
            }
            Pattern::Class(class, positional, keywords) => {
                self.expr(class);
                positional.iter().for_each(|p| self.pattern(p));
                keywords.iter().for_each(|(_, p)| self.pattern(p));
            }
            Pattern::As(inner, n) => {
                self.pattern(inner);
                self.bind(n);
            }
        }
    }

    fn params_defaults(&mut self, params: &Params) {
        for (_, d) in params.positional.iter().chain(&params.keyword_only) {
            if let Some(d) = d {
                self.expr(d);
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => {
                self.uses.insert(n.clone());
            }
            ExprKind::None
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Ellipsis => {}
            ExprKind::FStr(parts) => self.fparts(parts),
            ExprKind::Unary(_, x) | ExprKind::Starred(x) | ExprKind::Attr(x, _) => self.expr(x),
            ExprKind::Await(x) => {
                self.has_await = true;
                self.expr(x);
            }
            ExprKind::Yield(x) => {
                self.has_yield = true;
                x.iter().for_each(|x| self.expr(x));
            }
            ExprKind::YieldFrom(x) => {
                self.has_yield = true;
                self.expr(x);
            }
            ExprKind::Named(n, x) => {
                self.bind(n);
                self.expr(x);
            }
            ExprKind::Binary(_, a, b) | ExprKind::Subscript(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::BoolOp(_, items)
            | ExprKind::Tuple(items)
            | ExprKind::List(items)
            | ExprKind::Set(items) => items.iter().for_each(|i| self.expr(i)),
            ExprKind::Compare(first, rest) => {
                self.expr(first);
                rest.iter().for_each(|(_, e)| self.expr(e));
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Lambda(params, body) => {
                self.params_defaults(params);
                let mut inner = Analysis::of_function(&params.names(), &[]);
                inner.expr(body);
                self.children_free.extend(inner.free());
            }
            ExprKind::Call(f, args) => {
                self.expr(f);
                for a in args {
                    match a {
                        Arg::Pos(x) | Arg::Star(x) | Arg::Kw(_, x) | Arg::StarStar(x) => {
                            self.expr(x)
                        }
                    }
                }
            }
            ExprKind::Slice(a, b, c) => {
                for x in [a, b, c].into_iter().flatten() {
                    self.expr(x);
                }
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    k.iter().for_each(|k| self.expr(k));
                    self.expr(v);
                }
            }
            ExprKind::Comp { elt, value, fors, .. } => {
                // The first iterable is read outside; the rest is the comprehension's scope,
                // but for `:=`, which binds here.
                self.expr(&fors[0].iter);
                let inner = comp_analysis(elt, value.as_deref(), fors);
                for n in &inner.nonlocals {
                    self.bind(n);
                }
                self.has_await |= inner.has_await;
                self.children_free.extend(inner.free());
            }
        }
    }

    fn fparts(&mut self, parts: &[FPart]) {
        for p in parts {
            if let FPart::Value { expr, spec, .. } = p {
                self.expr(expr);
                self.fparts(spec);
            }
        }
    }
}

fn comp_analysis(elt: &Expr, value: Option<&Expr>, fors: &[CompFor]) -> Analysis {
    let mut a = Analysis::of_function(&[".0"], &[]);
    for (k, f) in fors.iter().enumerate() {
        if k > 0 {
            a.expr(&f.iter);
        }
        a.has_await |= f.is_async;
        a.target(&f.target);
        f.ifs.iter().for_each(|i| a.expr(i));
    }
    a.expr(elt);
    if let Some(v) = value {
        a.expr(v);
    }
    // `:=` in a comprehension binds in the scope around it.
    let named: Vec<String> =
        a.bound.iter().filter(|n| n.as_str() != ".0").cloned().collect::<Vec<_>>();
    let targets: HashSet<String> = fors.iter().flat_map(|f| names_in(&f.target)).collect();
    for n in named.into_iter().filter(|n| !targets.contains(n)) {
        a.nonlocals.insert(n);
    }
    a
}

/// The names a target binds.
fn names_in(t: &Expr) -> Vec<String> {
    match &t.kind {
        ExprKind::Name(n) => vec![n.clone()],
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().flat_map(names_in).collect(),
        ExprKind::Starred(inner) => names_in(inner),
        _ => vec![],
    }
}

// --- compiling -------------------------------------------------------------------------------

/// A block that `break`, `continue` and `return` must leave properly.
#[derive(Clone)]
enum FBlock {
    /// A loop: where `continue` goes, the `break` jumps to patch, and whether an iterator
    /// is on the stack.
    Loop { start: usize, breaks: Vec<usize>, is_for: bool },
    /// The body of a `try` with `except` clauses.
    Try,
    /// The body of a `try` with `finally`: the finally body runs on the way out.
    Finally(Vec<Stmt>),
    /// Inside an `except` clause or an exceptional `finally`: the exception is on the stack.
    Handler,
    /// Inside a `with`: its exit method is on the stack.
    With(bool),
}

enum Scope {
    Local(u32),
    Cell(u32),
    Global,
    Name,
}

struct Unit {
    code: Code,
    analysis: Analysis,
    fblocks: Vec<FBlock>,
}

impl Unit {
    fn new(name: Rc<str>, kind: CodeKind, is_async: bool, analysis: Analysis, line: u32) -> Unit {
        Unit {
            code: Code {
                name,
                kind,
                is_async,
                generator: false,
                signature: Signature::default(),
                ops: vec![],
                lines: vec![],
                consts: vec![],
                names: vec![],
                locals: vec![],
                cells: vec![],
                own_cells: 0,
                param_cells: vec![],
                closure_from: vec![],
                first_line: line,
                library: false,
            },
            analysis,
            fblocks: vec![],
        }
    }
}

struct Compiler {
    units: Vec<Unit>,
    library: bool,
}

fn fail<T>(pos: Pos, problem: Problem) -> Compiled<T> {
    Err(SyntaxError { pos, problem })
}

impl Compiler {
    fn unit(&mut self) -> &mut Unit {
        self.units.last_mut().expect("a unit is being compiled")
    }

    fn here(&self) -> usize {
        self.units.last().map_or(0, |u| u.code.ops.len())
    }

    fn emit(&mut self, op: Op, line: u32) -> usize {
        let u = self.unit();
        u.code.ops.push(op);
        u.code.lines.push(line);
        u.code.ops.len() - 1
    }

    fn patch(&mut self, at: usize) {
        let target = self.here() as u32;
        let u = self.unit();
        match &mut u.code.ops[at] {
            Op::Jump(t)
            | Op::JumpIfFalse(t)
            | Op::JumpIfTrue(t)
            | Op::JumpIfFalseOrPop(t)
            | Op::JumpIfTrueOrPop(t)
            | Op::ForIter(t)
            | Op::YieldFromNext(t)
            | Op::SetupExcept(t) => *t = target,
            _ => {}
        }
    }

    fn constant(&mut self, v: Value) -> u32 {
        let u = self.unit();
        if let Some(i) = u.code.consts.iter().position(|c| c.same_constant(&v)) {
            return i as u32;
        }
        u.code.consts.push(v);
        (u.code.consts.len() - 1) as u32
    }

    fn name(&mut self, n: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.code.names.iter().position(|x| &**x == n) {
            return i as u32;
        }
        u.code.names.push(n.into());
        (u.code.names.len() - 1) as u32
    }

    fn local(&mut self, n: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.code.locals.iter().position(|x| &**x == n) {
            return i as u32;
        }
        u.code.locals.push(n.into());
        (u.code.locals.len() - 1) as u32
    }

    fn scope(&mut self, n: &str) -> Scope {
        let u = self.units.last().expect("a unit");
        match u.code.kind {
            CodeKind::Module => Scope::Global,
            CodeKind::Class => Scope::Name,
            CodeKind::Function => {
                if u.analysis.globals.contains(n) {
                    Scope::Global
                } else if let Some(i) = u.code.cells.iter().position(|c| &**c == n) {
                    Scope::Cell(i as u32)
                } else if u.analysis.is_local(n) {
                    Scope::Local(self.local(n))
                } else {
                    Scope::Global
                }
            }
        }
    }

    fn load(&mut self, n: &str, line: u32) {
        let op = match self.scope(n) {
            Scope::Local(i) => Op::LoadLocal(i),
            Scope::Cell(i) => Op::LoadCell(i),
            Scope::Global => Op::LoadGlobal(self.name(n)),
            Scope::Name => Op::LoadName(self.name(n)),
        };
        self.emit(op, line);
    }

    fn store(&mut self, n: &str, line: u32) {
        let op = match self.scope(n) {
            Scope::Local(i) => Op::StoreLocal(i),
            Scope::Cell(i) => Op::StoreCell(i),
            Scope::Global => Op::StoreGlobal(self.name(n)),
            Scope::Name => Op::StoreName(self.name(n)),
        };
        self.emit(op, line);
    }

    fn finish(&mut self) -> Rc<Code> {
        let mut u = self.units.pop().expect("a unit");
        u.code.library = self.library;
        Rc::new(u.code)
    }

    fn in_async(&self) -> bool {
        self.units.last().is_some_and(|u| u.code.is_async)
    }

    fn in_function(&self) -> bool {
        self.units.last().is_some_and(|u| u.code.kind == CodeKind::Function)
    }

    // --- statements --------------------------------------------------------------------------

    fn body(&mut self, body: &[Stmt]) -> Compiled<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> Compiled<()> {
        let line = s.pos.line;
        self.emit(Op::Line, line);
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Pop, line);
            }
            StmtKind::Assign(targets, value) => {
                self.expr(value)?;
                for (k, t) in targets.iter().enumerate() {
                    if k + 1 < targets.len() {
                        self.emit(Op::Dup, line);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign(target, value) => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => self.break_or_continue(s.pos, true)?,
            StmtKind::Continue => self.break_or_continue(s.pos, false)?,
            StmtKind::Return(value) => {
                if !self.in_function() {
                    return fail(s.pos, Problem::ReturnOutsideFunction);
                }
                let code = &self.unit().code;
                if value.is_some() && code.generator && code.is_async {
                    return fail(s.pos, Problem::ReturnInAsyncGenerator);
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let none = self.constant(Value::None);
                        self.emit(Op::Const(none), line);
                    }
                }
                self.unwind_to(0, line, true)?;
                self.emit(Op::Return, line);
            }
            StmtKind::Raise(exc, cause) => match (exc, cause) {
                (None, _) => {
                    self.emit(Op::Raise(0), line);
                }
                (Some(e), None) => {
                    self.expr(e)?;
                    self.emit(Op::Raise(1), line);
                }
                (Some(e), Some(c)) => {
                    self.expr(e)?;
                    self.expr(c)?;
                    self.emit(Op::Raise(2), line);
                }
            },
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
                if let StmtKind::Nonlocal(_) = s.kind {
                    let u = self.units.last().expect("a unit");
                    if let Some(n) =
                        names.iter().find(|n| !u.code.cells.iter().any(|c| &**c == n.as_str()))
                    {
                        return fail(s.pos, Problem::NoNonlocal(n.clone()));
                    }
                }
            }
            StmtKind::Assert(test, msg) => {
                self.expr(test)?;
                let jump = self.emit(Op::JumpIfTrue(0), line);
                self.load("AssertionError", line);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1), line);
                }
                self.emit(Op::Raise(1), line);
                self.patch(jump);
            }
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    let first = module.split('.').next().unwrap_or(module);
                    self.check_module(module, s.pos)?;
                    let m = self.name(first);
                    self.emit(Op::Import(m), line);
                    self.store(alias.as_deref().unwrap_or(first), line);
                }
            }
            StmtKind::ImportFrom(module, names) => {
                self.check_module(module, s.pos)?;
                let m = self.name(module);
                self.emit(Op::Import(m), line);
                for (name, alias) in names {
                    if name == "*" {
                        return fail(s.pos, Problem::Invalid);
                    }
                    let n = self.name(name);
                    self.emit(Op::ImportFrom(n), line);
                    self.store(alias.as_deref().unwrap_or(name), line);
                }
                self.emit(Op::Pop, line);
            }
            StmtKind::If(test, body, orelse) => {
                self.expr(test)?;
                let to_else = self.emit(Op::JumpIfFalse(0), line);
                self.body(body)?;
                if orelse.is_empty() {
                    self.patch(to_else);
                } else {
                    let to_end = self.emit(Op::Jump(0), line);
                    self.patch(to_else);
                    self.body(orelse)?;
                    self.patch(to_end);
                }
            }
            StmtKind::While(test, body, orelse) => {
                // The condition's line is recorded on every turn.
                let start = self.here() - 1;
                self.expr(test)?;
                let exit = self.emit(Op::JumpIfFalse(0), line);
                self.unit().fblocks.push(FBlock::Loop { start, breaks: vec![], is_for: false });
                self.body(body)?;
                self.emit(Op::Jump(start as u32), line);
                let Some(FBlock::Loop { breaks, .. }) = self.unit().fblocks.pop() else {
                    unreachable!("the loop's block")
                };
                self.patch(exit);
                self.body(orelse)?;
                breaks.into_iter().for_each(|b| self.patch(b));
            }
            StmtKind::For(target, iter, body, orelse, is_async) => {
                if *is_async && !self.in_async() {
                    return fail(s.pos, Problem::AsyncForOutsideAsync);
                }
                self.expr(iter)?;
                self.emit(if *is_async { Op::GetAIter } else { Op::GetIter }, line);
                let start = self.emit(Op::Line, line);
                let next =
                    if *is_async { self.anext(line) } else { self.emit(Op::ForIter(0), line) };
                self.store_target(target)?;
                self.unit().fblocks.push(FBlock::Loop { start, breaks: vec![], is_for: true });
                self.body(body)?;
                self.emit(Op::Jump(start as u32), line);
                let Some(FBlock::Loop { breaks, .. }) = self.unit().fblocks.pop() else {
                    unreachable!("the loop's block")
                };
                if *is_async {
                    self.anext_done(next, line);
                } else {
                    self.patch(next);
                }
                self.body(orelse)?;
                breaks.into_iter().for_each(|b| self.patch(b));
            }
            StmtKind::Del(targets) => targets.iter().try_for_each(|t| self.delete(t))?,
            StmtKind::Match(subject, cases) => {
                self.expr(subject)?;
                let mut ends = vec![];
                for (pattern, guard, body) in cases {
                    let at = body.first().map_or(line, |s| s.pos.line);
                    self.emit(Op::Dup, line);
                    self.pattern(pattern, line)?;
                    let no = self.emit(Op::JumpIfFalse(0), line);
                    let unguarded = match guard {
                        Some(g) => {
                            self.expr(g)?;
                            Some(self.emit(Op::JumpIfFalse(0), line))
                        }
                        None => None,
                    };
                    self.emit(Op::Pop, at);
                    self.body(body)?;
                    ends.push(self.emit(Op::Jump(0), at));
                    self.patch(no);
                    if let Some(j) = unguarded {
                        self.patch(j);
                    }
                }
                self.emit(Op::Pop, line);
                ends.into_iter().for_each(|e| self.patch(e));
            }
            StmtKind::Try { body, handlers, orelse, finally } => {
                if finally.is_empty() {
                    self.try_except(body, handlers, orelse, line)?;
                } else {
                    self.try_finally(finally, line, |c| {
                        if handlers.is_empty() {
                            c.body(body)
                        } else {
                            c.try_except(body, handlers, orelse, line)
                        }
                    })?;
                }
            }
            StmtKind::With(items, body, is_async) => {
                if *is_async && !self.in_async() {
                    return fail(s.pos, Problem::AsyncWithOutsideAsync);
                }
                self.with(items, body, *is_async, line)?;
            }
            StmtKind::Def(def) => {
                for d in &def.decorators {
                    self.expr(d)?;
                }
                self.function(
                    &def.name,
                    &def.params,
                    def.is_async,
                    s.pos,
                    |c| c.body(&def.body),
                    &def.body,
                )?;
                for _ in &def.decorators {
                    self.emit(Op::Call(1), line);
                }
                self.store(&def.name, line);
            }
            StmtKind::Class(name, bases, body, decorators) => {
                for d in decorators {
                    self.expr(d)?;
                }
                let analysis = Analysis::of_class(body);
                self.units.push(Unit::new(
                    name.as_str().into(),
                    CodeKind::Class,
                    false,
                    analysis,
                    line,
                ));
                self.body(body)?;
                let none = self.constant(Value::None);
                self.emit(Op::Const(none), line);
                self.emit(Op::Return, line);
                let code = self.finish();
                let k = self.constant(Value::Code(code));
                self.emit(Op::MakeFunction { code: k, defaults: false, kw_defaults: false }, line);
                for b in bases {
                    self.expr(b)?;
                }
                self.emit(Op::BuildTuple(bases.len() as u32), line);
                let n = self.constant(Value::Str(name.as_str().into()));
                self.emit(Op::MakeClass(n), line);
                for _ in decorators {
                    self.emit(Op::Call(1), line);
                }
                self.store(name, line);
            }
        }
        Ok(())
    }

    /// One turn of an `async for`: the iterator's next item is awaited. Gives the protected
    /// block's start, for [`Compiler::anext_done`].
    fn anext(&mut self, line: u32) -> usize {
        let setup = self.emit(Op::SetupExcept(0), line);
        self.emit(Op::GetANext, line);
        self.emit(Op::Await, line);
        self.emit(Op::PopBlock, line);
        setup
    }

    /// Where an `async for`'s turn goes when the iterator raises: `StopAsyncIteration` ends
    /// the loop (the iterator is dropped and what follows runs), anything else goes on up.
    fn anext_done(&mut self, setup: usize, line: u32) {
        self.patch(setup);
        self.emit(Op::Dup, line);
        self.load("StopAsyncIteration", line);
        self.emit(Op::ExcMatch, line);
        let other = self.emit(Op::JumpIfFalse(0), line);
        self.emit(Op::PopExcept, line);
        self.emit(Op::Pop, line);
        self.emit(Op::Pop, line);
        let over = self.emit(Op::Jump(0), line);
        self.patch(other);
        self.emit(Op::Reraise, line);
        self.patch(over);
    }

    /// Matches the value on top against `p`: pops it and pushes whether it matched, binding
    /// the pattern's names on the way.
    fn pattern(&mut self, p: &Pattern, line: u32) -> Compiled<()> {
        match p {
            Pattern::Wildcard | Pattern::Star(None) => {
                self.emit(Op::Pop, line);
                self.push_const(Value::Bool(true), line);
            }
            Pattern::Capture(n) | Pattern::Star(Some(n)) => {
                self.store(n, line);
                self.push_const(Value::Bool(true), line);
            }
            Pattern::Value(e) => {
                self.expr(e)?;
                self.emit(Op::Compare(CmpOp::Eq), line);
            }
            Pattern::Singleton(e) => {
                self.expr(e)?;
                self.emit(Op::Compare(CmpOp::Is), line);
            }
            Pattern::As(inner, n) => {
                self.emit(Op::Dup, line);
                self.pattern(inner, line)?;
                let fail = self.emit(Op::JumpIfFalse(0), line);
                self.store(n, line);
                self.push_const(Value::Bool(true), line);
                let end = self.emit(Op::Jump(0), line);
                self.patch(fail);
                self.emit(Op::Pop, line);
                self.push_const(Value::Bool(false), line);
                self.patch(end);
            }
            Pattern::Or(options) => {
                let mut matched = vec![];
                let (last, first) = options.split_last().expect("an or-pattern has options");
                for option in first {
                    self.emit(Op::Dup, line);
                    self.pattern(option, line)?;
                    matched.push(self.emit(Op::JumpIfTrue(0), line));
                }
                self.pattern(last, line)?;
                let end = self.emit(Op::Jump(0), line);
                matched.into_iter().for_each(|j| self.patch(j));
                self.emit(Op::Pop, line);
                self.push_const(Value::Bool(true), line);
                self.patch(end);
            }
            Pattern::Sequence(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| matches!(i, Pattern::Star(_)))
                    .map(|(k, _)| k)
                    .collect();
                let star = match stars.as_slice() {
                    [] => u32::MAX,
                    [k] => *k as u32,
                    _ => return fail(Pos { line, col: 1 }, Problem::Invalid),
                };
                self.emit(Op::MatchSequence(items.len() as u32, star), line);
                self.match_parts(items.iter(), line)?;
            }
            Pattern::Mapping(items, rest) => {
                for (key, _) in items {
                    self.expr(key)?;
                }
                self.emit(Op::MatchMapping(items.len() as u32, rest.is_some()), line);
                let rest = rest.clone().map(Pattern::Capture);
                self.match_parts(items.iter().map(|(_, p)| p).chain(rest.as_ref()), line)?;
            }
            Pattern::Class(class, positional, keywords) => {
                self.expr(class)?;
                let names: Vec<Value> =
                    keywords.iter().map(|(n, _)| Value::Str(n.as_str().into())).collect();
                let k = self.constant(Value::tuple(names));
                self.emit(Op::MatchClass(positional.len() as u32, k), line);
                self.match_parts(positional.iter().chain(keywords.iter().map(|(_, p)| p)), line)?;
            }
        }
        Ok(())
    }

    /// After a `Match…` op: the tuple of parts on top (or `None`, no match) is matched part by
    /// part against `parts`; pops it and pushes whether all matched.
    fn match_parts<'p>(
        &mut self,
        parts: impl Iterator<Item = &'p Pattern>,
        line: u32,
    ) -> Compiled<()> {
        self.emit(Op::Dup, line);
        self.push_const(Value::None, line);
        self.emit(Op::Compare(CmpOp::IsNot), line);
        let mut fails = vec![self.emit(Op::JumpIfFalse(0), line)];
        for (k, part) in parts.enumerate() {
            self.emit(Op::Dup, line);
            self.push_const(Value::Int(k as i64), line);
            self.emit(Op::LoadIndex, line);
            self.pattern(part, line)?;
            fails.push(self.emit(Op::JumpIfFalse(0), line));
        }
        self.emit(Op::Pop, line);
        self.push_const(Value::Bool(true), line);
        let end = self.emit(Op::Jump(0), line);
        fails.into_iter().for_each(|j| self.patch(j));
        self.emit(Op::Pop, line);
        self.push_const(Value::Bool(false), line);
        self.patch(end);
        Ok(())
    }

    /// `del target`
    fn delete(&mut self, t: &Expr) -> Compiled<()> {
        let line = t.pos.line;
        match &t.kind {
            ExprKind::Name(n) => {
                let op = match self.scope(n) {
                    Scope::Local(i) => Op::DeleteLocal(i),
                    Scope::Cell(i) => Op::DeleteCell(i),
                    Scope::Global => Op::DeleteGlobal(self.name(n)),
                    Scope::Name => Op::DeleteName(self.name(n)),
                };
                self.emit(op, line);
            }
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                let n = self.name(name);
                self.emit(Op::DeleteAttr(n), line);
            }
            ExprKind::Subscript(obj, index) => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::DeleteIndex, line);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.delete(i))?;
            }
            _ => return fail(t.pos, Problem::CannotDelete("expression")),
        }
        Ok(())
    }

    fn check_module(&self, module: &str, pos: Pos) -> Compiled<()> {
        if MODULES.contains(&module) {
            Ok(())
        } else {
            fail(pos, Problem::Unsupported(Construct::Module))
        }
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> Compiled<()> {
        let line = target.pos.line;
        match &target.kind {
            ExprKind::Name(n) => {
                self.load(n, line);
                self.expr(value)?;
                self.emit(Op::InPlace(op), line);
                self.store(n, line);
            }
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                self.emit(Op::Dup, line);
                let n = self.name(name);
                self.emit(Op::LoadAttr(n), line);
                self.expr(value)?;
                self.emit(Op::InPlace(op), line);
                self.emit(Op::Rot2, line);
                self.emit(Op::StoreAttr(n), line);
            }
            ExprKind::Subscript(obj, index) => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::Dup2, line);
                self.emit(Op::LoadIndex, line);
                self.expr(value)?;
                self.emit(Op::InPlace(op), line);
                self.emit(Op::Rot3, line);
                self.emit(Op::StoreIndex, line);
            }
            _ => return fail(target.pos, Problem::CannotAssign("expression")),
        }
        Ok(())
    }

    fn break_or_continue(&mut self, pos: Pos, is_break: bool) -> Compiled<()> {
        let line = pos.line;
        let Some(k) = self
            .units
            .last()
            .and_then(|u| u.fblocks.iter().rposition(|b| matches!(b, FBlock::Loop { .. })))
        else {
            return fail(
                pos,
                if is_break { Problem::BreakOutsideLoop } else { Problem::ContinueOutsideLoop },
            );
        };
        self.unwind_to(k + 1, line, false)?;
        if is_break {
            if let FBlock::Loop { is_for: true, .. } = self.unit().fblocks[k] {
                self.emit(Op::PopIter, line);
            }
            let jump = self.emit(Op::Jump(0), line);
            if let FBlock::Loop { breaks, .. } = &mut self.unit().fblocks[k] {
                breaks.push(jump);
            }
        } else if let FBlock::Loop { start, .. } = self.unit().fblocks[k] {
            self.emit(Op::Jump(start as u32), line);
        }
        Ok(())
    }

    /// Emits what leaving the blocks above `depth` needs, innermost first; the finally
    /// bodies are compiled as they stand outside their own `try`.
    fn unwind_to(&mut self, depth: usize, line: u32, keep_top: bool) -> Compiled<()> {
        let mut k = self.unit().fblocks.len();
        while k > depth {
            k -= 1;
            let block = self.unit().fblocks[k].clone();
            match block {
                FBlock::Loop { is_for, .. } => {
                    // Only `return` leaves a loop through here: its iterator goes.
                    if is_for {
                        if keep_top {
                            self.emit(Op::Rot2, line);
                        }
                        self.emit(Op::PopIter, line);
                    }
                }
                FBlock::Try => {
                    self.emit(Op::PopBlock, line);
                }
                FBlock::Finally(body) => {
                    self.emit(Op::PopBlock, line);
                    let saved = self.unit().fblocks.split_off(k);
                    let r = self.body(&body);
                    self.unit().fblocks.extend(saved);
                    r?;
                }
                FBlock::Handler => {
                    self.emit(Op::PopExcept, line);
                    if keep_top {
                        self.emit(Op::Rot2, line);
                    }
                    self.emit(Op::Pop, line);
                }
                FBlock::With(is_async) => {
                    self.emit(Op::PopBlock, line);
                    if keep_top {
                        self.emit(Op::Rot2, line);
                    }
                    self.emit(Op::WithExit, line);
                    if is_async {
                        self.emit(Op::Await, line);
                    }
                    self.emit(Op::Pop, line);
                }
            }
        }
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        line: u32,
    ) -> Compiled<()> {
        let setup = self.emit(Op::SetupExcept(0), line);
        self.unit().fblocks.push(FBlock::Try);
        self.body(body)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock, line);
        self.body(orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0), line)];
        self.patch(setup);
        // The exception is on the stack.
        for h in handlers {
            let hl = h.pos.line;
            self.emit(Op::Line, hl);
            let mut next = None;
            if let Some(t) = &h.typ {
                self.emit(Op::Dup, hl);
                self.expr(t)?;
                self.emit(Op::ExcMatch, hl);
                next = Some(self.emit(Op::JumpIfFalse(0), hl));
            }
            if let Some(n) = &h.name {
                self.emit(Op::Dup, hl);
                self.store(n, hl);
            }
            self.unit().fblocks.push(FBlock::Handler);
            self.body(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Op::PopExcept, hl);
            self.emit(Op::Pop, hl);
            if let Some(n) = &h.name {
                if let Scope::Local(i) = self.scope(n) {
                    self.emit(Op::ClearLocal(i), hl);
                }
            }
            ends.push(self.emit(Op::Jump(0), hl));
            if let Some(j) = next {
                self.patch(j);
            }
        }
        self.emit(Op::Reraise, line);
        ends.into_iter().for_each(|e| self.patch(e));
        Ok(())
    }

    fn try_finally(
        &mut self,
        finally: &[Stmt],
        line: u32,
        inner: impl FnOnce(&mut Self) -> Compiled<()>,
    ) -> Compiled<()> {
        let setup = self.emit(Op::SetupExcept(0), line);
        self.unit().fblocks.push(FBlock::Finally(finally.to_vec()));
        inner(self)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock, line);
        self.body(finally)?;
        let end = self.emit(Op::Jump(0), line);
        self.patch(setup);
        self.unit().fblocks.push(FBlock::Handler);
        self.body(finally)?;
        self.unit().fblocks.pop();
        self.emit(Op::Reraise, line);
        self.patch(end);
        Ok(())
    }

    fn with(
        &mut self,
        items: &[(Expr, Option<Expr>)],
        body: &[Stmt],
        is_async: bool,
        line: u32,
    ) -> Compiled<()> {
        let Some(((ctx, target), rest)) = items.split_first() else {
            return self.body(body);
        };
        self.expr(ctx)?;
        self.emit(Op::WithEnter(is_async), line);
        if is_async {
            self.emit(Op::Await, line);
        }
        match target {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Op::Pop, line);
            }
        }
        let setup = self.emit(Op::SetupExcept(0), line);
        self.unit().fblocks.push(FBlock::With(is_async));
        self.with(rest, body, is_async, line)?;
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock, line);
        self.emit(Op::WithExit, line);
        if is_async {
            self.emit(Op::Await, line);
        }
        self.emit(Op::Pop, line);
        let end = self.emit(Op::Jump(0), line);
        self.patch(setup);
        // [exit, exception]
        self.emit(Op::WithExitExc, line);
        if is_async {
            self.emit(Op::Await, line);
        }
        self.emit(Op::WithCheck, line);
        self.patch(end);
        Ok(())
    }

    /// Compiles a function's code and pushes the function (defaults first).
    fn function(
        &mut self,
        name: &str,
        params: &Params,
        is_async: bool,
        pos: Pos,
        body: impl FnOnce(&mut Self) -> Compiled<()>,
        stmts: &[Stmt],
    ) -> Compiled<()> {
        let line = pos.line;
        let defaults: Vec<&Expr> =
            params.positional.iter().filter_map(|(_, d)| d.as_ref()).collect();
        for d in &defaults {
            self.expr(d)?;
        }
        if !defaults.is_empty() {
            self.emit(Op::BuildTuple(defaults.len() as u32), line);
        }
        let kw: Vec<(&String, &Expr)> =
            params.keyword_only.iter().filter_map(|(n, d)| d.as_ref().map(|d| (n, d))).collect();
        for (n, d) in &kw {
            let k = self.constant(Value::Str(n.as_str().into()));
            self.emit(Op::Const(k), line);
            self.expr(d)?;
        }
        if !kw.is_empty() {
            self.emit(Op::BuildDict(kw.len() as u32), line);
        }
        let analysis = Analysis::of_function(&params.names(), stmts);
        self.open_function(name.into(), is_async, analysis, line, params);
        body(self)?;
        let none = self.constant(Value::None);
        self.emit(Op::Const(none), line);
        self.emit(Op::Return, line);
        let code = self.finish();
        let k = self.constant(Value::Code(code));
        self.emit(
            Op::MakeFunction {
                code: k,
                defaults: !defaults.is_empty(),
                kw_defaults: !kw.is_empty(),
            },
            line,
        );
        Ok(())
    }

    /// Starts a function's unit: its parameters are its first locals, its cells are its own
    /// shared variables then those it takes from the unit around it.
    fn open_function(
        &mut self,
        name: Rc<str>,
        is_async: bool,
        analysis: Analysis,
        line: u32,
        params: &Params,
    ) {
        let parent_cells: Vec<Rc<str>> = self
            .units
            .last()
            .filter(|u| u.code.kind == CodeKind::Function)
            .map(|u| u.code.cells.clone())
            .unwrap_or_default();
        let own = analysis.cells();
        let mut free: Vec<String> = analysis.free().into_iter().collect();
        free.sort();
        free.retain(|n| parent_cells.iter().any(|c| &**c == n.as_str()));
        let generator = analysis.has_yield;
        let mut unit = Unit::new(name, CodeKind::Function, is_async, analysis, line);
        unit.code.generator = generator;
        unit.code.signature = Signature {
            positional: params.positional.iter().map(|(n, _)| n.as_str().into()).collect(),
            star: params.star.is_some(),
            keyword_only: params.keyword_only.iter().map(|(n, _)| n.as_str().into()).collect(),
            star_star: params.star_star.is_some(),
        };
        unit.code.locals = params.names().into_iter().map(Rc::from).collect();
        unit.code.own_cells = own.len();
        unit.code.cells = own.iter().chain(&free).map(|n| Rc::from(n.as_str())).collect();
        unit.code.closure_from = free
            .iter()
            .filter_map(|n| parent_cells.iter().position(|c| &**c == n.as_str()).map(|i| i as u32))
            .collect();
        unit.code.param_cells = unit
            .code
            .locals
            .iter()
            .enumerate()
            .filter_map(|(slot, n)| {
                own.iter().position(|c| c.as_str() == &**n).map(|c| (slot as u32, c as u32))
            })
            .collect();
        self.units.push(unit);
    }

    // --- targets -----------------------------------------------------------------------------

    fn store_target(&mut self, t: &Expr) -> Compiled<()> {
        let line = t.pos.line;
        match &t.kind {
            ExprKind::Name(n) => self.store(n, line),
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                let n = self.name(name);
                self.emit(Op::StoreAttr(n), line);
            }
            ExprKind::Subscript(obj, index) => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::StoreIndex, line);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| matches!(i.kind, ExprKind::Starred(_)))
                    .map(|(k, _)| k)
                    .collect();
                match stars.as_slice() {
                    [] => {
                        self.emit(Op::Unpack(items.len() as u32), line);
                    }
                    [k] => {
                        self.emit(Op::UnpackStar(*k as u32, (items.len() - k - 1) as u32), line);
                    }
                    _ => return fail(t.pos, Problem::Invalid),
                }
                for i in items {
                    match &i.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(i)?,
                    }
                }
            }
            _ => return fail(t.pos, Problem::CannotAssign("expression")),
        }
        Ok(())
    }

    // --- expressions -------------------------------------------------------------------------

    fn expr(&mut self, e: &Expr) -> Compiled<()> {
        let line = e.pos.line;
        match &e.kind {
            ExprKind::None => self.push_const(Value::None, line),
            ExprKind::Bool(b) => self.push_const(Value::Bool(*b), line),
            ExprKind::Int(n) => self.push_const(Value::Int(*n), line),
            ExprKind::Float(f) => self.push_const(Value::Float(*f), line),
            ExprKind::Str(s) => self.push_const(Value::Str(s.as_str().into()), line),
            ExprKind::Ellipsis => self.push_const(Value::Ellipsis, line),
            ExprKind::FStr(parts) => {
                let n = self.fparts(parts, line)?;
                self.emit(Op::BuildString(n), line);
            }
            ExprKind::Name(n) => self.load(n, line),
            ExprKind::Unary(op, x) => {
                self.expr(x)?;
                self.emit(Op::Unary(*op), line);
            }
            ExprKind::Binary(op, a, b) => {
                self.expr(a)?;
                self.expr(b)?;
                self.emit(Op::Binary(*op), line);
            }
            ExprKind::BoolOp(is_and, items) => {
                let mut ends = vec![];
                for (k, item) in items.iter().enumerate() {
                    self.expr(item)?;
                    if k + 1 < items.len() {
                        let op =
                            if *is_and { Op::JumpIfFalseOrPop(0) } else { Op::JumpIfTrueOrPop(0) };
                        ends.push(self.emit(op, line));
                    }
                }
                ends.into_iter().for_each(|j| self.patch(j));
            }
            ExprKind::Compare(first, rest) => {
                self.expr(first)?;
                let mut cleanups = vec![];
                for (k, (op, right)) in rest.iter().enumerate() {
                    self.expr(right)?;
                    if k + 1 < rest.len() {
                        self.emit(Op::Dup, line);
                        self.emit(Op::Rot3, line);
                        self.emit(Op::Compare(*op), line);
                        cleanups.push(self.emit(Op::JumpIfFalseOrPop(0), line));
                    } else {
                        self.emit(Op::Compare(*op), line);
                    }
                }
                if !cleanups.is_empty() {
                    let end = self.emit(Op::Jump(0), line);
                    cleanups.into_iter().for_each(|j| self.patch(j));
                    self.emit(Op::Rot2, line);
                    self.emit(Op::Pop, line);
                    self.patch(end);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let to_else = self.emit(Op::JumpIfFalse(0), line);
                self.expr(body)?;
                let end = self.emit(Op::Jump(0), line);
                self.patch(to_else);
                self.expr(orelse)?;
                self.patch(end);
            }
            ExprKind::Lambda(params, body) => {
                let ret = Stmt { pos: body.pos, kind: StmtKind::Return(Some((**body).clone())) };
                let stmts = [ret];
                self.function("<lambda>", params, false, e.pos, |c| c.body(&stmts), &stmts)?;
            }
            ExprKind::Await(x) => {
                if !self.in_async() {
                    return fail(e.pos, Problem::AwaitOutsideAsync);
                }
                self.expr(x)?;
                self.emit(Op::Await, line);
            }
            ExprKind::Yield(x) => {
                if !self.in_function() {
                    return fail(e.pos, Problem::YieldOutsideFunction);
                }
                match x {
                    Some(x) => self.expr(x)?,
                    None => self.push_const(Value::None, line),
                }
                self.emit(Op::Yield, line);
            }
            ExprKind::YieldFrom(x) => {
                if !self.in_function() {
                    return fail(e.pos, Problem::YieldOutsideFunction);
                }
                if self.in_async() {
                    return fail(e.pos, Problem::YieldFromInAsync);
                }
                // Each item is yielded in turn (what is sent in is not passed on); the value
                // is what the inner generator returns.
                self.expr(x)?;
                self.emit(Op::GetIter, line);
                let next = self.emit(Op::YieldFromNext(0), line);
                self.emit(Op::Yield, line);
                self.emit(Op::Pop, line);
                self.emit(Op::Jump(next as u32), line);
                self.patch(next);
            }
            ExprKind::Named(n, x) => {
                self.expr(x)?;
                self.emit(Op::Dup, line);
                self.store(n, line);
            }
            ExprKind::Call(f, args) => self.call(f, args, line)?,
            ExprKind::Attr(obj, name) => {
                self.expr(obj)?;
                let n = self.name(name);
                self.emit(Op::LoadAttr(n), line);
            }
            ExprKind::Subscript(obj, index) => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::LoadIndex, line);
            }
            ExprKind::Slice(a, b, c) => {
                for part in [a, b, c] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.push_const(Value::None, line),
                    }
                }
                self.emit(Op::BuildSlice, line);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => {
                let kind = match e.kind {
                    ExprKind::Tuple(_) => 0,
                    ExprKind::List(_) => 1,
                    _ => 2,
                };
                if items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
                    self.emit(Op::BuildList(0), line);
                    for i in items {
                        match &i.kind {
                            ExprKind::Starred(inner) => {
                                self.expr(inner)?;
                                self.emit(Op::ListExtend(1), line);
                            }
                            _ => {
                                self.expr(i)?;
                                self.emit(Op::ListAppend(1), line);
                            }
                        }
                    }
                    match kind {
                        0 => {
                            self.emit(Op::ListToTuple, line);
                        }
                        2 => {
                            self.emit(Op::BuildSet(0), line);
                            self.emit(Op::Rot2, line);
                            self.emit(Op::ListExtend(1), line);
                        }
                        _ => {}
                    }
                } else {
                    for i in items {
                        self.expr(i)?;
                    }
                    let n = items.len() as u32;
                    self.emit([Op::BuildTuple(n), Op::BuildList(n), Op::BuildSet(n)][kind], line);
                }
            }
            ExprKind::Dict(items) => {
                if items.iter().any(|(k, _)| k.is_none()) {
                    self.emit(Op::BuildDict(0), line);
                    for (k, v) in items {
                        match k {
                            None => {
                                self.expr(v)?;
                                self.emit(Op::DictUpdate(1), line);
                            }
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.emit(Op::DictSet(1), line);
                            }
                        }
                    }
                } else {
                    for (k, v) in items {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.emit(Op::BuildDict(items.len() as u32), line);
                }
            }
            ExprKind::Starred(_) => return fail(e.pos, Problem::Invalid),
            ExprKind::Comp { kind, elt, value, fors } => {
                self.comprehension(*kind, elt, value.as_deref(), fors, e.pos)?
            }
        }
        Ok(())
    }

    fn push_const(&mut self, v: Value, line: u32) {
        let k = self.constant(v);
        self.emit(Op::Const(k), line);
    }

    fn fparts(&mut self, parts: &[FPart], line: u32) -> Compiled<u32> {
        for p in parts {
            match p {
                FPart::Text(t) => self.push_const(Value::Str(t.as_str().into()), line),
                FPart::Value { expr, conv, spec } => {
                    self.expr(expr)?;
                    if !spec.is_empty() {
                        let n = self.fparts(spec, line)?;
                        self.emit(Op::BuildString(n), line);
                    }
                    self.emit(Op::Format(*conv, !spec.is_empty()), line);
                }
            }
        }
        Ok(parts.len() as u32)
    }

    fn call(&mut self, f: &Expr, args: &[Arg], line: u32) -> Compiled<()> {
        self.expr(f)?;
        if matches!(&f.kind, ExprKind::Name(n) if n == "super")
            && args.is_empty()
            && self.in_function()
        {
            self.emit(Op::SuperArgs, line);
            self.emit(Op::Call(2), line);
            return Ok(());
        }
        let spread = args.iter().any(|a| matches!(a, Arg::Star(_) | Arg::StarStar(_)));
        if spread {
            self.emit(Op::BuildList(0), line);
            for a in args {
                match a {
                    Arg::Pos(x) => {
                        self.expr(x)?;
                        self.emit(Op::ListAppend(1), line);
                    }
                    Arg::Star(x) => {
                        self.expr(x)?;
                        self.emit(Op::ListExtend(1), line);
                    }
                    _ => {}
                }
            }
            self.emit(Op::ListToTuple, line);
            self.emit(Op::BuildDict(0), line);
            for a in args {
                match a {
                    Arg::Kw(n, x) => {
                        self.push_const(Value::Str(n.as_str().into()), line);
                        self.expr(x)?;
                        self.emit(Op::DictSet(1), line);
                    }
                    Arg::StarStar(x) => {
                        self.expr(x)?;
                        self.emit(Op::DictUpdate(1), line);
                    }
                    _ => {}
                }
            }
            self.emit(Op::CallEx, line);
            return Ok(());
        }
        let mut names = vec![];
        for a in args {
            match a {
                Arg::Pos(x) => self.expr(x)?,
                Arg::Kw(n, x) => {
                    self.expr(x)?;
                    names.push(Value::Str(n.as_str().into()));
                }
                _ => {}
            }
        }
        if names.is_empty() {
            self.emit(Op::Call(args.len() as u32), line);
        } else {
            let k = self.constant(Value::tuple(names));
            self.emit(Op::CallKw(args.len() as u32, k), line);
        }
        Ok(())
    }

    /// A comprehension is a function of its own, called at once with the first iterator; a
    /// generator expression's function is a generator.
    fn comprehension(
        &mut self,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
        fors: &[CompFor],
        pos: Pos,
    ) -> Compiled<()> {
        let line = pos.line;
        let analysis = comp_analysis(elt, value, fors);
        if analysis.has_yield {
            return fail(pos, Problem::Invalid);
        }
        let is_async = analysis.has_await;
        if is_async && !self.in_async() && kind != CompKind::Generator {
            return fail(pos, Problem::AwaitOutsideAsync);
        }
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let params = Params { positional: vec![(".0".into(), None)], ..Params::default() };
        self.open_function(name.into(), is_async, analysis, line, &params);
        let generator = kind == CompKind::Generator;
        self.unit().code.generator = generator;
        match kind {
            CompKind::Set => self.emit(Op::BuildSet(0), line),
            CompKind::Dict => self.emit(Op::BuildDict(0), line),
            CompKind::List => self.emit(Op::BuildList(0), line),
            CompKind::Generator => 0,
        };
        // Each loop: where a turn starts, and where it goes when its iterator is done.
        let mut loops = vec![];
        for (k, f) in fors.iter().enumerate() {
            if k == 0 {
                self.emit(Op::LoadLocal(0), line);
            } else {
                self.expr(&f.iter)?;
                self.emit(if f.is_async { Op::GetAIter } else { Op::GetIter }, line);
            }
            let start = self.here();
            let exit = if f.is_async { self.anext(line) } else { self.emit(Op::ForIter(0), line) };
            loops.push((start, exit, f.is_async));
            self.store_target(&f.target)?;
            for cond in &f.ifs {
                self.expr(cond)?;
                // A condition that fails goes on with the next item.
                self.emit(Op::JumpIfFalse(start as u32), line);
            }
        }
        let depth = fors.len() as u32 + 1;
        self.expr(elt)?;
        match kind {
            CompKind::Set => {
                self.emit(Op::SetAdd(depth), line);
            }
            CompKind::Dict => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.emit(Op::DictSet(depth), line);
            }
            CompKind::List => {
                self.emit(Op::ListAppend(depth), line);
            }
            CompKind::Generator => {
                self.emit(Op::Yield, line);
                self.emit(Op::Pop, line);
            }
        }
        for (start, exit, is_async) in loops.into_iter().rev() {
            self.emit(Op::Jump(start as u32), line);
            if is_async {
                self.anext_done(exit, line);
            } else {
                self.patch(exit);
            }
        }
        if generator {
            self.push_const(Value::None, line);
        }
        self.emit(Op::Return, line);
        let code = self.finish();
        let k = self.constant(Value::Code(code));
        self.emit(Op::MakeFunction { code: k, defaults: false, kw_defaults: false }, line);
        self.expr(&fors[0].iter)?;
        let first_async = fors[0].is_async;
        self.emit(if first_async { Op::GetAIter } else { Op::GetIter }, line);
        self.emit(Op::Call(1), line);
        if is_async && !generator {
            self.emit(Op::Await, line);
        }
        Ok(())
    }
}
