//! Splitting the page's body text into articles and attaching to each its
//! headline stack, captions, dateline and jump links.
//!
//! Body lines between headline stacks and captions form runs; a run is
//! reflowed into paragraphs and cut into pieces where a dateline, a jump
//! line or a brief's run-in title (简讯) says a new article starts. Then:
//! - a stack holding the headline printed after one body and the one printed
//!   before the next is split where its units match each body's lead;
//! - a one-line stack between two pieces of the same column is an in-article
//!   subhead: it becomes a paragraph and the pieces one article;
//! - a short stack over a brief is the briefs' box label (a block);
//! - each remaining stack is paired with a piece before or after it by a
//!   monotone alignment (pairs never cross) that scores the bigrams a
//!   headline shares with the piece's lead, with a slight preference for the
//!   piece that follows. A piece without a stack stays untitled.

use crate::byline;
use crate::model::Article;
use crate::reflow::paragraphs;
use crate::sheet::{Line, Role, Sheet};
use crate::text::{ends_sentence, join_counted};

/// Characters of a piece's lead compared with a headline.
const LEAD_CHARS: usize = 200;
/// Bonus for pairing a stack with the piece that follows it.
const FOLLOWING_BONUS: f64 = 0.15;

/// A paragraph with the lines it came from.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    first_line: usize,
    /// Printed widths of its lines (empty for a subhead made a paragraph).
    widths: Vec<f32>,
    continued_to: Option<String>,
    continued_from: Option<String>,
    /// Where it is printed, for input with geometry.
    bbox: Option<crate::model::BBox>,
}

/// A run of paragraphs that belongs to one article.
#[derive(Debug, Clone, Default)]
struct Piece {
    paras: Vec<Para>,
    /// The run-in title of a brief (简讯) item, cut from its paragraph.
    lead_title: Option<String>,
}

impl Piece {
    fn first_line(&self) -> usize {
        self.paras.first().map_or(usize::MAX, |p| p.first_line)
    }

    fn lead(&self) -> String {
        self.paras
            .iter()
            .flat_map(|p| p.text.chars())
            .take(LEAD_CHARS)
            .collect()
    }

    /// The line its last paragraph starts on (or `first_line` on a piece
    /// with no paragraphs).
    fn last_line(&self) -> usize {
        self.paras.last().map_or(usize::MAX, |p| p.first_line)
    }

    /// All its paragraphs, run together.
    fn text(&self) -> String {
        self.paras.iter().map(|q| q.text.as_str()).collect()
    }
}

/// The last piece starting before `line` (pieces are in page order).
fn piece_before(pieces: &[Piece], line: usize) -> Option<&Piece> {
    let k = pieces.partition_point(|p| p.first_line() < line);
    k.checked_sub(1).map(|k| &pieces[k])
}

/// The first piece starting after `line`.
fn piece_after(pieces: &[Piece], line: usize) -> Option<&Piece> {
    pieces.get(pieces.partition_point(|p| p.first_line() <= line))
}

/// Something printed on the page, in reading order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Piece(usize),
    Stack(usize),
}

/// Builds the articles of `sheet` in reading order.
pub fn run(sheet: &mut Sheet) -> Vec<Article> {
    let mut pieces = pieces(sheet);
    tag_stacks(sheet, &mut pieces);
    lead_stacks(sheet, &mut pieces);
    let pieces = adopt_decks(sheet, pieces);
    split_stacks(sheet, &pieces);
    let pieces = merge_subheads(sheet, pieces);
    label_briefs(sheet, &pieces);
    shed_slogans(sheet, &pieces);
    let items = items(sheet, &pieces);
    let leads: Vec<Bigrams> = pieces.iter().map(|p| bigrams(&p.lead())).collect();
    let owner = pair_stacks(sheet, &pieces, &leads, &items);
    let owner = rescue(sheet, &pieces, &leads, &items, owner);
    let year_hint = year_hint(sheet, &pieces);
    let mut articles = Vec::new();
    let mut order = Vec::new(); // (first line, article)
    let mut piece_article = vec![usize::MAX; pieces.len()];
    let mut piece_stack = vec![None; pieces.len()];
    for (s, o) in owner.iter().enumerate() {
        if let Some(p) = o {
            piece_stack[*p] = Some(s);
        }
    }
    let joins = rejoin(&pieces, &leads, &piece_stack);
    for (p, piece) in pieces.iter().enumerate() {
        if let Some(c) = joins[p] {
            // A part of an earlier article, printed past other matter.
            piece_article[p] = piece_article[c];
            let a: &mut Article = &mut articles[piece_article[c]];
            a.paragraphs
                .extend(piece.paras.iter().map(|q| q.text.clone()));
            a.paragraph_bboxes
                .extend(piece.paras.iter().filter_map(|q| q.bbox));
            if let Some(to) = piece
                .paras
                .iter()
                .rev()
                .find_map(|q| q.continued_to.clone())
            {
                a.continued_to = Some(to);
            }
            continue;
        }
        let stack = piece_stack[p];
        let first = stack.map_or(piece.first_line(), |s| {
            sheet.stacks[s].lines[0].min(piece.first_line())
        });
        piece_article[p] = articles.len();
        articles.push(article(sheet, piece, stack, year_hint));
        order.push(first);
    }
    let mut stack_article = vec![usize::MAX; sheet.stacks.len()];
    for (s, o) in owner.iter().enumerate() {
        match o {
            Some(p) => stack_article[s] = piece_article[*p],
            None => match deck_of(&sheet.stacks[s], &pieces) {
                // A deck printed apart from its article, which has its title.
                Some(p) => {
                    stack_article[s] = piece_article[p];
                    let a = &mut articles[piece_article[p]];
                    a.subtitles.extend(sheet.stacks[s].units.iter().cloned());
                }
                None => {
                    stack_article[s] = articles.len();
                    let mut a = Article::default();
                    set_headlines(&mut a, &sheet.stacks[s]);
                    articles.push(a);
                    order.push(sheet.stacks[s].lines[0]);
                }
            },
        }
    }
    if articles.is_empty() && !sheet.captions.is_empty() {
        // Captions with no article on the page still must not be lost.
        articles.push(Article::default());
        order.push(0);
    }
    attach_captions(
        sheet,
        &items,
        &pieces,
        &piece_article,
        &stack_article,
        &mut articles,
    );
    let mut indexed: Vec<(usize, Article)> = order.into_iter().zip(articles).collect();
    indexed.sort_by_key(|(first, _)| *first);
    indexed.into_iter().map(|(_, a)| a).collect()
}

/// Shortest and longest deck (a summary under a title), in characters.
const MIN_DECK: usize = 30;
const MAX_DECK: usize = 250;
/// Least share of a deck's bigrams found again in another piece's text.
const DECK_SHARE: f64 = 0.6;
/// Pieces on each side of a deck whose text it may repeat (bounded, so that
/// a page of many pieces stays linear).
const DECK_REACH: usize = 8;

/// A deck (提要) under or beside a title repeats what its article says: a
/// one-paragraph piece (or a piece's last paragraph, set apart by blank
/// lines) whose words are mostly found again in a nearby piece is headline
/// text, not article text. It joins the stack right above it as a
/// subtitle, or becomes a stack of its own for the pairing.
fn adopt_decks(sheet: &mut Sheet, pieces: Vec<Piece>) -> Vec<Piece> {
    // A whole block: the text after it, if any, is set apart (a blank line
    // or other matter), not the next article's dateline run on below it as
    // under a lead paragraph.
    let stands_apart = |sheet: &Sheet, q: &Para| {
        // No lines found: not a deck (make_deck needs them).
        let Some(&last) = para_lines(sheet, q).last() else {
            return false;
        };
        let next = sheet.lines.get(last + 1);
        next.is_none_or(|n| n.gap_before || n.role != Role::Body)
    };
    // The piece's only paragraph, or its last one when a blank line sets it
    // apart from the text above (a deck printed after the body it sums up).
    let candidate = |p: &Piece| {
        let q = p.paras.last()?;
        // In print, the drawing decides what is headline text.
        let ok = q.bbox.is_none()
            && (p.paras.len() == 1 || sheet.lines[q.first_line].gap_before)
            && (MIN_DECK..=MAX_DECK).contains(&q.text.chars().count())
            && q.continued_to.is_none()
            && q.continued_from.is_none()
            && (p.paras.len() > 1 || p.lead_title.is_none())
            && byline::parse(&q.text).dateline.is_none()
            && stands_apart(sheet, q);
        ok.then(|| bigrams(&q.text))
    };
    let candidates: Vec<Option<Bigrams>> = pieces.iter().map(candidate).collect();
    if candidates.iter().all(Option::is_none) {
        return pieces;
    }
    let texts: Vec<Bigrams> = pieces.iter().map(|p| bigrams(&p.text())).collect();
    let n = pieces.len();
    let mut keep = Vec::with_capacity(n);
    for (k, mut piece) in pieces.into_iter().enumerate() {
        let near = k.saturating_sub(DECK_REACH)..(k + DECK_REACH + 1).min(n);
        let repeated = candidates[k].as_ref().is_some_and(|deck| {
            near.into_iter()
                .any(|j| j != k && similarity(deck, &texts[j]) >= DECK_SHARE)
        });
        match piece.paras.pop() {
            Some(deck) if repeated => {
                make_deck(sheet, &deck);
                if !piece.paras.is_empty() {
                    keep.push(piece);
                }
            }
            Some(para) => {
                piece.paras.push(para);
                keep.push(piece);
            }
            None => keep.push(piece),
        }
    }
    keep
}

/// The piece whose text an unpaired one-unit stack repeats, when that unit
/// is a deck (long, with clauses): the deck belongs to that article.
fn deck_of(stack: &crate::stack::Stack, pieces: &[Piece]) -> Option<usize> {
    let [unit] = stack.units.as_slice() else {
        return None;
    };
    if unit.chars().count() < MIN_DECK || !unit.contains(['，', '。', '；']) {
        return None;
    }
    let deck = bigrams(unit);
    let at = pieces.partition_point(|p| p.first_line() < stack.lines[0]);
    let near = at.saturating_sub(DECK_REACH)..(at + DECK_REACH).min(pieces.len());
    near.into_iter()
        .find(|&p| similarity(&deck, &bigrams(&pieces[p].text())) >= DECK_SHARE)
}

/// The sheet lines a paragraph was joined from.
fn para_lines(sheet: &Sheet, para: &Para) -> Vec<usize> {
    (para.first_line..sheet.lines.len())
        .filter(|&i| sheet.lines[i].role == Role::Body)
        .take(para.widths.len().max(1))
        .collect()
}

/// Turns the paragraph into a subtitle of the stack that ends right above
/// it, or into a stack of its own.
fn make_deck(sheet: &mut Sheet, para: &Para) {
    let lines = para_lines(sheet, para);
    let width = para.widths.iter().copied().fold(0.0, f32::max);
    let Some(&first) = lines.first() else {
        return;
    };
    // Stacks are in page order: the one right above is the last to start
    // before the deck.
    let above = sheet
        .stacks
        .partition_point(|st| st.lines[0] < first)
        .checked_sub(1)
        .filter(|&s| {
            sheet.stacks[s]
                .lines
                .last()
                .is_some_and(|&l| l + 1 == first)
                && !sheet.lines[first].gap_before
        });
    let unit = (para.text.clone(), lines.len());
    for &i in &lines {
        sheet.lines[i].role = Role::Headline;
    }
    match above {
        Some(s) => {
            let st = &sheet.stacks[s];
            let mut units: Vec<(String, usize)> = st
                .units
                .iter()
                .cloned()
                .zip(st.unit_lines.iter().copied())
                .collect();
            units.push(unit);
            let mut all = st.lines.clone();
            all.extend(&lines);
            let mut widths = st.unit_widths.clone();
            widths.push(width);
            sheet.stacks[s] = crate::stack::Stack::sized(all, units, widths);
        }
        None => {
            let stack = crate::stack::Stack::sized(lines, vec![unit], vec![width]);
            let at = sheet.stacks.partition_point(|st| st.lines[0] < first);
            sheet.stacks.insert(at, stack);
        }
    }
}

