//! Layout-mode extractions (`pdftotext -layout` and the like) set the page's
//! columns side by side on each line, padded with spaces. This stage
//! recognises such text and reads it back column by column, so that the
//! other stages see what a flowing extraction would have given them.
//!
//! It treats the text as a grid of character cells (layout mode pads with
//! one space per cell) and cuts it recursively (XY-cut): at rows that are
//! blank across a region, and at gutters, runs of cells blank on every row
//! of a region. Leaf blocks are emitted top to bottom and left to right,
//! separated by blank lines. Only whitespace changes, so nothing is lost.

/// Spaces inside a line that separate columns rather than words.
const GUTTER: usize = 3;
/// Share of lines with a column gap that marks a layout-mode page.
const LAYOUT_SHARE: f32 = 0.3;
/// Fewest such lines.
const MIN_LAYOUT_LINES: usize = 10;
/// Fewest cells in from a block's edge that make a first-line indent.
const INDENT_MIN: usize = 1;
/// Most cells of a first-line indent (two ideographs, give or take the
/// grid's rounding); more is centring.
const INDENT_MAX: usize = 3;
/// Deepest recursion of the cut (a page has far fewer nested regions).
const MAX_DEPTH: usize = 64;

/// Whether `text` looks like a layout-mode extraction: many lines hold a run
/// of spaces between two pieces of text.
///
/// ```
/// let flowing = "第一行文字。\n第二行文字。\n".repeat(20);
/// assert!(!banmian::layout::is_layout(&flowing));
/// let layout = "左栏的文字内容      右栏的文字内容\n".repeat(20);
/// assert!(banmian::layout::is_layout(&layout));
/// ```
pub fn is_layout(text: &str) -> bool {
    let gap = " ".repeat(GUTTER);
    let mut lines = 0usize;
    let mut gapped = 0usize;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        lines += 1;
        gapped += usize::from(line.contains(gap.as_str()));
    }
    gapped >= MIN_LAYOUT_LINES && gapped as f32 >= LAYOUT_SHARE * lines as f32
}

