//! The command line as scripts see it: exit codes, messages, output files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn galley(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .output()
        .expect("galley runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn tree_prints_the_tree_of_a_good_input() {
    let dir = scratch("good");
    let input = dir.join("a.json");
    std::fs::write(
        &input,
        r#"{"version": 1, "meta": {"headline": "Ferry resumes"}}"#,
    )
    .unwrap();
    let out = galley(&["tree", input.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["meta"]["headline"], "Ferry resumes");
    assert_eq!(json["version"], 1);
}

#[test]
fn a_failed_input_exits_1_with_file_line_and_column() {
    let dir = scratch("bad");
    let input = dir.join("broken.json");
    std::fs::write(&input, "{\"version\": 1,\n \"meta\": {\"headline\": 7}}").unwrap();
    let output = dir.join("out.json");
    let out = galley(&[
        "tree",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.starts_with(&format!("{}:2:", input.display())),
        "{message}"
    );
    assert!(message.contains(": error: "), "{message}");
    assert!(!output.exists(), "no output is written for a failed input");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "only the input remains: {leftovers:?}");
}

#[test]
fn a_missing_file_exits_1_and_says_so() {
    let out = galley(&["tree", "no/such/article.xml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "no/such/article.xml: error: cannot read: no such file or directory"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(galley(&[]).status.code(), Some(2));
    assert_eq!(galley(&["tree"]).status.code(), Some(2));
    assert_eq!(
        galley(&["tree", "a", "--from", "docx"]).status.code(),
        Some(2)
    );
    assert_eq!(galley(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn help_exits_0_and_names_every_option() {
    let out = galley(&["tree", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for option in [
        "--output",
        "--from",
        "--explain",
        "--lossy",
        "--pull-quote-class",
    ] {
        assert!(help.contains(option), "{option} missing from\n{help}");
    }
}

#[test]
fn output_file_is_written_whole() {
    let dir = scratch("write");
    let input = dir.join("a.json");
    std::fs::write(&input, r#"{"version": 1, "meta": {"headline": "Quay"}}"#).unwrap();
    let output = dir.join("tree.json");
    let out = galley(&[
        "tree",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.contains("\"headline\": \"Quay\""));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "{names:?}");
}

#[test]
fn unwritable_output_exits_1() {
    let dir = scratch("unwritable");
    let input = dir.join("a.json");
    std::fs::write(&input, r#"{"version": 1, "meta": {"headline": "Quay"}}"#).unwrap();
    let out = galley(&[
        "tree",
        input.to_str().unwrap(),
        "-o",
        "/nonexistent-dir/x.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent-dir/x.json: cannot write"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(["tree", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"version": 1, "meta": {"headline": "Piped"}}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Piped"));
}

/// The help names what each option takes, its defaults and the exit codes.
#[test]
fn tree_help_names_formats_defaults_and_exit_codes() {
    let out = galley(&["tree", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let defaults = galley::read::ReadOptions::default();
    for class in defaults
        .pull_quote_classes
        .iter()
        .chain(&defaults.sidebar_classes)
    {
        assert!(
            help.contains(class.as_str()),
            "{class} missing from: {help}"
        );
    }
    for needed in [
        "nitf, wire or json",
        "0 the tree was written",
        "1 the input",
        "2 the command line",
    ] {
        assert!(help.contains(needed), "{needed} missing from: {help}");
    }
}
