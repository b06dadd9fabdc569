//! Frames to PDF bytes with printpdf (fonts embedded and subset, ToUnicode)
//! and lopdf (BleedBox, dates, a content-derived `/ID`).
//!
//! printpdf names fonts and images from a global counter and stamps `/ID` at
//! random; every name here is chosen from the content so that the same input
//! gives the same bytes, also when several documents are made in one process.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::Object;
use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, ExternalStream, ExternalXObject, FontId, LinePoint,
    Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};

use crate::diag::Error;
use crate::pdf::frame::{Frames, Shape};
use crate::pdf::images::ColourSpace;
use crate::pdf::setter::FontData;
use crate::style::{Cmyk, PageSpec};
use crate::typeset::FaceId;

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
    /// Creation time, seconds since 1970 (from the options, never the clock).
    pub time: i64,
    /// The text's language as a BCP 47 tag, for the catalog's `/Lang`.
    pub language: Option<String>,
}

/// Draws the frames into a PDF whose pages have a TrimBox of `page`, a
/// BleedBox `page.bleed` beyond it and a MediaBox `page.slug` beyond that.
pub fn emit(
    frames: &Frames,
    page: &PageSpec,
    fonts: &dyn FontData,
    info: &Info,
) -> Result<Vec<u8>, Error> {
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
        let data = fonts
            .font_data(*face)
            .ok_or_else(|| Error::new(format!("no font data for face {}", face.0)))?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(data, 0, &mut warnings)
            .ok_or_else(|| Error::new(format!("face {} is not a usable font", face.0)))?;
        let mut hash = fnv(data);
        for g in glyphs {
            hash = fnv_more(hash, &g.to_be_bytes());
        }
        // The first six letters become the subset tag (`ABCDEF+Name`).
        let id = FontId(format!("{}F{}", tag(hash), face.0));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        font_ids.insert(*face, id);
    }

    // Images, named by their index.
    let mut image_ids = Vec::new();
    for (i, img) in frames.images.iter().enumerate() {
        let id = XObjectId(format!("Im{i}"));
        let mut dict = BTreeMap::new();
        let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
        dict.insert("Type".to_string(), name("XObject"));
        dict.insert("Subtype".to_string(), name("Image"));
        dict.insert("Width".to_string(), DictItem::Int(img.width as i64));
        dict.insert("Height".to_string(), DictItem::Int(img.height as i64));
        let space = match img.colour {
            ColourSpace::Gray => "DeviceGray",
            ColourSpace::Rgb => "DeviceRGB",
            ColourSpace::Cmyk => "DeviceCMYK",
        };
        dict.insert("ColorSpace".to_string(), name(space));
        dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
        if img.jpeg {
            dict.insert("Filter".to_string(), name("DCTDecode"));
        }
        if img.inverted {
            let d = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
            dict.insert("Decode".to_string(), DictItem::Array(d));
        }
        let xobject = ExternalXObject {
            stream: ExternalStream {
                dict,
                content: img.data.clone(),
                compress: !img.jpeg,
            },
            width: None,
            height: None,
            dpi: None,
        };
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::External(xobject));
        image_ids.push(id);
    }

    let to_pdf = |x: f32, y: f32| (off + x, off + page.height - y);
    let mut pages = Vec::new();
    for p in &frames.pages {
        let mut ops = Vec::new();
        for item in &p.items {
            match &item.shape {
                Shape::Text { at, line, colour } => {
                    let (x, y) = (&at.x, &at.y);
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFillColor { col: cmyk(*colour) });
                    for run in &line.runs {
                        let Some(font) = font_ids.get(&run.face) else {
                            continue;
                        };
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font.clone()),
                            size: Pt(run.size),
                        });
                        for g in &run.glyphs {
                            let (px, py) = to_pdf(x + g.x, *y);
                            ops.push(Op::SetTextMatrix {
                                matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, round(px), round(py)]),
                            });
                            ops.push(Op::ShowText {
                                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                                    g.id,
                                    0.0,
                                    g.text.clone(),
                                )])],
                            });
                        }
                    }
                    ops.push(Op::EndTextSection);
                }
                Shape::Rule {
                    from,
                    to,
                    weight,
                    colour,
                } => {
                    let (x0, y0) = to_pdf(from.x, from.y);
                    let (x1, y1) = to_pdf(to.x, to.y);
                    ops.push(Op::SetOutlineColor { col: cmyk(*colour) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*weight) });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![point(x0, y0), point(x1, y1)],
                            is_closed: false,
                        },
                    });
                }
                Shape::Box {
                    rect: area,
                    fill,
                    stroke,
                } => {
                    let (w, h) = (&area.w, &area.h);
                    let (px, py) = to_pdf(area.x, area.bottom());
                    if let Some(fill) = fill {
                        ops.push(Op::SetFillColor { col: cmyk(*fill) });
                        ops.push(Op::DrawRectangle {
                            rectangle: rect(px, py, *w, *h, PaintMode::Fill),
                        });
                    }
                    if let Some((weight, colour)) = stroke {
                        ops.push(Op::SetOutlineColor { col: cmyk(*colour) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*weight) });
                        ops.push(Op::DrawRectangle {
                            rectangle: rect(px, py, *w, *h, PaintMode::Stroke),
                        });
                    }
                }
                Shape::Image { frame, draw, image } => {
                    let Some(id) = image_ids.get(*image) else {
                        continue;
                    };
                    let (fx, fy) = to_pdf(frame.x, frame.bottom());
                    let (dx, dy) = to_pdf(draw.x, draw.bottom());
                    ops.push(Op::SaveGraphicsState);
                    // Clip to the frame: `x y w h re W n`.
                    ops.push(Op::Unknown {
                        key: "re".to_string(),
                        value: [fx, fy, frame.w, frame.h]
                            .map(|v| DictItem::Real(round(v)))
                            .to_vec(),
                    });
                    ops.push(Op::Unknown {
                        key: "W".to_string(),
                        value: vec![],
                    });
                    ops.push(Op::Unknown {
                        key: "n".to_string(),
                        value: vec![],
                    });
                    ops.push(Op::SetTransformationMatrix {
                        matrix: CurTransMat::Raw([
                            round(draw.w),
                            0.0,
                            0.0,
                            round(draw.h),
                            round(dx),
                            round(dy),
                        ]),
                    });
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            no_auto_scale: true,
                            ..Default::default()
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
            }
        }
        let mut pdf_page = PdfPage::new(printpdf::Mm(10.0), printpdf::Mm(10.0), ops);
        pdf_page.media_box = rect(0.0, 0.0, media.0, media.1, PaintMode::Fill);
        pdf_page.media_box.mode = None;
        pdf_page.trim_box = Rect {
            mode: None,
            ..rect(off, off, page.width, page.height, PaintMode::Fill)
        };
        pdf_page.crop_box = pdf_page.media_box.clone();
        pages.push(pdf_page);
    }
    doc.with_pages(pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        // Clipping paths are written as raw operators.
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    finish(&mut lo, page, off, info)?;
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| Error::new(format!("cannot write the PDF: {e}")))?;
    Ok(out)
}

