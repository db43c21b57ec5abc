//! The theme: compiled Tera templates, UI strings and static files, and
//! the [`Job`] a page is rendered from. Sections and the renderer both
//! speak this vocabulary; it knows no section and no build step.
//!
//! A [`Theme`] is loaded and its templates compiled once per build, from
//! ROOT/themes/<name>/ or, for the default theme `wijk` when the site has
//! no such folder, from the copy built into the binary ([`builtin`]); a
//! file of the same name in ROOT/templates wins over the theme's. The UI strings
//! live in the theme's `strings.yaml`, so a theme can translate them.
//! Every file it reads must lie inside the site folder, and templates
//! cannot read the environment. Templates can draw a QR code with
//! `qr_svg(text=…, label=…)` (the subscribe block shows one of the feed's
//! address).

pub(crate) mod builtin;
pub(crate) mod fragments;
pub mod output_file;
pub(crate) mod strings;

use crate::content::config::SiteConfig;
use crate::formats::qr;
use crate::theme::strings::UiStrings;
use crate::util::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::util::escape::html as html_escape;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tera::{Context, Tera};
use walkdir::WalkDir;

/// A compiled theme: templates, UI strings and static files.
pub struct Theme {
    tera: Tera,
    /// Template name → source file, for error messages.
    sources: BTreeMap<String, String>,
    /// Template name → its text, to tell what a changed theme changed.
    texts: BTreeMap<String, String>,
    strings: UiStrings,
    /// Static files: where each comes from, and its path in the output.
    pub(crate) static_files: Vec<(StaticSource, String)>,
}

/// Where a theme is read from.
enum Origin {
    /// `themes/<name>/` in the site folder.
    Folder(PathBuf),
    /// The default theme inside the binary ([`builtin`]).
    BuiltIn,
}

/// Where a static file of the theme comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticSource {
    /// A file in the site's theme folder.
    File(PathBuf),
    /// A file of the theme built into the binary.
    BuiltIn(&'static [u8]),
}

impl Theme {
    /// A warning when site search is on but the base layout (a site's own
    /// copy, made before search existed) does not mark `<main>` with
    /// `data-zoek`: no page would be found.
    pub fn search_warning(&self, config: &SiteConfig) -> Option<Diagnostic> {
        let base = self.texts.get("base.html")?;
        if !config.search || base.contains("data-zoek") {
            return None;
        }
        let source = self
            .sources
            .get("base.html")
            .map_or("base.html", String::as_str);
        Some(
            Diagnostic::warning(
                source,
                "het zoeken op de site vindt geen enkele pagina: in dit sjabloon staat \
                 `data-zoek` niet bij <main>",
            )
            .hint(
                "neem de regels met `data-zoek` over uit base.html van wijksite \
                 (`wijksite theme export` zet een kopie in een map), \
                 of zet `search: false` in content/site.yaml",
            ),
        )
    }

