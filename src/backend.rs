//! What every backend takes and gives: trees and their media in, bytes and warnings out.
//!
//! Backends do no file-system I/O: the CLI loads each article's media (refusing
//! paths outside the article's folder) and hands the bytes over here.

use std::collections::BTreeMap;

use crate::diag::Warning;
use crate::model::{Article, Meta};

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

/// Whether a JPEG or PNG file is whole: a JPEG has its end-of-image marker
/// after its first scan, a PNG its chunks in bounds up to `IEND`. Decoders
/// fill a file cut short with grey rows and say nothing, so both backends ask
/// this first; the reason names what is missing.
pub fn check_whole(bytes: &[u8]) -> Result<(), String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut at = 2;
        while at + 4 <= bytes.len() && bytes[at] == 0xFF {
            let marker = bytes[at + 1];
            if marker == 0xDA {
                // Entropy-coded data never holds FF D9 (an FF in it is stuffed
                // with 00), so the end marker after the first scan is the end.
                return if bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]) {
                    Ok(())
                } else {
                    Err("broken JPEG: the file is cut short (no end-of-image marker)".into())
                };
            }
            if marker == 0xFF {
                at += 1;
                continue;
            }
            let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
            at += 2 + length;
        }
        return Err("broken JPEG: no image data (the file is cut short or not a JPEG)".into());
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let mut at = 8;
        while at + 8 <= bytes.len() {
            let length =
                u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
            let end = at
                .checked_add(12)
                .and_then(|a| a.checked_add(length as usize));
            match end {
                Some(end) if end <= bytes.len() => {
                    if &bytes[at + 4..at + 8] == b"IEND" {
                        return Ok(());
                    }
                    at = end;
                }
                _ => break,
            }
        }
        return Err("broken PNG: the file is cut short (no IEND chunk)".into());
    }
    Ok(())
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

/// Refuses a broken JPEG by reading its headers through the start of its
/// first scan (tables, frame, scan parameters); both backends ask it, the
/// EPUB for a photo it carries as it is, the PDF for every JPEG. The scan's
/// data is not decoded: the decoder, not strict (as the `image` crate and
/// browsers run it), reads damaged entropy-coded data as grey blocks without
/// an error, so decoding found nothing the headers and the end marker
/// ([`check_whole`]) do not, and it was a quarter of a proof's time. A kind
/// the decoder does not support (e.g. arithmetic coding) passes: the viewer
/// decodes it.
pub fn check_jpeg(bytes: &[u8]) -> Result<(), String> {
    use zune_core::bytestream::ZCursor;
    use zune_core::options::DecoderOptions;
    use zune_jpeg::errors::DecodeErrors;

    let side = MAX_IMAGE_SIDE as usize;
    let options = DecoderOptions::default()
        .set_strict_mode(false)
        .set_max_width(side)
        .set_max_height(side);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    match decoder.decode_headers() {
        Ok(()) => scan_tables(bytes),
        Err(DecodeErrors::Unsupported(_)) => Ok(()),
        Err(e) => Err(format!(
            "broken JPEG: {}",
            e.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )),
    }
}

