//! The text engine, judged on its output data: line breaks, ratios, glyph
//! ids and positions. Texts are invented; the seed is read at run time.

#[path = "typeset/seed.rs"]
mod seed;

use galley::model::{Block, Inline};
use galley::style::{Style, TextRole, DEFAULT_STYLE};
use galley::typeset::{
    choose_split, measure, set_line, set_paragraph, Algorithm, Alignment, FaceId, Family, FontBook,
    Language, Line, Paragraph, Piece, Settings, SplitRules, TextStyle, LINE_BREAK,
};

const BODY: f32 = 9.5;
const COLUMN: f32 = 144.0;

fn book() -> FontBook {
    FontBook::builtin()
}

fn body(text: &str, language: Language) -> Paragraph {
    Paragraph::from_inlines(&[Inline::text(text)], &Family::CHARIS, BODY, language)
}

fn settings(language: Language) -> Settings {
    Settings {
        language,
        ..Settings::default()
    }
}

/// The paragraph's words as `pdftotext` would read them off the lines: an
/// inserted hyphen at a line's end joins the word again.
fn words_of(lines: &[Line]) -> Vec<String> {
    let mut text = String::new();
    for line in lines {
        let t = line.text();
        if line.hyphenated {
            text.push_str(t.strip_suffix('-').expect("a hyphenated line ends in '-'"));
        } else {
            text.push_str(&t);
            text.push(' ');
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn assert_no_overflow(lines: &[Line]) {
    for (i, line) in lines.iter().enumerate() {
        assert!(
            line.width <= line.measure + 0.01,
            "line {} overflows: {} > {} ({})",
            i + 1,
            line.width,
            line.measure,
            line.text()
        );
        for run in &line.runs {
            for g in &run.glyphs {
                assert!(
                    g.x >= -0.01,
                    "glyph before the line's start on line {}",
                    i + 1
                );
            }
        }
    }
}

fn max_hyphen_run(lines: &[Line]) -> usize {
    let (mut run, mut most) = (0, 0);
    for line in lines {
        if line.text().ends_with('-') {
            run += 1;
            most = most.max(run);
        } else {
            run = 0;
        }
    }
    most
}

const HARBOUR: &str = "The ferry from Port Aldermere to the island of Skelby resumed \
its winter timetable on Monday, after the harbour authority finished repairs to the \
northern breakwater. Captain Edith Marlowe, who has commanded the vessel for eleven \
years, said the crossing remained the most dependable connection between the \
communities, and that passengers had waited patiently through the interruption. \
Councillors in Skelby approved an additional departure on Saturdays, extending the \
service until the spring equinox, when the summer schedule traditionally begins.";

#[test]
fn builtin_fonts_are_found_by_family_and_style() {
    let book = book();
    assert_eq!(book.len(), 7);
    assert_eq!(book.face("Charis SIL", false, false), Some(FaceId(0)));
    assert_eq!(book.face("charis sil", false, true), Some(FaceId(1)));
    assert_eq!(book.face("Charis SIL", true, false), Some(FaceId(2)));
    assert_eq!(book.face("Charis SIL", true, true), Some(FaceId(3)));
    assert_eq!(book.face("Noto Sans", true, false), Some(FaceId(6)));
    assert_eq!(book.face("Noto Sans", true, true), None);
    assert_eq!(book.face("Imaginary Grotesk", false, false), None);
    assert_eq!(book.postscript_name(FaceId(0)), "CharisSIL");
    assert_eq!(book.postscript_name(FaceId(6)), "NotoSans-Bold");
    // Noto Sans has no bold italic: strong emphasis is set in its bold.
    let (family, missing) = book.family("Noto Sans").unwrap();
    assert_eq!(family, Family::NOTO_SANS);
    assert_eq!(family.bold_italic, FaceId(6));
    assert_eq!(missing, vec!["bold italic"]);
    let (charis, missing) = book.family("Charis SIL").unwrap();
    assert_eq!((charis, missing.len()), (Family::CHARIS, 0));
    let m = book.metrics(FaceId(0));
    assert_eq!(m.units_per_em, 2048);
    assert!(m.ascender > m.cap_height && m.cap_height > m.x_height && m.x_height > 0);
    assert!(m.descender < 0);
    // What typography inserts must exist in the text faces.
    for face in 0..4 {
        for c in [
            'ø', '“', '”', '‘', '’', '«', '»', '„', '–', '—', '…', '\u{202f}', '-', '−',
        ] {
            assert!(book.has_glyph(FaceId(face), c), "{c:?} in face {face}");
        }
    }

    assert!(!book.has_glyph(FaceId(0), '\u{10FFFF}'));
    assert!(book.data(FaceId(4)).starts_with(&[0, 1, 0, 0]));
}

#[test]
fn other_font_files_can_be_added_and_bad_ones_are_refused() {
    let mut book = book();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/NotoSans-Italic.ttf");
    let id = book.add(std::fs::read(path).unwrap()).unwrap();
    assert_eq!(id, FaceId(7));
    assert_eq!(book.family_name(id), "Noto Sans");
    assert_eq!(book.style(id), (false, true));
    let err = book.add(b"not a font".to_vec()).unwrap_err();
    assert!(err.message.contains("font"), "{}", err.message);
    assert_eq!(book.len(), 8);
}

#[test]
fn shaping_applies_ligatures_and_kerning() {
    let book = book();
    let style = TextStyle::new(Family::CHARIS.regular, 10.0);
    let sans = TextStyle::new(Family::NOTO_SANS.regular, 10.0);
    let line = set_line(
        &book,
        &Paragraph::plain("office", style),
        &Settings::default(),
        0.0,
    );
    let glyphs = &line.runs[0].glyphs;
    // A ligature: fewer glyphs than characters, and one glyph carries them all.
    assert!(glyphs.len() < 6, "{} glyphs", glyphs.len());
    let texts: String = glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(texts, "office");
    assert!(glyphs.iter().any(|g| g.text.chars().count() >= 2));
    // Kerning: "AV" set together is narrower than its letters apart.
    let w = |t: &str| measure(&book, &Paragraph::plain(t, sans));
    assert!(w("To") < w("T") + w("o") - 0.5);
    assert!(
        w("AV") < w("A") + w("V") - 0.1,
        "{} vs {}",
        w("AV"),
        w("A") + w("V")
    );
    // Glyphs sit at their advances, left to right.
    for pair in glyphs.windows(2) {
        assert!((pair[1].x - (pair[0].x + pair[0].advance)).abs() < 1e-3);
    }
}

#[test]
fn a_paragraph_is_justified_to_its_measure() {
    let book = book();
    let out = set_paragraph(
        &book,
        &body(HARBOUR, Language::English),
        &Settings::default(),
        &[COLUMN],
    );
    let n = out.lines.len();
    assert!((15..=19).contains(&n), "{n} lines");
    for line in &out.lines[..n - 1] {
        assert!(
            (line.width - COLUMN).abs() < 0.05,
            "{} wide: {}",
            line.width,
            line.text()
        );
        assert!(
            line.ratio.abs() <= 1.5,
            "ratio {} on {}",
            line.ratio,
            line.text()
        );
    }
    let last = &out.lines[n - 1];
    assert!(last.width < COLUMN && last.ratio == 0.0);
    assert_eq!(
        words_of(&out.lines),
        words(HARBOUR.replace("  ", " ").as_str())
    );
    assert_no_overflow(&out.lines);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn hyphens_are_glyphs_with_text_and_never_more_than_two_in_a_row() {
    let book = book();
    let text = "Extraordinarily comprehensive reconstruction documentation \
        notwithstanding, administrative responsibilities concerning environmental \
        rehabilitation necessitated considerable interdepartmental communication \
        throughout Aldermere municipality.";
    let out = set_paragraph(
        &book,
        &body(text, Language::English),
        &Settings::default(),
        &[90.0],
    );
    let hyphenated: Vec<&Line> = out.lines.iter().filter(|l| l.hyphenated).collect();
    assert!(
        !hyphenated.is_empty(),
        "a 90 pt column of long words hyphenates"
    );
    for line in &hyphenated {
        let last = line.runs.last().unwrap().glyphs.last().unwrap();
        assert_eq!(last.text, "-");
    }
    assert!(max_hyphen_run(&out.lines) <= 2);
    assert_eq!(words_of(&out.lines), words(text));
    assert_no_overflow(&out.lines);
    // With no limit the same column hyphenates more lines in a row.
    let free = Settings {
        max_hyphenated_lines: 10,
        double_hyphen_demerits: 0.0,
        ..Settings::default()
    };
    let loose = set_paragraph(&book, &body(text, Language::English), &free, &[90.0]);
    assert!(max_hyphen_run(&loose.lines) >= max_hyphen_run(&out.lines));
}

#[test]
fn a_chain_of_hyphened_words_breaks_at_its_hyphens_and_never_overflows() {
    // The limit on hyphens in a row yields where only a hyphen keeps a line
    // within its measure: a chain has no other break.
    let book = book();
    let chain = vec!["harbour"; 120].join("-");
    let text = format!("The board met. {chain} and then it rose.");
    for algorithm in [Algorithm::KnuthPlass, Algorithm::Greedy] {
        let s = Settings {
            algorithm,
            ..Settings::default()
        };
        let out = set_paragraph(&book, &body(&text, Language::English), &s, &[COLUMN]);
        assert_no_overflow(&out.lines);
        // About 120 words of 35 pt in a 144 pt column: a line holds three or four.
        assert!(
            (25..=50).contains(&out.lines.len()),
            "{algorithm:?}: {} lines",
            out.lines.len()
        );
        assert_eq!(words_of(&out.lines).concat(), words(&text).concat());
    }
}

#[test]
fn narrow_columns_never_overflow() {
    let book = book();
    for width in [30.0, 45.0, 60.0, 72.0] {
        for algorithm in [Algorithm::KnuthPlass, Algorithm::Greedy] {
            let s = Settings {
                algorithm,
                ..Settings::default()
            };
            let out = set_paragraph(&book, &body(HARBOUR, Language::English), &s, &[width]);
            assert_no_overflow(&out.lines);
            assert!(max_hyphen_run(&out.lines) <= 2, "{width} {algorithm:?}");
            let joined: String = words_of(&out.lines).concat();
            assert_eq!(joined, words(HARBOUR).concat(), "{width} {algorithm:?}");
        }
    }
}

#[test]
fn long_words_and_urls_get_emergency_breaks_without_hyphens() {
    let book = book();
    let url = "https://harbour-authority.example.org/notices/2026/breakwater-repairs-northern-section.html";
    let text = format!("Details are posted at {url} for residents of Skelby.");
    let out = set_paragraph(
        &book,
        &body(&text, Language::English),
        &Settings::default(),
        &[COLUMN],
    );
    assert_no_overflow(&out.lines);
    // The URL is split without an inserted hyphen, and reads back whole.
    assert!(
        out.lines.iter().all(|l| !l.hyphenated),
        "no hyphen inside a URL"
    );
    let all: String = out
        .lines
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join("");
    assert!(
        all.replace(' ', "").contains(&url.replace(' ', "")),
        "{all}"
    );

    // In any measure an address breaks before its marks, so no line ends in
    // a hyphen (read as a hyphenation) or a period (read as a sentence's end).
    let email = "harbour-master.edith-marlowe@aldermere-council.example.org";
    let text = format!(
        "Details are posted at {url} and at www.harbour-news-service.example.com/ferry-timetable \
        for residents, or write to {email} about it"
    );
    let solid = text.replace(' ', "");
    // Where each address lies in the text without spaces, in bytes.
    let spans: Vec<(usize, usize)> = [
        url,
        "www.harbour-news-service.example.com/ferry-timetable",
        email,
    ]
    .iter()
    .map(|a| {
        let at = solid.find(a).unwrap();
        (at, at + a.len())
    })
    .collect();
    let mut inside = 0;
    for width in (70..=160).step_by(5) {
        let out = set_paragraph(
            &book,
            &body(&text, Language::English),
            &Settings::default(),
            &[width as f32],
        );
        assert_no_overflow(&out.lines);
        let mut at = 0;
        for pair in out.lines.windows(2) {
            let (end, start) = (pair[0].text(), pair[1].text());
            assert!(
                pair[0].hyphenated || !end.ends_with('-'),
                "{width}: {end} | {start}"
            );
            at += end.trim_end_matches('-').replace(' ', "").len();
            if spans.iter().any(|&(from, to)| from < at && at < to) {
                inside += 1;
                assert!(!pair[0].hyphenated, "{width}: {end} | {start}");
                assert!(
                    start.starts_with(['/', '.', '-', '@']) || end.ends_with("//"),
                    "{width}: {end} | {start}"
                );
            }
        }
        assert_eq!(words_of(&out.lines).concat(), solid, "{width}");
    }
    assert!(inside > 10, "{inside} breaks inside addresses");

    let word = "Aldermereharbourbreakwaterreconstructioncommitteechairwoman".repeat(3);
    let out = set_paragraph(
        &book,
        &body(&word, Language::English),
        &Settings::default(),
        &[50.0],
    );
    assert!(out.lines.len() >= 10, "{} lines", out.lines.len());
    assert_no_overflow(&out.lines);
    let all: String = out
        .lines
        .iter()
        .map(|l| l.text().trim_end_matches('-').to_string())
        .collect();
    assert_eq!(all.replace(' ', ""), word);
}

#[test]
fn no_hyphen_inside_numbers_or_addresses() {
    let book = book();
    let text = "Call 4711234567890 or write to harbourmaster.edith.marlowe@aldermere.example \
        before 31.12.2026 about the 1234567890123456 account.";
    let out = set_paragraph(
        &book,
        &body(text, Language::English),
        &Settings::default(),
        &[70.0],
    );
    assert_no_overflow(&out.lines);
    // Only the ordinary words may be hyphenated, never a number or address.
    let hyphenated: Vec<String> = out
        .lines
        .iter()
        .filter(|l| l.hyphenated)
        .map(Line::text)
        .collect();
    for line in &hyphenated {
        let last = line.split(' ').next_back().unwrap();
        assert!(
            last.chars().all(|c| c.is_alphabetic() || c == '-'),
            "{hyphenated:?}"
        );
    }
    // Wider than the column, they are cut without a hyphen and read back whole.
    let text = words_of(&out.lines).concat();
    for whole in ["4711234567890", "31.12.2026", "1234567890123456"] {
        assert!(text.contains(whole), "{whole} in {text}");
    }
}

#[test]
fn dates_and_fractions_do_not_break_at_their_slashes() {
    let book = book();
    let text = "On 12/05/2026 the 24/7 desk took 1/2 of calls, on 16/09/2030 the \
        365/24/7 line and 3/4 of the 20/20 tests, either/or.";
    let p = body(text, Language::English);
    for width in (60..=140).step_by(3) {
        let out = set_paragraph(&book, &p, &Settings::default(), &[width as f32]);
        assert_no_overflow(&out.lines);
        for pair in out.lines.windows(2) {
            let (end, start) = (pair[0].text(), pair[1].text());
            let digit_slash = end.ends_with('/')
                && end[..end.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                && start.starts_with(|c: char| c.is_ascii_digit());
            assert!(!digit_slash, "{width}: {end} | {start}");
        }
        let read: String = words_of(&out.lines).concat();
        assert_eq!(read, words(&p.text()).concat(), "{width}");
    }
}

#[test]
fn a_two_megabyte_word_is_set_in_bounded_time() {
    let book = book();
    let word = "skelby".repeat(350_000);
    let started = std::time::Instant::now();
    let out = set_paragraph(
        &book,
        &body(&word, Language::English),
        &Settings::default(),
        &[COLUMN],
    );
    assert!(started.elapsed().as_secs() < 60);
    assert!(out.lines.len() > 1000);
    assert_no_overflow(&out.lines);
    let chars: usize = out.lines.iter().map(|l| l.text().len()).sum();
    assert_eq!(chars, word.len());
}

#[test]
fn a_huge_paragraph_falls_back_to_greedy_with_a_warning() {
    let book = book();
    let words = [
        "ferry",
        "harbour",
        "Skelby",
        "crossing",
        "passengers",
        "timetable",
    ];
    let text: Vec<&str> = (0..200_000)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect();
    let text = text.join(" ");
    let started = std::time::Instant::now();
    let out = set_paragraph(
        &book,
        &Paragraph::plain(text, TextStyle::new(FaceId(0), BODY)),
        &Settings::default(),
        &[COLUMN],
    );
    assert!(started.elapsed().as_secs() < 120);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.message.contains("line by line")),
        "{:?}",
        &out.warnings[..1]
    );
    assert!(out.lines.len() > 20_000);
    assert_no_overflow(&out.lines);
}

#[test]
fn each_line_takes_its_own_width() {
    let book = book();
    // A pull quote beside the first four lines.
    let widths = [80.0, 80.0, 80.0, 80.0, COLUMN];
    let out = set_paragraph(
        &book,
        &body(HARBOUR, Language::English),
        &Settings::default(),
        &widths,
    );
    for (i, line) in out.lines.iter().enumerate() {
        let expected = if i < 4 { 80.0 } else { COLUMN };
        assert_eq!(line.measure, expected, "line {}", i + 1);
        if i + 1 < out.lines.len() {
            assert!(
                (line.width - expected).abs() < 0.05,
                "line {}: {}",
                i + 1,
                line.width
            );
        }
    }
    assert_no_overflow(&out.lines);
    let plain = set_paragraph(
        &book,
        &body(HARBOUR, Language::English),
        &Settings::default(),
        &[COLUMN],
    );
    assert!(out.lines.len() > plain.lines.len());
}

#[test]
fn english_and_norwegian_paragraphs_hyphenate_by_their_own_patterns() {
    let book = book();
    let norsk = "Fergeforbindelsen mellom Havnvik og Skjærøya ble gjenopptatt mandag \
        etter at kommunestyret bevilget penger til reparasjonene av moloen.";
    let nb = set_paragraph(
        &book,
        &body(norsk, Language::Norwegian),
        &settings(Language::Norwegian),
        &[70.0],
    );
    assert_no_overflow(&nb.lines);
    assert_eq!(words_of(&nb.lines), words(norsk));
    let ends: Vec<String> = nb
        .lines
        .iter()
        .filter(|l| l.hyphenated)
        .map(|l| l.text())
        .collect();
    assert!(!ends.is_empty());
    // Every inserted hyphen sits at a point the Norwegian patterns allow.
    for end in &ends {
        let fragment = end.split(' ').next_back().unwrap().trim_end_matches('-');
        let word = words(norsk)
            .into_iter()
            .find(|w| w.starts_with(fragment) && w.len() > fragment.len());
        let word = word.unwrap_or_else(|| panic!("{fragment} starts no word"));
        let points =
            galley::typeset::hyphenate::hyphenation_points(&word, Language::Norwegian, 2, 2, 5);
        assert!(
            points.contains(&fragment.len()),
            "{fragment}- in {word}: {points:?}"
        );
    }
    // Without patterns for the language, only emergency breaks: no hyphens.
    let none = Settings {
        language: Language::Other,
        ..Settings::default()
    };
    let other = set_paragraph(&book, &body(norsk, Language::Other), &none, &[70.0]);
    assert!(other.lines.iter().all(|l| !l.hyphenated));
}

#[test]
fn emphasis_and_strong_use_their_real_faces_and_sizes_mix() {
    let book = book();
    let inlines = vec![
        Inline::text("The inquiry found "),
        Inline::Emphasis {
            content: vec![Inline::text("no evidence")],
        },
        Inline::text(" of tampering, said "),
        Inline::Strong {
            content: vec![
                Inline::text("Tollef Brekke, "),
                Inline::Emphasis {
                    content: vec![Inline::text("chair")],
                },
            ],
        },
        Inline::text("."),
    ];
    let p = Paragraph::from_inlines(&inlines, &Family::CHARIS, BODY, Language::English);
    let faces: Vec<u16> = p.pieces.iter().map(|p| p.style.face.0).collect();
    assert_eq!(faces, vec![0, 1, 0, 2, 3, 0]);
    let out = set_paragraph(&book, &p, &Settings::default(), &[COLUMN]);
    let run_faces: Vec<u16> = out
        .lines
        .iter()
        .flat_map(|l| l.runs.iter().map(|r| r.face.0))
        .collect();
    for f in [0, 1, 2, 3] {
        assert!(run_faces.contains(&f), "face {f} in {run_faces:?}");
    }
    let italic_text: String = out
        .lines
        .iter()
        .flat_map(|l| &l.runs)
        .filter(|r| r.face == FaceId(1))
        .flat_map(|r| r.glyphs.iter().map(|g| g.text.as_str()))
        .collect();
    assert_eq!(italic_text, "noevidence");

    // Two sizes in one paragraph: a drop-in 14 pt lead word.
    let mixed = Paragraph {
        pieces: vec![
            Piece {
                text: "HAVNVIK ".into(),
                style: TextStyle::new(FaceId(6), 14.0),
            },
            Piece {
                text: "The council met on Tuesday to debate the ferry subsidy.".into(),
                style: TextStyle::new(FaceId(0), BODY),
            },
        ],
        name: "lead paragraph".into(),
    };
    let out = set_paragraph(&book, &mixed, &Settings::default(), &[COLUMN]);
    let first = &out.lines[0];
    assert_eq!((first.runs[0].face, first.runs[0].size), (FaceId(6), 14.0));
    assert_eq!((first.runs[1].face, first.runs[1].size), (FaceId(0), BODY));
    assert!(first.runs[1].glyphs[0].x > first.runs[0].glyphs.last().unwrap().x);
}

#[test]
fn quotes_become_curly_per_language() {
    let quote = Inline::Quote {
        content: vec![Inline::text("We sail at dawn, 'weather permitting'")],
    };
    let inlines = vec![Inline::text("She said "), quote, Inline::text(" and left.")];
    let en = Paragraph::from_inlines(&inlines, &Family::CHARIS, BODY, Language::English);
    assert_eq!(
        en.text(),
        "She said “We sail at dawn, ‘weather permitting’” and left."
    );
    let nb = Paragraph::from_inlines(&inlines, &Family::CHARIS, BODY, Language::Norwegian);
    assert_eq!(
        nb.text(),
        "She said «We sail at dawn, ‘weather permitting’» and left."
    );
    let straight = vec![Inline::text(r#""It's the skipper's call," said Marlowe."#)];
    let en = Paragraph::from_inlines(&straight, &Family::CHARIS, BODY, Language::English);
    assert_eq!(en.text(), "“It’s the skipper’s call,” said Marlowe.");
    let de = Paragraph::from_inlines(&straight, &Family::CHARIS, BODY, Language::German);
    assert_eq!(de.text(), "„It’s the skipper’s call,“ said Marlowe.");
}

#[test]
fn initials_units_and_dashes_stay_with_their_neighbours() {
    let book = book();
    let text = "U.S. Sen. Mira Holt walked 12 km to Havnvik - a town of 4 500 people.";
    let p = body(text, Language::English);
    assert!(p.text().contains("12\u{a0}km") && p.text().contains("Havnvik\u{a0}–"));
    // In every narrow column, no line ends in "U.S." or "12", or starts with the dash.
    for width in [75.0, 80.0, 90.0, 100.0, 110.0, 120.0] {
        let out = set_paragraph(&book, &p, &Settings::default(), &[width]);
        for line in &out.lines {
            let t = line.text();
            assert!(
                !t.ends_with("U.S.") && !t.ends_with("Sen.") && !t.ends_with(" 12"),
                "{width}: {t}"
            );
            assert!(!t.starts_with('–'), "{width}: {t}");
        }
    }
}

#[test]
fn numbers_keep_their_units_and_minus_signs() {
    let book = book();
    let text = "The crews laid 11 millimetres of sealant, 30 feet of steel and \
        8 tonnes of rock at -4 °C, 16 per cent over budget.";
    let p = body(text, Language::English);
    assert!(p.text().contains("-4\u{a0}°C"), "{}", p.text());
    let mut minus = false;
    for width in (60..=140).step_by(4) {
        let out = set_paragraph(&book, &p, &Settings::default(), &[width as f32]);
        assert_no_overflow(&out.lines);
        for line in &out.lines {
            let t = line.text();
            for torn in [" 11", " 30", " 8", " 16", " 16 per", "−", " mil-", "mil-"] {
                assert!(!t.ends_with(torn), "{width}: {t}");
            }
            minus |= t.contains("−4 °C") || t.ends_with("−4 °C,");
        }
    }
    assert!(minus, "the hyphen before 4 is set as a minus sign");
    // A face without a minus keeps the hyphen rather than show a gap.
    assert!(!book.has_glyph(Family::NOTO_SANS.regular, '−'));
    let sans = Paragraph::from_inlines(
        &[Inline::text("at -4 °C")],
        &Family::NOTO_SANS,
        BODY,
        Language::English,
    );
    let out = set_paragraph(&book, &sans, &Settings::default(), &[COLUMN]);
    assert_eq!(out.lines[0].text(), "at -4 °C");
}

#[test]
fn forced_breaks_end_lines() {
    let book = book();
    let inlines = vec![
        Inline::text("Harbour Office"),
        Inline::LineBreak,
        Inline::text("Quay Street 4"),
    ];
    let p = Paragraph::from_inlines(&inlines, &Family::CHARIS, BODY, Language::English);
    assert!(p.text().contains(LINE_BREAK));
    let out = set_paragraph(&book, &p, &Settings::default(), &[COLUMN]);
    let texts: Vec<String> = out.lines.iter().map(Line::text).collect();
    assert_eq!(texts, vec!["Harbour Office", "Quay Street 4"]);
    assert_eq!(out.lines[0].ratio, 0.0, "a forced line is not stretched");

    // Breaks at the very start or end add no empty lines; two in a row do.
    let p = Paragraph::plain(
        format!("{LINE_BREAK}Harbour Office{LINE_BREAK}{LINE_BREAK}Quay Street 4{LINE_BREAK}"),
        TextStyle::new(FaceId(0), BODY),
    );
    let out = set_paragraph(&book, &p, &Settings::default(), &[COLUMN]);
    let texts: Vec<String> = out.lines.iter().map(Line::text).collect();
    assert_eq!(texts, vec!["Harbour Office", "", "Quay Street 4"]);
}

#[test]
fn soft_hyphens_are_break_points_and_leave_no_trace() {
    let book = book();
    let style = TextStyle::new(FaceId(0), BODY);
    let word = "Skjær\u{ad}øy\u{ad}bru\u{ad}fore\u{ad}ningen";
    let p = Paragraph::plain(format!("Ved {word} ventet de."), style);
    let s = Settings {
        language: Language::Other, // no patterns: only the soft hyphens
        ..Settings::default()
    };
    let out = set_paragraph(&book, &p, &s, &[60.0]);
    assert_no_overflow(&out.lines);
    assert!(out.lines.iter().any(|l| l.hyphenated));
    let read = words_of(&out.lines).join(" ");
    assert_eq!(read, "Ved Skjærøybruforeningen ventet de.");
    assert!(!read.contains('\u{ad}'));
}

#[test]
fn ragged_and_centred_lines_keep_natural_spaces() {
    let book = book();
    let p = body(HARBOUR, Language::English);
    let ragged = Settings {
        alignment: Alignment::RaggedRight,
        ..Settings::default()
    };
    let out = set_paragraph(&book, &p, &ragged, &[COLUMN]);
    assert_no_overflow(&out.lines);
    let natural = set_line(
        &book,
        &Paragraph::plain("a a", TextStyle::new(FaceId(0), BODY)),
        &Settings::default(),
        0.0,
    );
    let space = natural.runs[0].glyphs[1].x - natural.runs[0].glyphs[0].advance;
    for line in &out.lines {
        assert!(line.ratio <= 0.0);
        assert!(line.width <= COLUMN);
        assert_eq!(line.runs[0].glyphs[0].x, 0.0);
        let glyphs: Vec<_> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
        for pair in glyphs.windows(2) {
            let gap = pair[1].x - (pair[0].x + pair[0].advance);
            assert!(
                gap < 1e-3 || (gap - space).abs() < 0.01 || line.ratio < 0.0,
                "gap {gap}"
            );
        }
    }
    assert!(
        out.lines.iter().filter(|l| l.width < COLUMN - 5.0).count() >= 2,
        "a ragged edge"
    );

    let centred = Settings {
        alignment: Alignment::Centred,
        hyphenate: false,
        ..Settings::default()
    };
    let flush_right = Settings {
        alignment: Alignment::RaggedLeft,
        ..Settings::default()
    };
    let right = set_paragraph(&book, &p, &flush_right, &[COLUMN]);
    let left = set_paragraph(&book, &p, &ragged, &[COLUMN]);
    assert_eq!(right.lines.len(), left.lines.len());
    for (r, l) in right.lines.iter().zip(&left.lines) {
        assert!(
            (r.width - COLUMN).abs() < 0.01,
            "flush right ends at the measure"
        );
        let shift = r.runs[0].glyphs[0].x;
        assert!((shift - (COLUMN - l.width)).abs() < 0.01);
    }
    let out = set_paragraph(&book, &p, &centred, &[COLUMN]);
    for line in &out.lines {
        let first = line.runs[0].glyphs[0].x;
        assert!(
            (first - (COLUMN - line.width + first) / 2.0).abs() < 0.01,
            "{first} {}",
            line.width
        );
    }
}

#[test]
fn ragged_lines_with_words_longer_than_the_line_never_overflow() {
    let book = book();
    let sans = |size: f32| TextStyle::new(Family::NOTO_SANS.regular, size);
    let space = measure(&book, &Paragraph::plain("a a", sans(9.0)))
        - 2.0 * measure(&book, &Paragraph::plain("a", sans(9.0)));
    let mut cut = 0;
    for alignment in [
        Alignment::RaggedRight,
        Alignment::Centred,
        Alignment::RaggedLeft,
    ] {
        let s = Settings {
            alignment,
            ..Settings::default()
        };
        let attribution = "Heidi Heitkamp, U.S. Senator, D-N.D. and Amy Klobuchar".to_string();
        for text in [18, 23, 30]
            .map(|digits| format!("• {}11111 and a few words after it", "8".repeat(digits)))
            .into_iter()
            .chain([attribution])
        {
            let p = Paragraph::plain(text, sans(9.0));
            for width in (30..=140).step_by(3) {
                let out = set_paragraph(&book, &p, &s, &[width as f32]);
                assert_no_overflow(&out.lines);
                assert!(out.warnings.is_empty(), "{:?}", out.warnings);
                cut += out.lines.len();
                for line in &out.lines {
                    let glyphs: Vec<_> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
                    for pair in glyphs.windows(2) {
                        // Letters as shaped; word spaces no tighter than their floor.
                        let gap = pair[1].x - (pair[0].x + pair[0].advance);
                        assert!(
                            gap.abs() < 1e-3 || gap >= 0.8 * space - 0.01,
                            "{alignment:?} {width}: gap {gap} in {}",
                            line.text()
                        );
                    }
                }
            }
        }
    }
    assert!(cut > 100);
}

#[test]
fn first_line_indent_and_empty_input() {
    let book = book();
    let s = Settings {
        first_line_indent: 9.5,
        ..Settings::default()
    };
    let out = set_paragraph(&book, &body(HARBOUR, Language::English), &s, &[COLUMN]);
    assert_eq!(out.lines[0].runs[0].glyphs[0].x, 9.5);
    assert_eq!(out.lines[1].runs[0].glyphs[0].x, 0.0);
    assert_no_overflow(&out.lines);

    let empty = set_paragraph(&book, &body("   ", Language::English), &s, &[COLUMN]);
    assert!(empty.lines.is_empty() && empty.warnings.is_empty());
    let nothing = set_paragraph(&book, &Paragraph::default(), &s, &[COLUMN]);
    assert!(nothing.lines.is_empty());
    let no_widths = set_paragraph(&book, &body("Skelby", Language::English), &s, &[]);
    assert!(no_widths.lines.is_empty() && no_widths.warnings.len() == 1);
    // A zero or nonsense width sets one cluster a line and says so.
    let zero = set_paragraph(&book, &body("Skelby", Language::English), &s, &[f32::NAN]);
    assert!(!zero.lines.is_empty() && !zero.warnings.is_empty());
}

#[test]
fn setting_is_deterministic_to_the_bit() {
    let book = book();
    let p = body(HARBOUR, Language::English);
    let bits = |lines: &[Line]| -> Vec<u32> {
        lines
            .iter()
            .flat_map(|l| {
                l.runs
                    .iter()
                    .flat_map(|r| {
                        r.glyphs
                            .iter()
                            .flat_map(|g| [g.id as u32, g.x.to_bits(), g.advance.to_bits()])
                    })
                    .chain([l.ratio.to_bits(), l.width.to_bits()])
            })
            .collect()
    };
    let a = set_paragraph(&book, &p, &Settings::default(), &[COLUMN, 100.0]);
    let b = set_paragraph(
        &FontBook::builtin(),
        &p,
        &Settings::default(),
        &[COLUMN, 100.0],
    );
    assert_eq!(a, b);
    assert_eq!(bits(&a.lines), bits(&b.lines));
}

#[test]
fn headlines_are_measured_and_fitted_on_one_line() {
    let book = book();
    let style = TextStyle::new(FaceId(2), 24.0);
    let head = Paragraph::plain("Ferry returns to Skelby", style);
    let w = measure(&book, &head);
    assert!(w > 150.0 && w < 400.0, "{w}");
    let line = set_line(&book, &head, &Settings::default(), 0.0);
    assert_eq!(line.width, w);
    assert_eq!(line.text(), "Ferry returns to Skelby");
    let centred = Settings {
        alignment: Alignment::Centred,
        ..Settings::default()
    };
    let line = set_line(&book, &head, &centred, w + 100.0);
    assert!((line.runs[0].glyphs[0].x - 50.0).abs() < 0.01);
    // Twice the size, twice the width.
    let double = measure(
        &book,
        &Paragraph::plain("Ferry returns to Skelby", TextStyle::new(FaceId(2), 48.0)),
    );
    assert!((double - 2.0 * w).abs() < 0.01);
}

#[test]
fn knuth_plass_sets_more_even_lines_than_greedy() {
    let book = book();
    let p = body(HARBOUR, Language::English);
    let sum_sq = |a: Algorithm| -> f32 {
        let s = Settings {
            algorithm: a,
            ..Settings::default()
        };
        let out = set_paragraph(&book, &p, &s, &[100.0]);
        let n = out.lines.len();
        out.lines[..n - 1].iter().map(|l| l.ratio * l.ratio).sum()
    };
    let (kp, greedy) = (sum_sq(Algorithm::KnuthPlass), sum_sq(Algorithm::Greedy));
    assert!(kp < greedy, "Knuth–Plass {kp} against greedy {greedy}");
}

#[test]
fn a_hyphen_on_the_second_last_line_gives_way_to_even_lines() {
    let book = book();
    let p = body(
        "Councillors in Skelby approved an additional departure on Saturdays, \
        extending the service until the spring equinox, when the summer schedule \
        traditionally begins.",
        Language::English,
    );
    let tex = Settings {
        final_hyphen_demerits: 5_000.0,
        ..Settings::default()
    };
    let before = set_paragraph(&book, &p, &tex, &[131.0]).lines;
    let n = before.len();
    assert!(before[n - 2].hyphenated, "{}", before[n - 1].text());
    let out = set_paragraph(&book, &p, &Settings::default(), &[131.0]).lines;
    let n = out.len();
    assert!(!out[n - 2].hyphenated, "{}", out[n - 2].text());
    for line in &out[..n - 1] {
        assert!(line.ratio.abs() <= 1.0, "{} {}", line.ratio, line.text());
    }
    // Across measures, fewer paragraphs end in a word's fragment.
    let fragments = |s: &Settings| {
        (100..=180)
            .filter(|&w| {
                let lines = set_paragraph(&book, &p, s, &[w as f32]).lines;
                lines.len() >= 2 && lines[lines.len() - 2].hyphenated
            })
            .count()
    };
    let (now, then) = (fragments(&Settings::default()), fragments(&tex));
    assert!(now < then, "{now} against {then}");
}

#[test]
fn split_avoids_widows_and_orphans_on_real_lines() {
    let book = book();
    let out = set_paragraph(
        &book,
        &body(HARBOUR, Language::English),
        &Settings::default(),
        &[COLUMN],
    );
    let n = out.lines.len();
    let rules = SplitRules::default();
    assert_eq!(choose_split(&out.lines, n, false, &rules), n);
    let at = choose_split(&out.lines, n - 1, false, &rules);
    assert!(at <= n - 2 && n - at >= 2, "{at} of {n}");
    assert_eq!(choose_split(&out.lines, 1, false, &rules), 0);
}

/// Sets paragraphs as body text, checks each (no overflow, at most two
/// hyphens in a row, every word read back, every line past the tolerance
/// warned about by name) and returns how many lines, the last lines of
/// paragraphs aside, stay within natural stretch, and how many there are.
fn set_and_check(paragraphs: &[(Paragraph, Settings)], widths: &[f32]) -> (usize, usize) {
    let book = book();
    let (mut within, mut lines) = (0, 0);
    for (i, (p, settings)) in paragraphs.iter().enumerate() {
        let p = p.clone().named(format!("paragraph {}", i + 1));
        let out = set_paragraph(&book, &p, settings, widths);
        assert_no_overflow(&out.lines);
        assert!(max_hyphen_run(&out.lines) <= 2);
        assert_eq!(
            words_of(&out.lines).concat(),
            words(&p.text()).concat(),
            "paragraph {}",
            i + 1
        );
        let n = out.lines.len();
        for line in &out.lines[..n - 1] {
            lines += 1;
            within += usize::from(line.ratio.abs() <= 1.0);
        }
        for (k, line) in out.lines.iter().enumerate() {
            if line.ratio > settings.tolerance {
                let named = format!("paragraph {}: line {}", i + 1, k + 1);
                assert!(
                    out.warnings.iter().any(|w| w.message.starts_with(&named)),
                    "{named} not warned"
                );
            }
        }
    }
    (within, lines)
}

#[test]
fn the_seed_body_sets_within_natural_stretch_in_the_default_column() {
    let Some(article) = seed::article() else {
        return;
    };
    let book = book();
    let style = Style::builtin(DEFAULT_STYLE).expect("the default style");
    let role_face = |role: &TextRole| {
        let (family, _) = book.family(&role.family).expect("a built-in family");
        TextStyle::new(family.pick(role.bold, role.italic), role.size)
    };
    let body_style = role_face(&style.roles.body);
    let (family, _) = book.family(&style.roles.body.family).unwrap();
    // As the page sets the body: paragraphs after the first indented by
    // one body size, the dateline run into the first.
    let paragraphs: Vec<(Paragraph, Settings)> = article
        .body
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph { content, .. } => Some(content),
            _ => None,
        })
        .enumerate()
        .map(|(i, content)| {
            let mut p =
                Paragraph::from_inlines(content, &family, body_style.size, Language::English);
            let settings = Settings {
                first_line_indent: if i == 0 { 0.0 } else { body_style.size },
                ..Settings::default()
            };
            if let (0, Some(dateline)) = (i, &article.meta.dateline) {
                let text = format!("{}\u{a0}\u{2013} ", dateline.place);
                let style = role_face(&style.roles.dateline);
                p.pieces.insert(0, Piece { text, style });
            }
            (p, settings)
        })
        .collect();
    assert!(paragraphs.len() >= 20, "{} paragraphs", paragraphs.len());
    let (within, lines) = set_and_check(&paragraphs, &[style.column_width()]);
    let share = within as f64 / lines as f64;
    eprintln!(
        "{within} of {lines} lines ({:.1} %) within natural stretch at {:.1} pt / {} pt",
        100.0 * share,
        style.column_width(),
        body_style.size
    );
    // The issue's bar. This column is 12.7 ems and its paragraphs open
    // with an indent or the dateline, so the first lines are the hard ones.
    assert!(
        share >= 0.95,
        "{within} of {lines} lines within natural stretch"
    );
}

#[test]
fn the_seed_body_sets_within_natural_stretch_in_a_12_pica_column() {
    // The benchmark's setting: 144 pt at 9.5 pt, the body's blank-line blocks.
    let Some(blocks) = seed::body_paragraphs() else {
        return;
    };
    assert!(blocks.len() >= 10, "{} paragraphs", blocks.len());
    let paragraphs: Vec<(Paragraph, Settings)> = blocks
        .iter()
        .map(|text| (body(text, Language::English), Settings::default()))
        .collect();
    let (within, lines) = set_and_check(&paragraphs, &[COLUMN]);
    eprintln!("{within} of {lines} lines within natural stretch at 144 pt / 9.5 pt");
    assert!(
        within as f64 / lines as f64 >= 0.95,
        "{within} of {lines} lines within natural stretch"
    );
}

/// A text dump of set lines: ratio, width / measure, then the text.
fn dump(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        let glyphs: Vec<_> = line.runs.iter().flat_map(|r| &r.glyphs).collect();
        let ids: u64 = glyphs.iter().map(|g| g.id as u64).sum();
        out.push_str(&format!(
            "{:+.3} {:7.3}/{:<5} {:>3} glyphs, id sum {:>6} | {}\n",
            line.ratio,
            line.width,
            line.measure,
            glyphs.len(),
            ids,
            line.text()
        ));
    }
    out
}

/// Compares with `tests/typeset/<name>.txt`; `UPDATE_GOLDEN=1` rewrites it.
fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/typeset")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from {}", path.display());
}

