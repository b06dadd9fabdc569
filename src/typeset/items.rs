//! Boxes, glue and penalties (Knuth and Plass, 1981) from a paragraph's
//! shaped words: what the line breaker sees.

use super::fonts::FontBook;
use super::hyphenate::{hyphenation_points, is_address};
use super::paragraph::{Paragraph, LINE_BREAK};
use super::shape::ShapeCache;
use super::typography::{is_title, opens_after, MINUS, NBSP};
use super::{Alignment, Settings};

/// A penalty of this size or more forbids a break; its negative forces one.
pub(crate) const INFINITE_PENALTY: f32 = 10_000.0;

/// What a break at a penalty means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BreakKind {
    /// A hyphenation point: a hyphen is inserted (hyphenation passes only).
    Hyphen,
    /// After a hyphen or dash already in the text.
    Explicit,
    /// A break without a mark (after a slash in a URL, a zero-width space).
    Plain,
    /// Between clusters of an over-long word or at a no-break space: the last
    /// pass only, so nothing overflows the measure.
    Emergency,
    /// A forced break (paragraph end, line break).
    Forced,
}

/// The content of a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Content {
    /// A byte range of a prepared piece.
    Text { piece: u32, start: u32, end: u32 },
    /// The first line's indent.
    Indent,
}

/// One item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Item {
    Box {
        width: f32,
        /// Letter-spacing stretch and shrink.
        stretch: f32,
        shrink: f32,
        content: Content,
    },
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
        /// Infinite stretch (ends of paragraphs and forced lines).
        fil: bool,
    },
    Penalty {
        width: f32,
        penalty: f32,
        flagged: bool,
        kind: BreakKind,
    },
}

impl Item {
    pub fn is_box(&self) -> bool {
        matches!(self, Item::Box { .. })
    }

    pub fn is_forced(&self) -> bool {
        matches!(self, Item::Penalty { penalty, .. } if *penalty <= -INFINITE_PENALTY)
    }
}

/// A piece of the paragraph ready to itemise: whitespace collapsed, soft
/// hyphens taken out (their places kept).
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub text: String,
    pub style: super::TextStyle,
    /// Byte offsets in `text` where a soft hyphen stood.
    pub soft_hyphens: Vec<usize>,
}

/// The items of a paragraph and the pieces they point into.
pub(crate) struct Items {
    pub items: Vec<Item>,
    pub pieces: Vec<Prepared>,
}

fn prepare(paragraph: &Paragraph, book: &FontBook) -> Vec<Prepared> {
    let mut out = Vec::with_capacity(paragraph.pieces.len());
    let mut prev_space = true; // drops leading spaces
    let mut prev: Option<char> = None;
    for piece in &paragraph.pieces {
        let mut text = String::with_capacity(piece.text.len());
        let mut soft_hyphens = Vec::new();
        let has_minus = book.has_glyph(piece.style.face, MINUS);
        let mut chars = piece.text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // A hyphen before a number at a word's start is a minus,
                // where the face has one.
                '-' if has_minus
                    && opens_after(prev)
                    && chars.peek().is_some_and(|n| n.is_ascii_digit()) =>
                {
                    text.push(MINUS);
                    prev_space = false;
                }
                '\u{ad}' => soft_hyphens.push(text.len()),
                LINE_BREAK => {
                    if prev_space && text.ends_with(' ') {
                        text.pop();
                    }
                    text.push(LINE_BREAK);
                    prev_space = true;
                }
                c if c.is_whitespace() && c != NBSP && c != '\u{202f}' => {
                    if !prev_space {
                        text.push(' ');
                    }
                    prev_space = true;
                }
                c if c.is_control() => {}
                c => {
                    text.push(c);
                    prev_space = false;
                }
            }
            if c != '\u{ad}' {
                prev = Some(c);
            }
        }
        soft_hyphens.retain(|&at| at > 0 && at < text.len());
        out.push(Prepared {
            text,
            style: piece.style,
            soft_hyphens,
        });
    }
    out
}

