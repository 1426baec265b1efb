// The two pathological pages every stage must restore in linear time; shared
// by the criterion benches and the throughput bench (`include!`d by both).

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
