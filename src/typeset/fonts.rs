//! The font set: faces loaded once per run, found by family and style, shared
//! by every paragraph the backends set.

use std::sync::OnceLock;

use rustybuzz::ttf_parser::name_id;
use rustybuzz::{Direction, Face, ShapePlan};

use super::FaceId;
use crate::diag::Error;

/// The faces built into galley (see `fonts/README.md`), in [`FaceId`] order.
const BUILTIN: [&[u8]; 7] = [
    include_bytes!("../../fonts/CharisSIL-Regular.ttf"),
    include_bytes!("../../fonts/CharisSIL-Italic.ttf"),
    include_bytes!("../../fonts/CharisSIL-Bold.ttf"),
    include_bytes!("../../fonts/CharisSIL-BoldItalic.ttf"),
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
];

/// Vertical metrics of a face, in font units (see [`Metrics::units_per_em`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metrics {
    /// Font units per em.
    pub units_per_em: u16,
    /// Typographic ascender (positive, above the baseline).
    pub ascender: i16,
    /// Typographic descender (negative, below the baseline).
    pub descender: i16,
    /// Height of capitals; estimated from the ascender when the font lacks it.
    pub cap_height: i16,
    /// Height of lowercase x; estimated from the ascender when the font lacks it.
    pub x_height: i16,
}

/// One loaded face.
struct Entry {
    face: Face<'static>,
    data: &'static [u8],
    family: String,
    bold: bool,
    italic: bool,
    postscript_name: String,
    metrics: Metrics,
    plan: OnceLock<ShapePlan>,
}

/// The faces of one run. Load once ([`FontBook::builtin`], then [`FontBook::add`]
/// for the files a style names) and share by reference.
pub struct FontBook {
    entries: Vec<Entry>,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.entries.iter().map(|e| &e.postscript_name))
            .finish()
    }
}

impl FontBook {
    /// An empty font set.
    pub fn new() -> FontBook {
        FontBook {
            entries: Vec::new(),
        }
    }

    /// The seven built-in faces: Charis SIL Regular, Italic, Bold, Bold Italic
    /// (`FaceId(0..=3)`) and Noto Sans Regular, Italic, Bold (`FaceId(4..=6)`).
    pub fn builtin() -> FontBook {
        let mut book = FontBook::new();
        for data in BUILTIN {
            // The built-in files are checked by the tests; a failure here is a build defect.
            book.add_static(data)
                .expect("built-in fonts are valid TrueType files");
        }
        book
    }

    /// Adds a font file (TrueType or OpenType, first face of a collection) and
    /// returns its id. The bytes live as long as the process: fonts are loaded
    /// once per run.
    pub fn add(&mut self, data: Vec<u8>) -> Result<FaceId, Error> {
        // Check before leaking so a bad file costs nothing.
        if Face::from_slice(&data, 0).is_none() {
            return Err(Error::new(
                "not a usable font file (expected TrueType or OpenType)",
            ));
        }
        let data: &'static [u8] = Box::leak(data.into_boxed_slice());
        self.add_static(data)
    }

