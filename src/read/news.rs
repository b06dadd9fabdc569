//! How news copy is written: datelines, bylines, dates in words, credits and
//! sign-offs. Every reader (NITF, NewsML, wire text) asks this module, so that one
//! line of copy means the same thing whatever envelope it came in.

use crate::model::Dateline;

/// Month names of the languages galley hyphenates; a word matches by its first
/// three or more letters ("Dec.", "juil", "Okt").
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "janvier", "januar", "enero", "gennaio", "januari", "tammikuu",
    ],
    &[
        "february", "février", "fevrier", "februar", "febrero", "febbraio", "februari", "helmikuu",
    ],
    &["march", "mars", "märz", "marzo", "maart", "maaliskuu"],
    &["april", "avril", "abril", "aprile", "huhtikuu"],
    &["may", "mai", "mayo", "maggio", "mei", "toukokuu"],
    &["june", "juin", "juni", "junio", "giugno", "kesäkuu"],
    &["july", "juillet", "juli", "julio", "luglio", "heinäkuu"],
    &["august", "août", "aout", "agosto", "augusti", "elokuu"],
    &[
        "september",
        "septembre",
        "septiembre",
        "settembre",
        "syyskuu",
    ],
    &[
        "october", "octobre", "oktober", "octubre", "ottobre", "lokakuu",
    ],
    &["november", "novembre", "noviembre", "marraskuu"],
    &[
        "december",
        "décembre",
        "decembre",
        "dezember",
        "diciembre",
        "dicembre",
        "desember",
        "joulukuu",
    ],
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn month_of(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| names.iter().any(|m| m.starts_with(&word)))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let word = word.to_lowercase();
    word.chars().count() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&word))
}

/// A date in words as ISO 8601, or its known parts (`09Dec` → `--12-09`). Accepts
/// `09Dec`, `9 Dec`, `Dec. 9, 2015`, `Wednesday, December 9`, `10 juil 2024` and
/// `2015-12-09`.
pub(super) fn parse_date(text: &str) -> Option<String> {
    if text.chars().count() > 40 {
        return None;
    }
    // Runs of letters and runs of digits; everything else separates them.
    let mut tokens: Vec<String> = Vec::new();
    let mut previous: Option<bool> = None;
    for c in text.chars() {
        let kind = if c.is_alphabetic() {
            Some(true)
        } else if c.is_ascii_digit() {
            Some(false)
        } else if matches!(c, ' ' | ',' | '.' | '-' | '/') {
            None
        } else {
            return None;
        };
        match kind {
            Some(k) if previous == Some(k) => tokens.last_mut()?.push(c),
            Some(_) => tokens.push(c.to_string()),
            None => {}
        }
        previous = kind;
    }
    let mut month = None;
    let mut numbers = Vec::new();
    for token in &tokens {
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            numbers.push(token.as_str());
        } else if let Some(m) = month_of(token) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if !is_weekday(token) {
            return None;
        }
    }
    let (year, month, day): (Option<u32>, u32, u32) = match (month, numbers.as_slice()) {
        (Some(m), [d]) if d.len() <= 2 => (None, m, d.parse().ok()?),
        (Some(m), [d, y]) | (Some(m), [y, d]) if d.len() <= 2 && y.len() == 4 => {
            (Some(y.parse::<u32>().ok()?), m, d.parse().ok()?)
        }
        (None, [y, m, d]) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (
            Some(y.parse::<u32>().ok()?),
            m.parse().ok()?,
            d.parse().ok()?,
        ),
        _ => return None,
    };
    let days: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let max = *days.get(month.checked_sub(1)? as usize)?;
    if !(1..=max).contains(&day) {
        return None;
    }
    Some(match year {
        Some(y) => format!("{y:04}-{month:02}-{day:02}"),
        None => format!("--{month:02}-{day:02}"),
    })
}

