//! Phase 3 of a composition: the flowing text into baseline slots, page by
//! page. Subheads keep with what follows, paragraphs split between columns
//! where [`choose_split`] says (no widows or orphans), lines that find no
//! slot are overset. When the text runs past the last page made, the flow
//! says [`Step::NeedsPage`] and the distributor makes one (its sidebars,
//! pinned quotes and jump-line baselines), then goes on: no callback.

use std::rc::Rc;

use crate::pdf::collect::{Flowing, Placed, Quote};
use crate::pdf::ctx::Ctx;
use crate::pdf::flow::{Balance, Cursor, Flow, PageSlots, Slot, Step};
use crate::pdf::frame::{Item, Page, Point, Role, Shape, Source};
use crate::pdf::furniture;
use crate::pdf::place::{self, Pinned, QuoteLog};
use crate::pdf::setter::{SetLines, StyledParagraph};
use crate::typeset::split::{choose_split, SplitRules};

/// A line stranded at a column's foot or head costs more than the empty lines
/// that avoid it; a word hyphenated across columns is allowed, since a hole at a
/// column's foot is worse in a newspaper column.
const SPLIT_RULES: SplitRules = SplitRules {
    orphan: 1_000_000,
    widow: 1_000_000,
    empty_line: 100,
    hyphen: 0,
};

/// Most slots asked for at once: more than any column holds.
const PEEK: usize = 400;

/// The pages of one composition as the text fills them.
pub struct Distributor<'c, 'a> {
    /// The run's context.
    pub ctx: &'c mut Ctx<'a>,
    /// The slots of the pages made.
    pub flow: Flow<'a>,
    /// The items of the pages made.
    pub frames: Vec<Page>,
    /// Placed objects waiting for a page.
    pub queue: Vec<Placed<'a>>,
    /// Pull quotes pinned to a page.
    pub pinned: Pinned<'a>,
    /// Where pull quotes went, and the places refused them.
    pub quotes: QuoteLog<'a>,
    /// The page whose columns end on one baseline.
    balance: Option<Balance>,
    /// Body lines that found no slot.
    pub overset: u32,
    cursor: Option<Cursor>,
    after_last: Option<Cursor>,
}

impl<'c, 'a> Distributor<'c, 'a> {
    /// A distributor over the first page (already holding the head and lead
    /// photo) and its slots, with at most `limit` pages.
    pub fn new(
        ctx: &'c mut Ctx<'a>,
        first: (Page, PageSlots),
        limit: usize,
        balance: Option<Balance>,
        queue: Vec<Placed<'a>>,
        pinned: Pinned<'a>,
        quotes: QuoteLog<'a>,
    ) -> Self {
        let (mut page, mut slots) = first;
        let grid = ctx.grid;
        let mut d = Distributor {
            ctx,
            flow: Flow::new(grid, PageSlots::new(grid, 0), limit),
            frames: Vec::new(),
            queue,
            pinned,
            quotes,
            balance,
            overset: 0,
            cursor: None,
            after_last: None,
        };
        d.furnish(0, &mut page, &mut slots);
        d.flow.pages[0] = slots;
        d.frames.push(page);
        d.cursor = Some(Cursor {
            page: 0,
            column: 0,
            k: d.flow.pages[0].start[0],
        });
        d
    }

    /// Whether page `n` needs a jump line: not the last page allowed, and
    /// not the balanced page, which is the last.
    fn jumps(&self, n: usize) -> bool {
        n + 1 < self.flow.limit && self.balance.is_none_or(|b| b.page != n)
    }

    /// What every page gets before the text flows: the balanced foot, the
    /// jump line's baseline, the sidebars that fit, the quotes pinned to it.
    fn furnish(&mut self, n: usize, page: &mut Page, slots: &mut PageSlots) {
        if let Some(b) = self.balance.filter(|b| b.page == n) {
            b.apply(slots);
        }
        let last_col = self.ctx.grid.columns.len() - 1;
        if self.jumps(n) {
            furniture::reserve_jump(slots, last_col);
        }
        let log = &mut self.quotes;
        place::fixed_quotes(self.ctx, log, page, slots, n);
        place::sidebars_on(self.ctx, log, page, slots, n, &mut self.queue);
        place::pinned_quotes(
            self.ctx,
            log,
            page,
            slots,
            n,
            &mut self.pinned,
            &mut self.queue,
        );
    }

