//! Splitting body text into articles (being written).
use crate::model::Article;
use crate::sheet::{Role, Sheet};

/// Builds the articles of `sheet`.
pub fn run(sheet: &mut Sheet) -> Vec<Article> {
    let paragraphs: Vec<String> = sheet
        .lines
        .iter()
        .filter(|l| l.role == Role::Body)
        .map(|l| l.text.clone())
        .collect();
    if paragraphs.is_empty() {
        return Vec::new();
    }
    vec![Article { paragraphs, ..Article::default() }]
}
