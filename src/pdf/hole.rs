//! The story in its news hole, as the desk reads a proof: which grid lines
//! of the hole are empty, how many lines run over or under, and the proof
//! notes that show it — an overset tag under the hole, and the open space
//! framed with its size. Notes have roles of their own
//! ([`Role::is_note`]): the emitter draws them in a layer that views but
//! does not print.

use crate::pdf::frame::{Frames, Item, Page, Point, Rect, Role, Shape, Source};
use crate::pdf::grid::Grid;
use crate::pdf::setter::{LineSetter, StyledParagraph};
use crate::style::{Align, Cmyk, Style, PT_PER_MM};

/// Proof notes are drawn in magenta, the colour of a desk's marks.
const NOTE_INK: Cmyk = Cmyk {
    c: 0.0,
    m: 1.0,
    y: 0.0,
    k: 0.0,
};

/// The hole and how the story fills it, in body lines and in the desk's
/// unit, centimetres of column depth (serialises to the report's `fit`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Fit {
    /// The hole: columns, depth in millimetres and in body lines.
    pub hole: HoleSize,
    /// Body lines that did not fit the hole (and the pages allowed).
    pub over_lines: u32,
    /// Empty grid lines inside the hole, on every page: see [`empty_lines`].
    pub under_lines: u32,
    /// `over_lines` as centimetres of column depth (to 0.1).
    pub over_cm: f64,
    /// `under_lines` as centimetres of column depth (to 0.1).
    pub under_cm: f64,
}

/// A hole's size.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct HoleSize {
    /// Columns.
    pub columns: u32,
    /// Depth in millimetres (to 0.1).
    pub depth_mm: f64,
    /// Depth in body lines.
    pub depth_lines: u32,
}

/// Centimetres of column depth that `lines` body lines take.
fn cm(lines: u32, baseline: f32) -> f64 {
    (f64::from(lines) * f64::from(baseline) / f64::from(PT_PER_MM)).round() / 10.0
}

impl Fit {
    /// The figures of a story laid out in `grid` (the hole).
    pub fn of(grid: &Grid, over_lines: u32, under_lines: u32) -> Fit {
        Fit {
            hole: HoleSize {
                columns: grid.columns.len() as u32,
                depth_mm: (f64::from(grid.bottom - grid.top) / f64::from(PT_PER_MM) * 10.0).round()
                    / 10.0,
                depth_lines: grid.baselines(),
            },
            over_lines,
            under_lines,
            over_cm: cm(over_lines, grid.baseline),
            under_cm: cm(under_lines, grid.baseline),
        }
    }
}

/// The first baseline body text may use in each column of a page: under
/// the head's closing rule in the columns the head spans (as composition
/// starts them), else the hole's first — a module narrower than the hole
/// leaves the columns beside it free from the top.
pub fn column_tops(page: &Page, grid: &Grid) -> Vec<u32> {
    let rules: Vec<(f32, f32, f32)> = page
        .items
        .iter()
        .filter(|i| i.role == Role::HeadRule)
        .filter_map(|i| match i.shape {
            Shape::Rule { from, to, .. } => Some((from.x.min(to.x), from.x.max(to.x), from.y)),
            _ => None,
        })
        .collect();
    grid.columns
        .iter()
        .map(|&(x, w)| {
            let mid = x + w / 2.0;
            rules
                .iter()
                .find(|(a, b, _)| *a <= mid && mid <= *b)
                .map_or(0, |&(_, _, y)| grid.first_at_or_below(y + 6.0))
        })
        .collect()
}

/// Where an item sits, for telling used grid lines from empty ones: a
/// body line takes its slot; other text its type size; a placed object
/// also the standoff above and below it, which text may not use.
fn extent(item: &Item, grid: &Grid, standoff: f32) -> Option<Rect> {
    let pad = |r: Rect| Rect::new(r.x, r.y - standoff, r.w, r.h + 2.0 * standoff);
    match &item.shape {
        Shape::Text { at, line, .. } if item.role.flows() => Some(Rect::new(
            at.x,
            at.y - grid.first,
            line.width.max(1.0),
            grid.baseline,
        )),
        Shape::Text { at, line, .. } => {
            let size = line.runs.first().map_or(grid.baseline, |r| r.size);
            Some(pad(Rect::new(
                at.x,
                at.y - size * 0.8,
                line.width.max(1.0),
                size,
            )))
        }
        Shape::Rule {
            from, to, weight, ..
        } => {
            let w = (weight / 2.0).max(0.5);
            Some(pad(Rect::from_corners(
                from.x.min(to.x) - w,
                from.y.min(to.y) - w,
                from.x.max(to.x) + w,
                from.y.max(to.y) + w,
            )))
        }
        Shape::Box { rect, .. } => Some(pad(*rect)),
        Shape::Image { frame, .. } => Some(pad(*frame)),
    }
}

