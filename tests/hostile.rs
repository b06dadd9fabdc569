//! Hostile and broken input through every command: each run ends with exit code
//! 0 or 1 and a clear message, never a panic, within bounded time and memory, and
//! nothing outside the article's folder is read.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous bounds for a debug build on a loaded two-core machine; a hang or a
/// runaway allocation goes far past them.
const TIME_LIMIT: Duration = Duration::from_secs(120);
const MEMORY_LIMIT_KIB: u64 = 1536 * 1024;

struct Run {
    code: Option<i32>,
    stderr: String,
    peak_kib: u64,
}

/// Runs galley, polling its peak memory, and kills it past the time limit.
fn galley(args: &[&str]) -> Run {
    run_galley(Command::new(env!("CARGO_BIN_EXE_galley")), args)
}

/// Runs galley as the unprivileged user `nobody` when the tests run as root
/// (where no permission is ever denied), else as the tests' own user.
fn galley_unprivileged(args: &[&str]) -> Run {
    let command = if is_root() {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_galley"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_galley"))
    };
    run_galley(command, args)
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|v| v.split_whitespace().next().map(|u| u == "0"))
            .unwrap_or(false)
    })
}

fn run_galley(mut command: Command, args: &[&str]) -> Run {
    let started = Instant::now();
    let mut child = command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("galley runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut { stderr_pipe }, &mut text);
        text
    });
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak_kib = peak_kib.max(kib);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("galley {args:?} ran past {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stderr: reader.join().unwrap(),
        peak_kib,
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend(data);
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
}

/// A valid PNG header that claims 60,000 × 60,000 pixels (10 GB decoded).
fn png_bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    // A tiny zlib stream: the decoder would have to inflate rows it never gets.
    png_chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    png_chunk(&mut png, b"IEND", &[]);
    png
}

/// A JPEG start-of-frame claiming 60,000 × 60,000 pixels, then nothing.
fn jpeg_bomb() -> Vec<u8> {
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    jpeg.extend(60_000u16.to_be_bytes());
    jpeg.extend(60_000u16.to_be_bytes());
    jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    jpeg
}

