//! Frames to PDF bytes with printpdf (fonts embedded and subset, ToUnicode)
//! and lopdf (BleedBox, dates, a content-derived `/ID`, streams deflated
//! at a fast level). One file per kind of item: [`text`], [`shapes`],
//! [`image`]; a proof made to a standard is tagged ([`tags`]) and carries
//! what its standards ask ([`standard`]).
//!
//! printpdf names fonts and images from a global counter and stamps `/ID` at
//! random; every name here is chosen from the content so that the same input
//! gives the same bytes, also when several documents are made in one process.

mod convert;
mod fonts;
mod image;
mod shapes;
pub mod standard;
pub mod tags;
mod text;

pub use fonts::{FaceCache, FontData, PdfFace};

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;

use lopdf::Object;
use printpdf::{
    Color, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, LayerInternalId, Op,
    OverprintMode, PaintMode, PdfDocument, PdfPage, PdfSaveOptions, Rect,
};

use crate::diag::{Error, Warning};
use crate::model::Article;
use crate::pdf::frame::{Frames, Page, Shape};
use crate::style::{Cmyk, OutputSpec, PageSpec, Style};
use crate::typeset::{FaceId, Line};

/// What the document says about itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Info {
    /// Title (the headline).
    pub title: String,
    /// Author (the bylines).
    pub author: String,
    /// Subject (the deck or summary).
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation time, seconds since 1970 (from the options, never the
    /// clock); `None`: the file carries no dates.
    pub time: Option<i64>,
    /// The text's language as a BCP 47 tag, for the catalog's `/Lang`.
    pub language: Option<String>,
}

