//! Headline stacks: recognising headline lines, grouping them into stacks,
//! joining headlines wrapped over lines, and assigning kicker / title /
//! subtitles. (Attaching a stack to its article is [`crate::segment`]'s job.)
//!
//! Text alone carries no font sizes, so a line is a headline line on
//! evidence: it never ends a clause (，。、；：), it starts fresh (after a
//! finished sentence, a blank line or non-body text), and it does not fit the
//! body column on either side of it, or stands alone between blank lines, or
//! sits right above a paragraph start (a dateline, the indent trace). Short
//! groups of such lines, lines far wider than both neighbouring columns (with
//! the unfinished lines above them) and the lines that continue a headline
//! are marked too. Runs of headline lines become stacks; wrapped lines are
//! joined into units (a blank line, a much wider line, or a full line after a
//! unit's short last line starts the next unit, unless brackets are open).

use crate::sheet::{Line, Role, Sheet};
use crate::stack::{is_subtitle_like, Stack, SAME_SIZE, UNIT_PITCH};
use crate::text::{bracket_depth, ends_sentence, join_lines};

/// How much wider than the column a line may be and still be body text.
const WIDER: f32 = 1.25;
/// How much narrower than the column a line may be and still be body text
/// (a paragraph's first line is about two em short).
const NARROWER: f32 = 3.5;
/// Longest block of lines taken as a headline on its own.
const MAX_ISOLATED: usize = 3;

/// Body lines on each side used to estimate the column a line sits in.
const SIDE: usize = 8;

/// The column widths before and after each of the `widths` (excluding the
/// line itself), so that a change of column between articles or within one
/// does not make the first line of the new column look out of place.
fn side_columns(widths: &[f32]) -> Vec<(Option<f32>, Option<f32>)> {
    let side = SIDE as isize;
    let before = crate::measure::window_modes(widths, -side, -1, 2);
    let after = crate::measure::window_modes(widths, 1, side, 2);
    before.into_iter().zip(after).collect()
}

/// Marks headline lines and builds the stacks.
pub fn run(sheet: &mut Sheet) {
    // Where a line's geometry is known, its size has decided (see
    // `Geom`): the text estimates below are for lines without it.
    let body: Vec<usize> = (0..sheet.lines.len())
        .filter(|&i| sheet.lines[i].role == Role::Body && sheet.lines[i].geom.is_none())
        .collect();
    let widths: Vec<f32> = body.iter().map(|&i| sheet.lines[i].width).collect();
    let cols = side_columns(&widths);
    mark_groups(sheet, &body, &cols);
    mark_wide(sheet, &body, &cols);
    let gapless = !sheet.lines.iter().any(|l| l.gap_before);
    // In page order, so that a line can see the decision on the one before.
    for (&i, &col) in body.iter().zip(&cols) {
        if sheet.lines[i].role != Role::Body {
            continue;
        }
        if is_headline(sheet, i, col, gapless) || continues_headline(sheet, i, col) {
            sheet.lines[i].role = Role::Headline;
        }
    }
    for line in &mut sheet.lines {
        if line.role == Role::Headline && is_report_credit(&line.text) {
            line.role = Role::Body;
        }
    }
    sheet.stacks = group(sheet);
}

/// A photo report's credit line (`张 三 李 四摄影报道`): set apart like a
/// headline, and spread by justification, but the report's last words.
fn is_report_credit(text: &str) -> bool {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.ends_with("摄影报道")
}

/// Whether line `i` shows a paragraph's first-line indent trace.
fn first_line_at(sheet: &Sheet, i: usize, col: f32) -> bool {
    let after = sheet.lines.get(i + 1).filter(|l| l.role == Role::Body);
    crate::reflow::is_first_line(&sheet.lines[i], after, col)
}

/// The lines have the shape of a paragraph's start: the first line set an
/// indent short of the column and the second full (a lead that ends without
/// punctuation, not a headline).
fn paragraph_shape(sheet: &Sheet, lines: &[usize], col: f32) -> bool {
    let [first, second, ..] = lines else {
        return false;
    };
    let (a, b) = (sheet.lines[*first].width, sheet.lines[*second].width);
    (col - INDENT_TRACE..=col - 1.25).contains(&a) && b >= col - 1.0
}

/// Prose, not a headline: a sentence ends inside the line.
fn has_inner_stop(text: &str) -> bool {
    let t = text.trim_end();
    t.char_indices()
        .any(|(i, c)| c == '。' && i + c.len_utf8() < t.len())
}

/// How much narrower than its column a paragraph's first line can be.
const INDENT_TRACE: f32 = 3.25;
/// Most lines of a headline group.
const MAX_GROUP: usize = 3;

/// Marks short groups of lines that start fresh, never end a clause, and
/// stop where the text clearly stops (a line far short of the column, a
/// blank line, or a paragraph start after them): a wrapped headline set in
/// the body's flow (`张三：一生热血卫家园（为了 / 民族复兴·英雄烈士谱）`
/// above a dateline).
fn mark_groups(sheet: &mut Sheet, body: &[usize], cols: &[(Option<f32>, Option<f32>)]) {
    let mut k = 0;
    while k < body.len() {
        let end = group_end(sheet, body, cols, k);
        match end {
            Some(e) => {
                for &i in &body[k..=e] {
                    sheet.lines[i].role = Role::Headline;
                }
                k = e + 1;
            }
            None => k += 1,
        }
    }
}

/// Lines back from a far-too-wide line that a headline may span.
const MAX_BACK: usize = 4;

/// A line far wider than the columns on both sides of it cannot be body
/// text, even in the middle of a block: it and the unfinished lines above it
/// (back to a fresh start) are a headline.
fn mark_wide(sheet: &mut Sheet, body: &[usize], cols: &[(Option<f32>, Option<f32>)]) {
    for (k, &i) in body.iter().enumerate() {
        let line = &sheet.lines[i];
        let far_wider = [cols[k].0, cols[k].1]
            .iter()
            .flatten()
            .all(|c| line.width > 1.5 * c + 2.0);
        let sides = cols[k].0.is_some() || cols[k].1.is_some();
        if !sides || !far_wider || line.role != Role::Body || is_paragraph_start(line) {
            continue;
        }
        // A deck of whole sentences, set across the columns, may run down
        // to the dateline that opens the body.
        let prose = ends_clause(&line.text) || has_inner_stop(&line.text);
        if prose && !deck_over_dateline(sheet, body, cols, k) {
            continue;
        }
        let mut first = k;
        while first > 0
            && k - first < MAX_BACK
            && !sheet.lines[body[first]].gap_before
            && body[first - 1] + 1 == body[first]
            && sheet.lines[body[first - 1]].role == Role::Body
            && !ends_clause(&sheet.lines[body[first - 1]].text)
        {
            first -= 1;
        }
        if starts_fresh(sheet, body[first]) {
            for &j in &body[first..=k] {
                sheet.lines[j].role = Role::Headline;
            }
        }
    }
}

