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
//! 3. **Fill a short page with art.** A one-page story shorter than its page
//!    gets its lead photo deeper (cropping at most the style's share), then
//!    wider, a column at a time, never under the press's resolution.
//! 4. **Balance the last page.** Its columns end on the highest baseline
//!    that still holds the story, so it ends square, not in one long column.
//! 5. **Move hanging quotes.** A quote left with no text under it on the
//!    balanced page is lowered a little, else pinned higher up in an earlier
//!    column pair, where text runs under it.
//!
//! Every run is one [`compose`] of one [`Plan`]; runs are kept by plan, so
//! no plan is composed twice.

use std::collections::HashMap;
use std::rc::Rc;

use crate::diag::Warning;
use crate::pdf::collect::{collect, Story};
use crate::pdf::compose::{compose, Layout, Plan, Setup};
use crate::pdf::ctx::Memo;
use crate::pdf::place::{Pin, Refused, Rule};

/// How many pull quotes layout may cut from a story's end.
const MAX_QUOTES_CUT: usize = 3;

/// How far below the balanced foot a hanging quote may be lowered, in
/// baselines.
const LOWER_FOR_QUOTES: u32 = 12;

/// The search over one story: its collected forms and the runs made so far.
struct Search<'s, 'a> {
    setup: &'s Setup<'a>,
    boxed: Story<'a>,
    in_text: Story<'a>,
    runs: HashMap<Plan, Rc<Layout>>,
    memo: Memo,
}

impl Search<'_, '_> {
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
    let mut search = Search {
        setup,
        boxed: collect(setup.doc, setup.style, false),
        in_text: collect(setup.doc, setup.style, true),
        runs: HashMap::new(),
        memo: Memo::default(),
    };
    // 1. Boxes boxed, else in the text.
    let boxed = quoting(&mut search, false);
    if boxed.unplaced == 0 {
        return boxed;
    }
    let in_text = quoting(&mut search, true);
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
            name_cuts(&mut layout, &tried);
            return layout;
        }
        if layout.quotes_cut < cut {
            break;
        }
    }
    uncut
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
    let grid = search.setup.grid;
    let style = search.setup.style;
    let cols = grid.columns.len();
    let mut plan = Plan {
        columns: style.layout.lead_photo_columns as usize,
        deeper: 0,
        pins: [None, None],
        cut,
        boxes_in_text,
        balance: None,
    };
    let full = search.run(plan);
    if !full.complete() || full.overset_lines > 0 {
        let clean = full.complete() && full.hanging_quotes == 0;
        return (Rc::unwrap_or_clone(full), clean);
    }
    // 3. Art for a short page.
    if full.frames.pages.len() == 1
        && full.lead_at_limit.is_some()
        && style.layout.lead_photo_crop > 0.0
    {
        plan = fill_with_art(search, &full, plan);
    }
    // 4. The balanced last page.
    let last = full.frames.pages.len() - 1;
    let mut best = balanced(search, plan, last, true);
    // 5. Else the last quotes are pinned higher up, where text runs under
    // them, as an editor would move them.
    let hanging = |b: &Option<(Rc<Layout>, u32)>| b.as_ref().map_or(0, |(l, _)| l.hanging_quotes);
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
            let b = balanced(search, pinned, last, false);
            if b.is_some() && hanging(&b) < hanging(&best) {
                plan = pinned;
                best = b;
                break;
            }
        }
    }
    let Some((layout, foot)) = best else {
        let l = search.run(plan);
        let clean = l.complete() && l.hanging_quotes == 0;
        return (Rc::unwrap_or_clone(l), clean);
    };
    drop(search.runs.drain());
    let mut layout = Rc::unwrap_or_clone(layout);
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

/// Strategy 3: the lead photo for a one-page story is the deepest frame that
/// still lets the story fit, widened by a column at a time while the photo
/// reaches the depth its crop share allows and the page still has room.
fn fill_with_art(search: &mut Search, full: &Layout, natural: Plan) -> Plan {
    let setup = search.setup;
    let cols = setup.grid.columns.len();
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
