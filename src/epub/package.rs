//! The package document's metadata: Dublin Core fields, the series
//! collection (EPUB 3 and calibre forms) and EPUB Accessibility 1.1.
//!
//! epub-builder writes the fields it knows (title, creators, language, dates,
//! subjects, identifier); the rest is written here with quick-xml and put into
//! its package document afterwards (see [`patch_opf`]).

use quick_xml::escape::escape;

use super::provenance::Provenance;
use super::xhtml::AltTexts;

/// One part as the package describes it, refining its manifest item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's manifest item id.
    pub item: String,
    /// Its headline.
    pub title: String,
    /// Its language.
    pub language: String,
    /// Where it came from.
    pub provenance: Provenance,
}

/// One series collection the book belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// The series name.
    pub name: String,
    /// The book's place in the series: the part, when the book is one part
    /// of it, else [`WHOLE_SERIES`].
    pub position: u32,
}

/// The place of a book of a series' parts (rather than one part) in its
/// series: before part 1, so that it never shares a number with a part.
/// calibre reads `group-position` (1 when it is missing) and ignores
/// `calibre:series_index` beside an EPUB 3 collection, so the book states
/// it in both.
pub const WHOLE_SERIES: u32 = 0;

/// `pageBreakSource` when the parts do not all name their print editions.
pub const UNNAMED_EDITIONS: &str = "the print editions";

/// What the package document says about the book beyond epub-builder's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraMetadata {
    /// Publishers or agencies, in order, without duplicates.
    pub publishers: Vec<String>,
    /// Series collections.
    pub collections: Vec<Collection>,
    /// Where the text alternatives of the articles' images came from.
    pub alt_texts: AltTexts,
    /// The publication date as the earliest part gives it.
    pub date: Option<String>,
    /// The content version: a digest of what the book is made of.
    pub version: String,
    /// Each part, in reading order.
    pub parts: Vec<Part>,
    /// The print edition the page-list follows, when the book has one.
    pub page_break_source: Option<String>,
    /// The book's language (BCP 47): the accessibility summary is English,
    /// and says so in a book of another language.
    pub language: String,
}

/// The text a reader hears when asking what the book offers for
/// accessibility: what it has, image by image, and nothing more.
pub fn accessibility_summary(alt_texts: &AltTexts) -> String {
    let mut summary = String::from(
        "Reflowable text with a navigation document, headings for every article and its sections, and a logical reading order.",
    );
    summary.push_str(" The cover image has a text alternative giving the title.");
    let images = alt_texts.images();
    if images > 0 && alt_texts.given == images {
        summary.push_str(if images == 1 {
            " The one image in the articles has a text alternative written for it."
        } else {
            " Every image in the articles has a text alternative written for it."
        });
    } else if images > 0 {
        let mut kinds = Vec::new();
        if alt_texts.given > 0 {
            kinds.push(format!(
                "{} {} a text alternative written for {}",
                alt_texts.given,
                has(alt_texts.given),
                if alt_texts.given == 1 { "it" } else { "them" }
            ));
        }
        if alt_texts.from_caption > 0 {
            kinds.push(format!(
                "{} {} as text alternative",
                alt_texts.from_caption,
                if alt_texts.from_caption == 1 {
                    "repeats its caption"
                } else {
                    "repeat their captions"
                }
            ));
        }
        if alt_texts.placeholder > 0 {
            kinds.push(format!(
                "{} {} no description, only a text alternative naming {} article",
                alt_texts.placeholder,
                has(alt_texts.placeholder),
                if alt_texts.placeholder == 1 {
                    "its"
                } else {
                    "their"
                }
            ));
        }
        let last = kinds.pop().unwrap_or_default();
        let list = if kinds.is_empty() {
            last
        } else {
            format!("{} and {last}", kinds.join(", "))
        };
        summary.push_str(&format!(
            " Of the {images} {} in the articles, {list}.",
            if images == 1 { "image" } else { "images" }
        ));
    }
    if images > 0 {
        summary.push_str(" Captions and credits are text.");
    }
    summary.push_str(" No content poses a flashing, motion or sound hazard.");
    summary
}

fn has(count: usize) -> &'static str {
    if count == 1 {
        "has"
    } else {
        "have"
    }
}

