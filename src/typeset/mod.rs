//! The text engine: paragraphs of styled inlines and a width per line in,
//! lines of positioned, shaped glyphs out. The PDF backend draws these lines;
//! tests assert on them without a PDF.
//!
//! Units are PostScript points (1/72 in); x runs from the line's start.
//!
//! The phases, one file each: [`fonts`] (the faces of a run), `shape`
//! (rustybuzz), [`hyphenate`] (patterns), [`typography`] (quotes, dashes,
//! no-break spaces), [`paragraph`] (the input), `items` (boxes, glue,
//! penalties), `linebreak` (Knuth–Plass and greedy), `lines` (justification
//! and glyph positions), [`split`] (widows and orphans).
//!
//! ```
//! use galley::model::Inline;
//! use galley::typeset::{set_paragraph, Family, FontBook, Language, Paragraph, Settings};
//!
//! let book = FontBook::builtin();
//! let text = [Inline::text("The ferry to Skelby sails at dawn, \"weather permitting.\"")];
//! let paragraph = Paragraph::from_inlines(&text, &Family::CHARIS, 9.5, Language::English);
//! let set = set_paragraph(&book, &paragraph, &Settings::default(), &[144.0]);
//! assert_eq!(set.lines.len(), 2);
//! assert!(set.lines[0].text().starts_with("The ferry"));
//! assert!(set.lines[1].text().ends_with("permitting.”"));
//! ```

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
    pub text: GlyphText,
}

/// The characters a glyph shows, kept inline when they fit in 15 bytes (a
/// cluster almost always does), so that lines are copied without an
/// allocation per glyph: layout copies set lines from pass to pass.
#[derive(Clone, PartialEq, Eq)]
pub enum GlyphText {
    /// Up to 15 bytes of UTF-8.
    Inline {
        /// How many of `bytes` are used.
        len: u8,
        /// The text, zero-padded.
        bytes: [u8; 15],
    },
    /// Anything longer.
    Heap(Box<str>),
}

impl Default for GlyphText {
    fn default() -> Self {
        GlyphText::Inline {
            len: 0,
            bytes: [0; 15],
        }
    }
}

impl From<&str> for GlyphText {
    fn from(text: &str) -> Self {
        if text.len() <= 15 {
            let mut bytes = [0; 15];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            GlyphText::Inline {
                len: text.len() as u8,
                bytes,
            }
        } else {
            GlyphText::Heap(text.into())
        }
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Only ever filled from a whole `&str`, so always valid UTF-8.
            GlyphText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default()
            }
            GlyphText::Heap(text) => text,
        }
    }
}

impl GlyphText {
    /// The text.
    pub fn as_str(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
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

pub mod fonts;
pub mod hyphenate;
mod items;
mod linebreak;
mod lines;
pub mod paragraph;
mod shape;
pub mod split;
pub mod typography;

pub use fonts::{Family, FontBook, Metrics};
pub use hyphenate::Language;
pub use paragraph::{Paragraph, Piece, TextStyle, LINE_BREAK};
pub use split::{choose_split, SplitRules};

use crate::diag::Warning;
use linebreak::{Breaker, Costs, Pass};
use shape::ShapeCache;
pub use shape::ShapedWords;

impl Line {
    /// The line's text as `pdftotext` would find it: glyph texts, with a space
    /// wherever a word space (a gap of more than a sixth of an em) separates
    /// two glyphs.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut end: Option<f32> = None;
        for run in &self.runs {
            for g in &run.glyphs {
                if let Some(e) = end {
                    if g.x - e > run.size / 6.0 && !g.text.is_empty() {
                        out.push(' ');
                    }
                }
                out.push_str(&g.text);
                end = Some(g.x + g.advance);
            }
        }
        out
    }
}

/// How lines sit in their measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Alignment {
    /// Both edges straight: glue stretches and shrinks (body text).
    #[default]
    Justified,
    /// Left edge straight, word spaces natural (captions, narrow sidebars).
    RaggedRight,
    /// Each line centred, word spaces natural.
    Centred,
    /// Right edge straight, word spaces natural (flush right).
    RaggedLeft,
}

/// Which line breaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    /// Knuth–Plass total fit: the best breaks for the whole paragraph.
    #[default]
    KnuthPlass,
    /// Greedy first fit, line by line, for comparison.
    Greedy,
}

/// Letter-spacing bounds for justification, in ems per character.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LetterSpacing {
    /// How much a character may be tightened.
    pub shrink: f32,
    /// How much a character may be loosened.
    pub stretch: f32,
}

