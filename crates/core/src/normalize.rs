//! Character normalisation: the first thing done to decoded page text.
//!
//! [`normalize`] makes one pass over the characters and fixes what text
//! extractors break at the level of single code points, without touching how
//! the page was printed:
//!
//! - line ends: CRLF and lone CR become LF; vertical tab, form feed (the page
//!   break of `pdftotext`), U+0085, U+2028 and U+2029 also become LF;
//! - spaces: NBSP, U+1680, U+2000..=U+200A, U+202F and U+205F become an ASCII
//!   space. U+3000 (ideographic space) is kept: later stages read it as
//!   indentation;
//! - zero-width characters (U+200B..=U+200D, U+2060, U+180E, U+FEFF) are
//!   removed and listed as [`DropReason::Garbage`]: they are not content,
//!   but neither are they whitespace to a character count;
//! - control characters other than `\n` and `\t` (C0, DEL, C1), invisible
//!   format controls (bidi marks and embeddings, invisible operators) and
//!   U+FFFD are removed and listed as [`DropReason::Garbage`];
//! - Kangxi radicals (U+2F00..=U+2FD5) and CJK Radicals Supplement characters
//!   (U+2E80..=U+2EF3) that some PDF extractors emit instead of ordinary
//!   ideographs (U+2F2F `⼯` for `工`) are replaced by the unified ideograph
//!   and listed as [`DropReason::Normalized`].
//!
//! Everything else, full-width punctuation and letters included, is kept as
//! printed: this is not NFKC. Every character of the input is either in the
//! output, in the returned [`Dropped`] list, or whitespace.
//!
//! Dropped characters are reported one entry per run: adjacent characters
//! removed for the same reason form one [`Dropped`] whose `text` is the run as
//! it was in the input.

use crate::model::{DropReason, Dropped};

/// Normalises `text`; returns the new text and what was replaced or removed.
///
/// Linear time, one pass; when nothing needs changing the only allocation is
/// the returned copy.
///
/// ```
/// use banmian::normalize::normalize;
/// use banmian::DropReason;
///
/// let (text, dropped) = normalize("⼯作\u{a0}会议\r\n");
/// assert_eq!(text, "工作 会议\n");
/// assert_eq!(dropped.len(), 1);
/// assert_eq!(dropped[0].text, "⼯");
/// assert_eq!(dropped[0].reason, DropReason::Normalized);
/// ```
pub fn normalize(text: &str) -> (String, Vec<Dropped>) {
    let Some(start) = first_change(text) else {
        return (text.to_owned(), Vec::new());
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    let mut dropped: Vec<Dropped> = Vec::new();
    // The reason of the run that the previous character extended, if any.
    let mut run: Option<DropReason> = None;
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        match action(c) {
            Action::Keep => {
                out.push(c);
                run = None;
            }
            Action::CarriageReturn => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
                run = None;
            }
            Action::Replace(r) => {
                out.push(r);
                run = None;
            }
            Action::Garbage => {
                record(&mut dropped, &mut run, c, DropReason::Garbage);
            }
            Action::Map(m) => {
                out.push(m);
                record(&mut dropped, &mut run, c, DropReason::Normalized);
            }
        }
    }
    (out, dropped)
}

/// The unified ideograph that a Kangxi radical (U+2F00..=U+2FD5) or a CJK
/// Radicals Supplement character (U+2E80..=U+2EF3) stands for in extracted
/// text; `None` for every other character and for the few supplement
/// radicals without an equivalent (U+2E80, unassigned U+2E9A).
///
/// Kangxi radicals map to their compatibility decompositions (NFKC). The
/// supplement follows Unicode's `EquivalentUnifiedIdeograph.txt` (14.0),
/// except U+2ECF `⻏`, which maps to `阝` (U+961D, the glyph it looks like)
/// rather than `邑`.
///
/// ```
/// use banmian::normalize::unified_ideograph;
/// assert_eq!(unified_ideograph('\u{2F2F}'), Some('工'));
/// assert_eq!(unified_ideograph('\u{2ED3}'), Some('长'));
/// assert_eq!(unified_ideograph('工'), None);
/// ```
pub fn unified_ideograph(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        0x2F00..=0x2FD5 => Some(KANGXI[(u - 0x2F00) as usize]),
        0x2E80..=0x2EF3 => {
            let m = SUPPLEMENT[(u - 0x2E80) as usize];
            (m != '\0').then_some(m)
        }
        _ => None,
    }
}

