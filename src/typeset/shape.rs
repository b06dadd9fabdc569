//! Shaping with rustybuzz: GSUB ligatures and GPOS kerning give the real
//! widths the line breaker works with.

use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::UnicodeBuffer;

use super::fonts::FontBook;
use super::FaceId;

/// One shaped glyph, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ShapedGlyph {
    pub id: u16,
    /// Byte offset in the shaped text of the cluster's first character.
    pub cluster: u32,
    pub advance: i32,
    pub offset: i32,
}

/// A shaped piece of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shaped {
    pub text: String,
    pub glyphs: Vec<ShapedGlyph>,
    pub units_per_em: f32,
}

impl Shaped {
    /// The advance of all glyphs, in font units.
    pub fn advance(&self) -> i64 {
        self.glyphs.iter().map(|g| g.advance as i64).sum()
    }

    /// Clusters in order: (first byte, advance of the glyphs before it).
    /// Left-to-right output keeps clusters ascending.
    pub fn clusters(&self) -> Vec<(usize, i64)> {
        let mut out: Vec<(usize, i64)> = Vec::new();
        let mut pen = 0i64;
        for g in &self.glyphs {
            let c = g.cluster as usize;
            if out.last().is_none_or(|&(last, _)| c > last) {
                out.push((c, pen));
            }
            pen += g.advance as i64;
        }
        out
    }

    /// The text each glyph shows: a cluster's characters go to its first glyph.
    pub fn glyph_texts(&self) -> Vec<&str> {
        let clusters = self.clusters();
        let mut next = 0;
        let mut seen = None;
        self.glyphs
            .iter()
            .map(|g| {
                let c = g.cluster as usize;
                if seen == Some(c) {
                    return "";
                }
                seen = Some(c);
                while next < clusters.len() && clusters[next].0 <= c {
                    next += 1;
                }
                let end = clusters.get(next).map_or(self.text.len(), |&(s, _)| s);
                self.text.get(c..end).unwrap_or("")
            })
            .collect()
    }
}

/// Shapes text in one face, left to right.
pub(crate) fn shape(book: &FontBook, face: FaceId, text: &str) -> Shaped {
    let (hb_face, plan) = book.shaper(face);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.set_script(rustybuzz::script::LATIN);
    let out = rustybuzz::shape_with_plan(hb_face, plan, buffer);
    let glyphs = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| ShapedGlyph {
            id: info.glyph_id.min(u16::MAX as u32) as u16,
            cluster: info.cluster,
            advance: pos.x_advance,
            offset: pos.x_offset,
        })
        .collect();
    Shaped {
        text: text.to_string(),
        glyphs,
        units_per_em: book.metrics(face).units_per_em as f32,
    }
}

/// Words shaped so far, by face and text. Shaping is pure, so whoever sets
/// many paragraphs (a story's copy-fitting runs) keeps one of these across
/// them and each word is shaped once. Only looked up, never iterated: the
/// output does not depend on hash order.
#[derive(Default)]
pub struct ShapedWords(HashMap<FaceId, HashMap<String, Rc<Shaped>>>);

impl std::fmt::Debug for ShapedWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words: usize = self.0.values().map(HashMap::len).sum();
        write!(f, "ShapedWords({words} words)")
    }
}

/// The words of the book's faces, shaped on first use.
pub(crate) struct ShapeCache<'a> {
    book: &'a FontBook,
    words: &'a mut ShapedWords,
}

impl<'a> ShapeCache<'a> {
    pub fn new(book: &'a FontBook, words: &'a mut ShapedWords) -> Self {
        ShapeCache { book, words }
    }

    pub fn book(&self) -> &'a FontBook {
        self.book
    }

    pub fn get(&mut self, face: FaceId, text: &str) -> Rc<Shaped> {
        let words = self.words.0.entry(face).or_default();
        if let Some(s) = words.get(text) {
            return s.clone();
        }
        let shaped = Rc::new(shape(self.book, face, text));
        // Very long strings (a 2 MB "word") are not worth keeping.
        if text.len() <= 256 {
            words.insert(text.to_string(), shaped.clone());
        }
        shaped
    }
}
