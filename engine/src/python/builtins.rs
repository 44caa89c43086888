//! Python's built-in functions and the methods of its built-in types, as far as the
//! programs of the course use them.

use super::value::*;
use super::vm::{raise, Exc, GenStep, Halt, Res, Resume, Vm, MAX_ITEMS};
use std::cell::RefCell;
use std::rc::Rc;

const FUNCTIONS: [(&str, Builtin); 47] = [
    ("bool", Builtin::Bool),
    ("int", Builtin::Int),
    ("float", Builtin::Float),
    ("str", Builtin::Str),
    ("list", Builtin::List),
    ("tuple", Builtin::Tuple),
    ("dict", Builtin::Dict),
    ("set", Builtin::Set),
    ("range", Builtin::Range),
    ("object", Builtin::Object),
    ("type", Builtin::Type),
    ("print", Builtin::Print),
    ("len", Builtin::Len),
    ("repr", Builtin::Repr),
    ("abs", Builtin::Abs),
    ("round", Builtin::Round),
    ("min", Builtin::Min),
    ("max", Builtin::Max),
    ("sum", Builtin::Sum),
    ("sorted", Builtin::Sorted),
    ("reversed", Builtin::Reversed),
    ("enumerate", Builtin::Enumerate),
    ("zip", Builtin::Zip),
    ("map", Builtin::Map),
    ("filter", Builtin::Filter),
    ("any", Builtin::Any),
    ("all", Builtin::All),
    ("isinstance", Builtin::Isinstance),
    ("issubclass", Builtin::Issubclass),
    ("hasattr", Builtin::Hasattr),
    ("getattr", Builtin::Getattr),
    ("setattr", Builtin::Setattr),
    ("iter", Builtin::Iter),
    ("next", Builtin::Next),
    ("callable", Builtin::Callable),
    ("divmod", Builtin::Divmod),
    ("pow", Builtin::Pow),
    ("chr", Builtin::Chr),
    ("ord", Builtin::Ord),
    ("id", Builtin::Id),
    ("hash", Builtin::Hash),
    ("super", Builtin::Super),
    ("format", Builtin::Format),
    ("cpu", Builtin::Cpu),
    ("_perf_counter", Builtin::PerfCounter),
    ("_time_sleep", Builtin::TimeSleep),
    ("_typing_any", Builtin::TypingAny),
];

/// The built-in names every module sees: functions, types and exceptions.
pub fn names(vm: &Vm) -> Attrs {
    let mut out = Attrs::default();
    for (name, b) in FUNCTIONS {
        out.insert(name.into(), Value::Builtin(b));
    }
    for (name, class) in &vm.exceptions {
        if !matches!(*name, "CancelledError" | "InvalidStateError") {
            out.insert((*name).into(), Value::Class(class.clone()));
        }
    }
    out
}

/// The name Python gives a built-in.
pub fn name_of(b: Builtin) -> &'static str {
    FUNCTIONS.iter().find(|(_, x)| *x == b).map_or(
        match b {
            Builtin::Fetch => "fetch",
            Builtin::TimeSleep => "sleep",
            Builtin::PerfCounter => "perf_counter",
            _ => "builtin",
        },
        |(n, _)| n,
    )
}

