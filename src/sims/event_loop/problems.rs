//! Why a program does not read or does not finish, in the learner's language: Python's own
//! words first (as CPython prints them), then what they mean and what to do.

use crate::i18n::{Lang, Tr};
use engine::python::{Construct, Failure, Halt, Problem, SyntaxError};

fn construct(lang: Lang, c: Construct) -> &'static str {
    match c {
        Construct::Complex => Tr("комплексные числа", "complex numbers").get(lang),
        Construct::Bytes => Tr("байтовые строки (b'…')", "bytes (b'…')").get(lang),
        Construct::ExceptStar => "except*",
        Construct::Module => Tr(
            "этот модуль: здесь есть asyncio, time, typing, functools и util из книги (delay, async_timed), а сеть изображает fetch(url, секунды)",
            "this module: asyncio, time, typing, functools and the book's util (delay, async_timed) are here, and fetch(url, seconds) stands for the network",
        )
        .get(lang),
        Construct::With => Tr("with без async", "with without async").get(lang),
    }
}

/// What a mistake means, in a few words.
fn meaning(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::NeverClosed(c) => match lang {
            Lang::Ru => format!("скобка «{c}» открыта здесь и нигде не закрыта"),
            Lang::En => format!("the bracket '{c}' opens here and never closes"),
        },
        Problem::Unmatched(c) => match lang {
            Lang::Ru => format!("закрывающая «{c}», а открытой скобки нет"),
            Lang::En => format!("a closing '{c}' with no bracket open"),
        },
        Problem::Mismatched { open, close, .. } => match lang {
            Lang::Ru => {
                format!("«{close}» не может закрыть «{open}»: скобки разного вида")
            }
            Lang::En => {
                format!("'{close}' cannot close '{open}': they are of different kinds")
            }
        },
        Problem::Unterminated { .. } => {
            Tr("у строки нет закрывающей кавычки", "the string has no closing quote")
                .get(lang)
                .into()
        }
        Problem::UnterminatedTriple { .. } => {
            Tr("тройные кавычки нигде не закрыты", "the triple quotes never close").get(lang).into()
        }
        Problem::Unindent => Tr(
            "этот отступ не совпадает ни с одним внешним блоком",
            "this indentation matches no block around it",
        )
        .get(lang)
        .into(),
        Problem::UnexpectedIndent => {
            Tr("лишний отступ: здесь не начинается блок", "an indent where no block begins")
                .get(lang)
                .into()
        }
        Problem::ExpectedBlock { line, .. } => match lang {
            Lang::Ru => {
                format!("после строки {line} нужны строки с отступом — тело блока")
            }
            Lang::En => {
                format!("line {line} needs indented lines after it: the block's body")
            }
        },
        Problem::Expected(what) => match lang {
            Lang::Ru => format!("здесь нужно {what}"),
            Lang::En => format!("{what} is needed here"),
        },
        Problem::Invalid => Tr(
            "в этом месте Python не может прочитать запись",
            "Python cannot read what is written here",
        )
        .get(lang)
        .into(),
        Problem::BadCharacter(c) => match lang {
            Lang::Ru => format!("символ «{c}» не бывает в коде на Python"),
            Lang::En => format!("'{c}' is not a character Python code uses"),
        },
        Problem::BadNumber => {
            Tr("число записано неправильно", "the number is written wrongly").get(lang).into()
        }
        Problem::LeadingZeros => {
            Tr("целое число не может начинаться с нуля", "a whole number cannot start with a zero")
                .get(lang)
                .into()
        }
        Problem::IntTooBig => Tr(
            "визуализатор считает целые числа до 9,2·10¹⁸",
            "the visualiser computes whole numbers up to 9.2·10¹⁸",
        )
        .get(lang)
        .into(),
        Problem::BadEscape => Tr(
            "неправильная последовательность с \\ в строке",
            "a \\ escape in the string cannot be read",
        )
        .get(lang)
        .into(),
        Problem::StrayBackslash => Tr(
            "после \\ в конце строки ничего не должно быть",
            "nothing may follow a \\ that continues a line",
        )
        .get(lang)
        .into(),
        Problem::EmptyFExpression => Tr(
            "в фигурных скобках f-строки нет выражения",
            "the f-string's braces hold no expression",
        )
        .get(lang)
        .into(),
        Problem::SingleBrace => Tr(
            "одиночная «}» в f-строке пишется как «}}»",
            "a single '}' in an f-string is written '}}'",
        )
        .get(lang)
        .into(),
        Problem::AwaitOutsideAsync => Tr(
            "await можно писать только внутри async def",
            "await belongs inside an async def only",
        )
        .get(lang)
        .into(),
        Problem::ReturnOutsideFunction => {
            Tr("return бывает только внутри функции", "return belongs inside a function only")
                .get(lang)
                .into()
        }
        Problem::BreakOutsideLoop | Problem::ContinueOutsideLoop => Tr(
            "break и continue бывают только внутри цикла",
            "break and continue belong inside a loop only",
        )
        .get(lang)
        .into(),
        Problem::AsyncWithOutsideAsync => Tr(
            "async with можно писать только внутри async def",
            "async with belongs inside an async def only",
        )
        .get(lang)
        .into(),
        Problem::CannotAssign(_) => Tr(
            "слева от = должно быть имя, атрибут или элемент; для сравнения пишут ==",
            "the left of = must be a name, an attribute or an item; a comparison is ==",
        )
        .get(lang)
        .into(),
        Problem::CannotDelete(_) => Tr(
            "del удаляет имя, атрибут или элемент, а не значение выражения",
            "del removes a name, an attribute or an item, not an expression's value",
        )
        .get(lang)
        .into(),
        Problem::CannotNamedAssign(_) => {
            Tr(":= присваивает только простому имени", ":= assigns to a plain name only")
                .get(lang)
                .into()
        }
        Problem::YieldOutsideFunction => Tr(
            "yield бывает только внутри функции: он делает её генератором",
            "yield belongs inside a function only: it makes it a generator",
        )
        .get(lang)
        .into(),
        Problem::AsyncForOutsideAsync => Tr(
            "async for можно писать только внутри async def",
            "async for belongs inside an async def only",
        )
        .get(lang)
        .into(),
        Problem::ReturnInAsyncGenerator => Tr(
            "асинхронный генератор (async def с yield) не возвращает значение: пишут просто return",
            "an async generator (an async def with yield) returns no value: write a bare return",
        )
        .get(lang)
        .into(),
        Problem::YieldFromInAsync => Tr(
            "в async def нет yield from: перебирают через async for и отдают каждое значение yield",
            "an async def has no yield from: loop with async for and yield each value",
        )
        .get(lang)
        .into(),
        Problem::DefaultOrder => Tr(
            "параметры без значения по умолчанию идут раньше параметров со значением",
            "parameters without a default come before those with one",
        )
        .get(lang)
        .into(),
        Problem::PositionalAfterKeyword => Tr(
            "аргументы без имени идут раньше аргументов вида имя=значение",
            "unnamed arguments come before name=value ones",
        )
        .get(lang)
        .into(),
        Problem::GlobalAfterUse(_) => Tr(
            "global пишут в начале функции, до первого использования имени",
            "global goes at the top of a function, before the name is used",
        )
        .get(lang)
        .into(),
        Problem::NoNonlocal(n) => match lang {
            Lang::Ru => format!("во внешней функции нет переменной {n}"),
            Lang::En => format!("no function around this one has a variable {n}"),
        },
        Problem::TooDeep => Tr(
            "слишком глубокая вложенность скобок или блоков",
            "brackets or blocks are nested too deep",
        )
        .get(lang)
        .into(),
        Problem::TooLong(n) => match lang {
            Lang::Ru => format!("визуализатор читает программы до {n} символов"),
            Lang::En => format!("the visualiser reads programs of up to {n} characters"),
        },
        Problem::Unsupported(c) => match lang {
            Lang::Ru => {
                format!(
                    "это Python, но визуализатор его пока не выполняет: {}",
                    construct(lang, *c)
                )
            }
            Lang::En => {
                format!("this is Python the visualiser does not run yet: {}", construct(lang, *c))
            }
        },
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
    match name {
        "ValueError" => Tr(
            "значение подходящего типа, но неподходящее по смыслу",
            "a value of the right type but the wrong content",
        )
        .get(lang),
        "TypeError" => Tr(
            "операция или вызов с значением не того типа или не с тем числом аргументов",
            "an operation or a call with a value of the wrong type, or the wrong arguments",
        )
        .get(lang),
        "NameError" => Tr(
            "такого имени нет: опечатка или переменная ещё не создана",
            "there is no such name: a typo, or a variable not made yet",
        )
        .get(lang),
        "UnboundLocalError" => Tr(
            "функция присваивает этой переменной, значит она локальная, но значения у неё ещё нет; для внешней переменной пишут global",
            "the function assigns to this variable, so it is local, and it has no value yet; an outer one needs global",
        )
        .get(lang),
        "KeyError" => Tr(
            "в словаре нет такого ключа; dict.get(ключ) вернёт None",
            "the dict has no such key; dict.get(key) returns None instead",
        )
        .get(lang),
        "IndexError" => Tr(
            "номер за пределами списка: счёт идёт с нуля",
            "the index is beyond the list: counting starts at zero",
        )
        .get(lang),
        "ZeroDivisionError" => Tr("деление на ноль", "a division by zero").get(lang),
        "AttributeError" => Tr(
            "у этого объекта нет такого атрибута или метода",
            "this object has no such attribute or method",
        )
        .get(lang),
        "RecursionError" => Tr(
            "функция вызывает себя без конца: больше 1000 вложенных вызовов",
            "a function calls itself without end: over 1000 calls deep",
        )
        .get(lang),
        "AssertionError" => Tr(
            "условие assert оказалось ложным",
            "an assert's condition was false",
        )
        .get(lang),
        "TimeoutError" => Tr(
            "время ожидания вышло: wait_for или timeout отменили задачу и подняли TimeoutError",
            "time ran out: wait_for or timeout cancelled the work and raised TimeoutError",
        )
        .get(lang),
        "asyncio.exceptions.CancelledError" => Tr(
            "задачу отменили (cancel), и отмена дошла до asyncio.run",
            "the task was cancelled, and the cancellation reached asyncio.run",
        )
        .get(lang),
        "ExceptionGroup" | "BaseExceptionGroup" => Tr(
            "задачи TaskGroup упали; их исключения собраны в группу",
            "tasks of a TaskGroup failed; their exceptions come as a group",
        )
        .get(lang),
        "RuntimeError" => Tr(
            "asyncio не может так поступить в этом состоянии",
            "asyncio cannot do this in this state",
        )
        .get(lang),
        "OverflowError" => Tr(
            "число вышло за пределы, которые считает визуализатор",
            "the number is beyond what the visualiser computes",
        )
        .get(lang),
        "asyncio.exceptions.InvalidStateError" => Tr(
            "у future ещё нет результата (или он уже есть)",
            "the future has no result yet (or has one already)",
        )
        .get(lang),
        _ => Tr(
            "исключение никто не перехватил (try/except), и программа закончилась, как закончилась бы в CPython",
            "no try/except caught the exception, so the program ended, as it would in CPython",
        )
        .get(lang),
    }
}

