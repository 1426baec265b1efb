//! Measuring printed line width, in em, from text alone.
//!
//! Extractors drop the first-line indent, but a paragraph's first line is still
//! set about two em short of the column, so widths must be measured the way the
//! line was printed: CJK ideographs and full-width punctuation take one em,
//! digits and Latin letters about half an em, and inter-character spaces that
//! justification inserted take nothing.

/// Curly quotes, set full width by some CJK fonts and half width by others.
pub fn is_curly_quote(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}')
}

/// Width of one character in em (curly quotes counted full width).
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

/// Printed width with curly quotes counted as `quote` em.
pub fn width_with(text: &str, quote: f32) -> f32 {
    text.chars()
        .map(|c| {
            if is_curly_quote(c) {
                quote
            } else {
                char_width(c)
            }
        })
        .sum()
}

/// Chooses the quote width (½ or 1 em) that makes lines with quotes as wide
/// as the quote-free lines around them, and re-measures the sheet with it.
/// Fonts differ, and a wrong guess makes full lines look too wide.
pub fn calibrate(sheet: &mut crate::sheet::Sheet) {
    let has_quote: Vec<bool> = sheet
        .lines
        .iter()
        .map(|l| l.text.chars().any(is_curly_quote))
        .collect();
    let (mut err_half, mut err_full) = (0.0f32, 0.0f32);
    for i in 0..sheet.lines.len() {
        if !has_quote[i] {
            continue;
        }
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(sheet.lines.len());
        let mut near: Vec<f32> = (lo..hi)
            .filter(|&j| !has_quote[j])
            .map(|j| sheet.lines[j].width)
            .collect();
        if near.len() < 3 {
            continue;
        }
        let col = crate::reflow::mode_width(&mut near);
        let text = &sheet.lines[i].text;
        // Only lines near the column width say anything about the font.
        let (half, full) = (width_with(text, 0.5), width_with(text, 1.0));
        if (half - col).abs().min((full - col).abs()) <= 1.0 {
            err_half += (half - col).abs();
            err_full += (full - col).abs();
        }
    }
    if err_half < err_full {
        sheet.quote_width = 0.5;
        for line in &mut sheet.lines {
            line.width = width_with(&line.text, 0.5);
        }
    }
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