/// How a paragraph is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The article's language: hyphenation patterns.
    pub language: Language,
    /// Justified, ragged right or centred.
    pub alignment: Alignment,
    /// Indent of the first line, in points.
    pub first_line_indent: f32,
    /// Whether words may be hyphenated by the patterns (soft hyphens in the
    /// text are always honoured).
    pub hyphenate: bool,
    /// Least characters before an inserted hyphen; `None` for the language's usual.
    pub hyphen_min_before: Option<usize>,
    /// Least characters after an inserted hyphen; `None` for the language's usual.
    pub hyphen_min_after: Option<usize>,
    /// Shortest word that may be hyphenated, in characters.
    pub hyphen_min_word: usize,
    /// Most hyphenated lines in a row (hyphens in the text count too).
    pub max_hyphenated_lines: u8,
    /// Largest adjustment ratio of the first pass, without hyphenation.
    pub pretolerance: f32,
    /// Largest adjustment ratio of the second pass, with hyphenation; lines
    /// looser than this (from the emergency pass) are warned about.
    pub tolerance: f32,
    /// Knuth–Plass or greedy.
    pub algorithm: Algorithm,
    /// Letter spacing allowed in justification; `None` for none.
    pub letter_spacing: Option<LetterSpacing>,
    /// Word-space stretch, as a share of the space.
    pub space_stretch: f32,
    /// Word-space shrink, as a share of the space.
    pub space_shrink: f32,
    /// Demerits added to every line (Knuth's line penalty).
    pub line_penalty: f32,
    /// Penalty for breaking at an inserted hyphen.
    pub hyphen_penalty: f32,
    /// Penalty for breaking after a hyphen or dash in the text.
    pub explicit_hyphen_penalty: f32,
    /// Penalty for breaking after a slash.
    pub slash_penalty: f32,
    /// Penalty for breaking after a title ("Sen.", "Dr."): kept with the
    /// name unless that costs a loose line.
    pub title_break_penalty: f32,
    /// Penalty for an emergency break (inside a word, at a no-break space).
    pub emergency_penalty: f32,
    /// Demerits for two hyphenated lines in a row.
    pub double_hyphen_demerits: f32,
    /// Demerits for a hyphen on the second-last line (before the paragraph's
    /// end or a forced break).
    pub final_hyphen_demerits: f32,
    /// Demerits for adjacent lines of far-apart fitness classes.
    pub fitness_demerits: f32,
    /// Lines (from 0) after which the reader's eye jumps: over a placed
    /// object, or to another page. Knuth–Plass ends them in a hyphen only
    /// at the cost of a final hyphen.
    pub jumps_after: Vec<usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::English,
            alignment: Alignment::Justified,
            first_line_indent: 0.0,
            hyphenate: true,
            hyphen_min_before: None,
            hyphen_min_after: None,
            hyphen_min_word: 5,
            max_hyphenated_lines: 2,
            pretolerance: 1.0,
            tolerance: 1.5,
            algorithm: Algorithm::KnuthPlass,
            // A 12-pica column holds about five word spaces a line: the glue
            // alone cannot justify it evenly, so letters give a little too.
            // Closing up by 3 % of the em lets a line take the word that
            // would otherwise leave it loose: tight reads better than loose.
            letter_spacing: Some(LetterSpacing {
                shrink: 0.03,
                stretch: 0.04,
            }),
            // Word spaces from 80 % to 175 % of the font's space.
            space_stretch: 0.75,
            space_shrink: 0.2,
            line_penalty: 10.0,
            hyphen_penalty: 50.0,
            explicit_hyphen_penalty: 50.0,
            slash_penalty: 100.0,
            // Past any line within its stretch: (10 + 100)² < 500².
            title_break_penalty: 500.0,
            emergency_penalty: 5_000.0,
            double_hyphen_demerits: 3_000.0,
            // TeX's 5,000 keeps "crimi-/nals." in a narrow column. Just under
            // what a line at the edge of natural stretch costs over a perfect
            // one, (10 + 100)² − 10²: a final hyphen gives way to lines within
            // their stretch, not to a looser one.
            final_hyphen_demerits: 10_000.0,
            fitness_demerits: 3_000.0,
            jumps_after: Vec::new(),
        }
    }
}

impl Settings {
    /// The defaults for an article language (BCP 47, e.g. `meta.language`;
    /// `None` is English).
    pub fn for_language(tag: Option<&str>) -> Settings {
        Settings {
            language: tag.map_or(Language::English, Language::from_tag),
            ..Settings::default()
        }
    }

    /// The letter spacing lines may take: none unless justified, as ragged
    /// and centred lines keep their letters as shaped.
    pub(crate) fn justifying_letter_spacing(&self) -> Option<LetterSpacing> {
        self.letter_spacing
            .filter(|_| self.alignment == Alignment::Justified)
    }

    /// Least characters before and after an inserted hyphen.
    pub fn hyphen_fragments(&self) -> (usize, usize) {
        let (before, after) = self.language.default_fragments();
        (
            self.hyphen_min_before.unwrap_or(before).max(1),
            self.hyphen_min_after.unwrap_or(after).max(1),
        )
    }
}

