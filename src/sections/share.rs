//! Ready texts to share a meeting, an activity, a newsletter edition or a
//! decided round on the channels residents use (Facebook, Nextdoor,
//! WhatsApp): plain text, no HTML, with the date in Dutch words, the time,
//! the place and the link. Pages show them in a "Delen" block with a copy
//! button (the theme's copy.js); nothing is sent to another site.
//!
//! Limits: a Facebook text is at most [`FACEBOOK_MAX`] characters (a post
//! longer than that is folded behind "Meer weergeven"); a Nextdoor text at
//! most [`NEXTDOOR_MAX`]; a WhatsApp text holds only the facts and the link
//! and at most [`WHATSAPP_MAX`]. The summary is cut at a word to fit.

use crate::model::Site;
use crate::model::activities::Activity;
use crate::model::event_details::Registration;
use crate::model::meetings::{Meeting, Status};
use crate::model::newsletter::Edition;
use crate::model::projects::Round;
use crate::theme::strings::{Ui, UiStrings};
use serde::Serialize;

pub const FACEBOOK_MAX: usize = 500;
pub const NEXTDOOR_MAX: usize = 1000;
pub const WHATSAPP_MAX: usize = 400;

/// The three texts of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareTexts {
    pub facebook: String,
    pub nextdoor: String,
    pub whatsapp: String,
}

/// What a share text says of one item.
#[derive(Debug, Clone, Default)]
pub struct ShareItem {
    pub title: String,
    /// "Gaat niet door", when so.
    pub status: String,
    /// Date in words and time: "dinsdag 20 januari 2026, 19.30–21.30 uur".
    pub when: String,
    pub place: String,
    pub summary: String,
    /// More facts, one a line: cost, sign-up.
    pub facts: Vec<String>,
    /// Absolute URL of the page.
    pub link: String,
}

/// Replaces each `{key}` in `template` with its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |acc, (key, value)| {
            acc.replace(&format!("{{{key}}}"), value)
        })
}

/// How to sign up, in one or two sentences.
pub fn registration_line(registration: &Registration, strings: &UiStrings) -> String {
    let mut parts = vec![
        if registration.required {
            strings.get(Ui::RegistrationRequired)
        } else {
            strings.get(Ui::RegistrationWelcome)
        }
        .to_string(),
    ];
    if let Some(opens) = &registration.opens {
        parts.push(fill(strings.get(Ui::RegistrationOpens), &[("date", opens)]));
    }
    if let Some(closes) = &registration.closes {
        parts.push(fill(
            strings.get(Ui::RegistrationCloses),
            &[("date", closes)],
        ));
    }
    let via = registration
        .url
        .as_deref()
        .or(registration.email.as_deref())
        .unwrap_or("");
    if !via.is_empty() {
        parts.push(fill(strings.get(Ui::RegistrationVia), &[("where", via)]));
    }
    let mut line = format!("{}.", parts.join(", "));
    if let Some(capacity) = registration.capacity {
        line.push(' ');
        line.push_str(&fill(
            strings.get(Ui::RegistrationCapacity),
            &[("count", &capacity.to_string())],
        ));
    }
    line
}

