//! Proofs made to standards (PDF/X-4, PDF/A-2b, PDF/UA-1), read back with
//! qpdf's JSON (the file's structure), lopdf (the content streams and their
//! marked content), poppler, Ghostscript and PDFBox Preflight.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::{engine, tool, write_temp};
use galley::backend::Document;
use galley::model::{plain_text, Article, Block};
use galley::pdf::{render, PdfOptions, Proof};
use galley::style::{Cmyk, RgbPhotos, Standards, Style};
use lopdf::content::Content;
use lopdf::Object;
use serde_json::Value;

/// 2026-12-09 14:30 UTC.
const TIME: i64 = 1_796_826_600;

fn ferry() -> Article {
    serde_json::from_str(include_str!("pdf/ferry.json")).expect("fixture tree")
}

fn photo_jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let v = (x * 255 / w.max(1)) as u8;
        if y < h * 2 / 5 {
            image::Rgb([120, 160, 200u8.saturating_sub(v / 4)])
        } else {
            image::Rgb([30, 60 + v / 3, 90])
        }
    });
    let mut out = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    img.write_with_encoder(enc).expect("jpeg");
    out
}

fn ferry_doc() -> Document {
    let mut doc = Document::new(ferry(), "ferry.json");
    doc.media = BTreeMap::from([("quay.jpg".to_string(), Ok(photo_jpeg(1200, 800)))]);
    doc
}

fn style(name: &str, standards: &[&str]) -> Style {
    let mut style = Style::builtin(name).expect("built-in style");
    style.output.standards = Standards::parse(standards.iter().copied()).expect("standards");
    style
}

fn proof(doc: &Document, style: &Style) -> Proof {
    let engine = engine();
    render(
        doc,
        style,
        &engine,
        &engine,
        &PdfOptions {
            pages: None,
            time: Some(TIME),
        },
    )
    .expect("proof")
}

// ---------------------------------------------------------------------------
// qpdf's JSON view of a file.

struct Json {
    objects: serde_json::Map<String, Value>,
}

impl Json {
    fn of(path: &str) -> Json {
        let out = Command::new("qpdf")
            .args([
                "--json=2",
                "--json-stream-data=inline",
                "--decode-level=generalized",
                path,
            ])
            .output()
            .expect("qpdf is needed (apt-get install qpdf)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("qpdf JSON");
        let objects = v["qpdf"][1].as_object().expect("objects").clone();
        Json { objects }
    }

    /// The value of an object, a reference followed.
    fn get<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => {
                let obj = &self.objects[&format!("obj:{r}")];
                obj.get("value").unwrap_or(obj)
            }
            _ => v,
        }
    }

    /// A dictionary entry (of a stream's dictionary too), references followed.
    fn at<'a>(&'a self, v: &'a Value, key: &str) -> &'a Value {
        let v = self.get(v);
        let dict = v.get("stream").map(|s| &s["dict"]).unwrap_or(v);
        self.get(&dict[key])
    }

    fn trailer(&self) -> &Value {
        &self.objects["trailer"]["value"]
    }

    fn catalog(&self) -> &Value {
        self.at(self.trailer(), "/Root")
    }

    fn info(&self) -> &Value {
        self.at(self.trailer(), "/Info")
    }

    fn stream_data(&self, v: &Value) -> Vec<u8> {
        let v = self.get(v);
        let data = v["stream"]["data"].as_str().expect("inline stream data");
        base64(data)
    }

    /// Every stream's dictionary, by object key.
    fn streams(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.objects
            .iter()
            .filter_map(|(k, o)| o.get("stream").map(|s| (k, &s["dict"])))
    }

    /// The image XObjects' dictionaries.
    fn images(&self) -> Vec<&Value> {
        self.streams()
            .map(|(_, d)| d)
            .filter(|d| d["/Subtype"] == "/Image")
            .collect()
    }

    fn pages(&self) -> Vec<&Value> {
        let mut out = Vec::new();
        let mut todo = vec![self.at(self.catalog(), "/Pages")];
        while let Some(node) = todo.pop() {
            if node["/Type"] == "/Page" {
                out.push(node);
            } else {
                let kids = node["/Kids"].as_array().expect("kids");
                todo.extend(kids.iter().rev().map(|k| self.get(k)));
            }
        }
        out
    }
}

