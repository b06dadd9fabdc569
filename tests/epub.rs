//! The EPUB backend, read back: package metadata, navigation order, XHTML
//! content, images, determinism, and epubcheck on every kind of book.

#[path = "epub/support.rs"]
mod support;

use galley::backend::Document;
use galley::epub::{build, EpubOptions, FontFile, ImageLimits, SeriesFacts};
use galley::model::*;
use support::{between, epubcheck, jpeg, png, Book};

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::text(s)]
}

fn para(s: &str) -> Block {
    Block::Paragraph {
        classes: Vec::new(),
        lede: false,
        content: text(s),
    }
}

fn figure(src: Option<&str>, alt: Option<&str>, caption: &str, credit: Option<&str>) -> Block {
    Block::Figure {
        src: src.map(String::from),
        alt: alt.map(String::from),
        caption: text(caption),
        credit: credit.map(String::from),
        width: None,
        height: None,
    }
}

/// One part of the invented series "Still Water".
fn part(n: u32, headline: &str, date: &str, author: &str) -> Article {
    let mut article = Article::new();
    let meta = &mut article.meta;
    meta.headline = headline.into();
    meta.kicker = Some(format!("Day {n}"));
    meta.decks = vec![format!("Deck for day {n}")];
    meta.bylines = vec![Byline {
        name: author.into(),
        title: Some("Staff Writer".into()),
        org: Some("Northwind Press".into()),
    }];
    meta.dateline = Some(Dateline {
        place: "EASTBRIDGE".into(),
        date: None,
    });
    meta.date = Some(date.into());
    meta.series = Some(Series {
        name: "Still Water".into(),
        part: Some(n),
        total: Some(3),
    });
    meta.source = Some("Northwind Press".into());
    meta.language = Some("en-GB".into());
    meta.keywords = vec!["canal".into(), format!("day {n}")];
    article.body = vec![
        para(&format!("Opening paragraph of day {n}.")),
        Block::Heading {
            level: 2,
            content: text("At the lock"),
        },
        para("The keepers counted boats."),
    ];
    article
}

/// Three parts given out of order, with every kind of block and tricky text.
fn series_docs() -> Vec<Document> {
    let mut day1 = part(1, "Tide gauges go quiet", "2026-03-07", "Maren Holt");
    day1.body.extend([
        Block::PullQuote {
            content: text("We've never seen water this still."),
            attribution: Some(Attribution {
                name: "Ada Lind".into(),
                title: Some("Lock keeper".into()),
            }),
        },
        figure(
            Some("photos/lock.jpg"),
            Some("Lock gates closed under a grey sky"),
            "The lock at dawn.",
            Some("Ola Brenn / Northwind Press"),
        ),
        figure(Some("photos/chart.png"), None, "Water levels, March", None),
        figure(
            Some("photos/gone.jpg"),
            Some("A missing photo"),
            "Kept caption",
            None,
        ),
        Block::Sidebar {
            title: Some("By the numbers".into()),
            body: vec![Block::List {
                ordered: false,
                items: vec![vec![para("4 locks")], vec![para("12 keepers")]],
            }],
        },
    ]);
    let mut lock = Document::new(day1, "in/day1.json");
    lock.media
        .insert("photos/lock.jpg".into(), Ok(jpeg(120, 80, 40)));
    lock.media
        .insert("photos/chart.png".into(), Ok(png(60, 40, 200)));
    lock.media.insert(
        "photos/gone.jpg".into(),
        Err("not found (no such file or directory)".into()),
    );

    let mut day2 = part(
        2,
        "The long drive to court <& \"back\">",
        "2026-03-08",
        "Jonas Vik",
    );
    day2.body.extend([
        Block::BlockQuote {
            body: vec![para("The river keeps its own counsel.")],
            credit: Some("Harbour report, 1921".into()),
        },
        Block::Table(Table {
            caption: text("Levels"),
            rows: vec![
                TableRow {
                    header: true,
                    cells: vec![
                        TableCell {
                            content: text("Lock"),
                            ..Default::default()
                        },
                        TableCell {
                            content: text("Metres"),
                            ..Default::default()
                        },
                    ],
                },
                TableRow {
                    header: false,
                    cells: vec![
                        TableCell {
                            content: text("East & West"),
                            ..Default::default()
                        },
                        TableCell {
                            content: text("2.1"),
                            ..Default::default()
                        },
                    ],
                },
            ],
        }),
        Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![
                Inline::text("See "),
                Inline::Link {
                    href: "https://example.org/levels?a=1&b=2".into(),
                    content: text("the levels"),
                },
                Inline::text(" and "),
                Inline::Link {
                    href: "javascript:alert(1)".into(),
                    content: text("not this"),
                },
                Inline::text(". "),
                Inline::Quote {
                    content: text("Still"),
                },
            ],
        },
    ]);
    let day3 = part(3, "What the water knew", "2026-03-09", "Maren Holt");
    vec![
        Document::new(day3, "in/day3.json"),
        lock,
        Document::new(day2, "in/day2.json"),
    ]
}

