//! Tagged PDF from the frame's roles: a structure tree in the article's
//! reading order, each item's content marked with the element it belongs to
//! (or as an artifact: marks, slug, folios, running heads, rules, tints).
//!
//! The tree follows the article, not the page: the head first, then the
//! body's blocks in order, so a paragraph split across columns and pages is
//! one `P`. Where one block gives several elements (a fact box's
//! paragraphs, a table's cells, a list's items) the frame says only the
//! block, so its lines are shared out by the text each part of the tree
//! holds: letters and digits counted, so quotes, dashes and inserted
//! hyphens do not matter.

use std::collections::BTreeMap;

use lopdf::{dictionary, Object, ObjectId};
use printpdf::{DictItem, Op};

use crate::diag::Warning;
use crate::model::{plain_text, Article, Block, Inline};
use crate::pdf::frame::{Frames, Role, Shape, Source};

/// Structure types that are not among PDF 1.7's standard ones, and the
/// standard type each stands for.
pub const ROLE_MAP: &[(&str, &str)] = &[
    ("Kicker", "P"),
    ("Deck", "P"),
    ("Byline", "P"),
    ("Aside", "Sect"),
];

/// How one item is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Not content: page furniture (pagination) or decoration (layout).
    Artifact { pagination: bool },
    /// Content of element `.0`, in its part `.1` (parts order the
    /// element's kids: a caption's text before its credit).
    Elem(usize, u8),
}

#[derive(Debug, Clone)]
enum Kid {
    Elem(usize),
    Content { part: u8, page: usize, mcid: i64 },
}

#[derive(Debug, Clone)]
struct Elem {
    kind: String,
    parent: usize,
    alt: Option<String>,
    /// For a header cell: its scope (`Column`).
    scope: Option<&'static str>,
    kids: Vec<Kid>,
}

/// The structure tree being built while the pages are drawn.
pub struct Tagger {
    elems: Vec<Elem>,
    /// Per page, per item: its tag.
    tags: Vec<Vec<Tag>>,
    /// Per page: the element each MCID belongs to.
    parents: Vec<Vec<usize>>,
    /// The tag open on the page being drawn.
    open: Option<Tag>,
}

/// An item waiting for its element: page, index, role, its text if any.
struct Pending {
    page: usize,
    index: usize,
    role: Role,
    text: Option<String>,
}

impl Tagger {
    /// Plans the tree for the frames of `article`; notes photos without
    /// alternate text in `warnings`.
    pub fn new(frames: &Frames, article: &Article, warnings: &mut Vec<Warning>) -> Tagger {
        let mut t = Tagger {
            elems: vec![Elem {
                kind: "Document".into(),
                parent: 0,
                alt: None,
                scope: None,
                kids: Vec::new(),
            }],
            tags: frames
                .pages
                .iter()
                .map(|p| vec![Tag::Artifact { pagination: false }; p.items.len()])
                .collect(),
            parents: vec![Vec::new(); frames.pages.len()],
            open: None,
        };
        // Content items by source, in frame order.
        let mut head: Vec<Pending> = Vec::new();
        let mut blocks: BTreeMap<usize, Vec<Pending>> = BTreeMap::new();
        for (n, page) in frames.pages.iter().enumerate() {
            for (i, item) in page.items.iter().enumerate() {
                let pagination = matches!(
                    item.role,
                    Role::Mark | Role::Slug | Role::Folio | Role::RunningHead | Role::JumpLine
                ) || item.source == Source::Page;
                t.tags[n][i] = Tag::Artifact { pagination };
                let text = item.line().map(|l| l.text());
                let content = !pagination
                    && match &item.shape {
                        Shape::Text { .. } => item.role != Role::Placeholder,
                        Shape::Image { .. } => item.role == Role::Photo,
                        Shape::Rule { .. } | Shape::Box { .. } => false,
                    };
                if !content {
                    continue;
                }
                let pending = Pending {
                    page: n,
                    index: i,
                    role: item.role,
                    text,
                };
                match item.source {
                    Source::Head => head.push(pending),
                    Source::Block(b) => blocks.entry(b).or_default().push(pending),
                    Source::Page => {}
                }
            }
        }
        // The head: one element per run of items of one role.
        let mut last: Option<(Role, usize)> = None;
        for p in head {
            let e = match last {
                Some((role, e)) if role == p.role => e,
                _ => {
                    let kind = match p.role {
                        Role::Headline => "H1",
                        Role::Kicker => "Kicker",
                        Role::Deck => "Deck",
                        Role::Byline => "Byline",
                        _ => "P",
                    };
                    t.add(0, kind)
                }
            };
            last = Some((p.role, e));
            t.tags[p.page][p.index] = Tag::Elem(e, 0);
        }
        for (b, items) in blocks {
            match article.body.get(b) {
                Some(block) => t.block(block, items, warnings),
                None => {
                    let e = t.add(0, "P");
                    t.assign(&items, e);
                }
            }
        }
        t
    }