#[test]
fn golden_settings_of_an_invented_article() {
    let book = book();
    let p = body(HARBOUR, Language::English);
    let around_quote = [COLUMN, 90.0, 90.0, 90.0, 90.0, COLUMN];
    let justified = set_paragraph(&book, &p, &Settings::default(), &around_quote);
    golden("harbour_justified", &dump(&justified.lines));
    let ragged = Settings {
        alignment: Alignment::RaggedRight,
        ..Settings::default()
    };
    golden(
        "harbour_ragged",
        &dump(&set_paragraph(&book, &p, &ragged, &[100.0]).lines),
    );
    let greedy = Settings {
        algorithm: Algorithm::Greedy,
        ..Settings::default()
    };
    golden(
        "harbour_greedy",
        &dump(&set_paragraph(&book, &p, &greedy, &[COLUMN]).lines),
    );
    let norsk = "«Vi har ventet lenge nok», sa ordfører Ingrid Solvik da fergen \
        la til kai i Havnvik mandag morgen, etter tre uker uten forbindelse.";
    let nb = Paragraph::from_inlines(
        &[Inline::text(norsk)],
        &Family::CHARIS,
        BODY,
        Language::Norwegian,
    );
    golden(
        "havnvik_norwegian",
        &dump(&set_paragraph(&book, &nb, &settings(Language::Norwegian), &[100.0]).lines),
    );
}

