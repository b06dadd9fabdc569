//! Everything after the headline: photo captions, pull quotes with their
//! attribution, bylines and the agency line, then the story's paragraphs and
//! subheads, with wrapped lines joined and run-together paragraphs split.

use super::lines::{
    ends_sentence, ends_with_punctuation, ends_with_title_abbreviation, excerpt, is_abbreviation,
    is_lone_credit, is_navigation, looks_like_name, looks_like_org, squash, starts_sentence,
    starts_upper, strip_bullet, word_count, Chunk, Line,
};
use super::quotes::Corpus;
use super::Log;
use crate::model::{Article, Attribution, Block, Byline, Inline};
use crate::read::news::{is_sign_off, names_a_role, split_lede_dateline};

/// A pull quote with its attribution.
#[derive(Debug, Clone)]
struct Quote {
    line: u32,
    text: String,
    name: String,
    title: Option<String>,
}

/// A part of the text after the headline, before the story is put together.
#[derive(Debug, Clone)]
enum Unit {
    /// A chunk of story text (index into the chunks), to become paragraphs and subheads.
    Text(usize),
    Figure {
        line: u32,
        caption: String,
        credit: String,
    },
    Quote(Quote),
    Byline {
        line: u32,
        names: Vec<String>,
        title: Option<String>,
        org: Option<String>,
        agency: Option<(u32, String)>,
    },
    List {
        line: u32,
        items: Vec<String>,
    },
}

/// A block of the story in the making; pull quotes wait to be placed.
#[derive(Debug, Clone)]
enum Item {
    Paragraph { line: u32, text: String },
    Heading { text: String },
    Block(Block),
    List { line: u32, block: Block },
    Quote(usize),
}