/// How many numbers a range holds.
pub fn range_len(r: &[i64; 3]) -> i64 {
    let (start, stop, step) = (r[0], r[1], r[2]);
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

fn kw<'a>(kwargs: &'a [(Rc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

fn no_kwargs(vm: &Vm, what: &str, kwargs: &[(Rc<str>, Value)], allowed: &[&str]) -> Res<()> {
    match kwargs.iter().find(|(k, _)| !allowed.contains(&&**k)) {
        Some((k, _)) => {
            vm.fail("TypeError", format!("{what}() got an unexpected keyword argument '{k}'"))
        }
        None => Ok(()),
    }
}

fn arity(vm: &Vm, what: &str, args: &[Value], min: usize, max: usize) -> Res<()> {
    if args.len() < min || args.len() > max {
        let expected = if min == max { format!("{min}") } else { format!("from {min} to {max}") };
        let s = if max == 1 { "" } else { "s" };
        return vm.fail(
            "TypeError",
            format!(
                "{what}() takes {expected} positional argument{s} but {} were given",
                args.len()
            ),
        );
    }
    Ok(())
}

/// Calls a built-in function.
pub fn call(
    vm: &mut Vm,
    b: Builtin,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Res<Value> {
    match b {
        Builtin::Print => {
            no_kwargs(vm, "print", &kwargs, &["sep", "end", "flush", "file"])?;
            let sep = match kw(&kwargs, "sep") {
                Some(Value::Str(s)) => s.to_string(),
                _ => " ".into(),
            };
            let end = match kw(&kwargs, "end") {
                Some(Value::Str(s)) => s.to_string(),
                _ => "\n".into(),
            };
            let mut parts = vec![];
            for a in &args {
                parts.push(vm.to_str(a)?);
            }
            let text = parts.join(&sep) + &end;
            if vm.open_line.len() + text.len() > MAX_ITEMS {
                return Err(Exc::Halt(Halt::TooLarge));
            }
            let lines = vm.write(&text);
            for line in lines {
                vm.aio.record_print(line);
            }
            Ok(Value::None)
        }
        Builtin::Len => {
            arity(vm, "len", &args, 1, 1)?;
            let n = match &args[0] {
                Value::Str(s) => s.chars().count() as i64,
                Value::List(l) => l.borrow().len() as i64,
                Value::Tuple(t) => t.len() as i64,
                Value::Dict(d) | Value::Set(d) => d.borrow().len() as i64,
                Value::DictView(v) => v.1.borrow().len() as i64,
                Value::Range(r) => range_len(r),
                Value::Instance(i) if i.class.lookup("__len__").is_some() => {
                    let f = i.class.lookup("__len__").unwrap_or(Value::None);
                    return vm.call_value(&f, vec![args[0].clone()]);
                }
                other => {
                    return vm.fail(
                        "TypeError",
                        format!("object of type '{}' has no len()", other.type_name()),
                    )
                }
            };
            Ok(Value::Int(n))
        }
        Builtin::Repr => {
            arity(vm, "repr", &args, 1, 1)?;
            Ok(Value::Str(vm.repr(&args[0])?.into()))
        }
        Builtin::Str => match args.first() {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::Str(vm.to_str(v)?.into())),
        },
        Builtin::Format => {
            arity(vm, "format", &args, 1, 2)?;
            let spec = match args.get(1) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            Ok(Value::Str(vm.format(&args[0], &spec)?.into()))
        }
        Builtin::Bool => match args.first() {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(vm.truthy(v)?)),
        },
        Builtin::Int => int(vm, &args, &kwargs),
        Builtin::Float => match args.first() {
            None => Ok(Value::Float(0.0)),
            Some(Value::Str(s)) => {
                let t = s.trim().replace('_', "");
                let parsed = match t.to_ascii_lowercase().as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" => Some(f64::NAN),
                    _ => t.parse::<f64>().ok(),
                };
                match parsed {
                    Some(f) => Ok(Value::Float(f)),
                    None => vm.fail(
                        "ValueError",
                        format!("could not convert string to float: {}", str_repr(s)),
                    ),
                }
            }
            Some(v) => match v.as_number() {
                Some(n) => Ok(Value::Float(n.as_f64())),
                None => vm.fail(
                    "TypeError",
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        v.type_name()
                    ),
                ),
            },
        },
        Builtin::List => Ok(Value::list(match args.first() {
            Some(v) => vm.collect(v)?,
            None => vec![],
        })),
        Builtin::Tuple => Ok(Value::tuple(match args.first() {
            Some(v) => vm.collect(v)?,
            None => vec![],
        })),
        Builtin::Set => {
            let mut set = Dict::default();
            if let Some(v) = args.first() {
                for i in vm.collect(v)? {
                    vm.check_hashable(&i)?;
                    set.insert(Key(i), Value::None);
                }
            }
            Ok(Value::Set(Rc::new(RefCell::new(set))))
        }
        Builtin::Dict => {
            let mut d = Dict::default();
            match args.first() {
                Some(Value::Dict(src)) => {
                    d.extend(src.borrow().iter().map(|(k, v)| (k.clone(), v.clone())))
                }
                Some(v) => {
                    for pair in vm.collect(v)? {
                        let kv = vm.collect(&pair)?;
                        if kv.len() != 2 {
                            return vm.fail(
                                "ValueError",
                                format!("dictionary update sequence element has length {}; 2 is required", kv.len()),
                            );
                        }
                        vm.check_hashable(&kv[0])?;
                        d.insert(Key(kv[0].clone()), kv[1].clone());
                    }
                }
                None => {}
            }
            for (k, v) in kwargs {
                d.insert(Key(Value::Str(k)), v);
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        Builtin::Range => {
            arity(vm, "range", &args, 1, 3)?;
            let mut n = vec![];
            for a in &args {
                match a.as_int() {
                    Some(i) => n.push(i),
                    None => {
                        return vm.fail(
                            "TypeError",
                            format!(
                                "'{}' object cannot be interpreted as an integer",
                                a.type_name()
                            ),
                        )
                    }
                }
            }
            let r = match n.as_slice() {
                [stop] => [0, *stop, 1],
                [start, stop] => [*start, *stop, 1],
                [start, stop, step] => [*start, *stop, *step],
                _ => [0, 0, 1],
            };
            if r[2] == 0 {
                return vm.fail("ValueError", "range() arg 3 must not be zero");
            }
            Ok(Value::Range(Rc::new(r)))
        }
        Builtin::Object => Ok(Value::Instance(Rc::new(Instance {
            class: Rc::new(Class {
                name: "object".into(),
                module: "builtins".into(),
                bases: vec![],
                attrs: RefCell::new(Attrs::default()),
                builtin: true,
            }),
            attrs: RefCell::new(Attrs::default()),
            traceback: RefCell::new(vec![]),
        }))),
        Builtin::Type => {
            arity(vm, "type", &args, 1, 1)?;
            Ok(type_of(&args[0]))
        }
        Builtin::Abs => {
            arity(vm, "abs", &args, 1, 1)?;
            match args[0].as_number() {
                Some(Number::Int(i)) => Ok(Value::Int(i.checked_abs().unwrap_or(i64::MAX))),
                Some(Number::Float(f)) => Ok(Value::Float(f.abs())),
                None => vm.fail(
                    "TypeError",
                    format!("bad operand type for abs(): '{}'", args[0].type_name()),
                ),
            }
        }
        Builtin::Round => round(vm, &args, &kwargs),
        Builtin::Min | Builtin::Max => min_max(vm, b == Builtin::Max, args, &kwargs),
        Builtin::Sum => {
            arity(vm, "sum", &args, 1, 2)?;
            let mut total = args.get(1).or(kw(&kwargs, "start")).cloned().unwrap_or(Value::Int(0));
            for v in vm.collect(&args[0])? {
                total = vm.binary(super::ast::BinOp::Add, total, v)?;
            }
            Ok(total)
        }
        Builtin::Sorted => {
            arity(vm, "sorted", &args, 1, 1)?;
            no_kwargs(vm, "sorted", &kwargs, &["key", "reverse"])?;
            let items = vm.collect(&args[0])?;
            let list = Rc::new(RefCell::new(items));
            sort(vm, &list, &kwargs)?;
            Ok(Value::List(list))
        }
        Builtin::Reversed => {
            arity(vm, "reversed", &args, 1, 1)?;
            let mut items = match &args[0] {
                Value::Dict(_) | Value::Set(_) | Value::Iter(_) => {
                    return vm.fail(
                        "TypeError",
                        format!("'{}' object is not reversible", args[0].type_name()),
                    )
                }
                v => vm.collect(v)?,
            };
            items.reverse();
            Ok(Value::Iter(Rc::new(RefCell::new(Iter::Items(items.into(), 0)))))
        }
        Builtin::Enumerate => {
            arity(vm, "enumerate", &args, 1, 2)?;
            let start = args.get(1).or(kw(&kwargs, "start")).and_then(Value::as_int).unwrap_or(0);
            let it = vm.iter(&args[0])?;
            Ok(Value::Iter(Rc::new(RefCell::new(Iter::Enumerate(start, it)))))
        }
        Builtin::Zip => {
            let mut its = vec![];
            for a in &args {
                its.push(vm.iter(a)?);
            }
            Ok(Value::Iter(Rc::new(RefCell::new(Iter::Zip(its)))))
        }
        Builtin::Map => {
            if args.len() < 2 {
                return vm.fail("TypeError", "map() must have at least two arguments.");
            }
            let f = args[0].clone();
            let mut its = vec![];
            for a in &args[1..] {
                its.push(vm.iter(a)?);
            }
            let mut out = vec![];
            'rows: loop {
                let mut row = vec![];
                for i in &its {
                    match vm.next(i)? {
                        Some(v) => row.push(v),
                        None => break 'rows,
                    }
                }
                out.push(vm.call_value(&f, row)?);
            }
            Ok(Value::Iter(Rc::new(RefCell::new(Iter::Items(out.into(), 0)))))
        }
        Builtin::Filter => {
            arity(vm, "filter", &args, 2, 2)?;
            let mut out = vec![];
            for v in vm.collect(&args[1])? {
                let keep = match &args[0] {
                    Value::None => vm.truthy(&v)?,
                    f => {
                        let r = vm.call_value(f, vec![v.clone()])?;
                        vm.truthy(&r)?
                    }
                };
                if keep {
                    out.push(v);
                }
            }
            Ok(Value::Iter(Rc::new(RefCell::new(Iter::Items(out.into(), 0)))))
        }
        Builtin::Any | Builtin::All => {
            arity(vm, name_of(b), &args, 1, 1)?;
            let want = b == Builtin::Any;
            let it = vm.iter(&args[0])?;
            while let Some(v) = vm.next(&it)? {
                if vm.truthy(&v)? == want {
                    return Ok(Value::Bool(want));
                }
            }
            Ok(Value::Bool(!want))
        }
        Builtin::Isinstance => {
            arity(vm, "isinstance", &args, 2, 2)?;
            Ok(Value::Bool(isinstance(vm, &args[0], &args[1])?))
        }
        Builtin::Issubclass => {
            arity(vm, "issubclass", &args, 2, 2)?;
            Ok(Value::Bool(match (&args[0], &args[1]) {
                (Value::Class(a), Value::Class(b)) => a.is_subclass(b),
                (Value::Builtin(a), Value::Builtin(b)) => {
                    a == b || (*a == Builtin::Bool && *b == Builtin::Int) || *b == Builtin::Object
                }
                (_, Value::Builtin(Builtin::Object)) => true,
                _ => false,
            }))
        }
        Builtin::Hasattr | Builtin::Getattr => {
            let max = if b == Builtin::Getattr { 3 } else { 2 };
            arity(vm, name_of(b), &args, 2, max)?;
            let Value::Str(attr) = &args[1] else {
                return vm.fail("TypeError", "attribute name must be string");
            };
            match vm.get_attr(&args[0], attr) {
                Ok(v) => Ok(if b == Builtin::Hasattr { Value::Bool(true) } else { v }),
                Err(Exc::Raise(e)) if vm.is_exc(&e, "AttributeError") => {
                    if b == Builtin::Hasattr {
                        Ok(Value::Bool(false))
                    } else if let Some(d) = args.get(2) {
                        Ok(d.clone())
                    } else {
                        raise(e)
                    }
                }
                Err(e) => Err(e),
            }
        }
        Builtin::Setattr => {
            arity(vm, "setattr", &args, 3, 3)?;
            let Value::Str(attr) = &args[1] else {
                return vm.fail("TypeError", "attribute name must be string");
            };
            vm.set_attr(&args[0], attr.clone(), args[2].clone())?;
            Ok(Value::None)
        }
        Builtin::Iter => {
            arity(vm, "iter", &args, 1, 1)?;
            vm.iter(&args[0])
        }
        Builtin::Next => {
            arity(vm, "next", &args, 1, 2)?;
            if let (Value::Gen(g), None) = (&args[0], args.get(1)) {
                return gen_method(vm, g, "__next__", Resume::Send(Value::None));
            }
            match vm.next(&args[0])? {
                Some(v) => Ok(v),
                None => match args.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => vm.fail("StopIteration", ""),
                },
            }
        }
        Builtin::Callable => {
            arity(vm, "callable", &args, 1, 1)?;
            Ok(Value::Bool(matches!(
                args[0],
                Value::Function(_)
                    | Value::Builtin(_)
                    | Value::Method(_)
                    | Value::BuiltinMethod(_)
                    | Value::Class(_)
            )))
        }
        Builtin::Divmod => {
            arity(vm, "divmod", &args, 2, 2)?;
            let q = vm.binary(super::ast::BinOp::FloorDiv, args[0].clone(), args[1].clone())?;
            let r = vm.binary(super::ast::BinOp::Mod, args[0].clone(), args[1].clone())?;
            Ok(Value::tuple(vec![q, r]))
        }
        Builtin::Pow => {
            arity(vm, "pow", &args, 2, 2)?;
            vm.binary(super::ast::BinOp::Pow, args[0].clone(), args[1].clone())
        }
        Builtin::Chr => {
            arity(vm, "chr", &args, 1, 1)?;
            match args[0].as_int().and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32) {
                Some(c) => Ok(Value::Str(c.to_string().into())),
                None => vm.fail("ValueError", "chr() arg not in range(0x110000)"),
            }
        }
        Builtin::Ord => {
            arity(vm, "ord", &args, 1, 1)?;
            match &args[0] {
                Value::Str(s) if s.chars().count() == 1 => {
                    Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64)))
                }
                Value::Str(s) => vm.fail(
                    "TypeError",
                    format!(
                        "ord() expected a character, but string of length {} found",
                        s.chars().count()
                    ),
                ),
                v => vm.fail(
                    "TypeError",
                    format!("ord() expected string of length 1, but {} found", v.type_name()),
                ),
            }
        }
        Builtin::Id => {
            arity(vm, "id", &args, 1, 1)?;
            Ok(Value::Int(args[0].identity() as i64))
        }
        Builtin::Hash => {
            arity(vm, "hash", &args, 1, 1)?;
            vm.check_hashable(&args[0])?;
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            Key(args[0].clone()).hash(&mut h);
            Ok(Value::Int(h.finish() as i64))
        }
        Builtin::Super => super::aio::zero_arg_super(vm, &args),
        Builtin::TypingAny => Ok(Value::Builtin(Builtin::TypingAny)),
        _ => super::aio::call(vm, b, args, kwargs),
    }
}

