//! The XML layer: the declared encoding, the quick-xml event loop, entities, and a
//! small element tree with byte offsets for diagnostics.
//!
//! Nothing here expands a DTD: a DOCTYPE is skipped (with a warning when it declares
//! entities) and an entity it declares stays literal text. Nesting is bounded, so a hostile file costs at most
//! its own size in memory.

use std::borrow::Cow;

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::{resolve_html5_entity, resolve_xml_entity};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::Diagnostics;
use crate::diag::{Error, Location};
use crate::read::{decode_utf8, MAX_DEPTH};

/// Elements of the envelope around the story (`newsMessage`, `itemSet`, `newsItem`,
/// `contentSet`, `inlineXML`, `nitf`, `body`, `body.content`) that do not count as
/// the story's own nesting.
pub(super) const ENVELOPE_DEPTH: usize = 8;

/// The deepest element nesting the parser accepts.
pub(super) const MAX_ELEMENT_DEPTH: usize = MAX_DEPTH + ENVELOPE_DEPTH;

/// The most attributes read from one element (checking names for duplicates costs
/// the square of their number).
const MAX_ATTRIBUTES: usize = 256;

/// The most elements and attributes one article may hold. A long feature has a few
/// thousand; the limit keeps the tree of a hostile 32 MB file of `<br/>` small.
pub(super) const MAX_NODES: usize = 250_000;

/// An XML element, by its local name (namespace prefixes dropped).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Element {
    /// The local name, e.g. `p` for both `<p>` and `<nitf:p>`.
    pub name: String,
    /// Attributes in document order, values normalised and entities resolved.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<Node>,
    /// Byte offset of the start tag in the decoded text.
    pub offset: usize,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of attribute `name`, trimmed, if present and not blank.
    pub fn attr_value(&self, name: &str) -> Option<String> {
        self.attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element named `name` in this subtree, depth first (this one included).
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(name))
    }

    /// All text in this subtree, whitespace collapsed and trimmed.
    pub fn text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        collapse_whitespace(&raw)
    }

    /// All text in this subtree as written, without leading or trailing blank lines.
    pub fn text_preserving_lines(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        raw.trim_matches(|c| c == '\n' || c == '\r').to_string()
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                // A quotation keeps its marks, as the tree's plain text does.
                Node::Element(e) if e.name == "q" => {
                    out.push('\u{201C}');
                    e.collect_text(out);
                    out.push('\u{201D}');
                }
                Node::Element(e) => {
                    // A line break or a new paragraph separates words.
                    if matches!(e.name.as_str(), "br" | "p") {
                        out.push(' ');
                    }
                    e.collect_text(out);
                }
            }
        }
    }

    /// Whether the element holds non-whitespace text directly.
    pub fn has_own_text(&self) -> bool {
        self.children
            .iter()
            .any(|n| matches!(n, Node::Text(t) if !t.trim().is_empty()))
    }
}

/// Collapses runs of XML whitespace to one space and trims both ends.
pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims whitespace and the separators that stand between names and titles
/// ("— Ada Lind, engineer", "MARSK – ").
pub(super) fn trim_separators(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '–' | '—' | '-' | '/'))
}

/// Character references left in the text after parsing, because the sender escaped
/// them twice (STT's `&amp;quot;`, `&amp;#39;`): decodes them in every text node and
/// returns how many there were, with the offset of the first one's element and the
/// first reference as written.
pub(super) fn undo_double_escapes(root: &mut Element) -> Option<(usize, usize, String)> {
    let mut found: Option<(usize, usize, String)> = None;
    undo_in(root, &mut found);
    found
}

fn undo_in(el: &mut Element, found: &mut Option<(usize, usize, String)>) {
    let offset = el.offset;
    for child in &mut el.children {
        match child {
            Node::Element(e) => undo_in(e, found),
            Node::Text(t) if t.contains('&') => {
                let (text, count, first) = decode_references(t);
                if count > 0 {
                    *t = text;
                    match found {
                        Some((n, _, _)) => *n += count,
                        None => *found = Some((count, offset, first.unwrap_or_default())),
                    }
                }
            }
            Node::Text(_) => {}
        }
    }
}