/// Reads the chunks after the headline into the body and the byline fields of
/// `article`; returns the agency line under the byline, if there is one.
pub(super) fn read(
    chunks: &[Chunk],
    article: &mut Article,
    log: &mut Log,
) -> Option<(u32, String)> {
    let chunks = set_apart(drop_navigation(chunks, &mut article.meta, log));
    let units = segment(&chunks, log);

    // The byline closes the part before the story (captions, pull quotes, decks),
    // unless story text stands before it: then the byline is late, not a divider.
    let first_byline = units.iter().position(|u| matches!(u, Unit::Byline { .. }));
    let divider = first_byline.filter(|&b| {
        units[..b].iter().all(|u| match u {
            // A text opening with a dateline is the story's first paragraph, not a deck.
            Unit::Text(i) => chunks[*i]
                .single()
                .is_some_and(|t| word_count(t) <= 40 && split_lede_dateline(t).is_none()),
            _ => true,
        })
    });
    let pre_end = match divider {
        Some(b) => b + 1,
        None => units
            .iter()
            .take_while(|u| matches!(u, Unit::Figure { .. } | Unit::Quote(_)))
            .count(),
    };

    let mut quotes: Vec<Quote> = Vec::new();
    let mut figures: Vec<Item> = Vec::new();
    let mut lead_quotes: Vec<Item> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut agency = None;
    for (index, unit) in units.into_iter().enumerate() {
        let before_story = index < pre_end;
        match unit {
            Unit::Text(i) if before_story => {
                let chunk = &chunks[i];
                let text = chunk.joined();
                if is_headline_copy(&text, &article.meta) {
                    log.guess(
                        chunk.first_line(),
                        "dropped a copy of the headline (navigation residue)",
                    );
                } else {
                    log.guess(
                        chunk.first_line(),
                        "text between the headline and the byline taken as a deck (sub-headline)",
                    );
                    article.meta.decks.push(text);
                }
            }
            Unit::Text(i) => items.extend(pieces(&chunks[i], log)),
            Unit::Figure {
                line,
                caption,
                credit,
            } => {
                log.note(
                    line,
                    format!("photo caption with the credit `{credit}` taken as a figure (no image file is named)"),
                );
                let figure = Item::Block(Block::Figure {
                    src: None,
                    alt: None,
                    caption: vec![Inline::text(caption)],
                    credit: Some(credit),
                    width: None,
                    height: None,
                });
                if before_story {
                    figures.push(figure);
                } else {
                    items.push(figure);
                }
            }
            Unit::Quote(quote) => {
                let who = match &quote.title {
                    Some(title) => format!("{} ({title})", quote.name),
                    None => quote.name.clone(),
                };
                log.note(
                    quote.line,
                    format!("pull quote attributed to {who} by the short lines under it"),
                );
                let item = Item::Quote(quotes.len());
                quotes.push(quote);
                if before_story {
                    lead_quotes.push(item);
                } else {
                    items.push(item);
                }
            }
            Unit::Byline {
                line,
                names,
                title,
                org,
                agency: agency_line,
            } => {
                if !before_story {
                    log.guess(
                        line,
                        "byline found after story text; moved to the article's bylines",
                    );
                } else {
                    log.note(line, format!("byline: {}", names.join(", ")));
                }
                if let Some((no, name)) = &agency_line {
                    log.note(
                        *no,
                        format!("line under the byline taken as the agency `{name}`"),
                    );
                }
                let org = org.or_else(|| agency_line.as_ref().map(|(_, n)| n.clone()));
                for name in names {
                    article.meta.bylines.push(Byline {
                        name,
                        title: title.clone(),
                        org: org.clone(),
                    });
                }
                if agency.is_none() {
                    agency = agency_line;
                }
            }
            Unit::List { line, items: list } => {
                if before_story {
                    log.guess(
                        line,
                        "dropped a bulleted list before the story (navigation residue)",
                    );
                } else {
                    let block = Block::List {
                        ordered: false,
                        items: list
                            .into_iter()
                            .map(|t| {
                                vec![Block::Paragraph {
                                    classes: Vec::new(),
                                    lede: false,
                                    content: vec![Inline::text(t)],
                                }]
                            })
                            .collect(),
                    };
                    items.push(Item::List { line, block });
                }
            }
        }
    }
    drop_trailing_lists(&mut items, log);
    drop_sign_offs(&mut items, &mut article.meta, log);
    lift_dateline(&mut items, article, log);
    let targets = place_quotes(&quotes, &items, log);

    let body = &mut article.body;
    let emit = |item: Item, body: &mut Vec<Block>| match item {
        Item::Paragraph { text, .. } => body.push(Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(text)],
        }),
        Item::Heading { text, .. } => body.push(Block::Heading {
            level: 2,
            content: vec![Inline::text(text)],
        }),
        Item::Block(block) | Item::List { block, .. } => body.push(block),
        Item::Quote(q) => {
            if targets[q].is_none() {
                body.push(quote_block(&quotes[q]));
            }
        }
    };
    for item in figures.into_iter().chain(lead_quotes) {
        emit(item, body);
    }
    for (index, item) in items.into_iter().enumerate() {
        for (q, target) in targets.iter().enumerate() {
            if *target == Some(index) {
                body.push(quote_block(&quotes[q]));
            }
        }
        emit(item, body);
    }
    agency
}

/// Whether `text` repeats the headline, with or without its series-part prefix.
fn is_headline_copy(text: &str, meta: &crate::model::Meta) -> bool {
    let text = squash(text);
    let bare = crate::read::news::part_prefix(&text).map_or(text.clone(), |p| p.rest);
    [text, bare]
        .iter()
        .any(|t| t.to_lowercase() == meta.headline.to_lowercase())
}

fn quote_block(quote: &Quote) -> Block {
    Block::PullQuote {
        content: vec![Inline::text(quote.text.clone())],
        attribution: Some(Attribution {
            name: quote.name.clone(),
            title: quote.title.clone(),
        }),
    }
}

