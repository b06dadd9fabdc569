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
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    // An hour old and nobody holds its lock: whoever wrote it is gone.
    let old = std::fs::File::create(out.join("sub/.a.json.Xk3pQ9zTr2Lm.partial")).unwrap();
    old.set_modified(an_hour_ago).unwrap();
    drop(old);
    // An hour old but locked: a live writer (another shard, in another
    // container with the same process ids) is still filling it.
    let live = ".c.pdf.Q7hVb2Nc0PaW.partial";
    let locked = std::fs::File::create(out.join(live)).unwrap();
    locked.set_modified(an_hour_ago).unwrap();
    drop(locked);
    let mut writer = Command::new("flock")
        .arg(out.join(live))
        .args(["sleep", "600"])
        .spawn()
        .expect("flock (util-linux) runs");
    // Wait until `flock` holds the lock (`flock -n` then fails).
    for _ in 0..500 {
        let probe = Command::new("flock")
            .args(["-n", out.join(live).to_str().unwrap(), "true"])
            .status()
            .unwrap();
        if !probe.success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // Fresh and not locked yet: a writer between creating and locking it.
    let fresh = ".d.pdf.Zz81mKq0ttRe.partial";
    std::fs::write(out.join(fresh), "%PDF-").unwrap();
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(
        files(&out),
        BTreeSet::from(["a.json".to_string(), live.to_string(), fresh.to_string()])
    );
    let _ = writer.kill();
    let _ = writer.wait();
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
    // The brief's head is set over its one-column module, on several lines.
    let text = String::from_utf8_lossy(&text.stdout);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Quay wall repaired at Lomvik"), "{text}");
    assert!(words.contains("style a4"), "{text}");
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

// ---- EPUB books, media root, manifests, interrupts ----

#[path = "epub/support.rs"]
mod support;

use galley::model::{Article, Block, Inline, Series};

/// An invented article as tree JSON: a headline, a paragraph and maybe a photo.
fn article(headline: &str, series: Option<(&str, u32)>, date: &str, photo: Option<&str>) -> String {
    let mut a = Article::new();
    a.meta.headline = headline.into();
    a.meta.date = Some(date.into());
    a.meta.language = Some("en".into());
    a.meta.series = series.map(|(name, part)| Series {
        name: name.into(),
        part: Some(part),
        total: None,
    });
    a.body = vec![Block::Paragraph {
        classes: Vec::new(),
        lede: false,
        content: vec![Inline::text(format!(
            "{headline}: the people of Lomvik saw it happen from the quay."
        ))],
    }];
    if let Some(src) = photo {
        a.body.push(Block::Figure {
            src: Some(src.into()),
            alt: Some("The ferry Vesla at the Lomvik quay".into()),
            caption: vec![Inline::text("The Vesla comes in at dawn.")],
            credit: Some("Ida Norvang".into()),
            width: None,
            height: None,
        });
    }
    galley::model::to_json(&a)
}

fn run_report(args: &[&str], report: &Path) -> (Output, serde_json::Value) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--report", report.to_str().unwrap()]);
    let run = galley(&all);
    let json = std::fs::read_to_string(report)
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(serde_json::Value::Null);
    (run, json)
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// Two series written out of order across folders, and a lone article.
fn series_archive(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("tide")).unwrap();
    std::fs::create_dir_all(input.join("misc")).unwrap();
    let files = [
        (
            "tide/c.json",
            "The tide turns",
            Some(("The Tide", 3)),
            "2026-05-03",
        ),
        (
            "tide/a.json",
            "The tide goes out",
            Some(("The Tide", 1)),
            "2026-05-01",
        ),
        (
            "misc/b.json",
            "The tide stays low",
            Some(("the  tide", 2)),
            "2026-05-02",
        ),
        (
            "misc/q1.json",
            "Quarry opens",
            Some(("Quarry Road", 1)),
            "2026-06-01",
        ),
        (
            "q2.json",
            "Quarry closes",
            Some(("Quarry Road", 2)),
            "2026-06-02",
        ),
        ("misc/lone.json", "Bridge painted", None, "2026-07-01"),
    ];
    for (name, headline, series, date) in files {
        std::fs::write(input.join(name), article(headline, series, date, None)).unwrap();
    }
    input
}

