//! The pull-quote rules as named checks: before the text around a place
//! is set ([`rules_before`]) and on the set text ([`rules_after`]).

use crate::pdf::collect::{Quote, Sources};
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::PageSlots;
use crate::pdf::frame::{Page, Point, Rect, Source};
use crate::pdf::grid::Grid;
use crate::pdf::setter::LineSetter;
use crate::typeset::Line;

/// Lines of every column a pull quote covers that stay above it and below
/// it, at least.
pub const MIN_LINES: u32 = 3;

/// How many baselines above or below a pull quote, in its columns, the
/// paragraph it repeats keeps away: a quote does not repeat what the
/// reader has just read or is about to.
pub const APART: u32 = 6;

/// The rules a page designer places pull quotes by, each a named check so
/// that a refused place says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Fewer than [`MIN_LINES`] lines of a column it covers above it.
    LinesAbove,
    /// Fewer than [`MIN_LINES`] lines of a column it covers below it.
    LinesBelow,
    /// Another pull quote already covers one of its columns on the page.
    TwoInColumn,
    /// Another pull quote sits level with it in the next column.
    BesideQuote,
    /// Another placed object (photo, box) is in the way.
    Occupied,
    /// Beside the paragraph it repeats, or fewer than [`APART`] lines from it.
    NearSource,
    /// A hyphenated word breaks across it.
    AcrossHyphen,
    /// The text turns the page across it.
    AcrossTurn,
    /// The narrowed lines beside it are set past the justification limits.
    LooseBeside,
}

impl Rule {
    /// What the rule says, for warnings.
    pub fn says(self) -> &'static str {
        match self {
            Rule::LinesAbove => "fewer than 3 lines of a column above it",
            Rule::LinesBelow => "fewer than 3 lines of a column below it",
            Rule::TwoInColumn => "another pull quote in the column",
            Rule::BesideQuote => "level with another pull quote",
            Rule::Occupied => "another placed object there",
            Rule::NearSource => "beside or next to the paragraph it repeats",
            Rule::AcrossHyphen => "a hyphenated word breaks across it",
            Rule::AcrossTurn => "the text turns the page across it",
            Rule::LooseBeside => "the lines beside it set past the justification limits",
        }
    }
}

/// A pull quote as placed: its page, the columns it covers (the left one
/// narrowed, the next whole), where it starts, its area, and the blocks it
/// shows and repeats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuotePlace {
    /// The page, from 0.
    pub page: usize,
    /// Its left column.
    pub column: usize,
    /// How many columns it covers (1 or 2).
    pub columns: usize,
    /// The baseline its top sits on.
    pub k: u32,
    /// The area text keeps out of.
    pub area: Rect,
    /// The quote's block.
    pub block: usize,
    /// Which quote of the story it is.
    pub id: usize,
    /// The paragraphs it repeats.
    pub sources: Sources,
}

impl QuotePlace {
    /// Whether two quotes cover a column in common on one page.
    pub(super) fn shares_column(&self, o: &QuotePlace) -> bool {
        self.page == o.page
            && self.column < o.column + o.columns
            && o.column < self.column + self.columns
    }

    /// Whether two quotes sit level in neighbouring columns of one page.
    pub(super) fn level_with(&self, o: &QuotePlace) -> bool {
        self.page == o.page
            && (self.column + self.columns == o.column || o.column + o.columns == self.column)
            && self.area.y < o.area.bottom()
            && o.area.y < self.area.bottom()
    }
}

/// A place refused to a pull quote, and the rules that refused it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The quote's block.
    pub block: usize,
    /// Which quote of the story it is.
    pub id: usize,
    /// The page, from 0.
    pub page: usize,
    /// The left column.
    pub column: usize,
    /// How many columns it would cover.
    pub columns: usize,
    /// The baseline its top would sit on.
    pub k: u32,
    /// Why.
    pub rules: Vec<Rule>,
}

impl Refused {
    /// The place of `q`, refused for `rules`.
    pub fn of(q: &QuotePlace, rules: Vec<Rule>) -> Refused {
        Refused {
            block: q.block,
            id: q.id,
            page: q.page,
            column: q.column,
            columns: q.columns,
            k: q.k,
            rules,
        }
    }

