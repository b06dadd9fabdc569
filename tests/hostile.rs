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
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
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
