//! The print backend end to end: articles in, PDF bytes out, read back with
//! poppler and qpdf.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{engine, tool, write_temp};
use galley::backend::Document;
use galley::model::{plain_text, Article, Block, Inline};
use galley::pdf::frame::{Role, Shape};
use galley::pdf::marks::Slug;
use galley::pdf::{render, PdfOptions, Proof};
use galley::style::Style;

/// 2026-12-09 14:30 UTC.
const TIME: i64 = 1_796_826_600;

fn ferry() -> Article {
    let text = include_str!("pdf/ferry.json");
    serde_json::from_str(text).expect("fixture tree")
}

/// A photo made in the test: a gradient with a horizon, `w` × `h` pixels.
fn photo(w: u32, h: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, y| {
        let sky = y < h * 2 / 5;
        let v = (x * 255 / w.max(1)) as u8;
        if sky {
            image::Rgb([120, 160, 200u8.saturating_sub(v / 4)])
        } else {
            image::Rgb([30, 60 + v / 3, 90])
        }
    })
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    photo(w, h).write_with_encoder(enc).expect("jpeg");
    out
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    photo(w, h)
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

fn ferry_doc() -> Document {
    let mut doc = Document::new(ferry(), "ferry.json");
    doc.media = BTreeMap::from([("quay.jpg".to_string(), Ok(jpeg(2400, 1600)))]);
    doc
}

fn proof(doc: &Document, style: &str, pages: Option<u32>) -> Proof {
    let engine = engine();
    let style = Style::builtin(style).expect("built-in style");
    render(
        doc,
        &style,
        &engine,
        &engine,
        &PdfOptions {
            pages,
            time: Some(TIME),
        },
    )
    .expect("proof")
}

