//! The newsletter: one Markdown file per edition in `content/nieuwsbrief/`.
//!
//! Loads and validates editions (front matter per docs/content-model.md) and
//! composes each with its automatic sections: "Komende bijeenkomsten"
//! (meetings in the eight weeks after the edition's date) and "Besloten
//! projecten" (subsidy rounds decided since the previous edition). The web
//! pages (sections/newsletter_pages.rs), the email (sections/email.rs) and
//! the feeds (sections/feeds.rs) all show
//! the same composition.
//!
//! Meetings and rounds arrive as the plain lists [`AgendaItem`] and
//! [`DecidedRound`], filled from the other sections' models in one place:
//! sections/section_inputs.rs.

use crate::content::config::SiteConfig;
use crate::content::dates::{self, Date};
use crate::content::markdown::{self, RenderOptions, Rendered};
use crate::content::placeholders;
use crate::content::{Kind, SourceFile};
use crate::model::loader::{Loadable, load_all};
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use crate::util::suggest;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The newsletter's folder on the site.
pub const ARCHIVE_PATH: &str = crate::content::folders::NEWSLETTER.path;
/// The newsletter feed.
pub const FEED_PATH: &str = "/nieuwsbrief/atom.xml";
/// "Komende bijeenkomsten" covers this many weeks after an edition's date.
pub const AGENDA_WEEKS: u64 = 8;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditionFront {
    title: String,
    date: Date,
    summary: Option<String>,
    draft: Option<bool>,
    wijken: Option<Vec<String>>,
    include_agenda: Option<bool>,
    include_projects: Option<bool>,
    slug: Option<String>,
}

/// One newsletter edition, validated and rendered.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The source file, relative to the site root.
    pub source: String,
    pub slug: String,
    /// Site path, `/nieuwsbrief/<slug>/`, without the base path.
    pub path: String,
    /// Link target inside the site (base path included).
    pub url: String,
    /// Absolute URL of the web version.
    pub permalink: String,
    pub title: String,
    /// The email preheader; the first paragraph when not given.
    pub summary: String,
    pub date: NaiveDate,
    /// "dinsdag 20 januari 2026".
    pub date_long: String,
    pub draft: bool,
    /// The wijken this edition is about (empty: the whole area).
    pub wijken: Vec<String>,
    pub include_agenda: bool,
    pub include_projects: bool,
    /// The body as HTML, links with the site's base path.
    pub html: String,
    /// The body as the editor wrote it (for the plain-text email).
    pub markdown: String,
    pub rendered: Rendered,
    /// The line where the body starts, for link reports.
    pub body_line: usize,
}

/// A meeting, as the newsletter shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub title: String,
    /// Absolute URL of the meeting's page.
    pub url: String,
    /// When, in Dutch: "dinsdag 10 maart 2026, 19.30 uur".
    pub when: String,
    pub start: DateTime<Utc>,
    /// "Gaat niet door", "Verplaatst", … ; empty when it simply goes ahead.
    pub status_text: String,
    /// Where, on one line ("'t Middelpunt, Middelpunt 1, Amersfoort");
    /// empty when not yet known.
    pub place: String,
    /// The wijken the meeting is for (empty: the whole area).
    pub wijken: Vec<String>,
    /// Absolute URL of the meeting's report, once there is one.
    pub report_url: Option<String>,
}

/// A subsidy round that was decided, as the newsletter shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecidedRound {
    pub title: String,
    /// Absolute URL of the round's page.
    pub url: String,
    pub decided: NaiveDate,
    /// The total granted, written out: "€ 12.345,00".
    pub granted_total_text: String,
    /// How many projects were granted money.
    pub project_count: usize,
    /// When requests can be made, if known: the edition shows "Nu open"
    /// when its date falls in between.
    pub opens: Option<NaiveDate>,
    pub closes: Option<NaiveDate>,
}