fn type_of(v: &Value) -> Value {
    Value::Builtin(match v {
        Value::Bool(_) => Builtin::Bool,
        Value::Int(_) => Builtin::Int,
        Value::Float(_) => Builtin::Float,
        Value::Str(_) => Builtin::Str,
        Value::List(_) => Builtin::List,
        Value::Tuple(_) => Builtin::Tuple,
        Value::Dict(_) => Builtin::Dict,
        Value::Set(_) => Builtin::Set,
        Value::Range(_) => Builtin::Range,
        Value::Instance(i) => return Value::Class(i.class.clone()),
        Value::Class(_) => Builtin::Type,
        Value::Builtin(b) if b.is_type() => Builtin::Type,
        // Other built-in types are shown by name only (`type(None).__name__`).
        other => {
            return Value::Class(Rc::new(Class {
                name: other.type_name(),
                module: "builtins".into(),
                bases: vec![],
                attrs: RefCell::new(Attrs::default()),
                builtin: true,
            }))
        }
    })
}

fn isinstance(vm: &Vm, v: &Value, typ: &Value) -> Res<bool> {
    Ok(match typ {
        Value::Tuple(items) => {
            for t in items.iter() {
                if isinstance(vm, v, t)? {
                    return Ok(true);
                }
            }
            false
        }
        Value::Class(c) => match v {
            Value::Instance(i) => i.class.is_subclass(c),
            _ => false,
        },
        Value::Builtin(Builtin::Object) => true,
        Value::Builtin(Builtin::Int) => matches!(v, Value::Int(_) | Value::Bool(_)),
        Value::Builtin(b) if b.is_type() => {
            matches!(type_of(v), Value::Builtin(t) if t == *b)
        }
        Value::Builtin(Builtin::TypingAny) => true,
        _ => {
            return vm.fail(
                "TypeError",
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            )
        }
    })
}

