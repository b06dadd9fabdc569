//! Golden frame dumps: each story in `tests/pdf/frames/<case>.json` laid out
//! in a style with the font-free [`MonoSetter`], its frames (every item's
//! page, role, source block, shape and text) and warnings compared with
//! `<case>.<style>.frames` beside it. A change in layout shows up as a diff
//! to review; `UPDATE_GOLDEN=1 cargo test --test pdf_frames` rewrites them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use galley::backend::Document;
use galley::model::Article;
use galley::pdf::frame::Role;
use galley::pdf::setter::MonoSetter;
use galley::pdf::{lay_out, Layout};
use galley::style::Style;

/// Every case and the styles it is laid out in.
const CASES: &[(&str, &[&str])] = &[
    ("short-photo", &["tabloid"]),
    ("long-jump", &["tabloid", "a4"]),
    ("fact-box", &["tabloid"]),
    ("table", &["tabloid"]),
    ("two-quotes", &["tabloid", "broadsheet"]),
    ("missing-photo", &["tabloid"]),
    ("norwegian", &["berliner"]),
    ("brief", &["tabloid"]),
    ("overset", &["tabloid"]),
];

/// The news hole a case is fitted into (others take the whole type area).
const HOLES: &[(&str, &str)] = &[("brief", "5x80lines"), ("overset", "3x40lines")];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/frames")
}

/// An 1800 × 1200 photo: its size is all layout needs.
fn photo() -> Vec<u8> {
    static PNG: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PNG.get_or_init(encode).clone()
}

fn encode() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(1800, 1200, image::Rgb([90, 120, 150]));
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

fn layout(case: &str, style: &str) -> Layout {
    let text = std::fs::read_to_string(dir().join(format!("{case}.json"))).unwrap();
    let article: Article = serde_json::from_str(&text).unwrap();
    let mut doc = Document::new(article, format!("{case}.json"));
    doc.media = BTreeMap::from([("pier.png".to_string(), Ok(photo()))]);
    let mut style = Style::builtin(style).unwrap();
    style.layout.hole = HOLES
        .iter()
        .find(|(c, _)| *c == case)
        .map(|(_, h)| h.parse().unwrap());
    lay_out(&doc, &style, &MonoSetter, None)
}

/// The golden text: warnings first, then the frames.
fn golden_text(l: &Layout) -> String {
    let mut out = String::new();
    for w in &l.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    out.push_str(&l.frames.dump());
    out
}

#[test]
fn frames_match_their_golden_dumps() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failed = Vec::new();
    for (case, styles) in CASES {
        for style in *styles {
            let actual = golden_text(&layout(case, style));
            let path = dir().join(format!("{case}.{style}.frames"));
            if update {
                std::fs::write(&path, &actual).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                let first = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(expected.lines().count().min(actual.lines().count()));
                failed.push(format!(
                    "{}: first difference at line {}:\n  expected: {}\n  actual:   {}",
                    path.display(),
                    first + 1,
                    expected.lines().nth(first).unwrap_or("(end)"),
                    actual.lines().nth(first).unwrap_or("(end)")
                ));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "frames changed (UPDATE_GOLDEN=1 rewrites them; review the diff):\n{}",
        failed.join("\n")
    );
}

#[test]
fn every_case_shows_what_it_is_named_for() {
    let roles = |l: &Layout| -> Vec<Role> {
        let mut r: Vec<Role> = l
            .frames
            .pages
            .iter()
            .flat_map(|p| p.items.iter().map(|i| i.role))
            .collect();
        r.sort();
        r.dedup();
        r
    };
    let short = layout("short-photo", "tabloid");
    assert_eq!(short.frames.pages.len(), 1);
    for role in [
        Role::Photo,
        Role::Caption,
        Role::Credit,
        Role::Headline,
        Role::Byline,
    ] {
        assert!(roles(&short).contains(&role), "{role:?}");
    }
    let long = layout("long-jump", "tabloid");
    assert!(long.frames.pages.len() >= 2);
    let jumps: Vec<String> = long
        .frames
        .of_role(Role::JumpLine)
        .filter_map(|(_, i)| i.line().map(|l| l.text()))
        .collect();
    assert_eq!(jumps[..2], ["Continued on page 2", "Continued from page 1"]);
    assert!(roles(&layout("fact-box", "tabloid")).contains(&Role::FactBox));
    assert!(roles(&layout("table", "tabloid")).contains(&Role::Table));
    let quotes = layout("two-quotes", "tabloid");
    let attributions = quotes.frames.of_role(Role::Attribution).count();
    assert!(
        attributions >= 3,
        "two quotes, one with a title: {attributions}"
    );
    let missing = layout("missing-photo", "tabloid");
    assert!(roles(&missing).contains(&Role::Placeholder));
    assert!(!roles(&missing).contains(&Role::Photo));
    assert!(missing
        .warnings
        .iter()
        .any(|w| w.message.contains("absent.jpg")));
    let brief = layout("brief", "tabloid");
    assert!(roles(&brief).contains(&Role::OpenSpace));
    assert!(!roles(&brief).contains(&Role::Overset));
    let fit = brief.fit.as_ref().unwrap();
    assert_eq!(
        (fit.hole.columns, fit.hole.depth_lines, fit.over_lines),
        (5, 80, 0)
    );
    let over = layout("overset", "tabloid");
    assert!(roles(&over).contains(&Role::Overset));
    assert!(!roles(&over).contains(&Role::OpenSpace));
    let tag = format!("+{} lines", over.overset_lines);
    assert!(over.overset_lines > 0 && over.frames.page_text(1).contains(&tag));
    let nb = layout("norwegian", "berliner");
    assert_eq!(nb.frames.pages.len(), 1);
    // Body text and subheads say which block they came from, in order.
    let blocks: Vec<usize> = nb
        .frames
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| i.role.flows())
        .filter_map(|i| match i.source {
            galley::pdf::frame::Source::Block(b) => Some(b),
            _ => None,
        })
        .collect();
    assert!(blocks.windows(2).all(|w| w[0] <= w[1]), "{blocks:?}");
    assert_eq!(blocks.first(), Some(&0));
}

#[test]
fn page_starts_name_the_block_and_word_each_page_begins_with() {
    let text = std::fs::read_to_string(dir().join("long-jump.json")).unwrap();
    let article: Article = serde_json::from_str(&text).unwrap();
    let mut doc = Document::new(article, "long-jump.json");
    doc.media = BTreeMap::from([("pier.png".to_string(), Ok(photo()))]);
    for style in ["tabloid", "a4"] {
        let style = Style::builtin(style).unwrap();
        let l = lay_out(&doc, &style, &MonoSetter, None);
        let starts = galley::pdf::page_starts(&doc, &l.frames);
        assert_eq!(starts.len(), l.frames.pages.len() - 1, "{}", style.name);
        for s in &starts {
            let page = &l.frames.pages[s.page as usize - 1];
            let first = page
                .items
                .iter()
                .find(|i| i.role.flows())
                .and_then(|i| i.line())
                .map(|l| l.text())
                .unwrap();
            let galley::model::Block::Paragraph { content, .. } = &doc.article.body[s.block] else {
                panic!("page {} begins in a paragraph", s.page);
            };
            let plain = galley::model::plain_text(content);
            let word: String = plain
                .chars()
                .skip(s.offset)
                .take_while(|c| !c.is_whitespace())
                .collect();
            assert_eq!(
                first.split_whitespace().next(),
                Some(word.as_str()),
                "page {} in {}",
                s.page,
                style.name
            );
        }
    }
}
