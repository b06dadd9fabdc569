//! From breaks to lines: each line's words are shaped as they stand (a word
//! broken at a hyphen is reshaped with its hyphen), then the glue is set so
//! the line fills its measure, and every glyph gets its x.

use super::items::{BreakKind, Content, Item, Items};
use super::linebreak::{ratio, width_of};
use super::shape::ShapeCache;
use super::{Alignment, Glyph, Line, Run, Settings};

/// One piece of a line before positioning.
enum Part {
    /// Text of one piece: (piece, start, end, with an inserted hyphen).
    Text(usize, usize, usize, bool),
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    Indent(f32),
}

/// Builds the lines for `breaks` (item indices).
pub(crate) fn assemble(
    items: &Items,
    breaks: &[usize],
    widths: &[f32],
    settings: &Settings,
    cache: &mut ShapeCache,
    start_after: impl Fn(usize) -> usize,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut prev = usize::MAX;
    for (n, &b) in breaks.iter().enumerate() {
        let start = start_after(prev);
        prev = b;
        let mut parts: Vec<Part> = Vec::new();
        for item in items.items.get(start..b).unwrap_or(&[]) {
            match *item {
                Item::Box {
                    content: Content::Indent,
                    width,
                    ..
                } => parts.push(Part::Indent(width)),
                Item::Box {
                    content: Content::Text { piece, start, end },
                    ..
                } => {
                    let (piece, start, end) = (piece as usize, start as usize, end as usize);
                    match parts.last_mut() {
                        Some(Part::Text(p, _, e, _)) if *p == piece && *e == start => *e = end,
                        _ => parts.push(Part::Text(piece, start, end, false)),
                    }
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                    fil: false,
                } => parts.push(Part::Glue {
                    width,
                    stretch,
                    shrink,
                }),
                _ => {}
            }
        }
        let (hyphen, last_line) = match items.items.get(b) {
            Some(Item::Penalty { kind, .. }) => {
                (*kind == BreakKind::Hyphen, *kind == BreakKind::Forced)
            }
            _ => (false, false),
        };
        if hyphen {
            if let Some(Part::Text(_, _, _, h)) =
                parts.iter_mut().rev().find(|p| matches!(p, Part::Text(..)))
            {
                *h = true;
            }
        }
        let measure = width_of(widths, n);
        lines.push(position(
            &parts, items, measure, settings, cache, last_line, hyphen,
        ));
    }
    lines
}

struct ShapedPart {
    run: Run,
    width: f32,
    clusters: usize,
}