fn int(vm: &mut Vm, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Res<Value> {
    let base = args.get(1).or(kw(kwargs, "base")).and_then(Value::as_int);
    match (args.first(), base) {
        (None, _) => Ok(Value::Int(0)),
        (Some(Value::Str(s)), base) => {
            let t = s.trim().replace('_', "");
            let base = base.unwrap_or(10) as u32;
            let (neg, digits) = match t.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, t.strip_prefix('+').unwrap_or(&t)),
            };
            let digits = match base {
                16 => digits.trim_start_matches("0x").trim_start_matches("0X"),
                2 => digits.trim_start_matches("0b").trim_start_matches("0B"),
                8 => digits.trim_start_matches("0o").trim_start_matches("0O"),
                _ => digits,
            };
            match i64::from_str_radix(digits, base) {
                Ok(n) if !digits.is_empty() => Ok(Value::Int(if neg { -n } else { n })),
                _ => vm.fail(
                    "ValueError",
                    format!("invalid literal for int() with base {base}: {}", str_repr(s)),
                ),
            }
        }
        (Some(v), None) => match v.as_number() {
            Some(Number::Int(i)) => Ok(Value::Int(i)),
            Some(Number::Float(f)) => {
                if f.is_nan() {
                    vm.fail("ValueError", "cannot convert float NaN to integer")
                } else if f.is_infinite() {
                    vm.fail("OverflowError", "cannot convert float infinity to integer")
                } else {
                    Ok(Value::Int(f.trunc() as i64))
                }
            }
            None => vm.fail(
                "TypeError",
                format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", v.type_name()),
            ),
        },
        (Some(_), Some(_)) => vm.fail("TypeError", "int() can't convert non-string with explicit base"),
    }
}

