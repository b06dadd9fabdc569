//! The EPUB backend, read back: package metadata, navigation order, XHTML
//! content, images, determinism, and epubcheck on every kind of book.

#[path = "epub/support.rs"]
mod support;

use galley::backend::Document;
use galley::epub::{
    build, build_described, EpubOptions, FontFile, ImageLimits, PageStart, SeriesFacts,
};
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
            "Day 2: The long drive to court &lt;&amp; &quot;back&quot;&gt;",
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
        "2026-03-07",
        "a date given without a time gets none"
    );
    book.assert_modified_from("2026-03-09T00:00:00Z");
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

    // The series collection, in EPUB 3 and calibre forms; the whole series
    // is at 0, before part 1.
    assert!(opf.contains(
        "<meta property=\"belongs-to-collection\" id=\"collection-1\">Still Water</meta>"
    ));
    assert!(
        opf.contains("<meta refines=\"#collection-1\" property=\"collection-type\">series</meta>")
    );
    assert!(opf.contains("<meta refines=\"#collection-1\" property=\"group-position\">0</meta>"));
    assert!(opf.contains("<meta name=\"calibre:series\" content=\"Still Water\"/>"));
    assert!(opf.contains("<meta name=\"calibre:series_index\" content=\"0\"/>"));

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
        pull.contains("We’ve never seen water this still.")
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
    // The headline is set as the proof sets it; its title keeps the input's marks.
    assert!(
        day2.contains("<h1>The long drive to court &lt;&amp; “back”&gt;</h1>"),
        "{day2}"
    );
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
    assert_eq!((cover.width(), cover.height()), (640, 960));
    assert!(
        book.bytes("OEBPS/images/cover.jpg").len() < 200_000,
        "the drawn cover stays small"
    );
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

    // JPEG and PNG are stored as they are, not deflated again; text is deflated.
    let book = Book::open(&first);
    for (name, _, deflated) in &book.entries {
        let image = name.ends_with(".jpg") || name.ends_with(".png");
        assert_eq!(*deflated, !image && name != "mimetype", "{name}");
    }
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

/// The series and index calibre shows for a book, read as calibre's EPUB 3
/// package reader (`opf3.read_series`) reads them: the first
/// `belongs-to-collection` with an id whose `collection-type` is `series`,
/// at its `group-position`, 1 when there is none; only without such a
/// collection the `calibre:series` and `calibre:series_index` metas.
fn calibre_series(opf: &str) -> Option<(String, f64)> {
    let metas: Vec<&str> = opf
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<meta "))
        .collect();
    let attr = |line: &str, name: &str| -> Option<String> {
        let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(line[start..].split('"').next()?.to_string())
    };
    let text = |line: &str| {
        line.split('>')
            .nth(1)
            .and_then(|t| t.split('<').next())
            .map(String::from)
    };
    let refined = |id: &str, property: &str| {
        metas.iter().find_map(|l| {
            (attr(l, "refines").as_deref() == Some(&format!("#{id}"))
                && attr(l, "property").as_deref() == Some(property))
            .then(|| text(l))
            .flatten()
        })
    };
    for line in &metas {
        if attr(line, "property").as_deref() != Some("belongs-to-collection") {
            continue;
        }
        let (Some(id), Some(name)) = (attr(line, "id"), text(line)) else {
            continue;
        };
        if refined(&id, "collection-type").as_deref() == Some("series") {
            let index = refined(&id, "group-position")
                .and_then(|p| p.trim().parse().ok())
                .unwrap_or(1.0);
            return Some((name, index));
        }
    }
    let name = metas
        .iter()
        .find(|l| attr(l, "name").as_deref() == Some("calibre:series"))
        .and_then(|l| attr(l, "content"))?;
    let index = metas
        .iter()
        .find(|l| attr(l, "name").as_deref() == Some("calibre:series_index"))
        .and_then(|l| attr(l, "content")?.parse().ok())
        .unwrap_or(1.0);
    Some((name, index))
}

