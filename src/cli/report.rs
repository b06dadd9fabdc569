//! The JSON report of a run: each input's status, outputs, warnings and error.

use serde::{Deserialize, Serialize};

use galley::diag::{Error, Warning, MAX_MESSAGE_CHARS, MAX_NAME_CHARS};

/// How one input fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Warning,
    Failed,
}

/// What a warning is about, so a script can tell a preflight warning from a
/// reader's guess (see `docs/report.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The input's markup or text is wrong or incomplete.
    Input,
    /// A reader's guess (a dateline, a byline, a section) that may be wrong.
    Heuristic,
    /// An image: missing, refused, broken or too large.
    Media,
    /// A print check: colour, resolution, bleed.
    Preflight,
    /// Text or objects that did not fit.
    Overset,
    /// Lines set loose or overfull.
    Loose,
    /// A face or glyph missing.
    Font,
    /// The style sheet.
    Style,
}

impl Kind {
    /// The kind of a backend's warning, from its wording: the backends word
    /// each kind alike (`tests` below pin every family they write). Print
    /// checks on an image come before the image itself, an image before
    /// fitting (a reason may say "cut short").
    pub fn of_backend(message: &str) -> Kind {
        let m = message.to_ascii_lowercase();
        let any = |words: &[&str]| words.iter().any(|w| m.contains(w));
        if any(&["cmyk", " ppi", "resolution", "bleed", "preflight"]) {
            Kind::Preflight
        } else if m.starts_with("image `")
            || any(&[
                ": image `",
                "placeholder",
                "photo",
                "cover image",
                "cover is drawn",
            ])
        {
            Kind::Media
        } else if any(&[
            "overset",
            "did not fit",
            "no room",
            "short of filling",
            " cut:",
            "no text under them",
        ]) {
            Kind::Overset
        } else if any(&["loose", "overfull", "wider than its measure", "total fit"]) {
            Kind::Loose
        } else if any(&["glyph", "font", "face"]) {
            Kind::Font
        } else if any(&["style"]) {
            Kind::Style
        } else {
            Kind::Input
        }
    }
}

/// Where a diagnostic points: the file, and the line and column when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// One warning: what it comes from, where it points, its kind and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningEntry {
    /// The article (its input path) or the book (its output path) being made.
    pub origin: String,
    /// The file the warning is about, and the place in it when known.
    pub location: Place,
    pub kind: Kind,
    pub message: String,
}

impl WarningEntry {
    /// A warning about `file`, made while `origin` was.
    pub fn new(origin: &str, file: &str, kind: Kind, w: &Warning) -> Self {
        WarningEntry {
            origin: cap(origin, MAX_NAME_CHARS),
            location: Place {
                file: cap(file, MAX_NAME_CHARS),
                line: w.location.map(|l| l.line),
                column: w.location.and_then(|l| l.column),
            },
            kind,
            message: cap(&w.message, MAX_MESSAGE_CHARS),
        }
    }
}

