//! Line breaking: Knuth–Plass total fit over boxes, glue and penalties with a
//! width per line, and greedy first fit for comparison.
//!
//! Deviations from the paper, and why: nodes also remember how many hyphenated
//! lines end in a row, so the limit on consecutive hyphens is a rule rather
//! than a cost; the active list is capped, so time stays bounded on any input.

use super::items::{BreakKind, Item};

/// What one pass may do.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    /// The largest adjustment ratio accepted (infinite in the emergency pass).
    pub tolerance: f32,
    /// Whether hyphenation points are breaks.
    pub hyphens: bool,
    /// Whether emergency breaks are allowed and an overfull line is accepted
    /// when nothing else is possible.
    pub emergency: bool,
}

/// Costs and limits of the breaker.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Costs {
    pub line_penalty: f32,
    pub double_hyphen_demerits: f32,
    pub final_hyphen_demerits: f32,
    pub fitness_demerits: f32,
    pub max_hyphen_run: u8,
    /// Stretch every line has besides its glue (ragged setting).
    pub ragged_stretch: f32,
    /// Letter-spacing stretch and shrink of one cluster: boxes count every
    /// cluster, a line has one gap fewer.
    pub letter_gap: (f32, f32),
}

/// Demerits of an emergency break: more than a line of capped badness has.
const EMERGENCY_DEMERITS: f64 = 1e13;

/// More active nodes than this and the worst are dropped.
const MAX_ACTIVE: usize = 256;

/// Running totals of width, stretch, shrink and infinite stretch.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    width: f64,
    stretch: f64,
    shrink: f64,
    fil: u32,
}

/// The measure of line `line` (from 0): the last width repeats.
pub(crate) fn width_of(widths: &[f32], line: usize) -> f32 {
    let w = widths.get(line).or(widths.last()).copied().unwrap_or(0.0);
    if w.is_finite() {
        w.max(0.0)
    } else {
        0.0
    }
}

pub(crate) struct Breaker<'a> {
    items: &'a [Item],
    sums: Vec<Sums>,
    widths: &'a [f32],
    costs: Costs,
    /// Lines (from 0) after which the reader jumps (`Settings::jumps_after`).
    jumps_after: &'a [usize],
}

/// A line's adjustment ratio, from its natural width, stretch and shrink.
pub(crate) fn ratio(natural: f64, stretch: f64, shrink: f64, fil: bool, width: f64) -> f64 {
    if natural < width {
        if fil {
            0.0
        } else if stretch > 0.0 {
            (width - natural) / stretch
        } else {
            f64::INFINITY
        }
    } else if natural > width {
        if shrink > 0.0 {
            (width - natural) / shrink
        } else {
            f64::NEG_INFINITY
        }
    } else {
        0.0
    }
}

fn fitness(r: f64) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
    }
}

/// The best way found to break at the current item, for one node key
/// (fitness class, line class, hyphen run).
struct Candidate {
    key: (u8, usize, u8),
    total: f64,
    from: usize,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The item broken at; `usize::MAX` for the paragraph's start.
    pos: usize,
    /// Lines before this break's next line.
    line: usize,
    fitness: u8,
    hyphen_run: u8,
    flagged: bool,
    total: f64,
    prev: usize,
}

impl<'a> Breaker<'a> {
    pub fn new(items: &'a [Item], widths: &'a [f32], costs: Costs) -> Self {
        let mut sums = Vec::with_capacity(items.len() + 1);
        let mut s = Sums::default();
        sums.push(s);
        for item in items {
            match *item {
                Item::Box {
                    width,
                    stretch,
                    shrink,
                    ..
                } => {
                    s.width += width as f64;
                    s.stretch += stretch as f64;
                    s.shrink += shrink as f64;
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                    fil,
                } => {
                    s.width += width as f64;
                    s.stretch += stretch as f64;
                    s.shrink += shrink as f64;
                    s.fil += fil as u32;
                }
                Item::Penalty { .. } => {}
            }
            sums.push(s);
        }
        Breaker {
            items,
            sums,
            widths,
            costs,
            jumps_after: &[],
        }
    }