#[test]
fn the_whole_series_and_each_part_have_their_own_place_in_calibre() {
    let docs = series_docs();
    let series_opf = Book::open(&build(&docs, &EpubOptions::default()).unwrap().bytes).opf();
    let per_article = EpubOptions {
        per_article: true,
        ..EpubOptions::default()
    };
    let mut shown = vec![calibre_series(&series_opf)];
    for doc in &docs {
        let opf = Book::open(
            &build(std::slice::from_ref(doc), &per_article)
                .unwrap()
                .bytes,
        )
        .opf();
        shown.push(calibre_series(&opf));
    }
    // A book of some parts is the series too (one identifier), so it stands
    // where the whole series does.
    let some = Book::open(&build(&docs[..2], &EpubOptions::default()).unwrap().bytes).opf();
    shown.push(calibre_series(&some));
    let name = || "Still Water".to_string();
    assert_eq!(
        shown,
        vec![
            Some((name(), 0.0)),
            Some((name(), 3.0)),
            Some((name(), 1.0)),
            Some((name(), 2.0)),
            Some((name(), 0.0)),
        ]
    );
    // The calibre form says the same, for readers that read only it.
    assert!(series_opf.contains("<meta name=\"calibre:series_index\" content=\"0\"/>"));
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
    book.assert_modified_from("2026-03-09T00:00:00Z");

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
        "2025-12-09"
    );

    // A book of one part learns the year and the total from the whole run.
    let options = EpubOptions {
        series_facts: SeriesFacts::gather(&docs),
        ..EpubOptions::default()
    };
    let alone = [Document::new(undated, "c.json")];
    let book = Book::open(&build(&alone, &options).unwrap().bytes);
    book.assert_modified_from("2026-03-09T00:00:00Z");
    let title = book.text("OEBPS/title.xhtml");
    assert!(
        title.contains("<p class=\"parts\">Part 3 of 3</p>"),
        "{title}"
    );
    // Without it, the part knows neither.
    let book = Book::open(&build(&alone, &EpubOptions::default()).unwrap().bytes);
    book.assert_modified_from("2000-01-01T00:00:00Z");
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
    // The dark field: below the photo and the accent rule, above the bottom margin.
    let (w, h) = (cover.width(), cover.height());
    (h * 41 / 60..h * 58 / 60)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
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
        lettered_pixels(&lettered) > 1_500,
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
    // The headline as the proof sets it (curled quotes), the kicker as given.
    let set = "&lt;b&gt;”Tom” &amp; ‘Jerry’&lt;/b&gt; ]]&gt;";
    assert!(page.contains(&format!("<h1>{set}</h1>")), "{page}");
    assert!(
        page.contains(&format!("<p class=\"kicker\">Day 1 {clean}</p>")),
        "{page}"
    );
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

fn identifier(book: &Book) -> String {
    between(&book.opf(), "<dc:identifier id=\"epub-id-1\">", "<").to_string()
}

#[test]
fn the_identity_rule_holds_across_corrections_growth_and_titles() {
    let made =
        |docs: &[Document], options: &EpubOptions| Book::open(&build(docs, options).unwrap().bytes);
    let defaults = EpubOptions::default();
    let first = made(&series_docs(), &defaults);
    let id = identifier(&first);
    let version = first.meta("schema:version");
    assert_eq!(version.len(), 1);
    assert_eq!(version[0].len(), 64, "a SHA-256 in hex: {version:?}");

    // A body correction: the same book, a new release of it.
    let mut corrected = series_docs();
    corrected[0]
        .article
        .body
        .push(para("Correction: the lock opened at six."));
    let fixed = made(&corrected, &defaults);
    assert_eq!(identifier(&fixed), id);
    assert_ne!(fixed.meta("schema:version"), version);
    assert_ne!(
        fixed.meta("dcterms:modified"),
        first.meta("dcterms:modified")
    );
    fixed.assert_modified_from("2026-03-09T00:00:00Z");

    // A headline fix, a part fewer (the series still growing) or a title of
    // its own: still the series' book.
    let mut headline = series_docs();
    headline[1].article.meta.headline = "Tide gauges went quiet".into();
    assert_eq!(identifier(&made(&headline, &defaults)), id);
    let mut fewer = series_docs();
    fewer.pop();
    assert_eq!(identifier(&made(&fewer, &defaults)), id);
    let titled = EpubOptions {
        title: Some("Still Water, collected".into()),
        ..EpubOptions::default()
    };
    let titled = made(&series_docs(), &titled);
    assert_eq!(identifier(&titled), id);
    assert_ne!(titled.meta("schema:version"), version);

    // Another agency's series of the same name is another book.
    let mut other = series_docs();
    for doc in &mut other {
        doc.article.meta.source = Some("Southwind Wire".into());
    }
    assert_ne!(identifier(&made(&other, &defaults)), id);

    // One part on its own (one book per article) is that part's book, not the series'.
    let per_article = EpubOptions {
        per_article: true,
        ..EpubOptions::default()
    };
    let part2 = made(&series_docs()[2..], &per_article);
    assert_ne!(identifier(&part2), id);
    let mut part2_fixed = series_docs();
    part2_fixed[2].article.body.push(para("Corrected."));
    assert_eq!(
        identifier(&made(&part2_fixed[2..], &per_article)),
        identifier(&part2)
    );

    // Articles of no series are their source identifiers.
    let loose = |id: &str, headline: &str| {
        let mut a = Article::new();
        a.meta.headline = headline.into();
        a.meta.id = Some(id.into());
        vec![Document::new(a, "loose.json")]
    };
    assert_eq!(
        identifier(&made(&loose("nwp-1", "Ferry resumes"), &defaults)),
        identifier(&made(&loose("nwp-1", "Ferry resumes service"), &defaults))
    );
    assert_ne!(
        identifier(&made(&loose("nwp-1", "Ferry"), &defaults)),
        identifier(&made(&loose("nwp-2", "Ferry"), &defaults))
    );

    // The same content gives the same bytes; SOURCE_DATE_EPOCH sets the date exactly.
    let dated = EpubOptions {
        modified: Some(1_780_000_000),
        ..EpubOptions::default()
    };
    let one = build(&corrected, &dated).unwrap().bytes;
    assert!(one == build(&corrected, &dated).unwrap().bytes);
    assert_eq!(
        Book::open(&one).meta("dcterms:modified"),
        vec!["2026-05-28T20:26:40Z"]
    );
}

