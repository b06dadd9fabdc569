//! What one composition run carries while it works: the style, the line
//! setter, the grid, the prepared images, and what the run noticed.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use crate::diag::Warning;
use crate::pdf::frame::{Item, Point, Role, Shape, Source};
use crate::pdf::grid::Grid;
use crate::pdf::images::{ColourSpace, Media, PdfImage};
use crate::pdf::setter::{LineSetter, SetLines, StyledParagraph};
use crate::style::{Style, TextRole};
use crate::typeset::{Line, ShapedWords};

/// An image as placed, for preflight.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImageReport {
    /// The image's name in the article.
    pub src: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Effective resolution as placed.
    pub ppi: f32,
    /// The samples' colour space.
    pub colour: ColourSpace,
    /// Whether the JPEG bytes pass through untouched.
    pub jpeg: bool,
}

/// The widths up to the last one that differs from those after it (lines
/// past the end take the last width, so the rest says nothing), but never
/// short of the last jump: the breaker tells lines apart only that far.
fn distinct_widths<'w>(widths: &'w [f32], jumps_after: &[usize]) -> &'w [f32] {
    let mut n = widths.len();
    while n > 1 && widths[n - 2] == widths[n - 1] {
        n -= 1;
    }
    let keep = jumps_after.iter().max().map_or(0, |j| j + 2);
    &widths[..n.max(keep).min(widths.len())]
}

/// Paragraphs set so far in one story's layout, by everything the setting
/// depends on, and the words shaped for them: the copy-fitting search sets
/// the same paragraph at the same widths (and its words at many) in many
/// runs, and setting is pure, so reuse never changes a proof. It lives as
/// long as one story's search, so memory stays flat over a batch.
#[derive(Debug, Default)]
pub struct Memo {
    set: HashMap<Vec<u8>, Rc<SetLines>>,
    words: ShapedWords,
}

/// The memo's key: every field of the paragraph and the widths, length-
/// prefixed so that no two settings share one (floats by their bits).
fn memo_key(p: &StyledParagraph, language: Option<&str>, widths: &[f32]) -> Vec<u8> {
    let mut key = Vec::with_capacity(64 + p.spans.iter().map(|s| s.text.len() + 24).sum::<usize>());
    let text = |key: &mut Vec<u8>, t: &str| {
        key.extend((t.len() as u32).to_le_bytes());
        key.extend(t.as_bytes());
    };
    for s in &p.spans {
        text(&mut key, &s.text);
        text(&mut key, &s.face.family);
        key.push(s.face.bold as u8 | (s.face.italic as u8) << 1);
        key.extend(s.size.to_bits().to_le_bytes());
    }
    key.push(0xFF);
    key.push(p.align as u8);
    key.extend(p.first_indent.to_bits().to_le_bytes());
    text(&mut key, language.unwrap_or("\u{0}"));
    key.push(p.hyphenate as u8);
    key.extend((p.jumps_after.len() as u32).to_le_bytes());
    for j in &p.jumps_after {
        key.extend((*j as u32).to_le_bytes());
    }
    for w in widths {
        key.extend(w.to_bits().to_le_bytes());
    }
    key
}

/// What layout needs while it works.
pub struct Ctx<'a> {
    /// The style.
    pub style: &'a Style,
    /// Line setting.
    pub setter: &'a dyn LineSetter,
    /// The page grid.
    pub grid: &'a Grid,
    /// The article's language, for hyphenation.
    pub language: Option<&'a str>,
    /// The article's images, prepared once before layout.
    pub media: &'a Media,
    /// Warnings so far.
    pub warnings: Vec<Warning>,
    /// Images placed so far, for preflight.
    pub images: Vec<ImageReport>,
    /// The images' data, by index.
    pub image_data: Vec<Arc<PdfImage>>,
    /// Settings made so far in this story's search.
    pub memo: Memo,
}

/// How far a run has come: what it noticed and placed so far, to go back
/// to when the run is made again.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    warnings: usize,
    images: usize,
    image_data: usize,
}

