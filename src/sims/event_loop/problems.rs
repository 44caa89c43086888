//! Why a program does not read or does not finish, in the learner's language: Python's own
//! words first (as CPython prints them), then what they mean and what to do.

use crate::i18n::Lang;
use engine::python::{Construct, Failure, Halt, Problem, SyntaxError};

fn construct(lang: Lang, c: Construct) -> &'static str {
    let ru = lang == Lang::Ru;
    match c {
        Construct::Complex if ru => "комплексные числа",
        Construct::Complex => "complex numbers",
        Construct::Bytes if ru => "байтовые строки (b'…')",
        Construct::Bytes => "bytes (b'…')",
        Construct::Decorators if ru => "декораторы (@…)",
        Construct::Decorators => "decorators (@…)",
        Construct::Yield if ru => "генераторы (yield)",
        Construct::Yield => "generators (yield)",
        Construct::AsyncFor => "async for",
        Construct::Match if ru => "оператор match",
        Construct::Match => "match statements",
        Construct::ExceptStar => "except*",
        Construct::Module if ru => {
            "этот модуль: здесь есть asyncio, time и typing, а сеть изображает fetch(url, секунды)"
        }
        Construct::Module => {
            "this module: asyncio, time and typing are here, and fetch(url, seconds) stands for the network"
        }
        Construct::Walrus if ru => "оператор :=",
        Construct::Walrus => "the := operator",
        Construct::Del => "del",
        Construct::With if ru => "with без async",
        Construct::With => "with without async",
    }
}

/// What a mistake means, in a few words.
fn meaning(lang: Lang, p: &Problem) -> String {
    let ru = lang == Lang::Ru;
    match p {
        Problem::NeverClosed(c) if ru => format!("скобка «{c}» открыта здесь и нигде не закрыта"),
        Problem::NeverClosed(c) => format!("the bracket '{c}' opens here and never closes"),
        Problem::Unmatched(c) if ru => format!("закрывающая «{c}», а открытой скобки нет"),
        Problem::Unmatched(c) => format!("a closing '{c}' with no bracket open"),
        Problem::Mismatched { open, close, .. } if ru => {
            format!("«{close}» не может закрыть «{open}»: скобки разного вида")
        }
        Problem::Mismatched { open, close, .. } => {
            format!("'{close}' cannot close '{open}': they are of different kinds")
        }
        Problem::Unterminated { .. } if ru => "у строки нет закрывающей кавычки".into(),
        Problem::Unterminated { .. } => "the string has no closing quote".into(),
        Problem::UnterminatedTriple { .. } if ru => "тройные кавычки нигде не закрыты".into(),
        Problem::UnterminatedTriple { .. } => "the triple quotes never close".into(),
        Problem::Unindent if ru => "этот отступ не совпадает ни с одним внешним блоком".into(),
        Problem::Unindent => "this indentation matches no block around it".into(),
        Problem::UnexpectedIndent if ru => "лишний отступ: здесь не начинается блок".into(),
        Problem::UnexpectedIndent => "an indent where no block begins".into(),
        Problem::ExpectedBlock { line, .. } if ru => {
            format!("после строки {line} нужны строки с отступом — тело блока")
        }
        Problem::ExpectedBlock { line, .. } => {
            format!("line {line} needs indented lines after it: the block's body")
        }
        Problem::Expected(what) if ru => format!("здесь нужно {what}"),
        Problem::Expected(what) => format!("{what} is needed here"),
        Problem::Invalid if ru => "в этом месте Python не может прочитать запись".into(),
        Problem::Invalid => "Python cannot read what is written here".into(),
        Problem::BadCharacter(c) if ru => format!("символ «{c}» не бывает в коде на Python"),
        Problem::BadCharacter(c) => format!("'{c}' is not a character Python code uses"),
        Problem::BadNumber if ru => "число записано неправильно".into(),
        Problem::BadNumber => "the number is written wrongly".into(),
        Problem::LeadingZeros if ru => "целое число не может начинаться с нуля".into(),
        Problem::LeadingZeros => "a whole number cannot start with a zero".into(),
        Problem::IntTooBig if ru => "визуализатор считает целые числа до 9,2·10¹⁸".into(),
        Problem::IntTooBig => "the visualiser computes whole numbers up to 9.2·10¹⁸".into(),
        Problem::BadEscape if ru => "неправильная последовательность с \\ в строке".into(),
        Problem::BadEscape => "a \\ escape in the string cannot be read".into(),
        Problem::StrayBackslash if ru => "после \\ в конце строки ничего не должно быть".into(),
        Problem::StrayBackslash => "nothing may follow a \\ that continues a line".into(),
        Problem::EmptyFExpression if ru => "в фигурных скобках f-строки нет выражения".into(),
        Problem::EmptyFExpression => "the f-string's braces hold no expression".into(),
        Problem::SingleBrace if ru => "одиночная «}» в f-строке пишется как «}}»".into(),
        Problem::SingleBrace => "a single '}' in an f-string is written '}}'".into(),
        Problem::AwaitOutsideAsync if ru => "await можно писать только внутри async def".into(),
        Problem::AwaitOutsideAsync => "await belongs inside an async def only".into(),
        Problem::ReturnOutsideFunction if ru => "return бывает только внутри функции".into(),
        Problem::ReturnOutsideFunction => "return belongs inside a function only".into(),
        Problem::BreakOutsideLoop | Problem::ContinueOutsideLoop if ru => {
            "break и continue бывают только внутри цикла".into()
        }
        Problem::BreakOutsideLoop | Problem::ContinueOutsideLoop => {
            "break and continue belong inside a loop only".into()
        }
        Problem::AsyncWithOutsideAsync if ru => {
            "async with можно писать только внутри async def".into()
        }
        Problem::AsyncWithOutsideAsync => "async with belongs inside an async def only".into(),
        Problem::CannotAssign(_) if ru => {
            "слева от = должно быть имя, атрибут или элемент; для сравнения пишут ==".into()
        }
        Problem::CannotAssign(_) => {
            "the left of = must be a name, an attribute or an item; a comparison is ==".into()
        }
        Problem::DefaultOrder if ru => {
            "параметры без значения по умолчанию идут раньше параметров со значением".into()
        }
        Problem::DefaultOrder => "parameters without a default come before those with one".into(),
        Problem::PositionalAfterKeyword if ru => {
            "аргументы без имени идут раньше аргументов вида имя=значение".into()
        }
        Problem::PositionalAfterKeyword => "unnamed arguments come before name=value ones".into(),
        Problem::GlobalAfterUse(_) if ru => {
            "global пишут в начале функции, до первого использования имени".into()
        }
        Problem::GlobalAfterUse(_) => {
            "global goes at the top of a function, before the name is used".into()
        }
        Problem::NoNonlocal(n) if ru => format!("во внешней функции нет переменной {n}"),
        Problem::NoNonlocal(n) => format!("no function around this one has a variable {n}"),
        Problem::TooDeep if ru => "слишком глубокая вложенность скобок или блоков".into(),
        Problem::TooDeep => "brackets or blocks are nested too deep".into(),
        Problem::TooLong(n) if ru => format!("визуализатор читает программы до {n} символов"),
        Problem::TooLong(n) => format!("the visualiser reads programs of up to {n} characters"),
        Problem::Unsupported(c) if ru => {
            format!("это Python, но визуализатор его пока не выполняет: {}", construct(lang, *c))
        }
        Problem::Unsupported(c) => {
            format!("this is Python the visualiser does not run yet: {}", construct(lang, *c))
        }
    }
}

