//! Jump lines: （下转3版）, （上接1版）, （转第二版）, 下转第3版 and the like.
//!
//! The marker is cut from the text (and listed in `dropped` with reason
//! `jump`); the page it names is kept on the line, for the article that owns
//! the line to report as `continued_to` / `continued_from`.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::DropReason;
use crate::sheet::{Role, Sheet};

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[（(]\s*(下转|转第|转|上接|接第|接|紧接)\s*([0-9０-９一二三四五六七八九十百]+)\s*版\s*[）)]|(下转|上接)\s*第?\s*([0-9０-９一二三四五六七八九十百]+)\s*版",
    )
    .expect("valid regex")
});

/// Where a jump marker points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Jump {
    /// Continued on that page.
    To(String),
    /// Continued from that page.
    From(String),
}

/// Finds jump markers in `text`: byte ranges and where each points.
///
/// ```
/// use banmian::jump::{find, Jump};
/// let found = find("减少了。（下转5版）");
/// assert_eq!(found[0].1, Jump::To("5".into()));
/// assert_eq!(&"减少了。（下转5版）"[found[0].0.clone()], "（下转5版）");
/// ```
pub fn find(text: &str) -> Vec<(std::ops::Range<usize>, Jump)> {
    if !text.contains('版') {
        return Vec::new();
    }
    MARKER
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let (verb, page) = match (c.get(1), c.get(2)) {
                (Some(v), Some(p)) => (v.as_str(), p.as_str()),
                _ => (c.get(3)?.as_str(), c.get(4)?.as_str()),
            };
            let page = page.to_string();
            let jump = if verb.starts_with('转') || verb.starts_with('下') {
                Jump::To(page)
            } else {
                Jump::From(page)
            };
            Some((whole.range(), jump))
        })
        .collect()
}

/// Cuts jump markers from body lines.
pub fn run(sheet: &mut Sheet) {
    for i in 0..sheet.lines.len() {
        if sheet.lines[i].role != Role::Body {
            continue;
        }
        let found = find(&sheet.lines[i].text);
        if found.is_empty() {
            continue;
        }
        let text = sheet.lines[i].text.clone();
        let mut rest = String::with_capacity(text.len());
        let mut at = 0;
        for (range, jump) in found {
            rest.push_str(&text[at..range.start]);
            at = range.end;
            sheet.drop_text(&text[range], DropReason::Jump);
            let line = &mut sheet.lines[i];
            match jump {
                Jump::To(p) => line.continued_to = Some(p),
                Jump::From(p) => line.continued_from = Some(p),
            }
        }
        rest.push_str(&text[at..]);
        let rest = rest.trim().to_string();
        // The width stays that of the printed line, marker included: it is
        // what says whether the line was full.
        let line = &mut sheet.lines[i];
        line.text = rest;
        if line.text.is_empty() {
            line.role = Role::Jump;
        }
    }
    hand_over(sheet);
}

/// A marker on a line of its own belongs to the body line it follows
/// (（下转…）) or precedes (（上接…））; with no such line, to the nearest body
/// line on the other side, so that the link is never lost. Two sweeps keep
/// it linear.
fn hand_over(sheet: &mut Sheet) {
    let n = sheet.lines.len();
    carry(sheet, 0..n, |l| &mut l.continued_to);
    carry(sheet, (0..n).rev(), |l| &mut l.continued_from);
}

/// Moves `field` from marker-only lines to the last body line seen in the
/// walk `order`; a marker met before any body line goes to the next one.
fn carry(
    sheet: &mut Sheet,
    order: impl Iterator<Item = usize>,
    field: impl Fn(&mut crate::sheet::Line) -> &mut Option<String>,
) {
    let mut last_body = None;
    let mut orphan = None;
    for i in order {
        match sheet.lines[i].role {
            Role::Body => {
                if let Some(page) = orphan.take() {
                    field(&mut sheet.lines[i]).get_or_insert(page);
                }
                last_body = Some(i);
            }
            Role::Jump => {
                if let Some(page) = field(&mut sheet.lines[i]).take() {
                    match last_body {
                        Some(b) => *field(&mut sheet.lines[b]) = Some(page),
                        None => orphan = Some(page),
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_cut_and_recorded() {
        let mut s = Sheet::from_text("前面的话。\n（下转3版）\n（上接1版）后面的话\n");
        run(&mut s);
        assert_eq!(s.lines[1].role, Role::Jump);
        assert_eq!(s.lines[0].continued_to.as_deref(), Some("3"));
        assert_eq!(s.lines[2].text, "后面的话");
        assert_eq!(s.lines[2].continued_from.as_deref(), Some("1"));
        assert_eq!(s.dropped.len(), 2);
        assert!(s.dropped.iter().all(|d| d.reason == DropReason::Jump));
    }

    #[test]
    fn a_marker_with_no_body_before_it_goes_to_the_body_after() {
        let mut s = Sheet::from_text("（下转3版）\n本报讯 今天开会。\n");
        run(&mut s);
        assert_eq!(s.lines[1].continued_to.as_deref(), Some("3"));
    }

    #[test]
    fn variants_are_recognised() {
        assert_eq!(find("（转第二版）")[0].1, Jump::To("二".into()));
        assert_eq!(find("下转第3版")[0].1, Jump::To("3".into()));
        assert_eq!(find("(上接 12 版)")[0].1, Jump::From("12".into()));
        assert!(find("他转身走了。").is_empty());
    }
}
