//! Meta from `head` (`docdata`, `pubdata`, `meta`), `body.head`, `body.end`, the root's
//! attributes and a NewsML-G2 envelope. The `extra` key scheme is documented in the
//! module above.

use crate::model::{Byline, Dateline, Meta, Series};

use super::xml::{collapse_whitespace, trim_separators, Element, Node};
use super::Context;
use crate::read::news::{
    dateline_parts, is_editors_initials, iso_date, names_a_role, part_prefix, strip_by,
};

/// Fills `meta` from the NITF element and, when `root` is an envelope around it, NewsML-G2.
pub(super) fn read_meta(root: &Element, nitf: &Element, meta: &mut Meta, cx: &mut Context) {
    for (name, value) in &nitf.attrs {
        match name.as_str() {
            "baselang" | "xml:lang" if meta.language.is_none() => {
                meta.language = language_tag(value)
            }
            _ => add_extra(meta, &format!("nitf.{name}"), value),
        }
    }
    for el in nitf.elements() {
        if !matches!(el.name.as_str(), "head" | "body") {
            cx.warn(
                el,
                format!("unexpected <{}> in <nitf> kept in meta.extra", el.name),
            );
            flatten(el, "nitf", meta);
        }
    }
    let mut title = None;
    let mut copyright_rights = false;
    if let Some(head) = nitf.child("head") {
        for el in head.elements() {
            match el.name.as_str() {
                "title" => title = non_empty(&el.text()),
                "meta" => head_meta(el, meta),
                "docdata" => copyright_rights |= docdata(el, meta, cx),
                "pubdata" => pubdata(el, meta, cx),
                _ => flatten(el, "", meta),
            }
        }
    }
    if let Some(body) = nitf.child("body") {
        if let Some(body_head) = body.child("body.head") {
            read_body_head(body_head, copyright_rights, meta, cx);
        }
        if let Some(end) = body.child("body.end") {
            for el in end.elements() {
                match el.name.as_str() {
                    "tagline" if meta.tagline.is_none() => meta.tagline = non_empty(&el.text()),
                    "bibliography" => add_extra(meta, "bibliography", &el.text()),
                    other => add_extra(meta, &format!("body.end.{other}"), &el.text()),
                }
            }
        }
    }
    if let Some(title) = title {
        if meta.headline.is_empty() {
            meta.headline = title;
        } else if title != meta.headline {
            add_extra(meta, "head.title", &title);
        }
    }
    if root.name != "nitf" {
        newsml(root, meta, cx);
    }
    split_kicker(nitf, meta, cx);
}

/// `head/meta`: a few names fill fields; the rest are `meta.<name>`.
fn head_meta(el: &Element, meta: &mut Meta) {
    let (Some(name), Some(content)) = (el.attr_value("name"), el.attr_value("content")) else {
        flatten(el, "", meta);
        return;
    };
    let slot = match name.to_ascii_lowercase().as_str() {
        "kicker" => &mut meta.kicker,
        "section" | "desk" => &mut meta.section,
        "source" | "agency" => &mut meta.source,
        _ => {
            add_extra(meta, &format!("meta.{name}"), &content);
            return;
        }
    };
    match slot {
        None => *slot = Some(content),
        Some(same) if *same == content => {}
        Some(_) => add_extra(meta, &format!("meta.{name}"), &content),
    }
}

