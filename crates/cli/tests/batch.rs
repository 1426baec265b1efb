//! `banmian batch`, run as the built binary on temporary folders.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

/// A short page: a headline stack over a dateline article, as pdftotext
/// breaks it into narrow column lines.
const PAGE_A: &str = "\
春耕时节农机忙
全区推广机械化插秧

本报讯（记者 李明）3月18日，
记者在城南街道的田间看到，
十余台插秧机正在水田里
来回作业，农户们在田埂上
搬运秧苗，一派繁忙景象。

今年全区计划完成机械化
插秧面积两万亩，比去年
增加三成。
";

/// Another page: two short items and an editor line.
const PAGE_B: &str = "\
社区图书馆正式开放

本报讯（记者 王芳）5月6日，
位于新华路的社区图书馆
正式向居民开放，馆内藏书
一万余册，设有儿童阅览区。

老旧小区改造启动
本报讯（记者 赵强）近日，
东山片区老旧小区改造工程
正式启动，涉及住户八百户。

责任编辑：陈红
";

fn banmian() -> Command {
    Command::new(env!("CARGO_BIN_EXE_banmian"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("banmian runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The output's lines, each parsed as JSON.
fn lines(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("UTF-8 output");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "last line unfinished"
    );
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn sources(pages: &[Value]) -> Vec<String> {
    pages
        .iter()
        .map(|p| p["source"].as_str().expect("source").to_string())
        .collect()
}

/// The pages' sources, relative to the input folder `root`.
fn sources_under(pages: &[Value], root: &Path) -> Vec<String> {
    sources(pages)
        .iter()
        .map(|s| {
            Path::new(s)
                .strip_prefix(root)
                .unwrap()
                .display()
                .to_string()
        })
        .collect()
}

fn jsonl(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn assert_page(page: &Value) {
    assert_eq!(page["schema"], "banmian/1", "{page}");
    assert!(page["articles"].is_array() && page["blocks"].is_array() && page["dropped"].is_array());
}

fn summary_says(out: &Output, what: &str) {
    let err = stderr(out);
    assert!(err.contains(what), "summary lacks {what:?}: {err}");
}

#[test]
fn folder_is_searched_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input.join("b.txt"), PAGE_B);
    write(&input.join("a.txt"), PAGE_A);
    write(&input.join("sub/c.txt"), PAGE_A);
    write(&input.join("notes.md"), "not a page");
    let out = run(banmian().arg("batch").arg(&input).arg("-v"));
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = lines(&out.stdout);
    let names = sources_under(&pages, &input);
    assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
    pages.iter().for_each(assert_page);
    assert_eq!(pages[0]["articles"][0]["reporters"], json!(["李明"]));
    assert!(
        stderr(&out).contains("notes.md: skipped"),
        "{}",
        stderr(&out)
    );
    summary_says(&out, "3 pages");
    summary_says(&out, "0 characters lost");
    summary_says(&out, "0 errors");
}

#[test]
fn real_page_loses_no_characters() {
    let page =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/beibei-2020-04-30-p1.txt");
    let out = run(banmian().arg("batch").arg(&page));
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = lines(&out.stdout);
    assert_eq!(pages.len(), 1);
    assert!(pages[0]["articles"].as_array().unwrap().len() >= 2);
    summary_says(&out, "1 pages");
    summary_says(&out, "0 characters lost");
}

#[test]
fn jsonl_carries_the_other_fields() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("shard.jsonl");
    let records = [
        json!({"id": "p-1", "text": PAGE_A, "meta": {"paper": "某某日报", "page": 1}}),
        json!({"id": 2, "body": "x", "text": PAGE_B, "schema": "theirs"}),
        json!({"text": PAGE_A, "source": "https://example.invalid/a"}),
    ];
    write(&shard, jsonl(&records));
    let out = run(banmian().arg("batch").arg(&shard));
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = lines(&out.stdout);
    assert_eq!(pages.len(), 3);
    pages.iter().for_each(assert_page);
    assert_eq!(pages[0]["id"], "p-1");
    assert_eq!(pages[0]["meta"], json!({"paper": "某某日报", "page": 1}));
    assert_eq!(pages[0]["source"], format!("{}:1", shard.display()));
    assert!(pages[0].get("text").is_none());
    assert_eq!(pages[1]["id"], 2);
    assert_eq!(pages[1]["body"], "x");
    // A field named like one of the page's own is renamed, not lost.
    assert_eq!(pages[1]["schema"], "banmian/1");
    assert_eq!(pages[1]["input_schema"], "theirs");
    // A record's own `source` names the page.
    assert_eq!(pages[2]["source"], "https://example.invalid/a");
}

#[test]
fn jsonl_field_option_names_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    write(&shard, jsonl(&[json!({"id": 1, "content": PAGE_B})]));
    let out = run(banmian()
        .args(["batch", "--jsonl-field", "content"])
        .arg(&shard));
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = lines(&out.stdout);
    assert_eq!(pages[0]["id"], 1);
    assert_eq!(pages[0]["articles"][0]["reporters"], json!(["王芳"]));
    // Without it, the record has no `text`: reported with its line.
    let out = run(banmian().arg("batch").arg(&shard));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("s.jsonl:1: no field `text`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn gzip_and_zstd_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let shard = jsonl(&[
        json!({"id": "g1", "text": PAGE_A}),
        json!({"id": "g2", "text": PAGE_B}),
    ]);
    write(&dir.path().join("1.jsonl.gz"), gzip(shard.as_bytes()));
    write(
        &dir.path().join("2.jsonl.zst"),
        zstd::encode_all(shard.replace("\"g", "\"z").as_bytes(), 3).unwrap(),
    );
    write(&dir.path().join("3.txt.gz"), gzip(PAGE_A.as_bytes()));
    write(
        &dir.path().join("4.txt.zst"),
        zstd::encode_all(PAGE_B.as_bytes(), 3).unwrap(),
    );
    let out = run(banmian().arg("batch").arg(dir.path()));
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = lines(&out.stdout);
    let ids: Vec<&str> = pages
        .iter()
        .map(|p| p["id"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(ids, ["g1", "g2", "z1", "z2", "-", "-"]);
    pages.iter().for_each(assert_page);
    assert_eq!(pages[4]["articles"][0]["reporters"], json!(["李明"]));
    assert_eq!(pages[5]["articles"][0]["reporters"], json!(["王芳"]));
    assert_eq!(pages[0]["articles"], pages[4]["articles"]);
}

#[test]
fn stdin_page_and_stdin_jsonl() {
    let pipe = |input: String, args: &[&str]| {
        let mut child = banmian()
            .arg("batch")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = pipe(PAGE_A.to_string(), &["-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = lines(&out.stdout);
    assert_eq!(sources(&pages), ["-"]);
    assert_eq!(pages[0]["articles"][0]["reporters"], json!(["李明"]));

    // Detected as JSONL by its first character.
    let shard = jsonl(&[
        json!({"id": 1, "text": PAGE_A}),
        json!({"id": 2, "text": PAGE_B}),
    ]);
    let out = pipe(shard.clone(), &["-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = lines(&out.stdout);
    assert_eq!(sources(&pages), ["-:1", "-:2"]);
    assert_eq!(pages[1]["id"], 2);

    // Forced, after leading blank lines (which keep the line numbers right).
    let out = pipe(format!("\n{shard}"), &["--stdin-jsonl", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&lines(&out.stdout)), ["-:2", "-:3"]);
}

#[test]
fn output_folder_mirrors_the_input_tree() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input.join("a.txt"), PAGE_A);
    write(&input.join("x/y/b.txt.gz"), gzip(PAGE_B.as_bytes()));
    let shard = jsonl(&[
        json!({"id": 1, "text": PAGE_A}),
        json!({"id": 2, "text": PAGE_B}),
    ]);
    write(
        &input.join("x/shard.jsonl.zst"),
        zstd::encode_all(shard.as_bytes(), 3).unwrap(),
    );
    write(&input.join("x/empty.jsonl"), "");
    let out_dir = dir.path().join("out");
    let out = run(banmian()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(format!("{}/", out_dir.display())));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let mut files: Vec<String> = walk(&out_dir)
        .iter()
        .map(|p| p.strip_prefix(&out_dir).unwrap().display().to_string())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["a.json", "x/empty.jsonl", "x/shard.jsonl", "x/y/b.json"]
    );
    let a: Value = serde_json::from_slice(&std::fs::read(out_dir.join("a.json")).unwrap()).unwrap();
    assert_page(&a);
    assert_eq!(a["articles"][0]["reporters"], json!(["李明"]));
    let shard = lines(&std::fs::read(out_dir.join("x/shard.jsonl")).unwrap());
    assert_eq!(shard.len(), 2);
    assert_eq!(shard[1]["id"], 2);
    assert!(std::fs::read(out_dir.join("x/empty.jsonl"))
        .unwrap()
        .is_empty());

    // An existing folder works without the trailing slash.
    let again = run(banmian()
        .arg("batch")
        .arg(input.join("a.txt"))
        .arg("-o")
        .arg(&out_dir));
    assert!(again.status.success(), "{}", stderr(&again));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn per_article_writes_one_article_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    write(
        &shard,
        jsonl(&[
            json!({"id": "A", "text": PAGE_A}),
            json!({"id": "B", "text": PAGE_B}),
        ]),
    );
    let out = run(banmian().args(["batch", "--per-article"]).arg(&shard));
    assert!(out.status.success(), "{}", stderr(&out));
    let articles = lines(&out.stdout);
    assert!(articles.len() >= 3, "{articles:?}");
    for a in &articles {
        assert!(a["paragraphs"].is_array(), "{a}");
        assert!(a.get("schema").is_none() && a.get("blocks").is_none());
    }
    let keys: Vec<(String, u64, u64)> = articles
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["page"].as_u64().unwrap(),
                a["article"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(keys[0], ("A".to_string(), 0, 0));
    assert!(
        keys.iter().any(|k| *k == ("B".to_string(), 1, 1)),
        "{keys:?}"
    );
    assert!(keys.windows(2).all(|w| (w[0].1, w[0].2) < (w[1].1, w[1].2)));
    assert_eq!(articles[0]["source"], format!("{}:1", shard.display()));
    assert_eq!(articles[0]["reporters"], json!(["李明"]));
}

#[test]
fn bad_pages_are_reported_with_file_and_line_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input.join("a.txt"), PAGE_A);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..500u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    write(&input.join("b.txt"), png);
    write(
        &input.join("c.jsonl"),
        format!(
            "{}\n{{\"id\": 2, \"text\": \n[1, 2]\n{{\"id\": 4, \"text\": 5}}\n{}\n",
            json!({"id": 1, "text": PAGE_B}),
            json!({"id": 5, "text": PAGE_A})
        ),
    );
    write(&input.join("d.txt"), PAGE_B);
    let out = run(banmian().arg("batch").arg(&input));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let b = input.join("b.txt").display().to_string();
    let c = input.join("c.jsonl").display().to_string();
    assert!(
        err.contains(&format!("{b}: cannot read page: looks binary")),
        "{err}"
    );
    assert!(err.contains(&format!("{c}:2: invalid JSON line")), "{err}");
    assert!(err.contains(&format!("{c}:3: invalid JSON line")), "{err}");
    assert!(
        err.contains(&format!("{c}:4: field `text` is a number")),
        "{err}"
    );
    summary_says(&out, "4 pages");
    summary_says(&out, "4 errors");
    let pages = lines(&out.stdout);
    let srcs = sources_under(&pages, &input);
    assert_eq!(srcs, ["a.txt", "c.jsonl:1", "c.jsonl:5", "d.txt"]);

    // A missing input is an error too, and the rest still runs.
    let out = run(banmian()
        .arg("batch")
        .arg(dir.path().join("nope.txt"))
        .arg(input.join("a.txt")));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nope.txt: cannot open"),
        "{}",
        stderr(&out)
    );
    assert_eq!(lines(&out.stdout).len(), 1);
}

#[test]
fn fail_fast_stops_at_the_first_bad_page() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    let mut text = jsonl(&[json!({"id": 1, "text": PAGE_A})]);
    text.push_str("{broken\n");
    text.push_str(&jsonl(&[json!({"id": 3, "text": PAGE_B})]));
    write(&shard, text);
    let out = run(banmian()
        .args(["batch", "--fail-fast", "-j", "2"])
        .arg(&shard));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("s.jsonl:2: invalid JSON line"),
        "{}",
        stderr(&out)
    );
    let pages = lines(&out.stdout);
    assert_eq!(
        pages.len(),
        1,
        "pages before the error are written, none after"
    );
    assert_eq!(pages[0]["id"], 1);
    // Without it: exit 1 too, but the third page is restored.
    let out = run(banmian().arg("batch").arg(&shard));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out.stdout).len(), 2);
}

