//! What the learner has done — the last section opened, the sections read, the answers to
//! the self-checks — kept in local storage as one small URL-encoded record with a schema
//! version. An older record is migrated; a corrupt one is reset with a note, never a blank
//! page.

use crate::browser;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The version written now.
pub const SCHEMA: u32 = 1;
const KEY: &str = "asyncio-course.progress";
/// Version 0 kept only the last section, under a key of its own.
const V0_LAST_SECTION_KEY: &str = "asyncio-course.last-section";

/// The learner's answer to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The options chosen, by index.
    pub choices: Vec<u8>,
    /// Whether the choice was right.
    pub correct: bool,
}

/// Everything the course remembers about the learner.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The slug of the section opened last.
    pub last: Option<String>,
    /// The slugs of the sections read to the end.
    pub read: BTreeSet<String>,
    /// Answers by question id.
    pub answers: BTreeMap<String, Answer>,
    /// Simulation presets tried, as `simulation/preset`.
    pub tried: BTreeSet<String>,
    /// Guesses made before a simulation's run, by `simulation/preset` (`simulation/own` for
    /// the learner's own settings): the option chosen, and whether the run agreed.
    pub guesses: BTreeMap<String, Answer>,
    /// Simulation goals reached, as `simulation/goal`.
    pub goals: BTreeSet<String>,
}

/// Why a stored record could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Corrupt {
    /// Written by a newer version of the course.
    NewerSchema(u32),
    /// Not a record of ours at all.
    Unreadable,
}

/// A `simulation/preset` name.
fn is_preset(text: &str) -> bool {
    text.split_once('/').is_some_and(|(sim, preset)| is_id(sim) && is_id(preset))
}

fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// An answer as stored: `id:choice.choice:correct`.
fn read_answer(value: &str) -> Option<(&str, Answer)> {
    let mut parts = value.split(':');
    let (Some(id), Some(choices), Some(correct), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let choices: Option<Vec<u8>> = choices.split('.').map(|c| c.parse().ok()).collect();
    let correct = match correct {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    Some((id, Answer { choices: choices?, correct }))
}

impl Progress {
    /// The record as stored: `v=1&last=…&read=…&quiz=id:0.2:1`.
    pub fn encode(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("v", &SCHEMA.to_string());
        if let Some(last) = &self.last {
            out.append_pair("last", last);
        }
        for slug in &self.read {
            out.append_pair("read", slug);
        }
        for preset in &self.tried {
            out.append_pair("tried", preset);
        }
        for goal in &self.goals {
            out.append_pair("goal", goal);
        }
        for (key, answers) in [("quiz", &self.answers), ("guess", &self.guesses)] {
            for (id, answer) in answers {
                let choices: Vec<String> = answer.choices.iter().map(u8::to_string).collect();
                let value = format!("{id}:{}:{}", choices.join("."), u8::from(answer.correct));
                out.append_pair(key, &value);
            }
        }
        out.finish()
    }

    /// Reads a stored record. Unknown keys are skipped, so a later version's additions do not
    /// break an earlier one; a record without our version mark is [`Corrupt::Unreadable`].
    pub fn decode(text: &str) -> Result<Progress, Corrupt> {
        let mut progress = Progress::default();
        let mut version = None;
        for (key, value) in form_urlencoded::parse(text.as_bytes()) {
            match &*key {
                "v" => version = value.parse::<u32>().ok(),
                "last" if is_id(&value) => progress.last = Some(value.into_owned()),
                "read" if is_id(&value) => {
                    progress.read.insert(value.into_owned());
                }
                "tried" if is_preset(&value) => {
                    progress.tried.insert(value.into_owned());
                }
                "goal" if is_preset(&value) => {
                    progress.goals.insert(value.into_owned());
                }
                "quiz" | "guess" => {
                    let (id, answer) = read_answer(&value).ok_or(Corrupt::Unreadable)?;
                    let valid = if key == "quiz" { is_id(id) } else { is_preset(id) };
                    if !valid {
                        return Err(Corrupt::Unreadable);
                    }
                    let answers =
                        if key == "quiz" { &mut progress.answers } else { &mut progress.guesses };
                    answers.insert(id.to_owned(), answer);
                }
                _ => {}
            }
        }
        match version {
            Some(SCHEMA) => Ok(progress),
            Some(v) if v > SCHEMA => Err(Corrupt::NewerSchema(v)),
            _ => Err(Corrupt::Unreadable),
        }
    }

    /// How many of `ids` were answered, and how many of those rightly.
    pub fn score(&self, ids: &[&str]) -> (usize, usize) {
        tally(ids.iter().filter_map(|id| self.answers.get(*id)))
    }
}

/// How many `answers` there are, and how many of them are right.
pub fn tally<'a>(answers: impl IntoIterator<Item = &'a Answer>) -> (usize, usize) {
    answers.into_iter().fold((0, 0), |(n, right), a| (n + 1, right + usize::from(a.correct)))
}

/// What happened when the stored progress was loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restored {
    /// Nothing stored, or read as it was.
    AsStored,
    /// An older record was carried over to the current schema.
    Migrated,
    /// The stored record could not be read and was started afresh.
    Reset,
}

