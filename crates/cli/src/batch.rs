//! `banmian batch`: restore many pages in parallel, streaming.
//!
//! Inputs are read on a thread of their own in chunks of a few hundred pages;
//! each chunk is restored on a rayon pool and written in input order before
//! the next one is taken, so memory stays bounded whatever the number of
//! pages (at most three chunks are alive: one being read, one waiting, one
//! being restored and written).
//!
//! Exit codes: 0 when every page was restored; 1 when some page or input
//! could not be read (each is reported on stderr with its file and line and
//! skipped; with `--fail-fast` the run stops at the first one); 2 when the run
//! cannot go on at all (the output cannot be written); 130 when interrupted
//! by Ctrl-C (the output then holds the complete lines written so far).

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use banmian::{Article, Page};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// Set by Ctrl-C: stop reading, write what is restored, exit 130.
static STOP: AtomicBool = AtomicBool::new(false);

/// Exit code: some pages or inputs failed.
const EXIT_ERRORS: i32 = 1;
/// Exit code: the run could not go on (output not writable).
const EXIT_FATAL: i32 = 2;
/// Exit code: interrupted by Ctrl-C.
const EXIT_INTERRUPTED: i32 = 130;

/// A chunk is sent on once it holds this many bytes of input, even if it
/// has fewer pages than `--chunk`.
const CHUNK_BYTES: usize = 32 << 20;

/// Arguments of `banmian batch`.
#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// Pages to restore: `.txt` pages, `.jsonl` shards (one page a line),
    /// folders (searched recursively for both), any of them compressed as
    /// `.gz` or `.zst`, and `-` for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write to this file (`.gz`/`.zst` compress it) instead of stdout; a
    /// folder (trailing `/` or existing) mirrors the input tree: one `.json`
    /// per page file, one `.jsonl` per shard.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Restore on this many threads (default: all cores).
    #[arg(short = 'j', long, value_name = "THREADS")]
    pub threads: Option<usize>,
    /// The field of a JSONL record that holds the page text; every other
    /// field is carried into the output line.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub jsonl_field: String,
    /// Read stdin as JSONL (default: JSONL if it starts with `{`, else one page).
    #[arg(long)]
    pub stdin_jsonl: bool,
    /// Write one article per line (with `source`, `page` and `article`
    /// indexes and the carried fields) instead of one page per line.
    #[arg(long)]
    pub per_article: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also note the files that folders hold but that are not pages.
    #[arg(short, long)]
    pub verbose: bool,
    /// Stop at the first page that cannot be read, with exit code 1.
    #[arg(long)]
    pub fail_fast: bool,
    /// Pages restored together between two writes.
    #[arg(long, default_value_t = 512, value_name = "PAGES", hide = true)]
    pub chunk: usize,
}

/// Runs `banmian batch` and returns the process exit code.
pub fn run(args: &BatchArgs) -> i32 {
    match try_run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("banmian: {err:#}");
            EXIT_FATAL
        }
    }
}

// ---- what is read, what is restored ----

/// How a page's output is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// One compact JSON line (or one line per article).
    Line,
    /// A pretty-printed page (mirror mode, page files).
    Pretty,
}

/// The raw input of one page.
enum Input {
    /// The bytes of a page file, in any encoding.
    Bytes(Vec<u8>),
    /// One JSONL line.
    Json(Vec<u8>),
}

/// One item of the input stream, in order.
enum Job {
    /// From here on, output goes to this file (mirror mode). `eager`: create
    /// it even if nothing is written to it (shards).
    Unit { path: PathBuf, eager: bool },
    /// A page to restore.
    Page {
        /// 0-based index of the page in the run.
        ordinal: u64,
        /// `PATH` or `PATH:LINE`, for `source` and messages.
        origin: String,
        input: Input,
        style: Style,
    },
    /// An input that could not be read.
    Error { origin: String, message: String },
    /// Something to say in verbose mode.
    Note(String),
}