/// Which grid lines of the hole hold something, per column, from the
/// column's top on ([`column_tops`]): `used[column][k - tops[column]]`.
fn used_lines(page: &Page, grid: &Grid, standoff: f32) -> (Vec<u32>, Vec<Vec<bool>>) {
    let on_page = |r: Role| {
        !r.is_note() && !matches!(r, Role::Mark | Role::Slug | Role::RunningHead | Role::Folio)
    };
    used_by(page, grid, standoff, on_page)
}

/// [`used_lines`] by the items whose role `counts`.
fn used_by(
    page: &Page,
    grid: &Grid,
    standoff: f32,
    counts: impl Fn(Role) -> bool,
) -> (Vec<u32>, Vec<Vec<bool>>) {
    let tops = column_tops(page, grid);
    let n = grid.baselines();
    let extents: Vec<Rect> = page
        .items
        .iter()
        .filter(|i| counts(i.role))
        .filter_map(|i| extent(i, grid, standoff))
        .collect();
    let used = grid
        .columns
        .iter()
        .zip(&tops)
        .map(|(&(x, w), &top)| {
            (top..n)
                .map(|k| {
                    // Half a point in from each side: touching is not holding.
                    let slot = Rect::new(
                        x + 0.5,
                        grid.line_top(k) + 0.5,
                        w - 1.0,
                        grid.baseline - 1.0,
                    );
                    extents.iter().any(|e| e.overlaps(&slot))
                })
                .collect()
        })
        .collect();
    (tops, used)
}

/// The empty grid lines inside the hole, on every page: each column's
/// baselines from the body's top to the hole's foot that hold no line of
/// text, no placed object and none of the standoff around one. This is
/// the room a desk would still have to fill — inside the story's module
/// (a stranded slot, the foot of a short column) and in the open space.
pub fn empty_lines(frames: &Frames, grid: &Grid, standoff: f32) -> u32 {
    frames
        .pages
        .iter()
        .map(|p| {
            let (_, used) = used_lines(p, grid, standoff);
            used.iter().flatten().filter(|u| !**u).count() as u32
        })
        .sum()
}

/// The story's legs on a page: per column, the grid lines its text takes
/// (body and subheads) with the pull quotes, fact boxes and tables set in
/// it — a column a quote shares with a few lines is one leg, as the desk
/// reads it; a photo heads legs and is no part of one. A column with no
/// text has no leg.
pub fn legs(page: &Page, grid: &Grid) -> Vec<u32> {
    let in_leg = |r: Role| {
        r.flows()
            || matches!(
                r,
                Role::PullQuote | Role::Attribution | Role::FactBox | Role::Table
            )
    };
    let (_, text) = used_by(page, grid, 0.0, Role::flows);
    let (_, leg) = used_by(page, grid, 0.0, in_leg);
    text.iter()
        .zip(&leg)
        .map(|(t, l)| {
            if t.iter().any(|u| *u) {
                l.iter().filter(|u| **u).count() as u32
            } else {
                0
            }
        })
        .collect()
}

/// Adds the proof notes to the last page: the overset tag under the
/// hole's last column when lines ran over, else the open space framed,
/// with its size, when it holds at least a line: the hole under the
/// story, and beside a narrower module the hole's columns there too, as a
/// second rectangle.
pub fn add_notes(
    frames: &mut Frames,
    grid: &Grid,
    style: &Style,
    setter: &dyn LineSetter,
    over_lines: u32,
) {
    let Some(page) = frames.pages.last_mut() else {
        return;
    };
    // The folio closes the page's reading order; the notes come before it.
    let folio = page.items.iter().position(|i| i.role == Role::Folio);
    let mut notes = Vec::new();
    add_notes_to(page, &mut notes, grid, style, setter, over_lines);
    let at = folio.unwrap_or(page.items.len());
    page.items.splice(at..at, notes);
}

