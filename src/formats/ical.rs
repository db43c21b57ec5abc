//! iCalendar writer for the site's public agenda feed (`agenda.ics`).
//!
//! Turns a [`Calendar`] of [`Event`]s into an RFC 5545 document with the
//! RFC 7986 calendar properties (`NAME`, `DESCRIPTION`, `SOURCE`,
//! `REFRESH-INTERVAL`) and their widely read `X-WR-*` / `X-PUBLISHED-TTL`
//! counterparts, so residents can subscribe to the neighbourhood agenda from
//! any calendar app. The module is pure: no I/O, no clock, no environment.
//! The same input always gives the same bytes, so a rebuild of an unchanged
//! site leaves the feed byte-for-byte unchanged.
//!
//! Guarantees of the output:
//! - every line ends in CRLF; there is no bare CR or LF anywhere;
//! - every physical line is at most 75 octets (a continuation line's leading
//!   space included) and is never cut inside a UTF-8 character;
//! - TEXT values are escaped per RFC 5545 §3.3.11 ([`escape_text`]);
//! - all times are UTC (`20260120T183000Z`); no floating times, so no
//!   `VTIMEZONE` is needed and `X-WR-TIMEZONE` is deliberately left out;
//! - every calendar holds at least one component, as RFC 5545 §3.6 requires
//!   (`icalbody` is properties, then `1*component`): a feed without events
//!   (a venue with no meetings yet) gets a `VTIMEZONE` for `UTC`
//!   ([`EMPTY_CALENDAR_COMPONENT`]). Its URL keeps working for subscribers,
//!   and the zone states nothing untrue, whatever the site's time zone:
//!   every time in these feeds is UTC. An unreferenced `VTIMEZONE` is valid
//!   and is what Google Calendar, Apple Calendar, Outlook and Thunderbird
//!   quietly ignore; a calendar with events is written without it, so it
//!   stays as it was;
//! - the calendar is `METHOD:PUBLISH`, and RFC 5546 §3.2.1 requires exactly
//!   one `ORGANIZER` per `VEVENT` there. The type system enforces that: a
//!   [`Calendar`] must be given a default [`Organizer`], which an
//!   [`Event`] may override.
//!
//! Why hand-written and not the `ics` crate: `ics` 0.5.8 escapes TEXT
//! correctly, but its folding (`contentline::fold`) writes up to 75 octets of
//! content *after* the leading space of a continuation line, so those lines
//! are 76 octets long, over the RFC 5545 §3.1 limit that this feed promises.
//! It also writes parameter values verbatim, so a `CN` holding `:`, `;`, `,`
//! or `"` would produce a broken content line, and it has no unfolding to
//! test against. The serialisation needed here is small (a fixed set of
//! properties), so it is written by hand below and `ics` is not used.

use chrono::{DateTime, NaiveDate, Utc};

/// Product identifier written as `PRODID`.
pub const PRODID: &str = concat!("-//wijksite//wijksite ", env!("CARGO_PKG_VERSION"), "//NL");

/// Maximum length of one physical line in octets, excluding its CRLF
/// (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// A calendar feed: its RFC 7986 metadata and its events.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    /// Display name of the calendar (`NAME`, `X-WR-CALNAME`).
    pub name: &'a str,
    /// Short description (`DESCRIPTION`, `X-WR-CALDESC`); omitted if empty.
    pub description: &'a str,
    /// The absolute URL the feed itself is published at (`SOURCE`);
    /// omitted if empty.
    pub source_url: &'a str,
    /// How often subscribers should re-fetch, in hours (`REFRESH-INTERVAL`,
    /// `X-PUBLISHED-TTL`); both are omitted if 0.
    pub refresh_hours: u32,
    /// Organizer of every event that does not name its own. Required because
    /// `METHOD:PUBLISH` requires an `ORGANIZER` on every event (RFC 5546).
    pub organizer: &'a Organizer,
    /// The events, written in this order.
    pub events: &'a [Event],
}