fn position(
    parts: &[Part],
    items: &Items,
    measure: f32,
    settings: &Settings,
    cache: &mut ShapeCache,
    last_line: bool,
    hyphenated: bool,
) -> Line {
    // Shape the text parts and total the line.
    let mut shaped: Vec<Option<ShapedPart>> = Vec::with_capacity(parts.len());
    let (mut natural, mut stretch, mut shrink) = (0f64, 0f64, 0f64);
    // Letter spacing is measured in ems of each cluster's size: the sum of
    // those sizes, and the size of the line's last cluster (no gap after it).
    let mut letter_ems = 0f64;
    let mut last_size = 0f64;
    for part in parts {
        match *part {
            Part::Text(piece, start, end, hyphen) => {
                let prepared = &items.pieces[piece];
                let style = prepared.style;
                let mut text = prepared.text.get(start..end).unwrap_or("").to_string();
                if hyphen {
                    text.push('-');
                }
                let s = cache.get(style.face, &text);
                let size = if style.size.is_finite() && style.size > 0.0 {
                    style.size
                } else {
                    0.0
                };
                let scale = size / s.units_per_em;
                let tracking = style.tracking * size;
                let texts = s.glyph_texts();
                let mut pen = 0f32;
                let mut glyphs = Vec::with_capacity(s.glyphs.len());
                let mut clusters = 0;
                for (g, t) in s.glyphs.iter().zip(texts) {
                    if !t.is_empty() {
                        clusters += 1;
                    }
                    let advance = g.advance as f32 * scale;
                    glyphs.push(Glyph {
                        id: g.id,
                        x: pen + g.offset as f32 * scale,
                        advance,
                        text: t.into(),
                    });
                    pen += advance;
                    if !t.is_empty() {
                        pen += tracking;
                    }
                }
                let width = s.advance() as f32 * scale + tracking * clusters as f32;
                natural += width as f64;
                letter_ems += clusters as f64 * size as f64;
                if clusters > 0 {
                    last_size = size as f64;
                }
                shaped.push(Some(ShapedPart {
                    run: Run {
                        face: style.face,
                        size,
                        glyphs,
                    },
                    width,
                    clusters,
                }));
            }
            Part::Glue {
                width,
                stretch: y,
                shrink: z,
            } => {
                natural += width as f64;
                stretch += y as f64;
                shrink += z as f64;
                shaped.push(None);
            }
            Part::Indent(w) => {
                natural += w as f64;
                shaped.push(None);
            }
        }
    }
    let ls = settings.justifying_letter_spacing().unwrap_or_default();
    let justified = settings.alignment == Alignment::Justified;
    let gap_ems = (letter_ems - last_size).max(0.0);
    let (letter_stretch, letter_shrink) = (ls.stretch as f64 * gap_ems, ls.shrink as f64 * gap_ems);
    let total_stretch = stretch + letter_stretch;
    let total_shrink = shrink + letter_shrink;
    let w = measure as f64;
    // Justified lines fill the measure; others only shrink when too long.
    let mut r = if (justified && !last_line) || natural > w {
        ratio(natural, total_stretch, total_shrink, false, w)
    } else {
        0.0
    };
    if !r.is_finite() {
        // No glue to stretch (one long word) or to shrink: set it as it is.
        r = 0.0;
    }
    // Letter spacing takes its share up to its bounds; the glue the rest.
    let letter_r = r.clamp(-1.0, 1.0);
    // Per em of size: each cluster moves by this times its size.
    let letter_per_em = if gap_ems > 0.0 {
        (if letter_r >= 0.0 {
            letter_r * letter_stretch
        } else {
            letter_r * letter_shrink
        }) / gap_ems
    } else {
        0.0
    };
    let rest = w - natural - letter_per_em * gap_ems;
    let glue_total = if r > 0.0 { stretch } else { shrink };
    let glue_r = if r != 0.0 && glue_total > 0.0 {
        rest / glue_total
    } else {
        0.0
    };
    let mut x = 0f64;
    if natural < w {
        match settings.alignment {
            Alignment::Centred => x = (w - natural) / 2.0,
            Alignment::RaggedLeft => x = w - natural,
            Alignment::Justified | Alignment::RaggedRight => {}
        }
    }
    let mut runs: Vec<Run> = Vec::new();
    for (part, s) in parts.iter().zip(shaped) {
        match (part, s) {
            (
                Part::Glue {
                    width,
                    stretch,
                    shrink,
                },
                _,
            ) => {
                let adjust = if glue_r > 0.0 { *stretch } else { *shrink } as f64;
                x += *width as f64 + glue_r * adjust;
            }
            (Part::Indent(width), _) => x += *width as f64,
            (Part::Text(..), Some(part)) => {
                let mut run = part.run;
                let letter_delta = letter_per_em * run.size as f64;
                let mut extra = 0f64;
                for g in &mut run.glyphs {
                    g.x = (x + g.x as f64 + extra) as f32;
                    if !g.text.is_empty() {
                        extra += letter_delta;
                    }
                }
                x += part.width as f64 + letter_delta * part.clusters as f64;
                match runs.last_mut() {
                    Some(last) if last.face == run.face && last.size == run.size => {
                        last.glyphs.extend(run.glyphs)
                    }
                    _ => runs.push(run),
                }
            }
            (Part::Text(..), None) => {}
        }
    }
    // The width the glyphs take: up to the end of the last glyph.
    let width = runs
        .iter()
        .flat_map(|r| r.glyphs.last())
        .map(|g| g.x + g.advance)
        .fold(0f32, f32::max);
    Line {
        runs,
        measure,
        width,
        ratio: r as f32,
        hyphenated,
    }
}