    /// Whether a rule found on the set text rules out the place `q` too:
    /// the whole column pair for a quote beside its source, places lower
    /// (or higher) for too few lines below (above), else the place itself.
    pub(super) fn rules_out(&self, q: &QuotePlace) -> bool {
        if self.id != q.id
            || self.page != q.page
            || self.column != q.column
            || self.columns != q.columns
        {
            return false;
        }
        self.rules.iter().any(|r| match r {
            Rule::NearSource => true,
            Rule::LinesBelow | Rule::AcrossTurn => q.k >= self.k,
            Rule::LinesAbove => q.k <= self.k,
            _ => q.k == self.k,
        })
    }
}

/// A place chosen for a pull quote on the set text of an earlier run, where
/// the next run places it before the text flows.
#[derive(Debug, Clone, Copy)]
pub struct Fixed<'a> {
    /// The quote.
    pub quote: Quote<'a>,
    /// The page, from 0.
    pub page: usize,
    /// The left column.
    pub column: usize,
    /// How many columns it covers.
    pub columns: usize,
    /// The baseline its top sits on.
    pub k: u32,
    /// The area it takes, as found.
    pub area: Rect,
}

/// The pull quotes of one run: where each went, and the places refused.
#[derive(Debug, Clone, Default)]
pub struct QuoteLog<'a> {
    /// Places fixed before the text flows.
    pub fixed: Vec<Fixed<'a>>,
    /// Quotes placed, in the order placed.
    pub placed: Vec<QuotePlace>,
    /// Places the rules refused in this run, for the warning when a quote
    /// finds none.
    pub tried: Vec<Refused>,
    /// Places refused for what an earlier run of the same plan found once
    /// the text was set.
    pub refused: Vec<Refused>,
}

/// The last baseline body text may use in column `c`, past the jump line's.
pub(super) fn usable_end(slots: &PageSlots, c: usize) -> u32 {
    slots
        .reserved
        .iter()
        .filter(|(rc, rk)| *rc == c && *rk > slots.start[c])
        .map(|(_, rk)| *rk)
        .min()
        .map_or(slots.end[c], |k| k.min(slots.end[c]))
}

/// The rules a place breaks before the text around it is set: room above
/// and below in every column it covers, another quote or object there, the
/// paragraph it repeats already set beside or just above it.
pub(super) fn rules_before(
    ctx: &Ctx,
    log: &QuoteLog<'_>,
    (slots, body): (&PageSlots, &[(Point, Source)]),
    q: &QuotePlace,
    units: u32,
) -> Vec<Rule> {
    let grid = ctx.grid;
    let mut rules = Vec::new();
    // Slots clear of the quote's area (its standoff takes the slot just
    // above it).
    let clear = |j: u32| {
        let top = grid.line_top(j);
        top + grid.baseline <= q.area.y || top >= q.area.bottom()
    };
    for c in q.column..q.column + q.columns {
        let above = (slots.start[c]..q.k).filter(|&j| clear(j)).count() as u32;
        let below = (q.k + units..usable_end(slots, c))
            .filter(|&j| clear(j))
            .count() as u32;
        if above < MIN_LINES {
            rules.push(Rule::LinesAbove);
        }
        if below < MIN_LINES {
            rules.push(Rule::LinesBelow);
        }
    }
    let others = log.placed.iter().filter(|o| o.id != q.id);
    if others.clone().any(|o| o.shares_column(q)) {
        rules.push(Rule::TwoInColumn);
    }
    if others.clone().any(|o| o.level_with(q)) {
        rules.push(Rule::BesideQuote);
    }
    let quote_areas: Vec<Rect> = others.map(|o| o.area).collect();
    let in_way = |o: &&Rect| !quote_areas.contains(o) && o.overlaps(&q.area);
    if slots.obstacles.iter().any(|o| in_way(&o)) {
        rules.push(Rule::Occupied);
    }
    if near_source(ctx.grid, body, q) {
        rules.push(Rule::NearSource);
    }
    for r in log.refused.iter().filter(|r| r.rules_out(q)) {
        rules.extend(&r.rules);
    }
    rules.sort();
    rules.dedup();
    rules
}

