//! The "nothing lost" ledger: checks that every non-whitespace character of
//! the input is in the restored page (articles, captions, blocks) or in its
//! `dropped` list, and lists anything a stage failed to place as dropped
//! with reason `unplaced`, so that no text ever disappears silently.
//!
//! The stages are built to place everything; the property tests assert that
//! `unplaced` never occurs. This is the backstop for inputs nobody foresaw.

use crate::model::{DropReason, Dropped, Page};

/// Non-whitespace characters of `text`, sorted.
fn sorted_chars<'a>(parts: impl Iterator<Item = &'a str>) -> Vec<char> {
    let mut chars: Vec<char> = parts
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    chars.sort_unstable();
    chars
}

/// Every text of the page that counts as output: headlines, paragraphs,
/// captions with credits, blocks, dropped text. Datelines and reporters are
/// copies of paragraph text and do not count.
fn output_texts(page: &Page) -> impl Iterator<Item = &str> {
    let articles = page.articles.iter().flat_map(|a| {
        let heads = a.kicker.iter().chain(&a.title).chain(&a.subtitles);
        let captions = a
            .captions
            .iter()
            .flat_map(|c| std::iter::once(&c.text).chain(&c.credit));
        heads
            .chain(&a.paragraphs)
            .chain(captions)
            .map(String::as_str)
    });
    let blocks = page.blocks.iter().map(|b| b.text.as_str());
    let dropped = page.dropped.iter().map(|d| d.text.as_str());
    articles.chain(blocks).chain(dropped)
}

/// Characters of `input` (as a multiset) missing from `page`'s output.
///
/// ```
/// let page = banmian::restore("本报讯 今天开会。\n", "t");
/// assert!(banmian::accounting::missing("本报讯 今天开会。\n", &page).is_empty());
/// ```
pub fn missing(input: &str, page: &Page) -> Vec<char> {
    let want = sorted_chars(std::iter::once(input));
    let have = sorted_chars(output_texts(page));
    let mut out = Vec::new();
    let mut h = have.iter().peekable();
    for &c in &want {
        while h.next_if(|&&x| x < c).is_some() {}
        if h.next_if(|&&x| x == c).is_none() {
            out.push(c);
        }
    }
    out
}

/// Lists in `page.dropped` (reason `unplaced`) whatever of `input` no stage
/// placed.
pub fn settle(input: &str, page: &mut Page) {
    let lost = missing(input, page);
    if !lost.is_empty() {
        page.dropped.push(Dropped {
            text: lost.into_iter().collect(),
            reason: DropReason::Unplaced,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block, BlockKind};

    #[test]
    fn finds_what_is_missing_as_a_multiset() {
        let mut page = Page::empty("t");
        page.articles.push(Article {
            paragraphs: vec!["甲乙".into()],
            ..Article::default()
        });
        page.blocks.push(Block {
            kind: BlockKind::Banner,
            text: "丙".into(),
        });
        assert_eq!(missing("甲 乙\n丙丙", &page), vec!['丙']);
        settle("甲 乙\n丙丙", &mut page);
        assert_eq!(
            page.dropped.last().map(|d| (d.text.as_str(), d.reason)),
            Some(("丙", DropReason::Unplaced))
        );
        assert!(missing("甲 乙\n丙丙", &page).is_empty());
    }

    #[test]
    fn nothing_is_added_when_all_is_placed() {
        let mut page = Page::empty("t");
        settle(" \n\t", &mut page);
        assert!(page.dropped.is_empty());
    }
}
