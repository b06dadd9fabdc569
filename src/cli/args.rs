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

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}
