//! The site configuration, `content/site.yaml`.
//!
//! Wijken and venues are data, not code: another area with other wijken
//! builds by editing this file alone.

use crate::util::diagnostics::{Diagnostic, Diagnostics};
use crate::util::slug;
use serde::{Deserialize, Serialize};

pub const CONFIG_FILE: &str = "content/site.yaml";

/// Top-level folders the generator itself fills; a page or wijk cannot use them.

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub short_title: String,
    pub description: String,
    pub base_url: String,
    /// Hard words and a plainer one, on top of the theme's `jargon.yaml`,
    /// for the plain-language warnings of `check`; an empty tip turns a
    /// word of the theme's list off.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub jargon: std::collections::BTreeMap<String, String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Raw HTML in Markdown: sanitised when true, an error when false.
    #[serde(default = "default_true")]
    pub allow_raw_html: bool,
    pub wijken: Vec<WijkConfig>,
    #[serde(default)]
    pub venues: Vec<Venue>,
    pub contact: Contact,
    /// More placeholder texts a published file may not hold, besides the
    /// built-in ones (content/placeholders.rs).
    #[serde(default)]
    pub placeholders: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WijkConfig {
    pub slug: String,
    pub name: String,
    pub network: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub slug: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub accessibility: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub email: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

fn default_language() -> String {
    "nl".into()
}
fn default_timezone() -> String {
    "Europe/Amsterdam".into()
}
fn default_theme() -> String {
    "wijk".into()
}
fn default_true() -> bool {
    true
}

impl SiteConfig {
    /// Parses site.yaml; `base_url_override` comes from `--base-url`.
    pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<SiteConfig, Diagnostics> {
        let mut config: SiteConfig = crate::content::source::parse_yaml_file(text, CONFIG_FILE)
            .map_err(|d| Diagnostics::from_iter([d]))?;
        if let Some(url) = base_url_override {
            config.base_url = url.to_string();
        }
        config.base_url = normalise_base_url(&config.base_url);
        let mut problems = config.validate();
        if let Some((message, hint)) = base_url_problem(&config.base_url) {
            // The same check for `--base-url`, named as the option it came from.
            let problem = match base_url_override {
                Some(_) => Diagnostic::error(BASE_URL_OPTION, message),
                None => Diagnostic::error(CONFIG_FILE, message)
                    .at_opt(crate::util::yaml_lines::top_level_line(text, "base_url")),
            };
            problems.push(problem.hint(hint));
        }
        if problems.has_errors() {
            return Err(problems.into_iter().map(|d| with_line(d, text)).collect());
        }
        Ok(config)
    }

    fn validate(&self) -> Diagnostics {
        let mut problems = Diagnostics::new();
        let mut error = |message: String, hint: &str| {
            problems.push(Diagnostic::error(CONFIG_FILE, message).hint(hint));
        };
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            error(
                format!("onbekende tijdzone `{}`", self.timezone),
                "gebruik een naam als Europe/Amsterdam",
            );
        }
        if !slug::is_valid(&self.theme) {
            error(
                format!("`{}` is geen geldige naam voor een thema", self.theme),
                "gebruik de naam van een map in themes/, bijvoorbeeld `theme: wijk`",
            );
        }
        if self.wijken.is_empty() {
            error(
                "er staat geen enkele wijk in `wijken`".into(),
                "voeg onder `wijken:` minstens één wijk toe met slug, name, network en description",
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for slug in self.wijken.iter().map(|w| &w.slug) {
            check_slug(slug, "wijk", &mut seen, &mut error);
            if crate::content::folders::is_reserved(slug) {
                error(
                    format!("de wijk-slug `{slug}` is gereserveerd voor een onderdeel van de site"),
                    "kies een andere slug voor deze wijk, bijvoorbeeld met de naam van de wijk",
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for slug in self.venues.iter().map(|v| &v.slug) {
            check_slug(slug, "locatie", &mut seen, &mut error);
        }
        for venue in &self.venues {
            if venue.lat.is_some_and(|lat| !(-90.0..=90.0).contains(&lat))
                || venue
                    .lon
                    .is_some_and(|lon| !(-180.0..=180.0).contains(&lon))
            {
                error(
                    format!("de coördinaten van locatie `{}` kloppen niet", venue.slug),
                    "lat ligt tussen -90 en 90, lon tussen -180 en 180 (Amersfoort: lat 52.15, lon 5.39)",
                );
            }
        }
        problems
    }

    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.timezone
            .parse()
            .unwrap_or(chrono_tz::Europe::Amsterdam)
    }

    pub fn wijk(&self, slug: &str) -> Option<&WijkConfig> {
        self.wijken.iter().find(|w| w.slug == slug)
    }

    pub fn venue(&self, slug: &str) -> Option<&Venue> {
        self.venues.iter().find(|v| v.slug == slug)
    }

    /// The path part of base_url ("/" or "/wijk/"), for sites not at a root.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// The absolute URL of a site path such as `/meedoen/`.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }

    /// The host of base_url, used in stable calendar UIDs.
    pub fn host(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.split('/').next().unwrap_or(after_scheme)
    }

    /// Whether `slug` names a wijk, with a hint listing the known ones.
    pub fn unknown_wijk(&self, slug: &str) -> Option<String> {
        if self.wijk(slug).is_some() {
            return None;
        }
        let known: Vec<_> = self.wijken.iter().map(|w| w.slug.as_str()).collect();
        Some(format!("bekende wijken: {}", known.join(", ")))
    }
}

/// A problem found after parsing gets the line of the value it names (the
/// first `…` in its message), or of that top-level key; a problem about a
/// value written twice gets the second place.
fn with_line(diagnostic: Diagnostic, text: &str) -> Diagnostic {
    // Only problems in site.yaml itself have a line there (not `--base-url`).
    if diagnostic.line.is_some() || diagnostic.file != CONFIG_FILE {
        return diagnostic;
    }
    let Some(named) = diagnostic.message.split('`').nth(1) else {
        return diagnostic;
    };
    let lines = crate::util::yaml_lines::value_lines(text, named);
    let line = if diagnostic.message.contains("twee keer") {
        lines.get(1).or(lines.first()).copied()
    } else {
        lines.first().copied()
    };
    // Else the key named (`wijken`), or the key the message starts with
    // (`base_url`, whose value is shown normalised).
    let first_word = diagnostic.message.split(' ').next().unwrap_or("");
    let line = line
        .or_else(|| crate::util::yaml_lines::top_level_line(text, named))
        .or_else(|| crate::util::yaml_lines::top_level_line(text, first_word));
    diagnostic.at_opt(line)
}

fn check_slug(
    slug: &str,
    what: &str,
    seen: &mut std::collections::BTreeSet<String>,
    error: &mut impl FnMut(String, &str),
) {
    if !slug::is_valid(slug) {
        error(
            format!("de {what}-slug `{slug}` mag alleen kleine letters, cijfers en - bevatten"),
            "schrijf bijvoorbeeld `de-hoef`",
        );
    }
    if !seen.insert(slug.to_string()) {
        error(
            format!("de {what}-slug `{slug}` staat er twee keer"),
            "geef elke slug maar één keer",
        );
    }
}

/// How a problem with the `--base-url` option names its source.
pub const BASE_URL_OPTION: &str = "--base-url";

/// What is wrong with `url` as base_url, with a tip, or `None` when it is an
/// absolute `http(s)://host/path` without anything that could break a file
/// it is written into: no whitespace or control characters (a line break
/// would add lines to robots.txt), no query or fragment, none of the
/// characters a URL cannot hold as they are (`"<>\^`{|}`).
pub fn base_url_problem(url: &str) -> Option<(String, String)> {
    let shown: String = url.escape_debug().collect();
    let example = "bijvoorbeeld https://szh.example.nl/";
    // Invisible characters (zero-width space, direction marks, U+FFFE …)
    // too: a web address holds letters, digits and visible ASCII only.
    if let Some(c) = url.chars().find(|c| {
        c.is_whitespace() || c.is_control() || !(c.is_ascii_graphic() || c.is_alphanumeric())
    }) {
        return Some((
            format!(
                "base_url `{shown}` bevat een spatie, regeleinde of onzichtbaar teken ({})",
                crate::util::escape::code_point(c)
            ),
            format!("schrijf het adres zonder spaties en op één regel, {example}"),
        ));
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return Some((
                format!("base_url `{shown}` begint met hoofdletters"),
                format!("schrijf https:// met kleine letters, {example}"),
            ));
        }
        return Some((
            format!("base_url `{shown}` is geen webadres"),
            format!("schrijf het volledige adres met https:// ervoor, {example}"),
        ));
    };
    let host = rest.split('/').next().unwrap_or(rest);
    if host.is_empty() || host.starts_with([':', '@', '.']) {
        return Some((
            format!("in base_url `{shown}` ontbreekt de naam van de website"),
            format!("schrijf na https:// de domeinnaam, {example}"),
        ));
    }
    let port = host
        .rsplit_once(':')
        .filter(|(_, p)| !p.contains(']'))
        .map(|(_, p)| p);
    if let Some(port) = port
        && port.parse::<u16>().map_or(true, |p| p == 0)
    {
        return Some((
            format!("in base_url `{shown}` staat een poort die niet bestaat (`:{port}`)"),
            format!("laat de poort weg, of gebruik een getal van 1 tot 65535, {example}"),
        ));
    }
    if let Some(c) = url.chars().find(|c| "?#\"<>\\^`{|}".contains(*c)) {
        return Some((
            format!("base_url `{shown}` bevat het teken `{c}`, dat niet in dit adres mag"),
            format!("schrijf alleen het adres van de site, zonder ? of #, {example}"),
        ));
    }
    None
}

/// `https://x.nl` and `https://x.nl/` both become `https://x.nl/`.
fn normalise_base_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        let mut all = Diagnostics::new();
        all.extend(iter);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: T\nshort_title: T\ndescription: D\nbase_url: https://x.nl/sub\n\
        wijken:\n  - {slug: noord, name: Noord, network: Netwerk Noord, description: d}\n\
        contact: {email: info@x.nl}\n";

    #[test]
    fn defaults_fill_language_timezone_and_theme() {
        let c = SiteConfig::parse(MINIMAL, None).unwrap();
        assert_eq!(
            (c.language.as_str(), c.timezone.as_str(), c.theme.as_str()),
            ("nl", "Europe/Amsterdam", "wijk")
        );
        assert_eq!(c.base_url, "https://x.nl/sub/");
        assert_eq!(c.base_path(), "/sub/");
        assert_eq!(c.host(), "x.nl");
        assert_eq!(c.absolute_url("/a/"), "https://x.nl/sub/a/");
    }

    #[test]
    fn a_theme_name_cannot_leave_the_themes_folder() {
        let problems =
            SiteConfig::parse(&(MINIMAL.to_string() + "theme: ../../etc\n"), None).unwrap_err();
        assert!(
            problems.iter().any(|d| d.message.contains("thema")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_wijk_cannot_take_a_section_name() {
        let text = MINIMAL.replace("slug: noord", "slug: bijeenkomsten");
        let problems = SiteConfig::parse(&text, None).unwrap_err();
        assert!(
            problems.iter().any(|d| d.message.contains("gereserveerd")),
            "{problems:?}"
        );
    }

    #[test]
    fn base_url_override_wins() {
        let c = SiteConfig::parse(MINIMAL, Some("http://127.0.0.1:1111")).unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:1111/");
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn a_base_url_with_a_line_break_is_refused_at_its_line() {
        let text = MINIMAL.replace(
            "base_url: https://x.nl/sub",
            "base_url: \"https://x.nl/\\r\\nDisallow: /\"",
        );
        let problems: Vec<_> = SiteConfig::parse(&text, None)
            .unwrap_err()
            .into_iter()
            .collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &problems[0];
        assert_eq!((d.file.as_str(), d.line), (CONFIG_FILE, Some(4)));
        assert!(d.message.contains("regeleinde"), "{d}");
        assert!(d.message.contains("\\r\\n"), "shown escaped: {d}");
        assert!(!d.to_string().contains('\r'), "{d}");
        assert!(d.hint.as_deref().unwrap().contains("https://"), "{d}");
    }

    #[test]
    fn only_absolute_http_urls_without_odd_characters_pass() {
        for good in [
            "https://x.nl/",
            "http://127.0.0.1:1111/",
            "https://x.nl/sub/",
            "https://wijk.example/a-b_c~d/",
            "https://bücher.example/",
            "https://[::1]:8080/",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for bad in [
            "https://x.nl/\n",
            "https://x.nl/\rUser-agent: *",
            "https://x .nl/",
            "https://x.nl/\u{85}",
            "https://x.nl/\u{a0}",
            "https://x.nl/\u{1b}[2J",
            "ftp://x.nl/",
            "x.nl/",
            "javascript:alert(1)//",
            "https:///pad/",
            "https://:80/",
            "https://x.nl/?a=b/",
            "https://x.nl/#top/",
            "https://x.nl/\"onload=\"x/",
            "https://x.nl/<b>/",
            "https://a.example/\u{200b}x",
            "https://a.example/\u{202e}x",
            "https://a.example/\u{fffe}",
            "https://a.example:99999/",
            "HTTPS://A.EXAMPLE/",
        ] {
            assert!(base_url_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn a_bad_base_url_override_is_refused_and_named_as_the_option() {
        let problems: Vec<_> = SiteConfig::parse(MINIMAL, Some("https://x.nl/\nDisallow: /"))
            .unwrap_err()
            .into_iter()
            .collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, BASE_URL_OPTION);
        assert_eq!(problems[0].line, None);
    }

    #[test]
    fn bad_wijk_slugs_and_timezones_are_all_reported() {
        let text = MINIMAL.replace("slug: noord", "slug: Noord Oost") + "timezone: Mars/Olympus\n";
        let problems = SiteConfig::parse(&text, None).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
