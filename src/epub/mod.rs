//! The EPUB 3 backend: articles in, one book out — a title page, a navigation
//! document (and an NCX), one XHTML document per article in series order, the
//! series and accessibility metadata, images and a cover.
//!
//! The backend is pure: the caller loads media, fonts, the cover and the
//! stylesheet and passes the bytes in [`EpubOptions`]; the same input gives a
//! byte-identical book (identifier from the content, fixed dates and zip
//! entry order and timestamps).
//!
//! ```
//! use galley::backend::Document;
//! use galley::model::Article;
//! let mut article = Article::new();
//! article.meta.headline = "Ferry resumes service".into();
//! let book = galley::epub::build(&[Document::new(article, "ferry.json")], &Default::default()).unwrap();
//! assert!(book.bytes.starts_with(b"PK"));
//! ```

pub mod catalogue;
pub mod container;
pub mod cover;
pub mod images;
pub mod lettering;
pub mod nav;
pub mod package;
pub mod provenance;
pub mod series;
pub mod xhtml;

use std::collections::{BTreeMap, BTreeSet};

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, ZipLibrary};

use crate::backend::{Document, Output};
use crate::dates;
use crate::diag::{Error, Warning};
use crate::model::Block;

pub use images::ImageLimits;
pub use series::SeriesFacts;

/// The stylesheet used when none is given.
pub const DEFAULT_STYLESHEET: &str = include_str!("../../styles/epub.css");

/// A font file to embed, with the CSS that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile {
    /// File name inside the book, e.g. `CharisSIL-Regular.ttf`.
    pub file_name: String,
    /// CSS family name, e.g. `Charis SIL`.
    pub family: String,
    /// CSS weight, e.g. 400 or 700.
    pub weight: u16,
    /// Whether the face is italic.
    pub italic: bool,
    /// The TrueType or OpenType bytes.
    pub bytes: Vec<u8>,
}

/// How to make a book. The defaults make a complete book with a generated cover.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EpubOptions {
    /// The book's title; by default the series name (or the article's label for one article).
    pub title: Option<String>,
    /// A cover image (JPEG or PNG); by default one is drawn from the lead photo.
    pub cover: Option<Vec<u8>>,
    /// A stylesheet replacing [`DEFAULT_STYLESHEET`].
    pub stylesheet: Option<String>,
    /// Fonts to embed, with their licence text for the colophon.
    pub fonts: Vec<FontFile>,
    /// The licence of the embedded fonts, shown on a colophon page.
    pub font_licence: Option<String>,
    /// A font to letter the series name and title on a generated cover; without
    /// one the cover image carries no text (the cover page still does).
    pub cover_font: Option<Vec<u8>>,
    /// `dcterms:modified` in seconds since 1970 (the caller reads
    /// `SOURCE_DATE_EPOCH`); by default the newest article date.
    pub modified: Option<i64>,
    /// The language when no article names one; by default `en`.
    pub language: Option<String>,
    /// When images are scaled down.
    pub image_limits: ImageLimits,
    /// What the whole run knows of each series (its number of parts, its
    /// dated parts), for books that hold only some of its articles, such as
    /// one book per article; the book's own articles always count.
    pub series_facts: SeriesFacts,
    /// The book is one article of its series (one book per article), so its
    /// identity is that part's, not the series'.
    pub per_article: bool,
    /// Where the pages of each article's proof begin (from page 2 on), by
    /// the article's origin, from a run that set its proofs too.
    pub page_starts: BTreeMap<String, Vec<PageStart>>,
}

pub use crate::backend::PageStart;

/// An article's print pages: where each begins in its text and its number
/// as printed. The first page is the one its print position (`pubdata`)
/// names, or page 1 of its proof; the proof's page breaks give the rest,
/// numbered on from the printed page. Without either, none.
pub fn print_pages(printed: Option<&str>, proof: Option<&[PageStart]>) -> Vec<xhtml::PageMark> {
    let first: Option<u32> = printed.and_then(|p| p.trim().parse().ok());
    let mark = |label: String, block, offset| xhtml::PageMark {
        label,
        block,
        offset,
    };
    match proof {
        Some(starts) => {
            let label = |page: u32| first.map_or(page, |f| f + page - 1).to_string();
            let mut starts: Vec<PageStart> =
                starts.iter().copied().filter(|s| s.page >= 2).collect();
            starts.sort();
            starts.dedup_by_key(|s| s.page);
            std::iter::once(mark(
                printed.map_or_else(|| "1".to_string(), |p| p.trim().to_string()),
                0,
                0,
            ))
            .chain(
                starts
                    .iter()
                    .map(|s| mark(label(s.page), s.block, s.offset)),
            )
            .collect()
        }
        None => printed
            .map(|p| vec![mark(p.trim().to_string(), 0, 0)])
            .unwrap_or_default(),
    }
}