/// What became of a job.
enum Done {
    Unit {
        path: PathBuf,
        eager: bool,
    },
    Page {
        origin: String,
        out: String,
        articles: usize,
        lost: usize,
        bytes: usize,
    },
    Error {
        origin: String,
        message: String,
    },
    Note(String),
}

/// Settings the workers need.
struct Cfg {
    field: String,
    per_article: bool,
}

// ---- the run ----

/// Where the output goes.
enum Target {
    Stream(Box<dyn Write>),
    Mirror(PathBuf),
}

fn try_run(args: &BatchArgs) -> Result<i32> {
    let started = Instant::now();
    // A second Ctrl-C exits at once.
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED);
        }
    });

    let mirror = args.output.as_ref().is_some_and(|o| {
        o.as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
            || o.is_dir()
    });
    let mut exclude = HashSet::new();
    let target = match &args.output {
        None => Target::Stream(Box::new(BufWriter::with_capacity(
            1 << 16,
            io::stdout().lock(),
        ))),
        Some(dir) if mirror => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            exclude.insert(dir.canonicalize()?);
            Target::Mirror(dir.clone())
        }
        Some(path) => {
            if let Some(input) = overwrites_input(path, &args.inputs) {
                anyhow::bail!(
                    "{} would overwrite the input {}",
                    path.display(),
                    input.display()
                );
            }
            let w = create_output(path)?;
            exclude.insert(path.canonicalize()?);
            Target::Stream(w)
        }
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting the thread pool")?;

    let progress = if args.quiet || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        pb.set_style(
            ProgressStyle::with_template("{spinner} {human_pos} pages  {rate}  {elapsed}")
                .expect("valid template")
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} pages/s", state.per_sec());
                    },
                ),
        );
        pb.enable_steady_tick(Duration::from_millis(120));
        pb
    };

    let (tx, rx) = mpsc::sync_channel::<Vec<Job>>(1);
    let reader = Reader {
        stdin_jsonl: args.stdin_jsonl,
        per_article: args.per_article,
        mirror: mirror.then(|| args.output.clone()).flatten(),
        exclude,
        used: HashSet::new(),
        chunk: Chunk::new(args.chunk.max(1), tx),
        ordinal: 0,
    };
    let inputs = args.inputs.clone();
    let reader = std::thread::Builder::new()
        .name("banmian-read".into())
        .spawn(move || reader.read_all(&inputs))
        .context("starting the reader")?;

    let cfg = Cfg {
        field: args.jsonl_field.clone(),
        per_article: args.per_article,
    };
    let mut writer = Writer {
        target,
        current: None,
    };
    let mut stats = Stats::default();
    let outcome = drive(&rx, &pool, &cfg, &progress, &mut writer, &mut stats, args);
    progress.finish_and_clear();
    drop(rx);
    let outcome = outcome.and_then(|o| writer.finish().map(|()| o));
    let outcome = match outcome {
        Ok(o) => o,
        Err(err) if is_broken_pipe(&err) => Outcome::Done,
        Err(err) => return Err(err),
    };
    if outcome == Outcome::Done {
        let _ = reader.join();
    }

    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "banmian: {} pages, {} articles, {} characters lost, {} errors, {:.2} s, {:.0} pages/s, {:.1} MB/s{}",
            stats.pages,
            stats.articles,
            stats.lost,
            stats.errors,
            secs,
            stats.pages as f64 / secs.max(1e-9),
            stats.bytes as f64 / 1e6 / secs.max(1e-9),
            match outcome {
                Outcome::Interrupted => " (interrupted)",
                Outcome::Aborted => " (stopped at the first error)",
                Outcome::Done => "",
            }
        );
    }
    Ok(match outcome {
        Outcome::Interrupted => EXIT_INTERRUPTED,
        _ if stats.errors > 0 => EXIT_ERRORS,
        _ => 0,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Done,
    Interrupted,
    Aborted,
}

#[derive(Default)]
struct Stats {
    pages: u64,
    articles: u64,
    lost: u64,
    errors: u64,
    bytes: u64,
}

/// Takes chunks from the reader, restores each in parallel and writes it.
fn drive(
    rx: &Receiver<Vec<Job>>,
    pool: &rayon::ThreadPool,
    cfg: &Cfg,
    progress: &ProgressBar,
    writer: &mut Writer,
    stats: &mut Stats,
    args: &BatchArgs,
) -> Result<Outcome> {
    loop {
        if STOP.load(Ordering::SeqCst) {
            return Ok(Outcome::Interrupted);
        }
        let chunk = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(chunk) => chunk,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(Outcome::Done),
        };
        let done: Vec<Done> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|job| {
                    let done = process(job, cfg);
                    if matches!(done, Done::Page { .. }) {
                        progress.inc(1);
                    }
                    done
                })
                .collect()
        });
        for d in done {
            match d {
                Done::Unit { path, eager } => writer.unit(path, eager)?,
                Done::Page {
                    origin,
                    out,
                    articles,
                    lost,
                    bytes,
                } => {
                    writer.write(out.as_bytes())?;
                    stats.pages += 1;
                    stats.articles += articles as u64;
                    stats.bytes += bytes as u64;
                    if lost > 0 {
                        stats.lost += lost as u64;
                        progress.suspend(|| {
                            eprintln!(
                                "banmian: {origin}: warning: {lost} characters of the input are not in the output (a bug)"
                            )
                        });
                    }
                }
                Done::Error { origin, message } => {
                    stats.errors += 1;
                    progress.suspend(|| eprintln!("banmian: {origin}: {message}"));
                    if args.fail_fast {
                        writer.flush()?;
                        return Ok(Outcome::Aborted);
                    }
                }
                Done::Note(note) => {
                    if args.verbose {
                        progress.suspend(|| eprintln!("banmian: {note}"));
                    }
                }
            }
        }
        writer.flush()?;
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The input that writing `out` would destroy: `out` is an input file, or a
/// page file or shard inside an input folder.
fn overwrites_input<'a>(out: &Path, inputs: &'a [PathBuf]) -> Option<&'a Path> {
    let canonical = out.canonicalize().ok()?;
    let readable = format(&compression(out).1).is_some();
    inputs.iter().map(PathBuf::as_path).find(|input| {
        input.as_os_str() != "-"
            && input.canonicalize().is_ok_and(|i| {
                i == canonical || (readable && i.is_dir() && canonical.starts_with(&i))
            })
    })
}

