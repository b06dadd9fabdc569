//! Blocks and inlines from `body.content`.
//!
//! NITF has no pull-quote element: a `bq`, `p` or `block` with a class from
//! [`ReadOptions::pull_quote_classes`](crate::read::ReadOptions) is one, and so is a
//! `bq` whose words repeat the body's (checked after the whole body is read). A `block`
//! with a class from `sidebar_classes`, or one that opens with an `hl2` title, is a
//! sidebar; a `block` without class only groups its contents and is flattened.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::{plain_text, Attribution, Block, Inline, Table, TableCell, TableRow};

use super::xml::{collapse_whitespace, trim_separators, Element, Node};
use super::Context;
use crate::read::news::{
    is_agate_label, is_embed_label, is_escaped_markup, is_separator, split_labelled_credit,
    without_credit_label,
};

/// Inline elements that become a span with their name as class.
const SPAN_ELEMENTS: &[&str] = &[
    "person",
    "org",
    "location",
    "chron",
    "num",
    "money",
    "event",
    "function",
    "object.title",
    "virtloc",
    "classifier",
    "copyrite",
    "pronounce",
    "lang",
    "sub",
    "sup",
    "u",
    "frac",
    "postaddr",
    "alt-code",
];

/// XHTML inline elements (in an XHTML payload, or XHTML written into NITF).
const XHTML_INLINE: &[&str] = &[
    "span", "small", "abbr", "cite", "code", "mark", "time", "ins", "del", "s", "strike", "dfn",
    "kbd", "var", "samp", "bdi", "bdo", "big", "tt", "font",
];

/// XHTML elements that only group blocks: their contents are read in their place.
const XHTML_GROUPS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "body",
];

/// Elements of `body.content` with no node of their own, kept as a container of that class.
const CONTAINER_ELEMENTS: &[&str] = &[
    "fn",
    "note",
    "byline",
    "dateline",
    "abstract",
    "credit",
    "datasource",
    "copyrite",
];

/// Paragraph classes that mark the lede (NTB and Ritzau `lead`, others `ingress`).
const LEDE_CLASSES: &[&str] = &["lead", "lede", "ingress", "intro", "leadin", "lead-in"];

/// Words a pull quote needs before it is compared with the body.
const MIN_QUOTE_WORDS: usize = 4;

/// Longer quotes are not pull quotes; comparing them would cost for nothing.
const MAX_QUOTE_WORDS: usize = 120;

/// A quote longer than this (in bytes of text) is not even split into words.
const MAX_QUOTE_BYTES: usize = 2000;

/// The share of a quote's word pairs that must occur in the body for it to be a pull quote.
const REPEAT_SHARE: f64 = 0.6;

/// The blocks of every `body.content` of the document.
pub(super) fn read_body(nitf: &Element, cx: &mut Context) -> Vec<Block> {
    let mut blocks = Vec::new();
    let Some(body) = nitf.child("body") else {
        cx.warn(nitf, "the document has no <body>; the article has no text");
        return blocks;
    };
    // Only a `bq` can turn out to repeat the body.
    if body.find("bq").is_some() {
        for content in body.elements().filter(|e| e.name == "body.content") {
            collect_body_pairs(content, &mut cx.body_pairs);
        }
    }
    cx.hard_wrapped = body
        .elements()
        .filter(|e| e.name == "body.content")
        .any(has_hard_wrapped_paragraph);
    for el in body.elements() {
        match el.name.as_str() {
            "body.content" => blocks.extend(flow(&el.children, cx)),
            "body.head" | "body.end" => {}
            other => {
                cx.warn(
                    el,
                    format!("unknown element <{other}> in <body> kept as a container with class `{other}`"),
                );
                blocks.push(Block::Container {
                    classes: vec![other.to_string()],
                    body: flow(&el.children, cx),
                });
            }
        }
    }
    blocks
}

/// Mixed content: block elements become blocks; runs of text and inline elements
/// between them become paragraphs.
pub(super) fn flow(children: &[Node], cx: &mut Context) -> Vec<Block> {
    flow_except(children, |_| false, cx)
}

/// [`flow`] without the child elements `skip` picks (a title, a credit), which the
/// caller reads itself; nothing is copied.
pub(super) fn flow_except(
    children: &[Node],
    skip: impl Fn(&Element) -> bool,
    cx: &mut Context,
) -> Vec<Block> {
    let kept: Vec<&Node> = children
        .iter()
        .filter(|n| !matches!(n, Node::Element(e) if skip(e)))
        .collect();
    let mut blocks = Vec::new();
    let mut run: Vec<Inline> = Vec::new();
    for (i, node) in kept.iter().enumerate() {
        match node {
            Node::Text(t) => run.push(Inline::text(t.as_str())),
            Node::Element(el) if is_inline(el, &run, kept.get(i + 1).copied()) => {
                inline_element(el, cx, &mut run)
            }
            Node::Element(el) => {
                flush_paragraph(&mut run, &mut blocks);
                block_element(el, cx, &mut blocks);
            }
        }
    }
    flush_paragraph(&mut run, &mut blocks);
    blocks
}

