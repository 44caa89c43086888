//! The behaviour of the self-check forms that come with a section's HTML (see the `lessons`
//! crate): checking an answer, showing every option's explanation, and showing a saved answer
//! again when the section is opened later. The forms do not hold their answers: those are a
//! file of their own (which options are right, and why), fetched when the learner checks. The
//! forms' text never passes through the wasm.

use crate::browser::elements;
use crate::i18n::Ui;
use crate::progress::Answer;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

fn inputs(form: &Element) -> Vec<HtmlInputElement> {
    elements(form, "input").into_iter().filter_map(|e| e.dyn_into().ok()).collect()
}

/// An option's index in the lesson's source: its input's value. Options are shown in an order
/// of their own; answers are kept by these indices.
fn source_index(input: &HtmlInputElement) -> Option<u8> {
    input.value().parse().ok()
}

/// The options' items with their source indices, as shown.
fn options(form: &Element) -> Vec<(u8, Element)> {
    elements(form, "li")
        .into_iter()
        .filter_map(|li| {
            let input = li.query_selector("input").ok()??.dyn_into::<HtmlInputElement>().ok()?;
            Some((source_index(&input)?, li))
        })
        .collect()
}

/// The answers to a section's self-checks: the answers file's HTML, held in an element of its
/// own outside the page.
pub struct Answers(Element);

impl Answers {
    /// Reads an answers file.
    pub fn parse(html: &str) -> Option<Self> {
        let holder = web_sys::window()?.document()?.create_element("div").ok()?;
        holder.set_inner_html(html);
        Some(Self(holder))
    }

    /// The answer to option `i` of the question `id`: whether it is right, and why (HTML).
    fn option(&self, id: &str, i: u8) -> Option<(bool, String)> {
        let selector = format!("[data-quiz=\"{id}\"] [data-option=\"{i}\"]");
        let p = self.0.query_selector(&selector).ok()??;
        Some((p.get_attribute("data-right").as_deref() == Some("true"), p.inner_html()))
    }

    /// Which of a question's `options` are right, by source index.
    fn right_options(&self, id: &str, options: usize) -> Vec<bool> {
        (0..options)
            .map(|i| u8::try_from(i).ok().and_then(|i| self.option(id, i)).is_some_and(|(r, _)| r))
            .collect()
    }
}

/// Whether `choices` picks exactly the right options.
pub fn is_right(right: &[bool], choices: &[u8]) -> bool {
    let chosen = |i: usize| choices.iter().any(|&c| usize::from(c) == i);
    !choices.is_empty() && right.iter().enumerate().all(|(i, &r)| r == chosen(i))
}

/// Shows the verdict and every option's explanation, marking the right options and the wrong
/// choices.
fn reveal(form: &Element, id: &str, answers: &Answers, answer: &Answer, ui: &Ui) {
    for (i, li) in options(form) {
        let (right, why) = answers.option(id, i).unwrap_or_default();
        let chosen = answer.choices.contains(&i);
        let class = match (right, chosen) {
            (true, _) => "quiz-right",
            (false, true) => "quiz-wrong",
            (false, false) => "quiz-other",
        };
        let _ = li.set_attribute("class", class);
        if let Ok(Some(place)) = li.query_selector(".quiz-why") {
            place.set_inner_html(&why);
            place.remove_attribute("hidden").ok();
        }
    }
    let verdict = if answer.correct { ui.quiz_right } else { ui.quiz_wrong };
    if let Ok(Some(result)) = form.query_selector(".quiz-result") {
        result.set_text_content(Some(verdict));
        let _ = result.set_attribute("data-right", if answer.correct { "true" } else { "false" });
    }
}

/// Says `text` under a form: nothing was chosen, or the answers could not be fetched.
pub fn say(form: &Element, text: &str) {
    if let Ok(Some(result)) = form.query_selector(".quiz-result") {
        result.set_text_content(Some(text));
        let _ = result.remove_attribute("data-right");
    }
}

/// The options the learner has chosen in `form`, by source index; `None` (with a hint shown)
/// when nothing was chosen.
pub fn choices(form: &Element, ui: &Ui) -> Option<Vec<u8>> {
    let mut choices: Vec<u8> =
        inputs(form).iter().filter(|input| input.checked()).filter_map(source_index).collect();
    choices.sort_unstable();
    if choices.is_empty() {
        say(form, ui.quiz_choose);
        return None;
    }
    Some(choices)
}

/// Checks the learner's `choices` in `form` against `answers` and shows the verdict; returns
/// the question's id and the answer to keep.
pub fn check(
    form: &Element,
    choices: Vec<u8>,
    answers: &Answers,
    ui: &Ui,
) -> Option<(String, Answer)> {
    let id = form.get_attribute("data-quiz")?;
    let right = answers.right_options(&id, options(form).len());
    let answer = Answer { correct: is_right(&right, &choices), choices };
    reveal(form, &id, answers, &answer, ui);
    Some((id, answer))
}

/// Shows the saved answers of every form under `root`.
pub fn restore(
    root: &HtmlElement,
    answer_of: impl Fn(&str) -> Option<Answer>,
    answers: &Answers,
    ui: &Ui,
) {
    for form in elements(root, "form.quiz") {
        let Some(id) = form.get_attribute("data-quiz") else { continue };
        let Some(answer) = answer_of(&id) else { continue };
        for input in inputs(&form) {
            input.set_checked(source_index(&input).is_some_and(|i| answer.choices.contains(&i)));
        }
        reveal(&form, &id, answers, &answer, ui);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_right_when_it_picks_exactly_the_right_options() {
        assert!(is_right(&[false, true, false], &[1]));
        assert!(!is_right(&[false, true, false], &[0]));
        assert!(is_right(&[true, true, false], &[0, 1]));
        assert!(!is_right(&[true, true, false], &[0]), "half of a multiple choice is not right");
        assert!(!is_right(&[true, true, false], &[0, 1, 2]));
        assert!(!is_right(&[true], &[]));
    }
}
