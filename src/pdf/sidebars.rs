//! Placed objects: pull quotes, fact boxes, and photos with caption and credit.
//! Each is built at the origin with a height in whole baselines, then moved
//! into place; the body runs around it.

use crate::locale::QuoteMarks;
use crate::model::{plain_text, Block, Inline, Table};
use crate::pdf::collect::{list_mark, styled, styled_as, FigureSpec, Quote};
use crate::pdf::ctx::{Ctx, ImageReport};
use crate::pdf::frame::{Item, Point, Rect, Role, Shape, Source};
use crate::pdf::images::ColourSpace;
use crate::pdf::setter::StyledParagraph;
use crate::style::{Align, Cmyk};

/// A placed object built at the origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// Items, relative to the object's top-left corner.
    pub items: Vec<Item>,
    /// Width.
    pub width: f32,
    /// Height, a whole number of baselines.
    pub height: f32,
}

impl Built {
    /// The items moved to (x, y).
    pub fn at(&self, x: f32, y: f32) -> Vec<Item> {
        self.items.iter().map(|i| i.shifted(x, y)).collect()
    }
}

fn rule(tag: (Role, Source), from: (f32, f32), to: (f32, f32), weight: f32, colour: Cmyk) -> Item {
    Item::new(
        tag.0,
        tag.1,
        Shape::Rule {
            from: Point::new(from.0, from.1),
            to: Point::new(to.0, to.1),
            weight,
            colour,
        },
    )
}

/// A pull quote: rules above and below, the quote large, who said it under it.
pub fn pull_quote(ctx: &mut Ctx, quote: &Quote, width: f32) -> Built {
    let s = ctx.style;
    let (quote_role, attr_role) = (s.roles.pull_quote.clone(), s.roles.attribution.clone());
    let heavy = s.furniture.rule_weight * 3.0;
    let colour = s.furniture.rule_colour;
    let tag = (Role::PullQuote, Source::Block(quote.block));
    let by = (Role::Attribution, Source::Block(quote.block));
    let mut items = vec![rule(
        tag,
        (0.0, heavy / 2.0),
        (width, heavy / 2.0),
        heavy,
        colour,
    )];
    // Marked as English; the setter's typography gives them the language's.
    let said = plain_text(quote.content);
    let said = said.trim();
    let text = if QuoteMarks::is_quoted(said) {
        said.to_string()
    } else {
        format!("\u{201C}{said}\u{201D}")
    };
    let para = StyledParagraph::plain(&text, &quote_role);
    let mut y = ctx.set_block(&mut items, tag, &para, &quote_role, 0.0, heavy + 6.0, width);
    if let Some(a) = quote.attribution {
        y += 3.0;
        let mut who = StyledParagraph::plain(&format!("\u{2014} {}", a.name), &attr_role);
        who.align = Align::Center;
        y = ctx.set_block(&mut items, by, &who, &attr_role, 0.0, y, width);
        if let Some(title) = &a.title {
            let mut plain_role = attr_role.clone();
            plain_role.bold = false;
            let t = StyledParagraph::plain(title, &plain_role);
            y = ctx.set_block(&mut items, by, &t, &plain_role, 0.0, y, width);
        }
    }
    let height = ctx.whole(y + 6.0 + heavy);
    let foot = height - heavy / 2.0;
    items.push(rule(tag, (0.0, foot), (width, foot), heavy, colour));
    Built {
        items,
        width,
        height,
    }
}

/// A fact box: a tinted panel with a title and its blocks.
pub fn fact_box(
    ctx: &mut Ctx,
    title: Option<&str>,
    body: &[Block],
    block: usize,
    width: f32,
) -> Built {
    let tag = (Role::FactBox, Source::Block(block));
    let s = ctx.style;
    let (title_role, role) = (s.roles.fact_box_title.clone(), s.roles.fact_box.clone());
    let tint = s.furniture.fact_box_tint;
    let rule_ink = (s.furniture.rule_weight, s.furniture.rule_colour);
    let pad = 6.0;
    let inner = width - 2.0 * pad;
    let mut items = Vec::new();
    let mut y = pad;
    if let Some(title) = title {
        let p = StyledParagraph::plain(title, &title_role);
        y = ctx.set_block(&mut items, tag, &p, &title_role, pad, y, inner) + 3.0;
    }
    for para in flatten(body) {
        let p = styled_as(&para, &role, false, Align::Left);
        y = ctx.set_block(&mut items, tag, &p, &role, pad, y, inner) + 2.0;
    }
    let height = ctx.whole(y + pad);
    let panel = Shape::Box {
        rect: Rect::new(0.0, 0.0, width, height),
        fill: Some(tint),
        stroke: None,
    };
    items.insert(0, Item::new(tag.0, tag.1, panel));
    items.insert(1, head_rule(tag, width, rule_ink));
    Built {
        items,
        width,
        height,
    }
}