/// An article as the NITF reader leaves it: source id, dates with times,
/// agency, rights, print position and subject codes.
fn wire_part(n: u32, series: &str, agency: &str, language: Option<&str>) -> Article {
    let mut article = part(
        n,
        &format!("{series} part {n}"),
        "2026-08-03T06:15:00Z",
        "Maren Holt",
    );
    let meta = &mut article.meta;
    meta.series.as_mut().unwrap().name = series.into();
    meta.id = Some(format!("{}-{n}", agency.to_lowercase().replace(' ', "-")));
    meta.source = Some(agency.into());
    meta.rights = Some(format!("© 2026 {agency}"));
    meta.language = language.map(String::from);
    meta.section = Some("Region".into());
    meta.dateline = Some(Dateline {
        place: "OLD MARSK".into(),
        date: Some("2026-08-03".into()),
    });
    for (key, value) in [
        ("date.release", "2026-08-03T05:00:00Z"),
        ("pubdata.name", "Northwind Press"),
        ("pubdata.edition.name", "Morning"),
        ("pubdata.position.sequence", "4"),
        ("tobject.subject.refnum", "06005000; 06006000"),
    ] {
        meta.extra.insert(key.into(), value.into());
    }
    article
}

#[test]
fn every_part_keeps_its_provenance_in_the_package_and_its_head() {
    let docs = vec![Document::new(
        wire_part(1, "Still Water", "Northwind Press", Some("en-GB")),
        "day1.xml",
    )];
    let output = build(&docs, &EpubOptions::default()).unwrap();
    let book = Book::open(&output.bytes);
    let opf = book.opf();
    // The time of issue as given, never midnight.
    assert_eq!(
        between(&opf, "<dc:date>", "</dc:date>"),
        "2026-08-03T06:15:00Z"
    );
    assert!(!opf.contains("T00:00:00Z"), "{opf}");
    book.assert_modified_from("2026-08-03T06:15:00Z");
    assert_eq!(
        between(&opf, "<dc:source id=\"source-001\">", "</dc:source>"),
        "northwind-press-1"
    );
    // A book of one article is also known by its source identifier.
    assert_eq!(
        between(
            &opf,
            "<dc:identifier id=\"source-identifier\">",
            "</dc:identifier>"
        ),
        "northwind-press-1"
    );
    // Everything else refines the part's manifest item.
    assert!(opf.contains("<item media-type=\"application/xhtml+xml\" id=\"id_part-001.xhtml\" href=\"part-001.xhtml\"/>"));
    let refined = |property: &str| -> Vec<String> {
        opf.lines()
            .filter(|l| {
                l.contains("refines=\"#id_part-001.xhtml\"")
                    && l.contains(&format!("property=\"{property}\""))
            })
            .map(|l| between(l, ">", "</meta>").to_string())
            .collect()
    };
    assert_eq!(refined("dcterms:source"), ["northwind-press-1"]);
    assert_eq!(refined("dcterms:issued"), ["2026-08-03T06:15:00Z"]);
    assert_eq!(refined("dcterms:available"), ["2026-08-03T05:00:00Z"]);
    assert_eq!(refined("dcterms:publisher"), ["Northwind Press"]);
    assert_eq!(refined("dcterms:rights"), ["© 2026 Northwind Press"]);
    assert_eq!(refined("dcterms:language"), ["en-GB"]);
    assert_eq!(refined("dcterms:subject"), ["06005000", "06006000"]);
    assert_eq!(refined("prism:edition"), ["Morning"]);
    assert_eq!(refined("prism:section"), ["Region"]);
    assert_eq!(refined("prism:startingPage"), ["4"]);
    assert!(opf.contains("prefix=\"prism: http://prismstandard.org/namespaces/basic/3.0/\""));

    // The part's head says the same to a reader.
    let page = book.text("OEBPS/part-001.xhtml");
    let head = between(&page, "<header class=\"article-head\">", "</header>");
    // The agency is named once: the byline names it, so no agency line.
    assert!(
        head.contains(", Staff Writer, Northwind Press</span>")
            && !head.contains("class=\"agency\""),
        "{head}"
    );
    let dl = between(head, "<dl class=\"provenance\">", "</dl>");
    for row in [
        "<div class=\"source\"><dt>Source</dt><dd>northwind-press-1</dd></div>",
        "<div class=\"issued\"><dt>Issued</dt><dd>2026-08-03T06:15:00Z</dd></div>",
        "<div class=\"released\"><dt>Released</dt><dd>2026-08-03T05:00:00Z</dd></div>",
        "<div class=\"filed\"><dt>Filed</dt><dd>2026-08-03</dd></div>",
        "<div class=\"rights\"><dt>Rights</dt><dd>© 2026 Northwind Press</dd></div>",
        "<div class=\"print\"><dt>In print</dt><dd>Northwind Press, Morning edition, Region section, page 4</dd></div>",
        "<div class=\"subjects\"><dt>Subjects</dt><dd>06005000, 06006000</dd></div>",
    ] {
        assert!(dl.contains(row), "{row} in {dl}");
    }
    epubcheck(&output.bytes, "provenance");
}

