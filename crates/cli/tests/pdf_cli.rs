//! `banmian restore` on PDF input, through the built binary.

use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/pdf")
        .join(name)
}

fn restore(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_banmian"))
        .arg("restore")
        .args(args)
        .output()
        .expect("banmian runs")
}

#[test]
fn a_two_page_pdf_gives_an_array_and_pages_selects() {
    let path = fixture("two-pages.pdf");
    let out = restore(&[path.to_str().unwrap(), "--join-jumps"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(pages.as_array().map(Vec::len), Some(2));
    assert!(pages[0]["source"].as_str().unwrap().ends_with("#1"));

    let out = restore(&[path.to_str().unwrap(), "--pages", "2", "--format", "text"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Second page") && !text.contains("First page"),
        "{text}"
    );
}

#[test]
fn a_text_file_named_pdf_is_a_clear_error() {
    let path = fixture("not-a-pdf.pdf");
    let out = restore(&[path.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not-a-pdf.pdf") && err.contains("not a PDF"),
        "{err}"
    );
}

#[test]
fn pages_on_text_input_is_refused() {
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/beibei-2020-04-30-p1.txt");
    let out = restore(&[page.to_str().unwrap(), "--pages", "1"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PDF input only"));
}

/// A JSON bbox's `rect`.
fn rect(bbox: &serde_json::Value) -> Vec<f64> {
    let r = bbox["rect"].as_array().expect("a rect");
    r.iter().map(|v| v.as_f64().expect("a number")).collect()
}

#[test]
fn pdf_output_places_articles_paragraphs_and_blocks_on_their_page() {
    let path = fixture("two-pages.pdf");
    let out = restore(&[path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for (n, page) in pages.as_array().expect("array").iter().enumerate() {
        let articles = page["articles"].as_array().expect("articles");
        assert!(!articles.is_empty());
        for a in articles {
            let bbox = &a["bbox"];
            assert_eq!(bbox["page"].as_u64(), Some(n as u64 + 1), "{a}");
            let r = rect(bbox);
            assert!(r[0] < r[2] && r[1] < r[3], "{r:?}");
            let paras = a["paragraphs"].as_array().unwrap().len();
            let boxes = a["paragraph_bboxes"].as_array().expect("paragraph boxes");
            assert_eq!(boxes.len(), paras);
            for b in boxes {
                // Each paragraph lies inside its article.
                let p = rect(b);
                assert!(
                    p[0] >= r[0] && p[1] >= r[1] && p[2] <= r[2] && p[3] <= r[3],
                    "{p:?} in {r:?}"
                );
            }
        }
    }
    // Text input has no geometry: no boxes at all.
    let text = std::env::temp_dir().join(format!("banmian-plain-{}.txt", std::process::id()));
    std::fs::write(&text, "大会召开\n\n本报讯 全会召开。\n").unwrap();
    let out = restore(&[text.to_str().unwrap()]);
    let _ = std::fs::remove_file(&text);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !page.contains("bbox"), "{page}");
}