/// Whether the lines from position `k` on stay wider than their column,
/// without a blank line, for at most [`MAX_BACK`] lines, and the next one
/// opens a dateline.
fn deck_over_dateline(
    sheet: &Sheet,
    body: &[usize],
    cols: &[(Option<f32>, Option<f32>)],
    k: usize,
) -> bool {
    for e in k..(k + MAX_BACK + 1).min(body.len()) {
        let line = &sheet.lines[body[e]];
        if e > k && (line.gap_before || body[e] != body[e - 1] + 1) {
            return false;
        }
        if e > k && opens_dateline(line) {
            return true;
        }
        let wider = [cols[e].0, cols[e].1]
            .iter()
            .flatten()
            .all(|c| line.width > c + WIDER);
        if !wider {
            return false;
        }
    }
    false
}

/// The last position (in `body`) of a headline group starting at `k`.
fn group_end(
    sheet: &Sheet,
    body: &[usize],
    cols: &[(Option<f32>, Option<f32>)],
    k: usize,
) -> Option<usize> {
    let first = body[k];
    if !starts_fresh(sheet, first) {
        return None;
    }
    let col = cols[k].1.or(cols[k].0)?;
    let (mut misfits, mut wide) = (false, false);
    for e in k..(k + MAX_GROUP).min(body.len()) {
        let line = &sheet.lines[body[e]];
        if e > k && (line.gap_before || body[e] != body[e - 1] + 1) {
            return None;
        }
        if ends_clause(&line.text) || line.text.contains('。') || line.continued_to.is_some() {
            return None;
        }
        if opens_dateline(line)
            || is_end_note(sheet, body[e])
            || runs_on(sheet, body[e])
            || closes_in_prose(sheet, body[e])
        {
            return None;
        }
        // Beyond what a paragraph's first-line indent explains, against the
        // columns on both sides (the layout may change here).
        let sides = [cols[e].0, cols[e].1];
        let beyond = |c: &Option<f32>| {
            c.is_none_or(|c| line.width > c + WIDER || line.width < c - INDENT_TRACE)
        };
        misfits |= sides.iter().all(beyond);
        wide |= sides
            .iter()
            .flatten()
            .all(|c| line.width > c + WIDER.max(0.2 * c));
        let far_short = sides.iter().flatten().all(|c| line.width < 0.7 * c);
        let next = sheet.lines.get(body[e] + 1);
        let gap_after = next.is_none_or(|n| n.gap_before || n.role != Role::Body);
        let restarts = next.is_some_and(|n| n.role == Role::Body && is_paragraph_start(n));
        // Far wider than the column: only the indent trace is needed after it.
        let weak_restart = wide
            && next.is_some_and(|n| n.role == Role::Body && first_line_at(sheet, body[e] + 1, col));
        if paragraph_shape(sheet, &body[k..=e], col) {
            return None;
        }
        if restarts || weak_restart || (misfits && (far_short || gap_after)) {
            return Some(e);
        }
    }
    None
}

/// Whether a line of `width` can be body text of a column `col` wide. Wide
/// columns allow more slack: justification and half-width characters make
/// their measured widths vary more.
fn fits(width: f32, col: Option<f32>) -> bool {
    col.is_some_and(|c| width <= c + WIDER.max(0.04 * c) && width >= c - NARROWER.max(0.12 * c))
}

/// Whether a line of `width` fits neither the column before nor after it.
fn misfit(width: f32, (before, after): (Option<f32>, Option<f32>)) -> bool {
    (before.is_some() || after.is_some()) && !fits(width, before) && !fits(width, after)
}

/// Ends a clause: a headline line does not end like this.
/// An ellipsis or dash may end a kicker (`逛庙会、看花灯、品尝年俗……`).
fn ends_clause(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with("……") || t.ends_with("——") {
        return false;
    }
    ends_sentence(t) || t.ends_with(['，', '、', '：', '；', ',', ':'])
}

fn is_headline(sheet: &Sheet, i: usize, col: (Option<f32>, Option<f32>), gapless: bool) -> bool {
    let line = &sheet.lines[i];
    if ends_clause(&line.text) || line.continued_to.is_some() || line.continued_from.is_some() {
        return false;
    }
    // Cheap tests first: most lines continue a sentence from the line above.
    if has_inner_stop(&line.text) || !starts_fresh(sheet, i) || opens_on_clauses(sheet, i) {
        return false;
    }
    if next_is_jump(sheet, i)
        || closes_in_prose(sheet, i)
        || wraps_into_brief(sheet, i)
        || is_paragraph_start(line)
        || is_end_note(sheet, i)
        // A column's tag ends the line: the next line's opening clause
        // (`人、财、物…`) is a list, not this line's sentence running on.
        || (runs_on(sheet, i) && !opens_with_tag(sheet, i, gapless))
    {
        return false;
    }
    misfit(line.width, col)
        || stands_alone(sheet, i)
        || heads_paragraph(sheet, i, col)
        || opens_with_tag(sheet, i, gapless)
        || heads_bullets(sheet, i)
}

/// Bullets that open a point of a list (a summary under a headline, a
/// numbered subhead).
pub(crate) const BULLETS: [char; 6] = ['■', '●', '▲', '◆', '□', '○'];

/// The next line opens a bulleted point (`■尼航是…`) and this one, not a
/// point itself, starts fresh: the headline the points sum up, even one
/// that fits the column.
fn heads_bullets(sheet: &Sheet, i: usize) -> bool {
    let next = sheet
        .lines
        .get(i + 1)
        .filter(|l| l.role == Role::Body && !l.gap_before);
    !sheet.lines[i].text.starts_with(BULLETS) && next.is_some_and(|n| n.text.starts_with(BULLETS))
}

/// A line of several clauses (two commas) cannot open a headline: only a
/// long subtitle, under its title, runs on like that.
fn opens_on_clauses(sheet: &Sheet, i: usize) -> bool {
    let under_head = i > 0 && sheet.lines[i - 1].role == Role::Headline;
    !under_head && has_clauses(&sheet.lines[i].text)
}

/// Whether `text` holds two clauses' commas or more: prose, or a deck.
fn has_clauses(text: &str) -> bool {
    text.matches(['，', ',']).count() >= 2
}

