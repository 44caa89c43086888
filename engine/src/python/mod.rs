//! A subset of Python 3.11, read and run as CPython runs it: the language of the programs a
//! learner pastes into the event-loop visualiser. `parse` reads a module into a syntax tree.

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;

pub use error::{Construct, Pos, Problem, SyntaxError};
pub use parser::parse_module;
