//! The site model: everything the content says, validated and linked,
//! ready to render. Built once per build; rendering only reads it.

pub(crate) mod accountability;
pub(crate) mod activities;
pub(crate) mod event_details;
pub(crate) mod funds;
pub(crate) mod loader;
pub(crate) mod meetings;
pub(crate) mod newsletter;
pub(crate) mod pages;
pub(crate) mod projects;
pub(crate) mod punten;
#[cfg(test)]
pub(crate) mod test_support;
pub(crate) mod verslagen;
pub(crate) mod wijkplan;

use crate::content::StaticFile;
use crate::content::config::{SiteConfig, WijkConfig};
use crate::model::activities::Activity;
use crate::model::meetings::Agenda;
use crate::model::newsletter::Edition;
use crate::model::pages::Page;
use crate::model::projects::Round;
use crate::model::punten::Point;
use crate::model::verslagen::Report;
use crate::model::wijkplan::Wijkplan;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The whole site.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// content/_index.md, when present.
    pub home: Option<Page>,
    /// Area-wide pages, in menu order.
    pub pages: Vec<Page>,
    /// The wijken in the order of site.yaml.
    pub wijken: Vec<Wijk>,
    pub static_files: Vec<StaticFile>,
    /// The meetings (sorted by start) and the venues.
    pub agenda: Agenda,
    /// The activities (sorted by start).
    pub activities: Vec<Activity>,
    /// The wijkplannen, by year.
    pub wijkplannen: Vec<Wijkplan>,
    /// The subsidy rounds, by decision date.
    pub rounds: Vec<Round>,
    /// The funds of content/fondsen.yaml; empty without that file.
    pub funds: Vec<crate::model::funds::Fund>,
    /// Newsletter editions, newest first.
    pub editions: Vec<Edition>,
    /// Reports of meetings, by meeting slug.
    pub reports: Vec<Report>,
    /// Residents' points, newest raised first.
    pub points: Vec<Point>,
    /// The moment of the build; "upcoming" is relative to it.
    pub build_time: DateTime<Utc>,
}

/// One wijk with its landing text and pages.
#[derive(Debug, Clone, Serialize)]
pub struct Wijk {
    #[serde(flatten)]
    pub config: WijkConfig,
    pub url: String,
    pub permalink: String,
    /// content/wijken/<wijk>/_index.md, when present.
    pub index: Option<Page>,
    /// The wijk's own pages, in list order.
    pub pages: Vec<Page>,
}

impl Site {
    /// Every page of the site (home, area pages, wijk index and pages).
    pub fn all_pages(&self) -> impl Iterator<Item = &Page> {
        self.home.iter().chain(&self.pages).chain(
            self.wijken
                .iter()
                .flat_map(|w| w.index.iter().chain(&w.pages)),
        )
    }

    pub fn wijk(&self, slug: &str) -> Option<&Wijk> {
        self.wijken.iter().find(|w| w.config.slug == slug)
    }

    /// The build date in the site's time zone.
    pub fn build_date(&self) -> chrono::NaiveDate {
        self.build_time
            .with_timezone(&self.config.time_zone())
            .date_naive()
    }

    /// Takes the page loaded from `source` out of the site.
    pub fn remove_page(&mut self, source: &str) -> Option<Page> {
        if self.home.as_ref().is_some_and(|p| p.source == source) {
            return self.home.take();
        }
        if let Some(i) = self.pages.iter().position(|p| p.source == source) {
            return Some(self.pages.remove(i));
        }
        for wijk in &mut self.wijken {
            if wijk.index.as_ref().is_some_and(|p| p.source == source) {
                return wijk.index.take();
            }
            if let Some(i) = wijk.pages.iter().position(|p| p.source == source) {
                return Some(wijk.pages.remove(i));
            }
        }
        None
    }

    /// Puts a page where it belongs (home, area pages, a wijk's landing
    /// text or pages), keeping list order. A page of a wijk that is not in
    /// site.yaml is dropped (loading reported it).
    pub fn insert_page(&mut self, page: Page) {
        match page.wijk.clone() {
            None if page.path == "/" => self.home = Some(page),
            None => {
                let at = self
                    .pages
                    .partition_point(|p| list_order(p) < list_order(&page));
                self.pages.insert(at, page);
            }
            Some(slug) => {
                let Some(wijk) = self.wijken.iter_mut().find(|w| w.config.slug == slug) else {
                    return;
                };
                if page.path == format!("/{slug}/") {
                    wijk.index = Some(page);
                } else {
                    let at = wijk
                        .pages
                        .partition_point(|p| list_order(p) < list_order(&page));
                    wijk.pages.insert(at, page);
                }
            }
        }
    }
}

/// The key of [`crate::model::pages::sort_pages`]: weight, then title, then path.
fn list_order(page: &Page) -> (i64, &str, &str) {
    (page.weight, &page.title, &page.path)
}
