//! The web/wire text reader: article text as scraped from a news site or taken
//! off a wire, with header lines, navigation residue, captions and pull quotes
//! mixed into the story.
//!
//! The text is read in phases: [`lines`] splits it into chunks of lines between
//! blank lines; [`header`] reads the header lines, drops navigation residue and
//! takes the headline with its series part; [`body`] sorts what follows into
//! captions, pull quotes, bylines, subheads and paragraphs; [`quotes`] matches
//! each pull quote to the paragraph it repeats. Every rule applied is a decision
//! (for `--explain`); every guess that could be wrong is also a warning.

mod body;
mod header;

mod lines;
mod quotes;

use super::{cap, decode_utf8, drop_control_characters, Format, ReadOptions, Reading};
use crate::diag::{Error, Location, Warning};
use crate::model::{Article, Meta};

/// The warnings and decisions of one reading.
#[derive(Debug, Default)]
struct Log {
    warnings: Vec<Warning>,
    decisions: Vec<Warning>,
}

impl Log {
    fn located(line: u32, message: String) -> Warning {
        if line == 0 {
            Warning::new(message)
        } else {
            Warning::at(Location::line(line), message)
        }
    }

    /// A rule applied at `line` (0: no particular line).
    fn note(&mut self, line: u32, message: impl Into<String>) {
        self.decisions.push(Log::located(line, message.into()));
    }

    /// A rule applied that could be wrong: a decision and a warning.
    fn guess(&mut self, line: u32, message: impl Into<String>) {
        let warning = Log::located(line, message.into());
        self.decisions.push(warning.clone());
        self.warnings.push(warning);
    }
}

pub(super) fn read(bytes: &[u8], options: &ReadOptions) -> Result<Reading, Error> {
    let mut log = Log::default();
    let text = decode_utf8(bytes, options.lossy, &mut log.warnings)?;
    let text = drop_control_characters(text, &mut log.warnings);
    let chunks = lines::chunks(&text);
    let mut article = Article::new();
    let header = header::read(chunks, &mut article.meta, &mut log)?;
    let agency_line = body::read(&header.rest, &mut article, &mut log);
    source(&mut article.meta, header.agency, agency_line, &mut log);
    if article.body.is_empty() {
        log.guess(0, "no story text after the headline");
    }
    // Phases report out of input order; sorting by line keeps the output readable.
    log.warnings.sort_by_key(|w| w.location);
    log.decisions.sort_by_key(|w| w.location);
    cap(&mut log.warnings, "warnings");
    cap(&mut log.decisions, "decisions");
    Ok(Reading {
        article,
        format: Format::Wire,
        warnings: log.warnings,
        decisions: log.decisions,
    })
}

