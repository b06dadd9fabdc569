//! Batch throughput: a generated archive of 1,000 articles in 100 series, converted
//! by `galley batch` at `--jobs 1` and `--jobs 2`; articles per second and peak memory.
//!
//! Each target is measured on its own: `--to tree`, `--to pdf`, `--to epub` (100
//! books of ten parts). `cargo bench --bench batch`; GALLEY_BENCH_TO=tree,epub picks
//! targets, GALLEY_BENCH_ARTICLES changes the size, GALLEY_BENCH_RUNS the number of
//! runs a figure is the best of (default 3). Figures are reported as ratios against
//! the `--jobs 1` run of the same target made in the same invocation.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

const WORDS: [&str; 48] = [
    "harbour",
    "council",
    "morning",
    "ferry",
    "timber",
    "quarry",
    "meeting",
    "river",
    "valley",
    "winter",
    "schedule",
    "school",
    "bridge",
    "station",
    "market",
    "budget",
    "reservoir",
    "village",
    "farmers",
    "residents",
    "engineers",
    "archive",
    "evening",
    "season",
    "report",
    "record",
    "inspection",
    "the",
    "the",
    "a",
    "of",
    "in",
    "and",
    "to",
    "with",
    "for",
    "said",
    "after",
    "before",
    "under",
    "over",
    "new",
    "old",
    "local",
    "long",
    "short",
    "first",
    "last",
];

/// xorshift64*, so the archive is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize
    }
}

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.next() % 16;
    let mut s = String::new();
    for i in 0..n {
        let w = WORDS[rng.next() % WORDS.len()];
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|c| c.to_ascii_uppercase()));
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// One NITF article of about 600 words, part `part` of series `series`.
fn article(rng: &mut Rng, series: usize, part: usize) -> String {
    let mut body = String::new();
    for p in 0..14 {
        if p == 6 {
            let _ = write!(body, "<hl2>{}</hl2>", sentence(rng).trim_end_matches('.'));
        }
        body.push_str("<p>");
        for _ in 0..3 {
            body.push_str(&sentence(rng));
            body.push(' ');
        }
        body.push_str("</p>\n");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><docdata><doc-id id-string="bench-{series}-{part}"/>
<series series.name="Bench Series {series}" series.part="{part}" series.totalpart="10"/>
<date.issue norm="2026-03-{day:02}"/></docdata></head>
<body><body.head><hedline><hl1>Day {part}: {headline}</hl1></hedline>
<byline><person>Reporter {series}</person></byline></body.head>
<body.content>{body}</body.content></body></nitf>
"#,
        day = 1 + part,
        headline = sentence(rng).trim_end_matches('.'),
    )
}

fn generate(dir: &Path, articles: usize) {
    let _ = std::fs::remove_dir_all(dir);
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for i in 0..articles {
        let (series, part) = (i / 10, i % 10 + 1);
        let folder = dir.join(format!("series-{series:03}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("part-{part:02}.xml")),
            article(&mut rng, series, part),
        )
        .unwrap();
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let articles: usize = std::env::var("GALLEY_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let runs: usize = std::env::var("GALLEY_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3)
        .max(1);
    let targets = std::env::var("GALLEY_BENCH_TO").unwrap_or_else(|_| "tree,pdf,epub".into());
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-batch");
    let archive = root.join("archive");
    generate(&archive, articles);
    println!(
        "batch: {articles} articles in {} series, best of {runs}",
        articles.div_ceil(10)
    );
    for to in targets.split(',') {
        // Runs alternate between --jobs 1 and 2, so that load from elsewhere on
        // the machine falls on both alike; each figure is the best of its runs.
        let mut best: [Option<(Duration, u64)>; 2] = [None, None];
        for _ in 0..runs {
            for (slot, jobs) in [1, 2].into_iter().enumerate() {
                let (time, peak) = common::batch(&archive, &root.join("out"), jobs, to);
                let entry = best[slot].get_or_insert((time, peak));
                *entry = (entry.0.min(time), entry.1.max(peak));
            }
        }
        let [Some((base_time, base_peak)), Some(two)] = best else {
            unreachable!("runs is at least 1")
        };
        for (jobs, (time, peak)) in [(1, (base_time, base_peak)), (2, two)] {
            let rate = articles as f64 / time.as_secs_f64();
            let base_rate = articles as f64 / base_time.as_secs_f64();
            println!(
                "  --to {to:<4} --jobs {jobs}: {rate:>8.1} articles/s ({:.2}x the --jobs 1 rate), {:.2} s, peak memory {:.1} MiB ({:.2}x)",
                rate / base_rate,
                time.as_secs_f64(),
                peak as f64 / 1024.0,
                peak as f64 / base_peak as f64
            );
        }
    }
}