    /// The breaker with lines that should not end in a hyphen (inserted or
    /// the text's own).
    pub fn with_jumps_after(self, jumps_after: &'a [usize]) -> Self {
        Breaker {
            jumps_after,
            ..self
        }
    }

    /// Where the line after a break at `pos` starts: glue and penalties after
    /// a break are discarded, up to the next box or forced break.
    pub fn start_after(&self, pos: usize) -> usize {
        if pos == usize::MAX {
            return 0;
        }
        let mut j = pos + 1;
        while j < self.items.len() && !self.items[j].is_box() && !self.items[j].is_forced() {
            j += 1;
        }
        j
    }

    /// Whether `b` is a legal break in this pass, and its penalty data.
    fn breakpoint(&self, b: usize, pass: &Pass) -> Option<(f32, f32, bool)> {
        match self.items[b] {
            // The infinite glue before a forced break is no break of its own
            // (Knuth puts a penalty of +∞ before it).
            Item::Glue { fil: true, .. } => None,
            Item::Glue { .. } => (b > 0 && self.items[b - 1].is_box()).then_some((0.0, 0.0, false)),
            Item::Penalty {
                width,
                penalty,
                flagged,
                kind,
            } => {
                let allowed = match kind {
                    BreakKind::Hyphen => pass.hyphens,
                    BreakKind::Emergency => pass.emergency,
                    _ => true,
                };
                (allowed && penalty < super::items::INFINITE_PENALTY)
                    .then_some((width, penalty, flagged))
            }
            Item::Box { .. } => None,
        }
    }

    /// Natural width, stretch, shrink and infinite stretch of the line from
    /// `start` to a break at `b`.
    pub fn line_sums(&self, start: usize, b: usize, pen_width: f32) -> (f64, f64, f64, bool) {
        if start > b {
            return (0.0, 0.0, 0.0, true);
        }
        let (s, e) = (self.sums[start], self.sums[b]);
        let (gap_stretch, gap_shrink) = self.costs.letter_gap;
        (
            e.width - s.width + pen_width as f64,
            (e.stretch - s.stretch - gap_stretch as f64).max(0.0)
                + self.costs.ragged_stretch as f64,
            (e.shrink - s.shrink - gap_shrink as f64).max(0.0),
            e.fil > s.fil,
        )
    }