    fn add(&mut self, parent: usize, kind: &str) -> usize {
        self.elems.push(Elem {
            kind: kind.to_string(),
            parent,
            alt: None,
            scope: None,
            kids: Vec::new(),
        });
        let e = self.elems.len() - 1;
        self.elems[parent].kids.push(Kid::Elem(e));
        e
    }

    fn assign(&mut self, items: &[Pending], e: usize) {
        for p in items {
            self.tags[p.page][p.index] = Tag::Elem(e, 0);
        }
    }

    /// The elements of one body block, and its items' tags.
    fn block(&mut self, block: &Block, items: Vec<Pending>, warnings: &mut Vec<Warning>) {
        match block {
            Block::Paragraph { .. } => {
                let e = self.add(0, "P");
                self.assign(&items, e);
            }
            Block::Heading { level, .. } => {
                let e = self.add(0, &format!("H{}", level.clamp(&2, &6)));
                self.assign(&items, e);
            }
            Block::PullQuote { .. } => {
                let aside = self.add(0, "Aside");
                let quote = self.add(aside, "P");
                let (said, by): (Vec<_>, Vec<_>) =
                    items.into_iter().partition(|p| p.role != Role::Attribution);
                self.assign(&said, quote);
                if !by.is_empty() {
                    let who = self.add(aside, "P");
                    self.assign(&by, who);
                }
            }
            Block::Figure { alt, caption, .. } => {
                let (photo, words): (Vec<_>, Vec<_>) =
                    items.into_iter().partition(|p| p.role == Role::Photo);
                if !photo.is_empty() {
                    let e = self.add(0, "Figure");
                    let alt = alt
                        .as_deref()
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_string)
                        .or_else(|| {
                            let text = plain_text(caption);
                            (!text.trim().is_empty()).then(|| text.trim().to_string())
                        });
                    if alt.is_none() {
                        warnings.push(Warning::new(
                            "a photo has neither alternate text nor a caption: tagged as `Photo`",
                        ));
                    }
                    self.elems[e].alt = Some(alt.unwrap_or_else(|| "Photo".to_string()));
                    self.assign(&photo, e);
                }
                if !words.is_empty() {
                    let e = self.add(0, "Caption");
                    for p in &words {
                        let part = u8::from(p.role == Role::Credit);
                        self.tags[p.page][p.index] = Tag::Elem(e, part);
                    }
                }
            }
            Block::Sidebar { title, body } => {
                let aside = self.add(0, "Aside");
                let mut chunks: Vec<String> = title.iter().cloned().collect();
                chunks.extend(flatten(body).iter().map(|p| plain_text(p)));
                // A part that got no lines (an empty paragraph) gets no element.
                for share in share_out(&items, &chunks)
                    .into_iter()
                    .filter(|s| !s.is_empty())
                {
                    let e = self.add(aside, "P");
                    self.assign_refs(&items, &share, e);
                }
            }
            Block::List {
                ordered,
                items: list,
            } => {
                let l = self.add(0, "L");
                let chunks: Vec<String> = list
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let mut text = if *ordered {
                            format!("{}", i + 1)
                        } else {
                            String::new()
                        };
                        for p in flatten(item) {
                            text.push_str(&plain_text(&p));
                        }
                        text
                    })
                    .collect();
                for share in share_out(&items, &chunks)
                    .into_iter()
                    .filter(|s| !s.is_empty())
                {
                    let li = self.add(l, "LI");
                    let body = self.add(li, "LBody");
                    self.assign_refs(&items, &share, body);
                }
            }
            Block::Table(table) => {
                let e = self.add(0, "Table");
                let mut chunks = Vec::new();
                let caption = !table.caption.is_empty();
                if caption {
                    chunks.push(plain_text(&table.caption));
                }
                for row in &table.rows {
                    for cell in &row.cells {
                        chunks.push(plain_text(&cell.content));
                    }
                }
                let shares = share_out(&items, &chunks);
                let mut shares = shares.into_iter();
                if caption {
                    let c = self.add(e, "Caption");
                    if let Some(share) = shares.next() {
                        self.assign_refs(&items, &share, c);
                    }
                }
                for row in &table.rows {
                    let tr = self.add(e, "TR");
                    for _ in &row.cells {
                        let cell = self.add(tr, if row.header { "TH" } else { "TD" });
                        if row.header {
                            self.elems[cell].scope = Some("Column");
                        }
                        if let Some(share) = shares.next() {
                            self.assign_refs(&items, &share, cell);
                        }
                    }
                }
            }
            Block::BlockQuote { .. } => {
                let q = self.add(0, "BlockQuote");
                let e = self.add(q, "P");
                self.assign(&items, e);
            }
            Block::Rule | Block::Container { .. } => {
                let e = self.add(0, "P");
                self.assign(&items, e);
            }
        }
    }

    fn assign_refs(&mut self, items: &[Pending], share: &[usize], e: usize) {
        for &k in share {
            let p = &items[k];
            self.tags[p.page][p.index] = Tag::Elem(e, 0);
        }
    }

    /// Marks the start of item `index` of page `page`: ends the open marked
    /// content and begins the item's own when it belongs elsewhere.
    pub fn item(&mut self, ops: &mut Vec<Op>, page: usize, index: usize) {
        let tag = self.tags[page][index];
        if self.open == Some(tag) {
            return;
        }
        self.end(ops);
        match tag {
            Tag::Artifact { pagination } => {
                let kind = if pagination { "Pagination" } else { "Layout" };
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Artifact".to_string(),
                    properties: DictItem::Dict {
                        map: BTreeMap::from([(
                            "Type".to_string(),
                            DictItem::Name(kind.as_bytes().to_vec()),
                        )]),
                    },
                });
            }
            Tag::Elem(e, part) => {
                let mcid = self.parents[page].len() as i64;
                self.parents[page].push(e);
                self.elems[e].kids.push(Kid::Content { part, page, mcid });
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: self.elems[e].kind.clone(),
                    properties: DictItem::Dict {
                        map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
                    },
                });
            }
        }
        self.open = Some(tag);
    }

    /// Ends the open marked content (at the end of a page).
    pub fn end(&mut self, ops: &mut Vec<Op>) {
        if self.open.take().is_some() {
            ops.push(Op::EndMarkedContent);
        }
    }

    /// Writes the structure tree into the document: `/StructTreeRoot` with
    /// its parent tree and role map, `/StructParents` on each page, and
    /// `/MarkInfo` in the catalog.
    pub fn write(mut self, lo: &mut lopdf::Document, pages: &[ObjectId]) {
        let root_id = lo.new_object_id();
        let ids: Vec<ObjectId> = (0..self.elems.len()).map(|_| lo.new_object_id()).collect();
        for e in 0..self.elems.len() {
            let elem = &mut self.elems[e];
            // Kids in their parts' order; within a part, as drawn.
            elem.kids.sort_by_key(|k| match k {
                Kid::Elem(_) => 0,
                Kid::Content { part, .. } => *part,
            });
            let kids: Vec<Object> = elem
                .kids
                .iter()
                .filter_map(|k| match *k {
                    Kid::Elem(c) => Some(Object::Reference(ids[c])),
                    Kid::Content { page, mcid, .. } => pages.get(page).map(|&pg| {
                        Object::Dictionary(dictionary! {
                            "Type" => "MCR",
                            "Pg" => pg,
                            "MCID" => mcid,
                        })
                    }),
                })
                .collect();
            let mut dict = dictionary! {
                "Type" => "StructElem",
                "S" => Object::Name(elem.kind.clone().into_bytes()),
                "P" => if e == 0 { root_id } else { ids[elem.parent] },
                "K" => kids,
            };
            if let Some(alt) = &elem.alt {
                dict.set("Alt", text_string(alt));
            }
            if let Some(scope) = elem.scope {
                dict.set(
                    "A",
                    dictionary! { "O" => "Table", "Scope" => Object::Name(scope.into()) },
                );
            }
            lo.objects.insert(ids[e], Object::Dictionary(dict));
        }
        let mut nums = Vec::new();
        for (n, parents) in self.parents.iter().enumerate() {
            nums.push(Object::Integer(n as i64));
            nums.push(Object::Array(
                parents.iter().map(|&e| Object::Reference(ids[e])).collect(),
            ));
        }
        let mut role_map = lopdf::Dictionary::new();
        for (custom, standard) in ROLE_MAP {
            role_map.set(*custom, Object::Name(standard.as_bytes().to_vec()));
        }
        lo.objects.insert(
            root_id,
            Object::Dictionary(dictionary! {
                "Type" => "StructTreeRoot",
                "K" => ids[0],
                "ParentTree" => dictionary! { "Nums" => nums },
                "ParentTreeNextKey" => self.parents.len() as i64,
                "RoleMap" => role_map,
            }),
        );
        for (n, &pg) in pages.iter().enumerate() {
            if let Ok(Object::Dictionary(page)) = lo.get_object_mut(pg) {
                page.set("StructParents", n as i64);
                page.set("Tabs", "S");
            }
        }
        let root = lo.trailer.get(b"Root").and_then(|o| o.as_reference());
        if let Ok(Object::Dictionary(catalog)) = root.and_then(|r| lo.get_object_mut(r)) {
            catalog.set("StructTreeRoot", root_id);
            catalog.set("MarkInfo", dictionary! { "Marked" => true });
        }
    }
}