#[test]
fn a_series_becomes_one_valid_book_in_part_order() {
    let output = build(&series_docs(), &EpubOptions::default()).unwrap();
    let book = Book::open(&output.bytes);

    // The zip: mimetype first and stored, fixed timestamps come from the writer.
    assert_eq!(book.entries[0].0, "mimetype");
    assert_eq!(book.entries[0].1, b"application/epub+zip");
    assert!(!book.entries[0].2, "mimetype must be stored");

    // Spine and navigation in series order, labelled like the series.
    assert_eq!(
        book.spine(),
        vec![
            "cover.xhtml",
            "title.xhtml",
            "part-001.xhtml",
            "part-002.xhtml",
            "part-003.xhtml"
        ]
    );
    let nav = book.nav_entries();
    let labels: Vec<&str> = nav.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "Title page",
            "Day 1: Tide gauges go quiet",
            "Day 2: The long drive to court &lt;&amp; \"back\"&gt;",
            "Day 3: What the water knew"
        ]
    );
    assert_eq!(nav[2].1, "part-002.xhtml");
    let ncx = book.text("OEBPS/toc.ncx");
    let ncx_labels = support::all_between(&ncx, "<text>", "</text>");
    assert!(ncx_labels.contains(&"Day 3: What the water knew"), "{ncx}");
    assert!(
        ncx.find("Day 1:").unwrap() < ncx.find("Day 2:").unwrap()
            && ncx.find("Day 2:").unwrap() < ncx.find("Day 3:").unwrap()
    );

    // Package metadata.
    let opf = book.opf();
    assert!(opf.contains("<package xml:lang=\"en-GB\""), "{opf}");
    assert_eq!(between(&opf, "<dc:title>", "</dc:title>"), "Still Water");
    assert_eq!(
        book.elements("dc:creator"),
        vec!["Maren Holt", "Jonas Vik"],
        "every byline once, in order"
    );
    assert_eq!(
        between(&opf, "<dc:publisher>", "</dc:publisher>"),
        "Northwind Press"
    );
    assert_eq!(between(&opf, "<dc:language>", "</dc:language>"), "en-GB");
    assert_eq!(
        between(&opf, "<dc:date>", "</dc:date>"),
        "2026-03-07T00:00:00Z"
    );
    assert_eq!(book.meta("dcterms:modified"), vec!["2026-03-09T00:00:00Z"]);
    let subjects = support::all_between(&opf, "<dc:subject>", "</dc:subject>");
    assert_eq!(subjects, vec!["canal", "day 1", "day 2", "day 3"]);
    let identifier = between(&opf, "<dc:identifier id=\"epub-id-1\">", "</dc:identifier>");
    assert!(
        identifier.starts_with("urn:uuid:") && identifier.as_bytes()[23] == b'5',
        "{identifier}"
    );
    // The NCX, for older readers, names the same book.
    assert_eq!(
        between(&ncx, "<meta name=\"dtb:uid\" content=\"", "\""),
        identifier
    );
    assert_eq!(
        between(
            between(&ncx, "<docTitle>", "</docTitle>"),
            "<text>",
            "</text>"
        ),
        "Still Water"
    );

    // The series collection, in EPUB 3 and calibre forms; no position for a whole series.
    assert!(opf.contains(
        "<meta property=\"belongs-to-collection\" id=\"collection-1\">Still Water</meta>"
    ));
    assert!(
        opf.contains("<meta refines=\"#collection-1\" property=\"collection-type\">series</meta>")
    );
    assert!(!opf.contains("group-position"));
    assert!(opf.contains("<meta name=\"calibre:series\" content=\"Still Water\"/>"));
    assert!(opf.contains("<meta name=\"calibre:series_index\" content=\"1\"/>"));

    // Accessibility 1.1.
    assert_eq!(book.meta("schema:accessMode"), vec!["textual", "visual"]);
    assert_eq!(
        book.meta("schema:accessModeSufficient"),
        vec!["textual", "textual,visual"]
    );
    let features = book.meta("schema:accessibilityFeature");
    for feature in [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "table",
    ] {
        assert!(
            features.iter().any(|f| f == feature),
            "{feature} in {features:?}"
        );
    }
    assert_eq!(book.meta("schema:accessibilityHazard"), vec!["none"]);
    let summary = book.meta("schema:accessibilitySummary");
    assert_eq!(summary.len(), 1);
    assert!(
        summary[0].contains("Of the 2 images in the articles, 1 has a text alternative written for it and 1 repeats its caption as text alternative."),
        "{summary:?}"
    );
    assert_eq!(
        book.meta("dcterms:conformsTo"),
        vec!["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    );
    // A program cannot certify its own output.
    assert!(!opf.contains("a11y:certifiedBy"), "{opf}");

    // Day 1: header, dateline, pull quote, figures with alt text and credit, sidebar.
    let day1 = book.text("OEBPS/part-001.xhtml");
    assert!(day1.contains("xml:lang=\"en-GB\""));
    assert!(day1.contains("<p class=\"kicker\">Day 1</p>"));
    assert!(day1.contains("<h1>Tide gauges go quiet</h1>"));
    assert!(day1.contains("<p class=\"deck\">Deck for day 1</p>"));
    assert!(day1.contains("<span class=\"author\">Maren Holt</span>"));
    assert!(
        day1.contains("<span class=\"dateline\">EASTBRIDGE</span> – Opening paragraph of day 1.")
    );
    assert!(day1.contains("<h2>At the lock</h2>"));
    let pull = between(
        &day1,
        "<aside epub:type=\"pullquote\" role=\"doc-pullquote\" class=\"pullquote\">",
        "</aside>",
    );
    assert!(
        pull.contains("We&apos;ve never seen water this still.")
            && pull.contains("— Ada Lind, Lock keeper"),
        "{pull}"
    );
    assert!(day1.contains(
        "<img src=\"images/a001-1.jpg\" alt=\"Lock gates closed under a grey sky\" width=\"120\" height=\"80\"/>"
    ));
    assert!(day1.contains(
        "<figcaption>The lock at dawn. <span class=\"credit\">Ola Brenn / Northwind Press</span></figcaption>"
    ));
    // Alt text from the caption, with a warning.
    assert!(day1.contains("<img src=\"images/a001-2.png\" alt=\"Water levels, March\""));
    // The missing image is left out; its caption stays.
    assert!(!day1.contains("a001-3"));
    assert!(day1.contains("<figure class=\"photo\"><figcaption>Kept caption</figcaption></figure>"));
    let sidebar = between(&day1, "<aside class=\"sidebar\">", "</aside>");
    assert!(sidebar.contains("<h2>By the numbers</h2>") && sidebar.contains("<li>12 keepers</li>"));

    // Day 2: escaping, quotes, links kept only when followable, table.
    let day2 = book.text("OEBPS/part-002.xhtml");
    assert!(day2.contains("<h1>The long drive to court &lt;&amp; &quot;back&quot;&gt;</h1>"));
    assert!(day2
        .contains("<title>Day 2: The long drive to court &lt;&amp; &quot;back&quot;&gt;</title>"));
    assert!(day2.contains("<a href=\"https://example.org/levels?a=1&amp;b=2\">the levels</a>"));
    assert!(day2.contains(" and not this. “Still”"), "{day2}");
    assert!(!day2.contains("javascript"));
    assert!(
        day2.contains("<th scope=\"col\">Lock</th>") && day2.contains("<td>East &amp; West</td>")
    );
    assert!(day2.contains("<blockquote><p>The river keeps its own counsel.</p>"));
    assert!(day2.contains("<footer>— Harbour report, 1921</footer>"));

    // The title page: series, parts, date range, agency.
    let title = book.text("OEBPS/title.xhtml");
    assert!(title.contains(">Still Water</h1>"));
    assert!(title.contains("<p class=\"parts\">3 parts</p>"));
    assert!(title.contains("<p class=\"dates\">7–9 March 2026</p>"));
    assert!(title.contains("<p class=\"agency\">Northwind Press</p>"));

    // Images: as given (small), the cover drawn from the lead photo.
    assert_eq!(
        book.bytes("OEBPS/images/a001-1.jpg"),
        jpeg(120, 80, 40).as_slice()
    );
    assert_eq!(
        book.bytes("OEBPS/images/a001-2.png"),
        png(60, 40, 200).as_slice()
    );
    let cover = image::load_from_memory(book.bytes("OEBPS/images/cover.jpg")).unwrap();
    assert_eq!((cover.width(), cover.height()), (1200, 1800));
    assert!(opf.contains("properties=\"cover-image\""));
    assert!(!book
        .text("OEBPS/cover.xhtml")
        .contains("<p class=\"cover-series\">"));
    assert!(book
        .text("OEBPS/cover.xhtml")
        .contains("<p class=\"cover-title\">Still Water</p>"));

    // Warnings name the article and what was done.
    let warnings: Vec<&str> = output.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("in/day1.json: image `photos/gone.jpg` left out")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("in/day1.json: figure 2 has no alt text")),
        "{warnings:?}"
    );
    assert_eq!(warnings.len(), 2, "{warnings:?}");

    epubcheck(&output.bytes, "series");
}

