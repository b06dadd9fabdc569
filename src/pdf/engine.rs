//! The real text engine behind the layout: [`Engine`] sets paragraphs with
//! [`crate::typeset`] (Knuth–Plass, shaping, hyphenation) and hands out the
//! font programs of its [`FontBook`].

use crate::diag::Warning;
use std::rc::Rc;
use std::sync::Arc;

use crate::pdf::emit::{FaceCache, FontData, PdfFace};
use crate::pdf::setter::{FaceSpec, LineSetter, SetLines, StyledParagraph};
use crate::style::Align;
use crate::typeset::{
    set_paragraph_with, Alignment, FaceId, FontBook, Language, Line, Paragraph, Piece, Settings,
    ShapedWords, TextStyle,
};

/// The text engine with its fonts, as the layout's line setter.
pub struct Engine {
    /// The faces spans are set in.
    pub book: FontBook,
    /// The faces parsed for embedding, kept across proofs.
    faces: FaceCache,
}

impl Engine {
    /// The engine with the built-in faces (Charis SIL, Noto Sans).
    pub fn builtin() -> Engine {
        Engine::new(FontBook::builtin())
    }

    /// The engine with a font book.
    pub fn new(book: FontBook) -> Engine {
        let faces = FaceCache::new(book.len());
        Engine { book, faces }
    }

    /// The face for a spec; a family the book lacks falls back to its first
    /// face (with a warning), a missing style as `FontBook::family` says (bold
    /// italic to bold, the others to regular).
    fn face(&self, spec: &FaceSpec, warnings: &mut Vec<Warning>) -> FaceId {
        if let Some(face) = self.book.face(&spec.family, spec.bold, spec.italic) {
            return face;
        }
        if let Some((family, _)) = self.book.family(&spec.family) {
            return family.pick(spec.bold, spec.italic);
        }
        let warning = Warning::new(format!(
            "no font of the family `{}`; set in {}",
            spec.family,
            self.book.family_name(FaceId(0))
        ));
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
        FaceId(0)
    }

    /// The engine's settings for a paragraph.
    fn settings(&self, paragraph: &StyledParagraph) -> Settings {
        let mut settings = Settings::for_language(paragraph.language.as_deref());
        settings.alignment = match paragraph.align {
            Align::Justify => Alignment::Justified,
            Align::Left => Alignment::RaggedRight,
            Align::Center => Alignment::Centred,
            Align::Right => Alignment::RaggedLeft,
        };
        settings.first_line_indent = paragraph.first_indent;
        settings.hyphenate = paragraph.hyphenate;
        settings.jumps_after = paragraph.jumps_after.clone();
        settings
    }
}

impl LineSetter for Engine {
    fn set_with(
        &self,
        paragraph: &StyledParagraph,
        widths: &[f32],
        words: &mut ShapedWords,
    ) -> SetLines {
        self.set_paragraph(paragraph, widths, words)
    }

    fn is_loose(&self, line: &Line) -> bool {
        line.ratio > Settings::default().tolerance
    }
}

impl Engine {
    fn set_paragraph(
        &self,
        paragraph: &StyledParagraph,
        widths: &[f32],
        words: &mut ShapedWords,
    ) -> SetLines {
        if self.book.is_empty() {
            return SetLines {
                lines: Vec::new(),
                warnings: vec![Warning::new("no fonts loaded; nothing set")],
            };
        }
        let mut warnings = Vec::new();
        let pieces = paragraph
            .spans
            .iter()
            .map(|s| Piece {
                text: s.text.clone(),
                style: TextStyle::new(self.face(&s.face, &mut warnings), s.size),
            })
            .collect();
        let language = paragraph
            .language
            .as_deref()
            .map_or(Language::English, Language::from_tag);
        let para = Paragraph {
            pieces,
            name: String::new(),
        }
        .with_typography(language);
        let missing: Vec<char> = {
            let mut missing: Vec<char> = para
                .pieces
                .iter()
                .flat_map(|p| {
                    p.text
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{AD}')
                        .filter(move |c| !self.book.has_glyph(p.style.face, *c))
                })
                .collect();
            missing.sort_unstable();
            missing.dedup();
            missing
        };
        if !missing.is_empty() {
            warnings.push(Warning::new(format!(
                "{}: no glyph for {}",
                para.label(),
                missing
                    .iter()
                    .map(|c| format!("U+{:04X}", *c as u32))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let set = set_paragraph_with(&self.book, &para, &self.settings(paragraph), widths, words);
        warnings.extend(set.warnings);
        SetLines {
            lines: set.lines.into_iter().map(Rc::new).collect(),
            warnings,
        }
    }
}

impl FontData for FontBook {
    fn font_data(&self, face: FaceId) -> Option<&[u8]> {
        ((face.0 as usize) < self.len()).then(|| self.data(face))
    }
}

impl FontData for Engine {
    fn font_data(&self, face: FaceId) -> Option<&[u8]> {
        self.book.font_data(face)
    }

    fn pdf_face(&self, face: FaceId) -> Option<Option<Arc<PdfFace>>> {
        let data = self.font_data(face)?;
        Some(self.faces.get(face, data))
    }
}
