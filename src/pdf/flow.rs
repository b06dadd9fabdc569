//! The slots body text flows through: every column offers slots on the
//! shared baseline grid; placed objects narrow a slot (per-line widths),
//! shift it, or take it away. Stepping past the last page made says so
//! ([`Step::NeedsPage`]): the caller makes the page, the flow never does.

use crate::pdf::frame::Rect;
use crate::pdf::grid::Grid;

/// What one page offers the body.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSlots {
    /// Per column, the first baseline body text may use.
    pub start: Vec<u32>,
    /// Per column, one past the last baseline body text may use.
    pub end: Vec<u32>,
    /// Areas the text runs around.
    pub obstacles: Vec<Rect>,
    /// Baselines kept for furniture (jump lines): (column, baseline).
    pub reserved: Vec<(usize, u32)>,
    /// The baseline of the first column kept for "Continued from page n".
    pub jump_in: Option<u32>,
}

impl PageSlots {
    /// A page whose columns are all free from `start` to the foot.
    pub fn new(grid: &Grid, start: u32) -> PageSlots {
        let n = grid.columns.len();
        PageSlots {
            start: vec![start; n],
            end: vec![grid.baselines(); n],
            obstacles: Vec::new(),
            reserved: Vec::new(),
            jump_in: None,
        }
    }
}

/// The page whose columns end on one baseline: the last of a story, made
/// square. Its text may use only its first `columns` columns, so that a
/// short continuation takes fewer, longer legs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Balance {
    /// Page index, from 0.
    pub page: usize,
    /// One past the last baseline of every column.
    pub foot: u32,
    /// Columns the text may use, from the first.
    pub columns: usize,
}

impl Balance {
    /// Closes the page's columns at the foot, and those past `columns`.
    pub fn apply(&self, slots: &mut PageSlots) {
        for (c, e) in slots.end.iter_mut().enumerate() {
            *e = if c < self.columns {
                (*e).min(self.foot)
            } else {
                0
            };
        }
    }
}

/// A place for one line: page (from 0), column, baseline, and the stretch
/// of the column the line may use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    /// Page index, from 0.
    pub page: usize,
    /// Column index.
    pub column: usize,
    /// Baseline index.
    pub k: u32,
    /// Where the line starts.
    pub x: f32,
    /// The line's width.
    pub width: f32,
}

/// A position in the flow: the next baseline to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    /// Page index.
    pub page: usize,
    /// Column index.
    pub column: usize,
    /// Baseline index.
    pub k: u32,
}

/// Where a step from a cursor leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The next position.
    At(Cursor),
    /// Past the last page made, and the story may take another: make it,
    /// then step again.
    NeedsPage,
    /// Past the last page the story may take.
    End,
}

/// The slots of every page the story may use.
pub struct Flow<'g> {
    grid: &'g Grid,
    /// Each page's slots; pages are added as the text needs them.
    pub pages: Vec<PageSlots>,
    /// How many pages the story may take.
    pub limit: usize,
    min_width: f32,
}

impl<'g> Flow<'g> {
    /// A flow over a first page, with at most `limit` pages.
    pub fn new(grid: &'g Grid, first: PageSlots, limit: usize) -> Flow<'g> {
        let min_width = grid.columns.first().map_or(0.0, |c| c.1 * 0.3);
        Flow {
            grid,
            pages: vec![first],
            limit,
            min_width,
        }
    }

    /// The slot at a cursor, if the cursor's baseline holds one.
    pub fn slot_at(&self, c: Cursor) -> Option<Slot> {
        let page = self.pages.get(c.page)?;
        let (cx, cw) = *self.grid.columns.get(c.column)?;
        if c.k < page.start[c.column] || c.k >= page.end[c.column] {
            return None;
        }
        if page.reserved.contains(&(c.column, c.k)) {
            return None;
        }
        let top = self.grid.line_top(c.k);
        let bottom = top + self.grid.baseline;
        let across = |o: &&Rect| o.bottom() > top && o.y < bottom;
        if !page.obstacles.iter().any(|o| across(&o)) {
            // Most slots: the whole column, found without building stretches.
            return (cw >= self.min_width).then_some(Slot {
                page: c.page,
                column: c.column,
                k: c.k,
                x: cx,
                width: cw,
            });
        }
        // The free stretches of the column at this baseline; the widest wins.
        let mut free = vec![(cx, cx + cw)];
        for o in page.obstacles.iter().filter(across) {
            free = free
                .into_iter()
                .flat_map(|(a, b)| {
                    let mut parts = Vec::new();
                    if o.x > a {
                        parts.push((a, o.x.min(b)));
                    }
                    if o.right() < b {
                        parts.push((o.right().max(a), b));
                    }
                    parts
                })
                .filter(|(a, b)| b > a)
                .collect();
        }
        let (a, b) = free
            .into_iter()
            .max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)))?;
        // A whole column keeps the column's own width, so that every column
        // offers the same measure to the bit and settings are reused.
        let width = if (a, b) == (cx, cx + cw) { cw } else { b - a };
        if width < self.min_width {
            return None;
        }
        Some(Slot {
            page: c.page,
            column: c.column,
            k: c.k,
            x: a,
            width,
        })
    }

    /// Where the step after `c` leads: the next baseline, the next column,
    /// the next page.
    pub fn step(&self, c: Cursor) -> Step {
        let Some(page) = self.pages.get(c.page) else {
            return Step::End;
        };
        if c.k + 1 < page.end[c.column] {
            return Step::At(Cursor { k: c.k + 1, ..c });
        }
        if c.column + 1 < self.grid.columns.len() {
            let column = c.column + 1;
            return Step::At(Cursor {
                page: c.page,
                column,
                k: page.start[column],
            });
        }
        if c.page + 1 >= self.limit {
            return Step::End;
        }
        match self.pages.get(c.page + 1) {
            Some(next) => Step::At(Cursor {
                page: c.page + 1,
                column: 0,
                k: next.start[0],
            }),
            None => Step::NeedsPage,
        }
    }
}
