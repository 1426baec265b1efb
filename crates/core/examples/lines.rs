//! Prints each line of a page with the role and width the stages gave it
//! (a debugging aid: `cargo run -p banmian --example lines -- page.txt`).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lines PAGE.txt");
        std::process::exit(2);
    };
    let text = match std::fs::read(&path).map(|b| banmian::input::decode(&b)) {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => return eprintln!("{path}: {e}"),
        Err(e) => return eprintln!("{path}: {e}"),
    };
    let sheet = banmian::pipeline::prepare(&text);
    for l in &sheet.lines {
        let gap = if l.gap_before { "¶" } else { " " };
        println!(
            "{:4} {gap} {:>5.1} {:<14} {}",
            l.no,
            l.width,
            format!("{:?}", l.role),
            l.text
        );
    }
}
