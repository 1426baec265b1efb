//! Scoring restored pages against gold pages: a faithful port of the
//! reference scorer `tools/score.py`.
//!
//! Everything here works on [`serde_json::Value`], so any JSON prediction can
//! be scored (not only a [`banmian::Page`]), and does no I/O: the caller reads
//! the gold file, the prediction and the page's source text. The figures agree
//! exactly with `score.py`:
//!
//! - text is compared with all whitespace removed, where whitespace is what
//!   Python's `\s` matches in a `str` pattern ([`is_py_space`]);
//! - strings are sequences of code points (`Vec<char>`), as in Python;
//! - article similarity is `difflib.SequenceMatcher(None, a, b,
//!   autojunk=False).ratio()`, ported algorithm for algorithm
//!   ([`sequence_ratio`], [`matching_blocks`]);
//! - floats are summed in the same order and rounded like Python's
//!   `round(x, 4)` ([`py_round`]).
//!
//! JSON values are read with Python's semantics: a missing key is `None`,
//! `x or []` treats every falsy value (`null`, `false`, `0`, `""`, `[]`, `{}`)
//! as empty, iterating a string yields its characters and iterating an object
//! yields its keys, `str()` of a number is Python's, and `==` lets `1`, `1.0`
//! and `true` be equal. Where `score.py` would raise an exception on malformed
//! JSON (a number where text belongs, a gold page without `articles`), this
//! port treats the value as absent instead; [`check_gold`] reports the gold
//! pages that `score.py` would refuse.

use std::collections::HashMap;
use std::ops::AddAssign;

use serde::Serialize;
use serde_json::Value;

/// Whether Python's `\s` matches `c` in a `str` pattern.
///
/// That is Rust's [`char::is_whitespace`] plus the four information
/// separators U+001C..=U+001F, which Python counts as whitespace.
///
/// ```
/// use banmian_score::is_py_space;
/// assert!(is_py_space('\u{3000}') && is_py_space('\u{1f}'));
/// assert!(!is_py_space('\u{200b}') && !is_py_space('\u{feff}'));
/// ```
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `norm(s)`: the text with all whitespace removed.
///
/// ```
/// assert_eq!(banmian_score::norm(" 本报 讯\u{3000}\n"), "本报讯");
/// ```
pub fn norm(s: &str) -> String {
    s.chars().filter(|&c| !is_py_space(c)).collect()
}

/// The counters `score.py` keeps for a page (its `Counter`), summed over pages
/// with `+=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Gold paragraphs found verbatim (multiset) among predicted paragraphs.
    pub para_tp: u64,
    /// Gold paragraphs (empty ones included, as in `score.py`).
    pub para_gold: u64,
    /// Non-empty predicted paragraphs.
    pub para_pred: u64,
    /// Gold articles.
    pub articles: u64,
    /// Gold articles matched to a predicted article.
    pub art_matched: u64,
    /// Matched articles whose paragraphs are exactly the gold's.
    pub art_exact: u64,
    /// Sum of the body similarity ratios of matched articles.
    pub art_sim: f64,
    /// Matched articles with the gold headline set.
    pub head_set: u64,
    /// Matched articles with the gold title.
    pub title: u64,
    /// Sum of the title similarity ratios of matched articles.
    pub title_sim: f64,
    /// Metadata fields judged (4 per matched article, 5 with a dated dateline).
    pub meta_n: u64,
    /// Metadata fields right.
    pub meta_ok: u64,
    /// Gold captions of matched articles.
    pub cap_gold: u64,
    /// Gold captions whose text was found in the matched article.
    pub cap_ok: u64,
    /// Found captions whose photographers are right as well.
    pub cap_credit_ok: u64,
    /// Gold banners.
    pub banner_gold: u64,
    /// Gold banners found among predicted banners.
    pub banner_ok: u64,
    /// Non-whitespace characters of the source text.
    pub chars_in: u64,
    /// Source characters (multiset) found nowhere in the output.
    pub chars_lost: u64,
}

impl AddAssign<&Counts> for Counts {
    fn add_assign(&mut self, o: &Counts) {
        self.para_tp += o.para_tp;
        self.para_gold += o.para_gold;
        self.para_pred += o.para_pred;
        self.articles += o.articles;
        self.art_matched += o.art_matched;
        self.art_exact += o.art_exact;
        self.art_sim += o.art_sim;
        self.head_set += o.head_set;
        self.title += o.title;
        self.title_sim += o.title_sim;
        self.meta_n += o.meta_n;
        self.meta_ok += o.meta_ok;
        self.cap_gold += o.cap_gold;
        self.cap_ok += o.cap_ok;
        self.cap_credit_ok += o.cap_credit_ok;
        self.banner_gold += o.banner_gold;
        self.banner_ok += o.banner_ok;
        self.chars_in += o.chars_in;
        self.chars_lost += o.chars_lost;
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        *self += &o;
    }
}

