//! Measuring printed line width, in em, from text alone.
//!
//! Extractors drop the first-line indent, but a paragraph's first line is still
//! set about two em short of the column, so widths must be measured the way the
//! line was printed: CJK ideographs and full-width punctuation take one em,
//! digits and Latin letters about half an em, and inter-character spaces that
//! justification inserted take nothing.

/// Width of one character in em.
pub fn char_width(c: char) -> f32 {
    match c {
        ' ' | '\t' | '\u{a0}' => 0.0,
        '\u{3000}' => 1.0,
        c if c.is_ascii() => 0.5,
        // Latin-1 and general punctuation such as “” ‘’ — … are set full width in CJK fonts.
        '\u{2014}' | '\u{2026}' | '\u{2018}'..='\u{201f}' => 1.0,
        '\u{80}'..='\u{2000}' => 0.5,
        '\u{ff61}'..='\u{ffdc}' => 0.5, // half-width forms
        _ => 1.0,
    }
}

/// Printed width of a line in em.
///
/// ```
/// use banmian::measure::width;
/// assert_eq!(width("数 据 显 示 ， 截 至 2015 年"), 10.0);
/// ```
pub fn width(text: &str) -> f32 {
    text.chars().map(char_width).sum()
}

/// Whether `c` is a CJK ideograph (or a CJK-compatible one).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}')
}

/// Whether `c` is full-width CJK punctuation or an ideograph (no space is put
/// next to it when lines are joined).
pub fn is_wide(c: char) -> bool {
    char_width(c) >= 1.0 && c != '\u{3000}'
}