/// The text pdftotext finds in content-stream order (`-raw`), which is the
/// proof's reading order, whitespace collapsed.
fn text_of(path: &str, page: Option<u32>) -> String {
    let mut args = vec!["-raw"];
    let p;
    if let Some(n) = page {
        p = n.to_string();
        args.extend(["-f", p.as_str(), "-l", p.as_str()]);
    }
    args.extend([path, "-"]);
    let raw = tool("pdftotext", &args);
    dehyphenate(&raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text with words the engine hyphenated at a line's end joined again
/// (`Varn-` + `holm`), so that tests can look for whole words.
fn dehyphenate(raw: &str) -> String {
    let mut out = String::new();
    for line in raw.lines() {
        let t = line.trim_end();
        // An inserted hyphen reads as a soft hyphen (U+00AD); a real one at
        // a line's end is joined as before.
        let cut = t.strip_suffix('\u{AD}').or_else(|| t.strip_suffix('-'));
        let joined = cut.is_some_and(|c| c.chars().last().is_some_and(|c| c.is_alphabetic()));
        if let (true, Some(cut)) = (joined, cut) {
            out.push_str(cut);
        } else {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

/// Text with the engine's typographic quotes and apostrophes made straight,
/// to compare with the tree's typewriter text.
fn straight(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
}

/// Asserts that each needle occurs in `hay`, in this order (quotes compared
/// straight).
fn assert_in_order(hay: &str, needles: &[&str]) {
    let hay = &straight(hay);
    let mut at = 0;
    for n in needles {
        let n = &straight(n);
        match hay[at..].find(n.as_str()) {
            Some(i) => at += i + n.len(),
            None => panic!("`{n}` missing or out of order in:\n{hay}"),
        }
    }
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn body_paragraphs(article: &Article) -> Vec<String> {
    article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(plain_text(content)),
            _ => None,
        })
        .collect()
}

#[test]
fn ferry_text_comes_out_in_reading_order() {
    let proof = proof(&ferry_doc(), "tabloid", None);
    let path = write_temp("ferry-order.pdf", &proof.output.bytes);
    assert_eq!(proof.report.pages, 1, "{:?}", proof.output.warnings);
    let text = text_of(&path, Some(1));
    let paras = body_paragraphs(&ferry());
    let mut needles = vec![
        "COAST LINES".to_string(),
        "Island ferry to keep sailing through winter".to_string(),
        "Council votes 23 to 9".to_string(),
        "By Kari Lundeby, Staff Writer · Northern Coast Press".to_string(),
        "BRENNA – Ferries to Varnholm".to_string(),
    ];
    needles.extend(paras.iter().skip(1).map(|p| first_words(p, 4)));
    let needles: Vec<&str> = needles.iter().map(|s| s.as_str()).collect();
    assert_in_order(&text, &needles);
    // Every word of the story is there.
    let plain = straight(&text);
    for p in &paras {
        for w in p.split_whitespace() {
            assert!(plain.contains(&straight(w)), "`{w}` missing");
        }
    }
    assert!(text.contains("Page 1 of 1"));
    assert!(text.contains("The Sound Wren leaves Varnholm quay"));
    assert!(text.contains("Mira Solberg / Northern Coast Press"));
    assert!(text.contains("THE CROSSING IN NUMBERS"));
    assert!(text.contains("— Ingrid Maalstad"));
}

fn boxes(path: &str) -> BTreeMap<String, [f32; 4]> {
    let info = tool("pdfinfo", &["-box", path]);
    info.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            let k = k.trim();
            if !k.ends_with("Box") {
                return None;
            }
            let n: Vec<f32> = v
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            Some((k.to_string(), n.try_into().ok()?))
        })
        .collect()
}

#[test]
fn page_boxes_trim_bleed_and_media() {
    let proof = proof(&ferry_doc(), "tabloid", None);
    let path = write_temp("ferry-boxes.pdf", &proof.output.bytes);
    let b = boxes(&path);
    let mm = 72.0 / 25.4;
    let trim = b["TrimBox"];
    let bleed = b["BleedBox"];
    let media = b["MediaBox"];
    let near = |a: f32, b: f32| (a - b).abs() < 0.1;
    assert!(near(trim[2] - trim[0], 280.0 * mm), "{trim:?}");
    assert!(near(trim[3] - trim[1], 430.0 * mm), "{trim:?}");
    for i in 0..2 {
        assert!(near(trim[i] - bleed[i], 3.0 * mm), "{bleed:?}");
        assert!(near(bleed[i + 2] - trim[i + 2], 3.0 * mm), "{bleed:?}");
        // Room for marks and the slug outside the bleed.
        assert!(bleed[i] - media[i] >= 10.0 * mm, "{media:?}");
        assert!(media[i + 2] - bleed[i + 2] >= 10.0 * mm, "{media:?}");
    }
}

#[test]
fn fonts_are_embedded_subset_with_unicode() {
    let proof = proof(&ferry_doc(), "tabloid", None);
    let path = write_temp("ferry-fonts.pdf", &proof.output.bytes);
    let out = tool("pdffonts", &[&path]);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    // Charis regular, bold, italic; Noto Sans regular and bold at least.
    assert!(rows.len() >= 5, "{out}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
        let name = cols[0];
        assert_eq!(name.find('+'), Some(6), "subset tag: {name}");
        assert!(name[..6].chars().all(|c| c.is_ascii_uppercase()), "{name}");
    }
    assert!(out.contains("CharisSIL-Bold"), "{out}");
    assert!(out.contains("NotoSans"), "{out}");
    // Subset: the file is far smaller than the seven font programs.
    assert!(
        proof.output.bytes.len() < 900_000,
        "{}",
        proof.output.bytes.len()
    );
}

#[test]
fn jpeg_passes_through_untouched() {
    let doc = ferry_doc();
    let original = doc.media["quay.jpg"].clone().unwrap();
    let proof = proof(&doc, "tabloid", None);
    let path = write_temp("ferry-jpeg.pdf", &proof.output.bytes);
    let list = tool("pdfimages", &["-list", &path]);
    let row = list.lines().nth(2).expect("one image");
    let cols: Vec<&str> = row.split_whitespace().collect();
    // page num type width height color comp bpc enc
    assert_eq!(
        &cols[3..9],
        &["2400", "1600", "rgb", "3", "8", "jpeg"],
        "{list}"
    );
    assert_eq!(list.lines().count(), 3, "{list}");
    let dir = std::path::Path::new(&path).with_extension("img");
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join("x");
    tool("pdfimages", &["-j", &path, prefix.to_str().unwrap()]);
    let out = std::fs::read(dir.join("x-000.jpg")).expect("extracted jpeg");
    assert_eq!(out, original, "the JPEG bytes changed on the way");
    let img = &proof.report.images[0];
    // Three tabloid columns wide (2400 px over about 6 inches) or run larger to
    // fill the short story's page, never under the press's 200 ppi.
    assert!(img.ppi >= 200.0 && img.ppi < 420.0, "{}", img.ppi);
}

#[test]
fn png_is_stored_losslessly_and_cropped_not_distorted() {
    let mut doc = ferry_doc();
    // A panorama: wider than the frame, so the sides are cropped.
    doc.media.insert("quay.jpg".to_string(), Ok(png(3000, 900)));
    let proof = proof(&doc, "tabloid", None);
    let path = write_temp("ferry-png.pdf", &proof.output.bytes);
    let list = tool("pdfimages", &["-list", &path]);
    let cols: Vec<String> = list
        .lines()
        .nth(2)
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect();
    assert_eq!(
        &cols[3..9],
        &["3000", "900", "rgb", "3", "8", "image"],
        "{list}"
    );
    let dir = std::path::Path::new(&path).with_extension("img");
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join("x");
    tool("pdfimages", &["-png", &path, prefix.to_str().unwrap()]);
    let back = image::open(dir.join("x-000.png")).unwrap().to_rgb8();
    assert_eq!(back, photo(3000, 900), "pixels changed");
    // The drawn size keeps the aspect ratio; the frame clips it.
    let engine = engine();
    let layout = galley::pdf::lay_out(&doc, &Style::builtin("tabloid").unwrap(), &engine, None);
    let (frame, draw) = layout.frames.pages[0]
        .items
        .iter()
        .find_map(|i| match i.shape {
            Shape::Image { frame, draw, .. } => Some((frame, draw)),
            _ => None,
        })
        .unwrap();
    assert!(((draw.w / draw.h) - 3000.0 / 900.0).abs() < 0.01);
    assert!((draw.h - frame.h).abs() < 0.01 && draw.w > frame.w);
    assert!(proof
        .output
        .warnings
        .iter()
        .any(|w| w.message.contains("RGB in a CMYK style")));
}

#[test]
fn qpdf_finds_no_errors() {
    let proof = proof(&ferry_doc(), "tabloid", None);
    let path = write_temp("ferry-qpdf.pdf", &proof.output.bytes);
    let out = tool("qpdf", &["--check", &path]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
    assert!(!out.to_lowercase().contains("warning"), "{out}");
}

#[test]
fn metadata_names_the_article() {
    let proof = proof(&ferry_doc(), "tabloid", None);
    let path = write_temp("ferry-info.pdf", &proof.output.bytes);
    let info = tool("pdfinfo", &["-isodates", &path]);
    let field = |k: &str| {
        info.lines()
            .find_map(|l| {
                l.strip_prefix(&format!("{k}:"))
                    .map(|v| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    assert_eq!(
        field("Title"),
        "Island ferry to keep sailing through winter"
    );
    assert_eq!(field("Author"), "Kari Lundeby");
    assert!(field("Subject").starts_with("Council votes 23 to 9"));
    assert_eq!(field("Keywords"), "ferries,Varnholm,county council");
    assert_eq!(field("CreationDate"), "2026-12-09T14:30:00Z");
    let json = tool("qpdf", &["--json", &path]);
    assert!(
        json.contains("\"/Lang\": \"u:en-GB\""),
        "no /Lang in the catalog"
    );
    // No PDF/X claim: the file does not conform.
    assert!(!String::from_utf8_lossy(&proof.output.bytes).contains("GTS_PDFX"));
}

#[test]
fn same_input_same_bytes_even_in_one_process() {
    let a = proof(&ferry_doc(), "tabloid", None).output.bytes;
    // Another document in between moves printpdf's global counters.
    let mut other = ferry_doc();
    other.article.meta.headline = "Bridge inspection finds rust in the girders".to_string();
    let b = proof(&other, "berliner", None).output.bytes;
    let c = proof(&ferry_doc(), "tabloid", None).output.bytes;
    assert_ne!(a, b);
    assert!(a == c, "two renders of one input differ");
}

#[test]
fn slug_and_marks_sit_outside_the_bleed() {
    let proof = proof(&ferry_doc(), "tabloid", None);
    let path = write_temp("ferry-slug.pdf", &proof.output.bytes);
    let text = text_of(&path, None);
    assert!(
        text.contains("ferry.json · style tabloid · page 1 of 1 · proof 2026-12-09 14:30 UTC"),
        "{text}"
    );
    let b = boxes(&path);
    let (media_h, bleed) = (b["MediaBox"][3], b["BleedBox"]);
    let bbox = tool("pdftotext", &["-bbox", &path, "-"]);
    let word = bbox
        .lines()
        .find(|l| l.contains(">proof<"))
        .expect("slug word");
    let y_min: f32 = word
        .split("yMin=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // pdftotext measures y from the top of the media box.
    assert!(y_min > media_h - bleed[1], "slug inside the bleed: {word}");
}

fn long_story() -> Document {
    let mut doc = ferry_doc();
    let extra: Vec<Block> = doc.article.body.clone();
    for round in 0..3 {
        doc.article.body.push(Block::Heading {
            level: 2,
            content: vec![Inline::text(format!(
                "More from the quay, part {}",
                round + 1
            ))],
        });
        doc.article.body.extend(
            extra
                .iter()
                .filter(|b| matches!(b, Block::Paragraph { .. }))
                .cloned(),
        );
    }
    doc.article.body.push(Block::Paragraph {
        classes: Vec::new(),
        lede: false,
        content: vec![Inline::text("Last sentence of the long story.")],
    });
    doc
}

#[test]
fn long_story_continues_with_jump_lines() {
    // The jump word comes from the slug's first word, in capitals.
    let mut doc = long_story();
    let slug = "ferry-winter/timetable".to_string();
    doc.article.meta.extra.insert("slug".to_string(), slug);
    let word = "FERRY";
    let proof = proof(&doc, "tabloid", None);
    let path = write_temp("long.pdf", &proof.output.bytes);
    assert_eq!(proof.report.pages, 2, "{:?}", proof.output.warnings);
    assert_eq!(proof.report.overset_lines, 0);
    let p1 = text_of(&path, Some(1));
    let p2 = text_of(&path, Some(2));
    assert!(p1.contains(&format!("See {word}, page 2")), "{p1}");
    assert!(p2.contains(&format!("{word} from page 1")), "{p2}");
    assert!(!p2.contains(", page 3"));
    assert!(p2.contains("Last sentence of the long story."));
    assert!(p2.contains("Page 2 of 2"));
    let b = boxes(&path);
    assert!(b.contains_key("BleedBox"));
    let out = tool("qpdf", &["--check", &path]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
}

#[test]
fn news_hole_of_one_page_reports_overset() {
    let full = proof(&long_story(), "tabloid", None);
    let cut = proof(&long_story(), "tabloid", Some(1));
    let path = write_temp("overset.pdf", &cut.output.bytes);
    assert_eq!(cut.report.pages, 1);
    let n = cut.report.overset_lines;
    assert!(n > 20, "overset {n}");
    assert!(cut
        .output
        .warnings
        .iter()
        .any(|w| w.message == format!("{n} lines overset")));
    let text = text_of(&path, None);
    assert!(!text.contains("Last sentence of the long story."));
    assert!(!text.contains("See SAILING, page 2"));
    // The lines set on page 2 of the full run are what is overset (give or
    // take the jump lines and the narrower first page).
    let engine = engine();
    let style = Style::builtin("tabloid").unwrap();
    let layout = galley::pdf::lay_out(&long_story(), &style, &engine, None);
    let on_two = layout.frames.page_text(2).len() as u32;
    assert!(n + 10 >= on_two && n <= on_two + 10, "{n} vs {on_two}");
    assert_eq!(full.report.overset_lines, 0);
}

#[test]
fn missing_image_becomes_a_marked_placeholder() {
    let mut doc = ferry_doc();
    doc.media
        .insert("quay.jpg".to_string(), Err("file not found".to_string()));
    let proof = proof(&doc, "tabloid", None);
    let path = write_temp("missing.pdf", &proof.output.bytes);
    let text = text_of(&path, None);
    assert!(text.contains("PHOTO MISSING: quay.jpg"), "{text}");
    assert!(text.contains("The Sound Wren leaves Varnholm quay"));
    assert!(proof
        .output
        .warnings
        .iter()
        .any(|w| w.message.contains("quay.jpg") && w.message.contains("placeholder")));
    assert_eq!(tool("pdfimages", &["-list", &path]).lines().count(), 2);
}

#[test]
fn low_resolution_image_is_reported() {
    let mut doc = ferry_doc();
    doc.media.insert("quay.jpg".to_string(), Ok(jpeg(600, 400)));
    let proof = proof(&doc, "tabloid", None);
    let img = &proof.report.images[0];
    assert!(img.ppi < 200.0);
    assert!(proof
        .output
        .warnings
        .iter()
        .any(|w| w.message.contains("quay.jpg") && w.message.contains("ppi")));
}

#[test]
fn every_builtin_style_makes_a_clean_proof() {
    for (name, _) in galley::style::BUILTIN {
        let proof = proof(&ferry_doc(), name, None);
        let path = write_temp(&format!("ferry-{name}.pdf"), &proof.output.bytes);
        let out = tool("qpdf", &["--check", &path]);
        assert!(
            out.contains("No syntax or stream encoding errors found"),
            "{name}: {out}"
        );
        let text = text_of(&path, None);
        assert!(text.contains("Island ferry to keep sailing"), "{name}");
        assert!(text.contains("first winter departure"), "{name}");
    }
}

#[test]
fn second_photo_and_grey_image_are_listed_with_their_sizes() {
    let mut doc = ferry_doc();
    doc.article.body.insert(
        5,
        Block::Figure {
            src: Some("crew.png".to_string()),
            alt: None,
            caption: vec![Inline::text("Deckhand Ola Brekk casts off at dawn.")],
            credit: Some("Mira Solberg".to_string()),
            width: None,
            height: None,
        },
    );
    let grey = image::GrayImage::from_fn(900, 1200, |x, y| image::Luma([((x + y) % 256) as u8]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    grey.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    doc.media
        .insert("crew.png".to_string(), Ok(bytes.into_inner()));
    let proof = proof(&doc, "tabloid", None);
    let path = write_temp("two-photos.pdf", &proof.output.bytes);
    let list = tool("pdfimages", &["-list", &path]);
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert_eq!(
        &rows[0][3..9],
        &["2400", "1600", "rgb", "3", "8", "jpeg"],
        "{list}"
    );
    assert_eq!(
        &rows[1][3..9],
        &["900", "1200", "gray", "1", "8", "image"],
        "{list}"
    );
    let text = text_of(&path, None);
    assert!(text.contains("Deckhand Ola Brekk casts off at dawn."));
    assert_eq!(proof.report.images.len(), 2);
    let out = tool("qpdf", &["--check", &path]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
}

#[test]
fn missing_glyphs_reach_the_warnings() {
    let mut doc = ferry_doc();
    doc.article.body.push(Block::Paragraph {
        classes: Vec::new(),
        lede: false,
        content: vec![Inline::text(
            "The ferry's name in the old script: \u{6F22}.",
        )],
    });
    let proof = proof(&doc, "tabloid", None);
    assert!(
        proof
            .output
            .warnings
            .iter()
            .any(|w| w.message.contains('\u{6F22}')),
        "{:?}",
        proof.output.warnings
    );
}

#[test]
fn crop_and_registration_marks_stay_outside_the_bleed() {
    let engine = engine();
    let style = Style::builtin("tabloid").unwrap();
    let mut page = galley::pdf::frame::Page::default();
    let slug = Slug {
        origin: "slug.xml",
        style: "tabloid",
        page: 1,
        pages: 1,
        time: Some(0),
    };
    galley::pdf::marks::add(&mut page, &style, &engine, &slug);
    let p = &style.page;
    let (w, h, bleed) = (p.width, p.height, p.bleed);
    let outside = |x: f32, y: f32| x < -bleed || x > w + bleed || y < -bleed || y > h + bleed;
    let mut rules = 0;
    for item in &page.items {
        if let Shape::Rule { from, to, .. } = item.shape {
            rules += 1;
            assert_eq!(item.role, Role::Mark);
            assert!(
                outside(from.x, from.y) && outside(to.x, to.y),
                "{from:?} {to:?}"
            );
            // Within the media box.
            for pt in [from, to] {
                let m = bleed + p.slug;
                assert!(pt.x >= -m && pt.x <= w + m && pt.y >= -m && pt.y <= h + m);
            }
        }
    }
    // Eight crop marks, four registration marks of a cross and a circle.
    assert_eq!(rules, 8 + 4 * (2 + 24));
}

#[test]
fn a_long_path_in_the_slug_gives_way_to_the_page_and_time() {
    let engine = engine();
    let style = Style::builtin("tabloid").unwrap();
    let slug_line = |origin: &str| {
        let mut page = galley::pdf::frame::Page::default();
        let slug = Slug {
            origin,
            style: "tabloid",
            page: 2,
            pages: 3,
            time: Some(1_700_000_000),
        };
        galley::pdf::marks::add(&mut page, &style, &engine, &slug);
        let texts: Vec<String> = page
            .items
            .iter()
            .filter(|i| i.role == Role::Slug)
            .filter_map(|i| i.line().map(|l| l.text()))
            .collect();
        assert_eq!(texts.len(), 1, "{texts:?}");
        texts[0].clone()
    };
    let short = slug_line("archive/day1.xml");
    assert_eq!(
        short,
        "archive/day1.xml \u{B7} style tabloid \u{B7} page 2 of 3 \u{B7} proof 2023-11-14 22:13 UTC"
    );
    let deep = format!("{}/day1.xml", ["a-rather-long-folder-name"; 12].join("/"));
    let long = slug_line(&deep);
    assert!(long.starts_with("\u{2026}/"), "{long}");
    assert!(
        long.ends_with("a-rather-long-folder-name/day1.xml \u{B7} style tabloid \u{B7} page 2 of 3 \u{B7} proof 2023-11-14 22:13 UTC"),
        "{long}"
    );
}

#[test]
fn loose_lines_are_counted_in_the_report() {
    // Numbers are never hyphenated, and these hardly fit a tabloid column:
    // a line holds one number and a word, stretched far.
    let mut doc = ferry_doc();
    doc.article.body.push(Block::Paragraph { classes: Vec::new(), lede: false,
        content: vec![Inline::text(
            "Codes 1234567890123456 and 2345678901234567 and 3456789012345678 and 4567890123456789 end.",
        )],
    });
    let proof = proof(&doc, "tabloid", None);
    let n = proof.report.loose_lines;
    let warned = proof
        .output
        .warnings
        .iter()
        .filter(|w| w.message.contains("is loose"))
        .count();
    assert!(
        n >= 2 && n as usize == warned,
        "{n}: {:?}",
        proof.output.warnings
    );
    assert!(
        proof.output.warnings.iter().any(|w| w
            .message
            .starts_with("paragraph “Codes 1234567890123456")
            && w.message.contains("is loose")),
        "{:?}",
        proof.output.warnings
    );
    assert!(proof.output.warnings.iter().any(
        |w| w.message == format!("{n} body lines set looser than the justification tolerance")
    ));
    let json = serde_json::to_value(&proof.report).unwrap();
    assert_eq!(json["loose_lines"], n);
    assert_eq!(json["pages"], 1);
    assert_eq!(json["images"][0]["src"], "quay.jpg");
}

#[test]
fn odd_grids_and_empty_articles_still_make_clean_proofs() {
    let base = galley::style::BUILTIN
        .iter()
        .find(|(n, _)| *n == "letter")
        .unwrap()
        .1;
    let engine = engine();
    let options = PdfOptions {
        pages: Some(3),
        time: Some(TIME),
    };
    for columns in 1..=6 {
        let text = base
            .replacen("columns = 3", &format!("columns = {columns}"), 1)
            .replacen("lead_photo_columns = 2", "lead_photo_columns = 1", 1);
        let style = Style::from_toml(&text, "odd.toml").unwrap();
        for doc in [long_story(), Document::new(Article::new(), "empty.json")] {
            let proof = render(&doc, &style, &engine, &engine, &options).unwrap();
            assert!(proof.report.pages >= 1 && proof.report.pages <= 3);
            let path = write_temp(&format!("odd-{columns}.pdf"), &proof.output.bytes);
            let out = tool("qpdf", &["--check", &path]);
            assert!(
                out.contains("No syntax or stream encoding errors found"),
                "{out}"
            );
        }
    }
    // A headline too long for the page leaves no room for the body: overset.
    let mut doc = ferry_doc();
    // (even at the smallest size under the scale, which is warned of).
    doc.article.meta.headline = "Ferry ".repeat(400);
    let style = Style::builtin("letter").unwrap();
    let proof = render(
        &doc,
        &style,
        &engine,
        &engine,
        &PdfOptions {
            pages: Some(1),
            time: Some(TIME),
        },
    )
    .unwrap();
    assert!(proof.report.overset_lines > 0);
    assert!(proof
        .output
        .warnings
        .iter()
        .any(|w| w.message.contains("no room for the body")));
    assert!(proof.output.warnings.iter().any(|w| w
        .message
        .contains("over the style's `headline_max_lines` (2)")));
}

/// Web-scraped shape: a pull quote before the first paragraph, a caption
/// with no image file, a closing pull quote that repeats the body.
#[test]
fn web_text_shape_makes_a_one_page_proof() {
    let mut doc = ferry_doc();
    doc.media.clear();
    let body = &mut doc.article.body;
    let figure = body.remove(0);
    let Block::Figure {
        caption, credit, ..
    } = figure
    else {
        panic!("fixture starts with its photo")
    };
    body.insert(
        0,
        Block::PullQuote {
            content: vec![Inline::text("The early boat is the one that matters.")],
            attribution: Some(galley::model::Attribution {
                name: "Tobias Renk".to_string(),
                title: Some("Harbour master".to_string()),
            }),
        },
    );
    body.insert(
        1,
        Block::Figure {
            src: None,
            alt: None,
            caption,
            credit,
            width: None,
            height: None,
        },
    );
    let proof = proof(&doc, "tabloid", None);
    assert_eq!(proof.report.pages, 1, "{:?}", proof.output.warnings);
    let path = write_temp("web-shape.pdf", &proof.output.bytes);
    let text = text_of(&path, None);
    assert!(text.contains("PHOTO TO COME"), "{text}");
    assert!(text.contains("The Sound Wren leaves Varnholm quay"));
    assert_in_order(
        &text,
        &["BRENNA – Ferries", "For now, the timetable is set."],
    );
    assert!(proof
        .output
        .warnings
        .iter()
        .any(|w| w.message.contains("names no image file")));
    let out = tool("qpdf", &["--check", &path]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
}

/// The CLI loads media from the article's folder; here a photo written to
/// disk is read back the same way and must come out of the PDF unchanged.
#[test]
fn photo_from_disk_comes_out_byte_for_byte() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-tests/on-disk");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("quay.jpg");
    std::fs::write(&file, jpeg(1800, 1200)).unwrap();
    let mut doc = Document::new(ferry(), "on-disk/ferry.json");
    doc.media.insert(
        "quay.jpg".to_string(),
        std::fs::read(&file).map_err(|e| e.to_string()),
    );
    let proof = proof(&doc, "berliner", None);
    let path = write_temp("on-disk.pdf", &proof.output.bytes);
    let prefix = dir.join("out");
    tool("pdfimages", &["-j", &path, prefix.to_str().unwrap()]);
    let out = std::fs::read(dir.join("out-000.jpg")).unwrap();
    assert!(out == std::fs::read(&file).unwrap(), "JPEG changed");
    let list = tool("pdfimages", &["-list", &path]);
    assert!(
        list.lines().nth(2).unwrap().contains(" 1800  1200 "),
        "{list}"
    );
    let text = text_of(&path, None);
    assert!(
        text.contains("on-disk/ferry.json · style berliner · page 1 of 1"),
        "{text}"
    );
}

/// Quotations marked up as such take the article's language's marks, nested
/// ones the inner marks, and so do straight quotes in the headline; a forced
/// line break in the copy breaks the line.
#[test]
fn quotations_take_the_language_marks_and_line_breaks_break() {
    let mut article = ferry();
    article.meta.language = Some("nb-NO".to_string());
    article.meta.headline = "Ferja \"Havbris\" går igjen".to_string();
    let quote = |content: Vec<Inline>| Inline::Quote { content };
    article.body.insert(
        0,
        Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![
                Inline::text("Ferjemannen sa "),
                quote(vec![
                    Inline::text("fergen er livsnerven, og alle sier "),
                    quote(vec![Inline::text("takk")]),
                ]),
                Inline::text(" i går."),
            ],
        },
    );
    article.body.insert(
        1,
        Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![
                Inline::text("Brygga 1"),
                Inline::LineBreak,
                Inline::text("Skarvik havn"),
            ],
        },
    );
    let mut doc = Document::new(article, "quotes.json");
    doc.media = ferry_doc().media;
    let proof = proof(&doc, "tabloid", None);
    let path = write_temp("quotes.pdf", &proof.output.bytes);
    let text = text_of(&path, None);
    assert!(
        text.contains("sa «fergen er livsnerven, og alle sier ‘takk’» i går."),
        "{text}"
    );
    assert!(text.contains("Ferja «Havbris» går igjen"), "{text}");
    let raw = tool("pdftotext", &["-raw", &path, "-"]);
    assert!(
        raw.lines().any(|l| l.trim_end() == "Brygga 1")
            && raw
                .lines()
                .any(|l| l.trim_start().starts_with("Skarvik havn")),
        "{raw}"
    );
}

#[test]
fn inserted_hyphens_copy_as_soft_hyphens_and_real_ones_stay() {
    // Not made to a standard: the hyphen mapping is in every proof.
    let mut doc = ferry_doc();
    if let Some(Block::Paragraph { content, .. }) = doc
        .article
        .body
        .iter_mut()
        .find(|b| matches!(b, Block::Paragraph { .. }))
    {
        content.push(Inline::text(
            " The well-known harbour-master spoke of extraordinarily unaccommodating weather.",
        ));
    }
    let proof = proof(&doc, "tabloid", None);
    let path = write_temp("standard-hyphens.pdf", &proof.output.bytes);
    let raw = tool("pdftotext", &["-raw", &path, "-"]);
    let soft: Vec<&str> = raw.lines().filter(|l| l.ends_with('\u{AD}')).collect();
    assert!(!soft.is_empty(), "no line ends in a soft hyphen:\n{raw}");
    // Joined at the soft hyphens, every word is the article's own.
    let joined = raw.replace("\u{AD}\n", "").replace("-\n", "-");
    let words: BTreeSet<String> = doc
        .article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(plain_text(content)),
            _ => None,
        })
        .flat_map(|t| t.split_whitespace().map(letters).collect::<Vec<_>>())
        .collect();
    for line in soft {
        let at = joined
            .find(line.trim_end_matches('\u{AD}'))
            .expect("line in the text");
        let tail = &joined[at..];
        let word = tail
            .split_whitespace()
            .nth(line.split_whitespace().count() - 1)
            .unwrap();
        assert!(
            words.contains(&letters(word)),
            "`{word}` is not a word of the article"
        );
    }
    // The real hyphens stay hyphens.
    assert!(
        joined.contains("well-known") && joined.contains("harbour-master"),
        "{joined}"
    );
    // And the file says so: each inserted hyphen is a span whose
    // ActualText is a soft hyphen.
    assert_eq!(soft_hyphen_spans(&proof.output.bytes), soft_count(&raw));
}

fn soft_count(raw: &str) -> usize {
    raw.matches('\u{AD}').count()
}

/// Letters and digits, lower case.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How many `/Span <</ActualText <FEFF00AD>>> BDC` the pages hold.
fn soft_hyphen_spans(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut n = 0;
    for (_, pid) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(pid)).unwrap();
        n += content
            .operations
            .iter()
            .filter(|op| {
                op.operator == "BDC"
                    && op.operands[0].as_name().ok() == Some(b"Span".as_slice())
                    && op.operands[1]
                        .as_dict()
                        .ok()
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|o| o.as_str().ok())
                        == Some([0xFE, 0xFF, 0x00, 0xAD].as_slice())
            })
            .count();
    }
    n
}

/// Proof notes are on screen in a layer that does not print, and left out
/// of a proof made to a standard (a file for the press or the archive).
#[test]
fn proof_notes_view_but_never_print() {
    let engine = engine();
    let mut style = Style::builtin("tabloid").unwrap();
    style.layout.hole = Some("3x40lines".parse().unwrap());
    let options = PdfOptions {
        pages: None,
        time: Some(TIME),
    };
    let doc = ferry_doc();
    let plain = render(&doc, &style, &engine, &engine, &options).unwrap();
    let path = write_temp("notes.pdf", &plain.output.bytes);
    let fit = plain.report.fit.as_ref().unwrap();
    let note = if fit.over_lines > 0 {
        format!("+{} lines", fit.over_lines)
    } else {
        "OPEN SPACE".to_string()
    };
    assert!(text_of(&path, None).contains(&note), "{note}");
    let pdf = lopdf::Document::load_mem(&plain.output.bytes).unwrap();
    let props = pdf.catalog().unwrap().get(b"OCProperties").unwrap();
    let name = props
        .as_dict()
        .unwrap()
        .get(b"D")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(name.get(b"AS").is_ok() && name.get(b"Name").is_ok());
    style.output.standards = galley::style::Standards::parse(["pdf/ua-1"]).unwrap();
    let tagged = render(&doc, &style, &engine, &engine, &options).unwrap();
    let path = write_temp("notes-ua.pdf", &tagged.output.bytes);
    assert!(!text_of(&path, None).contains(&note));
    let pdf = lopdf::Document::load_mem(&tagged.output.bytes).unwrap();
    assert!(pdf.catalog().unwrap().get(b"OCProperties").is_err());
    // The figures stay in the report.
    assert_eq!(tagged.report.fit, plain.report.fit);
}