/// Standard base64, as qpdf writes stream data.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | (d as u32) << (18 - 6 * i));
        out.extend(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// Text in qpdf's JSON: `u:…` strings.
fn text(v: &Value) -> &str {
    v.as_str()
        .and_then(|s| s.strip_prefix("u:"))
        .unwrap_or_else(|| panic!("not a text string: {v}"))
}

fn rect(v: &Value) -> [f64; 4] {
    let a = v.as_array().expect("box");
    [0, 1, 2, 3].map(|i| a[i].as_f64().expect("number"))
}

fn inside(inner: [f64; 4], outer: [f64; 4]) -> bool {
    inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
}

fn header(bytes: &[u8]) -> &str {
    std::str::from_utf8(&bytes[..8]).expect("header")
}

fn xmp(j: &Json) -> String {
    let meta = j.at(j.catalog(), "/Metadata");
    assert_eq!(j.at(meta, "/Subtype"), "/XML");
    String::from_utf8(j.stream_data(meta)).expect("XMP is UTF-8")
}

/// qpdf --check and Ghostscript both silent.
fn assert_clean(path: &str) {
    let out = tool("qpdf", &["--check", path]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
    assert!(!out.contains("WARNING"), "{out}");
    let gs = Command::new("gs")
        .args([
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=nullpage",
            path,
        ])
        .output()
        .expect("Ghostscript is needed (apt-get install ghostscript)");
    let said =
        String::from_utf8_lossy(&gs.stdout).into_owned() + &String::from_utf8_lossy(&gs.stderr);
    assert!(
        gs.status.success() && said.trim().is_empty(),
        "gs on {path}: {said}"
    );
}

/// What PDF/X-4 asks, as qpdf shows the file.
fn assert_x4(path: &str, bytes: &[u8]) {
    assert_eq!(header(bytes), "%PDF-1.6");
    let j = Json::of(path);
    let intents = j
        .at(j.catalog(), "/OutputIntents")
        .as_array()
        .expect("intents")
        .clone();
    let x: Vec<_> = intents
        .iter()
        .map(|i| j.get(i))
        .filter(|i| i["/S"] == "/GTS_PDFX")
        .collect();
    assert_eq!(x.len(), 1, "one PDF/X output intent");
    let intent = x[0];
    assert_eq!(text(&intent["/OutputConditionIdentifier"]), "FOGRA29");
    let profile = j.at(intent, "/DestOutputProfile");
    assert_eq!(j.at(profile, "/N"), 4);
    let icc = j.stream_data(profile);
    assert_eq!(&icc[12..20], b"prtrCMYK", "an output profile for CMYK");
    let info = j.info();
    assert_eq!(info["/Trapped"], "/False");
    assert_eq!(text(&info["/GTS_PDFXVersion"]), "PDF/X-4");
    assert!(!text(&info["/Title"]).is_empty());
    let xmp = xmp(&j);
    for needle in [
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
        "<pdf:Trapped>False</pdf:Trapped>",
        "<xmp:CreateDate>2026-12-09T14:30:00Z</xmp:CreateDate>",
        "<xmp:ModifyDate>2026-12-09T14:30:00Z</xmp:ModifyDate>",
        "<xmpMM:DocumentID>uuid:",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
    ] {
        assert!(xmp.contains(needle), "XMP lacks {needle}:\n{xmp}");
    }
    let id = j.trailer()["/ID"].as_array().expect("trailer /ID");
    assert_eq!(id.len(), 2);
    for page in j.pages() {
        let media = rect(&page["/MediaBox"]);
        let bleed = rect(&page["/BleedBox"]);
        let trim = rect(&page["/TrimBox"]);
        assert!(page.get("/ArtBox").is_none());
        assert!(
            inside(trim, bleed) && inside(bleed, media),
            "{media:?} {bleed:?} {trim:?}"
        );
    }
    assert_no_device_rgb(&j);
}

/// No image in device RGB: under a CMYK intent it has no defined colour.
fn assert_no_device_rgb(j: &Json) {
    for image in j.images() {
        assert_ne!(
            image["/ColorSpace"], "/DeviceRGB",
            "a device RGB image: {image}"
        );
    }
}

// ---------------------------------------------------------------------------
// The structure tree, read with lopdf: each element's text from its marked
// content, through the fonts' ToUnicode maps.

struct Tagged {
    /// Elements in tree order: (type, alt, text, pages).
    elems: Vec<(String, Option<String>, String, BTreeSet<usize>)>,
    role_map: BTreeMap<String, String>,
    /// Content drawn outside any marked content, per page.
    unmarked: Vec<usize>,
    /// MCIDs in the pages that no element claims.
    orphans: usize,
    lang: Option<String>,
}

fn to_unicode(doc: &lopdf::Document, font: &lopdf::Dictionary) -> BTreeMap<u16, String> {
    let mut map = BTreeMap::new();
    let Ok(r) = font.get(b"ToUnicode").and_then(|o| o.as_reference()) else {
        return map;
    };
    let Ok(Object::Stream(s)) = doc.get_object(r) else {
        return map;
    };
    let data = s
        .decompressed_content()
        .unwrap_or_else(|_| s.content.clone());
    let text = String::from_utf8_lossy(&data);
    let hex = |h: &str| u32::from_str_radix(h.trim_matches(|c| c == '<' || c == '>'), 16).ok();
    let utf16 = |h: &str| {
        let h = h.trim_matches(|c| c == '<' || c == '>');
        let units: Vec<u16> = (0..h.len() / 4)
            .filter_map(|i| u16::from_str_radix(&h[4 * i..4 * i + 4], 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut section = "";
    for line in text.lines() {
        let t = line.trim();
        if t.ends_with("beginbfchar") {
            section = "char";
            continue;
        }
        if t.ends_with("beginbfrange") {
            section = "range";
            continue;
        }
        if t.starts_with("endbf") {
            section = "";
            continue;
        }
        let parts: Vec<&str> = t.split_whitespace().collect();
        match (section, parts.as_slice()) {
            ("char", [code, dst]) => {
                if let Some(c) = hex(code) {
                    map.insert(c as u16, utf16(dst));
                }
            }
            ("range", [lo, hi, dst]) if dst.starts_with('<') => {
                if let (Some(lo), Some(hi), Some(d)) = (hex(lo), hex(hi), hex(dst)) {
                    for (k, c) in (lo..=hi).enumerate() {
                        let s = char::from_u32(d + k as u32)
                            .map(String::from)
                            .unwrap_or_default();
                        map.insert(c as u16, s);
                    }
                }
            }
            _ => {}
        }
    }
    map
}

fn tagged(bytes: &[u8]) -> Tagged {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the proof");
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let page_no: BTreeMap<lopdf::ObjectId, usize> =
        pages.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    // Text per (page, MCID); unmarked drawing per page.
    let mut mcid_text: BTreeMap<(usize, i64), String> = BTreeMap::new();
    let mut unmarked = vec![0; pages.len()];
    for (n, &pid) in pages.iter().enumerate() {
        let fonts = doc.get_page_fonts(pid).unwrap_or_default();
        let maps: BTreeMap<Vec<u8>, BTreeMap<u16, String>> = fonts
            .iter()
            .map(|(name, f)| (name.clone(), to_unicode(&doc, f)))
            .collect();
        let content = Content::decode(&doc.get_page_content(pid)).expect("ops");
        // The marked-content stack: MCID (or -1 for an artifact or a span).
        let mut stack: Vec<(String, Option<i64>, Option<String>)> = Vec::new();
        let mut font: Vec<u8> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = op.operands[0]
                        .as_name()
                        .map(|n| String::from_utf8_lossy(n).into_owned())
                        .unwrap_or_default();
                    let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                    let mcid = props
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|o| o.as_i64().ok());
                    let actual = props
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|o| o.as_str().ok())
                        .map(|b| {
                            let units: Vec<u16> = b[2..]
                                .chunks(2)
                                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                                .collect();
                            String::from_utf16_lossy(&units)
                        });
                    stack.push((tag, mcid, actual));
                }
                "EMC" => {
                    stack.pop();
                }
                "Tf" => {
                    font = op.operands[0]
                        .as_name()
                        .map(|n| n.to_vec())
                        .unwrap_or_default()
                }
                "TJ" | "Tj" | "Do" | "f" | "S" | "B" | "f*" => {
                    if stack.is_empty() {
                        unmarked[n] += 1;
                        continue;
                    }
                    let Some(mcid) = stack.iter().rev().find_map(|(_, m, _)| *m) else {
                        continue;
                    };
                    let out = mcid_text.entry((n, mcid)).or_default();
                    if let Some(actual) = stack.iter().rev().find_map(|(_, _, a)| a.clone()) {
                        out.push_str(&actual);
                        continue;
                    }
                    let map = maps.get(&font);
                    let strings: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => op.operands[0]
                            .as_array()
                            .map(|a| a.iter().collect())
                            .unwrap_or_default(),
                        "Tj" => op.operands.iter().collect(),
                        _ => Vec::new(),
                    };
                    for s in strings {
                        if let Ok(b) = s.as_str() {
                            for c in b.chunks(2) {
                                let code = u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]);
                                if let Some(t) = map.and_then(|m| m.get(&code)) {
                                    out.push_str(t);
                                }
                            }
                        } else if let Ok(k) = s.as_float() {
                            // A wide gap in a TJ array is a word space.
                            if k < -150.0 && !out.ends_with(' ') {
                                out.push(' ');
                            }
                        }
                    }
                    if op.operator == "TJ" && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                _ => {}
            }
        }
    }
    let catalog = doc.catalog().expect("catalog");
    let lang = catalog
        .get(b"Lang")
        .ok()
        .and_then(|o| o.as_str().ok())
        .map(|b| String::from_utf8_lossy(b).into_owned());
    let root = catalog
        .get(b"StructTreeRoot")
        .and_then(|o| o.as_reference())
        .expect("StructTreeRoot");
    let root = doc.get_dictionary(root).unwrap();
    let mut role_map = BTreeMap::new();
    if let Ok(rm) = root.get(b"RoleMap").and_then(|o| o.as_dict()) {
        for (k, v) in rm.iter() {
            role_map.insert(
                String::from_utf8_lossy(k).into_owned(),
                String::from_utf8_lossy(v.as_name().unwrap()).into_owned(),
            );
        }
    }
    let mut elems = Vec::new();
    let mut claimed = BTreeSet::new();
    let mut todo = vec![root.get(b"K").unwrap().as_reference().unwrap()];
    while let Some(id) = todo.pop() {
        let e = doc.get_dictionary(id).unwrap();
        let kind = String::from_utf8_lossy(e.get(b"S").unwrap().as_name().unwrap()).into_owned();
        let alt = e
            .get(b"Alt")
            .ok()
            .and_then(|o| o.as_str().ok())
            .map(decode_text);
        let mut text = String::new();
        let mut on = BTreeSet::new();
        let kids = e.get(b"K").unwrap().as_array().unwrap();
        let mut children = Vec::new();
        for k in kids {
            match k {
                Object::Reference(r) => children.push(*r),
                Object::Dictionary(mcr) => {
                    let pg = mcr.get(b"Pg").unwrap().as_reference().unwrap();
                    let mcid = mcr.get(b"MCID").unwrap().as_i64().unwrap();
                    let n = page_no[&pg];
                    on.insert(n);
                    claimed.insert((n, mcid));
                    text.push_str(mcid_text.get(&(n, mcid)).map_or("", |s| s.as_str()));
                    text.push(' ');
                }
                other => panic!("unexpected kid {other:?}"),
            }
        }
        elems.push((kind, alt, text, on));
        todo.extend(children.into_iter().rev());
    }
    let orphans = mcid_text.keys().filter(|k| !claimed.contains(k)).count();
    Tagged {
        elems,
        role_map,
        unmarked,
        orphans,
        lang,
    }
}

