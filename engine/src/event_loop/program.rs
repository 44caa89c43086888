//! A program as the visualiser holds it: its text, read and checked once, so the view can
//! show a mistake before anything runs.

use crate::python::{compile_module, parse_module, SyntaxError};

/// The longest program accepted, in characters.
pub const MAX_PROGRAM_CHARS: usize = crate::python::parser::MAX_CHARS;

/// A program that reads and compiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// Its text.
    pub text: String,
}

/// Reads a program; a mistake comes back with CPython's line and column.
pub fn parse(text: &str) -> Result<Program, SyntaxError> {
    let body = parse_module(text)?;
    compile_module(&body, false)?;
    Ok(Program { text: text.to_owned() })
}
