//! The page: kicker, headline, deck and byline across the columns; the lead
//! photo; the body justified in columns on the baseline grid, around pull
//! quotes and fact boxes; running heads, folios, jump lines and overset.

use std::collections::BTreeMap;

use crate::backend::Document;
use crate::dates::MONTH_NAMES;
use crate::diag::Warning;
use crate::model::{plain_text, Attribution, Block, Inline, Table};
use crate::pdf::flow::{Cursor, Flow, Obstacle, PageSlots, Slot};
use crate::pdf::frame::{Frames, Item, Page};
use crate::pdf::grid::Grid;
use crate::pdf::images::{ColourSpace, PdfImage};
use crate::pdf::setter::{span, LineSetter, SetLines, Span, StyledParagraph};
use crate::pdf::sidebars::{self, Built, FigureSpec};
use crate::style::{Align, Style, TextRole};
use crate::typeset::split::{choose_split, SplitRules};
use crate::typeset::{Line, LINE_BREAK};

/// Pages a story may take when no news hole is given.
pub const MAX_PAGES: usize = 24;

/// A line stranded at a column's foot or head costs more than the empty lines
/// that avoid it; a word hyphenated across columns is allowed, since a hole at a
/// column's foot is worse in a newspaper column.
const SPLIT_RULES: SplitRules = SplitRules {
    orphan: 1_000_000,
    widow: 1_000_000,
    empty_line: 100,
    hyphen: 0,
};

/// An image as placed, for preflight.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImageReport {
    /// The image's name in the article.
    pub src: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Effective resolution as placed.
    pub ppi: f32,
    /// The samples' colour space.
    pub colour: ColourSpace,
    /// Whether the JPEG bytes pass through untouched.
    pub jpeg: bool,
}

/// A laid-out story.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The pages (without marks and slug).
    pub frames: Frames,
    /// What layout and line setting noticed.
    pub warnings: Vec<Warning>,
    /// Body lines that did not fit in the pages allowed.
    pub overset_lines: u32,
    /// Body lines stretched past the line setter's tolerance.
    pub loose_lines: u32,
    /// Images as placed.
    pub images: Vec<ImageReport>,
    /// Pull quotes with no body text under them in the column they cover
    /// (left hanging at a short column's foot).
    pub hanging_quotes: u32,
    /// Lines the last page could still hold under the story's foot.
    pub short_lines: u32,
    /// Whether the lead photo's frame is as deep as its crop share allows
    /// (`None`: no lead photo).
    pub lead_at_limit: Option<bool>,
    /// The lead photo's effective resolution as placed (`None`: no photo).
    pub lead_ppi: Option<f32>,
    /// Pull quotes cut from the story's end for want of a good place.
    pub quotes_cut: usize,
    /// Placed objects that found no place.
    pub unplaced: usize,
}

/// Choices one layout run is made with: the lead photo over how many
/// columns and how many baselines deeper than its own proportions, and
/// where on the balanced page the story's last pull quotes are pinned (the
/// last first), how many of the last quotes are cut, and whether fact boxes
/// and tables run in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Plan {
    columns: usize,
    deeper: u32,
    pins: [Option<Pin>; 2],
    cut: usize,
    boxes_in_text: bool,
}

/// A pull quote's place fixed before the text flows: over a column (and the
/// gutter into the next), its top `tenths` of the way down the free space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pin {
    column: usize,
    tenths: u32,
}

/// What layout needs while it works.
pub struct Ctx<'a> {
    /// The style.
    pub style: &'a Style,
    /// Line setting.
    pub setter: &'a dyn LineSetter,
    /// The page grid.
    pub grid: Grid,
    /// The article's language, for hyphenation.
    pub language: Option<String>,
    /// The article's media.
    pub media: &'a BTreeMap<String, Result<Vec<u8>, String>>,
    /// Warnings so far.
    pub warnings: Vec<Warning>,
    /// Images placed so far, for preflight.
    pub images: Vec<ImageReport>,
    /// The images' data, by index.
    pub image_data: Vec<PdfImage>,
    /// Pull quotes placed in the flow: page and area.
    pub quotes: Vec<(usize, Obstacle)>,
}

impl Ctx<'_> {
    /// Sets a paragraph, keeping the engine's warnings.
    pub fn set(&mut self, para: &StyledParagraph, widths: &[f32]) -> Vec<Line> {
        let set = self.try_set(para, widths);
        self.keep_warnings(set.warnings);
        set.lines
    }

    /// Sets a paragraph as a trial: what the engine noticed is returned, not
    /// kept. A paragraph that names no language is set in the article's.
    pub fn try_set(&self, para: &StyledParagraph, widths: &[f32]) -> SetLines {
        match (&para.language, &self.language) {
            (None, Some(language)) => {
                let para = StyledParagraph {
                    language: Some(language.clone()),
                    ..para.clone()
                };
                self.setter.set(&para, widths)
            }
            _ => self.setter.set(para, widths),
        }
    }

    /// Keeps the engine's warnings on a setting that goes on the page.
    pub fn keep_warnings(&mut self, warnings: Vec<Warning>) {
        for w in warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
    }

    /// Records a warning.
    pub fn warn(&mut self, message: String) {
        self.warnings.push(Warning::new(message));
    }
}

/// Spans of inlines in a role, emphasis in italic and strong in bold.
pub fn inline_spans(
    inlines: &[Inline],
    role: &TextRole,
    bold: bool,
    italic: bool,
    out: &mut Vec<Span>,
) {
    spans_at(inlines, role, bold, italic, 0, out);
}

/// [`inline_spans`] inside `depth` quotations. A quotation is marked with
/// straight quotes, double outside and single inside, which the text engine
/// turns into the article's language's marks, as it does the copy's own.
fn spans_at(
    inlines: &[Inline],
    role: &TextRole,
    bold: bool,
    italic: bool,
    depth: usize,
    out: &mut Vec<Span>,
) {
    let push = |text: &str, out: &mut Vec<Span>| {
        let mut s = span(text, role);
        s.face.bold |= bold;
        s.face.italic |= italic;
        match out.last_mut() {
            Some(last) if last.face == s.face && last.size == s.size => last.text.push_str(&s.text),
            _ => out.push(s),
        }
    };
    for inline in inlines {
        match inline {
            Inline::Text { text } => push(text, out),
            Inline::LineBreak => push(&LINE_BREAK.to_string(), out),
            Inline::Emphasis { content } => spans_at(content, role, bold, !italic, depth, out),
            Inline::Strong { content } => spans_at(content, role, true, italic, depth, out),
            Inline::Quote { content } => {
                let mark = if depth % 2 == 0 { "\"" } else { "'" };
                push(mark, out);
                spans_at(content, role, bold, italic, depth + 1, out);
                push(mark, out);
            }
            Inline::Link { content, .. } | Inline::Span { content, .. } => {
                spans_at(content, role, bold, italic, depth, out)
            }
        }
    }
}