#[test]
fn epub_target_makes_one_book_per_series_like_the_epub_command() {
    let dir = scratch("epub");
    let input = series_archive(&dir);
    std::fs::write(input.join("misc/broken.json"), "{\"version\": 1,\n\"meta\"").unwrap();
    let out = dir.join("out");
    let (run, report) = run_report(
        &[
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "tree,epub",
            "-q",
        ],
        &dir.join("report.json"),
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let written = files(&out);
    for book in ["the-tide.epub", "quarry-road.epub", "lone.epub"] {
        assert!(written.contains(book), "{book} missing: {written:?}");
    }
    assert_eq!(
        written.iter().filter(|f| f.ends_with(".epub")).count(),
        3,
        "{written:?}"
    );
    assert!(written.contains("tide/a.json") && written.contains("q2.json"));

    // The books are the ones `galley epub --by-series` makes, byte for byte.
    let by_series = dir.join("by-series");
    let epub = galley(&[
        "epub",
        input.to_str().unwrap(),
        "--by-series",
        "-o",
        by_series.to_str().unwrap(),
    ]);
    assert_eq!(
        epub.status.code(),
        Some(1),
        "the broken input fails there too"
    );
    for book in ["the-tide.epub", "quarry-road.epub", "lone.epub"] {
        assert_eq!(
            std::fs::read(out.join(book)).unwrap(),
            std::fs::read(by_series.join(book)).unwrap(),
            "{book} differs from galley epub --by-series"
        );
    }
    let book = support::Book::open(&std::fs::read(out.join("the-tide.epub")).unwrap());
    let labels: Vec<String> = book.nav_entries().into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels,
        [
            "Title page",
            "Part 1: The tide goes out",
            "Part 2: The tide stays low",
            "Part 3: The tide turns"
        ]
    );
    support::epubcheck_file(&out.join("the-tide.epub"));

    let books = report["books"].as_array().unwrap();
    assert_eq!(books.len(), 3, "{report:#}");
    let tide = books
        .iter()
        .find(|b| b["path"].as_str().unwrap().ends_with("the-tide.epub"))
        .unwrap();
    assert_eq!(tide["status"], "ok");
    let members: Vec<&str> = tide["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(members, ["a.json", "b.json", "c.json"]);
    assert_eq!(report["totals"]["books"], 3);
    assert_eq!(report["totals"]["books_failed"], 0);
    assert_eq!(report["totals"]["failed"], 1, "the broken article");
    // 6 trees and 3 books.
    assert_eq!(report["totals"]["outputs"], 9);

    // A rerun into a fresh folder gives the same bytes.
    let again = dir.join("again");
    galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        again.to_str().unwrap(),
        "--to",
        "epub",
        "-q",
    ]);
    for book in ["the-tide.epub", "quarry-road.epub", "lone.epub"] {
        assert_eq!(
            std::fs::read(out.join(book)).unwrap(),
            std::fs::read(again.join(book)).unwrap()
        );
    }
}

#[test]
fn a_book_that_cannot_be_written_fails_alone() {
    let dir = scratch("epub-blocked");
    let input = series_archive(&dir);
    let out = dir.join("out");
    // A folder where the book must go.
    std::fs::create_dir_all(out.join("quarry-road.epub")).unwrap();
    let (run, report) = run_report(
        &[
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "epub",
        ],
        &dir.join("report.json"),
    );
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("quarry-road.epub: error: cannot write"),
        "{err}"
    );
    assert!(err.contains("3 book(s), 1 failed"), "{err}");
    assert!(out.join("the-tide.epub").is_file() && out.join("lone.epub").is_file());
    let failed: Vec<_> = report["books"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("cannot write"));
    assert_eq!(report["totals"]["failed"], 0, "no input failed");
}

