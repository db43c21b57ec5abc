//! The site configuration, `content/site.yaml`.
//!
//! Wijken and venues are data, not code: another area with other wijken
//! builds by editing this file alone.

use crate::util::colour::{self, Rgb};
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
    /// Site search: the page /zoeken/, the field in the header and the
    /// index. A very large site may switch it off to build faster.
    #[serde(default = "default_true")]
    pub search: bool,
    pub wijken: Vec<WijkConfig>,
    #[serde(default)]
    pub venues: Vec<Venue>,
    pub contact: Contact,
    /// More placeholder texts a published file may not hold, besides the
    /// built-in ones (content/placeholders.rs).
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// The site's logo: a path on the site to an SVG or PNG file in
    /// content/static/, such as `/logo.svg`. Shown in the header next to
    /// the title, as the favicon and as the picture of a shared link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The accent colour (`#rrggbb`) on the light background: the rule under
    /// the header, the edge of notices and "Volgende bijeenkomst". It must
    /// have a contrast of 4.5:1 with the light backgrounds it is drawn on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent: Option<String>,
    /// The accent colour in dark mode; without it, the nearest lighter
    /// shade of `accent` that has a contrast of 4.5:1 with the dark
    /// backgrounds ([`SiteConfig::accent_colours`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accent_dark: Option<String>,
    /// The closed list of project categories (`category:` of a project),
    /// for the yearly account; empty when the site uses none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// How residents get the newsletter by e-mail and stop it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newsletter: Option<NewsletterConfig>,
    /// The build's photos (not a field of site.yaml): every document that
    /// renders Markdown has the configuration, so it reaches them here.
    /// Set by the pipeline after reading the files.
    #[serde(skip)]
    pub images: Option<std::sync::Arc<crate::content::images::ImageSet>>,
}

/// `newsletter:` in site.yaml: where to sign up for the newsletter by
/// e-mail (a web form, an address, or both) and how to stop it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct NewsletterConfig {
    /// A web form to sign up.
    pub signup_url: Option<String>,
    /// An address to write to, to sign up (and, without `unsubscribe`, to
    /// stop).
    pub email: Option<String>,
    /// A web address or an e-mail address to stop the newsletter.
    pub unsubscribe: Option<String>,
}

impl NewsletterConfig {
    /// What templates get as `site.newsletter`: the sign-up and stop
    /// addresses sorted into web addresses and e-mail addresses.
    pub fn view(&self) -> serde_json::Value {
        let unsubscribe = self.unsubscribe.as_deref().map(str::trim);
        let unsubscribe_email = unsubscribe
            .filter(|u| !is_web_address(u))
            .map(|u| u.trim_start_matches("mailto:").to_string())
            .or_else(|| unsubscribe.is_none().then(|| self.email.clone()).flatten());
        serde_json::json!({
            "signup_url": self.signup_url,
            "email": self.email,
            "unsubscribe_url": unsubscribe.filter(|u| is_web_address(u)),
            "unsubscribe_email": unsubscribe_email,
        })
    }

    fn problems(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        if self.signup_url.is_none() && self.email.is_none() {
            out.push((
                "bij `newsletter:` staat niet hoe bewoners zich aanmelden".to_string(),
                "zet onder `newsletter:` een regel `signup_url: https://…` (een aanmeldformulier) of `email: nieuwsbrief@…`",
            ));
        }
        if let Some(url) = &self.signup_url
            && !is_web_address(url)
        {
            out.push((
                format!("`signup_url: {url}` bij `newsletter:` is geen webadres"),
                "schrijf een volledig webadres dat met https:// begint",
            ));
        }
        if let Some(email) = &self.email
            && !looks_like_email(email)
        {
            out.push((
                format!("`email: {email}` bij `newsletter:` is geen e-mailadres"),
                "schrijf een adres als nieuwsbrief@voorbeeld.nl",
            ));
        }
        if let Some(u) = &self.unsubscribe
            && !is_web_address(u)
            && !looks_like_email(u.trim_start_matches("mailto:"))
        {
            out.push((
                format!(
                    "`unsubscribe: {u}` bij `newsletter:` is geen webadres en geen e-mailadres"
                ),
                "schrijf het webadres van de afmeldpagina (https://…) of een e-mailadres",
            ));
        }
        out
    }
}

