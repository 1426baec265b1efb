//! Lines into blocks and reading order: a recursive XY-cut over the line
//! boxes. A node is cut where a strip of white space (or a printed rule)
//! runs across it; rules are cut at first, since they are the page's own
//! article boundaries. Children of a horizontal cut are read top to bottom,
//! those of a vertical cut left to right.

use crate::lines::TextLine;
use crate::reader::{Shape, ShapeKind};

/// A printed rule (a thin filled or stroked shape, or one edge of a box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

impl Rule {
    fn horizontal(&self) -> bool {
        self.x1 - self.x0 >= self.y1 - self.y0
    }
}

/// Thickest shape taken as a rule.
const RULE_THICK: f32 = 3.0;
/// Shortest rule.
const RULE_LONG: f32 = 12.0;

/// Rules among the page's shapes: thin shapes, and the edges of stroked boxes.
pub fn rules(shapes: &[Shape]) -> Vec<Rule> {
    let mut out = Vec::new();
    for s in shapes {
        if s.kind == ShapeKind::Image {
            continue;
        }
        let (w, h) = (s.w(), s.h());
        if w.min(h) <= RULE_THICK && w.max(h) >= RULE_LONG {
            out.push(Rule {
                x0: s.x0,
                y0: s.y0,
                x1: s.x1,
                y1: s.y1,
            });
        } else if s.kind == ShapeKind::Stroke && w >= RULE_LONG && h >= RULE_LONG {
            let t = 0.5;
            out.push(Rule {
                x0: s.x0,
                y0: s.y0 - t,
                x1: s.x1,
                y1: s.y0 + t,
            });
            out.push(Rule {
                x0: s.x0,
                y0: s.y1 - t,
                x1: s.x1,
                y1: s.y1 + t,
            });
            out.push(Rule {
                x0: s.x0 - t,
                y0: s.y0,
                x1: s.x0 + t,
                y1: s.y1,
            });
            out.push(Rule {
                x0: s.x1 - t,
                y0: s.y0,
                x1: s.x1 + t,
                y1: s.y1,
            });
        }
    }
    out
}

/// Direction of a cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Cut along a horizontal strip: children stacked top to bottom.
    Horizontal,
    /// Cut along a vertical strip: children side by side.
    Vertical,
}

/// A node of the XY-cut tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Lines (indices) that no cut separates, top to bottom.
    Leaf(Vec<usize>),
    /// A cut and its parts in reading order.
    Split(Dir, Vec<Node>),
}

impl Node {
    /// All line indices under the node, in reading order.
    pub fn lines(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<usize>) {
        match self {
            Node::Leaf(v) => out.extend_from_slice(v),
            Node::Split(_, kids) => kids.iter().for_each(|k| k.collect(out)),
        }
    }
}

/// White space narrower than this share of the neighbouring lines' size is
/// not a horizontal cut (the leading between lines of text).
const H_GAP: f32 = 0.6;
/// White space narrower than this share of the size is not a vertical cut.
const V_GAP: f32 = 1.0;
/// A vertical strip this narrow (share of the size) parts two columns
/// when [`GUTTER_LINES`] lines or more stand on each side of it.
const NARROW_GUTTER: f32 = 0.4;
/// Lines on each side of a narrow gutter.
const GUTTER_LINES: usize = 4;
/// Rules covering this share of a node's extent make a cut certain.
const RULE_COVER: f32 = 0.85;