/// One event (`VEVENT`). All instants are UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Globally unique, stable identifier (e.g. `2026-01-20-wijkraad@example.nl`).
    pub uid: String,
    /// When this version of the event was generated (`DTSTAMP`). Take it
    /// from the content, not the clock, to keep builds reproducible.
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    /// End instant; `DTEND` is written only if it is after `start`
    /// (RFC 5545 requires that). Without it the event lasts zero time.
    pub end: DateTime<Utc>,
    pub summary: String,
    pub location: Option<String>,
    /// Latitude and longitude in degrees (`GEO`, written with 6 decimals);
    /// left out if either is not a finite number.
    pub geo: Option<(f64, f64)>,
    /// Page about the event (`URL`); omitted if empty.
    pub url: String,
    /// Free text (`DESCRIPTION`); omitted if empty.
    pub description: String,
    pub status: EventStatus,
    /// Revision number; raise it whenever the event changes (`SEQUENCE`).
    pub sequence: u32,
    pub last_modified: DateTime<Utc>,
    /// Overrides [`Calendar::organizer`] for this event.
    pub organizer: Option<Organizer>,
    /// Category names (`CATEGORIES`); empty names are skipped.
    pub categories: Vec<String>,
    /// An all-day event: its first day and the day after its last
    /// (`DTSTART;VALUE=DATE`, `DTEND;VALUE=DATE`, RFC 5545 §3.6.1). Then
    /// `start` and `end` are not written. A date has no time zone, so an
    /// all-day event is the same days everywhere, across a clock change too.
    pub all_day: Option<(NaiveDate, NaiveDate)>,
    /// Where to join online (RFC 7986 `CONFERENCE`); omitted if empty.
    pub conference: String,
    /// Documents for the event, as absolute URLs (`ATTACH`); empty ones
    /// are skipped.
    pub attachments: Vec<String>,
}

/// An all-day event (`DTSTART;VALUE=DATE`), such as a deadline: it has a
/// date and no time, so it needs no time zone. It lasts the whole day
/// (`DTEND` is the next day, exclusive) and does not make the day busy
/// (`TRANSP:TRANSPARENT`). Written with [`day_event_block`].
#[derive(Debug, Clone, PartialEq)]
pub struct DayEvent {
    /// Globally unique, stable identifier.
    pub uid: String,
    /// `DTSTAMP`; take it from the build time, not the clock.
    pub stamp: DateTime<Utc>,
    pub date: NaiveDate,
    pub summary: String,
    /// Page about the event (`URL`); omitted if empty.
    pub url: String,
    /// Free text (`DESCRIPTION`); omitted if empty.
    pub description: String,
    pub sequence: u32,
    pub last_modified: DateTime<Utc>,
    /// Category names (`CATEGORIES`); empty names are skipped.
    pub categories: Vec<String>,
}

/// One all-day event's `VEVENT` lines, escaped and folded.
pub fn day_event_block(event: &DayEvent, organizer: &Organizer) -> String {
    let mut out = String::new();
    fold_line("BEGIN:VEVENT", &mut out);
    property("UID", &escape_text(&event.uid), &mut out);
    property("DTSTAMP", &utc(event.stamp), &mut out);
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    property("DTSTART;VALUE=DATE", &day(event.date), &mut out);
    // The last representable date has no next day: then no DTEND, which
    // RFC 5545 reads as one day for a DATE start.
    if let Some(next) = event.date.succ_opt() {
        property("DTEND;VALUE=DATE", &day(next), &mut out);
    }
    property("SUMMARY", &escape_text(&event.summary), &mut out);
    if !event.url.is_empty() {
        property("URL;VALUE=URI", &uri_value(&event.url), &mut out);
    }
    if !event.description.is_empty() {
        property("DESCRIPTION", &escape_text(&event.description), &mut out);
    }
    property("STATUS", EventStatus::Confirmed.as_str(), &mut out);
    property("TRANSP", "TRANSPARENT", &mut out);
    property("SEQUENCE", &event.sequence.to_string(), &mut out);
    property("LAST-MODIFIED", &utc(event.last_modified), &mut out);
    write_organizer(organizer, &mut out);
    if let Some(categories) = categories_value(&event.categories) {
        property("CATEGORIES", &categories, &mut out);
    }
    fold_line("END:VEVENT", &mut out);
    out
}

/// `STATUS` of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

