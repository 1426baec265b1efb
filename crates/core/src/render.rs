//! Markdown and plain-text renderings of a page (stub: being written).
use crate::model::Page;

/// Renders `page` as Markdown.
pub fn to_markdown(page: &Page) -> String {
    format!("{page:?}")
}

/// Renders `page` as plain text.
pub fn to_text(page: &Page) -> String {
    format!("{page:?}")
}
