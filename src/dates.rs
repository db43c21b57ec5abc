//! Dates and times the way Dutch readers expect them, and the build clock.
//!
//! Editors write dates as `2026-01-20` and local times as `2026-01-20 19:30`
//! in the site's time zone; readers see "dinsdag 20 januari 2026" and
//! "19.30 uur". The build time honours `SOURCE_DATE_EPOCH`, so a rebuild of
//! the same content gives the same bytes.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Utc, Weekday};
use serde::{Deserialize, Deserializer};
use std::fmt;

const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// A calendar date from content, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// A wall-clock time in the site's time zone, written `YYYY-MM-DD HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(pub NaiveDateTime);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).map(Date).map_err(own_error)
    }
}

impl<'de> Deserialize<'de> for LocalDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_local_datetime(&text)
            .map(LocalDateTime)
            .map_err(own_error)
    }
}

/// A value error in our own words, marked so the YAML layer shows it as is.
pub fn own_error<E: serde::de::Error>(message: String) -> E {
    E::custom(format!("{}{message}", crate::source::OWN_MESSAGE))
}

/// Parses `YYYY-MM-DD`, naming impossible dates such as 2026-02-30.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(format!(
            "`{text}` is geen datum; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-20"
        ));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("de datum `{text}` bestaat niet; kijk of dag en maand kloppen (JJJJ-MM-DD)")
    })
}

/// Parses `YYYY-MM-DD HH:MM` (a `T` between date and time is accepted too).
pub fn parse_local_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    let (date, time) = text
        .split_once([' ', 'T'])
        .ok_or_else(|| format!("`{text}` mist een tijd; schrijf bijvoorbeeld 2026-01-20 19:30"))?;
    let date = parse_date(date)?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .map_err(|_| format!("`{time}` is geen geldige tijd; schrijf uren en minuten als 19:30"))?;
    Ok(date.and_time(time))
}

/// "dinsdag 20 januari 2026".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        weekday_name(date.weekday()),
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// "20 januari 2026".
pub fn date_without_weekday(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// "19.30" (Dutch style uses a dot between hours and minutes).
pub fn clock_time(time: chrono::NaiveTime) -> String {
    time.format("%H.%M").to_string()
}

pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS[day.num_days_from_monday() as usize]
}

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).saturating_sub(1).min(11)]
}

/// The moment of this build: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), otherwise the system clock.
pub fn build_time() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

/// Midnight at the start of `date` in the time zone `tz`, with its offset
/// (`2026-01-20T00:00:00+01:00` in Amsterdam). Where a clock change skips
/// midnight, the first moment of the day is used.
pub fn start_of_day(date: NaiveDate, tz: chrono_tz::Tz) -> DateTime<FixedOffset> {
    use chrono::{Offset, TimeZone};
    let mut naive = date.and_time(chrono::NaiveTime::MIN);
    for _ in 0..4 {
        if let Some(local) = tz.from_local_datetime(&naive).earliest() {
            return local.fixed_offset();
        }
        naive += chrono::Duration::minutes(30);
    }
    let utc = Utc.from_utc_datetime(&date.and_time(chrono::NaiveTime::MIN));
    utc.with_timezone(&Utc.fix())
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn long_dates_are_written_the_dutch_way() {
        assert_eq!(long_date(date("2026-01-20")), "dinsdag 20 januari 2026");
        assert_eq!(long_date(date("2026-03-01")), "zondag 1 maart 2026");
        assert_eq!(date_without_weekday(date("2026-12-31")), "31 december 2026");
    }

    #[test]
    fn impossible_dates_are_named() {
        let e = parse_date("2026-02-30").unwrap_err();
        assert!(e.contains("bestaat niet"), "{e}");
        let e = parse_date("20-01-2026").unwrap_err();
        assert!(e.contains("JJJJ-MM-DD"), "{e}");
    }

    #[test]
    fn a_day_starts_at_local_midnight_with_its_offset() {
        let tz = chrono_tz::Europe::Amsterdam;
        assert_eq!(
            start_of_day(date("2026-01-20"), tz).to_rfc3339(),
            "2026-01-20T00:00:00+01:00"
        );
        assert_eq!(
            start_of_day(date("2026-06-01"), tz).to_rfc3339(),
            "2026-06-01T00:00:00+02:00"
        );
        // Santiago de Chile skips midnight when summer time starts.
        let skipped = start_of_day(date("2026-09-06"), chrono_tz::America::Santiago);
        assert_eq!(skipped.to_rfc3339(), "2026-09-06T01:00:00-03:00");
    }

    #[test]
    fn local_times_need_hours_and_minutes() {
        let t = parse_local_datetime("2026-01-20 19:30").unwrap();
        assert_eq!(clock_time(t.time()), "19.30");
        assert!(parse_local_datetime("2026-01-20").is_err());
        assert!(parse_local_datetime("2026-01-20 25:00").is_err());
    }
}
