//! The cover: the image given, or one drawn from the lead photo; the series
//! name and title go on the cover page as text, so no font is ever needed.

use image::{imageops, imageops::FilterType, DynamicImage, Rgb, RgbImage};

use super::lettering::Lettering;
use super::xhtml::{page, Xml};

/// Size of a generated cover, in pixels (the 2:3 shape stores ask for, as
/// large as a reading system's library shows it and small enough to stay
/// under about 200 KB with a photo on it).
pub const WIDTH: u32 = 640;
/// Height of a generated cover, in pixels.
pub const HEIGHT: u32 = 960;

/// JPEG quality of a generated cover: a thumbnail-sized picture that text
/// is lettered on, not a photo to study.
const COVER_QUALITY: u8 = 80;

/// The size a cover is drawn at: [`WIDTH`] × [`HEIGHT`], or smaller to keep
/// its longer side within `max_side`.
pub fn size(max_side: u32) -> (u32, u32) {
    if max_side >= HEIGHT {
        (WIDTH, HEIGHT)
    } else {
        ((max_side * 2 / 3).max(1), max_side.max(1))
    }
}

const INK: Rgb<u8> = Rgb([28, 43, 54]);
const ACCENT: Rgb<u8> = Rgb([196, 82, 45]);
const PAPER: Rgb<u8> = Rgb([236, 232, 222]);

/// Draws a cover as a JPEG of `width` × `height` pixels: the lead photo
/// across the top two thirds (when there is one), an accent rule, and below
/// it on a dark field the series name and title, lettered with `font` when
/// one is given. The layout is drawn for 1200 pixels across and scaled.
pub fn generate(
    lead: Option<&DynamicImage>,
    font: Option<&Lettering<'_>>,
    series: &str,
    title: &str,
    details: &[String],
    (width, height): (u32, u32),
) -> Result<Vec<u8>, String> {
    let k = width as f32 / 1200.0;
    let px = |v: u32| ((v as f32 * k).round() as u32).max(1);
    let photo_height = height * 2 / 3;
    let mut canvas = RgbImage::from_pixel(width, height, INK);
    match lead {
        Some(photo) => {
            let filled = fill_area(photo, width, photo_height);
            imageops::replace(&mut canvas, &filled, 0, 0);
        }
        None => {
            // A plain paper field with a frame, in place of a photo.
            fill(&mut canvas, 0, 0, width, photo_height, PAPER);
            fill(&mut canvas, px(80), px(80), width - 2 * px(80), px(12), INK);
            fill(
                &mut canvas,
                px(80),
                photo_height.saturating_sub(px(92)),
                width - 2 * px(80),
                px(12),
                INK,
            );
        }
    }
    fill(&mut canvas, 0, photo_height, width, px(24), ACCENT);
    fill(
        &mut canvas,
        px(80),
        height.saturating_sub(px(60)),
        px(320),
        px(12),
        ACCENT,
    );
    if let Some(font) = font {
        letter(
            &mut canvas,
            font,
            series,
            title,
            details,
            photo_height + px(24),
            k,
        );
    }
    encode_cover(&canvas)
}

/// The photo cropped to the area's shape first, then scaled once to it:
/// no pixel is scaled that the crop would throw away.
fn fill_area(photo: &DynamicImage, width: u32, height: u32) -> RgbImage {
    let (w, h) = (photo.width().max(1), photo.height().max(1));
    // The largest centred part of the photo with the area's shape.
    let (crop_w, crop_h) = if u64::from(w) * u64::from(height) > u64::from(h) * u64::from(width) {
        (
            ((u64::from(h) * u64::from(width) / u64::from(height)) as u32).clamp(1, w),
            h,
        )
    } else {
        (
            w,
            ((u64::from(w) * u64::from(height) / u64::from(width)) as u32).clamp(1, h),
        )
    };
    let rgb;
    let rgb = match photo.as_rgb8() {
        Some(rgb) => rgb,
        None => {
            rgb = photo.to_rgb8();
            &rgb
        }
    };
    let (x0, y0) = ((w - crop_w) / 2, (h - crop_h) / 2);
    if crop_w >= width && crop_h >= height {
        area_average(rgb, (x0, y0, crop_w, crop_h), width, height)
    } else {
        let cropped = imageops::crop_imm(rgb, x0, y0, crop_w, crop_h);
        imageops::resize(&*cropped, width, height, FilterType::Triangle)
    }
}

