//! Body text flowing through columns and pages: every column offers slots on
//! the shared baseline grid; placed objects narrow a slot (per-line widths),
//! shift it, or take it away.

use crate::pdf::grid::Grid;

/// A rectangle text keeps out of, on one page: x0, y0 (top), x1, y1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Obstacle {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

/// What one page offers the body.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSlots {
    /// Per column, the first baseline body text may use.
    pub start: Vec<u32>,
    /// Per column, one past the last baseline body text may use.
    pub end: Vec<u32>,
    /// Objects the text runs around.
    pub obstacles: Vec<Obstacle>,
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
    fn slot_at(&self, c: Cursor) -> Option<Slot> {
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
        // The free stretches of the column at this baseline; the widest wins.
        let mut free = vec![(cx, cx + cw)];
        for o in &page.obstacles {
            if o.y1 <= top || o.y0 >= bottom {
                continue;
            }
            free = free
                .into_iter()
                .flat_map(|(a, b)| {
                    let mut parts = Vec::new();
                    if o.x0 > a {
                        parts.push((a, o.x0.min(b)));
                    }
                    if o.x1 < b {
                        parts.push((o.x1.max(a), b));
                    }
                    parts
                })
                .filter(|(a, b)| b > a)
                .collect();
        }
        let (a, b) = free
            .into_iter()
            .max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)))?;
        if b - a < self.min_width {
            return None;
        }
        Some(Slot {
            page: c.page,
            column: c.column,
            k: c.k,
            x: a,
            width: b - a,
        })
    }

    /// The cursor after `c` (next baseline, next column, next page), adding a
    /// page through `add_page` when the text runs past the last one.
    fn step(&mut self, c: Cursor, add_page: &mut dyn FnMut(&mut Flow<'g>)) -> Option<Cursor> {
        let page = self.pages.get(c.page)?;
        if c.k + 1 < page.end[c.column] {
            return Some(Cursor { k: c.k + 1, ..c });
        }
        if c.column + 1 < self.grid.columns.len() {
            let column = c.column + 1;
            return Some(Cursor {
                page: c.page,
                column,
                k: page.start[column],
            });
        }
        if c.page + 1 >= self.limit {
            return None;
        }
        if c.page + 1 >= self.pages.len() {
            add_page(self);
        }
        let next = self.pages.get(c.page + 1)?;
        Some(Cursor {
            page: c.page + 1,
            column: 0,
            k: next.start[0],
        })
    }

    /// Up to `n` slots from the cursor on, without using them.
    pub fn peek(
        &mut self,
        from: Cursor,
        n: usize,
        add_page: &mut dyn FnMut(&mut Flow<'g>),
    ) -> Vec<(Cursor, Slot)> {
        let mut out = Vec::new();
        let mut c = Some(from);
        // A column has at most a few hundred baselines; the bound keeps a
        // page with no usable slot from looping.
        let mut guard = 0usize;
        while let Some(cur) = c {
            if out.len() >= n || guard > 100_000 {
                break;
            }
            guard += 1;
            if let Some(slot) = self.slot_at(cur) {
                out.push((cur, slot));
            }
            c = self.step(cur, add_page);
        }
        out
    }

    /// The cursor just past a used slot.
    pub fn after(&mut self, c: Cursor, add_page: &mut dyn FnMut(&mut Flow<'g>)) -> Option<Cursor> {
        self.step(c, add_page)
    }

    /// The first baseline of the next column (or page) after the cursor's.
    pub fn next_column(
        &mut self,
        c: Cursor,
        add_page: &mut dyn FnMut(&mut Flow<'g>),
    ) -> Option<Cursor> {
        let end = self.pages.get(c.page)?.end[c.column];
        let last = Cursor {
            k: end.saturating_sub(1).max(c.k),
            ..c
        };
        self.step(last, add_page)
    }

    /// How many usable slots remain in the cursor's column.
    pub fn left_in_column(&self, c: Cursor) -> usize {
        let Some(page) = self.pages.get(c.page) else {
            return 0;
        };
        (c.k..page.end[c.column])
            .filter(|&k| self.slot_at(Cursor { k, ..c }).is_some())
            .count()
    }
}