fn is_web_address(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

fn looks_like_email(text: &str) -> bool {
    let text = text.trim();
    text.split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        && !text.contains(char::is_whitespace)
}

/// WCAG AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// The backgrounds the accent colour is drawn on as text in the `wijk`
/// theme, light mode: `--bg` and `--accent-bg` in the `:root` of
/// themes/wijk/static/style.css (`.next-day` is accent text on the
/// "Volgende bijeenkomst" block). A unit test keeps them in step.
pub const LIGHT_BACKGROUNDS: [(&str, Rgb); 2] = [
    ("de witte achtergrond", Rgb(0xff, 0xff, 0xff)),
    (
        "de lichte achtergrond van het blok Volgende bijeenkomst",
        Rgb(0xe7, 0xf3, 0xec),
    ),
];

/// The same for dark mode (`prefers-color-scheme: dark` in style.css).
pub const DARK_BACKGROUNDS: [(&str, Rgb); 2] = [
    ("de donkere achtergrond", Rgb(0x12, 0x14, 0x16)),
    (
        "de donkere achtergrond van het blok Volgende bijeenkomst",
        Rgb(0x14, 0x29, 0x1e),
    ),
];

/// The accent colours of a site, light and dark mode, as `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccentColours {
    pub light: String,
    pub dark: String,
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
    /// The build's photos for rendering `document` (see [`SiteConfig::images`]).
    pub fn images_for<'a>(
        &'a self,
        document: &'a str,
    ) -> Option<crate::content::images::DocumentImages<'a>> {
        self.images
            .as_deref()
            .map(|set| crate::content::images::DocumentImages { set, document })
    }

    /// Parses site.yaml; `base_url_override` comes from `--base-url`.
    pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<SiteConfig, Diagnostics> {
        let mut config: SiteConfig = crate::content::source::parse_yaml_file(text, CONFIG_FILE)
            .map_err(|d| Diagnostics::from_iter([d]))?;
        if let Some(url) = base_url_override {
            config.base_url = url.to_string();
        }
        config.base_url = normalise_base_url(&config.base_url);
        let mut problems = config.validate();
        problems.extend(config.identity_problems(text));
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
                "gebruik `theme: wijk` (het ingebouwde thema) of de naam van een map in themes/",
            );
        }
        for (message, hint) in self.newsletter.iter().flat_map(NewsletterConfig::problems) {
            error(message, hint);
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

    /// What is wrong with `logo`, `accent` and `accent_dark`, each at its
    /// line. Whether the logo file exists is checked with the content files
    /// ([`SiteConfig::missing_logo`]).
    fn identity_problems(&self, text: &str) -> Diagnostics {
        let mut problems = Diagnostics::new();
        let line = |key: &str| crate::util::yaml_lines::top_level_line(text, key);
        let mut error = |key: &str, message: String, hint: String| {
            problems.push(
                Diagnostic::error(CONFIG_FILE, message)
                    .at_opt(line(key))
                    .hint(hint),
            );
        };
        // `accent: #0f5132` without quotes is a YAML comment: no colour.
        for key in ["accent", "accent_dark", "logo"] {
            let empty = match key {
                "accent" => self.accent.is_none(),
                "accent_dark" => self.accent_dark.is_none(),
                _ => self.logo.is_none(),
            };
            if empty && line(key).is_some() {
                error(
                    key,
                    format!("bij `{key}` staat geen waarde"),
                    match key {
                        "logo" => "schrijf het pad van het logo, bijvoorbeeld `logo: /logo.svg`, of haal de regel weg".into(),
                        _ => format!("zet de kleur tussen aanhalingstekens, bijvoorbeeld `{key}: \"#0f5132\"` (zonder aanhalingstekens leest YAML alles na # als opmerking), of haal de regel weg"),
                    },
                );
            }
        }
        if let Some(logo) = &self.logo
            && let Some(hint) = logo_path_problem(logo)
        {
            error(
                "logo",
                format!("`{}` is geen geldig pad voor het logo", logo.escape_debug()),
                hint.into(),
            );
        }
        let parse = |key: &str, value: &str, error: &mut dyn FnMut(&str, String, String)| {
            let parsed = Rgb::parse(value.trim());
            if parsed.is_none() {
                error(
                    key,
                    format!("`{}` is geen kleur", value.escape_debug()),
                    format!(
                        "schrijf een kleur als # met zes tekens 0-9 en a-f, tussen aanhalingstekens, bijvoorbeeld `{key}: \"#0f5132\"`"
                    ),
                );
            }
            parsed
        };
        let light = self
            .accent
            .as_deref()
            .and_then(|a| parse("accent", a, &mut error));
        let dark = self
            .accent_dark
            .as_deref()
            .and_then(|a| parse("accent_dark", a, &mut error));
        // (An `accent:` line without a value is reported above.)
        if self.accent_dark.is_some() && self.accent.is_none() && line("accent").is_none() {
            error(
                "accent_dark",
                "`accent_dark` staat er zonder `accent`".into(),
                "geef ook `accent:` met de kleur voor de lichte weergave, of haal `accent_dark:` weg".into(),
            );
        }
        for (key, colour, backgrounds, towards, shade) in [
            (
                "accent",
                light,
                &LIGHT_BACKGROUNDS,
                Rgb(0, 0, 0),
                "donkerdere",
            ),
            (
                "accent_dark",
                dark,
                &DARK_BACKGROUNDS,
                Rgb(0xff, 0xff, 0xff),
                "lichtere",
            ),
        ] {
            let Some(colour) = colour else { continue };
            // The first background it fails on: the page's own one first,
            // which editors know best.
            let Some((name, ratio)) = backgrounds
                .iter()
                .map(|(name, bg)| (*name, colour::contrast(colour, *bg)))
                .find(|(_, ratio)| *ratio < MIN_CONTRAST)
            else {
                continue;
            };
            let bgs: Vec<Rgb> = backgrounds.iter().map(|(_, bg)| *bg).collect();
            let suggestion = colour::nearest_passing(colour, towards, &bgs, MIN_CONTRAST)
                .map(|c| format!(", bijvoorbeeld `{key}: \"{}\"`", c.hex()))
                .unwrap_or_default();
            error(
                key,
                format!(
                    "de kleur `{}` heeft tegen {name} een contrast van {}; nodig is 4,5:1",
                    colour.hex(),
                    colour::ratio_text(ratio),
                ),
                format!(
                    "kies een {shade} kleur{suggestion}, dan is de tekst goed te lezen{}",
                    if key == "accent_dark" {
                        " (`accent_dark` is de kleur voor wie de telefoon of computer op donker heeft staan)"
                    } else {
                        ""
                    }
                ),
            );
        }
        problems
    }

    /// The accent colours, when `accent` is set (and valid, as after
    /// [`SiteConfig::parse`]): `accent_dark`, or else the nearest lighter
    /// shade of `accent` that reads well on the dark backgrounds.
    pub fn accent_colours(&self) -> Option<AccentColours> {
        let light = Rgb::parse(self.accent.as_deref()?.trim())?;
        let dark = match self
            .accent_dark
            .as_deref()
            .and_then(|a| Rgb::parse(a.trim()))
        {
            Some(dark) => dark,
            None => {
                let bgs: Vec<Rgb> = DARK_BACKGROUNDS.iter().map(|(_, bg)| *bg).collect();
                colour::nearest_passing(light, Rgb(0xff, 0xff, 0xff), &bgs, MIN_CONTRAST)?
            }
        };
        Some(AccentColours {
            light: light.hex(),
            dark: dark.hex(),
        })
    }

    /// The logo's output path (`logo.svg`), without the leading `/`.
    pub fn logo_file(&self) -> Option<&str> {
        self.logo.as_deref().map(|l| l.trim_start_matches('/'))
    }

    /// An error when `logo` names a file that is not in content/static/;
    /// `exists` says whether an output path (`logo.svg`) is one of them.
    pub fn missing_logo(&self, text: &str, exists: impl Fn(&str) -> bool) -> Option<Diagnostic> {
        let logo = self.logo.as_deref()?;
        let file = self.logo_file()?;
        if exists(file) {
            return None;
        }
        Some(
            Diagnostic::error(
                CONFIG_FILE,
                format!("het logo `{logo}` staat niet in content/static/"),
            )
            .at_opt(crate::util::yaml_lines::top_level_line(text, "logo"))
            .hint(format!(
                "zet het bestand op content/static/{file}, of controleer de spelling van `logo:`"
            )),
        )
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
    let mut lines = crate::util::yaml_lines::value_lines(text, named);
    if lines.is_empty()
        && let Some((_, value)) = named.split_once(": ")
    {
        // `key: value` quoted in the message (the newsletter's fields).
        lines = crate::util::yaml_lines::value_lines(text, value);
    }
    let named = named.trim_end_matches(':');
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

/// What is wrong with a logo path, as a tip, or `None` for a site path
/// such as `/logo.svg` or `/img/logo.png`.
fn logo_path_problem(logo: &str) -> Option<&'static str> {
    let lower = logo.to_ascii_lowercase();
    if !logo.starts_with('/') || logo.starts_with("//") {
        return Some(
            "schrijf het pad op de site, met een / ervoor: content/static/logo.svg wordt `logo: /logo.svg`",
        );
    }
    if !(lower.ends_with(".svg") || lower.ends_with(".png")) {
        return Some("gebruik een SVG- of PNG-bestand, bijvoorbeeld `logo: /logo.svg`");
    }
    if logo.split('/').any(|part| part == "..")
        || logo
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\\\"'<>?#".contains(c))
    {
        return Some(
            "gebruik een bestandsnaam met alleen letters, cijfers, - en _, bijvoorbeeld `logo: /logo.svg`",
        );
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
    fn newsletter_problems_name_their_line() {
        let text = MINIMAL.to_string()
            + "newsletter:\n  signup_url: geen url\n  unsubscribe: \"javascript:x\"\n";
        let problems = SiteConfig::parse(&text, None).unwrap_err();
        let line_of = |words: &str| {
            problems
                .iter()
                .find(|d| d.message.contains(words))
                .and_then(|d| d.line)
        };
        assert_eq!(line_of("signup_url"), Some(9), "{problems:?}");
        assert_eq!(line_of("unsubscribe"), Some(10), "{problems:?}");
        let text = MINIMAL.to_string() + "newsletter:\n  unsubscribe: https://x.nl/af\n";
        let problems = SiteConfig::parse(&text, None).unwrap_err();
        assert_eq!(problems.iter().next().and_then(|d| d.line), Some(8));
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

    fn problems_of(extra: &str) -> Vec<Diagnostic> {
        SiteConfig::parse(&(MINIMAL.to_string() + extra), None)
            .unwrap_err()
            .into_iter()
            .collect()
    }

    #[test]
    fn a_readable_accent_passes_and_gets_a_lighter_shade_for_dark_mode() {
        let c = SiteConfig::parse(&(MINIMAL.to_string() + "accent: \"#0F5132\"\n"), None).unwrap();
        let colours = c.accent_colours().unwrap();
        assert_eq!(colours.light, "#0f5132");
        let dark = Rgb::parse(&colours.dark).unwrap();
        for (_, bg) in DARK_BACKGROUNDS {
            assert!(colour::contrast(dark, bg) >= MIN_CONTRAST, "{colours:?}");
        }
        let c = SiteConfig::parse(
            &(MINIMAL.to_string() + "accent: \"#0f5132\"\naccent_dark: \"#9be2b8\"\n"),
            None,
        )
        .unwrap();
        assert_eq!(c.accent_colours().unwrap().dark, "#9be2b8");
        assert_eq!(
            SiteConfig::parse(MINIMAL, None).unwrap().accent_colours(),
            None
        );
    }

    #[test]
    fn an_accent_without_enough_contrast_is_refused_with_its_ratio_and_line() {
        let problems = problems_of("accent: \"#ffcc00\"\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &problems[0];
        assert_eq!(d.line, Some(8), "{d}");
        assert!(d.message.contains("#ffcc00"), "{d}");
        assert!(d.message.contains("1,5:1"), "{d}");
        assert!(d.message.contains("nodig is 4,5:1"), "{d}");
        assert!(d.hint.as_deref().unwrap().contains("donkerder"), "{d}");
        // #777777 reads 4.48:1 on white: just too little.
        let problems = problems_of("accent: \"#777777\"\n");
        assert!(problems[0].message.contains("4,4:1"), "{:?}", problems[0]);
        let problems = problems_of("accent: \"#0f5132\"\naccent_dark: \"#335577\"\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(9));
        assert!(problems[0].hint.as_deref().unwrap().contains("lichter"));
    }

    #[test]
    fn an_accent_must_be_a_quoted_hex_colour() {
        for (extra, words) in [
            ("accent: #0f5132\n", "geen waarde"),
            ("accent: groen\n", "geen kleur"),
            ("accent: \"#fff\"\n", "geen kleur"),
            ("accent_dark: \"#9be2b8\"\n", "zonder `accent`"),
        ] {
            let problems = problems_of(extra);
            assert!(
                problems
                    .iter()
                    .any(|d| d.message.contains(words) && d.line == Some(8)),
                "{extra}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_logo_is_a_site_path_to_an_svg_or_png() {
        for good in ["/logo.svg", "/img/Logo-1.PNG"] {
            assert_eq!(logo_path_problem(good), None, "{good}");
        }
        for bad in [
            "logo.svg",
            "//x.nl/logo.svg",
            "/logo.jpg",
            "/../logo.svg",
            "/a b.svg",
            "/a\".svg",
        ] {
            assert!(logo_path_problem(bad).is_some(), "{bad}");
        }
        let problems = problems_of("logo: logo.svg\n");
        assert_eq!(problems[0].line, Some(8), "{problems:?}");
        let c = SiteConfig::parse(&(MINIMAL.to_string() + "logo: /img/logo.svg\n"), None).unwrap();
        assert_eq!(c.logo_file(), Some("img/logo.svg"));
        assert!(c.missing_logo("", |f| f == "img/logo.svg").is_none());
        let missing = c
            .missing_logo(&(MINIMAL.to_string() + "logo: /img/logo.svg\n"), |_| false)
            .unwrap();
        assert_eq!(missing.line, Some(8));
        assert!(missing.message.contains("/img/logo.svg"), "{missing}");
    }

    #[test]
    fn the_background_constants_are_the_themes() {
        let css = include_str!("../../themes/wijk/static/style.css");
        let (light, dark) = css.split_once("prefers-color-scheme: dark").unwrap();
        let value = |block: &str, var: &str| {
            let start = block.find(&format!("{var}:")).unwrap() + var.len() + 1;
            Rgb::parse(block[start..].split(';').next().unwrap().trim()).unwrap()
        };
        for (block, backgrounds) in [(light, LIGHT_BACKGROUNDS), (dark, DARK_BACKGROUNDS)] {
            assert_eq!(backgrounds[0].1, value(block, "--bg"));
            assert_eq!(backgrounds[1].1, value(block, "--accent-bg"));
        }
    }

    #[test]
    fn bad_wijk_slugs_and_timezones_are_all_reported() {
        let text = MINIMAL.replace("slug: noord", "slug: Noord Oost") + "timezone: Mars/Olympus\n";
        let problems = SiteConfig::parse(&text, None).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
