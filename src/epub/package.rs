//! The package document's metadata: Dublin Core fields, the series
//! collection (EPUB 3 and calibre forms) and EPUB Accessibility 1.1.
//!
//! epub-builder writes the fields it knows (title, creators, language, dates,
//! subjects, identifier); the rest is written here with quick-xml and put into
//! its package document afterwards (see [`patch_opf`]).

use quick_xml::escape::escape;

/// One series collection the book belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// The series name.
    pub name: String,
    /// The book's place in the series, when the book is one part of it.
    pub position: Option<u32>,
    /// The index calibre sorts by (the part, or the first part the book holds).
    pub index: Option<u32>,
}

/// What the package document says about the book beyond epub-builder's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraMetadata {
    /// Publishers or agencies, in order, without duplicates.
    pub publishers: Vec<String>,
    /// Series collections.
    pub collections: Vec<Collection>,
    /// Whether the book holds images (with alt text).
    pub has_images: bool,
    /// Whether the book holds tables.
    pub has_tables: bool,
}

/// The text a reader hears when asking what the book offers for accessibility.
pub fn accessibility_summary(has_images: bool) -> String {
    let mut summary = String::from(
        "Reflowable text with a navigation document, headings for every article and its sections, and a logical reading order.",
    );
    if has_images {
        summary
            .push_str(" Every image has a text alternative; photo captions and credits are text.");
    }
    summary.push_str(" No content poses a flashing, motion or sound hazard.");
    summary
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
        if let Some(position) = collection.position {
            element(
                "meta",
                &[("refines", &refines), ("property", "group-position")],
                &position.to_string(),
            );
        }
    }
    for mode in ["textual", "visual"] {
        if mode == "textual" || meta.has_images {
            element("meta", &meta_property("schema:accessMode"), mode);
        }
    }
    element(
        "meta",
        &meta_property("schema:accessModeSufficient"),
        "textual",
    );
    let mut features = vec![
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ];
    if meta.has_images {
        features.push("alternativeText");
    }
    if meta.has_tables {
        features.push("table");
    }
    for feature in features {
        element(
            "meta",
            &meta_property("schema:accessibilityFeature"),
            feature,
        );
    }
    element("meta", &meta_property("schema:accessibilityHazard"), "none");
    element(
        "meta",
        &meta_property("schema:accessibilitySummary"),
        &accessibility_summary(meta.has_images),
    );
    element(
        "meta",
        &meta_property("dcterms:conformsTo"),
        "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
    );
    element("meta", &meta_property("a11y:certifiedBy"), "galley");
    // calibre reads only its own names; it wants an index even for a whole series.
    if let Some(first) = meta.collections.first() {
        out.push_str(&format!(
            "    <meta name=\"calibre:series\" content=\"{}\"/>\n",
            escape(super::xhtml::xml_chars(&first.name).as_ref())
        ));
        if let Some(index) = first.index {
            out.push_str(&format!(
                "    <meta name=\"calibre:series_index\" content=\"{index}\"/>\n"
            ));
        }
    }
    out
}

/// Puts `xml:lang` on the package element and `extra` before `</metadata>`.
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
    out.push_str(&format!("xml:lang=\"{}\" ", escape(lang)));
    out.push_str(&opf[start + package.len()..end]);
    out.push_str(extra);
    out.push_str("  ");
    out.push_str(&opf[end..]);
    Ok(out)
}

/// Puts the book's language on the navigation document's `html` element.
pub fn patch_nav(nav: &str, lang: &str) -> String {
    let html = "<html ";
    match nav.find(html) {
        Some(at) => {
            let lang = escape(lang);
            format!(
                "{}lang=\"{lang}\" xml:lang=\"{lang}\" {}",
                &nav[..at + html.len()],
                &nav[at + html.len()..]
            )
        }
        None => nav.to_string(),
    }
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
                position: Some(3),
                index: Some(3),
            }],
            has_images: true,
            has_tables: false,
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

    #[test]
    fn the_package_gets_its_language_and_extra_fields() {
        let opf = "<?xml?>\n<package version=\"3.0\">\n  <metadata>\n  </metadata>\n</package>";
        let patched = patch_opf(opf, "nb-NO", "    <x/>\n").unwrap();
        assert_eq!(
            patched,
            "<?xml?>\n<package xml:lang=\"nb-NO\" version=\"3.0\">\n  <metadata>\n      <x/>\n  </metadata>\n</package>"
        );
        assert!(patch_opf("<nothing/>", "en", "").is_err());
    }
}
