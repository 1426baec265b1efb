//! Text helpers every stage shares: sentence ends, joining wrapped lines,
//! removing justification spaces, bracket depth. The lowest module of the
//! core after [`crate::measure`]: it knows characters, not pages.

use crate::measure::is_wide;

/// Sentence-final punctuation (the semicolon too: it closes a clause that
/// can end a paragraph's last line).
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '!' | '?' | '；')
}

/// Closing quotes and brackets that may follow a sentence end.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | '」' | '』' | '》' | ')' | '"' | '\'' | '】'
    )
}

/// Whether `text` ends a sentence (。！？… possibly followed by closers).
///
/// ```
/// use banmian::text::ends_sentence;
/// assert!(ends_sentence("他说：“好。”"));
/// assert!(!ends_sentence("协同创新高"));
/// ```
pub fn ends_sentence(text: &str) -> bool {
    let mut chars = text.trim_end().chars().rev().skip_while(|&c| is_closer(c));
    chars.next().is_some_and(is_stop)
}

/// Joins wrapped lines: no space between CJK characters, one space between
/// Latin words. Hyphens are kept (see [`join_counted`] to mend words).
///
/// ```
/// use banmian::text::join_lines;
/// assert_eq!(join_lines(&["协同创新高", "地、民营"]), "协同创新高地、民营");
/// assert_eq!(join_lines(&["open", "source"]), "open source");
/// assert_eq!(join_lines(&["截至201", "9年底"]), "截至2019年底");
/// assert_eq!(join_lines(&["inter-", "national"]), "inter-national");
/// ```
pub fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        push_joined(&mut out, line, false);
    }
    out
}

/// Joins wrapped paragraph lines like [`join_lines`], mending a Latin word
/// hyphenated at a line end; returns how many hyphens were removed (the
/// caller lists them in `dropped`, so nothing is lost).
///
/// ```
/// use banmian::text::join_counted;
/// assert_eq!(join_counted(&["inter-", "national"]), ("international".to_string(), 1));
/// assert_eq!(join_counted(&["2019-", "2020"]), ("2019-2020".to_string(), 0));
/// ```
pub fn join_counted(lines: &[&str]) -> (String, usize) {
    let mut out = String::new();
    let mut hyphens = 0;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        hyphens += usize::from(push_joined(&mut out, line, true));
    }
    (out, hyphens)
}

/// Appends `line` to `out` as the continuation of a wrapped line; with
/// `mend`, a hyphen ending `out` between letters is removed (returns true).
pub fn push_joined(out: &mut String, line: &str, mend: bool) -> bool {
    let (Some(last), Some(first)) = (out.chars().last(), line.chars().next()) else {
        out.push_str(line);
        return false;
    };
    if mend && last == '-' && first.is_ascii_lowercase() && out.len() > 1 {
        let before = out[..out.len() - 1].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphabetic()) {
            out.pop();
            out.push_str(line);
            return true;
        }
    }
    // Words wrapped between lines get a space; a number wrapped between its
    // digits does not (`201` / `9年` is 2019).
    let digits = last.is_ascii_digit() && first.is_ascii_digit();
    if !is_wide(last)
        && !is_wide(first)
        && last.is_ascii_alphanumeric()
        && first.is_ascii_alphanumeric()
        && !digits
    {
        out.push(' ');
    }
    out.push_str(line);
    false
}

/// Removes the spaces an extractor put between the letters of a justified
/// CJK line (`数 据 显 示 ，`), keeping spaces that separate words.
///
/// A line spaced throughout loses every space but those between Latin
/// words. In a line spaced only in part (`人 民 网 网 址 ：http://…`,
/// `本报记者 李 四摄`), a space goes where it stands between two CJK
/// characters and one of the pieces it separates is a single character:
/// justification spreads letters, while a real space separates words
/// (`讲文明 树新风`) or numbers (`第 28403 期`). A single character at the
/// line's start or end does not count (`…日电 应` wrapped after `应`).
///
/// ```
/// use banmian::text::unspace;
/// assert_eq!(unspace("数 据 显 示 ， 截 至 2015 年"), "数据显示，截至2015年");
/// assert_eq!(unspace("讲文明 树新风"), "讲文明 树新风");
/// assert_eq!(unspace("本报记者 李 四摄"), "本报记者李四摄");
/// assert_eq!(unspace("第 28403 期"), "第 28403 期");
/// ```
pub fn unspace(text: &str) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let gaps = chars
        .windows(2)
        .filter(|w| w[0] != ' ' && w[1] == ' ')
        .count();
    let letters = chars.iter().filter(|c| !c.is_whitespace()).count();
    // Spaced-out text has a space after most characters.
    let throughout = gaps >= 3 && gaps * 2 >= letters;
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != ' ' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = i + chars[i..].iter().take_while(|c| **c == ' ').count();
        let (prev, next) = (i.checked_sub(1).map(|p| chars[p]), chars.get(end).copied());
        let keep = if throughout {
            // Kept as one only between two Latin words.
            prev.is_some_and(|c| c.is_ascii_alphabetic())
                && next.is_some_and(|c| c.is_ascii_alphabetic())
        } else {
            // A single character between two spaces: at a line's start or
            // end it may be a word the line wrapped at, not a spread one.
            let single_before = i >= 2 && chars[i - 2] == ' ';
            let single_after = end + 1 < chars.len() && chars[end + 1] == ' ';
            let cjk = |c: Option<char>| c.is_some_and(is_wide);
            !(end - i == 1 && cjk(prev) && cjk(next) && (single_before || single_after))
        };
        if keep {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    out
}

/// Brackets and quotes opened minus closed in `text`.
pub fn bracket_depth(text: &str) -> i32 {
    text.chars()
        .map(|c| match c {
            '《' | '（' | '(' | '“' | '「' | '【' | '‘' => 1,
            '》' | '）' | ')' | '”' | '」' | '】' | '’' => -1,
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn justification_spaces_go_and_real_spaces_stay() {
        assert_eq!(
            unspace("新 华 社 上 海 3 月 2 日 电 （记 者 王 小 明）"),
            "新华社上海3月2日电（记者王小明）"
        );
        assert_eq!(unspace("本报记者 李 四摄"), "本报记者李四摄");
        assert_eq!(
            unspace("人 民 网 网 址 ：http://www.example.cn"),
            "人民网网址：http://www.example.cn"
        );
        // Spaces between words, numbers and Latin text are the page's own.
        for kept in [
            "CN 11-0065",
            "代号 1-1",
            "第 28403 期",
            "讲文明 树新风",
            "open source 软件",
            "本报北京2月11日电 （记者王五）",
        ] {
            assert_eq!(unspace(kept), kept);
        }
    }

    #[test]
    fn bracket_depth_counts_open_brackets_and_quotes() {
        assert_eq!(bracket_depth("（记者“王五"), 2);
        assert_eq!(bracket_depth("（记者王五）"), 0);
        assert_eq!(bracket_depth("五）"), -1);
    }
}
