//! Stories in news holes, checked on their frames with the font-free
//! `MonoSetter` (line counts are predictable): modules with no empty column
//! and no short leg, jumps a desk accepts, placeholders at the standard
//! size, over and under figures against stories of known length, and the
//! report's `short_lines` and `loose_lines` against counts made from the
//! frame.

use std::collections::BTreeMap;

use galley::backend::Document;
use galley::model::Article;
use galley::pdf::frame::{Frames, Page, Rect, Role, Shape};
use galley::pdf::grid::Grid;
use galley::pdf::setter::MonoSetter;
use galley::pdf::{lay_out, Layout};
use galley::style::{Hole, Style, BUILTIN};
use serde_json::{json, Value};

/// Invented copy: a ferry strike on the islands of Halvik and Sornes.
const SENTENCES: &[&str] = &[
    "The morning ferry from Halvik to Sornes stayed at the quay on Monday after its crew stopped work over the new rota.",
    "Marta Lindqvist, who runs the bakery by the harbour, said she had sold half her bread by nine to people waiting for news.",
    "The shipping company said it would put on a smaller boat in the afternoon if the weather held and the union agreed.",
    "Union officials met the company in the ticket office, where the heating had failed and the coffee ran out by noon.",
    "Pupils from the island school were taken home by the harbour master in his own launch, four at a time.",
    "The county council said the ferry contract, which runs until next spring, obliges the company to keep two crews.",
    "Oskar Berg, a fisherman, said the strike was the first on the route since his father's time, when the old steamer sank.",
    "By evening a notice on the quay said sailings would resume on Wednesday, though nobody at the office would confirm it.",
];

fn para(text: &str) -> Value {
    json!({"type": "paragraph", "content": [{"type": "text", "text": text}]})
}

