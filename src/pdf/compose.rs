//! Phase 2: one composition run for one plan. The head and the lead photo
//! on the first page, the text distributed into the columns (pages made as
//! it needs them), then jump lines, running heads and folios, and what the
//! run found: overset, loose lines, hanging pull quotes, objects left over.

use crate::backend::Document;
use crate::model::plain_text;
use crate::pdf::collect::Quote;
use crate::pdf::collect::{Flowing, Placed, Story};
use crate::pdf::ctx::{Ctx, ImageReport, Memo};
use crate::pdf::distribute::Distributor;
use crate::pdf::flow::{Balance, PageSlots};
use crate::pdf::frame::{Frames, Page, Role};
use crate::pdf::grid::Grid;
use crate::pdf::images::Media;
use crate::pdf::place::{self, Fixed, Pin, Pinned, QuoteLog, Refused};
use crate::pdf::setter::LineSetter;
use crate::pdf::{furniture, head};
use crate::style::Style;

/// Pages a story may take when no news hole is given.
pub const MAX_PAGES: usize = 24;

/// Choices one composition run is made with: how many of the hole's
/// columns the story's module takes, the lead photo over how many columns
/// and how many baselines deeper (or shallower) than its own proportions,
/// where on the balanced page the story's last pull quotes are pinned (the
/// last first), how many of the last quotes are cut, and whether fact boxes
/// and tables run in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Plan {
    /// The first columns of the hole the story takes (`None`: all of them).
    pub module: Option<usize>,
    /// Columns the lead photo spans.
    pub columns: usize,
    /// Baselines deeper than the photo's proportions.
    pub deeper: u32,
    /// Baselines shallower than the photo's proportions (cropped, within
    /// the style's share), to keep a story from a short jump.
    pub shallower: u32,
    /// Where the last pull quotes are pinned on the balanced page.
    pub pins: [Option<Pin>; 2],
    /// How many of the last pull quotes are cut.
    pub cut: usize,
    /// Whether fact boxes and tables run in the text.
    pub boxes_in_text: bool,
    /// The page whose columns end on one baseline, and that baseline.
    pub balance: Option<(usize, u32)>,
    /// Columns the balanced page's text uses (`None`: all of them).
    pub last_columns: Option<usize>,
}

/// A laid-out story.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The pages (without marks and slug).
    pub frames: Frames,
    /// What layout and line setting noticed.
    pub warnings: Vec<crate::diag::Warning>,
    /// Body lines that did not fit in the pages allowed.
    pub overset_lines: u32,
    /// Body lines stretched past the line setter's tolerance.
    pub loose_lines: u32,
    /// Images as placed.
    pub images: Vec<ImageReport>,
    /// Pull quotes whose place breaks a placement rule once the text is
    /// set (no text under them, a hyphen across them, beside their source:
    /// [`place::Rule`]); the search moves or cuts them.
    pub hanging_quotes: u32,
    /// Empty grid lines inside the hole (set once the search has chosen).
    pub short_lines: u32,
    /// The hole and how the story fills it (set once the search has chosen).
    pub fit: Option<crate::pdf::hole::Fit>,
    /// Whether the lead photo's frame is as deep as its crop share allows
    /// (`None`: no lead photo).
    pub lead_at_limit: Option<bool>,
    /// The lead photo's effective resolution as placed (`None`: no photo).
    pub lead_ppi: Option<f32>,
    /// Pull quotes cut from the story's end for want of a good place.
    pub quotes_cut: usize,
    /// The cut quotes: id and opening words.
    pub cut_quotes: Vec<(usize, String)>,
    /// Places the rules refused pull quotes in this run, and why.
    pub quote_refusals: Vec<Refused>,
    /// Placed objects that found no place.
    pub unplaced: usize,
    /// The plan the layout was made by.
    pub plan: Plan,
}

impl Layout {
    /// Whether every placed object found a place.
    pub fn complete(&self) -> bool {
        self.unplaced == 0
    }
}

