//! An OPDS 1.2 acquisition feed (an Atom feed, RFC 4287) of the books of
//! one run, so that calibre, KOReader and Thorium can browse an archive:
//! one entry per book with its identifier, title, series and position,
//! parts (with their source identifiers, dates, rights and language), size
//! and SHA-256.

use quick_xml::escape::escape;

use super::provenance::Provenance;
use super::xhtml::xml_chars;

/// What the feed says of one book; [`super::build_described`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookFacts {
    /// `urn:uuid:…`, as the package gives it.
    pub identifier: String,
    /// The title.
    pub title: String,
    /// `dcterms:modified`.
    pub modified: String,
    /// `dc:date`, when the parts give one.
    pub date: Option<String>,
    /// The book's language.
    pub language: String,
    /// The authors, in order.
    pub authors: Vec<String>,
    /// The publishers or agencies, in order.
    pub publishers: Vec<String>,
    /// The rights, when every part has the same.
    pub rights: Option<String>,
    /// The description.
    pub summary: String,
    /// Each series: its name and the book's place in it, if one part (a
    /// book of the series' parts has none).
    pub series: Vec<(String, Option<u32>)>,
    /// The parts, in reading order.
    pub parts: Vec<PartFacts>,
    /// The content version (a SHA-256 of what the book is made of).
    pub version: String,
}

/// One part as the feed lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartFacts {
    /// Its label in the contents.
    pub label: String,
    /// Its language.
    pub language: String,
    /// Where it came from.
    pub provenance: Provenance,
}

/// A book file the feed offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedBook {
    /// The file, relative to the feed.
    pub href: String,
    /// Its size in bytes.
    pub length: u64,
    /// Its SHA-256, in hex.
    pub sha256: String,
    /// What the book says of itself.
    pub facts: BookFacts,
}

/// The namespace of galley's own feed elements (the file's checksum).
pub const GALLEY_NAMESPACE: &str = "urn:galley:opds:1";

/// The media type of an OPDS acquisition feed.
pub const FEED_TYPE: &str = "application/atom+xml;profile=opds-catalog;kind=acquisition";

fn esc(text: &str) -> String {
    escape(xml_chars(text).as_ref()).into_owned()
}

