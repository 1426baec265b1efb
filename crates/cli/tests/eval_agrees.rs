//! `banmian eval` agrees with the reference scorer `tools/score.py`.
//!
//! The agreement tests need the shared folder beside the checkout
//! (`../shared`, with `tools/score.py` and `pages/`) and `python3`: they are
//! `#[ignore]`d, so that a checkout without them shows them as ignored rather
//! than passed, and `.ci/run` runs them (`cargo test -- --ignored`) where
//! `../shared` is; there, a missing piece fails them. The tests on a
//! hand-made gold folder always run.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const SUMMARY_KEYS: [&str; 11] = [
    "para_f1",
    "article_exact",
    "article_sim",
    "headline_set",
    "title",
    "title_sim",
    "meta",
    "captions",
    "banners",
    "lost_chars",
    "input_chars",
];

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// `(score.py, pages dir)`: the reference scorer, which these tests need.
fn reference() -> (PathBuf, PathBuf) {
    let script = shared().join("tools/score.py");
    let pages = shared().join("pages");
    let python = Command::new("python3").arg("--version").output();
    assert!(
        script.is_file() && pages.is_dir() && python.is_ok_and(|o| o.status.success()),
        "this test needs ../shared/tools/score.py, ../shared/pages and python3"
    );
    (script, pages)
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn eval(args: &[&Path]) -> String {
    run(Command::new(env!("CARGO_BIN_EXE_banmian"))
        .arg("eval")
        .args(args))
}

/// Asserts two score reports are the same: integers exactly, floats after
/// rounding to 4 places.
fn assert_same(ours: &Value, theirs: &Value, at: &str) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let (ka, kb): (Vec<_>, Vec<_>) = (a.keys().collect(), b.keys().collect());
            assert_eq!(ka, kb, "keys at {at}");
            for (k, v) in a {
                assert_same(v, &b[k], &format!("{at}.{k}"));
            }
        }
        (Value::Number(x), Value::Number(y)) => match (x.as_u64(), y.as_u64()) {
            (Some(p), Some(q)) => assert_eq!(p, q, "at {at}"),
            _ => {
                let r = |n: &serde_json::Number| (n.as_f64().unwrap() * 1e4).round();
                assert_eq!(r(x), r(y), "at {at}: {x} vs {y}");
                assert_eq!(x.is_f64(), y.is_f64(), "int vs float at {at}");
            }
        },
        _ => assert_eq!(ours, theirs, "at {at}"),
    }
}

fn agree_on(script: &Path, gold_dir: &Path) {
    // --json: compare values.
    let preds = tempfile::tempdir().unwrap();
    let ours = eval(&[
        gold_dir,
        Path::new("--json"),
        Path::new("--pred-dir"),
        preds.path(),
    ]);
    let theirs = run(Command::new("python3")
        .arg(script)
        .arg(gold_dir)
        .arg(preds.path())
        .arg("--json"));
    let (a, b): (Value, Value) = (
        serde_json::from_str(&ours).unwrap(),
        serde_json::from_str(&theirs).unwrap(),
    );
    assert!(
        !a["pages"].as_object().unwrap().is_empty(),
        "no pages in {}",
        gold_dir.display()
    );
    assert_same(&a, &b, "report");
    eprintln!("{}: {}", gold_dir.display(), a["total"]);
    // The plain report: the very same text (each run scored on its own predictions).
    let preds = tempfile::tempdir().unwrap();
    let ours = eval(&[gold_dir, Path::new("--pred-dir"), preds.path()]);
    let theirs = run(Command::new("python3")
        .arg(script)
        .arg(gold_dir)
        .arg(preds.path()));
    assert_eq!(ours, theirs);
}

#[test]
#[ignore = "needs ../shared (score.py, pages) and python3; run by .ci/run"]
fn eval_agrees_with_score_py_on_dev_pages() {
    {
        let (script, pages) = reference();
        agree_on(&script, &pages.join("dev"));
    }
}

#[test]
#[ignore = "needs ../shared (score.py, pages) and python3; run by .ci/run"]
fn eval_agrees_with_score_py_on_real_pages() {
    {
        let (script, pages) = reference();
        agree_on(&script, &pages);
    }
}

const PAGE: &str = "\
春耕备耕正当时
本报讯（记者 王小明）3月5日，全区春耕备耕全
面展开。
农技人员深入田间地头，指导农户科学施肥。

图书馆延长开放时间
即日起，区图书馆每天开放至晚上九点。
读者可凭借阅证入馆。
";