impl EventStatus {
    /// The RFC 5545 keyword.
    fn as_str(self) -> &'static str {
        match self {
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// Who organises an event: written as `ORGANIZER;CN="name":mailto:email`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organizer {
    /// Display name; `CN` is omitted if empty.
    pub name: String,
    /// Plain e-mail address (`addr-spec`), without `mailto:`.
    pub email: String,
}

/// The component written into a calendar without events, so that it still
/// has the one component RFC 5545 requires: a `VTIMEZONE` for UTC, with
/// the `STANDARD` sub-component (`DTSTART`, `TZOFFSETFROM`, `TZOFFSETTO`)
/// that a `VTIMEZONE` must have. Every line is far below 75 octets.
pub const EMPTY_CALENDAR_COMPONENT: &str = "BEGIN:VTIMEZONE\r\n\
TZID:UTC\r\n\
BEGIN:STANDARD\r\n\
DTSTART:19700101T000000\r\n\
TZOFFSETFROM:+0000\r\n\
TZOFFSETTO:+0000\r\n\
TZNAME:UTC\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// Writes the whole calendar as an iCalendar document (CRLF line endings).
pub fn write_calendar(cal: &Calendar) -> String {
    let blocks: Vec<String> = cal
        .events
        .iter()
        .map(|event| event_block(event, cal.organizer))
        .collect();
    write_calendar_of_blocks(cal, blocks.iter().map(String::as_str))
}

/// One event's `VEVENT` lines, escaped and folded: an event that appears
/// in several calendars is written once and copied into each.
pub fn event_block(event: &Event, default_organizer: &Organizer) -> String {
    let mut out = String::new();
    write_event(event, default_organizer, &mut out);
    out
}

/// [`write_calendar`] with the events already written by [`event_block`]
/// (with the same organizer); `cal.events` is not read. Without a
/// (non-empty) block, [`EMPTY_CALENDAR_COMPONENT`] is written instead.
pub fn write_calendar_of_blocks<'b>(
    cal: &Calendar,
    blocks: impl IntoIterator<Item = &'b str>,
) -> String {
    let mut out = String::new();
    fold_line("BEGIN:VCALENDAR", &mut out);
    write_calendar_properties(cal, &mut out);
    let mut components = 0;
    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        out.push_str(block);
        components += 1;
    }
    if components == 0 {
        out.push_str(EMPTY_CALENDAR_COMPONENT);
    }
    fold_line("END:VCALENDAR", &mut out);
    out
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
///
/// `\`, `;` and `,` get a backslash; a line break (LF, CRLF or a lone CR)
/// becomes the two characters `\n`. Other control characters except HTAB
/// cannot be represented in TEXT and are dropped. `:` is not escaped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // CRLF is one line break: the LF that follows writes it.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line to `out`, folded (RFC 5545 §3.1), ending in CRLF.
///
/// Every physical line is at most 75 octets, the leading space of a
/// continuation line included, and is cut only between UTF-8 characters.
/// `line` must not contain CR or LF: escape values first.
pub fn fold_line(line: &str, out: &mut String) {
    debug_assert!(
        !line.contains(['\r', '\n']),
        "content line contains a line break: {line:?}"
    );
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        let cut = fold_point(rest, limit);
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        if rest.is_empty() {
            return;
        }
        // The continuation marker takes one of the 75 octets.
        out.push(' ');
        limit = MAX_LINE_OCTETS - 1;
    }
}