fn decode_text(b: &[u8]) -> String {
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(b).into_owned()
    }
}

/// Letters and digits, lower case: text compared whatever typography did.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What PDF/UA-1 asks, as qpdf shows the file.
fn assert_ua1(path: &str) {
    let j = Json::of(path);
    let catalog = j.catalog();
    assert_eq!(j.at(catalog, "/MarkInfo")["/Marked"], true);
    assert!(!text(&catalog["/Lang"]).is_empty());
    assert_eq!(
        j.at(catalog, "/ViewerPreferences")["/DisplayDocTitle"],
        true
    );
    let root = j.at(catalog, "/StructTreeRoot");
    assert_eq!(root["/Type"], "/StructTreeRoot");
    assert!(j.at(root, "/ParentTree").get("/Nums").is_some());
    let role_map = j.at(root, "/RoleMap");
    assert_eq!(role_map["/Aside"], "/Sect");
    assert!(xmp(&j).contains("<pdfuaid:part>1</pdfuaid:part>"));
    for (n, page) in j.pages().iter().enumerate() {
        assert_eq!(page["/StructParents"], n);
    }
}

// ---------------------------------------------------------------------------

#[test]
fn a_plain_proof_claims_no_standard_and_carries_no_tags() {
    let proof = proof(&ferry_doc(), &Style::builtin("tabloid").unwrap());
    let bytes = &proof.output.bytes;
    assert_eq!(header(bytes), "%PDF-1.3");
    let path = write_temp("standard-none.pdf", bytes);
    let j = Json::of(&path);
    let catalog = j.catalog();
    for key in [
        "/StructTreeRoot",
        "/MarkInfo",
        "/OutputIntents",
        "/Metadata",
    ] {
        assert!(catalog.get(key).is_none(), "{key} in a plain proof");
    }
    assert!(j.info().get("/GTS_PDFXVersion").is_none());
}

