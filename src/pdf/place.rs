//! Where placed objects go on a page, and what rules a place out: the lead
//! photo over the first columns, pull quotes across a gutter with text
//! running around them, fact boxes and tables at the last column's foot,
//! other photos at the head of the column opposite the lead photo.

use crate::pdf::collect::{FigureSpec, Placed, Quote};
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::{Cursor, PageSlots};
use crate::pdf::frame::{Page, Rect};
use crate::pdf::sidebars::{self, Built};

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

/// Places a pull quote a little below the cursor: across the gutter of the
/// cursor's column and the next, or inside the last column; else in a later
/// column of the page. Says whether it found room.
pub fn quote_in_flow(
    ctx: &mut Ctx,
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
        let at = Cursor {
            column: col,
            k: from + 3,
            ..c
        };
        quote_at(ctx, slots, page, at, quote)
    })
}

/// Places a pull quote with its top at baseline `at.k` (or lower, under the
/// head of the next column): across the gutter of `at.column` and the next,
/// or inside the last column. Says whether it found room.
fn quote_at(
    ctx: &mut Ctx,
    slots: &mut PageSlots,
    page: &mut Page,
    at: Cursor,
    quote: &Quote,
) -> bool {
    let grid = ctx.grid;
    let style = ctx.style;
    let cols = grid.columns.len();
    let standoff = style.layout.standoff;
    let col = at.column;
    let pair = col + 1 < cols;
    let a = grid.columns[col];
    // Across the gutter into the whole next column: only the left column
    // runs around it, so extraction never interleaves two columns.
    let (x0, x1) = if pair {
        across_gutter(ctx, col)
    } else {
        (a.0, a.0 + a.1)
    };
    let mut k = at.k;
    let mut end = slots.end[col];
    if pair {
        k = k.max(slots.start[col + 1] + 1);
        end = end.min(slots.end[col + 1]);
    }
    let built = sidebars::pull_quote(ctx, quote, x1 - x0);
    let units = (built.height / grid.baseline).ceil() as u32;
    // Leave room for lines under it, and for the jump line.
    if k + units + 3 > end {
        return false;
    }
    let y = grid.line_top(k);
    let area = quote_area(x0, x1, y, built.height, standoff);
    if slots.obstacles.iter().any(|p| p.overlaps(&area)) {
        return false;
    }
    page.items.extend(built.at(x0, y));
    slots.obstacles.push(area);
    ctx.quotes.push((at.page, area));
    true
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

/// Places the quotes pinned to page `n`; one that finds no room waits in the
/// queue, so the run counts as incomplete.
pub fn pinned_quotes<'a>(
    ctx: &mut Ctx,
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
        let at = Cursor {
            page: n,
            column: col,
            k,
        };
        if !quote_at(ctx, slots, page, at, &quote) {
            queue.push(Placed::Quote(quote));
        }
    }
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
pub fn sidebars_on(ctx: &mut Ctx, page: &mut Page, slots: &mut PageSlots, queue: &mut Vec<Placed>) {
    let grid = ctx.grid;
    let style = ctx.style;
    let cols = grid.columns.len();
    let last = cols - 1;
    let standoff = style.layout.standoff;
    let mut quotes_here = 0usize;
    let mut left = Vec::new();
    for item in queue.drain(..) {
        let fits = match &item {
            Placed::Quote(quote) if cols >= 2 => {
                let pair = (1 + 2 * quotes_here) % (cols - 1);
                let (x0, x1) = across_gutter(ctx, pair);
                let built = sidebars::pull_quote(ctx, quote, x1 - x0);
                let start = slots.start[pair].max(slots.start[pair + 1]);
                let end = slots.end[pair].min(slots.end[pair + 1]);
                let units = (built.height / grid.baseline).ceil() as u32;
                if end > start + units + 6 {
                    let frac = if quotes_here % 2 == 0 { 0.45 } else { 0.3 };
                    let k = start + ((end - start - units) as f32 * frac) as u32;
                    let y = grid.line_top(k);
                    page.items.extend(built.at(x0, y));
                    slots
                        .obstacles
                        .push(quote_area(x0, x1, y, built.height, standoff));
                    quotes_here += 1;
                    true
                } else {
                    false
                }
            }
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