/// The largest char boundary in `s` at or below `limit` octets.
fn fold_point(s: &str, limit: usize) -> usize {
    if s.len() <= limit {
        return s.len();
    }
    // A UTF-8 character is at most 4 octets, so this stops well above 0.
    let mut cut = limit;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// VCALENDAR properties, in a fixed order.
fn write_calendar_properties(cal: &Calendar, out: &mut String) {
    property("VERSION", "2.0", out);
    property("PRODID", &escape_text(PRODID), out);
    property("CALSCALE", "GREGORIAN", out);
    property("METHOD", "PUBLISH", out);
    let name = escape_text(cal.name);
    property("NAME", &name, out);
    property("X-WR-CALNAME", &name, out);
    if !cal.description.is_empty() {
        let description = escape_text(cal.description);
        property("DESCRIPTION", &description, out);
        property("X-WR-CALDESC", &description, out);
    }
    if !cal.source_url.is_empty() {
        property("SOURCE;VALUE=URI", &uri_value(cal.source_url), out);
    }
    if cal.refresh_hours > 0 {
        let duration = format!("PT{}H", cal.refresh_hours);
        property("REFRESH-INTERVAL;VALUE=DURATION", &duration, out);
        property("X-PUBLISHED-TTL", &duration, out);
    }
}

/// One VEVENT, in a fixed property order.
fn write_event(event: &Event, default_organizer: &Organizer, out: &mut String) {
    fold_line("BEGIN:VEVENT", out);
    property("UID", &escape_text(&event.uid), out);
    property("DTSTAMP", &utc(event.stamp), out);
    match event.all_day {
        Some((first, after)) => {
            property("DTSTART;VALUE=DATE", &date_value(first), out);
            if after > first {
                property("DTEND;VALUE=DATE", &date_value(after), out);
            }
        }
        None => {
            property("DTSTART", &utc(event.start), out);
            if event.end > event.start {
                property("DTEND", &utc(event.end), out);
            }
        }
    }
    property("SUMMARY", &escape_text(&event.summary), out);
    if let Some(location) = &event.location {
        property("LOCATION", &escape_text(location), out);
    }
    if let Some(geo) = event.geo.and_then(geo_value) {
        property("GEO", &geo, out);
    }
    if !event.url.is_empty() {
        property("URL;VALUE=URI", &uri_value(&event.url), out);
    }
    if !event.description.is_empty() {
        property("DESCRIPTION", &escape_text(&event.description), out);
    }
    property("STATUS", event.status.as_str(), out);
    property("SEQUENCE", &event.sequence.to_string(), out);
    property("LAST-MODIFIED", &utc(event.last_modified), out);
    write_organizer(event.organizer.as_ref().unwrap_or(default_organizer), out);
    if let Some(categories) = categories_value(&event.categories) {
        property("CATEGORIES", &categories, out);
    }
    if !event.conference.is_empty() {
        property(
            "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO",
            &uri_value(&event.conference),
            out,
        );
    }
    for attachment in event.attachments.iter().filter(|a| !a.is_empty()) {
        property("ATTACH", &uri_value(attachment), out);
    }
    fold_line("END:VEVENT", out);
}

/// `ORGANIZER;CN="name":mailto:email`.
fn write_organizer(organizer: &Organizer, out: &mut String) {
    let mut name = String::from("ORGANIZER");
    if !organizer.name.is_empty() {
        name.push_str(";CN=");
        name.push_str(&quoted_param(&organizer.name));
    }
    let value = format!("mailto:{}", uri_value(&organizer.email));
    property(&name, &value, out);
}

/// Writes `name:value` as one folded content line. `name` may carry
/// parameters; `value` must already be in its value type's form.
fn property(name: &str, value: &str, out: &mut String) {
    fold_line(&format!("{name}:{value}"), out);
}

/// A UTC DATE-TIME in form #2 (RFC 5545 §3.3.5), e.g. `20260120T183000Z`.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A DATE value (RFC 5545 §3.3.4), e.g. `20261010`.
fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// `lat;lon` with 6 decimals (about 0.1 m), or `None` if not finite.
fn geo_value((lat, lon): (f64, f64)) -> Option<String> {
    (lat.is_finite() && lon.is_finite()).then(|| format!("{lat:.6};{lon:.6}"))
}

/// Escaped, comma-separated category names, or `None` if there are none.
fn categories_value(categories: &[String]) -> Option<String> {
    let escaped: Vec<String> = categories
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| escape_text(c))
        .collect();
    (!escaped.is_empty()).then(|| escaped.join(","))
}

/// A parameter value in double quotes (RFC 5545 §3.2 `quoted-string`).
///
/// Quoting is always allowed and makes `:`, `;` and `,` safe. A quoted
/// string cannot hold `"` or control characters: `"` becomes `'` and
/// controls become spaces.
fn quoted_param(s: &str) -> String {
    let inner: String = s
        .chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_ascii_control() => ' ',
            c => c,
        })
        .collect();
    format!("\"{inner}\"")
}

