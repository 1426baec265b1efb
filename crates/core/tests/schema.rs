//! The JSON that `restore` produces conforms to `schema/banmian-1.schema.json`,
//! and the schema is strict enough to reject broken pages.

use banmian::{Article, Block, BlockKind, Caption, DropReason, Dropped, Page};
use serde_json::{json, Value};

const SCHEMA_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../schema/banmian-1.schema.json"
);
const SAMPLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/beibei-2020-04-30-p1.txt"
);

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(SCHEMA_PATH).expect("reading the schema file");
    let schema: Value = serde_json::from_str(&text).expect("the schema file is JSON");
    jsonschema::draft202012::meta::validate(&schema).expect("the schema is a valid 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

/// Asserts that `page`, serialised, is valid, listing every violation if not.
fn assert_valid(validator: &jsonschema::Validator, page: &Page, what: &str) {
    let value = serde_json::to_value(page).expect("a page serialises");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what}: output violates the schema:\n{}",
        errors.join("\n")
    );
}

fn restore_valid(text: &str, source: &str) -> Page {
    let page = banmian::restore(text, source);
    assert_valid(&validator(), &page, source);
    page
}

#[test]
fn sample_page_conforms() {
    let text = std::fs::read_to_string(SAMPLE_PATH).expect("reading the sample page");
    let page = restore_valid(&text, "beibei-2020-04-30-p1.txt");
    assert_eq!(page.schema, "banmian/1");
}

#[test]
fn sample_page_bytes_conform() {
    let bytes = std::fs::read(SAMPLE_PATH).expect("reading the sample page");
    let page =
        banmian::restore_bytes(&bytes, "beibei-2020-04-30-p1.txt").expect("the sample decodes");
    assert_valid(&validator(), &page, "sample page (bytes)");
}

#[test]
fn empty_input_conforms() {
    let page = restore_valid("", "empty.txt");
    assert!(page.articles.is_empty());
    restore_valid("\n\n \u{3000}\n", "blank.txt");
}

#[test]
fn snippets_conform() {
    let snippets: &[(&str, &str)] = &[
        ("dateline", "本报讯（记者 王五）5月1日，大会召开。\n会议强调，要抓好落实。\n"),
        (
            "headline then body",
            "全面融入成渝地区双城经济圈建设\n\n本报讯（记者 邓公平）4月28日，\n全会召开。全会的主要任务是\n推动发展。\n",
        ),
        (
            "caption",
            "春耕时节，农民在田间劳作。\n记者 秦廷富 摄\n\n本报讯 近日，全区春耕生产有序推进。\n",
        ),
        ("jumps", "（上接1版）\n工作推进有序。\n（下转3版）\n"),
        ("doubled line", "甲乙丙甲乙丙\n本报讯 会议召开。\n"),
        (
            "furniture",
            "北碚报\n2020年4月30日 星期四\n第1版 要闻\n责任编辑 张三 版式 李四 校对 王五\n众志成城 抗击疫情\n",
        ),
        ("garbage and radicals", "⼯作\u{0}会议\u{fffd}召开。\r\n"),
        ("latin and digits", "COVID-19 疫情防控 2020 年 GDP 增长 6.1%\n"),
    ];
    let validator = validator();
    for (what, text) in snippets {
        let page = banmian::restore(text, what);
        assert_valid(&validator, &page, what);
    }
}

/// A box on page 2 of a PDF.
const BOX: banmian::BBox = banmian::BBox {
    page: 2,
    rect: [10.5, 20.0, 300.25, 480.0],
};

