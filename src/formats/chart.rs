//! Horizontal bar charts of money (per wijk, per priority) as inline SVG.
//!
//! The chart is made at build time and needs no JavaScript. It is built to be
//! read by everyone:
//!
//! * `role="img"` with a `<title>` and a `<desc>` that it is labelled by; the
//!   description ends with every bar's label and amounts as sentences, so a
//!   screen reader gets the data, not just "a chart".
//! * Every label and amount is written as text in the chart, in Dutch format.
//! * The second series is hatched as well as differently coloured, and a
//!   legend names both series: nothing depends on colour alone.
//! * Text colour has a contrast of at least 4.5:1 and bar colours of at least
//!   3:1 against white (tested).
//! * A `viewBox` and `width="100%"` let it scale with the page.
//!
//! Output is deterministic and every coordinate is an integer: bar widths
//! are computed from cents in integer arithmetic.

use crate::util::escape;
use crate::util::money::Euros;
use std::fmt::Write;

/// One bar: a label and an amount, optionally with a second amount drawn
/// below it (for example granted and spent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: Euros,
    pub secondary: Option<Euros>,
    /// A remark on the secondary amount, written on a line of its own
    /// below the bar, e.g. "besteed: van 3 van de 6 projecten bekend".
    pub secondary_note: Option<String>,
}

/// The texts of a chart. All of them end up on the site, so they are Dutch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chart<'a> {
    /// Prefix for the ids inside the SVG (`<prefix>-title`, `<prefix>-desc`,
    /// `<prefix>-arcering`). Must differ between charts on one page.
    /// Characters other than ASCII letters, digits, `-` and `_` become `-`.
    pub id_prefix: &'a str,
    /// Short name of the chart, e.g. "Toegekend en besteed per wijk".
    pub title: &'a str,
    /// One or two sentences on what the chart shows; the data is appended.
    pub desc: &'a str,
    /// Name of the [`Bar::value`] series in the legend, e.g. "Toegekend".
    pub value_name: &'a str,
    /// Name of the [`Bar::secondary`] series, e.g. "Besteed". Only shown
    /// when a bar has a secondary amount.
    pub secondary_name: &'a str,
    /// Written instead of an amount when a bar has no secondary amount
    /// while others do: unknown is not zero, so no "€ 0,00".
    pub secondary_unknown: &'a str,
}

/// Width of the `viewBox`. Narrow, so that the 14-unit text is at least
/// 12 CSS px on a phone 360 px wide (the theme keeps the chart about
/// 320 px wide there and at most 26rem on wide screens).
const VIEW_WIDTH: i64 = 340;
/// Width of the largest bar; amounts are written to the right of it, in
/// the 102 units left: room for "€ 123.456,00".
const FULL_BAR: i64 = 230;
const AMOUNT_X: i64 = FULL_BAR + 8;
const BAR_HEIGHT: i64 = 18;
/// Height of a line of text above a bar (font size 14).
const LINE_HEIGHT: i64 = 20;
const ROW_GAP: i64 = 14;
const LEGEND_HEIGHT: i64 = 30;
/// Labels longer than this many characters are cut off with `…`; the full
/// label is still in the description.
const MAX_LABEL_CHARS: usize = 44;

/// Text: 17.4:1 against white.
const TEXT_COLOUR: &str = "#1a1a1a";
/// The value series, solid: 8.4:1 against white.
const VALUE_COLOUR: &str = "#1d4e89";
/// The secondary series, a solid edge around a hatched inside: 4.8:1.
const SECONDARY_COLOUR: &str = "#b35900";