/// A URI value, passed through except for characters that can never occur
/// in a URI (space, controls, non-ASCII, `"<>\^`{|}`), which are
/// percent-encoded as UTF-8 so the content line stays well-formed. Existing
/// `%XX` escapes are kept as they are.
fn uri_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_uri_char(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// Characters allowed in a URI (RFC 3986 unreserved, reserved and `%`).
fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    // ---- Helpers: the reverse operations, written from the RFC ----

    /// Unfolds physical lines: a CRLF followed by one space is removed.
    fn unfold(folded: &str) -> String {
        folded.replace("\r\n ", "")
    }

    /// Reverses RFC 5545 §3.3.11 escaping.
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n' | 'N') => out.push('\n'),
                other => panic!("invalid escape \\{other:?} in {s:?}"),
            }
        }
        out
    }

    /// Physical lines of a document, split on CRLF; the document must end
    /// in CRLF.
    fn physical_lines(doc: &str) -> Vec<&str> {
        let body = doc.strip_suffix("\r\n").expect("document ends in CRLF");
        body.split("\r\n").collect()
    }

    /// Asserts the line-level guarantees of the module on `doc`.
    fn assert_well_formed(doc: &str) {
        assert!(doc.ends_with("\r\n"), "missing final CRLF");
        let without_crlf = doc.replace("\r\n", "");
        assert!(!without_crlf.contains('\n'), "bare LF in {doc:?}");
        assert!(!without_crlf.contains('\r'), "bare CR in {doc:?}");
        for line in physical_lines(doc) {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line:?}",
                line.len()
            );
        }
    }

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold_line(line, &mut out);
        out
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn board() -> Organizer {
        Organizer {
            name: "Wijkraad Schothorst".into(),
            email: "wijkraad@example.nl".into(),
        }
    }

    fn meeting() -> Event {
        Event {
            uid: "2026-01-20-wijkraad@wijk.example.nl".into(),
            stamp: at(2026, 1, 5, 9, 0),
            start: at(2026, 1, 20, 18, 30),
            end: at(2026, 1, 20, 20, 0),
            summary: "Vergadering wijkraad".into(),
            location: Some("'t Middelpunt, Amersfoort; zaal 2".into()),
            geo: Some((52.1675, 5.4021)),
            url: "https://wijk.example.nl/agenda/2026-01-20/".into(),
            description: "Agenda: opening, notulen.".into(),
            status: EventStatus::Confirmed,
            sequence: 2,
            last_modified: at(2026, 1, 4, 12, 15),
            organizer: None,
            categories: vec!["Wijkraad".into(), "Vergadering, openbaar".into()],
            all_day: None,
            conference: String::new(),
            attachments: Vec::new(),
        }
    }

    #[test]
    fn an_all_day_event_is_written_as_dates_with_an_exclusive_end() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        let doc = write_one(Event {
            all_day: Some((day(24), day(26))),
            ..meeting()
        });
        let lines = content_lines(&doc);
        assert!(lines.iter().any(|l| l == "DTSTART;VALUE=DATE:20261024"));
        assert!(lines.iter().any(|l| l == "DTEND;VALUE=DATE:20261026"));
        assert!(!lines.iter().any(|l| l.starts_with("DTSTART:")));
    }

    #[test]
    fn conference_and_attachments_are_uris() {
        let doc = write_one(Event {
            conference: "https://meet.example.nl/wijk raad".into(),
            attachments: vec![
                "https://wijk.example.nl/stukken/agenda.pdf".into(),
                String::new(),
            ],
            ..meeting()
        });
        let lines = content_lines(&doc);
        assert!(
            lines.iter().any(|l| l
                == "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO:https://meet.example.nl/wijk%20raad")
        );
        let attach: Vec<&String> = lines.iter().filter(|l| l.starts_with("ATTACH")).collect();
        assert_eq!(
            attach,
            ["ATTACH:https://wijk.example.nl/stukken/agenda.pdf"]
        );
    }

    fn write_one(event: Event) -> String {
        let organizer = board();
        let events = [event];
        write_calendar(&Calendar {
            name: "Wijkagenda",
            description: "Bijeenkomsten in de wijk",
            source_url: "https://wijk.example.nl/agenda.ics",
            refresh_hours: 12,
            organizer: &organizer,
            events: &events,
        })
    }

    /// Unfolded content lines of a document.
    fn content_lines(doc: &str) -> Vec<String> {
        physical_lines(&unfold(doc))
            .into_iter()
            .map(String::from)
            .collect()
    }

    // ---- escape_text ----

    #[test]
    fn escaping_puts_a_backslash_before_comma_and_semicolon() {
        assert_eq!(
            escape_text("'t Middelpunt, Amersfoort; zaal 2"),
            r"'t Middelpunt\, Amersfoort\; zaal 2"
        );
    }

    #[test]
    fn escaping_doubles_a_backslash() {
        assert_eq!(escape_text(r"C:\wijk\n"), r"C:\\wijk\\n");
    }

    #[test]
    fn escaping_writes_every_line_break_as_backslash_n() {
        assert_eq!(escape_text("a\nb"), r"a\nb");
        assert_eq!(escape_text("a\r\nb"), r"a\nb", "CRLF is one break");
        assert_eq!(escape_text("a\rb"), r"a\nb", "a lone CR is a break");
        assert_eq!(escape_text("a\r\n\r\nb"), r"a\n\nb");
    }

    #[test]
    fn escaping_leaves_colon_quotes_tab_and_non_ascii_alone() {
        assert_eq!(escape_text("19:30 \"café\"\t€"), "19:30 \"café\"\t€");
    }

    #[test]
    fn escaping_drops_controls_that_text_cannot_hold() {
        assert_eq!(escape_text("a\u{0}b\u{7}c\u{1b}d\u{7f}e"), "abcde");
    }

    // ---- fold_line ----

    #[test]
    fn a_short_line_is_written_as_is_with_crlf() {
        assert_eq!(folded("SUMMARY:Kort"), "SUMMARY:Kort\r\n");
        assert_eq!(folded(""), "\r\n");
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let line = "X".repeat(75);
        assert_eq!(folded(&line), format!("{line}\r\n"));
    }

    #[test]
    fn continuation_lines_count_their_leading_space() {
        let line = "X".repeat(75 + 74 + 1);
        let expected = format!("{}\r\n {}\r\n X\r\n", "X".repeat(75), "X".repeat(74));
        assert_eq!(folded(&line), expected);
    }

    #[test]
    fn folding_never_cuts_a_character_in_two() {
        // 74 ASCII octets, then 'é' (2 octets) would straddle octet 75.
        let line = format!("{}é{}", "a".repeat(74), "b".repeat(10));
        let out = folded(&line);
        let lines = physical_lines(&out);
        assert_eq!(lines[0], "a".repeat(74), "the é moves to the next line");
        assert_eq!(lines[1], format!(" é{}", "b".repeat(10)));
    }

    #[test]
    fn a_long_line_of_accents_and_euro_signs_folds_within_75_octets() {
        let value = "é ë € café ëënd ".repeat(40);
        let line = format!("DESCRIPTION:{value}");
        let out = folded(&line);

        assert_well_formed(&out);
        assert!(physical_lines(&out).len() > 5, "it was actually folded");
        // Split on raw bytes: each physical line is valid UTF-8 on its own.
        for chunk in out.as_bytes().split(|&b| b == b'\n') {
            assert!(std::str::from_utf8(chunk).is_ok());
        }
        assert_eq!(unfold(&out), format!("{line}\r\n"));
    }

    // ---- write_calendar ----

    #[test]
    fn the_calendar_header_declares_version_method_and_rfc7986_metadata() {
        let doc = write_one(meeting());
        let lines = content_lines(&doc);
        let header: Vec<&str> = lines.iter().take(13).map(String::as_str).collect();
        assert_eq!(
            header,
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                &format!("PRODID:{PRODID}"),
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "NAME:Wijkagenda",
                "X-WR-CALNAME:Wijkagenda",
                "DESCRIPTION:Bijeenkomsten in de wijk",
                "X-WR-CALDESC:Bijeenkomsten in de wijk",
                "SOURCE;VALUE=URI:https://wijk.example.nl/agenda.ics",
                "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
                "X-PUBLISHED-TTL:PT12H",
                "BEGIN:VEVENT",
            ]
        );
        assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    }

    #[test]
    fn an_event_has_all_its_properties_in_a_fixed_order() {
        let doc = write_one(meeting());
        let lines = content_lines(&doc);
        let start = lines.iter().position(|l| l == "BEGIN:VEVENT").unwrap();
        let event: Vec<&str> = lines[start..].iter().map(String::as_str).collect();
        assert_eq!(
            event,
            [
                "BEGIN:VEVENT",
                "UID:2026-01-20-wijkraad@wijk.example.nl",
                "DTSTAMP:20260105T090000Z",
                "DTSTART:20260120T183000Z",
                "DTEND:20260120T200000Z",
                "SUMMARY:Vergadering wijkraad",
                r"LOCATION:'t Middelpunt\, Amersfoort\; zaal 2",
                "GEO:52.167500;5.402100",
                "URL;VALUE=URI:https://wijk.example.nl/agenda/2026-01-20/",
                r"DESCRIPTION:Agenda: opening\, notulen.",
                "STATUS:CONFIRMED",
                "SEQUENCE:2",
                "LAST-MODIFIED:20260104T121500Z",
                "ORGANIZER;CN=\"Wijkraad Schothorst\":mailto:wijkraad@example.nl",
                r"CATEGORIES:Wijkraad,Vergadering\, openbaar",
                "END:VEVENT",
                "END:VCALENDAR",
            ]
        );
    }

    #[test]
    fn the_output_uses_crlf_everywhere_and_no_line_exceeds_75_octets() {
        let mut event = meeting();
        event.description = "Lange beschrijving met é, ë en €.\nTweede regel.\r\n".repeat(20);
        let doc = write_one(event);
        assert_well_formed(&doc);
        assert!(doc.contains("\r\n "), "the description was folded");
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(write_one(meeting()), write_one(meeting()));
    }

    #[test]
    fn status_is_written_as_its_keyword() {
        for (status, keyword) in [
            (EventStatus::Confirmed, "STATUS:CONFIRMED"),
            (EventStatus::Tentative, "STATUS:TENTATIVE"),
            (EventStatus::Cancelled, "STATUS:CANCELLED"),
        ] {
            let doc = write_one(Event {
                status,
                ..meeting()
            });
            assert!(content_lines(&doc).iter().any(|l| l == keyword));
        }
    }

    #[test]
    fn an_event_organizer_overrides_the_calendar_default() {
        let event = Event {
            organizer: Some(Organizer {
                name: "Buurthuis \"De Kern\": beheer, team".into(),
                email: "beheer@example.nl".into(),
            }),
            ..meeting()
        };
        let doc = write_one(event);
        let expected =
            "ORGANIZER;CN=\"Buurthuis 'De Kern': beheer, team\":mailto:beheer@example.nl";
        assert!(content_lines(&doc).iter().any(|l| l == expected));
    }

    #[test]
    fn an_organizer_without_a_name_has_no_cn() {
        let event = Event {
            organizer: Some(Organizer {
                name: String::new(),
                email: "info@example.nl".into(),
            }),
            ..meeting()
        };
        let doc = write_one(event);
        assert!(
            content_lines(&doc)
                .iter()
                .any(|l| l == "ORGANIZER:mailto:info@example.nl")
        );
    }

    #[test]
    fn optional_properties_are_left_out_when_empty() {
        let event = Event {
            end: at(2026, 1, 20, 18, 30), // same as start
            location: None,
            geo: Some((f64::NAN, 5.0)),
            url: String::new(),
            description: String::new(),
            categories: vec![String::new()],
            ..meeting()
        };
        let doc = write_one(event);
        for name in ["DTEND", "LOCATION", "GEO", "URL", "CATEGORIES"] {
            let found = content_lines(&doc)
                .into_iter()
                .find(|l| l.starts_with(name));
            assert_eq!(found, None);
        }
        let vevent = &doc[doc.find("BEGIN:VEVENT").unwrap()..];
        assert!(!vevent.contains("DESCRIPTION"));
    }

    #[test]
    fn calendar_metadata_is_left_out_when_empty_or_zero() {
        let organizer = board();
        let doc = write_calendar(&Calendar {
            name: "Wijkagenda",
            description: "",
            source_url: "",
            refresh_hours: 0,
            organizer: &organizer,
            events: &[],
        });
        assert_eq!(
            content_lines(&doc),
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                &format!("PRODID:{PRODID}"),
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "NAME:Wijkagenda",
                "X-WR-CALNAME:Wijkagenda",
                "BEGIN:VTIMEZONE",
                "TZID:UTC",
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0000",
                "TZOFFSETTO:+0000",
                "TZNAME:UTC",
                "END:STANDARD",
                "END:VTIMEZONE",
                "END:VCALENDAR",
            ]
        );
    }

    /// The names of the top-level components (between `BEGIN:VCALENDAR`
    /// and `END:VCALENDAR`).
    fn components(doc: &str) -> Vec<String> {
        let mut depth = 0;
        let mut names = Vec::new();
        for line in content_lines(doc) {
            if let Some(name) = line.strip_prefix("BEGIN:") {
                if depth == 1 {
                    names.push(name.to_string());
                }
                depth += 1;
            } else if line.starts_with("END:") {
                depth -= 1;
            }
        }
        names
    }

    #[test]
    fn every_calendar_has_at_least_one_component() {
        let organizer = board();
        let empty = Calendar {
            name: "Leeg",
            description: "",
            source_url: "",
            refresh_hours: 0,
            organizer: &organizer,
            events: &[],
        };
        assert_eq!(components(&write_calendar(&empty)), ["VTIMEZONE"]);
        let none = write_calendar_of_blocks(&empty, std::iter::empty());
        assert_eq!(components(&none), ["VTIMEZONE"]);
        let blank = write_calendar_of_blocks(&empty, ["", ""]);
        assert_eq!(components(&blank), ["VTIMEZONE"]);
        assert_well_formed(&blank);
        // With events, no zone is added: those calendars stay as they were.
        assert_eq!(components(&write_one(meeting())), ["VEVENT"]);
    }

    #[test]
    fn uri_values_percent_encode_only_what_a_uri_cannot_hold() {
        assert_eq!(
            uri_value("https://example.nl/a b/café?x=1&y=%20#z"),
            "https://example.nl/a%20b/caf%C3%A9?x=1&y=%20#z"
        );
    }

    #[test]
    fn geo_has_six_decimals() {
        assert_eq!(
            geo_value((52.1, -0.000_000_4)).as_deref(),
            Some("52.100000;-0.000000")
        );
    }

    // ---- Properties ----

    /// Characters that escaping or folding treat specially.
    const TRICKY: [char; 12] = [
        '\\', ';', ',', ':', '\n', '\r', 'n', 'é', 'ë', '€', '😀', ' ',
    ];

    /// Any character, with the tricky ones made frequent.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => any::<char>(),
            1 => prop::sample::select(TRICKY.to_vec()),
        ]
    }

    fn tricky_string() -> impl Strategy<Value = String> {
        prop::collection::vec(tricky_char(), 0..300).prop_map(|cs| cs.into_iter().collect())
    }

    /// What escaping promises to keep: line breaks become LF, other
    /// controls except HTAB are gone.
    fn normalised(s: &str) -> String {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !c.is_ascii_control())
            .collect()
    }

    /// escape → fold → unfold → unescape.
    fn round_trip(s: &str) -> (String, String) {
        let out = folded(&format!("DESCRIPTION:{}", escape_text(s)));
        let line = unfold(&out);
        let value = line
            .strip_prefix("DESCRIPTION:")
            .and_then(|l| l.strip_suffix("\r\n"))
            .expect("one content line");
        (out.clone(), unescape(value))
    }

    proptest! {
        #[test]
        fn any_string_survives_the_round_trip_up_to_normalisation(s in tricky_string()) {
            let (out, back) = round_trip(&s);
            assert_well_formed(&out);
            prop_assert_eq!(back, normalised(&s));
        }

        #[test]
        fn arbitrary_utf8_survives_the_round_trip_up_to_normalisation(s in any::<String>()) {
            let (out, back) = round_trip(&s);
            assert_well_formed(&out);
            prop_assert_eq!(back, normalised(&s));
        }

        #[test]
        fn a_string_without_cr_or_controls_survives_unchanged(s in tricky_string()) {
            let s = normalised(&s);
            let (_, back) = round_trip(&s);
            prop_assert_eq!(back, s);
        }

        #[test]
        fn any_event_text_gives_a_well_formed_document(
            summary in tricky_string(),
            location in tricky_string(),
            name in tricky_string(),
        ) {
            let organizer = Organizer { name, email: "a@example.nl".into() };
            let event = Event { summary, location: Some(location), ..meeting() };
            let events = [event];
            let doc = write_calendar(&Calendar {
                name: "Wijkagenda",
                description: "",
                source_url: "",
                refresh_hours: 1,
                organizer: &organizer,
                events: &events,
            });
            assert_well_formed(&doc);
        }
    }
}

