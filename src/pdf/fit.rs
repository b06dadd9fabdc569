//! Copy-fitting: the search over plans that makes a story sit well on its
//! pages. Each strategy is tried in this order, each on the best plan the
//! ones before it left, and each says why it is there:
//!
//! 1. **Box what can be boxed.** Fact boxes and tables are placed at a
//!    column's foot; only when one finds no room does the story run them in
//!    the text (nothing is lost, and it is said).
//! 2. **Cut no quote that has a place.** A pull quote repeats the story's
//!    words, so when the last ones find no place the placement rules allow
//!    (`place::Rule`) they are cut, one at a time from the end, as an
//!    editor would, and the warning says which rule ruled out each place.
//!    A quote the balanced page would cut is kept when a deeper last page
//!    gives it a place, pinned in an earlier column where that lets the
//!    page end higher.
//! 3. **Fill a short page with art.** A one-page story shorter than its page
//!    gets its lead photo deeper (cropping at most the style's share), then
//!    wider, a column at a time, never under the press's resolution; a
//!    placeholder is not art and keeps its size.
//! 4. **Balance the last page.** Its columns end on the highest baseline
//!    that still holds the story, so it ends square, not in one long column.
//!    A continuation page whose legs would run under the style's
//!    `min_leg_lines` takes fewer of its columns, the most that give every
//!    leg its lines, and leaves the rest open.
//! 5. **Move hanging quotes.** A quote left with no text under it on the
//!    balanced page is lowered a little, else pinned higher up in an earlier
//!    column pair, where text runs under it.
//! 6. **Jump only what a desk accepts.** A continuation page carrying fewer
//!    than the style's `min_jump_lines` is not made: the story is fitted on
//!    the pages before (its photo cropped shallower, quotes cut, within the
//!    style's limits), else what does not fit is reported overset.
//! 7. **A module for a short story.** A one-page story whose legs would run
//!    under the style's `min_leg_lines` (a brief spread a line a column)
//!    takes fewer of the hole's columns — the most that give every leg its
//!    lines — so no column of its module is empty; what the hole has left
//!    is open space.
//!
//! Every run is one [`compose`] of one [`Plan`]; runs are kept by plan, so
//! no plan is composed twice.

use std::collections::HashMap;
use std::rc::Rc;

use crate::diag::Warning;
use crate::pdf::collect::{collect, Story};
use crate::pdf::compose::{compose, Layout, Plan, Setup};
use crate::pdf::ctx::Memo;
use crate::pdf::hole;
use crate::pdf::place::{Pin, Refused, Rule};

/// How many pull quotes layout may cut from a story's end.
const MAX_QUOTES_CUT: usize = 3;

/// How far below the balanced foot a hanging quote may be lowered, in
/// baselines.
const LOWER_FOR_QUOTES: u32 = 12;

/// How far a photo may be cropped shallower, in baselines: more than any
/// crop share allows, so the photo's own limit decides.
const SHALLOWEST: u32 = 400;

/// The search over one story: its collected forms, the module it is set
/// in, whether a lead photo may be cropped shallower and quotes cut to
/// keep the story from overset, and the runs made so far.
struct Search<'s, 'a> {
    setup: &'s Setup<'a>,
    boxed: Story<'a>,
    in_text: Story<'a>,
    module: Option<usize>,
    photo_columns: usize,
    squeeze: bool,
    runs: HashMap<Plan, Rc<Layout>>,
    memo: Memo,
}

impl<'s, 'a> Search<'s, 'a> {
    /// A search over the story of `setup`, with the settings made so far.
    fn new(setup: &'s Setup<'a>, memo: Memo) -> Self {
        Search {
            setup,
            boxed: collect(setup.doc, setup.style, false),
            in_text: collect(setup.doc, setup.style, true),
            module: None,
            photo_columns: setup.style.layout.lead_photo_columns as usize,
            squeeze: false,
            runs: HashMap::new(),
            memo,
        }
    }

    /// One composition, made once per plan.
    fn run(&mut self, plan: Plan) -> Rc<Layout> {
        if let Some(hit) = self.runs.get(&plan) {
            return Rc::clone(hit);
        }
        let story = if plan.boxes_in_text {
            &self.in_text
        } else {
            &self.boxed
        };
        let (layout, memo) = compose(self.setup, story, &plan, std::mem::take(&mut self.memo));
        self.memo = memo;
        let layout = Rc::new(layout);
        self.runs.insert(plan, Rc::clone(&layout));
        layout
    }
}