#[test]
fn a_font_book_is_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<FontBook>();
    let book = std::sync::Arc::new(book());
    let p = body(HARBOUR, Language::English);
    let here = set_paragraph(&book, &p, &Settings::default(), &[COLUMN]);
    let there = {
        let book = book.clone();
        let p = p.clone();
        std::thread::spawn(move || set_paragraph(&book, &p, &Settings::default(), &[COLUMN]))
            .join()
            .unwrap()
    };
    assert_eq!(here, there);
}

#[test]
fn nonsense_styles_are_replaced_not_panicked_on() {
    let book = book();
    let p = Paragraph {
        pieces: vec![
            Piece {
                text: "Skelby harbour".into(),
                style: TextStyle::new(FaceId(99), BODY),
            },
            Piece {
                text: " reopened".into(),
                style: TextStyle {
                    face: FaceId(0),
                    size: f32::NAN,
                    tracking: f32::INFINITY,
                },
            },
        ],
        name: String::new(),
    };
    let out = set_paragraph(&book, &p, &Settings::default(), &[COLUMN]);
    assert_eq!(out.lines.len(), 1);
    assert_eq!(out.lines[0].runs[0].face, FaceId(0));
    assert!(out.warnings[0].message.contains("replaced"));
    let line = set_line(&book, &p, &Settings::default(), 0.0);
    assert!(line.width.is_finite());
    let empty = FontBook::new();
    let none = set_paragraph(&empty, &p, &Settings::default(), &[COLUMN]);
    assert!(none.lines.is_empty() && none.warnings[0].message.contains("no fonts"));
    assert!(set_line(&empty, &p, &Settings::default(), 0.0)
        .runs
        .is_empty());
}