/// ISO 8601 from the forms feeds write: `20151210T191044Z` → `2015-12-10T19:10:44Z`,
/// `20180403` → `2018-04-03`, `2016-01-12 12:35:40` → `2016-01-12T12:35:40`; an ISO
/// date stays as it is; anything else is `None`.
pub(super) fn iso_date(value: &str) -> Option<String> {
    // Every form below is ASCII; slicing by bytes is safe only then.
    if !value.is_ascii() {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (date, time) = match value.split_once('T').or_else(|| value.split_once(' ')) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (value, None),
    };
    let date = match date.len() {
        8 if digits(date) => format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]),
        10 if digits(&date[..4])
            && &date[4..5] == "-"
            && digits(&date[5..7])
            && &date[7..8] == "-"
            && digits(&date[8..]) =>
        {
            date.to_string()
        }
        _ => return None,
    };
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let Some(time) = time else {
        return Some(date);
    };
    let zone_at = time.find(['Z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let clock = match clock.len() {
        6 if digits(clock) => format!("{}:{}:{}", &clock[..2], &clock[2..4], &clock[4..]),
        4 if digits(clock) => format!("{}:{}", &clock[..2], &clock[2..]),
        8 | 5 if clock.bytes().all(|b| b.is_ascii_digit() || b == b':') => clock.to_string(),
        _ => return None,
    };
    let zone = match zone {
        "" | "Z" => zone.to_string(),
        z if z.len() == 5 && digits(&z[1..]) => format!("{}:{}", &z[..3], &z[3..]),
        z if z.len() == 6 && &z[3..4] == ":" => z.to_string(),
        _ => return None,
    };
    Some(format!("{date}T{clock}{zone}"))
}

/// A series-part prefix of a headline: `Day 7 – `, `Part 2 of 4: `, `Chapter III. `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Prefix {
    /// The prefix as written, e.g. "Day 7".
    pub kicker: String,
    /// The part number.
    pub part: u32,
    /// The number of parts, when written ("of 4").
    pub total: Option<u32>,
    /// The headline after the prefix.
    pub rest: String,
}

const PART_WORDS: [&str; 8] = [
    "day",
    "part",
    "chapter",
    "episode",
    "week",
    "installment",
    "instalment",
    "book",
];

/// The part prefix of a headline, if it has one.
pub(super) fn part_prefix(headline: &str) -> Option<Prefix> {
    let mut words = headline.splitn(3, ' ');
    let word = words.next()?;
    if !PART_WORDS.contains(&word.to_lowercase().as_str()) {
        return None;
    }
    let number_word = words.next()?;
    let after = words.next()?;
    // The number may carry the separator: "Part 3:".
    let (number_text, glued) = match number_word.strip_suffix([':', '.']) {
        Some(n) => (n, true),
        None => (number_word, false),
    };
    let part = number(number_text)?;
    let mut rest = after;
    let mut total = None;
    let mut kicker = format!("{word} {number_text}");
    if !glued {
        if let Some(of) = rest.strip_prefix("of ") {
            let (n, tail) = of.split_once(' ').unwrap_or((of, ""));
            let (n, glued_total) = match n.strip_suffix([':', '.']) {
                Some(n) => (n, true),
                None => (n, false),
            };
            total = Some(number(n)?);
            kicker = format!("{kicker} of {n}");
            rest = tail;
            if glued_total {
                return finish(kicker, part, total, rest);
            }
        }
        rest = rest
            .strip_prefix(['–', '—', '-', ':', '|', '.'])?
            .strip_prefix(' ')?;
    }
    finish(kicker, part, total, rest)
}

fn finish(kicker: String, part: u32, total: Option<u32>, rest: &str) -> Option<Prefix> {
    let rest = rest.trim();
    (!rest.is_empty() && part > 0).then(|| Prefix {
        kicker,
        part,
        total,
        rest: rest.to_string(),
    })
}

/// A part number in digits, words (one to twenty) or Roman numerals (I to XX).
fn number(text: &str) -> Option<u32> {
    if !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const ROMAN: [&str; 20] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    let lower = text.to_lowercase();
    WORDS
        .iter()
        .position(|w| *w == lower)
        .or_else(|| ROMAN.iter().position(|r| *r == text))
        .map(|i| i as u32 + 1)
}

/// A printed dateline's place, date and agency tag: `REGINA, Sask., Oct. 4 (PPA)`.
pub(super) fn dateline_parts(head: &str) -> (Dateline, Option<&str>) {
    // An agency tag after the place, as in "OSLO (NWP) –", is not part of the place.
    let (head, tag) = match head.find('(') {
        Some(open) if head.ends_with(')') => (
            head[..open].trim(),
            Some(head[open + 1..head.len() - 1].trim()),
        ),
        _ => (head, None),
    };
    let mut parts: Vec<&str> = head.split(',').map(str::trim).collect();
    let date = match parts.last().and_then(|p| parse_date(p)) {
        Some(date) if parts.len() > 1 => {
            parts.pop();
            Some(date)
        }
        _ => None,
    };
    let dateline = Dateline {
        place: parts.join(", "),
        date,
    };
    (dateline, tag)
}