/// Opens an output file, compressed if its name ends in `.gz` or `.zst`.
fn create_output(path: &Path) -> Result<Box<dyn Write>> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let file = BufWriter::with_capacity(1 << 16, file);
    Ok(match compression(path).0 {
        Compression::Gzip => Box::new(flate2::write::GzEncoder::new(
            file,
            flate2::Compression::default(),
        )),
        Compression::Zstd => Box::new(zstd::stream::write::Encoder::new(file, 3)?.auto_finish()),
        Compression::None => Box::new(file),
    })
}

/// Writes results to stdout, a file, or the mirrored tree.
struct Writer {
    target: Target,
    /// Mirror mode: the current output file, opened on first write.
    current: Option<(PathBuf, Option<BufWriter<File>>)>,
}

impl Writer {
    fn unit(&mut self, path: PathBuf, eager: bool) -> Result<()> {
        self.close()?;
        let path = match &self.target {
            Target::Mirror(dir) => dir.join(path),
            Target::Stream(_) => path,
        };
        self.current = Some((path, None));
        if eager {
            self.open()?;
        }
        Ok(())
    }

    fn open(&mut self) -> Result<&mut BufWriter<File>> {
        let Some((path, file)) = &mut self.current else {
            anyhow::bail!("no output file");
        };
        if file.is_none() {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            let f = File::create(&*path).with_context(|| format!("creating {}", path.display()))?;
            *file = Some(BufWriter::with_capacity(1 << 16, f));
        }
        Ok(file.as_mut().expect("opened"))
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match &mut self.target {
            Target::Stream(w) => w.write_all(bytes).context("writing the output"),
            Target::Mirror(_) => {
                let path = self
                    .current
                    .as_ref()
                    .map(|c| c.0.clone())
                    .unwrap_or_default();
                self.open()?
                    .write_all(bytes)
                    .with_context(|| format!("writing {}", path.display()))
            }
        }
    }

