//! The engine's input: a paragraph as styled pieces of text, and the helper
//! that builds one from the tree's inlines.

use super::fonts::Family;
use super::hyphenate::Language;
use super::typography::{smarten, Context, QuoteMarks};
use super::FaceId;
use crate::model::Inline;

/// A forced line break inside a paragraph's text (U+2028 LINE SEPARATOR).
pub const LINE_BREAK: char = '\u{2028}';

/// How a piece of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// The face.
    pub face: FaceId,
    /// The size in points.
    pub size: f32,
    /// Extra space after each character, in ems (0 for text; labels in
    /// capitals may want a little).
    pub tracking: f32,
}

impl TextStyle {
    /// A face at a size, without tracking.
    pub fn new(face: FaceId, size: f32) -> TextStyle {
        TextStyle {
            face,
            size,
            tracking: 0.0,
        }
    }
}

/// A run of text in one style. Spaces are word spaces, U+00A0 a space that
/// does not break, U+00AD a place a hyphen may go, U+2028 a forced line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The text, already typographically prepared (see [`typography`](super::typography)).
    pub text: String,
    /// Its style.
    pub style: TextStyle,
}

/// A paragraph to set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// The pieces, in reading order.
    pub pieces: Vec<Piece>,
    /// A name for warnings, e.g. `paragraph 4`; when empty, warnings quote
    /// the paragraph's first words.
    pub name: String,
}

impl Paragraph {
    /// A paragraph of one piece of text, taken as it is.
    pub fn plain(text: impl Into<String>, style: TextStyle) -> Paragraph {
        Paragraph {
            pieces: vec![Piece {
                text: text.into(),
                style,
            }],
            name: String::new(),
        }
    }

    /// A paragraph from the tree's inlines: text in the family's regular face,
    /// emphasis in its italic (nested emphasis back in roman), strong in its
    /// bold, links as their text, quotations in the language's curly quotes,
    /// straight quotes and dashes made typographic, line breaks forced.
    pub fn from_inlines(
        inlines: &[Inline],
        family: &Family,
        size: f32,
        language: Language,
    ) -> Paragraph {
        let mut builder = Builder {
            family,
            size,
            language,
            pieces: Vec::new(),
            ctx: Context::default(),
        };
        builder.inlines(inlines, false, false, 0);
        Paragraph {
            pieces: builder.pieces,
            name: String::new(),
        }
    }

    /// The same paragraph with typewriter text made typographic (see
    /// [`smarten`]) across its pieces, for text that did not come through
    /// [`Paragraph::from_inlines`] (e.g. spans a layout built itself).
    pub fn with_typography(mut self, language: Language) -> Paragraph {
        let mut ctx = Context::default();
        for piece in &mut self.pieces {
            piece.text = smarten(&piece.text, language, 0, &mut ctx);
        }
        self
    }

    /// The same paragraph with a name for warnings.
    pub fn named(mut self, name: impl Into<String>) -> Paragraph {
        self.name = name.into();
        self
    }

    /// The paragraph's text, all pieces joined.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    /// The name warnings use: the given one, or the first words in quotes.
    pub fn label(&self) -> String {
        if !self.name.is_empty() {
            return self.name.clone();
        }
        // The first words, at most 40 characters of them.
        let mut label = String::new();
        let mut cut = false;
        for c in self.pieces.iter().flat_map(|p| p.text.chars()) {
            if label.chars().count() >= 40 {
                cut = true;
                break;
            }
            label.push(if c.is_whitespace() { ' ' } else { c });
        }
        if cut {
            match label.rfind(' ') {
                Some(space) if space > 10 => label.truncate(space),
                _ => {}
            }
            label.push('…');
        }
        format!("paragraph “{}”", label.trim())
    }
}

struct Builder<'a> {
    family: &'a Family,
    size: f32,
    language: Language,
    pieces: Vec<Piece>,
    ctx: Context,
}

impl Builder<'_> {
    fn push(&mut self, text: &str, bold: bool, italic: bool) {
        if text.is_empty() {
            return;
        }
        let style = TextStyle::new(self.family.pick(bold, italic), self.size);
        match self.pieces.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => self.pieces.push(Piece {
                text: text.to_string(),
                style,
            }),
        }
        self.ctx.prev = text.chars().next_back();
    }

    fn inlines(&mut self, inlines: &[Inline], bold: bool, italic: bool, depth: usize) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => {
                    let text = smarten(text, self.language, depth, &mut self.ctx);
                    self.push(&text, bold, italic);
                }
                Inline::Emphasis { content } => self.inlines(content, bold, !italic, depth),
                Inline::Strong { content } => self.inlines(content, true, italic, depth),
                Inline::Link { content, .. } | Inline::Span { content, .. } => {
                    self.inlines(content, bold, italic, depth)
                }
                Inline::Quote { content } => {
                    let (open, close) = QuoteMarks::of(self.language).at_depth(depth);
                    self.push(open, bold, italic);
                    self.inlines(content, bold, italic, depth + 1);
                    self.push(close, bold, italic);
                }
                Inline::LineBreak => {
                    let mut s = [0u8; 4];
                    self.push(LINE_BREAK.encode_utf8(&mut s), bold, italic);
                    self.ctx.prev = Some(' ');
                }
            }
        }
    }
}
