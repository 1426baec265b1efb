//! Photo captions: lines carrying a photo credit (记者 X 摄, X 摄, 新华社发,
//! 新华社记者 X 摄) or introduced by 图为. The caption's earlier lines are the
//! ones set with it in the same small block.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Caption;
use crate::sheet::{Role, Sheet};
use crate::text::join_lines;

/// A credit at the end of a line. The name must be set off (by a space, a
/// parenthesis, the line start or a 记者 title) so that prose ending in
/// 拍摄 does not match.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: ^ | \s | [（(。！？] )
        (
          (?: (?:本报|新华社|人民日报|中新社)? (?:特约)? (?:摄影记者|记者|通讯员|摄影) \s* )?
          \p{Han}{2,4} (?: (?:\s*[、，,]\s*|\s+) \p{Han}{2,4} )* \s* 摄 (?:影)?
          | (?:新华社|本报|中新社)(?:记者\s*\p{Han}{2,4}\s*)?发
          | 资料图片 | 新华社发
        )
        [）)]? \s* $",
    )
    .expect("valid regex")
});
static NAME_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(本报|新华社|人民日报|中新社)?(特约)?(摄影记者|记者|通讯员|摄影)?")
        .expect("valid regex")
});
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(图为|上图|下图|左图|右图|图\s*[①②③④⑤⑥⑦⑧⑨\d]*\s*[：:])").expect("valid regex")
});

/// Characters of grammar that no personal name holds.
const NOT_IN_NAMES: [char; 10] = ['的', '了', '是', '我', '你', '他', '她', '们', '这', '那'];

/// Most lines a caption runs over.
const MAX_CAPTION_LINES: usize = 4;

/// Splits a credit off the end of `text`: (caption text, credit).
///
/// ```
/// use banmian::caption::split_credit;
/// let (text, credit) = split_credit("大会召开。 记者 秦廷富 摄").unwrap();
/// assert_eq!((text, credit), ("大会召开。", "记者 秦廷富 摄"));
/// assert!(split_credit("他们正在拍摄").is_none());
/// ```
pub fn split_credit(text: &str) -> Option<(&str, &str)> {
    // A credit ends the line: check that before running the pattern.
    let last = text
        .trim_end()
        .trim_end_matches(['）', ')'])
        .chars()
        .next_back()?;
    if !matches!(last, '摄' | '影' | '发' | '片') {
        return None;
    }
    let c = CREDIT.captures(text)?;
    let credit = c.get(1)?;
    let whole = c.get(0)?;
    // Prose that wraps inside a word (`…发展。我的摄 / 像机…`) is no
    // credit: no name holds such a word.
    if photographers(credit.as_str())
        .iter()
        .any(|name| name.contains(NOT_IN_NAMES))
    {
        return None;
    }
    // A credit in parentheses keeps its opening parenthesis.
    let start = match text[..credit.start()].chars().last() {
        Some(c @ ('（' | '(')) => credit.start() - c.len_utf8(),
        _ => credit.start(),
    };
    Some((text[..start].trim(), text[start..whole.end()].trim()))
}

/// The people named in a credit.
///
/// ```
/// use banmian::caption::photographers;
/// assert_eq!(photographers("本报记者 张三、李四摄"), vec!["张三", "李四"]);
/// assert!(photographers("新华社发").is_empty());
/// ```
pub fn photographers(credit: &str) -> Vec<String> {
    let inner = credit.trim_matches(['（', '）', '(', ')']);
    if inner.ends_with('发') || inner == "资料图片" {
        return Vec::new();
    }
    let inner = inner.trim_end_matches('影').trim_end_matches('摄');
    let inner = NAME_PREFIX.replace(inner.trim(), "");
    inner
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .map(|s| NAME_PREFIX.replace(s, "").to_string())
        .filter(|s| s.chars().count() >= 2)
        .collect()
}

/// Marks caption lines and records the captions.
pub fn run(sheet: &mut Sheet) {
    for i in 0..sheet.lines.len() {
        // Where the page's drawing is known, it has found the captions (by
        // their photo); a `图为…` sentence in the body is body text there.
        if sheet.lines[i].role != Role::Body || sheet.lines[i].geom.is_some() {
            continue;
        }
        let has_credit = split_credit(&sheet.lines[i].text).is_some();
        if !has_credit && !FIGURE.is_match(&sheet.lines[i].text) {
            continue;
        }
        let first = if has_credit {
            caption_start(sheet, i)
        } else {
            i
        };
        let caption = of_lines(&sheet.lines[first..=i]);
        for line in &mut sheet.lines[first..=i] {
            line.role = Role::Caption;
        }
        sheet.captions.push((first, caption));
    }
}

/// The caption printed on `lines`: their text joined, its credit split
/// off, its box theirs (for input with geometry).
pub(crate) fn of_lines(lines: &[crate::sheet::Line]) -> Caption {
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let joined = join_lines(&texts);
    let bbox = crate::sheet::bbox_of(lines);
    match split_credit(&joined) {
        Some((text, credit)) => Caption {
            text: text.to_string(),
            credit: Some(credit.to_string()),
            photographers: photographers(credit),
            bbox,
        },
        None => Caption {
            text: joined,
            credit: None,
            photographers: Vec::new(),
            bbox,
        },
    }
}