    fn flush(&mut self) -> Result<()> {
        match &mut self.target {
            Target::Stream(w) => w.flush().context("writing the output"),
            Target::Mirror(_) => match &mut self.current {
                Some((path, Some(f))) => f
                    .flush()
                    .with_context(|| format!("writing {}", path.display())),
                _ => Ok(()),
            },
        }
    }

    fn close(&mut self) -> Result<()> {
        if let Some((path, Some(mut f))) = self.current.take() {
            f.flush()
                .with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.flush()?;
        self.close()?;
        // Dropping a compressing writer writes its trailer.
        if let Target::Stream(w) =
            std::mem::replace(&mut self.target, Target::Mirror(PathBuf::new()))
        {
            drop(w);
        }
        Ok(())
    }
}

// ---- restoring one page ----

/// Restores one job's page (on a worker thread).
fn process(job: Job, cfg: &Cfg) -> Done {
    match job {
        Job::Unit { path, eager } => Done::Unit { path, eager },
        Job::Error { origin, message } => Done::Error { origin, message },
        Job::Note(note) => Done::Note(note),
        Job::Page {
            ordinal,
            origin,
            input,
            style,
        } => {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                restore_page(ordinal, &origin, input, style, cfg)
            }));
            match result {
                Ok(Ok(done)) => done,
                Ok(Err(message)) => Done::Error { origin, message },
                Err(panic) => {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Done::Error {
                        origin,
                        message: format!("restoration failed (a bug): {what}"),
                    }
                }
            }
        }
    }
}

fn restore_page(
    ordinal: u64,
    origin: &str,
    input: Input,
    style: Style,
    cfg: &Cfg,
) -> Result<Done, String> {
    let (text, source, carried, bytes) = match input {
        Input::Bytes(bytes) => {
            let text =
                banmian::input::decode(&bytes).map_err(|e| format!("cannot read page: {e}"))?;
            (text, origin.to_string(), Vec::new(), bytes.len())
        }
        Input::Json(line) => {
            let Record(mut fields) = serde_json::from_slice(&line)
                .map_err(|e| format!("invalid JSON line: {}", json_error(&e)))?;
            let at = fields
                .iter()
                .position(|(k, _)| *k == cfg.field)
                .ok_or_else(|| format!("no field `{}`", cfg.field))?;
            let text = match fields.remove(at).1 {
                Value::String(s) => s,
                other => {
                    return Err(format!(
                        "field `{}` is {}, not a string",
                        cfg.field,
                        json_type(&other)
                    ))
                }
            };
            let source = match fields.iter().position(|(k, _)| k == "source") {
                Some(i) if fields[i].1.is_string() => match fields.remove(i).1 {
                    Value::String(s) => s,
                    _ => unreachable!(),
                },
                _ => origin.to_string(),
            };
            (text, source, fields, line.len())
        }
    };
    let page = banmian::restore(&text, &source);
    // The pipeline accounts for every character: what no stage placed is
    // listed as dropped with reason `unplaced`, counted here as lost.
    let lost = banmian::accounting::unplaced(&page);
    let articles = page.articles.len();
    let out = if cfg.per_article {
        article_lines(&page, ordinal, &carried)
    } else {
        let mut s = match style {
            Style::Line => serde_json::to_string(&page),
            Style::Pretty => serde_json::to_string_pretty(&page),
        }
        .map_err(|e| e.to_string())?;
        append_fields(&mut s, &carried, PAGE_KEYS);
        s.push('\n');
        s
    };
    Ok(Done::Page {
        origin: origin.to_string(),
        out,
        articles,
        lost,
        bytes,
    })
}