/// Whether an element in mixed content is inline: a known inline one, or an unknown one
/// that stands in running text.
fn is_inline(el: &Element, run: &[Inline], next: Option<&Node>) -> bool {
    let name = el.name.as_str();
    if matches!(name, "em" | "i" | "strong" | "b" | "a" | "q" | "br")
        || SPAN_ELEMENTS.contains(&name)
        || XHTML_INLINE.contains(&name)
    {
        return true;
    }
    if is_known_block(name) {
        return false;
    }
    let text_before = run
        .iter()
        .any(|i| !plain_text(std::slice::from_ref(i)).trim().is_empty());
    let text_after = matches!(next, Some(Node::Text(t)) if !t.trim().is_empty());
    text_before || text_after
}

fn is_known_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "hl1"
            | "hl2"
            | "block"
            | "media"
            | "ul"
            | "ol"
            | "dl"
            | "bq"
            | "table"
            | "nitf-table"
            | "hr"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "img"
            | "figure"
            | "blockquote"
            | "aside"
    ) || CONTAINER_ELEMENTS.contains(&name)
        || XHTML_GROUPS.contains(&name)
}

fn flush_paragraph(run: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
    let content = normalise(std::mem::take(run));
    if !content.is_empty() {
        blocks.push(Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content,
        });
    }
}

