//! Images for the PDF: JPEGs pass through untouched (DCTDecode); other formats
//! are decoded and stored losslessly (Flate). Photos are cropped to their frame
//! by scaling to cover it and clipping, never by distorting them.

use std::collections::BTreeMap;
use std::sync::Arc;

/// The colour space of an image's samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColourSpace {
    /// One grey channel.
    Gray,
    /// Red, green, blue.
    Rgb,
    /// Cyan, magenta, yellow, black.
    Cmyk,
}

/// An image ready to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The samples' colour space.
    pub colour: ColourSpace,
    /// JPEG bytes as given (when `jpeg`), or 8-bit samples, row by row,
    /// zlib-deflated when `deflated`.
    pub data: Vec<u8>,
    /// Whether `data` is a JPEG file passed through.
    pub jpeg: bool,
    /// Whether the samples are deflated (they are as soon as that makes
    /// them smaller: a decoded photo is not kept whole beside its PDF copy).
    pub deflated: bool,
    /// Whether an Adobe CMYK JPEG stores inverted samples (needs a Decode array).
    pub inverted: bool,
}

/// Each image an article names, read and checked once for every layout pass:
/// the image, or why it cannot be placed.
pub type Media = BTreeMap<String, Result<Arc<PdfImage>, String>>;

/// Prepares every image of a document's media, once.
pub fn prepare_all(media: &BTreeMap<String, Result<Vec<u8>, String>>) -> Media {
    media
        .iter()
        .map(|(src, bytes)| {
            let image = match bytes {
                Err(reason) => Err(format!("image `{src}`: {reason}")),
                Ok(bytes) => prepare(bytes)
                    .map(Arc::new)
                    .map_err(|e| format!("image `{src}`: {e}")),
            };
            (src.clone(), image)
        })
        .collect()
}

/// Reads image bytes: JPEGs are checked and read for their size and colour
/// space, and kept as they are; PNGs are decoded (alpha is flattened onto
/// white paper).
pub fn prepare(bytes: &[u8]) -> Result<PdfImage, String> {
    let side = crate::backend::MAX_IMAGE_SIDE;
    crate::backend::check_whole(bytes)?;
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let img = jpeg_header(bytes)?;
        if img.width > side || img.height > side {
            return Err(format!(
                "refused: {} \u{00D7} {} pixels is over the limit of {side} a side",
                img.width, img.height
            ));
        }
        crate::backend::check_jpeg(bytes)?;
        return Ok(img);
    }
    let image = decode(bytes, None).map_err(|e| match e {
        image::ImageError::Limits(_) => format!(
            "refused: the image is over the decoding limits ({side} pixels a side, 512 MiB)"
        ),
        e => format!("cannot decode image: {}", crate::backend::image_error(&e)),
    })?;
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err("the image has no pixels".to_string());
    }
    let grey = !image.color().has_color();
    // Without alpha the decoded buffer is taken as it is (no copy of a
    // 12,000 × 12,000 photo's 432 MB); with alpha it is flattened.
    let alpha = image.color().has_alpha();
    if grey {
        let data = if alpha {
            let luma = image.to_luma_alpha8();
            luma.pixels().map(|p| over_white(p.0[0], p.0[1])).collect()
        } else {
            image.into_luma8().into_raw()
        };
        let (data, deflated) = samples(data);
        Ok(PdfImage {
            width,
            height,
            colour: ColourSpace::Gray,
            data,
            jpeg: false,
            deflated,
            inverted: false,
        })
    } else {
        let data = if alpha {
            let rgba = image.to_rgba8();
            let mut data = Vec::with_capacity(width as usize * height as usize * 3);
            for p in rgba.pixels() {
                let [r, g, b, a] = p.0;
                data.extend([over_white(r, a), over_white(g, a), over_white(b, a)]);
            }
            data
        } else {
            image.into_rgb8().into_raw()
        };
        let (data, deflated) = samples(data);
        Ok(PdfImage {
            width,
            height,
            colour: ColourSpace::Rgb,
            data,
            jpeg: false,
            deflated,
            inverted: false,
        })
    }
}

/// Decoded samples, deflated at the PDF's fast level when that saves bytes
/// (whether they are is the second value).
fn samples(raw: Vec<u8>) -> (Vec<u8>, bool) {
    use std::io::Write as _;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    match encoder.write_all(&raw).and_then(|_| encoder.finish()) {
        Ok(packed) if packed.len() + 19 < raw.len() => (packed, true),
        _ => (raw, false),
    }
}

/// Decodes within the shared limits, whatever the header claims.
fn decode(
    bytes: &[u8],
    format: Option<image::ImageFormat>,
) -> Result<image::DynamicImage, image::ImageError> {
    let cursor = std::io::Cursor::new(bytes);
    let mut reader = match format {
        Some(format) => image::ImageReader::with_format(cursor, format),
        None => image::ImageReader::new(cursor).with_guessed_format()?,
    };
    reader.limits(crate::backend::image_limits());
    reader.decode()
}

