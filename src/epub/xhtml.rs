//! XHTML content documents, written with a real XML writer so that every
//! `<`, `&` and quote in any field comes out escaped.

use std::collections::BTreeMap;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::diag::Warning;
use crate::locale::{Language, QuoteMarks, Words};
use crate::model::{plain_text, Article, Block, Inline, Table};
use crate::typeset::typography::{smarten, Context};

use super::provenance::Provenance;

/// Where a print page begins in an article: `block` indexes the article's
/// top-level body, `offset` counts characters (Unicode scalar values) into
/// [`plain_text`] of that block's content (0: at the block's start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageMark {
    /// The page number as printed.
    pub label: String,
    /// The top-level block the page begins in.
    pub block: usize,
    /// Characters into that block where it begins.
    pub offset: usize,
}

/// An XHTML document being written.
pub struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    /// A document with its XML declaration and doctype written.
    fn new() -> Self {
        let mut xml = Xml {
            writer: Writer::new(Vec::new()),
        };
        xml.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        xml.raw("\n");
        xml.event(Event::DocType(BytesText::from_escaped("html")));
        xml.raw("\n");
        xml
    }

    fn event(&mut self, event: Event<'_>) {
        // Writing into a Vec<u8> cannot fail.
        let _ = self.writer.write_event(event);
    }

    fn raw(&mut self, markup: &'static str) {
        self.writer.get_mut().extend_from_slice(markup.as_bytes());
    }

    /// Opens an element; attribute values are escaped.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let element = element(name, attrs);
        self.event(Event::Start(element));
    }

    /// Closes an element.
    pub fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// An element without content, e.g. `<img/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let element = element(name, attrs);
        self.event(Event::Empty(element));
    }

    /// Text, escaped, without the characters XML 1.0 forbids.
    pub fn text(&mut self, text: &str) {
        let clean = xml_chars(text);
        if !clean.is_empty() {
            self.event(Event::Text(BytesText::new(&clean)));
        }
    }

    /// An element holding only text.
    pub fn element(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }

    /// A line break between block elements, for readable files.
    pub fn newline(&mut self) {
        self.raw("\n");
    }

    fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

/// A start tag whose attribute values hold only characters XML allows.
fn element<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attrs {
        element.push_attribute((*key, xml_chars(value).as_ref()));
    }
    element
}

/// Drops the control characters XML 1.0 does not allow (tab, line feed and
/// carriage return stay), and the noncharacters U+FFFE and U+FFFF.
pub fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    };
    if text.chars().any(bad) {
        text.chars().filter(|&c| !bad(c)).collect::<String>().into()
    } else {
        text.into()
    }
}

/// A whole XHTML page: head with title and stylesheet, body from `body`.
pub fn page(
    lang: &str,
    title: &str,
    body_type: Option<&str>,
    body: impl FnOnce(&mut Xml),
) -> Vec<u8> {
    let mut xml = Xml::new();
    xml.start(
        "html",
        &[
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", lang),
            ("xml:lang", lang),
        ],
    );
    xml.newline();
    xml.start("head", &[]);
    xml.empty("meta", &[("charset", "utf-8")]);
    xml.element("title", &[], title);
    xml.empty(
        "link",
        &[
            ("rel", "stylesheet"),
            ("type", "text/css"),
            ("href", "stylesheet.css"),
        ],
    );
    xml.end("head");
    xml.newline();
    match body_type {
        Some(kind) => xml.start("body", &[("epub:type", kind)]),
        None => xml.start("body", &[]),
    }
    xml.newline();
    body(&mut xml);
    xml.end("body");
    xml.newline();
    xml.end("html");
    xml.finish()
}

/// An image placed in the book, as a figure refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedImage {
    /// Path inside the book, relative to the content documents.
    pub href: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// What writing one article needs besides the tree.
