//! Set lines: each glyph at its position, by glyph id, with the characters
//! it shows for text extraction.

use std::collections::BTreeMap;

use printpdf::{Codepoint, DictItem, FontId, Op, PdfFontHandle, Pt, TextItem, TextMatrix};

use super::{cmyk, round};
use crate::pdf::frame::Point;
use crate::style::Cmyk;
use crate::typeset::{FaceId, Line};

/// Draws a line whose baseline starts at `at` (frame space; `to_pdf` maps
/// a point to PDF space).
///
/// A hyphen the engine inserted shows the same glyph as a hyphen in the
/// text, and a font's ToUnicode map gives a glyph one meaning only; so the
/// inserted one is wrapped in a span whose `/ActualText` is a soft hyphen
/// (U+00AD): copy and search rejoin the word, a real hyphen stays `-`.
pub fn draw(
    ops: &mut Vec<Op>,
    fonts: &BTreeMap<FaceId, FontId>,
    to_pdf: &dyn Fn(f32, f32) -> (f32, f32),
    at: Point,
    line: &Line,
    colour: Cmyk,
) {
    let inserted = inserted_hyphen(line);
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: cmyk(colour) });
    for (r, run) in line.runs.iter().enumerate() {
        let Some(font) = fonts.get(&run.face) else {
            continue;
        };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(run.size),
        });
        for (i, g) in run.glyphs.iter().enumerate() {
            let soft = inserted == Some((r, i));
            if soft {
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Span".to_string(),
                    properties: soft_hyphen(),
                });
            }
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
            if soft {
                ops.push(Op::EndMarkedContent);
            }
        }
    }
    ops.push(Op::EndTextSection);
}

/// The run and glyph of the hyphen the engine put at the line's end, if it
/// put one there.
pub fn inserted_hyphen(line: &Line) -> Option<(usize, usize)> {
    if !line.hyphenated {
        return None;
    }
    let (r, run) = line
        .runs
        .iter()
        .enumerate()
        .rev()
        .find(|(_, run)| !run.glyphs.is_empty())?;
    let i = run.glyphs.len() - 1;
    (run.glyphs[i].text.as_str() == "-").then_some((r, i))
}

/// `<< /ActualText <FEFF00AD> >>`: a soft hyphen, in UTF-16BE.
fn soft_hyphen() -> DictItem {
    DictItem::Dict {
        map: BTreeMap::from([(
            "ActualText".to_string(),
            DictItem::String {
                data: vec![0xFE, 0xFF, 0x00, 0xAD],
                literal: false,
            },
        )]),
    }
}