/// The chunks without lines that are navigation words ("Share", "Tags").
fn drop_navigation<'a>(
    chunks: &[Chunk<'a>],
    meta: &mut crate::model::Meta,
    log: &mut Log,
) -> Vec<Chunk<'a>> {
    let mut out = Vec::new();
    for chunk in chunks {
        let mut lines: Vec<Line> = Vec::new();
        for line in &chunk.lines {
            // A credit line alone marks where a photo was; the photo is not in the text.
            if chunk.lines.len() == 1 && is_lone_credit(line.text) {
                log.guess(
                    line.no,
                    format!("the line `{}` is the credit of a photo the text does not hold: kept in meta.extra[\"photo_credits\"]", line.text.trim()),
                );
                let credits = meta.extra.entry("photo_credits".to_string()).or_default();
                if !credits.is_empty() {
                    credits.push_str("; ");
                }
                credits.push_str(&squash(line.text));
            } else if is_navigation(line.text) {
                log.guess(
                    line.no,
                    format!("dropped navigation residue `{}`", line.text),
                );
            } else {
                lines.push(*line);
            }
        }
        if !lines.is_empty() {
            out.push(Chunk { lines });
        }
    }
    out
}

/// Cuts chunks around the lines that stand alone in the wire form even where no
/// blank line sets them apart: bylines (with the agency line under them) and captions.
fn set_apart(chunks: Vec<Chunk>) -> Vec<Chunk> {
    let mut out = Vec::new();
    for chunk in chunks {
        if chunk.lines.len() == 1 {
            out.push(chunk);
            continue;
        }
        let mut current = Vec::new();
        let mut lines = chunk.lines.into_iter().peekable();
        while let Some(line) = lines.next() {
            let byline = parse_byline(line.text).is_some();
            if !byline && split_credit(line.text).is_none() {
                current.push(line);
                continue;
            }
            // A caption wrapped over lines: its first lines stand above the credit line.
            let mut own = vec![line];
            if !byline {
                while let Some(above) = current.last() {
                    let continues = own[0].text.chars().next().is_some_and(char::is_lowercase);
                    if !continues || ends_with_punctuation(above.text) {
                        break;
                    }
                    own.insert(0, *above);
                    current.pop();
                }
            }
            if !current.is_empty() {
                out.push(Chunk {
                    lines: std::mem::take(&mut current),
                });
            }
            out.push(Chunk { lines: own });
            if byline {
                if let Some(agency) = lines.next_if(|l| looks_like_org(l.text)) {
                    out.push(Chunk {
                        lines: vec![agency],
                    });
                }
            }
        }
        if !current.is_empty() {
            out.push(Chunk { lines: current });
        }
    }
    out
}

/// Sorts chunks into units: captions, bylines, pull quotes, lists and story text.
fn segment(chunks: &[Chunk], log: &mut Log) -> Vec<Unit> {
    let texts: Vec<String> = chunks.iter().map(Chunk::joined).collect();
    let mut corpus = Corpus::new(texts.iter().map(String::as_str));
    let mut units = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        let chunk = &chunks[i];
        let line = chunk.first_line();
        if chunk.lines.iter().all(|l| strip_bullet(l.text).is_some()) {
            let items = chunk
                .lines
                .iter()
                .filter_map(|l| strip_bullet(l.text).map(squash))
                .collect();
            units.push(Unit::List { line, items });
            i += 1;
        } else if let Some((caption, credit)) = split_credit(&texts[i]) {
            units.push(Unit::Figure {
                line,
                caption,
                credit,
            });
            i += 1;
        } else if let Some((names, title, org)) = chunk.single().and_then(parse_byline) {
            let agency = chunks
                .get(i + 1)
                .and_then(|c| c.single().map(|t| (c.first_line(), t)))
                .filter(|(_, t)| {
                    looks_like_org(t) && word_count(t) <= 6 && parse_byline(t).is_none()
                })
                .map(|(no, t)| (no, squash(t)));
            i += if agency.is_some() { 2 } else { 1 };
            units.push(Unit::Byline {
                line,
                names,
                title,
                org,
                agency,
            });
        } else if let Some((quote, used)) = pull_quote_at(chunks, &texts, &mut corpus, i, log) {
            units.push(Unit::Quote(quote));
            i += used;
        } else {
            units.push(Unit::Text(i));
            i += 1;
        }
    }
    units
}