/// `docdata`; returns whether `doc.copyright` gave the rights.
fn docdata(docdata: &Element, meta: &mut Meta, cx: &mut Context) -> bool {
    let mut copyright = false;
    for (name, value) in &docdata.attrs {
        add_extra(meta, &attr_key("docdata", "docdata", name), value);
    }
    for el in docdata.elements() {
        match el.name.as_str() {
            "doc-id" => {
                for (name, value) in &el.attrs {
                    if name == "id-string" && meta.id.is_none() {
                        meta.id = non_empty(value);
                    } else {
                        add_extra(meta, &attr_key("doc-id", "doc-id", name), value);
                    }
                }
            }
            "date.issue" | "date.release" | "date.expire" => {
                // The text, when there is no `norm`, is the date; beside one it repeats it.
                let value = el.attr_value("norm").or_else(|| non_empty(&el.text()));
                if let Some(date) = value.map(|v| normalise_date(&v, el, cx)) {
                    if el.name == "date.issue" && meta.date.is_none() {
                        meta.date = Some(date);
                    } else {
                        add_extra(meta, &el.name, &date);
                    }
                }
                flatten_except(el, "", &["norm", OWN_TEXT], meta);
            }
            "urgency" => main_value(el, "ed-urg", meta),
            "ed-msg" | "correction" => main_value(el, "info", meta),
            "series" => series(el, meta, cx),
            "doc.copyright" => {
                let year = el.attr_value("year");
                let holder = el.attr_value("holder");
                let rights = match (year, holder) {
                    (Some(y), Some(h)) => format!("© {y} {h}"),
                    (Some(y), None) => format!("© {y}"),
                    (None, Some(h)) => format!("© {h}"),
                    (None, None) => String::new(),
                };
                if !rights.is_empty() && meta.rights.is_none() {
                    meta.rights = Some(rights);
                    copyright = true;
                    flatten_except(el, "", &["year", "holder"], meta);
                } else {
                    flatten(el, "", meta);
                }
            }
            "key-list" => {
                for key in el.elements() {
                    match key.attr_value("key").or_else(|| non_empty(&key.text())) {
                        Some(k) if key.name == "keyword" => meta.keywords.push(k),
                        _ => flatten(key, "key-list", meta),
                    }
                }
            }
            _ => flatten(el, "", meta),
        }
    }
    copyright
}

/// An element whose one attribute `main` is its value (`urgency@ed-urg` → `urgency`).
fn main_value(el: &Element, main: &str, meta: &mut Meta) {
    match el.attr_value(main) {
        Some(value) => {
            add_extra(meta, &el.name, &value);
            flatten_except(el, "", &[main], meta);
        }
        // Without the attribute, the text is the value (and flattening keeps it so).
        None => flatten(el, "", meta),
    }
}

fn series(el: &Element, meta: &mut Meta, cx: &mut Context) {
    let name = el
        .attr_value("series.name")
        .or_else(|| non_empty(&el.text()));
    let (Some(name), None) = (name, &meta.series) else {
        flatten(el, "", meta);
        return;
    };
    // A part number that is not a number stays in `extra` (`series.part`).
    let mut kept = vec!["series.name", OWN_TEXT];
    let mut number = |attr: &'static str, cx: &mut Context| -> Option<u32> {
        let value = el.attr_value(attr)?;
        kept.push(attr);
        match value.parse::<u32>() {
            Ok(0) => None,
            Ok(n) => Some(n),
            Err(_) => {
                cx.warn(
                    el,
                    format!("`{attr}=\"{value}\"` is not a number; kept in meta.extra"),
                );
                kept.pop();
                None
            }
        }
    };
    let part = number("series.part", cx);
    let total = number("series.totalpart", cx);
    meta.series = Some(Series { name, part, total });
    flatten_except(el, "", &kept, meta);
}

fn pubdata(el: &Element, meta: &mut Meta, cx: &mut Context) {
    for (name, value) in &el.attrs {
        match name.as_str() {
            "position.section" if meta.section.is_none() => meta.section = non_empty(value),
            // Already given by a `meta`: the same value twice says nothing more.
            "position.section" if meta.section.as_deref() == Some(value.trim()) => {}
            "date.publication" => {
                let date = normalise_date(value, el, cx);
                if meta.date.is_none() {
                    meta.date = non_empty(&date);
                } else {
                    add_extra(meta, "pubdata.date.publication", &date);
                }
            }
            _ => add_extra(meta, &attr_key("pubdata", "pubdata", name), value),
        }
    }
}