/// A line after a blank line that ends with a column's tag
/// (`让城市发展与生态保护相协调（大家手笔）`) is a title, even one that
/// happens to fit the column: running text does not end a line that way.
fn opens_with_tag(sheet: &Sheet, i: usize, gapless: bool) -> bool {
    let line = &sheet.lines[i];
    // Where the extractor keeps no blank lines at all (`pdftotext -raw`,
    // MuPDF), a fresh start stands in for the blank line; a dateline's
    // bracketed reporter (`本报北京1月31日电 （记者王小明）`) is no tag.
    let apart = || {
        line.gap_before
            || (gapless && crate::byline::parse(&line.text) == crate::byline::Byline::default())
    };
    // The tag may wrap onto a short next line (`…温暖的家园（多` / `棱镜）`).
    let tagged = || {
        has_column_tag(&line.text)
            || (bracket_depth(&line.text) > 0
                && sheet.lines.get(i + 1).is_some_and(|next| {
                    !next.gap_before
                        && next.text.chars().count() <= MAX_TAG_TAIL
                        && has_column_tag(&format!("{}{}", line.text, next.text))
                }))
    };
    !line.text.contains(['。', '；', '：']) && tagged() && apart()
}

/// Longest part of a column's tag wrapped onto the next line.
const MAX_TAG_TAIL: usize = 6;

/// The next line is a paragraph's first line (the indent trace: about two
/// em short, then a full line), so this unfinished line cannot be body text.
fn heads_paragraph(sheet: &Sheet, i: usize, (_, after): (Option<f32>, Option<f32>)) -> bool {
    let (Some(next), Some(col)) = (sheet.lines.get(i + 1), after) else {
        return false;
    };
    if next.role != Role::Body || next.gap_before {
        return false;
    }
    let after_next = sheet.lines.get(i + 2).filter(|l| l.role == Role::Body);
    // A line as wide as the indent-trace line under it is itself a
    // paragraph's first line whose next line holds a narrow quote
    // (`…，用奋斗 / 追求幸福…“追梦`), not a headline over it.
    let line = &sheet.lines[i];
    let twin = (line.width - next.width).abs() < 0.5;
    crate::byline::parse(&next.text).dateline.is_some()
        || next.continued_from.is_some()
        || (!twin
            && crate::reflow::is_first_line(next, after_next, col)
            && after_next.is_some_and(|l| l.width >= col - 1.0))
}

/// A headline's first line does not continue a sentence from the line
/// above it: that line is not body text, ends a sentence, or is far short of
/// its column (a paragraph that ended without punctuation).
fn starts_fresh(sheet: &Sheet, i: usize) -> bool {
    let line = &sheet.lines[i];
    let prev = sheet.lines[..i]
        .iter()
        .rev()
        .find(|l| l.role != Role::Dropped);
    line.gap_before
        || prev.is_none_or(|p| {
            p.role != Role::Body || ends_sentence(&p.text) || p.continued_to.is_some()
        })
}

/// A line right under a headline line, not ending a clause, is the headline
/// wrapped (`北碚绵阳携手打造 / 川渝合作…`), unless it starts the body: it
/// shows the indent trace or fills the column, and a full body line follows.
fn continues_headline(sheet: &Sheet, i: usize, (_, after): (Option<f32>, Option<f32>)) -> bool {
    let line = &sheet.lines[i];
    i > 0
        && sheet.lines[i - 1].role == Role::Headline
        && !line.gap_before
        && !ends_clause(&line.text)
        && !is_paragraph_start(line)
        && line.continued_to.is_none()
        && !has_inner_stop(&line.text)
        && !closes_in_prose(sheet, i)
        && (line.text.starts_with('—') || !closes_tagged_title(sheet, i - 1))
        && (!starts_body(sheet, i, after) || unpunctuated_block(sheet, i))
}

/// Whether headline line `i` ends a title closed by its column's tag
/// (`乡村振兴这一年（田野观` / `察）`): only a dash subtitle follows such a
/// title in its headline.
fn closes_tagged_title(sheet: &Sheet, i: usize) -> bool {
    if !sheet.lines[i].text.ends_with(['）', ')']) {
        return false;
    }
    let mut text = String::new();
    for k in (0..=i).rev().take(MAX_TAGGED_LINES) {
        let line = &sheet.lines[k];
        if line.role != Role::Headline {
            break;
        }
        text.insert_str(0, &line.text);
        if has_column_tag(&text) {
            return true;
        }
        if line.gap_before {
            break;
        }
    }
    false
}

/// Most lines of a headline that wraps like body text.
const MAX_WRAPPED: usize = 6;

/// The lines from `i` to the next blank line carry no clause punctuation at
/// all: a long headline wrapped in a narrow panel, not running text (which
/// has a comma every line or two).
fn unpunctuated_block(sheet: &Sheet, i: usize) -> bool {
    let mut n = 0;
    for (k, line) in sheet.lines[i..].iter().enumerate() {
        if k > 0 && (line.gap_before || line.role != Role::Body) {
            break;
        }
        n += 1;
        if n > MAX_WRAPPED
            || line
                .text
                .contains(['，', '。', '、', '；', '：', '！', '？', ','])
        {
            return false;
        }
    }
    n >= 2
}

/// Whether line `i` is the first line of running text in a column `col` wide.
fn starts_body(sheet: &Sheet, i: usize, col: Option<f32>) -> bool {
    let (Some(col), Some(next)) = (col, sheet.lines.get(i + 1)) else {
        return false;
    };
    let line = &sheet.lines[i];
    let next_is_body = next.role == Role::Body && !next.gap_before && !is_paragraph_start(next);
    let next_fits = (next.width - col).abs() <= 1.25 || ends_sentence(&next.text);
    let indent_trace = (1.25..=INDENT_TRACE).contains(&(col - line.width));
    let first = indent_trace || (line.width - col).abs() <= 1.0;
    // Wrapped headline lines share a width; the body's first line, set in
    // the column, is far from the headline line above it.
    let prev = i
        .checked_sub(1)
        .map(|p| sheet.lines[p].width)
        .unwrap_or(line.width);
    let unlike_above = (line.width - prev).abs() > 0.5 * line.width.max(prev);
    next_is_body && first && (next_fits || unlike_above)
}

/// A bracketed line right after a finished body sentence closes that
/// article (`（作者为…）`, `（本报巴黎3月15日电）`, `（本系列评论到此结束）`):
/// body text, not a headline.
fn is_end_note(sheet: &Sheet, i: usize) -> bool {
    let t = sheet.lines[i].text.trim();
    // The note may wrap: its bracket then closes at the end of a later line
    // (`（作者为某市广电` / `集团《城市故事》执行` / `总导演）`).
    let closes = || {
        let mut depth = bracket_depth(t);
        for l in sheet.lines.iter().skip(i + 1).take(MAX_NOTE_LINES - 1) {
            if l.gap_before {
                return false;
            }
            depth += bracket_depth(&l.text);
            if depth <= 0 {
                return l.text.trim_end().ends_with(['）', ')']);
            }
        }
        false
    };
    let bracketed = t.starts_with(['（', '('])
        && (t.ends_with(['）', ')']) || (bracket_depth(t) > 0 && closes()));
    let prev = sheet.lines[..i]
        .iter()
        .rev()
        .find(|l| l.role != Role::Dropped);
    bracketed && prev.is_some_and(|p| p.role == Role::Body && ends_sentence(&p.text))
}

