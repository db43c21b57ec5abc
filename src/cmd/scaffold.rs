//! `wijksite new`: starts a content file with the right front matter.
//!
//! Editors should not have to remember field names. Each new file has every
//! field an editor may need, with a Dutch comment saying what it does;
//! optional fields start commented out, so the file builds as it is. Pages,
//! meetings and editions start as drafts (`draft: true`): nothing reaches
//! the site, the feeds or the sitemap until the editor sets `draft: false`,
//! and the text `new` writes (content/placeholders.rs) stops the build of a
//! published file. The
//! file name is a slug made from the title (accents folded); meetings and
//! editions get their date in front, so folders sort by date. An existing
//! file is never overwritten.

use crate::content::config::{CONFIG_FILE, SiteConfig};
use crate::content::dates;
use crate::content::folders;
use crate::content::placeholders::{EDITION_BODY, EDITION_HEADING, FILL_IN, PAGE_BODY};
use crate::util::slug;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    /// content/pages/<slug>.md
    Page,
    /// content/wijken/<wijk>/<slug>.md
    Wijkpage,
    /// content/bijeenkomsten/<date>-<slug>.md
    Meeting,
    /// content/activiteiten/<date>-<slug>.md
    #[value(name = "activiteit", alias = "activity")]
    Activity,
    /// content/nieuwsbrief/<date>-<slug>.md
    Edition,
    /// content/projecten/<slug>.yaml
    Round,
    /// content/verslagen/<meeting-slug>.md: the report of a meeting.
    Verslag,
    /// A new point at the end of content/punten/<year>.yaml.
    Punt,
}

/// One `wijksite new` request.
#[derive(Debug, Clone)]
pub struct Request {
    pub root: PathBuf,
    pub kind: NewKind,
    pub title: String,
    pub wijk: Option<String>,
    pub date: Option<String>,
}

/// Above `draft: true` in every new page, meeting and edition.
const DRAFT_COMMENT: &str =
    "# true: nog niet klaar; het komt niet op de site. Klaar? Zet dan `draft: false`.";

/// Meetings without a time start at this hour.
const DEFAULT_START: (u32, u32) = (19, 30);

/// Writes the new file; returns its path relative to the root, or a Dutch
/// message saying what is wrong.
pub fn create(request: &Request) -> Result<PathBuf, String> {
    let title = request.title.trim();
    // Room for the date in front (`2027-02-04-`): the name stays a valid
    // slug however long the title is.
    let slug = slug::shorten_to(&slug::slugify(title), slug::MAX_LEN - "2027-02-04-".len());
    if slug.is_empty() {
        return Err(format!(
            "Van de titel \"{title}\" kan geen bestandsnaam worden gemaakt. Gebruik letters of cijfers in de titel."
        ));
    }
    let config = load_config(&request.root);
    let wijk = check_wijk(request, config.as_ref())?;
    let when = start_time(request, config.as_ref())?;
    let date = when.date();
    let (rel, text) = match request.kind {
        NewKind::Page => (
            format!("content/pages/{slug}.md"),
            page(title, &request.date, false),
        ),
        NewKind::Wijkpage => {
            let wijk = wijk.unwrap_or_default();
            (
                format!("content/wijken/{wijk}/{slug}.md"),
                page(title, &request.date, true),
            )
        }
        NewKind::Meeting => (
            folders::MEETINGS.new_file(&date.to_string(), &slug),
            meeting(title, when, wijk.as_deref(), config.as_ref()),
        ),
        NewKind::Activity => (
            folders::ACTIVITIES.new_file(&date.to_string(), &slug),
            activity(title, when, wijk.as_deref(), config.as_ref()),
        ),
        NewKind::Edition => (
            folders::NEWSLETTER.new_file(&date.to_string(), &slug),
            edition(title, date, wijk.as_deref()),
        ),
        NewKind::Round => (
            folders::PROJECTS.new_file(&date.to_string(), &slug),
            round(title, date),
        ),
        NewKind::Punt => return add_point(&request.root, title, &slug, date, wijk.as_deref()),
        NewKind::Verslag => return new_report(request, title),
    };
    write_new(&request.root, &rel, &text)?;
    Ok(PathBuf::from(rel))
}

