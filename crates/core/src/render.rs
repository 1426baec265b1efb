//! Markdown and plain-text renderings of a page.
//!
//! Both renderings show the articles in reading order and then the page's
//! blocks (banners, masthead, …). Neither shows `dropped`: that is the
//! accounting of what was deliberately left out, and lives in the JSON.
//!
//! Markdown, per article:
//!
//! ```text
//! *kicker*
//!
//! # title
//!
//! ## subtitle
//!
//! *dateline · reporters · date · 上接1版 · 下转3版*
//!
//! paragraph
//!
//! > caption — credit
//! ```
//!
//! Articles are separated by a horizontal rule (`---`); an untitled article
//! simply has no heading. The blocks follow under `## Page blocks`, one list
//! item each (`- banner: text`).
//!
//! Plain text, per article: the headline lines (kicker, title, subtitles), a
//! blank line, the paragraphs separated by blank lines (with `（上接N版）` before
//! and `（下转N版）` after, as printed), and the captions as `【图】text credit`.
//! Articles are separated by two blank lines, and the blocks follow last, one
//! per line.

use crate::model::{Article, BlockKind, Page};

/// Separator between the items of an article's metadata line.
const META_SEP: &str = " · ";

/// Renders `page` as Markdown (CommonMark).
///
/// ```
/// let page = banmian::restore("本报讯（记者 王五）5月1日，大会召开。\n", "a.txt");
/// let md = banmian::render::to_markdown(&page);
/// assert!(md.contains("本报讯（记者 王五）5月1日，大会召开。"));
/// ```
pub fn to_markdown(page: &Page) -> String {
    let mut sections: Vec<String> = page.articles.iter().map(article_markdown).collect();
    if !page.blocks.is_empty() {
        let mut s = String::from("## Page blocks\n\n");
        for block in &page.blocks {
            s.push_str("- ");
            s.push_str(kind_name(block.kind));
            s.push_str(": ");
            s.push_str(&md_inline(&block.text));
            s.push('\n');
        }
        sections.push(s);
    }
    sections.retain(|s| !s.is_empty());
    sections.join("\n---\n\n")
}

/// Renders `page` as plain text.
///
/// ```
/// let page = banmian::restore("本报讯（记者 王五）5月1日，大会召开。\n", "a.txt");
/// let text = banmian::render::to_text(&page);
/// assert!(text.contains("本报讯（记者 王五）5月1日，大会召开。"));
/// ```
pub fn to_text(page: &Page) -> String {
    let mut sections: Vec<String> = page.articles.iter().map(article_text).collect();
    if !page.blocks.is_empty() {
        let mut s = String::new();
        for block in &page.blocks {
            s.push_str(&one_line(&block.text));
            s.push('\n');
        }
        sections.push(s);
    }
    sections.retain(|s| !s.is_empty());
    sections.join("\n\n")
}

/// One article as Markdown, ending with a newline (empty if it has nothing).
fn article_markdown(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(kicker) = nonblank(&article.kicker) {
        parts.push(format!("*{}*", md_inline(kicker)));
    }
    if let Some(title) = nonblank(&article.title) {
        parts.push(format!("# {}", md_inline(title)));
    }
    for subtitle in article.subtitles.iter().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("## {}", md_inline(subtitle)));
    }
    let meta = metadata(article);
    if !meta.is_empty() {
        let meta: Vec<String> = meta.iter().map(|m| md_inline(m)).collect();
        parts.push(format!("*{}*", meta.join(META_SEP)));
    }
    for paragraph in article.paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        parts.push(md_block(paragraph));
    }
    for caption in &article.captions {
        let mut line = md_inline(&caption.text);
        if let Some(credit) = nonblank(&caption.credit) {
            if !line.is_empty() {
                line.push_str(" — ");
            }
            line.push_str(&md_inline(credit));
        }
        if !line.is_empty() {
            parts.push(format!("> {line}"));
        }
    }
    join_parts(parts)
}