    fn add_static(&mut self, data: &'static [u8]) -> Result<FaceId, Error> {
        if self.entries.len() >= u16::MAX as usize {
            return Err(Error::new("too many fonts loaded"));
        }
        let face = Face::from_slice(data, 0)
            .ok_or_else(|| Error::new("not a usable font file (expected TrueType or OpenType)"))?;
        let name = |id: u16| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id)
                .find_map(|n| n.to_string())
        };
        let family = name(name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| name(name_id::FAMILY))
            .unwrap_or_default();
        let postscript_name = name(name_id::POST_SCRIPT_NAME)
            .unwrap_or_else(|| family.replace(' ', ""))
            .to_string();
        let ascender = face.ascender();
        let metrics = Metrics {
            units_per_em: face.units_per_em().clamp(16, 16384) as u16,
            ascender,
            descender: face.descender(),
            cap_height: face
                .capital_height()
                .unwrap_or((ascender as f32 * 0.7) as i16),
            x_height: face.x_height().unwrap_or((ascender as f32 * 0.5) as i16),
        };
        let entry = Entry {
            bold: face.is_bold(),
            italic: face.is_italic() || face.is_oblique(),
            face,
            data,
            family,
            postscript_name,
            metrics,
            plan: OnceLock::new(),
        };
        self.entries.push(entry);
        Ok(FaceId((self.entries.len() - 1) as u16))
    }

    /// How many faces are loaded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no face is loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The face of a family (case-insensitive) in a style, if loaded; the first
    /// loaded wins.
    pub fn face(&self, family: &str, bold: bool, italic: bool) -> Option<FaceId> {
        self.entries
            .iter()
            .position(|e| {
                e.family.eq_ignore_ascii_case(family) && e.bold == bold && e.italic == italic
            })
            .map(|i| FaceId(i as u16))
    }

    /// The four faces of a text family, with the names of the styles it
    /// lacks. A missing italic or bold falls back to regular; a missing bold
    /// italic to the bold (strong text stays strong, and nothing is faked),
    /// else the italic.
    pub fn family(&self, family: &str) -> Option<(Family, Vec<&'static str>)> {
        let regular = self.face(family, false, false)?;
        let italic = self.face(family, false, true);
        let bold = self.face(family, true, false);
        let bold_italic = self.face(family, true, true);
        let missing = [
            (italic, "italic"),
            (bold, "bold"),
            (bold_italic, "bold italic"),
        ]
        .iter()
        .filter(|(face, _)| face.is_none())
        .map(|&(_, name)| name)
        .collect();
        let (italic, bold) = (italic.unwrap_or(regular), bold.unwrap_or(regular));
        let bold_italic = bold_italic.unwrap_or(if bold != regular { bold } else { italic });
        Some((
            Family {
                regular,
                italic,
                bold,
                bold_italic,
            },
            missing,
        ))
    }

    fn entry(&self, face: FaceId) -> &Entry {
        // Ids come from this book; an id from elsewhere is a programming error.
        &self.entries[face.0 as usize]
    }

    /// The font file's bytes, for embedding.
    pub fn data(&self, face: FaceId) -> &[u8] {
        self.entry(face).data
    }

    /// The family name (typographic family where the font has one).
    pub fn family_name(&self, face: FaceId) -> &str {
        &self.entry(face).family
    }

    /// The PostScript name, for the PDF font dictionary.
    pub fn postscript_name(&self, face: FaceId) -> &str {
        &self.entry(face).postscript_name
    }

    /// Whether the face is bold and whether it is italic.
    pub fn style(&self, face: FaceId) -> (bool, bool) {
        let e = self.entry(face);
        (e.bold, e.italic)
    }

    /// Vertical metrics in font units.
    pub fn metrics(&self, face: FaceId) -> Metrics {
        self.entry(face).metrics
    }

    /// Whether the face has a glyph for the character.
    pub fn has_glyph(&self, face: FaceId, c: char) -> bool {
        self.entry(face).face.glyph_index(c).is_some()
    }

    /// A glyph's nominal advance (from `hmtx`) in font units; 0 when unknown.
    pub fn nominal_advance(&self, face: FaceId, glyph: u16) -> u16 {
        self.entry(face)
            .face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph))
            .unwrap_or(0)
    }

    /// The shaping face and its left-to-right plan (built on first use).
    pub(crate) fn shaper(&self, face: FaceId) -> (&Face<'static>, &ShapePlan) {
        let e = self.entry(face);
        let plan = e.plan.get_or_init(|| {
            ShapePlan::new(
                &e.face,
                Direction::LeftToRight,
                Some(rustybuzz::script::LATIN),
                None,
                &[],
            )
        });
        (&e.face, plan)
    }
}

impl Default for FontBook {
    fn default() -> Self {
        FontBook::new()
    }
}

/// The four faces a paragraph's text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    /// Roman.
    pub regular: FaceId,
    /// For emphasis.
    pub italic: FaceId,
    /// For strong.
    pub bold: FaceId,
    /// For strong emphasis.
    pub bold_italic: FaceId,
}

impl Family {
    /// Charis SIL, the built-in text family.
    pub const CHARIS: Family = Family {
        regular: FaceId(0),
        italic: FaceId(1),
        bold: FaceId(2),
        bold_italic: FaceId(3),
    };

    /// Noto Sans, the built-in label family (its bold italic is the bold).
    pub const NOTO_SANS: Family = Family {
        regular: FaceId(4),
        italic: FaceId(5),
        bold: FaceId(6),
        bold_italic: FaceId(6),
    };

    /// The face for a combination of bold and italic.
    pub fn pick(&self, bold: bool, italic: bool) -> FaceId {
        match (bold, italic) {
            (false, false) => self.regular,
            (false, true) => self.italic,
            (true, false) => self.bold,
            (true, true) => self.bold_italic,
        }
    }
}
