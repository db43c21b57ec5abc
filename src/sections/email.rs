//! The newsletter as email: `/nieuwsbrief/<slug>/email.html` and
//! `/nieuwsbrief/<slug>/email.txt`, for the mailing tool to import.
//!
//! Email clients are not browsers: the HTML version is self-contained —
//! inline styles only, a table layout at most 600 px wide, no `<link>` or
//! `<script>`, only absolute URLs, images with alt text, a hidden preheader
//! (the summary), a link to the web version and a plain-Dutch footer — and
//! stays under 100 KB (Gmail cuts longer emails off). The plain-text
//! version writes every link out. Layout and wording are the theme's
//! templates `newsletter/email.html` and `newsletter/email.txt`.

use crate::content::config::SiteConfig;
use crate::content::markdown;
use crate::formats::html_rewrite::{self, LinkBase};
use crate::model::newsletter::{self, Composed, EditionView};
use crate::sections::feeds;
use crate::theme::Theme;
use crate::theme::output_file::OutputFile;
use crate::theme::strings::Ui;
use crate::util::diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use tera::Context;

/// Emails must stay below this size (Gmail clips at 102 KB).
pub const MAX_EMAIL_BYTES: usize = 100 * 1024;

/// Inline CSS for the elements of an edition's text. Large, high-contrast
/// text for older readers; colours match the site's light theme.
fn body_style(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "h1" => "font-size:26px;line-height:1.25;margin:24px 0 12px;color:#1b1b1b;",
        "h2" => "font-size:22px;line-height:1.3;margin:28px 0 10px;color:#1b1b1b;",
        "h3" | "h4" | "h5" | "h6" => {
            "font-size:19px;line-height:1.3;margin:24px 0 8px;color:#1b1b1b;"
        }
        "p" => "margin:0 0 16px;",
        "a" => "color:#0b4f9c;text-decoration:underline;",
        "ul" | "ol" => "margin:0 0 16px;padding-left:24px;",
        "li" => "margin:0 0 8px;",
        "blockquote" => "margin:0 0 16px;padding:0 0 0 16px;border-left:4px solid #6b6b6b;",
        "table" => "border-collapse:collapse;margin:0 0 16px;",
        "th" => {
            "border:1px solid #6b6b6b;padding:6px 8px;text-align:left;background-color:#f4f6f8;"
        }
        "td" => "border:1px solid #6b6b6b;padding:6px 8px;text-align:left;vertical-align:top;",
        "img" => "max-width:100%;height:auto;border:0;",
        "hr" => "border:0;border-top:1px solid #6b6b6b;margin:24px 0;",
        "pre" => "white-space:pre-wrap;background-color:#f4f6f8;padding:12px;",
        _ => return None,
    })
}

/// The edition's text as email HTML: absolute URLs (anchors stay inside
/// the email), inline styles, and an alt attribute on every image.
pub fn body_html(html: &str, config: &SiteConfig, page_url: &str) -> String {
    let absolute = html_rewrite::absolute_urls(html, link_base(config, page_url));
    let styled = html_rewrite::inline_styles(&absolute, body_style);
    html_rewrite::rewrite_start_tags(&styled, |tag| {
        if tag.name.eq_ignore_ascii_case("img") && !tag.has_attr("alt") {
            tag.set_attr("alt", String::new());
        }
    })
}

/// The edition's text as plain text, every link written out absolute.
/// Links with an unsafe scheme (`javascript:`) are left out.
pub fn body_text(markdown_text: &str, config: &SiteConfig, page_url: &str) -> String {
    let base = link_base(config, page_url);
    let resolve = |url: &str| -> Option<String> {
        let url = url.trim();
        if !markdown::is_safe_url(url) {
            return None;
        }
        if url.starts_with('/') && !url.starts_with("//") {
            // A site path as the editor wrote it: without the base path.
            return Some(config.absolute_url(url));
        }
        Some(html_rewrite::absolute_url(
            url,
            LinkBase {
                keep_fragments: false,
                ..base
            },
        ))
    };
    markdown::to_plain_text_with_urls(markdown_text, &resolve)
}

