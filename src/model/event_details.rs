//! What meetings and activities share beyond a time and a place: sign-up
//! (`registration`), papers to read beforehand (`documents`), the link to
//! join online (`online_url`), and the rule that dates their entry in the
//! site's feeds (`announced`).
//!
//! The feed rule: an item's entry is dated to `announced` when the file has
//! it, else to [`ANNOUNCE_DAYS`] days before the first day of the item. An
//! entry whose date is after the build time is left out of every feed
//! until a build at or after that date. So the date depends only on the
//! file, never on the clock or the order of builds; a daily rebuild does
//! not move it; and no feed ever holds a date after the build time.

use crate::content::config::SiteConfig;
use crate::content::dates::{self, DateOrTime};
use crate::model::pages;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Without `announced`, an item is dated this many days before its first
/// day: six weeks, about when the wijk groups put a meeting or activity in
/// the newsletter and on Facebook.
pub const ANNOUNCE_DAYS: i64 = 42;

/// The feed date of an item that starts on `first_day`: its `announced`
/// date, else [`ANNOUNCE_DAYS`] before the first day; local midnight.
pub fn feed_date(
    announced: Option<NaiveDate>,
    first_day: NaiveDate,
    tz: chrono_tz::Tz,
) -> DateTime<FixedOffset> {
    let date = announced.unwrap_or_else(|| {
        first_day
            .checked_sub_signed(Duration::days(ANNOUNCE_DAYS))
            .unwrap_or(first_day)
    });
    dates::start_of_day(date, tz)
}

/// Whether a feed entry dated `at` may be in a feed built at `now`.
pub fn in_feed_at(at: DateTime<FixedOffset>, now: DateTime<Utc>) -> bool {
    at.with_timezone(&Utc) <= now
}

/// One problem in a front matter key, for the caller to report.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The top-level key it belongs to (for the line).
    pub key: &'static str,
    pub message: String,
    pub hint: String,
}