/// Scales a part of `source` down to `width` × `height` by averaging the
/// source pixels each target pixel covers (whole pixels, integer sums):
/// cheap, deterministic, and for a cover as good as a finer filter.
fn area_average(
    source: &RgbImage,
    (x0, y0, w, h): (u32, u32, u32, u32),
    width: u32,
    height: u32,
) -> RgbImage {
    let stride = source.width() as usize * 3;
    let raw = source.as_raw();
    // The source columns each target column averages.
    let spans = |from: u32, len: u32, to: u32| -> Vec<(usize, usize)> {
        (0..to)
            .map(|i| {
                let a = from + (u64::from(i) * u64::from(len) / u64::from(to)) as u32;
                let b = from + (u64::from(i + 1) * u64::from(len) / u64::from(to)) as u32;
                (a as usize, b.max(a + 1) as usize)
            })
            .collect()
    };
    let columns = spans(x0, w, width);
    let rows = spans(y0, h, height);
    let mut out = vec![0u8; width as usize * height as usize * 3];
    let mut sums = vec![0u32; width as usize * 3];
    for (ty, &(r0, r1)) in rows.iter().enumerate() {
        sums.iter_mut().for_each(|s| *s = 0);
        for row in r0..r1 {
            let line = &raw[row * stride..][..stride];
            for (tx, &(c0, c1)) in columns.iter().enumerate() {
                let (mut r, mut g, mut b) = (0u32, 0u32, 0u32);
                for px in line[c0 * 3..c1 * 3].chunks_exact(3) {
                    r += u32::from(px[0]);
                    g += u32::from(px[1]);
                    b += u32::from(px[2]);
                }
                sums[tx * 3] += r;
                sums[tx * 3 + 1] += g;
                sums[tx * 3 + 2] += b;
            }
        }
        let target = &mut out[ty * width as usize * 3..][..width as usize * 3];
        for (tx, &(c0, c1)) in columns.iter().enumerate() {
            let count = ((c1 - c0) * (r1 - r0)) as u32;
            for k in 0..3 {
                target[tx * 3 + k] = ((sums[tx * 3 + k] + count / 2) / count) as u8;
            }
        }
    }
    RgbImage::from_raw(width, height, out).expect("the buffer has the image's size")
}

fn encode_cover(image: &RgbImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    // jpeg-encoder (scalar, so the same bytes on every machine) is about
    // twice as fast as `image`'s encoder; 4:2:0 as photos are stored.
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, COVER_QUALITY);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    let side = |v: u32| u16::try_from(v).map_err(|_| "the cover is too large".to_string());
    encoder
        .encode(
            image.as_raw(),
            side(image.width())?,
            side(image.height())?,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| format!("cannot encode the cover: {e}"))?;
    Ok(out)
}

/// Sets the series name (capitals), the title (as large as fits) and detail
/// lines (parts, dates, agency) in the dark field from `top` down.
fn letter(
    canvas: &mut RgbImage,
    font: &Lettering<'_>,
    series: &str,
    title: &str,
    details: &[String],
    top: u32,
    k: f32,
) {
    let left = 80.0 * k;
    let width = canvas.width() as f32 - 160.0 * k;
    let detail_size = 36.0 * k;
    let details: Vec<String> = details
        .iter()
        .filter_map(|d| font.wrap(d, detail_size, width).into_iter().next())
        .take(3)
        .collect();
    let bottom = canvas.height() as f32 - 100.0 * k - details.len() as f32 * detail_size * 1.4;
    let mut y = top as f32 + 40.0 * k;
    let series = series.trim();
    if !series.is_empty() && series != title.trim() {
        let size = 46.0 * k;
        let line = font
            .wrap(&series.to_uppercase(), size, width)
            .into_iter()
            .next()
            .unwrap_or_default();
        font.draw(canvas, &line, left, y + size, size, PAPER);
        y += size * 1.9;
    }
    let available = bottom - y;
    let sizes = [96.0, 84.0, 72.0, 62.0, 54.0, 46.0].map(|s: f32| s * k);
    let fits = |size: f32| {
        let lines = font.wrap(title, size, width);
        let fit = lines.len() as f32 * size * 1.18 <= available
            && lines.iter().all(|l| font.width(l, size) <= width);
        (fit, lines)
    };
    let (size, mut lines) = sizes
        .iter()
        .map(|&size| (size, fits(size)))
        .find(|(_, (fit, _))| *fit)
        .map(|(size, (_, lines))| (size, lines))
        .unwrap_or_else(|| (46.0 * k, font.wrap(title, 46.0 * k, width)));
    let most = ((available / (size * 1.18)).floor() as usize).max(1);
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            last.push('\u{2026}');
        }
    }
    for line in &lines {
        y += size * 1.18;
        font.draw(canvas, line, left, y, size, Rgb([255, 255, 255]));
    }
    y += detail_size * 0.6;
    for line in &details {
        y += detail_size * 1.4;
        font.draw(canvas, line, left, y, detail_size, PAPER);
    }
}

fn fill(canvas: &mut RgbImage, x: u32, y: u32, width: u32, height: u32, colour: Rgb<u8>) {
    let (cw, ch) = (canvas.width(), canvas.height());
    let (x0, x1) = (x.min(cw) as usize, (x + width).min(cw) as usize);
    let row_len = cw as usize * 3;
    let raw: &mut [u8] = canvas;
    for py in y.min(ch)..(y + height).min(ch) {
        let row = &mut raw[py as usize * row_len..][..row_len];
        for pixel in row[x0 * 3..x1 * 3].chunks_exact_mut(3) {
            pixel.copy_from_slice(&colour.0);
        }
    }
}

/// The cover page: the cover image, and for a generated cover the series
/// name and title as text.
pub fn cover_page(lang: &str, href: &str, alt: &str, text: Option<(&str, &str)>) -> Vec<u8> {
    let words = crate::locale::Words::of(crate::locale::Language::from_tag(lang));
    page(lang, words.cover, None, |xml: &mut Xml| {
        xml.start("section", &[("epub:type", "cover"), ("class", "cover")]);
        xml.empty("img", &[("src", href), ("alt", alt), ("role", "doc-cover")]);
        if let Some((series, title)) = text {
            if !series.is_empty() && series != title {
                xml.element("p", &[("class", "cover-series")], series);
            }
            xml.element("p", &[("class", "cover-title")], title);
        }
        xml.end("section");
        xml.newline();
    })
}
