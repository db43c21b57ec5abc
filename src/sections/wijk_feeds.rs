//! `/<wijk>/atom.xml`: what is new for one wijk, as an Atom feed: the
//! wijk's own pages with a date, the meetings and activities for that wijk
//! or for the whole area, the decided rounds with a project in the wijk,
//! and the newsletter editions tagged for the wijk (`wijken:`). Dated by
//! the same rules as `/atom.xml`, never after the build time. The wijk's
//! pages name it in their `<head>` (autodiscovery).

use crate::model::Site;
use crate::sections::calendar::fill;
use crate::sections::feeds::{self, Candidate, FeedItem, FeedMeta};
use crate::sections::newsletter_pages::Inputs;
use crate::theme::Theme;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::Ui;
use crate::util::diagnostics::Diagnostics;
use tera::Context;

/// A wijk feed holds at most this many entries.
pub const WIJK_FEED_LIMIT: usize = 50;

/// `/<wijk>/atom.xml`.
pub fn wijk_feed_path(wijk: &str) -> String {
    format!("/{wijk}/atom.xml")
}

/// Every wijk's feed.
pub fn files(site: &Site, theme: &Theme, base: &Context) -> Result<Vec<OutputFile>, Diagnostics> {
    let strings = theme.strings();
    let config = &site.config;
    let inputs = Inputs::of(site, strings);
    let composed = inputs.compose(site);
    let meetings: Vec<(usize, FeedItem)> = site
        .agenda
        .meetings
        .iter()
        .enumerate()
        .filter_map(|(i, m)| site.meeting_feed_item(m, strings).map(|f| (i, f)))
        .collect();
    let activities: Vec<(usize, FeedItem)> = site
        .activities
        .iter()
        .enumerate()
        .filter_map(|(i, a)| site.activity_feed_item(a, strings).map(|f| (i, f)))
        .collect();
    let rounds = site.round_feed_items(strings);
    let mut problems = Diagnostics::new();
    let mut out = Vec::new();
    for wijk in &site.wijken {
        let slug = wijk.config.slug.as_str();
        // Candidates first, written out only when among the newest
        // WIJK_FEED_LIMIT: a wijk of thousands of dated pages costs a save
        // in serve no more than one of fifty.
        let mut candidates: Vec<Candidate> = wijk
            .index
            .iter()
            .chain(&wijk.pages)
            .filter_map(|page| Candidate::page(page, config))
            .collect();
        let ready = meetings
            .iter()
            .filter(|(i, _)| site.agenda.meetings[*i].concerns(slug))
            .chain(
                activities
                    .iter()
                    .filter(|(i, _)| site.activities[*i].concerns(slug)),
            )
            .map(|(_, f)| f.clone());
        candidates.extend(ready.map(Candidate::ready));
        for (round, item) in site.rounds.iter().zip(&rounds) {
            let here = round
                .projects
                .iter()
                .any(|p| p.wijk.as_deref() == Some(slug));
            if here {
                candidates.push(Candidate::ready(item.clone()));
            }
        }
        candidates.extend(
            composed
                .iter()
                .filter(|c| c.edition.wijken.iter().any(|w| w == slug))
                .map(|c| Candidate::edition(c, config)),
        );
        let items = match feeds::newest(candidates, WIJK_FEED_LIMIT, site, theme, base) {
            Ok(items) => items,
            Err(more) => {
                problems.extend(more);
                continue;
            }
        };
        let path = wijk_feed_path(slug);
        let name = wijk.config.name.as_str();
        let values = [("site", config.short_title.as_str()), ("name", name)];
        let meta = FeedMeta {
            id: config.absolute_url(&path),
            title: fill(strings.get(Ui::WijkFeedTitle), &values),
            subtitle: fill(strings.get(Ui::WijkFeedSubtitle), &values),
            self_url: config.absolute_url(&path),
            alternate_url: wijk.permalink.clone(),
            author_name: feeds::author_name(config),
            author_email: Some(config.contact.email.clone()),
            lang: config.language.clone(),
        };
        match feeds::feed_file(&path, &meta, items, WIJK_FEED_LIMIT) {
            Ok(file) => out.push(file),
            Err(d) => problems.extend(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(out)
}