/// A paragraph of `n` sentences, starting at sentence `from`.
fn sentences(from: usize, n: usize) -> String {
    (0..n)
        .map(|i| SENTENCES[(from + i) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a test story carries besides its text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Extra {
    Nothing,
    Photo,
    MissingPhoto,
    FactBox,
    Table,
    Quote,
}

const EXTRAS: &[Extra] = &[
    Extra::Nothing,
    Extra::Photo,
    Extra::MissingPhoto,
    Extra::FactBox,
    Extra::Table,
    Extra::Quote,
];

/// A story of `paras` paragraphs of three sentences, with `extra`.
fn story(paras: usize, extra: Extra) -> Document {
    let mut body = Vec::new();
    match extra {
        Extra::Photo => body.push(json!({"type": "figure", "src": "quay.png",
            "caption": [{"type": "text", "text": "The Sornes ferry at the Halvik quay on Monday."}],
            "credit": "Ina Moe"})),
        Extra::MissingPhoto => body.push(json!({"type": "figure",
            "caption": [{"type": "text", "text": "Passengers waiting at the quay."}]})),
        _ => {}
    }
    for i in 0..paras {
        body.push(para(&sentences(i * 3, 3)));
        if i == 1 && extra == Extra::Quote {
            body.push(json!({"type": "pull_quote",
                "content": [{"type": "text", "text": "We have not missed a sailing since the old steamer sank"}],
                "attribution": {"name": "Oskar Berg"}}));
        }
    }
    match extra {
        Extra::FactBox => body.push(json!({"type": "sidebar", "title": "The route", "body": [
            para("Halvik to Sornes: 40 minutes"), para("Two crews of six"), para("Contract ends in spring")]})),
        Extra::Table => body.push(json!({"type": "table",
            "caption": [{"type": "text", "text": "Sailings last week"}],
            "rows": [
                {"header": true, "cells": [{"content": [{"type": "text", "text": "Day"}]}, {"content": [{"type": "text", "text": "Sailings"}]}]},
                {"cells": [{"content": [{"type": "text", "text": "Monday"}]}, {"content": [{"type": "text", "text": "0"}]}]},
                {"cells": [{"content": [{"type": "text", "text": "Tuesday"}]}, {"content": [{"type": "text", "text": "2"}]}]}]})),
        _ => {}
    }
    document(json!({"version": 1,
        "meta": {"headline": "Strike keeps the Sornes ferry at the quay", "language": "en-GB"},
        "body": body}))
}

/// A story of `n` one-line paragraphs and no head: `n` body lines.
fn lines(n: usize) -> Document {
    let body: Vec<Value> = (1..=n).map(|i| para(&format!("Line {i}."))).collect();
    document(json!({"version": 1, "meta": {"headline": ""}, "body": body}))
}

fn document(tree: Value) -> Document {
    let article: Article = serde_json::from_value(tree).unwrap();
    let mut doc = Document::new(article, "story.json");
    let img = image::RgbImage::from_pixel(1800, 1200, image::Rgb([90, 120, 150]));
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
    doc.media = BTreeMap::from([("quay.png".to_string(), Ok(png.into_inner()))]);
    doc
}

fn with_hole(style: &str, hole: Option<&str>) -> Style {
    let mut style = Style::builtin(style).unwrap();
    style.layout.hole = hole.map(|h| h.parse::<Hole>().unwrap());
    style
}

/// The baseline body text starts from in column `c` of a page: under the
/// head rule where the rule spans the column, else the hole's first.
fn column_top(page: &Page, grid: &Grid, c: usize) -> u32 {
    let (x, w) = grid.columns[c];
    page.items
        .iter()
        .find_map(|i| match (i.role, &i.shape) {
            (Role::HeadRule, Shape::Rule { from, to, .. })
                if from.x <= x + w / 2.0 && x + w / 2.0 <= to.x =>
            {
                Some(((from.y + 6.0 - grid.top) / grid.baseline).ceil().max(0.0) as u32)
            }
            _ => None,
        })
        .unwrap_or(0)
}

/// The baseline body text starts from in the first column.
fn body_top(page: &Page, grid: &Grid) -> u32 {
    column_top(page, grid, 0)
}

/// Body and subhead lines per column of a page.
fn text_lines(page: &Page, grid: &Grid) -> Vec<u32> {
    grid.columns
        .iter()
        .map(|&(x, w)| {
            page.items
                .iter()
                .filter(|i| i.role.flows())
                .filter_map(|i| i.text_at())
                .filter(|at| at.x >= x - 0.5 && at.x < x + w)
                .count() as u32
        })
        .collect()
}

/// The legs of a page: per column with text, the baselines its text and
/// the pull quotes, fact boxes and tables in it take.
fn legs(page: &Page, grid: &Grid) -> Vec<u32> {
    let text = text_lines(page, grid);
    grid.columns
        .iter()
        .zip(text)
        .map(|(&(cx, cw), n)| {
            if n == 0 {
                return 0;
            }
            let mut ks = std::collections::BTreeSet::new();
            for item in &page.items {
                let leg = item.role.flows()
                    || matches!(
                        item.role,
                        Role::PullQuote | Role::Attribution | Role::FactBox | Role::Table
                    );
                let Some((x0, x1, from, to)) = taken(item, grid, 0.0).filter(|_| leg) else {
                    continue;
                };
                if x1 > cx + 0.5 && x0 < cx + cw - 0.5 {
                    ks.extend(from..to);
                }
            }
            ks.len() as u32
        })
        .collect()
}

/// The baselines of a column an item takes, as a range `from..to`: a body
/// line its own; another item every baseline its extent (grown by the
/// standoff above and below) reaches into by more than half a point.
fn taken(
    item: &galley::pdf::frame::Item,
    grid: &Grid,
    standoff: f32,
) -> Option<(f32, f32, u32, u32)> {
    let (x0, x1, y0, y1) = match &item.shape {
        Shape::Text { at, line, .. } if item.role.flows() => {
            let k = ((at.y - grid.top - grid.first) / grid.baseline).round() as u32;
            return Some((at.x, at.x + line.width.max(1.0), k, k + 1));
        }
        Shape::Text { at, line, .. } => {
            let size = line.runs[0].size;
            (
                at.x,
                at.x + line.width.max(1.0),
                at.y - size * 0.8,
                at.y + size * 0.2,
            )
        }
        Shape::Rule {
            from, to, weight, ..
        } => {
            let w = (weight / 2.0).max(0.5);
            (
                from.x.min(to.x) - w,
                from.x.max(to.x) + w,
                from.y.min(to.y) - w,
                from.y.max(to.y) + w,
            )
        }
        Shape::Box { rect, .. } => (rect.x, rect.right(), rect.y, rect.bottom()),
        Shape::Image { frame, .. } => (frame.x, frame.right(), frame.y, frame.bottom()),
    };
    let (y0, y1) = (y0 - standoff, y1 + standoff);
    // Baseline k's line runs from line_top(k) to line_top(k) + baseline.
    let first = ((y0 + 0.5 - grid.top) / grid.baseline - 1.0)
        .ceil()
        .max(0.0) as u32;
    let last = ((y1 - 0.5 - grid.top) / grid.baseline).ceil().max(0.0) as u32;
    Some((x0, x1, first, last))
}

/// Empty grid lines of the hole, counted from the frame: per page and
/// column, the baselines from the body's top down that nothing takes.
fn empty_in_frame(frames: &Frames, grid: &Grid, standoff: f32) -> u32 {
    let mut empty = 0;
    for page in &frames.pages {
        for (c, &(cx, cw)) in grid.columns.iter().enumerate() {
            let top = column_top(page, grid, c);
            let mut used = vec![false; grid.baselines() as usize];
            for item in &page.items {
                if item.role.is_note()
                    || matches!(
                        item.role,
                        Role::Mark | Role::Slug | Role::RunningHead | Role::Folio
                    )
                {
                    continue;
                }
                let Some((x0, x1, from, to)) = taken(item, grid, standoff) else {
                    continue;
                };
                if x1 <= cx + 0.5 || x0 >= cx + cw - 0.5 {
                    continue;
                }
                for k in from..to.min(grid.baselines()) {
                    used[k as usize] = true;
                }
            }
            empty += used[top as usize..].iter().filter(|u| !**u).count() as u32;
        }
    }
    empty
}

/// The standard lead photo's frame in a style: its columns' width at 3:2.
fn standard_photo(style: &Style, grid: &Grid) -> (f32, f32) {
    let n = (style.layout.lead_photo_columns as usize).min(grid.columns.len());
    let w = grid.span_width(0, n);
    (w, w * 2.0 / 3.0)
}

/// Every rule of the issue that a frame shows, for one layout.
fn check(name: &str, l: &Layout, style: &Style) {
    let grid = Grid::new(style);
    let pages = &l.frames.pages;
    let min_leg = style.layout.min_leg_lines;
    // No continuation under min_jump_lines.
    if pages.len() > 1 {
        let carried: u32 = text_lines(pages.last().unwrap(), &grid).iter().sum();
        assert!(
            carried >= style.layout.min_jump_lines,
            "{name}: page {} carries {carried} lines",
            pages.len()
        );
    }
    // A one-page story in its module, and a continuation on its last
    // page: no empty column, no short leg.
    if l.overset_lines == 0 {
        let page = pages.last().unwrap();
        let legs = legs(page, &grid);
        let used = legs.iter().rposition(|&n| n > 0).map_or(0, |c| c + 1);
        for (c, &n) in legs.iter().enumerate().take(used) {
            assert!(
                n > 0,
                "{name}: column {} of the module is empty: {legs:?}",
                c + 1
            );
            assert!(
                n >= min_leg || used == 1,
                "{name}: a leg of {n} lines in column {}: {legs:?}",
                c + 1
            );
        }
    }
    // No placeholder over the standard lead photo's size.
    let (w, h) = standard_photo(style, &grid);
    for (_, item) in l.frames.of_role(Role::Placeholder) {
        if let Shape::Box {
            rect,
            fill: Some(_),
            ..
        } = item.shape
        {
            if rect.w > 20.0 && rect.h > 20.0 {
                assert!(
                    rect.w <= w + 0.1 && rect.h <= h + 0.1,
                    "{name}: placeholder {rect:?} over {w} × {h}"
                );
            }
        }
    }
    // The report tells the truth.
    assert_eq!(
        l.short_lines,
        empty_in_frame(&l.frames, &grid, style.layout.standoff),
        "{name}: short lines"
    );
    let loose = l
        .frames
        .of_role(Role::Body)
        .filter(|(_, i)| {
            i.line()
                .is_some_and(|line| line.ratio > MonoSetter::TOLERANCE)
        })
        .count() as u32;
    assert_eq!(l.loose_lines, loose, "{name}: loose lines");
    let fit = l.fit.as_ref().expect("fit figures");
    assert_eq!(
        (fit.over_lines, fit.under_lines),
        (l.overset_lines, l.short_lines),
        "{name}"
    );
}

#[test]
fn every_story_sits_in_its_module_in_every_style() {
    for &(style_name, _) in BUILTIN {
        for paras in [1, 4, 12, 40] {
            for &extra in EXTRAS {
                for hole in [false, true] {
                    let mut style = with_hole(style_name, None);
                    if hole {
                        let cols = style.grid.columns.min(4);
                        style.layout.hole = Some(format!("{cols}x200mm").parse().unwrap());
                    }
                    let name = format!("{style_name} {paras} paragraphs {extra:?} hole {hole:?}");
                    let l = lay_out(&story(paras, extra), &style, &MonoSetter, None);
                    check(&name, &l, &style);
                }
            }
        }
    }
}

#[test]
fn over_and_under_are_counted_in_lines_and_centimetres() {
    // No head but its rule: 4 columns of 30 lines hold 4 × 29 body lines.
    let style = with_hole("tabloid", Some("4x30lines"));
    let grid = Grid::new(&style);
    assert_eq!((grid.columns.len(), grid.baselines()), (4, 30));
    let capacity = 4 * 29;
    for n in [10usize, 60, 116, 150] {
        let l = lay_out(&lines(n), &style, &MonoSetter, None);
        let fit = l.fit.as_ref().unwrap();
        assert_eq!(fit.hole.columns, 4);
        assert_eq!(fit.hole.depth_lines, 30);
        // 30 lines of 12.5 pt.
        assert_eq!(fit.hole.depth_mm, 132.3);
        assert_eq!(fit.over_lines, n.saturating_sub(capacity) as u32, "{n}");
        // The head rule takes a line over the module's columns only: the
        // columns beside a narrower module are open from the top.
        let module = legs(&l.frames.pages[0], &grid)
            .iter()
            .filter(|&&n| n > 0)
            .count();
        let beside = 4 - module;
        assert_eq!(
            fit.under_lines,
            (capacity.saturating_sub(n) + beside) as u32,
            "{n}"
        );
        let cm = |lines: u32| (f64::from(lines) * 12.5 * 25.4 / 72.0).round() / 10.0;
        assert_eq!(fit.over_cm, cm(fit.over_lines));
        assert_eq!(fit.under_cm, cm(fit.under_lines));
        assert_eq!(
            l.frames.pages.len(),
            1,
            "a hole takes one page unless given more"
        );
        check(&format!("{n} lines"), &l, &style);
    }
    // 150 lines: 34 over, tagged under the hole's last column.
    let l = lay_out(&lines(150), &style, &MonoSetter, None);
    let tag: Vec<String> = l
        .frames
        .page_text(1)
        .into_iter()
        .filter(|t| t.starts_with('+'))
        .collect();
    assert_eq!(tag, ["+34 lines"]);
    let tags: Vec<Rect> = l
        .frames
        .of_role(Role::Overset)
        .filter_map(|(_, i)| match i.shape {
            Shape::Box { rect, .. } => Some(rect),
            _ => None,
        })
        .collect();
    let (x, w) = grid.columns[3];
    assert_eq!(tags.len(), 1);
    assert!(
        (tags[0].x - x).abs() < 0.01 && (tags[0].w - w).abs() < 0.01 && tags[0].y > grid.bottom
    );
    assert_eq!(l.frames.of_role(Role::OpenSpace).count(), 0);
    // With two pages it jumps: nothing over.
    let l = lay_out(&lines(150), &style, &MonoSetter, Some(2));
    assert_eq!((l.frames.pages.len(), l.overset_lines), (2, 0));
}

#[test]
fn a_brief_takes_one_leg_and_frames_the_open_space_around_it() {
    let style = with_hole("tabloid", Some("5x60lines"));
    let grid = Grid::new(&style);
    // Five lines: one leg, in the first column; the open space is an L,
    // framed under the leg across the hole (5 × 54 lines), which holds
    // more than the columns beside it (4 × 60), then the strip beside the
    // head and the leg (4 × 6).
    let l = lay_out(&lines(5), &style, &MonoSetter, None);
    let page = &l.frames.pages[0];
    assert_eq!(legs(page, &grid), [5, 0, 0, 0, 0]);
    let open = open_space(&l);
    assert_eq!(open.len(), 2);
    let (r, strip) = (open[0], open[1]);
    // A frame is drawn 1 pt inside the space at the sides, 2 pt at the top.
    let foot = body_top(page, &grid) + 5;
    let top = grid.line_top(foot);
    assert!((r.x - 1.0 - grid.left).abs() < 0.01 && (r.right() + 1.0 - grid.right).abs() < 0.01);
    assert!((r.y - 2.0 - top).abs() < 0.01 && (r.bottom() + 1.0 - grid.bottom).abs() < 0.01);
    let (x, _) = grid.columns[1];
    assert!((strip.x - 1.0 - x).abs() < 0.01 && (strip.right() + 1.0 - grid.right).abs() < 0.01);
    assert!((strip.y - 2.0 - grid.line_top(0)).abs() < 0.01);
    assert!((strip.bottom() + 1.0 - top).abs() < 0.01);
    let label: Vec<String> = page
        .items
        .iter()
        .filter(|i| i.role == Role::OpenSpace)
        .filter_map(|i| i.line().map(|l| l.text()))
        .collect();
    assert_eq!(
        label,
        [
            "OPEN SPACE 5 col \u{00D7} 238 mm \u{00B7} 270 lines",
            "OPEN SPACE 4 col \u{00D7} 26 mm \u{00B7} 24 lines"
        ]
    );
    // Every empty line of the hole is counted, and framed: the strip beside
    // the leg, which the head rule (over the module) does not reach, too.
    assert_eq!(l.short_lines, 4 * 60 + 59 - 5);
    assert_eq!(l.short_lines, 270 + 24);
    // Fourteen lines: two legs of seven, not five of three.
    let l = lay_out(&lines(14), &style, &MonoSetter, None);
    assert_eq!(legs(&l.frames.pages[0], &grid), [7, 7, 0, 0, 0]);
    // Sixty: five legs of twelve, the open space under them.
    let l = lay_out(&lines(60), &style, &MonoSetter, None);
    assert_eq!(legs(&l.frames.pages[0], &grid), [12; 5]);
    let open = open_space(&l);
    assert_eq!(open.len(), 1);
    assert!(
        (open[0].y - 2.0 - grid.line_top(13)).abs() < 0.01
            && (open[0].w + 2.0 - grid.width()).abs() < 0.01
    );
    assert_eq!(l.short_lines, 5 * 59 - 60);
}

#[test]
fn a_short_continuation_is_refused() {
    // A story a few lines over one page of 5 × 30 lines: no jump of 3 lines.
    let style = with_hole("tabloid", Some("5x30lines"));
    let capacity = 5 * 29;
    let l = lay_out(&lines(capacity + 3), &style, &MonoSetter, Some(2));
    assert_eq!(l.frames.pages.len(), 1);
    assert!(l.overset_lines > 0);
    assert!(
        l.warnings
            .iter()
            .any(|w| w.message.contains("under the style's `min_jump_lines` (8)")),
        "{:?}",
        l.warnings
    );
    // Twenty over: a jump worth making.
    let l = lay_out(&lines(capacity + 20), &style, &MonoSetter, Some(2));
    assert_eq!((l.frames.pages.len(), l.overset_lines), (2, 0));
    check("a jump of twenty", &l, &style);
}

#[test]
fn a_short_continuation_takes_fewer_longer_legs() {
    // Twelve lines over one page of 5 × 30: a jump worth making, set in
    // two legs of six on page 2, not five of two or three.
    let style = with_hole("tabloid", Some("5x30lines"));
    let grid = Grid::new(&style);
    let capacity = 5 * 29;
    let l = lay_out(&lines(capacity + 12), &style, &MonoSetter, Some(2));
    assert_eq!((l.frames.pages.len(), l.overset_lines), (2, 0));
    let page = &l.frames.pages[1];
    let legs = legs(page, &grid);
    assert_eq!(legs.iter().filter(|&&n| n > 0).count(), 2, "{legs:?}");
    assert!(legs[..2].iter().all(|&n| n >= 6), "{legs:?}");
    // The open space is framed larger part first: under the legs across
    // the hole (5 × 22 lines), not the columns beside them (3 × 30); then
    // the strip beside the legs, three columns over the two legs' depth.
    let open = open_space(&l);
    assert_eq!(open.len(), 2);
    assert!((open[0].w + 2.0 - grid.width()).abs() < 0.01, "{open:?}");
    let (x, _) = grid.columns[2];
    assert!((open[1].x - 1.0 - x).abs() < 0.01, "{open:?}");
    assert!(
        (open[1].bottom() + 1.0 - open[0].y + 2.0).abs() < 0.01,
        "{open:?}"
    );
    check("a jump of twelve", &l, &style);
}

#[test]
fn a_placeholder_keeps_the_standard_size() {
    for &(name, _) in BUILTIN {
        let style = with_hole(name, None);
        let grid = Grid::new(&style);
        // Long enough to run across the page: the photo's standard place.
        let l = lay_out(&story(20, Extra::MissingPhoto), &style, &MonoSetter, None);
        let (w, h) = standard_photo(&style, &grid);
        let boxes: Vec<Rect> = l
            .frames
            .of_role(Role::Placeholder)
            .filter_map(|(_, i)| match i.shape {
                Shape::Box {
                    rect,
                    stroke: Some(_),
                    ..
                } => Some(rect),
                _ => None,
            })
            .collect();
        assert_eq!(boxes.len(), 1, "{name}");
        assert!(
            (boxes[0].w - w).abs() < 0.1 && (boxes[0].h - h).abs() < 0.1,
            "{name}: {:?} not {w} × {h}",
            boxes[0]
        );
    }
}

/// The open-space frames a layout draws.
fn open_space(l: &galley::pdf::Layout) -> Vec<Rect> {
    l.frames
        .of_role(Role::OpenSpace)
        .filter_map(|(_, i)| match i.shape {
            Shape::Box { rect, .. } => Some(rect),
            _ => None,
        })
        .collect()
}
