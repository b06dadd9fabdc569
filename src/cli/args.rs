use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use galley::read::Format;

/// galley: news articles to print page proofs and EPUB series collections.
///
/// Reads NITF, web/wire article text and galley's own tree JSON. Exit codes:
/// 0 all went well (warnings allowed), 1 an input failed, 2 the command line was wrong.
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
    /// Warnings go to standard error as `file:line: warning: message`.
    Tree(TreeArgs),

    /// Compile articles into an EPUB 3 book, grouped by series and in series order.
    ///
    /// Inputs are article files or folders of them (searched for .xml, .nitf,
    /// .txt, .text and .json), in any mix of formats. Images are loaded from each
    /// article's folder only. SOURCE_DATE_EPOCH, when set, fixes the modification date.
    Epub(EpubArgs),
}

/// How inputs are read; shared by every command that reads articles.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Input format; detected from the content when not given.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub from: Option<Format>,

    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing.
    #[arg(long)]
    pub lossy: bool,

    /// NITF classes that mark a pull quote (comma-separated; replaces the defaults).
    #[arg(long, value_name = "CLASSES", value_delimiter = ',')]
    pub pull_quote_class: Option<Vec<String>>,

    /// NITF block classes that mark a fact box (comma-separated; replaces the defaults).
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

    /// Scale down images whose longer side is over this many pixels.
    #[arg(long, value_name = "PIXELS", default_value_t = 2000)]
    pub max_image_side: u32,

    /// Scale down image files over this many kilobytes.
    #[arg(long, value_name = "KB", default_value_t = 2000)]
    pub max_image_kb: usize,

    #[command(flatten)]
    pub read: ReadArgs,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}
