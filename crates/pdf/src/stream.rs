//! From lines in reading order to the shared stages: what the page's
//! drawing decides, handed to [`banmian::pipeline::restore_stream`] as a
//! [`banmian::pipeline::LineStream`] of lines with their geometry.
//!
//! What text alone has to guess, the page's geometry says:
//! - the top strip (above the first rule across the page) and the footer
//!   (below the last one) are furniture;
//! - a banner is short slogan text on a coloured background, or printed
//!   twice (its shadow copy is dropped as a duplicate);
//! - a caption is the small text right under a photo, or a strip of
//!   vertical (竖排) text beside it;
//! - a 导读 box is one teaser block;
//! - a headline stack is the lines set clearly larger than the body
//!   (titles), with the smaller headline lines touching them;
//! - a break between lines: white space wider than the leading, a new
//!   column, a change of size or font; an indent from the column's edge.
//!
//! The shared stages do the rest with this evidence (stack roles by size,
//! paragraphs by indent and short lines, articles in reading order, jump
//! markers, datelines), as they do for text.

use std::collections::HashMap;

use banmian::model::{BlockKind, DropReason, Dropped, Page};
use banmian::text::join_lines;
use banmian::{byline, caption, furniture};

use crate::layout::{self, Dir, Node, Rule};
use crate::lines::{self, TextLine};
use crate::reader::{PageContent, Shape, ShapeKind};

/// Lines at least this many times the body size are title lines.
const TITLE: f32 = 1.45;
/// Lines at least this many times the body size (or in another font) may
/// be kicker or subtitle lines when they touch a title.
const HEADISH: f32 = 1.03;
/// Headline lines closer than this many em (of the smaller line) are one stack.
const TOUCH: f32 = 1.0;
/// White space between two lines wider than this many em is a break.
const GAP: f32 = 0.8;
/// A line starting this many em right of its column's edge is indented.
const INDENT: f32 = 0.6;
/// A line ending this many em short of its column's right edge ends its paragraph.
const SHORT: f32 = 0.6;
/// Body lines that make a band its own column group.
const OWN_GROUP: usize = 4;
/// Most body lines in a panel that is still a headline panel.
const PANEL_LINES: usize = 2;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Furniture(BlockKind),
    Banner,
    /// Consumed (a shadow copy), already in `dropped`.
    Gone,
    Caption,
    Title,
    /// Larger than the body or in another font: a headline line if it touches a title.
    Headish,
    Body,
}

/// Something on the page, in reading order.
#[derive(Debug, Clone)]
enum Item {
    Stack(Vec<usize>),
    Caption(Vec<usize>),
    Body(usize),
}

struct Sheet<'a> {
    lines: &'a [TextLine],
    body_size: f32,
    body_font: &'a str,
    roles: Vec<Role>,
    /// Column box (x0, x1) of each line.
    col: Vec<(f32, f32)>,
    /// The column group of each line (an index into `groups`).
    group: Vec<usize>,
    /// Lines of each column group (the parts of vertical cuts).
    groups: Vec<Vec<usize>>,
}

