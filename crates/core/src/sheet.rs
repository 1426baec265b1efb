//! The working sheet: the page's lines with what each stage has learned about
//! them. Every stage takes a `&mut Sheet`, so each can be run and tested alone.

use crate::measure;
use crate::model::{Block, BlockKind, DropReason, Dropped};

/// What a line of the page is, as far as the stages have decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text of an article (the default).
    Body,
    /// Part of a headline stack.
    Headline,
    /// A photo caption (its text, possibly with the credit).
    Caption,
    /// A line that is only a jump marker.
    Jump,
    /// Page furniture or a banner, kept as a block.
    Block(BlockKind),
    /// Consumed entirely into `dropped`.
    Dropped,
}

/// Where a line is printed and in what type: present for input that has
/// geometry (PDF, OCR), absent for plain text. Where present it is
/// decisive evidence for the stages (a title is set larger than the body;
/// a stack's units are its runs of one size).
///
/// ```
/// use banmian::sheet::{Geom, Line};
/// let mut line = Line::new("标题", 1, false, false);
/// line.geom = Some(Geom { bbox: banmian::BBox { page: 1, rect: [0.0, 0.0, 40.0, 20.0] }, size: 20.0, font: "Hei".into(), vertical: false, column: [0.0, 40.0] });
/// assert_eq!(line.geom.as_ref().map(|g| g.size), Some(20.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Geom {
    /// The line's box.
    pub bbox: crate::model::BBox,
    /// The font size most of its glyphs have, in points.
    pub size: f32,
    /// The font most of its glyphs are set in.
    pub font: std::sync::Arc<str>,
    /// Set top to bottom (竖排).
    pub vertical: bool,
    /// The left and right edges of the column the line is set in.
    pub column: [f32; 2],
}

/// One non-blank input line.
///
/// ```
/// let line = banmian::sheet::Line::new("数读 2019年", 7, false, false);
/// assert_eq!((line.width, line.role), (5.0, banmian::sheet::Role::Body));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text, trimmed of surrounding whitespace.
    pub text: String,
    /// 1-based line number in the (normalised) input.
    pub no: usize,
    /// Whether one or more blank lines precede this line.
    pub gap_before: bool,
    /// Whether the raw line started with indentation (spaces or U+3000).
    pub indented: bool,
    /// Whether the extractor spread the line's letters with spaces: the line
    /// was justified, so it is not the last line of its paragraph, and its
    /// measured width understates how wide it was set.
    pub spaced: bool,
    /// Printed width in em (see [`measure::width`]).
    pub width: f32,
    /// What the line is.
    pub role: Role,
    /// A jump marker (（下转3版）) was cut from this line: the page it names.
    pub continued_to: Option<String>,
    /// A jump marker (（上接1版）) was cut from this line: the page it names.
    pub continued_from: Option<String>,
    /// Where it is printed, for input with geometry.
    pub geom: Option<Geom>,
}

impl Line {
    /// Makes a body line, measuring its width.
    pub fn new(text: impl Into<String>, no: usize, gap_before: bool, indented: bool) -> Line {
        let text = text.into();
        Line {
            width: measure::width(&text),
            text,
            no,
            gap_before,
            indented,
            spaced: false,
            role: Role::Body,
            continued_to: None,
            continued_from: None,
            geom: None,
        }
    }

    /// Replaces the text and re-measures it with curly quotes `quote` em wide.
    pub fn set_text(&mut self, text: String, quote: f32) {
        self.width = measure::width_with(&text, quote);
        self.text = text;
    }
}

/// The box around `lines` (for input with geometry; `None` when a line
/// has none).
pub fn bbox_of<'a>(lines: impl IntoIterator<Item = &'a Line>) -> Option<crate::model::BBox> {
    let mut out: Option<crate::model::BBox> = None;
    for line in lines {
        let b = line.geom.as_ref()?.bbox;
        out = Some(out.map_or(b, |o| o.union(&b)));
    }
    out
}

/// A page being restored.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The page's non-blank lines in input order.
    pub lines: Vec<Line>,
    /// Blocks found so far (furniture, banners).
    pub blocks: Vec<Block>,
    /// Text removed so far, with reasons.
    pub dropped: Vec<Dropped>,
    /// Photo captions found, each with the index of its first line.
    pub captions: Vec<(usize, crate::model::Caption)>,
    /// Headline stacks found, in page order.
    pub stacks: Vec<crate::stack::Stack>,
    /// Width of curly quotes in this page's font (see [`Sheet::calibrate`]).
    pub quote_width: f32,
    /// The page's own date (year, month, day), from its date line or datelines.
    pub page_date: Option<(i32, u32, u32)>,
    /// The body text's font size, for input with geometry.
    pub body_size: Option<f32>,
}

impl Sheet {
    /// Splits normalised text into lines.
    ///
    /// ```
    /// let sheet = banmian::sheet::Sheet::from_text("甲\n\n　乙\n");
    /// assert_eq!(sheet.lines.len(), 2);
    /// assert!(sheet.lines[1].gap_before && sheet.lines[1].indented);
    /// ```
    pub fn from_text(text: &str) -> Sheet {
        let mut lines = Vec::new();
        let mut gap = false;
        for (i, raw) in text.split('\n').enumerate() {
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                gap = !lines.is_empty();
                continue;
            }
            let indented = raw.starts_with([' ', '\u{3000}', '\t', '\u{a0}']);
            let text = crate::text::unspace(trimmed);
            let spaced = text.len() < trimmed.len();
            let mut line = Line::new(text, i + 1, gap, indented);
            line.spaced = spaced;
            lines.push(line);
            gap = false;
        }
        Sheet {
            lines,
            quote_width: 1.0,
            ..Sheet::default()
        }
    }

    /// Chooses the quote width (½ or 1 em) that makes lines with quotes as wide
    /// as the quote-free lines around them, and re-measures the sheet with it.
    /// Fonts differ, and a wrong guess makes full lines look too wide.
    pub fn calibrate(&mut self) {
        let sheet = self;
        let has_quote: Vec<bool> = sheet
            .lines
            .iter()
            .map(|l| l.text.chars().any(measure::is_curly_quote))
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
            let col = measure::mode_width(&mut near);
            let text = &sheet.lines[i].text;
            // Only lines near the column width say anything about the font.
            let (half, full) = (
                measure::width_with(text, 0.5),
                measure::width_with(text, 1.0),
            );
            if (half - col).abs().min((full - col).abs()) <= 1.0 {
                err_half += (half - col).abs();
                err_full += (full - col).abs();
            }
        }
        if err_half < err_full {
            sheet.quote_width = 0.5;
            for line in &mut sheet.lines {
                line.width = measure::width_with(&line.text, 0.5);
            }
        }
    }

    /// Records dropped text.
    pub fn drop_text(&mut self, text: impl Into<String>, reason: DropReason) {
        self.dropped.push(Dropped {
            text: text.into(),
            reason,
        });
    }
}
