//! Golden test: the real sample page (北碚报 2020-04-30, page 1, as pdftotext
//! extracted it) restores exactly to its gold structure.

use banmian_score::{score_page, summary};

const PAGE: &str = include_str!("../../../tests/fixtures/beibei-2020-04-30-p1.txt");
const GOLD: &str = include_str!("../../../tests/fixtures/beibei-2020-04-30-p1.gold.json");

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn sample_page_restores_exactly() {
    let page = banmian::restore(PAGE, "beibei-2020-04-30-p1.txt");
    let gold: serde_json::Value = serde_json::from_str(GOLD).expect("gold parses");
    let gold_articles = gold["articles"].as_array().expect("articles");
    assert_eq!(page.articles.len(), 3);
    for (got, want) in page.articles.iter().zip(gold_articles) {
        let paras: Vec<String> = got.paragraphs.iter().map(|p| squeeze(p)).collect();
        let want_paras: Vec<String> = want["paragraphs"]
            .as_array()
            .expect("paragraphs")
            .iter()
            .map(|p| squeeze(p.as_str().unwrap_or_default()))
            .collect();
        assert_eq!(paras, want_paras);
        let opt = |v: &serde_json::Value| v.as_str().map(squeeze);
        assert_eq!(got.kicker.as_deref().map(squeeze), opt(&want["kicker"]));
        assert_eq!(got.title.as_deref().map(squeeze), opt(&want["title"]));
        let subs: Vec<String> = got.subtitles.iter().map(|s| squeeze(s)).collect();
        let want_subs: Vec<String> = want["subtitles"]
            .as_array()
            .expect("subtitles")
            .iter()
            .filter_map(opt)
            .collect();
        assert_eq!(subs, want_subs);
        assert_eq!(got.dateline.as_deref().map(squeeze), opt(&want["dateline"]));
        assert_eq!(got.date.as_deref(), want["date"].as_str());
        assert_eq!(got.continued_to.as_deref(), want["continued_to"].as_str());
    }
    let first = &page.articles[0];
    assert_eq!(first.reporters, vec!["邓公平"]);
    assert_eq!(first.captions.len(), 1);
    assert_eq!(first.captions[0].photographers, vec!["秦廷富"]);
    assert_eq!(page.articles[1].continued_to.as_deref(), Some("3"));
    let banners: Vec<&str> = page
        .blocks
        .iter()
        .filter(|b| b.kind == banmian::BlockKind::Banner)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(banners, vec!["人人共建文明城区", "人人共享城市文明"]);
}

#[test]
fn sample_page_scores_full_marks_and_loses_nothing() {
    let page = banmian::restore(PAGE, "beibei-2020-04-30-p1.txt");
    let gold: serde_json::Value = serde_json::from_str(GOLD).expect("gold parses");
    let pred = serde_json::to_value(&page).expect("page serialises");
    let s = summary(&score_page(&gold, &pred, PAGE));
    assert_eq!(s.lost_chars, 0);
    for (name, value) in [
        ("para_f1", s.para_f1),
        ("article_exact", s.article_exact),
        ("headline_set", s.headline_set),
        ("title", s.title),
        ("meta", s.meta),
        ("captions", s.captions),
        ("banners", s.banners),
    ] {
        assert_eq!(value, 1.0, "{name}");
    }
}
