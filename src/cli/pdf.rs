//! `galley pdf`: articles in (files and folders, any format), page proofs out.
//! [`Proofer`] is shared with `galley batch --to pdf`.

use std::path::{Path, PathBuf};

use galley::backend::Document;
use galley::dates::{days_in_month, epoch_seconds};
use galley::diag::{Error, Warning};
use galley::model::Article;
use galley::pdf::{self, Engine, PdfOptions, ProofReport};
use galley::style::{Hole, Style};
use galley::typeset::FontBook;

use super::args::PdfArgs;
use super::collect::collect;
use super::exit;
use super::files::{read_limited, MAX_FONT_BYTES, MAX_PROFILE_BYTES, MAX_STYLE_BYTES};
use super::input::{
    backend_warnings, display_name, io_reason, print_warnings, read_article, reader_warnings,
};
use super::media::load_media;
use super::output::{unique_name, write_atomically, write_inside};
use super::report::{ErrorEntry, InputEntry, Report};

/// What every proof of a run shares: the engine, the style, the news hole
/// and the proof time from `SOURCE_DATE_EPOCH`.
pub struct Proofer {
    engine: Engine,
    style: Style,
    pages: Option<u32>,
    epoch: Option<i64>,
    /// A hash of everything besides the article that shapes a proof: the
    /// style file's bytes (or the built-in's name), each font file's bytes,
    /// the news hole and `SOURCE_DATE_EPOCH`; for `--resume`.
    pub identity: String,
}

/// One article as a proof: the PDF, what was noticed, and the report.
pub struct Made {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Media notes, media warnings and the backend's warnings.
    pub warnings: Vec<Warning>,
    /// Pages, overset, images.
    pub report: ProofReport,
}

impl Proofer {
    /// A proofer for a style name or file, with a news hole that replaces
    /// the style's; an error message when the style cannot be had or the
    /// hole does not fit it. Reads `SOURCE_DATE_EPOCH` (a bad value is
    /// warned about).
    pub fn new(style: &str, pages: Option<u32>, hole: Option<Hole>) -> Result<Proofer, String> {
        let mut hash = super::resume::Fnv::default();
        let mut loaded = read_style(style, &mut hash)?;
        load_profile(&mut loaded, style, &mut hash)?;
        let engine = engine_for(&loaded, style, &mut hash)?;
        let epoch = source_date_epoch();
        hash.write(format!("\0{pages:?}\0{epoch:?}").as_bytes());
        if let Some(hole) = hole {
            hole.check(&loaded).map_err(|e| format!("--hole: {e}"))?;
            loaded.layout.hole = Some(hole);
            hash.write(format!("\0hole {hole}").as_bytes());
        }
        Ok(Proofer {
            engine,
            style: loaded,
            pages,
            epoch,
            identity: format!("{:016x}", hash.0),
        })
    }

    /// The proofer with `names` added to its style's standards; a message
    /// when they cannot be combined.
    pub fn with_standards(mut self, names: &[String]) -> Result<Proofer, String> {
        if names.is_empty() {
            return Ok(self);
        }
        for name in names {
            self.style.output.standards.add(name)?;
        }
        let mut hash = super::resume::Fnv::default();
        hash.write(self.identity.as_bytes());
        hash.write(self.style.output.standards.names().as_bytes());
        self.identity = format!("{:016x}", hash.0);
        Ok(self)
    }

    /// Lays out and emits one article read from `path`; its images are
    /// looked for beside it (or under `media_root`).
    pub fn make(
        &self,
        found: &super::collect::Found,
        mut article: Article,
        media_root: Option<&Path>,
    ) -> Result<Made, Error> {
        let media = load_media(&found.path, &mut article, media_root);
        self.make_with(
            &shown_name(&found.path, found.root.as_deref()),
            article,
            media,
            None,
        )
    }

    /// Whether a news hole fits this proofer's style; the message says how not.
    pub fn check_hole(&self, hole: &Hole) -> Result<(), String> {
        hole.check(&self.style)
    }

    /// Lays out and emits one article whose images are loaded already, in
    /// `hole` when given (else the proofer's); the slug names it `shown`
    /// (see [`shown_name`]).
    pub fn make_with(
        &self,
        shown: &str,
        article: Article,
        media: super::media::Media,
        hole: Option<Hole>,
    ) -> Result<Made, Error> {
        let own;
        let style = match hole {
            Some(hole) => {
                hole.check(&self.style).map_err(Error::new)?;
                let mut style = self.style.clone();
                style.layout.hole = Some(hole);
                own = style;
                &own
            }
            None => &self.style,
        };
        let name = shown.to_string();
        let mut warnings = Vec::new();
        let time = self
            .epoch
            .or_else(|| article.meta.date.as_deref().and_then(date_seconds));
        let mut doc = Document::new(article, name);
        doc.media = media.files;
        let options = PdfOptions {
            pages: self.pages,
            time,
        };
        let proof = pdf::render(&doc, style, &self.engine, &self.engine, &options)?;
        warnings.extend(proof.output.warnings);
        Ok(Made {
            bytes: proof.output.bytes,
            warnings,
            report: proof.report,
        })
    }
}