/// What flows in the columns.
enum Flowing<'a> {
    Para(StyledParagraph),
    Subhead(StyledParagraph),
    /// A pull quote, placed near where it comes in the text.
    Quote(&'a [Inline], Option<&'a Attribution>),
}

/// What is placed beside the flow.
enum Placed<'a> {
    Quote(&'a [Inline], Option<&'a Attribution>),
    Facts(Option<&'a str>, &'a [Block]),
    /// A table, boxed at a column's foot like a fact box.
    Table(&'a Table),
    Figure(FigureSpec<'a>),
}

/// Lays out a story on at most `pages` pages (`None`: as many as it needs).
/// A story shorter than its one page gets a deeper, then wider, lead photo;
/// the columns of the last page are balanced: they end on one baseline.
pub fn lay_out(
    doc: &Document,
    style: &Style,
    setter: &dyn LineSetter,
    pages: Option<u32>,
) -> Layout {
    let boxed = lay_out_quoting(doc, style, setter, pages, false);
    if boxed.unplaced == 0 {
        return boxed;
    }
    // Fact boxes and tables with no place run in the text: nothing is lost.
    let in_text = lay_out_quoting(doc, style, setter, pages, true);
    if in_text.unplaced < boxed.unplaced {
        let mut layout = in_text;
        layout.warnings.push(Warning::new(
            "fact boxes and tables run in the text: the page has no room to box them".to_string(),
        ));
        layout
    } else {
        boxed
    }
}

/// [`lay_out`] with the pull quotes placed well or cut.
fn lay_out_quoting(
    doc: &Document,
    style: &Style,
    setter: &dyn LineSetter,
    pages: Option<u32>,
    boxes_in_text: bool,
) -> Layout {
    // A pull quote repeats the story's words, so when the last ones find no
    // place with text under them they are cut, as an editor would, and said.
    let (uncut, clean) = lay_out_cutting(doc, style, setter, pages, 0, boxes_in_text);
    if clean {
        return uncut;
    }
    for cut in 1..=MAX_QUOTES_CUT {
        let (layout, clean) = lay_out_cutting(doc, style, setter, pages, cut, boxes_in_text);
        if clean {
            return layout;
        }
        if layout.quotes_cut < cut {
            break;
        }
    }
    uncut
}

/// Most rows of a table set as a box; longer tables run in the text.
const MAX_BOXED_ROWS: usize = 16;

/// How many pull quotes layout may cut from a story's end.
const MAX_QUOTES_CUT: usize = 3;

/// [`lay_out`] with the story's last `cut` pull quotes left out; also says
/// whether every placed object found a place and no quote hangs.
fn lay_out_cutting(
    doc: &Document,
    style: &Style,
    setter: &dyn LineSetter,
    pages: Option<u32>,
    cut: usize,
    boxes_in_text: bool,
) -> (Layout, bool) {
    let grid = Grid::new(style);
    let cols = grid.columns.len();
    let run = |plan: Plan, balance| lay_out_with(doc, style, setter, pages, balance, plan);
    let mut plan = Plan {
        columns: style.layout.lead_photo_columns as usize,
        deeper: 0,
        pins: [None, None],
        cut,
        boxes_in_text,
    };
    let (full, complete) = run(plan, None);
    if !complete || full.overset_lines > 0 {
        let clean = complete && full.hanging_quotes == 0;
        return (full, clean);
    }
    // Enlarging the photo may not take it under the press's resolution.
    let min_ppi = full.lead_ppi.map_or(0.0, |p| p.min(style.layout.min_ppi));
    let one_page = |(l, complete): (Layout, bool)| {
        let sharp = l.lead_ppi.is_none_or(|p| p >= min_ppi);
        // Nor leave a pull quote with no room but under the story's end.
        let quotes_kept = l.hanging_quotes <= full.hanging_quotes;
        (complete && sharp && quotes_kept && l.overset_lines == 0 && l.frames.pages.len() == 1)
            .then_some(l)
    };
    if full.frames.pages.len() == 1
        && full.lead_at_limit.is_some()
        && style.layout.lead_photo_crop > 0.0
    {
        plan = fill_with_art(&run, &one_page, plan, cols, grid.baselines());
    }
    let last = full.frames.pages.len() - 1;
    let balanced = |plan: Plan, lower_for_quotes: bool| {
        let fits = |b: u32| {
            let (l, complete) = run(plan, Some((last, b)));
            (complete && l.overset_lines == 0 && l.frames.pages.len() == last + 1).then_some(l)
        };
        // The highest foot that still holds the story, found by bisection.
        let (mut lo, mut hi) = (1u32, grid.baselines());
        let mut best = None;
        while lo < hi {
            let mid = (lo + hi) / 2;
            match fits(mid) {
                Some(l) => {
                    best = Some((l, mid));
                    hi = mid;
                }
                None => lo = mid + 1,
            }
        }
        // A pull quote left hanging under a short last column looks
        // dropped: a few baselines lower, text may run under it again.
        if lower_for_quotes && best.as_ref().is_some_and(|(l, _)| l.hanging_quotes > 0) {
            for b in lo + 1..(lo + 12).min(grid.baselines() + 1) {
                if let Some(l) = fits(b).filter(|l| l.hanging_quotes == 0) {
                    return Some((l, b));
                }
            }
        }
        best
    };
    let mut best = balanced(plan, true);
    // Else the last quotes are pinned higher up, where text runs under them,
    // as an editor would move them.
    let hanging = |b: &Option<(Layout, u32)>| b.as_ref().map_or(0, |(l, _)| l.hanging_quotes);
    for slot in 0..plan.pins.len() {
        if hanging(&best) == 0 {
            break;
        }
        let pins = (0..cols.saturating_sub(1))
            .rev()
            .flat_map(|column| [4, 2].map(|tenths| Pin { column, tenths }));
        for pin in pins {
            let mut pinned = plan;
            pinned.pins[slot] = Some(pin);
            let b = balanced(pinned, false);
            if b.is_some() && hanging(&b) < hanging(&best) {
                plan = pinned;
                best = b;
                break;
            }
        }
    }
    let Some((mut layout, foot)) = best else {
        let (l, complete) = run(plan, None);
        let clean = complete && l.hanging_quotes == 0;
        return (l, clean);
    };
    layout.short_lines = grid.baselines().saturating_sub(foot) * cols as u32;
    // A continued story's last page has room for others; one page should be full.
    if layout.short_lines > cols as u32 && layout.frames.pages.len() == 1 {
        layout.warnings.push(Warning::new(format!(
            "the story is {} lines short of filling its page",
            layout.short_lines
        )));
    }
    let clean = layout.hanging_quotes == 0;
    (layout, clean)
}

/// The lead photo for a one-page story: the deepest frame that still lets
/// the story fit, widened by a column at a time while the photo reaches the
/// depth its crop share allows and the page still has room.
fn fill_with_art(
    run: &dyn Fn(Plan, Option<(usize, u32)>) -> (Layout, bool),
    one_page: &dyn Fn((Layout, bool)) -> Option<Layout>,
    natural: Plan,
    cols: usize,
    baselines: u32,
) -> Plan {
    let mut chosen = natural;
    for columns in natural.columns..=cols {
        let wide = Plan {
            columns,
            deeper: 0,
            ..natural
        };
        let Some(start) = one_page(run(wide, None)) else {
            break;
        };
        let mut at_limit = start.lead_at_limit == Some(true);
        let (mut lo, mut hi) = (0u32, baselines);
        while lo < hi && !at_limit {
            let mid = (lo + hi).div_ceil(2);
            match one_page(run(
                Plan {
                    columns,
                    deeper: mid,
                    ..natural
                },
                None,
            )) {
                Some(l) => {
                    lo = mid;
                    at_limit = l.lead_at_limit == Some(true);
                }
                None => hi = mid - 1,
            }
        }
        chosen = Plan {
            columns,
            deeper: lo,
            ..natural
        };
        if !at_limit {
            break;
        }
    }
    chosen
}

/// One layout run; `balance` ends the columns of one page at a baseline.
/// Also says whether every placed object found a place.
fn lay_out_with(
    doc: &Document,
    style: &Style,
    setter: &dyn LineSetter,
    pages: Option<u32>,
    balance: Option<(usize, u32)>,
    plan: Plan,
) -> (Layout, bool) {
    let grid = Grid::new(style);
    let meta = &doc.article.meta;
    let mut ctx = Ctx {
        style,
        setter,
        grid: grid.clone(),
        language: meta.language.clone(),
        media: &doc.media,
        warnings: Vec::new(),
        images: Vec::new(),
        image_data: Vec::new(),
        quotes: Vec::new(),
    };
    let roles = &style.roles;

    // Sort the body into what flows and what is placed.
    let mut flowing = Vec::new();
    let mut placed = Vec::new();
    collect(
        &doc.article.body,
        style,
        plan.boxes_in_text,
        &mut flowing,
        &mut placed,
    );
    let mut quotes_cut = 0;
    while quotes_cut < plan.cut {
        let Some(i) = flowing
            .iter()
            .rposition(|f| matches!(f, Flowing::Quote(..)))
        else {
            break;
        };
        if let Flowing::Quote(content, _) = flowing.remove(i) {
            ctx.warn(format!(
                "pull quote \u{201C}{}\u{201D} cut: no place on the page with text under it",
                opening(&plain_text(content))
            ));
        }
        quotes_cut += 1;
    }
    // Pinned quotes leave the flow, to be placed on the balanced page.
    let mut pinned: Pinned = Vec::new();
    if let Some((page, _)) = balance {
        let quotes: Vec<usize> = (0..flowing.len())
            .filter(|&i| matches!(flowing[i], Flowing::Quote(..)))
            .collect();
        let mut taken: Vec<(usize, Pin)> = plan
            .pins
            .iter()
            .zip(quotes.iter().rev())
            .filter_map(|(pin, &i)| pin.map(|p| (i, p)))
            .collect();
        taken.sort_by_key(|&(i, _)| std::cmp::Reverse(i));
        for (i, pin) in taken {
            if let Flowing::Quote(content, attribution) = flowing.remove(i) {
                pinned.push((page, pin, content, attribution));
            }
        }
    }
    if let Some(tagline) = &meta.tagline {
        let mut p = StyledParagraph::plain(tagline, &roles.body);
        p.spans[0].face.italic = true;
        flowing.push(Flowing::Para(p));
    }
    // The dateline runs into the first paragraph.
    if let Some(dl) = &meta.dateline {
        if let Some(Flowing::Para(p)) = flowing.iter_mut().find(|f| matches!(f, Flowing::Para(_))) {
            p.spans.insert(
                0,
                span(&format!("{}\u{a0}\u{2013} ", dl.place), &roles.dateline),
            );
        }
    }

    // Page 1: the head of the story across the columns.
    let mut first = Page::default();
    let mut y = grid.top;
    let width = grid.width();
    if let Some(kicker) = meta.kicker.clone().or_else(|| meta.section.clone()) {
        let p = StyledParagraph::plain(&kicker, &roles.kicker);
        y = sidebars::set_block(
            &mut ctx,
            &mut first.items,
            &p,
            &roles.kicker,
            grid.left,
            y,
            width,
        );
        y += 2.0;
    }
    if !meta.headline.is_empty() {
        let p = StyledParagraph::plain(&meta.headline, &roles.headline);
        y = sidebars::set_block(
            &mut ctx,
            &mut first.items,
            &p,
            &roles.headline,
            grid.left,
            y,
            width,
        );
        y += 4.0;
    }
    for deck in &meta.decks {
        let p = StyledParagraph::plain(deck, &roles.deck);
        y = sidebars::set_block(
            &mut ctx,
            &mut first.items,
            &p,
            &roles.deck,
            grid.left,
            y,
            width * 0.8,
        );
        y += 2.0;
    }
    if let Some(line) = byline(doc) {
        let p = StyledParagraph::plain(&line, &roles.byline);
        y = sidebars::set_block(
            &mut ctx,
            &mut first.items,
            &p,
            &roles.byline,
            grid.left,
            y + 2.0,
            width,
        );
    }
    y += 4.0;
    first.items.push(Item::Rule {
        from: (grid.left, y),
        to: (grid.right, y),
        weight: style.furniture.rule_weight,
        colour: style.furniture.rule_colour,
    });
    let body_top = grid.first_at_or_below(y + 6.0);
    if body_top + 3 >= grid.baselines() {
        ctx.warn("the headline and deck fill the first page: no room for the body".to_string());
    }
    let mut slots = PageSlots::new(&grid, body_top);
    let foot = |n: usize, slots: &mut PageSlots| {
        if let Some((page, b)) = balance {
            if page == n {
                for e in &mut slots.end {
                    *e = (*e).min(b);
                }
            }
        }
    };
    foot(0, &mut slots);

    // The lead photo across the first columns.
    let mut rest = Vec::new();
    let mut lead_done = false;
    let mut lead_at_limit = None;
    let mut lead_ppi = None;
    for p in placed {
        match p {
            Placed::Figure(fig) if !lead_done => {
                lead_done = true;
                let cols = grid.columns.len();
                let n = plan.columns.clamp(1, cols);
                // Over the right-hand columns the story starts at the top left,
                // and text extraction reads the columns in order.
                let from = if style.layout.lead_photo_right {
                    cols - n
                } else {
                    0
                };
                let w = grid.span_width(from, from + n);
                let top = grid.line_top(body_top);
                let deeper = plan.deeper as f32 * grid.baseline;
                let placed_before = ctx.images.len();
                let (built, at_limit) =
                    sidebars::figure(&mut ctx, &fig, w, (grid.bottom - top) * 0.6, deeper);
                lead_at_limit = Some(at_limit);
                lead_ppi = ctx.images[placed_before..].first().map(|i| i.ppi);
                first.items.extend(built.at(grid.columns[from].0, top));
                let start = grid.first_at_or_below(top + built.height + style.layout.standoff);
                for s in &mut slots.start[from..from + n] {
                    *s = start;
                }
            }
            other => rest.push(other),
        }
    }

    let limit = pages.map_or(MAX_PAGES, |n| (n as usize).max(1));
    let mut frames = vec![first];
    let mut queue: Vec<Placed> = rest;
    let last_col = grid.columns.len() - 1;
    // The last page needs no jump line; a balanced page is the last.
    let jumps = |n: usize, limit: usize| n + 1 < limit && balance.is_none_or(|(p, _)| p != n);
    if jumps(0, limit) {
        reserve_jump(&mut slots, last_col);
    }
    place_sidebars(&mut ctx, &mut frames[0], &mut slots, &mut queue);
    pin_quote(
        &mut ctx,
        &mut frames[0],
        &mut slots,
        0,
        &mut pinned,
        &mut queue,
    );

    // The flow, adding pages as the text needs them.
    let mut overset = 0u32;
    let mut loose = 0u32;
    let jump_in: Vec<u32>;
    {
        let frames_cell = std::cell::RefCell::new(&mut frames);
        let ctx_cell = std::cell::RefCell::new(&mut ctx);
        let queue_cell = std::cell::RefCell::new(&mut queue);
        let pinned_cell = std::cell::RefCell::new(&mut pinned);
        let mut add_page = |flow: &mut Flow| {
            let n = flow.pages.len();
            let mut page = Page::default();
            let mut s = PageSlots::new(&grid, 0);
            foot(n, &mut s);
            if jumps(n, flow.limit) {
                reserve_jump(&mut s, last_col);
            }
            place_sidebars(
                &mut ctx_cell.borrow_mut(),
                &mut page,
                &mut s,
                &mut queue_cell.borrow_mut(),
            );
            pin_quote(
                &mut ctx_cell.borrow_mut(),
                &mut page,
                &mut s,
                n,
                &mut pinned_cell.borrow_mut(),
                &mut queue_cell.borrow_mut(),
            );
            // The first line of a continued page says where the story came from.
            s.reserved.push((0, s.start[0]));
            s.jump_in = Some(s.start[0]);
            flow.pages.push(s);
            frames_cell.borrow_mut().push(page);
        };
        let mut flow = Flow::new(&grid, slots, limit);
        let mut cursor = Some(Cursor {
            page: 0,
            column: 0,
            k: flow.pages[0].start[0],
        });
        let mut after_head = true;
        let mut after_last: Option<Cursor> = None;
        let body_role = roles.body.clone();
        for f in flowing {
            if let Flowing::Quote(content, attribution) = f {
                // Just below the last line set; no page is added for a quote.
                let here = after_last.map(|l| Cursor { k: l.k + 1, ..l }).or(cursor);
                let placed_here = here.is_some_and(|c| {
                    let Some(page) = flow.pages.get_mut(c.page) else {
                        return false;
                    };
                    let mut frames = frames_cell.borrow_mut();
                    quote_in_flow(
                        &mut ctx_cell.borrow_mut(),
                        page,
                        &mut frames[c.page].items,
                        c,
                        content,
                        attribution,
                    )
                });
                if !placed_here {
                    // Placed on the next page made, if any.
                    queue_cell
                        .borrow_mut()
                        .push(Placed::Quote(content, attribution));
                }
                continue;
            }
            // Step past the last line only now, so that a page is added only
            // when text follows.
            if let Some(last) = after_last.take() {
                cursor = flow.after(last, &mut add_page);
            }
            let (para, subhead) = match f {
                Flowing::Para(mut p) => {
                    if !after_head {
                        p.first_indent = body_role.size;
                    }
                    (p, false)
                }
                Flowing::Subhead(p) => (p, true),
                Flowing::Quote(..) => continue,
            };
            let Some(mut c) = cursor else {
                overset += count_lines(&mut ctx_cell.borrow_mut(), &para, grid.columns[0].1);
                after_head = subhead;
                continue;
            };
            if subhead {
                // A blank line above, unless at a column's head; the subhead
                // and two lines of what follows on consecutive baselines of
                // one column, not split by a column foot or a placed object.
                let n = count_lines(&mut ctx_cell.borrow_mut(), &para, grid.columns[0].1) as usize;
                let at_top = c.k == flow.pages[c.page].start[c.column];
                if !at_top {
                    cursor = flow.after(c, &mut add_page);
                }
                let need = n + 2;
                let mut guard = 0;
                while let Some(here) = cursor {
                    guard += 1;
                    if guard > 200 {
                        break;
                    }
                    let ahead = flow.peek(here, need, &mut add_page);
                    let gap = ahead.windows(2).position(|w| {
                        w[1].0.column != w[0].0.column
                            || w[1].0.page != w[0].0.page
                            || w[1].0.k != w[0].0.k + 1
                    });
                    match (gap, ahead.len() == need) {
                        (None, true) => {
                            cursor = ahead.first().map(|a| a.0);
                            break;
                        }
                        (Some(i), _) => cursor = Some(ahead[i + 1].0),
                        (None, false) => cursor = None,
                    }
                }
                let Some(next) = cursor else {
                    overset += n as u32;
                    after_head = true;
                    continue;
                };
                c = next;
            }
            let role = if subhead { &roles.subhead } else { &body_role };
            // Slots left empty so that no line is stranded at a column's foot or head.
            let mut skipped: Vec<Cursor> = Vec::new();
            let slots_from = |flow: &mut Flow,
                              want: usize,
                              skipped: &[Cursor],
                              add: &mut dyn FnMut(&mut Flow)| {
                let mut slots = flow.peek(c, want + skipped.len(), add);
                slots.retain(|(k, _)| !skipped.contains(k));
                slots
            };
            let set_in = |ahead: &[(Cursor, Slot)]| {
                let widths: Vec<f32> = ahead.iter().map(|(_, s)| s.width).collect();
                // Over a placed object or to another page; a hyphen at a
                // column's foot is the newspaper's usual and stays allowed.
                let jumps_after = (1..ahead.len())
                    .filter(|&i| {
                        let (a, b) = (ahead[i - 1].0, ahead[i].0);
                        a.page != b.page || (a.column == b.column && b.k != a.k + 1)
                    })
                    .map(|i| i - 1)
                    .collect();
                let para = StyledParagraph {
                    jumps_after,
                    ..para.clone()
                };
                ctx_cell.borrow().try_set(&para, &widths)
            };
            // Slots on the pages made so far first; more pages only when the
            // paragraph runs past them.
            let mut ahead = slots_from(&mut flow, 400, &skipped, &mut |_: &mut Flow| {});
            let mut set = if ahead.is_empty() {
                SetLines::default()
            } else {
                set_in(&ahead)
            };
            // Add pages for as many lines as the paragraph needs, no more.
            let mut tries = 0;
            while (set.lines.len() > ahead.len() || ahead.is_empty()) && tries < 4 {
                tries += 1;
                let want = set.lines.len().max(1) + tries;
                let more = slots_from(&mut flow, want, &skipped, &mut add_page);
                if more.len() <= ahead.len() {
                    break;
                }
                ahead = more;
                set = set_in(&ahead);
            }
            if ahead.is_empty() {
                overset += count_lines(&mut ctx_cell.borrow_mut(), &para, grid.columns[0].1);
                cursor = None;
                after_head = subhead;
                continue;
            }
            // Where the paragraph runs from one column into the next, the split
            // is chosen by cost (typeset::split): first where it leaves its first
            // column, then where it enters its last.
            let split = |a: &(Cursor, Slot), b: &(Cursor, Slot)| {
                a.0.page != b.0.page || a.0.column != b.0.column
            };
            let first = ahead[0].0;
            let column_empty = first.k == flow.pages[first.page].start[first.column];
            for last_break in [false, true] {
                let n = set.lines.len().min(ahead.len());
                let breaks: Vec<usize> = (1..n)
                    .filter(|&i| split(&ahead[i - 1], &ahead[i]))
                    .collect();
                let (start, end, empty) = match (last_break, breaks.len()) {
                    (false, 1..) => (0, breaks[0], column_empty),
                    (true, 2..) => (breaks[breaks.len() - 2], breaks[breaks.len() - 1], true),
                    _ => continue,
                };
                let room = end - start;
                let keep = choose_split(&set.lines[start..], room, empty, &SPLIT_RULES);
                if keep == room {
                    continue;
                }
                skipped.extend(ahead[start + keep..end].iter().map(|(k, _)| *k));
                let want = set.lines.len() + 2;
                ahead = slots_from(&mut flow, want, &skipped, &mut add_page);
                set = set_in(&ahead);
            }
            ctx_cell.borrow_mut().keep_warnings(set.warnings);
            let lines = set.lines;
            if !subhead {
                loose += lines.iter().filter(|l| setter.is_loose(l)).count() as u32;
            }
            let used = lines.len().min(ahead.len());
            overset += (lines.len() - used) as u32;
            for (line, (_, slot)) in lines.into_iter().zip(&ahead) {
                frames_cell.borrow_mut()[slot.page].items.push(Item::Text {
                    x: slot.x,
                    y: grid.baseline_y(slot.k),
                    line,
                    colour: role.colour,
                });
            }
            if used == 0 {
                cursor = Some(c);
            } else if used < ahead.len() {
                cursor = Some(ahead[used].0);
            } else {
                after_last = Some(ahead[used - 1].0);
            }
            after_head = subhead;
        }
        jump_in = flow.pages.iter().map(|p| p.jump_in.unwrap_or(0)).collect();
        drop(flow);
    }

    // Jump lines between the pages used.
    let used_pages = frames.len();
    for n in 0..used_pages.saturating_sub(1) {
        let out = format!("Continued on page {}", n + 2);
        let p = StyledParagraph::plain(&out, &roles.jump);
        let (cx, cw) = grid.columns[last_col];
        let k = grid.baselines() - 1;
        let lines = ctx.set(&p, &[cw]);
        for line in lines.into_iter().take(1) {
            frames[n].items.push(Item::Text {
                x: cx,
                y: grid.baseline_y(k),
                line,
                colour: roles.jump.colour,
            });
        }
        let from = format!("Continued from page {}", n + 1);
        let mut p = StyledParagraph::plain(&from, &roles.jump);
        p.align = Align::Left;
        let lines = ctx.set(&p, &[grid.columns[0].1]);
        for line in lines.into_iter().take(1) {
            // Reading order: the jump-in line opens the page's text.
            frames[n + 1].items.insert(
                0,
                Item::Text {
                    x: grid.columns[0].0,
                    y: grid.baseline_y(jump_in.get(n + 1).copied().unwrap_or(0)),
                    line,
                    colour: roles.jump.colour,
                },
            );
        }
    }
    // Running heads and folios.
    for (n, page) in frames.iter_mut().enumerate() {
        running_head(&mut ctx, page, doc, n, used_pages);
    }
    if overset > 0 {
        ctx.warn(format!("{overset} lines overset"));
    }
    if loose > 0 {
        ctx.warn(format!(
            "{loose} body lines set looser than the justification tolerance"
        ));
    }
    let complete = queue.is_empty();
    if !complete {
        ctx.warn(format!("{} placed objects did not fit", queue.len()));
    }
    let body_size = roles.body.size;
    let hanging_quotes = ctx
        .quotes
        .iter()
        .filter(|(page, o)| {
            !frames.get(*page).is_some_and(|p| {
                p.items.iter().any(|i| match i {
                    Item::Text { x, y, line, .. } => {
                        *y > o.y1
                            && *x >= o.x0
                            && *x < o.x1
                            && line.runs.iter().any(|r| r.size == body_size)
                    }
                    _ => false,
                })
            })
        })
        .count() as u32;
    if hanging_quotes > 0 {
        ctx.warn(format!(
            "{hanging_quotes} pull quotes have no text under them; cut or move them"
        ));
    }
    let layout = Layout {
        hanging_quotes,
        lead_at_limit,
        lead_ppi,
        quotes_cut,
        unplaced: queue.len(),
        short_lines: 0,
        frames: Frames {
            pages: frames,
            images: std::mem::take(&mut ctx.image_data),
        },
        warnings: ctx.warnings,
        overset_lines: overset,
        loose_lines: loose,
        images: ctx.images,
    };
    (layout, complete)
}

/// Places a pull quote a little below the cursor: across the gutter of the
/// cursor's column and the next, or inside the last column; else in a later
/// column of the page. Says whether it found room.
fn quote_in_flow(
    ctx: &mut Ctx,
    slots: &mut PageSlots,
    items: &mut Vec<Item>,
    c: Cursor,
    content: &[Inline],
    attribution: Option<&Attribution>,
) -> bool {
    (c.column..ctx.grid.columns.len()).any(|col| {
        let from = if col == c.column {
            c.k
        } else {
            slots.start[col]
        };
        let at = Cursor {
            column: col,
            k: from + 3,
            ..c
        };
        quote_at(ctx, slots, items, at, content, attribution)
    })
}

/// Places a pull quote with its top at baseline `at.k` (or lower, under the
/// head of the next column): across the gutter of `at.column` and the next,
/// or inside the last column. Says whether it found room.
fn quote_at(
    ctx: &mut Ctx,
    slots: &mut PageSlots,
    items: &mut Vec<Item>,
    at: Cursor,
    content: &[Inline],
    attribution: Option<&Attribution>,
) -> bool {
    let grid = ctx.grid.clone();
    let style = ctx.style;
    let cols = grid.columns.len();
    let standoff = style.layout.standoff;
    let keep = style.layout.pull_quote_keep;
    let col = at.column;
    let pair = col + 1 < cols;
    let (a, b) = (grid.columns[col], grid.columns[(col + 1).min(cols - 1)]);
    // Across the gutter into the whole next column: only the left column
    // runs around it, so extraction never interleaves two columns.
    let (x0, x1) = if pair {
        (a.0 + a.1 * keep + standoff, b.0 + b.1)
    } else {
        (a.0, a.0 + a.1)
    };
    let mut k = at.k;
    let mut end = slots.end[col];
    if pair {
        k = k.max(slots.start[col + 1] + 1);
        end = end.min(slots.end[col + 1]);
    }
    let built = sidebars::pull_quote(ctx, content, attribution, x1 - x0);
    let units = (built.height / grid.baseline).ceil() as u32;
    // Leave room for lines under it, and for the jump line.
    if k + units + 3 > end {
        return false;
    }
    let y = grid.line_top(k);
    let o = Obstacle {
        x0: x0 - standoff,
        y0: y - 1.0,
        x1: x1 + standoff,
        y1: y + built.height + 1.0,
    };
    let clash = slots
        .obstacles
        .iter()
        .any(|p| p.x0 < o.x1 && o.x0 < p.x1 && p.y0 < o.y1 && o.y0 < p.y1);
    if clash {
        return false;
    }
    items.extend(built.at(x0, y));
    slots.obstacles.push(o);
    ctx.quotes.push((at.page, o));
    true
}

/// Pull quotes pinned to a page before the text flows, with where.
type Pinned<'a> = Vec<(usize, Pin, &'a [Inline], Option<&'a Attribution>)>;

/// Places the quotes pinned to page `n`; one that finds no room waits in the
/// queue, so the run counts as incomplete.
fn pin_quote<'a>(
    ctx: &mut Ctx,
    page: &mut Page,
    slots: &mut PageSlots,
    n: usize,
    pinned: &mut Pinned<'a>,
    queue: &mut Vec<Placed<'a>>,
) {
    let cols = ctx.grid.columns.len();
    for (p, pin, content, attribution) in std::mem::take(pinned) {
        if p != n {
            pinned.push((p, pin, content, attribution));
            continue;
        }
        let col = pin.column.min(cols - 1);
        let next = (col + 1).min(cols - 1);
        let start = slots.start[col].max(slots.start[next]);
        let end = slots.end[col].min(slots.end[next]);
        let k = start + end.saturating_sub(start) * pin.tenths / 10;
        let at = Cursor {
            page: n,
            column: col,
            k,
        };
        if !quote_at(ctx, slots, &mut page.items, at, content, attribution) {
            queue.push(Placed::Quote(content, attribution));
        }
    }
}

