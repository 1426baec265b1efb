//! `throughput`: how fast banmian restores a large corpus.
//!
//! Builds a corpus of at least `--mb` MB (default 200) of page text by
//! repeating and varying real pages (`../shared/pages/dev/*.txt` and
//! `../shared/pages/*.txt` beside the checkout when present, else the repo's
//! sample page), writes it as JSONL (`{"id": N, "text": ...}`) to a temporary
//! file, and measures on it:
//!
//! - the library: `banmian::restore` on 1 thread and on all cores (rayon),
//!   timing the restoration only (reading and JSON parsing excluded);
//! - the CLI end to end: `banmian batch -j N FILE -o /dev/null` as a child
//!   process, with its peak RSS (`wait4`'s `ru_maxrss`) and its summary
//!   (characters lost, errors);
//! - the Python one-liner `re.sub(r'(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])', '', text)`
//!   run by `python3` over the same pages, timing only the regex loop;
//! - the pathological pages: one 10 MB line, 500,000 short lines, and
//!   60,000 lines in small repeated blocks.
//!
//! and prints a Markdown table. Run it from a release build, with the CLI
//! built beside it:
//!
//! ```sh
//! cargo build --release -p banmian-cli -p banmian-bench && target/release/throughput
//! ```
//!
//! Options: `--mb N` (corpus size), `--cli PATH` (the `banmian` binary;
//! default: next to this one), `--python CMD` (default `python3`),
//! `--keep` (keep the corpus file and print its path).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde_json::{json, Value};

/// The regex of the Python one-liner, and the loop timed around it.
const PYTHON: &str = r#"
import json, re, sys, time
texts = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        texts.append(json.loads(line)["text"])
t0 = time.perf_counter()
c0 = time.process_time()
out = 0
for text in texts:
    out += len(re.sub(r'(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])', '', text))
secs = time.perf_counter() - t0
cpu = time.process_time() - c0
print(json.dumps({"pages": len(texts), "secs": secs, "cpu": cpu, "chars": out}))
"#;

struct Opts {
    mb: usize,
    cli: Option<PathBuf>,
    python: String,
    keep: bool,
}

fn opts() -> Result<Opts> {
    let mut o = Opts {
        mb: 200,
        cli: None,
        python: "python3".into(),
        keep: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mb" => o.mb = args.next().context("--mb N")?.parse()?,
            "--cli" => o.cli = Some(args.next().context("--cli PATH")?.into()),
            "--python" => o.python = args.next().context("--python CMD")?,
            "--keep" => o.keep = true,
            "-h" | "--help" => {
                println!("usage: throughput [--mb N] [--cli PATH] [--python CMD] [--keep]");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other:?} (see --help)"),
        }
    }
    Ok(o)
}

fn main() -> Result<()> {
    let o = opts()?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let load_before = loadavg();
    let sources = source_pages()?;
    eprintln!("throughput: {} source pages", sources.len());
    let path =
        std::env::temp_dir().join(format!("banmian-throughput-{}.jsonl", std::process::id()));
    let corpus = write_corpus(&path, &sources, o.mb * 1_000_000)?;
    eprintln!(
        "throughput: corpus {} pages, {:.1} MB of text, in {}",
        corpus.pages,
        corpus.bytes as f64 / 1e6,
        path.display()
    );

    let mut lib = Vec::new();
    for threads in [1, cores] {
        eprintln!("throughput: library, {threads} thread(s)");
        lib.push((threads, restore_file(&path, threads)?));
    }

    let cli = o.cli.clone().or_else(|| {
        let exe = std::env::current_exe().ok()?;
        Some(exe.parent()?.join("banmian"))
    });
    let mut cli_runs = Vec::new();
    match cli.filter(|c| c.is_file()) {
        Some(cli) => {
            for threads in [1, cores] {
                eprintln!("throughput: banmian batch -j {threads}");
                cli_runs.push((threads, run_cli(&cli, &path, threads)?));
            }
        }
        None => eprintln!("throughput: no `banmian` binary beside this one (build banmian-cli too, or pass --cli); CLI not measured"),
    }

    eprintln!("throughput: python one-liner");
    let python = match run_python(&o.python, &path) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("throughput: python not measured: {e:#}");
            None
        }
    };

    eprintln!("throughput: pathological pages");
    let one_line = one_line_page();
    let many_lines = many_lines_page();
    let many_blocks = many_blocks_page();
    let patho = [
        ("one line of 10 MB", one_line.len(), time_restore(&one_line)),
        (
            "500,000 short lines",
            many_lines.len(),
            time_restore(&many_lines),
        ),
        (
            "60,000 lines in small repeated blocks",
            many_blocks.len(),
            time_restore(&many_blocks),
        ),
    ];
    let load_after = loadavg();

    if o.keep {
        eprintln!("throughput: corpus kept at {}", path.display());
    } else {
        let _ = std::fs::remove_file(&path);
    }

    report(&Report {
        corpus: &corpus,
        cores,
        load: (load_before, load_after),
        lib: &lib,
        cli: &cli_runs,
        python: python.as_ref(),
        patho: &patho,
    });
    Ok(())
}

