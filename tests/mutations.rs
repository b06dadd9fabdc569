//! Property test: no input makes a reader panic or run long. Every reader case,
//! example and bad input is mutated many ways (truncated, bytes flipped, pieces
//! repeated or spliced from other inputs) with a fixed seed, so a failure reproduces.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;

use common::Rng;
use galley::read::{read, Format, ReadOptions};

fn corpus() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.metadata().map(|m| m.len() < 200_000).unwrap_or(false) {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if matches!(ext, "xml" | "txt" | "json" | "tree" | "nitf") {
                    out.push(path);
                }
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("tests/read"), &mut files);
    walk(&root.join("examples"), &mut files);
    files.sort();
    files
}

/// Pieces that stress readers when spliced in.
const SPLICES: [&[u8]; 12] = [
    b"<block><block><block>",
    b"</body.content>",
    b"&undefined;",
    b"&#xD800;",
    b"&#99999999;",
    b"<!DOCTYPE nitf [<!ENTITY a \"aaaaaaaa\">]>",
    b"]]><![CDATA[",
    b"\xFF\xFE",
    b"\n\n\xE2\x80\x9C",
    b"Day 99 \xE2\x80\x93 ",
    b"{\"type\":\"container\",\"body\":[",
    b" - Name / Agency\n\nBy A and B\n",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 => bytes.truncate(at),
            1 => {
                if at < bytes.len() {
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            2 => {
                let splice = SPLICES[rng.below(SPLICES.len())];
                bytes.splice(at..at, splice.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                for _ in 0..rng.below(50) {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                let from = rng.below(other.len());
                let end = (from + rng.below(200)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let end = (at + rng.below(100)).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

#[test]
fn mutated_inputs_never_panic_or_hang() {
    let files = corpus();
    assert!(!files.is_empty(), "no corpus found");
    let inputs: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let rounds: usize = std::env::var("GALLEY_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let formats = [
        None,
        Some(Format::Nitf),
        Some(Format::Wire),
        Some(Format::Json),
    ];
    let mut slowest = (Duration::ZERO, String::new());
    for (i, input) in inputs.iter().enumerate() {
        for round in 0..rounds {
            let other = &inputs[rng.below(inputs.len())];
            let bytes = mutate(&mut rng, input, other);
            let options = ReadOptions {
                format: formats[round % formats.len()],
                ..ReadOptions::default()
            };
            let started = Instant::now();
            let outcome = std::panic::catch_unwind(|| read(&bytes, &options));
            let took = started.elapsed();
            if outcome.is_err() {
                let dump = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutation-panic.bin");
                std::fs::write(&dump, &bytes).unwrap();
                panic!(
                    "reader panicked on a mutation of {} (round {round}); input saved to {}",
                    files[i].display(),
                    dump.display()
                );
            }
            if took > slowest.0 {
                slowest = (took, format!("{} round {round}", files[i].display()));
            }
        }
    }
    // Generous: a debug build on a loaded 2-core machine; a hang would take far longer.
    assert!(
        slowest.0 < Duration::from_secs(5),
        "slowest mutation took {:?}: {}",
        slowest.0,
        slowest.1
    );
}