/// A quote's first words, for messages.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(6).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 6 {
        out.push('\u{2026}');
    }
    out
}

fn reserve_jump(slots: &mut PageSlots, last_col: usize) {
    let k = slots.end[last_col].saturating_sub(1);
    slots.reserved.push((last_col, k));
}

fn count_lines(ctx: &mut Ctx, para: &StyledParagraph, width: f32) -> u32 {
    ctx.try_set(para, &[width]).lines.len() as u32
}

/// "By A and B, Title · Agency".
fn byline(doc: &Document) -> Option<String> {
    let meta = &doc.article.meta;
    let names: Vec<String> = meta
        .bylines
        .iter()
        .map(|b| match &b.title {
            Some(t) => format!("{}, {t}", b.name),
            None => b.name.clone(),
        })
        .collect();
    let mut orgs: Vec<&str> = meta
        .bylines
        .iter()
        .filter_map(|b| b.org.as_deref())
        .collect();
    if let Some(source) = meta.source.as_deref() {
        orgs.push(source);
    }
    orgs.dedup();
    let mut line = String::new();
    if !names.is_empty() {
        line = format!("By {}", names.join(" and "));
    }
    if !orgs.is_empty() {
        if !line.is_empty() {
            line.push_str(" \u{00B7} ");
        }
        line.push_str(&orgs.join(" \u{00B7} "));
    }
    (!line.is_empty()).then_some(line)
}

