//! `banmian`: the command-line front end.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

mod eval;

/// Restore broken extracted text of Chinese newspaper pages into articles.
#[derive(Parser)]
#[command(name = "banmian", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Restore one page (a text file, or `-` for stdin).
    Restore {
        /// The page's extracted text; `-` reads stdin.
        page: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Score restorations against gold pages (`X.txt` + `X.gold.json`).
    Eval(eval::EvalArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
    Text,
}

fn main() {
    if let Err(err) = run(Cli::parse()) {
        eprintln!("banmian: {err:#}");
        std::process::exit(1);
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Restore { page, format, output } => restore(&page, format, output.as_deref()),
        Command::Eval(args) => eval::run(&args),
    }
}

/// Reads a page's bytes from a file or stdin.
fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("reading stdin")?;
        return Ok(buf);
    }
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Restores the page at `path` (decoding it), naming the file in any error.
pub(crate) fn restore_path(path: &Path) -> Result<banmian::Page> {
    let bytes = read_input(path)?;
    let source = path.display().to_string();
    banmian::restore_bytes(&bytes, &source).with_context(|| format!("{source}: cannot read page"))
}

fn restore(path: &Path, format: Format, output: Option<&Path>) -> Result<()> {
    let page = restore_path(path)?;
    let rendered = match format {
        Format::Json => serde_json::to_string_pretty(&page)? + "\n",
        Format::Markdown => banmian::render::to_markdown(&page),
        Format::Text => banmian::render::to_text(&page),
    };
    match output {
        Some(out) => std::fs::write(out, rendered).with_context(|| format!("writing {}", out.display())),
        None => std::io::stdout()
            .write_all(rendered.as_bytes())
            .context("writing stdout"),
    }
}
