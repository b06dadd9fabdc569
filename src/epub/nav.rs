//! How articles and books are named in the navigation document and metadata.

use crate::model::Meta;

/// An article's entry in the contents, read like the series:
/// "Day 2: The long drive to court". The kicker comes first, else "Part N".
pub fn label(meta: &Meta) -> String {
    let label = raw_label(meta);
    // One line of text, without the characters XML forbids.
    let label = super::xhtml::xml_chars(&label);
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        "Untitled".to_string()
    } else {
        label
    }
}

fn raw_label(meta: &Meta) -> String {
    let headline = headline(meta);
    let prefix = meta
        .kicker
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(String::from)
        .or_else(|| {
            meta.series
                .as_ref()
                .and_then(|s| s.part)
                .map(|part| format!("Part {part}"))
        });
    match prefix {
        Some(prefix) if !headline.to_lowercase().starts_with(&prefix.to_lowercase()) => {
            format!("{prefix}: {headline}")
        }
        _ => headline.to_string(),
    }
}

/// The headline, or "Untitled" when the article has none.
pub fn headline(meta: &Meta) -> &str {
    let headline = meta.headline.trim();
    if headline.is_empty() {
        "Untitled"
    } else {
        headline
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Series;

    #[test]
    fn labels_read_like_the_series() {
        let mut meta = Meta {
            headline: "The long drive to court".into(),
            kicker: Some("Day 2".into()),
            ..Meta::default()
        };
        assert_eq!(label(&meta), "Day 2: The long drive to court");
        meta.kicker = None;
        meta.series = Some(Series {
            name: "Still Water".into(),
            part: Some(3),
            total: None,
        });
        assert_eq!(label(&meta), "Part 3: The long drive to court");
        meta.series = None;
        meta.headline = " ".into();
        assert_eq!(label(&meta), "Untitled");
    }
}