/// The figures `score.py` prints for a page or a total, in its key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// F1 of verbatim paragraphs.
    pub para_f1: f64,
    /// Share of gold articles restored exactly.
    pub article_exact: f64,
    /// Mean body similarity over gold articles (unmatched ones count 0).
    pub article_sim: f64,
    /// Share of gold articles with the right headline set.
    pub headline_set: f64,
    /// Share of gold articles with the right title.
    pub title: f64,
    /// Mean title similarity over gold articles (unmatched ones count 0).
    pub title_sim: f64,
    /// Share of metadata fields right.
    pub meta: f64,
    /// Share of gold captions found.
    pub captions: f64,
    /// Share of gold banners found.
    pub banners: f64,
    /// Source characters lost.
    pub lost_chars: u64,
    /// Source characters (whitespace excluded).
    pub input_chars: u64,
}

/// `f1(tp, npred, ngold)` of `score.py`.
pub fn f1(tp: u64, npred: u64, ngold: u64) -> f64 {
    let p = if npred != 0 {
        tp as f64 / npred as f64
    } else if ngold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if ngold != 0 {
        tp as f64 / ngold as f64
    } else {
        1.0
    };
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Python's `round(x, ndigits)` for a float: the decimal nearest to the exact
/// binary value, ties to even, read back as a float.
///
/// ```
/// use banmian_score::py_round;
/// assert_eq!(py_round(0.125, 2), 0.12); // 0.125 is an exact tie
/// assert_eq!(py_round(2.675, 2), 2.67); // 2.675 is just below 2.675
/// ```
pub fn py_round(x: f64, ndigits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    // Rust's fixed-precision formatting is exact and rounds ties to even,
    // like CPython's `_Py_dg_dtoa` mode 3; parsing is correctly rounded.
    format!("{x:.ndigits$}").parse().unwrap_or(x)
}

/// `summary(t)` of `score.py`: the ratios, rounded to 4 decimals.
pub fn summary(t: &Counts) -> Summary {
    let d = |a: f64, b: u64| if b != 0 { a / b as f64 } else { 1.0 };
    let r = |x: f64| py_round(x, 4);
    Summary {
        para_f1: r(f1(t.para_tp, t.para_pred, t.para_gold)),
        article_exact: r(d(t.art_exact as f64, t.articles)),
        article_sim: r(d(t.art_sim, t.articles)),
        headline_set: r(d(t.head_set as f64, t.articles)),
        title: r(d(t.title as f64, t.articles)),
        title_sim: r(d(t.title_sim, t.articles)),
        meta: r(d(t.meta_ok as f64, t.meta_n)),
        captions: r(d(t.cap_ok as f64, t.cap_gold)),
        banners: r(d(t.banner_ok as f64, t.banner_gold)),
        lost_chars: t.chars_lost,
        input_chars: t.chars_in,
    }
}

// ---------------------------------------------------------------------------
// Python semantics for JSON values

/// `v.get(key)`: `None` when `v` is not an object or has no `key`.
fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object()?.get(key)
}

/// Python's truth value of a JSON value (`None` for a missing key).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// The items of `v or []`: an array's elements, a string's characters, an
/// object's keys; nothing for anything else.
fn items(v: Option<&Value>) -> Vec<Value> {
    match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::String(s)) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        Some(Value::Object(o)) => o.keys().map(|k| Value::String(k.clone())).collect(),
        _ => Vec::new(),
    }
}

/// The text of `v or ''` (a non-string counts as empty).
fn text(v: Option<&Value>) -> &str {
    match v {
        Some(Value::String(s)) => s,
        _ => "",
    }
}

/// `norm(v)` of a JSON value.
fn norm_v(v: Option<&Value>) -> String {
    norm(text(v))
}