/// Reads the progress from `current` (this schema's record) or `v0_last` (version 0's).
pub fn restore(current: Option<String>, v0_last: Option<String>) -> (Progress, Restored) {
    match (current, v0_last) {
        (Some(text), _) => match Progress::decode(&text) {
            Ok(progress) => (progress, Restored::AsStored),
            Err(_) => (Progress::default(), Restored::Reset),
        },
        (None, Some(last)) if is_id(&last) => {
            (Progress { last: Some(last), ..Progress::default() }, Restored::Migrated)
        }
        (None, Some(_)) => (Progress::default(), Restored::Reset),
        (None, None) => (Progress::default(), Restored::AsStored),
    }
}

/// The learner's progress, shared through context and saved on every change.
#[derive(Clone, Copy)]
pub struct ProgressStore {
    /// The progress itself.
    pub progress: RwSignal<Progress>,
    /// How the stored record was found, for a note on the home page.
    pub restored: Restored,
    /// Whether the browser refused to store it (storage full or switched off), for a note on
    /// every page: the progress lives only as long as the tab.
    pub unsaved: RwSignal<bool>,
}

impl ProgressStore {
    /// Loads the stored progress and starts saving every change.
    pub fn start() -> Self {
        let (progress, restored) = restore(browser::load(KEY), browser::load(V0_LAST_SECTION_KEY));
        let unsaved = RwSignal::new(false);
        let store = Self { progress: RwSignal::new(progress), restored, unsaved };
        // Whether the browser keeps a write is asked a task later, apart from the app's first
        // task, which is kept short: the note shows before anything is lost.
        leptos::task::spawn_local(async move {
            browser::next_task().await;
            if !browser::can_store() {
                unsaved.set(true);
            }
        });
        if restored != Restored::AsStored {
            store.keep(&store.progress.get_untracked().encode());
            browser::remove(V0_LAST_SECTION_KEY);
        }
        // Syncs the progress to local storage; a full or disabled storage only loses it
        // across visits, never within one.
        Effect::new(move |previous: Option<()>| {
            let encoded = store.progress.with(Progress::encode);
            if previous.is_some() {
                store.keep(&encoded);
            }
        });
        store
    }

    /// Stores the encoded record, and notes whether the browser refused it.
    fn keep(&self, encoded: &str) {
        let kept = browser::save(KEY, encoded);
        if self.unsaved.get_untracked() == kept {
            self.unsaved.set(!kept);
        }
    }

    /// Notes that the learner opened `slug`.
    pub fn opened(&self, slug: &str) {
        if self.progress.with_untracked(|p| p.last.as_deref() != Some(slug)) {
            self.progress.update(|p| p.last = Some(slug.to_owned()));
        }
    }

    /// Notes that the learner read `slug` to the end.
    pub fn read(&self, slug: &str) {
        if self.progress.with_untracked(|p| !p.read.contains(slug)) {
            self.progress.update(|p| {
                p.read.insert(slug.to_owned());
            });
        }
    }

    /// Notes that the learner tried `preset` of `simulation` (the progress changes, and is
    /// saved, only the first time).
    pub fn tried(&self, simulation: &str, preset: &str) {
        let name = format!("{simulation}/{preset}");
        self.progress.maybe_update(|p| p.tried.insert(name));
    }