#[test]
fn two_series_nest_their_contents_and_keep_each_parts_rights_and_language() {
    let mut nb2 = wire_part(2, "Stille vann", "NTB", None);
    nb2.meta.headline = "Vannet \"kommer tilbake\" -- sier de".into();
    nb2.body = vec![para("Han sa: \"Det er 'rart' å se\" -- og gikk.")];
    let docs = vec![
        Document::new(
            wire_part(1, "Still Water", "Northwind Press", Some("en-GB")),
            "a.xml",
        ),
        Document::new(wire_part(1, "Stille vann", "NTB", Some("nb-NO")), "b.xml"),
        Document::new(nb2, "c.xml"),
    ];
    let made = build_described(&docs, &EpubOptions::default()).unwrap();
    let book = Book::open(&made.output.bytes);
    let opf = book.opf();
    // Two rights holders: none for the whole book, each part its own.
    assert!(!opf.contains("<dc:rights>"), "{opf}");
    assert_eq!(
        book.meta("dcterms:rights"),
        ["© 2026 Northwind Press", "© 2026 NTB", "© 2026 NTB"]
    );
    // The part without a language takes its own series', not the book's.
    assert_eq!(book.meta("dcterms:language"), ["en-GB", "nb-NO", "nb-NO"]);
    assert!(book
        .text("OEBPS/part-003.xhtml")
        .contains("xml:lang=\"nb-NO\""));
    assert_eq!(
        book.meta("belongs-to-collection"),
        vec!["Still Water", "Stille vann"]
    );
    // The contents, by series.
    let nav = book.nav();
    assert!(
        nav.contains(
            "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">"
        ),
        "{nav}"
    );
    let toc = between(&nav, "epub:type=\"toc\"", "</nav>");
    let stille = between(toc, "<li><span>Stille vann</span><ol>", "</ol>");
    assert!(
        stille.contains("part-002.xhtml") && stille.contains("part-003.xhtml"),
        "{toc}"
    );
    let still = between(toc, "<li><span>Still Water</span><ol>", "</ol>");
    assert!(
        still.contains("part-001.xhtml") && !still.contains("part-002"),
        "{toc}"
    );
    // Norwegian text is set as the Norwegian proof sets it.
    let part2 = book.text("OEBPS/part-003.xhtml");
    let mut ctx = galley::typeset::typography::Context::default();
    let proof_text = galley::typeset::typography::smarten(
        "Han sa: \"Det er 'rart' å se\" -- og gikk.",
        galley::locale::Language::Norwegian,
        0,
        &mut ctx,
    );
    assert!(
        proof_text.contains('«') && proof_text.contains('—'),
        "{proof_text}"
    );
    assert!(part2.contains(&proof_text), "{proof_text} in {part2}");
    let headline = galley::typeset::typography::smarten(
        "Vannet \"kommer tilbake\" -- sier de",
        galley::locale::Language::Norwegian,
        0,
        &mut Default::default(),
    );
    assert!(
        headline.starts_with("Vannet «kommer tilbake»"),
        "{headline}"
    );
    assert!(part2.contains(&format!("<h1>{headline}</h1>")), "{part2}");
    assert!(
        part2.contains("<p class=\"byline\">Av <span class=\"author\">"),
        "{part2}"
    );
    assert!(part2.contains("<dt>Kilde</dt>"), "{part2}");
    // The facts a catalogue lists.
    assert_eq!(made.facts.parts.len(), 3);
    assert_eq!(
        made.facts.parts[2].provenance.source_id.as_deref(),
        Some("ntb-2")
    );
    assert_eq!(made.facts.rights, None);
    epubcheck(&made.output.bytes, "two-series");
}

