//! The page grid: the area inside the margins, its columns, and the baseline
//! grid that body lines of every column share.

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
}

impl Grid {
    /// The grid of a style's page.
    pub fn new(style: &Style) -> Grid {
        let p = &style.page;
        let width = style.column_width();
        // At least one column, even for a style built by hand.
        let columns = (0..style.grid.columns.max(1))
            .map(|i| {
                (
                    p.margin_left + i as f32 * (width + style.grid.gutter),
                    width,
                )
            })
            .collect();
        Grid {
            left: p.margin_left,
            right: p.width - p.margin_right,
            top: p.margin_top,
            bottom: p.height - p.margin_bottom,
            columns,
            gutter: style.grid.gutter,
            baseline: style.grid.baseline,
            first: (style.grid.baseline * 0.75).round(),
        }
    }

    /// The width across the columns.
    pub fn width(&self) -> f32 {
        self.right - self.left
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