/// What to do with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Copy it.
    Keep,
    /// `\r`: dropped before `\n`, otherwise becomes `\n`.
    CarriageReturn,
    /// Whitespace written another way: replace silently.
    Replace(char),
    /// Remove and list as [`DropReason::Garbage`].
    Garbage,
    /// Replace and list the original as [`DropReason::Normalized`].
    Map(char),
}

#[inline]
fn action(c: char) -> Action {
    let u = c as u32;
    // Fast paths: printable ASCII and everything from U+3000 up (CJK).
    if u < 0x7F {
        return match c {
            ' '..='~' | '\n' | '\t' => Action::Keep,
            '\r' => Action::CarriageReturn,
            '\u{0B}' | '\u{0C}' => Action::Replace('\n'),
            _ => Action::Garbage,
        };
    }
    if u >= 0x3000 {
        return match u {
            0xFEFF => Action::Garbage,
            0xFFFD => Action::Garbage,
            _ => Action::Keep,
        };
    }
    match u {
        0x85 => Action::Replace('\n'),
        0x7F..=0x9F => Action::Garbage,
        0xA0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F => Action::Replace(' '),
        // Zero-width characters carry no text but are not whitespace either:
        // listed as garbage, so the accounting stays exact.
        0x180E | 0x200B..=0x200D | 0x2060 => Action::Garbage,
        0x200E | 0x200F | 0x202A..=0x202E | 0x2061..=0x2064 | 0x2066..=0x206F => Action::Garbage,
        0x2028 | 0x2029 => Action::Replace('\n'),
        0x2E80..=0x2FD5 => match unified_ideograph(c) {
            Some(m) => Action::Map(m),
            None => Action::Keep,
        },
        _ => Action::Keep,
    }
}

/// Appends `c` to the open run of `reason`, or starts a new entry.
fn record(dropped: &mut Vec<Dropped>, run: &mut Option<DropReason>, c: char, reason: DropReason) {
    match dropped.last_mut() {
        Some(last) if *run == Some(reason) => last.text.push(c),
        _ => dropped.push(Dropped {
            text: c.to_string(),
            reason,
        }),
    }
    *run = Some(reason);
}

/// The byte offset of the first character that [`normalize`] changes.
fn first_change(text: &str) -> Option<usize> {
    text.char_indices()
        .find(|&(_, c)| action(c) != Action::Keep)
        .map(|(i, _)| i)
}

/// Unified ideographs for the Kangxi radicals U+2F00..=U+2FD5 (their NFKC forms).
#[rustfmt::skip]
static KANGXI: [char; 214] = [
    '一', '丨', '丶', '丿', '乙', '亅', '二', '亠', '人', '儿',  // U+2F00
    '入', '八', '冂', '冖', '冫', '几', '凵', '刀', '力', '勹',  // U+2F0A
    '匕', '匚', '匸', '十', '卜', '卩', '厂', '厶', '又', '口',  // U+2F14
    '囗', '土', '士', '夂', '夊', '夕', '大', '女', '子', '宀',  // U+2F1E
    '寸', '小', '尢', '尸', '屮', '山', '巛', '工', '己', '巾',  // U+2F28
    '干', '幺', '广', '廴', '廾', '弋', '弓', '彐', '彡', '彳',  // U+2F32
    '心', '戈', '戶', '手', '支', '攴', '文', '斗', '斤', '方',  // U+2F3C
    '无', '日', '曰', '月', '木', '欠', '止', '歹', '殳', '毋',  // U+2F46
    '比', '毛', '氏', '气', '水', '火', '爪', '父', '爻', '爿',  // U+2F50
    '片', '牙', '牛', '犬', '玄', '玉', '瓜', '瓦', '甘', '生',  // U+2F5A
    '用', '田', '疋', '疒', '癶', '白', '皮', '皿', '目', '矛',  // U+2F64
    '矢', '石', '示', '禸', '禾', '穴', '立', '竹', '米', '糸',  // U+2F6E
    '缶', '网', '羊', '羽', '老', '而', '耒', '耳', '聿', '肉',  // U+2F78
    '臣', '自', '至', '臼', '舌', '舛', '舟', '艮', '色', '艸',  // U+2F82
    '虍', '虫', '血', '行', '衣', '襾', '見', '角', '言', '谷',  // U+2F8C
    '豆', '豕', '豸', '貝', '赤', '走', '足', '身', '車', '辛',  // U+2F96
    '辰', '辵', '邑', '酉', '釆', '里', '金', '長', '門', '阜',  // U+2FA0
    '隶', '隹', '雨', '靑', '非', '面', '革', '韋', '韭', '音',  // U+2FAA
    '頁', '風', '飛', '食', '首', '香', '馬', '骨', '高', '髟',  // U+2FB4
    '鬥', '鬯', '鬲', '鬼', '魚', '鳥', '鹵', '鹿', '麥', '麻',  // U+2FBE
    '黃', '黍', '黑', '黹', '黽', '鼎', '鼓', '鼠', '鼻', '齊',  // U+2FC8
    '齒', '龍', '龜', '龠',  // U+2FD2
];