/// Builds the items. `min_width` is the narrowest measure: a word wider than
/// it gets emergency breaks between its clusters.
pub(crate) fn build(
    paragraph: &Paragraph,
    settings: &Settings,
    cache: &mut ShapeCache,
    min_width: f32,
    hyphenate: bool,
) -> Items {
    let pieces = prepare(paragraph, cache.book());
    let mut items: Vec<Item> = Vec::new();
    if settings.first_line_indent > 0.0 {
        items.push(Item::Box {
            width: settings.first_line_indent,
            stretch: 0.0,
            shrink: 0.0,
            content: Content::Indent,
        });
    }
    let ragged = settings.alignment != Alignment::Justified;
    let (min_before, min_after) = settings.hyphen_fragments();
    let mut seen_text = false;
    for (pi, piece) in pieces.iter().enumerate() {
        let style = piece.style;
        let size = if style.size.is_finite() && style.size > 0.0 {
            style.size
        } else {
            0.0
        };
        let scale = size / cache.book().metrics(style.face).units_per_em as f32;
        let tracking = style.tracking * size;
        let text = piece.text.as_str();
        let mut last_word = "";
        let mut i = 0;
        while i < text.len() {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c == ' ' || c == NBSP {
                // A word space: glue, after a penalty that forbids the break
                // when the space does not break.
                let space = cache.get(style.face, " ").advance() as f32 * scale;
                let after_box = items.last().is_some_and(Item::is_box);
                if after_box {
                    if c == NBSP {
                        items.push(Item::Penalty {
                            width: 0.0,
                            penalty: settings.emergency_penalty,
                            flagged: false,
                            kind: BreakKind::Emergency,
                        });
                    } else if is_title(last_word) {
                        items.push(Item::Penalty {
                            width: 0.0,
                            penalty: settings.title_break_penalty,
                            flagged: false,
                            kind: BreakKind::Plain,
                        });
                    }
                    items.push(Item::Glue {
                        width: space,
                        stretch: if ragged {
                            0.0
                        } else {
                            space * settings.space_stretch
                        },
                        shrink: space * settings.space_shrink,
                        fil: false,
                    });
                }
                i += c.len_utf8();
                continue;
            }
            if c == LINE_BREAK {
                // A break before any text would only make an empty first line.
                if seen_text {
                    end_line(&mut items);
                }
                i += c.len_utf8();
                continue;
            }
            // A word: up to the next space or line break in this piece.
            let end = text[i..]
                .find([' ', NBSP, LINE_BREAK])
                .map_or(text.len(), |e| i + e);
            let word = &text[i..end];
            last_word = word;
            seen_text = true;
            let shaped = cache.get(style.face, word);
            let clusters = shaped.clusters();
            let is_start = |at: usize| clusters.binary_search_by_key(&at, |c| c.0).is_ok();
            // Break opportunities inside the word: (offset, kind, penalty, flagged).
            let mut breaks: Vec<(usize, BreakKind, f32, bool)> = Vec::new();
            if hyphenate && !follows_number(&text[..i]) {
                for at in hyphenation_points(
                    word,
                    settings.language,
                    min_before,
                    min_after,
                    settings.hyphen_min_word,
                ) {
                    breaks.push((at, BreakKind::Hyphen, settings.hyphen_penalty, true));
                }
            }
            // An address keeps its own hyphens: it breaks only before its marks.
            let address = is_address(word);
            if !address {
                for &at in &piece.soft_hyphens {
                    if at > i && at < end {
                        breaks.push((at - i, BreakKind::Hyphen, settings.hyphen_penalty, true));
                    }
                }
            }
            if address {
                for at in address_breaks(word) {
                    breaks.push((at, BreakKind::Plain, settings.slash_penalty, false));
                }
            } else {
                breaks.extend(mark_breaks(word, settings));
            }
            let word_width = shaped.advance() as f32 * scale + tracking * clusters.len() as f32;
            if word_width > min_width {
                // Emergency breaks; a huge word in chunks to bound the item count.
                let chunk = if word.len() > 4096 {
                    (min_width / 8.0).max(1.0) / scale.max(f32::MIN_POSITIVE)
                } else {
                    0.0
                };
                let mut last = 0i64;
                for &(at, pen) in clusters.iter().skip(1) {
                    if (pen - last) as f32 >= chunk {
                        breaks.push((at, BreakKind::Emergency, settings.emergency_penalty, false));
                        last = pen;
                    }
                }
            }
            // A hyphen may fall inside a ligature ("traf-fic"): such a point
            // is measured by shaping the fragment before it on its own.
            breaks.retain(|b| {
                b.0 > 0
                    && b.0 < word.len()
                    && word.is_char_boundary(b.0)
                    && (is_start(b.0) || b.1 != BreakKind::Emergency)
            });
            // One break per place, the best kind first.
            breaks.sort_by(|a, b| a.0.cmp(&b.0).then(rank(a.1).cmp(&rank(b.1))));
            breaks.dedup_by_key(|b| b.0);

            let hyphen_width = if breaks.iter().any(|b| b.1 == BreakKind::Hyphen) {
                cache.get(style.face, "-").advance() as f32 * scale + tracking
            } else {
                0.0
            };
            let mut advance_at = |at: usize| -> (i64, usize) {
                match clusters.binary_search_by_key(&at, |c| c.0) {
                    Ok(k) => (clusters[k].1, k),
                    Err(k) => {
                        let prefix = cache.get(style.face, &word[..at]).advance();
                        (prefix.clamp(0, shaped.advance()), k)
                    }
                }
            };
            let mut from = 0usize;
            let mut from_pen = 0i64;
            let mut from_cluster = 0usize;
            let push_box = |items: &mut Vec<Item>,
                            from,
                            to,
                            pen: i64,
                            from_cluster: usize,
                            to_cluster: usize| {
                // Letter spacing goes between clusters: the breaker takes
                // one cluster's worth off each line (see `Costs`).
                let clusters = (to_cluster - from_cluster) as f32;
                items.push(Item::Box {
                    width: pen as f32 * scale + tracking * clusters,
                    stretch: settings
                        .justifying_letter_spacing()
                        .map_or(0.0, |l| l.stretch * size * clusters),
                    shrink: settings
                        .justifying_letter_spacing()
                        .map_or(0.0, |l| l.shrink * size * clusters),
                    content: Content::Text {
                        piece: pi as u32,
                        start: (i + from) as u32,
                        end: (i + to) as u32,
                    },
                });
            };
            for &(at, kind, penalty, flagged) in &breaks {
                let (pen, k) = advance_at(at);
                let pen = pen.max(from_pen);
                push_box(&mut items, from, at, pen - from_pen, from_cluster, k);
                items.push(Item::Penalty {
                    width: if kind == BreakKind::Hyphen {
                        hyphen_width
                    } else {
                        0.0
                    },
                    penalty,
                    flagged,
                    kind,
                });
                from = at;
                from_pen = pen;
                from_cluster = k;
            }
            push_box(
                &mut items,
                from,
                word.len(),
                shaped.advance() - from_pen,
                from_cluster,
                clusters.len(),
            );
            // Words of different styles that touch may be split, but only in an emergency.
            if end == text.len()
                && pieces
                    .get(pi + 1)
                    .is_some_and(|n| n.text.starts_with(|c: char| c != ' ' && c != LINE_BREAK))
            {
                items.push(Item::Penalty {
                    width: 0.0,
                    penalty: settings.emergency_penalty,
                    flagged: false,
                    kind: BreakKind::Emergency,
                });
            }
            i = end;
        }
    }
    // A line break at the very end ends the paragraph's last line already.
    if !items.last().is_some_and(Item::is_forced) {
        end_line(&mut items);
    }
    keep_emergencies_where_needed(&mut items, min_width);
    Items { items, pieces }
}

