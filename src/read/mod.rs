//! Readers: article markup in, one [`Article`] tree and its warnings out.
//!
//! The format is detected from the content; [`ReadOptions::format`] overrides it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::diag::{Error, Location, Warning};
use crate::model::Article;

mod json;
mod news;
mod nitf;
mod wire;

/// The largest input a reader accepts; a news article is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Deepest nesting of blocks and inlines a reader builds.
pub const MAX_DEPTH: usize = 64;

/// At most this many warnings (and decisions) of one reading are listed; the rest
/// are counted in one last line, so a pathological input cannot flood a batch log.
const MAX_WARNINGS: usize = 100;

/// The line that counts what was not listed.
fn not_listed(count: usize, what: &str) -> Warning {
    Warning::new(format!(
        "{count} more {what} like the ones above were not listed"
    ))
}

/// Keeps the first [`MAX_WARNINGS`] of `list` and counts the rest.
fn cap(list: &mut Vec<Warning>, what: &str) {
    if list.len() > MAX_WARNINGS {
        let more = list.len() - MAX_WARNINGS;
        list.truncate(MAX_WARNINGS);
        list.push(not_listed(more, what));
    }
}

/// An input format galley reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// IPTC NITF 3.x, bare or in NewsML; NewsML-G2 with NITF, XHTML or text; NewsML 1.2.
    Nitf,
    /// Article text as scraped from the web or a wire feed.
    Wire,
    /// The tree itself, as galley writes it.
    Json,
}

impl Format {
    /// The names `--from` accepts.
    pub const NAMES: [&'static str; 3] = ["nitf", "wire", "json"];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Nitf => "nitf",
            Format::Wire => "wire",
            Format::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "nitf" | "xml" | "newsml" => Ok(Format::Nitf),
            "wire" | "text" | "txt" => Ok(Format::Wire),
            "json" | "tree" => Ok(Format::Json),
            _ => Err(format!(
                "unknown format `{s}` (expected one of: {})",
                Format::NAMES.join(", ")
            )),
        }
    }
}

/// How to read an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The input's format; detected from the content when `None`.
    pub format: Option<Format>,
    /// NITF classes (on `bq`, `p` or `block`) that mark a pull quote.
    pub pull_quote_classes: Vec<String>,
    /// NITF `block` classes that mark a fact box (a block with a title is one too).
    pub sidebar_classes: Vec<String>,
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of failing.
    pub lossy: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        ReadOptions {
            format: None,
            pull_quote_classes: strings(&["pullquote", "pull-quote", "pull_quote", "pq"]),
            sidebar_classes: strings(&["factbox", "fact-box", "sidebar", "infobox", "box"]),
            lossy: false,
        }
    }
}

/// What a reader made of one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The tree.
    pub article: Article,
    /// The format that was read.
    pub format: Format,
    /// Guesses that could be wrong and input that was dropped or repaired.
    pub warnings: Vec<Warning>,
    /// Every decision a heuristic reader took, for `--explain`.
    pub decisions: Vec<Warning>,
}

/// Reads one article from `bytes`.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Reading, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::new(format!(
            "input is {} bytes, more than the limit of {} bytes for one article",
            bytes.len(),
            MAX_INPUT_BYTES
        )));
    }
    let format = match options.format {
        Some(format) => format,
        None => detect(bytes)?,
    };
    let mut reading = match format {
        Format::Nitf => nitf::read(bytes, options)?,
        Format::Wire => wire::read(bytes, options)?,
        Format::Json => json::read(bytes, options)?,
    };
    reading.format = format;
    Ok(reading)
}

