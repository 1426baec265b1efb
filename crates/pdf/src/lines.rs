//! Glyphs into lines: shadow copies removed, glyphs on one baseline with the
//! same size and no wide gap between them joined, the text normalised.

use std::collections::HashMap;
use std::sync::Arc;

use banmian::{DropReason, Dropped};

use crate::reader::{Glyph, Shape, ShapeKind};

/// A printed line of text (within one column).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Its text, normalised, spaces kept where the page has them.
    pub text: String,
    /// Left edge of the first glyph.
    pub x0: f32,
    /// Right edge of the last glyph.
    pub x1: f32,
    /// Top of the glyph boxes.
    pub top: f32,
    /// Bottom of the glyph boxes.
    pub bottom: f32,
    /// The baseline.
    pub baseline: f32,
    /// The font size most of its glyphs have.
    pub size: f32,
    /// The font most of its glyphs are set in.
    pub font: Arc<str>,
    /// Non-space glyphs in it.
    pub glyphs: usize,
    /// Set top to bottom (竖排): a column of glyphs, read before the
    /// column to its left.
    pub vertical: bool,
}

impl TextLine {
    /// Width in PDF units.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Its box on page 1 (the page number is set when the document's page
    /// is known, see [`crate::restore_pdf`]).
    pub fn bbox(&self) -> banmian::BBox {
        banmian::BBox {
            page: 1,
            // Hundredths of a point are finer than any printing.
            rect: [self.x0, self.top, self.x1, self.bottom].map(|v| (v * 100.0).round() / 100.0),
        }
    }
}

/// A glyph is a shadow copy of an earlier one with the same text when it
/// overlaps it this much: less than this share of its advance across...
const SAME_PLACE_X: f32 = 0.45;
/// ...and this share of the size up or down. (Two glyphs of running text
/// are a full advance apart; an offset shadow or a fake-bold copy is not.)
const SAME_PLACE_Y: f32 = 0.3;
/// Glyphs further apart than this (in em) are in different lines.
const MAX_GAP: f32 = 1.0;
/// A gap this wide (in em) without a space glyph is read as a space.
const SPACE_GAP: f32 = 0.45;
/// Widest gap (in em) read as letter spacing when the gaps on both sides
/// match it: the last line of a justified caption can be spread this far.
const LETTER_SPACED_MAX: f32 = 4.0;
/// Baselines closer than this (share of the size) are the same row.
const SAME_ROW: f32 = 0.3;

/// A fast hasher for grid cells (SipHash is needlessly slow here).
#[derive(Default, Clone, Copy)]
struct BuildFast;

struct Fast(u64);

impl std::hash::BuildHasher for BuildFast {
    type Hasher = Fast;
    fn build_hasher(&self) -> Fast {
        Fast(0)
    }
}

impl std::hash::Hasher for Fast {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Removes glyphs drawn again at (nearly) the same place, reporting the
/// copies as runs of dropped text.
pub fn dedupe(glyphs: Vec<Glyph>, dropped: &mut Vec<Dropped>) -> Vec<Glyph> {
    let cell = |v: f32| (v / 16.0).floor() as i64;
    let mut grid: HashMap<(i64, i64), Vec<usize>, BuildFast> =
        HashMap::with_capacity_and_hasher(glyphs.len(), BuildFast);
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    let mut run = String::new();
    for g in glyphs {
        let (cx, cy) = (cell(g.x), cell(g.baseline));
        let (tol_x, tol_y) = (SAME_PLACE_X * g.w.min(g.size), SAME_PLACE_Y * g.size);
        let mut dup = false;
        if !g.text.trim().is_empty() {
            'search: for dx in -1..=1 {
                for dy in -1..=1 {
                    if let Some(list) = grid.get(&(cx + dx, cy + dy)) {
                        for &k in list {
                            let o = &kept[k];
                            if o.text == g.text
                                && (o.x - g.x).abs() < tol_x
                                && (o.baseline - g.baseline).abs() <= tol_y
                                && (o.size - g.size).abs() <= 0.1 * g.size
                            {
                                dup = true;
                                break 'search;
                            }
                        }
                    }
                }
            }
        }
        if dup {
            run.push_str(&g.text);
            continue;
        }
        if !run.is_empty() {
            dropped.push(Dropped {
                text: std::mem::take(&mut run),
                reason: DropReason::Duplicate,
            });
        }
        grid.entry((cx, cy)).or_default().push(kept.len());
        kept.push(g);
    }
    if !run.is_empty() {
        dropped.push(Dropped {
            text: run,
            reason: DropReason::Duplicate,
        });
    }
    kept
}

