//! Page proofs, timed against baselines measured in the same run:
//! - one proof, whole process (`galley pdf`), of a generated 1,000-word NITF
//!   article with a 1200 × 800 JPEG, against typst 0.15 compiling the same
//!   article written as typst markup (same page size, margins, five columns,
//!   fonts and sizes; `pip install typst==0.15.2`, run from Python, so its
//!   start-up is counted as galley's is); skipped, saying so, without typst;
//! - the same article without its photo, and the seed article, so the cost
//!   of each part shows;
//! - `galley batch --to pdf` over 120 such articles with photos at `--jobs 1`
//!   and `--jobs 2`: proofs per second and peak memory, and the peak for 40
//!   articles beside it (memory should not grow with the batch).
//!
//! Run with `cargo bench --bench pdf`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{galley, jpeg, ms, time, ROUNDS};
use image::{Rgb, RgbImage};

const WORDS: usize = 1000;
const BATCH: usize = 120;

/// Invented sentences; an article takes them in turn from `n` on.
const SENTENCES: [&str; 8] = [
    "The harbour board met in the old customs house on Tuesday evening to hear what the winter had done to the north pier.",
    "Engineers from the county told the board that seven of the oak piles had split below the waterline and two more were soft to the core.",
    "Fishermen who land their catch at the pier said they had moved their boats to the south quay, where the water is shallower.",
    "The board agreed to close the outer half of the pier until divers have inspected every pile, a survey of about three weeks.",
    "A temporary landing stage will be floated beside the fish hall so that the morning boats can still unload before the auction.",
    "Members asked how the repair would be paid for, and the treasurer said the reserve would cover the survey but not the rebuilding.",
    "The county has offered a loan at a low rate if the board can show a plan before the end of the financial year.",
    "Residents asked that the pier stay open to walkers on summer evenings, as it has been for a hundred years.",
];

/// The article's paragraphs: about `WORDS` words in paragraphs of two to four sentences.
fn paragraphs(n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let (mut words, mut i) = (0, n);
    while words < WORDS {
        let take = 2 + i % 3;
        let p: Vec<&str> = (0..take)
            .map(|k| SENTENCES[(i + k) % SENTENCES.len()])
            .collect();
        let p = p.join(" ");
        words += p.split_whitespace().count();
        out.push(p);
        i += take;
    }
    out
}

const HEADLINE: &str = "Harbour board closes half of the north pier while divers survey every pile";

/// The article as NITF, with or without its photo.
fn nitf(n: usize, photo: bool) -> String {
    let body: String = paragraphs(n)
        .iter()
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    let media = if photo {
        "<media media-type=\"image\"><media-reference source=\"photo.jpg\"/>\
         <media-caption>The north pier at low tide.</media-caption>\
         <media-producer>Eli Dahl</media-producer></media>"
    } else {
        ""
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf><head><title>Pier {n}</title>\
         <docdata><date.issue norm=\"20260314T061500Z\"/></docdata></head><body><body.head>\
         <hedline><hl1>{HEADLINE}</hl1></hedline><byline>By Tora Vik</byline></body.head>\
         <body.content>{media}\n{body}</body.content></body></nitf>\n"
    )
}

/// The same article in typst markup, on the tabloid page: 280 × 430 mm,
/// margins 16/16/12/12 mm, five columns with a 4.5 mm gutter, the headline
/// in Charis SIL 56 pt across the columns, the photo over three columns, the
/// body justified in Charis SIL 10.6 pt on 12.5 pt lines, hyphenated.
fn typst_markup(photo: bool) -> String {
    let mut out = String::from(
        "#set page(width: 280mm, height: 430mm, margin: (top: 16mm, bottom: 16mm, x: 12mm), columns: 5)\n\
         #set columns(gutter: 4.5mm)\n\
         #set text(font: \"Charis SIL\", size: 10.6pt, lang: \"en\", hyphenate: true)\n\
         #set par(justify: true, leading: 12.5pt - 0.75em, first-line-indent: 10.6pt, spacing: 12.5pt - 0.75em)\n",
    );
    out.push_str(&format!(
        "#place(top, scope: \"parent\", float: true)[#text(size: 56pt, weight: \"bold\")[{HEADLINE}] \\ \
         #text(font: \"Noto Sans\", size: 9pt)[By Tora Vik]]\n"
    ));
    if photo {
        out.push_str(
            "#place(top + right, scope: \"parent\", float: true)[#box(width: 60%)[#image(\"photo.jpg\", width: 100%) \
             #text(font: \"Noto Sans\", size: 9pt)[The north pier at low tide. Eli Dahl]]]\n",
        );
    }
    for p in paragraphs(0) {
        out.push_str(&p);
        out.push_str("\n\n");
    }
    out
}

