//! The restoration pipeline: runs every stage in order.

use crate::input::{self, InputError};
use crate::model::Page;
use crate::sheet::Sheet;
use crate::{
    accounting, byline, caption, furniture, headline, jump, layout, normalize, ornament, segment,
    shadow,
};

/// Restores one page of extracted text.
///
/// ```
/// let page = banmian::restore("", "empty.txt");
/// assert!(page.articles.is_empty() && page.dropped.is_empty());
/// ```
pub fn restore(text: &str, source: &str) -> Page {
    let mut sheet = prepare(text);
    let articles = segment::run(&mut sheet);
    let mut page = Page {
        articles,
        blocks: sheet.blocks,
        dropped: sheet.dropped,
        ..Page::empty(source)
    };
    accounting::settle(text, &mut page);
    page
}

/// Runs every stage before article assembly: normalisation, line
/// measurement, shadows, furniture, jumps, captions and headlines. The
/// sheet it returns is what [`segment::run`] assembles (and what the
/// debugging examples print).
///
/// ```
/// let sheet = banmian::pipeline::prepare("人民日报\n正文。\n");
/// assert_eq!(sheet.blocks[0].kind, banmian::BlockKind::Masthead);
/// ```
pub fn prepare(text: &str) -> Sheet {
    let (text, mut normalized) = normalize::normalize(text);
    let (mut text, ornaments) = ornament::strip(&text);
    normalized.extend(ornaments);
    if layout::is_layout(&text) {
        // Columns set side by side (`pdftotext -layout`): read them in turn.
        text = layout::linearize(&text);
    }
    // After linearising: in a layout page, spaces separate columns.
    let text = byline::unglue(&text);
    let mut sheet = Sheet::from_text(&text);
    sheet.dropped = normalized;
    sheet.calibrate();
    shadow::run(&mut sheet);
    furniture::run(&mut sheet);
    jump::run(&mut sheet);
    caption::run(&mut sheet);
    headline::run(&mut sheet);
    sheet
}

/// A page as a front end with geometry read it (PDF, and next OCR): its
/// lines in reading order, each with its [`crate::sheet::Geom`], its
/// `gap_before` and `indented` set from the geometry, and the roles the
/// page's drawing decides (furniture strips, banners on a ground, captions
/// by their photo, headline lines by size: `Role::Block`, `Role::Caption`,
/// `Role::Headline`); what the front end dropped already (shadow copies,
/// ornaments) in `dropped`.
#[derive(Debug, Clone, Default)]
pub struct LineStream {
    /// The lines in reading order.
    pub lines: Vec<crate::sheet::Line>,
    /// Text the front end dropped, with reasons.
    pub dropped: Vec<crate::model::Dropped>,
    /// The body text's font size.
    pub body_size: f32,
}

/// Restores a page from a [`LineStream`]: the same stages as
/// [`restore`], with the stream's geometry as evidence where it has some.
/// The caller settles the accounting against its own input (see
/// [`crate::accounting::settle`]).
///
/// ```
/// use banmian::pipeline::{restore_stream, LineStream};
/// use banmian::sheet::{Geom, Line, Role};
/// let line = |text: &str, y: f32, size: f32, role: Role| {
///     let mut l = Line::new(text, 0, false, false);
///     l.role = role;
///     l.width = text.chars().count() as f32 * size / 10.0;
///     l.geom = Some(Geom { bbox: banmian::BBox { page: 1, rect: [0.0, y, 200.0, y + size] }, size, font: "F".into(), vertical: false, column: [0.0, 200.0] });
///     l
/// };
/// let stream = LineStream {
///     lines: vec![line("大会召开", 0.0, 20.0, Role::Headline), line("本报讯 全会召开。", 30.0, 10.0, Role::Body)],
///     body_size: 10.0,
///     ..LineStream::default()
/// };
/// let page = restore_stream(stream, "p.pdf");
/// assert_eq!(page.articles[0].title.as_deref(), Some("大会召开"));
/// assert!(page.articles[0].bbox.is_some());
/// ```
pub fn restore_stream(stream: LineStream, source: &str) -> Page {
    let mut sheet = Sheet {
        lines: stream.lines,
        dropped: stream.dropped,
        quote_width: 1.0,
        body_size: Some(stream.body_size),
        ..Sheet::default()
    };
    for (i, line) in sheet.lines.iter_mut().enumerate() {
        line.no = i + 1;
    }
    preset_blocks(&mut sheet);
    preset_captions(&mut sheet);
    furniture::run(&mut sheet);
    jump::run(&mut sheet);
    caption::run(&mut sheet);
    headline::run(&mut sheet);
    let mut articles = segment::run(&mut sheet);
    for a in &mut articles {
        place(a);
    }
    Page {
        articles,
        blocks: sheet.blocks,
        dropped: sheet.dropped,
        ..Page::empty(source)
    }
}

