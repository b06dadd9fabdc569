//! The one report schema (`docs/report.md`), checked on real runs of
//! `galley pdf --report`, `galley epub --report` and `galley batch --report`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const KINDS: [&str; 8] = [
    "input",
    "heuristic",
    "media",
    "preflight",
    "overset",
    "loose",
    "font",
    "style",
];

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("report")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs galley with `--report` and gives its exit code and the report.
fn run(args: &[&str], report: &Path) -> (Option<i32>, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .args(["--report", s(report)])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&std::fs::read(report).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{args:?}: no report ({e}):\n{stderr}"));
    (out.status.code(), json, stderr)
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn check_warning(w: &Value) {
    assert_eq!(keys(w), ["kind", "location", "message", "origin"], "{w}");
    assert!(w["origin"].is_string(), "{w}");
    assert!(KINDS.contains(&w["kind"].as_str().unwrap()), "{w}");
    assert!(!w["message"].as_str().unwrap().is_empty(), "{w}");
    let location = &w["location"];
    assert_eq!(keys(location), ["column", "file", "line"], "{w}");
    assert!(location["file"].is_string(), "{w}");
    assert!(
        location["line"].is_null() || location["line"].as_u64().unwrap() >= 1,
        "{w}"
    );
    assert!(
        location["column"].is_null() || location["column"].as_u64().unwrap() >= 1,
        "{w}"
    );
}

fn check_error(e: &Value) {
    if e.is_null() {
        return;
    }
    assert!(e["file"].is_string() && e["message"].is_string(), "{e}");
}

fn check_status(status: &Value) {
    assert!(
        ["ok", "warning", "failed"].contains(&status.as_str().unwrap()),
        "{status}"
    );
}

/// Checks a whole report against the schema; gives every warning.
fn check_report(report: &Value, command: &str) -> Vec<Value> {
    assert_eq!(
        keys(report),
        [
            "books",
            "command",
            "galley",
            "inputs",
            "interrupted",
            "seconds",
            "totals"
        ],
        "{report:#}"
    );
    assert_eq!(report["command"], command);
    assert_eq!(report["interrupted"], false);
    assert!(report["seconds"].is_number());
    let totals = &report["totals"];
    assert_eq!(
        keys(totals),
        [
            "books",
            "books_failed",
            "failed",
            "inputs",
            "ok",
            "outputs",
            "skipped",
            "warning"
        ]
    );
    let mut warnings = Vec::new();
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(totals["inputs"], inputs.len());
    for entry in inputs {
        assert!(entry["path"].is_string());
        check_status(&entry["status"]);
        assert!(
            entry["outputs"].is_array() && entry["seconds"].is_number(),
            "{entry}"
        );
        check_error(&entry["error"]);
        assert_eq!(
            entry["status"] == "failed",
            !entry["error"].is_null(),
            "{entry}"
        );
        for w in entry["warnings"].as_array().unwrap() {
            check_warning(w);
            assert_eq!(w["origin"], entry["path"], "{w}");
            warnings.push(w.clone());
        }
        if !entry["warnings"].as_array().unwrap().is_empty() && entry["status"] == "ok" {
            panic!("an input with warnings is not ok: {entry}");
        }
    }
    let books = report["books"].as_array().unwrap();
    assert_eq!(totals["books"], books.len());
    for book in books {
        assert!(
            book["path"].is_string() && book["inputs"].is_array(),
            "{book}"
        );
        check_status(&book["status"]);
        check_error(&book["error"]);
        for w in book["warnings"].as_array().unwrap() {
            check_warning(w);
            assert_eq!(w["origin"], book["path"], "{w}");
            warnings.push(w.clone());
        }
    }
    warnings
}

fn kinds(warnings: &[Value]) -> Vec<String> {
    let mut kinds: Vec<String> = warnings
        .iter()
        .map(|w| w["kind"].as_str().unwrap().to_string())
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Articles that warn in several ways: no headline (the reader), a missing
/// photo (media), a long story in a one-page hole (overset), and one broken.
fn articles(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("photo.xml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf><head></head><body><body.head><hedline><hl1>Quay reopens</hl1></hedline></body.head>
<body.content><media media-type="image"><media-reference source="gone.jpg" alternate-text="A quay"/><media-caption>The quay.</media-caption></media><p>The quay reopened on Monday.</p></body.content></body></nitf>
"#,
    )
    .unwrap();
    std::fs::write(input.join("nohead.json"), r#"{"version":1,"meta":{}}"#).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/frames/long-jump.json"),
        input.join("long.json"),
    )
    .unwrap();
    std::fs::write(input.join("broken.json"), "{\"version\": 1,\n\"meta\": {").unwrap();
    input
}

#[test]
fn pdf_report_follows_the_schema() {
    let dir = scratch("pdf");
    let input = articles(&dir);
    let (code, report, stderr) = run(
        &["pdf", s(&input), "-o", s(&dir.join("out")), "--pages", "1"],
        &dir.join("report.json"),
    );
    assert_eq!(code, Some(1), "{stderr}");
    let warnings = check_report(&report, "pdf");
    let kinds = kinds(&warnings);
    for kind in ["media", "overset"] {
        assert!(
            kinds.contains(&kind.to_string()),
            "no {kind} warning: {kinds:?}\n{report:#}"
        );
    }
    let long = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with("long.json"))
        .unwrap();
    assert!(
        long["proof"]["overset_lines"].as_u64().unwrap() > 0,
        "{long}"
    );
    assert_eq!(report["totals"]["failed"], 1);
    // stderr keeps its `file: warning: message` lines.
    assert!(
        stderr.contains("photo.xml: warning: image `gone.jpg`"),
        "{stderr}"
    );
}

#[test]
fn epub_report_follows_the_schema() {
    let dir = scratch("epub");
    let input = articles(&dir);
    let (code, report, stderr) = run(
        &["epub", s(&input), "-o", s(&dir.join("book.epub"))],
        &dir.join("report.json"),
    );
    assert_eq!(code, Some(1), "the broken article: {stderr}");
    let warnings = check_report(&report, "epub");
    assert_eq!(report["books"].as_array().unwrap().len(), 1);
    let book = &report["books"][0];
    assert!(
        book["sha256"].is_string() && book["identifier"].is_string(),
        "{book}"
    );
    let media: Vec<&Value> = warnings.iter().filter(|w| w["kind"] == "media").collect();
    assert!(!media.is_empty(), "{report:#}");
    // A book's warning about an article names the article as its file.
    assert!(
        media.iter().any(|w| w["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("photo.xml")),
        "{media:?}"
    );
}

#[test]
fn batch_report_follows_the_schema() {
    let dir = scratch("batch");
    let input = articles(&dir);
    let (code, report, stderr) = run(
        &[
            "batch",
            s(&input),
            "-o",
            s(&dir.join("out")),
            "--to",
            "tree,pdf,epub",
        ],
        &dir.join("report.json"),
    );
    assert_eq!(code, Some(1), "{stderr}");
    let warnings = check_report(&report, "batch");
    let kinds = kinds(&warnings);
    assert!(kinds.contains(&"media".to_string()), "{kinds:?}");
    let broken = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["status"] == "failed")
        .unwrap();
    assert_eq!(broken["error"]["line"], 2, "{broken}");
    // The same shape on a resumed run, and the warnings kept.
    let first: Vec<Value> = warnings;
    let (_, again, _) = run(
        &[
            "batch",
            s(&input),
            "-o",
            s(&dir.join("out")),
            "--to",
            "tree,pdf,epub",
            "--resume",
        ],
        &dir.join("report.json"),
    );
    let resumed = check_report(&again, "batch");
    assert!(
        again["totals"]["skipped"].as_u64().unwrap() > 0,
        "{again:#}"
    );
    assert_eq!(first.len(), resumed.len(), "{again:#}");
    // A proof left as it was keeps its facts.
    let proof_of = |report: &Value| {
        report["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with("long.json"))
            .unwrap()["proof"]
            .clone()
    };
    assert!(proof_of(&report)["pages"].as_u64().unwrap() >= 2);
    assert_eq!(proof_of(&again), proof_of(&report));
}
