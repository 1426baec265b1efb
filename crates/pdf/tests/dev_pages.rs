//! The dev pages of `../shared/pages/dev` restored from their PDFs, scored
//! like `tools/score.py` does. Skipped when the folder is not there.

use std::path::PathBuf;

use banmian_score::{score_page, summary, Counts};

fn dev_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pages/dev");
    dir.is_dir().then_some(dir)
}

#[test]
fn dev_pdfs_meet_the_issue_targets() {
    let Some(dir) = dev_dir() else {
        eprintln!("skipped: no ../shared/pages/dev");
        return;
    };
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".gold.json")
                .map(str::to_string)
        })
        .collect();
    stems.sort();
    let mut total = Counts::default();
    for stem in &stems {
        let pdf = dir.join(format!("{stem}.pdf"));
        if !pdf.exists() {
            continue;
        }
        let gold: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.join(format!("{stem}.gold.json"))).expect("gold"),
        )
        .expect("json");
        let src =
            String::from_utf8_lossy(&std::fs::read(dir.join(format!("{stem}.txt"))).expect("txt"))
                .into_owned();
        let mut pages = banmian_pdf::restore_pdf(std::fs::read(&pdf).expect("pdf"), stem, None)
            .expect("readable PDF");
        assert_eq!(pages.len(), 1, "{stem}");
        let pred = serde_json::to_value(pages.remove(0).page).expect("serialisable");
        total += &score_page(&gold, &pred, &src);
    }
    let s = summary(&total);
    eprintln!("{s:?}");
    assert!(s.para_f1 >= 0.99, "{s:?}");
    assert!(s.article_exact >= 0.95, "{s:?}");
    assert!(s.title >= 0.95, "{s:?}");
    assert_eq!(s.lost_chars, 0, "{s:?}");
}
