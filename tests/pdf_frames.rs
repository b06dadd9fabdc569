//! Golden frame dumps: each story in `tests/pdf/frames/<case>.json` laid out
//! in a style with the font-free [`MonoSetter`], its frames (every item's
//! page, role, source block, shape and text) and warnings compared with
//! `<case>.<style>.frames` beside it. A change in layout shows up as a diff
//! to review; `UPDATE_GOLDEN=1 cargo test --test pdf_frames` rewrites them.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use galley::backend::Document;
use galley::model::Article;
use galley::pdf::frame::{Role, Shape};
use galley::pdf::setter::MonoSetter;
use galley::pdf::{lay_out, Layout};
use galley::style::Style;

/// Every case and the styles it is laid out in.
const CASES: &[(&str, &[&str])] = &[
    ("short-photo", &["tabloid"]),
    ("long-jump", &["tabloid", "a4"]),
    ("fact-box", &["tabloid"]),
    ("table", &["tabloid"]),
    ("two-quotes", &["tabloid", "broadsheet"]),
    ("missing-photo", &["tabloid"]),
    ("norwegian", &["berliner"]),
    ("brief", &["tabloid"]),
    ("overset", &["tabloid"]),
];

/// The news hole a case is fitted into (others take the whole type area).
const HOLES: &[(&str, &str)] = &[("brief", "5x80lines"), ("overset", "3x40lines")];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/frames")
}

/// An 1800 × 1200 photo: its size is all layout needs.
fn photo() -> Vec<u8> {
    static PNG: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PNG.get_or_init(encode).clone()
}

fn encode() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(1800, 1200, image::Rgb([90, 120, 150]));
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

fn layout(case: &str, style: &str) -> Layout {
    let text = std::fs::read_to_string(dir().join(format!("{case}.json"))).unwrap();
    let article: Article = serde_json::from_str(&text).unwrap();
    let mut doc = Document::new(article, format!("{case}.json"));
    doc.media = BTreeMap::from([("pier.png".to_string(), Ok(photo()))]);
    let mut style = Style::builtin(style).unwrap();
    style.layout.hole = HOLES
        .iter()
        .find(|(c, _)| *c == case)
        .map(|(_, h)| h.parse().unwrap());
    lay_out(&doc, &style, &MonoSetter, None)
}

/// The golden text: warnings first, then the frames.
fn golden_text(l: &Layout) -> String {
    let mut out = String::new();
    for w in &l.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    out.push_str(&l.frames.dump());
    out
}

#[test]
fn frames_match_their_golden_dumps() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failed = Vec::new();
    for (case, styles) in CASES {
        for style in *styles {
            let actual = golden_text(&layout(case, style));
            let path = dir().join(format!("{case}.{style}.frames"));
            if update {
                std::fs::write(&path, &actual).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                let first = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(expected.lines().count().min(actual.lines().count()));
                failed.push(format!(
                    "{}: first difference at line {}:\n  expected: {}\n  actual:   {}",
                    path.display(),
                    first + 1,
                    expected.lines().nth(first).unwrap_or("(end)"),
                    actual.lines().nth(first).unwrap_or("(end)")
                ));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "frames changed (UPDATE_GOLDEN=1 rewrites them; review the diff):\n{}",
        failed.join("\n")
    );
}

#[test]
fn every_case_shows_what_it_is_named_for() {
    let roles = |l: &Layout| -> Vec<Role> {
        let mut r: Vec<Role> = l
            .frames
            .pages
            .iter()
            .flat_map(|p| p.items.iter().map(|i| i.role))
            .collect();
        r.sort();
        r.dedup();
        r
    };
    let short = layout("short-photo", "tabloid");
    assert_eq!(short.frames.pages.len(), 1);
    for role in [
        Role::Photo,
        Role::Caption,
        Role::Credit,
        Role::Headline,
        Role::Byline,
    ] {
        assert!(roles(&short).contains(&role), "{role:?}");
    }
    let long = layout("long-jump", "tabloid");
    assert!(long.frames.pages.len() >= 2);
    let jumps: Vec<String> = long
        .frames
        .of_role(Role::JumpLine)
        .filter_map(|(_, i)| i.line().map(|l| l.text()))
        .collect();
    // The jump word is the headline's longest word (the story has no slug).
    assert_eq!(jumps[..2], ["See HARBOUR, page 2", "HARBOUR from page 1"]);
    assert!(roles(&layout("fact-box", "tabloid")).contains(&Role::FactBox));
    assert!(roles(&layout("table", "tabloid")).contains(&Role::Table));
    let quotes = layout("two-quotes", "tabloid");
    let attributions = quotes.frames.of_role(Role::Attribution).count();
    assert!(
        attributions >= 3,
        "two quotes, one with a title: {attributions}"
    );
    let missing = layout("missing-photo", "tabloid");
    assert!(roles(&missing).contains(&Role::Placeholder));
    assert!(!roles(&missing).contains(&Role::Photo));
    assert!(missing
        .warnings
        .iter()
        .any(|w| w.message.contains("absent.jpg")));
    let brief = layout("brief", "tabloid");
    assert!(roles(&brief).contains(&Role::OpenSpace));
    assert!(!roles(&brief).contains(&Role::Overset));
    let fit = brief.fit.as_ref().unwrap();
    assert_eq!(
        (fit.hole.columns, fit.hole.depth_lines, fit.over_lines),
        (5, 80, 0)
    );
    let over = layout("overset", "tabloid");
    assert!(roles(&over).contains(&Role::Overset));
    assert!(!roles(&over).contains(&Role::OpenSpace));
    let tag = format!("+{} lines", over.overset_lines);
    assert!(over.overset_lines > 0 && over.frames.page_text(1).contains(&tag));
    let nb = layout("norwegian", "berliner");
    assert_eq!(nb.frames.pages.len(), 1);
    // Body text and subheads say which block they came from, in order.
    let blocks: Vec<usize> = nb
        .frames
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| i.role.flows())
        .filter_map(|i| match i.source {
            galley::pdf::frame::Source::Block(b) => Some(b),
            _ => None,
        })
        .collect();
    assert!(blocks.windows(2).all(|w| w[0] <= w[1]), "{blocks:?}");
    assert_eq!(blocks.first(), Some(&0));
}

