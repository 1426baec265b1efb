//! Several pages of one issue: linking the pieces of an article continued
//! from page to page (（下转3版） on page 1, （上接1版） on page 3).
//!
//! Each page's pieces keep their `continued_to` / `continued_from`; the head
//! piece of a chain gets [`crate::Article::joined`]: where the rest was found and
//! the whole article's paragraphs, so the joined text is available without
//! losing the page-by-page view.

use crate::model::{BlockKind, Joined, Page, PieceRef};

/// The printed number of a page: from its page block (`第3版 要闻`), else
/// its position in the issue (1-based).
///
/// ```
/// use banmian::{Block, BlockKind, Page};
/// let mut page = Page::empty("x.pdf#1");
/// page.blocks.push(Block { kind: BlockKind::Page, text: "第3版 要闻".into(), bbox: None });
/// assert_eq!(banmian::issue::page_number(&page, 0), "3");
/// assert_eq!(banmian::issue::page_number(&Page::empty("p"), 4), "5");
/// ```
pub fn page_number(page: &Page, index: usize) -> String {
    page.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Page)
        .find_map(|b| printed_number(&b.text))
        .unwrap_or_else(|| (index + 1).to_string())
}

/// The page number in `第3版` / `第三版` / `A3版`, as an Arabic numeral.
fn printed_number(text: &str) -> Option<String> {
    // 第3版, or a section letter right before the digits (A3版).
    let start = match text.find('第') {
        Some(i) => i + '第'.len_utf8(),
        None => text
            .char_indices()
            .find(|&(i, c)| {
                c.is_ascii_uppercase() && text[i + 1..].starts_with(|d: char| d.is_ascii_digit())
            })
            .map_or(0, |(i, _)| i + 1),
    };
    let digits: String = text[start..]
        .chars()
        .take_while(|c| *c != '版')
        .filter(|c| !c.is_whitespace())
        .collect();
    normalize_number(&digits)
}

/// `"3"`, `"03"`, `"三"`, `"十二"` → `"3"`, `"3"`, `"3"`, `"12"`.
fn normalize_number(text: &str) -> Option<String> {
    // Full-width digits (`３`) are digits too.
    let text: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let text = text.as_str();
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse::<u32>().ok().map(|n| n.to_string());
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|n| n as u32)
    };
    let chars: Vec<char> = text.chars().collect();
    let n = match chars.as_slice() {
        ['十'] => 10,
        [d] => digit(*d)?,
        ['十', d] => 10 + digit(*d)?,
        [t, '十'] => 10 * digit(*t)?,
        [t, '十', d] => 10 * digit(*t)? + digit(*d)?,
        _ => return None,
    };
    Some(n.to_string())
}

/// Links continued pieces across `pages` (one issue, in page order) and
/// fills [`crate::Article::joined`] on the head piece of each chain.
///
/// A piece that says （下转N版） is joined with a piece on page N that says
/// （上接M版） where M is its own page; when several could be, the one
/// sharing its title (jump pages repeat it) or else the first is taken.
///
/// ```
/// use banmian::{Article, Page};
/// let mut one = Page::empty("a#1");
/// one.articles.push(Article { title: Some("大会".into()), paragraphs: vec!["开头".into()], continued_to: Some("2".into()), ..Article::default() });
/// let mut two = Page::empty("a#2");
/// two.articles.push(Article { paragraphs: vec!["结尾。".into()], continued_from: Some("1".into()), ..Article::default() });
/// let mut pages = vec![one, two];
/// banmian::issue::join_jumps(&mut pages);
/// let joined = pages[0].articles[0].joined.as_ref().unwrap();
/// assert_eq!(joined.paragraphs, vec!["开头", "结尾。"]);
/// assert_eq!(joined.pieces[0].source, "a#2");
/// ```
pub fn join_jumps(pages: &mut [Page]) {
    let numbers: Vec<String> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| page_number(p, i))
        .collect();
    let mut taken: Vec<Vec<bool>> = pages
        .iter()
        .map(|p| vec![false; p.articles.len()])
        .collect();
    for p in 0..pages.len() {
        for a in 0..pages[p].articles.len() {
            if pages[p].articles[a].continued_from.is_some() {
                continue; // not the head of a chain
            }
            let chain = follow(pages, &numbers, &mut taken, p, a);
            if chain.is_empty() {
                continue;
            }
            let head = &pages[p].articles[a];
            let mut paragraphs = head.paragraphs.clone();
            let mut pieces = Vec::new();
            for &(q, b) in &chain {
                paragraphs.extend(pages[q].articles[b].paragraphs.iter().cloned());
                pieces.push(PieceRef {
                    page: numbers[q].clone(),
                    source: pages[q].source.clone(),
                    article: b,
                });
            }
            pages[p].articles[a].joined = Some(Joined { pieces, paragraphs });
        }
    }
}