/// `wijksite new verslag <meeting-slug>`: the report of an existing meeting.
fn new_report(request: &Request, meeting: &str) -> Result<PathBuf, String> {
    let dir = request.root.join(folders::MEETINGS.source);
    let mut slugs: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.strip_suffix(".md").map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    slugs.sort();
    let meeting = meeting.trim_end_matches(".md");
    if !slugs.iter().any(|s| s == meeting) {
        let known: Vec<&str> = slugs.iter().map(String::as_str).collect();
        let hint = match crate::util::suggest::closest(meeting, &known) {
            Some(best) => format!("Bedoelt u `{best}`?"),
            None => format!(
                "Noem de bijeenkomst zoals het bestand in {} heet, zonder .md.",
                folders::MEETINGS.source
            ),
        };
        return Err(format!(
            "De bijeenkomst `{meeting}` bestaat niet in {}. {hint}",
            folders::MEETINGS.source
        ));
    }
    let rel = folders::REPORTS.new_file("", meeting);
    write_new(&request.root, &rel, &report(meeting))?;
    Ok(PathBuf::from(rel))
}

fn report(meeting: &str) -> String {
    format!(
        "---
# Van welke bijeenkomst is dit verslag? De bestandsnaam van de bijeenkomst, zonder .md.
meeting: {meeting}
# Eén zin voor lijsten en zoekmachines. Haal het # weg om hem te gebruiken.
# summary: \"Waar ging de bijeenkomst over?\"
# Wie waren er? Tel de bewoners; noem professionals bij hun rol, niet bij naam.
attendance:
  residents: 0
  first_time: 0
  professionals:
    - buurtnetwerker van Indebuurt033
# Advies over aanvragen. Haal de # weg (en `[]`) en herhaal het blok per aanvraag.
# advice: positief, negatief of voorwaardelijk.
decisions: []
#  - project: 2026-ronde-1/buurttuin    # <ronde>/<id van het project>
#    advice: voorwaardelijk
#    reason: \"Waarom dit advies, in één of twee zinnen.\"
#    conditions:
#      - Een voorwaarde.
# Afspraken: wie doet wat, voor wanneer. status: open of klaar.
actions: []
#  - who: Buurtnetwerker
#    what: Het advies naar Indebuurt033 sturen
#    due: 2026-04-01
#    status: open
{DRAFT_COMMENT}
draft: true
---

{FILL_IN}: wat er besproken is, per onderwerp een kopje met ##]
"
    )
}

/// `wijksite new punt \"Titel\"`: a point added at the end of the year's
/// file (made when missing). The file is only added to, never rewritten.
fn add_point(
    root: &Path,
    title: &str,
    id: &str,
    raised: NaiveDate,
    wijk: Option<&str>,
) -> Result<PathBuf, String> {
    let rel = format!("{}/{}.yaml", folders::POINTS.source, raised.format("%Y"));
    let path = root.join(&rel);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("Kan {rel} niet lezen: {e}")),
    };
    let wijk_line = match wijk {
        Some(wijk) => format!("    wijk: {wijk}\n"),
        None => "    # wijk: wijknaam                # weglaten = het hele gebied\n".into(),
    };
    let entry = format!(
        "
  - id: {id}
    title: {title}
    raised: {raised}
{wijk_line}    # Ontvangen, doorgegeven, in behandeling, opgelost, niet mogelijk, naar wijkplan of aanvraag.
    status: ontvangen
    # meeting: 2026-03-12-wijknetwerk-zielhorst   # de bijeenkomst waar het punt ingebracht is
    # theme: \"Openbare ruimte\"
    # referred_to: \"Stadsbeheer\"            # aan wie het is doorgegeven
    # answer: |
    #   Het antwoord, als dat er is.
    # priority: 2026/groen                  # prioriteit uit het wijkplan
    # project: 2026-ronde-1/buurttuin       # project dat eruit voortkwam
    updates:
      - date: {raised}
        text: \"Het punt is binnengekomen.\"
",
        title = quoted(title),
        raised = raised.format("%Y-%m-%d"),
    );
    match existing {
        None => {
            let text = format!(
                "# Punten die bewoners in {} inbrachten. Uitleg: docs/redacteuren.md.\npoints:{entry}",
                raised.format("%Y")
            );
            write_new(root, &rel, &text)?;
        }
        Some(text) => {
            if text
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("- id: {id}")))
                || text.lines().any(|l| l.trim() == format!("id: {id}"))
            {
                return Err(format!(
                    "In {rel} staat al een punt met id `{id}`. Kies een andere titel, of pas dat punt aan."
                ));
            }
            let bare_list = crate::model::punten::starts_with_list(&text);
            if !bare_list && !text.lines().any(|l| l.trim_end() == "points:") {
                return Err(format!(
                    "In {rel} staat geen regel `points:` met daaronder de punten. Zet de punten zo in het bestand, en probeer het opnieuw."
                ));
            }
            // A file that is a bare list has its items at the left margin.
            let entry = if bare_list {
                entry
                    .lines()
                    .map(|l| l.strip_prefix("  ").unwrap_or(l))
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n"
            } else {
                entry
            };
            let mut file = OpenOptions::new()
                .append(true)
                .open(&path)
                .map_err(|e| format!("Kan {rel} niet aanvullen: {e}"))?;
            let sep = if text.ends_with('\n') { "" } else { "\n" };
            file.write_all(format!("{sep}{entry}").as_bytes())
                .map_err(|e| format!("Kan {rel} niet aanvullen: {e}"))?;
        }
    }
    Ok(PathBuf::from(rel))
}

