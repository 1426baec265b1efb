//! Decoding the raw bytes of a page into text.
//!
//! Extracted newspaper text arrives in whatever encoding the extractor or the
//! archive used. [`decode`] works out which one and decodes it, in this order:
//!
//! 1. empty input is the empty string;
//! 2. a byte order mark decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE (the BOM is
//!    removed);
//! 3. input with NUL bytes is BOM-less UTF-16 if it decodes, little- or
//!    big-endian, into plausible text (ASCII in UTF-16 has a NUL in every
//!    other byte; Chinese text has them at least in its line ends). Otherwise
//!    NUL bytes mean a binary file;
//! 4. valid UTF-8 is UTF-8. UTF-8 with a few broken sequences (at most one
//!    error per 20 well-formed multi-byte characters, or only a truncated last
//!    character) is decoded as UTF-8 with U+FFFD for the broken bytes;
//! 5. anything else goes to [`chardetng`] (the first 64 KiB of it, which is
//!    all of any real page), and the guess is decoded with
//!    [`encoding_rs`]. chardetng names GB18030 text GBK; it is decoded as
//!    GB18030, the superset. Big5 is decoded as Big5. The bytes are fed as a
//!    possibly unfinished stream, so a page cut off inside a character is
//!    still detected (the cut character becomes U+FFFD).
//!
//! The decoded text is then checked: more than 10% control characters
//! (other than tab, line feed, carriage return, vertical tab and form feed)
//! means [`InputError::Binary`]; more than 10% U+FFFD (and more than one)
//! means [`InputError::Undecodable`]. Fewer are left in the text for
//! [`crate::normalize`] to drop and report.
//!
//! [`decode`] never panics, whatever the bytes.

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// Share of control characters, in percent, above which text is binary.
const MAX_CONTROL_PERCENT: usize = 10;
/// Share of U+FFFD after decoding, in percent, above which text is undecodable.
const MAX_REPLACEMENT_PERCENT: usize = 10;
/// How many leading bytes chardetng sees (64 KiB: all of any real page).
const DETECT_SAMPLE_BYTES: usize = 64 * 1024;
/// Share of plausible characters, in percent, that BOM-less UTF-16 must reach.
const MIN_UTF16_PLAUSIBLE_PERCENT: usize = 90;

/// Why bytes could not be read as page text.
///
/// ```
/// use banmian::input::decode;
/// use banmian::InputError;
///
/// // A PNG header is not a page.
/// let err = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap_err();
/// assert!(matches!(err, InputError::Binary { .. }));
/// assert!(err.to_string().starts_with("looks binary: "));
///
/// // Text decodes, whatever its encoding.
/// let (gbk, _, _) = encoding_rs::GBK.encode("今天召开全体会议。");
/// assert_eq!(decode(&gbk).unwrap(), "今天召开全体会议。");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    /// The bytes look like a binary file, not text: NUL bytes that are not
    /// UTF-16, or too many control characters.
    #[error("looks binary: {reason}")]
    Binary {
        /// What gave it away, e.g. `37% control characters`.
        reason: String,
    },
    /// The bytes are in (or were detected as) `encoding`, but too much of
    /// them does not decode.
    #[error("cannot decode as {encoding}: {reason}")]
    Undecodable {
        /// The encoding that was tried, e.g. `GB18030`.
        encoding: &'static str,
        /// What went wrong, e.g. `23% of the characters are invalid`.
        reason: String,
    },
}

/// Decodes page bytes in any supported encoding into a `String`.
///
/// Supported: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without
/// when NUL bytes show it), UTF-32 with BOM, and, detected by content,
/// GB18030/GBK, Big5 and the other legacy encodings chardetng knows. Empty
/// input gives `Ok("")`. See the [module docs](self) for the rules.
///
/// ```
/// use banmian::input::decode;
///
/// assert_eq!(decode(b"").unwrap(), "");
/// assert_eq!(decode("\u{FEFF}版面".as_bytes()).unwrap(), "版面");
/// let (big5, _, _) = encoding_rs::BIG5.encode("臺灣報導：記者會於週三舉行。");
/// assert_eq!(decode(&big5).unwrap(), "臺灣報導：記者會於週三舉行。");
/// ```
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.is_empty() {
        return Ok(String::new());
    }
    let (text, encoding) = decode_unchecked(bytes)?;
    check(&text, encoding)?;
    Ok(text)
}