    /// Knuth–Plass total fit: the breaks (item indices), or `None` when this
    /// pass finds no feasible set.
    pub fn total_fit(&self, pass: &Pass) -> Option<Vec<usize>> {
        let n = self.items.len();
        let mut nodes = vec![Node {
            pos: usize::MAX,
            line: 0,
            fitness: 1,
            hyphen_run: 0,
            flagged: false,
            total: 0.0,
            prev: usize::MAX,
        }];
        let mut active: Vec<usize> = vec![0];
        let last_distinct = self.widths.len().saturating_sub(1);
        let tol = pass.tolerance as f64;
        for b in 0..n {
            let Some((pen_width, penalty, flagged)) = self.breakpoint(b, pass) else {
                continue;
            };
            let forced = penalty <= -super::items::INFINITE_PENALTY;
            let emergency = matches!(
                self.items[b],
                Item::Penalty {
                    kind: BreakKind::Emergency,
                    ..
                }
            );
            // Best candidate per (fitness, line class, hyphen run).
            let mut best: Vec<Candidate> = Vec::new();
            let mut removed: Vec<usize> = Vec::new();
            let mut k = 0;
            while k < active.len() {
                let ai = active[k];
                let a = nodes[ai];
                let start = self.start_after(a.pos);
                if start > b {
                    k += 1;
                    continue;
                }
                let (natural, stretch, shrink, fil) = self.line_sums(start, b, pen_width);
                let width = width_of(self.widths, a.line) as f64;
                let r = ratio(natural, stretch, shrink, fil, width);
                // Past the limit only in the emergency pass (a chain of
                // hyphened words has no other break), and dearly; runs past
                // it are one class so that a long chain keeps few nodes.
                let limit = self.costs.max_hyphen_run;
                let run = if flagged {
                    a.hyphen_run.saturating_add(1).min(limit.saturating_add(1))
                } else {
                    0
                };
                if r >= -1.0 && r <= tol && (run <= limit || pass.emergency) {
                    // Badness as in TeX, 100·|r|³; the emergency pass does not
                    // cap it, so looseness there is spread rather than dumped.
                    let badness = if pass.emergency {
                        (100.0 * r.abs().powi(3)).min(1e6)
                    } else {
                        (100.0 * r.abs().powi(3)).min(10_000.0)
                    };
                    let base = (self.costs.line_penalty as f64 + badness).powi(2);
                    let p = penalty as f64;
                    let mut d = if p >= 0.0 {
                        base + p * p
                    } else if !forced {
                        base - p * p
                    } else {
                        base
                    };
                    if emergency {
                        // Dearer than any line, however loose: a cut without
                        // a hyphen only where nothing else fits.
                        d += EMERGENCY_DEMERITS;
                    }
                    if flagged && a.flagged {
                        d += self.costs.double_hyphen_demerits as f64;
                    }
                    if run > limit {
                        // Dear, but a whole word's hyphen beats a cut without one.
                        d += EMERGENCY_DEMERITS / 2.0;
                    }
                    // A hyphen before the paragraph's end (or a forced
                    // break) leaves a fragment alone on the last line.
                    if forced && a.flagged {
                        d += self.costs.final_hyphen_demerits as f64;
                    }
                    // A hyphen before a jump splits a word around whatever
                    // the reader jumps over: as dear as a final one.
                    if flagged && self.jumps_after.contains(&a.line) {
                        d += self.costs.final_hyphen_demerits as f64;
                    }
                    let fit = fitness(r);
                    if fit.abs_diff(a.fitness) > 1 {
                        d += self.costs.fitness_demerits as f64;
                    }
                    let key = (fit, (a.line + 1).min(last_distinct), run);
                    let total = a.total + d;
                    let candidate = Candidate {
                        key,
                        total,
                        from: ai,
                    };
                    match best.iter_mut().find(|c| c.key == key) {
                        Some(c) if c.total <= total => {}
                        Some(c) => *c = candidate,
                        None => best.push(candidate),
                    }
                }
                if r < -1.0 || forced {
                    removed.push(ai);
                    active.remove(k);
                } else {
                    k += 1;
                }
            }
            if best.is_empty() && active.is_empty() && pass.emergency {
                // Nothing fits: a cluster wider than the measure. Break here
                // from the cheapest node so far rather than fail.
                if let Some(&ai) = removed
                    .iter()
                    .min_by(|x, y| nodes[**x].total.total_cmp(&nodes[**y].total))
                {
                    let a = nodes[ai];
                    best.push(Candidate {
                        key: (0, (a.line + 1).min(last_distinct), 0),
                        total: a.total + 1e9,
                        from: ai,
                    });
                }
            }
            for Candidate { key, total, from } in best {
                let a = nodes[from];
                nodes.push(Node {
                    pos: b,
                    line: a.line + 1,
                    fitness: key.0,
                    hyphen_run: key.2,
                    flagged,
                    total,
                    prev: from,
                });
                active.push(nodes.len() - 1);
            }
            if active.len() > MAX_ACTIVE {
                active.sort_by(|x, y| nodes[*x].total.total_cmp(&nodes[*y].total).then(x.cmp(y)));
                active.truncate(MAX_ACTIVE / 2);
                active.sort_unstable();
            }
            if active.is_empty() {
                return None;
            }
        }
        let end = active
            .iter()
            .copied()
            .filter(|&i| nodes[i].pos == n - 1)
            .min_by(|x, y| nodes[*x].total.total_cmp(&nodes[*y].total).then(x.cmp(y)))?;
        let mut breaks = Vec::new();
        let mut i = end;
        while i != 0 {
            breaks.push(nodes[i].pos);
            i = nodes[i].prev;
        }
        breaks.reverse();
        Some(breaks)
    }