    /// Makes the next page, as the flow asked.
    fn add_page(&mut self) {
        let n = self.flow.pages.len();
        let mut page = Page::default();
        let mut slots = PageSlots::new(self.ctx.grid, 0);
        self.furnish(n, &mut page, &mut slots);
        // The first line of a continued page says where the story came from.
        furniture::reserve_jump_in(&mut slots);
        self.flow.pages.push(slots);
        self.frames.push(page);
    }

    /// The position after `c`, making a page if the text runs past the last
    /// one and `grow` allows.
    fn step(&mut self, c: Cursor, grow: bool) -> Option<Cursor> {
        loop {
            match self.flow.step(c) {
                Step::At(next) => return Some(next),
                Step::NeedsPage if grow => self.add_page(),
                Step::NeedsPage | Step::End => return None,
            }
        }
    }

    /// Up to `n` slots from `from` on, without using them, past `skipped`.
    fn peek(
        &mut self,
        from: Cursor,
        n: usize,
        skipped: &[Cursor],
        grow: bool,
    ) -> Vec<(Cursor, Slot)> {
        let n = n + skipped.len();
        let mut out = Vec::new();
        let mut c = Some(from);
        // A column has at most a few hundred baselines; the bound keeps a
        // page with no usable slot from looping.
        let mut guard = 0usize;
        while let Some(cur) = c {
            if out.len() >= n || guard > 100_000 {
                break;
            }
            guard += 1;
            if let Some(slot) = self.flow.slot_at(cur) {
                out.push((cur, slot));
            }
            c = self.step(cur, grow);
        }
        out.retain(|(k, _)| !skipped.contains(k));
        out
    }

    /// Lines a paragraph takes at the column width, for overset counts.
    fn count_lines(&mut self, para: &StyledParagraph) -> u32 {
        let width = self.ctx.grid.columns[0].1;
        self.ctx.try_set(para, &[width]).lines.len() as u32
    }