/// Lays out a story by the strategies above.
pub fn fit(setup: &Setup) -> Layout {
    let mut search = Search::new(setup, Memo::default());
    let mut layout = boxing(&mut search);
    // 6. No short jump.
    let min_jump = setup.style.layout.min_jump_lines;
    let pages = layout.frames.pages.len();
    let carried = layout.frames.pages.last().map_or(0, body_lines);
    if pages > 1 && carried < min_jump {
        let tighter = Setup {
            pages: Some(pages as u32 - 1),
            ..*setup
        };
        let mut tight = Search::new(&tighter, std::mem::take(&mut search.memo));
        tight.squeeze = true;
        let mut fitted = boxing(&mut tight);
        let mut why = format!(
            "a jump of {carried} lines to page {pages} is under the style's `min_jump_lines` ({min_jump}): the story is fitted on {} pages",
            pages - 1
        );
        if fitted.overset_lines > 0 {
            why.push_str(&format!(", {} lines overset", fitted.overset_lines));
        }
        fitted.warnings.push(Warning::new(why));
        search.memo = tight.memo;
        layout = fitted;
    }
    // 7. A module of fewer columns, or a photo over fewer, for a story
    // with short legs: the widest module whose legs all hold, else the
    // one whose shortest leg is longest.
    let cols = setup.grid.columns.len();
    let min_leg = setup.style.layout.min_leg_lines;
    let lead = setup.style.layout.lead_photo_columns as usize;
    if layout.frames.pages.len() == 1 && !legs_hold(&layout, setup, cols, min_leg) {
        let mut best = (shortest_leg(&layout, setup.grid), layout);
        let candidates = (1..=cols)
            .rev()
            .flat_map(|n| (1..=lead.min(n)).rev().map(move |p| (n, p)))
            .filter(|&c| c != (cols, lead.min(cols)));
        for (n, photo) in candidates {
            search.module = (n < cols).then_some(n);
            search.photo_columns = photo;
            search.runs.clear();
            let narrow = boxing(&mut search);
            let fits = narrow.frames.pages.len() == 1
                && narrow.overset_lines == 0
                && narrow.unplaced <= best.1.unplaced;
            if !fits {
                continue;
            }
            if legs_hold(&narrow, setup, n, min_leg) {
                best = (u32::MAX, narrow);
                break;
            }
            let shortest = shortest_leg(&narrow, setup.grid);
            if shortest > best.0 {
                best = (shortest, narrow);
            }
        }
        layout = best.1;
    }
    layout
}

/// Body and subhead lines on a page.
fn body_lines(page: &crate::pdf::frame::Page) -> u32 {
    page.items.iter().filter(|i| i.role.flows()).count() as u32
}

/// Whether each of the first `n` columns of the page holds a leg of at
/// least `min` lines (a story of one leg holds whatever it has).
fn legs_hold(layout: &Layout, setup: &Setup, n: usize, min: u32) -> bool {
    let Some(page) = layout.frames.pages.last() else {
        return true;
    };
    let legs = hole::legs(page, setup.grid);
    n <= 1 || legs.iter().take(n).all(|&l| l >= min)
}

