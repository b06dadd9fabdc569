//! `galley epub`: articles in (files and folders, any format), EPUB books out.

use std::path::{Path, PathBuf};

use galley::backend::Document;
use galley::epub::{self, EpubOptions, FontFile, ImageLimits};

use super::args::EpubArgs;
use super::collect::collect;
use super::exit;
use galley::diag::Warning;

use super::files::{read_limited, MAX_STYLE_BYTES};
use super::input::{display_name, io_reason, load_document, print_warnings};
use super::output::{unique_name, write_atomically, write_inside};
use super::report::{BookEntry, ErrorEntry, InputEntry, Kind, Report, WarningEntry};

/// The faces `--embed-fonts` puts in the book, built into the program so that
/// no system font is ever looked for.
const FONTS: [(&str, u16, bool, &[u8]); 4] = [
    (
        "CharisSIL-Regular.ttf",
        400,
        false,
        include_bytes!("../../fonts/CharisSIL-Regular.ttf"),
    ),
    (
        "CharisSIL-Italic.ttf",
        400,
        true,
        include_bytes!("../../fonts/CharisSIL-Italic.ttf"),
    ),
    (
        "CharisSIL-Bold.ttf",
        700,
        false,
        include_bytes!("../../fonts/CharisSIL-Bold.ttf"),
    ),
    (
        "CharisSIL-BoldItalic.ttf",
        700,
        true,
        include_bytes!("../../fonts/CharisSIL-BoldItalic.ttf"),
    ),
];
const FONT_LICENCE: &str = include_str!("../../fonts/OFL-CharisSIL.txt");

/// The face a generated cover is lettered with.
const COVER_FONT: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");

