//! Images: JPEG and PNG go into the book as they are, unless larger than the
//! limits, in which case they are scaled down (deterministically) with `image`;
//! CMYK JPEGs from print archives are converted to RGB.

use std::io::Cursor;

use image::{imageops::FilterType, DynamicImage, ImageFormat, ImageReader};

/// The image formats every EPUB reading system shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JPEG (photos).
    Jpeg,
    /// PNG (graphics).
    Png,
}

impl Kind {
    /// The media type the package declares.
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        }
    }

    /// The file extension inside the book.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            Kind::Jpeg => ImageFormat::Jpeg,
            Kind::Png => ImageFormat::Png,
        }
    }
}

/// Tells JPEG and PNG from their first bytes.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else {
        None
    }
}

/// When images are made smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageLimits {
    /// Files larger than this many bytes are made smaller.
    pub max_bytes: usize,
    /// Images whose longer side exceeds this many pixels are scaled to it
    /// (a limit below [`SMALLEST_SIDE_LIMIT`] is raised to it).
    pub max_side: u32,
}

impl Default for ImageLimits {
    fn default() -> Self {
        ImageLimits {
            max_bytes: 2_000_000,
            max_side: 2000,
        }
    }
}

/// The smallest side limit that makes sense for a picture in a book.
pub const SMALLEST_SIDE_LIMIT: u32 = 100;

/// To meet the byte limit an image is scaled down no further than this
/// longer side (or its own, if smaller): below it a photo is hardly worth
/// showing, so the smallest result is kept, marked as over the limit.
pub const SMALLEST_SIDE_FOR_BYTES: u32 = 480;

/// JPEG quality for an image scaled to the side limit or converted from CMYK.
const JPEG_QUALITY: u8 = 85;
/// JPEG quality once the byte limit is at stake.
const JPEG_QUALITY_FOR_BYTES: u8 = 75;

/// An image ready for the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its format.
    pub kind: Kind,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Whether it was re-encoded (scaled down, or converted from CMYK to RGB).
    pub reencoded: bool,
    /// Whether it is still over the byte limit: not even at
    /// [`SMALLEST_SIDE_FOR_BYTES`] did it fit, and this is the smallest result.
    pub over_byte_limit: bool,
    /// What a re-encoded image kept of the original's metadata ("Exif",
    /// "XMP", "IPTC", "ICC profile", "text"), in file order.
    pub kept: Vec<&'static str>,
    /// What it could not keep, and why (a CMYK colour profile does not
    /// describe the RGB pixels made from it).
    pub dropped: Vec<&'static str>,
}

fn reader(bytes: &[u8], kind: Kind) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    reader.limits(crate::backend::image_limits());
    reader
}

/// Decodes an image (JPEG or PNG) within the decoding limits.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let kind = sniff(bytes).ok_or_else(|| "not a JPEG or PNG file".to_string())?;
    reader(bytes, kind).decode().map_err(|e| {
        format!(
            "cannot decode the {}: {}",
            kind.extension().to_uppercase(),
            crate::backend::image_error(&e)
        )
    })
}