/// A horizontal bar chart of `bars` as an inline `<svg>` element.
///
/// The largest amount gets the full bar width and the others a width in
/// proportion, rounded to whole units; a positive amount is at least one
/// unit wide. Negative amounts get no bar, only their text. With no bars, or
/// only zeros, the chart says so in words rather than dividing by zero.
pub fn bar_chart_svg(chart: &Chart<'_>, bars: &[Bar]) -> String {
    let id = sanitise_id(chart.id_prefix);
    let has_secondary = bars.iter().any(|bar| bar.secondary.is_some());
    let largest = bars
        .iter()
        .flat_map(|bar| std::iter::once(bar.value).chain(bar.secondary))
        .max()
        .unwrap_or_default();

    let row_height =
        LINE_HEIGHT + BAR_HEIGHT + if has_secondary { 4 + BAR_HEIGHT } else { 0 } + ROW_GAP;
    let bar_height = |bar: &Bar| {
        row_height
            + if bar.secondary_note.is_some() {
                LINE_HEIGHT
            } else {
                0
            }
    };
    let legend_height = if has_secondary { LEGEND_HEIGHT } else { 0 };
    let height = if bars.is_empty() {
        LINE_HEIGHT + ROW_GAP
    } else {
        legend_height + bars.iter().map(bar_height).sum::<i64>()
    };

    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" role="img""#,
            r#" aria-labelledby="{id}-title {id}-desc""#,
            r#" viewBox="0 0 {w} {h}" width="100%""#,
            r#" font-family="sans-serif" font-size="14" fill="{text}">"#,
            "\n<title id=\"{id}-title\">{title}</title>",
            "\n<desc id=\"{id}-desc\">{desc}</desc>\n",
        ),
        id = id,
        w = VIEW_WIDTH,
        h = height,
        text = TEXT_COLOUR,
        title = escape::xml(chart.title),
        desc = escape::xml(&description(chart, bars, has_secondary)),
    );

    if bars.is_empty() {
        let _ = writeln!(
            svg,
            r#"<text x="0" y="15">Geen bedragen om te tonen.</text>"#
        );
        svg.push_str("</svg>");
        return svg;
    }

    if has_secondary {
        let _ = write!(
            svg,
            concat!(
                r#"<defs><pattern id="{id}-arcering" width="6" height="6""#,
                r#" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"#,
                r##"<rect width="6" height="6" fill="#fff"/>"##,
                r#"<rect width="3" height="6" fill="{colour}"/></pattern></defs>"#,
                "\n",
                r#"<rect x="0" y="4" width="16" height="16" fill="{value_colour}"/>"#,
                r#"<text x="22" y="17">{value_name}</text>"#,
                "\n",
            ),
            id = id,
            colour = SECONDARY_COLOUR,
            value_colour = VALUE_COLOUR,
            value_name = escape::xml(chart.value_name),
        );
        secondary_rect(&mut svg, &id, VIEW_WIDTH / 2, 4, 16, 16);
        let _ = writeln!(
            svg,
            r#"<text x="{x}" y="17">{name}</text>"#,
            x = VIEW_WIDTH / 2 + 22,
            name = escape::xml(chart.secondary_name),
        );
    }

    let mut top = legend_height;
    for bar in bars {
        let this_top = top;
        top += bar_height(bar);
        let top = this_top;
        let _ = writeln!(
            svg,
            r#"<text x="0" y="{y}">{label}</text>"#,
            y = top + 15,
            label = escape::xml(&shorten(&bar.label)),
        );

        let bar_top = top + LINE_HEIGHT;
        let width = bar_width(bar.value, largest);
        if width > 0 {
            let _ = write!(
                svg,
                r#"<rect x="0" y="{bar_top}" width="{width}" height="{BAR_HEIGHT}" fill="{VALUE_COLOUR}"/>"#,
            );
        }
        amount_text(&mut svg, bar_top, &bar.value.format_nl());

        let bar_top = bar_top + BAR_HEIGHT + 4;
        match bar.secondary {
            Some(secondary) => {
                secondary_rect(
                    &mut svg,
                    &id,
                    0,
                    bar_top,
                    bar_width(secondary, largest),
                    BAR_HEIGHT,
                );
                amount_text(&mut svg, bar_top, &secondary.format_nl());
            }
            None if has_secondary => amount_text(&mut svg, bar_top, chart.secondary_unknown),
            None => {}
        }
        if let Some(note) = &bar.secondary_note {
            let _ = writeln!(
                svg,
                r#"<text x="0" y="{y}">{note}</text>"#,
                y = bar_top + BAR_HEIGHT + 16,
                note = escape::xml(&shorten(note)),
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The caller's description followed by the data as sentences:
/// "Noord: Toegekend € 1.250,00, Besteed € 800,00."
fn description(chart: &Chart<'_>, bars: &[Bar], has_secondary: bool) -> String {
    let mut desc = chart.desc.trim().to_string();
    for bar in bars {
        if !desc.is_empty() {
            desc.push(' ');
        }
        let _ = write!(desc, "{}: ", bar.label.trim());
        if has_secondary {
            let _ = write!(desc, "{} ", chart.value_name);
        }
        let _ = write!(desc, "{}", bar.value);
        match bar.secondary {
            Some(secondary) => {
                let _ = write!(desc, ", {} {secondary}", chart.secondary_name);
            }
            None if has_secondary => {
                let _ = write!(
                    desc,
                    ", {} {}",
                    chart.secondary_name, chart.secondary_unknown
                );
            }
            None => {}
        }
        if let Some(note) = &bar.secondary_note {
            let _ = write!(desc, " ({})", note.trim());
        }
        desc.push('.');
    }
    desc
}

/// A bar of the secondary series: a solid edge two units wide (so the bar
/// has enough contrast with the page) around a hatched inside.
fn secondary_rect(svg: &mut String, id: &str, x: i64, y: i64, width: i64, height: i64) {
    if width <= 0 {
        return;
    }
    let _ = write!(
        svg,
        r#"<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{SECONDARY_COLOUR}"/>"#,
    );
    if width > 4 {
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="url(#{id}-arcering)"/>"#,
            x = x + 2,
            y = y + 2,
            width = width - 4,
            height = height - 4,
        );
    }
}

/// An amount (in Dutch format) or a word to the right of the bar starting
/// at `bar_top`.
fn amount_text(svg: &mut String, bar_top: i64, amount: &str) {
    let _ = writeln!(
        svg,
        r#"<text x="{AMOUNT_X}" y="{y}">{amount}</text>"#,
        y = bar_top + 14,
        amount = escape::xml(amount),
    );
}

/// The width of a bar for `amount` when `largest` gets [`FULL_BAR`]:
/// rounded half up, at least 1 for a positive amount, 0 for zero, a negative
/// amount, or when nothing is positive.
fn bar_width(amount: Euros, largest: Euros) -> i64 {
    let (amount, largest) = (i128::from(amount.cents()), i128::from(largest.cents()));
    if amount <= 0 || largest <= 0 {
        return 0;
    }
    let width = (amount * i128::from(FULL_BAR) * 2 + largest) / (largest * 2);
    // `amount <= largest`, so the width fits easily.
    (width as i64).max(1)
}

/// A label cut to [`MAX_LABEL_CHARS`] characters.
fn shorten(label: &str) -> String {
    let label = label.trim();
    if label.chars().count() <= MAX_LABEL_CHARS {
        return label.to_string();
    }
    let mut short: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

/// An id prefix of ASCII letters, digits, `-` and `_` that starts with a
/// letter, as XML ids and CSS selectors want.
fn sanitise_id(prefix: &str) -> String {
    let id: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id
    } else {
        format!("grafiek-{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::money::parse;

    const CHART: Chart<'static> = Chart {
        id_prefix: "budget-2026",
        title: "Toegekend per wijk",
        desc: "Het toegekende bedrag per wijk in ronde 1.",
        value_name: "Toegekend",
        secondary_name: "Besteed",
        secondary_unknown: "nog niet bekend",
    };

    fn bar(label: &str, value: &str) -> Bar {
        Bar {
            label: label.to_string(),
            value: parse(value).unwrap(),
            secondary: None,
            secondary_note: None,
        }
    }

    fn with_secondary(label: &str, value: &str, secondary: &str) -> Bar {
        Bar {
            secondary: Some(parse(secondary).unwrap()),
            ..bar(label, value)
        }
    }

    /// Widths of the value bars, top to bottom (the legend swatch excluded).
    fn value_widths(svg: &str) -> Vec<i64> {
        let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(VALUE_COLOUR))
            .filter(|n| n.attribute("height") == Some("18"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect()
    }

    /// Outer widths of the secondary bars, top to bottom.
    fn secondary_widths(svg: &str) -> Vec<i64> {
        let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(SECONDARY_COLOUR))
            .filter(|n| n.attribute("height") == Some("18"))
            .map(|n| n.attribute("width").unwrap().parse().unwrap())
            .collect()
    }

    fn texts(svg: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn the_largest_bar_is_full_width_and_the_others_are_in_proportion() {
        let svg = bar_chart_svg(
            &CHART,
            &[
                bar("Noord", "500"),
                bar("Zuid", "1000"),
                bar("Oost", "250"),
                bar("West", "0,01"),
            ],
        );
        assert_eq!(value_widths(&svg), [115, 230, 58, 1]);
    }

    #[test]
    fn widths_are_rounded_half_up_to_whole_units() {
        // 1/3 of 230 = 76.67 → 77; 2/3 = 153.33 → 153.
        let svg = bar_chart_svg(&CHART, &[bar("a", "1"), bar("b", "2"), bar("c", "3")]);
        assert_eq!(value_widths(&svg), [77, 153, 230]);
    }

    #[test]
    fn the_secondary_series_shares_the_scale_and_can_be_the_largest() {
        let svg = bar_chart_svg(
            &CHART,
            &[
                with_secondary("Noord", "1000", "2000"),
                with_secondary("Zuid", "500", "0"),
            ],
        );
        assert_eq!(value_widths(&svg), [115, 58]);
        // Zero gets no bar; the legend swatch is 16 high, so not counted.
        assert_eq!(secondary_widths(&svg), [230]);
    }

    #[test]
    fn no_bars_say_so_in_words() {
        let svg = bar_chart_svg(&CHART, &[]);
        assert_eq!(texts(&svg), ["Geen bedragen om te tonen."]);
        assert!(svg.contains(r#"viewBox="0 0 340 34""#));
    }

    #[test]
    fn all_zero_amounts_draw_no_bars_but_still_show_the_amounts() {
        let svg = bar_chart_svg(
            &CHART,
            &[bar("Noord", "0"), with_secondary("Zuid", "0", "0")],
        );
        assert_eq!(value_widths(&svg), Vec::<i64>::new());
        assert_eq!(secondary_widths(&svg), Vec::<i64>::new());
        assert_eq!(
            texts(&svg).iter().filter(|t| *t == "€\u{a0}0,00").count(),
            3
        );
    }

    #[test]
    fn negative_amounts_get_no_bar_but_keep_their_text() {
        let svg = bar_chart_svg(&CHART, &[bar("Noord", "-50"), bar("Zuid", "100")]);
        assert_eq!(value_widths(&svg), [230]);
        assert!(texts(&svg).contains(&"€\u{a0}-50,00".to_string()));
    }

    #[test]
    fn extreme_amounts_do_not_overflow() {
        let svg = bar_chart_svg(
            &CHART,
            &[
                Bar {
                    label: "veel".into(),
                    value: Euros::from_cents(i64::MAX),
                    secondary: Some(Euros::from_cents(i64::MIN)),
                    secondary_note: None,
                },
                Bar {
                    label: "half".into(),
                    value: Euros::from_cents(i64::MAX / 2),
                    secondary: None,
                    secondary_note: None,
                },
            ],
        );
        assert_eq!(value_widths(&svg), [230, 115]);
    }

    #[test]
    fn labels_and_amounts_are_written_as_dutch_text() {
        let svg = bar_chart_svg(&CHART, &[with_secondary("Zielhorst", "12500", "8000,5")]);
        assert_eq!(
            texts(&svg),
            [
                "Toegekend",
                "Besteed",
                "Zielhorst",
                "€\u{a0}12.500,00",
                "€\u{a0}8.000,50"
            ]
        );
    }

    #[test]
    fn it_is_an_image_labelled_by_its_title_and_description() {
        let svg = bar_chart_svg(&CHART, &[bar("Noord", "10")]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(
            root.attribute("aria-labelledby"),
            Some("budget-2026-title budget-2026-desc")
        );
        assert_eq!(root.attribute("width"), Some("100%"));
        assert_eq!(root.attribute("viewBox"), Some("0 0 340 52"));
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.attribute("id"), Some("budget-2026-title"));
        assert_eq!(title.text(), Some("Toegekend per wijk"));
        let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
        assert_eq!(desc.attribute("id"), Some("budget-2026-desc"));
        assert_eq!(
            desc.text(),
            Some("Het toegekende bedrag per wijk in ronde 1. Noord: €\u{a0}10,00.")
        );
    }

    #[test]
    fn the_description_carries_the_data_for_screen_readers() {
        let chart = Chart { desc: "", ..CHART };
        let svg = bar_chart_svg(
            &chart,
            &[with_secondary("Noord", "1250", "800"), bar("Zuid", "300")],
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
        assert_eq!(
            desc.text(),
            Some(
                "Noord: Toegekend €\u{a0}1.250,00, Besteed €\u{a0}800,00. \
                 Zuid: Toegekend €\u{a0}300,00, Besteed nog niet bekend."
            )
        );
    }

    #[test]
    fn an_unknown_secondary_amount_is_said_in_words_not_as_zero() {
        let partly = Bar {
            secondary_note: Some("besteed: van 1 van de 2 projecten bekend".into()),
            ..with_secondary("Noord", "1250", "800")
        };
        let svg = bar_chart_svg(&CHART, &[partly, bar("Zuid", "300")]);
        let texts = texts(&svg);
        assert!(!svg.contains(">€\u{a0}0,00<"), "no zero for unknown: {svg}");
        assert!(texts.contains(&"nog niet bekend".to_string()), "{texts:?}");
        assert!(
            texts.contains(&"besteed: van 1 van de 2 projecten bekend".to_string()),
            "{texts:?}"
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
        assert!(
            desc.text()
                .unwrap()
                .contains("Besteed €\u{a0}800,00 (besteed: van 1 van de 2 projecten bekend)."),
            "{desc:?}"
        );
        // The note takes a line of its own: the chart grows by one line.
        let without = bar_chart_svg(
            &CHART,
            &[with_secondary("Noord", "1250", "800"), bar("Zuid", "300")],
        );
        let height = |svg: &str| {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let view = doc.root_element().attribute("viewBox").unwrap().to_string();
            view.rsplit(' ').next().unwrap().parse::<i64>().unwrap()
        };
        assert_eq!(height(&svg), height(&without) + LINE_HEIGHT);
    }

    #[test]
    fn ids_come_from_the_prefix_and_stay_valid() {
        let chart = Chart {
            id_prefix: "2026 wijk \"noord\"",
            ..CHART
        };
        let svg = bar_chart_svg(&chart, &[with_secondary("Noord", "1", "1")]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        assert_eq!(
            ids,
            [
                "grafiek-2026-wijk--noord--title",
                "grafiek-2026-wijk--noord--desc",
                "grafiek-2026-wijk--noord--arcering"
            ]
        );
        assert!(svg.contains("url(#grafiek-2026-wijk--noord--arcering)"));
    }

    #[test]
    fn all_text_is_escaped() {
        let nasty = "<script>&\"'";
        let chart = Chart {
            id_prefix: nasty,
            title: nasty,
            desc: nasty,
            value_name: nasty,
            secondary_name: nasty,
            secondary_unknown: nasty,
        };
        let unknown = Bar {
            secondary_note: Some(nasty.into()),
            ..bar(nasty, "1")
        };
        let svg = bar_chart_svg(&chart, &[with_secondary(nasty, "1", "2"), unknown]);
        assert!(!svg.contains("<script"));
        assert!(svg.contains("&lt;script&gt;&amp;&quot;&apos;"));
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some(nasty));
        // Two labels, two legend names, the unknown word and the note.
        assert!(texts(&svg).iter().filter(|t| *t == nasty).count() == 6);
        assert_eq!(escape::xml("a\u{0}b"), "a\u{fffd}b");
    }

    #[test]
    fn long_labels_are_cut_off_but_kept_whole_in_the_description() {
        let long = "Een heel lange naam voor een prioriteit die niet op één regel past";
        let svg = bar_chart_svg(&CHART, &[bar(long, "1")]);
        let shown = &texts(&svg)[0];
        assert_eq!(shown.chars().count(), MAX_LABEL_CHARS);
        assert!(shown.ends_with('…'));
        assert!(long.starts_with(shown.trim_end_matches('…')));
        assert!(svg.contains(long));
    }

    #[test]
    fn every_coordinate_is_an_integer() {
        let svg = bar_chart_svg(
            &CHART,
            &[
                with_secondary("a", "3", "1"),
                bar("b", "7"),
                with_secondary("c", "0,01", "2,99"),
            ],
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        for node in doc.descendants() {
            for attr in ["x", "y", "width", "height"] {
                if let Some(v) = node.attribute(attr)
                    && v != "100%"
                {
                    assert!(v.parse::<i64>().is_ok(), "{attr}={v}");
                }
            }
        }
        let view_box = doc.root_element().attribute("viewBox").unwrap();
        assert!(view_box.split(' ').all(|v| v.parse::<i64>().is_ok()));
    }

    #[test]
    fn the_output_is_deterministic() {
        let bars = [with_secondary("Noord", "1250", "800"), bar("Zuid", "300")];
        assert_eq!(bar_chart_svg(&CHART, &bars), bar_chart_svg(&CHART, &bars));
    }

    /// WCAG 2 contrast ratio of a `#rrggbb` colour against white.
    fn contrast_with_white(colour: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&colour[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        1.05 / (luminance + 0.05)
    }

    #[test]
    fn colours_have_enough_contrast_with_a_white_page() {
        assert!(contrast_with_white(TEXT_COLOUR) >= 4.5);
        assert!(contrast_with_white(VALUE_COLOUR) >= 3.0);
        assert!(contrast_with_white(SECONDARY_COLOUR) >= 3.0);
        assert!(
            contrast_with_white("#767676") >= 4.5,
            "the check itself: grey #767676 is 4.54:1"
        );
        assert!(
            contrast_with_white("#777777") < 4.5,
            "the check itself: grey #777777 is 4.48:1"
        );
    }

    #[test]
    fn the_second_series_is_hatched_not_only_coloured() {
        let svg = bar_chart_svg(&CHART, &[with_secondary("Noord", "100", "50")]);
        assert!(svg.contains(r#"<pattern id="budget-2026-arcering""#));
        assert!(svg.contains(
            r#"<rect x="2" y="74" width="111" height="14" fill="url(#budget-2026-arcering)"/>"#
        ));
        // Without a secondary series there is no legend and no pattern.
        let single = bar_chart_svg(&CHART, &[bar("Noord", "100")]);
        assert!(!single.contains("<pattern"));
        assert!(!texts(&single).contains(&"Toegekend".to_string()));
    }
}
