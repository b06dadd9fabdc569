//! The header lines (date, agency, series or section), the navigation residue
//! around them, and the headline with its series-part prefix.

use std::collections::VecDeque;

use super::body::parse_byline;
use super::lines::{
    ends_sentence, ends_with_punctuation, excerpt, is_navigation, squash, starts_upper,
    strip_bullet, word_count, Chunk, Line,
};
use super::Log;
use crate::diag::Error;
use crate::model::{Meta, Series};
use crate::read::news::{glued_headline_end, parse_date, part_prefix, Prefix};

/// What the header gave that later phases need.
#[derive(Debug, Default)]
pub(super) struct Header<'a> {
    /// The chunks after the headline (and its decks).
    pub rest: Vec<Chunk<'a>>,
    /// The agency named in the header (`Article by FNS`), with its line.
    pub agency: Option<(u32, String)>,
}

/// Reads header lines, residue and headline from the first chunks into `meta`.
pub(super) fn read<'a>(
    chunks: Vec<Chunk<'a>>,
    meta: &mut Meta,
    log: &mut Log,
) -> Result<Header<'a>, Error> {
    let mut agency = None;
    let mut labels: Vec<(u32, String)> = Vec::new();
    let mut residue: Vec<(u32, &str)> = Vec::new();
    let mut queue: VecDeque<Chunk<'a>> = chunks.into();

    let is_header = queue.front().is_some_and(|c| {
        c.lines
            .iter()
            .any(|l| parse_date(l.text).is_some() || agency_of(l.text).is_some())
    });
    let header_chunk = if is_header { queue.pop_front() } else { None };
    if let Some(chunk) = header_chunk {
        // The header ends at the first line that is none of its kinds: with no
        // blank line under the header, that line is the headline.
        let mut end = chunk.lines.len();
        for (index, line) in chunk.lines.iter().enumerate() {
            let date = parse_date(line.text).filter(|_| meta.date.is_none());
            let named = agency_of(line.text).filter(|_| agency.is_none());
            if let Some(date) = date {
                let note = if date.starts_with("--") {
                    format!(
                        "date `{}` read as {date} (the year is not given)",
                        line.text
                    )
                } else {
                    format!("date `{}` read as {date}", line.text)
                };
                log.note(line.no, note);
                meta.date = Some(date);
            } else if let Some(name) = named {
                log.note(line.no, format!("agency `{name}` from the header line"));
                agency = Some((line.no, name.to_string()));
            } else if strip_bullet(line.text).is_some() || is_navigation(line.text) {
                residue.push((line.no, line.text));
            } else if is_label(line.text) && parse_byline(line.text).is_none() {
                labels.push((line.no, squash(line.text)));
            } else {
                end = index;
                break;
            }
        }
        // A byline or a sentence right under the labels: the last label was the headline.
        let story_follows = chunk.lines.get(end).is_some_and(|l| {
            parse_byline(l.text).is_some()
                || (ends_sentence(l.text) && glued_headline_end(l.text).is_none())
        });
        if story_follows {
            if let Some((no, _)) = labels.pop() {
                end = chunk.lines.iter().position(|l| l.no == no).unwrap_or(end);
            }
        }
        if end < chunk.lines.len() {
            queue.push_front(Chunk {
                lines: chunk.lines[end..].to_vec(),
            });
        }
    }

    // Menus and bulleted link lists stand between the header and the headline.
    while let Some(chunk) = queue.front() {
        if !chunk
            .lines
            .iter()
            .all(|l| strip_bullet(l.text).is_some() || is_navigation(l.text))
        {
            break;
        }
        residue.extend(chunk.lines.iter().map(|l| (l.no, l.text)));
        queue.pop_front();
    }

    // A section label ("North Dakota") over the headline: a line of a few words,
    // then a longer one of a headline's shape.
    while queue.len() > 1 {
        let (Some(label), Some(next)) = (
            queue.front().and_then(Chunk::single),
            // The headline may have the story's first lines under it, unseparated.
            queue.get(1).and_then(|c| c.lines.first()).map(|l| l.text),
        ) else {
            break;
        };
        // ... or glued onto the same line: its own part is what has the shape.
        let next = glued_headline_end(next).map_or(next, |at| &next[..at]);
        let headline_like = (4..=20).contains(&word_count(next))
            && !ends_sentence(next)
            && parse_byline(next).is_none();
        if word_count(label) > 3 || ends_with_punctuation(label) || !headline_like {
            break;
        }
        let no = queue.front().map_or(0, Chunk::first_line);
        if meta.section.is_none() {
            log.guess(
                no,
                format!(
                    "the short line `{}` over the headline taken as the section",
                    squash(label)
                ),
            );
            meta.section = Some(squash(label));
        } else {
            log.guess(
                no,
                format!("dropped the label `{}` over the headline", squash(label)),
            );
        }
        queue.pop_front();
    }

    let Some(chunk) = queue.pop_front() else {
        return Err(Error::new(
            "no headline: the text holds only header lines or navigation residue",
        ));
    };
    let first = chunk.lines[0];
    // A scrape may glue the headline and the story's first line into one line.
    let glued = glued_headline_end(first.text).map(|at| Line {
        no: first.no,
        text: first.text[at..].trim_start(),
    });
    let head_text = match &glued {
        Some(story) => first.text[..first.text.len() - story.text.len()].trim_end(),
        None => first.text,
    };
    let mut headline = squash(head_text);
    log.note(
        first.no,
        "headline: the first line after the header and navigation",
    );
    if let Some(story) = &glued {
        log.guess(
            first.no,
            format!(
                "the headline line runs on into the story: split before the dateline `{}`, the headline taken as `{}`",
                excerpt(story.text, 24),
                excerpt(&headline, 60)
            ),
        );
    }
    // Under the headline: its wrapped end, then up to two short decks; the rest is story.
    // A glued headline ends where the story begins, so neither follows it.
    let mut lines = chunk.lines[1..].iter().peekable();
    if let Some(story) = glued {
        let mut rest = vec![story];
        rest.extend(lines.by_ref().copied());
        queue.push_front(Chunk { lines: rest });
    }
    while let Some(line) = lines.next_if(|l| {
        !ends_with_punctuation(&headline) && !starts_upper(l.text) && meta.decks.is_empty()
    }) {
        log.note(line.no, "line joined to the headline, which it continues");
        headline.push(' ');
        headline.push_str(&squash(line.text));
    }
    while let Some(line) = lines.next_if(|l| {
        meta.decks.len() < 2
            && is_label(l.text)
            && word_count(l.text) > 1
            && parse_byline(l.text).is_none()
    }) {
        log.guess(
            line.no,
            "short line right under the headline taken as a deck (sub-headline)",
        );
        meta.decks.push(squash(line.text));
    }
    let story: Vec<Line<'a>> = lines.copied().collect();
    if !story.is_empty() {
        queue.push_front(Chunk { lines: story });
    }

    for (no, text) in residue {
        let bare = strip_bullet(text).map(squash);
        if bare.as_deref() == Some(headline.as_str()) {
            log.guess(
                no,
                "dropped a bulleted copy of the headline (navigation residue)",
            );
        } else {
            log.guess(
                no,
                format!("dropped navigation residue `{}`", excerpt(text, 60)),
            );
        }
    }

    let part = part_prefix(&headline);
    if let Some(prefix) = &part {
        log.note(
            first.no,
            format!(
                "headline prefix `{}` taken as the kicker and series part {}{}",
                prefix.kicker,
                prefix.part,
                prefix.total.map(|t| format!(" of {t}")).unwrap_or_default()
            ),
        );
        meta.kicker = Some(prefix.kicker.clone());
        headline = prefix.rest.clone();
    }
    if headline.chars().count() > MAX_HEADLINE_CHARS {
        log.guess(
            first.no,
            format!(
                "the headline is {} characters long: is it a paragraph? (a headline of this form has no blank line under it)",
                headline.chars().count()
            ),
        );
    }
    meta.headline = headline;
    series_and_section(labels, part.as_ref(), meta, log);
    Ok(Header {
        rest: queue.into(),
        agency,
    })
}