/// What every run of one story shares.
pub struct Setup<'a> {
    /// The article.
    pub doc: &'a Document,
    /// The style.
    pub style: &'a Style,
    /// Line setting.
    pub setter: &'a dyn LineSetter,
    /// The grid.
    pub grid: &'a Grid,
    /// The images, prepared once.
    pub media: &'a Media,
    /// Pages allowed (`None`: as many as the story needs, up to [`MAX_PAGES`]).
    pub pages: Option<u32>,
}

/// One run: `story` laid out by `plan`, with the settings of earlier runs;
/// gives them back with this run's added.
pub fn compose(setup: &Setup, story: &Story, plan: &Plan, memo: Memo) -> (Layout, Memo) {
    let Setup { doc, style, .. } = *setup;
    // A module is a grid of its own: the photo and the legs stay inside
    // its columns, under the head.
    let module = plan.module.map(|n| setup.grid.narrowed(n));
    let grid = module.as_ref().unwrap_or(setup.grid);
    let language = doc.article.meta.language.as_deref();
    let mut ctx = Ctx::new(style, setup.setter, grid, language, setup.media, memo);

    // The last `cut` pull quotes are left out, and the pinned ones leave the
    // flow, to be placed on the balanced page.
    let quotes = story.quotes();
    let cut: Vec<usize> = quotes.iter().rev().take(plan.cut).copied().collect();
    let quotes_cut = cut.len();
    let cut_quotes = cut
        .iter()
        .filter_map(|&i| match &story.flowing[i] {
            Flowing::Quote(q) => Some((q.id, opening(&plain_text(q.content)))),
            _ => None,
        })
        .collect();
    let mut left_out = cut.clone();
    let mut pinned: Pinned = Vec::new();
    if let Some((page, _)) = plan.balance {
        let kept = quotes.iter().rev().filter(|i| !cut.contains(i));
        for (pin, &i) in plan.pins.iter().zip(kept) {
            if let (Some(pin), Flowing::Quote(q)) = (pin, &story.flowing[i]) {
                pinned.push((page, *pin, *q));
                left_out.push(i);
            }
        }
    }

    // Page 1: the head across the module's columns (the hole's when the
    // story takes it all), then the lead photo: what the module leaves of
    // the hole is open space down its whole depth.
    let mut first = Page::default();
    let y = head::head(&mut ctx, &mut first, doc);
    let body_top = grid.first_at_or_below(y + 6.0);
    if body_top + 3 >= grid.baselines() {
        ctx.warn("the headline and deck fill the first page: no room for the body".to_string());
    }
    let mut slots = PageSlots::new(grid, body_top);
    let mut queue: Vec<Placed> = Vec::new();
    let mut lead = None;
    for p in &story.placed {
        match p {
            Placed::Figure(fig) if lead.is_none() => {
                let deeper = (plan.deeper as f32 - plan.shallower as f32) * grid.baseline;
                // A placeholder keeps the standard lead photo's width.
                let columns = if is_missing(setup.media, fig) {
                    plan.columns.min(style.layout.lead_photo_columns as usize)
                } else {
                    plan.columns
                };
                let (page, slots) = (&mut first, &mut slots);
                lead = Some(place::lead_photo(
                    &mut ctx, page, slots, fig, columns, deeper,
                ));
            }
            other => queue.push(*other),
        }
    }

    let limit = setup.pages.map_or(MAX_PAGES, |n| (n as usize).max(1));
    let first = Distribution {
        first: (first, slots),
        limit,
        queue,
        pinned,
    };
    let (mut frames, jump_in, found) = distribute(&mut ctx, story, plan, &left_out, first);
    let Found {
        overset,
        unplaced,
        tried,
        faults,
    } = found;

    furniture::jump_lines(&mut ctx, &mut frames, &jump_in, doc);
    let total = frames.len();
    for (n, page) in frames.iter_mut().enumerate() {
        furniture::running_head(&mut ctx, page, doc, n, total);
    }
    if overset > 0 {
        ctx.warn(format!("{overset} lines overset"));
    }
    // Every body line on the pages past the tolerance, counted where it was
    // set (lines overset are not on the page).
    let loose = frames
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| i.role == Role::Body)
        .filter_map(|i| i.line())
        .filter(|l| ctx.setter.is_loose(l))
        .count() as u32;
    if loose > 0 {
        ctx.warn(format!(
            "{loose} body lines set looser than the justification tolerance"
        ));
    }
    if unplaced > 0 {
        ctx.warn(format!("{unplaced} placed objects did not fit"));
    }
    for f in &faults {
        let rules: Vec<&str> = f.rules.iter().map(|r| r.says()).collect();
        ctx.warn(format!(
            "pull quote \u{201C}{}\u{201D} on page {} breaks the placement rules: {}",
            quote_opening(story, f.id),
            f.page + 1,
            rules.join(", ")
        ));
    }
    let hanging_quotes = faults.len() as u32;
    let mut quote_refusals = tried;
    quote_refusals.extend(faults);
    let layout = Layout {
        hanging_quotes,
        lead_at_limit: lead.as_ref().map(|l| l.at_limit),
        lead_ppi: lead.and_then(|l| l.ppi),
        quotes_cut,
        cut_quotes,
        quote_refusals,
        unplaced,
        plan: *plan,
        short_lines: 0,
        fit: None,
        frames: Frames {
            pages: frames,
            images: ctx.image_data,
        },
        warnings: ctx.warnings,
        overset_lines: overset,
        loose_lines: loose,
        images: ctx.images,
    };
    (layout, ctx.memo)
}

