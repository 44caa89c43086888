//! The "I/O-bound or CPU-bound?" exercise: short Python snippets whose lines the learner marks,
//! each with an explanation. The snippets are written in a small text format (one file per
//! language, kept with the lessons):
//!
//! ```text
//! ## Download a page and count its words {#download}
//! - | import urllib.request
//! io | page = urllib.request.urlopen(url).read()
//! > The program waits for the network: the CPU has nothing to do.
//! cpu | words = len(page.split())
//! > Splitting text is the CPU's work; no waiting.
//! ```
//!
//! `io |` and `cpu |` lines are asked; `- |` lines are context; `>` lines explain the line
//! above them. Anything after `## title {#id}` and before the first code line is the
//! snippet's introduction.

use thiserror::Error;

/// What bounds a line's speed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Waiting for input or output: the network, a disk, a timer.
    Io,
    /// Computing: the CPU is busy the whole time.
    Cpu,
}

/// The start of every answer id of the exercise (see [`Snippet::answer_id`]).
pub const ANSWER_PREFIX: &str = "ioc-";

/// One line of a snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The Python code, with its indentation.
    pub code: String,
    /// The right answer, for a line the learner marks; `None` for context.
    pub kind: Option<Kind>,
    /// Why the answer is right.
    pub why: String,
}

/// One snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// Its stable id, for progress and links.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it does, before the code.
    pub intro: String,
    /// Its lines.
    pub lines: Vec<Line>,
}

impl Snippet {
    /// The lines the learner marks, with their index among all lines.
    pub fn asked(&self) -> impl Iterator<Item = (usize, &Line)> {
        self.lines.iter().enumerate().filter(|(_, l)| l.kind.is_some())
    }

    /// The id an answer to line `index` is stored under.
    pub fn answer_id(&self, index: usize) -> String {
        format!("{ANSWER_PREFIX}{}-{}", self.id, index + 1)
    }
}

/// A mistake in an exercise file, with its line number (from 1).
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("line {line}: {problem}")]
pub struct FormatError {
    /// The line of the file.
    pub line: usize,
    /// What is wrong.
    pub problem: Problem,
}

/// What can be wrong in an exercise file.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum Problem {
    /// A line outside any snippet.
    #[error("text before the first `## title {{#id}}`")]
    OutsideSnippet,
    /// A title without `{#id}`, or with an id that is not letters, digits and dashes.
    #[error("a title needs an id of letters, digits and dashes: `## Title {{#some-id}}`")]
    BadId,
    /// Two snippets with one id.
    #[error("the id «{0}» is used twice")]
    DuplicateId(String),
    /// A code line whose mark is not `io`, `cpu` or `-`.
    #[error("«{0}» is not io, cpu or -")]
    BadKind(String),
    /// An explanation under a context line, or before any code.
    #[error("an explanation must follow an io or cpu line")]
    StrayExplanation,
    /// An asked line without an explanation.
    #[error("the line above has no explanation")]
    Unexplained,
    /// A snippet without a line to mark.
    #[error("the snippet «{0}» has no io or cpu line")]
    NothingAsked(String),
}

/// Reads an exercise file.
pub fn parse(text: &str) -> Result<Vec<Snippet>, FormatError> {
    let mut snippets: Vec<Snippet> = Vec::new();
    let fail = |line: usize, problem: Problem| Err(FormatError { line, problem });
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let trimmed = raw.trim();
        if let Some(title) = trimmed.strip_prefix("## ") {
            check_last(&snippets, line)?;
            let Some((title, id)) = title.strip_suffix('}').and_then(|t| t.rsplit_once("{#"))
            else {
                return fail(line, Problem::BadId);
            };
            let id = id.trim();
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return fail(line, Problem::BadId);
            }
            if snippets.iter().any(|s| s.id == id) {
                return fail(line, Problem::DuplicateId(id.to_owned()));
            }
            snippets.push(Snippet {
                id: id.to_owned(),
                title: title.trim().to_owned(),
                intro: String::new(),
                lines: Vec::new(),
            });
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with("# ") {
            continue;
        }
        let Some(snippet) = snippets.last_mut() else {
            return fail(line, Problem::OutsideSnippet);
        };
        if let Some(why) = trimmed.strip_prefix('>') {
            match snippet.lines.last_mut() {
                Some(last) if last.kind.is_some() => join(&mut last.why, why.trim()),
                _ => return fail(line, Problem::StrayExplanation),
            }
        } else if let Some((mark, code)) = raw.split_once('|') {
            let kind = match mark.trim() {
                "io" => Some(Kind::Io),
                "cpu" => Some(Kind::Cpu),
                "-" => None,
                other => return fail(line, Problem::BadKind(other.to_owned())),
            };
            if snippet.lines.last().is_some_and(|l| l.kind.is_some() && l.why.is_empty()) {
                return fail(line, Problem::Unexplained);
            }
            let code = code.strip_prefix(' ').unwrap_or(code).trim_end().to_owned();
            snippet.lines.push(Line { code, kind, why: String::new() });
        } else if snippet.lines.is_empty() {
            join(&mut snippet.intro, trimmed);
        } else {
            return fail(line, Problem::BadKind(trimmed.chars().take(12).collect()));
        }
    }
    check_last(&snippets, text.lines().count() + 1)?;
    Ok(snippets)
}

