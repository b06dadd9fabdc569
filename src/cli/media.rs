//! Loading the images an article names, for any backend: only files inside the
//! article's folder (or the media root) are ever opened.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use galley::diag::Warning;
use galley::model::{Article, Block};

/// The largest image file loaded; a news photo is a few megabytes.
pub const MAX_MEDIA_BYTES: u64 = 50 * 1024 * 1024;

/// Sidecar photo extensions, in the order they are looked for.
const SIDECAR_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "JPG", "JPEG", "PNG"];

/// What loading an article's media gave.
#[derive(Debug, Default)]
pub struct Media {
    /// Each `src`: its bytes, or why they could not be had.
    pub files: BTreeMap<String, Result<Vec<u8>, String>>,
    /// Decisions taken, e.g. a sidecar photo given to a figure, and each refusal
    /// (the backend warns when it leaves the image out).
    pub notes: Vec<Warning>,
}

/// Loads every image `article` names, relative to the article's folder (or
/// `media_root`). A figure without `src` gets the photo beside the article
/// with the same stem (`day2.txt` → `day2.jpg`), and its `src` is set to it.
pub fn load_media(article_path: &Path, article: &mut Article, media_root: Option<&Path>) -> Media {
    let mut media = Media::default();
    let stdin = article_path == Path::new("-");
    let folder = match article_path.parent() {
        Some(p) if !p.as_os_str().is_empty() && !stdin => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = media_root
        .map(Path::to_path_buf)
        .unwrap_or_else(|| folder.clone());

    // The sidecar photo is looked for beside the article, whatever the media root.
    let mut sidecar: Option<(String, PathBuf)> = None;
    if !stdin && has_figure_without_src(&article.body) {
        if let Some(stem) = article_path.file_stem().and_then(|s| s.to_str()) {
            sidecar = SIDECAR_EXTENSIONS.iter().find_map(|ext| {
                let name = format!("{stem}.{ext}");
                let path = folder.join(&name);
                path.is_file().then_some((name, path))
            });
        }
        if let Some((name, _)) = &sidecar {
            if give_sidecar(&mut article.body, name) {
                media.notes.push(Warning::new(format!(
                    "the figure without an image file takes the photo beside the article, `{name}`"
                )));
            }
        }
    }

    let mut sources = Vec::new();
    collect_sources(&article.body, &mut sources);
    for src in sources {
        if media.files.contains_key(&src) {
            continue;
        }
        let result = match &sidecar {
            Some((name, path)) if *name == src => load_inside(path, &folder),
            _ => resolve(&base, &src).and_then(|path| load_inside(&path, &base)),
        };
        // The backend warns when it leaves the image out, naming this reason;
        // a warning here too would say it twice.
        if let Err(reason) = &result {
            media
                .notes
                .push(Warning::new(format!("image `{src}`: {reason}")));
        }
        media.files.insert(src, result);
    }
    media
}

/// The path of a `src` inside `base`, or why it is refused without being opened.
fn resolve(base: &Path, src: &str) -> Result<PathBuf, String> {
    let lower = src.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Err("remote images are never fetched".into());
    }
    if lower.starts_with("file:") {
        return Err("refused: `file:` URLs are not followed".into());
    }
    let scheme_end = src.find(':');
    if let Some(end) = scheme_end {
        let scheme = &src[..end];
        if end > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        {
            return Err(format!("refused: `{scheme}:` is not a file path"));
        }
    }
    let path = Path::new(src);
    if path.is_absolute() || src.starts_with('/') || src.starts_with('\\') || scheme_end == Some(1)
    {
        return Err("refused: absolute paths are not followed".into());
    }
    if path.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err("refused: `..` would lead out of the article's folder".into());
    }
    Ok(base.join(path))
}

/// Reads `path` if, with every symbolic link followed, it is a regular file
/// inside `base`. The file is opened first and the check is made on what was
/// opened (see [`super::files::open_inside`]), so a link swapped in between
/// cannot put a file from outside into the output.
fn load_inside(path: &Path, base: &Path) -> Result<Vec<u8>, String> {
    let (file, metadata) = super::files::open_inside(path, base, "the article's folder").map_err(
        |reason| match reason.as_str() {
            r if r.starts_with("not a regular file") => "not a file".to_string(),
            "no such file or directory" => format!("not found ({reason})"),
            _ => reason,
        },
    )?;
    super::files::read_opened(file, &metadata, MAX_MEDIA_BYTES)
}

fn is_missing(src: &Option<String>) -> bool {
    src.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn has_figure_without_src(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::Figure { src, .. } => is_missing(src),
        Block::Sidebar { body, .. }
        | Block::BlockQuote { body, .. }
        | Block::Container { body, .. } => has_figure_without_src(body),
        Block::List { items, .. } => items.iter().any(|i| has_figure_without_src(i)),
        _ => false,
    })
}

