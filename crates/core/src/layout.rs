//! Layout-mode extractions (`pdftotext -layout` and the like) set the page's
//! columns side by side on each line, padded with spaces. This stage
//! recognises such text and reads it back column by column, so that the
//! other stages see what a flowing extraction would have given them.
//!
//! Layout mode places each line's pieces at their page position, one space
//! a cell, but it does not keep the columns on common rows: a column set
//! beside larger type skips rows, and half-width characters pull the cells
//! out of true. So this stage does not cut the character grid. It splits
//! each row into chunks at gutters (runs of spaces), links each chunk to the
//! one below it in its column (a chain: one column's run of lines, holes
//! included), and orders the chains with an XY-cut on their boxes. Chains
//! are emitted in reading order, separated by blank lines. Only whitespace
//! changes, so nothing is lost.

/// Spaces inside a line that separate columns rather than words.
const GUTTER: usize = 3;
/// Share of lines with a column gap that marks a layout-mode page.
const LAYOUT_SHARE: f32 = 0.3;
/// Fewest such lines.
const MIN_LAYOUT_LINES: usize = 10;

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
    let rows: Vec<Vec<Chunk>> = grid.iter().enumerate().map(|(r, l)| chunks(r, l)).collect();
    let chains = chain(&rows);
    let mut order = Vec::with_capacity(chains.len());
    let page = chains.iter().map(Chain::top).min().unwrap_or(0)
        ..chains.iter().map(|c| c.bottom() + 1).max().unwrap_or(0);
    xy_cut(&chains, &page, (0..chains.len()).collect(), 0, &mut order);
    let mut out = String::with_capacity(text.len());
    for (k, &c) in order.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        write_chain(&grid, &chains[c], &mut out);
    }
    out
}

/// A run of text on one row, set off from its neighbours by a gutter.
#[derive(Clone, Copy, Debug)]
struct Chunk {
    row: usize,
    /// First and one-past-last cell.
    start: usize,
    end: usize,
}

/// The chunks of one row, left to right.
fn chunks(row: usize, cells: &[char]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < cells.len() {
        if cells[k].is_whitespace() {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k;
        while k < cells.len() {
            let blanks = cells[k..].iter().take_while(|c| c.is_whitespace()).count();
            if blanks >= GUTTER || k + blanks == cells.len() {
                break;
            }
            k += blanks;
            while k < cells.len() && !cells[k].is_whitespace() {
                k += 1;
            }
            end = k;
        }
        out.push(Chunk { row, start, end });
        k = end;
    }
    out
}

/// Blank rows a column may skip and still read on: the room that a
/// neighbouring column's larger type took on the grid.
const MAX_HOLE: usize = 8;
/// Cells a column's lines may stray from its left edge (indents, and the
/// grid's rounding).
const DRIFT: usize = 4;
/// Chunks on a row beyond which the row is not matched against the rows
/// above (no page has that many columns; it keeps the matching linear).
const MAX_ROW_CHUNKS: usize = 64;

/// One column's run of lines, top to bottom, and its bounding box.
struct Chain {
    chunks: Vec<Chunk>,
    /// The leftmost start of its lines.
    edge: usize,
    right: usize,
}

impl Chain {
    fn new(chunk: Chunk) -> Chain {
        Chain {
            chunks: vec![chunk],
            edge: chunk.start,
            right: chunk.end,
        }
    }

    fn last(&self) -> &Chunk {
        &self.chunks[self.chunks.len() - 1]
    }

    fn push(&mut self, chunk: Chunk) {
        self.edge = self.edge.min(chunk.start);
        self.right = self.right.max(chunk.end);
        self.chunks.push(chunk);
    }

    /// Cells of `chunk` within the chain's span.
    fn overlap(&self, chunk: &Chunk) -> usize {
        self.right
            .min(chunk.end)
            .saturating_sub(self.edge.max(chunk.start))
    }

    fn top(&self) -> usize {
        self.chunks[0].row
    }

    fn bottom(&self) -> usize {
        self.last().row
    }
}

/// Links each chunk to the one below it in its column. A chunk continues
/// the chain above it when it lies mostly under that chain alone, that
/// chain has no other such chunk on the row (a line over two columns, a
/// headline across them, belongs to neither), it starts near the chain's
/// edge, and the rows it skips are not blank across the page (those part
/// blocks; a hole in one column is only the room that a neighbour's larger
/// type took). A chain that a chunk overlaps but does not continue is
/// closed: something else stands between it and the rows below.
fn chain(rows: &[Vec<Chunk>]) -> Vec<Chain> {
    // Blank rows up to each row, to find skips over blank rows.
    let blank_before: Vec<usize> = rows
        .iter()
        .scan(0, |n, row| {
            let before = *n;
            *n += usize::from(row.is_empty());
            Some(before)
        })
        .collect();
    let mut chains: Vec<Chain> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if row.is_empty() {
            continue;
        }
        open.retain(|&c| {
            let bottom = chains[c].bottom();
            r - bottom <= MAX_HOLE + 1 && blank_before[r] == blank_before[bottom]
        });
        if row.len() > MAX_ROW_CHUNKS {
            open.clear();
        }
        // For each chunk, the open chains it lies mostly under.
        let under: Vec<Vec<usize>> = row
            .iter()
            .map(|chunk| {
                let mostly = |&&c: &&usize| 2 * chains[c].overlap(chunk) >= chunk.end - chunk.start;
                open.iter().filter(mostly).copied().collect()
            })
            .collect();
        let mut next = Vec::with_capacity(row.len() + open.len());
        for (chunk, hit) in row.iter().zip(&under) {
            let alone = |c: usize| under.iter().filter(|h| h.contains(&c)).count() == 1;
            match hit[..] {
                [c] if alone(c) && aligned(&chains[c], chunk) => {
                    chains[c].push(*chunk);
                    next.push(c);
                }
                _ => {
                    chains.push(Chain::new(*chunk));
                    next.push(chains.len() - 1);
                }
            }
        }
        let untouched = |&&c: &&usize| row.iter().all(|chunk| chains[c].overlap(chunk) == 0);
        next.extend(open.iter().filter(untouched));
        open = next;
    }
    chains
}