#[test]
fn print_pages_become_a_page_list_at_the_proofs_page_breaks() {
    let mut article = wire_part(1, "Still Water", "Northwind Press", Some("en-GB"));
    article.body = vec![
        para("First paragraph, on page four."),
        Block::Heading {
            level: 2,
            content: text("Over the page"),
        },
        para("Second paragraph runs over onto page six here."),
    ];
    let docs = vec![Document::new(article, "day1.xml")];
    // What the proofs report: page 2 begins at the heading, page 3 in the
    // third block, after "Second paragraph runs over " (27 characters).
    let options = EpubOptions {
        page_starts: [(
            "day1.xml".to_string(),
            vec![
                PageStart {
                    page: 2,
                    block: 1,
                    offset: 0,
                },
                PageStart {
                    page: 3,
                    block: 2,
                    offset: 27,
                },
            ],
        )]
        .into_iter()
        .collect(),
        ..EpubOptions::default()
    };
    let output = build(&docs, &options).unwrap();
    let book = Book::open(&output.bytes);
    let page = book.text("OEBPS/part-001.xhtml");
    let marker = |id: &str, label: &str| {
        format!("<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"{id}\" aria-label=\"{label}\"/>")
    };
    // Pages numbered from the printed page (4), each where its page begins.
    assert!(
        page.contains(&format!(
            "{}<p><span class=\"dateline\">",
            marker("part-001-page-1", "4")
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "{}<h2>Over the page</h2>",
            marker("part-001-page-2", "5")
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "<p>Second paragraph runs over {}onto page six here.</p>",
            marker("part-001-page-3", "6")
        )),
        "{page}"
    );
    let nav = book.nav();
    let list = between(
        &nav,
        "<nav epub:type=\"page-list\" role=\"doc-pagelist\"",
        "</nav>",
    );
    let pages: Vec<&str> = support::all_between(list, "<a href=\"", "</a>");
    assert_eq!(
        pages,
        [
            "part-001.xhtml#part-001-page-1\">4",
            "part-001.xhtml#part-001-page-2\">5",
            "part-001.xhtml#part-001-page-3\">6"
        ]
    );
    let features = book.meta("schema:accessibilityFeature");
    assert!(
        features.iter().any(|f| f == "printPageNumbers"),
        "{features:?}"
    );
    assert!(
        features.iter().any(|f| f == "pageBreakMarkers"),
        "{features:?}"
    );
    assert_eq!(book.meta("pageBreakSource"), ["Northwind Press, Morning"]);
    epubcheck(&output.bytes, "page-list");

    // The print position alone gives the first page only; nothing, no page-list.
    let alone = Book::open(&build(&docs, &EpubOptions::default()).unwrap().bytes);
    assert_eq!(
        support::all_between(&alone.nav(), "#part-001-page-", "\"").len(),
        1
    );
    let mut unprinted = docs[0].article.clone();
    unprinted.meta.extra.clear();
    let none = Book::open(
        &build(
            &[Document::new(unprinted, "x.json")],
            &EpubOptions::default(),
        )
        .unwrap()
        .bytes,
    );
    assert!(!none.nav().contains("page-list"));
    assert!(none.meta("pageBreakSource").is_empty());
}

