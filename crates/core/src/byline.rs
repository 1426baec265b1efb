//! Datelines and bylines: 本报讯（记者 X）, 本报北京1月31日电（记者 X Y）,
//! 新华社北京1月31日电（记者 X）, 本报记者 X, 文/X, 记者 X 报道.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// A dateline at the start of a paragraph.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^((?:本报|新华社|中新社|人民日报)[^，。（(\s]{0,12}?(?:\d{1,2}月\d{1,2}日)?电|本报讯|(?:新华社|中新社)讯)\s*([（(][^）)]{0,40}[）)])?",
    )
    .expect("valid regex")
});
/// The start of a dateline cut by a line end (`新华社北京1月31日` / `电…`).
static DATELINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:据)?(?:本报|新华社|中新社)(?:讯|[\p{Han}]{0,8}(?:\d{1,2}月(?:\d{1,2}日?)?)?)$|^据?(?:本报|新华社|中新社)[^，。]{0,12}电")
        .expect("valid regex")
});
/// A byline paragraph of its own.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:本报|新华社)?(?:特约)?记者|文\s*[/／]|文图\s*[/／]|通讯员)\s*((?:\p{Han}{2,4}[\s、，]*)+?)\s*(?:报道)?$")
        .expect("valid regex")
});
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})月(\d{1,2})日").expect("valid regex"));
static LEADING_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{1,2})月(\d{1,2})日").expect("valid regex"));
static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").expect("valid regex"));
/// Words that name a role, not a person.
const ROLES: [&str; 6] = [
    "记者",
    "通讯员",
    "实习生",
    "特约记者",
    "本报记者",
    "新华社记者",
];

/// What the head of an article says about who wrote it and when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// The dateline as printed.
    pub dateline: Option<String>,
    /// Reporters named.
    pub reporters: Vec<String>,
    /// Month and day the dateline gives.
    pub month_day: Option<(u32, u32)>,
}

/// Reads the dateline (or byline) at the start of a paragraph.
///
/// ```
/// use banmian::byline::parse;
/// let b = parse("本报北京1月31日电（记者杜一菲）国家主席…");
/// assert_eq!(b.dateline.as_deref(), Some("本报北京1月31日电（记者杜一菲）"));
/// assert_eq!(b.reporters, vec!["杜一菲"]);
/// assert_eq!(b.month_day, Some((1, 31)));
/// let b = parse("本报讯（记者 邓公平）4月28日，全会召开。");
/// assert_eq!(b.month_day, Some((4, 28)));
/// ```
pub fn parse(paragraph: &str) -> Byline {
    // Every dateline and byline opens with one of these; most paragraphs do
    // not, and this runs for every line boundary.
    if !paragraph
        .trim_start()
        .starts_with(['本', '新', '中', '人', '记', '文', '通', '特'])
    {
        return Byline::default();
    }
    if let Some(c) = DATELINE.captures(paragraph) {
        let whole = c.get(0).map_or("", |m| m.as_str()).trim().to_string();
        let reporters = c.get(2).map(|m| names(m.as_str())).unwrap_or_default();
        let rest = &paragraph[c.get(0).map_or(0, |m| m.end())..];
        let month_day = month_day(&c[1]).or_else(|| leading_month_day(rest));
        return Byline {
            dateline: Some(whole),
            reporters,
            month_day,
        };
    }
    if let Some(c) = BYLINE.captures(paragraph.trim()) {
        return Byline {
            reporters: names(&c[1]),
            ..Byline::default()
        };
    }
    Byline::default()
}

/// Whether `line` is (the start of) a dateline, possibly cut by a line end.
///
/// ```
/// assert!(banmian::byline::starts_dateline("新华社北京1月31日"));
/// assert!(banmian::byline::starts_dateline("据新华社南宁3月15日电"));
/// assert!(!banmian::byline::starts_dateline("本报记者走访了多家企业，"));
/// ```
pub fn starts_dateline(line: &str) -> bool {
    if !line.trim_start().starts_with(['据', '本', '新', '中']) {
        return false;
    }
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    DATELINE_START.is_match(&squeezed)
}

/// A headline and the dateline that starts its body, set on one baseline
/// and extracted as one line (`…举行会谈 本报北京1月` ⏎ `31日电…`).
static GLUED_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^据?(?:本报|新华社|中新社)(?:讯|[^，。；！？]{0,14}?电)").expect("valid regex")
});

