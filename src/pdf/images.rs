//! Images for the PDF: JPEGs pass through untouched (DCTDecode); other formats
//! are decoded and stored losslessly (Flate). Photos are cropped to their frame
//! by scaling to cover it and clipping, never by distorting them.

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
    /// JPEG bytes as given (when `jpeg`), or 8-bit samples, row by row.
    pub data: Vec<u8>,
    /// Whether `data` is a JPEG file passed through.
    pub jpeg: bool,
    /// Whether an Adobe CMYK JPEG stores inverted samples (needs a Decode array).
    pub inverted: bool,
}

/// Reads image bytes: JPEGs are only parsed for their size and colour
/// space; PNGs are decoded (alpha is flattened onto white paper).
pub fn prepare(bytes: &[u8]) -> Result<PdfImage, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return jpeg_header(bytes);
    }
    let image = image::load_from_memory(bytes).map_err(|e| format!("cannot decode image: {e}"))?;
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err("the image has no pixels".to_string());
    }
    let grey = !image.color().has_color();
    if grey {
        let luma = image.to_luma_alpha8();
        let data = luma.pixels().map(|p| over_white(p.0[0], p.0[1])).collect();
        Ok(PdfImage {
            width,
            height,
            colour: ColourSpace::Gray,
            data,
            jpeg: false,
            inverted: false,
        })
    } else {
        let rgba = image.to_rgba8();
        let mut data = Vec::with_capacity(width as usize * height as usize * 3);
        for p in rgba.pixels() {
            let [r, g, b, a] = p.0;
            data.extend([over_white(r, a), over_white(g, a), over_white(b, a)]);
        }
        Ok(PdfImage {
            width,
            height,
            colour: ColourSpace::Rgb,
            data,
            jpeg: false,
            inverted: false,
        })
    }
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

/// Where to draw an image of `px` pixels so that it covers `frame` (x, y, w, h)
/// without distortion, centred; what overhangs is clipped.
pub fn cover(frame: (f32, f32, f32, f32), px: (u32, u32)) -> (f32, f32, f32, f32) {
    let (x, y, w, h) = frame;
    let (pw, ph) = (px.0.max(1) as f32, px.1.max(1) as f32);
    let scale = (w / pw).max(h / ph);
    let (dw, dh) = (pw * scale, ph * scale);
    (x + (w - dw) / 2.0, y + (h - dh) / 2.0, dw, dh)
}

/// Pixels per inch of an image of `pixels` across drawn `points` wide.
pub fn effective_ppi(pixels: u32, points: f32) -> f32 {
    if points <= 0.0 {
        0.0
    } else {
        pixels as f32 * 72.0 / points
    }
}