fn photo() -> Vec<u8> {
    let image = RgbImage::from_fn(1200, 800, |x, y| {
        Rgb([(x / 5) as u8, (y / 4) as u8, ((x ^ y) & 63) as u8])
    });
    jpeg(image)
}

/// typst's compile, run from Python; `None` when typst is not installed.
fn typst(dir: &Path, input: &str) -> Option<std::time::Duration> {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let script = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])";
    let run = || {
        Command::new("python3")
            .args(["-c", script, input, "typst.pdf"])
            .arg(&fonts)
            .current_dir(dir)
            .output()
            .ok()
            .filter(|o| o.status.success())
    };
    run()?;
    Some(time(|| {
        run().expect("typst compiles");
    }))
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("galley-bench-pdf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let jpeg = photo();
    std::fs::write(dir.join("photo.jpg"), &jpeg).expect("write the photo");
    std::fs::write(dir.join("article.xml"), nitf(0, true)).expect("write the article");
    std::fs::write(dir.join("bare.xml"), nitf(0, false)).expect("write the article");
    std::fs::write(dir.join("article.typ"), typst_markup(true)).expect("write the markup");
    std::fs::write(dir.join("bare.typ"), typst_markup(false)).expect("write the markup");

    println!(
        "One {WORDS}-word NITF article to a finished proof, whole process, median of {ROUNDS} runs:"
    );
    let with_photo = time(|| galley(&["pdf", "article.xml", "-o", "proof.pdf"], &dir));
    let bare = time(|| galley(&["pdf", "bare.xml", "-o", "bare.pdf"], &dir));
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_044c6c402c803a03.txt");
    let seed = seed
        .exists()
        .then(|| time(|| galley(&["pdf", &seed.to_string_lossy(), "-o", "seed.pdf"], &dir)));
    let versus = |label: &str, ours: std::time::Duration, theirs: Option<std::time::Duration>| {
        match theirs {
        Some(t) => println!(
            "  {label:<28} galley {:>7.1} ms, typst {:>7.1} ms: {:.2}x typst",
            ms(ours),
            ms(t),
            ours.as_secs_f64() / t.as_secs_f64()
        ),
        None => println!(
            "  {label:<28} galley {:>7.1} ms (typst not installed: `pip install typst==0.15.2` to compare)",
            ms(ours)
        ),
    }
    };
    versus(
        "with a 1200x800 JPEG:",
        with_photo,
        typst(&dir, "article.typ"),
    );
    versus("without the photo:", bare, typst(&dir, "bare.typ"));
    match seed {
        Some(t) => println!("  {:<28} galley {:>7.1} ms", "the seed article:", ms(t)),
        None => println!("  the seed article: not found beside the checkout; skipped"),
    }

    // A batch of proofs with photos, at one and two jobs.
    println!("galley batch --to pdf, {BATCH} articles with photos, best of 3:");
    let mut peaks = Vec::new();
    for count in [40, BATCH] {
        let archive = dir.join(format!("archive-{count}"));
        for n in 0..count {
            let folder = archive.join(format!("story-{n:03}"));
            std::fs::create_dir_all(&folder).expect("a story folder");
            std::fs::write(folder.join("photo.jpg"), &jpeg).expect("write the photo");
            std::fs::write(folder.join("story.xml"), nitf(n, true)).expect("write the article");
        }
        let mut best = [None, None];
        for _ in 0..3 {
            for (slot, jobs) in [1usize, 2].into_iter().enumerate() {
                let (t, peak) = common::batch(&archive, &dir.join("out"), jobs, "pdf");
                let entry = best[slot].get_or_insert((t, peak));
                *entry = (entry.0.min(t), entry.1.max(peak));
            }
        }
        let [Some(one), Some(two)] = best else {
            unreachable!("three runs were made")
        };
        peaks.push((count, one.1, two.1));
        if count == BATCH {
            for (jobs, (t, peak)) in [(1, one), (2, two)] {
                println!(
                    "  --jobs {jobs}: {:>6.1} proofs/s ({:.2} s), peak memory {:.1} MiB",
                    count as f64 / t.as_secs_f64(),
                    t.as_secs_f64(),
                    peak as f64 / 1024.0
                );
            }
        }
    }
    for (count, one, two) in &peaks {
        println!(
            "  peak memory with {count:>3} articles: {:.1} MiB at --jobs 1, {:.1} MiB at --jobs 2",
            *one as f64 / 1024.0,
            *two as f64 / 1024.0
        );
    }
    // GALLEY_BENCH_KEEP=1 leaves the articles and photos for profiling.
    if std::env::var_os("GALLEY_BENCH_KEEP").is_some() {
        println!("inputs kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
