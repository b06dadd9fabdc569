//! Where a pull quote goes: in the flow where it comes in the text, pinned
//! or fixed before the text flows, on a page made for the text after it,
//! or on the set text of an earlier run; every place is checked by the
//! rules of [`super::rules`].

use super::rules::{flowing_lines, in_column, near_source, rules_before};
use super::{Fixed, Pinned, QuoteLog, QuotePlace, Refused, Rule, MIN_LINES};
use crate::pdf::collect::{Placed, Quote};
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::{Cursor, PageSlots};
use crate::pdf::frame::{Page, Point, Rect, Source};
use crate::pdf::grid::Grid;
use crate::pdf::sidebars;
use crate::typeset::Line;

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
    let body: Vec<(Point, Source)> = flowing_lines(page).map(|(at, _, s)| (at, s)).collect();
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
                id: quote.id,
                sources: quote.sources,
            };
            let rules = rules_before(ctx, log, (slots, &body), &q, units);
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
    // Each shape: its column, edges, columns covered and depth in baselines.
    let mut shapes = Vec::new();
    for col in 0..cols {
        let a = grid.columns[col];
        let mut here = vec![((a.0, a.0 + a.1), 1)];
        if col + 1 < cols {
            here.insert(0, (across_gutter(ctx, col), 2));
        }
        for (rank, ((x0, x1), columns)) in here.into_iter().enumerate() {
            let height = sidebars::pull_quote(ctx, quote, x1 - x0).height;
            shapes.push((col, rank, (x0, x1), columns, height));
        }
    }
    // Every place, nearest first; the first the rules allow is taken.
    // (distance: pages, columns, baselines, shape rank), page, shape, baseline.
    type Place = ((usize, usize, u32, usize), usize, usize, u32);
    let mut places: Vec<Place> = Vec::new();
    for p in 0..frames.len() {
        for (s, &(col, rank, ..)) in shapes.iter().enumerate() {
            for k in 0..grid.baselines() {
                let key = (
                    p.abs_diff(near.0),
                    col.abs_diff(near.1),
                    k.abs_diff(near.2),
                    rank,
                );
                places.push((key, p, s, k));
            }
        }
    }
    places.sort_unstable();
    type Seen<'f> = (
        Vec<(Point, &'f Line, Source)>,
        Vec<(Point, Source)>,
        Vec<Rect>,
    );
    let mut pages: Vec<Option<Seen>> = vec![None; frames.len()];
    let standoff = ctx.style.layout.standoff;
    for (_, p, s, k) in places {
        let (col, _, (x0, x1), columns, height) = shapes[s];
        let q = QuotePlace {
            page: p,
            column: col,
            columns,
            k,
            area: quote_area(x0, x1, grid.line_top(k), height, standoff),
            block: quote.block,
            id: quote.id,
            sources: quote.sources,
        };
        let others = log.placed.iter().filter(|o| o.id != q.id);
        if log.refused.iter().any(|r| r.rules_out(&q))
            || others
                .clone()
                .any(|o| o.shares_column(&q) || o.level_with(&q))
        {
            continue;
        }
        let (body, placed, taken) = pages[p].get_or_insert_with(|| {
            let page = &frames[p];
            let body: Vec<_> = flowing_lines(page).collect();
            let placed = body.iter().map(|(at, _, s)| (*at, *s)).collect();
            (
                body,
                placed,
                page.items.iter().filter_map(placed_area).collect(),
            )
        });
        let units = (height / grid.baseline).ceil() as u32;
        if taken.iter().any(|t| t.overlaps(&q.area))
            || near_source(grid, placed, &q)
            || !room_on_set_text(grid, body, &q, units)
        {
            continue;
        }
        return Some(Fixed {
            quote: *quote,
            page: p,
            column: col,
            columns,
            k,
            area: q.area,
        });
    }
    None
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
pub(super) fn queued_quote(
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