/// The metadata elements epub-builder cannot write, as package-document XML.
pub fn extra_metadata(meta: &ExtraMetadata) -> String {
    let mut out = String::new();
    let mut element = |name: &str, attrs: &[(&str, &str)], content: &str| {
        out.push_str("    <");
        out.push_str(name);
        for (key, value) in attrs {
            out.push_str(&format!(" {key}=\"{}\"", escape(*value)));
        }
        out.push('>');
        out.push_str(&escape(super::xhtml::xml_chars(content).as_ref()));
        out.push_str(&format!("</{name}>\n"));
    };
    let meta_property = |property: &'static str| [("property", property)];
    for publisher in &meta.publishers {
        element("dc:publisher", &[], publisher);
    }
    if let Some(date) = &meta.date {
        element("dc:date", &[], date);
    }
    // A book of one article is also known by that article's source identifier.
    if let [part] = meta.parts.as_slice() {
        if let Some(id) = &part.provenance.source_id {
            element("dc:identifier", &[("id", "source-identifier")], id);
        }
    }
    // Each part's source, then what the package knows of the part, refining
    // its manifest item (an EPUB 3 expression on a publication resource).
    for (i, part) in meta.parts.iter().enumerate() {
        if let Some(id) = &part.provenance.source_id {
            element("dc:source", &[("id", &format!("source-{:03}", i + 1))], id);
        }
    }
    for part in &meta.parts {
        let refines = format!("#{}", part.item);
        let p = &part.provenance;
        let mut refine = |property: &str, value: &str| {
            element(
                "meta",
                &[("refines", &refines), ("property", property)],
                value,
            );
        };
        refine("dcterms:title", &part.title);
        let fields = [
            ("dcterms:source", &p.source_id),
            ("dcterms:issued", &p.issued),
            ("dcterms:available", &p.released),
            ("dcterms:modified", &p.revised),
            ("dcterms:publisher", &p.agency),
            ("dcterms:rights", &p.rights),
            ("prism:publicationName", &p.publication),
            ("prism:edition", &p.edition),
            ("prism:section", &p.section),
            ("prism:startingPage", &p.page),
        ];
        refine("dcterms:language", &part.language);
        for (property, value) in fields {
            if let Some(value) = value {
                refine(property, value);
            }
        }
        for subject in &p.subjects {
            refine("dcterms:subject", subject);
        }
    }
    element("meta", &meta_property("schema:version"), &meta.version);
    for (i, collection) in meta.collections.iter().enumerate() {
        let id = format!("collection-{}", i + 1);
        let refines = format!("#{id}");
        element(
            "meta",
            &[("property", "belongs-to-collection"), ("id", &id)],
            &collection.name,
        );
        element(
            "meta",
            &[("refines", &refines), ("property", "collection-type")],
            "series",
        );
        element(
            "meta",
            &[("refines", &refines), ("property", "group-position")],
            &collection.position.to_string(),
        );
    }
    // Every book has a cover image, so every book has visual content; text
    // alone suffices only when every image has a text alternative saying
    // what it shows, which a placeholder naming the article does not.
    let described = meta.alt_texts.placeholder == 0;
    for mode in ["textual", "visual"] {
        element("meta", &meta_property("schema:accessMode"), mode);
    }
    if described {
        element(
            "meta",
            &meta_property("schema:accessModeSufficient"),
            "textual",
        );
    }
    element(
        "meta",
        &meta_property("schema:accessModeSufficient"),
        "textual,visual",
    );
    let mut features = vec![
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ];
    if described {
        features.push("alternativeText");
    }
    if meta.page_break_source.is_some() {
        features.push("printPageNumbers");
        features.push("pageBreakMarkers");
    }
    for feature in features {
        element(
            "meta",
            &meta_property("schema:accessibilityFeature"),
            feature,
        );
    }
    element("meta", &meta_property("schema:accessibilityHazard"), "none");
    // The summary's sentences (and the unnamed editions' phrase) are written
    // in English only; a book in another language marks them as English so
    // that a reading system voices them as such.
    let english = meta.language.to_ascii_lowercase();
    let english = english == "en" || english.starts_with("en-");
    let in_english = |property: &'static str| -> Vec<(&'static str, &'static str)> {
        let mut attrs = vec![("property", property)];
        if !english {
            attrs.push(("xml:lang", "en"));
        }
        attrs
    };
    if let Some(source) = &meta.page_break_source {
        if source == UNNAMED_EDITIONS {
            element("meta", &in_english("pageBreakSource"), source);
        } else {
            element("meta", &meta_property("pageBreakSource"), source);
        }
    }
    element(
        "meta",
        &in_english("schema:accessibilitySummary"),
        &accessibility_summary(&meta.alt_texts),
    );
    // The claim the book is made to meet, made only when every image is
    // described (WCAG 1.1.1); no a11y:certifiedBy, since only a person or
    // body that checked the book may certify it.
    if described {
        element(
            "meta",
            &meta_property("dcterms:conformsTo"),
            "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
        );
    }
    // The calibre form, for readers of EPUB 2 packages: the first series,
    // at the same position.
    if let Some(first) = meta.collections.first() {
        out.push_str(&format!(
            "    <meta name=\"calibre:series\" content=\"{}\"/>\n",
            escape(super::xhtml::xml_chars(&first.name).as_ref())
        ));
        out.push_str(&format!(
            "    <meta name=\"calibre:series_index\" content=\"{}\"/>\n",
            first.position
        ));
    }
    out
}

