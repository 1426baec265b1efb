//! PDF throughput on one core, parsing included:
//! `cargo run --release -p banmian-pdf --example bench -- DIR [ROUNDS]`.
//! Reads every `*.pdf` of DIR into memory, then restores them all ROUNDS
//! times (default 5) on one thread and reports pages per second.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: bench DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("readable folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(&p).expect("readable file"),
            )
        })
        .collect();
    files.sort();
    let mut pages = 0usize;
    let (mut t_read, mut t_total) = (0.0f64, 0.0f64);
    for _ in 0..rounds {
        for (name, bytes) in &files {
            let start = Instant::now();
            let doc = banmian_pdf::Document::open(bytes.clone()).expect("a readable PDF");
            let mut contents = Vec::new();
            for i in 0..doc.page_count() {
                contents.push(doc.read_page(i).expect("a readable page"));
            }
            let read = start.elapsed().as_secs_f64();
            for c in contents {
                let (page, _) = banmian_pdf::restore_content(c, name);
                std::hint::black_box(page);
                pages += 1;
            }
            t_read += read;
            t_total += start.elapsed().as_secs_f64();
        }
    }
    println!(
        "{pages} pages in {t_total:.3} s on one core: {:.1} pages/s (reading {:.1} ms/page, line stream and stages {:.1} ms/page)",
        pages as f64 / t_total,
        1000.0 * t_read / pages as f64,
        1000.0 * (t_total - t_read) / pages as f64
    );
}