#[test]
fn compounds_break_after_their_hyphen_but_initials_do_not() {
    let book = book();
    let text = "Councillor Brekke, R-Havnvik, backed the ferry-subsidy plan.";
    for width in [60.0, 70.0, 80.0, 90.0, 100.0] {
        let out = set_paragraph(
            &book,
            &body(text, Language::English),
            &Settings::default(),
            &[width],
        );
        assert_no_overflow(&out.lines);
        for line in &out.lines {
            let t = line.text();
            assert!(
                !t.ends_with(" R-") && !t.starts_with("Havnvik"),
                "{width}: {t}"
            );
        }
    }
    // Some measure breaks the compound at its own hyphen, which is not an
    // inserted one.
    let at_compound: Vec<Line> = (40..=200)
        .flat_map(|w| {
            let s = Settings::default();
            set_paragraph(&book, &body(text, Language::English), &s, &[w as f32]).lines
        })
        .filter(|l| l.text().ends_with("ferry-"))
        .collect();
    assert!(!at_compound.is_empty());
    assert!(at_compound.iter().all(|l| !l.hyphenated));
}

#[test]
fn spans_built_elsewhere_get_the_same_typography() {
    let roman = TextStyle::new(FaceId(0), BODY);
    let italic = TextStyle::new(FaceId(1), BODY);
    let p = Paragraph {
        pieces: vec![
            Piece {
                text: "He called it \"".into(),
                style: roman,
            },
            Piece {
                text: "the last crossing".into(),
                style: italic,
            },
            Piece {
                text: "\" -- and meant it...".into(),
                style: roman,
            },
        ],
        name: String::new(),
    };
    let en = p.clone().with_typography(Language::English);
    assert_eq!(
        en.text(),
        "He called it “the last crossing” — and meant it…"
    );
    let nb = p.with_typography(Language::Norwegian);
    assert_eq!(nb.pieces[2].text, "» — and meant it…");
}

