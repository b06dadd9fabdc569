//! Positioned items: what layout produces and the emitter draws.
//!
//! Coordinates are points from the top-left corner of the trim box, y down;
//! marks and the slug sit at negative or past-the-trim coordinates. A text
//! dump of the frames lets tests check a layout without a PDF.

use std::fmt::Write as _;

use crate::style::Cmyk;
use crate::typeset::Line;

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A set line, its start at `x` and its baseline at `y`.
    Text {
        /// Left end of the line.
        x: f32,
        /// Baseline.
        y: f32,
        /// The glyphs.
        line: Line,
        /// Ink.
        colour: Cmyk,
    },
    /// A straight line.
    Rule {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Weight in points.
        weight: f32,
        /// Ink.
        colour: Cmyk,
    },
    /// A rectangle, filled or stroked; `y` is its top edge.
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour, if filled.
        fill: Option<Cmyk>,
        /// Stroke weight and colour, if stroked.
        stroke: Option<(f32, Cmyk)>,
    },
    /// An image cropped to a frame: drawn at `draw` (x, y, w, h) and clipped
    /// to the frame (x, y, w, h); never distorted.
    Image {
        /// The frame: x, y (top), width, height.
        frame: (f32, f32, f32, f32),
        /// Where the whole image is drawn: x, y (top), width, height.
        draw: (f32, f32, f32, f32),
        /// Index into [`Frames::images`].
        image: usize,
    },
}

/// One page's items, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The items.
    pub items: Vec<Item>,
}

/// The laid-out pages and the images they place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frames {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Images, by index.
    pub images: Vec<crate::pdf::images::PdfImage>,
}

/// The text a line shows: its glyphs' characters, with a space where a
/// word space separates them (as text extraction finds it).
pub fn line_text(line: &Line) -> String {
    line.text()
}

impl Frames {
    /// A text dump: one line per item, `p<page> <kind> x y width ...`, in
    /// points with one decimal.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for (n, page) in self.pages.iter().enumerate() {
            let p = n + 1;
            for item in &page.items {
                // Writing to a String cannot fail.
                let _ = match item {
                    Item::Text { x, y, line, .. } => writeln!(
                        out,
                        "p{p} text {x:.1} {y:.1} {:.1} {}",
                        line.width,
                        line_text(line)
                    ),
                    Item::Rule { from, to, .. } => writeln!(
                        out,
                        "p{p} rule {:.1} {:.1} {:.1} {:.1}",
                        from.0, from.1, to.0, to.1
                    ),
                    Item::Rect {
                        x, y, w, h, fill, ..
                    } => writeln!(
                        out,
                        "p{p} {} {x:.1} {y:.1} {w:.1} {h:.1}",
                        if fill.is_some() { "tint" } else { "box" }
                    ),
                    Item::Image { frame, image, .. } => writeln!(
                        out,
                        "p{p} image {:.1} {:.1} {:.1} {:.1} #{image}",
                        frame.0, frame.1, frame.2, frame.3
                    ),
                };
            }
        }
        out
    }

    /// The text lines of one page (from 1), in reading order.
    pub fn page_text(&self, page: usize) -> Vec<String> {
        self.pages
            .get(page.wrapping_sub(1))
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text { line, .. } => Some(line_text(line)),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}