/// Unified ideographs for the CJK Radicals Supplement U+2E80..=U+2EF3; `'\0'` = none.
#[rustfmt::skip]
static SUPPLEMENT: [char; 116] = [
    '\0', '厂', '乛', '乚', '乙', '亻', '冂', '𠘨', '刀', '刂',  // U+2E80
    '卜', '㔾', '小', '小', '兀', '尣', '尢', '𡯂', '巳', '幺',  // U+2E8A
    '彑', '彐', '忄', '心', '扌', '攵', '\0', '旡', '日', '月',  // U+2E94
    '歺', '母', '民', '氵', '氺', '灬', '爫', '爫', '丬', '牛',  // U+2E9E
    '犭', '王', '𤴔', '目', '示', '礻', '𥫗', '糹', '纟', '罓',  // U+2EA8
    '罒', '㓁', '冗', '𦉫', '羊', '𦍌', '𦍋', '耂', '肀', '聿',  // U+2EB2
    '肉', '𦥑', '艹', '艹', '艹', '虎', '衤', '覀', '西', '见',  // U+2EBC
    '角', '𧢲', '讠', '贝', '𧾷', '车', '辶', '辶', '辶', '阝',  // U+2EC6
    '钅', '長', '镸', '长', '门', '𨸏', '阝', '雨', '青', '韦',  // U+2ED0
    '页', '风', '飞', '食', '𩙿', '飠', '饣', '𩠐', '马', '骨',  // U+2EDA
    '鬼', '鱼', '鸟', '卤', '麦', '黄', '黾', '斉', '齐', '歯',  // U+2EE4
    '齿', '竜', '龙', '龜', '亀', '龟',  // U+2EEE
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn garbage(text: &str) -> Dropped {
        Dropped {
            text: text.to_string(),
            reason: DropReason::Garbage,
        }
    }

    fn normalized(text: &str) -> Dropped {
        Dropped {
            text: text.to_string(),
            reason: DropReason::Normalized,
        }
    }

    #[test]
    fn clean_text_is_returned_unchanged() {
        let text = "本报讯（记者 邓公平）4月28日，全会召开。\n\u{3000}\u{3000}第二段\t完。\n";
        assert_eq!(normalize(text), (text.to_string(), vec![]));
        assert_eq!(normalize(""), (String::new(), vec![]));
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(normalize("甲\r\n乙\r丙\r\r\n丁\r").0, "甲\n乙\n丙\n\n丁\n");
        assert!(normalize("a\r\nb").1.is_empty());
    }

    #[test]
    fn other_line_separators_become_lf() {
        let (text, dropped) = normalize("一页\u{0C}二页\u{0B}甲\u{85}乙\u{2028}丙\u{2029}丁");
        assert_eq!(text, "一页\n二页\n甲\n乙\n丙\n丁");
        assert!(dropped.is_empty());
    }

    #[test]
    fn unicode_spaces_become_ascii_space() {
        let input = "a\u{A0}b\u{1680}c\u{2000}d\u{2002}e\u{2009}f\u{200A}g\u{202F}h\u{205F}i";
        let (text, dropped) = normalize(input);
        assert_eq!(text, "a b c d e f g h i");
        assert!(dropped.is_empty());
    }

    #[test]
    fn ideographic_space_and_tab_are_kept() {
        let text = "\u{3000}\u{3000}本报讯\t记者";
        assert_eq!(normalize(text).0, text);
    }

    #[test]
    fn zero_width_chars_are_dropped_as_garbage() {
        let (text, dropped) =
            normalize("\u{FEFF}全\u{200B}会\u{200C}召\u{200D}开\u{2060}了\u{180E}。");
        assert_eq!(text, "全会召开了。");
        let removed: String = dropped.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(removed, "\u{FEFF}\u{200B}\u{200C}\u{200D}\u{2060}\u{180E}");
        assert!(dropped.iter().all(|d| d.reason == DropReason::Garbage));
    }

    #[test]
    fn control_chars_are_dropped_as_garbage() {
        let (text, dropped) = normalize("会\u{0}\u{1}议\u{7}召\u{7F}\u{9B}开\u{1B}");
        assert_eq!(text, "会议召开");
        assert_eq!(
            dropped,
            vec![
                garbage("\u{0}\u{1}"),
                garbage("\u{7}"),
                garbage("\u{7F}\u{9B}"),
                garbage("\u{1B}"),
            ]
        );
    }

    #[test]
    fn format_controls_are_dropped_as_garbage() {
        let (text, dropped) = normalize("甲\u{200E}乙\u{202A}丙\u{202C}丁\u{2066}");
        assert_eq!(text, "甲乙丙丁");
        assert_eq!(dropped.len(), 4);
        assert!(dropped.iter().all(|d| d.reason == DropReason::Garbage));
    }

    #[test]
    fn replacement_char_is_dropped_as_garbage() {
        let (text, dropped) = normalize("经济\u{FFFD}\u{FFFD}发展\u{FFFD}");
        assert_eq!(text, "经济发展");
        assert_eq!(
            dropped,
            vec![garbage("\u{FFFD}\u{FFFD}"), garbage("\u{FFFD}")]
        );
    }

    #[test]
    fn runs_are_split_by_kept_chars() {
        let (_, dropped) = normalize("\u{1}\u{200B}\u{2}a\u{3}\u{FFFD}");
        assert_eq!(
            dropped,
            vec![garbage("\u{1}\u{200B}\u{2}"), garbage("\u{3}\u{FFFD}")]
        );
    }

    #[test]
    fn kangxi_radicals_map_to_ideographs() {
        // ⼯作 ⼈⺠ 的⻓江 ⼀
        let (text, dropped) = normalize("\u{2F2F}作\u{2F08}\u{2EA0}的\u{2ED3}江\u{2F00}");
        assert_eq!(text, "工作人民的长江一");
        assert_eq!(
            dropped,
            vec![
                normalized("\u{2F2F}"),
                normalized("\u{2F08}\u{2EA0}"),
                normalized("\u{2ED3}"),
                normalized("\u{2F00}"),
            ]
        );
    }

    #[test]
    fn normalized_and_garbage_runs_are_separate() {
        let (text, dropped) = normalize("\u{2F2F}\u{1}\u{2F2F}");
        assert_eq!(text, "工工");
        assert_eq!(
            dropped,
            vec![
                normalized("\u{2F2F}"),
                garbage("\u{1}"),
                normalized("\u{2F2F}")
            ]
        );
    }

    #[test]
    fn kangxi_table_is_complete() {
        assert_eq!(unified_ideograph('\u{2F00}'), Some('一'));
        assert_eq!(unified_ideograph('\u{2F2F}'), Some('工'));
        assert_eq!(unified_ideograph('\u{2F54}'), Some('水'));
        assert_eq!(unified_ideograph('\u{2FA8}'), Some('門'));
        assert_eq!(unified_ideograph('\u{2FD5}'), Some('龠'));
        assert_eq!(unified_ideograph('\u{2FD6}'), None);
        let mut seen = std::collections::HashSet::new();
        for u in 0x2F00..=0x2FD5u32 {
            let m = unified_ideograph(char::from_u32(u).unwrap()).unwrap();
            assert!(('\u{4E00}'..='\u{9FFF}').contains(&m), "U+{u:04X} -> {m}");
            assert!(seen.insert(m), "U+{u:04X} maps to {m} twice");
        }
    }

    #[test]
    fn radicals_supplement_maps_known_equivalents() {
        let cases = [
            ('\u{2E8C}', '小'),
            ('\u{2EA9}', '王'),
            ('\u{2ECF}', '阝'),
            ('\u{2ED6}', '阝'),
            ('\u{2E9F}', '母'),
            ('\u{2EA0}', '民'),
            ('\u{2EC5}', '见'),
            ('\u{2ECB}', '车'),
            ('\u{2ED4}', '门'),
            ('\u{2EDB}', '风'),
            ('\u{2EE2}', '马'),
            ('\u{2EE9}', '黄'),
            ('\u{2EF3}', '龟'),
            ('\u{2E87}', '\u{20628}'),
        ];
        for (radical, ideograph) in cases {
            assert_eq!(unified_ideograph(radical), Some(ideograph), "{radical}");
            assert_eq!(normalize(&radical.to_string()).0, ideograph.to_string());
        }
        // No equivalent: kept as is.
        for c in ['\u{2E80}', '\u{2E9A}', '\u{2FE0}'] {
            assert_eq!(unified_ideograph(c), None);
            assert_eq!(normalize(&c.to_string()), (c.to_string(), vec![]));
        }
        for u in 0x2E81..=0x2EF3u32 {
            if u != 0x2E9A {
                assert!(unified_ideograph(char::from_u32(u).unwrap()).is_some());
            }
        }
    }

    #[test]
    fn full_width_punctuation_is_kept() {
        let text = "，。、！？：；（）“”‘’《》【】——……·％＋－１２３ＡＢＣ～￥｜";
        assert_eq!(normalize(text), (text.to_string(), vec![]));
    }

    #[test]
    fn cjk_compatibility_and_private_use_are_kept() {
        let text = "\u{F900}\u{FA0E}\u{E000}\u{20000}";
        assert_eq!(normalize(text).0, text);
    }

    /// Characters whose removal is silent (whitespace-like).
    fn silent(c: char) -> bool {
        c.is_whitespace()
    }

    fn interesting() -> impl Strategy<Value = char> {
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '\r', '\n', '\t', '\u{0}', '\u{0C}', '\u{A0}', '\u{3000}', '\u{200B}', '\u{FEFF}',
                '\u{FFFD}', '\u{2F2F}', '\u{2E80}', '\u{2EA0}', '工', '，', 'a',
            ]),
            (0x2E80u32..=0x2FDF).prop_map(|u| char::from_u32(u).unwrap()),
        ]
    }

    proptest! {
        /// Every non-whitespace input character is accounted for, the output
        /// is clean, and normalising twice changes nothing.
        #[test]
        fn every_char_is_accounted_for(chars in prop::collection::vec(interesting(), 0..80)) {
            let input: String = chars.into_iter().collect();
            let (text, dropped) = normalize(&input);
            let garbage: usize = dropped.iter()
                .filter(|d| d.reason == DropReason::Garbage)
                .map(|d| d.text.chars().count()).sum();
            let mapped: Vec<char> = dropped.iter()
                .filter(|d| d.reason == DropReason::Normalized)
                .flat_map(|d| d.text.chars()).collect();
            let content_in = input.chars().filter(|&c| !silent(c)).count();
            let content_out = text.chars().filter(|&c| !c.is_whitespace()).count();
            prop_assert_eq!(content_in, content_out + garbage);
            prop_assert!(mapped.iter().all(|&c| unified_ideograph(c).is_some()));
            prop_assert_eq!(
                input.chars().filter(|&c| unified_ideograph(c).is_some()).count(),
                mapped.len()
            );
            prop_assert!(!text.contains('\r'));
            prop_assert!(text.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
            prop_assert_eq!(normalize(&text), (text.clone(), vec![]));
        }
    }
}