/// Why the visualiser stopped a run.
fn halt_meaning(lang: Lang, halt: &Halt) -> String {
    match halt {
        Halt::Steps => Tr(
            "программа работает дольше, чем показывает визуализатор (5 000 000 инструкций или 400 000 шагов цикла событий) — похоже, цикл без конца; визуализатор её остановил",
            "the program runs longer than the visualiser shows (5,000,000 instructions or 400,000 steps of the loop), which looks like an endless loop, so the visualiser stopped it",
        )
        .get(lang).into(),
        Halt::TooLarge => Tr(
            "программа строит слишком большой список, строку или историю шагов для показа",
            "the program builds a list, a string or a history too large to show",
        )
        .get(lang).into(),
        Halt::TooManyTasks => Tr(
            "программа создаёт больше 20 000 задач или 40 000 сопрограмм — больше, чем показывает визуализатор",
            "the program creates more than 20,000 tasks or 40,000 coroutines, more than the visualiser shows",
        )
        .get(lang).into(),
        Halt::Deadlock => Tr(
            "main ждёт того, что никогда не случится: ни одна задача не готова и ни один таймер не взведён; CPython ждал бы вечно",
            "main waits for something that never happens: no task is ready and no timer is set, so CPython would wait forever",
        )
        .get(lang).into(),
        Halt::Unsupported(what) => match lang {
            Lang::Ru => format!("визуализатор пока не выполняет {what}"),
            Lang::En => format!("the visualiser does not run {what} yet"),
        },
    }
}