fn classes(el: &Element) -> Vec<String> {
    el.attr("class")
        .map(|c| c.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

fn has_class(el: &Element, wanted: &[String]) -> bool {
    classes(el)
        .iter()
        .any(|c| wanted.iter().any(|w| w.eq_ignore_ascii_case(c)))
}

/// A `span class="credit"` opening or closing a paragraph (blank text and
/// separators aside).
fn edge_credit(p: &Element) -> Option<&Element> {
    fn credit(n: Option<&Node>) -> Option<&Element> {
        match n {
            Some(Node::Element(e)) if e.name == "span" && has_class(e, &["credit".to_string()]) => {
                Some(e)
            }
            _ => None,
        }
    }
    fn shown(n: &&Node) -> bool {
        !matches!(n, Node::Text(t) if trim_separators(t).is_empty())
    }
    credit(p.children.iter().find(shown)).or_else(|| credit(p.children.iter().rev().find(shown)))
}

fn block_element(el: &Element, cx: &mut Context, out: &mut Vec<Block>) {
    // The options outlive the context's borrow: no need to copy the class lists.
    let options = cx.options;
    let pull_quote_classes = &options.pull_quote_classes;
    let sidebar_classes = &options.sidebar_classes;
    match el.name.as_str() {
        "p" => {
            let text = el.text();
            if is_separator(&text) {
                cx.decide(
                    el,
                    format!("a paragraph of only `{text}` is a separator: set as a rule"),
                );
                out.push(Block::Rule);
                return;
            }
            if is_escaped_markup(&text) {
                cx.warn(
                    el,
                    format!(
                        "markup typed as text (web embed code) dropped: `{}`",
                        preview(&text)
                    ),
                );
                return;
            }
            if is_agate_label(&text) && el.elements().next().is_none() {
                cx.decide(
                    el,
                    format!("the all-capitals line `{text}` is a section label: set as a subhead"),
                );
                out.push(Block::Heading {
                    level: 2,
                    content: vec![Inline::text(text)],
                });
                return;
            }
            if let Some(credit) = edge_credit(el) {
                // dpa's agency credit outside a dateline: settled in `frame::lone_credits`.
                cx.credit_spans.push((credit.text(), credit.offset));
            }
            let mut parts = paragraph_parts(el, cx);
            if has_class(el, pull_quote_classes) {
                cx.decide(el, "a <p> with a pull-quote class read as a pull quote");
                let content = join_paragraphs(parts);
                if !content.is_empty() {
                    out.push(Block::PullQuote {
                        content,
                        attribution: None,
                    });
                }
                return;
            }
            // A classed paragraph is still a paragraph: its classes ride on the node.
            let own = classes(el);
            let is_lede = el
                .attr("lede")
                .is_some_and(|v| matches!(v.trim(), "true" | "yes" | "1"))
                || own
                    .iter()
                    .any(|c| LEDE_CLASSES.contains(&c.to_ascii_lowercase().as_str()));
            if is_lede {
                cx.decide(
                    el,
                    "a <p> marked as the lede (by `lede` or a lead class) kept as a lede paragraph",
                );
            }
            for part in &mut parts {
                if let Block::Paragraph { content, .. } = part {
                    let joined = soften_hard_wraps(content, cx.hard_wrapped);
                    if joined > 0 {
                        cx.decide(
                            el,
                            format!("{joined} line break(s) at a regular line length are the sender's hard wraps, not breaks: joined"),
                        );
                    }
                }
                if let Block::Paragraph { classes, lede, .. } = part {
                    classes.clone_from(&own);
                    *lede = is_lede;
                }
            }
            out.append(&mut parts);
        }
        "hl1" | "hl2" if is_embed_label(&el.text()) => {
            cx.warn(
                el,
                format!(
                    "the subhead `{}` labels embed code, not the story: dropped",
                    el.text()
                ),
            );
        }
        "hl1" | "hl2" => {
            let content = inlines(&el.children, cx);
            if !content.is_empty() {
                out.push(Block::Heading { level: 2, content });
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            // The article's headline is level 1: an h1 or h2 in the body is a subhead (2).
            let level = el.name[1..].parse::<u8>().unwrap_or(2).max(2);
            let content = inlines(&el.children, cx);
            if !content.is_empty() {
                out.push(Block::Heading { level, content });
            }
        }
        "block" => block(el, pull_quote_classes, sidebar_classes, cx, out),
        name if XHTML_GROUPS.contains(&name) => {
            if has_class(el, pull_quote_classes) || has_class(el, sidebar_classes) {
                block(el, pull_quote_classes, sidebar_classes, cx, out);
            } else {
                // A grouping element is not a node of the story: its blocks are.
                out.extend(flow(&el.children, cx));
            }
        }
        "aside" => {
            let title_element = el
                .elements()
                .next()
                .filter(|first| matches!(first.name.as_str(), "h1" | "h2" | "h3" | "h4" | "hl2"));
            let title = title_element.map(Element::text).filter(|t| !t.is_empty());
            let is_title = |e: &Element| title_element.is_some_and(|t| std::ptr::eq(e, t));
            cx.decide(el, "an <aside> read as a sidebar");
            out.push(Block::Sidebar {
                title,
                body: flow_except(&el.children, is_title, cx),
            });
        }
        "img" => {
            if let Some(figure) = image(el, None, cx) {
                out.push(figure);
            }
        }
        "figure" => match el.find("img") {
            Some(img) => {
                if let Some(figure) = image(img, el.child("figcaption"), cx) {
                    out.push(figure);
                }
            }
            None => out.extend(flow(&el.children, cx)),
        },
        "blockquote" => out.push(block_quote(el, pull_quote_classes, cx)),
        "media" => {
            if let Some(figure) = figure(el, cx) {
                out.push(figure);
            }
        }
        "ul" | "ol" => out.push(list(el, cx)),
        "dl" => {
            let mut body = Vec::new();
            for item in el.elements() {
                match item.name.as_str() {
                    "dt" => {
                        let content = inlines(&item.children, cx);
                        if !content.is_empty() {
                            body.push(Block::Paragraph {
                                classes: Vec::new(),
                                lede: false,
                                content: vec![Inline::Strong { content }],
                            });
                        }
                    }
                    _ => body.extend(flow(&item.children, cx)),
                }
            }
            out.push(Block::Container {
                classes: vec!["dl".to_string()],
                body,
            });
        }
        "bq" => out.push(block_quote(el, pull_quote_classes, cx)),
        "table" => out.push(Block::Table(table(el, cx))),
        "nitf-table" => match el.child("table") {
            Some(t) => out.push(Block::Table(table(t, cx))),
            None => {
                cx.warn(el, "a <nitf-table> without a <table> kept as a container");
                out.push(Block::Container {
                    classes: vec!["nitf-table".to_string()],
                    body: flow(&el.children, cx),
                });
            }
        },
        "hr" => out.push(Block::Rule),
        "pre" => {
            let mut content = Vec::new();
            let text = el.text_preserving_lines();
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    content.push(Inline::LineBreak);
                }
                content.push(Inline::text(line));
            }
            out.push(Block::Container {
                classes: vec!["pre".to_string()],
                body: vec![Block::Paragraph {
                    classes: Vec::new(),
                    lede: false,
                    content,
                }],
            });
        }
        name if CONTAINER_ELEMENTS.contains(&name) => out.push(Block::Container {
            classes: vec![name.to_string()],
            body: flow(&el.children, cx),
        }),
        name => {
            cx.warn(
                el,
                format!("unknown element <{name}> kept as a container with class `{name}`"),
            );
            out.push(Block::Container {
                classes: vec![name.to_string()],
                body: flow(&el.children, cx),
            });
        }
    }
}

/// Block elements that real feeds put inside a `p`, though NITF does not allow it.
const BLOCKS_IN_PARAGRAPHS: &[&str] = &[
    "media",
    "img",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "div",
    "section",
    "table",
    "nitf-table",
    "ul",
    "ol",
    "dl",
    "bq",
    "block",
    "hr",
];

/// A paragraph, or several where a figure, table or list stands inside it: the block
/// is set between the text before and after it, so that no image or table is lost.
fn paragraph_parts(p: &Element, cx: &mut Context) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut run = Vec::new();
    for node in &p.children {
        match node {
            Node::Text(t) => run.push(Inline::text(t.as_str())),
            Node::Element(child) if BLOCKS_IN_PARAGRAPHS.contains(&child.name.as_str()) => {
                cx.warn(
                    child,
                    format!(
                        "<{}> inside <p> set apart from the paragraph's text",
                        child.name
                    ),
                );
                flush_paragraph(&mut run, &mut blocks);
                block_element(child, cx, &mut blocks);
            }
            Node::Element(child) => inline_element(child, cx, &mut run),
        }
    }
    flush_paragraph(&mut run, &mut blocks);
    blocks
}

/// Whether some paragraph has two or more line breaks at a wire line's length: then the
/// sender hard-wraps its copy, and a lone break at that length is a wrap too.
fn has_hard_wrapped_paragraph(el: &Element) -> bool {
    el.elements().any(|child| {
        if child.name != "p" {
            return has_hard_wrapped_paragraph(child);
        }
        let mut lines = vec![String::new()];
        line_texts(child, &mut lines);
        let wrapped = &lines[..lines.len() - 1];
        let lengths: Vec<usize> = wrapped.iter().map(|l| l.trim().chars().count()).collect();
        lengths.len() >= 2
            && lengths.iter().all(|n| HARD_WRAP_LINES.contains(n))
            && lengths.iter().max().unwrap_or(&0) - lengths.iter().min().unwrap_or(&0) <= 30
    })
}

