//! Phase 1: the article's body as flowing text (paragraphs, subheads, pull
//! quotes where they come in the text) and placed objects (photos, fact
//! boxes, tables). Done once per story; every composition run reads it.

use crate::backend::Document;
use crate::model::{plain_text, Attribution, Block, Inline, Table};
use crate::pdf::setter::{span, Span, StyledParagraph};
use crate::style::{Align, Style, TextRole};
use crate::typeset::LINE_BREAK;

/// Most rows of a table set as a box; longer tables run in the text.
pub const MAX_BOXED_ROWS: usize = 16;

/// What flows in the columns, with the body block it came from.
#[derive(Debug, Clone)]
pub enum Flowing<'a> {
    /// A body paragraph, its first-line indent already chosen.
    Para(StyledParagraph, usize),
    /// A subhead.
    Subhead(StyledParagraph, usize),
    /// A pull quote, placed near where it comes in the text.
    Quote(Quote<'a>),
}

/// A pull quote and who said it.
#[derive(Debug, Clone, Copy)]
pub struct Quote<'a> {
    /// The words.
    pub content: &'a [Inline],
    /// Who said them.
    pub attribution: Option<&'a Attribution>,
    /// The body block.
    pub block: usize,
    /// Which quote of the story it is (its index in the flowing text): two
    /// quotes of one box share a block.
    pub id: usize,
    /// The body paragraphs whose words it repeats.
    pub sources: Sources,
}

/// Most paragraphs a pull quote is known to repeat.
const MAX_SOURCES: usize = 4;

/// The body blocks a pull quote repeats (a story may repeat a paragraph),
/// at most [`MAX_SOURCES`], nearest the quote first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sources {
    blocks: [usize; MAX_SOURCES],
    len: usize,
}

impl Sources {
    /// Whether the quote repeats block `b`.
    pub fn contains(&self, b: usize) -> bool {
        self.blocks[..self.len].contains(&b)
    }

    /// Whether it repeats none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// What a figure shows: its source, caption and credit.
#[derive(Debug, Clone, Copy)]
pub struct FigureSpec<'a> {
    /// The image's name in the document's media.
    pub src: Option<&'a str>,
    /// The caption.
    pub caption: &'a [Inline],
    /// The credit.
    pub credit: Option<&'a str>,
    /// Width and height the tree gives, in pixels.
    pub size: Option<(u32, u32)>,
    /// The body block.
    pub block: usize,
}

/// What is placed beside the flow.
#[derive(Debug, Clone, Copy)]
pub enum Placed<'a> {
    /// A pull quote that found no place in the flow.
    Quote(Quote<'a>),
    /// A fact box: title and blocks.
    Facts(Option<&'a str>, &'a [Block], usize),
    /// A table, boxed at a column's foot like a fact box.
    Table(&'a Table, usize),
    /// A photo.
    Figure(FigureSpec<'a>),
}

/// A story sorted for layout.
#[derive(Debug, Clone, Default)]
pub struct Story<'a> {
    /// What flows, in reading order.
    pub flowing: Vec<Flowing<'a>>,
    /// What is placed, in reading order.
    pub placed: Vec<Placed<'a>>,
}

impl Story<'_> {
    /// Indices into `flowing` of the pull quotes.
    pub fn quotes(&self) -> Vec<usize> {
        (0..self.flowing.len())
            .filter(|&i| matches!(self.flowing[i], Flowing::Quote(_)))
            .collect()
    }
}

