use serde::{Deserialize, Serialize};

use super::Inline;

/// A block of the body: paragraphs, headings and the placed objects around them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph of running text; `classes` are the input's own (e.g. NTB's `txt-ind`),
    /// and `lede` marks the story's opening paragraph as the input marked it.
    Paragraph {
        content: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        classes: Vec<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        lede: bool,
    },
    /// A subhead within the body; level 2 is the first level below the headline.
    Heading { level: u8, content: Vec<Inline> },
    /// A quote pulled out of the story and set large, with who said it.
    PullQuote {
        content: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<Attribution>,
    },
    /// A photo or graphic with its caption and credit; `src` is absent when the
    /// input names no image file (web text often carries only the caption).
    Figure {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        src: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alt: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        caption: Vec<Inline>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credit: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        width: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        height: Option<u32>,
    },
    /// A fact box: a titled group of blocks set apart from the story.
    Sidebar {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        body: Vec<Block>,
    },
    /// A bulleted or numbered list; each item is a list of blocks.
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// A quoted passage set off from the text, with its source.
    BlockQuote {
        body: Vec<Block>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credit: Option<String>,
    },
    /// A table of rows and cells.
    Table(Table),
    /// A horizontal rule between parts of the story.
    Rule,
    /// A group with classes, for what has no node of its own.
    Container {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        classes: Vec<String>,
        body: Vec<Block>,
    },
}

impl Block {
    /// A paragraph without classes, not marked as the lede.
    pub fn paragraph(content: Vec<Inline>) -> Block {
        Block::Paragraph {
            content,
            classes: Vec::new(),
            lede: false,
        }
    }
}

/// Who said a pull quote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// The speaker's name.
    pub name: String,
    /// The speaker's title, e.g. "U.S. Senator, D-N.D.".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A table: an optional caption and rows of cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The table's caption.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<Inline>,
    /// The rows, header rows first.
    pub rows: Vec<TableRow>,
}

/// One table row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// Whether this row belongs to the table head.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    /// The cells, left to right.
    pub cells: Vec<TableCell>,
}

/// One table cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableCell {
    /// The cell's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<Inline>,
    /// How many columns the cell spans, when more than one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colspan: Option<u32>,
    /// How many rows the cell spans, when more than one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rowspan: Option<u32>,
}
