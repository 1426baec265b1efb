//! Decoding raw bytes into text (stub: being written).
use thiserror::Error;

/// Why bytes could not be read as page text.
#[derive(Debug, Error)]
pub enum InputError {
    /// The bytes look like a binary file, not text.
    #[error("not a text file: {0}")]
    Binary(String),
}

/// Decodes page bytes into a `String`.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