/// Strategy 1: boxes boxed, else in the text.
fn boxing(search: &mut Search) -> Layout {
    let boxed = quoting(search, false);
    if boxed.unplaced == 0 {
        return boxed;
    }
    let in_text = quoting(search, true);
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

/// Strategy 2: the story with as few of its last pull quotes cut as leaves
/// every placed object a place and no quote hanging.
fn quoting(search: &mut Search, boxes_in_text: bool) -> Layout {
    let (uncut, clean) = fitted(search, 0, boxes_in_text);
    if clean {
        return uncut;
    }
    // Where the rules refused the quotes in the best run that kept them.
    let tried = uncut.quote_refusals.clone();
    for cut in 1..=MAX_QUOTES_CUT {
        let (mut layout, clean) = fitted(search, cut, boxes_in_text);
        if clean {
            while let Some(deeper) = keep_a_quote(search, &layout) {
                layout = deeper;
            }
            name_cuts(&mut layout, &tried);
            return layout;
        }
        if layout.quotes_cut < cut {
            break;
        }
    }
    uncut
}

/// A quote cut from a balanced page may have a place when the page's
/// columns run deeper: the layout of `cut`'s plan with one quote fewer cut
/// and the shallowest foot found that places every object with no quote
/// hanging, the quote where it falls or pinned in an earlier column, if
/// one does.
fn keep_a_quote(search: &mut Search, cut: &Layout) -> Option<Layout> {
    let plan = cut.plan;
    let (last, foot) = plan.balance?;
    if plan.cut == 0 {
        return None;
    }
    let baselines = search.setup.grid.baselines();
    let keep = Plan {
        cut: plan.cut - 1,
        pins: [None, None],
        ..plan
    };
    // Every baseline near the foot, then every few down to the hole's.
    let feet = (foot + 1..=foot + LOWER_FOR_QUOTES)
        .chain((foot + LOWER_FOR_QUOTES + 3..=baselines).step_by(3))
        .filter(|&b| b <= baselines);
    let kept = |search: &mut Search, plan: Plan| {
        let l = search.run(plan);
        (l.complete()
            && l.overset_lines == 0
            && l.hanging_quotes == 0
            && l.frames.pages.len() == last + 1
            && l.quotes_cut < cut.quotes_cut)
            .then_some(l)
    };
    let (mut deep, mut layout) = feet.into_iter().find_map(|b| {
        let plan = Plan {
            balance: Some((last, b)),
            ..keep
        };
        kept(search, plan).map(|l| (b, l))
    })?;
    // Where the kept quote stands unpinned, the page may end far under
    // its text: pinned in an earlier column the quote may let the page
    // end higher, the highest foot found by bisection for each place that
    // keeps it a line higher at all (one run rules the others out).
    let all = search.setup.grid.columns.len();
    let open = plan
        .last_columns
        .unwrap_or(all)
        .min(plan.module.unwrap_or(all));
    for column in 0..open.saturating_sub(1) {
        for tenths in [2, 4, 6] {
            let pins = [Some(Pin { column, tenths }), None];
            let higher = deep - 1;
            if higher <= foot {
                break;
            }
            let plan = Plan {
                balance: Some((last, higher)),
                pins,
                ..keep
            };
            let Some(l) = kept(search, plan) else {
                continue;
            };
            (deep, layout) = (higher, l);
            let (mut lo, mut hi) = (foot + 1, higher);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let plan = Plan {
                    balance: Some((last, mid)),
                    pins,
                    ..keep
                };
                match kept(search, plan) {
                    Some(l) => {
                        (deep, layout) = (mid, l);
                        hi = mid;
                    }
                    None => lo = mid + 1,
                }
            }
        }
    }
    Some(Rc::unwrap_or_clone(layout))
}

/// Names each cut quote in a warning with the places the rules refused it
/// while it was kept, by page and columns, and the rules that did.
fn name_cuts(layout: &mut Layout, tried: &[Refused]) {
    for (id, opening) in &layout.cut_quotes {
        let mut places: Vec<((usize, usize, usize), Vec<Rule>)> = Vec::new();
        for r in tried.iter().filter(|r| r.id == *id) {
            let key = (r.page, r.column, r.columns);
            match places.iter_mut().find(|(k, _)| *k == key) {
                Some((_, rules)) => rules.extend(&r.rules),
                None => places.push((key, r.rules.clone())),
            }
        }
        places.sort_by_key(|(k, _)| *k);
        let said: Vec<String> = places
            .iter_mut()
            .map(|((page, column, columns), rules)| {
                let (page, column, columns) = (*page, *column, *columns);
                rules.sort();
                rules.dedup();
                let says: Vec<&str> = rules.iter().map(|r| r.says()).collect();
                let where_ = if columns == 2 {
                    format!("columns {}\u{2013}{}", column + 1, column + 2)
                } else {
                    format!("column {}", column + 1)
                };
                format!("page {}, {where_}: {}", page + 1, says.join(", "))
            })
            .collect();
        let why = if said.is_empty() {
            "no page had room for it".to_string()
        } else {
            said.join("; ")
        };
        layout.warnings.push(Warning::new(format!(
            "pull quote \u{201C}{opening}\u{201D} cut: no allowed place ({why})"
        )));
    }
}