/// Restores a page from what the reader found on it.
pub fn restore(content: PageContent, source: &str) -> Page {
    let mut dropped: Vec<Dropped> = Vec::new();
    let mut shapes = content.shapes;
    let glyphs = lines::ornaments(content.glyphs, &mut shapes, &mut dropped);
    let glyphs = lines::dedupe(glyphs, &mut dropped);
    let mut lines = lines::build(glyphs, &mut dropped);
    let doubled = cut_doubled(&mut lines, &mut dropped);
    let mut page = Page::empty(source);
    if lines.is_empty() {
        page.dropped = dropped;
        return page;
    }
    let (body_size, body_font) = body_style(&lines);
    let rules = layout::rules(&shapes);
    let (photos, grounds) = photos_and_grounds(&shapes, &lines);
    let mut sheet = Sheet {
        lines: &lines,
        body_size,
        body_font: &body_font,
        roles: vec![Role::Body; lines.len()],
        col: vec![(0.0, content.width); lines.len()],
        group: vec![0; lines.len()],
        groups: Vec::new(),
    };
    // Furniture strips.
    let (head_y, foot_y) = strips(&lines, &rules, content.width, content.height);
    let mut rest = Vec::new();
    let mut top_items = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let footer = foot_y.is_some_and(|y| l.top >= y - 1.0) && l.size <= HEADISH * body_size;
        if head_y.is_some_and(|y| l.bottom <= y + 1.0) || footer {
            top_items.push(i);
        } else {
            rest.push(i);
        }
    }
    for (k, &i) in top_items.iter().enumerate() {
        sheet.roles[i] = if doubled[i] {
            Role::Banner
        } else {
            Role::Furniture(
                furniture::classify(&lines[i].text, k.min(1)).unwrap_or(BlockKind::Other),
            )
        };
    }
    // Reading order.
    let tree = layout::xycut(&lines, rest, &rules);
    let mut order = Vec::with_capacity(lines.len());
    sheet.groups.push(tree.lines());
    flatten(&mut sheet, &tree, 0, &mut order);
    top_items.sort_by(|&a, &b| {
        lines[a]
            .top
            .total_cmp(&lines[b].top)
            .then(lines[a].x0.total_cmp(&lines[b].x0))
    });
    // Classification.
    for (i, d) in doubled.iter().enumerate() {
        if *d && sheet.roles[i] == Role::Body {
            sheet.roles[i] = Role::Banner;
        }
    }
    classify(&mut sheet, &order, &grounds, &mut dropped);
    teasers(&mut sheet, &order);
    let captions = find_captions(&mut sheet, &order, &photos);
    column_boxes(&mut sheet);
    if std::env::var_os("BANMIAN_PDF_DEBUG").is_some() {
        for &i in &order {
            let l = &lines[i];
            eprintln!(
                "{:?}\t{:.0}-{:.0}\t{:.0}\tcol {:.0}-{:.0}\t{:.1}\t{}",
                sheet.roles[i], l.x0, l.x1, l.top, sheet.col[i].0, sheet.col[i].1, l.size, l.text
            );
        }
    }
    let items = items(&mut sheet, &order, &captions, &rules);
    let stream = stream(&sheet, &top_items, &order, &items, dropped);
    banmian::pipeline::restore_stream(stream, source)
}

/// The page as the shared stages read it: its lines in reading order with
/// their geometry (box, size, font, writing direction, column), the breaks
/// the drawing shows (a gap wider than the leading, a new column, a change
/// of size or font) and the roles it decides (furniture strips, banners,
/// captions by their photo, headline stacks by size).
fn stream(
    sheet: &Sheet<'_>,
    top_items: &[usize],
    order: &[usize],
    items: &[Item],
    dropped: Vec<Dropped>,
) -> banmian::pipeline::LineStream {
    use banmian::sheet::{Geom, Line, Role as LineRole};
    let lines = sheet.lines;
    let mut role: HashMap<usize, LineRole> = HashMap::new();
    // A caption's lines are one caption: a gap before its first line only.
    let mut caption_gap: HashMap<usize, bool> = HashMap::new();
    for item in items {
        match item {
            Item::Stack(ids) => role.extend(ids.iter().map(|&i| (i, LineRole::Headline))),
            Item::Caption(ids) => {
                role.extend(ids.iter().map(|&i| (i, LineRole::Caption)));
                caption_gap.extend(ids.iter().enumerate().map(|(k, &i)| (i, k == 0)));
            }
            Item::Body(i) => {
                role.insert(*i, LineRole::Body);
            }
        }
    }
    let mut out: Vec<Line> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in top_items.iter().chain(order) {
        let r = match sheet.roles[i] {
            Role::Gone => continue,
            Role::Furniture(k) => LineRole::Block(k),
            Role::Banner => LineRole::Block(BlockKind::Banner),
            _ => role.get(&i).copied().unwrap_or(LineRole::Body),
        };
        let l = &lines[i];
        let gap = prev.is_none_or(|p| {
            let q = &lines[p];
            l.top - q.bottom > GAP * l.size.min(q.size)
                || l.top < q.top
                || (l.size - q.size).abs() > 0.1 * l.size
                || l.font != q.font
                || out.last().is_some_and(|o| o.role != r)
        });
        let gap = caption_gap.get(&i).copied().unwrap_or(gap);
        let indented = l.x0 - sheet.col[i].0 > INDENT * l.size;
        let mut line = Line::new(l.text.clone(), 0, gap, indented);
        // In em of the body size, as text measures its lines.
        line.width = l.width() / sheet.body_size;
        line.role = r;
        line.geom = Some(Geom {
            bbox: l.bbox(),
            size: l.size,
            font: l.font.clone(),
            vertical: l.vertical,
            column: [sheet.col[i].0, sheet.col[i].1],
        });
        out.push(line);
        prev = Some(i);
    }
    banmian::pipeline::LineStream {
        lines: out,
        dropped,
        body_size: sheet.body_size,
    }
}