/// Longer than any headline a desk writes: three lines of a broadsheet's banner.
const MAX_HEADLINE_CHARS: usize = 200;

/// Sorts the header's label lines into series and section.
fn series_and_section(
    labels: Vec<(u32, String)>,
    part: Option<&Prefix>,
    meta: &mut Meta,
    log: &mut Log,
) {
    let mut rest = Vec::new();
    for (no, label) in labels {
        match series_name(&label) {
            Some((name, word)) if meta.series.is_none() => {
                log.guess(
                    no,
                    format!("header line `{label}` taken as the series \"{name}\" (the trailing \"{word}\" dropped)"),
                );
                meta.series = Some(Series {
                    name: name.to_string(),
                    ..Series::default()
                });
            }
            _ => rest.push((no, label)),
        }
    }
    if meta.series.is_none() && part.is_some() {
        if let Some((no, label)) = rest.pop() {
            log.guess(
                no,
                format!("header line `{label}` taken as the series name, since the headline names a part"),
            );
            meta.series = Some(Series {
                name: label,
                ..Series::default()
            });
        }
    }
    for (no, label) in rest {
        if meta.section.is_none() {
            log.guess(no, format!("header line `{label}` taken as the section"));
            meta.section = Some(label);
        } else {
            let key = format!("header_line_{no}");
            log.guess(
                no,
                format!("header line `{label}` kept in meta.extra[\"{key}\"]"),
            );
            meta.extra.insert(key, label);
        }
    }
    match (&mut meta.series, part) {
        (Some(series), Some(prefix)) => {
            series.part = Some(prefix.part);
            series.total = prefix.total;
        }
        (None, Some(prefix)) => {
            log.guess(
                0,
                format!("the headline names part {} but no series name was found; the part is kept in meta.extra[\"series_part\"]", prefix.part),
            );
            meta.extra
                .insert("series_part".to_string(), prefix.part.to_string());
        }
        _ => {}
    }
}

