//! Self-check questions, written in a lesson as a fenced block:
//!
//! ````markdown
//! ```quiz id=io-cpu-1
//! ? Which line waits for the network?
//! + `urlopen(...)` :: Right: the request goes out and the program waits for the answer.
//! - `"\n".join(lines)` :: No: joining strings is work in memory.
//! ```
//! ````
//!
//! `?` starts the question, `+` a right option, `-` a wrong one; after `::` comes the
//! explanation shown once the learner checks. More than one `+` makes it a multiple-choice
//! question. The block becomes an HTML form; the app gives it its behaviour.

use pulldown_cmark::{html, Parser};

/// One self-check question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quiz {
    /// Its id, the same in every language; progress is kept under it.
    pub id: String,
    /// The question, as inline HTML.
    pub question: String,
    /// The options, in order.
    pub options: Vec<QuizOption>,
}

/// One option of a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizOption {
    /// The option, as inline HTML.
    pub text: String,
    /// Whether choosing it is right.
    pub correct: bool,
    /// Why it is right or wrong, as inline HTML.
    pub why: String,
}

/// The words a quiz form needs, in one language.
pub struct Labels {
    /// The check button.
    pub check: &'static str,
    /// The hint on a multiple-choice question.
    pub several: &'static str,
}

/// The quiz words for a language code; English for any language but Russian.
pub fn labels(code: &str) -> Labels {
    match code {
        "ru" => Labels {
            check: "Проверить", several: "Выберите все верные ответы."
        },
        _ => Labels { check: "Check", several: "Choose every right answer." },
    }
}

/// Inline Markdown to HTML, without the paragraph around it.
fn inline(text: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new(text.trim()));
    let out = out.trim();
    out.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")).unwrap_or(out).to_owned()
}

fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

impl Quiz {
    /// Reads a quiz block; the error says what is wrong, for the lesson's author.
    pub fn parse(info: &str, body: &str) -> Result<Quiz, String> {
        let id = info
            .split_whitespace()
            .find_map(|w| w.strip_prefix("id="))
            .filter(|id| {
                !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            .ok_or_else(|| format!("a quiz needs id=letters-digits-dashes: ```{info}"))?
            .to_owned();
        let mut question = None;
        let mut options = Vec::new();
        for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(q) = line.strip_prefix('?') {
                question = Some(inline(q));
                continue;
            }
            let (correct, rest) = match (line.strip_prefix('+'), line.strip_prefix('-')) {
                (Some(rest), _) => (true, rest),
                (_, Some(rest)) => (false, rest),
                _ => return Err(format!("quiz {id}: a line must start with ?, + or -: {line}")),
            };
            let (text, why) = rest.split_once("::").ok_or_else(|| {
                format!("quiz {id}: an option needs an explanation after ::: {line}")
            })?;
            options.push(QuizOption { text: inline(text), correct, why: inline(why) });
        }
        let question = question.ok_or_else(|| format!("quiz {id}: no ? question"))?;
        if options.len() < 2 || !options.iter().any(|o| o.correct) {
            return Err(format!("quiz {id}: needs two options or more, one of them right (+)"));
        }
        Ok(Quiz { id, question, options })
    }

    /// Whether more than one option is right.
    pub fn multiple(&self) -> bool {
        self.options.iter().filter(|o| o.correct).count() > 1
    }

    /// The order the options are shown in, as indices into [`Quiz::options`]: shuffled by a
    /// hash of the quiz's id, so it is the same in both languages and on every build, never
    /// the order of the source (where a right answer tends to come first). An input's value
    /// stays the option's index in the source, which progress keeps.
    pub fn shown_order(&self) -> Vec<usize> {
        let key = |i: usize| {
            // FNV-1a over the id and the option's index.
            let bytes = self.id.bytes().chain((i as u32).to_le_bytes());
            bytes.fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            })
        };
        let mut order: Vec<usize> = (0..self.options.len()).collect();
        order.sort_by_key(|&i| key(i));
        if order.iter().enumerate().all(|(at, &i)| at == i) {
            order.rotate_left(1);
        }
        order
    }

    /// The quiz as an HTML form.
    pub fn to_html(&self, labels: &Labels) -> String {
        let id = escape_attr(&self.id);
        let kind = if self.multiple() { "checkbox" } else { "radio" };
        let mut out = format!(
            "<form class=\"quiz\" data-quiz=\"{id}\" data-multiple=\"{}\">\n<fieldset>\n<legend>{}</legend>\n",
            self.multiple(),
            self.question
        );
        if self.multiple() {
            out.push_str(&format!("<p class=\"quiz-hint\">{}</p>\n", labels.several));
        }
        out.push_str("<ul class=\"quiz-options\">\n");
        for i in self.shown_order() {
            out.push_str(&format!(
                "<li><label><input type=\"{kind}\" name=\"quiz-{id}\" value=\"{i}\"> \
                 <span>{}</span></label>\n<p class=\"quiz-why\" hidden></p></li>\n",
                self.options[i].text
            ));
        }
        out.push_str(&format!(
            "</ul>\n<button type=\"submit\" class=\"button quiz-check\">{}</button>\n\
             <p class=\"quiz-result\" role=\"status\"></p>\n</fieldset>\n</form>\n",
            labels.check
        ));
        out
    }
}

