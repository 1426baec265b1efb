//! `banmian eval` (being written).
use anyhow::Result;
use std::path::PathBuf;

/// Arguments of `banmian eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Folder with `X.txt` and `X.gold.json` pages.
    pub gold_dir: PathBuf,
    /// Print machine-readable JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs the evaluation.
pub fn run(_args: &EvalArgs) -> Result<()> {
    anyhow::bail!("eval: not yet written")
}
