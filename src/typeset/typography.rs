//! What readers notice: curly quotes per language, dashes, ellipses, and
//! no-break spaces where a break would strand a unit, an initial or a dash.

use super::hyphenate::Language;

/// No-break space: glue the line breaker may not break at.
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (French quotes and punctuation).
pub const NNBSP: char = '\u{202f}';
/// The minus sign: the engine sets a hyphen before a number at a word's
/// start as one, in faces that have it.
pub const MINUS: char = '\u{2212}';

pub use crate::locale::QuoteMarks;

/// Whether a quote after `prev` opens (start, space, bracket or dash before it).
pub(crate) fn opens_after(prev: Option<char>) -> bool {
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
    no_break_spaces(&out, language)
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

/// Units that stay on the line of their number, in any language: symbols,
/// abbreviations and currency codes.
const UNITS: &[&str] = &[
    "%", "‰", "°", "°C", "°F", "km", "m", "cm", "mm", "kg", "g", "mg", "t", "l", "dl", "ml", "mph",
    "km/h", "ft", "lb", "lbs", "oz", "mi", "ha", "kW", "MW", "GW", "kWh", "kr", "NOK", "USD",
    "EUR", "GBP", "a.m.", "p.m.",
];

/// English units of measure and money, spelled out, comma-separated.
/// Counted things (days, years, people) may break from their number like
/// any word.
const ENGLISH_UNITS: &str =
    "metres, metre, meters, meter, kilometres, kilometre, kilometers, kilometer, \
    centimetres, centimeters, millimetres, millimeters, feet, foot, inches, inch, yards, \
    miles, mile, acres, hectares, tonnes, tonne, tons, ton, kilograms, kilogram, kilos, \
    grams, pounds, ounces, litres, litre, liters, liter, gallons, barrels, degrees, \
    knots, kilowatts, megawatts, hours, minutes, seconds, percent, per cent, \
    square metres, square meters, square feet, square miles, square kilometres, \
    cubic metres, dollars, euros, cents, pence, kroner, yen, million, billion, trillion";

/// Norwegian (and Danish) units of measure and money, spelled out,
/// comma-separated.
const NORWEGIAN_UNITS: &str =
    "meter, kilometer, centimeter, millimeter, kvadratmeter, mil, tonn, ton, kilo, gram, \
    liter, grader, knop, timer, minutter, sekunder, prosent, procent, kroner, krone, øre, \
    euro, dollar, million, millioner, milliard, milliarder";

/// How many of `words` (one or two) are a unit of measure in the language; 0 for none.
fn unit_words(words: &[&str], language: Language) -> usize {
    let spelled = match language {
        Language::English | Language::Other => ENGLISH_UNITS,
        Language::Norwegian | Language::Danish => NORWEGIAN_UNITS,
        _ => "",
    };
    let spelled = |unit: &str| spelled.split(", ").any(|u| u == unit);
    let bare = |w: &str| {
        w.trim_end_matches([',', ';', ':', '.', ')', '”', '»', '’'])
            .to_string()
    };
    match words {
        [first, second, ..] if spelled(&format!("{first} {}", bare(second))) => 2,
        [first, ..] if UNITS.contains(first) || UNITS.contains(&bare(first).as_str()) => 1,
        [first, ..] if spelled(&bare(first)) => 1,
        _ => 0,
    }
}

/// Titles before a name: a break after one is discouraged, not forbidden
/// (`Settings::title_break_penalty`), as a 12-em column cannot always keep
/// "Sen. Mira Holt" on one line without a loose one.
const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.", "Sgt.", "Capt.",
    "Prof.", "Rev.", "St.", "Mt.", "Pres.", "Supt.",
];

/// Abbreviations that stay with the number after them.
const NUMBER_ABBREVIATIONS: &[&str] = &["No.", "Nr.", "nr."];

