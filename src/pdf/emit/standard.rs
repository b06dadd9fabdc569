//! What a proof made to a standard carries beyond a plain proof, written
//! with lopdf after printpdf (which declares PDF/X but writes none of it):
//! the PDF version, XMP metadata, `/Trapped`, the output intent with its
//! embedded CMYK profile, sRGB as an ICC-based colour space for RGB photos,
//! and the viewer preference PDF/UA asks for.

use lopdf::{dictionary, Object, Stream};

use super::tags::text_string;
use super::Info;
use crate::diag::Error;
use crate::pdf::frame::{Frames, Source};
use crate::style::{OutputProfile, Standards};

/// The CMYK output profile embedded in every output intent: made with
/// ArgyllCMS's `colprof` from FOGRA's FOGRA29L characterisation data as
/// `icc-profiles-free` ships it (zlib licence; see `profiles/LICENSE`).
pub const OUTPUT_PROFILE: &[u8] = include_bytes!("profiles/galley-fogra29.icc");

/// The output profile's ICC data: the desk's when the style names one, else
/// galley's.
pub fn profile_data(desk: Option<&OutputProfile>) -> &[u8] {
    desk.map_or(OUTPUT_PROFILE, |p| p.data.as_slice())
}

/// The printing condition the profile characterises, as the ICC registry
/// names it: ISO 12647-2 offset on uncoated white paper.
pub const OUTPUT_CONDITION: &str = "FOGRA29";

/// sRGB, the colour space RGB photos are tagged with (icc-profiles-free,
/// zlib licence).
pub const SRGB_PROFILE: &[u8] = include_bytes!("profiles/sRGB.icc");

/// Reads a desk's CMYK output profile: an ICC output (`prtr`) profile of
/// four channels, version 2 or 4, whole as its header says. The condition
/// defaults to the profile's description.
pub fn read_profile(data: Vec<u8>, condition: Option<&str>) -> Result<OutputProfile, String> {
    let field = |at: usize| data.get(at..at + 4).unwrap_or(&[]);
    if data.len() < 132 || field(36) != b"acsp" {
        return Err("not an ICC profile (no `acsp` signature in its header)".into());
    }
    let size = u32::from_be_bytes(field(0).try_into().unwrap_or([0; 4])) as usize;
    if size > data.len() {
        return Err(format!(
            "the profile is cut short: its header gives {size} bytes, the file has {}",
            data.len()
        ));
    }
    if !matches!(data[8], 2 | 4) {
        return Err(format!(
            "ICC version {} is not one PDF/X-4 or PDF/A-2 takes (2 or 4)",
            data[8]
        ));
    }
    let class = String::from_utf8_lossy(field(12)).trim().to_string();
    let space = String::from_utf8_lossy(field(16)).trim().to_string();
    if class != "prtr" || space != "CMYK" {
        return Err(format!(
            "not a CMYK output profile: its class is `{class}` and its colour space `{space}` (an output intent needs `prtr` and `CMYK`)"
        ));
    }
    let description = profile_description(&data).unwrap_or_default();
    let condition = match condition {
        Some(c) => c.trim().to_string(),
        None if !description.is_empty() => description.clone(),
        None => {
            return Err(
                "the profile has no description to name its printing condition: give `output.condition`"
                    .into(),
            )
        }
    };
    Ok(OutputProfile {
        data: std::sync::Arc::new(data),
        condition,
        description,
    })
}

/// The text of a profile's `desc` tag (ICC v2 `desc` or v4 `mluc`, its
/// first record).
fn profile_description(data: &[u8]) -> Option<String> {
    let u32_at = |at: usize| -> Option<usize> {
        Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?) as usize)
    };
    let count = u32_at(128)?.min(1000);
    let (offset, size) = (0..count).find_map(|i| {
        let entry = 132 + 12 * i;
        (data.get(entry..entry + 4)? == b"desc")
            .then(|| Some((u32_at(entry + 4)?, u32_at(entry + 8)?)))?
    })?;
    let tag = data.get(offset..offset.checked_add(size)?)?;
    let text = match tag.get(..4)? {
        b"desc" => {
            let n = u32::from_be_bytes(tag.get(8..12)?.try_into().ok()?) as usize;
            String::from_utf8_lossy(tag.get(12..12 + n)?).into_owned()
        }
        b"mluc" => {
            let len = u32::from_be_bytes(tag.get(20..24)?.try_into().ok()?) as usize;
            let at = u32::from_be_bytes(tag.get(24..28)?.try_into().ok()?) as usize;
            let units: Vec<u16> = tag
                .get(at..at + len)?
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => return None,
    };
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// The PDF version a set of standards needs: PDF/X-4 is PDF 1.6 at most;
/// PDF/A-2 and PDF/UA-1 are PDF 1.7.
pub fn version(s: Standards) -> &'static str {
    if s.x4 {
        "1.6"
    } else {
        "1.7"
    }
}