/// The feed of `books` (in the order given), saved as `self_href`. Its id
/// and `updated` come from the books, so the same books give the same bytes.
pub fn feed(books: &[FeedBook], self_href: &str) -> String {
    let mut ids: Vec<&str> = books.iter().map(|b| b.facts.identifier.as_str()).collect();
    ids.sort_unstable();
    let id = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("galley-opds\n{}", ids.join("\n")).as_bytes(),
    );
    let updated = books
        .iter()
        .map(|b| b.facts.modified.as_str())
        .max()
        .unwrap_or("2000-01-01T00:00:00Z");
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/terms/\" xmlns:opds=\"http://opds-spec.org/2010/catalog\" xmlns:galley=\"{GALLEY_NAMESPACE}\">\n"
    ));
    out.push_str(&format!("  <id>{}</id>\n", uuid::fmt::Urn::from_uuid(id)));
    out.push_str("  <title>galley books</title>\n");
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str("  <author><name>galley</name></author>\n");
    for rel in ["self", "start"] {
        out.push_str(&format!(
            "  <link rel=\"{rel}\" href=\"{}\" type=\"{FEED_TYPE}\"/>\n",
            esc(self_href)
        ));
    }
    for book in books {
        entry(&mut out, book);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, book: &FeedBook) {
    let f = &book.facts;
    out.push_str("  <entry>\n");
    let mut line = |text: String| {
        out.push_str("    ");
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("<title>{}</title>", esc(&f.title)));
    line(format!("<id>{}</id>", esc(&f.identifier)));
    line(format!("<updated>{}</updated>", esc(&f.modified)));
    for author in &f.authors {
        line(format!("<author><name>{}</name></author>", esc(author)));
    }
    line(format!("<dc:language>{}</dc:language>", esc(&f.language)));
    if let Some(date) = &f.date {
        line(format!("<dc:issued>{}</dc:issued>", esc(date)));
    }
    for publisher in &f.publishers {
        line(format!("<dc:publisher>{}</dc:publisher>", esc(publisher)));
    }
    if let Some(rights) = &f.rights {
        line(format!("<rights>{}</rights>", esc(rights)));
    }
    for (name, position) in &f.series {
        // calibre's and KOReader's readers take a series as a category;
        // the position, when the book is one part, goes in the label.
        let label = match position {
            Some(p) => format!("{name} [{p}]"),
            None => name.clone(),
        };
        line(format!(
            "<category scheme=\"http://purl.org/dc/terms/isPartOf\" term=\"{}\" label=\"{}\"/>",
            esc(name),
            esc(&label)
        ));
        line(format!("<dc:isPartOf>{}</dc:isPartOf>", esc(name)));
    }
    for part in &f.parts {
        if let Some(id) = &part.provenance.source_id {
            line(format!("<dc:source>{}</dc:source>", esc(id)));
        }
    }
    line(format!("<summary>{}</summary>", esc(&f.summary)));
    // The parts, readable, with what an archive keeps of each.
    let mut content =
        String::from("<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><ol>");
    for part in &f.parts {
        let p = &part.provenance;
        let details: Vec<String> = [
            p.source_id.clone(),
            p.issued.clone(),
            p.rights.clone(),
            Some(part.language.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        content.push_str(&format!(
            "<li>{} ({})</li>",
            esc(&part.label),
            esc(&details.join("; "))
        ));
    }
    content.push_str("</ol></div></content>");
    line(content);
    line(format!(
        "<link rel=\"http://opds-spec.org/acquisition\" href=\"{}\" type=\"application/epub+zip\" length=\"{}\"/>",
        esc(&book.href),
        book.length
    ));
    line(format!(
        "<galley:sha256>{}</galley:sha256>",
        esc(&book.sha256)
    ));
    line(format!(
        "<galley:version>{}</galley:version>",
        esc(&f.version)
    ));
    out.push_str("  </entry>\n");
}

/// What a book galley made says of itself, read back from its package
/// document (for a book left as it was by `--resume`); `None` when the file
/// is not such a book.
pub fn facts_of_book(bytes: &[u8]) -> Option<BookFacts> {
    use quick_xml::events::Event;
    use std::io::Read;

    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut opf = String::new();
    archive
        .by_name("OEBPS/content.opf")
        .ok()?
        .read_to_string(&mut opf)
        .ok()?;
    // Every metadata element: its name, id, property, refines and text.
    struct Item {
        name: String,
        id: String,
        property: String,
        refines: String,
        text: String,
    }
    let mut items: Vec<Item> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(&opf);
    let mut open: Option<Item> = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let mut item = Item {
                    name: e.name().as_ref().to_string(),
                    id: String::new(),
                    property: String::new(),
                    refines: String::new(),
                    text: String::new(),
                };
                for attr in e.attributes().flatten() {
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match attr.key.as_ref() {
                        "id" => item.id = value,
                        "property" => item.property = value,
                        "refines" => item.refines = value,
                        _ => {}
                    }
                }
                open = Some(item);
            }
            Event::Text(t) => {
                if let Some(item) = open.as_mut() {
                    item.text
                        .push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(item) = open.as_mut() {
                    let name = r.as_ref().to_string();
                    let resolved = match r.resolve_char_ref().ok().flatten() {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_xml_entity(&name)
                            .unwrap_or_default()
                            .to_string(),
                    };
                    item.text.push_str(&resolved);
                }
            }
            Event::End(_) => {
                if let Some(item) = open.take() {
                    items.push(item);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let all = |name: &str| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.name == name)
            .map(|i| i.text.clone())
            .collect()
    };
    let first = |name: &str| all(name).into_iter().next();
    let property = |refines: &str, property: &str| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.name == "meta" && i.refines == refines && i.property == property)
            .map(|i| i.text.clone())
            .collect()
    };
    let series = items
        .iter()
        .filter(|i| i.property == "belongs-to-collection" && i.refines.is_empty())
        .map(|i| {
            let position = property(&format!("#{}", i.id), "group-position")
                .first()
                .and_then(|p| p.parse().ok())
                .filter(|&p| p != super::package::WHOLE_SERIES);
            (i.text.clone(), position)
        })
        .collect();
    let mut part_ids: Vec<String> = Vec::new();
    for item in &items {
        if item.refines.starts_with("#id_part-") && !part_ids.contains(&item.refines) {
            part_ids.push(item.refines.clone());
        }
    }
    let parts = part_ids
        .iter()
        .map(|id| {
            let one = |p: &str| property(id, p).into_iter().next();
            PartFacts {
                label: one("dcterms:title").unwrap_or_default(),
                language: one("dcterms:language").unwrap_or_default(),
                provenance: Provenance {
                    source_id: one("dcterms:source"),
                    issued: one("dcterms:issued"),
                    released: one("dcterms:available"),
                    revised: one("dcterms:modified"),
                    filed: None,
                    agency: one("dcterms:publisher"),
                    rights: one("dcterms:rights"),
                    publication: one("prism:publicationName"),
                    edition: one("prism:edition"),
                    section: one("prism:section"),
                    page: one("prism:startingPage"),
                    subjects: property(id, "dcterms:subject"),
                },
            }
        })
        .collect();
    Some(BookFacts {
        identifier: first("dc:identifier")?,
        title: first("dc:title")?,
        modified: property("", "dcterms:modified").into_iter().next()?,
        date: first("dc:date"),
        language: first("dc:language")?,
        authors: all("dc:creator"),
        publishers: all("dc:publisher"),
        rights: first("dc:rights"),
        summary: first("dc:description").unwrap_or_default(),
        series,
        parts,
        version: property("", "schema:version")
            .into_iter()
            .next()
            .unwrap_or_default(),
    })
}
