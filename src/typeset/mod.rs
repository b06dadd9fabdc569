//! The text engine: paragraphs of styled inlines and a width per line in,
//! lines of positioned, shaped glyphs out. The PDF backend draws these lines;
//! tests assert on them without a PDF.
//!
//! Units are PostScript points (1/72 in); x runs from the line's start.

/// A face in the loaded font set (index into it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub u16);

/// One shaped glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The glyph id in its face.
    pub id: u16,
    /// Where the glyph's origin sits, from the line's start, in points.
    pub x: f32,
    /// The glyph's advance as shaped (kerning included), in points.
    pub advance: f32,
    /// The characters this glyph shows, for text extraction; empty for the
    /// second and later glyphs of one cluster.
    pub text: String,
}

/// Glyphs of one face and size, in visual order.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The face the glyph ids belong to.
    pub face: FaceId,
    /// The font size in points.
    pub size: f32,
    /// The glyphs, x ascending.
    pub glyphs: Vec<Glyph>,
}

/// One set line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The runs, left to right.
    pub runs: Vec<Run>,
    /// The width the line was set to (its measure), in points.
    pub measure: f32,
    /// The width the glyphs take as set, in points.
    pub width: f32,
    /// How far the glue was stretched (> 0) or shrunk (< 0), as a share of what it allows.
    pub ratio: f32,
    /// Whether the line ends in a hyphen the engine inserted.
    pub hyphenated: bool,
}
