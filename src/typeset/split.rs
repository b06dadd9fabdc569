//! Widows and orphans: where a paragraph splits across columns, chosen by cost.

use std::borrow::Borrow;

use super::Line;

/// The costs of a split.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SplitRules {
    /// Cost of one line alone at the foot of a column (an orphan).
    pub orphan: u32,
    /// Cost of one line alone at the head of the next column (a widow).
    pub widow: u32,
    /// Cost of each line of the column left empty.
    pub empty_line: u32,
    /// Cost of a hyphenated word running from one column into the next.
    pub hyphen: u32,
}

impl Default for SplitRules {
    fn default() -> Self {
        // A stranded line costs more than any run of empty lines a column
        // could have, so it is chosen only when nothing else fits.
        SplitRules {
            orphan: 1_000_000,
            widow: 1_000_000,
            empty_line: 100,
            hyphen: 300,
        }
    }
}

/// How many of a paragraph's `lines` to set in a column with room for
/// `room` more lines, the rest going to the next column. `column_empty` says
/// the column holds nothing yet: then at least one line is placed, or the
/// paragraph would never be set.
pub fn choose_split<L: Borrow<Line>>(
    lines: &[L],
    room: usize,
    column_empty: bool,
    rules: &SplitRules,
) -> usize {
    let n = lines.len();
    if n <= room {
        return n;
    }
    let most = room.min(n);
    let least = usize::from(column_empty).min(most);
    let mut best = (u64::MAX, least);
    for m in least..=most {
        let mut cost = (room - m) as u64 * rules.empty_line as u64;
        if m == 1 && n > 1 {
            cost += rules.orphan as u64;
        }
        if m > 0 && n - m == 1 {
            cost += rules.widow as u64;
        }
        if m > 0 && lines[m - 1].borrow().hyphenated {
            cost += rules.hyphen as u64;
        }
        // Ties go to the fuller column.
        if cost <= best.0 {
            best = (cost, m);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: usize, hyphenated_at: &[usize]) -> Vec<Line> {
        (0..n)
            .map(|i| Line {
                runs: Vec::new(),
                measure: 100.0,
                width: 100.0,
                ratio: 0.0,
                hyphenated: hyphenated_at.contains(&i),
            })
            .collect()
    }

    #[test]
    fn whole_paragraph_when_it_fits() {
        assert_eq!(
            choose_split(&lines(4, &[]), 4, false, &SplitRules::default()),
            4
        );
    }

    #[test]
    fn no_orphan_and_no_widow() {
        let r = SplitRules::default();
        // 5 lines, room for 4: leaving 1 would make a widow, so 3 go here.
        assert_eq!(choose_split(&lines(5, &[]), 4, false, &r), 3);
        // Room for 1: an orphan; the paragraph moves on.
        assert_eq!(choose_split(&lines(5, &[]), 1, false, &r), 0);
        // Two lines, room for one: both move.
        assert_eq!(choose_split(&lines(2, &[]), 1, false, &r), 0);
    }

    #[test]
    fn stranded_line_only_when_nothing_else_fits() {
        let r = SplitRules::default();
        // An empty column with room for one line must take one.
        assert_eq!(choose_split(&lines(3, &[]), 1, true, &r), 1);
        // Two lines in an empty column of one: one here, one there.
        assert_eq!(choose_split(&lines(2, &[]), 1, true, &r), 1);
    }

    #[test]
    fn a_hyphen_across_columns_costs_a_line() {
        let r = SplitRules::default();
        // 8 lines, room for 6; line 6 (index 5) is hyphenated, so 5 go here.
        assert_eq!(choose_split(&lines(8, &[5]), 6, false, &r), 5);
        assert_eq!(choose_split(&lines(8, &[]), 6, false, &r), 6);
    }
}