#[test]
fn page_starts_name_the_block_and_word_each_page_begins_with() {
    let text = std::fs::read_to_string(dir().join("long-jump.json")).unwrap();
    let article: Article = serde_json::from_str(&text).unwrap();
    let mut doc = Document::new(article, "long-jump.json");
    doc.media = BTreeMap::from([("pier.png".to_string(), Ok(photo()))]);
    for style in ["tabloid", "a4"] {
        let style = Style::builtin(style).unwrap();
        let l = lay_out(&doc, &style, &MonoSetter, None);
        let starts = galley::pdf::page_starts(&doc, &l.frames);
        assert_eq!(starts.len(), l.frames.pages.len() - 1, "{}", style.name);
        for s in &starts {
            let page = &l.frames.pages[s.page as usize - 1];
            let first = page
                .items
                .iter()
                .find(|i| i.role.flows())
                .and_then(|i| i.line())
                .map(|l| l.text())
                .unwrap();
            let galley::model::Block::Paragraph { content, .. } = &doc.article.body[s.block] else {
                panic!("page {} begins in a paragraph", s.page);
            };
            let plain = galley::model::plain_text(content);
            let word: String = plain
                .chars()
                .skip(s.offset)
                .take_while(|c| !c.is_whitespace())
                .collect();
            assert_eq!(
                first.split_whitespace().next(),
                Some(word.as_str()),
                "page {} in {}",
                s.page,
                style.name
            );
        }
    }
}

/// Every case in every built-in style.
fn every_case_and_style() -> Vec<(&'static str, &'static str, Layout)> {
    let mut out = Vec::new();
    for (case, _) in CASES {
        for (style, _) in galley::style::BUILTIN {
            out.push((*case, *style, layout(case, style)));
        }
    }
    out
}

fn doc_of(case: &str) -> Document {
    let text = std::fs::read_to_string(dir().join(format!("{case}.json"))).unwrap();
    let article: Article = serde_json::from_str(&text).unwrap();
    Document::new(article, format!("{case}.json"))
}

#[test]
fn pull_quotes_keep_the_placement_rules_or_are_cut_with_reasons() {
    let mut placed_total = 0;
    for (case, style_name, l) in every_case_and_style() {
        let doc = doc_of(case);
        let style = Style::builtin(style_name).unwrap();
        let (placed, faults) = common::quote_faults(&doc, &style, &l);
        assert!(faults.is_empty(), "{case}: {faults:#?}");
        // Every quote is on the page or named in a cut warning, with a reason.
        let quotes = doc
            .article
            .body
            .iter()
            .filter(|b| matches!(b, galley::model::Block::PullQuote { .. }))
            .count();
        let cut: Vec<_> = l
            .warnings
            .iter()
            .filter(|w| w.message.contains("cut: no allowed place (page "))
            .collect();
        assert_eq!(placed + cut.len(), quotes, "{case} {style_name}: {cut:?}");
        assert_eq!(cut.len(), l.quotes_cut, "{case} {style_name}");
        assert_eq!(l.hanging_quotes, 0, "{case} {style_name}");
        placed_total += placed;
    }
    // The rules leave the quotes places: most are placed.
    assert!(placed_total >= 8, "{placed_total}");
}