#[test]
fn the_same_articles_give_the_same_bytes() {
    let first = build(&series_docs(), &EpubOptions::default())
        .unwrap()
        .bytes;
    let second = build(&series_docs(), &EpubOptions::default())
        .unwrap()
        .bytes;
    assert!(first == second, "two builds in one process differ");
    // Input order does not matter either.
    let mut reversed = series_docs();
    reversed.reverse();
    assert!(build(&reversed, &EpubOptions::default()).unwrap().bytes == first);

    // Another part list is another book, with another identifier.
    let mut docs = series_docs();
    docs.pop();
    let other = Book::open(&build(&docs, &EpubOptions::default()).unwrap().bytes).opf();
    let id = |opf: &str| between(opf, "<dc:identifier id=\"epub-id-1\">", "<").to_string();
    assert_ne!(id(&other), id(&Book::open(&first).opf()));
}

#[test]
fn one_article_carries_its_position_in_the_series() {
    let docs = vec![Document::new(
        part(2, "The long drive to court", "2026-03-08", "Jonas Vik"),
        "day2.json",
    )];
    let output = build(&docs, &EpubOptions::default()).unwrap();
    let book = Book::open(&output.bytes);
    let opf = book.opf();
    assert_eq!(
        between(&opf, "<dc:title>", "</dc:title>"),
        "Still Water, Day 2: The long drive to court"
    );
    assert!(opf.contains("<meta refines=\"#collection-1\" property=\"group-position\">2</meta>"));
    assert!(opf.contains("<meta name=\"calibre:series_index\" content=\"2\"/>"));
    // The cover is the only image: visual content all the same, with its text alternative.
    assert_eq!(book.meta("schema:accessMode"), vec!["textual", "visual"]);
    assert_eq!(
        book.meta("schema:accessModeSufficient"),
        vec!["textual", "textual,visual"]
    );
    let summary = &book.meta("schema:accessibilitySummary")[0];
    assert!(
        summary.contains("The cover image has a text alternative giving the title.")
            && !summary.contains("articles"),
        "{summary}"
    );
    let title = book.text("OEBPS/title.xhtml");
    assert!(
        title.contains("<p class=\"parts\">Part 2 of 3</p>"),
        "{title}"
    );
    epubcheck(&output.bytes, "one-part");
}