    /// Loads `themes/<theme>` (or, for `wijk` without that folder, the
    /// theme built into the binary) and the overrides in `templates/`.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Diagnostics> {
        let theme_dir = root.join("themes").join(&config.theme);
        let origin = if theme_dir.is_dir() {
            Origin::Folder(theme_dir)
        } else if config.theme == builtin::NAME {
            Origin::BuiltIn
        } else {
            return Err(Diagnostics::from_iter([Diagnostic::error(
                format!("themes/{}", config.theme),
                format!("het thema `{}` bestaat niet", config.theme),
            )
            .hint(
                "zet `theme: wijk` in content/site.yaml (het thema dat in wijksite zit), \
                 of maak de map themes/<naam>/templates",
            )]));
        };
        let site = SiteRoot::new(root);
        let mut problems = Diagnostics::new();
        let theme_rel = format!("themes/{}", config.theme);
        // Template name → (source file for messages, where its text is);
        // a file in ROOT/templates replaces the theme's of the same name.
        let mut templates: BTreeMap<String, (String, Result<&'static [u8], PathBuf>)> =
            BTreeMap::new();
        match &origin {
            Origin::Folder(dir) => {
                for (name, path) in files_under(&dir.join("templates"), &site, &mut problems) {
                    templates.insert(name, (site.rel(&path), Err(path)));
                }
            }
            Origin::BuiltIn => {
                for (name, bytes) in builtin::files_under("templates") {
                    let source = format!("{theme_rel}/templates/{name}");
                    templates.insert(name, (source, Ok(bytes)));
                }
            }
        }
        for (name, path) in files_under(&root.join("templates"), &site, &mut problems) {
            templates.insert(name, (site.rel(&path), Err(path)));
        }
        templates.retain(|name, _| !name.ends_with(".yaml"));
        let mut raw = Vec::new();
        for (name, (source, text)) in &templates {
            match text {
                Ok(bytes) => raw.push((name.clone(), String::from_utf8_lossy(bytes).into_owned())),
                Err(path) => match std::fs::read_to_string(path) {
                    Ok(text) => raw.push((name.clone(), text)),
                    Err(e) => problems.push(Diagnostic::error(
                        source,
                        format!("kan het sjabloon niet lezen: {e}"),
                    )),
                },
            }
        }
        let sources: BTreeMap<String, String> = templates
            .into_iter()
            .map(|(name, (source, _))| (name, source))
            .collect();
        let texts: BTreeMap<String, String> = raw.iter().cloned().collect();
        let mut tera = Tera::default();
        tera.set_escape_fn(html_escape);
        // Tera's get_env would print any environment variable (a CI
        // token) into a page: a template may not read the environment.
        tera.register_function("get_env", refuse_get_env);
        tera.register_function("qr_svg", qr_svg_function);
        if let Err(e) = tera.add_raw_templates(raw) {
            problems.push(template_error(&e, &sources, None));
        }
        let strings_file = format!("{theme_rel}/strings.yaml");
        let strings = load_strings(&site, &origin, &strings_file, &mut problems);
        // Missing strings are reported only when the files could be read.
        let strings = match UiStrings::new(strings, &strings_file) {
            Ok(strings) => Some(strings),
            Err(missing) => {
                if !problems.has_errors() {
                    problems.extend(missing);
                }
                None
            }
        };
        let static_files: Vec<(StaticSource, String)> = match &origin {
            Origin::Folder(dir) => files_under(&dir.join("static"), &site, &mut problems)
                .into_iter()
                .map(|(name, path)| (StaticSource::File(path), name))
                .collect(),
            Origin::BuiltIn => builtin::files_under("static")
                .into_iter()
                .map(|(name, bytes)| (StaticSource::BuiltIn(bytes), name))
                .collect(),
        };
        let Some(strings) = strings.filter(|_| !problems.has_errors()) else {
            return Err(problems);
        };
        Ok(Theme {
            tera,
            sources,
            texts,
            strings,
            static_files,
        })
    }

    /// Renders `template` with `context`; errors name the template file.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        for_page: &str,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| template_error(&e, &self.sources, Some(for_page)))
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The UI strings, every one the code uses checked present.
    pub fn strings(&self) -> &UiStrings {
        &self.strings
    }

    /// The templates whose text differs between `self` and `other`
    /// (changed, added or removed).
    pub fn changed_templates(&self, other: &Theme) -> BTreeSet<String> {
        let names: BTreeSet<&String> = self.texts.keys().chain(other.texts.keys()).collect();
        names
            .into_iter()
            .filter(|name| self.texts.get(*name) != other.texts.get(*name))
            .cloned()
            .collect()
    }

    /// `changed` and every template that extends, includes or imports one
    /// of them, directly or through others: the templates whose output
    /// may differ.
    pub fn affected_by(&self, changed: &BTreeSet<String>) -> BTreeSet<String> {
        let uses: Vec<(&str, Vec<String>)> = self
            .texts
            .iter()
            .map(|(name, text)| (name.as_str(), template_dependencies(text)))
            .collect();
        let mut affected = changed.clone();
        loop {
            let before = affected.len();
            for (name, deps) in &uses {
                if deps.iter().any(|d| affected.contains(d)) {
                    affected.insert(name.to_string());
                }
            }
            if affected.len() == before {
                return affected;
            }
        }
    }
}

/// The templates a template names in `extends`, `include` and `import`
/// tags (also an `include` of a list, or with `ignore missing`).
pub fn template_dependencies(text: &str) -> Vec<String> {
    let mut deps = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "extends" | "include" | "import") {
            deps.extend(quoted_strings(&tag[keyword.len()..]));
        }
        rest = &after[end + 2..];
    }
    deps
}

/// The contents of every "…" or '…' string in a tag.
fn quoted_strings(tag: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = tag.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '"' || c == '\'' {
            let body = &tag[i + 1..];
            match body.find(c) {
                Some(len) => {
                    found.push(body[..len].to_string());
                    // Skip past the closing quote.
                    for _ in 0..=body[..len].chars().count() {
                        chars.next();
                    }
                }
                None => break,
            }
        }
    }
    found
}

