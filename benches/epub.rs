//! A 10-part series to one EPUB, whole process: generates ten invented articles
//! (tree JSON, each with a 1600×1000 photo), then times `galley epub` on them
//! against a baseline measured in the same run, `galley tree` over the same ten
//! inputs (one process each, as that command reads one article).
//!
//! Run with `cargo bench --bench epub`.

mod common;

use common::{galley, jpeg, time, ROUNDS};
use galley::model::*;
use image::{Rgb, RgbImage};

const PARTS: u32 = 10;

fn article(part: u32) -> Article {
    let mut article = Article::new();
    let meta = &mut article.meta;
    meta.headline = format!("The reservoir, part {part}: what the mud gave back");
    meta.kicker = Some(format!("Day {part}"));
    meta.bylines = vec![Byline {
        name: "Maren Holt".into(),
        title: Some("Staff Writer".into()),
        org: Some("Northwind Press".into()),
    }];
    meta.date = Some(format!("2026-08-{:02}", part));
    meta.series = Some(Series {
        name: "Still Water".into(),
        part: Some(part),
        total: Some(PARTS),
    });
    meta.source = Some("Northwind Press".into());
    let sentence = "The keepers walked the old road at dawn, counting the stones that the water had left behind, and wrote each one down. ";
    for i in 0..40 {
        if i == 5 {
            article.body.push(Block::PullQuote {
                content: vec![Inline::text(
                    "We can put a name to almost every foundation down here.",
                )],
                attribution: Some(Attribution {
                    name: "Ingrid Saether".into(),
                    title: Some("County archivist".into()),
                }),
            });
        }
        if i == 2 {
            article.body.push(Block::Figure {
                src: Some(format!("photo{part}.jpg")),
                alt: Some("Stone foundations on a slope of grey mud".into()),
                caption: vec![Inline::text("What is left of the village.")],
                credit: Some("Per Vik / Northwind Press".into()),
                width: None,
                height: None,
            });
        }
        if i % 12 == 11 {
            article.body.push(Block::Heading {
                level: 2,
                content: vec![Inline::text("What the water kept")],
            });
        }
        article.body.push(Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(sentence.repeat(4))],
        });
    }
    article
}

fn photo(shade: u8) -> Vec<u8> {
    let image = RgbImage::from_fn(1600, 1000, |x, y| {
        Rgb([
            (x / 7) as u8,
            (y / 4) as u8,
            shade.wrapping_add(((x ^ y) & 31) as u8),
        ])
    });
    jpeg(image)
}

fn main() {
    let dir = std::env::temp_dir().join(format!("galley-bench-epub-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("series")).expect("a temporary folder");
    let mut inputs = Vec::new();
    for part in 1..=PARTS {
        let name = format!("series/day{part:02}.json");
        std::fs::write(dir.join(&name), to_json(&article(part))).expect("write an article");
        std::fs::write(
            dir.join(format!("series/photo{part}.jpg")),
            photo(part as u8 * 20),
        )
        .expect("write a photo");
        inputs.push(name);
    }

    let baseline = time(|| {
        for input in &inputs {
            galley(&["tree", input, "-o", "tree.json"], &dir);
        }
    });
    let epub = time(|| galley(&["epub", "series", "-o", "series.epub"], &dir));
    let size = std::fs::metadata(dir.join("series.epub")).map_or(0, |m| m.len());

    println!("10-part series, whole process, median of {ROUNDS} runs:");
    println!(
        "  galley tree x10 (baseline): {:>8.1} ms",
        baseline.as_secs_f64() * 1e3
    );
    println!(
        "  galley epub -> one EPUB:    {:>8.1} ms  ({:.2}x the baseline, {} KB)",
        epub.as_secs_f64() * 1e3,
        epub.as_secs_f64() / baseline.as_secs_f64(),
        size / 1024
    );
    let _ = std::fs::remove_dir_all(&dir);
}
