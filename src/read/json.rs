//! The tree JSON reader: galley's own tree, validated.

use serde::Deserialize;

use super::{decode_utf8, Format, ReadOptions, Reading, MAX_DEPTH};
use crate::diag::{Error, Location};
use crate::model::{Article, Block, Inline, SCHEMA_VERSION};

/// The deepest JSON nesting a tree of [`MAX_DEPTH`] levels can need: a list item
/// takes three (the list, its items, the item), and a table at the bottom a few more.
const MAX_JSON_DEPTH: usize = 3 * MAX_DEPTH + 16;

/// Only the version, read first so that a tree of another version gets a clear error.
#[derive(Deserialize)]
#[serde(expecting = "a galley tree (a JSON object with \"version\": 1)")]
struct VersionOnly {
    version: Option<serde_json::Value>,
}

pub(super) fn read(bytes: &[u8], options: &ReadOptions) -> Result<Reading, Error> {
    let mut warnings = Vec::new();
    let text = decode_utf8(bytes, options.lossy, &mut warnings)?;
    let located = |e: serde_json::Error| {
        let location =
            (e.line() > 0).then(|| Location::at(e.line() as u32, e.column().max(1) as u32));
        // serde_json appends " at line L column C"; the location says that already.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_string(),
            None => message,
        };
        Error {
            location,
            message: format!("not a valid galley tree: {message}"),
        }
    };
    if let Some(offset) = too_deep(&text) {
        return Err(Error {
            location: Some(Location::of_offset(text.as_bytes(), offset)),
            message: format!(
                "not a valid galley tree: it nests deeper than a tree of {MAX_DEPTH} levels of blocks and inlines can (galley's limit); expected a flatter tree"
            ),
        });
    }
    let version: VersionOnly = from_str(&text).map_err(located)?;
    match version.version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION as u64) => {}
        Some(other) => {
            return Err(Error::new(format!(
                "tree version {other} is not supported: this galley reads version {SCHEMA_VERSION}"
            )))
        }
        None => {
            return Err(Error::new(format!(
                "not a galley tree: the object has no \"version\" field (expected \"version\": {SCHEMA_VERSION})"
            )))
        }
    }
    let article: Article = from_str(&text).map_err(located)?;
    let depth = article.body.iter().map(block_depth).max().unwrap_or(0);
    if depth > MAX_DEPTH {
        return Err(Error::new(format!(
            "not a valid galley tree: its blocks and inlines nest {depth} levels deep, more than galley's limit of {MAX_DEPTH}"
        )));
    }
    Ok(Reading {
        article,
        format: Format::Json,
        warnings,
        decisions: Vec::new(),
    })
}

/// Deserializes without serde_json's fixed recursion limit (128, less than a deep
/// tree needs); [`too_deep`] has already bounded the nesting.
fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let value = T::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// The byte offset where the JSON first nests deeper than [`MAX_JSON_DEPTH`].
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (offset, byte) in text.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// How many levels of blocks and inlines a block nests, itself included.
fn block_depth(block: &Block) -> usize {
    let blocks = |body: &[Block]| body.iter().map(block_depth).max().unwrap_or(0);
    let inlines = |content: &[Inline]| content.iter().map(inline_depth).max().unwrap_or(0);
    1 + match block {
        Block::Paragraph { content, .. }
        | Block::Heading { content, .. }
        | Block::PullQuote { content, .. } => inlines(content),
        Block::Figure { caption, .. } => inlines(caption),
        Block::Sidebar { body, .. }
        | Block::BlockQuote { body, .. }
        | Block::Container { body, .. } => blocks(body),
        Block::List { items, .. } => items.iter().map(|item| blocks(item)).max().unwrap_or(0),
        Block::Table(table) => table
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .map(|cell| inlines(&cell.content))
            .chain([inlines(&table.caption)])
            .max()
            .unwrap_or(0),
        Block::Rule => 0,
    }
}

/// How many levels of inlines nest here; text itself is no level, as in the markup.
fn inline_depth(inline: &Inline) -> usize {
    match inline {
        Inline::Text { .. } | Inline::LineBreak => 0,
        _ => {
            1 + inline
                .children()
                .iter()
                .map(inline_depth)
                .max()
                .unwrap_or(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<Reading, Error> {
        read(s.as_bytes(), &ReadOptions::default())
    }

    #[test]
    fn reads_a_minimal_tree() {
        let reading = read_str(r#"{"version":1,"meta":{"headline":"Hi"}}"#).unwrap();
        assert_eq!(reading.article.meta.headline, "Hi");
    }

    #[test]
    fn wrong_version_is_named() {
        let err = read_str(r#"{"version":2,"meta":{}}"#).unwrap_err();
        assert_eq!(
            err.message,
            "tree version 2 is not supported: this galley reads version 1"
        );
        let err = read_str(r#"{"meta":{}}"#).unwrap_err();
        assert!(err.message.contains("no \"version\" field"));
    }

    #[test]
    fn wrong_shape_names_line_and_field() {
        let err = read_str("{\"version\":1,\n\"meta\":{\"headline\":\"x\"},\n\"body\":[{\"type\":\"paragraf\",\"content\":[]}]}")
            .unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(3));
        assert!(
            err.message.contains("unknown variant `paragraf`"),
            "{}",
            err.message
        );
        let err = read_str("{\"version\":1,\"meta\":{\"headlin\":\"x\"}}").unwrap_err();
        assert!(
            err.message.contains("unknown field `headlin`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn nesting_up_to_the_json_limit_is_bounded_on_a_small_stack() {
        // 100 containers: within the JSON limit, over the tree's.
        let depth = 100;
        let mut s = String::from("{\"version\":1,\"meta\":{},\"body\":");
        s.push_str(&"[{\"type\":\"container\",\"body\":".repeat(depth));
        s.push_str("[]");
        s.push_str(&"}]".repeat(depth));
        s.push('}');
        let err = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || read_str(&s).unwrap_err())
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(
            err.message,
            "not a valid galley tree: its blocks and inlines nest 100 levels deep, more than galley's limit of 64"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let depth = 50_000;
        let mut s = String::from("{\"version\":1,\"meta\":{},\"body\":");
        for _ in 0..depth {
            s.push_str("[{\"type\":\"container\",\"body\":");
        }
        s.push_str("[]");
        for _ in 0..depth {
            s.push_str("}]");
        }
        s.push('}');
        let err = read_str(&s).unwrap_err();
        assert!(err.message.contains("nests deeper"), "{}", err.message);
        assert_eq!(err.location.map(|l| l.line), Some(1));
    }
}