/// Decodes by BOM, NUL pattern, UTF-8 validity or chardetng's guess; returns
/// the text and the name of the encoding used.
fn decode_unchecked(bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((String::from_utf8_lossy(rest).into_owned(), "UTF-8"));
    }
    if bytes.len() % 4 == 0 {
        if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0") {
            return Ok((decode_utf32(rest, true), "UTF-32LE"));
        }
        if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF") {
            return Ok((decode_utf32(rest, false), "UTF-32BE"));
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((decode_with(UTF_16LE, rest), UTF_16LE.name()));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((decode_with(UTF_16BE, rest), UTF_16BE.name()));
    }

    if bytes.contains(&0) {
        return match sniff_utf16(bytes) {
            Some(decoded) => Ok(decoded),
            None => {
                let nuls = bytes.iter().filter(|&&b| b == 0).count();
                Err(InputError::Binary {
                    reason: format!(
                        "{nuls} NUL byte{} ({}% of {} bytes) and not UTF-16",
                        if nuls == 1 { "" } else { "s" },
                        percent(nuls, bytes.len()),
                        bytes.len()
                    ),
                })
            }
        };
    }

    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), "UTF-8"));
    }
    if mostly_utf8(bytes) {
        return Ok((String::from_utf8_lossy(bytes).into_owned(), "UTF-8"));
    }

    let mut detector = chardetng::EncodingDetector::new();
    // Not `last = true`: a page cut off in the middle of a character is a
    // prefix of a longer stream, and should not disqualify its encoding. Only
    // a sample is fed: chardetng runs at a few MB/s, and a page is smaller.
    detector.feed(&bytes[..bytes.len().min(DETECT_SAMPLE_BYTES)], false);
    let mut encoding = detector.guess(None, false);
    if encoding == GBK {
        encoding = GB18030;
    }
    Ok((decode_with(encoding, bytes), encoding.name()))
}

/// Decodes `bytes` with `encoding`, ignoring any BOM, with U+FFFD for errors.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Decodes UTF-32 (after its BOM); invalid code points and a trailing partial
/// unit become U+FFFD.
fn decode_utf32(bytes: &[u8], little_endian: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut units = bytes.chunks_exact(4);
    for unit in &mut units {
        let unit = [unit[0], unit[1], unit[2], unit[3]];
        let u = if little_endian {
            u32::from_le_bytes(unit)
        } else {
            u32::from_be_bytes(unit)
        };
        out.push(char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    if !units.remainder().is_empty() {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out
}

/// Tries `bytes` (which contain NUL bytes) as BOM-less UTF-16 in both byte
/// orders; returns the more plausible decoding if it is plausible enough.
fn sniff_utf16(bytes: &[u8]) -> Option<(String, &'static str)> {
    // In little-endian UTF-16 the high (often zero) byte of a unit is at an
    // odd offset. The byte order with more NULs in the high position is tried
    // first and wins ties.
    let odd_nuls = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let even_nuls = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let order = if odd_nuls >= even_nuls {
        [UTF_16LE, UTF_16BE]
    } else {
        [UTF_16BE, UTF_16LE]
    };
    let mut best: Option<(usize, String, &'static str)> = None;
    for encoding in order {
        let text = decode_with(encoding, bytes);
        let total = text.chars().count();
        let plausible = text.chars().filter(|&c| plausible(c)).count();
        let score = percent_floor(plausible, total);
        let better = match &best {
            Some((best_score, _, _)) => score > *best_score,
            None => true,
        };
        if score >= MIN_UTF16_PLAUSIBLE_PERCENT && better {
            best = Some((score, text, encoding.name()));
        }
    }
    best.map(|(_, text, name)| (text, name))
}

/// Whether `c` is a character that page text plausibly contains: the test
/// that tells real UTF-16 from other bytes read as UTF-16.
fn plausible(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{0C}'
        | ' '..='~'
        | '\u{A0}'..='\u{24F}'        // Latin-1, Latin Extended
        | '\u{391}'..='\u{3C9}'       // Greek
        | '\u{401}'..='\u{451}'       // Cyrillic
        | '\u{2000}'..='\u{206F}'     // General Punctuation
        | '\u{2100}'..='\u{22FF}'     // Letterlike, Number Forms, Arrows, Math
        | '\u{2460}'..='\u{27BF}'     // Enclosed Alphanumerics .. Dingbats
        | '\u{2E80}'..='\u{2FDF}'     // CJK and Kangxi radicals
        | '\u{3000}'..='\u{33FF}'     // CJK punctuation, kana, bopomofo, enclosed
        | '\u{3400}'..='\u{4DBF}'     // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'     // CJK Compatibility Ideographs
        | '\u{FE30}'..='\u{FE4F}'     // CJK Compatibility Forms
        | '\u{FF01}'..='\u{FFEF}'     // Half- and full-width forms
        | '\u{FEFF}'
        | '\u{20000}'..='\u{3134F}' // CJK Extensions B..G
    )
}

/// Whether invalid UTF-8 is still UTF-8 with a few broken sequences: at
/// least 20 well-formed multi-byte characters per error, or well-formed
/// multi-byte text cut off in the middle of its last character.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut errors = 0usize;
    let mut truncated = false;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                multibyte += count_multibyte(valid.as_bytes());
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                multibyte += count_multibyte(valid);
                errors += 1;
                if errors > 1 && errors * 20 > bytes.len() {
                    return false; // cannot reach the ratio any more
                }
                match e.error_len() {
                    Some(len) => rest = &after[len..],
                    None => {
                        truncated = true;
                        break;
                    }
                }
            }
        }
    }
    multibyte > 0 && (multibyte >= errors * 20 || (errors == 1 && truncated))
}