/// The headline's lines on page 1 and their size.
fn headline(l: &Layout) -> (f32, Vec<galley::typeset::Line>) {
    let lines: Vec<_> = l
        .frames
        .of_role(Role::Headline)
        .filter_map(|(_, i)| i.line().cloned())
        .collect();
    (lines[0].runs[0].size, lines)
}

/// Lines a headline takes at a size step (size, leading) across `width`.
fn head_lines(style: &Style, head: &str, (size, leading): (f32, f32), width: f32) -> usize {
    use galley::pdf::setter::{LineSetter, StyledParagraph};
    let mut role = style.roles.headline.clone();
    (role.size, role.leading) = (size, leading);
    let p = StyledParagraph::plain(head, &role);
    MonoSetter.set(&p, &[width]).lines.len()
}

/// The head's measure: its closing rule's length, the module's width.
fn head_width(l: &Layout) -> f32 {
    l.frames
        .of_role(Role::HeadRule)
        .find_map(|(_, i)| match i.shape {
            Shape::Rule { from, to, .. } => Some((to.x - from.x).abs()),
            _ => None,
        })
        .expect("a head rule")
}

#[test]
fn a_size_step_avoids_a_one_word_headline_last_line() {
    use galley::pdf::setter::{LineSetter, StyledParagraph};
    // At the tabloid's old single size the headline ends in one word.
    let style = Style::builtin("tabloid").unwrap();
    let grid = galley::pdf::grid::Grid::new(&style);
    let head = "Fishermen move to the south quay";
    let old = MonoSetter.set(
        &StyledParagraph::plain(head, &style.roles.headline),
        &[grid.width()],
    );
    assert_eq!(old.lines.last().unwrap().text(), "quay");
    let (size, lines) = headline(&layout("two-quotes", "tabloid"));
    assert_eq!(size, 64.0);
    let text: Vec<String> = lines.iter().map(|l| l.text()).collect();
    assert_eq!(text, ["Fishermen move to the", "south quay"]);
    assert!(lines[1].width >= 0.4 * grid.width());
    // Every case in every style, across its module: the size is a step of
    // the scale (or under it, no smaller than the deck, where every step
    // runs over the line limit), the head keeps to the line limit, and a
    // one-word last line is left only where no step and no narrower
    // measure of as many lines avoids it.
    let mut below = 0;
    for (case, style_name, l) in every_case_and_style() {
        let style = Style::builtin(style_name).unwrap();
        let width = head_width(&l);
        let (size, lines) = headline(&l);
        let head = &doc_of(case).article.meta.headline;
        let at = format!("{case} {style_name}");
        let count = |step: f32, leading: f32| head_lines(&style, head, (step, leading), width);
        let max = style.head.headline_max_lines as usize;
        if !style.head.headline_sizes.iter().any(|s| s.0 == size) {
            below += 1;
            let smallest = style.head.headline_sizes.last().unwrap().0;
            assert!(
                size < smallest && size >= style.head.deck_sizes[0].0,
                "{at}: {size}"
            );
            for &(step, leading) in &style.head.headline_sizes {
                assert!(
                    count(step, leading) > max,
                    "{at}: {step} pt keeps the limit"
                );
            }
        }
        assert!(
            lines.len() <= style.head.headline_max_lines as usize,
            "{at}"
        );
        assert!(lines.iter().all(|l| !l.hyphenated), "{at}");
        let last = lines.last().unwrap();
        let one_word = lines.len() > 1 && last.text().split_whitespace().count() == 1;
        if !one_word {
            continue;
        }
        for &(step, leading) in &style.head.headline_sizes {
            let mut role = style.roles.headline.clone();
            (role.size, role.leading) = (step, leading);
            let p = StyledParagraph::plain(head, &role);
            let natural = MonoSetter.set(&p, &[width]).lines.len();
            for share in [1.0, 0.9, 0.8, 0.7, 0.6] {
                let set = MonoSetter.set(&p, &[width * share]).lines;
                let last = set.last().unwrap();
                let good = set.len() == natural
                    && set.len() <= style.head.headline_max_lines as usize
                    && last.text().split_whitespace().count() > 1
                    && last.width >= style.head.last_line_min * width;
                assert!(
                    !good,
                    "{at}: {step} pt at {share} avoids a one-word last line"
                );
            }
        }
    }
    // The brief's one-column module takes a head under the scale.
    assert!(below >= 1, "{below}");
}

