//! Calendar arithmetic the backends and the command line share: whole
//! ISO 8601 dates and days since 1970 both ways (UTC). Dates in words are
//! the locale's (`crate::locale::Words::date`).

/// English month names, January first; [`crate::locale::Words::month`]
/// gives them in an article's language.
pub const MONTH_NAMES: [&str; 12] = crate::locale::ENGLISH.months;

/// A calendar date from the start of an ISO 8601 date (`2026-03-07`,
/// `20260307`, `2026-03-07T09:00:00Z`); partial dates give `None`.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let text = text.trim();
    let digits: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .filter(char::is_ascii_digit)
        .collect();
    if digits.len() < 8 || text.starts_with('-') {
        return None;
    }
    let year = digits[0..4].parse().ok()?;
    let month = digits[4..6].parse().ok()?;
    let day = digits[6..8].parse().ok()?;
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
        .then_some((year, month, day))
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since 1970-01-01 at midnight UTC of a calendar date.
pub fn epoch_seconds((year, month, day): (i32, u32, u32)) -> i64 {
    // Howard Hinnant's days-from-civil.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// Year, month, day, hour, minute, second (UTC) of seconds since 1970.
pub fn civil(time: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = time.div_euclid(86_400);
    let secs = time.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_only_when_whole() {
        assert_eq!(parse_date("2026-03-07"), Some((2026, 3, 7)));
        assert_eq!(parse_date("20260307T091000Z"), Some((2026, 3, 7)));
        assert_eq!(parse_date("--12-09"), None);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(epoch_seconds((1970, 1, 1)), 0);
        assert_eq!(epoch_seconds((2026, 3, 7)), 1_772_841_600);
    }

    #[test]
    fn seconds_and_days_agree_both_ways() {
        for day in [(1970, 1, 1), (2000, 2, 29), (2026, 3, 7), (1969, 12, 31)] {
            let (y, m, d, h, mi, s) = civil(epoch_seconds(day) + 3_723);
            assert_eq!((y as i32, m, d), day);
            assert_eq!((h, mi, s), (1, 2, 3));
        }
    }
}