/// Sorts a document's body for layout; with `boxes_in_text`, fact boxes and
/// tables run in the text instead of being placed. The dateline runs into
/// the first paragraph, the tagline closes the story, and every paragraph
/// but the first and those after a subhead is indented.
pub fn collect<'a>(doc: &'a Document, style: &Style, boxes_in_text: bool) -> Story<'a> {
    let roles = &style.roles;
    let mut story = Story::default();
    for (i, b) in doc.article.body.iter().enumerate() {
        collect_block(b, i, style, boxes_in_text, &mut story);
    }
    let meta = &doc.article.meta;
    if let Some(tagline) = &meta.tagline {
        let mut p = StyledParagraph::plain(tagline, &roles.body);
        p.spans[0].face.italic = true;
        story
            .flowing
            .push(Flowing::Para(p, doc.article.body.len().saturating_sub(1)));
    }
    if let Some(dl) = &meta.dateline {
        let first = story.flowing.iter_mut().find_map(|f| match f {
            Flowing::Para(p, _) => Some(p),
            _ => None,
        });
        if let Some(p) = first {
            p.spans.insert(
                0,
                span(&format!("{}\u{a0}\u{2013} ", dl.place), &roles.dateline),
            );
        }
    }
    find_sources(&mut story.flowing);
    for (i, f) in story.flowing.iter_mut().enumerate() {
        if let Flowing::Quote(q) = f {
            q.id = i;
        }
    }
    let mut after_head = true;
    for f in &mut story.flowing {
        match f {
            Flowing::Para(p, _) => {
                if !after_head {
                    p.first_indent = roles.body.size;
                }
                after_head = false;
            }
            Flowing::Subhead(..) => after_head = true,
            Flowing::Quote(_) => {}
        }
    }
    story
}

/// A paragraph repeats a quote when it holds at least this share of the
/// quote's word pairs (a quote is often trimmed or lightly edited).
const REPEATS: f32 = 0.5;

