//! Reflow: joining wrapped lines back into paragraphs.
//!
//! Whether a line ends its paragraph is decided from evidence, not from blank
//! lines alone: the column width around the line (estimated locally, since
//! widths change between articles and within one), whether the line is short,
//! whether it ends a sentence, and the trace of the first-line indent that
//! extractors drop (a paragraph's first line is set about two em short).
//! A blank line after a full line that stops mid-sentence is a column break.
//!
//! Hard evidence decides alone (kept indentation, a dateline, a jump marker,
//! a justified line, a wider column after a finished sentence); the rest is
//! weighed by a small logistic regression over [`FEATURES`], trained on
//! generated pages by `tools/train_breaks.py` (weights in `reflow_model.rs`).

use crate::measure::column_widths;
use crate::sheet::Line;
use crate::text::ends_sentence;

/// A line this much narrower than the column (in em) is short.
const SHORT: f32 = 1.5;
/// The first line of a paragraph is about this much narrower than the column.
const INDENT_MAX: f32 = 3.25;

/// What the run around a line boundary tells about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Context {
    /// The column's width there, in em.
    pub col: f32,
    /// Whether the line before the boundary starts a paragraph (its
    /// shortness is then the indent, not an ending).
    pub a_first: bool,
    /// Whether the run may still be in a deck (see [`unstopped_lines`]).
    pub unstopped: bool,
}

/// Whether a paragraph ends after line `a`, given the next line `b`, the
/// line after it (if any) and the run's context `cx`.
pub fn breaks_after(a: &Line, b: &Line, after: Option<&Line>, cx: Context) -> bool {
    if b.continued_from.is_some() || a.continued_to.is_some() {
        return true;
    }
    if let (Some(ga), Some(gb)) = (&a.geom, &b.geom) {
        return breaks_in_print(a, ga, b, gb) || crate::byline::parse(&b.text).dateline.is_some();
    }
    if b.indented {
        return true;
    }
    if crate::byline::parse(&b.text).dateline.is_some() {
        return true;
    }
    if b.text.starts_with(['（', '(']) && crate::byline::starts_dateline(&a.text) {
        // The reporters' bracket of a dateline cut at its line end.
        return false;
    }
    if a.spaced {
        // Justified, so not the last line of its paragraph.
        return false;
    }
    if ends_sentence(&a.text) && b.width > a.width + 2.0 * SHORT {
        // The next line is set in a wider column: a new layout, not a wrap.
        return true;
    }
    break_score(a, b, after, cx) > 0.0
}

/// A line ending this many em short of its column's right edge ends its
/// paragraph (input with geometry).
const SHORT_IN_PRINT: f32 = 0.6;

/// The break after `a` where both lines' geometry is known: what the text
/// model estimates, the page shows. A paragraph starts at a line indented
/// from its column's left edge, or after a line that stops short of the
/// column's right edge (unless the next line starts with a word too long
/// for the room left: an address wrapped whole), or where the size
/// changes. A centred line under a full line in the same font wraps a
/// centred paragraph.
fn breaks_in_print(a: &Line, ga: &crate::sheet::Geom, b: &Line, gb: &crate::sheet::Geom) -> bool {
    let (ra, rb) = (ga.bbox.rect, gb.bbox.rect);
    let room = ga.column[1] - ra[2];
    let word: String = b
        .text
        .chars()
        .take_while(|c| c.is_ascii_graphic())
        .collect();
    let needs = crate::measure::width(&word) * gb.size;
    let short = room > SHORT_IN_PRINT * ga.size && needs <= room;
    let (left, right) = (rb[0] - gb.column[0], gb.column[1] - rb[2]);
    let centred = left > SHORT_IN_PRINT * gb.size && (left - right).abs() <= gb.size;
    let same_size = (ga.size - gb.size).abs() < 0.05 * gb.size;
    let same_font = ga.font == gb.font && same_size;
    if centred && same_font && !short {
        return false;
    }
    // Another face at the same size starts a paragraph after a finished
    // sentence (a subhead, a deck); on a full line that runs on it is a
    // bold run-in lead or byline (`本报讯（记者 甲 乙 实习` / `生丙）…`).
    b.indented || short || !same_size || (!same_font && ends_sentence(&a.text))
}

