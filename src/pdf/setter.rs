//! The seam between page layout and the text engine.
//!
//! Layout hands the engine a styled paragraph and a width per line; the engine
//! returns set lines of shaped glyphs. The emitter needs the font programs the
//! glyph ids belong to. Both are traits so the real engine (and its font book)
//! plug in here without the layout knowing how lines are broken.
//!
//! Plugging in the engine: implement [`LineSetter`] by mapping each [`Span`]'s
//! [`FaceSpec`] to a face of the font book (family, bold, italic), building the
//! engine's paragraph and settings from the spans, [`StyledParagraph::align`],
//! `first_indent` and `language`, and returning its lines and warnings (missing
//! glyphs, lines past the tolerance); implement [`FontData`] by handing out the
//! book's font data by [`FaceId`]. [`crate::pdf::engine`] does both. Layout
//! asks the setter which lines are past its tolerance ([`LineSetter::is_loose`])
//! and places glyphs at `x` as given.

use crate::diag::Warning;
use crate::style::{Align, TextRole};
use crate::typeset::{FaceId, Line};

/// A font face asked for by family and style.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceSpec {
    /// The family name, e.g. `Charis SIL`.
    pub family: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// A stretch of text in one face and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text; the engine shapes it as it is.
    pub text: String,
    /// The face to set it in.
    pub face: FaceSpec,
    /// The font size in points.
    pub size: f32,
}

/// A paragraph ready for line setting.
#[derive(Debug, Clone, PartialEq)]
pub struct StyledParagraph {
    /// The text, span by span, in reading order.
    pub spans: Vec<Span>,
    /// How lines sit in their measure.
    pub align: Align,
    /// Indent of the first line, in points.
    pub first_indent: f32,
    /// Language as a BCP 47 tag, for hyphenation and quote marks; `None`
    /// takes the article's (`Ctx::set`).
    pub language: Option<String>,
    /// Whether words may be hyphenated.
    pub hyphenate: bool,
    /// Lines (from 0) after which the text jumps over a placed object or to
    /// another page: not ended in a hyphen if it can be helped.
    pub jumps_after: Vec<usize>,
}

impl StyledParagraph {
    /// A paragraph of one span in a role's face, size and alignment.
    pub fn plain(text: &str, role: &TextRole) -> Self {
        StyledParagraph {
            spans: vec![span(text, role)],
            align: role.align,
            first_indent: 0.0,
            language: None,
            hyphenate: role.hyphenate,
            jumps_after: Vec::new(),
        }
    }

    /// The paragraph's text, without its styling.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A span of text in a role's face and size (in capitals when the role says so).
pub fn span(text: &str, role: &TextRole) -> Span {
    Span {
        text: if role.uppercase {
            text.to_uppercase()
        } else {
            text.to_string()
        },
        face: FaceSpec {
            family: role.family.clone(),
            bold: role.bold,
            italic: role.italic,
        },
        size: role.size,
    }
}

/// Lines set for one paragraph, and what the engine noticed (a missing glyph,
/// a line past the tolerance).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SetLines {
    /// The lines, in order.
    pub lines: Vec<Line>,
    /// What the engine noticed.
    pub warnings: Vec<Warning>,
}

/// Line setting: breaks a paragraph into lines of the given widths.
pub trait LineSetter {
    /// Sets `paragraph` into lines; line `i` gets `widths[i]`, and lines past
    /// the end of `widths` get its last entry. Glyph positions are final
    /// (justification applied), measured from the line's start.
    fn set(&self, paragraph: &StyledParagraph, widths: &[f32]) -> SetLines;

    /// Whether a set line is stretched past the setter's tolerance (the same
    /// test its own warnings use).
    fn is_loose(&self, line: &Line) -> bool;
}

/// The font programs that glyph ids refer to, by face.
pub trait FontData {
    /// The face's font file (TrueType or OpenType), if the face exists.
    fn font_data(&self, face: FaceId) -> Option<&[u8]>;
}

impl FontData for [&[u8]] {
    fn font_data(&self, face: FaceId) -> Option<&[u8]> {
        self.get(face.0 as usize).copied()
    }
}

impl FontData for Vec<Vec<u8>> {
    fn font_data(&self, face: FaceId) -> Option<&[u8]> {
        self.get(face.0 as usize).map(|v| v.as_slice())
    }
}