impl Quiz {
    /// The quiz's answers, for the section's answers file (not in the form's markup: the app
    /// fetches them when the learner checks): which options are right and why each option is
    /// right or wrong, by their index in the source.
    pub fn answers_html(&self) -> String {
        let id = escape_attr(&self.id);
        let mut out = format!("<div data-quiz=\"{id}\">\n");
        for (i, option) in self.options.iter().enumerate() {
            out.push_str(&format!(
                "<p data-option=\"{i}\" data-right=\"{}\">{}</p>\n",
                option.correct, option.why
            ));
        }
        out.push_str("</div>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "? Which line *waits*?\n+ `urlopen()` :: Right: it waits.\n- `join()` :: No: memory work.\n";

    #[test]
    fn a_quiz_reads_its_question_options_and_explanations() {
        let quiz = Quiz::parse("quiz id=io-1", BODY).unwrap();
        assert_eq!(quiz.id, "io-1");
        assert_eq!(quiz.question, "Which line <em>waits</em>?");
        assert_eq!(quiz.options[0].text, "<code>urlopen()</code>");
        assert!(quiz.options[0].correct && !quiz.options[1].correct);
        assert_eq!(quiz.options[1].why, "No: memory work.");
        assert!(!quiz.multiple());
    }

    #[test]
    fn the_form_has_a_radio_per_option_and_no_answers() {
        let quiz = Quiz::parse("quiz id=io-1", BODY).unwrap();
        let html = quiz.to_html(&labels("ru"));
        assert_eq!(html.matches("type=\"radio\"").count(), 2);
        assert_eq!(html.matches("<p class=\"quiz-why\" hidden></p>").count(), 2);
        for secret in ["correct", "right", "Right: it waits", "memory work"] {
            assert!(!html.contains(secret), "the form gives away {secret:?}");
        }
        let answers = quiz.answers_html();
        assert!(answers.contains("<p data-option=\"0\" data-right=\"true\">Right: it waits.</p>"));
        assert!(answers.contains("<p data-option=\"1\" data-right=\"false\">No: memory work.</p>"));
        assert!(html.contains(">Проверить</button>"));
        assert!(!html.contains("quiz-hint"));
    }

    #[test]
    fn options_are_shown_in_an_order_of_their_own_and_keep_their_source_index() {
        let quiz = Quiz::parse("quiz id=m", "? Q\n+ a :: y\n- b :: n\n- c :: n\n- d :: n").unwrap();
        let order = quiz.shown_order();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3], "every option once");
        assert_ne!(order, [0, 1, 2, 3], "not the source's order");
        assert_eq!(quiz.shown_order(), order, "the same on every build");
        let html = quiz.to_html(&labels("en"));
        let values: Vec<usize> = html
            .match_indices("value=\"")
            .map(|(at, _)| html[at + 7..].split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(values, order);
        // Two options are always swapped.
        let pair = Quiz::parse("quiz id=two", "? Q\n+ a :: y\n- b :: n").unwrap();
        assert_eq!(pair.shown_order(), [1, 0]);
    }

    #[test]
    fn two_right_options_make_checkboxes_and_a_hint() {
        let quiz = Quiz::parse("quiz id=m", "? Q\n+ a :: y\n+ b :: y\n- c :: n").unwrap();
        let html = quiz.to_html(&labels("en"));
        assert!(quiz.multiple());
        assert_eq!(html.matches("type=\"checkbox\"").count(), 3);
        assert!(html.contains("Choose every right answer."));
    }

    #[test]
    fn mistakes_in_a_quiz_are_explained() {
        let error = |info, body| Quiz::parse(info, body).unwrap_err();
        assert!(error("quiz", BODY).contains("needs id="));
        assert!(error("quiz id=bad!", BODY).contains("needs id="));
        assert!(error("quiz id=a", "? Q\n+ a :: y").contains("two options"));
        assert!(error("quiz id=a", "? Q\n- a :: y\n- b :: n").contains("one of them right"));
        assert!(error("quiz id=a", "? Q\n+ a\n- b :: n").contains("explanation"));
        assert!(error("quiz id=a", "Q\n+ a :: y\n- b :: n").contains("must start with"));
        assert!(error("quiz id=a", "+ a :: y\n- b :: n").contains("no ? question"));
    }
}
