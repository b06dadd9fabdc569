//! The page layout, checked on its frames (no PDF): the grid, the flow
//! around placed objects, and the furniture.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::engine;
use galley::backend::Document;
use galley::model::{Article, Block, Inline};
use galley::pdf::frame::{line_text, Page, Point, Rect, Role, Shape};
use galley::pdf::grid::Grid;
use galley::pdf::{lay_out, Layout};
use galley::style::Style;

fn ferry_doc() -> Document {
    let article: Article = serde_json::from_str(include_str!("pdf/ferry.json")).unwrap();
    let mut doc = Document::new(article, "ferry.json");
    // Dimensions only matter here; a PNG keeps the test quick.
    let img = image::RgbImage::from_pixel(1800, 1200, image::Rgb([90, 120, 150]));
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
    doc.media = BTreeMap::from([("quay.jpg".to_string(), Ok(png.into_inner()))]);
    doc
}

/// The layout with the lead photo at its own proportions, where the style's
/// grid puts it (a short story's page is not filled by enlarging it).
/// The story's paragraphs, to make it longer with.
fn paragraphs(doc: &Document) -> Vec<Block> {
    doc.article
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .cloned()
        .collect()
}

fn layout(style: &Style) -> Layout {
    let mut style = style.clone();
    style.layout.lead_photo_crop = 0.0;
    lay_out(&ferry_doc(), &style, &engine(), None)
}

fn image_frame(l: &Layout) -> Rect {
    l.frames.pages[0]
        .items
        .iter()
        .find_map(|i| match i.shape {
            Shape::Image { frame, .. } if i.role == Role::Photo => Some(frame),
            _ => None,
        })
        .expect("a placed photo")
}

/// The text lines of one role on a page: where each starts, and the line.
fn texts(page: &Page, role: Role) -> Vec<(Point, &galley::typeset::Line)> {
    page.items
        .iter()
        .filter(|i| i.role == role)
        .filter_map(|i| Some((i.text_at()?, i.line()?)))
        .collect()
}

/// The filled boxes of one role on a page.
fn tints(page: &Page, role: Role) -> Vec<Rect> {
    page.items
        .iter()
        .filter(|i| i.role == role)
        .filter_map(|i| match i.shape {
            Shape::Box {
                rect,
                fill: Some(_),
                ..
            } => Some(rect),
            _ => None,
        })
        .collect()
}

#[test]
fn a_short_story_runs_its_photo_larger_to_fill_the_page() {
    let style = Style::builtin("tabloid").unwrap();
    let grid = Grid::new(&style);
    let natural = layout(&style);
    let filled = lay_out(&ferry_doc(), &style, &engine(), None);
    assert_eq!(filled.frames.pages.len(), 1);
    assert_eq!(filled.overset_lines, 0);
    let (a, b) = (image_frame(&natural), image_frame(&filled));
    // At its own proportions: 1800 × 1200 over three columns.
    assert!((a.w - grid.span_width(2, 5)).abs() < 0.01, "{a:?}");
    assert!((a.h / a.w - 1200.0 / 1800.0).abs() < 0.01, "{a:?}");
    // Filled: larger, cropped by no more than the style allows, still on
    // the right and at the press's resolution.
    assert!(b.w * b.h > a.w * a.h * 1.2, "{a:?} {b:?}");
    let visible = (b.w / b.h) / (1800.0 / 1200.0);
    assert!(visible.min(1.0 / visible) >= 1.0 - style.layout.lead_photo_crop - 0.01);
    assert!((b.right() - grid.right).abs() < 0.01, "{b:?}");
    assert!(filled.lead_ppi.unwrap() >= style.layout.min_ppi);
    assert!(
        filled.short_lines < natural.short_lines,
        "{} {}",
        filled.short_lines,
        natural.short_lines
    );
    // Whatever the hole could still hold is counted and said.
    let cols = grid.columns.len() as u32;
    if filled.short_lines > cols {
        assert!(filled.warnings.iter().any(|w| w.message
            == format!(
                "the story is {} lines short of filling its hole",
                filled.short_lines
            )));
    }
}

