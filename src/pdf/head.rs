//! The head of the story across the columns of its first page: kicker,
//! headline, decks, byline, and the rule that closes it. Headline and decks
//! are display type: each is set in the size step of the style's scale
//! ([`fit_display`]) that keeps to its line limit with a full last line.

use crate::backend::Document;
use crate::locale::{Language, Words};
use crate::pdf::ctx::Ctx;
use crate::pdf::frame::{Item, Page, Point, Role, Shape, Source};
use crate::pdf::setter::StyledParagraph;
use crate::style::{Align, TextRole};

/// Measures a display line is tried at, as shares of its full measure: a
/// narrower one moves words down and balances the lines.
const MEASURES: [f32; 9] = [1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6];

/// How display type is set: the role at the chosen size step, the measure
/// its lines are broken to, and how its lines came out.
#[derive(Debug, Clone, PartialEq)]
pub struct Display {
    /// The role with the step's size and leading.
    pub role: TextRole,
    /// The width the lines are broken to (at most the full measure).
    pub measure: f32,
    /// Lines set.
    pub lines: usize,
    /// Whether the setting keeps every rule: the line limit, and a last
    /// line of more than one word holding the share of the measure asked.
    pub good: bool,
}

/// What a head's display type keeps to.
#[derive(Debug, Clone, Copy)]
pub struct Limits<'s> {
    /// The size steps, largest first: (size, leading).
    pub steps: &'s [(f32, f32)],
    /// Most lines.
    pub max_lines: u32,
    /// Share of the full measure the last line holds at least.
    pub last_line_min: f32,
    /// The smallest size display type may take below the scale, when no
    /// step of the scale keeps to the line limit (a head over a narrow
    /// module).
    pub floor: f32,
}

/// Each size below the scale is this share of the one before.
const BELOW_SCALE: f32 = 0.9;

/// The sizes below a scale's smallest step, down to `floor`, at the
/// smallest step's proportion of leading to size.
fn below_scale(steps: &[(f32, f32)], floor: f32) -> Vec<(f32, f32)> {
    let Some(&(size, leading)) = steps.last() else {
        return Vec::new();
    };
    let ratio = leading / size;
    let mut out = Vec::new();
    let mut s = size * BELOW_SCALE;
    while s >= floor - 0.01 {
        let s1 = (s * 2.0).round() / 2.0;
        out.push((s1, (s1 * ratio * 2.0).round() / 2.0));
        s *= BELOW_SCALE;
    }
    out
}

/// Chooses the size step and measure for a headline or deck `width` wide:
/// the largest step whose lines keep to the limits at the full measure or a
/// narrower one with as many lines. When no step keeps to the line limit,
/// smaller sizes are tried below the scale down to the limits' floor.
/// When none does, the setting that breaks the fewest rules (the line
/// limit first, and over it the fewest lines, then a one-word last line,
/// then its share), larger steps first.
pub fn fit_display(
    ctx: &mut Ctx,
    text: &str,
    role: &TextRole,
    limits: Limits,
    width: f32,
) -> Display {
    let max = limits.max_lines as usize;
    let mut best: Option<((bool, i64, bool, bool), Display)> = None;
    let below = below_scale(limits.steps, limits.floor);
    for (i, &(size, leading)) in limits.steps.iter().chain(&below).enumerate() {
        // Below the scale only for the line limit.
        if i >= limits.steps.len() && best.as_ref().is_some_and(|(k, _)| k.0) {
            break;
        }
        let role = TextRole {
            size,
            leading,
            ..role.clone()
        };
        let p = StyledParagraph::plain(text, &role);
        let mut natural = None;
        for share in MEASURES {
            let measure = width * share;
            let set = ctx.try_set(&p, &[measure]);
            let lines = set.lines.len();
            // A narrower measure that takes another line no longer balances.
            if *natural.get_or_insert(lines) != lines {
                break;
            }
            let last = set.lines.last();
            let words = last.map_or(0, |l| l.text().split_whitespace().count());
            let full = last.map_or(0.0, |l| l.width) / width;
            let within = lines <= max;
            let whole = lines <= 1 || words > 1;
            let filled = lines <= 1 || full >= limits.last_line_min;
            let display = Display {
                role: role.clone(),
                measure,
                lines,
                good: within && whole && filled,
            };
            if display.good {
                return display;
            }
            // Over the limit, fewer lines come first.
            let over = if within { 0 } else { -(lines as i64) };
            let key = (within, over, whole, filled);
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, display));
            }
        }
    }
    best.map(|(_, d)| d).unwrap_or_else(|| Display {
        role: role.clone(),
        measure: width,
        lines: 0,
        good: false,
    })
}

/// Sets display type chosen by [`fit_display`] at `x` across `width`;
/// returns the y under its last line.
fn set_display(
    ctx: &mut Ctx,
    items: &mut Vec<Item>,
    tag: (Role, Source),
    text: &str,
    d: &Display,
    (x, y, width): (f32, f32, f32),
) -> f32 {
    let p = StyledParagraph::plain(text, &d.role);
    // A narrower measure keeps the role's alignment inside the full one.
    let dx = match d.role.align {
        Align::Center => (width - d.measure) / 2.0,
        Align::Right => width - d.measure,
        Align::Left | Align::Justify => 0.0,
    };
    ctx.set_block(items, tag, &p, &d.role, x + dx, y, d.measure)
}

