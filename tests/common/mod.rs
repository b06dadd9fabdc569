//! Helpers for the PDF tests: the real engine ([`engine`]); a test double
//! ([`GreedyDouble`]: greedy breaking, ttf-parser advances, NOT the product's
//! text engine) for tests that need line breaks they can predict; and runners
//! for poppler and qpdf.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

use galley::diag::Warning;
use galley::pdf::setter::{FaceSpec, FontData, LineSetter, SetLines, StyledParagraph};
use galley::style::Align;
use galley::typeset::{FaceId, Glyph, Line, Run};

/// Font files by face id: Charis SIL R, B, I, BI; Noto Sans R, I, B.
pub const FACES: &[&str] = &[
    "CharisSIL-Regular.ttf",
    "CharisSIL-Bold.ttf",
    "CharisSIL-Italic.ttf",
    "CharisSIL-BoldItalic.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-Bold.ttf",
];

/// The project's fonts and a greedy line setter over them.
pub struct GreedyDouble {
    pub data: Vec<Vec<u8>>,
}

impl GreedyDouble {
    pub fn load() -> GreedyDouble {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let data = FACES
            .iter()
            .map(|f| std::fs::read(dir.join(f)).expect("project font"))
            .collect();
        GreedyDouble { data }
    }

    fn face_of(&self, spec: &FaceSpec) -> FaceId {
        let id = match (spec.family.as_str(), spec.bold, spec.italic) {
            ("Charis SIL", false, false) => 0,
            ("Charis SIL", true, false) => 1,
            ("Charis SIL", false, true) => 2,
            ("Charis SIL", true, true) => 3,
            (_, false, false) => 4,
            (_, false, true) => 5,
            (_, true, _) => 6,
        };
        FaceId(id)
    }
}

impl FontData for GreedyDouble {
    fn font_data(&self, face: FaceId) -> Option<&[u8]> {
        self.data.get(face.0 as usize).map(|d| d.as_slice())
    }
}

struct Piece {
    face: FaceId,
    size: f32,
    glyph: u16,
    advance: f32,
    text: String,
    space: bool,
}

impl LineSetter for GreedyDouble {
    fn set(&self, paragraph: &StyledParagraph, widths: &[f32]) -> SetLines {
        let mut warnings = Vec::new();
        // Words as runs of pieces; spaces separate them.
        let mut words: Vec<Vec<Piece>> = vec![Vec::new()];
        let mut spaces: Vec<Option<Piece>> = Vec::new();
        for span in &paragraph.spans {
            let face = self.face_of(&span.face);
            let parsed = ttf_parser::Face::parse(&self.data[face.0 as usize], 0).expect("font");
            let upem = parsed.units_per_em() as f32;
            for c in span.text.chars() {
                let c = if c == '\n' { ' ' } else { c };
                let glyph = match parsed.glyph_index(c) {
                    Some(g) => g.0,
                    None => {
                        warnings.push(Warning::new(format!("no glyph for {c:?}")));
                        0
                    }
                };
                let advance = parsed
                    .glyph_hor_advance(ttf_parser::GlyphId(glyph))
                    .unwrap_or(0) as f32
                    * span.size
                    / upem;
                let piece = Piece {
                    face,
                    size: span.size,
                    glyph,
                    advance,
                    text: c.to_string(),
                    space: c == ' ',
                };
                if piece.space {
                    if !words.last().is_some_and(|w| w.is_empty()) {
                        spaces.push(Some(piece));
                        words.push(Vec::new());
                    }
                } else {
                    words.last_mut().unwrap().push(piece);
                }
            }
        }
        if words.last().is_some_and(|w| w.is_empty()) {
            words.pop();
            spaces.pop();
        }
        let width_of = |w: &Vec<Piece>| w.iter().map(|p| p.advance).sum::<f32>();
        // Greedy breaking.
        let mut lines_idx: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let measure = widths
                .get(lines_idx.len())
                .or(widths.last())
                .copied()
                .unwrap_or(100.0)
                - if lines_idx.is_empty() {
                    paragraph.first_indent
                } else {
                    0.0
                };
            let mut end = start + 1;
            let mut w = width_of(&words[start]);
            while end < words.len() {
                let sp = spaces[end - 1].as_ref().map_or(0.0, |s| s.advance);
                let next = w + sp + width_of(&words[end]);
                if next > measure {
                    break;
                }
                w = next;
                end += 1;
            }
            lines_idx.push((start, end));
            start = end;
        }
        let count = lines_idx.len();
        let lines = lines_idx
            .into_iter()
            .enumerate()
            .map(|(i, (s, e))| {
                let indent = if i == 0 { paragraph.first_indent } else { 0.0 };
                let measure = widths.get(i).or(widths.last()).copied().unwrap_or(100.0);
                let natural: f32 = (s..e).map(|j| width_of(&words[j])).sum::<f32>()
                    + (s..e.saturating_sub(1))
                        .map(|j| spaces[j].as_ref().map_or(0.0, |p| p.advance))
                        .sum::<f32>();
                let gaps = (e - s).saturating_sub(1) as f32;
                let space_width = spaces
                    .get(s)
                    .and_then(|p| p.as_ref())
                    .map_or(3.0, |p| p.advance);
                let room = measure - indent - natural;
                let last = i + 1 == count;
                let (start_x, extra) = match paragraph.align {
                    Align::Justify if !last && gaps > 0.0 => (indent, room / gaps),
                    Align::Center => (indent + room / 2.0, 0.0),
                    Align::Right => (indent + room, 0.0),
                    _ => (indent, 0.0),
                };
                let mut x = start_x;
                let mut runs: Vec<Run> = Vec::new();
                let push = |p: &Piece, x: f32, advance: f32, runs: &mut Vec<Run>| {
                    let g = Glyph {
                        id: p.glyph,
                        x,
                        advance,
                        text: p.text.clone(),
                    };
                    match runs.last_mut() {
                        Some(r) if r.face == p.face && r.size == p.size => r.glyphs.push(g),
                        _ => runs.push(Run {
                            face: p.face,
                            size: p.size,
                            glyphs: vec![g],
                        }),
                    }
                };
                for j in s..e {
                    for p in &words[j] {
                        push(p, x, p.advance, &mut runs);
                        x += p.advance;
                    }
                    if j + 1 < e {
                        if let Some(sp) = &spaces[j] {
                            push(sp, x, sp.advance + extra, &mut runs);
                            x += sp.advance + extra;
                        }
                    }
                }
                Line {
                    runs,
                    measure,
                    width: x - start_x + indent,
                    // Each space may stretch by half its width.
                    ratio: if extra > 0.0 {
                        extra / (space_width * 0.5)
                    } else {
                        0.0
                    },
                    hyphenated: false,
                }
            })
            .collect();
        SetLines { lines, warnings }
    }

    fn is_loose(&self, line: &Line) -> bool {
        line.ratio > 1.0
    }
}

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