/// Whether a figure's image is missing (a placeholder is drawn for it).
fn is_missing(media: &Media, fig: &crate::pdf::collect::FigureSpec) -> bool {
    fig.src
        .and_then(|src| media.get(src))
        .is_none_or(|image| image.is_err())
}

/// How many times a run is made again when the set text shows a pull
/// quote's place to break a rule.
const QUOTE_RETRIES: usize = 3;

/// What distribution starts from: the first page with its head and lead
/// photo, the pages allowed, the objects to place and the pinned quotes.
struct Distribution<'a> {
    first: (Page, PageSlots),
    limit: usize,
    queue: Vec<Placed<'a>>,
    pinned: Pinned<'a>,
}

/// What distribution found.
struct Found {
    overset: u32,
    unplaced: usize,
    tried: Vec<Refused>,
    faults: Vec<Refused>,
}

/// The text distributed into pages. A pull quote whose place the set text
/// shows to break a rule (a hyphen across it, its source beside it…) has
/// the place refused, and the text is distributed again from the same
/// start, a few times at most; the faults left are returned.
fn distribute<'a>(
    ctx: &mut Ctx<'a>,
    story: &Story<'a>,
    plan: &Plan,
    left_out: &[usize],
    start: Distribution<'a>,
) -> (Vec<Page>, Vec<u32>, Found) {
    let mark = ctx.mark();
    let mut refused = Vec::new();
    let mut fixed: Vec<Fixed<'a>> = Vec::new();
    let mut tried = Vec::new();
    for attempt in 0.. {
        let log = QuoteLog {
            refused: std::mem::take(&mut refused),
            fixed: fixed.clone(),
            ..QuoteLog::default()
        };
        let first = (start.first.0.clone(), start.first.1.clone());
        let (queue, pinned) = (start.queue.clone(), start.pinned.clone());
        let balance = plan.balance.map(|(page, foot)| Balance {
            page,
            foot,
            columns: plan.last_columns.unwrap_or(usize::MAX),
        });
        let mut d = Distributor::new(ctx, first, start.limit, balance, queue, pinned, log);
        d.run(&story.flowing, left_out);
        let jump_in: Vec<u32> = d
            .flow
            .pages
            .iter()
            .map(|p| p.jump_in.unwrap_or(0))
            .collect();
        let frames = std::mem::take(&mut d.frames);
        let overset = d.overset;
        let unplaced = d.queue.len() + d.pinned.len();
        let mut lost: Vec<Quote<'a>> = d.pinned.iter().map(|(_, _, q)| *q).collect();
        lost.extend(d.queue.iter().filter_map(|p| match p {
            Placed::Quote(q) => Some(*q),
            _ => None,
        }));
        let mut quotes = std::mem::take(&mut d.quotes);
        drop(d);
        let faults: Vec<Refused> = quotes
            .placed
            .iter()
            .filter_map(|q| {
                let rules = place::rules_after(ctx.grid, ctx.setter, &frames, q);
                (!rules.is_empty()).then(|| Refused::of(q, rules))
            })
            .collect();
        tried.append(&mut quotes.tried);
        // A balanced page that does not hold the story is refused by the
        // search whatever its quotes do: no remake for it.
        let refused_anyway = plan.balance.is_some() && overset > 0;
        let done = (faults.is_empty() && lost.is_empty()) || refused_anyway;
        if !done && attempt < QUOTE_RETRIES {
            refused = std::mem::take(&mut quotes.refused);
            refused.extend(faults.iter().cloned());
            let before = fixed.len();
            fixed.retain(|f| !faults.iter().any(|r| r.id == f.quote.id));
            let moved = move_quotes(
                ctx,
                story,
                &frames,
                (&quotes.placed, &refused),
                &faults,
                &lost,
            );
            let changed = !moved.is_empty() || fixed.len() != before;
            fixed.extend(moved);
            // Refusing the faulty places alone lets the flow try others.
            if changed || !faults.is_empty() {
                ctx.rewind(mark);
                continue;
            }
        }
        let found = Found {
            overset,
            unplaced,
            tried,
            faults,
        };
        return (frames, jump_in, found);
    }
    unreachable!("the loop returns on its last attempt")
}

