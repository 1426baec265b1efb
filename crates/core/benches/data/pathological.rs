// The pathological pages every stage must restore in linear time; shared by
// the criterion benches and the throughput bench (`include!`d by both).

/// A page of one 10 MB line (no line break at all).
fn one_line_page() -> String {
    let sentence =
        "本报讯（记者 邓公平）4月28日，全会听取和讨论了工作情况报告，审议通过了决定和全会决议。";
    let mut text = String::with_capacity(10 << 20);
    while text.len() < 10 << 20 {
        text.push_str(sentence);
    }
    text
}

/// A page of 500,000 short lines, a blank line after every 40.
fn many_lines_page() -> String {
    let words = [
        "全会召开",
        "区委书记讲话",
        "审议通过",
        "决议",
        "推动发展",
        "第八次全体会议",
    ];
    let mut text = String::with_capacity(500_000 * 16);
    for i in 0..500_000usize {
        text.push_str(words[i % words.len()]);
        if i % 3 == 0 {
            text.push('。');
        }
        text.push('\n');
        if i % 40 == 39 {
            text.push('\n');
        }
    }
    text
}

/// A page of 60,000 lines in small blocks: short lines of drawn words, a
/// blank line after one line in five, and every block written twice. Many
/// headline stacks, many pieces and many repeated paragraphs (deck
/// candidates): the stages that compare pieces with pieces must stay local.
fn many_blocks_page() -> String {
    let words = ["全会", "召开", "区委", "书记", "讲话", "审议", "通过", "决议", "推动", "发展", "生态", "修复"];
    // A fixed linear congruential generator: the same page on every run.
    let mut state: u64 = 1;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut text = String::with_capacity(60_000 * 20);
    let mut block = String::new();
    for _ in 0..60_000 {
        for _ in 0..=next(8) {
            block.push_str(words[next(words.len() as u64) as usize]);
        }
        block.push_str(["", "。", "，", ""][next(4) as usize]);
        block.push('\n');
        if next(5) == 0 {
            text.push_str(&block);
            text.push('\n');
            text.push_str(&block);
            text.push('\n');
            block.clear();
        }
    }
    text.push_str(&block);
    text
}
