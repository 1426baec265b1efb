//! Page furniture: masthead, the page's date line, page/section, editor
//! credits. They become blocks, never article text. The page date also
//! supplies the year for datelines that omit it.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, BlockKind};
use crate::sheet::{Role, Sheet};

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(\s*(星期|周)[一二三四五六日天])?(\s*[农阴]历\S*)?$")
        .expect("valid regex")
});
static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(第\s*[0-9一二三四五六七八九十]+\s*版|[A-Z]?\d{1,2}\s*版)(\s*[：:·\s]\s*\S{1,12})?$",
    )
    .expect("valid regex")
});
static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(本版)?(责任编辑|责编|编辑|版式|版式设计|美编|美术编辑|校对|组版|照排|制图|图片编辑)\s*[：:\s]\s*\S")
        .expect("valid regex")
});
static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Han}{1,8}(日报|晚报|早报|时报|商报|报)$").expect("valid regex")
});

/// How many lines from the top a masthead may sit.
const MASTHEAD_REACH: usize = 3;
/// Longest editor line.
const EDITOR_MAX: usize = 30;

/// Classifies furniture lines.
pub fn run(sheet: &mut Sheet) {
    for i in 0..sheet.lines.len() {
        if sheet.lines[i].role != Role::Body {
            continue;
        }
        let Some(kind) = classify(&sheet.lines[i].text, i) else {
            continue;
        };
        if kind == BlockKind::Date && sheet.page_date.is_none() {
            sheet.page_date = parse_date(&sheet.lines[i].text);
        }
        sheet.lines[i].role = Role::Block(kind);
        sheet.blocks.push(Block {
            kind,
            text: sheet.lines[i].text.clone(),
        });
    }
}

/// The furniture kind of a whole line at position `index`, if it is one.
///
/// ```
/// use banmian::{furniture::classify, BlockKind};
/// assert_eq!(classify("2019年2月12日 星期二", 40), Some(BlockKind::Date));
/// assert_eq!(classify("第4版 民生", 2), Some(BlockKind::Page));
/// assert_eq!(classify("责任编辑 黄磊", 90), Some(BlockKind::Editor));
/// assert_eq!(classify("人民日报", 0), Some(BlockKind::Masthead));
/// assert_eq!(classify("人民日报", 50), None);
/// ```
pub fn classify(text: &str, index: usize) -> Option<BlockKind> {
    // Furniture lines are short; body lines are skipped before any regex.
    if text.len() > 4 * (EDITOR_MAX + 10) {
        return None;
    }
    let len = text.chars().count();
    let digit = text.starts_with(|c: char| c.is_ascii_digit());
    if digit && DATE.is_match(text) {
        Some(BlockKind::Date)
    } else if (digit || text.starts_with(|c: char| c == '第' || c.is_ascii_uppercase()))
        && PAGE.is_match(text)
    {
        Some(BlockKind::Page)
    } else if len <= EDITOR_MAX && EDITOR.is_match(text) && !text.contains(['。', '，']) {
        Some(BlockKind::Editor)
    } else if index < MASTHEAD_REACH && MASTHEAD.is_match(text) {
        Some(BlockKind::Masthead)
    } else {
        None
    }
}

/// Parses a date line such as `2020年4月30日 星期四`.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let c = DATE.captures(text)?;
    Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_become_blocks_and_date_is_read() {
        let mut s =
            Sheet::from_text("北碚报\n2020年4月30日 星期四\n第1版 要闻\n正文。\n责任编辑 陈静\n");
        run(&mut s);
        let kinds: Vec<BlockKind> = s.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, vec![Masthead, Date, Page, Editor]);
        assert_eq!(s.page_date, Some((2020, 4, 30)));
        assert_eq!(s.lines[3].role, Role::Body);
    }

    #[test]
    fn sentences_are_not_furniture() {
        assert_eq!(classify("编辑部收到了很多来信，读者说。", 5), None);
        assert_eq!(classify("2019年2月12日，会议召开。", 5), None);
        assert_eq!(classify("第4版的文章很好看的", 5), None);
    }
}
