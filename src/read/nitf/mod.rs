//! The XML reader: NITF 3.x, bare, namespaced, or inside NewsML (a NewsML-G2 `newsItem`
//! or NewsML 1.2); and NewsML whose story is XHTML or plain text ([`newsml`]). The
//! story's frame (dateline in the lede, byline paragraph, sign-offs) is settled last,
//! the same for every payload ([`frame`]).
//!
//! The input is decoded by its declared encoding ([`xml::decode`]), parsed into a small
//! element tree ([`xml::parse`]), and mapped: `head` and `body.head` to [`Meta`](crate::model::Meta)
//! ([`head`]), `body.content` to blocks ([`body`]).
//!
//! # Meta `extra` keys
//!
//! Every field the input carries that has no [`Meta`](crate::model::Meta) field of its own (or whose field
//! is already filled) is kept in `meta.extra` under a key that names where it came
//! from. Repeated values of one key are joined with `"; "`.
//!
//! - A `docdata` child is named as in NITF, without the `head`/`docdata` path, and
//!   holds its main value: `urgency` (`@ed-urg`), `ed-msg` and `correction` (`@info`),
//!   `date.release`, `date.expire` and a second `date.issue` (`@norm`, as ISO 8601).
//! - Any other attribute is `<element>.<attribute>`: `doc-id.regsrc`, `ed-msg.msg-type`,
//!   `pubdata.edition.name`, `pubdata.type`, `tobject.type`, `du-key.key`. An attribute
//!   or child that repeats its element's name says it once: `tobject.subject.refnum`
//!   for `tobject/tobject.subject@tobject.subject.refnum`.
//! - Nested elements add their names to the path, and an element's own text goes under
//!   its path: `identified-content.person`, `del-list.from-src.src-name`.
//! - The root: `nitf.<attribute>` (`nitf.version`, `nitf.uno`; `baselang` is
//!   `language`) and `nitf.<element>` for an element other than `head` and `body`.
//! - `head`: `title` is `head.title` (or the headline when there is no `hl1`);
//!   `meta@name=N@content=C` is `meta.N`, except that `kicker`, `section` (or `desk`)
//!   and `source` (or `agency`) fill those fields when they are still empty;
//!   `pubdata@date.publication` is the date unless `date.issue` gave one, then
//!   `pubdata.date.publication`; `pubdata@position.section` is the section.
//! - `body.head`: a second `hl1` is `hedline.hl1`, a second `hl2 class="kicker"`
//!   `hedline.kicker`; `note` is `body.head.note`; `rights` is `body.head.rights` when
//!   `doc.copyright` gave the rights; a second `distributor` is `distributor`, datelines
//!   after the first `dateline`; a byline's `location` is `byline.location`; a second
//!   `series` is `series.name`, `series.part`, `series.totalpart`.
//! - `body.end`: `bibliography`, and `body.end.<element>` for anything else.
//! - NewsML-G2: `newsml.<attribute>` of the `newsItem` (`newsml.guid`, `newsml.version`);
//!   `newsml.<path>` for what `itemMeta` and `contentMeta` hold (`newsml.versionCreated`,
//!   `newsml.provider.qcode`, `newsml.subject.name`, `newsml.headline` when the NITF has
//!   its own); `newsml.<part>.<path>` for the item's other parts
//!   (`newsml.rightsInfo.usageTerms`, `newsml.catalogRef.href`); and
//!   `newsml.inlineXML.<attribute>` (or `newsml.inlineData.<attribute>`).
//! - XHTML payload: `xhtml.<class>` for what its `<header>` holds (`xhtml.slugline`,
//!   `xhtml.genre`, `xhtml.time` when the envelope gave the date), `xhtml.title`.
//! - NewsML 1.2: `newsml1.<element>` (`newsml1.SlugLine`, `newsml1.ThisRevisionCreated`).
//! - News copy: `dateline_agency` (the tag of `NEW YORK (AP) —` or dpa's `span.credit`),
//!   `hedline.originalHeadline`, `byline.initials` (`gr/bp`), `byline.title` (a byline of
//!   only a title), `byline.placeholder` (a head byline replaced by a "By …" paragraph),
//!   `signoff` (`/ritzau/`, `(BusinessDesk)`), `xhtml.credit` (a lone `span.credit`
//!   naming another agency than the source).