/// Checks what the standards need of the document before it is written.
pub fn check(s: Standards, info: &Info) -> Result<(), Error> {
    let names = s.names();
    if (s.x4 || s.ua1) && info.title.trim().is_empty() {
        return Err(Error::new(format!(
            "{names} needs a title, and the article has no headline"
        )));
    }
    if s.x4 && info.time.is_none() {
        return Err(Error::new(format!(
            "{names} needs the proof's date: the article gives none (set SOURCE_DATE_EPOCH)"
        )));
    }
    Ok(())
}

/// Refuses a proof that would draw the empty glyph (.notdef) for a character
/// its fonts lack: PDF/A-2 (6.2.11.8) and PDF/UA-1 (7.21.8) forbid it, since
/// the text shows as nothing or a box. A plain or PDF/X proof warns of it
/// only (the engine's "no glyph" warning).
pub fn check_glyphs(s: Standards, frames: &Frames) -> Result<(), Error> {
    if !(s.a2b || s.ua1) {
        return Ok(());
    }
    let notdef = frames.pages.iter().enumerate().find_map(|(n, page)| {
        page.items.iter().find_map(|item| {
            let line = item.line()?;
            let glyph = line
                .runs
                .iter()
                .flat_map(|r| &r.glyphs)
                .find(|g| g.id == 0 && !g.text.as_str().trim().is_empty())?;
            Some((n + 1, item, glyph.text.as_str().to_string()))
        })
    });
    let Some((page, item, text)) = notdef else {
        return Ok(());
    };
    let codes: Vec<String> = text
        .chars()
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    let place = match item.source {
        Source::Block(b) => format!("body block {}", b + 1),
        Source::Head => "the head".to_string(),
        Source::Page => "the page".to_string(),
    };
    Err(Error::new(format!(
        "`{text}` ({}) in a {} line ({place}, page {page}) has no glyph in the style's fonts, \
         and {} forbids drawing the empty glyph: add a font that has it (`[fonts] files`)",
        codes.join(" "),
        item.role.name(),
        s.names()
    )))
}

/// Writes the standards' parts into the document, with the desk's output
/// profile when the style names one (else galley's); `id` is a digest of
/// the content, for the XMP document and instance IDs.
pub fn apply(
    lo: &mut lopdf::Document,
    s: Standards,
    desk: Option<&OutputProfile>,
    info: &Info,
    id: u64,
) {
    lo.version = version(s).to_string();
    let dates = info.time.map(|t| (super::pdf_date(t), xmp_date(t)));
    if let Ok(info_ref) = lo.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        if let Ok(Object::Dictionary(dict)) = lo.get_object_mut(info_ref) {
            dict.set("Title", text_string(&info.title));
            set_or_remove(dict, "Author", &info.author);
            set_or_remove(dict, "Subject", &info.subject);
            set_or_remove(dict, "Keywords", &info.keywords.join(", "));
            // Trapping is PDF/X's concern; galley does not trap.
            if s.x4 {
                dict.set("Trapped", Object::Name(b"False".to_vec()));
                dict.set("GTS_PDFXVersion", Object::string_literal("PDF/X-4"));
            } else {
                // printpdf's default, which the XMP would have to repeat.
                dict.remove(b"Trapped");
            }
        }
    }
    let xmp = xmp(s, info, dates.as_ref().map(|d| d.1.as_str()), id);
    let mut meta = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    );
    // Left unfiltered, so that tools that only scan for the packet find it.
    meta.allows_compression = false;
    let meta_id = lo.add_object(meta);

    let mut catalog_sets: Vec<(&str, Object)> = vec![("Metadata", meta_id.into())];
    if s.x4 || s.a2b {
        let data = profile_data(desk);
        let profile = lo.add_object(Stream::new(
            dictionary! { "N" => 4, "Alternate" => "DeviceCMYK" },
            data.to_vec(),
        ));
        let intent = |kind: &str| {
            let mut dict = dictionary! {
                "Type" => "OutputIntent",
                "S" => Object::Name(kind.as_bytes().to_vec()),
                "DestOutputProfile" => profile,
            };
            match desk {
                None => {
                    dict.set(
                        "OutputConditionIdentifier",
                        Object::string_literal(OUTPUT_CONDITION),
                    );
                    dict.set(
                        "OutputCondition",
                        Object::string_literal(
                            "Offset printing on uncoated white paper (ISO 12647-2, paper type 4)",
                        ),
                    );
                    dict.set(
                        "RegistryName",
                        Object::string_literal("http://www.color.org"),
                    );
                    dict.set(
                        "Info",
                        Object::string_literal("galley uncoated offset (FOGRA29L)"),
                    );
                }
                Some(p) => {
                    // The desk's condition, which may or may not be in the
                    // ICC's registry: no RegistryName is claimed for it.
                    dict.set("OutputConditionIdentifier", text_string(&p.condition));
                    if !p.description.is_empty() {
                        dict.set("Info", text_string(&p.description));
                    }
                }
            }
            Object::Dictionary(dict)
        };
        let mut intents = Vec::new();
        if s.x4 {
            intents.push(intent("GTS_PDFX"));
        }
        if s.a2b {
            intents.push(intent("GTS_PDFA1"));
        }
        catalog_sets.push(("OutputIntents", Object::Array(intents)));
        tag_rgb_images(lo);
    }
    if s.a2b {
        add_cid_sets(lo);
    }
    if s.ua1 {
        catalog_sets.push((
            "ViewerPreferences",
            Object::Dictionary(dictionary! { "DisplayDocTitle" => true }),
        ));
    }
    let root = lo.trailer.get(b"Root").and_then(|o| o.as_reference());
    if let Ok(Object::Dictionary(catalog)) = root.and_then(|r| lo.get_object_mut(r)) {
        for (key, value) in catalog_sets {
            catalog.set(key, value);
        }
    }
}

