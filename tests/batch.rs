//! `galley batch` as scripts use it: good and broken inputs, reports, shards, resume.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn galley(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .output()
        .expect("galley runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("batch")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tree(headline: &str, series: Option<&str>) -> String {
    let series = series.map_or(String::new(), |s| format!(r#","series":{{"name":"{s}"}}"#));
    format!(r#"{{"version":1,"meta":{{"headline":"{headline}"{series}}}}}"#)
}

/// An archive: twelve good articles in four series and two loose, plus two broken ones.
fn archive(dir: &Path) -> PathBuf {
    let input = dir.join("archive");
    for folder in ["north", "south/old"] {
        std::fs::create_dir_all(input.join(folder)).unwrap();
    }
    for i in 0..12 {
        let series = ["Tide", "Harbour", "Quarry", "Mill"].get(i % 5).copied();
        let folder = if i % 2 == 0 { "north" } else { "south/old" };
        std::fs::write(
            input.join(folder).join(format!("story{i:02}.json")),
            tree(&format!("Story {i}"), series),
        )
        .unwrap();
    }
    std::fs::write(
        input.join("north/broken.json"),
        "{\"version\": 1,\n\"meta\": {",
    )
    .unwrap();
    std::fs::write(input.join("south/garbage.xml"), b"\x00\x01binary\xff").unwrap();
    std::fs::write(input.join("notes.pdf"), "not an article").unwrap();
    input
}

/// Every file below `dir`, relative, without the resume record.
fn files(dir: &Path) -> BTreeSet<String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(path.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = BTreeSet::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.remove(".galley-resume");
    out
}

#[test]
fn broken_inputs_are_reported_and_the_rest_is_written() {
    let dir = scratch("mixed");
    let input = archive(&dir);
    let out = dir.join("out");
    let report = dir.join("report.json");
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "a failed input makes exit code 1"
    );
    let written = files(&out);
    assert_eq!(written.len(), 12, "{written:?}");
    assert!(written.contains("north/story00.json"));
    assert!(written.contains("south/old/story01.json"));
    assert!(
        !written.iter().any(|f| f.contains("partial")),
        "{written:?}"
    );

    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("broken.json:2:"), "{stderr}");
    assert!(
        stderr.contains("garbage.xml: error: the input is not text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("14 input(s): 12 ok, 0 with warnings, 2 failed"),
        "{stderr}"
    );

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    assert_eq!(report["totals"]["failed"], 2);
    assert_eq!(report["totals"]["ok"], 12);
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 14);
    let broken = inputs
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with("broken.json"))
        .unwrap();
    assert_eq!(broken["status"], "failed");
    assert_eq!(broken["error"]["line"], 2);
    assert!(broken["error"]["file"]
        .as_str()
        .unwrap()
        .ends_with("north/broken.json"));
    assert!(broken["outputs"].as_array().unwrap().is_empty());
    let good = inputs.iter().find(|e| e["status"] == "ok").unwrap();
    assert_eq!(good["outputs"].as_array().unwrap().len(), 1);
}

#[test]
fn all_good_exits_0_and_outputs_match_the_tree_command() {
    let dir = scratch("good");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.json"), tree("Alder", Some("Tide"))).unwrap();
    let out = dir.join("out");
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert!(
        run.stderr.is_empty(),
        "quiet prints nothing when all is well"
    );
    let single = galley(&["tree", input.join("a.json").to_str().unwrap()]);
    assert_eq!(std::fs::read(out.join("a.json")).unwrap(), single.stdout);
}

#[test]
fn shards_split_the_batch_without_overlap_and_keep_series_together() {
    let dir = scratch("shards");
    let input = archive(&dir);
    let whole = dir.join("whole");
    galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        whole.to_str().unwrap(),
        "-q",
    ]);
    let mut union = BTreeSet::new();
    let mut series_shard = std::collections::BTreeMap::new();
    for k in 1..=3 {
        let out = dir.join(format!("shard{k}"));
        let shard = format!("{k}/3");
        galley(&[
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--shard",
            &shard,
            "-q",
        ]);
        for file in files(&out) {
            let text = std::fs::read_to_string(out.join(&file)).unwrap();
            let tree: serde_json::Value = serde_json::from_str(&text).unwrap();
            if let Some(name) = tree["meta"]["series"]["name"].as_str() {
                let previous = series_shard.insert(name.to_string(), k);
                assert!(
                    previous.is_none() || previous == Some(k),
                    "series {name} is split across shards"
                );
            }
            assert!(union.insert(file.clone()), "{file} is in two shards");
        }
    }
    assert_eq!(union, files(&whole));
    assert!(series_shard.len() == 4, "{series_shard:?}");
}