/// The text of an element split at its `br`s, whitespace collapsed.
fn line_texts(el: &Element, lines: &mut Vec<String>) {
    for node in &el.children {
        match node {
            Node::Text(t) => {
                if let Some(line) = lines.last_mut() {
                    line.push_str(&collapse_whitespace(t));
                    line.push(' ');
                }
            }
            Node::Element(e) if e.name == "br" => lines.push(String::new()),
            Node::Element(e) => line_texts(e, lines),
        }
    }
}

/// Line lengths (in characters) that mark a sender's hard wraps: AAP wraps at about 65.
const HARD_WRAP_LINES: std::ops::RangeInclusive<usize> = 45..=90;

/// Turns the line breaks of a hard-wrapped paragraph into spaces; returns how many.
/// A paragraph is hard-wrapped when every line before a break is of a wire line's
/// length (and, with several breaks, of about the same length); a short line (an
/// address, a verse) keeps its break.
fn soften_hard_wraps(content: &mut Vec<Inline>, sender_wraps: bool) -> usize {
    let breaks = content
        .iter()
        .filter(|i| matches!(i, Inline::LineBreak))
        .count();
    if breaks == 0 {
        return 0;
    }
    let mut lines: Vec<String> = vec![String::new()];
    for inline in content.iter() {
        match inline {
            Inline::LineBreak => lines.push(String::new()),
            other => {
                let text = plain_text(std::slice::from_ref(other));
                if let Some(line) = lines.last_mut() {
                    line.push_str(&text);
                }
            }
        }
    }
    let wrapped = &lines[..lines.len() - 1];
    let lengths: Vec<usize> = wrapped.iter().map(|l| l.trim().chars().count()).collect();
    let regular = lengths.iter().all(|n| HARD_WRAP_LINES.contains(n));
    let even = lengths.iter().max().unwrap_or(&0) - lengths.iter().min().unwrap_or(&0) <= 30;
    // One break alone is a wrap only in copy the sender hard-wraps throughout, and
    // where the sentence runs on across it.
    let runs_on = breaks > 1
        || (sender_wraps
            && (lines[1]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
                || !lines[0]
                    .trim_end()
                    .ends_with(['.', '!', '?', ':', '"', '”'])));
    if !(regular && even && runs_on) {
        return 0;
    }
    for inline in content.iter_mut() {
        if matches!(inline, Inline::LineBreak) {
            *inline = Inline::text(" ");
        }
    }
    *content = normalise(std::mem::take(content));
    breaks
}

/// `block`: a sidebar, a pull quote, a classed container, or a plain group (flattened).
fn block(
    el: &Element,
    pull_quote_classes: &[String],
    sidebar_classes: &[String],
    cx: &mut Context,
    out: &mut Vec<Block>,
) {
    if has_class(el, pull_quote_classes) {
        cx.decide(el, "a <block> with a pull-quote class read as a pull quote");
        let credit = el
            .elements()
            .find(|e| matches!(e.name.as_str(), "credit" | "byline"));
        let body = flow_except(
            &el.children,
            |e| matches!(e.name.as_str(), "credit" | "byline"),
            cx,
        );
        out.push(pull_quote(body, credit.and_then(attribution), el, cx));
        return;
    }
    let title_element = el.elements().next().filter(|first| first.name == "hl2");
    let title = title_element
        .map(Element::text)
        .or_else(|| el.attr_value("title"))
        .filter(|t| !t.is_empty());
    if title.is_some() || has_class(el, sidebar_classes) {
        cx.decide(
            el,
            if title.is_some() {
                "a <block> with a title read as a sidebar"
            } else {
                "a <block> with a sidebar class read as a sidebar"
            },
        );
        let is_title = |e: &Element| title_element.is_some_and(|t| std::ptr::eq(e, t));
        out.push(Block::Sidebar {
            title,
            body: flow_except(&el.children, is_title, cx),
        });
        return;
    }
    let classes = classes(el);
    let body = flow(&el.children, cx);
    if classes.is_empty() {
        out.extend(body);
    } else {
        out.push(Block::Container { classes, body });
    }
}

/// The inlines of several paragraphs run together, a space between each.
fn join_paragraphs(blocks: Vec<Block>) -> Vec<Inline> {
    let mut content = Vec::new();
    for block in blocks {
        let inlines = match block {
            Block::Paragraph { content, .. }
            | Block::Heading { content, .. }
            | Block::PullQuote { content, .. } => content,
            Block::Sidebar { body, .. }
            | Block::BlockQuote { body, .. }
            | Block::Container { body, .. } => join_paragraphs(body),
            _ => continue,
        };
        if !inlines.is_empty() && !content.is_empty() {
            content.push(Inline::text(" "));
        }
        content.extend(inlines);
    }
    normalise(content)
}

/// The plain text of the blocks' paragraphs, or `None` once it is longer than `limit` bytes.
fn short_text(blocks: &[Block], limit: usize, out: &mut String) -> Option<()> {
    for block in blocks {
        match block {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
                out.push_str(&plain_text(content));
                out.push(' ');
            }
            Block::Sidebar { body, .. }
            | Block::BlockQuote { body, .. }
            | Block::Container { body, .. } => short_text(body, limit, out)?,
            _ => {}
        }
        if out.len() > limit {
            return None;
        }
    }
    Some(())
}