/// Most lines of a bracketed end note.
const MAX_NOTE_LINES: usize = 4;

/// A line that certainly starts a paragraph: a dateline, a continued
/// piece, or kept indentation.
fn is_paragraph_start(line: &Line) -> bool {
    line.indented || line.continued_from.is_some() || opens_dateline(line)
}

/// A dateline, whole or cut by the line end, opens the line.
fn opens_dateline(line: &Line) -> bool {
    crate::byline::parse(&line.text).dateline.is_some()
        || crate::byline::starts_dateline(&line.text)
}

/// The line's block (between blank lines) is a few lines that start after
/// a finished sentence and contain no sentence end: not running text.
fn stands_alone(sheet: &Sheet, i: usize) -> bool {
    let lines = &sheet.lines;
    // Walks are bounded: only blocks of a few lines qualify, and a long
    // block must not make this quadratic.
    let in_block = |k: usize| !lines[k].gap_before && lines[k - 1].role == Role::Body;
    let mut start = i;
    while start > 0 && i - start < MAX_ISOLATED && in_block(start) {
        start -= 1;
    }
    let mut end = i + 1;
    while end < lines.len()
        && end - start <= MAX_ISOLATED
        && !lines[end].gap_before
        && lines[end].role == Role::Body
    {
        end += 1;
    }
    let closed_above = start == 0 || !in_block(start);
    let continues = end < lines.len() && lines[end].role == Role::Body && !lines[end].gap_before;
    end - start <= MAX_ISOLATED
        && closed_above
        && starts_fresh(sheet, start)
        && !continues
        && lines[start..end]
            .iter()
            .all(|l| !ends_clause(&l.text) && !has_inner_stop(&l.text))
}

/// Line `i` opens a quote or bracket that the next line closes, with a
/// clause mark on that line (`应该算是一次“局长负责` / `制”的年终考试。`):
/// running text.
fn closes_in_prose(sheet: &Sheet, i: usize) -> bool {
    let next = sheet
        .lines
        .get(i + 1)
        .filter(|l| l.role == Role::Body && !l.gap_before);
    let clause = |t: &str| ends_clause(t) || t.contains(['。', '，', '；', '！', '？']);
    bracket_depth(&sheet.lines[i].text) > 0
        && next.is_some_and(|n| bracket_depth(&n.text) < 0 && clause(&n.text))
}

/// Longest tail of a brief's run-in title wrapped onto the text's line.
const MAX_TITLE_TAIL: usize = 12;

/// Fewest characters of a brief's text on its title's last line.
const MIN_BRIEF_START: usize = 8;

/// Most lines a brief's run-in title wraps over.
const MAX_TITLE_LINES: usize = 3;

/// Line `i` is the start of a brief item's run-in title that wrapped: a
/// later line ends the title, then a space, then the item's text
/// (`重视传统手艺传承价值（美` / `育） 在传统手艺日渐式微的今`).
fn wraps_into_brief(sheet: &Sheet, i: usize) -> bool {
    let clause = |t: &str| t.contains(['，', '。', '；', '：', '、']);
    let mut depth = 0;
    for k in i..(i + MAX_TITLE_LINES).min(sheet.lines.len()) {
        let line = &sheet.lines[k];
        if k > i && (line.role != Role::Body || line.gap_before) {
            return false;
        }
        match line.text.split_once(' ') {
            Some((tail, text)) if k > i => {
                return !tail.is_empty()
                    && tail.chars().count() <= MAX_TITLE_TAIL
                    && !clause(tail)
                    && depth + bracket_depth(tail) == 0
                    && text.trim_start().chars().count() >= MIN_BRIEF_START
                    && !text.trim().contains(' ');
            }
            Some(_) => return false,
            None if clause(&line.text) => return false,
            None => depth += bracket_depth(&line.text),
        }
    }
    false
}

fn next_is_jump(sheet: &Sheet, i: usize) -> bool {
    sheet.lines.get(i + 1).is_some_and(|l| l.role == Role::Jump)
}

/// The next line opens with the end of a word and a stop (`词。从写进…`,
/// `盖，积极开展…`): no paragraph starts like that, so it continues the
/// sentence of line `i` across a column break, and line `i` is body text.
fn runs_on(sheet: &Sheet, i: usize) -> bool {
    let Some(next) = sheet.lines.get(i + 1).filter(|l| l.role == Role::Body) else {
        return false;
    };
    let mut chars = next.text.chars();
    let (a, b, c) = (chars.next(), chars.next(), chars.next());
    let stop = |c: Option<char>| c.is_some_and(|c| matches!(c, '。' | '！' | '？'));
    let clause = |c: Option<char>| c.is_some_and(|c| matches!(c, '，' | '、' | '；'));
    let word = |c: Option<char>| c.is_some_and(crate::measure::is_cjk);
    word(a) && (stop(b) || clause(b) || (word(b) && stop(c)))
}

/// Groups consecutive headline lines into stacks and their units.
fn group(sheet: &Sheet) -> Vec<Stack> {
    let mut stacks = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, line) in sheet.lines.iter().enumerate() {
        match line.role {
            Role::Headline => {
                if current
                    .last()
                    .is_some_and(|&p| !touches(&sheet.lines[p], line))
                {
                    stacks.extend(build(sheet, std::mem::take(&mut current)));
                }
                current.push(i);
            }
            Role::Dropped => {}
            _ if !current.is_empty() => stacks.extend(build(sheet, std::mem::take(&mut current))),
            _ => {}
        }
    }
    if !current.is_empty() {
        stacks.extend(build(sheet, current));
    }
    stacks
}

/// Headline lines further apart than this many em (of the smaller size)
/// are in different stacks.
const TOUCH: f32 = 1.0;

/// Whether headline line `b` touches `a` above it, so that both are in one
/// stack: always for text (the run decides), and for lines with geometry
/// when `b` sits right under `a`, overlapping it across.
fn touches(a: &Line, b: &Line) -> bool {
    let (Some(ga), Some(gb)) = (&a.geom, &b.geom) else {
        return true;
    };
    let (ra, rb) = (ga.bbox.rect, gb.bbox.rect);
    rb[1] > ra[1] && rb[1] - ra[3] <= TOUCH * ga.size.min(gb.size) && rb[0] < ra[2] && rb[2] > ra[0]
}

