//! Expanding the inputs of a batch command (files and folders) into a sorted
//! list of article files.

use std::path::{Path, PathBuf};

use super::input::io_reason;

/// File extensions taken from folders; files named on the command line are
/// taken whatever their name.
pub const ARTICLE_EXTENSIONS: [&str; 5] = ["xml", "nitf", "txt", "text", "json"];

/// Folders deeper than this are not searched (a guard against odd trees).
const MAX_DEPTH: usize = 32;

/// An article file to convert, and the folder given that it was found in
/// (it must not lead out of that folder); `None` for a file named itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    pub root: Option<PathBuf>,
}

/// An input, or a file or folder below one, that cannot be converted: its
/// name as shown and why. Only that input fails; the others go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub name: String,
    pub reason: String,
    /// An input named on the command line that is not there, or a folder with
    /// no article in it: a mistake in the command more than a broken input.
    pub missing: bool,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

/// The article files of `inputs`, sorted and without duplicates; folders are
/// searched recursively, skipping hidden entries and linked folders. Inputs
/// that cannot be read are returned apart.
pub fn collect(inputs: &[PathBuf]) -> (Vec<Found>, Vec<Unreadable>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input == Path::new("-") {
            files.push(Found {
                path: input.clone(),
                root: None,
            });
            continue;
        }
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let before = (files.len(), errors.len());
                let real_root = input.canonicalize().unwrap_or_else(|_| input.clone());
                walk(input, &real_root, input, 0, &mut files, &mut errors);
                if (files.len(), errors.len()) == before {
                    errors.push(Unreadable {
                        name: input.display().to_string(),
                        reason: format!(
                            "no article files (.{}) in this folder",
                            ARTICLE_EXTENSIONS.join(", .")
                        ),
                        missing: true,
                    });
                }
            }
            Ok(_) => files.push(Found {
                path: input.clone(),
                root: None,
            }),
            Err(e) => errors.push(Unreadable {
                name: input.display().to_string(),
                reason: format!("cannot read: {}", io_reason(&e)),
                missing: e.kind() == std::io::ErrorKind::NotFound,
            }),
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.path == b.path);
    (files, errors)
}

fn walk(
    root: &Path,
    real_root: &Path,
    folder: &Path,
    depth: usize,
    files: &mut Vec<Found>,
    errors: &mut Vec<Unreadable>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Unreadable {
                name: folder.display().to_string(),
                reason: format!("cannot read the folder: {}", io_reason(&e)),
                missing: false,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name() else {
            continue;
        };
        let Some(name) = name.to_str() else {
            // Named, not skipped in silence: outputs and reports need a name in text.
            errors.push(Unreadable {
                name: path.display().to_string(),
                reason: "not read: the name is not valid UTF-8".into(),
                missing: false,
            });
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let Ok(link) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link.is_dir() {
            walk(root, real_root, &path, depth + 1, files, errors);
        } else if path.is_file() && is_article_file(&path) {
            // A link to a file counts when it stays in the folder given; a
            // link to a folder is not followed.
            if link.file_type().is_symlink()
                && !path
                    .canonicalize()
                    .is_ok_and(|real| real.starts_with(real_root))
            {
                errors.push(Unreadable {
                    name: path.display().to_string(),
                    reason: "refused: a symbolic link leads out of the input folder".into(),
                    missing: false,
                });
                continue;
            }
            files.push(Found {
                path,
                root: Some(root.to_path_buf()),
            });
        }
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_to_sorted_article_files() {
        let root = std::env::temp_dir().join(format!("galley-collect-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("series/more")).unwrap();
        std::fs::create_dir_all(root.join(".hidden")).unwrap();
        for name in [
            "series/day2.txt",
            "series/day1.xml",
            "series/day2.jpg",
            "series/more/day3.JSON",
            ".hidden/x.xml",
            "loose.md",
        ] {
            std::fs::write(root.join(name), b"x").unwrap();
        }
        let inputs = vec![
            root.clone(),
            root.join("loose.md"),
            root.join("series/day1.xml"),
            root.join("nowhere"),
        ];
        let (files, errors) = collect(&inputs);
        let names: Vec<_> = files
            .iter()
            .map(|f| f.path.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            vec![
                "loose.md",
                "series/day1.xml",
                "series/day2.txt",
                "series/more/day3.JSON"
            ]
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].name.contains("nowhere"));
        let _ = std::fs::remove_dir_all(&root);
    }
}