/// A JPEG with the metadata a news photo carries: Exif (photographer),
/// XMP, an ICC profile (e.g. Adobe RGB) and IPTC (credit, copyright).
fn tagged_jpeg(width: u32, height: u32) -> Vec<u8> {
    let plain = jpeg(width, height, 120);
    let segment = |marker: u8, body: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(body);
        s
    };
    let mut tagged = plain[..2].to_vec();
    tagged.extend(segment(0xE1, b"Exif\0\0MM\0*photographer=Per Vik"));
    tagged.extend(segment(
        0xE1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Per Vik</x:xmpmeta>",
    ));
    tagged.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01Adobe RGB (1998)"));
    tagged.extend(segment(
        0xED,
        b"Photoshop 3.0\08BIM copyright Northwind Press",
    ));
    tagged.extend_from_slice(&plain[2..]);
    tagged
}

#[test]
fn a_scaled_photo_keeps_its_credit_copyright_and_colour_profile() {
    let mut article = part(1, "Tide gauges go quiet", "2026-03-07", "Maren Holt");
    article
        .body
        .push(figure(Some("big.jpg"), Some("Gauges"), "Gauges", None));
    let mut doc = Document::new(article, "day1.json");
    let original = tagged_jpeg(800, 400);
    doc.media.insert("big.jpg".into(), Ok(original.clone()));
    let options = EpubOptions {
        image_limits: ImageLimits {
            max_bytes: 2_000_000,
            max_side: 200,
        },
        ..EpubOptions::default()
    };
    let made = build_described(&[doc], &options).unwrap();
    let book = Book::open(&made.output.bytes);
    let stored = book.bytes("OEBPS/images/a001-1.jpg");
    let decoded = image::load_from_memory(stored).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (200, 100));
    for piece in [
        &b"Exif\0\0MM\0*photographer=Per Vik"[..],
        b"<x:xmpmeta>Per Vik</x:xmpmeta>",
        b"ICC_PROFILE\0\x01\x01Adobe RGB (1998)",
        b"8BIM copyright Northwind Press",
    ] {
        assert!(
            stored.windows(piece.len()).any(|w| w == piece),
            "{} lost",
            String::from_utf8_lossy(piece)
        );
    }
    let notes: Vec<&str> = made.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        ["day1.json: image `big.jpg` re-encoded at 200 × 100 pixels; its Exif, XMP, ICC profile, IPTC kept"]
    );
    epubcheck(&made.output.bytes, "scaled-photo");
}

#[test]
fn a_given_cover_that_is_also_a_photo_is_stored_once() {
    let photo = jpeg(300, 450, 77);
    let mut article = part(1, "Tide gauges go quiet", "2026-03-07", "Maren Holt");
    article
        .body
        .push(figure(Some("cover.jpg"), Some("Gauges"), "Gauges", None));
    let mut doc = Document::new(article, "day1.json");
    doc.media.insert("cover.jpg".into(), Ok(photo.clone()));
    let options = EpubOptions {
        cover: Some(photo.clone()),
        ..EpubOptions::default()
    };
    let output = build(&[doc], &options).unwrap();
    let book = Book::open(&output.bytes);
    assert!(book.article_images().is_empty(), "{:?}", book.names());
    assert_eq!(book.bytes("OEBPS/images/cover.jpg"), photo.as_slice());
    assert!(book
        .text("OEBPS/part-001.xhtml")
        .contains("<img src=\"images/cover.jpg\""));
    epubcheck(&output.bytes, "cover-is-photo");
}

/// A series in `language`, one part per date, of `total` parts in all.
fn series_in(
    language: &str,
    name: &str,
    agency: &str,
    dates: &[&str],
    total: u32,
) -> Vec<Document> {
    dates
        .iter()
        .enumerate()
        .map(|(i, date)| {
            let n = i as u32 + 1;
            let mut article = part(n, &format!("{name} {n}"), date, "Maren Holt");
            let meta = &mut article.meta;
            meta.kicker = None;
            meta.language = Some(language.into());
            meta.source = Some(agency.into());
            meta.bylines[0].org = Some(agency.into());
            meta.series = Some(Series {
                name: name.into(),
                part: Some(n),
                total: Some(total),
            });
            meta.id = Some(format!("{}-{n}", agency.to_lowercase()));
            // A photo with neither alt text nor caption: its alt text names the article.
            article.body.push(figure(Some("bilde.jpg"), None, "", None));
            let mut doc = Document::new(article, format!("{}{n}.json", &language[..2]));
            doc.media.insert("bilde.jpg".into(), Ok(jpeg(90, 60, 10)));
            doc
        })
        .collect()
}