/// A set paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct SetParagraph {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// What went wrong but was set anyway (loose or overfull lines, a fallback).
    pub warnings: Vec<Warning>,
}

/// Paragraphs with more items than this are broken greedily: total fit is
/// linear but its constant is large, and no news paragraph is this long.
const MAX_TOTAL_FIT_ITEMS: usize = 60_000;

/// Sets a paragraph into lines of the given widths (points, one per line; the
/// last repeats). An empty paragraph gives no lines.
pub fn set_paragraph(
    book: &FontBook,
    paragraph: &Paragraph,
    settings: &Settings,
    widths: &[f32],
) -> SetParagraph {
    set_paragraph_with(
        book,
        paragraph,
        settings,
        widths,
        &mut ShapedWords::default(),
    )
}

/// [`set_paragraph`], with the words shaped so far: they must have been
/// shaped with `book`.
pub fn set_paragraph_with(
    book: &FontBook,
    paragraph: &Paragraph,
    settings: &Settings,
    widths: &[f32],
    words: &mut ShapedWords,
) -> SetParagraph {
    let mut warnings = Vec::new();
    if widths.is_empty() {
        warnings.push(Warning::new(format!(
            "{}: no line widths given; nothing set",
            paragraph.label()
        )));
        return SetParagraph {
            lines: Vec::new(),
            warnings,
        };
    }
    let Some(sane) = sanitize(book, paragraph, &mut warnings) else {
        return SetParagraph {
            lines: Vec::new(),
            warnings,
        };
    };
    let paragraph = sane.as_ref();
    let mut cache = ShapeCache::new(book, words);
    // The narrowest measure, less the indent on the first line.
    let min_width = (0..widths.len())
        .map(|i| {
            let w = linebreak::width_of(widths, i);
            if i == 0 {
                w - settings.first_line_indent.max(0.0)
            } else {
                w
            }
        })
        .fold(f32::INFINITY, f32::min)
        .max(0.0);
    let hyphenate = settings.hyphenate && settings.language.can_hyphenate();
    let items = items::build(paragraph, settings, &mut cache, min_width, hyphenate);
    let has_text = items.items.iter().any(|i| {
        matches!(
            i,
            items::Item::Box {
                content: items::Content::Text { .. },
                ..
            }
        )
    });
    if !has_text {
        return SetParagraph {
            lines: Vec::new(),
            warnings,
        };
    }
    let ragged = settings.alignment != Alignment::Justified;
    let base_size = items.pieces.first().map_or(10.0, |p| p.style.size);
    let costs = Costs {
        line_penalty: settings.line_penalty,
        double_hyphen_demerits: settings.double_hyphen_demerits,
        final_hyphen_demerits: settings.final_hyphen_demerits,
        fitness_demerits: settings.fitness_demerits,
        max_hyphen_run: settings.max_hyphenated_lines,
        // Ragged lines are judged by the space they leave, against 3 ems.
        ragged_stretch: if ragged { 3.0 * base_size } else { 0.0 },
        // The largest size's cluster, so a line's shrink is never overrated.
        letter_gap: settings
            .justifying_letter_spacing()
            .map_or((0.0, 0.0), |l| {
                let size = items
                    .pieces
                    .iter()
                    .map(|p| p.style.size)
                    .filter(|s| s.is_finite())
                    .fold(0f32, f32::max);
                (l.stretch * size, l.shrink * size)
            }),
    };
    let breaker = Breaker::new(&items.items, widths, costs).with_jumps_after(&settings.jumps_after);
    let greedy = settings.algorithm == Algorithm::Greedy || items.items.len() > MAX_TOTAL_FIT_ITEMS;
    if greedy && settings.algorithm != Algorithm::Greedy {
        warnings.push(Warning::new(format!(
            "{}: too long for total fit ({} items); broken line by line",
            paragraph.label(),
            items.items.len()
        )));
    }
    let breaks = if greedy {
        breaker.first_fit(true)
    } else {
        let passes = [
            Pass {
                tolerance: settings.pretolerance,
                hyphens: false,
                emergency: false,
            },
            Pass {
                tolerance: settings.tolerance,
                hyphens: true,
                emergency: false,
            },
            Pass {
                tolerance: f32::INFINITY,
                hyphens: true,
                emergency: true,
            },
        ];
        passes
            .iter()
            .find_map(|pass| breaker.total_fit(pass))
            .unwrap_or_else(|| breaker.first_fit(true))
    };
    let lines = lines::assemble(&items, &breaks, widths, settings, &mut cache, |b| {
        breaker.start_after(b)
    });
    let label = paragraph.label();
    let mut line_warnings = 0;
    for (i, line) in lines.iter().enumerate() {
        let bad = line.width > line.measure + 0.01
            || (settings.alignment == Alignment::Justified && line.ratio > settings.tolerance);
        if bad {
            line_warnings += 1;
            if line_warnings > MAX_LINE_WARNINGS {
                continue;
            }
        }
        if line.width > line.measure + 0.01 {
            warnings.push(Warning::new(format!(
                "{}: line {} is {:.1} pt wider than its measure",
                label,
                i + 1,
                line.width - line.measure
            )));
        } else if settings.alignment == Alignment::Justified && line.ratio > settings.tolerance {
            warnings.push(Warning::new(format!(
                "{}: line {} is loose (adjustment ratio {:.2}, tolerance {:.2})",
                label,
                i + 1,
                line.ratio,
                settings.tolerance
            )));
        }
    }
    if line_warnings > MAX_LINE_WARNINGS {
        warnings.push(Warning::new(format!(
            "{label}: {} more lines are loose or overfull",
            line_warnings - MAX_LINE_WARNINGS
        )));
    }
    SetParagraph { lines, warnings }
}

