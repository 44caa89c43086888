//! A program as part of a link: compressed with lz-string into URL-safe characters, so a
//! program is a link and an embed. Decoding never panics and refuses anything too big.

use super::program::MAX_PROGRAM_CHARS;

/// The longest link text accepted before decompressing (a compressed program of the largest
/// size is far shorter).
pub const MAX_LINK_CHARS: usize = 16_000;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventloop::PRESETS;
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