/// A resident's point, as the newsletter shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PointNews {
    pub title: String,
    /// Absolute URL of the point's page.
    pub url: String,
    /// Its status in words: "in behandeling".
    pub status_text: String,
    /// Wijk slug; `None` is the whole area.
    pub wijk: Option<String>,
    /// What happened and when: raised (with `raised_text`) and each update.
    pub news: Vec<(NaiveDate, String)>,
}

/// What an edition shows of a point: the latest news in its window.
#[derive(Debug, Clone, Serialize)]
pub struct PointNewsView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub status_text: &'a str,
    pub date: NaiveDate,
    pub date_long: String,
    pub text: &'a str,
}

/// An edition with what it shows besides its own text.
#[derive(Debug, Clone)]
pub struct Composed<'a> {
    pub edition: &'a Edition,
    /// Meetings in the eight weeks after the edition's date, in time order.
    pub agenda: Vec<&'a AgendaItem>,
    /// Rounds decided since the previous edition, oldest first.
    pub rounds: Vec<&'a DecidedRound>,
    /// Points with news since the previous edition, latest news first.
    pub points: Vec<PointNewsView<'a>>,
    /// The round open for requests on the edition's date.
    pub open_round: Option<&'a DecidedRound>,
    pub older: Option<&'a Edition>,
    pub newer: Option<&'a Edition>,
}

// ---------------------------------------------------------------------------
// Load and validate
// ---------------------------------------------------------------------------

/// Loads every edition (in parallel), newest first. Drafts are left out
/// unless `drafts`; all problems go into `problems`.
pub fn load(
    files: &[SourceFile],
    config: &SiteConfig,
    drafts: bool,
    problems: &mut Diagnostics,
) -> Vec<Edition> {
    let mut editions = load_all(
        files,
        |kind| *kind == Kind::Edition,
        drafts,
        problems,
        |file, text| {
            let edition = load_one(file, text, config)?;
            if !edition.draft {
                placeholders::check(&file.rel, text, &config.placeholders)?;
            }
            Ok(edition)
        },
    );
    sort_newest_first(&mut editions);
    editions
}

/// Loads one edition from its text.
pub fn load_one(
    file: &SourceFile,
    text: &str,
    config: &SiteConfig,
) -> Result<Edition, Diagnostics> {
    let doc = crate::content::source::parse_markdown_file::<EditionFront>(text, &file.rel)
        .map_err(|d| Diagnostics::from_iter([d]))?;
    let front = doc.front;
    let front_line = |needle: &str| line_in_front(text, doc.body_line, needle);
    let mut problems = Diagnostics::new();
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::error(&file.rel, "de titel is leeg")
                .at_opt(front_line("title:"))
                .hint("schrijf een titel achter `title:`, bijvoorbeeld \"Nieuwsbrief maart 2026\""),
        );
    }
    let slug = front
        .slug
        .clone()
        .unwrap_or_else(|| file.stem().to_string());
    if let Some((message, hint)) = slug::problem(&slug) {
        problems.push(
            Diagnostic::error(&file.rel, message)
                .at_opt(front.slug.as_ref().and_then(|_| front_line("slug:")))
                .hint(hint),
        );
    }
    let mut wijken: Vec<String> = Vec::new();
    for wijk in front.wijken.iter().flatten() {
        if config.unknown_wijk(wijk).is_some() {
            let known = suggest::hint(
                wijk,
                &config
                    .wijken
                    .iter()
                    .map(|w| w.slug.as_str())
                    .collect::<Vec<_>>(),
                "wijken",
            );
            problems.push(
                Diagnostic::error(&file.rel, format!("de wijk `{wijk}` staat niet in site.yaml"))
                    .at_opt(front_line(wijk).or_else(|| front_line("wijken:")))
                    .hint(format!(
                        "{known}; gebruik de slug van een wijk, of laat `wijken:` weg als de nieuwsbrief voor het hele gebied is"
                    )),
            );
        } else if !wijken.contains(wijk) {
            wijken.push(wijk.clone());
        }
    }
    let rendered = markdown::render(
        doc.body,
        RenderOptions {
            base_path: config.base_path(),
            allow_raw_html: config.allow_raw_html,
            line_offset: doc.body_line - 1,
            images: config.images_for(&file.rel),
        },
    );
    problems.extend(rendered.problems(&file.rel, config.allow_raw_html));
    if problems.has_errors() {
        return Err(problems);
    }
    let path = format!("{ARCHIVE_PATH}{slug}/");
    let date = front.date.0;
    Ok(Edition {
        source: file.rel.clone(),
        url: crate::model::pages::url_for(config, &path),
        permalink: config.absolute_url(&path),
        path,
        slug,
        title: front.title.trim().to_string(),
        summary: front
            .summary
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| markdown::first_paragraph(doc.body, 200)),
        date,
        date_long: dates::long_date(date),
        draft: front.draft.unwrap_or(false),
        wijken,
        include_agenda: front.include_agenda.unwrap_or(true),
        include_projects: front.include_projects.unwrap_or(true),
        html: rendered.html.clone(),
        markdown: doc.body.to_string(),
        rendered,
        body_line: doc.body_line,
    })
}

