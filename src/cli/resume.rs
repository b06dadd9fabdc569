//! `--resume`: which outputs are already up to date, by a hash of what made them.
//!
//! Each finished output appends one JSON line to `.galley-resume` in the output
//! folder: `{"key":…,"output":…,"warnings":[…]}`, so a resumed run reports an
//! output it leaves alone with the warnings it was made with. Appending line by
//! line keeps the record true even after a kill. The record is never opened
//! through a symbolic link, and is read within a bound.

use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use galley::backend::Document;

use super::args::Target;
use super::report::WarningEntry;

const FILE_NAME: &str = ".galley-resume";

/// One finished output, as recorded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub key: String,
    pub output: String,
    /// What making it warned about (the backend's warnings; the reader's are
    /// had again when the input is read).
    #[serde(default)]
    pub warnings: Vec<WarningEntry>,
    /// A proof's facts (pages, overset, images), as the report gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<serde_json::Value>,
}

/// The record of finished outputs.
pub struct State {
    file: PathBuf,
    /// What was finished before this run, when resuming, by output.
    previous: BTreeMap<String, Record>,
    appender: Mutex<()>,
}

impl State {
    /// Opens the record in `output`; only with `resume` is the old record trusted.
    pub fn open(output: &Path, resume: bool) -> State {
        let file = output.join(FILE_NAME);
        let mut previous = BTreeMap::new();
        if resume {
            // A link planted at the record's name is not followed (`open_regular`
            // would follow it; the record is ours, so it is opened `O_NOFOLLOW`).
            let text = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
                .open(&file)
                .ok()
                .and_then(|f| {
                    let metadata = f.metadata().ok()?;
                    super::files::check_regular(&metadata).ok()?;
                    super::files::read_opened(f, &metadata, super::files::MAX_RECORD_BYTES).ok()
                })
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or_default();
            for line in text.lines() {
                if let Ok(record) = serde_json::from_str::<Record>(line) {
                    previous.insert(record.output.clone(), record);
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

    /// The record of `output` when it exists and was made from exactly these inputs.
    pub fn current(&self, output: &Path, key: &str) -> Option<&Record> {
        let is_file = std::fs::symlink_metadata(output).is_ok_and(|m| m.is_file());
        self.previous
            .get(&output.display().to_string())
            .filter(|record| is_file && record.key == key)
    }

    /// Records a finished output and what making it warned about.
    pub fn record(
        &self,
        output: &Path,
        key: &str,
        warnings: &[WarningEntry],
        proof: Option<&serde_json::Value>,
    ) {
        let _guard = self.appender.lock();
        let record = Record {
            key: key.to_string(),
            output: output.display().to_string(),
            warnings: warnings.to_vec(),
            proof: proof.cloned(),
        };
        let Ok(line) = serde_json::to_string(&record) else {
            return;
        };
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&self.file)
        {
            let _ = writeln!(file, "{line}");
        }
    }
}

/// A key for one output: the input's bytes, the target, the options that
/// shape it (style, media root, reading) and galley's version.
pub fn key(
    input: &[u8],
    target: Target,
    options: &str,
    media: Option<&super::media::Media>,
) -> String {
    let mut hash = Fnv::default();
    hash.write(env!("CARGO_PKG_VERSION").as_bytes());
    hash.write(&[0]);
    hash.write(target.extension().as_bytes());
    hash.write(&[0]);
    hash.write(options.as_bytes());
    hash.write(&[0]);
    hash.write(input);
    if let Some(media) = media {
        media_into(&mut hash, &media.files);
    }
    format!("{:016x}", hash.0)
}

/// Each image's name and bytes (or why it could not be had) into `hash`.
fn media_into(hash: &mut Fnv, files: &BTreeMap<String, Result<Vec<u8>, String>>) {
    for (src, media) in files {
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
        media_into(&mut hash, &doc.media);
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