/// Reads a layout-mode page column by column (see the module docs).
///
/// ```
/// let page = "甲栏第一行    乙栏第一行\n甲栏第二行    乙栏第二行\n";
/// assert_eq!(banmian::layout::linearize(page), "甲栏第一行\n甲栏第二行\n\n乙栏第一行\n乙栏第二行\n");
/// ```
pub fn linearize(text: &str) -> String {
    let grid: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let mut blocks = Vec::new();
    cut(&grid, 0..grid.len(), 0..width, 0, &mut blocks);
    let mut out = String::with_capacity(text.len());
    for (k, block) in blocks.iter().enumerate() {
        let continues = k > 0 && {
            let prev = &blocks[k - 1];
            prev.cols == block.cols && block.rows.start < prev.rows.end + BAND_GAP
        };
        if k > 0 && !continues {
            out.push('\n');
        }
        // The block's left edge; a line starting a couple of cells in from
        // it carries a paragraph's first-line indent, kept as U+3000 for the
        // stages that read indentation.
        let lead = |row: usize| {
            cells(&grid[row], &block.cols)
                .iter()
                .take_while(|c| c.is_whitespace())
                .count()
        };
        let texts = block
            .rows
            .clone()
            .filter(|&r| !blank(&grid[r], &block.cols));
        let edge = texts.map(lead).min().unwrap_or(0);
        for row in block.rows.clone() {
            let line: String = cells(&grid[row], &block.cols).iter().collect();
            let line = line.trim();
            if !line.is_empty() {
                if (INDENT_MIN..=INDENT_MAX).contains(&(lead(row) - edge)) {
                    out.push('\u{3000}');
                }
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// A leaf region of the grid.
struct Region {
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
}

/// The cells of `row` in `cols` (rows are ragged: missing cells are blank).
fn cells<'a>(row: &'a [char], cols: &std::ops::Range<usize>) -> &'a [char] {
    let end = cols.end.min(row.len());
    if cols.start >= end {
        &[]
    } else {
        &row[cols.start..end]
    }
}

fn blank(row: &[char], cols: &std::ops::Range<usize>) -> bool {
    cells(row, cols).iter().all(|c| c.is_whitespace())
}

/// Recursive XY-cut of `rows` × `cols` into leaf regions, in reading order.
fn cut(
    grid: &[Vec<char>],
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
    depth: usize,
    out: &mut Vec<Region>,
) {
    // Trim blank rows at the edges.
    let mut rows = rows;
    while rows.start < rows.end && blank(&grid[rows.start], &cols) {
        rows.start += 1;
    }
    while rows.end > rows.start && blank(&grid[rows.end - 1], &cols) {
        rows.end -= 1;
    }
    if rows.is_empty() {
        return;
    }
    if depth < MAX_DEPTH {
        // A wide blank band first (blocks stacked one above another), then a
        // gutter (columns side by side), then any blank row.
        for (gap, first) in [(BAND_GAP, true), (1, false)] {
            let bands = bands(grid, &rows, &cols, gap);
            if bands.len() > 1 {
                for band in bands {
                    cut(grid, band, cols.clone(), depth + 1, out);
                }
                return;
            }
            if first {
                if let Some(split) = gutter(grid, &rows, &cols) {
                    cut(grid, rows.clone(), cols.start..split.start, depth + 1, out);
                    cut(grid, rows, split.end..cols.end, depth + 1, out);
                    return;
                }
            }
        }
    }
    out.push(Region { rows, cols });
}

/// Blank rows that separate blocks of one column in the output. A single
/// blank row is often only the room a neighbouring column's line took on
/// the grid, so blocks that close are read as one.
const BAND_GAP: usize = 2;

/// The runs of rows with text in `cols`, separated by `gap` or more blank
/// rows.
fn bands(
    grid: &[Vec<char>],
    rows: &std::ops::Range<usize>,
    cols: &std::ops::Range<usize>,
    gap: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut last_text, mut blanks) = (None, rows.start, 0);
    for r in rows.clone() {
        if blank(&grid[r], cols) {
            blanks += 1;
            continue;
        }
        match start {
            None => start = Some(r),
            Some(s) if blanks >= gap => {
                out.push(s..last_text + 1);
                start = Some(r);
            }
            Some(_) => {}
        }
        last_text = r;
        blanks = 0;
    }
    if let Some(s) = start {
        out.push(s..last_text + 1);
    }
    out
}

/// The widest run of at least [`GUTTER`] cells that is blank on every row
/// of the region and has text on both sides.
fn gutter(
    grid: &[Vec<char>],
    rows: &std::ops::Range<usize>,
    cols: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    // As wide as the region's longest row, not the page's widest line.
    let width = grid[rows.clone()]
        .iter()
        .map(|r| cells(r, cols).len())
        .max()
        .unwrap_or(0);
    let mut used = vec![false; width];
    for row in &grid[rows.clone()] {
        for (k, c) in cells(row, cols).iter().enumerate() {
            used[k] |= !c.is_whitespace();
        }
    }
    let first = used.iter().position(|&u| u)?;
    let last = used.iter().rposition(|&u| u)?;
    let mut best: Option<std::ops::Range<usize>> = None;
    let mut k = first;
    while k <= last {
        if used[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k <= last && !used[k] {
            k += 1;
        }
        if k - start >= GUTTER && best.as_ref().is_none_or(|b| k - start > b.len()) {
            best = Some(cols.start + start..cols.start + k);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flowing_text_is_not_layout() {
        let text = "本报讯 记者 王五 今天召开大会。\n".repeat(30);
        assert!(!is_layout(&text));
    }

    #[test]
    fn blocks_stack_before_columns_split() {
        // A headline across the top, then two columns.
        let page = "        大会隆重召开\n\n左栏一行文字内容      右栏一行文字内容\n左栏二行文字内容      右栏二行文字内容\n";
        let out = linearize(page);
        assert_eq!(out, "大会隆重召开\n\n左栏一行文字内容\n左栏二行文字内容\n\n右栏一行文字内容\n右栏二行文字内容\n");
    }

    #[test]
    fn first_line_indent_is_kept() {
        let page = "  甲栏首行文字      乙栏一行文字\n甲栏次行文字内      乙栏二行文字\n";
        assert!(linearize(page).starts_with("\u{3000}甲栏首行文字\n甲栏次行文字内\n"));
    }

    #[test]
    fn only_whitespace_changes() {
        let page = "甲乙  丙丁   戊己\n\n  庚辛     壬癸\n";
        let squeeze = |s: &str| {
            let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(squeeze(&linearize(page)), squeeze(page));
    }
}
