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

/// Lines on each side used to estimate the column width.
const WINDOW: usize = 10;

/// The column width around each line, in em: the width most lines near it
/// share (within half an em), preferring the wider on ties.
pub fn column_widths(widths: &[f32]) -> Vec<f32> {
    let w = WINDOW as isize;
    window_modes(widths, -w, w, 1)
        .into_iter()
        .map(|m| m.unwrap_or(0.0))
        .collect()
}

/// Widths are multiples of half an em; histogram bins are half-em wide.
const MAX_BIN: usize = 1023;

fn bin(width: f32) -> usize {
    // Widths are sums of halves: truncating after a quarter rounds exactly.
    ((width * 2.0 + 0.25).max(0.0) as usize).min(MAX_BIN)
}

/// For each line `i`, the mode (as [`mode_width`] defines it) of the widths
/// at offsets `lo..=hi` from `i`, or `None` when fewer than `min` lines fall
/// in that window. A sliding histogram keeps it linear: no sorting per line.
pub fn window_modes(widths: &[f32], lo: isize, hi: isize, min: usize) -> Vec<Option<f32>> {
    let n = widths.len() as isize;
    let mut counts = vec![0u32; MAX_BIN + 2];
    let at = |k: isize| (0..n).contains(&k).then(|| widths[k as usize]);
    // Fill the window of line 0.
    for k in lo..=hi {
        if let Some(w) = at(k) {
            counts[bin(w)] += 1;
        }
    }
    let mut out = Vec::with_capacity(widths.len());
    for i in 0..n {
        if i > 0 {
            if let Some(w) = at(i + lo - 1) {
                counts[bin(w)] -= 1;
            }
            if let Some(w) = at(i + hi) {
                counts[bin(w)] += 1;
            }
        }
        let members = (i + lo).max(0)..(i + hi + 1).min(n);
        let mut best: Option<(u32, usize)> = None;
        for k in members.clone() {
            let b = bin(widths[k as usize]);
            let score = counts[b] + counts[b + 1] + b.checked_sub(1).map_or(0, |p| counts[p]);
            if best.is_none_or(|(s, bb)| score > s || (score == s && b > bb)) {
                best = Some((score, b));
            }
        }
        let enough = members.end - members.start >= min as isize;
        out.push(best.filter(|_| enough).map(|(_, b)| b as f32 / 2.0));
    }
    out
}

/// The width shared (within ±0.5 em) by most of `ws`; ties go to the wider.
pub fn mode_width(ws: &mut [f32]) -> f32 {
    ws.sort_by(|a, b| a.total_cmp(b));
    let (mut best, mut best_n) = (0.0, 0);
    let (mut lo, mut hi) = (0, 0);
    for &v in ws.iter() {
        while ws[lo] < v - 0.5 {
            lo += 1;
        }
        while hi < ws.len() && ws[hi] <= v + 0.5 {
            hi += 1;
        }
        if hi - lo >= best_n {
            best_n = hi - lo;
            best = v;
        }
    }
    best
}