#[test]
fn fully_populated_page_conforms() {
    let page = Page {
        articles: vec![Article {
            kicker: Some("引题".into()),
            title: Some("主题".into()),
            subtitles: vec!["副题".into()],
            dateline: Some("本报讯（记者 王五）".into()),
            reporters: vec!["王五".into()],
            date: Some("2020-04-28".into()),
            paragraphs: vec!["本报讯（记者 王五）4月28日，会议召开。".into()],
            captions: vec![Caption {
                text: "会议现场。".into(),
                credit: Some("记者 张三 摄".into()),
                photographers: vec!["张三".into()],
                bbox: Some(BOX),
            }],
            continued_to: Some("3".into()),
            continued_from: Some("1".into()),
            bbox: Some(BOX),
            paragraph_bboxes: vec![BOX],
            joined: Some(banmian::Joined {
                pieces: vec![banmian::PieceRef {
                    page: "3".into(),
                    source: "issue.pdf#3".into(),
                    article: 0,
                }],
                paragraphs: vec![
                    "本报讯（记者 王五）4月28日，会议召开。".into(),
                    "续完。".into(),
                ],
            }),
        }],
        blocks: [
            BlockKind::Banner,
            BlockKind::Masthead,
            BlockKind::Date,
            BlockKind::Page,
            BlockKind::Editor,
            BlockKind::Teaser,
            BlockKind::Other,
        ]
        .into_iter()
        .map(|kind| Block {
            kind,
            text: "版面".into(),
            bbox: Some(BOX),
        })
        .collect(),
        dropped: [
            DropReason::Duplicate,
            DropReason::Jump,
            DropReason::Normalized,
            DropReason::Garbage,
            DropReason::Ornament,
        ]
        .into_iter()
        .map(|reason| Dropped {
            text: "x".into(),
            reason,
        })
        .collect(),
        ..Page::empty("full.txt")
    };
    assert_valid(&validator(), &page, "fully populated page");
}

/// A valid page as JSON, to break in the tests below.
fn good() -> Value {
    json!({
        "schema": "banmian/1",
        "source": "p.txt",
        "articles": [{
            "kicker": null, "title": "主题", "subtitles": [], "dateline": null,
            "reporters": [], "date": "2020-04-28", "paragraphs": ["正文。"],
            "captions": [{"text": "图说。", "credit": null, "photographers": []}],
            "continued_to": null, "continued_from": null
        }],
        "blocks": [{"kind": "masthead", "text": "北碚报"}],
        "dropped": [{"text": "（下转3版）", "reason": "jump"}]
    })
}

#[test]
fn schema_accepts_added_fields() {
    let validator = validator();
    let mut page = good();
    page["version"] = json!("0.2");
    page["articles"][0]["confidence"] = json!(0.9);
    page["blocks"][0]["line"] = json!(1);
    assert!(validator.is_valid(&page));
}

#[test]
fn schema_rejects_broken_pages() {
    let validator = validator();
    assert!(
        validator.is_valid(&good()),
        "the reference page must be valid"
    );

    type Breakage = fn(&mut Value);
    let breakages: &[(&str, Breakage)] = &[
        ("missing articles", |v| {
            v.as_object_mut().unwrap().remove("articles");
        }),
        ("missing dropped", |v| {
            v.as_object_mut().unwrap().remove("dropped");
        }),
        ("wrong schema tag", |v| v["schema"] = json!("banmian/2")),
        ("articles not an array", |v| v["articles"] = json!({})),
        ("article without title key", |v| {
            v["articles"][0].as_object_mut().unwrap().remove("title");
        }),
        ("date not ISO", |v| {
            v["articles"][0]["date"] = json!("4月28日")
        }),
        ("date with time", |v| {
            v["articles"][0]["date"] = json!("2020-04-28T00:00")
        }),
        ("paragraph not a string", |v| {
            v["articles"][0]["paragraphs"] = json!([1])
        }),
        ("subtitles null", |v| {
            v["articles"][0]["subtitles"] = json!(null)
        }),
        ("caption without credit key", |v| {
            v["articles"][0]["captions"][0]
                .as_object_mut()
                .unwrap()
                .remove("credit");
        }),
        ("unknown block kind", |v| {
            v["blocks"][0]["kind"] = json!("advert")
        }),
        ("block without text", |v| {
            v["blocks"][0].as_object_mut().unwrap().remove("text");
        }),
        ("dropped without reason", |v| {
            v["dropped"][0].as_object_mut().unwrap().remove("reason");
        }),
        ("page not an object", |v| *v = json!([])),
    ];
    for (what, breakage) in breakages {
        let mut page = good();
        breakage(&mut page);
        assert!(
            !validator.is_valid(&page),
            "the schema accepted a page with {what}"
        );
    }
}