#[test]
fn resume_skips_what_is_up_to_date() {
    let dir = scratch("resume");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.json"), tree("Alder", None)).unwrap();
    std::fs::write(input.join("b.json"), tree("Birch", None)).unwrap();
    let out = dir.join("out");
    let report = dir.join("r.json");
    let args = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let args = args(extra);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        galley(&refs);
        serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&report).unwrap())
            .unwrap()
    };
    assert_eq!(run(&[])["totals"]["outputs"], 2);
    let second = run(&["--resume"]);
    assert_eq!(second["totals"]["outputs"], 0);
    assert_eq!(second["totals"]["skipped"], 2);
    std::fs::write(input.join("b.json"), tree("Birch, revised", None)).unwrap();
    let third = run(&["--resume"]);
    assert_eq!(
        third["totals"]["outputs"], 1,
        "only the changed input is redone"
    );
    assert!(std::fs::read_to_string(out.join("b.json"))
        .unwrap()
        .contains("revised"));
    std::fs::remove_file(out.join("a.json")).unwrap();
    assert_eq!(
        run(&["--resume"])["totals"]["outputs"],
        1,
        "a deleted output is redone"
    );
}

#[test]
fn an_output_that_cannot_be_written_fails_alone() {
    let dir = scratch("unwritable");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("blocked")).unwrap();
    std::fs::write(input.join("a.json"), tree("Alder", None)).unwrap();
    std::fs::write(input.join("blocked/b.json"), tree("Birch", None)).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    // A file where the output folder `blocked/` must go: root ignores permission
    // bits, so this is how a write is made to fail here.
    std::fs::write(out.join("blocked"), "in the way").unwrap();
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("blocked/b.json: cannot write"), "{stderr}");
    assert!(out.join("a.json").is_file(), "the other output is written");
    assert_eq!(
        files(&out),
        BTreeSet::from(["a.json".to_string(), "blocked".to_string()])
    );

    let run = galley(&["batch", input.to_str().unwrap(), "-o", "/proc/galley-out"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot create the output folder"));
}

#[test]
fn leftovers_of_a_killed_run_are_removed() {
    let dir = scratch("killed");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.json"), tree("Alder", None)).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("sub")).unwrap();
    std::fs::write(out.join("sub/.a.json.4242.partial"), "{\"vers").unwrap();
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(files(&out), BTreeSet::from(["a.json".to_string()]));
}

#[test]
fn bad_shard_and_missing_input_are_usage_errors() {
    let dir = scratch("usage");
    let out = dir.join("out");
    let out = out.to_str().unwrap();
    assert_eq!(
        galley(&["batch", "x", "-o", out, "--shard", "4/3"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        galley(&["batch", "x", "-o", out, "--shard", "0/3"])
            .status
            .code(),
        Some(2)
    );
    let run = galley(&["batch", "no/such/folder", "-o", out]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no/such/folder"));
}

#[test]
fn tree_and_pdf_targets_side_by_side() {
    let dir = scratch("pdf");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("quay.json"),
        tree("Quay wall repaired at Lomvik", None),
    )
    .unwrap();
    std::fs::write(input.join("broken.json"), "{\"version\": 1,").unwrap();
    let out = dir.join("out");
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "tree,pdf",
        "--style",
        "a4",
        "-q",
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        files(&out),
        BTreeSet::from(["quay.json".to_string(), "quay.pdf".to_string()])
    );
    let pdf = out.join("quay.pdf");
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Quay wall repaired at Lomvik"), "{text}");
    assert!(text.contains("style a4"), "{text}");
    // An unknown style is a usage error before anything is written.
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        dir.join("none").to_str().unwrap(),
        "--to",
        "pdf",
        "--style",
        "pamphlet",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.join("none").exists());
}