/// Makes one book of `docs`, put into series order first.
pub fn build(docs: &[Document], options: &EpubOptions) -> Result<Output, Error> {
    build_described(docs, options).map(|made| made.output)
}

/// A book, what it is (for a catalogue, [`catalogue::feed`]) and notes on
/// what was done on the way (shown under `--explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The book and its warnings.
    pub output: Output,
    /// What the book says of itself.
    pub facts: catalogue::BookFacts,
    /// What was done that is not a problem, e.g. a photo scaled with its metadata kept.
    pub notes: Vec<Warning>,
}

/// Makes one book of `docs`, as [`build`], and says what it is.
pub fn build_described(docs: &[Document], options: &EpubOptions) -> Result<Made, Error> {
    if docs.is_empty() {
        return Err(Error::new("no articles to put in the book"));
    }
    let mut order: Vec<&Document> = docs.iter().collect();
    order.sort_by(|a, b| series::compare(a, b));
    Book::new(order, options).assemble()
}

/// A series as the book presents it.
struct SeriesSummary {
    name: String,
    parts: Vec<u32>,
    total: Option<u32>,
}

struct Book<'a> {
    docs: Vec<&'a Document>,
    options: &'a EpubOptions,
    warnings: Vec<Warning>,
    lang: String,
    /// Each part's language: its own, else its series', else the book's.
    part_langs: Vec<String>,
    /// Each part's provenance.
    provenance: Vec<provenance::Provenance>,
    notes: Vec<Warning>,
    series: Vec<SeriesSummary>,
    facts: SeriesFacts,
    title: String,
}

fn epub_error(e: impl std::fmt::Display) -> Error {
    Error::new(format!("cannot assemble the EPUB: {e}"))
}

impl<'a> Book<'a> {
    fn new(docs: Vec<&'a Document>, options: &'a EpubOptions) -> Self {
        let mut facts = SeriesFacts::gather(docs.iter().copied());
        facts.merge(&options.series_facts);
        let lang = docs
            .iter()
            .filter_map(|d| d.article.meta.language.as_deref())
            .chain(options.language.as_deref())
            .find(|l| xhtml::valid_lang(l))
            .unwrap_or("en")
            .to_string();
        let book_words = crate::locale::Words::of(crate::locale::Language::from_tag(&lang));
        let mut series: Vec<SeriesSummary> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for doc in &docs {
            let Some(key) = series::series_key(&doc.article.meta) else {
                continue;
            };
            let Some(s) = doc.article.meta.series.as_ref() else {
                continue;
            };
            let at = match keys.iter().position(|k| *k == key) {
                Some(at) => at,
                None => {
                    series.push(SeriesSummary {
                        name: s.name.split_whitespace().collect::<Vec<_>>().join(" "),
                        parts: Vec::new(),
                        total: facts.total(&key),
                    });
                    keys.push(key);
                    series.len() - 1
                }
            };
            if let Some(part) = s.part {
                series[at].parts.push(part);
            }
        }
        let title = match options
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(title) => title.to_string(),
            None if docs.len() == 1 => match series.first() {
                Some(s) => format!("{}, {}", s.name, nav::label(&docs[0].article.meta)),
                None => nav::label(&docs[0].article.meta),
            },
            None if !series.is_empty() => series
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            None => book_words.title_and_more(nav::headline(&docs[0].article.meta), docs.len() - 1),
        };
        let title = xhtml::xml_chars(&title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let title = if title.is_empty() {
            book_words.untitled.to_string()
        } else {
            title
        };
        let own_lang = |doc: &Document| {
            doc.article
                .meta
                .language
                .clone()
                .filter(|l| xhtml::valid_lang(l))
        };
        let part_langs = docs
            .iter()
            .map(|doc| {
                own_lang(doc)
                    .or_else(|| {
                        let key = series::series_key(&doc.article.meta)?;
                        docs.iter()
                            .filter(|d| series::series_key(&d.article.meta).as_ref() == Some(&key))
                            .find_map(|d| own_lang(d))
                    })
                    .unwrap_or_else(|| lang.clone())
            })
            .collect();
        let provenance = docs
            .iter()
            .map(|d| provenance::Provenance::of(&d.article.meta))
            .collect();
        Book {
            docs,
            options,
            warnings: Vec::new(),
            lang,
            part_langs,
            provenance,
            notes: Vec::new(),
            series,
            facts,
            title,
        }
    }

    /// The articles' dates, sorted. A part dated only by month and day (web
    /// text) takes its year from the dated parts of its own series; with
    /// none, it gives no date rather than a made-up one.
    fn dates(&self) -> Vec<(i32, u32, u32)> {
        let mut dates: Vec<_> = self
            .docs
            .iter()
            .filter_map(|doc| {
                let meta = &doc.article.meta;
                let text = meta.date.as_deref()?;
                dates::parse_date(text).or_else(|| {
                    let month_day = series::parse_month_day(text)?;
                    self.facts
                        .date_in_series(&series::series_key(meta)?, month_day)
                })
            })
            .collect();
        dates.sort_unstable();
        dates
    }

