//! Page furniture inside the trim: jump lines between the pages of a
//! continued story ("See FERRY, page 2" / "FERRY from page 1", in the
//! article's language), the running head over the columns (one line, cut
//! to fit) and the folio under them.

use crate::backend::Document;
use crate::locale::{Language, Words};
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::PageSlots;
use crate::pdf::frame::{Item, Page, Point, Role, Shape, Source};
use crate::pdf::head::words;
use crate::pdf::setter::StyledParagraph;
use crate::style::{Align, TextRole};

/// Where readers keep a story's slug in `meta.extra`, most trusted first.
const SLUG_KEYS: &[&str] = &[
    "slug",
    "du-key.key",
    "xhtml.slugline",
    "newsml1.SlugLine",
    "slugline",
];

/// The word jump lines name the story by, in capitals: the desk's own
/// (`meta.extra["jump"]`), else the slug's first word, else the headline's
/// longest word of four letters or more (the first of equals); `None` when
/// none of them has one.
pub fn jump_word(doc: &Document) -> Option<String> {
    let meta = &doc.article.meta;
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(|w| w.trim_matches('\''))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .map(str::to_string)
            .collect()
    };
    if let Some(own) = meta.extra.get("jump").map(|s| s.trim()) {
        if !own.is_empty() {
            return Some(own.to_uppercase());
        }
    }
    let slug = SLUG_KEYS
        .iter()
        .filter_map(|k| meta.extra.get(*k))
        .find_map(|s| words(s).into_iter().next());
    let key = || {
        let mut best: Option<String> = None;
        for w in words(&meta.headline) {
            let n = w.chars().count();
            if n >= 4 && best.as_ref().is_none_or(|b| n > b.chars().count()) {
                best = Some(w);
            }
        }
        best
    };
    slug.or_else(key).map(|w| w.to_uppercase())
}

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

/// Jump lines between the pages used: "See WORD, page n+1" at the foot of
/// the last column, "WORD from page n" opening the next page's text at the
/// baseline kept for it (`jump_in`, by page). A jump word too long for the
/// column leaves the plain "Continued on page n" form.
pub fn jump_lines(ctx: &mut Ctx, frames: &mut [Page], jump_in: &[u32], doc: &Document) {
    let grid = ctx.grid;
    let role = &ctx.style.roles.jump;
    let last_col = grid.columns.len() - 1;
    let said = words(doc);
    let word = jump_word(doc);
    let line = |ctx: &mut Ctx, text: &[String], align: Option<Align>, x: f32, w: f32, k: u32| {
        let fits = |ctx: &mut Ctx, t: &String| {
            let mut p = StyledParagraph::plain(t, role);
            if let Some(align) = align {
                p.align = align;
            }
            let lines = ctx.set(&p, &[w]);
            (lines.len() == 1)
                .then(|| lines.into_iter().next())
                .flatten()
        };
        let line = text.iter().find_map(|t| fits(ctx, t))?;
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
        let out = [
            said.jump_to_page(word.as_deref(), n + 2),
            said.jump_to_page(None, n + 2),
        ];
        if let Some(item) = line(ctx, &out, None, cx, cw, grid.baselines() - 1) {
            frames[n].items.push(item);
        }
        let from = [
            said.jump_from_page(word.as_deref(), n + 1),
            said.jump_from_page(None, n + 1),
        ];
        let (x, w) = grid.columns[0];
        let k = jump_in.get(n + 1).copied().unwrap_or(0);
        if let Some(item) = line(ctx, &from, Some(Align::Left), x, w, k) {
            // Reading order: the jump-in line opens the page's text.
            frames[n + 1].items.insert(0, item);
        }
    }
}

/// The longest start of `text`, cut at a word and ended with an ellipsis,
/// that sets on one line `width` wide (a cut never ends in a separator).
fn one_line(ctx: &mut Ctx, text: &str, role: &TextRole, width: f32) -> String {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    for n in (1..=words.len()).rev() {
        let mut kept = words[..n].to_vec();
        let cut = n < words.len();
        while kept.len() > 1 && kept.last() == Some(&"\u{00B7}") {
            kept.pop();
        }
        let mut candidate = kept.join(" ");
        if cut && kept.len() == n {
            candidate.push('\u{2026}');
        }
        let p = StyledParagraph::plain(&candidate, role);
        if ctx.try_set(&p, &[width]).lines.len() <= 1 {
            return candidate;
        }
    }
    words.first().map_or(String::new(), |w| w.to_string())
}

/// The running head over the columns (series or section, the headline on
/// continued pages, the date), on one line beside the date, and the folio
/// under them.
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
            Some(p) => format!("{} \u{00B7} {} {p}", s.name, words(doc).part),
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
    let date = meta.date.as_deref().map(|d| {
        let mut p = StyledParagraph::plain(&display_date_in(d, words(doc)), role);
        p.align = Align::Right;
        p.spans[0].face.bold = false;
        p
    });
    // The head keeps clear of the date by two ems (measured set flush
    // left: a line set flush right is as wide as its measure).
    let date_width = date.as_ref().map_or(0.0, |p| {
        let left = StyledParagraph {
            align: Align::Left,
            ..p.clone()
        };
        let set = ctx.try_set(&left, &[grid.area_width()]);
        set.lines.first().map_or(0.0, |l| l.width) + 2.0 * role.size
    });
    if !head.is_empty() {
        let width = (grid.area_width() - date_width).max(grid.area_width() * 0.3);
        let text = one_line(ctx, &head, role, width);
        let p = StyledParagraph::plain(&text, role);
        ctx.set_block(&mut items, tag, &p, role, grid.area.0, top, width);
    }
    if let Some(p) = date {
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
    let folio = words(doc).page_of_pages(n + 1, total);
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

/// An ISO 8601 date as a reader writes it, in English (`2026-03-14` →
/// `14 March 2026`, `--12-09` → `9 December`); other text as it is.
pub fn display_date(date: &str) -> String {
    display_date_in(date, Words::of(Language::English))
}

/// [`display_date`] in a language's words (`14. mars 2026`).
pub fn display_date_in(date: &str, words: &Words) -> String {
    let day = date.trim().split(['T', ' ']).next().unwrap_or("");
    let (year, rest) = match day.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => match day.split_once('-') {
            Some((y, rest)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                (y.parse::<i32>().ok(), rest)
            }
            _ => return date.to_string(),
        },
    };
    let mut parts = rest.split('-');
    let month = parts.next().and_then(|m| m.parse::<u32>().ok());
    let dom = parts.next().and_then(|d| d.parse::<u32>().ok());
    match (month, dom, year) {
        (Some(m @ 1..=12), Some(d @ 1..=31), year) => words.date(year, m, d),
        (Some(m @ 1..=12), None, Some(y)) => words.month_year(m, y),
        _ => date.to_string(),
    }
}
