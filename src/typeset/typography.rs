//! What readers notice: curly quotes per language, dashes, ellipses, and
//! no-break spaces where a break would strand a unit, an initial or a dash.

use super::hyphenate::Language;

/// No-break space: glue the line breaker may not break at.
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (French quotes and punctuation).
pub const NNBSP: char = '\u{202f}';

/// A language's quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMarks {
    /// Opening outer quote.
    pub open: &'static str,
    /// Closing outer quote.
    pub close: &'static str,
    /// Opening quote inside a quotation.
    pub open_inner: &'static str,
    /// Closing quote inside a quotation.
    pub close_inner: &'static str,
}

impl QuoteMarks {
    /// The marks for a language: English “ ” ‘ ’; Norwegian « » ‘ ’; German „ “ ‚ ‘;
    /// Swedish ” ” ’ ’; Danish » « › ‹; French « » “ ” with narrow no-break
    /// spaces; Spanish « » “ ”.
    pub fn of(language: Language) -> QuoteMarks {
        let q = |open, close, open_inner, close_inner| QuoteMarks {
            open,
            close,
            open_inner,
            close_inner,
        };
        match language {
            Language::English | Language::Other => q("“", "”", "‘", "’"),
            Language::Norwegian => q("«", "»", "‘", "’"),
            Language::German => q("„", "“", "‚", "‘"),
            Language::Swedish => q("”", "”", "’", "’"),
            Language::Danish => q("»", "«", "›", "‹"),
            Language::French => q("«\u{202f}", "\u{202f}»", "“", "”"),
            Language::Spanish => q("«", "»", "“", "”"),
        }
    }

    /// The opening and closing marks at a nesting depth (0 = outer).
    pub fn at_depth(&self, depth: usize) -> (&'static str, &'static str) {
        if depth % 2 == 0 {
            (self.open, self.close)
        } else {
            (self.open_inner, self.close_inner)
        }
    }
}

/// Whether a quote after `prev` opens (start, space, bracket or dash before it).
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || "([{<\u{2013}\u{2014}/«„‚“‘".contains(c),
    }
}

/// State carried from one text piece to the next within a paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The last character written.
    pub prev: Option<char>,
    /// Whether a straight single quote opened an inner quotation.
    pub inner_open: bool,
}

/// Turns typewriter text into typeset text: straight quotes into the
/// language's curly ones (at quotation `depth`, 0 = outer), `--` and `---`
/// into an em dash, a spaced hyphen into a spaced en dash, `...` into an
/// ellipsis, and the spaces that must not break into no-break spaces.
pub fn smarten(text: &str, language: Language, depth: usize, ctx: &mut Context) -> String {
    let marks = QuoteMarks::of(language);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '"' => {
                let (open, close) = marks.at_depth(depth);
                out.push_str(if opens_after(ctx.prev) { open } else { close });
            }
            '\'' => {
                let between_letters = ctx.prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                // '90s, 'tis, rock 'n' roll: an apostrophe, not an opening
                // quote, at the start of a shortened year or word.
                let elided = opens_after(ctx.prev)
                    && (next.is_some_and(|n| n.is_ascii_digit())
                        && chars.get(i + 2).is_some_and(|n| n.is_ascii_digit())
                        || is_elision(&chars[i + 1..]));
                // Single quotes nest inside the outer marks; inside a quotation
                // any straight quote opens the next level.
                let (open, close) = marks.at_depth(depth.max(1));
                if between_letters || elided {
                    out.push('’');
                } else if opens_after(ctx.prev) {
                    ctx.inner_open = true;
                    out.push_str(open);
                } else if ctx.inner_open {
                    ctx.inner_open = false;
                    out.push_str(close);
                } else {
                    out.push('’');
                }
            }
            '-' if next == Some('-') => {
                // "--" and "---" are the typewriter's dash.
                out.push('—');
                i += 1;
                if chars.get(i + 1) == Some(&'-') {
                    i += 1;
                }
            }
            '-' if ctx.prev == Some(' ') && next == Some(' ') => {
                // A spaced hyphen is a dash; it must not start a line.
                if out.ends_with(' ') {
                    out.pop();
                    out.push(NBSP);
                }
                out.push('–');
            }
            '.' if next == Some('.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 2;
            }
            c => out.push(c),
        }
        ctx.prev = out.chars().next_back();
        i += 1;
    }
    let out = if language == Language::French {
        french_spacing(&out)
    } else {
        out
    };
    no_break_spaces(&out)
}

/// Words that begin with an apostrophe where letters were left out.
const ELISIONS: &[&str] = &[
    "tis", "twas", "twere", "twill", "em", "n", "til", "cause", "bout", "cos", "nuff",
];

/// Whether the text after a straight single quote starts with an elided
/// word ('tis, 'em, 'n'), so the quote is an apostrophe.
fn is_elision(after: &[char]) -> bool {
    let word: String = after
        .iter()
        .take_while(|c| c.is_alphabetic())
        .flat_map(|c| c.to_lowercase())
        .collect();
    ELISIONS.contains(&word.as_str())
}

