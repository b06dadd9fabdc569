//! `galley pdf`: articles in (files and folders, any format), page proofs out.
//! [`Proofer`] is shared with `galley batch --to pdf`.

use std::path::{Path, PathBuf};

use galley::backend::Document;
use galley::dates::{days_in_month, epoch_seconds};
use galley::diag::{Error, Warning};
use galley::model::Article;
use galley::pdf::{self, Engine, PdfOptions, ProofReport};
use galley::style::Style;
use galley::typeset::FontBook;

use super::args::PdfArgs;
use super::collect::collect;
use super::exit;
use super::input::{display_name, io_reason, print_warnings, read_article};
use super::media::load_media;
use super::output::{unique_name, write_atomically};

/// What every proof of a run shares: the engine, the style, the news hole
/// and the proof time from `SOURCE_DATE_EPOCH`.
pub struct Proofer {
    engine: Engine,
    style: Style,
    pages: Option<u32>,
    epoch: Option<i64>,
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
    /// A proofer for a style name or file; an error message when the style
    /// cannot be had. Reads `SOURCE_DATE_EPOCH` (a bad value is warned about).
    pub fn new(style: &str, pages: Option<u32>) -> Result<Proofer, String> {
        let loaded = load_style(style)?;
        Ok(Proofer {
            engine: engine_for(&loaded, style)?,
            style: loaded,
            pages,
            epoch: source_date_epoch(),
        })
    }

    /// Lays out and emits one article read from `path`; its images are
    /// looked for beside it (or under `media_root`).
    pub fn make(
        &self,
        path: &Path,
        mut article: Article,
        media_root: Option<&Path>,
    ) -> Result<Made, Error> {
        let name = display_name(path);
        let media = load_media(path, &mut article, media_root);
        let mut warnings = Vec::new();
        let time = self
            .epoch
            .or_else(|| article.meta.date.as_deref().and_then(date_seconds))
            .unwrap_or(0);
        let mut doc = Document::new(article, name);
        doc.media = media.files;
        let options = PdfOptions {
            pages: self.pages,
            time,
        };
        let proof = pdf::render(&doc, &self.style, &self.engine, &self.engine, &options)?;
        warnings.extend(proof.output.warnings);
        Ok(Made {
            bytes: proof.output.bytes,
            warnings,
            report: proof.report,
        })
    }
}

/// A built-in style by name, or a TOML file (errors name file, line and key).
pub fn load_style(name: &str) -> Result<Style, String> {
    if let Some(style) = Style::builtin(name) {
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
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: cannot read the style: {}",
            path.display(),
            io_reason(&e)
        )
    })?;
    Style::from_toml(&text, &path.display().to_string()).map_err(|e| e.to_string())
}

/// The text engine with the built-in faces and the font files the style names
/// (relative to the style file's folder); a file that cannot be loaded is an error.
fn engine_for(style: &Style, style_name: &str) -> Result<Engine, String> {
    if style.font_files.is_empty() {
        return Ok(Engine::builtin());
    }
    let folder = Path::new(style_name).parent().unwrap_or(Path::new(""));
    let mut book = FontBook::builtin();
    for file in &style.font_files {
        let path = folder.join(file);
        let data = std::fs::read(&path).map_err(|e| {
            format!(
                "{style_name}: error: `fonts.files`: cannot read {}: {}",
                path.display(),
                io_reason(&e)
            )
        })?;
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
    let proofer = match Proofer::new(&args.style, args.pages) {
        Ok(p) => p,
        Err(message) => {
            eprintln!("galley: error: {message}");
            return exit::USAGE;
        }
    };
    let (paths, errors) = collect(&args.inputs);
    for error in &errors {
        eprintln!("galley: error: {error}");
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
    let mut entries = Vec::new();
    for path in &paths {
        let name = display_name(path);
        let out = if several {
            args.output
                .join(format!("{}.pdf", unique_stem(path, &mut used)))
        } else {
            args.output.clone()
        };
        let mut entry = serde_json::json!({ "input": name, "output": out.display().to_string() });
        let Ok(reading) = read_article(path, &args.read, false) else {
            failed = true;
            entry["status"] = "failed".into();
            entry["error"] = "could not be read".into();
            entries.push(entry);
            continue;
        };
        let mut warnings = reading.warnings;
        match proofer.make(path, reading.article, args.media_root.as_deref()) {
            Ok(made) => {
                print_warnings(&name, &made.warnings);
                warnings.extend(made.warnings);
                entry["report"] = serde_json::to_value(&made.report).unwrap_or_default();
                match write_atomically(&out, &made.bytes) {
                    Ok(()) => entry["status"] = "ok".into(),
                    Err(message) => {
                        eprintln!("galley: error: {message}");
                        failed = true;
                        entry["status"] = "failed".into();
                        entry["error"] = message.into();
                    }
                }
            }
            Err(e) => {
                eprintln!("{}", e.in_file(&name));
                failed = true;
                entry["status"] = "failed".into();
                entry["error"] = e.message.clone().into();
            }
        }
        entry["warnings"] = warnings
            .iter()
            .map(|w| w.in_file(&name).to_string())
            .collect::<Vec<_>>()
            .into();
        entries.push(entry);
    }
    if let Some(report) = &args.report {
        let json = serde_json::json!({ "style": proofer.style.name, "inputs": entries });
        let text = serde_json::to_string_pretty(&json).unwrap_or_default() + "\n";
        if let Err(message) = write_atomically(report, text.as_bytes()) {
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
