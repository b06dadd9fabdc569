//! Throughput and quality of the text engine on the seed article's body:
//! 144 pt (12 pica) column, 9.5 pt Charis SIL, Knuth–Plass against greedy.
//! Run with `cargo bench --bench typeset`.

#[path = "../tests/typeset/seed.rs"]
mod seed;

use std::time::Instant;

use galley::model::Inline;
use galley::typeset::{
    set_paragraph, Algorithm, Family, FontBook, Language, Line, Paragraph, Settings,
};

fn percentile(sorted: &[f32], p: f64) -> f32 {
    if sorted.is_empty() {
        return f32::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Gaps between glyphs wider than a sixth of an em: the word spaces, in points.
fn word_spaces(line: &Line) -> Vec<f32> {
    let mut out = Vec::new();
    let mut end: Option<f32> = None;
    for run in &line.runs {
        for g in &run.glyphs {
            if let Some(e) = end {
                if g.x - e > run.size / 6.0 {
                    out.push(g.x - e);
                }
            }
            end = Some(g.x + g.advance);
        }
    }
    out
}

fn main() {
    let Some(body) = seed::body_paragraphs() else {
        return;
    };
    let book = FontBook::builtin();
    let paragraphs: Vec<Paragraph> = body
        .iter()
        .map(|p| {
            Paragraph::from_inlines(
                &[Inline::text(p.clone())],
                &Family::CHARIS,
                9.5,
                Language::English,
            )
        })
        .collect();
    let words: usize = body.iter().map(|p| p.split_whitespace().count()).sum();
    println!(
        "seed body: {} paragraphs, {} words; 144 pt column, 9.5 pt Charis SIL",
        paragraphs.len(),
        words
    );
    let configs = [
        ("default settings", Algorithm::KnuthPlass, true),
        ("default settings", Algorithm::Greedy, true),
        ("no letter spacing", Algorithm::KnuthPlass, false),
        ("no letter spacing", Algorithm::Greedy, false),
    ];
    for (name, algorithm, letter_spacing) in configs {
        let defaults = Settings::default();
        let settings = Settings {
            algorithm,
            letter_spacing: defaults.letter_spacing.filter(|_| letter_spacing),
            ..defaults
        };
        let set = |p: &Paragraph| set_paragraph(&book, p, &settings, &[144.0]);
        // Warm up, then time whole passes over the body for about a second.
        let mut lines_total = 0usize;
        let started = Instant::now();
        let mut rounds = 0;
        while rounds < 3 || started.elapsed().as_secs_f64() < 1.0 {
            for p in &paragraphs {
                lines_total += set(p).lines.len();
            }
            rounds += 1;
        }
        let elapsed = started.elapsed().as_secs_f64();
        let mut ratios = Vec::new();
        let mut spaces = Vec::new();
        let mut within = 0;
        let mut counted = 0;
        let mut hyphenated = 0;
        let mut lines = 0;
        for p in &paragraphs {
            let out = set(p);
            lines += out.lines.len();
            let n = out.lines.len();
            for line in out.lines.iter().take(n.saturating_sub(1)) {
                ratios.push(line.ratio);
                counted += 1;
                within += usize::from(line.ratio.abs() <= 1.0);
                hyphenated += usize::from(line.hyphenated);
                spaces.extend(word_spaces(line));
            }
        }
        ratios.sort_by(f32::total_cmp);
        spaces.sort_by(f32::total_cmp);
        println!(
            "{algorithm:?}, {name}: {lines} lines, {hyphenated} hyphenated; {:.0} lines/s ({rounds} rounds)",
            lines_total as f64 / elapsed
        );
        println!(
            "  adjustment ratio (lines but the last of each paragraph): p50 {:.2}, p95 {:.2}, max {:.2}, min {:.2}; |r| <= 1: {:.1} %",
            percentile(&ratios, 0.5),
            percentile(&ratios, 0.95),
            ratios.last().copied().unwrap_or(f32::NAN),
            ratios.first().copied().unwrap_or(f32::NAN),
            100.0 * within as f64 / counted.max(1) as f64
        );
        println!(
            "  word space (pt; natural {:.2}): p50 {:.2}, p95 {:.2}, max {:.2}, min {:.2}",
            natural_space(&book),
            percentile(&spaces, 0.5),
            percentile(&spaces, 0.95),
            spaces.last().copied().unwrap_or(f32::NAN),
            spaces.first().copied().unwrap_or(f32::NAN),
        );
    }
}

fn natural_space(book: &FontBook) -> f32 {
    let one = galley::typeset::measure(
        book,
        &Paragraph::plain(
            "a a",
            galley::typeset::TextStyle::new(Family::CHARIS.regular, 9.5),
        ),
    );
    let two = galley::typeset::measure(
        book,
        &Paragraph::plain(
            "aa",
            galley::typeset::TextStyle::new(Family::CHARIS.regular, 9.5),
        ),
    );
    one - two
}