#[test]
fn pdf_x4_has_its_intent_profile_metadata_and_boxes() {
    let doc = ferry_doc();
    for name in ["tabloid", "letter"] {
        let proof = proof(&doc, &style(name, &["pdf/x-4"]));
        let path = write_temp(&format!("standard-x4-{name}.pdf"), &proof.output.bytes);
        assert_x4(&path, &proof.output.bytes);
        assert_clean(&path);
        // The RGB photo stays RGB, as sRGB.
        let j = Json::of(&path);
        let images = j.images();
        assert_eq!(images.len(), 1);
        let cs = images[0]["/ColorSpace"].as_array().expect("[/ICCBased …]");
        assert_eq!(cs[0], "/ICCBased");
        assert_eq!(j.at(&cs[1], "/N"), 3);
        // Tagged sRGB is what X-4 allows: no warning that it is RGB, which a
        // plain proof of the same style still gives.
        let rgb = |p: &Proof| {
            p.output
                .warnings
                .iter()
                .any(|w| w.message.contains("is RGB in a CMYK style"))
        };
        assert!(!rgb(&proof), "{:?}", proof.output.warnings);
        assert!(rgb(&self::proof(&doc, &style(name, &[]))));
    }
}

#[test]
fn pdf_x4_without_a_date_is_an_error() {
    let engine = engine();
    let err = render(
        &ferry_doc(),
        &style("tabloid", &["pdf/x-4"]),
        &engine,
        &engine,
        &PdfOptions {
            pages: None,
            time: None,
        },
    )
    .unwrap_err();
    assert!(err.message.contains("date"), "{}", err.message);
}

#[test]
fn the_tagged_story_reads_in_order_with_its_figure_and_asides() {
    let doc = ferry_doc();
    let proof = proof(&doc, &style("tabloid", &["pdf/ua-1"]));
    let path = write_temp("standard-ua1.pdf", &proof.output.bytes);
    assert_eq!(header(&proof.output.bytes), "%PDF-1.7");
    assert_ua1(&path);
    assert_clean(&path);
    let t = tagged(&proof.output.bytes);
    assert_eq!(
        t.unmarked.iter().sum::<usize>(),
        0,
        "content outside marked content: {:?}",
        t.unmarked
    );
    assert_eq!(t.orphans, 0, "marked content no element claims");
    assert_eq!(t.lang.as_deref(), doc.article.meta.language.as_deref());
    let kinds: Vec<&str> = t.elems.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(kinds[0], "Document");
    // The headline is the one H1, and comes before the body.
    let h1: Vec<_> = t.elems.iter().filter(|e| e.0 == "H1").collect();
    assert_eq!(h1.len(), 1);
    assert_eq!(letters(&h1[0].2), letters(&doc.article.meta.headline));
    // Every paragraph of the body is a P, in the article's order, whole.
    let paragraphs: Vec<String> = doc
        .article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(letters(&plain_text(content))),
            _ => None,
        })
        .collect();
    let ps: Vec<String> = t
        .elems
        .iter()
        .filter(|e| e.0 == "P")
        .map(|e| letters(&e.2))
        .filter(|p| paragraphs.iter().any(|q| p.ends_with(q.as_str()) || q == p))
        .collect();
    assert_eq!(ps.len(), paragraphs.len(), "{kinds:?}");
    // The figure has the tree's alternate text (or its caption) and a caption.
    let fig = t.elems.iter().find(|e| e.0 == "Figure").expect("Figure");
    assert!(fig.1.as_deref().is_some_and(|a| !a.is_empty()));
    let fig_at = kinds.iter().position(|k| *k == "Figure").unwrap();
    assert_eq!(kinds[fig_at + 1], "Caption");
    // Pull quotes are asides, mapped to Sect.
    let quotes = doc
        .article
        .body
        .iter()
        .filter(|b| matches!(b, Block::PullQuote { .. }))
        .count();
    if quotes > 0 {
        assert!(kinds.contains(&"Aside"));
        assert_eq!(t.role_map.get("Aside").map(String::as_str), Some("Sect"));
    }
}