/// Whether a word is a title that should, if possible, stay with the name
/// after it.
pub(crate) fn is_title(word: &str) -> bool {
    TITLES.contains(&word.trim_start_matches(['(', '“', '‘', '«', '"']))
}

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
    let t = token.trim_start_matches(['(', '$', '€', '£', '“', '«', MINUS, '-', '+', '±']);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || ",.".contains(c))
        && t.chars().next_back().is_some_and(|c| c.is_ascii_digit())
}

/// Replaces the spaces that must not break: after initials and "No.",
/// between a number and its unit (and inside a two-word unit), inside
/// numbers grouped by spaces.
fn no_break_spaces(text: &str, language: Language) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    // Spaces still to keep inside a unit of two words.
    let mut inside_unit = 0;
    for (i, token) in tokens.iter().enumerate() {
        out.push_str(token);
        let Some(next) = tokens.get(i + 1) else { break };
        let next_bare = next.trim_end_matches([',', ';', ':', '.', ')', '”', '»', '’']);
        let unit = if ends_in_number(token) {
            unit_words(&tokens[i + 1..], language)
        } else {
            0
        };
        inside_unit = if unit > 0 {
            unit
        } else {
            inside_unit.saturating_sub(1)
        };
        let glue = !token.is_empty()
            && !next.is_empty()
            && (is_initials(token)
                || NUMBER_ABBREVIATIONS.contains(token)
                || unit > 0
                || inside_unit > 0
                // "1 250 000": a group of three digits.
                || (ends_in_number(token)
                    && next_bare.len() == 3
                    && next_bare.chars().all(|c| c.is_ascii_digit())
                    && token.chars().all(|c| c.is_ascii_digit())
                    && token.len() <= 3));
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
    fn units_and_initials_do_not_break() {
        // A title is left to the breaker (a discouraged break), not tied.
        assert_eq!(
            smart(
                "U.S. Sen. Mira Holt ran 12 km and 40 percent",
                Language::English
            ),
            "U.S.\u{a0}Sen. Mira Holt ran 12\u{a0}km and 40\u{a0}percent"
        );
        assert_eq!(smart("gate No. 5", Language::English), "gate No.\u{a0}5");
        assert!(is_title("Sen.") && is_title("(Dr.") && !is_title("No."));
        assert_eq!(
            smart("1 250 000 kroner", Language::Norwegian),
            "1\u{a0}250\u{a0}000\u{a0}kroner"
        );
    }

    #[test]
    fn spelled_out_units_stay_with_their_number() {
        let nb = |t: &str| smart(t, Language::Norwegian).replace(NBSP, "_");
        let en = |t: &str| smart(t, Language::English).replace(NBSP, "_");
        assert_eq!(
            en("11 millimetres, 30 feet and 8 tonnes at 180 degrees"),
            "11_millimetres, 30_feet and 8_tonnes at 180_degrees"
        );
        assert_eq!(
            en("up 16 per cent to $5 million, 20 square metres, 3 hours"),
            "up 16_per_cent to $5_million, 20_square_metres, 3_hours"
        );
        // Counted things and words that only look like units break as usual.
        assert_eq!(
            en("5 years, 3 cars, per cent, 180 Degrees"),
            "5 years, 3 cars, per cent, 180 Degrees"
        );
        assert_eq!(
            nb("12 millioner kroner, 4 kilometer, 30 prosent og 3 timer"),
            "12_millioner kroner, 4_kilometer, 30_prosent og 3_timer"
        );
    }

    #[test]
    fn a_negative_number_keeps_its_unit() {
        assert_eq!(
            smart("from -4 °C to (-12.5) and 2014-2015", Language::English),
            "from -4\u{a0}°C to (-12.5) and 2014-2015"
        );
        assert_eq!(
            smart("\u{2212}4 degrees", Language::English),
            "\u{2212}4\u{a0}degrees"
        );
        // A spaced hyphen is still a dash.
        assert_eq!(
            smart("cold - 4 days", Language::English),
            "cold\u{a0}– 4 days"
        );
    }
}