/// Builds the XY-cut tree over `items` (indices into `lines`).
pub fn xycut(lines: &[TextLine], items: Vec<usize>, rules: &[Rule]) -> Node {
    if items.len() <= 1 {
        return Node::Leaf(items);
    }
    let bx = extent(lines, &items);
    let h = gaps(lines, &items, Dir::Horizontal, rules, bx);
    let v = gaps(lines, &items, Dir::Vertical, rules, bx);
    let strong = |g: &[Gap]| {
        g.iter()
            .filter(|g| g.cover >= RULE_COVER)
            .map(|g| g.cover)
            .fold(0.0f32, f32::max)
    };
    let (sh, sv) = (strong(&h), strong(&v));
    let (dir, cuts): (Dir, Vec<f32>) = if sh > 0.0 || sv > 0.0 {
        let (dir, g) = if sh >= sv {
            (Dir::Horizontal, &h)
        } else {
            (Dir::Vertical, &v)
        };
        (
            dir,
            g.iter()
                .filter(|g| g.cover >= RULE_COVER)
                .map(|g| g.at)
                .collect(),
        )
    } else {
        let best = |g: &[Gap]| g.iter().map(|g| g.score).fold(0.0f32, f32::max);
        let (bh, bv) = (best(&h), best(&v));
        if bh == 0.0 && bv == 0.0 {
            let mut items = items;
            items.sort_by(|&a, &b| {
                lines[a]
                    .top
                    .total_cmp(&lines[b].top)
                    .then(lines[a].x0.total_cmp(&lines[b].x0))
            });
            right_to_left(lines, &mut items);
            return Node::Leaf(items);
        }
        let (dir, g) = if bh >= bv {
            (Dir::Horizontal, &h)
        } else {
            (Dir::Vertical, &v)
        };
        (dir, g.iter().map(|g| g.at).collect())
    };
    let mut parts: Vec<Vec<usize>> = vec![Vec::new(); cuts.len() + 1];
    for i in items {
        let pos = match dir {
            Dir::Horizontal => lines[i].top,
            Dir::Vertical => lines[i].x0,
        };
        let k = cuts.iter().filter(|&&c| pos > c).count();
        parts[k].push(i);
    }
    let mut kids: Vec<Node> = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| xycut(lines, p, rules))
        .collect();
    // Columns of vertical text are read from the right.
    let vertical = |k: &Node| k.lines().iter().all(|&i| lines[i].vertical);
    if dir == Dir::Vertical && kids.iter().all(vertical) {
        kids.reverse();
    }
    if kids.len() == 1 {
        return kids.into_iter().next().unwrap_or(Node::Leaf(Vec::new()));
    }
    Node::Split(dir, kids)
}

/// Puts each run of vertical lines in `items` in right-to-left order:
/// vertical columns (竖排) are read from the right.
fn right_to_left(lines: &[TextLine], items: &mut [usize]) {
    for run in items.chunk_by_mut(|&a, &b| lines[a].vertical && lines[b].vertical) {
        run.sort_by(|&a, &b| lines[b].x0.total_cmp(&lines[a].x0));
    }
}

/// A possible cut.
#[derive(Debug, Clone, Copy)]
struct Gap {
    /// Where to cut (the middle of the white strip).
    at: f32,
    /// Width of the strip over the threshold (0 if only a rule makes it a cut).
    score: f32,
    /// Share of the node's extent covered by rules inside the strip.
    cover: f32,
}

/// The bounding box (x0, y0, x1, y1) of `items`.
pub fn extent(lines: &[TextLine], items: &[usize]) -> (f32, f32, f32, f32) {
    let mut b = (
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    );
    for &i in items {
        let l = &lines[i];
        b = (
            b.0.min(l.x0),
            b.1.min(l.top),
            b.2.max(l.x1),
            b.3.max(l.bottom),
        );
    }
    b
}

fn gaps(
    lines: &[TextLine],
    items: &[usize],
    dir: Dir,
    rules: &[Rule],
    bx: (f32, f32, f32, f32),
) -> Vec<Gap> {
    // (start, end, size) of each line along the cut axis.
    let mut spans: Vec<(f32, f32, f32)> = items
        .iter()
        .map(|&i| {
            let l = &lines[i];
            match dir {
                Dir::Horizontal => (l.top, l.bottom, l.size),
                Dir::Vertical => (l.x0, l.x1, l.size),
            }
        })
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (across_lo, across_hi) = match dir {
        Dir::Horizontal => (bx.0, bx.2),
        Dir::Vertical => (bx.1, bx.3),
    };
    let span_len = (across_hi - across_lo).max(1.0);
    let mut out = Vec::new();
    let (mut reach, mut reach_size) = (spans[0].1, spans[0].2);
    for s in &spans[1..] {
        if s.0 > reach {
            let gap = s.0 - reach;
            let thr = match dir {
                Dir::Horizontal => H_GAP,
                Dir::Vertical => V_GAP,
            } * reach_size.min(s.2);
            let cover = rule_cover(rules, dir, reach, s.0, across_lo, across_hi) / span_len;
            let mut score = if gap >= thr { gap / thr.max(0.1) } else { 0.0 };
            if score == 0.0 && dir == Dir::Vertical {
                // A gutter narrower than usual (a two-column block, a
                // Founder page's tight columns) still parts columns when
                // no line crosses it and several stand on each side.
                let narrow = NARROW_GUTTER * reach_size.min(s.2);
                let left = spans.iter().filter(|t| t.1 <= reach).count();
                let right = spans.iter().filter(|t| t.0 >= s.0).count();
                if gap >= narrow && left >= GUTTER_LINES && right >= GUTTER_LINES {
                    score = gap / thr.max(0.1);
                }
            }
            if score > 0.0 || cover >= RULE_COVER {
                out.push(Gap {
                    at: (reach + s.0) / 2.0,
                    score,
                    cover,
                });
            }
        }
        if s.1 > reach {
            reach = s.1;
            reach_size = s.2;
        }
    }
    out
}

