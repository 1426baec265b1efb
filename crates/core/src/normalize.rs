//! Character normalisation (stub: being written).
use crate::model::Dropped;

/// Normalises `text`; returns the new text and what was replaced.
pub fn normalize(text: &str) -> (String, Vec<Dropped>) {
    (text.replace("\r\n", "\n"), Vec::new())
}