/// Sets the head on the first page; returns the y under its closing rule.
pub fn head(ctx: &mut Ctx, page: &mut Page, doc: &Document) -> f32 {
    let grid = ctx.grid;
    let style = ctx.style;
    let roles = &style.roles;
    let meta = &doc.article.meta;
    let items = &mut page.items;
    let mut y = grid.top;
    let width = grid.width();
    let x = grid.left;
    if let Some(kicker) = kicker(doc) {
        let p = StyledParagraph::plain(&kicker, &roles.kicker);
        let tag = (Role::Kicker, Source::Head);
        y = ctx.set_block(items, tag, &p, &roles.kicker, x, y, width) + 2.0;
    }
    let head = &style.head;
    if !meta.headline.is_empty() {
        let limits = Limits {
            steps: &head.headline_sizes,
            max_lines: head.headline_max_lines,
            last_line_min: head.last_line_min,
            // No smaller than the deck under it.
            floor: head.deck_sizes.first().map_or(roles.deck.size, |s| s.0),
        };
        let d = fit_display(ctx, &meta.headline, &roles.headline, limits, width);
        over_limit(ctx, "headline", "headline_max_lines", &d, limits.max_lines);
        let tag = (Role::Headline, Source::Head);
        y = set_display(ctx, items, tag, &meta.headline, &d, (x, y, width)) + 4.0;
    }
    let limits = Limits {
        steps: &head.deck_sizes,
        max_lines: head.deck_max_lines,
        last_line_min: head.last_line_min,
        // A step over the body text.
        floor: roles.body.size * DECK_OVER_BODY,
    };
    for deck in &meta.decks {
        let d = fit_display(ctx, deck, &roles.deck, limits, width * 0.8);
        over_limit(ctx, "deck", "deck_max_lines", &d, limits.max_lines);
        let tag = (Role::Deck, Source::Head);
        y = set_display(ctx, items, tag, deck, &d, (x, y, width * 0.8)) + 2.0;
    }
    if let Some(line) = byline(doc) {
        let p = StyledParagraph::plain(&line, &roles.byline);
        let tag = (Role::Byline, Source::Head);
        y = ctx.set_block(items, tag, &p, &roles.byline, x, y + 2.0, width);
    }
    y += 4.0;
    items.push(Item::new(
        Role::HeadRule,
        Source::Head,
        Shape::Rule {
            from: Point::new(grid.left, y),
            to: Point::new(grid.right, y),
            weight: style.furniture.rule_weight,
            colour: style.furniture.rule_colour,
        },
    ));
    y
}

/// The smallest deck, as a share of the body's size.
const DECK_OVER_BODY: f32 = 1.25;

/// Warns when display type takes more lines than its limit at every size.
fn over_limit(ctx: &mut Ctx, what: &str, key: &str, d: &Display, max: u32) {
    if d.lines > max as usize {
        ctx.warn(format!(
            "the {what} takes {} lines even at {} pt, over the style's `{key}` ({max})",
            d.lines, d.role.size
        ));
    }
}

/// The words the furniture of an article is printed in.
pub fn words(doc: &Document) -> &'static Words {
    let language = doc.article.meta.language.as_deref();
    Words::of(language.map_or(Language::English, Language::from_tag))
}

/// The kicker: the article's own, or its part of a series ("Part 2"); a
/// section name is not a kicker (it belongs to the page's furniture).
pub fn kicker(doc: &Document) -> Option<String> {
    let meta = &doc.article.meta;
    if let Some(kicker) = &meta.kicker {
        return Some(kicker.clone());
    }
    let part = meta.series.as_ref()?.part?;
    Some(format!("{} {part}", words(doc).part))
}

/// "By A and B, Title · Agency".
pub fn byline(doc: &Document) -> Option<String> {
    let meta = &doc.article.meta;
    let names: Vec<String> = meta
        .bylines
        .iter()
        .map(|b| match &b.title {
            Some(t) => format!("{}, {t}", b.name),
            None => b.name.clone(),
        })
        .collect();
    let mut orgs: Vec<&str> = meta
        .bylines
        .iter()
        .filter_map(|b| b.org.as_deref())
        .collect();
    if let Some(source) = meta.source.as_deref() {
        orgs.push(source);
    }
    // An agency is named once: not again after a title that names it.
    let titles: Vec<String> = meta
        .bylines
        .iter()
        .filter_map(|b| b.title.as_deref())
        .map(str::to_lowercase)
        .collect();
    let mut seen: Vec<String> = Vec::new();
    orgs.retain(|org| {
        let key = org.to_lowercase();
        let keep = !titles.contains(&key) && !seen.contains(&key);
        seen.push(key);
        keep
    });
    let mut line = String::new();
    if !names.is_empty() {
        line = format!("{} {}", words(doc).by, names.join(" and "));
    }
    if !orgs.is_empty() {
        if !line.is_empty() {
            line.push_str(" \u{00B7} ");
        }
        line.push_str(&orgs.join(" \u{00B7} "));
    }
    (!line.is_empty()).then_some(line)
}