/// Whether the quantization tables the frame names and the Huffman tables
/// the first scan names were defined before it, which the decoder checks only
/// once it decodes the scan. Files with no Huffman table at all are left to
/// the decoder (motion-JPEG frames use the standard ones), as are
/// arithmetic-coded ones.
fn scan_tables(bytes: &[u8]) -> Result<(), String> {
    // Defined Huffman tables, by class (0 DC, 1 AC) and id (0–3).
    let mut defined = [[false; 4]; 2];
    let mut quant = [false; 4];
    let mut frame_quant: Vec<usize> = Vec::new();
    let mut any = false;
    let mut sequential = true;
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let Some(body) = bytes.get(i + 4..(i + 2 + len).max(i + 4)) else {
            return Ok(());
        };
        match marker {
            0xC4 => {
                let mut at = 0;
                while at + 17 <= body.len() {
                    let (class, id) = (usize::from(body[at] >> 4), usize::from(body[at] & 15));
                    if class < 2 && id < 4 {
                        defined[class][id] = true;
                        any = true;
                    }
                    let count: usize = body[at + 1..at + 17].iter().map(|&n| usize::from(n)).sum();
                    at += 17 + count;
                }
            }
            0xDB => {
                let mut at = 0;
                while at < body.len() {
                    let id = usize::from(body[at] & 15);
                    if id < 4 {
                        quant[id] = true;
                    }
                    at += if body[at] >> 4 == 0 { 65 } else { 129 };
                }
            }
            0xC9..=0xCF if marker != 0xCC => return Ok(()),
            0xC0..=0xC7 if marker != 0xC4 => {
                sequential = !matches!(marker, 0xC2 | 0xC6);
                let components = usize::from(*body.get(5).unwrap_or(&0));
                let table = body.get(6..6 + 3 * components).unwrap_or(&[]);
                frame_quant = table.chunks_exact(3).map(|c| usize::from(c[2])).collect();
            }
            0xDA => {
                if let Some(&id) = frame_quant.iter().find(|&&id| id >= 4 || !quant[id]) {
                    return Err(format!(
                        "broken JPEG: the frame names a quantization table {id} that is not defined"
                    ));
                }
                let components = usize::from(*body.first().unwrap_or(&0));
                for c in body
                    .get(1..1 + 2 * components)
                    .unwrap_or(&[])
                    .chunks_exact(2)
                {
                    let (dc, ac) = (usize::from(c[1] >> 4), usize::from(c[1] & 15));
                    let dc_missing = dc >= 4 || !defined[0][dc];
                    let ac_missing = sequential && (ac >= 4 || !defined[1][ac]);
                    if any && (dc_missing || ac_missing) {
                        return Err(format!(
                            "broken JPEG: the scan names a Huffman {} table {} that is not defined",
                            if dc_missing { "DC" } else { "AC" },
                            if dc_missing { dc } else { ac }
                        ));
                    }
                }
                return Ok(());
            }
            _ => {}
        }
        i += 2 + len;
    }
    Ok(())
}

/// The agency an article's head names on a line of its own: its source,
/// unless a byline names it already as its title or organisation ("By Ana
/// Lind, Northwind Press"), since an agency is named once in a head.
pub fn agency_line(meta: &Meta) -> Option<&str> {
    let agency = meta
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())?;
    let named = meta.bylines.iter().any(|b| {
        [b.title.as_deref(), b.org.as_deref()]
            .into_iter()
            .flatten()
            .any(|t| t.trim().to_lowercase() == agency.to_lowercase())
    });
    (!named).then_some(agency)
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

#[cfg(test)]
mod tests {
    use super::check_whole;

    #[test]
    fn the_agency_is_named_once_in_a_head() {
        use crate::model::{Byline, Meta};
        let mut meta = Meta {
            source: Some("Northwind Press".into()),
            ..Meta::default()
        };
        assert_eq!(super::agency_line(&meta), Some("Northwind Press"));
        meta.bylines.push(Byline {
            name: "Jonas Eide".into(),
            title: None,
            org: Some("northwind press ".into()),
        });
        assert_eq!(super::agency_line(&meta), None);
        meta.bylines[0].org = Some("Lomvik Post".into());
        assert_eq!(super::agency_line(&meta), Some("Northwind Press"));
        meta.source = Some("  ".into());
        assert_eq!(super::agency_line(&meta), None);
    }

    #[test]
    fn files_cut_short_are_found() {
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0, 0, 0xFF, 0xDA, 0x00, 0x02, 1, 2, 0xFF, 0xD9,
        ];
        assert!(check_whole(&jpeg).is_ok());
        assert!(check_whole(&jpeg[..14]).unwrap_err().contains("cut short"));
        assert!(check_whole(&jpeg[..5]).is_err());
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend([0, 0, 0, 1, b'I', b'D', b'A', b'T', 7, 0, 0, 0, 0]);
        assert!(check_whole(&png).unwrap_err().contains("IEND"));
        png.extend([0, 0, 0, 0, b'I', b'E', b'N', b'D', 0, 0, 0, 0]);
        assert!(check_whole(&png).is_ok());
        assert!(check_whole(&png[..20]).is_err());
    }
}