/// The title page's section, as written.
fn title_section(book: &Book) -> String {
    let page = book.text("OEBPS/title.xhtml");
    between(
        &page,
        "<section epub:type=\"titlepage\" class=\"titlepage\">",
        "</section>",
    )
    .to_string()
}

#[test]
fn a_norwegian_and_a_german_book_have_their_furniture_in_their_language() {
    let norwegian = series_in(
        "nb-NO",
        "Stille vann",
        "NTB",
        &["2026-03-07", "2026-03-08", "2026-03-09"],
        4,
    );
    let book = Book::open(&build(&norwegian, &EpubOptions::default()).unwrap().bytes);
    assert_eq!(
        title_section(&book),
        "\n<h1 epub:type=\"title\">Stille vann</h1>\n<p class=\"parts\">3 av 4 deler</p>\n<p class=\"dates\">7.–9. mars 2026</p>\n<p class=\"agency\">NTB</p>\n"
    );
    let cover = book.text("OEBPS/cover.xhtml");
    assert!(cover.contains("<title>Omslag</title>"), "{cover}");
    assert!(cover.contains("alt=\"Omslag: Stille vann\""), "{cover}");
    assert_eq!(
        book.elements("dc:description"),
        ["Stille vann: 3 av 4 deler."]
    );
    let labels: Vec<String> = book.nav_entries().into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels,
        [
            "Tittelside",
            "Del 1: Stille vann 1",
            "Del 2: Stille vann 2",
            "Del 3: Stille vann 3"
        ]
    );
    assert!(book.nav().contains(">Innhold</h"), "{}", book.nav());
    let part = book.text("OEBPS/part-002.xhtml");
    assert!(
        part.contains("alt=\"Foto til Del 2: Stille vann 2\""),
        "{part}"
    );
    assert!(
        part.contains("<p class=\"byline\">Av <span class=\"author\">"),
        "{part}"
    );
    let per_article = EpubOptions {
        per_article: true,
        ..EpubOptions::default()
    };
    let one = Book::open(&build(&norwegian[1..2], &per_article).unwrap().bytes);
    assert!(title_section(&one).contains("<p class=\"parts\">Del 2 av 4</p>"));
    assert!(title_section(&one).contains("<p class=\"dates\">8. mars 2026</p>"));

    let german = series_in(
        "de-DE",
        "Stilles Wasser",
        "Nordwind",
        &["2026-03-28", "2026-03-30", "2026-04-02"],
        3,
    );
    let fonts = EpubOptions {
        fonts: vec![FontFile {
            file_name: "CharisSIL-Regular.ttf".into(),
            family: "Charis SIL".into(),
            weight: 400,
            italic: false,
            bytes: std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/CharisSIL-Regular.ttf"
            ))
            .unwrap(),
        }],
        font_licence: Some("SIL Open Font License 1.1".into()),
        ..EpubOptions::default()
    };
    let made = build(&german, &fonts).unwrap();
    let book = Book::open(&made.bytes);
    assert_eq!(
        title_section(&book),
        "\n<h1 epub:type=\"title\">Stilles Wasser</h1>\n<p class=\"parts\">3 Teile</p>\n<p class=\"dates\">28. März – 2. April 2026</p>\n<p class=\"agency\">Nordwind</p>\n"
    );
    assert!(book
        .text("OEBPS/cover.xhtml")
        .contains("alt=\"Umschlag: Stilles Wasser\""));
    assert_eq!(
        book.elements("dc:description"),
        ["Stilles Wasser: 3 Teile."]
    );
    let colophon = book.text("OEBPS/colophon.xhtml");
    assert!(
        colophon.contains("<h1>Schriften</h1><p>Dieses Buch enthält Charis SIL, verwendet unter dieser Lizenz:</p>"),
        "{colophon}"
    );
    assert!(book
        .text("OEBPS/part-001.xhtml")
        .contains("alt=\"Foto zu Teil 1: Stilles Wasser 1\""));
    let german_part = Book::open(&build(&german[1..2], &per_article).unwrap().bytes);
    assert!(title_section(&german_part).contains("<p class=\"parts\">Teil 2 von 3</p>"));
    assert!(title_section(&german_part).contains("<p class=\"dates\">30. März 2026</p>"));

    let dir = support::temp_dir("locale");
    let (nb, de) = (dir.join("nb.epub"), dir.join("de.epub"));
    std::fs::write(
        &nb,
        build(&norwegian, &EpubOptions::default()).unwrap().bytes,
    )
    .unwrap();
    std::fs::write(&de, &made.bytes).unwrap();
    support::epubcheck_files(&[&nb, &de]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_newsml_1_2_article_keeps_its_revision_date() {
    let xml = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/read/nitf/newsml1-envelope.xml"
    ))
    .unwrap();
    let reading = galley::read::read(&xml, &Default::default()).unwrap();
    let meta = &reading.article.meta;
    assert_eq!(
        meta.extra
            .get("newsml1.ThisRevisionCreated")
            .map(String::as_str),
        Some("2026-07-10T13:15:00Z")
    );
    let docs = vec![Document::new(reading.article, "tribunal-phares.xml")];
    let output = build(&docs, &EpubOptions::default()).unwrap();
    let book = Book::open(&output.bytes);
    // The package: issued when first created, modified when revised.
    assert_eq!(book.meta("dcterms:issued"), ["2026-07-10T12:59:02Z"]);
    let opf = book.opf();
    assert!(
        opf.contains("<meta refines=\"#id_part-001.xhtml\" property=\"dcterms:modified\">2026-07-10T13:15:00Z</meta>"),
        "{opf}"
    );
    // The book's release is the revision's, the newest moment the part names.
    book.assert_modified_from("2026-07-10T13:15:00Z");
    assert_eq!(
        between(&opf, "<dc:source id=\"source-001\">", "</dc:source>"),
        "urn:newsml:lumen.example:20260710:260710125902.abc:1"
    );
    // The head says so, in French.
    let page = book.text("OEBPS/part-001.xhtml");
    let dl = between(&page, "<dl class=\"provenance\">", "</dl>");
    assert_eq!(
        dl,
        "<div class=\"source\"><dt>Source</dt><dd>urn:newsml:lumen.example:20260710:260710125902.abc:1</dd></div>\
<div class=\"issued\"><dt>Publié</dt><dd>2026-07-10T12:59:02Z</dd></div>\
<div class=\"revised\"><dt>Révisé</dt><dd>2026-07-10T13:15:00Z</dd></div>\
<div class=\"filed\"><dt>Transmis</dt><dd>2026-07-10</dd></div>\
<div class=\"rights\"><dt>Droits</dt><dd>© 2026 LMN; NO ARCHIVAL USE</dd></div>"
    );
    assert!(
        title_section(&book).contains("<p class=\"dates\">10 juillet 2026</p>"),
        "{}",
        title_section(&book)
    );
    assert!(title_section(&book).contains("<p class=\"parts\">1 article</p>"));
    epubcheck(&output.bytes, "newsml1");
}

