//! The course's two languages. Russian comes first; English is a full translation. Every
//! interface string lives in one [`Ui`] value per language, so a string missing in one
//! language is a compile error, not a blank on the page.

use crate::browser;
use leptos::prelude::*;

/// A language of the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Russian, the course's first language.
    Ru,
    /// English.
    En,
}

const STORAGE_KEY: &str = "asyncio-course.lang";

impl Lang {
    /// Every language, first language first.
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The language's code, as in `content/<code>/` and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Reads a code such as `ru`, `en-GB` or `EN`; `None` for any other language.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The start of its addresses' paths: nothing for the first language, `en/` for English.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Ru => "",
            Lang::En => "en/",
        }
    }

    /// The language a path's first segment names (`en`); the first language has none.
    pub fn from_prefix(segment: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| !l.prefix().is_empty() && l.prefix().trim_end_matches('/') == segment)
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    /// The interface strings.
    pub fn ui(self) -> &'static Ui {
        pick(self, &RU, &EN)
    }

    /// "N min read".
    pub fn reading_time(self, minutes: usize) -> String {
        match self {
            Lang::Ru => format!("{minutes} мин чтения"),
            Lang::En => format!("{minutes} min read"),
        }
    }

    /// How many of a simulation's presets the learner tried.
    pub fn presets_tried(self, tried: usize, of: usize) -> String {
        match self {
            Lang::Ru => format!("Опробовано готовых наборов: {tried} из {of}"),
            Lang::En => format!("Ready-made sets tried: {tried} of {of}"),
        }
    }

    /// How many of the guesses made before a simulation's runs were right.
    pub fn guesses_right(self, right: usize, made: usize) -> String {
        match self {
            Lang::Ru => format!("Верных прогнозов: {right} из {made}"),
            Lang::En => format!("Guesses right: {right} of {made}"),
        }
    }

    /// "Section N · M min read".
    pub fn section_meta(self, order: u32, minutes: usize) -> String {
        match self {
            Lang::Ru => format!("Раздел {order} · {minutes} мин чтения"),
            Lang::En => format!("Section {order} · {minutes} min read"),
        }
    }

    /// What a progress file brought.
    pub fn progress_loaded(self, read: usize, answers: usize) -> String {
        match self {
            Lang::Ru => {
                format!("Прогресс загружен: прочитано разделов — {read}, ответов — {answers}.")
            }
            Lang::En => format!("Progress loaded: {read} sections read, {answers} answers."),
        }
    }

    /// The page title for a page called `name`.
    pub fn page_title(self, name: &str) -> String {
        format!("{name} — {}", self.ui().site_name)
    }

    /// "The course has no X." for the not-found page; `what` is already in this language.
    pub fn nothing_here(self, what: &str) -> String {
        match self {
            Lang::Ru => {
                format!("В курсе нет {what}. Возможно, ссылка устарела или в ней опечатка.")
            }
            Lang::En => format!("The course has no {what}. The link may be old or mistyped."),
        }
    }

    /// How the not-found page names a page, lesson or simulation that was asked for.
    pub fn missing(self, kind: Missing, name: &str) -> String {
        match (self, kind) {
            (Lang::Ru, Missing::Page) => format!("страницы «{name}»"),
            (Lang::Ru, Missing::Lesson) => format!("раздела «{name}»"),
            (Lang::Ru, Missing::Simulation) => format!("симуляции «{name}»"),
            (Lang::Ru, Missing::Part) => {
                format!("В этом разделе нет части «{name}»: показано начало.")
            }
            (Lang::En, Missing::Page) => format!("page “{name}”"),
            (Lang::En, Missing::Lesson) => format!("section “{name}”"),
            (Lang::En, Missing::Simulation) => format!("simulation “{name}”"),
            (Lang::En, Missing::Part) => {
                format!("This section has no part “{name}”: here is its start.")
            }
        }
    }
}

/// What kind of thing was not found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Any address.
    Page,
    /// A lesson section.
    Lesson,
    /// A simulation.
    Simulation,
    /// A part of a lesson section (`?at=`), as a whole sentence.
    Part,
}

/// One of a pair of translations, by language: `pick(lang, &RU, &EN)`.
pub fn pick<T: ?Sized>(lang: Lang, ru: &'static T, en: &'static T) -> &'static T {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A fixed text in both languages, Russian first: a simulation's words are tables of these,
/// so a text missing in one language does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr(pub &'static str, pub &'static str);

impl Tr {
    /// The text in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.0,
            Lang::En => self.1,
        }
    }
}

/// A Russian noun after a number: 1 ядро, 2 ядра, 5 ядер.
pub fn ru_count(n: u32, forms: [&str; 3]) -> String {
    let form = match (n % 10, n % 100) {
        (1, h) if h != 11 => forms[0],
        (2..=4, h) if !(12..=14).contains(&h) => forms[1],
        _ => forms[2],
    };
    format!("{n} {form}")
}

