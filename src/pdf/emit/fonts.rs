//! The font programs glyph ids refer to, parsed for embedding. A run of
//! many proofs parses and digests each face once: the engine keeps them.

use std::sync::{Arc, OnceLock};

use printpdf::ParsedFont;

use crate::typeset::FaceId;

/// A face ready for the PDF: printpdf's parse of it and a digest of its
/// data (the subset tag is made from it).
pub struct PdfFace {
    /// The parsed font program.
    pub parsed: ParsedFont,
    /// A digest of the font file.
    pub digest: u64,
}

impl PdfFace {
    /// Parses a font file; `None` when printpdf cannot use it.
    pub fn parse(data: &[u8]) -> Option<PdfFace> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(data, 0, &mut warnings)?;
        Some(PdfFace {
            parsed,
            digest: super::digest(data),
        })
    }
}

/// The font programs that glyph ids refer to, by face.
pub trait FontData {
    /// The face's font file (TrueType or OpenType), if the face exists.
    fn font_data(&self, face: FaceId) -> Option<&[u8]>;

    /// The face parsed for embedding: `None` when there is no such face,
    /// `Some(None)` when its file is not a usable font. Parsed anew on each
    /// call unless the implementor keeps them ([`FaceCache`]).
    fn pdf_face(&self, face: FaceId) -> Option<Option<Arc<PdfFace>>> {
        self.font_data(face)
            .map(|data| PdfFace::parse(data).map(Arc::new))
    }
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

/// Faces parsed on first use and kept, one slot per face.
#[derive(Default)]
pub struct FaceCache {
    slots: Vec<OnceLock<Option<Arc<PdfFace>>>>,
}

impl FaceCache {
    /// A cache for `faces` faces.
    pub fn new(faces: usize) -> FaceCache {
        FaceCache {
            slots: (0..faces).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The face, parsed from `data` the first time it is asked for.
    pub fn get(&self, face: FaceId, data: &[u8]) -> Option<Arc<PdfFace>> {
        match self.slots.get(face.0 as usize) {
            Some(slot) => slot
                .get_or_init(|| PdfFace::parse(data).map(Arc::new))
                .clone(),
            None => PdfFace::parse(data).map(Arc::new),
        }
    }
}