/// A pull quote starting at chunk `i`: the quote, then its speaker's name on a
/// line of its own, then (usually) the speaker's title; returns it and the chunks used.
fn pull_quote_at(
    chunks: &[Chunk],
    texts: &[String],
    corpus: &mut Corpus,
    i: usize,
    log: &mut Log,
) -> Option<(Quote, usize)> {
    let quote = &texts[i];
    if word_count(quote) > 120 {
        return None;
    }
    let name = chunks.get(i + 1)?.single()?;
    if !looks_like_name(name) || parse_byline(name).is_some() {
        return None;
    }
    let title = chunks
        .get(i + 2)
        .and_then(Chunk::single)
        .filter(|t| is_title(t) && split_credit(t).is_none() && parse_byline(t).is_none());
    let used = if title.is_some() { 3 } else { 2 };
    if title.is_none() {
        // A name alone is also what a subhead looks like: ask the body for proof.
        corpus.best_match(quote, &[i, i + 1])?;
        log.guess(
            chunks[i + 1].first_line(),
            format!("`{name}` taken as the name under a pull quote (no title line follows), since the quote repeats the story"),
        );
    }
    Some((
        Quote {
            line: chunks[i].first_line(),
            text: quote.clone(),
            name: squash(name),
            title: title.map(squash),
        },
        used,
    ))
}

/// A speaker's title under a pull quote: a short line that does not end a sentence
/// (an abbreviation such as "D-N.D." or "Minn." may end it).
fn is_title(text: &str) -> bool {
    let last = text.split_whitespace().last().unwrap_or("");
    word_count(text) <= 12
        && text.chars().count() <= 90
        && starts_upper(text)
        && (!ends_sentence(text) || is_abbreviation(last))
}

/// A photo caption's text and credit: "… in Washington. - Ryan Babb / Forum News Service".
fn split_credit(text: &str) -> Option<(String, String)> {
    let credit_like = |credit: &str| {
        credit.contains('/')
            && (2..=10).contains(&word_count(credit))
            && credit.chars().count() <= 80
            && !ends_with_punctuation(credit)
            && starts_upper(credit)
    };
    let dash = [" - ", " – ", " — "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|pos| (pos, sep.len())))
        .max();
    if let Some((pos, len)) = dash {
        let caption = text[..pos].trim();
        let credit = text[pos + len..].trim();
        if credit_like(credit) && word_count(caption) >= 3 {
            return Some((caption.to_string(), credit.to_string()));
        }
    }
    // "… in Washington. (Ryan Babb / Forum News Service)"
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let caption = inner[..open].trim();
    let credit = inner[open + 1..].trim();
    (credit_like(credit) && word_count(caption) >= 3)
        .then(|| (caption.to_string(), credit.to_string()))
}

