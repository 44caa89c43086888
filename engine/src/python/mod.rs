//! A subset of Python 3.11, read and run as CPython runs it: the language of the programs a
//! learner pastes into the event-loop visualiser. [`parse_module`] reads a module into a
//! syntax tree, [`compile_module`] makes its code, and [`run_source`] runs a whole program
//! with the course's asyncio, recording every step for the view.

pub mod aio;
pub mod ast;
pub mod builtins;
pub mod code;
pub mod compile;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod run;
pub mod value;
pub mod vm;

#[cfg(test)]
mod tests;

pub use compile::compile_module;
pub use error::{Construct, Pos, Problem, SyntaxError};
pub use parser::parse_module;
pub use run::{prepare, prepared, run_source, Execution, Failure};
pub use vm::Halt;
