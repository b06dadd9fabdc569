//! Helpers for the tests: the product's text engine ([`engine`]), runners
//! for poppler and qpdf, and a seeded random source for property tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// The product's text engine with the built-in fonts.
pub fn engine() -> galley::pdf::Engine {
    galley::pdf::Engine::builtin()
}

/// Runs a poppler or qpdf tool on a file; fails clearly when it is missing.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("`{name}` is needed for this test (apt-get install poppler-utils qpdf): {e}")
    });
    assert!(
        out.status.success() || name == "qpdf",
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// Writes bytes to a fresh file under the target directory and returns its path.
pub fn write_temp(name: &str, bytes: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pdf-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The words of a text, lower case, without punctuation.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| w.trim_matches(['\'', '\u{2019}']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// What the frame shows of a story's pull quotes: how many are placed,
/// and each place that breaks a designer's rule (checked here from the
/// frame alone): fewer than 3 body lines above or below it in a column it
/// covers, two in one column, a hyphen above it where the text jumps it,
/// the text turning the page across it, the paragraph it repeats (the one
/// holding its words) level with it in its or a neighbouring column or
/// directly above it.
pub fn quote_faults(
    doc: &galley::backend::Document,
    style: &galley::style::Style,
    l: &galley::pdf::Layout,
) -> (usize, Vec<String>) {
    use galley::model::{plain_text, Block};
    use galley::pdf::frame::{Role, Shape, Source};
    use std::collections::{BTreeMap, BTreeSet};
    let grid = galley::pdf::grid::Grid::new(style);
    let sources: BTreeMap<usize, Vec<usize>> = doc
        .article
        .body
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::PullQuote { content, .. } => Some((i, words_of(&plain_text(content)))),
            _ => None,
        })
        .map(|(i, quote)| {
            let holding = doc
                .article
                .body
                .iter()
                .enumerate()
                .filter_map(|(j, b)| match b {
                    Block::Paragraph { content, .. } => {
                        let para = words_of(&plain_text(content));
                        let holds = para.windows(quote.len()).any(|w| w == quote.as_slice());
                        holds.then_some(j)
                    }
                    _ => None,
                });
            (i, holding.collect())
        })
        .collect();
    let col_of = |x: f32| {
        grid.columns
            .iter()
            .position(|(cx, cw)| x >= cx - 0.5 && x < cx + cw)
    };
    let mut placed = 0;
    let mut faults = Vec::new();
    for (p, page) in l.frames.pages.iter().enumerate() {
        let mut boxes: BTreeMap<usize, (f32, f32, f32, f32)> = BTreeMap::new();
        for i in page.items.iter().filter(|i| i.role == Role::PullQuote) {
            if let (Shape::Rule { from, to, .. }, Source::Block(b)) = (&i.shape, i.source) {
                let e = boxes
                    .entry(b)
                    .or_insert((f32::MAX, f32::MAX, f32::MIN, f32::MIN));
                *e = (
                    e.0.min(from.x),
                    e.1.min(from.y),
                    e.2.max(to.x),
                    e.3.max(to.y),
                );
            }
        }
        let body: Vec<_> = page
            .items
            .iter()
            .filter(|i| i.role.flows())
            .filter_map(|i| Some((i.text_at()?, i.line()?, i.source)))
            .collect();
        let mut taken = BTreeSet::new();
        for (block, (x0, y0, x1, y1)) in boxes {
            placed += 1;
            let at = format!("{} quote #{block} on page {}", style.name, p + 1);
            let covered: Vec<usize> = (0..grid.columns.len())
                .filter(|&c| {
                    let (cx, cw) = grid.columns[c];
                    x1.min(cx + cw) - x0.max(cx) > 1.0
                })
                .collect();
            let src = sources.get(&block).cloned().unwrap_or_default();
            let of_source = |s: Source| matches!(s, Source::Block(b) if src.contains(&b));
            for &c in &covered {
                if !taken.insert(c) {
                    faults.push(format!("{at}: two quotes in column {}", c + 1));
                }
                let (cx, cw) = grid.columns[c];
                let col: Vec<_> = body
                    .iter()
                    .filter(|(a, ..)| col_of(a.x) == Some(c))
                    .collect();
                let above: Vec<_> = col.iter().filter(|(a, ..)| a.y < y0).collect();
                let below = col.iter().filter(|(a, ..)| a.y > y1).count();
                if above.len() < 3 || below < 3 {
                    faults.push(format!(
                        "{at}: {} lines above, {below} below in column {}",
                        above.len(),
                        c + 1
                    ));
                }
                let last = above.iter().max_by(|a, b| a.0.y.total_cmp(&b.0.y));
                let whole = x0 <= cx + 1.0 && x1 >= cx + cw - 1.0;
                if whole && last.is_some_and(|(_, line, _)| line.hyphenated) {
                    faults.push(format!("{at}: a hyphen across it in column {}", c + 1));
                }
                if last.is_some_and(|(_, _, s)| of_source(*s)) {
                    faults.push(format!("{at}: directly after its source"));
                }
                if below == 0 && p + 1 < l.frames.pages.len() {
                    faults.push(format!("{at}: the page turns across it"));
                }
            }
            let near = |c: usize| covered.iter().any(|&k| k.abs_diff(c) <= 1);
            let beside = body.iter().any(|(a, _, s)| {
                of_source(*s) && a.y >= y0 && a.y <= y1 && col_of(a.x).is_some_and(near)
            });
            if beside {
                faults.push(format!("{at}: beside its source"));
            }
        }
    }
    (placed, faults)
}