/// Words in a byline part that name an organisation rather than a person.
const ORG_WORDS: &[&str] = &[
    "Press",
    "News",
    "Service",
    "Agency",
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Journal",
    "Gazette",
    "Wire",
    "Associated",
    "Reuters",
    "Bureau",
    "Media",
    "Network",
    "Radio",
    "Daily",
    "Newspapers",
];
/// The names, title and organisation of a byline line: `By A and B`, `By A, Staff Writer`.
pub(super) fn parse_byline(text: &str) -> Option<(Vec<String>, Option<String>, Option<String>)> {
    let rest = ["By ", "BY ", "by ", "Written by "]
        .iter()
        .find_map(|lead| text.strip_prefix(lead))?
        .trim();
    let last = rest.split_whitespace().last()?;
    if word_count(rest) > 16 || (ends_sentence(rest) && !is_abbreviation(last)) {
        return None;
    }
    let listed = rest
        .replace(" and ", ", ")
        .replace(" & ", ", ")
        .replace(" / ", ", ")
        .replace([';', '|'], ",");
    let (mut names, mut title, mut org) = (Vec::new(), None, None);
    for (index, part) in listed.split(',').map(str::trim).enumerate() {
        if part.is_empty() {
            continue;
        }
        let has = |list: &[&str]| part.split_whitespace().any(|w| list.contains(&w));
        if index > 0 && names_a_role(part) {
            title = Some(squash(part));
        } else if index > 0 && has(ORG_WORDS) {
            org = Some(squash(part));
        } else if looks_like_name(part) {
            names.push(squash(part));
        } else {
            return None;
        }
    }
    (!names.is_empty()).then_some((names, title, org))
}

/// A subhead: a short line that starts with a capital and has no closing punctuation.
fn is_subhead(text: &str) -> bool {
    (1..=10).contains(&word_count(text))
        && text.chars().count() <= 70
        && !ends_with_punctuation(text)
        && (starts_upper(text) || text.starts_with(|c: char| c.is_ascii_digit()))
        && strip_bullet(text).is_none()
}

/// The paragraphs and subheads of one chunk: lines wrapped mid-sentence are
/// joined, and a line ending a sentence followed by one starting a sentence
/// (with no blank line between) ends a paragraph.
fn pieces(chunk: &Chunk, log: &mut Log) -> Vec<Item> {
    let lines = &chunk.lines;
    if let Some(text) = chunk.single() {
        if is_subhead(text) {
            log.guess(
                chunk.first_line(),
                "short line without closing punctuation taken as a subhead",
            );
            return vec![Item::Heading { text: squash(text) }];
        }
    }
    let mut out = Vec::new();
    let mut text = squash(lines[0].text);
    let mut start = lines[0].no;
    let mut joined = 0;
    for pair in lines.windows(2) {
        let (prev, next) = (pair[0].text, pair[1]);
        if joined == 0 && is_subhead(prev) && starts_upper(next.text) {
            log.guess(
                start,
                "short line without closing punctuation taken as a subhead over the paragraph under it",
            );
            out.push(Item::Heading {
                text: std::mem::replace(&mut text, squash(next.text)),
            });
            start = next.no;
            continue;
        }
        if ends_sentence(prev) && starts_sentence(next.text) {
            if ends_with_title_abbreviation(prev) {
                log.guess(
                    next.no,
                    "line joined to the one above, which ends with an abbreviation rather than a sentence",
                );
            } else {
                log.guess(
                    next.no,
                    "new paragraph: the line above ends a sentence and this one starts another, with no blank line between",
                );
                out.push(Item::Paragraph {
                    line: start,
                    text: std::mem::replace(&mut text, squash(next.text)),
                });
                start = next.no;
                joined = 0;
                continue;
            }
        } else if !ends_sentence(prev) {
            log.note(
                next.no,
                "line joined to the one above, which ends mid-sentence (a wrapped line)",
            );
        } else {
            log.note(
                next.no,
                "line joined to the one above: it goes on in lower case",
            );
        }
        text.push(' ');
        text.push_str(&squash(next.text));
        joined += 1;
    }
    out.push(Item::Paragraph { line: start, text });
    out
}

/// Sign-offs closing the copy (`/ritzau/`, `(BusinessDesk)`, editors' initials) are
/// not story text: they go to `meta.extra["signoff"]`.
fn drop_sign_offs(items: &mut Vec<Item>, meta: &mut crate::model::Meta, log: &mut Log) {
    let mut signed = Vec::new();
    while let Some(Item::Paragraph { line, text }) = items.last() {
        if !is_sign_off(text) {
            break;
        }
        signed.push((*line, text.trim().to_string()));
        items.pop();
    }
    for (line, text) in signed.into_iter().rev() {
        log.note(
            line,
            format!("the closing line `{text}` signs the copy: kept in meta.extra[\"signoff\"], not as body text"),
        );
        let kept = meta.extra.entry("signoff".to_string()).or_default();
        if !kept.is_empty() {
            kept.push_str("; ");
        }
        kept.push_str(&text);
    }
}

