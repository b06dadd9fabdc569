//! Lettering for the generated cover: text drawn into an image with a font the
//! caller passes in (never a system font). Glyph outlines come from
//! `ttf-parser`; they are flattened to line segments and filled with the
//! non-zero rule, four samples per pixel row and exact coverage along the row.

use image::{Rgb, RgbImage};
use ttf_parser::{Face, GlyphId, OutlineBuilder};

/// Sample rows per pixel row.
const ROWS: usize = 4;

/// A font ready to draw with.
pub struct Lettering<'f> {
    face: Face<'f>,
}

impl<'f> Lettering<'f> {
    /// Parses a TrueType or OpenType font.
    pub fn new(bytes: &'f [u8]) -> Result<Self, String> {
        let face =
            Face::parse(bytes, 0).map_err(|e| format!("the cover font cannot be read: {e}"))?;
        Ok(Lettering { face })
    }

    fn scale(&self, size: f32) -> f32 {
        size / f32::from(self.face.units_per_em().max(1))
    }

    fn glyph(&self, c: char) -> GlyphId {
        self.face
            .glyph_index(c)
            .or_else(|| self.face.glyph_index('?'))
            .unwrap_or(GlyphId(0))
    }

    /// The advance width of `text` at `size` pixels.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let scale = self.scale(size);
        text.chars()
            .map(|c| f32::from(self.face.glyph_hor_advance(self.glyph(c)).unwrap_or(0)) * scale)
            .sum()
    }

    /// Breaks `text` into lines no wider than `max_width` (a word wider than
    /// that gets a line of its own).
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, size) > max_width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Draws one line of text with its baseline at `baseline`, starting at `x`.
    pub fn draw(
        &self,
        canvas: &mut RgbImage,
        text: &str,
        x: f32,
        baseline: f32,
        size: f32,
        colour: Rgb<u8>,
    ) {
        let scale = self.scale(size);
        let mut pen = Outline {
            edges: Vec::new(),
            start: (0.0, 0.0),
            last: (0.0, 0.0),
            origin: (x, baseline),
            scale,
        };
        for c in text.chars() {
            let glyph = self.glyph(c);
            pen.start = (0.0, 0.0);
            pen.last = (0.0, 0.0);
            let _ = self.face.outline_glyph(glyph, &mut pen);
            pen.origin.0 += f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * scale;
        }
        fill(canvas, &pen.edges, colour);
    }
}

/// Collects a glyph's outline as line segments in canvas pixels.
struct Outline {
    edges: Vec<[f32; 4]>,
    start: (f32, f32),
    last: (f32, f32),
    origin: (f32, f32),
    scale: f32,
}

impl Outline {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        // Font units point up; image rows go down.
        (
            self.origin.0 + x * self.scale,
            self.origin.1 - y * self.scale,
        )
    }

    fn segment(&mut self, to: (f32, f32)) {
        let from = self.last;
        if from != to {
            self.edges.push([from.0, from.1, to.0, to.1]);
        }
        self.last = to;
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.point(x, y);
        self.start = p;
        self.last = p;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.point(x, y);
        self.segment(p);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (p0, p1, p2) = (self.last, self.point(x1, y1), self.point(x, y));
        const STEPS: usize = 8;
        for i in 1..=STEPS {
            let t = i as f32 / STEPS as f32;
            let u = 1.0 - t;
            self.segment((
                u * u * p0.0 + 2.0 * u * t * p1.0 + t * t * p2.0,
                u * u * p0.1 + 2.0 * u * t * p1.1 + t * t * p2.1,
            ));
        }
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (p0, p1, p2, p3) = (
            self.last,
            self.point(x1, y1),
            self.point(x2, y2),
            self.point(x, y),
        );
        const STEPS: usize = 12;
        for i in 1..=STEPS {
            let t = i as f32 / STEPS as f32;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            self.segment((
                a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
                a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
            ));
        }
    }

    fn close(&mut self) {
        let start = self.start;
        self.segment(start);
    }
}

