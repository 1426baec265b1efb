//! Headline stacks: kicker (引题), title (主题) and subtitles (副题), and
//! how a stack's units get their roles. [`crate::headline`] finds the
//! stacks; [`crate::segment`] pairs them with their bodies.

/// A unit longer than this (characters) with clause punctuation is a subtitle.
const LONG_UNIT: usize = 30;

/// Sizes closer than this share are one size.
pub(crate) const SAME_SIZE: f32 = 0.05;
/// Lines of one unit stand at most this many em apart, top to top.
pub(crate) const UNIT_PITCH: f32 = 1.5;
/// A unit set this many times the body size is a title: an article never
/// runs on across it.
pub const TITLE_SIZE: f32 = 1.45;

impl Stack {
    /// Whether a unit of the stack is printed at title size (input with
    /// geometry only).
    pub fn title_sized(&self) -> bool {
        self.unit_sizes.iter().any(|&r| r >= TITLE_SIZE)
    }
}

/// A headline stack: kicker (引题), title (主题) and subtitles (副题).
///
/// ```
/// use banmian::stack::Stack;
/// let stack = Stack::from_units(vec![3, 4], vec![("守护越冬的候鸟——".into(), 1), ("在湿地过年".into(), 1)]);
/// assert_eq!(stack.kicker.as_deref(), Some("守护越冬的候鸟——"));
/// assert_eq!(stack.title.as_deref(), Some("在湿地过年"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stack {
    /// Indices of the sheet lines it was made from.
    pub lines: Vec<usize>,
    /// Its headlines in printed order, each joined from its wrapped lines.
    pub units: Vec<String>,
    /// How many of `lines` each unit was joined from.
    pub unit_lines: Vec<usize>,
    /// 引题.
    pub kicker: Option<String>,
    /// 主题.
    pub title: Option<String>,
    /// 副题.
    pub subtitles: Vec<String>,
    /// The widest line of each unit, in em (empty when unknown): a title
    /// set in a larger font than its subtitle wraps at fewer characters.
    pub unit_widths: Vec<f32>,
    /// The font size of each unit relative to the body text's, for input
    /// with geometry (empty for text): the largest unit is the title.
    pub unit_sizes: Vec<f32>,
}

impl Stack {
    /// All headline text, for content matching.
    pub fn text(&self) -> String {
        self.units.concat()
    }

    /// Makes a stack from its units, assigning their roles.
    pub fn from_units(lines: Vec<usize>, units: Vec<(String, usize)>) -> Stack {
        Stack::sized(lines, units, Vec::new())
    }

    /// Makes a stack from its units and the widths of their widest lines
    /// (evidence of font size for the roles), assigning the roles.
    pub fn sized(lines: Vec<usize>, units: Vec<(String, usize)>, widths: Vec<f32>) -> Stack {
        Stack::measured(lines, units, widths, Vec::new())
    }

    /// Makes a stack from its units, the widths of their widest lines and
    /// their printed font sizes (input with geometry), assigning the roles.
    pub fn measured(
        lines: Vec<usize>,
        units: Vec<(String, usize)>,
        widths: Vec<f32>,
        sizes: Vec<f32>,
    ) -> Stack {
        let (texts, counts): (Vec<String>, Vec<usize>) = units.into_iter().unzip();
        let mut stack = Stack {
            lines,
            unit_lines: counts,
            unit_widths: widths,
            unit_sizes: sizes,
            ..Stack::default()
        };
        assign_roles(&mut stack, texts);
        stack
    }