    /// Greedy first fit: each line takes as much as fits, a hyphen where the
    /// next word does not; emergency breaks only when nothing else fits.
    pub fn first_fit(&self, hyphens: bool) -> Vec<usize> {
        let n = self.items.len();
        let pass = Pass {
            tolerance: f32::INFINITY,
            hyphens,
            emergency: true,
        };
        let mut breaks = Vec::new();
        let mut from = usize::MAX;
        let mut line = 0;
        let mut run = 0u8;
        while from == usize::MAX || from < n - 1 {
            let start = self.start_after(from);
            let width = width_of(self.widths, line) as f64;
            // The limit on hyphens in a row yields when only a hyphen (a
            // chain of hyphened words) keeps the line within its measure.
            let limited = run >= self.costs.max_hyphen_run;
            let chosen = match self.fit_line(start, width, &pass, limited) {
                Some((_, _, false)) if limited => self.fit_line(start, width, &pass, false),
                None if limited => self.fit_line(start, width, &pass, false),
                other => other,
            };
            let Some((b, flagged, _)) = chosen else {
                break;
            };
            breaks.push(b);
            run = if flagged { run.saturating_add(1) } else { 0 };
            from = b;
            line += 1;
        }
        breaks
    }

    /// The break greedy first fit takes for a line from `start`: (position,
    /// flagged, whether the line fits its measure). With `no_hyphen`,
    /// flagged breaks are passed over.
    fn fit_line(
        &self,
        start: usize,
        width: f64,
        pass: &Pass,
        no_hyphen: bool,
    ) -> Option<(usize, bool, bool)> {
        let n = self.items.len();
        // (position, flagged) of the last break that fits, normal and emergency.
        let mut fit: Option<(usize, bool)> = None;
        let mut fit_emergency: Option<(usize, bool)> = None;
        let mut first: Option<(usize, bool)> = None;
        for b in start..n {
            let Some((pen_width, _, flagged)) = self.breakpoint(b, pass) else {
                continue;
            };
            let (natural, _, shrink, _) = self.line_sums(start, b, pen_width);
            let emergency = matches!(
                self.items[b],
                Item::Penalty {
                    kind: BreakKind::Emergency,
                    ..
                }
            );
            if flagged && no_hyphen {
                continue;
            }
            first.get_or_insert((b, flagged));
            let fits = natural - shrink <= width;
            if self.items[b].is_forced() {
                return match (fits, fit.or(fit_emergency)) {
                    (true, _) => Some((b, flagged, true)),
                    (false, Some((p, f))) => Some((p, f, true)),
                    (false, None) => Some((b, flagged, false)),
                };
            }
            if !fits {
                return match fit.or(fit_emergency) {
                    Some((p, f)) => Some((p, f, true)),
                    None => first.map(|(p, f)| (p, f, false)),
                };
            }
            if emergency {
                fit_emergency = Some((b, flagged));
            } else {
                fit = Some((b, flagged));
            }
        }
        fit.or(fit_emergency)
            .map(|(p, f)| (p, f, true))
            .or(first.map(|(p, f)| (p, f, false)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::items::{Content, INFINITE_PENALTY};

    const COSTS: Costs = Costs {
        line_penalty: 10.0,
        double_hyphen_demerits: 0.0,
        final_hyphen_demerits: 0.0,
        fitness_demerits: 0.0,
        max_hyphen_run: 2,
        ragged_stretch: 0.0,
        letter_gap: (0.0, 0.0),
    };

    /// Words of the given widths with glue (1, stretch 1, shrink 0.5) between.
    fn paragraph(words: &[f32]) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            if i > 0 {
                items.push(Item::Glue {
                    width: 1.0,
                    stretch: 1.0,
                    shrink: 0.5,
                    fil: false,
                });
            }
            items.push(Item::Box {
                width: w,
                stretch: 0.0,
                shrink: 0.0,
                content: Content::Indent,
            });
        }
        items.push(Item::Glue {
            width: 0.0,
            stretch: 0.0,
            shrink: 0.0,
            fil: true,
        });
        items.push(Item::Penalty {
            width: 0.0,
            penalty: -INFINITE_PENALTY,
            flagged: false,
            kind: BreakKind::Forced,
        });
        items
    }

    /// The cheapest feasible breaks by trying every subset of word spaces.
    fn brute_force(items: &[Item], widths: &[f32], tol: f64) -> Option<(f64, Vec<usize>)> {
        let breaker = Breaker::new(items, widths, COSTS);
        let glues: Vec<usize> = (0..items.len() - 2)
            .filter(|&i| matches!(items[i], Item::Glue { .. }))
            .collect();
        let mut best: Option<(f64, Vec<usize>)> = None;
        for mask in 0u32..(1 << glues.len()) {
            let mut breaks: Vec<usize> = (0..glues.len())
                .filter(|k| mask & (1 << k) != 0)
                .map(|k| glues[k])
                .collect();
            breaks.push(items.len() - 1);
            let mut total = 0.0;
            let mut prev = usize::MAX;
            let mut ok = true;
            for (line, &b) in breaks.iter().enumerate() {
                let start = breaker.start_after(prev);
                let (natural, stretch, shrink, fil) = breaker.line_sums(start, b, 0.0);
                let r = ratio(natural, stretch, shrink, fil, width_of(widths, line) as f64);
                if !(-1.0..=tol).contains(&r) {
                    ok = false;
                    break;
                }
                let badness = (100.0 * r.abs().powi(3)).min(10_000.0);
                total += (10.0 + badness).powi(2);
                prev = b;
            }
            if ok && best.as_ref().is_none_or(|(t, _)| total < *t) {
                best = Some((total, breaks));
            }
        }
        best
    }

    #[test]
    fn total_fit_finds_the_optimum_and_greedy_does_not_always() {
        // A small deterministic generator: the same cases every run.
        let mut seed = 0x2545_f491_u32;
        let mut next = |range: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % range
        };
        let pass = Pass {
            tolerance: 2.0,
            hyphens: true,
            emergency: false,
        };
        let (mut checked, mut greedy_worse) = (0, 0);
        for case in 0..60 {
            let words: Vec<f32> = (0..12).map(|_| 2.0 + next(6) as f32).collect();
            // Every third case narrows its first two lines, as beside a pull quote.
            let widths: Vec<f32> = if case % 3 == 0 {
                vec![14.0, 14.0, 20.0]
            } else {
                vec![20.0]
            };
            let items = paragraph(&words);
            let breaker = Breaker::new(&items, &widths, COSTS);
            let expected = brute_force(&items, &widths, 2.0);
            let found = breaker.total_fit(&pass);
            assert_eq!(
                found.is_some(),
                expected.is_some(),
                "case {case}: {words:?}"
            );
            let Some((_, best)) = expected else { continue };
            assert_eq!(found.unwrap(), best, "case {case}: {words:?}");
            checked += 1;
            if breaker.first_fit(false) != best {
                greedy_worse += 1;
            }
        }
        assert!(checked >= 30, "{checked} cases had a feasible setting");
        assert!(greedy_worse > 0, "greedy matched total fit every time");
    }

    #[test]
    fn an_empty_measure_still_ends() {
        let items = paragraph(&[3.0, 4.0, 5.0]);
        let breaker = Breaker::new(&items, &[0.0], COSTS);
        let all = Pass {
            tolerance: f32::INFINITY,
            hyphens: true,
            emergency: true,
        };
        // Nothing fits: one word a line, overfull, but an answer.
        assert_eq!(breaker.total_fit(&all), Some(vec![1, 3, 6]));
        assert_eq!(breaker.first_fit(true), vec![1, 3, 6]);
    }
}