/// The 1-based line of the front matter that contains `needle`.
fn line_in_front(text: &str, body_line: usize, needle: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .take(body_line.saturating_sub(2))
        .skip(1)
        .find(|(_, line)| line.contains(needle))
        .map(|(i, _)| i + 1)
}

/// Two editions may not share a slug: they would share a web address.
impl Loadable for Edition {
    fn source(&self) -> &str {
        &self.source
    }

    fn unique_key(&self) -> Option<String> {
        Some(self.slug.clone())
    }

    fn is_draft(&self) -> bool {
        self.draft
    }

    fn clash(&self, first: &Self) -> Diagnostic {
        Diagnostic::error(
            &self.source,
            format!(
                "deze nieuwsbrief en {} krijgen hetzelfde adres {}",
                first.source, self.path
            ),
        )
        .hint("geef één van beide een andere bestandsnaam of `slug:`")
    }
}

/// Newest first; on the same date, by slug (always a total order).
fn sort_newest_first(editions: &mut [Edition]) {
    editions.sort_by(|a, b| (b.date, &b.slug).cmp(&(a.date, &a.slug)));
}

// ---------------------------------------------------------------------------
// Compose: the automatic sections
// ---------------------------------------------------------------------------

/// Every edition (newest first) with its automatic sections and neighbours.
pub fn compose<'a>(
    editions: &'a [Edition],
    agenda: &'a [AgendaItem],
    rounds: &'a [DecidedRound],
    points: &'a [PointNews],
    tz: chrono_tz::Tz,
) -> Vec<Composed<'a>> {
    editions
        .iter()
        .enumerate()
        .map(|(i, edition)| {
            let older = editions.get(i + 1);
            Composed {
                edition,
                agenda: agenda_for(edition, agenda, tz),
                rounds: rounds_for(edition, older, rounds),
                points: points_for(edition, older, points),
                open_round: open_round_for(edition, rounds),
                older,
                newer: i.checked_sub(1).and_then(|j| editions.get(j)),
            }
        })
        .collect()
}

/// Meetings starting in the eight weeks from the edition's date (local
/// midnight), for the edition's wijken (area-wide meetings always count).
pub fn agenda_for<'a>(
    edition: &Edition,
    agenda: &'a [AgendaItem],
    tz: chrono_tz::Tz,
) -> Vec<&'a AgendaItem> {
    if !edition.include_agenda {
        return Vec::new();
    }
    let from = dates::start_of_day(edition.date, tz);
    let until_date = edition
        .date
        .checked_add_days(Days::new(AGENDA_WEEKS * 7))
        .unwrap_or(NaiveDate::MAX);
    let until = dates::start_of_day(until_date, tz);
    let mut items: Vec<&AgendaItem> = agenda
        .iter()
        .filter(|item| item.start >= from && item.start < until)
        .filter(|item| {
            edition.wijken.is_empty()
                || item.wijken.is_empty()
                || item.wijken.iter().any(|w| edition.wijken.contains(w))
        })
        .collect();
    items.sort_by(|a, b| (a.start, &a.title, &a.url).cmp(&(b.start, &b.title, &b.url)));
    items
}

