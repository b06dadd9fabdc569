//! NewsML envelopes whose story is not a NITF document: NewsML-G2 items carrying
//! XHTML (`inlineXML` of `application/xhtml+xml`, as dpa and STT send) or plain
//! text (`inlineData` of `text/plain`, as ANSA sends), and NewsML 1.2 (AFP), whose
//! `NewsLines` and metadata frame a body-only NITF.
//!
//! The envelope gives the head: for NewsML-G2 `contentMeta` and `rightsInfo`
//! ([`head::newsml`]); for NewsML 1.2 `NewsLines`, `DescriptiveMetadata`,
//! `RightsMetadata`, `NewsManagement` and `Identification` (`newsml1.*` in `extra`).

use crate::model::{Article, Block, Inline, Meta};
use crate::read::news::{dateline_parts, iso_date};

use super::body;
use super::head::{self, add_extra, language_tag, names_from_text, non_empty};
use super::xml::{collapse_whitespace, trim_separators, Element};
use super::Context;

/// A NewsML-G2 item with an XHTML payload: the envelope's head, the XHTML `<header>`
/// as metadata, the XHTML body as blocks.
pub(super) fn read_xhtml(root: &Element, html: &Element, article: &mut Article, cx: &mut Context) {
    let meta = &mut article.meta;
    head::newsml(root, meta, cx);
    if meta.language.is_none() {
        meta.language = html
            .attr("xml:lang")
            .or_else(|| html.attr("lang"))
            .and_then(language_tag);
    }
    if let Some(title) = html.child("head").and_then(|h| h.child("title")) {
        let text = title.text();
        if meta.headline.is_empty() && !text.is_empty() {
            cx.decide(title, "headline from the XHTML <title>");
            meta.headline = text;
        } else if text != meta.headline {
            add_extra(meta, "xhtml.title", &text);
        }
    }
    let body = html.child("body").unwrap_or(html);
    for header in body.elements().filter(|e| e.name == "header") {
        xhtml_header(header, meta, cx);
    }
    article.body = body::flow_except(&body.children, |e| e.name == "header", cx);
    drop_headline_copy(article, body, cx);
}

/// The XHTML `<header>` is metadata: a slugline list, a publication time, a genre
/// line and an `<h1>` copy of the headline. Nothing in it is dropped.
fn xhtml_header(header: &Element, meta: &mut Meta, cx: &mut Context) {
    for el in header.elements() {
        let text = el.text();
        match el.name.as_str() {
            "ul" | "ol" => {
                let items: Vec<String> = el
                    .elements()
                    .map(Element::text)
                    .filter(|t| !t.is_empty())
                    .collect();
                let key = el.attr_value("class").unwrap_or_else(|| "list".to_string());
                cx.decide(
                    el,
                    format!("the XHTML header's list `{key}` is metadata: kept in meta.extra[\"xhtml.{key}\"]"),
                );
                add_extra(meta, &format!("xhtml.{key}"), &items.join("; "));
            }
            "time" => {
                let value = el
                    .attr_value("data-datetime")
                    .or_else(|| el.attr_value("datetime"))
                    .unwrap_or_else(|| text.clone());
                let value = iso_date(&value).unwrap_or(value);
                if meta.date.is_none() {
                    cx.decide(el, "date from the XHTML header's <time>");
                    meta.date = Some(value);
                } else {
                    cx.decide(el, "the XHTML header's <time> kept in meta.extra[\"xhtml.time\"]: the envelope gave the date");
                    add_extra(meta, "xhtml.time", &value);
                }
            }
            "h1" if meta.headline.is_empty() && !text.is_empty() => {
                cx.decide(el, "headline from the XHTML header's <h1>");
                meta.headline = text;
            }
            "h1" if text == meta.headline => {
                cx.decide(
                    el,
                    "the XHTML header's <h1> repeats the headline: not set as body text",
                );
            }
            "h2" | "h3" if !text.is_empty() && !meta.decks.contains(&text) => {
                cx.decide(
                    el,
                    format!("the XHTML header's <{}> taken as a deck", el.name),
                );
                meta.decks.push(text);
            }
            _ => {
                let key = match el.attr_value("class") {
                    Some(class) => class.split_whitespace().next().unwrap_or("").to_string(),
                    None => el.name.clone(),
                };
                cx.decide(
                    el,
                    format!(
                        "the XHTML header's <{}> is metadata: kept in meta.extra[\"xhtml.{key}\"]",
                        el.name
                    ),
                );
                add_extra(meta, &format!("xhtml.{key}"), &text);
            }
        }
    }
}