/// The dashes that end a dateline run into the lede, longest first.
const DATELINE_DASHES: [&str; 6] = [" – ", " — ", " -- ", " - ", "—", "–"];

const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '['];

/// Whether a text starts a sentence: a capital or a digit, perhaps after opening quotes.
pub(super) fn starts_sentence(text: &str) -> bool {
    text.trim_start_matches(OPENERS)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The first dash of a dateline, if one stands in the first 80 bytes.
fn dateline_dash(text: &str) -> Option<(usize, usize)> {
    DATELINE_DASHES
        .iter()
        .filter_map(|sep| text.find(sep).map(|pos| (pos, sep.len())))
        .filter(|(pos, _)| *pos <= 80)
        .min()
}

/// A dateline opening a paragraph (`WASHINGTON – As …`, `(ANSA) - Rome, October 11 - …`):
/// the dateline, the paragraph without it, and the agency tag written with the place.
pub(super) fn split_lede_dateline(text: &str) -> Option<(Dateline, String, Option<String>)> {
    // The agency first, as ANSA writes it: "(ANSA) - Rome, October 11 - Italian …".
    if let Some(inner) = text.strip_prefix('(') {
        let close = inner.find(')')?;
        let tag = inner[..close].trim();
        let after = inner[close + 1..].trim_start();
        let (pos, len) = dateline_dash(&format!(" {after}"))?;
        if pos != 0 || tag.is_empty() || tag.split_whitespace().count() > 3 {
            return None;
        }
        let after = after[len - 1..].trim_start();
        let (dateline, rest, _) = split_lede_dateline_mixed(after)?;
        return Some((dateline, rest, Some(tag.to_string())));
    }
    if let Some(found) = split_agency_dot_dash(text) {
        return Some(found);
    }
    let (pos, len) = dateline_dash(text)?;
    let head = text[..pos].trim();
    let rest = text[pos + len..].trim();
    if head.chars().count() > 60 || head.split_whitespace().count() > 8 || !starts_sentence(rest) {
        return None;
    }
    let (dateline, tag) = dateline_parts(head);
    let city = dateline.place.split(',').next().unwrap_or("");
    let letters = city.chars().filter(|c| c.is_alphabetic()).count();
    let city_ok = letters >= 2
        && city
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    if !city_ok || dateline.place.split(',').any(|p| p.trim().is_empty()) {
        return None;
    }
    Some((dateline, rest.to_string(), tag.map(str::to_string)))
}

/// EFE's dateline, the place in mixed case and the agency tag closed by ".-":
/// `Tegucigalpa, Jan 2 (EFE).- The president …`.
fn split_agency_dot_dash(text: &str) -> Option<(Dateline, String, Option<String>)> {
    let pos = text.find(").-").filter(|&p| p <= 80)?;
    let head = text[..=pos].trim();
    let rest = text[pos + 3..].trim();
    let open = head.rfind('(')?;
    let tag = head[open + 1..head.len() - 1].trim();
    let place = head[..open].trim();
    let words = place.split_whitespace().count();
    if tag.is_empty()
        || tag.split_whitespace().count() > 3
        || !(1..=8).contains(&words)
        || !starts_sentence(place)
        || !starts_sentence(rest)
        || place.ends_with(['.', '!', '?'])
    {
        return None;
    }
    // The city's words are capitalised ("San José", "Rio de Janeiro"), not a sentence's.
    const PARTICLES: [&str; 9] = ["de", "del", "la", "las", "los", "do", "da", "di", "el"];
    let city = place.split(',').next().unwrap_or("");
    if !city
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase) || PARTICLES.contains(&w))
    {
        return None;
    }
    let (dateline, tag) = dateline_parts(head);
    Some((dateline, rest.to_string(), tag.map(str::to_string)))
}