/// The round that takes requests on the edition's date (from `opens` up
/// to and including `closes`), the one closing first; none when the
/// edition leaves projects out.
pub fn open_round_for<'a>(
    edition: &Edition,
    rounds: &'a [DecidedRound],
) -> Option<&'a DecidedRound> {
    if !edition.include_projects {
        return None;
    }
    rounds
        .iter()
        .filter(|r| {
            matches!((r.opens, r.closes), (Some(o), Some(c)) if o <= edition.date && edition.date <= c)
        })
        .min_by_key(|r| (r.closes, &r.title))
}

/// Rounds decided after the previous edition's date, up to and including
/// this edition's date. The first edition takes every round decided up to
/// its date.
pub fn rounds_for<'a>(
    edition: &Edition,
    older: Option<&Edition>,
    rounds: &'a [DecidedRound],
) -> Vec<&'a DecidedRound> {
    if !edition.include_projects {
        return Vec::new();
    }
    let mut items: Vec<&DecidedRound> = rounds
        .iter()
        .filter(|r| r.decided <= edition.date)
        .filter(|r| older.is_none_or(|o| r.decided > o.date))
        .collect();
    items.sort_by(|a, b| (a.decided, &a.title, &a.url).cmp(&(b.decided, &b.title, &b.url)));
    items
}

/// Points with news after the previous edition's date, up to and
/// including this edition's date, for the edition's wijken (area-wide
/// points always count); each with its latest news in that window. The
/// first edition takes the news up to its date.
pub fn points_for<'a>(
    edition: &Edition,
    older: Option<&Edition>,
    points: &'a [PointNews],
) -> Vec<PointNewsView<'a>> {
    let mut items: Vec<PointNewsView> = points
        .iter()
        .filter(|p| {
            edition.wijken.is_empty() || p.wijk.as_ref().is_none_or(|w| edition.wijken.contains(w))
        })
        .filter_map(|p| {
            let (date, text) = p
                .news
                .iter()
                .filter(|(d, _)| *d <= edition.date && older.is_none_or(|o| *d > o.date))
                .max_by_key(|(d, _)| *d)?;
            Some(PointNewsView {
                title: &p.title,
                url: &p.url,
                status_text: &p.status_text,
                date: *date,
                date_long: dates::date_without_weekday(*date),
                text,
            })
        })
        .collect();
    items.sort_by(|a, b| (b.date, a.title, a.url).cmp(&(a.date, b.title, b.url)));
    items
}

// ---------------------------------------------------------------------------
// Views for templates: small structs, never the whole site
// ---------------------------------------------------------------------------

/// What lists (archive, home, neighbours) show of an edition.
#[derive(Debug, Serialize)]
pub struct EditionSummary<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub permalink: &'a str,
    pub summary: &'a str,
    pub date: NaiveDate,
    pub date_long: &'a str,
    pub draft: bool,
}

impl<'a> From<&'a Edition> for EditionSummary<'a> {
    fn from(e: &'a Edition) -> Self {
        EditionSummary {
            title: &e.title,
            url: &e.url,
            permalink: &e.permalink,
            summary: &e.summary,
            date: e.date,
            date_long: &e.date_long,
            draft: e.draft,
        }
    }
}

/// A decided round with its date written out, for templates.
#[derive(Debug, Serialize)]
pub struct RoundView<'a> {
    #[serde(flatten)]
    pub round: &'a DecidedRound,
    pub decided_long: String,
}

