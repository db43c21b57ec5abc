//! Dates and times the way Dutch readers expect them, and the build clock.
//!
//! Editors write dates as `2026-01-20` and local times as `2026-01-20 19:30`
//! in the site's time zone; readers see "dinsdag 20 januari 2026" and
//! "19.30 uur". The build time honours `SOURCE_DATE_EPOCH`, so a rebuild of
//! the same content gives the same bytes.
//!
//! Limits, so every date fits every format written (four-digit years in
//! iCalendar, Atom and sitemaps, an end time a day or more after the start):
//! - dates in content lie in the years [`MIN_YEAR`]–[`MAX_YEAR`] (1900–2200:
//!   far beyond any meeting, edition or round, and a typo such as `9026` or
//!   `0226` is caught with its file and line);
//! - `SOURCE_DATE_EPOCH` is a whole number of seconds since 1970-01-01 UTC,
//!   up to the end of the year 9999 ([`source_date_epoch`]). Anything else
//!   is an error (the command line stops with exit status 2), never a quiet
//!   fall back to the clock, which would make the build unreproducible.

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

/// A day (`YYYY-MM-DD`) or a wall-clock time (`YYYY-MM-DD HH:MM`): an
/// activity starts at a time, or lasts whole days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateOrTime {
    Date(NaiveDate),
    Time(NaiveDateTime),
}

impl DateOrTime {
    pub fn date(self) -> NaiveDate {
        match self {
            DateOrTime::Date(d) => d,
            DateOrTime::Time(t) => t.date(),
        }
    }
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
pub fn parse_date_or_time(text: &str) -> Result<DateOrTime, String> {
    let text = text.trim();
    if text.contains([' ', 'T']) {
        parse_local_datetime(text).map(DateOrTime::Time)
    } else {
        parse_date(text).map(DateOrTime::Date)
    }
}

impl<'de> Deserialize<'de> for DateOrTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date_or_time(&text).map_err(own_error)
    }
}

/// A value error in our own words, marked so the YAML layer shows it as is.
pub fn own_error<E: serde::de::Error>(message: String) -> E {
    E::custom(format!("{}{message}", crate::content::source::OWN_MESSAGE))
}

/// The first year a date in content may have.
pub const MIN_YEAR: i32 = 1900;
/// The last year a date in content may have.
pub const MAX_YEAR: i32 = 2200;

/// Parses `YYYY-MM-DD`, naming impossible dates such as 2026-02-30 and
/// years outside [`MIN_YEAR`]–[`MAX_YEAR`].
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
        if let Some(meant) = guess_date(text) {
            return Err(format!(
                "`{text}` is geen datum in de vorm JJJJ-MM-DD; bedoelt u {meant}? Schrijf \
                 de datum als {meant} (jaar-maand-dag)",
                meant = meant.format("%Y-%m-%d")
            ));
        }
        return Err(format!(
            "`{text}` is geen datum; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-20"
        ));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("de datum `{text}` bestaat niet; kijk of dag en maand kloppen (JJJJ-MM-DD)")
    })?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        return Err(format!(
            "het jaar in de datum `{text}` kan niet kloppen; wijksite kent de jaren \
             {MIN_YEAR} tot en met {MAX_YEAR}: kijk of u het jaar goed hebt getypt"
        ));
    }
    Ok(date)
}

/// Parses `YYYY-MM-DD HH:MM` (a `T` between date and time is accepted too).
pub fn parse_local_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let text = text.trim();
    strict_local_datetime(text).map_err(|problem| match guess_local_datetime(text) {
        Some(meant) => format!(
            "`{text}` is geen datum met tijd in de vorm JJJJ-MM-DD UU:MM; bedoelt u \
             {meant}? Schrijf {meant} (jaar-maand-dag, dan uren:minuten)",
            meant = meant.format("%Y-%m-%d %H:%M")
        ),
        None => problem,
    })
}

