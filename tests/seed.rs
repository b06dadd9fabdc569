//! The seed article (web/wire text), read from `../shared/seed/` at run time: the
//! project ships only text its authors wrote. Where the folder is absent the test
//! says so and passes as skipped.

use std::path::Path;

use galley::model::{plain_text, Article, Attribution, Block, Dateline, Series};
use galley::read::{read, Format, ReadOptions};

const SEED: &str = "../shared/seed/000_044c6c402c803a03.txt";

fn seed() -> Option<Article> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    };
    let reading = read(&bytes, &ReadOptions::default()).expect("the seed reads");
    assert_eq!(reading.format, Format::Wire);
    Some(reading.article)
}

fn paragraphs(article: &Article) -> Vec<String> {
    article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(plain_text(content)),
            _ => None,
        })
        .collect()
}

#[test]
fn seed_meta() {
    let Some(article) = seed() else { return };
    let meta = &article.meta;
    assert_eq!(
        meta.headline,
        "Heitkamp, Klobuchar team up to battle human trafficking"
    );
    assert_eq!(meta.kicker.as_deref(), Some("Day 7"));
    assert_eq!(
        meta.series,
        Some(Series {
            name: "Trafficked".into(),
            part: Some(7),
            total: None
        })
    );
    let names: Vec<&str> = meta.bylines.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["Amy Dalrymple"]);
    assert_eq!(meta.bylines[0].org.as_deref(), Some("Forum News Service"));
    assert_eq!(
        meta.dateline,
        Some(Dateline {
            place: "WASHINGTON".into(),
            date: None
        })
    );
    assert_eq!(meta.date.as_deref(), Some("--12-09"));
    assert_eq!(meta.source.as_deref(), Some("Forum News Service"));
    assert_eq!(
        meta.extra.get("agency_abbreviation").map(String::as_str),
        Some("FNS")
    );
    assert!(meta.decks.is_empty(), "decks: {:?}", meta.decks);
}

#[test]
fn seed_figure_and_pull_quotes() {
    let Some(article) = seed() else { return };
    let Block::Figure {
        src,
        caption,
        credit,
        ..
    } = &article.body[0]
    else {
        panic!(
            "the body does not open with the figure: {:?}",
            article.body[0]
        );
    };
    assert_eq!(*src, None);
    assert_eq!(credit.as_deref(), Some("Ryan Babb / Forum News Service"));
    let caption = plain_text(caption);
    assert!(caption.starts_with("U.S. Sen. Heidi Heitkamp, D-N.D., and U.S. Sen. Amy Klobuchar"));
    assert!(caption.ends_with("in Washington, D.C."), "{caption}");

    // Each pull quote stands just before the paragraph it repeats.
    let mut quotes = Vec::new();
    for (index, block) in article.body.iter().enumerate() {
        if let Block::PullQuote {
            content,
            attribution,
        } = block
        {
            let next = match article.body.get(index + 1) {
                Some(Block::Paragraph { content, .. }) => plain_text(content),
                other => panic!("a pull quote is followed by {other:?}"),
            };
            quotes.push((plain_text(content), attribution.clone().unwrap(), next));
        }
    }
    assert_eq!(quotes.len(), 2);
    assert_eq!(
        quotes[0].1,
        Attribution {
            name: "Amy Klobuchar".into(),
            title: Some("US Senator, Minn.".into())
        }
    );
    assert!(quotes[0].0.starts_with("The only way you"));
    assert!(quotes[0]
        .2
        .starts_with("“The only way you’re going to be able to build a case"));
    assert_eq!(
        quotes[1].1,
        Attribution {
            name: "Heidi Heitkamp".into(),
            title: Some("U.S. Senator, D-N.D.".into())
        }
    );
    assert!(quotes[1].0.starts_with("We've got a long wat to go"));
    assert!(quotes[1].2.starts_with("“We’ve got a long way to go"));
}

#[test]
fn seed_paragraphs() {
    let Some(article) = seed() else { return };
    let paragraphs = paragraphs(&article);
    assert_eq!(paragraphs.len(), 23);
    assert!(paragraphs[0].starts_with("As local police chiefs and sheriffs gathered in Minot"));
    assert_eq!(
        paragraphs[22],
        "“I’m so encouraged that you can, in fact, with a lot of hard work, help people through recovery,” Heitkamp said."
    );
    // A line wrapped mid-sentence is joined.
    assert!(paragraphs
        .iter()
        .any(|p| p.contains("to advance federal legislation to combat modern-day slavery")));
    // Paragraphs run together without a blank line are split.
    assert!(paragraphs
        .iter()
        .any(|p| p == "“This is an example of how Minnesota and North Dakota can work together,” Klobuchar said."));
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with("Both have teamed with Cindy McCain")));
    assert!(paragraphs
        .iter()
        .any(|p| p.ends_with("in high-demand, needs attention, too.")));
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with("In North Dakota, Heitkamp would like")));
    // Only the figure, pull quotes and paragraphs: no subheads or lists.
    assert_eq!(article.body.len(), 1 + 2 + 23);
}

#[test]
fn seed_has_no_navigation_residue() {
    let Some(article) = seed() else { return };
    let json = galley::model::to_json(&article);
    assert!(!json.contains("Categories"));
    assert!(!json.contains('•'));
    assert!(!json.contains("Day 7 –"));
    assert!(!json.contains("Trafficked Report"));
}
