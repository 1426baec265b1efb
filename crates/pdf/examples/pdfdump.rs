//! Debug dump: `cargo run -p banmian-pdf --example pdfdump -- page.pdf [lines|glyphs|json]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pdfdump FILE.pdf [lines|glyphs|json]");
        std::process::exit(2);
    };
    let mode = args.get(2).map_or("lines", String::as_str);
    let bytes = std::fs::read(path).expect("readable file");
    let doc = match banmian_pdf::Document::open(bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let content = doc.read_page(0).expect("page 1");
    match mode {
        "glyphs" => {
            for g in &content.glyphs {
                println!(
                    "{:.2}\t{:.2}\t{:.2}\t{:.2}\t{}\t{}",
                    g.x, g.baseline, g.w, g.size, g.font, g.text
                );
            }
        }
        "shapes" => {
            for s in &content.shapes {
                println!(
                    "{:?}\t{:.1}\t{:.1}\t{:.1}\t{:.1}",
                    s.kind, s.x0, s.y0, s.x1, s.y1
                );
            }
        }
        "lines" => {
            let mut dropped = Vec::new();
            let glyphs = banmian_pdf::lines::dedupe(content.glyphs, &mut dropped);
            for l in banmian_pdf::lines::build(glyphs, &mut dropped) {
                println!(
                    "{:7.1} {:7.1} {:7.1} {:7.1} {:5.1} {:20} {}",
                    l.x0, l.x1, l.top, l.bottom, l.size, l.font, l.text
                );
            }
        }
        _ => {
            let (page, warnings) = banmian_pdf::restore_content(content, path);
            for w in warnings {
                eprintln!("warning: {w}");
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&page).expect("serialisable")
            );
        }
    }
}
