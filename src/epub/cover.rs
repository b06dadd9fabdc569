//! The cover: the image given, or one drawn from the lead photo; the series
//! name and title go on the cover page as text, so no font is ever needed.

use image::{imageops, imageops::FilterType, DynamicImage, Rgb, RgbImage};

use super::images::{encode, Kind};
use super::lettering::Lettering;
use super::xhtml::{page, Xml};

/// Size of a generated cover, in pixels (the 2:3 shape stores ask for).
pub const WIDTH: u32 = 1200;
/// Height of a generated cover, in pixels.
pub const HEIGHT: u32 = 1800;

const INK: Rgb<u8> = Rgb([28, 43, 54]);
const ACCENT: Rgb<u8> = Rgb([196, 82, 45]);
const PAPER: Rgb<u8> = Rgb([236, 232, 222]);

/// Draws a cover as a JPEG: the lead photo across the top two thirds (when
/// there is one), an accent rule, and below it on a dark field the series name
/// and title, lettered with `font` when one is given.
pub fn generate(
    lead: Option<&DynamicImage>,
    font: Option<&Lettering<'_>>,
    series: &str,
    title: &str,
    details: &[String],
) -> Result<Vec<u8>, String> {
    let photo_height = HEIGHT * 2 / 3;
    let mut canvas = RgbImage::from_pixel(WIDTH, HEIGHT, INK);
    match lead {
        Some(photo) => {
            let filled = photo
                .resize_to_fill(WIDTH, photo_height, FilterType::Triangle)
                .to_rgb8();
            imageops::replace(&mut canvas, &filled, 0, 0);
        }
        None => {
            // A plain paper field with a frame, in place of a photo.
            fill(&mut canvas, 0, 0, WIDTH, photo_height, PAPER);
            fill(&mut canvas, 80, 80, WIDTH - 160, 12, INK);
            fill(&mut canvas, 80, photo_height - 92, WIDTH - 160, 12, INK);
        }
    }
    fill(&mut canvas, 0, photo_height, WIDTH, 24, ACCENT);
    fill(&mut canvas, 80, HEIGHT - 60, 320, 12, ACCENT);
    if let Some(font) = font {
        letter(&mut canvas, font, series, title, details, photo_height + 24);
    }
    encode(&DynamicImage::ImageRgb8(canvas), Kind::Jpeg)
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
) {
    let left = 80.0;
    let width = (WIDTH - 160) as f32;
    let detail_size = 36.0;
    let details: Vec<String> = details
        .iter()
        .filter_map(|d| font.wrap(d, detail_size, width).into_iter().next())
        .take(3)
        .collect();
    let bottom = (HEIGHT - 100) as f32 - details.len() as f32 * detail_size * 1.4;
    let mut y = top as f32 + 40.0;
    let series = series.trim();
    if !series.is_empty() && series != title.trim() {
        let size = 46.0;
        let line = font
            .wrap(&series.to_uppercase(), size, width)
            .into_iter()
            .next()
            .unwrap_or_default();
        font.draw(canvas, &line, left, y + size, size, PAPER);
        y += size * 1.9;
    }
    let available = bottom - y;
    let sizes = [96.0, 84.0, 72.0, 62.0, 54.0, 46.0];
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
        .unwrap_or_else(|| (46.0, font.wrap(title, 46.0, width)));
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
    for py in y..(y + height).min(canvas.height()) {
        for px in x..(x + width).min(canvas.width()) {
            canvas.put_pixel(px, py, colour);
        }
    }
}

/// The cover page: the cover image, and for a generated cover the series
/// name and title as text.
pub fn cover_page(lang: &str, href: &str, alt: &str, text: Option<(&str, &str)>) -> Vec<u8> {
    page(lang, "Cover", None, |xml: &mut Xml| {
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
