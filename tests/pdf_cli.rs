//! `galley pdf` as a desk runs it, read back with poppler and qpdf: the seed
//! as a one-page tabloid, the example series with photos on disk, a story too
//! long for its pages, reruns, broken inputs and a broken style.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::tool;
use galley::model::*;

const SEED: &str = "../shared/seed/000_044c6c402c803a03.txt";

fn galley(args: &[&str], epoch: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_galley"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    cmd.output().expect("galley runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder under the target directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("pdf-cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Text of a page (or all), whitespace collapsed, line-end hyphens joined,
/// quotes straight.
fn text(path: &Path, page: Option<u32>) -> String {
    let p = page.map(|n| n.to_string());
    let mut args = Vec::new();
    if let Some(p) = &p {
        args.extend(["-f", p.as_str(), "-l", p.as_str()]);
    }
    args.extend([s(path), "-"]);
    let raw = tool("pdftotext", &args);
    let mut joined = String::new();
    // Blank lines go: pdftotext may put one after a line that mixes faces.
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let t = line.trim_end();
        // An inserted hyphen reads as a soft hyphen (U+00AD).
        match t.strip_suffix('\u{AD}').or_else(|| t.strip_suffix('-')) {
            Some(head) if head.chars().last().is_some_and(char::is_alphabetic) => {
                joined.push_str(head)
            }
            _ => {
                joined.push_str(t);
                joined.push('\n');
            }
        }
    }
    joined
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_in_order(hay: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        let n = n
            .replace(['\u{2018}', '\u{2019}'], "'")
            .replace(['\u{201C}', '\u{201D}'], "\"");
        match hay[at..].find(&n) {
            Some(i) => at += i + n.len(),
            None => panic!("`{n}` missing or out of order in:\n{hay}"),
        }
    }
}

fn pages(path: &Path) -> u32 {
    tool("pdfinfo", &[s(path)])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo names the page count")
}

/// A page box from `pdfinfo -box`: [x0, y0, x1, y1].
fn page_box(path: &Path, name: &str) -> [f32; 4] {
    let info = tool("pdfinfo", &["-box", s(path)]);
    let line = info
        .lines()
        .find(|l| l.starts_with(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name} in {info}"));
    let v: Vec<f32> = line
        .split_whitespace()
        .skip(1)
        .map(|n| n.parse().unwrap())
        .collect();
    [v[0], v[1], v[2], v[3]]
}

/// Checks that hold for every proof: qpdf clean, fonts embedded, subset and
/// with Unicode maps, and the trim inside the bleed inside the media box.
fn assert_clean_proof(path: &Path, trim_mm: (f32, f32)) {
    let check = tool("qpdf", &["--check", s(path)]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    assert!(!check.to_lowercase().contains("warning"), "{check}");
    let fonts = tool("pdffonts", &[s(path)]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
    }
    let (media, bleed, trim) = (
        page_box(path, "MediaBox"),
        page_box(path, "BleedBox"),
        page_box(path, "TrimBox"),
    );
    let mm = 72.0 / 25.4;
    assert!(
        ((trim[2] - trim[0]) - trim_mm.0 * mm).abs() < 0.1,
        "{trim:?}"
    );
    assert!(
        ((trim[3] - trim[1]) - trim_mm.1 * mm).abs() < 0.1,
        "{trim:?}"
    );
    assert!(((trim[0] - bleed[0]) - 3.0 * mm).abs() < 0.1, "{bleed:?}");
    assert!(
        bleed[0] - media[0] > 5.0 * mm,
        "no room for marks: {media:?}"
    );
}

#[test]
fn seed_is_a_one_page_tabloid_proof() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    if !seed.exists() {
        eprintln!("skipped: the seed is not at {}", seed.display());
        return;
    }
    let dir = temp_dir("seed");
    let out = dir.join("seed.pdf");
    let report = dir.join("seed.json");
    let o = galley(
        &["pdf", s(&seed), "-o", s(&out), "--report", s(&report)],
        Some("1700000000"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(pages(&out), 1);
    assert_clean_proof(&out, (280.0, 430.0));
    let t = text(&out, None);
    // The head, then the body column by column with the pull quotes where
    // they stand in the columns.
    assert_in_order(
        &t,
        &[
            "TRAFFICKED · PART 7",
            "Heitkamp, Klobuchar team up to battle human trafficking",
            "By Amy Dalrymple · Forum News Service",
            "WASHINGTON – As local police chiefs and sheriffs gathered in Minot",
            "That may be human trafficking, she said.",
            "\"Understand that maybe",
            "behind that, what you're seeing as prostitution",
            "Raising awareness of human trafficking in her state",
            "Working closely with her is U.S. Sen. Amy Klobuchar",
        ],
    );
    assert!(t.contains("DAY 7"), "{t}");
    assert!(
        t.contains("\"The only way you're going to be able to build a case"),
        "{t}"
    );
    // A quote is placed, or cut with a warning naming why.
    let cut = stderr(&o).contains(
        "pull quote \u{201C}We've got a long wat to\u{2026}\u{201D} cut: no allowed place (page 1",
    );
    assert!(
        t.contains("We've got a long wat to go compared to Minnesota") != cut,
        "{t}"
    );
    assert_eq!(t.contains("— Heidi Heitkamp"), !cut, "{t}");
    assert!(t.contains("U.S. Sen. Heidi Heitkamp, D-N.D., and U.S. Sen. Amy Klobuchar"));
    assert!(t.contains("Ryan Babb / Forum News Service"));
    // The seed's figure has a caption and no photo: a marked box and a warning.
    assert!(t.contains("PHOTO TO COME"), "{t}");
    assert!(stderr(&o).contains("placeholder drawn"), "{}", stderr(&o));
    assert!(t.contains("Page 1 of 1"));
    assert!(t.contains("proof 2023-11-14 22:13 UTC"), "{t}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let r = &json["inputs"][0]["proof"];
    assert_eq!(r["pages"], 1);
    assert_eq!(r["overset_lines"], 0);
    assert!(r["loose_lines"].as_u64().unwrap() < 8, "{r}");
    assert_eq!(r["quotes_cut"], u64::from(cut), "{r}");
    // The placeholder keeps the standard photo's size, so the short story
    // leaves room: counted, in the fit figures too, and said.
    let short = r["short_lines"].as_u64().unwrap();
    assert_eq!(r["fit"]["under_lines"], short, "{r}");
    assert_eq!(r["fit"]["hole"]["columns"], 5, "{r}");
    if short > 5 {
        assert!(
            stderr(&o).contains(&format!("the story is {short} lines short")),
            "{}",
            stderr(&o)
        );
    }
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water")
}

#[test]
fn examples_become_proofs_with_their_photos() {
    let dir = temp_dir("examples");
    let report = dir.join("report.json");
    let o = galley(
        &["pdf", s(&examples()), "-o", s(&dir), "--report", s(&report)],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    // Photo sizes from the files on disk, as the PDF must carry them.
    let size = |p: &str| image::image_dimensions(examples().join(p)).unwrap();
    let expect = [
        (
            "day1",
            Some(("media/day1-church.jpg", "jpeg")),
            "OLD MARSK –",
        ),
        ("day2", Some(("day2.jpg", "jpeg")), ""),
        (
            "day3",
            Some(("media/day3-barge.png", "image")),
            "OLD MARSK –",
        ),
        ("day4", Some(("day4.jpg", "jpeg")), ""),
    ];
    for (stem, photo, opening) in expect {
        let pdf = dir.join(format!("{stem}.pdf"));
        assert!(pdf.exists(), "{stem}.pdf not written: {}", stderr(&o));
        assert_clean_proof(&pdf, (280.0, 430.0));
        let t = text(&pdf, Some(1));
        assert!(t.contains(opening), "{stem}: {t}");
        let list = tool("pdfimages", &["-list", s(&pdf)]);
        let images: Vec<Vec<String>> = list
            .lines()
            .skip(2)
            .map(|l| l.split_whitespace().map(String::from).collect())
            .collect();
        let entry = json["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| {
                e["outputs"][0]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("{stem}.pdf"))
            })
            .unwrap();
        if let Some((file, enc)) = photo {
            let (w, h) = size(file);
            assert_eq!(images.len(), 1, "{stem}: {list}");
            assert_eq!(images[0][3], w.to_string(), "{stem}: {list}");
            assert_eq!(images[0][4], h.to_string(), "{stem}: {list}");
            assert_eq!(images[0][8], enc, "{stem}: {list}");
            let placed = &entry["proof"]["images"][0];
            assert_eq!(placed["width"], w, "{entry}");
            // Run larger on a short story's page, never under the press's 200 ppi.
            assert!(placed["ppi"].as_f64().unwrap() >= 200.0, "{entry}");
            assert_eq!(placed["colour"], "rgb", "{entry}");
        } else {
            assert!(images.is_empty(), "{stem}: {list}");
        }
    }
    // Every pull quote has text under it, and every placed object a place.
    let err = stderr(&o);
    assert!(!err.contains("no text under them"), "{err}");
    assert!(!err.contains("did not fit"), "{err}");
    assert!(!err.contains("cut: no place"), "{err}");
    let day4 = text(&dir.join("day4.pdf"), Some(1));
    assert!(day4.contains("The lake will come"), "{day4}");
    assert!(day4.contains("another dry"), "{day4}");
    // A JPEG passes through byte for byte.
    let out = Command::new("pdfimages")
        .args(["-j", s(&dir.join("day1.pdf")), s(&dir.join("x"))])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(dir.join("x-000.jpg")).unwrap(),
        std::fs::read(examples().join("media/day1-church.jpg")).unwrap()
    );
}

/// An invented story of `paragraphs` paragraphs with a photo beside it.
fn story(dir: &Path, paragraphs: usize) -> PathBuf {
    let mut article = Article::new();
    article.meta.headline = "Lighthouse keepers return to Skarv Point".into();
    article.meta.kicker = Some("Coast".into());
    article.meta.date = Some("2026-03-14T09:30:00Z".into());
    article.meta.bylines = vec![Byline {
        name: "Oda Venn".into(),
        title: None,
        org: Some("Skarv Gazette".into()),
    }];
    article.body.push(Block::Figure {
        src: Some("lamp.jpg".into()),
        alt: None,
        caption: vec![Inline::text(
            "The lamp room at Skarv Point, relit in March.",
        )],
        credit: Some("Per Tind / Skarv Gazette".into()),
        width: None,
        height: None,
    });
    for n in 1..=paragraphs {
        article.body.push(Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(format!(
                "Paragraph {n} of the keepers' story: the lamp at Skarv Point was lit again \
                 after nine dark winters, and the families who kept it came back to the \
                 island to watch the first beam sweep across the sound at dusk."
            ))],
        });
    }
    let path = dir.join("skarv.json");
    std::fs::write(&path, to_json(&article)).unwrap();
    let img = image::RgbImage::from_fn(1500, 1000, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    img.save(dir.join("lamp.jpg")).unwrap();
    path
}

#[test]
fn long_story_jumps_and_a_news_hole_oversets() {
    let dir = temp_dir("long");
    let input = story(&dir, 140);
    let out = dir.join("long.pdf");
    let o = galley(&["pdf", s(&input), "-o", s(&out)], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let n = pages(&out);
    assert!(n >= 2, "{n} pages");
    assert_clean_proof(&out, (280.0, 430.0));
    let first = text(&out, Some(1));
    let second = text(&out, Some(2));
    // No slug: the jump word is the headline's longest word.
    assert!(first.contains("See LIGHTHOUSE, page 2"), "{first}");
    assert!(second.contains("LIGHTHOUSE from page 1"), "{second}");
    assert_in_order(
        &first,
        &["Paragraph 1 of", "Paragraph 2 of", "Paragraph 3 of"],
    );
    // The slug's time is the article's date when SOURCE_DATE_EPOCH is unset.
    assert!(first.contains("proof 2026-03-14 09:30 UTC"), "{first}");
    let all = text(&out, None);
    assert!(all.contains("Paragraph 140 of"));
    // The photo from disk, at its size.
    let list = tool("pdfimages", &["-list", s(&out)]);
    assert!(list.contains(" 1500 ") && list.contains(" 1000 "), "{list}");

    let hole = dir.join("hole.pdf");
    let report = dir.join("hole.json");
    let o = galley(
        &[
            "pdf",
            s(&input),
            "-o",
            s(&hole),
            "--pages",
            "1",
            "--report",
            s(&report),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(pages(&hole), 1);
    assert!(stderr(&o).contains("lines overset"), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert!(
        json["inputs"][0]["proof"]["overset_lines"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(!text(&hole, None).contains(", page 2"));
}

#[test]
fn reruns_are_byte_identical_also_several_in_one_run() {
    let dir = temp_dir("rerun");
    let input = story(&dir, 12);
    let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
    for out in [&a, &b] {
        let o = galley(&["pdf", s(&input), "-o", s(out)], Some("86400"));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let first = std::fs::read(&a).unwrap();
    assert_eq!(first, std::fs::read(&b).unwrap());
    // The same article made after others in one process.
    let many = dir.join("many");
    let o = galley(
        &[
            "pdf",
            s(&examples().join("day1.xml")),
            s(&examples().join("day4.txt")),
            s(&input),
            "-o",
            s(&many),
        ],
        Some("86400"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(first, std::fs::read(many.join("skarv.pdf")).unwrap());
}

#[test]
fn a_broken_input_fails_alone() {
    let dir = temp_dir("broken");
    let good = story(&dir, 5);
    let bad = dir.join("bad.xml");
    std::fs::write(&bad, "<nitf><body><body.content><p>unclosed").unwrap();
    let out = dir.join("out");
    let o = galley(&["pdf", s(&bad), s(&good), "-o", s(&out)], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("bad.xml"), "{}", stderr(&o));
    assert!(out.join("skarv.pdf").exists());
    assert!(!out.join("bad.pdf").exists());
    // A wrong command line is a usage error.
    let o = galley(&["pdf", s(&good), "-o", s(&out), "--pages", "0"], None);
    assert_eq!(o.status.code(), Some(2));
    let o = galley(
        &["pdf", s(&good), "-o", s(&out), "--style", "pamphlet"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no style `pamphlet`"), "{}", stderr(&o));
}

/// `galley pdf INPUT -o OUT --style SHEET`.
fn proof_in_style(input: &Path, out: &Path, sheet: &Path) -> Output {
    galley(&["pdf", s(input), "-o", s(out), "--style", s(sheet)], None)
}

#[test]
fn a_bad_style_file_names_its_line_and_key() {
    let dir = temp_dir("style");
    let good = story(&dir, 5);
    let sheet_text =
        galley::style::BUILTIN[0]
            .1
            .replacen("columns = 5", "columns = 5\ngutters = 4", 1);
    let line = sheet_text
        .lines()
        .position(|l| l.starts_with("gutters"))
        .unwrap()
        + 1;
    let sheet = dir.join("house.toml");
    std::fs::write(&sheet, sheet_text).unwrap();
    let o = proof_in_style(&good, &dir.join("x.pdf"), &sheet);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("house.toml:{line}:")), "{err}");
    assert!(err.contains("gutters"), "{err}");
    // A good style file is used, with its name in the slug.
    let sheet = dir.join("desk.toml");
    std::fs::write(&sheet, galley::style::BUILTIN[3].1).unwrap();
    let out = dir.join("desk.pdf");
    let o = proof_in_style(&good, &out, &sheet);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(text(&out, Some(1)).contains("style letter"));
    assert_clean_proof(&out, (215.9, 279.4));
}

/// A style may name font files beside its sheet; the roles then use their family.
/// The face comes from Debian's fonts-dejavu-core, which `.ci/run` installs.
#[test]
fn a_style_names_its_own_font_files() {
    const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
    assert!(
        Path::new(DEJAVU).exists(),
        "install fonts-dejavu-core (as .ci/run does) for {DEJAVU}"
    );
    let dir = temp_dir("style-fonts");
    let good = story(&dir, 5);
    std::fs::create_dir_all(dir.join("faces")).unwrap();
    std::fs::copy(DEJAVU, dir.join("faces/house.ttf")).unwrap();
    let tabloid = galley::style::Style::builtin("tabloid").unwrap();
    let body_family = format!("family = \"{}\"", tabloid.roles.body.family);
    let (_, tabloid_text) = galley::style::BUILTIN
        .iter()
        .find(|(name, _)| *name == "tabloid")
        .unwrap();
    let sheet_text = tabloid_text.replace(&body_family, "family = \"DejaVu Serif\"")
        + "\n[fonts]\nfiles = [\"faces/house.ttf\"]\n";
    let sheet = dir.join("house.toml");
    std::fs::write(&sheet, &sheet_text).unwrap();
    let out = dir.join("house.pdf");
    let o = proof_in_style(&good, &out, &sheet);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("no font of the family"),
        "{}",
        stderr(&o)
    );
    let fonts = tool("pdffonts", &[s(&out)]);
    assert!(fonts.contains("DejaVuSerif"), "{fonts}");
    assert_clean_proof(
        &out,
        (
            tabloid.page.width / 72.0 * 25.4,
            tabloid.page.height / 72.0 * 25.4,
        ),
    );
    // A file that is no font names the sheet, the key and the file.
    std::fs::write(dir.join("faces/house.ttf"), b"not a font").unwrap();
    let o = proof_in_style(&good, &dir.join("x.pdf"), &sheet);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("house.toml: error: `fonts.files`") && err.contains("house.ttf"),
        "{err}"
    );
}

/// A story of `n` one-line paragraphs and no headline: `n` body lines
/// under the head's rule, whatever engine sets it.
fn lines_story(dir: &Path, n: usize) -> PathBuf {
    let mut article = Article::new();
    for i in 1..=n {
        article.body.push(Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(format!("Line {i}."))],
        });
    }
    let path = dir.join(format!("lines-{n}.json"));
    std::fs::write(&path, to_json(&article)).unwrap();
    path
}

/// The `fit` figures of the one input of a report.
fn fit_of(report: &Path) -> serde_json::Value {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(report).unwrap()).unwrap();
    json["inputs"][0]["proof"]["fit"].clone()
}

#[test]
fn a_news_hole_from_the_command_line_and_a_style() {
    let dir = temp_dir("hole");
    // 3 columns of 20 lines hold 3 × 19 body lines under the head's rule.
    let cm = |lines: f64| (lines * 12.5 * 25.4 / 72.0).round() / 10.0;
    for (n, over, under) in [(70, 13, 0), (30, 0, 27)] {
        let input = lines_story(&dir, n);
        let out = dir.join(format!("hole-{n}.pdf"));
        let report = dir.join(format!("hole-{n}.json"));
        let args = ["pdf", s(&input), "-o", s(&out), "--hole", "3x20lines"];
        let o = galley(&[&args[..], &["--report", s(&report)]].concat(), None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(pages(&out), 1);
        let fit = fit_of(&report);
        assert_eq!(fit["hole"]["columns"], 3, "{fit}");
        assert_eq!(fit["hole"]["depth_lines"], 20, "{fit}");
        assert_eq!(fit["hole"]["depth_mm"], 88.2, "{fit}");
        assert_eq!(fit["over_lines"], over, "{fit}");
        assert_eq!(fit["under_lines"], under, "{fit}");
        assert_eq!(fit["over_cm"], cm(over as f64), "{fit}");
        assert_eq!(fit["under_cm"], cm(under as f64), "{fit}");
        // The notes are on screen: the overset tag, or the open space.
        let t = text(&out, Some(1));
        if over > 0 {
            assert!(t.contains(&format!("+{over} lines")), "{t}");
            assert!(!t.contains(&format!("Line {n}.")), "{t}");
        } else {
            assert!(t.contains("OPEN SPACE 3 col"), "{t}");
            assert!(t.contains(&format!("Line {n}.")), "{t}");
        }
        // ... in a layer that views but does not print.
        let pdf = lopdf::Document::load(&out).unwrap();
        let catalog = pdf.catalog().unwrap();
        let props = catalog.get(b"OCProperties").unwrap().as_dict().unwrap();
        let ocg = props.get(b"OCGs").unwrap().as_array().unwrap()[0]
            .as_reference()
            .unwrap();
        let ocg = pdf.get_dictionary(ocg).unwrap();
        let usage = ocg.get(b"Usage").unwrap().as_dict().unwrap();
        let print = usage.get(b"Print").unwrap().as_dict().unwrap();
        assert_eq!(print.get(b"PrintState").unwrap().as_name().unwrap(), b"OFF");
        let auto = props
            .get(b"D")
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"AS")
            .unwrap();
        let auto = auto.as_array().unwrap()[0].as_dict().unwrap();
        assert_eq!(auto.get(b"Event").unwrap().as_name().unwrap(), b"Print");
    }
    // With two pages the long one jumps, and nothing is over.
    let input = lines_story(&dir, 70);
    let out = dir.join("jump.pdf");
    let report = dir.join("jump.json");
    let o = galley(
        &[
            "pdf",
            s(&input),
            "-o",
            s(&out),
            "--hole",
            "3x20lines",
            "--pages",
            "2",
            "--report",
            s(&report),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        (pages(&out), fit_of(&report)["over_lines"].as_u64()),
        (2, Some(0))
    );

    // Bad holes are usage errors that say what was wrong.
    for (hole, says) in [
        ("4x", "hole `4x`: no depth after the `x`"),
        ("4by210mm", "no `x` between columns and depth"),
        (
            "9x100mm",
            "hole 9x100.0mm is 9 columns wide; style `tabloid` has 5",
        ),
        ("2x900mm", "style `tabloid` has a type area 398.0 mm deep"),
    ] {
        let o = galley(
            &[
                "pdf",
                s(&input),
                "-o",
                s(&dir.join("bad.pdf")),
                "--hole",
                hole,
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(2), "{hole}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{hole}: {}", stderr(&o));
    }

    // A style's `[layout] hole` is the default; --hole replaces it.
    let sheet = dir.join("hole.toml");
    let sheet_text =
        galley::style::BUILTIN[0]
            .1
            .replacen("[layout]", "[layout]\nhole = \"2x30lines\"", 1);
    std::fs::write(&sheet, &sheet_text).unwrap();
    let styled = dir.join("style.pdf");
    let report = dir.join("style.json");
    let args = ["pdf", s(&input), "-o", s(&styled), "--style", s(&sheet)];
    let o = galley(&[&args[..], &["--report", s(&report)]].concat(), None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fit = fit_of(&report);
    assert_eq!(
        (
            fit["hole"]["columns"].as_u64(),
            fit["hole"]["depth_lines"].as_u64()
        ),
        (Some(2), Some(30))
    );
    assert_eq!(fit["over_lines"], 70 - 2 * 29, "{fit}");
    let o = galley(
        &[&args[..], &["--report", s(&report), "--hole", "3x20lines"]].concat(),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fit_of(&report)["over_lines"], 13);
    // A bad one names the sheet's line and key.
    let bad = sheet_text.replacen("2x30lines", "2x30furlongs", 1);
    let line = bad.lines().position(|l| l.starts_with("hole =")).unwrap() + 1;
    std::fs::write(&sheet, bad).unwrap();
    let o = galley(&args, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("hole.toml:{line}:")) && err.contains("layout.hole"),
        "{err}"
    );
    assert!(err.contains("`furlongs` is not a unit"), "{err}");
}
