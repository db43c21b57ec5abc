//! Atom feeds (RFC 4287), written with atom_syndication.
//!
//! Two feeds: `/nieuwsbrief/atom.xml`, one entry per newsletter edition,
//! and `/atom.xml`, everything new on the site (editions, pages with a date,
//! meetings announced, rounds decided), newest first, at most 50 entries.
//!
//! Entry ids never depend on file order: an edition's id is a tag URI made
//! of the site's host, the edition's date and its slug, so it survives
//! rebuilds and changes to other files. A feed's `updated` is its newest
//! entry's, never the clock. Dates are local midnight with their offset;
//! content is full HTML with absolute URLs.

use crate::content::config::SiteConfig;
use crate::content::dates;
use crate::formats::html_rewrite::{self, LinkBase};
use crate::model::Site;
use crate::model::newsletter::{self, Composed, EditionView};
use crate::model::pages::Page;
use crate::theme::Theme;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::Ui;
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};
use chrono::NaiveDate;
use rayon::prelude::*;
use tera::Context;

/// The site feed: everything new.
pub const SITE_FEED_PATH: &str = "/atom.xml";
/// The site feed holds at most this many entries.
pub const SITE_FEED_LIMIT: usize = 50;

/// One entry of a feed, from any section.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// Stable id: a tag URI or the permalink, never a file position.
    pub id: String,
    pub title: String,
    /// Absolute URL of the item's page.
    pub url: String,
    pub published: FixedDateTime,
    pub updated: FixedDateTime,
    /// Plain text.
    pub summary: String,
    /// Full HTML with absolute URLs.
    pub content_html: String,
}

/// What a feed says about itself.
#[derive(Debug, Clone)]
pub struct FeedMeta {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    /// Absolute URL of the feed itself.
    pub self_url: String,
    /// Absolute URL of the web page the feed follows.
    pub alternate_url: String,
    pub author_name: String,
    pub author_email: Option<String>,
    /// `nl`.
    pub lang: String,
}

/// A tag URI (RFC 4151): `tag:szh.example.nl,2026-01-20:nieuwsbrief/januari`.
pub fn tag_uri(config: &SiteConfig, date: NaiveDate, specific: &str) -> String {
    let host = config.host();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host);
    format!("tag:{host},{}:{specific}", date.format("%Y-%m-%d"))
}

/// Writes a feed: entries newest first (then by id), at most `limit`;
/// `updated` is the newest entry's (the Unix epoch for an empty feed).
pub fn atom(meta: &FeedMeta, mut items: Vec<FeedItem>, limit: usize) -> Result<String, String> {
    items.sort_by(|a, b| {
        (b.published, b.updated)
            .cmp(&(a.published, a.updated))
            .then_with(|| a.id.cmp(&b.id))
    });
    items.truncate(limit);
    let updated = items
        .iter()
        .map(|i| i.updated)
        .max()
        .unwrap_or(chrono::DateTime::UNIX_EPOCH.fixed_offset());
    let feed = Feed {
        id: xml_text(&meta.id),
        title: Text::plain(xml_text(&meta.title)),
        subtitle: Some(Text::plain(xml_text(&meta.subtitle))),
        updated,
        authors: vec![Person {
            name: xml_text(&meta.author_name),
            email: meta.author_email.as_deref().map(xml_text),
            ..Person::default()
        }],
        links: vec![
            link(&meta.self_url, "self", "application/atom+xml"),
            link(&meta.alternate_url, "alternate", "text/html"),
        ],
        lang: Some(xml_text(&meta.lang)),
        entries: items.iter().map(entry).collect(),
        ..Feed::default()
    };
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: Some(2),
    };
    let bytes = feed
        .write_with_config(Vec::new(), config)
        .map_err(|e| e.to_string())?;
    let mut xml = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    xml.push('\n');
    Ok(xml)
}

