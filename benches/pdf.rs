//! Page proofs, timed against baselines measured in the same run:
//! - one ~900-word article with a 1600×1000 photo to a finished proof, whole
//!   process (`galley pdf`), against `galley tree` of the same input;
//! - 100 such articles in one process through the library (read, lay out,
//!   emit), against reading them and writing their trees in the same process.
//!
//! Run with `cargo bench --bench pdf`.

mod common;

use std::collections::BTreeMap;

use common::{galley, jpeg, ms, time, ROUNDS};
use galley::backend::Document;
use galley::model::*;
use galley::pdf::{render, Engine, PdfOptions};
use galley::read::{read, ReadOptions};
use galley::style::Style;
use image::{Rgb, RgbImage};

const MANY: usize = 100;

/// An invented article of about 900 words with a photo and a pull quote.
fn article(n: usize) -> Article {
    let mut article = Article::new();
    let meta = &mut article.meta;
    meta.headline = format!("Harbour board votes to rebuild the north pier, plan {n}");
    meta.kicker = Some("Lomvik".into());
    meta.bylines = vec![Byline {
        name: "Tora Vik".into(),
        title: None,
        org: Some("Lomvik Post".into()),
    }];
    meta.date = Some("2026-05-04".into());
    article.body.push(Block::Figure {
        src: Some("pier.jpg".into()),
        alt: None,
        caption: vec![Inline::text(
            "The north pier at low tide, its timbers split.",
        )],
        credit: Some("Eli Dahl / Lomvik Post".into()),
        width: None,
        height: None,
    });
    let sentence = "The board heard from fishermen, ferry crews and the harbour master before it agreed to spend the reserve on new piles and decking. ";
    for i in 0..30 {
        if i == 6 {
            article.body.push(Block::PullQuote {
                content: vec![Inline::text("A pier is only as good as its worst pile.")],
                attribution: Some(Attribution {
                    name: "Arne Sollid".into(),
                    title: Some("Harbour master".into()),
                }),
            });
        }
        article.body.push(Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(sentence.repeat(1 + i % 2))],
        });
    }
    article
}

fn photo() -> Vec<u8> {
    let image = RgbImage::from_fn(1600, 1000, |x, y| {
        Rgb([(x / 7) as u8, (y / 4) as u8, ((x ^ y) & 63) as u8])
    });
    jpeg(image)
}

fn main() {
    let dir = std::env::temp_dir().join(format!("galley-bench-pdf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let jpeg = photo();
    std::fs::write(dir.join("article.json"), to_json(&article(0))).expect("write the article");
    std::fs::write(dir.join("pier.jpg"), &jpeg).expect("write the photo");

    let tree = time(|| galley(&["tree", "article.json", "-o", "tree.json"], &dir));
    let pdf = time(|| galley(&["pdf", "article.json", "-o", "proof.pdf"], &dir));
    println!("One article to a finished proof, whole process, median of {ROUNDS} runs:");
    println!("  galley tree (baseline): {:>8.1} ms", ms(tree));
    println!(
        "  galley pdf:             {:>8.1} ms  ({:.1}x the baseline)",
        ms(pdf),
        pdf.as_secs_f64() / tree.as_secs_f64()
    );

    // 100 articles in one process, through the library.
    let inputs: Vec<Vec<u8>> = (0..MANY)
        .map(|n| to_json(&article(n)).into_bytes())
        .collect();
    let options = ReadOptions::default();
    let read_tree = time(|| {
        for bytes in &inputs {
            let reading = read(bytes, &options).expect("the article reads");
            std::hint::black_box(to_json(&reading.article));
        }
    });
    let style = Style::builtin("tabloid").expect("the built-in style");
    let engine = Engine::builtin();
    let mut pages = 0;
    let proofs = time(|| {
        pages = 0;
        for (n, bytes) in inputs.iter().enumerate() {
            let reading = read(bytes, &options).expect("the article reads");
            let mut doc = Document::new(reading.article, format!("article{n}.json"));
            doc.media = BTreeMap::from([("pier.jpg".to_string(), Ok(jpeg.clone()))]);
            let proof = render(&doc, &style, &engine, &engine, &PdfOptions::default())
                .expect("the proof renders");
            pages += proof.report.pages;
            std::hint::black_box(proof.output.bytes);
        }
    });
    println!("{MANY} articles in one process, median of {ROUNDS} runs:");
    println!("  read + tree JSON (baseline): {:>8.1} ms", ms(read_tree));
    println!(
        "  read + proof PDF:            {:>8.1} ms  ({:.0}x the baseline, {:.1} ms an article, {pages} pages)",
        ms(proofs),
        proofs.as_secs_f64() / read_tree.as_secs_f64(),
        ms(proofs) / MANY as f64
    );
    let _ = std::fs::remove_dir_all(&dir);
}