/// Adds what printpdf does not write: BleedBox, dates, a deterministic `/ID`;
/// removes its empty PDF/X claim.
fn finish(lo: &mut lopdf::Document, page: &PageSpec, off: f32, info: &Info) -> Result<(), Error> {
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
    let date = pdf_date(info.time);
    if let Ok(info_ref) = lo.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        if let Ok(Object::Dictionary(dict)) = lo.get_object_mut(info_ref) {
            dict.remove(b"GTS_PDFXVersion");
            dict.remove(b"Identifier");
            dict.set("CreationDate", Object::string_literal(date.clone()));
            dict.set("ModDate", Object::string_literal(date));
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
    // The /ID: a hash of everything written so far.
    let mut probe = Vec::new();
    let mut copy = lo.clone();
    copy.trailer.remove(b"ID");
    copy.save_to(&mut probe)
        .map_err(|e| Error::new(format!("cannot write the PDF: {e}")))?;
    let h = fnv(&probe);
    let id = format!("{:016x}{:016x}", h, fnv_more(h, b"galley"));
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone().into_bytes(), lopdf::StringFormat::Hexadecimal),
            Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal),
        ]),
    );
    Ok(())
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(round(x)),
            y: Pt(round(y)),
        },
        bezier: false,
    }
}

fn rect(x: f32, y: f32, w: f32, h: f32, mode: PaintMode) -> Rect {
    Rect {
        x: Pt(round(x)),
        y: Pt(round(y)),
        width: Pt(round(w)),
        height: Pt(round(h)),
        mode: Some(mode),
        winding_order: None,
    }
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

fn fnv(data: &[u8]) -> u64 {
    fnv_more(0xcbf2_9ce4_8422_2325, data)
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
