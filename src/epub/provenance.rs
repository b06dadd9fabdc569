//! Where each part came from, as the tree carries it: the source's
//! identifier, its dates as given, agency, rights, print position and
//! subject codes. The package states it per part (refining the part's
//! manifest item) and the part's head shows it.

use crate::model::Meta;

/// One article's provenance, every value as the input gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The source's identifier (NITF `doc-id`, NewsML-G2 `guid`).
    pub source_id: Option<String>,
    /// When the article was issued (NITF `date.issue`), as given.
    pub issued: Option<String>,
    /// When it was released (NITF `date.release`), as given.
    pub released: Option<String>,
    /// When this version was made (NewsML-G2 `versionCreated`, else NewsML
    /// 1.2 `ThisRevisionCreated`), as given.
    pub revised: Option<String>,
    /// The date its dateline gives, as given.
    pub filed: Option<String>,
    /// The agency or distributor.
    pub agency: Option<String>,
    /// Copyright or usage rights.
    pub rights: Option<String>,
    /// The print publication's name (NITF `pubdata@name`).
    pub publication: Option<String>,
    /// The print edition (`pubdata@edition.name`).
    pub edition: Option<String>,
    /// The newspaper section.
    pub section: Option<String>,
    /// The print page the article starts on (`pubdata@position.sequence`).
    pub page: Option<String>,
    /// Subject codes (IPTC subject reference numbers, G2 qcodes).
    pub subjects: Vec<String>,
}

/// A non-empty value on one line.
fn value(text: Option<&str>) -> Option<String> {
    let text = super::xhtml::xml_chars(text?.trim());
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

impl Provenance {
    /// What `meta` says of the article's origin.
    pub fn of(meta: &Meta) -> Provenance {
        let extra = |key: &str| value(meta.extra.get(key).map(String::as_str));
        let mut subjects = Vec::new();
        for key in ["tobject.subject.refnum", "newsml.subject.qcode"] {
            if let Some(codes) = meta.extra.get(key) {
                for code in codes.split("; ").filter_map(|c| value(Some(c))) {
                    if !subjects.contains(&code) {
                        subjects.push(code);
                    }
                }
            }
        }
        Provenance {
            source_id: value(meta.id.as_deref()).or_else(|| extra("newsml.guid")),
            issued: value(meta.date.as_deref()),
            released: extra("date.release"),
            revised: extra("newsml.versionCreated")
                .or_else(|| extra("newsml1.ThisRevisionCreated")),
            filed: value(meta.dateline.as_ref().and_then(|d| d.date.as_deref())),
            agency: value(meta.source.as_deref()),
            rights: value(meta.rights.as_deref()),
            publication: extra("pubdata.name"),
            edition: extra("pubdata.edition.name"),
            section: value(meta.section.as_deref()),
            page: extra("pubdata.position.sequence"),
            subjects,
        }
    }

    /// The newest moment its dates name, in seconds since 1970 (a date
    /// without a time counts from its midnight, UTC).
    pub fn newest(&self) -> Option<i64> {
        [&self.issued, &self.released, &self.revised]
            .into_iter()
            .flatten()
            .filter_map(|d| instant(d))
            .max()
    }

    /// Where it was printed, in words: "Northwind Press, Morning edition,
    /// Region section, page 4".
    pub fn print_line(&self, words: &crate::locale::Words) -> Option<String> {
        let mut parts = Vec::new();
        parts.extend(self.publication.clone());
        if let Some(edition) = &self.edition {
            parts.push(format!("{edition} {}", words.edition));
        }
        if let Some(section) = &self.section {
            parts.push(format!("{section} {}", words.section));
        }
        if let Some(page) = &self.page {
            parts.push(format!("{} {page}", words.page));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// Seconds since 1970 of an ISO 8601 date or date-time (`2026-08-03`,
/// `2026-08-03T06:15:00Z`, `2026-08-03T08:15:00+02:00`); a time without a
/// zone is taken as UTC.
pub fn instant(text: &str) -> Option<i64> {
    let text = text.trim();
    let day = crate::dates::epoch_seconds(crate::dates::parse_date(text)?);
    let Some((_, time)) = text.split_once('T') else {
        return Some(day);
    };
    let (clock, offset) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => (&time[..at], &time[at..]),
        None => (time, ""),
    };
    let clock: String = clock.chars().filter(|c| *c != ':').collect();
    let clock = clock.split('.').next().unwrap_or("");
    let field = |range: std::ops::Range<usize>| -> Option<i64> {
        match clock.get(range) {
            Some(s) if !s.is_empty() => s.parse().ok(),
            _ => Some(0),
        }
    };
    if !clock.bytes().all(|b| b.is_ascii_digit()) || clock.len() < 2 {
        return None;
    }
    let (h, m, s) = (field(0..2)?, field(2..4)?, field(4..6)?);
    if h > 24 || m > 59 || s > 60 {
        return None;
    }
    let offset = match offset.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
            let hours: i64 = digits.get(0..2)?.parse().ok()?;
            let minutes: i64 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            let seconds = hours * 3600 + minutes * 60;
            if sign == '+' {
                seconds
            } else {
                -seconds
            }
        }
        _ => 0,
    };
    Some(day + h * 3600 + m * 60 + s - offset)
}

/// A moment as the package writes `dcterms:modified`.
pub fn timestamp(seconds: i64) -> String {
    let (y, mo, d, h, mi, s) = crate::dates::civil(seconds);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_time_and_zone() {
        assert_eq!(instant("2026-08-03"), Some(1_785_715_200));
        assert_eq!(
            instant("2026-08-03T06:15:00Z"),
            Some(1_785_715_200 + 22_500)
        );
        assert_eq!(
            instant("2026-08-03T08:15:00+02:00"),
            instant("2026-08-03T06:15Z")
        );
        assert_eq!(
            instant("2026-08-03T061500Z"),
            instant("2026-08-03T06:15:00Z")
        );
        assert_eq!(instant("--08-03"), None);
        assert_eq!(timestamp(1_785_715_200 + 22_500), "2026-08-03T06:15:00Z");
    }
}
