//! THE ADAPTER between the other sections' models and the newsletter and
//! site feed: the one place that knows both sides.
//!
//! The newsletter (src/newsletter.rs) and the site feed (src/feeds.rs) take
//! plain lists of their own types: [`AgendaItem`], [`DecidedRound`] and
//! [`FeedItem`]. This file fills those lists from the meetings and projects
//! models. When a section has no model yet, its list is empty and the
//! newsletter simply leaves that automatic section out.

use crate::feeds::FeedItem;
use crate::model::Site;
use crate::newsletter::{AgendaItem, DecidedRound};

impl Site {
    /// Every meeting, for "Komende bijeenkomsten" (the newsletter picks the
    /// eight weeks after each edition). Meetings are not part of the site
    /// model yet, so there are none.
    pub fn newsletter_agenda(&self) -> Vec<AgendaItem> {
        Vec::new()
    }

    /// Every decided subsidy round, for "Besloten projecten" (the newsletter
    /// picks those decided since the previous edition). Rounds are not part
    /// of the site model yet, so there are none.
    pub fn newsletter_rounds(&self) -> Vec<DecidedRound> {
        Vec::new()
    }

    /// Site-feed entries of the other sections: meetings announced and
    /// rounds decided. None until those sections are part of the site model.
    pub fn section_feed_items(&self) -> Vec<FeedItem> {
        Vec::new()
    }
}