/// The text with `&quot;`, `&apos;`, `&amp;`, `&lt;`, `&gt;`, `&nbsp;`, `&#N;` and
/// `&#xH;` decoded; how many; the first as written.
fn decode_references(text: &str) -> (String, usize, Option<String>) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut first = None;
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let decoded = Some(&tail[1..]).and_then(|head| {
            let (end, _) = head.char_indices().take(11).find(|&(_, c)| c == ';')?;
            let name = &head[..end];
            let c = match name {
                "quot" => '"',
                "apos" => '\'',
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "nbsp" => '\u{a0}',
                _ => {
                    let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => name.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())?
                }
            };
            Some((c, end + 2))
        });
        match decoded {
            Some((c, len)) => {
                if first.is_none() {
                    first = Some(tail[..len].to_string());
                }
                count += 1;
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    (out, count, first)
}

/// Turns byte offsets of the decoded text into line:column, in bounded time and memory
/// whatever the text's shape (a million short lines or one line of megabytes).
pub(super) struct Lines<'a> {
    text: &'a str,
    /// The place of every [`CHECKPOINT_BYTES`]th byte: a lookup scans at most that far.
    checkpoints: Vec<Place>,
}

/// Bytes between two checkpoints.
const CHECKPOINT_BYTES: usize = 64 * 1024;

/// A byte offset and its line and character column, both from 1.
#[derive(Debug, Clone, Copy)]
struct Place {
    offset: usize,
    line: u32,
    column: u32,
}

impl Place {
    /// The place `bytes` further on.
    fn advance(mut self, bytes: &[u8]) -> Place {
        for &b in bytes {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if (b & 0xC0) != 0x80 {
                // Continuation bytes of a UTF-8 character do not start a column.
                self.column += 1;
            }
        }
        self.offset += bytes.len();
        self
    }
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut place = Place {
            offset: 0,
            line: 1,
            column: 1,
        };
        let mut checkpoints = vec![place];
        for chunk in text.as_bytes().chunks(CHECKPOINT_BYTES) {
            place = place.advance(chunk);
            checkpoints.push(place);
        }
        Lines { text, checkpoints }
    }

    /// The line and character column of a byte offset (past the end: the end).
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let checkpoint = self.checkpoints[offset / CHECKPOINT_BYTES];
        let place = checkpoint.advance(&self.text.as_bytes()[checkpoint.offset..offset]);
        Location::at(place.line, place.column)
    }
}

/// Decodes the input by its byte order mark or XML declaration (UTF-8 when neither says).
pub(super) fn decode<'a>(
    bytes: &'a [u8],
    lossy: bool,
    diagnostics: &mut Diagnostics,
) -> Result<Cow<'a, str>, Error> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if had_errors {
                if !lossy {
                    return Err(Error::new(format!(
                        "the input starts with a {} byte order mark but is not valid {}; use --lossy to replace bad bytes",
                        encoding.name(),
                        encoding.name()
                    )));
                }
                diagnostics.warn_plain(format!(
                    "bytes that are not valid {} were replaced with U+FFFD",
                    encoding.name()
                ));
            }
            return Ok(text);
        }
    }
    let declared = declared_encoding(bytes);
    let encoding = match &declared {
        None => encoding_rs::UTF_8,
        Some((label, offset)) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(encoding) => encoding,
            None => {
                return Err(Error::at(
                    Location::of_offset(bytes, *offset),
                    format!(
                        "unknown encoding `{label}` in the XML declaration (expected e.g. UTF-8 or ISO-8859-1)"
                    ),
                ))
            }
        },
    };
    if encoding == encoding_rs::UTF_8
        || encoding == encoding_rs::UTF_16LE
        || encoding == encoding_rs::UTF_16BE
    {
        // A UTF-16 declaration in a file without a BOM that we could read is ASCII-compatible text.
        let mut warnings = Vec::new();
        let text = decode_utf8(bytes, lossy, &mut warnings).map_err(|mut e| {
            let why = match &declared {
                Some((label, _)) => format!("the XML declaration says `{label}`"),
                None => "no encoding is declared, so the input must be UTF-8 (a Latin-1 file declares encoding=\"ISO-8859-1\")".to_string(),
            };
            e.message = e.message.replace("the input must be UTF-8", &why);
            e
        })?;
        for w in warnings {
            diagnostics.push(w);
        }
        return Ok(text);
    }
    let label = declared
        .as_ref()
        .map(|(l, _)| l.clone())
        .unwrap_or_default();
    let has_multibyte_utf8 = std::str::from_utf8(bytes).is_ok() && bytes.iter().any(|&b| b >= 0x80);
    if has_multibyte_utf8 && encoding.is_single_byte() {
        let at = declared.as_ref().map_or(0, |(_, offset)| *offset);
        diagnostics.warn(
            Location::of_offset(bytes, at),
            format!(
                "the XML declaration says `{label}` but the text is UTF-8 (read as {label} every accented letter would be garbled); read as UTF-8"
            ),
        );
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        return Ok(Cow::Borrowed(
            std::str::from_utf8(bytes).unwrap_or_default(),
        ));
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(Cow::Owned(text)),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            let offset = read.saturating_sub(bad as usize);
            let location = Location::of_offset(bytes, offset);
            if lossy {
                diagnostics.warn(
                    location,
                    format!("bytes that are not valid {label} replaced with U+FFFD, the first at byte {offset}"),
                );
                let (text, _) = encoding.decode_without_bom_handling(bytes);
                Ok(text)
            } else {
                Err(Error::at(
                    location,
                    format!(
                        "byte {offset} (0x{:02X}) is not valid {label}, the encoding the XML declaration names; use --lossy to replace bad bytes",
                        bytes.get(offset).copied().unwrap_or(0)
                    ),
                ))
            }
        }
        encoding_rs::DecoderResult::OutputFull => Err(Error::new(format!(
            "the input could not be decoded from {label}"
        ))),
    }
}