/// Cuts `text` to at most `max` characters, at a word, ending in "…".
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word_end = text
        .chars()
        .nth(max.saturating_sub(1))
        .is_none_or(char::is_whitespace);
    let head = match head.rsplit_once(char::is_whitespace) {
        _ if at_word_end => head.as_str(),
        Some((start, _)) if !start.trim().is_empty() => start,
        _ => head.as_str(),
    };
    format!("{}…", head.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Joins non-empty blocks with a blank line; lines inside a block with one
/// line break.
fn blocks(parts: &[Vec<String>]) -> String {
    parts
        .iter()
        .map(|lines| {
            lines
                .iter()
                .filter(|l| !l.trim().is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|b| !b.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A text of `build(summary)`, with the summary cut so it fits `max`; if
/// even without a summary it is too long, the whole text is cut (the link
/// is kept: it is the last line).
fn fitted(max: usize, item: &ShareItem, build: impl Fn(&str) -> String) -> String {
    let full = build(&item.summary);
    let len = full.chars().count();
    if len <= max {
        return full;
    }
    let summary_len = item.summary.chars().count();
    let room = summary_len.saturating_sub(len - max);
    let text = build(&cut(&item.summary, room));
    if text.chars().count() <= max {
        return text;
    }
    let text = build("");
    if text.chars().count() <= max {
        return text;
    }
    let link_len = item.link.chars().count();
    let body: String = text
        .strip_suffix(&item.link)
        .map_or(text.clone(), str::to_string);
    format!(
        "{}\n{}",
        cut(body.trim_end(), max.saturating_sub(link_len + 1)),
        item.link
    )
}

/// The three texts of one item.
pub fn texts(item: &ShareItem, strings: &UiStrings) -> ShareTexts {
    let more = strings.get(Ui::ShareMore);
    let title_line = if item.status.is_empty() {
        item.title.clone()
    } else {
        format!("{}: {}", item.status, item.title)
    };
    let labelled = |key: Ui, value: &str| {
        if value.is_empty() {
            String::new()
        } else {
            format!("{}: {value}", strings.get(key))
        }
    };
    let facebook = fitted(FACEBOOK_MAX, item, |summary| {
        blocks(&[
            vec![title_line.clone()],
            vec![item.when.clone(), item.place.clone()],
            vec![summary.to_string()],
            item.facts.clone(),
            vec![format!("{more}: {}", item.link)],
        ])
    });
    let nextdoor = fitted(NEXTDOOR_MAX, item, |summary| {
        let mut facts = vec![
            labelled(Ui::ShareWhen, &item.when),
            labelled(Ui::ShareWhere, &item.place),
        ];
        facts.extend(item.facts.iter().cloned());
        blocks(&[
            vec![title_line.clone()],
            vec![summary.to_string()],
            facts,
            vec![format!("{more}: {}", item.link)],
        ])
    });
    let whatsapp = fitted(WHATSAPP_MAX, item, |_| {
        blocks(&[vec![
            title_line.clone(),
            item.when.clone(),
            item.place.clone(),
            item.link.clone(),
        ]])
    });
    ShareTexts {
        facebook,
        nextdoor,
        whatsapp,
    }
}

fn status_word(status: Status, strings: &UiStrings) -> String {
    match status {
        Status::Confirmed => String::new(),
        Status::Tentative => strings.get(Ui::StatusTentative).to_string(),
        Status::Cancelled => strings.get(Ui::StatusCancelled).to_string(),
        Status::Moved => strings.get(Ui::StatusMoved).to_string(),
    }
}

/// Where, on one line: the venue's name and address, or the location.
fn place(site: &Site, venue: Option<&str>, location: Option<&str>) -> String {
    match venue.and_then(|v| site.agenda.venue(v)) {
        Some(v) => v.location_line(),
        None => location.unwrap_or("").to_string(),
    }
}

/// A meeting's texts.
pub fn meeting(meeting: &Meeting, site: &Site, strings: &UiStrings) -> ShareTexts {
    let mut facts = Vec::new();
    if let Some(r) = &meeting.registration {
        facts.push(registration_line(r, strings));
    }
    if meeting.online_url.is_some() {
        facts.push(strings.get(Ui::ShareOnline).to_string());
    }
    let item = ShareItem {
        title: meeting.title.clone(),
        status: status_word(meeting.status, strings),
        when: meeting.when.clone(),
        place: place(site, meeting.venue.as_deref(), meeting.location.as_deref()),
        summary: meeting.summary.clone(),
        facts,
        link: meeting.permalink.clone(),
    };
    texts(&item, strings)
}

/// An activity's texts.
pub fn activity(activity: &Activity, site: &Site, strings: &UiStrings) -> ShareTexts {
    let mut facts = Vec::new();
    if let Some(cost) = &activity.cost {
        facts.push(format!("{}: {cost}", strings.get(Ui::ShareCost)));
    }
    if let Some(r) = &activity.registration {
        facts.push(registration_line(r, strings));
    }
    if let Some(organiser) = &activity.organiser {
        facts.push(format!("{}: {organiser}", strings.get(Ui::ShareOrganiser)));
    }
    let item = ShareItem {
        title: activity.title.clone(),
        status: status_word(activity.status, strings),
        when: activity.when.clone(),
        place: place(
            site,
            activity.venue.as_deref(),
            activity.location.as_deref(),
        ),
        summary: activity.summary.clone(),
        facts,
        link: activity.permalink.clone(),
    };
    texts(&item, strings)
}

/// A newsletter edition's texts.
pub fn edition(edition: &Edition, strings: &UiStrings) -> ShareTexts {
    let item = ShareItem {
        title: format!("{}: {}", strings.get(Ui::Newsletter), edition.title),
        when: edition.date_long.clone(),
        summary: edition.summary.clone(),
        link: edition.permalink.clone(),
        ..ShareItem::default()
    };
    texts(&item, strings)
}

/// A decided round's texts: how many projects got how much.
pub fn round(round: &Round, strings: &UiStrings) -> ShareTexts {
    let granted: Vec<_> = round
        .projects
        .iter()
        .filter(|p| p.granted > crate::util::money::Euros::default())
        .collect();
    let total: crate::util::money::Euros = granted.iter().map(|p| p.granted).sum();
    let words = if granted.len() == 1 {
        strings.get(Ui::ProjectOne)
    } else {
        strings.get(Ui::ProjectMany)
    };
    let summary = format!(
        "{} {words}, {} {}: {}.",
        granted.len(),
        strings.get(Ui::GrantedTogether),
        total.format_nl(),
        granted
            .iter()
            .map(|p| p.title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let item = ShareItem {
        title: round.title.clone(),
        when: format!("{} {}", strings.get(Ui::DecidedOn), round.decided_long),
        summary,
        link: round.permalink.clone(),
        ..ShareItem::default()
    };
    texts(&item, strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> UiStrings {
        UiStrings::wijk_theme()
    }

    fn item(summary: &str) -> ShareItem {
        ShareItem {
            title: "Oogstfeest in de buurttuin".into(),
            when: "zaterdag 3 oktober 2026, 14.00–17.00 uur".into(),
            place: "Buurttuin Zielhorst".into(),
            summary: summary.into(),
            facts: vec!["Kosten: gratis".into()],
            link: "https://szh.example/activiteiten/oogstfeest/".into(),
            ..ShareItem::default()
        }
    }

    #[test]
    fn texts_hold_the_facts_and_the_link_within_their_limits() {
        let t = texts(&item("Soep van eigen oogst."), &strings());
        for text in [&t.facebook, &t.nextdoor, &t.whatsapp] {
            assert!(
                text.contains("zaterdag 3 oktober 2026, 14.00–17.00 uur"),
                "{text}"
            );
            assert!(text.contains("Buurttuin Zielhorst"), "{text}");
            assert!(
                text.ends_with("https://szh.example/activiteiten/oogstfeest/"),
                "{text}"
            );
            assert!(!text.contains('<'), "{text}");
        }
        assert!(t.facebook.contains("Soep van eigen oogst."));
        assert!(!t.whatsapp.contains("Soep"), "WhatsApp: facts only");
    }

    #[test]
    fn a_long_summary_is_cut_at_a_word_to_fit_facebook() {
        let long = "Wij oogsten samen en eten soep met brood uit de wijk. ".repeat(30);
        let t = texts(&item(&long), &strings());
        assert!(
            t.facebook.chars().count() <= FACEBOOK_MAX,
            "{}",
            t.facebook.len()
        );
        assert!(t.facebook.contains("…"));
        assert!(t.nextdoor.chars().count() <= NEXTDOOR_MAX);
        let mut huge = item("x");
        huge.title = "Heel lang ".repeat(100);
        let t = texts(&huge, &strings());
        for (text, max) in [
            (&t.facebook, FACEBOOK_MAX),
            (&t.nextdoor, NEXTDOOR_MAX),
            (&t.whatsapp, WHATSAPP_MAX),
        ] {
            assert!(text.chars().count() <= max, "{}", text.chars().count());
            assert!(text.ends_with("/oogstfeest/"), "{text}");
        }
    }

    #[test]
    fn cutting_keeps_whole_words() {
        assert_eq!(cut("een twee drie", 9), "een twee…");
        assert_eq!(cut("kort", 10), "kort");
    }
}