#[test]
fn two_series_and_a_loose_article_share_a_book_in_order() {
    let mut harbour = part(1, "Lights out at the harbour", "2026-01-02", "Per Dahl");
    harbour.meta.series = Some(Series {
        name: "Harbour Lights".into(),
        part: Some(1),
        total: None,
    });
    let mut loose = Article::new();
    loose.meta.headline = "Ferry resumes service".into();
    let docs = vec![
        Document::new(loose, "a-loose.json"),
        Document::new(part(2, "Second", "2026-03-08", "Jonas Vik"), "b.json"),
        Document::new(harbour, "z.json"),
        Document::new(part(1, "First", "2026-03-07", "Jonas Vik"), "c.json"),
    ];
    let book = Book::open(&build(&docs, &EpubOptions::default()).unwrap().bytes);
    let labels: Vec<String> = book.nav_entries().into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels,
        vec![
            "Title page",
            "Day 1: Lights out at the harbour",
            "Day 1: First",
            "Day 2: Second",
            "Ferry resumes service"
        ]
    );
    assert_eq!(
        book.meta("belongs-to-collection"),
        vec!["Harbour Lights", "Still Water"]
    );
    assert_eq!(
        between(&book.opf(), "<dc:title>", "</dc:title>"),
        "Harbour Lights / Still Water"
    );
    // The title names the series already: the title page says it once.
    let title = book.text("OEBPS/title.xhtml");
    assert!(!title.contains("series-label"), "{title}");
    assert!(title.contains("<h1 epub:type=\"title\">Harbour Lights / Still Water</h1>"));
    // A title of its own keeps the series above it.
    let options = EpubOptions {
        title: Some("Two series".into()),
        ..EpubOptions::default()
    };
    let book = Book::open(&build(&docs, &options).unwrap().bytes);
    assert!(book
        .text("OEBPS/title.xhtml")
        .contains("<p class=\"series-label\">Harbour Lights / Still Water</p>"));
}

