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

use std::rc::Rc;

use crate::diag::Warning;
use crate::style::{Align, TextRole};
use crate::typeset::{Line, ShapedWords};

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
    /// The lines, in order (shared: the copy-fitting runs put the same
    /// lines in many frames).
    pub lines: Vec<Rc<Line>>,
    /// What the engine noticed.
    pub warnings: Vec<Warning>,
}

/// Line setting: breaks a paragraph into lines of the given widths.
pub trait LineSetter {
    /// Sets `paragraph` into lines; line `i` gets `widths[i]`, and lines past
    /// the end of `widths` get its last entry. Glyph positions are final
    /// (justification applied), measured from the line's start.
    fn set(&self, paragraph: &StyledParagraph, widths: &[f32]) -> SetLines {
        self.set_with(paragraph, widths, &mut ShapedWords::default())
    }

    /// [`LineSetter::set`], with the words this setter shaped so far for
    /// the same story (a setter that shapes nothing ignores them).
    fn set_with(
        &self,
        paragraph: &StyledParagraph,
        widths: &[f32],
        words: &mut ShapedWords,
    ) -> SetLines;

    /// Whether a set line is stretched past the setter's tolerance (the same
    /// test its own warnings use).
    fn is_loose(&self, line: &Line) -> bool;
}

/// A line setter without fonts, for layout tests: every character is half
/// an em wide, a word space a quarter (stretching to any width, shrinking
/// to a fifth), words are never hyphenated, lines are filled first-fit.
/// Quotes and dashes are made typographic in the paragraph's language, as
/// the real engine does. Glyph ids are the characters' code points (cut to
/// 16 bits); every span is face 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct MonoSetter;

impl MonoSetter {
    /// How loose a justified line may be before it counts as loose (words
    /// are never hyphenated here, so lines run looser than the engine's).
    pub const TOLERANCE: f32 = 3.0;
}

impl LineSetter for MonoSetter {
    fn set_with(
        &self,
        paragraph: &StyledParagraph,
        widths: &[f32],
        _words: &mut ShapedWords,
    ) -> SetLines {
        use crate::typeset::{
            FaceId, Glyph, GlyphText, Language, Paragraph, Piece, Run, TextStyle,
        };
        let language = paragraph
            .language
            .as_deref()
            .map_or(Language::English, Language::from_tag);
        let pieces = paragraph
            .spans
            .iter()
            .map(|s| Piece {
                text: s.text.clone(),
                style: TextStyle::new(FaceId(0), s.size),
            })
            .collect();
        let typographic = Paragraph {
            pieces,
            name: String::new(),
        }
        .with_typography(language);
        // Words with their size; a forced break ends a line.
        let mut words: Vec<(String, f32, bool)> = Vec::new();
        for (span, piece) in paragraph.spans.iter().zip(&typographic.pieces) {
            for (i, piece) in piece.text.split(crate::typeset::LINE_BREAK).enumerate() {
                if i > 0 {
                    if let Some(last) = words.last_mut() {
                        last.2 = true;
                    }
                }
                for w in piece.split_whitespace() {
                    words.push((w.to_string(), span.size, false));
                }
            }
        }
        let width_of = |i: usize| widths.get(i).or(widths.last()).copied().unwrap_or(0.0);
        let word_w = |w: &(String, f32, bool)| w.0.chars().count() as f32 * w.1 * 0.5;
        let mut lines = Vec::new();
        let mut at = 0;
        while at < words.len() {
            let n = lines.len();
            let indent = if n == 0 { paragraph.first_indent } else { 0.0 };
            let measure = width_of(n) - indent;
            // First fit: as many words as fit at a fifth of a space's shrink.
            let mut end = at + 1;
            let mut natural = word_w(&words[at]);
            while end < words.len() && !words[end - 1].2 {
                let space = words[end].1 * 0.25;
                let next = natural + space + word_w(&words[end]);
                if next - (end - at) as f32 * space * 0.2 > measure {
                    break;
                }
                natural = next;
                end += 1;
            }
            let last = end == words.len() || words[end - 1].2;
            let gaps = (end - at - 1) as f32;
            let spaces: f32 = words[at + 1..end].iter().map(|w| w.1 * 0.25).sum();
            let justify = paragraph.align == Align::Justify && !last && gaps > 0.0;
            let extra = if justify {
                (measure - natural) / gaps
            } else {
                0.0
            };
            let ratio = if justify && spaces > 0.0 {
                (measure - natural) / spaces
            } else {
                0.0
            };
            let set_width = natural + extra * gaps;
            let offset = indent
                + match paragraph.align {
                    Align::Right => (measure - set_width).max(0.0),
                    Align::Center => ((measure - set_width) / 2.0).max(0.0),
                    _ => 0.0,
                };
            let mut x = offset;
            let mut glyphs = Vec::new();
            let mut size = words[at].1;
            for (k, w) in words[at..end].iter().enumerate() {
                if k > 0 {
                    x += w.1 * 0.25 + extra;
                }
                size = w.1;
                for c in w.0.chars() {
                    let advance = w.1 * 0.5;
                    glyphs.push(Glyph {
                        id: c as u32 as u16,
                        x,
                        advance,
                        text: GlyphText::from(&*c.encode_utf8(&mut [0; 4])),
                    });
                    x += advance;
                }
            }
            lines.push(Line {
                runs: vec![Run {
                    face: FaceId(0),
                    size,
                    glyphs,
                }],
                measure: width_of(n),
                width: x,
                ratio,
                hyphenated: false,
            });
            at = end;
        }
        SetLines {
            lines: lines.into_iter().map(Rc::new).collect(),
            warnings: Vec::new(),
        }
    }

    fn is_loose(&self, line: &Line) -> bool {
        line.ratio > Self::TOLERANCE
    }
}