fn collect<'a>(
    blocks: &'a [Block],
    style: &Style,
    boxes_in_text: bool,
    flowing: &mut Vec<Flowing<'a>>,
    placed: &mut Vec<Placed<'a>>,
) {
    let roles = &style.roles;
    let para = |inlines: &[Inline], role: &TextRole, italic: bool| {
        let mut spans = Vec::new();
        inline_spans(inlines, role, false, italic, &mut spans);
        StyledParagraph {
            spans,
            align: role.align,
            first_indent: 0.0,
            language: None,
            hyphenate: role.hyphenate,
            jumps_after: Vec::new(),
        }
    };
    for b in blocks {
        match b {
            Block::Paragraph { content, .. } => {
                flowing.push(Flowing::Para(para(content, &roles.body, false)))
            }
            Block::Heading { content, .. } => {
                flowing.push(Flowing::Subhead(para(content, &roles.subhead, false)))
            }
            Block::PullQuote {
                content,
                attribution,
            } => flowing.push(Flowing::Quote(content, attribution.as_ref())),
            Block::Figure {
                src,
                caption,
                credit,
                width,
                height,
                ..
            } => placed.push(Placed::Figure(FigureSpec {
                src: src.as_deref(),
                caption,
                credit: credit.as_deref(),
                size: width.zip(*height),
            })),
            // Fact boxes and tables that found no place run in the text.
            Block::Sidebar { title, body } if boxes_in_text => {
                if let Some(title) = title {
                    let p = StyledParagraph::plain(title, &roles.subhead);
                    flowing.push(Flowing::Subhead(p));
                }
                collect(body, style, boxes_in_text, flowing, placed);
            }
            Block::Sidebar { title, body } => placed.push(Placed::Facts(title.as_deref(), body)),
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let mark = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "\u{2022} ".to_string()
                    };
                    let mut inner = Vec::new();
                    collect(item, style, boxes_in_text, &mut inner, placed);
                    for (j, f) in inner.into_iter().enumerate() {
                        if let Flowing::Para(mut p) = f {
                            if j == 0 {
                                p.spans.insert(0, span(&mark, &roles.body));
                            }
                            p.align = Align::Left;
                            flowing.push(Flowing::Para(p));
                        } else {
                            flowing.push(f);
                        }
                    }
                }
            }
            Block::BlockQuote { body, credit } => {
                let mut inner = Vec::new();
                collect(body, style, boxes_in_text, &mut inner, placed);
                for f in inner {
                    if let Flowing::Para(mut p) = f {
                        for s in &mut p.spans {
                            s.face.italic = true;
                        }
                        flowing.push(Flowing::Para(p));
                    } else {
                        flowing.push(f);
                    }
                }
                if let Some(credit) = credit {
                    let mut p = StyledParagraph::plain(&format!("\u{2014} {credit}"), &roles.body);
                    p.align = Align::Right;
                    flowing.push(Flowing::Para(p));
                }
            }
            // A table short enough for a box at a column's foot is boxed; a
            // longer one runs in the text, a row a line, cells set apart.
            Block::Table(table) if !boxes_in_text && table.rows.len() <= MAX_BOXED_ROWS => {
                placed.push(Placed::Table(table))
            }
            Block::Table(table) => {
                if !table.caption.is_empty() {
                    flowing.push(Flowing::Subhead(para(
                        &table.caption,
                        &roles.subhead,
                        false,
                    )));
                }
                for row in &table.rows {
                    let cells: Vec<String> =
                        row.cells.iter().map(|c| plain_text(&c.content)).collect();
                    let mut p = StyledParagraph::plain(&cells.join(" \u{2003} "), &roles.body);
                    p.align = Align::Left;
                    p.spans[0].face.bold = row.header;
                    flowing.push(Flowing::Para(p));
                }
            }
            Block::Rule => {}
            Block::Container { body, .. } => collect(body, style, boxes_in_text, flowing, placed),
        }
    }
}

