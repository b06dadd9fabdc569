//! The story's frame as news copy writes it, after the body is read: a dateline run
//! into the lede, a byline typed as the first paragraph, sign-offs closing the copy.
//! The same for every payload (NITF, XHTML, text); the heuristics are in `read::news`.

use crate::model::{plain_text, Article, Block, Inline, Meta};
use crate::read::news::{
    dateline_parts, is_placeholder_byline, is_sign_off, lede_repeating_dateline,
    looks_like_person_name, split_lede_dateline, strip_by,
};

use super::head::{add_extra, names_from_text};
use super::xml::{trim_separators, Element};
use super::Context;

/// After the body is read: a lede that repeats the dateline loses it; one that opens
/// with a dateline the head lacks gives it. The agency tag goes to `extra`.
pub(super) fn lede_dateline(article: &mut Article, at: &Element, cx: &mut Context) {
    if let Some((text, offset)) = cx.dateline_span.take() {
        let (printed, tag) = dateline_parts(trim_separators(&text));
        cx.diagnostics.decide_at(
            cx.lines,
            offset,
            format!(
                "the XHTML span.dateline `{}` taken as the dateline, not lede text",
                text.trim()
            ),
        );
        if let Some(tag) = tag {
            article
                .meta
                .extra
                .entry("dateline_agency".to_string())
                .or_insert_with(|| tag.to_string());
        }
        match &mut article.meta.dateline {
            Some(dateline) if dateline.date.is_none() => dateline.date = printed.date,
            Some(_) => {}
            None if !printed.place.is_empty() => article.meta.dateline = Some(printed),
            None => {}
        }
        return;
    }
    let Some(Block::Paragraph { content, .. }) = article
        .body
        .iter_mut()
        .find(|b| matches!(b, Block::Paragraph { .. }))
    else {
        return;
    };
    let Some(Inline::Text { text }) = content.first_mut() else {
        return;
    };
    let meta = &mut article.meta;
    if let Some(place) = meta.dateline.as_ref().map(|d| d.place.clone()) {
        if let Some((rest, tag)) = lede_repeating_dateline(text, &place) {
            cx.decide(
                at,
                format!("the lede opens with the dateline `{place}` the head already gives: dropped from the text"),
            );
            *text = rest;
            keep_tag(meta, tag);
            return;
        }
    }
    let Some((printed, rest, tag)) = split_lede_dateline(text) else {
        return;
    };
    match &mut meta.dateline {
        None => {
            cx.decide(
                at,
                format!("dateline `{}` lifted out of the lede", printed.place),
            );
            meta.dateline = Some(printed);
        }
        Some(known) if places_agree(&known.place, &printed.place) => {
            cx.decide(
                at,
                format!(
                    "the lede opens with the dateline `{}`: dropped from the text",
                    printed.place
                ),
            );
            if known.date.is_none() {
                known.date = printed.date;
            }
        }
        Some(_) => return,
    }
    *text = rest;
    keep_tag(meta, tag);
}

/// A first paragraph "By …" is the byline when the head names no one (or only a
/// placeholder such as "Staff Reporter"); closing sign-offs (`/nwp/`, `(HarbourDesk)`,
/// editors' initials) are not story text. Both are kept in `meta`.
pub(super) fn byline_and_sign_offs(
    article: &mut Article,
    paragraphs: &[&Element],
    at: &Element,
    cx: &mut Context,
) {
    let first = paragraphs.first().copied().unwrap_or(at);
    let meta = &mut article.meta;
    let no_one = meta.bylines.iter().all(|b| is_placeholder_byline(&b.name));
    if let Some(Block::Paragraph { content, .. }) = article.body.first() {
        let text = plain_text(content);
        let names = strip_by(&text);
        let short = names.split_whitespace().count() <= 12 && !names.ends_with(['.', '!', '?']);
        if no_one && names.len() < text.trim().len() && short && !names.is_empty() {
            let found = names_from_text(&text);
            let people = found.iter().all(|b| looks_like_person_name(&b.name));
            if !found.is_empty() && people {
                cx.decide(
                    first,
                    format!("the first paragraph `{text}` is the byline (the head names no one)"),
                );
                for placeholder in std::mem::take(&mut meta.bylines) {
                    add_extra(meta, "byline.placeholder", &placeholder.name);
                }
                meta.bylines = found;
                article.body.remove(0);
            }
        }
    }
    let mut signed = Vec::new();
    while let Some(Block::Paragraph { content, .. }) = article.body.last() {
        let text = plain_text(content);
        if !is_sign_off(&text) {
            break;
        }
        let from_end = signed.len() + 1;
        let el = paragraphs
            .len()
            .checked_sub(from_end)
            .map_or(at, |i| paragraphs[i]);
        signed.push((el, text.trim().to_string()));
        article.body.pop();
    }
    for (el, text) in signed.into_iter().rev() {
        cx.decide(
            el,
            format!("the closing line `{text}` signs the copy: kept in meta.extra[\"signoff\"], not as body text"),
        );
        add_extra(meta, "signoff", &text);
    }
}

fn places_agree(a: &str, b: &str) -> bool {
    let first = |s: &str| s.split(',').next().unwrap_or("").trim().to_lowercase();
    first(a) == first(b)
}

fn keep_tag(meta: &mut Meta, tag: Option<String>) {
    if let Some(tag) = tag {
        meta.extra
            .entry("dateline_agency".to_string())
            .or_insert(tag);
    }
}