/// The body lines of a page: where each starts, the line, its block.
pub(super) fn flowing_lines(page: &Page) -> impl Iterator<Item = (Point, &Line, Source)> {
    page.items
        .iter()
        .filter(|i| i.role.flows())
        .filter_map(|i| Some((i.text_at()?, i.line()?, i.source)))
}

/// Whether a line starting at `x` sits in column `c`.
pub(super) fn in_column(grid: &Grid, c: usize, x: f32) -> bool {
    let (cx, cw) = grid.columns[c];
    x >= cx - 0.5 && x < cx + cw
}

/// Whether a line of the paragraph a quote repeats sits beside it (level
/// with it in its columns or the next on either side), or in its columns
/// fewer than [`APART`] baselines above or below it.
pub(super) fn near_source(grid: &Grid, body: &[(Point, Source)], q: &QuotePlace) -> bool {
    if q.sources.is_empty() {
        return false;
    }
    let own = q.column..q.column + q.columns;
    let beside = q.column.saturating_sub(1)..(q.column + q.columns + 1).min(grid.columns.len());
    let above = q.area.y - APART as f32 * grid.baseline;
    let (top, bottom) = (q.area.y, q.area.bottom() + grid.baseline);
    let below = bottom + APART as f32 * grid.baseline;
    body.iter().any(|(at, s)| {
        let level = at.y > top && at.y < bottom;
        matches!(s, Source::Block(b) if q.sources.contains(*b))
            && ((level && beside.clone().any(|c| in_column(grid, c, at.x)))
                || (at.y > above && at.y < below && own.clone().any(|c| in_column(grid, c, at.x))))
    })
}

/// The rules a placed quote breaks once the text is set (`frames`: every
/// page of the run): lines above and below it in each column it covers, a
/// hyphen or a page turn where the text jumps it, its source beside it, the
/// narrowed lines beside it past the setter's tolerance.
pub fn rules_after(
    grid: &Grid,
    setter: &dyn LineSetter,
    frames: &[Page],
    q: &QuotePlace,
) -> Vec<Rule> {
    let Some(page) = frames.get(q.page) else {
        return Vec::new();
    };
    let body: Vec<(Point, &Line, Source)> = flowing_lines(page).collect();
    let mut rules = Vec::new();
    let (top, bottom) = (q.area.y, q.area.bottom());
    let last_covered = q.column + q.columns - 1;
    for c in q.column..=last_covered {
        let (cx, cw) = grid.columns[c];
        let col: Vec<&(Point, &Line, Source)> = body
            .iter()
            .filter(|(at, ..)| in_column(grid, c, at.x))
            .collect();
        let above: Vec<_> = col.iter().filter(|(at, ..)| at.y < top).collect();
        let below = col.iter().filter(|(at, ..)| at.y > bottom).count() as u32;
        if (above.len() as u32) < MIN_LINES {
            rules.push(Rule::LinesAbove);
        }
        if below < MIN_LINES {
            rules.push(Rule::LinesBelow);
        }
        // Text jumps a quote that spans the whole column.
        let whole = q.area.x <= cx + 0.5 && q.area.right() >= cx + cw - 0.5;
        let last_above = above.iter().max_by(|a, b| a.0.y.total_cmp(&b.0.y));
        if whole && last_above.is_some_and(|(_, line, _)| line.hyphenated) {
            rules.push(Rule::AcrossHyphen);
        }
        let later = body
            .iter()
            .any(|(at, ..)| (c + 1..grid.columns.len()).any(|n| in_column(grid, n, at.x)));
        if whole && below == 0 && !later && q.page + 1 < frames.len() && !above.is_empty() {
            rules.push(Rule::AcrossTurn);
        }
        if !whole {
            // Lines whose slot reaches the area are narrowed by it.
            let beside = col.iter().filter(|(at, line, _)| {
                let slot = at.y - grid.first;
                slot + grid.baseline > top && slot < bottom && line.measure < cw - 1.0
            });
            if beside.into_iter().any(|(_, line, _)| setter.is_loose(line)) {
                rules.push(Rule::LooseBeside);
            }
        }
    }
    let placed: Vec<(Point, Source)> = body.iter().map(|(at, _, s)| (*at, *s)).collect();
    if near_source(grid, &placed, q) {
        rules.push(Rule::NearSource);
    }
    rules.sort();
    rules.dedup();
    rules
}