/// The `encoding` pseudo-attribute of an XML declaration, with its byte offset.
fn declared_encoding(bytes: &[u8]) -> Option<(String, usize)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &bytes[start..bytes.len().min(start + 1024)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[at + 8..];
    let eq = rest.iter().position(|&b| b == b'=')?;
    let rest = &rest[eq + 1..];
    let quote_at = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let quote = rest[quote_at];
    let value = &rest[quote_at + 1..];
    let close = value.iter().position(|&b| b == quote)?;
    let label = String::from_utf8_lossy(&value[..close]).trim().to_string();
    let offset = start + at;
    Some((label, offset))
}

/// Parses decoded XML text into its root element.
pub(super) fn parse(
    text: &str,
    lines: &Lines,
    diagnostics: &mut Diagnostics,
) -> Result<Element, Error> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut declared_entities: Vec<String> = Vec::new();
    // The depth of the open `body.content`, from which the story's nesting counts.
    let mut content_depth: Option<usize> = None;
    let mut nodes = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                return Err(xml_error(
                    &e,
                    reader.error_position() as usize,
                    &stack,
                    lines,
                ))
            }
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                diagnostics.warn_at(lines, before, "elements after the root element are ignored");
                break;
            }
            Event::Start(start) => {
                check_depth(&stack, content_depth, before, lines)?;
                let element = element_from(&start, before, lines, diagnostics, &declared_entities);
                count_nodes(&mut nodes, &element, lines)?;
                let opens_content = element.name == "body.content" && content_depth.is_none();
                stack.push(element);
                if opens_content {
                    content_depth = Some(stack.len());
                }
            }
            Event::Empty(start) => {
                check_depth(&stack, content_depth, before, lines)?;
                let element = element_from(&start, before, lines, diagnostics, &declared_entities);
                count_nodes(&mut nodes, &element, lines)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                // quick-xml has checked that the name matches.
                if content_depth == Some(stack.len()) {
                    content_depth = None;
                }
                if let Some(element) = stack.pop() {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Element(element)),
                        None => root = Some(element),
                    }
                }
            }
            Event::Text(t) => {
                let content = t.xml_content(XmlVersion::Implicit1_0);
                push_text(
                    &mut stack,
                    &content,
                    before,
                    lines,
                    diagnostics,
                    root.is_some(),
                );
            }
            Event::CData(c) => {
                let content = c.xml_content(XmlVersion::Implicit1_0);
                push_text(
                    &mut stack,
                    &content,
                    before,
                    lines,
                    diagnostics,
                    root.is_some(),
                );
            }
            Event::GeneralRef(r) => {
                let resolved =
                    resolve_reference(&r, before, lines, diagnostics, &declared_entities);
                push_text(
                    &mut stack,
                    &resolved,
                    before,
                    lines,
                    diagnostics,
                    root.is_some(),
                );
            }
            Event::DocType(d) => {
                let content = d.xml_content(XmlVersion::Implicit1_0);
                declared_entities = entity_names(&content);
                if declared_entities.is_empty() {
                    // Most feeds name the NITF DTD: nothing is lost by not loading it.
                    diagnostics.decide_at(
                        lines,
                        before,
                        "the DOCTYPE is not loaded (galley never loads a DTD)",
                    );
                } else {
                    let what = format!(
                        "a DOCTYPE declaring entities ({}) is ignored: galley never expands DTD entities or fetches external ones",
                        declared_entities
                            .iter()
                            .take(5)
                            .map(|n| format!("&{n};"))
                            .collect::<Vec<_>>()
                            .join(", ")
                            + if declared_entities.len() > 5 { ", …" } else { "" }
                    );
                    diagnostics.warn_at(lines, before, what);
                }
            }
            Event::Eof => break,
            Event::Comment(c) => {
                // DTI leaves a character it could not map as `<!-- 2019(unknown) -->`.
                let content = c.xml_content(XmlVersion::Implicit1_0);
                if let Some(ch) = unmapped_character(&content) {
                    diagnostics.decide_at(
                        lines,
                        before,
                        format!("the comment `<!--{content}-->` stands for the character U+{:04X} {ch} the export could not write: restored", ch as u32),
                    );
                    push_text(
                        &mut stack,
                        &ch.to_string(),
                        before,
                        lines,
                        diagnostics,
                        root.is_some(),
                    );
                }
            }
            Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        let end = lines.location(text.len());
        return Err(Error::at(
            end,
            format!(
                "the input ends inside <{}> opened at {} (is the file truncated?); expected </{}>",
                open.name,
                lines.location(open.offset),
                open.name
            ),
        ));
    }
    root.ok_or_else(|| {
        Error::new("no XML element found; expected a <nitf> document or a NewsML-G2 <newsItem>")
    })
}

