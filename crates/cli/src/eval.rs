//! `banmian eval`: restore every gold page of a folder and score the result
//! the way the reference scorer `tools/score.py` does, printing the same
//! figures in the same format.
//!
//! For each `X.gold.json` (in file-name order), `X.txt` is restored and scored
//! with [`banmian_score`]. A page that cannot be restored is reported on
//! stderr and scored as an empty prediction, as `score.py` does for a missing
//! prediction file. With `--pred-dir DIR` each restored page is also written
//! as `DIR/X.json`, so that `score.py GOLD_DIR DIR` can score the very same
//! predictions.

use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use banmian_score::{py_float_repr, score_page, summary, Counts, Summary};
use serde_json::Value;

/// Arguments of `banmian eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Folder with `X.txt` and `X.gold.json` pages.
    pub gold_dir: PathBuf,
    /// Print machine-readable JSON (as `score.py --json`).
    #[arg(long)]
    pub json: bool,
    /// Also write each restored page as `DIR/X.json` (what `score.py GOLD_DIR DIR` reads).
    #[arg(long, value_name = "DIR")]
    pub pred_dir: Option<PathBuf>,
    /// What to restore each page from: `X.txt` (text) or `X.pdf` (the printed
    /// page). Conservation is always measured against `X.txt`, as score.py does.
    #[arg(long, value_enum, default_value_t = Input::Txt)]
    pub input: Input,
}

/// The input read for each gold page.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Input {
    /// `X.txt`, the extracted text.
    Txt,
    /// `X.pdf`, the printed page.
    Pdf,
}

/// Runs the evaluation.
pub fn run(args: &EvalArgs) -> Result<()> {
    let stems = gold_stems(&args.gold_dir)?;
    if let Some(dir) = &args.pred_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let counts = score_all(&stems, args)?;

    let mut total = Counts::default();
    let rows: Vec<(&str, Summary)> = stems
        .iter()
        .zip(&counts)
        .map(|(stem, c)| {
            total += c;
            (stem.as_str(), summary(c))
        })
        .collect();
    let out = if args.json {
        json_report(&rows, &summary(&total))
    } else {
        text_report(&rows, &summary(&total))
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes()).context("writing stdout")?;
    stdout.flush().context("writing stdout")
}

/// The stems `X` of the `X.gold.json` files in `dir`, sorted by file name
/// (code point order, like Python's `sorted(os.listdir(dir))`).
fn gold_stems(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names
        .into_iter()
        .filter_map(|f| f.strip_suffix(".gold.json").map(str::to_string))
        .collect())
}

