//! Prints a layout-mode page read column by column (debugging aid):
//! `cargo run -p banmian --example linearize -- page.txt`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: linearize PAGE.txt");
        std::process::exit(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => print!("{}", banmian::layout::linearize(&text)),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