#[test]
fn shards_with_epub_give_exactly_the_whole_batch() {
    let dir = scratch("epub-shards");
    let input = series_archive(&dir);
    // Names whose file names collide: the second book's name must not depend
    // on which shard it lands in.
    for (i, series) in ["Ferry Log", "Ferry-Log", "Ferry log!", "Mill", "Weir"]
        .iter()
        .enumerate()
    {
        std::fs::write(
            input.join(format!("extra{i}.json")),
            article(&format!("Entry {i}"), Some((series, 1)), "2026-08-01", None),
        )
        .unwrap();
    }
    for i in 0..4 {
        std::fs::write(
            input.join(format!("misc/loose{i}.json")),
            article(&format!("Loose {i}"), None, "2026-08-02", None),
        )
        .unwrap();
    }
    let run = |out: &Path, shard: Option<&str>| {
        let mut args = vec![
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "tree,epub",
            "-q",
        ];
        if let Some(shard) = shard {
            args.extend(["--shard", shard]);
        }
        let run = galley(&args);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    };
    let whole = dir.join("whole");
    run(&whole, None);
    let mut whole_files = files(&whole);
    assert!(whole_files.contains("ferry-log-2.epub"), "{whole_files:?}");
    // Each share lists its own books, in a catalogue of its own.
    assert!(whole_files.remove("catalog.xml"), "{whole_files:?}");
    let mut union = BTreeSet::new();
    let mut nonempty = 0;
    for k in 1..=3 {
        let out = dir.join(format!("shard{k}"));
        run(&out, Some(&format!("{k}/3")));
        let mine = files(&out);
        nonempty += usize::from(mine.iter().any(|f| f.ends_with(".epub")));
        for file in mine {
            if file.starts_with("catalog") {
                assert_eq!(file, format!("catalog-{k}-of-3.xml"));
                continue;
            }
            assert_eq!(
                std::fs::read(out.join(&file)).unwrap(),
                std::fs::read(whole.join(&file)).unwrap(),
                "{file} differs between shard {k} and the whole batch"
            );
            assert!(union.insert(file.clone()), "{file} is in two shards");
        }
    }
    assert_eq!(union, whole_files);
    assert!(nonempty >= 2, "the books were not spread over the shards");
}