fn round(vm: &mut Vm, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Res<Value> {
    arity(vm, "round", args, 1, 2)?;
    let digits = args.get(1).or(kw(kwargs, "ndigits")).filter(|v| !matches!(v, Value::None));
    match (args[0].as_number(), digits) {
        (Some(Number::Int(i)), _) if digits.is_none_or(|d| d.as_int().unwrap_or(0) >= 0) => {
            Ok(Value::Int(i))
        }
        (Some(Number::Float(f)), None) => {
            if !f.is_finite() {
                return vm.fail("OverflowError", "cannot convert float infinity to integer");
            }
            let r = f.round();
            // Python rounds halves to even.
            let r = if (f - f.trunc()).abs() == 0.5 { 2.0 * (f / 2.0).round() } else { r };
            Ok(Value::Int(r as i64))
        }
        (Some(n), Some(d)) => {
            let d = d.as_int().unwrap_or(0);
            let f = n.as_f64();
            if d >= 0 {
                let text = format!("{:.*}", d.min(300) as usize, f);
                Ok(Value::Float(text.parse().unwrap_or(f)))
            } else {
                let p = 10f64.powi((-d) as i32);
                let r = (f / p).round() * p;
                Ok(match n {
                    Number::Int(_) => Value::Int(r as i64),
                    Number::Float(_) => Value::Float(r),
                })
            }
        }
        _ => vm.fail(
            "TypeError",
            format!("type {} doesn't define __round__ method", args[0].type_name()),
        ),
    }
}

fn min_max(vm: &mut Vm, max: bool, args: Vec<Value>, kwargs: &[(Rc<str>, Value)]) -> Res<Value> {
    let what = if max { "max" } else { "min" };
    no_kwargs(vm, what, kwargs, &["key", "default"])?;
    let items = match args.len() {
        0 => return vm.fail("TypeError", format!("{what} expected at least 1 argument, got 0")),
        1 => vm.collect(&args[0])?,
        _ => args,
    };
    if items.is_empty() {
        return match kw(kwargs, "default") {
            Some(d) => Ok(d.clone()),
            None => vm.fail("ValueError", format!("{what}() arg is an empty sequence")),
        };
    }
    let key = kw(kwargs, "key").filter(|k| !matches!(k, Value::None)).cloned();
    let mut best = items[0].clone();
    let mut best_key = match &key {
        Some(k) => vm.call_value(k, vec![best.clone()])?,
        None => best.clone(),
    };
    for v in items.into_iter().skip(1) {
        let k = match &key {
            Some(f) => vm.call_value(f, vec![v.clone()])?,
            None => v.clone(),
        };
        let op = if max { super::ast::CmpOp::Gt } else { super::ast::CmpOp::Lt };
        if vm.compare(op, &k, &best_key)? {
            best = v;
            best_key = k;
        }
    }
    Ok(best)
}

/// Sorts a list in place, stably, by `key=` and `reverse=`.
fn sort(vm: &mut Vm, list: &Rc<RefCell<Vec<Value>>>, kwargs: &[(Rc<str>, Value)]) -> Res<()> {
    let items = list.borrow().clone();
    let key = kw(kwargs, "key").filter(|k| !matches!(k, Value::None)).cloned();
    let reverse = match kw(kwargs, "reverse") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut keyed = vec![];
    for v in items {
        let k = match &key {
            Some(f) => vm.call_value(f, vec![v.clone()])?,
            None => v.clone(),
        };
        keyed.push((k, v));
    }
    // A merge sort that can fail: comparisons may raise (`'<' not supported ...`).
    let mut error = None;
    keyed.sort_by(|a, b| {
        if error.is_some() {
            return std::cmp::Ordering::Equal;
        }
        match vm.order(&a.0, &b.0, super::ast::CmpOp::Lt) {
            Ok(o) => {
                let o = o.unwrap_or(std::cmp::Ordering::Equal);
                if reverse {
                    o.reverse()
                } else {
                    o
                }
            }
            Err(e) => {
                error = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    *list.borrow_mut() = keyed.into_iter().map(|(_, v)| v).collect();
    Ok(())
}

/// `str(exception)`
pub fn exception_str(vm: &mut Vm, i: &Rc<Instance>) -> Res<String> {
    let args = i.attrs.borrow().get("args").cloned().unwrap_or(Value::tuple(vec![]));
    let Value::Tuple(args) = args else { return vm.to_str(&args) };
    if i.class.is_subclass(&vm.exc_class("BaseExceptionGroup")) && args.len() == 2 {
        let msg = vm.to_str(&args[0])?;
        let n = match &args[1] {
            Value::Tuple(t) => t.len(),
            Value::List(l) => l.borrow().len(),
            _ => 0,
        };
        return Ok(format!("{msg} ({n} sub-exception{})", if n == 1 { "" } else { "s" }));
    }
    match args.len() {
        0 => Ok(String::new()),
        1 if i.class.is_subclass(&vm.exc_class("KeyError")) => vm.repr(&args[0]),
        1 => vm.to_str(&args[0]),
        _ => vm.repr(&Value::Tuple(args)),
    }
}

/// An exception's own attributes: `args`, and an exception group's `exceptions` and `message`.
pub fn exception_attr(vm: &Vm, i: &Instance, name: &str) -> Option<Value> {
    if name == "value" && i.class.is_subclass(&vm.exc_class("StopIteration")) {
        return match i.attrs.borrow().get("args") {
            Some(Value::Tuple(t)) => Some(t.first().cloned().unwrap_or(Value::None)),
            _ => Some(Value::None),
        };
    }
    if name != "exceptions" && name != "message" {
        return None;
    }
    let args = match i.attrs.borrow().get("args") {
        Some(Value::Tuple(t)) => t.clone(),
        _ => return None,
    };
    let group = i.class.is_subclass(&vm.exc_class("BaseExceptionGroup"));
    match name {
        "exceptions" if group => args.get(1).map(|v| match v {
            Value::List(l) => Value::tuple(l.borrow().clone()),
            other => other.clone(),
        }),
        "message" if group => args.first().cloned(),
        _ => None,
    }
}

/// `'%s took %.1f s' % (name, t)`
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> Res<String> {
    let values: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mut next = values.into_iter();
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < chars.len() && !chars[j].is_ascii_alphabetic() && chars[j] != '%' {
            j += 1;
        }
        let Some(&kind) = chars.get(j) else {
            return vm.fail("ValueError", "incomplete format");
        };
        if kind == '%' {
            out.push('%');
            i = j + 1;
            continue;
        }
        let spec_text: String = chars[start..j].iter().collect();
        let Some(v) = next.next() else {
            return vm.fail("TypeError", "not enough arguments for format string");
        };
        let text = match kind {
            's' => vm.to_str(&v)?,
            'r' | 'a' => vm.repr(&v)?,
            'd' | 'i' | 'f' | 'F' | 'e' | 'g' | 'x' | 'X' | 'o' => {
                let Some(n) = v.as_number() else {
                    return vm.fail(
                        "TypeError",
                        format!("%{kind} format: a real number is required, not {}", v.type_name()),
                    );
                };
                let n = if matches!(kind, 'd' | 'i' | 'x' | 'X' | 'o') {
                    Number::Int(n.as_f64().trunc() as i64)
                } else {
                    n
                };
                let k = if matches!(kind, 'd' | 'i') { 'd' } else { kind };
                let spec = Spec::parse(&format!("{spec_text}{k}")).unwrap_or_default();
                format_number(n, &spec).unwrap_or_default()
            }
            _ => return vm.fail("ValueError", format!("unsupported format character '{kind}'")),
        };
        // `%-5s`: the minus flag aligns left.
        let flags = match spec_text.strip_prefix('-') {
            Some(width) => format!("<{width}"),
            None => spec_text.clone(),
        };
        let text = match (kind, Spec::parse(&flags)) {
            ('s' | 'r' | 'a', Some(spec)) => spec.pad("", &text, true),
            _ => text,
        };
        out.push_str(&text);
        i = j + 1;
    }
    if next.next().is_some() {
        return vm.fail("TypeError", "not all arguments converted during string formatting");
    }
    Ok(out)
}

const STR_METHODS: [&str; 33] = [
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "format",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "title",
    "capitalize",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "splitlines",
    "partition",
    "swapcase",
    "casefold",
    "removeprefix",
];
const LIST_METHODS: [&str; 11] = [
    "append", "extend", "pop", "insert", "remove", "index", "count", "sort", "reverse", "copy",
    "clear",
];
const DICT_METHODS: [&str; 10] =
    ["get", "items", "keys", "values", "pop", "setdefault", "update", "copy", "clear", "popitem"];
const SET_METHODS: [&str; 12] = [
    "add",
    "remove",
    "discard",
    "pop",
    "update",
    "union",
    "intersection",
    "difference",
    "copy",
    "clear",
    "issubset",
    "issuperset",
];

/// Does a built-in value have this method?
pub fn has_method(v: &Value, name: &str) -> bool {
    match v {
        Value::Str(_) => STR_METHODS.contains(&name),
        Value::List(_) => LIST_METHODS.contains(&name),
        Value::Dict(_) => DICT_METHODS.contains(&name),
        Value::Set(_) => SET_METHODS.contains(&name),
        Value::Tuple(_) => matches!(name, "index" | "count"),
        Value::Future(_) | Value::Handle(_) | Value::Coro(_) => super::aio::has_method(v, name),
        Value::Gen(_) => matches!(name, "send" | "throw" | "close" | "__next__" | "__iter__"),
        Value::AsyncGen(_) => matches!(name, "__anext__" | "__aiter__" | "aclose"),
        Value::Instance(_) => matches!(name, "__init__" | "with_traceback" | "add_note"),
        _ => false,
    }
}

fn str_arg(vm: &Vm, v: Option<&Value>, what: &str) -> Res<Option<Rc<str>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(other) => vm.fail(
            "TypeError",
            format!("{what} arg must be None or str, not {}", other.type_name()),
        ),
    }
}

/// Calls a method of a built-in value.
pub fn call_method(
    vm: &mut Vm,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Res<Value> {
    match recv {
        Value::Str(s) => str_method(vm, s, name, args, kwargs),
        Value::List(l) => list_method(vm, l, name, args, kwargs),
        Value::Dict(d) => dict_method(vm, d, name, args),
        Value::Set(d) => set_method(vm, d, name, args),
        Value::Tuple(t) => {
            let items = t.to_vec();
            seq_method(vm, &items, name, &args, "tuple")
        }
        Value::Gen(g) => {
            let input = match name {
                "send" | "throw" => {
                    arity(vm, name, &args, 1, 1)?;
                    if name == "send" {
                        Resume::Send(args[0].clone())
                    } else {
                        Resume::Throw(vm.make_exception(args[0].clone())?)
                    }
                }
                _ => Resume::Send(Value::None),
            };
            gen_method(vm, g, name, input)
        }
        Value::AsyncGen(g) => match name {
            "__anext__" => Ok(Value::ANext(g.clone())),
            "aclose" => vm.aclose(g),
            _ => Ok(recv.clone()),
        },
        Value::Instance(i) => {
            if name == "__init__" && i.class.is_subclass(&vm.exc_class("BaseException")) {
                i.attrs.borrow_mut().insert("args".into(), Value::tuple(args));
            }
            Ok(match name {
                "with_traceback" => recv.clone(),
                _ => Value::None,
            })
        }
        _ => super::aio::call_method(vm, recv, name, args, kwargs),
    }
}

/// `generator.close()`
pub fn close_gen(vm: &mut Vm, g: &Rc<Coro>) -> Res<Value> {
    gen_method(vm, g, "close", Resume::Start)
}

/// `send`, `throw`, `__next__`, `close` and `__iter__` of a generator.
fn gen_method(vm: &mut Vm, g: &Rc<Coro>, name: &str, input: Resume) -> Res<Value> {
    match name {
        // GeneratorExit is thrown in at its yield, so its `finally` blocks run.
        "close" if g.state.get() == CoroState::Started => {
            let exit = vm.new_exception(vm.exc_class("GeneratorExit"), vec![]);
            match vm.resume_gen(g, Resume::Throw(exit)) {
                Ok(GenStep::Yielded(_)) => {
                    vm.fail("RuntimeError", "generator ignored GeneratorExit")
                }
                Ok(GenStep::Returned(_)) => Ok(Value::None),
                Err(Exc::Raise(e))
                    if vm.is_exc(&e, "GeneratorExit") || vm.is_exc(&e, "StopIteration") =>
                {
                    Ok(Value::None)
                }
                Err(e) => Err(e),
            }
        }
        "close" => {
            g.frame.borrow_mut().take();
            g.state.set(CoroState::Closed);
            Ok(Value::None)
        }
        "__iter__" => Ok(Value::Gen(g.clone())),
        _ => match vm.resume_gen(g, input)? {
            GenStep::Yielded(v) => Ok(v),
            GenStep::Returned(v) => {
                let args = if matches!(v, Value::None) { vec![] } else { vec![v] };
                raise(vm.new_exception(vm.exc_class("StopIteration"), args))
            }
        },
    }
}

fn seq_method(vm: &mut Vm, items: &[Value], name: &str, args: &[Value], what: &str) -> Res<Value> {
    let Some(x) = args.first() else {
        return vm.fail("TypeError", format!("{name}() takes at least 1 argument (0 given)"));
    };
    match name {
        "count" => {
            let mut n = 0;
            for i in items {
                if vm.eq(i, x)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        _ => {
            for (k, i) in items.iter().enumerate() {
                if vm.eq(i, x)? {
                    return Ok(Value::Int(k as i64));
                }
            }
            let shown = vm.repr(x)?;
            if what == "list" {
                vm.fail("ValueError", format!("{shown} is not in list"))
            } else {
                vm.fail("ValueError", "tuple.index(x): x not in tuple")
            }
        }
    }
}

fn list_method(
    vm: &mut Vm,
    l: &Rc<RefCell<Vec<Value>>>,
    name: &str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Res<Value> {
    match name {
        "append" => {
            arity(vm, "list.append", &args, 1, 1)?;
            vm.grow(l, args)?;
        }
        "extend" => {
            arity(vm, "list.extend", &args, 1, 1)?;
            let more = vm.collect(&args[0])?;
            vm.grow(l, more)?;
        }
        "insert" => {
            arity(vm, "list.insert", &args, 2, 2)?;
            let len = l.borrow().len() as i64;
            let i = args[0].as_int().unwrap_or(0);
            let at = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
            vm.grow(&Rc::new(RefCell::new(vec![])), vec![])?;
            l.borrow_mut().insert(at, args[1].clone());
        }
        "pop" => {
            let len = l.borrow().len();
            if len == 0 {
                return vm.fail("IndexError", "pop from empty list");
            }
            let i = args.first().and_then(Value::as_int).unwrap_or(-1);
            let k = if i < 0 { i + len as i64 } else { i };
            if k < 0 || k >= len as i64 {
                return vm.fail("IndexError", "pop index out of range");
            }
            return Ok(l.borrow_mut().remove(k as usize));
        }
        "remove" => {
            arity(vm, "list.remove", &args, 1, 1)?;
            let items = l.borrow().clone();
            for (k, i) in items.iter().enumerate() {
                if vm.eq(i, &args[0])? {
                    l.borrow_mut().remove(k);
                    return Ok(Value::None);
                }
            }
            return vm.fail("ValueError", "list.remove(x): x not in list");
        }
        "index" | "count" => {
            let items = l.borrow().clone();
            return seq_method(vm, &items, name, &args, "list");
        }
        "sort" => sort(vm, l, &kwargs)?,
        "reverse" => l.borrow_mut().reverse(),
        "copy" => return Ok(Value::list(l.borrow().clone())),
        "clear" => l.borrow_mut().clear(),
        _ => return no_method(vm, "list", name),
    }
    Ok(Value::None)
}

fn no_method<T>(vm: &Vm, typ: &str, name: &str) -> Res<T> {
    vm.fail("AttributeError", format!("'{typ}' object has no attribute '{name}'"))
}

fn dict_method(vm: &mut Vm, d: &Rc<RefCell<Dict>>, name: &str, args: Vec<Value>) -> Res<Value> {
    let key = |vm: &Vm, k: Option<&Value>| -> Res<Key> {
        let Some(k) = k else {
            return vm.fail("TypeError", format!("{name} expected at least 1 argument, got 0"));
        };
        vm.check_hashable(k)?;
        Ok(Key(k.clone()))
    };
    match name {
        "get" => {
            let k = key(vm, args.first())?;
            Ok(d.borrow()
                .get(&k)
                .cloned()
                .unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" => Ok(Value::DictView(Rc::new((ViewKind::Keys, d.clone())))),
        "values" => Ok(Value::DictView(Rc::new((ViewKind::Values, d.clone())))),
        "items" => Ok(Value::DictView(Rc::new((ViewKind::Items, d.clone())))),
        "pop" => {
            let k = key(vm, args.first())?;
            let removed = d.borrow_mut().shift_remove(&k);
            match (removed, args.get(1)) {
                (Some(v), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => raise(vm.new_exception(vm.exc_class("KeyError"), vec![k.0])),
            }
        }
        "popitem" => {
            let last = d.borrow_mut().pop();
            match last {
                Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
                None => vm.fail("KeyError", "popitem(): dictionary is empty"),
            }
        }
        "setdefault" => {
            let k = key(vm, args.first())?;
            let default = args.get(1).cloned().unwrap_or(Value::None);
            Ok(d.borrow_mut().entry(k).or_insert(default).clone())
        }
        "update" => {
            if let Some(src) = args.first() {
                let pairs: Vec<(Key, Value)> = match src {
                    Value::Dict(s) => {
                        s.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
                    }
                    other => {
                        let mut out = vec![];
                        for p in vm.collect(other)? {
                            let kv = vm.collect(&p)?;
                            if kv.len() == 2 {
                                vm.check_hashable(&kv[0])?;
                                out.push((Key(kv[0].clone()), kv[1].clone()));
                            }
                        }
                        out
                    }
                };
                d.borrow_mut().extend(pairs);
            }
            Ok(Value::None)
        }
        "copy" => Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone())))),
        "clear" => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => no_method(vm, "dict", name),
    }
}

fn set_method(vm: &mut Vm, d: &Rc<RefCell<Dict>>, name: &str, args: Vec<Value>) -> Res<Value> {
    let other = |vm: &mut Vm| -> Res<Dict> {
        let mut out = Dict::default();
        if let Some(v) = args.first() {
            for i in vm.collect(v)? {
                vm.check_hashable(&i)?;
                out.insert(Key(i), Value::None);
            }
        }
        Ok(out)
    };
    let new = |d: Dict| Ok(Value::Set(Rc::new(RefCell::new(d))));
    match name {
        "add" | "remove" | "discard" => {
            let Some(x) = args.first() else {
                return vm.fail(
                    "TypeError",
                    format!("set.{name}() takes exactly one argument (0 given)"),
                );
            };
            vm.check_hashable(x)?;
            let k = Key(x.clone());
            if name == "add" {
                d.borrow_mut().insert(k, Value::None);
            } else if d.borrow_mut().shift_remove(&k).is_none() && name == "remove" {
                return raise(vm.new_exception(vm.exc_class("KeyError"), vec![x.clone()]));
            }
            Ok(Value::None)
        }
        "pop" => match d.borrow_mut().shift_remove_index(0) {
            Some((k, _)) => Ok(k.0),
            None => vm.fail("KeyError", "pop from an empty set"),
        },
        "update" => {
            let o = other(vm)?;
            d.borrow_mut().extend(o);
            Ok(Value::None)
        }
        "union" => {
            let mut s = d.borrow().clone();
            s.extend(other(vm)?);
            new(s)
        }
        "intersection" => {
            let o = other(vm)?;
            new(d
                .borrow()
                .iter()
                .filter(|(k, _)| o.contains_key(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect())
        }
        "difference" => {
            let o = other(vm)?;
            new(d
                .borrow()
                .iter()
                .filter(|(k, _)| !o.contains_key(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect())
        }
        "issubset" => {
            let o = other(vm)?;
            Ok(Value::Bool(d.borrow().keys().all(|k| o.contains_key(k))))
        }
        "issuperset" => {
            let o = other(vm)?;
            Ok(Value::Bool(o.keys().all(|k| d.borrow().contains_key(k))))
        }
        "copy" => new(d.borrow().clone()),
        "clear" => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => no_method(vm, "set", name),
    }
}

fn str_method(
    vm: &mut Vm,
    s: &Rc<str>,
    name: &str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Res<Value> {
    let text = |t: String| Ok(Value::Str(t.into()));
    let arg_str = |vm: &Vm, k: usize| -> Res<Rc<str>> {
        match args.get(k) {
            Some(Value::Str(t)) => Ok(t.clone()),
            Some(v) => vm.fail("TypeError", format!("must be str, not {}", v.type_name())),
            None => vm.fail(
                "TypeError",
                format!("{name}() takes at least {} argument ({} given)", k + 1, args.len()),
            ),
        }
    };
    match name {
        "upper" => text(s.to_uppercase()),
        "lower" | "casefold" => text(s.to_lowercase()),
        "swapcase" => text(
            s.chars()
                .map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().collect::<String>()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect(),
        ),
        "strip" | "lstrip" | "rstrip" => {
            let chars = str_arg(vm, args.first(), name)?;
            let pat = |c: char| match &chars {
                Some(cs) => cs.contains(c),
                None => c.is_whitespace(),
            };
            text(match name {
                "strip" => s.trim_matches(pat).to_owned(),
                "lstrip" => s.trim_start_matches(pat).to_owned(),
                _ => s.trim_end_matches(pat).to_owned(),
            })
        }
        "split" | "rsplit" => {
            let sep = str_arg(vm, args.first().or(kw(&kwargs, "sep")), name)?;
            let max = args.get(1).or(kw(&kwargs, "maxsplit")).and_then(Value::as_int).unwrap_or(-1);
            let parts: Vec<String> = match (&sep, max) {
                (None, -1) => s.split_whitespace().map(str::to_owned).collect(),
                (None, m) => {
                    let mut out: Vec<String> = vec![];
                    let mut rest = s.trim_start();
                    while !rest.is_empty() {
                        if out.len() as i64 == m {
                            out.push(rest.to_owned());
                            break;
                        }
                        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                        out.push(rest[..end].to_owned());
                        rest = rest[end..].trim_start();
                    }
                    out
                }
                (Some(sep), _) if sep.is_empty() => {
                    return vm.fail("ValueError", "empty separator")
                }
                (Some(sep), -1) => s.split(&**sep).map(str::to_owned).collect(),
                (Some(sep), m) if name == "split" => {
                    s.splitn(m as usize + 1, &**sep).map(str::to_owned).collect()
                }
                (Some(sep), m) => {
                    let mut v: Vec<String> =
                        s.rsplitn(m as usize + 1, &**sep).map(str::to_owned).collect();
                    v.reverse();
                    v
                }
            };
            Ok(Value::list(parts.into_iter().map(|p| Value::Str(p.into())).collect()))
        }
        "splitlines" => Ok(Value::list(s.lines().map(Value::str).collect())),
        "join" => {
            let Some(it) = args.first() else {
                return vm.fail("TypeError", "join() takes exactly one argument (0 given)");
            };
            let mut parts = vec![];
            for (k, v) in vm.collect(it)?.into_iter().enumerate() {
                match v {
                    Value::Str(t) => parts.push(t.to_string()),
                    other => {
                        return vm.fail(
                            "TypeError",
                            format!(
                                "sequence item {k}: expected str instance, {} found",
                                other.type_name()
                            ),
                        )
                    }
                }
            }
            text(parts.join(s))
        }
        "replace" => {
            let (old, new) = (arg_str(vm, 0)?, arg_str(vm, 1)?);
            match args.get(2).and_then(Value::as_int) {
                Some(n) if n >= 0 => text(s.replacen(&*old, &new, n as usize)),
                _ => text(s.replace(&*old, &new)),
            }
        }
        "startswith" | "endswith" => {
            let options: Vec<Rc<str>> = match args.first() {
                Some(Value::Tuple(t)) => t
                    .iter()
                    .filter_map(|v| if let Value::Str(x) = v { Some(x.clone()) } else { None })
                    .collect(),
                _ => vec![arg_str(vm, 0)?],
            };
            Ok(Value::Bool(options.iter().any(|o| {
                if name == "startswith" {
                    s.starts_with(&**o)
                } else {
                    s.ends_with(&**o)
                }
            })))
        }
        "removeprefix" => {
            let p = arg_str(vm, 0)?;
            text(s.strip_prefix(&*p).unwrap_or(s).to_owned())
        }
        "find" | "rfind" | "index" => {
            let sub = arg_str(vm, 0)?;
            let found = if name == "rfind" { s.rfind(&*sub) } else { s.find(&*sub) };
            match found {
                Some(b) => Ok(Value::Int(s[..b].chars().count() as i64)),
                None if name == "index" => vm.fail("ValueError", "substring not found"),
                None => Ok(Value::Int(-1)),
            }
        }
        "count" => {
            let sub = arg_str(vm, 0)?;
            Ok(Value::Int(if sub.is_empty() {
                s.chars().count() as i64 + 1
            } else {
                s.matches(&*sub).count() as i64
            }))
        }
        "partition" => {
            let sep = arg_str(vm, 0)?;
            Ok(match s.split_once(&*sep) {
                Some((a, b)) => Value::tuple(vec![Value::str(a), Value::Str(sep), Value::str(b)]),
                None => Value::tuple(vec![Value::Str(s.clone()), Value::str(""), Value::str("")]),
            })
        }
        "center" | "ljust" | "rjust" => {
            let width = args.first().and_then(Value::as_int).unwrap_or(0).max(0) as usize;
            let fill = match args.get(1) {
                Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
                _ => ' ',
            };
            let align = match name {
                "center" => '^',
                "ljust" => '<',
                _ => '>',
            };
            let len = s.chars().count();
            if len >= width {
                return text(s.to_string());
            }
            let gap = width - len;
            let pad = |n: usize| fill.to_string().repeat(n);
            text(match align {
                '^' => {
                    // str.center puts the odd space on the left when the width is odd (CPython).
                    let left = gap / 2 + (gap & width & 1);
                    format!("{}{s}{}", pad(left), pad(gap - left))
                }
                '<' => format!("{s}{}", pad(gap)),
                _ => format!("{}{s}", pad(gap)),
            })
        }
        "zfill" => {
            let width = args.first().and_then(Value::as_int).unwrap_or(0).max(0) as usize;
            let len = s.chars().count();
            if len >= width {
                return text(s.to_string());
            }
            let (sign, digits) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            text(format!("{sign}{}{digits}", "0".repeat(width - len)))
        }
        "title" | "capitalize" => {
            let mut out = String::new();
            let mut start = true;
            for (k, c) in s.chars().enumerate() {
                if (name == "title" && start) || (name == "capitalize" && k == 0) {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = !c.is_alphabetic();
            }
            text(out)
        }
        "isdigit" => Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))),
        "isalpha" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic))),
        "isalnum" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric))),
        "isspace" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace))),
        "isupper" => {
            Ok(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)))
        }
        "islower" => {
            Ok(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)))
        }
        "format" => str_format(vm, s, &args, &kwargs),
        _ => no_method(vm, "str", name),
    }
}

