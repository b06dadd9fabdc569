//! Hyphenation points from the `hypher` patterns (TeX patterns compiled into
//! tries, no dependencies), in the article's language.

use hypher::Lang as Patterns;

pub use crate::locale::Language;

impl Language {
    fn patterns(self) -> Option<Patterns> {
        Some(match self {
            Language::English => Patterns::English,
            Language::Norwegian => Patterns::Norwegian,
            Language::German => Patterns::German,
            Language::Swedish => Patterns::Swedish,
            Language::Danish => Patterns::Danish,
            Language::French => Patterns::French,
            Language::Spanish => Patterns::Spanish,
            Language::Other => return None,
        })
    }

    /// Whether words of this language can be hyphenated.
    pub fn can_hyphenate(self) -> bool {
        self.patterns().is_some()
    }

    /// The usual minimum characters before and after a hyphen (English 2 and 3,
    /// as in TeX; the Scandinavian languages 2 and 2).
    pub fn default_fragments(self) -> (usize, usize) {
        match self {
            Language::English | Language::Other => (2, 3),
            Language::French => (2, 3),
            _ => (2, 2),
        }
    }
}

/// Words longer than this are not looked up: no real word is, and emergency
/// breaks handle the rest.
const MAX_WORD_CHARS: usize = 60;

/// Byte offsets inside `word` where a hyphen may be inserted. `word` is one
/// space-free run as it stands in the text, with its punctuation: URLs,
/// e-mail addresses, numbers, acronyms and words with digits get none.
pub fn hyphenation_points(
    word: &str,
    language: Language,
    min_before: usize,
    min_after: usize,
    min_word: usize,
) -> Vec<usize> {
    let Some(patterns) = language.patterns() else {
        return Vec::new();
    };
    if word.chars().count() > MAX_WORD_CHARS * 2 || is_unhyphenatable(word) {
        return Vec::new();
    }
    let mut points = Vec::new();
    // Parts of a compound ("modern-day") are hyphenated on their own; the
    // explicit hyphen is a break of its own.
    let mut next_offset = 0;
    for part in word.split(['-', '\u{2010}', '/', '\u{2013}', '\u{2014}']) {
        let offset = next_offset;
        next_offset += part.len();
        // Step over the separator that ended this part.
        if let Some(sep) = word[next_offset..].chars().next() {
            next_offset += sep.len_utf8();
        }
        // The letters of the part: leading punctuation and a trailing
        // possessive or punctuation stay outside.
        let lead = part.len() - part.trim_start_matches(|c: char| !c.is_alphabetic()).len();
        let letters: &str = {
            let rest = &part[lead..];
            let end = rest
                .char_indices()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(rest.len(), |(i, _)| i);
            &rest[..end]
        };
        let n = letters.chars().count();
        if n < min_word.max(min_before + min_after) || n > MAX_WORD_CHARS {
            continue;
        }
        if letters.chars().all(|c| c.is_uppercase()) {
            continue; // an acronym
        }
        let mut at = offset + lead;
        let syllables = hypher::hyphenate_bounded(letters, patterns, min_before, min_after);
        let count = syllables.len();
        for (i, syllable) in syllables.enumerate() {
            at += syllable.len();
            if i + 1 < count {
                points.push(at);
            }
        }
    }
    points
}

/// Whether a space-free run is a URL, an e-mail address or a domain name
/// ("https://…", "www.…", "name@host.org", "example.no/path"), punctuation
/// around it allowed.
pub(crate) fn is_address(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = bare.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    let host = match bare.split_once('@') {
        Some((user, host)) if !user.is_empty() => host,
        Some(_) => return false,
        None => bare.split(['/', '?', '#']).next().unwrap_or(""),
    };
    // A host name: labels of letters, digits and hyphens, the last one (the
    // top-level domain) two or more lowercase letters.
    let Some((name, top)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        && top.len() >= 2
        && top.chars().all(|c| c.is_ascii_lowercase())
}

/// URLs, e-mail addresses, numbers and code-like tokens are never hyphenated.
fn is_unhyphenatable(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    word.chars()
        .any(|c| c.is_ascii_digit() || c == '@' || c == '_' || c == '\\' || c == '=' || c == '#')
        || is_address(word)
        || lower.contains(".com")
        || lower.contains(".org")
        // An inner period ("example.no", "D.C.") marks a domain or initials.
        || word
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(word: &str, lang: Language) -> String {
        let (b, a) = lang.default_fragments();
        let points = hyphenation_points(word, lang, b, a, 5);
        let mut out = String::new();
        let mut last = 0;
        for p in points {
            out.push_str(&word[last..p]);
            out.push('-');
            last = p;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn english_and_norwegian_words_break_at_syllables() {
        assert_eq!(split("extensive", Language::English), "ex-ten-sive");
        assert_eq!(split("“extensive,”", Language::English), "“ex-ten-sive,”");
        assert_eq!(split("trafficking", Language::English), "traf-fick-ing");
        assert_eq!(split("sykehuset", Language::Norwegian), "syke-hu-set");
        assert_eq!(
            split("fergeforbindelsen", Language::Norwegian),
            "ferge-for-bin-del-sen"
        );
        // The language matters: English patterns split the same word elsewhere.
        assert_ne!(
            split("fergeforbindelsen", Language::English),
            "ferge-for-bin-del-sen"
        );
    }

    #[test]
    fn urls_numbers_addresses_and_acronyms_are_left_whole() {
        for word in [
            "https://example.org/investigation",
            "www.harbourtown.no",
            "reporter@example.org",
            "1,250,000",
            "2014-2015",
            "NATO",
            "D.C.",
        ] {
            assert_eq!(split(word, Language::English), word, "{word}");
        }
    }

    #[test]
    fn addresses_are_told_from_words() {
        for address in [
            "https://harbour-authority.example.org/notices",
            "(www.harbour-news.example.com/ferry)",
            "harbour-master.edith-marlowe@aldermere-council.example.org.",
            "havnvik-kommune.example.no",
            "example.org/notices/2026",
        ] {
            assert!(is_address(address), "{address}");
        }
        for word in [
            "U.S.",
            "e.g.",
            "p.m.",
            "D-N.D.",
            "U.S.-based",
            "3.14",
            "and/or",
            "km/h",
            "@harbour",
            "Oil.Patch",
            "modern-day",
        ] {
            assert!(!is_address(word), "{word}");
        }
    }

    #[test]
    fn compounds_are_hyphenated_part_by_part() {
        assert_eq!(
            split("anti-trafficking", Language::English),
            "anti-traf-fick-ing"
        );
    }

    #[test]
    fn tags_pick_languages() {
        assert_eq!(Language::from_tag("en-GB"), Language::English);
        assert_eq!(Language::from_tag("nn"), Language::Norwegian);
        assert_eq!(Language::from_tag("NB-no"), Language::Norwegian);
        assert_eq!(Language::from_tag("tlh"), Language::Other);
        assert_eq!(Language::from_tag(""), Language::Other);
    }
}
