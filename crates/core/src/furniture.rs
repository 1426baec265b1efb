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

/// The parts of a header or footer that some extractors put on one line
/// (`人民日报 2019年2月12日 星期二 第2版 要闻 责任编辑 王静`).
static DATE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("valid regex")
});
static PAGE_PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第\s*[0-9一二三四五六七八九十]+\s*版").expect("valid regex"));
static EDITOR_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"责任编辑|责编|美术编辑|美编|版式设计|校对").expect("valid regex")
});
/// Longest combined furniture line, in characters.
const COMBINED_MAX: usize = 80;

/// The parts of a big daily's masthead cluster that stand on lines of
/// their own: the date box (year and month, 星期X, the lunar date) and the
/// publication data (`人民日报社出版`, `国内统一连续出版物号`, `CN 11-0065`,
/// `代号 1-1`, `第 28403 期`, `今日 20 版`, the web address).
static CLUSTER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(\d{4}\s*年\s*\d{1,2}\s*月|(星期|周)[一二三四五六日天]",
        r"|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\s*(闰)?[正一二三四五六七八九十冬腊]{1,2}月\s*[初十廿卅二三]?[一二三四五六七八九十])$"
    ))
    .expect("valid regex")
});
static CLUSTER_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(\p{Han}{2,10}社出版|国内统一连续出版物号|国际标准连续出版物号|CN\s*\d{2}\s*-\s*\d{4}(/\S+)?",
        r"|ISSN\s*\d{4}\s*-\s*\d{3}[\dX]|(邮发)?代号\s*[:：]?\s*\d{1,3}\s*-\s*\d{1,4}",
        r"|第\s*\d{3,6}\s*期|今日\s*\d{1,3}\s*版|\p{Han}{1,8}网?网址\s*[:：]\s*\S+|(https?://)?www\.\S+)$"
    ))
    .expect("valid regex")
});

/// Longest part of the masthead cluster, in characters (but the web
/// address).
const CLUSTER_LEN: usize = 12;

/// A teaser box opens on this line.
const TEASER_HEAD: &str = "导读";
/// A page named in Chinese numerals alone on a line: a teaser item's close.
static TEASER_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^第[〇零一二三四五六七八九十百]+版$").expect("valid regex"));
/// Widest teaser line, in em (a teaser box is narrower than a column).
const TEASER_WIDTH: f32 = 16.0;
/// Most lines a teaser box may run without naming a page.
const TEASER_ITEM: usize = 8;

/// How many lines from the top a masthead may sit.
const MASTHEAD_REACH: usize = 3;
/// Longest editor line.
const EDITOR_MAX: usize = 30;

/// Classifies furniture lines.
pub fn run(sheet: &mut Sheet) {
    teasers(sheet);
    for i in 0..sheet.lines.len() {
        if sheet.lines[i].role != Role::Body {
            continue;
        }
        let after_month = i > 0 && sheet.lines[i - 1].role == Role::Block(BlockKind::Date);
        let Some(kind) = classify(&sheet.lines[i].text, i)
            .or_else(|| cluster(&sheet.lines[i].text, after_month))
        else {
            continue;
        };
        if sheet.page_date.is_none() {
            sheet.page_date = match kind {
                BlockKind::Date => parse_date(&sheet.lines[i].text),
                _ => date_in(&sheet.lines[i].text),
            };
        }
        sheet.lines[i].role = Role::Block(kind);
        sheet.blocks.push(Block {
            kind,
            text: sheet.lines[i].text.clone(),
            bbox: None,
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
        combined(text, index)
    }
}

/// A line of the masthead cluster: a part of the date box or of the
/// publication data. A day number alone (`12`) is one only right under the
/// date box's year and month (`after_date`).
///
/// ```
/// use banmian::{furniture::cluster, BlockKind};
/// assert_eq!(cluster("己亥年正月初八", false), Some(BlockKind::Date));
/// assert_eq!(cluster("12", true), Some(BlockKind::Date));
/// assert_eq!(cluster("12", false), None);
/// assert_eq!(cluster("CN 11-0065", false), Some(BlockKind::Other));
/// assert_eq!(cluster("第 28403 期", false), Some(BlockKind::Other));
/// ```
pub fn cluster(text: &str, after_date: bool) -> Option<BlockKind> {
    if text.len() > 80 {
        return None;
    }
    // Cheap looks first, so that body lines are skipped before any regex:
    // every part of the cluster ends on a digit, a letter, or one of these.
    let ends = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '版' | '期'
                    | '号'
                    | '月'
                    | '日'
                    | '天'
                    | '一'
                    | '二'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
            )
    };
    if !text.ends_with(ends) {
        return None;
    }
    let web = || text.contains("网址") || text.contains("www.");
    if text.chars().nth(CLUSTER_LEN).is_some() && !web() {
        return None;
    }
    let day = text.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    let date_like = text.starts_with(|c: char| {
        c.is_ascii_digit()
            || matches!(
                c,
                '星' | '周' | '甲' | '乙' | '丙' | '丁' | '戊' | '己' | '庚' | '辛' | '壬' | '癸'
            )
    });
    let other_like = ["出版", "号", "CN", "ISSN", "期", "版", "网址", "www."]
        .iter()
        .any(|k| text.contains(k));
    if (after_date && day) || (date_like && CLUSTER_DATE.is_match(text)) {
        Some(BlockKind::Date)
    } else if other_like && CLUSTER_OTHER.is_match(text) {
        Some(BlockKind::Other)
    } else {
        None
    }
}