pub struct ArticleContext<'a> {
    /// The article's usable images by their `src`.
    pub images: &'a BTreeMap<String, PlacedImage>,
    /// The article's file name, for warnings.
    pub origin: &'a str,
    /// The article's label, e.g. "Day 2: The long drive to court".
    pub label: &'a str,
    /// The part's language, for the page and its typography.
    pub lang: &'a str,
    /// Where the part came from, for its head.
    pub provenance: &'a Provenance,
    /// Where its print pages begin, in reading order.
    pub pages: &'a [PageMark],
    /// The id each page marker gets, by its index in `pages`.
    pub page_ids: &'a [String],
    /// Warnings noticed on the way.
    pub warnings: &'a mut Vec<Warning>,
    /// Where the text alternatives of the images shown came from, counted on.
    pub alt_texts: &'a mut AltTexts,
}

/// Where the text alternatives of the images in a book's articles came from,
/// so that its accessibility metadata claims no more than it has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AltTexts {
    /// Alt text the input gave.
    pub given: usize,
    /// The caption, for want of alt text.
    pub from_caption: usize,
    /// Neither: the alt text only names the article ("Photograph for …").
    pub placeholder: usize,
}

impl AltTexts {
    /// Images shown in the articles.
    pub fn images(&self) -> usize {
        self.given + self.from_caption + self.placeholder
    }
}

/// One article as an XHTML content document.
pub fn article_page(article: &Article, cx: &mut ArticleContext<'_>) -> Vec<u8> {
    let lang = cx.lang.to_string();
    let label = cx.label.to_string();
    let language = Language::from_tag(&lang);
    page(&lang, &label, Some("bodymatter"), |xml| {
        let mut writer = ArticleWriter {
            xml,
            cx,
            figures: 0,
            language,
            words: Words::of(language),
            typo: Context::default(),
            block: None,
            chars: 0,
            next_page: 0,
        };
        writer.article(article);
    })
}

/// Whether a language tag is safe to put in `xml:lang` (a BCP 47 shape).
pub fn valid_lang(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
        && tag
            .split('-')
            .next()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
}

struct ArticleWriter<'x, 'c, 'a> {
    xml: &'x mut Xml,
    cx: &'c mut ArticleContext<'a>,
    figures: usize,
    language: Language,
    words: &'static Words,
    /// Quote and dash state within the current block.
    typo: Context,
    /// The top-level block being written, for page markers.
    block: Option<usize>,
    /// Characters of its plain text written so far.
    chars: usize,
    /// The next page marker to place.
    next_page: usize,
}