/// The vocabulary prefixes the metadata uses beyond the reserved ones.
pub const PREFIXES: &str = "prism: http://prismstandard.org/namespaces/basic/3.0/";

/// Puts `xml:lang` and the prefixes on the package element and `extra`
/// before `</metadata>`.
pub fn patch_opf(opf: &str, lang: &str, extra: &str) -> Result<String, String> {
    let package = "<package ";
    let start = opf
        .find(package)
        .ok_or("the package document has no <package> element")?;
    let end = opf
        .find("</metadata>")
        .ok_or("the package document has no </metadata>")?;
    if end < start {
        return Err("the package document is malformed".into());
    }
    let mut out = String::with_capacity(opf.len() + extra.len() + 32);
    out.push_str(&opf[..start + package.len()]);
    out.push_str(&format!(
        "xml:lang=\"{}\" prefix=\"{PREFIXES}\" ",
        escape(lang)
    ));
    out.push_str(&opf[start + package.len()..end]);
    out.push_str(extra);
    out.push_str("  ");
    out.push_str(&opf[end..]);
    Ok(out)
}

/// Gives the NCX what epub-builder leaves out: a `dtb:uid` equal to the
/// package identifier, and the book's title rather than "Contents".
pub fn patch_ncx(ncx: &str, identifier: &str, title: &str) -> Result<String, String> {
    let head = "<head>";
    let at = ncx.find(head).ok_or("the NCX has no <head>")? + head.len();
    let doc_title = ncx[at..]
        .find("<docTitle>")
        .ok_or("the NCX has no <docTitle>")?
        + at;
    let text_start = ncx[doc_title..]
        .find("<text>")
        .ok_or("the NCX title has no <text>")?
        + doc_title
        + "<text>".len();
    let text_end = ncx[text_start..]
        .find("</text>")
        .ok_or("the NCX title has no </text>")?
        + text_start;
    Ok(format!(
        "{}\n    <meta name=\"dtb:uid\" content=\"{}\" />{}{}{}",
        &ncx[..at],
        escape(identifier),
        &ncx[at..text_start],
        escape(super::xhtml::xml_chars(title).as_ref()),
        &ncx[text_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_metadata_is_escaped_and_refined() {
        let xml = extra_metadata(&ExtraMetadata {
            publishers: vec!["Lune & Tide <Press>".into()],
            collections: vec![Collection {
                name: "Ebb \"&\" Flow".into(),
                position: 3,
            }],
            alt_texts: AltTexts {
                given: 1,
                ..AltTexts::default()
            },
            date: None,
            version: "0".into(),
            parts: Vec::new(),
            page_break_source: None,
            language: "en".to_string(),
        });
        assert!(
            xml.contains("<dc:publisher>Lune &amp; Tide &lt;Press&gt;</dc:publisher>"),
            "{xml}"
        );
        assert!(xml.contains(
            "<meta property=\"belongs-to-collection\" id=\"collection-1\">Ebb &quot;&amp;&quot; Flow</meta>"
        ));
        assert!(
            xml.contains("<meta refines=\"#collection-1\" property=\"group-position\">3</meta>")
        );
        assert!(
            xml.contains("<meta name=\"calibre:series\" content=\"Ebb &quot;&amp;&quot; Flow\"/>")
        );
        assert!(xml.contains("<meta property=\"schema:accessMode\">visual</meta>"));
    }

    fn metadata_with(alt_texts: AltTexts) -> String {
        extra_metadata(&ExtraMetadata {
            publishers: Vec::new(),
            collections: Vec::new(),
            alt_texts,
            date: None,
            version: "0".into(),
            parts: Vec::new(),
            page_break_source: None,
            language: "en".to_string(),
        })
    }

    fn values<'a>(xml: &'a str, property: &str) -> Vec<&'a str> {
        xml.lines()
            .filter(|l| l.contains(&format!("property=\"{property}\"")))
            .filter_map(|l| l.split('>').nth(1)?.split('<').next())
            .collect()
    }

    #[test]
    fn the_english_summary_says_so_in_a_book_of_another_language() {
        let book = |language: &str, source: &str| {
            extra_metadata(&ExtraMetadata {
                publishers: Vec::new(),
                collections: Vec::new(),
                alt_texts: AltTexts::default(),
                date: None,
                version: "0".into(),
                parts: Vec::new(),
                page_break_source: Some(source.to_string()),
                language: language.to_string(),
            })
        };
        let line = |xml: &str, property: &str| {
            xml.lines()
                .find(|l| l.contains(&format!("property=\"{property}\"")))
                .unwrap()
                .trim()
                .to_string()
        };
        let nb = book("nb", UNNAMED_EDITIONS);
        assert!(line(&nb, "schema:accessibilitySummary").starts_with(
            r#"<meta property="schema:accessibilitySummary" xml:lang="en">Reflowable"#
        ));
        assert_eq!(
            line(&nb, "pageBreakSource"),
            r#"<meta property="pageBreakSource" xml:lang="en">the print editions</meta>"#
        );
        // An edition's own name is no English phrase; an English book needs no mark.
        let named = book("nb", "Lomvik Post");
        assert_eq!(
            line(&named, "pageBreakSource"),
            r#"<meta property="pageBreakSource">Lomvik Post</meta>"#
        );
        for language in ["en", "en-GB"] {
            let en = book(language, UNNAMED_EDITIONS);
            assert!(!en.contains("xml:lang"), "{en}");
        }
    }

    #[test]
    fn accessibility_metadata_claims_what_the_book_has() {
        // Only the cover: still visual content, and no certifier claimed.
        let xml = metadata_with(AltTexts::default());
        assert_eq!(values(&xml, "schema:accessMode"), ["textual", "visual"]);
        assert_eq!(
            values(&xml, "schema:accessModeSufficient"),
            ["textual", "textual,visual"]
        );
        assert!(!xml.contains("certifiedBy"), "{xml}");
        let summary = values(&xml, "schema:accessibilitySummary")[0];
        assert!(
            summary.contains("The cover image has a text alternative")
                && !summary.contains("articles"),
            "{summary}"
        );

        // Written and caption alt text: text suffices, and the summary says how.
        let xml = metadata_with(AltTexts {
            given: 2,
            from_caption: 1,
            placeholder: 0,
        });
        assert!(values(&xml, "schema:accessibilityFeature").contains(&"alternativeText"));
        assert_eq!(
            values(&xml, "dcterms:conformsTo"),
            ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
        );
        let summary = values(&xml, "schema:accessibilitySummary")[0];
        assert!(
            summary.contains("Of the 3 images in the articles, 2 have a text alternative written for them and 1 repeats its caption as text alternative."),
            "{summary}"
        );
        let xml = metadata_with(AltTexts {
            given: 2,
            ..AltTexts::default()
        });
        assert!(xml.contains("Every image in the articles has a text alternative written for it."));

        // A placeholder: no claim that text suffices or that images are described.
        let xml = metadata_with(AltTexts {
            given: 1,
            from_caption: 0,
            placeholder: 1,
        });
        assert_eq!(
            values(&xml, "schema:accessModeSufficient"),
            ["textual,visual"]
        );
        assert!(!values(&xml, "schema:accessibilityFeature").contains(&"alternativeText"));
        assert!(values(&xml, "dcterms:conformsTo").is_empty(), "{xml}");
        let summary = values(&xml, "schema:accessibilitySummary")[0];
        assert!(!summary.contains("Every"), "{summary}");
        assert!(
            summary.contains("1 has no description, only a text alternative naming its article"),
            "{summary}"
        );
    }

    #[test]
    fn the_package_gets_its_language_and_extra_fields() {
        let opf = "<?xml?>\n<package version=\"3.0\">\n  <metadata>\n  </metadata>\n</package>";
        let patched = patch_opf(opf, "nb-NO", "    <x/>\n").unwrap();
        assert_eq!(
            patched,
            "<?xml?>\n<package xml:lang=\"nb-NO\" prefix=\"prism: http://prismstandard.org/namespaces/basic/3.0/\" version=\"3.0\">\n  <metadata>\n      <x/>\n  </metadata>\n</package>"
        );
        assert!(patch_opf("<nothing/>", "en", "").is_err());
    }

    #[test]
    fn the_ncx_gets_the_identifier_and_the_title() {
        let ncx = "<ncx>\n  <head>\n    <meta name=\"dtb:depth\" content=\"1\" />\n  </head>\n  <docTitle>\n    <text>Contents</text>\n  </docTitle>\n  <navMap><text>Day 1</text></navMap>\n</ncx>";
        let patched = patch_ncx(ncx, "urn:uuid:0000", "Tom & \"Jerry\" <1>").unwrap();
        assert_eq!(
            patched,
            "<ncx>\n  <head>\n    <meta name=\"dtb:uid\" content=\"urn:uuid:0000\" />\n    <meta name=\"dtb:depth\" content=\"1\" />\n  </head>\n  <docTitle>\n    <text>Tom &amp; &quot;Jerry&quot; &lt;1&gt;</text>\n  </docTitle>\n  <navMap><text>Day 1</text></navMap>\n</ncx>"
        );
        assert!(patch_ncx("<ncx/>", "urn:uuid:0000", "T").is_err());
    }
}