/// WCAG 2 contrast ratio of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn the_stylesheet_holds_its_contrast_in_light_and_dark_themes() {
    let css = galley::epub::DEFAULT_STYLESHEET;
    // Without comments, each rule with its selector; the dark ones apart.
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = &rest[start + rest[start..].find("*/").unwrap() + 2..];
    }
    text.push_str(rest);
    let (light, dark) = text
        .split_once("@media (prefers-color-scheme: dark)")
        .unwrap();
    let value = |rule: &str, property: &str| -> Option<String> {
        rule.split(';').find_map(|decl| {
            let (name, value) = decl.split_once(':')?;
            (name.trim() == property).then(|| value.trim().to_string())
        })
    };
    let mut pairs = 0;
    for (theme, rules) in [("light", light), ("dark", dark)] {
        for rule in rules.split('}') {
            let Some((selector, body)) = rule.rsplit_once('{') else {
                continue;
            };
            let selector = selector.trim().trim_start_matches('{').trim();
            let Some(background) = value(body, "background-color") else {
                continue;
            };
            // No background without its text colour.
            let colour = value(body, "color").unwrap_or_else(|| {
                panic!("{theme}: `{selector}` sets a background without a colour")
            });
            let ratio = contrast(&colour, &background);
            assert!(
                ratio >= 4.5,
                "{theme}: `{selector}` {colour} on {background} is {ratio:.2}:1"
            );
            pairs += 1;
        }
    }
    assert_eq!(pairs, 4, "the fact box and the table head, in both themes");
    // The page itself follows the reader's scheme, and links its text colour.
    assert!(
        text.contains(":root { color-scheme: light dark; }"),
        "{css}"
    );
    assert!(
        text.contains("a { color: inherit; text-decoration: underline; }"),
        "{css}"
    );
    // No other colour is set: text keeps the reading system's.
    assert_eq!(text.matches(": #").count(), 2 * pairs, "{css}");
}