/// site.yaml when it can be read; `new` works without it where it can.
fn load_config(root: &Path) -> Option<SiteConfig> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    SiteConfig::parse(&text, None).ok()
}

/// The wijk for the new file: required and known for a wijk page, known
/// when given for a meeting or edition, not allowed elsewhere.
fn check_wijk(request: &Request, config: Option<&SiteConfig>) -> Result<Option<String>, String> {
    let takes_wijk = matches!(
        request.kind,
        NewKind::Wijkpage | NewKind::Meeting | NewKind::Activity | NewKind::Edition | NewKind::Punt
    );
    let Some(wijk) = request.wijk.as_deref() else {
        if request.kind == NewKind::Wijkpage {
            return Err(format!(
                "Zeg voor welke wijk de pagina is, met --wijk. {}",
                known_wijken(config)
            ));
        }
        return Ok(None);
    };
    if !takes_wijk {
        return Err(
            "--wijk hoort niet bij dit soort bestand. Voor een pagina van één wijk: wijksite new wijkpage \"Titel\" --wijk <wijk>."
                .into(),
        );
    }
    let Some(config) = config else {
        return Err(format!(
            "{CONFIG_FILE} ontbreekt of bevat een fout, dus ik weet niet welke wijken er zijn. Controleer het bestand met wijksite check."
        ));
    };
    if config.wijk(wijk).is_none() {
        let slugs: Vec<&str> = config.wijken.iter().map(|w| w.slug.as_str()).collect();
        let hint = crate::util::suggest::hint(wijk, &slugs, "wijken");
        return Err(format!(
            "De wijk `{wijk}` staat niet in {CONFIG_FILE}. {}.",
            crate::util::suggest::capitalised(&hint)
        ));
    }
    Ok(Some(wijk.to_string()))
}

fn known_wijken(config: Option<&SiteConfig>) -> String {
    match config {
        Some(config) => {
            let slugs: Vec<&str> = config.wijken.iter().map(|w| w.slug.as_str()).collect();
            format!("Bekende wijken: {}.", slugs.join(", "))
        }
        None => format!("De wijken staan in {CONFIG_FILE}."),
    }
}

/// --date as a date, or a date and time; today (in the site's time zone)
/// when absent. Meetings without a time start at 19:30.
fn start_time(request: &Request, config: Option<&SiteConfig>) -> Result<NaiveDateTime, String> {
    let default_time =
        NaiveTime::from_hms_opt(DEFAULT_START.0, DEFAULT_START.1, 0).unwrap_or(NaiveTime::MIN);
    let Some(text) = request.date.as_deref().map(str::trim) else {
        let zone = config.map_or(chrono_tz::Europe::Amsterdam, SiteConfig::time_zone);
        let today = chrono::Utc::now().with_timezone(&zone).date_naive();
        return Ok(today.and_time(default_time));
    };
    if text.len() > 10 && matches!(request.kind, NewKind::Meeting | NewKind::Activity) {
        return dates::parse_local_datetime(text).map_err(|e| format!("--date: {e}"));
    }
    dates::parse_date(text)
        .map(|d| d.and_time(default_time))
        .map_err(|e| format!("--date: {e}"))
}

/// Creates the file; refuses when it exists.
fn write_new(root: &Path, rel: &str, text: &str) -> Result<(), String> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("Kan de map {} niet maken: {e}", dir.display()))?;
    }
    let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!(
                "{rel} bestaat al. Ik overschrijf het niet. Pas dat bestand aan, of kies een andere titel of datum."
            ));
        }
        Err(e) => return Err(format!("Kan {rel} niet maken: {e}")),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| format!("Kan {rel} niet schrijven: {e}"))
}