/// The size and font of most glyphs.
fn body_style(lines: &[TextLine]) -> (f32, String) {
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    let mut fonts: HashMap<&str, usize> = HashMap::new();
    for l in lines {
        *sizes.entry((l.size * 10.0).round() as i64).or_default() += l.glyphs;
        *fonts.entry(&l.font).or_default() += l.glyphs;
    }
    let size = sizes
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map_or(10.0, |(k, _)| k as f32 / 10.0);
    let font = fonts
        .into_iter()
        .max_by_key(|&(f, n)| (n, f))
        .map_or_else(String::new, |(f, _)| f.to_string());
    (size, font)
}

/// Photo frames (large shapes with no text on them) and coloured grounds
/// (large filled shapes with text on them).
fn photos_and_grounds(shapes: &[Shape], lines: &[TextLine]) -> (Vec<Shape>, Vec<Shape>) {
    let (mut photos, mut grounds) = (Vec::new(), Vec::new());
    for s in shapes {
        if s.kind == ShapeKind::Stroke || s.w() < 20.0 || s.h() < 12.0 {
            continue;
        }
        let holds_text = lines.iter().any(|l| {
            let (cx, cy) = ((l.x0 + l.x1) / 2.0, (l.top + l.bottom) / 2.0);
            cx > s.x0 && cx < s.x1 && cy > s.y0 && cy < s.y1
        });
        if holds_text {
            if s.kind == ShapeKind::Fill {
                grounds.push(*s);
            }
        } else {
            photos.push(*s);
        }
    }
    (photos, grounds)
}

/// The y below which the top strip ends and above which the footer starts:
/// rules across most of the page near its top and bottom edges.
fn strips(
    lines: &[TextLine],
    rules: &[Rule],
    width: f32,
    height: f32,
) -> (Option<f32>, Option<f32>) {
    let wide: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.x1 - r.x0 >= 0.6 * width && r.y1 - r.y0 <= 4.0)
        .collect();
    let top = wide
        .iter()
        .filter(|r| r.y0 < 0.25 * height && lines.iter().any(|l| l.bottom <= r.y0 + 1.0))
        .map(|r| r.y0)
        .fold(None, |m: Option<f32>, y| Some(m.map_or(y, |m| m.min(y))));
    let bottom = wide
        .iter()
        .filter(|r| r.y0 > 0.85 * height && lines.iter().any(|l| l.top >= r.y1 - 1.0))
        .map(|r| r.y1)
        .fold(None, |m: Option<f32>, y| Some(m.map_or(y, |m| m.max(y))));
    (top, bottom)
}

/// Whether the lines under `node` form a headline panel: a title and little
/// body-size text.
fn is_panel(sheet: &Sheet<'_>, node: &Node) -> bool {
    let ids = node.lines();
    let has_title = ids
        .iter()
        .any(|&i| sheet.lines[i].size >= TITLE * sheet.body_size);
    let body_lines = ids
        .iter()
        .filter(|&&i| {
            let l = &sheet.lines[i];
            l.size < HEADISH * sheet.body_size && *l.font == *sheet.body_font
        })
        .count();
    has_title && body_lines <= PANEL_LINES
}

/// The column box of each line: the horizontal extent of the body lines
/// of its column group (headlines, banners and captions may be wider or
/// narrower than the column they sit in).
fn column_boxes(sheet: &mut Sheet<'_>) {
    let boxes: Vec<(f32, f32)> = sheet
        .groups
        .iter()
        .map(|ids| {
            let body: Vec<usize> = ids
                .iter()
                .copied()
                .filter(|&i| sheet.roles[i] == Role::Body)
                .collect();
            let e = layout::extent(sheet.lines, if body.is_empty() { ids } else { &body });
            (e.0, e.2)
        })
        .collect();
    for i in 0..sheet.lines.len() {
        if let Some(b) = boxes.get(sheet.group[i]) {
            sheet.col[i] = *b;
        }
    }
}