/// Tells the format from the first characters of the content.
pub fn detect(bytes: &[u8]) -> Result<Format, Error> {
    let start = skip_bom_and_space(bytes);
    if start.is_empty() {
        return Err(Error::new("the input is empty"));
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(Error::new(
            "the input is UTF-32 text (its byte order mark says so); convert it to UTF-8",
        ));
    }
    if bare_utf16(bytes) {
        return Err(Error::new(
            "the input looks like UTF-16 text without a byte order mark (every other byte is NUL); \
             convert it to UTF-8, or add the mark",
        ));
    }
    if let Some(text) = utf16_head(bytes) {
        // Only XML declares its own encoding; a UTF-16 NITF file is read by the NITF reader.
        return if text.trim_start().starts_with('<') {
            Ok(Format::Nitf)
        } else {
            Err(Error::new(
                "the input is UTF-16 text; only NITF may be UTF-16 (convert other text to UTF-8)",
            ))
        };
    }
    if looks_binary(bytes) {
        return Err(Error::new(
            "the input is not text (it holds NUL bytes or other binary data)",
        ));
    }
    match start[0] {
        b'<' => {
            // A long DOCTYPE or comment may come first: look well past it.
            let head = &bytes[..bytes.len().min(doctype_end(bytes) + 64 * 1024)];
            if contains(head, b"<nitf")
                || contains(head, b"newsItem")
                || contains(head, b":nitf")
                || contains(head, b"packageItem")
                || contains(head, b"<NewsML")
            {
                Ok(Format::Nitf)
            } else {
                Err(Error::at(
                    Location::of_offset(bytes, bytes.len() - start.len()),
                    "the input is XML but not NITF or NewsML (no <nitf>, <newsItem> or <NewsML> near the start); use --from to choose a reader",
                ))
            }
        }
        b'{' => Ok(Format::Json),
        // A JSON array is not a tree, but the JSON reader says so better than the
        // wire reader would; text may start with a bracket ("[Updated] …") too.
        b'[' if skip_bom_and_space(&start[1..])
            .first()
            .is_some_and(|b| matches!(b, b'{' | b'[' | b']' | b'"' | b'0'..=b'9')) =>
        {
            Ok(Format::Json)
        }
        _ => Ok(Format::Wire),
    }
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[first..]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The start of UTF-16 text that opens with a byte order mark.
fn utf16_head(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..bytes.len().min(512)].chunks_exact(2).map(|pair| {
        if little {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect(),
    )
}

/// Where a document type declaration (with its internal subset) ends, or 0.
fn doctype_end(bytes: &[u8]) -> usize {
    let window = &bytes[..bytes.len().min(4096)];
    let Some(start) = window.windows(9).position(|w| w == b"<!DOCTYPE") else {
        return 0;
    };
    let rest = &bytes[start..];
    let first_end = rest.iter().position(|&b| b == b'>');
    let subset = rest.iter().position(|&b| b == b'[');
    let end = match (subset, first_end) {
        (Some(open), Some(close)) if open < close => {
            rest.windows(2).position(|w| w == b"]>").map(|e| e + 2)
        }
        (_, close) => close.map(|e| e + 1),
    };
    start + end.unwrap_or(rest.len())
}

/// UTF-16 without a byte order mark: text whose first characters are all
/// ASCII with a NUL beside each.
fn bare_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    head.len() >= 8
        && (head
            .chunks_exact(2)
            .all(|p| p[0] == 0 && p[1] != 0 && p[1].is_ascii())
            || head
                .chunks_exact(2)
                .all(|p| p[1] == 0 && p[0] != 0 && p[0].is_ascii()))
}

/// NUL bytes (or UTF-16 without a BOM) never occur in article text.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Decodes UTF-8 text; invalid bytes are an error naming their place, or with
/// `lossy` are replaced and warned about. A byte order mark is dropped.
pub(crate) fn decode_utf8<'a>(
    bytes: &'a [u8],
    lossy: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Cow<'a, str>, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let offset = e.valid_up_to();
            let location = Location::of_offset(bytes, offset);
            if lossy {
                warnings.push(Warning::at(
                    location,
                    format!("invalid UTF-8 at byte {offset} replaced with U+FFFD (and any more after it)"),
                ));
                Ok(String::from_utf8_lossy(bytes))
            } else {
                Err(Error::at(
                    location,
                    format!("invalid UTF-8 at byte {offset} (byte 0x{:02X}); the input must be UTF-8, or use --lossy to replace bad bytes", bytes[offset]),
                ))
            }
        }
    }
}