#[test]
fn output_order_is_input_order_with_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    // Pages of very different sizes, so that workers finish out of order.
    let records: Vec<Value> = (0..300)
        .map(|i| {
            let text = if i % 7 == 0 {
                PAGE_A.repeat(40)
            } else {
                PAGE_B.to_string()
            };
            json!({"id": i, "text": format!("{text}第{i}页\n")})
        })
        .collect();
    write(&dir.path().join("a.jsonl"), jsonl(&records[..150]));
    write(
        &dir.path().join("b.jsonl.gz"),
        gzip(jsonl(&records[150..]).as_bytes()),
    );
    for chunk in ["512", "7"] {
        let out = run(banmian()
            .args(["batch", "-j", "2", "--chunk", chunk])
            .arg(dir.path().join("a.jsonl"))
            .arg(dir.path().join("b.jsonl.gz")));
        assert!(out.status.success(), "{}", stderr(&out));
        let ids: Vec<u64> = lines(&out.stdout)
            .iter()
            .map(|p| p["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, (0..300).collect::<Vec<u64>>());
        summary_says(&out, "300 pages");
    }
}

#[test]
fn compressed_output_file() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), PAGE_A);
    let out_file = dir.path().join("out/pages.jsonl.gz");
    let out = run(banmian()
        .arg("batch")
        .arg(dir.path().join("a.txt"))
        .arg("-o")
        .arg(&out_file));
    assert!(out.status.success(), "{}", stderr(&out));
    let mut text = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&out_file).unwrap()),
        &mut text,
    )
    .unwrap();
    assert_eq!(lines(&text).len(), 1);
}

