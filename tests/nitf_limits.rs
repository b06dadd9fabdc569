//! Hostile and huge NITF inputs: each gives a clear error or a warning, in bounded
//! time, never a panic. The large inputs are generated here rather than committed.

use std::time::{Duration, Instant};

use galley::model::{Block, Inline};
use galley::read::{read, Format, ReadOptions, MAX_DEPTH};

fn nitf_options() -> ReadOptions {
    ReadOptions {
        format: Some(Format::Nitf),
        ..ReadOptions::default()
    }
}

/// Reads `bytes` as NITF and fails the test if that takes longer than `limit`.
fn read_within(
    bytes: &[u8],
    limit: Duration,
) -> Result<galley::read::Reading, galley::diag::Error> {
    let start = Instant::now();
    let result = read(bytes, &nitf_options());
    let took = start.elapsed();
    assert!(took < limit, "reading took {took:?}, more than {limit:?}");
    result
}

fn article(body_content: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf>\n<body>\n<body.head><hedline><hl1>Limits</hl1></hedline></body.head>\n<body.content>\n{body_content}\n</body.content>\n</body>\n</nitf>\n"
    )
}

#[test]
fn fifty_thousand_nested_blocks_are_an_error_naming_the_limit_and_place() {
    let depth = 50_000;
    let text = article(&format!(
        "{}x{}",
        "<block>".repeat(depth),
        "</block>".repeat(depth)
    ));
    let err = read_within(text.as_bytes(), Duration::from_secs(5)).unwrap_err();
    assert!(
        err.message.starts_with(&format!(
            "blocks and inlines nest more than {MAX_DEPTH} deep"
        )),
        "{}",
        err.message
    );
    // The element that went one level too deep is on line 6, the body.content line.
    assert_eq!(err.location.map(|l| l.line), Some(6), "{err}");
}

#[test]
fn nesting_up_to_the_limit_is_read_and_one_more_level_is_not() {
    let nested = |depth: usize| {
        article(&format!(
            "{}<p>deep</p>{}",
            "<block class=\"box\">".repeat(depth),
            "</block>".repeat(depth)
        ))
    };
    // MAX_DEPTH - 1 blocks and the paragraph: exactly MAX_DEPTH levels.
    let reading = read_within(nested(MAX_DEPTH - 1).as_bytes(), Duration::from_secs(5)).unwrap();
    let mut block = &reading.article.body[0];
    let mut levels = 1;
    while let Block::Sidebar { body, .. } = block {
        block = &body[0];
        levels += 1;
    }
    assert_eq!(levels, MAX_DEPTH);
    let err = read_within(nested(MAX_DEPTH).as_bytes(), Duration::from_secs(5)).unwrap_err();
    assert!(err.message.contains("read::MAX_DEPTH"), "{}", err.message);
}

#[test]
fn the_deepest_trees_read_back_from_their_json() {
    let shapes = [
        (
            "blocks",
            article(&format!(
                "{}<p>deep</p>{}",
                "<block class=\"box\">".repeat(MAX_DEPTH - 1),
                "</block>".repeat(MAX_DEPTH - 1)
            )),
        ),
        (
            "inlines",
            article(&format!(
                "<p>{}deep{}</p>",
                "<em>".repeat(MAX_DEPTH - 1),
                "</em>".repeat(MAX_DEPTH - 1)
            )),
        ),
        (
            "lists",
            article(&format!(
                "{}<p>deep</p>{}",
                "<ul><li>".repeat(MAX_DEPTH / 2 - 1),
                "</li></ul>".repeat(MAX_DEPTH / 2 - 1)
            )),
        ),
    ];
    for (shape, text) in shapes {
        let reading = read_within(text.as_bytes(), Duration::from_secs(5)).unwrap();
        let json = serde_json::to_string_pretty(&reading.article).unwrap();
        // A batch worker's stack, not the main thread's larger one.
        let back = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || read(json.as_bytes(), &ReadOptions::default()))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_or_else(|e| panic!("{shape}: {e}"));
        assert_eq!(back.article, reading.article, "{shape}");
    }
}

#[test]
fn deeply_nested_inlines_are_an_error_too() {
    let depth = 50_000;
    let text = article(&format!(
        "<p>{}x{}</p>",
        "<em>".repeat(depth),
        "</em>".repeat(depth)
    ));
    let err = read_within(text.as_bytes(), Duration::from_secs(5)).unwrap_err();
    assert!(err.message.contains("nest more than"), "{}", err.message);
}

#[test]
fn a_three_megabyte_paragraph_is_read_whole() {
    let sentence = "The water fell another four centimetres overnight. ";
    let count = 3 * 1024 * 1024 / sentence.len() + 1;
    let text = article(&format!("<p>{}</p>", sentence.repeat(count)));
    assert!(text.len() > 3 * 1024 * 1024);
    let reading = read_within(text.as_bytes(), Duration::from_secs(20)).unwrap();
    let [Block::Paragraph { content, .. }] = reading.article.body.as_slice() else {
        panic!(
            "expected one paragraph, got {:?}",
            reading.article.body.len()
        );
    };
    let [Inline::Text { text }] = content.as_slice() else {
        panic!("expected one text run");
    };
    assert_eq!(
        text.len(),
        sentence.len() * count - 1,
        "only the final space is trimmed"
    );
    assert!(reading.warnings.is_empty(), "{:?}", reading.warnings);
}