/// The words of a text, in lower case, without punctuation.
fn word_list(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| w.trim_matches(['\'', '\u{2019}']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Sets each pull quote's `sources`: the paragraphs holding the largest
/// share (at least [`REPEATS`]) of its word pairs, nearest the quote first.
fn find_sources(flowing: &mut [Flowing]) {
    let paragraphs: Vec<(usize, usize, Vec<String>)> = flowing
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f {
            Flowing::Para(p, block) => Some((i, *block, word_list(&p.text()))),
            _ => None,
        })
        .collect();
    for (i, f) in flowing.iter_mut().enumerate() {
        let Flowing::Quote(q) = f else {
            continue;
        };
        let words = word_list(&plain_text(q.content));
        let pairs: Vec<(&str, &str)> = if words.len() == 1 {
            vec![(words[0].as_str(), "")]
        } else {
            words
                .windows(2)
                .map(|w| (w[0].as_str(), w[1].as_str()))
                .collect()
        };
        let share = |para: &[String]| {
            let held = pairs
                .iter()
                .filter(|(a, b)| {
                    para.windows(2).any(|w| w[0] == *a && w[1] == *b)
                        || (b.is_empty() && para.iter().any(|w| w == a))
                })
                .count();
            held as f32 / pairs.len().max(1) as f32
        };
        let mut found: Vec<(f32, usize, usize)> = Vec::new();
        for (at, block, para) in &paragraphs {
            let s = share(para);
            if s >= REPEATS {
                found.push((s, at.abs_diff(i), *block));
            }
        }
        // The best matches, nearest first; a paragraph set in several
        // pieces (a list, a box) is one block.
        let top = found.iter().map(|f| f.0).fold(0.0f32, f32::max);
        found.retain(|f| f.0 == top);
        found.sort_by_key(|f| f.1);
        let mut sources = Sources::default();
        for (_, _, block) in found {
            if !sources.contains(block) && sources.len < MAX_SOURCES {
                sources.blocks[sources.len] = block;
                sources.len += 1;
            }
        }
        q.sources = sources;
    }
}

fn collect_block<'a>(
    b: &'a Block,
    at: usize,
    style: &Style,
    boxes_in_text: bool,
    story: &mut Story<'a>,
) {
    let roles = &style.roles;
    let flowing = |story: &mut Story<'a>, f| story.flowing.push(f);
    match b {
        Block::Paragraph { content, .. } => {
            flowing(story, Flowing::Para(styled(content, &roles.body), at))
        }
        Block::Heading { content, .. } => {
            flowing(story, Flowing::Subhead(styled(content, &roles.subhead), at))
        }
        Block::PullQuote {
            content,
            attribution,
        } => flowing(
            story,
            Flowing::Quote(Quote {
                content,
                attribution: attribution.as_ref(),
                block: at,
                id: 0,
                sources: Sources::default(),
            }),
        ),
        Block::Figure {
            src,
            caption,
            credit,
            width,
            height,
            ..
        } => story.placed.push(Placed::Figure(FigureSpec {
            src: src.as_deref(),
            caption,
            credit: credit.as_deref(),
            size: width.zip(*height),
            block: at,
        })),
        // Fact boxes and tables that found no place run in the text.
        Block::Sidebar { title, body } if boxes_in_text => {
            if let Some(title) = title {
                let p = StyledParagraph::plain(title, &roles.subhead);
                flowing(story, Flowing::Subhead(p, at));
            }
            for b in body {
                collect_block(b, at, style, boxes_in_text, story);
            }
        }
        Block::Sidebar { title, body } => {
            story.placed.push(Placed::Facts(title.as_deref(), body, at))
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                let mark = list_mark(*ordered, i);
                let mut inner = Story::default();
                for b in item {
                    collect_block(b, at, style, boxes_in_text, &mut inner);
                }
                story.placed.append(&mut inner.placed);
                for (j, f) in inner.flowing.into_iter().enumerate() {
                    match f {
                        Flowing::Para(mut p, _) => {
                            if j == 0 {
                                p.spans.insert(0, span(&mark, &roles.body));
                            }
                            p.align = Align::Left;
                            flowing(story, Flowing::Para(p, at));
                        }
                        f => flowing(story, f),
                    }
                }
            }
        }
        Block::BlockQuote { body, credit } => {
            let mut inner = Story::default();
            for b in body {
                collect_block(b, at, style, boxes_in_text, &mut inner);
            }
            story.placed.append(&mut inner.placed);
            for f in inner.flowing {
                match f {
                    Flowing::Para(mut p, _) => {
                        for s in &mut p.spans {
                            s.face.italic = true;
                        }
                        flowing(story, Flowing::Para(p, at));
                    }
                    f => flowing(story, f),
                }
            }
            if let Some(credit) = credit {
                let mut p = StyledParagraph::plain(&format!("\u{2014} {credit}"), &roles.body);
                p.align = Align::Right;
                flowing(story, Flowing::Para(p, at));
            }
        }
        // A table short enough for a box at a column's foot is boxed; a
        // longer one runs in the text, a row a line, cells set apart.
        Block::Table(table) if !boxes_in_text && table.rows.len() <= MAX_BOXED_ROWS => {
            story.placed.push(Placed::Table(table, at))
        }
        Block::Table(table) => {
            if !table.caption.is_empty() {
                let caption = styled(&table.caption, &roles.subhead);
                flowing(story, Flowing::Subhead(caption, at));
            }
            for row in &table.rows {
                let cells: Vec<String> = row.cells.iter().map(|c| plain_text(&c.content)).collect();
                let mut p = StyledParagraph::plain(&cells.join(" \u{2003} "), &roles.body);
                p.align = Align::Left;
                p.spans[0].face.bold = row.header;
                flowing(story, Flowing::Para(p, at));
            }
        }
        Block::Rule => {}
        Block::Container { body, .. } => {
            for b in body {
                collect_block(b, at, style, boxes_in_text, story);
            }
        }
    }
}

/// The mark that opens list item `i` (from 0): its number, or a bullet.
pub fn list_mark(ordered: bool, i: usize) -> String {
    if ordered {
        format!("{}. ", i + 1)
    } else {
        "\u{2022} ".to_string()
    }
}

/// Inlines as a paragraph in a role's face, size and alignment.
pub fn styled(content: &[Inline], role: &TextRole) -> StyledParagraph {
    styled_as(content, role, false, role.align)
}

/// Inlines as a paragraph in a role, in bold if asked, with an alignment
/// (set in the article's language).
pub fn styled_as(content: &[Inline], role: &TextRole, bold: bool, align: Align) -> StyledParagraph {
    let mut spans = Vec::new();
    inline_spans(content, role, bold, false, &mut spans);
    StyledParagraph {
        spans,
        align,
        first_indent: 0.0,
        language: None,
        hyphenate: role.hyphenate,
        jumps_after: Vec::new(),
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