/// Draws the frames of `article` into a PDF whose pages have a TrimBox of
/// the style's page, a BleedBox `page.bleed` beyond it and a MediaBox
/// `page.slug` beyond that, made to the standards of the style's `[output]`
/// (tagged when there are any); what the tagging noticed goes to `warnings`.
pub fn emit(
    frames: &Frames,
    style: &Style,
    fonts: &dyn FontData,
    info: &Info,
    article: &Article,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<u8>, Error> {
    let page = &style.page;
    let output = &style.output;
    let standards = output.standards;
    // A proof made to a standard is a file for the press or the archive:
    // it carries no proof notes (the report still has their figures).
    let stripped;
    let frames = if standards.any() {
        stripped = without_notes(frames);
        &stripped
    } else {
        frames
    };
    let mut info = info.clone();
    if standards.any() {
        standard::check(standards, &info)?;
        standard::check_glyphs(standards, frames)?;
    }
    if standards.ua1 && info.language.as_deref().is_none_or(|l| l.trim().is_empty()) {
        // The layout set it as English (hyphenation, quotes, furniture words).
        warnings.push(Warning::new(
            "the article names no language: the proof is set, and tagged, as English (en)",
        ));
        info.language = Some("en".to_string());
    }
    let info = &info;
    let mut doc = PdfDocument::new(&info.title);
    doc.metadata.info.author = info.author.clone();
    doc.metadata.info.subject = info.subject.clone();
    doc.metadata.info.keywords = info.keywords.clone();
    let off = page.bleed + page.slug;
    let media = (page.width + 2.0 * off, page.height + 2.0 * off);

    // Fonts, named from their data and the glyphs they show.
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    for p in &frames.pages {
        for item in &p.items {
            if let Shape::Text { line, .. } = &item.shape {
                for run in &line.runs {
                    let set = used.entry(run.face).or_default();
                    set.extend(run.glyphs.iter().map(|g| g.id));
                }
            }
        }
    }
    let mut font_ids: BTreeMap<FaceId, FontId> = BTreeMap::new();
    for (face, glyphs) in &used {
        let pdf_face = fonts
            .pdf_face(*face)
            .ok_or_else(|| Error::new(format!("no font data for face {}", face.0)))?
            .ok_or_else(|| Error::new(format!("face {} is not a usable font", face.0)))?;
        let mut hash = pdf_face.digest;
        for g in glyphs {
            hash = fnv_more(hash, &g.to_be_bytes());
        }
        // The first six letters become the subset tag (`ABCDEF+Name`).
        let id = FontId(format!("{}F{}", tag(hash), face.0));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(pdf_face.parsed.clone()));
        font_ids.insert(*face, id);
    }

    // Images, named by their index.
    let desk = output.profile.as_ref();
    if let (Some(file), None) = (&output.profile_file, desk) {
        return Err(Error::new(format!(
            "`output.profile`: `{file}` was not loaded before the proof was made"
        )));
    }
    let converter = if standards.any() && output.rgb_photos == crate::style::RgbPhotos::Convert {
        Some(convert::Converter::new(standard::profile_data(desk)).ok_or_else(|| {
            Error::new(
                "the output profile has no perceptual Lab-to-CMYK table (B2A0) galley can convert photos with: set `output.rgb_photos` to \"icc\", or use a profile that has one",
            )
        })?)
    } else {
        None
    };
    let image_ids = image::add_all(&mut doc, &frames.images, converter.as_ref())?;

    let overprint = ExtendedGraphicsStateId("GSop".to_string());
    if output.black_overprint {
        doc.resources.extgstates.map.insert(
            overprint.clone(),
            ExtendedGraphicsState::default()
                .with_overprint_fill(true)
                .with_overprint_stroke(true)
                .with_overprint_mode(OverprintMode::KeepUnderlying),
        );
    }
    let mut tagger = standards
        .any()
        .then(|| tags::Tagger::new(frames, article, warnings));

    let notes = LayerInternalId(NOTES_LAYER.to_string());
    let has_notes = frames
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|i| i.role.is_note());
    if has_notes {
        let mut layer = printpdf::Layer::new("Proof notes");
        layer.creator = "galley".to_string();
        doc.resources.layers.map.insert(notes.clone(), layer);
    }
    let to_pdf = |x: f32, y: f32| (off + x, off + page.height - y);
    let mut pages = Vec::new();
    for (n, p) in frames.pages.iter().enumerate() {
        let mut ops = Vec::new();
        for (i, item) in p.items.iter().enumerate() {
            if let Some(tagger) = tagger.as_mut() {
                tagger.item(&mut ops, n, i);
            }
            let note = item.role.is_note();
            if note {
                ops.push(Op::BeginLayer {
                    layer_id: notes.clone(),
                });
            }
            let over = output.black_overprint
                && match &item.shape {
                    Shape::Text { line, colour, .. } => ink(output, *colour, line) == Cmyk::BLACK,
                    Shape::Rule { colour, .. } => *colour == Cmyk::BLACK,
                    Shape::Box { fill, stroke, .. } => {
                        fill.is_none_or(|c| c == Cmyk::BLACK)
                            && stroke.is_none_or(|(_, c)| c == Cmyk::BLACK)
                    }
                    Shape::Image { .. } => false,
                };
            if over {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::LoadGraphicsState {
                    gs: overprint.clone(),
                });
            }
            match &item.shape {
                Shape::Text { at, line, colour } => text::draw(
                    &mut ops,
                    &font_ids,
                    &to_pdf,
                    *at,
                    line,
                    ink(output, *colour, line),
                ),
                Shape::Rule {
                    from,
                    to,
                    weight,
                    colour,
                } => shapes::rule(
                    &mut ops,
                    to_pdf(from.x, from.y),
                    to_pdf(to.x, to.y),
                    *weight,
                    *colour,
                ),
                Shape::Box { rect, fill, stroke } => {
                    let corner = to_pdf(rect.x, rect.bottom());
                    shapes::rect(&mut ops, corner, (rect.w, rect.h), *fill, *stroke)
                }
                Shape::Image { frame, draw, image } => {
                    if let Some(id) = image_ids.get(*image) {
                        let clip = to_pdf(frame.x, frame.bottom());
                        let at = to_pdf(draw.x, draw.bottom());
                        image::draw(
                            &mut ops,
                            id,
                            (clip, (frame.w, frame.h)),
                            (at, (draw.w, draw.h)),
                        );
                    }
                }
            }
            if over {
                ops.push(Op::RestoreGraphicsState);
            }
            if note {
                ops.push(Op::EndLayer);
            }
        }
        if let Some(tagger) = tagger.as_mut() {
            tagger.end(&mut ops);
        }
        let mut pdf_page = PdfPage::new(printpdf::Mm(10.0), printpdf::Mm(10.0), ops);
        pdf_page.media_box = shapes::pdf_rect(0.0, 0.0, media.0, media.1, PaintMode::Fill);
        pdf_page.media_box.mode = None;
        pdf_page.trim_box = Rect {
            mode: None,
            ..shapes::pdf_rect(off, off, page.width, page.height, PaintMode::Fill)
        };
        pdf_page.crop_box = pdf_page.media_box.clone();
        pages.push(pdf_page);
    }
    doc.with_pages(pages);

    let opts = PdfSaveOptions {
        // Streams are deflated below, at a fast level.
        optimize: false,
        subset_fonts: true,
        // Clipping paths are written as raw operators.
        secure: false,
        image_optimization: None,
    };
    let mut printpdf_warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut printpdf_warnings);
    finish(&mut lo, page, off, info);
    if has_notes {
        notes_do_not_print(&mut lo);
    }
    if let Some(tagger) = tagger {
        let page_ids: Vec<_> = lo.get_pages().values().copied().collect();
        tagger.write(&mut lo, &page_ids);
    }
    if standards.any() {
        standard::apply(&mut lo, standards, desk, info, content_digest(frames, info));
    }
    deflate(&mut lo)?;
    save_with_id(&mut lo)
}