/// Takes the ornament glyphs out of `glyphs`: runs of two or more
/// private-use glyphs that e-paper fonts use to draw rules and frame pieces
/// (see [`banmian::ornament`]). Each run goes to `dropped` (reason
/// `ornament`) and becomes a thin shape along its middle, so that the layout
/// cuts at it as at any printed rule.
pub fn ornaments(
    glyphs: Vec<Glyph>,
    shapes: &mut Vec<Shape>,
    dropped: &mut Vec<Dropped>,
) -> Vec<Glyph> {
    let private =
        |g: &Glyph| !g.text.is_empty() && g.text.chars().all(banmian::ornament::is_private_use);
    let mut kept = Vec::with_capacity(glyphs.len());
    let mut run: Vec<Glyph> = Vec::new();
    let flush = |run: &mut Vec<Glyph>,
                 kept: &mut Vec<Glyph>,
                 shapes: &mut Vec<Shape>,
                 dropped: &mut Vec<Dropped>| {
        if run.len() < 2 {
            kept.append(run);
            return;
        }
        let (x0, y0, x1, y1) = run.iter().fold(
            (
                f32::INFINITY,
                f32::INFINITY,
                f32::NEG_INFINITY,
                f32::NEG_INFINITY,
            ),
            |b, g| {
                (
                    b.0.min(g.x),
                    b.1.min(g.y),
                    b.2.max(g.right()),
                    b.3.max(g.y + g.h),
                )
            },
        );
        let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        shapes.push(if x1 - x0 >= y1 - y0 {
            Shape {
                kind: ShapeKind::Fill,
                x0,
                y0: my - 0.5,
                x1,
                y1: my + 0.5,
            }
        } else {
            Shape {
                kind: ShapeKind::Fill,
                x0: mx - 0.5,
                y0,
                x1: mx + 0.5,
                y1,
            }
        });
        dropped.push(Dropped {
            text: run.drain(..).map(|g| g.text).collect(),
            reason: DropReason::Ornament,
        });
    };
    for g in glyphs {
        if private(&g) {
            run.push(g);
        } else {
            flush(&mut run, &mut kept, shapes, dropped);
            kept.push(g);
        }
    }
    flush(&mut run, &mut kept, shapes, dropped);
    kept
}

/// A vertical run's glyphs stand this close to one x (share of the size).
const VERTICAL_X: f32 = 0.15;
/// ...and step down by at least this share of the size from glyph to glyph
/// (a half-width space glyph steps half an em)...
const VERTICAL_STEP_MIN: f32 = 0.4;
/// ...and at most this share.
const VERTICAL_STEP_MAX: f32 = 1.6;
/// Fewest ink glyphs in a vertical line.
const VERTICAL_MIN: usize = 3;

/// Takes the vertical lines (竖排) out of `glyphs`: runs of consecutive
/// glyphs in content order that stand on one x and step down the page,
/// as a vertically set caption is drawn. Each becomes one vertical line.
fn vertical_lines(
    glyphs: Vec<Glyph>,
    out: &mut Vec<TextLine>,
    dropped: &mut Vec<Dropped>,
) -> Vec<Glyph> {
    let follows = |a: &Glyph, b: &Glyph| {
        let step = b.baseline - a.baseline;
        (b.x - a.x).abs() <= VERTICAL_X * a.size
            && step >= VERTICAL_STEP_MIN * a.size
            && step <= VERTICAL_STEP_MAX * a.size
    };
    let same_row = |a: &Glyph, b: &Glyph| (a.baseline - b.baseline).abs() <= SAME_ROW * a.size;
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    let mut run: Vec<Glyph> = Vec::new();
    let flush = |run: &mut Vec<Glyph>,
                 kept: &mut Vec<Glyph>,
                 next: Option<&Glyph>,
                 out: &mut Vec<TextLine>,
                 dropped: &mut Vec<Dropped>| {
        let ink = run.iter().filter(|g| !g.text.trim().is_empty()).count();
        // Two glyphs one above the other may be two one-glyph lines of
        // horizontal text; they are a vertical line only when neither
        // runs on along its row (the glyph before the first, or after the
        // second, on the same baseline).
        let alone = |g: &Glyph, other: Option<&Glyph>| other.is_none_or(|o| !same_row(g, o));
        let pair =
            ink == 2 && run.len() == 2 && alone(&run[0], kept.last()) && alone(&run[1], next);
        if ink >= VERTICAL_MIN || pair {
            push_vertical(run, out, dropped);
            run.clear();
        } else {
            kept.append(run);
        }
    };
    for g in glyphs {
        if run.last().is_some_and(|p| !follows(p, &g)) {
            flush(&mut run, &mut kept, Some(&g), out, dropped);
        }
        run.push(g);
    }
    flush(&mut run, &mut kept, None, out, dropped);
    kept
}

