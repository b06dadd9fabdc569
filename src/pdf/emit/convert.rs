//! RGB photos converted to the output profile's CMYK with the profile's own
//! tables: sRGB to CIE Lab (D50) by the sRGB formulas, then the profile's
//! perceptual Lab-to-CMYK table (`B2A0`, a 16-bit `mft2` LUT: input curves,
//! a colour lookup table, output curves). No colour-management library is
//! needed for one known pair of profiles.
//!
//! Each photo's pixels go through a 17-point RGB grid made once through the
//! whole chain, then trilinear interpolation.

use std::io::{Read as _, Write as _};

use crate::diag::Error;
use crate::pdf::images::{ColourSpace, PdfImage};

/// The profile's Lab-to-CMYK table.
struct Lut16 {
    inputs: usize,
    outputs: usize,
    grid: usize,
    in_entries: usize,
    out_entries: usize,
    in_curves: Vec<u16>,
    clut: Vec<u16>,
    out_curves: Vec<u16>,
}

impl Lut16 {
    /// The `B2A0` tag of an ICC profile, when it is a 16-bit LUT from three
    /// channels to four.
    fn b2a0(profile: &[u8]) -> Option<Lut16> {
        let be32 = |at: usize| -> Option<usize> {
            let b = profile.get(at..at + 4)?;
            Some(u32::from_be_bytes(b.try_into().ok()?) as usize)
        };
        let count = be32(128)?;
        let tag = (0..count.min(256)).find_map(|i| {
            let at = 132 + 12 * i;
            (profile.get(at..at + 4)? == b"B2A0").then(|| Some((be32(at + 4)?, be32(at + 8)?)))?
        })?;
        let (offset, size) = tag;
        let t = profile.get(offset..offset + size)?;
        if t.get(0..4)? != b"mft2" {
            return None;
        }
        let (inputs, outputs, grid) = (t[8] as usize, t[9] as usize, t[10] as usize);
        if inputs != 3 || outputs != 4 || grid < 2 {
            return None;
        }
        let be16 = |at: usize| -> Option<u16> {
            Some(u16::from_be_bytes(t.get(at..at + 2)?.try_into().ok()?))
        };
        let in_entries = be16(48)? as usize;
        let out_entries = be16(50)? as usize;
        let mut at = 52;
        let mut read = |n: usize| -> Option<Vec<u16>> {
            let v = (0..n)
                .map(|k| be16(at + 2 * k))
                .collect::<Option<Vec<_>>>()?;
            at += 2 * n;
            Some(v)
        };
        let in_curves = read(inputs * in_entries)?;
        let clut = read(grid.pow(inputs as u32) * outputs)?;
        let out_curves = read(outputs * out_entries)?;
        Some(Lut16 {
            inputs,
            outputs,
            grid,
            in_entries,
            out_entries,
            in_curves,
            clut,
            out_curves,
        })
    }

    /// Looks `v` (0–1) up in curve `c` of a table of `n` entries each.
    fn curve(table: &[u16], c: usize, n: usize, v: f32) -> f32 {
        let x = v.clamp(0.0, 1.0) * (n - 1) as f32;
        let i = (x as usize).min(n - 2);
        let f = x - i as f32;
        let a = table[c * n + i] as f32;
        let b = table[c * n + i + 1] as f32;
        (a + (b - a) * f) / 65535.0
    }

    /// Lab in the ICC v2 16-bit encoding (each 0–1) to CMYK (each 0–1).
    fn eval(&self, lab: [f32; 3]) -> [f32; 4] {
        let g = self.grid;
        let mut idx = [0usize; 3];
        let mut frac = [0f32; 3];
        for k in 0..self.inputs {
            let v = Lut16::curve(&self.in_curves, k, self.in_entries, lab[k]) * (g - 1) as f32;
            idx[k] = (v as usize).min(g - 2);
            frac[k] = v - idx[k] as f32;
        }
        let mut out = [0f32; 4];
        for corner in 0..8usize {
            let mut w = 1.0;
            let mut at = 0;
            for k in 0..3 {
                let bit = (corner >> (2 - k)) & 1;
                w *= if bit == 1 { frac[k] } else { 1.0 - frac[k] };
                at = at * g + idx[k] + bit;
            }
            if w == 0.0 {
                continue;
            }
            for (o, v) in out.iter_mut().enumerate() {
                *v += w * self.clut[at * self.outputs + o] as f32 / 65535.0;
            }
        }
        let mut cmyk = [0f32; 4];
        for (o, v) in cmyk.iter_mut().enumerate() {
            *v = Lut16::curve(&self.out_curves, o, self.out_entries, out[o]);
        }
        cmyk
    }
}

/// sRGB (0–255) to CIE Lab under D50 in the ICC v2 16-bit Lab encoding.
fn srgb_to_lab(rgb: [f32; 3]) -> [f32; 3] {
    let lin = rgb.map(|c| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    });
    // sRGB to XYZ, adapted to D50 (Bradford), as the ICC's sRGB profile.
    let m = [
        [0.436_074_7, 0.385_064_9, 0.143_080_4],
        [0.222_504_5, 0.716_878_6, 0.060_616_9],
        [0.013_932_2, 0.097_104_5, 0.714_173_3],
    ];
    let xyz: Vec<f32> = m
        .iter()
        .map(|r| r[0] * lin[0] + r[1] * lin[1] + r[2] * lin[2])
        .collect();
    let white = [0.9642, 1.0, 0.8249];
    let f = |t: f32| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (
        f(xyz[0] / white[0]),
        f(xyz[1] / white[1]),
        f(xyz[2] / white[2]),
    );
    let l = 116.0 * fy - 16.0;
    let a = 500.0 * (fx - fy);
    let b = 200.0 * (fy - fz);
    // Version 2 encoding: L 0–100 as 0–0xFF00, a and b −128–127.996 as 0–0xFFFF.
    [
        (l * 652.80 / 65535.0).clamp(0.0, 1.0),
        ((a + 128.0) * 256.0 / 65535.0).clamp(0.0, 1.0),
        ((b + 128.0) * 256.0 / 65535.0).clamp(0.0, 1.0),
    ]
}