/// Restores and scores every page, on all available cores, keeping the order
/// of `stems`.
fn score_all(stems: &[String], args: &EvalArgs) -> Result<Vec<Counts>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(stems.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Counts>>>> =
        Mutex::new((0..stems.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(stem) = stems.get(i) else { break };
                let r = score_one(&args.gold_dir, stem, args.pred_dir.as_deref(), args.input);
                results.lock().expect("no worker panics holding the lock")[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .expect("no worker panics holding the lock")
        .into_iter()
        .map(|r| r.expect("every page is scored"))
        .collect()
}

/// Restores and scores the page `stem` of `gold_dir`.
fn score_one(gold_dir: &Path, stem: &str, pred_dir: Option<&Path>, input: Input) -> Result<Counts> {
    let gold_path = gold_dir.join(format!("{stem}.gold.json"));
    let gold: Value = serde_json::from_slice(
        &std::fs::read(&gold_path).with_context(|| format!("reading {}", gold_path.display()))?,
    )
    .with_context(|| format!("parsing {}", gold_path.display()))?;
    if let Err(why) = banmian_score::check_gold(&gold) {
        bail!("{}: {why}", gold_path.display());
    }
    let src_path = gold_dir.join(format!("{stem}.txt"));
    let src_bytes =
        std::fs::read(&src_path).with_context(|| format!("reading {}", src_path.display()))?;
    // score.py reads the source as UTF-8 with errors='replace'.
    let src_text = String::from_utf8_lossy(&src_bytes);

    let input_path = match input {
        Input::Txt => src_path.clone(),
        Input::Pdf => gold_dir.join(format!("{stem}.pdf")),
    };
    let restored = catch_unwind(AssertUnwindSafe(|| crate::restore_path(&input_path)))
        .unwrap_or_else(|_| {
            Err(anyhow::anyhow!(
                "{}: the restorer panicked",
                src_path.display()
            ))
        });
    let pred_file = pred_dir.map(|d| d.join(format!("{stem}.json")));
    let pred = match restored {
        Ok(page) => {
            if let Some(file) = &pred_file {
                let text = serde_json::to_string_pretty(&page)? + "\n";
                std::fs::write(file, text)
                    .with_context(|| format!("writing {}", file.display()))?;
            }
            serde_json::to_value(&page)?
        }
        Err(err) => {
            eprintln!("banmian eval: {stem}: {err:#} (scored as an empty prediction)");
            // Leave no stale prediction behind for score.py to read.
            if let Some(file) = pred_file.filter(|f| f.exists()) {
                std::fs::remove_file(&file)
                    .with_context(|| format!("removing {}", file.display()))?;
            }
            serde_json::json!({"articles": []})
        }
    };
    Ok(score_page(&gold, &pred, &src_text))
}

/// `score.py`'s plain output: `stem {json}` per page, then `TOTAL {json}`.
fn text_report(rows: &[(&str, Summary)], total: &Summary) -> String {
    let mut out = String::new();
    for (stem, s) in rows {
        let _ = writeln!(out, "{stem} {}", summary_json(s));
    }
    let _ = writeln!(out, "TOTAL {}", summary_json(total));
    out
}

/// `score.py --json`: `{"pages": {stem: summary, ...}, "total": summary}`,
/// written with `ensure_ascii=False`.
fn json_report(rows: &[(&str, Summary)], total: &Summary) -> String {
    let pages: Vec<String> = rows
        .iter()
        .map(|(stem, s)| format!("{}: {}", json_str(stem, false), summary_json(s)))
        .collect();
    format!(
        "{{\"pages\": {{{}}}, \"total\": {}}}\n",
        pages.join(", "),
        summary_json(total)
    )
}

/// A summary as Python's `json.dumps` writes the dict (keys in order,
/// `", "` and `": "` separators).
fn summary_json(s: &Summary) -> String {
    let floats = [
        ("para_f1", s.para_f1),
        ("article_exact", s.article_exact),
        ("article_sim", s.article_sim),
        ("headline_set", s.headline_set),
        ("title", s.title),
        ("title_sim", s.title_sim),
        ("meta", s.meta),
        ("captions", s.captions),
        ("banners", s.banners),
    ];
    let mut parts: Vec<String> = floats
        .iter()
        .map(|(k, v)| format!("\"{k}\": {}", json_float(*v)))
        .collect();
    parts.push(format!("\"lost_chars\": {}", s.lost_chars));
    parts.push(format!("\"input_chars\": {}", s.input_chars));
    format!("{{{}}}", parts.join(", "))
}

/// A float as `json.dumps` writes it: Python's `repr`, and `NaN`,
/// `Infinity`, `-Infinity` for the non-finite values.
fn json_float(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        py_float_repr(x)
    }
}

/// A string as `json.dumps` writes it, with or without `ensure_ascii`.
fn json_str(s: &str, ensure_ascii: bool) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ensure_ascii && !c.is_ascii()) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_written_like_json_dumps() {
        // json.dumps(x) printed by Python.
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.0, "0.0"),
            (0.9714, "0.9714"),
            (0.5, "0.5"),
            (0.1235, "0.1235"),
            (0.0001, "0.0001"),
            (0.3333, "0.3333"),
            (1e-05, "1e-05"),
            (100.0, "100.0"),
            (1e16, "1e+16"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for &(x, want) in cases {
            assert_eq!(json_float(x), want);
        }
    }

    #[test]
    fn strings_are_written_like_json_dumps() {
        assert_eq!(json_str("p001", true), "\"p001\"");
        assert_eq!(
            json_str("版面\"a\\b\n\u{1}", false),
            "\"版面\\\"a\\\\b\\n\\u0001\""
        );
        assert_eq!(json_str("版面😀", true), "\"\\u7248\\u9762\\ud83d\\ude00\"");
        assert_eq!(
            json_str("\u{7f}\u{8}\u{c}\t\r", false),
            "\"\u{7f}\\b\\f\\t\\r\""
        );
    }

    #[test]
    fn reports_have_score_py_layout() {
        let c = Counts {
            para_tp: 1,
            para_gold: 3,
            para_pred: 2,
            articles: 2,
            art_matched: 1,
            art_sim: 0.75,
            meta_n: 4,
            meta_ok: 4,
            chars_in: 20,
            chars_lost: 3,
            ..Counts::default()
        };
        let s = summary(&c);
        let want = "{\"para_f1\": 0.4, \"article_exact\": 0.0, \"article_sim\": 0.375, \
            \"headline_set\": 0.0, \"title\": 0.0, \"title_sim\": 0.0, \"meta\": 1.0, \"captions\": 1.0, \
            \"banners\": 1.0, \"lost_chars\": 3, \"input_chars\": 20}";
        assert_eq!(summary_json(&s), want);
        let rows = vec![("p001", s.clone()), ("版2", s.clone())];
        assert_eq!(
            text_report(&rows, &s),
            format!("p001 {want}\n版2 {want}\nTOTAL {want}\n")
        );
        assert_eq!(
            json_report(&rows, &s),
            format!("{{\"pages\": {{\"p001\": {want}, \"版2\": {want}}}, \"total\": {want}}}\n")
        );
        let empty = summary(&Counts::default());
        assert_eq!(
            json_report(&[], &empty),
            "{\"pages\": {}, \"total\": {\"para_f1\": 1.0, \"article_exact\": 1.0, \
             \"article_sim\": 1.0, \"headline_set\": 1.0, \"title\": 1.0, \"title_sim\": 1.0, \"meta\": 1.0, \
             \"captions\": 1.0, \"banners\": 1.0, \"lost_chars\": 0, \"input_chars\": 0}}\n"
        );
    }
}
