//! The command line: one file per subcommand on top of the library.

mod args;
mod batch;
mod collect;
mod epub;
mod files;
mod input;
mod manifest;
mod media;
mod output;
mod pdf;
mod progress;
mod report;
mod resume;
mod tree;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

/// Exit codes scripts can rely on.
pub mod exit {
    /// Every input was converted (warnings allowed).
    pub const OK: u8 = 0;
    /// At least one input failed.
    pub const FAILED: u8 = 1;
    /// The command line was wrong.
    pub const USAGE: u8 = 2;
    /// Interrupted by Ctrl-C or a termination signal (128 + SIGINT).
    pub const INTERRUPTED: u8 = 130;
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with success, usage errors to stderr.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let code = match cli.command {
        Command::Tree(args) => tree::run(&args),
        Command::Epub(args) => epub::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Pdf(args) => pdf::run(&args),
    };
    ExitCode::from(code)
}