/// `Line 3, column 16: invalid syntax — Python cannot read what is written here.`
pub fn syntax_text(lang: Lang, e: &SyntaxError) -> String {
    let (line, col) = (e.pos.line, e.pos.col);
    let python = e.problem.to_string();
    let why = meaning(lang, &e.problem);
    match lang {
        Lang::Ru => format!("Строка {line}, столбец {col}: {python} — {why}."),
        Lang::En => format!("Line {line}, column {col}: {python} — {why}."),
    }
}

/// What an exception's class means, by its name as the traceback's last line gives it.
fn exception_meaning(lang: Lang, last: &str) -> &'static str {
    let name = last.split(':').next().unwrap_or(last).trim();
    let ru = lang == Lang::Ru;
    match name {
        "ValueError" if ru => "значение подходящего типа, но неподходящее по смыслу",
        "ValueError" => "a value of the right type but the wrong content",
        "TypeError" if ru => "операция или вызов с значением не того типа или не с тем числом аргументов",
        "TypeError" => "an operation or a call with a value of the wrong type, or the wrong arguments",
        "NameError" if ru => "такого имени нет: опечатка или переменная ещё не создана",
        "NameError" => "there is no such name: a typo, or a variable not made yet",
        "UnboundLocalError" if ru => {
            "функция присваивает этой переменной, значит она локальная, но значения у неё ещё нет; для внешней переменной пишут global"
        }
        "UnboundLocalError" => {
            "the function assigns to this variable, so it is local, and it has no value yet; an outer one needs global"
        }
        "KeyError" if ru => "в словаре нет такого ключа; dict.get(ключ) вернёт None",
        "KeyError" => "the dict has no such key; dict.get(key) returns None instead",
        "IndexError" if ru => "номер за пределами списка: счёт идёт с нуля",
        "IndexError" => "the index is beyond the list: counting starts at zero",
        "ZeroDivisionError" if ru => "деление на ноль",
        "ZeroDivisionError" => "a division by zero",
        "AttributeError" if ru => "у этого объекта нет такого атрибута или метода",
        "AttributeError" => "this object has no such attribute or method",
        "RecursionError" if ru => "функция вызывает себя без конца: больше 1000 вложенных вызовов",
        "RecursionError" => "a function calls itself without end: over 1000 calls deep",
        "AssertionError" if ru => "условие assert оказалось ложным",
        "AssertionError" => "an assert's condition was false",
        "TimeoutError" if ru => {
            "время ожидания вышло: wait_for или timeout отменили задачу и подняли TimeoutError"
        }
        "TimeoutError" => "time ran out: wait_for or timeout cancelled the work and raised TimeoutError",
        "asyncio.exceptions.CancelledError" if ru => {
            "задачу отменили (cancel), и отмена дошла до asyncio.run"
        }
        "asyncio.exceptions.CancelledError" => "the task was cancelled, and the cancellation reached asyncio.run",
        "ExceptionGroup" | "BaseExceptionGroup" if ru => {
            "задачи TaskGroup упали; их исключения собраны в группу"
        }
        "ExceptionGroup" | "BaseExceptionGroup" => "tasks of a TaskGroup failed; their exceptions come as a group",
        "RuntimeError" if ru => "asyncio не может так поступить в этом состоянии",
        "RuntimeError" => "asyncio cannot do this in this state",
        "OverflowError" if ru => "число вышло за пределы, которые считает визуализатор",
        "OverflowError" => "the number is beyond what the visualiser computes",
        "asyncio.exceptions.InvalidStateError" if ru => "у future ещё нет результата (или он уже есть)",
        "asyncio.exceptions.InvalidStateError" => "the future has no result yet (or has one already)",
        _ if ru => "исключение никто не перехватил (try/except), и программа закончилась, как закончилась бы в CPython",
        _ => "no try/except caught the exception, so the program ended, as it would in CPython",
    }
}