/// A table boxed like a fact box: the caption as its title, header rows in
/// bold over a rule, columns as wide as their widest cell (narrowed in
/// proportion when the box is too narrow), figures ranged right.
pub fn table(ctx: &mut Ctx, table: &Table, block: usize, width: f32) -> Built {
    let s = ctx.style;
    let tag = (Role::Table, Source::Block(block));
    let (title_role, role) = (s.roles.fact_box_title.clone(), s.roles.fact_box.clone());
    let ink = (s.furniture.rule_weight, s.furniture.rule_colour);
    let pad = 6.0;
    let gap = role.size * 0.8;
    let inner = width - 2.0 * pad;
    let columns = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let cell =
        |content: &[Inline], bold: bool, align: Align| styled_as(content, &role, bold, align);
    // Natural widths, widest words, and which columns hold figures only.
    let mut natural = vec![0.0f32; columns];
    let mut least = vec![0.0f32; columns];
    let mut figures = vec![true; columns];
    let unbroken = f32::MAX / 4.0;
    for row in &table.rows {
        for (c, content) in row.cells.iter().map(|c| &c.content).enumerate() {
            let p = cell(content, row.header, Align::Left);
            let w = ctx
                .try_set(&p, &[unbroken])
                .lines
                .first()
                .map_or(0.0, |l| l.width);
            natural[c] = natural[c].max(w);
            let text = plain_text(content);
            for word in text.split_whitespace() {
                let p = cell(&[Inline::text(word)], row.header, Align::Left);
                let w = ctx
                    .try_set(&p, &[unbroken])
                    .lines
                    .first()
                    .map_or(0.0, |l| l.width);
                least[c] = least[c].max(w);
            }
            if !row.header && !text.trim().is_empty() && !is_figure(&text) {
                figures[c] = false;
            }
        }
    }
    let gaps = gap * columns.saturating_sub(1) as f32;
    let wanted: f32 = natural.iter().sum::<f32>() + gaps;
    let mut widths = natural.clone();
    if wanted > inner {
        // Each column keeps its widest word; the rest of the room goes in
        // proportion to what each would still like, so long headings wrap
        // before figures do.
        let floor: f32 = least.iter().sum();
        let room = inner - gaps - floor;
        let more: f32 = natural
            .iter()
            .zip(&least)
            .map(|(n, l)| n - l)
            .sum::<f32>()
            .max(1.0);
        for ((w, n), l) in widths.iter_mut().zip(&natural).zip(&least) {
            *w = if room >= 0.0 {
                l + (n - l) / more * room
            } else {
                // Too many columns even for their words: shares of the room,
                // and words broken where they must be.
                (l / floor.max(1.0) * (inner - gaps)).max(1.0)
            };
        }
    } else if let Some(first) = widths.first_mut() {
        // Slack goes to the first column, so figures range on the right edge.
        *first += inner - wanted;
    }
    let mut items = Vec::new();
    let mut y = pad;
    if !table.caption.is_empty() {
        let p = styled_as(&table.caption, &title_role, false, Align::Left);
        y = ctx.set_block(&mut items, tag, &p, &title_role, pad, y, inner) + 3.0;
    }
    let mut in_head = true;
    for row in &table.rows {
        if in_head && !row.header {
            in_head = false;
            if y > pad {
                items.push(rule(
                    tag,
                    (pad, y + 1.0),
                    (width - pad, y + 1.0),
                    ink.0,
                    ink.1,
                ));
                y += 3.0;
            }
        }
        let mut x = pad;
        let mut bottom = y;
        for (c, content) in row.cells.iter().map(|c| &c.content).enumerate() {
            let align = if figures[c] {
                Align::Right
            } else {
                Align::Left
            };
            let p = cell(content, row.header, align);
            bottom = bottom.max(ctx.set_block(&mut items, tag, &p, &role, x, y, widths[c]));
            x += widths[c] + gap;
        }
        y = bottom + 1.0;
    }
    let height = ctx.whole(y + pad);
    items.insert(0, head_rule(tag, width, ink));
    let foot = height - ink.0 / 2.0;
    items.push(rule(tag, (0.0, foot), (width, foot), ink.0, ink.1));
    Built {
        items,
        width,
        height,
    }
}