/// Places a box at the foot of the last column, above the jump line if the
/// page has one and above boxes placed before; says whether it fitted.
fn at_last_column_foot(
    grid: &Grid,
    page: &mut Page,
    slots: &mut PageSlots,
    built: &Built,
    standoff: f32,
) -> bool {
    let last = grid.columns.len() - 1;
    let cx = grid.columns[last].0;
    let jump = slots
        .reserved
        .iter()
        .filter(|(c, k)| *c == last && *k > slots.start[last])
        .map(|(_, k)| *k)
        .min();
    let end = jump.map_or(slots.end[last], |k| k.min(slots.end[last]));
    let foot = grid.line_top(end).min(grid.bottom);
    let top = foot - built.height;
    // The last body baseline above the box, with room to spare.
    let end = grid.first_at_or_below(top - standoff).saturating_sub(1);
    if end > slots.start[last] + 4 {
        page.items.extend(built.at(cx, top));
        slots.end[last] = slots.end[last].min(end);
        true
    } else {
        false
    }
}

/// Places what fits of the queue on a page: pull quotes straddle a pair
/// of columns mid-page, fact boxes sit at the foot of the last column, other
/// photos at the head of the column opposite the lead photo.
fn place_sidebars(ctx: &mut Ctx, page: &mut Page, slots: &mut PageSlots, queue: &mut Vec<Placed>) {
    let grid = ctx.grid.clone();
    let style = ctx.style;
    let cols = grid.columns.len();
    let last = cols - 1;
    let standoff = style.layout.standoff;
    let mut quotes_here = 0usize;
    let mut left = Vec::new();
    for item in queue.drain(..) {
        let fits = match &item {
            Placed::Quote(content, attribution) if cols >= 2 => {
                let pair = (1 + 2 * quotes_here) % (cols - 1);
                let (a, b) = (grid.columns[pair], grid.columns[pair + 1]);
                let keep = style.layout.pull_quote_keep;
                let x0 = a.0 + a.1 * keep + standoff;
                let x1 = b.0 + b.1;
                let built = sidebars::pull_quote(ctx, content, *attribution, x1 - x0);
                let start = slots.start[pair].max(slots.start[pair + 1]);
                let end = slots.end[pair].min(slots.end[pair + 1]);
                let units = (built.height / grid.baseline).ceil() as u32;
                if end > start + units + 6 {
                    let frac = if quotes_here % 2 == 0 { 0.45 } else { 0.3 };
                    let k = start + ((end - start - units) as f32 * frac) as u32;
                    let y = grid.line_top(k);
                    page.items.extend(built.at(x0, y));
                    slots.obstacles.push(Obstacle {
                        x0: x0 - standoff,
                        y0: y - 1.0,
                        x1: x1 + standoff,
                        y1: y + built.height + 1.0,
                    });
                    quotes_here += 1;
                    true
                } else {
                    false
                }
            }
            Placed::Facts(title, body) => {
                let built = sidebars::fact_box(ctx, *title, body, grid.columns[last].1);
                at_last_column_foot(&grid, page, slots, &built, standoff)
            }
            Placed::Table(table) => {
                let built = sidebars::table(ctx, table, grid.columns[last].1);
                at_last_column_foot(&grid, page, slots, &built, standoff)
            }
            Placed::Figure(fig) => {
                // Opposite the lead photo.
                let col = if style.layout.lead_photo_right {
                    0
                } else {
                    last
                };
                let (cx, cw) = grid.columns[col];
                let top = grid.line_top(slots.start[col]);
                let (built, _) = sidebars::figure(ctx, fig, cw, (grid.bottom - top) * 0.4, 0.0);
                let start = grid.first_at_or_below(top + built.height + standoff);
                if start + 6 < slots.end[col] {
                    page.items.extend(built.at(cx, top));
                    slots.start[col] = start;
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !fits {
            left.push(item);
        }
    }
    *queue = left;
}

/// The running head over the columns and the folio under them.
fn running_head(ctx: &mut Ctx, page: &mut Page, doc: &Document, n: usize, total: usize) {
    let style = ctx.style;
    let grid = ctx.grid.clone();
    let meta = &doc.article.meta;
    let role = style.roles.running_head.clone();
    let folio_role = style.roles.folio.clone();
    let mut head = meta
        .series
        .as_ref()
        .map(|s| match s.part {
            Some(p) => format!("{} \u{00B7} Part {p}", s.name),
            None => s.name.clone(),
        })
        .or_else(|| meta.section.clone())
        .unwrap_or_default();
    if n > 0 {
        if !head.is_empty() {
            head.push_str(" \u{00B7} ");
        }
        head.push_str(&meta.headline);
    }
    let y = style.page.margin_top * 0.5;
    let mut items = Vec::new();
    if !head.is_empty() {
        let p = StyledParagraph::plain(&head, &role);
        sidebars::set_block(
            ctx,
            &mut items,
            &p,
            &role,
            grid.left,
            y - role.size * 0.8,
            grid.width() * 0.7,
        );
    }
    if let Some(date) = meta.date.as_deref().map(display_date) {
        let mut p = StyledParagraph::plain(&date, &role);
        p.align = Align::Right;
        p.spans[0].face.bold = false;
        sidebars::set_block(
            ctx,
            &mut items,
            &p,
            &role,
            grid.left,
            y - role.size * 0.8,
            grid.width(),
        );
    }
    items.push(Item::Rule {
        from: (grid.left, y + 4.0),
        to: (grid.right, y + 4.0),
        weight: style.furniture.rule_weight,
        colour: style.furniture.rule_colour,
    });
    let folio = format!("Page {} of {}", n + 1, total);
    let mut p = StyledParagraph::plain(&folio, &folio_role);
    p.align = if n % 2 == 0 {
        Align::Right
    } else {
        Align::Left
    };
    let fy = style.page.height - style.page.margin_bottom * 0.5;
    sidebars::set_block(
        ctx,
        &mut items,
        &p,
        &folio_role,
        grid.left,
        fy - folio_role.size * 0.8,
        grid.width(),
    );
    // The running head leads the page's text; the folio closes it.
    let (head_items, folio_items): (Vec<Item>, Vec<Item>) = {
        let split = items.len() - 1;
        let mut v = items;
        let folio = v.split_off(split);
        (v, folio)
    };
    let mut all = head_items;
    all.append(&mut page.items);
    all.extend(folio_items);
    page.items = all;
}

/// An ISO 8601 date as a reader writes it (`2026-03-14` → `14 March 2026`,
/// `--12-09` → `9 December`); other text as it is.
pub fn display_date(date: &str) -> String {
    let day = date.trim().split(['T', ' ']).next().unwrap_or("");
    let (year, rest) = match day.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => match day.split_once('-') {
            Some((y, rest)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                (Some(y), rest)
            }
            _ => return date.to_string(),
        },
    };
    let mut parts = rest.split('-');
    let month = parts.next().and_then(|m| m.parse::<usize>().ok());
    let dom = parts.next().and_then(|d| d.parse::<u32>().ok());
    match (month, dom) {
        (Some(m @ 1..=12), Some(d @ 1..=31)) => match year {
            Some(y) => format!("{d} {} {y}", MONTH_NAMES[m - 1]),
            None => format!("{d} {}", MONTH_NAMES[m - 1]),
        },
        (Some(m @ 1..=12), None) if year.is_some() => {
            format!("{} {}", MONTH_NAMES[m - 1], year.unwrap_or_default())
        }
        _ => date.to_string(),
    }
}