/// A YAML string in double quotes.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn page(title: &str, date: &Option<String>, in_wijk: bool) -> String {
    let date_line = match date {
        Some(date) => format!(
            "# De datum die bij de pagina hoort. Met een datum komt de pagina ook in 'Laatste nieuws'.\ndate: {}\n",
            date.trim()
        ),
        None => {
            "# Een datum (JJJJ-MM-DD) zet de pagina ook in 'Laatste nieuws'.\n# date: 2026-01-20\n"
                .into()
        }
    };
    let menu = if in_wijk {
        String::new()
    } else {
        "# true: de pagina staat in het hoofdmenu bovenaan elke pagina.\nmenu: false\n".into()
    };
    format!(
        "---
# De titel boven de pagina. Verplicht.
title: {title}
# Eén of twee zinnen voor overzichten en zoekmachines. Haal het # weg om hem te gebruiken.
# summary: \"Waar gaat deze pagina over?\"
{date_line}# De volgorde in menu's en lijsten: een laag getal komt eerst.
weight: 10
{menu}{DRAFT_COMMENT}
draft: true
---

{PAGE_BODY}
",
        title = quoted(title)
    )
}

fn meeting(
    title: &str,
    start: NaiveDateTime,
    wijk: Option<&str>,
    config: Option<&SiteConfig>,
) -> String {
    let end = start + Duration::hours(2);
    let venues: Vec<&str> = config
        .map(|c| c.venues.iter().map(|v| v.slug.as_str()).collect())
        .unwrap_or_default();
    let venue = match venues.first() {
        Some(first) => format!(
            "# De plek: een locatie uit content/site.yaml. Kies uit: {}.\nvenue: {first}\n\
             # Geen vaste locatie? Zet dan een # voor venue en haal het # weg bij location.\n\
             # location: \"Bij de speeltuin aan de Dorpsstraat\"\n",
            venues.join(", ")
        ),
        None => "# De plek, in gewone woorden. (Vaste locaties zet u in content/site.yaml onder venues.)\n\
                 location: \"Nog niet bekend\"\n"
            .into(),
    };
    let wijken = match wijk {
        Some(wijk) => format!("# Voor welke wijken? Laat de regel weg voor het hele gebied.\nwijken: [{wijk}]\n"),
        None => "# Alleen voor bepaalde wijken? Haal het # weg. Zonder deze regel: het hele gebied.\n# wijken: [wijknaam]\n".into(),
    };
    format!(
        "---
# De naam van de bijeenkomst. Verplicht.
title: {title}
# Begin: datum en tijd als JJJJ-MM-DD UU:MM. Verplicht.
start: {start}
# Einde: datum en tijd. Zonder einde rekent de site met twee uur.
end: {end}
{venue}{wijken}# Het soort bijeenkomst, bijvoorbeeld wijknetwerk of bewonersteam.
# kind: wijknetwerk
# confirmed = gaat door, tentative = nog niet zeker, cancelled = gaat niet door,
# moved = verplaatst: zet dan ook moved_to met de bestandsnaam (zonder .md) van de nieuwe bijeenkomst.
status: confirmed
# moved_to: 2026-02-03-nieuwe-bijeenkomst
# Eén of twee zinnen voor de agenda en de nieuwsbrief.
# summary: \"Waar gaat de bijeenkomst over?\"
# Het verslag maakt u later met: wijksite new verslag <naam van dit bestand zonder .md>
# Staat het verslag ergens anders? Zet dan hier het webadres.
# minutes: https://www.voorbeeld.nl/verslag.pdf
# Verandert u een bijeenkomst die al op de site stond? Zet sequence dan één hoger (1, 2, 3 …).
# sequence: 1
# De dag dat de bijeenkomst bekend werd gemaakt. Zonder deze regel: zes weken ervoor.
# announced: 2026-01-06
# Moeten of kunnen mensen zich aanmelden? Haal de # weg bij de regels die u nodig hebt.
# registration:
#   required: true
#   email: aanmelden@voorbeeld.nl
#   closes: 2026-01-18
#   capacity: 30
# Ook online mee te doen? Het adres van de videovergadering.
# online_url: https://…
# Stukken om vooraf te lezen: een bestand in content/static of een webadres.
# documents:
#   - title: Agenda
#     file: /stukken/agenda.pdf
{DRAFT_COMMENT}
draft: true
---

Iedereen is welkom. Aanmelden hoeft niet.

## Agenda

1. Welkom
2. {FILL_IN}: onderwerp]
3. Rondvraag en afsluiting
",
        title = quoted(title),
        start = start.format("%Y-%m-%d %H:%M"),
        end = end.format("%Y-%m-%d %H:%M"),
    )
}

