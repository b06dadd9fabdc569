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
//! is made again ([`crate::pdf::compose`]). The rules are in [`rules`],
//! the search for a quote's place in [`quotes`].

mod quotes;
mod rules;

pub use quotes::{fixed_quotes, pinned_quotes, place_on_set_text, quote_in_flow, text_after};
pub use rules::{rules_after, Fixed, QuoteLog, QuotePlace, Refused, Rule, APART, MIN_LINES};

use crate::pdf::collect::{FigureSpec, Placed, Quote};
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::PageSlots;
use crate::pdf::frame::Page;
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
            Placed::Quote(quote) if cols >= 2 => {
                quotes::queued_quote(ctx, log, (slots, page), n, quote)
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
