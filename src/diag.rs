//! Errors (what stops one article) and warnings (what a reader or backend noticed).

use std::fmt;

/// A place in an input file; lines and columns count from 1, columns in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Line number, from 1.
    pub line: u32,
    /// Column number in characters, from 1, where known.
    pub column: Option<u32>,
}

impl Location {
    /// A whole line.
    pub fn line(line: u32) -> Self {
        Location { line, column: None }
    }

    /// A line and column.
    pub fn at(line: u32, column: u32) -> Self {
        Location {
            line,
            column: Some(column),
        }
    }

    /// The line and column of a byte offset in `text` (an offset past the end is the end).
    pub fn of_offset(text: &[u8], offset: usize) -> Self {
        let before = &text[..offset.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Count characters, not bytes: UTF-8 continuation bytes do not start one.
        let column = before[line_start..]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count() as u32
            + 1;
        Location::at(line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(column) => write!(f, "{}:{}", self.line, column),
            None => write!(f, "{}", self.line),
        }
    }
}

/// Something noticed while reading or rendering; the run goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where in the input, when it concerns a place in it.
    pub location: Option<Location>,
    /// What was noticed, in words for the user.
    pub message: String,
}

impl Warning {
    /// A warning about no particular place.
    pub fn new(message: impl Into<String>) -> Self {
        Warning {
            location: None,
            message: message.into(),
        }
    }

    /// A warning about a place in the input.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Warning {
            location: Some(location),
            message: message.into(),
        }
    }
}

/// What stops one article: it names the place and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where in the input, when the error concerns a place in it.
    pub location: Option<Location>,
    /// What was wrong, and what was expected.
    pub message: String,
}

impl Error {
    /// An error about no particular place.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            location: None,
            message: message.into(),
        }
    }

    /// An error at a place in the input.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Error {
            location: Some(location),
            message: message.into(),
        }
    }

    /// The same error, shown with the name of the file it is about.
    pub fn in_file<'a>(&'a self, file: &'a str) -> InFile<'a> {
        InFile {
            file,
            location: self.location,
            kind: "error",
            message: &self.message,
        }
    }
}

impl Warning {
    /// The same warning, shown with the name of the file it is about.
    pub fn in_file<'a>(&'a self, file: &'a str) -> InFile<'a> {
        InFile {
            file,
            location: self.location,
            kind: "warning",
            message: &self.message,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

/// A diagnostic shown as `file:line:column: kind: message`, the form editors and CI read.
pub struct InFile<'a> {
    file: &'a str,
    location: Option<Location>,
    kind: &'a str,
    message: &'a str,
}

impl InFile<'_> {
    /// The same diagnostic under another kind, e.g. `note` for a reader's decision.
    pub fn as_kind<'b>(&'b self, kind: &'b str) -> InFile<'b> {
        InFile {
            file: self.file,
            location: self.location,
            kind,
            message: self.message,
        }
    }
}

/// A file name in a diagnostic is cut to this many characters, a message to
/// [`MAX_MESSAGE_CHARS`]: a 5 MB name or a runaway message is not echoed whole.
pub const MAX_NAME_CHARS: usize = 1024;
/// See [`MAX_NAME_CHARS`].
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// `text` cut to `max` characters, with `…` where it was cut.
pub fn cap(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}

impl fmt::Display for InFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = cap(self.file, MAX_NAME_CHARS);
        let message = cap(self.message, MAX_MESSAGE_CHARS);
        match self.location {
            Some(location) => write!(f, "{file}:{location}: {}: {message}", self.kind),
            None => write!(f, "{file}: {}: {message}", self.kind),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\nc\u{e9}d\n".as_bytes();
        assert_eq!(Location::of_offset(text, 0), Location::at(1, 1));
        assert_eq!(Location::of_offset(text, 3), Location::at(2, 1));
        // 'd' follows a two-byte character: byte 6, character column 3.
        assert_eq!(Location::of_offset(text, 6), Location::at(2, 3));
        assert_eq!(Location::of_offset(text, 999), Location::at(3, 1));
    }

    #[test]
    fn long_names_and_messages_are_cut() {
        let name = "n".repeat(5_000_000);
        let w = Warning::new("m".repeat(10_000));
        let shown = w.in_file(&name).to_string();
        assert!(shown.chars().count() < MAX_NAME_CHARS + MAX_MESSAGE_CHARS + 20);
        assert!(shown.contains("…: warning: "));
        assert_eq!(cap("kort", 10), "kort");
    }

    #[test]
    fn diagnostics_name_file_line_and_kind() {
        let e = Error::at(Location::at(4, 7), "expected `>`");
        assert_eq!(
            e.in_file("a.xml").to_string(),
            "a.xml:4:7: error: expected `>`"
        );
        let w = Warning::new("no headline");
        assert_eq!(
            w.in_file("a.txt").to_string(),
            "a.txt: warning: no headline"
        );
    }
}