/// Checks an image and makes it fit the limits. An image within both is
/// carried byte for byte. Otherwise it is scaled to the side limit and then,
/// step by step, further down (a JPEG also at a lower quality) until it is
/// under the byte limit and no bigger than it came; when even
/// [`SMALLEST_SIDE_FOR_BYTES`] is too big, the smallest result is kept and
/// marked [`Prepared::over_byte_limit`].
pub fn prepare(bytes: &[u8], limits: &ImageLimits) -> Result<Prepared, String> {
    let kind = sniff(bytes).ok_or_else(|| "not a JPEG or PNG file".to_string())?;
    crate::backend::check_whole(bytes)?;
    if kind == Kind::Jpeg {
        crate::backend::check_jpeg(bytes)?;
    }
    let (width, height) = reader(bytes, kind).into_dimensions().map_err(|e| {
        format!(
            "cannot read the {} header: {}",
            kind.extension().to_uppercase(),
            crate::backend::image_error(&e)
        )
    })?;
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
    }
    let max_side = limits.max_side.max(SMALLEST_SIDE_LIMIT);
    let longer = width.max(height);
    // Print archives hold CMYK JPEGs, which reading systems show wrongly or not at all.
    let cmyk = kind == Kind::Jpeg && jpeg_components(bytes) == Some(4);
    let carriable = !cmyk && longer <= max_side;
    if carriable && bytes.len() <= limits.max_bytes {
        return Ok(Prepared {
            bytes: bytes.to_vec(),
            kind,
            width,
            height,
            reencoded: false,
            over_byte_limit: false,
            kept: Vec::new(),
            dropped: Vec::new(),
        });
    }
    let image = decode(bytes)?;
    // Credit, copyright and colour profile go with the pixels.
    let metadata = Metadata::of(bytes, kind, cmyk);
    // Making an image fit must not make its file bigger (a CMYK one cannot stay).
    let budget = if cmyk {
        limits.max_bytes
    } else {
        limits.max_bytes.min(bytes.len())
    };
    let mut side = longer.min(max_side);
    let smallest_side = SMALLEST_SIDE_FOR_BYTES.min(side);
    let mut quality = JPEG_QUALITY;
    let mut smallest: Option<Prepared> = None;
    loop {
        let scaled = if side < longer {
            image.resize(side, side, FilterType::Triangle)
        } else {
            image.clone()
        };
        let encoded = metadata.insert(&encode_at(&scaled, kind, quality)?);
        let size = encoded.len();
        let result = Prepared {
            bytes: encoded,
            kind,
            width: scaled.width(),
            height: scaled.height(),
            reencoded: true,
            over_byte_limit: size > limits.max_bytes,
            kept: metadata.kept.clone(),
            dropped: metadata.dropped.clone(),
        };
        if size <= budget {
            return Ok(result);
        }
        if smallest.as_ref().is_none_or(|s| size < s.bytes.len()) {
            smallest = Some(result);
        }
        if kind == Kind::Jpeg && quality > JPEG_QUALITY_FOR_BYTES {
            quality = JPEG_QUALITY_FOR_BYTES;
            continue;
        }
        if side <= smallest_side {
            break;
        }
        // Bytes grow about with the area: shrink the side by the square root
        // of the excess, a little more to land under, by a tenth to a half.
        let ratio = (budget as f64 / size as f64).sqrt() * 0.97;
        side = ((f64::from(side) * ratio.clamp(0.5, 0.9)) as u32).max(smallest_side);
    }
    let mut smallest = smallest.expect("the loop encodes at least once");
    if carriable && bytes.len() <= smallest.bytes.len() {
        smallest = Prepared {
            bytes: bytes.to_vec(),
            kind,
            width,
            height,
            reencoded: false,
            over_byte_limit: true,
            kept: Vec::new(),
            dropped: Vec::new(),
        };
    }
    smallest.over_byte_limit = smallest.bytes.len() > limits.max_bytes;
    Ok(smallest)
}

/// The metadata of an image file that a re-encoded copy carries over: in a
/// JPEG the Exif and XMP (APP1), ICC profile (APP2) and IPTC (APP13)
/// segments; in a PNG the colour chunks (iCCP, sRGB, gAMA, cHRM) and the
/// Exif and text chunks (eXIf, tEXt, zTXt, iTXt).
struct Metadata {
    kind: Kind,
    /// Whole segments or chunks, as they were.
    pieces: Vec<Vec<u8>>,
    kept: Vec<&'static str>,
    dropped: Vec<&'static str>,
}

