//! A 10-part series to one EPUB, whole process: generates ten invented articles
//! (tree JSON, each with a 1600×1000 photo), then times `galley epub` on them
//! against baselines measured in the same run: `galley tree` over the same ten
//! inputs (one process each, as that command reads one article), and pandoc 3
//! making one EPUB of the same articles written as Markdown with the same
//! photos. pandoc is `$PANDOC`, else `pandoc` on the path, else the binary of
//! `pip install pypandoc-binary`; without one the comparison is skipped, saying so.
//!
//! Run with `cargo bench --bench epub` (`GALLEY_BENCH_KEEP=1` keeps the inputs).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// The same article as pandoc Markdown: kicker and headline, byline, the
/// photo with its alt text, caption and credit, the pull quote, subheads.
fn markdown(article: &Article) -> String {
    let meta = &article.meta;
    let mut md = format!(
        "# {}: {}\n\n",
        meta.kicker.as_deref().unwrap_or(""),
        meta.headline
    );
    for byline in &meta.bylines {
        md.push_str(&format!("By {}\n\n", byline.name));
    }
    for block in &article.body {
        match block {
            Block::Paragraph { content, .. } => {
                md.push_str(&plain_text(content));
                md.push_str("\n\n");
            }
            Block::Heading { content, .. } => {
                md.push_str(&format!("## {}\n\n", plain_text(content)));
            }
            Block::PullQuote {
                content,
                attribution,
            } => {
                md.push_str(&format!("> {}\n>\n", plain_text(content)));
                if let Some(who) = attribution {
                    md.push_str(&format!(
                        "> — {}, {}\n",
                        who.name,
                        who.title.as_deref().unwrap_or("")
                    ));
                }
                md.push('\n');
            }
            Block::Figure {
                src,
                alt,
                caption,
                credit,
                ..
            } => {
                md.push_str(&format!(
                    "![{} {}]({}){{alt=\"{}\"}}\n\n",
                    plain_text(caption),
                    credit.as_deref().unwrap_or(""),
                    src.as_deref().unwrap_or(""),
                    alt.as_deref().unwrap_or("")
                ));
            }
            _ => {}
        }
    }
    md
}

/// pandoc: `$PANDOC`, on the path, or pypandoc-binary's.
fn find_pandoc() -> Option<PathBuf> {
    let runs = |path: &Path| {
        Command::new(path)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let from_env = std::env::var_os("PANDOC").map(PathBuf::from);
    let from_pip = Command::new("python3")
        .args(["-c", "import pypandoc; print(pypandoc.get_pandoc_path())"])
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    [from_env, Some(PathBuf::from("pandoc")), from_pip]
        .into_iter()
        .flatten()
        .find(|p| runs(p))
}

fn pandoc_version(pandoc: &Path) -> String {
    Command::new(pandoc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|v| v.lines().next().map(str::to_string))
        .unwrap_or_default()
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
    let mut markdown_inputs = Vec::new();
    for part in 1..=PARTS {
        let name = format!("series/day{part:02}.json");
        std::fs::write(dir.join(&name), to_json(&article(part))).expect("write an article");
        let md = format!("series/day{part:02}.md");
        std::fs::write(dir.join(&md), markdown(&article(part))).expect("write Markdown");
        markdown_inputs.push(md);
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
    // The Markdown is not in the folder galley reads: it takes only its own formats.
    let epub = time(|| galley(&["epub", "series", "-o", "series.epub"], &dir));
    let size = std::fs::metadata(dir.join("series.epub")).map_or(0, |m| m.len());
    let pandoc = find_pandoc().map(|path| {
        let run = || {
            let status = Command::new(&path)
                .args(&markdown_inputs)
                .args([
                    "-o",
                    "pandoc.epub",
                    "--resource-path=series",
                    "--metadata",
                    "title=Still Water",
                    "--metadata",
                    "lang=en",
                ])
                .current_dir(&dir)
                .stderr(Stdio::null())
                .status()
                .expect("pandoc runs");
            assert!(status.success(), "pandoc failed");
        };
        let elapsed = time(run);
        let size = std::fs::metadata(dir.join("pandoc.epub")).map_or(0, |m| m.len());
        (pandoc_version(&path), elapsed, size)
    });

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
    match pandoc {
        Some((version, elapsed, pandoc_size)) => println!(
            "  {version} -> one EPUB:  {:>8.1} ms  (galley takes {:.3}x pandoc's time, {} KB)",
            elapsed.as_secs_f64() * 1e3,
            epub.as_secs_f64() / elapsed.as_secs_f64(),
            pandoc_size / 1024
        ),
        None => println!(
            "  pandoc: not found ($PANDOC, pandoc on the path, or `pip install pypandoc-binary`); comparison skipped"
        ),
    }
    // GALLEY_BENCH_KEEP=1 keeps the articles, for a profiler or a look.
    if std::env::var_os("GALLEY_BENCH_KEEP").is_some() {
        println!("  inputs kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