/// The agency: the full name from the line under the byline, else the header's
/// (often abbreviated) name; the abbreviation is kept when both are given.
fn source(
    meta: &mut Meta,
    header: Option<(u32, String)>,
    agency_line: Option<(u32, String)>,
    log: &mut Log,
) {
    const KEY: &str = "agency_abbreviation";
    match (header, agency_line) {
        (Some((no, short)), Some((full_no, full))) => {
            if short != full {
                if lines::abbreviates(&short, &full) {
                    log.note(
                        no,
                        format!("`{short}` abbreviates the agency line `{full}` (line {full_no}): the source is the full name, the abbreviation is kept in meta.extra[\"{KEY}\"]"),
                    );
                } else {
                    log.guess(
                        no,
                        format!("the header's agency `{short}` does not match the agency line `{full}` (line {full_no}); the source is taken from the agency line, the header's kept in meta.extra[\"{KEY}\"]"),
                    );
                }
                meta.extra.insert(KEY.to_string(), short);
            }
            meta.source = Some(full);
        }
        (Some((_, name)), None) | (None, Some((_, name))) => meta.source = Some(name),
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Inline};

    fn read_str(text: &str) -> Reading {
        read(text.as_bytes(), &ReadOptions::default()).unwrap()
    }

    fn paragraph(text: &str) -> Block {
        Block::Paragraph {
            classes: Vec::new(),
            lede: false,
            content: vec![Inline::text(text)],
        }
    }

    #[test]
    fn headline_alone_is_an_article() {
        let reading = read_str("Ferry resumes service\n\nThe ferry sailed at noon.\n");
        assert_eq!(reading.article.meta.headline, "Ferry resumes service");
        assert_eq!(
            reading.article.body,
            vec![paragraph("The ferry sailed at noon.")]
        );
        assert!(reading.warnings.is_empty());
    }

    #[test]
    fn header_without_headline_is_an_error() {
        let err = read(
            "03Aug\nArticle by NWP\n\n• Home\n".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(err.message.starts_with("no headline"));
    }

    #[test]
    fn abbreviated_agency_is_kept_beside_the_full_name() {
        let reading = read_str(
            "03Aug\nArticle by NWP\n\nBoats return\n\nBy Per Vik\n\nNorthwind Press\n\nThe boats came back.\n",
        );
        let meta = &reading.article.meta;
        assert_eq!(meta.source.as_deref(), Some("Northwind Press"));
        assert_eq!(meta.extra["agency_abbreviation"], "NWP");
        assert_eq!(meta.bylines[0].org.as_deref(), Some("Northwind Press"));
        assert_eq!(meta.date.as_deref(), Some("--08-03"));
    }

    #[test]
    fn text_without_blank_lines() {
        let reading = read_str(
            "05Aug\nArticle by NWP\nLow water at Halvard\nBy Maren Holt\nNorthwind Press\nHALVARD – The lake fell again.\nIt is now\nat its lowest.\n",
        );
        let meta = &reading.article.meta;
        assert_eq!(meta.headline, "Low water at Halvard");
        assert_eq!(meta.bylines[0].name, "Maren Holt");
        assert_eq!(meta.source.as_deref(), Some("Northwind Press"));
        assert_eq!(meta.dateline.as_ref().unwrap().place, "HALVARD");
        assert_eq!(
            reading.article.body,
            vec![
                paragraph("The lake fell again."),
                paragraph("It is now at its lowest.")
            ]
        );
    }

    #[test]
    fn wrapped_headline_is_joined() {
        let reading = read_str("Day 2 – Old Marsk rises\nfrom the lake\n\nThe walls were dry.\n");
        assert_eq!(
            reading.article.meta.headline,
            "Old Marsk rises from the lake"
        );
        assert_eq!(reading.article.meta.kicker.as_deref(), Some("Day 2"));
        assert_eq!(reading.article.meta.extra["series_part"], "2");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "x",
            "•",
            "By",
            "Day 1 –",
            "09Dec\n\n\n–",
            "A\n\nB\n\nC\n\nD",
            "Ærø\n\nÆ – ø\n\n“\n\nØ Ø\n\nÅ Å",
            "headline\n\n - a / b\n\n(/)",
        ] {
            let _ = read(text.as_bytes(), &ReadOptions::default());
        }
    }

    #[test]
    fn a_flood_of_guesses_is_listed_up_to_a_limit() {
        let text = format!("Headline\n\n{}", "Short line\nAnother.\n\n".repeat(500));
        let reading = read_str(&text);
        assert_eq!(reading.warnings.len(), 101);
        assert!(reading.warnings[100]
            .message
            .ends_with("more warnings like the ones above were not listed"));
        assert_eq!(reading.decisions.len(), 101);
    }

    #[test]
    fn long_paragraph_reads_in_bounded_time() {
        let mut text = String::from("Headline\n\n");
        for _ in 0..100_000 {
            text.push_str("the water rose again and ");
        }
        text.push_str("stopped.\n");
        let reading = read_str(&text);
        assert_eq!(reading.article.body.len(), 1);
    }
}

#[cfg(test)]
mod adversarial {
    use super::*;

    #[test]
    fn many_pull_quote_candidates_stay_bounded() {
        // 20,000 quote lines, each with a name alone under it: every one is a
        // candidate that asks the body for proof. Compared with every chunk, that is
        // 20,000 × 40,000 = 8e8 paragraphs looked at (quadratic); the budget stops each
        // search once it is spent, so the looks stay a few per chunk.
        let n = 20_000;
        let mut text = String::from("Headline\n\n");
        for n in 0..n {
            text.push_str(&format!(
                "The water in the old reservoir rose by {n} metres again today.\n\nAda Lind\n\n"
            ));
        }
        quotes::LOOKS.with(|l| l.set(0));
        let reading = read(text.as_bytes(), &ReadOptions::default()).unwrap();
        assert!(!reading.article.body.is_empty());
        let looks = quotes::LOOKS.with(std::cell::Cell::get);
        let chunks = 2 * n as u64;
        assert!(
            looks <= 8 * chunks,
            "{looks} paragraphs looked at for {chunks} chunks (bound {})",
            8 * chunks
        );
    }
}