/// The stack of a run of headline lines with geometry: its units are its
/// runs of one size and font (a title wrapped over two lines is one unit),
/// and the largest unit is the title.
fn build_measured(sheet: &Sheet, lines: Vec<usize>) -> Stack {
    let mut units: Vec<(String, usize)> = Vec::new();
    let (mut widths, mut sizes) = (Vec::new(), Vec::new());
    let mut texts: Vec<&str> = Vec::new();
    for (k, &i) in lines.iter().enumerate() {
        let (line, g) = (&sheet.lines[i], sheet.lines[i].geom.as_ref());
        let prev = k
            .checked_sub(1)
            .and_then(|p| sheet.lines[lines[p]].geom.as_ref());
        // One unit: one size and font, at its own line pitch.
        let same = match (prev, g) {
            (Some(p), Some(g)) => {
                (p.size - g.size).abs() <= SAME_SIZE * g.size
                    && p.font == g.font
                    && g.bbox.rect[1] - p.bbox.rect[1] <= UNIT_PITCH * g.size
            }
            _ => false,
        };
        if !same && !texts.is_empty() {
            units.push((join_lines(&texts), texts.len()));
            texts.clear();
        }
        if !same {
            widths.push(line.width);
            let body = sheet.body_size.unwrap_or(0.0);
            sizes.push(g.map_or(0.0, |g| if body > 0.0 { g.size / body } else { 1.0 }));
        } else if let Some(w) = widths.last_mut() {
            *w = w.max(line.width);
        }
        texts.push(&line.text);
    }
    if !texts.is_empty() {
        units.push((join_lines(&texts), texts.len()));
    }
    Stack::measured(lines, units, widths, sizes)
}

/// Builds the stacks of a run of headline lines: one for each title it holds
/// (see [`second_title_at`]).
pub(crate) fn build(sheet: &Sheet, lines: Vec<usize>) -> Vec<Stack> {
    if lines.iter().all(|&i| sheet.lines[i].geom.is_some()) {
        return vec![build_measured(sheet, lines)];
    }
    let units = units(&lines.iter().map(|&i| &sheet.lines[i]).collect::<Vec<_>>());
    let mut at = 0;
    let widths = units
        .iter()
        .map(|(_, n)| {
            let own = &lines[at..(at + n).min(lines.len())];
            at += n;
            own.iter()
                .map(|&i| sheet.lines[i].width)
                .fold(0.0, f32::max)
        })
        .collect();
    let mut rest = Stack::sized(lines, units, widths);
    let mut out = Vec::new();
    while let Some(k) = second_title_at(&rest.units).or_else(|| after_tagged_title(&rest.units)) {
        let (a, b) = rest.split(k);
        out.push(a);
        rest = b;
    }
    out.push(rest);
    out
}

/// A title that ends with its column's tag in brackets (`…（人民观察）`).
/// Kickers and subtitles do not carry one, so a second tagged unit starts
/// the next article's stack: the split goes after the first tagged title
/// and the subtitles that follow it.
fn second_title_at(units: &[String]) -> Option<usize> {
    let first = units.iter().position(|u| has_column_tag(u))?;
    let next = units[first + 1..].iter().position(|u| has_column_tag(u))? + first + 1;
    (first + 1..=next).find(|&k| !is_subtitle_like(&units[k]))
}

/// A title closed by its column's tag ends its headline: a plain unit
/// right after it (no subtitle, nor a deck of clauses) opens the next.
fn after_tagged_title(units: &[String]) -> Option<usize> {
    (1..units.len()).find(|&k| {
        let unit = &units[k];
        has_column_tag(&units[k - 1]) && !is_subtitle_like(unit) && !has_clauses(unit)
    })
}

/// Whether `unit` ends with a short bracketed tag after a longer text.
pub fn has_column_tag(unit: &str) -> bool {
    let t = unit.trim_end();
    let Some(open) = t.rfind(['（', '(']) else {
        return false;
    };
    let tag = &t[open..];
    let tag_len = tag.chars().count();
    t.ends_with(['）', ')'])
        && open > 0
        && (3..=16).contains(&tag_len)
        && !tag.contains(['，', '。'])
}

/// Most lines of a unit that is checked for a column tag at its end.
const MAX_TAGGED_LINES: usize = 4;

/// Joins wrapped headline lines into units. A blank line or a much wider
/// next line starts a new unit, unless brackets or quotes are still open.
/// Returns each unit's text and how many lines it took.
pub fn units(lines: &[&Line]) -> Vec<(String, usize)> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    // Running state of the current unit, so that long stacks stay linear.
    let (mut depth, mut widest) = (0i32, 0.0f32);
    // No blank line around or inside the stack (`pdftotext -raw` keeps
    // none): the blank lines that part units elsewhere are missing here.
    let gapless = lines.iter().all(|l| !l.gap_before);
    for (k, line) in lines.iter().enumerate() {
        let new_unit = match k.checked_sub(1).map(|p| lines[p]) {
            None => true,
            Some(prev) => {
                let open = depth > 0;
                let wrapped = out.last().is_some_and(|u| u.len() >= 2);
                // Wrapped lines are never wider than the unit's first lines.
                let grown = wrapped && line.width > widest + 1.0;
                // Only a unit's last line falls short of its wrap width;
                // unless the next phrase of one title wraps at the same
                // measure, in the same font (`深入贯彻…总书记 / 重要讲话精神 /
                // 全面融入…双城 / 经济圈建设`).
                let next_phrase = (line.width - widest).abs() <= 0.5
                    && lines
                        .get(k + 1)
                        .is_some_and(|next| !next.gap_before && next.width < line.width - 2.5);
                let after_tail = wrapped
                    && prev.width < widest - 2.5
                    && line.width > prev.width + 2.5
                    && !next_phrase;
                // A short first line is a title broken at a space.
                let wider = grown
                    || after_tail
                    || (line.width > prev.width * 1.4 + 2.0 && prev.width >= 10.0);
                // A line of phrases set apart by spaces is a whole unit
                // (`区委常委会主持会议 周旭讲话 何庆作说明`); a line as wide
                // after it is the next unit, not its wrapped tail.
                // A word or two and a column's tag (`扬（为了民族复兴…`)
                // end a title cut inside its last word.
                let word_and_tag = line
                    .text
                    .find(['（', '('])
                    .is_some_and(|at| (1..=2).contains(&line.text[..at].chars().count()));
                let phrased = !word_and_tag
                    && is_phrased(&prev.text)
                    && (line.width >= prev.width - 0.5
                        || (gapless && line.width > MIN_UNIT_SHARE * prev.width));
                // Two short lines of one width under a much wider one are
                // a title's phrases set one under the other (what `-raw`
                // makes of `让旧村变美 把新村建好`), not that line's tail.
                let parallel = lines.get(k + 1).is_some_and(|next| {
                    !next.gap_before
                        && line.width < prev.width - 2.5
                        && (next.width - line.width).abs() <= 1.0
                });
                // A word or two over a far wider line is a box's label or
                // a column's name (`简讯`, `数读`), not a title's first part.
                let label = k == 1
                    && prev.text.chars().count() <= MAX_LABEL_CHARS
                    && line.width >= 3.0 * prev.width;
                let dash = line.text.starts_with("——");
                // A kicker ends with a dash, a title with its column's tag.
                let ended = prev.text.ends_with("——")
                    || (prev.text.ends_with(['）', ')'])
                        && out.last().is_some_and(|u| {
                            u.len() <= MAX_TAGGED_LINES && has_column_tag(&u.concat())
                        }));
                !open
                    && (line.gap_before
                        || wider
                        || phrased
                        || parallel
                        || label
                        || dash
                        || ended
                        || is_note(&line.text))
            }
        };
        if new_unit {
            out.push(vec![line.text.as_str()]);
            (depth, widest) = (0, 0.0);
        } else if let Some(u) = out.last_mut() {
            u.push(line.text.as_str());
        }
        depth += bracket_depth(&line.text);
        widest = widest.max(line.width);
    }
    out.iter().map(|u| (join_lines(u), u.len())).collect()
}

