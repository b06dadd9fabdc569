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

/// A `span class="credit"` standing alone at the start or end of a paragraph (dpa's
/// `<span class="credit">(dpa)</span>` outside a dateline) credits the agency: it is
/// the source where nothing else named one, and is not set as running text. One
/// naming another agency than the source is kept in `meta.extra["xhtml.credit"]`.
/// A credit inside a sentence stays where it is, as a span.
pub(super) fn lone_credits(article: &mut Article, cx: &mut Context) {
    if cx.credit_spans.is_empty() {
        return;
    }
    let mut found = Vec::new();
    let mut emptied = Vec::new();
    for (index, block) in article.body.iter_mut().enumerate() {
        let Block::Paragraph { content, .. } = block else {
            continue;
        };
        if let Some(credit) = take_edge_credit(content) {
            found.push(credit);
            if plain_text(content).trim().is_empty() {
                emptied.push(index);
            }
        }
    }
    // A paragraph that held only the credit goes with it.
    for index in emptied.into_iter().rev() {
        article.body.remove(index);
    }
    for credit in found {
        let offset = cx
            .credit_spans
            .iter()
            .position(|(text, _)| text.trim() == credit)
            .map(|i| cx.credit_spans.remove(i).1)
            .unwrap_or(0);
        let name = credit
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']'))
            .to_string();
        if name.is_empty() {
            continue;
        }
        let meta = &mut article.meta;
        let message = match &meta.source {
            None => {
                let message = format!(
                    "the lone span.credit `{credit}` names the agency: taken as the source, not set as text"
                );
                meta.source = Some(name);
                message
            }
            Some(source) if source.eq_ignore_ascii_case(&name) => {
                format!("the lone span.credit `{credit}` repeats the source: not set as text")
            }
            Some(source) => {
                let message = format!(
                    "the lone span.credit `{credit}` names another agency than the source `{source}`: kept in meta.extra[\"xhtml.credit\"], not set as text"
                );
                add_extra(meta, "xhtml.credit", &name);
                message
            }
        };
        cx.diagnostics.decide_at(cx.lines, offset, message);
    }
}

/// Takes a credit span off the start or end of a paragraph (with the separator
/// beside it) and returns its text.
fn take_edge_credit(content: &mut Vec<Inline>) -> Option<String> {
    let is_credit = |i: &Inline| matches!(i, Inline::Span { classes, .. } if classes.iter().any(|c| c.eq_ignore_ascii_case("credit")));
    let blank = |i: &Inline| matches!(i, Inline::Text { text } if trim_separators(text).is_empty());
    let first = content.iter().position(|i| !blank(i))?;
    let last = content.iter().rposition(|i| !blank(i))?;
    let at = if is_credit(&content[first]) {
        first
    } else if is_credit(&content[last]) {
        last
    } else {
        return None;
    };
    let Inline::Span { content: inner, .. } = content.remove(at) else {
        return None;
    };
    // The separator after a leading credit ("(dpa) - Text") goes with it, and so does
    // the space before a closing one.
    if at == first {
        content.drain(..at);
        if let Some(Inline::Text { text }) = content.first_mut() {
            let kept = text
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '–' | '—' | '-' | ':')
                })
                .to_string();
            *text = kept;
        }
    } else {
        content.truncate(at);
        if let Some(Inline::Text { text }) = content.last_mut() {
            let kept = text.trim_end().to_string();
            *text = kept;
        }
    }
    content.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    Some(plain_text(&inner).trim().to_string())
}

/// A deck that repeats the lede word for word (ANA-MPE sends the first paragraph as
/// the `SubHeadLine`) would print the text twice: the lede stays, the deck goes.
pub(super) fn deck_copying_lede(article: &mut Article, at: &Element, cx: &mut Context) {
    let Some(Block::Paragraph { content, .. }) = article
        .body
        .iter()
        .find(|b| matches!(b, Block::Paragraph { .. }))
    else {
        return;
    };
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let lede = squash(&plain_text(content));
    let before = article.meta.decks.len();
    article.meta.decks.retain(|d| squash(d) != lede);
    if article.meta.decks.len() < before {
        cx.decide(
            at,
            "a deck repeating the lede word for word is not set as a deck (the lede keeps the text)",
        );
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
