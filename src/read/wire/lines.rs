//! Splitting the text into lines and blank-line separated chunks, and the
//! small tests on one line that every later phase uses.

/// One non-blank input line, trimmed, with its line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Line<'a> {
    /// Line number in the input, from 1.
    pub no: u32,
    /// The line without leading and trailing white space.
    pub text: &'a str,
}

/// A run of non-blank lines between blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Chunk<'a> {
    /// The lines, at least one.
    pub lines: Vec<Line<'a>>,
}

impl Chunk<'_> {
    /// The number of the chunk's first line.
    pub fn first_line(&self) -> u32 {
        self.lines.first().map_or(0, |l| l.no)
    }

    /// The chunk's only line, if it has exactly one.
    pub fn single(&self) -> Option<&str> {
        match self.lines.as_slice() {
            [line] => Some(line.text),
            _ => None,
        }
    }

    /// The lines joined with single spaces.
    pub fn joined(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|l| l.text).collect();
        squash(&parts.join(" "))
    }
}

/// Splits text into chunks of non-blank lines; `\r\n` and `\n` both end a line.
pub(super) fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            if !current.is_empty() {
                out.push(Chunk {
                    lines: std::mem::take(&mut current),
                });
            }
        } else {
            let no = u32::try_from(index + 1).unwrap_or(u32::MAX);
            current.push(Line { no, text: trimmed });
        }
    }
    if !current.is_empty() {
        out.push(Chunk { lines: current });
    }
    out
}

/// Collapses runs of spaces and tabs into one space (other spaces, such as
/// no-break spaces, are kept as written).
pub(super) fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.trim_matches([' ', '\t']).chars() {
        if c == ' ' || c == '\t' {
            gap = true;
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

/// Number of words in a text.
pub(super) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A short form of a text for messages: at most `max` characters, then "…".
pub(super) fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '●', '■', '►', '▸', '◆'];

/// The text after a list bullet (`• `, `* `, `- `), if the line starts with one.
pub(super) fn strip_bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let is_bullet = BULLETS.contains(&first)
        || ((first == '*' || first == '-') && rest.starts_with([' ', '\t']));
    if !is_bullet {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then_some(rest)
}

/// Words that, alone on a line, are a web page's menus and buttons rather than the story.
const NAVIGATION: &[&str] = &[
    "accessibility links",
    "advertisement",
    "breaking news",
    "buy now",
    "direct link",
    "loading",
    "most read",
    "newsletter",
    "no media source currently available",
    "please wait",
    "recommended for you",
    "skip to main content",
    "sponsored",
    "categories",
    "category",
    "comments",
    "email",
    "facebook",
    "home",
    "log in",
    "menu",
    "more stories",
    "print",
    "read more",
    "related",
    "related articles",
    "related stories",
    "search",
    "share",
    "share this",
    "share this article",
    "sign in",
    "skip to content",
    "subscribe",
    "tags",
    "tweet",
    "twitter",
];

/// Whether a line (bullet and trailing colon aside) is a navigation word, page chrome
/// or what a video player leaves behind.
pub(super) fn is_navigation(text: &str) -> bool {
    let text = text.trim();
    let text = strip_bullet(text).unwrap_or(text);
    let text = text.trim_end_matches(':').trim().to_lowercase();
    NAVIGATION.contains(&text.as_str()) || is_player_residue(&text) || is_image_file(&text)
}

/// A video player's leftovers: times (`0:00 0:02:51 0:00`) or size buttons (`XS SM MD LG`).
fn is_player_residue(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    let time = |w: &str| {
        w.contains(':')
            && w.split(':')
                .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let size = |w: &str| matches!(w, "xs" | "sm" | "md" | "lg" | "xl" | "xxl");
    words.iter().all(|w| time(w)) || (words.len() >= 2 && words.iter().all(|w| size(w)))
}

/// A line that is only an image's file name (`harbour_0412.jpg`).
fn is_image_file(lower: &str) -> bool {
    word_count(lower) <= 3
        && [".jpg", ".jpeg", ".png", ".gif", ".webp"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// A photo credit standing alone where a photo was: `© Provided by Moor Valley Post`,
/// `Contributed / Ledby Hospital`, `Ola Brun / Moor Valley Post`.
pub(super) fn is_lone_credit(text: &str) -> bool {
    let text = text.trim();
    if text.starts_with("By ") {
        return false;
    }
    if text.starts_with("© Provided by ") || text.starts_with("(c) Provided by ") {
        return true;
    }
    let Some((left, right)) = text.split_once(" / ") else {
        return false;
    };
    let capitalised = |side: &str| {
        let side = side.trim();
        (1..=5).contains(&word_count(side))
            && side
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()))
    };
    capitalised(left) && capitalised(right) && !ends_with_punctuation(text)
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '['];

/// Whether a line ends a sentence: `.`, `!`, `?` or `…`, perhaps inside closing quotes.
pub(super) fn ends_sentence(text: &str) -> bool {
    let core = text.trim_end().trim_end_matches(CLOSERS);
    core.ends_with(['.', '!', '?', '…'])
}

/// Whether a line ends with any closing punctuation (what a subhead lacks).
pub(super) fn ends_with_punctuation(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', '!', '?', '…', ',', ';', ':', '"', '\'', '”', '’', ')', ']', '»',
    ])
}

