//! THE ADAPTER between the other sections' models and the newsletter and
//! site feed: the one place that knows both sides.
//!
//! The newsletter (src/newsletter.rs) and the site feed (src/feeds.rs) take
//! plain lists of their own types: [`AgendaItem`], [`DecidedRound`] and
//! [`FeedItem`]. This file fills those lists from the meetings model
//! (`site.agenda`) and the projects model. When a section has no model yet,
//! its list is empty and the newsletter simply leaves that automatic
//! section out.

use crate::escape;
use crate::feeds::{self, FeedItem};
use crate::meetings::{Meeting, Status};
use crate::model::Site;
use crate::newsletter::{AgendaItem, DecidedRound};
use serde_json::Value;

impl Site {
    /// Every meeting, for "Komende bijeenkomsten" (the newsletter picks the
    /// eight weeks after each edition). `strings` are the theme's UI strings,
    /// for the status in words.
    pub fn newsletter_agenda(&self, strings: &Value) -> Vec<AgendaItem> {
        self.agenda
            .meetings
            .iter()
            .map(|m| AgendaItem {
                title: m.title.clone(),
                url: m.permalink.clone(),
                when: m.when.clone(),
                start: m.start,
                status_text: status_text(m.status, strings),
                place: self.meeting_place(m),
                wijken: m.wijken.clone(),
            })
            .collect()
    }

    /// Every decided subsidy round, for "Besloten projecten" (the newsletter
    /// picks those decided since the previous edition). Rounds are not part
    /// of the site model yet, so there are none.
    pub fn newsletter_rounds(&self) -> Vec<DecidedRound> {
        Vec::new()
    }

    /// Site-feed entries of the other sections: meetings announced and
    /// rounds decided (none until rounds are part of the site model).
    ///
    /// A meeting's entry is dated to its start (local time with offset),
    /// since the content records no announcement date; its id is a tag URI
    /// of the meeting's date and slug.
    pub fn section_feed_items(&self, strings: &Value) -> Vec<FeedItem> {
        let config = &self.config;
        let tz = config.time_zone();
        self.agenda
            .meetings
            .iter()
            .map(|m| {
                let at = m.start.with_timezone(&tz).fixed_offset();
                let place = self.meeting_place(m);
                let status = status_text(m.status, strings);
                let mut facts = m.when.clone();
                for extra in [&place, &status] {
                    if !extra.is_empty() {
                        facts.push_str(&format!(" · {extra}"));
                    }
                }
                let html = format!(
                    "<p><strong>{}</strong></p>\n{}",
                    escape::html(&facts),
                    m.html
                );
                FeedItem {
                    id: feeds::tag_uri(
                        config,
                        m.start_local.date(),
                        &format!("bijeenkomsten/{}", m.slug),
                    ),
                    title: m.title.clone(),
                    url: m.permalink.clone(),
                    published: at,
                    updated: at,
                    summary: facts,
                    content_html: feeds::absolute_html(&html, config, &m.permalink),
                }
            })
            .collect()
    }

    /// Where a meeting is, on one line: the venue's name and address, or
    /// the free-text location; empty when not yet known.
    fn meeting_place(&self, meeting: &Meeting) -> String {
        match (&meeting.venue, &meeting.location) {
            (Some(slug), _) => self
                .agenda
                .venue(slug)
                .map(|v| v.location_line())
                .unwrap_or_default(),
            (None, Some(location)) => location.clone(),
            (None, None) => String::new(),
        }
    }
}

/// The status in words; empty for a meeting that simply goes ahead.
fn status_text(status: Status, strings: &Value) -> String {
    let key = match status {
        Status::Confirmed => return String::new(),
        Status::Tentative => "status_tentative",
        Status::Cancelled => "status_cancelled",
        Status::Moved => "status_moved",
    };
    strings
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or(key)
        .to_string()
}
