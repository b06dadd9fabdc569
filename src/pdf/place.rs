//! Where placed objects go on a page, and what rules a place out: the lead
//! photo over the first columns, pull quotes across a gutter with text
//! running around them, fact boxes and tables at the last column's foot,
//! other photos at the head of the column opposite the lead photo.
//!
//! Pull quotes are placed by a page designer's rules ([`Rule`]), each a
//! named check: some are known before the text around a place is set
//! (room above and below, another quote in the column, the paragraph the
//! quote repeats already set there), the rest only after
//! ([`rules_after`]: a hyphen or a page turn across it, its source beside
//! it, loose lines beside it); a run that finds one refuses the place and
//! is made again ([`crate::pdf::compose`]).

use crate::pdf::collect::{FigureSpec, Placed, Quote};
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::{Cursor, PageSlots};
use crate::pdf::frame::{Page, Point, Rect, Source};
use crate::pdf::grid::Grid;
use crate::pdf::setter::LineSetter;
use crate::pdf::sidebars::{self, Built};
use crate::typeset::Line;

/// A pull quote's place fixed before the text flows: over a column (and the
/// gutter into the next), its top `tenths` of the way down the free space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pin {
    /// The column.
    pub column: usize,
    /// How far down, in tenths of the free space.
    pub tenths: u32,
}

/// Pull quotes pinned to a page (by index) before the text flows.
pub type Pinned<'a> = Vec<(usize, Pin, Quote<'a>)>;

/// What placing the lead photo found.
pub struct Lead {
    /// Whether the frame is as deep as the crop share allows.
    pub at_limit: bool,
    /// The photo's effective resolution as placed (`None`: a placeholder).
    pub ppi: Option<f32>,
}

/// Places the lead photo over `columns` columns from the top of the body
/// (the right-hand ones if the style says so), `deeper` points deeper than
/// its proportions; the text of those columns starts under it.
pub fn lead_photo(
    ctx: &mut Ctx,
    page: &mut Page,
    slots: &mut PageSlots,
    fig: &FigureSpec,
    columns: usize,
    deeper: f32,
) -> Lead {
    let grid = ctx.grid;
    let style = ctx.style;
    let cols = grid.columns.len();
    let n = columns.clamp(1, cols);
    // Over the right-hand columns the story starts at the top left, and
    // text extraction reads the columns in order.
    let from = if style.layout.lead_photo_right {
        cols - n
    } else {
        0
    };
    let w = grid.span_width(from, from + n);
    let top = grid.line_top(slots.start[from]);
    let placed_before = ctx.images.len();
    let (built, at_limit) = sidebars::figure(ctx, fig, w, (grid.bottom - top) * 0.6, deeper);
    let ppi = ctx.images[placed_before..].first().map(|i| i.ppi);
    page.items.extend(built.at(grid.columns[from].0, top));
    let start = grid.first_at_or_below(top + built.height + style.layout.standoff);
    for s in &mut slots.start[from..from + n] {
        *s = start;
    }
    Lead { at_limit, ppi }
}

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
    /// The paragraph it repeats.
    pub source: Option<usize>,
}

impl QuotePlace {
    /// Whether two quotes cover a column in common on one page.
    fn shares_column(&self, o: &QuotePlace) -> bool {
        self.page == o.page
            && self.column < o.column + o.columns
            && o.column < self.column + self.columns
    }

