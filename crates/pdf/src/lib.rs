//! PDF input for banmian: reads born-digital newspaper pages and hands
//! their lines, with geometry, to the same stages as text input
//! ([`banmian::pipeline::restore_stream`]): one pipeline, one
//! [`banmian::Page`].
//!
//! Stages, in order (each a module):
//! - [`reader`]: glyphs with boxes, effective font size and font name;
//!   filled and stroked shapes; images (hayro-interpret, pure Rust);
//! - [`lines`]: ornament glyphs (private-use rules) made rules, shadow
//!   copies drawn at the same place removed, vertical runs (竖排) made
//!   vertical lines, glyphs joined into lines, text normalised;
//! - [`layout`]: XY-cut over the line boxes, printed rules first, giving
//!   blocks, columns and reading order (vertical columns right to left);
//! - [`stream`]: what the drawing decides (furniture strips, banners,
//!   captions by their photo, 导读 boxes, headline lines by size), then the
//!   line stream for the shared stages.
//!
//! ```no_run
//! let bytes = std::fs::read("page.pdf").unwrap();
//! for page in banmian_pdf::restore_pdf(bytes, "page.pdf", None).unwrap() {
//!     println!("{} articles", page.page.articles.len());
//! }
//! ```

pub mod layout;
pub mod lines;
pub mod reader;
pub mod stream;

use banmian::Page;

pub use reader::{Document, Glyph, PageContent};

/// Why a PDF cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The file is empty.
    #[error("empty file (0 bytes)")]
    Empty,
    /// The bytes do not start like a PDF.
    #[error("not a PDF file (no %PDF header)")]
    NotPdf,
    /// The PDF is encrypted and the password is not the empty one.
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    /// The file structure cannot be read.
    #[error("damaged PDF: its structure cannot be read (truncated file or broken cross-reference table)")]
    Damaged,
    /// The document has no pages.
    #[error("the PDF has no pages")]
    NoPages,
    /// A requested page does not exist.
    #[error("page {page} does not exist (the PDF has {count} pages)")]
    PageRange {
        /// The 1-based page asked for.
        page: usize,
        /// Pages in the document.
        count: usize,
    },
    /// No selected page has any text.
    #[error("no text layer: run OCR first")]
    NoText,
    /// The PDF engine failed on a page.
    #[error("page {0}: the PDF engine failed on this page (damaged content)")]
    Internal(usize),
}

/// One restored PDF page.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    /// 1-based page number in the document.
    pub number: usize,
    /// The restored page.
    pub page: Page,
    /// Problems worth telling the user (pages without text, fonts without
    /// Unicode mapping).
    pub warnings: Vec<String>,
}