#[test]
fn a_table_is_boxed_in_rows_with_figures_ranged_right() {
    let mut doc = ferry_doc();
    let table: Block = serde_json::from_str(
        r#"{"type": "table",
            "caption": [{"type": "text", "text": "Crossings by month"}],
            "rows": [
              {"header": true, "cells": [{"content": [{"type": "text", "text": "Month"}]},
                                         {"content": [{"type": "text", "text": "Sailings cancelled by weather"}]}]},
              {"cells": [{"content": [{"type": "text", "text": "November"}]},
                         {"content": [{"type": "text", "text": "4"}]}]},
              {"cells": [{"content": [{"type": "text", "text": "December"}]},
                         {"content": [{"type": "text", "text": "11"}]}]},
              {"cells": [{"content": [{"type": "text", "text": "January"}]},
                         {"content": [{"type": "text", "text": "1,204"}]}]}]}"#,
    )
    .unwrap();
    doc.article.body.insert(3, table);
    let style = Style::builtin("tabloid").unwrap();
    let grid = Grid::new(&style);
    let l = lay_out(&doc, &style, &engine(), None);
    let cells: Vec<(f32, f32, f32, String)> = l
        .frames
        .pages
        .iter()
        .flat_map(|p| texts(p, Role::Table))
        .map(|(at, line)| (at.x, at.y, line.width, line_text(line)))
        .filter(|c| c.3 != "Crossings by month")
        .collect();
    let find = |t: &str| {
        cells
            .iter()
            .find(|c| c.3 == t)
            .unwrap_or_else(|| panic!("no cell `{t}` in {cells:?}"))
    };
    // No row is run together into one line of text.
    assert!(!cells.iter().any(|c| c.3.contains('|')), "{cells:?}");
    let (month, figure) = (find("December"), find("11"));
    assert!((month.1 - figure.1).abs() < 0.01, "a row shares a baseline");
    assert!(figure.0 > month.0 + month.2, "columns side by side");
    // Figures range right; month names left.
    let right = |c: &(f32, f32, f32, String)| c.0 + c.2;
    for t in ["4", "1,204"] {
        assert!((right(find(t)) - right(figure)).abs() < 0.05, "{t}");
    }
    assert!((find("November").0 - month.0).abs() < 0.01);
    // In the last column, under the text above it.
    let (cx, cw) = grid.columns[grid.columns.len() - 1];
    assert!(
        month.0 >= cx && right(figure) <= cx + cw + 0.01,
        "{month:?} {figure:?}"
    );
    // The long heading wraps in its column; the figures keep theirs whole.
    assert!(cells.iter().any(|c| c.3.starts_with("Sailings")));
    assert!(!cells.iter().any(|c| c.3 == "Sailings cancelled by weather"));
}

#[test]
fn a_fact_box_too_tall_for_any_column_runs_in_the_text() {
    let mut doc = ferry_doc();
    let facts: Vec<Block> = (1..=90)
        .map(|n| Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(format!("Sailing {n} leaves Brenna on time."))],
        })
        .collect();
    doc.article.body.insert(
        2,
        Block::Sidebar {
            title: Some("Every sailing this winter".to_string()),
            body: facts,
        },
    );
    let style = Style::builtin("tabloid").unwrap();
    let l = lay_out(&doc, &style, &engine(), None);
    assert_eq!(l.unplaced, 0, "{:?}", l.warnings);
    assert!(
        l.warnings
            .iter()
            .any(|w| w.message.contains("run in the text")),
        "{:?}",
        l.warnings
    );
    let text: Vec<String> = (1..=l.frames.pages.len())
        .flat_map(|p| l.frames.page_text(p))
        .collect();
    for n in [1, 45, 90] {
        let line = format!("Sailing {n} leaves");
        assert!(text.iter().any(|t| t.contains(&line)), "{line} lost");
    }
    assert!(text.iter().any(|t| t.contains("Every sailing this winter")));
}

