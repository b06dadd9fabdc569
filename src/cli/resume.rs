//! `--resume`: which outputs are already up to date, by a hash of what made them.
//!
//! Each finished output appends `<key> <path>` to `.galley-resume` in the output
//! folder; appending line by line keeps the record true even after a kill.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use galley::backend::Document;

use super::args::Target;

const FILE_NAME: &str = ".galley-resume";

/// The record of finished outputs.
pub struct State {
    file: PathBuf,
    /// What was finished before this run, when resuming.
    previous: BTreeMap<String, String>,
    appender: Mutex<()>,
}

impl State {
    /// Opens the record in `output`; only with `resume` is the old record trusted.
    pub fn open(output: &Path, resume: bool) -> State {
        let file = output.join(FILE_NAME);
        let mut previous = BTreeMap::new();
        if resume {
            if let Ok(text) = std::fs::read_to_string(&file) {
                for line in text.lines() {
                    if let Some((key, path)) = line.split_once(' ') {
                        previous.insert(path.to_string(), key.to_string());
                    }
                }
            }
        } else {
            let _ = std::fs::remove_file(&file);
        }
        State {
            file,
            previous,
            appender: Mutex::new(()),
        }
    }

    /// Whether `output` exists and was made from exactly these inputs.
    pub fn is_current(&self, output: &Path, key: &str) -> bool {
        output.is_file()
            && self
                .previous
                .get(&output.display().to_string())
                .map(String::as_str)
                == Some(key)
    }

    /// Records a finished output.
    pub fn record(&self, output: &Path, key: &str) {
        let _guard = self.appender.lock();
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.file)
        {
            let _ = writeln!(file, "{key} {}", output.display());
        }
    }
}

/// A key for one output: the input's bytes, the target, the options that
/// shape it (style, media root, reading) and galley's version.
pub fn key(input: &[u8], target: Target, options: &str) -> String {
    let mut hash = Fnv::default();
    hash.write(env!("CARGO_PKG_VERSION").as_bytes());
    hash.write(&[0]);
    hash.write(target.extension().as_bytes());
    hash.write(&[0]);
    hash.write(options.as_bytes());
    hash.write(&[0]);
    hash.write(input);
    format!("{:016x}", hash.0)
}

/// A key for one book: every member as read (its tree and the bytes of each
/// image it names, so a changed photo redoes the book), the book options and
/// galley's version.
pub fn book_key(docs: &[Document], options: &str) -> String {
    let mut hash = Fnv::default();
    hash.write(env!("CARGO_PKG_VERSION").as_bytes());
    hash.write(b"\0epub\0");
    hash.write(options.as_bytes());
    for doc in docs {
        hash.write(&[0]);
        hash.write(doc.origin.as_bytes());
        hash.write(&[0]);
        hash.write(galley::model::to_json(&doc.article).as_bytes());
        for (src, media) in &doc.media {
            hash.write(&[1]);
            hash.write(src.as_bytes());
            hash.write(&[0]);
            match media {
                Ok(bytes) => {
                    hash.write(&(bytes.len() as u64).to_le_bytes());
                    hash.write(bytes);
                }
                Err(reason) => hash.write(reason.as_bytes()),
            }
        }
    }
    format!("{:016x}", hash.0)
}

/// FNV-1a, 64 bits: stable across runs, platforms and Rust versions.
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds bytes to the hash.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}
