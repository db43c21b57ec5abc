//! Site-wide HTML fragments, rendered once per build instead of once per page.
//!
//! Every page shows the same feed links in its `<head>`, the same header
//! with the menu and the same footer. Rendering those for each page was
//! about a third of all template work (Tera looks every dotted variable up
//! afresh, with string copies). When the theme has them, these templates
//! are rendered once, with the context every template gets, and the
//! results go into that context as HTML:
//!
//! | template | variable |
//! | --- | --- |
//! | `partials/site_head.html` | `site_head` |
//! | `partials/site_header.html` | `site_header` |
//! | `partials/site_footer.html` | `site_footer` |
//!
//! `base.html` writes them out with `{{ site_header | safe }}`. A theme (or
//! an own `templates/base.html`) without them works as before.
//!
//! The header marks the current menu entry, so it is rendered once for
//! each entry, with `current_path` set to that entry's path, and once with
//! an empty `current_path` for the pages outside the menu. A page gets the
//! header of the entry it falls under ([`Fragments::header_for`]), so a
//! header template may use `current_path` only to tell which entry is the
//! current one.

use crate::theme::Theme;
use crate::util::diagnostics::Diagnostics;
use std::collections::BTreeMap;
use tera::Context;

pub const HEAD: &str = "partials/site_head.html";
pub const HEADER: &str = "partials/site_header.html";
pub const FOOTER: &str = "partials/site_footer.html";

/// A menu entry, as the header decides whether it is the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuEntry {
    /// Site path: `/`, `/zielhorst/`, `/bijeenkomsten/`.
    pub path: String,
    /// Current for every page below the path too (a section), not only
    /// for the page on the path itself.
    pub covers_below: bool,
}

impl MenuEntry {
    pub fn exact(path: impl Into<String>) -> Self {
        MenuEntry {
            path: path.into(),
            covers_below: false,
        }
    }

    pub fn section(path: impl Into<String>) -> Self {
        MenuEntry {
            path: path.into(),
            covers_below: true,
        }
    }

    fn is_current_for(&self, page_path: &str) -> bool {
        page_path == self.path || (self.covers_below && page_path.starts_with(&self.path))
    }
}

/// The fragments of one build.
#[derive(Debug, Default)]
pub struct Fragments {
    entries: Vec<MenuEntry>,
    /// Menu entry path (or "" for none) → the header for pages under it.
    headers: BTreeMap<String, String>,
}

impl Fragments {
    /// Renders the theme's site-wide fragments with `base` and puts the
    /// head and footer into it; the headers are handed out per page by
    /// [`Fragments::header_for`] and are also put into `base` (under
    /// `site_headers`) so that a changed header shows as a changed context.
    pub fn render(
        theme: &Theme,
        base: &mut Context,
        entries: Vec<MenuEntry>,
    ) -> Result<Fragments, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut render = |template: &str, ctx: &Context| -> Option<String> {
            if !theme.has_template(template) {
                return None;
            }
            // Line breaks around the fragment (after a leading comment, at
            // the end of the file) are not part of it: `base.html` puts it
            // on a line of its own.
            theme
                .render(template, ctx, template)
                .map(|html| html.trim_matches('\n').to_string())
                .map_err(|d| problems.push(d))
                .ok()
        };
        let head = render(HEAD, base);
        let footer = render(FOOTER, base);
        let mut headers = BTreeMap::new();
        if theme.has_template(HEADER) {
            let mut ctx = base.clone();
            let states = std::iter::once("").chain(entries.iter().map(|e| e.path.as_str()));
            for state in states {
                ctx.insert("current_path", state);
                if let Some(html) = render(HEADER, &ctx) {
                    headers.insert(state.to_string(), html);
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        if let Some(head) = head {
            base.insert("site_head", &head);
        }
        if let Some(footer) = footer {
            base.insert("site_footer", &footer);
        }
        if !headers.is_empty() {
            base.insert("site_headers", &headers);
        }
        Ok(Fragments { entries, headers })
    }

    /// The header for a page: that of the most specific menu entry the
    /// page falls under, or the one with no current entry. None when the
    /// theme has no header fragment.
    pub fn header_for(&self, page_path: &str) -> Option<&str> {
        let state = self
            .entries
            .iter()
            .filter(|e| e.is_current_for(page_path))
            .map(|e| e.path.as_str())
            .max_by_key(|path| path.len())
            .unwrap_or("");
        self.headers.get(state).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragments(entries: Vec<MenuEntry>) -> Fragments {
        let mut headers = BTreeMap::new();
        headers.insert(String::new(), "none".to_string());
        for e in &entries {
            headers.insert(e.path.clone(), format!("at {}", e.path));
        }
        Fragments { entries, headers }
    }

    #[test]
    fn a_page_gets_the_header_of_the_entry_it_falls_under() {
        let f = fragments(vec![
            MenuEntry::exact("/"),
            MenuEntry::exact("/zielhorst/"),
            MenuEntry::section("/bijeenkomsten/"),
            MenuEntry::exact("/over-szh/"),
        ]);
        assert_eq!(f.header_for("/"), Some("at /"));
        assert_eq!(f.header_for("/zielhorst/"), Some("at /zielhorst/"));
        assert_eq!(f.header_for("/over-szh/"), Some("at /over-szh/"));
        assert_eq!(f.header_for("/bijeenkomsten/"), Some("at /bijeenkomsten/"));
        assert_eq!(
            f.header_for("/bijeenkomsten/2026-03-10-wijkavond/poster/"),
            Some("at /bijeenkomsten/")
        );
        // Below an exact entry is outside the menu.
        assert_eq!(f.header_for("/zielhorst/speeltuin/"), Some("none"));
        assert_eq!(f.header_for("/contact/"), Some("none"));
    }

    #[test]
    fn the_most_specific_section_wins() {
        let f = fragments(vec![
            MenuEntry::section("/wijkplan/"),
            MenuEntry::section("/wijkplan/2026/"),
        ]);
        assert_eq!(
            f.header_for("/wijkplan/2026/x/"),
            Some("at /wijkplan/2026/")
        );
        assert_eq!(f.header_for("/wijkplan/2025/"), Some("at /wijkplan/"));
    }

    #[test]
    fn without_a_header_fragment_there_is_none() {
        let f = Fragments {
            entries: vec![MenuEntry::exact("/")],
            headers: BTreeMap::new(),
        };
        assert_eq!(f.header_for("/"), None);
    }
}