/// Whether `chunk` lines up under `chain`: it starts near the chain's edge,
/// or it is centred under the chain's last line (a centred headline's
/// wrapped line).
fn aligned(chain: &Chain, chunk: &Chunk) -> bool {
    let last = chain.last();
    let centre_off = (last.start + last.end).abs_diff(chunk.start + chunk.end);
    chunk.start.abs_diff(chain.edge) <= DRIFT || centre_off <= 2 * DRIFT
}

/// Blank rows that separate blocks stacked in one column. A single blank
/// row is often only the room a neighbouring column's line took on the
/// grid, so blocks that close are cut apart only when no gutter divides
/// them.
const BAND_GAP: usize = 2;
/// Deepest recursion of the cut (a page has far fewer nested regions).
const MAX_DEPTH: usize = 64;

/// Recursive XY-cut of the chains' boxes into reading order: a wide blank
/// band first (blocks stacked one above another), then a gutter (columns
/// side by side), then any blank row; blocks that no cut divides are read
/// top to bottom.
fn xy_cut(
    chains: &[Chain],
    page: &std::ops::Range<usize>,
    mut ids: Vec<usize>,
    depth: usize,
    out: &mut Vec<usize>,
) {
    if ids.len() > 1 && depth < MAX_DEPTH {
        let rows = |c: usize| (chains[c].top(), chains[c].bottom() + 1);
        let cols = |c: usize| (chains[c].edge, chains[c].right);
        // The page's own first or last row, alone.
        let lone_row = |group: &[usize]| {
            let (top, end) = rows(group[0]);
            (top == page.start || end == page.end) && group.iter().all(|&c| rows(c) == (top, end))
        };
        let cuts: [(&Extent, usize); 4] = [(&rows, BAND_GAP), (&rows, 1), (&cols, 0), (&rows, 0)];
        for (k, (extent, gap)) in cuts.into_iter().enumerate() {
            let mut groups = split(&mut ids, extent, gap);
            if k == 1 {
                groups = peel(groups, lone_row);
            }
            if groups.len() > 1 {
                for group in groups {
                    xy_cut(chains, page, group, depth + 1, out);
                }
                return;
            }
        }
    }
    ids.sort_by_key(|&c| (chains[c].top(), chains[c].edge));
    out.extend(ids);
}

/// Keeps apart only the first and last of `groups` that are lines of their
/// own (a page's header and footer rows set off by a single blank row);
/// the groups between them are read together, since one blank row inside a
/// region may be only a hole beside larger type.
fn peel(mut groups: Vec<Vec<usize>>, alone: impl Fn(&[usize]) -> bool) -> Vec<Vec<usize>> {
    let head = groups.len() > 1 && alone(&groups[0]);
    let tail = groups.len() > 1 && alone(&groups[groups.len() - 1]);
    let first = if head { 1 } else { 0 };
    let last = if tail { groups.len() - 1 } else { groups.len() };
    if first >= last {
        return groups;
    }
    let middle: Vec<usize> = groups.drain(first..last).flatten().collect();
    groups.insert(first, middle);
    groups
}