/// Python's `==` between two JSON values.
fn py_eq(a: &Value, b: &Value) -> bool {
    fn num(v: &Value) -> Option<&serde_json::Number> {
        match v {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
    fn as_num(v: &Value) -> Option<serde_json::Number> {
        match v {
            Value::Bool(b) => Some(serde_json::Number::from(*b as u8)),
            Value::Number(n) => Some(n.clone()),
            _ => None,
        }
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ if num(a).is_some() || num(b).is_some() || (a.is_boolean() && b.is_boolean()) => {
            match (as_num(a), as_num(b)) {
                (Some(x), Some(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                    (Some(p), Some(q), _, _) => p == q,
                    (_, _, Some(p), Some(q)) => p == q,
                    _ => x.as_f64() == y.as_f64(),
                },
                _ => false,
            }
        }
        _ => false,
    }
}

/// `sorted(x) == sorted(y)`: the same multiset under Python's `==`.
fn same_multiset(x: &[Value], y: &[Value]) -> bool {
    if x.len() != y.len() {
        return false;
    }
    let mut used = vec![false; y.len()];
    x.iter().all(
        |v| match (0..y.len()).find(|&j| !used[j] && py_eq(v, &y[j])) {
            Some(j) => {
                used[j] = true;
                true
            }
            None => false,
        },
    )
}

/// Python's `repr(x)` of a float (shortest round-trip digits; exponent form
/// below 1e-4 and from 1e16 on), which is also how `json.dumps` writes it,
/// except that JSON spells the non-finite values `NaN`, `Infinity`, `-Infinity`.
///
/// ```
/// use banmian_score::py_float_repr;
/// assert_eq!(py_float_repr(1.0), "1.0");
/// assert_eq!(py_float_repr(0.9714), "0.9714");
/// assert_eq!(py_float_repr(1e16), "1e+16");
/// assert_eq!(py_float_repr(1.5e-5), "1.5e-05");
/// ```
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // `{:e}` gives the shortest round-trip digits: "-1.2345e-5".
    let e = format!("{x:e}");
    let (mant, exp) = e.split_once('e').expect("exponent form");
    let exp: i32 = exp.parse().expect("exponent");
    let (sign, mant) = match mant.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mant),
    };
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let n = digits.len() as i32;
    if (-4..16).contains(&exp) {
        let body = if exp < 0 {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        } else if exp + 1 >= n {
            format!("{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
        } else {
            let (int, frac) = digits.split_at((exp + 1) as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let m = if n > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let es = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{es}{:02}", exp.abs())
    }
}

/// Python's `repr()` of a string (close enough to tell values apart).
fn py_str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Python's `repr()` of a JSON value as `json.load` builds it.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (_, Some(u)) => u.to_string(),
            _ => py_float_repr(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => py_str_repr(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `str(v or '')`.
fn py_str_or_empty(v: Option<&Value>) -> String {
    match v {
        _ if !truthy(v) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => py_repr(v),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// The scorer

/// A multiset of characters (`Counter(str)`).
type CharBag = HashMap<char, u64>;

fn bag(s: &str) -> CharBag {
    let mut b = CharBag::new();
    for c in s.chars() {
        *b.entry(c).or_default() += 1;
    }
    b
}

/// `sum((x & y).values())`: the size of the multiset intersection.
fn overlap<K: Eq + std::hash::Hash>(x: &HashMap<K, u64>, y: &HashMap<K, u64>) -> u64 {
    let (small, big) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    small
        .iter()
        .map(|(k, n)| (*n).min(big.get(k).copied().unwrap_or(0)))
        .sum()
}

/// `heads(a)`: the sorted non-empty normalized kicker, title and subtitles.
fn heads(a: &Value) -> Vec<String> {
    let mut out: Vec<String> = [get(a, "kicker").cloned(), get(a, "title").cloned()]
        .into_iter()
        .chain(items(get(a, "subtitles")).into_iter().map(Some))
        .map(|x| norm_v(x.as_ref()))
        .filter(|x| !x.is_empty())
        .collect();
    out.sort();
    out
}

/// `[norm(p) for p in a.get('paragraphs') or []]`.
fn paragraphs(a: &Value) -> Vec<String> {
    items(get(a, "paragraphs"))
        .iter()
        .map(|p| norm_v(Some(p)))
        .collect()
}

/// `body(a)`: the normalized paragraphs joined.
fn body(a: &Value) -> String {
    paragraphs(a).concat()
}

/// `all_text(page)`: every text of the page's articles, captions and blocks,
/// normalized.
fn all_text(page: &Value) -> String {
    let mut out = String::new();
    for a in items(get(page, "articles")) {
        out.push_str(text(get(&a, "kicker")));
        out.push_str(text(get(&a, "title")));
        for x in items(get(&a, "subtitles"))
            .iter()
            .chain(&items(get(&a, "paragraphs")))
        {
            out.push_str(text(Some(x)));
        }
        for c in items(get(&a, "captions")) {
            out.push_str(text(get(&c, "text")));
            out.push_str(text(get(&c, "credit")));
        }
    }
    for b in items(get(page, "blocks")) {
        out.push_str(text(get(&b, "text")));
    }
    norm(&out)
}

/// `match_articles(gold, pred)`: greedy one-to-one matching by shared body
/// characters. For each gold article (in order), the unused predicted article
/// with the largest multiset overlap (the first one on ties) is taken if the
/// overlap is at least half the gold body (at least 1 character).
///
/// Returns, for each gold article, the index of its predicted article.
pub fn match_articles(gold: &[Value], pred: &[Value]) -> Vec<Option<usize>> {
    let pred_bags: Vec<CharBag> = pred.iter().map(|p| bag(&body(p))).collect();
    let mut used = vec![false; pred.len()];
    gold.iter()
        .map(|g| {
            let gbody = body(g);
            let gb = bag(&gbody);
            let (mut best, mut bj) = (0u64, None);
            for (pj, pb) in pred_bags.iter().enumerate() {
                if used[pj] {
                    continue;
                }
                let ov = overlap(&gb, pb);
                if ov > best {
                    best = ov;
                    bj = Some(pj);
                }
            }
            // best >= 0.5 * max(1, len(body(g))), in integers.
            let glen = gbody.chars().count().max(1) as u64;
            match bj {
                Some(j) if 2 * best >= glen => {
                    used[j] = true;
                    Some(j)
                }
                _ => None,
            }
        })
        .collect()
}

/// Scores one page: `score_page(gold, pred, src_text)` of `score.py`.
///
/// `gold` is a `banmian-gold/1` page, `pred` any prediction in the
/// `banmian/1` shape (a [`banmian::Page`] through `serde_json::to_value`, or
/// foreign JSON), `src_text` the page's input text as `score.py` reads it
/// (UTF-8, invalid bytes replaced by U+FFFD).
///
/// ```
/// use banmian_score::{score_page, summary};
/// use serde_json::json;
///
/// let gold = json!({"articles": [{
///     "title": "春耕", "paragraphs": ["田里一片忙碌。", "农民 抢种。"],
///     "reporters": [], "dateline": null}]});
/// let pred = json!({"articles": [{
///     "title": "春 耕", "paragraphs": ["田里一片忙碌。", "农民抢种"],
///     "reporters": [], "dateline": null}]});
/// let counts = score_page(&gold, &pred, "春耕\n田里一片忙碌。\n农民抢种。\n");
/// assert_eq!((counts.para_tp, counts.para_gold, counts.para_pred), (1, 2, 2));
/// assert_eq!(counts.chars_lost, 1); // the last "。"
/// let s = summary(&counts);
/// assert_eq!(s.para_f1, 0.5);
/// assert_eq!(s.title, 1.0);
/// assert_eq!(s.article_sim, 0.9565); // 2 * 11 / 23
/// ```
pub fn score_page(gold: &Value, pred: &Value, src_text: &str) -> Counts {
    let mut s = Counts::default();
    let gold_articles = items(get(gold, "articles"));
    let pred_articles = items(get(pred, "articles"));

    let mut gp: HashMap<String, u64> = HashMap::new();
    for a in &gold_articles {
        for p in paragraphs(a) {
            *gp.entry(p).or_default() += 1;
        }
    }
    let mut pp: HashMap<String, u64> = HashMap::new();
    for a in &pred_articles {
        for p in paragraphs(a).into_iter().filter(|p| !p.is_empty()) {
            *pp.entry(p).or_default() += 1;
        }
    }
    s.para_tp += overlap(&gp, &pp);
    s.para_gold += gp.values().sum::<u64>();
    s.para_pred += pp.values().sum::<u64>();

    for (g, pj) in gold_articles
        .iter()
        .zip(match_articles(&gold_articles, &pred_articles))
    {
        s.articles += 1;
        let Some(pj) = pj else { continue };
        let p = &pred_articles[pj];
        s.art_matched += 1;
        s.art_exact += u64::from(paragraphs(g) == paragraphs(p));
        let gb: Vec<char> = body(g).chars().collect();
        let pb: Vec<char> = body(p).chars().collect();
        s.art_sim += sequence_ratio(&gb, &pb);
        s.head_set += u64::from(heads(g) == heads(p));
        let (gt, pt) = (norm_v(get(g, "title")), norm_v(get(p, "title")));
        s.title += u64::from(gt == pt);
        let (gt, pt): (Vec<char>, Vec<char>) = (gt.chars().collect(), pt.chars().collect());
        s.title_sim += sequence_ratio(&gt, &pt);
        s.meta_n += 4;
        s.meta_ok += u64::from(same_multiset(
            &items(get(g, "reporters")),
            &items(get(p, "reporters")),
        ));
        s.meta_ok += u64::from(norm_v(get(g, "dateline")) == norm_v(get(p, "dateline")));
        for key in ["continued_to", "continued_from"] {
            s.meta_ok += u64::from(py_str_or_empty(get(g, key)) == py_str_or_empty(get(p, key)));
        }
        if truthy(get(g, "dateline")) && truthy(get(g, "date")) {
            s.meta_n += 1;
            let gd = get(g, "date").unwrap_or(&Value::Null);
            s.meta_ok += u64::from(py_eq(gd, get(p, "date").unwrap_or(&Value::Null)));
        }
        let pred_caps = items(get(p, "captions"));
        for c in items(get(g, "captions")) {
            s.cap_gold += 1;
            let want = norm_v(get(&c, "text"));
            let got = pred_caps.iter().find(|x| norm_v(get(x, "text")) == want);
            s.cap_ok += u64::from(got.is_some());
            s.cap_credit_ok += u64::from(got.is_some_and(|x| {
                same_multiset(
                    &items(get(x, "photographers")),
                    &items(get(&c, "photographers")),
                )
            }));
        }
    }

    let banner = Value::String("banner".into());
    let banners = |page: &Value| -> HashMap<String, u64> {
        let mut m = HashMap::new();
        for b in items(get(page, "blocks")) {
            if get(&b, "kind").is_some_and(|k| py_eq(k, &banner)) {
                *m.entry(norm_v(get(&b, "text"))).or_default() += 1;
            }
        }
        m
    };
    let (gb, pb) = (banners(gold), banners(pred));
    s.banner_gold += gb.values().sum::<u64>();
    s.banner_ok += overlap(&gb, &pb);

    // Conservation: every non-space input character must reappear somewhere
    // in the output (articles, captions, blocks, or the dropped list).
    let mut out = all_text(pred);
    for d in items(get(pred, "dropped")) {
        out.push_str(&norm_v(get(&d, "text")));
    }
    let out = bag(&out);
    let src = norm(src_text);
    let lost: u64 = bag(&src)
        .iter()
        .map(|(c, n)| n.saturating_sub(out.get(c).copied().unwrap_or(0)))
        .sum();
    s.chars_in += src.chars().count() as u64;
    s.chars_lost += lost;
    s
}

/// Why `score.py` would refuse `gold` (raise on it), if it would.
///
/// `score.py` indexes gold pages without defaults: the page needs an
/// `articles` list of objects with a `paragraphs` list, blocks need a `kind`,
/// banner blocks a `text`, and captions a `text`.
pub fn check_gold(gold: &Value) -> Result<(), String> {
    let arts = get(gold, "articles")
        .and_then(Value::as_array)
        .ok_or("gold page has no \"articles\" list")?;
    for (i, a) in arts.iter().enumerate() {
        match get(a, "paragraphs") {
            Some(Value::Array(ps)) if ps.iter().all(|p| p.is_string() || p.is_null()) => {}
            _ => {
                return Err(format!(
                    "gold article {i} has no \"paragraphs\" list of strings"
                ))
            }
        }
        for c in items(get(a, "captions")) {
            if get(&c, "text").is_none() {
                return Err(format!("a caption of gold article {i} has no \"text\""));
            }
        }
    }
    for b in items(get(gold, "blocks")) {
        let kind = get(&b, "kind").ok_or("a gold block has no \"kind\"")?;
        if kind.as_str() == Some("banner") && get(&b, "text").is_none() {
            return Err("a gold banner has no \"text\"".into());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// difflib.SequenceMatcher(None, a, b, autojunk=False)

/// A port of difflib's `SequenceMatcher` with no junk and no autojunk.
struct Matcher<'a> {
    a: &'a [char],
    b: &'a [char],
    /// For each element of `b`, the ascending indices where it occurs.
    b2j: HashMap<char, Vec<usize>>,
    /// `j2len` of the previous row, indexed by `j + 1` (0 where unset).
    j2len: Vec<usize>,
    /// `newj2len` of the current row, indexed by `j + 1`.
    newj2len: Vec<usize>,
    /// The indices set in `j2len` / `newj2len`, to reset them.
    touched: Vec<usize>,
    newtouched: Vec<usize>,
}

impl<'a> Matcher<'a> {
    fn new(a: &'a [char], b: &'a [char]) -> Self {
        let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
        for (j, &c) in b.iter().enumerate() {
            b2j.entry(c).or_default().push(j);
        }
        Matcher {
            a,
            b,
            b2j,
            j2len: vec![0; b.len() + 1],
            newj2len: vec![0; b.len() + 1],
            touched: Vec::new(),
            newtouched: Vec::new(),
        }
    }

    /// `find_longest_match(alo, ahi, blo, bhi)`: the longest common block,
    /// earliest in `a` and then in `b` among the longest.
    fn find_longest_match(
        &mut self,
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
    ) -> (usize, usize, usize) {
        let (a, b) = (self.a, self.b);
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
        for (i, ai) in a.iter().enumerate().take(ahi).skip(alo) {
            if let Some(js) = self.b2j.get(ai) {
                // The indices below blo are skipped (`continue` in difflib).
                let start = js.partition_point(|&j| j < blo);
                for &j in &js[start..] {
                    if j >= bhi {
                        break;
                    }
                    let k = self.j2len[j] + 1; // j2len.get(j - 1, 0) + 1
                    self.newj2len[j + 1] = k;
                    self.newtouched.push(j + 1);
                    if k > bestsize {
                        besti = i + 1 - k;
                        bestj = j + 1 - k;
                        bestsize = k;
                    }
                }
            }
            // j2len = newj2len
            for &t in &self.touched {
                self.j2len[t] = 0;
            }
            self.touched.clear();
            std::mem::swap(&mut self.j2len, &mut self.newj2len);
            std::mem::swap(&mut self.touched, &mut self.newtouched);
        }
        for &t in &self.touched {
            self.j2len[t] = 0;
        }
        self.touched.clear();
        // Extend by equal (non-junk) elements on each end; with no junk this
        // never fires, but it is part of the algorithm.
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == b[bestj + bestsize]
        {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
    }

    /// `get_matching_blocks()`: sorted, adjacent blocks collapsed, ending
    /// with the sentinel `(len(a), len(b), 0)`.
    fn matching_blocks(&mut self) -> Vec<(usize, usize, usize)> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0, la, 0, lb)];
        let mut blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.find_longest_match(alo, ahi, blo, bhi);
            if k > 0 {
                blocks.push((i, j, k));
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        blocks.sort_unstable();
        let (mut i1, mut j1, mut k1) = (0, 0, 0);
        let mut out = Vec::new();
        for (i2, j2, k2) in blocks {
            if i1 + k1 == i2 && j1 + k1 == j2 {
                k1 += k2;
            } else {
                if k1 > 0 {
                    out.push((i1, j1, k1));
                }
                (i1, j1, k1) = (i2, j2, k2);
            }
        }
        if k1 > 0 {
            out.push((i1, j1, k1));
        }
        out.push((la, lb, 0));
        out
    }
}

/// `SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`:
/// triples `(i, j, n)` with `a[i..i+n] == b[j..j+n]`, ascending, ending with
/// `(a.len(), b.len(), 0)`.
///
/// ```
/// use banmian_score::matching_blocks;
/// let a: Vec<char> = "abxcd".chars().collect();
/// let b: Vec<char> = "abcd".chars().collect();
/// assert_eq!(matching_blocks(&a, &b), vec![(0, 0, 2), (3, 2, 2), (5, 4, 0)]);
/// ```
pub fn matching_blocks(a: &[char], b: &[char]) -> Vec<(usize, usize, usize)> {
    Matcher::new(a, b).matching_blocks()
}

/// `SequenceMatcher(None, a, b, autojunk=False).ratio()`: `2 * M / T` where
/// `M` is the number of matched elements and `T = len(a) + len(b)`; 1.0 when
/// both are empty.
///
/// ```
/// use banmian_score::sequence_ratio;
/// let a: Vec<char> = "今天天气很好".chars().collect();
/// let b: Vec<char> = "今天天气不好".chars().collect();
/// assert_eq!(sequence_ratio(&a, &b), 2.0 * 5.0 / 12.0);
/// ```
pub fn sequence_ratio(a: &[char], b: &[char]) -> f64 {
    let t = a.len() + b.len();
    if t == 0 {
        return 1.0;
    }
    let m: usize = matching_blocks(a, b).iter().map(|&(_, _, k)| k).sum();
    2.0 * m as f64 / t as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn ratio(a: &str, b: &str) -> f64 {
        sequence_ratio(&chars(a), &chars(b))
    }

    #[test]
    fn whitespace_is_pythons() {
        // [c for c in range(0x110000) if re.match(r'\s', chr(c))] in Python 3.11.
        let python: Vec<u32> = vec![
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        let ours: Vec<u32> = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_py_space(c))
            .map(|c| c as u32)
            .collect();
        assert_eq!(ours, python);
        assert_eq!(norm("\u{1c}本\u{1f}报\u{85}讯\u{200b}"), "本报讯\u{200b}");
    }

    #[test]
    fn difflib_ratios_agree_with_python() {
        // SequenceMatcher(None, a, b, autojunk=False).ratio() printed by Python 3.11.
        let cases: &[(&str, &str, f64)] = &[
            ("", "", 1.0),
            ("a", "", 0.0),
            ("abcd", "bcde", 0.75),
            ("的的的的的", "的的", 0.5714285714285714),
            ("abababab", "babababa", 0.875),
            ("aaabbbaaa", "ababab", 0.5333333333333333),
            (
                "今天天气很好今天天气很好",
                "天气很好今天",
                0.6666666666666666,
            ),
            (
                "新华社北京2月11日电记者李云",
                "北京新华社电11日2月记者云黎",
                0.6,
            ),
            ("abcabcabcxyzabc", "xyzabcabcabc", 0.6666666666666666),
            (
                "春眠不觉晓处处闻啼鸟夜来风雨声花落知多少",
                "处处闻啼鸟春眠不觉晓花落知多少夜来风雨声",
                0.5,
            ),
            ("aXbXcXdXe", "XaXbXcXdX", 0.8888888888888888),
        ];
        for &(a, b, want) in cases {
            assert_eq!(ratio(a, b), want, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn difflib_blocks_agree_with_python() {
        // list(SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
        let got = matching_blocks(&chars("abcabcabcxyzabc"), &chars("xyzabcabcabc"));
        assert_eq!(got, vec![(0, 3, 9), (15, 12, 0)]);
        let got = matching_blocks(&chars("aXbXcXdXe"), &chars("XaXbXcXdX"));
        assert_eq!(got, vec![(0, 1, 8), (9, 9, 0)]);
        let got = matching_blocks(&chars("qabxcdyefz"), &chars("abcdefq"));
        assert_eq!(got, vec![(1, 0, 2), (4, 2, 2), (7, 4, 2), (10, 7, 0)]);
    }

    #[test]
    fn difflib_long_pseudo_random_agrees_with_python() {
        // a = ''.join('天地玄黄宇宙洪荒日月'[(i * i * 7 + i * 3) % 10] for i in range(1200))
        // b = ''.join('天地玄黄宇宙洪荒日月'[(i * i * 5 + i) % 10] for i in range(1000))
        let alphabet = chars("天地玄黄宇宙洪荒日月");
        let a: Vec<char> = (0..1200usize)
            .map(|i| alphabet[(i * i * 7 + i * 3) % 10])
            .collect();
        let b: Vec<char> = (0..1000usize)
            .map(|i| alphabet[(i * i * 5 + i) % 10])
            .collect();
        assert_eq!(sequence_ratio(&a, &b), 0.5445454545454546);
        // b = a with every 97th character dropped
        let b: Vec<char> = a
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 97 != 0)
            .map(|(_, &c)| c)
            .collect();
        assert_eq!(sequence_ratio(&a, &b), 0.4373690825303729);
    }

    #[test]
    fn rounding_is_pythons() {
        // round(x, 4) printed by Python.
        let cases: &[(f64, f64)] = &[
            (0.00005, 0.0001),
            (0.00015, 0.0001),
            (0.00025, 0.0003),
            (0.99995, 1.0),
            (0.12345, 0.1235),
            (0.6666666666666666, 0.6667),
            (2.0 / 3.0 * 0.5, 0.3333),
            (0.97135, 0.9714),
            (0.5, 0.5),
            (1.0, 1.0),
            (0.0, 0.0),
        ];
        for &(x, want) in cases {
            assert_eq!(py_round(x, 4), want, "round({x:?}, 4)");
        }
        assert_eq!(py_round(0.125, 2), 0.12);
        assert_eq!(py_round(0.375, 2), 0.38);
        assert_eq!(py_round(2.5, 0), 2.0);
    }

    #[test]
    fn float_repr_is_pythons() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.0, "0.0"),
            (0.9714, "0.9714"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123.0, "123.0"),
            (1e16, "1e+16"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-2.5, "-2.5"),
            (1e100, "1e+100"),
            (5e-324, "5e-324"),
        ];
        for &(x, want) in cases {
            assert_eq!(py_float_repr(x), want);
        }
    }

    #[test]
    fn python_value_semantics() {
        assert!(py_eq(&json!(1), &json!(1.0)));
        assert!(py_eq(&json!(true), &json!(1)));
        assert!(!py_eq(&json!("1"), &json!(1)));
        assert!(!py_eq(&json!(null), &json!(false)));
        assert_eq!(py_str_or_empty(Some(&json!(3))), "3");
        assert_eq!(py_str_or_empty(Some(&json!(3.0))), "3.0");
        assert_eq!(py_str_or_empty(Some(&json!(0))), "");
        assert_eq!(py_str_or_empty(Some(&json!(["3"]))), "['3']");
        assert!(same_multiset(
            &items(Some(&json!(["乙", "甲"]))),
            &items(Some(&json!("甲乙")))
        ));
        assert_eq!(f1(0, 0, 0), 1.0);
        assert_eq!(f1(0, 3, 0), 0.0);
        assert_eq!(f1(0, 0, 2), 0.0);
        assert_eq!(f1(1, 2, 3), 0.4);
    }

    fn gold_page() -> Value {
        json!({
            "schema": "banmian-gold/1",
            "articles": [
                {"kicker": "春到田间", "title": "春耕 备耕 正当时", "subtitles": ["全区落实粮食播种面积"],
                 "dateline": "本报讯（记者 王小明）", "reporters": ["王小明"], "date": "2021-03-05",
                 "paragraphs": ["本报讯（记者 王小明）3月5日，全区春耕备耕全面展开。",
                                "农技人员深入田间地头，指导农户科学施肥。"],
                 "captions": [{"text": "农民在田里插秧。", "credit": "记者 李华 摄", "photographers": ["李华"]}],
                 "continued_to": "3", "continued_from": null},
                {"kicker": null, "title": "图书馆延长开放时间", "subtitles": [], "dateline": null,
                 "reporters": [], "date": null,
                 "paragraphs": ["即日起，区图书馆每天开放至晚上九点。", "读者可凭借阅证入馆。"],
                 "captions": [], "continued_to": null, "continued_from": null},
                {"kicker": null, "title": "简讯", "subtitles": [], "dateline": null, "reporters": [],
                 "date": null, "paragraphs": ["社区开展义诊活动。"], "captions": [],
                 "continued_to": null, "continued_from": null}
            ],
            "blocks": [{"kind": "banner", "text": "文明 城市 共建共享"},
                       {"kind": "masthead", "text": "某某日报"}]
        })
    }

    const SOURCE: &str = "某某日报\n文明 城市 共建共享\n文明 城市 共建共享\n春到田间\n春耕 备耕 正当时\n\
        全区落实粮食播种面积\n本报讯（记者 王小明）3月5日，全区春耕备耕全\n面展开。\n\
        农技人员深入田间地头，指导农户科学施肥。（下转3版）\n农民在田里插秧。 记者 李华 摄\n\
        图书馆延长开放时间\n即日起，区图书馆每天开放至晚上九点。\n读者可凭借阅证入馆。\n简讯\n社区开展义诊活动。\n";

    #[test]
    fn a_perfect_prediction_scores_full_marks() {
        let gold = gold_page();
        let mut pred = gold.clone();
        pred["dropped"] = json!([{"text": "文明城市共建共享", "reason": "duplicate"},
                                 {"text": "（下转3版）", "reason": "jump"}]);
        let c = score_page(&gold, &pred, SOURCE);
        assert_eq!(c.chars_lost, 0);
        assert_eq!(c.chars_in, norm(SOURCE).chars().count() as u64);
        let s = summary(&c);
        assert_eq!(
            (
                s.para_f1,
                s.article_exact,
                s.article_sim,
                s.headline_set,
                s.title,
                s.meta,
                s.captions,
                s.banners
            ),
            (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
        );
        assert_eq!(c.meta_n, 13);
    }

    #[test]
    fn a_damaged_prediction_scores_like_score_py() {
        let gold = gold_page();
        // Article 1 split wrongly, headline roles swapped (the set is still
        // right), a reporter missing, continued_to as a number (str() makes it
        // right); article 2 lost but for its last paragraph, glued to article
        // 3; the banner doubled and the masthead missing.
        let pred = json!({
            "articles": [
                {"kicker": "春耕备耕正当时", "title": "春到田间", "subtitles": ["全区落实粮食播种面积"],
                 "dateline": "本报讯（记者王小明）", "reporters": [], "date": "2021-03-05",
                 "paragraphs": ["本报讯（记者 王小明）3月5日，全区春耕备耕全", "面展开。",
                                "农技人员深入田间地头，指导农户科学施肥。", ""],
                 "captions": [{"text": "农民在田里插秧。", "credit": null, "photographers": []}],
                 "continued_to": 3},
                {"title": "简讯", "paragraphs": ["社区开展义诊活动。读者可凭借阅证入馆。"]}
            ],
            "blocks": [{"kind": "banner", "text": "文明城市共建共享文明城市共建共享"}]
        });
        let c = score_page(&gold, &pred, SOURCE);
        // Numbers printed by score.py's score_page for the same input.
        assert_eq!((c.para_tp, c.para_gold, c.para_pred), (1, 5, 4));
        assert_eq!((c.articles, c.art_matched, c.art_exact), (3, 2, 0));
        assert_eq!(c.art_sim, 1.6428571428571428);
        assert_eq!((c.head_set, c.title, c.meta_n, c.meta_ok), (2, 1, 9, 8));
        assert_eq!((c.cap_gold, c.cap_ok, c.cap_credit_ok), (1, 1, 0));
        assert_eq!((c.banner_gold, c.banner_ok), (1, 0));
        assert_eq!((c.chars_in, c.chars_lost), (154, 42));
        let s = summary(&c);
        let want = Summary {
            para_f1: 0.2222,
            article_exact: 0.0,
            article_sim: 0.5476,
            headline_set: 0.6667,
            title: 0.3333,
            title_sim: 0.3939,
            meta: 0.8889,
            captions: 1.0,
            banners: 0.0,
            lost_chars: 42,
            input_chars: 154,
        };
        assert_eq!(s, want);
    }

    #[test]
    fn matching_is_greedy_with_a_half_body_threshold() {
        let g = |t: &str| json!({"paragraphs": [t]});
        let gold = vec![g("甲乙丙丁"), g("戊己庚辛"), g("子丑")];
        // Preds 0 and 1 tie for gold 0 (the first wins); gold 1 shares exactly
        // half its body with pred 1 and gold 2 half with pred 2 (accepted).
        let pred = vec![g("甲乙"), g("甲乙戊己"), g("子")];
        assert_eq!(
            match_articles(&gold, &pred),
            vec![Some(0), Some(1), Some(2)]
        );
        // Below half: unmatched.
        let pred = vec![g("甲"), g("子丑")];
        assert_eq!(match_articles(&gold, &pred), vec![None, None, Some(1)]);
        // An empty gold body needs one shared character, which it cannot have.
        assert_eq!(match_articles(&[g("")], &[g("")]), vec![None]);
    }

    #[test]
    fn empty_and_foreign_predictions() {
        let gold = gold_page();
        let c = score_page(&gold, &json!({"articles": [], "error": "missing"}), SOURCE);
        assert_eq!((c.articles, c.art_matched, c.para_pred), (3, 0, 0));
        assert_eq!(c.chars_lost, c.chars_in);
        let s = summary(&c);
        assert_eq!(
            (s.para_f1, s.article_sim, s.meta, s.captions, s.banners),
            (0.0, 0.0, 1.0, 1.0, 0.0)
        );
        // Not an object at all, or with wrong types: scored as empty.
        assert_eq!(score_page(&gold, &json!([1, 2]), SOURCE), c);
        let c2 = score_page(
            &gold,
            &json!({"articles": 5, "blocks": "x", "dropped": null}),
            SOURCE,
        );
        assert_eq!(c2, c);
    }

    #[test]
    fn counts_add_like_a_counter() {
        let gold = gold_page();
        let a = score_page(&gold, &gold, SOURCE);
        let mut t = Counts::default();
        t += &a;
        t += a.clone();
        assert_eq!(t.articles, 6);
        assert_eq!(t.art_sim, 6.0);
        assert_eq!(summary(&t).input_chars, 2 * a.chars_in);
    }

    #[test]
    fn gold_checks() {
        assert!(check_gold(&gold_page()).is_ok());
        assert!(check_gold(&json!({})).is_err());
        assert!(check_gold(&json!({"articles": [{"title": "x"}]})).is_err());
        assert!(check_gold(&json!({"articles": [], "blocks": [{"kind": "banner"}]})).is_err());
    }
}
