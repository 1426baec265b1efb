//! The "nothing lost" ledger: checks that every non-whitespace character of
//! the input is in the restored page (articles, captions, blocks) or in its
//! `dropped` list, and lists anything a stage failed to place as dropped
//! with reason `unplaced`, so that no text ever disappears silently.
//!
//! The stages are built to place everything; the property tests assert that
//! `unplaced` never occurs. This is the backstop for inputs nobody foresaw.

use crate::model::{DropReason, Dropped, Page};

use std::cell::RefCell;
use std::collections::HashMap;

/// A multiset of characters: input counted up, output counted down. A
/// flat table for the Basic Multilingual Plane (reused across pages through
/// a thread-local, with the touched slots remembered for a cheap reset)
/// keeps the check a small fraction of a page's restoration time.
struct Tally {
    bmp: Vec<i32>,
    touched: Vec<u16>,
    astral: HashMap<char, i32>,
}

impl Tally {
    fn add(&mut self, s: &str, d: i32) {
        // CJK text lies in U+3001..U+FEFF, where nothing is whitespace.
        let blank = |c: &char| !('\u{3001}'..'\u{feff}').contains(c) && c.is_whitespace();
        for c in s.chars().filter(|c| !blank(c)) {
            match u16::try_from(u32::from(c)) {
                Ok(u) => {
                    let slot = &mut self.bmp[usize::from(u)];
                    if *slot == 0 {
                        self.touched.push(u);
                    }
                    *slot += d;
                }
                Err(_) => *self.astral.entry(c).or_default() += d,
            }
        }
    }

    /// The characters counted up more than down (in code point order);
    /// resets the tally.
    fn take_positive(&mut self) -> Vec<char> {
        let mut out = Vec::new();
        self.touched.sort_unstable();
        self.touched.dedup();
        for u in self.touched.drain(..) {
            let slot = &mut self.bmp[usize::from(u)];
            let c = char::from_u32(u32::from(u)).unwrap_or('\u{fffd}');
            out.extend(std::iter::repeat_n(c, (*slot).max(0) as usize));
            *slot = 0;
        }
        let mut astral: Vec<(char, i32)> = self.astral.drain().filter(|(_, n)| *n > 0).collect();
        astral.sort_unstable();
        for (c, n) in astral {
            out.extend(std::iter::repeat_n(c, n as usize));
        }
        out
    }
}

thread_local! {
    static TALLY: RefCell<Tally> = RefCell::new(Tally {
        bmp: vec![0; 0x1_0000],
        touched: Vec::new(),
        astral: HashMap::new(),
    });
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
    TALLY.with(|t| {
        let mut t = t.borrow_mut();
        t.add(input, 1);
        // A normalised radical is in `dropped` and its ideograph in the text:
        // the ideograph is owed too, or it would mask a lost one elsewhere.
        let mapped: String = page
            .dropped
            .iter()
            .filter(|d| d.reason == DropReason::Normalized)
            .flat_map(|d| d.text.chars())
            .filter_map(crate::normalize::unified_ideograph)
            .collect();
        t.add(&mapped, 1);
        for text in output_texts(page) {
            t.add(text, -1);
        }
        t.take_positive()
    })
}

/// How many characters of the page's input no stage placed (those that
/// [`settle`] listed with reason `unplaced`); zero unless there is a bug.
pub fn unplaced(page: &Page) -> usize {
    page.dropped
        .iter()
        .filter(|d| d.reason == DropReason::Unplaced)
        .map(|d| d.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
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
            bbox: None,
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
    fn a_normalised_radical_does_not_mask_a_lost_ideograph() {
        let mut page = Page::empty("t");
        page.articles.push(Article {
            paragraphs: vec!["工人".into()],
            ..Article::default()
        });
        page.dropped.push(crate::model::Dropped {
            text: "\u{2F2F}".into(),
            reason: DropReason::Normalized,
        });
        // Input: a radical (now 工 in the text) and a plain 工 that was lost.
        assert_eq!(missing("\u{2F2F}人工", &page), vec!['工']);
    }

    #[test]
    fn nothing_is_added_when_all_is_placed() {
        let mut page = Page::empty("t");
        settle(" \n\t", &mut page);
        assert!(page.dropped.is_empty());
    }
}