/// The theme's strings.yaml, with keys from ROOT/templates/strings.yaml on top.
fn load_strings(
    site: &SiteRoot,
    origin: &Origin,
    strings_file: &str,
    problems: &mut Diagnostics,
) -> serde_json::Map<String, Value> {
    let mut merged = serde_json::Map::new();
    let mut merge = |text: &str, rel: &str, problems: &mut Diagnostics| {
        match crate::content::source::parse_yaml_file::<BTreeMap<String, Value>>(text, rel) {
            Ok(map) => merged.extend(map),
            Err(d) => problems.push(d),
        }
    };
    let mut files = vec![site.root.join("templates/strings.yaml")];
    match origin {
        Origin::Folder(dir) => files.insert(0, dir.join("strings.yaml")),
        Origin::BuiltIn => {
            if let Some(bytes) = builtin::file("strings.yaml") {
                merge(&String::from_utf8_lossy(bytes), strings_file, problems);
            }
        }
    }
    for path in files {
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let rel = site.rel(&path);
        if let Err(d) = site.check_inside(&path, &rel) {
            problems.push(d);
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        merge(&text, &rel, problems);
    }
    merged
}

/// The site folder, to keep every theme and template file inside it.
struct SiteRoot<'a> {
    root: &'a Path,
    /// `root` with every symlink resolved.
    real: PathBuf,
}

impl<'a> SiteRoot<'a> {
    fn new(root: &'a Path) -> SiteRoot<'a> {
        let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        SiteRoot { root, real }
    }

    fn rel(&self, path: &Path) -> String {
        display_path(path.strip_prefix(self.root).unwrap_or(path))
    }

    /// The rule content/ follows too: a file or folder read for the site
    /// must, with symlinks resolved, lie inside the site folder; otherwise
    /// a template could read any file of the computer into a page.
    fn check_inside(&self, path: &Path, rel: &str) -> Result<PathBuf, Diagnostic> {
        let real = path.canonicalize().map_err(|_| {
            Diagnostic::error(
                rel,
                "deze snelkoppeling (symlink) wijst nergens heen of naar zichzelf",
            )
            .hint("vervang de snelkoppeling door het echte bestand")
        })?;
        if !real.starts_with(&self.real) {
            return Err(Diagnostic::error(
                rel,
                "deze snelkoppeling (symlink) wijst naar een bestand buiten de map van de site",
            )
            .hint("kopieer het bestand naar de site in plaats van ernaar te verwijzen"));
        }
        Ok(real)
    }
}

/// Files under `dir` as (name relative to dir with `/`, path), sorted.
/// Symlinks are followed to files inside the site only; one that leads
/// out (or `dir` itself leading out) is an error naming it.
fn files_under(dir: &Path, site: &SiteRoot, problems: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    if let Err(d) = site.check_inside(dir, &site.rel(dir)) {
        problems.push(d);
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let is_file = if entry.path_is_symlink() && entry.depth() > 0 {
            match site.check_inside(entry.path(), &site.rel(entry.path())) {
                Ok(real) => real.is_file(),
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            }
        } else {
            entry.file_type().is_file()
        };
        if is_file {
            let name = display_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
            files.push((name, entry.into_path()));
        }
    }
    files
}

/// Stands in for Tera's `get_env`.
fn refuse_get_env(_: &std::collections::HashMap<String, Value>) -> tera::Result<Value> {
    Err(tera::Error::msg(
        "get_env() kan niet in wijksite: een sjabloon mag geen omgevingsvariabelen lezen, \
         want die kunnen geheimen bevatten; zet de waarde in content/site.yaml of strings.yaml",
    ))
}

/// `qr_svg(text=…, label=…)`: a QR code of `text` as inline SVG named
/// `label` (see `formats::qr`), for a template to show with `| safe`; an
/// empty string when the text is too long for a code, so the page shows
/// the text without one.
fn qr_svg_function(args: &std::collections::HashMap<String, Value>) -> tera::Result<Value> {
    let arg = |name: &str| {
        args.get(name).and_then(Value::as_str).ok_or_else(|| {
            tera::Error::msg(format!(
                "qr_svg() heeft een tekst nodig voor {name}; schrijf bijvoorbeeld \
                 qr_svg(text=subscription.https, label=t.subscribe_qr_label)"
            ))
        })
    };
    let svg = qr::qr_svg(arg("text")?, arg("label")?).unwrap_or_default();
    Ok(Value::String(svg))
}

/// A Tera error with its whole cause chain, naming the template file.
fn template_error(
    error: &tera::Error,
    sources: &BTreeMap<String, String>,
    for_page: Option<&str>,
) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        chain.push(c.to_string());
        cause = c.source();
    }
    let file = sources
        .iter()
        .find(|(name, _)| chain.iter().any(|m| m.contains(&format!("'{name}'"))))
        .map(|(_, file)| file.clone())
        .unwrap_or_else(|| "templates".into());
    let place = for_page
        .map(|p| format!(" (bij het maken van {p})"))
        .unwrap_or_default();
    // The common case after `theme export`: a key of strings.yaml renamed
    // or removed. Say so in Dutch instead of Tera's English.
    if let Some(key) = chain.iter().find_map(|m| missing_string_key(m)) {
        return Diagnostic::error(
            file,
            format!("de tekst `{key}` staat niet in strings.yaml, maar het sjabloon gebruikt hem{place}"),
        )
        .hint(format!(
            "zet een regel `{key}: \"…\"` in strings.yaml van het thema of in templates/strings.yaml; kijk of de naam goed gespeld is"
        ));
    }
    Diagnostic::error(file, format!("fout in het sjabloon{place}: {}", chain.join(": ")))
        .hint("herstel het sjabloon, of verwijder uw eigen versie in templates/ om die van het thema te gebruiken")
}

