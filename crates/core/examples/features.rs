//! Dumps the features of every line boundary inside body runs, one JSON
//! object per line, for `tools/train_breaks.py` (which labels them from
//! gold pages and fits the paragraph-break model).
//!
//! `cargo run -p banmian --example features -- PAGE.txt...`

use std::io::Write;

use banmian::measure::column_widths;
use banmian::reflow::{boundary_features, unstopped_lines, Context};
use banmian::segment;
use banmian::sheet::Line;

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let text = match banmian::input::decode(&bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let sheet = banmian::pipeline::prepare(&text);
        for run in segment::body_runs(&sheet) {
            let lines: Vec<&Line> = run.iter().map(|&i| &sheet.lines[i]).collect();
            let widths: Vec<f32> = lines.iter().map(|l| l.width).collect();
            let cols = column_widths(&widths);
            let unstopped = unstopped_lines(&lines, segment::headed(&sheet, &run));
            for i in 0..lines.len().saturating_sub(1) {
                let col = cols[i].max(cols[i + 1]);
                // `a_first` is left false here: the trainer fills the last
                // two features from the gold label of the boundary before.
                let cx = Context {
                    col,
                    a_first: false,
                    unstopped: unstopped[i],
                };
                let f = boundary_features(lines[i], lines[i + 1], lines.get(i + 2).copied(), cx);
                let hard = lines[i + 1].indented
                    || lines[i + 1].continued_from.is_some()
                    || lines[i].continued_to.is_some();
                let row = format!(
                    "{{\"page\":{:?},\"a\":{},\"b\":{},\"hard\":{},\"f\":{:?}}}",
                    path,
                    lines[i].no,
                    lines[i + 1].no,
                    hard,
                    f
                );
                if writeln!(out, "{row}").is_err() {
                    return; // the reader went away
                }
            }
        }
    }
}
