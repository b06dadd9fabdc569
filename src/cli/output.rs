//! Writing outputs whole or not at all, and never through a symbolic link: a
//! temporary file with an unpredictable name, created exclusively (`O_EXCL`,
//! so a link planted at its name is never followed) and locked while it is
//! written, then renamed over the output.

use std::collections::BTreeSet;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::files::{create_folders_inside, link_on_the_way, refused_link};
use super::input::io_reason;

/// Suffix of temporary files; a killed run's leftovers are recognised by it.
const PARTIAL_SUFFIX: &str = ".partial";

/// A temporary file nobody holds locked is a dead writer's only once it is
/// this old: a writer locks its file right after creating it, and this covers
/// the moment between.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Writes `bytes` to `path` (`-` is standard output) so that no reader ever sees a partial file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write to standard output: {}", io_reason(&e)));
    }
    let file = create_temporary(path)?;
    finish(file, path, bytes, None)
}

/// Like [`write_atomically`] for an output below the output folder `root`:
/// its folders are made, and a symbolic link at or above it inside `root` is
/// refused, naming the link.
pub fn write_inside(root: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
    prepare_inside(root, path)?;
    let file = create_temporary(path)?;
    finish(file, path, bytes, Some(root))
}

/// Makes the folders of an output below `root`, refusing symbolic links on the way.
fn prepare_inside(root: &Path, path: &Path) -> Result<(), String> {
    if let Some(link) = link_on_the_way(root, path) {
        return Err(refused_link(&link));
    }
    if let Some(parent) = path.parent() {
        create_folders_inside(root, parent).map_err(|message| {
            if message.contains("symbolic link") {
                message
            } else {
                format!("{}: cannot write: {message}", path.display())
            }
        })?;
    }
    Ok(())
}

/// A new temporary file beside `path`: `.NAME.RANDOM.partial`, created with
/// `O_EXCL` (never through a link) and locked for as long as it is written.
fn create_temporary(path: &Path) -> Result<tempfile::NamedTempFile, String> {
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", path.display()))?;
    refuse_link_at(path)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = format!(".{}.", truncate(&file_name.to_string_lossy(), 100));
    let file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(PARTIAL_SUFFIX)
        .rand_bytes(12)
        // As `File::create` would make it; the umask applies.
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(folder)
        .map_err(|e| cannot_write(path, &e))?;
    // A clean-up by another run sees the lock and leaves the file alone.
    try_lock(file.as_file())
        .map_err(|e| format!("{}: cannot lock the temporary file: {e}", path.display()))?;
    Ok(file)
}

/// The first `max` characters of `text`.
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A symbolic link at the output path is refused: renaming over it would be
/// harmless, but a link there is someone's attempt to send the output elsewhere.
fn refuse_link_at(path: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(refused_link(path)),
        _ => Ok(()),
    }
}

/// Fills the temporary file and renames it to `path`; removes it on failure.
fn finish(
    mut file: tempfile::NamedTempFile,
    path: &Path,
    bytes: &[u8],
    root: Option<&Path>,
) -> Result<(), String> {
    if let Some(root) = root {
        still_inside(root, file.path(), path)?;
    }
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| cannot_write(path, &e))?;
    refuse_link_at(path)?;
    if let Some(root) = root {
        still_inside(root, file.path(), path)?;
    }
    // `persist` is rename(2): it replaces `path` and never follows a link
    // there; on failure the temporary file is removed when dropped.
    file.persist(path)
        .map_err(|e| cannot_write(path, &e.error))?;
    Ok(())
}

/// Checked again once the temporary file exists, and before the rename: a
/// folder on the way swapped for a link after the first check is found (the
/// temporary file, ours and empty, is removed when dropped).
fn still_inside(root: &Path, temporary: &Path, path: &Path) -> Result<(), String> {
    if let Some(link) = link_on_the_way(root, path) {
        return Err(refused_link(&link));
    }
    let inside = match (root.canonicalize(), temporary.canonicalize()) {
        (Ok(root), Ok(temporary)) => temporary.starts_with(root),
        _ => false,
    };
    if inside {
        Ok(())
    } else {
        Err(format!(
            "{}: refused: a folder on the way was replaced while writing (galley never writes outside the output folder)",
            path.display()
        ))
    }
}

fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    format!("{}: cannot write: {}", path.display(), io_reason(e))
}

/// What an interrupt does before the process ends, e.g. write the report so far.
type Hook = Box<dyn Fn() + Send>;

/// The temporary files being written right now, so that Ctrl-C or a kill signal
/// can remove them before the process ends: an interrupted run leaves only whole files.
#[derive(Clone, Default)]
pub struct TempFiles {
    inner: Arc<Mutex<InFlight>>,
    hook: Arc<Mutex<Option<Hook>>>,
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

    /// Sets what an interrupt does after removing the temporary files and
    /// before the process ends.
    pub fn on_interrupt(&self, hook: impl Fn() + Send + 'static) {
        if let Ok(mut slot) = self.hook.lock() {
            *slot = Some(Box::new(hook));
        }
    }

    /// Removes every temporary file, runs the hook and ends the process; the
    /// lock is held to the end so no worker can start another.
    fn interrupt(&self) {
        let mut in_flight = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        in_flight.interrupted = true;
        for path in &in_flight.paths {
            let _ = std::fs::remove_file(path);
        }
        if let Ok(hook) = self.hook.lock() {
            if let Some(hook) = hook.as_ref() {
                hook();
            }
        }
        eprintln!("galley: interrupted; finished outputs are kept, partial ones removed");
        std::process::exit(i32::from(super::exit::INTERRUPTED));
    }

    /// Whether an interrupt arrived.
    pub fn interrupted(&self) -> bool {
        self.inner.lock().map(|f| f.interrupted).unwrap_or(true)
    }

    /// Writes `bytes` to `path` below the output folder `root` atomically
    /// (see [`write_inside`]), with the temporary file registered.
    pub fn write(&self, root: &Path, path: &Path, bytes: &[u8]) -> Result<(), String> {
        prepare_inside(root, path)?;
        let file = {
            let mut in_flight = self.inner.lock().map_err(|_| "interrupted".to_string())?;
            if in_flight.interrupted {
                return Err("interrupted".into());
            }
            // Created under the lock: an interrupt then either finds the file
            // and removes it, or comes first and no file is ever made.
            let file = create_temporary(path)?;
            in_flight.paths.insert(file.path().to_path_buf());
            file
        };
        let temporary = file.path().to_path_buf();
        let result = finish(file, path, bytes, Some(root));
        if let Ok(mut in_flight) = self.inner.lock() {
            in_flight.paths.remove(&temporary);
        }
        result
    }
}

/// Removes temporary files a killed run left below `dir` (only galley's own, by
/// name): one is a dead writer's when nobody holds its lock and it is older
/// than a minute. A live writer holds its lock, whatever its process id or
/// host (shards in other containers writing into the same folder).
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
                    && is_stale(&path) =>
            {
                let _ = std::fs::remove_file(&path);
            }
            _ => {}
        }
    }
}

/// Whether nobody writes the temporary file at `path` any more: its lock can
/// be taken and it is old enough (see [`STALE_AFTER`]).
fn is_stale(path: &Path) -> bool {
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    else {
        return false;
    };
    let old = file
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_AFTER);
    // The name is random: no new writer takes it between this and the removal.
    old && try_lock(&file).is_ok()
}

/// Takes an exclusive `flock` on `file` without waiting; it is let go when
/// the file is closed, or when its process dies however it dies.
fn try_lock(file: &std::fs::File) -> std::io::Result<()> {
    rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive)
        .map_err(std::io::Error::from)
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