/// `bq`: quoted blocks and a `credit`; a pull quote when its class says so.
fn block_quote(el: &Element, pull_quote_classes: &[String], cx: &mut Context) -> Block {
    let is_credit = |e: &Element| matches!(e.name.as_str(), "credit" | "footer" | "cite");
    let credit_element = el.elements().find(|e| is_credit(e));
    let body = flow_except(&el.children, is_credit, cx);
    if let (Some(credit), Some(source)) = (credit_element, el.attr_value("quote-source")) {
        if credit.text() != source {
            cx.warn(
                el,
                format!(
                    "the quote-source `{source}` differs from the <credit>; the credit is kept"
                ),
            );
        }
    }
    if has_class(el, pull_quote_classes) {
        cx.decide(el, "a <bq> with a pull-quote class read as a pull quote");
        return pull_quote(body, quote_attribution(el, credit_element), el, cx);
    }
    let mut text = String::new();
    let share = short_text(&body, MAX_QUOTE_BYTES, &mut text)
        .and_then(|()| repeated_share(&text, &cx.body_pairs))
        .filter(|&share| share >= REPEAT_SHARE);
    if let Some(share) = share {
        cx.decide(
            el,
            format!(
                "a <bq> repeating the body's words ({:.0} % of its word pairs) read as a pull quote: \"{}\"",
                share * 100.0,
                preview(&text)
            ),
        );
        return pull_quote(body, quote_attribution(el, credit_element), el, cx);
    }
    let credit = credit_element
        .map(Element::text)
        .filter(|c| !c.is_empty())
        .or_else(|| el.attr_value("quote-source"));
    Block::BlockQuote { body, credit }
}

/// A pull quote of these blocks; without a credit, a last line "— Name, Title" is
/// the attribution, as print desks type it.
fn pull_quote(
    mut body: Vec<Block>,
    attribution: Option<Attribution>,
    el: &Element,
    cx: &mut Context,
) -> Block {
    let attribution = attribution.or_else(|| {
        let Some(Block::Paragraph { content, .. }) = body.last() else {
            return None;
        };
        let text = plain_text(content);
        let name = ["— ", "– ", "-- ", "- ", "—", "–"]
            .iter()
            .find_map(|dash| text.trim().strip_prefix(dash))?;
        if name.split_whitespace().count() > 12 {
            return None;
        }
        let found = attribution_from_text(name)?;
        cx.decide(
            el,
            format!(
                "the pull quote's last line `{}` read as its attribution",
                text.trim()
            ),
        );
        body.pop();
        Some(found)
    });
    Block::PullQuote {
        content: join_paragraphs(body),
        attribution,
    }
}

/// Who said a `bq`: its `credit`, or else its `quote-source`.
fn quote_attribution(bq: &Element, credit: Option<&Element>) -> Option<Attribution> {
    credit.and_then(attribution).or_else(|| {
        bq.attr_value("quote-source")
            .and_then(|source| attribution_from_text(&source))
    })
}

/// Who said a quote: a `person` in the credit, or "Name, Title" text.
fn attribution(credit: &Element) -> Option<Attribution> {
    if let Some(person) = credit.child("person") {
        let name = person.text();
        let mut rest = String::new();
        for node in &credit.children {
            match node {
                Node::Text(t) => rest.push_str(t),
                Node::Element(e) if e.name != "person" || !std::ptr::eq(e, person) => {
                    rest.push_str(&e.text())
                }
                Node::Element(_) => rest.push('\u{0}'),
            }
        }
        let after = rest.split('\u{0}').nth(1).unwrap_or("");
        let title = collapse_whitespace(trim_separators(after));
        return (!name.is_empty()).then(|| Attribution {
            name,
            title: (!title.is_empty()).then_some(title),
        });
    }
    attribution_from_text(&credit.text())
}

fn attribution_from_text(text: &str) -> Option<Attribution> {
    let text = trim_separators(text);
    if text.is_empty() {
        return None;
    }
    let (name, title) = match text.split_once(", ") {
        Some((name, title)) => (name, Some(title)),
        None => match text.split_once(" – ").or_else(|| text.split_once(" — ")) {
            Some((name, title)) => (name, Some(title)),
            None => (text, None),
        },
    };
    Some(Attribution {
        name: name.trim().to_string(),
        title: title
            .map(|t| trim_separators(t).to_string())
            .filter(|t| !t.is_empty()),
    })
}

fn list(el: &Element, cx: &mut Context) -> Block {
    let mut items = Vec::new();
    for node in &el.children {
        match node {
            Node::Element(li) if li.name == "li" => items.push(flow(&li.children, cx)),
            Node::Element(other) => {
                cx.warn(
                    other,
                    format!("<{}> inside <{}> read as a list item", other.name, el.name),
                );
                items.push(flow(std::slice::from_ref(node), cx));
            }
            Node::Text(t) if !t.trim().is_empty() => {
                items.push(flow(std::slice::from_ref(node), cx));
            }
            Node::Text(_) => {}
        }
    }
    Block::List {
        ordered: el.name == "ol",
        items,
    }
}