#[test]
fn a_paragraph_across_pages_is_one_element() {
    let mut doc = ferry_doc();
    // A story long enough for three letter pages.
    let body: Vec<Block> = doc.article.body.clone();
    for _ in 0..4 {
        doc.article.body.extend(
            body.iter()
                .filter(|b| matches!(b, Block::Paragraph { .. }))
                .cloned(),
        );
    }
    let proof = proof(&doc, &style("letter", &["pdf/ua-1"]));
    assert!(proof.report.pages >= 2);
    let t = tagged(&proof.output.bytes);
    assert_eq!(t.unmarked.iter().sum::<usize>(), 0);
    assert_eq!(t.orphans, 0);
    let across = t
        .elems
        .iter()
        .filter(|e| e.0 == "P" && e.3.len() > 1)
        .count();
    assert!(across >= 1, "no paragraph runs across a page turn");
    // The P elements read the body's paragraphs in order.
    let want: Vec<String> = doc
        .article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(letters(&plain_text(content))),
            _ => None,
        })
        .collect();
    let got: Vec<String> = t
        .elems
        .iter()
        .filter(|e| e.0 == "P")
        .map(|e| letters(&e.2))
        .collect();
    let mut at = 0;
    for w in &want {
        let found = got[at..].iter().position(|g| g.ends_with(w.as_str()));
        let Some(k) = found else {
            panic!("paragraph missing or out of order: {w}");
        };
        at += k + 1;
    }
}

#[test]
fn tables_fact_boxes_and_lists_get_their_structure() {
    let mut doc = ferry_doc();
    let tree: Article = serde_json::from_value(serde_json::json!({
        "version": 1,
        "meta": {"headline": "Tides", "language": "en"},
        "body": [
            {"type": "paragraph", "content": [{"type": "text", "text": "The tide tables for the week follow, with the rules for the quay."}]},
            {"type": "table", "caption": [{"type": "text", "text": "High water"}], "rows": [
                {"header": true, "cells": [{"content": [{"type": "text", "text": "Day"}]}, {"content": [{"type": "text", "text": "Time"}]}]},
                {"cells": [{"content": [{"type": "text", "text": "Monday"}]}, {"content": [{"type": "text", "text": "06.12"}]}]},
                {"cells": [{"content": [{"type": "text", "text": "Tuesday"}]}, {"content": [{"type": "text", "text": "06.58"}]}]}
            ]},
            {"type": "sidebar", "title": "At the quay", "body": [
                {"type": "paragraph", "content": [{"type": "text", "text": "Moor only at the east wall."}]},
                {"type": "paragraph", "content": [{"type": "text", "text": "Keep the slipway clear."}]}
            ]},
            {"type": "list", "ordered": false, "items": [
                [{"type": "paragraph", "content": [{"type": "text", "text": "Life jackets"}]}],
                [{"type": "paragraph", "content": [{"type": "text", "text": "A working radio"}]}]
            ]}
        ]
    }))
    .expect("tree");
    doc.article = tree;
    doc.media.clear();
    let proof = proof(&doc, &style("tabloid", &["pdf/ua-1"]));
    let path = write_temp("standard-structure.pdf", &proof.output.bytes);
    assert_ua1(&path);
    let t = tagged(&proof.output.bytes);
    assert_eq!(t.unmarked.iter().sum::<usize>(), 0);
    let of = |kind: &str| -> Vec<String> {
        t.elems
            .iter()
            .filter(|e| e.0 == kind)
            .map(|e| letters(&e.2))
            .collect()
    };
    assert_eq!(of("TH"), ["day", "time"]);
    assert_eq!(of("TD"), ["monday", "0612", "tuesday", "0658"]);
    assert_eq!(of("TR").len(), 3);
    assert_eq!(of("Caption"), ["highwater"]);
    assert_eq!(of("LBody"), ["lifejackets", "aworkingradio"]);
    let aside = t
        .elems
        .iter()
        .position(|e| e.0 == "Aside")
        .expect("fact box aside");
    assert_eq!(letters(&t.elems[aside + 1].2), "atthequay");
    assert_eq!(letters(&t.elems[aside + 2].2), "mooronlyattheeastwall");
    assert_eq!(letters(&t.elems[aside + 3].2), "keeptheslipwayclear");
}

#[test]
fn ua1_without_a_language_is_tagged_as_the_english_it_was_set_in() {
    let mut doc = ferry_doc();
    doc.article.meta.language = None;
    let proof = proof(&doc, &style("tabloid", &["pdf/ua-1"]));
    assert!(proof
        .output
        .warnings
        .iter()
        .any(|w| w.message.contains("names no language") && w.message.contains("(en)")));
    assert_eq!(tagged(&proof.output.bytes).lang.as_deref(), Some("en"));
}

#[test]
fn a_character_without_a_glyph_is_an_error_in_pdf_a_and_ua_only() {
    let mut doc = ferry_doc();
    let Some(Block::Paragraph { content, .. }) = doc.article.body.get_mut(1) else {
        panic!("the ferry's second block is its first paragraph");
    };
    content.push(
        serde_json::from_value(serde_json::json!({"type": "text", "text": " \u{1F6A2}"})).unwrap(),
    );
    let engine = engine();
    let make = |standards: &[&str]| {
        render(
            &doc,
            &style("tabloid", standards),
            &engine,
            &engine,
            &PdfOptions {
                pages: None,
                time: Some(TIME),
            },
        )
    };
    for standards in [&["pdf/ua-1"][..], &["pdf/a-2b"], &["pdf/x-4", "pdf/ua-1"]] {
        let Err(e) = make(standards) else {
            panic!("{standards:?}: made although a glyph is missing");
        };
        let e = e.to_string();
        assert!(
            e.contains("U+1F6A2")
                && e.contains("body line (body block 2, page 1)")
                && e.contains("[fonts] files"),
            "{e}"
        );
    }
    // X-4 alone, and a plain proof, warn of the missing glyph and go on.
    for standards in [&["pdf/x-4"][..], &[]] {
        let proof = make(standards).expect("a proof");
        assert!(proof
            .output
            .warnings
            .iter()
            .any(|w| w.message.contains("no glyph for U+1F6A2")));
    }
}