#[test]
fn media_root_is_where_images_are_found_and_confined() {
    let dir = scratch("media-root");
    let input = dir.join("in");
    let media = dir.join("media");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::create_dir_all(&media).unwrap();
    std::fs::write(media.join("vesla.png"), support::png(40, 30, 90)).unwrap();
    std::fs::write(dir.join("secret.png"), support::png(40, 30, 10)).unwrap();
    std::fs::write(
        input.join("ferry.json"),
        article("Ferry back", None, "2026-05-01", Some("vesla.png")),
    )
    .unwrap();
    std::fs::write(
        input.join("escape.json"),
        article("Escape", None, "2026-05-01", Some("../secret.png")),
    )
    .unwrap();
    let batch = |out: &Path, extra: &[&str]| {
        let mut args = vec![
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "epub,pdf",
        ];
        args.extend_from_slice(extra);
        run_report(&args, &out.with_extension("report.json"))
    };
    let with_root = dir.join("with");
    let (run, report) = batch(&with_root, &["--media-root", media.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let book = support::Book::open(&std::fs::read(with_root.join("ferry.epub")).unwrap());
    assert!(
        book.names()
            .iter()
            .any(|n| n.ends_with(".png") && !n.contains("cover")),
        "the photo from the media root is in the book: {:?}",
        book.names()
    );
    let escape = report["books"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["path"].as_str().unwrap().ends_with("escape.epub"))
        .unwrap();
    let warnings = escape["warnings"].to_string();
    assert!(
        warnings.contains("..") && warnings.contains("secret.png"),
        "{warnings}"
    );
    assert!(!book.names().iter().any(|n| n.contains("secret")));

    // Without the media root the photo is looked for beside the article: missing.
    let without = dir.join("without");
    let (_, report) = batch(&without, &[]);
    let ferry = report["books"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["path"].as_str().unwrap().ends_with("ferry.epub"))
        .unwrap();
    assert!(
        ferry["warnings"].to_string().contains("vesla.png"),
        "{ferry}"
    );
    let inputs = report["inputs"].to_string();
    assert!(
        inputs.contains("vesla.png"),
        "the proof warns too: {inputs}"
    );

    // A media root that is not a folder is a usage error.
    let run = galley(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        dir.join("none").to_str().unwrap(),
        "--media-root",
        dir.join("nowhere").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("nowhere: the media root is not a folder"));
}

#[test]
fn a_manifest_lists_inputs_with_styles_and_series() {
    let dir = scratch("manifest");
    let input = series_archive(&dir);
    std::fs::write(
        input.join("wire.json"),
        article("Quarry, the last word", None, "2026-06-03", None),
    )
    .unwrap();
    let manifest = input.join("batch.toml");
    std::fs::write(
        &manifest,
        r#"# invented for the test
to = ["tree", "pdf", "epub"]
style = "a4"

[[inputs]]
path = "misc/q1.json"

[[inputs]]
path = "./q2.json"
style = "broadsheet"

[[inputs]]
path = "wire.json"
series = { name = "Quarry Road", part = 3, total = 3 }
"#,
    )
    .unwrap();
    let out = dir.join("out");
    let (run, report) = run_report(
        &[
            "batch",
            manifest.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
        ],
        &dir.join("report.json"),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        files(&out),
        [
            "catalog.xml",
            "misc/q1.json",
            "misc/q1.pdf",
            "q2.json",
            "q2.pdf",
            "quarry-road.epub",
            "wire.json",
            "wire.pdf"
        ]
        .into_iter()
        .map(String::from)
        .collect::<BTreeSet<_>>()
    );
    let tree: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("wire.json")).unwrap()).unwrap();
    assert_eq!(
        tree["meta"]["series"],
        serde_json::json!({"name": "Quarry Road", "part": 3, "total": 3})
    );
    let text = |pdf: &str| {
        let o = Command::new("pdftotext")
            .args([out.join(pdf).to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils) is installed");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(text("misc/q1.pdf").contains("style a4"));
    assert!(text("q2.pdf").contains("style broadsheet"));
    let book = report["books"][0]["inputs"].to_string();
    assert!(
        book.find("q1.json") < book.find("q2.json")
            && book.find("q2.json") < book.find("wire.json"),
        "the override puts the wire story third: {book}"
    );

    // The same manifest as JSON, and --to on the command line wins over `to`.
    let json = input.join("batch.json");
    std::fs::write(
        &json,
        r#"{"inputs": [{"path": "misc/q1.json"}, {"path": "q2.json", "style": "letter"}], "to": ["pdf"]}"#,
    )
    .unwrap();
    let out = dir.join("json-out");
    let run = galley(&[
        "batch",
        json.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "tree",
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        files(&out),
        BTreeSet::from(["misc/q1.json".to_string(), "q2.json".to_string()])
    );
    // A tree article named on the command line is still an article.
    let out = dir.join("article-out");
    let run = galley(&[
        "batch",
        input.join("q2.json").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(files(&out), BTreeSet::from(["q2.json".to_string()]));
}

#[test]
fn a_bad_manifest_is_a_usage_error_naming_file_line_and_key() {
    let dir = scratch("manifest-bad");
    let out = dir.join("out");
    let cases = [
        (
            "typo.toml",
            "style = \"a4\"\n\n[[inputs]]\npath = \"a.json\"\nstlye = \"letter\"\n",
            "typo.toml:5:",
            "unknown field `stlye`",
        ),
        (
            "part.toml",
            "[[inputs]]\npath = \"a.json\"\nseries = { name = \"Tide\", part = \"two\" }\n",
            "part.toml:3:",
            "`inputs[0].series.part`",
        ),
        (
            "format.json",
            "{\"inputs\": [{\"path\": \"a.json\"}],\n \"to\": [\"tree\", \"html\"]}\n",
            "format.json:2:",
            "unknown variant `html`",
        ),
        (
            "key.json",
            "{\"inputs\": [\n  {\"path\": \"a.json\",\n   \"colour\": \"red\"}]}\n",
            "key.json:3:",
            "`colour`",
        ),
        (
            "style.toml",
            "[[inputs]]\npath = \"a.json\"\nstyle = \"pamphlet\"\n",
            "style.toml:3:",
            "no style `pamphlet`",
        ),
        (
            "hole.toml",
            "[[inputs]]\npath = \"a.json\"\nhole = \"4x210\"\n",
            "hole.toml:3:",
            "hole `4x210`: `210` has no unit",
        ),
    ];
    for (name, text, place, what) in cases {
        let manifest = dir.join(name);
        std::fs::write(&manifest, text).unwrap();
        let run = galley(&[
            "batch",
            manifest.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(place) && err.contains(what), "{name}: {err}");
        assert!(!out.exists(), "{name}: nothing is written");
    }
}

#[test]
fn a_manifest_listing_a_missing_file_fails_that_input_only() {
    let dir = scratch("manifest-missing");
    let input = series_archive(&dir);
    let manifest = input.join("list.toml");
    std::fs::write(
        &manifest,
        "[[inputs]]\npath = \"q2.json\"\n[[inputs]]\npath = \"gone.json\"\n[[inputs]]\npath = \"tide\"\n",
    )
    .unwrap();
    let out = dir.join("out");
    let (run, report) = run_report(
        &[
            "batch",
            manifest.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &dir.join("report.json"),
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("gone.json: error: cannot read"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        files(&out),
        ["q2.json", "tide/a.json", "tide/c.json"]
            .into_iter()
            .map(String::from)
            .collect::<BTreeSet<_>>()
    );
    let gone = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with("gone.json"))
        .unwrap();
    assert_eq!(gone["status"], "failed");
    assert_eq!(report["totals"]["ok"], 3);
}

#[test]
fn resume_skips_books_that_are_up_to_date() {
    let dir = scratch("epub-resume");
    let input = series_archive(&dir);
    std::fs::write(input.join("photo.png"), support::png(40, 30, 50)).unwrap();
    std::fs::write(
        input.join("photo.json"),
        article("Photo day", None, "2026-05-09", Some("photo.png")),
    )
    .unwrap();
    let out = dir.join("out");
    let report = dir.join("report.json");
    let run = |resume: bool| {
        let mut args = vec![
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "epub",
            "-q",
        ];
        if resume {
            args.push("--resume");
        }
        let (run, json) = run_report(&args, &report);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        json
    };
    let skipped = |json: &serde_json::Value| -> BTreeSet<String> {
        json["books"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["skipped"] == true)
            .map(|b| {
                b["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let first = run(false);
    assert_eq!(first["totals"]["outputs"], 4);
    let tide = std::fs::read(out.join("the-tide.epub")).unwrap();
    let second = run(true);
    assert_eq!(second["totals"]["outputs"], 0);
    assert_eq!(second["totals"]["skipped"], 4);
    // One part of a series changes: only that series' book is made again.
    std::fs::write(
        input.join("tide/c.json"),
        article(
            "The tide turns at last",
            Some(("The Tide", 3)),
            "2026-05-03",
            None,
        ),
    )
    .unwrap();
    let third = run(true);
    assert_eq!(
        skipped(&third),
        BTreeSet::from([
            "quarry-road.epub".into(),
            "lone.epub".into(),
            "photo.epub".into()
        ])
    );
    assert_ne!(std::fs::read(out.join("the-tide.epub")).unwrap(), tide);
    // A changed photo (the article unchanged) redoes its book too.
    std::fs::write(input.join("photo.png"), support::png(40, 30, 200)).unwrap();
    let fourth = run(true);
    assert_eq!(
        skipped(&fourth),
        BTreeSet::from([
            "quarry-road.epub".into(),
            "lone.epub".into(),
            "the-tide.epub".into()
        ])
    );
}

/// Every file below `dir` is whole: PDFs pass `qpdf --check`, JSON parses,
/// books open as zip files; no temporary file is left.
fn assert_all_whole(dir: &Path) {
    for file in files(dir) {
        let path = dir.join(&file);
        assert!(
            !file.contains(".partial"),
            "a temporary file is left: {file}"
        );
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => {
                let check = Command::new("qpdf")
                    .arg("--check")
                    .arg(&path)
                    .output()
                    .expect("qpdf is installed");
                assert!(
                    check.status.success(),
                    "{file} is not a whole PDF: {}",
                    String::from_utf8_lossy(&check.stdout)
                );
            }
            Some("json") => {
                let text = std::fs::read_to_string(&path).unwrap();
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{file} is not whole JSON: {e}"));
            }
            Some("epub") => {
                let bytes = std::fs::read(&path).unwrap();
                let book = support::Book::open(&bytes);
                assert!(book.names().contains(&"OEBPS/content.opf"), "{file}");
            }
            _ => panic!("unexpected file {file}"),
        }
    }
}

/// Starts a batch, sends SIGINT once `ready` says so, and returns its exit code.
fn interrupt_when(
    args: &[&str],
    out: &Path,
    ready: impl Fn(&BTreeSet<String>) -> bool,
) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("galley runs");
    let started = std::time::Instant::now();
    loop {
        if ready(&files(out)) {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the batch ended before it could be interrupted; give it more work"
        );
        assert!(started.elapsed().as_secs() < 300, "no output appeared");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("interrupted"), "{err}");
    output.status.code()
}

#[test]
fn an_interrupted_batch_leaves_only_whole_files() {
    let dir = scratch("interrupt");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let paragraph = "The ferry Vesla left Lomvik at six, and the harbour master, \
        Oddny Varre, counted the crates twice before she signed for them. "
        .repeat(12);
    for i in 0..240 {
        let mut a = Article::new();
        a.meta.headline = format!("Harbour day {i}");
        a.meta.date = Some("2026-04-01".into());
        a.meta.series = Some(Series {
            name: format!("Harbour {}", i / 8),
            part: Some(i % 8 + 1),
            total: None,
        });
        a.body = (0..6)
            .map(|_| Block::Paragraph {
                classes: Vec::new(),
                lede: false,
                content: vec![Inline::text(paragraph.clone())],
            })
            .collect();
        std::fs::write(
            input.join(format!("day{i:03}.json")),
            galley::model::to_json(&a),
        )
        .unwrap();
    }
    let out = dir.join("out");
    let args = |to: &'static str| {
        vec![
            "batch".to_string(),
            input.display().to_string(),
            "-o".to_string(),
            out.display().to_string(),
            "--to".to_string(),
            to.to_string(),
            "--jobs".to_string(),
            "2".to_string(),
        ]
    };
    // Mid-way through the per-article outputs.
    let a = args("pdf,tree,epub");
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let code = interrupt_when(&a, &out, |f| f.iter().any(|f| f.ends_with(".pdf")));
    assert_eq!(code, Some(130));
    let written = files(&out);
    assert!(!written.is_empty());
    assert!(
        written.len() < 480,
        "the batch was not interrupted: {}",
        written.len()
    );
    assert_all_whole(&out);

    // Mid-way through the books (a resumed run goes straight to them).
    let _ = std::fs::remove_dir_all(&out);
    let a = args("epub");
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let code = interrupt_when(&a, &out, |f| f.iter().any(|f| f.ends_with(".epub")));
    assert_eq!(code, Some(130));
    let books = files(&out).len();
    assert!((1..30).contains(&books), "{books} books");
    assert_all_whole(&out);
}

#[test]
fn the_example_manifest_makes_trees_proofs_and_the_series_book() {
    let dir = scratch("example-manifest");
    let out = dir.join("out");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water.toml");
    let run = galley(&[
        "batch",
        manifest.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let mut expected: BTreeSet<String> = (1..=4)
        .flat_map(|d| {
            [
                format!("still-water/day{d}.json"),
                format!("still-water/day{d}.pdf"),
            ]
        })
        .collect();
    expected.insert("still-water.epub".into());
    expected.insert("catalog.xml".into());
    assert_eq!(files(&out), expected);
    let day2: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("still-water/day2.json")).unwrap())
            .unwrap();
    assert_eq!(
        day2["meta"]["series"]["total"], 4,
        "the manifest adds the total"
    );
    support::epubcheck_file(&out.join("still-water.epub"));
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `jing -c` with the Atom schema of RFC 4287; its messages, empty when valid.
fn jing(schema: &Path, file: &Path) -> String {
    let run = Command::new("jing")
        .arg("-c")
        .arg(schema)
        .arg(file)
        .output()
        .expect("jing runs (Debian package jing; .ci/run installs it)");
    let messages = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success() || !messages.trim().is_empty(),
        "jing failed without a message: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    messages
}

#[test]
fn epub_target_writes_an_opds_catalogue_of_the_books_and_reports_their_identity() {
    let dir = scratch("opds");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water.toml");
    let out = dir.join("out");
    let (run, report) = run_report(
        &[
            "batch",
            manifest.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "epub",
            "-q",
        ],
        &dir.join("report.json"),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let feed_path = out.join("catalog.xml");
    let feed = std::fs::read_to_string(&feed_path).expect("the catalogue beside the books");

    // Valid Atom (RFC 4287's RELAX NG schema), an OPDS 1.2 acquisition feed.
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/opds/atom.rnc");
    let messages = jing(&schema, &feed_path);
    assert!(messages.trim().is_empty(), "jing: {messages}\n{feed}");
    assert!(feed.contains("<link rel=\"self\" href=\"catalog.xml\" type=\"application/atom+xml;profile=opds-catalog;kind=acquisition\"/>"));

    // One entry per book: what the report and the book say, and the file's checksum.
    let books = report["books"].as_array().unwrap();
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert_eq!(entries.len(), books.len(), "{feed}");
    assert_eq!(books.len(), 1);
    let book = &books[0];
    let path = PathBuf::from(book["path"].as_str().unwrap());
    let bytes = std::fs::read(&path).unwrap();
    let sha = sha256_hex(&bytes);
    assert_eq!(book["sha256"], sha.as_str());
    let opf = support::Book::open(&bytes).opf();
    let identifier = support::between(&opf, "<dc:identifier id=\"epub-id-1\">", "<");
    assert!(identifier.starts_with("urn:uuid:"));
    assert_eq!(book["identifier"], identifier);
    let entry = entries[0];
    assert!(entry.contains(&format!("<id>{identifier}</id>")), "{entry}");
    assert!(
        entry.contains(&format!("<galley:sha256>{sha}</galley:sha256>")),
        "{entry}"
    );
    assert!(entry.contains(&format!(
        "<link rel=\"http://opds-spec.org/acquisition\" href=\"still-water.epub\" type=\"application/epub+zip\" length=\"{}\"/>",
        bytes.len()
    )), "{entry}");
    assert!(entry.contains("<title>Still Water</title>"), "{entry}");
    assert!(
        entry.contains("<dc:language>en-GB</dc:language>"),
        "{entry}"
    );
    assert!(
        entry.contains("<dc:issued>2026-08-03T06:15:00Z</dc:issued>"),
        "{entry}"
    );
    assert!(
        entry.contains("<dc:isPartOf>Still Water</dc:isPartOf>"),
        "{entry}"
    );
    assert!(
        entry.contains("<dc:source>nwp-2026-0803-still-water-1</dc:source>"),
        "{entry}"
    );
    assert!(
        entry.contains("<rights>© 2026 Northwind Press</rights>"),
        "{entry}"
    );
    let modified = support::between(&opf, "<meta property=\"dcterms:modified\">", "<");
    assert!(
        entry.contains(&format!("<updated>{modified}</updated>")),
        "{entry}"
    );

    // A resumed run leaves the book as it was and writes the same catalogue.
    let (run, report) = run_report(
        &[
            "batch",
            manifest.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "epub",
            "--resume",
            "-q",
        ],
        &dir.join("report2.json"),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(report["books"][0]["skipped"], true, "{report:#}");
    assert_eq!(report["books"][0]["sha256"], sha.as_str());
    assert_eq!(report["books"][0]["identifier"], identifier);
    assert_eq!(std::fs::read_to_string(&feed_path).unwrap(), feed);
}

#[test]
fn a_book_made_with_its_proofs_marks_where_each_proof_page_begins() {
    let dir = scratch("page-list");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let long = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/frames/long-jump.json");
    std::fs::copy(&long, input.join("pier.json")).unwrap();
    let out = dir.join("out");
    let report = dir.join("report.json");
    let (run, json) = run_report(
        &[
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--to",
            "pdf,epub",
        ],
        &report,
    );
    assert!(run.status.code() == Some(0), "{}", stderr(&run));
    let starts = &json["inputs"][0]["proof"]["page_starts"];
    let pages = pdf_pages(&out.join("pier.pdf"));
    assert!(pages >= 2, "the story jumps");
    let book = support::Book::open(&std::fs::read(out.join("pier.epub")).unwrap());
    let part = book
        .names()
        .into_iter()
        .find(|n| n.ends_with("part-001.xhtml"))
        .unwrap()
        .to_string();
    let text = book.text(&part);
    let nav = book.nav();
    for page in 2..=pages {
        // The marker for page n sits just before the words the proof's page n
        // begins with (after its "WORD from page n" jump line).
        let marker = format!("id=\"part-001-page-{page}\"");
        let at = text
            .find(&marker)
            .unwrap_or_else(|| panic!("no marker for page {page}: {starts}"));
        let after = &text[at..];
        let after = &after[after.find("/>").unwrap() + 2..];
        let proof_page = pdf_page_text(&out.join("pier.pdf"), page);
        let first_words = proof_page
            .lines()
            .skip_while(|l| !l.contains(" from page "))
            .skip(1)
            .find(|l| !l.trim().is_empty())
            .unwrap()
            .to_string();
        let first = first_words.split_whitespace().next().unwrap();
        assert!(
            after.starts_with(first),
            "page {page}: `{first}` vs `{}`",
            &after[..after.len().min(60)]
        );
        assert!(
            nav.contains(&format!("#part-001-page-{page}\">{page}</a>")),
            "page {page} in the page list"
        );
    }
}

/// Pages of a PDF, by poppler's `pdfinfo`.
fn pdf_pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// The text of one page of a PDF, by poppler's `pdftotext`.
fn pdf_page_text(pdf: &Path, page: u32) -> String {
    let n = page.to_string();
    let out = Command::new("pdftotext")
        .args(["-f", &n, "-l", &n])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_manifest_gives_each_input_its_news_hole() {
    let dir = scratch("manifest-hole");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for name in ["a", "b", "c"] {
        std::fs::write(
            input.join(format!("{name}.json")),
            article(&format!("Story {name}"), None, "2026-06-03", None),
        )
        .unwrap();
    }
    let manifest = input.join("holes.toml");
    std::fs::write(
        &manifest,
        "to = [\"pdf\"]\nhole = \"3x40lines\"\n\n[[inputs]]\npath = \"a.json\"\n\n[[inputs]]\npath = \"b.json\"\nhole = \"2x120mm\"\n\n[[inputs]]\npath = \"c.json\"\nstyle = \"a4\"\n",
    )
    .unwrap();
    let out = dir.join("out");
    let args = [
        "batch",
        manifest.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ];
    let (run, report) = run_report(&args, &dir.join("report.json"));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let hole = |path: &str| {
        let entry = report["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(path))
            .unwrap_or_else(|| panic!("{path} in {report}"));
        let h = &entry["proof"]["fit"]["hole"];
        (
            h["columns"].as_u64().unwrap(),
            h["depth_mm"].as_f64().unwrap(),
        )
    };
    // The manifest's hole, an entry's own, and the manifest's again in a4
    // (40 lines of its baseline).
    assert_eq!(hole("a.json"), (3, 176.4));
    assert_eq!(hole("b.json").0, 2);
    assert_eq!(hole("b.json").1, 120.0);
    assert_eq!(hole("c.json").0, 3);
    // --hole on the command line is for the entries that name none.
    let out2 = dir.join("out2");
    let args = [
        "batch",
        manifest.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
        "-q",
        "--hole",
        "1x50mm",
    ];
    let (run, report) = run_report(&args, &dir.join("report2.json"));
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let cols: Vec<u64> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["proof"]["fit"]["hole"]["columns"].as_u64().unwrap())
        .collect();
    assert_eq!(cols, [1, 2, 1]);
    // A hole wider than its style is a usage error naming the input.
    std::fs::write(
        &manifest,
        "to = [\"pdf\"]\n[[inputs]]\npath = \"a.json\"\nhole = \"9x100mm\"\n",
    )
    .unwrap();
    let run = galley(&[
        "batch",
        manifest.to_str().unwrap(),
        "-o",
        dir.join("out3").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("a.json: hole 9x100.0mm is 9 columns wide; style `tabloid` has 5"),
        "{}",
        stderr(&run)
    );
}