mod body;
mod frame;
mod head;
mod newsml;
mod xml;

use std::collections::HashSet;

use super::{drop_control_characters, not_listed, Format, ReadOptions, Reading, MAX_WARNINGS};
use crate::diag::{Error, Location, Warning};
use crate::model::Article;

use xml::{Element, Lines};

/// Warnings and decisions, with a bound on how many are kept.
#[derive(Debug, Default)]
pub(super) struct Diagnostics {
    warnings: Vec<Warning>,
    decisions: Vec<Warning>,
    dropped: usize,
}

impl Diagnostics {
    fn push(&mut self, warning: Warning) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(warning);
        } else {
            self.dropped += 1;
        }
    }

    fn warn(&mut self, location: Location, message: impl Into<String>) {
        self.push(Warning::at(location, message));
    }

    /// Warns about a byte offset; past the limit the location is not even computed
    /// (in a one-line file of megabytes each costs a scan of the line).
    fn warn_at(&mut self, lines: &Lines, offset: usize, message: impl Into<String>) {
        if self.warnings.len() >= MAX_WARNINGS {
            self.dropped += 1;
            return;
        }
        self.push(Warning::at(lines.location(offset), message));
    }

    fn warn_plain(&mut self, message: impl Into<String>) {
        self.push(Warning::new(message));
    }

    fn decide_at(&mut self, lines: &Lines, offset: usize, message: impl Into<String>) {
        if self.decisions.len() < MAX_WARNINGS {
            self.decisions
                .push(Warning::at(lines.location(offset), message));
        }
    }

    fn finish(mut self) -> (Vec<Warning>, Vec<Warning>) {
        if self.dropped > 0 {
            self.warnings.push(not_listed(self.dropped, "warnings"));
        }
        (self.warnings, self.decisions)
    }
}

/// What the mapping steps share: where things are, how to read, what was noticed.
pub(super) struct Context<'a> {
    lines: &'a Lines<'a>,
    options: &'a ReadOptions,
    diagnostics: Diagnostics,
    /// Word pairs of the body's running text (see `body`), for spotting pull quotes.
    body_pairs: HashSet<u64>,
    /// The text and offset of an XHTML `span class="dateline"` met in the body.
    dateline_span: Option<(String, usize)>,
    /// The text and offset of each XHTML `span class="credit"` outside a dateline span.
    credit_spans: Vec<(String, usize)>,
    /// Whether the sender hard-wraps its paragraphs with `br` (see `body`).
    hard_wrapped: bool,
}

impl Context<'_> {
    fn warn(&mut self, element: &Element, message: impl Into<String>) {
        self.diagnostics
            .warn_at(self.lines, element.offset, message);
    }

    fn decide(&mut self, element: &Element, message: impl Into<String>) {
        self.diagnostics
            .decide_at(self.lines, element.offset, message);
    }
}

