//! The behaviour of the self-check forms that come with a section's HTML (see the `lessons`
//! crate): checking an answer, showing every option's explanation, and showing a saved answer
//! again when the section is opened later. The forms' text never passes through the wasm.

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
    elements(form, "li[data-correct]")
        .into_iter()
        .filter_map(|li| {
            let input = li.query_selector("input").ok()??.dyn_into::<HtmlInputElement>().ok()?;
            Some((source_index(&input)?, li))
        })
        .collect()
}

/// The options' right answers, by source index.
fn right_options(form: &Element) -> Vec<bool> {
    let options = options(form);
    let mut right =
        vec![false; options.iter().map(|(i, _)| usize::from(*i) + 1).max().unwrap_or(0)];
    for (i, li) in options {
        right[usize::from(i)] = li.get_attribute("data-correct").as_deref() == Some("true");
    }
    right
}

/// Whether `choices` picks exactly the right options.
pub fn is_right(right: &[bool], choices: &[u8]) -> bool {
    let chosen = |i: usize| choices.iter().any(|&c| usize::from(c) == i);
    !choices.is_empty() && right.iter().enumerate().all(|(i, &r)| r == chosen(i))
}

/// Shows the verdict and every option's explanation, marking the right options and the wrong
/// choices.
fn reveal(form: &Element, answer: &Answer, ui: &Ui) {
    for (i, li) in options(form) {
        let right = li.get_attribute("data-correct").as_deref() == Some("true");
        let chosen = answer.choices.contains(&i);
        let class = match (right, chosen) {
            (true, _) => "quiz-right",
            (false, true) => "quiz-wrong",
            (false, false) => "quiz-other",
        };
        let _ = li.set_attribute("class", class);
        if let Ok(Some(why)) = li.query_selector(".quiz-why") {
            why.remove_attribute("hidden").ok();
        }
    }
    let verdict = if answer.correct { ui.quiz_right } else { ui.quiz_wrong };
    if let Ok(Some(result)) = form.query_selector(".quiz-result") {
        result.set_text_content(Some(verdict));
        let _ = result.set_attribute("data-right", if answer.correct { "true" } else { "false" });
    }
}

/// Checks the form the learner submitted; returns the question's id and the answer to keep,
/// or `None` (with a hint shown) when nothing was chosen.
pub fn check(form: &Element, ui: &Ui) -> Option<(String, Answer)> {
    let id = form.get_attribute("data-quiz")?;
    let mut choices: Vec<u8> =
        inputs(form).iter().filter(|input| input.checked()).filter_map(source_index).collect();
    choices.sort_unstable();
    if choices.is_empty() {
        if let Ok(Some(result)) = form.query_selector(".quiz-result") {
            result.set_text_content(Some(ui.quiz_choose));
            let _ = result.remove_attribute("data-right");
        }
        return None;
    }
    let answer = Answer { correct: is_right(&right_options(form), &choices), choices };
    reveal(form, &answer, ui);
    Some((id, answer))
}

/// Shows the saved answers of every form under `root`.
pub fn restore(root: &HtmlElement, answer_of: impl Fn(&str) -> Option<Answer>, ui: &Ui) {
    for form in elements(root, "form.quiz") {
        let Some(answer) = form.get_attribute("data-quiz").and_then(|id| answer_of(&id)) else {
            continue;
        };
        for input in inputs(&form) {
            input.set_checked(source_index(&input).is_some_and(|i| answer.choices.contains(&i)));
        }
        reveal(&form, &answer, ui);
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
