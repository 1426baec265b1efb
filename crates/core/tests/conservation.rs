//! "Nothing lost": every non-whitespace character of the input is somewhere in
//! the restored page — in an article's headline, paragraphs or captions, in a
//! block, or in `dropped` — at least as many times as it occurs in the input.
//!
//! `dateline` and `reporters` are copies of text that is in the paragraphs (and
//! `photographers` of text in the credit), so they do not count. A
//! `normalized` entry of `dropped` holds the original code point (a Kangxi
//! radical) while the output holds the ideograph it was mapped to: both
//! count, which is fine for "input ⊆ output".

use std::collections::HashMap;

use banmian::Page;
use proptest::prelude::*;

/// Characters that count as whitespace: Unicode white space, plus the
/// zero-width characters that normalisation removes silently.
fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{180E}' | '\u{FEFF}'
        )
}

type Counts = HashMap<char, usize>;

fn count_into(counts: &mut Counts, s: &str) {
    for c in s.chars().filter(|&c| !is_blank(c)) {
        *counts.entry(c).or_default() += 1;
    }
}

/// The non-whitespace characters of `text`, counted.
fn input_counts(text: &str) -> Counts {
    let mut counts = Counts::new();
    count_into(&mut counts, text);
    counts
}

/// The characters of every field of `page` that holds page text, counted.
fn output_counts(page: &Page) -> Counts {
    let mut counts = Counts::new();
    for article in &page.articles {
        for s in article
            .kicker
            .iter()
            .chain(&article.title)
            .chain(&article.subtitles)
        {
            count_into(&mut counts, s);
        }
        for p in &article.paragraphs {
            count_into(&mut counts, p);
        }
        for caption in &article.captions {
            count_into(&mut counts, &caption.text);
            if let Some(credit) = &caption.credit {
                count_into(&mut counts, credit);
            }
        }
    }
    for block in &page.blocks {
        count_into(&mut counts, &block.text);
    }
    for dropped in &page.dropped {
        count_into(&mut counts, &dropped.text);
    }
    counts
}

/// The characters of `text` missing from the restored page, as
/// `(char, in input, in output)`, sorted; empty when nothing was lost.
fn missing(text: &str) -> Vec<(char, usize, usize)> {
    let mut page = banmian::restore(text, "prop.txt");
    // The pipeline's backstop lists unplaced text as dropped; the stages
    // must not need it, so that text counts as lost here.
    page.dropped
        .retain(|d| d.reason != banmian::DropReason::Unplaced);
    let output = output_counts(&page);
    let mut lost: Vec<(char, usize, usize)> = input_counts(text)
        .into_iter()
        .filter_map(|(c, n)| {
            let m = output.get(&c).copied().unwrap_or(0);
            (m < n).then_some((c, n, m))
        })
        .collect();
    lost.sort_unstable();
    lost
}

fn assert_conserved(text: &str) -> Result<(), TestCaseError> {
    let lost = missing(text);
    prop_assert!(
        lost.is_empty(),
        "characters lost (char, in input, in output): {:?}\ninput: {:?}",
        lost,
        text
    );
    Ok(())
}

// ---- generators of newspaper-like text ----

/// Common ideographs; a small pool, so that repeats (doubled lines, shared
/// headline words) happen often.
const HANZI: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

const PUNCT: &str = "。，“”（）、：；！？《》";

const LATIN: &[&str] = &[
    "GDP", "COVID-19", "APP", "5G", "PM2.5", "the", "A", "iPhone",
];

fn pick(pool: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = pool.chars().collect();
    prop::sample::select(chars).prop_map(String::from)
}

/// One token of running text.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => pick(HANZI),
        3 => pick(PUNCT),
        1 => prop::char::range('0', '9').prop_map(String::from),
        1 => prop::sample::select(LATIN).prop_map(String::from),
        1 => Just("\u{3000}".to_string()),
        1 => Just(" ".to_string()),
        // Kangxi radicals, which normalisation maps to ideographs.
        1 => prop::char::range('\u{2F00}', '\u{2FD5}').prop_map(String::from),
    ]
}

/// Running text of `len` tokens.
fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(token(), len).prop_map(|t| t.concat())
}