#[test]
fn jump_lines_carry_the_jump_word_and_continued_heads_take_one_line() {
    let mut continued = 0;
    for (case, style_name, l) in every_case_and_style() {
        let pages = l.frames.pages.len();
        let jumps: Vec<(usize, String)> = l
            .frames
            .of_role(Role::JumpLine)
            .filter_map(|(p, i)| Some((p, i.line()?.text())))
            .collect();
        // Two jump lines per page turn: out at the foot, in at the head.
        assert_eq!(jumps.len(), 2 * (pages - 1), "{case} {style_name}");
        for (p, text) in &jumps {
            let out = format!("See HARBOUR, page {}", p + 2);
            let back = format!("HARBOUR from page {p}");
            assert!(*text == out || *text == back, "{case} {style_name}: {text}");
        }
        for page in l.frames.pages.iter().skip(1) {
            continued += 1;
            let heads: Vec<_> = page
                .items
                .iter()
                .filter(|i| i.role == Role::RunningHead)
                .filter_map(|i| Some((i.text_at()?, i.line()?)))
                .collect();
            // The head and the date, each one line, on one baseline, apart.
            assert_eq!(heads.len(), 2, "{case} {style_name}");
            assert_eq!(heads[0].0.y, heads[1].0.y);
            let date_x = heads[1].0.x + heads[1].1.runs[0].glyphs[0].x;
            assert!(
                heads[0].0.x + heads[0].1.width < date_x,
                "{case} {style_name}"
            );
            assert!(
                heads[0].1.text().starts_with("HARBOUR BOARD"),
                "{case} {style_name}"
            );
        }
    }
    assert!(continued >= 5, "{continued}");
}

#[test]
fn furniture_words_are_in_the_articles_language() {
    let mut doc = doc_of("norwegian");
    let body = doc.article.body.clone();
    for _ in 0..8 {
        doc.article.body.extend(body.iter().cloned());
    }
    let style = Style::builtin("a4").unwrap();
    let l = lay_out(&doc, &style, &MonoSetter, None);
    let pages = l.frames.pages.len();
    assert!(pages >= 2, "{pages}");
    let text = |role: Role| -> Vec<String> {
        l.frames
            .of_role(role)
            .filter_map(|(_, i)| i.line().map(|l| l.text()))
            .collect()
    };
    // The headline's longest word names the story.
    assert_eq!(
        text(Role::JumpLine)[..2],
        ["Se HAVNESTYRET, side 2", "HAVNESTYRET fra side 1"]
    );
    assert_eq!(text(Role::Folio)[0], format!("Side 1 av {pages}"));
    // A slug names it when there is one; the desk's own word first.
    doc.article
        .meta
        .extra
        .insert("du-key.key".into(), "molo-stengt".into());
    let jumps = |doc: &Document| -> Vec<String> {
        lay_out(doc, &style, &MonoSetter, None)
            .frames
            .of_role(Role::JumpLine)
            .filter_map(|(_, i)| i.line().map(|l| l.text()))
            .collect()
    };
    assert_eq!(jumps(&doc)[0], "Se MOLO, side 2");
    doc.article
        .meta
        .extra
        .insert("jump".into(), "Nordmolo".into());
    assert_eq!(jumps(&doc)[1], "NORDMOLO fra side 1");
}

