//! Which bytes answer which URL in the preview server.
//!
//! Pure functions over the in-memory site (path → bytes), so every rule
//! is tested without a socket: `/x/` serves `x/index.html`, `/x` redirects
//! to `/x/` when that page exists, anything unknown gets the site's own
//! 404 page with status 404, and paths that try to climb out (`..`) are
//! refused. HTML answers get the live-reload script, and only in serve mode,
//! because only the server adds it.

/// The built site in memory: output path (`meedoen/index.html`) → bytes.
use crate::build::incremental::Files;

/// Where the server's own files live; no site path can start with this.
pub const PREFIX: &str = "/__wijksite/";
pub const EVENTS: &str = "/__wijksite/events";
pub const SCRIPT: &str = "/__wijksite/live.js";
pub const PROBLEMS: &str = "/__wijksite/problems";

/// The live-reload and error-overlay script, served at [`SCRIPT`].
pub const LIVE_JS: &str = include_str!("live.js");

/// Whether a request's `Host` header names this server: `localhost`, a
/// loopback address (127.0.0.0/8, `[::1]`) or the address it is bound to,
/// with any port. When bound to all addresses (`0.0.0.0`, `::`), any IP
/// address is accepted, as the server has no list of its own.
///
/// Other names are refused so a web page cannot read the preview through
/// DNS rebinding (its own name pointed at 127.0.0.1): that needs a name,
/// never an IP address.
pub fn host_allowed(host: Option<&str>, bind: std::net::IpAddr) -> bool {
    use std::net::IpAddr;
    let Some(host) = host.map(str::trim) else {
        return false;
    };
    let name = if let Ok(ip) = host.parse::<IpAddr>() {
        return ip.is_loopback() || ip == bind || bind.is_unspecified();
    } else if let Some(rest) = host.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(is_port)) {
            return false;
        }
        inside
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        }
    };
    if name.eq_ignore_ascii_case("localhost") || name.eq_ignore_ascii_case("localhost.") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bind || bind.is_unspecified(),
        Err(_) => false,
    }
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// What a request path resolves to in the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The output file with this key.
    File(String),
    /// A directory index exists: send the browser to this URL.
    Redirect(String),
    NotFound,
    /// A path with `..`, a NUL byte or broken percent-encoding.
    Invalid,
}

/// An HTTP answer, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: text.as_bytes().to_vec(),
        }
    }
}

/// Finds the file for a request URL (path and optional query).
pub fn resolve(files: &Files, url: &str) -> Resolved {
    let (path, query) = url
        .split_once('?')
        .map_or((url, None), |(p, q)| (p, Some(q)));
    let path = path.split('#').next().unwrap_or("");
    let Some(decoded) = crate::util::escape::percent_decode(path) else {
        return Resolved::Invalid;
    };
    if !decoded.starts_with('/') || decoded.contains(['\0', '\\']) {
        return Resolved::Invalid;
    }
    let relative = &decoded[1..];
    if relative
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Resolved::Invalid;
    }
    let key = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    if files.contains_key(key.as_str()) {
        return Resolved::File(key);
    }
    if !relative.is_empty() && !relative.ends_with('/') {
        let index = format!("{relative}/index.html");
        if files.contains_key(index.as_str()) {
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            return Resolved::Redirect(format!("{path}/{query}"));
        }
    }
    Resolved::NotFound
}

/// The full answer for a GET of `url`, with the script tag injected into
/// HTML. `version` is the site version the page was served from.
pub fn respond(files: &Files, url: &str, version: u64) -> Reply {
    match resolve(files, url) {
        Resolved::File(key) => {
            let body = files
                .get(key.as_str())
                .map(|b| b.to_vec())
                .unwrap_or_default();
            file_reply(200, &key, body, version)
        }
        Resolved::Redirect(location) => Reply {
            status: 301,
            content_type: "text/plain; charset=utf-8",
            location: Some(location.clone()),
            body: format!("Deze pagina staat op {location}\n").into_bytes(),
        },
        Resolved::NotFound => match files.get("404.html") {
            Some(page) => file_reply(404, "404.html", page.to_vec(), version),
            None => Reply::text(404, "Deze pagina bestaat niet.\n"),
        },
        Resolved::Invalid => Reply::text(400, "Dit adres is ongeldig.\n"),
    }
}

/// The page shown while no build has succeeded yet: the overlay explains why.
pub fn no_site_yet(version: u64) -> Reply {
    let html = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
        <title>De site is nog niet gebouwd</title>\n</head>\n<body>\n<main>\n\
        <h1>De site is nog niet gebouwd</h1>\n<p>Er staat een fout in de inhoud. \
        Herstel de fout en sla het bestand op: deze pagina ververst dan vanzelf.</p>\n\
        </main>\n</body>\n</html>\n";
    file_reply(503, "index.html", html.as_bytes().to_vec(), version)
}