fn read_body_head(body_head: &Element, copyright_rights: bool, meta: &mut Meta, cx: &mut Context) {
    for el in body_head.elements() {
        match el.name.as_str() {
            "hedline" => {
                // Text straight in <hedline> (no <hl1>) is the headline all the same.
                if el.has_own_text() && el.child("hl1").is_none() && meta.headline.is_empty() {
                    meta.headline = el.text();
                }
                for h in el.elements() {
                    let text = h.text();
                    if text.is_empty() {
                        continue;
                    }
                    let is_kicker = h
                        .attr("class")
                        .is_some_and(|c| c.split_whitespace().any(|c| c == "kicker"));
                    match h.name.as_str() {
                        "hl2" if is_kicker && meta.kicker.is_none() => meta.kicker = Some(text),
                        "hl2" if is_kicker => add_extra(meta, "hedline.kicker", &text),
                        "hl1" if meta.headline.is_empty() => meta.headline = text,
                        "hl1" => add_extra(meta, "hedline.hl1", &text),
                        "hl2" if h.attr("id") == Some("originalHeadline") => {
                            cx.decide(h, "<hl2 id=\"originalHeadline\"> is the headline as first filed, not a deck: kept in meta.extra[\"hedline.originalHeadline\"]");
                            add_extra(meta, "hedline.originalHeadline", &text);
                        }
                        "hl2" if text == meta.headline => {
                            cx.decide(h, "an <hl2> repeating the headline is not a deck")
                        }
                        "hl2" => meta.decks.push(text),
                        other => add_extra(meta, &format!("hedline.{other}"), &text),
                    }
                }
            }
            "byline" => byline(el, meta, cx),
            "distributor" => {
                let text = el.text();
                if meta.source.is_none() {
                    meta.source = non_empty(&text);
                } else {
                    add_extra(meta, "distributor", &text);
                }
            }
            "dateline" => dateline(el, meta, cx),
            "abstract" => {
                let text = paragraphs_text(el);
                match &mut meta.summary {
                    Some(summary) if !text.is_empty() => {
                        summary.push_str("\n\n");
                        summary.push_str(&text);
                    }
                    _ => meta.summary = non_empty(&text),
                }
            }
            "rights" => {
                let text = el.text();
                if copyright_rights || meta.rights.is_some() {
                    add_extra(meta, "body.head.rights", &text);
                } else {
                    meta.rights = non_empty(&text);
                }
            }
            "note" => add_extra(meta, "body.head.note", &paragraphs_text(el)),
            "series" => series(el, meta, cx),
            _ => flatten(el, "body.head", meta),
        }
    }
}