/// Body runs, reflowed and cut into pieces.
fn pieces(sheet: &mut Sheet) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut hyphens = 0;
    let gapless = !sheet.lines.iter().any(|l| l.gap_before);
    for run in body_runs(sheet) {
        let lines: Vec<&Line> = run.iter().map(|&i| &sheet.lines[i]).collect();
        let mut piece = Piece::default();
        for range in paragraphs(&lines, headed(sheet, &run)) {
            let para_lines = &lines[range.clone()];
            let texts: Vec<&str> = para_lines.iter().map(|l| l.text.as_str()).collect();
            let (text, mended) = join_counted(&texts);
            hyphens += mended;
            let para = Para {
                text,
                first_line: run[range.start],
                widths: para_lines.iter().map(|l| l.width).collect(),
                continued_to: para_lines.iter().find_map(|l| l.continued_to.clone()),
                continued_from: para_lines.iter().find_map(|l| l.continued_from.clone()),
                bbox: crate::sheet::bbox_of(para_lines.iter().copied()),
            };
            let mut para = para;
            // In print (input with geometry) a headline opens an article,
            // and the drawing has found the run-in ones: body text runs on
            // but where it is continued from another page.
            let in_print = para.bbox.is_some();
            let brief = if in_print {
                None
            } else {
                brief_split(&para.text).or_else(|| tag_run_in(&mut piece, &mut para))
            };
            let starts_new = brief.is_some()
                || para.continued_from.is_some()
                || (!in_print
                    && (byline::parse(&para.text).dateline.is_some()
                        || changes_topic(sheet, &piece, &para, gapless)));
            if starts_new && !piece.paras.is_empty() {
                // The title sits right on its dateline, no blank line between.
                let tight = !sheet.lines[para.first_line].gap_before;
                let title = (brief.is_none() && tight)
                    .then(|| run_in_title(&mut piece))
                    .flatten();
                let lead = (brief.is_none() && tight && title.is_none())
                    .then(|| summary_lead(&mut piece, &para))
                    .flatten();
                if !piece.paras.is_empty() {
                    out.push(std::mem::take(&mut piece));
                }
                piece.lead_title = title;
                piece.paras.extend(lead);
            }
            if let Some((title, rest)) = brief {
                piece.lead_title = Some(title);
                para.text = rest;
            }
            let ends = para.continued_to.is_some();
            piece.paras.push(para);
            if ends {
                out.push(std::mem::take(&mut piece));
            }
        }
        if !piece.paras.is_empty() {
            out.push(piece);
        }
    }
    for _ in 0..hyphens {
        sheet.drop_text("-", crate::model::DropReason::Hyphen);
    }
    out
}

/// Characters of the text before a blank line compared with the next
/// paragraph's opening, and of that opening.
const TOPIC_BEFORE: usize = 300;
const TOPIC_AFTER: usize = 150;
/// Fewest bigrams on each side for the comparison to count.
const TOPIC_MIN_BIGRAMS: usize = 30;
/// Most of the opening's bigrams that may recur before a change of topic.
/// Adjacent paragraphs of one article share more than this 9 times in 10
/// on generated pages; the first paragraph of the next article shares less
/// about half the time.
const TOPIC_MAX_SHARE: f64 = 0.04;

/// A paragraph after a blank line that shares (almost) no bigram with the
/// text before it starts another article: within an article, paragraphs
/// keep repeating its names and words (a column break does not change
/// the topic). On a page without blank lines, a paragraph that shares none
/// at all.
fn changes_topic(sheet: &Sheet, piece: &Piece, para: &Para, gapless: bool) -> bool {
    let Some(last) = piece.paras.last() else {
        return false;
    };
    if !ends_sentence(&last.text) {
        return false;
    }
    // Without blank lines on the page (`pdftotext -raw`), any paragraph
    // start may be where the next article begins, on stronger evidence.
    let gap = sheet.lines[para.first_line].gap_before;
    if !gap && !gapless {
        return false;
    }
    let after: String = para.text.chars().take(TOPIC_AFTER).collect();
    let (b, a) = (bigrams(&tail_text(piece)), bigrams(&after));
    b.0.len() >= TOPIC_MIN_BIGRAMS
        && a.0.len() >= TOPIC_MIN_BIGRAMS
        && similarity(&a, &b) <= if gap { TOPIC_MAX_SHARE } else { 0.0 }
}

/// A headline set in the text's flow, as wide as the column, ends without
/// punctuation right on a dateline: the piece's last paragraph, when it
/// reads like a headline (short, no sentence or clause end, not a
/// bracketed note), is taken off as the next piece's title.
fn run_in_title(piece: &mut Piece) -> Option<String> {
    if piece.paras.len() < 2 && piece.lead_title.is_some() {
        return None; // the piece would be left with a title and no text
    }
    let last = piece.paras.last()?;
    let t = last.text.trim();
    let n = t.chars().count();
    let headline_like = (6..=MAX_LEAD_TITLE).contains(&n)
        && !t.contains(['。', '；', '！', '？', '：', ':', ';'])
        && !t.ends_with(['，', '、', ',', '”', '’', '」'])
        && !t.starts_with(['（', '('])
        && last.continued_to.is_none()
        && last.continued_from.is_none()
        && byline::parse(t) == byline::Byline::default();
    headline_like.then(|| piece.paras.pop().map(|p| p.text))?
}

/// A paragraph set in the column of the dateline right under it that ends
/// without punctuation, too long for a run-in title, is the next article's
/// summary lead (`将加强对车站、码头等…让广大旅客出行更加便利`): no
/// article ends that way. It is taken off the piece to open the next one.
/// (One set wider than the column is a deck, for [`adopt_decks`].)
fn summary_lead(piece: &mut Piece, dateline: &Para) -> Option<Para> {
    if piece.paras.len() < 2 && piece.lead_title.is_some() {
        return None; // the piece's run-in title would be left with no text
    }
    let last = piece.paras.last()?;
    let t = last.text.trim();
    let widest = |p: &Para| p.widths.iter().copied().fold(0.0, f32::max);
    let open =
        !ends_sentence(t) && !t.ends_with(['，', '、', '：', '；', ',', ':', ';', '）', ')']);
    let lead = open
        && (widest(last) - widest(dateline)).abs() <= LEAD_SLACK
        && t.chars().count() > MAX_LEAD_TITLE
        && last.continued_to.is_none()
        && last.continued_from.is_none();
    lead.then(|| piece.paras.pop())?
}

/// How far a summary lead's lines may be from its dateline's column.
const LEAD_SLACK: f32 = 1.5;
/// A paragraph's first-line indent, in em.
const INDENT: f32 = 2.0;

/// The stack that ends on the line right above `line`, with no blank line
/// between them.
fn stack_right_above(sheet: &Sheet, line: usize) -> Option<usize> {
    let s = sheet
        .stacks
        .partition_point(|st| st.lines[0] < line)
        .checked_sub(1)?;
    let touching = line > 0
        && sheet.stacks[s].lines.last() == Some(&(line - 1))
        && !sheet.lines[line].gap_before;
    touching.then_some(s)
}

/// Removes the stacks marked in `taken` (indexed as `sheet.stacks`).
fn drop_stacks(sheet: &mut Sheet, taken: &[bool]) {
    let mut k = 0;
    sheet.stacks.retain(|_| {
        k += 1;
        !taken[k - 1]
    });
}

/// A summary lead taken for a headline: the last unit of a stack set right
/// on a piece (no blank line between), ending without punctuation and too
/// long for a title, opens that piece as its first paragraph, as
/// [`summary_lead`] does for one read as body text. The unit must be set
/// as a paragraph of the piece's column: its first line indented and the
/// lines after it full, or, a whole stack right on a dateline, within that
/// column (the first line may keep its indent).
fn lead_stacks(sheet: &mut Sheet, pieces: &mut [Piece]) {
    let mut taken = vec![false; sheet.stacks.len()];
    let mut kept: Vec<(usize, crate::stack::Stack)> = Vec::new();
    for piece in pieces.iter_mut() {
        let Some(first) = piece.paras.first() else {
            continue;
        };
        let Some(s) = stack_right_above(sheet, first.first_line) else {
            continue;
        };
        let stack = &sheet.stacks[s];
        let (Some(unit), Some(&n)) = (stack.units.last(), stack.unit_lines.last()) else {
            continue;
        };
        let t = unit.trim();
        let shaped =
            !ends_sentence(t) && !t.ends_with(['，', '、', '：', '；', ',', ':', ';', '—']);
        if !shaped {
            continue;
        }
        let at = stack.lines.len().saturating_sub(n);
        let widths: Vec<f32> = stack.lines[at..]
            .iter()
            .map(|&i| sheet.lines[i].width)
            .collect();
        let long = t.chars().count() > MAX_LEAD_TITLE;
        let dated = long
            && stack.units.len() == 1
            && byline::parse(&first.text).dateline.is_some()
            && in_column(&widths, first);
        // Set as a paragraph under a title, a shorter one with a clause in
        // it will do (alone, it may be a title with a comma).
        let clause = stack.units.len() >= 2
            && t.chars().count() > MIN_INDENTED_LEAD
            && t.contains(['，', '；']);
        if !dated && !((long || clause) && indented_in(&widths, piece)) {
            continue;
        }
        let para = Para {
            text: unit.clone(),
            first_line: stack.lines[at],
            widths,
            continued_to: None,
            continued_from: None,
            bbox: crate::sheet::bbox_of(stack.lines[at..].iter().map(|&i| &sheet.lines[i])),
        };
        if stack.units.len() == 1 {
            taken[s] = true;
        } else {
            kept.push((s, stack.split(stack.units.len() - 1).0));
        }
        piece.paras.insert(0, para);
    }
    for (s, rest) in kept {
        sheet.stacks[s] = rest;
    }
    drop_stacks(sheet, &taken);
}

/// Shortest lead set as an indented paragraph under a title, in characters.
const MIN_INDENTED_LEAD: usize = 15;

/// Whether lines of `widths` lie in the column of paragraph `first` (the
/// first line may keep its indent).
fn in_column(widths: &[f32], first: &Para) -> bool {
    let col = first.widths.iter().copied().fold(0.0, f32::max);
    let width = widths.iter().copied().fold(0.0, f32::max);
    (-LEAD_SLACK..=INDENT + LEAD_SLACK).contains(&(col - width))
}

/// Whether lines of `widths` (two or more) are set as a paragraph of the
/// column `piece` opens with: the first indented, the middle ones full (the
/// last may fall short).
fn indented_in(widths: &[f32], piece: &Piece) -> bool {
    let Some(col) = edge_column(piece, true) else {
        return false;
    };
    let [head, middle @ .., _] = widths else {
        return false;
    };
    (INDENT - 0.5..=INDENT + 1.25).contains(&(col - head))
        && middle.iter().all(|w| (w - col).abs() <= 1.0)
}

/// A run-in title's kicker: the text up to a dash inside it
/// (`商务部发言人——希望各方…`), which only a kicker ends with.
fn kicker_split(title: &str) -> (Option<String>, Option<String>) {
    match title.find("——") {
        Some(at) if at > 0 && !title[at..].trim_start_matches('—').is_empty() => {
            let end = at + title[at..].len() - title[at..].trim_start_matches('—').len();
            (
                Some(title[..end].to_string()),
                Some(title[end..].to_string()),
            )
        }
        _ => (None, Some(title.to_string())),
    }
}

/// Longest label over a box of briefs (`简讯`, `要闻简报`).
const MAX_LABEL: usize = 8;

/// A short one-unit stack right above a brief item is the label of the
/// briefs' box, not any article's headline: it becomes a block.
fn label_briefs(sheet: &mut Sheet, pieces: &[Piece]) {
    let mut labels = Vec::new();
    sheet.stacks.retain(|stack| {
        let last = *stack.lines.last().unwrap_or(&0);
        let next = piece_after(pieces, last);
        let is_label = matches!(stack.units.as_slice(), [u] if u.chars().count() <= MAX_LABEL)
            && next.is_some_and(|p| p.lead_title.is_some());
        if is_label {
            labels.push(stack.units.concat());
        }
        !is_label
    });
    // A label over the first item's own headline, on one stack.
    for stack in &mut sheet.stacks {
        let last = *stack.lines.last().unwrap_or(&0);
        let brief = piece_after(pieces, last).is_some_and(|p| p.paras.len() == 1);
        let labelled = stack.units.len() >= 2
            && stack.unit_lines.first() == Some(&1)
            && stack.units[0].chars().count() <= crate::headline::MAX_LABEL_CHARS;
        if brief && labelled {
            let (label, rest) = stack.split(1);
            labels.push(label.text());
            *stack = rest;
        }
    }
    for text in labels {
        sheet.blocks.push(crate::model::Block {
            kind: crate::model::BlockKind::Other,
            text,
            bbox: None,
        });
    }
}

/// Most of a slogan's bigrams that the page's text may share.
const SLOGAN_SHARE: f64 = 0.25;

/// A one-line unit set as a few short words apart (`讲文明 树新风`): the
/// shape of a public-service slogan, and of some kickers.
fn slogan_shaped(unit: &str) -> bool {
    let words: Vec<&str> = unit.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| (2..=4).contains(&w.chars().count()) && w.chars().all(crate::measure::is_cjk))
}

/// A slogan printed once (no shadow copy) is taken for a headline line and
/// sits at the edge of a stack, or alone: when its words are not the page's
/// (a kicker shares its article's words), it is a banner.
fn shed_slogans(sheet: &mut Sheet, pieces: &[Piece]) {
    let candidate =
        |st: &crate::stack::Stack, k: usize| st.unit_lines[k] == 1 && slogan_shaped(&st.units[k]);
    let any = sheet
        .stacks
        .iter()
        .any(|st| !st.units.is_empty() && (candidate(st, 0) || candidate(st, st.units.len() - 1)));
    if !any {
        return;
    }
    let text: String = pieces
        .iter()
        .flat_map(|p| p.paras.iter().map(|q| q.text.as_str()))
        .collect();
    let page = bigrams(&text);
    let stacks = std::mem::take(&mut sheet.stacks);
    for stack in stacks {
        let n = stack.units.len();
        let shed = |k: usize| {
            candidate(&stack, k) && similarity(&bigrams(&stack.units[k]), &page) < SLOGAN_SHARE
        };
        let (first, last) = (shed(0), n > 1 && shed(n - 1));
        if !first && !last {
            sheet.stacks.push(stack);
            continue;
        }
        let (kept, slogans) = stack.partition(|k| !((k == 0 && first) || (k == n - 1 && last)));
        for text in slogans.units {
            sheet.blocks.push(crate::model::Block {
                kind: crate::model::BlockKind::Banner,
                text,
                bbox: None,
            });
        }
        if !kept.units.is_empty() {
            sheet.stacks.push(kept);
        }
    }
}

