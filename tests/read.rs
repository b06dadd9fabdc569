//! Reader golden tests: each input in `tests/read/<format>/` sits beside the tree
//! it must give (`<case>.json`) and the warnings it must raise (`<case>.warnings`);
//! each input in `tests/read/bad/` sits beside the error it must give (`<case>.error`).
//! A good case also sits beside the decisions `--explain` shows (`<case>.explain`).
//! `UPDATE_GOLDEN=1 cargo test --test read` rewrites the expected files: review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use galley::diag::Warning;
use galley::model::to_json;
use galley::read::{read, ReadOptions};

fn update() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

fn inputs(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/read")
        .join(folder);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            !matches!(ext, "json" | "warnings" | "error" | "explain" | "md") && p.is_file()
        })
        .collect();
    files.sort();
    files
}

fn warnings_text(warnings: &[Warning]) -> String {
    warnings
        .iter()
        .map(|w| match w.location {
            Some(l) => format!("{l}: {}\n", w.message),
            None => format!("{}\n", w.message),
        })
        .collect()
}

/// Compares `actual` with the file at `expected`, or rewrites it under UPDATE_GOLDEN.
fn check(expected: &Path, actual: &str, failures: &mut Vec<String>) {
    if update() {
        if actual.is_empty() {
            let _ = fs::remove_file(expected);
        } else {
            fs::write(expected, actual).unwrap();
        }
        return;
    }
    let wanted = fs::read_to_string(expected).unwrap_or_default();
    if wanted != actual {
        failures.push(format!(
            "{} differs:\n--- expected\n{wanted}\n--- actual\n{actual}",
            expected.display()
        ));
    }
}

fn run_good_cases(folder: &str) -> usize {
    let mut failures = Vec::new();
    let cases = inputs(folder);
    for input in &cases {
        let bytes = fs::read(input).unwrap();
        match read(&bytes, &ReadOptions::default()) {
            Ok(reading) => {
                check(
                    &input.with_extension("json"),
                    &(to_json(&reading.article) + "\n"),
                    &mut failures,
                );
                check(
                    &input.with_extension("warnings"),
                    &warnings_text(&reading.warnings),
                    &mut failures,
                );
                check(
                    &input.with_extension("explain"),
                    &warnings_text(&reading.decisions),
                    &mut failures,
                );
            }
            Err(e) => failures.push(format!("{}: unexpected error: {e}", input.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    cases.len()
}

#[test]
fn nitf_cases_give_their_golden_trees() {
    let count = run_good_cases("nitf");
    assert!(count > 0, "no NITF cases found");
}

#[test]
fn wire_cases_give_their_golden_trees() {
    let count = run_good_cases("wire");
    assert!(count > 0, "no wire text cases found");
}

#[test]
fn bad_inputs_give_their_errors() {
    let mut failures = Vec::new();
    let cases = inputs("bad");
    for input in &cases {
        let bytes = fs::read(input).unwrap();
        let actual = match read(&bytes, &ReadOptions::default()) {
            Ok(reading) => format!("ok, warnings:\n{}", warnings_text(&reading.warnings)),
            Err(e) => format!("{e}\n"),
        };
        check(&input.with_extension("error"), &actual, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(!cases.is_empty(), "no bad input cases found");
}