/// One article as plain text, ending with a newline (empty if it has nothing).
fn article_text(article: &Article) -> String {
    let mut heads: Vec<String> = Vec::new();
    if let Some(kicker) = nonblank(&article.kicker) {
        heads.push(one_line(kicker));
    }
    if let Some(title) = nonblank(&article.title) {
        heads.push(one_line(title));
    }
    for subtitle in article.subtitles.iter().filter(|s| !s.trim().is_empty()) {
        heads.push(one_line(subtitle));
    }
    let mut parts: Vec<String> = Vec::new();
    if !heads.is_empty() {
        parts.push(heads.join("\n"));
    }
    if let Some(from) = nonblank(&article.continued_from) {
        parts.push(format!("（上接{}版）", one_line(from)));
    }
    for paragraph in article.paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        parts.push(paragraph.trim().to_string());
    }
    if let Some(to) = nonblank(&article.continued_to) {
        parts.push(format!("（下转{}版）", one_line(to)));
    }
    for caption in &article.captions {
        let mut line = one_line(&caption.text);
        if let Some(credit) = nonblank(&caption.credit) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&one_line(credit));
        }
        if !line.is_empty() {
            parts.push(format!("【图】{line}"));
        }
    }
    join_parts(parts)
}

/// The items of an article's metadata line: dateline, reporters, date and
/// jump links, those that are present.
fn metadata(article: &Article) -> Vec<String> {
    let mut meta = Vec::new();
    if let Some(dateline) = nonblank(&article.dateline) {
        meta.push(one_line(dateline));
    }
    let reporters: Vec<String> = article
        .reporters
        .iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| one_line(r))
        .collect();
    if !reporters.is_empty() {
        meta.push(reporters.join("、"));
    }
    if let Some(date) = nonblank(&article.date) {
        meta.push(one_line(date));
    }
    if let Some(from) = nonblank(&article.continued_from) {
        meta.push(format!("上接{}版", one_line(from)));
    }
    if let Some(to) = nonblank(&article.continued_to) {
        meta.push(format!("下转{}版", one_line(to)));
    }
    meta
}

/// Joins an article's parts with blank lines; empty when there are none.
fn join_parts(parts: Vec<String>) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        parts.join("\n\n") + "\n"
    }
}

/// The string inside `field` when it has any non-whitespace text.
fn nonblank(field: &Option<String>) -> Option<&str> {
    field.as_deref().filter(|s| !s.trim().is_empty())
}

/// The name of a block kind as in the JSON.
fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Banner => "banner",
        BlockKind::Masthead => "masthead",
        BlockKind::Date => "date",
        BlockKind::Page => "page",
        BlockKind::Editor => "editor",
        BlockKind::Teaser => "teaser",
        BlockKind::Other => "other",
    }
}

/// `s` trimmed, with every run of whitespace that holds a line break
/// replaced by one space, so it fits on one line.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = String::new();
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if !pending.is_empty() {
            if pending.contains(['\n', '\r']) {
                out.push(' ');
            } else {
                out.push_str(&pending);
            }
            pending.clear();
        }
        out.push(c);
    }
    out
}

/// `s` as one line of Markdown inline text: line breaks folded, Markdown
/// punctuation escaped, and a leading list or heading marker neutralised.
fn md_inline(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    escape_line_start(out)
}