#[test]
fn pull_quotes_never_hang_under_the_story_end() {
    // Stories of several lengths, a pull quote from the last paragraph: each
    // quote is placed with text under it, or cut with a warning naming it.
    let quote = "The ferry is the road here, and the road has to run every day of the year";
    let style = Style::builtin("tabloid").unwrap();
    for extra in [0, 4, 8] {
        let mut doc = ferry_doc();
        let paragraphs: Vec<Block> = paragraphs(&doc).into_iter().take(extra).collect();
        let at = doc.article.body.len() - 1;
        doc.article.body.splice(at..at, paragraphs);
        doc.article.body.insert(
            doc.article.body.len() - 1,
            Block::PullQuote {
                content: vec![Inline::text(quote)],
                attribution: None,
            },
        );
        let l = lay_out(&doc, &style, &engine(), None);
        assert_eq!(l.hanging_quotes, 0, "{extra}: {:?}", l.warnings);
        let cut: Vec<_> = l
            .warnings
            .iter()
            .filter(|w| w.message.contains("cut: no allowed place"))
            .collect();
        assert_eq!(cut.len(), l.quotes_cut, "{extra}: {:?}", l.warnings);
        let text: String = (1..=l.frames.pages.len())
            .flat_map(|p| l.frames.page_text(p))
            .collect::<Vec<_>>()
            .join(" ");
        let placed = text.contains("road has to run");
        let named = cut
            .iter()
            .any(|w| w.message.contains("The ferry is the road here"));
        assert!(placed != named, "{extra}: placed {placed}, cut {named}");
        assert!(!l.warnings.iter().any(|w| w.message.contains("did not fit")));
    }
}

/// Body lines of page 1: (x, y, measure, text).
fn body_lines(l: &Layout, style: &Style) -> Vec<(f32, f32, f32, String)> {
    let _ = style;
    texts(&l.frames.pages[0], Role::Body)
        .into_iter()
        .map(|(at, line)| (at.x, at.y, line.measure, line_text(line)))
        .collect()
}

fn column_of(grid: &Grid, x: f32) -> Option<usize> {
    grid.columns
        .iter()
        .position(|(cx, cw)| x >= cx - 0.01 && x < cx + cw)
}

#[test]
fn body_lines_sit_on_one_baseline_grid() {
    for name in ["tabloid", "berliner", "a4"] {
        let style = Style::builtin(name).unwrap();
        let grid = Grid::new(&style);
        let l = layout(&style);
        let lines = body_lines(&l, &style);
        assert!(lines.len() > 50, "{name}: {}", lines.len());
        let mut per_column: BTreeMap<usize, BTreeSet<i64>> = BTreeMap::new();
        for (x, y, _, text) in &lines {
            let k = (y - grid.top - grid.first) / grid.baseline;
            assert!(
                (k - k.round()).abs() < 0.01,
                "{name}: `{text}` off the grid at {y}"
            );
            per_column
                .entry(column_of(&grid, *x).unwrap())
                .or_default()
                .insert(k.round() as i64);
        }
        // Neighbouring columns share baselines.
        // (Columns whose text does not overlap in height share none.)
        let cols: Vec<_> = per_column.values().collect();
        assert!(cols.len() >= 3, "{name}");
        let sharing = cols
            .windows(2)
            .filter(|pair| pair[0].intersection(pair[1]).count() >= 2)
            .count();
        {
            assert!(sharing >= 2, "{name}: {per_column:?}");
        }
        // (A pull quote over a column may take a dozen of its baselines.)
        assert!(
            cols[0].intersection(cols[1]).count() > 10,
            "{name}: {per_column:?}"
        );
    }
}

#[test]
fn text_runs_around_a_pull_quote_with_per_line_widths() {
    for name in ["tabloid", "broadsheet", "berliner"] {
        let mut style = Style::builtin(name).unwrap();
        style.layout.lead_photo_crop = 0.0;
        eprintln!("{name}");
        runs_around(&style);
    }
}