impl ArticleWriter<'_, '_, '_> {
    fn article(&mut self, article: &Article) {
        let meta = &article.meta;
        self.xml.start("article", &[("class", "story")]);
        self.xml.newline();
        self.xml.start("header", &[("class", "article-head")]);
        self.xml.newline();
        if let Some(kicker) = meta.kicker.as_deref().filter(|k| !k.trim().is_empty()) {
            self.xml.element("p", &[("class", "kicker")], kicker);
            self.xml.newline();
        }
        let headline = if meta.headline.trim().is_empty() {
            self.words.untitled
        } else {
            meta.headline.as_str()
        };
        let headline = self.smart(headline);
        self.xml.element("h1", &[], &headline);
        self.xml.newline();
        for deck in meta.decks.iter().filter(|d| !d.trim().is_empty()) {
            let deck = self.smart(deck);
            self.xml.element("p", &[("class", "deck")], &deck);
            self.xml.newline();
        }
        for (i, byline) in meta.bylines.iter().enumerate() {
            if byline.name.trim().is_empty() {
                continue;
            }
            self.xml.start("p", &[("class", "byline")]);
            if i == 0 {
                self.xml.text(&format!("{} ", self.words.by));
            }
            self.xml
                .element("span", &[("class", "author")], &byline.name);
            let role: Vec<&str> = [byline.title.as_deref(), byline.org.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect();
            if !role.is_empty() {
                self.xml.element(
                    "span",
                    &[("class", "byline-role")],
                    &format!(", {}", role.join(", ")),
                );
            }
            self.xml.end("p");
            self.xml.newline();
        }
        if let Some(agency) = crate::backend::agency_line(meta) {
            self.xml.element("p", &[("class", "agency")], agency);
            self.xml.newline();
        }
        if let Some(summary) = meta.summary.as_deref().filter(|s| !s.trim().is_empty()) {
            let summary = self.smart(summary);
            self.xml.element("p", &[("class", "summary")], &summary);
            self.xml.newline();
        }
        self.provenance();
        self.xml.end("header");
        self.xml.newline();

        let dateline = meta
            .dateline
            .as_ref()
            .map(|d| d.place.trim())
            .filter(|p| !p.is_empty());
        // The dateline opens the first paragraph, even when a photo comes before it.
        let first_paragraph = article
            .body
            .iter()
            .position(|b| matches!(b, Block::Paragraph { content, .. } if !content.is_empty()));
        if let (Some(place), None) = (dateline, first_paragraph) {
            self.xml.start("p", &[]);
            self.xml.element("span", &[("class", "dateline")], place);
            self.xml.end("p");
            self.xml.newline();
        }
        for (i, block) in article.body.iter().enumerate() {
            self.start_block(i);
            match (dateline, block) {
                (Some(place), Block::Paragraph { content, .. }) if Some(i) == first_paragraph => {
                    self.xml.start("p", &[]);
                    self.xml.element("span", &[("class", "dateline")], place);
                    self.xml.text(" \u{2013} ");
                    self.inlines(content, 0);
                    self.xml.end("p");
                    self.xml.newline();
                }
                _ => self.block(block, 2),
            }
        }
        self.block = None;
        // Pages that begin past the last block (a proof's empty last page).
        while self.next_page < self.cx.pages.len() {
            self.page_marker();
        }
        let foot: Vec<&str> = [meta.tagline.as_deref(), meta.rights.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if !foot.is_empty() {
            self.xml.start("footer", &[("class", "article-foot")]);
            for line in foot {
                self.xml.element("p", &[], line);
            }
            self.xml.end("footer");
            self.xml.newline();
        }
        self.xml.end("article");
        self.xml.newline();
    }

    /// Blocks; `level` is the heading level a titled group opens with.
    fn blocks(&mut self, blocks: &[Block], level: u8) {
        for block in blocks {
            self.block(block, level);
        }
    }

    fn block(&mut self, block: &Block, level: u8) {
        self.typo = Context::default();
        match block {
            Block::Paragraph { content, .. } => {
                if content.is_empty() {
                    return;
                }
                self.xml.start("p", &[]);
                self.inlines(content, 0);
                self.xml.end("p");
            }
            Block::Heading { content, .. } if plain_text(content).trim().is_empty() => return,
            Block::PullQuote { content, .. } if plain_text(content).trim().is_empty() => return,
            Block::Heading { level: l, content } => {
                let name = heading_name((*l).max(level));
                self.xml.start(name, &[]);
                self.inlines(content, 0);
                self.xml.end(name);
            }
            Block::PullQuote {
                content,
                attribution,
            } => {
                self.xml.start(
                    "aside",
                    &[
                        ("epub:type", "pullquote"),
                        ("role", "doc-pullquote"),
                        ("class", "pullquote"),
                    ],
                );
                self.xml.start("p", &[]);
                self.inlines(content, 0);
                self.xml.end("p");
                if let Some(who) = attribution.as_ref().filter(|a| !a.name.trim().is_empty()) {
                    let mut line = format!("\u{2014} {}", who.name);
                    if let Some(title) = who.title.as_deref().filter(|t| !t.trim().is_empty()) {
                        line.push_str(", ");
                        line.push_str(title);
                    }
                    self.xml.element("p", &[("class", "attribution")], &line);
                }
                self.xml.end("aside");
            }
            Block::Figure {
                src,
                alt,
                caption,
                credit,
                ..
            } => self.figure(src.as_deref(), alt.as_deref(), caption, credit.as_deref()),
            Block::Sidebar { title, body } => {
                self.xml.start("aside", &[("class", "sidebar")]);
                if let Some(title) = title.as_deref().filter(|t| !t.trim().is_empty()) {
                    self.xml.element(heading_name(level), &[], title);
                }
                self.blocks(body, level.saturating_add(1));
                if body.is_empty() {
                    self.xml.element("p", &[], "");
                }
                self.xml.end("aside");
            }
            Block::List { ordered, items } => {
                if items.is_empty() {
                    return;
                }
                let name = if *ordered { "ol" } else { "ul" };
                self.xml.start(name, &[]);
                for item in items {
                    self.xml.start("li", &[]);
                    match item.as_slice() {
                        [Block::Paragraph { content, .. }] => self.inlines(content, 0),
                        blocks => self.blocks(blocks, level),
                    }
                    self.xml.end("li");
                }
                self.xml.end(name);
            }
            Block::BlockQuote { body, credit } => {
                self.xml.start("blockquote", &[]);
                self.blocks(body, level);
                if let Some(credit) = credit.as_deref().filter(|c| !c.trim().is_empty()) {
                    self.xml
                        .element("footer", &[], &format!("\u{2014} {credit}"));
                }
                if body.is_empty() && credit.is_none() {
                    self.xml.element("p", &[], "");
                }
                self.xml.end("blockquote");
            }
            Block::Table(table) => self.table(table),
            Block::Rule => self.xml.empty("hr", &[]),
            Block::Container { classes, body } => {
                let class = class_list(classes);
                if class.is_empty() {
                    self.xml.start("div", &[]);
                } else {
                    self.xml.start("div", &[("class", &class)]);
                }
                self.blocks(body, level);
                self.xml.end("div");
            }
        }
        self.xml.newline();
    }

    fn figure(
        &mut self,
        src: Option<&str>,
        alt: Option<&str>,
        caption: &[Inline],
        credit: Option<&str>,
    ) {
        self.figures += 1;
        let number = self.figures;
        let placed = src.and_then(|s| self.cx.images.get(s)).cloned();
        let credit = credit.map(str::trim).filter(|c| !c.is_empty());
        if placed.is_none() && caption.is_empty() && credit.is_none() {
            return;
        }
        self.xml.start("figure", &[("class", "photo")]);
        if let Some(image) = placed {
            let alt = match alt.map(str::trim).filter(|a| !a.is_empty()) {
                Some(alt) => {
                    self.cx.alt_texts.given += 1;
                    alt.to_string()
                }
                None => {
                    let from_caption = plain_text(caption).trim().to_string();
                    if from_caption.is_empty() {
                        self.cx.warnings.push(Warning::new(format!(
                            "{}: figure {number} has neither alt text nor a caption; its alt text says only what the article is",
                            self.cx.origin
                        )));
                        self.cx.alt_texts.placeholder += 1;
                        self.words.photo_for_article(self.cx.label)
                    } else {
                        self.cx.warnings.push(Warning::new(format!(
                            "{}: figure {number} has no alt text; its caption is used instead",
                            self.cx.origin
                        )));
                        self.cx.alt_texts.from_caption += 1;
                        from_caption
                    }
                }
            };
            let (width, height) = (image.width.to_string(), image.height.to_string());
            self.xml.empty(
                "img",
                &[
                    ("src", &image.href),
                    ("alt", &alt),
                    ("width", &width),
                    ("height", &height),
                ],
            );
        }
        if !caption.is_empty() || credit.is_some() {
            self.xml.start("figcaption", &[]);
            self.inlines(caption, 0);
            if let Some(credit) = credit {
                if !caption.is_empty() {
                    self.xml.text(" ");
                }
                self.xml.element("span", &[("class", "credit")], credit);
            }
            self.xml.end("figcaption");
        }
        self.xml.end("figure");
    }

    fn table(&mut self, table: &Table) {
        let rows: Vec<_> = table.rows.iter().filter(|r| !r.cells.is_empty()).collect();
        if rows.is_empty() {
            return;
        }
        self.xml.start("table", &[]);
        if !table.caption.is_empty() {
            self.xml.start("caption", &[]);
            self.inlines(&table.caption, 0);
            self.xml.end("caption");
        }
        let head = rows.iter().take_while(|r| r.header).count();
        for (part, range) in [("thead", 0..head), ("tbody", head..rows.len())] {
            if range.is_empty() {
                continue;
            }
            self.xml.start(part, &[]);
            for row in &rows[range] {
                self.xml.start("tr", &[]);
                for cell in &row.cells {
                    let name = if row.header { "th" } else { "td" };
                    let colspan = cell
                        .colspan
                        .filter(|&n| n > 1)
                        .map(|n| n.min(1000).to_string());
                    let rowspan = cell
                        .rowspan
                        .filter(|&n| n > 1)
                        .map(|n| n.min(65534).to_string());
                    let mut attrs: Vec<(&str, &str)> = Vec::new();
                    if row.header {
                        attrs.push(("scope", "col"));
                    }
                    if let Some(n) = &colspan {
                        attrs.push(("colspan", n));
                    }
                    if let Some(n) = &rowspan {
                        attrs.push(("rowspan", n));
                    }
                    self.xml.start(name, &attrs);
                    self.inlines(&cell.content, 0);
                    self.xml.end(name);
                }
                self.xml.end("tr");
            }
            self.xml.end(part);
        }
        self.xml.end("table");
    }

    /// Inlines; `quotes` is how deep in quotations they sit, for the marks.
    fn inlines(&mut self, inlines: &[Inline], quotes: usize) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.text(text, quotes),
                Inline::Emphasis { content } => self.wrap("em", &[], content, quotes),
                Inline::Strong { content } => self.wrap("strong", &[], content, quotes),
                Inline::Link { href, content } => match safe_href(href) {
                    Some(href) => self.wrap("a", &[("href", href)], content, quotes),
                    None => self.inlines(content, quotes),
                },
                Inline::Quote { content } => {
                    let (open, close) = QuoteMarks::of(self.language).at_depth(quotes);
                    self.count(1);
                    self.xml.text(open);
                    self.typo.prev = open.chars().next_back();
                    self.inlines(content, quotes + 1);
                    self.count(1);
                    self.xml.text(close);
                    self.typo.prev = close.chars().next_back();
                }
                Inline::LineBreak => {
                    self.count(1);
                    self.xml.empty("br", &[]);
                    self.typo.prev = Some(' ');
                }
                Inline::Span { classes, content } => {
                    let class = class_list(classes);
                    if class.is_empty() {
                        self.inlines(content, quotes);
                    } else {
                        self.wrap("span", &[("class", &class)], content, quotes);
                    }
                }
            }
        }
    }

    /// Text as the proof sets it (the language's quotes, dashes, ties),
    /// with a page marker wherever a print page begins inside it.
    fn text(&mut self, text: &str, quotes: usize) {
        let mut rest = text;
        while let Some(offset) = self.page_offset_in(rest.chars().count()) {
            let at = rest
                .char_indices()
                .nth(offset)
                .map_or(rest.len(), |(i, _)| i);
            let (before, after) = rest.split_at(at);
            self.xml
                .text(&smarten(before, self.language, quotes, &mut self.typo));
            self.chars += offset;
            self.page_marker();
            rest = after;
        }
        self.chars += rest.chars().count();
        self.xml
            .text(&smarten(rest, self.language, quotes, &mut self.typo));
    }

    /// A line of the head, set as the body is.
    fn smart(&self, text: &str) -> String {
        smarten(text, self.language, 0, &mut Context::default())
    }

    /// Where in the next `len` characters of the current block the next
    /// page begins, if it does (a page at offset 0 is placed before the block).
    fn page_offset_in(&self, len: usize) -> Option<usize> {
        let block = self.block?;
        let mark = self.cx.pages.get(self.next_page)?;
        (mark.block == block && mark.offset > self.chars && mark.offset <= self.chars + len)
            .then(|| mark.offset - self.chars)
    }

    /// Counts characters that are not text (quote marks, line breaks), as
    /// `plain_text` does, placing a page marker that falls among them.
    fn count(&mut self, n: usize) {
        while self.page_offset_in(n).is_some() {
            self.page_marker();
        }
        self.chars += n;
    }

    /// Starts top-level block `i`: places the markers of pages that begin
    /// before it or at its start.
    fn start_block(&mut self, i: usize) {
        // Pages left over in the previous block (an offset past its text).
        while let Some(mark) = self.cx.pages.get(self.next_page) {
            if mark.block < i || (mark.block == i && mark.offset == 0) {
                self.page_marker();
            } else {
                break;
            }
        }
        self.block = Some(i);
        self.chars = 0;
        self.typo = Context::default();
    }

    fn page_marker(&mut self) {
        let Some(mark) = self.cx.pages.get(self.next_page) else {
            return;
        };
        let id = self.cx.page_ids[self.next_page].clone();
        self.xml.empty(
            "span",
            &[
                ("epub:type", "pagebreak"),
                ("role", "doc-pagebreak"),
                ("id", &id),
                ("aria-label", &mark.label),
            ],
        );
        self.next_page += 1;
    }

    /// The part's provenance, readable: source, dates as given, rights,
    /// print position, subject codes.
    fn provenance(&mut self) {
        let p = self.cx.provenance;
        let w = self.words;
        let print = p.print_line(w);
        let subjects = (!p.subjects.is_empty()).then(|| p.subjects.join(", "));
        let rows: Vec<(&str, &str, String)> = [
            ("source", w.source_id, p.source_id.clone()),
            ("issued", w.issued, p.issued.clone()),
            ("released", w.released, p.released.clone()),
            ("revised", w.revised, p.revised.clone()),
            ("filed", w.filed, p.filed.clone()),
            ("rights", w.rights, p.rights.clone()),
            ("print", w.printed, print),
            ("subjects", w.subjects, subjects),
        ]
        .into_iter()
        .filter_map(|(class, term, value)| value.map(|v| (class, term, v)))
        .collect();
        if rows.is_empty() {
            return;
        }
        self.xml.start("dl", &[("class", "provenance")]);
        for (class, term, value) in rows {
            self.xml.start("div", &[("class", class)]);
            self.xml.element("dt", &[], term);
            self.xml.element("dd", &[], &value);
            self.xml.end("div");
        }
        self.xml.end("dl");
        self.xml.newline();
    }

    fn wrap(&mut self, name: &str, attrs: &[(&str, &str)], content: &[Inline], quotes: usize) {
        self.xml.start(name, attrs);
        self.inlines(content, quotes);
        self.xml.end(name);
    }
}

