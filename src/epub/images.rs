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

/// When an image is scaled down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageLimits {
    /// Files larger than this many bytes are scaled down.
    pub max_bytes: usize,
    /// Images whose longer side exceeds this many pixels are scaled to it.
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

/// Checks an image and scales it down when it is over the limits.
pub fn prepare(bytes: &[u8], limits: &ImageLimits) -> Result<Prepared, String> {
    let kind = sniff(bytes).ok_or_else(|| "not a JPEG or PNG file".to_string())?;
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
    let max_side = limits.max_side.max(16);
    // Print archives hold CMYK JPEGs, which reading systems show wrongly or not at all.
    let cmyk = kind == Kind::Jpeg && jpeg_components(bytes) == Some(4);
    if !cmyk && bytes.len() <= limits.max_bytes && width.max(height) <= max_side {
        return Ok(Prepared {
            bytes: bytes.to_vec(),
            kind,
            width,
            height,
            reencoded: false,
        });
    }
    let image = decode(bytes)?;
    // Too many bytes at an acceptable size still gets a smaller size: three quarters.
    let longer = width.max(height);
    let image = if longer > max_side {
        image.resize(max_side, max_side, FilterType::Triangle)
    } else if bytes.len() > limits.max_bytes {
        let target = (longer / 4 * 3).max(16);
        image.resize(target, target, FilterType::Triangle)
    } else {
        image
    };
    let bytes = encode(&image, kind)?;
    Ok(Prepared {
        width: image.width(),
        height: image.height(),
        bytes,
        kind,
        reencoded: true,
    })
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

/// Encodes an image: JPEG at quality 85 (as RGB), PNG losslessly.
pub fn encode(image: &DynamicImage, kind: Kind) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let result = match kind {
        Kind::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&rgb)
        }
        Kind::Png => image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png),
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
    }
}