fn runs_around(style: &Style) {
    let style = style.clone();
    let grid = Grid::new(&style);
    let col_w = grid.columns[0].1;
    // The story made longer until a quote spans a gutter (a quote too
    // close to a column's head or foot takes one column, where text jumps it).
    let across = |l: &Layout| {
        // The pull quote's rules mark its box: top, then foot.
        let rules: Vec<(Point, Point)> = l.frames.pages[0]
            .items
            .iter()
            .filter(|i| i.role == Role::PullQuote)
            .filter_map(|i| match i.shape {
                Shape::Rule { from, to, .. } => Some((from, to)),
                _ => None,
            })
            .collect();
        rules
            .chunks(2)
            .find(|r| r.len() == 2 && r[0].1.x - r[0].0.x > col_w + 1.0)
            .map(|r| (r[0], r[1]))
    };
    let found = [0, 2, 4, 6].into_iter().find_map(|extra| {
        let mut doc = ferry_doc();
        let more: Vec<Block> = paragraphs(&doc).into_iter().take(extra).collect();
        doc.article.body.extend(more);
        let l = lay_out(&doc, &style, &engine(), None);
        across(&l).map(|r| (l, r))
    });
    let (l, (top, bottom)) = found.expect("a pull quote across a gutter");
    let (x0, x1, y0, y1) = (top.0.x, top.1.x, top.0.y, bottom.0.y);
    let lines = body_lines(&l, &style);
    let beside: Vec<_> = lines
        .iter()
        .filter(|(_, y, _, _)| *y > y0 && *y < y1 + style.grid.baseline)
        .filter(|(x, _, m, _)| *m < col_w - 1.0 && *x < x0)
        .collect();
    assert!(
        beside.len() >= 3,
        "no narrowed lines beside the quote: {beside:?}"
    );
    for (x, y, m, text) in &lines {
        let inside_y = *y > y0 && *y - style.roles.body.size < y1;
        let inside_x = x + m > x0 && *x < x1;
        assert!(!(inside_x && inside_y), "`{text}` runs into the pull quote");
        // Narrowed lines left of the box keep their column's left edge and
        // end before it (lines right of it may be narrowed by another).
        if *m < col_w - 1.0 && inside_y && *x < x0 {
            assert!(x + m <= x0, "`{text}`");
        }
    }
}

#[test]
fn head_spans_the_columns_and_photo_spans_three_on_the_right() {
    let style = Style::builtin("tabloid").unwrap();
    let grid = Grid::new(&style);
    let l = layout(&style);
    let items = &l.frames.pages[0].items;
    let _ = items;
    let headline = texts(&l.frames.pages[0], Role::Headline)
        .first()
        .map(|(at, line)| (at.x, line.measure))
        .unwrap();
    assert_eq!(headline, (grid.left, grid.width()));
    let frame = image_frame(&l);
    // Over the three right-hand columns.
    assert!((frame.w - grid.span_width(2, 5)).abs() < 0.01);
    assert!((frame.x - grid.columns[2].0).abs() < 0.01);
    assert!((frame.right() - grid.right).abs() < 0.01);
    // Body under the photo starts below it; the first columns start beside it.
    let lines = body_lines(&l, &style);
    let first_y = |col: usize| {
        lines
            .iter()
            .filter(|(x, ..)| column_of(&grid, *x) == Some(col))
            .map(|(_, y, ..)| *y)
            .fold(f32::MAX, f32::min)
    };
    assert!(first_y(2) > frame.bottom());
    assert!(first_y(4) > frame.bottom());
    assert!(first_y(0) < frame.bottom());
    assert!(first_y(1) < frame.bottom());
    let text: Vec<String> = l.frames.page_text(1);
    let byline = text
        .iter()
        .position(|t| t.starts_with("By Kari Lundeby"))
        .unwrap();
    let head = text
        .iter()
        .position(|t| t.starts_with("Island ferry"))
        .unwrap();
    assert!(head < byline);
    assert!(text[byline].contains("Northern Coast Press"));
    assert!(text.iter().any(|t| t.starts_with("BRENNA – Ferries")));
}

