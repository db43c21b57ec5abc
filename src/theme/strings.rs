//! The UI strings the Rust code puts into pages, feeds, calendars and
//! emails, typed: [`Ui`] names each one, [`UiStrings`] holds the theme's
//! `strings.yaml` with the site's `templates/strings.yaml` on top. Loading
//! checks that every [`Ui`] string is there, so a missing one is an error
//! at theme load naming the key, never a silent fallback. Templates get
//! the whole file as `t` (nested maps included).

use crate::util::diagnostics::Diagnostic;
use serde_json::{Map, Value};

/// Defines [`Ui`] with each variant's key in strings.yaml.
macro_rules! ui_strings {
    ($($variant:ident = $key:literal,)*) => {
        /// A UI string the Rust code uses.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Ui {
            $($variant,)*
        }

        impl Ui {
            /// Every string, in the order above.
            pub const ALL: &'static [Ui] = &[$(Ui::$variant,)*];

            /// Its key in strings.yaml.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Ui::$variant => $key,)*
                }
            }
        }
    };
}

ui_strings! {
    Meetings = "meetings",
    Newsletter = "newsletter",
    ProjectsTitle = "projects_title",
    PointsTitle = "points_title",
    PointsFeedSubtitle = "points_feed_subtitle",
    PointRaised = "point_raised",
    CalendarReport = "calendar_report",
    WijkplanTitle = "wijkplan_title",
    PosterQrLabel = "poster_qr_label",
    EmailMoreLinks = "email_more_links",
    NewsletterFeedSubtitle = "newsletter_feed_subtitle",
    SiteFeedSubtitle = "site_feed_subtitle",
    ProjectOne = "project_one",
    ProjectMany = "project_many",
    DecidedOn = "decided_on",
    GrantedTogether = "granted_together",
    StatusTentative = "status_tentative",
    StatusCancelled = "status_cancelled",
    StatusMoved = "status_moved",
    CalendarTentative = "calendar_tentative",
    CalendarCancelled = "calendar_cancelled",
    CalendarMoved = "calendar_moved",
    CalendarAll = "calendar_all",
    CalendarAllDescription = "calendar_all_description",
    CalendarWijk = "calendar_wijk",
    CalendarWijkDescription = "calendar_wijk_description",
    CalendarVenue = "calendar_venue",
    CalendarVenueDescription = "calendar_venue_description",
    MoneyChartDesc = "money_chart_desc",
    Granted = "granted",
    Spent = "spent",
    Wijk = "wijk",
    Priority = "priority",
    AreaWide = "area_wide",
    NoPriority = "no_priority",
    MoneyPerWijk = "money_per_wijk",
    MoneyPerPriority = "money_per_priority",
    MoneyPerWijkInYear = "money_per_wijk_in_year",
    MoneyPerPriorityInYear = "money_per_priority_in_year",
    NotReported = "not_reported",
    SpentKnownOf = "spent_known_of",
    CalendarCancelledSummary = "calendar_cancelled_summary",
    CalendarMovedSummary = "calendar_moved_summary",
    Activities = "activities",
    ActivityCategory = "activity_category",
    CalendarActivityCancelled = "calendar_activity_cancelled",
    CalendarEverything = "calendar_everything",
    CalendarEverythingDescription = "calendar_everything_description",
    CalendarWijkEverything = "calendar_wijk_everything",
    CalendarWijkEverythingDescription = "calendar_wijk_everything_description",
    CalendarVenueEverything = "calendar_venue_everything",
    CalendarVenueEverythingDescription = "calendar_venue_everything_description",
    RegistrationRequired = "registration_required",
    RegistrationWelcome = "registration_welcome",
    RegistrationOpens = "registration_opens",
    RegistrationCloses = "registration_closes",
    RegistrationVia = "registration_via",
    RegistrationCapacity = "registration_capacity",
    ShareMore = "share_more",
    ShareWhen = "share_when",
    ShareWhere = "share_where",
    ShareCost = "share_cost",
    ShareOrganiser = "share_organiser",
    ShareOnline = "share_online",
    WijkFeedTitle = "wijk_feed_title",
    WijkFeedSubtitle = "wijk_feed_subtitle",
    DeadlineOpens = "deadline_opens",
    DeadlineCloses = "deadline_closes",
    DeadlineDecision = "deadline_decision",
    DeadlineReport = "deadline_report",
    AccountTitle = "account_title",
    OpenRoundTitle = "open_round_title",
    AccountNoCategory = "account_no_category",
    FundDefault = "fund_default",
    SearchSectionPages = "search_section_pages",
    SearchSectionWijk = "search_section_wijk",
}

/// The theme's UI strings, every [`Ui`] string checked present.
#[derive(Debug, Clone)]
pub struct UiStrings {
    /// The whole merged file, for templates.
    all: Value,
}

impl UiStrings {
    /// Checks the merged strings (`file` names where they come from, for
    /// the message): every [`Ui`] key must be a text.
    pub fn new(all: Map<String, Value>, file: &str) -> Result<UiStrings, Vec<Diagnostic>> {
        let missing: Vec<Diagnostic> = Ui::ALL
            .iter()
            .filter(|ui| !all.get(ui.key()).is_some_and(Value::is_string))
            .map(|ui| {
                Diagnostic::error(
                    file,
                    format!("de tekst `{}` ontbreekt of is geen tekst", ui.key()),
                )
                .hint(format!(
                    "zet een regel `{}: \"…\"` in {file} of in templates/strings.yaml",
                    ui.key()
                ))
            })
            .collect();
        if missing.is_empty() {
            Ok(UiStrings {
                all: Value::Object(all),
            })
        } else {
            Err(missing)
        }
    }

    /// One string.
    pub fn get(&self, ui: Ui) -> &str {
        // Present by construction (`new` checked it).
        self.all
            .get(ui.key())
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The whole file, as templates get it (`t`).
    pub fn for_templates(&self) -> &Value {
        &self.all
    }

    /// The default theme's strings, for unit tests.
    #[cfg(test)]
    pub fn wijk_theme() -> UiStrings {
        let text = include_str!("../../themes/wijk/strings.yaml");
        let map: Map<String, Value> = serde_yaml::from_str(text).expect("strings.yaml");
        UiStrings::new(map, "themes/wijk/strings.yaml").expect("complete")
    }

    /// These strings with one replaced, for unit tests.
    #[cfg(test)]
    pub fn with(mut self, ui: Ui, text: &str) -> UiStrings {
        if let Value::Object(map) = &mut self.all {
            map.insert(ui.key().to_string(), Value::String(text.to_string()));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_has_every_string() {
        let strings = UiStrings::wijk_theme();
        for ui in Ui::ALL {
            assert!(!strings.get(*ui).is_empty(), "{}", ui.key());
        }
    }

    #[test]
    fn a_missing_string_is_an_error_naming_its_key() {
        let mut map: Map<String, Value> = Map::new();
        for ui in Ui::ALL {
            map.insert(ui.key().into(), Value::String("x".into()));
        }
        map.remove("poster_qr_label");
        map.insert("meetings".into(), Value::Bool(true));
        let problems = UiStrings::new(map, "themes/eigen/strings.yaml").unwrap_err();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("`poster_qr_label`")));
        assert!(messages.iter().any(|m| m.contains("`meetings`")));
        assert!(messages[0].starts_with("themes/eigen/strings.yaml"));
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = Ui::ALL.iter().map(|u| u.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Ui::ALL.len());
    }
}