/// `media`: a figure from its first `media-reference`, caption and producer.
fn figure(el: &Element, cx: &mut Context) -> Option<Block> {
    let references: Vec<&Element> = el
        .elements()
        .filter(|e| e.name == "media-reference")
        .collect();
    let reference = references.first().copied();
    if references.len() > 1 {
        cx.warn(
            references[1],
            format!(
                "{} more <media-reference> renditions ignored; the first is the figure's image",
                references.len() - 1
            ),
        );
    }
    if let Some(kind) = el.attr_value("media-type") {
        if !matches!(kind.as_str(), "image" | "graphic" | "photo") {
            cx.warn(el, format!("media of type `{kind}` kept as a figure"));
        }
    }
    let mut caption = Vec::new();
    let mut credit: Option<String> = None;
    let mut print_producer: Option<String> = None;
    // The caption: NITF's own, else DTI's caption as printed, else as first filed.
    let chosen = [
        "media-caption",
        "media-printcaption",
        "media-originalcaption",
    ]
    .into_iter()
    .find(|name| el.child(name).is_some())
    .unwrap_or("media-caption");
    let chosen_text = el.child(chosen).map(Element::text).unwrap_or_default();
    for child in el.elements() {
        match child.name.as_str() {
            "media-caption" => {
                if !caption.is_empty() {
                    caption.push(Inline::text(" "));
                }
                caption.extend(inlines(&child.children, cx));
            }
            // DTI's own children: the caption as printed and as first filed, the
            // photographer and the agency as printed.
            "media-printcaption" | "media-originalcaption" => {
                let text = child.text();
                if child.name == chosen {
                    if caption.is_empty() {
                        cx.decide(
                            child,
                            format!(
                                "<{}> taken as the caption (there is no <media-caption>)",
                                child.name
                            ),
                        );
                        caption.extend(inlines(&child.children, cx));
                    }
                } else if !text.is_empty() && text != chosen_text {
                    cx.warn(
                        child,
                        format!(
                            "<{}> dropped beside the <{chosen}>: \"{}\"",
                            child.name,
                            preview(&text)
                        ),
                    );
                }
            }
            "media-producer" | "media-byline" => {
                let text = without_credit_label(&child.text()).to_string();
                if !text.is_empty() {
                    credit = Some(match credit {
                        Some(c) => format!("{c}; {text}"),
                        None => text,
                    });
                }
            }
            "media-printproducer" => {
                let text = without_credit_label(&child.text()).to_string();
                if !text.is_empty() {
                    print_producer = Some(text);
                }
            }
            "media-reference" | "media-metadata" => {}
            other => cx.warn(child, format!("<{other}> in <media> is not kept")),
        }
    }
    // "Doug Mills / Agency", as a credit line is written.
    credit = match (credit, print_producer) {
        (Some(c), Some(p)) if !c.contains(&p) => Some(format!("{c} / {p}")),
        (None, Some(p)) => Some(p),
        (c, _) => c,
    };
    let mut caption = normalise(caption);
    // "Foto: Name / Agency" closing (or making up) the caption is its credit.
    if let [Inline::Text { text }] = caption.as_slice() {
        if let Some((rest, found)) = split_labelled_credit(text) {
            cx.decide(
                el,
                format!("`{found}` after the caption's credit label taken as the credit"),
            );
            if credit.is_none() {
                credit = Some(found);
            }
            caption = if rest.is_empty() {
                Vec::new()
            } else {
                vec![Inline::text(rest)]
            };
        }
    }
    let dimension = |name: &str, cx: &mut Context| -> Option<u32> {
        let reference = reference?;
        let value = reference.attr_value(name)?;
        let digits = value.trim_end_matches("px");
        match digits.parse::<u32>() {
            Ok(0) => None,
            Ok(n) => Some(n),
            Err(_) => {
                cx.warn(
                    reference,
                    format!("`{name}=\"{value}\"` is not a number of pixels; ignored"),
                );
                None
            }
        }
    };
    let width = dimension("width", cx);
    let height = dimension("height", cx);
    let src = reference.and_then(|r| r.attr_value("source"));
    let alt = reference.and_then(|r| r.attr_value("alternate-text"));
    if src.is_none() && caption.is_empty() {
        cx.warn(
            el,
            "a <media> with neither a source nor a caption is dropped",
        );
        return None;
    }
    Some(Block::Figure {
        src,
        alt,
        caption,
        credit,
        width,
        height,
    })
}

/// An XHTML `img` (with a `figcaption`, when in a `figure`) as a figure; a labelled
/// credit closing the caption ("Foto: Per Vik / NWP") becomes the credit.
fn image(img: &Element, caption: Option<&Element>, cx: &mut Context) -> Option<Block> {
    let src = img.attr_value("src");
    let mut caption = caption
        .map(|c| inlines(&c.children, cx))
        .unwrap_or_default();
    // XHTML's <img> is empty; some NITF writers put the caption inside it.
    let own = img.text();
    if !own.is_empty() {
        if caption.is_empty() {
            cx.decide(img, "the text inside the <img> taken as its caption");
            caption = inlines(&img.children, cx);
        } else {
            cx.warn(
                img,
                format!(
                    "text inside the <img> dropped beside its <figcaption>: \"{}\"",
                    preview(&own)
                ),
            );
        }
    }
    let mut credit = None;
    if let [Inline::Text { text }] = caption.as_slice() {
        if let Some((rest, found)) = split_labelled_credit(text) {
            cx.decide(
                img,
                format!("`{found}` after the caption's credit label taken as the credit"),
            );
            credit = Some(found);
            caption = if rest.is_empty() {
                Vec::new()
            } else {
                vec![Inline::text(rest)]
            };
        }
    }
    if src.is_none() && caption.is_empty() {
        cx.warn(img, "an <img> with neither a src nor a caption is dropped");
        return None;
    }
    let dimension = |name: &str| {
        img.attr_value(name)
            .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
            .filter(|&n| n > 0)
    };
    Some(Block::Figure {
        src,
        alt: img.attr_value("alt"),
        caption,
        credit,
        width: dimension("width"),
        height: dimension("height"),
    })
}

