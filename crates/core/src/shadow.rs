//! Stage `shadow` (being written).
use crate::sheet::Sheet;

/// Runs the stage on `sheet`.
pub fn run(_sheet: &mut Sheet) {}