impl Metadata {
    fn of(bytes: &[u8], kind: Kind, cmyk: bool) -> Metadata {
        let mut meta = Metadata {
            kind,
            pieces: Vec::new(),
            kept: Vec::new(),
            dropped: Vec::new(),
        };
        let note = |list: &mut Vec<&'static str>, what: &'static str| {
            if !list.contains(&what) {
                list.push(what);
            }
        };
        match kind {
            Kind::Jpeg => {
                for (marker, segment) in jpeg_segments(bytes) {
                    let body = &segment[4..];
                    let what = match marker {
                        0xE1 if body.starts_with(b"Exif\0") => "Exif",
                        0xE1 if body.starts_with(b"http://ns.adobe.com/xap/1.0/") => "XMP",
                        0xE2 if body.starts_with(b"ICC_PROFILE\0") => "ICC profile",
                        0xED if body.starts_with(b"Photoshop 3.0\0") => "IPTC",
                        _ => continue,
                    };
                    if cmyk && what == "ICC profile" {
                        note(&mut meta.dropped, "CMYK colour profile");
                        continue;
                    }
                    note(&mut meta.kept, what);
                    meta.pieces.push(segment.to_vec());
                }
            }
            Kind::Png => {
                for chunk in png_chunks(bytes) {
                    let what = match &chunk[4..8] {
                        b"iCCP" => "ICC profile",
                        b"sRGB" | b"gAMA" | b"cHRM" => "colour space",
                        b"eXIf" => "Exif",
                        b"tEXt" | b"zTXt" | b"iTXt" => "text",
                        _ => continue,
                    };
                    note(&mut meta.kept, what);
                    meta.pieces.push(chunk.to_vec());
                }
            }
        }
        meta
    }

    /// `encoded` with the pieces put back: after a JPEG's JFIF segment (or
    /// its start), after a PNG's header chunk.
    fn insert(&self, encoded: &[u8]) -> Vec<u8> {
        if self.pieces.is_empty() {
            return encoded.to_vec();
        }
        let at = match self.kind {
            Kind::Jpeg => {
                jpeg_segments(encoded)
                    .into_iter()
                    .take_while(|(marker, _)| *marker == 0xE0)
                    .map(|(_, s)| s.len())
                    .sum::<usize>()
                    + 2
            }
            // Signature, then IHDR (length, type, 13 bytes, CRC).
            Kind::Png => 8 + 25,
        };
        if at > encoded.len() {
            return encoded.to_vec();
        }
        let mut out =
            Vec::with_capacity(encoded.len() + self.pieces.iter().map(Vec::len).sum::<usize>());
        out.extend_from_slice(&encoded[..at]);
        for piece in &self.pieces {
            out.extend_from_slice(piece);
        }
        out.extend_from_slice(&encoded[at..]);
        out
    }
}

/// A JPEG's marker segments before its image data: (marker, the whole
/// segment with its marker and length).
fn jpeg_segments(bytes: &[u8]) -> Vec<(u8, &[u8])> {
    let mut out = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xDA
            || marker == 0xD9
            || (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
        {
            break;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if length < 2 || at + 2 + length > bytes.len() {
            break;
        }
        out.push((marker, &bytes[at..at + 2 + length]));
        at += 2 + length;
    }
    out
}

/// A PNG's chunks, each whole (length, type, data, CRC).
fn png_chunks(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 12 <= bytes.len() {
        let length =
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        let Some(end) = at.checked_add(12 + length).filter(|&e| e <= bytes.len()) else {
            break;
        };
        out.push(&bytes[at..end]);
        at = end;
    }
    out
}

/// The number of colour components a JPEG's frame header declares (1 grey,
/// 3 YCbCr, 4 CMYK or YCCK).
pub fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            // Fill bytes before a marker.
            0xFF => at += 1,
            // Start of frame (not DHT, JPG or DAC, which share the range).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return bytes.get(at + 9).copied()
            }
            // Markers without a length.
            0xD0..=0xD9 | 0x01 => at += 2,
            _ => {
                let length = usize::from(u16::from_be_bytes([
                    *bytes.get(at + 2)?,
                    *bytes.get(at + 3)?,
                ]));
                at += 2 + length;
            }
        }
    }
}

