//! The head of the story across the columns of its first page: kicker,
//! headline, decks, byline, and the rule that closes it.

use crate::backend::Document;
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
    if let Some(kicker) = meta.kicker.as_ref().or(meta.section.as_ref()) {
        let p = StyledParagraph::plain(kicker, &roles.kicker);
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
    orgs.dedup();
    let mut line = String::new();
    if !names.is_empty() {
        line = format!("By {}", names.join(" and "));
    }
    if !orgs.is_empty() {
        if !line.is_empty() {
            line.push_str(" \u{00B7} ");
        }
        line.push_str(&orgs.join(" \u{00B7} "));
    }
    (!line.is_empty()).then_some(line)
}