#[cfg(test)]
mod day_event_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_all_day_event_has_dates_not_times_and_folds_like_the_rest() {
        let stamp = Utc.with_ymd_and_hms(2026, 9, 21, 12, 0, 0).unwrap();
        let event = DayEvent {
            uid: "r-closes@x.nl".into(),
            stamp,
            date: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            summary: "Ronde; laatste dag, ".repeat(6),
            url: "https://x.nl/r/".into(),
            description: String::new(),
            sequence: 0,
            last_modified: stamp,
            categories: vec!["Deadline".into()],
        };
        let organizer = Organizer {
            name: "Team".into(),
            email: "a@x.nl".into(),
        };
        let block = day_event_block(&event, &organizer);
        assert!(block.contains("\r\nDTSTART;VALUE=DATE:20261231\r\n"));
        assert!(
            block.contains("\r\nDTEND;VALUE=DATE:20270101\r\n"),
            "the next day"
        );
        assert!(block.contains("\r\nCATEGORIES:Deadline\r\n"));
        assert!(block.contains("\r\nTRANSP:TRANSPARENT\r\n"));
        assert!(block.contains("SUMMARY:Ronde\\; laatste dag\\, "));
        for line in block.split("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{line}");
        }
        let last = DayEvent {
            date: NaiveDate::MAX,
            ..event
        };
        assert!(!day_event_block(&last, &organizer).contains("DTEND"));
    }
}