/// A paragraph as a Markdown block: each of its lines escaped like
/// [`md_inline`], so that a stray line break stays inside the paragraph.
fn md_block(s: &str) -> String {
    s.trim()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(md_inline)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes what would make a line a list item, a thematic break, a
/// setext underline or a code block: a leading `-`, `+`, `=`, or digits
/// followed by `.` or `)`.
fn escape_line_start(line: String) -> String {
    let first = line.chars().next();
    match first {
        Some('-' | '+' | '=') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some('.' | ')') => format!("{}\\{}", &line[..digits], &line[digits..]),
                _ => line,
            }
        }
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Caption, DropReason, Dropped};

    fn lead() -> Article {
        Article {
            kicker: Some("中共重庆市北碚区委十二届八次全会召开".into()),
            title: Some("深入贯彻习近平总书记重要讲话精神".into()),
            subtitles: vec![
                "区委常委会主持会议 周旭讲话".into(),
                "全会审议通过决定".into(),
            ],
            dateline: Some("本报讯（记者 邓公平）".into()),
            reporters: vec!["邓公平".into()],
            date: Some("2020-04-28".into()),
            paragraphs: vec![
                "本报讯（记者 邓公平）4月28日，全会召开。".into(),
                "全会由区委常委会主持。".into(),
            ],
            captions: vec![Caption {
                text: "全会现场。".into(),
                credit: Some("记者 秦廷富 摄".into()),
                photographers: vec!["秦廷富".into()],
                bbox: None,
            }],
            continued_to: Some("3".into()),
            continued_from: None,
            ..Article::default()
        }
    }

    fn untitled() -> Article {
        Article {
            paragraphs: vec!["春耕正忙。".into()],
            continued_from: Some("1".into()),
            ..Article::default()
        }
    }

    fn page() -> Page {
        Page {
            articles: vec![lead(), untitled()],
            blocks: vec![
                Block {
                    kind: BlockKind::Masthead,
                    text: "北碚报".into(),
                    bbox: None,
                },
                Block {
                    kind: BlockKind::Banner,
                    text: "众志成城 抗击疫情".into(),
                    bbox: None,
                },
            ],
            dropped: vec![Dropped {
                text: "（下转3版）".into(),
                reason: DropReason::Jump,
            }],
            ..Page::empty("p1.txt")
        }
    }

    #[test]
    fn markdown_of_a_page() {
        let expected = "\
*中共重庆市北碚区委十二届八次全会召开*

# 深入贯彻习近平总书记重要讲话精神

## 区委常委会主持会议 周旭讲话

## 全会审议通过决定

*本报讯（记者 邓公平） · 邓公平 · 2020-04-28 · 下转3版*

本报讯（记者 邓公平）4月28日，全会召开。

全会由区委常委会主持。

> 全会现场。 — 记者 秦廷富 摄

---

*上接1版*

春耕正忙。

---

## Page blocks

- masthead: 北碚报
- banner: 众志成城 抗击疫情
";
        assert_eq!(to_markdown(&page()), expected);
    }

    #[test]
    fn text_of_a_page() {
        let expected = "\
中共重庆市北碚区委十二届八次全会召开
深入贯彻习近平总书记重要讲话精神
区委常委会主持会议 周旭讲话
全会审议通过决定

本报讯（记者 邓公平）4月28日，全会召开。

全会由区委常委会主持。

（下转3版）

【图】全会现场。 记者 秦廷富 摄


（上接1版）

春耕正忙。


北碚报
众志成城 抗击疫情
";
        assert_eq!(to_text(&page()), expected);
    }

    #[test]
    fn empty_page_renders_empty() {
        let page = Page::empty("empty.txt");
        assert_eq!(to_markdown(&page), "");
        assert_eq!(to_text(&page), "");
    }

    #[test]
    fn empty_articles_leave_no_stray_rules() {
        let page = Page {
            articles: vec![Article::default(), untitled(), Article::default()],
            ..Page::empty("x")
        };
        assert_eq!(to_markdown(&page), "*上接1版*\n\n春耕正忙。\n");
        assert_eq!(to_text(&page), "（上接1版）\n\n春耕正忙。\n");
    }

    #[test]
    fn caption_without_credit_and_credit_without_text() {
        let article = Article {
            captions: vec![
                Caption {
                    text: "江边晨景。".into(),
                    ..Caption::default()
                },
                Caption {
                    text: String::new(),
                    credit: Some("记者 张三 摄".into()),
                    photographers: vec!["张三".into()],
                    bbox: None,
                },
            ],
            ..Article::default()
        };
        let page = Page {
            articles: vec![article],
            ..Page::empty("x")
        };
        assert_eq!(to_markdown(&page), "> 江边晨景。\n\n> 记者 张三 摄\n");
        assert_eq!(to_text(&page), "【图】江边晨景。\n\n【图】记者 张三 摄\n");
    }

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        let article = Article {
            title: Some("C# *重点* 项目\n第二行".into()),
            paragraphs: vec![
                "1. 第一条".into(),
                "- 不是列表".into(),
                "# 不是标题".into(),
                "---".into(),
            ],
            ..Article::default()
        };
        let page = Page {
            articles: vec![article],
            ..Page::empty("x")
        };
        let md = to_markdown(&page);
        assert_eq!(
            md,
            "# C\\# \\*重点\\* 项目 第二行\n\n1\\. 第一条\n\n\\- 不是列表\n\n\\# 不是标题\n\n\\---\n"
        );
    }

    #[test]
    fn one_line_folds_only_line_breaks() {
        assert_eq!(one_line("  甲 乙\n  丙\r\n丁 "), "甲 乙 丙 丁");
        assert_eq!(one_line("甲\u{3000}乙"), "甲\u{3000}乙");
    }
}
