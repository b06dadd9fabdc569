//! Page furniture inside the trim: jump lines between the pages of a
//! continued story, the running head over the columns and the folio under
//! them.

use crate::backend::Document;
use crate::dates::MONTH_NAMES;
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::PageSlots;
use crate::pdf::frame::{Item, Page, Point, Role, Shape, Source};
use crate::pdf::setter::StyledParagraph;
use crate::style::Align;

/// Keeps the last column's last baseline for "Continued on page n".
pub fn reserve_jump(slots: &mut PageSlots, last_col: usize) {
    let k = slots.end[last_col].saturating_sub(1);
    slots.reserved.push((last_col, k));
}

/// Keeps the first column's first baseline of a continued page for
/// "Continued from page n".
pub fn reserve_jump_in(slots: &mut PageSlots) {
    slots.reserved.push((0, slots.start[0]));
    slots.jump_in = Some(slots.start[0]);
}

/// Jump lines between the pages used: "Continued on page n+1" at the foot
/// of the last column, "Continued from page n" opening the next page's text
/// at the baseline kept for it (`jump_in`, by page).
pub fn jump_lines(ctx: &mut Ctx, frames: &mut [Page], jump_in: &[u32]) {
    let grid = ctx.grid;
    let role = &ctx.style.roles.jump;
    let last_col = grid.columns.len() - 1;
    let line = |ctx: &mut Ctx, text: &str, align: Option<Align>, x: f32, w: f32, k: u32| {
        let mut p = StyledParagraph::plain(text, role);
        if let Some(align) = align {
            p.align = align;
        }
        let line = ctx.set(&p, &[w]).into_iter().next()?;
        Some(Item::new(
            Role::JumpLine,
            Source::Page,
            Shape::Text {
                at: Point::new(x, grid.baseline_y(k)),
                line,
                colour: role.colour,
            },
        ))
    };
    for n in 0..frames.len().saturating_sub(1) {
        let (cx, cw) = grid.columns[last_col];
        let out = format!("Continued on page {}", n + 2);
        if let Some(item) = line(ctx, &out, None, cx, cw, grid.baselines() - 1) {
            frames[n].items.push(item);
        }
        let from = format!("Continued from page {}", n + 1);
        let (x, w) = grid.columns[0];
        let k = jump_in.get(n + 1).copied().unwrap_or(0);
        if let Some(item) = line(ctx, &from, Some(Align::Left), x, w, k) {
            // Reading order: the jump-in line opens the page's text.
            frames[n + 1].items.insert(0, item);
        }
    }
}

/// The running head over the columns (series or section, the headline on
/// continued pages, the date) and the folio under them.
pub fn running_head(ctx: &mut Ctx, page: &mut Page, doc: &Document, n: usize, total: usize) {
    let style = ctx.style;
    let grid = ctx.grid;
    let meta = &doc.article.meta;
    let role = &style.roles.running_head;
    let folio_role = &style.roles.folio;
    let mut head = meta
        .series
        .as_ref()
        .map(|s| match s.part {
            Some(p) => format!("{} \u{00B7} {} {p}", s.name, super::head::words(doc).part),
            None => s.name.clone(),
        })
        .or_else(|| meta.section.clone())
        .unwrap_or_default();
    if n > 0 {
        if !head.is_empty() {
            head.push_str(" \u{00B7} ");
        }
        head.push_str(&meta.headline);
    }
    let y = style.page.margin_top * 0.5;
    let top = y - role.size * 0.8;
    let tag = (Role::RunningHead, Source::Page);
    let mut items = Vec::new();
    if !head.is_empty() {
        let p = StyledParagraph::plain(&head, role);
        ctx.set_block(
            &mut items,
            tag,
            &p,
            role,
            grid.area.0,
            top,
            grid.area_width() * 0.7,
        );
    }
    if let Some(date) = meta.date.as_deref().map(display_date) {
        let mut p = StyledParagraph::plain(&date, role);
        p.align = Align::Right;
        p.spans[0].face.bold = false;
        ctx.set_block(
            &mut items,
            tag,
            &p,
            role,
            grid.area.0,
            top,
            grid.area_width(),
        );
    }
    items.push(Item::new(
        tag.0,
        tag.1,
        Shape::Rule {
            from: Point::new(grid.area.0, y + 4.0),
            to: Point::new(grid.area.1, y + 4.0),
            weight: style.furniture.rule_weight,
            colour: style.furniture.rule_colour,
        },
    ));
    // The running head leads the page's text; the folio closes it.
    items.append(&mut page.items);
    let folio = format!("Page {} of {}", n + 1, total);
    let mut p = StyledParagraph::plain(&folio, folio_role);
    p.align = if n % 2 == 0 {
        Align::Right
    } else {
        Align::Left
    };
    let fy = style.page.height - style.page.margin_bottom * 0.5 - folio_role.size * 0.8;
    let tag = (Role::Folio, Source::Page);
    ctx.set_block(
        &mut items,
        tag,
        &p,
        folio_role,
        grid.area.0,
        fy,
        grid.area_width(),
    );
    page.items = items;
}

/// An ISO 8601 date as a reader writes it (`2026-03-14` → `14 March 2026`,
/// `--12-09` → `9 December`); other text as it is.
pub fn display_date(date: &str) -> String {
    let day = date.trim().split(['T', ' ']).next().unwrap_or("");
    let (year, rest) = match day.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => match day.split_once('-') {
            Some((y, rest)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                (Some(y), rest)
            }
            _ => return date.to_string(),
        },
    };
    let mut parts = rest.split('-');
    let month = parts.next().and_then(|m| m.parse::<usize>().ok());
    let dom = parts.next().and_then(|d| d.parse::<u32>().ok());
    match (month, dom) {
        (Some(m @ 1..=12), Some(d @ 1..=31)) => match year {
            Some(y) => format!("{d} {} {y}", MONTH_NAMES[m - 1]),
            None => format!("{d} {}", MONTH_NAMES[m - 1]),
        },
        (Some(m @ 1..=12), None) if year.is_some() => {
            format!("{} {}", MONTH_NAMES[m - 1], year.unwrap_or_default())
        }
        _ => date.to_string(),
    }
}