// ---- the corpus ----

/// The page texts to vary.
fn source_pages() -> Result<Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared/pages");
    let mut paths = Vec::new();
    for dir in [shared.join("dev"), shared.clone()] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            found.sort();
            paths.extend(found);
        }
    }
    if paths.is_empty() {
        paths.push(root.join("tests/fixtures/beibei-2020-04-30-p1.txt"));
    }
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display())))
        .collect()
}

/// Variant `k` of `text`: its blank-line-separated blocks rotated by `k`,
/// the lines of every fifth block rotated by one, and a serial number line
/// appended, so that no two pages are byte-identical.
fn vary(text: &str, k: usize, serial: usize) -> String {
    let mut blocks: Vec<&str> = text.split("\n\n").collect();
    if k > 0 {
        let n = blocks.len();
        blocks.rotate_left(k % n);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (j, block) in blocks.iter().enumerate() {
        if j > 0 {
            out.push_str("\n\n");
        }
        let lines: Vec<&str> = block.split('\n').collect();
        if k > 0 && (j + k) % 5 == 0 && lines.len() > 2 {
            let mut lines = lines.clone();
            lines.rotate_left(1);
            out.push_str(&lines.join("\n"));
        } else {
            out.push_str(block);
        }
    }
    out.push_str(&format!("\n（第{serial}号）\n"));
    out
}

struct Corpus {
    pages: u64,
    /// Bytes of page text (UTF-8), not of the JSONL file.
    bytes: u64,
}

fn write_corpus(path: &Path, sources: &[String], min_bytes: usize) -> Result<Corpus> {
    let mut w =
        BufWriter::new(File::create(path).with_context(|| format!("creating {}", path.display()))?);
    let mut c = Corpus { pages: 0, bytes: 0 };
    let mut serial = 0usize;
    while (c.bytes as usize) < min_bytes {
        let text = vary(
            &sources[serial % sources.len()],
            serial / sources.len(),
            serial,
        );
        serde_json::to_writer(&mut w, &json!({"id": serial, "text": text}))?;
        w.write_all(b"\n")?;
        c.pages += 1;
        c.bytes += text.len() as u64;
        serial += 1;
    }
    w.flush()?;
    Ok(c)
}

// ---- measurements ----

#[derive(Clone, Copy)]
struct Run {
    pages: u64,
    bytes: u64,
    secs: f64,
    /// CPU seconds (user + system) of all threads.
    cpu: f64,
    articles: u64,
    /// Peak RSS in MB (CLI runs).
    rss_mb: f64,
    /// Characters lost and errors, from the CLI's summary.
    lost: Option<u64>,
    errors: Option<u64>,
}

impl Run {
    fn pages_per_sec(&self) -> f64 {
        self.pages as f64 / self.secs
    }
    fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.secs
    }
    fn pages_per_cpu_sec(&self) -> f64 {
        self.pages as f64 / self.cpu
    }
}