/// The notes for `page`, into `out`.
fn add_notes_to(
    page: &Page,
    out: &mut Vec<Item>,
    grid: &Grid,
    style: &Style,
    setter: &dyn LineSetter,
    over_lines: u32,
) {
    let role = &style.roles.slug;
    let note = |text: &str, width: f32| {
        let mut p = StyledParagraph::plain(text, role);
        p.align = Align::Center;
        setter.set(&p, &[width]).lines
    };
    let text = |line, x: f32, y: f32, r: Role| {
        Item::new(
            r,
            Source::Page,
            Shape::Text {
                at: Point::new(x, y),
                line,
                colour: NOTE_INK,
            },
        )
    };
    let frame = |rect: Rect, r: Role| {
        Item::new(
            r,
            Source::Page,
            Shape::Box {
                rect,
                fill: None,
                stroke: Some((1.0, NOTE_INK)),
            },
        )
    };
    if over_lines > 0 {
        let (x, w) = grid.columns[grid.columns.len() - 1];
        let label = format!("+{over_lines} lines");
        if let Some(line) = note(&label, w).into_iter().next() {
            let h = role.size + 4.0;
            let y = grid.bottom + 2.0;
            let tag = Rect::new(x, y, w, h);
            out.push(frame(tag, Role::Overset));
            out.push(text(line, x, y + 2.0 + role.size * 0.8, Role::Overset));
        }
        return;
    }
    let (tops, used) = used_lines(page, grid, style.layout.standoff);
    let cols = used.len();
    let filled = |c: usize| used[c].iter().any(|u| *u);
    let module_cols = (0..cols).rev().find(|&c| filled(c)).map_or(0, |c| c + 1);
    let foot = used
        .iter()
        .zip(&tops)
        .map(|(col, &top)| {
            col.iter()
                .rposition(|u| *u)
                .map_or(top, |k| top + k as u32 + 1)
        })
        .max()
        .unwrap_or(0);
    // A module narrower than the hole leaves an L: it is framed as two
    // rectangles, the larger of the two ways to cut it first — under the
    // story across the hole with the strip beside the module above it, or
    // beside the module down the hole's depth with the space under it.
    let n = grid.baselines();
    let beside_top = tops[module_cols.min(cols - 1)..]
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    let spaces = if module_cols > 0 && module_cols < cols {
        let beside = cols - module_cols;
        let under_first = [(0, cols, foot, n), (module_cols, beside, beside_top, foot)];
        let beside_first = [
            (module_cols, beside, beside_top, n),
            (0, module_cols, foot, n),
        ];
        let area = |s: &(usize, usize, u32, u32)| s.1 as u32 * s.3.saturating_sub(s.2);
        if area(&beside_first[0]) > area(&under_first[0]) {
            beside_first
        } else {
            under_first
        }
        .to_vec()
    } else {
        vec![(0, cols, foot, n)]
    };
    for (first, spanned, from, to) in spaces {
        let lines = to.saturating_sub(from) * spanned as u32;
        if lines == 0 {
            continue;
        }
        let x = grid.columns[first].0;
        let (last_x, last_w) = grid.columns[first + spanned - 1];
        let bottom = if to >= n {
            grid.bottom
        } else {
            grid.line_top(to)
        };
        let rect = Rect::from_corners(x, grid.line_top(from), last_x + last_w, bottom);
        if rect.h < grid.baseline {
            continue;
        }
        let label = format!(
            "OPEN SPACE {spanned} col \u{00D7} {:.0} mm \u{00B7} {lines} lines",
            rect.h / PT_PER_MM
        );
        // Drawn a little inside the space, clear of the text around it.
        let inset = Rect::new(rect.x + 1.0, rect.y + 2.0, rect.w - 2.0, rect.h - 3.0);
        out.push(frame(inset, Role::OpenSpace));
        let mut y = rect.y + (rect.h / 2.0).min(3.0 * grid.baseline) + role.size * 0.4;
        for line in note(&label, rect.w - 12.0) {
            if y > rect.bottom() - 2.0 {
                break;
            }
            out.push(text(line, rect.x + 6.0, y, Role::OpenSpace));
            y += role.leading;
        }
    }
}
