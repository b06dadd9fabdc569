//! The page grid: the story's news hole (the area inside the margins, or
//! the columns and depth the style or the desk gives), its columns, and the
//! baseline grid that body lines of every column share.

use crate::style::Style;

/// Columns and baselines of a page, in points from the trim's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Left edge of the columns.
    pub left: f32,
    /// Right edge of the columns.
    pub right: f32,
    /// Top of the column area.
    pub top: f32,
    /// Bottom of the column area.
    pub bottom: f32,
    /// Each column's left edge and width.
    pub columns: Vec<(f32, f32)>,
    /// Space between columns.
    pub gutter: f32,
    /// Distance between baselines.
    pub baseline: f32,
    /// How far the first baseline sits below `top` (room for ascenders).
    pub first: f32,
    /// The type area's left and right edges, for the page's furniture.
    pub area: (f32, f32),
}

impl Grid {
    /// The grid of a style's news hole (its whole type area when it names
    /// none): the hole's columns from the left, its depth from the top.
    pub fn new(style: &Style) -> Grid {
        let p = &style.page;
        let width = style.column_width();
        let hole = style.layout.hole;
        let all = style.grid.columns.max(1);
        // At least one column, even for a style built by hand.
        let n = hole.map_or(all, |h| h.columns.clamp(1, all));
        let bottom = p.height - p.margin_bottom;
        let bottom = hole.map_or(bottom, |h| {
            (p.margin_top + h.depth_pt(style.grid.baseline)).min(bottom)
        });
        let columns: Vec<(f32, f32)> = (0..n)
            .map(|i| {
                (
                    p.margin_left + i as f32 * (width + style.grid.gutter),
                    width,
                )
            })
            .collect();
        let right = match hole {
            Some(_) => columns.last().map_or(p.margin_left, |c| c.0 + c.1),
            None => p.width - p.margin_right,
        };
        Grid {
            left: p.margin_left,
            right,
            top: p.margin_top,
            bottom,
            columns,
            gutter: style.grid.gutter,
            baseline: style.grid.baseline,
            first: (style.grid.baseline * 0.75).round(),
            area: (p.margin_left, p.width - p.margin_right),
        }
    }

    /// The grid of a module: the first `n` columns (at least one) of this one.
    pub fn narrowed(&self, n: usize) -> Grid {
        let n = n.clamp(1, self.columns.len().max(1));
        let columns: Vec<(f32, f32)> = self.columns.iter().take(n).copied().collect();
        let right = columns.last().map_or(self.right, |c| c.0 + c.1);
        Grid {
            columns,
            right,
            ..self.clone()
        }
    }

    /// The width across the columns.
    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    /// The type area's width, for the page's furniture.
    pub fn area_width(&self) -> f32 {
        self.area.1 - self.area.0
    }

    /// The y of baseline `k` (from 0).
    pub fn baseline_y(&self, k: u32) -> f32 {
        self.top + self.first + k as f32 * self.baseline
    }

    /// How many baselines fit in the column area.
    pub fn baselines(&self) -> u32 {
        ((self.bottom - self.top - self.first) / self.baseline).floor() as u32 + 1
    }

    /// The first baseline whose line (ascenders included) starts at or below `y`.
    pub fn first_at_or_below(&self, y: f32) -> u32 {
        let k = ((y - self.top) / self.baseline).ceil();
        if k <= 0.0 {
            0
        } else {
            k as u32
        }
    }

    /// The top of the line on baseline `k` (where its ascenders reach).
    pub fn line_top(&self, k: u32) -> f32 {
        self.baseline_y(k) - self.first
    }

    /// The width spanned by columns `from..to` (gutters between them included).
    pub fn span_width(&self, from: usize, to: usize) -> f32 {
        match (
            self.columns.get(from),
            self.columns.get(to.saturating_sub(1)),
        ) {
            (Some(a), Some(b)) if to > from => b.0 + b.1 - a.0,
            _ => 0.0,
        }
    }
}