/// Emergency breaks stay only in stretches of text that no ordinary break
/// splits to within `min_width`: elsewhere a loose line is the better evil
/// than a word cut without a hyphen or a unit torn from its number.
fn keep_emergencies_where_needed(items: &mut [Item], min_width: f32) {
    let mut start = 0;
    let mut width = 0f32;
    for i in 0..items.len() {
        let boundary = match items[i] {
            Item::Glue { .. } => i > 0 && items[i - 1].is_box(),
            // Hyphenation points do not count: the limit on hyphenated lines
            // in a row may forbid them, and then the cut must still fit.
            Item::Penalty { kind, penalty, .. } => {
                !matches!(kind, BreakKind::Emergency | BreakKind::Hyphen)
                    && penalty < INFINITE_PENALTY
            }
            Item::Box { .. } => false,
        };
        match items[i] {
            Item::Box { width: w, .. } | Item::Glue { width: w, .. } if !boundary => width += w,
            Item::Penalty { width: w, .. } if boundary => width += w,
            _ => {}
        }
        if boundary || i + 1 == items.len() {
            if width <= min_width {
                for item in &mut items[start..i] {
                    if let Item::Penalty {
                        kind: BreakKind::Emergency,
                        penalty,
                        ..
                    } = item
                    {
                        *penalty = INFINITE_PENALTY;
                    }
                }
            }
            start = i + 1;
            width = 0.0;
        }
    }
}