/// The first line of the caption that ends at `end`: the start of its
/// block, when the block is small enough to be a caption.
fn caption_start(sheet: &Sheet, end: usize) -> usize {
    let mut first = end;
    while first > 0
        && !sheet.lines[first].gap_before
        && end - first + 1 < MAX_CAPTION_LINES
        && sheet.lines[first - 1].role == Role::Body
    {
        first -= 1;
    }
    if sheet.lines[first].gap_before || first == 0 || sheet.lines[first - 1].role != Role::Body {
        first
    } else {
        unparted_start(sheet, end)
    }
}

/// With no blank line to mark it (MuPDF, `pdftotext -raw`), a caption's
/// block starts after the nearest line above it that ends a sentence or is
/// far narrower than the block (a headline's short last line): running
/// text does neither for long. A line far wider than a block of two lines
/// or more (a headline's) stands apart from it too; one line may be only a
/// caption's short tail.
fn unparted_start(sheet: &Sheet, end: usize) -> usize {
    let width = |k: usize| sheet.lines[k].width;
    let own_caption = split_credit(&sheet.lines[end].text)
        .is_some_and(|(text, _)| text.chars().count() >= MIN_OWN_CAPTION);
    for first in (end.saturating_sub(MAX_CAPTION_LINES - 1)..end).rev() {
        // A credit line that holds a caption of its own is not the tail of
        // a far wider line above it (a headline's).
        if own_caption && width(first) > WIDER_THAN_LAST * width(end) {
            break;
        }
        let Some(before) = first.checked_sub(1).map(|k| &sheet.lines[k]) else {
            return first;
        };
        let block = (first..end).map(width).fold(0.0, f32::max);
        if before.role != Role::Body
            || crate::text::ends_sentence(&before.text)
            || before.width < SHORT_BEFORE * block
            || (end - first >= 2 && before.width > WIDER_THAN_LAST * block)
        {
            return first;
        }
    }
    end
}

/// A line narrower than this share of a caption block's width ends what
/// stood above the block.
const SHORT_BEFORE: f32 = 0.75;
/// How much wider than the credit's line a caption's other lines can be,
/// when that line holds a caption of its own (and how much wider than a
/// block a line above it stands apart).
const WIDER_THAN_LAST: f32 = 1.5;
/// Characters of caption before the credit that make a caption of its own.
const MIN_OWN_CAPTION: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_variants() {
        for (line, names) in [
            ("会议召开。 记者 秦廷富 摄", vec!["秦廷富"]),
            ("会场一角。本报记者 王五摄", vec!["王五"]),
            ("游客在赏花。 新华社记者 李明 摄", vec!["李明"]),
            ("游客在赏花。（新华社发）", vec![]),
            ("孩子们在玩耍。 张三 李四 摄", vec!["张三", "李四"]),
        ] {
            let (_, credit) = split_credit(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(photographers(credit), names, "{line}");
        }
    }

    #[test]
    fn prose_is_not_a_credit() {
        assert!(split_credit("记者在现场进行了拍摄").is_none());
        // `摄像机` wrapped after its first character.
        assert!(split_credit("“教培中心关乎发展。我的摄").is_none());
        assert!(split_credit("正 在 进 行 拍 摄").is_none());
    }

    #[test]
    fn caption_block_without_blank_lines() {
        // MuPDF and `-raw` keep no blank lines: the block starts after the
        // sentence that ends above it.
        let mut s = Sheet::from_text(
            "前面还有一段正文的内容\n继续写着正文的内容，\n正文在这里结束了。\n4月28日，中共重庆市北碚\n区全会召开。 记者 秦廷富 摄\n下一篇。",
        );
        run(&mut s);
        assert_eq!(s.captions[0].1.text, "4月28日，中共重庆市北碚区全会召开。");
        // Or after a line far wider than it (a headline's), and the credit
        // may stand on a line of its own.
        let mut s = Sheet::from_text(
            "前面还有一段正文的内容\n继续写着正文的内容，\n全会审议通过关于发挥三区叠加优势承接落实三个作用推动双城经济圈建设的决定和全会决议\n4月28日，中共重庆市北碚\n区全会在北碚召开。\n记者 秦廷富 摄\n下一篇。",
        );
        run(&mut s);
        assert_eq!(
            s.captions[0].1.text,
            "4月28日，中共重庆市北碚区全会在北碚召开。"
        );
        assert_eq!(s.lines[2].role, Role::Body);
        // A caption whole on the credit's line is not the tail of a far
        // wider line above it.
        let mut s = Sheet::from_text(
            "前面还有一段正文的内容\n继续写着正文的内容，\n还在继续写着正文的内容\n全会审议通过关于发挥三区叠加优势承接落实三个作用推动双城经济圈建设的决定和全会决议\n4月28日，北碚区全会召开。 记者 秦廷富 摄\n下一篇。",
        );
        run(&mut s);
        assert_eq!(s.captions[0].1.text, "4月28日，北碚区全会召开。");
        assert_eq!(s.lines[3].role, Role::Body);
    }

    #[test]
    fn caption_block_over_lines() {
        let mut s = Sheet::from_text(
            "正文结束。\n\n4月28日，中共重庆市北碚\n区全会召开。 记者 秦廷富 摄\n\n下一篇。",
        );
        run(&mut s);
        assert_eq!(s.captions.len(), 1);
        let (first, cap) = &s.captions[0];
        assert_eq!(*first, 1);
        assert_eq!(cap.text, "4月28日，中共重庆市北碚区全会召开。");
        assert_eq!(cap.photographers, vec!["秦廷富"]);
        assert_eq!(s.lines[0].role, Role::Body);
    }
}
