//! The seed article, read at run time (never copied into the repository):
//! as galley reads it, or as the body's blank-line-separated blocks of at
//! least 20 words after the line starting "WASHINGTON", wrapped lines joined.

use std::path::PathBuf;

use galley::model::Article;
use galley::read::{read, ReadOptions};

/// The seed's path, relative to the package.
pub fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_044c6c402c803a03.txt")
}

/// The seed as galley reads it, or `None` (with a message) when it is absent.
#[allow(dead_code)] // the bench sets the blocks of `body_paragraphs` only
pub fn article() -> Option<Article> {
    let path = seed_path();
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: seed not found at {}", path.display());
        return None;
    };
    let reading = read(&bytes, &ReadOptions::default()).expect("the seed reads");
    Some(reading.article)
}

/// The body paragraphs, or `None` (with a message) when the seed is absent.
pub fn body_paragraphs() -> Option<Vec<String>> {
    let path = seed_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: seed not found at {}", path.display());
        return None;
    };
    let mut paragraphs = Vec::new();
    let mut started = false;
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, paragraphs: &mut Vec<String>| {
        let joined = current.join(" ");
        if joined.split_whitespace().count() >= 20 {
            paragraphs.push(joined.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        current.clear();
    };
    for line in text.lines() {
        let line = line.trim();
        if !started {
            if line.starts_with("WASHINGTON") {
                started = true;
            } else {
                continue;
            }
        }
        if line.is_empty() {
            flush(&mut current, &mut paragraphs);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut paragraphs);
    Some(paragraphs)
}