#[test]
fn subheads_stay_with_what_follows() {
    for (name, pages) in [
        ("tabloid", None),
        ("tabloid", Some(1)),
        ("a4", Some(1)),
        ("letter", None),
    ] {
        let style = Style::builtin(name).unwrap();
        let grid = Grid::new(&style);
        let l = lay_out(&ferry_doc(), &style, &engine(), pages);
        let mut seen = 0;
        for page in &l.frames.pages {
            let items: Vec<(f32, f32, Role)> = page
                .items
                .iter()
                .filter(|i| i.role.flows())
                .filter_map(|i| i.text_at().map(|at| (at.x, at.y, i.role)))
                .collect();
            for (n, (x, y, role)) in items.iter().enumerate() {
                let sub = Role::Subhead;
                if *role != sub || items.get(n + 1).is_some_and(|i| i.2 == sub) {
                    continue;
                }
                seen += 1;
                // The next two lines follow in the same column, on the next
                // two baselines: no column foot or placed object between.
                for (j, (nx, ny, _)) in items[n + 1..n + 3].iter().enumerate() {
                    assert_eq!(column_of(&grid, *nx), column_of(&grid, *x));
                    let expected = y + grid.baseline * (j + 1) as f32;
                    assert!((ny - expected).abs() < 0.01, "{ny} vs {expected}");
                }
            }
        }
        assert!(seen >= 1, "{name}");
    }
}

#[test]
fn fact_box_is_a_tinted_column_and_furniture_is_inside_the_trim() {
    let style = Style::builtin("tabloid").unwrap();
    let grid = Grid::new(&style);
    let l = layout(&style);
    let items = &l.frames.pages[0].items;
    let tint = tints(&l.frames.pages[0], Role::FactBox)
        .first()
        .map(|r| (r.x, r.w))
        .expect("a tinted fact box");
    assert_eq!(tint, grid.columns[4]);
    let text = l.frames.page_text(1);
    assert_eq!(
        text.first().map(String::as_str),
        Some("COAST LINES · PART 3")
    );
    assert_eq!(text.last().map(String::as_str), Some("Page 1 of 1"));
    for i in items {
        if let (Some(Point { x, y }), Some(line)) = (i.text_at(), i.line()) {
            assert!(
                x >= 0.0 && x + line.width <= style.page.width,
                "{}",
                line_text(line)
            );
            assert!(y > 0.0 && y < style.page.height, "{}", line_text(line));
        }
    }
}

#[test]
fn frames_dump_lists_positioned_lines() {
    let style = Style::builtin("letter").unwrap();
    let l = layout(&style);
    let dump = l.frames.dump();
    let first = dump.lines().find(|d| d.contains(" text ")).unwrap();
    assert!(first.starts_with("p1 running-head page text "), "{first}");
    let parts: Vec<&str> = first.splitn(8, ' ').collect();
    for n in &parts[4..7] {
        n.parse::<f32>().unwrap();
    }
    assert!(dump.contains("p1 photo #0 image "), "{dump}");
    assert!(dump.contains("p1 fact-box #"), "{dump}");
    assert!(dump.contains("p1 headline head text "), "{dump}");
    // The same story always lays out the same way.
    assert_eq!(dump, layout(&style).frames.dump());
}