/// After an agency tag, a place in mixed case is a dateline too ("Rome, October 11 -").
fn split_lede_dateline_mixed(text: &str) -> Option<(Dateline, String, Option<String>)> {
    let (pos, len) = dateline_dash(text)?;
    let head = text[..pos].trim();
    let rest = text[pos + len..].trim();
    if head.is_empty() || head.split_whitespace().count() > 8 || !starts_sentence(head) {
        return None;
    }
    let (dateline, _) = dateline_parts(head);
    Some((dateline, rest.to_string(), None))
}

/// Where a lede repeats the dateline the head already gives (`NEW YORK (AP) — The gas …`):
/// the lede without it and the agency tag written there.
pub(super) fn lede_repeating_dateline(text: &str, place: &str) -> Option<(String, Option<String>)> {
    let place = place.trim();
    if place.is_empty() {
        return None;
    }
    let head_len = text
        .char_indices()
        .nth(place.chars().count())
        .map_or(text.len(), |(i, _)| i);
    if text[..head_len].to_lowercase() != place.to_lowercase() {
        return None;
    }
    let after = &text[head_len..];
    // "NEW YORK, N.Y. (AP) —": a state or date after the place, then the tag, then a dash.
    let (pos, len) = dateline_dash(after)?;
    let between = after[..pos].trim();
    if between.chars().count() > 40 || !(between.is_empty() || between.starts_with([',', '('])) {
        return None;
    }
    let tag = between
        .rfind('(')
        .filter(|_| between.ends_with(')'))
        .map(|open| between[open + 1..between.len() - 1].trim().to_string())
        .filter(|t| !t.is_empty());
    let rest = after[pos + len..].trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((rest.to_string(), tag))
}

/// Where a headline run into the story's first line ends, as scrapes glue a page's
/// `<h1>` and first `<p>` onto one line: in "Harbour fire closes ferry line OSLO (NTB)
/// – Fire broke out …" (or "… ferry lineOSLO (NTB) – …", where the scrape lost the
/// space), the byte offset of `OSLO`. Found only where a dateline in capitals with
/// its dash follows, and what stands before it has a headline's shape: 3 to 20 words,
/// a capital first, some lower case, not ending a sentence with a full stop.
pub(super) fn glued_headline_end(text: &str) -> Option<usize> {
    /// A headline and a dateline fit in this many bytes; the dash must come by then.
    const REACH: usize = 240;
    let (dash, _) = DATELINE_DASHES
        .iter()
        .filter_map(|sep| text.find(sep).map(|pos| (pos, sep.len())))
        .filter(|(pos, _)| *pos <= REACH)
        .min()?;
    let before = &text[..dash];
    // Places the dateline may start: each word, and a capital run stuck to a
    // lower-case letter ("lineOSLO"); the leftmost that gives a dateline wins.
    let mut starts = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = before.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let word_start = previous.is_some_and(char::is_whitespace) && !c.is_whitespace();
        let stuck = previous.is_some_and(char::is_lowercase)
            && c.is_uppercase()
            && next.is_some_and(char::is_uppercase);
        if word_start || stuck {
            starts.push(at);
        }
        previous = Some(c);
    }
    for at in starts {
        let headline = text[..at].trim_end();
        let words = headline.split_whitespace().count();
        let shaped = (3..=20).contains(&words)
            && starts_sentence(headline)
            && headline.chars().any(char::is_lowercase)
            && !headline.ends_with(['.', ',', ';', ':', '–', '—', '-']);
        if !shaped {
            continue;
        }
        let Some((dateline, _, _)) = split_lede_dateline(&text[at..]) else {
            continue;
        };
        // The city in capitals only (a region after it may be "Vestland"): a
        // mixed-case "Fire" cannot start a dateline here.
        let city = dateline.place.split(',').next().unwrap_or("");
        if city.chars().any(char::is_lowercase) {
            continue;
        }
        return Some(at);
    }
    None
}

/// Words in a byline part that name a role.
const ROLE_WORDS: &[&str] = &[
    "Staff",
    "Writer",
    "Correspondent",
    "Reporter",
    "Editor",
    "Columnist",
    "Photographer",
    "Journalist",
];

/// Whether a byline part names a role ("Staff Writer") rather than an organisation.
pub(super) fn names_a_role(part: &str) -> bool {
    part.split_whitespace().any(|w| {
        let w = w.trim_end_matches('s');
        ROLE_WORDS.iter().any(|role| role.eq_ignore_ascii_case(w))
    })
}