/// Makes one vertical line of a run of glyphs, top to bottom.
fn push_vertical(run: &[Glyph], out: &mut Vec<TextLine>, dropped: &mut Vec<Dropped>) {
    let text: String = run.iter().map(|g| g.text.as_str()).collect();
    let (text, normalized) = banmian::normalize::normalize(&text);
    dropped.extend(normalized);
    let (text, ornaments) = banmian::ornament::strip(&text);
    dropped.extend(ornaments);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let ink: Vec<&Glyph> = run.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let (Some(first), Some(last)) = (ink.first(), ink.last()) else {
        return;
    };
    if text.is_empty() {
        return;
    }
    out.push(TextLine {
        text,
        x0: ink.iter().map(|g| g.x).fold(f32::INFINITY, f32::min),
        x1: ink
            .iter()
            .map(|g| g.x + g.size)
            .fold(f32::NEG_INFINITY, f32::max),
        top: first.y,
        bottom: last.y + last.h,
        baseline: last.baseline,
        size: first.size,
        font: first.font.clone(),
        glyphs: ink.len(),
        vertical: true,
    });
}

/// Groups glyphs into lines, normalising their text (what normalisation
/// replaces or removes goes to `dropped`). Lines come out top to bottom,
/// left to right; vertical lines (竖排) among them, with their top.
pub fn build(glyphs: Vec<Glyph>, dropped: &mut Vec<Dropped>) -> Vec<TextLine> {
    let mut lines = Vec::new();
    let mut glyphs = vertical_lines(glyphs, &mut lines, dropped);
    glyphs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        // A row: glyphs whose baselines are close to the row's first one.
        let base = glyphs[start].baseline;
        let tol = SAME_ROW * glyphs[start].size.min(30.0);
        let mut end = start + 1;
        while end < glyphs.len()
            && glyphs[end].baseline - base <= tol.max(SAME_ROW * glyphs[end].size.min(30.0))
        {
            end += 1;
        }
        glyphs[start..end].sort_by(|a, b| a.x.total_cmp(&b.x));
        rows.push(start..end);
        start = end;
    }
    let gutters = gutters(&glyphs, &rows);
    for row in rows {
        split_row(&glyphs[row], &gutters, &mut lines, dropped);
    }
    lines.sort_by(|a: &TextLine, b: &TextLine| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    lines
}

/// A gap between two glyphs of a row this wide (in em) may be a gutter
/// between columns set close together.
const GUTTER_GAP: f32 = 0.4;
/// Rows near a gap (this many em up or down) that are looked at.
const GUTTER_REACH: f32 = 12.0;
/// Rows near the gap that must show the gutter: none of their ink crosses
/// it and a line of theirs ends or starts at it.
const GUTTER_ROWS: usize = 6;

/// Glyphs set solid on each side of a gutter's gap in its row.
const GUTTER_SOLID: usize = 3;
/// Rows on each side of a gap looked at, at most.
const GUTTER_NEAR: usize = 40;
/// Gaps looked at on a page, at most.
const GUTTER_TRIES: usize = 20_000;

/// A white strip between two columns: `(x0, x1, y0, y1)`.
type Gutter = (f32, f32, f32, f32);