fn heading_name(level: u8) -> &'static str {
    match level {
        0..=2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// Class names reduced to letters, digits, `-` and `_`, space-separated.
fn class_list(classes: &[String]) -> String {
    classes
        .iter()
        .map(|c| {
            c.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A link target a reading system can follow: an absolute `http(s)` or
/// `mailto` URL of plain ASCII with well-formed percent escapes. Anything
/// else (relative paths into nowhere, `javascript:`) is dropped, keeping the text.
pub fn safe_href(href: &str) -> Option<&str> {
    let href = href.trim();
    let rest = ["https://", "http://", "mailto:"]
        .iter()
        .find_map(|scheme| href.strip_prefix(scheme))?;
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    let bytes = href.as_bytes();
    let escapes_ok = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || (i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit())
    });
    // A web link needs a host; a mail link needs an address.
    (!rest.is_empty()
        && !rest.starts_with('/')
        && href.chars().all(allowed)
        && href.matches('#').count() <= 1
        && escapes_ok)
        .then_some(href)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let bytes = page("en", "A <b> & \"c\"", None, |xml| {
            xml.element("p", &[("class", "x\"y")], "1 < 2 & 3 > 2\u{1}");
        });
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>"),
            "{text}"
        );
        assert!(text.contains("class=\"x&quot;y\""), "{text}");
        assert!(text.contains(">1 &lt; 2 &amp; 3 &gt; 2</p>"), "{text}");
    }

    #[test]
    fn only_followable_links_are_kept() {
        assert_eq!(
            safe_href(" https://example.org/a?b=1&c=2 "),
            Some("https://example.org/a?b=1&c=2")
        );
        assert_eq!(
            safe_href("mailto:desk@example.org"),
            Some("mailto:desk@example.org")
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("../other.html"), None);
        assert_eq!(safe_href("https://example.org/a b"), None);
        assert_eq!(safe_href("https://example.org/%zz"), None);
        assert_eq!(safe_href("https://"), None);
    }

    #[test]
    fn language_tags_are_checked() {
        assert!(valid_lang("en"));
        assert!(valid_lang("nb-NO"));
        assert!(!valid_lang("en US"));
        assert!(!valid_lang("\"><x"));
        assert!(!valid_lang(""));
    }
}
