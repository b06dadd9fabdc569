//! Grouping articles by series and putting them in reading order.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::backend::Document;
use crate::dates::{days_in_month, epoch_seconds, parse_date};
use crate::model::Meta;

/// The key articles of one series share: the name folded to lower case with
/// runs of white space made one, so `Still  Water` and `still water` match.
pub fn series_key(meta: &Meta) -> Option<String> {
    let name = meta.series.as_ref()?.name.trim();
    if name.is_empty() {
        return None;
    }
    Some(
        name.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The reading order: by series (named series first, by name), then part,
/// then date, then file name (then the whole path); what is unknown sorts
/// after what is known.
pub fn compare(a: &Document, b: &Document) -> Ordering {
    let (ka, kb) = (series_key(&a.article.meta), series_key(&b.article.meta));
    none_last(ka.as_ref(), kb.as_ref())
        .then_with(|| {
            let part = |d: &Document| d.article.meta.series.as_ref().and_then(|s| s.part);
            none_last(part(a).as_ref(), part(b).as_ref())
        })
        .then_with(|| {
            none_last(
                sortable_date(&a.article.meta).as_ref(),
                sortable_date(&b.article.meta).as_ref(),
            )
        })
        .then_with(|| file_name(&a.origin).cmp(file_name(&b.origin)))
        .then_with(|| a.origin.cmp(&b.origin))
}

/// The last component of an origin path, which is what orders equal parts.
fn file_name(origin: &str) -> &str {
    origin.rsplit(['/', '\\']).next().unwrap_or(origin)
}

fn none_last<T: Ord>(a: Option<&T>, b: Option<&T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The date as `YYYY-MM-DD` when the article carries a full calendar date.
fn sortable_date(meta: &Meta) -> Option<(i32, u32, u32)> {
    meta.date.as_deref().and_then(parse_date)
}

/// Sorts documents into reading order (stable, so equal keys keep input order).
pub fn order(docs: &mut [Document]) {
    docs.sort_by(compare);
}

/// Splits documents into books, one per series, each in reading order; an
/// article that belongs to no series becomes a book of its own.
pub fn group(mut docs: Vec<Document>) -> Vec<Vec<Document>> {
    order(&mut docs);
    let mut books: Vec<Vec<Document>> = Vec::new();
    let mut last_key: Option<String> = None;
    for doc in docs {
        let key = series_key(&doc.article.meta);
        match (&key, books.last_mut()) {
            (Some(k), Some(book)) if last_key.as_ref() == Some(k) => book.push(doc),
            _ => books.push(vec![doc]),
        }
        last_key = key;
    }
    books
}

/// What a set of articles tells of each series they belong to: how many
/// parts it has in all, and the dates of its parts that carry a year. A book
/// that holds only some parts of a series (one book per article) learns from
/// it what the whole run knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesFacts {
    by_key: BTreeMap<String, Facts>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Facts {
    total: Option<u32>,
    dates: Vec<(i32, u32, u32)>,
}

impl SeriesFacts {
    /// The facts `docs` give, series by series.
    pub fn gather<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Self {
        let mut facts = SeriesFacts::default();
        for doc in docs {
            let meta = &doc.article.meta;
            let (Some(key), Some(series)) = (series_key(meta), meta.series.as_ref()) else {
                continue;
            };
            let entry = facts.by_key.entry(key).or_default();
            if let Some(total) = series.total.filter(|&t| t > 0) {
                entry.total = Some(entry.total.map_or(total, |t| t.max(total)));
            }
            entry.dates.extend(sortable_date(meta));
        }
        facts.tidy();
        facts
    }

    /// Adds what `other` knows.
    pub fn merge(&mut self, other: &SeriesFacts) {
        for (key, theirs) in &other.by_key {
            let ours = self.by_key.entry(key.clone()).or_default();
            ours.total = ours.total.max(theirs.total);
            ours.dates.extend_from_slice(&theirs.dates);
        }
        self.tidy();
    }

    fn tidy(&mut self) {
        for facts in self.by_key.values_mut() {
            facts.dates.sort_unstable();
            facts.dates.dedup();
        }
    }

    /// The number of parts the series (by [`series_key`]) has in all, when any part says.
    pub fn total(&self, key: &str) -> Option<u32> {
        self.by_key.get(key)?.total
    }

    /// A whole date for a month and day of the series: the year that puts it
    /// nearest to one of the series' dated parts. `None` when no part of the
    /// series carries a year: a year is never borrowed from another series.
    pub fn date_in_series(&self, key: &str, (month, day): (u32, u32)) -> Option<(i32, u32, u32)> {
        let dated = &self.by_key.get(key)?.dates;
        let days = |date| epoch_seconds(date) / 86_400;
        dated
            .iter()
            .flat_map(|&(year, _, _)| [year - 1, year, year + 1])
            .filter(|&year| day <= days_in_month(year, month))
            .map(|year| (year, month, day))
            .min_by_key(|&date| {
                let distance = dated
                    .iter()
                    .map(|&known| (days(known) - days(date)).abs())
                    .min()
                    .unwrap_or(i64::MAX);
                (distance, date)
            })
    }
}

/// A month and day from a date without a year (`--08-04`), or from a whole date.
pub fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    if let Some((_, month, day)) = parse_date(text) {
        return Some((month, day));
    }
    let rest = text.trim().strip_prefix("--")?;
    let month: u32 = rest.get(0..2)?.parse().ok()?;
    let day: u32 = rest.get(3..5)?.parse().ok()?;
    ((1..=12).contains(&month)
        && (1..=days_in_month(2000, month)).contains(&day)
        && rest.get(2..3) == Some("-"))
    .then_some((month, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Series};

    fn doc(origin: &str, series: Option<(&str, Option<u32>)>, date: Option<&str>) -> Document {
        let mut article = Article::new();
        article.meta.series = series.map(|(name, part)| Series {
            name: name.into(),
            part,
            total: None,
        });
        article.meta.date = date.map(String::from);
        Document::new(article, origin)
    }

    #[test]
    fn orders_by_series_part_date_then_file_name() {
        let docs = vec![
            doc("z.txt", None, None),
            doc("b/a.txt", None, None),
            doc("b.xml", Some(("Still Water", Some(2))), None),
            doc("c.xml", Some(("still  water", None)), Some("2026-03-01")),
            doc("a.xml", Some(("Still Water", Some(1))), Some("2026-03-09")),
            doc("d.json", Some(("Harbour Lights", Some(1))), None),
            doc("e.xml", Some(("Still Water", None)), None),
        ];
        let books = group(docs);
        let origins: Vec<Vec<&str>> = books
            .iter()
            .map(|b| b.iter().map(|d| d.origin.as_str()).collect())
            .collect();
        assert_eq!(
            origins,
            vec![
                vec!["d.json"],
                vec!["a.xml", "b.xml", "c.xml", "e.xml"],
                vec!["b/a.txt"],
                vec!["z.txt"]
            ]
        );
    }

    #[test]
    fn a_year_is_borrowed_only_from_the_same_series() {
        let docs = vec![
            doc("a.xml", Some(("Still Water", Some(1))), Some("2026-08-03")),
            doc("b.xml", Some(("Winter Roads", Some(1))), Some("2025-12-30")),
            doc("c.xml", Some(("Winter Roads", Some(2))), Some("2026-01-02")),
        ];
        let facts = SeriesFacts::gather(&docs);
        assert_eq!(
            facts.date_in_series("still water", (8, 4)),
            Some((2026, 8, 4))
        );
        // The nearest dated part decides, across a new year.
        assert_eq!(
            facts.date_in_series("winter roads", (12, 31)),
            Some((2025, 12, 31))
        );
        assert_eq!(
            facts.date_in_series("winter roads", (1, 3)),
            Some((2026, 1, 3))
        );
        assert_eq!(facts.date_in_series("trafficked", (12, 9)), None);
        // 29 February only in a leap year, and none is near 2026.
        assert_eq!(facts.date_in_series("still water", (2, 29)), None);
    }

    #[test]
    fn month_days_parse_only_when_valid() {
        assert_eq!(parse_month_day("--08-04"), Some((8, 4)));
        assert_eq!(parse_month_day("2026-08-04T06:00Z"), Some((8, 4)));
        assert_eq!(parse_month_day("--13-04"), None);
        assert_eq!(parse_month_day("--02-30"), None);
    }
}
