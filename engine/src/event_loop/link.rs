//! A program as part of a link: compressed with lz-string into URL-safe characters, so a
//! program is a link and an embed. Decoding never panics and refuses anything too big.

use super::program::MAX_PROGRAM_CHARS;
use super::PRESETS;
use crate::params::{quote, ParamIssue};

/// The query key of a program written as a link.
pub const PROGRAM_KEY: &str = "p";
/// The query key of a ready-made program.
pub const PRESET_KEY: &str = "preset";
/// The presets' names as a link may give them, for the note on one it does not know.
pub const PRESET_NAMES: &str =
    "blocking, gather, cpu, create-task, hundred, queue, lock, timeout, task-group, to-thread";

/// The longest link text accepted before decompressing: what the largest program the editor
/// takes may need at worst. lz-string spends at most two 16-bit codes on a character it cannot
/// compress (its own code and the dictionary's), written 6 bits to a link character: under 6
/// link characters a program character.
pub const MAX_LINK_CHARS: usize = MAX_PROGRAM_CHARS * 6;

/// The program as URL-safe text.
pub fn encode(program: &str) -> String {
    lz_str::compress_to_encoded_uri_component(program)
}

/// The program back from [`encode`]'s text; `None` when the text is not one.
pub fn decode(text: &str) -> Option<String> {
    if text.is_empty() || text.len() > MAX_LINK_CHARS {
        return None;
    }
    // A `+` that became a space on the way (form encoding) is put back.
    let text = text.replace(' ', "+");
    let wide = lz_str::decompress_from_encoded_uri_component(&text)?;
    let program = String::from_utf16(&wide).ok()?;
    (!program.is_empty() && program.chars().count() <= MAX_PROGRAM_CHARS).then_some(program)
}

/// The program a link asks for: its own (`p`), a ready-made one by name (`preset`), or the
/// first ready-made one; what cannot be read is reported, as is any other key not in `known`.
pub fn read<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    known: &[&str],
) -> (String, Vec<ParamIssue>) {
    let mut issues: Vec<ParamIssue> = pairs
        .clone()
        .into_iter()
        .filter(|(k, _)| ![PROGRAM_KEY, PRESET_KEY].contains(k) && !known.contains(k))
        .map(|(k, _)| ParamIssue::Unknown { key: quote(k) })
        .collect();
    let value =
        |key: &str| pairs.clone().into_iter().filter(|(k, _)| *k == key).last().map(|(_, v)| v);
    if let Some(text) = value(PROGRAM_KEY) {
        match decode(text) {
            Some(program) => return (program, issues),
            None => {
                issues.push(ParamIssue::LeftOut { key: PROGRAM_KEY, value: quote(text), kept: 0 })
            }
        }
    }
    let name = value(PRESET_KEY).unwrap_or(PRESETS[0].0);
    let program = match PRESETS.iter().find(|(n, _)| *n == name) {
        Some((_, src)) => src,
        None => {
            let value = quote(name);
            issues.push(ParamIssue::NotOneOf { key: PRESET_KEY, value, allowed: PRESET_NAMES });
            PRESETS[0].1
        }
    };
    (program.to_owned(), issues)
}

/// The link's pairs for a program: a ready-made one by name, any other compressed.
pub fn pairs(program: &str) -> Vec<(&'static str, String)> {
    match PRESETS.iter().find(|(_, src)| *src == program) {
        Some((name, _)) => vec![(PRESET_KEY, (*name).to_owned())],
        None => vec![(PROGRAM_KEY, encode(program))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_a_link_may_give_are_the_presets() {
        let names: Vec<&str> = PRESETS.iter().map(|(name, _)| *name).collect();
        assert_eq!(PRESET_NAMES, names.join(", "));
    }

    #[test]
    fn a_link_gives_back_its_program() {
        let own = "import asyncio\nprint(1)\n";
        for program in [PRESETS[3].1, own] {
            let pairs = pairs(program);
            let back = read(pairs.iter().map(|(k, v)| (*k, v.as_str())), &[]);
            assert_eq!(back, (program.to_owned(), vec![]));
        }
        assert_eq!(pairs(PRESETS[3].1), [(PRESET_KEY, PRESETS[3].0.to_owned())]);
    }

    #[test]
    fn a_broken_link_falls_back_to_the_first_preset_with_a_note() {
        let (program, issues) = read([("p", "%%%"), ("t", "3"), ("x", "1")], &["t"]);
        assert_eq!(program, PRESETS[0].1);
        assert_eq!(issues.len(), 2, "{issues:?}");
        let (program, issues) = read([("preset", "nope")], &[]);
        assert_eq!(program, PRESETS[0].1);
        assert!(matches!(issues[..], [ParamIssue::NotOneOf { key: PRESET_KEY, .. }]));
    }
    use proptest::prelude::*;

    #[test]
    fn every_preset_survives_the_trip_through_a_link() {
        for (name, src) in PRESETS {
            let link = encode(src);
            assert!(link.chars().all(|c| c.is_ascii_alphanumeric() || "+-$".contains(c)), "{name}");
            assert_eq!(decode(&link).as_deref(), Some(src));
            assert_eq!(decode(&link.replace('+', " ")).as_deref(), Some(src));
        }
    }

    #[test]
    fn broken_links_are_refused() {
        for text in ["", "!!!", "%%", "AAAA", "€", &"Q".repeat(MAX_LINK_CHARS + 1)] {
            assert_eq!(decode(text), None, "{text:.20}");
        }
    }

    proptest! {
        #[test]
        fn decoding_any_text_never_panics(text in "\\PC{0,300}") {
            let _ = decode(&text);
        }

        #[test]
        fn a_damaged_link_never_panics(cut in 0usize..200, insert in "[A-Za-z0-9+$-]{0,5}") {
            let link = encode(PRESETS[1].1);
            let at = cut.min(link.len());
            let damaged = format!("{}{insert}{}", &link[..at], &link[(at + 3).min(link.len())..]);
            let _ = decode(&damaged);
        }
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    /// A program of the largest size the editor takes, as hard to compress as Python text
    /// gets: a comment of characters that never repeat in a pattern.
    fn hardest_program() -> String {
        let mut x: u32 = 12345;
        let mut text = String::from("# ");
        while text.chars().count() < MAX_PROGRAM_CHARS {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Printable ASCII, Cyrillic, and any other letter a comment may hold.
            let c = match x % 3 {
                0 => char::from_u32(0x430 + x % 32),
                1 => char::from_u32(33 + x % 94),
                _ => char::from_u32(0x4E00 + x % 20_000),
            };
            text.push(c.unwrap_or('x'));
        }
        text
    }

    #[test]
    fn the_largest_program_the_editor_takes_fits_in_a_link() {
        let program = hardest_program();
        assert_eq!(program.chars().count(), MAX_PROGRAM_CHARS);
        let link = encode(&program);
        assert!(link.len() <= MAX_LINK_CHARS, "{} characters", link.len());
        assert_eq!(decode(&link), Some(program));
    }
}
