//! Batch manifests: a TOML or JSON file that lists a batch's inputs, with a
//! style and a series per input and defaults for the whole batch.
//!
//! ```toml
//! style = "a4"                 # page style for every input that names none
//! to = ["tree", "pdf", "epub"] # used when --to is not given
//! media_root = "media"         # images are looked for here
//!
//! [[inputs]]
//! path = "still-water/day2.txt"                          # relative to this file
//! series = { name = "Still Water", part = 2, total = 4 } # overrides the markup's
//! style = "tabloid"
//! hole = "4x210mm"                                       # COLUMNSxDEPTH, as --hole
//! ```
//!
//! A top-level `hole` is the default for every input; an entry's own wins.
//!
//! A `.toml` file named on the command line is a manifest; a `.json` file is one
//! when its top level is an object with an `inputs` key and neither `version`
//! nor `meta` (the keys of galley's tree JSON), else it is an article.

use std::path::{Component, Path, PathBuf};

use galley::diag::Location;
use galley::model::Series;
use galley::style::Hole;
use serde::{Deserialize, Deserializer};

use super::args::Target;

/// A manifest as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    inputs: Vec<RawEntry>,
    #[serde(default, deserialize_with = "style_name")]
    style: Option<String>,
    #[serde(default)]
    to: Option<Vec<Target>>,
    #[serde(default, deserialize_with = "non_empty")]
    media_root: Option<String>,
    #[serde(default, deserialize_with = "hole")]
    hole: Option<Hole>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(deserialize_with = "listed_path")]
    path: String,
    #[serde(default, deserialize_with = "style_name")]
    style: Option<String>,
    #[serde(default, deserialize_with = "series")]
    series: Option<Series>,
    #[serde(default, deserialize_with = "hole")]
    hole: Option<Hole>,
}

/// One input a manifest lists, its paths made relative to the working folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The article (or a folder of articles); it may not exist.
    pub path: PathBuf,
    /// The path as listed, kept below OUTDIR: where its outputs go.
    pub relative: PathBuf,
    /// Its page style, when the entry names one.
    pub style: Option<String>,
    /// Series fields that replace the markup's.
    pub series: Option<Series>,
    /// Its news hole, when the entry names one.
    pub hole: Option<Hole>,
}

/// A manifest read and checked.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The manifest file, for messages.
    pub file: PathBuf,
    pub entries: Vec<Entry>,
    pub style: Option<String>,
    pub to: Option<Vec<Target>>,
    pub media_root: Option<PathBuf>,
    /// The news hole of every input that names none.
    pub hole: Option<Hole>,
}

/// Whether a file named on the command line is a manifest (see the module docs).
pub fn is_manifest(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("toml") => true,
        Some("json") => super::files::read_limited(path, super::files::MAX_MANIFEST_BYTES)
            .is_ok_and(|bytes| looks_like_manifest(&bytes)),
        _ => false,
    }
}

fn looks_like_manifest(json: &[u8]) -> bool {
    // Only the top-level keys are looked at; values are skipped unparsed.
    #[derive(Deserialize)]
    struct Probe {
        inputs: Option<serde::de::IgnoredAny>,
        version: Option<serde::de::IgnoredAny>,
        meta: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_slice::<Probe>(json)
        .is_ok_and(|p| p.inputs.is_some() && p.version.is_none() && p.meta.is_none())
}

/// Reads and checks a manifest; the error names the file, line and key.
pub fn load(file: &Path) -> Result<Manifest, String> {
    let name = file.display().to_string();
    let bytes = super::files::read_limited(file, super::files::MAX_MANIFEST_BYTES)
        .map_err(|reason| format!("{name}: cannot read the manifest: {reason}"))?;
    let text = super::pdf::utf8(bytes).map_err(|reason| format!("{name}: {reason}"))?;
    let is_toml = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let raw: Raw = if is_toml {
        toml::from_str(&text).map_err(|e| {
            let at = e.span().map(|s| s.start);
            located(&name, &text, at, toml_key(&text, at), e.message())
        })?
    } else {
        serde_json::from_str(&text).map_err(|e| {
            let at = json_offset(&text, e.line(), e.column());
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            located(&name, &text, at, json_key(&text, at), message)
        })?
    };
    if raw.inputs.is_empty() {
        return Err(format!("{name}: `inputs` lists no files"));
    }
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let style_path = |style: String| match galley::style::Style::builtin(&style) {
        Some(_) => style,
        None => folder.join(style).display().to_string(),
    };
    let entries = raw
        .inputs
        .into_iter()
        .map(|entry| Entry {
            path: folder.join(&entry.path),
            relative: relative_of(Path::new(&entry.path)),
            style: entry.style.map(style_path),
            series: entry.series,
            hole: entry.hole,
        })
        .collect();
    Ok(Manifest {
        file: file.to_path_buf(),
        entries,
        style: raw.style.map(style_path),
        to: raw.to,
        media_root: raw.media_root.map(|m| folder.join(m)),
        hole: raw.hole,
    })
}

/// Where a listed path's outputs go: the path as listed, or only its last
/// name when it is absolute or climbs out with `..`, so no output lands
/// outside OUTDIR.
fn relative_of(listed: &Path) -> PathBuf {
    let inside = listed
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if inside {
        listed
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect()
    } else {
        listed.file_name().map(PathBuf::from).unwrap_or_default()
    }
}

fn located(
    name: &str,
    text: &str,
    offset: Option<usize>,
    key: Option<String>,
    message: &str,
) -> String {
    let place = offset.map_or(String::new(), |o| {
        format!(":{}", Location::of_offset(text.as_bytes(), o))
    });
    let key = key.map_or(String::new(), |k| format!("`{k}`: "));
    format!("{name}{place}: {key}{}", message.trim())
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn json_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    Some((start + column.saturating_sub(1)).min(text.len()))
}

/// The key nearest before `offset` in JSON text: serde_json errors point just
/// past the value that was wrong, and its key precedes it.
fn json_key(text: &str, offset: Option<usize>) -> Option<String> {
    let mut offset = offset?;
    // serde_json may point at a key's closing quote rather than past it.
    if text.get(offset..)?.starts_with('"') {
        offset += 1;
    }
    let before = text.get(..offset)?;
    // An unknown key: the error points just past the key itself.
    let after = text.get(offset..)?.trim_start();
    if after.starts_with(':') {
        let quoted = before.trim_end().strip_suffix('"')?;
        let open = quoted.rfind('"')?;
        return Some(quoted[open + 1..].to_string());
    }
    let colon = before.rfind(':')?;
    let quoted = before[..colon].trim_end().strip_suffix('"')?;
    let open = quoted.rfind('"')?;
    Some(quoted[open + 1..].to_string())
}

/// The dotted key (with `[n]` for array items) whose key or value holds `offset`.
fn toml_key(text: &str, offset: Option<usize>) -> Option<String> {
    let offset = offset?;
    let table = toml::de::DeTable::parse(text).ok()?;
    let mut path = String::new();
    find_in_table(table.get_ref(), offset, &mut path).then_some(path)
}

fn find_in_table(table: &toml::de::DeTable<'_>, offset: usize, path: &mut String) -> bool {
    for (k, v) in table.iter() {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(k.get_ref());
        let (ks, vs) = (k.span(), v.span());
        // Tables opened by a `[header]` do not span their keys, so look inside first.
        if find_in_value(v.get_ref(), offset, path)
            || (ks.start <= offset && offset < ks.end)
            || (vs.start <= offset && offset < vs.end)
        {
            return true;
        }
        path.truncate(len);
    }
    false
}

fn find_in_value(value: &toml::de::DeValue<'_>, offset: usize, path: &mut String) -> bool {
    match value {
        toml::de::DeValue::Table(t) => find_in_table(t, offset, path),
        toml::de::DeValue::Array(items) => items.iter().enumerate().any(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let span = item.span();
            let found = find_in_value(item.get_ref(), offset, path)
                || (span.start <= offset && offset < span.end);
            if !found {
                path.truncate(len);
            }
            found
        }),
        _ => false,
    }
}