/// Whether a line starts a sentence: a capital or a digit, perhaps after opening quotes.
pub(super) fn starts_sentence(text: &str) -> bool {
    text.trim_start_matches(OPENERS)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether the first letter of a text is a capital.
pub(super) fn starts_upper(text: &str) -> bool {
    text.trim_start_matches(OPENERS)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Abbreviations that end in a period without ending a sentence: titles, company
/// forms and the AP abbreviations of US states used in datelines and titles.
const ABBREVIATIONS: &[&str] = &[
    "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "Dr", "Mr", "Mrs", "Ms", "Prof", "Sen", "Rep", "Gov",
    "Gen", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Adm", "St", "Mt", "Ave", "Dept", "Univ", "Rev",
    "Hon", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
];

/// Whether a word is an abbreviation with its period: one listed above, an
/// initial (`J.`) or one with inner periods (`U.S.`, `D-N.D.`).
pub(super) fn is_abbreviation(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    if stem.contains('.') && stem.chars().any(char::is_alphabetic) {
        return true;
    }
    let mut chars = stem.chars();
    let single_initial =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_initial || ABBREVIATIONS.contains(&stem)
}

/// Whether a line's last word is a title-like abbreviation (`Sen.`, `J.`) that is
/// more often followed by a name than by a new sentence.
pub(super) fn ends_with_title_abbreviation(text: &str) -> bool {
    let Some(last) = text.split_whitespace().last() else {
        return false;
    };
    let Some(stem) = last.strip_suffix('.') else {
        return false;
    };
    let mut chars = stem.chars();
    let single_initial =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_initial
        || [
            "Dr", "Mr", "Mrs", "Ms", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "Sgt",
            "Capt", "Cmdr", "Adm", "St", "Mt", "Rev", "Hon",
        ]
        .contains(&stem)
}

/// Lower-case words that may stand inside a name or an organisation's name.
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "ter", "af", "of",
    "the", "and", "for", "&",
];

/// Whether a text reads like a person's name: two to five capitalised words of letters.
pub(super) fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && text.chars().count() <= 50
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
                && (starts_upper(w)
                    || [
                        "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin",
                        "al", "ter", "af",
                    ]
                    .contains(w))
        })
        && starts_upper(words[0])
}

/// Whether a text reads like an organisation's name: one to eight capitalised
/// words (small words like "of" and "the" allowed), no closing punctuation.
pub(super) fn looks_like_org(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=8).contains(&words.len())
        && text.chars().count() <= 60
        && !ends_with_punctuation(text)
        && starts_upper(text)
        && words
            .iter()
            .all(|w| starts_upper(w) || PARTICLES.contains(w))
}

/// Whether `short` abbreviates `name`: its letters appear in order in the name,
/// the first being the name's first letter ("FNS" and "NWP" for "Forum News
/// Service" and "Northwind Press"; not "HT" for "Northcape Herald").
pub(super) fn abbreviates(short: &str, name: &str) -> bool {
    let mut letters = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    let mut wanted = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    let (Some(first), Some(initial)) = (wanted.next(), letters.next()) else {
        return false;
    };
    first == initial && wanted.all(|w| letters.any(|c| c == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_line_numbers_and_skip_blank_lines() {
        let chunks = chunks("a\r\n  b  \n\n\t\nc\n");
        assert_eq!(chunks.len(), 2);
        assert_eq!(
            chunks[0].lines,
            vec![Line { no: 1, text: "a" }, Line { no: 2, text: "b" }]
        );
        assert_eq!(chunks[1].lines, vec![Line { no: 5, text: "c" }]);
    }

    #[test]
    fn squash_keeps_no_break_spaces() {
        assert_eq!(squash("  a \t b\u{a0}c  "), "a b\u{a0}c");
    }

    #[test]
    fn excerpt_cuts_at_characters() {
        assert_eq!(excerpt("Ærø ferry", 3), "Ærø…");
        assert_eq!(excerpt("short", 10), "short");
    }

    #[test]
    fn bullets_and_navigation() {
        assert_eq!(strip_bullet("• Categories"), Some("Categories"));
        assert_eq!(strip_bullet("- item"), Some("item"));
        assert_eq!(strip_bullet("-20 degrees"), None);
        assert!(is_navigation("  • Categories"));
        assert!(is_navigation("Share this:"));
        assert!(!is_navigation("Share prices fell"));
    }

    #[test]
    fn sentence_edges() {
        assert!(ends_sentence("he said.”"));
        assert!(ends_sentence("Really?"));
        assert!(!ends_sentence("advance federal"));
        assert!(starts_sentence("“Pretty soon"));
        assert!(starts_sentence("1961 was"));
        assert!(!starts_sentence("legislation to"));
        assert!(is_abbreviation("U.S."));
        assert!(is_abbreviation("Minn."));
        assert!(!is_abbreviation("quiet."));
        assert!(ends_with_title_abbreviation("worked with Sen."));
        assert!(!ends_with_title_abbreviation("worked in the U.S."));
    }

    #[test]
    fn names_and_organisations() {
        assert!(looks_like_name("Ada Lind"));
        assert!(looks_like_name("Ingrid van der Berg"));
        assert!(!looks_like_name("Ada"));
        assert!(!looks_like_name("the water came back"));
        assert!(!looks_like_name("Route 9"));
        assert!(looks_like_org("Northwind Press"));
        assert!(looks_like_org("Bank of the North"));
        assert!(!looks_like_org("It rained."));
        assert!(abbreviates("FNS", "Forum News Service"));
        assert!(abbreviates("NWP", "Northwind Press"));
        assert!(!abbreviates("HT", "Northcape Herald"));
        assert!(!abbreviates("PN", "Northwind Press"));
        assert!(!abbreviates("", "Northwind Press"));
    }
}
