//! What depends on the article's language in both backends: the language
//! itself (from a BCP 47 tag), its quotation marks, and the furniture words
//! a book or a proof prints around the articles ("Contents", "Part", "By").
//! The typesetter (`typeset::typography`) and the EPUB writer take their
//! marks from here, so a proof and a book of one article quote alike; dates
//! in words ([`Words::date`], [`Words::month`]) and counts ("3 parts") too.

/// A language galley knows: it picks hyphenation patterns, quote marks and
/// furniture words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    /// English (`en`, any region).
    English,
    /// Norwegian (`nb`, `nn`, `no`).
    Norwegian,
    /// German (`de`).
    German,
    /// Swedish (`sv`).
    Swedish,
    /// Danish (`da`).
    Danish,
    /// French (`fr`).
    French,
    /// Spanish (`es`).
    Spanish,
    /// Any other language: English quotes and words, no hyphenation.
    Other,
}

impl Language {
    /// The language of a BCP 47 tag (`en-GB`, `nb-NO`, ...); the primary subtag decides.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" | "eng" => Language::English,
            "nb" | "nn" | "no" | "nob" | "nno" | "nor" => Language::Norwegian,
            "de" | "deu" | "ger" => Language::German,
            "sv" | "swe" => Language::Swedish,
            "da" | "dan" => Language::Danish,
            "fr" | "fra" | "fre" => Language::French,
            "es" | "spa" => Language::Spanish,
            _ => Language::Other,
        }
    }
}

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

    /// Whether `text` is already a quotation: it opens and closes with a
    /// quotation mark of any language (a pull quote the desk quoted itself
    /// is not quoted again).
    pub fn is_quoted(text: &str) -> bool {
        const OPEN: &[char] = &['“', '„', '«', '»', '”', '"', '‘', '‚', '‹', '›', '\''];
        const CLOSE: &[char] = &['”', '“', '»', '«', '"', '’', '‘', '›', '‹', '\''];
        let t = text.trim();
        t.chars().count() > 1 && t.starts_with(OPEN) && t.ends_with(CLOSE)
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

/// The words printed around the articles, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The contents page's heading.
    pub contents: &'static str,
    /// The navigation by print page.
    pub pages: &'static str,
    /// The landmarks navigation.
    pub landmarks: &'static str,
    /// The title page, as the contents names it.
    pub title_page: &'static str,
    /// The cover page's title.
    pub cover: &'static str,
    /// A part of a series, before its number.
    pub part: &'static str,
    /// Before the first byline.
    pub by: &'static str,
    /// An article without a headline.
    pub untitled: &'static str,
    /// The colophon of embedded fonts.
    pub fonts: &'static str,
    /// The provenance of an article, as a heading for what follows.
    pub provenance: &'static str,
    /// The source's identifier of an article.
    pub source_id: &'static str,
    /// When the article was issued.
    pub issued: &'static str,
    /// When it was released.
    pub released: &'static str,
    /// The date its dateline gives.
    pub filed: &'static str,
    /// The agency or distributor.
    pub agency: &'static str,
    /// Copyright or usage rights.
    pub rights: &'static str,
    /// Where it was printed: publication, edition, section, page.
    pub printed: &'static str,
    /// The print edition.
    pub edition: &'static str,
    /// The newspaper section.
    pub section: &'static str,
    /// A print page, before its number.
    pub page: &'static str,
    /// Subject codes.
    pub subjects: &'static str,
    /// When this version was made.
    pub revised: &'static str,
    /// How many parts a book holds, one and many: `{n}` the count.
    pub parts: [&'static str; 2],
    /// One part of a series of known length: `{n}` the part, `{total}` the parts.
    pub part_of: &'static str,
    /// Some parts of a series of known length, one and many.
    pub parts_of: [&'static str; 2],
    /// How many articles, one and many.
    pub articles: [&'static str; 2],
    /// Articles of several series: `{articles}` the count, `{names}` the series.
    pub from_series: &'static str,
    /// A title for several articles of no series: `{title}` the first, `{n}` the others.
    pub and_more: [&'static str; 2],
    /// A photo's text alternative when nothing describes it: `{label}` the article.
    pub photo_for: &'static str,
    /// The colophon's line before the licence: `{fonts}` the families.
    pub fonts_used: &'static str,
    /// Month names, January first, as a date writes them.
    pub months: [&'static str; 12],
    /// After a day's number in a date (`.` where the day is an ordinal: `7. mars`).
    pub day_mark: &'static str,
    /// The first day of a month, where it is not written as a number (`1er`).
    pub first_day: Option<&'static str>,
    /// Between the day and the month, and the month and the year (` de ` in Spanish).
    pub date_join: &'static str,
    /// A print jump line to the continuation: `{word}` the jump word, `{n}` the page.
    pub jump_to: &'static str,
    /// Opening the continuation: `{word}` the jump word, `{n}` the page it came from.
    pub jump_from: &'static str,
    /// A jump line to the continuation of a story with no jump word: `{n}` the page.
    pub continued_on: &'static str,
    /// Opening the continuation of a story with no jump word: `{n}` the page.
    pub continued_from: &'static str,
    /// A print page's number among the pages of its story: `{n}` of `{total}`.
    pub page_of: &'static str,
}

impl Words {
    /// The words of a language (English for one galley has no words for).
    pub fn of(language: Language) -> &'static Words {
        match language {
            Language::English | Language::Other => &ENGLISH,
            Language::Norwegian => &NORWEGIAN,
            Language::German => &GERMAN,
            Language::Swedish => &SWEDISH,
            Language::Danish => &DANISH,
            Language::French => &FRENCH,
            Language::Spanish => &SPANISH,
        }
    }

    /// A month's name (1 = January); out of range, the nearest month.
    pub fn month(&self, month: u32) -> &'static str {
        self.months[(month as usize).clamp(1, 12) - 1]
    }

    /// A day of the month as a date writes it: `7`, `7.`, `1er`.
    pub fn day(&self, day: u32) -> String {
        match self.first_day {
            Some(first) if day == 1 => first.to_string(),
            _ => format!("{day}{}", self.day_mark),
        }
    }

    /// A date in words: `7 March 2026`, `7. mars 2026`, `7 de marzo de 2026`;
    /// without a year, `7 March`.
    pub fn date(&self, year: Option<i32>, month: u32, day: u32) -> String {
        let day_month = format!("{}{}{}", self.day(day), self.date_join, self.month(month));
        match year {
            Some(year) => format!("{day_month}{}{year}", self.date_join),
            None => day_month,
        }
    }

    /// A month of a year: `March 2026`, `marzo de 2026`.
    pub fn month_year(&self, month: u32, year: i32) -> String {
        format!("{}{}{year}", self.month(month), self.date_join)
    }

    /// A range of days without a year: `4–6 August`, `30 July – 2 August`.
    pub fn month_day_range(&self, (m1, d1): (u32, u32), (m2, d2): (u32, u32)) -> String {
        if (m1, d1) == (m2, d2) {
            self.date(None, m1, d1)
        } else if m1 == m2 {
            format!("{}\u{2013}{}", self.day(d1), self.date(None, m2, d2))
        } else {
            format!(
                "{} \u{2013} {}",
                self.date(None, m1, d1),
                self.date(None, m2, d2)
            )
        }
    }

    /// A range of dates: `7–10 March 2026`, `28 March – 2 April 2026`,
    /// `30 December 2025 – 2 January 2026`.
    pub fn date_range(&self, first: (i32, u32, u32), last: (i32, u32, u32)) -> String {
        let ((y1, m1, d1), (y2, m2, d2)) = (first, last);
        if y1 != y2 {
            format!(
                "{} \u{2013} {}",
                self.date(Some(y1), m1, d1),
                self.date(Some(y2), m2, d2)
            )
        } else {
            format!(
                "{}{}{y2}",
                self.month_day_range((m1, d1), (m2, d2)),
                self.date_join
            )
        }
    }

    /// How many parts a book holds: `3 parts`.
    pub fn parts_count(&self, parts: usize) -> String {
        fill(plural(&self.parts, parts), &[("n", &parts.to_string())])
    }

    /// One part of a series: `Part 2 of 10`, or `Part 2` when the length is unknown.
    pub fn part_of_series(&self, part: u32, total: Option<u32>) -> String {
        match total {
            Some(total) => fill(
                self.part_of,
                &[("n", &part.to_string()), ("total", &total.to_string())],
            ),
            None => format!("{} {part}", self.part),
        }
    }

    /// Some parts of a series: `3 of 10 parts`.
    pub fn parts_of_series(&self, parts: usize, total: u32) -> String {
        fill(
            plural(&self.parts_of, parts),
            &[("n", &parts.to_string()), ("total", &total.to_string())],
        )
    }

    /// How many articles: `4 articles`.
    pub fn articles_count(&self, articles: usize) -> String {
        fill(
            plural(&self.articles, articles),
            &[("n", &articles.to_string())],
        )
    }

    /// Articles of several series: `5 articles from the series A, B`.
    pub fn articles_from_series(&self, articles: usize, names: &str) -> String {
        fill(
            self.from_series,
            &[
                ("articles", &self.articles_count(articles)),
                ("names", names),
            ],
        )
    }

    /// A title for articles of no series: `Ferry resumes service and 2 more`.
    pub fn title_and_more(&self, title: &str, others: usize) -> String {
        fill(
            plural(&self.and_more, others),
            &[("title", title), ("n", &others.to_string())],
        )
    }

    /// A photo's text alternative naming only its article.
    pub fn photo_for_article(&self, label: &str) -> String {
        fill(self.photo_for, &[("label", label)])
    }

    /// The jump line at the foot of a page whose story goes on at page `n`,
    /// with its jump word when the story has one.
    pub fn jump_to_page(&self, word: Option<&str>, n: usize) -> String {
        let n = n.to_string();
        match word {
            Some(word) => fill(self.jump_to, &[("word", word), ("n", &n)]),
            None => fill(self.continued_on, &[("n", &n)]),
        }
    }

    /// The jump line opening a continuation from page `n`.
    pub fn jump_from_page(&self, word: Option<&str>, n: usize) -> String {
        let n = n.to_string();
        match word {
            Some(word) => fill(self.jump_from, &[("word", word), ("n", &n)]),
            None => fill(self.continued_from, &[("n", &n)]),
        }
    }

    /// A folio: `Page 2 of 3`.
    pub fn page_of_pages(&self, n: usize, total: usize) -> String {
        fill(
            self.page_of,
            &[("n", &n.to_string()), ("total", &total.to_string())],
        )
    }

    /// The colophon's line naming the embedded fonts.
    pub fn fonts_embedded(&self, families: &str) -> String {
        fill(self.fonts_used, &[("fonts", families)])
    }
}

/// The form for a count: the first for one, the second for any other.
fn plural(forms: &[&'static str; 2], count: usize) -> &'static str {
    if count == 1 {
        forms[0]
    } else {
        forms[1]
    }
}

/// A template with each `{key}` replaced by its value, in one pass, so a
/// value holding braces is never read as a key.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|v| (close, v.1))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub(crate) const ENGLISH: Words = Words {
    contents: "Contents",
    pages: "Print pages",
    landmarks: "Landmarks",
    title_page: "Title page",
    cover: "Cover",
    part: "Part",
    by: "By",
    untitled: "Untitled",
    fonts: "Fonts",
    provenance: "Provenance",
    source_id: "Source",
    issued: "Issued",
    released: "Released",
    filed: "Filed",
    agency: "Agency",
    rights: "Rights",
    printed: "In print",
    edition: "edition",
    section: "section",
    page: "page",
    subjects: "Subjects",
    revised: "Revised",
    parts: ["{n} part", "{n} parts"],
    parts_of: ["{n} of {total} parts", "{n} of {total} parts"],
    articles: ["{n} article", "{n} articles"],
    and_more: ["{title} and {n} more", "{title} and {n} more"],
    part_of: "Part {n} of {total}",
    from_series: "{articles} from the series {names}",
    photo_for: "Photograph for {label}",
    fonts_used: "This book embeds {fonts}, used under this licence:",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    day_mark: "",
    first_day: None,
    date_join: " ",
    jump_to: "See {word}, page {n}",
    jump_from: "{word} from page {n}",
    continued_on: "Continued on page {n}",
    continued_from: "Continued from page {n}",
    page_of: "Page {n} of {total}",
};

const NORWEGIAN: Words = Words {
    contents: "Innhold",
    pages: "Trykte sider",
    landmarks: "Landemerker",
    title_page: "Tittelside",
    cover: "Omslag",
    part: "Del",
    by: "Av",
    untitled: "Uten tittel",
    fonts: "Skrifter",
    provenance: "Opphav",
    source_id: "Kilde",
    issued: "Utgitt",
    released: "Frigitt",
    filed: "Sendt",
    agency: "Byrå",
    rights: "Rettigheter",
    printed: "På trykk",
    edition: "utgave",
    section: "seksjon",
    page: "side",
    subjects: "Emner",
    revised: "Revidert",
    parts: ["{n} del", "{n} deler"],
    parts_of: ["{n} av {total} deler", "{n} av {total} deler"],
    articles: ["{n} artikkel", "{n} artikler"],
    and_more: ["{title} og {n} til", "{title} og {n} til"],
    part_of: "Del {n} av {total}",
    from_series: "{articles} fra seriene {names}",
    photo_for: "Foto til {label}",
    fonts_used: "Denne boka bruker {fonts} under denne lisensen:",
    months: [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    day_mark: ".",
    first_day: None,
    date_join: " ",
    jump_to: "Se {word}, side {n}",
    jump_from: "{word} fra side {n}",
    continued_on: "Fortsetter på side {n}",
    continued_from: "Fortsatt fra side {n}",
    page_of: "Side {n} av {total}",
};

const GERMAN: Words = Words {
    contents: "Inhalt",
    pages: "Druckseiten",
    landmarks: "Orientierungspunkte",
    title_page: "Titelseite",
    cover: "Umschlag",
    part: "Teil",
    by: "Von",
    untitled: "Ohne Titel",
    fonts: "Schriften",
    provenance: "Herkunft",
    source_id: "Quelle",
    issued: "Erschienen",
    released: "Freigegeben",
    filed: "Gemeldet",
    agency: "Agentur",
    rights: "Rechte",
    printed: "Im Druck",
    edition: "Ausgabe",
    section: "Ressort",
    page: "Seite",
    subjects: "Themen",
    revised: "Überarbeitet",
    parts: ["{n} Teil", "{n} Teile"],
    parts_of: ["{n} von {total} Teilen", "{n} von {total} Teilen"],
    articles: ["{n} Artikel", "{n} Artikel"],
    and_more: ["{title} und {n} weiterer", "{title} und {n} weitere"],
    part_of: "Teil {n} von {total}",
    from_series: "{articles} aus den Serien {names}",
    photo_for: "Foto zu {label}",
    fonts_used: "Dieses Buch enthält {fonts}, verwendet unter dieser Lizenz:",
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    day_mark: ".",
    first_day: None,
    date_join: " ",
    jump_to: "Siehe {word}, Seite {n}",
    jump_from: "{word} von Seite {n}",
    continued_on: "Fortsetzung auf Seite {n}",
    continued_from: "Fortsetzung von Seite {n}",
    page_of: "Seite {n} von {total}",
};

const SWEDISH: Words = Words {
    contents: "Innehåll",
    pages: "Tryckta sidor",
    landmarks: "Landmärken",
    title_page: "Titelsida",
    cover: "Omslag",
    part: "Del",
    by: "Av",
    untitled: "Utan titel",
    fonts: "Typsnitt",
    provenance: "Ursprung",
    source_id: "Källa",
    issued: "Utgiven",
    released: "Släppt",
    filed: "Inskickad",
    agency: "Byrå",
    rights: "Rättigheter",
    printed: "I tryck",
    edition: "upplaga",
    section: "avdelning",
    page: "sida",
    subjects: "Ämnen",
    revised: "Reviderad",
    parts: ["{n} del", "{n} delar"],
    parts_of: ["{n} av {total} delar", "{n} av {total} delar"],
    articles: ["{n} artikel", "{n} artiklar"],
    and_more: ["{title} och {n} till", "{title} och {n} till"],
    part_of: "Del {n} av {total}",
    from_series: "{articles} ur serierna {names}",
    photo_for: "Foto till {label}",
    fonts_used: "Den här boken innehåller {fonts}, som används under denna licens:",
    months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    day_mark: "",
    first_day: None,
    date_join: " ",
    jump_to: "Se {word}, sidan {n}",
    jump_from: "{word} från sidan {n}",
    continued_on: "Fortsätter på sidan {n}",
    continued_from: "Fortsättning från sidan {n}",
    page_of: "Sidan {n} av {total}",
};

const DANISH: Words = Words {
    contents: "Indhold",
    pages: "Trykte sider",
    landmarks: "Vartegn",
    title_page: "Titelside",
    cover: "Omslag",
    part: "Del",
    by: "Af",
    untitled: "Uden titel",
    fonts: "Skrifttyper",
    provenance: "Oprindelse",
    source_id: "Kilde",
    issued: "Udgivet",
    released: "Frigivet",
    filed: "Indsendt",
    agency: "Bureau",
    rights: "Rettigheder",
    printed: "På tryk",
    edition: "udgave",
    section: "sektion",
    page: "side",
    subjects: "Emner",
    revised: "Revideret",
    parts: ["{n} del", "{n} dele"],
    parts_of: ["{n} af {total} dele", "{n} af {total} dele"],
    articles: ["{n} artikel", "{n} artikler"],
    and_more: ["{title} og {n} anden", "{title} og {n} andre"],
    part_of: "Del {n} af {total}",
    from_series: "{articles} fra serierne {names}",
    photo_for: "Foto til {label}",
    fonts_used: "Denne bog indeholder {fonts}, brugt under denne licens:",
    months: [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    day_mark: ".",
    first_day: None,
    date_join: " ",
    jump_to: "Se {word}, side {n}",
    jump_from: "{word} fra side {n}",
    continued_on: "Fortsættes på side {n}",
    continued_from: "Fortsat fra side {n}",
    page_of: "Side {n} af {total}",
};

const FRENCH: Words = Words {
    contents: "Sommaire",
    pages: "Pages imprimées",
    landmarks: "Repères",
    title_page: "Page de titre",
    cover: "Couverture",
    part: "Partie",
    by: "Par",
    untitled: "Sans titre",
    fonts: "Polices",
    provenance: "Provenance",
    source_id: "Source",
    issued: "Publié",
    released: "Diffusé",
    filed: "Transmis",
    agency: "Agence",
    rights: "Droits",
    printed: "Imprimé",
    edition: "édition",
    section: "rubrique",
    page: "page",
    subjects: "Sujets",
    revised: "Révisé",
    parts: ["{n} partie", "{n} parties"],
    parts_of: ["{n} partie sur {total}", "{n} parties sur {total}"],
    articles: ["{n} article", "{n} articles"],
    and_more: ["{title} et {n} autre", "{title} et {n} autres"],
    part_of: "Partie {n} sur {total}",
    from_series: "{articles} des séries {names}",
    photo_for: "Photographie pour {label}",
    fonts_used: "Ce livre intègre {fonts}, sous cette licence\u{a0}:",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    day_mark: "",
    first_day: Some("1er"),
    date_join: " ",
    jump_to: "Voir {word}, page {n}",
    jump_from: "{word}, suite de la page {n}",
    continued_on: "Suite page {n}",
    continued_from: "Suite de la page {n}",
    page_of: "Page {n} sur {total}",
};

const SPANISH: Words = Words {
    contents: "Índice",
    pages: "Páginas impresas",
    landmarks: "Puntos de referencia",
    title_page: "Portadilla",
    cover: "Cubierta",
    part: "Parte",
    by: "Por",
    untitled: "Sin título",
    fonts: "Fuentes",
    provenance: "Procedencia",
    source_id: "Fuente",
    issued: "Publicado",
    released: "Difundido",
    filed: "Enviado",
    agency: "Agencia",
    rights: "Derechos",
    printed: "Impreso",
    edition: "edición",
    section: "sección",
    page: "página",
    subjects: "Temas",
    revised: "Revisado",
    parts: ["{n} parte", "{n} partes"],
    parts_of: ["{n} de {total} partes", "{n} de {total} partes"],
    articles: ["{n} artículo", "{n} artículos"],
    and_more: ["{title} y {n} más", "{title} y {n} más"],
    part_of: "Parte {n} de {total}",
    from_series: "{articles} de las series {names}",
    photo_for: "Fotografía para {label}",
    fonts_used: "Este libro incorpora {fonts}, con esta licencia:",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    day_mark: "",
    first_day: None,
    date_join: " de ",
    jump_to: "Ver {word}, página {n}",
    jump_from: "{word} viene de la página {n}",
    continued_on: "Sigue en la página {n}",
    continued_from: "Viene de la página {n}",
    page_of: "Página {n} de {total}",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_languages_and_their_words() {
        assert_eq!(Language::from_tag("nb-NO"), Language::Norwegian);
        assert_eq!(Language::from_tag("EN_us"), Language::English);
        assert_eq!(Language::from_tag("fi"), Language::Other);
        assert_eq!(Words::of(Language::from_tag("de")).contents, "Inhalt");
        assert_eq!(Words::of(Language::Other).by, "By");
        assert_eq!(QuoteMarks::of(Language::German).at_depth(1), ("‚", "‘"));
    }

    #[test]
    fn dates_read_as_words_in_each_language() {
        let en = Words::of(Language::English);
        assert_eq!(
            en.date_range((2026, 3, 7), (2026, 3, 10)),
            "7–10 March 2026"
        );
        assert_eq!(
            en.date_range((2026, 3, 28), (2026, 4, 2)),
            "28 March – 2 April 2026"
        );
        assert_eq!(
            en.date_range((2025, 12, 30), (2026, 1, 2)),
            "30 December 2025 – 2 January 2026"
        );
        assert_eq!(en.month_day_range((8, 4), (8, 6)), "4–6 August");
        assert_eq!(en.month_day_range((7, 30), (8, 2)), "30 July – 2 August");
        assert_eq!(en.date(None, 8, 4), "4 August");
        assert_eq!(en.month_year(3, 2026), "March 2026");
        let nb = Words::of(Language::Norwegian);
        assert_eq!(
            nb.date_range((2026, 3, 7), (2026, 3, 10)),
            "7.–10. mars 2026"
        );
        assert_eq!(nb.date(Some(2026), 8, 3), "3. august 2026");
        let de = Words::of(Language::German);
        assert_eq!(
            de.date_range((2026, 3, 7), (2026, 3, 10)),
            "7.–10. März 2026"
        );
        assert_eq!(
            de.date_range((2026, 3, 28), (2026, 4, 2)),
            "28. März – 2. April 2026"
        );
        let es = Words::of(Language::Spanish);
        assert_eq!(
            es.date_range((2026, 3, 28), (2026, 4, 2)),
            "28 de marzo – 2 de abril de 2026"
        );
        assert_eq!(es.month_year(3, 2026), "marzo de 2026");
        let fr = Words::of(Language::French);
        assert_eq!(fr.date(Some(2026), 8, 1), "1er août 2026");
        assert_eq!(Words::of(Language::Danish).month(3), "marts");
        assert_eq!(
            Words::of(Language::Swedish).date(Some(2026), 5, 9),
            "9 maj 2026"
        );
        // Out of range, the nearest month rather than a panic.
        assert_eq!(en.month(0), "January");
        assert_eq!(en.month(13), "December");
        assert_eq!(crate::dates::MONTH_NAMES, en.months);
    }

    #[test]
    fn jump_lines_and_folios_are_filled_in_every_language() {
        let en = Words::of(Language::English);
        assert_eq!(en.jump_to_page(Some("FERRY"), 2), "See FERRY, page 2");
        assert_eq!(en.jump_from_page(Some("FERRY"), 1), "FERRY from page 1");
        assert_eq!(en.jump_to_page(None, 2), "Continued on page 2");
        let nb = Words::of(Language::Norwegian);
        assert_eq!(nb.jump_to_page(Some("FERJE"), 2), "Se FERJE, side 2");
        assert_eq!(nb.page_of_pages(1, 2), "Side 1 av 2");
        for tag in ["en", "nb", "de", "sv", "da", "fr", "es"] {
            let w = Words::of(Language::from_tag(tag));
            for line in [
                w.jump_to_page(Some("KAI"), 3),
                w.jump_from_page(Some("KAI"), 2),
                w.jump_to_page(None, 3),
                w.jump_from_page(None, 2),
                w.page_of_pages(2, 3),
            ] {
                assert!(!line.contains('{'), "{tag}: {line}");
                assert!(line.chars().any(|c| c.is_ascii_digit()), "{tag}: {line}");
            }
            assert!(w.jump_to_page(Some("KAI"), 3).contains("KAI"), "{tag}");
            assert!(w.jump_from_page(Some("KAI"), 2).contains("KAI"), "{tag}");
        }
    }

    #[test]
    fn counts_take_the_languages_plurals() {
        let en = Words::of(Language::English);
        assert_eq!(en.parts_count(1), "1 part");
        assert_eq!(en.parts_count(3), "3 parts");
        assert_eq!(en.part_of_series(2, Some(10)), "Part 2 of 10");
        assert_eq!(en.part_of_series(2, None), "Part 2");
        assert_eq!(en.parts_of_series(3, 10), "3 of 10 parts");
        let nb = Words::of(Language::Norwegian);
        assert_eq!(nb.parts_count(3), "3 deler");
        assert_eq!(nb.part_of_series(2, Some(4)), "Del 2 av 4");
        assert_eq!(nb.parts_of_series(3, 10), "3 av 10 deler");
        let de = Words::of(Language::German);
        assert_eq!(de.parts_count(1), "1 Teil");
        assert_eq!(de.parts_count(3), "3 Teile");
        assert_eq!(de.part_of_series(2, Some(4)), "Teil 2 von 4");
        assert_eq!(de.parts_of_series(3, 10), "3 von 10 Teilen");
        let fr = Words::of(Language::French);
        assert_eq!(fr.parts_of_series(1, 10), "1 partie sur 10");
        assert_eq!(fr.parts_of_series(3, 10), "3 parties sur 10");
        assert_eq!(
            de.articles_from_series(5, "Stille Wasser, Harbour Lights"),
            "5 Artikel aus den Serien Stille Wasser, Harbour Lights"
        );
        assert_eq!(
            en.title_and_more("Ferry {n} resumes", 2),
            "Ferry {n} resumes and 2 more"
        );
        assert_eq!(
            nb.photo_for_article("Dag 1: Vannet"),
            "Foto til Dag 1: Vannet"
        );
        // Every language has every word.
        for language in [
            Language::English,
            Language::Norwegian,
            Language::German,
            Language::Swedish,
            Language::Danish,
            Language::French,
            Language::Spanish,
        ] {
            let w = Words::of(language);
            assert!(w.parts_count(2).contains('2') && w.parts_of_series(2, 5).contains('5'));
            assert!(w.months.iter().all(|m| !m.is_empty()));
            assert!(w.fonts_embedded("Charis SIL").contains("Charis SIL"));
            assert!(!w.revised.is_empty() && !w.cover.is_empty());
        }
    }
}