/// What an editor probably meant by a date in another spelling:
/// `04-02-2027`, `4-2-2027`, `4/2/2027`, `04.02.2027` (day first, the Dutch
/// way), `2027/02/04`, `2027-2-4`, `4 februari 2027`, `di 4 feb 2027`.
/// `None` when nothing sensible fits.
pub fn guess_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches(',').to_lowercase();
    let numbers: Vec<&str> = text.split(['-', '/', '.']).map(str::trim).collect();
    let number = |t: &str| -> Option<u32> {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let date = if let [a, b, c] = numbers.as_slice() {
        let (a_text, c_text) = (*a, *c);
        let (a, b, c) = (number(a)?, number(b)?, number(c)?);
        if a_text.len() == 4 {
            NaiveDate::from_ymd_opt(a as i32, b, c)?
        } else if c_text.len() == 4 {
            NaiveDate::from_ymd_opt(c as i32, b, a)?
        } else {
            return None;
        }
    } else {
        // "4 februari 2027", perhaps with a weekday and a dot: "di 4 feb. 2027".
        let words: Vec<&str> = text
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .filter(|w| {
                !WEEKDAYS
                    .iter()
                    .any(|d| d.starts_with(w.trim_end_matches('.')))
            })
            .collect();
        let [day, month, year] = words.as_slice() else {
            return None;
        };
        let month = month.trim_end_matches('.');
        let month = MONTHS
            .iter()
            .position(|m| month.len() >= 3 && m.starts_with(month))?
            + 1;
        if year.len() != 4 {
            return None;
        }
        NaiveDate::from_ymd_opt(number(year)? as i32, month as u32, number(day)?)?
    };
    (MIN_YEAR..=MAX_YEAR).contains(&date.year()).then_some(date)
}

/// A date and time in another spelling (see [`guess_date`]); the time may
/// be written `19.30`, `19u30`, `19h30` or `19:30 uur`.
pub fn guess_local_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().to_lowercase();
    let text = text.trim_end_matches("uur").trim_end();
    let (date, time) = text.rsplit_once([' ', 'T', 't'])?;
    let time = time.replace(['.', 'u', 'h'], ":");
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    let date = parse_date(date).ok().or_else(|| guess_date(date))?;
    Some(date.and_time(time))
}

/// `YYYY-MM-DD HH:MM` exactly (or with a `T`).
fn strict_local_datetime(text: &str) -> Result<NaiveDateTime, String> {
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

/// The environment variable that fixes the build time.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The last moment `SOURCE_DATE_EPOCH` may name: 9999-12-31T23:59:59Z, so
/// `DTSTAMP` and every other written time keeps a four-digit year.
const MAX_EPOCH_SECONDS: i64 = 253_402_300_799;

/// `SOURCE_DATE_EPOCH` from the environment: `None` when it is not set, an
/// error in Dutch when it is set to anything but a whole number of seconds
/// from 0 up to the end of the year 9999. The command line checks this
/// before it does anything (exit status 2).
pub fn source_date_epoch() -> Result<Option<DateTime<Utc>>, String> {
    match std::env::var_os(SOURCE_DATE_EPOCH) {
        None => Ok(None),
        Some(value) => parse_source_date_epoch(&value.to_string_lossy()).map(Some),
    }
}

/// Parses a `SOURCE_DATE_EPOCH` value (surrounding whitespace allowed).
pub fn parse_source_date_epoch(value: &str) -> Result<DateTime<Utc>, String> {
    let text = value.trim();
    let shown: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{SOURCE_DATE_EPOCH} moet een getal zijn: het aantal seconden sinds 1970-01-01 \
             (UTC), zonder teken of punt; nu staat er `{shown}`\n    \
             tip: zet bijvoorbeeld {SOURCE_DATE_EPOCH}=1764000000, of laat de variabele weg \
             om de klok van deze computer te gebruiken"
        ));
    }
    let time = text
        .parse::<i64>()
        .ok()
        .filter(|&seconds| seconds <= MAX_EPOCH_SECONDS)
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0));
    match time {
        Some(time) => Ok(time),
        None => Err(format!(
            "{SOURCE_DATE_EPOCH} `{shown}` ligt na het jaar 9999\n    \
             tip: gebruik het aantal seconden sinds 1970-01-01 (UTC), bijvoorbeeld 1764000000"
        )),
    }
}