/// A first subhead that repeats the headline is a copy of it, not a subhead.
fn drop_headline_copy(article: &mut Article, at: &Element, cx: &mut Context) {
    if let Some(Block::Heading { content, .. }) = article.body.first() {
        if crate::model::plain_text(content) == article.meta.headline {
            cx.decide(
                at,
                "a first heading repeating the headline is not set as a subhead",
            );
            article.body.remove(0);
        }
    }
}

/// A NewsML-G2 item with a plain-text payload: paragraphs from blank lines and
/// indented first lines; lines wrapped inside a paragraph are joined.
pub(super) fn read_text(root: &Element, data: &Element, article: &mut Article, cx: &mut Context) {
    head::newsml(root, &mut article.meta, cx);
    article.body = text_blocks(data, "plain-text payload", cx);
}

/// The paragraphs of a text payload (G2 `inlineData`, or a NewsML 1.2 `DataContent`
/// holding HTML as CDATA): `<p>` tags and blank lines part them, other tags are
/// removed (with a warning naming them) and their text kept.
fn text_blocks(data: &Element, what: &str, cx: &mut Context) -> Vec<Block> {
    let raw = data.text_preserving_lines();
    let (raw, removed) = strip_tags(&raw);
    if !removed.is_empty() {
        let mut names: Vec<&str> = removed.iter().map(String::as_str).collect();
        names.dedup();
        names.truncate(6);
        cx.warn(
            data,
            format!(
                "{} HTML tag(s) typed into the text ({}) removed; their text is kept",
                removed.len(),
                names.join(", ")
            ),
        );
    }
    let (paragraphs, joined) = text_paragraphs(&raw);
    cx.decide(
        data,
        format!(
            "{what}: {} paragraph(s), each begun by a blank line, a <p> or an indented line; {joined} wrapped line(s) joined",
            paragraphs.len()
        ),
    );
    paragraphs
        .into_iter()
        .map(|text| Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(text)],
        })
        .collect()
}