/// Gutters between columns set so close that a row of each, on one
/// baseline, reads as one line with a small gap (a two-column block under
/// a photo, a Founder page's tight columns). A gap of [`GUTTER_GAP`] em or
/// more in a row is a gutter when the rows around it show one too: none of
/// their ink crosses the strip, and in [`GUTTER_ROWS`] of them a line ends
/// or starts right at its edge. Letter spacing in a justified line leaves
/// gaps too, but the rows around it run straight through them.
fn gutters(glyphs: &[Glyph], rows: &[std::ops::Range<usize>]) -> Vec<Gutter> {
    // Each row's ink as (left, right) boxes in x order, looked up by binary
    // search below, so that the work stays n log n on any page.
    let ink: Vec<Vec<(f32, f32)>> = rows
        .iter()
        .map(|r| {
            glyphs[r.clone()]
                .iter()
                .filter(|g| !g.text.trim().is_empty())
                .map(|g| (g.x, g.right()))
                .collect()
        })
        .collect();
    let baselines: Vec<f32> = rows.iter().map(|r| glyphs[r.start].baseline).collect();
    let sizes: Vec<f32> = rows.iter().map(|r| glyphs[r.start].size).collect();
    let mut out: Vec<Gutter> = Vec::new();
    let mut tried = 0;
    for (k, row) in ink.iter().enumerate() {
        let em = sizes[k];
        let gap_at = |j: usize| row[j + 1].0 - row[j].1;
        for j in 0..row.len().saturating_sub(1) {
            let (x0, x1, y) = (row[j].1, row[j + 1].0, baselines[k]);
            let gap = gap_at(j);
            if gap < GUTTER_GAP * em || gap > MAX_GAP * em {
                continue;
            }
            // Columns are set solid on both sides of their gutter; words
            // spaced out in a row (a slogan, `富强 民主 文明 和谐`) are not.
            let solid = j >= GUTTER_SOLID
                && j + GUTTER_SOLID < row.len()
                && (j - GUTTER_SOLID..j + GUTTER_SOLID)
                    .filter(|&i| i != j)
                    .all(|i| gap_at(i) < GUTTER_GAP * em);
            if !solid {
                continue;
            }
            if out
                .last()
                .is_some_and(|&(a, b, t, u)| y >= t && y <= u && x0 >= a - 0.5 && x1 <= b + 0.5)
            {
                continue;
            }
            // Bounded work on any page: so many gaps are no newspaper's.
            tried += 1;
            if tried > GUTTER_TRIES {
                return out;
            }
            let (lo, hi) = (y - GUTTER_REACH * em, y + GUTTER_REACH * em);
            let first = baselines
                .partition_point(|&b| b < lo)
                .max(k.saturating_sub(GUTTER_NEAR));
            let last = baselines
                .partition_point(|&b| b <= hi)
                .min(k + GUTTER_NEAR + 1);
            let mut edges = 0;
            let mut crossed = false;
            for near in &ink[first..last] {
                // The first box that ends right of the strip's left edge.
                let at = near.partition_point(|&(_, r)| r <= x0 + 0.5);
                if near.get(at).is_some_and(|&(l, _)| l < x1 - 0.5) {
                    crossed = true;
                    break;
                }
                let ends = at > 0 && near[at - 1].1 >= x0 - em;
                let starts = near.get(at).is_some_and(|&(l, _)| l <= x1 + em);
                edges += usize::from(ends || starts);
            }
            if !crossed && edges >= GUTTER_ROWS {
                out.push((x0, x1, lo, hi));
            }
        }
    }
    out
}