/// The moment of this build: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), otherwise the system clock. The command line has refused an
/// invalid `SOURCE_DATE_EPOCH` before any build starts (see
/// [`source_date_epoch`]); should a library caller not have checked, the
/// Unix epoch is used, a time that shows, rather than the clock, which
/// would hide that the build is no longer reproducible.
pub fn build_time() -> DateTime<Utc> {
    match source_date_epoch() {
        Ok(Some(time)) => time,
        Ok(None) => Utc::now(),
        Err(_) => DateTime::UNIX_EPOCH,
    }
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
    fn years_outside_1900_to_2200_are_refused() {
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("2200-12-31").is_ok());
        for text in ["1899-12-31", "2201-01-01", "9999-12-31", "0000-01-01"] {
            let e = parse_date(text).unwrap_err();
            assert!(e.contains("1900 tot en met 2200"), "{text}: {e}");
        }
        assert!(parse_local_datetime("9999-12-31 23:30").is_err());
    }

    #[test]
    fn source_date_epoch_must_be_a_whole_number_of_seconds() {
        assert_eq!(
            parse_source_date_epoch("1764000000").unwrap().to_rfc3339(),
            "2025-11-24T16:00:00+00:00"
        );
        assert_eq!(
            parse_source_date_epoch(" 0\n").unwrap(),
            DateTime::UNIX_EPOCH
        );
        assert_eq!(
            parse_source_date_epoch("253402300799")
                .unwrap()
                .to_rfc3339(),
            "9999-12-31T23:59:59+00:00"
        );
        for bad in [
            "abc",
            "",
            " ",
            "-1",
            "+5",
            "1.5",
            "1e9",
            "12 34",
            "\u{1b}[2J",
        ] {
            let e = parse_source_date_epoch(bad).unwrap_err();
            assert!(
                e.starts_with("SOURCE_DATE_EPOCH moet een getal zijn"),
                "{bad:?}: {e}"
            );
            assert!(!e.contains('\u{1b}'), "shown escaped: {e}");
        }
        for past_9999 in ["253402300800", "99999999999999999999999"] {
            let e = parse_source_date_epoch(past_9999).unwrap_err();
            assert!(e.contains("ligt na het jaar 9999"), "{past_9999}: {e}");
        }
    }

    #[test]
    fn local_times_need_hours_and_minutes() {
        let t = parse_local_datetime("2026-01-20 19:30").unwrap();
        assert_eq!(clock_time(t.time()), "19.30");
        assert!(parse_local_datetime("2026-01-20").is_err());
        assert!(parse_local_datetime("2026-01-20 25:00").is_err());
    }

    #[test]
    fn other_spellings_of_a_date_get_the_iso_spelling_they_meant() {
        for written in [
            "04-02-2027",
            "4-2-2027",
            "4/2/2027",
            "04.02.2027",
            "2027/02/04",
            "2027-2-4",
            "4 februari 2027",
            "donderdag 4 februari 2027",
            "4 feb. 2027",
        ] {
            let e = parse_date(written).unwrap_err();
            assert!(e.contains("bedoelt u 2027-02-04?"), "{written}: {e}");
            assert!(e.starts_with(&format!("`{written}`")), "{e}");
        }
        for nonsense in ["morgen", "31-02-2027", "4 brommer 2027", "1-2-3"] {
            let e = parse_date(nonsense).unwrap_err();
            assert!(!e.contains("bedoelt u"), "{nonsense}: {e}");
        }
    }

    #[test]
    fn other_spellings_of_a_time_get_the_iso_spelling_they_meant() {
        for written in [
            "2027-02-04 19.30",
            "04-02-2027 19:30",
            "4 februari 2027 19.30 uur",
            "2027-02-04 19u30",
        ] {
            let e = parse_local_datetime(written).unwrap_err();
            assert!(e.contains("bedoelt u 2027-02-04 19:30?"), "{written}: {e}");
        }
        let e = parse_local_datetime("2027-02-04 25.30").unwrap_err();
        assert!(!e.contains("bedoelt u"), "{e}");
    }
}