/// Strategies 3–5 for a plan with `cut` quotes cut; also says whether every placed
/// object found a place and no quote hangs.
fn fitted(search: &mut Search, cut: usize, boxes_in_text: bool) -> (Layout, bool) {
    let style = search.setup.style;
    let all = search.setup.grid.columns.len();
    let cols = search.module.map_or(all, |n| n.clamp(1, all));
    let mut plan = Plan {
        module: search.module,
        columns: search.photo_columns,
        deeper: 0,
        shallower: 0,
        pins: [None, None],
        cut,
        boxes_in_text,
        balance: None,
        last_columns: None,
    };
    let mut full = search.run(plan);
    if search.squeeze && full.overset_lines > 0 && full.lead_ppi.is_some() {
        if let Some(shallower) = shallowest_that_fits(search, plan) {
            plan.shallower = shallower;
            full = search.run(plan);
        }
    }
    if !full.complete() || full.overset_lines > 0 {
        let clean = full.complete() && full.hanging_quotes == 0 && !search.squeeze;
        return (Rc::unwrap_or_clone(full), clean);
    }
    // 3. Art for a short page: a photo, never a placeholder, made larger.
    if full.frames.pages.len() == 1
        && full.lead_ppi.is_some()
        && plan.shallower == 0
        && style.layout.lead_photo_crop > 0.0
    {
        plan = fill_with_art(search, &full, plan);
    }
    // 4. The balanced last page.
    let last = full.frames.pages.len() - 1;
    let mut best = balanced(search, plan, last, true);
    // 4b. A continuation whose legs run short takes fewer columns.
    if last > 0 {
        if let Some((plan_k, best_k)) = fewer_last_columns(search, plan, last, cols, &best) {
            plan = plan_k;
            best = Some(best_k);
        }
    }
    // 5. Else the last quotes are pinned higher up, where text runs under
    // them, as an editor would move them.
    let hanging = |b: &Option<(Rc<Layout>, u32)>| b.as_ref().map_or(0, |(l, _)| l.hanging_quotes);
    for slot in 0..plan.pins.len() {
        if hanging(&best) == 0 {
            break;
        }
        let open = plan.last_columns.unwrap_or(cols).min(cols);
        let pins = (0..open.saturating_sub(1))
            .rev()
            .flat_map(|column| [4, 2].map(|tenths| Pin { column, tenths }));
        for pin in pins {
            let mut pinned = plan;
            pinned.pins[slot] = Some(pin);
            let b = balanced(search, pinned, last, false);
            if b.is_some() && hanging(&b) < hanging(&best) {
                plan = pinned;
                best = b;
                break;
            }
        }
    }
    let Some((layout, _)) = best else {
        let l = search.run(plan);
        let clean = l.complete() && l.hanging_quotes == 0;
        return (Rc::unwrap_or_clone(l), clean);
    };
    drop(search.runs.drain());
    let layout = Rc::unwrap_or_clone(layout);
    let clean = layout.hanging_quotes == 0;
    (layout, clean)
}

/// Strategy 4b: when the balanced continuation page of `plan` has a leg
/// under the style's `min_leg_lines`, the plan whose text on that page
/// takes the most of its first columns that give every leg its lines
/// (else the one with the longest shortest leg, if longer than now), with
/// its balanced layout.
fn fewer_last_columns(
    search: &mut Search,
    plan: Plan,
    last: usize,
    cols: usize,
    now: &Option<(Rc<Layout>, u32)>,
) -> Option<(Plan, (Rc<Layout>, u32))> {
    let setup = search.setup;
    let min_leg = setup.style.layout.min_leg_lines;
    let (layout, _) = now.as_ref()?;
    if legs_hold(layout, setup, cols, min_leg) {
        return None;
    }
    let mut longest = shortest_leg(layout, setup.grid);
    let mut chosen = None;
    for k in (1..cols).rev() {
        let narrow = Plan {
            last_columns: Some(k),
            ..plan
        };
        let Some(b) = balanced(search, narrow, last, true) else {
            continue;
        };
        if b.0.hanging_quotes > layout.hanging_quotes {
            continue;
        }
        if legs_hold(&b.0, setup, k, min_leg) {
            return Some((narrow, b));
        }
        let shortest = shortest_leg(&b.0, setup.grid);
        if shortest > longest {
            longest = shortest;
            chosen = Some((narrow, b));
        }
    }
    chosen
}