/// A JSON error without serde_json's "at line 1", which would be wrong here.
fn json_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &s[..i], e.column()),
        None => s,
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The keys of a page object.
const PAGE_KEYS: &[&str] = &["schema", "source", "articles", "blocks", "dropped"];
/// The keys of a `--per-article` line.
const ARTICLE_KEYS: &[&str] = &[
    "source",
    "page",
    "article",
    "kicker",
    "title",
    "subtitles",
    "dateline",
    "reporters",
    "date",
    "paragraphs",
    "captions",
    "continued_to",
    "continued_from",
];

/// Appends the carried `fields` to the JSON object in `obj` (which ends in
/// `}`). A field whose name the object already has is written as
/// `input_NAME`.
fn append_fields(obj: &mut String, fields: &[(String, Value)], taken: &[&str]) {
    if fields.is_empty() {
        return;
    }
    debug_assert!(obj.ends_with('}'));
    obj.pop();
    let mut empty = obj.trim_end().ends_with('{');
    for (key, value) in fields {
        let mut key = key.clone();
        while taken.contains(&key.as_str()) {
            key.insert_str(0, "input_");
        }
        if !empty {
            obj.push(',');
        }
        empty = false;
        obj.push_str(&serde_json::to_string(&key).expect("string"));
        obj.push(':');
        obj.push_str(&serde_json::to_string(value).expect("json value"));
    }
    obj.push('}');
}

/// One line per article: `source`, `page`, `article`, the article's fields,
/// the carried fields.
fn article_lines(page: &Page, ordinal: u64, carried: &[(String, Value)]) -> String {
    let mut out = String::new();
    let source = serde_json::to_string(&page.source).expect("string");
    for (i, article) in page.articles.iter().enumerate() {
        let body = serde_json::to_string::<Article>(article).expect("article");
        let mut line = format!("{{\"source\":{source},\"page\":{ordinal},\"article\":{i},");
        line.push_str(&body[1..]);
        append_fields(&mut line, carried, ARTICLE_KEYS);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A JSON object's fields in their order.
struct Record(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Record, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Record;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut fields: Vec<(String, Value)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    match fields.iter_mut().find(|(key, _)| *key == k) {
                        Some(slot) => slot.1 = v,
                        None => fields.push((k, v)),
                    }
                }
                Ok(Record(fields))
            }
        }
        d.deserialize_map(V)
    }
}

// ---- reading the inputs ----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Page,
    Jsonl,
}

/// The compression of `path` by its extension, and the path without it.
fn compression(path: &Path) -> (Compression, PathBuf) {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("gz") => (Compression::Gzip, path.with_extension("")),
        Some("zst") => (Compression::Zstd, path.with_extension("")),
        _ => (Compression::None, path.to_path_buf()),
    }
}

/// The format of `path` (after removing a compression extension), if known.
fn format(inner: &Path) -> Option<Format> {
    let ext = inner
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("txt") => Some(Format::Page),
        Some("jsonl" | "ndjson") => Some(Format::Jsonl),
        _ => None,
    }
}

/// Opens `path` for reading, decompressing it.
fn open(path: &Path, c: Compression) -> io::Result<Box<dyn BufRead>> {
    let file = File::open(path)?;
    decompress(Box::new(BufReader::with_capacity(1 << 16, file)), c)
}

fn decompress(r: Box<dyn BufRead>, c: Compression) -> io::Result<Box<dyn BufRead>> {
    Ok(match c {
        Compression::None => r,
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(r),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(r)?,
        )),
    })
}