const GOLD: &str = r#"{"schema": "banmian-gold/1", "articles": [
 {"kicker": null, "title": "春耕备耕正当时", "subtitles": [], "dateline": "本报讯（记者 王小明）",
  "reporters": ["王小明"], "date": null,
  "paragraphs": ["本报讯（记者 王小明）3月5日，全区春耕备耕全面展开。", "农技人员深入田间地头，指导农户科学施肥。"],
  "captions": [], "continued_to": null, "continued_from": null},
 {"kicker": null, "title": "图书馆延长开放时间", "subtitles": [], "dateline": null, "reporters": [], "date": null,
  "paragraphs": ["即日起，区图书馆每天开放至晚上九点。", "读者可凭借阅证入馆。"],
  "captions": [], "continued_to": null, "continued_from": null}],
 "blocks": []}"#;

/// Non-whitespace characters of `PAGE` (len(re.sub(r'\s+', '', PAGE)) in Python).
const PAGE_CHARS: u64 = 90;

#[test]
fn eval_reports_every_gold_page_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for stem in ["b", "a"] {
        std::fs::write(dir.path().join(format!("{stem}.txt")), PAGE).unwrap();
        std::fs::write(dir.path().join(format!("{stem}.gold.json")), GOLD).unwrap();
    }
    std::fs::write(dir.path().join("notes.json"), "{}").unwrap();
    let preds = dir.path().join("preds");

    let out = eval(&[
        dir.path(),
        Path::new("--json"),
        Path::new("--pred-dir"),
        &preds,
    ]);
    // The strings of the report (its keys, as all values are numbers), in order.
    let strings: Vec<&str> = out.split('"').skip(1).step_by(2).collect();
    let mut want = vec!["pages"];
    for name in ["a", "b", "total"] {
        want.push(name);
        want.extend(SUMMARY_KEYS);
    }
    assert_eq!(strings, want, "{out}");
    assert!(out.starts_with("{\"pages\": {\"a\": {\"para_f1\": ") && out.ends_with("}}\n"));

    let report: Value = serde_json::from_str(&out).unwrap();
    for stem in ["a", "b"] {
        let page = &report["pages"][stem];
        assert_eq!(page["input_chars"], PAGE_CHARS);
        assert!(page["lost_chars"].as_u64().unwrap() <= PAGE_CHARS);
        for k in &SUMMARY_KEYS[..9] {
            let x = page[k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x), "{k} = {x}");
        }
    }
    assert_eq!(report["total"]["input_chars"], 2 * PAGE_CHARS);
    // A page the restorer managed is written where score.py can read it.
    for stem in ["a", "b"] {
        if let Ok(text) = std::fs::read_to_string(preds.join(format!("{stem}.json"))) {
            let pred: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(pred["schema"], "banmian/1");
        }
    }

    let plain = eval(&[dir.path()]);
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), 3, "{plain}");
    let rows = [
        ("a", &report["pages"]["a"]),
        ("b", &report["pages"]["b"]),
        ("TOTAL", &report["total"]),
    ];
    for (line, (name, figures)) in lines.iter().zip(rows) {
        let (stem, json) = line.split_once(' ').unwrap();
        assert_eq!(stem, name);
        assert_eq!(&serde_json::from_str::<Value>(json).unwrap(), figures);
    }
}

#[test]
fn eval_of_an_empty_folder_is_score_py_s() {
    let dir = tempfile::tempdir().unwrap();
    let out = eval(&[dir.path(), Path::new("--json")]);
    // python3 score.py EMPTY EMPTY --json
    assert_eq!(
        out,
        "{\"pages\": {}, \"total\": {\"para_f1\": 1.0, \"article_exact\": 1.0, \"article_sim\": 1.0, \
         \"headline_set\": 1.0, \"title\": 1.0, \"title_sim\": 1.0, \"meta\": 1.0, \"captions\": 1.0, \"banners\": 1.0, \
         \"lost_chars\": 0, \"input_chars\": 0}}\n"
    );
    let out = eval(&[dir.path()]);
    assert!(out.starts_with("TOTAL {\"para_f1\": 1.0, "), "{out}");
}

#[test]
fn eval_refuses_a_gold_page_score_py_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.txt"), PAGE).unwrap();
    std::fs::write(dir.path().join("x.gold.json"), r#"{"blocks": []}"#).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_banmian"))
        .arg("eval")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("articles"));
}