/// A built-in style by name, or a TOML file (errors name file, line and
/// key); what the style was made from is added to `hash`.
fn read_style(name: &str, hash: &mut super::resume::Fnv) -> Result<Style, String> {
    if let Some(style) = Style::builtin(name) {
        hash.write(b"builtin\0");
        hash.write(name.as_bytes());
        return Ok(style);
    }
    let path = Path::new(name);
    if !path.exists() && path.extension().is_none() {
        let names: Vec<&str> = galley::style::BUILTIN.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "no style `{name}`: give a built-in name ({}) or a TOML file",
            names.join(", ")
        ));
    }
    let bytes = read_limited(path, MAX_STYLE_BYTES)
        .map_err(|reason| format!("{}: cannot read the style: {reason}", path.display()))?;
    hash.write(b"file\0");
    hash.write(&bytes);
    let text = utf8(bytes).map_err(|reason| format!("{}: {reason}", path.display()))?;
    Style::from_toml(&text, &path.display().to_string()).map_err(|e| e.to_string())
}

/// Text from bytes, or where the first byte that is not UTF-8 is.
pub fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let location = galley::diag::Location::of_offset(bytes, at);
        format!(
            "not UTF-8: byte 0x{:02X} at {location} (byte offset {at})",
            bytes[at]
        )
    })
}

/// The folder a style file's own files (fonts, profile) are named from.
fn sheet_folder(style_name: &str) -> &Path {
    Path::new(style_name).parent().unwrap_or(Path::new(""))
}

/// Reads the desk's output profile the style names (relative to the style
/// file's folder) into the style; a file that cannot be read, or is no CMYK
/// output profile, is an error naming the key.
fn load_profile(
    style: &mut Style,
    style_name: &str,
    hash: &mut super::resume::Fnv,
) -> Result<(), String> {
    let Some(file) = style.output.profile_file.clone() else {
        return Ok(());
    };
    let path = sheet_folder(style_name).join(&file);
    let fail = |reason: String| {
        format!(
            "{style_name}: error: `output.profile`: {}: {reason}",
            path.display()
        )
    };
    let data =
        read_limited(&path, MAX_PROFILE_BYTES).map_err(|r| fail(format!("cannot read it: {r}")))?;
    hash.write(b"\0profile\0");
    hash.write(&data);
    let condition = style.output.condition.clone();
    hash.write(condition.as_deref().unwrap_or("").as_bytes());
    let profile = pdf::read_profile(data, condition.as_deref()).map_err(fail)?;
    style.output.profile = Some(profile);
    Ok(())
}

/// The text engine with the built-in faces and the font files the style names
/// (relative to the style file's folder); a file that cannot be loaded is an error.
fn engine_for(
    style: &Style,
    style_name: &str,
    hash: &mut super::resume::Fnv,
) -> Result<Engine, String> {
    if style.font_files.is_empty() {
        return Ok(Engine::builtin());
    }
    let folder = sheet_folder(style_name);
    let mut book = FontBook::builtin();
    for file in &style.font_files {
        let path = folder.join(file);
        let data = read_limited(&path, MAX_FONT_BYTES).map_err(|reason| {
            format!(
                "{style_name}: error: `fonts.files`: cannot read {}: {reason}",
                path.display(),
            )
        })?;
        hash.write(b"\0font\0");
        hash.write(&data);
        book.add(data).map_err(|e| {
            format!(
                "{style_name}: error: `fonts.files`: {}: {}",
                path.display(),
                e.message
            )
        })?;
    }
    Ok(Engine::new(book))
}

/// The name a proof's slug gives its article: the path below the folder
/// given, or the file's name; never the path as typed, so the same article
/// gives the same bytes from any working folder.
pub fn shown_name(path: &Path, root: Option<&Path>) -> String {
    if path == Path::new("-") {
        return display_name(path);
    }
    match root.and_then(|root| path.strip_prefix(root).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => rest.display().to_string(),
        _ => path
            .file_name()
            .map_or_else(|| display_name(path), |n| n.to_string_lossy().into_owned()),
    }
}

/// `SOURCE_DATE_EPOCH` as seconds, when set and valid.
fn source_date_epoch() -> Option<i64> {
    let value = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    match value.trim().parse::<i64>() {
        Ok(seconds) if (0..=253_402_300_799).contains(&seconds) => Some(seconds),
        _ => {
            eprintln!(
                "galley: warning: SOURCE_DATE_EPOCH `{value}` is not a number of seconds; the article's date is used"
            );
            None
        }
    }
}