/// A byline without its "By" in the languages galley hyphenates.
pub(super) fn strip_by(text: &str) -> &str {
    let text = text.trim();
    for prefix in [
        "By:", "By ", "by ", "BY ", "Av ", "av ", "AV ", "Af ", "af ", "Von ", "von ", "Par ",
        "Por ",
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    text
}

/// The labels typed before a photo credit, in the languages of the feeds galley reads.
const CREDIT_LABELS: &[&str] = &[
    "Photo:",
    "Photos:",
    "Photograph:",
    "Foto:",
    "Fotos:",
    "Bild:",
    "Kuva:",
    "Image:",
    "Picture:",
    "Photo by",
    "Foto von",
];

/// A credit without the label some feeds type before it ("Photo: Ines Marchetti"):
/// the backends set credits in their own style.
pub(super) fn without_credit_label(text: &str) -> &str {
    CREDIT_LABELS
        .iter()
        .find_map(|label| {
            text.get(..label.len())
                .filter(|head| head.eq_ignore_ascii_case(label))
                .map(|_| text[label.len()..].trim())
        })
        .filter(|rest| !rest.is_empty())
        .unwrap_or(text)
}

/// A caption's text and the labelled credit that ends it (`… harbour. Foto: Per Vik / NTB`),
/// or a caption that is only a labelled credit (then the text is empty).
pub(super) fn split_labelled_credit(caption: &str) -> Option<(String, String)> {
    let caption = caption.trim();
    let lower = caption.to_lowercase();
    let (at, label) = CREDIT_LABELS
        .iter()
        .filter(|label| label.ends_with(':'))
        .filter_map(|label| {
            let needle = label.to_lowercase();
            let at = lower.rfind(&needle)?;
            // At the start, or after the end of a sentence.
            let before = caption[..at].trim_end();
            (before.is_empty() || before.ends_with(['.', '!', '?', ')', '”', '"']))
                .then_some((at, label.len()))
        })
        .max()?;
    let credit = caption[at + label..].trim();
    if credit.is_empty() || credit.split_whitespace().count() > 10 {
        return None;
    }
    Some((caption[..at].trim().to_string(), credit.to_string()))
}

/// Editors' initials as agencies sign copy: `gr/bp`, `hh/ph/ts`, `AAP RTV ar`.
pub(super) fn is_editors_initials(text: &str) -> bool {
    let text = text.trim();
    let slashed: Vec<&str> = text.split('/').collect();
    let initials =
        |w: &str| (1..=4).contains(&w.chars().count()) && w.chars().all(char::is_lowercase);
    if slashed.len() >= 2 && slashed.iter().all(|w| initials(w)) {
        return true;
    }
    // "AAP RTV ar": an agency, a desk code, an editor's initials.
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.last().is_some_and(|w| initials(w))
        && words[..words.len() - 1].iter().all(|w| {
            (2..=5).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase())
        })
}

/// A closing line that signs the copy rather than telling the story: `/ritzau/`,
/// `(BusinessDesk)`, `(NTB)`, editors' initials.
pub(super) fn is_sign_off(text: &str) -> bool {
    let text = text.trim();
    let wrapped = |open: char, close: char| {
        text.strip_prefix(open)
            .and_then(|t| t.strip_suffix(close))
            .is_some_and(|inner| {
                let inner = inner.trim();
                !inner.is_empty()
                    && inner.split_whitespace().count() <= 2
                    && inner
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.'))
            })
    };
    wrapped('/', '/') || wrapped('(', ')') || is_editors_initials(text)
}

/// Whether a paragraph's text is markup typed as text (`<div class="embed"><script …`),
/// as web embed code comes escaped in some feeds.
pub(super) fn is_escaped_markup(text: &str) -> bool {
    let text = text.trim();
    text.starts_with('<')
        && text.ends_with('>')
        && [
            "<div",
            "<script",
            "<iframe",
            "<blockquote",
            "<a ",
            "<img",
            "<p",
            "<span",
            "<figure",
        ]
        .iter()
        .any(|tag| text.to_ascii_lowercase().starts_with(tag))
}