#[test]
fn x4_with_ua1_is_both_and_the_same_bytes_twice() {
    let doc = ferry_doc();
    let s = style("berliner", &["pdf/x-4", "pdf/ua-1"]);
    let a = proof(&doc, &s);
    let b = proof(&doc, &s);
    assert!(a.output.bytes == b.output.bytes, "two runs differ");
    let path = write_temp("standard-x4-ua1.pdf", &a.output.bytes);
    assert_x4(&path, &a.output.bytes);
    assert_ua1(&path);
    assert_clean(&path);
}

#[test]
fn x4_and_a2b_are_not_made_together() {
    assert!(Standards::parse(["pdf/x-4", "pdf/a-2b"]).is_err());
    assert!(Standards::parse(["pdf/a-2b", "pdf/ua-1"]).is_ok());
    assert!(Standards::parse(["pdf/x-1a"])
        .unwrap_err()
        .contains("pdf/x-4"));
}

/// PDFBox Preflight's verdict: the error codes it lists.
fn preflight(path: &str) -> Vec<String> {
    let jars = [
        "preflight",
        "pdfbox2",
        "fontbox2",
        "xmpbox",
        "commons-logging",
        "javax.activation",
        "jaxb-api",
    ]
    .map(|j| format!("/usr/share/java/{j}.jar"));
    for j in &jars {
        assert!(
            Path::new(j).exists(),
            "{j} is needed (apt-get install libpdfbox2-java libactivation-java libjaxb-api-java)"
        );
    }
    let out = Command::new("java")
        .args([
            "-cp",
            &jars.join(":"),
            "org.apache.pdfbox.preflight.Validator_A1b",
            path,
        ])
        .output()
        .expect("java");
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    // A verdict, or Preflight did not run.
    assert!(
        said.contains("is a valid PDF/A-1b file") || said.contains("is not a valid PDF/A-1b file"),
        "Preflight gave no verdict: {said}"
    );
    said.lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn pdf_a2b_passes_every_preflight_check_but_the_part_number() {
    let doc = ferry_doc();
    let made = proof(&doc, &style("tabloid", &["pdf/a-2b", "pdf/ua-1"]));
    let path = write_temp("standard-a2b.pdf", &made.output.bytes);
    assert_eq!(header(&made.output.bytes), "%PDF-1.7");
    assert_clean(&path);
    let j = Json::of(&path);
    let xmp = xmp(&j);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    let intents = j
        .at(j.catalog(), "/OutputIntents")
        .as_array()
        .unwrap()
        .clone();
    assert!(intents.iter().any(|i| j.get(i)["/S"] == "/GTS_PDFA1"));
    // Trapping is PDF/X's: neither the Info nor the XMP speaks of it here.
    assert!(j.info().get("/Trapped").is_none());
    assert!(!xmp.contains("Trapped"));
    assert_no_device_rgb(&j);
    // Preflight checks PDF/A-1b, which A-2b relaxes: every check it makes
    // passes but the part number it was written for.
    assert_eq!(
        preflight(&path),
        ["7.11.2 : Error on MetaData, part must be 1"]
    );
    // And it does fail a plain proof (no intent, no metadata, no CIDSet).
    let plain = proof(&doc, &Style::builtin("tabloid").unwrap());
    let plain_path = write_temp("standard-a2b-plain.pdf", &plain.output.bytes);
    let errors = preflight(&plain_path);
    assert!(errors.iter().any(|e| e.contains("CIDSet")), "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.contains("DestOutputProfile")),
        "{errors:#?}"
    );
}

#[test]
fn rgb_photos_converted_or_refused_as_the_style_says() {
    let doc = ferry_doc();
    let mut s = style("tabloid", &["pdf/x-4"]);
    s.output.rgb_photos = RgbPhotos::Convert;
    let proof = proof(&doc, &s);
    let path = write_temp("standard-convert.pdf", &proof.output.bytes);
    assert_x4(&path, &proof.output.bytes);
    assert_clean(&path);
    let j = Json::of(&path);
    let images = j.images();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0]["/ColorSpace"], "/DeviceCMYK");
    // A JPEG stays a JPEG, in Adobe's inverted CMYK, which /Decode undoes.
    assert_eq!(images[0]["/Filter"], "/DCTDecode");
    let decode: Vec<f64> = images[0]["/Decode"]
        .as_array()
        .expect("/Decode")
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(decode, [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
    let pdf = lopdf::Document::load_mem(&proof.output.bytes).unwrap();
    let jpeg = pdf
        .objects
        .values()
        .find_map(|o| match o {
            Object::Stream(s)
                if s.dict.get(b"Subtype").ok() == Some(&Object::Name(b"Image".to_vec())) =>
            {
                Some(s.content.clone())
            }
            _ => None,
        })
        .unwrap();
    // Read back as RGB: the sky (sRGB 120, 160, ~195) is still a light
    // blue, the ground (30, ~80, 90) dark.
    let rgb = image::load_from_memory(&jpeg).expect("a JPEG").to_rgb8();
    let (w, h) = rgb.dimensions();
    let sky = rgb.get_pixel(w / 2, h / 10).0;
    let ground = rgb.get_pixel(w / 10, h * 9 / 10).0;
    assert!(sky[2] > sky[0] + 40 && sky[2] > 150, "sky {sky:?}");
    assert!(ground.iter().all(|&c| c < 140), "ground {ground:?}");

    s.output.rgb_photos = RgbPhotos::Refuse;
    let engine = engine();
    let err = render(
        &doc,
        &s,
        &engine,
        &engine,
        &PdfOptions {
            pages: None,
            time: Some(TIME),
        },
    )
    .unwrap_err();
    assert!(
        err.message.contains("quay.jpg") && err.message.contains("RGB"),
        "{}",
        err.message
    );
}

#[test]
fn black_overprints_and_large_type_takes_rich_black() {
    let doc = ferry_doc();
    let mut s = style("tabloid", &["pdf/x-4"]);
    s.output.black_overprint = true;
    let rich = Cmyk {
        c: 0.6,
        m: 0.4,
        y: 0.4,
        k: 1.0,
    };
    s.output.rich_black = Some((rich, 30.0));
    let proof = proof(&doc, &s);
    let path = write_temp("standard-black.pdf", &proof.output.bytes);
    assert_x4(&path, &proof.output.bytes);
    assert_clean(&path);
    let pdf = lopdf::Document::load_mem(&proof.output.bytes).unwrap();
    let (_, page) = pdf.get_pages().into_iter().next().unwrap();
    let content = Content::decode(&pdf.get_page_content(page)).unwrap();
    let ops = &content.operations;
    // The overprint state: OP, op, OPM 1.
    let gs_name = ops
        .iter()
        .find(|o| o.operator == "gs")
        .and_then(|o| o.operands[0].as_name().ok())
        .expect("a gs operator")
        .to_vec();
    let dict = |o: &Object| -> lopdf::Dictionary {
        match o {
            Object::Reference(r) => pdf.get_dictionary(*r).unwrap().clone(),
            Object::Dictionary(d) => d.clone(),
            other => panic!("not a dictionary: {other:?}"),
        }
    };
    let page_dict = pdf.get_dictionary(page).unwrap();
    let resources = dict(page_dict.get(b"Resources").unwrap());
    let ext = dict(resources.get(b"ExtGState").expect("ExtGState"));
    let state = dict(ext.get(&gs_name).unwrap());
    assert_eq!(state.get(b"OP").unwrap(), &Object::Boolean(true));
    assert_eq!(state.get(b"op").unwrap(), &Object::Boolean(true));
    assert_eq!(state.get(b"OPM").unwrap().as_i64().unwrap(), 1);
    // Black body text is drawn under it; the headline is rich black.
    let fills: Vec<Vec<f32>> = ops
        .iter()
        .filter(|o| o.operator == "k")
        .map(|o| o.operands.iter().map(|v| v.as_float().unwrap()).collect())
        .collect();
    assert!(
        fills.iter().any(|f| f == &[0.6, 0.4, 0.4, 1.0]),
        "no rich black: {fills:?}"
    );
    let mut in_gs = false;
    let mut black_text_in_gs = 0;
    for op in ops {
        match op.operator.as_str() {
            "gs" => in_gs = true,
            "Q" => in_gs = false,
            "k" if in_gs
                && op
                    .operands
                    .iter()
                    .map(|v| v.as_float().unwrap())
                    .eq([0.0, 0.0, 0.0, 1.0]) =>
            {
                black_text_in_gs += 1
            }
            "k" if !in_gs
                && op
                    .operands
                    .iter()
                    .map(|v| v.as_float().unwrap())
                    .eq([0.0, 0.0, 0.0, 1.0]) =>
            {
                panic!("solid black drawn without overprint")
            }
            _ => {}
        }
    }
    assert!(black_text_in_gs > 10);
}

/// The examples, through the command, in every built-in style, to PDF/X-4
/// and to PDF/UA-1.
#[test]
fn every_example_in_every_style_meets_x4_and_ua1() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water");
    let out_root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("standard-examples");
    let _ = std::fs::remove_dir_all(&out_root);
    for (name, _) in galley::style::BUILTIN {
        for standard in ["pdf/x-4", "pdf/ua-1"] {
            let out = out_root.join(format!("{name}-{}", standard.replace('/', "-")));
            let run = Command::new(env!("CARGO_BIN_EXE_galley"))
                .args([
                    "pdf",
                    examples.to_str().unwrap(),
                    "-o",
                    out.to_str().unwrap(),
                ])
                .args(["--style", name, "--standard", standard])
                .env("SOURCE_DATE_EPOCH", TIME.to_string())
                .output()
                .unwrap();
            assert!(
                run.status.success(),
                "{name} {standard}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            let mut made = 0;
            for entry in std::fs::read_dir(&out).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "pdf") {
                    continue;
                }
                made += 1;
                let p = path.to_str().unwrap();
                let bytes = std::fs::read(&path).unwrap();
                assert_clean(p);
                if standard == "pdf/x-4" {
                    assert_x4(p, &bytes);
                } else {
                    assert_ua1(p);
                    let t = tagged(&bytes);
                    assert_eq!(t.unmarked.iter().sum::<usize>(), 0, "{p}");
                    assert_eq!(t.orphans, 0, "{p}");
                    assert!(t.elems.iter().any(|e| e.0 == "H1"), "{p}");
                }
            }
            assert_eq!(made, 4, "{name} {standard}");
        }
    }
}

