//! The news hole: how many columns of the type area a story gets, and how
//! deep, written as a desk writes it (`4x210mm`, `5x120lines`).

use std::fmt;
use std::str::FromStr;

use super::{Style, PT_PER_MM};

/// A depth as written: a length, or a number of body lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Depth {
    /// Points.
    Points(f32),
    /// Body lines on the style's baseline grid.
    Lines(u32),
}

/// A news hole at the top left of the type area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hole {
    /// Columns, from the left.
    pub columns: u32,
    /// Depth, from the top of the type area.
    pub depth: Depth,
}

/// Units a depth may be written in, with points per unit (`lines` apart).
const UNITS: &[(&str, f32)] = &[
    ("mm", PT_PER_MM),
    ("cm", PT_PER_MM * 10.0),
    ("in", 72.0),
    ("pt", 1.0),
];

impl FromStr for Hole {
    type Err = String;

    fn from_str(s: &str) -> Result<Hole, String> {
        let usage = |why: &str| {
            format!("hole `{s}`: {why}; write COLUMNSxDEPTH with a unit (mm, cm, in, pt or lines), e.g. 4x210mm or 5x120lines")
        };
        let text = s.trim();
        let (cols, depth) = text
            .split_once(['x', 'X', '\u{00D7}'])
            .ok_or_else(|| usage("no `x` between columns and depth"))?;
        let columns: u32 = cols
            .trim()
            .parse()
            .map_err(|_| usage(&format!("`{}` is not a number of columns", cols.trim())))?;
        if columns == 0 {
            return Err(usage("a hole needs at least one column"));
        }
        let depth = depth.trim();
        if depth.is_empty() {
            return Err(usage("no depth after the `x`"));
        }
        let split = depth
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| usage(&format!("`{depth}` has no unit")))?;
        let (number, unit) = depth.split_at(split);
        let unit = unit.trim().to_ascii_lowercase();
        let value: f32 = number
            .parse()
            .ok()
            .filter(|v: &f32| v.is_finite() && *v > 0.0)
            .ok_or_else(|| usage(&format!("`{number}` is not a depth above zero")))?;
        let depth = if unit == "lines" || unit == "line" {
            if value.fract() != 0.0 {
                return Err(usage("lines are counted in whole numbers"));
            }
            Depth::Lines(value as u32)
        } else {
            let per = UNITS
                .iter()
                .find(|(u, _)| *u == unit)
                .map(|(_, p)| *p)
                .ok_or_else(|| usage(&format!("`{unit}` is not a unit")))?;
            Depth::Points(value * per)
        };
        Ok(Hole { columns, depth })
    }
}

impl fmt::Display for Hole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.depth {
            Depth::Lines(n) => write!(f, "{}x{n}lines", self.columns),
            Depth::Points(pt) => write!(f, "{}x{:.1}mm", self.columns, pt / PT_PER_MM),
        }
    }
}

impl Hole {
    /// The depth in points on a baseline grid of `baseline` points: `n`
    /// lines take `n` baselines.
    pub fn depth_pt(&self, baseline: f32) -> f32 {
        match self.depth {
            Depth::Points(pt) => pt,
            Depth::Lines(n) => n as f32 * baseline,
        }
    }

    /// Whether the hole fits the style's type area; the message says how not.
    pub fn check(&self, style: &Style) -> Result<(), String> {
        let cols = style.grid.columns;
        if self.columns > cols {
            return Err(format!(
                "hole {self} is {} columns wide; style `{}` has {cols}",
                self.columns, style.name
            ));
        }
        let area = style.page.height - style.page.margin_top - style.page.margin_bottom;
        let depth = self.depth_pt(style.grid.baseline);
        // Half a point of slack: a depth written in mm rounds.
        if depth > area + 0.5 {
            return Err(format!(
                "hole {self} is {:.1} mm deep; style `{}` has a type area {:.1} mm deep ({} lines)",
                depth / PT_PER_MM,
                style.name,
                area / PT_PER_MM,
                (area / style.grid.baseline).floor()
            ));
        }
        if depth < 3.0 * style.grid.baseline {
            return Err(format!(
                "hole {self} is under 3 body lines deep in style `{}`",
                style.name
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_read_as_desks_write_them() {
        let h: Hole = "4x210mm".parse().unwrap();
        assert_eq!(h.columns, 4);
        assert!(matches!(h.depth, Depth::Points(p) if (p - 210.0 * PT_PER_MM).abs() < 1e-3));
        let h: Hole = "5x120lines".parse().unwrap();
        assert_eq!((h.columns, h.depth), (5, Depth::Lines(120)));
        assert_eq!(h.depth_pt(12.5), 1500.0);
        let h: Hole = " 3X21.5cm ".parse().unwrap();
        assert!(matches!(h.depth, Depth::Points(p) if (p - 215.0 * PT_PER_MM).abs() < 1e-2));
        assert_eq!("2x8in".parse::<Hole>().unwrap().depth, Depth::Points(576.0));
        assert_eq!(
            "2x600pt".parse::<Hole>().unwrap().depth,
            Depth::Points(600.0)
        );
    }

    #[test]
    fn bad_holes_say_what_is_wrong() {
        for (bad, says) in [
            ("4", "no `x`"),
            ("x210mm", "not a number of columns"),
            ("0x210mm", "at least one column"),
            ("4x210", "has no unit"),
            ("4x210furlongs", "`furlongs` is not a unit"),
            ("4x0mm", "not a depth above zero"),
            ("4x12.5lines", "whole numbers"),
            ("4xmm", "not a depth above zero"),
            ("4x", "no depth after the `x`"),
        ] {
            let e = bad.parse::<Hole>().unwrap_err();
            assert!(e.contains(says) && e.contains(bad), "{bad}: {e}");
        }
    }
}
