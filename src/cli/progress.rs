//! A progress bar on a terminal; nothing when standard error is piped or `--quiet`.
//! Failures are printed as they happen, even when quiet.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::report::{BookEntry, ErrorEntry, InputEntry, Status};

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(total: u64, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles, {elapsed} elapsed, {eta} left {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar }
    }

    /// Counts one finished input; a failure is printed above the bar as it happens.
    pub fn advance(&self, entry: &InputEntry) {
        self.advance_with(entry.status, entry.error.as_ref());
    }

    /// Counts one finished book, like an input.
    pub fn advance_book(&self, entry: &BookEntry) {
        self.advance_with(entry.status, entry.error.as_ref());
    }

    /// More work than counted at the start (the books, once known).
    pub fn add(&self, more: u64) {
        if let Some(bar) = &self.bar {
            bar.inc_length(more);
        }
    }

    fn advance_with(&self, status: Status, error: Option<&ErrorEntry>) {
        if status == Status::Failed {
            if let Some(error) = error {
                let line = match (error.line, error.column) {
                    (Some(l), Some(c)) => {
                        format!("{}:{l}:{c}: error: {}", error.file, error.message)
                    }
                    (Some(l), None) => format!("{}:{l}: error: {}", error.file, error.message),
                    _ => format!("{}: error: {}", error.file, error.message),
                };
                match &self.bar {
                    Some(bar) => bar.println(line),
                    None => eprintln!("{line}"),
                }
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