#[test]
fn jump_in_line_sits_under_photos_placed_on_a_continued_page() {
    let style = Style::builtin("tabloid").unwrap();
    let mut doc = ferry_doc();
    let paragraphs = paragraphs(&doc);
    for _ in 0..3 {
        doc.article.body.extend(paragraphs.iter().cloned());
    }
    for n in 0..9 {
        doc.article.body.insert(
            3,
            Block::Figure {
                src: None,
                alt: None,
                caption: vec![Inline::text(format!("Harbour scene number {n}."))],
                credit: None,
                width: Some(600),
                height: Some(800),
            },
        );
    }
    let l = lay_out(&doc, &style, &engine(), None);
    assert!(l.frames.pages.len() >= 2);
    let page = &l.frames.pages[1];
    let jump = texts(page, Role::JumpLine);
    assert_eq!(line_text(jump[0].1), "SAILING from page 1");
    let jump_y = jump[0].0.y;
    let boxes: Vec<(f32, f32)> = tints(page, Role::Placeholder)
        .iter()
        .map(|r| (r.y, r.h))
        .collect();
    assert!(!boxes.is_empty(), "no photo placed on page 2");
    for (y, h) in boxes {
        assert!(
            jump_y > y + h,
            "jump line at {jump_y} inside a photo at {y}+{h}"
        );
    }
}

#[test]
fn running_head_dates_read_as_words() {
    use galley::pdf::display_date;
    assert_eq!(display_date("2026-03-14"), "14 March 2026");
    assert_eq!(display_date("2026-03-14T09:30:00Z"), "14 March 2026");
    assert_eq!(display_date("--12-09"), "9 December");
    assert_eq!(display_date("2026-08"), "August 2026");
    assert_eq!(display_date("next Tuesday"), "next Tuesday");
    assert_eq!(display_date("2026-13-01"), "2026-13-01");
    // In the article's language, as the running head prints it.
    use galley::locale::{Language, Words};
    use galley::pdf::furniture::display_date_in;
    let nb = Words::of(Language::from_tag("nb"));
    assert_eq!(display_date_in("2026-03-14", nb), "14. mars 2026");
    assert_eq!(display_date_in("--12-09", nb), "9. desember");
    let es = Words::of(Language::from_tag("es"));
    assert_eq!(display_date_in("2026-08", es), "agosto de 2026");
}

#[test]
fn display_type_keeps_its_words_whole() {
    // Long words in the headline and a pull quote: hyphenated only when the
    // style asks for it.
    let mut doc = ferry_doc();
    doc.article.meta.headline =
        "Councillors reconsider extraordinarily controversial interisland timetable".to_string();
    doc.article.body.insert(
        3,
        Block::PullQuote {
            content: vec![Inline::text(
                "The unconstitutionally overcomplicated reorganisation of intercommunal \
                 transportation responsibilities",
            )],
            attribution: None,
        },
    );
    let hyphenated_in = |style: &Style| {
        let l = lay_out(&doc, style, &engine(), None);
        let display: Vec<_> = l
            .frames
            .pages
            .iter()
            .flat_map(|p| [texts(p, Role::Headline), texts(p, Role::PullQuote)].concat())
            .map(|(_, line)| line)
            .collect();
        assert!(display.len() >= 4, "{}", display.len());
        display.iter().filter(|l| l.hyphenated).count()
    };
    for name in ["tabloid", "broadsheet", "a4"] {
        let mut style = Style::builtin(name).unwrap();
        assert_eq!(hyphenated_in(&style), 0, "{name}");
        style.roles.pull_quote.hyphenate = true;
        style.roles.headline.hyphenate = true;
        assert!(hyphenated_in(&style) > 0, "{name}");
    }
}

#[test]
fn a_pull_quote_the_desk_quoted_is_not_quoted_again() {
    // One pull quote already in marks, one bare: each prints one pair.
    let mut doc = ferry_doc();
    doc.article.body.insert(
        2,
        Block::PullQuote {
            content: vec![Inline::text("\u{201C}The ferry is the road here.\u{201D}")],
            attribution: None,
        },
    );
    doc.article.body.insert(
        6,
        Block::PullQuote {
            content: vec![Inline::text("Every boat is late in a storm")],
            attribution: None,
        },
    );
    let l = lay_out(&doc, &Style::builtin("tabloid").unwrap(), &engine(), None);
    let said: String = l
        .frames
        .pages
        .iter()
        .flat_map(|p| texts(p, Role::PullQuote))
        .map(|(_, line)| line_text(line))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains("\u{201C}The ferry is the road here.\u{201D}"),
        "{said}"
    );
    assert!(
        !said.contains("\u{201C}\u{201C}") && !said.contains("\u{201D}\u{201D}"),
        "{said}"
    );
    assert!(
        said.contains("\u{201C}Every boat is late in a storm\u{201D}"),
        "{said}"
    );
}