/// Fills the shapes the edges enclose (non-zero rule), blending `colour` in.
fn fill(canvas: &mut RgbImage, edges: &[[f32; 4]], colour: Rgb<u8>) {
    if edges.is_empty() {
        return;
    }
    let (width, height) = (canvas.width() as usize, canvas.height() as usize);
    let top = edges
        .iter()
        .map(|e| e[1].min(e[3]))
        .fold(f32::INFINITY, f32::min)
        .floor()
        .max(0.0) as usize;
    let bottom = (edges
        .iter()
        .map(|e| e[1].max(e[3]))
        .fold(f32::NEG_INFINITY, f32::max)
        .ceil()
        .max(0.0) as usize)
        .min(height);
    let mut coverage = vec![0f32; width];
    let mut crossings: Vec<(f32, i32)> = Vec::new();
    for row in top..bottom {
        coverage.iter_mut().for_each(|c| *c = 0.0);
        for sample in 0..ROWS {
            let y = row as f32 + (sample as f32 + 0.5) / ROWS as f32;
            crossings.clear();
            for &[x0, y0, x1, y1] in edges {
                if (y0 <= y && y < y1) || (y1 <= y && y < y0) {
                    let x = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
                    crossings.push((x, if y1 > y0 { 1 } else { -1 }));
                }
            }
            crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut winding = 0;
            for pair in crossings.windows(2) {
                winding += pair[0].1;
                if winding != 0 {
                    add_span(&mut coverage, pair[0].0, pair[1].0);
                }
            }
        }
        for (x, &c) in coverage.iter().enumerate() {
            if c > 0.0 {
                let alpha = (c / ROWS as f32).min(1.0);
                let pixel = canvas.get_pixel_mut(x as u32, row as u32);
                for i in 0..3 {
                    let blended =
                        f32::from(pixel[i]) * (1.0 - alpha) + f32::from(colour[i]) * alpha;
                    pixel[i] = blended.round().clamp(0.0, 255.0) as u8;
                }
            }
        }
    }
}

/// Adds the covered length of [from, to) to each pixel it overlaps.
fn add_span(coverage: &mut [f32], from: f32, to: f32) {
    let from = from.max(0.0);
    let to = to.min(coverage.len() as f32);
    if to <= from {
        return;
    }
    let first = from.floor() as usize;
    let last = (to.ceil() as usize).min(coverage.len());
    for (x, cell) in coverage.iter_mut().enumerate().take(last).skip(first) {
        let left = (x as f32).max(from);
        let right = ((x + 1) as f32).min(to);
        if right > left {
            *cell += right - left;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_fills_its_pixels_exactly() {
        let mut canvas = RgbImage::from_pixel(10, 10, Rgb([0, 0, 0]));
        let square = [
            [2.0, 2.0, 6.0, 2.0],
            [6.0, 2.0, 6.0, 6.0],
            [6.0, 6.0, 2.0, 6.0],
            [2.0, 6.0, 2.0, 2.0],
        ];
        fill(&mut canvas, &square, Rgb([255, 255, 255]));
        assert_eq!(canvas.get_pixel(3, 3), &Rgb([255, 255, 255]));
        assert_eq!(canvas.get_pixel(1, 3), &Rgb([0, 0, 0]));
        assert_eq!(canvas.get_pixel(6, 3), &Rgb([0, 0, 0]));
        let lit = canvas.pixels().filter(|p| p[0] == 255).count();
        assert_eq!(lit, 16);
    }

    #[test]
    fn text_is_measured_wrapped_and_drawn_with_the_bundled_font() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/NotoSans-Bold.ttf"
        ))
        .unwrap();
        let font = Lettering::new(&bytes).unwrap();
        assert!(font.width("Still Water", 40.0) > font.width("Still", 40.0));
        let lines = font.wrap("The long drive to court and back again", 40.0, 300.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| font.width(l, 40.0) <= 300.0));
        let mut canvas = RgbImage::from_pixel(400, 80, Rgb([0, 0, 0]));
        font.draw(&mut canvas, "Ådne", 10.0, 60.0, 48.0, Rgb([255, 255, 255]));
        let lit = canvas.pixels().filter(|p| p[0] > 128).count();
        assert!(lit > 500, "{lit} pixels drawn");
        assert!(Lettering::new(b"not a font").is_err());
    }
}