/// Ctrl-C: the pages already read are written as whole lines, then exit 130.
#[cfg(unix)]
#[test]
fn interrupt_leaves_complete_lines() {
    let mut child = banmian()
        .args(["batch", "-q", "--chunk", "4", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdin
        .write_all(
            jsonl(
                &(0..8)
                    .map(|i| json!({"id": i, "text": PAGE_A}))
                    .collect::<Vec<_>>(),
            )
            .as_bytes(),
        )
        .unwrap();
    stdin.flush().unwrap();
    // Two chunks are restored and written while stdin stays open.
    let mut first = Vec::new();
    for _ in 0..8 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        first.push(line);
    }
    let kill = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -INT {}", child.id()))
        .status()
        .unwrap();
    assert!(kill.success());
    let mut rest = Vec::new();
    std::io::Read::read_to_end(&mut stdout, &mut rest).unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130));
    let all = [first.concat().into_bytes(), rest].concat();
    let pages = lines(&all);
    let ids: Vec<u64> = pages.iter().map(|p| p["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (0..8).collect::<Vec<u64>>());
}

#[test]
fn never_writes_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("s.jsonl");
    let text = jsonl(&[json!({"id": 1, "text": PAGE_A})]);
    write(&shard, &text);
    let out = run(banmian().arg("batch").arg(&shard).arg("-o").arg(&shard));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("would overwrite the input"),
        "{}",
        stderr(&out)
    );
    // Mirroring a folder into itself: the shard would be its own output.
    let out = run(banmian()
        .arg("batch")
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("would overwrite the input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&shard).unwrap(), text);
}
