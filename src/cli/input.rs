//! Reading input files and reporting what the readers said.

use std::io::Read;
use std::path::Path;

use galley::diag::{Error, Warning};
use galley::read::{self, ReadOptions, Reading, MAX_INPUT_BYTES};

use super::args::ReadArgs;
use super::report::{Kind, WarningEntry};

/// The name a diagnostic shows for an input path (`-` is standard input).
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

impl ReadArgs {
    pub fn options(&self) -> ReadOptions {
        let mut options = ReadOptions {
            format: self.from,
            lossy: self.lossy,
            ..ReadOptions::default()
        };
        if let Some(classes) = &self.pull_quote_class {
            options.pull_quote_classes = classes.clone();
        }
        if let Some(classes) = &self.sidebar_class {
            options.sidebar_classes = classes.clone();
        }
        options
    }
}

/// Reads a whole input file (or standard input), refusing one beyond the size
/// limit and anything but a regular file. An article found in a folder
/// (`root`) must not lead out of it through a symbolic link: it is opened,
/// then checked by the opened handle.
pub fn load(path: &Path, root: Option<&Path>) -> Result<Vec<u8>, Error> {
    let limit = MAX_INPUT_BYTES as u64 + 1;
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::new(format!("cannot read: {}", io_reason(&e))))?;
        return Ok(bytes);
    }
    let opened = match root {
        Some(root) => super::files::open_inside(path, root, "the input folder"),
        None => super::files::open_regular(path),
    };
    // The reader refuses an input over its limit, with its own message.
    let (file, _) = opened.map_err(|reason| Error::new(cannot_read(reason)))?;
    let mut bytes = Vec::new();
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(format!("cannot read: {}", io_reason(&e))))?;
    Ok(bytes)
}

/// `cannot read: REASON`, unless the reason says already that it is a refusal.
fn cannot_read(reason: String) -> String {
    if reason.starts_with("refused") {
        reason
    } else {
        format!("cannot read: {reason}")
    }
}

/// Loads and reads one article; diagnostics are printed to standard error.
pub fn read_article(
    found: &super::collect::Found,
    args: &ReadArgs,
    explain: bool,
) -> Result<Reading, ()> {
    let path = &found.path;
    let name = display_name(path);
    let result =
        load(path, found.root.as_deref()).and_then(|bytes| read::read(&bytes, &args.options()));
    match result {
        Ok(reading) => {
            if explain {
                for note in notes_only(&reading.decisions, &reading.warnings) {
                    eprintln!("{}", note.in_file(&name).as_kind("note"));
                }
            }
            print_warnings(&name, &reading.warnings);
            Ok(reading)
        }
        Err(e) => {
            eprintln!("{}", e.in_file(&name));
            Err(())
        }
    }
}

/// The decisions that are not also warnings: a guess is printed once, as a warning.
fn notes_only<'a>(
    decisions: &'a [Warning],
    warnings: &'a [Warning],
) -> impl Iterator<Item = &'a Warning> {
    decisions.iter().filter(|d| !warnings.contains(d))
}

pub fn print_warnings(name: &str, warnings: &[Warning]) {
    for warning in warnings {
        eprintln!("{}", warning.in_file(name));
    }
}

/// An I/O error in words, without Rust's `(os error N)` suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_lowercase(),
        None => text,
    }
}

/// One article read and its media loaded, ready for a backend, with what was noticed.
pub struct Loaded {
    /// The article and its media.
    pub document: galley::backend::Document,
    /// What the reader and the media loader warned about.
    pub warnings: Vec<Warning>,
    /// Decisions taken (for `--explain`), e.g. a sidecar photo given to a figure.
    pub notes: Vec<Warning>,
    /// The reader's warnings as the report gives them.
    pub report: Vec<WarningEntry>,
}

/// Reads the article at `path` and loads the images it names (confined to its
/// folder or `media_root`); nothing is printed.
pub fn load_document(
    path: &Path,
    root: Option<&Path>,
    options: &ReadOptions,
    media_root: Option<&Path>,
) -> Result<Loaded, Error> {
    let bytes = load(path, root)?;
    let reading = read::read(&bytes, options)?;
    let report = reader_warnings(&display_name(path), &reading);
    let mut article = reading.article;
    let media = super::media::load_media(path, &mut article, media_root);
    let mut document = galley::backend::Document::new(article, display_name(path));
    document.media = media.files;
    let mut notes: Vec<Warning> = notes_only(&reading.decisions, &reading.warnings)
        .cloned()
        .collect();
    notes.extend(media.notes);
    let warnings = reading.warnings;
    Ok(Loaded {
        document,
        warnings,
        notes,
        report,
    })
}

/// A reader's warnings for the report: a guess it also took as a decision is
/// a heuristic, the rest are about the input.
pub fn reader_warnings(origin: &str, reading: &Reading) -> Vec<WarningEntry> {
    reading
        .warnings
        .iter()
        .map(|w| {
            let kind = if reading.decisions.contains(w) {
                Kind::Heuristic
            } else {
                Kind::Input
            };
            WarningEntry::new(origin, origin, kind, w)
        })
        .collect()
}

/// A backend's warnings about `file`, made while `origin` was, for the report.
pub fn backend_warnings(origin: &str, file: &str, warnings: &[Warning]) -> Vec<WarningEntry> {
    warnings
        .iter()
        .map(|w| WarningEntry::new(origin, file, Kind::of_backend(&w.message), w))
        .collect()
}