impl Problem {
    fn new(key: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Problem {
        Problem {
            key,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// `registration:` as the editor writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationFront {
    /// Whether one must sign up to come (else: signing up is welcome).
    #[serde(default)]
    pub required: bool,
    pub email: Option<String>,
    pub url: Option<String>,
    /// From when one can sign up.
    pub opens: Option<DateOrTime>,
    /// Until when one can sign up.
    pub closes: Option<DateOrTime>,
    /// How many people can come.
    pub capacity: Option<u32>,
}

/// Signing up, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Registration {
    pub required: bool,
    pub email: Option<String>,
    pub url: Option<String>,
    /// Where to sign up: the URL, or `mailto:` with the address.
    pub link: String,
    /// "vrijdag 28 november 2026" or "vrijdag 28 november 2026, 12.00 uur".
    pub opens: Option<String>,
    pub closes: Option<String>,
    pub capacity: Option<u32>,
}

/// "vrijdag 28 november 2026" or "… 2026, 12.00 uur".
fn long_moment(moment: DateOrTime) -> String {
    match moment {
        DateOrTime::Date(d) => dates::long_date(d),
        DateOrTime::Time(t) => format!(
            "{}, {} uur",
            dates::long_date(t.date()),
            dates::clock_time(t.time())
        ),
    }
}

fn is_web_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

fn is_email(text: &str) -> bool {
    let Some((user, host)) = text.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !text.contains(char::is_whitespace)
        && !host.contains('@')
}

/// Checks `registration:`: an e-mail address or a web address to sign up
/// at, and `closes` not before `opens`.
pub fn registration(front: &RegistrationFront) -> Result<Registration, Vec<Problem>> {
    let mut problems = Vec::new();
    let email = front
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    let url = front
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if let Some(email) = email
        && !is_email(email)
    {
        problems.push(Problem::new(
            "registration",
            format!("`{email}` is geen e-mailadres"),
            "schrijf bij `email:` een adres als aanmelden@voorbeeld.nl",
        ));
    }
    if let Some(url) = url
        && !is_web_url(url)
    {
        problems.push(Problem::new(
            "registration",
            format!("`{url}` is geen webadres"),
            "schrijf bij `url:` een volledig webadres dat met https:// begint",
        ));
    }
    if email.is_none() && url.is_none() {
        problems.push(Problem::new(
            "registration",
            "bij `registration:` staat niet waar bewoners zich aanmelden",
            "zet onder `registration:` een regel `email: aanmelden@voorbeeld.nl` of `url: https://…`",
        ));
    }
    if let (Some(opens), Some(closes)) = (front.opens, front.closes)
        && closes.date() < opens.date()
    {
        problems.push(Problem::new(
            "registration",
            format!(
                "aanmelden sluit ({}) voordat het opent ({})",
                closes.date(),
                opens.date()
            ),
            "zet bij `closes:` een datum na `opens:`",
        ));
    }
    if front.capacity == Some(0) {
        problems.push(Problem::new(
            "registration",
            "`capacity: 0` betekent dat niemand kan komen",
            "schrijf bij `capacity:` hoeveel mensen er kunnen komen, of laat de regel weg",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let link = match (url, email) {
        (Some(url), _) => url.to_string(),
        (None, Some(email)) => format!("mailto:{email}"),
        (None, None) => String::new(),
    };
    Ok(Registration {
        required: front.required,
        email: email.map(str::to_string),
        url: url.map(str::to_string),
        link,
        opens: front.opens.map(long_moment),
        closes: front.closes.map(long_moment),
        capacity: front.capacity,
    })
}

/// One entry of `documents:` as the editor writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFront {
    pub title: String,
    /// A file on the site (`/stukken/agenda.pdf`, from content/static/).
    pub file: Option<String>,
    /// A web address elsewhere.
    pub url: Option<String>,
}

/// A document, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    /// Link target (base path included for a file on the site).
    pub url: String,
    /// The absolute URL, for calendars and feeds.
    pub absolute: String,
    /// "PDF", "DOCX", …: the file type from the name, when it has one.
    pub format: Option<String>,
}

/// A site path with the characters a URL path may not hold (spaces,
/// quotes, non-ASCII letters, `#`, `?`, `%`) percent-encoded.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The upper-case extension of the last path segment, if short.
fn format_of(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let name = path.rsplit('/').next()?;
    let (_, ext) = name.rsplit_once('.')?;
    (!ext.is_empty() && ext.len() <= 5 && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| ext.to_ascii_uppercase())
}

/// Checks `documents:`: each has a title and a file that exists on the
/// site (`resolves`) or a web address.
pub fn documents(
    fronts: &[DocumentFront],
    config: &SiteConfig,
    resolves: &dyn Fn(&str) -> bool,
) -> Result<Vec<Document>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for front in fronts {
        let title = front.title.trim();
        if title.is_empty() {
            problems.push(Problem::new(
                "documents",
                "een stuk bij `documents:` heeft geen titel",
                "schrijf bij elk stuk `title: …`, zoals `title: Agenda`",
            ));
            continue;
        }
        let file = front
            .file
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty());
        let url = front
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        let target = match (file, url) {
            (Some(_), Some(_)) | (None, None) => {
                problems.push(Problem::new(
                    "documents",
                    format!("bij het stuk `{title}` staat niet precies één van `file:` en `url:`"),
                    "schrijf `file: /stukken/naam.pdf` voor een bestand in content/static/, of `url: https://…` voor een stuk op een andere site",
                ));
                continue;
            }
            (None, Some(url)) if is_web_url(url) => (url.to_string(), url.to_string()),
            (None, Some(url)) => {
                problems.push(Problem::new(
                    "documents",
                    format!("`{url}` bij het stuk `{title}` is geen webadres"),
                    "schrijf een volledig webadres dat met https:// begint",
                ));
                continue;
            }
            (Some(file), None) => {
                let path = file
                    .strip_prefix("content/static")
                    .map_or(file.to_string(), str::to_string);
                if !path.starts_with('/') || path.starts_with("//") {
                    problems.push(Problem::new(
                        "documents",
                        format!("`{file}` bij het stuk `{title}` is geen pad op de site"),
                        "schrijf een pad dat met / begint, zoals /stukken/agenda.pdf voor content/static/stukken/agenda.pdf",
                    ));
                    continue;
                }
                if !resolves(&path) {
                    problems.push(Problem::new(
                        "documents",
                        format!("het stuk `{path}` bestaat niet op de site"),
                        format!(
                            "zet het bestand in content/static{path}, of controleer de spelling"
                        ),
                    ));
                    continue;
                }
                // The link on the page must be a valid URL: a file name
                // with spaces (`agenda mei.pdf`) is percent-encoded.
                (
                    pages::url_for(config, &encode_path(&path)),
                    config.absolute_url(&path),
                )
            }
        };
        out.push(Document {
            title: title.to_string(),
            format: format_of(&target.1),
            url: target.0,
            absolute: target.1,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Checks `online_url:`: a web address.
pub fn online_url(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    if is_web_url(text) {
        Ok(text.to_string())
    } else {
        Err(Problem::new(
            "online_url",
            format!("`{text}` is geen webadres"),
            "schrijf bij `online_url:` het volledige adres om online mee te doen, dat met https:// begint",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::config_at;

    fn date(text: &str) -> NaiveDate {
        dates::parse_date(text).unwrap()
    }

    #[test]
    fn the_feed_date_is_announced_or_six_weeks_before_and_never_after_the_build() {
        let tz = chrono_tz::Europe::Amsterdam;
        let at = feed_date(Some(date("2026-11-01")), date("2026-12-20"), tz);
        assert_eq!(at.to_rfc3339(), "2026-11-01T00:00:00+01:00");
        let at = feed_date(None, date("2026-12-20"), tz);
        assert_eq!(at.to_rfc3339(), "2026-11-08T00:00:00+01:00");
        let before = DateTime::parse_from_rfc3339("2026-11-07T22:59:59Z").unwrap();
        let after = DateTime::parse_from_rfc3339("2026-11-07T23:00:00Z").unwrap();
        assert!(!in_feed_at(at, before.with_timezone(&Utc)));
        assert!(in_feed_at(at, after.with_timezone(&Utc)));
    }

    fn front(yaml: &str) -> RegistrationFront {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn registration_needs_a_place_to_sign_up_and_reads_dates_in_words() {
        let r = registration(&front(
            "required: true\nemail: eten@wijk.example\nopens: 2026-11-28\ncloses: 2026-12-18 12:00\ncapacity: 40\n",
        ))
        .unwrap();
        assert_eq!(r.link, "mailto:eten@wijk.example");
        assert_eq!(r.opens.as_deref(), Some("zaterdag 28 november 2026"));
        assert_eq!(
            r.closes.as_deref(),
            Some("vrijdag 18 december 2026, 12.00 uur")
        );
        let problems = registration(&front("required: true\n")).unwrap_err();
        assert_eq!(problems.len(), 1);
        let problems = registration(&front(
            "email: geen adres\nopens: 2026-12-02\ncloses: 2026-12-01\n",
        ))
        .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn documents_are_site_files_or_web_addresses() {
        let config = config_at("https://wijk.example/szh/");
        let fronts: Vec<DocumentFront> = serde_yaml::from_str(
            "- title: Agenda\n  file: /stukken/agenda.pdf\n- title: Plan\n  url: https://gemeente.example/plan.docx\n",
        )
        .unwrap();
        let docs = documents(&fronts, &config, &|p| p == "/stukken/agenda.pdf").unwrap();
        assert_eq!(docs[0].url, "/szh/stukken/agenda.pdf");
        assert_eq!(
            docs[0].absolute,
            "https://wijk.example/szh/stukken/agenda.pdf"
        );
        assert_eq!(docs[0].format.as_deref(), Some("PDF"));
        assert_eq!(docs[1].format.as_deref(), Some("DOCX"));
        let problems = documents(&fronts, &config, &|_| false).unwrap_err();
        assert!(problems[0].message.contains("/stukken/agenda.pdf"));
        let spaced: Vec<DocumentFront> =
            serde_yaml::from_str("- title: Notulen\n  file: /stukken/notulen mei é.pdf\n").unwrap();
        let docs = documents(&spaced, &config, &|p| p == "/stukken/notulen mei é.pdf").unwrap();
        assert_eq!(docs[0].url, "/szh/stukken/notulen%20mei%20%C3%A9.pdf");
        assert!(online_url("zoom").is_err());
        assert!(online_url("https://meet.example/wijk").is_ok());
    }
}
