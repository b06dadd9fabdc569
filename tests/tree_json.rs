//! The tree JSON is a public interface: every node type survives tree → JSON → tree exactly.

use galley::model::*;
use galley::read::{read, Format, ReadOptions};

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::text(s)]
}

fn every_node_type() -> Article {
    let mut article = Article::new();
    let meta = &mut article.meta;
    meta.headline = "Lock keepers \"walk out\" <at> dawn & dusk".into();
    meta.decks = vec!["Canal traffic halts".into(), "Talks resume Monday".into()];
    meta.kicker = Some("Day 2".into());
    meta.bylines = vec![Byline {
        name: "Maren Holt".into(),
        title: Some("Staff Writer".into()),
        org: Some("Northwind Press".into()),
    }];
    meta.dateline = Some(Dateline {
        place: "EASTBRIDGE".into(),
        date: Some("2026-03-04".into()),
    });
    meta.date = Some("--03-04".into());
    meta.series = Some(Series {
        name: "Still Water".into(),
        part: Some(2),
        total: Some(4),
    });
    meta.section = Some("Region".into());
    meta.source = Some("Northwind Press".into());
    meta.language = Some("nb-NO".into());
    meta.id = Some("nwp-2026-0304-17".into());
    meta.keywords = vec!["canal".into(), "strike".into()];
    meta.rights = Some("© 2026 Northwind Press".into());
    meta.summary = Some("Keepers stop work.".into());
    meta.tagline = Some("Reach the desk at desk@example.org".into());
    meta.extra.insert("nitf:urgency".into(), "3".into());
    article.body = vec![
        Block::Paragraph {
            classes: vec!["lead".into(), "txt".into()],
            lede: true,
            content: vec![
                Inline::text("Plain "),
                Inline::Emphasis {
                    content: text("em"),
                },
                Inline::Strong {
                    content: text("strong"),
                },
                Inline::Link {
                    href: "https://example.org/?a=1&b=2".into(),
                    content: text("link"),
                },
                Inline::Quote { content: text("q") },
                Inline::LineBreak,
                Inline::Span {
                    classes: vec!["person".into()],
                    content: text("Ada Lind"),
                },
            ],
        },
        Block::Heading {
            level: 2,
            content: text("At the lock"),
        },
        Block::PullQuote {
            content: text("We wait."),
            attribution: Some(Attribution {
                name: "Ada Lind".into(),
                title: Some("Keeper".into()),
            }),
        },
        Block::Figure {
            src: Some("media/lock.jpg".into()),
            alt: Some("A lock gate".into()),
            caption: text("The gate at dawn."),
            credit: Some("Per Vik / Northwind Press".into()),
            width: Some(1600),
            height: Some(1067),
        },
        Block::Sidebar {
            title: Some("By the numbers".into()),
            body: vec![Block::List {
                ordered: true,
                items: vec![
                    vec![Block::Paragraph {
                        classes: Vec::new(),
                        lede: false,
                        content: text("one"),
                    }],
                    vec![Block::Paragraph {
                        classes: Vec::new(),
                        lede: false,
                        content: text("two"),
                    }],
                ],
            }],
        },
        Block::BlockQuote {
            body: vec![Block::Paragraph {
                classes: Vec::new(),
                lede: false,
                content: text("Quoted."),
            }],
            credit: Some("Canal Act, 1911".into()),
        },
        Block::Table(Table {
            caption: text("Traffic"),
            rows: vec![
                TableRow {
                    header: true,
                    cells: vec![TableCell {
                        content: text("Year"),
                        colspan: Some(2),
                        rowspan: None,
                    }],
                },
                TableRow {
                    header: false,
                    cells: vec![TableCell {
                        content: text("2025"),
                        ..TableCell::default()
                    }],
                },
            ],
        }),
        Block::Rule,
        Block::Container {
            classes: vec!["correction".into()],
            body: vec![Block::Paragraph {
                classes: Vec::new(),
                lede: false,
                content: text("Fixed."),
            }],
        },
    ];
    article
}

#[test]
fn every_node_type_round_trips_exactly() {
    let article = every_node_type();
    let json = to_json(&article);
    let options = ReadOptions {
        format: Some(Format::Json),
        ..ReadOptions::default()
    };
    let back = read(json.as_bytes(), &options).unwrap().article;
    assert_eq!(back, article);
    assert_eq!(to_json(&back), json, "the JSON text itself is stable");
}

#[test]
fn json_uses_type_tags_and_snake_case() {
    let json = to_json(&every_node_type());
    for needle in [
        "\"version\": 1",
        "\"type\": \"pull_quote\"",
        "\"type\": \"block_quote\"",
        "\"type\": \"line_break\"",
        "\"type\": \"table\"",
        "\"type\": \"rule\"",
        "\"type\": \"container\"",
    ] {
        assert!(json.contains(needle), "missing {needle} in\n{json}");
    }
}

/// A paragraph written before classes and the lede mark existed reads as a plain one.
#[test]
fn a_paragraph_without_classes_or_lede_reads_as_before() {
    let json = r#"{"version":1,"meta":{"headline":"H"},"body":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}"#;
    let options = ReadOptions {
        format: Some(Format::Json),
        ..ReadOptions::default()
    };
    let reading = read(json.as_bytes(), &options).unwrap();
    assert_eq!(reading.article.body, vec![Block::paragraph(text("x"))]);
    let written = to_json(&reading.article);
    assert!(
        !written.contains("classes") && !written.contains("lede"),
        "{written}"
    );
}