/// Collects jobs and sends them on in chunks.
struct Chunk {
    jobs: Vec<Job>,
    pages: usize,
    bytes: usize,
    max_pages: usize,
    tx: SyncSender<Vec<Job>>,
}

/// The consumer is gone, or Ctrl-C: stop reading.
struct Stop;

impl Chunk {
    fn new(max_pages: usize, tx: SyncSender<Vec<Job>>) -> Chunk {
        Chunk {
            jobs: Vec::new(),
            pages: 0,
            bytes: 0,
            max_pages,
            tx,
        }
    }

    fn push(&mut self, job: Job) -> Result<(), Stop> {
        if STOP.load(Ordering::Relaxed) {
            return Err(Stop);
        }
        if let Job::Page { input, .. } = &job {
            self.pages += 1;
            self.bytes += match input {
                Input::Bytes(b) | Input::Json(b) => b.len(),
            };
        }
        self.jobs.push(job);
        if self.pages >= self.max_pages || self.bytes >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), Stop> {
        if self.jobs.is_empty() {
            return Ok(());
        }
        self.pages = 0;
        self.bytes = 0;
        let jobs = std::mem::take(&mut self.jobs);
        self.tx.send(jobs).map_err(|_| Stop)
    }
}

/// Walks the inputs in order and turns them into jobs.
struct Reader {
    stdin_jsonl: bool,
    per_article: bool,
    /// Mirror mode: the output folder.
    mirror: Option<PathBuf>,
    /// Output paths (canonical) not to read back.
    exclude: HashSet<PathBuf>,
    /// Mirror paths already written to.
    used: HashSet<PathBuf>,
    chunk: Chunk,
    ordinal: u64,
}

impl Reader {
    fn read_all(mut self, inputs: &[PathBuf]) {
        let _ = self.read_inputs(inputs);
        let _ = self.chunk.send();
    }

    fn read_inputs(&mut self, inputs: &[PathBuf]) -> Result<(), Stop> {
        for input in inputs {
            if input.as_os_str() == "-" {
                self.read_stdin()?;
            } else if input.is_dir() {
                self.read_dir(input, input)?;
            } else {
                let name = input.file_name().map(PathBuf::from).unwrap_or_default();
                let (c, inner) = compression(input);
                let f = format(&inner).unwrap_or(Format::Page);
                self.read_file(input, &name, c, f)?;
            }
        }
        Ok(())
    }

    fn error(&mut self, origin: String, message: String) -> Result<(), Stop> {
        self.chunk.push(Job::Error { origin, message })
    }