#[test]
fn a_part_dated_by_month_and_day_takes_the_year_of_its_own_series() {
    let mut harbour = part(1, "Lights out", "--12-09", "Per Dahl");
    harbour.meta.series = Some(Series {
        name: "Harbour Lights".into(),
        part: Some(1),
        total: None,
    });
    let mut undated = part(3, "Third", "--03-09", "Jonas Vik");
    undated.meta.series.as_mut().unwrap().total = None;
    let mut docs = vec![
        Document::new(part(1, "First", "2026-03-07", "Jonas Vik"), "a.json"),
        Document::new(part(2, "Second", "2026-03-08", "Jonas Vik"), "b.json"),
        Document::new(undated.clone(), "c.json"),
        Document::new(harbour, "d.json"),
    ];
    // Harbour Lights has no dated part: its "9 December" gives no date at all.
    let book = Book::open(&build(&docs, &EpubOptions::default()).unwrap().bytes);
    let title = book.text("OEBPS/title.xhtml");
    assert!(
        title.contains("<p class=\"dates\">7–9 March 2026</p>"),
        "{title}"
    );
    assert_eq!(book.meta("dcterms:modified"), vec!["2026-03-09T00:00:00Z"]);

    // A dated part of its own series lends the year nearest to it.
    let mut dated = part(2, "Lights on", "2025-12-10", "Per Dahl");
    dated.meta.series = Some(Series {
        name: "Harbour Lights".into(),
        part: Some(2),
        total: None,
    });
    docs.push(Document::new(dated, "e.json"));
    let book = Book::open(&build(&docs, &EpubOptions::default()).unwrap().bytes);
    let title = book.text("OEBPS/title.xhtml");
    assert!(
        title.contains("<p class=\"dates\">9 December 2025 – 9 March 2026</p>"),
        "{title}"
    );
    assert_eq!(
        between(&book.opf(), "<dc:date>", "</dc:date>"),
        "2025-12-09T00:00:00Z"
    );

    // A book of one part learns the year and the total from the whole run.
    let options = EpubOptions {
        series_facts: SeriesFacts::gather(&docs),
        ..EpubOptions::default()
    };
    let alone = [Document::new(undated, "c.json")];
    let book = Book::open(&build(&alone, &options).unwrap().bytes);
    assert_eq!(book.meta("dcterms:modified"), vec!["2026-03-09T00:00:00Z"]);
    let title = book.text("OEBPS/title.xhtml");
    assert!(
        title.contains("<p class=\"parts\">Part 3 of 3</p>"),
        "{title}"
    );
    // Without it, the part knows neither.
    let book = Book::open(&build(&alone, &EpubOptions::default()).unwrap().bytes);
    assert_eq!(book.meta("dcterms:modified"), vec!["2000-01-01T00:00:00Z"]);
    assert!(book
        .text("OEBPS/title.xhtml")
        .contains("<p class=\"parts\">Part 3</p>"));
}