/// Reading order: the tree's order, with a headline panel set beside its
/// body moved before it. Records each line's column box.
fn flatten(sheet: &mut Sheet<'_>, node: &Node, col: usize, out: &mut Vec<usize>) {
    match node {
        Node::Leaf(ids) => {
            for &i in ids {
                sheet.group[i] = col;
                out.push(i);
            }
        }
        Node::Split(Dir::Horizontal, kids) => {
            // A band with enough running text of its own (an article under a
            // banner) is its own column group; a line or two cut off by a
            // margin stays in the group around it.
            for k in kids {
                let ids = k.lines();
                let body = ids
                    .iter()
                    .filter(|&&i| sheet.lines[i].size < HEADISH * sheet.body_size)
                    .count();
                if body >= OWN_GROUP && body < sheet.groups[col].len() {
                    sheet.groups.push(ids);
                    let g = sheet.groups.len() - 1;
                    flatten(sheet, k, g, out);
                } else {
                    flatten(sheet, k, col, out);
                }
            }
        }
        Node::Split(Dir::Vertical, _) => {
            let mut kids: Vec<&Node> = Vec::new();
            splice(kids_of(node), &mut kids);
            // A headline panel set beside the columns of its own box (to
            // their right) is read before them: it moves before the run of
            // column-like siblings aligned with its top, back to the previous
            // panel or other block.
            let mut ordered: Vec<&Node> = Vec::with_capacity(kids.len());
            let mut run_start = 0;
            for k in kids {
                if is_panel(sheet, k) {
                    let top = layout::extent(sheet.lines, &k.lines()).1;
                    let mut s = ordered.len();
                    while s > run_start
                        && column_like(sheet, ordered[s - 1])
                        && (layout::extent(sheet.lines, &ordered[s - 1].lines()).1 - top).abs()
                            <= 3.0 * sheet.body_size
                    {
                        s -= 1;
                    }
                    ordered.insert(s, k);
                    run_start = ordered.len();
                } else {
                    if !column_like(sheet, k) {
                        run_start = ordered.len() + 1;
                    }
                    ordered.push(k);
                }
            }
            let kids = ordered;
            for k in kids {
                sheet.groups.push(k.lines());
                let g = sheet.groups.len() - 1;
                flatten(sheet, k, g, out);
            }
        }
    }
}

fn kids_of(node: &Node) -> &[Node] {
    match node {
        Node::Split(_, kids) => kids,
        Node::Leaf(_) => &[],
    }
}

/// The children of a vertical cut, with vertical cuts nested in them (rules
/// cut first, white space after) spliced in.
fn splice<'n>(kids: &'n [Node], out: &mut Vec<&'n Node>) {
    for k in kids {
        match k {
            Node::Split(Dir::Vertical, inner) => splice(inner, out),
            _ => out.push(k),
        }
    }
}

/// A node of running text: no title, several body lines.
fn column_like(sheet: &Sheet<'_>, node: &Node) -> bool {
    let ids = node.lines();
    !ids.iter()
        .any(|&i| sheet.lines[i].size >= TITLE * sheet.body_size)
        && ids
            .iter()
            .filter(|&&i| sheet.lines[i].size < HEADISH * sheet.body_size)
            .count()
            >= 3
}