/// Restores every page of the JSONL corpus on `threads` threads, in chunks
/// of 1024; times the restoration only.
fn restore_file(path: &Path, threads: usize) -> Result<Run> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut run = Run {
        pages: 0,
        bytes: 0,
        secs: 0.0,
        cpu: 0.0,
        articles: 0,
        rss_mb: 0.0,
        lost: None,
        errors: None,
    };
    let mut timed = Duration::ZERO;
    let mut cpu = 0.0;
    let mut line = String::new();
    loop {
        let mut texts = Vec::with_capacity(1024);
        while texts.len() < 1024 {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                break;
            }
            let mut v: Value = serde_json::from_str(&line)?;
            match v["text"].take() {
                Value::String(s) => texts.push(s),
                _ => bail!("corpus line without text"),
            }
        }
        if texts.is_empty() {
            break;
        }
        let start = Instant::now();
        let cpu_start = cpu_secs();
        let articles: usize = pool.install(|| {
            texts
                .par_iter()
                .map(|t| banmian::restore(t, "corpus").articles.len())
                .sum()
        });
        timed += start.elapsed();
        cpu += cpu_secs() - cpu_start;
        run.pages += texts.len() as u64;
        run.bytes += texts.iter().map(|t| t.len() as u64).sum::<u64>();
        run.articles += articles as u64;
    }
    run.secs = timed.as_secs_f64();
    run.cpu = cpu;
    run.rss_mb = vm_hwm_mb();
    Ok(run)
}

/// CPU seconds (user + system) used by this process so far.
fn cpu_secs() -> f64 {
    // SAFETY: a zeroed rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is valid for writes.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    timeval(usage.ru_utime) + timeval(usage.ru_stime)
}

fn timeval(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

/// The load average over the last minute.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// This process's peak RSS in MB (`VmHWM`).
fn vm_hwm_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Runs `banmian batch -j THREADS CORPUS -o /dev/null`; wall time, peak RSS
/// and the figures of its summary line.
fn run_cli(cli: &Path, corpus: &Path, threads: usize) -> Result<Run> {
    let log = corpus.with_extension(format!("stderr-{threads}"));
    let start = Instant::now();
    let child = Command::new(cli)
        .args(["batch", "-j", &threads.to_string()])
        .arg(corpus)
        .args(["-o", "/dev/null"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(&log)?)
        .spawn()
        .with_context(|| format!("running {}", cli.display()))?;
    let (status, usage) = wait4(child.id())?;
    let secs = start.elapsed().as_secs_f64();
    let summary = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    if status != 0 {
        bail!("banmian batch exited with {status}: {summary}");
    }
    // "banmian: N pages, N articles, N characters lost, N errors, ..."
    let line = summary.lines().last().unwrap_or_default();
    let field = |name: &str| -> Option<u64> {
        line.split(", ")
            .find_map(|part| part.trim_start_matches("banmian: ").strip_suffix(name))
            .and_then(|n| n.trim().parse().ok())
    };
    Ok(Run {
        pages: field(" pages").unwrap_or(0),
        bytes: 0,
        secs,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        articles: field(" articles").unwrap_or(0),
        rss_mb: usage.ru_maxrss as f64 / 1024.0,
        lost: field(" characters lost"),
        errors: field(" errors"),
    })
}

/// Waits for the child `pid`; its exit status and resource usage.
fn wait4(pid: u32) -> Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (the `Child` is
    // never waited on); `status` and `usage` are valid for writes.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if r < 0 {
        bail!("wait4: {}", std::io::Error::last_os_error());
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok((code, usage))
}

struct Python {
    pages: u64,
    secs: f64,
    cpu: f64,
}

fn run_python(python: &str, corpus: &Path) -> Result<Python> {
    let out = Command::new(python)
        .args(["-c", PYTHON])
        .arg(corpus)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {python}"))?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr));
    }
    let v: Value = serde_json::from_slice(&out.stdout)?;
    Ok(Python {
        pages: v["pages"].as_u64().context("pages")?,
        secs: v["secs"].as_f64().context("secs")?,
        cpu: v["cpu"].as_f64().context("cpu")?,
    })
}

include!("../../core/benches/data/pathological.rs");

/// Seconds (wall, CPU) to restore `text` once (the best of two).
fn time_restore(text: &str) -> (f64, f64) {
    (0..2)
        .map(|_| {
            let start = Instant::now();
            let cpu = cpu_secs();
            std::hint::black_box(banmian::restore(text, "pathological"));
            (start.elapsed().as_secs_f64(), cpu_secs() - cpu)
        })
        .fold((f64::INFINITY, f64::INFINITY), |a, b| {
            (a.0.min(b.0), a.1.min(b.1))
        })
}

// ---- the report ----

struct Report<'a> {
    corpus: &'a Corpus,
    cores: usize,
    load: (String, String),
    lib: &'a [(usize, Run)],
    cli: &'a [(usize, Run)],
    python: Option<&'a Python>,
    patho: &'a [(&'a str, usize, (f64, f64))],
}