fn entry(item: &FeedItem) -> Entry {
    Entry {
        id: xml_text(&item.id),
        title: Text::plain(xml_text(&item.title)),
        updated: item.updated,
        published: Some(item.published),
        summary: (!item.summary.is_empty()).then(|| Text::plain(xml_text(&item.summary))),
        links: vec![link(&item.url, "alternate", "text/html")],
        content: Some(Content {
            value: Some(xml_text(&item.content_html)),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        href: xml_text(href),
        rel: rel.into(),
        mime_type: Some(mime_type.into()),
        ..Link::default()
    }
}

/// Text without the characters XML 1.0 cannot hold (and without DEL and
/// C1 controls, which it could but no reader wants). Content files with
/// such characters are refused when read; this keeps every other value
/// (site.yaml, computed text) from breaking a feed too.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (crate::util::escape::is_xml_char(c) && !c.is_control())
        })
        .collect()
}

/// Scheme and host of the site, for making root-relative links absolute.
pub fn origin(config: &SiteConfig) -> &str {
    let base = config.base_url.as_str();
    base.strip_suffix(config.base_path()).unwrap_or(base)
}

/// HTML of a page on the site, with every link absolute (for feeds).
pub fn absolute_html(html: &str, config: &SiteConfig, page_url: &str) -> String {
    html_rewrite::absolute_urls(
        html,
        LinkBase {
            origin: origin(config),
            page_url,
            keep_fragments: false,
        },
    )
}

/// The feed entry of an edition: its text plus its automatic sections.
pub fn edition_item(c: &Composed, config: &SiteConfig, sections_html: &str) -> FeedItem {
    let edition = c.edition;
    let date = dates::start_of_day(edition.date, config.time_zone());
    let html = format!("{}{}", edition.html, sections_html);
    FeedItem {
        id: edition_id(c, config),
        title: edition.title.clone(),
        url: edition.permalink.clone(),
        published: date,
        updated: date,
        summary: edition.summary.clone(),
        content_html: absolute_html(&html, config, &edition.permalink),
    }
}

/// The id of an edition's entry: it changes only with its date or slug.
fn edition_id(c: &Composed, config: &SiteConfig) -> String {
    let edition = c.edition;
    tag_uri(
        config,
        edition.date,
        &format!(
            "{}/{}",
            crate::content::folders::NEWSLETTER.dir,
            edition.slug
        ),
    )
}

/// The id of a dated page's entry.
fn page_id(page: &Page, date: NaiveDate, config: &SiteConfig) -> String {
    let specific = page.path.trim_matches('/');
    let specific = if specific.is_empty() {
        "home"
    } else {
        specific
    };
    tag_uri(config, date, specific)
}

/// The feed entry of a page with a date.
pub fn page_item(page: &Page, date: NaiveDate, config: &SiteConfig) -> FeedItem {
    let at = dates::start_of_day(date, config.time_zone());
    FeedItem {
        id: page_id(page, date, config),
        title: page.title.clone(),
        url: page.permalink.clone(),
        published: at,
        updated: at,
        summary: page.summary.clone(),
        content_html: absolute_html(&page.html, config, &page.permalink),
    }
}

