//! The restoration pipeline: runs every stage in order.

use crate::input::{self, InputError};
use crate::model::Page;
use crate::sheet::Sheet;
use crate::{
    accounting, byline, caption, furniture, headline, jump, layout, measure, normalize, segment,
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
    let (text, normalized) = normalize::normalize(text);
    let mut text = byline::unglue(&text).into_owned();
    if layout::is_layout(&text) {
        // Columns set side by side (`pdftotext -layout`): read them in turn.
        text = layout::linearize(&text);
    }
    let mut sheet = Sheet::from_text(&text);
    sheet.dropped = normalized;
    measure::calibrate(&mut sheet);
    shadow::run(&mut sheet);
    furniture::run(&mut sheet);
    jump::run(&mut sheet);
    caption::run(&mut sheet);
    headline::run(&mut sheet);
    sheet
}

/// Decodes `bytes` (any supported encoding) and restores the page.
pub fn restore_bytes(bytes: &[u8], source: &str) -> Result<Page, InputError> {
    let text = input::decode(bytes)?;
    Ok(restore(&text, source))
}
