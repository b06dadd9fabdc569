//! Rules and boxes: furniture, pull-quote and fact-box rules, tints,
//! placeholders, crop and registration marks.

use printpdf::{LinePoint, Op, PaintMode, Point, Pt, Rect};

use super::{cmyk, round};
use crate::style::Cmyk;

/// A straight line between two points in PDF space.
pub fn rule(ops: &mut Vec<Op>, from: (f32, f32), to: (f32, f32), weight: f32, colour: Cmyk) {
    ops.push(Op::SetOutlineColor { col: cmyk(colour) });
    ops.push(Op::SetOutlineThickness { pt: Pt(weight) });
    ops.push(Op::DrawLine {
        line: printpdf::Line {
            points: vec![point(from.0, from.1), point(to.0, to.1)],
            is_closed: false,
        },
    });
}

/// A rectangle from its lower-left corner in PDF space, filled and/or stroked.
pub fn rect(
    ops: &mut Vec<Op>,
    corner: (f32, f32),
    size: (f32, f32),
    fill: Option<Cmyk>,
    stroke: Option<(f32, Cmyk)>,
) {
    let (px, py) = corner;
    let (w, h) = size;
    if let Some(fill) = fill {
        ops.push(Op::SetFillColor { col: cmyk(fill) });
        ops.push(Op::DrawRectangle {
            rectangle: pdf_rect(px, py, w, h, PaintMode::Fill),
        });
    }
    if let Some((weight, colour)) = stroke {
        ops.push(Op::SetOutlineColor { col: cmyk(colour) });
        ops.push(Op::SetOutlineThickness { pt: Pt(weight) });
        ops.push(Op::DrawRectangle {
            rectangle: pdf_rect(px, py, w, h, PaintMode::Stroke),
        });
    }
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(round(x)),
            y: Pt(round(y)),
        },
        bezier: false,
    }
}

/// A printpdf rectangle, rounded.
pub fn pdf_rect(x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
    Rect {
        x: Pt(round(x)),
        y: Pt(round(y)),
        width: Pt(round(w)),
        height: Pt(round(h)),
        mode: Some(mode),
        winding_order: None,
    }
}