/// The fewest baselines the lead photo must be cropped shallower by for
/// the plan to leave nothing overset, if cropping as far as the style
/// allows does (found by bisection).
fn shallowest_that_fits(search: &mut Search, plan: Plan) -> Option<u32> {
    let mut fits = |shallower: u32| {
        let l = search.run(Plan { shallower, ..plan });
        l.overset_lines == 0 && l.complete()
    };
    if !fits(SHALLOWEST) {
        return None;
    }
    let (mut lo, mut hi) = (1u32, SHALLOWEST);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

/// The plan's layout with page `last` balanced at the highest foot that
/// still holds the story, and that foot. With `lower_for_quotes`, a quote
/// left hanging under a short last column is given a few baselines more,
/// where text may run under it again.
fn balanced(
    search: &mut Search,
    plan: Plan,
    last: usize,
    lower_for_quotes: bool,
) -> Option<(Rc<Layout>, u32)> {
    let baselines = search.setup.grid.baselines();
    let mut fits = |b: u32| {
        let l = search.run(Plan {
            balance: Some((last, b)),
            ..plan
        });
        (l.complete() && l.overset_lines == 0 && l.frames.pages.len() == last + 1).then_some(l)
    };
    // The highest foot that still holds the story, found by bisection.
    let (mut lo, mut hi) = (1u32, baselines);
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
    if lower_for_quotes && best.as_ref().is_some_and(|(l, _)| l.hanging_quotes > 0) {
        for b in lo + 1..(lo + LOWER_FOR_QUOTES).min(baselines + 1) {
            if let Some(l) = fits(b).filter(|l| l.hanging_quotes == 0) {
                return Some((l, b));
            }
        }
    }
    best
}

/// The shortest leg of a layout's last page in `grid`'s columns (columns
/// under nothing but a placed object count as no leg).
fn shortest_leg(layout: &Layout, grid: &crate::pdf::grid::Grid) -> u32 {
    layout
        .frames
        .pages
        .last()
        .map(|p| hole::legs(p, grid).into_iter().filter(|&l| l > 0).min())
        .unwrap_or_default()
        .unwrap_or(0)
}

/// Strategy 3: the lead photo for a one-page story is the deepest frame that
/// still lets the story fit, widened by a column at a time while the photo
/// reaches the depth its crop share allows and the page still has room.
fn fill_with_art(search: &mut Search, full: &Layout, natural: Plan) -> Plan {
    let setup = search.setup;
    let cols = natural.module.unwrap_or(setup.grid.columns.len());
    let baselines = setup.grid.baselines();
    // Enlarging the photo may not take it under the press's resolution.
    let min_ppi = full
        .lead_ppi
        .map_or(0.0, |p| p.min(setup.style.layout.min_ppi));
    let mut one_page = |plan: Plan| {
        let l = search.run(plan);
        let sharp = l.lead_ppi.is_none_or(|p| p >= min_ppi);
        // Nor leave a pull quote with no room but under the story's end.
        let quotes_kept = l.hanging_quotes <= full.hanging_quotes;
        (l.complete() && sharp && quotes_kept && l.overset_lines == 0 && l.frames.pages.len() == 1)
            .then_some(l)
    };
    let mut chosen = natural;
    for columns in natural.columns..=cols {
        let wide = Plan {
            columns,
            deeper: 0,
            ..natural
        };
        let Some(start) = one_page(wide) else {
            break;
        };
        let mut at_limit = start.lead_at_limit == Some(true);
        let (mut lo, mut hi) = (0u32, baselines);
        while lo < hi && !at_limit {
            let mid = (lo + hi).div_ceil(2);
            match one_page(Plan {
                deeper: mid,
                ..wide
            }) {
                Some(l) => {
                    lo = mid;
                    at_limit = l.lead_at_limit == Some(true);
                }
                None => hi = mid - 1,
            }
        }
        chosen = Plan { deeper: lo, ..wide };
        if !at_limit {
            break;
        }
    }
    chosen
}