/// The snippet just finished must ask something and explain its last line.
fn check_last(snippets: &[Snippet], line: usize) -> Result<(), FormatError> {
    let Some(last) = snippets.last() else { return Ok(()) };
    if last.lines.last().is_some_and(|l| l.kind.is_some() && l.why.is_empty()) {
        return Err(FormatError { line, problem: Problem::Unexplained });
    }
    if last.asked().next().is_none() {
        return Err(FormatError { line, problem: Problem::NothingAsked(last.title.clone()) });
    }
    Ok(())
}

fn join(text: &mut String, more: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(more);
}

/// How many lines there are to mark in all `snippets`.
pub fn asked_count(snippets: &[Snippet]) -> usize {
    snippets.iter().map(|s| s.asked().count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# I/O or CPU?

## Download a page {#download}
Fetch a page, then count its words.
- | import urllib.request
io | page = urllib.request.urlopen(url).read()
> Waits for the network.
> The CPU is free meanwhile.
cpu | words = len(page.split())
> Splitting text is computing.

## Sleep {#sleep}
io | time.sleep(1)
> A timer.
";

    #[test]
    fn a_file_reads_into_snippets_with_their_answers() {
        let snippets = parse(SAMPLE).unwrap();
        assert_eq!(snippets.len(), 2);
        let download = &snippets[0];
        assert_eq!(
            (download.id.as_str(), download.title.as_str()),
            ("download", "Download a page")
        );
        assert_eq!(download.intro, "Fetch a page, then count its words.");
        assert_eq!(
            download.lines[0],
            Line { code: "import urllib.request".into(), kind: None, why: String::new() }
        );
        assert_eq!(download.lines[1].kind, Some(Kind::Io));
        assert_eq!(download.lines[1].why, "Waits for the network. The CPU is free meanwhile.");
        let asked: Vec<usize> = download.asked().map(|(i, _)| i).collect();
        assert_eq!(asked, [1, 2]);
        assert_eq!(download.answer_id(2), "ioc-download-3");
        assert_eq!(asked_count(&snippets), 3);
    }

    #[test]
    fn indentation_of_code_is_kept() {
        let s = parse("## Loop {#loop}\n- | for n in data:\ncpu |     total += n\n> Adding.\n")
            .unwrap();
        assert_eq!(s[0].lines[1].code, "    total += n");
    }

    #[test]
    fn mistakes_are_reported_with_their_line() {
        let problem = |text: &str| parse(text).unwrap_err();
        assert_eq!(
            problem("io | x()\n"),
            FormatError { line: 1, problem: Problem::OutsideSnippet }
        );
        assert_eq!(problem("## A\n").problem, Problem::BadId);
        assert_eq!(problem("## A {#a b}\n").problem, Problem::BadId);
        let twice = "## A {#a}\nio | x\n> y\n## B {#a}\n";
        assert_eq!(
            problem(twice),
            FormatError { line: 4, problem: Problem::DuplicateId("a".into()) }
        );
        assert_eq!(problem("## A {#a}\nnet | x\n").problem, Problem::BadKind("net".into()));
        assert_eq!(problem("## A {#a}\n- | x\n> why\n").problem, Problem::StrayExplanation);
        assert_eq!(
            problem("## A {#a}\nio | x\ncpu | y\n> z\n"),
            FormatError { line: 3, problem: Problem::Unexplained }
        );
        assert_eq!(
            problem("## A {#a}\nio | x\n"),
            FormatError { line: 3, problem: Problem::Unexplained }
        );
        assert_eq!(problem("## A {#a}\n- | x\n").problem, Problem::NothingAsked("A".into()));
    }
}