    /// Distributes the flowing text, in order, skipping `left_out` (by index).
    pub fn run(&mut self, flowing: &[Flowing<'a>], left_out: &[usize]) {
        for (i, f) in flowing.iter().enumerate() {
            if left_out.contains(&i) {
                continue;
            }
            match f {
                Flowing::Quote(quote) => self.quote(quote),
                Flowing::Para(p, block) => self.paragraph(p, *block, false),
                Flowing::Subhead(p, block) => self.paragraph(p, *block, true),
            }
        }
    }

    /// A pull quote just below the last line set; no page is added for it.
    /// One with no room waits for the next page made, if any.
    fn quote(&mut self, quote: &Quote<'a>) {
        // A quote fixed before the text flowed is in place already.
        if self.quotes.placed.iter().any(|q| q.id == quote.id) {
            return;
        }
        let here = self
            .after_last
            .map(|l| Cursor { k: l.k + 1, ..l })
            .or(self.cursor);
        let placed = here.is_some_and(|c| {
            let (Some(slots), Some(page)) =
                (self.flow.pages.get_mut(c.page), self.frames.get_mut(c.page))
            else {
                return false;
            };
            place::quote_in_flow(self.ctx, &mut self.quotes, slots, page, c, quote)
        });
        if !placed {
            self.queue.push(Placed::Quote(*quote));
        }
    }

    /// Moves a subhead's start to where it and two lines of what follows sit
    /// on consecutive baselines of one column, not split by a column foot or
    /// a placed object; a blank line above unless at a column's head.
    fn keep_with_next(&mut self, c: Cursor, lines: usize) -> Option<Cursor> {
        let at_top = c.k == self.flow.pages[c.page].start[c.column];
        let mut cursor = if at_top { Some(c) } else { self.step(c, true) };
        let need = lines + 2;
        let mut guard = 0;
        while let Some(here) = cursor {
            guard += 1;
            if guard > 200 {
                break;
            }
            let ahead = self.peek(here, need, &[], true);
            let gap = ahead.windows(2).position(|w| {
                w[1].0.column != w[0].0.column
                    || w[1].0.page != w[0].0.page
                    || w[1].0.k != w[0].0.k + 1
            });
            match (gap, ahead.len() == need) {
                (None, true) => return ahead.first().map(|a| a.0),
                (Some(i), _) => cursor = Some(ahead[i + 1].0),
                (None, false) => cursor = None,
            }
        }
        cursor
    }

    /// Sets a paragraph into the slots ahead, telling the engine where the
    /// text jumps over a placed object or to another page (a hyphen at a
    /// column's foot is the newspaper's usual and stays allowed).
    fn set_in(&mut self, para: &StyledParagraph, ahead: &[(Cursor, Slot)]) -> Rc<SetLines> {
        let widths: Vec<f32> = ahead.iter().map(|(_, s)| s.width).collect();
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
        self.ctx.try_set(&para, &widths)
    }

    /// A paragraph or subhead into the slots from the cursor on.
    fn paragraph(&mut self, para: &StyledParagraph, block: usize, subhead: bool) {
        // Step past the last line only now, so that a page is added only
        // when text follows.
        if let Some(last) = self.after_last.take() {
            self.cursor = self.step(last, true);
        }
        let Some(mut c) = self.cursor else {
            self.overset += self.count_lines(para);
            return;
        };
        if subhead {
            let n = self.count_lines(para) as usize;
            match self.keep_with_next(c, n) {
                Some(next) => c = next,
                None => {
                    self.cursor = None;
                    self.overset += n as u32;
                    return;
                }
            }
        }
        // Slots left empty so that no line is stranded at a column's foot or head.
        let mut skipped: Vec<Cursor> = Vec::new();
        // Slots on the pages made so far first; more pages only when the
        // paragraph runs past them.
        let mut ahead = self.peek(c, PEEK, &skipped, false);
        let mut set = if ahead.is_empty() {
            Rc::new(SetLines::default())
        } else {
            self.set_in(para, &ahead)
        };
        // Add pages for as many lines as the paragraph needs, no more.
        let mut tries = 0;
        while (set.lines.len() > ahead.len() || ahead.is_empty()) && tries < 4 {
            tries += 1;
            let want = set.lines.len().max(1) + tries;
            let more = self.peek(c, want, &skipped, true);
            if more.len() <= ahead.len() {
                break;
            }
            ahead = more;
            set = self.set_in(para, &ahead);
        }
        if ahead.is_empty() {
            self.overset += self.count_lines(para);
            self.cursor = None;
            return;
        }
        // Where the paragraph runs from one column into the next, the split
        // is chosen by cost (typeset::split): first where it leaves its first
        // column, then where it enters its last.
        let split = |a: &(Cursor, Slot), b: &(Cursor, Slot)| {
            a.0.page != b.0.page || a.0.column != b.0.column
        };
        let first = ahead[0].0;
        let column_empty = first.k == self.flow.pages[first.page].start[first.column];
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
            ahead = self.peek(c, want, &skipped, true);
            set = self.set_in(para, &ahead);
        }
        self.ctx.keep_warnings(set.warnings.clone());
        let lines = set.lines.clone();
        let used = lines.len().min(ahead.len());
        self.overset += (lines.len() - used) as u32;
        let role = if subhead {
            &self.ctx.style.roles.subhead
        } else {
            &self.ctx.style.roles.body
        };
        let (item_role, colour) = (
            if subhead { Role::Subhead } else { Role::Body },
            role.colour,
        );
        for (line, (_, slot)) in lines.into_iter().zip(&ahead) {
            let at = Point::new(slot.x, self.ctx.grid.baseline_y(slot.k));
            self.frames[slot.page].items.push(Item::new(
                item_role,
                Source::Block(block),
                Shape::Text { at, line, colour },
            ));
        }
        if used == 0 {
            self.cursor = Some(c);
        } else if used < ahead.len() {
            self.cursor = Some(ahead[used].0);
        } else {
            self.after_last = Some(ahead[used - 1].0);
        }
    }
}