#[test]
fn a_title_stays_with_its_name_unless_that_costs_a_loose_line() {
    let book = book();
    let p = body(
        "Both have teamed with Ada Lunde, wife of Sen. Per Lunde, and a leader on harbour safety.",
        Language::English,
    );
    let tied = Settings {
        title_break_penalty: 10_000.0,
        ..Settings::default()
    };
    let worst = |lines: &[Line]| {
        lines[..lines.len() - 1]
            .iter()
            .map(|l| l.ratio)
            .fold(f32::MIN, f32::max)
    };
    let mut broken = Vec::new();
    for w in 80..=200 {
        let lines = set_paragraph(&book, &p, &Settings::default(), &[w as f32]).lines;
        if lines.iter().any(|l| l.text().ends_with(" Sen.")) {
            let tied = set_paragraph(&book, &p, &tied, &[w as f32]).lines;
            assert!(tied.iter().all(|l| !l.text().ends_with(" Sen.")));
            assert!(worst(&tied) > worst(&lines).max(1.0), "{w}");
            broken.push(w);
        }
    }
    // Broken only where needed: at a few measures, not most.
    assert!(!broken.is_empty() && broken.len() * 5 < 121, "{broken:?}");
}

#[test]
fn a_line_before_a_jump_does_not_end_in_a_hyphen() {
    let book = book();
    let p = body(HARBOUR, Language::English);
    let plain = set_paragraph(&book, &p, &Settings::default(), &[COLUMN]).lines;
    let hyphenated: Vec<usize> = (0..plain.len()).filter(|&k| plain[k].hyphenated).collect();
    assert!(!hyphenated.is_empty());
    for k in hyphenated {
        let settings = Settings {
            jumps_after: vec![k],
            ..Settings::default()
        };
        let out = set_paragraph(&book, &p, &settings, &[COLUMN]);
        assert!(!out.lines[k].hyphenated, "{}", out.lines[k].text());
        assert_no_overflow(&out.lines);
        assert_eq!(words_of(&out.lines).concat(), words(&p.text()).concat());
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }
}