/// Counts the multi-byte characters in valid UTF-8 (their lead bytes).
fn count_multibyte(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

/// Rejects decoded text with too many control or replacement characters.
fn check(text: &str, encoding: &'static str) -> Result<(), InputError> {
    let mut total = 0usize;
    let mut controls = 0usize;
    let mut replacements = 0usize;
    for c in text.chars() {
        total += 1;
        match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' => {}
            '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => controls += 1,
            char::REPLACEMENT_CHARACTER => replacements += 1,
            _ => {}
        }
    }
    if controls * 100 > total * MAX_CONTROL_PERCENT {
        return Err(InputError::Binary {
            reason: format!(
                "{}% control characters ({controls} of {total})",
                percent(controls, total)
            ),
        });
    }
    // One U+FFFD is what a cut-off last character leaves, even in a short text.
    if replacements > 1 && replacements * 100 > total * MAX_REPLACEMENT_PERCENT {
        return Err(InputError::Undecodable {
            encoding,
            reason: format!(
                "{}% of the characters are invalid ({replacements} of {total})",
                percent(replacements, total)
            ),
        });
    }
    Ok(())
}

/// `part` as a percentage of `whole`, rounded to nearest.
fn percent(part: usize, whole: usize) -> usize {
    part.saturating_mul(100)
        .saturating_add(whole / 2)
        .checked_div(whole)
        .unwrap_or(0)
}