/// Seconds since 1970 of an ISO 8601 date (`2026-03-14`, optionally with a
/// time `T09:30[:00]` in UTC); `None` for partial or other dates.
pub fn date_seconds(date: &str) -> Option<i64> {
    let date = date.trim();
    let (day, time) = match date.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (date, None),
    };
    let mut parts = day.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let dom: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=days_in_month(year, month)).contains(&dom) {
        return None;
    }
    let (mut h, mut m, mut s) = (0, 0, 0);
    if let Some(time) = time {
        let digits: String = time
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let mut fields = digits.split(':').map(|f| f.parse::<u32>().ok());
        h = fields.next().flatten().unwrap_or(0);
        m = fields.next().flatten().unwrap_or(0);
        s = fields.next().flatten().unwrap_or(0);
    }
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(epoch_seconds((year, month, dom)) + i64::from(h * 3600 + m * 60 + s))
}

pub fn run(args: &PdfArgs) -> u8 {
    let started = std::time::Instant::now();
    let proofer = match Proofer::new(&args.style, args.pages, args.hole)
        .and_then(|p| p.with_standards(&args.standard))
    {
        Ok(p) => p,
        Err(message) => {
            eprintln!("galley: error: {message}");
            return exit::USAGE;
        }
    };
    let (paths, errors) = collect(&args.inputs);
    let mut entries: Vec<InputEntry> = Vec::new();
    for error in &errors {
        eprintln!("galley: error: {error}");
        entries.push(InputEntry::unreadable(error));
    }
    let mut failed = !errors.is_empty();
    let several =
        paths.len() > 1 || args.inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    if several {
        if args.output == Path::new("-") {
            eprintln!("galley: error: several inputs need a folder for -o, not `-`");
            return exit::USAGE;
        }
        if let Err(e) = std::fs::create_dir_all(&args.output) {
            eprintln!(
                "galley: error: {}: cannot create the folder: {}",
                args.output.display(),
                io_reason(&e)
            );
            return exit::FAILED;
        }
    }
    let mut used: Vec<String> = Vec::new();
    for found in &paths {
        let article_started = std::time::Instant::now();
        let path = &found.path;
        let name = display_name(path);
        let out = if several {
            args.output
                .join(format!("{}.pdf", unique_stem(path, &mut used)))
        } else {
            args.output.clone()
        };
        let mut entry = InputEntry::new(&name);
        let Ok(reading) = read_article(found, &args.read, false) else {
            failed = true;
            entry.fail(ErrorEntry::plain(&name, "could not be read".into()));
            entries.push(entry);
            continue;
        };
        entry.add(reader_warnings(&name, &reading));
        match proofer.make(found, reading.article, args.media_root.as_deref()) {
            Ok(made) => {
                print_warnings(&name, &made.warnings);
                entry.add(backend_warnings(&name, &name, &made.warnings));
                entry.proof = serde_json::to_value(&made.report).ok();
                let written = if several {
                    write_inside(&args.output, &out, &made.bytes)
                } else {
                    write_atomically(&out, &made.bytes)
                };
                match written {
                    Ok(()) => entry.outputs.push(out.display().to_string()),
                    Err(message) => {
                        eprintln!("galley: error: {message}");
                        failed = true;
                        entry.fail(ErrorEntry::plain(&name, message));
                    }
                }
            }
            Err(e) => {
                eprintln!("{}", e.in_file(&name));
                failed = true;
                entry.fail(ErrorEntry::from_error(&name, &e));
            }
        }
        entry.seconds = article_started.elapsed().as_secs_f64();
        entries.push(entry);
    }
    if let Some(path) = &args.report {
        let report = Report::new(
            "pdf",
            entries,
            Vec::new(),
            started.elapsed().as_secs_f64(),
            false,
        );
        if let Err(message) = write_atomically(path, report.to_json().as_bytes()) {
            eprintln!("galley: error: {message}");
            failed = true;
        }
    }
    if failed {
        exit::FAILED
    } else {
        exit::OK
    }
}

/// The input's file stem, made unique among the outputs of this run.
fn unique_stem(path: &Path, used: &mut Vec<String>) -> String {
    let stem = PathBuf::from(path).file_stem().map_or_else(
        || "article".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    unique_name(&stem, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_seconds() {
        assert_eq!(date_seconds("1970-01-02"), Some(86_400));
        assert_eq!(date_seconds("2026-03-14T09:30:00Z"), Some(1_773_480_600));
        assert_eq!(date_seconds("--12-09"), None);
        assert_eq!(date_seconds("2026-02-30"), None);
    }
}
