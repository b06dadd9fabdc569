use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Block;

/// The version of the tree JSON this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One news article: what it is about (`meta`) and what it says (`body`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Schema version of the tree; always [`SCHEMA_VERSION`] when written.
    pub version: u32,
    /// Headline, bylines, dates, series and every other field the input carried.
    pub meta: Meta,
    /// The story itself, in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Block>,
}

impl Article {
    /// An empty article of the current schema version.
    pub fn new() -> Self {
        Article {
            version: SCHEMA_VERSION,
            meta: Meta::default(),
            body: Vec::new(),
        }
    }
}

impl Default for Article {
    fn default() -> Self {
        Article::new()
    }
}

/// What an article is about: everything that is not body text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The main headline, without a series prefix.
    #[serde(default)]
    pub headline: String,
    /// Sub-headlines (decks) under the headline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decks: Vec<String>,
    /// The short label over the headline, e.g. "Day 7".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// Who wrote the article, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bylines: Vec<Byline>,
    /// Where (and when) the story was filed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// Publication date in ISO 8601, or the parts that are known (`--12-09`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The series this article is a part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Series>,
    /// Newspaper section or desk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The agency or distributor the article came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Language as a BCP 47 tag, e.g. `en-US` or `nb-NO`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The document identifier the input carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Subject keywords, in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Copyright or usage rights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    /// A short summary (NITF `abstract`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// A closing line after the body (NITF `tagline`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tagline: Option<String>,
    /// Every other field the input carried, by a name that says where it came from.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// One author credit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Byline {
    /// The person's name.
    pub name: String,
    /// Their role, e.g. "Staff Writer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Their organisation, e.g. "Forum News Service".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
}

/// The place (and date) a story was filed from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    /// The place, as printed, e.g. "WASHINGTON".
    pub place: String,
    /// The date, in ISO 8601 or as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A series and the article's place in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// The series name, e.g. "Trafficked".
    pub name: String,
    /// This article's part number, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
    /// How many parts the series has, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
}
