//! The container: epub-builder's zip rewritten so that the package and
//! navigation documents carry what epub-builder cannot write, and so that
//! every entry has a fixed timestamp whatever features the zip crate was
//! built with (one more way to a byte-identical book).

use std::io::{Cursor, Read, Write};

use super::package;

/// What the rewrite puts into epub-builder's documents.
pub struct Patches<'a> {
    /// The book's language.
    pub lang: &'a str,
    /// Package-document metadata epub-builder cannot write, as XML.
    pub extra_metadata: &'a str,
    /// The book's identifier as the package document gives it (`urn:uuid:…`).
    pub identifier: &'a str,
    /// The book's title.
    pub title: &'a str,
    /// Entries written here in place of epub-builder's empty stand-ins
    /// (images and fonts), by their path in the zip.
    pub payloads: &'a std::collections::BTreeMap<String, Vec<u8>>,
}

/// Rewrites epub-builder's zip: the package document gets its language and the
/// metadata epub-builder cannot write, the navigation document its language, the
/// NCX the identifier and title older readers look for, and every entry a fixed
/// timestamp (JPEG and PNG stored, the rest deflated).
pub fn repack(raw: &[u8], patches: &Patches<'_>) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

    let mut archive = ZipArchive::new(Cursor::new(raw)).map_err(|e| e.to_string())?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|e| e.to_string())?;
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
        drop(entry);
        let data: std::borrow::Cow<'_, [u8]> = match name.as_str() {
            "OEBPS/content.opf" => {
                let opf = String::from_utf8(data).map_err(|e| e.to_string())?;
                package::patch_opf(&opf, patches.lang, patches.extra_metadata)?
                    .into_bytes()
                    .into()
            }
            "OEBPS/toc.ncx" => {
                let ncx = String::from_utf8(data).map_err(|e| e.to_string())?;
                package::patch_ncx(&ncx, patches.identifier, patches.title)?
                    .into_bytes()
                    .into()
            }
            _ => match patches.payloads.get(&name) {
                Some(payload) => payload.as_slice().into(),
                None => data.into(),
            },
        };
        // Already compressed: deflating JPEG and PNG again costs time and gains nothing.
        let stored = name == "mimetype" || name.ends_with(".jpg") || name.ends_with(".png");
        let options = SimpleFileOptions::default()
            .compression_method(if stored {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            })
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        writer
            .start_file(name, options)
            .map_err(|e| e.to_string())?;
        writer.write_all(&data).map_err(|e| e.to_string())?;
    }
    let cursor = writer.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}
