//! The tree JSON reader: galley's own tree, validated.

use serde::Deserialize;

use super::{decode_utf8, Format, ReadOptions, Reading};
use crate::diag::{Error, Location};
use crate::model::{Article, SCHEMA_VERSION};

/// Only the version, read first so that a tree of another version gets a clear error.
#[derive(Deserialize)]
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
    let version: VersionOnly = serde_json::from_str(&text).map_err(located)?;
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
    let article: Article = serde_json::from_str(&text).map_err(located)?;
    Ok(Reading {
        article,
        format: Format::Json,
        warnings,
        decisions: Vec::new(),
    })
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
        assert!(err.message.contains("recursion limit"), "{}", err.message);
    }
}
