//! The PDF reader stage: every glyph of a page with its box, effective font
//! size and font name, plus the filled shapes (rules, photo frames, banner
//! backgrounds) and images that the geometry stages use as boundaries.
//!
//! Built on `hayro-interpret` (pure Rust, MIT/Apache-2.0): it parses the
//! file, decrypts it when the user password is empty, runs the content
//! streams (forms and Type3 glyph procedures included) and hands each shown
//! glyph to our [`Device`] with its full transform (text matrix × CTM ×
//! font size), its Unicode value (ToUnicode CMap, then glyph names) and its
//! advance width. Coordinates here are PDF units with the origin at the top
//! left of the page's crop box and y growing downwards.

use std::collections::BTreeMap;
use std::sync::Arc;

use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Object};
use hayro_interpret::hayro_syntax::page::Resources;
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape as _};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, Paint, SoftMask,
};

use crate::PdfError;

/// One glyph as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Its Unicode text (usually one character; empty if the font has no mapping).
    pub text: String,
    /// Left edge of the glyph's box.
    pub x: f32,
    /// Top edge of the glyph's box (baseline − 0.88 × size).
    pub y: f32,
    /// Advance width.
    pub w: f32,
    /// Height of the box (the effective font size).
    pub h: f32,
    /// Baseline (y of the glyph origin).
    pub baseline: f32,
    /// Effective font size: `Tf` size × text matrix scale × CTM scale.
    pub size: f32,
    /// The font's name (`BaseFont`, subset tag removed), or `?` if unknown.
    pub font: Arc<str>,
    /// Drawn with text render mode 3 (invisible, as in OCR text layers).
    pub invisible: bool,
}

impl Glyph {
    /// Right edge of the box.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
}

/// What a non-text shape is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    /// A filled path that is not white (a rule, a photo frame, a background).
    Fill,
    /// A stroked path (a line or a box outline).
    Stroke,
    /// A raster or stencil image.
    Image,
}

/// The bounding box of a drawn shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// What was drawn.
    pub kind: ShapeKind,
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

impl Shape {
    /// Width.
    pub fn w(&self) -> f32 {
        self.x1 - self.x0
    }
    /// Height.
    pub fn h(&self) -> f32 {
        self.y1 - self.y0
    }
}

/// Everything read from one page.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    /// Page width (crop box, after rotation).
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Shapes and images.
    pub shapes: Vec<Shape>,
    /// Fonts whose glyphs had no Unicode mapping, with how many glyphs.
    pub unmapped: BTreeMap<String, usize>,
}

/// An opened PDF document.
pub struct Document {
    pdf: Pdf,
}

impl Document {
    /// Opens a PDF from its bytes, with the empty user password.
    pub fn open(bytes: Vec<u8>) -> Result<Document, PdfError> {
        Document::open_with_password(bytes, "")
    }

    /// Opens a PDF from its bytes with a user password.
    pub fn open_with_password(bytes: Vec<u8>, password: &str) -> Result<Document, PdfError> {
        if bytes.is_empty() {
            return Err(PdfError::Empty);
        }
        if !crate::is_pdf(&bytes) {
            return Err(PdfError::NotPdf);
        }
        let pdf = catch(|| Pdf::new_with_password(bytes, password))
            .ok_or(PdfError::Damaged)?
            .map_err(|e| match e {
                LoadPdfError::Decryption(d) => PdfError::Encrypted(
                    match d {
                        DecryptionError::PasswordProtected => {
                            "it needs a password (only PDFs whose user password is empty open without one)"
                        }
                        DecryptionError::UnsupportedAlgorithm => "its encryption method is not supported",
                        DecryptionError::InvalidEncryption | DecryptionError::MissingIDEntry => {
                            "its encryption data is damaged"
                        }
                    }
                    .to_string(),
                ),
                LoadPdfError::Invalid => PdfError::Damaged,
            })?;
        Ok(Document { pdf })
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Reads page `index` (0-based).
    pub fn read_page(&self, index: usize) -> Result<PageContent, PdfError> {
        let pages = self.pdf.pages();
        let page = pages.get(index).ok_or(PdfError::PageRange {
            page: index + 1,
            count: pages.len(),
        })?;
        catch(|| {
            let (width, height) = page.render_dimensions();
            let cache = InterpreterCache::new();
            let settings = InterpreterSettings::default();
            let initial = Affine::new(page.initial_transform(true).as_coeffs());
            let mut ctx = Context::new(
                initial,
                Rect::new(0.0, 0.0, width as f64, height as f64),
                &cache,
                self.pdf.xref(),
                settings,
            );
            let mut dev = Collector::default();
            hayro_interpret::interpret_page(page, &mut ctx, &mut dev);
            let mut unmapped = BTreeMap::new();
            for (label, n) in dev.unmapped {
                // Type3 and unnamed fonts are named from the page's font resources.
                let name = if label == "Type3" || label == "?" {
                    let names = unmapped_font_names(page.resources(), label == "Type3");
                    if names.is_empty() {
                        label
                    } else {
                        names.join(", ")
                    }
                } else {
                    label
                };
                *unmapped.entry(name).or_default() += n;
            }
            PageContent {
                width,
                height,
                glyphs: dev.glyphs,
                shapes: dev.shapes,
                unmapped,
            }
        })
        .ok_or(PdfError::Internal(index + 1))
    }
}

/// Names of the page's fonts that have no ToUnicode CMap and (for Type3
/// fonts) glyph names that say nothing about the characters.
fn unmapped_font_names(resources: &Resources<'_>, type3: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (key, _) in resources.fonts.entries() {
        let Some(font) = resources.fonts.get::<Dict<'_>>(key.as_ref()) else {
            continue;
        };
        if font.contains_key(b"ToUnicode") {
            continue;
        }
        let subtype = font.get::<Name<'_>>(b"Subtype");
        let is_type3 = subtype.as_ref().is_some_and(|s| s.as_ref() == b"Type3");
        if is_type3 != type3 {
            continue;
        }
        if is_type3 {
            let opaque = font
                .get::<Dict<'_>>(b"Encoding")
                .and_then(|e| e.get::<Array<'_>>(b"Differences"))
                .is_some_and(|d| {
                    d.iter::<Object<'_>>().any(|o| match o {
                        Object::Name(n) => !readable_glyph_name(n.as_str()),
                        _ => false,
                    })
                });
            if !opaque {
                continue;
            }
        }
        let name = font
            .get::<Name<'_>>(b"BaseFont")
            .or_else(|| font.get::<Name<'_>>(b"Name"))
            .map_or_else(
                || key.as_str().to_string(),
                |n| strip_subset(n.as_str()).to_string(),
            );
        out.push(name);
    }
    out
}