/// The paragraph-break model's score (log-odds) for the boundary after `a`.
/// A logistic regression over [`FEATURES`], trained on generated pages by
/// `tools/train_breaks.py`: the evidence (sentence end, shortfalls, indent
/// trace, blank line) is weighed rather than ruled on one at a time.
pub fn break_score(a: &Line, b: &Line, after: Option<&Line>, cx: Context) -> f32 {
    let f = boundary_features(a, b, after, cx);
    crate::reflow_model::BIAS
        + f.iter()
            .zip(crate::reflow_model::WEIGHTS)
            .map(|(x, w)| x * w)
            .sum::<f32>()
}

/// Whether `b` looks like a paragraph's first line: about two em short of
/// the column, and followed by a fuller line (or ending its sentence).
pub fn is_first_line(b: &Line, after: Option<&Line>, col: f32) -> bool {
    let indent = col - b.width;
    (SHORT..=INDENT_MAX).contains(&indent)
        && !b.spaced
        && after.is_none_or(|n| {
            // A two-line paragraph's last line is short itself.
            n.spaced || n.width > b.width + 0.75 || ends_sentence(&b.text) || ends_sentence(&n.text)
        })
}

/// Names of the features of a line boundary, in [`boundary_features`] order.
pub const FEATURES: [&str; 28] = [
    "ends_sentence_a",
    "ends_comma_a",
    "ends_colon_a",
    "short_a",
    "short_b",
    "short_c",
    "sentence_x_short_a",
    "sentence_x_short_b",
    "sentence_x_first_b",
    "first_b",
    "gap",
    "sentence_x_gap",
    "opens_b",
    "punct_a",
    "punct_b",
    "halfwidth_b",
    "c_wider_than_b",
    "ends_sentence_b",
    "far_short_a",
    "wider_b",
    "spaced_b",
    "sentence_x_spaced_b",
    "spaced_short_b",
    "unstopped",
    "unstopped_x_first_b",
    "unstopped_x_short_b",
    "a_first",
    "a_first_x_short_a",
];

/// Features of the boundary between line `a` and the next line `b` (`c` is
/// the line after `b`), in the context `cx`. Shortfalls are measured in em
/// below the column and clamped, so that one odd line cannot dominate.
/// `cx.a_first` comes from the decision at the boundary before `a`; the
/// trainer takes it from the gold instead.
pub fn boundary_features(a: &Line, b: &Line, c: Option<&Line>, cx: Context) -> [f32; 28] {
    let Context {
        col,
        a_first,
        unstopped,
    } = cx;
    // A spread-out line was set full: its measured width says nothing.
    let width = |l: &Line| if l.spaced { l.width.max(col) } else { l.width };
    let short = |w: f32| ((col - w) / 2.0).clamp(-1.5, 4.0);
    let sentence = f32::from(u8::from(ends_sentence(&a.text)));
    let first = f32::from(u8::from(is_first_line(b, c, col)));
    let gap = f32::from(u8::from(b.gap_before));
    let flag = |x: bool| f32::from(u8::from(x));
    let punct = |t: &str| t.chars().filter(|ch| is_punct(*ch)).count() as f32 / 4.0;
    let halfwidth = |t: &str| t.chars().filter(|ch| ch.is_ascii_graphic()).count() as f32 / 8.0;
    [
        sentence,
        flag(a.text.ends_with(['，', '、', ','])),
        flag(a.text.ends_with(['：', ':'])),
        short(width(a)),
        short(width(b)),
        c.map_or(0.0, |c| short(width(c))),
        sentence * short(width(a)),
        sentence * short(width(b)),
        sentence * first,
        first,
        gap,
        sentence * gap,
        flag(b.text.starts_with(['“', '（', '《', '(', '「', '‘'])),
        punct(&a.text),
        punct(&b.text),
        halfwidth(&b.text),
        // Against the spread line's own characters (see spaced_short_b).
        c.map_or(0.0, |c| ((width(c) - b.width) / 2.0).clamp(-2.0, 3.0)),
        f32::from(u8::from(ends_sentence(&b.text))),
        flag(width(a) < col * 0.75 - 1.0),
        flag(width(b) > width(a) + 2.0 * SHORT),
        // Justification spreads a line with an unbreakable run of digits
        // or letters; such a line after a sentence end often opens a
        // paragraph, whose indent the spreading hides.
        flag(b.spaced),
        sentence * flag(b.spaced),
        // What the spreading hides: the spread line's own characters fall
        // short of the column by the indent on a paragraph's first line.
        flag(b.spaced) * short(b.width),
        flag(unstopped),
        flag(unstopped) * first,
        flag(unstopped) * short(width(b)),
        flag(a_first),
        flag(a_first) * short(width(a)),
    ]
}