#[test]
fn the_command_and_the_style_take_standards() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water/day1.xml");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("standard-cli.pdf");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_galley"))
            .args([
                "pdf",
                examples.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .args(args)
            .env("SOURCE_DATE_EPOCH", TIME.to_string())
            .output()
            .unwrap()
    };
    let both = run(&["--standard", "pdf/x-4,pdf/ua-1"]);
    assert!(
        both.status.success(),
        "{}",
        String::from_utf8_lossy(&both.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert_x4(out.to_str().unwrap(), &bytes);
    assert_ua1(out.to_str().unwrap());
    let bad = run(&["--standard", "pdf/x-4", "--standard", "pdf/a-2b"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not made together"));
    let unknown = run(&["--standard", "pdf/x-1a"]);
    assert_eq!(unknown.status.code(), Some(2));
    // And batch takes it too.
    let batch_out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("standard-batch");
    let _ = std::fs::remove_dir_all(&batch_out);
    let batch = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args([
            "batch",
            examples.to_str().unwrap(),
            "-o",
            batch_out.to_str().unwrap(),
        ])
        .args(["--to", "pdf", "--standard", "pdf/ua-1"])
        .env("SOURCE_DATE_EPOCH", TIME.to_string())
        .output()
        .unwrap();
    assert!(
        batch.status.success(),
        "{}",
        String::from_utf8_lossy(&batch.stderr)
    );
    assert_ua1(batch_out.join("day1.pdf").to_str().unwrap());
    // The style key.
    let base = galley::style::BUILTIN
        .iter()
        .find(|(n, _)| *n == "letter")
        .unwrap()
        .1;
    let sheet = format!("{base}\n[output]\nstandard = [\"pdf/ua-1\"]\nblack_overprint = true\n");
    let s = Style::from_toml(&sheet, "press.toml").unwrap();
    assert!(s.output.standards.ua1 && !s.output.standards.x4 && s.output.black_overprint);
    let err = Style::from_toml(
        &format!("{base}\n[output]\nstandard = \"pdf/x-9\"\n"),
        "bad.toml",
    )
    .unwrap_err();
    assert_eq!(err.key.as_deref(), Some("output.standard"));
    let err = Style::from_toml(
        &format!("{base}\n[output]\nrgb_photos = \"maybe\"\n"),
        "bad.toml",
    )
    .unwrap_err();
    assert_eq!(err.key.as_deref(), Some("output.rgb_photos"));
}

#[test]
fn a_desk_names_its_own_output_profile_and_condition() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("standard-desk-profile");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let profiles = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pdf/emit/profiles");
    // A profile of the desk's: galley's own with another creator in its
    // header, so the bytes embedded can be told from the built-in's.
    let mut desk = std::fs::read(profiles.join("galley-fogra29.icc")).unwrap();
    desk[80..84].copy_from_slice(b"LMVK");
    std::fs::write(dir.join("coldset.icc"), &desk).unwrap();
    std::fs::copy(profiles.join("sRGB.icc"), dir.join("screen.icc")).unwrap();
    let tabloid =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/tabloid.toml"))
            .unwrap();
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water/day1.xml");
    let run = |name: &str, output: &str| {
        let sheet = dir.join(format!("{name}.toml"));
        std::fs::write(&sheet, format!("{tabloid}\n[output]\n{output}\n")).unwrap();
        let out = dir.join(format!("{name}.pdf"));
        let result = Command::new(env!("CARGO_BIN_EXE_galley"))
            .args([
                "pdf",
                article.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .args(["--style", sheet.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", TIME.to_string())
            .output()
            .unwrap();
        (result, out)
    };
    let intent_of = |path: &Path| {
        let j = Json::of(path.to_str().unwrap());
        let intents = j
            .at(j.catalog(), "/OutputIntents")
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(intents.len(), 1);
        let intent = j.get(&intents[0]).clone();
        let data = j.stream_data(j.at(&intent, "/DestOutputProfile"));
        (intent, data)
    };

    let (made, out) = run(
        "coldset",
        "standard = \"pdf/x-4\"\nprofile = \"coldset.icc\"\ncondition = \"Lomvik Press coldset 45 gsm\"\nrgb_photos = \"convert\"",
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let (intent, data) = intent_of(&out);
    assert_eq!(
        text(&intent["/OutputConditionIdentifier"]),
        "Lomvik Press coldset 45 gsm"
    );
    assert_eq!(text(&intent["/Info"]), "galley uncoated offset (FOGRA29L)");
    assert!(intent.get("/RegistryName").is_none(), "{intent}");
    assert!(data == desk, "the desk's profile is embedded as it is");
    assert_clean(out.to_str().unwrap());

    // Without a condition, the profile's description names it.
    let (made, out) = run(
        "described",
        "standard = \"pdf/x-4\"\nprofile = \"coldset.icc\"",
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let (intent, _) = intent_of(&out);
    assert_eq!(
        text(&intent["/OutputConditionIdentifier"]),
        "galley uncoated offset (FOGRA29L)"
    );

    // A screen profile, a missing file and a condition without a profile
    // are the sheet's errors, each naming its key.
    for (name, output, says) in [
        (
            "screen",
            "standard = \"pdf/x-4\"\nprofile = \"screen.icc\"",
            "not a CMYK output profile: its class is `mntr` and its colour space `RGB`",
        ),
        ("missing", "profile = \"newsprint.icc\"", "cannot read it"),
        (
            "orphan",
            "condition = \"IFRA26\"",
            "names the condition of output.profile",
        ),
    ] {
        let (made, out) = run(name, output);
        let stderr = String::from_utf8_lossy(&made.stderr);
        assert_eq!(made.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(says) && stderr.contains("output."),
            "{name}: {stderr}"
        );
        assert!(!out.exists(), "{name}: no proof is written");
    }
}
