//! Colours as `#rrggbb` and their contrast by WCAG 2 (relative luminance
//! and contrast ratio, https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).

/// A colour in sRGB, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Reads `#rrggbb` (either case); anything else is `None`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// `#rrggbb` in lower case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance, 0.0 (black) to 1.0 (white).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// This colour mixed with `other`: `share` 0.0 is this colour, 1.0 is `other`.
    pub fn mix(self, other: Rgb, share: f64) -> Rgb {
        let share = share.clamp(0.0, 1.0);
        let one = |a: u8, b: u8| {
            let v = f64::from(a) + (f64::from(b) - f64::from(a)) * share;
            // In 0..=255 by the clamp above, so the cast loses nothing but the fraction.
            v.round().clamp(0.0, 255.0) as u8
        };
        Rgb(
            one(self.0, other.0),
            one(self.1, other.1),
            one(self.2, other.2),
        )
    }
}

/// The WCAG contrast ratio of two colours, 1.0 to 21.0.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// A ratio as people read it in Dutch, rounded down to one decimal so a
/// ratio just under a limit never reads as the limit: `4,4:1`, `21:1`.
pub fn ratio_text(ratio: f64) -> String {
    let tenths = (ratio * 10.0).floor();
    if tenths % 10.0 == 0.0 {
        format!("{}:1", tenths / 10.0)
    } else {
        format!("{:.1}:1", tenths / 10.0).replace('.', ",")
    }
}

/// The nearest shade of `colour` towards `towards` (black or white) that
/// has at least `needed` contrast against every one of `backgrounds`, if any.
pub fn nearest_passing(colour: Rgb, towards: Rgb, backgrounds: &[Rgb], needed: f64) -> Option<Rgb> {
    (0..=100)
        .map(|step| colour.mix(towards, f64::from(step) / 100.0))
        .find(|c| backgrounds.iter().all(|bg| contrast(*c, *bg) >= needed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = Rgb(255, 255, 255);
    const BLACK: Rgb = Rgb(0, 0, 0);

    #[test]
    fn known_pairs_have_their_ratio() {
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, BLACK) - 21.0).abs() < 1e-9);
        let grey = Rgb::parse("#777777").unwrap();
        assert!((contrast(grey, WHITE) - 4.48).abs() < 0.005);
        assert_eq!(ratio_text(contrast(grey, WHITE)), "4,4:1");
        assert_eq!(ratio_text(contrast(BLACK, WHITE)), "21:1");
        let yellow = Rgb::parse("#FFCC00").unwrap();
        assert_eq!(ratio_text(contrast(yellow, WHITE)), "1,5:1");
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn only_six_hex_digits_after_a_hash_parse() {
        assert_eq!(Rgb::parse("#0b4F9c"), Some(Rgb(0x0b, 0x4f, 0x9c)));
        assert_eq!(Rgb::parse("#0b4f9c").unwrap().hex(), "#0b4f9c");
        for bad in [
            "0b4f9c", "#fff", "#0b4f9", "#0b4f9cc", "#gggggg", "", "#", "#ééé",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_nearest_passing_shade_passes_and_is_found_in_the_right_direction() {
        let yellow = Rgb::parse("#ffcc00").unwrap();
        let darker = nearest_passing(yellow, BLACK, &[WHITE], 4.5).unwrap();
        assert!(contrast(darker, WHITE) >= 4.5);
        assert!(darker.luminance() < yellow.luminance());
        // A colour that passes already is its own nearest shade.
        let navy = Rgb(0, 0, 0x80);
        assert_eq!(nearest_passing(navy, BLACK, &[WHITE], 4.5), Some(navy));
        assert_eq!(nearest_passing(WHITE, WHITE, &[WHITE], 4.5), None);
    }
}