/// Splits a row (sorted by x) into lines at wide gaps, at gutters and at
/// size changes. A gap as wide as the ones on both sides of it is letter
/// spacing (a short line justified across its column), not a gap between
/// columns.
fn split_row(
    row: &[Glyph],
    gutters: &[Gutter],
    out: &mut Vec<TextLine>,
    dropped: &mut Vec<Dropped>,
) {
    let ink: Vec<usize> = (0..row.len())
        .filter(|&k| !row[k].text.trim().is_empty())
        .collect();
    // gap[j]: white space before ink glyph j (from the previous one's right edge).
    let gap: Vec<f32> = (0..ink.len())
        .map(|j| {
            if j == 0 {
                0.0
            } else {
                row[ink[j]].x - row[ink[j - 1]].right()
            }
        })
        .collect();
    let mut cuts = vec![false; ink.len()];
    let mut start = 0;
    for j in 1..ink.len() {
        let (p, g) = (&row[ink[start]], &row[ink[j]]);
        let em = p.size.max(g.size);
        let resized = g.size > p.size * 1.3 || p.size > g.size * 1.3;
        let wide = gap[j] > MAX_GAP * em;
        let spaced = |k: usize| (gap[k] - gap[j]).abs() <= 0.12 * em;
        let letter_spaced = wide
            && gap[j] <= LETTER_SPACED_MAX * em
            && (j >= 2 && spaced(j - 1) || j + 1 < ink.len() && spaced(j + 1));
        let (left, right, y) = (row[ink[j - 1]].right(), g.x, g.baseline);
        let gutter = gutters
            .iter()
            .any(|&(x0, x1, y0, y1)| y >= y0 && y <= y1 && left <= x0 + 0.5 && right >= x1 - 0.5);
        if resized || gutter || (wide && !letter_spaced) {
            cuts[j] = true;
            start = j;
        }
    }
    let mut cur: Vec<&Glyph> = Vec::new();
    let mut j = 0;
    for (k, g) in row.iter().enumerate() {
        if ink.get(j) == Some(&k) {
            if cuts[j] {
                push_line(&cur, out, dropped);
                cur.clear();
            }
            j += 1;
            cur.push(g);
        } else if !cur.is_empty() {
            cur.push(g);
        }
    }
    if !cur.is_empty() {
        push_line(&cur, out, dropped);
    }
}

fn push_line(glyphs: &[&Glyph], out: &mut Vec<TextLine>, dropped: &mut Vec<Dropped>) {
    let ink: Vec<&&Glyph> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    let (Some(first), Some(last)) = (ink.first(), ink.last()) else {
        return;
    };
    let mut text = String::new();
    let mut prev_right: Option<f32> = None;
    let mut pending_space = false;
    for g in glyphs {
        if g.text.trim().is_empty() {
            pending_space = true;
            continue;
        }
        if let Some(r) = prev_right {
            if pending_space || g.x - r > SPACE_GAP * g.size {
                text.push(' ');
            }
        }
        pending_space = false;
        text.push_str(&g.text);
        prev_right = Some(g.right());
    }
    // A letter-spaced line reads without the spaces.
    let text = banmian::text::unspace(&text);
    let (text, normalized) = banmian::normalize::normalize(&text);
    dropped.extend(normalized);
    let (text, ornaments) = banmian::ornament::strip(&text);
    dropped.extend(ornaments);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return;
    }
    let size =
        mode_by(&ink, |g| (g.size * 10.0).round() as i64).map_or(first.size, |k| k as f32 / 10.0);
    let font = most_common_font(&ink);
    let top = ink.iter().map(|g| g.y).fold(f32::INFINITY, f32::min);
    let bottom = ink
        .iter()
        .map(|g| g.y + g.h)
        .fold(f32::NEG_INFINITY, f32::max);
    let mut baselines: Vec<f32> = ink.iter().map(|g| g.baseline).collect();
    baselines.sort_by(f32::total_cmp);
    out.push(TextLine {
        text,
        x0: first.x,
        x1: ink.iter().map(|g| g.right()).fold(last.right(), f32::max),
        top,
        bottom,
        baseline: baselines[baselines.len() / 2],
        size,
        font,
        glyphs: ink.len(),
        vertical: false,
    });
}

