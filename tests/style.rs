//! Style sheets: the built-ins parse and mean what they say; mistakes are
//! reported with file, line and key.

use galley::style::{Style, BUILTIN, PT_PER_MM};

fn mm(pt: f32) -> f32 {
    (pt / PT_PER_MM * 10.0).round() / 10.0
}

#[test]
fn every_builtin_parses() {
    for (name, text) in BUILTIN {
        let style =
            Style::from_toml(text, &format!("{name}.toml")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(style.name, *name);
        assert!(style.column_width() > 72.0, "{name}: columns too narrow");
    }
}

#[test]
fn builtin_sizes_and_columns() {
    let cases = [
        ("tabloid", 280.0, 430.0, 5),
        ("berliner", 315.0, 470.0, 6),
        ("broadsheet", 390.0, 585.0, 6),
        ("letter", 215.9, 279.4, 3),
        ("a4", 210.0, 297.0, 3),
    ];
    for (name, w, h, cols) in cases {
        let s = Style::builtin(name).unwrap();
        assert_eq!((mm(s.page.width), mm(s.page.height)), (w, h), "{name}");
        assert_eq!(s.grid.columns, cols, "{name}");
        assert_eq!(mm(s.page.bleed), 3.0, "{name}");
        assert_eq!(s.roles.body.leading, s.grid.baseline, "{name}");
    }
    assert!(Style::builtin("folio").is_none());
}

fn tabloid_with(from: &str, to: &str) -> String {
    let text = BUILTIN.iter().find(|(n, _)| *n == "tabloid").unwrap().1;
    assert!(text.contains(from), "fixture edit `{from}` not found");
    text.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1
}

#[test]
fn unknown_key_names_file_line_and_key() {
    let text = tabloid_with("size_pt = 10.6", "size_pt = 10.6\ncolor = [0, 0, 0, 100]");
    let err = Style::from_toml(&text, "house.toml").unwrap_err();
    let line = line_of(&text, "color = ");
    assert_eq!(err.location.map(|l| l.line), Some(line), "{err}");
    assert!(err.message.contains("color"), "{err}");
    assert_eq!(err.key.as_deref(), Some("roles.body.color"), "{err}");
    let shown = err.to_string();
    assert!(shown.starts_with(&format!("house.toml:{line}:")), "{shown}");
}

#[test]
fn bad_value_names_file_line_and_key() {
    let text = tabloid_with("columns = 5", "columns = 40");
    let err = Style::from_toml(&text, "styles/wide.toml").unwrap_err();
    assert_eq!(err.key.as_deref(), Some("grid.columns"));
    assert_eq!(
        err.location.map(|l| l.line),
        Some(line_of(&text, "columns = 40"))
    );
    assert!(err.to_string().contains("styles/wide.toml:"), "{err}");

    let text = tabloid_with("colour = [0, 100, 100, 0]", "colour = [0, 140, 100, 0]");
    let err = Style::from_toml(&text, "red.toml").unwrap_err();
    assert_eq!(err.key.as_deref(), Some("roles.kicker.colour"), "{err}");
    assert_eq!(
        err.location.map(|l| l.line),
        Some(line_of(&text, "colour = [0, 140"))
    );
}

#[test]
fn wrong_type_names_the_key() {
    let text = tabloid_with("baseline_pt = 12.5", "baseline_pt = \"twelve\"");
    let err = Style::from_toml(&text, "t.toml").unwrap_err();
    assert_eq!(err.key.as_deref(), Some("grid.baseline_pt"), "{err}");
    assert_eq!(
        err.location.map(|l| l.line),
        Some(line_of(&text, "baseline_pt = \"twelve\""))
    );
}

#[test]
fn body_leading_must_be_the_baseline() {
    let text = tabloid_with(
        "size_pt = 10.6\nleading_pt = 12.5",
        "size_pt = 10.6\nleading_pt = 13",
    );
    let err = Style::from_toml(&text, "t.toml").unwrap_err();
    assert_eq!(err.key.as_deref(), Some("roles.body.leading_pt"), "{err}");
}

#[test]
fn missing_role_is_an_error() {
    let text = tabloid_with("[roles.slug]", "[roles.slugline]");
    let err = Style::from_toml(&text, "t.toml").unwrap_err();
    assert!(err.message.contains("slug"), "{err}");
    assert!(err.location.is_some(), "{err}");
}

#[test]
fn broken_toml_is_located() {
    let err = Style::from_toml("[page\nwidth_mm = 3", "b.toml").unwrap_err();
    assert_eq!(err.location.map(|l| l.line), Some(1), "{err}");
}

#[test]
fn running_text_hyphenates_and_display_type_does_not_unless_asked() {
    let s = Style::builtin("tabloid").unwrap();
    let r = &s.roles;
    assert!(r.body.hyphenate && r.caption.hyphenate && r.fact_box.hyphenate);
    for role in [
        &r.headline,
        &r.deck,
        &r.kicker,
        &r.pull_quote,
        &r.subhead,
        &r.byline,
    ] {
        assert!(!role.hyphenate, "{role:?}");
    }
    let text = tabloid_with("size_pt = 10.6", "size_pt = 10.6\nhyphenate = false");
    let s = Style::from_toml(&text, "t.toml").unwrap();
    assert!(!s.roles.body.hyphenate);
    let text = tabloid_with("size_pt = 10.6", "size_pt = 10.6\nhyphenate = \"no\"");
    let err = Style::from_toml(&text, "t.toml").unwrap_err();
    assert_eq!(err.key.as_deref(), Some("roles.body.hyphenate"), "{err}");
}

#[test]
fn a_duplicate_key_is_named() {
    let text = tabloid_with("[page]", "name = \"again\"\n[page]");
    let err = Style::from_toml(&text, "t.toml").unwrap_err();
    assert!(err.message.contains("duplicate"), "{err}");
    assert_eq!(err.key.as_deref(), Some("name"), "{err}");
    let text = format!("{}\n[page]\nwidth_mm = 200\n", tabloid_with("", ""));
    let err = Style::from_toml(&text, "t.toml").unwrap_err();
    assert_eq!(err.key.as_deref(), Some("page"), "{err}");
}

#[test]
fn head_scales_are_read_sorted_with_leadings_in_proportion() {
    let s = Style::builtin("tabloid").unwrap();
    // The roles' own 56/58 and 20/25 are steps of the scales.
    let steps: Vec<f32> = s.head.headline_sizes.iter().map(|st| st.0).collect();
    assert_eq!(steps, [64.0, 56.0, 50.0, 44.0]);
    assert_eq!(s.head.headline_sizes[1], (56.0, 58.0));
    assert_eq!(
        s.head.deck_sizes,
        [(22.0, 27.5), (20.0, 25.0), (18.0, 22.5)]
    );
    assert_eq!((s.head.headline_max_lines, s.head.deck_max_lines), (3, 3));
    assert_eq!(s.head.last_line_min, 0.4);
    for (name, _) in BUILTIN {
        let s = Style::builtin(name).unwrap();
        assert!(s.head.headline_sizes.len() >= 3, "{name}");
        assert!(s.head.headline_sizes.windows(2).all(|w| w[0].0 > w[1].0));
        let own = (s.roles.headline.size, s.roles.headline.leading);
        assert!(s.head.headline_sizes.contains(&own), "{name}");
    }
    // Written in any order, a scale is tried largest first.
    let text = tabloid_with(
        "headline_sizes_pt = [64, 56, 50, 44]",
        "headline_sizes_pt = [44, 64]",
    );
    let s = Style::from_toml(&text, "house.toml").unwrap();
    assert_eq!(s.head.headline_sizes, [(64.0, 66.5), (44.0, 45.5)]);
}

#[test]
fn a_sheet_without_a_head_table_keeps_its_single_sizes() {
    let text = BUILTIN.iter().find(|(n, _)| *n == "tabloid").unwrap().1;
    let start = text.find("[head]").unwrap();
    let end = text.find("[roles.kicker]").unwrap();
    let old = format!("{}{}", &text[..start], &text[end..]);
    let s = Style::from_toml(&old, "old.toml").unwrap();
    assert_eq!(s.head.headline_sizes, [(56.0, 58.0)]);
    assert_eq!(s.head.deck_sizes, [(20.0, 25.0)]);
    assert_eq!(s.head.headline_max_lines, 3);
}

#[test]
fn bad_head_keys_are_named() {
    for (from, to, key) in [
        (
            "headline_sizes_pt = [64, 56, 50, 44]",
            "headline_sizes_pt = []",
            "head.headline_sizes_pt",
        ),
        (
            "deck_sizes_pt = [22, 20, 18]",
            "deck_sizes_pt = [22, 900]",
            "head.deck_sizes_pt",
        ),
        (
            "headline_max_lines = 3",
            "headline_max_lines = 0",
            "head.headline_max_lines",
        ),
        (
            "last_line_min = 0.4",
            "last_line_min = 1.5",
            "head.last_line_min",
        ),
    ] {
        let text = tabloid_with(from, to);
        let err = Style::from_toml(&text, "house.toml").unwrap_err();
        assert_eq!(err.key.as_deref(), Some(key), "{err}");
        assert_eq!(
            err.location.map(|l| l.line),
            Some(line_of(&text, to)),
            "{err}"
        );
    }
}