    /// `dc:date`: the earliest part's date as it gives it (a date, or a
    /// date-time with its zone; a time without a zone leaves only its date),
    /// or a month and day dated by its series.
    fn publication_date(&self, dates: &[(i32, u32, u32)]) -> Option<String> {
        let given = self
            .provenance
            .iter()
            .filter_map(|p| {
                let text = p.issued.as_deref()?;
                let at = provenance::instant(text)?;
                let zoned = text.contains('Z') || text.rfind(['+', '-']).is_some_and(|i| i > 10);
                let value = if text.contains('T') && !zoned {
                    text.split('T').next().unwrap_or(text).to_string()
                } else {
                    text.to_string()
                };
                Some((at, value))
            })
            .min();
        let dated = dates.first().map(|&(y, m, d)| {
            (
                dates::epoch_seconds((y, m, d)),
                format!("{y:04}-{m:02}-{d:02}"),
            )
        });
        // A part dated only by its day comes first only on an earlier day.
        match (given, dated) {
            (Some(given), Some(dated)) if dated.0 + 86_400 <= given.0 => Some(dated.1),
            (Some(given), _) => Some(given.1),
            (None, dated) => dated.map(|d| d.1),
        }
    }

    /// The furniture words of the book's language.
    fn words(&self) -> &'static crate::locale::Words {
        crate::locale::Words::of(crate::locale::Language::from_tag(&self.lang))
    }

    fn publishers(&self) -> Vec<String> {
        unique(
            self.docs
                .iter()
                .filter_map(|d| d.article.meta.source.clone()),
        )
    }

    /// The book's identity (the README's rule): a book of a series is that
    /// series, by its name and agency, whichever parts it holds and however
    /// they are corrected; one article of a series is that series and part;
    /// other articles are their source identifiers, or, lacking those, their
    /// headlines and dates. Neither the title nor the content counts.
    fn identifier(&self) -> uuid::Uuid {
        let mut names: Vec<String> = Vec::new();
        let whole_series = self
            .docs
            .iter()
            .all(|d| series::series_key(&d.article.meta).is_some());
        // A series' agency is the first one its parts name, so that a part
        // without one does not make the series another book.
        let agency = |key: &str| {
            self.docs
                .iter()
                .zip(&self.provenance)
                .filter(|(d, _)| series::series_key(&d.article.meta).as_deref() == Some(key))
                .find_map(|(_, p)| p.agency.as_deref())
                .unwrap_or("")
                .to_lowercase()
        };
        for (doc, provenance) in self.docs.iter().zip(&self.provenance) {
            let meta = &doc.article.meta;
            let name = match series::series_key(meta) {
                Some(key) if self.options.per_article => format!(
                    "part\t{key}\t{}\t{}",
                    agency(&key),
                    meta.series.as_ref().and_then(|s| s.part).map_or_else(
                        || provenance.source_id.clone().unwrap_or_default(),
                        |p| p.to_string()
                    )
                ),
                Some(key) if whole_series => format!("series\t{key}\t{}", agency(&key)),
                _ => match &provenance.source_id {
                    Some(id) => format!("source\t{id}"),
                    None => format!(
                        "article\t{}\t{}",
                        meta.date.as_deref().unwrap_or(""),
                        meta.headline.trim()
                    ),
                },
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.sort();
        let name = format!("galley-epub\n{}\n", names.join("\n"));
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes())
    }

    /// A digest of everything the book is made of: each part's tree and
    /// images, and the options that shape the files. Its hex form is the
    /// content version in the package.
    fn content_digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        let mut field = |bytes: &[u8]| {
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(bytes);
        };
        field(concat!("galley ", env!("CARGO_PKG_VERSION")).as_bytes());
        for doc in &self.docs {
            field(crate::model::to_json(&doc.article).as_bytes());
            for (src, media) in &doc.media {
                field(src.as_bytes());
                match media {
                    Ok(bytes) => field(bytes),
                    Err(reason) => field(reason.as_bytes()),
                }
            }
        }
        let o = self.options;
        field(self.title.as_bytes());
        field(o.cover.as_deref().unwrap_or_default());
        field(o.stylesheet.as_deref().unwrap_or_default().as_bytes());
        for font in &o.fonts {
            field(font.file_name.as_bytes());
            field(&font.bytes);
        }
        field(o.cover_font.as_deref().unwrap_or_default());
        field(format!("{:?} {:?} {:?}", o.language, o.image_limits, o.per_article).as_bytes());
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn assemble(mut self) -> Result<Made, Error> {
        self.check_parts();
        let mut builder =
            EpubBuilder::new(ZipLibrary::new().map_err(epub_error)?).map_err(epub_error)?;
        builder.epub_version(EpubVersion::V30);
        builder.escape_html(true);
        builder.set_title(clean(&self.title));
        builder.set_lang(self.lang.clone());
        builder.set_generator("galley");
        let words = self.words();
        builder.set_toc_name(words.contents);
        let authors = unique(
            self.docs
                .iter()
                .flat_map(|d| d.article.meta.bylines.iter().map(|b| b.name.clone())),
        );
        for name in &authors {
            builder.add_author(clean(name));
        }
        for subject in unique(
            self.docs
                .iter()
                .flat_map(|d| d.article.meta.keywords.iter().cloned()),
        ) {
            builder.add_subject(clean(&subject));
        }
        let description = match self.docs.as_slice() {
            [one] => one.article.meta.summary.clone(),
            _ => None,
        }
        .unwrap_or_else(|| self.description());
        let description = clean(&description);
        builder.add_description(description.clone());
        let rights = unique(
            self.docs
                .iter()
                .filter_map(|d| d.article.meta.rights.clone()),
        );
        if let [only] = rights.as_slice() {
            builder.set_license(clean(only));
        }
        let dates = self.dates();
        // Without SOURCE_DATE_EPOCH: the newest moment a part names (issued,
        // released, revised), put later within the hour by the content's
        // digest, so that a correction that names no new date is still a
        // new release of the same book; without dates, a fixed one.
        let digest = self.content_digest();
        let newest = self
            .provenance
            .iter()
            .filter_map(|p| p.newest())
            .chain(dates.last().map(|&d| dates::epoch_seconds(d)))
            .max();
        let modified = self.options.modified.unwrap_or_else(|| {
            newest.unwrap_or(946_684_800) + i64::from(digest_number(&digest) % 3600)
        });
        let modified = chrono::DateTime::from_timestamp(modified, 0).ok_or_else(|| {
            Error::new(format!("the modification time {modified} is out of range"))
        })?;
        builder.set_modified_date(modified);
        let modified = provenance::timestamp(modified.timestamp());
        let identifier = self.identifier();
        builder.set_uuid(identifier);

        // The stylesheet, with @font-face rules for embedded fonts.
        let mut css = self
            .options
            .stylesheet
            .clone()
            .unwrap_or_else(|| DEFAULT_STYLESHEET.to_string());
        for font in &self.options.fonts {
            css.push_str(&format!(
                "\n@font-face {{ font-family: \"{}\"; font-weight: {}; font-style: {}; src: url(\"fonts/{}\"); }}\n",
                font.family.replace(['"', '\\'], ""),
                font.weight,
                if font.italic { "italic" } else { "normal" },
                font.file_name
            ));
        }
        builder.stylesheet(css.as_bytes()).map_err(epub_error)?;
        // Binary files go into the zip once, when it is rewritten: epub-builder
        // gets an empty stand-in, so it neither deflates nor copies them.
        let mut payloads: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for font in &self.options.fonts {
            let href = format!("fonts/{}", font.file_name);
            builder
                .add_resource(&href, &[][..], "font/ttf")
                .map_err(epub_error)?;
            payloads.insert(format!("OEBPS/{href}"), font.bytes.clone());
        }

        // A given cover first: an article picture that is the same file is
        // the cover's one item.
        let given_cover = match &self.options.cover {
            Some(bytes) => {
                let prepared =
                    images::prepare(bytes, &self.options.image_limits).map_err(|reason| {
                        Error::new(format!("the cover image cannot be used: {reason}"))
                    })?;
                if prepared.over_byte_limit {
                    self.warnings.push(Warning::new(format!(
                        "the cover image {}",
                        over_limit(&prepared, &self.options.image_limits)
                    )));
                }
                Some(prepared)
            }
            None => None,
        };

        // Images, per article, in reading order.
        let mut placed: Vec<BTreeMap<String, xhtml::PlacedImage>> = Vec::new();
        let mut lead_photo: Option<Vec<u8>> = None;
        // A picture several articles use is stored once: found by the file
        // given (not prepared again) or by the file prepared.
        let mut by_given: BTreeMap<&[u8], xhtml::PlacedImage> = BTreeMap::new();
        let mut by_stored: BTreeMap<Vec<u8>, xhtml::PlacedImage> = BTreeMap::new();
        if let (Some(given), Some(prepared)) = (&self.options.cover, &given_cover) {
            let image = xhtml::PlacedImage {
                href: format!("images/cover.{}", prepared.kind.extension()),
                width: prepared.width,
                height: prepared.height,
            };
            by_given.insert(given.as_slice(), image.clone());
            by_stored.insert(prepared.bytes.clone(), image);
        }
        let docs = self.docs.clone();
        for (i, doc) in docs.iter().enumerate() {
            let mut map = BTreeMap::new();
            let mut figures = Vec::new();
            collect_figures(&doc.article.body, &mut figures);
            for (n, src) in figures.iter().enumerate() {
                let figure = n + 1;
                let Some(src) = src.as_deref().filter(|s| !s.trim().is_empty()) else {
                    self.warnings.push(Warning::new(format!(
                        "{}: figure {figure} names no image file; only its caption is kept",
                        doc.origin
                    )));
                    continue;
                };
                if map.contains_key(src) {
                    continue;
                }
                let bytes = match doc.media.get(src) {
                    Some(Ok(bytes)) => bytes,
                    Some(Err(reason)) => {
                        self.warnings.push(Warning::new(format!(
                            "{}: image `{src}` left out ({reason}); its caption is kept",
                            doc.origin
                        )));
                        continue;
                    }
                    None => {
                        self.warnings.push(Warning::new(format!(
                            "{}: image `{src}` left out (it was not loaded); its caption is kept",
                            doc.origin
                        )));
                        continue;
                    }
                };
                if let Some(image) = by_given.get(bytes.as_slice()) {
                    map.insert(src.to_string(), image.clone());
                    continue;
                }
                let prepared = match images::prepare(bytes, &self.options.image_limits) {
                    Ok(prepared) => prepared,
                    Err(reason) => {
                        self.warnings.push(Warning::new(format!(
                            "{}: image `{src}` left out ({reason}); its caption is kept",
                            doc.origin
                        )));
                        continue;
                    }
                };
                if prepared.over_byte_limit {
                    self.warnings.push(Warning::new(format!(
                        "{}: image `{src}` {}",
                        doc.origin,
                        over_limit(&prepared, &self.options.image_limits)
                    )));
                }
                self.note_metadata(&doc.origin, src, &prepared);
                let image = match by_stored.get(&prepared.bytes) {
                    Some(image) => image.clone(),
                    None => {
                        let href = format!(
                            "images/a{:03}-{figure}.{}",
                            i + 1,
                            prepared.kind.extension()
                        );
                        builder
                            .add_resource(&href, &[][..], prepared.kind.media_type())
                            .map_err(epub_error)?;
                        payloads.insert(format!("OEBPS/{href}"), prepared.bytes.clone());
                        if lead_photo.is_none() {
                            lead_photo = Some(prepared.bytes.clone());
                        }
                        let image = xhtml::PlacedImage {
                            href,
                            width: prepared.width,
                            height: prepared.height,
                        };
                        by_stored.insert(prepared.bytes, image.clone());
                        image
                    }
                };
                by_given.insert(bytes, image.clone());
                map.insert(src.to_string(), image);
            }
            placed.push(map);
        }

        // The cover: given, or drawn from the lead photo.
        let series_name = self
            .series
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let (cover_bytes, cover_kind, text_on_page) = match given_cover {
            Some(prepared) => (prepared.bytes, prepared.kind, false),
            None => {
                let lead = match &lead_photo {
                    Some(bytes) => match images::decode(bytes) {
                        Ok(image) => Some(image),
                        Err(reason) => {
                            self.warnings.push(Warning::new(format!(
                                "the lead photo cannot go on the cover ({reason}); a plain cover is drawn"
                            )));
                            None
                        }
                    },
                    None => None,
                };
                let font = match self
                    .options
                    .cover_font
                    .as_deref()
                    .map(lettering::Lettering::new)
                {
                    Some(Ok(font)) => Some(font),
                    Some(Err(reason)) => {
                        self.warnings.push(Warning::new(format!(
                            "{reason}; the cover is drawn without lettering"
                        )));
                        None
                    }
                    None => None,
                };
                let details: Vec<String> = [Some(self.count_line()), self.date_line(&dates)]
                    .into_iter()
                    .flatten()
                    .chain(Some(self.publishers().join(", ")).filter(|p| !p.is_empty()))
                    .collect();
                // Drawn once, at the size the limits allow.
                let size = cover::size(
                    self.options
                        .image_limits
                        .max_side
                        .max(images::SMALLEST_SIDE_LIMIT),
                );
                let bytes = cover::generate(
                    lead.as_ref(),
                    font.as_ref(),
                    &series_name,
                    &self.title,
                    &details,
                    size,
                )
                .map_err(|reason| Error::new(format!("cannot draw the cover: {reason}")))?;
                // Only a byte limit below the drawn size makes it smaller.
                let prepared = if bytes.len() > self.options.image_limits.max_bytes {
                    images::prepare(&bytes, &self.options.image_limits)
                        .map_err(|reason| Error::new(format!("cannot draw the cover: {reason}")))?
                } else {
                    images::Prepared {
                        bytes,
                        kind: images::Kind::Jpeg,
                        width: size.0,
                        height: size.1,
                        reencoded: false,
                        over_byte_limit: false,
                        kept: Vec::new(),
                        dropped: Vec::new(),
                    }
                };
                if prepared.over_byte_limit {
                    self.warnings.push(Warning::new(format!(
                        "the cover image {}",
                        over_limit(&prepared, &self.options.image_limits)
                    )));
                }
                // Lettered covers need no text beside them; plain ones get it on the page.
                (prepared.bytes, prepared.kind, font.is_none())
            }
        };
        let cover_href = format!("images/cover.{}", cover_kind.extension());
        builder
            .add_cover_image(&cover_href, &[][..], cover_kind.media_type())
            .map_err(epub_error)?;
        payloads.insert(format!("OEBPS/{cover_href}"), cover_bytes);
        let cover_alt = if series_name.is_empty() || series_name == self.title {
            format!("{}: {}", words.cover, self.title)
        } else {
            format!("{}: {}, {}", words.cover, series_name, self.title)
        };
        let cover_text = text_on_page.then_some((series_name.as_str(), self.title.as_str()));
        let cover_page = cover::cover_page(&self.lang, &cover_href, &cover_alt, cover_text);
        builder
            .add_content(
                EpubContent::new("cover.xhtml", cover_page.as_slice())
                    .reftype(ReferenceType::Cover),
            )
            .map_err(epub_error)?;

        let title_page = self.title_page(&dates);
        builder
            .add_content(
                EpubContent::new("title.xhtml", title_page.as_slice())
                    .title(words.title_page)
                    .reftype(ReferenceType::TitlePage),
            )
            .map_err(epub_error)?;

        let mut alt_texts = xhtml::AltTexts::default();
        let mut contents = vec![nav::Entry::Link(
            words.title_page.to_string(),
            "title.xhtml".to_string(),
        )];
        let mut print_pages = Vec::new();
        let mut page_sources: Vec<String> = Vec::new();
        let grouped = self.series.len() > 1;
        let mut labels = Vec::new();
        for (i, doc) in self.docs.iter().enumerate() {
            let label = nav::label(&doc.article.meta);
            let file = format!("part-{:03}.xhtml", i + 1);
            let provenance = &self.provenance[i];
            let proof = self.options.page_starts.get(&doc.origin).map(Vec::as_slice);
            let pages = self::print_pages(provenance.page.as_deref(), proof);
            let page_ids: Vec<String> = (1..=pages.len())
                .map(|n| format!("part-{:03}-page-{n}", i + 1))
                .collect();
            for (page, id) in pages.iter().zip(&page_ids) {
                print_pages.push(nav::Page {
                    label: page.label.clone(),
                    href: format!("{file}#{id}"),
                });
            }
            if !pages.is_empty() {
                // The edition the page numbers are those of.
                let source = if provenance.page.is_some() {
                    [&provenance.publication, &provenance.edition]
                        .into_iter()
                        .flatten()
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                } else {
                    "galley page proofs".to_string()
                };
                if !page_sources.contains(&source) {
                    page_sources.push(source);
                }
            }
            let mut cx = xhtml::ArticleContext {
                images: &placed[i],
                origin: &doc.origin,
                label: &label,
                lang: &self.part_langs[i],
                provenance,
                pages: &pages,
                page_ids: &page_ids,
                warnings: &mut self.warnings,
                alt_texts: &mut alt_texts,
            };
            let page = xhtml::article_page(&doc.article, &mut cx);
            let mut content = EpubContent::new(file.clone(), &[][..]).title(label.clone());
            payloads.insert(format!("OEBPS/{file}"), page);
            if i == 0 {
                content = content.reftype(ReferenceType::Text);
            }
            builder.add_content(content).map_err(epub_error)?;
            let entry = nav::Entry::Link(label.clone(), file);
            // A book of several series lists each series' parts under its name.
            let series_name = doc
                .article
                .meta
                .series
                .as_ref()
                .filter(|_| grouped && series::series_key(&doc.article.meta).is_some())
                .map(|s| s.name.split_whitespace().collect::<Vec<_>>().join(" "));
            match (series_name, contents.last_mut()) {
                (Some(name), Some(nav::Entry::Group(last, parts))) if *last == name => {
                    parts.push(entry)
                }
                (Some(name), _) => contents.push(nav::Entry::Group(name, vec![entry])),
                (None, _) => contents.push(entry),
            }
            labels.push(label);
        }

        if !self.options.fonts.is_empty() {
            let page = self.colophon();
            builder
                .add_content(
                    EpubContent::new("colophon.xhtml", page.as_slice())
                        .title(words.fonts)
                        .reftype(ReferenceType::Colophon),
                )
                .map_err(epub_error)?;
            contents.push(nav::Entry::Link(
                words.fonts.to_string(),
                "colophon.xhtml".to_string(),
            ));
        }
        payloads.insert(
            "OEBPS/nav.xhtml".to_string(),
            nav::document(&nav::Navigation {
                lang: &self.lang,
                entries: &contents,
                pages: &print_pages,
                cover: "cover.xhtml",
                body: ("part-001.xhtml", &labels[0]),
            }),
        );

        let mut raw = Vec::new();
        builder.generate(&mut raw).map_err(epub_error)?;

        let parts = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, _)| package::Part {
                item: format!("id_part-{:03}.xhtml", i + 1),
                title: labels[i].clone(),
                language: self.part_langs[i].clone(),
                provenance: self.provenance[i].clone(),
            })
            .collect();
        let date = self.publication_date(&dates);
        let facts = catalogue::BookFacts {
            identifier: uuid::fmt::Urn::from_uuid(identifier).to_string(),
            title: self.title.clone(),
            modified,
            date: date.clone(),
            language: self.lang.clone(),
            authors: authors.iter().map(|a| clean(a)).collect(),
            publishers: self.publishers(),
            rights: match rights.as_slice() {
                [only] => Some(clean(only)),
                _ => None,
            },
            summary: description,
            series: self
                .collections()
                .into_iter()
                .map(|c| {
                    (
                        c.name,
                        Some(c.position).filter(|&p| p != package::WHOLE_SERIES),
                    )
                })
                .collect(),
            parts: labels
                .iter()
                .enumerate()
                .map(|(i, label)| catalogue::PartFacts {
                    label: label.clone(),
                    language: self.part_langs[i].clone(),
                    provenance: self.provenance[i].clone(),
                })
                .collect(),
            version: digest.clone(),
        };
        let extra = package::extra_metadata(&package::ExtraMetadata {
            publishers: self.publishers(),
            collections: self.collections(),
            alt_texts,
            date,
            version: digest,
            parts,
            page_break_source: print_pages_source(page_sources),
            language: self.lang.clone(),
        });
        let identifier = uuid::fmt::Urn::from_uuid(identifier).to_string();
        let bytes = container::repack(
            &raw,
            &container::Patches {
                lang: &self.lang,
                extra_metadata: &extra,
                identifier: &identifier,
                title: &self.title,
                payloads: &payloads,
            },
        )
        .map_err(epub_error)?;
        Ok(Made {
            output: Output {
                bytes,
                warnings: self.warnings,
            },
            facts,
            notes: self.notes,
        })
    }

    /// Says what a re-encoded image kept of its metadata (a note) and what
    /// it could not keep (a warning).
    fn note_metadata(&mut self, origin: &str, src: &str, image: &images::Prepared) {
        if !image.reencoded {
            return;
        }
        let kept = if image.kept.is_empty() {
            "it carried no metadata to keep".to_string()
        } else {
            format!("its {} kept", image.kept.join(", "))
        };
        self.notes.push(Warning::new(format!(
            "{origin}: image `{src}` re-encoded at {} × {} pixels; {kept}",
            image.width, image.height
        )));
        if !image.dropped.is_empty() {
            self.warnings.push(Warning::new(format!(
                "{origin}: image `{src}` converted to RGB; its {} is left out, as it does not describe the converted pixels",
                image.dropped.join(", ")
            )));
        }
    }

    /// Warns about a part given twice (e.g. the same article in two formats);
    /// both stay in the book, in file-name order.
    fn check_parts(&mut self) {
        let mut seen: BTreeMap<(String, u32), &str> = BTreeMap::new();
        for doc in &self.docs {
            let meta = &doc.article.meta;
            let (Some(key), Some(part)) = (
                series::series_key(meta),
                meta.series.as_ref().and_then(|s| s.part),
            ) else {
                continue;
            };
            if let Some(first) = seen.insert((key, part), &doc.origin) {
                let name = meta.series.as_ref().map_or("", |s| s.name.as_str());
                self.warnings.push(Warning::new(format!(
                    "{}: part {part} of \"{name}\" is also {first}; both are kept",
                    doc.origin
                )));
            }
        }
    }

    /// Each series the book belongs to, with the book's place in it: a book
    /// of one part is at that part, any other at [`package::WHOLE_SERIES`].
    fn collections(&self) -> Vec<package::Collection> {
        self.series
            .iter()
            .map(|s| package::Collection {
                name: s.name.clone(),
                position: match (self.docs.len(), s.parts.as_slice()) {
                    (1, [part]) => *part,
                    _ => package::WHOLE_SERIES,
                },
            })
            .collect()
    }

    fn description(&self) -> String {
        let words = self.words();
        match self.series.as_slice() {
            [] => format!("{}.", words.articles_count(self.docs.len())),
            [one] => format!("{}: {}.", one.name, self.count_line()),
            many => format!(
                "{}.",
                words.articles_from_series(
                    self.docs.len(),
                    &many
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            ),
        }
    }

    /// "4 parts", "Part 2 of 10", "3 of 10 parts" ("2 articles" of no
    /// series), in the book's language.
    fn count_line(&self) -> String {
        let words = self.words();
        let parts = self.docs.len();
        if self.series.is_empty() {
            return words.articles_count(parts);
        }
        if let [one] = self.series.as_slice() {
            match (parts, one.parts.as_slice(), one.total) {
                (1, [part], total) => return words.part_of_series(*part, total),
                (_, _, Some(total)) if total as usize != parts => {
                    return words.parts_of_series(parts, total)
                }
                _ => {}
            }
        }
        words.parts_count(parts)
    }

    /// The days the articles cover, in words, when their dates say.
    fn date_line(&self, dates: &[(i32, u32, u32)]) -> Option<String> {
        match (dates.first(), dates.last()) {
            (Some(&first), Some(&last)) => Some(self.words().date_range(first, last)),
            // Web text often carries only a month and day.
            _ => {
                let mut days: Vec<_> = self
                    .docs
                    .iter()
                    .filter_map(|d| {
                        d.article
                            .meta
                            .date
                            .as_deref()
                            .and_then(series::parse_month_day)
                    })
                    .collect();
                days.sort_unstable();
                match (days.first(), days.last()) {
                    (Some(&first), Some(&last)) => Some(self.words().month_day_range(first, last)),
                    _ => None,
                }
            }
        }
    }

    fn title_page(&self, dates: &[(i32, u32, u32)]) -> Vec<u8> {
        // The series, unless the title already says just that.
        let series_line = Some(
            self.series
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
        )
        .filter(|line| !line.is_empty() && *line != self.title);
        let count = self.count_line();
        let range = self.date_line(dates);
        let publishers = self.publishers();
        let words = self.words();
        xhtml::page(&self.lang, words.title_page, Some("frontmatter"), |xml| {
            xml.start(
                "section",
                &[("epub:type", "titlepage"), ("class", "titlepage")],
            );
            xml.newline();
            if let Some(line) = &series_line {
                xml.element("p", &[("class", "series-label")], line);
                xml.newline();
            }
            xml.element("h1", &[("epub:type", "title")], &self.title);
            xml.newline();
            xml.element("p", &[("class", "parts")], &count);
            xml.newline();
            if let Some(range) = &range {
                xml.element("p", &[("class", "dates")], range);
                xml.newline();
            }
            if !publishers.is_empty() {
                xml.element("p", &[("class", "agency")], &publishers.join(", "));
                xml.newline();
            }
            xml.end("section");
            xml.newline();
        })
    }

    fn colophon(&self) -> Vec<u8> {
        let families = unique(self.options.fonts.iter().map(|f| f.family.clone()));
        let words = self.words();
        xhtml::page(&self.lang, words.fonts, Some("backmatter"), |xml| {
            xml.start(
                "section",
                &[
                    ("epub:type", "colophon"),
                    ("role", "doc-colophon"),
                    ("class", "colophon"),
                ],
            );
            xml.element("h1", &[], words.fonts);
            xml.element("p", &[], &words.fonts_embedded(&families.join(", ")));
            for paragraph in self
                .options
                .font_licence
                .as_deref()
                .unwrap_or("")
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                xml.element("p", &[], paragraph);
            }
            xml.end("section");
            xml.newline();
        })
    }
}