pub(super) fn read(bytes: &[u8], options: &ReadOptions) -> Result<Reading, Error> {
    let mut diagnostics = Diagnostics::default();
    let text = xml::decode(bytes, options.lossy, &mut diagnostics)?;
    let mut control_warnings = Vec::new();
    let text = drop_control_characters(text, &mut control_warnings);
    for w in control_warnings {
        diagnostics.push(w);
    }
    let lines = Lines::new(&text);
    let mut root = xml::parse(&text, &lines, &mut diagnostics)?;
    if let Some((count, offset, first)) = xml::undo_double_escapes(&mut root) {
        diagnostics.warn_at(
            &lines,
            offset,
            format!("{count} character reference(s) such as `{first}` were escaped twice by the sender and stood in the text as written: decoded"),
        );
    }
    let payload = payload(&root).map_err(|what| Error::at(lines.location(root.offset), what))?;
    let mut cx = Context {
        lines: &lines,
        options,
        diagnostics,
        body_pairs: HashSet::new(),
        dateline_span: None,
        credit_spans: Vec::new(),
        hard_wrapped: false,
    };
    let mut article = Article::new();
    let anchor = match payload {
        Payload::Nitf(nitf) => {
            head::read_meta(&root, nitf, &mut article.meta, &mut cx);
            article.body = body::read_body(nitf, &mut cx);
            if root.find("NewsItem").is_some() {
                newsml::newsml1_meta(&root, &mut article.meta, &mut cx);
            }
            nitf
        }
        Payload::Xhtml(html) => {
            newsml::read_xhtml(&root, html, &mut article, &mut cx);
            html
        }
        Payload::Text(data) => {
            newsml::read_text(&root, data, &mut article, &mut cx);
            data
        }
        Payload::NewsMl1 => {
            newsml::read_newsml1_body(&root, &mut article, &mut cx);
            &root
        }
    };
    // The first paragraph element, to point at when the lede changes.
    let content = anchor.find("body.content").unwrap_or(anchor);
    let mut paragraphs = Vec::new();
    all_named(content, "p", &mut paragraphs);
    frame::byline_and_sign_offs(&mut article, &paragraphs, content, &mut cx);
    let first_p = paragraphs.first().copied().unwrap_or(content);
    frame::lede_dateline(&mut article, first_p, &mut cx);
    frame::lone_credits(&mut article, &mut cx);
    frame::deck_copying_lede(&mut article, first_p, &mut cx);
    if article.meta.headline.is_empty() {
        cx.warn(
            anchor,
            "the article has no headline (no <hl1>, <title> or envelope headline)",
        );
    }
    let (warnings, decisions) = cx.diagnostics.finish();
    Ok(Reading {
        article,
        format: Format::Nitf,
        warnings,
        decisions,
    })
}

/// The elements named `name` in the subtree, in document order (not inside each other).
fn all_named<'a>(el: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for child in el.elements() {
        if child.name == name {
            out.push(child);
        } else {
            all_named(child, name, out);
        }
    }
}

