use serde::{Deserialize, Serialize};

/// A run of text within a block, with its emphasis and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Inline {
    /// Plain text.
    Text { text: String },
    /// Emphasised text, set in italic.
    Emphasis { content: Vec<Inline> },
    /// Strongly emphasised text, set in bold.
    Strong { content: Vec<Inline> },
    /// A hyperlink.
    Link { href: String, content: Vec<Inline> },
    /// A quotation run into the text; the quote marks belong to the backend.
    Quote { content: Vec<Inline> },
    /// A forced line break.
    LineBreak,
    /// Text with classes, for what has no node of its own (e.g. a tagged person or place).
    Span {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        classes: Vec<String>,
        content: Vec<Inline>,
    },
}

impl Inline {
    /// A text inline.
    pub fn text(text: impl Into<String>) -> Inline {
        Inline::Text { text: text.into() }
    }

    /// The inlines nested in this one.
    pub fn children(&self) -> &[Inline] {
        match self {
            Inline::Text { .. } | Inline::LineBreak => &[],
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. }
            | Inline::Quote { content }
            | Inline::Span { content, .. } => content,
        }
    }
}

/// The text of inlines without their markup; a line break becomes a space.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    collect_text(inlines, &mut out);
    out
}

fn collect_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::LineBreak => out.push(' '),
            Inline::Quote { content } => {
                out.push('\u{201C}');
                collect_text(content, out);
                out.push('\u{201D}');
            }
            other => collect_text(other.children(), out),
        }
    }
}