/// Bulleted lists after the story's last paragraph are the page's link lists,
/// unless the paragraph announces the list ("If you go:").
fn drop_trailing_lists(items: &mut Vec<Item>, log: &mut Log) {
    let mut keep = items
        .iter()
        .rposition(|i| matches!(i, Item::Paragraph { .. } | Item::Heading { .. }))
        .map_or(0, |p| p + 1);
    let announced =
        keep > 0 && matches!(&items[keep - 1], Item::Paragraph { text, .. } if text.ends_with(':'));
    if announced && matches!(items.get(keep), Some(Item::List { .. })) {
        keep += 1;
    }
    for (index, item) in items.iter().enumerate() {
        if let Item::List { line, .. } = item {
            if index < keep {
                log.guess(*line, "bulleted lines taken as a list");
            } else {
                log.guess(
                    *line,
                    "dropped a bulleted list after the story (navigation residue)",
                );
            }
        }
    }
    let mut index = 0;
    items.retain(|item| {
        index += 1;
        index <= keep || !matches!(item, Item::List { .. })
    });
}

/// Moves a dateline (`WASHINGTON – As …`) from the first paragraph into the meta.
fn lift_dateline(items: &mut [Item], article: &mut Article, log: &mut Log) {
    let Some(Item::Paragraph { line, text }) = items
        .iter_mut()
        .find(|i| matches!(i, Item::Paragraph { .. }))
    else {
        return;
    };
    let Some((dateline, rest, tag)) = split_lede_dateline(text) else {
        return;
    };
    log.note(
        *line,
        format!(
            "dateline `{}` lifted out of the first paragraph",
            dateline.place
        ),
    );
    if let Some(tag) = tag {
        log.note(
            *line,
            format!(
                "agency tag `({tag})` after the dateline kept in meta.extra[\"dateline_agency\"]"
            ),
        );
        article
            .meta
            .extra
            .insert("dateline_agency".to_string(), tag.to_string());
    }
    article.meta.dateline = Some(dateline);
    *text = rest;
}