#[test]
fn a_photo_without_alt_text_or_caption_is_not_claimed_as_described() {
    let mut article = part(1, "Unlabelled", "2026-03-07", "Maren Holt");
    article.body.push(figure(
        Some("lock.jpg"),
        Some("Lock gates"),
        "The lock",
        None,
    ));
    article.body.push(Block::Figure {
        src: Some("bare.jpg".into()),
        alt: None,
        caption: Vec::new(),
        credit: None,
        width: None,
        height: None,
    });
    let mut doc = Document::new(article, "bare.json");
    doc.media.insert("lock.jpg".into(), Ok(jpeg(40, 30, 1)));
    doc.media.insert("bare.jpg".into(), Ok(jpeg(40, 30, 2)));
    let book = Book::open(&build(&[doc], &EpubOptions::default()).unwrap().bytes);
    assert!(book
        .text("OEBPS/part-001.xhtml")
        .contains("alt=\"Photograph for Day 1: Unlabelled\""));
    let summary = &book.meta("schema:accessibilitySummary")[0];
    assert!(!summary.contains("Every"), "{summary}");
    assert!(
        summary.contains("Of the 2 images in the articles, 1 has a text alternative written for it and 1 has no description, only a text alternative naming its article."),
        "{summary}"
    );
    assert_eq!(
        book.meta("schema:accessModeSufficient"),
        vec!["textual,visual"]
    );
    assert!(!book
        .meta("schema:accessibilityFeature")
        .contains(&"alternativeText".to_string()));
}

#[test]
fn a_picture_several_articles_use_is_stored_once() {
    let photo = jpeg(60, 40, 5);
    // The same pixels in another PNG file: once scaled, the same bytes.
    let chart = png(300, 200, 9);
    let chart_again = {
        let decoded = image::load_from_memory(&chart).unwrap();
        let mut out = Vec::new();
        decoded
            .write_with_encoder(image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Sub,
            ))
            .unwrap();
        out
    };
    assert_ne!(chart, chart_again);
    let docs: Vec<Document> = [(1, "a.json", &chart), (2, "b.json", &chart_again)]
        .into_iter()
        .map(|(n, origin, chart)| {
            let mut article = part(n, "Shared", &format!("2026-03-0{n}"), "Maren Holt");
            article
                .body
                .push(figure(Some("lock.jpg"), Some("Lock"), "", None));
            article
                .body
                .push(figure(Some("chart.png"), Some("Chart"), "", None));
            let mut doc = Document::new(article, origin);
            doc.media.insert("lock.jpg".into(), Ok(photo.clone()));
            doc.media.insert("chart.png".into(), Ok(chart.clone()));
            doc
        })
        .collect();
    let options = EpubOptions {
        image_limits: ImageLimits {
            max_bytes: 10_000_000,
            max_side: 150,
        },
        ..EpubOptions::default()
    };
    let output = build(&docs, &options).unwrap();
    let book = Book::open(&output.bytes);
    let images: Vec<&str> = book.article_images();
    assert_eq!(
        images,
        vec!["OEBPS/images/a001-1.jpg", "OEBPS/images/a001-2.png"]
    );
    for page in ["OEBPS/part-001.xhtml", "OEBPS/part-002.xhtml"] {
        let page = book.text(page);
        assert!(page.contains("<img src=\"images/a001-1.jpg\""), "{page}");
        assert!(page.contains("<img src=\"images/a001-2.png\""), "{page}");
    }
    assert_eq!(book.opf().matches("href=\"images/a0").count(), 2);
}

#[test]
fn large_images_are_scaled_down_and_small_ones_kept() {
    let mut article = part(1, "Big photo", "2026-03-07", "Maren Holt");
    article.body.push(figure(
        Some("big.jpg"),
        Some("A wide view of the canal"),
        "Wide",
        None,
    ));
    article.body.push(figure(
        Some("big.png"),
        Some("A chart of the canal"),
        "Chart",
        None,
    ));
    let mut doc = Document::new(article, "big.json");
    doc.media.insert("big.jpg".into(), Ok(jpeg(400, 200, 10)));
    doc.media.insert("big.png".into(), Ok(png(300, 300, 10)));
    let options = EpubOptions {
        image_limits: ImageLimits {
            max_bytes: 10_000_000,
            max_side: 100,
        },
        ..EpubOptions::default()
    };
    let book = Book::open(&build(&[doc], &options).unwrap().bytes);
    let jpg = image::load_from_memory(book.bytes("OEBPS/images/a001-1.jpg")).unwrap();
    assert_eq!((jpg.width(), jpg.height()), (100, 50));
    let pngi = image::load_from_memory_with_format(
        book.bytes("OEBPS/images/a001-2.png"),
        image::ImageFormat::Png,
    )
    .unwrap();
    assert_eq!((pngi.width(), pngi.height()), (100, 100));
    let page = book.text("OEBPS/part-001.xhtml");
    assert!(page.contains("width=\"100\" height=\"50\""));
}