/// Names and messages in a report are cut as on standard error.
fn cap(text: &str, max: usize) -> String {
    galley::diag::cap(text, max).into_owned()
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
            file: cap(file, MAX_NAME_CHARS),
            line: e.location.map(|l| l.line),
            column: e.location.and_then(|l| l.column),
            message: cap(&e.message, MAX_MESSAGE_CHARS),
        }
    }

    pub fn plain(file: &str, message: String) -> Self {
        ErrorEntry {
            file: cap(file, MAX_NAME_CHARS),
            line: None,
            column: None,
            message: cap(&message, MAX_MESSAGE_CHARS),
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
    /// The page proof's facts (pages, overset, images), when one was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<serde_json::Value>,
    pub seconds: f64,
}

impl InputEntry {
    pub fn new(path: &str) -> Self {
        InputEntry {
            path: cap(path, MAX_NAME_CHARS),
            status: Status::Ok,
            outputs: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            error: None,
            proof: None,
            seconds: 0.0,
        }
    }

    /// An input (or a file below one) that could not even be listed.
    pub fn unreadable(u: &super::collect::Unreadable) -> Self {
        let mut entry = InputEntry::new(&u.name);
        entry.fail(ErrorEntry::plain(&u.name, u.reason.clone()));
        entry
    }

    /// Marks the input failed; the first error is the one kept.
    pub fn fail(&mut self, error: ErrorEntry) {
        self.status = Status::Failed;
        self.error.get_or_insert(error);
    }

    /// Adds warnings; an input that was ok now has warnings.
    pub fn add(&mut self, warnings: impl IntoIterator<Item = WarningEntry>) {
        let before = self.warnings.len();
        self.warnings.extend(warnings);
        if self.warnings.len() > before && self.status == Status::Ok {
            self.status = Status::Warning;
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

impl BookEntry {
    /// A book of these articles, ok until told otherwise.
    pub fn new(path: &str, inputs: Vec<String>) -> Self {
        BookEntry {
            path: cap(path, MAX_NAME_CHARS),
            status: Status::Ok,
            inputs,
            skipped: false,
            identifier: None,
            sha256: None,
            catalogued: None,
            warnings: Vec::new(),
            error: None,
            seconds: 0.0,
        }
    }

    /// Adds a warning; a book that was ok now has warnings.
    pub fn add_warning(&mut self, warning: WarningEntry) {
        self.warnings.push(warning);
        if self.status == Status::Ok {
            self.status = Status::Warning;
        }
    }

    /// Marks the book failed; the first error is the one kept.
    pub fn fail(&mut self, error: ErrorEntry) {
        self.status = Status::Failed;
        self.error.get_or_insert(error);
    }
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
    /// The command that wrote it: `pdf`, `epub` or `batch`.
    pub command: &'static str,
    pub interrupted: bool,
    pub inputs: Vec<InputEntry>,
    pub books: Vec<BookEntry>,
    pub totals: Totals,
    pub seconds: f64,
}

impl Report {
    pub fn new(
        command: &'static str,
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
            command,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_warnings_get_their_kind_from_their_wording() {
        let cases = [
            ("image `a.jpg` is 120 ppi as placed (under 200)", Kind::Preflight),
            ("image `a.jpg` is RGB in a CMYK style", Kind::Preflight),
            (
                "image `a.jpg`: broken JPEG: the file is cut short (no end-of-image marker); placeholder drawn",
                Kind::Media,
            ),
            ("day2.txt: image `a.png` left out (not a JPEG or PNG file); its caption is kept", Kind::Media),
            ("the lead photo cannot go on the cover (too small); a plain cover is drawn", Kind::Media),
            ("12 lines overset", Kind::Overset),
            ("2 placed objects did not fit", Kind::Overset),
            ("the story is 40 lines short of filling its hole", Kind::Overset),
            ("pull quote \u{201C}We\u{201D} cut: no place on the page with text under it", Kind::Overset),
            ("1 pull quotes have no text under them; cut or move them", Kind::Overset),
            ("the headline and deck fill the first page: no room for the body", Kind::Overset),
            ("3 body lines set looser than the justification tolerance", Kind::Loose),
            ("paragraph 4: line 2 is 3.1 pt wider than its measure", Kind::Loose),
            ("paragraph 4: too long for total fit (90000 items); broken line by line", Kind::Loose),
            ("paragraph 2: no glyph for \u{2603}", Kind::Font),
            ("no font of the family `Garamond`; set in Charis SIL", Kind::Font),
            ("day1.xml: figure 2 has no alt text; its caption is used instead", Kind::Input),
            ("day1.xml: part 2 of \"Tide\" is also day2.xml; both are kept", Kind::Input),
        ];
        for (message, kind) in cases {
            assert_eq!(Kind::of_backend(message), kind, "{message}");
        }
    }
}