    /// Reads every page file and shard under `dir` (sorted by name, depth first).
    fn read_dir(&mut self, root: &Path, dir: &Path) -> Result<(), Stop> {
        let entries = match std::fs::read_dir(dir).and_then(|d| d.collect::<io::Result<Vec<_>>>()) {
            Ok(entries) => entries,
            Err(e) => {
                return self.error(
                    dir.display().to_string(),
                    format!("cannot read folder: {e}"),
                )
            }
        };
        let mut paths: Vec<PathBuf> = entries.into_iter().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if self.is_excluded(&path) {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                self.read_dir(root, &path)?;
                continue;
            }
            let (c, inner) = compression(&path);
            match format(&inner) {
                Some(f) => {
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    self.read_file(&path, &rel, c, f)?;
                }
                None => self.chunk.push(Job::Note(format!(
                    "{}: skipped (not .txt or .jsonl)",
                    path.display()
                )))?,
            }
        }
        Ok(())
    }

    fn is_excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && path.canonicalize().is_ok_and(|p| self.exclude.contains(&p))
    }

    /// In mirror mode, starts the output file for an input at `rel`
    /// (relative to its folder). Returns false if another input already
    /// took that output file.
    fn start_unit(
        &mut self,
        rel: &Path,
        f: Format,
        origin: &str,
        input: Option<&Path>,
    ) -> Result<bool, Stop> {
        let Some(dir) = &self.mirror else {
            return Ok(true);
        };
        let (_, inner) = compression(rel);
        let ext = match (f, self.per_article) {
            (Format::Jsonl, _) | (Format::Page, true) => "jsonl",
            (Format::Page, false) => "json",
        };
        let out = match format(&inner) {
            Some(_) => inner.with_extension(ext),
            None => {
                let mut s = inner.into_os_string();
                s.push(".");
                s.push(ext);
                PathBuf::from(s)
            }
        };
        let target = dir.join(&out);
        if input.is_some_and(|input| same_file(input, &target)) {
            self.error(
                origin.to_string(),
                format!("output {} would overwrite the input", target.display()),
            )?;
            return Ok(false);
        }
        if !self.used.insert(out.clone()) {
            self.error(
                origin.to_string(),
                format!(
                    "output {} is already written for an earlier input",
                    out.display()
                ),
            )?;
            return Ok(false);
        }
        self.chunk.push(Job::Unit {
            path: out,
            eager: f == Format::Jsonl,
        })?;
        Ok(true)
    }

    fn read_file(
        &mut self,
        path: &Path,
        rel: &Path,
        c: Compression,
        f: Format,
    ) -> Result<(), Stop> {
        let origin = path.display().to_string();
        let reader = match open(path, c) {
            Ok(r) => r,
            Err(e) => return self.error(origin, format!("cannot open: {e}")),
        };
        if !self.start_unit(rel, f, &origin, Some(path))? {
            return Ok(());
        }
        match f {
            Format::Page => self.read_page(reader, origin),
            Format::Jsonl => self.read_jsonl(reader, &origin),
        }
    }

    fn read_page(&mut self, mut reader: Box<dyn BufRead>, origin: String) -> Result<(), Stop> {
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return self.error(origin, format!("cannot read: {e}"));
        }
        let style = if self.mirror.is_some() && !self.per_article {
            Style::Pretty
        } else {
            Style::Line
        };
        self.page(origin, Input::Bytes(bytes), style)
    }

    fn page(&mut self, origin: String, input: Input, style: Style) -> Result<(), Stop> {
        let ordinal = self.ordinal;
        self.ordinal += 1;
        self.chunk.push(Job::Page {
            ordinal,
            origin,
            input,
            style,
        })
    }

    fn read_jsonl(&mut self, mut reader: Box<dyn BufRead>, origin: &str) -> Result<(), Stop> {
        let mut no = 0usize;
        loop {
            let mut line = Vec::new();
            no += 1;
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) => return self.error(format!("{origin}:{no}"), format!("cannot read: {e}")),
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.page(format!("{origin}:{no}"), Input::Json(line), Style::Line)?;
        }
    }

    fn read_stdin(&mut self) -> Result<(), Stop> {
        let mut stdin: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
        let c = match stdin.fill_buf() {
            Ok([0x1f, 0x8b, ..]) => Compression::Gzip,
            Ok([0x28, 0xb5, 0x2f, 0xfd, ..]) => Compression::Zstd,
            Ok(_) => Compression::None,
            Err(e) => return self.error("-".into(), format!("cannot read: {e}")),
        };
        let mut reader = match decompress(stdin, c) {
            Ok(r) => r,
            Err(e) => return self.error("-".into(), format!("cannot read: {e}")),
        };
        let jsonl = self.stdin_jsonl
            || match reader.fill_buf() {
                Ok(b) => b.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
                Err(e) => return self.error("-".into(), format!("cannot read: {e}")),
            };
        let f = if jsonl { Format::Jsonl } else { Format::Page };
        let rel = Path::new(if jsonl { "stdin.jsonl" } else { "stdin.txt" });
        if !self.start_unit(rel, f, "-", None)? {
            return Ok(());
        }
        match f {
            Format::Page => self.read_page(reader, "-".into()),
            Format::Jsonl => self.read_jsonl(reader, "-"),
        }
    }
}