/// A chain's first and one-past-last row or cell.
type Extent<'a> = dyn Fn(usize) -> (usize, usize) + 'a;

/// Sorts `ids` by their extents on one axis and cuts them into groups at
/// every gap of at least `gap` free rows or cells.
fn split(
    ids: &mut [usize],
    extent: impl Fn(usize) -> (usize, usize),
    gap: usize,
) -> Vec<Vec<usize>> {
    ids.sort_by_key(|&c| extent(c));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut reach = 0;
    for &c in ids.iter() {
        let (from, to) = extent(c);
        match groups.last_mut() {
            Some(group) if from < reach + gap => group.push(c),
            _ => groups.push(vec![c]),
        }
        reach = reach.max(to);
    }
    groups
}

/// Cells of a first-line indent: a line starting this far in from its
/// column's edge carries a paragraph's first-line indent (two ideographs,
/// give or take the grid's rounding); more is centring.
const INDENT: std::ops::RangeInclusive<usize> = 1..=3;

/// Writes a chain's lines, a paragraph's first-line indent kept as U+3000
/// for the stages that read indentation.
fn write_chain(grid: &[Vec<char>], chain: &Chain, out: &mut String) {
    for chunk in &chain.chunks {
        if INDENT.contains(&(chunk.start - chain.edge)) {
            out.push('\u{3000}');
        }
        out.extend(&grid[chunk.row][chunk.start..chunk.end]);
        out.push('\n');
    }
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
        // It overlaps both columns, so no gutter runs through it.
        let page = "      大会隆重召开\n\n左栏一行文字内容      右栏一行文字内容\n左栏二行文字内容      右栏二行文字内容\n";
        let out = linearize(page);
        assert_eq!(out, "大会隆重召开\n\n左栏一行文字内容\n左栏二行文字内容\n\n右栏一行文字内容\n右栏二行文字内容\n");
    }

    #[test]
    fn a_column_reads_on_over_a_hole_left_by_its_neighbour() {
        // The right column skips two rows where the left one has lines.
        let page = "左栏一行文字内容      右栏一行文字内容\n左栏二行文字内容\n左栏三行文字内容\n左栏四行文字内容      右栏二行文字内容\n";
        let out = linearize(page);
        assert!(
            out.ends_with("\n\n右栏一行文字内容\n右栏二行文字内容\n"),
            "{out}"
        );
    }

    #[test]
    fn rows_blank_across_the_page_part_a_column() {
        let page = "左栏一行文字内容      右栏一行文字内容\n左栏二行文字内容      右栏二行文字内容\n\n\n\n另一篇一行文字内\n另一篇二行文字内\n";
        let out = linearize(page);
        assert!(
            out.ends_with("右栏二行文字内容\n\n另一篇一行文字内\n另一篇二行文字内\n"),
            "{out}"
        );
    }

    #[test]
    fn a_line_across_two_columns_belongs_to_neither() {
        // No blank row parts the headline from the columns under it.
        let page = "两栏之上的标题文字很长很长很长很长\n左栏一行文字      右栏一行文字\n左栏二行文字      右栏二行文字\n";
        let out = linearize(page);
        assert_eq!(out, "两栏之上的标题文字很长很长很长很长\n\n左栏一行文字\n左栏二行文字\n\n右栏一行文字\n右栏二行文字\n");
    }

    #[test]
    fn a_centred_headline_reads_on_to_its_shorter_second_line() {
        let page =
            "左栏一行文字内容      第一行很长的标题文字内容\n左栏二行文字内容           第二\n";
        let out = linearize(page);
        assert!(
            out.ends_with("\n\n第一行很长的标题文字内容\n第二\n"),
            "{out}"
        );
    }

    #[test]
    fn the_page_header_row_is_read_first() {
        // One blank row under the header; its pieces sit over both columns.
        let page = "人民日报              第1版\n\n左栏一行文字内容      右栏一行文字内容\n左栏二行文字内容      右栏二行文字内容\n";
        let out = linearize(page);
        assert!(
            out.starts_with("人民日报\n\n第1版\n\n左栏一行文字内容\n"),
            "{out}"
        );
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