/// Banners, shadow copies, titles and headline-like lines.
fn classify(sheet: &mut Sheet<'_>, order: &[usize], grounds: &[Shape], dropped: &mut Vec<Dropped>) {
    let lines = sheet.lines;
    for (k, &i) in order.iter().enumerate() {
        if sheet.roles[i] != Role::Body {
            continue;
        }
        let l = &lines[i];
        let on_ground = grounds.iter().any(|s| {
            l.x0 >= s.x0 - 1.0
                && l.x1 <= s.x1 + 1.0
                && l.top >= s.y0 - 1.0
                && l.bottom <= s.y1 + 1.0
        });
        let near_title = || {
            order.iter().any(|&j| {
                let m = &lines[j];
                j != i
                    && m.size >= TITLE * sheet.body_size
                    && m.x0 < l.x1
                    && m.x1 > l.x0
                    && (m.top - l.bottom).max(l.top - m.bottom) < 1.5 * l.size
            })
        };
        if (on_ground && slogan_like(&l.text) && l.size >= HEADISH * sheet.body_size)
            || (slogan_shape(&l.text) && !near_title())
        {
            sheet.roles[i] = Role::Banner;
            // An offset shadow copy right after it.
            if let Some(&j) = order.get(k + 1) {
                let m = &lines[j];
                if squeeze(&m.text) == squeeze(&l.text)
                    && (m.top - l.top).abs() < l.size
                    && (m.x0 - l.x0).abs() < l.size
                {
                    sheet.roles[j] = Role::Gone;
                    dropped.push(Dropped {
                        text: m.text.clone(),
                        reason: DropReason::Duplicate,
                    });
                }
            }
            continue;
        }
        if l.size >= TITLE * sheet.body_size {
            sheet.roles[i] = Role::Title;
        } else if l.size >= HEADISH * sheet.body_size || *l.font != *sheet.body_font {
            sheet.roles[i] = Role::Headish;
        }
    }
}

/// 导读 boxes: a `导读` line and the teaser items after it in reading
/// order (the grammar of [`furniture::teaser_len`]) become teaser furniture.
fn teasers(sheet: &mut Sheet<'_>, order: &[usize]) {
    let lines = sheet.lines;
    for (k, &i) in order.iter().enumerate() {
        if sheet.roles[i] == Role::Furniture(BlockKind::Teaser)
            || !furniture::is_teaser_head(&lines[i].text)
        {
            continue;
        }
        let rest = order[k + 1..]
            .iter()
            .take_while(|&&j| {
                !matches!(
                    sheet.roles[j],
                    Role::Furniture(_) | Role::Banner | Role::Gone
                )
            })
            .map(|&j| lines[j].text.as_str());
        // The head alone is a teaser box's too (its items may be read apart).
        let n = furniture::teaser_len(rest).unwrap_or(0);
        for &j in &order[k..=k + n] {
            sheet.roles[j] = Role::Furniture(BlockKind::Teaser);
        }
    }
}

