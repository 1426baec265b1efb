//! `banmian`: the command-line front end.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

mod batch;
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
    /// Restore one page (a text file, or `-` for stdin), or the pages of a PDF.
    ///
    /// A PDF (recognised by its `%PDF` header) gives one page result per
    /// page: a single page object for a one-page PDF (or one selected page),
    /// a JSON array of page objects for several.
    Restore {
        /// The page's extracted text or PDF; `-` reads stdin.
        page: PathBuf,
        /// PDF pages to restore, 1-based: `1-3`, `2`, `4-`, `1,3-5` (default: all).
        #[arg(long, value_name = "PAGES")]
        pages: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Link articles continued across the pages of the PDF (（下转3版）
        /// on one, （上接1版） on page 3): the first piece gets `joined`, with
        /// the other pieces' places and the whole article's paragraphs.
        #[arg(long)]
        join_jumps: bool,
    },
    /// Score restorations against gold pages (`X.txt` + `X.gold.json`).
    Eval(eval::EvalArgs),
    /// Restore many pages in parallel: files, folders, JSONL shards (.gz/.zst), stdin.
    Batch(batch::BatchArgs),
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
        Command::Restore {
            page,
            pages,
            format,
            output,
            join_jumps,
        } => restore(
            &page,
            pages.as_deref(),
            format,
            output.as_deref(),
            join_jumps,
        ),
        Command::Eval(args) => eval::run(&args),
        Command::Batch(args) => std::process::exit(batch::run(&args)),
    }
}

/// Reads a page's bytes from a file or stdin.
fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading stdin")?;
        return Ok(buf);
    }
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Restores the page at `path` (decoding it), naming the file in any error.
/// A PDF must have exactly one page (see [`restore_pdf_bytes`] for more).
pub(crate) fn restore_path(path: &Path) -> Result<banmian::Page> {
    let bytes = read_input(path)?;
    let source = path.display().to_string();
    if is_pdf_input(path, &bytes) {
        let mut pages = restore_pdf_bytes(bytes, &source, None)?;
        if pages.len() != 1 {
            anyhow::bail!(
                "{source}: a PDF of {} pages (restore it with `banmian restore`)",
                pages.len()
            );
        }
        return Ok(pages.remove(0));
    }
    banmian::restore_bytes(&bytes, &source).with_context(|| format!("{source}: cannot read page"))
}

/// Whether the input is a PDF: its `%PDF` header, or a `.pdf` name (so
/// that a file named `.pdf` that is not one gets a clear error).
fn is_pdf_input(path: &Path, bytes: &[u8]) -> bool {
    banmian_pdf::is_pdf(bytes)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Restores the pages of a PDF (`pages`: a selection such as `1-3`),
/// printing its warnings on stderr.
pub(crate) fn restore_pdf_bytes(
    bytes: Vec<u8>,
    source: &str,
    pages: Option<&str>,
) -> Result<Vec<banmian::Page>> {
    let selected = match pages {
        Some(spec) => {
            let doc = banmian_pdf::Document::open(bytes.clone())
                .with_context(|| format!("{source}: cannot read PDF"))?;
            Some(
                banmian_pdf::parse_pages(spec, doc.page_count())
                    .map_err(|e| anyhow::anyhow!("{source}: {e}"))?,
            )
        }
        None => None,
    };
    let restored = banmian_pdf::restore_pdf(bytes, source, selected.as_deref())
        .with_context(|| format!("{source}: cannot read PDF"))?;
    Ok(restored
        .into_iter()
        .map(|p| {
            for w in &p.warnings {
                eprintln!("banmian: warning: {source}: {w}");
            }
            p.page
        })
        .collect())
}

fn restore(
    path: &Path,
    pages: Option<&str>,
    format: Format,
    output: Option<&Path>,
    join_jumps: bool,
) -> Result<()> {
    let bytes = read_input(path)?;
    let source = path.display().to_string();
    let mut pages: Vec<banmian::Page> = if is_pdf_input(path, &bytes) {
        restore_pdf_bytes(bytes, &source, pages)?
    } else {
        if pages.is_some() {
            anyhow::bail!("{source}: --pages applies to PDF input only");
        }
        vec![banmian::restore_bytes(&bytes, &source)
            .with_context(|| format!("{source}: cannot read page"))?]
    };
    if join_jumps {
        banmian::issue::join_jumps(&mut pages);
    }
    let rendered = match (format, pages.as_slice()) {
        (Format::Json, [page]) => serde_json::to_string_pretty(page)? + "\n",
        (Format::Json, many) => serde_json::to_string_pretty(many)? + "\n",
        (Format::Markdown, many) => many
            .iter()
            .map(banmian::render::to_markdown)
            .collect::<Vec<_>>()
            .join("\n"),
        (Format::Text, many) => many
            .iter()
            .map(banmian::render::to_text)
            .collect::<Vec<_>>()
            .join("\n\u{c}\n"),
    };
    match output {
        Some(out) => {
            std::fs::write(out, rendered).with_context(|| format!("writing {}", out.display()))
        }
        None => std::io::stdout()
            .write_all(rendered.as_bytes())
            .context("writing stdout"),
    }
}
