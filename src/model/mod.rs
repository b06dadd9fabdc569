//! The intermediate document tree: the contract between readers and backends.
//!
//! The tree serialises to versioned JSON (`"version": 1`), with snake_case field
//! names and blocks and inlines tagged by a `"type"` field. Optional fields and
//! empty lists are left out of the JSON. This module depends on nothing else in
//! the crate.

mod article;
mod block;
mod inline;

pub use article::{Article, Byline, Dateline, Meta, Series, SCHEMA_VERSION};
pub use block::{Attribution, Block, Table, TableCell, TableRow};
pub use inline::{plain_text, Inline};

/// The tree as pretty-printed JSON, the form `galley tree` writes and golden files keep.
pub fn to_json(article: &Article) -> String {
    // Serialising plain data to a String cannot fail.
    serde_json::to_string_pretty(article).expect("the tree serialises to JSON")
}