#[test]
fn no_word_is_split_around_a_pull_quote_or_a_page_turn() {
    // Stories of several lengths with pull quotes: a body line directly
    // above a pull quote, or the last on a page the story turns from, does
    // not end in an inserted hyphen.
    let quote = "The ferry is the road here, and the road has to run every day of the year";
    let mut checked = 0;
    let mut violations = Vec::new();
    for name in ["tabloid", "berliner", "a4"] {
        let style = Style::builtin(name).unwrap();
        for extra in [0, 3, 6] {
            let mut doc = ferry_doc();
            let more: Vec<Block> = paragraphs(&doc).into_iter().take(extra).collect();
            doc.article.body.extend(more);
            for at in [2, 6] {
                let at = at.min(doc.article.body.len());
                doc.article.body.insert(
                    at,
                    Block::PullQuote {
                        content: vec![Inline::text(quote)],
                        attribution: None,
                    },
                );
            }
            let l = lay_out(&doc, &style, &engine(), None);
            let b = style.grid.baseline;
            let pages = l.frames.pages.len();
            for (p, page) in l.frames.pages.iter().enumerate() {
                let mut columns: BTreeMap<i64, Vec<(f32, &galley::typeset::Line)>> =
                    BTreeMap::new();
                for (at, line) in texts(page, Role::Body) {
                    columns
                        .entry(at.x.round() as i64)
                        .or_default()
                        .push((at.y, line));
                }
                for lines in columns.values_mut() {
                    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
                    for w in lines.windows(2) {
                        checked += 1;
                        if w[1].0 - w[0].0 > 1.5 * b && w[0].1.hyphenated {
                            violations.push(format!("{name}/{extra}: {}", line_text(w[0].1)));
                        }
                    }
                }
                if p + 1 < pages {
                    if let Some(last) = columns.values().last().and_then(|c| c.last()) {
                        if last.1.hyphenated {
                            violations.push(format!("{name}/{extra}: {}", line_text(last.1)));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn pull_quotes_keep_the_rules_in_every_style_and_say_why_a_place_was_refused() {
    use galley::pdf::place::Rule;
    // A third quote straight after the paragraph it repeats (block 13).
    let repeats = "The numbers are small, but every one of them is somebody\u{2019}s whole day";
    let mut checked = 0;
    for (name, _) in galley::style::BUILTIN {
        let style = Style::builtin(name).unwrap();
        for extra in [0, 5] {
            let mut doc = ferry_doc();
            let more: Vec<Block> = paragraphs(&doc).into_iter().take(extra).collect();
            doc.article.body.extend(more);
            doc.article.body.insert(
                14,
                Block::PullQuote {
                    content: vec![Inline::text(repeats)],
                    attribution: None,
                },
            );
            let l = lay_out(&doc, &style, &engine(), None);
            let (placed, faults) = common::quote_faults(&doc, &style, &l);
            assert!(faults.is_empty(), "{name}/{extra}: {faults:#?}");
            assert_eq!(placed + l.quotes_cut, 3, "{name}/{extra}: {:?}", l.warnings);
            checked += placed;
            // The places next to its source were refused, and say so.
            let near = l
                .quote_refusals
                .iter()
                .any(|r| r.block == 14 && r.rules.contains(&Rule::NearSource));
            assert!(
                near || l.quotes_cut > 0,
                "{name}/{extra}: {:?}",
                l.quote_refusals
            );
        }
    }
    assert!(checked >= 20, "{checked}");
}