/// `/nieuwsbrief/atom.xml`: every edition. It shows no page.
pub fn newsletter_feed(
    site: &Site,
    theme: &Theme,
    base: &Context,
    composed: &[Composed],
) -> Result<OutputFile, Diagnostics> {
    let config = &site.config;
    let rendered: Vec<Result<FeedItem, Diagnostic>> = composed
        .par_iter()
        .map(|c| rendered_edition_item(c, theme, base, config))
        .collect();
    let mut problems = Diagnostics::new();
    let mut editions = Vec::new();
    for result in rendered {
        match result {
            Ok(item) => editions.push(item),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    editions.retain(|i| not_after_build(i.published, i.updated, site));
    let meta = FeedMeta {
        id: config.absolute_url(newsletter::FEED_PATH),
        title: format!("{} · {}", theme.strings().get(Ui::Newsletter), config.title),
        subtitle: theme.strings().get(Ui::NewsletterFeedSubtitle).to_string(),
        self_url: config.absolute_url(newsletter::FEED_PATH),
        alternate_url: config.absolute_url(newsletter::ARCHIVE_PATH),
        author_name: author_name(config),
        author_email: Some(config.contact.email.clone()),
        lang: config.language.clone(),
    };
    feed_file(newsletter::FEED_PATH, &meta, editions, usize::MAX)
}

/// `/atom.xml`: everything new on the site (editions, pages with a date,
/// meetings, decided rounds), at most [`SITE_FEED_LIMIT`] entries. Only
/// the entries that make the cut are written out in full: a site of
/// thousands of dated pages costs no more than one of fifty.
pub fn site_feed(
    site: &Site,
    theme: &Theme,
    base: &Context,
    composed: &[Composed],
) -> Result<OutputFile, Diagnostics> {
    let config = &site.config;
    let mut candidates: Vec<Candidate> = composed
        .iter()
        .map(|c| Candidate::edition(c, config))
        .collect();
    candidates.extend(
        site.all_pages()
            .filter_map(|page| Candidate::page(page, config)),
    );
    candidates.extend(
        site.section_feed_items(theme.strings())
            .into_iter()
            .map(Candidate::ready),
    );
    let items = newest(candidates, SITE_FEED_LIMIT, site, theme, base)?;
    let meta = FeedMeta {
        id: config.absolute_url(SITE_FEED_PATH),
        title: config.title.clone(),
        subtitle: theme.strings().get(Ui::SiteFeedSubtitle).to_string(),
        self_url: config.absolute_url(SITE_FEED_PATH),
        alternate_url: config.absolute_url("/"),
        author_name: author_name(config),
        author_email: Some(config.contact.email.clone()),
        lang: config.language.clone(),
    };
    feed_file(SITE_FEED_PATH, &meta, items, SITE_FEED_LIMIT)
}

/// Whether an entry dated `published` and `updated` may be in a feed of
/// the build of `site`: neither is after the build time.
pub fn not_after_build(published: FixedDateTime, updated: FixedDateTime, site: &Site) -> bool {
    let now = site.build_time;
    published.with_timezone(&chrono::Utc) <= now && updated.with_timezone(&chrono::Utc) <= now
}

/// A possible entry of the site feed, with what orders it.
pub(crate) struct Candidate<'a> {
    published: FixedDateTime,
    updated: FixedDateTime,
    id: String,
    source: Source<'a>,
}

impl<'a> Candidate<'a> {
    /// An edition, rendered only if it makes the cut.
    pub(crate) fn edition(c: &'a Composed<'a>, config: &SiteConfig) -> Self {
        let at = dates::start_of_day(c.edition.date, config.time_zone());
        Candidate::new(at, at, edition_id(c, config), Source::Edition(c))
    }

    /// A page with a date (`None` without), written out only if it makes
    /// the cut.
    pub(crate) fn page(page: &'a Page, config: &SiteConfig) -> Option<Self> {
        let date = page.date?;
        let at = dates::start_of_day(date, config.time_zone());
        Some(Candidate::new(
            at,
            at,
            page_id(page, date, config),
            Source::Page(page, date),
        ))
    }

    /// An entry already made.
    pub(crate) fn ready(item: FeedItem) -> Self {
        Candidate::new(
            item.published,
            item.updated,
            item.id.clone(),
            Source::Ready(item),
        )
    }

    fn new(
        published: FixedDateTime,
        updated: FixedDateTime,
        id: String,
        source: Source<'a>,
    ) -> Self {
        Candidate {
            published,
            updated,
            id,
            source,
        }
    }
}

/// What a candidate becomes once it makes the cut.
/// The newest `limit` of `candidates` that are not dated after the build,
/// in the order of `atom` (newest first, then by id), written out in full:
/// only the entries that make the cut cost their rendering.
pub(crate) fn newest(
    mut candidates: Vec<Candidate>,
    limit: usize,
    site: &Site,
    theme: &Theme,
    base: &Context,
) -> Result<Vec<FeedItem>, Diagnostics> {
    let config = &site.config;
    // Never an entry dated after the build (a future edition, page date or
    // decision waits for a build on or after its day).
    candidates.retain(|c| not_after_build(c.published, c.updated, site));
    candidates.sort_by(|a, b| {
        (b.published, b.updated)
            .cmp(&(a.published, a.updated))
            .then_with(|| a.id.cmp(&b.id))
    });
    candidates.truncate(limit);
    let mut problems = Diagnostics::new();
    let mut items = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        match candidate.source {
            Source::Edition(c) => match rendered_edition_item(c, theme, base, config) {
                Ok(item) => items.push(item),
                Err(d) => problems.push(d),
            },
            Source::Page(page, date) => items.push(page_item(page, date, config)),
            Source::Ready(item) => items.push(item),
        }
    }
    match problems.has_errors() {
        true => Err(problems),
        false => Ok(items),
    }
}