/// Finds 导读 boxes: a `导读` line, then teaser items (a section name, a
/// title, a dash subtitle) each closed by the page it points to (`第五版`),
/// none of them a sentence. The box becomes one [`BlockKind::Teaser`]
/// block, so that the article it was printed inside runs on around it.
///
/// Extractors do not always keep the box together: the head (often set
/// vertically) may land elsewhere, alone, and the items apart. An item is
/// recognised on its own by its close, a page named in numerals alone on a
/// line (`第十八版`), which no article line is; a `导读` line alone is the
/// head of a box whatever follows it.
fn teasers(sheet: &mut Sheet) {
    let mut i = 0;
    while i < sheet.lines.len() {
        if sheet.lines[i].role != Role::Body {
            i += 1;
            continue;
        }
        let span = if is_teaser_head(&sheet.lines[i].text) {
            Some((i, teaser_end(sheet, i).unwrap_or(i)))
        } else if sheet.lines[i].text.ends_with('版') && TEASER_PAGE.is_match(&sheet.lines[i].text)
        {
            Some((item_start(sheet, i), i))
        } else {
            None
        };
        let Some((first, last)) = span else {
            i += 1;
            continue;
        };
        let text: Vec<&str> = sheet.lines[first..=last]
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        let text = text.join(" ");
        for line in &mut sheet.lines[first..=last] {
            line.role = Role::Block(BlockKind::Teaser);
        }
        sheet.blocks.push(Block {
            kind: BlockKind::Teaser,
            text,
            bbox: None,
        });
        i = last + 1;
    }
}

/// The first line of the teaser item closed at `close`: back over the
/// item's short lines (no sentence end, [`TEASER_ITEM`] at most), to the
/// first line after a blank line.
fn item_start(sheet: &Sheet, close: usize) -> usize {
    let mut first = close;
    while first > 0 && close - first < TEASER_ITEM && !sheet.lines[first].gap_before {
        let prev = &sheet.lines[first - 1];
        if prev.role != Role::Body
            || prev.text.contains(['。', '！', '？', '，'])
            || prev.width > TEASER_WIDTH
        {
            break;
        }
        first -= 1;
    }
    first
}

/// The last line of the teaser box opening at `head`: the last page
/// reference reached while every item names its page within
/// [`TEASER_ITEM`] lines and no line ends a sentence.
fn teaser_end(sheet: &Sheet, head: usize) -> Option<usize> {
    let rest = sheet.lines[head + 1..]
        .iter()
        .take_while(|l| l.role == Role::Body)
        .map(|l| l.text.as_str());
    teaser_len(rest).map(|n| head + n)
}

/// How many of `lines` (the lines after a `导读` line, in reading order)
/// belong to its teaser box: up to the last page reference (`第五版`)
/// reached while every item names its page within [`TEASER_ITEM`] lines
/// and no line ends a sentence. `None` if no page is named.
///
/// ```
/// let after = ["文化", "某某主体不得截留红利", "第八版", "生态", "某村记", "第十八版", "正文一行。"];
/// assert_eq!(banmian::furniture::teaser_len(after.into_iter()), Some(6));
/// assert_eq!(banmian::furniture::teaser_len(["正文一行。"].into_iter()), None);
/// ```
pub fn teaser_len<'a>(lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut last = None;
    let mut since = 0;
    for (j, text) in lines.enumerate() {
        if text.contains(['。', '！', '？']) || since >= TEASER_ITEM {
            break;
        }
        if PAGE.is_match(text) {
            last = Some(j + 1);
            since = 0;
        } else {
            since += 1;
        }
    }
    last
}

/// Whether `text` opens a teaser box (`导读`).
pub fn is_teaser_head(text: &str) -> bool {
    text == TEASER_HEAD
}

/// A line made of two or more kinds of furniture set side by side, with
/// spaces between them and no sentence punctuation: named for its first
/// part.
fn combined(text: &str, index: usize) -> Option<BlockKind> {
    if text.chars().count() > COMBINED_MAX
        || text.split_whitespace().count() < 3
        || text.contains(['。', '，', '；', '！', '？'])
    {
        return None;
    }
    let first = text.split_whitespace().next().unwrap_or("");
    let masthead = (index < MASTHEAD_REACH && MASTHEAD.is_match(first)).then_some(0);
    let start = |re: &Regex| re.find(text).map(|m| m.start());
    let found: Vec<(BlockKind, usize)> = [
        (BlockKind::Masthead, masthead),
        (BlockKind::Date, start(&DATE_PART)),
        (BlockKind::Page, start(&PAGE_PART)),
        (BlockKind::Editor, start(&EDITOR_PART)),
    ]
    .into_iter()
    .filter_map(|(kind, at)| Some((kind, at?)))
    .collect();
    // The line must open with one of its parts, not with running text.
    let opens = found.iter().any(|&(_, at)| at == 0);
    if found.len() < 2 || !opens {
        return None;
    }
    found
        .iter()
        .min_by_key(|(_, at)| *at)
        .map(|(kind, _)| *kind)
}