/// Finds the paragraph each pull quote repeats; `None` keeps a quote where it stood.
fn place_quotes(quotes: &[Quote], items: &[Item], log: &mut Log) -> Vec<Option<usize>> {
    let paragraphs: Vec<(usize, u32, &str)> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| match item {
            Item::Paragraph { line, text } => Some((index, *line, text.as_str())),
            _ => None,
        })
        .collect();
    let mut corpus = Corpus::new(paragraphs.iter().map(|p| p.2));
    quotes
        .iter()
        .map(|quote| {
            let Some(found) = corpus.best_match(&quote.text, &[]) else {
                log.guess(
                    quote.line,
                    format!(
                        "pull quote `{}` not found in the story; kept where it stood",
                        excerpt(&quote.text, 40)
                    ),
                );
                return None;
            };
            let (index, line, _) = paragraphs[found.paragraph];
            if found.is_exact() {
                log.note(
                    quote.line,
                    format!("pull quote repeats the paragraph at line {line}; placed before it"),
                );
            } else {
                log.guess(
                    quote.line,
                    format!(
                        "pull quote matched loosely to the paragraph at line {line} ({} of {} words differ or are missing); placed before it",
                        found.words - found.exact,
                        found.words
                    ),
                );
            }
            Some(index)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_end_captions() {
        assert_eq!(
            split_credit("Boats lie on the dry bed of the lake. - Per Vik / Northwind Press"),
            Some((
                "Boats lie on the dry bed of the lake.".to_string(),
                "Per Vik / Northwind Press".to_string()
            ))
        );
        assert_eq!(
            split_credit("The old bridge at dawn. (Per Vik/NWP)").map(|c| c.1),
            Some("Per Vik/NWP".to_string())
        );
        assert_eq!(split_credit("It was 1961 - the year the water came."), None);
    }

    #[test]
    fn bylines_name_people_and_organisations() {
        let (names, title, org) = parse_byline("By Maren Holt and Jonas Eide").unwrap();
        assert_eq!(names, ["Maren Holt", "Jonas Eide"]);
        assert_eq!((title, org), (None, None));
        let (names, title, org) =
            parse_byline("By Per Vik, Staff Writer, Northwind Press").unwrap();
        assert_eq!(names, ["Per Vik"]);
        assert_eq!(title.as_deref(), Some("Staff Writer"));
        assert_eq!(org.as_deref(), Some("Northwind Press"));
        assert_eq!(
            parse_byline("By the time the water came, they had left."),
            None
        );
        assert_eq!(parse_byline("By noon"), None);
        let (names, title, _) = parse_byline("By June Okafor | Staff Writer").unwrap();
        assert_eq!(
            (names, title.as_deref()),
            (vec!["June Okafor".to_string()], Some("Staff Writer"))
        );
        let (names, _, _) = parse_byline("Written by June Okafor").unwrap();
        assert_eq!(names, ["June Okafor"]);
    }

    #[test]
    fn datelines_with_state_and_date() {
        let (d, rest, _) = split_lede_dateline("MARSK – The water is gone.").unwrap();
        assert_eq!(
            (d.place.as_str(), d.date, rest.as_str()),
            ("MARSK", None, "The water is gone.")
        );
        let (d, _, _) =
            split_lede_dateline("ST. OLAF, Minn., Aug. 4 — “It was dry,” he said.").unwrap();
        assert_eq!(d.place, "ST. OLAF, Minn.");
        assert_eq!(d.date.as_deref(), Some("--08-04"));
        let (d, _, tag) = split_lede_dateline("HALVARD (NWP) - Rain fell.").unwrap();
        assert_eq!((d.place.as_str(), tag.as_deref()), ("HALVARD", Some("NWP")));
        assert_eq!(split_lede_dateline("Halvard – the town – waited."), None);
        assert_eq!(split_lede_dateline("NASA said – quietly – no."), None);
    }

    fn chunk(text: &str) -> Chunk<'_> {
        super::super::lines::chunks(text).remove(0)
    }

    #[test]
    fn wrapped_lines_join_and_run_together_paragraphs_split() {
        let mut log = Log::default();
        let items = pieces(
            &chunk("The dam was built\nin 1961. Nobody asked.\nThe water rose.\nand rose."),
            &mut log,
        );
        let texts: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Paragraph { line, text } => format!("{line}:{text}"),
                _ => "other".to_string(),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "1:The dam was built in 1961. Nobody asked.",
                "3:The water rose. and rose."
            ]
        );
        assert_eq!(log.warnings.len(), 1);
        assert_eq!(log.decisions.len(), 3);
    }

    #[test]
    fn short_unpunctuated_lines_are_subheads() {
        let mut log = Log::default();
        let items = pieces(
            &chunk("The village returns\nStone walls rose from the mud."),
            &mut log,
        );
        assert!(matches!(&items[0], Item::Heading { text, .. } if text == "The village returns"));
        assert!(matches!(&items[1], Item::Paragraph { line: 2, .. }));
        let items = pieces(&chunk("After the flood"), &mut log);
        assert!(matches!(&items[0], Item::Heading { .. }));
        let items = pieces(&chunk("Met with Sen.\nAda Lind on Friday."), &mut log);
        assert!(
            matches!(&items[..], [Item::Paragraph { text, .. }] if text == "Met with Sen. Ada Lind on Friday.")
        );
    }
}