/// Full-width punctuation, which some fonts set half width next to another.
fn is_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '！'
            | '？'
    )
}

/// For each line of a run, whether the run opens under a headline
/// (`headed`) and no line before it ended a sentence: the text may still
/// be in the article's deck, which may end without a stop.
pub fn unstopped_lines(lines: &[&Line], headed: bool) -> Vec<bool> {
    let mut open = headed;
    lines
        .iter()
        .map(|l| {
            let before = open;
            open &= !ends_sentence(&l.text);
            before
        })
        .collect()
}

/// Splits body lines (one column flow) into paragraphs: returns, for each
/// paragraph, the range of line positions in `lines`.
pub fn paragraphs(lines: &[&Line], headed: bool) -> Vec<std::ops::Range<usize>> {
    let widths: Vec<f32> = lines.iter().map(|l| l.width).collect();
    let cols = column_widths(&widths);
    let unstopped = unstopped_lines(lines, headed);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..lines.len() {
        let ends = match lines.get(i + 1) {
            None => true,
            Some(b) => {
                let cx = Context {
                    col: cols[i].max(cols[i + 1]),
                    a_first: start == i,
                    unstopped: unstopped[i],
                };
                breaks_after(lines[i], b, lines.get(i + 2).copied(), cx)
            }
        };
        if ends {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::{mode_width, window_modes};
    use crate::sheet::Sheet;
    use crate::text::join_lines;

    fn paras(text: &str) -> Vec<String> {
        paras_headed(text, false)
    }

    /// The paragraphs of `text` as one body run, under a headline or not.
    fn paras_headed(text: &str, headed: bool) -> Vec<String> {
        let sheet = Sheet::from_text(text);
        let lines: Vec<&Line> = sheet.lines.iter().collect();
        paragraphs(&lines, headed)
            .into_iter()
            .map(|r| join_lines(&lines[r].iter().map(|l| l.text.as_str()).collect::<Vec<_>>()))
            .collect()
    }

    /// A deck of two unpunctuated lines, then a paragraph whose first line
    /// is two em short of the 12-em column.
    const DECK: &str = "改革开放让国家面貌焕然一\n新，人民生活水平提高\n去年以来，全市各项工\n作稳步推进，经济发展势头\n良好，民生保障持续改善。\n";

    #[test]
    fn an_unpunctuated_deck_under_a_headline_is_its_own_paragraph() {
        assert_eq!(
            paras_headed(DECK, true),
            [
                "改革开放让国家面貌焕然一新，人民生活水平提高",
                "去年以来，全市各项工作稳步推进，经济发展势头良好，民生保障持续改善。"
            ]
        );
        // Mid-article, the same lines are one sentence wrapped.
        assert_eq!(paras_headed(DECK, false).len(), 1);
    }

    #[test]
    fn unstopped_lines_end_after_the_first_sentence_end() {
        let sheet = Sheet::from_text("甲乙，\n丙丁。\n戊己\n");
        let lines: Vec<&Line> = sheet.lines.iter().collect();
        assert_eq!(unstopped_lines(&lines, true), [true, true, false]);
        assert_eq!(unstopped_lines(&lines, false), [false; 3]);
    }

    #[test]
    fn a_dateline_cut_before_its_reporters_bracket_runs_on() {
        let text = "据新华社南宁3月15日电\n（记者王小明、李大伟）文化旅游节开幕\n式15日在广西首府南宁市举行，两国各界\n人士约一千人出席了当天的开幕式，共同\n观看了两国艺术家带来的精彩文艺演出。\n";
        assert_eq!(paras_headed(text, true).len(), 1);
    }

    #[test]
    fn a_spread_line_short_of_the_column_after_a_stop_leans_to_a_break() {
        // The score after a full line ending a sentence, when the next line
        // is spread by justification.
        let score = |spread: &str| {
            let text =
                format!("丁戊己庚辛壬癸子丑寅卯辰。\n{spread}\n里，在乡亲们的帮助下办起了\n");
            let sheet = Sheet::from_text(&text);
            let [a, b, c] = &sheet.lines[..] else {
                panic!("three lines");
            };
            let cx = Context {
                col: 13.0,
                a_first: false,
                unstopped: false,
            };
            break_score(a, b, Some(c), cx)
        };
        // Its own characters fall two em short (the indent, spread away),
        // or fill the column.
        let short = score("1998 年 夏 ， 老 王 回 到 了 村");
        let full = score("1998 年 夏 ， 他 带 全 家 回 到 了 村");
        assert!(short > full + 0.5, "{short} vs {full}");
    }

    #[test]
    fn short_line_with_stop_ends_paragraph() {
        let p = paras("一二三四五六七八九十\n一二三四五六七八九十\n一二三。\n一二三四五六七八\n一二三四五六七八九十\n一二三四五六七。");
        assert_eq!(p.len(), 2);
        assert!(p[0].ends_with("一二三。"));
    }

    #[test]
    fn column_break_mid_word_is_joined() {
        let p = paras("一二三四五六七八九十\n加快建设协同创新高\n\n地、民营经济发展高地\n一二三四五六七八九十\n一二三。");
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("创新高地"));
    }

    #[test]
    fn indent_trace_after_full_stop_line() {
        // The third line ends a sentence at full width; the fourth is two em short.
        let p = paras("一二三四五六七八九十\n一二三四五六七八九十\n一二三四五六七八九。\n三四五六七八九十\n一二三四五六七八九十\n一二三四五六七八九十");
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn two_line_paragraph_opens_with_its_indent() {
        // The fourth line is two em short and the fifth, its paragraph's
        // last, is shorter still: the fourth is an indented first line.
        let p = paras("一二三四五六七八九十\n一二三四五六七八九十\n一二三四五六七八九。\n三四五六七八九十\n一二三。\n一二三四五六七八九十\n一二三四五六七八九十\n一二三四五六七。");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[1].starts_with("三四五六七八九十"));
    }

    #[test]
    fn full_stop_line_followed_by_full_line_is_joined() {
        let p = paras("一二三四五六七八九十\n一二三四五六七八九。\n一二三四五六七八九十\n一二三四五六七八九十\n一二三。");
        assert_eq!(p.len(), 1);
    }

    #[test]
    fn window_modes_match_mode_width() {
        let ws = [
            10.0, 10.5, 9.0, 12.0, 12.0, 11.5, 3.0, 12.0, 10.0, 10.0, 10.0, 4.5,
        ];
        for (lo, hi) in [(-3isize, 3isize), (-4, -1), (1, 4)] {
            let got = window_modes(&ws, lo, hi, 2);
            for (i, m) in got.iter().enumerate() {
                let a = (i as isize + lo).max(0) as usize;
                let b = ((i as isize + hi + 1).max(0) as usize).min(ws.len());
                let mut win: Vec<f32> = ws[a.min(b)..b].to_vec();
                let want = (win.len() >= 2).then(|| mode_width(&mut win));
                assert_eq!(*m, want, "line {i}, window {lo}..={hi}");
            }
        }
    }

    #[test]
    fn mode_prefers_most_common_width() {
        let mut ws = vec![10.0, 10.0, 9.5, 3.0, 8.0, 10.0];
        assert_eq!(mode_width(&mut ws), 10.0);
    }
}