/// The heavy rule along a box's top edge.
fn head_rule(tag: (Role, Source), width: f32, (weight, colour): (f32, Cmyk)) -> Item {
    rule(tag, (0.0, 0.0), (width, 0.0), weight * 2.0, colour)
}

/// Whether a cell holds a figure (a number, a percentage, a sum) that reads
/// best ranged right.
fn is_figure(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || " .,%+-\u{2212}\u{2013}$\u{20AC}\u{A3}\u{A0}\u{2009}".contains(c)
        })
}

/// The paragraphs of a fact box's blocks; list items get a bullet or number.
fn flatten(blocks: &[Block]) -> Vec<Vec<Inline>> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
                out.push(content.clone())
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let mark = list_mark(*ordered, i);
                    for (j, mut p) in flatten(item).into_iter().enumerate() {
                        if j == 0 {
                            p.insert(0, Inline::text(mark.clone()));
                        }
                        out.push(p);
                    }
                }
            }
            Block::Sidebar { body, .. }
            | Block::Container { body, .. }
            | Block::BlockQuote { body, .. } => out.extend(flatten(body)),
            Block::PullQuote { content, .. } => out.push(content.clone()),
            _ => {}
        }
    }
    out
}

/// A photo cropped to a frame `width` wide, the credit under it, then the
/// caption; a missing image becomes a marked placeholder box and a warning.
/// `deeper` asks for that much more frame depth than the photo's own
/// proportions give (less when negative), as far as the style's crop share
/// allows; the flag says whether the frame reached the deepest limit. A
/// placeholder keeps the photo's own proportions.
pub fn figure(
    ctx: &mut Ctx,
    fig: &FigureSpec,
    width: f32,
    max_height: f32,
    deeper: f32,
) -> (Built, bool) {
    let s = ctx.style;
    let (caption_role, credit_role) = (s.roles.caption.clone(), s.roles.credit.clone());
    let source = Source::Block(fig.block);
    let mut items = Vec::new();
    let prepared = match fig.src {
        None => Err("the article names no image file".to_string()),
        Some(src) => match ctx.media.get(src) {
            None => Err(format!("image `{src}` was not loaded")),
            Some(image) => image.clone(),
        },
    };
    let aspect = match (&prepared, fig.size) {
        (Ok(img), _) => img.height as f32 / img.width as f32,
        (Err(_), Some((w, h))) if w > 0 && h > 0 => h as f32 / w as f32,
        _ => 2.0 / 3.0,
    };
    // Very tall or flat photos are cropped to a frame between 1:2 and 1:1;
    // a deeper frame crops the sides, never more than the style allows.
    let natural = width * aspect.clamp(0.5, 1.0);
    let deepest = (natural / (1.0 - s.layout.lead_photo_crop))
        .min(width * 1.25)
        .max(natural)
        .min(max_height.max(width * 0.3));
    // A placeholder keeps the standard size: a missing photo never takes
    // room the text could have.
    let shallowest = (natural * (1.0 - s.layout.lead_photo_crop)).min(deepest);
    let frame_h = match prepared {
        Ok(_) => (natural + deeper).clamp(shallowest, deepest),
        Err(_) => natural.min(max_height.max(width * 0.3)),
    };
    let at_limit = natural + deeper >= deepest;
    let frame = Rect::new(0.0, 0.0, width, frame_h);
    match prepared {
        Ok(img) => {
            let draw = cover(frame, (img.width, img.height));
            let ppi = effective_ppi(img.width, draw.w);
            let src = fig.src.unwrap_or_default().to_string();
            if ppi < s.layout.min_ppi {
                ctx.warn(format!(
                    "image `{src}` is {ppi:.0} ppi as placed (under {:.0})",
                    s.layout.min_ppi
                ));
            }
            // Made to a standard, an RGB photo is tagged sRGB or converted
            // (or refused) as `[output] rgb_photos` says: nothing to warn of.
            if img.colour == ColourSpace::Rgb && s.layout.cmyk_only && !s.output.standards.any() {
                ctx.warn(format!("image `{src}` is RGB in a CMYK style"));
            }
            ctx.images.push(ImageReport {
                src,
                width: img.width,
                height: img.height,
                ppi,
                colour: img.colour,
                jpeg: img.jpeg,
            });
            // An image placed twice is embedded once.
            let image = ctx.image_index(&img);
            items.push(Item::new(
                Role::Photo,
                source,
                Shape::Image { frame, draw, image },
            ));
        }
        Err(reason) => {
            ctx.warn(format!("{reason}; placeholder drawn"));
            let label = match fig.src {
                Some(src) => format!("PHOTO MISSING: {src}"),
                None => "PHOTO TO COME: none named in the copy".to_string(),
            };
            placeholder(ctx, &mut items, source, frame, &label);
        }
    }
    let mut y = frame_h + 2.0;
    if let Some(credit) = fig.credit {
        let p = StyledParagraph::plain(credit, &credit_role);
        let tag = (Role::Credit, source);
        y = ctx.set_block(&mut items, tag, &p, &credit_role, 0.0, y, width);
    }
    if !fig.caption.is_empty() {
        let p = styled(fig.caption, &caption_role);
        let tag = (Role::Caption, source);
        y = ctx.set_block(&mut items, tag, &p, &caption_role, 0.0, y + 1.0, width);
    }
    let built = Built {
        items,
        width,
        height: ctx.whole(y + 2.0),
    };
    (built, at_limit)
}