fn activity(
    title: &str,
    start: NaiveDateTime,
    wijk: Option<&str>,
    config: Option<&SiteConfig>,
) -> String {
    let end = start + Duration::hours(2);
    let venues: Vec<&str> = config
        .map(|c| c.venues.iter().map(|v| v.slug.as_str()).collect())
        .unwrap_or_default();
    let venue = match venues.first() {
        Some(first) => format!(
            "# De plek: een locatie uit content/site.yaml. Kies uit: {}.\n# venue: {first}\n\
             # Of een andere plek, in gewone woorden:\n\
             location: \"Nog niet bekend\"\n",
            venues.join(", ")
        ),
        None => "# De plek, in gewone woorden. (Vaste locaties zet u in content/site.yaml onder venues.)\n\
                 location: \"Nog niet bekend\"\n"
            .into(),
    };
    let wijken = match wijk {
        Some(wijk) => format!("# Voor welke wijken? Laat de regel weg voor het hele gebied.\nwijken: [{wijk}]\n"),
        None => "# Alleen voor bepaalde wijken? Haal het # weg. Zonder deze regel: het hele gebied.\n# wijken: [wijknaam]\n".into(),
    };
    format!(
        "---
# De naam van de activiteit. Verplicht.
title: {title}
# Begin: datum en tijd als JJJJ-MM-DD UU:MM. Verplicht.
# Duurt het de hele dag? Schrijf dan alleen de datum, zoals start: {date}
start: {start}
# Einde: datum en tijd. Zonder einde rekent de site met twee uur.
# Meer dagen? Schrijf bij start en end alleen de eerste en de laatste dag.
end: {end}
{venue}{wijken}# Wie organiseert het?
organiser: \"{FILL_IN}: naam van de groep]\"
# Wat kost het? Bijvoorbeeld: Gratis, of € 5 per persoon.
cost: \"Gratis\"
# Aanmelden? Haal de # weg bij de regels die u nodig hebt.
# registration:
#   required: true
#   email: aanmelden@voorbeeld.nl
#   opens: {date}
#   closes: {date}
#   capacity: 30
# Gaat het niet door? Haal het # weg. De activiteit blijft dan in de agenda's staan, met 'Gaat niet door'.
# cancelled: true
# Eén of twee zinnen voor de lijst en om te delen.
# summary: \"Wat gaan we doen?\"
# Verandert u een activiteit die al op de site stond? Zet sequence dan één hoger (1, 2, 3 …).
# sequence: 1
{DRAFT_COMMENT}
draft: true
---

{FILL_IN}: wat gaan we doen, en voor wie is het?]
",
        title = quoted(title),
        date = start.format("%Y-%m-%d"),
        start = start.format("%Y-%m-%d %H:%M"),
        end = end.format("%Y-%m-%d %H:%M"),
    )
}

fn edition(title: &str, date: NaiveDate, wijk: Option<&str>) -> String {
    let wijken = match wijk {
        Some(wijk) => format!("# Voor welke wijken? Laat de regel weg voor het hele gebied.\nwijken: [{wijk}]\n"),
        None => "# Alleen voor bepaalde wijken? Haal het # weg. Zonder deze regel: het hele gebied.\n# wijken: [wijknaam]\n".into(),
    };
    format!(
        "---
# De titel van de nieuwsbrief. Verplicht.
title: {title}
# De datum van de nieuwsbrief, JJJJ-MM-DD. Verplicht.
date: {date}
# Eén zin die in de e-mail als eerste te zien is. Haal het # weg en schrijf de zin.
# summary: \"Waar gaat deze nieuwsbrief over?\"
{wijken}# true: onderaan komen de bijeenkomsten van de acht weken na de datum.
include_agenda: true
# true: onderaan komen de projecten die sinds de vorige nieuwsbrief zijn besloten.
include_projects: true
{DRAFT_COMMENT}
draft: true
---

{EDITION_HEADING}

{EDITION_BODY}
",
        title = quoted(title),
        date = date.format("%Y-%m-%d"),
    )
}