/// RGB to CMYK through a grid made from the profile once.
pub struct Converter {
    grid: Vec<[f32; 4]>,
}

const GRID: usize = 17;

impl Converter {
    /// A converter to the CMYK of `profile`; `None` when it has no table
    /// this can read.
    pub fn new(profile: &[u8]) -> Option<Converter> {
        let lut = Lut16::b2a0(profile)?;
        let step = 255.0 / (GRID - 1) as f32;
        let mut grid = Vec::with_capacity(GRID * GRID * GRID);
        for r in 0..GRID {
            for g in 0..GRID {
                for b in 0..GRID {
                    let rgb = [r as f32 * step, g as f32 * step, b as f32 * step];
                    grid.push(lut.eval(srgb_to_lab(rgb)));
                }
            }
        }
        Some(Converter { grid })
    }

    /// One pixel, 8 bits a channel.
    pub fn pixel(&self, rgb: [u8; 3]) -> [u8; 4] {
        let scale = (GRID - 1) as f32 / 255.0;
        let mut idx = [0usize; 3];
        let mut frac = [0f32; 3];
        for k in 0..3 {
            let v = rgb[k] as f32 * scale;
            idx[k] = (v as usize).min(GRID - 2);
            frac[k] = v - idx[k] as f32;
        }
        let mut out = [0f32; 4];
        for corner in 0..8usize {
            let mut w = 1.0;
            let mut at = 0;
            for k in 0..3 {
                let bit = (corner >> (2 - k)) & 1;
                w *= if bit == 1 { frac[k] } else { 1.0 - frac[k] };
                at = at * GRID + idx[k] + bit;
            }
            for (o, v) in out.iter_mut().enumerate() {
                *v += w * self.grid[at][o];
            }
        }
        out.map(|v| (v * 255.0).round().clamp(0.0, 255.0) as u8)
    }

    /// The photo in CMYK: a JPEG as a CMYK JPEG (quality 90), other samples
    /// deflated; other colour spaces are returned as they are.
    pub fn image(&self, img: &PdfImage) -> Result<PdfImage, Error> {
        if img.colour != ColourSpace::Rgb {
            return Ok(img.clone());
        }
        let fail = |e: String| Error::new(format!("cannot convert an RGB photo to CMYK: {e}"));
        let rgb: Vec<u8> = if img.jpeg {
            image::load_from_memory_with_format(&img.data, image::ImageFormat::Jpeg)
                .map_err(|e| fail(e.to_string()))?
                .to_rgb8()
                .into_raw()
        } else if img.deflated {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(img.data.as_slice())
                .read_to_end(&mut out)
                .map_err(|e| fail(e.to_string()))?;
            out
        } else {
            img.data.clone()
        };
        let pixels = img.width as usize * img.height as usize;
        if rgb.len() < pixels * 3 {
            return Err(fail("the samples are cut short".into()));
        }
        let mut cmyk = Vec::with_capacity(pixels * 4);
        for p in rgb.chunks_exact(3).take(pixels) {
            cmyk.extend(self.pixel([p[0], p[1], p[2]]));
        }
        if img.jpeg {
            // A JPEG stays a JPEG (an Adobe CMYK one, stored inverted), not
            // ten times its size as samples.
            let mut data = Vec::new();
            let (w, h) = (
                u16::try_from(img.width).map_err(|e| fail(e.to_string()))?,
                u16::try_from(img.height).map_err(|e| fail(e.to_string()))?,
            );
            jpeg_encoder::Encoder::new(&mut data, 90)
                .encode(&cmyk, w, h, jpeg_encoder::ColorType::Cmyk)
                .map_err(|e| fail(e.to_string()))?;
            return Ok(PdfImage {
                width: img.width,
                height: img.height,
                colour: ColourSpace::Cmyk,
                data,
                jpeg: true,
                deflated: false,
                inverted: true,
            });
        }
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&cmyk).map_err(|e| fail(e.to_string()))?;
        let data = enc.finish().map_err(|e| fail(e.to_string()))?;
        Ok(PdfImage {
            width: img.width,
            height: img.height,
            colour: ColourSpace::Cmyk,
            data,
            jpeg: false,
            deflated: true,
            inverted: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_separates_white_black_and_primaries_as_a_press_would() {
        let c = Converter::new(super::super::standard::OUTPUT_PROFILE).expect("profile's B2A0");
        let white = c.pixel([255, 255, 255]);
        assert!(white.iter().all(|&v| v <= 3), "paper white: {white:?}");
        let black = c.pixel([0, 0, 0]);
        let total: u32 = black.iter().map(|&v| v as u32).sum();
        assert!(black[3] > 200, "black has black ink: {black:?}");
        assert!(total <= 300 * 255 / 100 + 4, "ink limit 300 %: {black:?}");
        let red = c.pixel([255, 0, 0]);
        assert!(
            red[1] > 200 && red[2] > 200 && red[0] < 40,
            "red is M+Y: {red:?}"
        );
        let blue = c.pixel([0, 80, 200]);
        assert!(blue[0] > 180 && blue[2] < 60, "blue is mostly C: {blue:?}");
    }
}