/// Longest label line over a stack, in characters (`要闻简报`).
pub(crate) const MAX_LABEL_CHARS: usize = 4;

/// A line under a line of phrases, in a stack without blank lines, starts a
/// unit when it is at least this share of that line's width (a shorter one
/// is the tail of a wrapped phrase: `…外汇储备增` / `长`).
const MIN_UNIT_SHARE: f32 = 0.4;

/// Whether `text` is set as phrases apart by spaces, each whole (three
/// characters or more, no brackets): not a line cut inside a phrase
/// (`…一家三代 声名`) nor a title run in before its text (`…（观澜） 北`).
fn is_phrased(text: &str) -> bool {
    let mut phrases = text.split_whitespace().peekable();
    phrases.peek().is_some()
        && text.trim().contains(' ')
        && phrases
            .all(|p| p.chars().count() >= 3 && bracket_depth(p) == 0 && !p.contains(['（', '(']))
}

/// A long parenthesised line under a headline (`（2020年4月28日…通过）`)
/// is a headline of its own; a short one (`（治理之道）`) is a column tag
/// that belongs to the title.
fn is_note(text: &str) -> bool {
    text.starts_with(['（', '(']) && text.ends_with(['）', ')']) && text.chars().count() > 12
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stack::assign_roles;

    fn stacks(text: &str) -> Vec<Stack> {
        let mut s = Sheet::from_text(text);
        run(&mut s);
        s.stacks
    }

    /// The units of a stack of these lines (no blank lines between).
    fn unit_texts(lines: &[&str]) -> Vec<String> {
        let lines: Vec<Line> = lines
            .iter()
            .enumerate()
            .map(|(i, t)| Line::new(*t, i + 1, false, false))
            .collect();
        let refs: Vec<&Line> = lines.iter().collect();
        units(&refs).into_iter().map(|(t, _)| t).collect()
    }

    const BODY: &str = "一二三四五六七八九十一二\n一二三四五六七八九十一二\n一二三四五六七八九十一二\n一二三四五六七八九十一二\n一二三四五。\n";

    #[test]
    fn a_line_over_bulleted_points_is_a_headline_even_at_the_column_width() {
        let text = format!(
            "{BODY}\n港口合作，两国共建新航道\n■合资码头公司现有九个，\n泊位用于内贸货物运输。\n{BODY}"
        );
        let st = stacks(&text);
        assert_eq!(st.len(), 1, "{st:?}");
        assert_eq!(st[0].title.as_deref(), Some("港口合作，两国共建新航道"));
    }

    #[test]
    fn a_line_of_several_clauses_opens_no_headline() {
        // Wider than the column and after a blank line, but prose.
        let text = format!(
            "{BODY}\n“河水已经结冰，很难出船，每年这时\n候渔民都要修补渔网准备开春后的\n捕捞作业。”老张介绍说。\n{BODY}"
        );
        assert!(stacks(&text).is_empty(), "{:?}", stacks(&text));
    }

    #[test]
    fn a_deck_of_sentences_across_the_columns_over_a_dateline_is_a_headline() {
        let text = format!(
            "{BODY}\n市长会见来访的代表团一行\n市长强调，双方合作基础坚实，前景广阔。我们愿同各方一道努力，\n为两地人民带来更多实实在在的好处\n本报讯（记者 王五）市长\n{BODY}"
        );
        let st = stacks(&text);
        assert_eq!(st.len(), 1, "{st:?}");
        assert_eq!(st[0].lines.len(), 3, "{st:?}");
    }

    #[test]
    fn a_photo_reports_credit_is_no_headline() {
        let text = format!("{BODY}张 三 李 四摄影报道\n\n{BODY}");
        assert!(stacks(&text).is_empty(), "{:?}", stacks(&text));
    }

    #[test]
    fn a_plain_unit_after_a_tagged_title_opens_the_next_headline() {
        let text =
            format!("{BODY}\n高楼之下也要留住绿荫（城市漫笔）\n部长会见来访的代表团一行\n\n{BODY}");
        let st = stacks(&text);
        let titles: Vec<_> = st.iter().map(|s| s.title.as_deref()).collect();
        assert_eq!(
            titles,
            [
                Some("高楼之下也要留住绿荫（城市漫笔）"),
                Some("部长会见来访的代表团一行")
            ]
        );
    }

    #[test]
    fn a_tagged_title_wrapped_onto_its_tag_takes_no_body_line_after_it() {
        // The line under the tag is far short of the column: were the
        // title not closed, it would read as the title wrapping on.
        let mut sheet = Sheet::from_text(
            "乡村振兴这一年（田野观\n察）\n走进新时代的广阔田\n野，我们看到了乡村的变化和希望\n",
        );
        for line in &mut sheet.lines[..2] {
            line.role = Role::Headline;
        }
        assert!(!continues_headline(&sheet, 2, (None, Some(15.0))));
        // A dash subtitle still follows it.
        let mut sheet = Sheet::from_text("乡村振兴这一年（田野观\n察）\n——写在丰收节到来之际\n");
        for line in &mut sheet.lines[..2] {
            line.role = Role::Headline;
        }
        assert!(continues_headline(&sheet, 2, (None, Some(15.0))));
    }

    #[test]
    fn a_kicker_dash_or_a_column_tag_ends_a_unit_without_a_blank_line() {
        let texts = unit_texts(&[
            "商务部发言人——",
            "希望各方以开放心态推动",
            "探索互利共赢新路（治理之",
            "道）",
            "守护平安",
        ]);
        assert_eq!(
            texts,
            vec![
                "商务部发言人——",
                "希望各方以开放心态推动探索互利共赢新路（治理之道）",
                "守护平安"
            ]
        );
    }

    #[test]
    fn a_word_over_a_far_wider_line_is_a_unit_of_its_own() {
        let texts = unit_texts(&["简讯", "有了高楼，也要留住绿荫（城市漫笔）"]);
        assert_eq!(texts, vec!["简讯", "有了高楼，也要留住绿荫（城市漫笔）"]);
        // A title broken at a space keeps its parts together.
        assert_eq!(unit_texts(&["以文化人", "以美育人（艺海观澜）"]).len(), 1);
    }

    #[test]
    fn two_phrases_of_a_title_wrapped_at_one_measure_are_one_unit() {
        let texts = unit_texts(&[
            "深入贯彻习近平总书记",
            "重要讲话精神",
            "全面融入成渝地区双城",
            "经济圈建设",
            "区委常委会主持会议 周旭讲话 何庆作说明",
        ]);
        assert_eq!(
            texts,
            vec![
                "深入贯彻习近平总书记重要讲话精神全面融入成渝地区双城经济圈建设",
                "区委常委会主持会议 周旭讲话 何庆作说明"
            ]
        );
    }

    #[test]
    fn a_line_of_phrases_cut_inside_its_last_word_runs_on_to_the_tag() {
        let texts = unit_texts(&[
            "李四海：一家三代 声名远",
            "扬（为了民族复兴·英雄烈",
            "士谱）",
        ]);
        assert_eq!(
            texts,
            vec!["李四海：一家三代 声名远扬（为了民族复兴·英雄烈士谱）"]
        );
    }

    #[test]
    fn a_unit_wrapped_in_a_larger_font_is_the_title() {
        let units = vec![
            ("市领导看望教育界优秀教师和科研人员".to_string(), 2),
            (
                "代表市党委向教育工作者和科研工作者致以节日问候和美好祝愿".to_string(),
                1,
            ),
        ];
        let plain = Stack::from_units(vec![1, 2, 3], units.clone());
        assert_eq!(
            plain.title.as_deref(),
            Some("代表市党委向教育工作者和科研工作者致以节日问候和美好祝愿")
        );
        // The first wraps at 13 characters, the second sets 27 on a line.
        let sized = Stack::sized(vec![1, 2, 3], units.clone(), vec![13.0, 27.0]);
        assert_eq!(
            sized.title.as_deref(),
            Some("市领导看望教育界优秀教师和科研人员")
        );
        assert_eq!(sized.subtitles.len(), 1);
        // A kicker in a smaller font than its title stays the kicker.
        let kicker = Stack::sized(vec![1, 2, 3], units, vec![15.0, 10.0]);
        assert!(kicker.kicker.is_some());
        let (a, _) = sized.split(1);
        assert!(a.unit_widths == vec![13.0], "widths follow their units");
    }

    #[test]
    fn a_line_of_phrases_is_a_whole_unit() {
        let texts = |rows: &[(&str, f32)]| -> Vec<String> {
            let lines: Vec<Line> = rows
                .iter()
                .enumerate()
                .map(|(i, (t, w))| {
                    let mut l = Line::new(*t, i + 1, false, false);
                    l.width = *w;
                    l
                })
                .collect();
            let refs: Vec<&Line> = lines.iter().collect();
            units(&refs).into_iter().map(|(t, _)| t).collect()
        };
        let phrased = texts(&[
            ("区委常委会主持会议 周旭讲话 何庆作说明", 18.0),
            ("全会审议通过《决定》和全会决议", 19.0),
        ]);
        assert_eq!(phrased.len(), 2, "{phrased:?}");
        // Without blank lines (`pdftotext -raw`), a title's phrases set one
        // under the other start a unit, not the tail of the line above.
        let raw = texts(&[
            ("江南水乡某镇实施美丽乡村建设工程", 16.0),
            ("让旧村变美", 5.0),
            ("把新村建好", 5.0),
        ]);
        assert_eq!(
            raw,
            vec!["江南水乡某镇实施美丽乡村建设工程", "让旧村变美把新村建好"]
        );
        let tail = texts(&[("江南水乡某镇实施美丽乡村建设", 14.0), ("工程", 2.0)]);
        assert_eq!(tail.len(), 1);
        // With no blank line anywhere, a line of phrases ends its unit even
        // when a narrower title follows, unless that is a wrap's short tail.
        let kicker = texts(&[
            ("确立目标 协作项目开始落地", 13.0),
            ("两地携手打造合", 7.0),
            ("作典范进入实质阶段", 9.0),
        ]);
        assert_eq!(
            kicker,
            vec![
                "确立目标 协作项目开始落地",
                "两地携手打造合作典范进入实质阶段"
            ]
        );
        let tail = texts(&[("168亿美元 2月份对外投资增", 14.0), ("长", 1.0)]);
        assert_eq!(tail.len(), 1);
        // A phrase cut short by the wrap continues on the next line.
        let cut = texts(&[
            ("李四海：一家三代 声名", 11.0),
            ("远扬（为了民族复兴·英雄烈士谱）", 16.0),
        ]);
        assert_eq!(
            cut,
            vec!["李四海：一家三代 声名远扬（为了民族复兴·英雄烈士谱）"]
        );
    }

    #[test]
    fn a_line_whose_sentence_runs_on_after_a_blank_is_body() {
        let st = stacks(&format!(
            "{BODY}\n近些年来诚信经营成为行业热\n\n词。从写进章程到列入考核指标，可以说\n{BODY}"
        ));
        assert!(st.is_empty(), "{st:?}");
        let st = stacks(&format!("{BODY}\n近些年来诚信经营成为行业热点\n\n{BODY}"));
        assert_eq!(st.len(), 1);
    }

    #[test]
    fn a_block_with_a_sentence_end_inside_does_not_stand_alone() {
        let text = format!(
            "{BODY}国产客车成为山间彩\n从前门登上客车，五十\n六座显得宽敞。行驶时间约\n分钟，车辆平稳，颠簸很少\n\n总体行驶平稳。\n{BODY}"
        );
        let st = stacks(&text);
        let units: Vec<&str> = st
            .iter()
            .flat_map(|s| &s.units)
            .map(String::as_str)
            .collect();
        assert_eq!(units, vec!["国产客车成为山间彩"]);
    }

    #[test]
    fn a_line_as_wide_as_the_indented_line_under_it_is_body() {
        let text = format!("{BODY}歌舞节目迎来阵容，用\n追求幸福成就未来的一\n代追梦人充满青春朝气和阳\n光。\n{BODY}");
        assert!(stacks(&text).is_empty());
        let text = format!("{BODY}歌舞节目迎来最强阵容\n追求幸福成就未来的一\n代追梦人充满青春朝气和阳\n光。\n{BODY}");
        assert!(stacks(&text).is_empty());
        // Narrower than it, the line heads the paragraph under it.
        let text = format!(
            "{BODY}歌舞节目迎来最强\n追求幸福成就未来的一\n代追梦人充满青春朝气和阳\n光。\n{BODY}"
        );
        assert_eq!(stacks(&text).len(), 1);
    }

    #[test]
    fn a_tagged_line_after_a_blank_is_a_title_even_as_wide_as_the_column() {
        let st = stacks(&format!("{BODY}\n两会精神记心间（评论）\n{BODY}"));
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].title.as_deref(), Some("两会精神记心间（评论）"));
        // Without the blank line, where the page has blank lines elsewhere,
        // it may be the end of a paragraph.
        assert!(stacks(&format!("{BODY}两会精神记心间（评论）\n{BODY}\n{BODY}")).is_empty());
        // A page with no blank line at all (`-raw`, MuPDF): the fresh start
        // after a finished sentence stands in for one.
        let st = stacks(&format!("{BODY}两会精神记心间（评论）\n{BODY}"));
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].title.as_deref(), Some("两会精神记心间（评论）"));
    }

    #[test]
    fn a_tagged_title_over_text_opening_with_a_list_is_a_title() {
        // `人、` would read as a sentence running on from the line above,
        // but running text does not end a line with a column's tag, whole
        // or wrapped onto a short line.
        for title in [
            "奔跑的城市，温暖的家园（多棱镜）",
            "奔跑的城市，温暖的家园（多\n棱镜）",
        ] {
            let st = stacks(&format!(
                "{BODY}\n{title}\n人、车、货自由往来，是\n这座城市二十年来持续改善\n的重要成果。\n{BODY}"
            ));
            assert_eq!(st.len(), 1, "{title}");
            assert_eq!(
                st[0].title.as_deref(),
                Some("奔跑的城市，温暖的家园（多棱镜）")
            );
        }
    }

    #[test]
    fn a_line_whose_quote_closes_in_the_next_clause_is_body() {
        let text = format!("{BODY}节日市场供应好不好？\n这可算是一次“局长负责\n制”的年终考试。\n局长考及格了吗？每一\n个居民都有资格来打分。\n");
        assert!(stacks(&text).is_empty(), "{:?}", stacks(&text));
    }

    #[test]
    fn a_brief_title_wrapped_onto_its_text_line_is_not_a_headline() {
        let wide = "一二三四五六七八九十一二三四五\n".repeat(4) + "一二三四五。\n";
        let text = format!("{wide}\n重视传统手艺传承价值（美\n育） 在传统手艺日渐式微的今\n天，传承如果只把视野局限于少数\n名家，就无法满足当代社会的需\n求。\n");
        assert!(stacks(&text).is_empty(), "{:?}", stacks(&text));
        // A headline over a line of phrases is still a headline.
        let text = format!(
            "{BODY}\n深入贯彻总书记重要讲话精神\n区委常委会主持会议 周旭讲话 何庆作说明\n\n{BODY}"
        );
        assert_eq!(stacks(&text).len(), 1);
    }

    #[test]
    fn a_line_opening_a_quote_closed_in_the_next_clause_does_not_join_a_group() {
        let text = format!("{BODY}看点：讲故事 接地气\n“家乡春晚 陪您过\n年”。晚会一如既往地将\n在除夕夜陪伴阖家团圆的观\n众。\n\n{BODY}");
        let units: Vec<String> = stacks(&text).into_iter().flat_map(|s| s.units).collect();
        assert!(units.iter().all(|u| !u.contains("家乡春晚")), "{units:?}");
    }

    #[test]
    fn isolated_line_after_body_is_a_title() {
        let st = stacks(&format!("{BODY}\n大会隆重召开\n\n{BODY}"));
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].title.as_deref(), Some("大会隆重召开"));
    }

    #[test]
    fn wide_line_above_body_is_a_title() {
        let st = stacks(&format!("全省将全面推行农村集体产权改革机制\n{BODY}"));
        assert_eq!(
            st[0].title.as_deref(),
            Some("全省将全面推行农村集体产权改革机制")
        );
    }

    #[test]
    fn kicker_title_and_wrapped_subtitle() {
        let text = format!(
            "{BODY}\n中共某区委全会召开\n\n深入贯彻重要讲话精神\n全面融入经济圈建设\n\n区委常委会主持会议 某某讲话\n全会审议通过《关于发挥优势承接落实作用推动建设的决定承\n\n接落实》和全会决议\n\n{BODY}"
        );
        let st = stacks(&text);
        assert_eq!(st.len(), 1);
        let s = &st[0];
        assert_eq!(s.kicker.as_deref(), Some("中共某区委全会召开"));
        assert_eq!(
            s.title.as_deref(),
            Some("深入贯彻重要讲话精神全面融入经济圈建设")
        );
        assert_eq!(s.subtitles.len(), 2);
        assert!(s.subtitles[1].ends_with("和全会决议"));
    }

    #[test]
    fn end_note_after_a_body_is_not_a_headline() {
        let st = stacks(&format!(
            "{BODY}（作者为本报记者）\n\n大会隆重召开\n\n{BODY}"
        ));
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].title.as_deref(), Some("大会隆重召开"));
        // A wrapped note is body text too, over three lines as well.
        for note in [
            "（作者为某地\n市委书记）",
            "（作者为某市广电\n集团《城市故事》执行\n总导演）",
        ] {
            let st = stacks(&format!("{BODY}{note}\n\n大会隆重召开\n\n{BODY}"));
            let units: Vec<&str> = st
                .iter()
                .flat_map(|s| &s.units)
                .map(String::as_str)
                .collect();
            assert_eq!(units, vec!["大会隆重召开"], "{note}");
        }
    }

    #[test]
    fn body_lines_are_not_headlines() {
        assert!(stacks(BODY).is_empty());
    }

    #[test]
    fn two_tagged_titles_make_two_stacks() {
        let text =
            format!("{BODY}\n大会隆重召开（人民观察）\n\n数字经济激发新活力（快评）\n\n{BODY}");
        let st = stacks(&text);
        assert_eq!(st.len(), 2);
        assert_eq!(st[1].title.as_deref(), Some("数字经济激发新活力（快评）"));
        // Three make three, each with the subtitle under it.
        let text = format!(
            "{BODY}\n大会隆重召开（人民观察）\n\n需要把握发展规律（钟声）\n\n数字经济激发新活力（快评）\n——答好时代新考题\n\n{BODY}"
        );
        let st = stacks(&text);
        let titles: Vec<Option<&str>> = st.iter().map(|s| s.title.as_deref()).collect();
        assert_eq!(
            titles,
            [
                Some("大会隆重召开（人民观察）"),
                Some("需要把握发展规律（钟声）"),
                Some("数字经济激发新活力（快评）")
            ]
        );
    }

    #[test]
    fn subtitle_roles() {
        let mut s = Stack::default();
        assign_roles(&mut s, vec!["标题".into(), "——副题说明".into()]);
        assert_eq!((s.title.as_deref(), s.subtitles.len()), (Some("标题"), 1));
        let mut s = Stack::default();
        assign_roles(
            &mut s,
            vec!["守护越冬的候鸟，护林夫妇——".into(), "在湿地过年".into()],
        );
        assert_eq!(s.title.as_deref(), Some("在湿地过年"));
    }
}
