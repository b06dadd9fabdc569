//! The head of the story across the columns of its first page: kicker,
//! headline, decks, byline, and the rule that closes it.

use crate::backend::Document;
use crate::locale::{Language, Words};
use crate::pdf::ctx::Ctx;
use crate::pdf::frame::{Item, Page, Point, Role, Shape, Source};
use crate::pdf::setter::StyledParagraph;

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
    if !meta.headline.is_empty() {
        let p = StyledParagraph::plain(&meta.headline, &roles.headline);
        let tag = (Role::Headline, Source::Head);
        y = ctx.set_block(items, tag, &p, &roles.headline, x, y, width) + 4.0;
    }
    for deck in &meta.decks {
        let p = StyledParagraph::plain(deck, &roles.deck);
        let tag = (Role::Deck, Source::Head);
        y = ctx.set_block(items, tag, &p, &roles.deck, x, y, width * 0.8) + 2.0;
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