/// New places, found on a run's set text, for the quotes that broke a rule
/// there (`faults`) or found no place (`lost`): each nearest where it was,
/// or where the text after it begins.
fn move_quotes<'a>(
    ctx: &mut Ctx<'a>,
    story: &Story<'a>,
    frames: &[Page],
    (placed, refused): (&[place::QuotePlace], &[Refused]),
    faults: &[Refused],
    lost: &[Quote<'a>],
) -> Vec<Fixed<'a>> {
    let mut log = QuoteLog {
        placed: placed
            .iter()
            .filter(|q| !faults.iter().any(|f| f.id == q.id))
            .copied()
            .collect(),
        refused: refused.to_vec(),
        ..QuoteLog::default()
    };
    let quote_of = |id: usize| {
        story.flowing.iter().find_map(|f| match f {
            Flowing::Quote(q) if q.id == id => Some(*q),
            _ => None,
        })
    };
    // Each quote, and where it was (page, column, baseline) if placed.
    type Wanted<'q> = (Quote<'q>, Option<(usize, usize, u32)>);
    let mut wanted: Vec<Wanted<'a>> = faults
        .iter()
        .filter_map(|f| Some((quote_of(f.id)?, Some((f.page, f.column, f.k)))))
        .collect();
    wanted.extend(lost.iter().map(|q| (*q, None)));
    let mut moved = Vec::new();
    for (quote, at) in wanted {
        let near = at
            .or_else(|| place::text_after(ctx.grid, frames, quote.block))
            .unwrap_or((0, 0, 0));
        if let Some(f) = place::place_on_set_text(ctx, frames, &log, &quote, near) {
            log.placed.push(place::QuotePlace {
                page: f.page,
                column: f.column,
                columns: f.columns,
                k: f.k,
                area: f.area,
                block: quote.block,
                id: quote.id,
                sources: quote.sources,
            });
            moved.push(f);
        }
    }
    moved
}

/// The opening words of a pull quote, by its id.
fn quote_opening(story: &Story, id: usize) -> String {
    story
        .flowing
        .iter()
        .find_map(|f| match f {
            Flowing::Quote(q) if q.id == id => Some(opening(&plain_text(q.content))),
            _ => None,
        })
        .unwrap_or_default()
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