/// Whether `bytes` look like a PDF: `%PDF-` within the first kilobyte (some
/// files have junk before the header, which readers accept).
///
/// ```
/// assert!(banmian_pdf::is_pdf(b"%PDF-1.4\n..."));
/// assert!(!banmian_pdf::is_pdf("人民日报".as_bytes()));
/// ```
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Whether the file ends with `%%EOF` (give or take trailing junk): a
/// file cut short in transfer does not.
fn has_eof(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// Parses a page selection such as `1-3`, `2`, `4-` or `1,3-5` (1-based,
/// inclusive) into a sorted list of page numbers, given the page count.
///
/// ```
/// assert_eq!(banmian_pdf::parse_pages("1-3", 5), Ok(vec![1, 2, 3]));
/// assert_eq!(banmian_pdf::parse_pages("2,4-", 5), Ok(vec![2, 4, 5]));
/// assert!(banmian_pdf::parse_pages("7", 5).is_err());
/// ```
pub fn parse_pages(spec: &str, count: usize) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let num = |s: &str, default: usize| -> Result<usize, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(default);
            }
            s.parse::<usize>()
                .map_err(|_| format!("bad page number {s:?} in --pages {spec:?}"))
        };
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (num(a, 1)?, num(b, count)?),
            None => {
                let n = num(part, 1)?;
                (n, n)
            }
        };
        if a == 0 || a > b {
            return Err(format!("bad page range {part:?} in --pages {spec:?}"));
        }
        if b > count {
            return Err(PdfError::PageRange { page: b, count }.to_string());
        }
        out.extend(a..=b);
    }
    if out.is_empty() {
        return Err(format!("empty page selection {spec:?}"));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Restores the pages of a PDF (all of them, or the 1-based `pages`).
///
/// Each page's `source` is `source` for a one-page document and
/// `source#N` otherwise. Fails if the document cannot be read, or if no
/// selected page has any text.
pub fn restore_pdf(
    bytes: Vec<u8>,
    source: &str,
    pages: Option<&[usize]>,
) -> Result<Vec<PdfPage>, PdfError> {
    restore_pdf_with_password(bytes, source, pages, "")
}

/// [`restore_pdf`] with a user password.
pub fn restore_pdf_with_password(
    bytes: Vec<u8>,
    source: &str,
    pages: Option<&[usize]>,
    password: &str,
) -> Result<Vec<PdfPage>, PdfError> {
    let truncated = !has_eof(&bytes);
    let doc = Document::open_with_password(bytes, password)?;
    let count = doc.page_count();
    if count == 0 {
        return Err(PdfError::NoPages);
    }
    let all: Vec<usize> = (1..=count).collect();
    let selected = pages.unwrap_or(&all);
    let mut out = Vec::with_capacity(selected.len());
    for &n in selected {
        if n == 0 || n > count {
            return Err(PdfError::PageRange { page: n, count });
        }
        let content = doc.read_page(n - 1)?;
        let name = if count == 1 {
            source.to_string()
        } else {
            format!("{source}#{n}")
        };
        let (mut page, mut warnings) = restore_content(content, &name);
        number_boxes(&mut page, n);
        for w in &mut warnings {
            if count > 1 {
                *w = format!("page {n}: {w}");
            }
        }
        out.push(PdfPage {
            number: n,
            page,
            warnings,
        });
    }
    if out
        .iter()
        .all(|p| p.warnings.iter().any(|w| w.ends_with(NO_TEXT)))
    {
        return Err(if truncated {
            PdfError::Damaged
        } else {
            PdfError::NoText
        });
    }
    if truncated {
        if let Some(first) = out.first_mut() {
            first.warnings.push(
                "the file looks truncated (no %%EOF at its end): content may be missing"
                    .to_string(),
            );
        }
    }
    Ok(out)
}

/// Sets the page number of every box on a restored page.
fn number_boxes(page: &mut Page, n: usize) {
    let boxes = page.articles.iter_mut().flat_map(|a| {
        a.bbox
            .iter_mut()
            .chain(a.paragraph_bboxes.iter_mut())
            .chain(a.captions.iter_mut().filter_map(|c| c.bbox.as_mut()))
    });
    for b in boxes.chain(page.blocks.iter_mut().filter_map(|b| b.bbox.as_mut())) {
        b.page = n;
    }
}

/// The warning for a page without text.
pub const NO_TEXT: &str = "no text layer: run OCR first";

/// Restores one page from what the reader found on it; returns the page
/// and its warnings.
pub fn restore_content(content: PageContent, source: &str) -> (Page, Vec<String>) {
    let mut warnings = Vec::new();
    for (font, n) in &content.unmapped {
        warnings.push(format!(
            "font {font} has no Unicode mapping: {n} glyph{} could not be read",
            if *n == 1 { "" } else { "s" }
        ));
    }
    if content.glyphs.iter().all(|g| g.text.trim().is_empty()) {
        warnings.push(NO_TEXT.to_string());
    }
    // Every glyph's text must reach the page (or its dropped list): the same
    // ledger as text input, so that batch's "characters lost" means the
    // same thing for PDFs.
    let glyph_text: String = content.glyphs.iter().map(|g| g.text.as_str()).collect();
    let mut page = stream::restore(content, source);
    banmian::accounting::settle(&glyph_text, &mut page);
    (page, warnings)
}