/// Total length (across the node) of rules lying in the strip `lo..hi`.
fn rule_cover(rules: &[Rule], dir: Dir, lo: f32, hi: f32, across_lo: f32, across_hi: f32) -> f32 {
    let mut segs: Vec<(f32, f32)> = rules
        .iter()
        .filter(|r| r.horizontal() == (dir == Dir::Horizontal))
        .filter_map(|r| {
            let (a, b, c0, c1) = match dir {
                Dir::Horizontal => (r.y0, r.y1, r.x0, r.x1),
                Dir::Vertical => (r.x0, r.x1, r.y0, r.y1),
            };
            let mid = (a + b) / 2.0;
            (mid >= lo - 1.0 && mid <= hi + 1.0).then_some((c0.max(across_lo), c1.min(across_hi)))
        })
        .filter(|(a, b)| b > a)
        .collect();
    segs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut total, mut end) = (0.0, f32::NEG_INFINITY);
    for (a, b) in segs {
        let a = a.max(end);
        if b > a {
            total += b - a;
            end = b;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn line(text: &str, x0: f32, top: f32, width: f32, size: f32) -> TextLine {
        TextLine {
            text: text.into(),
            x0,
            x1: x0 + width,
            top,
            bottom: top + size,
            baseline: top + 0.88 * size,
            size,
            font: Arc::from("F"),
            glyphs: text.chars().count(),
            vertical: false,
        }
    }

    #[test]
    fn a_narrow_gutter_parts_columns_whose_lines_interleave() {
        // Two columns 5 pt apart (half an em), their baselines offset by
        // half a line, so that no horizontal strip separates their rows.
        let mut lines = Vec::new();
        for k in 0..6 {
            lines.push(line("左", 0.0, 14.0 * k as f32, 95.0, 10.0));
            lines.push(line("右", 100.0, 7.0 + 14.0 * k as f32, 95.0, 10.0));
        }
        let order = |lines: &[TextLine]| -> Vec<String> {
            let tree = xycut(lines, (0..lines.len()).collect(), &[]);
            tree.lines()
                .iter()
                .map(|&i| lines[i].text.clone())
                .collect()
        };
        let got = order(&lines);
        assert_eq!(got[..6], ["左"; 6]);
        assert_eq!(got[6..], ["右"; 6]);
        // With fewer lines on a side it is not taken for a gutter: a gap
        // that narrow between two short lines is within a row.
        let few: Vec<TextLine> = lines[..6].to_vec();
        let got = order(&few);
        assert_eq!(got, ["左", "右", "左", "右", "左", "右"]);
    }

    #[test]
    fn two_columns_under_a_headline_read_in_order() {
        let mut lines = vec![line("标题", 0.0, 0.0, 200.0, 20.0)];
        for k in 0..5 {
            lines.push(line("左", 0.0, 30.0 + 14.0 * k as f32, 90.0, 10.0));
            lines.push(line("右", 110.0, 30.0 + 14.0 * k as f32, 90.0, 10.0));
        }
        let tree = xycut(&lines, (0..lines.len()).collect(), &[]);
        let order: Vec<&str> = tree
            .lines()
            .iter()
            .map(|&i| lines[i].text.as_str())
            .collect();
        assert_eq!(order[0], "标题");
        assert_eq!(order[1..6], ["左"; 5]);
        assert_eq!(order[6..], ["右"; 5]);
    }

    #[test]
    fn rules_separate_articles_first() {
        // Two stacked articles whose column gutters line up.
        let mut lines = Vec::new();
        for (top, tag) in [(0.0, "上"), (100.0, "下")] {
            for k in 0..4 {
                lines.push(line(tag, 0.0, top + 14.0 * k as f32, 90.0, 10.0));
                lines.push(line(tag, 110.0, top + 14.0 * k as f32, 90.0, 10.0));
            }
        }
        let rules = [Rule {
            x0: 0.0,
            y0: 80.0,
            x1: 200.0,
            y1: 80.5,
        }];
        let tree = xycut(&lines, (0..lines.len()).collect(), &rules);
        let order: Vec<&str> = tree
            .lines()
            .iter()
            .map(|&i| lines[i].text.as_str())
            .collect();
        assert_eq!(order[..8], ["上"; 8]);
    }
}