    /// Divides the units between two stacks: those `keep` marks stay in
    /// the first, the others go to the second, each in printed order (a
    /// unit takes its lines with it; lines beyond the units' count go with
    /// the last unit).
    ///
    /// ```
    /// use banmian::stack::Stack;
    /// let units = ["甲引题——", "乙标题", "甲标题", "乙副题"].map(|u| (u.to_string(), 1));
    /// let stack = Stack::from_units(vec![7, 8, 9, 10], units.to_vec());
    /// let (even, odd) = stack.partition(|k| k % 2 == 0);
    /// assert_eq!((even.lines, even.title.as_deref()), (vec![7, 9], Some("甲标题")));
    /// assert_eq!((odd.lines, odd.units.len()), (vec![8, 10], 2));
    /// let (a, b) = stack.split(1);
    /// assert_eq!((a.lines, b.lines), (vec![7], vec![8, 9, 10]));
    /// let (all, none) = stack.partition(|_| true);
    /// assert_eq!((all.units.len(), none.title), (4, None));
    /// ```
    pub fn partition(&self, keep: impl Fn(usize) -> bool) -> (Stack, Stack) {
        let (mut a_lines, mut b_lines, mut a, mut b) = (vec![], vec![], vec![], vec![]);
        let (mut a_widths, mut b_widths) = (vec![], vec![]);
        let (mut a_sizes, mut b_sizes) = (vec![], vec![]);
        let len = self.lines.len();
        let mut at = 0;
        for (k, (unit, &n)) in self.units.iter().zip(&self.unit_lines).enumerate() {
            let end = if k + 1 == self.units.len() {
                len
            } else {
                (at + n).min(len)
            };
            let lines = &self.lines[at.min(end)..end];
            at += n;
            let width = self.unit_widths.get(k).copied();
            let size = self.unit_sizes.get(k).copied();
            if keep(k) {
                a_lines.extend_from_slice(lines);
                a.push((unit.clone(), n));
                a_widths.extend(width);
                a_sizes.extend(size);
            } else {
                b_lines.extend_from_slice(lines);
                b.push((unit.clone(), n));
                b_widths.extend(width);
                b_sizes.extend(size);
            }
        }
        (
            Stack::measured(a_lines, a, a_widths, a_sizes),
            Stack::measured(b_lines, b, b_widths, b_sizes),
        )
    }

    /// Splits the stack before unit `k` (0 < k < number of units).
    pub fn split(&self, k: usize) -> (Stack, Stack) {
        self.partition(|j| j < k)
    }
}

/// How much wider a unit's line must be than the first unit's wrapped
/// lines to show that it is set in a smaller font.
const SMALLER_FONT: f32 = 1.3;

/// The first unit wraps at far fewer characters than the second one sets
/// on a line: it is in the larger font, the title, and the second its
/// subtitle (`市领导看望教育界优秀教师和 / 科研人员` over a 27-character deck).
fn larger_font_first(stack: &Stack) -> bool {
    let (Some(&first), Some(&second)) = (stack.unit_widths.first(), stack.unit_widths.get(1))
    else {
        return false;
    };
    stack.unit_lines.first().is_some_and(|&n| n >= 2) && second > SMALLER_FONT * first + 1.0
}

pub(crate) fn is_subtitle_like(unit: &str) -> bool {
    let long_clause = unit.chars().count() > LONG_UNIT && unit.contains(['，', '；', '。', '：']);
    unit.starts_with('—')
        || long_clause
        || (unit.starts_with(['（', '(']) && unit.ends_with(['）', ')']))
}

/// Assigns kicker / title / subtitles: a unit ending in —— is a kicker; one
/// starting with ——, fully bracketed, or long with clauses is a subtitle;
/// otherwise the first of two plain units is the kicker.
pub(crate) fn assign_roles(stack: &mut Stack, units: Vec<String>) {
    let n = units.len();
    let largest = (stack.unit_sizes.len() == n)
        .then(|| {
            let max = stack.unit_sizes.iter().copied().fold(0.0f32, f32::max);
            stack
                .unit_sizes
                .iter()
                .position(|&s| s >= max * (1.0 - SAME_SIZE))
        })
        .flatten();
    let title_at = if n <= 1 {
        0
    } else if let Some(k) = largest {
        k
    } else if units[0].ends_with('—')
        || (!is_subtitle_like(&units[0])
            && !is_subtitle_like(&units[1])
            && !larger_font_first(stack))
    {
        1
    } else {
        0
    };
    for (k, unit) in units.iter().enumerate() {
        match k.cmp(&title_at) {
            std::cmp::Ordering::Less => stack.kicker = Some(unit.clone()),
            std::cmp::Ordering::Equal => stack.title = Some(unit.clone()),
            std::cmp::Ordering::Greater => stack.subtitles.push(unit.clone()),
        }
    }
    stack.units = units;
}