/// The text without HTML tags other than `<p>`/`</p>` (which part paragraphs) and the
/// tags removed, as `<name>`; a `<br>` leaves a space.
fn strip_tags(text: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let body = tail[1..].strip_prefix('/').unwrap_or(&tail[1..]);
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let close = tail
            .find('>')
            .filter(|&c| c <= 300 && !tail[1..c].contains('<'));
        match close {
            Some(close) if name.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                let lower = name.to_ascii_lowercase();
                if lower == "p" {
                    out.push_str(&tail[..=close]);
                } else {
                    if lower == "br" {
                        out.push(' ');
                    }
                    removed.push(format!("<{lower}>"));
                }
                rest = &tail[close + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    removed.sort();
    (out, removed)
}

/// Paragraphs of wire text and how many lines were joined. A `<p>` or `</p>` typed
/// into the text (ANSA's CDATA holds them) separates paragraphs like a blank line.
fn text_paragraphs(raw: &str) -> (Vec<String>, usize) {
    let mut text = raw.to_string();
    for tag in ["<p>", "</p>", "<P>", "</P>"] {
        text = text.replace(tag, "\n\n");
    }
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut joined = 0;
    for line in text.lines() {
        let indented = line.starts_with("  ") || line.starts_with('\t');
        let line = line.trim();
        if line.is_empty() || indented {
            if !current.is_empty() {
                paragraphs.push(collapse_whitespace(&std::mem::take(&mut current)));
            }
            if line.is_empty() {
                continue;
            }
        } else if !current.is_empty() {
            joined += 1;
        }
        current.push(' ');
        current.push_str(line);
    }
    if !current.trim().is_empty() {
        paragraphs.push(collapse_whitespace(&current));
    }
    (paragraphs, joined)
}

/// NewsML 1.2: the `NewsItem`'s envelope fills the head the NITF inside left empty.
pub(super) fn newsml1_meta(root: &Element, meta: &mut Meta, cx: &mut Context) {
    let Some(item) = root.find("NewsItem") else {
        return;
    };
    if let Some(identifier) = item.find("NewsIdentifier") {
        news_identifier(identifier, meta, cx);
    }
    if let Some(label) = item.find("NameLabel") {
        add_extra(meta, "newsml1.NameLabel", &label.text());
    }
    if let Some(management) = item.child("NewsManagement") {
        for el in management.elements() {
            let value = el
                .attr_value("FormalName")
                .or_else(|| non_empty(&el.text()));
            let Some(value) = value else { continue };
            match el.name.as_str() {
                "FirstCreated" if meta.date.is_none() => {
                    cx.decide(el, "date from the NewsML 1.2 <FirstCreated>");
                    meta.date = Some(iso_date(&value).unwrap_or(value));
                }
                name => add_extra(
                    meta,
                    &format!("newsml1.{name}"),
                    &iso_date(&value).unwrap_or(value),
                ),
            }
        }
    }
    // The outermost component with news lines frames the story.
    let Some(component) =
        find_with_child(item, "NewsComponent", "NewsLines").or_else(|| item.find("NewsComponent"))
    else {
        return;
    };
    if let Some(lines) = component.child("NewsLines") {
        news_lines(lines, meta, cx);
    }
    if let Some(descriptive) = component.child("DescriptiveMetadata") {
        for el in descriptive.elements() {
            let value = el
                .attr_value("FormalName")
                .or_else(|| non_empty(&el.text()));
            match (el.name.as_str(), value) {
                ("Language", Some(tag)) if meta.language.is_none() => {
                    cx.decide(el, "language from the NewsML 1.2 DescriptiveMetadata");
                    meta.language = language_tag(&tag);
                }
                (name, Some(value)) => add_extra(meta, &format!("newsml1.{name}"), &value),
                _ => {}
            }
        }
    }
    if let Some(provider) = component
        .child("AdministrativeMetadata")
        .and_then(|a| a.find("Party"))
        .and_then(|p| p.attr_value("FormalName"))
    {
        if meta.source.is_none() {
            cx.decide(
                component,
                format!("source `{provider}` from the NewsML 1.2 AdministrativeMetadata"),
            );
            meta.source = Some(provider);
        } else {
            add_extra(meta, "newsml1.Provider", &provider);
        }
    }
    if let Some(rights) = component.child("RightsMetadata") {
        for usage in rights.elements().flat_map(|u| u.elements()) {
            let value = usage
                .attr_value("FormalName")
                .or_else(|| non_empty(&usage.text()));
            let Some(value) = value else { continue };
            if usage.name == "UsageType" {
                // A restriction belongs with the rights a desk reads before printing.
                cx.decide(
                    usage,
                    format!("usage restriction `{value}` added to the rights"),
                );
                meta.rights = Some(match meta.rights.take() {
                    Some(rights) => format!("{rights}; {value}"),
                    None => value,
                });
            } else {
                add_extra(meta, &format!("newsml1.{}", usage.name), &value);
            }
        }
    }
}

/// `NewsIdentifier`: the `PublicIdentifier` is the article's `id` (where the NITF
/// inside gave none); its parts are kept as given in `newsml1.ProviderId`,
/// `newsml1.DateId`, `newsml1.NewsItemId`, `newsml1.RevisionId` (with
/// `newsml1.RevisionId.PreviousRevision` and `newsml1.RevisionId.Update`). Without
/// a `PublicIdentifier`, the id is made from the parts as NewsML 1.2 defines it:
/// `urn:newsml:ProviderId:DateId:NewsItemId:RevisionId` and the update letter.
fn news_identifier(identifier: &Element, meta: &mut Meta, cx: &mut Context) {
    let part = |name: &str| identifier.child(name).and_then(|e| non_empty(&e.text()));
    for name in ["ProviderId", "DateId", "NewsItemId", "RevisionId"] {
        if let Some(value) = part(name) {
            add_extra(meta, &format!("newsml1.{name}"), &value);
        }
    }
    let revision = identifier.child("RevisionId");
    for attr in ["PreviousRevision", "Update"] {
        if let Some(value) = revision.and_then(|r| r.attr_value(attr)) {
            add_extra(meta, &format!("newsml1.RevisionId.{attr}"), &value);
        }
    }
    let public = match part("PublicIdentifier") {
        Some(id) => Some((id, "the NewsML 1.2 <PublicIdentifier>")),
        None => match (
            part("ProviderId"),
            part("DateId"),
            part("NewsItemId"),
            part("RevisionId"),
        ) {
            (Some(provider), Some(date), Some(item), Some(revision)) => {
                // "N" (a new item) adds no letter; "A" (additions) and "U" (an update) do.
                let update = identifier
                    .child("RevisionId")
                    .and_then(|r| r.attr_value("Update"))
                    .filter(|u| u == "A" || u == "U")
                    .unwrap_or_default();
                Some((
                    format!("urn:newsml:{provider}:{date}:{item}:{revision}{update}"),
                    "the NewsML 1.2 <NewsIdentifier> parts (it has no <PublicIdentifier>)",
                ))
            }
            _ => None,
        },
    };
    let Some((id, from)) = public else {
        return;
    };
    if meta.id.is_none() {
        cx.decide(identifier, format!("id `{id}` from {from}"));
        meta.id = Some(id);
    } else if meta.id.as_deref() != Some(id.as_str()) {
        cx.decide(
            identifier,
            format!("the NITF's own id is kept; the NewsML 1.2 identifier `{id}` kept in meta.extra[\"newsml1.PublicIdentifier\"]"),
        );
        add_extra(meta, "newsml1.PublicIdentifier", &id);
    }
}

/// `NewsLines`: headline, decks, bylines, dateline, rights; the rest in `extra`.
fn news_lines(lines: &Element, meta: &mut Meta, cx: &mut Context) {
    for el in lines.elements() {
        let text = el.text();
        if text.is_empty() {
            continue;
        }
        match el.name.as_str() {
            "HeadLine" if meta.headline.is_empty() => {
                cx.decide(el, "headline from the NewsML 1.2 <HeadLine>");
                meta.headline = text;
            }
            "SubHeadLine" if !meta.decks.contains(&text) && text != meta.headline => {
                cx.decide(el, "deck from the NewsML 1.2 <SubHeadLine>");
                meta.decks.push(text);
            }
            "ByLine" if meta.bylines.is_empty() => {
                cx.decide(el, "byline from the NewsML 1.2 <ByLine>");
                meta.bylines = names_from_text(&text);
            }
            "DateLine" if !text.chars().any(char::is_alphabetic) => {
                cx.decide(
                    el,
                    format!("the NewsML 1.2 <DateLine> `{text}` names no place: kept in meta.extra[\"newsml1.DateLine\"], not as the dateline"),
                );
                add_extra(meta, "newsml1.DateLine", &text);
            }
            "DateLine" if meta.dateline.is_none() => {
                let (printed, tag) = dateline_parts(trim_separators(&text));
                cx.decide(
                    el,
                    format!(
                        "dateline `{}` from the NewsML 1.2 <DateLine>",
                        printed.place
                    ),
                );
                if let Some(tag) = tag {
                    add_extra(meta, "dateline_agency", tag);
                }
                meta.dateline = Some(printed);
            }
            "CopyrightLine" if meta.rights.is_none() => {
                cx.decide(el, "rights from the NewsML 1.2 <CopyrightLine>");
                meta.rights = Some(text);
            }
            "KeywordLine" => meta.keywords.push(text),
            "CreditLine" if meta.source.is_none() => meta.source = Some(text),
            name => add_extra(meta, &format!("newsml1.{name}"), &text),
        }
    }
}

/// The first element named `name` in the subtree that has a child named `child`.
fn find_with_child<'a>(el: &'a Element, name: &str, child: &str) -> Option<&'a Element> {
    if el.name == name && el.child(child).is_some() {
        return Some(el);
    }
    el.elements().find_map(|e| find_with_child(e, name, child))
}