fn over_white(v: u8, alpha: u8) -> u8 {
    let (v, a) = (v as u32, alpha as u32);
    ((v * a + 255 * (255 - a) + 127) / 255) as u8
}

/// Finds a JPEG's frame header (SOFn) and Adobe marker without decoding it.
fn jpeg_header(bytes: &[u8]) -> Result<PdfImage, String> {
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err("broken JPEG: marker expected".to_string());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let body = bytes
            .get(i + 4..i + 2 + len)
            .ok_or("broken JPEG: truncated segment")?;
        if marker == 0xEE && body.starts_with(b"Adobe") {
            adobe = true;
        }
        let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if sof {
            if body.len() < 6 {
                return Err("broken JPEG: short frame header".to_string());
            }
            if body[0] != 8 {
                return Err(format!(
                    "JPEG with {}-bit samples is not supported",
                    body[0]
                ));
            }
            let height = u16::from_be_bytes([body[1], body[2]]) as u32;
            let width = u16::from_be_bytes([body[3], body[4]]) as u32;
            let colour = match body[5] {
                1 => ColourSpace::Gray,
                3 => ColourSpace::Rgb,
                4 => ColourSpace::Cmyk,
                n => return Err(format!("JPEG with {n} colour components is not supported")),
            };
            if width == 0 || height == 0 {
                return Err("the JPEG has no pixels".to_string());
            }
            return Ok(PdfImage {
                width,
                height,
                colour,
                data: bytes.to_vec(),
                jpeg: true,
                deflated: false,
                inverted: adobe && colour == ColourSpace::Cmyk,
            });
        }
        if marker == 0xDA {
            break;
        }
        i += 2 + len;
    }
    Err("broken JPEG: no frame header".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(image: image::DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80);
        image.write_with_encoder(enc).unwrap();
        out
    }

    #[test]
    fn jpegs_are_read_for_size_and_colour_only() {
        let grey = jpeg(image::DynamicImage::ImageLuma8(image::GrayImage::new(
            40, 30,
        )));
        let img = prepare(&grey).unwrap();
        assert_eq!(
            (img.width, img.height, img.colour),
            (40, 30, ColourSpace::Gray)
        );
        assert!(img.jpeg && img.data == grey && !img.inverted);
        let rgb = jpeg(image::DynamicImage::ImageRgb8(image::RgbImage::new(7, 9)));
        let img = prepare(&rgb).unwrap();
        assert_eq!(
            (img.width, img.height, img.colour),
            (7, 9, ColourSpace::Rgb)
        );
    }

    #[test]
    fn broken_images_are_errors_not_panics() {
        let rgb = jpeg(image::DynamicImage::ImageRgb8(image::RgbImage::new(7, 9)));
        for cut in [2, 4, 10, 20, rgb.len() / 2] {
            assert!(prepare(&rgb[..cut]).is_err(), "cut at {cut}");
        }
        assert!(prepare(b"").is_err());
        assert!(prepare(b"not an image at all").is_err());
    }

    /// The offset of the first segment with `marker`.
    fn segment(jpeg: &[u8], marker: u8) -> usize {
        let mut i = 2;
        while jpeg[i + 1] != marker {
            i += 2 + usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        }
        i
    }

    #[test]
    fn a_scan_naming_a_table_never_defined_is_refused_before_decoding() {
        let rgb = jpeg(image::DynamicImage::ImageRgb8(image::RgbImage::new(16, 16)));
        assert!(prepare(&rgb).is_ok());
        // The first scan's first component points at Huffman DC table 3.
        let mut bad = rgb.clone();
        let sos = segment(&bad, 0xDA);
        bad[sos + 6] = 0x30 | (bad[sos + 6] & 15);
        let e = prepare(&bad).unwrap_err();
        assert!(e.contains("Huffman DC table 3"), "{e}");
        // The frame's first component points at quantization table 3.
        let mut bad = rgb.clone();
        let sof = segment(&bad, 0xC0);
        bad[sof + 12] = 3;
        let e = prepare(&bad).unwrap_err();
        assert!(e.contains("quantization table 3"), "{e}");
        // Damage inside the scan's data is the viewer's to show (the decoder
        // reads it as grey blocks): the file passes.
        let mut grey = rgb.clone();
        let data = segment(&grey, 0xDA) + 14;
        grey[data] ^= 0x55;
        assert!(prepare(&grey).is_ok());
    }

    #[test]
    fn alpha_is_flattened_onto_white() {
        let mut rgba = image::RgbaImage::new(2, 1);
        rgba.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        rgba.put_pixel(1, 0, image::Rgba([255, 0, 0, 255]));
        let mut png = std::io::Cursor::new(Vec::new());
        rgba.write_to(&mut png, image::ImageFormat::Png).unwrap();
        let img = prepare(png.get_ref()).unwrap();
        assert_eq!(img.data, vec![255, 255, 255, 255, 0, 0]);
        assert!(!img.jpeg && !img.deflated);
    }
}
