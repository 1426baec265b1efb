//! banmian (版面): restore the broken extracted text of Chinese newspaper pages
//! into the articles that were printed.
//!
//! The library has no I/O policy: it takes text (or bytes) and returns a
//! [`Page`]. Each stage is a module of its own that reads and writes the
//! working [`sheet::Sheet`]; [`restore`] runs them in order.
//!
//! ```
//! let text = "本报讯（记者 邓公平）4月28日，全会召开。\n";
//! let page = banmian::restore(text, "page.txt");
//! assert_eq!(page.articles[0].dateline.as_deref(), Some("本报讯（记者 邓公平）"));
//! assert_eq!(page.articles[0].date, None); // no year on the page
//! ```

pub mod accounting;
pub mod byline;
pub mod caption;
pub mod furniture;
pub mod headline;
pub mod input;
pub mod issue;
pub mod jump;
pub mod layout;
pub mod measure;
pub mod model;
pub mod normalize;
pub mod ornament;
pub mod pipeline;
pub mod reflow;
mod reflow_model;
pub mod render;
pub mod segment;
pub mod shadow;
pub mod sheet;
pub mod stack;
pub mod text;

pub use input::InputError;
pub use model::{
    Article, BBox, Block, BlockKind, Caption, DropReason, Dropped, Joined, Page, PieceRef, SCHEMA,
};
pub use pipeline::{restore, restore_bytes};
