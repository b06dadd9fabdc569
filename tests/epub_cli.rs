//! `galley epub` as a user runs it: folders and files in any mix of formats,
//! out of order, with sidecar photos, broken inputs and refused image paths.

#[path = "epub/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use galley::model::*;
use support::{between, epubcheck_file, epubcheck_files, jpeg, temp_dir, Book};

fn galley(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("galley runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water")
}

/// The day numbers of the example series' articles, from their file names.
fn example_days() -> Vec<u32> {
    let mut days: Vec<u32> = std::fs::read_dir(examples())
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let (stem, ext) = name.split_once('.')?;
            matches!(ext, "xml" | "txt")
                .then(|| stem.strip_prefix("day")?.parse().ok())
                .flatten()
        })
        .collect();
    days.sort_unstable();
    days
}

/// An invented article of a series as tree JSON.
fn tree_article(series: &str, part: u32, headline: &str, date: &str) -> String {
    let mut article = Article::new();
    article.meta.headline = headline.into();
    article.meta.kicker = Some(format!("Day {part}"));
    article.meta.date = Some(date.into());
    article.meta.series = Some(Series {
        name: series.into(),
        part: Some(part),
        total: None,
    });
    article.meta.bylines = vec![Byline {
        name: "Sigrun Aal".into(),
        title: None,
        org: Some("Fjordside Courier".into()),
    }];
    article.meta.source = Some("Fjordside Courier".into());
    article.body = vec![
        Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(format!(
                "The {headline} story, in one paragraph."
            ))],
        },
        Block::PullQuote {
            content: vec![Inline::text("Nobody keeps count of the quiet days.")],
            attribution: Some(Attribution {
                name: "Odd Rakke".into(),
                title: Some("Ferryman".into()),
            }),
        },
    ];
    galley::model::to_json(&article)
}

fn labels(book: &Book) -> Vec<String> {
    book.nav_entries()
        .into_iter()
        .map(|(label, _)| label)
        .filter(|l| l != "Title page")
        .collect()
}