/// A byline: `person`s with their `byttl` (title, maybe holding an `org`), or plain text.
fn byline(el: &Element, meta: &mut Meta, cx: &mut Context) {
    let whole = el.text();
    if is_editors_initials(&whole) {
        cx.decide(el, format!("the byline `{whole}` is editors' initials, not an author: kept in meta.extra[\"byline.initials\"]"));
        add_extra(meta, "byline.initials", &whole);
        return;
    }
    let mut orphan_title: Option<String> = None;
    let mut bylines: Vec<Byline> = Vec::new();
    let mut loose = String::new();
    for node in &el.children {
        match node {
            Node::Text(t) => loose.push_str(t),
            Node::Element(child) => match child.name.as_str() {
                "person" => {
                    // Text between persons ("and", ", ") belongs to no one.
                    if !bylines.is_empty() {
                        set_org_from_loose(bylines.last_mut(), &loose);
                    }
                    loose.clear();
                    bylines.push(Byline {
                        // DTI writes the "By" inside the name.
                        name: {
                            let text = child.text();
                            let name = strip_by(&text);
                            if name != text {
                                cx.decide(
                                    child,
                                    format!("`{text}` in <person>: the name is `{name}`"),
                                );
                            }
                            name.to_string()
                        },
                        ..Byline::default()
                    });
                }
                "byttl" => {
                    if bylines.is_empty() {
                        bylines.extend(names_from_text(&loose));
                        loose.clear();
                    }
                    loose.clear();
                    // "A and B, Staff Writers": a title after several names is everyone's.
                    let (title, org) = title_and_org(child);
                    if bylines.is_empty() {
                        orphan_title = title.clone();
                    }
                    let untitled = bylines
                        .iter()
                        .rev()
                        .take_while(|b| b.title.is_none())
                        .count();
                    let start = bylines.len() - untitled.max(1).min(bylines.len());
                    for byline in &mut bylines[start..] {
                        byline.title = title.clone();
                        if org.is_some() {
                            byline.org = org.clone();
                        }
                    }
                }
                "org" => {
                    if let Some(last) = bylines.last_mut() {
                        last.org = non_empty(&child.text());
                    }
                }
                "location" | "virtloc" => add_extra(meta, "byline.location", &child.text()),
                _ => loose.push_str(&child.text()),
            },
        }
    }
    if bylines.is_empty() {
        bylines.extend(names_from_text(&loose));
    } else {
        set_org_from_loose(bylines.last_mut(), &loose);
    }
    bylines.retain(|b| !b.name.is_empty());
    if bylines.is_empty() {
        if let Some(title) = orphan_title {
            cx.warn(el, format!("a byline with only a title (`{title}`) names no one: kept in meta.extra[\"byline.title\"]"));
            add_extra(meta, "byline.title", &title);
        }
    }
    meta.bylines.extend(bylines);
}

/// Text after a person's name, like ", Northwind Press", names their organisation.
fn set_org_from_loose(byline: Option<&mut Byline>, loose: &str) {
    let rest = trim_separators(loose);
    let rest = rest.strip_prefix("and").map(str::trim).unwrap_or(rest);
    if let Some(byline) = byline {
        if byline.org.is_none() && !rest.is_empty() && !is_joiner(rest) {
            byline.org = Some(collapse_whitespace(rest));
        }
    }
}

fn is_joiner(text: &str) -> bool {
    matches!(
        text.to_ascii_lowercase().as_str(),
        "by" | "and" | "&" | "with" | "in" | "from" | "at" | "of"
    )
}

/// "By Maren Holt and Jonas Eide" → two bylines; "By Maren Holt, Staff Writer" → name
/// and title; "ANA RUIZ | Coastal Ledger" → name and organisation. A title after
/// several names is everyone's.
pub(super) fn names_from_text(text: &str) -> Vec<Byline> {
    // "Name / Paper", as NTB writes it, names the organisation after the slash.
    let text = collapse_whitespace(text).replace(" / ", " | ");
    let text = strip_by(&text);
    let mut parts = text.split([',', '|']).map(str::trim);
    let names = parts.next().unwrap_or("");
    let (mut title, mut org) = (None, None);
    for part in parts.filter(|p| !p.is_empty()) {
        let slot = if names_a_role(part) {
            &mut title
        } else {
            &mut org
        };
        if slot.is_none() {
            *slot = Some(part.to_string());
        }
    }
    names
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|name| Byline {
            name: name.to_string(),
            title: title.clone(),
            org: org.clone(),
        })
        .collect()
}

/// A `byttl`: its `org` (if tagged) apart from the title words around it.
fn title_and_org(byttl: &Element) -> (Option<String>, Option<String>) {
    let Some(org) = byttl.child("org") else {
        return (non_empty(&byttl.text()), None);
    };
    let mut title = String::new();
    for node in &byttl.children {
        match node {
            Node::Text(t) => title.push_str(t),
            Node::Element(e) if e.name != "org" => title.push_str(&e.text()),
            Node::Element(_) => title.push(' '),
        }
    }
    let title = collapse_whitespace(trim_separators(&title));
    (non_empty(&title), non_empty(&org.text()))
}

