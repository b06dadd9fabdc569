//! Proof furniture outside the trim: crop marks at the corners, registration
//! marks on each side, and the slug line (file, style, page n of m, time).

use crate::pdf::frame::{Item, Page, Point, Role, Shape, Source};
use crate::pdf::setter::{LineSetter, StyledParagraph};
use crate::style::{Cmyk, Style};

/// Weight of marks, in points.
const MARK_WEIGHT: f32 = 0.25;

/// What the slug line says about a page.
#[derive(Debug, Clone, Copy)]
pub struct Slug<'a> {
    /// The input file as the user named it.
    pub origin: &'a str,
    /// The style's name.
    pub style: &'a str,
    /// This page, from 1.
    pub page: usize,
    /// Pages in the proof.
    pub pages: usize,
    /// The proof time, seconds since 1970 (UTC); `None` when neither
    /// `SOURCE_DATE_EPOCH` nor the article gives one (no date is invented).
    pub time: Option<i64>,
}

impl Slug<'_> {
    /// The slug's text (`file · style · page n of m · time`) with `origin`
    /// standing for the file.
    pub fn text(&self, origin: &str) -> String {
        let mut text = format!(
            "{origin} \u{00B7} style {} \u{00B7} page {} of {}",
            self.style, self.page, self.pages
        );
        if let Some(time) = self.time {
            let (y, mo, d, h, mi, _) = crate::dates::civil(time);
            text.push_str(&format!(
                " \u{00B7} proof {y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC"
            ));
        }
        text
    }

    /// The ways to name the file, longest first: the path as given, then
    /// with leading folders elided, down to the file name alone.
    fn origins(&self) -> Vec<String> {
        let mut all = vec![self.origin.to_string()];
        let mut rest = self.origin;
        while let Some(i) = rest.find(['/', '\\']) {
            rest = &rest[i + 1..];
            if !rest.is_empty() {
                all.push(format!("\u{2026}/{rest}"));
            }
        }
        all
    }
}

/// Adds crop and registration marks and the slug to a page.
pub fn add(page: &mut Page, style: &Style, setter: &dyn LineSetter, slug: &Slug) {
    let p = &style.page;
    let (w, h) = (p.width, p.height);
    // Marks start past the bleed so they never print on the page.
    let gap = p.bleed + 2.0;
    let len = (p.slug * 0.6).max(10.0);
    let ink = Cmyk::REGISTRATION;
    let mut rule = |from: (f32, f32), to: (f32, f32)| {
        page.items.push(Item::new(
            Role::Mark,
            Source::Page,
            Shape::Rule {
                from: Point::new(from.0, from.1),
                to: Point::new(to.0, to.1),
                weight: MARK_WEIGHT,
                colour: ink,
            },
        ))
    };
    for (x, y, dx, dy) in [
        (0.0, 0.0, -1.0, -1.0),
        (w, 0.0, 1.0, -1.0),
        (0.0, h, -1.0, 1.0),
        (w, h, 1.0, 1.0),
    ] {
        rule((x + dx * gap, y), (x + dx * (gap + len), y));
        rule((x, y + dy * gap), (x, y + dy * (gap + len)));
    }
    // Registration marks: a circle and a cross in the middle of each side.
    let r = (p.slug * 0.18).max(3.0);
    let off = p.bleed + p.slug * 0.5;
    for (cx, cy) in [
        (w / 2.0, -off),
        (w / 2.0, h + off),
        (-off, h / 2.0),
        (w + off, h / 2.0),
    ] {
        rule((cx - r * 1.5, cy), (cx + r * 1.5, cy));
        rule((cx, cy - r * 1.5), (cx, cy + r * 1.5));
        let n = 24;
        for i in 0..n {
            let a0 = i as f32 / n as f32 * std::f32::consts::TAU;
            let a1 = (i + 1) as f32 / n as f32 * std::f32::consts::TAU;
            rule(
                (cx + r * a0.cos(), cy + r * a0.sin()),
                (cx + r * a1.cos(), cy + r * a1.sin()),
            );
        }
    }
    // The slug, under the bottom bleed, left of the registration mark.
    let role = &style.roles.slug;
    // Clear of the crop mark that runs down from the trim's left edge.
    let left = p.bleed;
    let width = w / 2.0 - r * 3.0 - left;
    // A long path gives way before the style, page and time do.
    let mut lines = Vec::new();
    for origin in slug.origins() {
        let para = StyledParagraph::plain(&slug.text(&origin), role);
        lines = setter.set(&para, &[width]).lines;
        if lines.len() <= 1 {
            break;
        }
    }
    let y = h + p.bleed + p.slug * 0.5 + role.size * 0.35;
    if let Some(line) = lines.into_iter().next() {
        page.items.push(Item::new(
            Role::Slug,
            Source::Page,
            Shape::Text {
                at: Point::new(left, y),
                line,
                colour: Cmyk::BLACK,
            },
        ));
    }
}