/// The round open on an edition's date, for templates.
#[derive(Debug, Serialize)]
pub struct OpenRoundView<'a> {
    #[serde(flatten)]
    pub round: &'a DecidedRound,
    /// "14 maart".
    pub closes_text: String,
    /// "14 maart 2027".
    pub closes_long: String,
}

/// Everything an edition's page, email and feed entry show.
#[derive(Debug, Serialize)]
pub struct EditionView<'a> {
    #[serde(flatten)]
    pub summary: EditionSummary<'a>,
    /// The edition's own text as HTML (links with the base path).
    pub html: &'a str,
    /// Names of the wijken the edition is about.
    pub wijken: Vec<&'a str>,
    pub agenda: &'a [&'a AgendaItem],
    pub rounds: Vec<RoundView<'a>>,
    pub points: &'a [PointNewsView<'a>],
    /// The round open on the edition's date, with its closing day.
    pub open_round: Option<OpenRoundView<'a>>,
    pub older: Option<EditionSummary<'a>>,
    pub newer: Option<EditionSummary<'a>>,
}

impl<'a> EditionView<'a> {
    pub fn new(composed: &'a Composed<'a>, config: &'a SiteConfig) -> Self {
        let edition = composed.edition;
        EditionView {
            summary: EditionSummary::from(edition),
            html: &edition.html,
            wijken: edition
                .wijken
                .iter()
                .filter_map(|w| config.wijk(w).map(|c| c.name.as_str()))
                .collect(),
            agenda: &composed.agenda,
            rounds: composed
                .rounds
                .iter()
                .map(|round| RoundView {
                    round,
                    decided_long: dates::date_without_weekday(round.decided),
                })
                .collect(),
            points: &composed.points,
            open_round: composed.open_round.and_then(|round| {
                let closes = round.closes?;
                Some(OpenRoundView {
                    round,
                    closes_text: format!("{} {}", closes.day(), dates::month_name(closes.month())),
                    closes_long: dates::date_without_weekday(closes),
                })
            }),
            older: composed.older.map(EditionSummary::from),
            newer: composed.newer.map(EditionSummary::from),
        }
    }
}

