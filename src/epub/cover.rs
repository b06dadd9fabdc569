//! The cover: the image given, or one drawn from the lead photo; the series
//! name and title go on the cover page as text, so no font is ever needed.

use image::{imageops, imageops::FilterType, DynamicImage, Rgb, RgbImage};

use super::images::{encode, Kind};
use super::xhtml::{page, Xml};

/// Size of a generated cover, in pixels (the 2:3 shape stores ask for).
pub const WIDTH: u32 = 1200;
/// Height of a generated cover, in pixels.
pub const HEIGHT: u32 = 1800;

const INK: Rgb<u8> = Rgb([28, 43, 54]);
const ACCENT: Rgb<u8> = Rgb([196, 82, 45]);
const PAPER: Rgb<u8> = Rgb([236, 232, 222]);

/// Draws a cover as a JPEG: the lead photo across the top two thirds (when
/// there is one), an accent rule, and a dark field below.
pub fn generate(lead: Option<&DynamicImage>) -> Result<Vec<u8>, String> {
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
    fill(&mut canvas, 80, HEIGHT - 160, 320, 12, ACCENT);
    encode(&DynamicImage::ImageRgb8(canvas), Kind::Jpeg)
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
        xml.empty("img", &[("src", href), ("alt", alt)]);
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