/// A subhead that only labels embed code ("Embed (Twitter):"), as NTB types it.
pub(super) fn is_embed_label(text: &str) -> bool {
    let text = text.trim();
    text.len() <= 60
        && text.ends_with(':')
        && text
            .get(..5)
            .is_some_and(|head| head.eq_ignore_ascii_case("embed"))
}

/// An agate section line, `BIRTHDAYS` or `LOTTERY RESULTS`: a subhead in all capitals.
pub(super) fn is_agate_label(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    (1..=3).contains(&words)
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && text
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '&' | '-'))
}

/// Whether a text reads as a person's name: two to five words, each capitalised
/// and made of letters (with hyphens, apostrophes or an initial's period).
pub(super) fn looks_like_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
}

/// Names that stand where a byline should, without naming anyone.
pub(super) fn is_placeholder_byline(name: &str) -> bool {
    names_a_role(name) && name.split_whitespace().count() <= 3
}

/// Whether a paragraph is only a separator line (`___`, `***`, `---`).
pub(super) fn is_separator(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() >= 3
        && text
            .chars()
            .all(|c| matches!(c, '_' | '*' | '-' | '=' | '#' | '~' | '•'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_only_the_known_parts() {
        assert_eq!(parse_date("09Dec").as_deref(), Some("--12-09"));
        assert_eq!(parse_date("4 Aug").as_deref(), Some("--08-04"));
        assert_eq!(parse_date("Dec. 9, 2015").as_deref(), Some("2015-12-09"));
        assert_eq!(
            parse_date("Wednesday, December 9").as_deref(),
            Some("--12-09")
        );
        assert_eq!(parse_date("2026-08-06").as_deref(), Some("2026-08-06"));
        assert_eq!(parse_date("10 juil 2024").as_deref(), Some("2024-07-10"));
        assert_eq!(parse_date("3. Oktober").as_deref(), Some("--10-03"));
        assert_eq!(parse_date("31Feb"), None);
        assert_eq!(parse_date("Article by FNS"), None);
        assert_eq!(parse_date("May the water return"), None);
        assert_eq!(parse_date("12/09/2015"), None);
    }

    #[test]
    fn part_prefixes() {
        let p = part_prefix("Day 7 – Ferries return to the fjord").unwrap();
        assert_eq!(
            (p.kicker.as_str(), p.part, p.total, p.rest.as_str()),
            ("Day 7", 7, None, "Ferries return to the fjord")
        );
        let p = part_prefix("Part 2 of 4: The dam").unwrap();
        assert_eq!(
            (p.kicker.as_str(), p.part, p.total, p.rest.as_str()),
            ("Part 2 of 4", 2, Some(4), "The dam")
        );
        let p = part_prefix("Chapter Three. Low water").unwrap();
        assert_eq!((p.part, p.rest.as_str()), (3, "Low water"));
        assert_eq!(part_prefix("Day trippers crowd the shore"), None);
        assert_eq!(part_prefix("Part 3"), None);
    }

    #[test]
    fn compact_and_spaced_dates_become_iso() {
        assert_eq!(
            iso_date("20151210T191044Z").unwrap(),
            "2015-12-10T19:10:44Z"
        );
        assert_eq!(iso_date("20180403").unwrap(), "2018-04-03");
        assert_eq!(
            iso_date("2016-01-12 12:35:40").unwrap(),
            "2016-01-12T12:35:40"
        );
        assert_eq!(
            iso_date("2017-10-11T10:41:00+0100").unwrap(),
            "2017-10-11T10:41:00+01:00"
        );
        assert_eq!(iso_date("2026-0\u{e9}-3"), None);
        assert_eq!(iso_date("Aug. 3"), None);
    }

    #[test]
    fn lede_datelines_in_both_orders() {
        let (d, rest, tag) = split_lede_dateline("HALVARD (NWP) - Rain fell.").unwrap();
        assert_eq!((d.place.as_str(), rest.as_str()), ("HALVARD", "Rain fell."));
        assert_eq!(tag.as_deref(), Some("NWP"));
        let (d, rest, tag) =
            split_lede_dateline("(NWP) - Marsk, October 11 - The ferry sailed.").unwrap();
        assert_eq!(d.place, "Marsk");
        assert_eq!(d.date.as_deref(), Some("--10-11"));
        assert_eq!(
            (rest.as_str(), tag.as_deref()),
            ("The ferry sailed.", Some("NWP"))
        );
        assert_eq!(split_lede_dateline("Halvard – the town – waited."), None);
        let (d, rest, tag) =
            split_lede_dateline("Port Mirel, Jan 2 (LMN).- The mayor resigned.").unwrap();
        assert_eq!(
            (d.place.as_str(), d.date.as_deref()),
            ("Port Mirel", Some("--01-02"))
        );
        assert_eq!(
            (rest.as_str(), tag.as_deref()),
            ("The mayor resigned.", Some("LMN"))
        );
        assert_eq!(split_lede_dateline("He said so (twice).- Then left."), None);
    }

    #[test]
    fn a_headline_glued_onto_the_dateline_comes_apart() {
        let text = "Harbour fire closes ferry line OSLO (NWP) – Fire broke out at noon.";
        assert_eq!(glued_headline_end(text), text.find("OSLO"));
        let text = "Storm shuts the coast road NEW HARBOUR, Vestland – The road closed.";
        assert_eq!(glued_headline_end(text), text.find("NEW HARBOUR"));
        let text = "Harbour fire closes ferry lineOSLO (NWP) – Fire broke out.";
        assert_eq!(glued_headline_end(text), text.find("OSLO"));
        // A dateline opening the line, a sentence before the capitals, too few words.
        assert_eq!(glued_headline_end("OSLO (NWP) – Fire broke out."), None);
        assert_eq!(
            glued_headline_end("The fire was out by noon. OSLO – It rained."),
            None
        );
        assert_eq!(glued_headline_end("Fire OSLO – It rained."), None);
        assert_eq!(
            glued_headline_end("Crews said the NATO drill – a test – went well."),
            None
        );
    }

    #[test]
    fn a_lede_repeating_the_dateline_loses_it() {
        assert_eq!(
            lede_repeating_dateline("OLD MARSK (NWP) — The gates opened.", "OLD MARSK"),
            Some(("The gates opened.".to_string(), Some("NWP".to_string())))
        );
        assert_eq!(
            lede_repeating_dateline("Old Marsk, Vestland – The gates opened.", "OLD MARSK"),
            Some(("The gates opened.".to_string(), None))
        );
        assert_eq!(
            lede_repeating_dateline("Old Marsk was quiet – at first.", "Old Marsk"),
            None
        );
    }

    #[test]
    fn credits_lose_their_label() {
        assert_eq!(
            without_credit_label("Photo: Ines Marchetti"),
            "Ines Marchetti"
        );
        assert_eq!(without_credit_label("FOTO: Per Vik / NWP"), "Per Vik / NWP");
        assert_eq!(without_credit_label("Photo:"), "Photo:");
        assert_eq!(
            split_labelled_credit("The quay at dawn. Foto: Per Vik / NWP"),
            Some(("The quay at dawn.".to_string(), "Per Vik / NWP".to_string()))
        );
        assert_eq!(
            split_labelled_credit("Kuva: Aino Mets"),
            Some((String::new(), "Aino Mets".to_string()))
        );
        assert_eq!(split_labelled_credit("A photo: the quay"), None);
    }

    #[test]
    fn sign_offs_and_initials() {
        assert!(is_editors_initials("gr/bp"));
        assert!(is_editors_initials("hh/ph/ts"));
        assert!(is_editors_initials("NWP RTV ar"));
        assert!(!is_editors_initials("Maren Holt"));
        assert!(!is_editors_initials("Per Vik / NWP"));
        assert!(is_sign_off("/nwp/"));
        assert!(is_sign_off("(HarbourDesk)"));
        assert!(!is_sign_off("(The ferry sailed at noon.)"));
        assert!(is_escaped_markup(
            "<div class=\"embed\"><script src=\"x.js\"></script></div>"
        ));
        assert!(!is_escaped_markup("<3 the ferry"));
        assert!(is_embed_label("Embed (Twitter):"));
        assert!(is_agate_label("BIRTHDAYS"));
        assert!(!is_agate_label("NEW YORK (AP) —"));
        assert!(is_placeholder_byline("Staff Reporter"));
        assert!(!is_placeholder_byline("Maren Holt"));
        assert!(is_separator("___"));
        assert!(!is_separator("—"));
    }
}