#[test]
fn decks_take_a_step_of_their_scale_and_avoid_a_one_word_last_line() {
    use galley::pdf::setter::{LineSetter, StyledParagraph};
    let deck = "Divers will survey every pile before the board decides what the repair of the pier will cost";
    let mut doc = doc_of("two-quotes");
    doc.article.meta.decks = vec![deck.to_string()];
    let mut stepped = 0;
    for (name, _) in galley::style::BUILTIN {
        let style = Style::builtin(name).unwrap();
        let grid = galley::pdf::grid::Grid::new(&style);
        let width = grid.width() * 0.8;
        let l = lay_out(&doc, &style, &MonoSetter, None);
        let lines: Vec<_> = l
            .frames
            .of_role(Role::Deck)
            .filter_map(|(_, i)| i.line().cloned())
            .collect();
        let text: String = lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" ");
        assert_eq!(text, deck, "{name}");
        let size = lines[0].runs[0].size;
        assert!(
            style.head.deck_sizes.iter().any(|s| s.0 == size),
            "{name}: {size}"
        );
        stepped += usize::from(size != style.roles.deck.size);
        assert!(lines.len() <= style.head.deck_max_lines as usize, "{name}");
        let last = lines.last().unwrap();
        if last.text().split_whitespace().count() > 1 && last.width >= 0.4 * width {
            continue;
        }
        // Only when no step and no narrower measure does better.
        for &(step, leading) in &style.head.deck_sizes {
            let mut role = style.roles.deck.clone();
            (role.size, role.leading) = (step, leading);
            let p = StyledParagraph::plain(deck, &role);
            let natural = MonoSetter.set(&p, &[width]).lines.len();
            for share in [1.0, 0.9, 0.8, 0.7, 0.6] {
                let set = MonoSetter.set(&p, &[width * share]).lines;
                let last = set.last().unwrap();
                let good = set.len() == natural
                    && set.len() <= style.head.deck_max_lines as usize
                    && last.text().split_whitespace().count() > 1
                    && last.width >= style.head.last_line_min * width;
                assert!(!good, "{name}: {step} pt at {share} does better");
            }
        }
    }
    // The scale is used: some style sets this deck off its role's size.
    assert!(stepped >= 1, "{stepped}");
}

#[test]
fn a_headline_too_long_for_the_scale_goes_under_it_to_keep_the_line_limit() {
    let mut doc = doc_of("two-quotes");
    let head = "Island ferry to keep sailing through the whole of the long winter while \
        the council looks for a new boat and the harbour board counts every pile";
    doc.article.meta.headline = head.to_string();
    let mut kept = 0;
    for (name, _) in galley::style::BUILTIN {
        let style = Style::builtin(name).unwrap();
        let l = lay_out(&doc, &style, &MonoSetter, None);
        let width = head_width(&l);
        let (size, lines) = headline(&l);
        let count = |step: f32, leading: f32| head_lines(&style, head, (step, leading), width);
        let max = style.head.headline_max_lines as usize;
        // No step of the scale keeps to the limit; a size under it does,
        // no smaller than the deck.
        for &(s, l) in &style.head.headline_sizes {
            assert!(count(s, l) > max, "{name}: {s} pt");
        }
        // Each size under the scale is nine tenths of the one before (to
        // half a point), down to the deck's; the largest that keeps to
        // the limit is taken, else the largest of those with the fewest
        // lines, which is said.
        let &(step, leading) = style.head.headline_sizes.last().unwrap();
        let under = (1..20)
            .map(|k| (step * 0.9f32.powi(k) * 2.0).round() / 2.0)
            .take_while(|&u| u >= style.head.deck_sizes[0].0)
            .map(|u| (u, (u * leading / step * 2.0).round() / 2.0));
        let all: Vec<(f32, usize)> = style
            .head
            .headline_sizes
            .iter()
            .copied()
            .chain(under)
            .map(|(s, l)| (s, count(s, l)))
            .collect();
        let fewest = all.iter().map(|a| a.1).min().unwrap();
        let expected = all
            .iter()
            .find(|a| a.1 <= max)
            .or_else(|| all.iter().find(|a| a.1 == fewest))
            .unwrap();
        assert_eq!((size, lines.len()), *expected, "{name}");
        let warned = l
            .warnings
            .iter()
            .any(|w| w.message.contains("headline_max_lines"));
        assert_eq!(warned, lines.len() > max, "{name}");
        if lines.len() <= max {
            assert!(size < step, "{name}: {size}");
            kept += 1;
        }
    }
    assert!(kept >= 3, "{kept}");
    // Longer still: over the limit even at the deck's size, which is said.
    let longer = format!("{head} {head} {head}");
    doc.article.meta.headline = longer;
    let style = Style::builtin("tabloid").unwrap();
    let l = lay_out(&doc, &style, &MonoSetter, None);
    let (size, lines) = headline(&l);
    assert!(lines.len() > 3, "{}", lines.len());
    assert!(size >= style.head.deck_sizes[0].0);
    let said: Vec<&str> = l
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.contains("headline_max_lines"))
        .collect();
    assert_eq!(
        said,
        [format!(
            "the headline takes {} lines even at {size} pt, over the style's `headline_max_lines` (3)",
            lines.len()
        )]
    );
}