/// Sets the first `src`-less figure's `src` to `name`; whether one was found.
fn give_sidecar(blocks: &mut [Block], name: &str) -> bool {
    for block in blocks {
        let given = match block {
            Block::Figure { src, .. } if is_missing(src) => {
                *src = Some(name.to_string());
                true
            }
            Block::Sidebar { body, .. }
            | Block::BlockQuote { body, .. }
            | Block::Container { body, .. } => give_sidecar(body, name),
            Block::List { items, .. } => items.iter_mut().any(|i| give_sidecar(i, name)),
            _ => false,
        };
        if given {
            return true;
        }
    }
    false
}

fn collect_sources(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Figure { src: Some(src), .. } if !src.trim().is_empty() => out.push(src.clone()),
            Block::Sidebar { body, .. }
            | Block::BlockQuote { body, .. }
            | Block::Container { body, .. } => collect_sources(body, out),
            Block::List { items, .. } => items.iter().for_each(|i| collect_sources(i, out)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn temp_dir(name: &str) -> PathBuf {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "galley-media-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn article_with(srcs: &[Option<&str>]) -> Article {
        let mut article = Article::new();
        article.body = srcs
            .iter()
            .map(|src| Block::Figure {
                src: src.map(String::from),
                alt: None,
                caption: vec![],
                credit: None,
                width: None,
                height: None,
            })
            .collect();
        article
    }

    #[test]
    fn files_inside_the_folder_load_and_everything_else_is_refused() {
        let root = temp_dir("refusals");
        let folder = root.join("story");
        std::fs::create_dir_all(folder.join("photos")).unwrap();
        std::fs::write(folder.join("photos/ferry.jpg"), b"inside").unwrap();
        std::fs::write(root.join("secret.jpg"), b"outside").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("secret.jpg"), folder.join("escape.jpg")).unwrap();
        let secret = root.join("secret.jpg").display().to_string();
        let file_url = format!("file://{secret}");
        let srcs = [
            Some("photos/ferry.jpg"),
            Some("../secret.jpg"),
            Some(secret.as_str()),
            Some(file_url.as_str()),
            Some("https://example.org/x.jpg"),
            Some("escape.jpg"),
            Some("missing.jpg"),
        ];
        let mut article = article_with(&srcs);
        let media = load_media(&folder.join("story.xml"), &mut article, None);
        assert_eq!(media.files["photos/ferry.jpg"], Ok(b"inside".to_vec()));
        for src in &srcs[1..] {
            let src = src.unwrap();
            if src == "escape.jpg" && !cfg!(unix) {
                continue;
            }
            let reason = media.files[src].as_ref().expect_err(src);
            assert!(!reason.is_empty());
            assert!(
                media.notes.iter().any(|w| w.message.contains(src)),
                "no note names {src}: {:?}",
                media.notes
            );
        }
        assert!(media.files["../secret.jpg"]
            .as_ref()
            .unwrap_err()
            .contains(".."));
        assert!(media.files["https://example.org/x.jpg"]
            .as_ref()
            .unwrap_err()
            .contains("never fetched"));
        #[cfg(unix)]
        assert!(media.files["escape.jpg"]
            .as_ref()
            .unwrap_err()
            .contains("symbolic link"));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn oversized_files_are_refused() {
        let folder = temp_dir("size");
        let file = std::fs::File::create(folder.join("huge.png")).unwrap();
        file.set_len(MAX_MEDIA_BYTES + 1).unwrap();
        let mut article = article_with(&[Some("huge.png")]);
        let media = load_media(&folder.join("a.json"), &mut article, None);
        assert!(media.files["huge.png"]
            .as_ref()
            .unwrap_err()
            .contains("over the limit"));
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_figure_without_src_takes_the_sidecar_photo() {
        let folder = temp_dir("sidecar");
        std::fs::write(folder.join("day2.jpeg"), b"photo").unwrap();
        let mut article = article_with(&[None, None]);
        let media = load_media(&folder.join("day2.txt"), &mut article, None);
        assert_eq!(media.files["day2.jpeg"], Ok(b"photo".to_vec()));
        assert_eq!(media.notes.len(), 1);
        let srcs: Vec<_> = article
            .body
            .iter()
            .map(|b| match b {
                Block::Figure { src, .. } => src.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(srcs, vec![Some("day2.jpeg".to_string()), None]);

        // No photo beside the article: the figure stays without one.
        let mut article = article_with(&[None]);
        let media = load_media(&folder.join("day3.txt"), &mut article, None);
        assert!(media.files.is_empty() && media.notes.is_empty());
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_media_root_replaces_the_article_folder() {
        let root = temp_dir("root");
        std::fs::create_dir_all(root.join("media")).unwrap();
        std::fs::write(root.join("media/a.png"), b"png").unwrap();
        let mut article = article_with(&[Some("a.png")]);
        let media = load_media(
            &root.join("text/a.xml"),
            &mut article,
            Some(&root.join("media")),
        );
        assert_eq!(media.files["a.png"], Ok(b"png".to_vec()));
        let _ = std::fs::remove_dir_all(&root);
    }
}