enum Source<'a> {
    Edition(&'a Composed<'a>),
    Page(&'a Page, NaiveDate),
    Ready(FeedItem),
}

/// An edition's entry with its automatic sections rendered.
pub(crate) fn rendered_edition_item(
    c: &Composed,
    theme: &Theme,
    base: &Context,
    config: &SiteConfig,
) -> Result<FeedItem, Diagnostic> {
    let mut ctx = base.clone();
    ctx.insert("edition", &EditionView::new(c, config));
    let sections = theme.render("partials/newsletter_sections.html", &ctx, &c.edition.source)?;
    Ok(edition_item(c, config, &sections))
}

pub(crate) fn author_name(config: &SiteConfig) -> String {
    config.contact.name.clone().unwrap_or(config.title.clone())
}

/// The Atom document as an output file, or the problem.
pub(crate) fn feed_file(
    path: &str,
    meta: &FeedMeta,
    items: Vec<FeedItem>,
    limit: usize,
) -> Result<OutputFile, Diagnostics> {
    atom(meta, items, limit)
        .map(|xml| OutputFile::bytes(path.trim_start_matches('/'), xml))
        .map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                path.trim_start_matches('/'),
                format!("kan de feed niet maken: {e}"),
            )
            .hint("meld dit aan de beheerder van wijksite")])
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    use crate::model::test_support::config_at as config;

    fn meta() -> FeedMeta {
        FeedMeta {
            id: "https://x.nl/atom.xml".into(),
            title: "T".into(),
            subtitle: "S".into(),
            self_url: "https://x.nl/atom.xml".into(),
            alternate_url: "https://x.nl/".into(),
            author_name: "A".into(),
            author_email: None,
            lang: "nl".into(),
        }
    }

    fn item(id: &str, published: &str) -> FeedItem {
        let at = DateTime::parse_from_rfc3339(published).unwrap();
        FeedItem {
            id: id.into(),
            title: id.into(),
            url: format!("https://x.nl/{id}/"),
            published: at,
            updated: at,
            summary: String::new(),
            content_html: "<p>x</p>".into(),
        }
    }

    #[test]
    fn tag_uris_use_the_host_without_port_and_the_date() {
        let date = dates::parse_date("2026-01-20").unwrap();
        assert_eq!(
            tag_uri(&config("https://x.nl/sub/"), date, "nieuwsbrief/januari"),
            "tag:x.nl,2026-01-20:nieuwsbrief/januari"
        );
        assert_eq!(
            tag_uri(&config("http://127.0.0.1:1111"), date, "a"),
            "tag:127.0.0.1,2026-01-20:a"
        );
    }

    #[test]
    fn entries_run_newest_first_and_the_feed_is_as_new_as_its_newest() {
        let xml = atom(
            &meta(),
            vec![
                item("oud", "2026-01-01T00:00:00+01:00"),
                item("nieuw", "2026-06-01T00:00:00+02:00"),
                item("midden", "2026-03-01T00:00:00+01:00"),
            ],
            2,
        )
        .unwrap();
        let nieuw = xml.find("<id>nieuw</id>").unwrap();
        let midden = xml.find("<id>midden</id>").unwrap();
        assert!(nieuw < midden, "{xml}");
        assert!(!xml.contains("<id>oud</id>"), "the limit drops the oldest");
        assert!(
            xml.contains("<updated>2026-06-01T00:00:00+02:00</updated>"),
            "{xml}"
        );
        assert!(xml.contains(r#"xml:lang="nl""#), "{xml}");
    }

    #[test]
    fn an_empty_feed_has_a_fixed_updated_time() {
        let xml = atom(&meta(), Vec::new(), 50).unwrap();
        assert!(
            xml.contains("<updated>1970-01-01T00:00:00+00:00</updated>"),
            "{xml}"
        );
    }

    #[test]
    fn control_characters_are_left_out_and_markup_is_escaped() {
        let mut i = item("a", "2026-01-01T00:00:00+01:00");
        i.title = "Koffie\u{1} & <script>]]>".into();
        let xml = atom(&meta(), vec![i], 50).unwrap();
        assert!(
            xml.contains("<title>Koffie &amp; &lt;script&gt;]]&gt;</title>"),
            "{xml}"
        );
    }

    #[test]
    fn noncharacters_xml_forbids_are_left_out_of_every_field() {
        let mut i = item("a\u{ffff}", "2026-01-01T00:00:00+01:00");
        i.title = "Koffie\u{ffff}ochtend\u{fffe}".into();
        i.summary = "kort\u{ffff}".into();
        i.content_html = "<p>lang\u{fffe}</p>".into();
        i.url = "https://szh.example.nl/a\u{ffff}/".into();
        let mut m = meta();
        m.title = "SZH\u{ffff}".into();
        m.subtitle = "Sub\u{fffe}".into();
        m.author_name = "Redactie\u{ffff}".into();
        let xml = atom(&m, vec![i], 50).unwrap();
        assert!(!xml.contains(['\u{fffe}', '\u{ffff}']), "{xml}");
        assert!(xml.contains("<title>Koffieochtend</title>"), "{xml}");
    }

    #[test]
    fn edition_entries_carry_the_automatic_sections_with_absolute_links() {
        use crate::model::newsletter::{self, test_support};
        let mut site = test_support::site(vec![test_support::edition("juni", "2026-06-01")]);
        site.build_time = "2026-06-02T00:00:00Z".parse().unwrap();
        let agenda = [test_support::meeting("Wijkavond", "2026-06-09 17:30", &[])];
        let rounds = [test_support::round("Ronde 1", "2026-04-15")];
        let composed = newsletter::compose(
            &site.editions,
            &agenda,
            &rounds,
            &[],
            site.config.time_zone(),
        );
        let (theme, base) = test_support::theme_and_base(&site);
        let files = [
            newsletter_feed(&site, &theme, &base, &composed).unwrap(),
            site_feed(&site, &theme, &base, &composed).unwrap(),
        ];
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["nieuwsbrief/atom.xml", "atom.xml"]);
        for file in &files {
            let crate::theme::output_file::Data::Bytes(bytes) = &file.data else {
                unreachable!()
            };
            let xml = String::from_utf8_lossy(bytes);
            assert!(xml.contains("Komende bijeenkomsten"), "{xml}");
            assert!(
                xml.contains("href=&quot;https://x.nl/sub/bijeenkomsten/wijkavond/&quot;"),
                "{xml}"
            );
            assert!(xml.contains("Besloten projecten"), "{xml}");
            assert!(
                xml.contains("<id>tag:x.nl,2026-06-01:nieuwsbrief/juni</id>"),
                "{xml}"
            );
        }
    }

    #[test]
    fn no_entry_is_dated_after_the_build() {
        use crate::model::newsletter::{self, test_support};
        let mut site = test_support::site(vec![
            test_support::edition("juni", "2026-06-01"),
            test_support::edition("juli", "2026-07-01"),
        ]);
        site.build_time = "2026-06-15T00:00:00Z".parse().unwrap();
        let composed = newsletter::compose(&site.editions, &[], &[], &[], site.config.time_zone());
        let (theme, base) = test_support::theme_and_base(&site);
        for file in [
            newsletter_feed(&site, &theme, &base, &composed).unwrap(),
            site_feed(&site, &theme, &base, &composed).unwrap(),
        ] {
            let crate::theme::output_file::Data::Bytes(bytes) = &file.data else {
                unreachable!()
            };
            let xml = String::from_utf8_lossy(bytes);
            assert!(xml.contains("nieuwsbrief/juni"), "{xml}");
            assert!(!xml.contains("nieuwsbrief/juli"), "{xml}");
        }
    }

    #[test]
    fn the_origin_is_the_base_url_without_its_path() {
        assert_eq!(origin(&config("https://x.nl/sub/")), "https://x.nl");
        assert_eq!(origin(&config("https://x.nl")), "https://x.nl");
    }
}