/// `'{} took {:.1f}s'.format(name, t)`
fn str_format(vm: &mut Vm, s: &str, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Res<Value> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut auto = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push('}');
            i += 2;
            continue;
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(end) = chars[i..].iter().position(|&c| c == '}').map(|k| k + i) else {
            return vm.fail("ValueError", "Single '{' encountered in format string");
        };
        let field: String = chars[i + 1..end].iter().collect();
        let (head, spec) = field.split_once(':').unwrap_or((&field, ""));
        let (name, conv) = match head.split_once('!') {
            Some((n, c)) => (n, c.chars().next()),
            None => (head, None),
        };
        let value = if name.is_empty() {
            let v = args.get(auto).cloned();
            auto += 1;
            v
        } else if let Ok(k) = name.parse::<usize>() {
            args.get(k).cloned()
        } else {
            kw(kwargs, name).cloned()
        };
        let Some(value) = value else {
            return if name.is_empty() || name.parse::<usize>().is_ok() {
                vm.fail(
                    "IndexError",
                    format!(
                        "Replacement index {} out of range for positional args tuple",
                        if name.is_empty() { auto - 1 } else { name.parse().unwrap_or(0) }
                    ),
                )
            } else {
                raise(vm.new_exception(vm.exc_class("KeyError"), vec![Value::str(name)]))
            };
        };
        let value = match conv {
            Some('r') => Value::Str(vm.repr(&value)?.into()),
            Some('s') => Value::Str(vm.to_str(&value)?.into()),
            _ => value,
        };
        out.push_str(&vm.format(&value, spec)?);
        i = end + 1;
    }
    Ok(Value::Str(out.into()))
}