/// A grey box with a cross and a label, where an image should be.
fn placeholder(ctx: &mut Ctx, items: &mut Vec<Item>, source: Source, frame: Rect, label: &str) {
    let s = ctx.style;
    let tag = (Role::Placeholder, source);
    let Rect { x, y, w, h } = frame;
    let ink = (s.furniture.rule_weight, s.furniture.rule_colour);
    let panel = Shape::Box {
        rect: frame,
        fill: Some(s.furniture.placeholder_tint),
        stroke: Some(ink),
    };
    items.push(Item::new(tag.0, tag.1, panel));
    for (from, to) in [((x, y), (x + w, y + h)), ((x + w, y), (x, y + h))] {
        items.push(rule(tag, from, to, ink.0, ink.1));
    }
    let mut role = s.roles.caption.clone();
    role.bold = true;
    // A paper-white band keeps the label legible over the cross.
    let band = Shape::Box {
        rect: Rect::new(
            x + ink.0,
            y + h / 2.0 - role.size * 1.2,
            w - 2.0 * ink.0,
            role.leading + role.size * 0.8,
        ),
        fill: Some(Cmyk::WHITE),
        stroke: None,
    };
    items.push(Item::new(tag.0, tag.1, band));
    let mut p = StyledParagraph::plain(label, &role);
    p.align = Align::Center;
    let top = y + h / 2.0 - role.size;
    ctx.set_block(items, tag, &p, &role, x + 6.0, top, w - 12.0);
}

/// Where to draw an image of `px` pixels so that it covers `frame` (x, y, w, h)
/// without distortion, centred; what overhangs is clipped.
pub fn cover(frame: Rect, px: (u32, u32)) -> Rect {
    let Rect { x, y, w, h } = frame;
    let (pw, ph) = (px.0.max(1) as f32, px.1.max(1) as f32);
    let scale = (w / pw).max(h / ph);
    let (dw, dh) = (pw * scale, ph * scale);
    Rect::new(x + (w - dw) / 2.0, y + (h - dh) / 2.0, dw, dh)
}

/// Pixels per inch of an image of `pixels` across drawn `points` wide.
pub fn effective_ppi(pixels: u32, points: f32) -> f32 {
    if points <= 0.0 {
        0.0
    } else {
        pixels as f32 * 72.0 / points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_fills_the_frame_without_distortion() {
        let frame = Rect::new(10.0, 20.0, 300.0, 200.0);
        let Rect { x, y, w, h } = cover(frame, (1000, 1000));
        assert_eq!((w, h), (300.0, 300.0));
        assert_eq!((x, y), (10.0, -30.0));
        assert_eq!(effective_ppi(600, 72.0), 600.0);
    }
}