/// Separates a headline from the dateline that the extractor glued to it
/// (set on one baseline: `…举行会谈 本报北京1月` ⏎ `31日电…`): the headline
/// keeps its line and the dateline's start moves to the line it continues
/// on, so that each reaches its own stage. The split point is a space whose
/// tail, continued by the next line, opens a dateline; the head must read
/// like a headline (two or more characters, no sentence end, not letters
/// spread out by justification).
///
/// ```
/// let text = "举行会谈 本报北京1月\n31日电（记者杜一菲）国家主席\n";
/// assert_eq!(
///     banmian::byline::unglue(text),
///     "举行会谈\n本报北京1月31日电（记者杜一菲）国家主席\n"
/// );
/// ```
pub fn unglue(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.split('\n').collect();
    let glued: Vec<Option<usize>> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| glued_at(line, lines.get(i + 1).copied().unwrap_or("")))
        .collect();
    if glued.iter().all(Option::is_none) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        match glued[i] {
            // Only whitespace is given up: the space at the split and the
            // line break after the tail.
            Some(at) => {
                out.push_str(line[..at].trim_end());
                out.push('\n');
                out.push_str(line[at..].trim());
            }
            None => {
                out.push_str(line);
                if i + 1 < lines.len() {
                    out.push('\n');
                }
            }
        }
    }
    Cow::Owned(out)
}

/// Byte offset in `line` of the glued dateline's start, when it continues
/// on the (non-blank) next line.
fn glued_at(line: &str, next: &str) -> Option<usize> {
    let trimmed = line.trim_end();
    // Most lines have no space inside, or no dateline could start in them.
    if !trimmed.contains([' ', '\u{3000}'])
        || !trimmed.contains(['本', '新', '据', '中'])
        || next.trim().is_empty()
    {
        return None;
    }
    let tokens = trimmed.split_whitespace().count();
    let single = trimmed
        .split_whitespace()
        .filter(|t| t.chars().count() == 1)
        .count();
    if single * 2 >= tokens {
        return None; // letters spread by justification, not two blocks
    }
    trimmed.char_indices().find_map(|(at, c)| {
        if c != ' ' && c != '\u{3000}' {
            return None;
        }
        let head = trimmed[..at].trim();
        let tail = trimmed[at + c.len_utf8()..].trim_start();
        let headline_like = head.chars().count() >= 2
            && !head.contains(['。', '！', '？', '；'])
            && !head.ends_with(['，', '、', '：']);
        if !headline_like || !tail.starts_with(['本', '新', '据', '中']) {
            return None;
        }
        let joined: String = tail
            .chars()
            .chain(next.chars().take(24))
            .filter(|c| !c.is_whitespace())
            .collect();
        GLUED_DATELINE.is_match(&joined).then(|| at + c.len_utf8())
    })
}

/// The people named in a parenthesised credit such as `（记者 X 通讯员 Y）`.
pub fn names(credit: &str) -> Vec<String> {
    let inner = credit.trim_matches(['（', '）', '(', ')', ' ']);
    inner
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .map(|tok| strip_role(tok.trim()))
        .filter(|tok| tok.chars().count() >= 2 && !ROLES.contains(&tok.as_str()))
        .collect()
}

fn strip_role(token: &str) -> String {
    let mut t = token;
    for prefix in ["本报", "新华社", "特约", "记者", "通讯员", "实习生"] {
        t = t.strip_prefix(prefix).unwrap_or(t);
    }
    t.to_string()
}

fn month_day(text: &str) -> Option<(u32, u32)> {
    let c = MONTH_DAY.captures(text)?;
    valid(c[1].parse().ok()?, c[2].parse().ok()?)
}

fn leading_month_day(text: &str) -> Option<(u32, u32)> {
    let c = LEADING_DATE.captures(text)?;
    valid(c[1].parse().ok()?, c[2].parse().ok()?)
}

fn valid(m: u32, d: u32) -> Option<(u32, u32)> {
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// Full dates (`2020年4月28日`) printed in `text`.
pub fn full_dates(text: &str) -> impl Iterator<Item = (i32, u32, u32)> + '_ {
    FULL_DATE.captures_iter(text).filter_map(|c| {
        let (m, d) = valid(c[2].parse().ok()?, c[3].parse().ok()?)?;
        Some((c[1].parse().ok()?, m, d))
    })
}