#[test]
fn the_example_series_becomes_one_valid_book_in_series_order() {
    let dir = temp_dir("cli-example");
    let out = dir.join("still-water.epub");
    let run = galley(
        &[
            "epub",
            examples().to_str().unwrap(),
            "--explain",
            "-o",
            out.to_str().unwrap(),
        ],
        &dir,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let book = Book::open(&std::fs::read(&out).unwrap());

    // Parts in series order, whatever the folder listing.
    let days = example_days();
    assert_eq!(days, vec![1, 2, 3, 4], "the example series has four parts");
    let labels = labels(&book);
    let numbers: Vec<u32> = labels
        .iter()
        .map(|l| {
            between(l, "Day ", ":")
                .parse()
                .unwrap_or_else(|_| panic!("{l}"))
        })
        .collect();
    assert_eq!(numbers, days, "{labels:?}");
    let opf = book.opf();
    assert_eq!(between(&opf, "<dc:title>", "</dc:title>"), "Still Water");
    assert!(opf.contains("property=\"collection-type\">series</meta>"));
    assert!(opf.contains("<meta property=\"schema:accessMode\">visual</meta>"));

    // Day 2 (wire text): its sidecar photo, with alt text and credit, and pull quotes.
    let day2_index = days.iter().position(|&d| d == 2).unwrap() + 1;
    let day2 = book.text(&format!("OEBPS/part-{day2_index:03}.xhtml"));
    let img = between(&day2, "<img ", "/>");
    let alt = between(img, "alt=\"", "\"");
    assert!(alt.contains("Tomas Brekke"), "{img}");
    let src = between(img, "src=\"", "\"");
    // The 2400-pixel print photo, scaled down to the default 2000-pixel side.
    let (w, h) = image::image_dimensions(examples().join("day2.jpg")).unwrap();
    assert_eq!((w, h), (2400, 1600));
    let carried = book.bytes(&format!("OEBPS/{src}"));
    assert!(src.ends_with(".jpg"), "{src}");
    let scaled = image::load_from_memory(carried).unwrap();
    assert_eq!((scaled.width(), scaled.height()), (2000, 1333));
    assert!(day2.contains("<span class=\"credit\">Per Vik / Northwind Press</span>"));
    assert!(
        day2.contains("<aside epub:type=\"pullquote\" role=\"doc-pullquote\" class=\"pullquote\">")
    );
    assert!(day2.contains("<span class=\"dateline\">MARSK</span> – The path down"));
    assert!(stderr(&run).contains("day2.txt: note: the figure without an image file takes the photo beside the article, `day2.jpg`"));

    // Day 1 (NITF): its photo from media/, with the alt text the input gave.
    let day1 = book.text("OEBPS/part-001.xhtml");
    assert!(
        day1.contains("<h1>The church spire comes up for air</h1>"),
        "{day1}"
    );
    let img = between(&day1, "<img ", "/>");
    assert!(
        img.contains("alt=\"The stone tower of a church stands in cracked mud"),
        "{img}"
    );
    let carried = book.bytes(&format!("OEBPS/{}", between(img, "src=\"", "\"")));
    let scaled = image::load_from_memory(carried).unwrap();
    assert_eq!((scaled.width(), scaled.height()), (2000, 1333));
    assert!(day1.contains("<aside class=\"sidebar\"><h2>The Halvard reservoir in numbers</h2>"));
    // Day 3 (NITF in Latin-1): its PNG (under the limit, so carried as it
    // is), a table and a pull quote, letters intact.
    let day3 = book.text("OEBPS/part-003.xhtml");
    assert!(day3.contains("<img src=\"images/a003-1.png\""), "{day3}");
    assert_eq!(
        book.bytes("OEBPS/images/a003-1.png"),
        std::fs::read(examples().join("media/day3-barge.png"))
            .unwrap()
            .as_slice()
    );
    assert!(day3.contains("Ingrid Sæther"));
    assert!(day3.contains("<table><caption>"));
    assert!(day3.contains("<aside epub:type=\"pullquote\""));
    // The title page and metadata speak of the whole series.
    let title = book.text("OEBPS/title.xhtml");
    assert!(title.contains("<p class=\"parts\">4 parts</p>"), "{title}");
    assert!(
        title.contains("<p class=\"dates\">3–6 August 2026</p>"),
        "{title}"
    );
    assert_eq!(
        book.elements("dc:creator"),
        vec!["Maren Holt", "Jonas Eide"]
    );

    epubcheck_file(&out);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_mix_of_formats_given_out_of_order_is_one_book() {
    let dir = temp_dir("cli-mix");
    std::fs::create_dir_all(dir.join("more")).unwrap();
    std::fs::write(
        dir.join("more/finale.json"),
        tree_article("Still Water", 9, "The water comes back", "2026-09-01"),
    )
    .unwrap();
    std::fs::write(
        dir.join("zz-opening.json"),
        tree_article("Still Water", 1, "The valley before", "2026-08-01"),
    )
    .unwrap();
    // The seed (web text of another series) joins when it is on this machine.
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_044c6c402c803a03.txt");
    let have_seed = seed.is_file();
    if have_seed {
        std::fs::copy(&seed, dir.join("seed.txt")).unwrap();
        std::fs::write(
            dir.join("trafficked-8.json"),
            tree_article("Trafficked", 8, "What the numbers hide", "2026-12-10"),
        )
        .unwrap();
    } else {
        eprintln!("the seed is absent: the mix is built without it");
    }
    let out = dir.join("mix.epub");
    let mut args = vec![
        "epub".to_string(),
        "more".into(),
        examples().join("day4.txt").display().to_string(),
        examples().join("day3.xml").display().to_string(),
        "zz-opening.json".into(),
        examples().join("day2.txt").display().to_string(),
    ];
    if have_seed {
        args.push("trafficked-8.json".into());
        args.push("seed.txt".into());
    }
    args.extend(["-o".into(), out.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = galley(&args, &dir);
    assert!(run.status.success(), "{}", stderr(&run));
    let book = Book::open(&std::fs::read(&out).unwrap());
    let labels = labels(&book);
    let days: Vec<&str> = labels.iter().map(|l| between(l, "", ":")).collect();
    let mut expected = vec!["Day 1", "Day 2", "Day 3", "Day 4", "Day 9"];
    if have_seed {
        // Series by name: Still Water, then Trafficked (parts 7 and 8).
        expected.extend(["Day 7", "Day 8"]);
        assert!(labels[5].contains("Heitkamp"), "{labels:?}");
        assert!(stderr(&run).contains("seed.txt: warning: figure 1 names no image file"));
    }
    assert_eq!(days, expected, "{labels:?}");
    assert!(labels[2].contains("barge"), "{labels:?}");
    // Figures from every format: the NITF PNG and the wire sidecar photos.
    let images: Vec<&str> = book.article_images();
    assert_eq!(
        images,
        vec![
            "OEBPS/images/a002-1.jpg",
            "OEBPS/images/a003-1.png",
            "OEBPS/images/a004-1.jpg"
        ]
    );
    let collections = book.meta("belongs-to-collection");
    if have_seed {
        assert_eq!(collections, vec!["Still Water", "Trafficked"]);
    } else {
        assert_eq!(collections, vec!["Still Water"]);
    }
    // The seed's "09 Dec" takes its year from Trafficked's dated part 8;
    // day 2 (wire text, also month and day only) from Still Water's.
    let (range, modified) = if have_seed {
        ("1 August – 10 December 2026", "2026-12-10T00:00:00Z")
    } else {
        ("1 August – 1 September 2026", "2026-09-01T00:00:00Z")
    };
    let title = book.text("OEBPS/title.xhtml");
    assert!(
        title.contains(&format!("<p class=\"dates\">{range}</p>")),
        "{title}"
    );
    book.assert_modified_from(modified);
    assert_eq!(
        between(&book.opf(), "<dc:date>", "</dc:date>"),
        "2026-08-01"
    );
    epubcheck_file(&out);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_part_without_a_year_borrows_none_from_another_series() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_044c6c402c803a03.txt");
    if !seed.is_file() {
        eprintln!("the seed is absent: nothing to test");
        return;
    }
    let dir = temp_dir("cli-seed-year");
    let run = galley(
        &[
            "epub",
            seed.to_str().unwrap(),
            examples().to_str().unwrap(),
            "-o",
            "x.epub",
        ],
        &dir,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let book = Book::open(&std::fs::read(dir.join("x.epub")).unwrap());
    // The seed (Trafficked, "09 Dec") has no dated part of its series beside
    // it, so it adds no date: the range and dates are Still Water's alone.
    let title = book.text("OEBPS/title.xhtml");
    assert!(
        title.contains("<p class=\"dates\">3–6 August 2026</p>"),
        "{title}"
    );
    book.assert_modified_from("2026-08-06T00:00:00Z");
    // Day 1 was issued at 06:15 UTC, and says so.
    assert_eq!(
        between(&book.opf(), "<dc:date>", "</dc:date>"),
        "2026-08-03T06:15:00Z"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_book_per_article_knows_what_the_run_knows_of_its_series() {
    let dir = temp_dir("cli-per-article-facts");
    let mut first: Article =
        serde_json::from_str(&tree_article("Still Water", 1, "Dated", "2026-03-01")).unwrap();
    first.meta.series.as_mut().unwrap().total = Some(4);
    std::fs::write(dir.join("a.json"), to_json(&first)).unwrap();
    // Web text often carries only a month and day, and no total.
    std::fs::write(
        dir.join("b.json"),
        tree_article("Still Water", 2, "Undated", "--03-02"),
    )
    .unwrap();
    let run = galley(&["epub", ".", "--one-per-article", "-o", "parts"], &dir);
    assert!(run.status.success(), "{}", stderr(&run));
    let part2 = Book::open(&std::fs::read(dir.join("parts/still-water-02.epub")).unwrap());
    assert_eq!(
        between(&part2.opf(), "<dc:date>", "</dc:date>"),
        "2026-03-02"
    );
    part2.assert_modified_from("2026-03-02T00:00:00Z");
    let title = part2.text("OEBPS/title.xhtml");
    assert!(
        title.contains("<p class=\"parts\">Part 2 of 4</p>"),
        "{title}"
    );
    assert!(
        title.contains("<p class=\"dates\">2 March 2026</p>"),
        "{title}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn by_series_and_one_per_article_write_a_folder_of_books() {
    let dir = temp_dir("cli-split");
    for (name, series, part) in [
        ("a.json", "Still Water", 2),
        ("b.json", "Still Water", 1),
        ("c.json", "Harbour Lights", 1),
    ] {
        std::fs::write(
            dir.join(name),
            tree_article(series, part, &format!("{series} {part}"), "2026-03-01"),
        )
        .unwrap();
    }
    let run = galley(&["epub", ".", "--by-series", "-o", "books"], &dir);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut names: Vec<String> = std::fs::read_dir(dir.join("books"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, vec!["harbour-lights.epub", "still-water.epub"]);
    let still = Book::open(&std::fs::read(dir.join("books/still-water.epub")).unwrap());
    assert_eq!(
        labels(&still),
        vec!["Day 1: Still Water 1", "Day 2: Still Water 2"]
    );

    let run = galley(&["epub", ".", "--one-per-article", "-o", "parts"], &dir);
    assert!(run.status.success(), "{}", stderr(&run));
    let part2 = Book::open(&std::fs::read(dir.join("parts/still-water-02.epub")).unwrap());
    assert_eq!(labels(&part2), vec!["Day 2: Still Water 2"]);
    assert_eq!(part2.meta("group-position"), vec!["2"]);
    assert!(dir.join("parts/still-water-01.epub").is_file());
    assert!(dir.join("parts/harbour-lights-01.epub").is_file());

    // Image limits that leave nothing to see are refused as usage errors.
    for (flag, value, message) in [
        (
            "--max-image-side",
            "0",
            "images need at least 100 pixels a side",
        ),
        (
            "--max-image-side",
            "99",
            "images need at least 100 pixels a side",
        ),
        ("--max-image-kb", "0", "images need at least 10 KB"),
    ] {
        let run = galley(&["epub", ".", flag, value, "-o", "limits"], &dir);
        assert_eq!(run.status.code(), Some(2), "{flag} {value}");
        assert!(stderr(&run).contains(message), "{}", stderr(&run));
        assert!(!dir.join("limits").exists());
    }

    // The two modes exclude each other.
    let run = galley(
        &["epub", ".", "--by-series", "--one-per-article", "-o", "x"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn images_are_brought_under_the_byte_limit_or_named_in_a_warning() {
    let dir = temp_dir("cli-image-kb");
    let run = galley(
        &[
            "epub",
            examples().join("day2.txt").to_str().unwrap(),
            examples().join("day3.xml").to_str().unwrap(),
            "--max-image-kb",
            "100",
            "-o",
            "small.epub",
        ],
        &dir,
    );
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    let book = Book::open(&std::fs::read(dir.join("small.epub")).unwrap());
    // The 372 KB print photo (JPEG) steps down until under 100 KB.
    let photo = book.bytes("OEBPS/images/a001-1.jpg");
    assert!(photo.len() <= 100_000, "{} bytes", photo.len());
    // The palette PNG decodes to RGB, which cannot get under 100 KB at a
    // reasonable size: the smallest result, never bigger than the file
    // given, and a warning that names it.
    let given = std::fs::read(examples().join("media/day3-barge.png")).unwrap();
    let barge = book.bytes("OEBPS/images/a002-1.png");
    assert!(barge.len() < given.len(), "{} bytes", barge.len());
    assert!(
        err.contains("day3.xml: warning: image `media/day3-barge.png` is still")
            && err.contains("over the 100 KB limit"),
        "{err}"
    );
    assert!(!err.contains("day2.txt: warning: image"), "{err}");
    // The drawn cover keeps the limit too.
    let cover = book.bytes("OEBPS/images/cover.jpg");
    assert!(cover.len() <= 100_000, "{} bytes", cover.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Books of every kind the command line makes, checked by epubcheck in one go:
/// by series with embedded fonts, a JPEG cover and a CMYK photo; one per article.
#[test]
fn books_of_every_kind_pass_epubcheck() {
    let dir = temp_dir("cli-every-kind");
    let mut first: Article =
        serde_json::from_str(&tree_article("Still Water", 1, "Print photo", "2026-03-01")).unwrap();
    first.body.push(Block::Figure {
        src: Some("cmyk.jpg".into()),
        alt: Some("A grey quay in the print archive's colours".into()),
        caption: vec![Inline::text("From the print archive.")],
        credit: Some("Archive".into()),
        width: None,
        height: None,
    });
    std::fs::write(dir.join("a.json"), to_json(&first)).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/epub/cmyk.jpg"),
        dir.join("cmyk.jpg"),
    )
    .unwrap();
    for (name, series, part) in [
        ("b.json", "Still Water", 2),
        ("c.json", "Harbour Lights", 1),
    ] {
        std::fs::write(
            dir.join(name),
            tree_article(series, part, &format!("{series} {part}"), "2026-03-02"),
        )
        .unwrap();
    }
    std::fs::write(dir.join("cover.jpg"), jpeg(300, 450, 3)).unwrap();

    let run = galley(
        &[
            "epub",
            "a.json",
            "b.json",
            "c.json",
            "--by-series",
            "--embed-fonts",
            "--cover",
            "cover.jpg",
            "-o",
            "books",
        ],
        &dir,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let still = Book::open(&std::fs::read(dir.join("books/still-water.epub")).unwrap());
    assert_eq!(
        still.bytes("OEBPS/images/cover.jpg"),
        std::fs::read(dir.join("cover.jpg")).unwrap().as_slice()
    );
    assert_eq!(
        galley::epub::images::jpeg_components(still.bytes("OEBPS/images/a001-1.jpg")),
        Some(3),
        "the CMYK photo is carried as RGB"
    );
    assert!(still.names().iter().any(|n| n.starts_with("OEBPS/fonts/")));

    let run = galley(
        &[
            "epub",
            "a.json",
            "b.json",
            "c.json",
            "--one-per-article",
            "-o",
            "parts",
        ],
        &dir,
    );
    assert!(run.status.success(), "{}", stderr(&run));

    let books = [
        "books/still-water.epub",
        "books/harbour-lights.epub",
        "parts/still-water-01.epub",
        "parts/still-water-02.epub",
    ]
    .map(|name| dir.join(name));
    epubcheck_files(&books.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reruns_are_byte_identical_and_source_date_epoch_sets_the_date() {
    let dir = temp_dir("cli-rerun");
    std::fs::write(
        dir.join("a.json"),
        tree_article("Still Water", 1, "Again", "2026-03-01"),
    )
    .unwrap();
    assert!(galley(&["epub", "a.json", "-o", "one.epub"], &dir)
        .status
        .success());
    assert!(galley(&["epub", "a.json", "-o", "two.epub"], &dir)
        .status
        .success());
    let one = std::fs::read(dir.join("one.epub")).unwrap();
    assert!(one == std::fs::read(dir.join("two.epub")).unwrap());
    Book::open(&one).assert_modified_from("2026-03-01T00:00:00Z");

    let run = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(["epub", "a.json", "-o", "dated.epub"])
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", "1780000000")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let dated = Book::open(&std::fs::read(dir.join("dated.epub")).unwrap());
    assert_eq!(dated.meta("dcterms:modified"), vec!["2026-05-28T20:26:40Z"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn refused_images_and_broken_inputs_are_reported_and_the_book_still_made() {
    let root = temp_dir("cli-refuse");
    let dir = root.join("story");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(root.join("secret.jpg"), jpeg(20, 20, 1)).unwrap();
    std::fs::write(dir.join("inside.jpg"), jpeg(30, 20, 2)).unwrap();
    let mut article: Article =
        serde_json::from_str(&tree_article("Still Water", 1, "Refusals", "2026-03-01")).unwrap();
    for src in ["../secret.jpg", "inside.jpg", "https://example.org/x.jpg"] {
        article.body.push(Block::Figure {
            src: Some(src.into()),
            alt: Some(format!("Photo {src}")),
            caption: vec![Inline::text(format!("Caption for {src}"))],
            credit: None,
            width: None,
            height: None,
        });
    }
    std::fs::write(dir.join("a.json"), to_json(&article)).unwrap();
    std::fs::write(dir.join("broken.json"), "{ not json").unwrap();

    let run = galley(&["epub", "story", "missing.xml", "-o", "out.epub"], &root);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("broken.json"), "{err}");
    // The last word: the book lacks what could not be read.
    assert!(
        err.trim_end().ends_with(
            "out.epub: warning: written without 2 articles that could not be read (missing.xml, story/broken.json)"
        ),
        "{err}"
    );
    assert!(
        err.contains("warning: image `../secret.jpg` left out (refused:"),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: image `https://example.org/x.jpg` left out (remote images are never fetched)"
        ),
        "{err}"
    );

    let book = Book::open(&std::fs::read(root.join("out.epub")).unwrap());
    let images: Vec<&str> = book.article_images();
    assert_eq!(images, vec!["OEBPS/images/a001-2.jpg"]);
    let page = book.text("OEBPS/part-001.xhtml");
    assert!(page.contains("<figcaption>Caption for ../secret.jpg</figcaption>"));
    assert!(page.contains("alt=\"Photo inside.jpg\""));

    // No readable input at all: nothing is written.
    let run = galley(&["epub", "story/broken.json", "-o", "none.epub"], &root);
    assert_eq!(run.status.code(), Some(1));
    assert!(!root.join("none.epub").exists());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn title_cover_style_and_fonts_come_from_the_command_line() {
    let dir = temp_dir("cli-options");
    std::fs::write(
        dir.join("a.json"),
        tree_article("Still Water", 1, "Options", "2026-03-01"),
    )
    .unwrap();
    std::fs::write(dir.join("cover.png"), support::png(200, 300, 7)).unwrap();
    std::fs::write(dir.join("house.css"), "p { margin: 0; }\n").unwrap();
    let run = galley(
        &[
            "epub",
            "a.json",
            "--title",
            "The Still Water & other stories",
            "--cover",
            "cover.png",
            "--style",
            "house.css",
            "--embed-fonts",
            "-o",
            "book.epub",
        ],
        &dir,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let book = Book::open(&std::fs::read(dir.join("book.epub")).unwrap());
    assert_eq!(
        between(&book.opf(), "<dc:title>", "</dc:title>"),
        "The Still Water &amp; other stories"
    );
    assert_eq!(
        book.bytes("OEBPS/images/cover.png"),
        std::fs::read(dir.join("cover.png")).unwrap().as_slice()
    );
    let css = book.text("OEBPS/stylesheet.css");
    assert!(css.starts_with("p { margin: 0; }"));
    assert_eq!(css.matches("@font-face").count(), 4);
    let fonts: Vec<&str> = book
        .names()
        .into_iter()
        .filter(|n| n.starts_with("OEBPS/fonts/"))
        .collect();
    assert_eq!(fonts.len(), 4, "{fonts:?}");
    assert!(book
        .text("OEBPS/colophon.xhtml")
        .contains("SIL OPEN FONT LICENSE"));

    // A cover that cannot be read, or is no image, stops the run before any output.
    let run = galley(
        &["epub", "a.json", "--cover", "nope.png", "-o", "x.epub"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("--cover nope.png: cannot read"),
        "{}",
        stderr(&run)
    );
    let run = galley(
        &["epub", "a.json", "--cover", "house.css", "-o", "y.epub"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("the cover image cannot be used"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.join("x.epub").exists() && !dir.join("y.epub").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