/// `a11y:pageBreakSource`: the editions the page numbers come from, named
/// where the parts name them; `None` without print pages.
fn print_pages_source(mut names: Vec<String>) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let unnamed = names.iter().any(String::is_empty);
    names.retain(|n| !n.is_empty());
    if names.is_empty() || (unnamed && names.len() > 1) {
        Some(package::UNNAMED_EDITIONS.to_string())
    } else {
        Some(names.join("; "))
    }
}

/// The first 32 bits of a hex digest, as a number.
fn digest_number(hex: &str) -> u32 {
    u32::from_str_radix(hex.get(..8).unwrap_or("0"), 16).unwrap_or(0)
}

/// The end of a warning about an image that could not be made small enough.
fn over_limit(image: &images::Prepared, limits: &ImageLimits) -> String {
    format!(
        "is still {} KB at {} × {} pixels, over the {} KB limit; it is kept that small",
        image.bytes.len().div_ceil(1000),
        image.width,
        image.height,
        limits.max_bytes / 1000
    )
}

/// Text for epub-builder, which escapes markup but not the characters XML forbids.
fn clean(text: &str) -> String {
    xhtml::xml_chars(text).into_owned()
}

/// Distinct non-empty values in first-seen order.
fn unique(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    values
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty() && seen.insert(v.to_lowercase()))
        .collect()
}

/// Every figure's `src`, in reading order, however deeply nested.
fn collect_figures(blocks: &[Block], out: &mut Vec<Option<String>>) {
    for block in blocks {
        match block {
            Block::Figure { src, .. } => out.push(src.clone()),
            Block::Sidebar { body, .. }
            | Block::BlockQuote { body, .. }
            | Block::Container { body, .. } => collect_figures(body, out),
            Block::List { items, .. } => items.iter().for_each(|item| collect_figures(item, out)),
            _ => {}
        }
    }
}