    /// Whether two quotes sit level in neighbouring columns of one page.
    fn level_with(&self, o: &QuotePlace) -> bool {
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
    fn rules_out(&self, q: &QuotePlace) -> bool {
        if self.block != q.block
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
fn usable_end(slots: &PageSlots, c: usize) -> u32 {
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
fn rules_before(
    ctx: &Ctx,
    log: &QuoteLog<'_>,
    (slots, page): (&PageSlots, &Page),
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
    let others = log.placed.iter().filter(|o| o.block != q.block);
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
    let body: Vec<(Point, &Line, Source)> = flowing_lines(page).collect();
    if near_source(ctx.grid, &body, q) {
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
fn flowing_lines(page: &Page) -> impl Iterator<Item = (Point, &Line, Source)> {
    page.items
        .iter()
        .filter(|i| i.role.flows())
        .filter_map(|i| Some((i.text_at()?, i.line()?, i.source)))
}

/// Whether a line starting at `x` sits in column `c`.
fn in_column(grid: &Grid, c: usize, x: f32) -> bool {
    let (cx, cw) = grid.columns[c];
    x >= cx - 0.5 && x < cx + cw
}

/// Whether a line of the paragraph a quote repeats sits beside it (level
/// with it in its columns or the next on either side), or in its columns
/// fewer than [`APART`] baselines above or below it.
fn near_source(grid: &Grid, body: &[(Point, &Line, Source)], q: &QuotePlace) -> bool {
    let Some(source) = q.source else {
        return false;
    };
    let own = q.column..q.column + q.columns;
    let beside = q.column.saturating_sub(1)..(q.column + q.columns + 1).min(grid.columns.len());
    let above = q.area.y - APART as f32 * grid.baseline;
    let (top, bottom) = (q.area.y, q.area.bottom() + grid.baseline);
    let below = bottom + APART as f32 * grid.baseline;
    body.iter().any(|(at, _, s)| {
        let level = at.y > top && at.y < bottom;
        *s == Source::Block(source)
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
    if near_source(grid, &body, q) {
        rules.push(Rule::NearSource);
    }
    rules.sort();
    rules.dedup();
    rules
}

/// Places a pull quote where it comes in the text: across the gutter of the
/// cursor's column and the next (or inside the last column), at least
/// [`MIN_LINES`] below the cursor, else lower, else in a later column of the
/// page; every place is checked by the rules, and those refused are kept in
/// `ctx.tried`. Says whether it found one.
pub fn quote_in_flow(
    ctx: &mut Ctx,
    log: &mut QuoteLog,
    slots: &mut PageSlots,
    page: &mut Page,
    c: Cursor,
    quote: &Quote,
) -> bool {
    (c.column..ctx.grid.columns.len()).any(|col| {
        let from = if col == c.column {
            c.k
        } else {
            slots.start[col]
        };
        let ks: Vec<u32> = (from..slots.end[col]).collect();
        quote_in_column(ctx, log, (slots, page), (c.page, col), &ks, quote, None)
    })
}

/// Places a pull quote over column `col` of page `n` at the first baseline
/// of `ks` the rules allow: across the gutter into the next column, else
/// (its narrowed lines too loose, or no room) the column's own width, where
/// the text jumps it; says whether one did. Refusals go to the log, one per
/// run of places refused for the same rules.
fn quote_in_column(
    ctx: &mut Ctx,
    log: &mut QuoteLog,
    (slots, page): (&mut PageSlots, &mut Page),
    (n, col): (usize, usize),
    ks: &[u32],
    quote: &Quote,
    only: Option<usize>,
) -> bool {
    let grid = ctx.grid;
    let cols = grid.columns.len();
    let a = grid.columns[col];
    // Across the gutter into the whole next column: only the left column
    // runs around it, so extraction never interleaves two columns.
    let mut shapes = vec![((a.0, a.0 + a.1), 1)];
    if col + 1 < cols {
        shapes.insert(0, (across_gutter(ctx, col), 2));
    }
    shapes.retain(|(_, columns)| only.is_none_or(|n| n == *columns));
    for ((x0, x1), columns) in shapes {
        let built = sidebars::pull_quote(ctx, quote, x1 - x0);
        let units = (built.height / grid.baseline).ceil() as u32;
        let mut last: Option<Vec<Rule>> = None;
        for &k in ks {
            let y = grid.line_top(k);
            let q = QuotePlace {
                page: n,
                column: col,
                columns,
                k,
                area: quote_area(x0, x1, y, built.height, ctx.style.layout.standoff),
                block: quote.block,
                source: quote.source,
            };
            let rules = rules_before(ctx, log, (slots, page), &q, units);
            if rules.is_empty() {
                page.items.extend(built.at(x0, y));
                slots.obstacles.push(q.area);
                log.placed.push(q);
                return true;
            }
            if last.as_ref() != Some(&rules) {
                log.tried.push(Refused::of(&q, rules.clone()));
                last = Some(rules);
            }
        }
    }
    false
}

/// A pull quote's left and right edges over column `col` and the next:
/// the left column keeps `pull_quote_keep` of its width for text, the quote
/// runs across the gutter to the next column's right edge.
fn across_gutter(ctx: &Ctx, col: usize) -> (f32, f32) {
    let (a, b) = (ctx.grid.columns[col], ctx.grid.columns[col + 1]);
    let x0 = a.0 + a.1 * ctx.style.layout.pull_quote_keep + ctx.style.layout.standoff;
    (x0, b.0 + b.1)
}

/// The area text keeps out of around a pull quote `height` deep at `y`.
fn quote_area(x0: f32, x1: f32, y: f32, height: f32, standoff: f32) -> Rect {
    Rect::from_corners(x0 - standoff, y - 1.0, x1 + standoff, y + height + 1.0)
}

/// Places the quotes pinned to page `n`, each where its pin says if the
/// rules allow; one refused waits in the queue, so the run counts as
/// incomplete.
pub fn pinned_quotes<'a>(
    ctx: &mut Ctx,
    log: &mut QuoteLog,
    page: &mut Page,
    slots: &mut PageSlots,
    n: usize,
    pinned: &mut Pinned<'a>,
    queue: &mut Vec<Placed<'a>>,
) {
    let cols = ctx.grid.columns.len();
    for (p, pin, quote) in std::mem::take(pinned) {
        if p != n {
            pinned.push((p, pin, quote));
            continue;
        }
        let col = pin.column.min(cols - 1);
        let next = (col + 1).min(cols - 1);
        let start = slots.start[col].max(slots.start[next]);
        let end = slots.end[col].min(slots.end[next]);
        let k = start + end.saturating_sub(start) * pin.tenths / 10;
        if !quote_in_column(ctx, log, (slots, page), (n, col), &[k], &quote, None) {
            queue.push(Placed::Quote(quote));
        }
    }
}

/// Places the quotes fixed to page `n` where they were fixed, if the rules
/// still allow; one refused comes in the flow as any other.
pub fn fixed_quotes(
    ctx: &mut Ctx,
    log: &mut QuoteLog,
    page: &mut Page,
    slots: &mut PageSlots,
    n: usize,
) {
    let here: Vec<Fixed> = log.fixed.iter().filter(|f| f.page == n).copied().collect();
    for f in here {
        let at = (n, f.column);
        quote_in_column(
            ctx,
            log,
            (slots, page),
            at,
            &[f.k],
            &f.quote,
            Some(f.columns),
        );
    }
}

/// For a quote the set text of a run shows no good place for (none where
/// it came, or a rule broken there), the place nearest `near` (page,
/// column, baseline) that the rules allow as far as that text can tell:
/// enough lines above, and under it enough for its depth and three more
/// (the text moves down under it), no other quote in or level with its
/// columns, its source not near, no hyphen above where the text jumps it,
/// nothing else placed there, no place refused before.
pub fn place_on_set_text<'a>(
    ctx: &mut Ctx,
    frames: &[Page],
    log: &QuoteLog,
    quote: &Quote<'a>,
    near: (usize, usize, u32),
) -> Option<Fixed<'a>> {
    let grid = ctx.grid;
    let cols = grid.columns.len();
    let mut best: Option<((usize, usize, u32, usize), Fixed<'a>)> = None;
    for (p, page) in frames.iter().enumerate() {
        let body: Vec<(Point, &Line, Source)> = flowing_lines(page).collect();
        let taken: Vec<Rect> = page.items.iter().filter_map(placed_area).collect();
        for col in 0..cols {
            let a = grid.columns[col];
            let mut shapes = vec![((a.0, a.0 + a.1), 1)];
            if col + 1 < cols {
                shapes.insert(0, (across_gutter(ctx, col), 2));
            }
            for (shape, ((x0, x1), columns)) in shapes.into_iter().enumerate() {
                let built = sidebars::pull_quote(ctx, quote, x1 - x0);
                let units = (built.height / grid.baseline).ceil() as u32;
                for k in 0..grid.baselines() {
                    let q = QuotePlace {
                        page: p,
                        column: col,
                        columns,
                        k,
                        area: quote_area(
                            x0,
                            x1,
                            grid.line_top(k),
                            built.height,
                            ctx.style.layout.standoff,
                        ),
                        block: quote.block,
                        source: quote.source,
                    };
                    let key = (
                        p.abs_diff(near.0),
                        col.abs_diff(near.1),
                        k.abs_diff(near.2),
                        shape,
                    );
                    if best.as_ref().is_some_and(|(b, _)| *b <= key) {
                        continue;
                    }
                    let others = log.placed.iter().filter(|o| o.block != q.block);
                    if log.refused.iter().any(|r| r.rules_out(&q))
                        || others
                            .clone()
                            .any(|o| o.shares_column(&q) || o.level_with(&q))
                        || taken.iter().any(|t| t.overlaps(&q.area))
                        || near_source(grid, &body, &q)
                        || !room_on_set_text(grid, &body, &q, units)
                    {
                        continue;
                    }
                    let fixed = Fixed {
                        quote: *quote,
                        page: p,
                        column: col,
                        columns,
                        k,
                        area: q.area,
                    };
                    best = Some((key, fixed));
                }
            }
        }
    }
    best.map(|(_, f)| f)
}

/// Whether the set text around a place would leave lines enough above and
/// below a quote `units` deep, with no hyphen above it where the text jumps it.
fn room_on_set_text(
    grid: &Grid,
    body: &[(Point, &Line, Source)],
    q: &QuotePlace,
    units: u32,
) -> bool {
    (q.column..q.column + q.columns).all(|c| {
        let (cx, cw) = grid.columns[c];
        let whole = q.area.x <= cx + 0.5 && q.area.right() >= cx + cw - 0.5;
        let col: Vec<_> = body
            .iter()
            .filter(|(at, ..)| in_column(grid, c, at.x))
            .collect();
        // A line whose slot reaches into the area moves down under it.
        let clear = |y: f32| y - grid.first + grid.baseline <= q.area.y;
        let above: Vec<_> = col.iter().filter(|(at, ..)| clear(at.y)).collect();
        let from_top = col.len() - above.len();
        let below = col.iter().filter(|(at, ..)| at.y > q.area.bottom()).count();
        let last = above.iter().max_by(|a, b| a.0.y.total_cmp(&b.0.y));
        above.len() >= MIN_LINES as usize
            && if whole {
                from_top >= (units + MIN_LINES) as usize
                    && !last.is_some_and(|(_, l, _)| l.hyphenated)
            } else {
                below >= MIN_LINES as usize
            }
    })
}

/// The area an item other than the flowing text and the page's furniture
/// takes on the page (photos, boxes, the head, other quotes).
fn placed_area(item: &crate::pdf::frame::Item) -> Option<Rect> {
    use crate::pdf::frame::{Role, Shape};
    if item.role.flows()
        || matches!(
            item.role,
            Role::RunningHead | Role::Folio | Role::JumpLine | Role::Slug | Role::Mark
        )
    {
        return None;
    }
    match &item.shape {
        Shape::Image { frame, .. } => Some(*frame),
        Shape::Box { rect, .. } => Some(*rect),
        Shape::Rule {
            from, to, weight, ..
        } => Some(Rect::from_corners(
            from.x.min(to.x),
            from.y.min(to.y) - weight,
            from.x.max(to.x),
            from.y.max(to.y) + weight,
        )),
        Shape::Text { at, line, .. } => {
            let size = line.runs.first().map_or(10.0, |r| r.size);
            Some(Rect::new(at.x, at.y - size, line.width, size * 1.2))
        }
    }
}

/// Where the text after block `block` begins on a run's pages: page,
/// column and baseline of its first body line.
pub fn text_after(grid: &Grid, frames: &[Page], block: usize) -> Option<(usize, usize, u32)> {
    frames.iter().enumerate().find_map(|(p, page)| {
        flowing_lines(page).find_map(|(at, _, source)| match source {
            Source::Block(b) if b > block => {
                let column = (0..grid.columns.len()).find(|&c| in_column(grid, c, at.x))?;
                let k = ((at.y - grid.top - grid.first) / grid.baseline)
                    .round()
                    .max(0.0) as u32;
                Some((p, column, k))
            }
            _ => None,
        })
    })
}

/// Places a queued pull quote on a page made for the text that follows:
/// over a column pair from the second on, nearest to two-fifths of the
/// free depth first; says whether the rules allowed a place.
fn queued_quote(
    ctx: &mut Ctx,
    log: &mut QuoteLog,
    (slots, page): (&mut PageSlots, &mut Page),
    n: usize,
    quote: &Quote,
) -> bool {
    let cols = ctx.grid.columns.len();
    let order = (1..cols.saturating_sub(1)).chain(std::iter::once(0));
    order.into_iter().any(|col| {
        let next = (col + 1).min(cols - 1);
        let start = slots.start[col].max(slots.start[next]);
        let end = slots.end[col].min(slots.end[next]);
        let target = start + end.saturating_sub(start) * 2 / 5;
        // Nearest the target first, alternately lower and higher.
        let ks: Vec<u32> = (0..end.saturating_sub(start))
            .flat_map(|d| [target + d, target.wrapping_sub(d + 1)])
            .filter(|k| (start..end).contains(k))
            .collect();
        quote_in_column(
            ctx,
            log,
            (&mut *slots, &mut *page),
            (n, col),
            &ks,
            quote,
            None,
        )
    })
}

/// Places a box at the foot of the last column, above the jump line if the
/// page has one and above boxes placed before; says whether it fitted.
fn at_last_column_foot(
    ctx: &Ctx,
    page: &mut Page,
    slots: &mut PageSlots,
    built: &Built,
    standoff: f32,
) -> bool {
    let grid = ctx.grid;
    let last = grid.columns.len() - 1;
    let cx = grid.columns[last].0;
    let jump = slots
        .reserved
        .iter()
        .filter(|(c, k)| *c == last && *k > slots.start[last])
        .map(|(_, k)| *k)
        .min();
    let end = jump.map_or(slots.end[last], |k| k.min(slots.end[last]));
    let foot = grid.line_top(end).min(grid.bottom);
    let top = foot - built.height;
    // The last body baseline above the box, with room to spare.
    let end = grid.first_at_or_below(top - standoff).saturating_sub(1);
    if end > slots.start[last] + 4 {
        page.items.extend(built.at(cx, top));
        slots.end[last] = slots.end[last].min(end);
        true
    } else {
        false
    }
}

/// Places what fits of the queue on a page: pull quotes straddle a pair
/// of columns mid-page, fact boxes sit at the foot of the last column, other
/// photos at the head of the column opposite the lead photo. What does not
/// fit stays in the queue, in order.
pub fn sidebars_on(
    ctx: &mut Ctx,
    log: &mut QuoteLog,
    page: &mut Page,
    slots: &mut PageSlots,
    n: usize,
    queue: &mut Vec<Placed>,
) {
    let grid = ctx.grid;
    let style = ctx.style;
    let cols = grid.columns.len();
    let last = cols - 1;
    let standoff = style.layout.standoff;
    let mut left = Vec::new();
    for item in queue.drain(..) {
        let fits = match &item {
            Placed::Quote(quote) if cols >= 2 => queued_quote(ctx, log, (slots, page), n, quote),
            Placed::Facts(title, body, block) => {
                let built = sidebars::fact_box(ctx, *title, body, *block, grid.columns[last].1);
                at_last_column_foot(ctx, page, slots, &built, standoff)
            }
            Placed::Table(table, block) => {
                let built = sidebars::table(ctx, table, *block, grid.columns[last].1);
                at_last_column_foot(ctx, page, slots, &built, standoff)
            }
            Placed::Figure(fig) => {
                // Opposite the lead photo.
                let col = if style.layout.lead_photo_right {
                    0
                } else {
                    last
                };
                let (cx, cw) = grid.columns[col];
                let top = grid.line_top(slots.start[col]);
                let (built, _) = sidebars::figure(ctx, fig, cw, (grid.bottom - top) * 0.4, 0.0);
                let start = grid.first_at_or_below(top + built.height + standoff);
                if start + 6 < slots.end[col] {
                    page.items.extend(built.at(cx, top));
                    slots.start[col] = start;
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !fits {
            left.push(item);
        }
    }
    *queue = left;
}