/// The paragraph with faces this book lacks replaced by its first face and
/// sizes and tracking made finite; `None` when the book has no face at all.
fn sanitize<'p>(
    book: &FontBook,
    paragraph: &'p Paragraph,
    warnings: &mut Vec<Warning>,
) -> Option<std::borrow::Cow<'p, Paragraph>> {
    if book.is_empty() {
        warnings.push(Warning::new(format!(
            "{}: no fonts loaded; nothing set",
            paragraph.label()
        )));
        return None;
    }
    let bad = |s: &TextStyle| {
        s.face.0 as usize >= book.len() || !s.size.is_finite() || !s.tracking.is_finite()
    };
    if !paragraph.pieces.iter().any(|p| bad(&p.style)) {
        return Some(std::borrow::Cow::Borrowed(paragraph));
    }
    warnings.push(Warning::new(format!(
        "{}: unknown face or unusable size replaced",
        paragraph.label()
    )));
    let mut fixed = paragraph.clone();
    for piece in &mut fixed.pieces {
        let s = &mut piece.style;
        if s.face.0 as usize >= book.len() {
            s.face = FaceId(0);
        }
        if !s.size.is_finite() {
            s.size = 0.0;
        }
        if !s.tracking.is_finite() {
            s.tracking = 0.0;
        }
    }
    Some(std::borrow::Cow::Owned(fixed))
}

/// Lines warned about one by one in a paragraph; the rest are counted.
const MAX_LINE_WARNINGS: usize = 20;

/// The natural width of text set on one line (headlines, labels), in points.
pub fn measure(book: &FontBook, paragraph: &Paragraph) -> f32 {
    set_line(book, paragraph, &Settings::default(), 0.0).width
}

/// Sets text on one line, never breaking (forced breaks become spaces), for
/// headlines and labels. With a measure (> 0) a line too long is shrunk
/// towards it (check `width` against `measure` for overset) and a centred
/// line is centred in it; with 0 the line takes its natural width.
pub fn set_line(book: &FontBook, paragraph: &Paragraph, settings: &Settings, measure: f32) -> Line {
    let empty = Line {
        runs: Vec::new(),
        measure,
        width: 0.0,
        ratio: 0.0,
        hyphenated: false,
    };
    let Some(sane) = sanitize(book, paragraph, &mut Vec::new()) else {
        return empty;
    };
    let mut one = sane.into_owned();
    for piece in &mut one.pieces {
        if piece.text.contains(LINE_BREAK) {
            piece.text = piece.text.replace(LINE_BREAK, " ");
        }
    }
    let mut words = ShapedWords::default();
    let mut cache = ShapeCache::new(book, &mut words);
    let settings = Settings {
        hyphenate: false,
        first_line_indent: 0.0,
        ..settings.clone()
    };
    let items = items::build(&one, &settings, &mut cache, f32::INFINITY, false);
    let natural: f32 = items
        .items
        .iter()
        .map(|i| match i {
            items::Item::Box { width, .. } | items::Item::Glue { width, .. } => *width,
            _ => 0.0,
        })
        .sum();
    let width = if measure > 0.0 { measure } else { natural };
    let breaker = Breaker::new(
        &items.items,
        &[],
        Costs {
            line_penalty: 0.0,
            double_hyphen_demerits: 0.0,
            final_hyphen_demerits: 0.0,
            fitness_demerits: 0.0,
            max_hyphen_run: 0,
            ragged_stretch: 0.0,
            letter_gap: (0.0, 0.0),
        },
    );
    let last = items.items.len() - 1;
    // A justified single line is not a last line: it is fitted to the measure.
    let mut lines = lines::assemble(&items, &[last], &[width], &settings, &mut cache, |b| {
        breaker.start_after(b)
    });
    lines.pop().unwrap_or(empty)
}