fn non_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom("must not be empty"));
    }
    Ok(Some(s))
}

fn listed_path<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    non_empty(d).map(Option::unwrap_or_default)
}

/// A built-in style name or a `.toml` file; a file is looked for when the batch starts.
fn style_name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = String::deserialize(d)?;
    let is_file = Path::new(&s)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if galley::style::Style::builtin(&s).is_none() && !is_file {
        let names: Vec<&str> = galley::style::BUILTIN.iter().map(|(n, _)| *n).collect();
        return Err(serde::de::Error::custom(format!(
            "no style `{s}`: give a built-in name ({}) or a .toml file",
            names.join(", ")
        )));
    }
    Ok(Some(s))
}

/// A news hole written as `--hole` takes it (`4x210mm`).
fn hole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Hole>, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map(Some).map_err(serde::de::Error::custom)
}

fn series<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Series>, D::Error> {
    let series = Series::deserialize(d)?;
    if series.name.trim().is_empty() {
        return Err(serde::de::Error::custom(
            "the series `name` must not be empty",
        ));
    }
    if series.part == Some(0) || series.total == Some(0) {
        return Err(serde::de::Error::custom(
            "series `part` and `total` count from 1",
        ));
    }
    if let (Some(part), Some(total)) = (series.part, series.total) {
        if part > total {
            return Err(serde::de::Error::custom(format!(
                "series `part` {part} is greater than `total` {total}"
            )));
        }
    }
    Ok(Some(series))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_a_manifest_by_its_top_level_keys() {
        assert!(looks_like_manifest(br#"{"inputs": [{"path": "a.xml"}]}"#));
        assert!(!looks_like_manifest(br#"{"version": 1, "meta": {}}"#));
        assert!(!looks_like_manifest(br#"{"version": 1, "inputs": []}"#));
        assert!(!looks_like_manifest(br#"[{"inputs": 1}]"#));
        assert!(!looks_like_manifest(b"{\"inputs\": "));
    }

    #[test]
    fn stems_stay_below_the_output_folder() {
        assert_eq!(
            relative_of(Path::new("./a/b.xml")),
            PathBuf::from("a/b.xml")
        );
        assert_eq!(relative_of(Path::new("../x/c.txt")), PathBuf::from("c.txt"));
        assert_eq!(
            relative_of(Path::new("/abs/d.json")),
            PathBuf::from("d.json")
        );
    }

    #[test]
    fn keys_are_found_for_errors() {
        let toml = "style = \"a4\"\n[[inputs]]\npath = \"a.xml\"\n[[inputs]]\npath = \"b.xml\"\nseries = { name = \"X\", part = \"two\" }\n";
        let at = toml.find("\"two\"");
        assert_eq!(toml_key(toml, at).as_deref(), Some("inputs[1].series.part"));
        let json = "{\"inputs\": [{\"path\": \"a\", \"style\": 3}]}";
        assert_eq!(
            json_key(json, Some(json.find('3').unwrap() + 1)).as_deref(),
            Some("style")
        );
        let json = "{\"inputs\": [{\"path\": \"a\", \"colour\": 3}]}";
        let past_key = json.find("colour").unwrap() + "colour\"".len();
        assert_eq!(json_key(json, Some(past_key)).as_deref(), Some("colour"));
    }
}