/// French sets a narrow no-break space before `; : ! ?`.
fn french_spacing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, ';' | ':' | '!' | '?') && out.ends_with(' ') {
            out.pop();
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// Units that stay on the line of their number.
const UNITS: &[&str] = &[
    "%",
    "‰",
    "°",
    "°C",
    "°F",
    "km",
    "m",
    "cm",
    "mm",
    "kg",
    "g",
    "mg",
    "t",
    "l",
    "dl",
    "ml",
    "mph",
    "km/h",
    "ft",
    "lb",
    "lbs",
    "oz",
    "mi",
    "ha",
    "kW",
    "MW",
    "GW",
    "kWh",
    "kr",
    "NOK",
    "USD",
    "EUR",
    "GBP",
    "percent",
    "per",
    "prosent",
    "million",
    "billion",
    "trillion",
    "millioner",
    "milliarder",
    "a.m.",
    "p.m.",
];

/// Abbreviations that stay with the word after them.
const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.", "Sgt.", "Capt.",
    "Prof.", "Rev.", "St.", "Mt.", "No.", "Nr.", "nr.", "Pres.", "Supt.",
];

/// Initials such as "U.S.", "D.C." or "J.": letters each followed by a period.
fn is_initials(token: &str) -> bool {
    let token = token.trim_start_matches(['(', '“', '‘', '«', '"']);
    let chars: Vec<char> = token.chars().collect();
    !chars.is_empty()
        && chars.len() % 2 == 0
        && chars.len() <= 8
        && chars
            .chunks(2)
            .all(|p| p[0].is_alphabetic() && p[0].is_uppercase() && p[1] == '.')
}

fn ends_in_number(token: &str) -> bool {
    let t = token.trim_start_matches(['(', '$', '€', '£', '“', '«']);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || ",.".contains(c))
        && t.chars().next_back().is_some_and(|c| c.is_ascii_digit())
}

/// Replaces the spaces that must not break: after initials and titles,
/// between a number and its unit, inside numbers grouped by spaces.
fn no_break_spaces(text: &str) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, token) in tokens.iter().enumerate() {
        out.push_str(token);
        let Some(next) = tokens.get(i + 1) else { break };
        let next_bare = next.trim_end_matches([',', ';', ':', '.', ')', '”', '»', '’']);
        let glue = !token.is_empty()
            && !next.is_empty()
            && (is_initials(token)
                || TITLES.contains(token)
                || (ends_in_number(token)
                    && (UNITS.contains(&next_bare)
                        || UNITS.contains(next)
                        // "1 250 000": a group of three digits.
                        || (next_bare.len() == 3
                            && next_bare.chars().all(|c| c.is_ascii_digit())
                            && token.chars().all(|c| c.is_ascii_digit())
                            && token.len() <= 3))));
        out.push(if glue { NBSP } else { ' ' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smart(text: &str, lang: Language) -> String {
        smarten(text, lang, 0, &mut Context::default())
    }

    #[test]
    fn straight_quotes_become_curly_per_language() {
        assert_eq!(
            smart(r#""It's late," she said."#, Language::English),
            "“It’s late,” she said."
        );
        assert_eq!(
            smart(r#"Han sa: "Det er 'kaldt' i dag.""#, Language::Norwegian),
            "Han sa: «Det er ‘kaldt’ i dag.»"
        );
        assert_eq!(
            smart(r#"Sie sagte: "Ja.""#, Language::German),
            "Sie sagte: „Ja.“"
        );
        assert_eq!(
            smart("the '90s and the players' bench", Language::English),
            "the ’90s and the players’ bench"
        );
    }

    #[test]
    fn elisions_take_an_apostrophe_not_an_opening_quote() {
        assert_eq!(
            smart(
                "rock 'n' roll, 'tis the season, 'Twas late",
                Language::English
            ),
            "rock ’n’ roll, ’tis the season, ’Twas late"
        );
        assert_eq!(
            smart("tell 'em 'til dawn 'cause it's the '80s", Language::English),
            "tell ’em ’til dawn ’cause it’s the ’80s"
        );
        // Inside a quotation the elision leaves the quotation's marks alone.
        assert_eq!(
            smart(r#""'Rock 'n' roll,' she said""#, Language::English),
            "“‘Rock ’n’ roll,’ she said”"
        );
        // A quotation that starts with a word like an elision's is still one.
        assert_eq!(
            smart("he said 'enough' and 'number nine'", Language::English),
            "he said ‘enough’ and ‘number nine’"
        );
    }

    #[test]
    fn dashes_and_ellipses() {
        assert_eq!(
            smart("Oslo - the capital -- and more...", Language::English),
            "Oslo\u{a0}– the capital — and more…"
        );
    }

    #[test]
    fn units_initials_and_titles_do_not_break() {
        assert_eq!(
            smart(
                "U.S. Sen. Mira Holt ran 12 km and 40 percent",
                Language::English
            ),
            "U.S.\u{a0}Sen.\u{a0}Mira Holt ran 12\u{a0}km and 40\u{a0}percent"
        );
        assert_eq!(
            smart("1 250 000 kroner", Language::Norwegian),
            "1\u{a0}250\u{a0}000 kroner"
        );
    }
}