/// A person's name of two or three ideographs.
fn name() -> BoxedStrategy<String> {
    prop::collection::vec(pick(HANZI), 2..=3)
        .prop_map(|t| t.concat())
        .boxed()
}

fn page_no() -> impl Strategy<Value = u32> {
    1u32..=16
}

/// One line of a page as a text extractor may give it.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => text(0..30),
        2 => Just(String::new()),
        1 => text(1..20).prop_map(|t| format!("\u{3000}\u{3000}{t}")),
        1 => text(1..20).prop_map(|t| format!("  {t}  ")),
        1 => page_no().prop_map(|n| format!("（下转{n}版）")),
        1 => page_no().prop_map(|n| format!("（上接{n}版）")),
        1 => (text(1..15), page_no()).prop_map(|(t, n)| format!("{t}（下转{n}版）")),
        1 => name().prop_map(|n| format!("记者 {n} 摄")),
        1 => (text(1..20), name()).prop_map(|(t, n)| format!("{t} 记者 {n} 摄")),
        1 => text(1..12).prop_map(|t| format!("{t}{t}")),
        1 => (name(), text(0..20)).prop_map(|(n, t)| format!("本报讯（记者 {n}）{t}")),
        1 => (name(), name(), 1u32..=12, 1u32..=31, text(0..20))
            .prop_map(|(a, b, m, d, t)| format!("本报讯（记者 {a} 通讯员 {b}）{m}月{d}日，{t}")),
        1 => name().prop_map(|n| format!("责任编辑 {n}")),
        1 => page_no().prop_map(|n| format!("第{n}版 要闻")),
        1 => Just("2020年4月30日 星期四".to_string()),
    ]
}

/// A page: lines joined by line breaks (sometimes CRLF), maybe without a
/// final one.
fn page_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..40),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, final_break)| {
            let sep = if crlf { "\r\n" } else { "\n" };
            let mut s = lines.join(sep);
            if final_break {
                s.push_str(sep);
            }
            s
        })
}

/// A layout-mode page (`pdftotext -layout`): rows of pieces of lines set
/// side by side, padded with runs of spaces, some rows blank.
fn layout_text() -> impl Strategy<Value = String> {
    let piece = (0usize..8, line()).prop_map(|(pad, l)| format!("{}{l}", " ".repeat(pad)));
    let row = prop_oneof![
        1 => Just(String::new()),
        6 => prop::collection::vec(piece, 1..5).prop_map(|pieces| pieces.join("    ")),
    ];
    prop::collection::vec(row, 10..60).prop_map(|rows| rows.join("\n"))
}

proptest! {
    // No regression files: a failure prints its minimal input instead.
    // 256 cases a property, unless PROPTEST_CASES asks for more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn newspaper_like_text_is_conserved(text in page_text()) {
        assert_conserved(&text)?;
    }

    #[test]
    fn layout_mode_text_is_conserved(text in layout_text()) {
        // Only pages that the layout stage reads column by column.
        prop_assume!(banmian::layout::is_layout(&text));
        assert_conserved(&text)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let page = banmian::restore(&text, "any.txt");
        prop_assert_eq!(page.schema.as_str(), banmian::SCHEMA);
    }

    #[test]
    fn arbitrary_lines_are_conserved(lines in prop::collection::vec(".{0,30}", 0..20)) {
        assert_conserved(&lines.join("\n"))?;
    }
}

#[test]
fn sample_page_is_conserved() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/beibei-2020-04-30-p1.txt"
    );
    let text = std::fs::read_to_string(path).expect("reading the sample page");
    let lost = missing(&text);
    assert!(
        lost.is_empty(),
        "characters lost (char, in input, in output): {lost:?}"
    );
}

#[test]
fn counting_ignores_whitespace_and_counts_repeats() {
    let counts = input_counts("甲 甲\u{3000}乙\n\u{200B}");
    assert_eq!(counts.get(&'甲'), Some(&2));
    assert_eq!(counts.get(&'乙'), Some(&1));
    assert_eq!(counts.len(), 2);
}

#[test]
fn empty_input_loses_nothing() {
    assert!(missing("").is_empty());
    assert!(missing("\n \u{3000}\r\n").is_empty());
}
