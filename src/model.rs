//! The site model: everything the content says, validated and linked,
//! ready to render. Built once per build; rendering only reads it.

use crate::config::{SiteConfig, WijkConfig};
use crate::meetings::Agenda;
use crate::newsletter::Edition;
use crate::pages::Page;
use crate::projects::Round;
use crate::wijkplan::Wijkplan;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::PathBuf;

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
    /// The wijkplannen, by year.
    pub wijkplannen: Vec<Wijkplan>,
    /// The subsidy rounds, by decision date.
    pub rounds: Vec<Round>,
    /// Newsletter editions, newest first.
    pub editions: Vec<Edition>,
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

/// A file copied as is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub from: PathBuf,
    /// Output path relative to the output root.
    pub to: String,
    /// Source path relative to the site root, for messages.
    pub source: String,
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
}
