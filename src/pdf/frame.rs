//! The frame: the contract between layout and the emitter.
//!
//! Every item says what it is ([`Role`]), which block of the article it came
//! from, and where it is. Coordinates are points from the top-left corner of
//! the trim box, y down; marks and the slug sit at negative or past-the-trim
//! coordinates. [`Frames::dump`] is the text form golden files and tests read.

use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::Arc;

use crate::pdf::images::PdfImage;
use crate::style::Cmyk;
use crate::typeset::Line;

/// A point on the page.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// From the trim's left edge.
    pub x: f32,
    /// From the trim's top edge, down.
    pub y: f32,
}

impl Point {
    /// The point (x, y).
    pub const fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }
}

/// A rectangle: its top-left corner and its size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// The rectangle at (x, y) of size w × h.
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    /// The rectangle between two corners.
    pub fn from_corners(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether the two overlap (touching edges do not).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    /// The rectangle moved by (dx, dy).
    pub fn shifted(&self, dx: f32, dy: f32) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }
}

/// What an item is on the page. Layout, tests and the emitter ask the role,
/// never a font size or a rule weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Body text (the run-in dateline included).
    Body,
    /// A subhead in the body.
    Subhead,
    /// The kicker over the headline.
    Kicker,
    /// The headline.
    Headline,
    /// A deck under the headline.
    Deck,
    /// The byline.
    Byline,
    /// The rule that closes the head.
    HeadRule,
    /// A pull quote: its rules and its text.
    PullQuote,
    /// Who said a pull quote.
    Attribution,
    /// A photo's caption.
    Caption,
    /// A photo's credit.
    Credit,
    /// A fact box: panel, rules, title and text.
    FactBox,
    /// A boxed table: rules, caption and cells.
    Table,
    /// A photo.
    Photo,
    /// Where a photo should be: box, cross and label.
    Placeholder,
    /// "Continued on/from page n".
    JumpLine,
    /// The running head and its rule.
    RunningHead,
    /// The page number line.
    Folio,
    /// The slug line outside the trim.
    Slug,
    /// Crop and registration marks.
    Mark,
    /// A proof note: the open space of an under-filled hole, its frame and
    /// its size (not printed).
    OpenSpace,
    /// A proof note: how many lines a story runs over its hole (not printed).
    Overset,
}

impl Role {
    /// The role's name in dumps.
    pub fn name(self) -> &'static str {
        match self {
            Role::Body => "body",
            Role::Subhead => "subhead",
            Role::Kicker => "kicker",
            Role::Headline => "headline",
            Role::Deck => "deck",
            Role::Byline => "byline",
            Role::HeadRule => "head-rule",
            Role::PullQuote => "pull-quote",
            Role::Attribution => "attribution",
            Role::Caption => "caption",
            Role::Credit => "credit",
            Role::FactBox => "fact-box",
            Role::Table => "table",
            Role::Photo => "photo",
            Role::Placeholder => "placeholder",
            Role::JumpLine => "jump-line",
            Role::RunningHead => "running-head",
            Role::Folio => "folio",
            Role::Slug => "slug",
            Role::Mark => "mark",
            Role::OpenSpace => "open-space",
            Role::Overset => "overset",
        }
    }

    /// Whether the item is a proof note for the desk, drawn on screen but
    /// never printed.
    pub fn is_note(self) -> bool {
        matches!(self, Role::OpenSpace | Role::Overset)
    }

    /// Whether the role is body copy that flows in the columns.
    pub fn flows(self) -> bool {
        matches!(self, Role::Body | Role::Subhead)
    }
}

/// Which part of the article an item shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// The head: headline, decks, byline, kicker (from the metadata).
    Head,
    /// The block at this index of the article's body (the outermost one,
    /// for a paragraph inside a list or a box).
    Block(usize),
    /// The page itself: furniture, marks and the slug.
    Page,
}

/// How an item is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A set line, its start at `at.x` and its baseline at `at.y`.
    Text {
        /// Start of the baseline.
        at: Point,
        /// The glyphs (shared with the setting they came from).
        line: Rc<Line>,
        /// Ink.
        colour: Cmyk,
    },
    /// A straight line.
    Rule {
        /// Start.
        from: Point,
        /// End.
        to: Point,
        /// Weight in points.
        weight: f32,
        /// Ink.
        colour: Cmyk,
    },
    /// A rectangle, filled or stroked.
    Box {
        /// Where.
        rect: Rect,
        /// Fill colour, if filled.
        fill: Option<Cmyk>,
        /// Stroke weight and colour, if stroked.
        stroke: Option<(f32, Cmyk)>,
    },
    /// An image drawn at `draw` and clipped to `frame`; never distorted.
    Image {
        /// The visible frame.
        frame: Rect,
        /// Where the whole image is drawn.
        draw: Rect,
        /// Index into [`Frames::images`].
        image: usize,
    },
}

