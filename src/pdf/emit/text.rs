//! Set lines: each glyph at its position, by glyph id, with the characters
//! it shows for text extraction.

use std::collections::BTreeMap;

use printpdf::{Codepoint, FontId, Op, PdfFontHandle, Pt, TextItem, TextMatrix};

use super::{cmyk, round};
use crate::pdf::frame::Point;
use crate::style::Cmyk;
use crate::typeset::{FaceId, Line};

/// Draws a line whose baseline starts at `at` (frame space; `to_pdf` maps
/// a point to PDF space).
pub fn draw(
    ops: &mut Vec<Op>,
    fonts: &BTreeMap<FaceId, FontId>,
    to_pdf: &dyn Fn(f32, f32) -> (f32, f32),
    at: Point,
    line: &Line,
    colour: Cmyk,
) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: cmyk(colour) });
    for run in &line.runs {
        let Some(font) = fonts.get(&run.face) else {
            continue;
        };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(run.size),
        });
        for g in &run.glyphs {
            let (px, py) = to_pdf(at.x + g.x, at.y);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, round(px), round(py)]),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                    g.id,
                    0.0,
                    g.text.to_string(),
                )])],
            });
        }
    }
    ops.push(Op::EndTextSection);
}