fn dateline(el: &Element, meta: &mut Meta, cx: &mut Context) {
    // A normalised date becomes ISO 8601; a printed one ("Aug. 3") stays as printed.
    let date = el.child("story.date").map(|d| match d.attr_value("norm") {
        Some(norm) => normalise_date(&norm, d, cx),
        None => d.text(),
    });
    let (place, date) = match el.child("location") {
        Some(location) => (location.text(), date),
        None => {
            let mut text = String::new();
            for node in &el.children {
                match node {
                    Node::Text(t) => text.push_str(t),
                    Node::Element(e) if e.name == "story.date" => break,
                    Node::Element(e) => text.push_str(&e.text()),
                }
            }
            // Printed whole: "OSLO, Norway, March 3 (NTB) –".
            let text = collapse_whitespace(trim_separators(&text));
            let (printed, tag) = dateline_parts(&text);
            if let Some(tag) = tag {
                add_extra(meta, "dateline_agency", tag);
            }
            (printed.place, date.or(printed.date))
        }
    };
    if meta.dateline.is_none() && !place.is_empty() {
        meta.dateline = Some(Dateline {
            place,
            date: date.and_then(|d| non_empty(&d)),
        });
    } else {
        add_extra(meta, "dateline", &el.text());
    }
}

/// The text of an element made of paragraphs, one paragraph per line pair.
fn paragraphs_text(el: &Element) -> String {
    let paragraphs: Vec<String> = el
        .elements()
        .filter(|e| e.name == "p")
        .map(Element::text)
        .filter(|t| !t.is_empty())
        .collect();
    if paragraphs.is_empty() || el.has_own_text() {
        el.text()
    } else {
        paragraphs.join("\n\n")
    }
}

/// A headline "Day 3 – The barge" is the kicker "Day 3" and the headline "The barge".
fn split_kicker(nitf: &Element, meta: &mut Meta, cx: &mut Context) {
    if meta.kicker.is_some() {
        return;
    }
    let Some(prefix) = part_prefix(&meta.headline) else {
        return;
    };
    cx.decide(
        nitf.find("hl1").unwrap_or(nitf),
        format!(
            "the headline's prefix \"{}\" taken as the kicker",
            prefix.kicker
        ),
    );
    meta.kicker = Some(prefix.kicker);
    meta.headline = prefix.rest;
}