/// Every fixed string of the interface, in one language.
pub struct Ui {
    /// The site's short name, in the header and page titles.
    pub site_name: &'static str,
    /// The home page's title.
    pub home_title: &'static str,
    /// The skip link.
    pub skip_to_content: &'static str,
    /// The footer line.
    pub footer: &'static str,
    /// The button that switches to this language, written in it.
    pub switch_to: &'static str,
    /// The label of the language switch.
    pub switch_label: &'static str,
    /// Start from the first section.
    pub start: &'static str,
    /// Before the title of the section to continue.
    pub continue_at: &'static str,
    /// The contents heading.
    pub contents: &'static str,
    /// The simulations heading.
    pub simulations: &'static str,
    /// The pager's "previous".
    pub previous: &'static str,
    /// The pager's "next".
    pub next: &'static str,
    /// The pager's landmark label.
    pub neighbours: &'static str,
    /// The not-found page's heading.
    pub not_found: &'static str,
    /// The link back to the contents.
    pub back_to_contents: &'static str,
    /// The embed help's summary.
    pub embed_summary: &'static str,
    /// The embed help's text before the snippet.
    pub embed_help: &'static str,
    /// The permalink's label in the share box.
    pub share_link: &'static str,
    /// The iframe code's label in the share box.
    pub share_code: &'static str,
    /// The export buttons' group.
    pub export: &'static str,
    /// The timeline's text alternative: a table of its bars.
    pub timeline_table: &'static str,
    /// The table's columns: when, who, what.
    pub timeline_columns: [&'static str; 3],
    /// Before the count of rows left out of a long table.
    pub timeline_earlier: &'static str,
    /// Before the count of lanes a crowded timeline does not draw.
    pub lanes_left_out: &'static str,
    /// Export as SVG.
    pub export_svg: &'static str,
    /// Export as PNG.
    pub export_png: &'static str,
    /// Export the run as an animated GIF.
    pub export_gif: &'static str,
    /// Export the run as a WebM video.
    pub export_webm: &'static str,
    /// The size of a moving picture: what its choice is called.
    pub moving_size: &'static str,
    /// The label of the share box's moving pictures.
    pub export_moving: &'static str,
    /// What they are for, after it.
    pub moving_hint: &'static str,
    /// The label of the choice of chart, when a simulation draws several.
    pub moving_chart: &'static str,
    /// A moving picture being made: what the progress bar is.
    pub making_moving: &'static str,
    /// Stops making it.
    pub cancel: &'static str,
    /// The copy button.
    pub copy: &'static str,
    /// After copying.
    pub copied: &'static str,
    /// When the clipboard refused.
    pub copy_failed: &'static str,
    /// The link from a lesson's simulation to its own page.
    pub open_alone: &'static str,
    /// The player's group label.
    pub player: &'static str,
    /// Play.
    pub play: &'static str,
    /// Pause.
    pub pause: &'static str,
    /// Step forward.
    pub step: &'static str,
    /// Step back.
    pub step_back: &'static str,
    /// Back to the start.
    pub reset: &'static str,
    /// The loop toggle.
    pub repeat: &'static str,
    /// Speed.
    pub speed: &'static str,
    /// The scrubber.
    pub moment: &'static str,
    /// The heading of corrected parameters.
    pub params_fixed: &'static str,
    /// Before the words of a directive that were skipped.
    pub directive_stray: &'static str,
    /// Before an unknown simulation's name in a lesson.
    pub directive_unknown: &'static str,
    /// The name shown for an empty directive.
    pub empty: &'static str,
    /// "Available:" before the list of simulations.
    pub available: &'static str,
    /// While a section's text is on its way.
    pub loading: &'static str,
    /// When a section's text could not be fetched.
    pub load_failed: &'static str,
    /// When a simulation's code could not be fetched.
    pub sim_load_failed: &'static str,
    /// Try fetching again.
    pub retry: &'static str,
    /// The verdict on a right answer.
    pub quiz_right: &'static str,
    /// The verdict on a wrong answer.
    pub quiz_wrong: &'static str,
    /// When "check" is pressed with nothing chosen.
    pub quiz_choose: &'static str,
    /// Marks a section read to the end, in the contents.
    pub read: &'static str,
    /// "Questions" before a score in the contents.
    pub questions: &'static str,
    /// When stored progress could not be read and was started afresh.
    pub progress_reset: &'static str,
    /// When the browser does not let the course store progress.
    pub progress_unsaved: &'static str,
    /// The reading-progress bar's name.
    pub reading_progress: &'static str,
    /// The heading of saving and loading progress.
    pub progress_title: &'static str,
    /// What saving and loading progress is for.
    pub progress_help: &'static str,
    /// Save progress to a file.
    pub progress_save: &'static str,
    /// Load progress from a file.
    pub progress_load: &'static str,
    /// A loaded file that is not a course record.
    pub progress_not_ours: &'static str,
    /// A loaded file far too large to be a course record.
    pub progress_too_large: &'static str,
}

static RU: Ui = Ui {
    site_name: "asyncio, глава 1",
    home_title: "Первое знакомство с asyncio — интерактивный курс",
    skip_to_content: "К содержимому",
    footer: "Интерактивный конспект главы 1 книги М. Фаулера «Python Concurrency with asyncio».",
    switch_to: "Русский",
    switch_label: "Язык курса",
    start: "Начать с первого раздела",
    continue_at: "Продолжить: ",
    contents: "Содержание",
    simulations: "Симуляции",
    previous: "← Назад",
    next: "Дальше →",
    neighbours: "Соседние разделы",
    not_found: "Здесь ничего нет",
    back_to_contents: "К содержанию курса",
    embed_summary: "Поделиться и встроить в слайды",
    embed_help: "Ссылка, код и QR-код ниже сохраняют то, что сейчас на экране. Встроенная страница показывает только симуляцию, без оформления сайта. В рамке формата слайда (16:9) она целиком умещается в рамку; на обычной странице скрипт embed.js подгоняет высоту рамки под содержимое.",
    share_link: "Ссылка на это состояние",
    share_code: "Код для вставки в слайды или на страницу",
    export: "Сохранить шкалу картинкой",
    timeline_table: "Шкала таблицей",
    timeline_columns: ["Когда", "Кто", "Что"],
    timeline_earlier: "Более ранних строк не показано:",
    lanes_left_out: "Дорожек не нарисовано (они есть в таблице ниже):",
    export_svg: "Скачать SVG",
    export_png: "Скачать PNG",
    export_gif: "GIF-анимация",
    export_webm: "Видео WebM",
    moving_size: "Размер анимации и видео",
    export_moving: "Прогон анимацией или видео",
    moving_hint: "от начала до конца, с текущими настройками и выбранной скоростью, повторяется по кругу: для Google Slides, PowerPoint, Keynote и всего, что не вставляет iframe.",
    moving_chart: "Какая диаграмма",
    making_moving: "Готовим",
    cancel: "Отменить",
    copy: "Копировать",
    copied: "Скопировано.",
    copy_failed: "Не удалось скопировать: выделите текст и скопируйте вручную.",
    open_alone: "Открыть отдельно и поделиться ссылкой →",
    player: "Управление симуляцией",
    play: "Пуск",
    pause: "Пауза",
    step: "Шаг вперёд",
    step_back: "Шаг назад",
    reset: "Сначала",
    repeat: "Повторять по кругу",
    speed: "Скорость",
    moment: "Момент времени",
    params_fixed: "Некоторые параметры ссылки поправлены:",
    directive_stray: "В описании симуляции непонятные слова пропущены: ",
    directive_unknown: "Не удалось показать симуляцию. В уроке указана симуляция, которой нет: ",
    empty: "(пусто)",
    available: "Есть: ",
    loading: "Загружаем текст раздела…",
    load_failed: "Не удалось загрузить текст раздела. Проверьте подключение и попробуйте ещё раз.",
    sim_load_failed: "Не удалось загрузить симуляцию. Проверьте подключение и попробуйте ещё раз.",
    retry: "Попробовать ещё раз",
    quiz_right: "Верно! Объяснения к каждому варианту — ниже вариантов.",
    quiz_wrong: "Не совсем. Прочитайте объяснения и попробуйте ещё раз.",
    quiz_choose: "Сначала выберите ответ.",
    read: "прочитано",
    questions: "вопросы",
    progress_reset: "Сохранённый прогресс не удалось прочитать, поэтому он начат заново.",
    progress_unsaved: "Браузер не даёт курсу сохранить прогресс: хранилище переполнено или отключено. Пока вкладка открыта, всё на месте; чтобы не потерять ответы, сохраните прогресс в файл внизу главной страницы.",
    reading_progress: "Прочитано от раздела",
    progress_title: "Ваш прогресс",
    progress_help: "Прогресс хранится в этом браузере. Чтобы продолжить на другом устройстве, сохраните его в файл и загрузите там.",
    progress_save: "Сохранить в файл",
    progress_load: "Загрузить из файла",
    progress_not_ours: "Этот файл не похож на сохранённый прогресс курса. Ничего не изменилось.",
    progress_too_large: "Файл слишком большой для прогресса курса. Ничего не изменилось.",
};

static EN: Ui = Ui {
    site_name: "asyncio, chapter 1",
    home_title: "Getting to know asyncio — an interactive course",
    skip_to_content: "Skip to content",
    footer: "Interactive notes on chapter 1 of M. Fowler’s “Python Concurrency with asyncio”.",
    switch_to: "English",
    switch_label: "Course language",
    start: "Start with the first section",
    continue_at: "Continue: ",
    contents: "Contents",
    simulations: "Simulations",
    previous: "← Back",
    next: "Next →",
    neighbours: "Neighbouring sections",
    not_found: "Nothing here",
    back_to_contents: "Back to the contents",
    embed_summary: "Share and embed in slides",
    embed_help: "The link, the code and the QR code below keep what is on the screen now. The embedded page shows only the simulation, without the site around it. In a frame shaped like a slide (16:9) it fits the frame whole; on an ordinary page the embed.js script fits the frame's height to its content.",
    share_link: "Link to this state",
    share_code: "Code for slides or a web page",
    export: "Save the timeline as a picture",
    timeline_table: "The timeline as a table",
    timeline_columns: ["When", "Who", "What"],
    timeline_earlier: "Earlier rows not shown:",
    lanes_left_out: "Lanes not drawn (the table below lists them):",
    export_svg: "Download SVG",
    export_png: "Download PNG",
    export_gif: "Animated GIF",
    export_webm: "WebM video",
    moving_size: "Size of the animation and video",
    export_moving: "The run as an animation or a video",
    moving_hint: "from start to end, with the current settings at the chosen speed, looping: for Google Slides, PowerPoint, Keynote and anything that cannot hold an iframe.",
    moving_chart: "Which chart",
    making_moving: "Making it",
    cancel: "Cancel",
    copy: "Copy",
    copied: "Copied.",
    copy_failed: "Could not copy: select the text and copy it by hand.",
    open_alone: "Open on its own page and share a link →",
    player: "Simulation controls",
    play: "Play",
    pause: "Pause",
    step: "Step forward",
    step_back: "Step back",
    reset: "Back to the start",
    repeat: "Loop",
    speed: "Speed",
    moment: "Moment in time",
    params_fixed: "Some parameters of the link were corrected:",
    directive_stray: "Words in the simulation's directive that mean nothing were skipped: ",
    directive_unknown: "The simulation could not be shown. The lesson names one that does not exist: ",
    empty: "(empty)",
    available: "Available: ",
    loading: "Loading the section’s text…",
    load_failed: "The section’s text could not be loaded. Check the connection and try again.",
    sim_load_failed: "The simulation could not be loaded. Check the connection and try again.",
    retry: "Try again",
    quiz_right: "Right! Each option's explanation is below it.",
    quiz_wrong: "Not quite. Read the explanations and try again.",
    quiz_choose: "Choose an answer first.",
    read: "read",
    questions: "questions",
    progress_reset: "The saved progress could not be read, so it has been started afresh.",
    progress_unsaved: "The browser does not let the course save your progress: its storage is full or switched off. Nothing is lost while this tab is open; to keep your answers, save your progress to a file at the bottom of the home page.",
    reading_progress: "Read of this section",
    progress_title: "Your progress",
    progress_help: "Progress is kept in this browser. To go on on another device, save it to a file and load it there.",
    progress_save: "Save to a file",
    progress_load: "Load from a file",
    progress_not_ours: "This file does not look like the course’s saved progress. Nothing has changed.",
    progress_too_large: "The file is too large to be the course’s progress. Nothing has changed.",
};

/// The language the learner reads in, shared through context.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

impl Language {
    /// The language an address without one opens in when it comes from the fragment-routed
    /// course (`/#/learn/gil`): the learner's stored choice, else the browser's language, else
    /// Russian. Every other address names its language.
    pub fn initial() -> Lang {
        browser::load(STORAGE_KEY)
            .and_then(|code| Lang::from_code(&code))
            .or_else(|| browser::languages().iter().find_map(|code| Lang::from_code(code)))
            .unwrap_or(Lang::Ru)
    }

    /// Switches to `lang` and remembers the choice (for old links).
    pub fn choose(&self, lang: Lang) {
        browser::save(STORAGE_KEY, lang.code());
        self.0.set(lang);
    }
}

/// The current language; Russian outside the app (in tests of single components).
pub fn use_lang() -> Signal<Lang> {
    match use_context::<Language>() {
        Some(Language(lang)) => lang.into(),
        None => Signal::stored(Lang::Ru),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_agree_with_their_number() {
        let forms = ["ядро", "ядра", "ядер"];
        let said: Vec<String> = [1, 2, 4, 5, 8, 11, 21].map(|n| ru_count(n, forms)).into();
        assert_eq!(said, ["1 ядро", "2 ядра", "4 ядра", "5 ядер", "8 ядер", "11 ядер", "21 ядро"]);
    }

    #[test]
    fn codes_are_read_loosely() {
        assert_eq!(Lang::from_code("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
    }
}