/// What carries the story.
enum Payload<'a> {
    /// A NITF document, bare or in an envelope.
    Nitf(&'a Element),
    /// The `<html>` of a NewsML-G2 `inlineXML`.
    Xhtml(&'a Element),
    /// The `inlineData` of a NewsML-G2 item.
    Text(&'a Element),
    /// A NewsML 1.2 document whose `DataContent` has no `<nitf>` root.
    NewsMl1,
}

/// Finds the story in the document, or says why there is none.
fn payload(root: &Element) -> Result<Payload<'_>, String> {
    if let Some(nitf) = root.find("nitf") {
        return Ok(Payload::Nitf(nitf));
    }
    if let Some(item) = root.find("newsItem") {
        let inline = item.find("inlineXML");
        if let Some(html) = inline.and_then(|x| x.elements().find(|e| e.name == "html")) {
            return Ok(Payload::Xhtml(html));
        }
        if let Some(data) = item.find("inlineData") {
            let kind = data.attr_value("contenttype").unwrap_or_default();
            if kind.is_empty() || kind.starts_with("text/") {
                return Ok(Payload::Text(data));
            }
            return Err(format!(
                "the NewsML-G2 item's inlineData is `{kind}`, not text; galley reads NITF, XHTML or text/plain payloads"
            ));
        }
        return Err(match inline.and_then(|x| x.elements().next()) {
            Some(inner) => format!(
                "the NewsML-G2 item carries <{}>, not NITF or XHTML; expected <nitf> or <html> inside <inlineXML>",
                inner.name
            ),
            None => "the NewsML-G2 item holds no inline content (no <inlineXML> or <inlineData>; remote content is not fetched)".to_string(),
        });
    }
    if let Some(package) = root.find("packageItem") {
        return Err(newsml::package_message(package));
    }
    if root.find("NewsItem").is_some() {
        if root.find("DataContent").is_some() {
            return Ok(Payload::NewsMl1);
        }
        return Err("the NewsML 1.2 item holds no <DataContent> with article text".to_string());
    }
    Err(format!(
        "no <nitf> element found in <{}>; expected a NITF document, a NewsML-G2 newsItem or a NewsML 1.2 NewsItem",
        root.name
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Inline};

    fn read_str(s: &str) -> Result<Reading, Error> {
        read(s.as_bytes(), &ReadOptions::default())
    }

    #[test]
    fn reads_a_minimal_article() {
        let reading = read_str(
            "<nitf><body><body.head><hedline><hl1>Gates open</hl1></hedline></body.head>\
             <body.content><p>The  water\n rose.</p></body.content></body></nitf>",
        )
        .unwrap();
        assert_eq!(reading.article.meta.headline, "Gates open");
        assert_eq!(
            reading.article.body,
            vec![Block::Paragraph {
                classes: Vec::new(),
                lede: false,
                content: vec![Inline::text("The water rose.")]
            }]
        );
        assert!(reading.warnings.is_empty(), "{:?}", reading.warnings);
    }

    #[test]
    fn a_missing_headline_is_a_warning() {
        let reading =
            read_str("<nitf><body><body.content><p>x</p></body.content></body></nitf>").unwrap();
        assert!(reading.warnings[0].message.contains("no headline"));
    }

    #[test]
    fn newsml_without_nitf_is_an_error() {
        let err = read_str(
            "<newsItem guid='x'><contentSet><remoteContent href='x.jpg'/></contentSet></newsItem>",
        )
        .unwrap_err();
        assert!(
            err.message.contains("holds no inline content"),
            "{}",
            err.message
        );
    }

    #[test]
    fn newsml_1_2_envelope_frames_an_inner_nitf() {
        let reading = read_str(
            "<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>Lamps lit again</HeadLine>\
             <DateLine>MARSK, Aug. 3 (NWP)</DateLine></NewsLines>\
             <DescriptiveMetadata><Language FormalName='en'/></DescriptiveMetadata>\
             <NewsComponent><ContentItem><DataContent><nitf><body><body.content>\
             <p>MARSK (NWP) - The lamps were lit.</p></body.content></body></nitf>\
             </DataContent></ContentItem></NewsComponent></NewsComponent></NewsItem></NewsML>",
        )
        .unwrap();
        let meta = &reading.article.meta;
        assert_eq!(meta.headline, "Lamps lit again");
        assert_eq!(meta.language.as_deref(), Some("en"));
        assert_eq!(
            meta.dateline.as_ref().unwrap().date.as_deref(),
            Some("--08-03")
        );
        assert_eq!(
            reading.article.body,
            vec![Block::Paragraph {
                classes: Vec::new(),
                lede: false,
                content: vec![Inline::text("The lamps were lit.")]
            }]
        );
    }

    #[test]
    fn class_lists_come_from_the_options() {
        let input = "<nitf><body><body.content>\
             <bq class='zitat'><p>Wir warten.</p></bq>\
             <bq class='pullquote'><p>Not a pull quote here.</p></bq>\
             <block class='kasten'><p>Fakten.</p></block>\
             <block class='factbox'><p>A plain container here.</p></block>\
             </body.content></body></nitf>";
        let options = ReadOptions {
            pull_quote_classes: vec!["zitat".into()],
            sidebar_classes: vec!["kasten".into()],
            ..ReadOptions::default()
        };
        let body = read(input.as_bytes(), &options).unwrap().article.body;
        let kinds: Vec<&str> = body
            .iter()
            .map(|b| match b {
                Block::PullQuote { .. } => "pull_quote",
                Block::BlockQuote { .. } => "block_quote",
                Block::Sidebar { .. } => "sidebar",
                Block::Container { .. } => "container",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["pull_quote", "block_quote", "sidebar", "container"]);
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let text =
            "<nitf><body><body.head><hedline><hl1>Sæther</hl1></hedline></body.head></body></nitf>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let reading = read(&bytes, &ReadOptions::default()).unwrap();
        assert_eq!(reading.article.meta.headline, "Sæther");
    }

    #[test]
    fn unexpected_root_children_are_kept_and_warned_about() {
        let reading = read_str(
            "<nitf><head/><extra-stuff code='7'>x</extra-stuff><body><body.head><hedline><hl1>H</hl1></hedline></body.head></body></nitf>",
        )
        .unwrap();
        assert_eq!(reading.article.meta.extra["nitf.extra-stuff"], "x");
        assert_eq!(reading.article.meta.extra["nitf.extra-stuff.code"], "7");
        assert_eq!(reading.warnings.len(), 1);
        assert_eq!(reading.warnings[0].location, Some(Location::at(1, 14)));
    }

    /// The series examples are what users try first: every field they carry is read.
    #[test]
    fn still_water_examples_read_completely() {
        use crate::model::{Byline, Dateline, Series};
        let kinds = |body: &[Block]| -> Vec<&'static str> {
            body.iter()
                .map(|b| match b {
                    Block::Figure { .. } => "figure",
                    Block::PullQuote { .. } => "pull_quote",
                    Block::Sidebar { .. } => "sidebar",
                    Block::Table(_) => "table",
                    Block::Heading { .. } => "heading",
                    _ => "",
                })
                .filter(|k| !k.is_empty())
                .collect()
        };
        let day1 = read(
            include_bytes!("../../../examples/still-water/day1.xml"),
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(day1.warnings.is_empty(), "{:?}", day1.warnings);
        let meta = &day1.article.meta;
        assert_eq!(meta.headline, "The church spire comes up for air");
        assert_eq!(meta.kicker.as_deref(), Some("Day 1"));
        assert_eq!(
            meta.series,
            Some(Series {
                name: "Still Water".into(),
                part: Some(1),
                total: Some(4)
            })
        );
        assert_eq!(
            meta.bylines,
            vec![Byline {
                name: "Maren Holt".into(),
                title: Some("Staff Writer".into()),
                org: Some("Northwind Press".into())
            }]
        );
        assert_eq!(
            meta.dateline,
            Some(Dateline {
                place: "OLD MARSK".into(),
                date: Some("2026-08-03".into())
            })
        );
        assert_eq!(meta.date.as_deref(), Some("2026-08-03T06:15:00Z"));
        assert_eq!(meta.language.as_deref(), Some("en-GB"));
        assert_eq!(meta.rights.as_deref(), Some("© 2026 Northwind Press"));
        assert_eq!(meta.extra["urgency"], "4");
        assert_eq!(
            kinds(&day1.article.body),
            ["figure", "heading", "pull_quote", "heading", "sidebar"]
        );

        let day3 = read(
            include_bytes!("../../../examples/still-water/day3.xml"),
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(day3.warnings.is_empty(), "{:?}", day3.warnings);
        let meta = &day3.article.meta;
        assert_eq!(meta.kicker.as_deref(), Some("Day 3"));
        assert_eq!(meta.headline, "The barge that never left the mill");
        assert_eq!(meta.series.as_ref().and_then(|s| s.part), Some(3));
        assert!(meta
            .tagline
            .as_deref()
            .unwrap()
            .starts_with("Jonas Eide reports"));
        assert_eq!(
            kinds(&day3.article.body),
            ["figure", "heading", "pull_quote", "heading", "table"]
        );
        let text = serde_json::to_string(&day3.article).unwrap();
        assert!(text.contains("Bjørn Håland") && text.contains("Ingrid Sæther"));
        let Some(Block::Figure {
            src, credit, width, ..
        }) = day3.article.body.get(3)
        else {
            panic!("the fourth block of day 3 is its photo");
        };
        assert_eq!(src.as_deref(), Some("media/day3-barge.png"));
        assert_eq!(credit.as_deref(), Some("Per Vik / Northwind Press"));
        assert_eq!(*width, Some(1200));
    }

    #[test]
    fn warnings_are_bounded() {
        let mut s = String::from("<nitf><body><body.content><p>");
        for _ in 0..500 {
            s.push_str("&zz;");
        }
        s.push_str("</p></body.content></body></nitf>");
        let reading = read_str(&s).unwrap();
        assert_eq!(reading.warnings.len(), MAX_WARNINGS + 1);
        assert!(reading
            .warnings
            .last()
            .unwrap()
            .message
            .starts_with("401 more"));
    }
}