/// NewsML-G2 envelope: the `newsItem` attributes and its metadata. What has a field of
/// its own fills it where the payload left it empty; the rest is `newsml.*`.
pub(super) fn newsml(root: &Element, meta: &mut Meta, cx: &mut Context) {
    let Some(item) = root.find("newsItem") else {
        return;
    };
    // The item's `xml:lang` is its metadata's language; `contentMeta/language` is
    // the content's, and says it better.
    let mut from_item_lang = false;
    for (name, value) in &item.attrs {
        if name == "xml:lang" && meta.language.is_none() {
            meta.language = language_tag(value);
            from_item_lang = meta.language.is_some();
        } else {
            add_extra(meta, &format!("newsml.{name}"), value);
        }
    }
    let had_keywords = !meta.keywords.is_empty();
    let had_decks = !meta.decks.is_empty();
    let mut date: Option<(u8, String, &Element)> = None;
    let mut located: Option<(&Element, String)> = None;
    for part in item.elements() {
        match part.name.as_str() {
            "itemMeta" | "contentMeta" => {
                for el in part.elements() {
                    match el.name.as_str() {
                        "headline" if is_sub_headline(el) => {
                            match non_empty(&el.text()) {
                                Some(deck) if !had_decks && deck != meta.headline => {
                                    cx.decide(el, "the NewsML-G2 headline of role subHeadline taken as a deck");
                                    meta.decks.push(deck);
                                }
                                _ => flatten(el, "newsml", meta),
                            }
                        }
                        "headline" if meta.headline.is_empty() && !el.text().is_empty() => {
                            cx.decide(el, "headline from the NewsML-G2 contentMeta");
                            meta.headline = el.text();
                        }
                        "language" if meta.language.is_none() => {
                            meta.language = el.attr_value("tag").and_then(|t| language_tag(&t))
                        }
                        // Another language than the item's `xml:lang` (not just a
                        // less specific tag of it, `en` beside `en-GB`) is the content's.
                        "language"
                            if from_item_lang
                                && el
                                    .attr_value("tag")
                                    .and_then(|t| language_tag(&t))
                                    .is_some_and(|tag| {
                                        primary(&tag)
                                            != primary(meta.language.as_deref().unwrap_or(""))
                                    }) =>
                        {
                            let tag = el.attr_value("tag").and_then(|t| language_tag(&t));
                            if let Some(tag) = &tag {
                                cx.decide(el, format!("language `{tag}` from the NewsML-G2 contentMeta, not the item's xml:lang"));
                            }
                            meta.language = tag;
                            from_item_lang = false;
                        }
                        // The content's own date before the item's first and latest versions.
                        "contentCreated" | "firstCreated" | "versionCreated"
                            if meta.date.is_none() =>
                        {
                            let rank = match el.name.as_str() {
                                "contentCreated" => 0,
                                "firstCreated" => 1,
                                _ => 2,
                            };
                            match (&date, non_empty(&el.text())) {
                                (Some((best, _, _)), Some(_)) if *best <= rank => {}
                                (_, Some(value)) => date = Some((rank, value, el)),
                                _ => {}
                            }
                            flatten(el, "newsml", meta);
                        }
                        "provider" if meta.source.is_none() => {
                            meta.source = qualified_name(el);
                            if let Some(source) = &meta.source {
                                cx.decide(
                                    el,
                                    format!("source `{source}` from the NewsML-G2 provider"),
                                );
                            }
                            flatten(el, "newsml", meta);
                        }
                        "keyword" if !had_keywords => {
                            if let Some(keyword) = non_empty(&el.text()) {
                                meta.keywords.push(keyword);
                            }
                        }
                        "by" if meta.bylines.is_empty() && !el.text().is_empty() => {
                            cx.decide(el, "byline from the NewsML-G2 <by>");
                            meta.bylines = names_from_text(&el.text());
                        }
                        "creator" => creator(el, meta, cx),
                        "located" if located.is_none() => match qualified_name(el) {
                            Some(place) => located = Some((el, place)),
                            None => flatten(el, "newsml", meta),
                        },
                        "dateline" if meta.dateline.is_none() && !el.text().is_empty() => {
                            let text = el.text();
                            let (printed, tag) = dateline_parts(trim_separators(&text));
                            cx.decide(
                                el,
                                format!(
                                    "dateline `{}` from the NewsML-G2 contentMeta",
                                    printed.place
                                ),
                            );
                            if let Some(tag) = tag {
                                add_extra(meta, "dateline_agency", tag);
                            }
                            meta.dateline = Some(printed);
                        }
                        "description"
                            if meta.summary.is_none()
                                && el.attr("role").is_some_and(|r| r.ends_with("summary"))
                                && !el.text().is_empty() =>
                        {
                            cx.decide(el, "summary from the NewsML-G2 description of role summary");
                            meta.summary = Some(el.text());
                        }
                        _ => flatten(el, "newsml", meta),
                    }
                }
            }
            "rightsInfo" if meta.rights.is_none() => {
                let notices: Vec<&Element> = part
                    .elements()
                    .filter(|e| e.name == "copyrightNotice")
                    .collect();
                // The notice in the article's language, else the first.
                let language = meta.language.clone().unwrap_or_default();
                let notice = notices
                    .iter()
                    .find(|n| {
                        n.attr("xml:lang")
                            .is_some_and(|l| !l.is_empty() && language.starts_with(l))
                    })
                    .or(notices.first())
                    .and_then(|n| non_empty(&n.text()));
                let holder = part.child("copyrightHolder").and_then(qualified_name);
                meta.rights = notice.or(holder.map(|h| format!("© {h}")));
                if meta.rights.is_some() {
                    cx.decide(part, "rights from the NewsML-G2 rightsInfo (copyrightNotice, else copyrightHolder); usage terms kept in meta.extra");
                }
                flatten(part, "newsml", meta);
            }
            "contentSet" => {
                for inline in part
                    .elements()
                    .filter(|e| matches!(e.name.as_str(), "inlineXML" | "inlineData"))
                {
                    for (name, value) in &inline.attrs {
                        add_extra(meta, &format!("newsml.{}.{name}", inline.name), value);
                    }
                }
            }
            _ => flatten(part, "newsml", meta),
        }
    }
    if let Some((el, place)) = located {
        if meta.dateline.is_none() {
            cx.decide(
                el,
                format!("dateline place `{place}` from the NewsML-G2 <located>"),
            );
            meta.dateline = Some(Dateline { place, date: None });
        } else if meta
            .dateline
            .as_ref()
            .is_some_and(|d| !d.place.eq_ignore_ascii_case(&place))
        {
            add_extra(meta, "newsml.located", &place);
        }
    }
    if let Some((_, value, el)) = date {
        cx.decide(el, format!("date from the NewsML-G2 <{}>", el.name));
        meta.date = Some(iso_date(&value).unwrap_or(value));
    }
}

