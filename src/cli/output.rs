//! Writing outputs whole or not at all: a temporary file in the same folder, then a rename.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::input::io_reason;

/// Suffix of temporary files; a killed run's leftovers are recognised by it.
const PARTIAL_SUFFIX: &str = ".partial";

/// Writes `bytes` to `path` (`-` is standard output) so that no reader ever sees a partial file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write to standard output: {}", io_reason(&e)));
    }
    let temporary = temporary_path(path)?;
    write_via(&temporary, path, bytes)
}

/// The hidden temporary name beside `path` that a write goes through.
fn temporary_path(path: &Path) -> Result<PathBuf, String> {
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", path.display()))?;
    Ok(path.with_file_name(format!(
        ".{}.{}{PARTIAL_SUFFIX}",
        file_name.to_string_lossy(),
        writer_tag()
    )))
}

/// `host-pid` of this process: shards on several hosts may share an output
/// folder, and a temporary file is only known to be stale by its writer.
fn writer_tag() -> String {
    format!("{}-{}", host_name(), std::process::id())
}

fn host_name() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_default();
    let name: String = name
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(32)
        .collect();
    if name.is_empty() {
        "host".into()
    } else {
        name
    }
}

/// A temporary file left by a process that is gone: one of this host whose
/// process no longer runs, or any one untouched for ten minutes (a live write
/// fills its file at once, so it is never that old).
fn is_stale(path: &Path, name: &str) -> bool {
    let old = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(600));
    let tag = name
        .strip_suffix(PARTIAL_SUFFIX)
        .and_then(|rest| rest.rsplit('.').next())
        .and_then(|tag| tag.rsplit_once('-'));
    let gone = match tag {
        Some((host, pid)) if host == host_name() && Path::new("/proc/self").exists() => pid
            .parse::<u32>()
            .is_ok_and(|pid| !Path::new(&format!("/proc/{pid}")).exists()),
        _ => false,
    };
    old || gone
}

fn write_via(temporary: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
    let file = std::fs::File::create(temporary).map_err(|e| cannot_write(path, &e))?;
    finish(file, temporary, path, bytes)
}

/// Fills the temporary file and renames it to `path`; removes it on failure.
fn finish(
    mut file: std::fs::File,
    temporary: &Path,
    path: &Path,
    bytes: &[u8],
) -> Result<(), String> {
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(temporary);
        cannot_write(path, &e)
    })
}

fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    format!("{}: cannot write: {}", path.display(), io_reason(e))
}

/// The temporary files being written right now, so that Ctrl-C or a kill signal
/// can remove them before the process ends: an interrupted run leaves only whole files.
#[derive(Clone, Default)]
pub struct TempFiles {
    inner: Arc<Mutex<InFlight>>,
}

#[derive(Default)]
struct InFlight {
    interrupted: bool,
    paths: BTreeSet<PathBuf>,
}

impl TempFiles {
    /// Registers the handler for SIGINT and SIGTERM; without one the registry still works.
    pub fn install_interrupt_handler() -> TempFiles {
        let files = TempFiles::default();
        let handler = files.clone();
        let _ = ctrlc::set_handler(move || handler.interrupt());
        files
    }

    /// Removes every temporary file and ends the process; the lock is held to the
    /// end so no worker can start another.
    fn interrupt(&self) {
        let mut in_flight = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        in_flight.interrupted = true;
        for path in &in_flight.paths {
            let _ = std::fs::remove_file(path);
        }
        eprintln!("galley: interrupted; finished outputs are kept, partial ones removed");
        std::process::exit(i32::from(super::exit::INTERRUPTED));
    }

    /// Whether an interrupt arrived.
    pub fn interrupted(&self) -> bool {
        self.inner.lock().map(|f| f.interrupted).unwrap_or(true)
    }

    /// Writes `bytes` to `path` atomically, with the temporary file registered.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), String> {
        let temporary = temporary_path(path)?;
        let file = {
            let mut in_flight = self.inner.lock().map_err(|_| "interrupted".to_string())?;
            if in_flight.interrupted {
                return Err("interrupted".into());
            }
            // Created under the lock: an interrupt then either finds the file
            // and removes it, or comes first and no file is ever made.
            let file = std::fs::File::create(&temporary).map_err(|e| cannot_write(path, &e))?;
            in_flight.paths.insert(temporary.clone());
            file
        };
        let result = finish(file, &temporary, path, bytes);
        if let Ok(mut in_flight) = self.inner.lock() {
            in_flight.paths.remove(&temporary);
        }
        result
    }
}

/// Removes temporary files a killed run left below `dir` (only galley's own, by
/// name), leaving those of runs still writing there (other shards).
pub fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_stale_partials(&path),
            Ok(kind)
                if kind.is_file()
                    && name.starts_with('.')
                    && name.ends_with(PARTIAL_SUFFIX)
                    && is_stale(&path, &name) =>
            {
                let _ = std::fs::remove_file(&path);
            }
            _ => {}
        }
    }
}

/// `stem`, or `stem-2`, `stem-3`… when an earlier output of the run took it.
pub fn unique_name(stem: &str, used: &mut Vec<String>) -> String {
    let mut name = stem.to_string();
    let mut n = 2;
    while used.contains(&name) {
        name = format!("{stem}-{n}");
        n += 1;
    }
    used.push(name.clone());
    name
}
