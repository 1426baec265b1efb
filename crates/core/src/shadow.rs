//! Shadow duplicates: banner slogans drawn twice (a "ghost" copy that the
//! extractor joins onto the same line, or an offset copy on the next line).
//!
//! The first copy is kept as a banner block; the second goes to `dropped`
//! with reason `duplicate`. Runs of slogan-shaped lines beside them (or on
//! their own, two or more alike) are banners too.

use crate::model::{Block, BlockKind, DropReason};
use crate::sheet::{Role, Sheet};

/// Shortest half (in non-space characters) that counts as a doubled line.
const MIN_HALF: usize = 3;

/// Marks doubled lines and slogan runs as banners.
pub fn run(sheet: &mut Sheet) {
    for i in 0..sheet.lines.len() {
        if let Some(cut) =
            doubled_at(&sheet.lines[i].text).filter(|&c| is_banner_text(&sheet.lines[i].text[..c]))
        {
            let text = sheet.lines[i].text.clone();
            let (keep, copy) = text.split_at(cut);
            sheet.lines[i].set_text(keep.trim().to_string(), sheet.quote_width);
            sheet.lines[i].role = Role::Block(BlockKind::Banner);
            sheet.drop_text(copy.trim(), DropReason::Duplicate);
        } else if i > 0 && is_offset_copy(sheet, i) {
            sheet.lines[i].role = Role::Dropped;
            let text = sheet.lines[i].text.clone();
            sheet.lines[i - 1].role = Role::Block(BlockKind::Banner);
            sheet.drop_text(text, DropReason::Duplicate);
        }
    }
    mark_slogan_runs(sheet);
    for line in &sheet.lines {
        if line.role == Role::Block(BlockKind::Banner) {
            sheet.blocks.push(Block {
                kind: BlockKind::Banner,
                text: line.text.clone(),
                bbox: None,
            });
        }
    }
}

/// If `text` is one string printed twice, the byte offset where the copy starts.
///
/// ```
/// use banmian::shadow::doubled_at;
/// assert_eq!(doubled_at("讲文明 树新风讲文明 树新风"), Some("讲文明 树新风".len()));
/// assert_eq!(doubled_at("哈哈"), None);
/// ```
pub fn doubled_at(text: &str) -> Option<usize> {
    // Counted and compared without allocating: this runs on every line.
    // A doubled line is short, and its first character comes back.
    let first = text.trim_start().chars().next()?;
    if text.len() > 8 * MAX_BANNER || !text.trim_start()[first.len_utf8()..].contains(first) {
        return None;
    }
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    if n % 2 != 0 || n / 2 < MIN_HALF || n > 2 * MAX_BANNER {
        return None;
    }
    let half = n / 2;
    let mut a = text.char_indices().filter(|(_, c)| !c.is_whitespace());
    let b = a.clone().skip(half);
    let cut = b.clone().next().map(|(i, _)| i)?;
    let same = a.by_ref().take(half).map(|(_, c)| c).eq(b.map(|(_, c)| c));
    same.then_some(cut)
}

/// A line identical to the one before it, both short and unpunctuated (an
/// offset shadow copy). Body text never repeats a whole line like that.
fn is_offset_copy(sheet: &Sheet, i: usize) -> bool {
    let (prev, cur) = (&sheet.lines[i - 1], &sheet.lines[i]);
    prev.role == Role::Body
        && cur.role == Role::Body
        && !cur.gap_before
        && prev.width == cur.width
        && prev
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .eq(cur.text.chars().filter(|c| !c.is_whitespace()))
        && is_slogan_like(&cur.text)
}

/// Longest banner, in characters.
const MAX_BANNER: usize = 30;

/// A doubled line is a banner only if its text is short and not a sentence.
fn is_banner_text(text: &str) -> bool {
    text.chars().count() <= MAX_BANNER && !text.contains(['。', '，', '；'])
}

/// Text with no punctuation, made of CJK words only.
fn is_slogan_like(text: &str) -> bool {
    let mut n = 0;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        n += 1;
        if n > 24 || !crate::measure::is_cjk(c) {
            return false;
        }
    }
    n >= MIN_HALF
}

/// Equal-length words separated by spaces, three or more of them
/// (`富强 民主 文明 和谐`): the shape of a slogan, not of a headline.
fn slogan_shape(text: &str) -> Option<(usize, usize)> {
    // Slogans are short and spaced; skip everything else without allocating.
    if text.len() > 3 * 40 || !text.contains(' ') {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let len = words.first()?.chars().count();
    let ok = words.len() >= 3
        && (2..=4).contains(&len)
        && words
            .iter()
            .all(|w| w.chars().count() == len && w.chars().all(crate::measure::is_cjk));
    ok.then_some((words.len(), len))
}

/// Consecutive lines of the same slogan shape, two or more, or next to a
/// banner already found, are banners.
fn mark_slogan_runs(sheet: &mut Sheet) {
    let n = sheet.lines.len();
    let mut i = 0;
    while i < n {
        let Some(shape) = slogan_shape(&sheet.lines[i].text) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < n && slogan_shape(&sheet.lines[j].text) == Some(shape) {
            j += 1;
        }
        let touches_banner = (i > 0 && is_banner(sheet, i - 1)) || (j < n && is_banner(sheet, j));
        if j - i >= 2 || touches_banner {
            for line in &mut sheet.lines[i..j] {
                if matches!(line.role, Role::Body | Role::Block(BlockKind::Banner)) {
                    line.role = Role::Block(BlockKind::Banner);
                }
            }
        }
        i = j;
    }
}

fn is_banner(sheet: &Sheet, i: usize) -> bool {
    sheet.lines[i].role == Role::Block(BlockKind::Banner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Sheet {
        let mut s = Sheet::from_text(text);
        run(&mut s);
        s
    }

    #[test]
    fn ghost_copy_on_same_line_is_dropped() {
        let s = sheet("前文。\n人人共建文明城区人人共建文明城区\n后文");
        assert_eq!(s.lines[1].text, "人人共建文明城区");
        assert_eq!(s.blocks.len(), 1);
        assert_eq!(s.dropped[0].text, "人人共建文明城区");
        assert_eq!(s.dropped[0].reason, DropReason::Duplicate);
    }

    #[test]
    fn offset_copy_on_next_line_is_dropped() {
        let s = sheet("保护环境 人人有责\n保护环境 人人有责\n正文开始了。");
        assert_eq!(s.lines[1].role, Role::Dropped);
        assert_eq!(s.blocks[0].text, "保护环境 人人有责");
        assert_eq!(s.lines[2].role, Role::Body);
    }

    #[test]
    fn slogan_run_without_copies_is_banner() {
        let s = sheet("富强 民主 文明 和谐\n自由 平等 公正 法治\n正文。");
        assert_eq!(s.blocks.len(), 2);
        assert!(s.dropped.is_empty());
    }

    #[test]
    fn single_spaced_headline_is_not_banner() {
        let s = sheet("传承创新 技艺精进 融合发展\n今年灯会 亮点先看\n正文。");
        assert!(s.blocks.is_empty());
    }

    #[test]
    fn short_or_odd_lines_are_not_doubled() {
        assert_eq!(doubled_at("好好"), None);
        assert_eq!(doubled_at("一二三一二"), None);
        assert_eq!(doubled_at(""), None);
    }
}
