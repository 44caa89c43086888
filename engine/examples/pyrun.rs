//! Runs a Python file with the visualiser's interpreter and prints what it printed, then how
//! it ended: a quick way to compare it with CPython by hand.

use engine::python::run_source;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pyrun FILE.py");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).unwrap_or_default();
    match run_source(&source) {
        Err(e) => println!("SyntaxError at {}:{}: {}", e.pos.line, e.pos.col, e.problem),
        Ok(run) => {
            for line in &run.output {
                println!("{line}");
            }
            if let Some(f) = run.failure {
                println!("-- {f:?}");
            }
            eprintln!("{} events, {} tasks, {} ms", run.events.len(), run.tasks.len(), run.end);
        }
    }
}
