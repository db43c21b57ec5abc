//! The newsletter's web pages: the archive, a page per edition, the menu
//! entry and what the home page shows, and [`Inputs`], the meetings and
//! rounds the automatic sections of an edition choose from.

use crate::model::Site;
use crate::model::newsletter::{
    ARCHIVE_PATH, Composed, Edition, EditionSummary, EditionView, FEED_PATH, compose,
};
use crate::model::newsletter::{AgendaItem, DecidedRound, PointNews};
use crate::sections::Section;
use crate::sections::email;
use crate::sections::feeds;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::{Ui, UiStrings};
use crate::theme::{Job, MenuItem, Theme};
use crate::util::diagnostics::Diagnostics;
use chrono::Datelike;
use serde::Serialize;
use tera::Context;

/// The meetings and rounds the automatic sections choose from, taken from
/// the site through the adapter (section_inputs.rs).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub agenda: Vec<AgendaItem>,
    pub rounds: Vec<DecidedRound>,
    pub points: Vec<PointNews>,
}

impl Inputs {
    /// `strings` are the theme's UI strings (a meeting's status in words).
    pub fn of(site: &Site, strings: &UiStrings) -> Inputs {
        Inputs {
            agenda: site.newsletter_agenda(strings),
            rounds: site.newsletter_rounds(),
            points: site.newsletter_points(strings),
        }
    }

    /// The site's editions composed with these meetings and rounds.
    pub fn compose<'a>(&'a self, site: &'a Site) -> Vec<Composed<'a>> {
        compose(
            &site.editions,
            &self.agenda,
            &self.rounds,
            &self.points,
            site.config.time_zone(),
        )
    }
}

/// The editions of one year, for the archive.
#[derive(Debug, Serialize)]
pub(crate) struct Year<'a> {
    pub(crate) year: i32,
    pub(crate) editions: Vec<EditionSummary<'a>>,
}

/// The archive grouped by year, newest year and newest edition first.
pub(crate) fn years(editions: &[Edition]) -> Vec<Year<'_>> {
    let mut years: Vec<Year> = Vec::new();
    for edition in editions {
        let year = edition.date.year();
        match years.last_mut() {
            Some(last) if last.year == year => last.editions.push(edition.into()),
            _ => years.push(Year {
                year,
                editions: vec![edition.into()],
            }),
        }
    }
    years
}

/// The menu entry "Nieuwsbrief".
pub fn menu_entry(site: &Site, strings: &UiStrings) -> MenuItem {
    let title = strings.get(Ui::Newsletter);
    MenuItem::new(&site.config, title, ARCHIVE_PATH)
}

/// The archive page and one page per edition.
pub fn jobs(site: &Site, strings: &UiStrings) -> Vec<Job> {
    let inputs = Inputs::of(site, strings);
    let composed = inputs.compose(site);
    let mut jobs = vec![
        Job::new(
            "newsletter/archive.html",
            ARCHIVE_PATH,
            crate::content::folders::NEWSLETTER.source,
        )
        .with("years", &years(&site.editions))
        .with(
            "feed_url",
            &crate::model::pages::url_for(&site.config, FEED_PATH),
        ),
    ];
    for c in &composed {
        jobs.push(
            Job::new(
                "newsletter/edition.html",
                c.edition.path.clone(),
                &c.edition.source,
            )
            .with("edition", &EditionView::new(c, &site.config))
            .with(
                "share",
                &crate::sections::share::edition(c.edition, strings),
            )
            .with(
                "archive_url",
                &crate::model::pages::url_for(&site.config, ARCHIVE_PATH),
            ),
        );
    }
    jobs
}

/// The home page shows the latest edition.
pub fn home(site: &Site, job: &mut Job) {
    let latest = site.editions.first().map(EditionSummary::from);
    job.insert("newsletter_latest", &latest);
    job.insert(
        "newsletter_archive_url",
        &crate::model::pages::url_for(&site.config, ARCHIVE_PATH),
    );
}

/// The newsletter: archive and edition pages, emails, its feed, and the
/// feed of everything new on the site.
pub struct Newsletter;

impl Section for Newsletter {
    fn folder(&self) -> &'static crate::content::folders::Folder {
        &crate::content::folders::NEWSLETTER
    }

    fn menu(&self, site: &Site, theme: &Theme) -> Option<MenuItem> {
        Some(menu_entry(site, theme.strings()))
    }

    fn jobs(&self, site: &Site, theme: &Theme) -> Vec<Job> {
        jobs(site, theme.strings())
    }

    fn files(
        &self,
        site: &Site,
        theme: &Theme,
        base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let inputs = Inputs::of(site, theme.strings());
        let editions = inputs.compose(site);
        let feed = feeds::newsletter_feed(site, theme, base, &editions);
        let mut files = email::files(&site.config, theme, base, &editions)?;
        files.push(feed?);
        Ok(files)
    }

    /// The feed of everything new (it has the dated pages).
    fn page_files(
        &self,
        site: &Site,
        theme: &Theme,
        base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let inputs = Inputs::of(site, theme.strings());
        let editions = inputs.compose(site);
        Ok(vec![feeds::site_feed(site, theme, base, &editions)?])
    }

    fn home(&self, site: &Site, job: &mut Job) {
        home(site, job);
    }
}