/// The resource name of the optional-content group proof notes are drawn in.
const NOTES_LAYER: &str = "ProofNotes";

/// The frames without their proof notes.
fn without_notes(frames: &Frames) -> Frames {
    Frames {
        pages: frames
            .pages
            .iter()
            .map(|p| Page {
                items: p
                    .items
                    .iter()
                    .filter(|i| !i.role.is_note())
                    .cloned()
                    .collect(),
            })
            .collect(),
        images: frames.images.clone(),
    }
}

/// Makes the proof-notes group one that views but does not print: its
/// usage says print off, and the default configuration applies that when
/// printing (`/AS`), so a viewer shows the notes and a printer leaves them
/// out. Optional content rather than the slug, because the open space is
/// inside the page; rather than annotations, because viewers and
/// rasterisers draw optional content as page content.
fn notes_do_not_print(lo: &mut lopdf::Document) {
    use lopdf::Dictionary;
    let Ok(root) = lo.trailer.get(b"Root").and_then(|o| o.as_reference()) else {
        return;
    };
    let ocgs = match lo
        .get_dictionary(root)
        .and_then(|c| c.get(b"OCProperties"))
        .and_then(|p| p.as_dict())
        .and_then(|p| p.get(b"OCGs"))
        .and_then(|o| o.as_array())
    {
        Ok(a) => a.clone(),
        Err(_) => return,
    };
    let state = |key: &str, value: &str| {
        Object::Dictionary(Dictionary::from_iter([(key, Object::Name(value.into()))]))
    };
    let mut stale = Vec::new();
    for ocg in ocgs.iter().filter_map(|o| o.as_reference().ok()) {
        if let Ok(dict) = lo.get_dictionary_mut(ocg) {
            for key in [b"Usage".as_slice(), b"Intent"] {
                if let Ok(r) = dict.get(key).and_then(|o| o.as_reference()) {
                    stale.push(r);
                }
            }
            dict.set("Intent", Object::Name(b"View".to_vec()));
            dict.set(
                "Usage",
                Dictionary::from_iter([
                    ("Print", state("PrintState", "OFF")),
                    ("View", state("ViewState", "ON")),
                ]),
            );
        }
    }
    for r in stale {
        lo.objects.remove(&r);
    }
    let auto = Dictionary::from_iter([
        ("Event", Object::Name(b"Print".to_vec())),
        ("OCGs", Object::Array(ocgs)),
        (
            "Category",
            Object::Array(vec![Object::Name(b"Print".to_vec())]),
        ),
    ]);
    if let Ok(Object::Dictionary(catalog)) = lo.get_object_mut(root) {
        if let Ok(Object::Dictionary(props)) = catalog.get_mut(b"OCProperties") {
            if let Ok(Object::Dictionary(d)) = props.get_mut(b"D") {
                d.set("Name", Object::string_literal("galley proof"));
                d.set("AS", Object::Array(vec![Object::Dictionary(auto)]));
            }
        }
    }
}

/// The ink a line is set in: solid black large type takes the style's rich
/// black, when it has one.
fn ink(output: &OutputSpec, colour: Cmyk, line: &Line) -> Cmyk {
    match output.rich_black {
        Some((rich, min)) if colour == Cmyk::BLACK => {
            let size = line.runs.iter().map(|r| r.size).fold(0.0, f32::max);
            if size >= min {
                rich
            } else {
                colour
            }
        }
        _ => colour,
    }
}

/// A digest of what the proof says, for identifiers written before the
/// file is (the XMP document ID).
fn content_digest(frames: &Frames, info: &Info) -> u64 {
    let mut h = digest(info.title.as_bytes());
    h = fnv_more(h, &info.time.unwrap_or(0).to_be_bytes());
    for page in &frames.pages {
        h = fnv_more(h, b"\x0c");
        for item in &page.items {
            if let Some(line) = item.line() {
                h = fnv_more(h, line.text().as_bytes());
            }
        }
    }
    h
}