fn nitf_with_media(sources: &[&str]) -> String {
    let media: String = sources
        .iter()
        .map(|src| {
            format!(
                r#"<media media-type="image"><media-reference source="{src}" alternate-text="A quay"/><media-caption>The quay at Lowmoor.</media-caption><media-producer>Ida Rask / Fenwick Wire</media-producer></media>"#
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><docdata><series series.name="Tidewater" series.part="1"/></docdata></head>
<body><body.head><hedline><hl1>Quay reopens at Lowmoor</hl1></hedline>
<byline><person>Ida Rask</person></byline></body.head>
<body.content>{media}<p>The quay at Lowmoor reopened on Monday after a winter of repairs.</p></body.content></body></nitf>
"#
    )
}

/// The corpus, written into `dir/articles`; a secret file sits outside it.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(dir.join("secret.jpg"), b"outside the article folder").unwrap();
    let _ = std::os::unix::fs::symlink(dir.join("secret.jpg"), articles.join("link.jpg"));
    std::fs::write(articles.join("bomb.png"), png_bomb()).unwrap();
    std::fs::write(articles.join("bomb.jpg"), jpeg_bomb()).unwrap();
    std::fs::write(articles.join("truncated.jpg"), &jpeg_bomb()[..9]).unwrap();
    std::fs::write(articles.join("fake.jpg"), b"GIF89a this is no JPEG at all").unwrap();

    let mut files = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| {
        let path = articles.join(name);
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    };
    add(
        "traversal.xml",
        nitf_with_media(&[
            "../secret.jpg",
            "/etc/hostname",
            "file:///etc/hostname",
            "http://127.0.0.1:9/photo.jpg",
            "link.jpg",
        ])
        .into_bytes(),
    );
    add(
        "image-bombs.xml",
        nitf_with_media(&[
            "bomb.png",
            "bomb.jpg",
            "truncated.jpg",
            "fake.jpg",
            "missing.jpg",
        ])
        .into_bytes(),
    );
    add("empty.txt", Vec::new());
    add(
        "garbage.xml",
        (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
    );
    add(
        "truncated.xml",
        nitf_with_media(&[]).as_bytes()[..300].to_vec(),
    );
    add(
        "entity-bomb.xml",
        br#"<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<nitf><body><body.head><hedline><hl1>&d;&d;&d;</hl1></hedline></body.head><body.content><p>&d;</p></body.content></body></nitf>"#
            .to_vec(),
    );
    add(
        "external-entity.xml",
        br#"<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/hostname">]>
<nitf><body><body.head><hedline><hl1>Ferry &x;</hl1></hedline></body.head></body></nitf>"#
            .to_vec(),
    );
    let mut deep = String::from("<nitf><body><body.content>");
    deep.push_str(&"<block>".repeat(50_000));
    deep.push_str(&"</block>".repeat(50_000));
    deep.push_str("</body.content></body></nitf>");
    add("deep.xml", deep.into_bytes());
    let mut huge = String::from("Quay reopens\n\nBy Ida Rask\n\nLOWMOOR – ");
    huge.push_str(&"harbour ".repeat(200_000));
    add("huge-paragraph.txt", huge.into_bytes());
    let mut word = String::from("Quay reopens\n\nBy Ida Rask\n\n");
    word.push_str(&"x".repeat(2_000_000));
    add("huge-word.txt", word.into_bytes());
    add(
        "invalid-utf8.txt",
        b"Quay reopens\n\nBy Ida Rask\n\nThe \xC3\x28 quay.\n".to_vec(),
    );
    add(
        "control-characters.txt",
        b"Quay reopens\n\nBy Ida Rask\n\nThe quay\x07 reopened\x1b on Monday.\n".to_vec(),
    );
    add(
        "wrong-tree.json",
        br#"{"version": 1, "meta": {"headline": 5}}"#.to_vec(),
    );
    files
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn check(run: &Run, what: &str) {
    assert!(
        matches!(run.code, Some(0) | Some(1)),
        "{what}: exit code {:?}\n{}",
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked"),
        "{what} panicked:\n{}",
        run.stderr
    );
    assert!(
        run.peak_kib < MEMORY_LIMIT_KIB,
        "{what} peaked at {} MiB",
        run.peak_kib / 1024
    );
    if run.code == Some(1) {
        assert!(
            run.stderr.contains("error"),
            "{what} failed without a message"
        );
    }
}

/// The commands every input goes through, with where they write.
fn commands(input: &Path, out: &Path) -> Vec<Vec<String>> {
    let input = input.display().to_string();
    let out = out.display().to_string();
    vec![
        vec![
            "tree".into(),
            input.clone(),
            "-o".into(),
            format!("{out}/tree.json"),
        ],
        vec![
            "epub".into(),
            input.clone(),
            "-o".into(),
            format!("{out}/book.epub"),
        ],
        vec![
            "pdf".into(),
            input.clone(),
            "-o".into(),
            format!("{out}/proof.pdf"),
        ],
    ]
}

#[test]
fn every_hostile_input_through_every_command() {
    let dir = scratch("each");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    for input in corpus(&dir) {
        for command in commands(&input, &out) {
            let args: Vec<&str> = command.iter().map(String::as_str).collect();
            let run = galley(&args);
            check(&run, &format!("{} {}", command[0], input.display()));
        }
    }
}

/// Runs `input` through `pdf` and `epub`: each exits 0, writes its file and
/// warns naming each of `names`. Gives each command with its output.
fn both_backends_warn(dir: &Path, input: &Path, names: &[&str]) -> Vec<(&'static str, PathBuf)> {
    let mut outputs = Vec::new();
    for (command, name) in [("epub", "book.epub"), ("pdf", "proof.pdf")] {
        let out = dir.join(name);
        let run = galley(&[
            command,
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        check(&run, &format!("{command} {}", input.display()));
        assert_eq!(run.code, Some(0), "{command}: {}", run.stderr);
        assert!(out.is_file(), "{command} wrote nothing");
        for name in names {
            assert!(
                run.stderr
                    .lines()
                    .any(|l| l.contains("warning") && l.contains(name)),
                "{command}: no warning names {name}:\n{}",
                run.stderr
            );
        }
        outputs.push((command, out));
    }
    outputs
}

#[test]
fn media_outside_the_folder_is_refused_and_the_article_still_made() {
    let dir = scratch("traversal");
    let files = corpus(&dir);
    let input = files.iter().find(|f| f.ends_with("traversal.xml")).unwrap();
    let refused = [
        "../secret.jpg",
        "/etc/hostname",
        "file:///etc/hostname",
        "http://127.0.0.1:9/photo.jpg",
        "link.jpg",
    ];
    for (command, out) in both_backends_warn(&dir, input, &refused) {
        let bytes = std::fs::read(&out).unwrap();
        let needle = b"outside the article folder";
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "the secret file's bytes went into the {command} output"
        );
    }
}

#[test]
fn image_bombs_and_broken_images_become_warnings() {
    let dir = scratch("bombs");
    let files = corpus(&dir);
    let input = files
        .iter()
        .find(|f| f.ends_with("image-bombs.xml"))
        .unwrap();
    let broken = [
        "bomb.png",
        "bomb.jpg",
        "truncated.jpg",
        "fake.jpg",
        "missing.jpg",
    ];
    both_backends_warn(&dir, input, &broken);
}

#[test]
fn a_batch_over_the_whole_corpus_finishes_and_reports_each_input() {
    let dir = scratch("batch");
    let files = corpus(&dir);
    let out = dir.join("out");
    let report = dir.join("report.json");
    let run = galley(&[
        "batch",
        dir.join("articles").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    check(&run, "batch");
    assert_eq!(run.code, Some(1), "some inputs fail");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["totals"]["inputs"], files.len());
    for entry in report["inputs"].as_array().unwrap() {
        if entry["status"] == "failed" {
            assert!(!entry["error"]["message"].as_str().unwrap().is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// The host: outputs never written outside OUTDIR, inputs never read from
// outside their folders, nothing that is not a regular file ever waited on.
// ---------------------------------------------------------------------------

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn tree_json(headline: &str) -> String {
    format!(r#"{{"version":1,"meta":{{"headline":"{headline}"}}}}"#)
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// A file outside OUTDIR that an attacker wants overwritten: it must keep its bytes.
fn victim(dir: &Path) -> PathBuf {
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    victim
}

fn assert_untouched(victim: &Path) {
    assert_eq!(std::fs::read_to_string(victim).unwrap(), "precious");
}

#[test]
fn links_planted_in_the_output_folder_are_refused_and_named() {
    let dir = scratch("out-links");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("still-water")).unwrap();
    std::fs::write(input.join("story.json"), tree_json("Story")).unwrap();
    std::fs::write(input.join("still-water/day1.json"), tree_json("Day one")).unwrap();
    std::fs::write(input.join("calm.json"), tree_json("Calm")).unwrap();
    let victim = victim(&dir);
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    symlink(&victim, &out.join("story.json"));
    symlink(&elsewhere, &out.join("still-water"));
    let report = dir.join("report.json");
    let run = galley(&["batch", s(&input), "-o", s(&out), "--report", s(&report)]);
    check(&run, "batch into planted links");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_untouched(&victim);
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    for link in ["out/story.json", "out/still-water"] {
        assert!(
            run.stderr.contains(link) && run.stderr.contains("symbolic link"),
            "{link} is not named:\n{}",
            run.stderr
        );
    }
    assert!(
        out.join("calm.json").is_file(),
        "the other input is written"
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["totals"]["failed"], 2, "{json:#}");

    // A link at a book's path, and at the single output of `pdf`.
    let books = dir.join("books");
    std::fs::create_dir_all(&books).unwrap();
    symlink(&victim, &books.join("calm.epub"));
    let run = galley(&[
        "batch",
        s(&input.join("calm.json")),
        "-o",
        s(&books),
        "--to",
        "epub",
    ]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("calm.epub"), "{}", run.stderr);
    assert_untouched(&victim);
    let proof = dir.join("proof.pdf");
    symlink(&victim, &proof);
    let run = galley(&["pdf", s(&input.join("calm.json")), "-o", s(&proof)]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_untouched(&victim);
}

#[test]
fn a_linked_resume_record_is_not_followed() {
    let dir = scratch("resume-link");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.json"), tree_json("A")).unwrap();
    let victim = victim(&dir);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    symlink(&victim, &out.join(".galley-resume"));
    let run = galley(&["batch", s(&input), "-o", s(&out), "--resume"]);
    check(&run, "batch --resume");
    assert_untouched(&victim);
    assert!(out.join("a.json").is_file());
}

#[test]
fn temporary_names_cannot_be_guessed() {
    // Leftovers of two killed writes of the same output get different names,
    // and neither is the old `.NAME.HOST-PID.partial`.
    let dir = scratch("temp-names");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.json"), tree_json("A")).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Every name the old scheme could pick for this output, as links to the victim.
    let victim = victim(&dir);
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let host: String = host
        .trim()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let next_pid: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or(1);
    for pid in next_pid..next_pid + 200 {
        let _ =
            std::os::unix::fs::symlink(&victim, out.join(format!(".a.json.{host}-{pid}.partial")));
    }
    let run = galley(&["batch", s(&input), "-o", s(&out)]);
    check(&run, "batch beside planted temporary names");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_untouched(&victim);
    assert!(std::fs::read_to_string(out.join("a.json"))
        .unwrap()
        .contains("\"A\""));
}

#[test]
fn fifos_and_devices_are_refused_at_once() {
    let dir = scratch("fifos");
    let fifo = dir.join("pipe.toml");
    mkfifo(&fifo);
    let css_fifo = dir.join("pipe.css");
    mkfifo(&css_fifo);
    let png_fifo = dir.join("pipe.png");
    mkfifo(&png_fifo);
    let article = dir.join("a.json");
    std::fs::write(&article, tree_json("A")).unwrap();
    let font_style = dir.join("fonts.toml");
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/a4.toml"))
            .unwrap();
    std::fs::write(
        &font_style,
        format!("{base}\n[fonts]\nfiles = [\"pipe.ttf\"]\n"),
    )
    .unwrap();
    mkfifo(&dir.join("pipe.ttf"));
    let zero_font_style = dir.join("zero.toml");
    std::fs::write(
        &zero_font_style,
        format!("{base}\n[fonts]\nfiles = [\"/dev/zero\"]\n"),
    )
    .unwrap();
    let manifest = dir.join("list.toml");
    std::fs::write(
        &manifest,
        "[[inputs]]\npath = \"listed.json\"\n[[inputs]]\npath = \"a.json\"\n",
    )
    .unwrap();
    let listed = dir.join("listed.json");
    mkfifo(&listed);
    let out = dir.join("out");
    let started = Instant::now();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["pdf", s(&article), "-o", "/dev/null", "--style", s(&fifo)],
            "FIFO",
        ),
        (
            vec![
                "pdf",
                s(&article),
                "-o",
                "/dev/null",
                "--style",
                "/dev/zero",
            ],
            "device",
        ),
        (
            vec![
                "pdf",
                s(&article),
                "-o",
                "/dev/null",
                "--style",
                s(&font_style),
            ],
            "FIFO",
        ),
        (
            vec![
                "pdf",
                s(&article),
                "-o",
                "/dev/null",
                "--style",
                s(&zero_font_style),
            ],
            "device",
        ),
        (
            vec![
                "epub",
                s(&article),
                "-o",
                "/dev/null",
                "--cover",
                s(&png_fifo),
            ],
            "FIFO",
        ),
        (
            vec![
                "epub",
                s(&article),
                "-o",
                "/dev/null",
                "--cover",
                "/dev/zero",
            ],
            "device",
        ),
        (
            vec![
                "epub",
                s(&article),
                "-o",
                "/dev/null",
                "--style",
                s(&css_fifo),
            ],
            "FIFO",
        ),
        (vec!["tree", s(&listed), "-o", "/dev/null"], "FIFO"),
        (vec!["batch", s(&manifest), "-o", s(&out)], "FIFO"),
    ];
    for (args, what) in cases {
        let run = galley(&args);
        assert!(
            matches!(run.code, Some(1) | Some(2)),
            "{args:?}: {:?}\n{}",
            run.code,
            run.stderr
        );
        assert!(
            run.stderr.contains(what) && run.stderr.contains("not a regular file"),
            "{args:?} does not say it is a {what}:\n{}",
            run.stderr
        );
        assert!(
            run.peak_kib < 512 * 1024,
            "{args:?} peaked at {} KiB",
            run.peak_kib
        );
    }
    // The batch went on with the readable article.
    assert!(out.join("a.json").is_file());
    assert!(started.elapsed() < Duration::from_secs(100));
}

#[test]
fn articles_linked_from_outside_the_input_folder_are_refused() {
    let dir = scratch("article-links");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(dir.join("secret.json"), tree_json("Secret minutes")).unwrap();
    symlink(&dir.join("secret.json"), &input.join("leak.json"));
    std::fs::write(input.join("real.json"), tree_json("Real")).unwrap();
    // A link inside the folder to a file inside it is fine.
    symlink(&input.join("real.json"), &input.join("alias.json"));
    let out = dir.join("out");
    let report = dir.join("report.json");
    let run = galley(&["batch", s(&input), "-o", s(&out), "--report", s(&report)]);
    check(&run, "batch with a leaking link");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("leak.json"), "{}", run.stderr);
    assert!(
        run.stderr.contains("symbolic link leads out"),
        "{}",
        run.stderr
    );
    assert!(!out.join("leak.json").exists());
    assert!(out.join("real.json").is_file() || out.join("alias.json").is_file());
    // The link to a file inside is the same file: converted once.
    assert!(!(out.join("real.json").is_file() && out.join("alias.json").is_file()));
    for entry in walk_files(&out) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        assert!(
            !text.contains("Secret minutes"),
            "{} holds the secret",
            entry.display()
        );
    }
    let out = dir.join("proofs");
    let run = galley(&["pdf", s(&input), "-o", s(&out)]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("symbolic link leads out"),
        "{}",
        run.stderr
    );
    assert!(!out.join("leak.pdf").exists());
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk_files(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// A one-pixel PNG of one colour.
fn png_of(rgb: [u8; 3]) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(1u32.to_be_bytes());
    ihdr.extend(1u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    let raw = [0, rgb[0], rgb[1], rgb[2]];
    let mut encoder = flate2_free_zlib(&raw);
    png_chunk(&mut png, b"IDAT", &std::mem::take(&mut encoder));
    png_chunk(&mut png, b"IEND", &[]);
    png
}

/// A zlib stream of stored (uncompressed) blocks.
fn flate2_free_zlib(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01, 0x01];
    out.extend((data.len() as u16).to_le_bytes());
    out.extend((!(data.len() as u16)).to_le_bytes());
    out.extend(data);
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

#[test]
fn a_media_link_swapped_while_loading_never_brings_a_file_from_outside() {
    let dir = scratch("swap");
    let folder = dir.join("story");
    std::fs::create_dir_all(&folder).unwrap();
    let outside = dir.join("outside.png");
    std::fs::write(&outside, png_of([0, 0, 255])).unwrap();
    let inside = folder.join("inside.png");
    std::fs::write(&inside, png_of([255, 0, 0])).unwrap();
    let article = folder.join("story.xml");
    std::fs::write(&article, nitf_with_media(&["photo.png"])).unwrap();
    let photo = folder.join("photo.png");
    symlink(Path::new("inside.png"), &photo);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (stop, photo, outside, folder) =
            (stop.clone(), photo.clone(), outside.clone(), folder.clone());
        std::thread::spawn(move || {
            let staged = folder.join(".staged");
            let mut flip = false;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let target: &Path = if flip {
                    &outside
                } else {
                    Path::new("inside.png")
                };
                let _ = std::fs::remove_file(&staged);
                let _ = std::os::unix::fs::symlink(target, &staged);
                let _ = std::fs::rename(&staged, &photo);
                flip = !flip;
            }
        })
    };
    let (mut leaked, mut carried) = (0, 0);
    for i in 0..40 {
        let out = dir.join(format!("book-{i}.epub"));
        let run = galley(&["epub", s(&article), "-o", s(&out)]);
        check(&run, "epub during a swap");
        let Ok(bytes) = std::fs::read(&out) else {
            continue;
        };
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for n in 0..zip.len() {
            let mut file = zip.by_index(n).unwrap();
            if !file.name().contains("photo") && !file.name().ends_with(".png") {
                continue;
            }
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut data).unwrap();
            if let Ok(image) = image::load_from_memory(&data) {
                let pixel = image.to_rgb8().get_pixel(0, 0).0;
                if pixel[2] > 200 && pixel[0] < 50 {
                    leaked += 1;
                } else if pixel[0] > 200 {
                    carried += 1;
                }
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
    assert_eq!(
        leaked, 0,
        "the outside photo went into {leaked} of 40 books"
    );
    assert!(
        carried > 0,
        "no book carried the inside photo: the race was not run"
    );
}

// ---------------------------------------------------------------------------
// Batches that neither sink nor lie.
// ---------------------------------------------------------------------------

fn read_report(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn an_unreadable_folder_fails_alone_with_the_real_reason() {
    let dir = scratch("unreadable");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("locked")).unwrap();
    std::fs::create_dir_all(input.join("open")).unwrap();
    std::fs::write(input.join("locked/a.json"), tree_json("A")).unwrap();
    std::fs::write(input.join("open/b.json"), tree_json("B")).unwrap();
    std::fs::write(input.join("c.json"), tree_json("C")).unwrap();
    std::fs::write(input.join("shut.json"), tree_json("Shut")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(input.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(
        input.join("shut.json"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let report = dir.join("report.json");
    let run = galley_unprivileged(&["batch", s(&input), "-o", s(&out), "--report", s(&report)]);
    std::fs::set_permissions(input.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    check(&run, "batch over an unreadable folder");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("locked") && run.stderr.contains("permission denied"),
        "{}",
        run.stderr
    );
    assert!(out.join("open/b.json").is_file() && out.join("c.json").is_file());
    let json = read_report(&report);
    assert_eq!(json["totals"]["ok"], 2, "{json:#}");
    assert_eq!(json["totals"]["failed"], 2, "{json:#}");
    let text = json["inputs"].to_string();
    assert!(
        text.contains("shut.json") && text.contains("permission denied"),
        "{text}"
    );

    // A read-only output folder says so.
    let shut = dir.join("read-only");
    std::fs::create_dir_all(&shut).unwrap();
    std::fs::set_permissions(&shut, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = galley_unprivileged(&["batch", s(&input.join("open")), "-o", s(&shut)]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("permission denied"), "{}", run.stderr);
    assert!(!run.stderr.contains("no such file"), "{}", run.stderr);
}

#[test]
fn names_that_are_not_utf8_are_named() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("non-utf8");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let odd = input.join(std::ffi::OsStr::from_bytes(b"caf\xe9.json"));
    std::fs::write(&odd, tree_json("Odd")).unwrap();
    std::fs::write(input.join("fine.json"), tree_json("Fine")).unwrap();
    let out = dir.join("out");
    let report = dir.join("report.json");
    let run = galley(&["batch", s(&input), "-o", s(&out), "--report", s(&report)]);
    check(&run, "batch with a non-UTF-8 name");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("caf") && run.stderr.contains("not valid UTF-8"),
        "{}",
        run.stderr
    );
    assert!(out.join("fine.json").is_file());
    assert_eq!(read_report(&report)["totals"]["failed"], 1);
}

#[test]
fn a_file_listed_twice_is_converted_once() {
    let dir = scratch("twice");
    std::fs::create_dir_all(dir.join("in/sub")).unwrap();
    std::fs::write(dir.join("in/a.json"), tree_json("A")).unwrap();
    let manifest = dir.join("list.toml");
    std::fs::write(
        &manifest,
        "[[inputs]]\npath = \"in/a.json\"\n[[inputs]]\npath = \"in/sub/../a.json\"\n[[inputs]]\npath = \"./in//a.json\"\n",
    )
    .unwrap();
    let out = dir.join("out");
    let report = dir.join("report.json");
    let run = galley(&["batch", s(&manifest), "-o", s(&out), "--report", s(&report)]);
    check(&run, "batch with a file listed twice");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json = read_report(&report);
    assert_eq!(json["totals"]["inputs"], 1, "{json:#}");
    assert_eq!(json["totals"]["outputs"], 1, "{json:#}");
}

#[test]
fn an_output_folder_over_an_input_is_refused() {
    let dir = scratch("out-over-in");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.json"), tree_json("A")).unwrap();
    for out in [input.clone(), dir.clone()] {
        let run = galley(&["batch", s(&input), "-o", s(&out)]);
        assert_eq!(run.code, Some(2), "-o {}: {}", out.display(), run.stderr);
        assert!(run.stderr.contains("output folder"), "{}", run.stderr);
    }
    // One inside the input is left out of it.
    let out = input.join("converted");
    let run = galley(&["batch", s(&input), "-o", s(&out)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = galley(&["batch", s(&input), "-o", s(&out)]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        !out.join("converted").exists(),
        "outputs were read back as inputs"
    );
}

#[test]
fn a_part_beyond_the_total_is_refused() {
    let dir = scratch("part-total");
    std::fs::write(dir.join("a.json"), tree_json("A")).unwrap();
    let manifest = dir.join("list.toml");
    std::fs::write(
        &manifest,
        "[[inputs]]\npath = \"a.json\"\nseries = { name = \"Tide\", part = 5, total = 3 }\n",
    )
    .unwrap();
    let run = galley(&["batch", s(&manifest), "-o", s(&dir.join("out"))]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("part") && run.stderr.contains("total"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_huge_name_is_not_echoed_whole() {
    let dir = scratch("huge-name");
    let manifest = dir.join("list.json");
    let name = "n".repeat(5_000_000);
    std::fs::write(
        &manifest,
        format!(r#"{{"inputs": [{{"path": "{name}.json"}}]}}"#),
    )
    .unwrap();
    let report = dir.join("report.json");
    let run = galley(&[
        "batch",
        s(&manifest),
        "-o",
        s(&dir.join("out")),
        "--report",
        s(&report),
    ]);
    check(&run, "batch with a 5 MB name");
    assert!(
        run.stderr.len() < 64 * 1024,
        "{} bytes of messages",
        run.stderr.len()
    );
    if report.is_file() {
        assert!(std::fs::metadata(&report).unwrap().len() < 64 * 1024);
    }
}

#[test]
fn resume_sees_style_files_and_the_source_date_and_keeps_warnings() {
    let dir = scratch("resume-keys");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    // No headline: the reader warns.
    std::fs::write(input.join("a.json"), r#"{"version":1,"meta":{}}"#).unwrap();
    let style = dir.join("desk.toml");
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/a4.toml"))
            .unwrap();
    std::fs::write(&style, &base).unwrap();
    let out = dir.join("out");
    let report = dir.join("report.json");
    let batch = |epoch: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_galley"))
            .args([
                "batch",
                s(&input),
                "-o",
                s(&out),
                "--to",
                "pdf",
                "--style",
                s(&style),
                "--resume",
                "--report",
                s(&report),
            ])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert!(
            out.status.code() == Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        read_report(&report)
    };
    let first = batch("1700000000");
    assert_eq!(first["totals"]["outputs"], 1);
    let warnings = first["inputs"][0]["warnings"].clone();
    let second = batch("1700000000");
    assert_eq!(second["totals"]["skipped"], 1, "{second:#}");
    assert_eq!(second["inputs"][0]["status"], first["inputs"][0]["status"]);
    assert_eq!(
        second["inputs"][0]["warnings"], warnings,
        "resumed warnings"
    );
    let third = batch("1800000000");
    assert_eq!(
        third["totals"]["outputs"], 1,
        "a new SOURCE_DATE_EPOCH redoes the proof"
    );
    std::fs::write(&style, base.replace("columns = 3", "columns = 2")).unwrap();
    let fourth = batch("1800000000");
    assert_eq!(
        fourth["totals"]["outputs"], 1,
        "an edited style redoes the proof"
    );
}

#[test]
fn an_interrupted_batch_writes_its_report_marked_so() {
    let dir = scratch("interrupted");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let long = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/frames/long-jump.json"),
    )
    .unwrap();
    for i in 0..200 {
        std::fs::write(input.join(format!("s{i:03}.json")), &long).unwrap();
    }
    let out = dir.join("out");
    let report = dir.join("report.json");
    std::fs::write(&report, "{\"old\": true}").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args([
            "batch",
            s(&input),
            "-o",
            s(&out),
            "--to",
            "pdf",
            "--jobs",
            "1",
            "-q",
            "--report",
            s(&report),
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !out.join("s000.pdf").is_file() && started.elapsed() < TIME_LIMIT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let json = read_report(&report);
    assert_eq!(json["interrupted"], true, "{json:#}");
    assert_eq!(json["command"], "batch");
    assert!(json["totals"]["outputs"].as_u64().unwrap() >= 1, "{json:#}");
    assert!(!walk_files(&out)
        .iter()
        .any(|f| f.to_string_lossy().ends_with(".partial")));
}

// ---------------------------------------------------------------------------
// Limits wherever a size comes from the input.
// ---------------------------------------------------------------------------

/// A PNG of `width` × `height` grey pixels, whole.
fn grey_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    let mut raw = Vec::new();
    for _ in 0..height {
        raw.push(0);
        raw.extend(std::iter::repeat_n(0x80, width as usize));
    }
    png_chunk(&mut png, b"IDAT", &flate2_free_zlib_long(&raw));
    png_chunk(&mut png, b"IEND", &[]);
    png
}

/// A zlib stream of stored blocks of any length.
fn flate2_free_zlib_long(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        out.extend((chunk.len() as u16).to_le_bytes());
        out.extend((!(chunk.len() as u16)).to_le_bytes());
        out.extend(*chunk);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

#[test]
fn a_photo_of_one_row_makes_a_cover_in_bounded_memory() {
    let dir = scratch("one-row");
    for (name, w, h) in [("wide.png", 19_999, 1), ("tall.png", 1, 19_999)] {
        std::fs::write(dir.join(name), grey_png(w, h)).unwrap();
        let article = dir.join(format!("{name}.xml"));
        std::fs::write(&article, nitf_with_media(&[name])).unwrap();
        for command in ["epub", "pdf"] {
            let out = dir.join(format!("{name}.{command}"));
            let run = galley(&[command, s(&article), "-o", s(&out)]);
            check(&run, &format!("{command} with a {w}x{h} photo"));
            assert!(
                run.peak_kib < 1024 * 1024,
                "{command} {name}: {} KiB",
                run.peak_kib
            );
            assert!(out.is_file(), "{command} {name}: {}", run.stderr);
        }
    }
}

#[test]
fn page_sizes_beyond_any_press_are_refused_naming_the_key() {
    let dir = scratch("page-size");
    let article = dir.join("a.json");
    std::fs::write(&article, tree_json("A")).unwrap();
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("styles/a4.toml"))
            .unwrap();
    for (key, value) in [
        ("width_mm", "3.4e38"),
        ("height_mm", "5e6"),
        ("width_mm", "0.5"),
    ] {
        let style = dir.join(format!("{key}-{value}.toml"));
        let sheet = base
            .lines()
            .map(|l| {
                if l.starts_with(&format!("{key} =")) {
                    format!("{key} = {value}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&style, sheet).unwrap();
        let out = dir.join("a.pdf");
        let run = galley(&["pdf", s(&article), "-o", s(&out), "--style", s(&style)]);
        assert_eq!(run.code, Some(2), "{key} = {value}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("page.{key}")) && run.stderr.contains("from 50 to 1500"),
            "{}",
            run.stderr
        );
        assert!(!out.exists());
    }
}

#[test]
fn photos_cut_short_become_warnings_in_both_backends() {
    let dir = scratch("cut-short");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/still-water");
    let jpeg = std::fs::read(examples.join("day2.jpg")).unwrap();
    std::fs::write(dir.join("half.jpg"), &jpeg[..jpeg.len() / 2]).unwrap();
    let png = grey_png(300, 200);
    std::fs::write(dir.join("half.png"), &png[..png.len() / 2]).unwrap();
    std::fs::write(
        dir.join("garbage.jpg"),
        [&[0xFF, 0xD8, 0xFF][..], &[0x17; 400]].concat(),
    )
    .unwrap();
    let article = dir.join("story.xml");
    std::fs::write(
        &article,
        nitf_with_media(&["half.jpg", "half.png", "garbage.jpg"]),
    )
    .unwrap();
    both_backends_warn(&dir, &article, &["half.jpg", "half.png", "garbage.jpg"]);
}

#[test]
fn the_slug_is_the_same_from_any_working_folder() {
    let dir = scratch("slug");
    let folder = dir.join("desk/today");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.json"), tree_json("Same bytes")).unwrap();
    let proof = |cwd: &Path, input: &str, out: &Path| {
        let status = Command::new(env!("CARGO_BIN_EXE_galley"))
            .current_dir(cwd)
            .args(["pdf", input, "-o", s(out)])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(out).unwrap()
    };
    let one = proof(&folder, "a.json", &dir.join("one.pdf"));
    let two = proof(&dir, "desk/today/a.json", &dir.join("two.pdf"));
    let three = proof(
        Path::new("/"),
        s(&folder.join("a.json")),
        &dir.join("three.pdf"),
    );
    assert!(
        one == two && two == three,
        "the proof depends on the working folder"
    );
}

#[test]
fn an_output_folder_swapped_for_a_link_while_writing_never_leads_out() {
    let dir = scratch("out-swap");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    for i in 0..20 {
        std::fs::write(
            input.join(format!("sub/s{i:02}.json")),
            tree_json("Swapped"),
        )
        .unwrap();
    }
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    // The victim has the name an output would have.
    std::fs::write(elsewhere.join("s00.json"), "precious").unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("sub")).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (stop, out, elsewhere) = (stop.clone(), out.clone(), elsewhere.clone());
        std::thread::spawn(move || {
            let (sub, real) = (out.join("sub"), out.join(".real"));
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // The real folder steps aside and a link takes its name, then back.
                if std::fs::rename(&sub, &real).is_ok() {
                    let _ = std::os::unix::fs::symlink(&elsewhere, &sub);
                    std::thread::yield_now();
                    let _ = std::fs::remove_file(&sub);
                    let _ = std::fs::rename(&real, &sub);
                }
            }
        })
    };
    for _ in 0..15 {
        let run = galley(&["batch", s(&input), "-o", s(&out), "-q"]);
        check(&run, "batch while a folder is swapped");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("s00.json")).unwrap(),
        "precious"
    );
    let written: Vec<String> = std::fs::read_dir(&elsewhere)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "s00.json" && !n.ends_with(".partial"))
        .collect();
    assert!(
        written.is_empty(),
        "outputs written outside OUTDIR: {written:?}"
    );
}
