//! What depends on the article's language in both backends: the language
//! itself (from a BCP 47 tag), its quotation marks, and the furniture words
//! a book or a proof prints around the articles ("Contents", "Part", "By").
//! The typesetter (`typeset::typography`) and the EPUB writer take their
//! marks from here, so a proof and a book of one article quote alike.

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
}

const ENGLISH: Words = Words {
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
}