/// A text string: PDFDocEncoding's ASCII as it is, anything else UTF-16BE.
pub fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            bytes.extend(u.to_be_bytes());
        }
        Object::String(bytes, lopdf::StringFormat::Hexadecimal)
    }
}

/// Letters and digits: what a line shares with the tree's text whatever the
/// typography did to it.
fn weight(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Shares out the text items among `chunks` in order: each takes lines
/// until it has as many letters and digits as its text; what is left goes to
/// the last. Returns, per chunk, indices into `items`.
fn share_out(items: &[Pending], chunks: &[String]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); chunks.len()];
    if chunks.is_empty() {
        return out;
    }
    let mut c = 0;
    let mut have = 0;
    for (k, p) in items.iter().enumerate() {
        let w = p.text.as_deref().map_or(0, weight);
        while c + 1 < chunks.len() && have >= weight(&chunks[c]) {
            c += 1;
            have = 0;
        }
        out[c].push(k);
        have += w;
    }
    out
}

/// A fact box's paragraphs as the box sets them (list items with their
/// mark's digits, which count).
fn flatten(blocks: &[Block]) -> Vec<Vec<Inline>> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
                out.push(content.clone())
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    for (j, mut p) in flatten(item).into_iter().enumerate() {
                        if j == 0 && *ordered {
                            p.insert(0, Inline::text(format!("{}", i + 1)));
                        }
                        out.push(p);
                    }
                }
            }
            Block::Sidebar { body, .. }
            | Block::Container { body, .. }
            | Block::BlockQuote { body, .. } => out.extend(flatten(body)),
            Block::PullQuote { content, .. } => out.push(content.clone()),
            _ => {}
        }
    }
    out
}
