//! Datelines and bylines (being written).