/// The blocks the front end decided: one per line, but one for a teaser
/// box's lines together.
fn preset_blocks(sheet: &mut Sheet) {
    let mut prev_teaser = false;
    for line in &sheet.lines {
        let crate::sheet::Role::Block(kind) = line.role else {
            prev_teaser = false;
            continue;
        };
        let bbox = line.geom.as_ref().map(|g| g.bbox);
        let teaser = kind == crate::BlockKind::Teaser;
        if let Some(b) = sheet.blocks.last_mut().filter(|_| teaser && prev_teaser) {
            b.text.push(' ');
            b.text.push_str(&line.text);
            b.bbox = match (b.bbox, bbox) {
                (Some(a), Some(c)) => Some(a.union(&c)),
                (a, c) => a.or(c),
            };
            continue;
        }
        prev_teaser = teaser;
        if kind == crate::BlockKind::Date && sheet.page_date.is_none() {
            sheet.page_date = furniture::parse_date(&line.text);
        }
        sheet.blocks.push(crate::Block {
            kind,
            text: line.text.clone(),
            bbox,
        });
    }
}

/// The captions the front end decided: each run of caption lines (a blank
/// line between two runs parts them) is one caption, its credit split off.
fn preset_captions(sheet: &mut Sheet) {
    let mut i = 0;
    while i < sheet.lines.len() {
        if sheet.lines[i].role != crate::sheet::Role::Caption {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < sheet.lines.len()
            && sheet.lines[end].role == crate::sheet::Role::Caption
            && !sheet.lines[end].gap_before
        {
            end += 1;
        }
        let caption = caption::of_lines(&sheet.lines[i..end]);
        sheet.captions.push((i, caption));
        i = end;
    }
}

/// An article's box: its headline's, paragraphs' and captions' together;
/// paragraph boxes only where every paragraph has one.
fn place(a: &mut crate::Article) {
    if a.paragraph_bboxes.len() != a.paragraphs.len() {
        a.paragraph_bboxes.clear();
    }
    let boxes = a
        .paragraph_bboxes
        .iter()
        .chain(a.captions.iter().filter_map(|c| c.bbox.as_ref()));
    for b in boxes {
        a.bbox = Some(a.bbox.map_or(*b, |o| o.union(b)));
    }
}

/// Decodes `bytes` (any supported encoding) and restores the page.
pub fn restore_bytes(bytes: &[u8], source: &str) -> Result<Page, InputError> {
    let text = input::decode(bytes)?;
    Ok(restore(&text, source))
}

#[cfg(test)]
mod tests {
    use super::{prepare, restore_stream, LineStream};
    use crate::sheet::{Geom, Line, Role};

    /// A line of a one-column page 200 pt wide, `size` pt, set from `x0` to
    /// `x1`, its top at `y`.
    fn printed(
        text: &str,
        y: f32,
        size: f32,
        font: &str,
        role: Role,
        (x0, x1): (f32, f32),
    ) -> Line {
        let mut l = Line::new(text, 0, false, x0 > 1.0);
        l.role = role;
        l.width = (x1 - x0) / 10.0;
        l.geom = Some(Geom {
            bbox: crate::BBox {
                page: 1,
                rect: [x0, y, x1, y + size],
            },
            size,
            font: font.into(),
            vertical: false,
            column: [0.0, 200.0],
        });
        l
    }

    fn stream(lines: Vec<Line>) -> LineStream {
        LineStream {
            lines,
            body_size: 10.0,
            ..LineStream::default()
        }
    }

    #[test]
    fn headline_sizes_decide_the_stack_roles() {
        let h = Role::Headline;
        let page = restore_stream(
            stream(vec![
                printed(
                    "某市召开大会部署全年工作",
                    0.0,
                    14.0,
                    "Kai",
                    h,
                    (20.0, 180.0),
                ),
                printed("奋力开创高质量", 20.0, 28.0, "Hei", h, (0.0, 196.0)),
                printed("发展新局面", 52.0, 28.0, "Hei", h, (30.0, 170.0)),
                printed(
                    "——写在某某会议召开之际",
                    86.0,
                    14.0,
                    "Kai",
                    h,
                    (20.0, 180.0),
                ),
                printed(
                    "本报讯 大会昨日召开，会议听取了工作报",
                    110.0,
                    10.0,
                    "Song",
                    Role::Body,
                    (0.0, 200.0),
                ),
                printed("告。", 124.0, 10.0, "Song", Role::Body, (0.0, 20.0)),
            ]),
            "p.pdf",
        );
        let a = &page.articles[0];
        // A title on two lines of one size is one title, not title + subtitle.
        assert_eq!(a.title.as_deref(), Some("奋力开创高质量发展新局面"));
        assert_eq!(a.kicker.as_deref(), Some("某市召开大会部署全年工作"));
        assert_eq!(a.subtitles, ["——写在某某会议召开之际"]);
        assert_eq!(a.paragraphs, ["本报讯 大会昨日召开，会议听取了工作报告。"]);
        assert_eq!(a.paragraph_bboxes.len(), 1);
        assert_eq!(a.bbox.map(|b| b.rect), Some([0.0, 0.0, 200.0, 134.0]));
    }

    #[test]
    fn a_bold_run_in_lead_runs_on_into_its_paragraph() {
        let b = Role::Body;
        let page = restore_stream(
            stream(vec![
                printed("会议召开", 0.0, 24.0, "Hei", Role::Headline, (40.0, 140.0)),
                // The bold lead fills its line; the same size in another face.
                printed(
                    "本报讯（记者 王五 通讯员 李",
                    30.0,
                    10.0,
                    "SongBold",
                    b,
                    (20.0, 200.0),
                ),
                printed(
                    "四）5月1日，大会召开。",
                    44.0,
                    10.0,
                    "Song",
                    b,
                    (0.0, 120.0),
                ),
                printed(
                    "会议强调，要抓好落实。",
                    58.0,
                    10.0,
                    "Song",
                    b,
                    (20.0, 130.0),
                ),
            ]),
            "p.pdf",
        );
        let a = &page.articles[0];
        assert_eq!(a.paragraphs.len(), 2, "{:?}", a.paragraphs);
        assert!(a.paragraphs[0].starts_with("本报讯（记者 王五 通讯员 李四）5月1日"));
        assert_eq!(a.reporters, ["王五", "李四"]);
    }

    #[test]
    fn layout_columns_are_read_before_glued_datelines_are_looked_for() {
        // Two columns side by side; the right one opens with a dateline that
        // the left column's line must not be taken as a headline glued to.
        let mut page = String::from("左栏标题文字        本报北京1月\n");
        page.push_str("左栏正文            31日电（记者王五）右栏\n");
        for _ in 0..30 {
            page.push_str("左栏正文一行文字    右栏正文一行文字内容\n");
        }
        let sheet = prepare(&page);
        let texts: Vec<&str> = sheet.lines.iter().map(|l| l.text.as_str()).collect();
        let left = texts.iter().position(|t| *t == "左栏标题文字").unwrap();
        assert_eq!(texts[left + 1], "左栏正文", "{texts:?}");
        assert!(texts.contains(&"本报北京1月"), "{texts:?}");
    }
}