/// The character of a DTI comment `2019(unknown)`: four or five hex digits then `(unknown)`.
fn unmapped_character(comment: &str) -> Option<char> {
    let hex = comment.trim().strip_suffix("(unknown)")?;
    if !(4..=5).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    (!ch.is_control()).then_some(ch)
}

/// Refuses an element that would nest deeper than galley builds: [`MAX_DEPTH`] inside
/// `body.content`, [`MAX_ELEMENT_DEPTH`] in all.
fn check_depth(
    stack: &[Element],
    content_depth: Option<usize>,
    offset: usize,
    lines: &Lines,
) -> Result<(), Error> {
    let depth = stack.len() + 1;
    let message = match content_depth {
        Some(base) if depth - base > MAX_DEPTH => format!(
            "blocks and inlines nest more than {MAX_DEPTH} deep here, galley's limit (read::MAX_DEPTH); expected a flatter body"
        ),
        _ if depth > MAX_ELEMENT_DEPTH => format!(
            "elements nest more than {MAX_ELEMENT_DEPTH} deep here, galley's limit ({MAX_DEPTH} levels of story plus {ENVELOPE_DEPTH} of envelope); expected a flatter document"
        ),
        _ => return Ok(()),
    };
    Err(Error::at(lines.location(offset), message))
}

/// Counts an element and its attributes against [`MAX_NODES`].
fn count_nodes(nodes: &mut usize, element: &Element, lines: &Lines) -> Result<(), Error> {
    *nodes += 1 + element.attrs.len();
    if *nodes > MAX_NODES {
        return Err(Error::at(
            lines.location(element.offset),
            format!(
                "more than {MAX_NODES} elements and attributes, galley's limit for one article; expected one news article, not an archive"
            ),
        ));
    }
    Ok(())
}

fn push_text(
    stack: &mut [Element],
    content: &str,
    offset: usize,
    lines: &Lines,
    diagnostics: &mut Diagnostics,
    after_root: bool,
) {
    match stack.last_mut() {
        Some(parent) => match parent.children.last_mut() {
            Some(Node::Text(t)) => t.push_str(content),
            _ => parent.children.push(Node::Text(content.to_string())),
        },
        None => {
            if !content.trim().is_empty() {
                let place = if after_root { "after" } else { "before" };
                diagnostics.warn_at(
                    lines,
                    offset,
                    format!("text {place} the root element is ignored"),
                );
            }
        }
    }
}