/// Drops control characters other than tab and newlines, warning once with the first place.
pub(crate) fn drop_control_characters<'a>(
    text: Cow<'a, str>,
    warnings: &mut Vec<Warning>,
) -> Cow<'a, str> {
    let is_bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let Some(first) = text.find(is_bad) else {
        return text;
    };
    let count = text.chars().filter(|&c| is_bad(c)).count();
    warnings.push(Warning::at(
        Location::of_offset(text.as_bytes(), first),
        format!("dropped {count} control character(s)"),
    ));
    Cow::Owned(text.chars().filter(|&c| !is_bad(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_utf32_bare_utf16_and_reads_past_a_long_doctype() {
        let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain("<nitf/>".bytes().flat_map(|b| [b, 0, 0, 0]))
            .collect();
        assert!(detect(&utf32).unwrap_err().message.contains("UTF-32"));
        let bare: Vec<u8> = "<?xml version=\"1.0\"?><nitf/>"
            .bytes()
            .flat_map(|b| [b, 0])
            .collect();
        let message = detect(&bare).unwrap_err().message;
        assert!(
            message.contains("UTF-16 text without a byte order mark"),
            "{message}"
        );
        let big_be: Vec<u8> = "Ferry runs late again"
            .bytes()
            .flat_map(|b| [0, b])
            .collect();
        assert!(detect(&big_be)
            .unwrap_err()
            .message
            .contains("without a byte order mark"));
        let entities: String = (0..4000)
            .map(|i| format!("<!ENTITY e{i} \"entity number {i}\">\n"))
            .collect();
        assert!(entities.len() > 100_000);
        let doc = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n{entities}]>\n<nitf><body/></nitf>"
        );
        assert_eq!(detect(doc.as_bytes()).unwrap(), Format::Nitf);
    }

    #[test]
    fn detects_formats_from_content() {
        assert_eq!(
            detect(b"  <?xml version='1.0'?><nitf>").unwrap(),
            Format::Nitf
        );
        assert_eq!(
            detect(b"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/'>").unwrap(),
            Format::Nitf
        );
        assert_eq!(
            detect(b"\xEF\xBB\xBF{\"version\":1}").unwrap(),
            Format::Json
        );
        assert_eq!(detect(b"09Dec\nArticle by FNS").unwrap(), Format::Wire);
        assert_eq!(detect(b" [\n {\"version\":1}]").unwrap(), Format::Json);
        assert_eq!(detect(b"[Updated] Ferry runs").unwrap(), Format::Wire);
        assert!(detect(b"   \n").unwrap_err().message.contains("empty"));
        assert!(detect(b"<html><body>")
            .unwrap_err()
            .message
            .contains("not NITF"));
        assert!(detect(b"PK\x03\x04\x00\x00")
            .unwrap_err()
            .message
            .contains("not text"));
    }

    #[test]
    fn invalid_utf8_names_its_byte() {
        let mut warnings = Vec::new();
        let err = decode_utf8(b"ok\nab\xFFc", false, &mut warnings).unwrap_err();
        assert_eq!(err.location, Some(Location::at(2, 3)));
        assert!(err.message.contains("byte 5"));
        let text = decode_utf8(b"ab\xFFc", true, &mut warnings).unwrap();
        assert_eq!(text, "ab\u{FFFD}c");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn control_characters_are_dropped_with_a_warning() {
        let mut warnings = Vec::new();
        let text = drop_control_characters(Cow::Borrowed("a\u{7}b\tc\u{0}"), &mut warnings);
        assert_eq!(text, "ab\tc");
        assert_eq!(warnings[0].message, "dropped 2 control character(s)");
    }
}