fn set_or_remove(dict: &mut lopdf::Dictionary, key: &str, value: &str) {
    if value.trim().is_empty() {
        dict.remove(key.as_bytes());
    } else {
        dict.set(key, text_string(value));
    }
}

/// Gives every DeviceRGB image the sRGB profile as an ICC-based space:
/// under a CMYK output intent, device RGB has no defined colour.
fn tag_rgb_images(lo: &mut lopdf::Document) {
    let rgb: Vec<_> = lo
        .objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Stream(s)
                if s.dict.get(b"Subtype").ok() == Some(&Object::Name(b"Image".to_vec()))
                    && s.dict.get(b"ColorSpace").ok()
                        == Some(&Object::Name(b"DeviceRGB".to_vec())) =>
            {
                Some(*id)
            }
            _ => None,
        })
        .collect();
    if rgb.is_empty() {
        return;
    }
    let srgb = lo.add_object(Stream::new(
        dictionary! { "N" => 3, "Alternate" => "DeviceRGB" },
        SRGB_PROFILE.to_vec(),
    ));
    for id in rgb {
        if let Ok(Object::Stream(s)) = lo.get_object_mut(id) {
            s.dict.set(
                "ColorSpace",
                Object::Array(vec![Object::Name(b"ICCBased".to_vec()), srgb.into()]),
            );
        }
    }
}

/// Gives each subset CID font a `/CIDSet` naming the glyphs its program
/// holds. PDF/A-2 leaves it optional; PDF/A-1 asks for it, and a complete
/// one costs a few bytes, so archive checkers of either part are satisfied.
/// printpdf's subsets number their glyphs from 0 without gaps, so the set
/// is every CID below the program's glyph count.
fn add_cid_sets(lo: &mut lopdf::Document) {
    let descriptors: Vec<(lopdf::ObjectId, lopdf::ObjectId)> = lo
        .objects
        .iter()
        .filter_map(|(id, o)| match o {
            Object::Dictionary(d)
                if d.get(b"Type").ok() == Some(&Object::Name(b"FontDescriptor".to_vec())) =>
            {
                let file = d.get(b"FontFile2").and_then(|f| f.as_reference()).ok()?;
                Some((*id, file))
            }
            _ => None,
        })
        .collect();
    for (descriptor, file) in descriptors {
        let glyphs = match lo.get_object(file) {
            Ok(Object::Stream(s)) => {
                let data = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                glyph_count(&data)
            }
            _ => None,
        };
        let Some(n) = glyphs else { continue };
        let mut bits = vec![0u8; n.div_ceil(8)];
        for cid in 0..n {
            bits[cid / 8] |= 0x80 >> (cid % 8);
        }
        let set = lo.add_object(Stream::new(lopdf::Dictionary::new(), bits));
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(descriptor) {
            d.set("CIDSet", set);
        }
    }
}