/// The text an entity or character reference stands for; an unknown one stays literal.
fn resolve_reference(
    reference: &BytesRef,
    offset: usize,
    lines: &Lines,
    diagnostics: &mut Diagnostics,
    declared: &[String],
) -> String {
    let name: &str = reference;
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(c)) => c.to_string(),
            _ => {
                diagnostics.warn_at(
                    lines,
                    offset,
                    format!("`&{name};` is not a valid character reference; kept as text"),
                );
                format!("&{name};")
            }
        };
    }
    if let Some(text) = resolve_xml_entity(name).or_else(|| resolve_html5_entity(name)) {
        return text.to_string();
    }
    let why = if declared.iter().any(|d| d == name) {
        "is declared in the DOCTYPE, and galley never expands DTD entities"
    } else {
        "is not defined (only XML's five and HTML5's named entities are known)"
    };
    diagnostics.warn_at(
        lines,
        offset,
        format!("entity `&{name};` {why}; kept as text"),
    );
    format!("&{name};")
}

/// The names of `<!ENTITY name …>` declarations in a DOCTYPE (parameter entities included).
fn entity_names(doctype: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in doctype.split("<!ENTITY").skip(1) {
        let mut words = part.split_ascii_whitespace();
        let mut name = words.next().unwrap_or("");
        if name == "%" {
            name = words.next().unwrap_or("");
        }
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

fn element_from(
    start: &BytesStart,
    offset: usize,
    lines: &Lines,
    diagnostics: &mut Diagnostics,
    declared: &[String],
) -> Element {
    let name = start.local_name().as_ref().to_string();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        if attrs.len() == MAX_ATTRIBUTES {
            diagnostics.warn_at(
                lines,
                offset,
                format!("<{name}> has more than {MAX_ATTRIBUTES} attributes; the rest are ignored"),
            );
            break;
        }
        let attr = match attr {
            Ok(attr) => attr,
            Err(e) => {
                diagnostics.warn_at(
                    lines,
                    offset,
                    format!("malformed attribute in <{name}> skipped: {e}"),
                );
                continue;
            }
        };
        let key = attr.key.as_ref();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        // Keep `xml:lang` whole; drop other prefixes like the elements' ones.
        let key = if key.starts_with("xml:") {
            key.to_string()
        } else {
            attr.key.local_name().as_ref().to_string()
        };
        let mut unknown: Option<String> = None;
        let value = attr
            .normalized_value_with(XmlVersion::Implicit1_0, 1, |entity| {
                let known = resolve_xml_entity(entity).or_else(|| resolve_html5_entity(entity));
                if known.is_none() && unknown.is_none() {
                    unknown = Some(entity.to_string());
                }
                known
            })
            .map(|v| v.into_owned());
        let value = match value {
            Ok(v) => v,
            Err(_) => {
                let raw = attr.value.to_string();
                let what = match &unknown {
                    Some(entity) if declared.iter().any(|d| d == entity) => format!(
                        "entity `&{entity};` in attribute `{key}` of <{name}> is declared in the DOCTYPE, and galley never expands DTD entities; kept as text"
                    ),
                    Some(entity) => format!(
                        "entity `&{entity};` in attribute `{key}` of <{name}> is not defined; kept as text"
                    ),
                    None => format!("attribute `{key}` of <{name}> holds a bad reference; kept as written"),
                };
                diagnostics.warn_at(lines, offset, what);
                collapse_whitespace(&raw)
            }
        };
        attrs.push((key, value));
    }
    Element {
        name,
        attrs,
        children: Vec::new(),
        offset,
    }
}

/// A quick-xml error in the reader's words: where, what, and what was expected.
fn xml_error(error: &XmlError, offset: usize, stack: &[Element], lines: &Lines) -> Error {
    let location = lines.location(offset);
    let open = stack
        .last()
        .map(|e| (e.name.as_str(), lines.location(e.offset)));
    let message = match error {
        XmlError::Syntax(SyntaxError::UnclosedTag) => {
            "a tag is not closed (is the file truncated?); expected `>`".to_string()
        }
        XmlError::Syntax(SyntaxError::UnclosedComment) => {
            "a comment is not closed; expected `-->`".to_string()
        }
        XmlError::Syntax(SyntaxError::UnclosedCData) => {
            "a CDATA section is not closed; expected `]]>`".to_string()
        }
        XmlError::Syntax(SyntaxError::UnclosedDoctype) => {
            "a DOCTYPE is not closed; expected `>`".to_string()
        }
        XmlError::Syntax(
            SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue,
        ) => "an attribute value is not closed (or the file is truncated); expected a closing quote"
            .to_string(),
        XmlError::Syntax(other) => format!("malformed XML: {other}"),
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            let opened = open
                .map(|(_, at)| format!(" (opened at {at})"))
                .unwrap_or_default();
            format!("expected </{expected}>{opened} but found </{found}>")
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
            format!("</{name}> closes an element that was never opened")
        }
        XmlError::IllFormed(IllFormedError::MissingEndTag(name)) => {
            format!("the input ends before </{name}> (is the file truncated?)")
        }
        XmlError::IllFormed(IllFormedError::UnclosedReference) => {
            "`&` starts a reference that is not closed; expected `;` (write a literal ampersand as `&amp;`)".to_string()
        }
        XmlError::IllFormed(other) => format!("malformed XML: {other}"),
        XmlError::InvalidAttr(e) => format!("malformed attribute: {e}"),
        XmlError::Encoding(e) => format!("cannot decode the text: {e}"),
        XmlError::Escape(e) => format!("bad reference: {e}"),
        other => format!("malformed XML: {other}"),
    };
    Error::at(location, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubly_escaped_references_are_decoded() {
        let (text, count, first) =
            decode_references("&quot;Alko&#39;s&quot; AT&T &bogus; &#x2019;&");
        assert_eq!(text, "\"Alko's\" AT&T &bogus; \u{2019}&");
        assert_eq!((count, first.as_deref()), (4, Some("&quot;")));
    }

    fn parse_str(s: &str) -> (Result<Element, Error>, Diagnostics) {
        let mut d = Diagnostics::default();
        let lines = Lines::new(s);
        (parse(s, &lines, &mut d), d)
    }

    #[test]
    fn locations_agree_with_a_plain_count_across_checkpoints() {
        let text = format!(
            "{}\n{}é\n",
            "a".repeat(CHECKPOINT_BYTES + 10),
            "é".repeat(CHECKPOINT_BYTES)
        );
        let lines = Lines::new(&text);
        for offset in [
            0,
            5,
            CHECKPOINT_BYTES,
            CHECKPOINT_BYTES + 11,
            2 * CHECKPOINT_BYTES + 1,
            text.len(),
        ] {
            assert_eq!(
                lines.location(offset),
                Location::of_offset(text.as_bytes(), offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn lines_give_character_columns() {
        let lines = Lines::new("ab\ncæd\n");
        assert_eq!(lines.location(0), Location::at(1, 1));
        assert_eq!(lines.location(3), Location::at(2, 1));
        assert_eq!(lines.location(6), Location::at(2, 3));
        assert_eq!(lines.location(99), Location::at(3, 1));
    }

    #[test]
    fn declared_encoding_is_found() {
        let (label, _) =
            declared_encoding(b"<?xml version=\"1.0\" encoding='ISO-8859-1'?><nitf/>").unwrap();
        assert_eq!(label, "ISO-8859-1");
        assert!(declared_encoding(b"<nitf/>").is_none());
    }

    #[test]
    fn latin1_is_decoded() {
        let mut d = Diagnostics::default();
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>S\xE6ther</p>";
        let text = decode(bytes, false, &mut d).unwrap();
        assert!(text.ends_with("<p>Sæther</p>"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn entities_resolve_or_stay_literal_with_a_warning() {
        let (root, d) = parse_str("<p>a&amp;b&nbsp;c&#x41;&bogus;</p>");
        assert_eq!(
            root.unwrap().children,
            vec![Node::Text("a&b\u{a0}cA&bogus;".into())]
        );
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].message.contains("&bogus;"));
    }

    #[test]
    fn mismatched_end_tag_names_both_and_the_place() {
        let (root, _) = parse_str("<nitf>\n  <p>text</b>\n</nitf>");
        let err = root.unwrap_err();
        assert_eq!(err.location, Some(Location::at(2, 10)));
        assert!(err.message.contains("expected </p>"), "{}", err.message);
        assert!(err.message.contains("found </b>"), "{}", err.message);
    }

    #[test]
    fn truncated_input_names_the_open_element() {
        let (root, _) = parse_str("<nitf>\n<body>\n<p>text");
        let err = root.unwrap_err();
        assert!(
            err.message.contains("inside <p> opened at 3:1"),
            "{}",
            err.message
        );
    }

    #[test]
    fn namespace_prefixes_are_dropped() {
        let (root, _) = parse_str("<n:nitf xmlns:n='urn:x' n:baselang='de'><n:p/></n:nitf>");
        let root = root.unwrap();
        assert_eq!(root.name, "nitf");
        assert_eq!(root.attrs, vec![("baselang".to_string(), "de".to_string())]);
        assert_eq!(root.child("p").map(|p| p.name.as_str()), Some("p"));
    }
}
