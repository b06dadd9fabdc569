use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use galley::read::Format;
use galley::style::Hole;

/// galley: news articles to print page proofs and EPUB series collections.
///
/// Reads NITF (bare or inside NewsML-G2 or NewsML 1.2, which may also carry
/// XHTML or plain text), web/wire article text and galley's own tree JSON.
/// Exit codes: 0 all went well (warnings allowed), 1 an input failed, 2 the
/// command line was wrong, 130 interrupted.
#[derive(Debug, Parser)]
#[command(name = "galley", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read one article and print its document tree as JSON.
    ///
    /// Warnings go to standard error as `file:line: warning: message`. Exit codes:
    /// 0 the tree was written (warnings allowed), 1 the input could not be read,
    /// 2 the command line was wrong.
    Tree(TreeArgs),

    /// Compile articles into an EPUB 3 book, grouped by series and in series order.
    ///
    /// Inputs are article files or folders of them (searched for .xml, .nitf,
    /// .txt, .text and .json), in any mix of formats. Images are loaded from each
    /// article's folder only. SOURCE_DATE_EPOCH, when set, fixes the modification date.
    Epub(EpubArgs),
    /// Convert whole folders or manifests of articles, in parallel.
    ///
    /// Every article becomes one output per `--to` format, under OUTDIR at the
    /// path it had below its input folder (or manifest); with `epub`, every
    /// series becomes one book in OUTDIR. One broken article never stops the
    /// batch: it is reported, and the exit code is 1. Outputs are written whole
    /// or not at all, also when the run is interrupted.
    Batch(BatchArgs),

    /// Lay articles out as newspaper page proofs (PDF).
    ///
    /// One input: OUT is the PDF (`-` is standard output); several: OUT is a
    /// folder, one `<stem>.pdf` per article. The slug's time comes from
    /// SOURCE_DATE_EPOCH, else the article's date, never the clock.
    Pdf(PdfArgs),
}