fn file_reply(status: u16, key: &str, body: Vec<u8>, version: u64) -> Reply {
    let content_type = content_type(key);
    let body = if content_type.starts_with("text/html") {
        inject_script(body, version)
    } else {
        body
    };
    Reply {
        status,
        content_type,
        location: None,
        body,
    }
}

/// Puts the live-reload script tag before the last `</body>` (or at the end).
pub fn inject_script(mut html: Vec<u8>, version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-version=\"{version}\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// The Content-Type for an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" if name == "atom.xml" => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Files {
        [
            ("index.html", "<html><body>home</body></html>"),
            ("meedoen/index.html", "<html><body>meedoen</body></html>"),
            ("404.html", "<html><body>niet gevonden</body></html>"),
            ("style.css", "body{}"),
            ("verslagen/a b.txt", "verslag"),
        ]
        .into_iter()
        .map(|(k, v)| (std::sync::Arc::from(k), std::sync::Arc::from(v.as_bytes())))
        .collect()
    }

    #[test]
    fn directories_serve_their_index() {
        assert_eq!(resolve(&site(), "/"), Resolved::File("index.html".into()));
        assert_eq!(
            resolve(&site(), "/meedoen/?x=1"),
            Resolved::File("meedoen/index.html".into())
        );
    }

    #[test]
    fn a_directory_without_slash_redirects_keeping_the_query() {
        assert_eq!(
            resolve(&site(), "/meedoen?x=1"),
            Resolved::Redirect("/meedoen/?x=1".into())
        );
        let reply = respond(&site(), "/meedoen", 1);
        assert_eq!(reply.status, 301);
        assert_eq!(reply.location.as_deref(), Some("/meedoen/"));
    }

    #[test]
    fn unknown_paths_get_the_sites_404_page_with_status_404() {
        let reply = respond(&site(), "/bestaat-niet/", 1);
        assert_eq!(reply.status, 404);
        assert!(String::from_utf8_lossy(&reply.body).contains("niet gevonden"));
    }

    #[test]
    fn climbing_out_of_the_site_is_refused() {
        for url in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/%2E%2E/x",
            "/a/./b",
            "/x%00",
            "/x%zz",
            "/a\\b",
        ] {
            assert_eq!(resolve(&site(), url), Resolved::Invalid, "{url}");
        }
        assert_eq!(respond(&site(), "/../x", 1).status, 400);
    }

    #[test]
    fn escaped_names_are_decoded() {
        assert_eq!(
            resolve(&site(), "/verslagen/a%20b.txt"),
            Resolved::File("verslagen/a b.txt".into())
        );
    }

    #[test]
    fn only_html_gets_the_script_before_the_body_end() {
        let page = respond(&site(), "/", 7);
        let html = String::from_utf8(page.body).unwrap();
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        assert!(
            html.ends_with(
                "home<script src=\"/__wijksite/live.js\" data-version=\"7\"></script>\n</body></html>"
            ),
            "{html}"
        );
        let css = respond(&site(), "/style.css", 7);
        assert_eq!(css.body, b"body{}");
        assert_eq!(css.content_type, "text/css; charset=utf-8");
    }

    #[test]
    fn only_local_host_names_are_accepted() {
        let loopback: std::net::IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.8.9.10:80",
            "localhost",
            "LocalHost:1111",
            "[::1]",
            "[::1]:1111",
            "::1",
        ] {
            assert!(host_allowed(Some(host), loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.nip.io",
            "localhost.evil.example",
            "192.168.1.5:1111",
            "[::1",
            "127.0.0.1:http",
            "",
        ] {
            assert!(!host_allowed(Some(host), loopback), "{host}");
        }
        assert!(!host_allowed(None, loopback));

        let lan: std::net::IpAddr = "192.168.1.5".parse().unwrap();
        assert!(host_allowed(Some("192.168.1.5:1111"), lan));
        assert!(!host_allowed(Some("192.168.1.6"), lan));
        let all: std::net::IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed(Some("10.0.0.7:1111"), all));
        assert!(!host_allowed(Some("wijk.example:1111"), all));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("agenda.ics"), "text/calendar; charset=utf-8");
        assert_eq!(
            content_type("feeds/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("a/qr.SVG"), "image/svg+xml");
        assert_eq!(content_type("foto.jpeg"), "image/jpeg");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
