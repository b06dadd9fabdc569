//! Expanding the inputs of a batch command (files and folders) into a sorted
//! list of article files.

use std::path::{Path, PathBuf};

use super::input::io_reason;

/// File extensions taken from folders; files named on the command line are
/// taken whatever their name.
pub const ARTICLE_EXTENSIONS: [&str; 5] = ["xml", "nitf", "txt", "text", "json"];

/// Folders deeper than this are not searched (a guard against odd trees).
const MAX_DEPTH: usize = 32;

/// The article files of `inputs`, sorted and without duplicates; folders are
/// searched recursively, skipping hidden entries and linked folders. Inputs
/// that cannot be read are returned as messages.
pub fn collect(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input == Path::new("-") {
            files.push(input.clone());
            continue;
        }
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let before = files.len();
                walk(input, 0, &mut files, &mut errors);
                if files.len() == before {
                    errors.push(format!(
                        "{}: no article files (.{}) in this folder",
                        input.display(),
                        ARTICLE_EXTENSIONS.join(", .")
                    ));
                }
            }
            Ok(_) => files.push(input.clone()),
            Err(e) => errors.push(format!(
                "{}: cannot read: {}",
                input.display(),
                io_reason(&e)
            )),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(folder: &Path, depth: usize, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(format!(
                "{}: cannot read: {}",
                folder.display(),
                io_reason(&e)
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let Ok(link) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link.is_dir() {
            walk(&path, depth + 1, files, errors);
        } else if path.is_file() && is_article_file(&path) {
            // A link to a file counts; a link to a folder is not followed.
            files.push(path);
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
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
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
        assert!(errors[0].contains("nowhere"));
        let _ = std::fs::remove_dir_all(&root);
    }
}