/// Adds what printpdf does not write: BleedBox, dates, a deterministic `/ID`;
/// removes its empty PDF/X claim.
fn finish(lo: &mut lopdf::Document, page: &PageSpec, off: f32, info: &Info) {
    let bleed = Object::Array(
        [
            off - page.bleed,
            off - page.bleed,
            off + page.width + page.bleed,
            off + page.height + page.bleed,
        ]
        .map(|v| Object::Real(round(v)))
        .to_vec(),
    );
    // printpdf writes a box as [x y width height]; PDF wants two corners.
    let trim = Object::Array(
        [off, off, off + page.width, off + page.height]
            .map(|v| Object::Real(round(v)))
            .to_vec(),
    );
    let page_ids: Vec<_> = lo.get_pages().values().copied().collect();
    for id in page_ids {
        if let Ok(Object::Dictionary(dict)) = lo.get_object_mut(id) {
            dict.set("TrimBox", trim.clone());
            dict.set("BleedBox", bleed.clone());
            dict.remove(b"Annots");
        }
    }
    let date = info.time.map(pdf_date);
    if let Ok(info_ref) = lo.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        if let Ok(Object::Dictionary(dict)) = lo.get_object_mut(info_ref) {
            dict.remove(b"GTS_PDFXVersion");
            dict.remove(b"Identifier");
            match &date {
                Some(date) => {
                    dict.set("CreationDate", Object::string_literal(date.clone()));
                    dict.set("ModDate", Object::string_literal(date.clone()));
                }
                None => {
                    dict.remove(b"CreationDate");
                    dict.remove(b"ModDate");
                }
            }
            dict.set("Creator", Object::string_literal("galley"));
            dict.set(
                "Producer",
                Object::string_literal("galley (printpdf, lopdf)"),
            );
        }
    }
    if let Some(lang) = &info.language {
        let root = lo.trailer.get(b"Root").and_then(|o| o.as_reference());
        if let Ok(Object::Dictionary(catalog)) = root.and_then(|r| lo.get_object_mut(r)) {
            catalog.set("Lang", Object::string_literal(lang.as_str()));
        }
    }
}

/// Deflates every stream that may be compressed and is not yet, at a fast
/// level: proofs are made by the hundred, and level 9 saves little on glyph
/// positions and font programs.
fn deflate(lo: &mut lopdf::Document) -> Result<(), Error> {
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(&stream.content)
            .and_then(|_| encoder.finish())
            .map(|packed| {
                if packed.len() + 19 < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(packed);
                }
            })
            .map_err(|e| Error::new(format!("cannot deflate a PDF stream: {e}")))?;
    }
    Ok(())
}

/// Writes the file once with a placeholder `/ID` of the final length, then
/// puts in its place a hash of everything else written.
fn save_with_id(lo: &mut lopdf::Document) -> Result<Vec<u8>, Error> {
    const PLACEHOLDER: &str = "00000000000000000000000000000000";
    let id = |s: &str| Object::String(s.as_bytes().to_vec(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![id(PLACEHOLDER), id(PLACEHOLDER)]));
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| Error::new(format!("cannot write the PDF: {e}")))?;
    // Hexadecimal strings are written as hex digits of their bytes.
    let hex: String = PLACEHOLDER.bytes().map(|b| format!("{b:02X}")).collect();
    // The trailer is written last: its two strings are the last matches,
    // found from the end.
    let find_before = |end: usize| {
        out[..end]
            .windows(hex.len())
            .rposition(|w| w == hex.as_bytes())
    };
    let (Some(second), Some(first)) = (
        find_before(out.len()),
        find_before(out.len()).and_then(|s| find_before(s + hex.len() - 1)),
    ) else {
        return Err(Error::new("cannot write the PDF: its /ID went missing"));
    };
    let h = digest(&out);
    let real = format!("{:016x}{:016x}", h, fnv_more(h, b"galley"));
    let real: String = real.bytes().map(|b| format!("{b:02X}")).collect();
    for i in [first, second] {
        out[i..i + real.len()].copy_from_slice(real.as_bytes());
    }
    Ok(out)
}

fn cmyk(c: Cmyk) -> Color {
    Color::Cmyk(printpdf::Cmyk {
        c: c.c,
        m: c.m,
        y: c.y,
        k: c.k,
        icc_profile: None,
    })
}

/// Rounds to 1/1000 pt so that float noise never reaches the file.
fn round(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// A 64-bit digest of a file, eight bytes a step (FNV-1a's constants on
/// words): fonts and whole PDFs are hashed, so a byte a step would cost.
fn digest(data: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ data.len() as u64;
    let mut words = data.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        h = (h ^ w).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    fnv_more(h, words.remainder())
}

fn fnv_more(mut h: u64, data: &[u8]) -> u64 {
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Six capital letters from a hash, for a subset font's tag.
fn tag(mut h: u64) -> String {
    let mut s = String::new();
    for _ in 0..6 {
        s.push((b'A' + (h % 26) as u8) as char);
        h /= 26;
    }
    s
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970.
pub fn pdf_date(time: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::dates::civil(time);
    format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z")
}
