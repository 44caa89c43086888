//! Syntax highlighting of code blocks at build time, with syntect: the HTML gets `hl-…`
//! classes (one per scope part, e.g. `hl-keyword hl-control`) and the course's stylesheet
//! colours them, so both themes work and the app carries no highlighter.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The `<pre><code>` block for `code` in `language`; `None` for a language syntect does not
/// know (the caller renders it plain).
pub fn code_block(language: &str, code: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(format!(
        "<pre tabindex=\"0\"><code class=\"language-{language}\">{}</code></pre>\n",
        generator.finalize()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_keywords_strings_and_comments_get_classes() {
        let html = code_block("python", "async def f():\n    await g(\"x\")  # wait\n").unwrap();
        assert!(html.starts_with(r#"<pre tabindex="0"><code class="language-python">"#), "{html}");
        assert!(html.contains("hl-storage"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("&quot;") && !html.contains("\"x\""), "text is escaped: {html}");
    }

    #[test]
    fn an_unknown_language_is_left_to_the_plain_renderer() {
        assert_eq!(code_block("no-such-language", "x"), None);
    }
}