fn table(el: &Element, cx: &mut Context) -> Table {
    let mut head = Vec::new();
    let mut body = Vec::new();
    let mut foot = Vec::new();
    let mut caption = Vec::new();
    for child in el.elements() {
        match child.name.as_str() {
            "caption" => caption = inlines(&child.children, cx),
            "thead" => head.extend(rows(child, true, cx)),
            "tbody" => body.extend(rows(child, false, cx)),
            "tfoot" => foot.extend(rows(child, false, cx)),
            "tr" => body.push(row(child, false, cx)),
            "col" | "colgroup" => {}
            other => cx.warn(child, format!("<{other}> in <table> is not kept")),
        }
    }
    // Rows made only of header cells belong to the head wherever they stand.
    let (body_head, body): (Vec<TableRow>, Vec<TableRow>) =
        body.into_iter().partition(|r| r.header);
    head.extend(body_head);
    head.extend(body);
    head.extend(foot);
    Table {
        caption,
        rows: head,
    }
}

fn rows(group: &Element, header: bool, cx: &mut Context) -> Vec<TableRow> {
    group
        .elements()
        .filter(|e| e.name == "tr")
        .map(|tr| row(tr, header, cx))
        .collect()
}

fn row(tr: &Element, in_head: bool, cx: &mut Context) -> TableRow {
    let mut cells = Vec::new();
    let mut all_th = true;
    for cell in tr.elements() {
        if !matches!(cell.name.as_str(), "td" | "th") {
            cx.warn(cell, format!("<{}> in <tr> is not kept", cell.name));
            continue;
        }
        all_th &= cell.name == "th";
        let span = |name: &str| {
            cell.attr_value(name)
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|&n| n > 1)
        };
        cells.push(TableCell {
            content: inlines(&cell.children, cx),
            colspan: span("colspan"),
            rowspan: span("rowspan"),
        });
    }
    TableRow {
        header: in_head || (all_th && !cells.is_empty()),
        cells,
    }
}

/// Inline content of an element, whitespace normalised.
fn inlines(children: &[Node], cx: &mut Context) -> Vec<Inline> {
    let mut out = Vec::new();
    collect_inlines(children, cx, &mut out);
    normalise(out)
}

fn collect_inlines(children: &[Node], cx: &mut Context, out: &mut Vec<Inline>) {
    for node in children {
        match node {
            Node::Text(t) => out.push(Inline::text(t.as_str())),
            Node::Element(el) => inline_element(el, cx, out),
        }
    }
}

fn inline_element(el: &Element, cx: &mut Context, out: &mut Vec<Inline>) {
    let inner = |cx: &mut Context| {
        let mut content = Vec::new();
        collect_inlines(&el.children, cx, &mut content);
        content
    };
    match el.name.as_str() {
        "em" | "i" => out.push(Inline::Emphasis { content: inner(cx) }),
        "strong" | "b" => out.push(Inline::Strong { content: inner(cx) }),
        "q" => out.push(Inline::Quote { content: inner(cx) }),
        "br" => out.push(Inline::LineBreak),
        "a" => {
            let content = inner(cx);
            match el.attr_value("href") {
                Some(href) => out.push(Inline::Link { href, content }),
                None => out.extend(content),
            }
        }
        "span" if has_class(el, &["dateline".to_string()]) && cx.dateline_span.is_none() => {
            // dpa's dateline: metadata, lifted out of the lede.
            cx.dateline_span = Some((el.text(), el.offset));
        }
        "span" => {
            let classes = classes(el);

            let content = inner(cx);
            if classes.is_empty() {
                out.extend(content);
            } else {
                out.push(Inline::Span { classes, content });
            }
        }
        "del" | "s" | "strike" => {
            let text = el.text();
            if !text.is_empty() {
                cx.warn(
                    el,
                    format!(
                        "deleted text in <{}> dropped: \"{}\"",
                        el.name,
                        preview(&text)
                    ),
                );
            }
        }
        "cite" | "dfn" | "var" => out.push(Inline::Emphasis { content: inner(cx) }),
        "code" | "kbd" | "samp" | "tt" => out.push(Inline::Span {
            classes: vec!["code".to_string()],
            content: inner(cx),
        }),
        name if XHTML_INLINE.contains(&name) => out.extend(inner(cx)),
        name if SPAN_ELEMENTS.contains(&name) => out.push(Inline::Span {
            classes: vec![name.to_string()],
            content: inner(cx),
        }),
        "p" => {
            // Paragraphs inside a cell or caption: keep the words apart.
            out.push(Inline::text(" "));
            out.extend(inner(cx));
            out.push(Inline::text(" "));
        }
        name => {
            let known = is_known_block(name);
            cx.warn(
                el,
                if known {
                    format!("<{name}> inside running text: kept its text only")
                } else {
                    format!("unknown inline element <{name}>: kept its text")
                },
            );
            // A block's words stand apart; an unknown inline's run on as written.
            if known {
                out.push(Inline::text(" "));
            }
            out.extend(inner(cx));
            if known {
                out.push(Inline::text(" "));
            }
        }
    }
}

