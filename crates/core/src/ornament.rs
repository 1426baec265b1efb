//! Ornament glyphs: rules and frame pieces that e-paper fonts draw as
//! characters of the Private Use Areas.
//!
//! Text extractors emit such a rule as a run of one repeated private-use code
//! point (often closed by a different end glyph), on a line of its own or
//! glued to the text it underlines. It is not text: [`strip`] removes it and
//! lists it as [`DropReason::Ornament`]. It is still evidence: a rule is a
//! boundary on the page, so the line it stood on becomes a blank line (the
//! text stages read a blank line as a possible break), and a rule glued to
//! the end or start of a line is replaced by a blank line there.
//!
//! A lone private-use character between ordinary characters is kept: some
//! fonts map rare ideographs to the Private Use Area, and those are text.

use crate::model::{DropReason, Dropped};

/// Whether `c` lies in a Private Use Area (U+E000–U+F8FF, planes 15–16).
///
/// ```
/// assert!(banmian::ornament::is_private_use('\u{E1A0}'));
/// assert!(banmian::ornament::is_private_use('\u{100948}'));
/// assert!(!banmian::ornament::is_private_use('中'));
/// ```
pub fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Whether `text` holds a private-use character, from its UTF-8 lead
/// bytes (a page without ornaments costs one pass over its bytes):
/// U+E000–U+EFFF start with EE, U+F000–U+F8FF with EF 80–A3, plane 15
/// with F3 B0–BF, plane 16 with F4.
fn has_private_use(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| {
        matches!(
            w,
            [0xEE | 0xF4, _] | [0xEF, 0x80..=0xA3] | [0xF3, 0xB0..=0xFF]
        )
    })
}

/// A run of private-use characters this long (spaces between them allowed)
/// is an ornament wherever it stands; a shorter one only when it is all its
/// line holds. Rules are drawn by repetition: two glyphs are the shortest.
const RUN: usize = 2;

/// Removes ornament runs from `text`; returns the new text and the runs,
/// each as one [`Dropped`] with reason [`DropReason::Ornament`].
///
/// ```
/// use banmian::ornament::strip;
/// let (text, dropped) = strip("标题\n\u{E1A0}\u{E1A0}\u{E1A0}\u{E1A1}\n正文。\n");
/// assert_eq!(text, "标题\n\n正文。\n");
/// assert_eq!(dropped[0].text, "\u{E1A0}\u{E1A0}\u{E1A0}\u{E1A1}");
/// ```
pub fn strip(text: &str) -> (String, Vec<Dropped>) {
    if !has_private_use(text) {
        return (text.to_owned(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut dropped = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        strip_line(line, &mut out, &mut dropped);
    }
    (out, dropped)
}

/// Copies `line` to `out` without its ornament runs.
fn strip_line(line: &str, out: &mut String, dropped: &mut Vec<Dropped>) {
    let runs = runs(line);
    if runs.is_empty() {
        out.push_str(line);
        return;
    }
    let only = runs.len() == 1
        && line[..runs[0].0].trim().is_empty()
        && line[runs[0].1..].trim().is_empty();
    let mut at = 0;
    for &(s, e) in &runs {
        let piece = &line[s..e];
        if !only && piece.chars().filter(|c| is_private_use(*c)).count() < RUN {
            continue;
        }
        let before = &line[at..s];
        out.push_str(before);
        dropped.push(Dropped {
            text: piece.to_string(),
            reason: DropReason::Ornament,
        });
        // A rule is a boundary: the text after it starts a new block. A
        // rule between two texts breaks the line and leaves a blank line;
        // one at a line's end or start adds the blank line after or before.
        let (text_before, text_after) = (!before.trim().is_empty(), !line[e..].trim().is_empty());
        if text_before && text_after {
            out.push_str("\n\n");
        } else if text_before || (text_after && !out.is_empty() && !out.ends_with("\n\n")) {
            out.push('\n');
        }
        at = e;
    }
    out.push_str(&line[at..]);
}

/// Byte ranges of the private-use runs of `line` (spaces inside a run
/// belong to it; spaces around it do not).
fn runs(line: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in line.char_indices() {
        if is_private_use(c) {
            let start = open.map_or(i, |(s, _)| s);
            open = Some((start, i + c.len_utf8()));
        } else if c != ' ' {
            runs.extend(open.take());
        }
    }
    runs.extend(open);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "\u{100948}\u{100948}\u{100948}\u{1009C8}";

    #[test]
    fn a_rule_on_its_own_line_becomes_a_blank_line() {
        let (text, dropped) = strip(&format!("导读\n第八版\n{RULE}\n生态\n"));
        assert_eq!(text, "导读\n第八版\n\n生态\n");
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].reason, DropReason::Ornament);
        assert_eq!(dropped[0].text, RULE);
    }

    #[test]
    fn a_rule_glued_to_a_line_end_ends_the_line_with_a_gap() {
        let (text, dropped) = strip(&format!("新华社记者 王五摄{RULE}\n正文。\n"));
        assert_eq!(text, "新华社记者 王五摄\n\n正文。\n");
        assert_eq!(dropped[0].text, RULE);
        let (text, _) = strip(&format!("{RULE}标题文字\n"));
        assert_eq!(text, "标题文字\n");
        let (text, _) = strip(&format!("上文{RULE}下文\n"));
        assert_eq!(text, "上文\n\n下文\n");
    }

    #[test]
    fn spaced_rules_and_lone_glyphs() {
        // Spaces between the glyphs belong to the rule.
        let (text, dropped) = strip("\u{E1A0} \u{E1A0} \u{E1A1}\n正文\n");
        assert_eq!(
            (text.as_str(), dropped[0].text.as_str()),
            ("\n正文\n", "\u{E1A0} \u{E1A0} \u{E1A1}")
        );
        // A lone private-use character inside text may be a rare ideograph.
        let (text, dropped) = strip("某\u{E000}村\n");
        assert_eq!((text.as_str(), dropped.len()), ("某\u{E000}村\n", 0));
        // ...but alone on its line it is a frame piece.
        let (text, dropped) = strip("甲\n\u{E000}\n乙\n");
        assert_eq!((text.as_str(), dropped.len()), ("甲\n\n乙\n", 1));
    }

    #[test]
    fn the_byte_scan_finds_every_private_use_plane() {
        for c in [
            '\u{E000}',
            '\u{EFFF}',
            '\u{F000}',
            '\u{F8FF}',
            '\u{F0000}',
            '\u{FFFFD}',
            '\u{100000}',
            '\u{10FFFD}',
        ] {
            assert!(has_private_use(&format!("甲{c}乙")), "{c:?}");
        }
        // Full-width forms (EF BC..) and CJK are not private use.
        for c in ['，', '（', '\u{F900}', '\u{FFFD}', '中', '\u{E0100}'] {
            assert!(!has_private_use(&format!("甲{c}乙")), "{c:?}");
        }
    }

    #[test]
    fn text_without_private_use_is_unchanged() {
        let page = "人民日报\n\n正文一行。\n";
        assert_eq!(strip(page), (page.to_string(), vec![]));
    }
}