/// `part` as a percentage of `whole`, rounded down.
fn percent_floor(part: usize, whole: usize) -> usize {
    part.saturating_mul(100).checked_div(whole).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::BIG5;
    use proptest::prelude::*;

    /// A sentence of a few dozen characters: Chinese, full-width punctuation,
    /// digits and ASCII.
    const NEWS: &str = "本报讯（记者 林晓）3月12日上午，市人大常委会召开第十五次会议，\
                        审议通过了《关于加强城市绿化管理的决定》，全市将新增公园绿地120公顷。\n";
    /// The same in traditional characters, for Big5.
    const NEWS_TRADITIONAL: &str = "本報訊（記者 林曉）3月12日上午，市人大常委會召開第十五次會議，\
                                    審議通過了《關於加強城市綠化管理的決定》，全市將新增公園綠地120公頃。\n";
    /// Contains characters outside GBK that GB18030 encodes in four bytes.
    const GB18030_ONLY: &str = "𠮷野家的新店开业，顾客在门口排起长队，店长说€优惠活动将持续一周。";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot encode the sample", encoding.name());
        bytes.into_owned()
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little_endian {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    fn is_binary(result: Result<String, InputError>) -> bool {
        matches!(result, Err(InputError::Binary { .. }))
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b""), Ok(String::new()));
    }

    #[test]
    fn utf8_without_bom() {
        assert_eq!(decode(NEWS.as_bytes()).unwrap(), NEWS);
        assert_eq!(decode(b"plain ASCII\n").unwrap(), "plain ASCII\n");
    }

    #[test]
    fn utf8_with_bom_drops_the_bom() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(NEWS.as_bytes());
        assert_eq!(decode(&bytes).unwrap(), NEWS);
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap(), "");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16(NEWS, true));
        assert_eq!(decode(&le).unwrap(), NEWS);
        let mut be = b"\xFE\xFF".to_vec();
        be.extend(utf16(NEWS, false));
        assert_eq!(decode(&be).unwrap(), NEWS);
        assert_eq!(decode(b"\xFF\xFE").unwrap(), "");
    }

    #[test]
    fn utf16_without_bom_by_nul_pattern() {
        assert_eq!(decode(&utf16(NEWS, true)).unwrap(), NEWS);
        assert_eq!(decode(&utf16(NEWS, false)).unwrap(), NEWS);
        let ascii = "Page 1\nEditor: Li\n";
        assert_eq!(decode(&utf16(ascii, true)).unwrap(), ascii);
        assert_eq!(decode(&utf16(ascii, false)).unwrap(), ascii);
        // Pure Chinese: the only NULs are in the line ends.
        let lines = "全市将新增公园绿地\n市人大常委会召开会议\n";
        assert_eq!(decode(&utf16(lines, true)).unwrap(), lines);
        assert_eq!(decode(&utf16(lines, false)).unwrap(), lines);
    }

    #[test]
    fn utf32_with_bom() {
        let mut le = b"\xFF\xFE\0\0".to_vec();
        le.extend(NEWS.chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(decode(&le).unwrap(), NEWS);
        let mut be = b"\0\0\xFE\xFF".to_vec();
        be.extend(NEWS.chars().flat_map(|c| (c as u32).to_be_bytes()));
        assert_eq!(decode(&be).unwrap(), NEWS);
    }

    #[test]
    fn gbk_is_detected() {
        let bytes = encode(GBK, NEWS);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), NEWS);
    }

    #[test]
    fn gb18030_four_byte_sequences_decode() {
        let bytes = encode(GB18030, GB18030_ONLY);
        assert_eq!(decode(&bytes).unwrap(), GB18030_ONLY);
        let bytes = encode(GB18030, NEWS);
        assert_eq!(decode(&bytes).unwrap(), NEWS);
    }

    #[test]
    fn long_legacy_text_is_detected_from_a_sample() {
        let text = NEWS.repeat(1000); // ~170 KB in GBK
        let bytes = encode(GBK, &text);
        assert!(bytes.len() > DETECT_SAMPLE_BYTES);
        assert_eq!(decode(&bytes).unwrap(), text);
    }

    #[test]
    fn big5_is_detected() {
        let bytes = encode(BIG5, NEWS_TRADITIONAL);
        assert_eq!(decode(&bytes).unwrap(), NEWS_TRADITIONAL);
    }

    #[test]
    fn short_legacy_text_is_detected() {
        assert_eq!(
            decode(&encode(GBK, "今天天气很好。")).unwrap(),
            "今天天气很好。"
        );
        assert_eq!(
            decode(&encode(BIG5, "臺灣報導，記者會。")).unwrap(),
            "臺灣報導，記者會。"
        );
    }

    #[test]
    fn truncated_utf8_keeps_the_text() {
        let bytes = NEWS.trim_end().as_bytes();
        let cut = &bytes[..bytes.len() - 1]; // half of the final 。
        let text = decode(cut).unwrap();
        assert!(text.ends_with("公顷\u{FFFD}"), "{text:?}");
        // A broken character in the middle.
        let mid = NEWS.find("常委会").unwrap();
        let mut broken = NEWS.as_bytes().to_vec();
        broken.remove(mid + 1);
        let text = decode(&broken).unwrap();
        assert!(text.starts_with("本报讯（记者 林晓）3月12日上午，市人大\u{FFFD}"));
        assert!(text.ends_with("120公顷。\n"));
    }

    #[test]
    fn truncated_legacy_text_keeps_the_text() {
        let bytes = encode(GBK, "市人大常委会召开第十五次会议，审议通过了决定。");
        let text = decode(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(text, "市人大常委会召开第十五次会议，审议通过了决定\u{FFFD}");
        let bytes = encode(GB18030, GB18030_ONLY);
        let text = decode(&bytes[..bytes.len() - 3]).unwrap();
        assert!(text.starts_with("𠮷野家的新店开业"), "{text:?}");
    }

    #[test]
    fn truncated_utf16_keeps_the_text() {
        let mut bytes = utf16(NEWS, true);
        bytes.pop();
        let text = decode(&bytes).unwrap();
        assert!(text.starts_with("本报讯（记者 林晓）"), "{text:?}");
    }

    #[test]
    fn short_truncated_utf8_keeps_the_text() {
        assert_eq!(
            decode(b"\xE4\xBC\x9A\xE8\xAE\xAE\xE4\xB8").unwrap(),
            "会议\u{FFFD}"
        );
    }

    #[test]
    fn lone_truncated_sequence_does_not_panic() {
        // Too short to tell: any answer is fine, as long as there is one.
        for bytes in [
            &b"\xE4\xB8"[..],
            b"\xF0",
            b"\xF0\x9F\x98",
            b"\x81",
            b"\xFE\x39\x81",
        ] {
            let _ = decode(bytes);
        }
    }

    #[test]
    fn png_is_binary() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\0\0\0\x01\x80\x08\x06\0\0\0".to_vec();
        let mut x = 0x2545_F491_u32;
        png.extend((0..2000).map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        }));
        let err = decode(&png).unwrap_err();
        assert!(err.to_string().starts_with("looks binary: "), "{err}");
        assert!(err.to_string().contains("NUL"), "{err}");
    }

    #[test]
    fn all_byte_values_are_binary() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert!(is_binary(decode(&bytes)));
        let no_bom: Vec<u8> = (0..=255u8).rev().skip(2).collect();
        assert!(is_binary(decode(&no_bom)));
    }

    #[test]
    fn nul_in_utf8_text_is_binary() {
        let mut bytes = NEWS.as_bytes().to_vec();
        bytes.insert(9, 0);
        assert!(is_binary(decode(&bytes)));
    }

    #[test]
    fn control_bytes_are_binary() {
        let bytes: Vec<u8> = b"abc\x01\x02\x03\x1b\x7fdef\x05\x06".to_vec();
        let err = decode(&bytes).unwrap_err();
        assert_eq!(
            err,
            InputError::Binary {
                reason: "54% control characters (7 of 13)".to_string()
            }
        );
        assert_eq!(
            err.to_string(),
            "looks binary: 54% control characters (7 of 13)"
        );
        // A few control characters in real text are fine.
        let text = format!("{NEWS}\u{7}{NEWS}\u{0C}{NEWS}");
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
    }

    #[test]
    fn many_replacement_chars_are_undecodable() {
        let text = "a\u{FFFD}\u{FFFD}b";
        let err = decode(text.as_bytes()).unwrap_err();
        assert!(matches!(
            err,
            InputError::Undecodable {
                encoding: "UTF-8",
                ..
            }
        ));
        assert!(
            err.to_string().starts_with("cannot decode as UTF-8: 50%"),
            "{err}"
        );
        // A UTF-16 BOM over junk.
        let mut junk = b"\xFF\xFE".to_vec();
        junk.extend(std::iter::repeat_n([0x00, 0xD8], 20).flatten());
        assert!(decode(&junk).is_err());
    }

    proptest! {
        #[test]
        fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn decode_never_panics_on_damaged_text(
            cut in 0usize..400,
            flips in prop::collection::vec((0usize..400, any::<u8>()), 0..8),
            which in 0usize..5,
        ) {
            let mut bytes = match which {
                0 => NEWS.as_bytes().to_vec(),
                1 => encode(GBK, NEWS),
                2 => encode(BIG5, NEWS_TRADITIONAL),
                3 => utf16(NEWS, true),
                _ => [b"\xFE\xFF".as_slice(), &utf16(NEWS, false)].concat(),
            };
            for (at, byte) in flips {
                if let Some(b) = bytes.get_mut(at) {
                    *b = byte;
                }
            }
            bytes.truncate(cut);
            let _ = decode(&bytes);
        }

        #[test]
        fn valid_utf8_without_nul_or_controls_round_trips(text in "[^\\x00-\\x1f\\x7f-\\u{9f}\\u{FEFF}\\u{FFFD}]{0,200}") {
            prop_assert_eq!(decode(text.as_bytes()).unwrap(), text);
        }
    }
}