fn mode_by<T>(items: &[T], key: impl Fn(&T) -> i64) -> Option<i64> {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for it in items {
        let k = key(it);
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some(e) => e.1 += 1,
            None => counts.push((k, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map(|(k, _)| k)
}

fn most_common_font(ink: &[&&Glyph]) -> Arc<str> {
    let mut best: Vec<(Arc<str>, usize)> = Vec::new();
    for g in ink {
        match best
            .iter_mut()
            .find(|(f, _)| Arc::ptr_eq(f, &g.font) || **f == *g.font)
        {
            Some(e) => e.1 += 1,
            None => best.push((g.font.clone(), 1)),
        }
    }
    best.into_iter()
        .max_by_key(|e| e.1)
        .map_or_else(|| Arc::from("?"), |e| e.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x: f32, baseline: f32, size: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y: baseline - 0.88 * size,
            w: if text.is_ascii() { size / 2.0 } else { size },
            h: size,
            baseline,
            size,
            font: Arc::from("F"),
            invisible: false,
        }
    }

    #[test]
    fn ornament_runs_become_rules_and_lone_private_use_glyphs_stay() {
        let mut dropped = Vec::new();
        let mut shapes = Vec::new();
        let mut glyphs: Vec<Glyph> = (0..6)
            .map(|k| g("\u{100948}", 10.0 * k as f32, 50.0, 10.0))
            .collect();
        glyphs.push(g("\u{1009C8}", 60.0, 50.0, 10.0));
        glyphs.extend([
            g("某", 0.0, 80.0, 10.0),
            g("\u{E000}", 10.0, 80.0, 10.0),
            g("村", 20.0, 80.0, 10.0),
        ]);
        let kept = ornaments(glyphs, &mut shapes, &mut dropped);
        assert_eq!(
            kept.iter().map(|g| g.text.as_str()).collect::<String>(),
            "某\u{E000}村"
        );
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].reason, DropReason::Ornament);
        assert_eq!(dropped[0].text.chars().count(), 7);
        // The rule is a thin shape along the run, which the layout cuts at.
        assert_eq!(shapes.len(), 1);
        let r = shapes[0];
        assert!(r.w() >= 60.0 && r.h() <= 1.0, "{r:?}");
        assert_eq!(crate::layout::rules(&shapes).len(), 1);
    }

    #[test]
    fn vertical_captions_become_vertical_lines_read_from_the_right() {
        // A strip of two vertical columns, the right one first in the
        // content stream (as set), beside a horizontal body line.
        let mut glyphs: Vec<Glyph> = "春节前后游客很多"
            .chars()
            .enumerate()
            .map(|(k, c)| g(&c.to_string(), 100.0, 10.0 + 10.0 * k as f32, 10.0))
            .collect();
        glyphs.extend(
            "记者王五摄"
                .chars()
                .enumerate()
                .map(|(k, c)| g(&c.to_string(), 86.0, 10.0 + 10.0 * k as f32, 10.0)),
        );
        glyphs.extend(
            "正文一行"
                .chars()
                .enumerate()
                .map(|(k, c)| g(&c.to_string(), 10.0 * k as f32, 200.0, 10.0)),
        );
        let mut dropped = Vec::new();
        let lines = build(glyphs, &mut dropped);
        let vertical: Vec<&str> = lines
            .iter()
            .filter(|l| l.vertical)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(vertical.len(), 2, "{lines:?}");
        assert!(vertical.contains(&"春节前后游客很多") && vertical.contains(&"记者王五摄"));
        let body: Vec<&TextLine> = lines.iter().filter(|l| !l.vertical).collect();
        assert_eq!(body.len(), 1);
        assert_eq!(body[0].text, "正文一行");
        // The layout reads the strip's columns right to left.
        let strip: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].vertical).collect();
        let order = crate::layout::xycut(&lines, strip, &[]).lines();
        assert_eq!(lines[order[0]].text, "春节前后游客很多");
        // Two glyphs of a horizontal line wrapped one under the other are not
        // a vertical line: the next line runs on beside the second.
        let glyphs = vec![
            g("文", 0.0, 10.0, 10.0),
            g("字", 10.0, 10.0, 10.0),
            g("利", 0.0, 24.0, 10.0),
            g("下", 0.0, 38.0, 10.0),
            g("行", 10.0, 38.0, 10.0),
        ];
        let lines = build(glyphs, &mut dropped);
        assert!(lines.iter().all(|l| !l.vertical), "{lines:?}");
    }

    #[test]
    fn columns_set_close_are_parted_where_their_rows_meet() {
        // Two columns 5 pt apart (half an em); their rows share a baseline
        // every third line, where a row of each reads as one line.
        let mut glyphs = Vec::new();
        let row = |glyphs: &mut Vec<Glyph>, text: &str, x: f32, y: f32| {
            for (k, c) in text.chars().enumerate() {
                glyphs.push(g(&c.to_string(), x + 10.0 * k as f32, y, 10.0));
            }
        };
        for k in 0..12 {
            row(&mut glyphs, "左栏正文一行", 0.0, 14.0 * k as f32);
            let right = if k % 3 == 0 {
                14.0 * k as f32
            } else {
                14.0 * k as f32 + 7.0
            };
            row(&mut glyphs, "右栏正文一行", 65.0, right);
        }
        let mut dropped = Vec::new();
        let lines = build(glyphs, &mut dropped);
        assert!(
            lines
                .iter()
                .all(|l| l.text == "左栏正文一行" || l.text == "右栏正文一行"),
            "{:?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
        assert_eq!(lines.len(), 24);
        // A gap in one row that the rows around it run through is no
        // gutter: that row stays one line.
        let mut glyphs = Vec::new();
        for k in 0..8 {
            row(&mut glyphs, "正文一行", 0.0, 14.0 * k as f32);
            let x = if k == 4 { 46.0 } else { 40.0 };
            row(&mut glyphs, "正文一行", x, 14.0 * k as f32);
        }
        let lines = build(glyphs, &mut dropped);
        assert_eq!(
            lines.len(),
            8,
            "{:?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
        // Slogans of two-character words spaced out, one under the other:
        // their gaps line up, but no column is set solid beside them.
        let mut glyphs = Vec::new();
        for k in 0..8 {
            for (w, word) in ["富强", "民主", "文明", "和谐"].iter().enumerate() {
                row(&mut glyphs, word, 26.0 * w as f32, 14.0 * k as f32);
            }
        }
        let lines = build(glyphs, &mut dropped);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["富强 民主 文明 和谐"; 8]);
    }

    #[test]
    fn shadow_copies_are_dropped() {
        let mut dropped = Vec::new();
        let glyphs = vec![
            g("讲", 0.0, 10.0, 10.0),
            g("文", 10.0, 10.0, 10.0),
            g("讲", 0.5, 10.5, 10.0),
            g("文", 10.5, 10.5, 10.0),
        ];
        let kept = dedupe(glyphs, &mut dropped);
        assert_eq!(kept.len(), 2);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].text, "讲文");
    }

    #[test]
    fn repeated_digits_are_not_shadows() {
        let mut dropped = Vec::new();
        let glyphs = vec![
            g("1", 0.0, 10.0, 10.0),
            g("1", 5.0, 10.0, 10.0),
            g("人", 20.0, 10.0, 10.0),
            g("人", 24.0, 9.0, 10.0),
        ];
        let kept = dedupe(glyphs, &mut dropped);
        assert_eq!(kept.len(), 3);
        assert_eq!(dropped[0].text, "人");
    }

    #[test]
    fn columns_split_at_wide_gaps() {
        let mut dropped = Vec::new();
        let glyphs = vec![
            g("甲", 0.0, 10.0, 10.0),
            g("乙", 10.0, 10.0, 10.0),
            g("丙", 40.0, 10.2, 10.0),
            g("丁", 0.0, 25.0, 10.0),
        ];
        let lines = build(glyphs, &mut dropped);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["甲乙", "丙", "丁"]);
    }

    #[test]
    fn letter_spaced_lines_hold_together() {
        let mut dropped = Vec::new();
        let glyphs = vec![
            g("理", 0.0, 10.0, 10.0),
            g("和", 22.0, 10.0, 10.0),
            g("指", 44.0, 10.0, 10.0),
            g("挥", 66.0, 10.0, 10.0),
        ];
        let lines = build(glyphs, &mut dropped);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "理和指挥");
    }

    #[test]
    fn space_glyphs_and_radicals() {
        let mut dropped = Vec::new();
        let glyphs = vec![
            g("第", 0.0, 10.0, 10.0),
            g("4", 10.0, 10.0, 10.0),
            g(" ", 15.0, 10.0, 10.0),
            g("⼯", 20.0, 10.0, 10.0),
        ];
        let lines = build(glyphs, &mut dropped);
        assert_eq!(lines[0].text, "第4 工");
        assert_eq!(dropped[0].reason, DropReason::Normalized);
    }
}
