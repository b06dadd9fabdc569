//! How articles and books are named in the navigation document and metadata.

use crate::model::Meta;

use super::xhtml::{self, Xml};

/// One entry of the contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A document: its label and file.
    Link(String, String),
    /// A series heading over its parts.
    Group(String, Vec<Entry>),
}

/// A print page as the page-list names it: its label and where it begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page number as printed.
    pub label: String,
    /// The marker's address, `part-001.xhtml#part-001-page-1`.
    pub href: String,
}

/// What the navigation document holds.
pub struct Navigation<'a> {
    /// The book's language.
    pub lang: &'a str,
    /// The contents, in reading order.
    pub entries: &'a [Entry],
    /// The print pages, in reading order (none: no page-list).
    pub pages: &'a [Page],
    /// The cover page's file.
    pub cover: &'a str,
    /// The first part's file and label, the start of the body.
    pub body: (&'a str, &'a str),
}

/// The navigation document: the contents (`doc-toc`, nested by series when
/// the book has several), the print pages when known (`doc-pagelist`) and
/// the landmarks, each named by its heading.
pub fn document(nav: &Navigation<'_>) -> Vec<u8> {
    let words = crate::locale::Words::of(crate::locale::Language::from_tag(nav.lang));
    xhtml::page(nav.lang, words.contents, None, |xml| {
        xml.start(
            "nav",
            &[
                ("epub:type", "toc"),
                ("role", "doc-toc"),
                ("id", "toc"),
                ("aria-labelledby", "toc-title"),
            ],
        );
        xml.element("h1", &[("id", "toc-title")], words.contents);
        xml.newline();
        entries(xml, nav.entries);
        xml.end("nav");
        xml.newline();
        if !nav.pages.is_empty() {
            xml.start(
                "nav",
                &[
                    ("epub:type", "page-list"),
                    ("role", "doc-pagelist"),
                    ("id", "page-list"),
                    ("aria-labelledby", "page-list-title"),
                    ("hidden", "hidden"),
                ],
            );
            xml.element("h2", &[("id", "page-list-title")], words.pages);
            xml.start("ol", &[]);
            for page in nav.pages {
                xml.start("li", &[]);
                xml.element("a", &[("href", &page.href)], &page.label);
                xml.end("li");
            }
            xml.end("ol");
            xml.end("nav");
            xml.newline();
        }
        xml.start(
            "nav",
            &[
                ("epub:type", "landmarks"),
                ("id", "landmarks"),
                ("aria-labelledby", "landmarks-title"),
                ("hidden", "hidden"),
            ],
        );
        xml.element("h2", &[("id", "landmarks-title")], words.landmarks);
        xml.start("ol", &[]);
        for (kind, href, label) in [
            ("cover", nav.cover, words.cover),
            ("titlepage", "title.xhtml", words.title_page),
            ("bodymatter", nav.body.0, nav.body.1),
        ] {
            xml.start("li", &[]);
            xml.element("a", &[("epub:type", kind), ("href", href)], label);
            xml.end("li");
        }
        xml.end("ol");
        xml.end("nav");
        xml.newline();
    })
}

fn entries(xml: &mut Xml, list: &[Entry]) {
    xml.start("ol", &[]);
    for entry in list {
        xml.start("li", &[]);
        match entry {
            Entry::Link(label, href) => xml.element("a", &[("href", href)], label),
            Entry::Group(name, parts) => {
                xml.element("span", &[], name);
                entries(xml, parts);
            }
        }
        xml.end("li");
        xml.newline();
    }
    xml.end("ol");
    xml.newline();
}

/// An article's entry in the contents, read like the series:
/// "Day 2: The long drive to court". The kicker comes first, else "Part N".
pub fn label(meta: &Meta) -> String {
    let label = raw_label(meta);
    // One line of text, without the characters XML forbids.
    let label = super::xhtml::xml_chars(&label);
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        words(meta).untitled.to_string()
    } else {
        label
    }
}

/// The furniture words of the article's language.
fn words(meta: &Meta) -> &'static crate::locale::Words {
    crate::locale::Words::of(crate::locale::Language::from_tag(
        meta.language.as_deref().unwrap_or("en"),
    ))
}

fn raw_label(meta: &Meta) -> String {
    let headline = headline(meta);
    let prefix = meta
        .kicker
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(String::from)
        .or_else(|| {
            meta.series
                .as_ref()
                .and_then(|s| s.part)
                .map(|part| format!("{} {part}", words(meta).part))
        });
    match prefix {
        Some(prefix) if !headline.to_lowercase().starts_with(&prefix.to_lowercase()) => {
            format!("{prefix}: {headline}")
        }
        _ => headline.to_string(),
    }
}

/// The headline, or "Untitled" in the article's language when it has none.
pub fn headline(meta: &Meta) -> &str {
    let headline = meta.headline.trim();
    if headline.is_empty() {
        words(meta).untitled
    } else {
        headline
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Series;

    #[test]
    fn labels_read_like_the_series() {
        let mut meta = Meta {
            headline: "The long drive to court".into(),
            kicker: Some("Day 2".into()),
            ..Meta::default()
        };
        assert_eq!(label(&meta), "Day 2: The long drive to court");
        meta.kicker = None;
        meta.series = Some(Series {
            name: "Still Water".into(),
            part: Some(3),
            total: None,
        });
        assert_eq!(label(&meta), "Part 3: The long drive to court");
        meta.language = Some("nb-NO".into());
        assert_eq!(label(&meta), "Del 3: The long drive to court");
        meta.language = None;
        meta.series = None;
        meta.headline = " ".into();
        assert_eq!(label(&meta), "Untitled");
    }
}