/// Cuts the second half of lines that are one slogan printed twice (a
/// shadow copy set right after the text): the copy goes to `dropped`.
/// Returns which lines were doubled.
fn cut_doubled(lines: &mut [TextLine], dropped: &mut Vec<Dropped>) -> Vec<bool> {
    lines
        .iter_mut()
        .map(|l| {
            let Some(cut) =
                banmian::shadow::doubled_at(&l.text).filter(|&c| slogan_like(&l.text[..c]))
            else {
                return false;
            };
            dropped.push(Dropped {
                text: l.text[cut..].trim().to_string(),
                reason: DropReason::Duplicate,
            });
            l.text = l.text[..cut].trim().to_string();
            true
        })
        .collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Short text without sentence punctuation.
fn slogan_like(text: &str) -> bool {
    let n = squeeze(text).chars().count();
    (2..=24).contains(&n) && !text.contains(['。', '，', '；', '：', '、', '？', '！'])
}

/// Three or more equal-length words of ideographs (`富强 民主 文明 和谐`).
fn slogan_shape(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(len) = words.first().map(|w| w.chars().count()) else {
        return false;
    };
    words.len() >= 3
        && (2..=4).contains(&len)
        && words
            .iter()
            .all(|w| w.chars().count() == len && w.chars().all(banmian::measure::is_cjk))
}

/// Captions: the lines right under a photo, set apart from the body by
/// size or font, or ending with a credit. Returns each caption's lines.
fn find_captions(sheet: &mut Sheet<'_>, order: &[usize], photos: &[Shape]) -> Vec<Vec<usize>> {
    let lines = sheet.lines;
    let mut out = Vec::new();
    // Vertical text on a horizontally set page is a caption strip set
    // beside its photo: its columns, read from the right, are one caption.
    let mut k = 0;
    while k < order.len() {
        let run: Vec<usize> = order[k..]
            .iter()
            .take_while(|&&i| {
                lines[i].vertical
                    && matches!(sheet.roles[i], Role::Body | Role::Headish | Role::Title)
            })
            .copied()
            .collect();
        if run.is_empty() {
            k += 1;
            continue;
        }
        k += run.len();
        for &i in &run {
            sheet.roles[i] = Role::Caption;
        }
        out.push(run);
    }
    for p in photos {
        let start = order.iter().position(|&i| {
            let l = &lines[i];
            matches!(sheet.roles[i], Role::Body | Role::Headish)
                && l.top >= p.y1 - 2.0
                && l.top <= p.y1 + 1.5 * l.size.max(sheet.body_size)
                && l.x0 < p.x1
                && l.x1 > p.x0
        });
        let Some(start) = start else { continue };
        let first = &lines[order[start]];
        let mut ids = vec![order[start]];
        for &j in &order[start + 1..] {
            let (prev, l) = (&lines[*ids.last().unwrap_or(&j)], &lines[j]);
            let same_style =
                (l.size - first.size).abs() <= 0.05 * first.size && *l.font == *first.font;
            let close = l.top - prev.bottom <= 0.8 * l.size && l.top > prev.top;
            if !(same_style && close && matches!(sheet.roles[j], Role::Body | Role::Headish)) {
                break;
            }
            ids.push(j);
        }
        let text = join_lines(
            &ids.iter()
                .map(|&i| lines[i].text.as_str())
                .collect::<Vec<_>>(),
        );
        let apart = first.size < 0.97 * sheet.body_size || *first.font != *sheet.body_font;
        if apart || caption::split_credit(&text).is_some() {
            for &i in &ids {
                sheet.roles[i] = Role::Caption;
            }
            out.push(ids);
        }
    }
    out
}

/// Groups the classified lines into stacks, captions and body lines, in reading order.
fn items(
    sheet: &mut Sheet<'_>,
    order: &[usize],
    captions: &[Vec<usize>],
    rules: &[Rule],
) -> Vec<Item> {
    let lines = sheet.lines;
    let run_ins = run_in_titles(sheet, order);
    // Headline stacks: runs of title and headline-like lines that touch.
    let mut out = Vec::new();
    let mut k = 0;
    while k < order.len() {
        let i = order[k];
        if let Some(title) = run_ins.iter().find(|t| t[0] == i) {
            for &j in title {
                sheet.roles[j] = Role::Headish;
            }
            out.push(Item::Stack(title.clone()));
            k += title.len();
            continue;
        }
        match sheet.roles[i] {
            Role::Title | Role::Headish => {
                let mut run = vec![i];
                let mut e = k + 1;
                while e < order.len() {
                    let j = order[e];
                    let prev = &lines[*run.last().unwrap_or(&j)];
                    let l = &lines[j];
                    let touches = l.top > prev.top
                        && l.top - prev.bottom <= TOUCH * l.size.min(prev.size)
                        && l.x0 < prev.x1
                        && l.x1 > prev.x0
                        && !rule_between(rules, prev, l);
                    if matches!(sheet.roles[j], Role::Title | Role::Headish) && touches {
                        run.push(j);
                        e += 1;
                    } else {
                        break;
                    }
                }
                let has_title = run.iter().any(|&j| sheet.roles[j] == Role::Title);
                let big = run.iter().any(|&j| lines[j].size >= 1.2 * sheet.body_size);
                let next = order.get(e).copied();
                let dateline_next = next.is_some_and(|n| {
                    sheet.roles[n] == Role::Body && byline::parse(&lines[n].text).dateline.is_some()
                });
                if has_title
                    || (big && run.len() <= 3)
                    || run_in(sheet, &run, next)
                    || (dateline_next && run.len() <= 3)
                {
                    out.push(Item::Stack(run));
                } else {
                    for j in run {
                        sheet.roles[j] = Role::Body;
                        out.push(Item::Body(j));
                    }
                }
                k = e;
            }
            Role::Caption => {
                if let Some(c) = captions.iter().find(|c| c[0] == i) {
                    out.push(Item::Caption(c.clone()));
                }
                k += 1;
            }
            Role::Body => {
                out.push(Item::Body(i));
                k += 1;
            }
            _ => k += 1,
        }
    }
    out
}

/// Whether a horizontal rule runs between two lines, one above the other.
fn rule_between(rules: &[Rule], a: &TextLine, b: &TextLine) -> bool {
    rules.iter().any(|r| {
        let y = (r.y0 + r.y1) / 2.0;
        r.x1 - r.x0 > r.y1 - r.y0
            && y >= a.bottom - 1.0
            && y <= b.top + 1.0
            && r.x0 < a.x1.min(b.x1)
            && r.x1 > a.x0.max(b.x0)
    })
}

/// A run-in heading (the title of a brief, 简讯): body-size lines in
/// another font starting a paragraph (indented, not centred), the
/// paragraph's text following on the same line or from the column's edge
/// on the next.
fn run_in(sheet: &Sheet<'_>, run: &[usize], next: Option<usize>) -> bool {
    let lines = sheet.lines;
    let (Some(&first), Some(&last), Some(next)) = (run.first(), run.last(), next) else {
        return false;
    };
    if sheet.roles[next] != Role::Body {
        return false;
    }
    let (f, l, n) = (&lines[first], &lines[last], &lines[next]);
    let col = sheet.col[first];
    let (left, right) = (f.x0 - col.0, col.1 - f.x1);
    let same_row = (n.baseline - l.baseline).abs() < 0.3 * n.size && n.x0 > l.x1;
    let indented =
        left > INDENT * f.size && left < 3.5 * f.size && (same_row || right < left - f.size);
    let next_row =
        n.top > l.top && n.top - l.bottom < n.size && n.x0 - sheet.col[next].0 < INDENT * n.size;
    // A bold run-in lead (`会谈中，`) is the paragraph's first words: it
    // stops on a clause mark, or fills its line and runs on. A heading is
    // a phrase of its own that ends its line short of the column's edge.
    let clause = l.text.ends_with(['，', '、', '；', '：', ',', ';', ':']);
    // A dateline set bold at a paragraph's start is its first words too.
    let texts: Vec<&str> = run.iter().map(|&i| lines[i].text.as_str()).collect();
    let dateline = byline::starts_dateline(&banmian::text::join_lines(&texts));
    let full = col.1 - l.x1 < SHORT * l.size;
    indented
        && *f.font != *sheet.body_font
        && !clause
        && !dateline
        && (same_row || (next_row && !full))
}

/// Run-in titles set in the body's own font: a paragraph's first lines
/// followed, on the same line of the same column, by more text set apart by
/// a wide gap (`港口合作，两国共建新航道 ■合资码头…`). A body line is
/// never split like that. Returns each title's lines (in `order`).
fn run_in_titles(sheet: &Sheet<'_>, order: &[usize]) -> Vec<Vec<usize>> {
    let lines = sheet.lines;
    let mut out = Vec::new();
    for k in 0..order.len().saturating_sub(1) {
        let (i, n) = (order[k], order[k + 1]);
        let (l, m) = (&lines[i], &lines[n]);
        let body = |j: usize| matches!(sheet.roles[j], Role::Body | Role::Headish);
        if !body(i) || !body(n) || sheet.group[i] != sheet.group[n] {
            continue;
        }
        let same_row = (m.baseline - l.baseline).abs() < 0.3 * m.size && m.x0 > l.x1 + 0.5 * m.size;
        if !same_row || (l.size - m.size).abs() > 0.1 * m.size {
            continue;
        }
        // Back to the paragraph's first (indented) line, at most 3 lines.
        let mut start = k;
        let indented = |j: usize| lines[j].x0 - sheet.col[j].0 > INDENT * lines[j].size;
        while !indented(order[start]) && start > 0 && k - start < 2 {
            let (p, c) = (&lines[order[start - 1]], &lines[order[start]]);
            if !body(order[start - 1])
                || c.top - p.bottom > 0.6 * c.size
                || p.x1 < sheet.col[order[start - 1]].1 - SHORT * p.size
            {
                break;
            }
            start -= 1;
        }
        // A dateline justified across its line (`…日电` + gap + `（记者…`)
        // is the paragraph's first words, not a run-in title.
        let texts: Vec<&str> = order[start..=k]
            .iter()
            .map(|&j| lines[j].text.as_str())
            .collect();
        let dateline = byline::starts_dateline(&banmian::text::join_lines(&texts));
        if indented(order[start])
            && !dateline
            && out
                .last()
                .is_none_or(|t: &Vec<usize>| !t.contains(&order[start]))
        {
            out.push(order[start..=k].to_vec());
        }
    }
    out
}
