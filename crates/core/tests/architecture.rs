//! The core's modules form layers: no module imports one that imports it
//! back (directly or through others). Shared text helpers live low
//! (`measure`, `text`), the working sheet above them, the stages above it.

use std::collections::{BTreeMap, BTreeSet};

/// Each module's imports of other modules of the crate (code only: comments
/// and the test module are left out).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("src readable") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            files.insert(
                name,
                std::fs::read_to_string(&path).expect("source readable"),
            );
        }
    }
    let path = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    let group = regex::Regex::new(r"use crate::\{([^}]*)\}").unwrap();
    let mut g = BTreeMap::new();
    for (name, text) in &files {
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut deps: BTreeSet<String> = path
            .captures_iter(&code)
            .map(|c| c[1].to_string())
            .collect();
        for c in group.captures_iter(&code) {
            deps.extend(
                c[1].split(',')
                    .map(|d| d.trim().split("::").next().unwrap_or("").to_string()),
            );
        }
        deps.retain(|d| d != name && files.contains_key(d));
        g.insert(name.clone(), deps);
    }
    g
}

/// A cycle through `start`, if any.
fn cycle_through(g: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for dep in &g[&node] {
            if dep == start {
                let mut p = path.clone();
                p.push(start.to_string());
                return Some(p);
            }
            if seen.insert(dep.clone()) {
                let mut p = path.clone();
                p.push(dep.clone());
                stack.push((dep.clone(), p));
            }
        }
    }
    None
}

#[test]
fn the_core_has_no_import_cycle() {
    let g = graph();
    assert!(g.len() > 10 && g["pipeline"].contains("segment"), "{g:?}");
    for name in g.keys() {
        assert_eq!(cycle_through(&g, name), None, "import cycle");
    }
    // The low modules know characters, not pages.
    for low in ["measure", "text", "stack", "model"] {
        assert!(
            g[low].iter().all(|d| d == "measure"),
            "{low} imports {:?}",
            g[low]
        );
    }
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let mut g = graph();
    g.get_mut("measure").unwrap().insert("sheet".to_string());
    assert!(cycle_through(&g, "sheet").is_some());
}