impl<'a> Ctx<'a> {
    /// Where the run is now.
    pub fn mark(&self) -> Mark {
        Mark {
            warnings: self.warnings.len(),
            images: self.images.len(),
            image_data: self.image_data.len(),
        }
    }

    /// Forgets what was noticed and placed since `mark` (the settings memo
    /// stays: setting is pure).
    pub fn rewind(&mut self, mark: Mark) {
        self.warnings.truncate(mark.warnings);
        self.images.truncate(mark.images);
        self.image_data.truncate(mark.image_data);
    }

    /// A context with nothing noticed yet.
    pub fn new(
        style: &'a Style,
        setter: &'a dyn LineSetter,
        grid: &'a Grid,
        language: Option<&'a str>,
        media: &'a Media,
        memo: Memo,
    ) -> Ctx<'a> {
        Ctx {
            style,
            setter,
            grid,
            language,
            media,
            warnings: Vec::new(),
            images: Vec::new(),
            image_data: Vec::new(),
            memo,
        }
    }

    /// Sets a paragraph, keeping the engine's warnings.
    pub fn set(&mut self, para: &StyledParagraph, widths: &[f32]) -> Vec<Rc<Line>> {
        let set = self.try_set(para, widths);
        self.keep_warnings(set.warnings.clone());
        set.lines.clone()
    }

    /// Sets a paragraph as a trial (shared with the memo, so trials cost no
    /// copy): what the engine noticed is returned, not kept. A paragraph that names no language is set in the article's.
    pub fn try_set(&mut self, para: &StyledParagraph, widths: &[f32]) -> Rc<SetLines> {
        let widths = distinct_widths(widths, &para.jumps_after);
        let language = para.language.as_deref().or(self.language);
        let key = memo_key(para, language, widths);
        if let Some(hit) = self.memo.set.get(&key) {
            return Rc::clone(hit);
        }
        let set = match (&para.language, language) {
            (None, Some(language)) => {
                let para = StyledParagraph {
                    language: Some(language.to_string()),
                    ..para.clone()
                };
                self.setter.set_with(&para, widths, &mut self.memo.words)
            }
            _ => self.setter.set_with(para, widths, &mut self.memo.words),
        };
        let set = Rc::new(set);
        self.memo.set.insert(key, Rc::clone(&set));
        set
    }

    /// Keeps the engine's warnings on a setting that goes on the page.
    pub fn keep_warnings(&mut self, warnings: Vec<Warning>) {
        for w in warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
    }

    /// Records a warning.
    pub fn warn(&mut self, message: String) {
        self.warnings.push(Warning::new(message));
    }

    /// The index of an image in the frames, adding it once.
    pub fn image_index(&mut self, image: &Arc<PdfImage>) -> usize {
        match self.image_data.iter().position(|d| Arc::ptr_eq(d, image)) {
            Some(i) => i,
            None => {
                self.image_data.push(Arc::clone(image));
                self.image_data.len() - 1
            }
        }
    }

    /// Sets a paragraph at `width` from the top `y` (its first baseline one
    /// ascent below), pushing its lines as items of `tag`; returns the y under
    /// the last line.
    #[allow(clippy::too_many_arguments)]
    pub fn set_block(
        &mut self,
        items: &mut Vec<Item>,
        tag: (Role, Source),
        para: &StyledParagraph,
        role: &TextRole,
        x: f32,
        y: f32,
        width: f32,
    ) -> f32 {
        let lines = self.set(para, &[width]);
        let mut baseline = y + role.size * 0.8;
        let mut bottom = y;
        for line in lines {
            items.push(Item::new(
                tag.0,
                tag.1,
                Shape::Text {
                    at: Point::new(x, baseline),
                    line,
                    colour: role.colour,
                },
            ));
            bottom = baseline + role.leading - role.size * 0.8;
            baseline += role.leading;
        }
        bottom
    }

    /// A height rounded up to whole baselines.
    pub fn whole(&self, h: f32) -> f32 {
        let b = self.grid.baseline;
        (h / b).ceil() * b
    }
}