/// Shared fixtures for the newsletter's unit tests (here, email, feeds).
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::model::Site;
    use crate::theme::Theme;

    /// The fixture site under a base path.
    pub fn config() -> SiteConfig {
        crate::model::test_support::config_at("https://x.nl/sub")
    }

    pub fn load_text(name: &str, text: &str) -> Result<Edition, Diagnostics> {
        let file = SourceFile {
            kind: Kind::Edition,
            rel: format!("content/nieuwsbrief/{name}.md"),
            abs: name.into(),
        };
        load_one(&file, text, &config())
    }

    pub fn edition(slug: &str, date: &str) -> Edition {
        load_text(
            slug,
            &format!("---\ntitle: {slug}\ndate: {date}\n---\nTekst.\n"),
        )
        .unwrap()
    }

    pub fn meeting(title: &str, start: &str, wijken: &[&str]) -> AgendaItem {
        let naive = dates::parse_local_datetime(start).unwrap();
        AgendaItem {
            title: title.into(),
            url: format!("https://x.nl/sub/bijeenkomsten/{}/", slug::slugify(title)),
            when: start.into(),
            start: naive.and_utc(),
            status_text: String::new(),
            place: String::new(),
            wijken: wijken.iter().map(|w| w.to_string()).collect(),
            report_url: None,
        }
    }

    pub fn round(title: &str, decided: &str) -> DecidedRound {
        DecidedRound {
            title: title.into(),
            url: format!("https://x.nl/sub/projecten/{}/", slug::slugify(title)),
            decided: dates::parse_date(decided).unwrap(),
            granted_total_text: "€ 12.345,00".into(),
            project_count: 3,
            opens: None,
            closes: None,
        }
    }

    /// A site holding `editions` (newest first).
    pub fn site(mut editions: Vec<Edition>) -> Site {
        sort_newest_first(&mut editions);
        Site {
            editions,
            ..Site::for_test(config())
        }
    }

    /// The repository's default theme and the context every template gets.
    pub fn theme_and_base(site: &Site) -> (Theme, tera::Context) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let theme = Theme::load(root, &site.config).unwrap();
        let (base, _) = crate::build::render::base_context(site, &theme).unwrap();
        (theme, base)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{config, edition, load_text, meeting, round};
    use super::*;

    fn errors(result: Result<Edition, Diagnostics>) -> Vec<Diagnostic> {
        result.unwrap_err().into_sorted()
    }

    #[test]
    fn an_edition_gets_its_address_date_and_defaults() {
        let e = load_text(
            "maart",
            "---\ntitle: \" Maart \"\ndate: 2026-03-02\n---\nEerste alinea.\n\n[Meedoen](/meedoen/)\n",
        )
        .unwrap();
        assert_eq!(e.path, "/nieuwsbrief/maart/");
        assert_eq!(e.url, "/sub/nieuwsbrief/maart/");
        assert_eq!(e.permalink, "https://x.nl/sub/nieuwsbrief/maart/");
        assert_eq!(e.title, "Maart");
        assert_eq!(e.date_long, "maandag 2 maart 2026");
        assert_eq!(
            e.summary, "Eerste alinea.",
            "summary defaults to the first paragraph"
        );
        assert!(e.include_agenda && e.include_projects && !e.draft);
        assert!(e.html.contains(r#"href="/sub/meedoen/""#), "{}", e.html);
    }

    #[test]
    fn a_missing_date_is_an_error_with_a_line() {
        let e = errors(load_text("a", "---\ntitle: A\nsummary: x\n---\n"));
        assert!(e[0].message.contains("`date` ontbreekt"), "{e:?}");
        assert!(e[0].line.is_some(), "{e:?}");
    }

    #[test]
    fn an_impossible_date_names_its_line() {
        let e = errors(load_text("a", "---\ntitle: A\ndate: 2026-02-30\n---\n"));
        assert_eq!(e[0].line, Some(3), "{e:?}");
        assert!(e[0].message.contains("bestaat niet"), "{e:?}");
    }

    #[test]
    fn an_unknown_key_and_an_unknown_wijk_are_named() {
        let e = errors(load_text(
            "a",
            "---\ntitle: A\ndate: 2026-01-01\ninclude_agnda: false\n---\n",
        ));
        assert_eq!(e[0].line, Some(4), "{e:?}");
        assert!(
            e[0].hint.as_deref().unwrap().contains("include_agenda"),
            "{e:?}"
        );
        let e = errors(load_text(
            "a",
            "---\ntitle: A\ndate: 2026-01-01\nwijken:\n  - noord\n  - west\n---\n",
        ));
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, Some(6), "{e:?}");
        assert!(e[0].message.contains("`west`"), "{e:?}");
        assert!(
            e[0].hint.as_deref().unwrap().contains("noord, zuid"),
            "{e:?}"
        );
    }

    #[test]
    fn an_empty_title_and_a_bad_slug_are_both_reported() {
        let e = errors(load_text(
            "a",
            "---\ntitle: \"\"\ndate: 2026-01-01\nslug: Maart 2026\n---\n",
        ));
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!((e[0].line, e[1].line), (Some(2), Some(4)), "{e:?}");
    }

    #[test]
    fn duplicate_slugs_are_an_error_naming_both_files() {
        let mut a = edition("maart", "2026-03-01");
        a.source = "content/nieuwsbrief/a.md".into();
        let b = edition("maart", "2026-03-02");
        let e = b.clash(&a);
        assert_eq!(e.file, b.source);
        assert!(e.message.contains("content/nieuwsbrief/a.md"), "{e:?}");
    }

    #[test]
    fn the_agenda_covers_eight_weeks_from_local_midnight() {
        let tz = chrono_tz::Europe::Amsterdam;
        let e = edition("maart", "2026-03-02");
        let agenda = [
            meeting("te-vroeg", "2026-03-01 22:59", &[]), // 23.59 local, the day before
            meeting("eerste", "2026-03-01 23:00", &[]),   // 00.00 local
            meeting("laatste", "2026-04-26 21:59", &[]),  // 23.59 local, last day
            meeting("te-laat", "2026-04-26 22:00", &[]),  // 00.00 local, 27 April
        ];
        let titles: Vec<&str> = agenda_for(&e, &agenda, tz)
            .iter()
            .map(|m| m.title.as_str())
            .collect();
        assert_eq!(titles, ["eerste", "laatste"]);
    }

    #[test]
    fn the_agenda_follows_the_editions_wijken_and_can_be_switched_off() {
        let tz = chrono_tz::Europe::Amsterdam;
        let agenda = [
            meeting("noord", "2026-03-10 18:30", &["noord"]),
            meeting("zuid", "2026-03-11 18:30", &["zuid"]),
            meeting("iedereen", "2026-03-12 18:30", &[]),
        ];
        let mut e = edition("maart", "2026-03-02");
        assert_eq!(agenda_for(&e, &agenda, tz).len(), 3);
        e.wijken = vec!["noord".into()];
        let titles: Vec<&str> = agenda_for(&e, &agenda, tz)
            .iter()
            .map(|m| m.title.as_str())
            .collect();
        assert_eq!(titles, ["noord", "iedereen"]);
        e.include_agenda = false;
        assert!(agenda_for(&e, &agenda, tz).is_empty());
    }

    #[test]
    fn rounds_decided_since_the_previous_edition_are_listed_once() {
        let editions = vec![
            edition("juni", "2026-06-01"),
            edition("maart", "2026-03-02"),
        ];
        let rounds = [
            round("oud", "2025-10-01"),
            round("op-de-dag", "2026-03-02"),
            round("april", "2026-04-15"),
            round("later", "2026-06-02"),
        ];
        let composed = compose(&editions, &[], &rounds, &[], chrono_tz::Europe::Amsterdam);
        let titles = |c: &Composed| c.rounds.iter().map(|r| r.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&composed[0]), ["april"]);
        assert_eq!(titles(&composed[1]), ["oud", "op-de-dag"]);
        assert_eq!(composed[0].older.map(|e| e.slug.as_str()), Some("maart"));
        assert_eq!(composed[1].newer.map(|e| e.slug.as_str()), Some("juni"));
        assert!(composed[0].newer.is_none() && composed[1].older.is_none());
    }

    #[test]
    fn the_archive_groups_by_year_newest_first() {
        let mut editions = vec![
            edition("a", "2025-11-01"),
            edition("b", "2026-03-01"),
            edition("c", "2026-01-01"),
        ];
        sort_newest_first(&mut editions);
        let years = crate::sections::newsletter_pages::years(&editions);
        let shape: Vec<(i32, Vec<&str>)> = years
            .iter()
            .map(|y| (y.year, y.editions.iter().map(|e| e.title).collect()))
            .collect();
        assert_eq!(shape, vec![(2026, vec!["b", "c"]), (2025, vec!["a"])]);
    }

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("concept.md");
        std::fs::write(&path, "---\ntitle: C\ndate: 2026-01-01\ndraft: true\n---\n").unwrap();
        let files = [SourceFile {
            kind: Kind::Edition,
            rel: "content/nieuwsbrief/concept.md".into(),
            abs: path,
        }];
        let mut problems = Diagnostics::new();
        assert!(load(&files, &config(), false, &mut problems).is_empty());
        assert_eq!(load(&files, &config(), true, &mut problems).len(), 1);
        assert!(problems.is_empty());
    }
}