fn report(r: &Report) {
    let mb = r.corpus.bytes as f64 / 1e6;
    println!(
        "Corpus: {} pages, {:.1} MB of page text ({:.1} KB a page); {} cores; load average {} before, {} after.\n",
        r.corpus.pages,
        mb,
        r.corpus.bytes as f64 / r.corpus.pages as f64 / 1e3,
        r.cores,
        r.load.0,
        r.load.1,
    );
    println!("| run | threads | pages/s | MB/s | scaling | pages per CPU-s | peak RSS | articles | chars lost | errors |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let rows = |name: &str, runs: &[(usize, Run)]| {
        let base = runs.first().map(|(_, r)| r.pages_per_sec());
        for (threads, run) in runs {
            let run = Run {
                bytes: if run.bytes == 0 {
                    r.corpus.bytes
                } else {
                    run.bytes
                },
                ..*run
            };
            println!(
                "| {name} | {threads} | {:.0} | {:.1} | {:.2}x | {:.0} | {:.0} MB | {} | {} | {} |",
                run.pages_per_sec(),
                run.mb_per_sec(),
                base.map_or(1.0, |b| run.pages_per_sec() / b),
                run.pages_per_cpu_sec(),
                run.rss_mb,
                run.articles,
                run.lost.map_or("—".into(), |n| n.to_string()),
                run.errors.map_or("—".into(), |n| n.to_string()),
            );
        }
    };
    rows("`banmian::restore` (library, restoration only)", r.lib);
    rows("`banmian batch` (CLI, end to end)", r.cli);
    if let Some(p) = r.python {
        let pps = p.pages as f64 / p.secs;
        println!(
            "| Python `re.sub` one-liner (regex loop only) | 1 | {:.0} | {:.1} | — | {:.0} | — | — | — | — |",
            pps,
            mb / p.secs,
            p.pages as f64 / p.cpu,
        );
        println!();
        let py_cpu = p.pages as f64 / p.cpu;
        if let Some((_, one)) = r.lib.first() {
            println!(
                "banmian (library, 1 thread) / Python one-liner: {:.2}x in pages/s, {:.2}x in pages per CPU-second.",
                one.pages_per_sec() / pps,
                one.pages_per_cpu_sec() / py_cpu,
            );
        }
        if let Some((_, one)) = r.cli.first() {
            println!(
                "`banmian batch -j 1` (end to end) / Python one-liner: {:.2}x in pages/s, {:.2}x in pages per CPU-second.",
                one.pages_per_sec() / pps,
                one.pages_per_cpu_sec() / py_cpu,
            );
        }
    }
    println!();
    println!("| pathological page | size | restore time (wall) | CPU time |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, len, (wall, cpu)) in r.patho {
        println!(
            "| {name} | {:.1} MB | {wall:.3} s | {cpu:.3} s |",
            *len as f64 / 1e6
        );
    }
}