/// The primary subtag of a language tag: `en` of `en-GB`.
fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or("").to_ascii_lowercase()
}

fn is_sub_headline(el: &Element) -> bool {
    el.attr("role")
        .is_some_and(|r| r.to_ascii_lowercase().ends_with("subheadline"))
}

/// A `creator` is a byline when it names a person; agencies often put a login or
/// initials there (`degenhardt.sandra`, `VRG`), which stay in `extra`.
fn creator(el: &Element, meta: &mut Meta, cx: &mut Context) {
    let name = qualified_name(el).unwrap_or_default();
    let person = crate::read::news::looks_like_person_name(&name);
    if person && meta.bylines.iter().all(|b| b.name != name) {
        cx.decide(el, format!("byline `{name}` from the NewsML-G2 <creator>"));
        meta.bylines.push(Byline {
            name,
            ..Byline::default()
        });
    } else {
        if !name.is_empty() {
            cx.decide(el, format!("the NewsML-G2 <creator> `{name}` is a login or initials, not a name: kept in meta.extra, not as a byline"));
        }
        flatten(el, "newsml", meta);
    }
}

/// A NewsML-G2 party's name: its `name`, else its `literal`, else its code
/// without the scheme (`nprov:FJP` → `FJP`).
pub(super) fn qualified_name(el: &Element) -> Option<String> {
    el.child("name")
        .and_then(|n| non_empty(&n.text()))
        .or_else(|| el.attr_value("literal").and_then(|l| non_empty(&l)))
        .or_else(|| {
            el.attr_value("qcode")
                .and_then(|q| non_empty(q.rsplit(':').next().unwrap_or(&q)))
        })
}

/// Keeps an element's attributes, text and children under `extra`, by path.
pub(super) fn flatten(el: &Element, prefix: &str, meta: &mut Meta) {
    flatten_except(el, prefix, &[], meta);
}

/// In the `skip` list of [`flatten_except`]: the element's own text, which the caller used.
const OWN_TEXT: &str = "#text";