#[test]
fn a_given_cover_stylesheet_fonts_and_date_are_used() {
    let regular = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/CharisSIL-Regular.ttf"
    ))
    .unwrap();
    let options = EpubOptions {
        title: Some("Still Water: the whole story".into()),
        cover: Some(png(300, 450, 99)),
        stylesheet: Some("body { color: #111; }\n".into()),
        fonts: vec![FontFile {
            file_name: "CharisSIL-Regular.ttf".into(),
            family: "Charis SIL".into(),
            weight: 400,
            italic: false,
            bytes: regular.clone(),
        }],
        font_licence: Some("Copyright (c) the font's authors.\n\nSIL Open Font License 1.1".into()),
        modified: Some(1_773_000_000),
        ..EpubOptions::default()
    };
    let output = build(&series_docs()[..1], &options).unwrap();
    let book = Book::open(&output.bytes);
    let opf = book.opf();
    assert_eq!(
        between(&opf, "<dc:title>", "</dc:title>"),
        "Still Water: the whole story"
    );
    assert_eq!(
        book.bytes("OEBPS/images/cover.png"),
        png(300, 450, 99).as_slice()
    );
    let css = book.text("OEBPS/stylesheet.css");
    assert!(css.starts_with("body { color: #111; }"));
    assert!(css.contains("src: url(\"fonts/CharisSIL-Regular.ttf\")"));
    assert_eq!(
        book.bytes("OEBPS/fonts/CharisSIL-Regular.ttf"),
        regular.as_slice()
    );
    assert!(book
        .text("OEBPS/colophon.xhtml")
        .contains("SIL Open Font License 1.1"));
    assert_eq!(book.meta("dcterms:modified"), vec!["2026-03-08T20:00:00Z"]);
    assert!(!book.text("OEBPS/cover.xhtml").contains("cover-title"));
    epubcheck(&output.bytes, "cover-fonts");
}

#[test]
fn a_bad_cover_is_an_error_and_no_articles_is_an_error() {
    let options = EpubOptions {
        cover: Some(b"not an image".to_vec()),
        ..EpubOptions::default()
    };
    let error = build(&series_docs(), &options).unwrap_err();
    assert!(error.message.contains("cover"), "{error}");
    assert!(build(&[], &EpubOptions::default()).is_err());
}

/// Bright pixels in the cover's dark field, where lettering goes.
fn lettered_pixels(book: &Book) -> usize {
    let cover = image::load_from_memory(book.bytes("OEBPS/images/cover.jpg"))
        .unwrap()
        .to_rgb8();
    (1230..1740)
        .flat_map(|y| (0..1200).map(move |x| (x, y)))
        .filter(|&(x, y)| cover.get_pixel(x, y).0.iter().all(|&c| c > 200))
        .count()
}

#[test]
fn a_generated_cover_is_lettered_with_the_given_font() {
    let font = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fonts/NotoSans-Bold.ttf"
    ))
    .unwrap();
    let options = EpubOptions {
        cover_font: Some(font),
        ..EpubOptions::default()
    };
    let lettered = Book::open(&build(&series_docs(), &options).unwrap().bytes);
    let plain = Book::open(
        &build(&series_docs(), &EpubOptions::default())
            .unwrap()
            .bytes,
    );
    assert_eq!(lettered_pixels(&plain), 0);
    assert!(
        lettered_pixels(&lettered) > 5_000,
        "{}",
        lettered_pixels(&lettered)
    );
    // The lettered cover's page needs no text beside the image; its alt text says it.
    let page = lettered.text("OEBPS/cover.xhtml");
    assert!(!page.contains("cover-title"), "{page}");
    assert!(page.contains("alt=\"Cover: Still Water\""), "{page}");
    // A font that cannot be read is a warning, not a failure.
    let broken = EpubOptions {
        cover_font: Some(b"not a font".to_vec()),
        ..EpubOptions::default()
    };
    let output = build(&series_docs(), &broken).unwrap();
    assert!(output
        .warnings
        .iter()
        .any(|w| w.message.contains("the cover font cannot be read")));
}

