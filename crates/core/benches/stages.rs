//! Criterion benchmarks of each restoration stage alone and of the whole
//! `restore`, on the sample page and on two pathological inputs.
//!
//! ```sh
//! cargo bench -p banmian --bench stages            # all
//! cargo bench -p banmian --bench stages -- stage/   # the stages only
//! ```
//!
//! Each stage is measured on a clone of the sheet as the stages before it
//! left it (the clone is made outside the timed part).

use std::hint::black_box;
use std::time::Duration;

use banmian::sheet::Sheet;
use banmian::{caption, furniture, headline, jump, normalize, segment, shadow};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const SAMPLE: &str = include_str!("../../../tests/fixtures/beibei-2020-04-30-p1.txt");

include!("data/pathological.rs");

/// The normalised text, and the sheet as each stage receives it.
struct Prepared {
    normalized: String,
    calibrated: Sheet,
    after_shadow: Sheet,
    after_furniture: Sheet,
    after_jump: Sheet,
    after_caption: Sheet,
    after_headline: Sheet,
}

fn prepare(text: &str) -> Prepared {
    let (normalized, dropped) = normalize::normalize(text);
    let mut sheet = Sheet::from_text(&normalized);
    sheet.dropped = dropped;
    sheet.calibrate();
    let calibrated = sheet.clone();
    shadow::run(&mut sheet);
    let after_shadow = sheet.clone();
    furniture::run(&mut sheet);
    let after_furniture = sheet.clone();
    jump::run(&mut sheet);
    let after_jump = sheet.clone();
    caption::run(&mut sheet);
    let after_caption = sheet.clone();
    headline::run(&mut sheet);
    Prepared {
        normalized,
        calibrated,
        after_shadow,
        after_furniture,
        after_jump,
        after_caption,
        after_headline: sheet,
    }
}

/// Times `stage` on clones of `sheet`.
fn bench_stage<R>(c: &mut Criterion, name: &str, sheet: &Sheet, stage: impl Fn(&mut Sheet) -> R) {
    c.bench_function(name, |b| {
        b.iter_batched(
            || sheet.clone(),
            |mut s| {
                let r = stage(&mut s);
                (s, r)
            },
            BatchSize::SmallInput,
        )
    });
}

fn stages(c: &mut Criterion) {
    let p = prepare(SAMPLE);
    c.bench_function("stage/normalize", |b| {
        b.iter(|| normalize::normalize(black_box(SAMPLE)))
    });
    c.bench_function("stage/sheet+calibrate", |b| {
        b.iter(|| {
            let mut s = Sheet::from_text(black_box(&p.normalized));
            s.calibrate();
            s
        })
    });
    bench_stage(c, "stage/shadow", &p.calibrated, shadow::run);
    bench_stage(c, "stage/furniture", &p.after_shadow, furniture::run);
    bench_stage(c, "stage/jump", &p.after_furniture, jump::run);
    bench_stage(c, "stage/caption", &p.after_jump, caption::run);
    bench_stage(c, "stage/headline", &p.after_caption, headline::run);
    bench_stage(c, "stage/segment", &p.after_headline, segment::run);
}

fn restore(c: &mut Criterion) {
    let mut g = c.benchmark_group("restore");
    g.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    g.bench_function("sample-page", |b| {
        b.iter(|| banmian::restore(black_box(SAMPLE), "p1.txt"))
    });
    g.finish();

    let mut g = c.benchmark_group("pathological");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(5));
    for (name, text) in [
        ("one-10MB-line", one_line_page()),
        ("500k-lines", many_lines_page()),
        ("60k-lines-in-blocks", many_blocks_page()),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| banmian::restore(black_box(&text), name))
        });
    }
    g.finish();
}

criterion_group!(benches, stages, restore);
criterion_main!(benches);