/// Parses a date line such as `2020年4月30日 星期四`.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    ymd(&DATE.captures(text)?)
}

/// Year, month and day from a date regex's first three groups.
fn ymd(c: &regex::Captures) -> Option<(i32, u32, u32)> {
    Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

/// A full date anywhere in a furniture line.
fn date_in(text: &str) -> Option<(i32, u32, u32)> {
    ymd(&DATE_PART.captures(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_become_blocks_and_date_is_read() {
        let mut s =
            Sheet::from_text("北碚报\n2020年4月30日 星期四\n第1版 要闻\n正文。\n责任编辑 王静\n");
        run(&mut s);
        let kinds: Vec<BlockKind> = s.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, vec![Masthead, Date, Page, Editor]);
        assert_eq!(s.page_date, Some((2020, 4, 30)));
        assert_eq!(s.lines[3].role, Role::Body);
    }

    #[test]
    fn furniture_set_on_one_line_is_one_block() {
        let mut s = Sheet::from_text(
            "人民日报 2019年2月12日 星期二 第2版 要闻 责任编辑 王静\n以文化人 以美育人\n正文。\n",
        );
        run(&mut s);
        assert_eq!(s.blocks.len(), 1);
        assert_eq!(s.blocks[0].kind, BlockKind::Masthead);
        assert_eq!(s.page_date, Some((2019, 2, 12)));
        assert_eq!(
            classify("第4版 民生 北碚报 2020年4月30日 星期四", 9),
            Some(BlockKind::Page)
        );
        // Running text that names a date and a page is not furniture.
        assert_eq!(classify("会议 2019年2月12日 在第2版 刊登", 9), None);
        assert_eq!(classify("以文化人 以美育人 2019年2月12日", 1), None);
    }

    #[test]
    fn teaser_boxes_become_one_block_even_when_split() {
        let text = "某某的故事\n本报讯 正文第一行，\n导读\n文化\n某某主体不得\n截留红利\n—某某要求\n第八版\n\n生态\n某村双赢记\n第十八版\n正文第二行。\n";
        let mut s = Sheet::from_text(text);
        run(&mut s);
        let teasers: Vec<&Block> = s
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Teaser)
            .collect();
        assert_eq!(teasers.len(), 1, "{:?}", s.blocks);
        assert!(teasers[0].text.starts_with("导读 文化") && teasers[0].text.ends_with("第十八版"));
        assert_eq!(s.lines.last().unwrap().role, Role::Body);
        // Without its head, each item is still found by its close.
        let mut s = Sheet::from_text(
            "正文一行。\n\n社会\n某某的一封信\n—记某某二十年\n第二版\n\n正文又一行。\n",
        );
        run(&mut s);
        let teasers: Vec<&str> = s
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Teaser)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(teasers, ["社会 某某的一封信 —记某某二十年 第二版"]);
        assert_eq!((s.lines[0].role, s.lines[5].role), (Role::Body, Role::Body));
        // A page furniture line in Arabic numerals is not a teaser.
        assert_eq!(classify("第2版", 40), Some(BlockKind::Page));
    }

    #[test]
    fn the_masthead_cluster_is_blocks_not_an_article() {
        let text = "某某日报\n2019年2月\n12\n星期二\n乙巳年十一月十八\n某某日报社出版\n国内统一连续出版物号\nCN 11-0065\n代号 1-1\n第 28304 期\n今日 20 版\n某某网网址：http://www.example.cn\n正文第一行，会议召开。\n";
        let mut s = Sheet::from_text(text);
        run(&mut s);
        let kinds: Vec<BlockKind> = s.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Masthead, Date, Date, Date, Date, Other, Other, Other, Other, Other, Other, Other]
        );
        assert_eq!(s.lines.last().unwrap().role, Role::Body);
        // A day number is the date box's only right under its year and month.
        assert_eq!(cluster("12", false), None);
        // Sentences and body lines that merely end like a part are not one.
        assert_eq!(cluster("代号为1-1的方案已通过", false), None);
        assert_eq!(cluster("会议在第3版刊登的社论中说今日", false), None);
    }

    #[test]
    fn sentences_are_not_furniture() {
        assert_eq!(classify("编辑部收到了很多来信，读者说。", 5), None);
        assert_eq!(classify("2019年2月12日，会议召开。", 5), None);
        assert_eq!(classify("第4版的文章很好看的", 5), None);
    }
}