/// Collapses whitespace across inline boundaries, trims the ends, merges adjacent
/// text and drops empty inlines; no space is kept next to a line break.
fn normalise(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut state = Spacing {
        pending: false,
        at_start: true,
    };
    let mut out = collapse(inlines, &mut state);
    loop {
        match out.last_mut() {
            Some(Inline::LineBreak) => {
                out.pop();
            }
            Some(Inline::Text { text }) if text.ends_with(' ') => {
                text.truncate(text.trim_end_matches(' ').len());
                if text.is_empty() {
                    out.pop();
                }
            }
            _ => break,
        }
    }
    out
}

struct Spacing {
    /// Whitespace was seen and is owed before the next word.
    pending: bool,
    /// At the start, after a line break or after a space already written: whitespace
    /// here is dropped.
    at_start: bool,
}

fn collapse(inlines: Vec<Inline>, state: &mut Spacing) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        // A space owed before a nested inline goes before it, not inside it.
        if state.pending && !matches!(inline, Inline::Text { .. } | Inline::LineBreak) {
            push_text(&mut out, " ");
            state.pending = false;
            state.at_start = true;
        }
        match inline {
            Inline::Text { text } => {
                let mut collapsed = String::with_capacity(text.len());
                for c in text.chars() {
                    // XML's own whitespace only: no-break and thin spaces are meant.
                    if matches!(c, ' ' | '\t' | '\n' | '\r') {
                        state.pending = !state.at_start;
                    } else {
                        if state.pending {
                            collapsed.push(' ');
                            state.pending = false;
                        }
                        collapsed.push(c);
                        state.at_start = false;
                    }
                }
                push_text(&mut out, &collapsed);
            }
            Inline::LineBreak => {
                state.pending = false;
                state.at_start = true;
                if !out.is_empty() {
                    out.push(Inline::LineBreak);
                }
            }
            Inline::Emphasis { content } => {
                push_nonempty(&mut out, collapse(content, state), |c| Inline::Emphasis {
                    content: c,
                })
            }
            Inline::Strong { content } => push_nonempty(&mut out, collapse(content, state), |c| {
                Inline::Strong { content: c }
            }),
            Inline::Quote { content } => push_nonempty(&mut out, collapse(content, state), |c| {
                Inline::Quote { content: c }
            }),
            Inline::Link { href, content } => {
                push_nonempty(&mut out, collapse(content, state), |c| Inline::Link {
                    href,
                    content: c,
                })
            }
            Inline::Span { classes, content } => {
                push_nonempty(&mut out, collapse(content, state), |c| Inline::Span {
                    classes,
                    content: c,
                })
            }
        }
    }
    out
}

fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text { text: last }) => last.push_str(text),
        _ => out.push(Inline::text(text)),
    }
}

fn push_nonempty(
    out: &mut Vec<Inline>,
    content: Vec<Inline>,
    wrap: impl FnOnce(Vec<Inline>) -> Inline,
) {
    if !content.is_empty() {
        out.push(wrap(content));
    }
}

/// Word pairs of the body's paragraphs outside quotes, to tell a pull quote that
/// repeats the story from a block quote.
fn collect_body_pairs(el: &Element, pairs: &mut HashSet<u64>) {
    for child in el.elements() {
        match child.name.as_str() {
            "p" | "li" => {
                let words = words(&child.text());
                pairs.extend(words.windows(2).map(pair_key));
            }
            "bq" | "media" | "table" => {}
            _ => collect_body_pairs(child, pairs),
        }
    }
}

/// The share of the quote's word pairs found in the body, when the quote is of a
/// pull quote's length.
fn repeated_share(text: &str, pairs: &HashSet<u64>) -> Option<f64> {
    let words = words(text);
    if words.len() < MIN_QUOTE_WORDS || words.len() > MAX_QUOTE_WORDS {
        return None;
    }
    let found = words
        .windows(2)
        .filter(|pair| pairs.contains(&pair_key(pair)))
        .count();
    Some(found as f64 / (words.len() - 1) as f64)
}

/// Two neighbouring words as one number: a set of these costs a few bytes a pair, not
/// two strings. The hasher has fixed keys, so the result is the same on every run.
fn pair_key(pair: &[String]) -> u64 {
    let mut hasher = DefaultHasher::new();
    pair.hash(&mut hasher);
    hasher.finish()
}

fn preview(text: &str) -> String {
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(8).collect();
    let more = if words.next().is_some() { " …" } else { "" };
    format!("{}{more}", head.join(" "))
}

/// Lower-case words without apostrophes or punctuation, for loose comparison.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')))
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_across_inlines() {
        let got = normalise(vec![
            Inline::text("  The \n water "),
            Inline::Emphasis {
                content: vec![Inline::text(" rose ")],
            },
            Inline::text(" fast"),
            Inline::LineBreak,
            Inline::text("  again  "),
        ]);
        assert_eq!(
            got,
            vec![
                Inline::text("The water "),
                Inline::Emphasis {
                    content: vec![Inline::text("rose")]
                },
                Inline::text(" fast"),
                Inline::LineBreak,
                Inline::text("again"),
            ]
        );
    }

    #[test]
    fn words_ignore_case_apostrophes_and_quotes() {
        assert_eq!(words("We've “got” it’s"), vec!["weve", "got", "its"]);
    }

    #[test]
    fn attributions_split_name_and_title() {
        let a =
            attribution_from_text("— Ada Lind, reservoir engineer, Halvard Water Board").unwrap();
        assert_eq!(a.name, "Ada Lind");
        assert_eq!(
            a.title.as_deref(),
            Some("reservoir engineer, Halvard Water Board")
        );
    }
}