/// The pieces (page, article) that continue article `a` of page `p`.
fn follow(
    pages: &[Page],
    numbers: &[String],
    taken: &mut [Vec<bool>],
    p: usize,
    a: usize,
) -> Vec<(usize, usize)> {
    let mut chain = Vec::new();
    let (mut p, mut a) = (p, a);
    // A chain cannot be longer than the issue; the bound also guards loops.
    while chain.len() < pages.len() {
        let Some(to) = pages[p].articles[a]
            .continued_to
            .as_deref()
            .and_then(normalize_number)
        else {
            break;
        };
        let title = pages[p].articles[a].title.clone();
        let from_here = &numbers[p];
        let next = (0..pages.len())
            .filter(|&q| q != p && numbers[q] == to)
            .flat_map(|q| (0..pages[q].articles.len()).map(move |b| (q, b)))
            .filter(|&(q, b)| {
                let piece = &pages[q].articles[b];
                !taken[q][b]
                    && piece
                        .continued_from
                        .as_deref()
                        .and_then(normalize_number)
                        .as_ref()
                        == Some(from_here)
            })
            .max_by_key(|&(q, b)| {
                (
                    title.is_some() && pages[q].articles[b].title == title,
                    std::cmp::Reverse((q, b)),
                )
            });
        let Some((q, b)) = next else { break };
        taken[q][b] = true;
        chain.push((q, b));
        (p, a) = (q, b);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block};

    fn piece(title: Option<&str>, text: &str, to: Option<&str>, from: Option<&str>) -> Article {
        Article {
            title: title.map(str::to_string),
            paragraphs: vec![text.to_string()],
            continued_to: to.map(str::to_string),
            continued_from: from.map(str::to_string),
            ..Article::default()
        }
    }

    fn page(number: &str, articles: Vec<Article>) -> Page {
        let mut p = Page::empty(&format!("issue.pdf#{number}"));
        p.blocks.push(Block {
            kind: BlockKind::Page,
            text: format!("第{number}版 要闻"),
            bbox: None,
        });
        p.articles = articles;
        p
    }

    #[test]
    fn chains_follow_printed_page_numbers() {
        let mut pages = vec![
            page(
                "1",
                vec![
                    piece(Some("甲"), "甲一", Some("3"), None),
                    piece(Some("乙"), "乙一", Some("三"), None),
                ],
            ),
            page("2", vec![piece(None, "无关", None, None)]),
            page(
                "3",
                vec![
                    piece(Some("乙"), "乙二", None, Some("1")),
                    piece(Some("甲"), "甲二", Some("4"), Some("1")),
                ],
            ),
            page("4", vec![piece(None, "甲三", None, Some("3"))]),
        ];
        join_jumps(&mut pages);
        let a = pages[0].articles[0].joined.as_ref().expect("甲 is joined");
        assert_eq!(a.paragraphs, vec!["甲一", "甲二", "甲三"]);
        assert_eq!(
            a.pieces.iter().map(|p| p.page.as_str()).collect::<Vec<_>>(),
            vec!["3", "4"]
        );
        let b = pages[0].articles[1].joined.as_ref().expect("乙 is joined");
        assert_eq!(b.paragraphs, vec!["乙一", "乙二"]);
        assert!(
            pages[2].articles[1].joined.is_none(),
            "only heads carry the joined text"
        );
        assert_eq!(
            pages[2].articles[1].continued_from.as_deref(),
            Some("1"),
            "links are kept"
        );
    }

    #[test]
    fn unmatched_jumps_stay_unjoined() {
        let mut pages = vec![page("1", vec![piece(None, "一", Some("9"), None)])];
        join_jumps(&mut pages);
        assert!(pages[0].articles[0].joined.is_none());
    }

    #[test]
    fn numbers_in_words_are_read() {
        assert_eq!(normalize_number("十二").as_deref(), Some("12"));
        assert_eq!(normalize_number("二十").as_deref(), Some("20"));
        assert_eq!(normalize_number("05").as_deref(), Some("5"));
        assert_eq!(normalize_number("１２").as_deref(), Some("12"));
        assert_eq!(printed_number("A3版").as_deref(), Some("3"));
        assert_eq!(printed_number("BEIBEI DAILY 第3版").as_deref(), Some("3"));
        assert_eq!(normalize_number("版"), None);
    }
}