/// Glyph names that map to Unicode: `uni4E2D`, `u4E2D`, or plain words (`comma`).
fn readable_glyph_name(name: &str) -> bool {
    let hex = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
    name.strip_prefix("uni").is_some_and(hex)
        || name
            .strip_prefix('u')
            .is_some_and(|s| s.len() >= 4 && hex(s))
        || name.chars().all(|c| c.is_ascii_alphabetic())
}

/// Runs `f`, turning a panic inside the PDF engine into `None`.
fn catch<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// The device that records glyphs and shapes.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    shapes: Vec<Shape>,
    unmapped: BTreeMap<String, usize>,
    /// Font names by font-program key, so each font is named once.
    names: Vec<(u128, Arc<str>)>,
    unknown: Option<Arc<str>>,
}

impl Collector {
    fn font_name(&mut self, glyph: &HGlyph<'_>) -> Arc<str> {
        let data = match glyph {
            HGlyph::Outline(o) => o.font_data(),
            HGlyph::Type3(_) => None,
        };
        let Some(data) = data else {
            let name = if matches!(glyph, HGlyph::Type3(_)) {
                "Type3"
            } else {
                "?"
            };
            return self.unknown.get_or_insert_with(|| Arc::from(name)).clone();
        };
        if let Some((_, n)) = self.names.iter().find(|(k, _)| *k == data.cache_key) {
            return n.clone();
        }
        let raw = data.postscript_name.unwrap_or_else(|| "?".to_string());
        let name: Arc<str> = Arc::from(strip_subset(&raw));
        self.names.push((data.cache_key, name.clone()));
        name
    }
}

/// `AAAAAA+BousungEG-Light-GB` → `BousungEG-Light-GB`.
fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn bbox(rect: Rect) -> (f32, f32, f32, f32) {
    (
        rect.x0 as f32,
        rect.y0 as f32,
        rect.x1 as f32,
        rect.y1 as f32,
    )
}

fn is_white(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => {
            let rgba = c.to_rgba();
            let [r, g, b, a] = rgba.components();
            a < 0.05 || (r > 0.985 && g > 0.985 && b > 0.985)
        }
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        let kind = match mode {
            DrawMode::Fill(_) | DrawMode::FillAndStroke(..) => {
                if is_white(&props.paint) {
                    return;
                }
                ShapeKind::Fill
            }
            DrawMode::Stroke(_) => ShapeKind::Stroke,
            DrawMode::Invisible => return,
        };
        let (x0, y0, x1, y1) = bbox((props.transform * path.clone()).bounding_box());
        self.shapes.push(Shape {
            kind,
            x0,
            y0,
            x1,
            y1,
        });
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        let invisible = matches!(mode, DrawMode::Invisible);
        let mut font: Option<Arc<str>> = None;
        for g in run.glyphs() {
            let font = font.get_or_insert_with(|| self.font_name(g)).clone();
            let t: Affine = props.transform * g.transform();
            let [a, b, c, d, _, _] = t.as_coeffs();
            // Glyph space is 1000 units per em; the vertical scale is the size.
            let size = ((c * c + d * d).sqrt() * 1000.0) as f32;
            let xscale = ((a * a + b * b).sqrt() * 1000.0) as f32;
            let origin = t * Point::ZERO;
            let advance = match &**g {
                HGlyph::Outline(o) => o.advance_width(),
                HGlyph::Type3(t3) => t3.advance_width(),
            }
            .unwrap_or(1000.0);
            let w = advance / 1000.0 * xscale;
            let text = match g.as_unicode() {
                Some(BfString::Char(ch)) => ch.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    *self.unmapped.entry(font.to_string()).or_default() += 1;
                    continue;
                }
            };
            if !(size.is_finite() && size > 0.1 && origin.x.is_finite() && origin.y.is_finite()) {
                continue;
            }
            let baseline = origin.y as f32;
            self.glyphs.push(Glyph {
                text,
                x: origin.x as f32,
                y: baseline - 0.88 * size,
                w: if w.is_finite() && w >= 0.0 { w } else { size },
                h: size,
                baseline,
                size,
                font,
                invisible,
            });
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        let (w, h) = (image.width() as f64, image.height() as f64);
        let (x0, y0, x1, y1) = bbox(
            props
                .transform
                .transform_rect_bbox(Rect::new(0.0, 0.0, w, h)),
        );
        self.shapes.push(Shape {
            kind: ShapeKind::Image,
            x0,
            y0,
            x1,
            y1,
        });
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_removed() {
        assert_eq!(
            strip_subset("AAAAAA+BousungEG-Light-GB"),
            "BousungEG-Light-GB"
        );
        assert_eq!(strip_subset("SimSun"), "SimSun");
        assert_eq!(strip_subset("ab+c"), "ab+c");
    }
}