pub fn run(args: &EpubArgs) -> u8 {
    let mut failed = false;
    let Some(mut options) = options(args) else {
        return exit::FAILED;
    };

    let (paths, errors) = collect(&args.inputs);
    for error in &errors {
        eprintln!("galley: error: {error}");
    }
    failed |= !errors.is_empty();
    // Articles the books will lack, named once the books are written.
    let mut unread: Vec<String> = args
        .inputs
        .iter()
        .filter(|path| path.as_os_str() != "-" && std::fs::metadata(path).is_err())
        .map(|path| display_name(path))
        .collect();

    let started = std::time::Instant::now();
    let mut entries: Vec<InputEntry> = errors.iter().map(InputEntry::unreadable).collect();
    let mut docs = Vec::new();
    let read_options = args.read.options();
    for found in &paths {
        let path = &found.path;
        let name = display_name(path);
        let mut entry = InputEntry::new(&name);
        match load_document(
            path,
            found.root.as_deref(),
            &read_options,
            args.media_root.as_deref(),
        ) {
            Ok(loaded) => {
                entry.add(loaded.report.clone());
                if args.explain {
                    for note in &loaded.notes {
                        eprintln!("{}", note.in_file(&name).as_kind("note"));
                    }
                }
                print_warnings(&name, &loaded.warnings);
                docs.push(loaded.document);
            }
            Err(e) => {
                eprintln!("{}", e.in_file(&name));
                entry.fail(ErrorEntry::from_error(&name, &e));
                unread.push(name);
                failed = true;
            }
        }
        entries.push(entry);
    }
    let mut book_entries: Vec<BookEntry> = Vec::new();
    let write_report = |entries: Vec<InputEntry>, books: Vec<BookEntry>| -> bool {
        let Some(path) = &args.report else {
            return true;
        };
        let report = Report::new(
            "epub",
            entries,
            books,
            started.elapsed().as_secs_f64(),
            false,
        );
        match write_atomically(path, report.to_json().as_bytes()) {
            Ok(()) => true,
            Err(message) => {
                eprintln!("galley: error: {message}");
                false
            }
        }
    };
    if docs.is_empty() {
        eprintln!("galley: error: no article could be read; no book written");
        write_report(entries, book_entries);
        return exit::FAILED;
    }

    let split = args.by_series || args.one_per_article;
    let books: Vec<(PathBuf, Vec<Document>)> = if split {
        if let Err(e) = std::fs::create_dir_all(&args.output) {
            eprintln!(
                "galley: error: {}: cannot create the folder: {}",
                args.output.display(),
                io_reason(&e)
            );
            return exit::FAILED;
        }
        let named = if args.by_series {
            by_series(docs)
        } else {
            // Each book holds one part but tells what the run knows of its series.
            options.series_facts = epub::SeriesFacts::gather(&docs);
            options.per_article = true;
            let mut docs = docs;
            epub::series::order(&mut docs);
            let mut used = Vec::new();
            docs.into_iter()
                .map(|d| {
                    let book = vec![d];
                    (unique_name(&file_stem(&book, true), &mut used), book)
                })
                .collect()
        };
        named
            .into_iter()
            .map(|(name, book)| (args.output.join(format!("{name}.epub")), book))
            .collect()
    } else {
        vec![(args.output.clone(), docs)]
    };

    let mut written = false;
    for (out, book) in &books {
        let book_started = std::time::Instant::now();
        let out_name = out.display().to_string();
        let mut entry = BookEntry::new(&out_name, book.iter().map(|d| d.origin.clone()).collect());
        match epub::build_described(book, &options) {
            Ok(made) => {
                let output = made.output;
                if args.explain {
                    for note in &made.notes {
                        print_backend_note(out, book, &note.message);
                    }
                }
                for warning in &output.warnings {
                    print_backend_warning(out, book, &warning.message);
                    entry.add_warning(book_warning(&out_name, book, warning));
                }
                let written_ok = if split {
                    write_inside(&args.output, out, &output.bytes)
                } else {
                    write_atomically(out, &output.bytes)
                };
                match written_ok {
                    Ok(()) => {
                        written = true;
                        entry.identifier = Some(made.facts.identifier.clone());
                        entry.sha256 = Some(super::batch::sha256_hex(&output.bytes));
                    }
                    Err(message) => {
                        eprintln!("galley: error: {message}");
                        entry.fail(ErrorEntry::plain(&out_name, message));
                        failed = true;
                    }
                }
            }
            Err(e) => {
                eprintln!("{}", e.in_file(&out_name));
                entry.fail(ErrorEntry::from_error(&out_name, &e));
                failed = true;
            }
        }
        entry.seconds = book_started.elapsed().as_secs_f64();
        book_entries.push(entry);
    }
    if written && !unread.is_empty() {
        // Said once more at the end, so that an incomplete book is not taken for whole.
        let count = unread.len();
        let mut names = unread
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if count > 5 {
            names.push_str(&format!(" and {} more", count - 5));
        }
        let message = format!(
            "{} without {count} {} that could not be read ({names})",
            if split { "books written" } else { "written" },
            if count == 1 { "article" } else { "articles" },
        );
        print_warnings(
            &args.output.display().to_string(),
            &[galley::diag::Warning::new(message)],
        );
    }
    failed |= !write_report(entries, book_entries);
    if failed {
        exit::FAILED
    } else {
        exit::OK
    }
}

/// A book's warning for the report: the backend names the article it is
/// about first (`day2.txt: …`), and the report gives it as the warning's file.
pub fn book_warning(book_name: &str, docs: &[Document], warning: &Warning) -> WarningEntry {
    for doc in docs {
        if let Some(rest) = warning.message.strip_prefix(&format!("{}: ", doc.origin)) {
            let inner = Warning {
                location: warning.location,
                message: rest.to_string(),
            };
            return WarningEntry::new(book_name, &doc.origin, Kind::of_backend(rest), &inner);
        }
    }
    WarningEntry::new(
        book_name,
        book_name,
        Kind::of_backend(&warning.message),
        warning,
    )
}

/// Books of `docs`, one per series (an article of no series: one of its own),
/// each with its file name without `.epub`; shared with `galley batch --to epub`.
pub fn by_series(docs: Vec<Document>) -> Vec<(String, Vec<Document>)> {
    let mut used = Vec::new();
    epub::series::group(docs)
        .into_iter()
        .map(|book| (unique_name(&file_stem(&book, false), &mut used), book))
        .collect()
}