impl Shape {
    /// The shape moved by (dx, dy).
    pub fn shifted(&self, dx: f32, dy: f32) -> Shape {
        let p = |p: &Point| Point::new(p.x + dx, p.y + dy);
        match self {
            Shape::Text { at, line, colour } => Shape::Text {
                at: p(at),
                line: line.clone(),
                colour: *colour,
            },
            Shape::Rule {
                from,
                to,
                weight,
                colour,
            } => Shape::Rule {
                from: p(from),
                to: p(to),
                weight: *weight,
                colour: *colour,
            },
            Shape::Box { rect, fill, stroke } => Shape::Box {
                rect: rect.shifted(dx, dy),
                fill: *fill,
                stroke: *stroke,
            },
            Shape::Image { frame, draw, image } => Shape::Image {
                frame: frame.shifted(dx, dy),
                draw: draw.shifted(dx, dy),
                image: *image,
            },
        }
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What it is.
    pub role: Role,
    /// What it shows.
    pub source: Source,
    /// How it is drawn.
    pub shape: Shape,
}

impl Item {
    /// An item.
    pub fn new(role: Role, source: Source, shape: Shape) -> Item {
        Item {
            role,
            source,
            shape,
        }
    }

    /// The item moved by (dx, dy).
    pub fn shifted(&self, dx: f32, dy: f32) -> Item {
        Item::new(self.role, self.source, self.shape.shifted(dx, dy))
    }

    /// The line, when the item is text.
    pub fn line(&self) -> Option<&Line> {
        match &self.shape {
            Shape::Text { line, .. } => Some(line),
            _ => None,
        }
    }

    /// The baseline start, when the item is text.
    pub fn text_at(&self) -> Option<Point> {
        match &self.shape {
            Shape::Text { at, .. } => Some(*at),
            _ => None,
        }
    }
}

/// One page's items, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The items.
    pub items: Vec<Item>,
}

/// The laid-out pages and the images they place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frames {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Images, by index; shared with every layout pass that placed them.
    pub images: Vec<Arc<PdfImage>>,
}

/// The text a line shows: its glyphs' characters, with a space where a
/// word space separates them (as text extraction finds it).
pub fn line_text(line: &Line) -> String {
    line.text()
}

impl Frames {
    /// A text dump: one line per item, `p<page> <role> <source> <shape>
    /// ...`, in points with one decimal. Marks are left out (they are the
    /// same on every page of a style).
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for (n, page) in self.pages.iter().enumerate() {
            let p = n + 1;
            for item in page.items.iter().filter(|i| i.role != Role::Mark) {
                let source = match item.source {
                    Source::Head => "head".to_string(),
                    Source::Block(b) => format!("#{b}"),
                    Source::Page => "page".to_string(),
                };
                let role = item.role.name();
                // Writing to a String cannot fail.
                let _ = match &item.shape {
                    Shape::Text { at, line, .. } => writeln!(
                        out,
                        "p{p} {role} {source} text {:.1} {:.1} {:.1} {}",
                        at.x,
                        at.y,
                        line.width,
                        line_text(line)
                    ),
                    Shape::Rule { from, to, .. } => writeln!(
                        out,
                        "p{p} {role} {source} rule {:.1} {:.1} {:.1} {:.1}",
                        from.x, from.y, to.x, to.y
                    ),
                    Shape::Box { rect, fill, .. } => writeln!(
                        out,
                        "p{p} {role} {source} {} {:.1} {:.1} {:.1} {:.1}",
                        if fill.is_some() { "tint" } else { "box" },
                        rect.x,
                        rect.y,
                        rect.w,
                        rect.h
                    ),
                    Shape::Image { frame, image, .. } => writeln!(
                        out,
                        "p{p} {role} {source} image {:.1} {:.1} {:.1} {:.1} #{image}",
                        frame.x, frame.y, frame.w, frame.h
                    ),
                };
            }
        }
        out
    }

    /// The text lines of one page (from 1), in reading order.
    pub fn page_text(&self, page: usize) -> Vec<String> {
        self.pages
            .get(page.wrapping_sub(1))
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| i.line().map(line_text))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The items of one role, with their page (from 0).
    pub fn of_role(&self, role: Role) -> impl Iterator<Item = (usize, &Item)> {
        self.pages.iter().enumerate().flat_map(move |(n, p)| {
            p.items
                .iter()
                .filter(move |i| i.role == role)
                .map(move |i| (n, i))
        })
    }
}
