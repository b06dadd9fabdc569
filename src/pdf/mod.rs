//! The print backend: an article laid out as a newspaper page proof.
//!
//! A pipeline of phases, one file each, read top down:
//! [`images`] (every image read and checked once, before layout) →
//! [`collect`] (the tree as flowing text and placed objects) →
//! [`fit`] (the copy-fitting search over plans, each strategy named) →
//! [`compose`] (one run for one plan: [`head`], [`place`]d objects,
//! [`distribute`]d text in the [`flow`]'s slots, [`furniture`]) →
//! [`marks`] (crop marks, slug) → [`emit`] (frames to PDF bytes).
//! [`frame`] is the contract between layout and emit; line setting comes in
//! through [`setter::LineSetter`] ([`engine`] is the real one).

pub mod collect;
pub mod compose;
pub mod ctx;
pub mod distribute;
pub mod emit;
pub mod engine;
pub mod fit;
pub mod flow;
pub mod frame;
pub mod furniture;
pub mod grid;
pub mod head;
pub mod hole;
pub mod images;
pub mod marks;
pub mod place;
pub mod setter;
pub mod sidebars;

use crate::backend::{Document, Output};
use crate::diag::{self, Error};
use crate::model::plain_text;
use crate::style::Style;

pub use crate::backend::PageStart;
pub use compose::{Layout, MAX_PAGES};
pub use ctx::ImageReport;
pub use emit::standard::read_profile;
pub use emit::{FaceCache, FontData, PdfFace};
pub use engine::Engine;
pub use furniture::display_date;
pub use setter::LineSetter;

/// Lays out a story in the style's news hole on at most `pages` pages
/// (`None`: one page in a hole the style names, else as many as it needs)
/// by the copy-fitting strategies of [`fit`], with the proof notes
/// ([`hole`]) on its last page.
pub fn lay_out(
    doc: &Document,
    style: &Style,
    setter: &dyn LineSetter,
    pages: Option<u32>,
) -> Layout {
    let media = images::prepare_all(&doc.media);
    lay_out_with(doc, style, setter, pages, &media)
}

/// [`lay_out`] with the images already prepared.
pub fn lay_out_with(
    doc: &Document,
    style: &Style,
    setter: &dyn LineSetter,
    pages: Option<u32>,
    media: &images::Media,
) -> Layout {
    let grid = grid::Grid::new(style);
    let setup = compose::Setup {
        doc,
        style,
        setter,
        grid: &grid,
        media,
        // A story in a hole fills it: it jumps only to pages it is given.
        pages: pages.or(style.layout.hole.map(|_| 1)),
    };
    let mut layout = fit::fit(&setup);
    let under = hole::empty_lines(&layout.frames, &grid, style.layout.standoff);
    layout.short_lines = under;
    layout.fit = Some(hole::Fit::of(&grid, layout.overset_lines, under));
    let cols = grid.columns.len() as u32;
    if under > cols && layout.frames.pages.len() == 1 && layout.overset_lines == 0 {
        layout.warnings.push(diag::Warning::new(format!(
            "the story is {under} lines short of filling its hole"
        )));
    }
    hole::add_notes(
        &mut layout.frames,
        &grid,
        style,
        setter,
        layout.overset_lines,
    );
    layout
}

/// Choices for one proof.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfOptions {
    /// The news hole: how many pages the story may take; what does not fit
    /// is overset. `None`: as many pages as the story needs.
    pub pages: Option<u32>,
    /// The proof time for the slug and the metadata, seconds since 1970
    /// (from `SOURCE_DATE_EPOCH` or the article's date; never the clock);
    /// `None`: the proof carries no date.
    pub time: Option<i64>,
}

/// What a proof run found, for the report (serialises to JSON).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ProofReport {
    /// Pages made.
    pub pages: u32,
    /// Body lines that did not fit in the pages allowed.
    pub overset_lines: u32,
    /// Body lines stretched past the justification tolerance.
    pub loose_lines: u32,
    /// Empty grid lines inside the hole, on every page: lines of a column
    /// from the body's top to the hole's foot holding no text, no placed
    /// object and no standoff around one ([`hole::empty_lines`]).
    pub short_lines: u32,
    /// Pull quotes cut for want of a place with text under them.
    pub quotes_cut: u32,
    /// Images as placed, with their effective resolution.
    pub images: Vec<ImageReport>,
    /// Where each page from the second on begins in the article's body.
    pub page_starts: Vec<PageStart>,
    /// The news hole and how the story fills it.
    pub fit: Option<hole::Fit>,
}

