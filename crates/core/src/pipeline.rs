//! The restoration pipeline: runs every stage in order.

use crate::input::{self, InputError};
use crate::model::Page;
use crate::sheet::Sheet;
use crate::{
    accounting, byline, caption, furniture, headline, jump, layout, measure, normalize, ornament,
    segment, shadow,
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

#[cfg(test)]
mod tests {
    use super::prepare;

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
