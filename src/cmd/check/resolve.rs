//! Where a URL in a built page leads: another site, or a file of this site
//! (and maybe an anchor in it).
//!
//! Internal URLs come in four shapes: absolute under base_url
//! (`https://site.nl/sub/a/`), root-relative under the base path
//! (`/sub/a/`), relative to the page (`../a/`, `foto.jpg`) and
//! fragment-only (`#kop`). Each becomes an output file path
//! (`a/index.html`) that can be looked up in the built site.

/// Where a URL leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, or mailto:, tel:, webcal: and the like.
    External,
    /// A file of this site, maybe with an anchor.
    Internal {
        /// Output path such as `meedoen/index.html` (no query).
        path: String,
        /// The part after `#`, decoded; `None` when absent or empty.
        fragment: Option<String>,
    },
    /// Root-relative, but not under the site's base path (or climbing above it).
    Outside,
}

/// The site's address, for telling internal URLs from external ones.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    /// `https://site.nl/sub/`, ending in `/`.
    pub base_url: &'a str,
    /// `/sub/` or `/`.
    pub base_path: &'a str,
}

/// Resolves `url` as found on the page written to `from` (an output path).
pub fn resolve(url: &str, from: &str, site: &Site) -> Target {
    let url = url.trim();
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let fragment = fragment
        .filter(|f| !f.is_empty())
        .map(|f| crate::util::escape::percent_decode(f).unwrap_or_else(|| f.to_string()));
    let rest = rest.split('?').next().unwrap_or("");
    let joined = if rest.is_empty() {
        Some(from.to_string())
    } else if let Some(under) = rest.strip_prefix(site.base_url) {
        Some(under.to_string())
    } else if rest.starts_with("//") || has_scheme(rest) {
        return Target::External;
    } else if rest.starts_with('/') {
        match rest.strip_prefix(site.base_path) {
            Some(under) => Some(under.to_string()),
            None if format!("{rest}/") == site.base_path => Some(String::new()),
            None => return Target::Outside,
        }
    } else {
        let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        normalise(&format!("{dir}/{rest}"))
    };
    let Some(path) = joined else {
        return Target::Outside;
    };
    let path = crate::util::escape::percent_decode(&path).unwrap_or(path);
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    Target::Internal { path, fragment }
}

/// `mailto:`, `https:` and friends; a colon after `/`, `?` or `#` is not a scheme.
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(colon) => {
            let scheme = &url[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Removes `.` and `..` segments; `None` when `..` climbs above the root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut joined = parts.join("/");
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: Site = Site {
        base_url: "https://wijk.nl/",
        base_path: "/",
    };
    const SUB: Site = Site {
        base_url: "https://x.nl/szh/",
        base_path: "/szh/",
    };

    fn internal(path: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            path: path.into(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn root_relative_links_become_output_files() {
        assert_eq!(
            resolve("/meedoen/", "index.html", &ROOT),
            internal("meedoen/index.html", None)
        );
        assert_eq!(
            resolve("/", "a/index.html", &ROOT),
            internal("index.html", None)
        );
        assert_eq!(
            resolve("/agenda.ics?x=1", "index.html", &ROOT),
            internal("agenda.ics", None)
        );
    }

    #[test]
    fn the_base_path_must_be_there() {
        assert_eq!(
            resolve("/szh/a/#kop", "index.html", &SUB),
            internal("a/index.html", Some("kop"))
        );
        assert_eq!(
            resolve("/szh", "index.html", &SUB),
            internal("index.html", None)
        );
        assert_eq!(resolve("/a/", "index.html", &SUB), Target::Outside);
    }

    #[test]
    fn absolute_urls_of_the_site_itself_are_internal() {
        assert_eq!(
            resolve(
                "https://x.nl/szh/nieuwsbrief/a/",
                "nieuwsbrief/a/email.html",
                &SUB
            ),
            internal("nieuwsbrief/a/index.html", None)
        );
        assert_eq!(
            resolve("https://andere.nl/", "index.html", &SUB),
            Target::External
        );
    }

    #[test]
    fn relative_links_and_fragments_resolve_against_the_page() {
        assert_eq!(
            resolve("#een-keer", "meedoen/index.html", &ROOT),
            internal("meedoen/index.html", Some("een-keer"))
        );
        assert_eq!(
            resolve("../over/", "meedoen/index.html", &ROOT),
            internal("over/index.html", None)
        );
        assert_eq!(
            resolve("foto%20a.jpg", "a/index.html", &ROOT),
            internal("a/foto a.jpg", None)
        );
        assert_eq!(
            resolve("../../../x", "a/index.html", &ROOT),
            Target::Outside
        );
    }

    #[test]
    fn other_schemes_are_external() {
        for url in [
            "mailto:a@b.nl",
            "tel:+31301234567",
            "webcal://wijk.nl/agenda.ics",
            "//cdn.example/x.js",
            "http://wijk.nl.evil/",
        ] {
            assert_eq!(resolve(url, "index.html", &ROOT), Target::External, "{url}");
        }
    }
}
