//! The sections of the site beyond plain pages (meetings, activities,
//! wijkplan, projects, newsletter), behind one trait and one list. The renderer loops
//! over [`SECTIONS`] and names no section; adding a content type is a model
//! module, a page module with a [`Section`] impl, and one line in the list.

pub(crate) mod account_pages;
pub(crate) mod activity_pages;
pub(crate) mod calendar;
pub(crate) mod email;
pub(crate) mod feeds;
pub(crate) mod meeting_pages;
pub(crate) mod newsletter_pages;
pub(crate) mod open_data;
pub(crate) mod point_pages;
pub(crate) mod projects_pages;
pub(crate) mod report_pages;
pub(crate) mod round_dates;
pub(crate) mod section_inputs;
pub(crate) mod share;
pub(crate) mod wijk_feeds;
pub(crate) mod wijkplan_pages;

use crate::content::folders::Folder;
use crate::model::{Site, Wijk};
use crate::sections::activity_pages::Activities;
use crate::sections::meeting_pages::Meetings;
use crate::sections::newsletter_pages::Newsletter;
use crate::sections::point_pages::Points;
use crate::sections::projects_pages::Projects;
use crate::sections::report_pages::Reports;
use crate::sections::wijkplan_pages::Wijkplannen;
use crate::theme::output_file::OutputFile;
use crate::theme::{Job, MenuItem, Theme};
use crate::util::diagnostics::Diagnostics;
use tera::Context;

/// One section: what it adds to the site.
///
/// `serve` rebuilds incrementally (`crate::build::incremental`) and relies on what
/// each hook reads: [`Section::jobs`] and [`Section::files`] must read no
/// area or wijk page (`site.home`, `site.pages`, a wijk's `index` and
/// `pages`), because they are made again only when a section's files, the
/// theme or the build time changed. A file that shows pages (a feed of
/// everything new) goes in [`Section::page_files`], made again on every
/// save; what the home and wijk pages show goes through [`Section::home`]
/// and [`Section::wijk`]. tests/incremental.rs checks the result against a
/// full build.
pub trait Section: Sync {
    /// Its content folder: where its files live and how they are named.
    fn folder(&self) -> &'static Folder;

    /// Its entry in the main menu; `None` while it has nothing to show.
    fn menu(&self, site: &Site, theme: &Theme) -> Option<MenuItem>;

    /// Its HTML pages (reading no area or wijk page).
    fn jobs(&self, site: &Site, theme: &Theme) -> Vec<Job>;

    /// Its other files: calendars, emails, open data, feeds (reading no
    /// area or wijk page). `base` is what every template gets.
    fn files(
        &self,
        _site: &Site,
        _theme: &Theme,
        _base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        Ok(Vec::new())
    }

    /// Files that show area or wijk pages (remade on every save).
    fn page_files(
        &self,
        _site: &Site,
        _theme: &Theme,
        _base: &Context,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        Ok(Vec::new())
    }

    /// Adds what the home page shows of it.
    fn home(&self, _site: &Site, _job: &mut Job) {}

    /// Adds what a wijk's page shows of it.
    fn wijk(&self, _site: &Site, _wijk: &Wijk, _job: &mut Job) {}
}

/// Every section, in menu order.
pub static SECTIONS: &[&dyn Section] = &[
    &Meetings,
    &Activities,
    &Wijkplannen,
    &Projects,
    &Reports,
    &Points,
    &Newsletter,
];

/// The sections' menu entries, in menu order.
pub fn menu(site: &Site, theme: &Theme) -> Vec<MenuItem> {
    SECTIONS
        .iter()
        .filter_map(|s| s.menu(site, theme))
        .collect()
}

/// Every section's HTML pages.
pub fn jobs(site: &Site, theme: &Theme) -> Vec<Job> {
    SECTIONS.iter().flat_map(|s| s.jobs(site, theme)).collect()
}

/// Every section's other files; the first section that fails stops it.
pub fn files(site: &Site, theme: &Theme, base: &Context) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = Vec::new();
    for section in SECTIONS {
        files.extend(section.files(site, theme, base)?);
    }
    Ok(files)
}

/// Every section's files that show area or wijk pages.
pub fn page_files(
    site: &Site,
    theme: &Theme,
    base: &Context,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = Vec::new();
    for section in SECTIONS {
        files.extend(section.page_files(site, theme, base)?);
    }
    Ok(files)
}

/// Adds what the home page shows of each section.
pub fn home(site: &Site, job: &mut Job) {
    for section in SECTIONS {
        section.home(site, job);
    }
}

/// Adds what a wijk's page shows of each section.
pub fn wijk(site: &Site, wijk: &Wijk, job: &mut Job) {
    for section in SECTIONS {
        section.wijk(site, wijk, job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::folders::FOLDERS;

    #[test]
    fn every_section_has_its_own_row_in_the_folder_table() {
        let mut dirs: Vec<&str> = SECTIONS.iter().map(|s| s.folder().dir).collect();
        dirs.sort_unstable();
        let mut table: Vec<&str> = FOLDERS.iter().map(|f| f.dir).collect();
        table.sort_unstable();
        assert_eq!(dirs, table);
    }
}