/// `Variable `t.home` not found in context …` → `home`.
fn missing_string_key(message: &str) -> Option<&str> {
    let rest = &message[message.find("Variable `t.")? + "Variable `t.".len()..];
    let key = &rest[..rest.find('`')?];
    let rest = &rest[key.len()..];
    (rest.starts_with("` not found") && !key.is_empty()).then_some(key)
}

/// A link in the main menu: a section, or a page with `menu: true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
    /// The site path (`/bijeenkomsten/`), to tell which entry is current.
    pub path: String,
}

impl MenuItem {
    /// The entry for `path`, with its URL under the site's base path.
    pub fn new(config: &SiteConfig, title: &str, path: &str) -> MenuItem {
        MenuItem {
            title: title.to_string(),
            url: crate::model::pages::url_for(config, path),
            path: path.to_string(),
        }
    }
}

/// One HTML page to render: a template, the site path it is written to,
/// and what its template needs beyond the base context.
pub struct Job {
    pub template: &'static str,
    /// Site path: `/meedoen/` (written as `meedoen/index.html`) or a file
    /// path ending in `.html`, such as `/404.html`.
    pub path: String,
    /// Where the page comes from, for error messages.
    pub source: String,
    pub extra: Context,
    /// The keys of `extra`, to take them out of a reused context again.
    pub(crate) keys: Vec<String>,
}

impl Job {
    pub fn new(template: &'static str, path: impl Into<String>, source: impl Into<String>) -> Self {
        Job {
            template,
            path: path.into(),
            source: source.into(),
            extra: Context::new(),
            keys: Vec::new(),
        }
    }

    pub fn with(mut self, key: &str, value: &impl Serialize) -> Self {
        self.insert(key, value);
        self
    }

    pub fn insert(&mut self, key: &str, value: &impl Serialize) {
        self.extra.insert(key, value);
        self.keys.push(key.to_string());
    }

    /// The output file: `/meedoen/` → `meedoen/index.html`, `/404.html` → `404.html`.
    pub fn output_path(&self) -> String {
        if self.path.ends_with(".html") {
            self.path.trim_start_matches('/').to_string()
        } else {
            crate::model::pages::page_file(&self.path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_depends_on_what_it_extends_includes_and_imports() {
        let text = r#"{% extends "base.html" %}
{%- include "partials/a.html" ignore missing -%}
{% include ["partials/b.html", 'partials/c.html'] %}
{% import "macros.html" as m %}
{{ "not/a/template.html" }}
{% if x %}{% set y = "nor/this.html" %}{% endif %}"#;
        assert_eq!(
            template_dependencies(text),
            [
                "base.html",
                "partials/a.html",
                "partials/b.html",
                "partials/c.html",
                "macros.html"
            ]
        );
        assert!(template_dependencies("plain text {{ x }}").is_empty());
        assert!(template_dependencies("{% include \"unterminated").is_empty());
    }
}
