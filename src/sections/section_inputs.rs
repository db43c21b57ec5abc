//! THE ADAPTER between the other sections' models and the newsletter and
//! site feed: the one place that knows both sides.
//!
//! The newsletter (model/newsletter.rs) and the site feed (feeds.rs) take
//! plain lists of their own types: [`AgendaItem`], [`DecidedRound`] and
//! [`FeedItem`]. This file fills those lists from the meetings model
//! (`site.agenda`) and the projects model (`site.rounds`).

use crate::content::dates;
use crate::model::Site;
use crate::model::event_details;
use crate::model::meetings::{Meeting, Status};
use crate::model::newsletter::{AgendaItem, DecidedRound, PointNews};
use crate::model::projects::{Project, Round};
use crate::sections::feeds::{self, FeedItem};
use crate::theme::strings::{Ui, UiStrings};
use crate::util::escape;
use crate::util::money::Euros;

impl Site {
    /// Every meeting, for "Komende bijeenkomsten" (the newsletter picks the
    /// eight weeks after each edition). `strings` are the theme's UI strings,
    /// for the status in words.
    pub fn newsletter_agenda(&self, strings: &UiStrings) -> Vec<AgendaItem> {
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
                report_url: crate::model::verslagen::of_meeting(&self.reports, &m.slug)
                    .map(|r| r.permalink.clone()),
            })
            .collect()
    }

    /// Every resident's point with its news, for "Wat er gebeurde met uw
    /// punten" (the newsletter picks the news since the previous edition).
    pub fn newsletter_points(&self, strings: &UiStrings) -> Vec<PointNews> {
        self.points
            .iter()
            .map(|p| PointNews {
                title: p.title.clone(),
                url: p.permalink.clone(),
                status_text: p.status.word().to_string(),
                wijk: p.wijk.clone(),
                news: std::iter::once((p.raised, strings.get(Ui::PointRaised).to_string()))
                    .chain(p.updates.iter().map(|u| (u.date, u.text.clone())))
                    .collect(),
            })
            .collect()
    }

    /// Every decided subsidy round, for "Besloten projecten" (the newsletter
    /// picks those decided since the previous edition).
    pub fn newsletter_rounds(&self) -> Vec<DecidedRound> {
        self.rounds
            .iter()
            .map(|round| DecidedRound {
                title: round.title.clone(),
                url: round.permalink.clone(),
                decided: round.decided,
                granted_total_text: round.totals().granted.format_nl(),
                project_count: granted_projects(round).count(),
                opens: round.dates.opens,
                closes: round.dates.closes,
            })
            .collect()
    }

    /// Site-feed entries of the other sections: meetings announced and
    /// rounds decided.
    pub fn section_feed_items(&self, strings: &UiStrings) -> Vec<FeedItem> {
        let mut items = self.meeting_feed_items(strings);
        items.extend(self.round_feed_items(strings));
        items.extend(self.activity_feed_items(strings));
        items
    }

    /// A meeting's entry is dated by the rule of `model::event_details`:
    /// its `announced` date, else six weeks before its day; a meeting whose
    /// date is after the build is left out until then. Its id is a tag URI
    /// of the meeting's date and slug.
    fn meeting_feed_items(&self, strings: &UiStrings) -> Vec<FeedItem> {
        self.agenda
            .meetings
            .iter()
            .filter_map(|m| self.meeting_feed_item(m, strings))
            .collect()
    }

    /// One meeting's feed entry, or `None` before its date.
    pub fn meeting_feed_item(&self, m: &Meeting, strings: &UiStrings) -> Option<FeedItem> {
        let config = &self.config;
        let tz = config.time_zone();
        let at = event_details::feed_date(m.announced, m.start_local.date(), tz);
        if !event_details::in_feed_at(at, self.build_time) {
            return None;
        }
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
        Some(FeedItem {
            id: feeds::tag_uri(
                config,
                m.start_local.date(),
                &format!("{}/{}", crate::content::folders::MEETINGS.dir, m.slug),
            ),
            title: m.title.clone(),
            url: m.permalink.clone(),
            published: at,
            updated: at,
            summary: facts,
            content_html: feeds::absolute_html(&html, config, &m.permalink),
        })
    }

    /// A round's entry is dated to its decision (local midnight); it lists
    /// the projects that were granted money.
    pub(crate) fn round_feed_items(&self, strings: &UiStrings) -> Vec<FeedItem> {
        let config = &self.config;
        let decision = self.newsletter_rounds();
        self.rounds
            .iter()
            .zip(decision)
            .map(|(round, decided)| {
                let at = dates::start_of_day(round.decided, config.time_zone());
                let count_words = if decided.project_count == 1 {
                    strings.get(Ui::ProjectOne)
                } else {
                    strings.get(Ui::ProjectMany)
                };
                let summary = format!(
                    "{} {}: {} {count_words}, {} {}.",
                    strings.get(Ui::DecidedOn),
                    round.decided_long,
                    decided.project_count,
                    strings.get(Ui::GrantedTogether),
                    decided.granted_total_text,
                );
                let mut html = format!("<p>{}</p>\n<ul>\n", escape::html(&summary));
                for project in granted_projects(round) {
                    html.push_str(&format!(
                        "<li><a href=\"{}\">{}</a>: {}</li>\n",
                        escape::html(&project.url),
                        escape::html(&project.title),
                        escape::html(&project.granted.format_nl()),
                    ));
                }
                html.push_str("</ul>\n");
                FeedItem {
                    id: feeds::tag_uri(
                        config,
                        round.decided,
                        &format!("{}/{}", crate::content::folders::PROJECTS.dir, round.slug),
                    ),
                    title: round.title.clone(),
                    url: round.permalink.clone(),
                    published: at,
                    updated: at,
                    summary,
                    content_html: feeds::absolute_html(&html, config, &round.permalink),
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

/// The projects of a round that were granted money.
fn granted_projects(round: &Round) -> impl Iterator<Item = &Project> {
    round
        .projects
        .iter()
        .filter(|p| p.granted > Euros::default())
}

/// The status in words; empty for a meeting that simply goes ahead.
fn status_text(status: Status, strings: &UiStrings) -> String {
    let key = match status {
        Status::Confirmed => return String::new(),
        Status::Tentative => Ui::StatusTentative,
        Status::Cancelled => Ui::StatusCancelled,
        Status::Moved => Ui::StatusMoved,
    };
    strings.get(key).to_string()
}