/// Why the visualiser stopped a run.
fn halt_meaning(lang: Lang, halt: &Halt) -> String {
    let ru = lang == Lang::Ru;
    match halt {
        Halt::Steps if ru => {
            "программа работает дольше, чем показывает визуализатор (5 000 000 инструкций или 400 000 шагов цикла событий) — похоже, цикл без конца; визуализатор её остановил".into()
        }
        Halt::Steps => {
            "the program runs longer than the visualiser shows (5,000,000 instructions or 400,000 steps of the loop), which looks like an endless loop, so the visualiser stopped it".into()
        }
        Halt::TooLarge if ru => "программа строит слишком большой список, строку или историю шагов для показа".into(),
        Halt::TooLarge => "the program builds a list, a string or a history too large to show".into(),
        Halt::TooManyTasks if ru => {
            "программа создаёт больше 20 000 задач или 40 000 сопрограмм — больше, чем показывает визуализатор".into()
        }
        Halt::TooManyTasks => {
            "the program creates more than 20,000 tasks or 40,000 coroutines, more than the visualiser shows".into()
        }
        Halt::Deadlock if ru => {
            "main ждёт того, что никогда не случится: ни одна задача не готова и ни один таймер не взведён; CPython ждал бы вечно".into()
        }
        Halt::Deadlock => {
            "main waits for something that never happens: no task is ready and no timer is set, so CPython would wait forever".into()
        }
        Halt::Unsupported(what) if ru => format!("визуализатор пока не выполняет {what}"),
        Halt::Unsupported(what) => format!("the visualiser does not run {what} yet"),
    }
}

/// How a run that ended early is told: a headline, and the traceback as Python prints it.
pub fn failure_text(lang: Lang, f: &Failure) -> (String, Vec<String>) {
    let stopped = match lang {
        Lang::Ru => "Программа остановилась",
        Lang::En => "The program stopped",
    };
    let line = match lang {
        Lang::Ru => "строка",
        Lang::En => "line",
    };
    match f {
        Failure::Exception { line: at, traceback, last } => {
            let why = exception_meaning(lang, last);
            let place = if *at > 0 { format!(" ({line} {at})") } else { String::new() };
            (format!("{stopped}{place}: {last} — {why}."), traceback.clone())
        }
        Failure::Halted { line: at, halt } => {
            (format!("{stopped} ({line} {at}): {}.", halt_meaning(lang, halt)), vec![])
        }
        Failure::Syntax(e) => (syntax_text(lang, e), vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::python::parse_module;

    #[test]
    fn a_mistake_reads_with_its_place_pythons_words_and_a_meaning() {
        // The example: CPython says line 3, column 16.
        let e =
            parse_module("import asyncio\n\nasync def main(:\n    pass\n\nasyncio.run(main())\n")
                .unwrap_err();
        assert_eq!(
            syntax_text(Lang::En, &e),
            "Line 3, column 16: invalid syntax — Python cannot read what is written here."
        );
        assert!(syntax_text(Lang::Ru, &e).starts_with("Строка 3, столбец 16: invalid syntax — "));
        let e =
            parse_module("import requests\n").map(|b| engine::python::compile_module(&b, false));
        let Ok(Err(e)) = e else { panic!("an unknown module is refused") };
        assert!(
            syntax_text(Lang::Ru, &e).contains("fetch(url, секунды)"),
            "{}",
            syntax_text(Lang::Ru, &e)
        );
    }

    #[test]
    fn an_uncaught_exception_reads_with_its_traceback() {
        let run = engine::python::run_source("d = {}\nprint(d['x'])\n").unwrap();
        let (headline, traceback) = failure_text(Lang::En, run.failure.as_ref().unwrap());
        assert_eq!(
            headline,
            "The program stopped (line 2): KeyError: 'x' — the dict has no such key; dict.get(key) returns None instead."
        );
        assert_eq!(traceback.last().map(String::as_str), Some("KeyError: 'x'"));
    }
}