/// The options every book starts from: a lettered cover and the date from
/// `SOURCE_DATE_EPOCH`; shared with `galley batch --to epub`.
pub fn book_options() -> EpubOptions {
    let mut options = EpubOptions {
        cover_font: Some(COVER_FONT.to_vec()),
        ..EpubOptions::default()
    };
    if let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") {
        match value.trim().parse::<i64>() {
            Ok(seconds) if (0..=253_402_300_799).contains(&seconds) => {
                options.modified = Some(seconds)
            }
            _ => eprintln!(
                "galley: warning: SOURCE_DATE_EPOCH `{value}` is not a number of seconds; the newest article date is used"
            ),
        }
    }
    options
}

/// The backend's options from the command line and `SOURCE_DATE_EPOCH`;
/// `None` (after an error message) when a named file cannot be read.
fn options(args: &EpubArgs) -> Option<EpubOptions> {
    let mut options = EpubOptions {
        title: args.title.clone(),
        image_limits: ImageLimits {
            max_bytes: usize::try_from(args.max_image_kb.saturating_mul(1000))
                .unwrap_or(usize::MAX),
            max_side: args.max_image_side,
        },
        ..book_options()
    };
    if let Some(path) = &args.cover {
        options.cover = Some(read_file(path, "--cover", super::media::MAX_MEDIA_BYTES)?);
    }
    if let Some(path) = &args.style {
        let bytes = read_file(path, "--style", MAX_STYLE_BYTES)?;
        match super::pdf::utf8(bytes) {
            Ok(css) => options.stylesheet = Some(css),
            Err(reason) => {
                eprintln!(
                    "galley: error: {}: the stylesheet is {reason}",
                    path.display()
                );
                return None;
            }
        }
    }
    if args.embed_fonts {
        options.fonts = FONTS
            .iter()
            .map(|&(file_name, weight, italic, bytes)| FontFile {
                file_name: file_name.to_string(),
                family: "Charis SIL".to_string(),
                weight,
                italic,
                bytes: bytes.to_vec(),
            })
            .collect();
        options.font_licence = Some(FONT_LICENCE.to_string());
    }
    Some(options)
}

/// A file a flag names, read only if it is a regular file of at most `limit` bytes.
fn read_file(path: &Path, flag: &str, limit: u64) -> Option<Vec<u8>> {
    match read_limited(path, limit) {
        Ok(bytes) => Some(bytes),
        Err(reason) => {
            let reason = if reason.starts_with("refused") {
                reason
            } else {
                format!("cannot read: {reason}")
            };
            eprintln!("galley: error: {flag} {}: {reason}", path.display());
            None
        }
    }
}

/// A backend note, as `--explain` shows notes: `day2.txt: note: …`.
fn print_backend_note(out: &Path, book: &[Document], message: &str) {
    for doc in book {
        if let Some(rest) = message.strip_prefix(&format!("{}: ", doc.origin)) {
            eprintln!("{}: note: {rest}", doc.origin);
            return;
        }
    }
    eprintln!("{}: note: {message}", out.display());
}

/// A backend warning names its article first (`day2.txt: …`): shown in the
/// usual `file: warning: message` form when it does.
fn print_backend_warning(out: &Path, book: &[Document], message: &str) {
    for doc in book {
        if let Some(rest) = message.strip_prefix(&format!("{}: ", doc.origin)) {
            print_warnings(&doc.origin, &[galley::diag::Warning::new(rest)]);
            return;
        }
    }
    print_warnings(
        &out.display().to_string(),
        &[galley::diag::Warning::new(message)],
    );
}

/// A file name for a book: the series name, with the part for one article;
/// else the article's file name.
fn file_stem(book: &[Document], one_per_article: bool) -> String {
    let first = &book[0];
    let meta = &first.article.meta;
    let origin_stem = Path::new(&first.origin)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match &meta.series {
        Some(series) if !series.name.trim().is_empty() => {
            let mut name = slug(&series.name);
            if one_per_article {
                match series.part {
                    Some(part) => name.push_str(&format!("-{part:02}")),
                    None => name.push_str(&format!("-{}", slug(&origin_stem))),
                }
            }
            name
        }
        _ => slug(&origin_stem),
    }
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "book".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_slugs_and_unique() {
        assert_eq!(slug("Still Water: Day 2"), "still-water-day-2");
        assert_eq!(slug("¿?"), "book");
        let mut used = Vec::new();
        assert_eq!(unique_name("a", &mut used), "a");
        assert_eq!(unique_name("a", &mut used), "a-2");
    }
}
