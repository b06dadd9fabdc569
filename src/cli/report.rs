//! The JSON report of a run: each input's status, outputs, warnings and error.

use serde::Serialize;

use galley::diag::{Error, Warning};

/// How one input fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Warning,
    Failed,
}

#[derive(Debug, Clone, Serialize)]
pub struct WarningEntry {
    /// The article a book's warning is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub message: String,
}

impl WarningEntry {
    pub fn from_warning(w: &Warning) -> Self {
        WarningEntry {
            file: None,
            line: w.location.map(|l| l.line),
            column: w.location.and_then(|l| l.column),
            message: w.message.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorEntry {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub message: String,
}

impl ErrorEntry {
    pub fn from_error(file: &str, e: &Error) -> Self {
        ErrorEntry {
            file: file.to_string(),
            line: e.location.map(|l| l.line),
            column: e.location.and_then(|l| l.column),
            message: e.message.clone(),
        }
    }

    pub fn plain(file: &str, message: String) -> Self {
        ErrorEntry {
            file: file.to_string(),
            line: None,
            column: None,
            message,
        }
    }
}

/// One input's line in the report.
#[derive(Debug, Clone, Serialize)]
pub struct InputEntry {
    pub path: String,
    pub status: Status,
    pub outputs: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    pub warnings: Vec<WarningEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorEntry>,
    pub seconds: f64,
}

impl InputEntry {
    pub fn new(path: &str) -> Self {
        InputEntry {
            path: path.to_string(),
            status: Status::Ok,
            outputs: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            error: None,
            seconds: 0.0,
        }
    }
}

/// One EPUB book (`--to epub`): a series, or an article of none.
#[derive(Debug, Clone, Serialize)]
pub struct BookEntry {
    /// The book file.
    pub path: String,
    pub status: Status,
    /// Its articles, in reading order.
    pub inputs: Vec<String>,
    /// Whether it was up to date and left as it was (`--resume`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
    /// The book's identifier (`urn:uuid:…`), when it was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// The SHA-256 of the book file, in hex, when it was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// What the catalogue says of it; not in the report.
    #[serde(skip)]
    pub catalogued: Option<galley::epub::catalogue::FeedBook>,
    pub warnings: Vec<WarningEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorEntry>,
    pub seconds: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub inputs: usize,
    pub ok: usize,
    pub warning: usize,
    pub failed: usize,
    /// Files written, books included.
    pub outputs: usize,
    /// Files up to date, books included.
    pub skipped: usize,
    pub books: usize,
    pub books_failed: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub galley: &'static str,
    pub interrupted: bool,
    pub inputs: Vec<InputEntry>,
    pub books: Vec<BookEntry>,
    pub totals: Totals,
    pub seconds: f64,
}

impl Report {
    pub fn new(
        inputs: Vec<InputEntry>,
        books: Vec<BookEntry>,
        seconds: f64,
        interrupted: bool,
    ) -> Self {
        let mut totals = Totals {
            inputs: inputs.len(),
            books: books.len(),
            ..Totals::default()
        };
        for entry in &inputs {
            match entry.status {
                Status::Ok => totals.ok += 1,
                Status::Warning => totals.warning += 1,
                Status::Failed => totals.failed += 1,
            }
            totals.outputs += entry.outputs.len();
            totals.skipped += entry.skipped.len();
        }
        for book in &books {
            match (book.status, book.skipped) {
                (Status::Failed, _) => totals.books_failed += 1,
                (_, true) => totals.skipped += 1,
                (_, false) => totals.outputs += 1,
            }
        }
        Report {
            galley: env!("CARGO_PKG_VERSION"),
            interrupted,
            inputs,
            books,
            totals,
            seconds,
        }
    }

    /// Whether anything failed: an input or a book.
    pub fn failed(&self) -> bool {
        self.totals.failed > 0 || self.totals.books_failed > 0
    }

    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("the report serialises");
        json.push('\n');
        json
    }

    /// The one line a script's log shows at the end.
    pub fn summary(&self) -> String {
        let t = &self.totals;
        let books = if t.books > 0 {
            format!("; {} book(s), {} failed", t.books, t.books_failed)
        } else {
            String::new()
        };
        format!(
            "galley: {} input(s): {} ok, {} with warnings, {} failed{books}; {} output(s) written, {} up to date; {:.1} s",
            t.inputs, t.ok, t.warning, t.failed, t.outputs, t.skipped, self.seconds
        )
    }
}