/// Encodes an image: JPEG at quality 85, PNG losslessly.
pub fn encode(image: &DynamicImage, kind: Kind) -> Result<Vec<u8>, String> {
    encode_at(image, kind, JPEG_QUALITY)
}

/// Encodes an image: JPEG at `quality` (grey stays grey, the rest becomes
/// RGB), PNG losslessly in its own pixel format, compressed hard.
fn encode_at(image: &DynamicImage, kind: Kind, quality: u8) -> Result<Vec<u8>, String> {
    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
    use image::ColorType;

    let mut out = Vec::new();
    let result = match kind {
        Kind::Jpeg => {
            let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
            // From raw pixels: the encoder's pixel-by-pixel path is several times slower.
            match image.color() {
                ColorType::L8 | ColorType::La8 | ColorType::L16 | ColorType::La16 => {
                    let grey = image.to_luma8();
                    encoder.encode(
                        grey.as_raw(),
                        grey.width(),
                        grey.height(),
                        image::ExtendedColorType::L8,
                    )
                }
                _ => {
                    let rgb = image.to_rgb8();
                    encoder.encode(
                        rgb.as_raw(),
                        rgb.width(),
                        rgb.height(),
                        image::ExtendedColorType::Rgb8,
                    )
                }
            }
        }
        Kind::Png => image.write_with_encoder(PngEncoder::new_with_quality(
            &mut out,
            CompressionType::Best,
            PngFilter::Adaptive,
        )),
    };
    result.map_err(|e| format!("cannot encode the image: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        encode(&DynamicImage::ImageRgb8(image), Kind::Jpeg).unwrap()
    }

    #[test]
    fn small_images_pass_unchanged_and_large_ones_shrink() {
        let small = jpeg(40, 30);
        let prepared = prepare(&small, &ImageLimits::default()).unwrap();
        assert_eq!(prepared.bytes, small);
        assert_eq!(
            (prepared.width, prepared.height, prepared.reencoded),
            (40, 30, false)
        );

        let limits = ImageLimits {
            max_bytes: 10_000_000,
            max_side: 100,
        };
        let large = jpeg(400, 200);
        let prepared = prepare(&large, &limits).unwrap();
        assert!(prepared.reencoded);
        assert_eq!((prepared.width, prepared.height), (100, 50));
        assert_eq!(sniff(&prepared.bytes), Some(Kind::Jpeg));
        // Scaling is deterministic.
        assert_eq!(prepare(&large, &limits).unwrap().bytes, prepared.bytes);
    }

    /// A photo-like picture: smooth shading under grain, which costs bytes
    /// the way film grain and sensor noise do.
    fn grainy(width: u32, height: u32, kind: Kind) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| {
            let mut h = u64::from(x) * 0x9E37_79B9 + u64::from(y) * 0x85EB_CA6B;
            h ^= h >> 15;
            h = h.wrapping_mul(0x2C1B_3C6D);
            h ^= h >> 12;
            let grain = (h % 48) as u32;
            Rgb([
                (x * 200 / width + grain) as u8,
                (y * 200 / height + grain) as u8,
                (90 + grain) as u8,
            ])
        });
        let image = DynamicImage::ImageRgb8(image);
        match kind {
            // Fast, as cameras and scanners write them: room to gain by compressing.
            Kind::Png => {
                let mut out = Vec::new();
                image
                    .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                    .unwrap();
                out
            }
            Kind::Jpeg => encode_at(&image, kind, 95).unwrap(),
        }
    }

    #[test]
    fn files_over_the_byte_limit_step_down_until_under_it() {
        for kind in [Kind::Jpeg, Kind::Png] {
            let input = grainy(1200, 800, kind);
            let limits = ImageLimits {
                max_bytes: input.len() / 4,
                max_side: 2000,
            };
            let prepared = prepare(&input, &limits).unwrap();
            assert!(
                prepared.bytes.len() <= limits.max_bytes,
                "{kind:?}: {} bytes over {}",
                prepared.bytes.len(),
                limits.max_bytes
            );
            assert!(prepared.reencoded && !prepared.over_byte_limit);
            assert_eq!(sniff(&prepared.bytes), Some(kind));
            assert!(prepared.width < 1200 && prepared.width >= SMALLEST_SIDE_FOR_BYTES);
            let decoded = decode(&prepared.bytes).unwrap();
            assert_eq!(
                (decoded.width(), decoded.height()),
                (prepared.width, prepared.height)
            );
            // The same steps every time.
            assert_eq!(prepare(&input, &limits).unwrap(), prepared);
        }
    }

    #[test]
    fn a_file_that_cannot_meet_the_byte_limit_is_kept_smallest_and_marked() {
        for kind in [Kind::Jpeg, Kind::Png] {
            let input = grainy(900, 600, kind);
            let limits = ImageLimits {
                max_bytes: 5_000,
                max_side: 2000,
            };
            let prepared = prepare(&input, &limits).unwrap();
            assert!(prepared.over_byte_limit, "{kind:?}");
            assert_eq!(prepared.width, SMALLEST_SIDE_FOR_BYTES, "{kind:?}");
            assert!(prepared.bytes.len() < input.len(), "{kind:?}");
        }
        // Too small to scale down, and re-encoding gains nothing: kept as given.
        let tiny = encode_at(&decode(&grainy(100, 80, Kind::Png)).unwrap(), Kind::Png, 0).unwrap();
        let limits = ImageLimits {
            max_bytes: 1_000,
            max_side: 2000,
        };
        let prepared = prepare(&tiny, &limits).unwrap();
        assert!(prepared.over_byte_limit && !prepared.reencoded);
        assert_eq!(prepared.bytes, tiny);
    }

    #[test]
    fn scaling_to_the_side_limit_never_makes_the_file_bigger() {
        // A palette PNG decodes to RGB and would grow threefold re-encoded as it is.
        let barge = include_bytes!("../../examples/still-water/media/day3-barge.png");
        let limits = ImageLimits {
            max_bytes: 2_000_000,
            max_side: 1500,
        };
        let prepared = prepare(barge, &limits).unwrap();
        assert!(prepared.width <= 1500);
        assert!(
            prepared.bytes.len() <= barge.len(),
            "{} > {}",
            prepared.bytes.len(),
            barge.len()
        );
        assert!(!prepared.over_byte_limit);
    }

    #[test]
    fn cmyk_jpegs_become_rgb() {
        let cmyk = include_bytes!("../../tests/epub/cmyk.jpg");
        assert_eq!(jpeg_components(cmyk), Some(4));
        assert_eq!(jpeg_components(&jpeg(8, 8)), Some(3));
        assert_eq!(jpeg_components(b"\xFF\xD8\xFF"), None);
        let prepared = prepare(cmyk, &ImageLimits::default()).unwrap();
        assert!(prepared.reencoded);
        assert_eq!((prepared.width, prepared.height), (24, 16));
        assert_eq!(jpeg_components(&prepared.bytes), Some(3));
    }

    #[test]
    fn other_files_are_refused() {
        assert!(prepare(b"GIF89a....", &ImageLimits::default()).is_err());
        assert!(prepare(b"\xFF\xD8\xFF\xE0 broken", &ImageLimits::default()).is_err());
        // A photo small enough to carry as it is still has its headers read:
        // here the frame names a quantization table that was never defined.
        let mut bad = jpeg(40, 30);
        let sof = bad.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        bad[sof + 12] = 3;
        let e = prepare(&bad, &ImageLimits::default()).unwrap_err();
        assert!(e.contains("quantization table 3"), "{e}");
    }
}