/// Links of the email's HTML body that its plain text does not write out
/// (raw HTML in the Markdown has no plain-text form), in order, once each.
pub fn links_missing_from(text: &str, html: &str) -> Vec<String> {
    let mut missing: Vec<String> = Vec::new();
    html_rewrite::rewrite_start_tags(html, |tag| {
        for name in ["href", "src"] {
            let Some(url) = tag.attr(name) else { continue };
            let url = unescape(url);
            let shown = url.strip_prefix("mailto:").unwrap_or(&url);
            let external = html_rewrite::has_scheme(&url);
            if external && !text.contains(shown) && !missing.contains(&url) {
                missing.push(url);
            }
        }
    });
    missing
}

/// Decodes the entities our HTML writers put in attribute values.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn link_base<'a>(config: &'a SiteConfig, page_url: &'a str) -> LinkBase<'a> {
    LinkBase {
        origin: feeds::origin(config),
        page_url,
        keep_fragments: true,
    }
}

/// Both emails of every edition. `base` is the context every template gets.
pub fn files(
    config: &SiteConfig,
    theme: &Theme,
    base: &Context,
    composed: &[Composed],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let rendered: Vec<Result<[OutputFile; 2], Diagnostic>> = composed
        .par_iter()
        .map(|c| render(config, theme, base, c))
        .collect();
    let mut problems = Diagnostics::new();
    let mut files = Vec::with_capacity(rendered.len() * 2);
    for result in rendered {
        match result {
            Ok(pair) => files.extend(pair),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

/// email.html and email.txt of one edition.
fn render(
    config: &SiteConfig,
    theme: &Theme,
    base: &Context,
    c: &Composed,
) -> Result<[OutputFile; 2], Diagnostic> {
    let edition = c.edition;
    let mut ctx = base.clone();
    ctx.insert("edition", &EditionView::new(c, config));
    let html_body = body_html(&edition.html, config, &edition.permalink);
    let mut text_body = body_text(&edition.markdown, config, &edition.permalink);
    let missing = links_missing_from(&text_body, &html_body);
    if !missing.is_empty() {
        text_body.push_str(&format!("\n\n{}:", theme.strings().get(Ui::EmailMoreLinks)));
        for url in missing {
            text_body.push_str(&format!("\n- {url}"));
        }
    }
    ctx.insert("body_html", &html_body);
    ctx.insert("body_text", &text_body);
    ctx.insert(
        "archive_permalink",
        &config.absolute_url(newsletter::ARCHIVE_PATH),
    );
    let html = theme.render("newsletter/email.html", &ctx, &edition.source)?;
    // Whatever a (custom) template wrote, links in an email are absolute.
    let html = html_rewrite::absolute_urls(&html, link_base(config, &edition.permalink));
    if html.len() >= MAX_EMAIL_BYTES {
        return Err(Diagnostic::error(
            &edition.source,
            format!(
                "de e-mail van deze nieuwsbrief is te groot ({} KB; de grens is {} KB)",
                html.len().div_ceil(1024),
                MAX_EMAIL_BYTES / 1024
            ),
        )
        .hint("Gmail knipt langere e-mails af; maak de tekst korter of verdeel hem over twee nieuwsbrieven"));
    }
    let text = theme.render("newsletter/email.txt", &ctx, &edition.source)?;
    let dir = edition.path.trim_start_matches('/');
    Ok([
        OutputFile::bytes(format!("{dir}email.html"), html),
        OutputFile::bytes(format!("{dir}email.txt"), text),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        crate::model::test_support::config_at("https://x.nl/sub/")
    }

    const PAGE: &str = "https://x.nl/sub/nieuwsbrief/maart/";

    #[test]
    fn the_body_gets_absolute_urls_inline_styles_and_alt_texts() {
        let html = "<h2 id=\"kop\">Kop</h2><p><a href=\"/sub/meedoen/\">Meedoen</a> \
                    <a href=\"#kop\">boven</a> <img src=\"foto.jpg\"></p>";
        let out = body_html(html, &config(), PAGE);
        assert!(
            out.contains("<h2 id=\"kop\" style=\"font-size:22px;"),
            "{out}"
        );
        assert!(
            out.contains("href=\"https://x.nl/sub/meedoen/\" style=\"color:#0b4f9c;"),
            "{out}"
        );
        assert!(
            out.contains("href=\"#kop\""),
            "anchors stay in the email: {out}"
        );
        assert!(
            out.contains("src=\"https://x.nl/sub/nieuwsbrief/maart/foto.jpg\""),
            "{out}"
        );
        assert!(out.contains("alt=\"\""), "{out}");
    }

    #[test]
    fn the_automatic_sections_are_in_both_emails() {
        use crate::model::newsletter::test_support;
        let site = test_support::site(vec![
            test_support::edition("juni", "2026-06-01"),
            test_support::edition("maart", "2026-03-02"),
        ]);
        let agenda = [test_support::meeting(
            "Wijkavond & koffie",
            "2026-06-09 17:30",
            &[],
        )];
        let rounds = [test_support::round("Ronde 1", "2026-04-15")];
        let composed = newsletter::compose(
            &site.editions,
            &agenda,
            &rounds,
            &[],
            site.config.time_zone(),
        );
        let (theme, base) = test_support::theme_and_base(&site);
        let [html, text] = render(&site.config, &theme, &base, &composed[0]).unwrap();
        let (html, text) = (text_of(&html), text_of(&text));
        for (what, part) in [("html", &html), ("text", &text)] {
            assert!(part.contains("Komende bijeenkomsten"), "{what}: {part}");
            assert!(
                part.contains("https://x.nl/sub/bijeenkomsten/wijkavond-en-koffie/"),
                "{what}: {part}"
            );
            assert!(part.contains("Besloten projecten"), "{what}: {part}");
            assert!(
                part.contains("https://x.nl/sub/projecten/ronde-1/"),
                "{what}: {part}"
            );
            assert!(
                part.contains("3 projecten kregen geld, samen € 12.345,00"),
                "{what}: {part}"
            );
        }
        assert!(html.contains("Wijkavond &amp; koffie"), "{html}");
        assert!(text.contains("Wijkavond & koffie"), "{text}");
        // The older edition has neither: the meeting is too late, the round too late.
        let [older, _] = render(&site.config, &theme, &base, &composed[1]).unwrap();
        assert!(!text_of(&older).contains("Komende bijeenkomsten"));
    }

    fn text_of(file: &OutputFile) -> String {
        match &file.data {
            crate::theme::output_file::Data::Bytes(bytes) => {
                String::from_utf8_lossy(bytes).into_owned()
            }
            other => panic!("expected bytes, got {other:?}"),
        }
    }

    #[test]
    fn links_only_the_html_has_are_found_once() {
        let html = "<p><img src=\"https://x.nl/a.jpg?x=1&amp;y=2\" alt=\"\"> \
                    <a href=\"https://x.nl/b/\">b</a> <a href=\"https://x.nl/b/\">b</a> \
                    <a href=\"mailto:info@x.nl\">mail</a> <a href=\"#kop\">kop</a></p>";
        assert_eq!(
            links_missing_from("b (https://x.nl/b/)", html),
            ["https://x.nl/a.jpg?x=1&y=2", "mailto:info@x.nl"]
        );
        assert!(
            links_missing_from("https://x.nl/a.jpg?x=1&y=2 https://x.nl/b/ info@x.nl", html)
                .is_empty()
        );
    }

    #[test]
    fn the_plain_text_writes_every_link_out_absolute() {
        let text = body_text(
            "Zie [de agenda](/bijeenkomsten/) en [boven](#kop), [x](javascript:alert(1)).",
            &config(),
            PAGE,
        );
        assert_eq!(
            text,
            "Zie de agenda (https://x.nl/sub/bijeenkomsten/) en boven \
             (https://x.nl/sub/nieuwsbrief/maart/#kop), x."
        );
    }
}