/// Every field at once holding markup characters, control characters and
/// oddities: the book stays well-formed and valid, and the text survives.
#[test]
fn markup_in_every_field_is_escaped_and_the_book_stays_valid() {
    let nasty = "<b>\"Tom\" & 'Jerry'</b> \u{1}]]>";
    let mut article = Article::new();
    let meta = &mut article.meta;
    meta.headline = nasty.into();
    meta.kicker = Some(format!("Day 1 {nasty}"));
    meta.decks = vec![nasty.into(), String::new()];
    meta.bylines = vec![
        Byline {
            name: nasty.into(),
            title: Some(nasty.into()),
            org: Some(nasty.into()),
        },
        Byline {
            name: nasty.into(),
            title: None,
            org: None,
        },
    ];
    meta.dateline = Some(Dateline {
        place: nasty.into(),
        date: None,
    });
    meta.date = Some("not a date".into());
    meta.series = Some(Series {
        name: nasty.into(),
        part: Some(1),
        total: Some(0),
    });
    meta.source = Some(nasty.into());
    meta.language = Some("x y\"><".into());
    meta.keywords = vec![nasty.into(), nasty.into()];
    meta.rights = Some(nasty.into());
    meta.summary = Some(nasty.into());
    meta.tagline = Some(nasty.into());
    let inline = vec![
        Inline::text(nasty),
        Inline::Span {
            classes: vec!["a\"b".into(), "<c>".into(), String::new()],
            content: text(nasty),
        },
        Inline::Link {
            href: "https://example.org/\"><script>".into(),
            content: text(nasty),
        },
        Inline::Quote {
            content: vec![Inline::Quote {
                content: text(nasty),
            }],
        },
        Inline::LineBreak,
    ];
    article.body = vec![
        Block::Heading {
            level: 9,
            content: inline.clone(),
        },
        Block::Heading {
            level: 2,
            content: vec![],
        },
        Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: inline.clone(),
        },
        Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![],
        },
        Block::PullQuote {
            content: inline.clone(),
            attribution: Some(Attribution {
                name: nasty.into(),
                title: Some(nasty.into()),
            }),
        },
        Block::PullQuote {
            content: vec![],
            attribution: None,
        },
        figure(Some(nasty), Some(nasty), nasty, Some(nasty)),
        figure(None, None, "", None),
        Block::Sidebar {
            title: Some(nasty.into()),
            body: vec![],
        },
        Block::List {
            ordered: true,
            items: vec![vec![], vec![para(nasty), para(nasty)]],
        },
        Block::List {
            ordered: false,
            items: vec![],
        },
        Block::BlockQuote {
            body: vec![],
            credit: None,
        },
        Block::Table(Table {
            caption: inline.clone(),
            rows: vec![
                TableRow {
                    header: false,
                    cells: vec![TableCell {
                        content: inline.clone(),
                        colspan: Some(2),
                        rowspan: Some(0),
                    }],
                },
                TableRow {
                    header: true,
                    cells: vec![],
                },
            ],
        }),
        Block::Table(Table::default()),
        Block::Rule,
        Block::Container {
            classes: vec!["\"".into()],
            body: vec![Block::Container {
                classes: vec![],
                body: vec![para(nasty)],
            }],
        },
    ];
    let mut doc = Document::new(article, "<odd>&name\".json");
    doc.media.insert(nasty.into(), Ok(jpeg(20, 10, 0)));
    let output = build(&[doc], &EpubOptions::default()).unwrap();
    let book = Book::open(&output.bytes);
    let page = book.text("OEBPS/part-001.xhtml");
    let clean = "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt; ]]&gt;";
    assert!(page.contains(&format!("<h1>{clean}</h1>")), "{page}");
    assert!(!page.contains('\u{1}'));
    assert!(!page.contains("<script"));
    assert!(book.opf().contains("<dc:title>"));
    assert!(!book.opf().contains('\u{1}'));
    let ncx = book.text("OEBPS/toc.ncx");
    let ncx_title = between(&ncx, "<docTitle>", "</docTitle>");
    assert!(ncx_title.contains(clean), "{ncx_title}");
    epubcheck(&output.bytes, "nasty");
}

#[test]
fn a_part_given_twice_is_kept_with_a_warning() {
    let docs = vec![
        Document::new(part(2, "Second", "2026-03-08", "Jonas Vik"), "b/day2.xml"),
        Document::new(part(2, "Second", "2026-03-08", "Jonas Vik"), "a/day2.txt"),
        Document::new(part(1, "First", "2026-03-07", "Jonas Vik"), "day1.json"),
    ];
    let output = build(&docs, &EpubOptions::default()).unwrap();
    let warnings: Vec<&str> = output.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        warnings,
        vec!["b/day2.xml: part 2 of \"Still Water\" is also a/day2.txt; both are kept"]
    );
    let book = Book::open(&output.bytes);
    assert_eq!(book.nav_entries().len(), 4);
}