/// How a run that ended early is told: a headline, and the traceback as Python prints it.
pub fn failure_text(lang: Lang, f: &Failure) -> (String, Vec<String>) {
    let stopped = Tr("Программа остановилась", "The program stopped").get(lang);
    let line = Tr("строка", "line").get(lang);
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

    #[test]
    fn every_kind_of_mistake_is_told_in_both_languages() {
        let programs = [
            "x = (1,\n",
            "x = 1)\n",
            "x = [1}\n",
            "s = 'abc\n",
            "  x = 1\n",
            "if True:\nx = 1\n",
            "x = 1 +\n",
            "x = 1$\n",
            "x = 012\n",
            "await f()\n",
            "return 1\n",
            "break\n",
            "f() = 1\n",
            "def f(a=1, b):\n    pass\n",
            "x = 1j\n",
            "import requests\n",
            "d = {}\nprint(d['x'])\n",
            "print(1 / 0)\n",
            "print(undefined)\n",
            "while True:\n    pass\n",
            "import asyncio\n\nasync def main():\n    await asyncio.Event().wait()\n\nasyncio.run(main())\n",
        ];
        for program in programs {
            for lang in Lang::ALL {
                let said = match engine::python::run_source(program) {
                    Err(e) => syntax_text(lang, &e),
                    Ok(run) => {
                        let failure = run.failure.unwrap_or_else(|| panic!("{program:?} fails"));
                        failure_text(lang, &failure).0
                    }
                };
                assert!(said.trim().len() > 10, "{program:?} in {lang:?}: {said:?}");
            }
        }
    }
}
