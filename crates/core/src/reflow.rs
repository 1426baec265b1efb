//! Reflow (being written).