/// Breaks after the marks inside a word: (offset, kind, penalty, flagged).
fn mark_breaks(word: &str, settings: &Settings) -> Vec<(usize, BreakKind, f32, bool)> {
    let mut breaks = Vec::new();
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for (k, &(_, ch)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let Some(&(next_at, next)) = chars.get(k + 1) else {
            break;
        };
        let kind = match ch {
            // Two letters each side at least: "R-Ariz." stays whole.
            '-' | '\u{2010}'
                if k >= 2
                    && chars[k - 2..k].iter().all(|c| c.1.is_alphabetic())
                    && chars
                        .get(k + 1..k + 3)
                        .is_some_and(|n| n.iter().all(|c| c.1.is_alphabetic())) =>
            {
                Some((BreakKind::Explicit, settings.explicit_hyphen_penalty, true))
            }
            '\u{2014}' if prev.is_some() => {
                Some((BreakKind::Explicit, settings.explicit_hyphen_penalty, false))
            }
            // Not between digits: dates, fractions and 24/7 stay whole.
            '/' if prev.is_some_and(|p| p != '/')
                && next != '/'
                && !(prev.is_some_and(|p| p.is_ascii_digit()) && next.is_ascii_digit()) =>
            {
                Some((BreakKind::Plain, settings.slash_penalty, false))
            }
            '\u{200b}' => Some((BreakKind::Plain, 0.0, false)),
            _ => None,
        };
        if let Some((kind, penalty, flagged)) = kind {
            breaks.push((next_at, kind, penalty, flagged));
        }
    }
    breaks
}

/// Where a URL or e-mail address may break, as copy editors break them:
/// after "//", before a single slash, before . , - _ ~ ? # % @ and before or
/// after = and &. The mark starts the next line, where no reader takes it
/// for a hyphen or a sentence's end; nothing is inserted.
fn address_breaks(word: &str) -> Vec<usize> {
    let chars: Vec<char> = word.chars().collect();
    let offsets: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
    // Punctuation around the address stays with it.
    let first = chars.iter().position(|c| c.is_alphanumeric());
    let last = chars.iter().rposition(|c| c.is_alphanumeric());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    (first + 1..=last)
        .filter(|&k| {
            let (c, prev) = (chars[k], chars[k - 1]);
            let after_double_slash = prev == '/' && k >= 2 && chars[k - 2] == '/' && c != '/';
            match c {
                '/' => prev != '/' && chars.get(k + 1) != Some(&'/'),
                '.' | ',' | '-' | '_' | '~' | '?' | '#' | '%' | '@' | '=' | '&' => true,
                _ => after_double_slash || matches!(prev, '=' | '&'),
            }
        })
        .map(|k| offsets[k])
        .collect()
}

/// Whether a word after `before` is glued to a number by a no-break space,
/// as a unit is ("11 millimetres"): it is not hyphenated, so "11 mil-" never
/// ends a line.
fn follows_number(before: &str) -> bool {
    before
        .strip_suffix(NBSP)
        .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
}

fn rank(kind: BreakKind) -> u8 {
    match kind {
        BreakKind::Forced => 0,
        BreakKind::Explicit => 1,
        BreakKind::Plain => 2,
        BreakKind::Hyphen => 3,
        BreakKind::Emergency => 4,
    }
}

/// Ends a line: trailing glue goes, infinite glue and a forced break come.
fn end_line(items: &mut Vec<Item>) {
    while matches!(
        items.last(),
        Some(Item::Glue { fil: false, .. })
            | Some(Item::Penalty {
                kind: BreakKind::Emergency,
                ..
            })
    ) {
        items.pop();
    }
    items.push(Item::Glue {
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
        fil: true,
    });
    items.push(Item::Penalty {
        width: 0.0,
        penalty: -INFINITE_PENALTY,
        flagged: false,
        kind: BreakKind::Forced,
    });
}