fn round(title: &str, decided: NaiveDate) -> String {
    format!(
        "# De naam van de ronde. Verplicht.
title: {title}
# De datum van het besluit, JJJJ-MM-DD.
decided: {decided}
# Het budget in euro's. Schrijf bedragen zonder punt: 15000 of \"1250,50\" (nooit 1.250).
# budget: 15000
# De data van de ronde (JJJJ-MM-DD), elk niet verplicht. Ze komen vanzelf in de agenda,
# op de pagina van de ronde en, zolang de ronde open is, op de voorpagina.
# opens: 2026-01-05                # vanaf deze dag kan men aanvragen
# closes: 2026-03-15               # tot en met deze dag
# advice_meeting: 2026-03-30-bewonersteam   # de bijeenkomst met het advies
# decision_expected: 2026-04-15
# report_due: 2027-01-31           # vóór deze dag de verantwoording inleveren
# De projecten. Haal bij het voorbeeld hieronder de # weg (en `[]` achter projects:),
# en herhaal het blok voor elk project.
projects: []
#  - id: buurttuin                 # korte naam: kleine letters, cijfers en -
#    title: \"Buurttuin\"
#    wijk: wijknaam                # weglaten = het hele gebied
#    applicant: \"Bewonersgroep\"    # wie het aanvraagt
#    requested: \"2500\"             # gevraagd, in euro's
#    granted: \"2000\"               # toegekend, in euro's (0 bij afgewezen)
#    advice: positive              # advies: positive, negative of conditional
#    decision: partially_granted   # besluit: granted, partially_granted of rejected
#    status: planned               # planned, running, completed of cancelled
#    category: ontmoeting          # een soort uit `categories` in site.yaml
#    returned: \"0\"                # teruggegeven geld, in euro's
#    accounted:                    # de verantwoording
#      submitted: 2026-11-02       # ingeleverd op
#      approved: 2026-11-20        # goedgekeurd op
#    summary: |
#      Wat het project doet, en voor wie.
",
        title = quoted(title),
        decided = decided.format("%Y-%m-%d"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_quoted_safely_for_yaml() {
        assert_eq!(quoted("Zeg \"hoi\": ja"), "\"Zeg \\\"hoi\\\": ja\"");
        assert_eq!(quoted("a\\b"), "\"a\\\\b\"");
    }

    #[test]
    fn a_long_title_gives_a_file_name_within_the_slug_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let title = "Een heel lange titel ".repeat(8);
        let request = Request {
            root: tmp.path().to_path_buf(),
            kind: NewKind::Meeting,
            title: title.clone(),
            wijk: None,
            date: Some("2027-02-04 19:30".into()),
        };
        let path = create(&request).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            stem.starts_with("2027-02-04-een-heel-lange-titel"),
            "{stem}"
        );
        assert!(
            stem.len() <= slug::MAX_LEN && !stem.ends_with('-'),
            "{stem}"
        );
        assert_eq!(slug::problem(&stem), None);
    }

    #[test]
    fn a_meeting_ends_two_hours_after_its_start_by_default() {
        let start = dates::parse_local_datetime("2026-01-20 19:30").unwrap();
        let text = meeting("Overleg", start, Some("noord"), None);
        assert!(text.contains("start: 2026-01-20 19:30\n"), "{text}");
        assert!(text.contains("end: 2026-01-20 21:30\n"), "{text}");
        assert!(text.contains("wijken: [noord]\n"), "{text}");
    }

    #[test]
    fn new_texts_are_drafts_whose_placeholders_stop_publication() {
        use crate::content::placeholders;
        let start = dates::parse_local_datetime("2026-01-20 19:30").unwrap();
        for text in [
            page("P", &None, false),
            page("P", &None, true),
            meeting("M", start, None, None),
            edition("E", start.date(), None),
        ] {
            assert!(text.contains("\ndraft: true\n"), "{text}");
            let published = text.replace("draft: true", "draft: false");
            assert!(
                placeholders::check("x.md", &published, &[]).is_err(),
                "published as written, this would pass:\n{text}"
            );
        }
    }

    #[test]
    fn every_front_matter_line_has_a_comment_above_it() {
        let start = dates::parse_local_datetime("2026-01-20 19:30").unwrap();
        for text in [
            page("P", &None, false),
            meeting("M", start, None, None),
            edition("E", start.date(), None),
        ] {
            let front: Vec<&str> = text.lines().skip(1).take_while(|l| *l != "---").collect();
            for (i, line) in front.iter().enumerate() {
                if !line.starts_with('#') {
                    assert!(
                        i > 0 && front[i - 1].starts_with('#'),
                        "no comment above `{line}` in\n{text}"
                    );
                }
            }
        }
    }
}