/// Fills an article's `dateline`, `reporters` and `date` from its first
/// paragraph, taking the year from `page_date`; an article without a
/// dateline takes its date from a full date in its headlines (a resolution
/// "（2020年4月28日…通过）").
///
/// ```
/// let mut a = banmian::Article { paragraphs: vec!["本报讯（记者 王五）3月2日，开会。".into()], ..Default::default() };
/// banmian::byline::fill(&mut a, Some((2020, 4, 30)));
/// assert_eq!((a.reporters.len(), a.date.as_deref()), (1, Some("2020-03-02")));
/// ```
pub fn fill(a: &mut crate::Article, page_date: Option<(i32, u32, u32)>) {
    if let Some(first) = a.paragraphs.first() {
        let b = parse(first);
        a.dateline = b.dateline;
        a.reporters = b.reporters;
        a.date = b.month_day.and_then(|md| iso_date(md, page_date));
    }
    if a.date.is_none() && a.dateline.is_none() {
        let heads = a.kicker.iter().chain(&a.title).chain(&a.subtitles);
        a.date = heads
            .flat_map(|h| full_dates(h).collect::<Vec<_>>())
            .next()
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
    }
}

/// An ISO date for `month_day`, taking the year from the page date: a month
/// later than the page's month belongs to the year before.
///
/// ```
/// use banmian::byline::iso_date;
/// assert_eq!(iso_date((1, 31), Some((2019, 2, 12))).as_deref(), Some("2019-01-31"));
/// assert_eq!(iso_date((12, 30), Some((2019, 1, 2))).as_deref(), Some("2018-12-30"));
/// assert_eq!(iso_date((1, 31), None), None);
/// ```
pub fn iso_date((m, d): (u32, u32), page: Option<(i32, u32, u32)>) -> Option<String> {
    let (year, page_month, _) = page?;
    let year = if m > page_month { year - 1 } else { year };
    Some(format!("{year:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_forms() {
        let cases = [
            (
                "本报讯（记者 邓公平）4月28日，",
                "本报讯（记者 邓公平）",
                vec!["邓公平"],
            ),
            (
                "本报讯（记者 张三 通讯员 李四）",
                "本报讯（记者 张三 通讯员 李四）",
                vec!["张三", "李四"],
            ),
            (
                "本报北京1月31日电（记者 王五 赵六）",
                "本报北京1月31日电（记者 王五 赵六）",
                vec!["王五", "赵六"],
            ),
            (
                "新华社北京1月31日电（记者 周明）",
                "新华社北京1月31日电（记者 周明）",
                vec!["周明"],
            ),
            (
                "新华社北京2月11日电 （李云、王旭）中央",
                "新华社北京2月11日电 （李云、王旭）",
                vec!["李云", "王旭"],
            ),
            (
                "新华社北京2月11日电 国务院总理",
                "新华社北京2月11日电",
                vec![],
            ),
        ];
        for (text, dateline, reporters) in cases {
            let b = parse(text);
            assert_eq!(b.dateline.as_deref(), Some(dateline), "{text}");
            assert_eq!(b.reporters, reporters, "{text}");
        }
    }

    #[test]
    fn bylines_without_dateline() {
        assert_eq!(parse("本报记者 王五").reporters, vec!["王五"]);
        assert_eq!(parse("文/李四").reporters, vec!["李四"]);
        assert_eq!(parse("记者 张三 报道").reporters, vec!["张三"]);
        assert_eq!(parse("本报记者 王五").dateline, None);
    }

    #[test]
    fn unglue_needs_a_headline_and_a_dateline() {
        // An agency dateline glued to a headline, its tail on the next line.
        assert_eq!(
            unglue("机制 据新华\n社太原2月11日电 记者\n"),
            "机制\n据新华社太原2月11日电 记者\n"
        );
        // Justified letters are one line, not two blocks.
        let spread = "新 华 社 北 京\n2 月 11 日 电\n";
        assert_eq!(unglue(spread), spread);
        // A sentence that ends before the space is prose.
        let prose = "他说。 本报记者\n走访了多家企业，\n";
        assert_eq!(unglue(prose), prose);
        // The tail must open a dateline with the next line.
        let plain = "开拓创新 本领强\n遇事才不慌\n";
        assert_eq!(unglue(plain), plain);
    }

    #[test]
    fn quoted_agency_is_not_a_dateline() {
        assert_eq!(
            parse("据新华社太原2月11日电 (记者吕小琪)记者").dateline,
            None
        );
        assert_eq!(parse("记者从会上获悉，今年将开展活动。"), Byline::default());
    }
}