/// How inputs are read; shared by every command that reads articles.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Input format: nitf, wire or json; detected from the content when not given.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub from: Option<Format>,

    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing.
    #[arg(long)]
    pub lossy: bool,

    /// NITF classes that mark a pull quote (comma-separated; replaces the defaults:
    /// pullquote, pull-quote, pull_quote, pq).
    #[arg(long, value_name = "CLASSES", value_delimiter = ',')]
    pub pull_quote_class: Option<Vec<String>>,

    /// NITF block classes that mark a fact box (comma-separated; replaces the defaults:
    /// factbox, fact-box, sidebar, infobox, box).
    #[arg(long, value_name = "CLASSES", value_delimiter = ',')]
    pub sidebar_class: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The article to read: a file, or `-` for standard input.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,

    /// Write the tree to this file instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "OUT.json")]
    pub output: Option<PathBuf>,

    /// Also list every decision the reader took (as notes on standard error).
    #[arg(long)]
    pub explain: bool,

    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct EpubArgs {
    /// Articles, and folders of articles.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// The EPUB to write; with --by-series or --one-per-article, the folder to write into.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    /// Write one EPUB per series found (an article of no series makes a book of its own).
    #[arg(long, conflicts_with = "one_per_article")]
    pub by_series: bool,

    /// Write one EPUB per article, each carrying its position in the series.
    #[arg(long)]
    pub one_per_article: bool,

    /// The book's title (by default the series name).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// A JPEG or PNG cover (by default one is drawn from the lead photo).
    #[arg(long, value_name = "FILE")]
    pub cover: Option<PathBuf>,

    /// A stylesheet replacing the built-in one.
    #[arg(long, value_name = "FILE.css")]
    pub style: Option<PathBuf>,

    /// Embed the Charis SIL fonts (about 3 MB) with their licence.
    #[arg(long)]
    pub embed_fonts: bool,

    /// Look for images in this folder instead of each article's folder.
    #[arg(long, value_name = "DIR")]
    pub media_root: Option<PathBuf>,

    /// Scale down images whose longer side is over this many pixels (at least 100).
    #[arg(long, value_name = "PIXELS", default_value_t = 2000, value_parser = parse_image_side)]
    pub max_image_side: u32,

    /// Bring image files over this many kilobytes (of 1000 bytes; at least 10) under it,
    /// scaling them down step by step (never below 480 pixels a side: then the smallest is
    /// kept, with a warning).
    #[arg(long, value_name = "KB", default_value_t = 2000, value_parser = parse_image_kb)]
    pub max_image_kb: u64,

    /// Also list every decision the readers and the image loader took (as notes).
    #[arg(long)]
    pub explain: bool,

    /// Write a JSON report (the schema of `docs/report.md`): each input's
    /// status and warnings, each book's, and totals.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Args)]
pub struct PdfArgs {
    /// Articles, and folders of articles.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// The PDF to write (`-` is standard output); with several inputs, the folder to write into.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,

    /// The page style: a built-in name (tabloid, berliner, broadsheet, letter, a4) or a TOML file.
    #[arg(long, value_name = "NAME|FILE", default_value = "tabloid")]
    pub style: String,

    /// How many pages the story may take (a hole on each); the rest is overset
    /// [default: 1 with a hole, else as many as it needs].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=24))]
    pub pages: Option<u32>,

    /// The news hole at the top left of the type area, as COLUMNSxDEPTH with
    /// the depth in mm, cm, in, pt or lines (4x210mm, 5x120lines)
    /// [default: the style's `[layout] hole`, else the whole type area].
    #[arg(long, value_name = "COLSxDEPTH", value_parser = parse_hole)]
    pub hole: Option<Hole>,

    /// Write a JSON report (the schema of `docs/report.md`): per input its
    /// status, warnings and the proof's pages, overset and loose lines, images.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Look for images in this folder instead of each article's folder.
    #[arg(long, value_name = "DIR")]
    pub media_root: Option<PathBuf>,

    /// Make the proofs to standards: pdf/x-4 (press), pdf/a-2b (archive),
    /// pdf/ua-1 (accessible), repeated or comma-separated; X-4 and A-2b each
    /// go with UA-1. Added to the style's `[output] standard`.
    #[arg(long, value_name = "STANDARD", value_delimiter = ',', value_parser = parse_standard)]
    pub standard: Vec<String>,

    #[command(flatten)]
    pub read: ReadArgs,
}

fn parse_hole(s: &str) -> Result<Hole, String> {
    s.parse()
}

fn parse_standard(s: &str) -> Result<String, String> {
    galley::style::Standards::default().add(s)?;
    Ok(s.trim().to_ascii_lowercase())
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// The smallest `--max-image-kb`: below it no photo stays worth showing.
const SMALLEST_IMAGE_KB: u64 = 10;

fn parse_image_side(s: &str) -> Result<u32, String> {
    let smallest = galley::epub::images::SMALLEST_SIDE_LIMIT;
    match s.trim().parse::<u32>() {
        Ok(side) if side >= smallest => Ok(side),
        Ok(_) => Err(format!("images need at least {smallest} pixels a side")),
        Err(_) => Err(format!("`{s}` is not a number of pixels")),
    }
}

fn parse_image_kb(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(kb) if kb >= SMALLEST_IMAGE_KB => Ok(kb),
        Ok(_) => Err(format!(
            "images need at least {SMALLEST_IMAGE_KB} KB; a smaller limit leaves nothing to see"
        )),
        Err(_) => Err(format!("`{s}` is not a number of kilobytes")),
    }
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Folders (searched recursively for .xml, .nitf, .txt, .text and .json files),
    /// article files, or manifests (a .toml file, or a .json file with `inputs`).
    #[arg(value_name = "DIR|FILE|MANIFEST", required = true)]
    pub inputs: Vec<PathBuf>,

    /// The output folder (created if missing).
    #[arg(short, long, value_name = "OUTDIR")]
    pub output: PathBuf,

    /// Output formats, comma-separated: tree, pdf, epub (one book per series)
    /// [default: the manifest's `to`, else tree].
    #[arg(long, value_name = "FORMATS", value_delimiter = ',')]
    pub to: Option<Vec<Target>>,

    /// How many articles to convert at once [default: the number of cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Write a JSON report: each input's status, outputs, warnings and error,
    /// each book's, and totals.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Take only share K of N (1-based), so that N machines split an archive
    /// without talking to each other; a series stays in one share.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,

    /// Skip outputs that are up to date (same input, options and galley version).
    #[arg(long)]
    pub resume: bool,

    /// Style for page proofs: a built-in name or a TOML file [default: the
    /// manifest's `style`, else tabloid]; a manifest entry's own style wins.
    #[arg(long, value_name = "NAME|FILE")]
    pub style: Option<String>,

    /// The news hole for page proofs (as `galley pdf --hole`) [default: the
    /// manifest's `hole`, else the style's]; a manifest entry's own hole wins.
    #[arg(long, value_name = "COLSxDEPTH", value_parser = parse_hole)]
    pub hole: Option<Hole>,

    /// Make the page proofs to standards (as `galley pdf --standard`).
    #[arg(long, value_name = "STANDARD", value_delimiter = ',', value_parser = parse_standard)]
    pub standard: Vec<String>,

    /// Look for images in this folder instead of each article's folder.
    #[arg(long, value_name = "DIR")]
    pub media_root: Option<PathBuf>,

    /// Print nothing but errors; no progress bar, no summary.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub read: ReadArgs,
}

/// An output format of `galley batch`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// The document tree as JSON.
    Tree,
    /// A page proof (PDF) in the `--style`.
    Pdf,
    /// One EPUB book per series (an article of no series: a book of its own).
    Epub,
}

impl Target {
    /// The extension of this target's output files.
    pub fn extension(self) -> &'static str {
        match self {
            Target::Tree => "json",
            Target::Pdf => "pdf",
            Target::Epub => "epub",
        }
    }
}

/// Share K of N of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, from 1.
    pub index: u32,
    /// How many shares.
    pub count: u32,
}

impl Shard {
    /// Whether the group named `key` (a series, or a lone article) falls in this share.
    pub fn takes(self, key: &str) -> bool {
        let mut hash = super::resume::Fnv::default();
        hash.write(key.as_bytes());
        hash.0 % u64::from(self.count) == u64::from(self.index - 1)
    }
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    let (k, n) = s
        .split_once('/')
        .ok_or_else(|| format!("`{s}` is not K/N, e.g. 2/8"))?;
    let index: u32 = k
        .trim()
        .parse()
        .map_err(|_| format!("`{k}` is not a number"))?;
    let count: u32 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a number"))?;
    if count == 0 || index == 0 || index > count {
        return Err(format!("shard {index}/{count}: K must be between 1 and N"));
    }
    Ok(Shard { index, count })
}
