//! Opening files so that a hostile folder cannot turn a run against the host:
//! only regular files are read (a FIFO or a device is refused at once, never
//! waited on), every read has a bound, and a file confined to a folder is
//! opened first and then checked by the handle, so no symbolic-link swap wins.

use std::fs::{File, Metadata};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::input::io_reason;

/// The largest style sheet (TOML or CSS) read; a real one is a few kilobytes.
pub const MAX_STYLE_BYTES: u64 = 1024 * 1024;
/// The largest font file read.
pub const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;
/// The largest ICC output profile read; a CMYK one is a few megabytes.
pub const MAX_PROFILE_BYTES: u64 = 16 * 1024 * 1024;
/// The largest manifest read.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
/// The largest `--resume` record read.
pub const MAX_RECORD_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file is not read, in words (without its name: the caller names it).
pub type Reason = String;

/// Opens `path` for reading if it is a regular file. The open never blocks
/// (`O_NONBLOCK`, so a FIFO without a writer cannot hang the run) and the type
/// is checked on the opened handle, not on the path.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), Reason> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| io_reason(&e))?;
    let metadata = file.metadata().map_err(|e| io_reason(&e))?;
    check_regular(&metadata)?;
    Ok((file, metadata))
}

/// Refuses anything but a regular file, naming what it is.
pub fn check_regular(metadata: &Metadata) -> Result<(), Reason> {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a file"
    };
    Err(format!("not a regular file ({what})"))
}

/// Reads an opened regular file whole, refusing one over `limit` bytes
/// (whatever its size said when opened: it may grow while read).
pub fn read_opened(mut file: File, metadata: &Metadata, limit: u64) -> Result<Vec<u8>, Reason> {
    if metadata.len() > limit {
        return Err(over_limit(metadata.len(), limit));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(format!("refused: over the limit of {limit} bytes"));
    }
    Ok(bytes)
}

fn over_limit(len: u64, limit: u64) -> Reason {
    format!("refused: {len} bytes is over the limit of {limit} bytes")
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, Reason> {
    let (file, metadata) = open_regular(path)?;
    read_opened(file, &metadata, limit)
}

/// Opens `path`, which must lead (with every link followed) to a regular file
/// inside `root`. The file is opened first; then the path is resolved and the
/// resolved file must be the very file opened (device and inode), so a link
/// swapped between the check and the open cannot lead out. `outside` says
/// what the refusal names (e.g. "the article's folder").
pub fn open_inside(path: &Path, root: &Path, outside: &str) -> Result<(File, Metadata), Reason> {
    let root = root.canonicalize().map_err(|e| {
        format!(
            "the folder {} cannot be read: {}",
            root.display(),
            io_reason(&e)
        )
    })?;
    let (file, metadata) = open_regular(path)?;
    let real = path.canonicalize().map_err(|e| io_reason(&e))?;
    if !real.starts_with(&root) {
        return Err(format!("refused: a symbolic link leads out of {outside}"));
    }
    let named = std::fs::metadata(&real).map_err(|e| io_reason(&e))?;
    if (named.dev(), named.ino()) != (metadata.dev(), metadata.ino()) {
        return Err(format!(
            "refused: the file changed while it was opened (a symbolic link may lead out of {outside})"
        ));
    }
    Ok((file, metadata))
}

/// The identity of a file (device and inode), for telling one file reached
/// by two spellings; `None` when it cannot be had.
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The first symbolic link at or below `root` on the way to `path` (the
/// components after `root`, `path` itself included); `path` must start with `root`.
pub fn link_on_the_way(root: &Path, path: &Path) -> Option<PathBuf> {
    let rest = path.strip_prefix(root).ok()?;
    let mut at = root.to_path_buf();
    for component in rest.components() {
        at.push(component);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Some(at),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Creates the folders from `root` down to `folder`, one at a time, refusing
/// a symbolic link on the way (one planted there would lead the output out).
pub fn create_folders_inside(root: &Path, folder: &Path) -> Result<(), String> {
    let Ok(rest) = folder.strip_prefix(root) else {
        return std::fs::create_dir_all(folder).map_err(|e| {
            format!(
                "{}: cannot create the folder: {}",
                folder.display(),
                io_reason(&e)
            )
        });
    };
    let mut at = root.to_path_buf();
    for component in rest.components() {
        at.push(component);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return Err(refused_link(&at)),
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(format!(
                    "{}: cannot create the folder: a file of that name is in the way",
                    at.display()
                ))
            }
            Err(_) => match std::fs::create_dir(&at) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                        return Err(refused_link(&at));
                    }
                }
                Err(e) => {
                    return Err(format!(
                        "{}: cannot create the folder: {}",
                        at.display(),
                        io_reason(&e)
                    ))
                }
            },
        }
    }
    Ok(())
}

/// The error for a symbolic link found where an output goes.
pub fn refused_link(link: &Path) -> String {
    format!(
        "{}: refused: a symbolic link is in the way of the output (galley never writes through one)",
        link.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifos_devices_and_folders_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let started = std::time::Instant::now();
        assert!(read_limited(&fifo, 10).unwrap_err().contains("a FIFO"));
        assert!(read_limited(Path::new("/dev/zero"), 10)
            .unwrap_err()
            .contains("a device"));
        assert!(read_limited(dir.path(), 10)
            .unwrap_err()
            .contains("a folder"));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        std::fs::write(dir.path().join("big"), vec![b'x'; 11]).unwrap();
        assert!(read_limited(&dir.path().join("big"), 10)
            .unwrap_err()
            .contains("over the limit"));
        assert_eq!(read_limited(&dir.path().join("big"), 11).unwrap().len(), 11);
    }

    #[test]
    fn links_on_the_way_are_found_and_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("real")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("link")).unwrap();
        assert_eq!(link_on_the_way(&out, &out.join("real/a.pdf")), None);
        assert_eq!(
            link_on_the_way(&out, &out.join("link/a.pdf")),
            Some(out.join("link"))
        );
        assert!(create_folders_inside(&out, &out.join("link/deeper"))
            .unwrap_err()
            .contains("symbolic link"));
        assert!(!dir.path().join("deeper").exists());
        create_folders_inside(&out, &out.join("real/x/y")).unwrap();
        assert!(out.join("real/x/y").is_dir());
    }
}