/// A NewsML 1.2 item whose `DataContent` holds body content without a `<nitf>` root.
pub(super) fn read_newsml1_body(root: &Element, article: &mut Article, cx: &mut Context) {
    newsml1_meta(root, &mut article.meta, cx);
    let contents: Vec<&Element> = data_contents(root);
    for data in contents {
        if data.elements().next().is_none() {
            // HTML sent as CDATA (ANA-MPE): text with <P> tags typed into it.
            let what = "the NewsML 1.2 DataContent holds text, not elements";
            article.body.extend(text_blocks(data, what, cx));
            continue;
        }
        let content = data.find("body.content").unwrap_or(data);
        if let Some(head) = data.find("body.head") {
            cx.warn(head, "a <body.head> inside NewsML 1.2 DataContent without <nitf> is not read; the NewsLines give the head");
        }
        article.body.extend(body::flow(&content.children, cx));
    }
}

/// The text `DataContent`s of a NewsML 1.2 document, in order.
fn data_contents(el: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect_data(el, &mut out);
    out
}

fn collect_data<'a>(el: &'a Element, out: &mut Vec<&'a Element>) {
    for child in el.elements() {
        if child.name == "DataContent" {
            out.push(child);
        } else {
            collect_data(child, out);
        }
    }
}

/// The NewsML-G2 package message: it references items and holds no text.
pub(super) fn package_message(package: &Element) -> String {
    let refs = count(package, "itemRef");
    format!(
        "this is a NewsML-G2 packageItem: it lists {refs} reference(s) to other items (<itemRef>) and holds no article text; read the newsItems it references instead"
    )
}

fn count(el: &Element, name: &str) -> usize {
    el.elements()
        .map(|e| usize::from(e.name == name) + count(e, name))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_text_paragraphs_from_blank_and_indented_lines() {
        let (paragraphs, joined) = text_paragraphs(
            "<p>\n   (NWP) - Marsk - The ferry\nsailed at noon.\n   \"It was late,\"\nsaid the master.\n</p>",
        );
        assert_eq!(
            paragraphs,
            [
                "(NWP) - Marsk - The ferry sailed at noon.",
                "\"It was late,\" said the master."
            ]
        );
        assert_eq!(joined, 2);
    }
}