#[test]
fn a_three_megabyte_block_quote_is_not_compared_word_by_word() {
    let words = "water ".repeat(500_000);
    let text = article(&format!(
        "<p>{words}</p><bq><block><p>{words}</p></block></bq>"
    ));
    let reading = read_within(text.as_bytes(), Duration::from_secs(20)).unwrap();
    assert!(matches!(reading.article.body[1], Block::BlockQuote { .. }));
}

#[test]
fn many_elements_and_many_warnings_stay_bounded() {
    let text = article(&"<p>a <blink>b</blink></p>\n".repeat(50_000));
    let reading = read_within(text.as_bytes(), Duration::from_secs(20)).unwrap();
    assert_eq!(reading.article.body.len(), 50_000);
    assert!(reading.warnings.len() <= 101, "{}", reading.warnings.len());
    assert!(reading
        .warnings
        .last()
        .unwrap()
        .message
        .contains("more warnings"));
}

#[test]
fn many_warnings_on_one_long_line_stay_fast() {
    // 100,000 warnings on one 700 KB line: locating each would scan the line again.
    let text = article(&format!("<p>{}</p>", "a &zz; ".repeat(100_000)));
    let reading = read_within(text.as_bytes(), Duration::from_secs(10)).unwrap();
    assert_eq!(reading.warnings.len(), 101);
}

#[test]
fn a_flood_of_elements_is_an_error_naming_the_limit() {
    let text = article(&"<br/>".repeat(300_000));
    let err = read_within(text.as_bytes(), Duration::from_secs(10)).unwrap_err();
    assert!(
        err.message.starts_with("more than 250000 elements"),
        "{}",
        err.message
    );
}

#[test]
fn a_flood_of_attributes_is_cut_with_a_warning() {
    let attributes: String = (0..200_000).map(|i| format!(" a{i}=\"\"")).collect();
    let text = article(&format!("<p{attributes}>text</p>"));
    let reading = read_within(text.as_bytes(), Duration::from_secs(10)).unwrap();
    assert!(
        reading.warnings[0]
            .message
            .contains("more than 256 attributes"),
        "{:?}",
        reading.warnings
    );
}

#[test]
fn a_million_short_lines_are_located_quickly() {
    let text = article(&format!("{}<p>&zz;</p>", "\n".repeat(1_000_000)));
    let reading = read_within(text.as_bytes(), Duration::from_secs(10)).unwrap();
    assert_eq!(
        reading.warnings[0].location.map(|l| l.line),
        Some(1_000_006)
    );
}

#[test]
fn binary_garbage_read_as_nitf_is_an_error() {
    // A fixed pseudo-random sequence: the same bytes on every run.
    let mut state: u32 = 0x2545_F491;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect();
    assert!(read_within(&bytes, Duration::from_secs(5)).is_err());
    let mut tagged = b"<nitf>".to_vec();
    tagged.extend(&bytes);
    assert!(read_within(&tagged, Duration::from_secs(5)).is_err());
}

#[test]
fn empty_and_blank_inputs_are_errors() {
    for input in [
        "",
        "   \n",
        "<?xml version=\"1.0\"?>",
        "<!-- only a comment -->",
    ] {
        let err = read(input.as_bytes(), &nitf_options()).unwrap_err();
        assert!(
            err.message.contains("no XML element"),
            "{input:?}: {}",
            err.message
        );
    }
}

#[test]
fn every_truncation_of_an_example_fails_cleanly_or_reads() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/still-water/day1.xml");
    let full = std::fs::read(path).unwrap();
    let start = Instant::now();
    let mut errors = 0;
    // Cut at every byte of the first 2,000 and every 7th byte after that.
    for cut in (0..full.len()).filter(|&i| i < 2000 || i % 7 == 0) {
        match read(&full[..cut], &nitf_options()) {
            Ok(_) => {}
            Err(e) => {
                errors += 1;
                assert!(!e.message.is_empty());
            }
        }
    }
    assert!(
        errors > 1000,
        "truncated files must be errors, got {errors}"
    );
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn flipped_bytes_never_panic() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/still-water/day3.xml");
    let full = std::fs::read(path).unwrap();
    for (i, byte) in [b'<', b'>', b'&', b'"', b'/', 0xFF, b'\n', 0]
        .iter()
        .enumerate()
    {
        for at in (i * 13..full.len()).step_by(97) {
            let mut changed = full.clone();
            changed[at] = *byte;
            let _ = read(&changed, &nitf_options());
        }
    }
}