/// Longest run-in title of a brief item, in characters.
const MAX_LEAD_TITLE: usize = 40;
/// Shortest text after a run-in title.
const MIN_BRIEF_TEXT: usize = 20;

/// A brief (简讯) item sets its title in bold at the start of its only
/// paragraph, run in and followed by a space (`对原创动画电影多一份期待 今年的…`):
/// returns (title, paragraph) when `text` opens like that. Running text has
/// no space between ideographs, and a dateline is not a title.
///
/// ```text
/// assert_eq!(brief_split("架桥修渠（先锋足印） 2009年，他回到村里。……").unwrap().0, "架桥修渠（先锋足印）");
/// ```
fn brief_split(text: &str) -> Option<(String, String)> {
    let (first, rest) = text.split_once(' ')?;
    // A title of two phrases set apart (`让旧村变美 把新村建好 “以前…`)
    // takes its second phrase too.
    let second = rest.trim_start();
    let (title, rest) = match second.split_once(' ') {
        Some((phrase, after)) if is_phrase(first) && is_phrase(phrase) => {
            let end = text.len() - second.len() + phrase.len();
            (&text[..end], after)
        }
        _ => (first, rest),
    };
    let rest = rest.trim_start();
    let n = title.chars().count();
    // Titles may hold a comma (`万里一条路，不见“颠簸”处`), not a stop; a
    // clause before a space and a number is prose spaced out around the
    // number (`截至11日，票房逾 23亿元`).
    let comma = title.contains(['，', '、', ',']);
    let tagged = crate::headline::has_column_tag(title);
    let clause = title.contains(['。', '；', '：', '！', '？'])
        || title.ends_with(['，', '、', ','])
        || (comma && !tagged && rest.starts_with(|c: char| c.is_ascii_digit()));
    let cjk = title.chars().filter(|c| crate::measure::is_cjk(*c)).count();
    let joins_ideographs = title
        .chars()
        .last()
        .is_some_and(|c| crate::measure::is_wide(c) || c == ')')
        && rest
            .chars()
            .next()
            .is_some_and(|c| crate::measure::is_wide(c) || c.is_ascii_digit());
    // A quote or bracket left open runs on into the text: `“欢乐过大年 共享好时光”，…`.
    let closed = crate::text::bracket_depth(title) == 0;
    let ok = (4..=MAX_LEAD_TITLE).contains(&n)
        && closed
        && cjk >= 4
        && !clause
        && joins_ideographs
        && rest.chars().count() >= MIN_BRIEF_TEXT
        // A column's tag closing the title is evidence enough; without it
        // the item must be a whole brief.
        && (ends_sentence(rest) || tagged)
        && byline::parse(text).dateline.is_none()
        && !byline::starts_dateline(title);
    ok.then(|| (title.to_string(), rest.to_string()))
}

/// Whether `word` is a headline phrase of ideographs alone (three to
/// twelve), as set apart by spaces in a two-part title.
fn is_phrase(word: &str) -> bool {
    (3..=12).contains(&word.chars().count()) && word.chars().all(crate::measure::is_cjk)
}

/// Longest column tag that opens a paragraph, brackets included.
const MAX_TAG: usize = 10;

/// A run-in title wrapped so that its column tag opens the next line
/// (`打通农产品进城的通道` ⏎ `（新论） 通过机制创新促…`): the paragraph opens
/// with the tag and a space, and the piece's last paragraph is the title's
/// first part (one or two lines, no punctuation). That paragraph is taken
/// off the piece; returns (title, text) and `para` starts where it did.
fn tag_run_in(piece: &mut Piece, para: &mut Para) -> Option<(String, String)> {
    let (_, rest) = opening_tag(&para.text)?;
    let head = piece.paras.last()?;
    let title_like = head.widths.len() <= 2
        && title_start(&head.text)
        && head.continued_to.is_none()
        && head.continued_from.is_none();
    if !title_like {
        return None;
    }
    let tag = &para.text[..para.text.len() - rest.len()];
    let tag = tag.trim_end();
    let title = format!("{}{tag}", head.text);
    let rest = rest.trim_start().to_string();
    let head = piece.paras.pop()?;
    para.first_line = head.first_line;
    let mut widths = head.widths;
    widths.append(&mut para.widths);
    para.widths = widths;
    Some((title, rest))
}

/// The column tag opening `text` and the text after the space that follows
/// it (`（新论） 通过机制创新…`), when the text is long enough for a brief.
fn opening_tag(text: &str) -> Option<(&str, &str)> {
    let (tag, rest) = text.split_once(' ')?;
    let tagged = tag.starts_with(['（', '('])
        && tag.ends_with(['）', ')'])
        && (3..=MAX_TAG).contains(&tag.chars().count());
    let rest = rest.trim_start();
    (tagged && rest.chars().count() >= MIN_BRIEF_TEXT).then_some((tag, rest))
}

/// Whether `text` may be the first part of a title: a line or two of words
/// with no punctuation.
fn title_start(text: &str) -> bool {
    (4..=MAX_LEAD_TITLE).contains(&text.chars().count())
        && !text.contains(['，', '。', '、', '；', '：', '！', '？', ' '])
}

/// The same wrapped run-in title where its first part, alone on its line,
/// was read as a headline: the one-line stack right above the paragraph.
fn tag_stacks(sheet: &mut Sheet, pieces: &mut [Piece]) {
    let mut taken = vec![false; sheet.stacks.len()];
    for piece in pieces.iter_mut().filter(|p| p.lead_title.is_none()) {
        let Some(first) = piece.paras.first_mut() else {
            continue;
        };
        let Some((tag, rest)) = opening_tag(&first.text) else {
            continue;
        };
        let Some(s) = stack_right_above(sheet, first.first_line) else {
            continue;
        };
        let stack = &sheet.stacks[s];
        if stack.lines.len() == 1 && title_start(&stack.text()) {
            taken[s] = true;
            piece.lead_title = Some(format!("{}{tag}", stack.text()));
            first.text = rest.to_string();
        }
    }
    drop_stacks(sheet, &taken);
}