/// A label line: a few words without closing punctuation.
fn is_label(text: &str) -> bool {
    (1..=8).contains(&word_count(text))
        && text.chars().count() <= 60
        && !ends_with_punctuation(text)
}

/// The series name of a label ending in "Report" or "Series" and the words
/// dropped ("Trafficked Report" → "Trafficked", "Report").
fn series_name(label: &str) -> Option<(&str, &str)> {
    let mut name = label;
    let mut stripped = false;
    for _ in 0..2 {
        let Some((head, last)) = name.rsplit_once(' ') else {
            break;
        };
        if ["report", "series", "special"].contains(&last.to_lowercase().as_str()) {
            name = head.trim_end();
            stripped = true;
        } else {
            break;
        }
    }
    (stripped && !name.is_empty()).then(|| (name, label[name.len()..].trim()))
}

/// The agency of a header line `Article by FNS` (also `Story by`, `Report by`).
fn agency_of(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    for lead in [
        "article by ",
        "story by ",
        "report by ",
        "agency: ",
        "source: ",
    ] {
        if lower.starts_with(lead) {
            // The lead is ASCII, so its length is a character boundary in `text` too.
            let agency = text[lead.len()..].trim();
            if !agency.is_empty() && word_count(agency) <= 6 {
                return Some(agency);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_words_are_stripped() {
        assert_eq!(
            series_name("Trafficked Report"),
            Some(("Trafficked", "Report"))
        );
        assert_eq!(
            series_name("Low Tide Special Report"),
            Some(("Low Tide", "Special Report"))
        );
        assert_eq!(series_name("Report"), None);
        assert_eq!(series_name("Business"), None);
    }

    #[test]
    fn agency_lines() {
        assert_eq!(agency_of("Article by FNS"), Some("FNS"));
        assert_eq!(
            agency_of("Story by Northwind Press"),
            Some("Northwind Press")
        );
        assert_eq!(agency_of("Articles are free"), None);
    }
}
