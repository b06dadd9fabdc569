//! What every backend takes and gives: trees and their media in, bytes and warnings out.
//!
//! Backends do no file-system I/O: the CLI loads each article's media (refusing
//! paths outside the article's folder) and hands the bytes over here.

use std::collections::BTreeMap;

use crate::diag::Warning;
use crate::model::Article;

/// One article ready for a backend.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The tree.
    pub article: Article,
    /// Where the article came from (a file name), for slugs, ordering and messages.
    pub origin: String,
    /// Each media `src` the article names: its bytes, or why they could not be had.
    pub media: BTreeMap<String, Result<Vec<u8>, String>>,
}

impl Document {
    /// An article with no media loaded.
    pub fn new(article: Article, origin: impl Into<String>) -> Self {
        Document {
            article,
            origin: origin.into(),
            media: BTreeMap::new(),
        }
    }
}

/// A finished output file and what the backend noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Warnings, e.g. a missing image drawn as a placeholder.
    pub warnings: Vec<Warning>,
}

/// The widest or tallest image any backend decodes, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 20_000;

/// Decoding limits every backend applies: no image may claim more memory
/// than this, whatever its header says.
pub fn image_limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    limits
}

/// A decoder's message on one line: some carry newlines of their own.
pub fn image_error(e: &image::ImageError) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a print page begins in an article's body: what a proof found, for
/// page references in other renderings of the same article (an EPUB's
/// page list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct PageStart {
    /// The page of the proof, from 2 (page 1 begins with the article).
    pub page: u32,
    /// The index in the article's top-level body of the block the page
    /// begins in.
    pub block: usize,
    /// Characters (Unicode scalar values) into that block's plain text where
    /// the page begins: the first word set on the page; 0 at the block's
    /// start, and for a list or box.
    pub offset: usize,
}