/// Where each page from the second on begins: the first body line set on
/// it, as a block and an offset into that block's plain text, counted in
/// words set on the pages before (a word hyphenated across the turn counts
/// as on the new page).
pub fn page_starts(doc: &Document, frames: &frame::Frames) -> Vec<PageStart> {
    use frame::Source;
    let body = &doc.article.body;
    let dateline_words = doc.article.meta.dateline.as_ref().map_or(0, |d| {
        format!("{} \u{2013}", d.place).split_whitespace().count()
    });
    let first_para = body
        .iter()
        .position(|b| matches!(b, crate::model::Block::Paragraph { .. }));
    let mut words_before: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut out = Vec::new();
    for (n, page) in frames.pages.iter().enumerate() {
        let flowing = page.items.iter().filter(|i| i.role.flows());
        let mut first = true;
        for item in flowing {
            let (Source::Block(b), Some(line)) = (item.source, item.line()) else {
                continue;
            };
            if first && n > 0 {
                first = false;
                let offset = match body.get(b) {
                    Some(crate::model::Block::Paragraph { content, .. }) => {
                        let mut words = words_before.get(&b).copied().unwrap_or(0);
                        if Some(b) == first_para {
                            words = words.saturating_sub(dateline_words);
                        }
                        word_start(&plain_text(content), words)
                    }
                    _ => 0,
                };
                out.push(PageStart {
                    page: n as u32 + 1,
                    block: b,
                    offset,
                });
            }
            let words = line.text().split_whitespace().count();
            *words_before.entry(b).or_default() +=
                words - usize::from(line.hyphenated && words > 0);
        }
    }
    out
}

/// The character index where word `n` (from 0) of `text` begins, or the
/// text's length when it has fewer words.
fn word_start(text: &str, n: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (i, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if count == n {
                return i;
            }
            in_word = true;
            count += 1;
        }
    }
    text.chars().count()
}

/// A finished proof: the file and warnings, and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Proof {
    /// The PDF bytes and warnings.
    pub output: Output,
    /// Pages, overset and images.
    pub report: ProofReport,
}

/// Lays out and emits one article as a page proof. Pure: no file-system
/// access, no clock; the same input gives the same bytes.
pub fn render(
    doc: &Document,
    style: &Style,
    setter: &dyn LineSetter,
    fonts: &dyn FontData,
    options: &PdfOptions,
) -> Result<Proof, Error> {
    let mut layout = lay_out(doc, style, setter, options.pages);
    let total = layout.frames.pages.len();
    for (n, page) in layout.frames.pages.iter_mut().enumerate() {
        let slug = marks::Slug {
            origin: &doc.origin,
            style: &style.name,
            page: n + 1,
            pages: total,
            time: options.time,
        };
        marks::add(page, style, setter, &slug);
    }
    let meta = &doc.article.meta;
    let info = emit::Info {
        title: meta.headline.clone(),
        author: meta
            .bylines
            .iter()
            .map(|b| b.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        subject: meta
            .decks
            .first()
            .or(meta.summary.as_ref())
            .cloned()
            .or_else(|| {
                doc.article.body.iter().find_map(|b| match b {
                    crate::model::Block::Paragraph { content, .. } => Some(plain_text(content)),
                    _ => None,
                })
            })
            .unwrap_or_default(),
        keywords: meta.keywords.clone(),
        time: options.time,
        language: meta.language.clone(),
    };
    if style.output.standards.any() && style.output.rgb_photos == crate::style::RgbPhotos::Refuse {
        if let Some(photo) = layout
            .images
            .iter()
            .find(|i| i.colour == images::ColourSpace::Rgb)
        {
            return Err(Error::new(format!(
                "image `{}` is RGB, and the style refuses RGB photos in {} (`[output] rgb_photos`)",
                photo.src,
                style.output.standards.names()
            )));
        }
    }
    let mut warnings = layout.warnings;
    let bytes = emit::emit(
        &layout.frames,
        style,
        fonts,
        &info,
        &doc.article,
        &mut warnings,
    )?;
    Ok(Proof {
        output: Output { bytes, warnings },
        report: ProofReport {
            pages: total as u32,
            overset_lines: layout.overset_lines,
            loose_lines: layout.loose_lines,
            short_lines: layout.short_lines,
            quotes_cut: layout.quotes_cut as u32,
            page_starts: page_starts(doc, &layout.frames),
            images: layout.images,
            fit: layout.fit,
        },
    })
}