    /// Keeps the learner's guess before a run of `simulation` (its preset, or `own`).
    pub fn guessed(&self, simulation: &str, preset: &str, answer: Answer) {
        let key = format!("{simulation}/{preset}");
        self.progress.maybe_update(|p| p.guesses.insert(key, answer.clone()) != Some(answer));
    }

    /// Notes that the learner reached `goal` of `simulation`; whether it is the first time.
    pub fn reached(&self, simulation: &str, goal: &str) -> bool {
        let name = format!("{simulation}/{goal}");
        let mut first = false;
        self.progress.maybe_update(|p| {
            first = p.goals.insert(name);
            first
        });
        first
    }

    /// Keeps the learner's answer to the question `id`.
    pub fn answer(&self, id: &str, answer: Answer) {
        self.progress.update(|p| {
            p.answers.insert(id.to_owned(), answer);
        });
    }
}

/// The progress store; a fresh, unsaved one outside the app (tests of single components).
pub fn use_progress() -> ProgressStore {
    use_context::<ProgressStore>().unwrap_or_else(|| ProgressStore {
        progress: RwSignal::new(Progress::default()),
        restored: Restored::AsStored,
        unsaved: RwSignal::new(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Progress {
        let mut p = Progress { last: Some("gil".into()), ..Progress::default() };
        p.read.insert("why-asyncio".into());
        p.read.insert("gil".into());
        p.answers.insert("io-which".into(), Answer { choices: vec![0], correct: true });
        p.answers.insert("rel-when".into(), Answer { choices: vec![0, 2], correct: false });
        p.tried.insert("bakers/busy-day".into());
        p.guesses.insert("bakers/lesson".into(), Answer { choices: vec![1], correct: false });
        p.goals.insert("race/lose-two".into());
        p
    }

    #[test]
    fn a_record_round_trips() {
        let text = sample().encode();
        assert_eq!(
            text,
            "v=1&last=gil&read=gil&read=why-asyncio&tried=bakers%2Fbusy-day\
             &goal=race%2Flose-two&quiz=io-which%3A0%3A1&quiz=rel-when%3A0.2%3A0\
             &guess=bakers%2Flesson%3A1%3A0"
        );
        assert_eq!(Progress::decode(&text), Ok(sample()));
    }

    #[test]
    fn scores_count_answered_and_right() {
        assert_eq!(sample().score(&["io-which", "rel-when", "nope"]), (2, 1));
        assert_eq!(Progress::default().score(&["a"]), (0, 0));
    }

    #[test]
    fn corrupt_records_are_refused() {
        for text in [
            "",
            "garbage",
            "{\"json\":1}",
            "v=1&quiz=a:b:c",
            "v=1&quiz=a:0",
            "v=x",
            "v=1&guess=a:0:1",
        ] {
            assert_eq!(Progress::decode(text), Err(Corrupt::Unreadable), "{text}");
        }
        assert_eq!(Progress::decode("v=7&last=gil"), Err(Corrupt::NewerSchema(7)));
    }

    #[test]
    fn odd_values_and_unknown_keys_are_skipped() {
        let p = Progress::decode("v=1&last=%3Cscript%3E&read=ok&colour=blue&tried=a&tried=b%2Fc")
            .unwrap();
        assert_eq!(p.last, None);
        assert_eq!(p.tried.iter().collect::<Vec<_>>(), ["b/c"]);
        assert_eq!(p.read.len(), 1);
    }

    #[test]
    fn restoring_migrates_version_0_and_resets_what_it_cannot_read() {
        assert_eq!(restore(None, None), (Progress::default(), Restored::AsStored));
        let (p, how) = restore(None, Some("gil".into()));
        assert_eq!((p.last.as_deref(), how), (Some("gil"), Restored::Migrated));
        assert_eq!(restore(Some("%%%".into()), None).1, Restored::Reset);
        assert_eq!(restore(None, Some("<b>".into())).1, Restored::Reset);
        assert_eq!(
            restore(Some(sample().encode()), Some("x".into())),
            (sample(), Restored::AsStored)
        );
    }
}
