//! Writing outputs whole or not at all: a temporary file in the same folder, then a rename.

use std::io::Write;
use std::path::Path;

use super::input::io_reason;

/// Writes `bytes` to `path` (`-` is standard output) so that no reader ever sees a partial file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write to standard output: {}", io_reason(&e)));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| format!("{}: not a file name", path.display()))?;
    let temporary = folder.join(format!(
        ".{}.{}.partial",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("{}: cannot write: {}", path.display(), io_reason(&e))
    })
}