/// Runs of body lines. A run ends at a headline or caption; page furniture
/// and banners end it only when the text before them has finished its
/// sentence (a column may continue past a banner).
pub fn body_runs(sheet: &Sheet) -> Vec<Vec<usize>> {
    let mut runs = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for (i, line) in sheet.lines.iter().enumerate() {
        match line.role {
            Role::Body => run.push(i),
            Role::Jump | Role::Dropped => {}
            Role::Block(_) => {
                let open = run
                    .last()
                    .is_some_and(|&j| !ends_sentence(&sheet.lines[j].text));
                if !open && !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            Role::Headline | Role::Caption => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Whether a body run opens right under a headline line.
pub fn headed(sheet: &Sheet, run: &[usize]) -> bool {
    let Some(&first) = run.first() else {
        return false;
    };
    sheet.lines[..first]
        .iter()
        .rev()
        .find(|l| !matches!(l.role, Role::Dropped | Role::Jump))
        .is_some_and(|l| l.role == Role::Headline)
}

/// Lines at a piece's end or start used to measure its column.
const EDGE_LINES: usize = 6;
/// Longest in-article subhead, in characters.
const MAX_SUBHEAD: usize = 30;

/// The column width of a piece's first (or last) lines.
fn edge_column(piece: &Piece, head: bool) -> Option<f32> {
    let widths: Vec<f32> = piece
        .paras
        .iter()
        .flat_map(|p| p.widths.iter().copied())
        .collect();
    let mut edge: Vec<f32> = if head {
        widths.iter().take(EDGE_LINES).copied().collect()
    } else {
        widths.iter().rev().take(EDGE_LINES).copied().collect()
    };
    (edge.len() >= 2).then(|| crate::measure::mode_width(&mut edge))
}

/// Whether `unit` opens with an ordinal or a bullet (`一、`, `（二）`, `■`).
fn is_numbered(unit: &str) -> bool {
    unit.starts_with(crate::headline::BULLETS)
        || unit.split_once('、').is_some_and(|(n, _)| {
            !n.is_empty()
                && n.chars().count() <= 3
                && n.chars()
                    .all(|c| "一二三四五六七八九十0123456789".contains(c))
        })
}

/// In-article subheads: a one-line stack between two pieces set in the same
/// column, where the second does not open a new article (no dateline, no
/// jump), is a subhead of the running article: it becomes a paragraph and
/// the two pieces one.
fn merge_subheads(sheet: &mut Sheet, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut consumed = vec![false; sheet.stacks.len()];
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    // Tails' bigrams of the pieces in `out`, made when first needed: a piece
    // no longer last never changes again.
    let mut tails: Vec<Option<Bigrams>> = Vec::with_capacity(pieces.len());
    // Stacks are in page order: a cursor finds those between two pieces.
    let mut cursor = 0;
    for piece in pieces {
        let last_line = out
            .last()
            .and_then(|p: &Piece| p.paras.last())
            .map_or(0, |p| p.first_line);
        while cursor < sheet.stacks.len() && sheet.stacks[cursor].lines[0] <= last_line {
            cursor += 1;
        }
        let end =
            cursor + sheet.stacks[cursor..].partition_point(|st| st.lines[0] < piece.first_line());
        let across = out.last().and_then(|prev: &Piece| match end - cursor {
            1 => across(&sheet.stacks[cursor], prev, &piece),
            // Parted by page furniture, a caption or a change of topic in
            // the opening lines only, after a finished sentence (unfinished,
            // a block does not part the run).
            0 => prev
                .paras
                .last()
                .is_some_and(|p| ends_sentence(&p.text) && runs_on(prev, &piece))
                .then_some(Across::Over),
            _ => None,
        });
        match across {
            Some(Across::Subhead) if runs_on_earlier(&out, &mut tails, &piece) => {
                // Another article's subhead, set where its column resumes
                // past this one: it opens that part, which the rejoin
                // gives back to its article.
                consumed[cursor] = true;
                let col = edge_column(&piece, true);
                let mut paras = subhead_paras(sheet, &sheet.stacks[cursor], col);
                paras.extend(piece.paras);
                out.push(Piece { paras, ..piece });
                tails.push(None);
            }
            Some(Across::Subhead) => {
                consumed[cursor] = true;
                let prev = out.last_mut().expect("checked above");
                let col = edge_column(prev, false);
                prev.paras
                    .extend(subhead_paras(sheet, &sheet.stacks[cursor], col));
                prev.paras.extend(piece.paras);
            }
            Some(Across::Over) => {
                let prev = out.last_mut().expect("checked above");
                prev.paras.extend(piece.paras);
            }
            None => {
                out.push(piece);
                tails.push(None);
            }
        }
    }
    drop_stacks(sheet, &consumed);
    out
}

/// Whether `next` runs on from a piece before the last of `out` (within
/// the rejoin's reach) far better than from the last: the part of an
/// article interleaved with another by column.
fn runs_on_earlier(out: &[Piece], tails: &mut [Option<Bigrams>], next: &Piece) -> bool {
    let Some((last, earlier)) = out.split_last() else {
        return false;
    };
    let from = earlier.len().saturating_sub(REJOIN_REACH - 1);
    if earlier[from..].iter().all(jumps_away) {
        return false;
    }
    let lead = bigrams(&next.lead());
    let mut before: f64 = 0.0;
    for k in (from..earlier.len()).filter(|&k| !jumps_away(&earlier[k])) {
        let tail = tails[k].get_or_insert_with(|| bigrams(&tail_text(&earlier[k])));
        before = before.max(similarity(&lead, tail));
    }
    before >= ONE_TEXT_SHARE && before > 2.0 * similarity(&lead, &bigrams(&tail_text(last)))
}

/// Shortest line of a couplet subhead, in characters.
const MIN_COUPLET: usize = 6;

/// The paragraphs of a subhead: one per line for a couplet, two parallel
/// phrases of the same length set one under the other, neither filling
/// the column (`山川秀美物产丰饶 / 人民勤劳生活富足`); else one (a subhead
/// wrapped in the column).
fn subhead_paras(sheet: &Sheet, stack: &crate::stack::Stack, col: Option<f32>) -> Vec<Para> {
    let para = |text: String, first_line: usize| Para {
        text,
        first_line,
        widths: Vec::new(),
        continued_to: None,
        continued_from: None,
        bbox: None,
    };
    let lines: Vec<&Line> = stack.lines.iter().map(|&i| &sheet.lines[i]).collect();
    let couplet = match lines.as_slice() {
        [a, b] => {
            let (m, n) = (a.text.chars().count(), b.text.chars().count());
            let plain = |l: &Line| l.text.chars().all(crate::measure::is_cjk);
            m.abs_diff(n) <= 1
                && m.min(n) >= MIN_COUPLET
                && plain(a)
                && plain(b)
                && col.is_some_and(|c| a.width.max(b.width) < c - 1.0)
        }
        _ => false,
    };
    if couplet {
        return stack
            .lines
            .iter()
            .map(|&i| para(sheet.lines[i].text.clone(), i))
            .collect();
    }
    vec![para(stack.units.concat(), stack.lines[0])]
}

/// Most lines of a stack taken for subheads.
const MAX_SUBHEAD_LINES: usize = 2;

/// How the text runs on across a stack set between two pieces.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Across {
    /// The stack is a subhead of the running article: it becomes a
    /// paragraph.
    Subhead,
    /// The stack is a headline printed inside the article's flow (its own,
    /// or another's in a panel that the column runs past): the pieces join
    /// and the stack stays a headline.
    Over,
}

/// Least share of the next piece's opening found in the previous piece's
/// last paragraphs for the two to read as one text across any stack:
/// adjacent paragraphs of one article share this much more often than
/// not; the opening of the next article rarely does.
const ONE_TEXT_SHARE: f64 = 0.1;

/// Whether a piece ends with a jump line to another page.
fn jumps_away(piece: &Piece) -> bool {
    piece.paras.last().is_some_and(|p| p.continued_to.is_some())
}

/// Whether a piece opens an article: a brief's run-in title, a jump line
/// from another page, or a dateline (also one quoting an agency, 据新华社…).
fn opens_article(piece: &Piece) -> bool {
    piece.lead_title.is_some()
        || piece.paras.first().is_some_and(|first| {
            first.continued_from.is_some()
                || byline::parse(&first.text).dateline.is_some()
                || byline::starts_dateline(&first.text)
        })
}

/// Whether the text runs on from `prev` to `next`: `next` opens nothing,
/// `prev` jumps nowhere, and `next`'s lead shares enough with `prev`'s last
/// paragraphs to be one text.
fn runs_on(prev: &Piece, next: &Piece) -> bool {
    !opens_article(next) && !jumps_away(prev) && continues(prev, &bigrams(&next.lead()))
}

/// Whether a lead (its bigrams) shares enough with the end of `prev` to be
/// one text with it.
fn continues(prev: &Piece, next_lead: &Bigrams) -> bool {
    similarity(next_lead, &bigrams(&tail_text(prev))) >= ONE_TEXT_SHARE
}

/// Whether the article runs on from `prev` to `next` across `stack`, and how.
fn across(stack: &crate::stack::Stack, prev: &Piece, next: &Piece) -> Option<Across> {
    if stack.title_sized() {
        return None;
    }
    if is_subhead(stack, prev, next) {
        return Some(Across::Subhead);
    }
    if opens_article(next) || jumps_away(prev) {
        return None;
    }
    let next_lead = bigrams(&next.lead());
    if !continues(prev, &next_lead) {
        return None;
    }
    let head = bigrams(&stack.text());
    let ahead = similarity(&head, &next_lead);
    // A headline that repeats the first piece's lead more than the
    // second's is that article's own, printed after its first part.
    let looks_back = similarity(&head, &bigrams(&prev.lead())) > ahead;
    let subhead_like = matches!(stack.units.as_slice(), [unit]
        if !crate::headline::has_column_tag(unit)
            && !unit.starts_with('—')
            && !unit.ends_with('—'))
        && stack.lines.len() <= MAX_SUBHEAD_LINES;
    if subhead_like && !looks_back {
        Some(Across::Subhead)
    } else {
        // A full headline that repeats the next lead heads it: two
        // articles on one subject share words too.
        (ahead < HEADS_NEXT).then_some(Across::Over)
    }
}

/// Share of a headline's bigrams in the next piece's lead from which it
/// heads that piece even where the text runs on across it.
const HEADS_NEXT: f64 = 0.3;

fn is_subhead(stack: &crate::stack::Stack, prev: &Piece, next: &Piece) -> bool {
    let [unit] = stack.units.as_slice() else {
        return false;
    };
    if stack.lines.len() > MAX_SUBHEAD_LINES {
        return false;
    }
    let short = unit.chars().count() <= MAX_SUBHEAD;
    let plain =
        !crate::headline::has_column_tag(unit) && !unit.starts_with('—') && !unit.ends_with('—');
    if next.paras.is_empty() {
        return false;
    }
    let opens = opens_article(next);
    let closed = jumps_away(prev);
    let same_column = match (edge_column(prev, false), edge_column(next, true)) {
        (Some(a), Some(b)) => (a - b).abs() <= 1.0,
        _ => false,
    };
    if !short || !plain || opens || closed {
        return false;
    }
    if is_numbered(unit) {
        return true;
    }
    // A headline printed after its own body reads like that body's lead; a
    // subhead introduces what follows it. That does not count where the
    // text on both sides is one article's: it shares more than a change of
    // topic lets through (see [`changes_topic`]), and a subhead is about
    // its own article too.
    let head = bigrams(unit);
    let next_lead = bigrams(&next.lead());
    let looks_back = || similarity(&head, &bigrams(&prev.lead())) > similarity(&head, &next_lead);
    let one_text = || similarity(&next_lead, &bigrams(&tail_text(prev))) > TOPIC_MAX_SHARE;
    same_column && (!looks_back() || one_text())
}

/// The last characters of a piece (of its last three paragraphs at most).
fn tail_text(piece: &Piece) -> String {
    let tail: Vec<char> = piece
        .paras
        .iter()
        .rev()
        .take(3)
        .flat_map(|p| p.text.chars().rev())
        .take(TOPIC_BEFORE)
        .collect();
    tail.into_iter().rev().collect()
}

/// How much better a split must score than keeping a stack whole.
const SPLIT_MARGIN: f64 = 0.3;
/// The same where a blank line separates the parts.
const GAP_SPLIT_MARGIN: f64 = 0.05;

/// How much better each part of a headline divided inside a unit must
/// match its own side than the other.
const LEAN: f64 = 0.2;
/// A line narrower than this share of the line above it is that line's
/// wrapped tail.
const TAIL_SHARE: f32 = 0.5;

/// Splits a stack that holds the headline printed after one article's body
/// and the headline printed before the next one's: the units are divided
/// where the first part matches the piece before and the rest the piece
/// after.
fn split_stacks(sheet: &mut Sheet, pieces: &[Piece]) {
    let mut out = Vec::with_capacity(sheet.stacks.len());
    for stack in std::mem::take(&mut sheet.stacks) {
        let first = stack.lines[0];
        let last = *stack.lines.last().unwrap_or(&first);
        let (Some(b), Some(a)) = (piece_before(pieces, first), piece_after(pieces, last)) else {
            out.push(stack);
            continue;
        };
        let n = stack.units.len();
        // No blank line anywhere (`pdftotext -raw`, MuPDF): two headlines
        // may have been joined into one unit, so every line boundary is
        // tried when no unit boundary parts them.
        let gapless = stack.lines.iter().all(|&i| !sheet.lines[i].gap_before);
        if n < 2 && !(gapless && stack.lines.len() >= 2) {
            out.push(stack);
            continue;
        }
        let (lb, la) = (bigrams(&b.lead()), bigrams(&a.lead()));
        let units: Vec<&str> = stack.units.iter().map(String::as_str).collect();
        // A blank line between the parts is weak evidence of two
        // headlines: less content evidence is asked for there.
        let margin = |k: usize| {
            let line = stack.lines[stack.unit_lines[..k].iter().sum::<usize>()];
            if sheet.lines[line].gap_before {
                GAP_SPLIT_MARGIN
            } else {
                SPLIT_MARGIN
            }
        };
        if let Some((k, _)) =
            best_split(&units, &lb, &la).filter(|&(k, gain)| n >= 2 && gain > margin(k))
        {
            let (x, y) = stack.split(k);
            out.push(x);
            out.push(y);
            continue;
        }
        match gapless
            .then(|| line_split(sheet, &stack, &lb, &la))
            .flatten()
        {
            Some(j) => {
                out.extend(crate::headline::build(sheet, stack.lines[..j].to_vec()));
                out.extend(crate::headline::build(sheet, stack.lines[j..].to_vec()));
            }
            None => out.push(stack),
        }
    }
    sheet.stacks = out;
}

/// Where to divide a stack inside a unit, line by line, so that the lines
/// before match the lead `before` and the rest the lead `after`. Each part
/// must also lean its own way on its own text (one short line says little),
/// and the cut never falls before a wrapped unit's short tail
/// (`…高质 / 量发展`).
fn line_split(
    sheet: &Sheet,
    stack: &crate::stack::Stack,
    before: &Bigrams,
    after: &Bigrams,
) -> Option<usize> {
    let lines: Vec<&str> = stack
        .lines
        .iter()
        .map(|&i| sheet.lines[i].text.as_str())
        .collect();
    let width = |j: usize| sheet.lines[stack.lines[j]].width;
    let leans = |j: usize| {
        let (x, y) = (bigrams(&lines[..j].concat()), bigrams(&lines[j..].concat()));
        width(j) >= TAIL_SHARE * width(j - 1)
            && similarity(&x, before) > similarity(&x, after) + LEAN
            && similarity(&y, after) > similarity(&y, before) + LEAN
    };
    let (j, _) =
        best_split(&lines, before, after).filter(|&(j, gain)| gain > SPLIT_MARGIN && leans(j))?;
    Some(j)
}

/// The best place to divide `parts` so that those before it match the lead
/// `before` and the rest the lead `after`, and how much it scores above
/// keeping them whole (either way).
fn best_split(parts: &[&str], before: &Bigrams, after: &Bigrams) -> Option<(usize, f64)> {
    let prev: Vec<f64> = parts
        .iter()
        .map(|u| similarity(&bigrams(u), before))
        .collect();
    let next: Vec<f64> = parts
        .iter()
        .map(|u| similarity(&bigrams(u), after))
        .collect();
    // Prefix sums of `prev`, suffix sums of `next`: linear in parts.
    let mut before_k = vec![0.0; prev.len() + 1];
    for (k, v) in prev.iter().enumerate() {
        before_k[k + 1] = before_k[k] + v;
    }
    let mut from_k = vec![0.0; next.len() + 1];
    for (k, v) in next.iter().enumerate().rev() {
        from_k[k] = from_k[k + 1] + v;
    }
    let score = |k: usize| before_k[k] + from_k[k];
    let n = parts.len();
    let whole = score(0).max(score(n));
    // The first of equal scores: a part with no evidence either way more
    // often opens the next headline (its kicker) than closes the last.
    let best = (1..n)
        .rev()
        .max_by(|&x, &y| score(x).total_cmp(&score(y)))?;
    Some((best, score(best) - whole))
}

/// Pieces and stacks in page order.
fn items(sheet: &Sheet, pieces: &[Piece]) -> Vec<Item> {
    let mut items: Vec<(usize, Item)> = pieces
        .iter()
        .enumerate()
        .map(|(p, piece)| (piece.first_line(), Item::Piece(p)))
        .chain(
            sheet
                .stacks
                .iter()
                .enumerate()
                .map(|(s, st)| (st.lines[0], Item::Stack(s))),
        )
        .collect();
    items.sort_by_key(|(line, _)| *line);
    items.into_iter().map(|(_, item)| item).collect()
}

/// Each stack in page order with the number of pieces before it. Pieces are
/// numbered in page order, so a stack's nearest pieces on each side follow
/// from that number without scanning.
fn stack_positions(items: &[Item]) -> impl Iterator<Item = (usize, usize)> + '_ {
    items
        .iter()
        .scan(0usize, |seen, item| {
            Some(match *item {
                Item::Piece(_) => {
                    *seen += 1;
                    None
                }
                Item::Stack(s) => Some((s, *seen)),
            })
        })
        .flatten()
}

/// Character bigrams of the ideographs in `text`.
fn bigrams(text: &str) -> Bigrams {
    let mut prev: Option<char> = None;
    let mut out: Vec<u64> = Vec::new();
    for c in text
        .chars()
        .filter(|c| crate::measure::is_cjk(*c) || c.is_ascii_alphanumeric())
    {
        if let Some(p) = prev {
            out.push((u64::from(p) << 32) | u64::from(c));
        }
        prev = Some(c);
    }
    out.sort_unstable();
    out.dedup();
    Bigrams(out)
}

/// A set of character bigrams, as sorted codes (cheaper than hashing for
/// the few hundred a headline or lead has).
#[derive(Debug, Clone, Default)]
struct Bigrams(Vec<u64>);

/// Share of the headline's bigrams found in the piece's lead.
fn similarity(head: &Bigrams, lead: &Bigrams) -> f64 {
    if head.0.is_empty() {
        return 0.0;
    }
    // Against a far larger text (a whole page, a long article), look each
    // bigram up instead of walking the text: the cost follows the short side.
    if lead.0.len() > 16 * head.0.len() {
        let shared = head
            .0
            .iter()
            .filter(|b| lead.0.binary_search(b).is_ok())
            .count();
        return shared as f64 / head.0.len() as f64;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < head.0.len() && j < lead.0.len() {
        match head.0[i].cmp(&lead.0[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / head.0.len() as f64
}

/// Pieces on each side of a stack that it may head.
const REACH: usize = 2;
/// Score of any pairing within reach; similarity adds to it.
const PAIR_BASE: f64 = 0.3;

/// For each stack, the piece it heads (if any).
///
/// Stacks and pieces keep their order on the page, so the pairing is a
/// monotone alignment: no two pairs cross. Among those, the one with the
/// highest total score wins (each pair scores a base, plus the share of the
/// headline's bigrams found in the piece's lead, plus a bonus when the piece
/// follows the stack).
fn pair_stacks(
    sheet: &Sheet,
    pieces: &[Piece],
    leads: &[Bigrams],
    items: &[Item],
) -> Vec<Option<usize>> {
    let mut options: Vec<(usize, Vec<(usize, f64)>)> = Vec::new(); // stack -> (piece, score)
    for (s, seen) in stack_positions(items) {
        let head = bigrams(&sheet.stacks[s].text());
        // A stack inside a piece's lines (the text ran on across it, see
        // [`across`]) heads that piece or none: it was not printed over
        // the pieces after it.
        let inside = seen
            .checked_sub(1)
            .is_some_and(|p| sheet.stacks[s].lines[0] < pieces[p].last_line());
        let before = (seen.saturating_sub(if inside { 1 } else { REACH })..seen).rev();
        let after = seen..(seen + if inside { 0 } else { REACH }).min(pieces.len());
        // A brief item carries its own run-in title.
        let before = before.filter(|&p| pieces[p].lead_title.is_none());
        let after = after.filter(|&p| pieces[p].lead_title.is_none());
        let mut opts: Vec<(usize, f64)> = before
            .enumerate()
            .map(|(d, p)| {
                (
                    p,
                    PAIR_BASE * 0.5f64.powi(d as i32) + similarity(&head, &leads[p]),
                )
            })
            .chain(after.enumerate().map(|(d, p)| {
                let base = (PAIR_BASE + FOLLOWING_BONUS) * 0.5f64.powi(d as i32);
                (p, base + similarity(&head, &leads[p]))
            }))
            .collect();
        opts.sort_by_key(|(p, _)| *p);
        options.push((s, opts));
    }
    let mut owner = vec![None; sheet.stacks.len()];
    for (s, p) in monotone_best(&options) {
        owner[s] = Some(p);
    }
    uncross(sheet, leads, &mut owner);
    owner
}

/// How much better two stacks must match each other's pieces than their
/// own to swap them.
const SWAP_MARGIN: f64 = 0.5;

/// Swaps the pieces of two stacks paired one after the other when each
/// matches the other's piece (its lead) far better than its own: headline
/// panels printed in another order than their bodies, which the pairing's
/// order cannot follow.
fn uncross(sheet: &Sheet, leads: &[Bigrams], owner: &mut [Option<usize>]) {
    let paired: Vec<usize> = (0..owner.len()).filter(|&s| owner[s].is_some()).collect();
    let mut heads: Vec<Option<Bigrams>> = vec![None; owner.len()];
    for w in paired.windows(2) {
        let [s, t] = [w[0], w[1]];
        let (Some(p), Some(q)) = (owner[s], owner[t]) else {
            continue;
        };
        for k in [s, t] {
            heads[k].get_or_insert_with(|| bigrams(&sheet.stacks[k].text()));
        }
        let (Some(hs), Some(ht)) = (&heads[s], &heads[t]) else {
            continue;
        };
        let (sp, sq) = (similarity(hs, &leads[p]), similarity(hs, &leads[q]));
        let (tp, tq) = (similarity(ht, &leads[p]), similarity(ht, &leads[q]));
        if sq.min(tp) >= RESCUE_MIN && sq + tp > sp + tq + SWAP_MARGIN {
            owner[s] = Some(q);
            owner[t] = Some(p);
        }
    }
}

/// Pieces back that an untitled piece may continue.
const REJOIN_REACH: usize = 3;
/// The share in place of [`ONE_TEXT_SHARE`] asked of a piece that jumps
/// away, when it shares less than half as much with any other piece.
const JUMPING_SHARE: f64 = 0.05;

/// Whether the piece was read with its geometry (PDF, OCR), so in the
/// page's own reading order.
fn in_print(piece: &Piece) -> bool {
    piece.paras.first().is_some_and(|p| p.bbox.is_some())
}

/// For each piece, the earlier piece whose article it continues, if any:
/// an untitled piece that opens nothing, whose opening shares enough with
/// the end of an earlier piece within reach to be one text (see
/// [`runs_on`]), and more than with any other (two articles interleaved by
/// column: the second's piece sits between the first's two parts).
fn rejoin(
    pieces: &[Piece],
    leads: &[Bigrams],
    piece_stack: &[Option<usize>],
) -> Vec<Option<usize>> {
    let mut joins: Vec<Option<usize>> = vec![None; pieces.len()];
    for (o, piece) in pieces.iter().enumerate() {
        if piece_stack[o].is_some() || o == 0 {
            continue;
        }
        let from_elsewhere = piece
            .paras
            .first()
            .is_some_and(|p| p.continued_from.is_some());
        if in_print(piece) && !from_elsewhere {
            // Read in the page's own order (input with geometry), text
            // that no headline opens runs on from the text before it.
            joins[o] = Some(joins[o - 1].unwrap_or(o - 1));
            continue;
        }
        if opens_article(piece) {
            continue;
        }
        let lead = &leads[o];
        let shares: Vec<(usize, f64)> = (o.saturating_sub(REJOIN_REACH)..o)
            .map(|c| (c, similarity(lead, &bigrams(&tail_text(&pieces[c])))))
            .collect();
        let best = shares
            .iter()
            .filter(|(c, _)| !jumps_away(&pieces[*c]))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .copied();
        // A piece that jumps to another page is the end of an article, not
        // an article of its own: a few shared names are enough, when no
        // other piece comes near.
        let rival = shares
            .iter()
            .filter(|(c, _)| best.is_some_and(|b| b.0 != *c))
            .map(|s| s.1)
            .fold(0.0, f64::max);
        let enough = |share: f64| {
            share >= ONE_TEXT_SHARE
                || (jumps_away(piece) && share >= JUMPING_SHARE && rival < share / 2.0)
        };
        if let Some((c, _)) = best.filter(|(_, share)| enough(*share)) {
            // Join to the article the earlier piece itself belongs to.
            joins[o] = Some(joins[c].unwrap_or(c));
        }
    }
    joins
}

/// Least share of a headline's bigrams in a lead that lets an untitled
/// piece take it from a stack that heads another piece or none.
const RESCUE_MIN: f64 = 0.35;
/// How much better the units must match after the move than before.
const RESCUE_MARGIN: f64 = 0.3;
/// Least share of an unpaired headline's bigrams in an untitled piece's
/// whole text that lets the piece take it.
const RESCUE_TEXT_MIN: f64 = 0.4;

/// Pieces on each side of a stack that may take its units in the rescue.
const RESCUE_REACH: usize = 2 * REACH;

/// Gives untitled pieces the headlines that the pairing could not: an
/// unpaired stack whose text matches the piece's lead (a headline printed
/// beyond the pairing's order), or units of a stack paired elsewhere that
/// match this piece far better than their owner (two headline panels read
/// row by row interleave their units; two headlines set on one stack).
/// New stacks are appended to `sheet.stacks`; the owners returned cover them.
fn rescue(
    sheet: &mut Sheet,
    pieces: &[Piece],
    leads: &[Bigrams],
    items: &[Item],
    mut owner: Vec<Option<usize>>,
) -> Vec<Option<usize>> {
    let mut titled: Vec<bool> = pieces.iter().map(|p| p.lead_title.is_some()).collect();
    for p in owner.iter().flatten() {
        titled[*p] = true;
    }
    // Whole texts of untitled pieces, made when first needed.
    let mut texts: Vec<Option<Bigrams>> = vec![None; pieces.len()];
    for (s, seen) in stack_positions(items) {
        // Farther than the pairing looks (a headline panel may sit a few
        // articles away from its body), but bounded, to stay linear.
        let near =
            seen.saturating_sub(RESCUE_REACH + 1)..(seen + RESCUE_REACH + 1).min(pieces.len());
        let mut units: Option<Vec<Bigrams>> = None; // made once, if needed
        for u in near.filter(|&u| !titled[u]) {
            let taken = match owner[s] {
                None => {
                    let text = text_of(&mut texts, pieces, u);
                    heads_whole(&sheet.stacks[s], &leads[u], text).then_some(Taken::Whole)
                }
                Some(v) => {
                    let units = units.get_or_insert_with(|| {
                        sheet.stacks[s].units.iter().map(|u| bigrams(u)).collect()
                    });
                    rescue_units(sheet, s, units, &leads[v], &leads[u], RESCUE_MIN).or_else(|| {
                        // A title may sum up what the lead does not reach:
                        // compare the whole texts, at the whole-text bar
                        // (a one-unit stack has nothing to part).
                        if units.len() < 2 {
                            return None;
                        }
                        text_of(&mut texts, pieces, u);
                        text_of(&mut texts, pieces, v);
                        let (owner, text) = (texts[v].as_ref()?, texts[u].as_ref()?);
                        rescue_units(sheet, s, units, owner, text, RESCUE_TEXT_MIN)
                    })
                }
            };
            if let Some(taken) = taken {
                match taken {
                    Taken::Whole => owner[s] = Some(u),
                    Taken::Units(stack) => {
                        sheet.stacks.push(stack);
                        owner.push(Some(u));
                    }
                }
                titled[u] = true;
                break;
            }
        }
    }
    owner
}

/// The bigrams of piece `p`'s whole text, made on first use.
fn text_of<'a>(texts: &'a mut [Option<Bigrams>], pieces: &[Piece], p: usize) -> &'a Bigrams {
    texts[p].get_or_insert_with(|| bigrams(&pieces[p].text()))
}

/// What an untitled piece takes from a stack.
enum Taken {
    /// The whole stack, which headed no piece.
    Whole,
    /// These units; the rest stay in the stack.
    Units(crate::stack::Stack),
}

/// Whether a stack that heads no piece heads the untitled piece with lead
/// `lead` and whole text `text`. Its words are looked for in the lead, or
/// in the whole text at a higher bar: a headline sums up its article, whose
/// lead may open on something else (a scene, a quote).
fn heads_whole(stack: &crate::stack::Stack, lead: &Bigrams, text: &Bigrams) -> bool {
    let head = bigrams(&stack.text());
    similarity(&head, lead) >= RESCUE_MIN || similarity(&head, text) >= RESCUE_TEXT_MIN
}

/// What stack `s` (`units`: its units' bigrams), heading the piece with
/// text `owner`, should give the piece with text `lead`, if anything; the
/// units it gives must share at least `least` of their bigrams with `lead`.
fn rescue_units(
    sheet: &mut Sheet,
    s: usize,
    units: &[Bigrams],
    owner: &Bigrams,
    lead: &Bigrams,
    least: f64,
) -> Option<Taken> {
    let stack = &sheet.stacks[s];
    let to_u: Vec<f64> = units.iter().map(|b| similarity(b, lead)).collect();
    let to_v: Vec<f64> = units.iter().map(|b| similarity(b, owner)).collect();
    let n = units.len();
    // Which units stay: a prefix, a suffix, or every other one.
    let patterns = (1..n)
        .map(|k| (0, k, 1))
        .chain((1..n).map(|k| (k, n, 1)))
        .chain((0..2).filter(|_| n >= 3).map(|r| (r, n, 2)));
    let stays = |(from, to, step): (usize, usize, usize), k: usize| {
        (from..to).contains(&k) && (k - from) % step == 0
    };
    let gain = |pattern| -> (f64, f64) {
        let moved: Vec<usize> = (0..n).filter(|&k| !stays(pattern, k)).collect();
        let gain: f64 = moved.iter().map(|&k| to_u[k] - to_v[k]).sum();
        let top = moved.iter().map(|&k| to_u[k]).fold(0.0, f64::max);
        (gain, top)
    };
    let best = patterns
        .map(|p| (p, gain(p)))
        .filter(|(_, (g, top))| *g > RESCUE_MARGIN && *top >= least)
        .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0))?;
    let (kept, moved) = stack.partition(|k| stays(best.0, k));
    sheet.stacks[s] = kept;
    Some(Taken::Units(moved))
}

/// The highest-scoring set of (stack, piece) pairs, taking stacks in order
/// and pieces in strictly increasing order. A Pareto front of states
/// (last piece used, score) keeps it linear for local options.
fn monotone_best(options: &[(usize, Vec<(usize, f64)>)]) -> Vec<(usize, usize)> {
    // Arena of chosen pairs with back links, so paths are not copied.
    let mut arena: Vec<(usize, usize, Option<usize>)> = Vec::new();
    // States: (last piece + 1, score, arena node); sorted by last piece.
    let mut front: Vec<(usize, f64, Option<usize>)> = vec![(0, 0.0, None)];
    for (s, opts) in options {
        // Options only move forward (a later stack's nearest pieces are never
        // earlier), so states ending at or before this stack's first option
        // can be collapsed into the best of them: the front stays small.
        if let Some(&(first, _)) = opts.first() {
            // States whose last piece comes before `first` can all extend
            // any option of this stack: keep the best of them.
            collapse_before(&mut front, first);
        }
        let mut next = front.clone();
        for &(p, score) in opts {
            let best = front
                .iter()
                .filter(|(last, _, _)| *last <= p)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some(&(_, base, node)) = best {
                arena.push((*s, p, node));
                next.push((p + 1, base + score, Some(arena.len() - 1)));
            }
        }
        front = pareto(next);
    }
    let best = front
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .and_then(|st| st.2);
    let mut pairs = Vec::new();
    let mut node = best;
    while let Some(n) = node {
        let (s, p, back) = arena[n];
        pairs.push((s, p));
        node = back;
    }
    pairs
}

/// Replaces the states with `last <= bound` by the best of them.
fn collapse_before(front: &mut Vec<(usize, f64, Option<usize>)>, bound: usize) {
    let split = front.partition_point(|st| st.0 <= bound);
    if split > 1 {
        let best = front[..split]
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("non-empty");
        front.splice(..split, [best]);
    }
}

/// Keeps states that no other state beats with a lower last piece and a
/// score at least as high.
fn pareto(mut states: Vec<(usize, f64, Option<usize>)>) -> Vec<(usize, f64, Option<usize>)> {
    states.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut out: Vec<(usize, f64, Option<usize>)> = Vec::new();
    for st in states {
        if out.last().is_none_or(|l| st.1 > l.1) {
            out.push(st);
        }
    }
    out
}

/// The year to use for datelines without one: the page's date, else the
/// latest full date printed on the page.
fn year_hint(sheet: &Sheet, pieces: &[Piece]) -> Option<(i32, u32, u32)> {
    sheet.page_date.or_else(|| {
        pieces
            .iter()
            .flat_map(|p| p.paras.iter())
            .flat_map(|p| byline::full_dates(&p.text).collect::<Vec<_>>())
            .chain(
                sheet
                    .stacks
                    .iter()
                    .flat_map(|s| byline::full_dates(&s.text()).collect::<Vec<_>>()),
            )
            .max()
    })
}

fn set_headlines(a: &mut Article, stack: &crate::stack::Stack) {
    a.kicker = stack.kicker.clone();
    a.title = stack.title.clone();
    a.subtitles = stack.subtitles.clone();
}

fn article(
    sheet: &Sheet,
    piece: &Piece,
    stack: Option<usize>,
    year: Option<(i32, u32, u32)>,
) -> Article {
    let (kicker, title) = piece
        .lead_title
        .as_deref()
        .map_or((None, None), kicker_split);
    let mut a = Article {
        kicker,
        title,
        ..Article::default()
    };
    if let Some(s) = stack {
        set_headlines(&mut a, &sheet.stacks[s]);
        a.bbox = crate::sheet::bbox_of(sheet.stacks[s].lines.iter().map(|&i| &sheet.lines[i]));
    }
    a.paragraphs = piece.paras.iter().map(|p| p.text.clone()).collect();
    a.paragraph_bboxes = piece.paras.iter().filter_map(|p| p.bbox).collect();
    a.continued_to = piece
        .paras
        .iter()
        .rev()
        .find_map(|p| p.continued_to.clone());
    a.continued_from = piece.paras.first().and_then(|p| p.continued_from.clone());
    byline::fill(&mut a, year);
    a
}

/// A caption belongs to the article whose stack or piece it follows (a
/// photo sits in the headline panel or below the text), else the next one.
fn attach_captions(
    sheet: &Sheet,
    items: &[Item],
    pieces: &[Piece],
    piece_article: &[usize],
    stack_article: &[usize],
    articles: &mut [Article],
) {
    for (first, caption) in &sheet.captions {
        let line_of = |it: &Item| match *it {
            Item::Piece(p) => pieces[p].first_line(),
            Item::Stack(s) => sheet.stacks[s].lines[0],
        };
        let article_of = |it: &Item| match *it {
            Item::Piece(p) => piece_article[p],
            Item::Stack(s) => stack_article[s],
        };
        let k = items.partition_point(|it| line_of(it) < *first);
        let before = k.checked_sub(1).map(|k| &items[k]);
        let after = items[k..].iter().find(|it| line_of(it) > *first);
        let a = before.or(after).map_or(0, article_of);
        articles[a].captions.push(caption.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::{brief_split, kicker_split};
    use crate::restore;

    /// A body of `n` full lines of a 15-em column, ending with a sentence.
    /// A body on 城市发展, `between`, then a dated body on 冰雪运动, then
    /// `after`.
    fn around_dateline(between: &str, after: &str) -> String {
        let second = body("冰雪运动", 6);
        let rest = second.split_once('\n').map_or("", |(_, rest)| rest);
        format!(
            "{}{between}本报讯（记者 王五）3月1日，冰雪运动进校园活动在全市启\n动。{rest}{after}",
            body("城市发展", 6)
        )
    }

    /// The titles of the two articles `around_dateline` makes.
    const BOTH_TITLES: [Option<&str>; 2] =
        [Some("城市发展大会召开"), Some("冰雪运动进校园活动启动")];

    /// The articles' titles, in order.
    /// Restores `text` and checks that it makes one article, which holds
    /// the paragraph `para`.
    fn assert_one_article_holding(text: &str, para: &str) {
        let page = restore(text, "t");
        assert_eq!(page.articles.len(), 1, "{:?}", titles(&page));
        assert!(
            page.articles[0].paragraphs.iter().any(|p| p == para),
            "{:?}",
            page.articles[0].paragraphs
        );
    }

    fn titles(page: &crate::Page) -> Vec<Option<&str>> {
        page.articles.iter().map(|a| a.title.as_deref()).collect()
    }

    /// Filler of another subject than `body`'s.
    const OTHER_LINES: [&str; 4] = [
        "今年冬天的降雪比往年来得更早些",
        "山区道路结冰给村民出行带来不便",
        "志愿者们清晨就上路铲除积雪冰块",
        "孩子们在操场上堆雪人打雪仗玩耍",
    ];

    fn body(topic: &str, n: usize) -> String {
        body_of(
            &format!("{topic}今天召开大会，会议由主\n任主持。"),
            &LINES,
            n,
        )
    }

    const LINES: [&str; 8] = [
        "会议指出要加强工作的落实力度和",
        "推进各项改革举措在基层落地见效",
        "进一步提高服务群众的能力和水平",
        "持续优化营商环境激发市场的活力",
        "统筹推进城乡融合发展与生态保护",
        "扎实做好民生保障和安全稳定工作",
        "不断增强人民群众的获得感幸福感",
        "切实把各项部署要求落到实处见到",
    ];

    /// An article's text: its opening sentence, then `n` lines cycled from
    /// `lines`, then the end of a sentence.
    fn body_of(opening: &str, lines: &[&str], n: usize) -> String {
        let mut out = format!("{opening}\n");
        for line in lines.iter().cycle().take(n) {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("实效。\n");
        out
    }

    #[test]
    fn headline_after_its_body_is_attached_to_it() {
        // Two articles on different subjects: the second shares no line
        // with the first.
        let text = format!(
            "{}\n城市发展大会召开\n\n{}",
            body("城市发展", 6),
            body_of("乡村的雪景吸引了不少游客前\n来观赏。", &OTHER_LINES, 6)
        );
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 2);
        assert_eq!(page.articles[0].title.as_deref(), Some("城市发展大会召开"));
        assert_eq!(
            page.articles[1].title, None,
            "a body with no headline stays untitled"
        );
    }

    #[test]
    fn stacks_paired_with_each_others_pieces_swap() {
        let mut sheet = crate::sheet::Sheet::default();
        for title in ["城市发展大会召开", "冰雪运动进校园活动启动"] {
            let unit = title.to_string();
            sheet.stacks.push(crate::stack::Stack::sized(
                vec![0],
                vec![(unit, 1)],
                vec![8.0],
            ));
        }
        let leads = [
            super::bigrams("冰雪运动进校园活动在全市启动，孩子们玩得开心。"),
            super::bigrams("城市发展大会今天召开，会议由主任主持。"),
        ];
        let mut owner = vec![Some(0), Some(1)];
        super::uncross(&sheet, &leads, &mut owner);
        assert_eq!(owner, [Some(1), Some(0)]);
        // Paired with their own pieces, they stay.
        super::uncross(&sheet, &leads, &mut owner);
        assert_eq!(owner, [Some(1), Some(0)]);
    }

    #[test]
    fn pairing_finds_the_best_alignment_not_the_nearest() {
        // The stack right after the body shares nothing with it; the one
        // after the caption repeats its lead.
        let text = format!(
            "{}\n乡村旅游节开幕\n\n图为游客在赏花。 记者 张三 摄\n\n城市发展大会召开\n",
            body("城市发展", 6)
        );
        let page = restore(&text, "t");
        let titled: Vec<Option<&str>> = page
            .articles
            .iter()
            .filter(|a| !a.paragraphs.is_empty())
            .map(|a| a.title.as_deref())
            .collect();
        assert_eq!(titled, vec![Some("城市发展大会召开")]);
    }

    #[test]
    fn an_untitled_body_takes_the_units_that_match_it() {
        // Both headlines printed after both bodies, on one stack: the
        // pairing gives the stack to the nearer body, and the unit that
        // matches the first body moves to it.
        let text = around_dateline("\n", "\n冰雪运动进校园活动启动\n\n城市发展大会召开\n");
        let page = restore(&text, "t");
        assert_eq!(titles(&page), BOTH_TITLES);
    }

    /// A body that opens on a scene (its lead shares nothing with its
    /// headline, 长江渔民转产上岸) and comes to its subject lines later.
    fn opens_on_a_scene() -> String {
        let mut first = String::from("清晨江边的雾气还没有散去，\n渔船已经陆续驶出了港口。\n");
        for line in OTHER_LINES.iter().cycle().take(12) {
            first.push_str(line);
            first.push('\n');
        }
        let topic = [
            "长江渔民转产上岸以后领到了",
            "补助资金，渔民转产上岸的新",
            "生活从技能培训和就业开始。",
        ];
        for line in topic.iter().cycle().take(6) {
            first.push_str(line);
            first.push('\n');
        }
        first
    }

    #[test]
    fn an_untitled_body_takes_the_headline_its_whole_text_sums_up() {
        // Only the first body's later lines share its headline's words.
        // Its headline is printed after the next article, then set on top
        // of the next article's stack.
        let city = body("城市发展", 6);
        for text in [
            format!(
                "{}\n城市发展大会召开\n{city}\n长江渔民转产上岸\n",
                opens_on_a_scene()
            ),
            format!(
                "{}\n长江渔民转产上岸\n\n城市发展大会召开\n{city}",
                opens_on_a_scene()
            ),
        ] {
            let page = restore(&text, "t");
            assert_eq!(
                titles(&page),
                [Some("长江渔民转产上岸"), Some("城市发展大会召开")],
                "{text}"
            );
        }
    }

    #[test]
    fn an_unpunctuated_deck_under_a_headline_opens_its_article() {
        let deck = "改革开放让城市面貌焕然一新，人\n民生活水平有了大幅度提高\n";
        let text = format!(
            "城市发展大会召开\n\n{deck}{}",
            body_of("去年以来，全市各项工作稳步\n推进。", &LINES, 6)
        );
        let page = restore(&text, "t");
        assert_eq!(
            page.articles[0].paragraphs.first().map(String::as_str),
            Some("改革开放让城市面貌焕然一新，人民生活水平有了大幅度提高"),
            "{page:?}"
        );
    }

    #[test]
    fn two_headlines_run_together_without_blank_lines_are_parted_by_content() {
        // `-raw` order, no blank lines: the first body's headline printed
        // after it, then the next article's, which wraps.
        let text = around_dateline("城市发展大会召开\n冰雪运动进校园活\n动启动\n", "");
        assert!(!text.contains("\n\n"));
        let page = restore(&text, "t");
        assert_eq!(titles(&page), BOTH_TITLES);
    }

    #[test]
    fn an_unpunctuated_lead_in_the_column_over_a_dateline_opens_that_article() {
        let text = format!(
            "{}将加强对城市公共交通站点以\n及大型商业综合体周边的安全检\n查让市民出行更加安心放心便捷\n的各项措施\n本报讯（记者王五）3月1日，\n冰雪运动进校园活动在全市启动。\n",
            body("城市发展", 4)
        );
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 2, "{:?}", page.articles);
        assert!(page.articles[0]
            .paragraphs
            .last()
            .unwrap()
            .ends_with("实效。"));
        assert!(page.articles[1].paragraphs[0].starts_with("将加强对"));
        assert!(page.articles[1].paragraphs[1].starts_with("本报讯"));
    }

    #[test]
    fn a_summary_lead_read_as_a_headline_opens_its_article() {
        // Set apart from the text above, right on the dateline, in its
        // column (the first line indented), too long for a title.
        let text = format!(
            "{}\n将加强对城市公共交通站点以及大型商业综合体周边\n的安全检查工作，让广大市民出行安心放心\n本报讯（记者 王五）3月1日，全市公共交通站点安全\n检查工作全面启动。检查组将深入各个站点和商业综\n合体，逐一排查消防通道、电梯设备和应急照明等重\n点部位，对发现的问题建立台账限期整改，确保春运\n期间市民出行安全有序。\n",
            body("城市发展", 4)
        );
        let page = restore(&text, "t");
        let lead =
            "将加强对城市公共交通站点以及大型商业综合体周边的安全检查工作，让广大市民出行安心放心";
        let article = page
            .articles
            .iter()
            .find(|a| a.paragraphs.iter().any(|p| p.starts_with("本报讯")))
            .expect("the dated article");
        assert_eq!(article.title, None);
        assert_eq!(article.paragraphs[0], lead);
        assert!(article.paragraphs[1].starts_with("本报讯"));
    }

    #[test]
    fn a_lead_set_as_an_indented_paragraph_under_the_title_opens_the_article() {
        // Right under the title, no blank line: its first line two em short
        // of the text's column, unpunctuated at its end.
        let text = "手艺传承靠的是耐心（匠人说艺）\n木雕和竹编、刺绣相比历史更久，它精细、多样，可以大胆借\n鉴各门手艺的长处，有更多可能性让我们去尝试、创新\n改革开放让木雕迎来又一个春天，我正是在那个大好时期走进\n这个行当。四十年里，木雕从兴旺到冷落，再到今天的红红火火之\n景，我始终坚信只要有一批人能够坚持，这门手艺就一定不会失\n传。作坊的师傅们教会我做人做事的道理，让我受益终身，难以忘\n怀。\n";
        let page = restore(text, "t");
        let a = &page.articles[0];
        assert_eq!(a.title.as_deref(), Some("手艺传承靠的是耐心（匠人说艺）"));
        assert!(a.subtitles.is_empty() && a.kicker.is_none(), "{a:?}");
        assert!(a.paragraphs[0].starts_with("木雕和竹编"));
        assert!(a.paragraphs[0].ends_with("尝试、创新"));
        assert!(a.paragraphs[1].starts_with("改革开放"));
    }

    #[test]
    fn a_short_lead_with_a_clause_under_a_title_opens_the_article_but_a_title_alone_stays() {
        let body = "今年元宵，笔者一家过了\n个“团圆节”。节前，爷爷从\n乡下坐车进城，跟我们一家人\n一起过节。这几天里，我们逛\n庙会、看花灯、吃年夜饭，过\n得热热闹闹，一家人其乐融融\n，老人也连连称赞城里的年味\n一点也不比老家差，很是满意。\n";
        let lead = "乡愁仍在，有了新鲜的表\n达方式，这是好事\n";
        let page = restore(
            &format!("进城过节，不变的是团\n圆（民生观）\n{lead}{body}"),
            "t",
        );
        let a = &page.articles[0];
        assert_eq!(a.title.as_deref(), Some("进城过节，不变的是团圆（民生观）"));
        assert!(a.subtitles.is_empty(), "{a:?}");
        assert_eq!(a.paragraphs[0], "乡愁仍在，有了新鲜的表达方式，这是好事");
        // The same lines alone over the text are its title.
        let page = restore(&format!("{lead}{body}"), "t");
        assert_eq!(
            page.articles[0].title.as_deref(),
            Some("乡愁仍在，有了新鲜的表达方式，这是好事")
        );
    }

    #[test]
    fn a_tagged_title_line_on_a_page_without_blank_lines_is_a_headline() {
        let text = format!(
            "{}手艺传承靠的是耐心（匠人说艺）\n{}",
            body("城市发展", 6),
            body("艺术创作", 6)
        );
        assert!(!text.contains("\n\n"));
        let page = restore(&text, "t");
        let titles = titles(&page);
        assert!(
            titles.contains(&Some("手艺传承靠的是耐心（匠人说艺）")),
            "{titles:?}"
        );
        assert!(page
            .articles
            .iter()
            .flat_map(|a| &a.paragraphs)
            .all(|p| !p.contains("匠人说艺")));
    }

    #[test]
    fn a_titled_piece_keeps_its_only_paragraph() {
        // Found by the layout-mode conservation property: a brief's run-in
        // title lost its text when its one paragraph, unfinished, moved on
        // to the next dateline as a summary lead, and then the title itself.
        let para = |text: &str| super::Para {
            text: text.to_string(),
            first_line: 0,
            widths: vec![15.0],
            continued_to: None,
            continued_from: None,
            bbox: None,
        };
        let lead =
            "城市发展大会在市体育中心隆重召开各界代表千余人参加会议现场气氛热烈会后举行了签约仪式";
        let mut piece = super::Piece {
            paras: vec![para(lead)],
            lead_title: Some("城市发展大会召开".to_string()),
        };
        let dateline = para("本报讯（记者李四）3月2日，冰雪运动");
        assert!(super::summary_lead(&mut piece, &dateline).is_none());
        assert_eq!(piece.paras.len(), 1);
        // Without a title, the same paragraph opens the dateline's article.
        piece.lead_title = None;
        assert!(super::summary_lead(&mut piece, &dateline).is_some());
    }

    #[test]
    fn a_subhead_that_echoes_the_lead_stays_in_its_article() {
        // The subhead shares more with the article's lead than with the
        // paragraph under it, but the text on both sides is one article's.
        let text = format!(
            "{}\n流行文化美育功能\n\n{}",
            body("流行文化", 6),
            body("美育工作", 6)
        );
        assert_one_article_holding(&text, "流行文化美育功能");
    }

    #[test]
    fn a_run_in_title_keeps_its_kicker_apart() {
        let (k, t) = kicker_split("商务部发言人——希望各方以开放合作姿态推动全球贸易健康发展");
        assert_eq!(k.as_deref(), Some("商务部发言人——"));
        assert_eq!(
            t.as_deref(),
            Some("希望各方以开放合作姿态推动全球贸易健康发展")
        );
        // A dash that opens or ends the title is no kicker's.
        assert_eq!(kicker_split("——访南非专家").0, None);
        assert_eq!(kicker_split("守护冬日的湿地，护林夫妇——").0, None);
    }

    #[test]
    fn a_headline_in_the_text_flow_right_on_a_dateline_is_its_title() {
        let text = format!(
            "{}全市冰雪运动进校园活动在\n市体育中心隆重举行各界代表\n千余人参加启动仪式现场气氛\n热烈\n本报讯（记者 王五）3月1日，活动在全市启动。\n",
            body("城市发展", 4)
        );
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 2);
        assert_eq!(
            page.articles[1].title.as_deref(),
            Some(
                "全市冰雪运动进校园活动在市体育中心隆重举行各界代表千余人参加启动仪式现场气氛热烈"
            )
        );
        assert!(page.articles[0]
            .paragraphs
            .last()
            .unwrap()
            .ends_with("实效。"));
    }

    #[test]
    fn headline_before_its_body_is_attached_to_it() {
        let text = format!("乡村振兴工作会议举行\n\n{}", body("乡村振兴", 6));
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 1);
        assert_eq!(
            page.articles[0].title.as_deref(),
            Some("乡村振兴工作会议举行")
        );
    }

    #[test]
    fn dateline_starts_a_new_article() {
        let text = format!(
            "{}本报讯（记者 王五）3月1日，另一件事发生了。\n",
            body("城市发展", 4)
        );
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 2);
        assert_eq!(page.articles[1].reporters, vec!["王五"]);
    }

    #[test]
    fn jump_line_ends_the_piece() {
        let text = format!("{}（下转3版）\n", body("城市发展", 4));
        let page = restore(&text, "t");
        assert_eq!(page.articles[0].continued_to.as_deref(), Some("3"));
        assert!(page.articles[0]
            .paragraphs
            .iter()
            .all(|p| !p.contains("下转")));
    }

    #[test]
    fn a_run_in_title_may_hold_a_comma_but_prose_spaced_around_a_number_is_no_title() {
        let (title, rest) =
            brief_split("万里一条路，不见“颠簸”处 “以前，乡村公路大都是坑洼不平的土路。”")
                .expect("a brief");
        assert_eq!(title, "万里一条路，不见“颠簸”处");
        assert!(rest.starts_with("“以前"));
        assert_eq!(
            brief_split("截至11日，《山海奇谈》票房逾 23亿元，领跑暑期档，带动整个行业回暖。"),
            None
        );
        assert_eq!(
            brief_split("假日期间共接到了旅客咨询142件， 较去年同期增加10件，同比增长7.58%。"),
            None
        );
    }

    #[test]
    fn a_run_in_title_closed_by_a_column_tag_needs_no_whole_brief_after_it() {
        // Half-width brackets too; the text runs on past its first paragraph.
        let (title, rest) = brief_split(
            "有了高楼，也要留住绿荫(城市漫笔) 2019年全国园林绿化工作会议近日在江苏扬州市闭幕，因为",
        )
        .expect("a titled item");
        assert_eq!(title, "有了高楼，也要留住绿荫(城市漫笔)");
        assert!(rest.starts_with("2019年"));
        // Without the tag an unfinished paragraph is no brief.
        assert_eq!(
            brief_split("有了高楼也要留住绿荫 今年全国园林绿化工作会议近日在江苏扬州市闭幕，因为"),
            None
        );
    }

    #[test]
    fn a_run_in_title_wrapped_before_its_column_tag_is_whole() {
        let item = "打通农产品进城的通道\n（新论） 通过机制创新促\n进生产端、流通端和消费需\n求有机衔接，加速从田间到\n餐桌的转变，进而实现产业\n化应用。\n";
        // After a finished article (its first part read as a headline) and
        // inside running text (read as a short paragraph of its own).
        for before in [body("城市发展", 6), String::new()] {
            let page = restore(&format!("{before}{item}"), "t");
            let a = page
                .articles
                .iter()
                .find(|a| a.paragraphs.iter().any(|p| p.starts_with("通过机制")))
                .expect("the item");
            assert_eq!(
                a.title.as_deref(),
                Some("打通农产品进城的通道（新论）"),
                "{a:?}"
            );
        }
        // Its first part read as a headline of its own.
        let mut sheet = crate::sheet::Sheet::from_text(item);
        sheet.lines[0].role = crate::sheet::Role::Headline;
        sheet.stacks = crate::headline::build(&sheet, vec![0]);
        let mut pieces = super::pieces(&mut sheet);
        super::tag_stacks(&mut sheet, &mut pieces);
        assert!(sheet.stacks.is_empty());
        assert_eq!(
            pieces[0].lead_title.as_deref(),
            Some("打通农产品进城的通道（新论）")
        );
        assert!(pieces[0].paras[0].text.starts_with("通过机制"));
        // Its first part a short paragraph of the running text.
        let para = |text: &str, first_line: usize| super::Para {
            text: text.to_string(),
            first_line,
            widths: vec![10.0],
            continued_to: None,
            continued_from: None,
            bbox: None,
        };
        let mut piece = super::Piece {
            paras: vec![para("打通农产品进城的通道", 4)],
            lead_title: None,
        };
        let mut next = para(
            "（新论） 通过机制创新促进生产端、流通端和消费需求有机衔接。",
            5,
        );
        let (title, rest) = super::tag_run_in(&mut piece, &mut next).expect("a title");
        assert_eq!(title, "打通农产品进城的通道（新论）");
        assert!(rest.starts_with("通过机制"));
        assert!(piece.paras.is_empty());
        assert_eq!(next.first_line, 4);
    }

    #[test]
    fn a_run_in_title_of_two_phrases_keeps_both() {
        let (title, rest) = brief_split(
            "让旧村变美 把新村建好 “以前对邻村我们只羡慕的份，人家村集体年收入过百万。”",
        )
        .expect("a brief");
        assert_eq!(title, "让旧村变美 把新村建好");
        assert!(rest.starts_with("“以前"));
    }

    #[test]
    fn brief_items_get_their_run_in_titles() {
        let text = "简讯\n\n架桥修渠（先锋足印） 2009年，当过\n14年兵的李建国回到村里，带领村民\n架桥修渠，改变了村里的面貌。\n老街焕新颜 周末，南方老城区的小巷坊内\n人流穿梭，沿袭传统工艺修缮的砖墙让时\n光在这里停下脚步。\n";
        let page = restore(text, "t");
        let titles = titles(&page);
        assert_eq!(
            titles,
            vec![Some("架桥修渠（先锋足印）"), Some("老街焕新颜")]
        );
        assert!(page.articles[0].paragraphs[0].starts_with("2009年"));
        assert!(page.blocks.iter().any(|b| b.text == "简讯"));
    }

    #[test]
    fn a_label_over_a_briefs_own_headline_is_a_block() {
        let text = format!(
            "{}\n简讯\n老街焕新颜（城市观察）\n周末，南方老城区的小巷坊内人流穿梭，沿\n袭传统工艺修缮的砖墙让时光在这里停下\n脚步。\n",
            body("城市发展", 6)
        );
        let page = restore(&text, "t");
        let brief = page
            .articles
            .iter()
            .find(|a| a.paragraphs.iter().any(|p| p.starts_with("周末")))
            .expect("the brief");
        assert_eq!(brief.kicker, None);
        assert_eq!(brief.title.as_deref(), Some("老街焕新颜（城市观察）"));
        assert!(page.blocks.iter().any(|b| b.text == "简讯"));
    }

    #[test]
    fn dateline_with_space_is_not_a_brief_title() {
        let text = "新华社北京2月11日电 国务院有关部门今天召开全国安全生产电视会议，部署工作。\n";
        let page = restore(text, "t");
        assert_eq!(page.articles[0].title, None);
        assert!(page.articles[0].dateline.is_some());
    }

    #[test]
    fn a_quote_open_at_the_space_is_not_a_brief_title() {
        let text =
            "“欢乐过大年 共享好时光”，2019年元宵文艺晚会即将拉开大幕，主办方今天介绍了节目亮。\n";
        let page = restore(text, "t");
        assert_eq!(page.articles[0].title, None);
        assert!(page.articles[0].paragraphs[0].starts_with("“欢乐过大年"));
    }

    #[test]
    fn a_subhead_over_a_narrower_column_stays_in_its_article_when_the_text_runs_on() {
        // The text under the subhead is set two em narrower (its shape
        // alone does not make it a subhead), but it runs on the article.
        // Partly new words, so that it is not taken for a deck repeating
        // the text above.
        let words: Vec<char> = [&LINES[..3], &OTHER_LINES[..]]
            .concat()
            .concat()
            .chars()
            .collect();
        let narrower: Vec<String> = words.chunks(13).map(|c| c.iter().collect()).collect();
        let text = format!(
            "{}\n协商确定各方权利义务和利益分配\n\n会议要求，要加强工作的落实\n{}。\n",
            body("城市发展", 6),
            narrower.join("\n")
        );
        assert_one_article_holding(&text, "协商确定各方权利义务和利益分配");
    }

    #[test]
    fn a_headline_that_the_text_runs_past_heads_no_piece_after_it() {
        // Another article's tagged headline printed inside this one's
        // flow: the text on both sides is one article, and the headline
        // does not take the next article, untitled on the page.
        let text = format!(
            "{}\n乡村旅游节开幕（文旅观察）\n\n{}\n{}",
            body("城市发展", 6),
            body_of("会议要求，要加强工作的落实力\n度。", &LINES, 6),
            body_of(
                "本报讯（记者 王五）3月1日，\n冰雪运动进校园活动在全市启动。",
                &OTHER_LINES,
                6
            )
        );
        let page = restore(&text, "t");
        let bodies: Vec<usize> = page.articles.iter().map(|a| a.paragraphs.len()).collect();
        assert_eq!(bodies.iter().filter(|&&n| n > 0).count(), 2, "{bodies:?}");
        assert!(page.articles[0]
            .paragraphs
            .iter()
            .any(|p| p.starts_with("会议要求")));
        let snow = page
            .articles
            .iter()
            .find(|a| a.paragraphs.iter().any(|p| p.contains("冰雪运动")))
            .expect("the second article");
        assert_eq!(snow.title, None);
        assert!(page
            .articles
            .iter()
            .flat_map(|a| &a.paragraphs)
            .all(|p| !p.contains("文旅观察")));
    }

    /// Two articles interleaved by column: the first's second part comes
    /// after the second article, under `resume` (a subhead line, or
    /// nothing), with no headline of its own. Checks both titles.
    fn interleaved(resume: &str) -> crate::Page {
        let text = format!(
            "城市发展大会召开\n{}\n冰雪运动进校园活动启动\n本报讯（记者 王五）3月1日，\n冰雪运动进校园活动在全市启动。\n{}\n孩子们玩得非常开心。\n\n{resume}{}",
            body("城市发展", 6),
            OTHER_LINES.join("\n"),
            body_of(
                "会议要求，各地要加强工作的落\n实力度，推进各项改革举措在基\n层落地见效，提高服务群众的能\n力。",
                &LINES,
                6
            )
        );
        let page = restore(&text, "t");
        assert_eq!(
            titles(&page),
            [Some("城市发展大会召开"), Some("冰雪运动进校园活动启动")]
        );
        page
    }

    #[test]
    fn the_second_part_of_an_article_printed_past_another_joins_it() {
        let page = interleaved("");
        assert!(page.articles[0]
            .paragraphs
            .iter()
            .any(|p| p.starts_with("会议要求")));
    }

    #[test]
    fn the_end_of_an_article_that_jumps_away_joins_the_one_it_names() {
        // The first article's last part, printed after the next article,
        // jumps to another page; it shares only a few names with the end
        // of the first part, and nothing with the article between.
        let end = [
            "“江上的雾还没散，老渔民就",
            "来到了码头，说是工钱已经到",
            "账。”老人笑着说。他指着远处",
            "新建的厂房告诉我们，那里就",
            "是村里的合作社，年轻人都在",
            "那里上班，每个月按时领工资",
            "（下转5版）",
        ];
        let text = format!(
            "长江渔民转产上岸\n\n{}\n城市发展大会召开\n\n{}\n{}\n",
            opens_on_a_scene(),
            body("城市发展", 6),
            end.join("\n")
        );
        let page = restore(&text, "t");
        assert_eq!(
            titles(&page),
            [Some("长江渔民转产上岸"), Some("城市发展大会召开")]
        );
        assert_eq!(page.articles[0].continued_to.as_deref(), Some("5"));
    }

    #[test]
    fn a_subhead_where_an_interleaved_article_resumes_goes_with_it() {
        // The second part opens with a subhead, set in the column of the
        // article printed before it.
        let page = interleaved("加快项目建设\n");
        let first = &page.articles[0].paragraphs;
        let at = first.iter().position(|p| p == "加快项目建设");
        assert!(
            at.is_some_and(|k| first[k + 1].starts_with("会议要求")),
            "{first:?}"
        );
    }

    #[test]
    fn an_article_parted_by_page_furniture_stays_whole() {
        // The page's date line printed between two column segments of one
        // article, after a finished sentence.
        let text = format!(
            "{}\n2019年2月12日 星期二\n\n{}",
            body("城市发展", 6),
            body_of("会议要求，要加强工作的落实力\n度。", &LINES, 6)
        );
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 1, "{:?}", page.articles);
        assert!(page.articles[0]
            .paragraphs
            .iter()
            .any(|p| p.starts_with("会议要求")));
        assert!(page.blocks.iter().any(|b| b.text.starts_with("2019年")));
    }

    #[test]
    fn a_quoted_agency_dateline_opens_an_article_after_a_stack() {
        // Two briefs on one subject: the second opens with 据新华社…电,
        // so its headline is not a subhead of the first.
        let text = format!(
            "{}\n全市推进工作落实见效\n\n据新华社北京3月1日电 (记者王五)会议要求，要加强\n工作的落实力度。\n{}",
            body("城市发展", 6),
            LINES.join("\n")
        );
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 2, "{:?}", titles(&page));
        assert_eq!(
            page.articles[1].title.as_deref(),
            Some("全市推进工作落实见效")
        );
    }

    #[test]
    fn numbered_subhead_stays_in_its_article() {
        let text = format!(
            "{}\n二、加强组织领导\n\n{}",
            body("城市发展", 5),
            body("组织领导", 5)
        );
        assert_one_article_holding(&text, "二、加强组织领导");
    }

    #[test]
    fn a_slogan_glued_to_a_stack_is_a_banner_unless_the_page_shares_its_words() {
        let text = format!(
            "讲文明 树新风\n乡村振兴工作会议举行\n\n{}",
            body("乡村振兴", 6)
        );
        let page = restore(&text, "t");
        assert_eq!(page.articles[0].kicker, None);
        assert_eq!(
            page.articles[0].title.as_deref(),
            Some("乡村振兴工作会议举行")
        );
        assert!(page
            .blocks
            .iter()
            .any(|b| b.kind == crate::model::BlockKind::Banner && b.text == "讲文明 树新风"));
        let text = format!(
            "乡村振兴 改革推进\n乡村振兴工作会议举行\n\n{}",
            body("乡村振兴", 6)
        );
        let page = restore(&text, "t");
        assert_eq!(
            page.articles[0].kicker.as_deref(),
            Some("乡村振兴 改革推进")
        );
    }

    /// Wraps `text` at `width` characters a line.
    fn wrap(text: &str, width: usize) -> String {
        let chars: Vec<char> = text.chars().collect();
        chars
            .chunks(width)
            .map(|c| c.iter().collect::<String>() + "\n")
            .collect()
    }

    #[test]
    fn a_paragraph_after_a_blank_line_on_another_topic_starts_an_article() {
        let river = "长江沿岸各地加快生态修复，江豚种群数量明显回升，渔民转产上岸后参与巡护工作，沿江湿地面积逐年扩大，候鸟栖息环境持续改善，生态明显好转。";
        let river_more = "江豚保护区的巡护队员说，长江沿岸生态修复以后，江豚种群常在湿地附近出没，渔民转产上岸后的巡护工作也更有劲头了。";
        let chess = "国际象棋世界棋后巅峰赛昨日开赛，中国棋手执白先行，凭借稳健的中局处理取得胜利，比赛为期五天，共进行十轮较量。";
        let page = restore(&format!("{}\n{}", wrap(river, 15), wrap(chess, 15)), "t");
        assert_eq!(page.articles.len(), 2);
        let page = restore(
            &format!("{}\n{}", wrap(river, 15), wrap(river_more, 15)),
            "t",
        );
        assert_eq!(page.articles.len(), 1, "a column break within one topic");
        // A page without blank lines (`pdftotext -raw`): no bigram shared.
        let page = restore(&format!("{}{}", wrap(river, 15), wrap(chess, 15)), "t");
        assert_eq!(page.articles.len(), 2);
        let page = restore(
            &format!(
                "{}{}\n{}",
                wrap(river, 15),
                wrap(chess, 15),
                wrap(river_more, 15)
            ),
            "t",
        );
        assert_eq!(
            page.articles.len(),
            1,
            "the page has blank lines: only they count"
        );
    }

    #[test]
    fn a_block_repeating_another_articles_words_under_a_title_is_its_deck() {
        let lead = "长江沿岸各地加快生态修复，江豚种群数量明显回升，渔民转产上岸后参与巡护工作，沿江湿地面积逐年扩大，候鸟栖息环境持续改善";
        let body = format!("本报武汉2月1日电（记者 张三）{lead}，生态明显好转。");
        let text = format!(
            "{}\n江豚回来了\n{}\n棋后巅峰赛开赛\n\n{}",
            wrap(&body, 15),
            wrap(lead, 15),
            body_text_of_chess()
        );
        let page = restore(&text, "t");
        let river = page
            .articles
            .iter()
            .find(|a| a.title.as_deref() == Some("江豚回来了"));
        let river = river.expect("the title pairs with the river article");
        assert_eq!(river.subtitles, vec![lead.to_string()]);
        assert!(page
            .articles
            .iter()
            .all(|a| a.paragraphs.iter().all(|p| p != lead)));
        // The same words set as a lead right over the dateline stay a paragraph.
        let text = format!("江豚回来了\n\n{}{}", wrap(lead, 15), wrap(&body, 15));
        let page = restore(&text, "t");
        assert!(
            page.articles
                .iter()
                .any(|a| a.paragraphs.iter().any(|p| p == lead)),
            "{page:?}"
        );
    }

    #[test]
    fn a_deck_printed_apart_joins_the_article_it_repeats() {
        let quote = "江豚种群数量明显回升，渔民转产上岸后参与巡护工作，沿江湿地面积逐年扩大，候鸟栖息环境持续改善，生态明显好转";
        let river = format!("本报武汉2月1日电（记者 张三）长江沿岸各地加快生态修复。{quote}。");
        let text = format!(
            "江豚回来了\n\n{}\n棋后巅峰赛开赛（体坛）\n\n{}\n{}\n\n城市发展大会召开\n\n{}",
            wrap(&river, 15),
            body_text_of_chess(),
            wrap(quote, 15),
            body("城市发展", 6)
        );
        let page = restore(&text, "t");
        let river = page
            .articles
            .iter()
            .find(|a| a.title.as_deref() == Some("江豚回来了"));
        assert_eq!(
            river.map(|a| a.subtitles.clone()),
            Some(vec![quote.to_string()]),
            "{page:?}"
        );
        assert!(page
            .articles
            .iter()
            .all(|a| a.title.as_deref() != Some(quote)));
    }

    fn body_text_of_chess() -> String {
        wrap("国际象棋世界棋后巅峰赛昨日开赛，中国棋手执白先行，凭借稳健的中局处理取得胜利，比赛为期五天，共进行十轮较量。", 15)
    }

    #[test]
    fn a_stack_gives_a_unit_to_a_body_a_few_articles_away() {
        let piece = |topic: &str| format!("本报讯（记者 张三）{}", body(topic, 3));
        let text = format!(
            "山西煤层气改革全面推进\n\n城市发展大会召开\n\n{}{}{}{}{}",
            piece("城市发展"),
            piece("乡村振兴"),
            piece("教育改革"),
            piece("医疗保障"),
            piece("山西煤层气改革")
        );
        let page = restore(&text, "t");
        let gas = page.articles.iter().find(|a| {
            a.paragraphs
                .first()
                .is_some_and(|p| p.contains("山西煤层气"))
        });
        assert_eq!(
            gas.and_then(|a| a.title.as_deref()),
            Some("山西煤层气改革全面推进"),
            "{page:?}"
        );
    }

    #[test]
    fn a_couplet_subhead_is_two_paragraphs_of_its_article() {
        let couplet = "山川秀美物产丰饶\n人民勤劳生活富足";
        let text = format!("{}{couplet}\n{}", body("城市发展", 5), body("城市发展", 5));
        let page = restore(&text, "t");
        assert_eq!(page.articles.len(), 1, "{page:?}");
        let paras = &page.articles[0].paragraphs;
        let at = paras.iter().position(|p| p == "山川秀美物产丰饶");
        assert!(
            at.is_some_and(|k| paras[k + 1] == "人民勤劳生活富足"),
            "{paras:?}"
        );
        // Lines of unequal length are one subhead wrapped.
        let text = format!(
            "{}十字岭头上\n苍松犹翠依旧挺立\n{}",
            body("城市发展", 5),
            body("城市发展", 5)
        );
        let page = restore(&text, "t");
        assert!(page.articles[0]
            .paragraphs
            .iter()
            .any(|p| p == "十字岭头上苍松犹翠依旧挺立"));
    }
}