pub(super) fn flatten_except(el: &Element, prefix: &str, skip: &[&str], meta: &mut Meta) {
    // NITF names children after their parents (`tobject` > `tobject.subject`): say it once.
    let parent = prefix.rsplit('.').next().unwrap_or(prefix);
    let key = match el
        .name
        .strip_prefix(parent)
        .and_then(|r| r.strip_prefix('.'))
    {
        Some(own) if !prefix.is_empty() => format!("{prefix}.{own}"),
        _ if prefix.is_empty() => el.name.clone(),
        _ => format!("{prefix}.{}", el.name),
    };
    for (name, value) in &el.attrs {
        if !skip.contains(&name.as_str()) {
            add_extra(meta, &attr_key(&key, &el.name, name), value);
        }
    }
    if el.has_own_text() && !skip.contains(&OWN_TEXT) {
        let own: String = el
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect();
        add_extra(meta, &key, &collapse_whitespace(&own));
    }
    for child in el.elements() {
        flatten(child, &key, meta);
    }
}

/// `<pubdata edition.name=…>` → `pubdata.edition.name`; `<tobject.subject
/// tobject.subject.refnum=…>` → `tobject.subject.refnum`.
fn attr_key(key: &str, element: &str, attr: &str) -> String {
    match attr.strip_prefix(element).and_then(|a| a.strip_prefix('.')) {
        Some(own) => format!("{key}.{own}"),
        None => format!("{key}.{attr}"),
    }
}

/// Adds a value to `extra`, joining repeated keys with "; ".
pub(super) fn add_extra(meta: &mut Meta, key: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match meta.extra.get_mut(key) {
        Some(existing) => {
            existing.push_str("; ");
            existing.push_str(value);
        }
        None => {
            meta.extra.insert(key.to_string(), value.to_string());
        }
    }
}

/// A BCP 47 tag from what feeds write: `en_GB` is `en-GB`.
/// A BCP 47 tag in its usual case: `EN` → `en`, `nb_no` → `nb-NO`, `sr-latn` → `sr-Latn`.
pub(super) fn language_tag(value: &str) -> Option<String> {
    let tag = non_empty(&value.replace('_', "-"))?;
    let parts: Vec<String> = tag
        .split('-')
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 2) if part.chars().all(|c| c.is_ascii_alphabetic()) => part.to_ascii_uppercase(),
            (_, 4) if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                let lower = part.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            _ => part.to_string(),
        })
        .collect();
    Some(parts.join("-"))
}

pub(super) fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// ISO 8601 from NITF's compact forms: `20151210T191044Z` → `2015-12-10T19:10:44Z`,
/// `20180403` → `2018-04-03`; an ISO date stays as it is; anything else is kept with a warning.
pub(super) fn normalise_date(value: &str, el: &Element, cx: &mut Context) -> String {
    let value = value.trim();
    match iso_date(value) {
        Some(iso) => iso,
        None => {
            cx.warn(
                el,
                format!("date `{value}` is not in a form galley knows (e.g. 20260803 or 20260803T061500Z); kept as written"),
            );
            value.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_keys_do_not_repeat_the_element_name() {
        assert_eq!(
            attr_key("pubdata", "pubdata", "edition.name"),
            "pubdata.edition.name"
        );
        assert_eq!(
            attr_key(
                "tobject.subject",
                "tobject.subject",
                "tobject.subject.refnum"
            ),
            "tobject.subject.refnum"
        );
    }

    #[test]
    fn plain_text_bylines_split_names_and_title() {
        let names = names_from_text(" By Maren Holt and Jonas Eide, Staff Writers ");
        assert_eq!(names.len(), 2);
        assert_eq!(names[0].name, "Maren Holt");
        assert_eq!(names[0].title.as_deref(), Some("Staff Writers"));
        assert_eq!(names[1].title.as_deref(), Some("Staff Writers"));
        let names = names_from_text("ANA RUIZ | Coastal Ledger");
        assert_eq!(names[0].name, "ANA RUIZ");
        assert_eq!(names[0].org.as_deref(), Some("Coastal Ledger"));
        let names = names_from_text("Av Synnøve Lien, reporter, Fjordposten");
        assert_eq!(names[0].name, "Synnøve Lien");
        assert_eq!(names[0].title.as_deref(), Some("reporter"));
        assert_eq!(names[0].org.as_deref(), Some("Fjordposten"));
    }
}
