//! The data model: what a restored page is (the `banmian/1` JSON contract).
//!
//! Every stage of the pipeline reads and writes these types (through
//! [`crate::sheet::Sheet`] while a page is being restored), and the front ends
//! serialise them unchanged.

use serde::{Deserialize, Serialize};

/// The schema tag written into every page result.
pub const SCHEMA: &str = "banmian/1";

/// One restored page.
///
/// ```
/// let page = banmian::restore("本报讯（记者 王五）5月1日，大会召开。\n", "a.txt");
/// assert_eq!(page.schema, banmian::SCHEMA);
/// assert_eq!(page.articles.len(), 1);
/// assert_eq!(page.articles[0].reporters, vec!["王五".to_string()]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Where the text came from (a path, `-` for stdin, or an id).
    pub source: String,
    /// Articles in reading order.
    pub articles: Vec<Article>,
    /// Non-article matter: banners, masthead, page date, section, editors.
    pub blocks: Vec<Block>,
    /// Input text that is deliberately not part of the output, each with a reason.
    pub dropped: Vec<Dropped>,
}

impl Page {
    /// An empty page for `source`.
    pub fn empty(source: &str) -> Page {
        Page {
            schema: SCHEMA.to_string(),
            source: source.to_string(),
            articles: Vec::new(),
            blocks: Vec::new(),
            dropped: Vec::new(),
        }
    }
}

/// One article (or one piece of an article continued on another page).
///
/// ```
/// let page = banmian::restore("大会隆重召开\n\n本报讯（记者 王五）5月1日，大会召开。\n", "p");
/// let article = &page.articles[0];
/// assert_eq!(article.title.as_deref(), Some("大会隆重召开"));
/// assert_eq!(article.dateline.as_deref(), Some("本报讯（记者 王五）"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// 引题: the line above the title.
    pub kicker: Option<String>,
    /// 主题: the main headline.
    pub title: Option<String>,
    /// 副题: lines below the title.
    pub subtitles: Vec<String>,
    /// The dateline as printed, e.g. `本报讯（记者 邓公平）`.
    pub dateline: Option<String>,
    /// Reporters named in the dateline or byline.
    pub reporters: Vec<String>,
    /// The date of the dateline as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Paragraphs as printed (dateline included, jump markers removed).
    pub paragraphs: Vec<String>,
    /// Photo captions that illustrate this article.
    pub captions: Vec<Caption>,
    /// The page this piece continues on ("3" for （下转3版）).
    pub continued_to: Option<String>,
    /// The page this piece continues from ("1" for （上接1版）).
    pub continued_from: Option<String>,
    /// Where the article is printed (PDF input): the union of its lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// Where each paragraph is printed (PDF input), parallel to
    /// `paragraphs`; empty for text input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraph_bboxes: Vec<BBox>,
    /// On the first piece of an article continued across the pages of an
    /// issue (see [`crate::issue::join_jumps`]): the other pieces and the
    /// whole article's paragraphs. Absent unless pages were joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<Joined>,
}

/// An article joined across pages: where its other pieces are, and all its
/// paragraphs in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Joined {
    /// The continuation pieces, in order.
    pub pieces: Vec<PieceRef>,
    /// The paragraphs of every piece, the head's first.
    pub paragraphs: Vec<String>,
}

/// Where a continuation piece is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PieceRef {
    /// The printed page number.
    pub page: String,
    /// The `source` of that page.
    pub source: String,
    /// The piece's index in that page's `articles`.
    pub article: usize,
}

/// A photo caption with its credit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Caption {
    /// The caption text without the credit.
    pub text: String,
    /// The credit as printed, e.g. `记者 秦廷富 摄`.
    pub credit: Option<String>,
    /// The people named in the credit.
    pub photographers: Vec<String>,
    /// Where the caption is printed (PDF input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
}

/// Where something is printed on a PDF page: the 1-based page number and
/// the box `[x0, y0, x1, y1]` in PDF points, origin at the top left of the
/// page's crop box (y grows downwards). Present only for PDF input.
///
/// ```
/// let b = banmian::BBox { page: 1, rect: [10.0, 20.0, 110.0, 40.0] };
/// assert_eq!(b.union(&banmian::BBox { page: 1, rect: [0.0, 30.0, 50.0, 60.0] }).rect, [0.0, 20.0, 110.0, 60.0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    /// The 1-based page of the PDF.
    pub page: usize,
    /// `[x0, y0, x1, y1]` in PDF points.
    pub rect: [f32; 4],
}

impl BBox {
    /// The smallest box holding both (on `self`'s page).
    pub fn union(&self, other: &BBox) -> BBox {
        let (a, b) = (self.rect, other.rect);
        BBox {
            page: self.page,
            rect: [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ],
        }
    }
}

/// A non-article block of the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text.
    pub text: String,
    /// Where it is printed (PDF input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
}

/// The kinds of non-article blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A slogan or public-service banner.
    Banner,
    /// The newspaper's name.
    Masthead,
    /// The page's date line.
    Date,
    /// Page number and section (`第1版 要闻`).
    Page,
    /// Editor credits (责任编辑, 版式, 校对).
    Editor,
    /// A 导读 box: teasers for articles on other pages (`导读`, section,
    /// title, `第五版`), printed inside another article's column.
    Teaser,
    /// Anything else that is not article text.
    Other,
}

/// Input text that is not part of the restored output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dropped {
    /// The text as it was in the input.
    pub text: String,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// Why text was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DropReason {
    /// The second copy of a shadow-doubled line.
    Duplicate,
    /// A jump marker such as （下转3版）; it is recorded in `continued_to`/`continued_from`.
    Jump,
    /// A code point replaced by its normal form (a Kangxi radical mapped to its ideograph).
    Normalized,
    /// Control or replacement characters that carry no text.
    Garbage,
    /// A hyphen removed at a line end to mend a Latin word split there.
    Hyphen,
    /// A rule or frame piece drawn with private-use ornament glyphs (see
    /// [`crate::ornament`]): not text, but evidence of a boundary.
    Ornament,
    /// Text no stage placed (a backstop that should never fire; it keeps the
    /// accounting exact if one does).
    Unplaced,
}