/// The number of glyphs in a TrueType or OpenType font program (`maxp`).
fn glyph_count(font: &[u8]) -> Option<usize> {
    let be16 = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let tables = be16(4)? as usize;
    (0..tables).find_map(|i| {
        let at = 12 + 16 * i;
        if font.get(at..at + 4)? == b"maxp" {
            let offset = be32(at + 8)? as usize;
            be16(offset + 4).map(usize::from)
        } else {
            None
        }
    })
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970.
pub fn xmp_date(time: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::dates::civil(time);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// XML text with its five special characters escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not XML.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet: Dublin Core, XMP basic, PDF, media management, and the
/// identification schemas of the standards chosen (with PDF/A's extension
/// schema descriptions for those PDF/A does not predefine).
pub fn xmp(s: Standards, info: &Info, date: Option<&str>, id: u64) -> String {
    let uuid = |salt: &str| {
        let mut bytes = id.to_be_bytes().to_vec();
        bytes.extend(salt.as_bytes());
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &bytes)
    };
    let mut x = String::new();
    x.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    x.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
    x.push_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    let open = |x: &mut String, prefix: &str, ns: &str| {
        x.push_str(&format!(
            "<rdf:Description rdf:about=\"\" xmlns:{prefix}=\"{ns}\">\n"
        ));
    };
    let close = |x: &mut String| x.push_str("</rdf:Description>\n");

    open(&mut x, "dc", "http://purl.org/dc/elements/1.1/");
    x.push_str("<dc:format>application/pdf</dc:format>\n");
    x.push_str(&format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
        esc(&info.title)
    ));
    if !info.author.trim().is_empty() {
        x.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            esc(&info.author)
        ));
    }
    if !info.subject.trim().is_empty() {
        x.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            esc(&info.subject)
        ));
    }
    if let Some(lang) = info.language.as_deref().filter(|l| !l.trim().is_empty()) {
        x.push_str(&format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
            esc(lang)
        ));
    }
    close(&mut x);

    open(&mut x, "xmp", "http://ns.adobe.com/xap/1.0/");
    x.push_str("<xmp:CreatorTool>galley</xmp:CreatorTool>\n");
    if let Some(date) = date {
        for key in ["CreateDate", "ModifyDate", "MetadataDate"] {
            x.push_str(&format!("<xmp:{key}>{date}</xmp:{key}>\n"));
        }
    }
    close(&mut x);

    open(&mut x, "pdf", "http://ns.adobe.com/pdf/1.3/");
    x.push_str("<pdf:Producer>galley (printpdf, lopdf)</pdf:Producer>\n");
    if !info.keywords.is_empty() {
        x.push_str(&format!(
            "<pdf:Keywords>{}</pdf:Keywords>\n",
            esc(&info.keywords.join(", "))
        ));
    }
    if s.x4 {
        x.push_str("<pdf:Trapped>False</pdf:Trapped>\n");
    }
    close(&mut x);

    open(&mut x, "xmpMM", "http://ns.adobe.com/xap/1.0/mm/");
    x.push_str(&format!(
        "<xmpMM:DocumentID>uuid:{}</xmpMM:DocumentID>\n",
        uuid("document")
    ));
    x.push_str(&format!(
        "<xmpMM:InstanceID>uuid:{}</xmpMM:InstanceID>\n",
        uuid("instance")
    ));
    x.push_str("<xmpMM:VersionID>1</xmpMM:VersionID>\n");
    x.push_str("<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n");
    close(&mut x);

    if s.x4 {
        open(&mut x, "pdfxid", "http://www.npes.org/pdfx/ns/id/");
        x.push_str("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n");
        close(&mut x);
    }
    if s.a2b {
        open(&mut x, "pdfaid", "http://www.aiim.org/pdfa/ns/id/");
        x.push_str("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
        close(&mut x);
    }
    if s.ua1 {
        open(&mut x, "pdfuaid", "http://www.aiim.org/pdfua/ns/id/");
        x.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
        close(&mut x);
    }
    if s.a2b && s.ua1 {
        x.push_str(PDFUA_EXTENSION);
    }
    x.push_str("</rdf:RDF>\n</x:xmpmeta>\n");
    // Room to edit the packet in place, as XMP writers leave.
    for _ in 0..20 {
        x.push_str(&" ".repeat(99));
        x.push('\n');
    }
    x.push_str("<?xpacket end=\"w\"?>");
    x
}

/// PDF/A accepts only the XMP properties it predefines or that the packet
/// describes: this describes `pdfuaid:part`.
const PDFUA_EXTENSION: &str = r#"<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"#;
