//! Property test for the style parser: mutated style sheets (keys renamed,
//! values changed, lines dropped, duplicated or cut) give a style or an error
//! naming a line — never a panic. Fixed seed, so a failure reproduces.

mod common;

use common::Rng;
use galley::style::Style;

const VALUES: [&str; 14] = [
    "0",
    "-1",
    "1e309",
    "NaN",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "true",
    "999999999",
    "0.0001",
    "\"#zzzzzz\"",
    "[1, 2, 3, 4, 5]",
    "\"\u{202E}\"",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for _ in 0..=rng.below(4) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(6) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            2 => {
                if let Some((key, _)) = lines[i].split_once('=') {
                    lines[i] = format!("{key}= {}", VALUES[rng.below(VALUES.len())]);
                }
            }
            3 => {
                if let Some((key, value)) = lines[i].split_once('=') {
                    lines[i] = format!("{}x ={value}", key.trim_end());
                }
            }
            4 => {
                let cut = rng.below(lines[i].len() + 1);
                if lines[i].is_char_boundary(cut) {
                    lines[i].truncate(cut);
                }
            }
            _ => lines.insert(i, "[[[".to_string()),
        }
    }
    lines.join("\n")
}

#[test]
fn mutated_style_sheets_never_panic() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut errors = 0;
    let mut located = 0;
    for name in ["tabloid", "berliner", "broadsheet", "letter", "a4"] {
        let path = format!("{}/styles/{name}.toml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            Style::from_toml(&text, &path).is_ok(),
            "{name} itself is valid"
        );
        for round in 0..300 {
            let mutated = mutate(&mut rng, &text);
            let outcome = std::panic::catch_unwind(|| Style::from_toml(&mutated, "mutated.toml"));
            match outcome {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    errors += 1;
                    located += usize::from(e.location.is_some());
                    let shown = e.to_string();
                    assert!(shown.starts_with("mutated.toml"), "{shown}");
                }
                Err(_) => panic!("style parser panicked on round {round} of {name}:\n{mutated}"),
            }
        }
    }
    assert!(errors > 100, "mutations should mostly be caught: {errors}");
    // A value that is wrong only together with another (a column too narrow for
    // its margins) has no one line; nearly every other error names its line.
    assert!(
        located * 10 >= errors * 9,
        "{located} of {errors} errors name a line"
    );
}
